"""What an English text and an Arabic text share, without a translation model.

Evidence that a target translates a source: numbers and Latin tokens both
have, source names the target transliterates, and source content words whose
FreeDict renderings appear in the target (Arabic compared through
:func:`mt_review.checks.text.word_forms`, which strips clitics and pronoun
suffixes).  The dictionary finds only part of a good translation's words
(a quarter to a half on the benchmark's human pairs), so the score is used to
*compare* a target's fit to its own source with its fit to other sources.
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]  # (no stubs; BSD-3-Clause, pure Python)

from mt_review import wordnet
from mt_review.checks.text import arabic_words, normalize_ar, word_forms
from mt_review.langid import EN_FUNCTION_WORDS, EN_WORD
from mt_review.lexicon import DICTD_DIR, EnArDictionary, _kept_set, en_ar_dictionary, plain
from mt_review.translit import arabic_skeletons, latin_skeletons

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9.+#_-]*[A-Za-z0-9+#]")
_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
            ("ly", ""), ("er", ""))


def _rendering_words(word: str) -> set[str]:
    """The Arabic words of an English word's dictionary renderings (its base forms' too)."""
    dictionary = en_ar_dictionary()
    if dictionary is None:
        return set()
    bases = {word}
    for end, repl in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            bases.add(word[: -len(end)] + repl)
    return {token for base in bases for r in dictionary.arabic(base) for token in r.split()}


@lru_cache(maxsize=32768)
def renderings(word: str) -> frozenset[str]:
    """Comparable Arabic forms of an English word's dictionary renderings (its base forms too)."""
    out: set[str] = set()
    for token in _rendering_words(word):
        whole = normalize_ar(token)
        out |= {f for f in word_forms(token) if len(f) >= 3 or f == whole}
    return frozenset(out)


def _is_verb(word: str) -> bool:
    """Whether WordNet knows an English word as a verb (or a verb's inflected form)."""
    return any(pos == "verb" for pos, _ in wordnet.lemmas(word))


_WASL = "اإ"  # the dictionary writes hamzat al-wasl of an imperative (اِسمع) as ا or إ
_IMPERFECT = "يتن"  # he / she or you / we: the imperfect's prefixes (أ, I, is the imperative's own spelling)


@lru_cache(maxsize=32768)
def imperative_forms(token: str) -> frozenset[str]:
    """The perfect and imperfect forms of an Arabic verb the dictionary gives as an imperative, by the
    shape of the imperative (comparison form; empty for a word of another shape).

    FreeDict eng-ara renders many verbs by the imperative (hear -> إسمع, write -> اكتب, say -> قل),
    which running text seldom uses: it has سمع / يسمع, كتب / يكتب, قال / يقول.  By morphology:

    * hamzat al-wasl (ا / إ) + 3 letters, form I: the perfect drops it (اكتب -> كتب), the imperfect
      takes a prefix in its place (يكتب, تكتب, نكتب);
    * ا / إ + 4 letters or more (forms VII, VIII, X: اعتمد, استخدم): the perfect is the imperative;
      the imperfect replaces the alef (يعتمد); the verbal noun puts ا before the last letter (اعتماد);
    * أ + 3 letters (form IV: أرسل): the perfect is the imperative; the imperfect replaces أ (يرسل);
      the verbal noun is إفعال (إرسال);
    * a hamzat al-wasl + 2 letters (a defective verb, its last radical dropped: ادع, امش; أعط in
      form IV): the perfect ends in ا / ى (دعا, مشى, أعطى), the imperfect in و / ي / ى (يدعو, يمشي);

    Read on the rendering side only (:func:`stemmed_renderings`), for an English word WordNet knows
    as a verb.  Measured on the
    tuning halves (``benchmarks/forms_bench.py --renderings``): 31 / 92 more words found in their own
    targets, 1 / 1 more in random ones (catalogues / prose).  A two-letter imperative (a hollow verb,
    قل -> قال / يقول, or an assimilated one, صل -> وصل) was measured and left out: two letters give
    ten candidate forms, some of them other common words (اقل, نقل), and it cost prose clean pairs.
    """
    t = plain(token)
    if not t or not all("\u0621" <= ch <= "\u064a" for ch in t) or t.startswith("ال"):
        return frozenset()
    out: set[str] = set()
    n = len(t)
    if n >= 4 and t[0] in _WASL:
        rest = t[1:]
        out |= {p + rest for p in _IMPERFECT}
        out.add(rest if n == 4 else t[:-1] + "ا" + t[-1])
    elif n == 4 and t[0] == "أ":
        rest = t[1:]
        out |= {p + rest for p in _IMPERFECT}
        out.add("ا" + rest[:-1] + "ا" + rest[-1])
    elif n == 3 and t[0] in _WASL + "أ":
        s = t[1:]
        out |= {s + "ا", s + "ى"} | {p + s + end for p in _IMPERFECT for end in "ويى"}
        if t[0] == "أ":
            out.add("أ" + s + "ى")
    return frozenset(normalize_ar(f) for f in out)


@lru_cache(maxsize=32768)
def stemmed_renderings(word: str) -> frozenset[str]:
    """:func:`renderings`, their light stems, the rendering words' :func:`snowball_stem` and, of a
    verb (WordNet), the perfect and imperfect of a rendering given as an imperative
    (:func:`imperative_forms`; not in :func:`renderings`, which the aligner reads: there they moved
    2 prose links of 450 the wrong way and 2 catalogue links of 720 the right way),
    compared here with a target's :func:`_forms` (the aligner compares the plain renderings with
    plain word forms).  Cached: the cached :func:`source` of every text then shares one set per
    word instead of holding its own copy."""
    plain = renderings(word)
    tokens = _rendering_words(word)
    stems = {snowball_stem(token) for token in tokens} - {""}
    if _is_verb(word):
        stems |= {f for token in tokens for f in imperative_forms(token)}
    return plain | frozenset(light_stem(f) for f in plain) | stems


_LIGHT_ENDINGS = (("يه", "ي"), ("ات", ""), ("ين", ""), ("ون", ""), ("ه", ""))


def light_stem(form: str) -> str:
    """A word form without one feminine or sound-plural ending (معروضه -> معروض, مخفيه -> مخفي,
    ملفات -> ملف), when three letters remain: both sides of a comparison are stemmed alike."""
    for end, repl in _LIGHT_ENDINGS:
        if form.endswith(end) and len(form) - len(end) + len(repl) >= 3:
            return form[: -len(end)] + repl
    return form


@lru_cache(maxsize=65536)
def snowball_stem(word: str) -> str:
    """An Arabic word's stem by the Snowball Arabic stemmer (BSD-3-Clause, pure Python), in the
    comparison form; "" when under three letters.

    It takes off what the hand-written forms leave: verb endings (ضربوا, ظلمتم, يسمعون -> ضرب,
    ظلم, يسمع), the energetic ن (تكونن -> تكون), the future س under a conjunction and stacked
    pronouns (فسيكفيكهم -> سيكف).  Measured on the tuning halves (``benchmarks/forms_bench.py``):
    of the dictionary's words, it finds 57 more in their own targets and none more in random ones
    on catalogues, 120 more and 2 more on prose; the other light stemmers measured find more in
    random targets for what they gain, or are GPL, or a thousand times slower.
    """
    with _SNOWBALL_LOCK:  # the stemmer keeps the word being stemmed on itself
        stem = normalize_ar(_snowball()(normalize_ar(word, fold_teh_marbuta=False)))
    return stem if len(stem) >= 3 else ""


_SNOWBALL_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _snowball() -> Callable[[str], str]:
    """The Snowball Arabic stemmer's one-word call, the stemmer made once."""
    stem: Callable[[str], str] = snowballstemmer.stemmer("arabic").stemWord
    return stem


def _forms(word: str) -> frozenset[str]:
    """The comparable forms of an Arabic word: :func:`word_forms`, their light stems and the
    word's :func:`snowball_stem` (both sides of a comparison take the same forms: renderings
    through :func:`stemmed_renderings`); of a word in Qur'anic spelling, its modern spellings' too
    (:func:`classical_spellings`)."""
    forms = word_forms(word)
    stem = snowball_stem(word)
    out = forms | {light_stem(f) for f in forms} | ({stem} if stem else set())
    if _CLASSICAL.search(word):
        for variant in classical_spellings(word):
            forms = word_forms(variant)
            stem = snowball_stem(variant)
            out |= forms | {light_stem(f) for f in forms} | ({stem} if stem else set())
    return out


_CLASSICAL = re.compile("\u0670|\u0649[\u0621-\u064a]|[\u0621-\u0626\u0628-\u0647\u0649-\u064a]\u0621[\u0621-\u064a]")


_INNER_HAMZA = re.compile("([\u0621-\u0626\u0628-\u0647\u0649-\u064a])\u0621(?=[\u0621-\u064a])")  # not after ا / و


@lru_cache(maxsize=4096)
def classical_spellings(word: str) -> tuple[str, ...]:
    """Modern spellings of an Arabic word written as the Qur'an's (Uthmani) text writes it, where the
    comparison form (:func:`normalize_ar`, which drops the dagger alef and leaves ء alone) does not
    reach them; each is *another* form of the word, never in place of it:

    * a dagger alef is a long ā that modern spelling mostly writes in full: الكتٰب -> الكتاب,
      العٰلمين -> العالمين (where it does not, هٰذا, ذٰلك, the word without it stays a form);
    * ى inside a word is an alef before a suffix: اصطفىه -> اصطفاه, هدىهم -> هداهم;
    * ء between two letters sits on a seat in modern spelling: يستهزءون -> يستهزئون,
      أفرءيتم -> أفرأيتم (both seats are tried; not after ا or و, where modern spelling keeps it
      on the line: قراءة, مروءة).

    Measured on the tuning halves (``benchmarks/forms_bench.py``): prose +4 words found in their own
    targets, none more in random ones (the benchmark's Qur'an has its dagger alefs already written
    out); catalogues unchanged.  Two other Uthmani spellings were measured and left out: the single
    lam of الليل (اليل: +8 true, +5 random, since ال + ل... makes a form of every article word) and a
    vocative يا joined to its noun (ياقوم: +1, and يا opens ordinary words: ياقوت, يابس)."""
    word = re.sub("[\u064b-\u065f\u0610-\u061a\u06d6-\u06ed\u0640]", "", word)  # harakat, marks, tatweel
    out: list[str] = []
    if "\u0670" in word:
        out.append(word.replace("\u0670", "ا"))
    if "ى" in word[:-1]:
        out.append(word[:-1].replace("ى", "ا") + word[-1])
    if _INNER_HAMZA.search(word):
        for seat in "ئأ":
            out.append(_INNER_HAMZA.sub("\\g<1>" + seat, word))
    return tuple(v for v in out if v != word)


def _deep_forms(word: str) -> frozenset[str]:
    """:func:`_forms`, and without an accusative alef (كبيرا -> كبير) or an imperfect prefix
    (يعرض -> عرض), which the dictionary's citation forms never have: used where a target word is
    accounted for (so a rendered word is not taken for an added one)."""
    forms = set(_forms(word))
    forms |= {f[:-1] for f in forms if len(f) >= 4 and f.endswith("ا")}
    forms |= {f[1:] for f in forms if len(f) >= 4 and f[0] in "يتن"}
    return frozenset(forms)


_ROOT_PREFIXES = ("است", "ست", "م", "ت", "ي", "ن", "ا")  # derivational / imperfect prefixes (مسموح, يستخدم)
_ROOT_SUFFIXES = ("ات", "ون", "ين", "ان", "يه", "ه")  # plural, dual, nisba and feminine endings


@lru_cache(maxsize=65536)
def root_keys(form: str) -> frozenset[str]:
    """Three-letter keys of an Arabic word form: without one ending, up to two derivational prefixes
    and its inner long vowels (ا و ي), where exactly three letters remain (مسموح / سمح -> سمح,
    اختيار / مختار -> ختر, متعارضه / تعارض -> عرض).  A crude root: it tells that two words may share
    one, never that they do."""
    cands = {form} | {form[: -len(e)] for e in _ROOT_SUFFIXES if form.endswith(e) and len(form) - len(e) >= 3}
    for _ in range(2):
        cands |= {c[len(p):] for c in cands for p in _ROOT_PREFIXES if c.startswith(p) and len(c) - len(p) >= 3}
    keys = {c[0] + re.sub("[اوي]", "", c[1:]) for c in cands}
    return frozenset(k for k in keys if len(k) == 3)


@lru_cache(maxsize=32768)
def loose_renderings(word: str) -> frozenset[str]:
    """Every form an English word's renderings may take in a target: :func:`stemmed_renderings`, the
    two-letter forms :func:`renderings` leaves out (الزر -> زر, الدم -> دم) and the :func:`root_keys`
    of all of them (prefixed ``√``).  Only for "shares nothing at all": a looser match can only make
    a pair share more."""
    dictionary = en_ar_dictionary()
    out = set(stemmed_renderings(word))
    if dictionary is not None:
        for r in dictionary.arabic(word):
            for token in r.split():
                out |= {f for f in word_forms(token) if len(f) == 2}
    return frozenset(out | {"√" + k for f in out for k in root_keys(f)})


def loose_forms(arabic: str) -> frozenset[str]:
    """An Arabic text's :func:`_forms` and their :func:`root_keys` (prefixed ``√``), to meet
    :func:`loose_renderings`."""
    out: set[str] = set()
    for w, _, _ in arabic_words(arabic.translate(_AR_DIGITS)):
        forms = _forms(w)
        out |= forms | {"√" + k for f in forms for k in root_keys(f)}
    return frozenset(out)


def loosely_shared(english: str, arabic: str) -> int:
    """Source content words with a dictionary rendering that the target has in any loose form
    (:func:`loose_renderings`)."""
    target = loose_forms(arabic)
    n = 0
    for word in set(EN_WORD.findall(english)):
        low = word.lower()
        if low not in EN_FUNCTION_WORDS and len(low) >= 3 and loose_renderings(low) & target:
            n += 1
    return n


def loosely_found_words(english: str, arabic: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the source's content words, lower case, with a dictionary rendering; those of them the target
    has in any loose form (:func:`loose_renderings`)): :func:`loosely_shared` word by word, for a page
    that counts which words its targets never have."""
    target = loose_forms(arabic)
    words = {w.lower() for w in EN_WORD.findall(english)}
    words = {w for w in words if w not in EN_FUNCTION_WORDS and len(w) >= 3 and loose_renderings(w)}
    return frozenset(words), frozenset(w for w in words if loose_renderings(w) & target)


def loosely_unmatched(english: str, arabic: str) -> tuple[int, int]:
    """(source content words with a dictionary rendering that the target has in no loose form
    (:func:`loose_renderings`), those it has).  Stricter than :func:`unmatched` about what is left:
    a word counts as left over only when no form or root of any of its renderings is in the target,
    so a terse or inflected rendering does not pass for a missing word."""
    target = loose_forms(arabic)
    left = found = 0
    for word in EN_WORD.findall(english):
        low = word.lower()
        if low in EN_FUNCTION_WORDS or len(low) < 3:
            continue
        loose = loose_renderings(low)
        if not loose:
            continue
        if loose & target:
            found += 1
        else:
            left += 1
    return left, found


@dataclass(frozen=True)
class Target:
    """An Arabic text prepared once for comparisons with many sources."""

    forms: frozenset[str]
    skeletons: frozenset[str]
    numbers: frozenset[str]
    latin: frozenset[str]


def prepare(arabic: str) -> Target:
    text = arabic.translate(_AR_DIGITS)
    words = [w for w, _, _ in arabic_words(text)]
    forms: set[str] = set()
    skeletons: set[str] = set()
    for w in words:
        forms |= _forms(w)
        skeletons |= {k for k in arabic_skeletons(w) if len(k) >= 2}
    return Target(frozenset(forms), frozenset(skeletons), frozenset(_NUMBER.findall(text)),
                  frozenset(t.lower() for t in _LATIN.findall(text)))


@dataclass(frozen=True)
class Source:
    """An English text as what it can share: numbers, Latin tokens, dictionary renderings per
    content word, and the skeletons of its capitalised words."""

    numbers: frozenset[str]
    latin: frozenset[str]
    words: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (renderings, name skeletons) per word


_NO_KEYS: frozenset[str] = frozenset()


@lru_cache(maxsize=32768)
def _source_word(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """A content word's entry in :attr:`Source.words`: its :func:`stemmed_renderings` and, when it is
    capitalised, its skeletons of 2+ letters.  One shared entry per word for every cached
    :func:`source` that has it (each source held its own tuple and skeleton set: 2.4 MB at 1 MB)."""
    names = frozenset(k for k in latin_skeletons(word) if len(k) >= 2) if word[0].isupper() else _NO_KEYS
    return stemmed_renderings(word.lower()), names


@lru_cache(maxsize=1024)
def source(english: str) -> Source:
    """The cached :class:`Source` of an English text.  1024 of them: 4096 held ≈0.6 MB more at the
    end of a 1 MB page, for no CPU seen saved (a source is quick to make again: its words' entries
    stay cached in :func:`_source_word`)."""
    words = []
    for word in set(EN_WORD.findall(english)):
        low = word.lower()
        if low in EN_FUNCTION_WORDS or len(low) < 3:
            continue
        words.append(_source_word(word))
    # the Latin tokens (every English word) interned: one string per word for all the cached sources
    return Source(frozenset(_NUMBER.findall(english)),
                  frozenset(sys.intern(t.lower()) for t in _LATIN.findall(english)), tuple(words))


def shared(english: str, target: Target) -> int:
    """Evidence units the English text shares with the target: each dictionary word found
    counts 1; each number, Latin token or transliterated name (equal skeletons) counts 2."""
    src = source(english)
    score = 2 * len(src.numbers & target.numbers) + 2 * len(src.latin & target.latin)
    for rendered, skeletons in src.words:
        if rendered & target.forms:
            score += 1
        elif skeletons & target.skeletons:
            score += 2
    return score


# ------------------------------------------------------------------ clauses
#
# Clause-level coverage (which part of a pair has no counterpart on the other side).
# A clause boundary is punctuation or a word that opens a clause (English
# conjunctions and relatives; Arabic و/ف joined to a word of 4+ letters).  The
# dictionary finds only part of a good translation's words, so a clause counts as
# *uncovered* only when several of its words are known to the dictionary, none is
# found, and the rest of the pair shares something: the checks then also ask that
# the pair's length, without that clause, fits the page's usual ratio.

_EN_CLAUSE_BREAK = re.compile(
    r"[,;:.!?()\"“”]+\s*|\s+(?=(?:and|but|which|who|whom|whose|while|whereas|because|so|or|then|when|if|"
    r"until|unless|although|though|where)\b)", re.IGNORECASE)
_AR_CLAUSE_BREAK = re.compile(r"[،؛:.!?؟,;()«»\"“”]+\s*|\s+(?=[وف][\u0621-\u064a]{3,})")
AR_FUNCTION_WORDS = frozenset(
    "في من على إلى الى عن أن ان إن الذي التي الذين و ف ب ل ثم أو او بين مع حتى لكن بل لأن كي لكي عند منذ إذا "
    "اذا لو هذا هذه ذلك تلك هو هي هم هن أنت أنتم نحن كان كانت كانوا يكون تكون قد لا لم لن ما كل كما إلا الا "
    "غير عليه عليهم فيه فيها منه منها له لها لهم به بها إليه وهو وهي وما ولا ولم".split())


@lru_cache(maxsize=1)
def ar_function_forms() -> frozenset[str]:
    """:data:`AR_FUNCTION_WORDS` in their comparison form (:func:`normalize_ar`), as target words are compared."""
    return frozenset(normalize_ar(w) for w in AR_FUNCTION_WORDS)


def _split(text: str, breaks: re.Pattern, stays: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """Spans between breaks; a bare-space break (one before a clause word) is skipped when
    ``stays`` says the word after it is no clause opener."""
    out, start = [], 0
    for m in breaks.finditer(text):
        word = _AR_NEXT_WORD.match(text, m.end()) if stays is not None and not m.group().strip() else None
        if word is not None and stays is not None and stays(word[0]):
            continue
        if text[start:m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def english_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of an English text."""
    return _split(text, _EN_CLAUSE_BREAK)


def arabic_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of an Arabic text: at punctuation, and before a word joined to
    the conjunction و or ف (not before one whose و / ف is its own first letter: وصلة, فريق, وقتها)."""
    return _split(text, _AR_CLAUSE_BREAK, _conjunction_free)


_AR_NEXT_WORD = re.compile(r"[\u0621-\u064a]+")


def _conjunction_free(word: str) -> bool:
    """Whether a word that starts with و or ف is a word of its own, not the conjunction joined to
    one (:func:`letter_initial_words`); a pronoun ending does not change it (وقته)."""
    whole = normalize_ar(word)
    forms = {whole} | {whole[: -len(s)] for s in _PRONOUN_ENDINGS if whole.endswith(s) and len(whole) - len(s) >= 3}
    forms |= {f[:-1] + "ه" for f in forms if f.endswith("ت")}  # وقتها -> وقت, وصلته -> وصلت -> وصله
    return bool(forms & letter_initial_words())


_PRONOUN_ENDINGS = ("هما", "هم", "ها", "كم", "نا", "ه", "ك", "ي")


@lru_cache(maxsize=1)
def letter_initial_words() -> frozenset[str]:
    """Words starting with و or ف whose first letter belongs to the word, not a conjunction.

    Read off the FreeDict dictionaries (both ways): a word (in its comparison form, with and
    without the article) counts as a word where the dictionaries use it more often than what is
    left without its first letter in any form (:func:`word_forms`), and that rest is no function
    word.  So وصلة, فريق, وظيفة, وقت are words (their rests صلة, ريق, ظيفة, قت are rarer or none),
    while وقال, فإنه, ولكن, وهم are the conjunction on قال, إنه, لكن, هم.  A word the dictionary
    lists no more often than its rest (فكرة / كرة) is taken for the conjunction, as before.
    Reading both dictionaries through costs ≈1 s of CPU, so the set is kept in the cache folder
    like the lexicon's word sets (:func:`mt_review.lexicon._kept_set`).
    """
    dictionary = en_ar_dictionary()
    if dictionary is None:
        return frozenset()
    # the key holds each file's sha256, read in chunks: the files themselves (≈5 MB) held at once
    # were a peak that a one-page review paid for a set of a thousand words
    raw = "\0".join(sorted(AR_FUNCTION_WORDS)).encode()
    for name in ("freedict-eng-ara", "freedict-ara-eng"):
        for ext in ("index", "dict.dz"):
            try:
                with open(DICTD_DIR / f"{name}.{ext}", "rb") as f:
                    raw += hashlib.file_digest(f, "sha256").digest()
            except OSError:
                pass
    return _kept_set("letter-initial-words", raw, _letter_initial_words_of, lambda: _letter_initial_words_of(dictionary),
                     *(getattr(f, "__wrapped__", f) for f in (normalize_ar, word_forms, EnArDictionary.arabic,
                                                             ar_function_forms)))


def _letter_initial_words_of(dictionary: EnArDictionary) -> frozenset[str]:
    """:func:`letter_initial_words`, built."""
    uses: Counter[str] = Counter()
    initial: set[str] = set()  # before ة is folded, so that word_forms never strips it as a pronoun ه

    def count(entry: str) -> None:
        tokens = entry.split()
        for token in tokens:
            form = normalize_ar(token, fold_teh_marbuta=False)
            for f in (form, form[2:]) if form.startswith("ال") and len(form) >= 5 else (form,):
                uses[f.replace("ة", "ه")] += 1
                if len(tokens) == 1 and f[0] in "وف" and len(f) >= 3:
                    initial.add(f)  # a word listed on its own (inside a phrase, و is mostly "and")

    for english in dictionary.en_ar:
        for sense in dictionary.arabic(english):
            count(sense)
    for headword in dictionary.ar_en:
        count(headword)
    function_words = ar_function_forms()
    return frozenset(
        w.replace("ة", "ه") for w in initial
        if w[1:] not in function_words
        and uses[w.replace("ة", "ه")] > max((uses.get(f, 0) for f in word_forms(w[1:])), default=0))


@dataclass(frozen=True)
class Clause:
    """A clause of one side and how much of it the other side accounts for."""

    start: int
    end: int
    known: int  # words the comparison can judge (dictionary words / content words)
    found: int  # ... of which the other side has a counterpart


def source_clause_cover(english: str, target: Target) -> list[Clause]:
    """Per English clause: content words with a dictionary rendering, and how many the target has
    (numbers and transliterated names are judged too; Latin tokens the target keeps count as found)."""
    out = []
    for a, b in english_clauses(english):
        before = english[:a].rstrip()
        if before and before[-1] in "([":
            continue  # a bracketed gloss of the translator ("Fitan (trials)"), often with no counterpart
        src = source(english[a:b])
        known = found = 0
        for n in src.numbers:
            known, found = known + 1, found + (n in target.numbers)
        shared_latin = len(src.latin & target.latin)  # every English word is Latin: only shared ones count
        known, found = known + shared_latin, found + shared_latin
        for rendered, skeletons in src.words:
            if rendered:
                known += 1
                found += bool(rendered & target.forms) or bool(skeletons & target.skeletons)
            elif skeletons & target.skeletons:
                known, found = known + 1, found + 1
        out.append(Clause(a, b, known, found))
    return out


def source_word_runs(english: str, target: Target) -> list[Clause]:
    """Runs of consecutive English content words that the target does not have, as clauses.

    A one-clause string (a UI label) has no clause to leave out, yet a part of it
    can be dropped ("the minimum size of [the arrow in] the combo box").  Each
    content word with a dictionary rendering (or a name's skeleton) is *found* or
    not; found words break runs, words the dictionary cannot judge neither break
    nor count.  A run spans its first to its last unfound judged word; ``known``
    is how many it has, ``found`` is 0.  The text's found words are one more
    Clause (found > 0), so :func:`uncovered` sees that the pair is a translation.
    """
    runs: list[Clause] = []
    n_found = 0
    start = end = known = 0
    for m in EN_WORD.finditer(english):
        low = m.group().lower()
        if low in EN_FUNCTION_WORDS or len(low) < 3:
            continue
        rendered = stemmed_renderings(low)
        skeletons = frozenset(k for k in latin_skeletons(m.group()) if len(k) >= 2) if m.group()[0].isupper() else frozenset()
        hit = bool(rendered & target.forms) or bool(skeletons & target.skeletons) or low in target.latin
        if known and _SENTENCE_END.search(english, end, m.start()):
            runs.append(Clause(start, end, known, 0))  # a run stays inside its sentence
            known = 0
        if hit:
            n_found += 1
            if known:
                runs.append(Clause(start, end, known, 0))
            known = 0
        elif rendered:
            if not known:
                start = m.start()
            end, known = m.end(), known + 1
    if known:
        runs.append(Clause(start, end, known, 0))
    return runs + [Clause(0, 0, n_found, n_found)] if n_found else runs


_SENTENCE_END = re.compile(r"[.!?;:]")


@lru_cache(maxsize=32768)
def _glosses(arabic_word: str) -> frozenset[str]:
    """English words of the FreeDict Arabic-English glosses of an Arabic word's forms."""
    dictionary = en_ar_dictionary()
    if dictionary is None:
        return frozenset()
    out: set[str] = set()
    for form in word_forms(arabic_word):
        for gloss in dictionary.english(form):
            out.update(w.lower() for w in EN_WORD.findall(gloss))
    return frozenset(out - EN_FUNCTION_WORDS)


def glossed_words(arabic: str) -> int:
    """How many words of an Arabic text the Arabic-English dictionary glosses."""
    return sum(1 for w, _, _ in arabic_words(arabic) if len(w) >= 3 and _glosses(w))


def target_clause_cover(english: str, arabic: str) -> list[Clause]:
    """Per Arabic clause: content words (3+ letters, not function words), and how many the
    English accounts for (a rendering of a source word, a gloss that is a source word, a
    transliterated source name, a shared number or Latin token)."""
    src = source(english)
    rendered: set[str] = set()
    skeletons: set[str] = set()
    for r, k in src.words:
        rendered |= r
        skeletons |= k
    en_words = {w.lower() for w in EN_WORD.findall(english)} - EN_FUNCTION_WORDS
    text = arabic.translate(_AR_DIGITS)
    out = []
    for a, b in arabic_clauses(text):
        known = found = 0
        for w, _, _ in arabic_words(text[a:b]):
            if len(w) < 3 or w in AR_FUNCTION_WORDS:
                continue
            known += 1
            if (_deep_forms(w) & rendered or _glosses(w) & en_words
                    or {k for k in arabic_skeletons(w) if len(k) >= 3} & skeletons):
                found += 1
        for n in _NUMBER.findall(text[a:b]):
            known, found = known + 1, found + (n in src.numbers)
        for t in _LATIN.findall(text[a:b]):
            known, found = known + 1, found + (t.lower() in src.latin)
        out.append(Clause(a, b, known, found))
    return out


MIN_CLAUSE_KNOWN = 3  # words of a clause the comparison must judge before "none found" means anything


MIN_CLAUSE_SHARE = 0.25  # ... and this share of the judged words of its side (a phrase inside a list is not a clause)


def uncovered(clauses: list[Clause], min_known: int = MIN_CLAUSE_KNOWN,
              min_share: float = MIN_CLAUSE_SHARE) -> list[Clause]:
    """Clauses with ``min_known`` judged words, at least ``min_share`` of their side's,
    and none found, when some other clause of the same text has a counterpart (so the pair is
    a translation and the dictionary reaches it)."""
    if len(clauses) < 2:
        return []
    total = sum(c.known for c in clauses)
    return [c for c in clauses if c.known >= max(min_known, min_share * total) and c.found == 0
            and any(o.found for o in clauses if o is not c)]


def unmatched(english: str, arabic: str) -> tuple[int, int, int]:
    """(source content words the target does not render, target content words the source does not
    account for, source content words found).

    What the dictionary matches is the same on both sides, so the words left over
    should balance: a source whose leftover words far outnumber the target's has
    lost part of itself in the target (an omission inside a one-clause UI string,
    which the length ratio alone cannot tell from a terse translation), and a target
    whose leftovers outnumber the source's has gained words (an addition).
    """
    target = prepare(arabic)
    left = found = 0
    for m in EN_WORD.finditer(english):
        word = m.group()
        low = word.lower()
        if low in EN_FUNCTION_WORDS or len(low) < 3:
            continue
        skeletons = frozenset(k for k in latin_skeletons(word) if len(k) >= 2) if word[0].isupper() else frozenset()
        if stemmed_renderings(low) & target.forms or skeletons & target.skeletons or low in target.latin:
            found += 1
        else:
            left += 1
    extra = sum(c.known - c.found for c in target_clause_cover(english, arabic))
    return left, extra, found


def merged_runs(clauses: list[Clause]) -> list[Clause]:
    """Consecutive clauses none of whose words is found, merged into one (an added sentence is cut
    into several short clauses at every و/ف, each too short to judge alone); the others as they are."""
    out: list[Clause] = []
    for c in clauses:
        if out and c.found == 0 and out[-1].found == 0:
            last = out[-1]
            out[-1] = Clause(last.start, c.end, last.known + c.known, 0)
        else:
            out.append(c)
    return out


# ------------------------------------------------------------------ page anchors
#
# A page of formulaic text (a catalogue's UI strings, a chapter of scripture) repeats its
# own renderings ("Whether ..." -> "فيما إذا ..."), many of them outside the dictionary.
# Words that keep appearing together in the page's pairs are anchors learned from the page:
# a pair that has one side of an anchor and not the other does not translate its source.

ANCHOR_MIN_PAIRS = 2  # pairs an English word and an Arabic form share before they count as an anchor
ANCHOR_MIN_DICE = 0.7  # ... and their association (Dice: 2 shared / (pairs with one + pairs with the other))


def _anchor_keys(english: str, arabic: str) -> tuple[frozenset[str], frozenset[str]]:
    """The English content words (lower case, one plural -s off) and the Arabic stems of a pair."""
    en = set()
    for w in EN_WORD.findall(english):
        low = w.lower()
        if low not in EN_FUNCTION_WORDS and len(low) >= 3:
            en.add(low[:-1] if low.endswith("s") and len(low) > 3 else low)
    ar = set()
    for w, _, _ in arabic_words(arabic):
        if len(w) >= 3:
            ar |= {f for f in _forms(w) if len(f) >= 3}
    return frozenset(en), frozenset(ar)


@dataclass(frozen=True)
class AnchorFit:
    """How a pair agrees with the anchors learned from the *other* pairs of its page."""

    agree: int  # anchors with both sides in the pair
    contra: int  # anchor words of one side whose partners are all missing from the other side


def _co_occurring(keys: list[tuple[tuple[str, ...], tuple[str, ...]]], n_en: dict[str, int],
                  n_ar: dict[str, int]) -> Iterator[tuple[str, str, int]]:
    """(English word, Arabic form, pairs that have both) for every two words seen together in
    ``ANCHOR_MIN_PAIRS`` pairs or more.

    Counted in a dict keyed by one int per word pair (English id * Arabic forms + Arabic id), of
    words seen in two pairs or more: a tuple of two strings per key made the dict a long page's
    largest transient here."""
    ar_id = {a: i for i, a in enumerate(n_ar)}
    width = len(ar_id)
    en_of = list(n_en)
    ar_of = list(n_ar)
    en_id = {e: i * width for i, e in enumerate(n_en)}
    n_both: dict[int, int] = {}
    get = n_both.get
    for en_words, ar_words in keys:
        ar = [ar_id[a] for a in ar_words if n_ar[a] >= ANCHOR_MIN_PAIRS]
        for e in en_words:
            if n_en[e] >= ANCHOR_MIN_PAIRS:
                base = en_id[e]
                for a in ar:
                    k = base + a
                    n_both[k] = get(k, 0) + 1
    for k, n in n_both.items():
        if n >= ANCHOR_MIN_PAIRS:
            yield en_of[k // width], ar_of[k % width], n


def page_anchor_fits(pairs: list[tuple[str, str]]) -> list[AnchorFit]:
    """For each (english, arabic) pair of a page: agreement with the page's anchors, each pair
    judged on anchors learned without it (leave one out), so a pair never confirms itself."""
    # kept as tuples of one shared string per distinct word (a frozenset per pair and side, each with
    # its own strings, was most of a long page's check-time memory); made sets again one pair at a time
    shared: dict[str, str] = {}
    keys: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for english, arabic in pairs:
        en_set, ar_set = _anchor_keys(english, arabic)
        keys.append((tuple(shared.setdefault(w, w) for w in en_set), tuple(shared.setdefault(w, w) for w in ar_set)))
    n_en: dict[str, int] = {}
    n_ar: dict[str, int] = {}
    for en_words, ar_words in keys:
        for e in en_words:
            n_en[e] = n_en.get(e, 0) + 1
        for a in ar_words:
            n_ar[a] = n_ar.get(a, 0) + 1
    # only word pairs that could still pass both bounds once one pair is left out are looked at: seen
    # together in ANCHOR_MIN_PAIRS pairs, and with a Dice that leaving a pair out (at most one fewer pair
    # for each word) could bring up to ANCHOR_MIN_DICE.  Without the Dice bound a frequent word of a long
    # page kept every word it ever met as a candidate partner, and the leave-one-out test below grew
    # faster than the page.
    by_en: dict[str, list[str]] = {}
    by_ar: dict[str, list[str]] = {}
    pair_n: dict[tuple[str, str], int] = {}  # pairs with both words, of the candidates only
    for e, a, n in _co_occurring(keys, n_en, n_ar):
        if 2 * n >= ANCHOR_MIN_DICE * (n_en[e] + n_ar[a] - 2):
            by_en.setdefault(e, []).append(a)
            by_ar.setdefault(a, []).append(e)
            pair_n[(e, a)] = n

    def anchored(e: str, a: str, en: frozenset[str], ar: frozenset[str]) -> bool:
        both = pair_n[(e, a)] - (e in en and a in ar)
        return both >= ANCHOR_MIN_PAIRS and 2 * both >= ANCHOR_MIN_DICE * (n_en[e] - (e in en) + n_ar[a] - (a in ar))

    out = []
    for en_words, ar_words in keys:
        en, ar = frozenset(en_words), frozenset(ar_words)
        agree = contra = 0
        for e in en:
            partners = {a for a in by_en.get(e, ()) if anchored(e, a, en, ar)}
            agree += bool(partners & ar)
            contra += bool(partners) and not partners & ar
        # English words anchored to an Arabic form of the target that the source lacks
        contra += len({e for a in ar for e in by_ar.get(a, ()) if e not in en and anchored(e, a, en, ar)})
        out.append(AnchorFit(agree, contra))
    return out


# ------------------------------------------------------------------ word order
#
# Translations keep the order of their parts, mostly: the source words the dictionary finds in the target
# form a chain of anchors whose target positions rise with their source positions.  A stretch of the target
# between two anchors renders what the source has between the same two anchors; where the source has words
# there that the dictionary does not read, a target clause none of whose words it accounts for may be their
# rendering (documentation: "with two possible output formats" = في صيغتين مختلفتين للخرج), not an addition.

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’._+#-]*[A-Za-z0-9+#]|[A-Za-z0-9]|[\u0621-\u064a\u0670\u064b-\u065f]+")


@dataclass(frozen=True)
class OrderWord:
    """A content word of one side of a pair: where it is, whether the comparison can judge it (a
    dictionary word, a number, a Latin token, a name) and the positions of its counterparts on the
    other side (content-word indices there; empty: not found)."""

    start: int
    end: int
    judged: bool
    found: tuple[int, ...]


@dataclass(frozen=True)
class WordOrder:
    """Both sides' content words (:class:`OrderWord`) and the chain of anchors: (source index, target
    index) pairs rising on both sides, as many as the found words allow (:func:`word_order`)."""

    src: tuple[OrderWord, ...]
    tgt: tuple[OrderWord, ...]
    chain: tuple[tuple[int, int], ...]


def _target_tokens(arabic: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of the target's content words: Arabic words of 3+ letters that are not
    function words, Latin tokens and numbers (Arabic-Indic digits read as digits)."""
    text = arabic.translate(_AR_DIGITS)
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if "\u0621" <= tok[0] <= "\u064a":
            if len(tok) < 3 or tok in AR_FUNCTION_WORDS or normalize_ar(tok) in ar_function_forms():
                continue
        out.append((m.start(), m.end(), tok))
    return out


@lru_cache(maxsize=2048)
def word_order(english: str, arabic: str) -> WordOrder:
    """The pair's content words on both sides and its anchor chain (see the section's note).

    A source word is found at a target word when one of its renderings (:func:`stemmed_renderings`) is
    among the target word's forms (:func:`_deep_forms`), the target word's glosses have it, the two are
    the same Latin token or number, or a capitalised source word's skeleton is the target word's.  The
    chain is the longest run of such links rising on both sides (a longest common subsequence over the
    links; ties keep the earliest target positions), so a word the translation moved leaves the chain."""
    tgt_tokens = _target_tokens(arabic)
    t_forms: list[frozenset[str]] = []
    t_skel: list[frozenset[str]] = []
    t_latin: list[str] = []
    for _, _, tok in tgt_tokens:
        if "\u0621" <= tok[0] <= "\u064a":
            t_forms.append(_deep_forms(tok))
            t_skel.append(frozenset(k for k in arabic_skeletons(tok) if len(k) >= 3))
            t_latin.append("")
        else:
            t_forms.append(frozenset())
            t_skel.append(frozenset())
            t_latin.append(tok.lower())
    src: list[OrderWord] = []
    for m in _TOKEN.finditer(english):
        tok = m.group()
        low = tok.lower()
        if tok[0].isalpha() and (low in EN_FUNCTION_WORDS or len(low) < 3):
            continue
        rendered = stemmed_renderings(low) if tok[0].isalpha() and EN_WORD.fullmatch(tok) else frozenset()
        skeletons = frozenset(k for k in latin_skeletons(tok) if len(k) >= 3) if tok[0].isupper() else frozenset()
        found = tuple(j for j in range(len(tgt_tokens))
                      if t_latin[j] == low or rendered & t_forms[j] or skeletons & t_skel[j]
                      or (t_forms[j] and low in _glosses(tgt_tokens[j][2])))
        judged = bool(rendered) or bool(found) or not tok[0].isalpha() or not EN_WORD.fullmatch(tok)
        src.append(OrderWord(m.start(), m.end(), judged, found))
    hit: list[set[int]] = [set() for _ in tgt_tokens]
    for i, w in enumerate(src):
        for j in w.found:
            hit[j].add(i)
    # every content word of the target is one the comparison judges (as in target_clause_cover)
    tgt = [OrderWord(a, b, True, tuple(sorted(hit[j]))) for j, (a, b, _) in enumerate(tgt_tokens)]
    # longest chain of links rising on both sides: best[j] = (length, previous link) of a chain ending at target j
    links = [(i, j) for i, w in enumerate(src) for j in w.found]
    best: dict[tuple[int, int], tuple[int, tuple[int, int] | None]] = {}
    for i, j in links:  # in source order, then target order
        prev = max(((best[k][0], -k[1], k) for k in best if k[0] < i and k[1] < j), default=None)
        best[(i, j)] = (prev[0] + 1, prev[2]) if prev else (1, None)
    chain: list[tuple[int, int]] = []
    if best:
        end = max(best, key=lambda k: (best[k][0], -k[1], -k[0]))
        node: tuple[int, int] | None = end
        while node is not None:
            chain.append(node)
            node = best[node][1]
    return WordOrder(tuple(src), tuple(tgt), tuple(reversed(chain)))


@dataclass(frozen=True)
class Facing:
    """What the source has across from a stretch of the target (:func:`facing_source`): the anchors of the
    chain before and after the stretch, and the source's words between those anchors' source words."""

    before: int  # anchors of the chain that end before the stretch
    after: int  # anchors that start after it
    unread: int  # judged source words between the bracketing anchors, none found anywhere in the target
    found: int  # source words between them that are found (elsewhere in the target: the order is broken)


def facing_source(english: str, arabic: str, start: int, end: int) -> Facing:
    """The source across from the target's characters ``start:end`` (offsets into ``arabic``) by
    :func:`word_order`'s chain: translations keep the order of their parts, so the source words between
    the last anchor before the stretch and the first after it are what the stretch may render."""
    order = word_order(english, arabic)
    before = [i for i, j in order.chain if order.tgt[j].end <= start]
    after = [i for i, j in order.chain if order.tgt[j].start >= end]
    lo = before[-1] if before else -1
    hi = after[0] if after else len(order.src)
    stretch = order.src[lo + 1:hi]
    return Facing(len(before), len(after), sum(w.judged and not w.found for w in stretch),
                  sum(bool(w.found) for w in stretch))
