"""Run every benchmark in turn and print their figures (``make bench``).

Each benchmark is a standalone script; this only runs them one after the
other so their timings do not compete for the two cores.  Pass script names
to run a subset: ``python benchmarks/run_all.py align_bench detect_bench``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["align_bench", "detect_bench", "translate_bench", "calibrate", "incremental_bench"]


def main(argv: list[str]) -> int:
    names = argv or BENCHMARKS
    failed = []
    for name in names:
        script = HERE / f"{name}.py"
        print(f"\n=== {name} ({script.relative_to(HERE.parent)}) ===", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"=== {name}: exit {code}, {time.perf_counter() - start:.0f} s ===", flush=True)
        if code:
            failed.append(name)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
