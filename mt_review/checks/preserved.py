"""Preserved items: URLs, e-mails, placeholders, tags and bracketed codes in the
source must reach the target unchanged (positional %1$s counts as %s).

A link the CMS localised for the target language (WPML and the like) counts as
preserved: same scheme, host, path and fragment, except for a language segment
at the start of the path (``/about/`` -> ``/ar/about/``) or a ``lang=`` query
parameter naming the target language (``?lang=ar``).
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.checks.text import ASCII_DIGITS, protected_spans
from mt_review.model import AlignedPair, Finding, Segment, Severity

CATEGORY = {"tag": "markup/tag", "placeholder": "accuracy/do-not-translate/placeholder"}


# Arabic-Indic digits: an Arabic text may write a link's port or path numbers so (proxy.falcot.com:٣١٢٨);
# the same digits, compared as ASCII


def _key(kind: str, text: str) -> str:
    if kind == "placeholder":
        return re.sub(r"%\d+\$", "%", text)
    if kind == "URL":
        return text.translate(ASCII_DIGITS).rstrip("/").lower()
    if kind == "e-mail":
        return text.lower()
    return text


def _lang_code(value: str, lang: str) -> bool:
    """``value`` names language ``lang`` ("ar", "ar-ae", "ar_SA")."""
    primary = lang.lower().replace("_", "-").split("-")[0]
    region = r"(?:[-_](?:[a-z]{2}|\d{3}))?"  # ar-ae, ar_SA, ar-419
    return bool(primary) and re.fullmatch(re.escape(primary) + region, value.lower()) is not None


def _split_url(key: str):
    parts = urlsplit(key if "://" in key else "//" + key)
    return parts.scheme, parts.netloc, parts.path.rstrip("/"), parse_qsl(parts.query, keep_blank_values=True), \
        parts.fragment


def localised_url(src: str, tgt: str, src_lang: str = "en", tgt_lang: str = "ar") -> bool:
    """``tgt`` is ``src`` localised for ``tgt_lang``: a language path prefix and/or ``lang=`` parameter added.

    Both are URL keys (lower-cased, no trailing slash).  The host, the rest of
    the path, the other query parameters and the fragment must be unchanged.
    """
    if src == tgt:
        return True
    try:
        s_scheme, s_host, s_path, s_query, s_frag = _split_url(src)
        t_scheme, t_host, t_path, t_query, t_frag = _split_url(tgt)
    except ValueError:  # "http://[::1/p/" is no URL: then only equal text counts as kept
        return False
    if (s_scheme, s_host, s_frag) != (t_scheme, t_host, t_frag):
        return False
    segs = t_path.split("/")
    if t_path != s_path and len(segs) > 1 and _lang_code(segs[1], tgt_lang):
        t_path = "/".join(segs[:1] + segs[2:])
    s_query = [(k, v) for k, v in s_query if not (k == "lang" and _lang_code(v, src_lang))]
    t_query = [(k, v) for k, v in t_query if not (k == "lang" and _lang_code(v, tgt_lang))]
    return t_path == s_path and sorted(s_query) == sorted(t_query)


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
        for item in list(missing):  # links the CMS localised for the target language
            if item[0] != "URL":
                continue
            twin = next((x for x in extra if x[0] == "URL"
                         and localised_url(item[1], x[1], ctx.src_lang, ctx.tgt_lang)), None)
            if twin is not None:
                missing.remove(item)
                extra.remove(twin)
        out: list[Finding] = []
        for kind, _key, seg, s, e in missing:
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
        for kind, _key, seg, s, e in extra:
            out.append(self.finding(
                f"The target has a {kind} '{seg.text[s:e]}' that is not in the source.",
                severity=Severity.MINOR, category=CATEGORY.get(kind), tgt_span=seg_span(seg, s, e),
                threshold=f"target {kind} absent from source",
            ))
        return out
