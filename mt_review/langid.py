"""Tell English from Arabic text without a model.

mt-review only ever needs to know whether a side is Arabic, English, or
neither (the two sides swapped, or a segment left untranslated).  Letter
scripts settle Arabic vs Latin; a small English function-word list separates
English from other Latin-script languages.  Cheap, deterministic, offline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

# Frequent English function words: at least one of these occurs in nearly any
# English sentence of six words or more, and rarely in French/Spanish/Indonesian.
# an English word as the lexical checks and the aligner read it: letters, with inner apostrophes and hyphens
EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

EN_FUNCTION_WORDS = frozenset(
    """the of and to in is was for on that with as by at from are be this which
    it an or have has had were will would can not their its they we you he she
    been but into more about after also than who what how when where there these
    those our your his her them then other such may should could""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class ScriptCounts:
    arabic: int
    latin: int
    other: int

    @property
    def letters(self) -> int:
        return self.arabic + self.latin + self.other


def is_arabic_letter(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x0600 <= cp <= 0x06FF
        or 0x0750 <= cp <= 0x077F
        or 0x08A0 <= cp <= 0x08FF
        or 0xFB50 <= cp <= 0xFDFF
        or 0xFE70 <= cp <= 0xFEFF
    ) and unicodedata.category(ch).startswith("L")


def is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and ch.isascii() or (
        ch.isalpha() and "LATIN" in unicodedata.name(ch, "")
    )


_ARABIC_RANGES = ((0x0620, 0x064A), (0x066E, 0x06D3), (0x06D5, 0x06D5), (0x06EE, 0x06EF), (0x06FA, 0x06FC),
                  (0x06FF, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08C9), (0xFB50, 0xFDFB), (0xFE70, 0xFEFC))
_LATIN_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x24F), (0x1E00, 0x1EFF))


_TABLE: np.ndarray | None = None  # script class of every BMP code point: 0 none, 1 Arabic, 2 Latin, 3 other letter


def _table() -> np.ndarray:
    global _TABLE
    if _TABLE is None:
        table = np.zeros(0x10000, dtype=np.uint8)
        table[[cp for cp in range(0x80, 0x10000) if chr(cp).isalpha()]] = 3
        for ranges, cls in ((_LATIN_RANGES, 2), (_ARABIC_RANGES, 1)):
            for lo, hi in ranges:
                table[lo : hi + 1] = cls
        _TABLE = table
    return _TABLE


def script_counts(text: str) -> ScriptCounts:
    """Letters by script: one table look-up per code point (pages can be megabytes)."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    bmp = cps < 0x10000
    counts = np.bincount(_table()[cps[bmp]], minlength=4)
    other = int(counts[3])
    if not bmp.all():  # letters outside the BMP (rare): count them one by one
        other += sum(chr(int(c)).isalpha() for c in cps[~bmp])
    return ScriptCounts(int(counts[1]), int(counts[2]), other)


def identify(text: str, min_letters: int = 3) -> str:
    """Return ``"ar"``, ``"en"``, ``"latn"`` (Latin script, not English) or ``"und"``.

    Arabic wins when most letters are Arabic; a Latin text is English when
    English function words make up a noticeable share of its words (short
    texts of one or two words are taken as English when Latin).
    """
    counts = script_counts(text)
    if counts.letters < min_letters:
        return "und"
    if counts.arabic >= 0.5 * counts.letters:
        return "ar"
    if counts.latin >= 0.5 * counts.letters:
        words = [w.lower() for w in _WORD.findall(text) if w.isascii()]
        if len(words) < 4:
            return "en"
        share = sum(w in EN_FUNCTION_WORDS for w in words) / len(words)
        return "en" if share >= 0.08 else "latn"
    return "und"


def identify_page(texts: list[str]) -> str:
    """Language of a whole page side, from all its text at once."""
    return identify("\n".join(texts))
