"""Print clean pairs a check flags major, or a family's misses, with each finding's threshold
(session 16, add16): ``--sets manuals --seeds 0-2 --check addition`` / ``--family omission``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import detect_bench as db  # noqa: E402
from defects import build_items, load_set, split_halves  # noqa: E402
from mt_review.score.risk import segment_risk  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="manuals")
    ap.add_argument("--seeds", default="0-2")
    ap.add_argument("--check", default=None, help="clean pairs this check flags major")
    ap.add_argument("--family", default=None, help="this family's pairs not flagged major")
    ap.add_argument("--min", default="major")
    ap.add_argument("--limit", type=int, default=80)
    a = ap.parse_args()
    lo, _, hi = a.seeds.partition("-")
    seeds = range(int(lo), int(hi or lo) + 1)
    rank = {"minor": 1, "major": 2}[a.min]
    shown = 0
    for set_name in a.sets.split(","):
        for seed in seeds:
            tune, _ = split_halves(load_set(set_name, seed))
            items = build_items(tune, seed=seed)
            fs = db.run_findings(items)
            for it, f in zip(items, fs, strict=True):
                _, sev, drv = segment_risk(f, {})
                if a.check:
                    hit = it.label is None and any(x.check == a.check and x.severity.rank >= rank for x in f)
                else:
                    hit = it.label == a.family and sev.rank < 2
                if not hit or shown >= a.limit:
                    continue
                shown += 1
                print(f"\n-- [{shown}] seed {seed} {it.label} {it.origin} {sev.value} driver={drv}")
                print("   EN:", it.en)
                print("   AR:", it.ar)
                for x in f:
                    spans = " | ".join(f"{side} {sp.text!r}" for side, sp in (("src", x.src_span), ("tgt", x.tgt_span)) if sp)
                    print("     ", x.severity.value, x.check, "::", x.threshold, "|", spans[:300])


if __name__ == "__main__":
    main()
