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


def test_a_translation_covers_more_words_than_its_neighbour() -> None:
    lex = lex_matrix(SRC, TGT)
    assert lex is not None
    for i in (1, 2):
        own, total = lex.coverage(1, i, 1, np.array([i]))
        other, _ = lex.coverage(1, i, 1, np.array([3 - i]))
        assert own[0] > other[0] and own[0] <= total[0]


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


def test_without_the_dictionary_the_drop_is_a_guess() -> None:
    """The same pages by length alone: at least one of the two drops is put on the wrong sentence
    (so the test above measures the dictionary, not the lengths)."""
    blind = dataclasses.replace(dp.PARAMS_LENGTH, w_lex=0.0)
    wrong = 0
    for dropped in (1, 2):
        tgt = [t for k, t in enumerate(TGT) if k != dropped]
        wrong += ((dropped,), ()) not in _align(SRC, tgt, blind)
    assert wrong >= 1
