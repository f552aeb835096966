"""Per-source figures from a ``detect_bench.py --dump`` file: a set pools sources of different
kinds (the manuals set: a book and WordPress's help texts), and one source can carry a rate.

    .venv/bin/python benchmarks/detect_bench.py --no-embed --halves tune --seeds 0-2 \\
        --sets manuals --dump /tmp/m.jsonl
    .venv/bin/python benchmarks/by_source.py /tmp/m.jsonl

For each set, half and source (the origin's first field): the number of clean pairs, the share
flagged major-or-worse and at any severity, the clean majors by driving check, and the recall at
major-or-worse of each injected family.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict

RANK = {"none": 0, "minor": 1, "major": 2, "critical": 3}


def report(rows: list[dict]) -> list[str]:
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for r in rows:
        groups[(r["set"], r["half"], r["origin"].split(":", 1)[0])].append(r)
    out = []
    for (set_name, half, source), rs in sorted(groups.items()):
        clean = [r for r in rs if r["label"] is None]
        major = [r for r in clean if RANK[r["severity"]] >= 2]
        anyf = [r for r in clean if RANK[r["severity"]] >= 1]
        n = max(1, len(clean))
        out.append(f"{set_name}/{half}/{source}: clean n={len(clean)}  >=major {len(major) / n:.3f}  "
                   f">=minor {len(anyf) / n:.3f}")
        drivers = Counter(r["driver"] for r in major)
        out.append("  clean majors by driver: " + ", ".join(f"{k} {v}" for k, v in sorted(
            drivers.items(), key=lambda kv: (-kv[1], str(kv[0])))))
        fams: dict[str, list[bool]] = defaultdict(list)
        for r in rs:
            if r["label"] is not None:
                fams[r["label"]].append(RANK[r["severity"]] >= 2)
        out.append("  recall >=major: " + "  ".join(
            f"{f} {sum(v) / len(v):.2f} ({len(v)})" for f, v in sorted(fams.items())))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dump", help="a detect_bench.py --dump file (JSON lines)")
    args = ap.parse_args()
    with open(args.dump, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    print("\n".join(report(rows)))


if __name__ == "__main__":
    main()
