"""Atomic file writing.

A report is read by editors and by CI while it may be being rewritten, so a
file is never written in place: it is written to a temporary file in the same
folder, flushed and fsynced, then moved over the final name with
``os.replace`` (atomic on POSIX and Windows within one file system).

``write_file_set`` writes a whole set of files so that if anything fails,
nothing half-written is left: every file is staged as a temporary first, and
only when all are staged are they renamed into place.  If a rename fails
midway, the files already placed are rolled back to what was there before
(or removed if there was nothing).  Files the set replaces (``remove``,
e.g. stale per-page e-mail drafts) are moved aside first and deleted only
once everything is placed, so they come back on failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Iterable, Mapping

TMP_PREFIX = ".mt-review-tmp-"


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable; a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a fresh temporary file beside ``path``; return its path."""
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix="-" + path.name, dir=path.parent)
    tmp_path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_path, 0o644)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return tmp_path


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` atomically (no newline translation: what you pass is what lands)."""
    return atomic_write_bytes(path, text.encode(encoding))


def _check_name(name: str) -> None:
    if not name or name in (".", "..") or Path(name).name != name or "/" in name or "\\" in name:
        raise ValueError(f"not a plain file name: {name!r}")


def write_file_set(
    out_dir: str | os.PathLike[str],
    files: Mapping[str, bytes],
    *,
    remove: Iterable[str] = (),
) -> list[Path]:
    """Write every ``name -> bytes`` of ``files`` into ``out_dir``, all or nothing.

    ``remove`` names files of ``out_dir`` to delete as part of the same set
    (stale files of an earlier run, say); a name also in ``files`` or not
    present is skipped, and folders are never removed.  Names must be plain
    file names (no folders).  Returns the final paths in the order given.  On
    failure the folder is left as it was before the call (no temporary files,
    no partial set, removed files back in place) and the error is raised.
    """
    out = Path(out_dir)
    for name in files:
        _check_name(name)
    for name in remove:
        _check_name(name)
    return write_paths({out / name: data for name, data in files.items()}, remove=[out / n for n in remove])


def write_paths(files: Mapping[Path, bytes], *, remove: Iterable[Path] = ()) -> list[Path]:
    """Write every ``path -> bytes`` of ``files`` (in any folders), all or nothing.

    The same promise as :func:`write_file_set` across several folders (the
    reports and the marked XLIFF copies of one run, say): every file is staged
    beside its final name first, then all are moved into place; on failure
    every placed file is rolled back, removed files come back, and folders
    this call created are removed again.
    """
    targets = [Path(p) for p in files]
    removals = [Path(p) for p in dict.fromkeys(remove) if Path(p) not in files]
    created: list[Path] = []  # folders made here, parents first
    for parent in dict.fromkeys(p.parent for p in targets):
        missing = [d for d in (parent, *parent.parents) if not d.exists()]
        for d in reversed(missing):
            if d not in created:
                created.append(d)
        parent.mkdir(parents=True, exist_ok=True)

    staged: list[tuple[Path, Path]] = []  # (tmp, final)
    backups: list[tuple[Path, Path | None]] = []  # (final, backup of previous content or None)
    removed: list[tuple[Path, Path]] = []  # (original, where it waits until all is placed)
    try:
        for final, data in zip(targets, files.values(), strict=True):
            staged.append((_stage(final, data), final))
        for old in removals:
            if old.is_symlink() or old.is_file():
                aside = old.parent / f"{TMP_PREFIX}del-{uuid.uuid4().hex}-{old.name}"
                os.replace(old, aside)
                removed.append((old, aside))
        for tmp, final in staged:
            backup: Path | None = None
            if final.exists():
                backup = final.parent / f"{TMP_PREFIX}old-{uuid.uuid4().hex}-{final.name}"
                try:
                    os.link(final, backup)  # keep the previous version until all are placed
                except OSError:
                    shutil.copy2(final, backup)
            backups.append((final, backup))
            os.replace(tmp, final)
    except BaseException:
        # roll back what was placed, newest first
        for final, backup in reversed(backups):
            try:
                if backup is not None:
                    os.replace(backup, final)
                else:
                    final.unlink(missing_ok=True)
            except OSError:
                pass
        for original, aside in reversed(removed):
            try:
                os.replace(aside, original)
            except OSError:
                pass
        for tmp, _final in staged:
            tmp.unlink(missing_ok=True)
        for folder in reversed(created):
            try:
                folder.rmdir()  # only if empty: we made it, leave no trace
            except OSError:
                pass
        raise
    for _final, backup in backups:
        if backup is not None:
            backup.unlink(missing_ok=True)
    for _original, aside in removed:
        aside.unlink(missing_ok=True)
    for folder in dict.fromkeys(p.parent for p in (*targets, *removals)):
        _fsync_dir(folder)
    return targets
