"""Arabic normalisation for string metrics, with a map back to the original offsets.

String metrics (chrF, BLEU) compare characters, and Arabic writing varies in
ways that do not change the meaning.  Before comparing the site's Arabic with
a model translation, both go through :func:`normalize_arabic`:

* **diacritics removed** -- harakat U+064B..U+0652 (fathatan .. sukun) and the
  superscript (dagger) alef U+0670.  Published web text is mostly unvocalised;
  MT output almost never has them; a stray shadda must not cost chrF points.
* **tatweel removed** -- U+0640 (kashida) is pure justification.
* **alef variants unified** -- أ U+0623, إ U+0625, آ U+0622, ٱ U+0671 -> ا
  U+0627.  Hamza seats on alef are very often omitted or confused in web text
  and MT output alike (اسم/إسم); counting them as errors is noise.
* **alef maksura -> yeh** -- ى U+0649 -> ي U+064A.  Final yeh and alef maksura
  are interchanged constantly (على/علي), notably in Egyptian-style typing.
* **teh marbuta -> heh** -- ة U+0629 -> ه U+0647.  Final ة/ه are confused in
  the same way (مدرسة/مدرسه).  This merges a few real minimal pairs, which is
  acceptable for a fuzzy character metric.

Nothing else changes: hamza on waw/yeh (ؤ ئ), Arabic-Indic digits and
punctuation are kept (numbers are a separate check).  Each removal or
substitution is one character to zero or one, so the normalised text is never
longer than the original and every normalised character has exactly one
origin.  :class:`Normalized` keeps that map so a span found on the normalised
text (``start:end``) maps back to original offsets with :meth:`Normalized.to_original`.
"""

from __future__ import annotations

from dataclasses import dataclass

DIACRITICS = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"}
TATWEEL = "\u0640"
REMOVE = DIACRITICS | {TATWEEL}
SUBSTITUTE = {
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0649": "\u064A",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
}


@dataclass(frozen=True)
class Normalized:
    """``text`` normalised; ``origin[i]`` is the index in ``original`` of ``text[i]``."""

    original: str
    text: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` covering normalised ``text[start:end]``.

        Characters removed inside the span (a shadda on its last letter, say)
        are included: the end extends over removed characters that follow the
        last kept one, up to the next kept character.
        """
        n = len(self.text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if start >= end:
            p = self.origin[start] if start < n else len(self.original)
            return p, p
        o_start = self.origin[start]
        o_end = self.origin[end] if end < n else len(self.original)
        # do not swallow the whitespace before the next kept character
        while o_end > self.origin[end - 1] + 1 and self.original[o_end - 1].isspace():
            o_end -= 1
        return o_start, o_end


def normalize_arabic(text: str) -> Normalized:
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch in REMOVE:
            continue
        chars.append(SUBSTITUTE.get(ch, ch))
        origin.append(i)
    return Normalized(text, "".join(chars), tuple(origin))


def normalize(text: str) -> str:
    """The normalised string only (for metrics)."""
    return normalize_arabic(text).text
