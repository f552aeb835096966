"""Session 17 (prec17): the addition check on documentation's clean pairs.

* A first run of target clauses is an added part only when punctuation closes it, not a bracket or a word
  starting with و / ف, where the clause splitter also cuts (``_EDGE_START_END``).
* The short-string leftover rule needs the pair's leftover balance to lean beyond the page's towards the target
  (``leftover_lean``): on a page of wordy translations, a few target words left over are the page's style.

Hand-written pairs; each rule's twin is checked with the rule switched off (the twin test fails without it)."""

from __future__ import annotations

import re

import mt_review.checks  # noqa: F401  (import order: checks before coverage)
from mt_review.checks import addition as addition_mod
from mt_review.checks.addition import AdditionCheck
from mt_review.model import Severity
from tests.test_add16_order import _page


NEW_VERSION = "The control unit of the program is available on the server."
NOTE = "تنبيه مهم جداً"  # "a very important notice": no source word renders it
RENDERING = "وحدة التحكم في البرنامج متاحة على الخادم."


def _first_run(ar: str):
    ctx = _page([(NEW_VERSION, ar)])
    return AdditionCheck()._edge_clause(ctx.pairs[0], ctx, 1.5, 1.0, "page median")


def test_first_run_closed_by_a_colon_is_added():
    found = _first_run(f"{NOTE}: {RENDERING}")
    assert found is not None and found.severity is Severity.MAJOR
    assert found.tgt_span is not None and found.tgt_span.text == NOTE
    assert "first clause" in (found.threshold or "")


def test_first_run_closed_by_a_comma_or_full_stop_is_added():
    assert _first_run(f"{NOTE}، {RENDERING}") is not None
    assert _first_run(f"{NOTE}. {RENDERING}") is not None


BRACKETED = "تنبيه مهم جداً (وحدة التحكم في البرنامج) متاحة على الخادم."  # the clause splitter cuts at the bracket


def test_first_run_before_a_bracket_is_the_start_of_one_phrase():
    assert _first_run(BRACKETED) is None


def test_first_run_before_a_bracket_flagged_without_the_rule(monkeypatch):
    """The rule is what keeps it unflagged (the test above fails without it)."""
    monkeypatch.setattr(addition_mod, "_EDGE_START_END", re.compile(""))
    assert _first_run(BRACKETED) is not None


def test_last_run_after_the_rendering_still_added():
    """The end side is unchanged: a run after the rendering of the source's last clause is added."""
    found = _first_run(f"{RENDERING.rstrip('.')}، {NOTE}.")
    assert found is not None and found.tgt_span is not None and found.tgt_span.text == NOTE


CANNOT_OPEN = ("Cannot open the file.", "لا يمكن فتح الملف بسبب خطأ غير متوقع.")  # 5 target words left over, 1 source
PLAIN = [("Save the file.", "احفظ الملف."), ("Open a new window.", "افتح نافذة جديدة."),
         ("Close the window.", "أغلق النافذة."), ("Print the page.", "اطبع الصفحة."), ("Delete the file.", "احذف الملف.")]
WORDY = [("Save the file.", "قم بحفظ الملف الحالي على جهازك الآن."),
         ("Open a new window.", "قم بفتح نافذة جديدة في المتصفح الخاص بك."),
         ("Close the window.", "قم بإغلاق النافذة الحالية من فضلك."),
         ("Print the page.", "قم بطباعة الصفحة الحالية على الطابعة."),
         ("Delete the file.", "قم بحذف الملف نهائياً من جهازك.")]


def _leftover(filler: list[tuple[str, str]]):
    ctx = _page(filler + [CANNOT_OPEN])
    return AdditionCheck()._leftover_gap(ctx.pairs[-1], ctx, 1.5, 1.0, "page median")


def test_short_string_with_words_left_over_on_a_plain_page_is_added():
    found = _leftover(PLAIN)
    assert found is not None and found.severity is Severity.MAJOR
    assert "beyond the page's usual balance" in (found.threshold or "")


def test_short_string_on_a_page_of_wordy_translations_is_its_style():
    assert _leftover(WORDY) is None


def test_short_string_on_a_wordy_page_flagged_without_the_lean(monkeypatch):
    """The lean is what keeps it unflagged (the test above fails without it)."""
    monkeypatch.setattr(addition_mod, "leftover_lean", lambda *a, **k: "")
    assert _leftover(WORDY) is not None


def test_far_more_words_left_over_still_added_on_a_wordy_page():
    ctx = _page(WORDY + [("Cannot open the file.", "لا يمكن فتح الملف بسبب خطأ غير متوقع أثناء عملية القراءة.")])
    assert AdditionCheck()._leftover_gap(ctx.pairs[-1], ctx, 1.5, 1.0, "page median") is not None
