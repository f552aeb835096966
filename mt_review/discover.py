"""Find the configuration file that governs a review: up the folder tree from the inputs.

Like ruff and pytest: start at the folder of the inputs (their common folder
when there are several), look for ``mt-review.toml`` then a ``pyproject.toml``
that has a ``[tool.mt-review]`` table, and go up one folder at a time until
one is found or the filesystem root is reached.  The shell's current folder
plays no part (only standard input, which has no folder, starts there), so a
review of ``site/exports/news/`` uses ``site/pyproject.toml`` wherever it is
started from, and a project's own configuration never leaks into a review of
files outside it.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Sequence

CONFIG_NAMES = ("mt-review.toml", "pyproject.toml")


def start_folder(paths: Sequence[Path | str], cwd: Path | None = None) -> Path:
    """The folder the search starts in: the inputs' common folder (``-`` counts as ``cwd``)."""
    cwd = (cwd or Path.cwd()).resolve()
    folders = []
    for raw in paths:
        if str(raw) == "-":
            folders.append(cwd)
            continue
        p = Path(os.path.abspath(cwd / raw))  # no resolve(): a symlink loop is the reader's to report
        folders.append(p if p.is_dir() else p.parent)
    if not folders:
        return cwd
    try:
        return Path(os.path.commonpath([str(f) for f in folders]))
    except ValueError:  # different drives (Windows): the first input decides
        return folders[0]


def has_table(pyproject: Path) -> bool:
    """Does this ``pyproject.toml`` configure mt-review?  An unreadable file is left to the loader."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let the loader report the broken file instead of silently skipping it
    tool = data.get("tool")
    if tool is not None and not isinstance(tool, dict):
        return True  # a malformed [tool]: the loader says what is wrong
    return isinstance(tool, dict) and "mt-review" in tool


def find_config(paths: Sequence[Path | str], cwd: Path | None = None) -> Path | None:
    """The nearest configuration file at or above the inputs' folder, else ``None``."""
    folder = start_folder(paths, cwd)
    for here in (folder, *folder.parents):
        toml = here / "mt-review.toml"
        if toml.is_file():
            return toml
        pyproject = here / "pyproject.toml"
        if pyproject.is_file() and has_table(pyproject):
            return pyproject
    return None
