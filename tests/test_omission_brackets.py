"""Omission through a bracket or quote that lost its partner (OmissionCheck._lost_partner): a cut
across a bracket takes the words between with it.  Each hit has clean twins that stay unflagged."""

from __future__ import annotations

from mt_review.checks import run_checks
from mt_review.model import Severity
from tests.test_checks import page_ctx

# a page of UI strings, some with a bracketed part, all rendered whole
PAGE = [("Print the report in colour (on photo paper)", "اطبع التقرير بالألوان (على ورق الصور)"),
        ("Print the page in grey (on plain paper)", "اطبع الصفحة بالرمادي (على ورق عادي)"),
        ("Save the report as a file (for later use)", "احفظ التقرير كملف (لاستخدامه لاحقا)"),
        ("Open the report in a new window", "افتح التقرير في نافذة جديدة"),
        ("Close the window without saving the report", "أغلق النافذة دون حفظ التقرير"),
        ("Send the report to the printer (when ready)", "أرسل التقرير إلى الطابعة (عند الجاهزية)")]
EN = "Print the page in colour (on photo paper)"


def omission(target: str, source: str = EN):
    return run_checks(page_ctx([*PAGE, (source, target)]), enabled=["omission"])[-1]


def test_a_short_translation_whose_bracket_lost_its_partner_is_a_major_omission():
    """The cut took "بالألوان (على" with the opening bracket: the closing one is left alone."""
    (f,) = omission("اطبع الصفحة ورق الصور)")
    assert f.severity is Severity.MAJOR and "')' has no partner" in f.threshold
    # the cut took the closing bracket instead
    (f,) = omission("اطبع الصفحة (على ورق الصور")
    assert f.severity is Severity.MAJOR and "'(' has no partner" in f.threshold


def test_paired_brackets_or_a_length_that_fits_are_no_omission():
    # the same short translation with its brackets paired: a terse rendering, no sign of a cut
    assert omission("اطبع الصفحة (ورق الصور)") == []
    # a lone bracket in a translation of the page's usual length: a punctuation slip, not a lost part
    assert omission("اطبع الصفحة بالألوان على ورق الصور)") == []
    # the source's own brackets are not paired: the lone one in the target proves nothing
    assert omission("اطبع الصفحة ورق الصور)", "Print the page in colour on photo paper)") == []
