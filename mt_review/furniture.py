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

_NETWORKS = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|email|e-mail|reddit|pinterest|"
    r"فيسبوك|فيس\s*بوك|تويتر|لينكد\s*إن|واتساب|واتس\s*آب|تيليجرام|البريد\s+الإلكتروني)"
)
# Share widgets: the bare labels, or a label naming a social network; never a
# heading that merely starts with "share"/"شارك" ("شارك في المؤتمر").
_SHARE = re.compile(
    rf"^(?:share(?: this(?: page| article| post| story)?)?(?:\s+(?:on|via)\s+{_NETWORKS})?|tweet|"
    rf"print(?: this page)?|follow us(?:\s+on\s+{_NETWORKS})?|copy link|email this|"
    rf"شارك(?:\s+(?:هذا|هذه)\s+(?:المقال|الصفحة|الخبر))?(?:\s+(?:على|عبر)\s+{_NETWORKS})?|"
    rf"مشاركة(?:\s+(?:على|عبر)\s+{_NETWORKS})?|طباعة|تابعنا(?:\s+على\s+{_NETWORKS})?|نسخ الرابط)\s*[:：]?$",
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
# A notice speaks about this page or site, names the plugin, or tells readers how to
# report errors; a paragraph that merely discusses machine translation does none of these.
_SELF_REFERENCE = re.compile(
    r"(?:this\s+(?:page|site|website|content|article|post|is\s+an?\s+(?:machine|automatic))|"
    r"our\s+(?:site|website|content)|original\s+(?:content|text|version|english)|"
    r"هذه\s+(?:ال)?ترجمة|(?:المحتوى|النص|للمحتوى|للنص)\s+الأصلي|"
    r"report\s+(?:an?\s+)?(?:errors?|mistakes?|problems?)|"
    r"هذه\s+الصفحة|هذا\s+الموقع|محتوى\s+(?:هذا\s+)?الموقع|هذا\s+المحتوى|هذه\s+المقالة|"
    r"للإبلاغ\s+عن|الإبلاغ\s+عن\s+(?:الأخطاء|خطأ))",
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


def _is_self_reference(text: str) -> bool:
    lowered = text.lower()
    return bool(_SELF_REFERENCE.search(text) or _EMAIL.search(text) or any(p.lower() in lowered for p in _PLUGINS))


def classify_block(block: Block) -> BlockKind | None:
    """The furniture kind of a block, or None when it is content."""
    text = block.text.strip()
    words = len(_words(text))
    if not text:
        return None
    if words <= _MAX_FURNITURE_WORDS and _MT_NOTICE.search(text) and _is_self_reference(text):
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
    """Furniture for the report.  Reading times are paired in order (their numbers are
    compared); navigation and notices are listed side by side only when their texts
    are identical, otherwise one side at a time, so no unrelated blocks are compared."""
    out: list[tuple[BlockKind, Block | None, Block | None]] = []
    src_time = [b for b in pair.source.blocks if b.kind is BlockKind.READING_TIME]
    tgt_time = [b for b in pair.target.blocks if b.kind is BlockKind.READING_TIME]
    out.extend((BlockKind.READING_TIME, s, t) for s, t in zip_longest(src_time, tgt_time))
    for kind in (BlockKind.NAVIGATION, BlockKind.MT_NOTICE):
        src = [b for b in pair.source.blocks if b.kind is kind]
        tgt = [b for b in pair.target.blocks if b.kind is kind]
        unmatched = list(tgt)
        for s in src:
            twin = next((t for t in unmatched if t.text.strip() == s.text.strip()), None)
            if twin is not None:
                unmatched.remove(twin)
            out.append((kind, s, twin))
        out.extend((kind, None, t) for t in unmatched)
    return out
