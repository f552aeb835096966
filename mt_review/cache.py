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


def open_db(path: str | os.PathLike, timeout: float = 30.0) -> sqlite3.Connection:
    """Open the SQLite file at ``path`` in WAL mode, creating its folder.

    Writes go in ``with conn:`` blocks (committed on exit).  A corrupt file is
    set aside with a :class:`CacheWarning` and a fresh one created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _connect(path, timeout)
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower():
            raise
        if path.exists():
            set_aside(path, str(exc))
        return _connect(path, timeout)
