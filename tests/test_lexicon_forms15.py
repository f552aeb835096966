"""The dictionary's imperative renderings read as the verb's perfect and imperfect, and Qur'anic
spellings read as their modern forms (issue 10, session 15); each with a twin that must stay unfound."""

from __future__ import annotations

import pytest

import mt_review.checks  # noqa: F401  # first: mt_review.coverage imported first meets align.lexical's import of it half made
from mt_review import coverage, wordnet
from mt_review.lexicon import en_ar_dictionary

needs_dictionary = pytest.mark.skipif(en_ar_dictionary() is None or not wordnet.available(),
                                      reason="dict-freedict-eng-ara or wordnet-base not installed")


@pytest.mark.parametrize("imperative, forms", [
    ("اكتب", {"كتب", "يكتب", "تكتب", "نكتب"}),  # form I, hamzat al-wasl written ا
    ("إسمع", {"سمع", "يسمع"}),  # form I, written إ
    ("أرسل", {"يرسل", "ارسال"}),  # form IV: the perfect is the imperative, the verbal noun إفعال
    ("إعتمد", {"يعتمد", "اعتماد"}),  # form VIII
    ("استخدم", {"يستخدم", "استخدام"}),  # form X
    ("ادع", {"دعا", "يدعو"}),  # defective: the last radical back as ا / و
    ("امش", {"مشي", "يمشي"}),  # ... as ى / ي (ى compared as ي)
    ("أعط", {"اعطي", "يعطي"}),  # defective form IV
])
def test_an_imperative_gives_its_perfect_and_imperfect(imperative, forms):
    assert forms <= coverage.imperative_forms(imperative)


@pytest.mark.parametrize("word", [
    "الخوف",  # a noun with the article
    "شاهد",  # no hamzat al-wasl
    "كتاب",  # four letters, not on an alef
    "قل",  # a two-letter (hollow) imperative: measured and left out (too many other words' forms)
    "GTK",
])
def test_a_word_of_another_shape_gives_nothing(word):
    assert coverage.imperative_forms(word) == frozenset()


@needs_dictionary
@pytest.mark.parametrize("english, arabic", [
    ("hear", "سمع الرجل الصوت"),  # إسمع
    ("hear", "وهم يسمعون القول"),
    ("write", "كتب الرجل رسالة"),  # اكتب
    ("rely", "يعتمد على الله"),  # إعتمد
    ("invite", "دعا قومه"),  # إدع
])
def test_a_verb_rendered_by_its_imperative_is_found_in_running_text(english, arabic):
    assert coverage.stemmed_renderings(english) & coverage.prepare(arabic).forms


@needs_dictionary
@pytest.mark.parametrize("english, arabic", [
    ("hear", "كتب الرجل رسالة"),  # another verb
    ("write", "سمع الرجل الصوت"),
    ("bigger", "يكبر الطفل"),  # أكبر is an adjective's rendering: no verb forms for it
])
def test_a_twin_without_the_verb_stays_unfound(english, arabic):
    assert not coverage.stemmed_renderings(english) & coverage.prepare(arabic).forms


@needs_dictionary
def test_the_aligner_s_plain_renderings_keep_the_dictionary_s_words():
    """The derived forms are for the checks' comparison only (coverage.renderings is the aligner's)."""
    assert "سمع" not in coverage.renderings("hear") and "سمع" in coverage.stemmed_renderings("hear")


@pytest.mark.parametrize("word, modern", [
    ("الكتٰب", "الكتاب"),  # a dagger alef written out
    ("العٰلمين", "العالمين"),
    ("اصطفىه", "اصطفاه"),  # ى inside a word
    ("يستهزءون", "يستهزئون"),  # ء between two letters on its seat
    ("أفرءيتم", "أفرأيتم"),
])
def test_a_quranic_spelling_has_its_modern_form(word, modern):
    assert modern in coverage.classical_spellings(word)
    assert coverage._forms(modern) <= coverage._forms(word)


@pytest.mark.parametrize("word", ["الكتاب", "على", "قراءة", "مروءة", "شيء", "هذا"])
def test_a_modern_spelling_is_left_alone(word):
    """Final ى, and ء after ا / و or at the end, are modern spelling: no variant."""
    assert coverage.classical_spellings(word) == ()


@needs_dictionary
def test_a_word_in_quranic_spelling_is_found():
    assert coverage.stemmed_renderings("book") & coverage.prepare("ذٰلك الكتٰب لا ريب فيه").forms
    assert not coverage.stemmed_renderings("book") & coverage.prepare("ذٰلك القلم لا ريب فيه").forms
