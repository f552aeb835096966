"""Reviews spooled to disk and reports streamed page by page: same bytes, one page in memory at a time."""

from __future__ import annotations

import dataclasses
import pickle
import weakref
from collections.abc import Sequence
from pathlib import Path

import pytest

from mt_review.app import run_review
from mt_review.atomic import write_file_set
from mt_review.config import ReviewSettings, RunOptions
from mt_review.model import PageReview
from mt_review.pipeline import review_paths
from mt_review.report import render_reports, report_files
from mt_review.report.json_report import dumps, to_json
from mt_review.spool import PageSpool

from report_fixtures import PAGE, make_clean_page, make_gate, make_page_review, make_run

FORMATS = ["json", "md", "html"]


def _run(n: int):
    """``n`` pages (more than a large run's 20, so the HTML ranks and folds pages), a third of them clean."""
    flagged, clean = make_page_review(), make_clean_page()
    pages = []
    for i in range(n):
        page = clean if i % 3 == 0 else flagged
        pages.append(dataclasses.replace(page, pair=dataclasses.replace(page.pair, name=f"{page.pair.name}-{i:02d}")))
    return dataclasses.replace(make_run(), pages=tuple(pages))


class Watched(Sequence):
    """The pages, each read as a fresh copy (as from a spool), counting how many copies are alive at once."""

    def __init__(self, pages):
        self._data = [pickle.dumps(p) for p in pages]
        self.alive = 0
        self.most_alive = 0

    def __len__(self):
        return len(self._data)

    def _gone(self):
        self.alive -= 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        page = pickle.loads(self._data[i])
        self.alive += 1
        self.most_alive = max(self.most_alive, self.alive)
        weakref.finalize(page, self._gone)
        return page


def test_a_spool_is_the_sequence_of_its_reviews():
    pages = _run(5).pages
    spool = PageSpool(pages)
    assert len(spool) == 5
    assert spool == pages and pages == spool
    assert list(spool) == list(pages)
    assert spool[-1] == pages[-1] and spool[1:3] == pages[1:3]
    with pytest.raises(IndexError):
        spool[5]
    assert spool[0] is not spool[0]  # read back each time: the spool holds no review
    copied = pickle.loads(pickle.dumps(spool))  # sent elsewhere: the reviews themselves
    assert isinstance(copied, tuple) and copied == pages
    assert spool != pages[:4]


def test_streamed_reports_hold_one_page_at_a_time_and_give_the_rendered_bytes(tmp_path: Path):
    run = _run(25)
    gate = make_gate(failed_pages=(f"{PAGE}-01", f"{PAGE}-07"))
    expected = render_reports(run, FORMATS, gate=gate)
    watched = Watched(run.pages)
    files = report_files(dataclasses.replace(run, pages=watched), FORMATS, gate=gate)
    assert sorted(files) == sorted(expected) and all(callable(v) for v in files.values())  # nothing rendered yet
    write_file_set(tmp_path, files)
    assert {name: (tmp_path / name).read_bytes() for name in files} == expected
    assert expected["report.json"] == dumps(to_json(run, gate=gate)).encode("utf-8")  # the document built whole
    assert watched.most_alive <= 2, f"{watched.most_alive} of 25 pages were held at once"


def test_a_review_comes_back_spooled_and_the_cli_path_writes_the_same_reports(tmp_path: Path):
    export = tmp_path / "export"
    export.mkdir()
    for i in range(4):
        (export / f"p{i}.en.txt").write_text(f"Page {i}.\n\nThe workshop opens on Monday {i}.\n", encoding="utf-8")
        (export / f"p{i}.ar.txt").write_text(f"الصفحة {i}.\n\nتفتتح الورشة يوم الاثنين {i}.\n", encoding="utf-8")
    settings = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")
    run = review_paths([export], settings, RunOptions(jobs=1))
    assert isinstance(run.pages, PageSpool) and len(run.pages) == 4
    assert all(isinstance(p, PageReview) for p in run.pages)
    options = RunOptions(formats=tuple(FORMATS), out=str(tmp_path / "out"), jobs=1, fail_on="none")
    outcome = run_review([export], settings, options)
    expected = render_reports(outcome.run, FORMATS, gate=outcome.gate, base_dir=export)
    assert {n: (tmp_path / "out" / n).read_bytes() for n in expected} == expected


class Broken:
    """A pool whose every task fails, as when a worker process dies."""

    def submit(self, fn, *args):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        future: Future = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future


@pytest.mark.parametrize("pool", ["threads", "broken"])
def test_fragments_rendered_by_a_pool_give_the_same_bytes(tmp_path: Path, monkeypatch, pool: str):
    from concurrent.futures import ThreadPoolExecutor

    from mt_review.report import fragments
    from mt_review.report.fragments import PoolFragments

    run = _run(40)  # three chunks of pages per format
    gate = make_gate(failed_pages=(f"{PAGE}-02",))
    expected = render_reports(run, FORMATS, gate=gate)
    spool = PageSpool(run.pages)
    chunks: list[tuple[str, int]] = []
    real = fragments.render_chunk

    def counted(fmt, *args):
        chunks.append((fmt, args[3]))
        return real(fmt, *args)

    monkeypatch.setattr(fragments, "render_chunk", counted)
    executor = ThreadPoolExecutor(2) if pool == "threads" else Broken()
    made = PoolFragments(executor, spool.raw, len(spool), 2)
    files = report_files(dataclasses.replace(run, pages=spool), FORMATS, gate=gate, fragments=made)
    write_file_set(tmp_path, files)
    assert {name: (tmp_path / name).read_bytes() for name in files} == expected
    if pool == "threads":
        assert sorted(chunks) == sorted((fmt, start) for fmt in FORMATS for start in (0, 16, 32))
        executor.shutdown()


def test_jobs_2_writes_the_reports_a_single_process_writes(tmp_path: Path):
    export = tmp_path / "export"
    export.mkdir()
    for i in range(6):
        (export / f"p{i}.en.txt").write_text(f"Page {i}.\n\nThe workshop opens on Monday {i}.\n", encoding="utf-8")
        (export / f"p{i}.ar.txt").write_text(f"الصفحة {i}.\n\nتفتتح الورشة يوم الاثنين {i}.\n", encoding="utf-8")
    settings = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")
    written = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        run_review([export], settings, RunOptions(formats=tuple(FORMATS), out=str(out), jobs=jobs, fail_on="none"))
        written[jobs] = {n: (out / n).read_bytes() for n in ("report.json", "report.md", "report.html")}
    assert written[1] == written[2]


def test_a_replaced_page_is_read_back_new_and_the_others_unchanged():
    pages = _run(4).pages
    spool = PageSpool(pages)
    spool.replace(-3, pages[3])
    assert list(spool) == [pages[0], pages[3], pages[2], pages[3]] and len(spool) == 4


def test_the_terminal_summary_of_a_large_run_reads_back_only_the_pages_it_shows():
    import io

    from rich.console import Console

    from mt_review.report import terminal
    from mt_review.report.common import ReportContext

    run = _run(60)
    gate = make_gate(failed_pages=(f"{PAGE}-31",))
    printed = {}
    for name, pages in (("tuple", run.pages), ("watched", Watched(run.pages))):
        out = io.StringIO()
        terminal.render_to(Console(file=out, width=160, color_system=None),
                           ReportContext(run=dataclasses.replace(run, pages=pages), gate=gate))
        printed[name] = out.getvalue()
        if name == "watched":
            assert pages.most_alive <= terminal.WORST_PAGES + 2  # those shown, and the one being read
    assert printed["tuple"] == printed["watched"] and f"{PAGE}-31" in printed["tuple"]


def test_setting_findings_aside_on_a_spool_gives_what_it_gives_in_memory():
    from mt_review.app import set_aside
    from mt_review.fingerprint import finding_fingerprint

    run = _run(6)
    page = run.pages[1]
    ignored = frozenset(finding_fingerprint(page, f) for f in page.findings[:2])
    assert ignored
    in_memory = set_aside(run, ignored)
    spooled = set_aside(dataclasses.replace(run, pages=PageSpool(run.pages)), ignored)
    assert isinstance(spooled.pages, PageSpool)
    assert spooled.baselined == in_memory.baselined and len(in_memory.baselined) >= 2
    assert list(spooled.pages) == list(in_memory.pages)


def _long_page(n_segments: int) -> PageReview:
    """The fixture page with its segments repeated to ``n_segments`` (each a distinct object)."""
    page = make_page_review()
    segs = [dataclasses.replace(page.segments[i % len(page.segments)]) for i in range(n_segments)]
    return dataclasses.replace(page, segments=tuple(segs))


@pytest.mark.parametrize("n_segments", [0, 1, 5, 6, 7, 13])
def test_a_page_stored_in_chunks_reads_back_equal_and_its_neighbours_too(monkeypatch, n_segments: int):
    """A page longer than CHUNK segments is stored as several pickles (segments a chunk at a time):
    it, and the pages before and after it in the file, read back equal; raw() is still one pickle."""
    from mt_review import spool as spool_module

    monkeypatch.setattr(spool_module, "CHUNK", 3)  # 6 segments: two full chunks; 7: a short third
    short = make_clean_page()
    long = _long_page(n_segments)
    spool = PageSpool([short, long, short])
    assert [chunked for _, _, chunked in spool._spans] == [len(short.segments) > 3, n_segments > 3, len(short.segments) > 3]
    assert list(spool) == [short, long, short]
    assert spool[1].score == long.score and spool[1].findings == long.findings
    assert pickle.loads(spool.raw(1)) == long  # what a worker process is sent
    spool.replace(0, long)  # appended after the others, read in place of the first
    assert list(spool) == [long, long, short]
    assert spool[2] == short  # the file position after a chunked page is not assumed
