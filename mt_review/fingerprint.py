"""Stable fingerprints of findings, for baselines, accepted decisions and SARIF.

A fingerprint is a sha256 over:

* the page name and the finding's check;
* the normalised SOURCE text of the segment the finding belongs to (the
  target text when the segment has no source, e.g. an addition), or for site
  furniture the furniture kind and its block text, plus which repeat of that
  text on the page it is (the 2nd "Read more" card, say);
* the normalised evidence text on both sides (or the threshold when the
  finding has no span), each with which occurrence of that text in the
  segment the span points at (the 2nd " ،" of the sentence, say);
* as a last resort, the finding's rank among otherwise identical findings of
  the same segment.

Nothing depends on block numbers or offsets into the page, so an unrelated
edit elsewhere on the page does not change it, while the same span text in
two different sentences (a misplaced " ،", a number, an untranslated acronym)
gives two different fingerprints.  The occurrence indices come from the text
itself, not from the other findings.  ``with_fingerprints`` stores each
finding's fingerprint on it when the page review is made
(``pipeline.review_page``), so baselining is a filter on stored values and
nothing is recomputed or cached by object identity.

``finding_fingerprint`` (32 hex digits) is what baselines, decisions, JSON
and SARIF's ``mtReviewFinding/v1`` carry; ``finding_fingerprint_full`` is
the whole 64-digit digest of the same data (SARIF's ``mtReviewText/v1``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import pairwise
from typing import Any, Sequence

from mt_review.model import Block, Finding, PageReview, Segment, Span

__all__ = ["finding_fingerprint", "finding_fingerprint_full", "page_fingerprints", "with_fingerprints"]

_SPACE = re.compile(r"\s+")
_SEP = "\x1f"
_VERSION = "fp2"


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


# --------------------------------------------------------------------------- where a span sits


def starts_of(text: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``text``, overlapping ones too, in time linear in ``len(text)``.

    ``str.find`` from each hit + 1 is fast for ordinary texts, but a hit costs
    ``len(needle)`` to confirm: on a run of one character with a long needle
    (a fuzzed 132,000-digit number) that is quadratic (4.6 s).  Once the hits
    have cost a few times the text, the rest is found with the Knuth-Morris-Pratt
    failure table, which reads each character of the text once."""
    starts: list[int] = []
    budget = 4 * len(text) + 4096
    pos = text.find(needle)
    while pos >= 0:
        starts.append(pos)
        budget -= len(needle)
        if budget < 0:
            starts.extend(_kmp_starts(text, needle, pos + 1))
            break
        pos = text.find(needle, pos + 1)
    return starts


def _kmp_starts(text: str, needle: str, begin: int) -> list[int]:
    """Starts of ``needle`` (overlapping) at or after ``begin``, by Knuth-Morris-Pratt."""
    fail = [0] * len(needle)
    k = 0
    for i in range(1, len(needle)):
        while k and needle[i] != needle[k]:
            k = fail[k - 1]
        if needle[i] == needle[k]:
            k += 1
        fail[i] = k
    out: list[int] = []
    k = 0
    for i in range(begin, len(text)):
        c = text[i]
        while k and c != needle[k]:
            k = fail[k - 1]
        if c == needle[k]:
            k += 1
        if k == len(needle):
            out.append(i - k + 1)
            k = fail[k - 1]
    return out


class _Text:
    """One segment side (or furniture block) text, with the places of each span text in it found once.

    A page with thousands of findings of one span text in a long segment (a
    fuzzed file, a page of repeated commas) would otherwise rescan the text
    for each finding: quadratic.  Here each distinct span text is searched
    once, and a finding's occurrence index is a binary search."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] = {}
        self._counts: dict[str, int] = {}

    def occurrence(self, needle: str, at: int | None) -> int:
        """Which occurrence (0-based, overlapping ones counted) of ``needle`` starts at ``at``; -1 when unknown."""
        if at is None or not needle or self.text[at : at + len(needle)] != needle:
            return -1
        starts = self._starts.get(needle)
        if starts is None:
            starts = self._starts[needle] = starts_of(self.text, needle)
        return bisect_left(starts, at)

    def count(self, needle: str) -> int:
        """``str.count``: non-overlapping occurrences."""
        if needle not in self._counts:
            self._counts[needle] = self.text.count(needle)
        return self._counts[needle]


class _Side:
    """A segment side: its sentences joined by one space, and where each sentence starts in the join."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segments = segments
        self.joined = _Text(" ".join(s.text for s in segments))
        self.bases: list[int] = []
        self.blocks: dict[int, list[tuple[int, int, int]]] = {}  # block -> sorted (start, end, base), empty ones left out
        base = 0
        for seg in segments:
            self.bases.append(base)
            if seg.end > seg.start:
                self.blocks.setdefault(seg.block_index, []).append((seg.start, seg.end, base))
            base += len(seg.text) + 1
        for rows in self.blocks.values():
            rows.sort()
        # the segmenter's sentences never overlap; if some do, the first holder in order is found by a scan
        self.disjoint = all(r[1] <= q[0] for rows in self.blocks.values() for r, q in pairwise(rows))
        self.starts = {b: [r[0] for r in rows] for b, rows in self.blocks.items()}

    def pos(self, span: Span) -> int | None:
        """Where ``span`` starts in the joined text (in the first sentence holding it), or ``None``."""
        if not self.disjoint:
            for seg, base in zip(self.segments, self.bases, strict=True):
                if span.block_index == seg.block_index and seg.start <= span.start < seg.end:
                    return base + span.start - seg.start
            return None
        rows = self.blocks.get(span.block_index)
        if not rows:
            return None
        i = bisect_right(self.starts[span.block_index], span.start) - 1
        if i < 0:
            return None
        start, end, base = rows[i]
        return base + span.start - start if span.start < end else None


def _span_part(span: Span | None, side: _Side | None, block: Block | None, block_text: _Text | None) -> str:
    """The span's normalised text and its occurrence index in the segment (or furniture block)."""
    if span is None:
        return ""
    text = span.text or ""
    if side is not None:
        occ = side.joined.occurrence(text, side.pos(span))
        if occ < 0 and text and side.joined.count(text) == 1:
            occ = 0  # segment-relative spans or odd offsets: unambiguous all the same
    elif block is not None and block_text is not None:
        at = span.start if span.block_index == block.index else None
        occ = block_text.occurrence(text, at)
        if occ < 0 and text and block_text.count(text) == 1:
            occ = 0
    else:
        occ = -1
    return f"{_norm(text)}@{occ}"


# --------------------------------------------------------------------------- the page's fingerprints


def _digest(parts: list[str]) -> str:
    return hashlib.sha256(_SEP.join(parts).encode("utf-8")).hexdigest()


def _context_free(page: PageReview, finding: Finding) -> list[str]:
    """The parts for a finding that is not on ``page`` (no segment to anchor it)."""
    return [
        _VERSION,
        page.pair.name,
        finding.check,
        "loose",
        _norm(finding.src_span.text if finding.src_span else ""),
        _norm(finding.tgt_span.text if finding.tgt_span else ""),
        _norm(finding.threshold) if not (finding.src_span or finding.tgt_span) else "",
    ]


def _compute(page: PageReview) -> list[tuple[Finding, str]]:
    out: list[tuple[Finding, str]] = []
    seen_context: dict[str, int] = {}  # context text -> how many times it occurred before on the page

    def context_rank(key: str) -> int:
        k = seen_context.get(key, 0)
        seen_context[key] = k + 1
        return k

    containers: list[tuple[str, tuple[Finding, ...], tuple | None, Block | None, Block | None]] = []
    for seg in page.segments:
        src = _norm(seg.pair.src_text)
        key = "seg:" + (src if src else "tgt:" + _norm(seg.pair.tgt_text))
        containers.append((key, seg.findings, (seg.pair.src, seg.pair.tgt), None, None))
    for fr in page.furniture:
        text = _norm(fr.source.text) if fr.source is not None else ""
        if not text:
            text = "tgt:" + (_norm(fr.target.text) if fr.target is not None else "")
        containers.append((f"furniture:{fr.kind.value}:{text}", fr.findings, None, fr.source, fr.target))

    for key, findings, segs, src_block, tgt_block in containers:
        context = f"{key}#{context_rank(key)}"
        same: dict[tuple[str, ...], int] = {}
        if not findings:
            continue
        src_side = _Side(segs[0]) if segs else None  # each text prepared once for all its findings
        tgt_side = _Side(segs[1]) if segs else None
        src_text = _Text(src_block.text) if src_block is not None else None
        tgt_text = _Text(tgt_block.text) if tgt_block is not None else None
        prefixes: dict[str, Any] = {}  # check -> sha256 of the parts up to the context
        for f in findings:
            parts = [
                _VERSION,
                page.pair.name,
                f.check,
                context,
                _span_part(f.src_span, src_side, src_block, src_text),
                _span_part(f.tgt_span, tgt_side, tgt_block, tgt_text),
                _norm(f.threshold) if not (f.src_span or f.tgt_span) else "",
            ]
            ident = tuple(parts)
            rank = same.get(ident, 0)  # identical findings of the same segment: 1st, 2nd ...
            same[ident] = rank + 1
            # the same digest as _digest(parts + [rank]); the long context is hashed once per check
            head = prefixes.get(f.check)
            if head is None:
                head = prefixes[f.check] = hashlib.sha256(_SEP.join(parts[:4] + [""]).encode("utf-8"))
            h = head.copy()
            h.update(_SEP.join(parts[4:] + [str(rank)]).encode("utf-8"))
            out.append((f, h.hexdigest()))
    return out


def page_fingerprints(page: PageReview) -> list[tuple[Finding, str]]:
    """(finding, full 64-hex fingerprint) for every finding of ``page``, segments first, then furniture."""
    return _compute(page)


def with_fingerprints(page: PageReview) -> PageReview:
    """``page`` with every finding carrying its fingerprint (computed once, when the review is made)."""
    import dataclasses

    fps = iter(fp for _f, fp in _compute(page))

    def stamp(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
        return tuple(dataclasses.replace(f, fingerprint=next(fps)) for f in findings)

    segments = tuple(dataclasses.replace(s, findings=stamp(s.findings)) for s in page.segments)
    furniture = tuple(dataclasses.replace(fr, findings=stamp(fr.findings)) for fr in page.furniture)
    return dataclasses.replace(page, segments=segments, furniture=furniture)


def finding_fingerprint_full(page: PageReview, finding: Finding) -> str:
    """The 64-hex sha256 fingerprint of ``finding`` on ``page``: the stored one, else computed."""
    if finding.fingerprint:
        return finding.fingerprint
    for f, fp in _compute(page):  # a finding made outside a review (tests, tools)
        if f == finding:
            return fp
    return _digest(_context_free(page, finding))


def finding_fingerprint(page: PageReview, finding: Finding) -> str:
    """32 hex digits: what baselines, decisions and reports carry."""
    return finding_fingerprint_full(page, finding)[:32]
