"""Dictionary evidence for the aligner: how many words of one side the other side renders.

Without embeddings the aligner sees only lengths and anchors, which cannot
tell a dropped sentence from its neighbour of the same length, nor an
inserted sentence from the second half of a 1-2 split (with embeddings
it weighs less, and mostly tells a merge from two neighbours).  The FreeDict
English-Arabic dictionary (``mt_review.lexicon``, optional) can: a source
word is *found* when one of its renderings is a word form of the target
span, and a target word is *explained* when it is a rendering of a word of
the source span.  The dictionary finds only a quarter to a half of a good
translation's words, so the evidence is a ratio used against a typical
ratio, never as a yes/no.

The share is taken per item of a link, not pooled over the link: a merge
(2-1, 3-1) or split that swallows a dropped or inserted sentence then pays for
that sentence, which nothing on the other side renders, instead of hiding it
among its well-covered neighbours.

Counts are kept as dense (source items x target items) uint8 matrices, so the
shares of any span pair are a few array lookups.  Against a span of two items
a word is counted once (``found2`` / ``explained2``), so two sentences that
share their vocabulary do not make a merge look better covered than it is;
against three, per-item counts are summed and clipped to the item's words.

``loose[i, j]`` counts the words of source item i that target item j has in
any loose form (``coverage.loose_renderings``: light stems, root keys).  It
is evidence of a different kind: not how much of a translation is rendered
but whether two items share anything at all.  The strict counts find no word
of one good translation in ten; the loose ones miss one in twelve to thirty,
and still find nothing between a dropped and an inserted sentence seven or
nine times in ten (tuning half of the site-shaped benchmark pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from mt_review.checks.text import arabic_tokens, word_forms
# imported as a module (read at call time): coverage imports mt_review.checks, whose truncation check reads
# align.clauses, so a from-import here would fail when coverage is the first module imported
import mt_review.coverage as coverage
from mt_review.langid import EN_FUNCTION_WORDS, EN_WORD
from mt_review.lexicon import en_ar_dictionary
from mt_review.translit import arabic_skeletons, latin_skeletons

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
    countable words per item; ``found2[i, j]``: words of source item i rendered in target item
    j or j+1; ``explained2[i, j]``: words of target item j rendering a word of source item i or i+1."""

    found: np.ndarray
    explained: np.ndarray
    src_words: np.ndarray
    tgt_words: np.ndarray
    found2: np.ndarray
    explained2: np.ndarray
    loose: np.ndarray | None = None

    def unshared(self, a: int, i0: int, b: int, js: np.ndarray, min_words: int) -> np.ndarray:
        """Per target span [j, j+b) (j in js), the items of the link with ``min_words`` or more countable
        words that share no word, even loosely (``loose``), with the other side of the link."""
        if self.loose is None:
            return np.zeros(len(js))
        block = np.stack([self.loose[i0 + r, js + d] for r in range(a) for d in range(b)]).reshape(a, b, len(js))
        src_none = (block.sum(axis=1) == 0) & (self.src_words[i0 : i0 + a, None] >= min_words)
        tgt_words = np.stack([self.tgt_words[js + d] for d in range(b)])
        tgt_none = (block.sum(axis=0) == 0) & (tgt_words >= min_words)
        return src_none.sum(axis=0) + tgt_none.sum(axis=0)

    def item_shares(self, a: int, i0: int, b: int, js: np.ndarray, prior_share: float,
                    prior_words: float) -> tuple[np.ndarray, np.ndarray]:
        """Per item of the link source [i0, i0+a) x target [j, j+b) (j in js), the share of its words
        the other side of the link renders, shrunk towards ``prior_share`` by ``prior_words``
        pseudo-words: arrays (a, len(js)) and (b, len(js))."""
        rows = slice(i0, i0 + a)
        if b == 2:
            found = self.found2[rows, js].astype(np.float64)
        else:
            found = np.zeros((a, len(js)), dtype=np.float64)
            for d in range(b):
                found += self.found[rows, js + d]
        tgt = np.zeros((b, len(js)), dtype=np.float64)
        for d in range(b):
            cols = js + d
            words = self.tgt_words[cols]
            if a == 2:
                hit = self.explained2[i0, cols].astype(np.float64)
            else:
                hit = self.explained[rows, cols].sum(axis=0)
            tgt[d] = (np.minimum(hit, words) + prior_share * prior_words) / (words + prior_words)
        sw = self.src_words[rows, None]
        return (np.minimum(found, sw) + prior_share * prior_words) / (sw + prior_words), tgt


_NAME_KEY = "\x00"  # prefix of a name's consonant skeleton among a word's forms (never an Arabic form)


def en_names(text: str) -> dict[str, frozenset[str]]:
    """Capitalised words of an English text that the dictionary does not know (names: Musa, Jabal, Wintab,
    Al-'Abbas; not Whoever, Light), lower case -> their consonant skeletons of 2+ classes (``translit``), as keys
    that meet an Arabic word's (``_ar_words``).  A word the dictionary knows keeps its renderings only, so it is
    the same word whether or not it starts a sentence."""
    out: dict[str, frozenset[str]] = {}
    for m in EN_WORD.finditer(text):
        w = re.sub(r"['’]s$", "", m.group())  # Allah's -> Allah
        if w[0].isupper() and len(w) >= 3 and w.lower() not in EN_FUNCTION_WORDS and not coverage.renderings(w.lower()):
            keys = frozenset(_NAME_KEY + k for k in latin_skeletons(w) if len(k) >= 2)
            if keys:
                out.setdefault(m.group().lower(), keys)
    return out


def en_words(text: str) -> list[frozenset[str]]:
    """The renderings (or name keys) of each countable English word of a text, once per word."""
    out = []
    names = en_names(text)
    for w in dict.fromkeys(m.lower() for m in EN_WORD.findall(text)):
        if len(w) < 3 or w in EN_FUNCTION_WORDS:
            continue
        r = coverage.renderings(w) | names.get(w, frozenset())
        if r:
            out.append(r)
    return out


def _ar_words(text: str) -> list[frozenset[str]]:
    return [forms for _, forms in ar_words_at(text)]


def ar_words_at(text: str) -> list[tuple[int, frozenset[str]]]:
    """(offset, forms) of the countable Arabic words of a text, in text order."""
    out = []
    for tok, start, _ in arabic_tokens(text):
        if len(tok) < 3 or tok in _AR_FUNCTION:
            continue
        out.append((start, word_forms(tok) | ar_name_keys(tok)))
    return out


def ar_name_keys(token: str) -> frozenset[str]:
    """An Arabic word's consonant skeletons of 2+ classes, as keys that meet an English name's (``en_names``)."""
    return frozenset(_NAME_KEY + k for k in arabic_skeletons(token) if len(k) >= 2)


def lex_matrix(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> LexMatrix | None:
    """The dictionary counts of two sides, or None without the dictionary (or for huge sides)."""
    n, m = len(src_texts), len(tgt_texts)
    if not n or not m or n > _MAX_ITEMS or m > _MAX_ITEMS or en_ar_dictionary() is None:
        return None
    src = [en_words(t) for t in src_texts]
    tgt = [_ar_words(t) for t in tgt_texts]
    # form -> target items holding it; rendering form -> source items rendering it
    form_items: dict[str, set[int]] = {}
    for j, words in enumerate(tgt):
        for forms in words:
            for f in forms:
                form_items.setdefault(f, set()).add(j)
    rendered_by: dict[str, set[int]] = {}
    found = np.zeros((n, m), dtype=np.uint8)
    found2 = np.zeros((n, m), dtype=np.uint8)
    for i, words in enumerate(src):
        for r in words:
            hits: set[int] = set()
            for f in r:
                hits |= form_items.get(f, set())
                rendered_by.setdefault(f, set()).add(i)
            for j in hits:
                found[i, j] = min(found[i, j] + 1, 255)
            for j in hits | {j - 1 for j in hits if j > 0}:
                found2[i, j] = min(found2[i, j] + 1, 255)
    explained = np.zeros((n, m), dtype=np.uint8)
    explained2 = np.zeros((n, m), dtype=np.uint8)
    for j, words in enumerate(tgt):
        for forms in words:
            by: set[int] = set()
            for f in forms:
                by |= rendered_by.get(f, set())
            for i in by:
                explained[i, j] = min(explained[i, j] + 1, 255)
            for i in by | {i - 1 for i in by if i > 0}:
                explained2[i, j] = min(explained2[i, j] + 1, 255)
    return LexMatrix(found, explained, np.array([len(w) for w in src], dtype=np.float64),
                     np.array([len(w) for w in tgt], dtype=np.float64), found2, explained2,
                     _loose(src_texts, tgt_texts))


def loose_keys(arabic: str) -> frozenset[str]:
    """Every loose form of an Arabic text's words (``coverage.loose_forms``) and the name keys of its words of
    3+ letters: what an English word's loose renderings or name skeletons are looked up in."""
    keys = set(coverage.loose_forms(arabic))
    for tok, _, _ in arabic_tokens(arabic):
        if len(tok) >= 3:
            keys |= ar_name_keys(tok)
    return frozenset(keys)


def _loose(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> np.ndarray:
    """``LexMatrix.loose``: source words each target item has in a loose form, through an
    inverted index of the targets' loose forms."""
    holders: dict[str, list[int]] = {}
    for j, text in enumerate(tgt_texts):
        for f in loose_keys(text):
            holders.setdefault(f, []).append(j)
    out = np.zeros((len(src_texts), len(tgt_texts)), dtype=np.uint8)
    for i, text in enumerate(src_texts):
        names = en_names(text)
        for w in dict.fromkeys(m.lower() for m in EN_WORD.findall(text)):
            if len(w) < 3 or w in EN_FUNCTION_WORDS:
                continue
            hit: set[int] = set()
            for f in coverage.loose_renderings(w) | names.get(w, frozenset()):
                hit.update(holders.get(f, ()))
            for j in hit:
                out[i, j] = min(int(out[i, j]) + 1, 255)
    return out
