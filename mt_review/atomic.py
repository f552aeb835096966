"""Atomic file writing.

A report is read by editors and by CI while it may be being rewritten, so a
file is never written in place: it is written to a temporary file in the same
folder, flushed and fsynced, then moved over the final name with
``os.replace`` (atomic on POSIX and Windows within one file system).

``write_file_set`` writes a whole set of files so that even ``kill -9`` at any
moment leaves the folder holding the old set or the new one, complete.  The
new set is staged in a fresh folder beside the destination
(``.<name>.mt-review-stage-<pid>-<hex>``): the new files, plus hard links to
the files of the old folder the set does not replace.  The two folders are
then swapped with one atomic ``renameat2(RENAME_EXCHANGE)`` (or, for a folder
that does not exist yet, one ``rename``), and the old set, now in the stage
folder, is deleted.  Every call first removes what a crashed earlier run left
(stage folders and temporary files of processes no longer running).

Where a swap is impossible (no ``renameat2``, a destination holding folders of
its own, a mount point) the set is written file by file: every file is staged
as a temporary first, and only when all are staged are they renamed into
place; if a rename fails midway, the files already placed are rolled back.
That fallback is all-or-nothing against errors, not against ``kill -9``.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import stat
import tempfile
import uuid
from pathlib import Path
from contextlib import contextmanager
from typing import BinaryIO, Callable, Iterable, Iterator, Mapping, Union

Content = Union[bytes, Callable[[BinaryIO], None]]  # a file's bytes, or a function that writes them to a file

TMP_PREFIX = ".mt-review-tmp-"
STAGE_MARK = ".mt-review-stage-"


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


def _stage(path: Path, data: Content) -> Path:
    """Write ``data`` to a fresh temporary file beside ``path``; return its path.

    ``data`` is the bytes, or a function that writes them to the open file
    (a report streamed page by page, never held whole in memory)."""
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix="-" + path.name, dir=path.parent)
    tmp_path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
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
    files: Mapping[str, Content],
    *,
    remove: Iterable[str] = (),
) -> list[Path]:
    """Write every ``name -> bytes`` of ``files`` into ``out_dir``, all or nothing, even under ``kill -9``.

    A value may also be a function that writes the file's bytes to an open
    binary file: it is called once, into the staged file.

    ``remove`` names files of ``out_dir`` to delete as part of the same set
    (stale files of an earlier run, say); a name also in ``files`` or not
    present is skipped, and folders are never removed.  Other files already
    in ``out_dir`` are kept.  Names must be plain file names (no folders).
    Returns the final paths in the order given.  On failure the folder is left
    as it was before the call and the error is raised.
    """
    out = Path(out_dir)
    for name in files:
        _check_name(name)
    for name in remove:
        _check_name(name)
    remove_leftovers(out)
    if _swap_supported() and _swappable(out):
        try:
            _write_by_swap(out, files, remove)
            return [out / name for name in files]
        except _CannotSwap:
            pass
    return _write_in_place(out, files, remove=remove)


class _CannotSwap(Exception):
    """The folders could not be exchanged here (file system, mount point): write file by file."""


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_RENAMEAT2 = _renameat2()


def _swap_supported() -> bool:
    return _RENAMEAT2 is not None


def exchange(a: Path, b: Path) -> None:
    """Atomically swap the folders ``a`` and ``b`` (Linux ``renameat2(RENAME_EXCHANGE)``)."""
    if _RENAMEAT2 is None:
        raise _CannotSwap("renameat2 is not available")
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        err = ctypes.get_errno()
        if err in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EBUSY, errno.EPERM, errno.ENOTSUP):
            raise _CannotSwap(os.strerror(err))
        raise OSError(err, os.strerror(err), str(b))


def _swappable(out: Path) -> bool:
    """A swap replaces the whole folder: only when it holds nothing but files (and symlinks)."""
    try:
        entries = list(os.scandir(out))
    except FileNotFoundError:
        return True
    except NotADirectoryError:
        return False
    return all(e.is_symlink() or e.is_file(follow_symlinks=False) for e in entries)


def _stage_name(out: Path) -> Path:
    return out.with_name(f".{out.name}{STAGE_MARK}{os.getpid()}-{uuid.uuid4().hex[:12]}")


def _write_by_swap(out: Path, files: Mapping[str, Content], remove: Iterable[str]) -> None:
    target = Path(os.path.realpath(out)) if out.is_symlink() else out
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = _stage_name(target)
    os.mkdir(stage)
    try:
        existed = target.exists()
        if existed:
            _carry_over(target, stage, set(files) | set(remove))
            os.chmod(stage, stat.S_IMODE(os.stat(target).st_mode))
        for name, data in files.items():
            os.rename(_stage(stage / name, data), stage / name)
        _fsync_dir(stage)
        if existed:
            exchange(stage, target)  # the one step that switches old set -> new set
        else:
            os.rename(stage, target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _fsync_dir(target.parent)
    if existed:
        shutil.rmtree(stage, ignore_errors=True)  # now the old set


def _carry_over(old: Path, stage: Path, replaced: set[str]) -> None:
    """Hard-link (or copy) into ``stage`` every file of ``old`` the new set does not replace."""
    for entry in os.scandir(old):
        if entry.name in replaced or _is_leftover_file(entry.name):
            continue
        dest = stage / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), dest)
            continue
        try:
            os.link(entry.path, dest)
        except OSError:
            shutil.copy2(entry.path, dest)


_LEFTOVER_PID = re.compile(r"(\d+)-")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0
    return True


def _is_leftover_file(name: str) -> bool:
    return name.startswith(TMP_PREFIX)


def _owner_gone(rest: str) -> bool:
    """Whether the process named at the start of ``rest`` (``<pid>-...``) is no longer running."""
    m = _LEFTOVER_PID.match(rest)
    return m is None or not _pid_alive(int(m.group(1)))


def remove_leftovers(out: str | os.PathLike[str]) -> list[Path]:
    """Delete what an earlier, crashed run left for ``out``; return what was removed.

    That is stage folders beside ``out`` (``.<name>.mt-review-stage-<pid>-…``)
    and temporary files inside it (``.mt-review-tmp-<pid>-…``) whose process is
    no longer running.  Nothing else is touched.
    """
    out = Path(out)
    removed: list[Path] = []
    stage_prefix = f".{out.name}{STAGE_MARK}"
    try:
        beside = [e for e in os.scandir(out.parent) if e.name.startswith(stage_prefix)]
    except OSError:
        beside = []
    for entry in beside:
        if entry.is_dir(follow_symlinks=False) and _owner_gone(entry.name[len(stage_prefix):]):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    try:
        inside = [e for e in os.scandir(out) if _is_leftover_file(e.name)]
    except OSError:
        inside = []
    for entry in inside:
        if not entry.is_dir(follow_symlinks=False) and _owner_gone(entry.name[len(TMP_PREFIX):]):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def _roll_back(backups: list[tuple[Path, Path | None]]) -> None:
    """Put back what placed files replaced (or remove them), newest first."""
    for final, backup in reversed(backups):
        try:
            if backup is not None:
                os.replace(backup, final)
            else:
                final.unlink(missing_ok=True)
        except OSError:
            pass


def _write_in_place(
    out_dir: str | os.PathLike[str],
    files: Mapping[str, Content],
    *,
    remove: Iterable[str] = (),
) -> list[Path]:
    """The file-by-file fallback of :func:`write_file_set` (all or nothing against errors)."""
    out = Path(out_dir)
    removals = [name for name in dict.fromkeys(remove) if name not in files]
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)

    staged: list[tuple[Path, Path]] = []  # (tmp, final)
    backups: list[tuple[Path, Path | None]] = []  # (final, backup of previous content or None)
    removed: list[tuple[Path, Path]] = []  # (original, where it waits until all is placed)
    try:
        for name, data in files.items():
            final = out / name
            staged.append((_stage(final, data), final))
        for name in removals:
            old = out / name
            if old.is_symlink() or old.is_file():
                aside = out / f"{TMP_PREFIX}{os.getpid()}-del-{uuid.uuid4().hex}-{name}"
                os.replace(old, aside)
                removed.append((old, aside))
        for tmp, final in staged:
            name = final.name
            backup: Path | None = None
            if final.exists():
                backup = out / f"{TMP_PREFIX}{os.getpid()}-old-{uuid.uuid4().hex}-{name}"
                try:
                    os.link(final, backup)  # keep the previous version until all are placed
                except OSError:
                    shutil.copy2(final, backup)
            backups.append((final, backup))
            os.replace(tmp, final)
    except BaseException:
        _roll_back(backups)
        for original, aside in reversed(removed):
            try:
                os.replace(aside, original)
            except OSError:
                pass
        for tmp, _final in staged:
            tmp.unlink(missing_ok=True)
        if created:
            try:
                out.rmdir()  # only if empty: we made it, leave no trace
            except OSError:
                pass
        raise
    for _final, backup in backups:
        if backup is not None:
            backup.unlink(missing_ok=True)
    for _original, aside in removed:
        aside.unlink(missing_ok=True)
    _fsync_dir(out)
    return [out / name for name in files]


@contextmanager
def files_held_back(files: Mapping[Path, bytes]) -> Iterator[list[Path]]:
    """Place ``files`` (in any folders) for the duration of a ``with`` block; undo them if it fails.

    Files written together with a report set (the marked XLIFF copies of a
    run): every file is staged beside its final name, then all are moved into
    place, keeping each previous version aside.  If placing or the ``with``
    block raises, every placed file gets its previous content back (or is
    removed) and folders made here are removed again; otherwise the previous
    versions are dropped.
    """
    targets = [Path(p) for p in files]
    created: list[Path] = []  # folders made here, parents first
    for parent in dict.fromkeys(p.parent for p in targets):
        for d in reversed([d for d in (parent, *parent.parents) if not d.exists()]):
            if d not in created:
                created.append(d)
        parent.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []  # (tmp, final)
    backups: list[tuple[Path, Path | None]] = []  # (final, previous content or None)
    try:
        for final, data in zip(targets, files.values(), strict=True):
            staged.append((_stage(final, data), final))
        for tmp, final in staged:
            backup: Path | None = None
            if final.exists():
                backup = final.parent / f"{TMP_PREFIX}{os.getpid()}-old-{uuid.uuid4().hex}-{final.name}"
                try:
                    os.link(final, backup)
                except OSError:
                    shutil.copy2(final, backup)
            backups.append((final, backup))
            os.replace(tmp, final)
        yield targets
    except BaseException:
        _roll_back(backups)
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
    for folder in dict.fromkeys(p.parent for p in targets):
        _fsync_dir(folder)
