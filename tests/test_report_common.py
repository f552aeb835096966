"""Shared report helpers: spans onto joined segments, overlapping marks, ordering."""

from __future__ import annotations

from mt_review.model import Finding, Segment, Severity, Span
from mt_review.report.common import flagged_segments, marked_pieces, span_in_segments
from report_fixtures import make_page_review

BLOCK = "First sentence here. Second one, with a number 42. Third."


def _seg(text: str, block: int = 0) -> Segment:
    start = BLOCK.index(text)
    return Segment(block, start, start + len(text), text)


def test_span_in_second_of_two_segments():
    segs = (_seg("First sentence here."), _seg("Second one, with a number 42."))
    joined = " ".join(s.text for s in segs)
    start = BLOCK.index("42")
    ranges = span_in_segments(Span(0, start, start + 2, "42"), segs)
    assert [joined[a:b] for a, b in ranges] == ["42"]


def test_span_across_two_segments_is_clipped_to_each():
    segs = (_seg("First sentence here."), _seg("Second one, with a number 42."))
    joined = " ".join(s.text for s in segs)
    a, b = BLOCK.index("here"), BLOCK.index(" one")
    ranges = span_in_segments(Span(0, a, b, BLOCK[a:b]), segs)
    assert [joined[x:y] for x, y in ranges] == ["here.", "Second"]


def test_span_other_block_falls_back_to_text():
    segs = (_seg("Third."),)
    assert span_in_segments(Span(5, 0, 5, "Third"), segs) == [(0, 5)]
    assert span_in_segments(Span(5, 0, 5, "absent"), segs) == []


def test_overlapping_marks():
    f1 = Finding("a", "x/y", Severity.MINOR, "m1")
    f2 = Finding("b", "x/z", Severity.MAJOR, "m2")
    pieces = list(marked_pieces("abcdefgh", [(1, 5, f1), (3, 7, f2), (6, 99, f1)]))
    assert "".join(p for p, _ in pieces) == "abcdefgh"
    covered = {p: [f.check for f in fs] for p, fs in pieces}
    assert covered["a"] == [] and covered["bc"] == ["a"] and covered["de"] == ["a", "b"]
    assert covered["f"] == ["b"] and covered["g"] == ["b", "a"] and covered["h"] == ["a"]


def test_flagged_worst_first():
    page = make_page_review()
    order = [s.severity.value for _, s in flagged_segments(page)]
    assert order == ["critical", "major", "major", "minor"]
    # equal severity: riskier first
    majors = [s.risk for _, s in flagged_segments(page) if s.severity == Severity.MAJOR]
    assert majors == sorted(majors, reverse=True)
