"""Orthography: the conjunction و written apart from its word, and doubled words."""

from __future__ import annotations

import re
from itertools import pairwise

from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.checks.text import WORD_RE, normalize_ar
from mt_review.model import AlignedPair, Finding, Severity

# The standalone letter و (after start, a space or an opening mark), then a
# space, then an Arabic letter: "فرنسي و عربي" -> "فرنسي وعربي".
_DETACHED_WAW = re.compile(r"(?:^|(?<=[\s(\[«\"“'،؛:]))و[ \t\u00a0]+(?=[\u0621-\u064a\u0671-\u06d3])")
# Reduplications that are correct Arabic (or English) style.
_ALLOWED_DOUBLES = {normalize_ar(w) for w in ("رويدا", "جدا", "شيئا", "معا", "قليلا", "خطوة", "يوما", "بعد", "حينا")}
# Verbs of reporting repeat in chains of narration ("قال: قال رسول الله" written قال قال).
_REPORTING = {normalize_ar(w) for w in ("قال", "قالت", "قالوا", "يقول", "حدثنا", "حدثني", "أخبرنا", "أخبرني",
                                          "سمعت", "عن")}
_SOURCE_DOUBLE = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_EN_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
REPEAT_GAP = 5  # most words between two uses of one source word for an Arabic doubling to mirror it
# English words Arabic attaches, drops or varies (articles, prepositions, conjunctions, pronouns, auxiliaries):
# their repetition in the source says nothing about a doubled Arabic word
_NOT_MIRRORED = frozenset(
    "the a an of to in on at for with by from as and or but nor so if that which who whom whose is are was were be "
    "been being am do does did has have had not no he she it they them him her his its we us our you your i me my "
    "their there then than will would shall should can could may might must".split())


def source_repeats(src: str) -> bool:
    """Whether the source uses one word twice close together ("two by two", "a woman ... a woman",
    "this precedes this", "very very"): an Arabic doubling (مثنى مثنى، المرأة المرأة، هذه هذه) then
    mirrors the source rather than being a slip.  Words Arabic attaches or drops do not count."""
    last: dict[str, int] = {}
    for k, m in enumerate(_EN_WORD.finditer(src)):
        w = m.group().lower()
        if w in _NOT_MIRRORED:
            continue
        if w in last and k - last[w] - 1 <= REPEAT_GAP:
            return True
        last[w] = k
    return False


def normal_double(word: str) -> bool:
    """A doubling that is good Arabic: a listed one, a verb of reporting in a narration chain,
    or an indefinite accusative repeated as an adverb (رويدًا رويدًا، صفًّا صفًّا، يومًا يومًا)."""
    w = normalize_ar(word)
    if w in _ALLOWED_DOUBLES or w in _REPORTING:
        return True
    return ("\u064b" in word or w.endswith("ا")) and not w.startswith("ال") and len(w) >= 3


class SpellingCheck(Check):
    name = "spelling"
    category = "fluency/spelling"
    default_severity = Severity.MINOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        source_doubles: bool | None = None  # does the source repeat a word too? asked once, when needed
        for seg in pair.tgt:
            text = seg.text
            for m in _DETACHED_WAW.finditer(text):
                nxt = WORD_RE.match(text, m.end())
                word = nxt.group() if nxt else ""
                out.append(self.finding(
                    f"The conjunction و is detached from '{word}'.",
                    tgt_span=seg_span(seg, m.start(), m.end() + len(word)),
                    threshold="standalone و followed by a space and an Arabic word",
                    suggestion=f"و{word}",
                ))
            words = list(WORD_RE.finditer(text))
            if source_doubles is None:
                source_doubles = bool(_SOURCE_DOUBLE.search(pair.src_text)) or source_repeats(pair.src_text)
            if source_doubles:
                continue  # the source repeats a word too ("very very", "a woman ... a woman")
            for a, b in pairwise(words):
                gap = text[a.end():b.start()]
                if gap.strip() or not gap:
                    continue
                na, nb = normalize_ar(a.group()), normalize_ar(b.group())
                if na != nb or normal_double(a.group()):
                    continue
                out.append(self.finding(
                    f"Doubled word '{a.group()} {b.group()}'.",
                    category="fluency/grammar",
                    tgt_span=seg_span(seg, a.start(), b.end()),
                    threshold="the same word twice in a row",
                    suggestion=a.group(),
                ))
        return out
