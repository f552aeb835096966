"""Atomic writes: no temp files left; a failing writer leaves no partial report set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import mt_review.report as report
from mt_review import atomic
from mt_review.atomic import TMP_PREFIX, atomic_write_bytes, atomic_write_text, write_file_set
from mt_review.errors import InputError
from mt_review.report import FORMATS, write_reports
from report_fixtures import make_gate, make_run


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "a.txt"
    atomic_write_text(target, "first\n")
    atomic_write_bytes(target, "ثانٍ\n".encode())
    assert target.read_text(encoding="utf-8") == "ثانٍ\n"
    assert _names(target.parent) == ["a.txt"]


def test_write_reports_leaves_no_temp_files(tmp_path):
    paths = write_reports(make_run(), tmp_path, [f for f in FORMATS if f != "terminal"], gate=make_gate())
    assert _names(tmp_path) == sorted(
        ["report.json", "report.md", "report.html", "junit.xml", "report.sarif", "error-report.eml"]
    )
    assert sorted(p.name for p in paths) == _names(tmp_path)
    assert not any(n.startswith(TMP_PREFIX) for n in _names(tmp_path))


def test_failing_writer_leaves_nothing(tmp_path, monkeypatch):
    def boom(ctx):
        raise RuntimeError("writer failed")

    monkeypatch.setattr(report.sarif, "render", boom)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        write_reports(make_run(), out, ["json", "md", "html", "sarif", "junit"])
    assert not out.exists() or _names(out) == []


def test_failing_writer_keeps_previous_reports(tmp_path, monkeypatch):
    write_reports(make_run(), tmp_path, ["json", "md"])
    before = {n: (tmp_path / n).read_bytes() for n in _names(tmp_path)}
    monkeypatch.setattr(report.markdown, "render", lambda ctx: (_ for _ in ()).throw(ValueError("x")))
    with pytest.raises(ValueError):
        write_reports(make_run(), tmp_path, ["json", "md", "html"])
    assert {n: (tmp_path / n).read_bytes() for n in _names(tmp_path)} == before


def test_failure_while_placing_rolls_back(tmp_path, monkeypatch):
    """The file-by-file fallback (no folder swap possible) rolls back what it placed."""
    monkeypatch.setattr(atomic, "_swap_supported", lambda: False)
    (tmp_path / "a.txt").write_text("old a")
    real_replace = os.replace
    calls = {"n": 0}

    def flaky(src, dst):
        if Path(dst).name == "c.txt":  # the third file fails to land
            raise OSError("disk full")
        calls["n"] += 1
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", flaky)
    with pytest.raises(OSError):
        write_file_set(tmp_path, {"a.txt": b"new a", "b.txt": b"new b", "c.txt": b"new c"})
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert _names(tmp_path) == ["a.txt"]
    assert (tmp_path / "a.txt").read_text() == "old a"


def test_write_file_set_rejects_paths(tmp_path):
    with pytest.raises(ValueError):
        write_file_set(tmp_path, {"../evil.txt": b"x"})


def test_unknown_format_is_input_error(tmp_path):
    with pytest.raises(InputError):
        write_reports(make_run(), tmp_path, ["json", "pdf"])
    assert _names(tmp_path) == []


def test_failure_while_staging_leaves_no_folder(tmp_path, monkeypatch):
    out = tmp_path / "new"

    def broken_stage(path, data):
        raise OSError("no space")

    monkeypatch.setattr(atomic, "_stage", broken_stage)
    with pytest.raises(OSError):
        write_file_set(out, {"a.txt": b"x"})
    assert not out.exists()


def _two_page_run():
    import dataclasses

    run = make_run()
    page = run.pages[0]
    other = dataclasses.replace(page, pair=dataclasses.replace(page.pair, name="other/page"))
    return dataclasses.replace(run, pages=(page, other))


def test_stale_email_drafts_removed(tmp_path):
    """Per-page drafts an earlier version wrote do not stay next to the run's one draft; nothing else is touched."""
    for old in ("error-report-other-page.eml", "error-report-strongcities-nlc-workshop.eml"):
        (tmp_path / old).write_text("an earlier run's draft")
    write_reports(_two_page_run(), tmp_path, ["email", "json"])
    assert _names(tmp_path) == ["error-report.eml", "report.json"]
    (tmp_path / "error-report-notes.txt").write_text("mine")
    (tmp_path / "my-error-report.eml").write_text("mine")
    (tmp_path / "error-report-folder.eml").mkdir()
    paths = write_reports(make_run(), tmp_path, ["email"])
    assert [p.name for p in paths] == ["error-report.eml"]
    assert _names(tmp_path) == [
        "error-report-folder.eml", "error-report-notes.txt", "error-report.eml", "my-error-report.eml", "report.json"
    ]
    # a run without the email format leaves the draft alone
    before = (tmp_path / "error-report.eml").read_bytes()
    write_reports(_two_page_run(), tmp_path, ["json"])
    assert (tmp_path / "error-report.eml").read_bytes() == before
    # a run where no page has findings: the email format writes nothing and removes the stale drafts
    import dataclasses

    from report_fixtures import make_clean_page

    clean = dataclasses.replace(make_run(), pages=(make_clean_page(),))
    assert write_reports(clean, tmp_path, ["email"]) == []
    assert not any(n.endswith(".eml") and n.startswith("error-report") and (tmp_path / n).is_file() for n in _names(tmp_path))
    assert (tmp_path / "my-error-report.eml").read_text() == "mine"


@pytest.mark.parametrize("swap", [True, False])
def test_stale_drafts_come_back_when_the_write_fails(tmp_path, monkeypatch, swap):
    if not swap:
        monkeypatch.setattr(atomic, "_swap_supported", lambda: False)
    write_reports(_two_page_run(), tmp_path, ["email"])
    before = {n: (tmp_path / n).read_bytes() for n in _names(tmp_path)}
    real_replace = os.replace

    def flaky(src, dst):
        if Path(dst).name == "report.json":
            raise OSError("disk full")
        return real_replace(src, dst)

    def failing_exchange(a, b):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", flaky)
    monkeypatch.setattr(atomic, "exchange", failing_exchange)
    with pytest.raises(OSError):
        write_reports(make_run(), tmp_path, ["email", "json"])
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert {n: (tmp_path / n).read_bytes() for n in _names(tmp_path)} == before


def test_write_file_set_remove(tmp_path):
    (tmp_path / "old.txt").write_text("old")
    (tmp_path / "keep.txt").write_text("keep")
    write_file_set(tmp_path, {"new.txt": b"new"}, remove=["old.txt", "missing.txt", "new.txt"])
    assert _names(tmp_path) == ["keep.txt", "new.txt"]
    with pytest.raises(ValueError):
        write_file_set(tmp_path, {"a.txt": b"x"}, remove=["../keep.txt"])
    assert _names(tmp_path) == ["keep.txt", "new.txt"]
