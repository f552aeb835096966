"""One check that no output lands on something the run reads.

A review reads its inputs (files and export folders), the glossary, the
decisions and baseline files, the configuration file, the cache and the
incremental state.  It writes report files, XLIFF write-back copies and
baseline files.  :func:`check_outputs` compares every planned output with
everything read, both by resolved path (a symlink or ``..`` spelling of the
same file) and by file identity (``st_dev``/``st_ino``: a hard link or a bind
mount), and also catches two outputs planned onto one destination.  A report
folder that is an input folder, or lies inside one, is refused too: the next
review of that folder would read the reports as pages.

It is a plain function (planned outputs + read paths -> ``InputError``) so any
layer that writes a set of outputs can call it before writing anything.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from mt_review.errors import InputError

__all__ = ["Reads", "check_outputs", "check_output_folder", "identity"]


def identity(path: Path) -> tuple[int, int] | None:
    """``(st_dev, st_ino)`` of the file ``path`` names (symlinks followed), or None if absent."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _resolved(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


@dataclass(frozen=True)
class Reads:
    """Everything one run reads: files (with their identities) and folders (walked for inputs)."""

    files: dict[Path, str]  # resolved path -> what it is ("input", "glossary" ...)
    identities: dict[tuple[int, int], Path]
    folders: dict[Path, str]

    @classmethod
    def of(cls, items: Iterable[tuple[str, str | os.PathLike[str] | None]]) -> "Reads":
        """``items`` are ``(what, path)``; a path that is a folder counts as an input folder."""
        from mt_review.incremental import resolved_many

        files: dict[Path, str] = {}
        identities: dict[tuple[int, int], Path] = {}
        folders: dict[Path, str] = {}
        kept = [(what, raw) for what, raw in items if raw is not None and str(raw) != ""]
        try:  # each folder resolved once (an export's pages share a few)
            reals = [Path(r) for r in resolved_many(raw for _what, raw in kept)]
        except (OSError, ValueError):
            reals = [_resolved(Path(raw)) for _what, raw in kept]
        for (what, _raw), real in zip(kept, reals, strict=True):
            try:
                st: os.stat_result | None = os.stat(real)  # one stat: a folder, or the file's identity
            except (OSError, ValueError):
                st = None
            if st is not None and stat.S_ISDIR(st.st_mode):
                folders.setdefault(real, what)
                continue
            files.setdefault(real, what)
            if st is not None:
                identities.setdefault((st.st_dev, st.st_ino), real)
            if what in ("cache", "state"):  # a SQLite file is read together with its journal files
                for suffix in ("-wal", "-shm", "-journal"):
                    side = real.with_name(real.name + suffix)
                    files.setdefault(side, what)
                    ident = identity(side)
                    if ident is not None:
                        identities.setdefault(ident, side)
        return cls(files, identities, folders)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_folder(folder: str | os.PathLike[str], reads: Reads, *, option: str = "--out") -> None:
    """Refuse a report folder that is, or lies inside, a folder the run reads pages from."""
    real = _resolved(Path(folder))
    for read, what in reads.folders.items():
        if _inside(real, read):
            raise InputError(
                f"is inside the {what} folder {_shown(read)}; its reports would be read as pages "
                f"next time; choose an {option} folder outside it",
                _shown(Path(folder)),
            )


def check_outputs(outputs: Iterable[str | os.PathLike[str]], reads: Reads) -> None:
    """Raise :class:`InputError` (nothing written yet) when an output would replace a file the run reads.

    ``outputs`` are the file paths about to be written; two of them naming
    one destination is refused too (the second would silently replace the first).
    """
    planned: dict[Path, Path] = {}
    planned_ids: dict[tuple[int, int], Path] = {}
    for raw in outputs:
        out = Path(raw)
        real = _resolved(out)
        what = reads.files.get(real)
        ident = identity(out)
        if what is None and ident is not None and ident in reads.identities:
            what = reads.files.get(reads.identities[ident], "input")
        if what is not None:
            role = "one of the inputs" if what == "input" else f"the {what} file"
            raise InputError(f"is {role} of this run; refusing to overwrite it", _shown(out))
        for folder, kind in reads.folders.items():
            if _inside(real, folder):
                raise InputError(
                    f"is inside the {kind} folder {_shown(folder)}; refusing to write into it", _shown(out)
                )
        other = planned.get(real) or (planned_ids.get(ident) if ident is not None else None)
        if other is not None:
            raise InputError(f"two outputs would be written to the same file ({_shown(other)})", _shown(out))
        planned[real] = out
        if ident is not None:
            planned_ids[ident] = out


def _shown(path: Path) -> str:
    """A path as one safe line (no control characters)."""
    from mt_review.textsafe import visible

    return visible(str(path))
