"""Optional dependencies: which extra brings them, and one line saying what to install.

The default install is light (no torch).  Re-translation needs the ``mt``
extra (torch, transformers, sentencepiece, ctranslate2); everything else
reviews without it.  Imports of those packages stay inside the functions that
use them; this module only answers "is it there?" without importing it.
"""

from __future__ import annotations

import importlib.util

from mt_review.errors import ModelUnavailable

EXTRAS = {
    # extra name: the import names it provides
    "mt": ("torch", "transformers", "sentencepiece", "ctranslate2"),
}


def missing(extra: str, needed: tuple[str, ...] | None = None) -> list[str]:
    """The import names of ``extra`` (or the subset ``needed``) that are not installed."""
    names = needed if needed is not None else EXTRAS[extra]
    return [name for name in names if not _installed(name)]


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a broken or blocked install counts as absent
        return False


def install_hint(extra: str, absent: list[str]) -> str:
    """One line: what is missing and the command that installs it."""
    return (f"{', '.join(absent)} not installed; install the '{extra}' extra: "
            f"pip install 'mt-review[{extra}]'")


def require(extra: str, needed: tuple[str, ...] | None = None, *, purpose: str = "re-translation") -> None:
    """Raise :class:`ModelUnavailable` with one line naming the extra when any of it is missing."""
    absent = missing(extra, needed)
    if absent:
        raise ModelUnavailable(f"{purpose} is off: {install_hint(extra, absent)}")
