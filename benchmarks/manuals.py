"""Documentation and help-page evaluation texts: human English/Arabic translations from Debian.

The catalogue set (:mod:`data`) is software UI strings and the prose set
(:mod:`prose`) is legal and religious prose.  This third set is explanatory
text of the kind a site publishes as documentation or help pages, from two
Debian packages read offline (``make bench-data`` fetches them with
``apt-get download`` and unpacks the files it needs into
``benchmarks/manuals_data/``; an installed package under ``/usr/share`` is read
too):

``handbook``   The Debian Administrator's Handbook, English (``en-US``) and the
               Arabic translation (``ar-MA``) as HTML (Debian ``debian-handbook``,
               11.20220922 measured; GPL-2.0+ or CC-BY-SA-3.0).  Both languages are
               built from one DocBook source, so each chapter page has the same
               paragraphs in the same order: paired paragraph by paragraph.
               Paragraphs the translators left in English (the build falls back to
               the source) are skipped, as are paragraphs holding a command-line
               screen.
``wordpress``  WordPress's admin help tabs, notices and explanations, English
               msgid and Arabic msgstr of the ``ar`` catalogues (Debian
               ``wordpress-l10n``, 6.1.9+dfsg1-0+deb12u1 measured; GPL-2.0+).  Only
               strings of at least 10 words without format placeholders; HTML
               entities decoded and tags removed, as the page shows them.

``load_manuals(limit_per_source=600, seed=0) -> [(en, ar, origin)]`` where
``origin`` starts with the source name (``"handbook:apt.html:12"``,
``"wordpress:admin-ar.mo:317"``).  Missing data raises :class:`MissingData`
naming the install step.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from lxml import html as lxml_html
from prose import sample_sources

HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("MT_REVIEW_BENCH_MANUALS_DATA", HERE / "manuals_data" / "root"))

SOURCES: dict[str, str] = {
    "handbook": "Debian debian-handbook 11.20220922 (GPL-2.0+ or CC-BY-SA-3.0; ar-MA translation)",
    "wordpress": "Debian wordpress-l10n 6.1.9+dfsg1-0+deb12u1 (GPL-2.0+; WordPress ar catalogues)",
}
INSTALL = "run `make bench-data` (apt-get download debian-handbook wordpress-l10n, unpacked into benchmarks/manuals_data/)"

_HANDBOOK = Path("usr/share/doc/debian-handbook/html")
_WORDPRESS = Path("usr/share/wordpress/wp-content/languages")
_WP_CATALOGUES = ("admin-ar.mo", "ar.mo", "admin-network-ar.mo")

_SPACES = re.compile(r"\s+")
_AR_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_TAG = re.compile(r"<[^>]+>")
# printf-style and numbered placeholders: the page would show a value there, not this text
_PLACEHOLDER = re.compile(r"%(\d+\$)?[sdfu]|%[a-z_]+%|\{\w*\}|\[\w+\]")


_UTF8 = lxml_html.HTMLParser(encoding="utf-8")  # the pages are UTF-8 XHTML; say so, do not sniff


class MissingData(RuntimeError):
    """A documentation source is not installed; the message names the install step."""


def _first(*candidates: Path) -> Path | None:
    return next((p for p in candidates if p.exists()), None)


def _text(el) -> str:
    return _SPACES.sub(" ", el.text_content()).strip()


def _translated(ar: str) -> bool:
    """Mostly Arabic letters: a paragraph the translators left in English falls back to it."""
    return len(_AR_LETTER.findall(ar)) > 2 * len(_LATIN_LETTER.findall(ar))


def _enough(en: str, ar: str, min_words: int, max_words: int) -> bool:
    n = len(en.split())
    return min_words <= n <= max_words and len(ar.split()) >= 3


def _paragraphs(path: Path) -> list:
    tree = lxml_html.fromstring(path.read_bytes(), parser=_UTF8)
    paras = tree.xpath("//div[@class='para']")
    for p in paras:
        for url in p.xpath(".//div[@class='url']"):  # a link shown on its own line under the paragraph
            url.drop_tree()
    return paras


def load_handbook(min_words: int = 6, max_words: int = 120) -> list[tuple[str, str, str]]:
    base = _first(DATA / _HANDBOOK, Path("/") / _HANDBOOK)
    if base is None or not (base / "ar-MA").is_dir():
        raise MissingData(f"debian-handbook not found under {DATA} or /usr/share ({INSTALL})")
    pairs = []
    for en_file in sorted((base / "en-US").glob("*.html")):
        ar_file = base / "ar-MA" / en_file.name
        if not ar_file.exists():
            continue
        en_paras, ar_paras = _paragraphs(en_file), _paragraphs(ar_file)
        if len(en_paras) != len(ar_paras):
            continue  # the pages differ in shape: the pairing would be a guess
        for i, (e_el, a_el) in enumerate(zip(en_paras, ar_paras, strict=True)):
            if e_el.xpath(".//pre") or a_el.xpath(".//pre"):
                continue  # a command-line screen inside the paragraph: not prose
            e, a = _text(e_el), _text(a_el)
            if _translated(a) and _enough(e, a, min_words, max_words):
                pairs.append((e, a, f"handbook:{en_file.name}:{i}"))
    return pairs


def _wp_clean(text: str) -> str:
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", text))).strip()


def load_wordpress(min_words: int = 10, max_words: int = 120) -> list[tuple[str, str, str]]:
    import polib

    base = _first(DATA / _WORDPRESS, Path("/") / _WORDPRESS)
    if base is None or not (base / "admin-ar.mo").exists():
        raise MissingData(f"wordpress-l10n not found under {DATA} or /usr/share ({INSTALL})")
    pairs, seen = [], set()
    for name in _WP_CATALOGUES:
        if not (base / name).exists():
            continue
        for i, entry in enumerate(polib.mofile(str(base / name))):
            if entry.msgid_plural or not entry.msgstr or "fuzzy" in entry.flags:
                continue
            if _PLACEHOLDER.search(entry.msgid) or _PLACEHOLDER.search(entry.msgstr):
                continue
            e, a = _wp_clean(entry.msgid), _wp_clean(entry.msgstr)
            if e in seen or not _translated(a):
                continue
            seen.add(e)
            if _enough(e, a, min_words, max_words):
                pairs.append((e, a, f"wordpress:{name}:{i}"))
    return pairs


LOADERS = {"handbook": load_handbook, "wordpress": load_wordpress}


def load_manuals(limit_per_source: int | None = 600, seed: int = 0,
                 sources: tuple[str, ...] = tuple(LOADERS)) -> list[tuple[str, str, str]]:
    """The documentation pairs, ``limit_per_source`` per source (``prose.sample_sources``), so the
    larger source does not drown the other."""
    return sample_sources(LOADERS, sources, limit_per_source, seed)
