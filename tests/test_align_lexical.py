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


# ---------------------------------------------------------------- items that share nothing, even loosely

# catalogue sentences that all start alike ("Whether ..."): the strict dictionary shares of a sentence
# with its neighbour's translation are nearly those with its own
WHETHER_EN = ["Whether rows should be expanded/collapsed when the pointer moves over them.",
              "Whether selected font size is shown in the label.",
              "Whether the application supplied widget for custom previews should be shown.",
              "Whether the application will paint directly on the widget.",
              "Whether the color selector should allow setting opacity.",
              "Whether the combo box draws a frame around the child."]
WHETHER_AR = ["ما إذا وجب توسيع وانهيار الصفوف عندما يقوم المؤشر بتحريكها.", "وفيما إذا سيعرض حجم الخط المنتقى في العلامة.",
              "فيما إذا ستعرض الودجة الممدّدة بتطبيق للتلميحات الخاصّة.", "ما إذا كان التطبيق سيرسم مباشرة على الودجة.",
              "فيما اذا كان منتقي الألوان سيسمح بضبط التعتيم.", "إذا ما كان صندوق الإختيار يرسم إطارا حول الإبن."]


def test_unshared_counts_the_items_of_a_link_that_share_nothing() -> None:
    lex = lex_matrix(SRC[:2], TGT[:2])
    assert lex is not None and lex.loose is not None
    js = np.array([0, 1])
    assert list(lex.unshared(1, 0, 1, js, 2)) == [0, 2]  # its translation / the other sentence's
    assert list(lex.unshared(2, 0, 1, js, 2)) == [1, 1]  # a merge: the sentence the target does not render
    assert list(lex.unshared(1, 0, 1, js, 99)) == [0, 0]  # too few words to judge


@pytest.mark.parametrize("merged", [None, 5])
def test_a_dropped_sentence_is_found_by_the_words_it_shares_with_nothing(merged) -> None:
    """Sentence 8 dropped (and, in one case, target sentences 5 and 6 merged): without ``w_none`` its
    neighbour is dropped instead and sentence 8 paired with the neighbour's translation (or sentence 8
    is swallowed by a 3-1 merge); with it, 8 is the one dropped and the rest stay paired; the
    undamaged twin stays all 1-1."""
    src, tgt = SRC + WHETHER_EN, [t for k, t in enumerate(TGT + WHETHER_AR) if k != 8]
    if merged is not None:
        tgt = tgt[:merged] + [tgt[merged].rstrip(".") + "، و" + tgt[merged + 1]] + tgt[merged + 2 :]
    assert dp.PARAMS_LENGTH.w_none > 0
    links = _align(src, tgt, dp.PARAMS_LENGTH)
    assert ((8,), ()) in links and ((9,), (8 if merged is None else 7,)) in links
    off = _align(src, tgt, dataclasses.replace(dp.PARAMS_LENGTH, w_none=0.0))
    assert ((8,), ()) not in off
    full = TGT + WHETHER_AR
    assert _align(src, full, dp.PARAMS_LENGTH) == [((k,), (k,)) for k in range(len(full))]


# ---------------------------------------------------------------- short pieces of a split sentence

CANCEL_EN = "Do you really want to cancel this job?"
CANCEL_PIECES = ["هل أنت متأكد.", "من إلغاء هذه المهمة؟"]  # "Are you sure." / "of cancelling this job?"
CANCEL_WHOLE = "هل أنت متأكد من إلغاء هذه المهمة؟"


def _cancel_page(tgt_middle: list[str]) -> tuple[list[str], list[str]]:
    """SRC with its third sentence replaced by CANCEL_EN; the target's third sentence by ``tgt_middle``."""
    return SRC[:2] + [CANCEL_EN] + SRC[3:], TGT[:2] + tgt_middle + TGT[3:]


def test_a_short_piece_of_a_split_sentence_joins_its_sentence() -> None:
    """The Arabic cuts the question after "Are you sure": the first piece has one countable word, which
    the dictionary does not render.  Priced as a whole unrendered sentence it is left out as an
    addition (0-1) and the rest paired 1-1; priced by its words (``lex_words``) the split is one 1-2 link."""
    src, tgt = _cancel_page(CANCEL_PIECES)
    links = _align(src, tgt, dp.PARAMS_LENGTH)
    assert ((2,), (2, 3)) in links and ((), (2,)) not in links
    off = _align(src, tgt, dataclasses.replace(dp.PARAMS_LENGTH, lex_words=0.0))
    assert ((), (2,)) in off and ((2,), (3,)) in off


@pytest.mark.parametrize("where", [2, 3])
def test_a_short_inserted_sentence_stays_an_addition(where: int) -> None:
    """The clean twin: the question translated whole, and a short notice ("Share this page.") inserted
    before or after it stays a 0-1 link; the page is otherwise 1-1."""
    src, tgt = _cancel_page([CANCEL_WHOLE])
    tgt = tgt[:where] + ["شارك هذه الصفحة."] + tgt[where:]
    links = _align(src, tgt, dp.PARAMS_LENGTH)
    assert ((), (where,)) in links
    assert [link for link in links if link[0] and link[1]] == [((k,), (k + (k >= where),)) for k in range(len(src))]
