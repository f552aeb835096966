"""Issue 10 precision (truncation, wrong segment): each rule with a hit that stays flagged and a clean twin."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.model import Severity
from tests.test_checks import page_ctx


def truncated(en, ar):
    return run_checks(page_ctx([(en, ar)]), enabled=["truncation"])[0]


@pytest.mark.parametrize("en, ar", [
    ("Worship during the trials is like emigration to me.", "العبادة في الهرج كالهجرة إلى."),
    ("You are dearer than anyone to me", "أنت أحب الناس إلى"),
    ("He has a right over me", "له حق على"),
])
def test_a_final_preposition_read_with_me_is_not_cut_short(en, ar):
    """إلى / على for إليّ / عليّ: the source ends on "me", so the clause is whole."""
    assert truncated(en, ar) == []


@pytest.mark.parametrize("en, ar", [
    ("Worship during the trials is like emigration to Madinah.", "العبادة في الهرج كالهجرة إلى."),
    ("You are dearer than anyone to me", "أنت أحب الناس من"),  # من cannot carry "me" (that is مني)
])
def test_a_final_preposition_without_me_stays_cut_short(en, ar):
    fs = truncated(en, ar)
    assert fs and fs[0].severity is Severity.MAJOR


def wrong_segments(pairs):
    return run_checks(page_ctx(pairs), enabled=["wrong_segment"])[-1]


def test_a_target_against_the_page_anchors_that_has_a_word_of_its_source_is_not_a_wrong_segment():
    """The page's repeated renderings (Whether -> فيما إذا, visible -> ظاهر, Width -> عرض) point away
    from both targets; the first still has a form of its own source's word (الحكام, a plural the strict forms miss, of الحاكم "ruler"), so the
    anchors alone are weak evidence; the second has none and stays a wrong segment."""
    from mt_review import coverage
    from tests.test_meaning_recall import FORMULAIC
    en = "Whether the ruler is visible"
    kept, wrong = "عرض حد الحكام", "عرض حد المقبض"
    assert coverage.shared(en, coverage.prepare(kept)) == 0
    assert coverage.loosely_shared(en, kept) >= 1 and coverage.loosely_shared(en, wrong) == 0
    assert wrong_segments([*FORMULAIC, (en, kept)]) == []
    (f,) = wrong_segments([*FORMULAIC, (en, wrong)])
    assert f.severity is Severity.MAJOR and "anchors" in f.threshold
