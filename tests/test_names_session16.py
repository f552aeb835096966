"""Names on documentation (issue 10, session 16): a Latin-script name the source lacks stands in for one it has,
dictionary definitions do not make a proper noun a common word, Latin words compared by accent-free keys and parts,
mentions counted through misspellings and hyphenated transliterations, CD-ROM as one term, and compounds of common
words the target translates.  Each rule with hits and clean twins."""

from __future__ import annotations

from mt_review.checks.names import compound_parts, latin_stand_ins, source_names
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons
from tests.test_names_session15 import names


def majors(en: str, ar: str) -> list[str]:
    return [tgt for _, sev, tgt in names(en, ar) if sev is Severity.MAJOR]


# -- a Latin-script name in the target that the source does not have

QOS_EN = "It allows prioritizing packets related to interactive services (such as ssh and telnet)."
QOS_AR = "وهذا يسمح برفع أولوية رزم الخدمات التفاعلية (مثل {} وtelnet)."


def test_a_latin_name_the_source_lacks_is_a_stand_in():
    ar = QOS_AR.format("Wine")
    assert [ar[a:b] for a, b in latin_stand_ins(QOS_EN, ar)] == ["Wine"]
    assert latin_stand_ins(QOS_EN, QOS_AR.format("ssh")) == []


@needs_lexicons
def test_a_swapped_command_is_major():
    assert "Wine" in majors(QOS_EN, QOS_AR.format("Wine"))
    assert majors(QOS_EN, QOS_AR.format("ssh")) == []


def test_words_of_the_source_in_any_form_are_no_stand_ins():
    en = "Use a proxy cache for the APT side; see RFC 2822 and the volume group; press ALT F10; Makarévitch wrote it."
    ar = "بروكسيات التخبئة (Cache Proxies) و Advanced Package Tool و RFC2822 و VG و ALT+F10 و Makarevitch"
    assert latin_stand_ins(en, ar) == []


def test_misspellings_are_no_stand_ins_but_changed_numbers_are():
    assert latin_stand_ins("the local Postfix server and lintian", "مخدم Posfix المحلي و Lintain") == []
    ar = "نوع الخاصية غير سليم ( يُفترض uint66 )"
    assert [ar[a:b] for a, b in latin_stand_ins("Invalid attribute type (uint64 expected)", ar)] == ["uint66"]


# -- a dictionary definition does not make a proper noun a common word

POLICY_EN = "Packages want to register a server, but Debian Policy prohibits any package from modifying that file."


@needs_lexicons
def test_debian_is_a_name_despite_its_dictionary_definition():
    assert [g[0][0] for g in source_names(POLICY_EN)] == ["Debian"]
    assert majors(POLICY_EN, "ترغب الحزم بتسجيل مخدم، ولكن سياسة تمنع أي حزمة من تعديل ذلك الملف.")
    assert majors(POLICY_EN, "ترغب الحزم بتسجيل مخدم، ولكن سياسة دبيان تمنع أي حزمة من تعديل ذلك الملف.") == []


# -- Latin words of the target by accent-free keys and with numbers glued on

@needs_lexicons
def test_accented_names_and_glued_numbers_are_found():
    assert majors("In 2003, Nat Makarévitch contacted him.", "في عام ٢٠٠٣، اتصل Nat Makarevitch به.") == []
    assert majors("It contains an RFC 2822 header.", "يحوي ترويسة RFC٢٨٢٢.") == []
    assert majors("Press ALT F10 for toolbar.", "اضغط على ALT+F١٠ لشريط الأدوات.") == []


# -- mentions counted through misspellings and hyphenated transliterations

@needs_lexicons
def test_mentions_count_misspellings_and_hyphenated_names():
    en = "It has two offices, one in Kensington. The Kensington office is smaller."
    assert majors(en, "لديها مكتبان، واحد في كين-سينغتون (Kensington). أما مكتب كين-سينغتون فهو أصغر.") == []
    assert majors(en, "لديها مكتبان، واحد في (Kensington). أما المكتب فهو أصغر.")
    pf = "Use a local Postfix server. In this case, the local Postfix itself will be the client."
    assert majors(pf, "استخدم مخدم Postfix محلي. في تلك الحالة، يصبح مخدم Posfix المحلي نفسه عميلاً.") == []


# -- CD-ROM is one term

@needs_lexicons
def test_cd_rom_is_one_name_found_through_either_part():
    assert [[w for w, _, _ in g] for g in source_names("boot from the CD-ROM.")] == [["CD", "ROM"]]
    assert majors("start the installer from the CD-ROM.", "بدء المُثبِّت من القرص المدمج.") == []


# -- compounds of common words

@needs_lexicons
def test_a_compound_rendered_part_by_part_is_found():
    assert compound_parts("Screenreaders") == ["screen", "readers"]
    assert compound_parts("Montpellier") == []
    en = "It supports more modes. Screenreaders and touch devices have improved."
    assert majors(en, "يدعم المزيد من الأنماط مثل برامج قارئات الشاشة وأجهزة اللمس.") == []
    assert majors(en, "يدعم المزيد من الأنماط مثل البرامج وأجهزة اللمس.")
    # each part its own word: FreeDict gives كلمة for "press" too, so كلمة alone is not WordPress
    # (WordPress ends its phrase: as a modifier of "screens", الشاشات would leave it implied, session 18)
    assert majors("Change the colours in WordPress.", "غيّر كلمة المرور وألوان الشاشات.")
