"""Form checks on documentation, session 17 (issue 10): fewer clean flags from ``untranslated`` (literals the
source names by kind or starts a sentence with, glosses in a dictionary form, code pieces, example characters),
a cross-reference comma after a chapter number, and one finding per span between ``untranslated`` and
``numbers`` (numbers owns a number changed inside a Latin name).  Each rule has hits and twins that stay
flagged."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.model import Severity
from tests.test_checks import page_ctx


def _findings(check, en, ar, others=()):
    return run_checks(page_ctx([(en, ar), *others]), enabled=[check])[0]


def _spans(check, en, ar, others=()):
    return [f.tgt_span.text for f in _findings(check, en, ar, others)]


# ------------------------------------------------------------------ untranslated: the source names the literal

@pytest.mark.parametrize("en, ar", [
    ("A user who is in the audio group can access audio devices.", "يستطيع المستخدم الذي ينتمي للمجموعة audio الوصول لأجهزة الصوت."),
    ("Without it SELinux works in its default permissive mode.", "بدونه يعمل SELinux في وضع permissive الافتراضي."),
    ("Note that the info system is not suitable for translation.", "لاحظ أن نظام info غير ملائم للترجمة."),
    ("Call the make target command in the source tree.", "استدع الأمر make target في شجرة المصدر."),
])
def test_a_literal_the_source_names_by_its_kind_is_not_flagged(en, ar):
    assert _spans("untranslated", en, ar) == []


@pytest.mark.parametrize("en, ar, left", [
    # no kind noun after it in the source: an English word left in running prose
    ("For reference, a receive buffer is a small memory zone.", "تذكر أن buffer الاستقبال هو منطقة صغيرة من الذاكرة.", "buffer"),
    ("A user can access audio devices.", "يستطيع المستخدم الوصول لأجهزة audio.", "audio"),
    # "settings" is no kind noun of a literal ("setting" is): the audio settings are words to translate
    ("Open the audio settings page.", "افتح صفحة إعدادات audio.", "audio"),
])
def test_a_word_the_source_does_not_name_stays_flagged(en, ar, left):
    assert _spans("untranslated", en, ar) == [left]


def test_a_compound_before_file_stays_flagged():
    # "file" is no kind noun of a literal: an adjective before it is prose ("a read-only file")
    assert _spans("untranslated", "Write a read-only file now.", "اكتب read-only الآن.") == ["read-only"]


def test_three_words_before_a_kind_noun_stay_flagged():
    en = "Run the make target all command now."
    assert _spans("untranslated", en, "شغّل الأمر make target all الآن.") == ["make target all"]


# ------------------------------------------------------------------ untranslated: a sentence starts with it in lower case

def test_a_word_the_page_starts_a_sentence_with_in_lower_case_is_a_literal():
    en = "approx, on the other hand, acts like an HTTP server."
    ar = "من ناحية أخرى، يعمل approx كمخدم HTTP."
    assert _spans("untranslated", en, ar) == []
    # another pair of the page uses it mid-sentence: the page has shown it is a program's name
    other = ("The proxy answers quickly. approx keeps a cache.", "يجيب الوسيط بسرعة. يحتفظ approx بذاكرة مؤقتة.")
    assert _spans("untranslated", "Install approx on the server.", "ثبّت approx على المخدم.", [other]) == []


def test_a_lower_case_word_inside_a_sentence_stays_flagged():
    en = "It is a rudimentary tool, basically implementing grep on descriptions."
    assert _spans("untranslated", en, "بدائية جداً، تعتمد أساساً على تطبيق grep على الأوصاف.") == ["grep"]
    # a capitalised sentence start is ordinary prose, not a literal
    assert _spans("untranslated", "Buffer sizes vary. A buffer is small.", "تختلف الأحجام. الـbuffer صغير.") == ["buffer"]


# ------------------------------------------------------------------ untranslated: a gloss in the dictionary form

@pytest.mark.parametrize("en, ar", [
    ("A volume is split into blocks of the same size.", "يقسم الحجم إلى أقسام (block) من نفس الحجم."),
    ("approx acts like a server that “mirrors” any number of repositories.",
     "يعمل كمخدم ينسخ (أو يعكس ”mirror“) أي عدد من المستودعات."),
])
def test_a_gloss_in_the_dictionary_form_of_the_source_word_is_not_flagged(en, ar):
    assert _spans("untranslated", en, ar) == []


def test_a_gloss_the_source_lacks_in_any_form_stays_flagged():
    en = "A volume is split into parts of the same size."
    assert _spans("untranslated", en, "يقسم الحجم إلى أقسام (chunk) من نفس الحجم.") == ["chunk"]


# ------------------------------------------------------------------ untranslated: code pieces and characters

def test_a_piece_of_an_underscore_token_of_the_source_is_code():
    en = "Locales are indicated under the form language-code_COUNTRY-CODE, sometimes with a suffix."
    ar = "تحدد عادة بالصيغة language-code_COUNTRY-CODE، وأحياناً تتبعها لاحقة."
    assert _spans("untranslated", en, ar) == []


def test_a_piece_of_an_underscore_token_the_source_lacks_stays_flagged():
    en = "Locales are named by a language code and a country code."
    assert _spans("untranslated", en, "تسمى بالصيغة language-code_COUNTRY-CODE عادة.") == ["CODE"]


@pytest.mark.parametrize("en, ar", [
    ("Comparison rules properly account for accented characters.", "قواعد المقارنة تعامل الحروف ذات الحركات – é مثلاً – بشكل صحيح."),
    ("Usernames can have only alphanumeric characters.", "يقبل اسم المستخدم رموزاً أبجدية فقط (a-z)."),
])
def test_an_example_character_or_a_range_is_not_a_word(en, ar):
    assert _spans("untranslated", en, ar) == []


@pytest.mark.parametrize("ar, left", [
    ("قواعد المقارنة تعامل الحروف ذات الحركات – café مثلاً – بشكل صحيح.", "café"),  # a word with an accent
    ("يقبل اسم المستخدم رموزاً أبجدية فقط (e-mail).", "e-mail"),  # a prefix compound, not a range
])
def test_words_with_accents_or_hyphens_stay_flagged(ar, left):
    assert _spans("untranslated", "Comparison rules properly account for accented characters.", ar) == [left]


def test_a_capitals_label_copied_from_the_source_is_described_as_such():
    found = _findings("untranslated", "RESULT: execute tests on the standard output.", "RESULT: يجري اختبارات على الخرج القياسي.")
    assert [f.tgt_span.text for f in found] == ["RESULT"]
    assert "copied from the source" in found[0].threshold and "where the source is not" not in found[0].threshold


# ------------------------------------------------------------------ one finding per span: numbers owns a renumbered name

@pytest.mark.parametrize("en, ar, name", [
    ("Use the V4L driver for the camera.", "استخدم برنامج التشغيل V6L للكاميرا.", "V6L"),
    ("Set up RAID-0 on the disks.", "اضبط RAID-7 على الأقراص.", "RAID-7"),
    ("The ext3, ext4 and xfs filesystems can be grown online.", "يمكن توسعة نظم الملفات ext3، وext10 و xfs دون فصل.", "ext10"),
])
def test_a_number_changed_inside_a_name_is_the_numbers_checks_finding(en, ar, name):
    both = run_checks(page_ctx([(en, ar)]), enabled=["numbers", "untranslated"])[0]
    assert [f.check for f in both if f.check == "numbers" and f.severity >= Severity.MAJOR]
    assert not [f for f in both if f.check == "untranslated" and name in f.tgt_span.text]


def test_a_name_the_source_lacks_in_any_numbering_stays_untranslateds():
    both = run_checks(page_ctx([("Use the driver for the camera.", "استخدم برنامج التشغيل V6L للكاميرا.")]),
                      enabled=["numbers", "untranslated"])[0]
    assert [(f.check, f.tgt_span.text) for f in both] == [("untranslated", "V6L")]


# ------------------------------------------------------------------ punctuation: a chapter cross-reference

@pytest.mark.parametrize("en, ar", [
    ("This concept is detailed in Chapter 5, Packaging System.", "هذا المفهوم مفصّل في فصل 5, نظام الحزم."),
    ("See Chapter 9, Unix Services.", "انظر الفصل ٩, خدمات يونكس."),
])
def test_a_comma_after_a_chapter_number_the_source_writes_so_is_a_cross_reference(en, ar):
    assert _spans("punctuation", en, ar) == []


@pytest.mark.parametrize("en, ar", [
    ("He bought 5, then sold them.", "اشترى 5, ثم باعها."),  # no reference noun before the number
    ("This is detailed in Chapter 5 of the book.", "هذا مفصّل في فصل 5, من الكتاب."),  # the source has no comma
])
def test_a_latin_comma_after_a_plain_number_stays_flagged(en, ar):
    assert _spans("punctuation", en, ar) == [","]


# ------------------------------------------------------------------ untranslated: a literal kept again in the segment

def test_a_word_the_segment_keeps_on_purpose_is_kept_again_without_a_flag():
    en = ("A locale is a group of regional settings; we generally use a locale. "
          "These locales are usually indicated under a form.")
    ar = "تشير كلمة locale إلى مجموعة من الإعدادات؛ نستخدم locale عموماً. تحدد هذه locales عادة بصيغة."
    assert _spans("untranslated", en, ar) == []


def test_a_word_the_segment_never_keeps_on_purpose_stays_flagged():
    en = "A locale is a group of regional settings; we generally use a locale."
    ar = "تشير locale إلى مجموعة من الإعدادات؛ نستخدم locale عموماً."
    assert _spans("untranslated", en, ar) == ["locale", "locale"]


# ------------------------------------------------------------------ untranslated: listed with a kept name; plural acronyms

@pytest.mark.parametrize("en, ar", [
    ("You could use other types of databases, such as LDAP or db, by using a module.",
     "يمكنك استخدام أنواع أخرى من قواعد البيانات، مثل LDAP أو db، عن طريق وحدة."),
    ("This directory is subdivided into bin, sbin, lib.", "هذا المجلد مقسَّم إلى bin، sbin، lib."),
])
def test_a_word_listed_with_a_kept_name_as_the_source_lists_it_is_a_name(en, ar):
    assert _spans("untranslated", en, ar) == []


def test_a_word_listed_with_a_kept_name_the_source_does_not_list_stays_flagged():
    en = "You could use LDAP instead; a db is another option."
    assert _spans("untranslated", en, "يمكنك استخدام LDAP أو db بدلاً من ذلك.") == ["db"]


@pytest.mark.parametrize("en, ar", [
    ("It mirrors remote repositories in its top-level URLs.", "ينسخ المستودعات البعيدة إلى عناوين URL من المستوى الأول."),
    ("When in doubt about the protocol, choose PAP: it is offered by most providers.",
     "إذا لم تكن متأكداً من البروتوكول، اختر PAP: فأغلب المزودات توفره."),
    ("Before then, they always return false.", "قبل ذلك، ستعيد لك دائماً رسالة خطأ (FALSE)."),
])
def test_acronyms_in_the_sources_plural_values_and_glosses_in_capitals_are_not_flagged(en, ar):
    assert _spans("untranslated", en, ar) == []


def test_a_label_opening_the_source_sentence_stays_flagged():
    en = "WARNING: this file is overwritten on every update of the package."
    assert _spans("untranslated", en, "WARNING: يُستبدل هذا الملف عند كل تحديث للحزمة.") == ["WARNING"]


@pytest.mark.parametrize("en, ar", [
    ("Free and trusted SSL/TLS certificates.", "شهادات SSL / TLS مجانية وموثوق بها."),
    ("Permissions follow this template: { operation1 operation2 }.", "وهي تتبع هذا القالب: { operation١ operation٢ }."),
])
def test_spaced_acronym_pairs_and_code_tokens_side_by_side_are_not_flagged(en, ar):
    assert _spans("untranslated", en, ar) == []


@pytest.mark.parametrize("en, ar, left", [
    ("Free and trusted certificates.", "شهادات SSL / TLS مجانية وموثوق بها.", "SSL / TLS"),  # the source lacks them
    ("Permissions follow this template.", "وهي تتبع هذا القالب: { operation١ operation٢ }.", "operation١ operation٢"),
])
def test_acronym_pairs_and_code_tokens_the_source_lacks_stay_flagged(en, ar, left):
    assert _spans("untranslated", en, ar) == [left]
