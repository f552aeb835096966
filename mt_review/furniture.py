"""Recognise site furniture: the text around a page's content that is not translation.

Icon-font names, share buttons, breadcrumbs, "N minutes reading time" and the
plugin's "translated automatically" notice would otherwise be aligned and
scored as if they were sentences, producing false alarms.  They are typed
here (``BlockKind.NAVIGATION`` / ``READING_TIME`` / ``MT_NOTICE``) and reported
in their own section; only their numbers are still compared.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import zip_longest

from mt_review.model import Block, BlockKind, MTNotice, Page, PagePair

_DIGITS = r"[0-9\u0660-\u0669\u06F0-\u06F9]+"

# Words that icon fonts and social widgets render as text when CSS is lost.
_ICON_WORDS = frozenset(
    """arrow arrows close search menu facebook twitter linkedin instagram youtube
    whatsapp telegram email mail print share rss icon chevron caret plus minus
    hamburger home phone tiktok pinterest reddit vimeo flickr x download upload
    play pause video audio calendar clock user globe link external""".split()
)
_ICON_TOKEN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|^[a-z]+$")

_SHARE = re.compile(
    r"^(?:share(?: this(?: page| article| post)?)?(?: on \w+)?|tweet|print(?: this page)?|"
    r"follow us|copy link|email this|شارك(?:\s+\S+){0,2}|مشاركة(?:\s+\S+){0,2}|طباعة|"
    r"تابعنا|نسخ الرابط)\s*[:：]?$",
    re.IGNORECASE,
)
_BREADCRUMB_SEP = re.compile(r"\s+[»›>/|]\s+|\s*[»›]\s*")

_READING_TIME = re.compile(
    rf"(?:{_DIGITS}\s*(?:min(?:ute)?s?|mins?)\.?\s+(?:reading\s+time|read)\b"
    rf"|reading\s+time\s*[:：]?\s*{_DIGITS}\s*min"
    rf"|{_DIGITS}\s*(?:دقائق|دقيقة|دقيقتان|دقيقتين|د)\s*(?:وقت\s+ال?قراءة|لل?قراءة|قراءة)"
    rf"|(?:وقت|مدة)\s+ال?قراءة\s*[:：]?\s*{_DIGITS})",
    re.IGNORECASE,
)

_MT_NOTICE = re.compile(
    r"(?:translated\s+automatically|automatically\s+translated|machine[-\s]translat\w*|"
    r"automatic(?:ally)?\s+translat\w*|auto-translat\w*|"
    r"ترجم\w*\s+(?:\S+\s+){0,6}?تلقائي\w*|تلقائي\w*\s+(?:\S+\s+){0,3}?ترجم\w*|"
    r"الترجمة\s+الآلية|ترجمة\s+آلية|مترجم\w*\s+آلي\w*)",
    re.IGNORECASE,
)
_PLUGINS = ("WPML", "Google Translate", "GTranslate", "Weglot", "TranslatePress", "DeepL", "Polylang", "Bing Translator")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_MAX_FURNITURE_WORDS = 40  # furniture is short; a long paragraph that mentions translation is content


def _words(text: str) -> list[str]:
    return text.split()


def is_icon_text(text: str) -> bool:
    """Text made of icon-font names: lowercase ASCII tokens, mostly hyphenated or icon words."""
    tokens = _words(text)
    if len(tokens) < 3 or any(not _ICON_TOKEN.match(t) for t in tokens):
        return False
    iconish = sum("-" in t or t in _ICON_WORDS or any(w in t for w in ("arrow", "icon")) for t in tokens)
    return iconish / len(tokens) >= 0.6


def is_breadcrumb(text: str) -> bool:
    if "\n" in text.strip():
        return False
    parts = [p.strip() for p in _BREADCRUMB_SEP.split(text) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 5 for p in parts) and not re.search(r"[.!?؟]$", text.strip())


def classify_block(block: Block) -> BlockKind | None:
    """The furniture kind of a block, or None when it is content."""
    text = block.text.strip()
    words = len(_words(text))
    if not text:
        return None
    if words <= _MAX_FURNITURE_WORDS and _MT_NOTICE.search(text):
        return BlockKind.MT_NOTICE
    if words <= 8 and _READING_TIME.search(text):
        return BlockKind.READING_TIME
    if block.kind is BlockKind.NAVIGATION or is_icon_text(text) or _SHARE.match(text) or is_breadcrumb(text):
        return BlockKind.NAVIGATION
    return None


def classify_page(page: Page) -> Page:
    """Return the page with its furniture blocks typed; content blocks are untouched."""
    blocks = []
    for block in page.blocks:
        kind = classify_block(block)
        blocks.append(dataclasses.replace(block, kind=kind) if kind and kind is not block.kind else block)
    return dataclasses.replace(page, blocks=tuple(blocks))


def classify_pair(pair: PagePair) -> PagePair:
    """Type furniture on both sides.

    A target block whose text is identical to a source navigation block is
    navigation too (menus are often left untranslated on both sides).
    """
    source, target = classify_page(pair.source), classify_page(pair.target)
    nav_texts = {b.text.strip() for b in source.blocks if b.kind is BlockKind.NAVIGATION}
    if nav_texts:
        target = dataclasses.replace(
            target,
            blocks=tuple(
                dataclasses.replace(b, kind=BlockKind.NAVIGATION)
                if not b.is_furniture and b.text.strip() in nav_texts
                else b
                for b in target.blocks
            ),
        )
    return dataclasses.replace(pair, source=source, target=target)


def find_mt_notice(page: Page) -> MTNotice | None:
    """The page's own declaration that it was machine-translated, if any."""
    for block in page.blocks:
        if block.kind is BlockKind.MT_NOTICE:
            plugin = next((p for p in _PLUGINS if p.lower() in block.text.lower()), None)
            email = _EMAIL.search(block.text)
            return MTNotice(
                text=block.text.strip(),
                block_index=block.index,
                plugin=plugin,
                report_email=email.group(0) if email else None,
            )
    return None


def pair_furniture(pair: PagePair) -> list[tuple[BlockKind, Block | None, Block | None]]:
    """Pair furniture blocks of the same kind in page order (for number checks and the report)."""
    out: list[tuple[BlockKind, Block | None, Block | None]] = []
    for kind in (BlockKind.NAVIGATION, BlockKind.READING_TIME, BlockKind.MT_NOTICE):
        src = [b for b in pair.source.blocks if b.kind is kind]
        tgt = [b for b in pair.target.blocks if b.kind is kind]
        out.extend((kind, s, t) for s, t in zip_longest(src, tgt))
    return out
