"""Arabic punctuation: Latin , ; ? in Arabic text, a space before a punctuation mark,
and brackets or quotes the target leaves unbalanced (when the source balances them).
A '?' between two Arabic letters of one word is no question mark but a lost letter (ا?دوات):
the hygiene check reports it.  A final full stop the target drops is flagged (minor) only
when the page does not drop it as a habit and the target is short for its source."""

from __future__ import annotations

import re

from mt_review.checks import hygiene
from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.checks.omission import page_ratios
from mt_review.checks.text import ASCII_DIGITS, has_arabic, mask, unbalanced
from mt_review.checks.truncation import UNENDED_SHORT
from mt_review.langid import is_arabic_letter
from mt_review.model import AlignedPair, Finding, Segment, Severity

ARABIC_EQUIVALENT = {",": "،", ";": "؛", "?": "؟"}
_LATIN_PUNCT = re.compile(r"[,;?]")
_SPACE_BEFORE = re.compile(r"(?<=[^\s])([ \t\u00a0]+)([،؛؟.,:;!?])")
_TERMINAL = (".", "!", "?", "؟", ":", "…", "۔")
_CLOSERS = " \t\n)]}»\"'”’"


def _nearest_letters(text: str) -> tuple[list[str | None], list[str | None]]:
    """For each offset i: the nearest letter before i and the nearest letter from i on, or
    None where a digit (or the text's end) comes first; two passes, so many marks in a long
    segment cost no rescans."""
    before: list[str | None] = [None] * (len(text) + 1)
    last: str | None = None
    for i, ch in enumerate(text):
        if ch.isalpha():
            last = ch
        elif ch.isdigit():
            last = None
        before[i + 1] = last
    after: list[str | None] = [None] * (len(text) + 1)
    nxt: str | None = None
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch.isalpha():
            nxt = ch
        elif ch.isdigit():
            nxt = None
        after[i] = nxt
    return before, after


_WORD_CHAR = re.compile(r"\w")


def _after_entity_name(text: str, i: int) -> bool:
    """``text[:i]`` ends with an HTML entity's name (``&amp``, ``&#39``): what ``&#?\\w+$`` matches,
    looking back over the word characters only."""
    k = i
    while k > 0 and _WORD_CHAR.match(text[k - 1]):
        k -= 1
    if k == i or k == 0:
        return False
    return text[k - 1] == "&" or (text[k - 1] == "#" and k >= 2 and text[k - 2] == "&")


PERIOD_CONVENTION = 2  # pairs of a page that drop a final full stop before it counts as the page's convention


def _drops_period(pair: AlignedPair) -> bool:
    """The source ends with a full stop (not an ellipsis) and the Arabic target with no closing mark."""
    if not pair.src or not pair.tgt or not has_arabic(pair.tgt_text):
        return False
    src = pair.src[-1].text.rstrip(_CLOSERS)
    tgt = pair.tgt[-1].text.rstrip(_CLOSERS)
    return bool(tgt) and src.endswith(".") and not src.endswith("...") and not tgt.endswith(_TERMINAL)


def _word_before(text: str, s: int) -> str:
    """The last whitespace-separated word of ``text[:s]`` (``text[:s].split()[-1]``), or ''."""
    j = s
    while j > 0 and text[j - 1].isspace():
        j -= 1
    k = j
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return text[k:j]


_EMOTICON = re.compile(r"[:;=]-?[()DPp]")


def _emoticon(text: str, i: int) -> bool:
    """Offset ``i`` is part of a smiley (":)", ":-)", ";(", ":P"): not a mark or a bracket."""
    lo = max(0, i - 2)
    return any(m.start() <= i < m.end() and (m.end() == len(text) or not text[m.end()].isalnum())
               for m in _EMOTICON.finditer(text, lo, min(len(text), i + 3)))


def _dot_name(text: str, end: int, src_text: str) -> bool:
    """The '.' ending at ``end`` starts a Latin name (".htaccess", ".d", ".packages") that the source also
    writes as a word starting with a dot: a hidden file or an extension, not a full stop."""
    name = re.match(r"[A-Za-z][\w-]*", text[end:end + 40])
    return name is not None and re.search(
        r"(?:^|[\s(\"'“”‘’«])\." + re.escape(name.group()) + r"(?![\w-])", src_text) is not None


_SECTION_NUMBER = re.compile(r"(\d+(?:\.\d+)+|\d+)$")


# a chapter, section, appendix, figure or table named right before a plain number ("فصل 5, نظام الحزم" for the
# source's "Chapter 5, Packaging System"): a generated cross-reference even without a dotted section number
_REFERENCE_NOUN = re.compile(r"(?:^|\s)[وف]?(?:ب|ل|في\s+)?(?:ال)?(?:فصل|قسم|ملحق|شكل|جدول|باب)\s*$")


def _reference_comma(text: str, i: int, src_text: str) -> bool:
    """The Latin comma at ``i`` follows a number that the source follows with a comma too, and the number is a
    section number (7.1, 11.7.3.1), a chapter or section noun comes before it (``_REFERENCE_NOUN``) or an opening
    quote comes next ("قسم 7.1, “مصادر الوثائق”": the source's
    "Section 7.1, “Documentation Sources”"): a cross-reference kept whole, as tools generate them."""
    m = _SECTION_NUMBER.search(text[max(0, i - 20):i].translate(ASCII_DIGITS))
    if m is None:
        return False
    number = m.group(1)
    if "." not in number and not re.match(r"\s*[“”\"«]", text[i + 1:i + 4]) and not _REFERENCE_NOUN.search(
            text[max(0, i - 20):i - len(number)]):
        return False
    return re.search(r"(?<![\d.])" + re.escape(number) + r",", src_text) is not None




class PunctuationCheck(Check):
    name = "punctuation"
    category = "fluency/punctuation"
    default_severity = Severity.MINOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        return self._run(pair, page_drops=0)

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        """Per pair, knowing how many pairs of the page drop the source's final full stop: when
        two or more do, dropping it is the translator's convention, not a slip (Arabic UI
        catalogues often drop it: 49 of the 218 Debian catalogue strings that end with '.',
        none of those that end with '?', '!', ':' or an ellipsis).  A full stop dropped by a
        target whose length fits its source (ratio at least ``UNENDED_SHORT`` × the page's
        yardstick, the truncation check's line) is the same habit, not a sign of a cut: a cut
        target is short, and the truncation check reports it."""
        drops = sum(1 for p in ctx.pairs if _drops_period(p))
        ratios, refs = page_ratios(ctx)
        fits = {i for i, r in ratios.items() if r / refs[i][0] >= UNENDED_SHORT}
        return {i: self._run(p, page_drops=drops, length_fits=i in fits) for i, p in enumerate(ctx.pairs)}

    def _run(self, pair: AlignedPair, page_drops: int, length_fits: bool = False) -> list[Finding]:
        out: list[Finding] = []
        src_text = pair.src_text
        for seg in pair.tgt:
            if has_arabic(seg.text):
                out.extend(self._latin_marks(seg, src_text))
                out.extend(self._space_before(seg, src_text))
        if pair.tgt:
            out.extend(self._brackets(pair))
        if pair.src and pair.tgt and has_arabic(pair.tgt_text):
            out.extend(self._ending(pair, page_drops, length_fits))
        return out

    def _ending(self, pair: AlignedPair, page_drops: int = 0, length_fits: bool = False) -> list[Finding]:
        """A source that ends a sentence and a target that stops short, or trails off in '...'."""
        src = pair.src[-1].text.rstrip(_CLOSERS)
        seg = pair.tgt[-1]
        tgt = seg.text.rstrip(_CLOSERS)
        if not tgt:
            return []
        end = len(tgt)
        src_ends = src.endswith(_TERMINAL)
        if tgt.endswith(("...", "…")) and not src.endswith(("...", "…")):
            cut = len(tgt.rstrip(".…"))
            return [self.finding(
                "The target trails off with an ellipsis the source does not have: it may be cut short.",
                tgt_span=seg_span(seg, cut, end),
                threshold="target ends with '...' / '…', source does not",
            )]
        if src_ends and not tgt.endswith(_TERMINAL):
            mark = src[-1]
            if page_drops >= PERIOD_CONVENTION and _drops_period(pair):
                return []  # the page's translator drops final full stops: a convention
            if length_fits and _drops_period(pair):
                return []  # a full stop dropped by a target of its source's length: a habit, not a cut
            return [self.finding(
                f"The source ends with '{mark}' but the target has no closing punctuation: it may be cut short.",
                tgt_span=seg_span(seg, max(0, end - 1), end),
                threshold="source ends with sentence punctuation, target does not",
                suggestion=f"end with {ARABIC_EQUIVALENT.get(mark, mark)}",
            )]
        return []

    def _latin_marks(self, seg: Segment, src_text: str = "") -> list[Finding]:
        text = mask(seg.text, paths=True)
        out: list[Finding] = []
        marks = list(_LATIN_PUNCT.finditer(text))
        if not marks:
            return out
        letters_before, letters_after = _nearest_letters(text)
        for m in marks:
            i, ch = m.start(), m.group()
            if i and i + 1 < len(text) and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue  # 1,000 / 3,5
            if ch == ";" and _after_entity_name(text, i):
                continue  # an HTML entity
            if ch == "?" and hygiene.lost_letter(text, i):
                continue  # ا?دوات: a letter lost in conversion (the hygiene check), not a question mark
            if ch == "," and _reference_comma(text, i, src_text):
                continue  # "قسم 7.1, “…”": a cross-reference the source writes so, copied whole
            before, after = letters_before[i], letters_after[i + 1]
            arabic_context = (before is not None and is_arabic_letter(before)) or (
                before is None and after is not None and is_arabic_letter(after))
            if not arabic_context:
                continue
            ar = ARABIC_EQUIVALENT[ch]
            out.append(self.finding(
                f"Latin '{ch}' in Arabic text; Arabic uses '{ar}'.",
                tgt_span=seg_span(seg, i, i + 1),
                threshold=f"Latin {'comma' if ch == ',' else 'semicolon' if ch == ';' else 'question mark'} "
                          "after an Arabic word (not between digits)",
                suggestion=f"use {ar} instead of {ch}",
            ))
        return out

    def _space_before(self, seg: Segment, src_text: str = "") -> list[Finding]:
        text = mask(seg.text, paths=True)
        out = []
        for m in _SPACE_BEFORE.finditer(text):
            mark = m.group(2)
            end = m.end()
            nxt = text[end:end + 1]
            if mark == "." and (nxt == "." or nxt.isdigit()):
                continue  # " ..." ellipsis, " .5"
            if mark in ",:" and nxt.isdigit() and text[m.start() - 1].isdigit():
                continue  # "10 :30"-style numbers
            if not seg.text[m.end(1) - 1].isspace():
                continue  # the mark follows a path, URL or option directly ("/etc/hosts؛"): masking made the gap
            if mark == "." and _dot_name(text, end, src_text):
                continue  # ".htaccess", ".d": a file name or extension the source also starts with a dot
            if nxt == "=" and mark in ":!?":
                continue  # ":=", "!=": an operator, not a mark
            if mark in ":;" and _emoticon(text, m.start(2)):
                continue  # ":)" ":-)": a smiley, not a mark
            if mark in "!?:;" and re.search(r"\s" + re.escape(mark) + r"(?=\s|$)", src_text):
                continue  # the source sets the mark apart too ("symbols like ! ? $"): a symbol named, not punctuation
            s = m.start()
            prev_word = _word_before(text, s)
            out.append(self.finding(
                f"Space before '{mark}'.",
                tgt_span=seg_span(seg, s, end),
                threshold=f"whitespace before the punctuation mark '{mark}'",
                suggestion=f"write '{prev_word}{mark}' (no space before {mark})",
            ))
        return out

    def _brackets(self, pair: AlignedPair) -> list[Finding]:
        if unbalanced(pair.src_text):
            return []  # the source is unbalanced too: not the translation's fault
        out = []
        pos = 0
        tgt_text = pair.tgt_text
        bad = [i for i in unbalanced(tgt_text) if not _emoticon(tgt_text, i)]  # once for the pair
        for seg in pair.tgt:
            joined_bad = [i - pos for i in bad if pos <= i < pos + len(seg.text)]
            for i in joined_bad:
                ch = seg.text[i]
                out.append(self.finding(
                    f"Unbalanced '{ch}': it has no matching partner in the target.",
                    tgt_span=seg_span(seg, i, i + 1),
                    threshold="bracket or quote without a partner in the target while the source is balanced",
                ))
            pos += len(seg.text) + 1
        return out
