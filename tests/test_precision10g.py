"""Issue 10 precision (names / truncation): each rule with a hit that stays flagged and a clean twin."""

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
