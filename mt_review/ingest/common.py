"""Helpers shared by the readers: block kinds, NFC, page assembly, names."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable

from mt_review import langid
from mt_review.model import Block, BlockKind, Page

# Sentence-final punctuation, Latin and Arabic (؟ question mark, ۔ full stop).
_FINAL_PUNCT = ".!?…;:؟۔؛"
_TRAILING_CLOSERS = "\"'”’»)]}>«"
HEADING_MAX_WORDS = 16  # ~12 asked; page titles run to 15 words (seed EN title)

# File-name language tags recognised in stems: "page.en", "page-ar", "page_en".
_LANG_SUFFIX = re.compile(r"(?:[._-])(en|ar)(?:[-_][A-Za-z]{2})?$", re.IGNORECASE)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def nfc(text: str) -> str:
    """NFC only: invisible and bidi control characters are kept for the checks.

    A lone surrogate (JSON ``"\\ud800"``, XLIFF 2 ``<cp hex="D800"/>``) is no
    character at all and cannot be encoded: it becomes U+FFFD."""
    return unicodedata.normalize("NFC", _LONE_SURROGATE.sub("\ufffd", text))


def is_heading_text(text: str) -> bool:
    """A short single line (<= HEADING_MAX_WORDS words) that does not end like a sentence."""
    t = text.strip()
    if not t or "\n" in t:
        return False
    if len(t.split()) > HEADING_MAX_WORDS:
        return False
    end = t.rstrip(_TRAILING_CLOSERS + " \u00a0")
    if not end:
        return False
    return end[-1] not in _FINAL_PUNCT


def text_kind(text: str) -> BlockKind:
    return BlockKind.HEADING if is_heading_text(text) else BlockKind.PARAGRAPH


def make_blocks(items: Iterable[tuple[BlockKind, str, int | None, str | None]]) -> tuple[Block, ...]:
    """``(kind, text, line, unit_id)`` -> Blocks with NFC text and positional ``index``."""
    return tuple(
        Block(kind=kind, text=nfc(text), index=i, unit_id=unit_id, line=line)
        for i, (kind, text, line, unit_id) in enumerate(items)
    )


PAGE_LANG_SAMPLE_CHARS = 60_000


def page_lang(blocks: Iterable[Block]) -> str:
    """``langid.identify_page`` on the page's text; long pages on an even sample of blocks."""
    texts = [b.text for b in blocks if b.text]
    total = sum(len(t) for t in texts)
    if total > PAGE_LANG_SAMPLE_CHARS:
        step = -(-total // PAGE_LANG_SAMPLE_CHARS)  # ceil
        texts = texts[::step]
    return langid.identify_page(texts)


def pick_title(blocks: tuple[Block, ...], lang: str, fallback: str) -> str:
    """The first heading written in the page's language; else the first heading; else ``fallback``.

    Skips headings in another script (e.g. icon-font text such as
    ``arrow-circle arrow-down`` at the top of a scraped page).
    """
    headings = [b for b in blocks if b.kind is BlockKind.HEADING and b.text.strip()]
    for b in headings:
        if langid.identify(b.text) == lang:
            return b.text.strip()
    if headings:
        return headings[0].text.strip()
    return fallback


def build_page(
    path: str | Path,
    blocks: tuple[Block, ...],
    *,
    fmt: str,
    encoding: str,
    title: str | None = None,
    url: str | None = None,
    declared_lang: str | None = None,
    direction: str | None = None,
    lang: str | None = None,
) -> Page:
    lang = lang or page_lang(blocks)
    if not title:
        title = pick_title(blocks, lang, base_name(Path(path)))
    return Page(
        path=str(path),
        lang=lang,
        title=nfc(title.strip()),
        blocks=blocks,
        format=fmt,
        encoding=encoding,
        url=url,
        declared_lang=declared_lang,
        direction=direction,
    )


def strip_lang_suffix(stem: str) -> tuple[str, str | None]:
    """``"page.en"`` -> ``("page", "en")``; ``"page"`` -> ``("page", None)``."""
    m = _LANG_SUFFIX.search(stem)
    if m and m.start() > 0:
        return stem[: m.start()], m.group(1).lower()
    return stem, None


def base_name(path: Path) -> str:
    """File name without extension(s) and without a language tag."""
    stem = path.name
    # drop one extension (".en.txt" -> ".en"), keep dots inside names otherwise
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    return strip_lang_suffix(stem)[0] or path.stem
