from __future__ import annotations

import math

import pytest

from mt_review.model import Finding, Severity
from mt_review.score import page_score, segment_risk
from mt_review.score import risk as R


def f(check: str, sev: Severity, category: str = "accuracy/x") -> Finding:
    return Finding(check, category, sev, "m", threshold="t")


def test_no_findings_no_signals():
    assert segment_risk([], {}) == (0.0, Severity.NONE, None)


@pytest.mark.parametrize("sev", [Severity.MINOR, Severity.MAJOR, Severity.CRITICAL])
def test_worst_finding_sets_severity_and_driver(sev):
    risk, got, driver = segment_risk([f("punctuation", Severity.MINOR), f("numbers", sev)], {})
    assert got is sev and driver == ("numbers" if sev is not Severity.MINOR else "punctuation")
    assert 0 < risk <= 1


def test_risk_is_monotonic_in_severity_and_bands_do_not_overlap():
    many_minor = segment_risk([f("a", Severity.MINOR)] * 20, {})[0]
    one_major = segment_risk([f("b", Severity.MAJOR)], {})[0]
    many_major = segment_risk([f("b", Severity.MAJOR)] * 20, {})[0]
    one_critical = segment_risk([f("c", Severity.CRITICAL)], {})[0]
    assert segment_risk([f("a", Severity.MINOR)], {})[0] < many_minor < one_major < many_major < one_critical


def test_missing_signal_is_ignored_not_zero():
    base = segment_risk([f("a", Severity.MINOR)], {})
    assert segment_risk([f("a", Severity.MINOR)], {"other": 0.0}) == base
    assert segment_risk([f("a", Severity.MINOR)], {"embed_sim": math.nan}) == base


def test_embed_sim_thresholds():
    assert segment_risk([], {"embed_sim": 0.95}) == (0.0, Severity.NONE, None)
    r, sev, drv = segment_risk([], {"embed_sim": R.SIM_MINOR - 0.005})
    assert sev is Severity.MINOR and drv == "embed_sim" and 0 < r < R.SEVERITY_RISK[Severity.MAJOR]
    r, sev, drv = segment_risk([], {"embed_sim": R.SIM_MAJOR - 0.01})
    assert sev is Severity.MAJOR and drv == "embed_sim"
    r_low = segment_risk([], {"embed_sim": 0.5})[0]
    assert r < r_low <= 1.0


def test_signal_and_findings_combine():
    # a low similarity raises the severity of a pair with only a minor finding
    r, sev, drv = segment_risk([f("punctuation", Severity.MINOR)], {"embed_sim": 0.70})
    assert sev is Severity.MAJOR and drv == "embed_sim"
    # a critical finding stays the driver when the similarity is fine
    r, sev, drv = segment_risk([f("untranslated", Severity.CRITICAL)], {"embed_sim": 0.95})
    assert sev is Severity.CRITICAL and drv == "untranslated"


def test_page_score_mqm():
    fs = [f("a", Severity.MINOR)] * 8 + [f("b", Severity.MAJOR)] * 2
    assert page_score(fs, 400) == pytest.approx(100 - 18 * 100 / 400)
    assert page_score([f("c", Severity.CRITICAL)], 100) == 75
    assert page_score([], 250) == 100
    assert page_score([f("c", Severity.CRITICAL)] * 10, 100) == 0
    assert page_score([], 0) == 100 and page_score([f("a", Severity.MAJOR)], 0) == 95
    assert page_score([f("n", Severity.NONE)], 10) == 100
