"""Names the Arabic verb carries (issue 10): a source name that is the subject of a finite verb, left out of a
target that renders its clause with a third-person verb where the name stood and nothing in its place, is minor;
a replaced name, a dropped genitive or object, a name after "indeed", a target that renders none of the clause and
a Latin identifier stay major."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.names import third_person_verb, verb_subject
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons, needs_wordnet
from tests.test_checks import page_ctx


def names(en: str, ar: str) -> list[tuple[str, Severity]]:
    return [(f.src_span.text, f.severity) for f in run_checks(page_ctx([(en, ar)]), enabled=["names"])[0]]


@needs_lexicons
@needs_wordnet
@pytest.mark.parametrize("en, ar", [
    # رأى "he saw" carries Joseph
    ("When Joseph saw the shirt, he wept.", "فلما رأى القميص بكى."),
    # غفر "he forgave" carries Allah
    ("No two Muslims meet each other and shake hands, except that Allah forgives them before they part.",
     "ما من مسلمين يلتقيان فيتصافحان إلا غفر لهما قبل أن يفترقا."),
])
def test_a_subject_the_arabic_verb_carries_is_minor(en, ar):
    got = names(en, ar)
    assert got and all(sev is Severity.MINOR for _, sev in got)


@needs_lexicons
@needs_wordnet
@pytest.mark.parametrize("en, ar", [
    # another name stands in the subject's place
    ("When Joseph saw the shirt, he wept.", "فلما رأى الشيطان القميص بكى."),
    # a name no dictionary knows right after the verb, where Arabic puts an explicit subject: Salim saw it
    ("When Joseph saw the shirt, he wept.", "فلما رأى سالم القميص فبكى."),
    # a genitive Arabic must spell out: في سبيل الله
    ("Whoever fought in the cause of Allah, then Paradise is his.", "من قاتل في سبيل فله الجنة."),
    # an object
    ("And We gave Moses the Scripture and the criterion.", "وآتينا الكتاب والفرقان."),
    # after "indeed": إنّ takes a noun or its pronoun, a bare إن does not carry the name
    ("Indeed, Joseph saw the shirt, then he wept.", "إن رأى القميص ثم بكى."),
    # a target that renders none of the clause: another sentence
    ("When Joseph saw the shirt, he wept.", "قال إنا لن نؤمن لك أبدا"),
])
def test_a_name_no_verb_can_carry_stays_major(en, ar):
    assert any(sev is Severity.MAJOR for _, sev in names(en, ar))


@needs_wordnet
@pytest.mark.parametrize("text, name, subject", [
    ("And when Joseph reached maturity, We gave him", "Joseph", True),
    ("Allah will forgive for you", "Allah", True),
    ("Allah also knows", "Allah", True),
    ("Then Ash-Shaitan made them slip", "Shaitan", True),
    ("the promise of Allah is truth", "Allah", False),  # a genitive
    ("Allah is Forgiving", "Allah", False),  # a nominal sentence names its subject: والله غفور
    ("Indeed, Allah does not wrong", "Allah", False),  # after indeed
    ("Indeed Ash-Shaitan does not open", "Shaitan", False),  # indeed, before the article
    ("Allah's Messenger said", "Allah", False),  # possessive
    ("will find Allah Forgiving and Merciful", "Allah", False),  # a capitalised word is no verb
    ("We gave Moses the Scripture", "Moses", False),  # an object
])
def test_verb_subject(text, name, subject):
    start = text.index(name)
    assert verb_subject(text, start, start + len(name)) is subject


@pytest.mark.parametrize("word, verb", [
    ("غفر", True), ("يغفر", True), ("ويخلف", True), ("فيتصافحان", False), ("قالت", True), ("بلغ", True),  # a dual (يتصافحان) carries two, not one name
    ("رأى", True), ("الجنة", False), ("لمن", False), ("فلما", False), ("إلى", False), ("إلا", False), ("المسلمين", False), ("رحمة", False),
])
def test_third_person_verb(word, verb):
    assert third_person_verb(word) is verb
