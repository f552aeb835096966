"""kill -9 while a report set is written: the folder holds the old set or the new one, whole.

A forked child writes the new set with :func:`write_file_set` and SIGKILLs
itself at the N-th system call (every ``posix`` function call: open, write,
fsync, rename, link, unlink, ...), for N = 1, 2, ... until a write completes.
After each kill the report folder must hold exactly the old set or exactly
the new one, with no temporary file in it; and the next write's start
removes whatever the crashed one left beside it.
"""

from __future__ import annotations

import os
import signal
import sys

import pytest

from mt_review import atomic
from mt_review.atomic import STAGE_MARK, TMP_PREFIX, remove_leftovers, write_file_set
from mt_review.report import render_reports
from tests.report_fixtures import make_gate, make_run

OLD = {"report.json": b'{"old": 1}', "report.md": b"# old\n", "report.html": b"<p>old</p>", "error-report-a.eml": b"old a"}
USER = {"keep.txt": b"the user's own file"}


def _new_set() -> dict[str, bytes]:
    return render_reports(make_run(), ["json", "md", "html"], gate=make_gate())


def _folder(out) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _kill_at(n: int, out, files, remove) -> int:
    """Fork; the child writes the set and SIGKILLs itself at its n-th posix call. Returns the child's status."""
    pid = os.fork()
    if pid == 0:  # child
        count = [0]

        def hook(frame, event, arg):
            if event == "c_call" and getattr(arg, "__module__", None) == "posix":
                count[0] += 1
                if count[0] == n:
                    os.kill(os.getpid(), signal.SIGKILL)

        try:
            sys.setprofile(hook)
            write_file_set(out, files, remove=remove)
            sys.setprofile(None)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return status


def test_kill_at_every_step_leaves_the_old_set_or_the_new(tmp_path):
    new = _new_set()
    remove = ["error-report-a.eml"]
    expected_new = {**USER, **new}
    expected_old = {**USER, **OLD}
    out = tmp_path / "reports"
    outcomes = {"old": 0, "new": 0}
    for n in range(1, 2000):
        out.mkdir(exist_ok=True)
        for p in out.iterdir():
            p.unlink()
        for name, data in {**USER, **OLD}.items():
            (out / name).write_bytes(data)
        status = _kill_at(n, out, new, remove)
        now = _folder(out)
        assert not [name for name in now if name.startswith(TMP_PREFIX)], f"temp files after kill at call {n}"
        assert now in (expected_old, expected_new), f"mixed set after kill at call {n}: {sorted(now)}"
        if os.WIFEXITED(status):  # the write ran to the end without being killed
            assert now == expected_new
            break
        assert os.WTERMSIG(status) == signal.SIGKILL
        outcomes["old" if now == expected_old else "new"] += 1
        remove_leftovers(out)  # what the next run does first
        assert not [p for p in tmp_path.iterdir() if STAGE_MARK in p.name], f"leftover after kill at call {n}"
    else:
        pytest.fail("the write never completed")
    assert outcomes["old"] > 3 and outcomes["new"] >= 1, outcomes  # both sides of the switch were hit


def test_a_crashed_runs_leftovers_are_removed_on_start(tmp_path):
    out = tmp_path / "reports"
    write_file_set(out, OLD)
    dead = 2**22 + 12345  # beyond the default pid_max: no such process
    stage = tmp_path / f".reports{STAGE_MARK}{dead}-abc"
    stage.mkdir()
    (stage / "report.json").write_bytes(b"half")
    tmp = out / f"{TMP_PREFIX}{dead}-x-report.json"
    tmp.write_bytes(b"half")
    mine = tmp_path / f".reports{STAGE_MARK}{os.getpid()}-def"  # a running process's stage stays
    mine.mkdir()
    write_file_set(out, {"report.json": b"new"})
    assert not stage.exists() and not tmp.exists() and mine.exists()
    assert (out / "report.json").read_bytes() == b"new" and (out / "report.md").read_bytes() == OLD["report.md"]


def test_swap_keeps_the_users_files_and_their_identity(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "keep.txt").write_bytes(b"mine")
    ino = os.stat(out / "keep.txt").st_ino
    write_file_set(out, {"report.json": b"x"})
    assert _folder(out) == {"keep.txt": b"mine", "report.json": b"x"}
    assert os.stat(out / "keep.txt").st_ino == ino
    assert atomic._swap_supported()
