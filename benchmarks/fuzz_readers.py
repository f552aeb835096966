"""Fuzz every reader for a while: count inputs, InputErrors, other exceptions and slow inputs.

    nice -n 10 python benchmarks/fuzz_readers.py --minutes 10 [--seed 15] [--findings DIR]

Inputs are seeded fixtures of every kind (text, HTML, XLIFF 1.2/2, PO, JSONL,
TSV, an extension-less file, baseline, decisions CSV/TOML, glossary, config,
manifest) mutated by ``tests/fuzz_inputs.py`` (byte flips, hostile tokens:
comment runs, DTD subsets, deep nesting, 4,400-digit numbers, lone
surrogates, long dotted tokens, control characters ...).  Each input is read
the way a review reads it; a bilingual one is then segmented, aligned and
checked.  The contract: a result or ``InputError``.  Anything else, and every
input taking over 5 s of CPU time, is saved to ``--findings`` and counted.  One
process, one core: run it under ``nice``.

Each input's wall time and CPU time (``time.process_time``) are both measured
and both reported; the 5 s limit is judged on CPU time, since on a shared
machine the wall clock also counts the time other processes had the core.
An input still running after 60 s of CPU time (``ITIMER_PROF``), or 600 s of
wall time, is stopped and counted as slow.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz_inputs import KINDS, check_one, mutate, seeds  # noqa: E402

SLOW = 5.0  # CPU seconds
HANG = 60  # CPU seconds: an input still running after this is stopped and counted as slow
HANG_WALL = 600  # wall seconds, in case an input sleeps or waits rather than computes


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--findings", type=Path, default=Path(tempfile.gettempdir()) / "mt-review-fuzz-findings")
    args = ap.parse_args()

    import warnings

    warnings.simplefilter("ignore")
    rng = random.Random(args.seed)
    pool = {k: list(v) for k, v in seeds().items()}
    kinds = sorted(KINDS)
    counts = {"inputs": 0, "ok": 0, "input-error": 0, "other": 0, "slow": 0, "slow-wall": 0}
    per_kind = {k: 0 for k in kinds}
    slowest = (0.0, "")  # by CPU time
    slowest_wall = (0.0, "")
    work = Path(tempfile.mkdtemp(prefix="mt-review-fuzz-"))
    args.findings.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGPROF, _alarm)
    deadline = time.monotonic() + args.minutes * 60
    try:
        while time.monotonic() < deadline:
            kind = rng.choice(kinds)
            base = rng.choice(pool[kind])
            data = mutate(base, rng)
            folder = work / str(counts["inputs"] % 50)
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            counts["inputs"] += 1
            per_kind[kind] += 1
            start = time.perf_counter()
            cpu_start = time.process_time()
            outcome = None
            signal.setitimer(signal.ITIMER_PROF, HANG)
            signal.alarm(HANG_WALL)
            try:
                outcome = check_one(kind, data, folder)
            except _Hang:
                outcome = "hang"
            except Exception:  # noqa: BLE001 - this is what the harness looks for
                outcome = "other"
                name = f"{kind}-{counts['inputs']}"
                (args.findings / f"{name}.input").write_bytes(data)
                (args.findings / f"{name}.txt").write_text(traceback.format_exc(), encoding="utf-8")
                print(f"EXCEPTION {kind} #{counts['inputs']}: {traceback.format_exc().splitlines()[-1][:200]}", flush=True)
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.alarm(0)
            took = time.perf_counter() - start
            cpu = time.process_time() - cpu_start
            if outcome in ("ok", "input-error", "other"):
                counts[outcome] += 1
            if cpu > SLOW or outcome == "hang":
                counts["slow"] += 1
                name = f"{kind}-{counts['inputs']}-slow"
                (args.findings / f"{name}.input").write_bytes(data)
                print(f"SLOW {kind} #{counts['inputs']}: {cpu:.1f} s CPU, {took:.1f} s wall, {len(data)} bytes", flush=True)
            elif took > SLOW:
                counts["slow-wall"] += 1  # the machine was busy, not this input
            if cpu > slowest[0]:
                slowest = (cpu, kind)
            if took > slowest_wall[0]:
                slowest_wall = (took, kind)
            if outcome == "ok" and len(data) < 50_000 and rng.random() < 0.05:
                pool[kind].append(data)  # readable mutants seed further mutations
            if counts["inputs"] % 500 == 0:
                print(f"... {counts['inputs']} inputs, {counts}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"minutes: {args.minutes:g}  seed: {args.seed}")
    print(f"inputs: {counts['inputs']}  result: {counts['ok']}  InputError: {counts['input-error']}  "
          f"other exceptions: {counts['other']}  over {SLOW:g} s CPU: {counts['slow']}  "
          f"over {SLOW:g} s wall only: {counts['slow-wall']}")
    print(f"slowest input: {slowest[0]:.2f} s CPU ({slowest[1]}), {slowest_wall[0]:.2f} s wall ({slowest_wall[1]})  "
          f"peak memory: {peak_mb:.0f} MB")
    print("per kind: " + ", ".join(f"{k} {n}" for k, n in per_kind.items()))
    print(f"findings (if any): {args.findings}")
    return 1 if counts["other"] or counts["slow"] else 0


if __name__ == "__main__":
    sys.exit(main())
