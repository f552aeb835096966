"""Per-pair features of the omission rules (issue 10, session 15): one JSON line per pair with both
sides, for studying omission misses against clean pairs offline.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/omission_features.py --sets catalogues,prose --seeds 0-2 --out /tmp/f.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mt_review.checks import run_checks  # noqa: E402  (first: coverage imports the checks)
from mt_review import coverage  # noqa: E402
from mt_review.checks import omission as om  # noqa: E402
from mt_review.score.risk import segment_risk  # noqa: E402

from defects import build_items, load_set, split_halves  # noqa: E402
from detect_bench import page_context, pages_of, parse_seeds  # noqa: E402


def features(ctx, i: int) -> dict:
    p = ctx.pairs[i]
    ratios, refs = om.page_ratios(ctx)
    ref, kind = refs.get(i, (float("nan"), ""))
    left, extra, found = coverage.unmatched(p.src_text, p.tgt_text)
    yard = om.leftover_yardstick(ctx)
    counts = om._loose_counts(ctx)
    lleft, lfound = counts.get(i, (0, 0))
    other_left = sum(a for a, _ in counts.values()) - lleft
    other_found = sum(b for _, b in counts.values()) - lfound
    rate = other_found / (other_left + other_found) if other_left + other_found else float("nan")
    n = lleft + lfound
    pval = (sum(math.comb(n, k) * rate ** k * (1 - rate) ** (n - k) for k in range(lfound + 1))
            if n and rate == rate else float("nan"))
    target = coverage.prepare(p.tgt_text)
    runs = []
    for seg in p.src:
        for c in coverage.source_word_runs(seg.text, target):
            if c.found == 0:
                runs.append((c.known, om._chars(seg.text[c.start:c.end]), seg.text[c.start:c.end]))
    runs.sort(key=lambda r: (-r[0], -r[1]))
    clauses = [(c.known, c.found) for seg in p.src for c in coverage.source_clause_cover(seg.text, target)]
    lleft2, lextra2 = om._loose_leftovers(p.src_text, p.tgt_text)
    return {
        "pmiss": om.page_rendered_misses(ctx).get(i, []), "l2": lleft2, "x2": lextra2,
        "rel": ratios[i] / ref if i in ratios else None, "ratio": ratios.get(i), "ref": ref, "kind": kind,
        "schars": om._chars(p.src_text), "tchars": om._chars(p.tgt_text), "nseg": len(p.src),
        "left": left, "extra": extra, "found": found, "yard": yard,
        "lean": math.log((extra + 1) / (left + 1)) - yard,
        "lleft": lleft, "lfound": lfound, "rate": rate, "p": pval,
        "runs": runs[:3], "clauses": clauses,
    }


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="catalogues,prose")
    ap.add_argument("--halves", default="tune")
    ap.add_argument("--seeds", default="0-2")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as out:
        for set_name in args.sets.split(","):
            for half in args.halves.split(","):
                for seed in parse_seeds(args.seeds):
                    tune, held = split_halves(load_set(set_name, seed))
                    items = build_items({"tune": tune, "held": held}[half], seed=seed + (1 if half == "held" else 0))
                    for page in pages_of(items):
                        its = [items[n] for n in page]
                        ctx = page_context(its)
                        fss = run_checks(ctx)
                        for k, (it, fs) in enumerate(zip(its, fss, strict=True)):
                            row = {"set": set_name, "seed": seed, "label": it.label, "origin": it.origin,
                                   "en": it.en, "ar": it.ar, "page": page[0],
                                   "removed": it.gold.removed if it.gold else "",
                                   "sev": segment_risk(fs, {})[1].value,
                                   "om": max((f.severity.rank for f in fs if f.check == "omission"), default=0),
                                   "checks": sorted({(f.check, f.severity.value) for f in fs})}
                            if ctx.pairs[k].src and ctx.pairs[k].tgt:
                                row.update(features(ctx, k))
                            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
