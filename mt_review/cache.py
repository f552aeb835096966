"""The shared SQLite helper for the on-disk caches (embeddings, translations) and the incremental state.

``open_db(path)`` opens (creating if needed) a database file in WAL mode.
Every file mt-review creates is marked with SQLite's ``application_id``
(``APPLICATION_ID``), so a database is mt-review's or it is refused:

* **foreign** -- another application's SQLite file (another ``application_id``,
  or unmarked with tables that are not ours), or any file that is not SQLite
  and not named like a cache: :class:`InputError` (exit 2), the file untouched;
* **corrupt** -- a damaged mt-review file: set aside as
  ``<name>.corrupt-<timestamp>`` with a warning and started afresh (a cache
  only costs a recomputation);
* **unwritable** -- a read-only file or file system, or a full disk: never
  called corrupt.  A cache is bypassed (an in-memory database) with one
  notice; the state is copied into memory when read-only (pages are still
  reused, nothing new stored), and a state that cannot be written is an
  :class:`InputError` with the old state intact (``role="state"``);
* **locked** -- another run holds the file: waited for (busy timeout), also
  for the switch to WAL mode, which SQLite does not retry by itself.

:func:`problem` names which of these an ``sqlite3`` error is, for the code
that writes later in the run.
"""

from __future__ import annotations

import os
import sqlite3
import time
import warnings
from pathlib import Path

from mt_review.errors import InputError

APPLICATION_ID = 0x6D747276  # "mtrv" in the database header (offset 68)
_HEADER_APP_ID = slice(68, 72)


class CacheWarning(UserWarning):
    """A cache or state file was unusable (set aside) or is used without writing (bypassed)."""


def problem(exc: BaseException) -> str:
    """What an ``sqlite3`` error means here: busy, unwritable, corrupt or other."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    msg = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in msg or "busy" in msg:
        return "busy"
    if name.startswith(("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_PERM")) or any(
        s in msg for s in ("disk is full", "readonly database", "disk i/o error", "unable to open")
    ):
        return "unwritable"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in msg or "not a database" in msg:
        return "corrupt"
    return "other"


def _reason(exc: BaseException) -> str:
    msg = str(exc)
    if "full" in msg.lower() or getattr(exc, "errno", None) == 28:
        return "the disk is full"
    if "readonly" in msg.lower() or "read-only" in msg.lower():
        return "it is read-only"
    return msg


def _wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Switch to WAL, waiting while another process holds the file (SQLite does not retry this one)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if problem(exc) != "busy" or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)
    try:
        _wal(conn, timeout)
        conn.execute("PRAGMA synchronous=NORMAL")
        # raises sqlite3.DatabaseError on a file that is not a database / is damaged
        row = conn.execute("PRAGMA quick_check").fetchone()
        if not row or row[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {row[0] if row else 'no answer'}")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")  # claim a fresh or legacy file
    except BaseException:
        conn.close()
        raise
    return conn


def set_aside(path: Path, reason: str) -> Path:
    """Rename ``path`` (and its -wal/-shm files) out of the way; return the new name."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    dest = path.with_name(f"{path.name}.corrupt-{stamp}-{os.getpid()}")
    os.replace(path, dest)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            try:
                os.replace(side, dest.with_name(dest.name + suffix))
            except OSError:
                pass
    warnings.warn(f"cache {path} is unusable ({reason}); moved to {dest.name} and starting afresh",
                  CacheWarning, stacklevel=3)
    return dest


_SQLITE_MAGIC = b"SQLite format 3\x00"
# A file with one of these names is a cache even when damaged beyond its header,
# so it may be set aside; any other non-SQLite file is the user's and is refused.
CACHE_SUFFIXES = frozenset({".sqlite", ".sqlite3", ".db"})
OUR_TABLES = frozenset({"embeddings", "translations", "scores", "page_reviews", "fragments", "page_terms", "term_findings",
                        "page_records", "parsed_pages", "file_digests", "meta"})
# An unmarked file (written before files were marked) is ours only if it holds one of these.
_DISTINCT_TABLES = frozenset({"embeddings", "translations", "page_reviews"})


def _header(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(100)
    except OSError:
        return b""


def _guard(path: Path) -> None:
    """Refuse a path that is not ours to replace: a folder, a file that is not SQLite, another application's database.

    Only a damaged SQLite file, or a damaged file named like a cache
    (``CACHE_SUFFIXES``), is ever set aside; anything else the user pointed at
    by mistake (a page, a glossary, a folder, another program's database) is
    left untouched -- it is not even opened for writing.
    """
    if path.exists() and not path.is_file():
        raise InputError("is not a regular file; give a file path for the cache or state", str(path))
    if not path.is_file() or path.stat().st_size == 0:
        return
    head = _header(path)
    if not head.startswith(_SQLITE_MAGIC):
        if path.suffix.lower() not in CACHE_SUFFIXES:
            raise InputError("is not an mt-review cache or state file (not SQLite); refusing to replace it", str(path))
        return  # a damaged cache: set aside when opened
    app_id = int.from_bytes(head[_HEADER_APP_ID], "big") if len(head) >= 72 else 0
    if app_id == APPLICATION_ID:
        return
    if app_id != 0:
        raise InputError(
            f"is a SQLite database of another application (application_id {app_id:#x}), "
            "not an mt-review cache or state file; refusing to touch it",
            str(path),
        )
    tables = _tables_read_only(path)
    if tables is not None and tables and not (tables <= OUR_TABLES and tables & _DISTINCT_TABLES):
        raise InputError("is a SQLite database of something else, not an mt-review cache or state file", str(path))


def _tables_read_only(path: Path) -> set[str] | None:
    """The table names, read without writing anything; None when the file cannot be read as a database."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def memory_db() -> sqlite3.Connection:
    """An in-memory database standing in for a cache that cannot be written."""
    return sqlite3.connect(":memory:", check_same_thread=False)


def _copy_into_memory(path: Path) -> sqlite3.Connection | None:
    """The database at ``path`` copied into memory without writing to it; None if it cannot be read."""
    mem = memory_db()
    for query in ("mode=ro", "immutable=1"):
        try:
            src = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=5)
        except sqlite3.Error:
            continue
        try:
            src.backup(mem)
            return mem
        except sqlite3.Error:
            continue
        finally:
            src.close()
    mem.close()
    return None


def _writable(path: Path) -> bool:
    """Whether SQLite can write ``path`` (and the -wal/-shm files beside it)."""
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    if path.exists() and not os.access(path, os.W_OK):
        return False
    try:  # a read-only file system says so only when written; root passes os.access
        st = os.statvfs(folder)
    except OSError:
        return True
    return not st.f_flag & os.ST_RDONLY


def unwritable(path: Path, reason: str, role: str) -> sqlite3.Connection:
    """A stand-in connection for a file that cannot be written, with one notice; or InputError for the state.

    ``role="cache"``: an empty in-memory database (the cache is bypassed).
    ``role="state"``: a read-only state is copied into memory (pages are still
    reused); a state that exists but cannot be read or written is refused.
    """
    if role == "state":
        if reason == "the disk is full":
            raise InputError("cannot write the state file: the disk is full; the old state is kept as it was", str(path))
        mem = _copy_into_memory(path) if path.exists() else memory_db()
        if mem is None:
            raise InputError(f"cannot use the state file: {reason}", str(path))
        warnings.warn(f"state {path} cannot be written ({reason}); unchanged pages are reused, nothing new is stored",
                      CacheWarning, stacklevel=3)
        return mem
    warnings.warn(f"cache {path} cannot be written ({reason}); carrying on without a cache", CacheWarning, stacklevel=3)
    return memory_db()


def open_db(path: str | os.PathLike, timeout: float = 30.0, *, role: str = "cache") -> sqlite3.Connection:
    """Open mt-review's SQLite file at ``path`` in WAL mode, creating it and its folder.

    Writes go in ``with conn:`` blocks (committed on exit).  A foreign file is
    refused (:class:`InputError`, untouched); a damaged one is set aside with a
    :class:`CacheWarning` and a fresh one created; one that cannot be written
    is handled as the module docstring says for ``role`` ("cache" or "state").
    """
    path = Path(path)
    _guard(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return unwritable(path, _reason(exc), role)
    if not _writable(path):
        return unwritable(path, "it is read-only", role)
    try:
        return _connect(path, timeout)
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        kind = problem(exc)
        if kind == "busy":
            raise InputError(f"is locked by another process (waited {timeout:g} s)", str(path)) from None
        if kind == "unwritable":
            return unwritable(path, _reason(exc), role)
        if path.exists():
            set_aside(path, str(exc))
        return _connect(path, timeout)
