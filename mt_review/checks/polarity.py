"""Polarity: a negation in one language that the other lacks.

English negators: not, n't, no, never, none, nothing, nobody, no one,
nowhere, neither, nor, without, cannot, fail(s/ed) to.  Not counted: "not
only" (additive), "no doubt", "whether or not", and a negation that "without"
cancels ("cannot do without" = must, like لا بد; it is possible, not sure).

Arabic negators: لا لم لن, ليس and its forms, بدون, ألّا (أن + لا), تعذّر
and its forms ("could not"), with a proclitic و/ف/أ.  Not counted: لا بد (must), لا سيما (especially), لا يزال /
لا زال / ما زال / ما دام (still).  *Possible* negators, which may or may not
negate (ما is also "what", غير also "other than", دون also "below", عدم is a
noun, ألا also "indeed"), words that negate by their meaning (فشل "failed",
مستحيل), and an exception (لا ... إلا = "only") make a side
*uncertain*: they can account for a negation of the other side but never
count as one.  (إن is not among them: negative إن is rare next to "if" and
"indeed", and counting it hid most negations lost from classical prose.)
A source negator inside brackets (a translator's gloss) is possible too.

A pair is flagged when one side negates and the other has neither a negator
nor a possible one (**critical**), or when one side has more sure negators
than the other has sure and possible ones together (**major**: a negated
clause lost or added).
"""

from __future__ import annotations

import re

from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.model import AlignedPair, Finding, Segment, Severity, Span

_EN_NEG = re.compile(
    r"\b(?:not|never|none|nothing|nobody|nowhere|neither|nor|without|cannot|no(?:[ -]one)?|"
    r"fail(?:s|ed|ing)?\s+to|[a-z]+n['’]t)\b", re.IGNORECASE)
# a negation cancelled by "without" ("cannot do without" = must, لا بد): positive, yet it may be rendered
# with a negation kept (لم يغادر دون), so it counts as possible, not as nothing
_EN_DOUBLE = re.compile(r"\b(?:cannot|can\s+not|could\s+not|[a-z]+n['’]t|not|never)\s+(?:[a-z]+\s+){0,3}?without\b",
                        re.IGNORECASE)
_EN_NOT_NEG = re.compile(r"\b(?:not\s+only|no\s+doubt|whether\s+or\s+not|no\s+sooner|not\s+to\s+mention|"
                         r"(?:not|never|n['’]t)\s+(?:cease|stop)\w*|or\s+not)\b|" + _EN_DOUBLE.pattern, re.IGNORECASE)
_EN_CONTINUATION = re.compile(r"nor", re.IGNORECASE)  # "neither ... nor" may be one negation
_EN_EXCEPT = re.compile(r"\b(?:except|but|unless|other\s+than|save)\b", re.IGNORECASE)
_EN_POSSIBLE = re.compile(r"\b(?:only|except|unless|but|lack\w*|absence|refus\w*|den(?:y|ies|ied)|"
                          r"prevent\w*|free\s+(?:of|from)|un\w{3,}|in(?:capable|valid|correct|sufficient|adequate|ability|complete|accessible|active)\w*|"
                          r"im(?:possible|proper)\w*|dis(?:allow|able)\w*|non-?\w+)\b",
                          re.IGNORECASE)

_A = r"(?<![\u0621-\u064a])"
_Z = r"(?![\u0621-\u064a])"
_AR_NEG = re.compile(_A + r"(?:[وفأ])?(?:لا|لم|لن|ليس|ليست|ليسا|ليستا|ليسوا|لسن|لست|لستم|لستن|لسنا|بدون|ألّا|ألا(?=\s+[يتن])|[يت]?تعذ[\u0621-\u064a\u0651]*)" + _Z)
_AR_NOT_NEG = re.compile(_A + r"(?:[وف])?(?:لا\s+(?:بد|سيما|يزال|يزالون|تزال|زال)|ما\s+(?:زال|دام|يزال)|لم\s+(?:يزل|تزل|يزالوا|أزل|نزل)|لا\s+شك|ألا\s+(?:إن|إنه|إنهم|إنها|و)|[أو]م?\s*لا(?=\s*[.،؟?]|$))" + _Z)
_AR_POSSIBLE = re.compile(_A + r"(?:[وفأبلك])?(?:ما|غير|دون|عدم|إلا|إلّا|ألا|كلا|لولا)" + _Z)
# verbs and nouns that carry the negation in the word itself (تعذّر "could not", فشل "failed"), and
# لا written joined to its verb (لايوجد, informal spelling; also the start of لاتيني, so only possible)
_AR_LEXICAL = re.compile(_A + r"[وفبل]?(?:لا[يتن][\u0621-\u064a]{2,}|[يت]?فشل|فشل|عجز|[يم]?ستحيل|رفض|[يت]?متنع|امتنع|بلا|عديم|منعدم|انعدام|خال)")
_AR_CONTINUATION = re.compile(_A + r"[وف]?(?:ولا|أو\s+لا)" + _Z)
_AR_EXCEPT = re.compile(_A + r"(?:[وف])?(?:إلا|إلّا|سوى|غير)" + _Z)
EXCEPT_WINDOW = 80  # characters after a negator where an exception makes it "only"


def _count(text: str, sure: re.Pattern, not_neg: re.Pattern, possible: re.Pattern,
           continuation: re.Pattern, exception: re.Pattern) -> tuple[list[re.Match], int, int]:
    """Sure negators (matches), the number of possible ones, and continuations.

    A continuation ("nor", ولا) after a sure negator may be part of the same
    negation ("neither ... nor", لا ... ولا) or a new one: it is counted apart.
    A negator followed by an exception (no ... except, لا ... إلا) restricts
    ("only") and counts as possible, not sure; so does one inside brackets.
    """
    blocked = [m.span() for m in not_neg.finditer(text)]
    hits: list[re.Match] = []
    n_possible, n_continued = len(possible.findall(text)), 0
    for m in sure.finditer(text):
        if any(s <= m.start() < e for s, e in blocked):
            continue
        if (exception.search(text, m.end(), m.end() + EXCEPT_WINDOW) or _privative(text, m)
                or _bracketed(text, m.start())):
            n_possible += 1
            continue
        if hits and continuation.fullmatch(m.group()):
            n_continued += 1
            continue
        hits.append(m)
    return hits, n_possible, n_continued


def _bracketed(text: str, at: int) -> bool:
    """Inside (...) or [...]: a translator's gloss ("beat him (if he does not pray)"), often
    with no counterpart on the other side; its negation may or may not be there."""
    return text.count("(", 0, at) > text.count(")", 0, at) or text.count("[", 0, at) > text.count("]", 0, at)


_NEXT_WORD = re.compile(r"\s*([\u0621-\u064a]+)")


def _privative(text: str, m: re.Match) -> bool:
    """لا before an adjective (لا تزامنيا "asynchronously", لا سلكي "wireless") is a prefix, not a clause
    negation: the next word is not verb-like and ends like a relative adjective (ي، ية، يا)."""
    if not m.group().endswith("لا"):
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt is None:
        return False
    word = nxt.group(1)
    return word.endswith(("ية", "يا")) or (word[0] not in "يتنأ" and word.endswith(("ي", "يه")))


def english_negation(text: str) -> tuple[list[re.Match], int, int]:
    hits, possible, continued = _count(text, _EN_NEG, _EN_NOT_NEG, _EN_POSSIBLE, _EN_CONTINUATION, _EN_EXCEPT)
    return hits, possible + len(_EN_DOUBLE.findall(text)), continued


def arabic_negation(text: str) -> tuple[list[re.Match], int, int]:
    hits, possible, continued = _count(text, _AR_NEG, _AR_NOT_NEG, _AR_POSSIBLE, _AR_CONTINUATION, _AR_EXCEPT)
    return hits, possible + len(_AR_LEXICAL.findall(text)), continued


def _spans(segs: tuple[Segment, ...], finder) -> tuple[list[Span], int, int]:
    """Spans of sure negators, and the possible ones (continuations included) as a number."""
    spans: list[Span] = []
    possible = 0
    for seg in segs:
        hits, n, continued = finder(seg.text)
        spans.extend(seg_span(seg, m.start(), m.end()) for m in hits)
        possible += n + continued
    return spans, len(spans), possible


class PolarityCheck(Check):
    name = "polarity"
    category = "accuracy/polarity"
    default_severity = Severity.CRITICAL

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if not pair.src or not pair.tgt:
            return []
        s_spans, s_sure, s_possible = _spans(pair.src, english_negation)
        t_spans, t_sure, t_possible = _spans(pair.tgt, arabic_negation)
        whole_src = seg_span(pair.src[0], 0, len(pair.src[0].text))
        whole_tgt = seg_span(pair.tgt[0], 0, len(pair.tgt[0].text))
        if s_sure and not t_sure and not t_possible:
            return [self.finding(
                f"The source is negative (“{s_spans[0].text}”) but the translation has no negation.",
                src_span=s_spans[0], tgt_span=whole_tgt,
                threshold=f"source negators {s_sure}, target negators 0 (none possible)")]
        if t_sure and not s_sure and not s_possible:
            return [self.finding(
                f"The translation is negative (“{t_spans[0].text}”) but the source has no negation.",
                src_span=whole_src, tgt_span=t_spans[0],
                threshold=f"target negators {t_sure}, source negators 0 (none possible)")]
        if s_sure > t_sure + t_possible:
            return [self.finding(
                f"The source has {s_sure} negations, the translation {t_sure}: a negated clause may be lost.",
                severity=Severity.MAJOR, src_span=s_spans[-1], tgt_span=t_spans[-1] if t_spans else whole_tgt,
                threshold=f"source negators {s_sure} > target negators {t_sure} + possible {t_possible}")]
        if t_sure > s_sure + s_possible:
            return [self.finding(
                f"The translation has {t_sure} negations, the source {s_sure}: a negation may be added.",
                severity=Severity.MAJOR, src_span=s_spans[-1] if s_spans else whole_src, tgt_span=t_spans[-1],
                threshold=f"target negators {t_sure} > source negators {s_sure} + possible {s_possible}")]
        return []
