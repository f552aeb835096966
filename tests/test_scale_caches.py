"""What issue 16's re-runs and worker runs keep or hand around instead of redoing:
parsed input files in the state file, stored reviews spooled as their bytes, and
learned terms applied in worker processes.  Each must give what the plain way gives."""

from __future__ import annotations

import sqlite3
from concurrent.futures import Future
from pathlib import Path

import pytest

from mt_review import incremental, pairing, parallel
from mt_review.config import ReviewSettings, RunOptions
from mt_review.pipeline import review_paths
from mt_review.report import render_reports
from mt_review.spool import PageSpool, Pickled
from mt_review.terms import page_terms, with_learned_terms
from tests.test_terms_incremental import PAGES, export, write_page

# no models: their "not in the local cache" notice names the HF cache folder, which a forkserver started by an
# earlier test (with that test's folder) would name differently
SETTINGS = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The file names pairing parses (rather than takes from the state file), in order."""
    seen: list[str] = []
    real = pairing._Reader._parse

    def counting(path, data):
        seen.append(Path(path).name)
        return real(path, data)

    monkeypatch.setattr(pairing._Reader, "_parse", staticmethod(counting))
    return seen


def run(root: Path, state: Path | None):
    return review_paths([root], SETTINGS, RunOptions(jobs=1, state=str(state) if state else None))


def test_a_rerun_parses_only_the_changed_file_and_sees_its_new_text(tmp_path, parses):
    root, state = export(tmp_path / "ex"), tmp_path / "state.sqlite"
    run(root, state)
    assert len(parses) == 2 * len(PAGES)  # the first run parses everything (and keeps it)
    parses.clear()
    run(root, state)
    assert parses == []  # nothing changed: every file comes from the state file
    edited = [list(p) for p in PAGES]
    edited[2][0] = ("Strong Cities published a second toolkit for mayors.", edited[2][0][1])
    write_page(root, 2, edited[2])
    parses.clear()
    warm = run(root, state)
    assert parses == ["page-2.en.txt"]  # only the file whose bytes changed
    assert "second toolkit" in warm.pages[2].pair.source.blocks[0].text
    assert render_reports(warm, ("json", "md", "html")) == render_reports(run(root, None), ("json", "md", "html"))


def test_parsed_files_of_other_code_or_damaged_rows_are_not_used(tmp_path, parses, monkeypatch):
    root, state = export(tmp_path / "ex"), tmp_path / "state.sqlite"
    cold = render_reports(run(root, None), ("json", "md"))
    run(root, state)
    parses.clear()
    real = incremental.code_digest
    monkeypatch.setattr(incremental, "code_digest", lambda: "another-version")
    assert render_reports(run(root, state), ("json", "md")) == cold
    assert len(parses) == 2 * len(PAGES)  # the rows of other code are never found
    monkeypatch.setattr(incremental, "code_digest", real)
    parses.clear()
    run(root, state)
    assert parses == []
    with sqlite3.connect(state) as conn:  # damage every kept file: it is no page any more
        conn.execute("UPDATE parsed_pages SET data=?", (b"\x78\x9c\x03\x00\x00\x00\x00\x01",))
    assert render_reports(run(root, state), ("json", "md")) == cold
    assert len(parses) == 2 * len(PAGES)


def test_a_bad_input_leaves_no_new_state_file(tmp_path):
    root, state = export(tmp_path / "ex"), tmp_path / "state.sqlite"
    (root / "page-1.ar.txt").write_bytes(b"   \n")  # empty: refused while pairing
    with pytest.raises(Exception, match="empty"):
        run(root, state)
    assert not state.exists()


def test_stored_reviews_are_spooled_as_their_bytes_only_when_the_row_vouches_for_them(tmp_path):
    root, state = export(tmp_path / "ex"), tmp_path / "state.sqlite"
    first = run(root, state)
    stored = {name: bytes(data) for name, data in
              sqlite3.connect(state).execute("SELECT page, data FROM page_reviews")}
    again = run(root, state)
    assert isinstance(again.pages, PageSpool)
    # a page learned terms left alone is spooled as the stored bytes, in the first run and the next
    untouched = [i for i in range(len(PAGES)) if again.pages[i] == first.pages[i]
                 and again.pages.raw(i) == stored[again.pages[i].pair.name]]
    assert untouched, "no page was spooled as its stored bytes"
    assert all(first.pages.raw(i) == again.pages.raw(i) for i in range(len(PAGES)))
    # a row whose bytes no longer match what it vouches for is read the careful way (and fails: a miss)
    with sqlite3.connect(state) as conn:
        conn.execute("UPDATE page_reviews SET data=? WHERE page=?", (b"\x80\x05garbage", again.pages[0].pair.name))
    cold = render_reports(run(root, None), ("json",))
    assert render_reports(run(root, state), ("json",)) == cold


def test_a_moved_export_gets_its_own_paths_not_the_stored_bytes(tmp_path):
    root, state = export(tmp_path / "ex"), tmp_path / "state.sqlite"
    run(root, state)
    moved = root.rename(tmp_path / "moved")
    again = run(moved, state)
    assert all(str(moved) in again.pages[i].pair.source.path for i in range(len(PAGES)))
    assert render_reports(again, ("json",)) == render_reports(run(moved, None), ("json",))


def test_pickled_reviews_spool_like_the_reviews_themselves(tmp_path):
    pages = list(run(export(tmp_path / "ex"), None).pages)
    by_object, by_pickle = PageSpool(pages), PageSpool(Pickled(p) for p in pages)
    assert list(by_object) == list(by_pickle) == pages
    assert by_object.paths == by_pickle.paths and by_object.degenerate_models == by_pickle.degenerate_models
    by_pickle.replace(1, Pickled(pages[3]))
    assert by_pickle[1] == pages[3] and by_pickle.paths[1] == by_object.paths[3]


class _FailingPool:
    """A pool whose tasks fail after ``good`` of them (a worker that died)."""

    def __init__(self, good: int):
        self.good = good

    def submit(self, fn, *args):
        future: Future = Future()
        if self.good > 0:
            self.good -= 1
            future.set_result(fn(*args))
        else:
            future.set_exception(RuntimeError("worker died"))
        return future


class _Runner:
    workers = 1
    chunk = 2

    def __init__(self, pool):
        self._pool = pool


@pytest.mark.parametrize("good", [0, 1, 100])
def test_terms_applied_in_workers_flag_the_pages_as_here_even_when_the_pool_breaks(tmp_path, good):
    root = export(tmp_path / "ex")
    # the reviews before the learned terms: the terminology check left out of the run, so nothing is learned
    unflagged = list(review_paths([root], ReviewSettings(embedder="none", disabled_checks=("terminology",)),
                                  RunOptions(jobs=1)).pages)
    here = with_learned_terms(list(unflagged))
    assert here != unflagged, "the export must gain learned-term findings"
    spool = PageSpool(unflagged)
    parts = [page_terms(p) for p in unflagged]
    assert parallel.learn_and_flag(_Runner(_FailingPool(good)), spool, parts, None)
    assert list(spool) == list(here)


def test_jobs_2_applies_learned_terms_in_workers_with_the_bytes_of_one_process(tmp_path):
    root = export(tmp_path / "ex", PAGES * 4)  # 20 pages: enough for two workers
    one = review_paths([root], SETTINGS, RunOptions(jobs=1))
    two = review_paths([root], SETTINGS, RunOptions(jobs=2))
    assert any(f.check == "terminology" and "learned" in (f.threshold or "") for p in one.pages for f in p.findings)
    assert render_reports(two, ("json", "md", "html")) == render_reports(one, ("json", "md", "html"))
