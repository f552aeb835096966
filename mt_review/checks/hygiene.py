"""Text hygiene: invisible and bidi control characters, mojibake, U+FFFD."""

from __future__ import annotations

import re
import unicodedata

from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.model import AlignedPair, Finding, Segment, Severity

INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK", "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "BYTE ORDER MARK / ZERO WIDTH NO-BREAK SPACE", "\u00ad": "SOFT HYPHEN",
}
OVERRIDES = {"\u202d", "\u202e"}  # reorder what the reader sees: major
_INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]+")
# Windows-1252 characters that UTF-8 continuation bytes 0x80-0x9F decode to.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_RE = re.compile(r"(?:[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_HIGH + r"]{1,3})+")


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


class HygieneCheck(Check):
    name = "hygiene"
    category = "fluency/character-encoding"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        for seg in pair.tgt:
            out.extend(self._segment(seg))
        return out

    def _segment(self, seg: Segment) -> list[Finding]:
        text = seg.text
        out = []
        for m in _INVISIBLE_RE.finditer(text):
            chars = m.group()
            names = sorted({f"U+{ord(c):04X} {INVISIBLE[c]}" for c in chars})
            severe = any(c in OVERRIDES for c in chars)
            out.append(self.finding(
                f"Invisible control character{'s' if len(chars) > 1 else ''} in the text: {', '.join(names)}.",
                severity=Severity.MAJOR if severe else Severity.MINOR,
                tgt_span=seg_span(seg, m.start(), m.end()),
                threshold="invisible or bidi control characters (U+200B-200F, 202A-202E, 2066-2069, FEFF, 00AD)",
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
        for m in re.finditer("\ufffd+", text):
            out.append(self.finding(
                "Replacement character U+FFFD: characters were lost when the text was decoded.",
                tgt_span=seg_span(seg, m.start(), m.end()),
                threshold="U+FFFD REPLACEMENT CHARACTER present",
            ))
        return out
