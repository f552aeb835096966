"""The everyday command line: -q is silent, notices once, Ctrl-C one line, configuration found from the inputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED_AR, SEED_EN, SEED_GLOSSARY


def _cli(args, cwd, **env):
    full_env = {"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin",
                "HOME": str(cwd), "MT_REVIEW_CACHE_DIR": str(cwd / ".cache"), **env}
    return subprocess.run([sys.executable, "-m", "mt_review", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)


def test_quiet_prints_nothing_on_a_passing_run(tmp_path):
    proc = _cli(["review", str(SEED_EN), str(SEED_AR), "--out", "out", "--format", "terminal,json",
                 "--embedder", "none", "--fail-on", "none", "-q"], tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == "" and proc.stderr == ""
    assert (tmp_path / "out" / "report.json").is_file()


def test_quiet_still_says_why_the_gate_failed_and_errors(tmp_path):
    proc = _cli(["review", str(SEED_EN), str(SEED_AR), "--out", "out", "--format", "json",
                 "--embedder", "none", "--fail-on", "minor", "-q"], tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("mt-review: gate failed:")
    proc = _cli(["review", str(tmp_path / "missing.txt"), "-q"], tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "error" in proc.stderr


def test_each_notice_is_shown_once(tmp_path):
    proc = _cli(["review", str(SEED_EN), str(SEED_AR), "--out", "out", "--format", "terminal,json",
                 "--embedder", "none", "--fail-on", "none"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    notices = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["notices"]
    assert notices  # no translation model here: the run says so
    shown = proc.stdout + proc.stderr
    for notice in notices:
        assert shown.count(notice) == 1, notice  # on stderr only, not again in the terminal report


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch, capsys):
    import mt_review.app
    from mt_review import cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(mt_review.app, "run_review", interrupted)
    monkeypatch.setattr(sys, "argv", ["mt-review", "review", str(SEED_EN), str(SEED_AR), "--embedder", "none"])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 130
    err = capsys.readouterr().err
    assert err.strip().splitlines() == ["mt-review: interrupted"]


def _project(tmp_path):
    """A site repository: [tool.mt-review] at its root, pages two folders down."""
    root = tmp_path / "site"
    pages = root / "exports" / "news"
    pages.mkdir(parents=True)
    shutil.copy(SEED_EN, pages / "workshop.en.txt")
    shutil.copy(SEED_AR, pages / "workshop.ar.txt")
    (root / "terms").mkdir()
    shutil.copy(SEED_GLOSSARY, root / "terms" / "glossary.csv")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.mt-review]\nfail-on = "minor"\nglossary = "terms/glossary.csv"\n'
        'embedder = "none"\nformats = ["json", "md"]\n', encoding="utf-8")
    return root, pages


@pytest.mark.parametrize("start", ["subfolder", "elsewhere"])
def test_review_from_a_subfolder_uses_the_project_configuration_and_names_it(tmp_path, start):
    root, pages = _project(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    cwd = pages if start == "subfolder" else tmp_path / "elsewhere"
    (tmp_path / "elsewhere" / "mt-review.toml").write_text('fail-on = "none"\n', encoding="utf-8")  # never used
    target = "." if start == "subfolder" else str(pages)
    proc = _cli(["review", target, "--out", str(tmp_path / "out"), "--no-models"], cwd)
    assert proc.returncode == 1, proc.stderr  # fail-on = "minor" from the project's pyproject.toml
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["signature"]["thresholds"]["fail_on"] == "minor"
    assert report["signature"]["embedder"] == "none"
    config, glossary = report["configuration"]["file"], report["configuration"]["glossary"]
    assert os.path.samefile(config if os.path.isabs(config) else cwd / config, root / "pyproject.toml")
    assert os.path.samefile(glossary if os.path.isabs(glossary) else cwd / glossary, root / "terms" / "glossary.csv")
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "pyproject.toml" in md and "glossary.csv" in md
    assert not (tmp_path / "out" / "report.html").exists()  # formats came from the file too


def test_inputs_outside_the_project_do_not_take_its_configuration(tmp_path):
    root, _pages = _project(tmp_path)
    loose = tmp_path / "loose"
    loose.mkdir()
    shutil.copy(SEED_EN, loose / "a.en.txt")
    shutil.copy(SEED_AR, loose / "a.ar.txt")
    proc = _cli(["review", str(loose), "--out", str(tmp_path / "out"), "--format", "json", "--no-models",
                 "--embedder", "none"], root)  # started inside the project
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["configuration"] == {"file": None, "glossary": None}
