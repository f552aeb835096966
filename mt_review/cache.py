"""A tiny shared SQLite helper for the on-disk caches (embeddings, translations).

``open_db(path)`` opens (creating if needed) a database file in WAL mode.  A
file that is not a readable SQLite database is set aside as
``<name>.corrupt-<timestamp>`` with a warning and a fresh file is created, so a
damaged cache never stops a review; it only costs a recomputation.
"""

from __future__ import annotations

import os
import sqlite3
import time
import warnings
from pathlib import Path

from mt_review.errors import InputError


class CacheWarning(UserWarning):
    """A cache file was unusable and has been set aside."""


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        # raises sqlite3.DatabaseError on a file that is not a database / is damaged
        row = conn.execute("PRAGMA quick_check").fetchone()
        if not row or row[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {row[0] if row else 'no answer'}")
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
OUR_TABLES = frozenset({"embeddings", "translations", "scores", "page_reviews", "meta"})


def _guard(path: Path) -> None:
    """Refuse a path that is not ours to replace: a folder, or a file that is not SQLite.

    Only a damaged SQLite file, or a damaged file named like a cache
    (``CACHE_SUFFIXES``), is ever set aside; anything else the user pointed at
    by mistake (a page, a glossary, a folder) is left untouched.
    """
    if path.exists() and not path.is_file():
        raise InputError("is not a regular file; give a file path for the cache or state", str(path))
    if path.is_file() and path.stat().st_size > 0:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
        if head != _SQLITE_MAGIC and path.suffix.lower() not in CACHE_SUFFIXES:
            raise InputError("is not an mt-review cache or state file (not SQLite); refusing to replace it", str(path))


def _check_tables(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if tables and not tables & OUR_TABLES:
        conn.close()
        raise InputError("is a SQLite database of something else, not an mt-review cache or state file", str(path))


def open_db(path: str | os.PathLike, timeout: float = 30.0) -> sqlite3.Connection:
    """Open the SQLite file at ``path`` in WAL mode, creating its folder.

    Writes go in ``with conn:`` blocks (committed on exit).  A damaged SQLite
    file is set aside with a :class:`CacheWarning` and a fresh one created; a
    path that is not a SQLite file at all is refused (:class:`InputError`)."""
    path = Path(path)
    _guard(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = _connect(path, timeout)
        _check_tables(conn, path)
        return conn
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower():
            raise
        if path.exists():
            set_aside(path, str(exc))
        return _connect(path, timeout)
