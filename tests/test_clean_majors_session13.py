"""Issue 10, session 13: clean pairs flagged major by polarity, wrong segment and truncation.
Each rule with a hit (or a defect that stays flagged) and a clean twin."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.polarity import english_negation
from mt_review.model import Severity
from tests.test_checks import page_ctx


def polarity(en, ar):
    return run_checks(page_ctx([(en, ar)]), enabled=["polarity"])[0]


@pytest.mark.parametrize("en", [
    "You do not want to save the changes.",
    "You don't save it automatically.",
    "It cannot save the image.",
    "Do not save the file and close it.",
])
def test_save_as_a_verb_is_no_exception(en):
    """"save" after to / can / not / n't / and is the verb: the negation before it stays sure."""
    assert len(english_negation(en).sure) == 1
    fs = polarity(en, "تريد حفظ التغييرات.")  # the Arabic lost its لا
    assert fs and fs[0].severity.rank >= Severity.MAJOR.rank


@pytest.mark.parametrize("en", [
    "There is no god save Allah.",
    "No one knows it save Allah.",
    "They did not return, save one.",
])
def test_save_as_a_preposition_is_except(en):
    """The twin: "save" = except ("no god save Him") makes the negation an "only", possible."""
    assert english_negation(en).sure == ()
    assert polarity(en, "لا يعلمه إلا الله.") == []


def wrong_segments(pairs):
    return run_checks(page_ctx(pairs), enabled=["wrong_segment"])[-1]


# a page the dictionary reads well: its pairs share words at a high rate, so a target sharing none stands out
UI_PAGE = [("The name of the file", "اسم الملف"), ("The color of the text", "لون النص"),
           ("The size of the image", "حجم الصورة"), ("The name of the user", "اسم المستخدم"),
           ("The color of the window", "لون النافذة"), ("The size of the page", "حجم الصفحة"),
           ("The text of the button", "نص الزر"), ("The image of the user", "صورة المستخدم"),
           ("The size of the text", "حجم النص"), ("The name of the window", "اسم النافذة"),
           ("The color of the button", "لون الزر"), ("The page of the file", "صفحة الملف")]
SPACE = "The amount of space to add on the top and bottom of the widget, in pixels"


def test_a_target_with_a_transliterated_word_of_its_source_shares_something():
    """بالبكسل writes "pixels" in Arabic letters: the dictionary renders none of the source's words in
    the target, yet the target is its translation, not another segment's."""
    assert wrong_segments([*UI_PAGE, (SPACE, "المساحة التي تضاف لأعلى وأسفل الودجة، بالبكسل")]) == []


def test_a_target_without_a_word_of_its_source_stays_a_wrong_segment():
    """The twin: another segment's translation, with no loanword of the source, is still major."""
    (f,) = wrong_segments([*UI_PAGE, (SPACE, "فيما إذا كان المقبض ظاهرا")])
    assert f.severity is Severity.MAJOR


@pytest.mark.parametrize("en, ar", [
    ("Have you seen the one who takes as his god his own desire", "أرأيت من اتخذ إلهه هواه"),  # takes ~ اتخذ: TKS
    ("O you who have believed", "في البلاد"),  # believed ~ البلاد: BLD
    ("the poor according to his capability", "كلمة خبيثة"),  # KBLT / KBTT: one edit apart
])
def test_a_native_word_with_a_short_or_near_skeleton_is_no_loanword(en, ar):
    """Three-class skeletons and one-edit matches meet native Arabic words by chance."""
    from mt_review.checks.wrong_segment import shares_loanword
    assert not shares_loanword(en, ar)


def truncated(pairs):
    return run_checks(page_ctx(pairs), enabled=["truncation"])[-1]


# a page whose sources end their sentences and whose targets keep the final mark (and run long: yardstick 1.2)
MARKED_PAGE = [
    ("The name of the file is shown in the title bar.", "يتم عرض اسم الملف الحالي في شريط العنوان الخاص بالنافذة."),
    ("The color of the text is used for every label.", "يتم استخدام لون النص المحدد هنا لكل واحدة من اللصيقات."),
    ("The size of the image is given in pixels here.", "يتم هنا إعطاء حجم الصورة المعروضة بوحدة البكسل المعروفة."),
    ("The user can change the name of the window.", "يستطيع المستخدم أن يقوم بتغيير الاسم الخاص بهذه النافذة."),
    ("The page is printed when the button is pressed.", "تتم طباعة الصفحة الحالية عندما يتم الضغط على هذا الزر."),
    ("The border of the window is drawn in this color.", "يتم رسم الحد الخارجي الخاص بالنافذة باستخدام هذا اللون."),
    ("The text of the button can be changed later.", "يمكن القيام بتغيير النص الموجود على الزر في وقت لاحق."),
    ("The file is saved when the window is closed.", "يتم حفظ الملف تلقائيا عندما يقوم المستخدم بإغلاق النافذة.")]
# the same page, half of whose targets drop the final mark (as UI catalogues often do)
UNMARKED_PAGE = [(en, ar.rstrip(".")) for en, ar in MARKED_PAGE[:4]] + MARKED_PAGE[4:]
ATTENTION = "TRUE if the window should be brought to the user's attention."


def test_an_unended_target_a_little_short_is_cut_off_where_the_page_keeps_its_marks():
    """A page whose targets keep the final mark: a target without it and short (0.76 of the yardstick)
    stays flagged as cut off."""
    (f,) = truncated([*MARKED_PAGE, (ATTENTION, "يضبط لـ TRUE إذا وجب لفت انتباه المستخدم إلى هذه النافذة")])
    assert f.severity is Severity.MAJOR and "8 of 8" in f.threshold


def test_an_unended_target_a_little_short_is_no_cut_where_the_page_drops_its_marks():
    """The twin: where the page's translations often drop the final mark, a missing one is weak
    evidence, and 0.76 of the yardstick is a terse translation, not a cut."""
    assert truncated([*UNMARKED_PAGE, (ATTENTION, "يضبط لـ TRUE إذا وجب لفت انتباه المستخدم إلى هذه النافذة")]) == []


def test_a_real_cut_is_flagged_where_the_page_drops_its_marks():
    """On that page a target cut to a third of its length (0.35 of the yardstick) is still cut off."""
    (f,) = truncated([*UNMARKED_PAGE, (ATTENTION, "يضبط لـ TRUE إذا وجب تنبيه")])
    assert f.severity is Severity.MAJOR and "4 of 8" in f.threshold
