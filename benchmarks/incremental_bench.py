"""Incremental review benchmark: a 500-page export, 5 pages edited, re-reviewed.

Builds a synthetic export of English/Arabic text pages (``pageNNN.en.txt`` /
``pageNNN.ar.txt``) out of real human-translated sentence pairs (the Arabic
gettext catalogues, ``benchmarks/data.py``), then times:

1. a full review with the real pipeline (``mt_review.pipeline.review_paths``);
2. a cold incremental run (empty store: everything reviewed and stored);
3. after editing the Arabic of 5 pages (a number changed, a sentence dropped),
   a warm incremental run: pairing reads every file again, only the 5 edited
   pages are reviewed, and the learned terminology reads the other pages'
   contributions back from the store (its result is checked against a full
   review).

The ratio warm / full is the figure of merit (target: at most 10 %).

To keep it quick and offline the runs use **no embeddings and no MT models**
(``embedder="none"``, no en-ar/ar-en model): with models, a full review costs
far more per page, so the ratio only gets better.

    .venv/bin/python benchmarks/incremental_bench.py [--pages 500] [--changed 5] [--seed 0] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mt_review.config import ReviewSettings  # noqa: E402
from mt_review.incremental import IncrementalStore, review_pairs_incrementally  # noqa: E402
from mt_review import pipeline  # noqa: E402
from mt_review.terms import with_learned_terms  # noqa: E402


def load_pairs(seed: int) -> list[tuple[str, str]]:
    try:
        from data import load_parallel  # benchmarks/data.py

        pairs = [(en, ar) for en, ar, _origin in load_parallel(min_words=4)]
    except ImportError:  # pragma: no cover - fall back on the catalogues directly
        import polib

        pairs = []
        for mo in sorted(Path("/usr/share/locale/ar/LC_MESSAGES").glob("*.mo")):
            for e in polib.mofile(str(mo)):
                if e.msgstr and not e.msgid_plural and len(e.msgid.split()) >= 4 and "%" not in e.msgid:
                    pairs.append((" ".join(e.msgid.split()), " ".join(e.msgstr.split())))
    if len(pairs) < 50:
        raise SystemExit("not enough English/Arabic sentence pairs found (need the Arabic .mo catalogues)")
    random.Random(seed).shuffle(pairs)
    return pairs


def _end(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?؟:…" else text + "."


def build_export(folder: Path, n_pages: int, pairs: list[tuple[str, str]], seed: int) -> list[str]:
    """Write ``n_pages`` page pairs: a title and 3-5 paragraphs of 2-4 sentences each."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    k = 0
    for i in range(n_pages):
        name = f"page{i:03d}"
        title_en, title_ar = pairs[k % len(pairs)]
        k += 1
        en_paras, ar_paras = [], []
        for _ in range(rng.randint(3, 5)):
            chunk = [pairs[(k + j) % len(pairs)] for j in range(rng.randint(2, 4))]
            k += len(chunk)
            en_paras.append(" ".join(_end(e) for e, _ in chunk))
            ar_paras.append(" ".join(_end(a) for _, a in chunk))
        # one number per page, matching on both sides, so an edit can break it
        en_paras.append(f"Version {i + 2} was released in {2000 + i % 25}.")
        ar_paras.append(f"صدر الإصدار {i + 2} في عام {2000 + i % 25}.")
        (folder / f"{name}.en.txt").write_text(title_en + "\n\n" + "\n\n".join(en_paras) + "\n", encoding="utf-8")
        (folder / f"{name}.ar.txt").write_text(title_ar + "\n\n" + "\n\n".join(ar_paras) + "\n", encoding="utf-8")
        names.append(name)
    return names


def edit_pages(folder: Path, names: list[str], n: int, seed: int) -> list[str]:
    """Damage the Arabic of ``n`` pages: change the number and drop a sentence."""
    rng = random.Random(seed + 1)
    chosen = sorted(rng.sample(names, n))
    for name in chosen:
        p = folder / f"{name}.ar.txt"
        text = p.read_text(encoding="utf-8")
        text = re.sub(r"عام (\d+)", lambda m: f"عام {int(m.group(1)) + 1}", text)
        paras = text.split("\n\n")
        sents = paras[1].split(". ")
        if len(sents) > 1:
            paras[1] = ". ".join(sents[1:])
        p.write_text("\n\n".join(paras), encoding="utf-8")
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--changed", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="build the export and store here and keep them")
    args = ap.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="mt-review-incr-"))
    export, state = work / "export", work / "state.sqlite"
    if export.exists():
        shutil.rmtree(export)
    state.unlink(missing_ok=True)
    try:
        names = build_export(export, args.pages, load_pairs(args.seed), args.seed)
        config = ReviewSettings(embedder="none")
        res = pipeline.load_resources(config, need_models=False)

        # warm-up (imports, lazy tables) so the first timed run does not pay for them
        from mt_review.pairing import pair_two

        pipeline.review_page(pair_two(export / f"{names[0]}.en.txt", export / f"{names[0]}.ar.txt"), config, res)

        t0, c0 = time.perf_counter(), time.process_time()
        full = pipeline.review_paths([export], config, resources=res)
        t_full, c_full = time.perf_counter() - t0, time.process_time() - c0
        assert len(full.pages) == args.pages, (len(full.pages), args.pages)

        t0, c0 = time.perf_counter(), time.process_time()
        pairs, _ = pipeline.collect_pairs([export], config)
        with IncrementalStore(state) as store:
            cold = review_pairs_incrementally(pairs, config, res, store, pipeline.review_page)
            cold_hits = store.hits
            cold = with_learned_terms(cold, res.glossary, config.severity_overrides, store.term_cache())
        t_cold, c_cold = time.perf_counter() - t0, time.process_time() - c0

        chosen = edit_pages(export, names, args.changed, args.seed)

        calls: list[str] = []

        def review_fn(pair, cfg, r):
            calls.append(pair.name)
            return pipeline.review_page(pair, cfg, r)

        t0, c0 = time.perf_counter(), time.process_time()
        pairs, _ = pipeline.collect_pairs([export], config)
        t_pairing, c_pairing = time.perf_counter() - t0, time.process_time() - c0
        with IncrementalStore(state) as store:
            warm = review_pairs_incrementally(pairs, config, res, store, review_fn)
            hits, misses = store.hits, store.misses
            terms = store.term_cache()
            warm = with_learned_terms(warm, res.glossary, config.severity_overrides, terms)
        t_warm, c_warm = time.perf_counter() - t0, time.process_time() - c0

        assert len(warm) == args.pages and cold_hits == 0
        assert sorted(calls) == chosen, (calls, chosen)
        assert (terms.made, terms.read) == (len(chosen), args.pages - len(chosen)), (terms.made, terms.read)
        assert warm == list(pipeline.review_paths([export], config, resources=res).pages), "warm != a full review"
        changed_findings = sum(len(p.findings) for p in warm if p.pair.name in chosen)
        before_findings = sum(len(p.findings) for p in cold if p.pair.name in chosen)

        print("mt-review incremental benchmark (no embeddings, no MT models: checks + alignment only)")
        print(f"  export: {args.pages} page pairs ({2 * args.pages} text files), {args.changed} pages edited")
        print("                                        wall      CPU")
        print(f"  full review (review_paths):          {t_full:7.2f} s {c_full:7.2f} s")
        print(f"  cold incremental (store filled):     {t_cold:7.2f} s {c_cold:7.2f} s")
        print(f"  warm incremental after the edits:    {t_warm:7.2f} s {c_warm:7.2f} s "
              f"({hits} reused, {misses} reviewed; pairing/reading alone {t_pairing:.2f} s wall)")
        print(f"  ratio warm / full:                   {100 * t_warm / t_full:6.1f} % {100 * c_warm / c_full:6.1f} %"
              "  (target <= 10 %)")
        print(f"    of which reading + pairing 1000 files: {100 * t_pairing / t_full:6.1f} % {100 * c_pairing / c_full:6.1f} %"
              "  (not cached: every file is read to know what the export holds)")
        print(f"    store + re-reviewing {misses} pages + terms: {100 * (t_warm - t_pairing) / t_full:6.1f} %"
              f" {100 * (c_warm - c_pairing) / c_full:6.1f} %")
        print(f"  findings on the edited pages: {before_findings} before, {changed_findings} after")
        print(f"  store: {state.stat().st_size / 1e6:.1f} MB")
        print("  command: .venv/bin/python benchmarks/incremental_bench.py "
              f"--pages {args.pages} --changed {args.changed} --seed {args.seed}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
