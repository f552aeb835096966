"""Clause-level coverage: the source clause with no counterpart (omission span), the target clause
with no source (addition span), and a translation cut off mid-sentence; each with a clean twin."""

from __future__ import annotations

import pytest

from mt_review import coverage
from mt_review.checks import run_checks
from mt_review.lexicon import en_ar_dictionary
from mt_review.model import Severity
from tests.test_checks import page_ctx

needs_dictionary = pytest.mark.skipif(en_ar_dictionary() is None, reason="dict-freedict-eng-ara not installed")

# the page's other pairs: the length yardstick
PAGE = [("The school built a new library for the children of the village.", "بنت المدرسة مكتبة جديدة لأطفال القرية."),
        ("The families planted trees in the garden near the river.", "زرعت العائلات أشجارا في الحديقة قرب النهر."),
        ("The teacher read a story to the students in the morning.", "قرأ المعلم قصة للطلاب في الصباح."),
        ("The doctor visited the old man in his house yesterday.", "زار الطبيب الرجل العجوز في بيته أمس."),
        ("The farmers sold their fruit at the market on Friday.", "باع المزارعون فاكهتهم في السوق يوم الجمعة.")]

THREE = ("The teacher read a story to the students in the morning, the doctor visited the old man, "
         "and the farmers sold their fruit at the market.")
TWO = "The teacher read a story to the students in the morning, and the farmers sold their fruit at the market."


def last(en, ar, checks=("omission", "addition", "truncation")):
    return run_checks(page_ctx([*PAGE, (en, ar)]), enabled=list(checks))[-1]


def test_clauses_split_at_punctuation_and_clause_words():
    text = "He came, and she left which was odd."
    assert [text[a:b] for a, b in coverage.english_clauses(text)] == ["He came", "and she left", "which was odd"]
    ar = "جاء الرجل، وذهبت المرأة."
    assert [ar[a:b] for a, b in coverage.arabic_clauses(ar)] == ["جاء الرجل", "وذهبت المرأة"]


@needs_dictionary
def test_waw_or_fa_opens_a_clause_only_as_the_conjunction():
    """وقال and فإنه are the conjunction on a word (a clause opener); in وصلة, فريق, وظيفة, وسيلة the
    letter is the word's own, read off the dictionary, and splitting there cut "الملف ليس وصلة رمزية"
    ("file is not a symlink") into a clause "وصلة رمزية" that the addition check took for added."""
    def clauses(ar):
        return [ar[a:b] for a, b in coverage.arabic_clauses(ar)]

    assert clauses("أغلق المستخدم الملف وقال إنه انتهى") == ["أغلق المستخدم الملف", "وقال إنه انتهى"]
    assert clauses("إذا ضغطت الزر فإنه يغلق النافذة") == ["إذا ضغطت الزر", "فإنه يغلق النافذة"]
    for ar in ("الملف ليس وصلة رمزية", "انضم إلى فريق العمل", "حصل الرجل على وظيفة جديدة",
               "ليس لديه وسيلة نقل", "انتهى الدرس في وقتها المحدد", "عرض الرجل وصلته الجديدة"):
        assert clauses(ar) == [ar]
    words = coverage.letter_initial_words()
    assert {"وصله", "فريق", "وظيفه", "وقت"} <= words and not {"وقال", "فانه", "ولكن", "وهم"} & words


def test_uncovered_needs_judged_words_and_a_covered_rest():
    c = coverage.Clause
    assert coverage.uncovered([c(0, 5, 3, 2), c(6, 9, 3, 0)]) == [c(6, 9, 3, 0)]
    assert coverage.uncovered([c(0, 5, 3, 0), c(6, 9, 3, 0)]) == []  # nothing shared: not a translation we can judge
    assert coverage.uncovered([c(0, 5, 3, 2), c(6, 9, 1, 0)]) == []  # too few judged words
    assert coverage.uncovered([c(0, 9, 3, 0)]) == []  # one clause: nothing to compare with


@needs_dictionary
def test_a_missing_clause_is_named_as_the_omission_span():
    assert last(THREE, "قرأ المعلم قصة للطلاب في الصباح، وزار الطبيب الرجل العجوز، وباع المزارعون فاكهتهم في السوق.") == []
    (f,) = last(THREE, "قرأ المعلم قصة للطلاب في الصباح، وباع المزارعون فاكهتهم في السوق.")
    assert f.check == "omission" and f.category == "accuracy/omission" and f.severity is Severity.MAJOR
    assert f.src_span.text == "the doctor visited the old man"
    assert "none of the clause's" in f.threshold and "fits" in f.threshold


@needs_dictionary
def test_an_added_clause_is_named_as_the_addition_span():
    assert last(TWO, "قرأ المعلم قصة للطلاب في الصباح، وباع المزارعون فاكهتهم في السوق.") == []
    (f,) = last(TWO, "قرأ المعلم قصة للطلاب في الصباح، وزرعت العائلات أشجارا قرب النهر، وباع المزارعون فاكهتهم في السوق.")
    assert f.check == "addition" and f.category == "accuracy/addition" and f.severity is Severity.MAJOR
    assert f.tgt_span.text == "وزرعت العائلات أشجارا قرب النهر"


@needs_dictionary
def test_a_bracketed_gloss_of_the_source_is_not_a_missing_clause():
    en = "The teacher read a story (a tale of old kings and brave horsemen) to the students in the morning."
    clauses = coverage.source_clause_cover(en, coverage.prepare("قرأ المعلم قصة للطلاب في الصباح."))
    assert all("kings" not in en[c.start:c.end] for c in clauses)
    assert any("teacher" in en[c.start:c.end] for c in clauses)


def test_a_sentence_that_stops_unpunctuated_and_short_is_cut_off():
    en = "The farmers sold their fruit and vegetables at the market on Friday."
    assert last(en, "باع المزارعون فاكهتهم وخضارهم في السوق يوم الجمعة.", ["truncation"]) == []
    assert last(en, "باع المزارعون فاكهتهم وخضارهم في السوق يوم الجمعة", ["truncation"]) == []  # full length: style
    (f,) = last(en, "باع المزارعون فاكهتهم وخضارهم", ["truncation"])
    assert f.category == "accuracy/truncation" and f.severity is Severity.MAJOR and f.tgt_span.text == "وخضارهم"
