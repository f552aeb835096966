"""Names and terms accounted for (issue 10, session 13): each rule with hand-written hits and a clean twin.

A compound Arabic name is found through its distinctive part; a name has its Greek/Latin or WordNet
alternative forms; a loanword beside its translation is accounted for; an indefinite mention is not a
repeat; the agent of a passive participle may stay implicit."""

from __future__ import annotations

import pytest

from mt_review import wordnet
from mt_review.checks import run_checks
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons, needs_wordnet
from tests.test_checks import page_ctx


def names(en, ar):
    return [(f.src_span.text, f.severity) for f in run_checks(page_ctx([(en, ar)]), enabled=["names"])[0]]


# ------------------------------------------------------------------ compound names


@needs_lexicons
@pytest.mark.parametrize("en, good, bad", [
    ("Abu Bakr said: pray.", "قال أبو بكر صلوا.", "قال أبو عمر صلوا."),
    ("Ibn Umar narrated it.", "رواه ابن عمر.", "رواه ابن عباس."),
    ("from Ibn 'Abbas that he said", "عن ابن عباس أنه قال", "عن ابن عمر أنه قال"),  # the ayn joins the name
    ("Umm Salamah said: yes.", "قالت أم سلمة نعم.", "قالت أم حبيبة نعم."),
    ("Abu Hurairah said: pray.", "عن أبي هريرة قال صلوا.", "عن أبي بكر قال صلوا."),
])
def test_a_compound_name_is_found_through_its_distinctive_part_not_its_common_first_element(en, good, bad):
    assert names(en, good) == []
    got = names(en, bad)
    assert len(got) == 1 and got[0][1] is Severity.MAJOR and got[0][0] in en and " " in got[0][0]


# ------------------------------------------------------------------ indefinite mentions


@needs_lexicons
def test_an_indefinite_mention_is_not_a_repeat_of_the_name():
    en = "Whoever relieves a Muslim of a burden, and whoever covers a Muslim, is rewarded."
    assert names(en, "من نفس عن مؤمن كربة ومن ستر مسلما يؤجر.") == []
    # the twin: the same name mentioned twice as someone definite, once in the target
    en_twin = "Whoever relieves the Muslim of a burden, and whoever covers the Muslim, is rewarded."
    got = names(en_twin, "من نفس عن مؤمن كربة ومن ستر مسلما يؤجر.")
    assert got == [("Muslim", Severity.MAJOR)]
    # "every" too: any one of a kind
    assert names("Every Muslim is a brother to every Muslim.", "كل مسلم أخ لأخيه.") == []


# ------------------------------------------------------------------ other forms of a name


@needs_lexicons
@pytest.mark.parametrize("en, good, bad", [
    # the Greek form Jonas (FreeDict: يونس), which the Arabic follows
    ("And Ishmael and Elisha and Jonah and Lot", "وإسماعيل واليسع ويونس ولوطا", "وإسماعيل واليسع وهودا ولوطا"),
    # WordNet's other names of the same place / book, rendered by the dictionary
    ("Gautama taught in India.", "علم بوذا في الهند.", "علم كونفوشيوس في الهند."),
    ("They read the Pentateuch.", "قرأوا التوراة.", "قرأوا الإنجيل."),
])
def test_a_name_is_found_through_another_form_of_it(en, good, bad):
    assert names(en, good) == []
    got = names(en, bad)
    assert got and got[0][1] is Severity.MAJOR and got[0][0] in ("Jonah", "Gautama", "Pentateuch")


@needs_lexicons
def test_only_person_names_take_the_greek_form_and_only_when_a_lexicon_knows_it():
    from mt_review.checks.names import alternative_forms
    assert "Jonas" in alternative_forms("Jonah")
    assert alternative_forms("Allah") == []  # an Arabic name: no Greek Allas
    assert not any(f.endswith("as") for f in alternative_forms("Ummah"))  # a community, not a person


# ------------------------------------------------------------------ the agent of a passive participle


@needs_lexicons
@pytest.mark.parametrize("en, implicit, explicit_missing", [
    ("The Jews are those whom Allah is wrath with.", "اليهود مغضوب عليهم.", "اليهود غضب عليهم."),
    ("This letter was written by Jabir.", "هذه الرسالة مكتوبة.", "هذه الرسالة كتبت."),
])
def test_the_agent_a_passive_participle_leaves_implicit_is_minor(en, implicit, explicit_missing):
    assert [sev for _, sev in names(en, implicit)] == [Severity.MINOR]
    # the twin: no passive participle in the target, the agent is simply missing
    assert [sev for _, sev in names(en, explicit_missing)] == [Severity.MAJOR]


@needs_lexicons
def test_a_name_that_is_not_the_agent_stays_major_beside_a_passive_participle():
    assert [sev for _, sev in names("This letter was written for Jabir.", "هذه الرسالة مكتوبة.")] == [Severity.MAJOR]


# ------------------------------------------------------------------ a loanword beside its translation


def _loanword_findings(en, ar):
    return [(f.tgt_span.text, f.severity) for f in run_checks(page_ctx([(en, ar)]), enabled=["names"])[0]
            if "not transliterated" in (f.threshold or "")]


@needs_lexicons
@pytest.mark.parametrize("en, side_by_side, alone", [
    ("Bitmap to use as a mask", "صورة بيتماب المستخدمة كقناع", "بيتماب المستخدمة كقناع"),
    ("The Honourable member spoke.", "تحدث العضو الفخامة الأونرابل.", "تحدث العضو الأونرابل."),
])
def test_a_loanword_beside_its_dictionary_translation_is_accounted_for(en, side_by_side, alone):
    assert _loanword_findings(en, side_by_side) == []
    got = _loanword_findings(en, alone)
    assert len(got) == 1 and got[0][1] is Severity.MINOR


@needs_wordnet
def test_wordnet_gives_the_other_names_of_a_proper_noun_only():
    assert "ibrahim" in wordnet.alternative_names("Abraham")
    assert "buddha" in wordnet.alternative_names("Gautama")
    assert not any(" " in a for a in wordnet.alternative_names("Moses"))  # not Grandma Moses
    assert wordnet.alternative_names("table") == frozenset()  # a common noun has no other names
    assert wordnet.is_proper_noun("Jonah", person=True)
    assert wordnet.is_proper_noun("Mecca") and not wordnet.is_proper_noun("Mecca", person=True)
    assert not wordnet.is_proper_noun("table")


def test_a_common_word_is_matched_exactly_as_english_spells_it():
    from mt_review.translit import transliterates
    # v read as the vowel و is for names (David ~ داود), not for flagging a common word
    assert not transliterates("sovereign", "يشركون", exact=True)
    assert transliterates("television", "تلفزيون", exact=True)  # v as v: still a transliteration
    assert transliterates("David", "داود")  # names keep the reading


@needs_lexicons
def test_a_short_name_is_found_as_a_two_letter_noun_after_the_article():
    from mt_review.translit import transliterates
    assert transliterates("Hajj", "الحج") and transliterates("Hajj", "بالحج")
    assert not transliterates("Hajj", "العمرة") and not transliterates("Amman", "من")
    en = "And proclaim to the people the Hajj; they will come to you on foot."
    assert names(en, "وأذن في الناس بالحج يأتوك رجالا") == []
    assert names(en, "وأذن في الناس بالعمرة يأتوك رجالا")  # the twin: another rite named


@needs_lexicons
def test_a_pronoun_is_never_the_transliteration_of_a_name():
    en = "There are two groups in my Ummah for whom there is no share in Islam."
    assert names(en, "صنفان من أمتي ليس لهما في الإسلام نصيب.") == []
    # the twin: Ummah replaced, only لهما "for them two" left, whose هما sounds like it
    got = names(en, "صنفان من الأنصار ليس لهما في الإسلام نصيب.")
    assert [n for n, _ in got] == ["Ummah"]


@needs_lexicons
def test_a_repeated_distinctive_name_without_a_rendering_is_counted_through_its_transliterations():
    en = "The key to Paradise is Salat, and the key to Salat is Wudu'."
    assert names(en, "مفتاح الجنة الصلاة ومفتاح الصلاة الوضوء.") == []
    got = names(en, "مفتاح الجنة الشيطان ومفتاح الصلاة الوضوء.")  # one Salat replaced
    assert got == [("Salat", Severity.MAJOR)]
    # a short name (fewer than three consonant classes) is not counted: a pronoun may stand for it
    assert names("Hud called, and Hud was answered.", "نادى هود فاستجيب له.") == []
