"""Seeded fuzzing of every reader: the inputs, and what one input is run through.

Shared by ``tests/test_fuzz_readers.py`` (a small bounded run in the suite) and
``benchmarks/fuzz_readers.py`` (the long run).  ``run_one(kind, data, folder)``
writes ``data`` as a file of that kind and reads it the way a review does; a
bilingual result is then segmented, aligned and checked as well.  The contract
is: a result, or :class:`~mt_review.errors.InputError` -- nothing else.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from mt_review.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
SEED_DIR = ROOT / "corpora" / "strongcities"

# kind -> file name the input is written to ("noext" exercises format sniffing)
KINDS = {
    "text": "page.en.txt",
    "html": "page.en.html",
    "xliff": "job.xliff",
    "xliff2": "job2.xlf",
    "po": "site.po",
    "jsonl": "units.jsonl",
    "tsv": "units.tsv",
    "noext": "export",
    "baseline": "baseline.json",
    "decisions": "decisions.csv",
    "decisions_toml": "decisions.toml",
    "glossary": "glossary.csv",
    "config": "mt-review.toml",
    "manifest": "manifest.csv",
}

_XLIFF2 = (
    '<?xml version="1.0" encoding="utf-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
    'srcLang="en" trgLang="ar">\n <file id="f1">\n  <unit id="u1"><segment><source>The city council met '
    'today to discuss the plan.</source><target>اجتمع مجلس المدينة اليوم <cp hex="200F"/>لمناقشة الخطة.</target>'
    '</segment></unit>\n  <unit id="u2" translate="no"><segment><source>Strong Cities</source></segment></unit>\n'
    " </file>\n</xliff>\n"
)
_PO = (
    'msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : 2;\\n"\n\n'
    'msgid "The city council met today."\nmsgstr "اجتمع مجلس المدينة اليوم."\n\n'
    'msgid "One page"\nmsgid_plural "%d pages"\nmsgstr[0] "صفحة"\nmsgstr[1] "صفحة واحدة"\nmsgstr[2] "%d صفحات"\n\n'
    '#, fuzzy\nmsgid "Read more."\nmsgstr "اقرأ."\n'
)
_JSONL = "".join(
    json.dumps(r, ensure_ascii=False) + "\n"
    for r in (
        {"id": "1", "source": "The city council met today at info@example.org.", "target": "اجتمع مجلس المدينة اليوم."},
        {"id": "2", "en": "Visit www.example.org for 2,500 more pages.", "ar": "زوروا www.example.org لـ 2500 صفحة."},
    )
)
_TSV = "The city council met today.\tاجتمع مجلس المدينة اليوم.\nRead the report (2024).\tاقرأ التقرير (2024).\n"
_BASELINE = json.dumps({"version": 1, "entries": [{"fingerprint": "abc", "page": "p", "check": "numbers"}]})
_FP = "0123456789abcdef0123"
_DECISIONS = f"fingerprint,decision,reviewer,note\n{_FP},accepted,Layla,fine\n"
_DECISIONS_TOML = f'[[decision]]\nfingerprint = "{_FP}"\ndecision = "accepted"\nreviewer = "Layla"\n'
_CONFIG = 'fail-on = "major"\nmin-score = 80\ndisabled-checks = ["spelling"]\nmax-bytes = 1000000\n'
_MANIFEST = "source,target,name\npage.en.txt,page.ar.txt,home\n"

TOKENS = [
    "<!--", "-->", "<!---->" * 30, "<!DOCTYPE x [", "]>", '<!ATTLIST trans-unit translate CDATA "no">',
    '<!ENTITY a "b">', "&a;", "&#0;", "&#xD800;", '<cp hex="D800"/>', '<cp hex="110000"/>', "<![CDATA[", "]]>",
    "\\ud800", "\\udfff", "[" * 1200, "{" * 1200, '"x":' * 50, "1" * 4400, "a." * 3000, "a@" * 2000,
    "x" * 20000, "www." * 500, "http://[::1/p/", "<html><head><me", "\x00", "\x1b[2J", "\u202e", "\ufeff",
    '<?xml version="1.0" encoding="utf-88888"?>', "\r", "\r\n", "\t", '"', "'", "<", ">", "&", ";", "\\",
    "msgid ", "msgstr ", "#, fuzzy\n", '"""', "[tool]\n", 'tool = "x"\n', "[tool.mt-review]\n", "=", ",",
    "../../etc/passwd", "/etc/passwd", "\ud800", "ى", "٣", "۳", "…", "..", "?", "؟",
]


def seeds() -> dict[str, list[bytes]]:
    """kind -> seed inputs (real fixtures where there are some)."""
    read = lambda p: p.read_bytes() if p.is_file() else b""  # noqa: E731
    en = read(SEED_DIR / "strongcities-nlc-workshop.en.txt")
    return {
        "text": [en[:4000]],
        "html": [read(FIXTURES / "nlc-workshop.en.html")[:6000], read(FIXTURES / "nlc-workshop.ar.html")[:6000]],
        "xliff": [read(FIXTURES / "wpml-nlc-workshop.xliff"), read(FIXTURES / "nlc-workshop.xlf")[:8000]],
        "xliff2": [_XLIFF2.encode()],
        "po": [_PO.encode()],
        "jsonl": [_JSONL.encode()],
        "tsv": [_TSV.encode()],
        "noext": [_JSONL.encode(), _PO.encode(), _XLIFF2.encode(), b"<html><body><p>x</p></body></html>"],
        "baseline": [_BASELINE.encode()],
        "decisions": [_DECISIONS.encode()],
        "decisions_toml": [_DECISIONS_TOML.encode()],
        "glossary": [read(SEED_DIR / "glossary.csv")],
        "config": [_CONFIG.encode()],
        "manifest": [_MANIFEST.encode()],
    }


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: byte flips, hostile tokens, cuts, repeats, splices."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            tok = rng.choice(TOKENS).encode("utf-8", "surrogatepass")
            buf[pos:pos] = tok * rng.choice((1, 1, 1, 3, 30))
        elif op == 2:
            end = min(len(buf), pos + rng.randint(1, 200))
            del buf[pos:end]
        elif op == 3 and buf:
            start = rng.randint(0, len(buf) - 1)
            chunk = buf[start : start + rng.randint(1, 400)]
            buf[pos:pos] = chunk * rng.randint(1, 20)
        elif op == 4:
            del buf[pos:]
        else:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(buf[:400_000])


def run_one(kind: str, data: bytes, folder: Path) -> object:
    """Read ``data`` as ``kind`` the way a review does; return the result or raise InputError."""
    from mt_review.baseline import load_baseline, load_decisions
    from mt_review.config import load_config
    from mt_review.glossary import load_glossary
    from mt_review.ingest import read_file
    from mt_review.model import PagePair
    from mt_review.pairing import find_pairs

    path = folder / KINDS[kind]
    path.write_bytes(data)
    if kind == "baseline":
        return load_baseline(path)
    if kind in ("decisions", "decisions_toml"):
        return load_decisions(path)
    if kind == "glossary":
        return load_glossary(path)
    if kind == "config":
        return load_config(path)
    if kind == "manifest":
        (folder / "page.en.txt").write_bytes((SEED_DIR / "strongcities-nlc-workshop.en.txt").read_bytes()[:2000])
        (folder / "page.ar.txt").write_bytes((SEED_DIR / "strongcities-nlc-workshop.ar.txt").read_bytes()[:3000])
        return find_pairs([folder], max_bytes=1_000_000)
    result = read_file(path, max_bytes=1_000_000)
    if isinstance(result, PagePair):
        _review(result)
    elif kind in ("text", "html"):
        from mt_review.segment import segment_page

        segment_page(result)
    return result


def _review(pair) -> None:
    """Segment, align and check a pre-aligned pair (no models, no embedder)."""
    from mt_review.config import ReviewSettings
    from mt_review.pipeline import Resources, review_page

    review_page(pair, ReviewSettings(embedder="none", model_en_ar="", model_ar_en=""), Resources())


def check_one(kind: str, data: bytes, folder: Path) -> str:
    """'ok' or 'input-error'; any other exception propagates (a bug)."""
    try:
        run_one(kind, data, folder)
    except InputError:
        return "input-error"
    return "ok"
