"""Truncation: a lone letter after a number is an abbreviation (٤ م "4 pm"), not a word cut in two."""

from __future__ import annotations

import pytest

from mt_review.model import Severity
from tests.test_checks import findings


@pytest.mark.parametrize("ar", ["يبدأ الاجتماع الساعة ٤ م", "يبدأ الاجتماع الساعة 4 م", "يبدأ الاجتماع الساعة ٤:٣٠ م"])
def test_a_letter_after_a_number_is_an_abbreviation(ar):
    assert findings("The meeting starts at 4 pm", ar, "truncation") == []


@pytest.mark.parametrize("ar", ["يبدأ الاجتماع الساعة م", "الملف غير م"])
def test_a_lone_letter_after_a_word_is_still_a_cut_word(ar):
    (f,) = findings("The meeting starts at 4 pm", ar, "truncation")
    assert f.severity is Severity.MAJOR and f.tgt_span.text == "م"
