"""The workflow flags end to end: baseline, decisions, XLIFF write-back, incremental state."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from mt_review.cli import app
from tests.conftest import ROOT, SEED_AR, SEED_EN

runner = CliRunner()
FAST = ["--no-models", "--embedder", "none", "-q"]
WPML = ROOT / "tests" / "fixtures" / "ingest" / "wpml-nlc-workshop.xliff"


def test_baseline_makes_the_gate_pass_and_reports_findings_apart(tmp_path):
    base = tmp_path / "baseline.json"
    res = runner.invoke(app, ["baseline", "create", str(SEED_EN), str(SEED_AR), "-o", str(base)])
    assert res.exit_code == 0, res.output
    assert json.loads(base.read_text())["entries"]
    args = ["review", str(SEED_EN), str(SEED_AR), *FAST, "--format", "json", "--fail-on", "minor"]
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "a")]).exit_code == 1
    res = runner.invoke(app, [*args, "--out", str(tmp_path / "b"), "--baseline", str(base)])
    assert res.exit_code == 0, res.output
    report = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert report["baselined"] and not any(s["findings"] for p in report["pages"] for s in p["segments"])


def test_decisions_file_accepts_one_finding(tmp_path):
    args = ["review", str(SEED_EN), str(SEED_AR), *FAST, "--format", "json", "--fail-on", "none", "--out", str(tmp_path / "a")]
    assert runner.invoke(app, args).exit_code == 0
    report = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    findings = [f for p in report["pages"] for s in p["segments"] for f in s["findings"]]
    chosen = findings[0]
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(f"fingerprint,decision,reviewer,note\n{chosen['fingerprint']},accepted,Layla,deliberate\n", encoding="utf-8")
    args[-1] = str(tmp_path / "b")
    assert runner.invoke(app, [*args, "--decisions", str(decisions)]).exit_code == 0
    after = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    left = [f["fingerprint"] for p in after["pages"] for s in p["segments"] for f in s["findings"]]
    assert chosen["fingerprint"] not in left and len(left) == len(findings) - sum(f["fingerprint"] == chosen["fingerprint"] for f in findings)
    assert [b["check"] for b in after["baselined"]] == [chosen["check"]] * (len(findings) - len(left))


def test_write_xliff_leaves_the_original_untouched(tmp_path):
    job = tmp_path / "job.xliff"
    shutil.copy(WPML, job)
    before = job.read_bytes()
    out = tmp_path / "job.reviewed.xliff"
    res = runner.invoke(app, ["review", str(job), *FAST, "--format", "json", "--fail-on", "none", "--out", str(tmp_path / "r"), "--write-xliff", str(out)])
    assert res.exit_code == 0, res.output
    assert job.read_bytes() == before and out.is_file()
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    flagged = any(s["findings"] for p in report["pages"] for s in p["segments"])
    assert flagged, "the WPML fixture carries defects the review must flag"
    assert b'state="needs-review-translation"' in out.read_bytes() and b'from="mt-review"' in out.read_bytes()


def test_state_file_reuses_unchanged_pages(tmp_path):
    args = ["review", str(SEED_EN), str(SEED_AR), *FAST, "--format", "json", "--fail-on", "none", "--state", str(tmp_path / "state.db")]
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "a")]).exit_code == 0
    second = runner.invoke(app, [*(a for a in args if a != "-q"), "--out", str(tmp_path / "b")])
    assert second.exit_code == 0
    assert "1 page(s) reused" in second.stderr  # said on the terminal (not with -q: nothing but errors) ...
    a = (tmp_path / "a" / "report.json").read_bytes()
    assert a == (tmp_path / "b" / "report.json").read_bytes()  # ... and the report is the same


def test_baselined_findings_do_not_count_against_min_score(tmp_path):
    base = tmp_path / "baseline.json"
    assert runner.invoke(app, ["baseline", "create", str(SEED_EN), str(SEED_AR), "-o", str(base)]).exit_code == 0
    args = ["review", str(SEED_EN), str(SEED_AR), *FAST, "--format", "json", "--fail-on", "none", "--min-score", "99.9"]
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "a")]).exit_code == 1
    res = runner.invoke(app, [*args, "--out", str(tmp_path / "b"), "--baseline", str(base)])
    assert res.exit_code == 0, res.stderr
    assert json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))["pages"][0]["score"] == 100.0


def test_baseline_output_may_not_be_an_input_or_a_folder(tmp_path):
    page = tmp_path / "page.ar.txt"
    shutil.copy(SEED_AR, page)
    before = page.read_bytes()
    res = runner.invoke(app, ["baseline", "create", str(SEED_EN), str(page), "-o", str(page)])
    assert res.exit_code == 2 and "inputs" in res.stderr and page.read_bytes() == before
    res = runner.invoke(app, ["baseline", "create", str(SEED_EN), str(page), "-o", str(tmp_path)])
    assert res.exit_code == 2 and "folder" in res.stderr


def test_default_report_folder_stays_under_reports(tmp_path, monkeypatch):
    from mt_review.app import default_out_dir

    class _Pair:
        name = "../../escaped/out"

    class _Page:
        pair = _Pair()

    class _Run:
        pages = (_Page(),)

    out = default_out_dir([tmp_path / "a.en.txt", tmp_path / "a.ar.txt"], _Run())
    assert out.parent == Path("reports") and ".." not in out.name and out.name
