"""Unrelated 1-1 links (``mt_review.align.unrelated``): a dropped sentence whose place a foreign sentence
took is a 1-0 and a 0-1 link, not a 1-1 link of two unrelated sentences; a 1-1 link that only one kind
of evidence (embedding or dictionary) finds weak stays a 1-1 link.

The embedder is ``test_align_crossing``'s bag of concepts (no model)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mt_review.align import dp, unrelated
from mt_review.align.anchors import extract
from mt_review.align.lexical import lex_matrix
from mt_review.lexicon import en_ar_dictionary
from tests.test_align_crossing import AR, EN, ConceptEmbedder, _links

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="FreeDict English-Arabic not installed")

# another page's sentence ("Could not allocate memory for the stream"): no concept or word of EN[4]
FOREIGN = "تعذّر تخصيص ذاكرة للتيار."


# Sixteen sentences a side: with the toy vectors two sentences that share no concept with the rest keep a
# centred similarity of about (n - 1) / n**2 (both lack the page mean), 0.13 on eight sentences.
MORE = [
    ("The baker sells fresh bread.", "يبيع الخباز خبزا طازجا."),
    ("The doctor visits sick patients.", "يزور الطبيب المرضى."),
    ("Farmers grow wheat and corn.", "يزرع الفلاحون القمح والذرة."),
    ("The train leaves at noon.", "يغادر القطار عند الظهر."),
    ("Birds sing in the forest.", "تغني الطيور في الغابة."),
    ("The teacher explains the lesson.", "يشرح المعلم الدرس."),
    ("Fishermen sail before dawn.", "يبحر الصيادون قبل الفجر."),
    ("The river floods in spring.", "يفيض النهر في الربيع."),
]
SRC, TGT = EN + [e for e, _ in MORE], AR + [a for _, a in MORE]


class Embedder(ConceptEmbedder):
    """The bag of concepts, with the new sentences' and the foreign sentence's concepts."""

    def __init__(self) -> None:
        super().__init__()
        pairs = [("baker", "الخباز"), ("bread", "خبزا"), ("doctor", "الطبيب"), ("patients", "المرضى"),
                 ("farmers", "الفلاحون"), ("wheat", "القمح"), ("train", "القطار"), ("noon", "الظهر"),
                 ("birds", "الطيور"), ("forest", "الغابة"), ("teacher", "المعلم"), ("lesson", "الدرس"),
                 ("fishermen", "الصيادون"), ("dawn", "الفجر"), ("river", "النهر"), ("spring", "الربيع"),
                 ("allocate", "تخصيص"), ("memory", "ذاكرة"), ("stream", "للتيار")]
        for k, (en, ar) in enumerate(pairs):
            self.dim_of[en] = self.dim_of[ar] = self.dim + k
        self.dim += len(pairs)


def test_a_drop_where_a_foreign_sentence_was_inserted_is_a_1_0_and_a_0_1_link():
    links = _links(SRC, [*TGT[:4], FOREIGN, *TGT[5:]], Embedder())
    assert ((SRC[4],), ()) in links and ((), (FOREIGN,)) in links
    assert [x for x in links if x not in {((SRC[4],), ()), ((), (FOREIGN,))}] == [
        ((e,), (a,)) for k, (e, a) in enumerate(zip(SRC, TGT, strict=True)) if k != 4]


def test_without_the_split_the_dp_pairs_the_two_unrelated_sentences(monkeypatch):
    """The 1-0 + 0-1 links above are the split's doing: the DP alone pairs them 1-1."""
    monkeypatch.setattr(dp, "PARAMS_EMBED", dataclasses.replace(dp.PARAMS_EMBED, far_sim=None))
    links = _links(SRC, [*TGT[:4], FOREIGN, *TGT[5:]], Embedder())
    assert ((SRC[4],), (FOREIGN,)) in links


def test_a_page_of_translations_keeps_every_1_1_link():
    assert _links(SRC, TGT, Embedder()) == [((e,), (a,)) for e, a in zip(SRC, TGT, strict=True)]


def _scorer(tgt: list[str], related: bool) -> dp.Scorer:
    """Sentences 0-1 of EN against ``tgt``, with hand-made vectors: the second pair's similar
    (``related``) or orthogonal, the first pair's always similar."""
    src, d = EN[3:5], 4
    sv = np.eye(d, dtype=np.float32)[:2]
    tv = np.eye(d, dtype=np.float32)[[0, 1 if related else 3]]
    side_s = dp.side_from(src, [extract(x) for x in src], sv)
    side_t = dp.side_from(tgt, [extract(x) for x in tgt], tv)
    return dp.Scorer(side_s, side_t, dp.PARAMS_EMBED, None, lex_matrix(src, tgt))


@pytest.mark.parametrize(("second", "related", "split"), [
    (FOREIGN, False, True),  # unrelated by both: split
    (AR[4], False, False),  # the embedding misses it, the dictionary renders its words: kept
    (FOREIGN, True, False),  # the dictionary reads nothing, the embedding says it is a translation: kept
], ids=["unrelated-by-both", "dictionary-renders-it", "embedding-close"])
def test_both_kinds_of_evidence_must_say_unrelated(second, related, split):
    scorer = _scorer([AR[3], second], related)
    links = [((0,), (0,), 1.0), ((1,), (1,), 1.0)]
    assert unrelated.unrelated(links, scorer) == ([1] if split else [])
    out = unrelated.split(links, scorer)
    assert [x[:2] for x in out] == ([((0,), (0,)), ((1,), ()), ((), (1,))] if split else [((0,), (0,)), ((1,), (1,))])
