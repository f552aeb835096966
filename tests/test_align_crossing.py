"""The recut pass (``mt_review.align.crossing``): two 1-1 neighbours whose Arabic boundary is not where
the English one is (a clause moved across it) become one 2-2 link; true neighbours stay 1-1.

The embedder here is a small bag of concepts (each English word and its Arabic rendering share one
dimension, plus a constant one so that unrelated sentences have a cosine of 0.8, as multilingual E5's
do): it makes the test independent of any model while keeping what the pass relies on, that moving
a clause back to its sentence raises the similarity of both halves."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

from mt_review.align import align_sentences, crossing, dp
from mt_review.model import Segment

EN = [
    "The library opens early in the morning.",
    "Children read stories every afternoon.",
    "Parents wait outside the building.",
    "The garden has tall trees, green grass, wooden benches and bright flowers.",
    "Volunteers clean the paths on weekends, as they have done for many years now.",
    "Visitors drink coffee near the fountain.",
    "The museum shows old paintings.",
    "Students write reports about history.",
]
AR = [
    "تفتح المكتبة مبكرا في الصباح.",
    "يقرأ الأطفال القصص كل ظهيرة.",
    "ينتظر الآباء خارج المبنى.",
    "في الحديقة أشجار طويلة وعشب أخضر ومقاعد خشبية وزهور زاهية.",
    "ينظف المتطوعون الممرات في عطلة نهاية الأسبوع.",
    "يشرب الزوار القهوة قرب النافورة.",
    "يعرض المتحف لوحات قديمة.",
    "يكتب الطلاب تقارير عن التاريخ.",
]
# sentences 3 and 4 cut at another place: "and bright flowers" moved to the start of the next sentence
RECUT = [*AR[:3], "في الحديقة أشجار طويلة وعشب أخضر ومقاعد خشبية.", "وزهور زاهية ينظف المتطوعون الممرات في عطلة نهاية الأسبوع.", *AR[5:]]

CONCEPTS = {
    "library": "المكتبة", "opens": "تفتح", "early": "مبكرا", "morning": "الصباح", "children": "الأطفال",
    "read": "يقرأ", "stories": "القصص", "afternoon": "ظهيرة", "every": "كل", "parents": "الآباء",
    "wait": "ينتظر", "outside": "خارج", "building": "المبنى", "garden": "الحديقة", "trees": "أشجار",
    "tall": "طويلة", "green": "أخضر", "grass": "وعشب", "wooden": "خشبية", "benches": "ومقاعد", "flowers": "وزهور", "bright": "زاهية", "volunteers": "المتطوعون", "clean": "ينظف",
    "paths": "الممرات", "weekends": "عطلة", "visitors": "الزوار", "drink": "يشرب", "coffee": "القهوة",
    "near": "قرب", "fountain": "النافورة", "museum": "المتحف", "shows": "يعرض", "old": "قديمة",
    "paintings": "لوحات", "students": "الطلاب", "write": "يكتب", "reports": "تقارير", "history": "التاريخ",
}


class ConceptEmbedder:
    """Bag-of-concepts vectors: one dimension per English word and its rendering, plus a bias."""

    id = "concepts"

    def __init__(self) -> None:
        self.dim_of: dict[str, int] = {}
        for k, (en, ar) in enumerate(CONCEPTS.items()):
            self.dim_of[en] = self.dim_of[ar] = k + 1
        self.dim = len(CONCEPTS) + 1
        self.calls: list[int] = []

    def embed(self, texts):
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for r, text in enumerate(texts):
            for w in re.findall(r"\w+", text.lower()):
                if w in self.dim_of:
                    out[r, self.dim_of[w]] += 1.0
            norm = np.linalg.norm(out[r])
            if norm:
                out[r] /= norm
            out[r, 0] = 2.0  # unrelated texts: cosine 4 / 5 = 0.8
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _segs(texts):
    return [Segment(i, 0, len(t), t) for i, t in enumerate(texts)]


def _links(src, tgt, embedder):
    return [(tuple(s.text for s in p.src), tuple(t.text for t in p.tgt)) for p in align_sentences(_segs(src), _segs(tgt), embedder)]


def test_a_clause_moved_across_the_boundary_makes_one_2_2_link():
    links = _links(EN, RECUT, ConceptEmbedder())
    assert ((EN[3], EN[4]), (RECUT[3], RECUT[4])) in links
    assert [(s, t) for s, t in links if len(s) != 1 or len(t) != 1] == [((EN[3], EN[4]), (RECUT[3], RECUT[4]))]


def test_true_neighbours_stay_one_to_one():
    emb = ConceptEmbedder()
    links = _links(EN, AR, emb)
    assert links == [((e,), (a,)) for e, a in zip(EN, AR)]


def test_without_the_pass_the_recut_is_two_1_1_links(monkeypatch):
    """The DP alone keeps the recut as two 1-1 links: the 2-2 link above is the pass's doing."""
    monkeypatch.setattr(dp, "PARAMS_EMBED", dp.PARAMS_EMBED_NO_RECUT)
    links = _links(EN, RECUT, ConceptEmbedder())
    assert ((EN[3],), (RECUT[3],)) in links and ((EN[4],), (RECUT[4],)) in links


def test_cuts_reach_two_words_either_side_and_keep_a_word_on_each_side():
    cuts = crossing.cuts("a b c", "d e", span=4)
    assert cuts == [("a", "b c d e"), ("a b", "c d e"), ("a b c d", "e")]
    long = crossing.cuts(" ".join("x" * 20), " ".join("y" * 20), span=4)
    assert len(long) == 8  # 60 % of 20 words, capped at span


def test_gains_rank_the_recut_above_true_neighbours():
    """The gain of the moved pair is positive; the gains of true neighbours are not."""
    emb = ConceptEmbedder()

    def unit(texts):
        v = emb.embed(texts)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    for tgt, moved in ((RECUT, True), (AR, False)):
        side_s = dp.side_from(EN, None, None)
        side_t = dp.side_from(tgt, None, None)
        params = dataclasses.replace(dp.PARAMS_EMBED, recut_margin=np.inf, recut_len=-np.inf, recut_cuts=None)
        scorer = dp.Scorer(side_s, side_t, params)
        links = [((i,), (i,), 1.0) for i in range(len(EN))]
        found = {k: g for k, _, g in crossing.gains(links, unit(EN), unit(tgt), tgt, unit, scorer, 0.8)}
        assert set(found) == set(range(len(EN) - 1))
        if moved:
            assert found[3] > params.recut_gain and max(g for k, g in found.items() if k != 3) <= 0
            assert crossing.recut(links, [(k, 0.0, g) for k, g in found.items()], scorer, params.recut_gain)[3][:2] == ((3, 4), (3, 4))
        else:
            assert max(found.values()) <= 0


@pytest.mark.parametrize("n", [0, 1])
def test_nothing_to_join(n):
    scorer = dp.Scorer(dp.side_from(EN[:2], None, None), dp.side_from(AR[:2], None, None), dp.PARAMS_EMBED)
    links = [((i,), (i,), 1.0) for i in range(n)]
    assert crossing.recut(links, [], scorer, 0.0) == links


def _cost_gains(tgt, **change):
    from mt_review.align.anchors import extract
    from mt_review.align.lexical import lex_matrix

    params = dataclasses.replace(dp.PARAMS_LENGTH, recut_margin=np.inf, **change)
    side_s = dp.side_from(EN, [extract(x) for x in EN], None)
    side_t = dp.side_from(tgt, [extract(x) for x in tgt], None)
    scorer = dp.Scorer(side_s, side_t, params, None, lex_matrix(EN, tgt))
    links = [((i,), (i,), 1.0) for i in range(len(EN))]
    return links, scorer, crossing.cost_gains(links, EN, tgt, scorer)


def test_without_embeddings_the_recut_pair_gains_most_from_a_re_cut():
    """The aligner's own cost (length, anchors, dictionary) of the re-cut halves: the recut pair's cost drops
    most, more than the same pair's in the clean twin; past the threshold the pair is joined.  The cost alone:
    the boundary's shape (``crossing.cut_shape``) is off, since this moved clause left no mark where it was
    cut from (the re-cut that restores it lies inside a clause; ``test_align_cut_shape`` has the shape)."""
    off = {"recut_w_mid": 0.0, "recut_w_dangle": 0.0}
    links, scorer, found = _cost_gains(RECUT, **off)
    gains = {k: g for k, _, g in found}
    assert max(gains, key=gains.__getitem__) == 3 and gains[3] > 0
    clean = {k: g for k, _, g in _cost_gains(AR, **off)[2]}
    assert gains[3] > clean[3]
    joined = crossing.recut(links, found, scorer, gains[3] - 1e-6)
    assert joined[3][:2] == ((3, 4), (3, 4)) and len(joined) == len(links) - 1


def test_without_embeddings_true_neighbours_gain_nothing_past_the_threshold():
    assert dp.PARAMS_LENGTH.recut_cost is not None
    assert all(g <= dp.PARAMS_LENGTH.recut_cost for _, _, g in _cost_gains(AR)[2])


# ---------------------------------------------------------------- the length pre-filter (what makes the pass cheap)


def _unit_embed(calls):
    emb = ConceptEmbedder()

    def unit(texts):
        calls.append(list(texts))
        v = emb.embed(texts)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    return unit


def _filtered_gains(tgt, **change):
    params = dataclasses.replace(dp.PARAMS_EMBED, recut_margin=np.inf, **change)
    scorer = dp.Scorer(dp.side_from(EN, None, None), dp.side_from(tgt, None, None), params)
    links = [((i,), (i,), 1.0) for i in range(len(EN))]
    calls: list[list[str]] = []
    unit = _unit_embed(calls)
    found = crossing.gains(links, unit(EN), unit(tgt), tgt, unit, scorer, 0.8)
    return scorer, found, calls[2:]  # the first two calls embed the sentences themselves


def test_the_default_pass_embeds_few_re_cuts():
    """With embeddings the pass is on by default, with the length pre-filter."""
    p = dp.PARAMS_EMBED
    assert p.recut_gain is not None and p.recut_cuts is not None and p.recut_len > -np.inf


def test_the_moved_clause_cut_is_among_the_best_by_length():
    """The re-cut that moves the clause back fits the English lengths better than most: it is among the
    ``recut_cuts`` re-cuts embedded, and the filtered pass still finds the recut."""
    cs = crossing.cuts(RECUT[3], RECUT[4], dp.PARAMS_EMBED.recut_span)
    scorer = dp.Scorer(dp.side_from(EN, None, None), dp.side_from(RECUT, None, None), dp.PARAMS_EMBED)
    lg = crossing.length_gains(3, cs, RECUT[3], RECUT[4], scorer)
    moved_back = next(c for c, (left, _) in enumerate(cs) if left.endswith("وزهور زاهية"))
    top = sorted(range(len(cs)), key=lambda c: -lg[c])[: dp.PARAMS_EMBED.recut_cuts]
    assert moved_back in top
    scorer, found, calls = _filtered_gains(RECUT)
    gains = {k: g for k, _, g in found}
    assert gains[3] > dp.PARAMS_EMBED.recut_gain
    assert all(len(c) <= 4 * len(found) for c in calls)  # two re-cuts, two halves each


def test_true_neighbours_whose_re_cuts_fit_no_better_are_not_embedded():
    """Clean twin: in the page without a recut, only the neighbour pairs with a re-cut that fits the source
    lengths better are embedded (here 2 of 7); without the filter every pair's eight or so re-cuts are."""
    _, found, calls = _filtered_gains(AR)
    _, every, calls_all = _filtered_gains(AR, recut_len=-np.inf, recut_cuts=None)
    assert len(every) == len(EN) - 1
    assert 0 < len(found) < len(every)
    assert sum(map(len, calls)) < sum(map(len, calls_all)) / 3
    assert all(g <= dp.PARAMS_EMBED.recut_gain for _, _, g in found)


def _unit_rows(*cosines):
    """Unit vectors whose first two coordinates give the cosine with source sentence 0 or 1."""
    out = []
    for who, c in cosines:
        v = np.zeros(3)
        v[who], v[2] = c, np.sqrt(1 - c * c)
        out.append(v)
    return np.array(out)


@pytest.mark.parametrize("length_gain, joined", [(1.0, True), (0.0, False)])
def test_a_re_cut_that_fits_the_lengths_better_needs_less_embedding_gain(length_gain, joined):
    """``recut_w_len``: the same small rise of similarity (0.04 in units of 1 - 0.8, below ``recut_gain``)
    joins the pair when the re-cut also fits the source lengths much better, and not when it fits them
    no better (clean twin)."""
    p = dp.PARAMS_EMBED
    assert p.recut_w_len > 0 and p.recut_gain is not None
    src = np.eye(3)[:2]
    tgt = _unit_rows((0, 0.9), (1, 0.9))
    recut = _unit_rows((0, 0.904), (1, 0.904))  # each half's cosine with its sentence rises by 0.004
    scorer = dp.Scorer(dp.side_from(EN[:2], None, None), dp.side_from(AR[:2], None, None), p)
    found = [(0, 0, 0, 0.0, [("left", "right")], [length_gain])]
    (k, _, gain), = crossing.gains_from(found, src, tgt, recut, scorer, 0.8)
    assert gain == pytest.approx(0.04 + p.recut_w_len * length_gain)
    links = [((0,), (0,), 1.0), ((1,), (1,), 1.0)]
    assert (len(crossing.recut(links, [(k, 0.0, gain)], scorer, p.recut_gain)) == 1) == joined


def test_a_page_embeds_its_re_cuts_in_one_call():
    """Two blocks, each with the recut: both are joined, and the re-cut halves of both go to the embedder in
    one call after the page's sentences (a call per block link would cost a model call each)."""
    from mt_review.align import align_pair
    from mt_review.model import Block, BlockKind, Page, PagePair

    def page(lang, sentences):
        blocks = (Block(BlockKind.PARAGRAPH, " ".join(sentences), 0), Block(BlockKind.PARAGRAPH, " ".join(sentences[1:]), 1))
        return Page(path=f"p.{lang}.txt", lang=lang, title="", blocks=blocks)

    emb = ConceptEmbedder()
    result = align_pair(PagePair("p", page("en", EN), page("ar", RECUT)), embedder=emb)
    joined = [(p.src_text, p.tgt_text) for p in result.pairs if p.link == "2-2"]
    assert len(joined) == 2, [(p.link, p.src_text[:30]) for p in result.pairs]
    assert len(emb.calls) == 2


# ---------------------------------------------------------------- words that crossed the boundary (without embeddings)

# "Visitors drink" moved from sentence 5 to the end of sentence 4: the cost of the re-cut halves alone
# does not pass ``recut_cost``; the crossed dictionary word (visitors -> الزوار) does.
CROSSED = [*AR[:4], "ينظف المتطوعون الممرات في عطلة نهاية الأسبوع، يشرب الزوار.", "القهوة قرب النافورة.", *AR[6:]]


def _links_of(tgt, params):
    old = dp.PARAMS_LENGTH
    dp.PARAMS_LENGTH = params
    try:
        return [(tuple(s.block_index for s in x.src), tuple(t.block_index for t in x.tgt))
                for x in align_sentences(_segs(EN), _segs(tgt))]
    finally:
        dp.PARAMS_LENGTH = old


def test_boundary_words_counts_words_that_crossed_and_not_shared_ones():
    """A word of the second English sentence rendered at the end of the first Arabic one (and not in the
    second) counts; in the clean twin no word crossed."""
    assert crossing.boundary_words(EN[4], EN[5], CROSSED[4], CROSSED[5]) == 1
    assert [crossing.boundary_words(EN[i], EN[i + 1], AR[i], AR[i + 1]) for i in range(len(EN) - 1)] == [0] * 7
    # the word is also in the first English sentence: shared vocabulary, not evidence
    assert crossing.boundary_words(EN[4] + " Visitors help.", EN[5], CROSSED[4], CROSSED[5]) == 0


def test_a_crossed_word_joins_a_recut_the_cost_alone_leaves_as_two_links():
    """Without embeddings, with ``recut_w_cross`` the recut is one 2-2 link; without it, two wrong 1-1
    links; the clean twin stays 1-1 either way."""
    assert dp.PARAMS_LENGTH.recut_w_cross > 0
    off = dataclasses.replace(dp.PARAMS_LENGTH, recut_w_cross=0.0)
    assert ((4, 5), (4, 5)) in _links_of(CROSSED, dp.PARAMS_LENGTH)
    assert ((4,), (4,)) in _links_of(CROSSED, off)
    assert _links_of(AR, dp.PARAMS_LENGTH) == [((i,), (i,)) for i in range(len(EN))]


class _BlindToTheClause(ConceptEmbedder):
    """The concept embedder without the moved clause's words ("visitors drink"): the embedding sees no
    gain in moving the clause back, as for most recuts a real model misses."""

    def __init__(self) -> None:
        super().__init__()
        for w in ("visitors", "drink", "الزوار", "يشرب"):
            self.dim_of.pop(w)


def test_with_embeddings_a_crossed_word_joins_a_recut_the_embedding_misses(monkeypatch):
    """With ``recut_w_cross`` the crossed dictionary word joins the two links; without it they stay
    two wrong 1-1 links; the clean twin stays 1-1."""
    assert dp.PARAMS_EMBED.recut_w_cross > 0
    links = _links(EN, CROSSED, _BlindToTheClause())
    assert ((EN[4], EN[5]), (CROSSED[4], CROSSED[5])) in links
    assert _links(EN, AR, _BlindToTheClause()) == [((e,), (a,)) for e, a in zip(EN, AR)]
    monkeypatch.setattr(dp, "PARAMS_EMBED", dataclasses.replace(dp.PARAMS_EMBED, recut_w_cross=0.0))
    assert ((EN[4],), (CROSSED[4],)) in _links(EN, CROSSED, _BlindToTheClause())


# ---------------------------------------------------------------- 2-2 links where nothing moved (without embeddings)


def _unjoin(tgt, threshold):
    from mt_review.align.anchors import extract
    from mt_review.align.lexical import lex_matrix

    side_s = dp.side_from(EN, [extract(x) for x in EN], None)
    side_t = dp.side_from(tgt, [extract(x) for x in tgt], None)
    scorer = dp.Scorer(side_s, side_t, dp.PARAMS_LENGTH, None, lex_matrix(EN, tgt))
    links = [((0,), (0,), 1.0), ((1,), (1,), 1.0), ((2,), (2,), 1.0), ((3, 4), (3, 4), 1.0),
             ((5,), (5,), 1.0), ((6,), (6,), 1.0), ((7,), (7,), 1.0)]
    return [(s, t) for s, t, _ in crossing.unjoin(links, EN, tgt, scorer, threshold)]


def test_unjoin_splits_a_2_2_link_whose_boundary_is_already_the_best_cut():
    """Over the clean sentences no re-cut of 3-4 helps: the 2-2 link becomes two 1-1 links; over the recut
    (a clause moved) a re-cut helps and the 2-2 link stays."""
    threshold = dp.PARAMS_LENGTH.unjoin_cost
    assert threshold is not None
    assert _unjoin(AR, threshold) == [((i,), (i,)) for i in range(len(EN))]
    assert ((3, 4), (3, 4)) in _unjoin(RECUT, threshold)


# Catalogue strings: the gloss "cache (خزن)" makes the seventh Arabic string long for its English one, and
# the DP fits the sixth and seventh better summed (one 2-2 link) though nothing crossed their boundary.
CAT_EN = ["GTK+ debugging flags to set.", "Hold the job until it is explicitly released.", "Left to right, top to bottom.",
          "No GL implementation is available.", "No available configurations for the given RGBA pixel format.",
          "Open the contents of the file system.", "Overwrite an existing cache, even if up to date.",
          "Position on the color wheel.", "Program name as used by the window manager.", "Right to left, bottom to top.",
          "Select which type of documents are shown."]
CAT_AR = ["شارات تنقيح ج\u200cت\u200cك+ التي ستضبط.", "احجز المهمّة حتّى تطلق صراحة.", "من اليسار لليمين، ومن الأعلى للأسفل.",
          "لا تتوفر أي تنفيذات لمعيار GL.", "لا تتوفر أي إعدادات لنسق البكسلات المُعطى.", "افتح محتويات نظام الملفات.",
          "اكتب فوق ملف cache (خزن) موجود، حتى إذا كان محدّثا.", "الموقع على عجلة الألوان.",
          "اسم البرنامج كما يستخدمه مدير النوافذ.", "من اليمين لليسار، ومن الأسفل للأعلى.", "اختر أنواع المستندات التي ستعرض."]


def test_without_embeddings_a_2_2_link_where_nothing_moved_becomes_two_1_1_links():
    """With ``unjoin_cost`` every string is its own 1-1 link; without it the DP's 2-2 link stays."""
    def links(params):
        old = dp.PARAMS_LENGTH
        dp.PARAMS_LENGTH = params
        try:
            return [(tuple(s.block_index for s in x.src), tuple(t.block_index for t in x.tgt))
                    for x in align_sentences(_segs(CAT_EN), _segs(CAT_AR))]
        finally:
            dp.PARAMS_LENGTH = old

    assert links(dp.PARAMS_LENGTH) == [((i,), (i,)) for i in range(len(CAT_EN))]
    assert ((5, 6), (5, 6)) in links(dataclasses.replace(dp.PARAMS_LENGTH, unjoin_cost=None))


def test_with_embeddings_unjoin_prices_re_cuts_without_them():
    """With embeddings the re-cuts are priced with ``PARAMS_LENGTH``'s weights (lengths, anchors, dictionary;
    no embedding call) against ``PARAMS_EMBED.unjoin_cost``: the clean pair is split, the recut kept."""
    from mt_review.align.anchors import extract
    from mt_review.align.lexical import lex_matrix

    threshold = dp.PARAMS_EMBED.unjoin_cost
    assert threshold is not None
    for tgt, kept in ((AR, False), (RECUT, True)):
        side_s = dp.side_from(EN, [extract(x) for x in EN], None)
        side_t = dp.side_from(tgt, [extract(x) for x in tgt], None)
        # without the boundary's shape (``unjoin_shape``, tests/test_align_unjoin17.py): this RECUT's moved clause
        # left no punctuation, so with it unjoin splits the link and the recut pass re-joins it
        # (test_a_clause_moved_across_the_boundary_makes_one_2_2_link)
        scorer = dp.Scorer(side_s, side_t, dataclasses.replace(dp.PARAMS_EMBED, unjoin_shape=0.0), None,
                           lex_matrix(EN, tgt))
        links = [((i,), (i,), 1.0) for i in range(3)] + [((3, 4), (3, 4), 1.0)] + [((i,), (i,), 1.0) for i in range(5, 8)]
        out = [(s, t) for s, t, _ in crossing.unjoin(links, EN, tgt, scorer, threshold, dp.PARAMS_LENGTH)]
        assert (((3, 4), (3, 4)) in out) == kept


def test_with_embeddings_a_2_2_link_of_the_dp_where_nothing_moved_becomes_two_1_1_links(monkeypatch):
    """The DP (stubbed) joins the clean sentences 3 and 4: with embeddings the pass splits them again;
    with ``unjoin_cost`` None the 2-2 link stays."""
    real = dp.align

    def joined(src, tgt, params, **kw):
        links = real(src, tgt, params, **kw)
        return links[:3] + [((3, 4), (3, 4), 0.5)] + links[5:]

    monkeypatch.setattr(dp, "align", joined)
    assert _links(EN, AR, ConceptEmbedder()) == [((e,), (a,)) for e, a in zip(EN, AR, strict=True)]
    monkeypatch.setattr(dp, "PARAMS_EMBED", dataclasses.replace(dp.PARAMS_EMBED, unjoin_cost=None))
    assert ((EN[3], EN[4]), (AR[3], AR[4])) in _links(EN, AR, ConceptEmbedder())


# ---------------------------------------------------------------- with embeddings, the gain without them counts too


def _embedded_gains(tgt, monkeypatch, w_cost):
    monkeypatch.setattr(dp, "PARAMS_EMBED", dataclasses.replace(dp.PARAMS_EMBED, recut_w_cost=w_cost))
    seen: dict[int, float] = {}
    real = getattr(crossing.recut, "real", crossing.recut)  # not an earlier call's spy

    def spy(links, found, scorer, threshold):
        seen.update({links[k][0][0]: g for k, _, g in found})
        return real(links, found, scorer, threshold)

    spy.real = real  # type: ignore[attr-defined]
    monkeypatch.setattr(crossing, "recut", spy)
    _links(EN, tgt, _BlindToTheClause())
    return seen


def test_with_embeddings_the_cost_gain_past_the_threshold_without_them_adds_to_the_recut_gain(monkeypatch):
    """``recut_w_cost`` times the part of the re-cut gain without embeddings above ``recut_w_cost_above``
    is added to the embedding gain of the recut pair (``CROSSED``: "Visitors drink" moved); true neighbours,
    whose gain without embeddings stays below that threshold, gain nothing."""
    w = dp.PARAMS_EMBED.recut_w_cost
    above = dp.PARAMS_EMBED.recut_w_cost_above
    assert w > 0
    from mt_review.align.anchors import extract
    from mt_review.align.lexical import lex_matrix

    side_s = dp.side_from(EN, [extract(x) for x in EN], None)
    side_t = dp.side_from(CROSSED, [extract(x) for x in CROSSED], None)
    scorer = dp.Scorer(side_s, side_t, dp.PARAMS_LENGTH, None, lex_matrix(EN, CROSSED))
    cost_gain = crossing.cut_gain(EN[4:6], CROSSED[4], CROSSED[5], scorer)
    assert cost_gain > above
    on, off = _embedded_gains(CROSSED, monkeypatch, w), _embedded_gains(CROSSED, monkeypatch, 0.0)
    assert on[4] == pytest.approx(off[4] + w * (cost_gain - above))
    clean_on, clean_off = _embedded_gains(AR, monkeypatch, w), _embedded_gains(AR, monkeypatch, 0.0)
    assert clean_on and clean_on == pytest.approx(clean_off)
