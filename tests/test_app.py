"""The application layer from Python, no CLI: review, baseline, gate, XLIFF write-back, outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mt_review.app import run_review
from mt_review.baseline import create_baseline
from mt_review.config import ReviewSettings, RunOptions
from mt_review.errors import InputError
from tests.conftest import ROOT

WPML = ROOT / "tests" / "fixtures" / "ingest" / "wpml-nlc-workshop.xliff"
FAST = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")


def test_review_with_baseline_gate_and_xliff_write_back_from_python(tmp_path: Path) -> None:
    job = tmp_path / "job.xliff"
    shutil.copy(WPML, job)
    before = job.read_bytes()

    first = run_review(
        [job], FAST,
        RunOptions(fail_on="minor", formats=("json",), out=str(tmp_path / "a"), write_xliff=str(tmp_path / "a.xliff")),
    )
    assert first.exit_code == 1 and first.gate.reasons
    assert first.xliff_marked[tmp_path / "a.xliff"] >= 1
    assert set(first.written) == {tmp_path / "a" / "report.json", tmp_path / "a.xliff"}  # one set of outputs
    assert b'state="needs-review-translation"' in (tmp_path / "a.xliff").read_bytes()

    baseline = tmp_path / "baseline.json"
    assert create_baseline(first.run, baseline) >= 1
    second = run_review(
        [job], FAST,
        RunOptions(fail_on="minor", formats=("json",), out=str(tmp_path / "b"), baseline=str(baseline),
                   write_xliff=str(tmp_path / "b.xliff")),
    )
    assert second.exit_code == 0 and not second.gate.reasons
    assert not any(p.findings for p in second.run.pages)
    assert len(second.run.baselined) == sum(len(p.findings) for p in first.run.pages)
    report = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert report["baselined"]
    # nothing left to mark: the copy is the input, byte for byte
    assert second.xliff_marked[tmp_path / "b.xliff"] == 0
    assert (tmp_path / "b.xliff").read_bytes() == before == job.read_bytes()
    # the baseline and its content reach the signature
    assert "baseline" in second.run.signature.thresholds and "baseline" not in first.run.signature.thresholds


def test_outputs_are_all_or_nothing_across_folders(tmp_path: Path) -> None:
    """A write-back target that is an input fails the whole set: no report is written either."""
    job = tmp_path / "job.xliff"
    shutil.copy(WPML, job)
    with pytest.raises(InputError, match="overwrite"):
        run_review([job], FAST, RunOptions(fail_on="none", formats=("json",), out=str(tmp_path / "r"),
                                           write_xliff=str(job)))
    assert not (tmp_path / "r").exists()


def _export(root: Path) -> Path:
    pages = {
        "news/workshop": ("We trained 250 officials in 2015.\n\nThe workshop ran for 3 days.\n",
                          "دربنا 25 مسؤولا في عام 2015.\n\nاستمرت الورشة 3 أيام.\n"),
        "about/index": ("Strong Cities was founded in 2015.\n\nWe have 40 members.\n",
                        "تأسست شبكة المدن القوية في عام 2015.\n\nلدينا 4 أعضاء.\n"),
    }
    for name, (en, ar) in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / f"{name}.en.txt").write_text(en, encoding="utf-8")
        (root / f"{name}.ar.txt").write_text(ar, encoding="utf-8")
    return root


def test_a_baseline_of_the_whole_export_covers_a_review_of_one_folder(tmp_path: Path) -> None:
    from mt_review.app import create_baseline_file, review

    export = _export(tmp_path / "export")
    baseline = tmp_path / "baseline.json"
    whole = review([export], FAST, RunOptions())
    assert sorted(p.pair.name for p in whole.pages) == ["about/index", "news/workshop"]
    assert create_baseline_file([export], FAST, RunOptions(), baseline) >= 2
    gate = RunOptions(fail_on="minor", baseline=str(baseline), root=str(export))
    part = review([export / "news"], FAST, gate)
    assert [p.pair.name for p in part.pages] == ["news/workshop"]  # the same identity as in the whole export
    before = next(p for p in whole.pages if p.pair.name == "news/workshop").findings
    assert before and not part.pages[0].findings
    assert sorted(f.fingerprint for _name, f in part.baselined) == sorted(f.fingerprint for f in before)
    from mt_review.gate import evaluate

    assert not evaluate(part, gate).failed
    # without --root, the root the baseline was made over names the pages: the same findings are set aside
    alone = review([export / "news"], FAST, RunOptions(baseline=str(baseline)))
    assert [p.pair.name for p in alone.pages] == ["news/workshop"] and not alone.pages[0].findings
    assert sorted(f.fingerprint for _name, f in alone.baselined) == sorted(f.fingerprint for f in before)
    assert json.loads(baseline.read_text(encoding="utf-8"))["root"] == "export"  # relative to the baseline's folder
    # a root given explicitly wins: the page is then named from the subfolder and nothing matches
    own = review([export / "news"], FAST, RunOptions(baseline=str(baseline), root=str(export / "news")))
    assert [p.pair.name for p in own.pages] == ["workshop"] and own.pages[0].findings
    # inputs outside the recorded root keep their own common folder
    elsewhere = _export(tmp_path / "other")
    far = review([elsewhere / "news"], FAST, RunOptions(baseline=str(baseline)))
    assert [p.pair.name for p in far.pages] == ["workshop"]


def test_fingerprints_are_stored_once_with_each_finding(tmp_path: Path) -> None:
    from mt_review.app import review
    from mt_review.fingerprint import page_fingerprints

    run = review([_export(tmp_path / "e")], FAST, RunOptions())
    for page in run.pages:
        assert page.findings and all(len(f.fingerprint) == 64 for f in page.findings)
        assert [f.fingerprint for f in page.findings] == [fp for _f, fp in page_fingerprints(page)]
