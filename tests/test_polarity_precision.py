"""Polarity precision (issue 10): Arabic particles and idioms, quoted literals and dictionary
renderings that carry a negation; each rule with a hit and a clean twin."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.polarity import arabic_negation, english_negation
from mt_review.lexicon import en_ar_dictionary
from mt_review.model import Severity
from tests.test_checks import page_ctx

needs_dictionary = pytest.mark.skipif(en_ar_dictionary() is None, reason="dict-freedict-eng-ara not installed")


def run(en, ar):
    return run_checks(page_ctx([(en, ar)]), enabled=["polarity"])[0]


@pytest.mark.parametrize("ar", ["فعلنا ذلك لكيلا تحزنوا", "فعلنا ذلك لئلا تحزنوا"])
def test_purpose_negators_are_sure_negators(ar):
    """لكيلا / لئلا "so that not": a negated purpose, which English says with "not"."""
    assert len(arabic_negation(ar).sure) == 1
    assert run("We did that so that you would not grieve.", ar) == []
    fs = run("We did that so that you would grieve.", ar)  # the twin: the English has no negation
    assert fs and fs[0].severity is Severity.CRITICAL


def test_a_word_that_ends_like_a_purpose_negator_is_not_one():
    """وكيلا "a guardian" (accusative) ends in كيلا: no negator."""
    assert arabic_negation("أفأنت تكون عليه وكيلا").sure == ()


@pytest.mark.parametrize("ar", ["لا جرم أنهم في الآخرة هم الأخسرون", "إنهم في الآخرة هم الأخسرون لا محالة",
                                "فلا أقسم بالشفق"])
def test_idioms_with_la_are_not_negations(ar):
    """لا جرم "assuredly", لا محالة "inevitably", لا أقسم "I swear": affirmations, not negations."""
    assert arabic_negation(ar).sure == ()
    assert run("Assuredly, in the Hereafter they are the losers.", ar) == []


def test_a_negation_next_to_an_idiom_still_counts():
    ar = "لا جرم أنهم لا يفلحون"  # the twin: a real لا after the idiom
    assert len(arabic_negation(ar).sure) == 1
    fs = run("Assuredly, they will succeed.", ar)
    assert fs and fs[0].severity is Severity.CRITICAL


@pytest.mark.parametrize("en", ["His prayer is accepted unless he repents.", "His prayer is accepted until he repents.",
                                "His prayer is accepted as long as he does not repent."])
def test_ma_lam_is_a_condition_not_a_sure_negation(en):
    """ما لم "unless / as long as not": English may say "unless" or "until"."""
    ar = "تقبل صلاته ما لم يتب"
    assert arabic_negation(ar).sure == ()
    assert run(en, ar) == []


def test_lam_without_ma_stays_sure():
    ar = "تقبل صلاته لم يتب"  # the twin: a bare لم negates
    assert len(arabic_negation(ar).sure) == 1
    fs = run("His prayer is accepted until he repents.", ar)
    assert fs and fs[0].severity is Severity.CRITICAL


def test_ma_lakum_min_is_a_sure_negation():
    """ما لهم به من علم "they have no knowledge of it": a negation to match the English "no"."""
    ar = "ما لهم به من علم"
    assert len(arabic_negation(ar).sure) == 1
    assert run("They have no knowledge of it.", ar) == []
    assert run("They have knowledge of it.", ar)[0].severity is Severity.CRITICAL


def test_ma_lakum_without_min_is_a_question():
    """ما لكم لا تنطقون "what is wrong with you that you do not speak": ما asks, لا negates."""
    neg = arabic_negation("ما لكم لا تنطقون")
    assert [sp.text for sp in neg.sure] == ["لا"]


@pytest.mark.parametrize("en, ar", [
    ('Click "No" to keep the file', 'انقر "لا" للإبقاء على الملف'),
    ('Click “No” to keep the file', 'انقر على زر «لا» للإبقاء على الملف'),
    ('Click "Cancel" to keep the file', 'انقر «لا» للإبقاء على الملف'),
])
def test_a_negator_in_a_short_quotation_is_a_literal(en, ar):
    """A quoted "No" names a button or a value; it says no negation."""
    assert run(en, ar) == []


def test_a_negation_in_quoted_speech_still_counts():
    """A quotation of several words is speech: its negation counts (the twin)."""
    en = 'He said, "Go and do this today, my son."'
    ar = 'قال "لا تذهب ولا تفعل هذا اليوم يا بني"'
    assert arabic_negation(ar).sure
    fs = run(en, ar)
    assert fs and fs[0].severity is Severity.CRITICAL


@needs_dictionary
@pytest.mark.parametrize("en, ar", [
    ("The printer is offline", "الطابعة غير متصلة"),
    ("The printer is absent from the list", "الطابعة غير موجودة في القائمة"),
])
def test_a_word_the_dictionary_renders_with_a_negator_accounts_for_it(en, ar):
    assert run(en, ar) == []


@needs_dictionary
@pytest.mark.parametrize("en, ar", [
    ("The printer is connected", "الطابعة غير متصلة"),  # no such word in the source
    ("The printer is offline", "الطابعة لا تعمل"),  # the word is there, its rendering is not
])
def test_an_arabic_negation_not_rendering_such_a_word_stays_flagged(en, ar):
    fs = run(en, ar)
    assert fs and fs[0].severity is Severity.CRITICAL

