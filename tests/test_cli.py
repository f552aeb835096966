"""End-to-end through the CLI: exit codes, reports written, bad input refused cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mt_review.cli import app
from tests.conftest import ROOT, SEED_AR, SEED_DIR, SEED_EN, SEED_GLOSSARY

runner = CliRunner()


def _review(*args: str):
    return runner.invoke(app, ["review", *args, "--no-models", "--embedder", "none", "-q"], catch_exceptions=False)


def test_seed_review_writes_reports(tmp_path):
    out = tmp_path / "out"
    res = _review(str(SEED_DIR), "--out", str(out), "--format", "json,md,html", "--fail-on", "none", "--glossary", str(SEED_GLOSSARY))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    page = data["pages"][0]
    assert page["mt_notice"]["plugin"] == "WPML"
    kinds = {f["kind"] for f in page["furniture"]}
    assert {"navigation", "reading_time", "mt_notice"} <= kinds
    reading = [f for f in page["furniture"] if f["kind"] == "reading_time"][0]
    assert reading["findings"], "the 2 vs 0 minutes reading time must be flagged"
    assert "mt:none" in data["signature"]["text"]


def test_two_files_and_default_out_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = _review(str(SEED_EN), str(SEED_AR), "--format", "json", "--fail-on", "none")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "reports" / "strongcities-nlc-workshop" / "report.json").is_file()


def test_gate_fails_with_exit_1_and_names_the_page(tmp_path):
    res = _review(str(SEED_EN), str(SEED_AR), "--out", str(tmp_path), "--format", "json,junit", "--fail-on", "minor")
    assert res.exit_code == 1
    assert "strongcities-nlc-workshop" in res.stderr and "fail-on=minor" in res.stderr
    junit = (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert "<failure" in junit


def test_min_score_gate(tmp_path):
    res = _review(str(SEED_EN), str(SEED_AR), "--out", str(tmp_path), "--format", "json", "--fail-on", "none", "--min-score", "100")
    assert res.exit_code == 1 and "min-score=100" in res.stderr
    res = _review(str(SEED_EN), str(SEED_AR), "--out", str(tmp_path), "--format", "json", "--fail-on", "none", "--min-score", "0")
    assert res.exit_code == 0


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_CASES = {
    "missing": lambda d: (d / "nope.en.txt", SEED_AR),
    "empty": lambda d: (_write(d / "e.en.txt", b""), SEED_AR),
    "same-language": lambda d: (SEED_EN, SEED_EN),
    "swapped": lambda d: (SEED_AR, SEED_EN),
    "undecodable": lambda d: (SEED_EN, _write(d / "b.ar.txt", bytes(range(256)) * 4)),
    "malformed-xml": lambda d: (_write(d / "job.xliff", b"<?xml version='1.0'?><xliff version='1.2'><file><body><trans-unit>"),),
    "xml-bomb": lambda d: (
        _write(
            d / "bomb.xliff",
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><xliff version="1.2"><file source-language="en" target-language="ar">'
            b"<body><trans-unit id='1'><source>&c;</source><target>&c;</target></trans-unit></body></file></xliff>",
        ),
    ),
    "no-pairs": lambda d: ((d / "empty-dir").mkdir() or d / "empty-dir",),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_exits_2_with_one_line_and_no_report(tmp_path, case):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("the user's file")
    args = [str(p) for p in BAD_CASES[case](tmp_path)]
    res = _review(*args, "--out", str(out), "--format", "json,html")
    assert res.exit_code == 2, (case, res.output)
    lines = [l for l in res.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("mt-review: error:"), res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_file_over_size_limit_exits_2(tmp_path):
    res = _review(str(SEED_EN), str(SEED_AR), "--max-bytes", "1000", "--out", str(tmp_path / "o"))
    assert res.exit_code == 2 and "limit" in res.stderr.lower()


def test_usage_error_exits_2():
    res = runner.invoke(app, ["review", "--format", "pdf", str(SEED_EN), str(SEED_AR), "--no-models"])
    assert res.exit_code == 2


def test_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("mt-review ")


def test_same_input_same_report(tmp_path):
    for name in ("a", "b"):
        assert _review(str(SEED_EN), str(SEED_AR), "--out", str(tmp_path / name), "--format", "json,md,html", "--fail-on", "none").exit_code == 0
    for fname in ("report.json", "report.md", "report.html"):
        assert (tmp_path / "a" / fname).read_bytes() == (tmp_path / "b" / fname).read_bytes(), fname


def test_no_model_prints_one_line_notice_and_still_reports(tmp_path):
    res = runner.invoke(
        app, ["review", str(SEED_EN), str(SEED_AR), "--embedder", "none", "--out", str(tmp_path), "--format", "json", "--fail-on", "none"]
    )
    assert res.exit_code == 0, res.output
    notices = [l for l in res.stderr.splitlines() if "model" in l.lower()]
    assert notices and all(len(l) < 400 for l in notices)
    quiet = runner.invoke(
        app, ["review", str(SEED_EN), str(SEED_AR), "--embedder", "none", "--out", str(tmp_path), "--format", "json", "--fail-on", "none", "-q"]
    )
    assert quiet.exit_code == 0 and quiet.stderr == ""  # -q: nothing but errors
    assert (tmp_path / "report.json").is_file()
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["notices"]


def test_require_model_exits_2(tmp_path):
    res = runner.invoke(
        app, ["review", str(SEED_EN), str(SEED_AR), "--embedder", "none", "--require-model", "--out", str(tmp_path / "o"), "-q"]
    )
    assert res.exit_code == 2 and "model" in res.stderr.lower()
    assert not (tmp_path / "o").exists()


def test_python_dash_m_entry_point():
    env = dict(os.environ, NO_COLOR="1")
    res = subprocess.run([sys.executable, "-m", "mt_review", "--version"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert res.returncode == 0 and "mt-review" in res.stdout


def test_out_that_is_a_file_is_refused_and_kept(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    res = _review(str(SEED_EN), str(SEED_AR), "--out", str(target))
    assert res.exit_code == 2 and "folder" in res.stderr
    assert target.read_text() == "mine"


def test_unwritable_out_folder_is_one_line_exit_2(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("x")
    res = _review(str(SEED_EN), str(SEED_AR), "--out", str(blocked / "sub"), "--format", "json")
    assert res.exit_code == 2
    assert len([l for l in res.stderr.splitlines() if l.strip()]) == 1


@pytest.mark.parametrize(
    "extra,needle",
    [
        (["--format", ""], "names no format"),
        (["--format", ","], "names no format"),
        (["--require-model"], "contradict"),
        (["--state", ""], "file path"),
    ],
)
def test_contradictory_or_empty_options_exit_2(tmp_path, extra, needle):
    res = _review(str(SEED_EN), str(SEED_AR), "--out", str(tmp_path / "o"), *extra)
    assert res.exit_code == 2 and needle in res.stderr
    assert not (tmp_path / "o").exists()
