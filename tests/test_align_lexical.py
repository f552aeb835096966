"""Dictionary evidence in the aligner (FreeDict, Debian dict-freedict-eng-ara): it tells which of two
sentences of the same length was dropped, which lengths and anchors alone cannot."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mt_review.align import dp
from mt_review.align.anchors import extract
from mt_review.align.lexical import lex_matrix
from mt_review.lexicon import en_ar_dictionary

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="FreeDict English-Arabic not installed")

SRC = ["The amount of space between two consecutive rows.", "The number of recently used files.",
       "Width of the border around the tab labels.", "Could not read the contents of the folder.",
       "The text to display in order to demonstrate the selected font."]
TGT = ["مقدار الفراغ بين صفين متتاليين.", "عدد الملفات المستخدمة حديثا.", "عرض الحد حول شارات الألسنة.",
       "تعذرت قراءة محتويات المجلد.", "النص الذي سيعرض لتقديم الخط المنتقى."]


def _shares(lex, a: int, i0: int, b: int, j: int) -> tuple[list[float], list[float]]:
    sh_s, sh_t = lex.item_shares(a, i0, b, np.array([j]), 0.3, 0.5)
    return list(sh_s[:, 0]), list(sh_t[:, 0])


def test_a_translation_covers_more_words_than_its_neighbour() -> None:
    lex = lex_matrix(SRC, TGT)
    assert lex is not None
    for i in (1, 2):
        own_s, own_t = _shares(lex, 1, i, 1, i)
        other_s, other_t = _shares(lex, 1, i, 1, 3 - i)
        assert own_s[0] > other_s[0] and own_t[0] > other_t[0]
        assert 0.0 < own_s[0] <= 1.0 and 0.0 < own_t[0] <= 1.0


def test_each_item_of_a_merge_is_judged_on_its_own() -> None:
    """A 2-1 link of a translated sentence and an unrelated one: the unrelated one keeps its low share
    instead of borrowing its neighbour's."""
    lex = lex_matrix(SRC, TGT)
    assert lex is not None
    (translated, unrelated), _ = _shares(lex, 2, 1, 1, 1)  # sources 1 and 2 against target 1
    (alone,), _ = _shares(lex, 1, 1, 1, 1)
    assert translated == pytest.approx(alone)
    assert unrelated < 0.3 < translated


def test_a_word_found_in_both_items_of_a_span_counts_once() -> None:
    lex = lex_matrix(SRC, [TGT[1], TGT[1]])
    assert lex is not None
    assert lex.found[1, 0] == lex.found[1, 1] == lex.found2[1, 0] > 0
    assert lex.explained2[0, 0] == lex.explained[1, 0]  # sources 0 and 1: only 1 renders these words


def _align(src: list[str], tgt: list[str], params: dp.Params):
    side_s = dp.side_from(src, [extract(t) for t in src], None)
    side_t = dp.side_from(tgt, [extract(t) for t in tgt], None)
    return [(s, t) for s, t, _ in dp.align(side_s, side_t, params, lex=lex_matrix(src, tgt))]


@pytest.mark.parametrize("dropped", [1, 2])
def test_the_dictionary_finds_which_sentence_was_dropped(dropped: int) -> None:
    tgt = [t for k, t in enumerate(TGT) if k != dropped]
    links = _align(SRC, tgt, dp.PARAMS_LENGTH)
    assert ((dropped,), ()) in links
    kept = [k for k in range(len(SRC)) if k != dropped]
    assert all(((k,), (kept.index(k),)) in links for k in kept)


def _merge_and_drop(dropped: int, merged: int) -> list[str]:
    """The target of SRC with sentence ``dropped`` missing and the kept sentences ``merged`` and
    ``merged + 1`` joined into one."""
    tgt = [t for k, t in enumerate(TGT) if k != dropped]
    return tgt[:merged] + [tgt[merged].rstrip(".") + "، و" + tgt[merged + 1]] + tgt[merged + 2 :]


# (dropped source sentence, first merged position in the target, expected links)
MERGE_AND_DROP = [
    (3, 0, [((0, 1), (0,)), ((2,), (1,)), ((3,), ()), ((4,), (2,))]),
    (1, 2, [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3, 4), (2,))]),
]


@pytest.mark.parametrize(("dropped", "merged", "expected"), MERGE_AND_DROP)
def test_a_merge_does_not_swallow_a_dropped_neighbour(dropped: int, merged: int, expected) -> None:
    """A drop next to a 2-1 merge: the merge would cover the dropped sentence's length too, but
    nothing in it renders that sentence's words, so the sentence stays a 1-0."""
    assert _align(SRC, _merge_and_drop(dropped, merged), dp.PARAMS_LENGTH) == expected


def test_without_the_dictionary_the_merge_swallows_the_drop() -> None:
    blind = dataclasses.replace(dp.PARAMS_LENGTH, w_lex=0.0)
    wrong = sum(_align(SRC, _merge_and_drop(d, m), blind) != expected for d, m, expected in MERGE_AND_DROP)
    assert wrong >= 1


def test_without_the_dictionary_the_drop_is_a_guess() -> None:
    """The same pages by length alone: at least one of the two drops is put on the wrong sentence
    (so the test above measures the dictionary, not the lengths)."""
    blind = dataclasses.replace(dp.PARAMS_LENGTH, w_lex=0.0)
    wrong = 0
    for dropped in (1, 2):
        tgt = [t for k, t in enumerate(TGT) if k != dropped]
        wrong += ((dropped,), ()) not in _align(SRC, tgt, blind)
    assert wrong >= 1
