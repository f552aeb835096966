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

The same event can hide in a 2-2 link (``hidden_pair``, with or without
embeddings, before ``crossing.unjoin``): a sentence left out right before the
next sentence's translation, and a foreign sentence right after it, are four
sentences the DP prices cheaper as one 2-2 link than as two skips and a 1-1
link.  A true 2-2 link is a boundary that moved, so each of its four sentences
holds part of a translation; when the dictionary pairs one sentence of each
side across the link's diagonal and the other two share no word with the
other side, even loosely, the link is a 1-0, a 1-1 and a 0-1 link.

A dropped sentence can also hide in a merge (``peel_short``, with embeddings, after ``split_hidden``):
near-identical catalogue strings summed embed about as close to one string's translation as that string
alone, and a 2-1 merge costs less than a skip.  A merge whose target is markedly shorter than its sources
need, nearly as cheap with an end sentence left out, and least similar to that sentence, is a 1-0 link next
to a shorter link.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from mt_review.align import dp, neighbours

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


def _alone(lex, i: int | None, j: int | None, cols: Sequence[int], rows: Sequence[int], min_words: int) -> bool:
    """Source item ``i`` shares no word, strictly or loosely, with target items ``cols``
    (or target item ``j`` with source items ``rows``), and has ``min_words`` countable words."""
    if i is not None:
        if lex.src_words[i] < min_words:
            return False
        return all(lex.found[i, c] == 0 and lex.explained[i, c] == 0 and (lex.loose is None or lex.loose[i, c] == 0)
                   for c in cols)
    assert j is not None
    if lex.tgt_words[j] < min_words:
        return False
    return all(lex.found[r, j] == 0 and lex.explained[r, j] == 0 and (lex.loose is None or lex.loose[r, j] == 0)
               for r in rows)


def hidden_pair(link: Link, scorer: dp.Scorer) -> list[Link] | None:
    """A 2-2 link that is a dropped sentence, a 1-1 link and an inserted sentence: the links it
    stands for, or None.  It is one when the dictionary pairs one sentence of each side *across*
    the link's diagonal (the second English with the first Arabic, or the first English with the
    second Arabic: words rendered, ``found`` or ``explained``) while the other English sentence and
    the other Arabic sentence share no word, even loosely, with any sentence of the other side and
    have ``Params.none_words`` countable words or more.  A 2-2 link is a boundary that moved: each of
    its four sentences holds part of a translation, so each has a counterpart; a sentence that has
    none was left out (1-0) or put in (0-1), and the DP made one link of the two because two skips
    cost more."""
    si, ti, _ = link
    lex = scorer.lex
    if lex is None or len(si) != 2 or len(ti) != 2:
        return None
    (i0, i1), (j0, j1) = si, ti
    w = scorer.p.none_words
    for (a, b), (lone_i, lone_j) in (((i1, j0), (i0, j1)), ((i0, j1), (i1, j0))):
        if not (lex.found[a, b] or lex.explained[a, b]):
            continue
        if _alone(lex, lone_i, None, ti, si, w) and _alone(lex, None, lone_j, ti, si, w):
            pair = ((a,), (b,), round(scorer.confidence(1, a, 1, b), 4))
            drop = ((lone_i,), (), round(scorer.confidence(1, lone_i, 0, b), 4))
            insert = ((), (lone_j,), round(scorer.confidence(0, a, 1, lone_j), 4))
            # monotone order: what comes before the pair on each side, then the pair, then the rest
            return [drop, pair, insert] if a == i1 else [insert, pair, drop]
    return None


def split_hidden(links: Sequence[Link], scorer: dp.Scorer) -> list[Link]:
    """``links`` with each 2-2 link that hides a drop and an insert (``hidden_pair``) replaced
    by the three links it stands for."""
    out: list[Link] = []
    for link in links:
        out.extend(hidden_pair(link, scorer) or [link])
    return out


def peel_short(link: Link, scorer: dp.Scorer, texts: tuple[Sequence[str], Sequence[str]] | None = None
               ) -> list[Link] | None:
    """A merge (2-1, 3-1) that is a dropped sentence next to a shorter link: the links it stands for, or None.

    A merge's target renders every source sentence, so it is about as long as the page's length ratio
    says all of them need; a target markedly shorter (under ``Params.peel_len`` of that) renders fewer.
    Near-identical catalogue strings summed embed about as close to one string's translation as that
    string alone, so the DP makes the merge when leaving a sentence out costs about as much (a skip against
    a merge prior).  The merge is undone -- an end sentence becomes a 1-0 link -- when leaving it out raises
    the cost by less than ``Params.peel_margin`` and the target renders it least (``_least_rendered``:
    without embeddings only near-identical neighbours' own words can say so); of the two ends, the cheaper."""
    si, ti, _ = link
    p = scorer.p
    if p.peel_len is None or len(si) < 2 or len(ti) != 1:
        return None
    (j,) = ti
    lens = scorer.src.lens
    if scorer.tgt.lens[j] >= p.peel_len * scorer.ratio * float(sum(lens[i] for i in si)):
        return None
    js = np.array([j])
    merge = float(scorer.link(len(si), si[0], 1, js)[0])
    sims = None
    if scorer.use_emb and p.peel_sim is not None:
        sv, tv = scorer.src.vecs, scorer.tgt.vecs
        assert sv is not None and tv is not None
        sims = {i: float(tv[j] @ sv[i]) for i in si}
    best = None
    for end in (si[0], si[-1]):
        rest = tuple(i for i in si if i != end)
        if not _least_rendered(end, rest, sims, scorer, texts, j):
            continue
        rise = p.skip + float(scorer.link(len(rest), rest[0], 1, js)[0]) - merge
        if rise < p.peel_margin and (best is None or rise < best[0]):
            best = (rise, end, rest)
    if best is None:
        return None
    _, end, rest = best
    drop = ((end,), (), round(scorer.confidence(1, end, 0, j), 4))
    kept = (rest, (j,), round(scorer.confidence(len(rest), rest[0], 1, j), 4))
    return [drop, kept] if end == si[0] else [kept, drop]


def _least_rendered(end: int, rest: Sequence[int], sims: dict[int, float] | None, scorer: dp.Scorer,
                    texts: tuple[Sequence[str], Sequence[str]] | None, j: int) -> bool:
    """The target renders source sentence ``end`` least of the merge: its similarity is ``peel_sim`` below
    a kept sentence's, or -- when ``end`` and its kept neighbour are near-identical strings, which no
    embedding tells apart (``neighbours``) -- the target holds more of the neighbour's own words than of
    its own."""
    p = scorer.p
    if texts is not None and p.peel_twins:
        src, tgt = texts
        near = rest[0] if end < rest[0] else rest[-1]
        if neighbours.near_duplicates(neighbours.content_words(src[end]), neighbours.content_words(src[near])):
            return neighbours.own_evidence(src[near], src[end], tgt[j]) > neighbours.own_evidence(src[end], src[near], tgt[j])
    if sims is None or p.peel_sim is None:
        return False
    return max(sims[i] for i in rest) - sims[end] >= p.peel_sim


def peel(links: Sequence[Link], scorer: dp.Scorer, texts: tuple[Sequence[str], Sequence[str]] | None = None
         ) -> list[Link]:
    """``links`` with each merge that hides a dropped sentence (``peel_short``) undone; ``texts``
    (source and target sentences) for near-identical neighbours."""
    out: list[Link] = []
    for link in links:
        out.extend(peel_short(link, scorer, texts) or [link])
    return out
