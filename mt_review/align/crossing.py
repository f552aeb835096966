"""Recuts after the DP: two 1-1 neighbours that are really one 2-2 link.

A translation may cut two sentences at another place: a clause of one
English sentence is rendered at the end or start of the other Arabic
sentence.  When the clause is short both 1-1 links still look like
translations and the DP keeps them, and a lower 2-2 prior would merge true
1-1 neighbours too.  What differs is where the Arabic boundary lies: for
true neighbours it is the best place to cut the two Arabic sentences, for
a recut some other cut fits the two English sentences better (the words
that crossed the boundary go back).  This pass tries the cuts a few words
either side of the boundary, embeds the re-cut halves and joins the two
links into one 2-2 link when a re-cut raises the summed similarity by more
than ``Params.recut_gain``.  Only neighbours whose 2-2 alternative is
nearly as cheap as the two 1-1 links (``Params.recut_margin``) are tried,
and of those only the ones with a re-cut that fits the source lengths
better, and only their best re-cuts by length (``candidates``): embedding
every re-cut cost 3.8x the CPU of a review; the length gain also counts
towards the join (``Params.recut_w_len``).

Without embeddings the re-cut halves are priced by the aligner's own cost
(length, anchors, dictionary shares, ``cost_gains``): a re-cut that lowers
the cost of the two 1-1 links by more than ``Params.recut_cost`` joins them.
Counting dictionary words that cross the boundary was measured first and
does not work alone: the dictionary finds too few words of a two- or
three-word clause.  As extra evidence on top of the cost drop it does help
(``boundary_words``, weighed by ``Params.recut_w_cross``): the cost cannot see
a crossed word, since a well-rendered sentence's dictionary cost is already
at its floor with or without it.

The same test run the other way (``unjoin``, re-cuts priced without
embeddings even when there are some): a 2-2 link the DP made whose own
target boundary is already the best cut is two neighbours whose lengths
happen to fit better summed (a glossed catalogue string), and becomes two
1-1 links.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

import numpy as np

from mt_review.align import clauses, dp
from mt_review.align.anchors import extract
from mt_review.align.lexical import en_words, ar_words_at, lex_matrix
from mt_review.langid import EN_FUNCTION_WORDS

Link = tuple[tuple[int, ...], tuple[int, ...], float]


def neighbours(links: Sequence[Link]) -> list[int]:
    """Indices k where links k and k+1 are both 1-1 and consecutive on both sides."""
    out = []
    for k in range(len(links) - 1):
        (s1, t1, _), (s2, t2, _) = links[k], links[k + 1]
        if len(s1) == len(t1) == len(s2) == len(t2) == 1 and s2[0] == s1[0] + 1 and t2[0] == t1[0] + 1:
            out.append(k)
    return out


def cuts(first: str, second: str, span: int) -> list[tuple[str, str]]:
    """The two Arabic sentences joined and cut again 1..``span`` words either side of
    their boundary (up to 60 % of the shorter one's words, but two words in any
    case: a clause is rarely shorter; at least one word left on each side):
    (left, right) texts."""
    w1, w2 = first.split(), second.split()
    words, b0 = w1 + w2, len(w1)
    reach = min(span, max(2, round(0.6 * min(len(w1), len(w2)))))
    out = []
    for c in range(max(1, b0 - reach), min(len(words) - 1, b0 + reach) + 1):
        if c != b0:
            out.append((" ".join(words[:c]), " ".join(words[c:])))
    return out


def length_gains(i: int, cs: Sequence[tuple[str, str]], first: str, second: str, scorer) -> np.ndarray:
    """Per re-cut, the drop of the two 1-1 links' Gale-Church length cost (around the page's
    ratio) from the actual cut (``first``, ``second``) to it: positive when the re-cut halves
    fit the two source sentences' lengths better.  No embedding, no dictionary: cheap."""
    p, ratio = scorer.p, scorer.ratio
    ls = scorer.src.lens

    def cost(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return dp.length_cost(ls[i], left, ratio, p.s2) + dp.length_cost(ls[i + 1], right, ratio, p.s2)

    now = cost(np.array([len(first)]), np.array([len(second)]))[0]
    return now - cost(np.array([len(a) for a, _ in cs]), np.array([len(b) for _, b in cs]))


Candidate = tuple[int, int, int, float, list[tuple[str, str]], list[float]]  # k, i, j, margin, re-cuts, length gains


def candidates(links: Sequence[Link], tgt_texts: Sequence[str], scorer) -> list[Candidate]:
    """The neighbour pairs worth embedding and, for each, the re-cuts to embed.

    Embedding is the pass's cost, so it is spent on few texts: a pair none of
    whose re-cuts fits the source lengths better (length gain <= ``recut_len``)
    is dropped, and of the others only the ``recut_cuts`` re-cuts with the best
    length gain are kept (a clause that moves moves its characters too)."""
    p = scorer.p
    out = []
    for k, i, j, margin in _margins(links, scorer):
        cs = cuts(tgt_texts[j], tgt_texts[j + 1], p.recut_span)
        if not cs:
            continue
        lg = length_gains(i, cs, tgt_texts[j], tgt_texts[j + 1], scorer)
        if float(lg.max()) <= p.recut_len:
            continue
        best = sorted(range(len(cs)), key=lambda c: (-lg[c], c))[: p.recut_cuts]
        out.append((k, i, j, margin, [cs[c] for c in best], [float(lg[c]) for c in best]))
    return out


def texts_of(found: Sequence[Candidate]) -> list[str]:
    """The texts to embed for ``found``, in the order ``gains_from`` reads their vectors."""
    return [x for *_, cs, _ in found for pair in cs for x in pair]


def gains_from(found: Sequence[Candidate], src_vecs: np.ndarray, tgt_vecs: np.ndarray, vecs: np.ndarray,
               scorer, sim_base: float = 0.0) -> list[tuple[int, float, float]]:
    """(k, margin, gain) per candidate, ``vecs`` being the unit vectors of ``texts_of(found)``:
    ``gain`` is the best rise of ``sim(src i, left) + sim(src i+1, right)`` over its re-cuts, in
    units of ``1 - sim_base``, plus ``recut_w_len`` times that re-cut's length gain."""
    w_len = scorer.p.recut_w_len
    out, row = [], 0
    for k, i, j, margin, cs, lg in found:
        base = float(src_vecs[i] @ tgt_vecs[j] + src_vecs[i + 1] @ tgt_vecs[j + 1])
        best = -np.inf
        for c in range(len(cs)):
            rise = float(src_vecs[i] @ vecs[row] + src_vecs[i + 1] @ vecs[row + 1]) - base
            best = max(best, rise / (1.0 - sim_base) + w_len * lg[c])
            row += 2
        out.append((k, margin, best))
    return out


def gains(links: Sequence[Link], src_vecs: np.ndarray, tgt_vecs: np.ndarray, tgt_texts: Sequence[str],
          embed: Callable[[list[str]], np.ndarray], scorer, sim_base: float = 0.0) -> list[tuple[int, float, float]]:
    """For each candidate pair of neighbour links k, k+1 (``candidates``): (k, margin, gain).

    ``margin`` is the cost of the 2-2 link minus that of the two 1-1 links;
    ``gain`` as ``gains_from``.  The vectors are uncentred unit vectors
    (``core.RawVectors``) and ``embed`` embeds texts alike, all in one call
    (a page aligns many block links: ``core`` gathers their candidates and
    calls ``gains_from`` itself, one embedding call a page).
    """
    found = candidates(links, tgt_texts, scorer)
    texts = texts_of(found)
    if not texts:
        return []
    return gains_from(found, src_vecs, tgt_vecs, embed(texts), scorer, sim_base)


def _margins(links: Sequence[Link], scorer) -> list[tuple[int, int, int, float]]:
    """(k, i, j, margin) of the neighbour pairs whose 2-2 link costs less than ``recut_margin`` more,
    as the DP priced them: the two 1-1 links with the boundary between them (``Params.w_open`` when the
    first Arabic sentence ends on a word that opens a clause, ``_open_cost``)."""
    out = []
    for k in neighbours(links):
        i, j = links[k][0][0], links[k][1][0]
        js = np.array([j])
        margin = float(scorer.link(2, i, 2, js)[0] - scorer.link(1, i, 1, js)[0] - scorer.link(1, i + 1, 1, js + 1)[0])
        margin -= _open_cost(scorer, j)  # the DP paid w_open for the boundary the 2-2 link removes
        if margin < scorer.p.recut_margin:
            out.append((k, i, j, margin))
    return out


def _open_cost(scorer, j: int) -> float:
    """``Params.w_open`` when target item ``j`` ends on a word that opens a clause: what the DP paid
    for the link boundary after it (two 1-1 links), and a 2-2 link over ``j`` and ``j + 1`` does not."""
    open_end = scorer.tgt.open_end
    return float(scorer.p.w_open) if open_end is not None and bool(open_end[j]) else 0.0


_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_+.-]*[A-Za-z0-9+]")
_LATIN_KEY = "\x01"  # prefix of a Latin token kept as written (never an Arabic form)


def _latin_keys(text: str) -> list[frozenset[str]]:
    """The Latin tokens of a text (3+ characters, function words aside), each as a one-key set, in text order:
    a name or identifier a translation keeps as written (fontconfig, GdkPixmap, TRUE) crosses a boundary as
    visibly as a rendered word."""
    return [frozenset({_LATIN_KEY + t.lower()}) for t in dict.fromkeys(_LATIN.findall(text))
            if len(t) >= 3 and t.lower() not in EN_FUNCTION_WORDS]


def _target_words(text: str) -> list[frozenset[str]]:
    """``lexical._ar_words`` and the Latin tokens (``_latin_keys``) of a target text, in text order."""
    words = ar_words_at(text)
    words += [(m.start(), frozenset({_LATIN_KEY + m.group().lower()})) for m in _LATIN.finditer(text)
              if len(m.group()) >= 3 and m.group().lower() not in EN_FUNCTION_WORDS]
    return [forms for _, forms in sorted(words, key=lambda x: x[0])]


def boundary_words(src_first: str, src_second: str, tgt_first: str, tgt_second: str) -> int:
    """Dictionary words that crossed the target boundary: words of the first source sentence
    rendered in the first half of the second target sentence and nowhere in the first, plus words
    of the second source sentence rendered in the last half of the first target sentence and
    nowhere in the second.  Words both source sentences hold are not counted (neighbours of a
    catalogue share their vocabulary), nor words far from the boundary (a stray dictionary hit)."""
    ws1, ws2 = en_words(src_first) + _latin_keys(src_first), en_words(src_second) + _latin_keys(src_second)
    t1, t2 = _target_words(tgt_first), _target_words(tgt_second)
    if not t1 or not t2:
        return 0
    all1: set[str] = set().union(*t1)
    all2: set[str] = set().union(*t2)
    head2: set[str] = set().union(*t2[: max(1, round(len(t2) / 2))])
    tail1: set[str] = set().union(*t1[len(t1) - max(1, round(len(t1) / 2)):])
    forward = sum(1 for r in ws1 if r not in ws2 and r & head2 and not r & all1)
    backward = sum(1 for r in ws2 if r not in ws1 and r & tail1 and not r & all2)
    return forward + backward


def _pair_costs(src: list[str], pairs: Sequence[tuple[str, str]], scorer, p: dp.Params | None = None) -> np.ndarray:
    """Per (left, right) of ``pairs``: the aligner's cost (``dp.Scorer.link``, with ``p`` or the scorer's
    params) of the two 1-1 links src[0]-left and src[1]-right, around the page's ratio; lengths, anchors and
    dictionary only.  All pairs are priced against one target side (left, right, left, right, ...): a 1-1
    link's cost reads only its own two items, and the source's words are looked up once."""
    p = p or scorer.p
    tgt = [x for pair in pairs for x in pair]
    side_s = dp.side_from(src, [extract(x) for x in src], None)
    side_t = dp.side_from(tgt, [extract(x) for x in tgt], None)
    sc = dp.Scorer(side_s, side_t, p, scorer.ratio, lex_matrix(src, tgt) if p.w_lex else None)
    lefts = np.arange(0, len(tgt), 2)
    return sc.link(1, 0, 1, lefts) + sc.link(1, 1, 1, lefts + 1)


def cut_shape(left: str, p: dp.Params) -> float:
    """How unlikely a sentence boundary is right after ``left`` (the text before it): ``recut_w_mid``
    when ``left`` does not end with sentence or clause punctuation (a boundary inside a clause), plus
    ``recut_w_dangle`` when its last word opens a clause (في، التي، أو: the sentence was cut in a
    clause's middle).  A translation's sentence boundaries sit where its clauses end: a re-cut that
    moves the boundary from a dangling word to a comma is evidence of a recut, one that moves it
    into a clause needs more than a small length gain."""
    if not left.split():
        return 0.0
    return p.recut_w_mid * (not clauses.ends_clause(left)) + p.recut_w_dangle * clauses.ends_open(left)


def cut_gain(src: list[str], first: str, second: str, scorer, p: dp.Params | None = None,
             shape: float = 0.0) -> float:
    """The best drop of the two 1-1 links' cost over the re-cuts of ``first`` and ``second``, plus
    ``recut_w_cross`` per dictionary word that crossed the boundary (``boundary_words``).  ``shape``: each
    re-cut's boundary is also priced by ``cut_shape`` against the actual one's (the joining pass without
    embeddings, weight 1; ``unjoin`` only with embeddings, ``Params.unjoin_shape``: without them a split 2-2 link
    whose moved clause left no mark is not re-joined)."""
    p = p or scorer.p
    recuts = cuts(first, second, p.recut_span)
    costs = _pair_costs(src, [(first, second), *recuts], scorer, p)
    shape_now = cut_shape(first, p) if shape else 0.0
    best = max((float(costs[0] - cost) + (shape * (shape_now - cut_shape(left, p)) if shape else 0.0)
                for cost, (left, _) in zip(costs[1:], recuts, strict=True)), default=0.0)
    cross = boundary_words(src[0], src[1], first, second) if p.recut_w_cross else 0
    return best + p.recut_w_cross * cross


def cost_gains(links: Sequence[Link], src_texts: Sequence[str], tgt_texts: Sequence[str], scorer) -> list[tuple[int, float, float]]:
    """Without embeddings: (k, margin, gain) with ``gain`` the best drop of the two 1-1 links' cost
    (``dp.Scorer.link``: length around the page ratio, anchors, dictionary shares) over the re-cuts
    of the two target sentences, plus ``recut_w_cross`` per dictionary word that crossed the
    boundary (``boundary_words``)."""
    out = []
    for k, i, j, margin in _margins(links, scorer):
        src = [src_texts[i], src_texts[i + 1]]
        out.append((k, margin, cut_gain(src, tgt_texts[j], tgt_texts[j + 1], scorer, shape=1.0)))
    return out


def unjoin(links: list[Link], src_texts: Sequence[str], tgt_texts: Sequence[str], scorer,
           threshold: float, cut_params: dp.Params | None = None) -> list[Link]:
    """Each 2-2 link of the DP whose own target boundary is the best cut (no re-cut
    lowers the two 1-1 links' cost, with crossed words, by more than ``threshold``: ``cut_gain``)
    becomes two 1-1 links.  A 2-2 link is a boundary that moved; when nothing moved, the DP merged two
    neighbours whose lengths happen to fit better summed (short catalogue strings).  ``cut_params``:
    the weights the re-cuts are priced with (default the scorer's).  A 2-2 link whose first target sentence
    ends on a word that opens a clause stays whole unless a re-cut gains ``recut_w_dangle`` more: the
    boundary its two 1-1 links would keep there cuts a clause in two (``cut_shape``'s dangling word; the
    inside-a-clause weight is not counted: a moved clause may leave no punctuation), except with
    ``Params.unjoin_shape`` (embeddings: the recut pass after this one re-joins a split recut)."""
    out: list[Link] = []
    for si, ti, conf in links:
        if len(si) == 2 and len(ti) == 2:
            i, j = si[0], ti[0]
            gain = cut_gain([src_texts[i], src_texts[i + 1]], tgt_texts[j], tgt_texts[j + 1], scorer, cut_params,
                            shape=scorer.p.unjoin_shape)
            gain += (cut_params or scorer.p).recut_w_dangle * clauses.ends_open(tgt_texts[j])
            if gain <= threshold:
                out.append(((i,), (j,), round(scorer.confidence(1, i, 1, j), 4)))
                out.append(((i + 1,), (j + 1,), round(scorer.confidence(1, i + 1, 1, j + 1), 4)))
                continue
        out.append((si, ti, conf))
    return out


def recut(links: list[Link], found: Sequence[tuple[int, float, float]], scorer, threshold: float) -> list[Link]:
    """``links`` with each candidate whose gain passes ``threshold`` joined into one 2-2 link
    (candidates overlapping a joined one are skipped, best gain first)."""
    chosen: set[int] = set()
    for k, _, gain in sorted(found, key=lambda x: (-x[2], x[0])):
        if gain > threshold and not ({k - 1, k, k + 1} & chosen):
            chosen.add(k)
    if not chosen:
        return links
    out: list[Link] = []
    k = 0
    while k < len(links):
        if k in chosen:
            i, j = links[k][0][0], links[k][1][0]
            out.append(((i, i + 1), (j, j + 1), round(scorer.confidence(2, i, 2, j), 4)))
            k += 2
        else:
            out.append(links[k])
            k += 1
    return out
