"""Unrelated 1-1 links after the DP: a dropped sentence paired with an inserted one.

When a translation drops a sentence and a foreign sentence (another page's,
a widget's) sits where its translation should be, the DP pairs the two: one
1-1 link of unrelated sentences costs less than two skips, and pricing
dissimilar pairs higher inside the DP does not help (measured: true 1-1
links whose embeddings happen to be far apart are then merged with a
neighbour into a 2-2 link instead).  After the DP, a 1-1 link is split into
a 1-0 and a 0-1 link only when both kinds of evidence say the two sides are
unrelated: the embedding similarity (centred, as in the DP) is below
``Params.far_sim`` *and* the dictionary renders at most ``Params.far_lex`` of
either side's words (``lexical.LexMatrix.item_shares``).  Without embeddings,
or without the dictionary, nothing is split: one weak signal is not enough.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from mt_review.align import dp

Link = tuple[tuple[int, ...], tuple[int, ...], float]


def unrelated(links: Sequence[Link], scorer: dp.Scorer) -> list[int]:
    """Indices of the 1-1 links of ``links`` whose two sentences are unrelated (see module doc)."""
    p = scorer.p
    if p.far_sim is None or not scorer.use_emb or scorer.lex is None:
        return []
    src_vecs, tgt_vecs = scorer.src.vecs, scorer.tgt.vecs
    assert src_vecs is not None and tgt_vecs is not None
    out = []
    for k, (si, ti, _) in enumerate(links):
        if len(si) != 1 or len(ti) != 1:
            continue
        i, j = si[0], ti[0]
        sim = float(tgt_vecs[j] @ src_vecs[i])
        if scorer.sim_base:
            sim = (sim - scorer.sim_base) / (1.0 - scorer.sim_base)
        if sim >= p.far_sim:
            continue
        sh_s, sh_t = scorer.lex.item_shares(1, i, 1, np.array([j]), p.lex_ref, p.lex_prior)
        if max(float(sh_s.max()), float(sh_t.max())) <= p.far_lex:
            out.append(k)
    return out


def split(links: Sequence[Link], scorer: dp.Scorer) -> list[Link]:
    """``links`` with each unrelated 1-1 link replaced by a 1-0 and a 0-1 link (source first)."""
    far = set(unrelated(links, scorer))
    if not far:
        return list(links)
    out: list[Link] = []
    for k, link in enumerate(links):
        if k in far:
            (i,), (j,), _ = link
            out.append(((i,), (), round(scorer.confidence(1, i, 0, j), 4)))
            out.append(((), (j,), round(scorer.confidence(0, i + 1, 1, j), 4)))
        else:
            out.append(link)
    return out
