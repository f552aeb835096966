"""Arabic word forms for the dictionary comparison: the Snowball Arabic stem beside the hand-written
forms (verb endings, the energetic ن, the accusative alef), on both sides alike; each with a twin
that must not be stemmed into another word or found where it is not."""

from __future__ import annotations

import pytest

from mt_review import coverage
from mt_review.checks import run_checks
from mt_review.lexicon import en_ar_dictionary
from tests.test_checks import page_ctx

needs_dictionary = pytest.mark.skipif(en_ar_dictionary() is None, reason="dict-freedict-eng-ara not installed")


@pytest.mark.parametrize("word, stem", [
    ("ظلمتم", "ظلم"),  # -tum, "you (pl.) wronged"
    ("ضربوا", "ضرب"),  # -ū, "they struck"
    ("تكونن", "تكون"),  # the energetic nūn
    ("كاملا", "كامل"),  # the accusative alef of an indefinite noun
    ("مكتبة", "مكتب"),
])
def test_verb_endings_and_the_accusative_alef_come_off(word, stem):
    assert stem in coverage._forms(word)


@pytest.mark.parametrize("word, not_a_form", [
    ("ظلام", "ظلم"),  # darkness is not "wronged": a light stemmer, no root
    ("كتاب", "كتب"),  # a book is not "wrote"
    ("عيون", "عين"),  # a broken plural stays as it is
])
def test_a_word_is_not_stemmed_into_another(word, not_a_form):
    assert not_a_form not in coverage._forms(word)


def test_a_stem_under_three_letters_is_no_form():
    """A two-letter stem (قل, "say") would meet any two-letter rendering by chance."""
    assert coverage.snowball_stem("قل") == ""
    assert coverage.snowball_stem("قالوا") == "قال"


@needs_dictionary
def test_an_inflected_verb_is_found_and_an_other_verb_is_not():
    """"wronged" (rendered ظلم) is found in ظلمتم and ظلموا; "wrote" does not stand in for it."""
    wronged = coverage.stemmed_renderings("wronged")
    assert wronged & coverage.prepare("ظلمتم أنفسكم").forms
    assert wronged & coverage.prepare("ظلموا أنفسهم").forms
    assert not wronged & coverage.prepare("كتبتم أنفسكم").forms


@needs_dictionary
def test_a_verb_heavy_pair_shares_more_with_its_own_source_than_with_another():
    en = "They wronged themselves and killed the prophets."
    assert coverage.shared(en, coverage.prepare("ظلموا أنفسهم وقتلوا الأنبياء.")) >= 4
    assert coverage.shared(en, coverage.prepare("زرعت العائلات أشجارا في الحديقة قرب النهر.")) == 0


# the page's other pairs: the length yardstick (as in tests/test_clauses.py)
PAGE = [("The school built a new library for the children of the village.", "بنت المدرسة مكتبة جديدة لأطفال القرية."),
        ("The families planted trees in the garden near the river.", "زرعت العائلات أشجارا في الحديقة قرب النهر."),
        ("The teacher read a story to the students in the morning.", "قرأ المعلم قصة للطلاب في الصباح."),
        ("The doctor visited the old man in his house yesterday.", "زار الطبيب الرجل العجوز في بيته أمس."),
        ("The farmers sold their fruit at the market on Friday.", "باع المزارعون فاكهتهم في السوق يوم الجمعة.")]


def last(en, ar):
    return run_checks(page_ctx([*PAGE, (en, ar)]))[-1]


@needs_dictionary
@pytest.mark.parametrize("en, ar", [
    # each was a major finding with the hand-written forms alone: wrong segment (the target shared no
    # dictionary word with its source), omission (a run of "unfound" words: wrote, read)
    ("You have wronged yourselves and you have killed your brothers.", "ظلمتم أنفسكم وقتلتم إخوانكم."),
    ("The students wrote their stories, and they read them to the teacher in the morning.",
     "كتبوا قصصهم وقرؤوها للمعلم صباحا."),
])
def test_a_clean_translation_in_inflected_verbs_is_not_flagged(en, ar):
    assert last(en, ar) == []


@needs_dictionary
def test_a_real_omission_beside_inflected_verbs_stays_major():
    """The twin: "of the village" and "old" are left out; the verbs found do not hide it."""
    fs = last("The men of the village entered the house of the old man and they struck the door.",
              "دخلوا بيت الرجل وضربوا الباب.")
    assert [(f.check, f.severity.name) for f in fs] == [("omission", "MAJOR")]
