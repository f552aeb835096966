"""Time and peak memory per input MB, on ordinary large inputs and on the hostile shapes of issue 15.

    python benchmarks/hostile_bench.py [--mb 1 2] [--shapes text,html,jsonl,xliff,tokens,comments]
        [--format json] [--disable-checks terminology]

``--format terminal --disable-checks terminology`` leaves out the two stages
that are not per-page work (rendering the report file, learning terms over the
whole run), to measure the page review alone.

Each case runs ``mt-review review`` in a fresh process (no models, no
embedder, ``--max-bytes`` raised) and reads the child's peak RSS and CPU
seconds from ``getrusage`` (wall seconds too, but on a shared machine CPU
seconds are the figure to compare).  The figure per input MB is (peak - peak of
a one-sentence run) / input MB, so the interpreter, imports and the
dictionaries every review loads are not counted; CPU/MB likewise.  The
``seed`` column subtracts the peak of a run of the seed page once instead: the
structures a process builds once, on the first page that needs them (which one
sentence never does), are then not counted as per-MB memory either.  The ``shape``
column subtracts the peak of the seed page once *in the case's own format* (one
copy of the seed, made by the same code): the readers' libraries (lxml: ~4 MB of
RSS, which a text run never loads) are a fixed cost, not memory per MB.  Inputs are made
from the seed pair (``corpora/strongcities``) repeated with numbered
paragraphs, and from the hostile shapes: a 100 kB dotted token per
paragraph, 28 empty comments before every HTML page, JSONL units, XLIFF 1.2 units.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "strongcities"
EN = (SEED / "strongcities-nlc-workshop.en.txt").read_text(encoding="utf-8")
AR = (SEED / "strongcities-nlc-workshop.ar.txt").read_text(encoding="utf-8")


def _scaled(text: str, size: int, tag: str) -> str:
    """``text`` repeated with numbered paragraphs until ``size`` bytes (each copy distinct)."""
    parts, total, i = [], 0, 0
    while total < size:
        chunk = f"{tag} {i}.\n\n{text}\n\n"
        parts.append(chunk)
        total += len(chunk.encode("utf-8"))
        i += 1
    return "".join(parts)


def make_case(shape: str, size: int, folder: Path) -> list[Path]:
    """The input files of one case, about ``size`` bytes in all."""
    half = size // 2
    if shape == "text":
        en, ar = folder / "p.en.txt", folder / "p.ar.txt"
        en.write_text(_scaled(EN, half, "Part"), encoding="utf-8")
        ar.write_text(_scaled(AR, half, "الجزء"), encoding="utf-8")
        return [en, ar]
    if shape == "tokens":
        token = "a." * 50_000
        en, ar = folder / "p.en.txt", folder / "p.ar.txt"
        en.write_text(_scaled(EN + f"\n\nSee {token} now.\n", half, "Part"), encoding="utf-8")
        ar.write_text(_scaled(AR + f"\n\nانظر {token} الآن.\n", half, "الجزء"), encoding="utf-8")
        return [en, ar]
    if shape in ("html", "comments"):
        lead = "<!---->" * 28 if shape == "comments" else "<!doctype html>"

        def page(text: str, lang: str, tag: str) -> str:
            paras = "".join(f"<p>{p}</p>\n" for p in _scaled(text, half, tag).split("\n\n") if p.strip())
            return f'{lead}<html lang="{lang}"><head><title>t</title></head><body><main>{paras}</main></body></html>'

        en, ar = folder / "p.en.html", folder / "p.ar.html"
        en.write_text(page(EN, "en", "Part"), encoding="utf-8")
        ar.write_text(page(AR, "ar", "الجزء"), encoding="utf-8")
        return [en, ar]
    if shape == "jsonl":
        en_paras = [p for p in EN.split("\n\n") if p.strip()]
        ar_paras = [p for p in AR.split("\n\n") if p.strip()]
        lines, total, i = [], 0, 0
        while total < size:
            k = i % min(len(en_paras), len(ar_paras))
            line = json.dumps({"id": str(i), "source": f"Part {i}. {en_paras[k]}", "target": f"الجزء {i}. {ar_paras[k]}"},
                              ensure_ascii=False) + "\n"
            lines.append(line)
            total += len(line.encode("utf-8"))
            i += 1
        f = folder / "units.jsonl"
        f.write_text("".join(lines), encoding="utf-8")
        return [f]
    if shape == "xliff":  # one XLIFF 1.2 file of units, as a translation tool exports a site
        from xml.sax.saxutils import escape

        en_paras = [p for p in EN.split("\n\n") if p.strip()]
        ar_paras = [p for p in AR.split("\n\n") if p.strip()]
        head = ('<?xml version="1.0" encoding="utf-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
                'version="1.2">\n <file original="site" source-language="en" target-language="ar" '
                'datatype="plaintext">\n  <body>\n')
        units, total, i = [], len(head), 0
        while total < size:
            k = i % min(len(en_paras), len(ar_paras))
            unit = (f'   <trans-unit id="u{i}">\n    <source>{escape(f"Part {i}. {en_paras[k]}")}</source>\n'
                    f'    <target state="translated">{escape(f"الجزء {i}. {ar_paras[k]}")}</target>\n   </trans-unit>\n')
            units.append(unit)
            total += len(unit.encode("utf-8"))
            i += 1
        f = folder / "site.xliff"
        f.write_text(head + "".join(units) + "  </body>\n </file>\n</xliff>\n", encoding="utf-8")
        return [f]
    raise SystemExit(f"unknown shape {shape}")


def run(paths: list[Path], out: Path, extra: list[str] = ()) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS MB, exit code) of one review in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(sys.argv[1:]).returncode\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, rc)\n"
    )
    cmd = [sys.executable, "-c", code, sys.executable, "-m", "mt_review", "review", *map(str, paths),
           "--no-models", "--embedder", "none", "-q", "--fail-on", "none",
           "--max-bytes", str(1 << 30), "--out", str(out), *extra]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds, cpu, peak, rc = res.stdout.split()[-4:]
    if int(rc):  # a refused input measures nothing: say why
        print(f"  exit {rc}: {(res.stderr.strip().splitlines() or [''])[-1]}")
    return float(seconds), float(cpu), float(peak), int(rc)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[1.0, 2.0])
    ap.add_argument("--shapes", default="text,html,jsonl,tokens,comments")
    ap.add_argument("--format", default="json", help="report format(s) written (terminal: none written)")
    ap.add_argument("--disable-checks", default="",
                    help="checks to skip, comma-separated (terminology: no terms learned over the run)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        base_dir = tmpdir / "base"
        base_dir.mkdir()
        (base_dir / "b.en.txt").write_text("The city council met today.\n", encoding="utf-8")
        (base_dir / "b.ar.txt").write_text("اجتمع مجلس المدينة اليوم.\n", encoding="utf-8")
        extra = ["--format", args.format]
        if args.disable_checks:
            cfg = tmpdir / "mt-review.toml"
            cfg.write_text(f"disabled-checks = {json.dumps(args.disable_checks.split(','))}\n", encoding="utf-8")
            extra += ["--config", str(cfg)]
        print(f"review options: {' '.join(extra)}")
        base_s, base_cpu, base_mb, _ = run([base_dir / "b.en.txt", base_dir / "b.ar.txt"], tmpdir / "rb", extra)
        print(f"baseline (one sentence): {base_s:.2f} s, {base_cpu:.2f} s CPU, {base_mb:.0f} MB peak; "
              f"load average {os.getloadavg()[0]:.1f}")
        # the seed page once (~10 kB): it builds what any real page makes a process build once (the names
        # check's stand-in index, the transliteration and dictionary caches), which one sentence does not
        seed_dir = tmpdir / "seed"
        seed_dir.mkdir()
        (seed_dir / "s.en.txt").write_text(EN, encoding="utf-8")
        (seed_dir / "s.ar.txt").write_text(AR, encoding="utf-8")
        seed_s, seed_cpu, seed_mb, _ = run([seed_dir / "s.en.txt", seed_dir / "s.ar.txt"], tmpdir / "rs", extra)
        print(f"baseline (the seed page once): {seed_s:.2f} s, {seed_cpu:.2f} s CPU, {seed_mb:.0f} MB peak")
        print(f"{'shape':<9} {'input MB':>8} {'seconds':>8} {'CPU s':>7} {'CPU/MB':>6} {'peak MB':>8} {'MB/MB':>6} "
              f"{'seed':>6} {'shape':>6} exit")
        for shape in args.shapes.split(","):
            own = tmpdir / f"{shape}-seed"  # the seed page once, in this shape
            own.mkdir()
            # one copy of each side's seed text (a 2-byte size), or units of the seed's ~9 kB
            once = 2 if shape in ("text", "tokens", "html", "comments") else len((EN + AR).encode("utf-8"))
            own_mb = run(make_case(shape, once, own), tmpdir / f"rs-{shape}", extra)[2]
            for mb in args.mb:
                case = tmpdir / f"{shape}-{mb}"
                case.mkdir()
                paths = make_case(shape, int(mb * (1 << 20)), case)
                size = sum(p.stat().st_size for p in paths) / (1 << 20)
                seconds, cpu, peak, rc = run(paths, tmpdir / f"r-{shape}-{mb}", extra)
                print(f"{shape:<9} {size:8.2f} {seconds:8.1f} {cpu:7.1f} {(cpu - base_cpu) / size:6.1f} {peak:8.0f} "
                      f"{(peak - base_mb) / size:6.1f} {(peak - seed_mb) / size:6.1f} {(peak - own_mb) / size:6.1f} {rc}",
                      flush=True)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
