"""A merge hiding a dropped sentence (``mt_review.align.unrelated.peel_short``, session 18, align19).

Catalogue strings come in near-identical runs ("Amount of red / green / blue light in the color.").  When
the translation of one of them is missing, the embedding of two such strings summed is about as close to
the remaining translation as either string alone, and the DP pays less for a 2-1 merge (prior 0.5) than for
a skip (1.6).  After the DP, a merge whose target is markedly shorter than its sources need, which costs
about as much with an end sentence left out, and whose end sentence the target renders least is a 1-0 link
next to a shorter link.  Clean twins: a true merge (the target renders both: long enough), a page of
translations, and short merges whose end sentence is as close as the other, or dear to leave out.

The embedder is ``test_align_unrelated``'s bag of concepts (no model)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mt_review.align import dp, unrelated
from mt_review.align.anchors import extract
from mt_review.align.lexical import lex_matrix
from mt_review.lexicon import en_ar_dictionary
from tests.test_align_crossing import _links
from tests.test_align_unrelated import SRC, TGT, Embedder

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="FreeDict English-Arabic not installed")

TWINS = [("Amount of red light in the color.", "كمية الضوء الأحمر في اللون."),
         ("Amount of green light in the color.", "كمية الضوء الأخضر في اللون."),
         ("Amount of blue light in the color.", "كمية الضوء الأزرق في اللون.")]
POS = 8  # the run of twins sits in the middle of the page


class TwinEmbedder(Embedder):
    """The bag of concepts with the twins' words: the twins share all their concepts but one."""

    def __init__(self) -> None:
        super().__init__()
        pairs = [("amount", "كمية"), ("light", "الضوء"), ("color", "اللون"),
                 ("red", "الأحمر"), ("green", "الأخضر"), ("blue", "الأزرق")]
        for k, (en, ar) in enumerate(pairs):
            self.dim_of[en] = self.dim_of[ar] = self.dim + k
        self.dim += len(pairs)


def _page(tgt_twins: list[str]) -> tuple[list[str], list[str]]:
    return SRC[:POS] + [e for e, _ in TWINS] + SRC[POS:], TGT[:POS] + tgt_twins + TGT[POS:]


def _odd(links):
    return [x for x in links if len(x[0]) != 1 or len(x[1]) != 1]


@pytest.mark.parametrize("drop", [0, 1, 2])
def test_a_dropped_twin_is_a_1_0_link(drop):
    src, tgt = _page([a for k, (_, a) in enumerate(TWINS) if k != drop])
    links = _links(src, tgt, TwinEmbedder())
    assert _odd(links) == [((TWINS[drop][0],), ())]
    assert [x for x in links if x[1]] == [((e,), (a,)) for e, a in zip(
        [s for s in src if s != TWINS[drop][0]], tgt, strict=True)]


@pytest.mark.parametrize("drop", [0, 1, 2])
def test_without_the_rule_the_dp_merges_the_dropped_twin_with_its_neighbour(monkeypatch, drop):
    monkeypatch.setattr(dp, "PARAMS_EMBED", dataclasses.replace(dp.PARAMS_EMBED, peel_len=None))
    src, tgt = _page([a for k, (_, a) in enumerate(TWINS) if k != drop])
    odd = _odd(_links(src, tgt, TwinEmbedder()))
    assert [(len(s), len(t)) for s, t in odd] == [(2, 1)] and TWINS[drop][0] in odd[0][0]


def test_a_page_of_translations_keeps_every_1_1_link():
    src, tgt = _page([a for _, a in TWINS])
    assert _links(src, tgt, TwinEmbedder()) == [((e,), (a,)) for e, a in zip(src, tgt, strict=True)]


def test_a_true_merge_is_kept():
    """Two twins rendered by one Arabic sentence: it is as long as both need, so the merge stays."""
    joined = "كمية الضوء الأحمر في اللون، وكمية الضوء الأخضر في اللون."
    src, tgt = _page([joined, TWINS[2][1]])
    assert _odd(_links(src, tgt, TwinEmbedder())) == [((TWINS[0][0], TWINS[1][0]), (joined,))]


def _scorer(src: list[str], tgt: list[str], sv: np.ndarray, tv: np.ndarray, ratio: float = 0.8) -> dp.Scorer:
    side_s = dp.side_from(src, [extract(x) for x in src], sv)
    side_t = dp.side_from(tgt, [extract(x) for x in tgt], tv)
    return dp.Scorer(side_s, side_t, dp.PARAMS_EMBED, ratio, lex_matrix(src, tgt))


EN2 = [TWINS[0][0], TWINS[1][0]]
ONE = np.eye(3, dtype=np.float32)


def test_peel_short_leaves_out_the_end_sentence_the_target_renders_least():
    """The target renders the second sentence only (vector of the second): the first is the drop, and
    with the vectors swapped the second is, after the kept link."""
    first = unrelated.peel_short(((0, 1), (0,), 0.5), _scorer(EN2, [TWINS[1][1]], ONE[:2], ONE[[1]]))
    assert first is not None and [x[:2] for x in first] == [((0,), ()), ((1,), (0,))]
    second = unrelated.peel_short(((0, 1), (0,), 0.5), _scorer(EN2, [TWINS[0][1]], ONE[:2], ONE[[0]]))
    assert second is not None and [x[:2] for x in second] == [((0,), (0,)), ((1,), ())]


def test_peel_short_keeps_a_merge_whose_target_is_long_enough():
    joined = "كمية الضوء الأحمر في اللون، وكمية الضوء الأخضر في اللون."
    assert unrelated.peel_short(((0, 1), (0,), 0.5), _scorer(EN2, [joined], ONE[:2], ONE[[1]])) is None


def test_peel_short_keeps_a_merge_whose_end_sentences_are_rendered_alike():
    """A short target as close to both sentences (a compressed merge): no sentence is the one left out."""
    both = np.array([[1.0, 1.0, 0.0]], dtype=np.float32) / np.sqrt(2.0)
    assert unrelated.peel_short(((0, 1), (0,), 0.5), _scorer(EN2, [TWINS[1][1]], ONE[:2], both)) is None


def test_peel_short_keeps_a_merge_dear_to_undo(monkeypatch):
    """Leaving the end sentence out must cost less than ``peel_margin`` more than the merge."""
    scorer = _scorer(EN2, [TWINS[1][1]], ONE[:2], ONE[[1]])
    scorer.p = dataclasses.replace(scorer.p, peel_margin=-5.0)
    assert unrelated.peel_short(((0, 1), (0,), 0.5), scorer) is None
    scorer.p = dataclasses.replace(scorer.p, peel_margin=0.7, peel_len=None)
    assert unrelated.peel_short(((0, 1), (0,), 0.5), scorer) is None


def test_peel_leaves_other_links_alone():
    scorer = _scorer(EN2, [TWINS[0][1], TWINS[1][1]], ONE[:2], ONE[:2])
    links = [((0,), (0,), 0.9), ((1,), (1,), 0.9)]
    assert unrelated.peel(links, scorer) == links


def test_near_identical_strings_are_told_apart_by_their_own_words():
    """Both sentences embed alike (same vector): the words that tell the twins apart decide, as in
    ``neighbours``; a target holding neither twin's own word leaves the merge to the DP."""
    same = np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]], dtype=np.float32)
    texts = (EN2, [TWINS[1][1]])
    scorer = _scorer(EN2, [TWINS[1][1]], same, ONE[[0]])
    assert unrelated.peel_short(((0, 1), (0,), 0.5), scorer) is None  # the embeddings alone cannot choose
    out = unrelated.peel_short(((0, 1), (0,), 0.5), scorer, texts)
    assert out is not None and [x[:2] for x in out] == [((0,), ()), ((1,), (0,))]
    neither = "كمية الضوء في اللون."
    assert unrelated.peel_short(((0, 1), (0,), 0.5), _scorer(EN2, [neither], same, ONE[[0]]), (EN2, [neither])) is None
