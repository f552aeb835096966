"""Incremental review: re-score only the pages whose files changed.

An export of a site is reviewed again and again while editors fix a handful
of pages.  :class:`IncrementalStore` keeps each finished
:class:`~mt_review.model.PageReview` in an SQLite file (WAL mode, via
:func:`mt_review.cache.open_db`) under a key made of everything the review of
one page depends on:

* the sha256 of the source file's bytes and of the target file's bytes (once
  for a bilingual file such as XLIFF), the page name and both file *names*
  (not the folders: the same export given as a relative or an absolute path,
  or moved elsewhere, reuses its reviews; a reused review gets the paths of
  this run, :func:`with_paths_of`),
* the tool version and a digest of the installed ``mt_review`` code (so a
  development checkout never serves reviews made by older code),
* the review settings' hash (``ReviewSettings.hash``: what is measured, not
  how the run is handled),
* the embedder id and the translation models (engine, model id, revision).

:func:`review_pairs_incrementally` looks every pair up, reviews only the
misses with the pipeline's own ``review_fn`` and stores them, and returns a
review for every page in input order, so reports still cover the whole export.

The same file keeps each page's rendered report fragments
(:mod:`mt_review.report.fragments`), so a re-run renders only the pages that
changed, and its learned-terminology rows (:class:`StoredTerms`: the page's
contribution to the learned table, its memo of closest renderings, what it
gained from the learned terms), so a re-run reads only the changed pages to
learn the site's terms.  Every row remembers the files of its page (resolved); at the end of
a run, :meth:`IncrementalStore.forget_stale` drops the rows this run did not
use whose files are gone or were reviewed again under a new key (an older
version of a page), so the file does not only grow, and reviewing one
subfolder never drops the rows of another.

It also keeps each input file as parsed (under the sha256 of the parsing code,
the path as given and the file's bytes: :func:`mt_review.pairing.parsed_key`),
so a re-run parses only the changed files, and each file's digest with its
device, inode, size and modification and change times
(:meth:`IncrementalStore.known_digest`), so a re-run does not even read a file
whose times show no change since it was hashed.

The store holds pickles: treat the state file like the code that wrote it
(it lives in your own checkout or CI cache).  A store that cannot be read is
set aside (``<name>.corrupt-<timestamp>``) with a warning and rebuilt; a row
that no longer unpickles (a changed model class) is dropped and recomputed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import sqlite3
import stat
import time
import warnings
import zlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from mt_review import __version__
from mt_review.cache import CacheWarning, open_db, problem, set_aside
from mt_review.config import ReviewSettings
from mt_review.errors import InputError
from mt_review.model import PagePair, PageReview
from mt_review.pairing import real_by_folder

if TYPE_CHECKING:  # pragma: no cover
    from mt_review.spool import Pickled

__all__ = [
    "IncrementalStore",
    "StoredTerms",
    "review_pairs_incrementally",
    "run_identity",
    "page_key",
    "code_digest",
    "STORE_SCHEMA",
]

STORE_SCHEMA = 5  # 2: rows name their files; rendered fragments; 3: learned-terminology rows;
# 4: parsed files, and what a review's row vouches for (its pickle's sha256, paths as given, models);
# 5: what the report heads read of each page (report.fragments.PageFragments.record)
_PICKLE_PROTOCOL = 5
_CHUNK = 1 << 20

ReviewFn = Callable[[PagePair, ReviewSettings, Any], PageReview]
Progress = Callable[[str, int, int], None]


# --------------------------------------------------------------------------- keys


@lru_cache(maxsize=1)
def code_digest() -> str:
    """sha256 over the ``mt_review`` package's code and data files (once per process)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.suffix in (".py", ".json", ".csv", ".toml") and p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(b"\0")
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()[:16]


def _model_ids(resources: object) -> dict[str, str]:
    ids: dict[str, str] = {}
    embedder = getattr(resources, "embedder", None)
    ids["embedder"] = (getattr(embedder, "id", None) or type(embedder).__name__) if embedder is not None else "none"
    for direction, tr in sorted((getattr(resources, "translators", None) or {}).items()):
        info = getattr(tr, "info", None)
        if info is not None:
            ids[f"mt:{direction}"] = (
                f"{getattr(info, 'engine', '?')}:{getattr(info, 'model_id', '?')}@{getattr(info, 'revision', '?')}"
            )
        else:
            ids[f"mt:{direction}"] = type(tr).__name__
    # the glossary is covered by the config hash, which hashes the glossary file's content
    return ids


def run_identity(settings: ReviewSettings, resources: object) -> str:
    """What every page's key shares in one run: tool, code, settings, models."""
    blob = json.dumps(
        {
            "schema": STORE_SCHEMA,
            "tool": __version__,
            "code": code_digest(),
            "settings": settings.hash(),
            "models": _model_ids(resources),
        },
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def _file_sha256(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def page_key(pair: PagePair, identity: str, known: Callable[[str], str | None] | None = None) -> str | None:
    """The store key of one page pair, or None when its files cannot be hashed (then it is never cached).
    ``known`` (:meth:`IncrementalStore.known_digest`) gives the sha256 of a file not changed since
    it was hashed, so it is not read again."""
    src_path, tgt_path = pair.source.path, pair.target.path
    if not src_path or not tgt_path or "-" in (src_path, tgt_path):  # standard input cannot be hashed again
        return None

    def sha(path: str) -> str | None:
        return (known(path) if known is not None else None) or _file_sha256(path)

    src = sha(src_path)
    tgt = src if tgt_path == src_path else sha(tgt_path)
    if src is None or tgt is None:
        return None
    parts = [identity, pair.name, Path(src_path).name, Path(tgt_path).name, src, tgt,
             "pre" if pair.prealigned else "free"]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def with_paths_of(review: PageReview, pair: PagePair) -> PageReview:
    """A stored review with the file paths as this run spells them (the key ignores the folders)."""
    src, tgt = review.pair.source, review.pair.target
    if (src.path, tgt.path) == (pair.source.path, pair.target.path):
        return review
    moved = dataclasses.replace(
        review.pair,
        source=dataclasses.replace(src, path=pair.source.path),
        target=dataclasses.replace(tgt, path=pair.target.path),
    )
    return dataclasses.replace(review, pair=moved)


# --------------------------------------------------------------------------- store


_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS page_reviews (
    key TEXT PRIMARY KEY,
    page TEXT NOT NULL,
    created REAL NOT NULL,
    used REAL NOT NULL,
    src TEXT NOT NULL DEFAULT '',
    tgt TEXT NOT NULL DEFAULT '',
    data BLOB NOT NULL,
    meta TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS fragments (
    key TEXT PRIMARY KEY,
    used REAL NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS page_terms (
    key TEXT PRIMARY KEY,
    used REAL NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS term_findings (
    key TEXT PRIMARY KEY,
    used REAL NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS page_records (
    key TEXT PRIMARY KEY,
    used REAL NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS parsed_pages (
    key TEXT PRIMARY KEY,
    used REAL NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS file_digests (
    key TEXT PRIMARY KEY,
    used REAL NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_TABLES = ("page_reviews", "fragments", "page_terms", "term_findings", "page_records", "parsed_pages", "file_digests")
# rows of pickled values: kept by StoredTerms; what the report heads read of a page (report.fragments);
# parsed files (mt_review.pairing, :meth:`IncrementalStore.parsed`)
_ROW_TABLES = ("page_terms", "term_findings", "page_records", "parsed_pages", "file_digests")
# a file whose times are this close to the moment it was read may change again within one tick of the
# file system's clock without its times showing it (coarse timestamps): its digest is not kept
STAT_MARGIN_NS = 2_000_000_000


def _stat_now(path: str | os.PathLike[str], max_bytes: int | None = None) -> tuple[str, str] | None:
    """(the file's identity ``dev:ino``, its ``size:mtime_ns:ctime_ns``), or None when it is no
    regular file or, given ``max_bytes``, is empty or larger (read it, and let the reader refuse it)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or (max_bytes is not None and not 0 < st.st_size <= max_bytes):
        return None
    return f"{st.st_dev}:{st.st_ino}", f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def _settled(times: str, now_ns: int) -> bool:
    """Whether a file's last change (``size:mtime_ns:ctime_ns``) is old enough to trust its times."""
    _size, mtime, ctime = times.split(":")
    return max(int(mtime), int(ctime)) < now_ns - STAT_MARGIN_NS


def resolved_files(pair: PagePair) -> tuple[str, str]:
    """The page's two files as absolute, resolved paths ('' when a side has none)."""
    return resolved(pair.source.path, pair.target.path)


def resolved(source: str | None, target: str | None) -> tuple[str, str]:
    """:func:`resolved_files` of a page's (source path, target path)."""
    return (os.path.realpath(source) if source else "", os.path.realpath(target) if target else "")


def resolved_many(paths: Iterable[str | os.PathLike[str] | None]) -> list[str]:
    """``os.path.realpath`` of each path ('' for none), each folder resolved once
    (:func:`mt_review.pairing.real_by_folder`, cached for this call only)."""
    folders: dict[str, str] = {}

    def real_folder(head: str) -> str:
        if head not in folders:
            folders[head] = os.path.realpath(head)
        return folders[head]

    out: list[str] = []
    for raw in paths:
        if not raw:
            out.append("")
            continue
        path = os.fspath(raw)
        full = real_by_folder(path, real_folder)
        out.append(os.path.realpath(path) if full is None else full)
    return out


def resolved_pages(pages: Iterable[tuple[str | None, str | None]]) -> list[tuple[str, str]]:
    """:func:`resolved` of many pages' (source path, target path), by :func:`resolved_many`."""
    flat = resolved_many(p for files in pages for p in files)
    return list(zip(flat[0::2], flat[1::2], strict=True))


class IncrementalStore:
    """Finished page reviews by key, in one SQLite file.  Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.hits = 0
        self.misses = 0
        self.notices: list[str] = []
        self.batch_size = 64
        self._pending: dict[str, tuple[bytes, PageReview]] = {}
        self._touched: dict[str, tuple[str, str]] = {}  # key -> the page's files in this run, where they moved
        self._dropped: set[str] = set()
        self._fragments: dict[str, tuple[str, str, bytes]] = {}  # new fragments: key -> (src, tgt, text)
        self._rows: dict[str, dict[str, tuple[str, str, bytes]]] = {t: {} for t in _ROW_TABLES}
        # the rows this store read or wrote, by table: what :meth:`forget_stale` keeps (kept here, not
        # as a last-used time in each row: that rewrote a page of the file per row, ~5,000 a re-run)
        self._seen: dict[str, set[str]] = {t: set() for t in _TABLES}
        self.keys: list[str | None] = []  # the page keys of the last iter_reviews_incrementally, in order
        self.pairs: list[PagePair] = []  # and the pages
        self.files: list[tuple[str, str]] = []  # and their files (resolved_files), resolved once
        self._digests: dict[str, str] | None = None  # file identity -> "size:mtime_ns:ctime_ns sha256"
        self._conn = self._open()

    # -- opening, with one recovery from a damaged file
    def _open(self) -> sqlite3.Connection:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CacheWarning)
            conn = open_db(self.path, role="state")
        for w in caught:  # open_db set a corrupt file aside or bypassed a read-only one; pass the warning on
            self.notices.append(str(w.message))
            warnings.warn(str(w.message), CacheWarning, stacklevel=3)
        try:
            self._init_schema(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._refuse_unless_corrupt(exc)
            conn = self._recover(str(exc))
            self._init_schema(conn)
        return conn

    def _refuse_unless_corrupt(self, exc: sqlite3.DatabaseError) -> None:
        """Only a damaged state is set aside: a locked, full or read-only one is an error, the file intact."""
        kind = problem(exc)
        if kind == "busy":
            raise InputError("is locked by another process", str(self.path)) from None
        if kind == "unwritable":
            raise InputError(
                f"cannot write the state file ({exc}); the old state is kept as it was", str(self.path)
            ) from None

    @staticmethod
    def _init_schema(conn: sqlite3.Connection) -> None:
        with conn:
            conn.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = conn.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
            if row is not None and row[0] != str(STORE_SCHEMA):  # another layout: start the rows afresh
                for table in _TABLES:
                    conn.execute(f"DROP TABLE IF EXISTS {table}")
                conn.execute("UPDATE meta SET value=? WHERE name='schema'", (str(STORE_SCHEMA),))
            for statement in _SCHEMA_SQL.split(";"):  # in this transaction (executescript would commit it)
                if statement.strip():
                    conn.execute(statement)
            if row is None:  # two runs may start on one fresh file together
                conn.execute("INSERT OR IGNORE INTO meta(name, value) VALUES('schema', ?)", (str(STORE_SCHEMA),))

    def _recover(self, reason: str) -> sqlite3.Connection:
        if self.path.exists():
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", CacheWarning)
                set_aside(self.path, reason)
            for w in caught:
                self.notices.append(str(w.message))
                warnings.warn(str(w.message), CacheWarning, stacklevel=4)
        return open_db(self.path, role="state")

    def _reset_after(self, exc: sqlite3.DatabaseError) -> None:
        """The file went bad under us: set it aside and carry on with a fresh one."""
        try:
            self._conn.close()
        except sqlite3.Error:
            pass
        self._conn = self._recover(str(exc))
        self._init_schema(self._conn)
        self._digests = None

    def _stored(self, table: str, key: str) -> bytes | None:
        """The ``data`` kept under ``key`` in ``table``, or None (a foreign file is refused; a corrupt one
        is set aside and the run carries on with a fresh one)."""
        row = self._fetch(f"SELECT data FROM {table} WHERE key=?", key)
        return None if row is None else bytes(row[0])

    def _fetch(self, sql: str, key: str) -> Any:
        try:
            return self._conn.execute(sql, (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._refuse_unless_corrupt(exc)
            self._reset_after(exc)
            return None

    # -- the mapping
    def get(self, key: str | None, files: tuple[str, str] | None = None) -> PageReview | None:
        """The stored review of ``key`` (None: a miss); ``files`` (:func:`resolved_files`) are where it is now."""
        if key is None:
            self.misses += 1
            return None
        if key in self._pending:
            self.hits += 1
            return self._pending[key][1]
        row = self._fetch("SELECT data, src, tgt FROM page_reviews WHERE key=?", key)
        if row is None:
            self.misses += 1
            return None
        try:
            review = pickle.loads(bytes(row[0]))
            if not isinstance(review, PageReview):
                raise TypeError(f"stored object is a {type(review).__name__}")
        except Exception:  # noqa: BLE001 - anything unpicklable is just a miss
            self._dropped.add(key)
            self.misses += 1
            return None
        self._used_review(key, files, (row[1], row[2]))
        self.hits += 1
        return review

    def _used_review(self, key: str, files: tuple[str, str] | None, were: tuple[str, str]) -> None:
        """A stored review served this run; its row's files are updated when the page's files moved."""
        self._seen["page_reviews"].add(key)
        if files is not None and tuple(files) != tuple(were):
            self._touched[key] = files

    def get_pickled(self, key: str | None, files: tuple[str, str], pair: PagePair) -> "Pickled | None":
        """The stored review of ``key`` as its pickle, not unpickled (:class:`mt_review.spool.Pickled`:
        a spool takes the bytes as they are), when its row vouches for it: the bytes' sha256, the
        paths as this run spells them, no degenerate models.  Else None: ask :meth:`get`."""
        if key is None or key in self._pending:
            return None
        row = self._fetch("SELECT data, meta, src, tgt FROM page_reviews WHERE key=?", key)
        if row is None:
            return None
        data = bytes(row[0])
        try:
            src, tgt, models, digest = json.loads(row[1])
        except (ValueError, TypeError):
            return None
        if models or (src, tgt) != (pair.source.path, pair.target.path) or hashlib.sha256(data).hexdigest() != digest:
            return None
        from mt_review.spool import Pickled

        self._used_review(key, files, (row[2], row[3]))
        self.hits += 1
        return Pickled.kept(data, pair.name, (src, tgt))

    def put_pickled(self, key: str | None, review: PageReview) -> "Pickled":
        """:meth:`put`, handing the review on as its pickle (as a later run's :meth:`get_pickled` gives it)."""
        from mt_review.spool import Pickled

        if key is None:
            return Pickled(review)
        blob = self._keep(key, review)
        return Pickled(review, blob)

    def _keep(self, key: str, review: PageReview) -> bytes:
        blob = pickle.dumps(review, protocol=_PICKLE_PROTOCOL)
        self._pending[key] = (blob, review)
        self._dropped.discard(key)
        self._touched.pop(key, None)
        if len(self._pending) >= self.batch_size:
            self.flush()
        return blob

    def put(self, key: str | None, review: PageReview) -> PageReview:
        """Store ``review``; writes are batched (``flush()``, ``close()`` and every few puts commit them).

        Returns the review as a later run will read it back (unpickled), so the
        pickle of this run's page equals the next run's and its report
        fragments (:mod:`mt_review.report.fragments`) are found again."""
        if key is None:
            return review
        blob = self._keep(key, review)
        review = pickle.loads(blob)
        self._pending[key] = (blob, review)
        return review

    def flush(self) -> None:
        """Commit pending writes and last-used times in one transaction."""
        if not (self._pending or self._touched or self._dropped or self._fragments or any(self._rows.values())):
            return
        now = time.time()
        reviews = [(k, r.pair.name, now, now, *resolved_files(r.pair), sqlite3.Binary(blob), _vouch(r, blob))
                   for k, (blob, r) in self._pending.items()]
        moved = [(*files, k) for k, files in self._touched.items()]
        dropped = [(k,) for k in self._dropped]
        fragments = [(k, now, src, tgt, sqlite3.Binary(text)) for k, (src, tgt, text) in self._fragments.items()]
        rows = {t: [(k, now, src, tgt, sqlite3.Binary(b)) for k, (src, tgt, b) in kept.items()]
                for t, kept in self._rows.items()}

        def write() -> None:
            with self._conn:
                self._conn.executemany("DELETE FROM page_reviews WHERE key=?", dropped)
                self._conn.executemany(
                    "INSERT OR REPLACE INTO page_reviews(key, page, created, used, src, tgt, data, meta) "
                    "VALUES(?, ?, ?, ?, ?, ?, ?, ?)", reviews
                )
                self._conn.executemany("UPDATE page_reviews SET src=?, tgt=? WHERE key=?", moved)
                self._conn.executemany(
                    "INSERT OR REPLACE INTO fragments(key, used, src, tgt, data) VALUES(?, ?, ?, ?, ?)", fragments
                )
                for table in _ROW_TABLES:
                    self._conn.executemany(
                        f"INSERT OR REPLACE INTO {table}(key, used, src, tgt, data) VALUES(?, ?, ?, ?, ?)", rows[table]
                    )

        try:
            write()
        except sqlite3.DatabaseError as exc:
            self._refuse_unless_corrupt(exc)
            self._reset_after(exc)
            moved, dropped = [], []
            write()
        self._pending.clear()
        self._touched.clear()
        self._dropped.clear()
        self._fragments.clear()
        for table in _ROW_TABLES:
            self._rows[table].clear()

    # -- rendered report fragments (mt_review.report.fragments)
    def fragment(self, key: str) -> str | None:
        """A rendered fragment by key, or None."""
        if key in self._fragments:
            return self._fragments[key][2].decode("utf-8")
        data = self._stored("fragments", key)
        if data is None:
            return None
        self._seen["fragments"].add(key)
        return data.decode("utf-8")

    def put_fragment(self, key: str, files: tuple[str, str], text: str) -> None:
        """Keep a rendered fragment of the page whose files are ``files`` (:func:`resolved_files`)."""
        self._fragments[key] = (files[0], files[1], text.encode("utf-8"))
        if len(self._fragments) >= 4 * self.batch_size:
            self.flush()

    # -- pickled values of one page (learned terminology, mt_review.terms)
    def row(self, table: str, key: str, use: bool = True) -> Any:
        """The value kept under ``key`` in ``table`` (one of ``_ROW_TABLES``), or None (also when unreadable).
        ``use`` False: the row is only looked at, so it is still forgotten when stale (:meth:`forget_stale`)."""
        kept = self._rows[table].get(key)
        if kept is not None:
            return pickle.loads(zlib.decompress(kept[2]))
        data = self._stored(table, key)
        if data is None:
            return None
        try:
            value = pickle.loads(zlib.decompress(data))
        except Exception:  # noqa: BLE001 - an unreadable row is a miss; it is written again
            return None
        if use:
            self._seen[table].add(key)
        return value

    def put_row(self, table: str, key: str, files: tuple[str, str], value: Any, echo: bool = True,
                level: int = 6) -> Any:
        """Keep ``value`` (pickled, compressed at ``level``) under ``key``; return it as a later run reads
        it back (``echo`` False: return None, the value is not read back)."""
        blob = zlib.compress(pickle.dumps(value, protocol=_PICKLE_PROTOCOL), level)
        self._rows[table][key] = (files[0], files[1], blob)
        if len(self._rows[table]) >= 4 * self.batch_size:
            self.flush()
        return pickle.loads(zlib.decompress(blob)) if echo else None

    def blob(self, table: str, key: str) -> bytes | None:
        """Bytes kept under ``key`` in ``table`` by :meth:`keep_blob`, or None."""
        kept = self._rows[table].get(key)
        if kept is not None:
            return zlib.decompress(kept[2])
        data = self._stored(table, key)
        if data is None:
            return None
        try:
            value = zlib.decompress(data)
        except zlib.error:
            return None
        self._seen[table].add(key)
        return value

    def keep_blob(self, table: str, key: str, files: tuple[str, str], data: bytes) -> None:
        """Keep ``data`` as it is (compressed lightly) under ``key`` in ``table`` (one of ``_ROW_TABLES``)."""
        self._rows[table][key] = (files[0], files[1], zlib.compress(data, 1))
        if len(self._rows[table]) >= 4 * self.batch_size:
            self.flush()

    # -- file digests: a file not changed since it was hashed is not read again
    def _file_digests(self) -> dict[str, str]:
        if self._digests is None:  # all at once, on first use: one small row a file
            try:
                rows = self._conn.execute("SELECT key, data FROM file_digests").fetchall()
            except sqlite3.DatabaseError as exc:
                self._refuse_unless_corrupt(exc)
                self._reset_after(exc)
                rows = []
            self._digests = {key: bytes(data).decode("ascii", "replace") for key, data in rows}
        return self._digests

    def known_digest(self, path: str | os.PathLike[str], max_bytes: int | None = None) -> str | None:
        """The sha256 of the file's bytes as an earlier run read them, when the file (same device
        and inode) still has the size and modification and change times it had then; else None.
        The change time cannot be set back by hand, and a digest is kept only for a file whose
        times were :data:`STAT_MARGIN_NS` old when it was read (:meth:`note_digest`)."""
        now = _stat_now(path, max_bytes)
        if now is None:
            return None
        ident, times = now
        kept = self._file_digests().get(ident)
        if kept is None:
            return None
        was, _, digest = kept.partition(" ")
        if was != times or len(digest) != 64:
            return None
        self._seen["file_digests"].add(ident)
        return digest

    def note_digest(self, path: str | os.PathLike[str]) -> Callable[[str, str], None] | None:
        """The file's identity and times now, before it is read: a function keeping the digest of
        the bytes then read, under the file's resolved path (for :meth:`forget_stale`), or None
        when the file changed too recently to trust its times."""
        return _noter(path, self.keep_digest)

    def keep_digest(self, ident: str, times: str, real: str, digest: str) -> None:
        """Keep ``digest`` as the bytes of the file ``ident`` (``dev:ino``) with ``times``."""
        data = f"{times} {digest}"
        self._file_digests()[ident] = data
        self._rows["file_digests"][ident] = (real, real, data.encode("ascii"))

    # -- parsed input files (mt_review.pairing.ParsedPages)
    def parsed(self, key: str) -> Any:
        """A parsed file kept under ``key`` (:func:`mt_review.pairing.parsed_key`), or None."""
        return self.row("parsed_pages", key)

    def keep_parsed(self, key: str, path: Path, value: Any) -> None:
        """Keep a parsed file (compressed lightly: it is read back on every run, written once)."""
        real = os.path.realpath(path)
        self._rows["parsed_pages"][key] = (real, real, zlib.compress(pickle.dumps(value, protocol=_PICKLE_PROTOCOL), 1))
        if len(self._rows["parsed_pages"]) >= 4 * self.batch_size:
            self.flush()

    def term_cache(self) -> "StoredTerms":
        """The learned-terminology rows of the pages of the last :func:`iter_reviews_incrementally`."""
        return StoredTerms(self, self.keys, self.pairs)

    def forget_stale(self, files: Iterable[str], since: float) -> int:
        """Drop the rows neither read nor written by this store (the run's) since ``since`` whose
        files are among ``files`` (the files this run reviewed: such a row is an older version of a
        page) or no longer exist; return how many.

        Rows of files this run did not read (another subfolder of the same
        export) are kept while their files exist.  A row's ``used`` is when it
        was written; what this run read is known here (``_seen``)."""
        self.flush()
        reviewed = set(files)
        gone = 0
        for table in _TABLES:
            seen = self._seen[table]
            stale = [
                (key,)
                for key, src, tgt in self._conn.execute(f"SELECT key, src, tgt FROM {table} WHERE used < ?", (since,))
                if key not in seen
                and (src in reviewed or tgt in reviewed or not (os.path.exists(src) and os.path.exists(tgt)))
            ]
            with self._conn:
                self._conn.executemany(f"DELETE FROM {table} WHERE key=?", stale)
            gone += len(stale)
        return gone

    def __contains__(self, key: str) -> bool:
        if key in self._pending:
            return True
        return self._conn.execute("SELECT 1 FROM page_reviews WHERE key=?", (key,)).fetchone() is not None

    def __len__(self) -> int:
        self.flush()
        return self._conn.execute("SELECT COUNT(*) FROM page_reviews").fetchone()[0]

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._close_quietly()

    def _close_quietly(self) -> None:
        try:
            self._conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> "IncrementalStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _noter(path: str | os.PathLike[str], keep: Callable[[str, str, str, str], None]
           ) -> Callable[[str, str], None] | None:
    """:meth:`IncrementalStore.note_digest` with ``keep`` doing the keeping."""
    started = time.time_ns()
    now = _stat_now(path)
    if now is None or not _settled(now[1], started):
        return None
    ident, times = now
    return lambda real, digest: keep(ident, times, real, digest)


def _vouch(review: PageReview, blob: bytes) -> str:
    """What a review's row vouches for, so a re-run may hand its bytes on unread (``get_pickled``)."""
    pair = review.pair
    return json.dumps([pair.source.path, pair.target.path, len(review.degenerate_models),
                       hashlib.sha256(blob).hexdigest()])


class StateOpener:
    """A run's store, opened before the inputs are read when the state file exists (it keeps the
    parsed files: :class:`mt_review.pairing.ParsedPages`), else only once they are paired, so a
    bad input leaves no new file behind; the files parsed until then wait here (the pairs hold
    them anyway) and are kept when the store opens.  ``close()`` closes the store."""

    def __init__(self, path: str | Path):
        self.path = path
        self.store: IncrementalStore | None = IncrementalStore(path) if Path(path).exists() else None
        self._waiting: dict[str, tuple[Path, Any]] = {}
        self._waiting_digests: list[tuple[str, str, str, str]] = []

    def parsed(self, key: str) -> Any:
        return self.store.parsed(key) if self.store is not None else None

    def known_digest(self, path: str | os.PathLike[str], max_bytes: int | None = None) -> str | None:
        return self.store.known_digest(path, max_bytes) if self.store is not None else None

    def note_digest(self, path: str | os.PathLike[str]) -> Callable[[str, str], None] | None:
        return _noter(path, self._keep_digest)

    def _keep_digest(self, ident: str, times: str, real: str, digest: str) -> None:
        if self.store is not None:
            self.store.keep_digest(ident, times, real, digest)
        else:
            self._waiting_digests.append((ident, times, real, digest))

    def keep_parsed(self, key: str, path: Path, value: Any) -> None:
        if self.store is not None:
            self.store.keep_parsed(key, path, value)
        else:
            self._waiting[key] = (path, value)

    def open(self) -> IncrementalStore:
        if self.store is None:
            self.store = IncrementalStore(self.path)
        for key, (path, value) in self._waiting.items():
            self.store.keep_parsed(key, path, value)
        self._waiting.clear()
        for kept in self._waiting_digests:
            self.store.keep_digest(*kept)
        self._waiting_digests.clear()
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()

    def __enter__(self) -> "StateOpener":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StoredTerms:
    """:class:`mt_review.terms.TermCache` over the store.  Under a page's review key: its
    contribution to the learned terms with its memo of closest renderings; under that key
    and the digest of the learned terms that can flag it: what the page gained (findings,
    fingerprints), and the flagged page's own pickle (a re-run hands it to the spool unread).
    Pages without a key (standard input) are never kept."""

    def __init__(self, store: IncrementalStore, keys: Sequence[str | None], pairs: Sequence[PagePair]):
        self.store, self.keys, self.pairs = store, keys, pairs
        self.read = 0  # contributions read back
        self.made = 0  # contributions made
        self._parts: dict[int, Any] = {}
        self._memos: dict[int, dict] = {}
        self._last_choices: Any = None  # the kept choices' row, as read

    def _key(self, index: int) -> str | None:
        return self.keys[index] if index < len(self.keys) else None

    def contribution(self, index: int) -> Any:
        key = self._key(index)
        row = self.store.row("page_terms", key) if key is not None else None
        if not (isinstance(row, tuple) and len(row) == 2 and isinstance(row[1], dict)):
            return None
        self.read += 1
        self._parts[index], self._memos[index] = row
        return row[0]

    def keep_contribution(self, index: int, value: Any) -> None:
        self.made += 1
        self._parts[index] = value
        self._put(index)

    def closest(self, index: int) -> dict:
        return self._memos.setdefault(index, {})

    def keep_closest(self, index: int, memo: dict) -> None:
        self._memos[index] = memo
        self._put(index)

    def _put(self, index: int) -> None:
        key = self._key(index)
        if key is not None:
            row = (self._parts[index], self._memos.get(index, {}))
            self.store.put_row("page_terms", key, self._files(index), row)

    def last_choices(self, parts: Sequence[Any]) -> Any:
        """What the last run's choice of learned terms still gives (:class:`mt_review.terms.Unchanged`),
        or None when it cannot tell (no kept choices; a page without a key; a gone page's
        contribution no longer kept).  ``parts``: this run's contributions, by page."""
        from collections import Counter

        from mt_review.terms import Unchanged

        keys = [self._key(i) for i in range(len(parts))]
        if any(k is None for k in keys):
            return None
        row = self.store.row("page_terms", _CHOICES_KEY)
        if not (isinstance(row, tuple) and len(row) == 2 and isinstance(row[1], dict)):
            return None
        last_keys, choices = row
        self._last_choices = row
        now: Counter[str | None] = Counter(keys)
        last: Counter[str | None] = Counter(last_keys)
        gone = []
        for key in last - now:  # its pages' term rows are only looked at: they stay stale
            kept = self.store.row("page_terms", key, use=False) if isinstance(key, str) else None
            if not (isinstance(kept, tuple) and len(kept) == 2):
                return None
            gone.append(kept[0])
        new = set(now - last)
        return Unchanged.between(choices, gone, (parts[i] for i, k in enumerate(keys) if k in new))

    def keep_choices(self, choices: dict, pages: int) -> None:
        """Keep this run's choices of learned terms, with its pages' keys, for the next run."""
        keys = tuple(self._key(i) for i in range(pages))
        if None not in keys and self._last_choices != (keys, choices):  # (when the same, it was read: used)
            # written on every run that changed a page: compressed lightly (level 6 cost ~25 ms at 500 pages)
            self.store.put_row("page_terms", _CHOICES_KEY, ("", ""), (keys, choices), echo=False, level=1)

    def findings(self, index: int, digest: str) -> Any:
        key = self._key(index)
        return self.store.row("term_findings", _joined(key, digest)) if key is not None else None

    def keep_findings(self, index: int, digest: str, value: Any) -> Any:
        key = self._key(index)
        if key is None:
            return value
        return self.store.put_row("term_findings", _joined(key, digest), self._files(index), value)

    def flagged_pickle(self, index: int, digest: str) -> "Pickled | None":
        """The page as an earlier run flagged it for the learned terms of ``digest``, as its pickle
        (:meth:`keep_flagged_pickle`), or None.  The key holds the paths as this run spells them:
        the pickle holds them too."""
        key = self._flagged_key(index, digest)
        data = self.store.blob("term_findings", key) if key is not None else None
        if data is None:
            return None
        from mt_review.spool import Pickled

        pair = self.pairs[index]
        return Pickled.kept(data, pair.name, (pair.source.path, pair.target.path))

    def keep_flagged_pickle(self, index: int, digest: str, page: PageReview) -> Any:
        """Keep the flagged ``page``'s pickle (a page with degenerate models is not kept: the
        pickle alone does not carry them to the spool); return what the spool takes."""
        from mt_review.spool import Pickled

        key = self._flagged_key(index, digest)
        if key is None or page.degenerate_models:
            return page
        made = Pickled(page)
        self.store.keep_blob("term_findings", key, self._files(index), made.data)
        return made

    def _flagged_key(self, index: int, digest: str) -> str | None:
        key = self._key(index)
        if key is None:
            return None
        pair = self.pairs[index]
        return _joined(key, f"flagged pickle\x1f{digest}\x1f{pair.source.path}\x1f{pair.target.path}")

    def _files(self, index: int) -> tuple[str, str]:
        files = self.store.files
        return files[index] if index < len(files) else resolved_files(self.pairs[index])


_CHOICES_KEY = "learned-term choices"  # in page_terms beside the pages' rows (their keys are hex digests)


def _joined(key: str, digest: str) -> str:
    return hashlib.sha256(f"{key}\x1f{digest}".encode()).hexdigest()


# --------------------------------------------------------------------------- the pipeline hook


def review_pairs_incrementally(
    pairs: Sequence[PagePair],
    settings: ReviewSettings,
    resources: object,
    store: IncrementalStore,
    review_fn: ReviewFn,
    *,
    progress: Progress | None = None,
) -> list[PageReview]:
    """A review of every pair, in order: stored ones reused, the others made with ``review_fn`` and stored.

    ``review_fn`` is the pipeline's per-page function,
    ``mt_review.pipeline.review_page(pair, settings, resources)``.
    ``store.hits`` / ``store.misses`` say afterwards how many were reused.
    """
    from mt_review.parallel import collect

    def review_many(misses: list[PagePair]) -> Iterator[PageReview]:
        return (review_fn(p, settings, resources) for p in misses)

    return collect(iter_reviews_incrementally(pairs, settings, resources, store, review_many), len(pairs), progress)


def iter_reviews_incrementally(
    pairs: Sequence[PagePair],
    settings: ReviewSettings,
    resources: object,
    store: IncrementalStore,
    review_many: Callable[[list[PagePair]], Iterator[PageReview]],
    *,
    pickled: bool = False,
) -> Iterator[Any]:
    """Yield a review of every pair in order; the pairs not in ``store`` go to ``review_many`` in one stream.

    ``review_many(pairs)`` gets the list of changed pages, so it can choose
    where to review them by their number (:mod:`mt_review.parallel`), and
    yields their reviews in order while the unchanged ones are read back.
    Each new review is stored as it arrives.  ``pickled``: yield each review
    as its pickle (:class:`mt_review.spool.Pickled`, for a spool), the stored
    ones not even unpickled, and the same bytes in the run that stores a page
    and the runs that reuse it.
    """
    identity = run_identity(settings, resources)
    keys = [page_key(p, identity, store.known_digest) for p in pairs]
    store.keys, store.pairs = keys, list(pairs)
    store.files = resolved_pages((p.source.path, p.target.path) for p in pairs)
    stored = [k is not None and k in store for k in keys]
    fresh = review_many([p for p, known in zip(pairs, stored, strict=True) if not known])
    for pair, key, known, files in zip(pairs, keys, stored, store.files, strict=True):
        if pickled and known:
            ready = store.get_pickled(key, files, pair)
            if ready is not None:
                yield ready
                continue
        review = store.get(key, files) if known else None
        if review is not None:
            review = with_paths_of(review, pair)
        else:
            if known:  # stored but unreadable (a changed model class; get() counted the miss): review it now
                review = next(iter(review_many([pair])))
            else:
                store.misses += 1
                review = next(fresh)
            if pickled:
                yield store.put_pickled(key, review)
                continue
            review = store.put(key, review)
        yield review
    store.flush()


def keys_for(pairs: Iterable[PagePair], settings: ReviewSettings, resources: object) -> list[str | None]:
    """The store keys ``review_pairs_incrementally`` would use (for tests and tooling)."""
    identity = run_identity(settings, resources)
    return [page_key(p, identity) for p in pairs]
