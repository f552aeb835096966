"""Model-made findings are registered checks that need models: disabled, re-graded and skipped like any other."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from mt_review.checks import REGISTRY, made_by_models
from mt_review.config import ReviewSettings, RunOptions, from_mapping
from mt_review.errors import InputError
from mt_review.model import Finding, PageReview, Severity
from mt_review.score import calibration as C
from mt_review.score.risk import segment_risk

MODEL_CHECKS = ("model_surprisal", "model_divergence")
# low pseudo_chrf alone is a major divergence (the tiny random models translate nothing alike)
FIRING = C.Calibration(features=("pseudo_chrf", "check_severity"), mean=(50.0, 0.0), scale=(10.0, 1.0),
                       coef=(-2.0, 1.0), missing_coef=(0.0, 0.0), intercept=-2.0,
                       thresholds={"ok": 0.1, "minor": 0.3, "major": 0.6})


@pytest.fixture(scope="module")
def page_and_resources(tmp_path_factory):
    import torch

    from mt_review.pipeline import collect_pairs, load_resources
    from tests.tiny_marian import ARABIC, ENGLISH, shared_tiny_marian

    torch.set_num_threads(1)
    folder = tmp_path_factory.mktemp("page")
    en, ar = folder / "p.en.txt", folder / "p.ar.txt"
    en.write_text("\n\n".join(ENGLISH[:4]) + "\n\nWe train 250 officials , every year.\n", encoding="utf-8")
    ar.write_text("\n\n".join(ARABIC[:4]) + "\n\nندرب 25 مسؤولا كل عام.\n", encoding="utf-8")
    settings = ReviewSettings(embedder="none", model_en_ar=str(shared_tiny_marian("en-ar")),
                              model_ar_en=str(shared_tiny_marian("ar-en")), engine="transformers",
                              model_guard=False)  # the random models are degenerate: keep their output
    res = load_resources(settings, RunOptions(cache=str(folder / "cache.sqlite")))
    res.calibration = FIRING
    pairs, _ = collect_pairs([en, ar], settings)
    return pairs[0], settings, res


def _review(page_and_resources, **changes) -> PageReview:
    from mt_review.pipeline import review_page

    pair, settings, res = page_and_resources
    return review_page(pair, dataclasses.replace(settings, **changes), res)


def _checks(review: PageReview) -> Counter:
    return Counter(f.check for f in review.findings)


def test_model_checks_are_registered_and_need_models() -> None:
    for name in MODEL_CHECKS:
        assert REGISTRY[name].needs == ("model",) and made_by_models(name)
    assert not [n for n, c in REGISTRY.items() if c.needs and n not in MODEL_CHECKS]
    assert not made_by_models("numbers") and not made_by_models("not-a-check")
    assert ReviewSettings(disabled_checks=MODEL_CHECKS).disabled_checks == MODEL_CHECKS  # no "unknown check"
    # the calibrated risk's check_severity counts rule-based findings only, by the registry
    major = [Finding(n, "accuracy/x", Severity.MAJOR, "m") for n in MODEL_CHECKS]
    assert C.check_severity(major) == 0.0
    assert C.check_severity(major + [Finding("numbers", "accuracy/x", Severity.MINOR, "m")]) == 1.0


def test_disabling_each_model_check(page_and_resources) -> None:
    full = _review(page_and_resources)
    counts = _checks(full)
    assert all(counts[name] for name in MODEL_CHECKS) and counts["numbers"]
    for name in MODEL_CHECKS:
        without = _review(page_and_resources, disabled_checks=(name,))
        left = _checks(without)
        assert left[name] == 0 and left == counts - Counter({name: counts[name]})
        assert without.score > full.score


def test_regrading_model_checks(page_and_resources) -> None:
    full = _review(page_and_resources)
    regraded = _review(page_and_resources, severity={"model_surprisal": "minor", "model_divergence": "none"})
    surprisal = [f for f in regraded.findings if f.check == "model_surprisal"]
    assert surprisal and {f.severity for f in surprisal} == {Severity.MINOR}
    assert _checks(regraded)["model_divergence"] == 0 and _checks(regraded)["numbers"] == _checks(full)["numbers"]
    assert regraded.score > full.score
    for seg in regraded.segments:  # the segment values follow the re-graded findings
        assert (seg.risk, seg.severity, seg.driver) == segment_risk(seg.findings, seg.signals, FIRING)
    # re-grading a rule-based check goes the same way
    lowered = _review(page_and_resources, severity={"numbers": "minor"})
    assert {f.severity for f in lowered.findings if f.check == "numbers"} == {Severity.MINOR}


def test_without_models_they_are_listed_as_skipped(tmp_path: Path) -> None:
    from mt_review.pipeline import load_resources, review_paths
    from tests.conftest import SEED_AR, SEED_EN

    settings = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")
    res = load_resources(settings, need_models=False)
    run = review_paths([SEED_EN, SEED_AR], settings, resources=res)
    assert "skipped checks (no translation model): model_surprisal, model_divergence" in run.notices
    assert not [f for p in run.pages for f in p.findings if made_by_models(f.check)]
    quiet = dataclasses.replace(settings, disabled_checks=("model_surprisal",))
    run = review_paths([SEED_EN, SEED_AR], quiet, resources=res)
    assert "skipped checks (no translation model): model_divergence" in run.notices


def test_severity_table_in_a_configuration_file() -> None:
    loaded = from_mapping({"severity": {"punctuation": "none", "model_surprisal": "minor"}}, "t.toml")
    assert loaded.settings.severity == (("model_surprisal", "minor"), ("punctuation", "none"))
    assert loaded.settings.severity_overrides == {"model_surprisal": Severity.MINOR, "punctuation": Severity.NONE}
    assert loaded.settings.hash() != ReviewSettings().hash()
    assert ReviewSettings(severity={}).hash() == ReviewSettings().hash()
    with pytest.raises(InputError, match="unknown check"):
        from_mapping({"severity": {"nope": "minor"}}, "t.toml")
    with pytest.raises(InputError, match="severity"):
        from_mapping({"severity": {"numbers": "huge"}}, "t.toml")
    with pytest.raises(InputError, match="severity"):
        from_mapping({"severity": "numbers"}, "t.toml")
