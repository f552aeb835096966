"""Polarity (issue 10, session 15): restrictions against exceptions, "not only", ما بال, negative
questions, whole words before ما.  Each rule with hits and clean twins that stay unflagged."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.polarity import arabic_negation, english_negation
from mt_review.model import Severity
from tests.test_checks import page_ctx


def run(en, ar):
    return run_checks(page_ctx([(en, ar)]), enabled=["polarity"])[0]


# ------------------------------------------------------------------ restriction vs exception


@pytest.mark.parametrize("en, ar_lost, ar_kept", [
    # English restricts (nothing ... except = only); the Arabic lost the negator of لا ... إلا
    ("Nothing turns back the decree except supplication.",
     "يرد القضاء إلا الدعاء.", "لا يرد القضاء إلا الدعاء."),
    ("Let him not blame anyone but himself.",
     "فيلومن إلا نفسه.", "فلا يلومن إلا نفسه."),
    ("The file cannot be opened except by its owner.",
     "يمكن فتح الملف إلا من قبل مالكه.", "لا يمكن فتح الملف إلا من قبل مالكه."),
])
def test_a_restriction_rendered_as_an_exception_from_a_positive_is_flagged(en, ar_lost, ar_kept):
    fs = run(en, ar_lost)
    assert fs and fs[0].severity is Severity.MAJOR
    assert fs[0].tgt_span.text == "إلا"  # both spans: the English negator, the Arabic exception word
    assert fs[0].src_span.text.lower() in ("nothing", "not", "cannot")
    assert "restrictions" in fs[0].threshold
    assert run(en, ar_kept) == []


def test_an_arabic_restriction_with_ma_or_in_against_an_english_exception_is_flagged():
    # ما أرى ... إلا = "I do not think but"; the English lost its "not"
    fs = run("O Aishah, I do think except that Asma has given birth.", "يا عائشة ما أرى أسماء إلا قد نفست.")
    assert fs and fs[0].severity is Severity.MAJOR and fs[0].tgt_span.text == "ما"
    assert run("O Aishah, I do not think except that Asma has given birth.", "يا عائشة ما أرى أسماء إلا قد نفست.") == []
    # إن هم إلا = "they are only"
    assert run("They are only assuming.", "إن هم إلا يظنون.") == []


@pytest.mark.parametrize("en, ar", [
    # an exception from a positive on both sides
    ("Everyone came except Zaid.", "جاء الجميع إلا زيدا."),
    # "only" said without a negator in English, with لا ... إلا in Arabic
    ("Only the owner can open the file.", "لا يفتح الملف إلا مالكه."),
    # إنما = "only" against a restriction
    ("He says nothing but the truth.", "إنما يقول الحق."),
    # إن "indeed" far before an exception is no restriction
    ("Asking is a labour, except when a man asks the ruler.", "إن المسألة كد يكد بها الرجل وجهه إلا أن يسأل الرجل سلطانا."),
    # ما before a preposition may be relative ("what is in it")
    ("What is in it is cursed, except the remembrance of Allah.", "ملعون ما فيها إلا ذكر الله."),
    # the English exception's own clause has a negator ("other than whom there is no deity")
    ("He is Allah, other than whom there is no deity, the Sovereign.", "هو الله الذي لا إله إلا هو الملك."),
])
def test_exceptions_and_restrictions_that_match_are_not_flagged(en, ar):
    assert run(en, ar) == []


def test_a_clean_restriction_on_both_sides_counts_its_spans():
    n = english_negation("Nothing turns back the decree except supplication.")
    assert [sp.text for sp in n.restrictive] == ["Nothing"] and n.excepting == ()
    a = arabic_negation("يرد القضاء إلا الدعاء ولا يزيد في العمر إلا البر.")
    assert [sp.text for sp in a.restrictive] == ["ولا"] and [sp.text for sp in a.excepting] == ["إلا"]


# ------------------------------------------------------------------ "not only"


def test_not_only_alone_is_a_negator():
    fs = run("Permission has not only been enjoined because of the sight.", "إنما جعل الاستئذان من أجل البصر.")
    assert fs and fs[0].severity is Severity.CRITICAL and fs[0].src_span.text == "not"
    assert run("Permission has only been enjoined because of the sight.", "إنما جعل الاستئذان من أجل البصر.") == []


@pytest.mark.parametrize("en", [
    "It is not only fast but also safe.",
    "The tool not only checks names; it also checks numbers.",
    "It reads not only text files, it reads images as well.",
])
def test_not_only_with_but_or_also_is_additive(en):
    assert english_negation(en).sure == ()


# ------------------------------------------------------------------ ما بال / ما شأن


def test_ma_bal_asks_and_excuses_no_negation():
    en = "Ask him what is not the case of the women who cut their hands."
    fs = run(en, "فاسأله ما بال النسوة اللاتي قطعن أيديهن")
    assert fs and fs[0].severity is Severity.CRITICAL
    assert arabic_negation("فاسأله ما بال النسوة").possible == 0
    assert arabic_negation("فاسأله ما قال النسوة").possible == 1  # bare ما before a verb stays possible
    assert run("Ask him what is the case of the women.", "فاسأله ما بال النسوة") == []


# ------------------------------------------------------------------ negative questions


def test_a_negative_question_is_sure_against_a_source_that_asks_nothing():
    fs = run("Have you considered how your Lord dealt with the companions of the elephant",
             "ألم تر كيف فعل ربك بأصحاب الفيل")
    assert fs and fs[0].severity is Severity.CRITICAL and fs[0].tgt_span.text == "ألم"
    assert run("Have you not considered how your Lord dealt with the companions of the elephant",
               "ألم تر كيف فعل ربك بأصحاب الفيل") == []


@pytest.mark.parametrize("en, ar", [
    ("Did you see how your Lord dealt with them?", "ألم تر كيف فعل ربك بهم"),  # the source asks: possible
    ("Lo! Indeed they are near.", "ألا إنهم قريبون"),  # ألا "lo!"
    ("Firstly, open the file.", "أولا، افتح الملف."),  # أولا "firstly"
])
def test_questions_and_look_alikes_stay_possible(en, ar):
    assert run(en, ar) == []


# ------------------------------------------------------------------ whole word before ما


def test_ma_after_a_word_ending_like_a_preposition_is_still_possible():
    # آمن ends with من but is no من: وما آمن معه إلا قليل is "none believed with him but a few"
    assert arabic_negation("ومن آمن وما آمن معه إلا قليل").possible >= 1
    assert [sp.text for sp in arabic_negation("ومن آمن وما آمن معه إلا قليل").restrictive] == ["وما"]
    assert run("But none had believed with him, except a few.", "وما آمن معه إلا قليل") == []


# ------------------------------------------------------------------ vowelled Arabic


@pytest.mark.parametrize("en_neg, en_pos, ar", [
    ("He did not come.", "He came.", "لَمْ يَأْتِ."),
    ("He is not here.", "He is here.", "لَيْسَ هُنَا."),
    ("You must not open it.", "You must open it.", "يَجِبُ أَلَّا تَفْتَحَهُ."),
    ("You will never be alone.", "You will be alone.", "لَنْ تَكُونَ وَحْدَكَ."),
])
def test_a_vowelled_negator_is_read(en_neg, en_pos, ar):
    assert run(en_neg, ar) == []  # was critical: the marks hid the negator
    fs = run(en_pos, ar)
    assert fs and fs[0].severity is Severity.CRITICAL
    assert fs[0].tgt_span.text in ar and fs[0].tgt_span.text.startswith(("ل", "أ"))  # the marked word itself


def test_a_shadda_before_la_inside_a_word_is_no_negator():
    # مفعّلا "enabled": the shadda is no word boundary before لا
    assert run("If wrap is set, controls how wrapping is done", "اذا كان اللف مفعّلا، التحكم في كيفية اللف") == []
    fs = run("If wrap is not set, controls how wrapping is done", "اذا كان اللف مفعّلا، التحكم في كيفية اللف")
    assert fs and fs[0].severity is Severity.CRITICAL


# ------------------------------------------------------------------ restrictions pair off


def test_a_restriction_on_each_side_pays_for_no_other_lost_negation():
    # "nothing ... except" ~ لا ... إلا translate each other; the lost "not" of the first clause is seen
    en = "It is not a reward for one man, and nothing enters its stomach except that Allah writes it."
    fs = run(en, "هي لرجل أجر ولا يغيب في بطونها شيء إلا كتب الله له.")
    assert fs and fs[0].severity is Severity.CRITICAL and fs[0].src_span.text == "not"
    assert run(en, "ليست لرجل أجرا ولا يغيب في بطونها شيء إلا كتب الله له.") == []


def test_an_exception_closes_the_nearest_arabic_negator():
    # ولا فخر وما من نبي ... إلا: the إلا closes وما, and ولا فخر stays a negation of its own
    a = arabic_negation("ولا فخر وما من نبي يومئذ فمن سواه إلا تحت لوائي")
    assert [sp.text for sp in a.restrictive] == ["وما"] and a.closed == 1
    # لا ... ولا ... إلا: a continuation does not cut the window, both are closed as before
    assert arabic_negation("لا يغادر صغيرة ولا كبيرة إلا أحصاها").closed == 2


def test_negative_in_closed_by_an_exception_is_a_possible_negator():
    assert arabic_negation("إن هم إلا يظنون").possible == 2  # إن and إلا
    assert arabic_negation("إن المسألة كد يكد بها الرجل وجهه إلا أن يسأل").possible == 1  # إلا alone


# ------------------------------------------------------------------ forms of the web page


@pytest.mark.parametrize("en", ["I dont know the answer.", "The file doesnt exist.", "It isnt saved."])
def test_a_contraction_typed_without_its_apostrophe_is_a_negator(en):
    assert len(english_negation(en).sure) == 1
    fs = run(en, "أعرف الجواب.")
    assert fs and fs[0].severity is Severity.CRITICAL


@pytest.mark.parametrize("en", ["Cant is a word of thieves.", "As was his wont, he came early."])
def test_cant_and_wont_are_words(en):
    assert english_negation(en).sure == ()


@pytest.mark.parametrize("en, ar", [
    ("Write it down lest you forget.", "اكتبه لئلا تنسى."),  # lest ~ لئلا
    ("He could hardly see the road.", "لا يكاد يرى الطريق."),  # hardly ~ لا يكاد
    ("He seldom visits us.", "لا يزورنا إلا نادرا."),
])
def test_near_negatives_account_for_an_arabic_negator(en, ar):
    assert run(en, ar) == []


def test_near_negatives_are_possible_not_sure():
    assert english_negation("He could hardly see the road.").sure == ()
    assert english_negation("He could hardly see the road.").possible == 1
    fs = run("He could see the road.", "لا يكاد يرى الطريق.")  # the twin: nothing in the source
    assert fs and fs[0].severity is Severity.CRITICAL


# ------------------------------------------------------------------ ما before a word of place or time


@pytest.mark.parametrize("ar", ["ما بين المشرق والمغرب قبلة.", "ما قبل التاريخ", "ما فوق الأرض", "كل شيء ما عدا هذا"])
def test_ma_before_a_word_of_place_time_or_exception_is_relative(ar):
    assert arabic_negation(ar).possible == 0


def test_a_negation_added_next_to_relative_ma_bayna_is_flagged():
    fs = run("What is between the east and the west is not Qiblah.", "ما بين المشرق والمغرب قبلة.")
    assert fs and fs[0].severity is Severity.CRITICAL and fs[0].src_span.text == "not"
    assert run("What is between the east and the west is Qiblah.", "ما بين المشرق والمغرب قبلة.") == []
    assert run("What is between the east and the west is not Qiblah.", "ما بين المشرق والمغرب ليس قبلة.") == []
