"""Truncation: a translation that stops before its source does.

Works when the source has no final punctuation (headings, verses, UI text),
where "the source ends with a full stop, the target does not" cannot tell:

* the target ends on a word that cannot end an Arabic clause (a preposition,
  a conjunction, a relative pronoun, a particle that needs a verb or noun: في، من،
  على، أن، الذي، و، قد، لم، إلا، كل، يتم ...; also with a proclitic: ومن، لكل), or on a
  lone letter (a word cut in two; not one right after a number, an abbreviation: ٤ م "4 pm")
  while the source does not end on one (**major**) -- unless
  the preposition's object is the source's final quoted literal or Latin token, which the
  target has elsewhere (written left to right, moved away from the end: "Documents" ... إلى),
  or the source ends on "me" and the preposition (إلى، على، في) can be read with the first-person
  pronoun (إليّ "to me", spelt إلى without the ya's dots);
* the target ends with an ellipsis, or with a comma or semicolon, that the
  source does not have (**major**);
* the source ends a sentence (. ! ?) and the target stops without any final mark while
  it is short for its source (ratio under ``UNENDED_SHORT`` × the page's yardstick):
  a translation cut off mid-sentence (**major**); on a page whose other targets often drop
  the final mark (kept in under ``MARK_KEPT`` of its sentence-ending pairs) a missing mark is
  weak evidence, and the ratio must be under ``UNENDED_SHORT_UNMARKED`` instead; when the pair's
  word-order chain (``coverage.word_order``, ``REACHED_ANCHORS`` anchors or more; sources of
  ``LENGTH_BANDS[0]`` letters or more) leaves no source word
  the dictionary judges after its last anchor, the target renders its source to the last word and the
  finding is **minor**: a cut at 40-65 % leaves the source's tail unrendered, a complete sentence without
  its full stop (WordPress strings) does not;
* a link of several source sentences to one target sentence whose target
  length fits the source *without its last sentence* and is short for the
  whole (the last sentence lost inside a 2-1 link, **major**), judged against
  the same local length yardstick as the omission check.
"""

from __future__ import annotations

import re

from mt_review import coverage
from mt_review.align.clauses import CLAUSE_PROCLITICS, OPENS_CLAUSE
from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.checks.omission import LENGTH_BANDS, SHORT_MINOR, _chars, page_ratios
from mt_review.model import AlignedPair, Finding, Severity

# the words that open a clause (the aligner's list: a sentence boundary never falls after one), and what
# else cannot end a target: كل, and auxiliaries that need the verbal noun after them (يتم حفظ "is saved");
# تم alone is "Done"
_DANGLING_AR = OPENS_CLAUSE | {"كل", "يتم", "سيتم"}
_PROCLITICS = CLAUSE_PROCLITICS  # و/ف/ب/ل/ك joined to a dangling word (ومن، فإذا، بمن، لكل) leave it dangling


# words of their own that read as a proclitic on a dangling word: كان "was" is not ك + ان "like that",
# بان "appeared" not ب + ان; كان is judged on its own (:func:`_open_kana`)
_WHOLE_WORDS = frozenset({"كان", "بان"})
# before a final كان: "whatever" (لأي غرض كان "for any purpose", أيا كان، مهما كان) or "as it was" (كما كان)
_KANA_COMPLETE = frozenset({"أي", "لأي", "بأي", "وأي", "أيا", "مهما", "كما", "وكما"})
_AR_WORD = re.compile(r"[\u0621-\u064a]+")


def _open_kana(text: str, start: int, word: str) -> bool:
    """A final كان / كانت without its predicate (فيما إذا كان) leaves the clause open, unless one of the two
    words before it makes it complete: "whatever" (لأي غرض كان, أيا كان, مهما كان) or "as it was" (كما كان)."""
    if word not in ("كان", "كانت", "وكان", "وكانت"):
        return False
    before = [_STRIP_MARKS.sub("", w).replace("ً", "") for w in _AR_WORD.findall(_STRIP_MARKS.sub("", text[:start]))[-2:]]
    return not any(w in _KANA_COMPLETE for w in before)


def _dangling(word: str, source_last: str = "") -> bool:
    """A word that cannot end an Arabic clause, alone or with one proclitic; or a lone letter
    other than و (a word cut in two: "غير مُ") unless the source too ends on one letter (axis x: س)."""
    if len(word) == 1 and _is_arabic(word) and len(source_last) != 1:
        return True
    return word in _DANGLING_AR or (len(word) >= 3 and word[0] in _PROCLITICS and word[1:] in _DANGLING_AR
                                    and word not in _WHOLE_WORDS)


# a number just before the last word: digits of any script, with an optional separator or percent sign
_NUMBER_BEFORE = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9][0-9\u0660-\u0669\u06f0-\u06f9.,:٫٬%]*\s*$")


# a letter and a dot just before the last letter: the letters of an abbreviation (غ.ب "GB", ق.م "BC")
_ABBREVIATION_BEFORE = re.compile(r"(?<![\u0621-\u064a])[\u0621-\u064a]\.$")


def _unit_after_number(text: str, start: int, word: str) -> bool:
    """A lone letter right after a number is an abbreviation (٤ م "4 pm", ١٠ ص "10 am", ٥ ك "5 k"),
    not a word cut in two; so is one right after a lone letter and a dot (٤ غ.ب "4 GB", ق.م "BC")."""
    return len(word) == 1 and (bool(_NUMBER_BEFORE.search(text[:start])) or bool(_ABBREVIATION_BEFORE.search(text[:start])))


def _adverb_even(text: str, end: int, word: str) -> bool:
    """حتى right before a full stop (or ! ؟) is the adverb "even" closing the sentence ("... أو لشجرة ملفات
    كاملة حتى."): a cut translation stops on the preposition without closing the sentence."""
    return word in ("حتى", "وحتى") and bool(re.match(r"\s*[.!?؟]", text[end:]))


_PREPOSITIONS = {"على", "في", "من", "إلى", "الى"}
# the source's last item: a quoted literal or a Latin token (a file name, a value, a placeholder)
_SRC_LITERAL = re.compile(r"(?:\"([^\"]+)\"|“([^”]+)”|'([^']+)'|([A-Za-z0-9_%${}./:-]*[A-Za-z0-9_%}]))[.!?:]?\s*$")


def _literal_moved(src: str, tgt: str, last: str) -> bool:
    """The target ends on a preposition (على، في، من، إلى) whose object is the source's final
    quoted literal or Latin token, which the target has elsewhere: written left-to-right, it
    was moved away from the end (إلى ... "Documents"), not cut off."""
    if last not in _PREPOSITIONS:
        return False
    m = _SRC_LITERAL.search(src)
    if m is None:
        return False
    literal = next(g for g in m.groups() if g)
    if not re.search(r"[A-Za-z0-9%$]", literal) and not m.group(1) and not m.group(2) and not m.group(3):
        return False
    return literal in tgt


# على، إلى، في written for عليّ، إليّ، فيّ ("on me", "to me", "in me"): text without the dots of
# ya (or with alif maqsura for it) spells the preposition with the first-person pronoun the same way
_ME_PREPOSITIONS = {"على", "إلى", "الى", "في"}


def _first_person(last: str, source_last: str) -> bool:
    """The target's final preposition may carry "me" (إلى for إليّ) when the source ends on "me":
    the clause is complete, not cut after its preposition."""
    return last in _ME_PREPOSITIONS and source_last == "me"


def _is_arabic(word: str) -> bool:
    return "\u0621" <= word[0] <= "\u064a"


_DANGLING_EN = {"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "but", "from",
                "that", "which", "who", "whose", "if", "than", "as", "into", "upon", "is", "are", "was", "not"}
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640"
# starts only where a word starts and never gives characters back: linear on a 100 kB "word"
_LAST_WORD = re.compile(rf"(?<![\w{_MARKS}])([\w{_MARKS}]++)[^\w{_MARKS}]*+$")
_STRIP_MARKS = re.compile(f"[{_MARKS}]")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*[\"'»”)]*\s*$")
_CONTINUES = re.compile(r"[،؛,;]\s*$")  # a comma or semicolon that leaves the sentence open
_SRC_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_TGT_END = re.compile(r"[.!?؟…:؛\"'”’»)\]]\s*$")
UNENDED_SHORT = 0.85  # tuning halves: clean pairs ending unpunctuated this short: 0-0.3 %
# a page whose translations often drop the final mark the source has (UI catalogues: a quarter of the clean
# pairs) makes a missing mark weak evidence: there the length alone must be short, as a cut leaves it
MARK_KEPT = 0.8  # share of the page's other sentence-ending pairs whose target keeps a final mark ...
MARK_KEPT_MIN = 3  # ... judged on this many of them (fewer: the page is taken to keep its marks)
UNENDED_SHORT_UNMARKED = 0.7  # the ratio factor on a page below MARK_KEPT
REACHED_ANCHORS = 2  # anchors of the word-order chain before "the target reaches the source's end" is read (one is
#                      chance: tuning halves, the cut "... تواصل مع مستضيفك حت" has a single anchor and no word after it)
FITS_WITHOUT_LAST = 0.35  # the target fits the source minus its last sentence within this (a clean pair's usual spread)


class TruncationCheck(Check):
    name = "truncation"
    category = "accuracy/truncation"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if not pair.src or not pair.tgt:
            return []
        last_t, last_s = pair.tgt[-1], pair.src[-1]
        t_word = _LAST_WORD.search(last_t.text)
        s_word = _LAST_WORD.search(last_s.text)
        s_last = s_word.group(1).lower() if s_word else ""
        t_last = _STRIP_MARKS.sub("", t_word.group(1)) if t_word else ""
        if (t_word and (_dangling(t_last, s_last) or _open_kana(last_t.text, t_word.start(1), t_last))
                and s_last not in _DANGLING_EN
                and not _unit_after_number(last_t.text, t_word.start(1), t_last)
                and not _adverb_even(last_t.text, t_word.end(1), t_last)
                and not _literal_moved(last_s.text, pair.tgt_text, t_last)
                and not _first_person(t_last, s_last)):
            return [self.finding(
                f"The translation stops on “{t_word.group(1)}”, a word that cannot end a sentence: it is cut short.",
                src_span=seg_span(last_s, 0, len(last_s.text)),
                tgt_span=seg_span(last_t, t_word.start(1), t_word.end(1)),
                threshold="target ends on a preposition, conjunction or relative pronoun; the source does not")]
        cont = _CONTINUES.search(last_t.text)
        if cont and not _CONTINUES.search(last_s.text):
            return [self.finding(
                f"The translation ends on “{cont.group().strip()}”, a mark that continues the sentence: it is cut short.",
                src_span=seg_span(last_s, 0, len(last_s.text)),
                tgt_span=seg_span(last_t, cont.start(), cont.start() + len(cont.group().strip())),
                threshold="target ends with a comma or semicolon; the source does not")]
        ell = _ELLIPSIS.search(last_t.text)
        if ell and not _ELLIPSIS.search(last_s.text):
            return [self.finding(
                "The translation ends with an ellipsis the source does not have: it is cut short.",
                src_span=seg_span(last_s, 0, len(last_s.text)),
                tgt_span=seg_span(last_t, ell.start(), ell.end()),
                threshold="ellipsis at the end of the target only")]
        return []

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        out = {i: self.run(p, ctx) for i, p in enumerate(ctx.pairs)}
        ratios, refs = page_ratios(ctx)
        ends = _sentence_ends(ctx)
        n_ending, n_kept = len(ends), sum(ends.values())
        for i, r in ratios.items():
            pair = ctx.pairs[i]
            if out[i]:
                continue
            ref, kind = refs[i]
            if i in ends:  # the page's other sentence-ending pairs: how often their targets keep a mark
                others, kept = n_ending - 1, n_kept - ends[i]
            else:
                others, kept = n_ending, n_kept
            short = UNENDED_SHORT_UNMARKED if others >= MARK_KEPT_MIN and kept < MARK_KEPT * others else UNENDED_SHORT
            if r / ref < short and _SRC_END.search(pair.src[-1].text) and not _TGT_END.search(pair.tgt[-1].text):
                last_t = pair.tgt[-1]
                t_word = _LAST_WORD.search(last_t.text)
                at = (t_word.start(1), t_word.end(1)) if t_word else (0, len(last_t.text))
                reached = _reaches_source_end(pair)
                out[i].append(self.finding(
                    "The source ends its sentence, the translation stops without one and is short: it is cut off."
                    if reached is None else
                    "The source ends its sentence, the translation stops without one and is short, but it renders "
                    "the source to its last word: a missing full stop more likely than a cut.",
                    severity=Severity.MAJOR if reached is None else Severity.MINOR,
                    src_span=seg_span(pair.src[-1], 0, len(pair.src[-1].text)), tgt_span=seg_span(last_t, *at),
                    threshold=f"target has no final mark the source has; length ratio {r:.2f} < {kind} {ref:.2f} × "
                              f"{short} (the page's other targets keep a final mark in {kept} of {others})"
                              + (reached or "")))
                continue
            if len(pair.src) < 2:
                continue
            t = _chars(pair.tgt_text)
            without_last = sum(_chars(s.text) for s in pair.src[:-1])
            if without_last == 0 or r / ref >= SHORT_MINOR:
                continue
            fit = (t / without_last) / ref
            if abs(fit - 1) <= FITS_WITHOUT_LAST:
                last = pair.src[-1]
                out[i].append(self.finding(
                    f"The translation covers the first {len(pair.src) - 1} of {len(pair.src)} source sentences "
                    "by length: the last one seems lost.",
                    category="accuracy/omission",
                    src_span=seg_span(last, 0, len(last.text)), tgt_span=seg_span(pair.tgt[-1], 0, len(pair.tgt[-1].text)),
                    threshold=f"length ratio {r:.2f} < {kind} {ref:.2f} × {SHORT_MINOR}; without the last source "
                              f"sentence {t / without_last:.2f} (within {FITS_WITHOUT_LAST:.0%})"))
        return out


def _reaches_source_end(pair: AlignedPair) -> str | None:
    """Why an unpunctuated, short target still reaches its source's end: its word-order chain
    (:func:`coverage.word_order`) has ``REACHED_ANCHORS``+ anchors and no source word the dictionary
    judges lies after the last one unrendered (:func:`coverage.facing_source` over the target's end).
    A cut leaves the source's tail with nothing across from it; None when the chain does not reach, or when
    the source is a short string (< ``LENGTH_BANDS[0]`` letters: too few anchors for their order to tell, as in
    ``addition._renders_unread``; tuning half, seeds 3-5: a cut "You must choose a shorter password." = يجب عليك
    اختيار كلمة reached "password" through كلمة)."""
    if _chars(pair.src_text) < LENGTH_BANDS[0]:
        return None
    n = len(pair.tgt_text)
    facing = coverage.facing_source(pair.src_text, pair.tgt_text, n, n)
    if facing.before < REACHED_ANCHORS or facing.unread > 0:
        return None
    return (f"; but the target renders the source to its end ({facing.before} anchors of the word order, "
            f">= {REACHED_ANCHORS}; no judged source word after the last one): minor")


def _sentence_ends(ctx: CheckContext) -> dict[int, bool]:
    """Per pair whose source ends a sentence (. ! ?): whether its target ends with a mark too."""
    return {i: bool(_TGT_END.search(p.tgt[-1].text)) for i, p in enumerate(ctx.pairs)
            if p.src and p.tgt and _SRC_END.search(p.src[-1].text)}
