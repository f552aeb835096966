"""Page quality score, MQM style.

Each finding costs its severity's penalty (minor 1, major 5, critical 25;
``Severity.penalty``).  The page's penalty is normalised per 100 source
words and the score is ``max(0, 100 - penalty per 100 words)``:

* a 400-word page with 8 minor and 2 major findings: penalty 18, 4.5 per 100
  words, score 95.5;
* one critical finding in a 100-word page: score 75.

A page with no source words scores 100 without findings, else
``max(0, 100 - total penalty)``.
"""

from __future__ import annotations

from typing import Iterable

from mt_review.model import Finding, SegmentReview

PER_WORDS = 100


def penalty(findings: Iterable[Finding]) -> int:
    """MQM penalty; a finding that stands for several errors (``Finding.counts_as``,
    a cut-off page) costs each of them."""
    return sum(f.severity.penalty * f.counts_as for f in findings)


def page_score(findings: Iterable[Finding], source_words: int) -> float:
    total = penalty(findings)
    if source_words <= 0:
        return float(max(0, 100 - total))
    per_100 = total * PER_WORDS / source_words
    return round(max(0.0, 100.0 - per_100), 2)


def segments_score(segments: Iterable[SegmentReview], source_words: int) -> float:
    """A page's score from its segments' findings.  Site furniture is flagged and
    gated but not scored as translation, so its findings never enter here."""
    return page_score([f for s in segments for f in s.findings], source_words)
