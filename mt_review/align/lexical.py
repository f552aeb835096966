"""Dictionary evidence for the aligner: how many words of one side the other side renders.

Without embeddings the aligner sees only lengths and anchors, which cannot
tell a dropped sentence from its neighbour of the same length, nor an
inserted sentence from the second half of a 1-2 split.  The FreeDict
English-Arabic dictionary (``mt_review.lexicon``, optional) can: a source
word is *found* when one of its renderings is a word form of the target
span, and a target word is *explained* when it is a rendering of a word of
the source span.  The dictionary finds only a quarter to a half of a good
translation's words, so the evidence is a ratio used against the page's own
typical ratio, never as a yes/no.

Counts are kept as two dense (source items x target items) matrices, so the
cost of any span pair is a few array sums (a word found in two target items
of one span counts once per item, clipped to the item's word count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from mt_review.checks.text import arabic_tokens, word_forms
from mt_review.coverage import renderings
from mt_review.langid import EN_FUNCTION_WORDS
from mt_review.lexicon import en_ar_dictionary

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Arabic function words: never counted as words a translation must explain.
_AR_FUNCTION = frozenset(
    """من في على إلى الى عن مع أن ان إن أو او لا لم لن ما ماذا هذا هذه ذلك تلك التي الذي الذين اللذين كان كانت
    يكون تكون قد ثم حتى كل بعض بين عند إذا اذا هو هي هم نحن أنت انت لكن لكن غير أي اي بل كما لقد وقد فقد""".split()
)
_MAX_ITEMS = 4000  # a side longer than this gets no dictionary evidence (memory stays ~ n * m bytes)


@dataclass(frozen=True)
class LexMatrix:
    """``found[i, j]``: words of source item i rendered in target item j; ``explained[i, j]``:
    words of target item j that render a word of source item i; ``src_words`` / ``tgt_words``:
    countable words per item."""

    found: np.ndarray
    explained: np.ndarray
    src_words: np.ndarray
    tgt_words: np.ndarray

    def coverage(self, a: int, i0: int, b: int, js: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(words covered, words counted) of source span [i0, i0+a) with target spans [j, j+b), j in js."""
        rows = slice(i0, i0 + a)
        src_total = float(self.src_words[rows].sum())
        found = np.zeros((a, len(js)), dtype=np.float64)
        tgt_hit = np.zeros(len(js), dtype=np.float64)
        tgt_total = np.zeros(len(js), dtype=np.float64)
        for d in range(b):
            cols = js + d
            found += self.found[rows, cols]
            tgt_hit += np.minimum(self.explained[rows, cols].sum(axis=0), self.tgt_words[cols])
            tgt_total += self.tgt_words[cols]
        src_hit = np.minimum(found, self.src_words[rows, None]).sum(axis=0)
        return src_hit + tgt_hit, src_total + tgt_total


def _en_words(text: str) -> list[frozenset[str]]:
    out = []
    for w in dict.fromkeys(m.lower() for m in _EN_WORD.findall(text)):
        if len(w) < 3 or w in EN_FUNCTION_WORDS:
            continue
        r = renderings(w)
        if r:
            out.append(r)
    return out


def _ar_words(text: str) -> list[frozenset[str]]:
    out = []
    for tok, _, _ in arabic_tokens(text):
        if len(tok) < 3 or tok in _AR_FUNCTION:
            continue
        out.append(word_forms(tok))
    return out


def lex_matrix(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> LexMatrix | None:
    """The dictionary counts of two sides, or None without the dictionary (or for huge sides)."""
    n, m = len(src_texts), len(tgt_texts)
    if not n or not m or n > _MAX_ITEMS or m > _MAX_ITEMS or en_ar_dictionary() is None:
        return None
    src = [_en_words(t) for t in src_texts]
    tgt = [_ar_words(t) for t in tgt_texts]
    # form -> target items holding it; rendering form -> source items rendering it
    form_items: dict[str, set[int]] = {}
    for j, words in enumerate(tgt):
        for forms in words:
            for f in forms:
                form_items.setdefault(f, set()).add(j)
    rendered_by: dict[str, set[int]] = {}
    found = np.zeros((n, m), dtype=np.uint8)
    for i, words in enumerate(src):
        for r in words:
            hits: set[int] = set()
            for f in r:
                hits |= form_items.get(f, set())
                rendered_by.setdefault(f, set()).add(i)
            for j in hits:
                found[i, j] = min(found[i, j] + 1, 255)
    explained = np.zeros((n, m), dtype=np.uint8)
    for j, words in enumerate(tgt):
        for forms in words:
            by: set[int] = set()
            for f in forms:
                by |= rendered_by.get(f, set())
            for i in by:
                explained[i, j] = min(explained[i, j] + 1, 255)
    return LexMatrix(found, explained, np.array([len(w) for w in src], dtype=np.float64),
                     np.array([len(w) for w in tgt], dtype=np.float64))
