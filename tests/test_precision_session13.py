"""Precision on clean pairs (issue 10, session 13): punctuation, hygiene, untranslated and polarity
rules that read correct translations as defects; each rule with hits and a clean twin that stays flagged."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.omission import _chars
from mt_review.checks.truncation import UNENDED_SHORT
from tests.lexicon_marks import needs_wordnet
from tests.test_checks import page_ctx


def _run(check, pairs):
    return run_checks(page_ctx(pairs), enabled=[check])


# ------------------------------------------------------------------ punctuation: a dropped full stop, length fits


def _ending(fs):
    return [f for f in fs if "closing punctuation" in f.message]


_FITS = [
    ("Whether left and right margins accumulate.", "ما إذا كانت الهوامش اليمنى واليسرى تتراكم"),
    ("The OK button of the dialog.", "زر حسناً في مربع الحوار"),
]


@pytest.mark.parametrize("en, ar", _FITS)
def test_a_full_stop_dropped_by_a_target_of_full_length_is_not_flagged(en, ar):
    """Alone on its page (no page convention), a target as long as its source lacks only the stop."""
    assert _chars(ar) / _chars(en) >= 0.81 * UNENDED_SHORT  # the prior yardstick of a short page
    assert _ending(_run("punctuation", [(en, ar)])[0]) == []


@pytest.mark.parametrize("en, ar", [
    ("Whether left and right margins accumulate.", "ما إذا كانت الهوامش"),  # cut short
    ("The number of pages in the document.", "عدد الصفحات"),
])
def test_a_full_stop_dropped_by_a_short_target_stays_flagged(en, ar):
    assert len(_ending(_run("punctuation", [(en, ar)])[0])) == 1


@pytest.mark.parametrize("en, ar", [("Do you want to quit the program now?", "هل تريد الخروج من البرنامج الآن"),
                                    ("Open the selected file in a new window!", "افتح الملف المحدد في نافذة جديدة")])
def test_other_final_marks_stay_flagged_at_full_length(en, ar):
    """Only the full stop is a habit of UI catalogues; a lost ? or ! changes the sentence."""
    assert len(_ending(_run("punctuation", [(en, ar)])[0])) == 1


# ------------------------------------------------------------------ hygiene: ZWNJ in a spelt-out abbreviation

ZWNJ = "\u200c"


def _invisible(en, ar):
    return [f for f in _run("hygiene", [(en, ar)])[0] if "Invisible" in f.message]


@pytest.mark.parametrize("ar", [
    f"مكتبة ج{ZWNJ}ت{ZWNJ}ك للواجهات الرسومية",  # GTK spelt in Arabic letters
    f"نسخة ج.ت{ZWNJ}ك الثالثة",  # a dot and a ZWNJ
    f"صيغة ب{ZWNJ}د{ZWNJ}ف",  # PDF
])
def test_zwnj_between_the_letters_of_a_spelt_out_abbreviation_is_not_flagged(ar):
    assert _invisible("The GTK library for graphical interfaces", ar) == []


@pytest.mark.parametrize("ar", [
    f"مكتبة الواجهات{ZWNJ}الرسومية",  # between two words
    f"كتاب{ZWNJ}ها الجديد",  # inside a word
    f"م{ZWNJ}ت{ZWNJ}حدة",  # letters, then a whole word: no abbreviation
])
def test_zwnj_elsewhere_stays_flagged(ar):
    assert len(_invisible("The library for graphical interfaces", ar)) == ar.count(ZWNJ)


# ------------------------------------------------------------------ untranslated: command lines and code tokens


def _untranslated(en, ar):
    return _run("untranslated", [(en, ar)])[0]


@pytest.mark.parametrize("en, ar", [
    ("Run git commit -m message to save it.", "شغّل git commit -m message لحفظه."),  # an option inside
    ("Run grep -r pattern in the folder.", "شغّل grep -r pattern في المجلد."),
    ("Type tar xzf archive.tgz here.", "اكتب tar xzf archive.tgz هنا."),
    ("Cannot run dpkg -i package.deb now.", "لا يمكن تشغيل dpkg -i package.deb الآن."),  # a file name
    ("Run `make clean all` first.", "شغّل make clean all أولا."),  # words only, marked as code by the source
])
def test_a_command_line_copied_from_the_source_is_not_flagged(en, ar):
    assert _untranslated(en, ar) == []


def test_a_joined_property_name_before_a_content_word_is_not_flagged():
    """gtk-theme-name has a part the English word list lacks: a property name, not a modifier."""
    assert _untranslated("The gtk-theme-name setting is used.", "يُستخدم الإعداد gtk-theme-name.") == []


@pytest.mark.parametrize("en, ar", [
    ("Run make clean all first.", "شغّل make clean all أولا."),  # no backticks, no option: English words
    ("Check the print head alignment.", "تحقق من print head alignment."),
    ("Run git commit -m message to save it.", "شغّل git push -m message لحفظه."),  # not the source's
    ("Use the `--all` flag for the whole list.", "استخدم for the whole list."),  # prose, function words
    ("Open a read-only file.", "افتح read-only ملفا."),  # a modifier of English words
])
def test_english_words_without_a_code_shape_stay_flagged(en, ar):
    assert _untranslated(en, ar) != []


# ------------------------------------------------------------------ polarity: questions, "no matter", continuing


def _polarity(en, ar):
    return _run("polarity", [(en, ar)])[0]


@pytest.mark.parametrize("en, ar", [
    ("Don't you want to save the changes?", "هل تريد حفظ التغييرات؟"),
    ("Do you want to save the changes?", "ألا تريد حفظ التغييرات؟"),
    ("Won't you come with us?", "ألا تأتي معنا"),
    ("Have you not seen that Allah knows?", "ألم تر أن الله يعلم"),
])
def test_an_inverted_question_is_not_a_polarity_mismatch(en, ar):
    """"Don't you want ...?" asks, like ألا / ألم: either side may say it with or without a negator."""
    assert _polarity(en, ar) == []


def test_a_negation_in_a_statement_still_counts():
    fs = _polarity("You do not want to close the window.", "تريد إغلاق النافذة.")  # the twin: no question
    assert fs and fs[0].severity.name == "CRITICAL"


@pytest.mark.parametrize("en, ar", [
    ("No matter what you do, the file is saved.", "مهما فعلت، يحفظ الملف."),
    ("No matter how often it runs, the result is kept.", "مهما تكرر تشغيله، تحفظ النتيجة."),
    ("No matter what you do, the file is saved.", "لا يهم ما تفعل، يحفظ الملف."),  # rendered with لا
])
def test_no_matter_is_concessive_not_negative(en, ar):
    assert _polarity(en, ar) == []


def test_no_matter_does_not_hide_a_real_negation():
    fs = _polarity("No matter what you do, the file is not saved.", "مهما فعلت، يحفظ الملف.")
    assert fs and fs[0].src_span.text == "not"


@pytest.mark.parametrize("en, ar", [
    ("We are still here.", "لا نزال هنا."),
    ("I am still waiting.", "لا أزال أنتظر."),
    ("You still disagree.", "لا تزالون مختلفين."),
    ("He kept remembering Joseph.", "لا يفتأ يذكر يوسف."),
    ("They kept on praying.", "لم يزالوا يصلون."),
    ("Keep trying.", "لا تتوقف عن المحاولة."),
    ("The timer does not stop.", "لا يتوقف المؤقت."),
    ("He continued to speak.", "لم يكف عن الكلام."),
])
def test_verbs_of_continuing_are_not_negations(en, ar):
    """لا يزال / لا نزال / لا يفتأ "still", لا يتوقف عن / لم يكف عن "keep doing": continuing, not negating."""
    assert _polarity(en, ar) == []


@pytest.mark.parametrize("en, ar", [
    ("This is enough.", "لا يكفي هذا."),  # يكفي "suffices" is no verb of stopping
    ("He leaves his place.", "لا يبرح مكانه."),  # برح "leave": a real negation
    ("He expects it.", "لا يتوقع ذلك."),  # يتوقع "expects" is no يتوقف
])
def test_negated_verbs_that_do_not_mean_continuing_stay_flagged(en, ar):
    fs = _polarity(en, ar)
    assert fs and fs[0].severity.name == "CRITICAL"


# ------------------------------------------------------------------ polarity: غير mirrors a negative prefix



@needs_wordnet
@pytest.mark.parametrize("en, ar", [
    ("Improper use of the function", "استخدام غير سليم للدالة"),
    ("Inexact result", "نتيجة غير دقيقة"),
    ("Infinite loop detected", "اكتُشفت حلقة غير منتهية"),
    ("Asynchronous call", "استدعاء غير متزامن"),
    ("Mismatched brackets", "أقواس غير متطابقة"),
    ("The cable is unfit for use", "الكابل غير صالح للاستخدام"),
])
def test_ghayr_before_an_adjective_mirrors_a_negative_prefix(en, ar):
    """غير سليم = improper: the English prefix (in-/im-/un-/mis-/a-) is the negation."""
    assert _polarity(en, ar) == []


@pytest.mark.parametrize("en, ar", [
    ("Proper use of the function", "استخدام غير سليم للدالة"),  # no prefix: a negation added
    ("Synchronous call", "استدعاء غير متزامن"),
    ("Improper use. Do it.", "استخدام غير سليم. لا تفعل ذلك."),  # the prefix pays for غير, not for لا
    ("Important file", "ملف غير مهم"),  # im- + no English word
    ("Improved version", "إصدار غير محسن"),  # a verb form: improve + -d, not a negative
])
def test_ghayr_without_a_negative_prefix_stays_flagged(en, ar):
    assert _polarity(en, ar) != []
