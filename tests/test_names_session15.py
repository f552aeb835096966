"""Names (issue 10, session 15): God named after the verb that would carry Him, the formula that names God
after its verb, other names of one referent, and a repeated name one of whose mentions another word took.
Each rule with hits and clean twins."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.names import epithet_found, implicit_god_objects
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons, needs_wordnet
from tests.test_checks import page_ctx


def names(en: str, ar: str) -> list[tuple[str, Severity, str]]:
    return [(f.src_span.text, f.severity, f.tgt_span.text if f.tgt_span else "")
            for f in run_checks(page_ctx([(en, ar)]), enabled=["names"])[0]]


def majors(en: str, ar: str) -> list[str]:
    return [src for src, sev, _ in names(en, ar) if sev is Severity.MAJOR]


# -- a verb form followed by الله names God itself: it carries no mention

FEAR = "And fear Allah; indeed, Allah is Accepting of repentance and Merciful"


def test_a_verb_followed_by_god_carries_no_mention():
    # اتقوا الله names God: the "fear Allah" mention is explicit, so the second mention has no counterpart
    assert implicit_god_objects(FEAR, "واتقوا الله إن تواب رحيم") == set()
    # the verb alone carries God as its object (session 13's rule, unchanged)
    assert implicit_god_objects(FEAR, "واتقوا إن الله تواب رحيم") == {FEAR.index("Allah")}


@needs_lexicons
def test_the_second_mention_dropped_after_fear_allah_is_major():
    assert majors(FEAR, "واتقوا الله إن تواب رحيم") == ["Allah"]


@needs_lexicons
@pytest.mark.parametrize("ar", [
    "واتقوا الله إن الله تواب رحيم",  # both mentions there
    "واتقوا إن الله تواب رحيم",  # the verb carries the first: one mention each side
])
def test_god_as_the_object_of_fear_in_a_complete_target_is_clean(ar):
    assert majors(FEAR, ar) == []


# -- a formula that names God after its verb: إن شاء الله with the name dropped

WILLS = "If I live - if Allah wills - I will expel the Jews and the Christians from the Arabian Peninsula."


@needs_lexicons
@needs_wordnet
def test_if_allah_wills_without_allah_is_major():
    assert majors(WILLS, "لئن عشت إن شاء لأخرجن اليهود والنصارى من جزيرة العرب.") == ["Allah"]


@needs_lexicons
@needs_wordnet
def test_if_allah_wills_with_allah_is_clean():
    assert names(WILLS, "لئن عشت إن شاء الله لأخرجن اليهود والنصارى من جزيرة العرب.") == []


@needs_lexicons
@needs_wordnet
def test_a_subject_an_ordinary_verb_carries_stays_minor():
    # the formula guard leaves session 14's rule alone: غفر "He forgave" carries Allah
    got = names("No two Muslims meet each other and shake hands, except that Allah forgives them before they part.",
                "ما من مسلمين يلتقيان فيتصافحان إلا غفر لهما قبل أن يفترقا.")
    assert got and all(sev is Severity.MINOR for _, sev, _ in got)


# -- another name of the same referent is the name, not a stand-in

UMM = "Allah has not revealed the likes of Umm Al-Kitab in the Tawrah, nor the Injil."


def test_epithets_of_one_referent():
    assert epithet_found("Kitab", ["مثل", "أم", "القرآن"]) == ["القرآن"]
    assert epithet_found("Qur'an", ["وأنزل", "الفرقان"]) == ["الفرقان"]
    assert epithet_found("Rahman", ["بالله"]) == ["بالله"]
    # the article is required where the bare word is a common one (ذكر "he mentioned")
    assert epithet_found("Qur'an", ["ذكر", "ربه"]) == []
    assert epithet_found("Moses", ["الكتاب"]) == []  # a name of no group


@needs_lexicons
def test_umm_al_kitab_as_umm_al_quran_is_clean():
    assert names(UMM, "ما أنزل الله في التوراة ولا في الإنجيل مثل أم القرآن.") == []


@needs_lexicons
def test_umm_al_kitab_replaced_by_another_name_stays_major():
    assert majors(UMM, "ما أنزل الله في التوراة ولا في الإنجيل مثل أم هارون.") == ["Umm Al-Kitab"]


@needs_lexicons
def test_an_epithet_that_renders_another_source_word_is_not_the_name():
    # الكتاب renders "the Scripture" given to Moses; the Qur'an the sentence also names is منه, a pronoun
    en = "And We had already given Moses the Scripture. And indeed they are, concerning the Qur'an, in doubt"
    assert "Qur'an" in majors(en, "ولقد آتينا موسى الكتاب وإنهم لفي شك منه")


# -- a repeated name, fewer mentions but more than half, one of them replaced

FAVOR = ('And remember the favor of Allah upon you and His covenant when you said, "We hear and we obey"; '
         "and fear Allah. Indeed, Allah is Knowing of that within the breasts")
TAIL = "عليكم وميثاقه إذ قلتم سمعنا وأطعنا واتقوا الله إن الله عليم بذات الصدور"


@needs_lexicons
def test_a_mention_replaced_where_the_others_are_kept_is_major():
    got = names(FAVOR, "واذكروا نعمة الجحيم " + TAIL)
    assert [(src, sev, tgt) for src, sev, tgt in got] == [("Allah", Severity.MAJOR, "الجحيم")]


@needs_lexicons
@pytest.mark.parametrize("ar", [
    "واذكروا نعمة الله " + TAIL,  # every mention
    "واذكروا نعمته " + TAIL,  # a pronoun for the first mention: nothing in its place
])
def test_a_repeated_name_with_its_mentions_or_a_pronoun_is_clean(ar):
    assert names(FAVOR, ar) == []


@needs_lexicons
def test_a_counted_name_is_no_repeat():
    # "forty Dirham", "five Dirham": a unit counted, which Arabic says in the dual, plural or accusative
    en = ("I have exempted charity on horses and slaves. So bring charity for silver, one Dirham for every forty "
          "Dirham. There is nothing for me (to collect) on one hundred and ninety Dirham, so when it reaches two "
          "hundred, then five Dirham of it (are due).")
    ar = ("قد عفوت عن صدقة الخيل والرقيق فهاتوا صدقة الرقة من كل أربعين درهما درهما وليس في تسعين ومائة شيء فإذا "
          "بلغت مائتين ففيها خمسة الدراهم.")
    assert majors(en, ar) == []
