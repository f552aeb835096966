"""Names and terms (issue 10, session 17): a country named through the nisba adjective of its Arabic name, and
established loanwords (the Arabic spelling dictionary) or a page's own transliterated term not flagged as a common
word left untranslated.  Each rule with hits and clean twins."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.names import _nisba_hits, arabic_usage
from mt_review.lexicon import arabic_spelling_stems
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons, needs_wordnet
from tests.test_checks import page_ctx
from tests.test_names_session15 import names

needs_hunspell_ar = pytest.mark.skipif(arabic_spelling_stems() is None, reason="Debian hunspell-ar not installed")


def majors(en: str, ar: str) -> list[str]:
    return [src for src, sev, _ in names(en, ar) if sev is Severity.MAJOR]


# -- a country named through its nisba adjective

def test_nisba_adjective_of_a_place_rendering():
    assert _nisba_hits("أمريكا", ["وزارة", "الخارجية", "الأمريكية"]) == ["الأمريكية"]
    assert _nisba_hits("مصر", ["المصريين", "مصرف"]) == ["المصريين"]  # مصرف "bank" is no nisba
    assert _nisba_hits("فرنسا", ["فرنسي"]) == ["فرنسي"]
    assert _nisba_hits("أمريكا", ["الخارجية"]) == []
    assert _nisba_hits("الولايات المتحدة", ["الأمريكية"]) == []  # one-word renderings only


STATE_EN = "The toolkit was developed with support from the U.S. Department of State."


@needs_lexicons
@needs_wordnet
def test_us_found_through_the_adjective_american():
    # the seed page's false major: U.S. = الأمريكية (WordNet: US ~ America; FreeDict: America = أمريكا)
    assert majors(STATE_EN, "تم تطوير مجموعة الأدوات بدعم من وزارة الخارجية الأمريكية.") == []
    assert majors(STATE_EN, "تم تطوير مجموعة الأدوات بدعم من وزارة الخارجية.") == ["U.S"]
    assert majors(STATE_EN, "تم تطوير مجموعة الأدوات بدعم من وزارة الخارجية الفرنسية.") == ["U.S"]


@needs_lexicons
@needs_wordnet
def test_uk_found_through_the_adjective_british():
    # WordNet: U.K. ~ Britain; FreeDict: Britain = بريطانيا, whose nisba is البريطانية
    en = "The U.K. government published the report on Monday."
    assert majors(en, "نشرت الحكومة البريطانية التقرير يوم الاثنين.") == []
    assert majors(en, "نشرت الحكومة الفرنسية التقرير يوم الاثنين.") == ["U.K"]


# -- established loanwords and the page's term are not "a common word transliterated"

def _transliterated(pairs: list[tuple[str, str]]) -> list[list[str]]:
    found = run_checks(page_ctx(pairs), enabled=["names"])
    return [[f.tgt_span.text for f in fs if "translated, not transliterated" in (f.threshold or "")] for fs in found]


@needs_hunspell_ar
def test_the_spelling_dictionary_knows_established_loanwords():
    assert arabic_usage("البروتوكول") and arabic_usage("بروتوكول") and arabic_usage("ديناميكياً")
    assert not arabic_usage("الأونرابل") and not arabic_usage("بروفايل")


@needs_lexicons
@needs_hunspell_ar
def test_an_established_loanword_is_not_flagged():
    en = "The server speaks the protocol of the older clients."
    assert _transliterated([(en, "يتحدث المخدم بروتوكول العملاء الأقدم.")]) == [[]]
    # the transliteration of a common word that Arabic does not use stays flagged (its twin)
    assert _transliterated([("The Honourable minister spoke.", "تحدث الوزير الأونرابل.")]) == [["الأونرابل"]]


PROFILE = ("Each user has a profile on the server.", "لكل مستخدم بروفايل على المخدم.")
PROFILE2 = ("Edit the profile of a user.", "عدّل البروفايل الخاص بالمستخدم.")
OTHER = ("The server restarts every night.", "يُعاد تشغيل المخدم كل ليلة.")


@needs_lexicons
def test_a_transliteration_the_page_uses_throughout_is_its_term():
    assert _transliterated([PROFILE, PROFILE2]) == [[], []]
    assert _transliterated([PROFILE, OTHER]) == [["بروفايل"], []]  # once on the page: still asked about


# -- lower-case program names, where the translation keeps code in Latin

def test_tool_names_are_lower_case_words_no_lexicon_knows():
    from mt_review.checks.names import tool_names
    from mt_review.lexicon import english_words
    if english_words() is None:
        pytest.skip("Debian wamerican not installed")
    text = ("It is provided by systemd and libvirtd; see passwd and semanage, not /etc/passwd.  Use adduser, a "
            "bootloader, symlinks, virtualization, dd, and the word isn't one.")
    assert [w for w, _, _ in tool_names(text)] == ["systemd", "libvirtd", "passwd", "semanage"]


INIT_EN = "The “real init” is currently provided by systemd and this section documents this init system."


@needs_lexicons
def test_a_dropped_program_name_is_major_where_the_target_keeps_code():
    assert majors(INIT_EN, "حالياً، يُقدِّم systemd عملية ”init الحقيقية“، ويشرح هذا القسم نظام الإقلاع هذا.") == []
    assert majors(INIT_EN, "حالياً، يُقدِّم عملية ”init الحقيقية“، ويشرح هذا القسم نظام الإقلاع هذا.") == ["systemd"]
    # a translation that keeps no code in Latin may translate program names too: not judged
    assert majors(INIT_EN, "حالياً، يُقدِّم النظام عملية الإقلاع الحقيقية، ويشرح هذا القسم نظام الإقلاع هذا.") == []


@needs_lexicons
def test_a_word_the_page_translates_elsewhere_is_not_a_lost_name():
    en2 = "Each systemd unit is a small file."
    ar2 = "كل وحدة من وحدات نظام الإقلاع ملف صغير."
    pair1 = (INIT_EN, "حالياً، يُقدِّم عملية ”init الحقيقية“، ويشرح هذا القسم نظام الإقلاع هذا.")
    found = run_checks(page_ctx([pair1, (en2, ar2)]), enabled=["names"])
    assert [f.src_span.text for f in found[0] if f.severity is Severity.MAJOR] == []
