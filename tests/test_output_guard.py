"""No output ever lands on a file the run reads (issue 15, data-loss cases 1-3)."""

from __future__ import annotations

import os
import shutil

import pytest
from typer.testing import CliRunner

from mt_review.cli import app
from mt_review.errors import InputError
from mt_review.output_guard import Reads, check_output_folder, check_outputs
from tests.conftest import ROOT, SEED_AR, SEED_EN, SEED_GLOSSARY

runner = CliRunner()
FAST = ["--no-models", "--embedder", "none", "-q", "--fail-on", "none"]
WPML = ROOT / "tests" / "fixtures" / "ingest" / "wpml-nlc-workshop.xliff"


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_xliff_inputs_of_one_name_never_replace_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(WPML, tmp_path / "a" / "job.xlf")
    shutil.copy(WPML, tmp_path / "b" / "job.xlf")
    before = _snapshot(tmp_path)
    res = runner.invoke(
        app,
        ["review", str(tmp_path / "a" / "job.xlf"), str(tmp_path / "b" / "job.xlf"), *FAST,
         "--out", str(tmp_path / "r"), "--write-xliff", str(tmp_path / "b")],
    )
    assert res.exit_code == 2, res.output
    assert "job.xlf: is one of the inputs" in res.stderr and res.stderr.count("\n") == 1
    assert _snapshot(tmp_path) == before  # nothing written: no reports, no copy


def test_write_back_into_a_fresh_folder_still_works(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(WPML, tmp_path / "a" / "job.xlf")
    shutil.copy(WPML, tmp_path / "b" / "job.xlf")
    out = tmp_path / "copies"
    out.mkdir()
    res = runner.invoke(
        app,
        ["review", str(tmp_path / "a" / "job.xlf"), str(tmp_path / "b" / "job.xlf"), *FAST,
         "--out", str(tmp_path / "r"), "--write-xliff", str(out)],
    )
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["b-job.xlf", "job.xlf"]


def test_out_inside_an_input_folder_is_refused(tmp_path):
    tree = tmp_path / "tree"
    (tree / "ar").mkdir(parents=True)
    shutil.copy(SEED_EN, tree / "page.en.txt")
    shutil.copy(SEED_AR, tree / "page.ar.txt")
    (tree / "ar" / "report.html").write_text("<p>the user's own page named like a report</p>", encoding="utf-8")
    before = _snapshot(tree)
    for out in (tree / "ar", tree, tree / "reports"):
        res = runner.invoke(app, ["review", str(tree), *FAST, "--out", str(out), "--format", "json,html"])
        assert res.exit_code == 2, res.output
        assert "inside the input folder" in res.stderr
        assert _snapshot(tree) == before
    assert runner.invoke(app, ["review", str(tree), *FAST, "--out", str(tmp_path / "r")]).exit_code == 0


@pytest.mark.parametrize("what", ["glossary", "decisions"])
def test_write_xliff_never_overwrites_the_glossary_or_decisions(tmp_path, what):
    job = tmp_path / "job.xliff"
    shutil.copy(WPML, job)
    glossary = tmp_path / "glossary.csv"
    shutil.copy(SEED_GLOSSARY, glossary)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("fingerprint,decision,reviewer,note\n", encoding="utf-8")
    before = _snapshot(tmp_path)
    target = glossary if what == "glossary" else decisions
    res = runner.invoke(
        app,
        ["review", str(job), *FAST, "--out", str(tmp_path / "r"), "--glossary", str(glossary),
         "--decisions", str(decisions), "--write-xliff", str(target)],
    )
    assert res.exit_code == 2, res.output
    assert f"is the {what} file of this run" in res.stderr
    assert _snapshot(tmp_path) == before


def test_report_onto_the_state_file_is_refused(tmp_path):
    out = tmp_path / "r"
    out.mkdir()
    state = out / "report.json"
    res = runner.invoke(app, ["review", str(SEED_EN), str(SEED_AR), *FAST, "--out", str(out), "--format", "json", "--state", str(state)])
    assert res.exit_code == 2 and "is the state file" in res.stderr


def test_identity_catches_a_hard_link_and_a_symlink(tmp_path):
    src = tmp_path / "page.ar.txt"
    src.write_text("نص", encoding="utf-8")
    hard = tmp_path / "other-name.txt"
    os.link(src, hard)
    soft = tmp_path / "soft.txt"
    soft.symlink_to(src)
    reads = Reads.of([("input", src)])
    for out in (hard, soft, tmp_path / "x" / ".." / "page.ar.txt"):
        with pytest.raises(InputError, match="one of the inputs"):
            check_outputs([out], reads)
    check_outputs([tmp_path / "fresh.txt"], reads)  # a clean twin passes


def test_two_outputs_on_one_destination(tmp_path):
    reads = Reads.of([])
    with pytest.raises(InputError, match="same file"):
        check_outputs([tmp_path / "a.xlf", tmp_path / "x" / ".." / "a.xlf"], reads)
    check_outputs([tmp_path / "a.xlf", tmp_path / "b.xlf"], reads)


def test_output_folder_check(tmp_path):
    (tmp_path / "in").mkdir()
    reads = Reads.of([("input", tmp_path / "in")])
    with pytest.raises(InputError, match="inside the input folder"):
        check_output_folder(tmp_path / "in" / "deep" / "er", reads)
    check_output_folder(tmp_path / "out", reads)
    check_output_folder(tmp_path, reads)  # the reports beside the inputs' folder: fine


def test_a_newline_in_a_file_name_keeps_the_error_on_one_line(tmp_path):
    bad = tmp_path / "evil\nname\x1b[2J.ar.txt"
    res = runner.invoke(app, ["review", str(SEED_EN), str(bad), *FAST, "--out", str(tmp_path / "r")])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and "\x1b" not in res.stderr and "evil\\nname\\x1b[2J" in res.stderr
