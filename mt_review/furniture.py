"""Recognise site furniture: the text around a page's content that is not translation.

Icon-font names, share buttons, breadcrumbs, "N minutes reading time" and the
plugin's "translated automatically" notice would otherwise be aligned and
scored as if they were sentences, producing false alarms.  They are typed
here (``BlockKind.NAVIGATION`` / ``READING_TIME`` / ``MT_NOTICE``) and reported
in their own section; only their numbers are still compared.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from bisect import bisect_left, bisect_right
from itertools import zip_longest
from typing import Sequence

from mt_review.model import Block, BlockKind, MTNotice, Page, PagePair
from mt_review.segment import EMAIL_RE

_DIGITS = r"[0-9\u0660-\u0669\u06F0-\u06F9]+"
# A number searched for inside text: starts where a run of digits starts and never gives digits
# back, so a search over a 100 kB run of digits is linear, not quadratic.
_NUMBER_RUN = r"(?<![0-9\u0660-\u0669\u06F0-\u06F9])[0-9\u0660-\u0669\u06F0-\u06F9]++"

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
    rf"(?:{_NUMBER_RUN}\s*(?:min(?:ute)?s?|mins?)\.?\s+(?:reading\s+time|read)\b"
    rf"|reading\s+time\s*[:：]?\s*{_NUMBER_RUN}\s*min"
    rf"|{_NUMBER_RUN}\s*(?:دقائق|دقيقة|دقيقتان|دقيقتين|د)\s*(?:وقت\s+ال?قراءة|لل?قراءة|قراءة)"
    rf"|(?:وقت|مدة)\s+ال?قراءة\s*[:：]?\s*{_NUMBER_RUN})",
    re.IGNORECASE,
)

# --- machine-translation notices, of any wording --------------------------------
# A notice is recognised from the vocabulary of automatic translation, scored by
# kind of cue, not from a list of sentences: the act of translating by machine
# (2 points), the noun "machine translation", an engine or plugin name, a
# disclaimer ("for information only", "may contain errors", "the English version
# prevails"), and a reference to this page or site or an address to write to
# (1 point each).  A text that never speaks of translation is never a notice.
_TRANSLATION_WORD = re.compile(r"translat|ترجم|الترجمة|مترجم", re.IGNORECASE)
# Arabic says "by machine" with an adverb (آليًا، تلقائيًا، بشكل آلي): the adjective
# in "الترجمة الآلية" (the field of machine translation) is a noun phrase, not the act.
_AR_ADVERB = r"(?:آليا|اليا|ءاليا|تلقائيا|أوتوماتيكيا|اوتوماتيكيا|(?:بشكل|بصورة|بطريقة)\s+(?:آلي|تلقائي|أوتوماتيكي)\w*|آلي(?=\s*$|[.,،]))"
_AR_ENGINE = r"(?:google|deepl|bing|microsoft|yandex|wpml|weglot|غوغل|جوجل|قوقل|ديب\s*إل|مايكروسوفت|بينغ)"
_MT_ACT = re.compile(
    r"(?:translated\s+(?:\w+\s+){0,2}?(?:automatically|by\s+(?:a\s+)?machine|by\s+software|using\s+(?:machine|automatic)|"
    r"(?:with|by|using|via)\s+(?:google|deepl|bing|microsoft|yandex|amazon|wpml|weglot|gtranslate|translatepress))"
    r"|automatically[\s-]+(?:\w+\s+){0,1}?translat\w*|machine[-\s]translated|auto[-\s]?translat\w*|"
    r"automatic\s+translation|computer[-\s]generated\s+translation|"
    rf"ترجم\w*\s+(?:\S+\s+){{0,6}}?{_AR_ADVERB}|{_AR_ADVERB}\s+(?:\S+\s+){{0,3}}?\S*ترجم\w*|"
    r"مترجم\w*\s+(?:\S+\s+){0,2}?\S*آلي\w*|"
    rf"ترجم\w*\s+(?:\S+\s+){{0,4}}?(?:بواسطة|عبر|باستخدام|ب)\s*(?:خدمة\s+|أداة\s+|محرك\s+|ترجمة\s+)?{_AR_ENGINE})",
    re.IGNORECASE,
)
_MT_NOUN = re.compile(
    r"machine\s+translation|automated\s+translation|الترجمة\s+(?:الآلية|الالية|التلقائية|الآلیة)|ترجمة\s+(?:آلية|الية|تلقائية)",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"for\s+(?:general\s+)?information(?:al)?\s+purposes|for\s+(?:your\s+)?convenience|"
    r"may\s+(?:contain|include|not\s+be)\s+(?:\w+\s+){0,2}?(?:errors?|inaccura\w*|mistakes?|accurate|exact)|"
    r"(?:english|original)\s+(?:version|text|language)|prevails?|authoritative|accuracy|not\s+(?:be\s+)?(?:guaranteed|responsible)|"
    r"لأغراض\s+(?:إعلامية|الإعلام|المعلومات|معلوماتية|التوضيح|الاطلاع)|للاطلاع\s+فقط|للعلم\s+فقط|"
    r"قد\s+(?:تحتوي|تتضمن|يحتوي|يتضمن|تحتمل|لا\s+تكون)|(?:بعض\s+)?(?:الأخطاء|أخطاء|عدم\s+الدقة|غير\s+دقيقة|دقة)|"
    r"(?:النسخة|النص|الصيغة|اللغة|المحتوى|للمحتوى|للنص)\s+(?:الإنجليزية|الإنكليزية|الأصلية|الأصلي)|هي\s+المعتمدة|المرجع|"
    r"لا\s+(?:نضمن|يضمن|نتحمل|تتحمل)",
    re.IGNORECASE,
)
# Engines and plugins, as (pattern, the name reported).
_ENGINES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), name)
    for p, name in (
        (r"\bWPML\b", "WPML"),
        (r"\bGTranslate\b", "GTranslate"),
        (r"\bWeglot\b|ويجلوت|ويغلوت", "Weglot"),
        (r"\bTranslatePress\b", "TranslatePress"),
        (r"\bPolylang\b", "Polylang"),
        (r"\bDeepL\b|ديب\s*إل", "DeepL"),
        (r"\bGoogle(?:\s+Translate)?\b|(?:ترجمة\s+)?(?:غوغل|جوجل|قوقل)", "Google Translate"),
        (r"\b(?:Bing|Microsoft)(?:\s+Translator)?\b|مايكروسوفت|بينغ", "Bing Translator"),
        (r"\bYandex\b|ياندكس", "Yandex Translate"),
        (r"\bConveyThis\b", "ConveyThis"),
    )
)
_PLUGINS = tuple(name for _, name in _ENGINES)
_SELF_REFERENCE = re.compile(
    r"(?:this\s+(?:page|site|website|content|article|post|text|translation|version|is\s+an?\s+(?:machine|automatic))|"
    r"our\s+(?:site|website|content|pages)|original\s+(?:content|text|version|english)|"
    r"هذه\s+(?:ال)?ترجمة|(?:المحتوى|النص|للمحتوى|للنص)\s+الأصلي|"
    r"report\s+(?:an?\s+)?(?:errors?|mistakes?|problems?)|"
    r"(?:هذه|هذة)\s+(?:الصفحة|الصفحه|المقالة|النسخة)|هذا\s+(?:الموقع|المحتوى|النص|المقال)|محتوى\s+(?:هذا\s+)?الموقع|"
    r"(?:صفحات|محتوى|مقالات)\s+(?:موقعنا|الموقع)|للإبلاغ\s+عن|الإبلاغ\s+عن|أبلغنا|راسلنا|تواصل\s+معنا)",
    re.IGNORECASE,
)
_EMAIL = EMAIL_RE  # one linear-time definition (segment.py)
_NOTICE_SCORE = 3  # anywhere on a page
_NOTICE_SCORE_AT_EDGE = 2  # an Arabic-only block at the top or bottom of the Arabic page
_MAX_NOTICE_WORDS = 70


_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alif, tatweel


def notice_score(text: str) -> int:
    """How strongly ``text`` speaks the vocabulary of an automatic-translation notice
    (0 when it never mentions translation)."""
    text = _DIACRITICS.sub("", text)
    if not _TRANSLATION_WORD.search(text) or len(_words(text)) > _MAX_NOTICE_WORDS:
        return 0
    if _MT_ACT.search(text):
        score = 2
    elif _MT_NOUN.search(text):  # the noun alone; as a short badge ("ترجمة آلية") it says as much as the act
        score = 2 if len(_words(text)) <= 4 else 1
    else:
        score = 0
    score += int(any(p.search(text) for p, _ in _ENGINES))
    score += int(bool(_DISCLAIMER.search(text)))
    score += int(bool(_SELF_REFERENCE.search(text) or _EMAIL.search(text)))
    return score


def is_mt_notice(text: str, *, near_edge: bool = False, arabic_only: bool = False) -> bool:
    """A machine-translation notice: score 3 when it speaks of this page or site
    (or gives an address) or stands near the top or bottom of the page
    (``near_edge``); score 2 for an Arabic-only block near the edge of the
    Arabic page.  A sentence in the body that discusses machine translation,
    even naming an engine, is content."""
    score = notice_score(text)
    if near_edge and arabic_only:
        return score >= _NOTICE_SCORE_AT_EDGE
    plain = _DIACRITICS.sub("", text)
    return score >= _NOTICE_SCORE and (near_edge or bool(_SELF_REFERENCE.search(plain) or _EMAIL.search(plain)))


# --- lines of site metadata: dates, bylines, labels -------------------------------
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "يناير فبراير مارس أبريل إبريل ابريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر "
    "كانون شباط آذار اذار نيسان أيار ايار حزيران تموز آب اب أيلول ايلول تشرين"
).split()
_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت الأحد الاحد"
).split()
# words that introduce a date or an author on a metadata line
_META_WORDS = (
    "published publication posted updated last modified date on at by written author authors tags tag "
    "categories category filed under in read time source "
    "نشر نشرت تم النشر تاريخ بتاريخ في آخر اخر تحديث التحديث الكاتب المؤلف بقلم كتب كتبه إعداد بواسطة الوسوم "
    "التصنيف التصنيفات الفئة المصدر الساعة يوم الأول الثاني ثاني أول م هـ ص"
).split()
_DATE_TOKEN = re.compile(rf"^{_DIGITS}(?:[/.\-:]{_DIGITS})*(?:st|nd|rd|th|h)?[,،]?$", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:(?:written|posted|published|reported|photo|photos)\s+by|by|author|authors|بقلم|كتبه|كتب|الكاتب|المؤلف|إعداد|تصوير)"
    r"\s*[:：]?\s+(?:\S+\s*){1,6}$",
    re.IGNORECASE,
)
_LABEL_ONLY = re.compile(r"^([^\W\d_][^\W\d_'’\- ]*(?:\s+[^\W\d_][^\W\d_'’\-]*){0,3})\s*[:：]\s*$")
_AR_LABEL_WORDS = frozenset("تاريخ النشر الكاتب المؤلف الوسوم التصنيف التصنيفات الفئة المصدر التحديث آخر".split())
_CLEAN_EDGE = "«»\"'“”‘’()[]—–-:：,،.|•·"


def _norm_token(t: str) -> str:
    return t.strip(_CLEAN_EDGE).lower()


def is_date_line(text: str) -> bool:
    """A line that is only a date (with an optional label, weekday or time):
    "Published 12 March 2024", "٣ مارس ٢٠٢٤", "2024-03-12", "تاريخ النشر: 12/03/2024"."""
    tokens = [_norm_token(t) for t in _words(text)]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 10:
        return False
    months = sum(t in _MONTHS or any(t == "ال" + m or t == "و" + m for m in _MONTHS) for t in tokens)
    numbers = [t for t in tokens if _DATE_TOKEN.match(t)]
    slashed = any(re.search(r"\d[/.\-]\d", t) or re.search("[\u0660-\u0669][/.\\-][\u0660-\u0669]", t) for t in numbers)
    if not numbers or not (months or slashed):
        return False
    known = sum(t in _MONTHS or t in _WEEKDAYS or t in _META_WORDS or bool(_DATE_TOKEN.match(t)) for t in tokens)
    return known == len(tokens) or (known >= len(tokens) - 1 and len(tokens) >= 4)


def is_byline(text: str) -> bool:
    """"By Jane Doe", "بقلم: سارة أحمد": an author line, not a sentence."""
    line = text.strip()
    return bool(_BYLINE.match(line)) and not re.search(r"[.!?؟]$", line) and len(_words(line)) <= 8


def is_empty_label(text: str) -> bool:
    """A metadata label whose value is empty on this side ("Publication Date:"): nothing to translate."""
    m = _LABEL_ONLY.match(text.strip())
    if not m:
        return False
    words = m.group(1).split()
    if all(re.match(r"[A-Za-z]", w) for w in words):
        return all(w[0].isupper() for w in words)
    return any(w.strip(_CLEAN_EDGE) in _AR_LABEL_WORDS for w in words)


# --- what a line of prose looks like -------------------------------------------
_EN_FUNCTION = frozenset("the of and to in is are was were for with that this on by from as an be has have it at".split())


def is_prose(text: str) -> bool:
    """A sentence, not a menu or a label: it ends like a sentence, or runs long,
    or reads with English function words.  Prose left untranslated is an error
    to report, so furniture rules never take it."""
    line = text.strip()
    words = _words(line)
    if len(words) >= 12:
        return True
    if len(words) >= 4 and re.search(r"[.!?؟:;]['\"”’)»]*$", line):
        return True
    return len(words) >= 5 and sum(w.lower() in _EN_FUNCTION for w in words) >= 2


_MAX_FURNITURE_WORDS = 40  # furniture is short; a long paragraph that mentions translation is content


def _words(text: str) -> list[str]:
    return text.split()


def is_icon_text(text: str) -> bool:
    """Text made of icon-font names: lowercase ASCII tokens, mostly hyphenated or icon words."""
    tokens = _words(text)
    if len(tokens) < 3 or any(not _ICON_TOKEN.match(t) for t in tokens):
        return False
    iconish = sum(_iconish(t) for t in tokens)
    return iconish / len(tokens) >= 0.6


def _iconish(token: str) -> bool:
    return bool(_ICON_TOKEN.match(token)) and (
        "-" in token or token in _ICON_WORDS or any(w in token for w in ("arrow", "icon"))
    )


def icon_edges(line: str) -> tuple[int, int]:
    """Characters of icon-font text glued to the start and to the end of a line
    ("arrow-left menu Responding to an Attack"): a run of two or more icon
    tokens, one of them hyphenated or an icon name, before or after real text."""
    tokens = list(re.finditer(r"\S+", line))

    def run(seq) -> int:
        k = 0
        for m in seq:
            if not _iconish(m.group()):
                break
            k += 1
        return k if k >= 2 else 0

    head = run(tokens)
    tail = run(reversed(tokens[head:]))
    if head + tail >= len(tokens):  # the whole line is icon text: is_icon_text judges it
        return 0, 0
    lead = tokens[head - 1].end() if head else 0
    trail = len(line) - tokens[len(tokens) - tail].start() if tail else 0
    return lead, trail


def is_breadcrumb(text: str) -> bool:
    if "\n" in text.strip():
        return False
    parts = [p.strip() for p in _BREADCRUMB_SEP.split(text) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 5 for p in parts) and not re.search(r"[.!?؟]$", text.strip())


def classify_text(text: str, *, near_edge: bool = False, arabic_only: bool = False) -> BlockKind | None:
    """The furniture kind of a block's or a line's text, or None when it is content."""
    text = text.strip()
    if not text:
        return None
    words = len(_words(text))
    if is_mt_notice(text, near_edge=near_edge, arabic_only=arabic_only):
        return BlockKind.MT_NOTICE
    if words <= 8 and _READING_TIME.search(text):
        return BlockKind.READING_TIME
    if is_icon_text(text) or _SHARE.match(text) or is_breadcrumb(text):
        return BlockKind.NAVIGATION
    if not is_prose(text) and (is_date_line(text) or is_byline(text) or is_empty_label(text)):
        return BlockKind.NAVIGATION
    return None


def classify_block(block: Block) -> BlockKind | None:
    """The furniture kind of a whole block, or None when it is content."""
    if block.kind is BlockKind.NAVIGATION and block.text.strip():
        return BlockKind.NAVIGATION
    return classify_text(block.text)


# --- furniture lines inside content blocks -----------------------------------------
FurnitureSpan = tuple[int, int, BlockKind]


def _lines(text: str):
    """(start, end) of each non-blank line, without its surrounding spaces."""
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            yield m.start() + lead, m.start() + len(line.rstrip())


def line_furniture(block: Block, *, near_edge: bool = False, arabic_only: bool = False) -> tuple[FurnitureSpan, ...]:
    """Furniture lines (and icon text glued to a line's ends) inside a content block, from their shape."""
    spans: list[FurnitureSpan] = []
    lines = list(_lines(block.text))
    for start, end in lines:
        line = block.text[start:end]
        kind = classify_text(line, near_edge=near_edge, arabic_only=arabic_only) if len(lines) > 1 else None
        if kind is not None:
            spans.append((start, end, kind))
            continue
        lead, trail = icon_edges(line)
        if lead:
            spans.append((start, start + lead, BlockKind.NAVIGATION))
        if trail:
            spans.append((end - trail, end, BlockKind.NAVIGATION))
    return tuple(_notice_continuations(block.text, lines, spans))


def _notice_continuations(text: str, lines, spans: list[FurnitureSpan]) -> list[FurnitureSpan]:
    """Lines next to a notice line that carry on the notice (an address to write
    to, the disclaimer's second sentence) belong to it."""
    notice = {(a, b) for a, b, k in spans if k is BlockKind.MT_NOTICE}
    if not notice:
        return spans
    typed = {(a, b) for a, b, _ in spans}
    changed = True
    while changed:
        changed = False
        for k, (start, end) in enumerate(lines):
            if (start, end) in typed:
                continue
            near = any(lines[j] in notice for j in (k - 1, k + 1) if 0 <= j < len(lines))
            line = _DIACRITICS.sub("", text[start:end])
            if near and (notice_score(line) or _EMAIL.search(line) or _SELF_REFERENCE.search(line)
                         or _DISCLAIMER.search(line)):
                spans.append((start, end, BlockKind.MT_NOTICE))
                notice.add((start, end))
                typed.add((start, end))
                changed = True
    return spans


def _with_spans(block: Block, spans: Sequence[FurnitureSpan]) -> Block:
    """The block with these furniture spans; a block that is nothing but furniture becomes furniture."""
    if not spans:
        return block
    spans = tuple(sorted(set(block.furniture) | set(spans)))
    typed = dataclasses.replace(block, furniture=spans)
    if not typed.content_ranges():
        kinds = [k for _, _, k in spans]
        return dataclasses.replace(block, kind=max(set(kinds), key=lambda k: (kinds.count(k), k.value)), furniture=())
    return typed


def _norm_line(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _near_identical(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b or min(len(a), len(b)) < 6 or not re.search(r"[a-z]", a):
        return False
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sm.real_quick_ratio() >= 0.85 and sm.quick_ratio() >= 0.85 and sm.ratio() >= 0.85


def _latin(text: str) -> int:
    return sum("a" <= ch <= "z" for ch in text)


class _TwinFinder:
    """Which of a page's candidate lines are :func:`_near_identical` to a line of the other page.

    Comparing every line with every line was quadratic: a pre-paired export of a
    few thousand units spent most of its review here.  Only lines that could pass
    difflib's own bounds are compared: equal lines by a dict; others of a length
    ``real_quick_ratio`` allows (bisected), and whose characters could match
    often enough for ``quick_ratio`` (Latin letters match only Latin letters).
    Same answers as comparing all pairs (tests/test_furniture_lines.py).
    """

    def __init__(self, lines: Sequence[str]):
        self._at: dict[str, list[int]] = {}
        for i, line in enumerate(lines):
            self._at.setdefault(line, []).append(i)
        near = sorted((len(line), _latin(line), line) for line in self._at
                      if len(line) >= 6 and re.search(r"[a-z]", line))
        self._near = near
        self._lengths = [n for n, _, _ in near]

    def __call__(self, other: str) -> list[int]:
        """Indexes, in order, of the lines near-identical to ``other``."""
        hits = list(self._at.get(other, ()))
        n = len(other)
        if n >= 6:
            latin = _latin(other)
            lo = bisect_left(self._lengths, int(n * 0.85 / 1.15) - 1)
            hi = bisect_right(self._lengths, int(n * 1.15 / 0.85) + 1)
            for size, size_latin, line in self._near[lo:hi]:
                if line == other:
                    continue
                most = min(size_latin, latin) + min(size - size_latin, n - latin)
                if 2.0 * most / (size + n) < 0.85:
                    continue  # quick_ratio cannot reach 0.85
                if _near_identical(line, other):
                    hits.extend(self._at[line])
        return sorted(hits)


def _shared_lines(source: Page, target: Page) -> tuple[dict[int, list[FurnitureSpan]], dict[int, list[FurnitureSpan]]]:
    """Lines of multi-line content blocks that appear identical or near-identical
    on both pages and do not read as prose: menus and labels left as they were."""

    def candidates(page: Page):
        out = []
        for b in page.content_blocks:
            lines = list(_lines(b.text))
            if len(lines) < 2:
                continue
            content = b.content_ranges()
            for start, end in lines:
                text = b.text[start:end]
                inside = any(a <= start and end <= z for a, z in content)
                if inside and not is_prose(text) and len(_words(text)) <= 12:
                    out.append((b.index, start, end, _norm_line(text)))
        return out

    src, tgt = candidates(source), candidates(target)
    twins_of = _TwinFinder([ns for _, _, _, ns in src])
    marks_s: dict[int, list[FurnitureSpan]] = {}
    marks_t: dict[int, list[FurnitureSpan]] = {}
    for bt, st, et, nt in tgt:
        twins = [src[i][:3] for i in twins_of(nt)]
        if not twins:
            continue
        marks_t.setdefault(bt, []).append((st, et, BlockKind.NAVIGATION))
        for bs, ss, es in twins:
            marks_s.setdefault(bs, []).append((ss, es, BlockKind.NAVIGATION))
    return marks_s, marks_t


_EDGE = 2  # blocks at the top and at the bottom of a page where notices stand


def classify_page(page: Page, *, arabic_only: bool = False) -> Page:
    """Return the page with its furniture typed: whole blocks, and furniture lines
    inside content blocks (``Block.furniture``).  With ``arabic_only`` (an Arabic
    page whose English twin has no notice) a block near the top or bottom may be
    a notice on weaker evidence."""
    blocks = []
    n = len(page.blocks)
    for pos, block in enumerate(page.blocks):
        edge = pos < _EDGE or pos >= n - _EDGE
        kind = BlockKind.NAVIGATION if block.kind is BlockKind.NAVIGATION and block.text.strip() else \
            classify_text(block.text, near_edge=edge, arabic_only=arabic_only)
        lines = line_furniture(block, near_edge=edge, arabic_only=arabic_only)
        if kind is BlockKind.MT_NOTICE and lines:
            kind = None  # a notice line under a paragraph: only the line is the notice
        if kind is not None:
            blocks.append(block if kind is block.kind else dataclasses.replace(block, kind=kind))
            continue
        blocks.append(_with_spans(block, lines))
    return dataclasses.replace(page, blocks=tuple(blocks))


def classify_pair(pair: PagePair) -> PagePair:
    """Type furniture on both sides.

    A target block whose text is identical to a source navigation block is
    navigation too (menus are often left untranslated on both sides), and so
    are lines inside content blocks that are identical or near-identical on
    both sides and do not read as prose.  An Arabic-only notice at the top or
    bottom of the Arabic page is recognised on weaker evidence.
    """
    source = classify_page(pair.source)
    has_notice = any(b.kind is BlockKind.MT_NOTICE or any(k is BlockKind.MT_NOTICE for *_, k in b.furniture)
                     for b in source.blocks)
    target = classify_page(pair.target, arabic_only=not has_notice and pair.target.lang == "ar")
    nav_texts = {b.text.strip() for b in source.blocks if b.kind is BlockKind.NAVIGATION}
    if nav_texts:
        target = dataclasses.replace(
            target,
            blocks=tuple(
                dataclasses.replace(b, kind=BlockKind.NAVIGATION, furniture=())
                if not b.is_furniture and b.text.strip() in nav_texts
                else b
                for b in target.blocks
            ),
        )
    marks_s, marks_t = _shared_lines(source, target)
    if marks_s:
        source = dataclasses.replace(source, blocks=tuple(_with_spans(b, marks_s.get(b.index, ())) for b in source.blocks))
    if marks_t:
        target = dataclasses.replace(target, blocks=tuple(_with_spans(b, marks_t.get(b.index, ())) for b in target.blocks))
    return dataclasses.replace(pair, source=source, target=target)


def furniture_of(page: Page) -> list[Block]:
    """Every piece of furniture on a page in page order: furniture blocks, and the
    furniture lines inside content blocks as blocks of their own (same index)."""
    out: list[Block] = []
    for b in page.blocks:
        if b.is_furniture:
            out.append(b)
        for start, end, kind in b.furniture:
            out.append(dataclasses.replace(b, kind=kind, text=b.text[start:end], furniture=()))
    return out


def find_mt_notice(page: Page) -> MTNotice | None:
    """The page's own declaration that it was machine-translated, if any."""
    for block in furniture_of(page):
        if block.kind is BlockKind.MT_NOTICE:
            plugin = next((name for pattern, name in _ENGINES if pattern.search(block.text)), None)
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
    source, target = furniture_of(pair.source), furniture_of(pair.target)
    src_time = [b for b in source if b.kind is BlockKind.READING_TIME]
    tgt_time = [b for b in target if b.kind is BlockKind.READING_TIME]
    out.extend((BlockKind.READING_TIME, s, t) for s, t in zip_longest(src_time, tgt_time))
    for kind in (BlockKind.NAVIGATION, BlockKind.MT_NOTICE):
        src = [b for b in source if b.kind is kind]
        tgt = [b for b in target if b.kind is kind]
        unmatched = list(tgt)
        for s in src:
            twin = next((t for t in unmatched if t.text.strip() == s.text.strip()), None)
            if twin is not None:
                unmatched.remove(twin)
            out.append((kind, s, twin))
        out.extend((kind, None, t) for t in unmatched)
    return out
