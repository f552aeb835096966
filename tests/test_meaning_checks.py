"""Names and polarity checks: hand-written pairs, each defect with a clean twin."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.lexicon import en_ar_dictionary, english_words
from mt_review.model import Severity
from mt_review.translit import transliterates
from tests.test_checks import page_ctx

needs_lexicons = pytest.mark.skipif(english_words() is None or en_ar_dictionary() is None,
                                    reason="Debian wamerican / dict-freedict-eng-ara not installed")


def run(check, en, ar, others=()):
    ctx = page_ctx([(en, ar), *others])
    return run_checks(ctx, enabled=[check])[0]


# ------------------------------------------------------------------ transliteration


@pytest.mark.parametrize("latin, arabic", [("Jabir", "جابر"), ("Amman", "عمان"), ("Moeyens", "موينز"),
                                           ("Moses", "موسى"), ("Israel", "إسرائيل"), ("London", "لندن"),
                                           ("Google", "وجوجل"), ("David", "داود"), ("Quraish", "قريش")])
def test_transliterations_match(latin, arabic):
    assert transliterates(latin, arabic)


@pytest.mark.parametrize("latin, arabic", [("Jabir", "سالم"), ("Amman", "من"), ("London", "باريس"),
                                           ("Moeyens", "الشباب"), ("XMPP", "بروتوكول")])
def test_other_words_do_not(latin, arabic):
    assert not transliterates(latin, arabic)


# ------------------------------------------------------------------ names


@pytest.mark.parametrize("en, good, bad", [
    # narrator transliterated / replaced by another name
    ("Jabir narrated that the Prophet prayed at night.",
     "روى جابر أن النبي صلى في الليل.", "روى سالم أن النبي صلى في الليل."),
    # Latin term kept / dropped
    ("The server speaks XMPP to other servers.",
     "يتحدث الخادم XMPP مع الخوادم الأخرى.", "يتحدث الخادم مع الخوادم الأخرى."),
    # place name transliterated / dropped
    ("The mayor of Amman opened the meeting.",
     "افتتح عمدة عمان الاجتماع.", "افتتح العمدة الاجتماع."),
])
def test_a_source_name_must_be_found_in_the_target(en, good, bad):
    assert run("names", en, good) == []
    (f,) = run("names", en, bad)
    assert f.severity is Severity.MAJOR and f.category == "accuracy/named-entity"
    assert f.src_span is not None and f.src_span.text in en and f.tgt_span is not None


def test_a_latin_stand_in_is_the_target_span():
    (f,) = run("names", "The STRIVE Cities programme trains officials.", "يدرب برنامج Strong Cities المسؤولين.")
    assert f.src_span.text == "STRIVE" and f.tgt_span.text == "Strong"


@needs_lexicons
def test_dictionary_renderings_and_common_words_count_as_found():
    # Moses -> موسى through the dictionary; Strong Cities is made of common words: not a name
    assert run("names", "Moses spoke to his people.", "كلم موسى قومه.") == []
    assert run("names", "The Strong Cities Network met today.", "اجتمعت شبكة المدن القوية اليوم.") == []


@needs_lexicons
def test_a_transliterated_common_word_is_flagged_with_a_suggestion():
    fs = run("names", "The Honourable minister spoke.", "تحدث الوزير الأونرابل.")
    (f,) = [f for f in fs if "transliterates" in f.message]
    assert f.tgt_span.text == "الأونرابل" and f.src_span.text == "Honourable" and f.suggestion
    assert run("names", "The Honourable minister spoke.", "تحدث معالي الوزير.") == []


def test_a_name_the_page_renders_elsewhere_is_minor():
    others = [("Jabir came to the mosque.", "جاء جابر إلى المسجد."),
              ("Jabir sat down.", "جلس جابر.")]
    (f,) = run("names", "Then Jabir prayed.", "ثم صلى.", others)
    assert f.severity is Severity.MINOR


# ------------------------------------------------------------------ polarity


@pytest.mark.parametrize("en, good, bad", [
    ("The value must be positive.", "يجب أن تكون القيمة موجبة.", "لا يجب أن تكون القيمة موجبة."),
    ("The file was not saved.", "لم يُحفظ الملف.", "حُفظ الملف."),
    ("You cannot delete this folder.", "لا يمكنك حذف هذا المجلد.", "يمكنك حذف هذا المجلد."),
    ("Users never see the password.", "لا يرى المستخدمون كلمة المرور أبدا.", "يرى المستخدمون كلمة المرور دائما."),
    ("The page opens without a password.", "تفتح الصفحة بدون كلمة مرور.", "تفتح الصفحة بكلمة مرور."),
])
def test_negation_on_one_side_only_is_critical(en, good, bad):
    assert run("polarity", en, good) == []
    (f,) = run("polarity", en, bad)
    assert f.severity is Severity.CRITICAL and f.category == "accuracy/polarity"
    assert f.src_span is not None and f.tgt_span is not None


@pytest.mark.parametrize("en, ar", [
    ("The value must not be empty.", "يجب ألّا تكون القيمة فارغة."),  # يجب ألّا = must not
    ("You must register first.", "لا بد أن تسجل أولا."),  # لا بد = must
    ("Marriage is entered into only with full consent.", "لا يبرم الزواج إلا برضى كامل."),  # لا ... إلا = only
    ("Whether tabs are shown or not.", "ما إذا كان سيتم عرض الألسنة أم لا."),
    ("Could not read the folder.", "تعذّرت قراءة المجلد."),  # negation carried by the verb
    ("They still differ.", "ولا يزالون مختلفين."),  # لا يزال = still
])
def test_constructions_that_move_negation_stay_clean(en, ar):
    assert run("polarity", en, ar) == []


def test_a_lost_negated_clause_is_major():
    en = "Do not open the door and do not answer the phone, and never leave the key."
    good = "لا تفتح الباب، ولا ترد على الهاتف، ولا تترك المفتاح أبدا."
    bad = "افتح الباب، ورد على الهاتف، ولا تترك المفتاح أبدا."
    assert run("polarity", "Open the door and do not answer the phone.", "افتح الباب ولا ترد على الهاتف.") == []
    assert [f.check for f in run("polarity", en, good)] == []
    (f,) = run("polarity", "Do not open the door. Do not answer the phone.", "افتح الباب. ولا ترد على الهاتف.")
    assert f.severity is Severity.MAJOR
    assert run("polarity", en, bad)  # flagged (count mismatch)
