"""Compact layouts made for memory (issue 15) give the same values as the straightforward ones."""

from __future__ import annotations

import pickle
import random

from mt_review import coverage
from mt_review.ingest.xliff import Attr, ElementSpan
from mt_review.langid import EN_FUNCTION_WORDS
from mt_review.translit import latin_skeletons

WORDS = ["Paris", "river", "Mountains", "village", "Teacher", "garden", "the", "of", "market", "Letters",
         "window", "bridge", "Khan", "Obama", "IIJ", "GtkAdjustment", "cities", "council", "a", "met"]


def _plain_source(english: str) -> coverage.Source:
    """:func:`coverage.source` as it was written before its word entries were shared (each its own)."""
    words = []
    for word in set(coverage._EN_WORD.findall(english)):
        low = word.lower()
        if low in EN_FUNCTION_WORDS or len(low) < 3:
            continue
        names = latin_skeletons(word) if word[0].isupper() else frozenset()
        plain = coverage.renderings(low)
        words.append((plain | frozenset(coverage.light_stem(f) for f in plain),
                      frozenset(k for k in names if len(k) >= 2)))
    return coverage.Source(frozenset(coverage._NUMBER.findall(english)),
                           frozenset(t.lower() for t in coverage._LATIN.findall(english)), tuple(words))


def test_source_with_shared_word_entries_equals_the_plain_build():
    """The cached sources share one (renderings, skeletons) entry per word: equal to a build of their own."""
    rng = random.Random(15)
    for _ in range(200):
        english = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12))) + f" {rng.randint(0, 99)}."
        assert coverage.source(english) == _plain_source(english)


def test_source_entries_are_shared_between_texts():
    """Two texts with one word hold the same entry object for it (the point of the change)."""
    a, b = coverage.source("The river Paris flows"), coverage.source("A river in Paris again")
    assert {id(w) for w in a.words} & {id(w) for w in b.words}


def test_xliff_spans_pickle_back_equal_and_read_the_old_list_state():
    """ElementSpan and Attr pickle by their slots; a state saved as the dataclass default (a list of
    the fields in order) still loads."""
    attr = Attr("id", "u1", 3, 5, '"')
    span = ElementSpan("xlf:unit", "unit", 0, 10, 8, 20, 30, (attr,), (ElementSpan("source", "source", 11, 19, 18, 19, 19),))
    assert pickle.loads(pickle.dumps(span, protocol=5)) == span
    old = object.__new__(ElementSpan)
    old.__setstate__(["q", "l", 1, 2, 3, 4, 5, (), ()])
    assert old == ElementSpan("q", "l", 1, 2, 3, 4, 5)
