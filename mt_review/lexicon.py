"""Lexical resources from Debian packages, read offline and cached per process.

* ``english_words()`` - the lower-case entries of the ``wamerican`` word list
  (``/usr/share/dict/words``): English common words.  A capitalised source word
  whose lower-case form is not among them is taken as a name or term.
* ``EnArDictionary`` - FreeDict English-Arabic and Arabic-English (Debian
  ``dict-freedict-eng-ara`` / ``dict-freedict-ara-eng``, GPL-2+, from the
  Arabeyes word list): the Arabic renderings of an English headword and the
  reverse.  Read from the dictd ``.index`` + ``.dict.dz`` files with gzip.

Both are optional: when a package is absent the functions return ``None`` and
the checks that use them fall back to rules without them (the pipeline states
that once as a notice).  ``make install`` and ``.ci/run`` install them.
"""

from __future__ import annotations

import gzip
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(os.environ.get("MT_REVIEW_WORDS", "/usr/share/dict/words"))
DICTD_DIR = Path(os.environ.get("MT_REVIEW_DICTD", "/usr/share/dictd"))
PACKAGES = "wamerican dict-freedict-eng-ara dict-freedict-ara-eng"

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
        lines = WORDS_FILE.read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return None
    return frozenset(w.lower().removesuffix("'s") for w in lines if w[:1].islower())


@lru_cache(maxsize=1)
def proper_names() -> frozenset[str] | None:
    """Lower-cased proper nouns of the word list (its capitalised entries that are not also
    common words: Adam, Egypt, Koran), or None when the word list is not installed."""
    try:
        lines = WORDS_FILE.read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return None
    common = english_words() or frozenset()
    return frozenset(w.lower() for w in lines if w[:1].isupper() and w.isalpha() and w.lower() not in common)


_INDEX_ROW = re.compile(r"^([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)$", re.M)  # read_text made every line end \n


def _read_dictd(name: str) -> "_Definitions | None":
    """headword (lower-case) -> definitions, the IPA removed.

    The index is parsed by one regular expression and a headword's
    definitions are decoded when first asked for: a run that reviews a few
    pages looks up a few hundred of some 80,000 headwords (decoding them all
    cost a second a process; splitting the index line by line in Python cost
    a third of an incremental re-run's dictionary time)."""
    index, data_file = DICTD_DIR / f"{name}.index", DICTD_DIR / f"{name}.dict.dz"
    try:
        data = gzip.decompress(data_file.read_bytes())
        text = index.read_text(encoding="utf-8")
    except (OSError, EOFError, gzip.BadGzipFile):
        return None
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
    return _Definitions(data, rows, where)


class _Definitions(Mapping[str, list[str]]):
    """A dictd dictionary as headword -> definitions, each headword's decoded on first use."""

    def __init__(self, data: bytes, rows: list[tuple[str, str, str]], where: dict[str, int | list[int]]):
        self._data = data
        self._rows = rows  # (headword, offset, length), offset and length in base64, in index order
        self._where = where  # key -> its row, or its rows in index order
        self._done: dict[str, list[str]] = {}

    def __getitem__(self, key: str) -> list[str]:
        got = self._done.get(key)
        if got is None:
            at = self._where[key]
            got = self._done[key] = [self._body(i) for i in ([at] if isinstance(at, int) else at)]
        return got

    def _body(self, row: int) -> str:
        _head, start, length = self._rows[row]
        at = _b64(start)
        body = self._data[at:at + _b64(length)].decode("utf-8", errors="replace")
        _headword, _, rest = body.partition("\n")
        return _IPA.sub("", rest).strip()

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def rekeyed(self, key: Callable[[str], str]) -> "_Definitions":
        """The same definitions under ``key(headword)`` (of headwords with one key, the last one's)."""
        return _Definitions(self._data, self._rows, {key(k): v for k, v in self._where.items()})


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
    ar_en = _read_dictd("freedict-ara-eng")
    if ar_en is not None:
        ar_en = ar_en.rekeyed(plain)
    return EnArDictionary(en_ar, ar_en)


def _dictd_installed(name: str) -> bool:
    """The dictd files of ``name`` are there (``en_ar_dictionary`` reads them when a check needs them)."""
    return (DICTD_DIR / f"{name}.index").is_file() and (DICTD_DIR / f"{name}.dict.dz").is_file()


def missing_notice() -> str | None:
    """One line naming the lexical packages that are not installed (None when all are)."""
    missing = []
    if english_words() is None:
        missing.append("English word list")
    if not _dictd_installed("freedict-eng-ara"):  # not read here: a run that reuses every page never needs it
        missing.append("English-Arabic dictionary")
    if not missing:
        return None
    return (f"{' and '.join(missing)} not installed (Debian: {PACKAGES}); name and clause checks "
            "run with fewer resources")
