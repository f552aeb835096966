"""Calibrated risk: deterministic fit, missing signals, sign constraints, integration with segment_risk."""

from __future__ import annotations

import json
import math
import random

import pytest

from mt_review.model import Finding, Severity
from mt_review.score import calibration as C
from mt_review.score import risk as R
from mt_review.score import signals as S
from mt_review.score.risk import segment_risk


def synthetic(n=400, seed=1, drop=0.2):
    """Defective pairs have lower chrF / log-prob / similarity; some signals missing."""
    rng = random.Random(seed)
    rows, labels = [], []
    for i in range(n):
        bad = i % 2 == 1
        r = {
            "embed_sim": rng.gauss(0.84 if bad else 0.9, 0.03),
            "pseudo_chrf": rng.gauss(30 if bad else 55, 10),
            "roundtrip_chrf": rng.gauss(35 if bad else 60, 12),
            "lp_tgt_given_src": rng.gauss(-2.6 if bad else -1.4, 0.4),
            "lp_src_given_tgt": rng.gauss(-2.0 if bad else -1.5, 0.6),
            "check_severity": float(rng.choice([0, 1, 2]) if bad and rng.random() < 0.5 else 0),
        }
        for k in ("pseudo_chrf", "roundtrip_chrf", "lp_src_given_tgt"):
            if rng.random() < drop:
                del r[k]
        rows.append(r)
        labels.append(bad)
    return rows, labels


def test_fit_is_deterministic():
    rows, y = synthetic()
    a, b = C.fit(rows, y), C.fit(rows, y)
    assert a.to_json() == b.to_json()
    assert json.dumps(a.to_json(), sort_keys=True) == json.dumps(b.to_json(), sort_keys=True)


def test_fit_learns_directions_and_separates():
    rows, y = synthetic()
    cal = C.fit(rows, y)
    w = dict(zip(cal.features, cal.coef))
    assert w["pseudo_chrf"] < 0 and w["lp_tgt_given_src"] < 0 and w["check_severity"] > 0
    probs = [cal.predict(r).prob for r in rows]
    good = sum(p for p, lab in zip(probs, y) if not lab) / y.count(False)
    bad = sum(p for p, lab in zip(probs, y) if lab) / y.count(True)
    assert bad > good + 0.4
    t = cal.thresholds
    assert t["ok"] <= t["minor"] < t["major"]


def test_wrong_sign_weights_are_dropped():
    rows, y = synthetic()
    for r, lab in zip(rows, y):  # a feature that goes the wrong way: higher chrF for defects
        if "pseudo_chrf" in r:
            r["pseudo_chrf"] = 80.0 if lab else 20.0
    cal = C.fit(rows, y)
    assert dict(zip(cal.features, cal.coef))["pseudo_chrf"] == 0.0
    unconstrained = C.fit(rows, y, sign_constraints=False)
    assert dict(zip(unconstrained.features, unconstrained.coef))["pseudo_chrf"] > 0


def test_missing_signals_are_imputed_not_zero():
    rows, y = synthetic()
    cal = C.fit(rows, y)
    z, m = cal.design({"embed_sim": 0.9})
    j = cal.features.index("pseudo_chrf")
    assert z[j] == 0.0 and m[j] == 1.0
    assert cal.predict({"embed_sim": 0.9}).prob != cal.predict({"embed_sim": 0.9, "pseudo_chrf": 0.0}).prob
    assert cal.predict({"embed_sim": 0.9, "pseudo_chrf": math.nan}).prob == cal.predict({"embed_sim": 0.9}).prob
    # a never-missing feature has no indicator weight; a never-seen one has no weight at all
    assert cal.missing_coef[cal.features.index("check_severity")] == 0.0
    cal2 = C.fit([{k: v for k, v in r.items() if k != "lp_src_given_tgt"} for r in rows], y)
    k = cal2.features.index("lp_src_given_tgt")
    assert cal2.coef[k] == 0.0 and cal2.missing_coef[k] == 0.0
    assert not cal2.weighs("lp_src_given_tgt")


def test_extreme_values_are_clipped():
    rows, y = synthetic()
    cal = C.fit(rows, y)
    z, _ = cal.design({"lp_tgt_given_src": 1e6})
    assert abs(z[cal.features.index("lp_tgt_given_src")]) == C.Z_CLIP


def test_save_load_roundtrip(tmp_path):
    rows, y = synthetic()
    cal = C.fit(rows, y, meta={"models": {"en-ar": "x"}})
    cal.save(tmp_path / "c.json")
    back = C.load(tmp_path / "c.json")
    assert back is not None and back.to_json() == cal.to_json()
    r = rows[3]
    assert back.predict(r).prob == pytest.approx(cal.predict(r).prob, abs=1e-4)
    with pytest.raises(C.CalibrationError):  # a missing or damaged file is an error, never "no calibration"
        C.load(tmp_path / "missing.json")
    assert back.fingerprint() == cal.fingerprint() and back.fingerprint().startswith("sha256:")


def test_shipped_calibration_loads_and_is_honest():
    cal = C.load()
    assert cal is not None, "mt_review/score/calibration.json must load"
    assert set(cal.features) == set(C.FEATURES)
    if cal.meta.get("random_weight_models") or not cal.meta.get("models"):
        # fitted without a real model: the model signals count only through the documented priors
        assert cal.meta["kind"] == C.PRIOR
        for f in C.MODEL_SIGNALS:
            j = cal.features.index(f) if f in cal.features else None
            if j is None:
                continue
            assert (cal.mean[j], cal.scale[j], cal.coef[j]) == C.PRIORS[f] and cal.missing_coef[j] == 0.0


def test_priors_make_a_real_looking_bad_pair_risky_and_a_typical_one_not():
    cal = C.load()
    typical = {"embed_sim": cal.mean[0], "pseudo_chrf": 45.0, "roundtrip_chrf": 55.0,
               "lp_tgt_given_src": -1.6, "lp_src_given_tgt": -1.2, "check_severity": 0.0}
    bad = {**typical, "pseudo_chrf": 15.0, "roundtrip_chrf": 25.0, "lp_tgt_given_src": -2.8, "lp_src_given_tgt": -2.2}
    assert cal.covers(typical) and cal.predict(typical).severity_rank == 0
    p = cal.predict(bad)
    assert p.severity_rank == 2 and p.driver in C.MODEL_SIGNALS


def test_contributions_and_driver():
    rows, y = synthetic()
    cal = C.fit(rows, y)
    p = cal.predict({"embed_sim": 0.9, "pseudo_chrf": 5.0, "lp_tgt_given_src": -1.4, "check_severity": 0.0})
    assert p.driver == "pseudo_chrf" and p.contributions["pseudo_chrf"] > 0
    assert p.severity_rank >= 1 and p.risk >= R.SEVERITY_RISK[Severity.MINOR]


# ----------------------------------------------------------------- integration with segment_risk


@pytest.fixture
def fitted(monkeypatch):
    rows, y = synthetic()
    cal = C.fit(rows, y)
    monkeypatch.setattr(C, "shipped", lambda: cal)
    return cal


def f(check, sev):
    return Finding(check, "accuracy/x", sev, "m", threshold="t")


def test_segment_risk_unchanged_without_model_signals(fitted):
    assert segment_risk([], {}) == (0.0, Severity.NONE, None)
    assert segment_risk([], {"embed_sim": 0.95}) == (0.0, Severity.NONE, None)
    assert segment_risk([f("a", Severity.MINOR)], {"embed_sim": 0.95})[2] == "a"


def test_segment_risk_model_signal_drives(fitted):
    sig = {"embed_sim": 0.95, "pseudo_chrf": 3.0, "lp_tgt_given_src": -3.5, "roundtrip_chrf": 10.0}
    risk, sev, driver = segment_risk([], sig)
    assert driver in C.MODEL_SIGNALS and sev.rank >= Severity.MINOR.rank and risk > 0.3
    # a clean-looking pair stays clean
    ok = {"embed_sim": 0.95, "pseudo_chrf": 70.0, "lp_tgt_given_src": -1.0, "roundtrip_chrf": 75.0}
    assert segment_risk([], ok)[1] is Severity.NONE
    # a critical finding still wins
    assert segment_risk([f("untranslated", Severity.CRITICAL)], sig)[1:] == (Severity.CRITICAL, "untranslated")


def test_check_severity_driver_names_the_check(fitted):
    ok = {"embed_sim": 0.9, "pseudo_chrf": 55.0, "lp_tgt_given_src": -1.4}
    r, sev, driver = segment_risk([f("numbers", Severity.MAJOR), f("model_surprisal", Severity.MAJOR)], ok)
    assert driver == "numbers"
    assert C.check_severity([f("model_surprisal", Severity.MAJOR)]) == 0.0


def test_uncalibrated_model_signals_do_not_change_risk(monkeypatch):
    rows, y = synthetic()
    cal = C.fit([{k: v for k, v in r.items() if k in ("embed_sim", "check_severity")} for r in rows], y)
    monkeypatch.setattr(C, "shipped", lambda: cal)
    sig = {"embed_sim": 0.95, "pseudo_chrf": 3.0, "lp_tgt_given_src": -9.0}
    assert segment_risk([], sig) == segment_risk([], {"embed_sim": 0.95})
    assert S.divergence_finding(sig, "x") is None


def test_divergence_finding(fitted):
    bad = {"embed_sim": 0.9, "pseudo_chrf": 4.0, "roundtrip_chrf": 8.0, "lp_tgt_given_src": -3.8}
    fd = S.divergence_finding(bad, "ترجمة النموذج")
    assert fd is not None and fd.check == "model_divergence" and fd.category == "accuracy/mistranslation"
    assert "pseudo_chrf=4" in fd.message and "calibrated P(defect)" in fd.threshold
    assert fd.suggestion == "ترجمة النموذج"
    good = {"embed_sim": 0.9, "pseudo_chrf": 70.0, "roundtrip_chrf": 75.0, "lp_tgt_given_src": -1.0}
    assert S.divergence_finding(good, "x") is None
    assert S.divergence_finding({"embed_sim": 0.5}, "x") is None  # no model signal: never


def test_model_mismatch_notice(fitted, monkeypatch):
    class Info:
        signature = "transformers:other@abc"

    class T:
        info = Info()

    monkeypatch.setattr(C, "shipped", lambda: C.Calibration(**{**fitted.__dict__, "meta": {"models": {"en-ar": "transformers:x@1"}}}))
    assert "other@abc" in C.model_mismatch({"en-ar": T()})
    monkeypatch.setattr(C, "shipped", lambda: C.Calibration(**{**fitted.__dict__, "meta": {"models": {"en-ar": Info.signature}}}))
    assert C.model_mismatch({"en-ar": T()}) is None


def test_a_damaged_calibration_is_an_error_not_none(tmp_path):
    bad = tmp_path / "calibration.json"
    bad.write_text('{"features": ["embed_sim"], "mean": [', encoding="utf-8")
    with pytest.raises(C.CalibrationError, match="calibration"):
        C.load(bad)
    with pytest.raises(C.CalibrationError):
        C.load(tmp_path / "missing.json")
    assert C.shipped() is C.shipped() and C.shipped().features  # the shipped file reads, once
