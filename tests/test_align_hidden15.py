"""A 2-2 link hiding a drop and an insert (``mt_review.align.unrelated.hidden_pair``, session 15).

When a translation leaves a sentence out and a foreign sentence (another page's string) sits just
after the next sentence's translation, the DP pays less for one 2-2 link over the four sentences than
for two skips.  The dictionary pairs one English and one Arabic sentence across the link's diagonal,
and the other two share no word with anything on the other side: the link is a 1-0, a 1-1 and a 0-1.
Clean twins: a true 2-2 recut (every sentence has a counterpart), a lone sentence that shares a word
loosely, a lone item too short to judge, and a page of translations."""

from __future__ import annotations

import dataclasses

import pytest

from mt_review.align import clauses, crossing, dp, unrelated
from mt_review.align.anchors import extract
from mt_review.align.core import align_sentences
from mt_review.align.lexical import lex_matrix
from mt_review.lexicon import en_ar_dictionary
from tests.test_align_crossing import _segs
from tests.test_align_unrelated import MORE

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="FreeDict English-Arabic not installed")

# eight unrelated everyday sentences (the second page of test_align_unrelated)
PAIRS = MORE
EN = [e for e, _ in PAIRS]
AR = [a for _, a in PAIRS]
FOREIGN = "تعذّر تخصيص ذاكرة للتيار."  # another page's string: "Could not allocate memory for the stream"


def _damaged(k: int) -> list[str]:
    """English sentence k left out, the foreign string right after the next sentence's translation."""
    return AR[:k] + [AR[k + 1], FOREIGN] + AR[k + 2 :]


def _links(src: list[str], tgt: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(tuple(s.text for s in p.src), tuple(t.text for t in p.tgt)) for p in align_sentences(_segs(src), _segs(tgt))]


@pytest.mark.parametrize("k", [1, 3, 5])
def test_a_drop_next_to_an_insert_is_a_1_0_a_1_1_and_a_0_1_link(k):
    links = _links(EN, _damaged(k))
    assert links[k : k + 3] == [((EN[k],), ()), ((EN[k + 1],), (AR[k + 1],)), ((), (FOREIGN,))]
    assert [x for x in links if len(x[0]) != 1 or len(x[1]) != 1] == [((EN[k],), ()), ((), (FOREIGN,))]


@pytest.mark.parametrize("k", [1, 3, 5])
def test_without_the_rule_the_dp_makes_one_2_2_link_of_the_four(monkeypatch, k):
    monkeypatch.setattr(dp, "PARAMS_LENGTH", dataclasses.replace(dp.PARAMS_LENGTH, split_hidden=False))
    assert ((EN[k], EN[k + 1]), (AR[k + 1], FOREIGN)) in _links(EN, _damaged(k))


def test_a_page_of_translations_keeps_every_1_1_link():
    assert _links(EN, AR) == [((e,), (a,)) for e, a in zip(EN, AR, strict=True)]


def _scorer(src: list[str], tgt: list[str]) -> dp.Scorer:
    side_s = dp.side_from(src, [extract(x) for x in src], None)
    side_t = dp.side_from(tgt, [extract(x) for x in tgt], None)
    return dp.Scorer(side_s, side_t, dp.PARAMS_LENGTH, 1.0, lex_matrix(src, tgt))


def test_hidden_pair_reads_either_diagonal():
    """The first English with the second Arabic (an insert before, a drop after) as well as the second
    English with the first Arabic (a drop before, an insert after); the evidence is the dictionary's."""
    after = unrelated.hidden_pair(((0, 1), (0, 1), 0.5), _scorer(EN[1:3], [AR[2], FOREIGN]))
    assert after is not None and [(s, t) for s, t, _ in after] == [((0,), ()), ((1,), (0,)), ((), (1,))]
    before = unrelated.hidden_pair(((0, 1), (0, 1), 0.5), _scorer(EN[1:3], [FOREIGN, AR[1]]))
    assert before is not None and [(s, t) for s, t, _ in before] == [((), (0,)), ((0,), (1,)), ((1,), ())]


def test_a_true_recut_is_kept():
    """A clause moved across the boundary: every sentence has a counterpart on the other side."""
    recut = ["يبيع الخباز خبزا طازجا، ويزور الطبيب", "المرضى."]
    assert unrelated.hidden_pair(((0, 1), (0, 1), 0.5), _scorer(EN[:2], recut)) is None


def test_a_lone_sentence_sharing_a_word_is_kept():
    """The left-out English sentence shares 'bread' (خبز, a dictionary rendering) with the inserted one."""
    inserted = "تعذّر تخصيص خبز للتيار."
    assert unrelated.hidden_pair(((0, 1), (0, 1), 0.5), _scorer(EN[:2], [AR[1], inserted])) is None


def test_a_lone_item_of_one_word_is_not_judged():
    """An Arabic item of one countable word says too little (``Params.none_words``)."""
    assert unrelated.hidden_pair(((0, 1), (0, 1), 0.5), _scorer(EN[:2], [AR[1], "تعذّر."])) is None


# ------------------------------------------------------------------ the recut pass's margin (crossing._margins)

OPEN = ["فيما إذا يتم عرض الأزرار بأيقونة، وفيما إذا.", "يطبع العنوان بخط عريض."]  # the first ends on إذا
CLOSED = ["فيما إذا يتم عرض الأزرار بأيقونة.", "يطبع العنوان بخط عريض."]
EN_PAIR = ["Whether the buttons should be shown with an icon.", "Whether the title is printed in a bold font."]


def _margin(tgt: list[str], w_open: float) -> float:
    p = dataclasses.replace(dp.PARAMS_LENGTH, w_open=w_open, recut_margin=100.0)
    side_s = dp.side_from(EN_PAIR, [extract(x) for x in EN_PAIR], None)
    side_t = dp.side_from(tgt, [extract(x) for x in tgt], None)
    scorer = dp.Scorer(side_s, side_t, p, 1.0, lex_matrix(EN_PAIR, tgt))
    ((_, _, _, margin),) = crossing._margins([((0,), (0,), 0.9), ((1,), (1,), 0.9)], scorer)
    return margin


def test_the_recut_margin_counts_the_boundary_the_dp_paid_for():
    """Two 1-1 links whose first Arabic sentence ends on a clause-opening word paid ``w_open`` for the
    boundary between them in the DP; the 2-2 link does not, so its margin is lower by ``w_open``."""
    assert _margin(OPEN, 2.0) == pytest.approx(_margin(OPEN, 0.0) - 2.0)


def test_a_boundary_after_punctuation_costs_the_margin_nothing():
    assert _margin(CLOSED, 2.0) == pytest.approx(_margin(CLOSED, 0.0))


def _unjoined(tgt: list[str], w_dangle: float) -> list:
    p = dataclasses.replace(dp.PARAMS_LENGTH, recut_w_dangle=w_dangle)
    side_s = dp.side_from(EN_PAIR, [extract(x) for x in EN_PAIR], None)
    side_t = dp.side_from(tgt, [extract(x) for x in tgt], None)
    scorer = dp.Scorer(side_s, side_t, p, 1.0, lex_matrix(EN_PAIR, tgt))
    links = crossing.unjoin([((0, 1), (0, 1), 0.9)], EN_PAIR, tgt, scorer, p.unjoin_cost or 0.4)
    return [(s, t) for s, t, _ in links]


def test_unjoin_keeps_a_2_2_link_whose_boundary_would_follow_a_clause_opening_word():
    """Splitting the 2-2 link would keep a boundary right after إذا, a clause cut in two (``recut_w_dangle``)."""
    assert _unjoined(OPEN, 2.0) == [((0, 1), (0, 1))]
    assert _unjoined(OPEN, 0.0) == [((0,), (0,)), ((1,), (1,))]


def test_unjoin_still_splits_a_2_2_link_of_two_whole_sentences():
    assert _unjoined(CLOSED, 2.0) == [((0,), (0,)), ((1,), (1,))]


# ------------------------------------------------------------------ words that need a complement (clauses.ends_open)

@pytest.mark.parametrize("text", [
    "فأسقط علينا كسفا من السماء إن كنت.",  # a verb of being without its predicate
    "وجاءت سكرة الموت بالحق ذلك ما كنت.",
    "فيما إذا وجب.",  # a modal without its verb
    "ما إذا كان يجب.",
    "الملف الذي سيتم.",
    "اختر أي.",  # a determiner without its noun
    "وهذا ما سيكون.",
    "وكان.",  # behind و
])
def test_a_sentence_ending_on_a_word_that_needs_a_complement_is_open(text):
    assert clauses.ends_open(text)


@pytest.mark.parametrize("text", [
    "تم.",  # "Done.": a whole catalogue string
    "حدث خطأ ما.",  # "an error occurred": ما after its noun
    "لكل شخص الحق في الحياة.",
    "لا شيء.",
    "كما كانت الحال من قبل.",  # the verb has its predicate
    "يعمل البرنامج كما يجب.",  # "as it should": the comparison is complete
    "بقي الملف كما يكون.",
])
def test_a_complete_sentence_is_not(text):
    assert not clauses.ends_open(text)
