"""SQLite cache of translations and forced-decoding scores.

One file (WAL mode).  Keys: the model's cache namespace (engine, model id,
revision, direction, compute type, language token, decoding settings) and the
sha256 of the text (of source and target for scores).  A re-run over
unchanged text translates nothing.  A corrupt file is set aside as
``*.corrupt-<n>`` with a warning and rebuilt; a cache problem never stops a
review (at worst it costs a recomputation).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import warnings
from pathlib import Path
from typing import Sequence

from mt_review.cache import memory_db, open_db, problem, set_aside
from mt_review.translate.base import ModelInfo, ProgressCallback, TokenScores, Translator

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (ns TEXT NOT NULL, h TEXT NOT NULL, out TEXT NOT NULL,
    PRIMARY KEY (ns, h)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scores (ns TEXT NOT NULL, h TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (ns, h)) WITHOUT ROWID;
"""


def default_cache_path() -> Path:
    env = os.environ.get("MT_REVIEW_CACHE_DIR")
    if env:
        return Path(env) / "cache.sqlite3"
    import platformdirs

    return Path(platformdirs.user_cache_dir("mt-review")) / "cache.sqlite3"


def _sha(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8")
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def _ns_hash(info: ModelInfo) -> str:
    return _sha(info.cache_namespace())[:32]


def _occurrence_progress(
    progress: ProgressCallback, texts: Sequence[str], misses: Sequence[str], done_before: int
) -> ProgressCallback:
    """Report progress over distinct misses in terms of the caller's segments
    (a text that occurs twice counts twice)."""
    count = {t: 0 for t in misses}
    for t in texts:
        if t in count:
            count[t] += 1
    weights = [count[t] for t in misses]

    def report(done: int, _total: int) -> None:
        progress(done_before + sum(weights[:done]), len(texts))

    return report


class TranslationCache:
    """Translations and scores by (model namespace, sha256 of text)."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_cache_path()
        self.notices: list[str] = []
        self.conn: sqlite3.Connection | None = None
        self._connect()

    def _connect(self) -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            opened: sqlite3.Connection | None = None
            try:
                conn = opened = open_db(self.path)
                conn.executescript(SCHEMA)
                conn.execute("SELECT count(*) FROM translations").fetchone()
            except sqlite3.DatabaseError as exc:
                if opened is not None:  # the file opened but is unusable
                    try:
                        opened.close()
                    except sqlite3.Error:
                        pass
                if problem(exc) == "corrupt":
                    if self.path.exists():
                        set_aside(self.path, str(exc))
                    conn = open_db(self.path)
                else:  # locked beyond the timeout, full, read-only: carry on without the file
                    warnings.warn(f"cache {self.path} cannot be used ({exc}); carrying on without a cache", stacklevel=2)
                    conn = memory_db()
                conn.executescript(SCHEMA)
        for w in caught:
            msg = str(w.message)
            self.notices.append(msg)
            log.warning(msg)
            warnings.warn(msg, w.category, stacklevel=3)
        self.conn = conn

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        """The file went bad under us: set it aside and start a new one; if it is only full or read-only, bypass it."""
        try:
            if self.conn is not None:
                self.conn.close()
        except Exception:
            pass
        if problem(exc) != "corrupt":
            msg = f"cache {self.path} cannot be written ({exc}); carrying on without a cache"
            self.notices.append(msg)
            log.warning(msg)
            warnings.warn(msg, stacklevel=3)
            self.conn = memory_db()
            self.conn.executescript(SCHEMA)
            return
        if self.path.exists():
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                set_aside(self.path, str(exc))
            for w in caught:
                self.notices.append(str(w.message))
                log.warning(str(w.message))
                warnings.warn(str(w.message), w.category, stacklevel=3)
        self.conn = None
        self._connect()

    def _get(self, table: str, ns: str, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        uniq = list(dict.fromkeys(keys))
        for attempt in (0, 1):
            try:
                assert self.conn is not None
                col = "out" if table == "translations" else "data"
                for i in range(0, len(uniq), 500):
                    chunk = uniq[i : i + 500]
                    q = f"SELECT h, {col} FROM {table} WHERE ns=? AND h IN ({','.join('?' * len(chunk))})"
                    found.update(self.conn.execute(q, [ns, *chunk]).fetchall())
                return found
            except sqlite3.DatabaseError as exc:
                if attempt:
                    log.warning("translation cache read failed: %s", exc)
                    return {}
                self._recover(exc)
        return found

    def _put(self, table: str, ns: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        for attempt in (0, 1):
            try:
                assert self.conn is not None
                with self.conn:
                    self.conn.executemany(
                        f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", [(ns, h, v) for h, v in rows]
                    )
                return
            except sqlite3.DatabaseError as exc:
                if attempt:
                    log.warning("translation cache write failed: %s", exc)
                    return
                self._recover(exc)

    # -- public ------------------------------------------------------------
    def get_translations(self, info: ModelInfo, texts: Sequence[str]) -> dict[str, str]:
        """text -> cached translation, for the texts that are cached."""
        keys = {_sha(t): t for t in texts}
        got = self._get("translations", _ns_hash(info), list(keys))
        return {keys[h]: v for h, v in got.items()}

    def put_translations(self, info: ModelInfo, pairs: Sequence[tuple[str, str]]) -> None:
        self._put("translations", _ns_hash(info), [(_sha(s), out) for s, out in pairs])

    def get_scores(self, info: ModelInfo, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], TokenScores]:
        keys = {_sha(s, t): (s, t) for s, t in pairs}
        got = self._get("scores", _ns_hash(info), list(keys))
        out: dict[tuple[str, str], TokenScores] = {}
        for h, data in got.items():
            try:
                out[keys[h]] = TokenScores.from_json(json.loads(data))
            except (ValueError, KeyError, TypeError):
                continue  # unreadable row: recompute
        return out

    def put_scores(self, info: ModelInfo, items: Sequence[tuple[tuple[str, str], TokenScores]]) -> None:
        self._put(
            "scores",
            _ns_hash(info),
            [(_sha(s, t), json.dumps(sc.to_json(), ensure_ascii=False)) for (s, t), sc in items],
        )

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            finally:
                self.conn = None


class CachedTranslator(Translator):
    """Wraps a :class:`Translator`: answers from the cache, runs the model on misses only."""

    def __init__(self, inner: Translator, cache: TranslationCache):
        self.inner = inner
        self.cache = cache

    @property
    def info(self) -> ModelInfo:
        return self.inner.info

    def translate(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> list[str]:
        info = self.inner.info
        hits = self.cache.get_translations(info, texts)
        misses = [t for t in dict.fromkeys(texts) if t not in hits]
        total = len(texts)
        n_hit = total - sum(1 for t in texts if t not in hits)
        if progress and n_hit:
            progress(n_hit, total)
        if misses:
            sub = _occurrence_progress(progress, texts, misses, n_hit) if progress else None
            outs = self.inner.translate(misses, progress=sub)
            new = dict(zip(misses, outs, strict=True))
            self.cache.put_translations(info, list(new.items()))
            hits.update(new)
        return [hits[t] for t in texts]

    def score(
        self,
        sources: Sequence[str],
        targets: Sequence[str],
        *,
        progress: ProgressCallback | None = None,
    ) -> list[TokenScores]:
        if len(sources) != len(targets):
            raise ValueError(f"score: {len(sources)} sources but {len(targets)} targets")
        info = self.inner.info
        pairs = list(zip(sources, targets, strict=True))
        hits = self.cache.get_scores(info, pairs)
        misses = [p for p in dict.fromkeys(pairs) if p not in hits]
        total = len(pairs)
        n_hit = sum(1 for p in pairs if p in hits)
        if progress and n_hit:
            progress(n_hit, total)
        if misses:
            sub = (lambda done, _t: progress(n_hit + done, total)) if progress else None
            res = self.inner.score([s for s, _ in misses], [t for _, t in misses], progress=sub)
            new = dict(zip(misses, res, strict=True))
            self.cache.put_scores(info, list(new.items()))
            hits.update(new)
        return [hits[p] for p in pairs]

    def close(self) -> None:
        self.inner.close()
