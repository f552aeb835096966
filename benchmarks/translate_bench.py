"""Re-translation throughput: transformers fp32 vs CTranslate2 int8 (prints figures; not a test).

    .venv/bin/python benchmarks/translate_bench.py [--segments 48] [--out-tokens 24] [--threads 2]

The model is a random-weight Marian of the real OPUS-MT base size (d_model
512, 6+6 layers, 8 heads, FFN 2048, 62k vocabulary; the SentencePiece models
are tiny, vocab.json is padded to 62k so the embedding and output matrices
have the real size).  Random weights make translations gibberish, so output
lengths are forced equal (``min_output_tokens`` = cap: no </s> before it) and
every engine does the same work.  Each measurement runs in a fresh process so
its peak RSS is its own, and is the best of ``--repeat`` runs (on a shared
machine the figures still move by tens of percent between runs; compare
ratios within one run).  Targets (ratios within one run):

* CTranslate2 int8 >= 4x transformers fp32 for greedy translation, >= 2x for scoring
* mt-review's CTranslate2 path >= 80% of calling CTranslate2 directly
* a fully cached re-run >= 20x faster than the first run
* both directions loaded in int8 within 1 GB RSS
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASE = dict(d_model=512, layers=6, heads=8, ffn=2048, pad_vocab_to=62_000, vocab_size=400, weight_scale=0.25)


def rss_mb() -> float:
    """Current RSS (MB) from /proc; peak via getrusage."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def peak_mb() -> float:
    """This process's peak RSS (VmHWM).  Not getrusage: Linux carries ru_maxrss over
    fork+exec, so a worker would report the parent's peak."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts(n: int) -> tuple[list[str], list[str]]:
    from tests.tiny_marian import ARABIC, ENGLISH

    en = [ENGLISH[i % len(ENGLISH)] + ("" if i < len(ENGLISH) else f" ({i})") for i in range(n)]
    ar = [ARABIC[i % len(ARABIC)] + ("" if i < len(ARABIC) else f" ({i})") for i in range(n)]
    return en, ar


def prepare(work: Path) -> dict[str, str]:
    from tests.tiny_marian import build_tiny_marian
    from mt_review.translate.ct2_backend import convert_model, is_ct2_folder

    paths = {}
    for direction in ("en-ar", "ar-en"):
        hf = work / f"base-{direction}"
        if not (hf / "model.safetensors").is_file():
            t = time.perf_counter()
            build_tiny_marian(hf, direction=direction, with_lang_token=direction == "en-ar", **BASE)
            print(f"  built {hf.name} in {time.perf_counter() - t:.1f}s", flush=True)
        ct2 = work / f"base-{direction}-ct2-int8"
        if not is_ct2_folder(ct2):
            t = time.perf_counter()
            convert_model(hf, ct2, "int8", force=True)
            print(f"  converted {ct2.name} in {time.perf_counter() - t:.1f}s", flush=True)
        paths[direction] = str(hf)
        paths[f"{direction}-ct2"] = str(ct2)
    return paths


def decoding(beam: int, out_tokens: int):
    from mt_review.translate.base import DecodingSettings

    return DecodingSettings(beam_size=beam, max_output_ratio=0.0, max_output_extra=out_tokens,
                            max_output_tokens=out_tokens, min_output_tokens=out_tokens)


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def worker(name: str, paths: dict[str, str], a) -> dict:
    """One measurement in this (fresh) process."""
    import torch

    torch.set_num_threads(a.threads)
    en, ar = texts(a.segments)
    res: dict = {"name": name}
    if name in ("hf-greedy", "hf-beam4", "hf-score"):
        from mt_review.translate.hf_backend import TransformersTranslator

        beam = 4 if name == "hf-beam4" else 1
        t = TransformersTranslator(paths["en-ar"], direction="en-ar", threads=a.threads,
                                   decoding=decoding(beam, a.out_tokens), batch_tokens=a.batch_tokens)
        t.translate(en[:2]) if name != "hf-score" else t.score(en[:2], ar[:2])  # warm-up
        if name == "hf-score":
            res["seconds"] = timed(lambda: t.score(en, ar), a.repeat)
        else:
            res["seconds"] = timed(lambda: t.translate(en), a.repeat)
    elif name in ("ct2-greedy", "ct2-beam4", "ct2-score", "ct2-cached", "ct2-raw"):
        from mt_review.translate.ct2_backend import CT2Translator

        beam = 4 if name == "ct2-beam4" else 1
        t = CT2Translator(paths["en-ar-ct2"], direction="en-ar", threads=a.threads,
                          decoding=decoding(beam, a.out_tokens), batch_tokens=a.batch_tokens)
        t.translate(en[:2])  # warm-up
        if name == "ct2-score":
            res["seconds"] = timed(lambda: t.score(en, ar), a.repeat)
        elif name == "ct2-cached":
            import tempfile

            from mt_review.translate.cache import CachedTranslator, TranslationCache

            with tempfile.TemporaryDirectory() as d:
                c = CachedTranslator(t, TranslationCache(Path(d) / "c.sqlite3"))
                res["first_seconds"] = timed(lambda: c.translate(en))
                calls = t.model_calls
                res["seconds"] = timed(lambda: c.translate(en), a.repeat)
                res["model_calls_on_rerun"] = t.model_calls - calls
        elif name == "ct2-raw":
            import ctranslate2

            raw = t.model  # the same loaded ctranslate2.Translator
            sp_src, sp_tgt = t.vocab.sp_source, t.vocab.sp_target
            lang = t.vocab.lang_token

            def direct() -> list[str]:
                toks = [([lang] if lang else []) + sp_src.encode(s, out_type=str) + ["</s>"] for s in en]
                out = raw.translate_batch(toks, beam_size=1, max_batch_size=a.batch_tokens, batch_type="tokens",
                                          max_decoding_length=a.out_tokens, min_decoding_length=a.out_tokens)
                return [sp_tgt.decode_pieces(r.hypotheses[0]) for r in out]

            res["raw_seconds"] = timed(direct, a.repeat)
            res["seconds"] = timed(lambda: t.translate(en), a.repeat)
            res["ctranslate2"] = ctranslate2.__version__
        else:
            res["seconds"] = timed(lambda: t.translate(en), a.repeat)
    elif name == "both-int8":
        from mt_review.translate.ct2_backend import CT2Translator

        before = rss_mb()
        ts = {d: CT2Translator(paths[f"{d}-ct2"], direction=d, threads=a.threads,
                               decoding=decoding(1, a.out_tokens), batch_tokens=a.batch_tokens)
              for d in ("en-ar", "ar-en")}
        ts["en-ar"].translate(en)
        ts["ar-en"].translate(ar)
        res["rss_before_mb"] = before
        res["seconds"] = 0.0
    res["rss_mb"] = rss_mb()
    res["peak_rss_mb"] = peak_mb()
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--segments", type=int, default=48)
    ap.add_argument("--out-tokens", type=int, default=24)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-tokens", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=2, help="best of N runs for each measurement")
    ap.add_argument("--work", default=os.environ.get("MT_REVIEW_BENCH_DIR", "/tmp/mt-review-bench"))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--paths", help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a.worker:
        print("RESULT " + json.dumps(worker(a.worker, json.loads(a.paths), a)), flush=True)
        return

    cmd = " ".join([Path(sys.executable).name, "benchmarks/translate_bench.py", *sys.argv[1:]])
    print(f"$ {cmd}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"cpus {os.cpu_count()}, load average {load:.1f} at start"
          + ("  (busy machine: OpenMP threads > free cores slow torch down badly; compare with --threads 1)"
             if load > (os.cpu_count() or 1) else ""))
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    print(f"preparing base-size random Marian models in {work} ...", flush=True)
    paths = prepare(work)

    names = ["hf-greedy", "ct2-greedy", "hf-beam4", "ct2-beam4", "hf-score", "ct2-score", "ct2-cached", "ct2-raw",
             "both-int8"]
    results: dict[str, dict] = {}
    env = dict(os.environ, OMP_NUM_THREADS=str(a.threads), TOKENIZERS_PARALLELISM="false")
    for name in names:
        args = [sys.executable, __file__, "--worker", name, "--paths", json.dumps(paths),
                "--segments", str(a.segments), "--out-tokens", str(a.out_tokens), "--threads", str(a.threads),
                "--batch-tokens", str(a.batch_tokens), "--repeat", str(a.repeat)]
        t = time.perf_counter()
        p = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT)
        line = next((ln for ln in p.stdout.splitlines() if ln.startswith("RESULT ")), None)
        if p.returncode or not line:
            print(f"  {name}: FAILED\n{p.stderr[-2000:]}")
            continue
        results[name] = json.loads(line[len("RESULT "):])
        print(f"  {name}: done in {time.perf_counter() - t:.1f}s", flush=True)

    n = a.segments

    def sps(name: str, key: str = "seconds") -> float:
        r = results.get(name)
        return n / r[key] if r and r.get(key) else float("nan")

    print()
    print(f"{n} segments, {a.out_tokens} output tokens each (forced), {a.threads} threads, "
          f"batch budget {a.batch_tokens} tokens, model d512 6+6 layers FFN 2048 vocab 62k")
    print(f"{'measurement':<38}{'seg/s':>10}{'peak RSS MB':>14}")
    rows = [("transformers fp32 greedy", "hf-greedy"), ("ctranslate2 int8 greedy", "ct2-greedy"),
            ("transformers fp32 beam 4", "hf-beam4"), ("ctranslate2 int8 beam 4", "ct2-beam4"),
            ("transformers fp32 scoring (forced)", "hf-score"), ("ctranslate2 int8 scoring (forced)", "ct2-score")]
    for label, name in rows:
        r = results.get(name, {})
        print(f"{label:<38}{sps(name):>10.1f}{r.get('peak_rss_mb', float('nan')):>14.0f}")
    c = results.get("ct2-cached", {})
    both = results.get("both-int8", {})

    def ratio(x: float, y: float) -> float:
        return x / y if y and y == y else float("nan")

    greedy = ratio(sps("ct2-greedy"), sps("hf-greedy"))
    beam = ratio(sps("ct2-beam4"), sps("hf-beam4"))
    score = ratio(sps("ct2-score"), sps("hf-score"))
    own = ratio(sps("ct2-raw"), sps("ct2-raw", "raw_seconds"))
    cached = ratio(c.get("first_seconds", float("nan")), c.get("seconds", float("nan")))
    print()
    print(f"first run (ct2 int8, through the cache)  {c.get('first_seconds', float('nan')):.3f}s; "
          f"cached re-run {c.get('seconds', float('nan')) * 1000:.1f} ms "
          f"({c.get('model_calls_on_rerun', '?')} model calls)")
    print(f"mt-review ct2 path {sps('ct2-raw'):.1f} seg/s vs ctranslate2 called directly "
          f"{sps('ct2-raw', 'raw_seconds'):.1f} seg/s")
    print(f"both directions int8 loaded and used: RSS {both.get('rss_mb', float('nan')):.0f} MB "
          f"(peak {both.get('peak_rss_mb', float('nan')):.0f} MB; "
          f"python+libraries before loading {both.get('rss_before_mb', float('nan')):.0f} MB)")
    print()
    checks = [
        ("ct2 int8 / transformers fp32, greedy", greedy, 4.0),
        ("ct2 int8 / transformers fp32, beam 4", beam, None),
        ("ct2 int8 / transformers fp32, scoring", score, 2.0),
        ("mt-review / raw ctranslate2", own, 0.8),
        ("cached re-run speed-up", cached, 20.0),
    ]
    for label, value, target in checks:
        verdict = "" if target is None else ("  ok" if value >= target else "  BELOW TARGET")
        print(f"{label:<42}{value:>8.2f}x" + (f"  (target >= {target}x){verdict}" if target else ""))
    mem = both.get("peak_rss_mb", float("nan"))
    print(f"{'both directions int8 peak RSS':<42}{mem:>8.0f} MB  (target <= 1024 MB)"
          + ("  ok" if mem <= 1024 else "  ABOVE TARGET"))


if __name__ == "__main__":
    main()
