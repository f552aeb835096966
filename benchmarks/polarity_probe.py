"""Polarity check alone on the tuning half (session 16): per set and seed range, how many injected
negation items it flags major-or-worse and how many clean pairs it flags (unique by origin); with
--base FILE, what changed against a saved run (--save FILE).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/polarity_probe.py --seeds 0-5 --save /tmp/p.json
    PYTHONPATH=$PWD .venv/bin/python benchmarks/polarity_probe.py --seeds 0-5 --base /tmp/p.json --show
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mt_review.checks.polarity import PolarityCheck  # noqa: E402
from mt_review.model import AlignedPair, Segment  # noqa: E402

from defects import build_items, load_set, split_halves  # noqa: E402
from detect_bench import parse_seeds  # noqa: E402

CACHE = Path("/tmp/polarity_probe_items.pkl")


def items_for(sets: list[str], seeds: list[int], half: str = "tune"):
    cache = {}
    if CACHE.exists():
        cache = pickle.loads(CACHE.read_bytes())
    out = []
    changed = False
    for s in sets:
        for seed in seeds:
            key = (s, seed, half)
            if key not in cache:
                tune, held = split_halves(load_set(s, seed))
                cache[key] = [(it.en, it.ar, it.label, it.origin)
                              for it in build_items({"tune": tune, "held": held}[half], seed=seed + (half == "held"))]
                changed = True
            out += [(s, seed) + t for t in cache[key]]
    if changed:
        CACHE.write_bytes(pickle.dumps(cache))
    return out


def run(items):
    check = PolarityCheck()
    res = {}
    for n, (s, seed, en, ar, label, origin) in enumerate(items):
        pair = AlignedPair((Segment(0, 0, len(en), en),), (Segment(0, 0, len(ar), ar),), 1.0)
        fs = check.run(pair, None)
        sev = max((f.severity.rank for f in fs), default=0)
        res[f"{s}|{seed}|{origin}#{n}|{label}"] = (sev, fs[0].threshold if fs else "", en, ar)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="catalogues,prose,manuals")
    ap.add_argument("--seeds", default="0-5")
    ap.add_argument("--save")
    ap.add_argument("--base")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    seeds = parse_seeds(args.seeds)
    items = items_for(args.sets.split(","), seeds)
    res = run(items)
    for s in args.sets.split(","):
        for lo, hi in ((0, 2), (3, 5)):
            ks = [k for k in res if k.startswith(s + "|") and lo <= int(k.split("|")[1]) <= hi]
            if not ks:
                continue
            neg = [k for k in ks if k.endswith("|negation")]
            clean = [k for k in ks if k.endswith("|None")]
            print(f"{s} {lo}-{hi}: negation>=major {sum(res[k][0] >= 2 for k in neg)}/{len(neg)}  "
                  f"clean>=major {sum(res[k][0] >= 2 for k in clean)}/{len(clean)}  "
                  f"other-injected>=major {sum(res[k][0] >= 2 for k in ks if not k.endswith(('|negation', '|None')))}")
    if args.save:
        Path(args.save).write_text(json.dumps(res, ensure_ascii=False))
    if args.base:
        base = json.loads(Path(args.base).read_text())
        for k in sorted(res):
            if k in base and (base[k][0] >= 2) != (res[k][0] >= 2):
                kind = "CLEAN" if k.endswith("|None") else k.rsplit("|", 1)[1]
                good = (res[k][0] >= 2) == (not k.endswith("|None"))
                print(f"{'+' if good else '-'} {kind} {k} {base[k][0]}->{res[k][0]} {res[k][1] or base[k][1]}")
                if args.show:
                    print("   EN:", res[k][2][:400])
                    print("   AR:", res[k][3][:400])


if __name__ == "__main__":
    main()
