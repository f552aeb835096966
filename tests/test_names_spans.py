"""Which Arabic word a missing-name finding points at (issue 10): the word that took the name's place
when it can be told, otherwise the whole sentence -- never a function word or a pronoun whose letters
happen to spell a name of the word list (ولولا ~ Lola, فإلينا ~ Elena)."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.names import name_like
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons
from tests.test_checks import page_ctx


def names_findings(en, ar):
    return [(f.severity, f.src_span.text, f.tgt_span.text) for f in run_checks(page_ctx([(en, ar)]), enabled=["names"])[0]]


PROMISE = "Indeed, the promise of Allah is truth, and it is to Us they will be returned."
SCRIPTURE = "We had already given Moses the Scripture, and if not for a word from your Lord, it would have been concluded."
BETTER = "What is with Allah is better than diversion, and Allah is the best of providers."


@needs_lexicons
def test_the_noun_that_took_the_names_place_is_named_not_a_pronoun_on_a_preposition():
    # فإلينا "so to us" spells Elena; the definite noun المسجد "the mosque" renders no source word
    assert names_findings(PROMISE, "إن وعد المسجد حق فإلينا يرجعون.") == [(Severity.MAJOR, "Allah", "المسجد")]
    assert names_findings(PROMISE, "إن وعد الله حق فإلينا يرجعون.") == []  # the clean twin


@needs_lexicons
def test_a_particle_behind_a_conjunction_is_not_named_the_whole_sentence_is():
    # ولولا "and were it not" spells Lola: not a stand-in; with nothing better, the whole sentence
    ar = "ولقد آتينا الصلاة الكتاب ولولا كلمة سبقت من ربك لقضي بينهم."
    assert names_findings(SCRIPTURE, ar) == [(Severity.MAJOR, "Moses", ar)]
    assert names_findings(SCRIPTURE, "ولقد آتينا موسى الكتاب ولولا كلمة سبقت من ربك لقضي بينهم.") == []


@needs_lexicons
def test_no_definite_noun_in_the_names_place_means_the_whole_sentence():
    ar = "قال كذلك وغفار يفعل ما يشاء."  # a verb (يفعل) is never taken for the stand-in
    assert names_findings("The angel said, Such is Allah; He does what He wills.", ar) == [(Severity.MAJOR, "Allah", ar)]


@needs_lexicons
def test_a_mention_too_few_points_at_the_noun_in_its_place():
    assert names_findings(BETTER, "ما عند المسجد خير من اللهو والله خير الرازقين.") == [(Severity.MAJOR, "Allah", "المسجد")]
    assert names_findings(BETTER, "ما عند الله خير من اللهو والله خير الرازقين.") == []


@pytest.mark.parametrize("word, expected", [
    ("فإلينا", False), ("ولولا", False), ("لولا", False), ("وإلا", False), ("منه", False),
    ("آدم", True), ("والمسجد", True), ("موسى", True),
])
def test_name_like(word, expected):
    assert name_like(word) is expected


@needs_lexicons
def test_only_a_word_that_can_be_a_name_is_reported_as_another_name_in_its_place():
    """The message says "another name stands in its place" only for a stand-in that can be a name: ولولا
    "and were it not" spells Lola, but saying so would tell the editor of a name that is not there."""
    def messages(ar):
        return [f.message for f in run_checks(page_ctx([(SCRIPTURE, ar)]), enabled=["names"])[0]]
    (particle,) = messages("ولقد آتينا الصلاة الكتاب ولولا كلمة سبقت من ربك لقضي بينهم.")
    assert "another name stands in its place" not in particle
    (name,) = messages("ولقد آتينا هارون الكتاب ولولا كلمة سبقت من ربك لقضي بينهم.")
    assert "another name stands in its place" in name
