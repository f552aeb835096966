"""A short string short for a page whose translations are not terse, with its source words left over by
the dictionary outnumbering the target's (OmissionCheck._leans_on_plain_page): a dropped part of a label.
Each hit has twins that stay below major: the whole rendering, one with words left to render the rest,
one the dictionary barely reaches, and the same cut on a page of terse translations."""

from __future__ import annotations

from mt_review.checks import run_checks
from mt_review.checks.omission import PLAIN_LEAN, PLAIN_SHORT
from mt_review.model import Severity
from tests.test_checks import page_ctx

# a page of UI strings rendered whole: as many words left over on each side (leftover yardstick 0)
PAGE = [("Open the file in a new window", "افتح الملف في نافذة جديدة"),
        ("Close the window without saving the file", "أغلق النافذة دون حفظ الملف"),
        ("Print the document on the default printer", "اطبع المستند على الطابعة الافتراضية"),
        ("Save the document as a new file", "احفظ المستند كملف جديد"),
        ("Delete the selected file from the folder", "احذف الملف المحدد من المجلد"),
        ("Show the hidden files in the folder", "اعرض الملفات المخفية في المجلد")]
# the same strings with two words each that their (same) translations leave out: a page of terse renderings
TERSE = [(en + " asap now", ar) for en, ar in PAGE]
EN = "Save the user settings to the default configuration file"
FULL = "احفظ إعدادات المستخدم في ملف التهيئة الافتراضي"


def omission(target: str, page=PAGE, source: str = EN):
    return run_checks(page_ctx([*page, (source, target)]), enabled=["omission"])[-1]


def major(findings) -> bool:
    return any(f.severity is Severity.MAJOR for f in findings)


def test_a_label_that_lost_a_part_on_a_plain_page_is_a_major_omission():
    """"التهيئة الافتراضي" dropped: 0.66 x the page's ratio (a minor gap at most by length), 4 source words
    unrendered against 2 target words unaccounted for, where the page's pairs balance."""
    (f,) = omission("احفظ إعدادات المستخدم في ملف")
    assert f.severity is Severity.MAJOR and f"{PLAIN_LEAN}x or more beyond the page's usual balance" in f.threshold
    assert f.src_span is not None and f.src_span.text in EN and f.src_span.text != EN
    # the cut at the start instead ("احفظ" dropped as well as "الافتراضي"): 0.74 x
    (f,) = omission("إعدادات المستخدم في ملف التهيئة")
    assert f.severity is Severity.MAJOR and f"× {PLAIN_SHORT}" in f.threshold


def test_a_whole_or_wordy_rendering_is_no_major_omission():
    assert omission(FULL) == []
    # one word fewer (0.85 x) but 3 target words left that may render the 4 unrendered source words
    assert not major(omission("احفظ إعدادات المستخدم في ملف التهيئة"))


def test_a_label_the_dictionary_barely_reaches_is_no_major_omission():
    """One source word found ("password"): the leftover balance says little about a pair the dictionary
    hardly reads (LEFT_FOUND)."""
    source = "Show the password of the current user account"
    assert not major(omission("اعرض كلمة المرور للمستخدم", source=source))


def test_the_same_cut_on_a_page_of_terse_translations_is_no_major_omission():
    """There the page's pairs leave more source words over than target words: the pair's lean is the
    page's style, and its ratio is within the page's (0.84 x)."""
    assert not major(omission("احفظ إعدادات المستخدم في ملف", page=TERSE))
    assert not major(omission("إعدادات المستخدم في ملف التهيئة", page=TERSE))
