"""Embeddings kept on disk, so the same sentence is never embedded twice."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Sequence

import numpy as np

from mt_review.cache import CacheWarning, memory_db, open_db, problem, set_aside
from mt_review.embed.base import Embedder

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    embedder TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    dim      INTEGER NOT NULL,
    vec      BLOB NOT NULL,
    PRIMARY KEY (embedder, sha256)
) WITHOUT ROWID
"""
_LOOKUP_CHUNK = 500  # stay well under SQLite's bound-parameter limit


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CachedEmbedder:
    """Wraps an embedder with a SQLite cache keyed by (embedder id, sha256(text)).

    Within one call, repeated texts are embedded once; texts already in the
    cache are not embedded at all; the rest go to the inner embedder in one
    batch.  ``hits`` and ``misses`` count texts served from / added to the cache.
    """

    def __init__(self, inner: Embedder, db_path: str | Path):
        self.inner = inner
        self.id = inner.id
        self.dim = inner.dim
        self.db_path = Path(db_path)
        self._conn: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = open_db(self.db_path)
            try:
                self._conn.execute(_SCHEMA)
            except sqlite3.DatabaseError as exc:
                self._bypass(exc)
        return self._conn

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[i : i + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT sha256, dim, vec FROM embeddings WHERE embedder = ? AND sha256 IN ({marks})",
                [self.id, *chunk],
            ).fetchall()
            for key, dim, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape[0] == dim:
                    found[key] = vec
        return found

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        unique: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            unique.setdefault(k, t)
        try:
            found = self._lookup(list(unique))
        except sqlite3.DatabaseError as exc:
            self._bypass(exc)
            found = {}
        missing = [k for k in unique if k not in found]
        if missing:
            vecs = np.asarray(self.inner.embed([unique[k] for k in missing]), dtype=np.float32)
            self.dim = int(vecs.shape[1])
            rows = [(self.id, k, int(v.shape[0]), v.astype(np.float32).tobytes()) for k, v in zip(missing, vecs, strict=True)]
            try:
                with self.conn:
                    self.conn.executemany(
                        "INSERT OR REPLACE INTO embeddings (embedder, sha256, dim, vec) VALUES (?, ?, ?, ?)", rows
                    )
            except sqlite3.DatabaseError as exc:  # a cache write never stops a review
                self._bypass(exc)
            for k, v in zip(missing, vecs, strict=True):
                found[k] = v
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)

    def _bypass(self, exc: sqlite3.DatabaseError) -> None:
        """The file went bad (set it aside) or cannot be written (full, read-only, locked): go on in memory."""
        import warnings

        if self._conn is not None:
            self._conn.close()
        if problem(exc) == "corrupt" and self.db_path.exists():
            set_aside(self.db_path, str(exc))
        else:
            warnings.warn(f"cache {self.db_path} cannot be written ({exc}); carrying on without a cache",
                          CacheWarning, stacklevel=3)
        self._conn = memory_db()
        self._conn.execute(_SCHEMA)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __repr__(self) -> str:
        return f"CachedEmbedder({self.inner!r}, {str(self.db_path)!r})"
