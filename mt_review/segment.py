"""Split blocks into sentences, in English and Arabic.

A compact rule-based splitter (no model, no dependency).  A boundary is a run
of terminators (``. ! ? ؟ … ۔``) followed by optional closing quotes or
brackets, then whitespace (or the end of the text), unless

* the terminator sits inside a matched bracket pair ``( ... . )``,
* inside a URL or an e-mail address,
* the word before the period is a known abbreviation (``Dr. Mr. No. e.g.
  U.S. etc.`` ...) or a single capital initial (``J. Smith``; not after a
  lower-case word, ``value for Y. Minimum``, unless it is ``by`` or another
  initial follows),
* in English, the next word starts with a lower-case letter.

Machine-translated Arabic often puts a space *before* punctuation
(``سورابايا ، إندونيسيا .``); terminators are found wherever they are, so
this does not matter.  Decimal and thousands separators in either digit
system (``3.5  1,000  ١٢٣٫٥  ١٬٠٠٠``) are never followed by whitespace and
never split.  Semicolons (``; ؛``) and commas (``, ،``) do not end a
sentence in either language, so both sides are cut the same way.

A block with several lines is cut at line breaks that look like list items
(a bullet or number prefix, or a line without final punctuation followed by
another line); a line ending in a comma or a hyphen and followed by a
lower-case line is taken as a soft wrap and joined.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable

from mt_review.model import Block, Page, Segment

_TERMINATORS = ".!?\u061f\u2026\u06d4\u203c\u2047\u2048\u2049"  # . ! ? ؟ … ۔ ‼ ⁇ ⁈ ⁉
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}\u300d"  # " ' ” ’ » › ) ] }
_OPENERS = "\"'\u201c\u2018\u00ab\u2039([{"
_BRACKETS = {")": "(", "]": "[", "}": "{"}

_BOUNDARY = re.compile(
    rf"[{re.escape(_TERMINATORS)}]+[{re.escape(_CLOSERS)}]*(?=\s|$)"
)
# URLs, e-mail addresses and bare domains are masked so their dots never end a
# sentence.  Every repetition is bounded (RFC limits: a local part of 64
# characters, labels of 63, at most 10 labels) or anchored at a token start, so a search costs
# a bounded amount per start position: linear time on a 100 kB dotted token.
URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}'\u061f\u060c]", re.I)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}(?![\w-])")
# a bare domain such as example.org (the trailing period of a sentence is not part of it)
_DOMAIN = re.compile(
    r"(?<![\w.-])[\w-]{1,63}(?:\.[\w-]{1,63}){0,9}\.(?:com|org|net|gov|edu|int|info|io|uk|ae|sa|eg|qa)\b", re.I
)
_URL, _EMAIL = URL_RE, EMAIL_RE

# Abbreviations that never end a sentence when followed by more text.
_ABBREV = frozenset(
    """mr mrs ms dr prof sr jr st mt ft rev gen col lt sgt capt gov sen rep hon
    vs v fig figs eq no nos vol vols pp p ch sec art para approx dept est inc ltd
    co corp jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e cf al viz
    ca min max""".split()
)
# Abbreviations that end a sentence only when a common sentence opener follows.
_ABBREV_MAYBE_FINAL = frozenset("etc u.s u.k u.n e.u a.m p.m d.c u.s.a inc ltd co corp".split())
_SENTENCE_OPENERS = frozenset(
    """the this that these those it its in on at a an we he she they i you our
    there here but and however for as if when while after before during since
    some many most all each one his her their what who how why""".split()
)
# ``No.`` is an abbreviation only before a number.
_NUMBER_ABBREV = frozenset({"no", "nos", "p", "pp", "vol", "vols", "fig", "figs", "art", "sec", "ch", "eq", "para"})
# Arabic: د. (Dr.) and أ. (Prof.) precede names.
_AR_ABBREV = frozenset({"د", "أ", "م.د", "أ.د", "أد", "ا.د"})

_LIST_MARK = re.compile(
    r"^\s*(?:[-\u2013\u2014*\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u25a1\u2713\u2714>]\s+"
    r"|\(?(?:[0-9\u0660-\u0669\u06f0-\u06f9]{1,3}|[a-zA-Z\u0621-\u064a])[.)\-]\s+)"
)
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")


def _masked_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _URL.finditer(text)]
    spans += [m.span() for m in _EMAIL.finditer(text)]
    spans += [m.span() for m in _DOMAIN.finditer(text)]
    # matched bracket pairs: a terminator inside "( ... . )" does not end the sentence
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in "([{":
            stack.append((ch, i))
        elif ch in _BRACKETS:
            # pop to the matching opener; unmatched closers are ignored
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == _BRACKETS[ch]:
                    spans.append((stack[k][1] + 1, i))
                    del stack[k:]
                    break
    return spans


class _Spans:
    """Masked spans ``[a, b)``; ``pos in spans`` in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.reach: list[int] = []  # running max of ends, to handle nested spans
        m = -1
        for _, b in self.spans:
            m = max(m, b)
            self.reach.append(m)

    def __contains__(self, pos: int) -> bool:
        # spans starting at or before pos: does any of them end after pos?
        k = bisect.bisect_right(self.spans, (pos, float("inf"))) - 1
        return k >= 0 and self.reach[k] > pos


def _is_abbreviation(text: str, dot: int, nxt: str, lang: str) -> bool:
    """``text[dot]`` is a period: is the word before it an abbreviation that continues?"""
    m = _WORD_BEFORE.search(text, max(0, dot - 64), dot)  # bounded: linear on long blocks
    if not m:
        return False
    word = m.group(1).strip(".-").lower()
    if not word:
        return False
    next_word = re.match(r"[\w'’]+", nxt)
    nw = next_word.group(0).lower() if next_word else ""
    if lang == "ar" and word in _AR_ABBREV:
        return True
    if word in _NUMBER_ABBREV:
        return bool(re.match(r"[0-9\u0660-\u0669\u06f0-\u06f9]", nxt))
    if word in _ABBREV_MAYBE_FINAL:
        return nw not in _SENTENCE_OPENERS and nxt[:1] not in _OPENERS
    if word in _ABBREV:
        return True
    # a single capital initial: "J. Smith", "George W. Bush", "by J. Smith"; after a lower-case word it is
    # a one-letter word ("the value for Y. Minimum ...", "you and I. Then ..."), which may end a sentence
    raw = m.group(1)
    if len(raw) == 1 and raw.isupper() and raw.isascii():
        return bool(re.match(r"[A-Z]\.", nxt)) or not _after_lower_word(text, m.start())  # "J. R. R. Tolkien"
    # dotted initialisms such as "U.N." or "a.k.a."
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", m.group(1).rstrip(".")):
        return nw not in _SENTENCE_OPENERS
    return False


_PREV_WORD = re.compile(r"([^\W\d_][\w'’-]*)\s+$")
_NAME_INTRO = frozenset({"by"})  # "written by J. Smith": an initial after a lower-case word


def _after_lower_word(text: str, pos: int) -> bool:
    """The word right before ``text[pos]`` (across spaces) starts with a lower-case letter and does not
    introduce a name: a capital letter after it is a one-letter word, not a name's initial."""
    m = _PREV_WORD.search(text, max(0, pos - 64), pos)
    if not m:
        return False
    word = m.group(1)
    return word[0].islower() and word.lower() not in _NAME_INTRO


def _starts_sentence(nxt: str, lang: str) -> bool:
    """Can the text after a terminator (already whitespace-stripped) start a sentence?"""
    if not nxt:
        return True
    ch = nxt[0]
    if lang == "en":
        if ch.isalpha() and ch.isascii():
            return ch.isupper()
        return True
    # Arabic has no case; a lower-case Latin word after a period still starts a sentence
    return True


def _split_span(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (absolute offsets, not yet stripped)."""
    chunk = text[start:end]
    masked = _Spans(_masked_spans(chunk))
    cuts = []
    for m in _BOUNDARY.finditer(chunk):
        term_end = m.end()
        # position of the first terminator character of the run
        first = m.start()
        if first in masked:
            continue
        rest = chunk[term_end : term_end + 80].lstrip()
        if not rest:
            continue  # end of chunk: handled by the caller
        run = chunk[first:term_end]
        lm = _LIST_MARK.match(chunk)
        if lm and first < lm.end() and not chunk[: lm.start()].strip():
            continue  # "1. Prevention": the marker of a list item
        if run.rstrip(_CLOSERS) == "." and _is_abbreviation(chunk, first, rest, lang):
            continue
        if not _starts_sentence(rest, lang):
            continue
        cuts.append(term_end)
    spans = []
    prev = 0
    for c in cuts:
        spans.append((start + prev, start + c))
        prev = c
    spans.append((start + prev, start + len(chunk)))
    return spans


def _ends_sentence(line: str) -> bool:
    s = line.rstrip().rstrip(_CLOSERS)
    return bool(s) and s[-1] in _TERMINATORS


def _line_units(text: str) -> list[tuple[int, int]]:
    """Cut a block at the line breaks that separate list items or headings."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    lines = [(a, b) for a, b in lines if text[a:b].strip()]
    if len(lines) <= 1:
        return lines or [(0, len(text))]
    units: list[list[int]] = []
    for a, b in lines:
        line = text[a:b]
        if units:
            prev_line = text[units[-1][0] : units[-1][1]]
            stripped_prev = prev_line.rstrip()
            soft_wrap = (
                not _LIST_MARK.match(line)
                and not _ends_sentence(prev_line)
                and (stripped_prev.endswith((",", "\u060c", "-", ";", "\u061b", ":")) and line.strip()[:1].islower()
                     or (line.strip()[:1].islower() and line.strip()[:1].isascii() and not _LIST_MARK.match(prev_line)))
            )
            if soft_wrap:
                units[-1][1] = b
                continue
        units.append([a, b])
    return [(a, b) for a, b in units]


def split_text(text: str, lang: str) -> list[tuple[int, int]]:
    """Stripped sentence spans ``(start, end)`` of ``text``."""
    lang = "ar" if (lang or "").lower().startswith("ar") else "en"
    out = []
    for a, b in _line_units(text):
        for s, e in _split_span(text, a, b, lang):
            seg = text[s:e]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg) - len(seg.rstrip())
            s2, e2 = s + lead, e - trail
            if e2 > s2:
                out.append((s2, e2))
    return out


def split_block(block: Block, lang: str) -> tuple[Segment, ...]:
    """The sentences of one block; ``seg.text == block.text[seg.start:seg.end]``.

    Furniture lines inside the block (``block.furniture``) are left out: each
    stretch of text between them is split on its own."""
    if not block.furniture:
        ranges: tuple[tuple[int, int], ...] = ((0, len(block.text)),)
    else:
        ranges = block.content_ranges()
    return tuple(
        Segment(block_index=block.index, start=a + s, end=a + e, text=block.text[a + s:a + e])
        for a, b in ranges
        for s, e in split_text(block.text[a:b], lang)
    )


def segment_page(page: Page, blocks: Iterable[Block] | None = None) -> tuple[Segment, ...]:
    """Sentences of ``blocks`` (default: the page's content blocks) in page order."""
    if blocks is None:
        blocks = page.content_blocks
    segs: list[Segment] = []
    for b in blocks:
        segs.extend(split_block(b, page.lang))
    return tuple(segs)
