"""Session 18 (add18): documentation's false majors from truncation and the length-only addition.

* ``truncation``: a short target without the source's final mark is only minor when its word-order chain
  reaches the source's end (``_reaches_source_end``): a cut leaves the source's tail unrendered, a complete
  sentence that dropped its full stop does not.  Not on short strings.
* ``addition``: a major by length alone is minor when the word-order chain spans the target end to end
  (``AdditionCheck._spread``): the extra is spread through a wordier rendering, no part at either end.

Hand-written pairs; each twin is checked with its rule switched off (the twin test fails without it)."""

from __future__ import annotations

import mt_review.checks  # noqa: F401  (import order: checks before coverage)
from mt_review.checks import addition as addition_mod
from mt_review.checks import truncation as truncation_mod
from mt_review.checks.addition import AdditionCheck
from mt_review.checks.truncation import _reaches_source_end
from mt_review.model import Severity
from tests.test_add16_order import _page

EN = "The control unit of the program is available on the server. Please contact the administrator of the system."
WHOLE = "وحدة التحكم في البرنامج متاحة على الخادم، يرجى الاتصال بمدير النظام"  # complete, no full stop
CUT = "وحدة التحكم في البرنامج متاحة على الخادم، يرجى"  # cut: "contact the administrator of the system" lost


def _pair(en: str, ar: str):
    return _page([(en, ar)]).pairs[0]


def test_complete_target_without_full_stop_reaches_the_source_end():
    why = _reaches_source_end(_pair(EN, WHOLE))
    assert why is not None and "minor" in why and "anchors" in why


def test_cut_target_does_not_reach_the_source_end():
    assert _reaches_source_end(_pair(EN, CUT)) is None


def test_short_string_is_not_judged_by_its_word_order():
    """A short string (< 60 letters) has too few anchors: the rule stands aside, the finding stays major."""
    assert _reaches_source_end(_pair("Please contact the administrator.", "يرجى الاتصال بالمدير")) is None


def test_complete_target_unflagged_needs_the_rule(monkeypatch):
    """With the rule switched off (no chain is long enough) the complete target is not excused."""
    monkeypatch.setattr(truncation_mod, "REACHED_ANCHORS", 99)
    assert _reaches_source_end(_pair(EN, WHOLE)) is None


SRC = "The control unit of the program is available on the server. Please contact the administrator of the system."
WORDY = ("وحدة التحكم الرئيسية والمهمة جداً في هذا البرنامج الكبير متاحة دائماً على الخادم الخاص بكم، "
         "يرجى الاتصال مباشرة بمدير النظام")  # the extra words spread through the rendering
APPENDED = (WHOLE + "، تنبيه مهم جداً للمستخدمين الجدد في الموقع")  # the extra is one clause at the end


def _length_major(ar: str):
    check = AdditionCheck()
    f = check.finding(check.outlier_message, severity=Severity.MAJOR, threshold="length ratio 2.00 > page median 1.00 × 1.6")
    return check._spread(_pair(SRC, ar), f, 2.0)


def test_length_only_addition_spread_through_the_target_is_minor():
    f = _length_major(WORDY)
    assert f.severity is Severity.MINOR and "spread" in (f.threshold or "")


def test_length_only_addition_with_a_part_at_the_end_stays_major():
    assert _length_major(APPENDED).severity is Severity.MAJOR


def test_spread_target_is_major_without_the_rule(monkeypatch):
    monkeypatch.setattr(addition_mod, "SPREAD_END", 0.0)
    assert _length_major(WORDY).severity is Severity.MAJOR


def test_lean_major_is_left_alone():
    """Within the major factor a major is the lean's (two signs): not touched."""
    check = AdditionCheck()
    f = check.finding(check.outlier_message, severity=Severity.MAJOR, threshold="length ratio 1.50; leftover words")
    assert check._spread(_pair(SRC, WORDY), f, 1.5).severity is Severity.MAJOR
