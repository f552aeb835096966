"""Preserved items: URLs, e-mails, placeholders, tags and bracketed codes in the
source must reach the target unchanged (positional %1$s counts as %s)."""

from __future__ import annotations

import re
from collections import Counter

from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.checks.text import protected_spans
from mt_review.model import AlignedPair, Finding, Segment, Severity

CATEGORY = {"tag": "markup/tag", "placeholder": "accuracy/do-not-translate/placeholder"}


def _key(kind: str, text: str) -> str:
    if kind == "placeholder":
        return re.sub(r"%\d+\$", "%", text)
    if kind == "URL":
        return text.rstrip("/").lower()
    if kind == "e-mail":
        return text.lower()
    return text


def _items(segs: tuple[Segment, ...]) -> list[tuple[str, str, Segment, int, int]]:
    return [(kind, _key(kind, seg.text[s:e]), seg, s, e) for seg in segs for s, e, kind in protected_spans(seg.text)]


class PreservedCheck(Check):
    name = "preserved"
    category = "accuracy/do-not-translate"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if not pair.src or not pair.tgt:
            return []
        src, tgt = _items(pair.src), _items(pair.tgt)
        pool = Counter(k for _, k, *_ in tgt)
        missing = []
        for item in src:
            if pool[item[1]] > 0:
                pool[item[1]] -= 1
            else:
                missing.append(item)
        src_pool = Counter(k for _, k, *_ in src)
        extra = []
        for item in tgt:
            if src_pool[item[1]] > 0:
                src_pool[item[1]] -= 1
            else:
                extra.append(item)
        out: list[Finding] = []
        for kind, _key_, seg, s, e in missing:
            text = seg.text[s:e]
            changed = next((x for x in extra if x[0] == kind), None)
            if changed is not None:
                extra.remove(changed)
                out.append(self.finding(
                    f"The {kind} '{text}' was changed to '{changed[2].text[changed[3]:changed[4]]}' in the target.",
                    category=CATEGORY.get(kind), src_span=seg_span(seg, s, e),
                    tgt_span=seg_span(changed[2], changed[3], changed[4]),
                    threshold=f"source {kind} not found verbatim in target", suggestion=text,
                ))
            else:
                out.append(self.finding(
                    f"The {kind} '{text}' is missing from the target.",
                    category=CATEGORY.get(kind), src_span=seg_span(seg, s, e),
                    threshold=f"source {kind} not found verbatim in target", suggestion=f"keep {text} unchanged",
                ))
        for kind, _key_, seg, s, e in extra:
            out.append(self.finding(
                f"The target has a {kind} '{seg.text[s:e]}' that is not in the source.",
                severity=Severity.MINOR, category=CATEGORY.get(kind), tgt_span=seg_span(seg, s, e),
                threshold=f"target {kind} absent from source",
            ))
        return out
