"""Every module of the package imports on its own, whichever is imported first.

A library user imports the module they need (``import mt_review.coverage``), not the package's
entry point; an import cycle that only works in one order breaks them.  Each module is imported
into a package-free ``sys.modules`` in one child interpreter (the heavy third-party modules stay
loaded, so this is cheap).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import mt_review

_CHILD = r"""
import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "mt_review" or m.startswith("mt_review.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ": " + traceback.format_exc().strip().splitlines()[-1])
print("\n".join(failed))
"""


def _modules() -> list[str]:
    root = Path(mt_review.__file__).parent
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_every_module_imports_first() -> None:
    modules = _modules()
    assert "mt_review.coverage" in modules and "mt_review.align.lexical" in modules
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *modules], capture_output=True, text=True, check=True, timeout=600
    )
    assert done.stdout.strip() == "", done.stdout
