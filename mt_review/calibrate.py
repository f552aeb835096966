"""Self-calibration: learn the risk calibration from the user's own pages, without labels.

The user's aligned pairs are taken as mostly good.  Each gets a damaged copy
(:mod:`mt_review.perturb`: a clause dropped or added, truncated, another
pair's target, a number changed, negation flipped, a name dropped or
swapped, a span left in English), so clean and defective examples come from
the user's own domain and wording.  Every available signal is computed on
both -- the rule-based checks (worst severity), the embedding similarity, its
page-relative margin and each model signal, measured page by page as a review
measures them (:func:`signal_rows`) -- and the logistic calibration of
:mod:`mt_review.score.calibration` is fitted (IRLS, deterministic) on a
training part and measured on a held-out part (per-signal and combined
AUROC).  Pairs are split by source pair, so a pair's clean and damaged copies
are never on both sides of the split.

Without models the result re-fits the checks, ``embed_sim`` and
``embed_margin`` to the domain; with models the model signals get real weights for those models
(``meta.models`` records them).  The file it writes is used by
``mt-review review --calibration FILE`` (or the ``calibration`` key) and is
named in the report signature.
"""

from __future__ import annotations

import dataclasses
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Sequence

from mt_review.checks import CheckContext, run_checks
from mt_review.config import ReviewSettings, RunOptions
from mt_review.model import AlignedPair, Block, BlockKind, Page, Segment
from mt_review.perturb import AR_DIGITS, FAMILIES, MEANING_FAMILIES
from mt_review.score import calibration as C

DEFAULT_PAIRS = 2000  # examples (clean + damaged): ~1,000 of the user's pairs
HELD_OUT = 0.3  # share of source pairs kept out of the fit to measure it
PAGE_SIZE = 20  # page-level checks (median length ratio ...) see pages of this many pairs
MIN_WORDS = 3  # shorter English segments (labels, buttons) say too little to damage

Progress = Callable[[str, int, int], None]


@dataclass
class Result:
    calibration: C.Calibration
    auroc: dict[str, float]  # held-out AUROC: "combined", "shipped" and each signal alone
    n_pairs: int  # distinct user pairs used
    n_train: int  # examples in the fit (before the masked copy)
    n_test: int
    families: dict[str, int] = field(default_factory=dict)  # damaged examples per family
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)  # models missing or left out as degenerate


# -- harvesting ----------------------------------------------------------------------
def harvest(page_pairs: Sequence, res, progress: Progress | None = None) -> list[tuple[str, str]]:
    """Distinct (English, Arabic) sentence pairs of the user's pages, as the review aligns them.

    Only two-sided links of English with at least ``MIN_WORDS`` words are kept,
    each English text once, in reading order."""
    from mt_review.align import align_pair
    from mt_review.furniture import classify_pair

    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for k, pair in enumerate(page_pairs):
        if progress:
            progress("reading pages", k, len(page_pairs))
        aligned = align_pair(classify_pair(pair), embedder=res.embedder)
        for ap in aligned.pairs:
            en, ar = ap.src_text.strip(), ap.tgt_text.strip()
            if ap.src and ap.tgt and en and ar and len(en.split()) >= MIN_WORDS and en not in seen:
                seen.add(en)
                out.append((en, ar))
    if progress:
        progress("reading pages", len(page_pairs), len(page_pairs))
    return out


# -- examples --------------------------------------------------------------------------
def examples(pairs: Sequence[tuple[str, str]], seed: int,
             families: Sequence[str] = MEANING_FAMILIES) -> list[tuple[str, str, str | None, int]]:
    """``(en, ar, family or None, source index)``: each pair clean, and one damaged copy, round robin.

    Half the clean copies whose Arabic has digits get Arabic-Indic digits (still clean).
    A family that does not fit a pair passes it to the next one."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str | None, int]] = []
    for i, (en, ar) in enumerate(pairs):
        clean_ar = ar.translate(AR_DIGITS) if any(c.isdigit() for c in ar) and rng.random() < 0.5 else ar
        out.append((en, clean_ar, None, i))
        for k in range(len(families)):
            fam = families[(i + k) % len(families)]
            damaged = FAMILIES[fam](en, ar, rng, pairs)
            if damaged is not None and damaged != (en, ar):
                out.append((damaged[0], damaged[1], fam, i))
                break
    return out


def page_context(items: Sequence[tuple]) -> CheckContext:
    """One synthetic page per group of pairs, one paragraph per pair (for ``run_checks``)."""
    sb = tuple(Block(BlockKind.PARAGRAPH, it[0], i) for i, it in enumerate(items))
    tb = tuple(Block(BlockKind.PARAGRAPH, it[1], i) for i, it in enumerate(items))
    pairs = tuple(AlignedPair((Segment(i, 0, len(it[0]), it[0]),), (Segment(i, 0, len(it[1]), it[1]),), 1.0)
                  for i, it in enumerate(items))
    return CheckContext(Page("src", "en", "", sb), Page("tgt", "ar", "", tb), pairs)


def run_findings(items: Sequence[tuple], enabled: Sequence[str] | None = None) -> list:
    """Rule-based findings for each (en, ar, ...) item, on pages of ``PAGE_SIZE`` pairs, without signals."""
    findings: list = []
    for k in range(0, len(items), PAGE_SIZE):
        findings.extend(run_checks(page_context(items[k:k + PAGE_SIZE]), enabled=enabled))
    return findings


def pages(items: Sequence[tuple]) -> list[list[int]]:
    """Item indices in synthetic pages of ``PAGE_SIZE``, each holding at most one copy of a user pair.

    ``embed_margin`` compares a pair with its page's other sentences, so a page must look like one a
    review reads: a pair next to its own damaged copy would be a neighbour no real page has.  Items
    of :func:`examples` (``it[3]`` = the user pair they copy) are dealt into streams in reading order,
    copy ``c`` of pair ``i`` into stream ``(i + c) % copies``, so each stream alternates clean and
    damaged pairs; other items (no pair index) are paged in their own order."""
    if not items or len(items[0]) < 4:
        return [list(range(k, min(k + PAGE_SIZE, len(items)))) for k in range(0, len(items), PAGE_SIZE)]
    copies: dict[int, list[int]] = {}
    for n, it in enumerate(items):
        copies.setdefault(it[3], []).append(n)
    n_streams = max(len(c) for c in copies.values())
    streams: list[list[int]] = [[] for _ in range(n_streams)]
    for order, (_, idx) in enumerate(sorted(copies.items())):
        for c, n in enumerate(idx):
            streams[(order + c) % n_streams].append(n)
    return [s[k:k + PAGE_SIZE] for s in streams for k in range(0, len(s), PAGE_SIZE)]


def signal_rows(items: Sequence[tuple], res, progress: Progress | None = None,
                enabled: Sequence[str] | None = None, model_progress: Progress | None = None,
                guard=None) -> list[dict[str, float]]:
    """Feature rows (checks' worst severity, embed_sim, embed_margin, model signals) for each item.

    Measured page by page (:func:`pages`) as a review measures them: one
    :func:`~mt_review.score.signals.compute_signals` call per page (so ``embed_margin`` is the pair's
    similarity relative to that page, by :func:`~mt_review.score.signals.embedding_fits`), and the
    checks read the page's signals (the ``wrong_segment`` check's margin finding counts in
    ``check_severity`` as in a review)."""
    from mt_review.score.signals import compute_signals

    rows: list[dict[str, float]] = [{} for _ in items]
    translators = dict(res.translators or {})
    done = 0
    for page in pages(items):
        if progress:
            progress("signals", done, len(items))
        ctx = page_context([items[n] for n in page])
        sig = compute_signals(ctx.pairs, embedder=res.embedder, translators=translators, progress=model_progress,
                              guard=guard)
        findings = run_checks(dataclasses.replace(ctx, signals=tuple(sig)), enabled=enabled)
        for n, s, fs in zip(page, sig, findings, strict=True):
            rows[n] = {**s.values, "check_severity": C.check_severity(fs)}
        done += len(page)
    if progress:
        progress("signals", len(items), len(items))
    return rows


# -- fitting ---------------------------------------------------------------------------
def split(items: Sequence[tuple], seed: int, held_out: float = HELD_OUT) -> tuple[list[int], list[int]]:
    """Indices of training and held-out items, split by source pair (never one pair on both sides)."""
    sources = sorted({it[3] for it in items})
    rng = random.Random(seed + 1)
    rng.shuffle(sources)
    n_test = max(1, round(len(sources) * held_out))
    test = set(sources[:n_test])
    train_idx = [i for i, it in enumerate(items) if it[3] not in test]
    test_idx = [i for i, it in enumerate(items) if it[3] in test]
    return train_idx, test_idx


def held_out_auroc(cal: C.Calibration, rows: Sequence[dict], labels: Sequence[bool]) -> dict[str, float]:
    """AUROC of the calibration, of the shipped one, and of each measured signal alone (oriented by its sign)."""
    out = {"combined": C.auroc([cal.predict(r).prob for r in rows], labels)}
    out["shipped"] = C.auroc([C.shipped().predict(r).prob for r in rows], labels)
    for f in cal.features:
        have = [(r[f], y) for r, y in zip(rows, labels, strict=True) if f in r]
        if len(have) >= 2:
            sign = C.EXPECTED_SIGN.get(f, 1)
            out[f] = C.auroc([sign * v for v, _ in have], [y for _, y in have])
    return {k: round(v, 4) for k, v in out.items() if not math.isnan(v)}


def sample_runs(pool: Sequence[tuple[str, str]], n: int, rng: random.Random) -> list[tuple[str, str]]:
    """``n`` pairs of ``pool`` taken as runs of ``PAGE_SIZE`` consecutive pairs, in reading order.

    Runs, not single pairs: a pair's ``embed_margin`` is measured against its neighbours, and the
    neighbours a review sees are the sentences around it on its page, not a random draw."""
    runs = [list(pool[k:k + PAGE_SIZE]) for k in range(0, len(pool), PAGE_SIZE)]
    order = rng.sample(range(len(runs)), len(runs))
    picked: list[int] = []
    while order and sum(len(runs[k]) for k in picked) < n:
        picked.append(order.pop())
    return [p for k in sorted(picked) for p in runs[k]][:n]


def self_calibrate(pairs: Sequence[tuple[str, str]], res, *, size: int = DEFAULT_PAIRS, seed: int = 0,
                   families: Sequence[str] = MEANING_FAMILIES, progress: Progress | None = None,
                   model_progress: Progress | None = None, enabled: Sequence[str] | None = None,
                   source: str = "", guard=None, features: Sequence[str] = C.SELF_FEATURES) -> Result:
    """Fit a calibration to ``pairs`` (the user's, taken as good) and their damaged copies.

    ``size`` examples at most (half clean, half damaged): ``size // 2`` pairs
    are drawn with ``seed``.  ``res`` carries the embedder and translators
    (either may be absent; absent signals get no weight)."""
    from mt_review.errors import InputError

    t0 = time.perf_counter()
    pool = list(dict.fromkeys((en, ar) for en, ar in pairs))
    rng = random.Random(seed)
    if len(pool) > size // 2:
        pool = sample_runs(pool, size // 2, rng)
    items = examples(pool, seed, families)
    labels = [it[2] is not None for it in items]
    train_idx, test_idx = split(items, seed)
    if len(pool) < 20 or not any(labels[i] for i in test_idx) or all(labels[i] for i in test_idx):
        raise InputError(f"too few aligned sentence pairs to calibrate on ({len(pool)}; at least 20 are needed)")
    rows = signal_rows(items, res, progress, enabled, model_progress, guard)
    train_rows = [rows[i] for i in train_idx]
    train_y = [labels[i] for i in train_idx]
    dropped = set(guard.broken()) if guard is not None else set()
    models = {d: t.info.signature for d, t in sorted((res.translators or {}).items()) if d not in dropped}
    meta = {
        "kind": C.SELF_CALIBRATED,
        "data": f"{len(pool)} aligned pairs of the user's pages{' (' + source + ')' if source else ''}, each also "
                f"damaged once ({', '.join(families)}); split by pair, {HELD_OUT:.0%} held out",
        "seed": seed,
        "masking": C.MASK_P,
        "models": models,
        "embedder": getattr(res.embedder, "id", None),
        "command": "mt-review calibrate",
    }
    fit_rows, fit_y = train_rows + C.masked(train_rows, seed), train_y + train_y
    if "embed_margin" in features:  # the small-page copy: embed_sim judges pairs without a margin
        small_rows, small_y = C.small_page_examples(train_rows, train_y)
        fit_rows, fit_y = fit_rows + small_rows, fit_y + small_y
    fitted = C.fit(fit_rows, fit_y, features=features, meta=meta)
    test_rows = [rows[i] for i in test_idx]
    test_y = [labels[i] for i in test_idx]
    scores = held_out_auroc(fitted, test_rows, test_y)
    fams: dict[str, int] = {}
    for it in items:
        if it[2]:
            fams[it[2]] = fams.get(it[2], 0) + 1
    cal = C.Calibration(
        features=fitted.features, mean=fitted.mean, scale=fitted.scale, coef=fitted.coef,
        missing_coef=fitted.missing_coef, intercept=fitted.intercept, thresholds=fitted.thresholds,
        meta={**fitted.meta, "held_out_auroc": scores, "n_test": len(test_idx), "families": fams},
    )
    return Result(cal, scores, len(pool), len(train_idx), len(test_idx), fams, time.perf_counter() - t0)


def calibrate_paths(paths: Sequence[Path], settings: ReviewSettings, options: RunOptions = RunOptions(), *,
                    size: int = DEFAULT_PAIRS, seed: int = 0,
                    progress: Progress | None = None, model_progress: Progress | None = None,
                    resources=None) -> Result:
    """``mt-review calibrate``: read and pair the pages, load the models the settings name, fit.

    Inputs are read before any model loads, so bad input fails fast."""
    from mt_review.errors import InputError
    from mt_review.pipeline import collect_pairs, enabled_checks, load_resources

    if size < 40:
        raise InputError(f"--pairs must be at least 40, not {size}")
    page_pairs, _unpaired = collect_pairs(paths, settings, options)
    if not page_pairs:
        raise InputError(f"no English/Arabic page pairs found in {', '.join(map(str, paths))}")
    res = resources or load_resources(settings, options)
    pairs = harvest(page_pairs, res, progress)
    enabled = enabled_checks(settings)
    source = f"{len(page_pairs)} page pair(s) from {', '.join(p.name or str(p) for p in paths)}"
    guard = None
    if settings.model_guard and res.translators:
        from mt_review.translate.guard import ModelGuard

        guard = ModelGuard()  # one for the whole run: the examples are judged in a fixed order
    result = self_calibrate(pairs, res, size=size, seed=seed, progress=progress, model_progress=model_progress,
                            enabled=enabled, source=source, guard=guard)
    result.notices = [*res.notices, *(guard.notices() if guard is not None else [])]
    return result


def write(result: Result, path: str | Path) -> Path:
    """Write the calibration file all at once (never half-written)."""
    import json

    from mt_review.atomic import atomic_write_text

    return atomic_write_text(path, json.dumps(result.calibration.to_json(), indent=2, ensure_ascii=False) + "\n")


def summary(result: Result) -> list[str]:
    """Lines for the terminal: what was fitted and how well it separates the held-out examples."""
    cal = result.calibration
    lines = [f"calibrated on {result.n_pairs} of your sentence pairs: {result.n_train} examples to fit, "
             f"{result.n_test} held out ({result.seconds:.0f} s)",
             "damaged copies: " + ", ".join(f"{k} {v}" for k, v in sorted(result.families.items())),
             "held-out AUROC (clean vs damaged):"]
    order = ["combined", "shipped", *[f for f in cal.features if f in result.auroc]]
    for key in order:
        if key in result.auroc:
            label = {"combined": "this calibration", "shipped": "shipped calibration"}.get(key, f"{key} alone")
            lines.append(f"  {label:<28} {result.auroc[key]:.3f}")
    lines.append("weights (log-odds per SD): " + ", ".join(
        f"{f} {w:+.2f}" for f, w in zip(cal.features, cal.coef, strict=True) if w))
    return lines
