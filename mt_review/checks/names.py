"""Names and terms accounted for: every name of the source is found in the target.

A *name* is an acronym or mixed-case term (``XMPP``, ``iPhone``, ``G20``) or a
capitalised word whose lower-case form is not an English common word (the
Debian ``wamerican`` list, :func:`mt_review.lexicon.english_words`; without
it, a capitalised word that does not start a sentence).  Consecutive name words
form one name ("STRIVE Cities", "Abu Bakr").

A name word is found when the target has it in Latin script, renders it
through the glossary, has one of its dictionary renderings (FreeDict
English-Arabic: Moses -> موسى, Egypt -> مصر), or has an Arabic word that
transliterates it (:mod:`mt_review.translit`: Jabir ~ جابر).  A name none of
whose words is found is **major** (dropped, or replaced by another name) when
there is evidence: a Latin name in the target that the source lacks (shown as
the replacement span), a Latin-style term, or a glossary/dictionary rendering
that is absent, or a name of three or more consonant classes; otherwise **minor** (it may be an exonym the dictionary lacks,
Saul ~ طالوت).  A name inside brackets is minor too: a gloss or an
abbreviation ("(i.e. Al-Madinah)", "(PPD)") that a good translation may leave
out -- unless another name stands in its place.  (Demoting a name the page renders in other pairs, as a
possible pronoun, was measured and dropped: it hid most dropped names.)

The reverse: an Arabic word that transliterates an English *common* word of
the source ("Honourable" -> الأونرابل) when the dictionary renders that word
otherwise (الفخامة) is **minor** (technical loanwords such as بكسل are common
in good Arabic, so it asks for a look rather than counting as an error), with
the dictionary's rendering suggested.
Loanwords the dictionary itself gives (democracy -> الديمقراطية) stay clean.
"""

from __future__ import annotations

import re
from itertools import pairwise

from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.checks.text import arabic_tokens, find_arabic_phrase, normalize_ar
from mt_review.lexicon import en_ar_dictionary, english_words
from mt_review.model import AlignedPair, Finding, Segment, Severity
from mt_review.translit import latin_skeleton, transliterates

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’.+][A-Za-z0-9]+)*")
_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(\[]\s*|\n\s*)$")
_ALWAYS_CAPITAL = {"i", "o", "ok", "mr", "mrs", "ms", "dr", "st", "jr", "sr"}
_MISSING = "every source name found in the target (Latin, transliteration, glossary, dictionary)"
MIN_COMMON_LETTERS = 6
MIN_AFFIXED = 4  # a single-word rendering this long is also found inside a word with affixes ...
MAX_AFFIX = 2  # ... of at most this many letters (تالله "by Allah", اللهم "O Allah")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
DISTINCT_CLASSES = 3  # a name of this many consonant classes is distinctive enough to expect it  # a transliterated common word must be this long to be judged


def _is_term(token: str) -> bool:
    """Acronym, mixed case or letters with digits: a term whatever the word list says."""
    core = token.replace("'", "").replace("’", "")
    upper = sum(c.isupper() for c in core)
    return (upper >= 2 and (upper == sum(c.isalpha() for c in core) or not core[0].isupper())
            or (any(c.isdigit() for c in core) and any(c.isalpha() for c in core)))


def _in_brackets(text: str, at: int) -> bool:
    """Inside (...) or [...]: an explanation or abbreviation that a translation may leave out."""
    return text.count("(", 0, at) > text.count(")", 0, at) or text.count("[", 0, at) > text.count("]", 0, at)


def _possessive(token: str) -> str:
    return re.sub(r"['’]s$", "", token)


_DERIVED = ("ers", "er", "ed", "ing", "ly", "ness", "hood", "ship")  # Knower, Acquainted: common words capitalised


def _is_common(word: str, common: frozenset[str]) -> bool:
    """An English common word: in the word list (British -our spelt -or too, derived forms too),
    or a dictionary headword whose Arabic rendering is a translation, not a transliteration."""
    word = word.replace("’", "'")
    variants = {word, re.sub("our", "or", word)}
    if variants & common or any(p in common for p in word.split("-") if p):
        return True
    if any(word.endswith(suf) and (word[:-len(suf)] in common or word[:-len(suf)] + "e" in common)
           for suf in _DERIVED if len(word) - len(suf) >= 3):
        return True
    dictionary = en_ar_dictionary()
    renderings = dictionary.arabic(word) if dictionary is not None else []
    return bool(renderings) and not any(transliterates(word, r.split()[-1]) for r in renderings)


_CAPS_NOT_NAMES = 4  # an all-caps common word this short is UI emphasis (TRUE, ID, NULL), not a name


def _caps_emphasis(word: str, common: frozenset[str]) -> bool:
    """An all-caps common word written for emphasis (TRUE, NULL, DOWNGRADED), not an acronym
    (STRIVE): short, or an inflected form."""
    low = word.lower()
    if not _is_common(low, common):
        return False
    return len(word) <= _CAPS_NOT_NAMES or low.endswith(("ed", "ing", "s")) or low in common and len(word) > 8


def source_names(text: str) -> list[list[tuple[str, int, int]]]:
    """Names of an English text as lists of (word, start, end), consecutive words grouped."""
    common = english_words()
    groups: list[list[tuple[str, int, int]]] = []
    last_end = -10
    for m in _TOKEN.finditer(text):
        word = _possessive(m.group())
        if len(word) < 2 or word.lower() in _ALWAYS_CAPITAL or (len(word) <= 2 and not word.isupper()):
            last_end = -10
            continue
        name = _is_term(word) and not (common is not None and word.isupper() and _caps_emphasis(word, common))
        if not name and word[0].isupper():
            if common is not None:
                name = not _is_common(word.lower(), common)
            else:
                name = not _SENTENCE_START.search(text[:m.start()])
        if not name:
            last_end = -10
            continue
        if groups and text[last_end:m.start()].strip(" -") == "" and m.start() - last_end <= 2:
            groups[-1].append((word, m.start(), m.start() + len(word)))
        else:
            groups.append([(word, m.start(), m.start() + len(word))])
        last_end = m.end()
    return groups


class NamesCheck(Check):
    name = "names"
    category = "accuracy/named-entity"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if not pair.src or not pair.tgt:
            return []
        tgt_text = pair.tgt_text.translate(_AR_DIGITS)
        tgt_latin = {w.lower() for w in _TOKEN.findall(tgt_text)}
        tgt_words = [w for w, _, _ in arabic_tokens(tgt_text)]
        out: list[Finding] = []
        accounted: set[str] = set()  # Arabic words that render some source name
        src_latin: set[str] = set()
        missing: list[tuple[Segment, list[tuple[str, int, int]]]] = []
        for seg in pair.src:
            for group in source_names(seg.text):
                src_latin.update(w.lower() for w, _, _ in group)
                found = [self._found(w, tgt_text, tgt_latin, tgt_words, accounted, ctx) for w, _, _ in group]
                whole = " ".join(w for w, _, _ in group)
                if not any(found) and not self._found(whole, tgt_text, tgt_latin, tgt_words, accounted, ctx):
                    missing.append((seg, group))
        for seg, group in missing:
            start, end = group[0][1], group[-1][2]
            name = seg.text[start:end]
            replacement = self._replacement(pair, src_latin)
            # evidence: a stand-in, a Latin-style term, or a rendering we know and did not find;
            # a plain capitalised name we cannot render may be an exonym (Saul ~ طالوت): minor
            # without the word list a capitalised word may be a common word (the Prophet): minor
            distinct = english_words() is not None
            known = (replacement is not None or any(_is_term(w) for w, _, _ in group)
                     or any(self._renderings(w, ctx) or (distinct and len(latin_skeleton(w)) >= DISTINCT_CLASSES)
                            for w, _, _ in group))
            # "(i.e. Al-Madinah)", "(PPD)": a gloss the target may omit, unless another name stands in its place
            glossed = replacement is None and _in_brackets(seg.text, start)
            out.append(self.finding(
                severity=Severity.MAJOR if known and not glossed else Severity.MINOR,
                message=f"The name or term “{name}” of the source is not in the translation "
                "(not kept in Latin script, transliterated, nor rendered through the glossary or dictionary)"
                + (": another name stands in its place." if replacement is not None else "."),
                src_span=seg_span(seg, start, end),
                tgt_span=replacement or self._whole_target(pair),
                threshold=_MISSING + ("; inside brackets: a gloss, minor" if glossed else ""),
            ))
        out.extend(self._transliterated_common_words(pair, accounted))
        return out

    # -- finding a name in the target

    def _found(self, word: str, tgt_text: str, tgt_latin: set[str], tgt_words: list[str],
               accounted: set[str], ctx: CheckContext) -> bool:
        if word.lower() in tgt_latin or (" " in word and word.lower() in tgt_text.lower()):
            return True
        if _PLURAL_ACRONYM.fullmatch(word) and self._found(word[:-1], tgt_text, tgt_latin, tgt_words, accounted, ctx):
            return True  # CDs: the singular's rendering (الأقراص المدمجة) or the acronym itself
        for r in self._renderings(word, ctx):
            if r and find_arabic_phrase(tgt_text, r):
                accounted.update(r.split())
                return True
            core = normalize_ar(r)
            if " " not in r and len(core) >= MIN_AFFIXED:  # تالله (by Allah), اللهم (O Allah): affixed forms
                hit = next((w for w in tgt_words if core in normalize_ar(w) and len(w) - len(r) <= MAX_AFFIX), None)
                if hit is not None:
                    accounted.add(hit)
                    return True
        if " " in word:
            return False
        for w in tgt_words:
            if transliterates(word, w):
                accounted.add(w)
                return True
        for a, b in pairwise(tgt_words):  # Bismillah ~ بسم الله
            if transliterates(word, a + b):
                accounted.update((a, b))
                return True
        return False

    @staticmethod
    def _renderings(word: str, ctx: CheckContext) -> list[str]:
        """Arabic renderings of a source word from the glossary and the dictionary."""
        renderings: list[str] = []
        if ctx.glossary is not None:
            entry = ctx.glossary.lookup(word)
            if entry is not None:
                renderings.extend(entry.ar)
        dictionary = en_ar_dictionary()
        if dictionary is not None:
            renderings.extend(dictionary.arabic(word))
        return renderings

    @staticmethod
    def _whole_target(pair: AlignedPair):
        t = pair.tgt[0]
        return seg_span(t, 0, len(t.text))

    @staticmethod
    def _replacement(pair: AlignedPair, src_latin: set[str]):
        """A Latin name in the target that the source does not have (the stand-in)."""
        for seg in pair.tgt:
            for m in _TOKEN.finditer(seg.text):
                word = _possessive(m.group())
                if word.lower() not in src_latin and (word[0].isupper() or _is_term(word)):
                    return seg_span(seg, m.start(), m.start() + len(word))
        return None

    # -- the reverse: a common word transliterated instead of translated

    def _transliterated_common_words(self, pair: AlignedPair, accounted: set[str]) -> list[Finding]:
        common, dictionary = english_words(), en_ar_dictionary()
        if common is None or dictionary is None:
            return []
        candidates = {w.lower() for seg in pair.src for w in _TOKEN.findall(seg.text)
                      if len(w) >= MIN_COMMON_LETTERS and _is_common(w.lower(), common)}
        if not candidates:
            return []
        out = []
        for seg in pair.tgt:
            for word, start, end in arabic_tokens(seg.text):
                if word in accounted or len(word) < MIN_COMMON_LETTERS - 1:
                    continue
                for en in sorted(candidates):
                    if not transliterates(en, word, exact=True):
                        continue
                    renderings = dictionary.arabic(en)
                    if not renderings or any(transliterates(en, r.split()[-1]) or r == word for r in renderings):
                        continue  # no dictionary rendering, or the dictionary itself borrows the word
                    src_seg, s, e = next((sg, m.start(), m.end()) for sg in pair.src
                                         for m in _TOKEN.finditer(sg.text) if m.group().lower() == en)
                    out.append(self.finding(
                        severity=Severity.MINOR,
                        message=f"“{word}” transliterates the English word “{src_seg.text[s:e]}” instead of translating it.",
                        src_span=seg_span(src_seg, s, e), tgt_span=seg_span(seg, start, end),
                        threshold="a common English word is translated, not transliterated (FreeDict has a rendering)",
                        suggestion=" / ".join(renderings[:3]),
                    ))
                    break
        return out
