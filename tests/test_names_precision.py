"""Names and truncation precision (issue 10): a name rendered through a related word, and a
literal moved away from the end of a right-to-left sentence; each rule with a hit and a clean twin."""

from __future__ import annotations

import pytest

from mt_review import wordnet
from mt_review.checks import run_checks
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons, needs_wordnet
from tests.test_checks import page_ctx


def missing(en, ar):
    return [(f.src_span.text, f.severity) for f in run_checks(page_ctx([(en, ar)]), enabled=["names"])[0]]


@needs_lexicons
@pytest.mark.parametrize("en, ar, twin", [
    # U.S is looked up as US
    ("The U.S. government agreed.", "وافقت حكومة الولايات المتحدة.", "وافقت الحكومة."),
    # a prefixed compound through its head
    ("Counterterrorism measures were adopted.", "اعتمدت تدابير مكافحة الإرهاب.", "اعتمدت تدابير مكافحة."),
    # a plural name, in another case
    ("He met the Americans.", "التقى الأمريكيين.", "التقى الناس."),
    # a name the Arabic-English dictionary glosses by its stem (المجوس "magi")
    ("The Jews and the Magians", "واليهود والمجوس", "واليهود والنصارى"),
    # a demonym transliterated through its stem
    ("The Sabians and the Jews", "والصابئين واليهود", "والنصارى واليهود"),
])
def test_a_name_rendered_through_a_related_word_is_found(en, ar, twin):
    assert missing(en, ar) == []
    got = missing(en, twin)  # the twin: the name is not there in any form
    assert got and got[0][1] is Severity.MAJOR


@needs_lexicons
def test_a_name_with_the_accusative_alef_is_found():
    assert missing("We sent Noah to his people.", "أرسلنا نوحا إلى قومه.") == []
    assert missing("We sent Noah to his people.", "أرسلنا رسولا إلى قومه.")


@needs_wordnet
def test_pertainyms_link_a_country_and_its_adjective_both_ways():
    assert "egypt" in wordnet.pertainyms("Egyptian")
    assert "french" in wordnet.pertainyms("france")
    assert wordnet.pertainyms("quickly") == frozenset()


def truncated(en, ar):
    return run_checks(page_ctx([(en, ar)]), enabled=["truncation"])[0]


@pytest.mark.parametrize("en, ar", [
    ('Copy the file to "Documents"', '"Documents" نسخ الملف إلى'),
    ("Could not connect to %s", "%s تعذر الاتصال بالخادم على"),
])
def test_a_preposition_whose_literal_object_moved_away_is_not_cut_short(en, ar):
    assert truncated(en, ar) == []


@pytest.mark.parametrize("en, ar", [
    ('Copy the file to "Documents"', "نسخ الملف إلى"),  # the literal is not there
    ("Copy the file to the folder", "نسخ الملف إلى"),  # no literal: a cut
    ("Could not connect to %s", "%s تعذر الاتصال بالخادم لكن"),  # not a preposition
])
def test_a_preposition_without_its_literal_stays_cut_short(en, ar):
    fs = truncated(en, ar)
    assert fs and fs[0].severity is Severity.MAJOR


@needs_lexicons
def test_a_short_word_is_not_glossed_as_a_name_by_adding_the_article():
    """له "for him" is not الله: a replaced Allah stays missing."""
    en = "Whoever spends in the cause of Allah, it is recorded for him."
    assert missing(en, "من أنفق في سبيل الله كتبت له.") == []
    got = missing(en, "من أنفق في سبيل مسلم كتبت له.")
    assert got and got[0][1] is Severity.MAJOR


@needs_lexicons
@pytest.mark.parametrize("en, ar", [
    ("The days of Tashriq are Eid for us.", "أيام التشريق عيدنا."),  # a pronoun ending
    ("Whoever recites the last two Ayat of the Surah", "من قرأ الآيتين من آخر السورة"),  # a dual ending
])
def test_a_transliterated_name_with_a_pronoun_or_dual_ending_is_found(en, ar):
    assert [n for n, _ in missing(en, ar) if n in ("Eid", "Ayat")] == []


@needs_lexicons
def test_a_name_whose_letters_are_not_before_the_ending_stays_missing():
    assert [n for n, _ in missing("The days of Tashriq are Eid for us.", "أيام التشريق عطلتنا.") if n == "Eid"]


@needs_lexicons
@needs_wordnet
def test_a_name_rendered_through_its_pertainym_is_found():
    """Mancunian ~ مانشستر (Manchester), Oxonian ~ أكسفورد: WordNet links the adjective to its noun."""
    assert missing("A Mancunian engineer built it.", "بناه مهندس من مانشستر.") == []
    assert missing("An Oxonian scholar wrote it.", "كتبه عالم من أكسفورد.") == []
    got = missing("A Mancunian engineer built it.", "بناه مهندس.")  # the twin
    assert got and got[0][0] == "Mancunian"


@needs_wordnet
def test_packed_pertainyms_answer_as_the_links_they_are_made_of(tmp_path, monkeypatch):
    """The packed table (built, then read back from the cache folder) gives every word's partners
    exactly as the dict of sets it packs, and nothing for a word it lacks or a prefix of one."""
    monkeypatch.setenv("MT_REVIEW_CACHE_DIR", str(tmp_path))
    links = wordnet._pertainym_links()
    assert len(links) > 1000
    for built in (True, False):  # first call builds and keeps it, the second reads it back
        wordnet._pertainym_table.cache_clear()
        wordnet.pertainyms.cache_clear()
        assert any(tmp_path.iterdir()) is not built
        for word, partners in links.items():
            assert wordnet.pertainyms(word) == frozenset(partners), word
    assert wordnet.pertainyms("egyp") == frozenset() and wordnet.pertainyms("egypt\tx") == frozenset()
    wordnet._pertainym_table.cache_clear()
    wordnet.pertainyms.cache_clear()


@needs_lexicons
@pytest.mark.parametrize("en, ar, twin", [
    # "Indeed, Allah ..." for إنه: the pronoun that إنّ carries is the name the English spells out
    ("Indeed, Allah, to return him, is Able", "إنه على رجعه لقادر", "إن على رجعه لقادر"),
    ("Indeed, the Qur'an is a word of a noble messenger", "إنه لقول رسول كريم", "إنهم لقول رسول كريم"),
])
def test_a_name_after_indeed_carried_by_the_pronoun_of_inna_is_minor(en, ar, twin):
    got = missing(en, ar)
    assert got and all(sev is Severity.MINOR for _, sev in got)
    # twins: a bare إن (the name dropped after it), or a plural pronoun that cannot be the name, stay major
    got = missing(en, twin)
    assert got and got[0][1] is Severity.MAJOR
    # and a name with no "indeed" before it is not excused by an إنه elsewhere
    got = missing("Allah is Able to return him", "إنه على رجعه لقادر")
    assert got and got[0][1] is Severity.MAJOR
