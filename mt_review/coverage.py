"""What an English text and an Arabic text share, without a translation model.

Evidence that a target translates a source: numbers and Latin tokens both
have, source names the target transliterates, and source content words whose
FreeDict renderings appear in the target (Arabic compared through
:func:`mt_review.checks.text.word_forms`, which strips clitics and pronoun
suffixes).  The dictionary finds only part of a good translation's words
(a quarter to a half on the benchmark's human pairs), so the score is used to
*compare* a target's fit to its own source with its fit to other sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mt_review.checks.text import arabic_tokens, word_forms
from mt_review.langid import EN_FUNCTION_WORDS
from mt_review.lexicon import en_ar_dictionary
from mt_review.translit import arabic_skeletons, latin_skeletons

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9.+#_-]*[A-Za-z0-9+#]")
_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
            ("ly", ""), ("er", ""))


@lru_cache(maxsize=32768)
def renderings(word: str) -> frozenset[str]:
    """Comparable Arabic forms of an English word's dictionary renderings (its base forms too)."""
    dictionary = en_ar_dictionary()
    if dictionary is None:
        return frozenset()
    bases = {word}
    for end, repl in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            bases.add(word[: -len(end)] + repl)
    out: set[str] = set()
    for base in bases:
        for r in dictionary.arabic(base):
            for token in r.split():
                out |= {f for f in word_forms(token) if len(f) >= 3}
    return frozenset(out)


@dataclass(frozen=True)
class Target:
    """An Arabic text prepared once for comparisons with many sources."""

    forms: frozenset[str]
    skeletons: frozenset[str]
    numbers: frozenset[str]
    latin: frozenset[str]


def prepare(arabic: str) -> Target:
    text = arabic.translate(_AR_DIGITS)
    words = [w for w, _, _ in arabic_tokens(text)]
    forms: set[str] = set()
    skeletons: set[str] = set()
    for w in words:
        forms |= word_forms(w)
        skeletons |= {k for k in arabic_skeletons(w) if len(k) >= 2}
    return Target(frozenset(forms), frozenset(skeletons), frozenset(_NUMBER.findall(text)),
                  frozenset(t.lower() for t in _LATIN.findall(text)))


@dataclass(frozen=True)
class Source:
    """An English text as what it can share: numbers, Latin tokens, dictionary renderings per
    content word, and the skeletons of its capitalised words."""

    numbers: frozenset[str]
    latin: frozenset[str]
    words: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (renderings, name skeletons) per word


@lru_cache(maxsize=4096)
def source(english: str) -> Source:
    words = []
    for word in set(_EN_WORD.findall(english)):
        low = word.lower()
        if low in EN_FUNCTION_WORDS or len(low) < 3:
            continue
        names = latin_skeletons(word) if word[0].isupper() else frozenset()
        words.append((renderings(low), frozenset(k for k in names if len(k) >= 2)))
    return Source(frozenset(_NUMBER.findall(english)), frozenset(t.lower() for t in _LATIN.findall(english)),
                  tuple(words))


def shared(english: str, target: Target) -> int:
    """Evidence units the English text shares with the target: each dictionary word found
    counts 1; each number, Latin token or transliterated name (equal skeletons) counts 2."""
    src = source(english)
    score = 2 * len(src.numbers & target.numbers) + 2 * len(src.latin & target.latin)
    for rendered, skeletons in src.words:
        if rendered & target.forms:
            score += 1
        elif skeletons & target.skeletons:
            score += 2
    return score
