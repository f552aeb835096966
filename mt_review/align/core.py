"""Block and sentence alignment of a page pair."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from mt_review.align import crossing, dp, neighbours, unrelated
from mt_review.align.anchors import Anchors, extract
from mt_review.align.lexical import lex_matrix
from mt_review.langid import identify
from mt_review.model import AlignedPair, Block, PagePair, Segment
from mt_review.segment import split_block

MODE_LENGTH = "anchors+length"
MODE_EMBED = "anchors+length+embeddings"

# Below this many sentences on a side the page mean is too noisy to centre on;
# raw cosines are rescaled against a typical unrelated-pair cosine instead.
_MIN_CENTRE = 8
_RAW_SIM_BASE = 0.8  # cosine of unrelated sentences for multilingual-e5 ("query: " prefix)

# Blocks are long: more length variance is tolerated (a dropped sentence must
# not unpair a paragraph) and skipping one costs more.
# Pages rarely merge paragraphs, so block merges cost more than sentence merges.
_BLOCK_PRIOR = {(1, 1): 0.0, (2, 1): 4.0, (1, 2): 4.0, (2, 2): 6.0}
# A different number of sentences is evidence against a block link.
BLOCK_PARAMS_LENGTH = dataclasses.replace(dp.PARAMS_LENGTH, s2=30.0, skip=2.5, prior=_BLOCK_PRIOR, w_count=0.8, cut=6.0,
                                          w_open=0.0)
BLOCK_PARAMS_EMBED = dataclasses.replace(dp.PARAMS_EMBED, s2=30.0, skip=2.5, prior=_BLOCK_PRIOR, w_count=0.4, cut=6.0,
                                         w_open=0.0)

BlockLink = tuple[tuple[Block, ...], tuple[Block, ...]]


@dataclass(frozen=True)
class AlignResult:
    """Sentence links of one page pair, in page order.

    ``blocks`` holds the block links (block indices) the sentence links were
    made inside; ``mode`` says which evidence was used; ``embedder`` is the
    embedder id or ``"none"``.
    """

    pairs: tuple[AlignedPair, ...]
    mode: str
    blocks: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()
    embedder: str = "none"
    name: str = ""

    @property
    def omissions(self) -> tuple[AlignedPair, ...]:
        return tuple(p for p in self.pairs if p.src and not p.tgt)

    @property
    def additions(self) -> tuple[AlignedPair, ...]:
        return tuple(p for p in self.pairs if p.tgt and not p.src)


# ------------------------------------------------------------------ vectors


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)


def embed_sides(src_texts: Sequence[str], tgt_texts: Sequence[str], embedder):
    """(src vectors, tgt vectors, sim_base) for the DP, or (None, None, 0.0).

    Multilingual-E5 cosines are crowded (unrelated pairs ~0.8, translations
    ~0.9); subtracting each side's mean vector spreads them (unrelated ~0,
    translations ~0.5) and removes the language offset.  Sides too short
    for a stable mean keep raw vectors and a fixed rescaling.
    """
    return _embed_sides(src_texts, tgt_texts, embedder)[:3]


@dataclass(frozen=True)
class RawVectors:
    """Uncentred unit vectors of both sides and a way to embed more texts alike,
    for the recut pass (``crossing``): it compares one sentence with re-cut texts,
    which needs no page mean."""

    src: np.ndarray
    tgt: np.ndarray
    embed: Callable[[list[str]], np.ndarray]

    def part(self, sk: Sequence[int], tk: Sequence[int]) -> "RawVectors":
        return RawVectors(self.src[list(sk)], self.tgt[list(tk)], self.embed)


def _embed_sides(src_texts: Sequence[str], tgt_texts: Sequence[str], embedder):
    """``embed_sides`` plus the sides' ``RawVectors`` (None without an embedder)."""
    if embedder is None or not src_texts or not tgt_texts:
        return None, None, 0.0, None
    texts = list(src_texts) + list(tgt_texts)
    unique = list(dict.fromkeys(texts))  # navigation lines, repeated headings ... embedded once
    table = np.asarray(embedder.embed(unique), dtype=np.float32)
    row = {t: k for k, t in enumerate(unique)}
    vecs = table[[row[t] for t in texts]]
    s, t = vecs[: len(src_texts)], vecs[len(src_texts) :]

    def embed(more: list[str]) -> np.ndarray:
        return _unit(np.asarray(embedder.embed(more), dtype=np.float32))

    raw = RawVectors(_unit(s), _unit(t), embed)
    if len(s) >= _MIN_CENTRE and len(t) >= _MIN_CENTRE:
        return _unit(s - s.mean(axis=0)), _unit(t - t.mean(axis=0)), 0.0, raw
    return raw.src, raw.tgt, _RAW_SIM_BASE, raw


def _mode(embedder) -> str:
    return MODE_EMBED if embedder is not None else MODE_LENGTH


def _params(vecs, block: bool) -> dp.Params:
    if vecs is not None:
        return BLOCK_PARAMS_EMBED if block else dp.PARAMS_EMBED
    return BLOCK_PARAMS_LENGTH if block else dp.PARAMS_LENGTH


def _lang_of(texts: Sequence[str]) -> str:
    return "ar" if identify(" ".join(texts[:50])) == "ar" else "en"


# ------------------------------------------------------------------ sentences


@dataclass
class _Links:
    """The sentence links of one block link, before the passes with embeddings (recut, unrelated)."""

    src: list[Segment]
    tgt: list[Segment]
    links: list[tuple[tuple[int, ...], tuple[int, ...], float]]
    scorer: dp.Scorer | None  # kept only for those passes: a page of many block links would hold them all
    raw: RawVectors | None  # set when the recut pass with embeddings is to run

    def pairs(self) -> list[AlignedPair]:
        return [AlignedPair(tuple(self.src[i] for i in si), tuple(self.tgt[j] for j in ti), float(c))
                for si, ti, c in self.links]


def _dp_segments(src: Sequence[Segment], tgt: Sequence[Segment], svecs, tvecs, base: float,
                 anchors_s: Sequence[Anchors] | None = None,
                 anchors_t: Sequence[Anchors] | None = None, ratio: float | None = None,
                 raw: RawVectors | None = None) -> _Links:
    if anchors_s is None:
        anchors_s = [extract(s.text) for s in src]
    if anchors_t is None:
        anchors_t = [extract(t.text) for t in tgt]
    side_s = dp.side_from([s.text for s in src], anchors_s, svecs, base)
    side_t = dp.side_from([t.text for t in tgt], anchors_t, tvecs, base)
    params = _params(svecs, block=False)
    lex = lex_matrix([s.text for s in src], [t.text for t in tgt]) if params.w_lex else None
    links = dp.align(side_s, side_t, params, ratio=ratio, lex=lex)
    scorer = dp.Scorer(side_s, side_t, params, ratio, lex)
    if params.split_hidden:  # a 2-2 link hiding a drop and an insert (``unrelated.hidden_pair``)
        links = unrelated.split_hidden(links, scorer)
    if params.peel_len is not None:  # a merge hiding a dropped sentence (``unrelated.peel_short``)
        links = unrelated.peel(links, scorer, ([s.text for s in src], [t.text for t in tgt]))
    if params.unjoin_cost is not None:  # re-cuts priced without embeddings (``PARAMS_LENGTH``'s weights)
        links = crossing.unjoin(links, [s.text for s in src], [t.text for t in tgt], scorer, params.unjoin_cost,
                                dp.PARAMS_LENGTH if svecs is not None else None)
    if params.recut_cost is not None and svecs is None:
        found = crossing.cost_gains(links, [s.text for s in src], [t.text for t in tgt], scorer)
        links = crossing.recut(links, found, scorer, params.recut_cost)
    if params.reassign_twins:  # which of two near-identical neighbours was left out (``neighbours``)
        links = neighbours.reassign(links, [s.text for s in src], [t.text for t in tgt])
    use_raw = raw if params.recut_gain is not None and svecs is not None else None
    keep = use_raw is not None or (params.far_sim is not None and svecs is not None)
    return _Links(list(src), list(tgt), links, scorer if keep else None, use_raw)


def _recut_embedded(parts: Sequence[_Links]) -> None:
    """The recut pass with embeddings over all block links of a page: the candidates'
    re-cut halves of every block link are embedded in one call (``crossing``)."""
    todo = []
    for part in parts:
        if part.raw is not None and part.scorer is not None:
            found = crossing.candidates(part.links, [t.text for t in part.tgt], part.scorer)
            if found:
                todo.append((part, found, crossing.texts_of(found)))
    if not todo:
        return
    vecs = todo[0][0].raw.embed([x for *_, texts in todo for x in texts])  # type: ignore[union-attr]
    row = 0
    for part, found, texts in todo:
        raw = part.raw
        assert raw is not None and part.scorer is not None
        gains = crossing.gains_from(found, raw.src, raw.tgt, vecs[row : row + len(texts)], part.scorer, _RAW_SIM_BASE)
        row += len(texts)
        w_cross = part.scorer.p.recut_w_cross
        if w_cross:  # dictionary words that crossed the boundary count too (``crossing.boundary_words``)
            gains = [(k, margin, gain + w_cross * crossing.boundary_words(
                part.src[i].text, part.src[i + 1].text, part.tgt[j].text, part.tgt[j + 1].text))
                for k, margin, gain in gains for i, j in [(part.links[k][0][0], part.links[k][1][0])]]
        w_cost = part.scorer.p.recut_w_cost
        if w_cost:  # the re-cut gain without embeddings (lengths, anchors, dictionary) past its own threshold counts too
            gains = [(k, margin, gain + w_cost * max(0.0, crossing.cut_gain(
                [part.src[i].text, part.src[i + 1].text], part.tgt[j].text, part.tgt[j + 1].text, part.scorer,
                dp.PARAMS_LENGTH) - part.scorer.p.recut_w_cost_above))
                for k, margin, gain in gains for i, j in [(part.links[k][0][0], part.links[k][1][0])]]
        threshold = part.scorer.p.recut_gain
        assert threshold is not None
        part.links = crossing.recut(part.links, gains, part.scorer, threshold)


def _split_unrelated(parts: Sequence[_Links]) -> None:
    """After the recut pass: unrelated 1-1 links become a 1-0 and a 0-1 link (``unrelated``)."""
    for part in parts:
        if part.scorer is not None:
            part.links = unrelated.split(part.links, part.scorer)


def _align_segments(src: Sequence[Segment], tgt: Sequence[Segment], svecs, tvecs, base: float,
                    raw: RawVectors | None = None) -> list[AlignedPair]:
    part = _dp_segments(src, tgt, svecs, tvecs, base, raw=raw)
    _recut_embedded([part])
    _split_unrelated([part])
    return part.pairs()


def align_sentences(src_segs: Sequence[Segment], tgt_segs: Sequence[Segment], embedder=None) -> list[AlignedPair]:
    """Align two runs of sentences (1-1, 1-2, 2-1, 2-2, 1-0, 0-1), in order.

    1-0 links are omission candidates, 0-1 links addition candidates; every
    link carries a confidence in [0, 1].
    """
    src_segs, tgt_segs = list(src_segs), list(tgt_segs)
    svecs, tvecs, base, raw = _embed_sides([s.text for s in src_segs], [t.text for t in tgt_segs], embedder)
    return _align_segments(src_segs, tgt_segs, svecs, tvecs, base, raw=raw)


# ------------------------------------------------------------------ blocks


def _block_side(blocks, segs_by_block, vecs_by_seg, base) -> dp.Side:
    texts = [b.content_text for b in blocks]
    anchors = [extract(t) for t in texts]
    vecs = None
    if vecs_by_seg is not None:
        dim = vecs_by_seg.shape[1]
        rows = []
        for b in blocks:
            ids = segs_by_block.get(b.index, [])
            rows.append(vecs_by_seg[ids].sum(axis=0) if ids else np.zeros(dim, dtype=np.float32))
        vecs = _unit(np.array(rows, dtype=np.float32)) if rows else np.zeros((0, dim), dtype=np.float32)
    counts = [len(segs_by_block.get(b.index, [])) for b in blocks]
    return dp.side_from(texts, anchors, vecs, base, counts=counts)


def _block_links(src_blocks, tgt_blocks, ssegs, tsegs, svecs, tvecs, base) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    def by_block(segs):
        out: dict[int, list[int]] = {}
        for k, s in enumerate(segs):
            out.setdefault(s.block_index, []).append(k)
        return out

    side_s = _block_side(src_blocks, by_block(ssegs), svecs, base)
    side_t = _block_side(tgt_blocks, by_block(tsegs), tvecs, base)
    return dp.align(side_s, side_t, _params(svecs, block=True))


def _segment_blocks(blocks: Sequence[Block], lang: str) -> list[Segment]:
    out: list[Segment] = []
    for b in blocks:
        out.extend(split_block(b, lang))
    return out


def align_blocks(src_blocks: Sequence[Block], tgt_blocks: Sequence[Block], embedder=None) -> list[BlockLink]:
    """Pair the blocks of two pages in order; blocks may be dropped (1-0),
    added (0-1) or merged (2-1, 1-2, 2-2)."""
    src_blocks, tgt_blocks = list(src_blocks), list(tgt_blocks)
    ssegs = _segment_blocks(src_blocks, _lang_of([b.text for b in src_blocks]))
    tsegs = _segment_blocks(tgt_blocks, _lang_of([b.text for b in tgt_blocks]))
    svecs, tvecs, base = embed_sides([s.text for s in ssegs], [t.text for t in tsegs], embedder)
    links = _block_links(src_blocks, tgt_blocks, ssegs, tsegs, svecs, tvecs, base)
    return [(tuple(src_blocks[i] for i in si), tuple(tgt_blocks[j] for j in ti)) for si, ti, _ in links]


def merge_skips(links: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]]
                ) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Block links with each block the block DP left unpaired (1-0, 0-1) joined with its neighbouring
    links into one region, whose sentences the sentence DP then aligns.

    The block DP sees a block's length and anchors only: a paragraph whose translation is shorter than
    usual (a sentence left out, two merged) can be paired with the next paragraph's translation, leaving
    both neighbours unpaired, and every sentence link of the three is wrong.  The sentence DP, with its
    per-sentence skips and dictionary evidence, tells a left-out paragraph (all its sentences 1-0) from
    a shifted pairing.  A region keeps the lowest confidence of its links."""
    out: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    prev_skip = False
    for si, ti, conf in links:
        skip = not si or not ti
        if out and (skip or prev_skip):
            ps, pt, pc = out[-1]
            out[-1] = (ps + si, pt + ti, min(pc, conf))
        else:
            out.append((si, ti, conf))
        prev_skip = skip
    return out


def _prealigned_links(src_blocks: Sequence[Block], tgt_blocks: Sequence[Block]):
    """Block links by equal ``unit_id``: source order, unmatched target blocks
    placed after the last matched block before them."""
    tgt_by_id: dict[str, int] = {}
    for j, b in enumerate(tgt_blocks):
        if b.unit_id is not None and b.unit_id not in tgt_by_id:
            tgt_by_id[b.unit_id] = j
    links: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    used: set[int] = set()
    for i, b in enumerate(src_blocks):
        hit = tgt_by_id.get(b.unit_id) if b.unit_id is not None else None
        if hit is not None and hit not in used:
            used.add(hit)
            links.append(((i,), (hit,), 1.0))
        else:
            links.append(((i,), (), 1.0))
    # place each unmatched target block after the link holding the target block before it
    for j in range(len(tgt_blocks)):
        if j in used:
            continue
        pos = 0
        for k, (_, tj, _) in enumerate(links):
            if tj and tj[0] < j:
                pos = k + 1
        links.insert(pos, ((), (j,), 1.0))
    return links


def merge_within_unit(links: Sequence[AlignedPair]) -> list[AlignedPair]:
    """Sentence links of one pre-paired unit with no side left empty.

    A unit (XLIFF trans-unit, PO entry, JSONL/TSV row) is known to translate
    itself, so a sentence the splitter left unpaired inside it is part of a
    neighbouring link (three English sentences may be one Arabic sentence):
    it joins the link before it, or the next one at the start.  Whether the
    unit lost or gained content is then judged from coverage and length by the
    checks, never as "no translation on the target page".
    """
    out: list[AlignedPair] = []
    pending: list[AlignedPair] = []  # unpaired links before the first two-sided one
    for link in links:
        if link.src and link.tgt:
            if pending:
                link = _join([*pending, link])
                pending = []
            out.append(link)
        elif out:
            out[-1] = _join([out[-1], link])
        else:
            pending.append(link)
    if pending:
        out.append(_join(pending))
    return out


def _join(links: Sequence[AlignedPair]) -> AlignedPair:
    return AlignedPair(
        tuple(s for link in links for s in link.src),
        tuple(t for link in links for t in link.tgt),
        min(link.confidence for link in links),
    )


# ------------------------------------------------------------------ page


def align_pair(pair: PagePair, embedder=None) -> AlignResult:
    """Align the content blocks of a page pair, then the sentences inside each block link.

    Furniture blocks (navigation, reading time, MT notice) must already be typed:
    only ``page.content_blocks`` are aligned.  With ``pair.prealigned`` blocks
    are paired by equal ``unit_id``.
    """
    src_blocks = list(pair.source.content_blocks)
    tgt_blocks = list(pair.target.content_blocks)
    ssegs = _segment_blocks(src_blocks, pair.source.lang)
    tsegs = _segment_blocks(tgt_blocks, pair.target.lang)
    svecs, tvecs, base, raw = _embed_sides([s.text for s in ssegs], [t.text for t in tsegs], embedder)

    if pair.prealigned:
        links = _prealigned_links(src_blocks, tgt_blocks)
    else:
        links = _block_links(src_blocks, tgt_blocks, ssegs, tsegs, svecs, tvecs, base)

    # the page's length ratio, from the blocks that pair 1-1 (robust to a missing half page)
    ratio = dp.ratio_from_links(links, [len(b.content_text) for b in src_blocks], [len(b.content_text) for b in tgt_blocks]) \
        or dp.length_ratio([len(b.content_text) for b in src_blocks], [len(b.content_text) for b in tgt_blocks])
    if not pair.prealigned:
        links = merge_skips(links)
    s_pos: dict[int, list[int]] = {}
    for k, s in enumerate(ssegs):
        s_pos.setdefault(s.block_index, []).append(k)
    t_pos: dict[int, list[int]] = {}
    for k, t in enumerate(tsegs):
        t_pos.setdefault(t.block_index, []).append(k)
    parts: list[_Links | list[AlignedPair]] = []  # per block link: its sentence links, or its unpaired sentences
    block_links = []
    for si, ti, conf in links:
        block_links.append((tuple(src_blocks[i].index for i in si), tuple(tgt_blocks[j].index for j in ti)))
        sk = [k for i in si for k in s_pos.get(src_blocks[i].index, [])]
        tk = [k for j in ti for k in t_pos.get(tgt_blocks[j].index, [])]
        if sk and tk:
            parts.append(_dp_segments(
                [ssegs[k] for k in sk], [tsegs[k] for k in tk],
                svecs[sk] if svecs is not None else None, tvecs[tk] if tvecs is not None else None, base,
                # anchors made per block link, not for the whole page at once: a page of thousands of
                # units held a set of words per sentence through its whole alignment
                [extract(ssegs[k].text) for k in sk], [extract(tsegs[k].text) for k in tk], ratio=ratio,
                raw=raw.part(sk, tk) if raw is not None else None,
            ))
        else:
            parts.append([AlignedPair((ssegs[k],), (), conf) for k in sk] + [AlignedPair((), (tsegs[k],), conf) for k in tk])
    _recut_embedded([p for p in parts if isinstance(p, _Links)])  # one embedding call for the page
    _split_unrelated([p for p in parts if isinstance(p, _Links)])
    pairs: list[AlignedPair] = []
    for part in parts:
        if isinstance(part, _Links):
            sub = part.pairs()
            pairs.extend(merge_within_unit(sub) if pair.prealigned else sub)
        else:
            pairs.extend(part)
    return AlignResult(
        pairs=tuple(pairs),
        mode=_mode(embedder),
        blocks=tuple(block_links),
        embedder=getattr(embedder, "id", "none") if embedder is not None else "none",
        name=pair.name,
    )


# ------------------------------------------------------------------ output


def _one_line(text: str) -> str:
    return " ".join(text.split())


def format_alignment(result: AlignResult, fmt: str = "tsv") -> str:
    """The links as TSV (``link  confidence  source  target``, one per line,
    after a header) or JSON (with block indices and character offsets)."""
    if fmt == "tsv":
        lines = ["link\tconfidence\tsrc\ttgt"]
        for p in result.pairs:
            lines.append(f"{p.link}\t{p.confidence:.3f}\t{_one_line(p.src_text)}\t{_one_line(p.tgt_text)}")
        return "\n".join(lines) + "\n"
    if fmt == "json":
        def segs(ss):
            return [{"block": s.block_index, "start": s.start, "end": s.end, "text": s.text} for s in ss]

        doc = {
            "name": result.name,
            "mode": result.mode,
            "embedder": result.embedder,
            "blocks": [{"src": list(s), "tgt": list(t)} for s, t in result.blocks],
            "pairs": [
                {"link": p.link, "confidence": round(p.confidence, 4), "src": segs(p.src), "tgt": segs(p.tgt)}
                for p in result.pairs
            ],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown alignment format {fmt!r}; choose tsv or json")
