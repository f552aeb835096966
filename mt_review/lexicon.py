"""Lexical resources from Debian packages, read offline and cached per process.

* ``english_words()`` - the lower-case entries of the ``wamerican`` word list
  (``/usr/share/dict/words``): English common words.  A capitalised source word
  whose lower-case form is not among them is taken as a name or term.
* ``EnArDictionary`` - FreeDict English-Arabic and Arabic-English (Debian
  ``dict-freedict-eng-ara`` / ``dict-freedict-ara-eng``, GPL-2+, from the
  Arabeyes word list): the Arabic renderings of an English headword and the
  reverse.  Read from the dictd ``.index`` + ``.dict.dz`` files with gzip.

* ``arabic_spelling_stems()`` - the stems of Debian's ``hunspell-ar`` Arabic
  spelling dictionary (``/usr/share/hunspell/ar.dic``; GPL-2 / LGPL-2.1 /
  MPL-1.1), normalised: an Arabic-script word it knows is Arabic usage (an
  established loanword such as بروتوكول), which the names check reads.

All are optional: when a package is absent the functions return ``None`` and
the checks that use them fall back to rules without them (the pipeline states
that once as a notice).  ``make install`` and ``.ci/run`` install them.
"""

from __future__ import annotations

import gzip
import hashlib
import marshal
import os
import re
import tempfile
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import Any, TypeVar

T = TypeVar("T")  # the type of a value kept in the cache folder (:func:`_kept`)

WORDS_FILE = Path(os.environ.get("MT_REVIEW_WORDS", "/usr/share/dict/words"))
DICTD_DIR = Path(os.environ.get("MT_REVIEW_DICTD", "/usr/share/dictd"))
PACKAGES = "wamerican dict-freedict-eng-ara dict-freedict-ara-eng hunspell-ar"

_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_IPA = re.compile(r"/[^/\n]*/")


def _b64(text: str) -> int:
    n = 0
    for ch in text:
        n = n * 64 + _B64[ch]
    return n


@lru_cache(maxsize=1)
def english_words() -> frozenset[str] | None:
    """Lower-case English common words, or None when the word list is not installed."""
    try:
        raw = WORDS_FILE.read_bytes()
    except OSError:
        return None
    return _kept_set("words-common", raw, _common_words_of, lambda: _common_words_of(raw))


def _common_words_of(raw: bytes) -> frozenset[str]:
    lines = raw.decode("utf-8", errors="replace").split()
    return frozenset(w.lower().removesuffix("'s") for w in lines if w[:1].islower())


@lru_cache(maxsize=1)
def proper_names() -> frozenset[str] | None:
    """Lower-cased proper nouns of the word list (its capitalised entries that are not also
    common words: Adam, Egypt, Koran), or None when the word list is not installed."""
    try:
        raw = WORDS_FILE.read_bytes()
    except OSError:
        return None
    return _kept_set("words-proper", raw, _proper_names_of,
                     lambda: _proper_names_of(raw, english_words() or frozenset()), _common_words_of)


def _proper_names_of(raw: bytes, common: frozenset[str]) -> frozenset[str]:
    lines = raw.decode("utf-8", errors="replace").split()
    return frozenset(w.lower() for w in lines if w[:1].isupper() and w.isalpha() and w.lower() not in common)


# ---------------------------------------------------------------- kept in the cache folder
_PACKED_FORMAT = "mt-review kept lexicon 1"  # bump when the layout of the kept files changes
# Building the word sets and parsing the dictionary indexes cost ≈0.5 s of CPU in every process
# that reviews a page (a third of an incremental re-run that reviews 5); what they build is kept
# in the cache folder, named by the sha256 of the source files and of the code that builds it,
# and read back with marshal in milliseconds.  A damaged or foreign file is ignored and replaced.

def _rules(*code: Callable[..., object]) -> bytes:
    """The byte-code of the functions that build a kept value: a change to them is a new file."""
    return b"".join(_code_digest(f.__code__) for f in code)


def _code_digest(code: CodeType) -> bytes:
    """sha256 of a code object's instructions, names and constants (nested code too), the same in
    every process (``marshal.dumps`` of code may differ with reference counts, and a frozenset's
    order with the hash seed)."""
    h = hashlib.sha256(code.co_code)
    h.update(repr((code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars)).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            h.update(_code_digest(const))
        elif isinstance(const, frozenset):
            h.update(repr(sorted(map(repr, const))).encode())
        else:
            h.update(repr(const).encode())
    return h.digest()


def _kept_path(stem: str, digest: str) -> Path | None:
    """Where the cache folder keeps ``stem`` built as ``digest`` says (None when there is no folder)."""
    env = os.environ.get("MT_REVIEW_CACHE_DIR")
    if env:
        folder = Path(env)
    else:
        try:
            import platformdirs
        except ImportError:  # pragma: no cover - a dependency
            return None
        folder = Path(platformdirs.user_cache_dir("mt-review"))
    return folder / f"{stem}-{digest[:32]}.bin"


def _read_kept(path: Path | None, digest: str) -> tuple | None:
    """The values kept in ``path`` for ``digest``, or None (absent, damaged, built otherwise)."""
    if path is None:
        return None
    try:
        got = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(got, tuple) and len(got) >= 2 and got[0] == _PACKED_FORMAT and got[1] == digest):
        return None
    return got[2:]


def _write_kept(path: Path | None, digest: str, *values: Any) -> None:
    """Keep ``values`` in ``path`` for the next process (best effort: a cache), dropping the
    files of the same stem built from other sources or code."""
    if path is None:
        return
    tmp = None
    try:
        blob = marshal.dumps((_PACKED_FORMAT, digest, *values))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".mt-review-tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
        tmp = None
        stem = path.name[:-len("0" * 32 + ".bin")]
        for old in path.parent.glob(stem + "*.bin"):
            if old != path and re.fullmatch("[0-9a-f]{32}[.]bin", old.name[len(stem):]):
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _kept_set(stem: str, raw: bytes, *rest: Callable[..., object]) -> frozenset[str]:
    """``build()`` of a word set, or what an earlier process kept of it: ``rest`` is
    (the function that builds it, build, other functions it depends on)."""
    return _kept(stem, raw, frozenset, *rest)


def _kept(stem: str, raw: bytes, kind: type[T], *rest: Callable[..., object]) -> T:
    """``build()`` (a ``kind``), or what an earlier process kept of it for the same ``raw`` sources
    and code: ``rest`` is (the function that builds it, build, other functions it depends on)."""
    builder, build, *depends = rest
    digest = hashlib.sha256(_PACKED_FORMAT.encode() + _rules(builder, *depends) + hashlib.sha256(raw).digest()
                            ).hexdigest()
    path = _kept_path(stem, digest)
    kept = _read_kept(path, digest)
    if kept is not None and len(kept) == 1 and isinstance(kept[0], kind):
        return kept[0]
    value = build()
    assert isinstance(value, kind)
    _write_kept(path, digest, value)
    return value


_INDEX_ROW = re.compile(r"^([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)$", re.M)  # read_text made every line end \n


def _read_dictd(name: str, *, plain_keys: bool = False) -> "_Definitions | None":
    """headword (lower-case; harakat removed with ``plain_keys``) -> definitions, the IPA removed.

    Parsing a dictd index costs ≈0.25 s a dictionary, paid again by every
    process that reviews one page (an incremental re-run of 5 changed pages
    paid ≈0.5 s of its ≈3 s here).  So the parse is packed once into a file
    in the cache folder (:func:`_kept_path`, named by the sha256 of both
    dictionary files and of this packing's rules) and read back in a few
    milliseconds; lookups are the same either way (tests/test_lexicon_index.py)."""
    index, data_file = DICTD_DIR / f"{name}.index", DICTD_DIR / f"{name}.dict.dz"
    try:
        raw_index, raw_data = index.read_bytes(), data_file.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256("\0".join((_PACKED_FORMAT, name, str(plain_keys), _INDEX_ROW.pattern,
                                       _HARAKAT.pattern, _IPA.pattern)).encode())
    digest.update(_rules(_read_dictd, _Definitions.parse, _Definitions.__init__, _b64, plain))
    digest.update(hashlib.sha256(raw_index).digest())
    digest.update(hashlib.sha256(raw_data).digest())
    packed = _kept_path(f"dictd-{name}{'-plain' if plain_keys else ''}", digest.hexdigest())
    got = _Definitions.unpack(packed, digest.hexdigest())
    if got is not None:
        return got
    try:
        data = gzip.decompress(raw_data)
        text = raw_index.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    except (EOFError, gzip.BadGzipFile, OSError):
        return None
    got = _Definitions.parse(data, text, plain if plain_keys else None)
    got.pack(packed, digest.hexdigest())
    return got


def _ints(values: list[int]) -> array:
    return array("q", values)


_SAMPLE = 16  # _Definitions._find keeps every 16th key as a string
_DONE_MAX = 1024  # headwords whose decoded definitions a _Definitions keeps (then it starts again): the
# callers cache what they make of them per word (coverage.renderings, _glosses), so a few recent ones suffice;
# 8192 held ≈1 MB more at the end of a 1 MB page


class _Definitions(Mapping[str, list[str]]):
    """A dictd dictionary as headword -> definitions, each headword's decoded on first use.

    The keys are held sorted in one string (each followed by ``\\n``) with
    their start offsets, and looked up by bisection: a packed index is then
    read back without building 80,000 dict entries.  ``first[i]:first[i+1]``
    are key ``i``'s rows in ``offs``/``lens`` (its definitions' places in the
    data, in index order); ``order`` lists the keys in the order the dict
    built from the index held them (iteration order)."""

    def __init__(self, data: bytes, keys: str, starts: array, first: array, offs: array, lens: array,
                 order: array):
        self._data, self._keys, self._starts = data, keys, starts
        self._first, self._offs, self._lens, self._order = first, offs, lens, order
        self._n = len(starts) - 1
        self._sorted: list[str] | None = None  # the keys as a list, made on the first lookup
        self._done: dict[str, list[str]] = {}

    @classmethod
    def parse(cls, data: bytes, text: str, key: Callable[[str], str] | None = None) -> "_Definitions":
        """Parse a dictd index (one regular expression); keys are the lower-cased headwords, or
        ``key`` of them (of headwords with one key, the last one's definitions, as a dict would keep)."""
        if not text.endswith("\n"):
            text += "\n"
        rows = [row for row in _INDEX_ROW.findall(text) if not row[0].startswith("00database")]
        heads = [row[0].lower() for row in rows]
        where: dict[str, int | list[int]] = dict(zip(heads, range(len(heads)), strict=True))
        if len(where) < len(heads):  # a headword given more than once (House, house): all its rows, in order
            twice = {head for head, n in Counter(heads).items() if n > 1}
            listed: dict[str, list[int]] = {}
            for i, head in enumerate(heads):
                if head in twice:
                    listed.setdefault(head, []).append(i)
            where.update(listed)
        if key is not None:
            where = {key(k): v for k, v in where.items()}
        ordered = sorted(where)
        place = {k: i for i, k in enumerate(ordered)}
        picked: list[int] = []  # the rows of the sorted keys, each key's in index order
        first, starts, at = [0], [0], 0
        for k in ordered:
            v = where[k]
            if isinstance(v, int):
                picked.append(v)
            else:
                picked.extend(v)
            first.append(len(picked))
            at += len(k) + 1
            starts.append(at)
        return cls(data, "".join(k + "\n" for k in ordered), _ints(starts), _ints(first),
                   _ints([_b64(rows[r][1]) for r in picked]), _ints([_b64(rows[r][2]) for r in picked]),
                   _ints([place[k] for k in where]))

    @classmethod
    def _of(cls, data: bytes, where: dict[str, list[tuple[int, int]]]) -> "_Definitions":
        """From key -> its definitions' (offset, length) in the data, iterated in ``where``'s order."""
        ordered = sorted(where)
        place = {k: i for i, k in enumerate(ordered)}
        starts, first, offs, lens, at = [0], [0], [], [], 0
        for k in ordered:
            at += len(k) + 1
            starts.append(at)
            for off, length in where[k]:
                offs.append(off)
                lens.append(length)
            first.append(len(offs))
        return cls(data, "".join(k + "\n" for k in ordered), _ints(starts), _ints(first), _ints(offs),
                   _ints(lens), _ints([place[k] for k in where]))

    def _rows(self, i: int) -> list[tuple[int, int]]:
        return [(self._offs[r], self._lens[r]) for r in range(self._first[i], self._first[i + 1])]

    def rekeyed(self, key: Callable[[str], str]) -> "_Definitions":
        """The same definitions under ``key(headword)`` (of headwords with one key, the last one's)."""
        return self._of(self._data, {key(self._key(i)): self._rows(i) for i in self._order})

    def pack(self, path: Path | None, digest: str) -> None:
        """Keep this index in ``path`` for the next process (best effort: a cache)."""
        _write_kept(path, digest, self._data, self._keys,
                    *(a.tobytes() for a in (self._starts, self._first, self._offs, self._lens, self._order)))

    @classmethod
    def unpack(cls, path: Path | None, digest: str) -> "_Definitions | None":
        """The index kept in ``path`` by :meth:`pack` for ``digest``, or None (absent, damaged, other)."""
        got = _read_kept(path, digest)
        if got is None or len(got) != 7:
            return None
        data, keys, *arrays = got
        try:
            starts, first, offs, lens, order = (array("q", a) for a in arrays)
        except (TypeError, ValueError):
            return None
        n = len(starts) - 1
        if (not isinstance(data, bytes) or not isinstance(keys, str) or n < 0 or len(first) != n + 1
                or len(order) != n or len(offs) != len(lens) or starts[-1] != len(keys) or first[-1] != len(offs)):
            return None
        return cls(data, keys, starts, first, offs, lens, order)

    def _key(self, i: int) -> str:
        return self._keys[self._starts[i]:self._starts[i + 1] - 1]

    def _find(self, key: str) -> int:
        """The sorted position of ``key``, or -1: bisection in C over every ``_SAMPLE``-th key (made
        once), then in Python over the keys between two of them, sliced from the key string.  Holding
        every key as a string cost ≈4–5 MB a dictionary (137,000 small strings), which a page of
        Arabic text made a process build on top of the English side's."""
        if self._sorted is None:
            self._sorted = [self._key(i) for i in range(0, self._n, _SAMPLE)]
        at = bisect_right(self._sorted, key)  # sampled keys <= key
        if not at:
            return -1
        lo, hi = (at - 1) * _SAMPLE, min(at * _SAMPLE, self._n)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < self._n and self._key(lo) == key else -1

    def __getitem__(self, key: str) -> list[str]:
        got = self._done.get(key)
        if got is None:
            i = self._find(key) if isinstance(key, str) else -1
            if i < 0:
                raise KeyError(key)
            if len(self._done) >= _DONE_MAX:  # decoding is pure: a bounded cache, not a second dictionary
                self._done.clear()
            got = self._done[key] = [self._body(r) for r in range(self._first[i], self._first[i + 1])]
        return got

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._done or self._find(key) >= 0)

    def _body(self, row: int) -> str:
        at = self._offs[row]
        body = self._data[at:at + self._lens[row]].decode("utf-8", errors="replace")
        _headword, _, rest = body.partition("\n")
        return _IPA.sub("", rest).strip()

    def __iter__(self) -> Iterator[str]:
        return (self._key(i) for i in self._order)

    def __len__(self) -> int:
        return self._n


def plain(word: str) -> str:
    """Arabic without harakat and tatweel (for dictionary comparisons)."""
    return _HARAKAT.sub("", word)


class EnArDictionary:
    """English -> Arabic renderings and Arabic -> English glosses (FreeDict)."""

    def __init__(self, en_ar: Mapping[str, list[str]], ar_en: Mapping[str, list[str]] | None):
        self.en_ar = en_ar
        self.ar_en = ar_en or {}

    def arabic(self, english: str) -> list[str]:
        """Arabic renderings of an English word or phrase (each comma-separated sense)."""
        out: list[str] = []
        for body in self.en_ar.get(english.lower(), []):
            for sense in re.split(r"[،,;\n]", body):
                sense = plain(re.sub(r"^\d+\.\s*", "", sense).strip())
                if sense and sense not in out:
                    out.append(sense)
        return out

    def english(self, arabic: str) -> list[str]:
        """English glosses of an Arabic headword (harakat ignored)."""
        out: list[str] = []
        for body in self.ar_en.get(plain(arabic), []):
            for sense in body.split("\n"):
                sense = re.sub(r"^\d+\.\s*", "", sense).strip().lower()
                if sense and sense not in out:
                    out.append(sense)
        return out


@lru_cache(maxsize=1)
def en_ar_dictionary() -> EnArDictionary | None:
    """FreeDict both ways, or None when English-Arabic is not installed."""
    en_ar = _read_dictd("freedict-eng-ara")
    if en_ar is None:
        return None
    return EnArDictionary(en_ar, _read_dictd("freedict-ara-eng", plain_keys=True))


def _dictd_installed(name: str) -> bool:
    """The dictd files of ``name`` are there (``en_ar_dictionary`` reads them when a check needs them)."""
    return (DICTD_DIR / f"{name}.index").is_file() and (DICTD_DIR / f"{name}.dict.dz").is_file()


# Debian's hunspell-ar (GPL-2 / LGPL-2.1 / MPL-1.1): the stems of an Arabic spelling dictionary
ARABIC_SPELLING_FILE = Path(os.environ.get("MT_REVIEW_HUNSPELL_AR", "/usr/share/hunspell/ar.dic"))


@lru_cache(maxsize=1)
def arabic_spelling_stems() -> frozenset[str] | None:
    """The stems of the Arabic spelling dictionary (:data:`ARABIC_SPELLING_FILE`), normalised; None when the package
    is not installed (then the names check knows no loanword as established)."""
    from mt_review.checks.text import normalize_ar

    try:
        lines = ARABIC_SPELLING_FILE.read_text(encoding="utf-8").splitlines()[1:]  # the first line is the count
    except (OSError, UnicodeDecodeError):
        return None
    return frozenset(normalize_ar(w) for line in lines if (w := line.split("/", 1)[0].strip()))


def missing_notice() -> str | None:
    """One line naming the lexical packages that are not installed (None when all are)."""
    missing = []
    if english_words() is None:
        missing.append("English word list")
    if not _dictd_installed("freedict-eng-ara"):  # not read here: a run that reuses every page never needs it
        missing.append("English-Arabic dictionary")
    if not ARABIC_SPELLING_FILE.exists():
        missing.append("Arabic spelling dictionary")
    if not missing:
        return None
    return (f"{' and '.join(missing)} not installed (Debian: {PACKAGES}); name and clause checks "
            "run with fewer resources")
