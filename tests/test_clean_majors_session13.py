"""Issue 10, session 13: clean pairs flagged major by polarity, wrong segment and truncation.
Each rule with a hit (or a defect that stays flagged) and a clean twin."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.polarity import english_negation
from mt_review.model import Severity
from tests.test_checks import page_ctx


def polarity(en, ar):
    return run_checks(page_ctx([(en, ar)]), enabled=["polarity"])[0]


@pytest.mark.parametrize("en", [
    "You do not want to save the changes.",
    "You don't save it automatically.",
    "It cannot save the image.",
    "Do not save the file and close it.",
])
def test_save_as_a_verb_is_no_exception(en):
    """"save" after to / can / not / n't / and is the verb: the negation before it stays sure."""
    assert len(english_negation(en).sure) == 1
    fs = polarity(en, "تريد حفظ التغييرات.")  # the Arabic lost its لا
    assert fs and fs[0].severity.rank >= Severity.MAJOR.rank


@pytest.mark.parametrize("en", [
    "There is no god save Allah.",
    "No one knows it save Allah.",
    "They did not return, save one.",
])
def test_save_as_a_preposition_is_except(en):
    """The twin: "save" = except ("no god save Him") makes the negation an "only", possible."""
    assert english_negation(en).sure == ()
    assert polarity(en, "لا يعلمه إلا الله.") == []
