"""Text hygiene: invisible and bidi control characters, mojibake, U+FFFD, and a '?' inside an
Arabic word (a letter the text's conversion lost: ا?دوات for الأدوات; minor).

The directional marks LRM, RLM and ALM (U+200E, U+200F, U+061C) are the
legitimate way to order mixed Arabic/Latin text, so they are flagged (minor)
only where they do no work: when the nearest visible characters on both sides
are strong letters of one direction (an RLM between two Arabic words).  Next
to Latin, digits, punctuation or a change of direction they are left alone.
Embeddings, overrides and isolates (U+202A-202E, U+2066-2069) are always
flagged; the overrides, which reorder what the reader sees, as major.
A ZWNJ between the single letters of an abbreviation spelt in Arabic letters
(ج‌ت‌ك for GTK) keeps them apart on purpose and is not flagged.
"""

from __future__ import annotations

import re
import unicodedata

from mt_review.checks.base import Check, CheckContext, block_text, seg_span
from mt_review.model import AlignedPair, Finding, Segment, Severity

INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK", "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "BYTE ORDER MARK / ZERO WIDTH NO-BREAK SPACE", "\u00ad": "SOFT HYPHEN",
    "\u061c": "ARABIC LETTER MARK",
}
OVERRIDES = {"\u202d", "\u202e"}  # reorder what the reader sees: major
MARKS = {"\u200e", "\u200f", "\u061c"}  # LRM, RLM, ALM: fine where the direction changes
_INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]+")
# Windows-1252 characters that UTF-8 continuation bytes 0x80-0x9F decode to.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_RE = re.compile(r"(?:[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_HIGH + r"]{1,3})+")


# a question mark between two Arabic letters of one word stands for a letter the conversion could not encode
# (ا?دوات for الأدوات); minor: the letters are guessed from the shape, where U+FFFD is a certain loss
_LOST_LETTER = re.compile(r"(?<=[\u0621-\u064a])\?+(?=[\u0621-\u064a])")


def lost_letter(text: str, i: int) -> bool:
    """Whether the '?' at ``text[i]`` stands between two Arabic letters (a lost letter, :data:`_LOST_LETTER`)."""
    return any(m.start() <= i < m.end() for m in _LOST_LETTER.finditer(text, max(0, i - 1), i + 8))


def _repair(run: str) -> str | None:
    raw = bytearray()
    for ch in run:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                raw.append(ord(ch))
            else:
                return None
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if fixed != run else None


def _strong(ch: str | None) -> str | None:
    """The strong direction of a letter, ``L`` or ``R``; None for digits, punctuation or no character."""
    if ch is None:
        return None
    bidi = unicodedata.bidirectional(ch)
    return "L" if bidi == "L" else "R" if bidi in ("R", "AL") else None


def _mark_does_work(text: str, start: int, end: int) -> bool:
    """A run of LRM/RLM/ALM at ``start:end`` sits next to a direction change.

    It does no work only when the nearest visible characters on both sides
    (whitespace, other controls and diacritics skipped; at a text edge, the
    one side there is) are strong letters of the same direction.
    """
    def skip(ch: str) -> bool:  # spaces, other controls, diacritics (they follow their letter)
        return ch.isspace() or ch in INVISIBLE or unicodedata.bidirectional(ch) in ("NSM", "BN")

    i = start - 1
    while i >= 0 and skip(text[i]):
        i -= 1
    j = end
    while j < len(text) and skip(text[j]):
        j += 1
    before = text[i] if i >= 0 else None
    after = text[j] if j < len(text) else None
    if before is None and after is None:
        return False
    sides = {_strong(c) for c in (before, after) if c is not None}
    return sides != {"L"} and sides != {"R"}


ZWNJ = "\u200c"
# a word spelt out letter by letter: single Arabic letters (a diacritic allowed) joined by ZWNJ or dots
_LETTER = "[\u0621-\u064a][\u064b-\u065f\u0670]*"
_SPELT_OUT = re.compile(rf"(?<![\u0621-\u064a\u064b-\u065f\u0670\u200c]){_LETTER}(?:[\u200c.]+{_LETTER})+"
                        rf"(?![\u200c.]*[\u0621-\u064a\u064b-\u065f\u0670])")


def _in_spelt_abbreviation(text: str, start: int, end: int) -> bool:
    """A ZWNJ run at ``start:end`` separates the single letters of an abbreviation spelt in Arabic
    letters (ج‌ت‌ك for GTK, م‌ت‌ح, or with dots: ج.ت‌ك): there the ZWNJ keeps each letter apart, as
    the abbreviation wants, and does work.  Inside an ordinary word it is a stray character."""
    lo = max(0, start - 40)
    return any(m.start() < start and end < m.end() for m in _SPELT_OUT.finditer(text, lo, min(len(text), end + 40)))


class HygieneCheck(Check):
    name = "hygiene"
    category = "fluency/character-encoding"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        for seg in pair.tgt:
            out.extend(self._segment(seg, block_text(ctx.target, seg.block_index)))
        return out

    def _segment(self, seg: Segment, block: str | None = None) -> list[Finding]:
        """Findings in one target segment; ``block`` (its block's text) gives a mark its context."""
        text = seg.text
        if block is None or block[seg.start:seg.end] != text:
            block, offset = text, 0
        else:
            offset = seg.start
        out = []
        for m in _INVISIBLE_RE.finditer(text):
            chars = m.group()
            if set(chars) <= MARKS and _mark_does_work(block, offset + m.start(), offset + m.end()):
                continue
            if set(chars) == {ZWNJ} and _in_spelt_abbreviation(text, m.start(), m.end()):
                continue
            names = sorted({f"U+{ord(c):04X} {INVISIBLE[c]}" for c in chars})
            severe = any(c in OVERRIDES for c in chars)
            out.append(self.finding(
                f"Invisible control character{'s' if len(chars) > 1 else ''} in the text: {', '.join(names)}.",
                severity=Severity.MAJOR if severe else Severity.MINOR,
                tgt_span=seg_span(seg, m.start(), m.end()),
                threshold="invisible or bidi control characters (U+200B-200D, 202A-202E, 2066-2069, FEFF, 00AD; "
                          "U+200E/200F/061C only with no direction change around them)",
                suggestion="delete the character" + ("s" if len(chars) > 1 else ""),
            ))
        for m in _MOJIBAKE_RE.finditer(text):
            fixed = _repair(m.group())
            if fixed is None or all(unicodedata.category(c).startswith("C") for c in fixed):
                continue
            out.append(self.finding(
                f"Garbled characters (mojibake) '{m.group()}': UTF-8 text decoded as Windows-1252.",
                tgt_span=seg_span(seg, m.start(), m.end()),
                threshold="character sequence that decodes as UTF-8 once re-encoded as Windows-1252",
                suggestion=fixed,
            ))
        for m in _LOST_LETTER.finditer(text):
            out.append(self.finding(
                "A '?' inside an Arabic word: a letter was lost when the text was converted "
                "(a legacy code page without it, e.g. لأ in ا?دوات for الأدوات).",
                severity=Severity.MINOR,
                tgt_span=seg_span(seg, m.start(), m.end()),
                threshold="'?' with an Arabic letter right before and after it (no space): not a question mark",
                suggestion="restore the lost letter(s) from the original text",
            ))
        for m in re.finditer("\ufffd+", text):
            out.append(self.finding(
                "Replacement character U+FFFD: characters were lost when the text was decoded.",
                tgt_span=seg_span(seg, m.start(), m.end()),
                threshold="U+FFFD REPLACEMENT CHARACTER present",
            ))
        return out
