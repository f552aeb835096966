"""Terminology: glossary terms must use an approved Arabic rendering, never a forbidden one,
and one rendering per term on a page.

Matching is tolerant of Arabic spelling variants (alef forms, teh marbuta,
alef maksura, diacritics, tatweel), proclitics (و ف ب ل ك ال) and pronoun
suffixes; see :func:`mt_review.checks.text.find_arabic_phrase`.
"""

from __future__ import annotations

from collections import Counter

from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.checks.text import find_arabic_phrase
from mt_review.model import AlignedPair, Finding, Segment, Severity


def _renderings_used(entry, tgt: tuple[Segment, ...]) -> list[tuple[int, Segment, int, int]]:
    """(rendering index, segment, start, end) for each approved rendering found in the target."""
    out = []
    for i, rendering in enumerate(entry.ar):
        for seg in tgt:
            for v in entry.variants(rendering):
                for s, e in find_arabic_phrase(seg.text, v):
                    out.append((i, seg, s, e))
    return out


class TerminologyCheck(Check):
    name = "terminology"
    category = "terminology/wrong-term"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        gl = ctx.glossary
        if gl is None or not pair.src or not pair.tgt:
            return []
        out: list[Finding] = []
        done: set = set()
        tgt_text = pair.tgt_text
        for sseg in pair.src:
            for entry, s, e in gl.find_source_terms(sseg.text):
                if entry.en in done:
                    continue
                done.add(entry.en)
                src_span = seg_span(sseg, s, e)
                bad, spans = [], set()
                # a forbidden form inside an approved rendering ("الصمود" in
                # "القدرة على الصمود") is part of the right term, not a wrong one
                approved = [(seg.block_index, seg.start + s_, seg.start + e_)
                            for _, seg, s_, e_ in _renderings_used(entry, pair.tgt)]
                for f in entry.forbidden_forms:
                    for seg in pair.tgt:
                        for fs, fe in find_arabic_phrase(seg.text, f):
                            if any(b == seg.block_index and a_s < seg.start + fe and seg.start + fs < a_e
                                   for b, a_s, a_e in approved):
                                continue
                            if (seg.block_index, seg.start + fs) not in spans:
                                spans.add((seg.block_index, seg.start + fs))
                                bad.append((seg, fs, fe, f))
                for seg, fs, fe, f in bad:
                    out.append(self.finding(
                        f"'{seg.text[fs:fe]}' is a forbidden rendering of '{entry.term}'.",
                        src_span=src_span, tgt_span=seg_span(seg, fs, fe),
                        threshold=f"glossary forbids '{f}' for '{entry.term}'",
                        suggestion=entry.ar[0] if entry.ar else entry.term,
                    ))
                if bad or approved:
                    continue
                if entry.keep_latin in ("yes", "expanded") and any(
                        f.lower() in tgt_text.lower() for f in entry.surface_forms):
                    continue
                if entry.acronym and entry.acronym in tgt_text:
                    continue  # left in Latin: reported by the untranslated check
                if not entry.ar:
                    continue
                out.append(self.finding(
                    f"No approved rendering of '{entry.term}' found in the target.",
                    severity=Severity.MINOR, category="terminology/inconsistent-with-termbase",
                    src_span=src_span,
                    threshold=f"glossary renderings absent: {' | '.join(entry.ar)}",
                    suggestion=entry.ar[0],
                ))
        return out

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        out = {i: self.run(p, ctx) for i, p in enumerate(ctx.pairs)}
        gl = ctx.glossary
        if gl is None:
            return out
        uses: dict[str, list[tuple[int, int, Segment, int, int]]] = {}
        entries = {}
        for i, pair in enumerate(ctx.pairs):
            if not pair.src or not pair.tgt:
                continue
            seen = {entry.en: entry for seg in pair.src for entry, _, _ in gl.find_source_terms(seg.text)}
            for en, entry in seen.items():
                entries[en] = entry
                for r, seg, s, e in _renderings_used(entry, pair.tgt):
                    uses.setdefault(en, []).append((r, i, seg, s, e))
        for en, hits in uses.items():
            counts = Counter(r for r, *_ in hits)
            if len(counts) < 2:
                continue
            entry = entries[en]
            main = max(counts, key=lambda r: (counts[r], -r))
            for r, i, seg, s, e in hits:
                if r == main:
                    continue
                out[i].append(self.finding(
                    f"'{entry.term}' is rendered '{seg.text[s:e]}' here but '{entry.ar[main]}' elsewhere on this page.",
                    severity=Severity.MINOR, category="terminology/inconsistent",
                    tgt_span=seg_span(seg, s, e),
                    threshold=f"{len(counts)} renderings of one glossary term on the page "
                              f"('{entry.ar[main]}' ×{counts[main]}, '{entry.ar[r]}' ×{counts[r]})",
                    suggestion=entry.ar[main],
                ))
        return out
