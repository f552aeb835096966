"""Names and terms accounted for: every name of the source is found in the target.

A *name* is an acronym or mixed-case term (``XMPP``, ``iPhone``, ``G20``) or a
capitalised word whose lower-case form is not an English common word (the
Debian ``wamerican`` list, :func:`mt_review.lexicon.english_words`; without
it, a capitalised word that does not start a sentence).  Consecutive name words
form one name ("STRIVE Cities", "Abu Bakr").

A name word is found when the target has it in Latin script, renders it
through the glossary, has one of its dictionary renderings (FreeDict
English-Arabic: Moses -> موسى, Egypt -> مصر; a one-word rendering only with
real clitics around it: تالله، اللهم، لله, يانوح with the joined vocative; not اللهو), or has an Arabic word that
transliterates it (:mod:`mt_review.translit`: Jabir ~ جابر; not by a
one-consonant sound-alike when the rendering is known: Allah is not إله; never by a pronoun,
alone or on a preposition: Ummah is not لهما).  An
acronym the source defines as a gloss of its words ("PostScript Printer
Description (PPD)") is found through half of them.  A name none of
whose words is found is **major** (dropped, or replaced by another name) when
there is evidence: a Latin name in the target that the source lacks (shown as
the replacement span; or an Arabic word that renders a proper noun the source
lacks, آدم where the source names Allah: the word list's proper nouns, their
dictionary renderings that transliterate them, confirmed by the Arabic-English
dictionary, so على "on" is not Ali), a Latin-style term, or a glossary/dictionary rendering
that is absent, or a name of three or more consonant classes; otherwise **minor** (it may be an exonym the dictionary lacks,
Saul ~ طالوت).  A name inside brackets is minor too: a gloss or an
abbreviation ("(i.e. Al-Madinah)", "(PPD)") that a good translation may leave
out -- unless another name stands in its place.  Minor too, unless another name stands in
its place: a chain of narration the target leaves out as a whole ("'Adi bin Thabit informed me,
from Sa'eed bin Jubair, from Ibn 'Abbas, that ..." where the Arabic gives the text without its
isnad: two or more of the chain's names missing, and half of them or more; one name dropped from a
chain it keeps stays major), a name in apposition to a possessive kinship word ("my father
Ibrahim" = أبي), a name right after "indeed" when the target has إنه / إنها ("Indeed, Allah is
Able" = إنه لقادر: the singular pronoun that إنّ carries refers to it; a bare إن, the name dropped
after it, stays major), and the agent of a passive or of a relative clause about its patient ("narrated
by X", "those whom Allah is wrath with") when the target has a passive participle (مغضوب عليهم: the
pattern مفعول leaves the agent implicit in the verb form), and the subject of a finite verb ("When Joseph saw the
shirt" = فلما رأى القميص: :func:`verb_subject`) when nothing stands in its place, the target renders some word of its
clause (:func:`clause_rendered`) and has a word that can be a third-person verb (:func:`third_person_verb`) near where
the name stood, with no unexplained word right after it (where Arabic puts an explicit subject: روى سالم is a stand-in):
the Arabic verb carries its subject in its person and number.  (Demoting a name the page renders in other pairs, as a
possible pronoun, was measured and dropped: it hid most dropped names.)

Where the finding points in the target: at the word that took the name's place when it can be told --
the Latin stand-in, an Arabic stand-in that can be a name (:func:`name_like`: not فإلينا "so to us" nor
ولولا "were it not", whose letters spell Elena and Lola), or a definite noun the dictionary knows that
renders no source word, near where the name stands (المسجد "the mosque" for Allah); otherwise the whole
sentence, an honest "not found" rather than a wrong word.  The severity is decided as before.

God as the object of a verb that Arabic says in one word is not missing: English translations
spell out "fear Allah", "associate others with Allah", "exalt Allah" where the Arabic verb
carries God in its meaning (اتقوا، يشركون، المسبحون; the roots و ق ي، ش ر ك، س ب ح).  Such a
mention counts as rendered when the target has a form of the matching root, and is left out
of the count below.

A name is also found through a related word (issue 10): "U.S." as "US"; the rendering of a
WordNet pertainym (an adjective's noun and back) or of its singular (Americans ~ American); the head of a prefixed compound
(Counterterrorism ~ الإرهاب); an Arabic word the Arabic-English dictionary glosses with the name
or its stem plus a demonym ending (المجوس "magi" ~ Magians); a demonym transliterated through its
stem (Sabians ~ الصابئين); an accusative alef after a rendering (نوحا); the glossary or dictionary
rendering of another form of the name (:func:`alternative_forms`: WordNet's Buddha for Gautama ~ بوذا,
Torah for Pentateuch ~ التوراة; Jonas, the Greek form of Jonah ~ يونس).

A name the source repeats is counted: when the target has half its mentions
or fewer (Allah x 2, الله x 1; counted by Latin token or rendering, or by transliteration
for a distinctive name without a rendering: Salat x 2, الصلاة x 1; bracketed mentions not
counted, nor indefinite ones after a / an / every: "a Muslim ... a Muslim" names no one
twice) one mention was dropped or replaced: **major**.  Fewer but more than half is
normal (a pronoun for a repeat).

The reverse: an Arabic word that transliterates an English *common* word of
the source ("Honourable" -> الأونرابل) when the dictionary renders that word
otherwise (الفخامة) is **minor** (technical loanwords such as بكسل are common
in good Arabic, so it asks for a look rather than counting as an error), with
the dictionary's rendering suggested.
Loanwords the dictionary itself gives (democracy -> الديمقراطية) stay clean, and so does a loanword
placed beside a dictionary rendering (صورة بيتماب for "Bitmap": the translation and the loanword side by side),
a word the Arabic spelling dictionary knows (Debian's hunspell-ar: an established loanword, بروتوكول, or a native
word that only sounds like the English one, الثغرات for "security"), and the page's own term: the same English word
transliterated in two pairs of the page or more (profile = بروفايل throughout).

A lower-case program, command or package name of the source (systemd, passwd, mdadm: :func:`tool_names`) is a name
too when the target keeps some lower-case word of the source in Latin script (code kept as code), unless another
pair of the page translates the word (:meth:`NamesCheck._page_translates`).

A place is also found through the nisba adjective of its rendering or of another name of it (U.S. ~ America =
أمريكا ~ وزارة الخارجية الأمريكية "the U.S. Department of State"; :func:`_nisba_hits`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise, permutations

from mt_review import coverage, wordnet  # a module import: coverage itself imports checks.text
from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.checks.base import reporting
from mt_review.checks.numbers import renumbered_names
from mt_review.checks.text import ASCII_DIGITS, arabic_words, find_arabic_phrase, normalize_ar, word_forms
from mt_review.lexicon import arabic_spelling_stems, en_ar_dictionary, english_words, proper_names
from mt_review.model import AlignedPair, Finding, Segment, Severity
from mt_review.translit import latin_skeleton, one_edit, transliterates

_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9]*(?:['’.+][A-Za-zÀ-ÖØ-öø-ÿ0-9]+)*")  # Makarévitch: one word
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(\[]\s*|\n\s*)$")
_ALWAYS_CAPITAL = {"i", "o", "ok", "mr", "mrs", "ms", "dr", "st", "jr", "sr"}
_MISSING = "every source name found in the target (Latin, transliteration, glossary, dictionary)"
MIN_COMMON_LETTERS = 6
MIN_REPEATED = 2  # source mentions of a name before their count is compared
MAX_AFFIX = 2  # letters of clitics around a one-word rendering, beyond a one-letter proclitic (تالله، اللهم، وبيوسفهم)
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


def bracketed_code(text: str, start: int, end: int) -> bool:
    """The brackets hold this one word and it is written as code -- a digit, a dot or an underscore in it ("the
    standard choice (ext4)"): a specification the sentence gives, not a gloss of a word before it (an acronym,
    "(PPD)", or an expansion, "(Server Name Indication)"), so the translation must keep it."""
    left, right = text.rfind("(", 0, start), text.find(")", end)
    if left < 0 or right < 0 or text[left + 1:right].strip() != text[start:end]:
        return False
    return any(c.isdigit() or c in "._" for c in text[start:end])


def _possessive(token: str) -> str:
    return re.sub(r"['’]s$", "", token)


_DERIVED = ("ers", "er", "ed", "ing", "ly", "ness", "hood", "ship")  # Knower, Acquainted: common words capitalised


def _undoubled(stem: str) -> str:
    """A stem without the consonant doubled before a suffix (compell-er -> compel, begg-ing -> beg)."""
    return stem[:-1] if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "aeiou" else stem


def _in_word_list(word: str, common: frozenset[str]) -> bool:
    """In the English word list: as written, British -our spelt -or, a part of a hyphenated word, or a
    derived form (Knower, Acquainted)."""
    word = word.replace("’", "'")
    variants = {word, re.sub("our", "or", word)}
    if variants & common or any(p in common for p in word.split("-") if p):
        return True
    return any(word.endswith(suf) and (word[:-len(suf)] in common or word[:-len(suf)] + "e" in common
                                       or _undoubled(word[:-len(suf)]) in common)
               for suf in _DERIVED if len(word) - len(suf) >= 3)


MAX_TRANSLATION_WORDS = 3  # words of a dictionary rendering that translates (CPU: وحدة المعالجة المركزية); a longer one defines


def _is_common(word: str, common: frozenset[str]) -> bool:
    """An English common word: in the word list (:func:`_in_word_list`), or a dictionary headword with an
    Arabic rendering that is a translation: at most :data:`MAX_TRANSLATION_WORDS` words, none of which
    transliterates the word.  A longer rendering is a definition of a proper noun (FreeDict's Debian: هيئة غير
    ربحية تعني ببرمجيات لينكس), and one that transliterates it is the name borrowed (Linux: لاينكس - نظام ...)."""
    if _in_word_list(word, common):
        return True
    dictionary = en_ar_dictionary()
    renderings = dictionary.arabic(word) if dictionary is not None else []
    if any(transliterates(word, w) for r in renderings for w in r.split()):
        return False
    return any(len(r.split()) <= MAX_TRANSLATION_WORDS for r in renderings)


_CAPS_NOT_NAMES = 4  # an all-caps common word this short is UI emphasis (TRUE, ID, NULL), not a name


def _caps_emphasis(word: str, common: frozenset[str]) -> bool:
    """An all-caps common word written for emphasis (TRUE, NULL, DOWNGRADED), not an acronym
    (STRIVE): short, or an inflected form."""
    low = word.lower()
    if not _is_common(low, common):
        return False
    return len(word) <= _CAPS_NOT_NAMES or low.endswith(("ed", "ing", "s")) or low in common and len(word) > 8


# conjunctions, prepositions, oath ت, and the vocative يا written joined (يانوح "O Noah")
_AFFIX_BEFORE = ("", "و", "ف", "ب", "ل", "ك", "ت", "وب", "ول", "فب", "فل", "وت", "يا")
_AFFIX_AFTER = ("", "م", "ه", "ها", "هم", "ك", "كم", "ي", "نا", "ا")  # vocative اللهم, pronoun suffixes, accusative alef


def _rendering_hits(rendering: str, tgt_text: str, tgt_words: list[str]) -> list[str]:
    """Target words that are a rendering: a one-word rendering with clitics only (:func:`_affixed`;
    with or without its article when three letters remain, so الله is never له "for him"), a
    multi-word one as a phrase (:func:`find_arabic_phrase`), one entry per occurrence."""
    words = rendering.split()
    if len(words) > 1:
        return [tgt_text[a:b] for a, b in find_arabic_phrase(tgt_text, rendering)]
    if not words:
        return []
    core = normalize_ar(words[0])
    cores = [core] + ([core[2:]] if core.startswith("ال") and len(core) - 2 >= 3 else [])
    return [w for w in tgt_words if any(_affixed(c, w) for c in cores)]


def _affixed(core: str, word: str) -> bool:
    """``word`` is the rendering ``core`` with clitics (تالله "by Allah", اللهم "O Allah", لله "for
    Allah", بيوسف): known prefixes and suffixes only, so اللهو "amusement" is not الله."""
    w = normalize_ar(word)
    cores = [core]
    if core.startswith("ال"):  # ل + ال loses its alef (للعدالة); before a second lam one lam too (لله)
        cores += ["ل" + core[1:]] + ([core[1:]] if core[1:].startswith("لل") else [])
    for c in cores:
        at = w.find(c)
        if at >= 0 and len(w) - len(c) <= MAX_AFFIX + 1 and w[:at] in _AFFIX_BEFORE and w[at + len(c):] in _AFFIX_AFTER:
            return True
    return False


_LIGHT_SUFFIXES = ("ات", "ين", "ون", "ة", "ه")
MIN_RENDERING_WORD = 4  # letters of a word of a multi-word rendering that counts alone


def _light_stem(word: str) -> str:
    """A normalised word without its article and one plural/feminine ending (المدمجة -> مدمج)."""
    core = normalize_ar(word)
    if core.startswith("ال") and len(core) > 4:
        core = core[2:]
    for suf in _LIGHT_SUFFIXES:
        if core.endswith(suf) and len(core) - len(suf) >= 3:
            return core[: -len(suf)]
    return core


def _inflected_half(rendering: str, tgt_words: list[str]) -> list[str]:
    """Target words matching at least half the long words of a multi-word rendering through a
    light stem (القرص المدمج ~ الأقراص المدمجة, السيد المسيح ~ المسيح), or []."""
    words = [w for w in rendering.split() if len(normalize_ar(w)) >= MIN_RENDERING_WORD]
    if len(rendering.split()) < 2 or not words:
        return []
    stems = {_light_stem(w) for w in words}
    hits = [w for w in tgt_words if _light_stem(w) in stems]
    found = {_light_stem(w) for w in hits}
    return hits if 2 * len(found) >= len(stems) else []


MIN_STAND_IN = 3  # letters of a rendering of a proper noun that counts as another name (not أب "father")


class _ProperRenderings:
    """Normalised one-word dictionary renderings of proper nouns (without the article too) ->
    the names they render, counting only renderings that transliterate the name (Adam ~ آدم,
    Koran ~ القرآن).  The transliteration test runs for the forms a review asks about, not
    for all ~5,000 renderings up front: that cost ~0.5 s and ~4 MB of transliteration caches
    a process, for the few forms a page ever looks up."""

    def __init__(self, candidates: dict[str, tuple[tuple[str, str], ...]]):
        self._candidates = candidates  # form -> (name, rendering) pairs, not yet judged
        self._judged: dict[str, frozenset[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._candidates)

    def get(self, form: str) -> frozenset[str]:
        got = self._judged.get(form)
        if got is None:
            got = self._judged[form] = frozenset(
                name for name, r in self._candidates.get(form, ()) if transliterates(name, r))
        return got


@lru_cache(maxsize=1)
def _proper_renderings() -> _ProperRenderings:
    """The :class:`_ProperRenderings` of the word list's proper nouns and FreeDict."""
    names, dictionary = proper_names(), en_ar_dictionary()
    if names is None or dictionary is None:
        return _ProperRenderings({})
    candidates: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(names):
        if name not in dictionary.en_ar:
            continue
        for r in dictionary.arabic(name):
            core = normalize_ar(r)
            if " " in core or len(core) < MIN_STAND_IN:
                continue
            for form in {core, core[2:] if core.startswith("ال") and len(core) - 2 >= MIN_STAND_IN else core}:
                candidates.setdefault(form, []).append((name, r))
    return _ProperRenderings({k: tuple(v) for k, v in candidates.items()})


_STAND_IN_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")  # no pronoun suffixes: names rarely take one


_INFLECTIONS = ("ت", "وا", "ون", "ين", "ات", "نا", "تم")  # verb and plural endings


def _inflects_common(norm: str) -> bool:
    """An inflected form of a word the Arabic-English dictionary glosses with a common English
    word (كانت = كان "was" + ت), so not a proper noun even when it spells one (Kant)."""
    dictionary, common = en_ar_dictionary(), english_words()
    if dictionary is None or common is None:
        return False
    return any(norm.endswith(suf) and len(norm) - len(suf) >= MIN_STAND_IN
               and any(g in common for g in dictionary.english(norm[:-len(suf)]))
               for suf in _INFLECTIONS)


def _proper_names_of(word: str, index: _ProperRenderings) -> frozenset[str]:
    """The proper nouns a target word renders (a conjunction or preposition allowed: وآدم، بالقرآن),
    confirmed by the Arabic-English dictionary: its glosses of the word name one of them and give
    no common English word (على "on" is not Ali, البيت "home" is not Pete)."""
    dictionary, common = en_ar_dictionary(), english_words()
    if dictionary is None or common is None:
        return frozenset()
    norm = normalize_ar(word)
    for pre in _STAND_IN_PREFIXES:
        if not norm.startswith(pre) or len(norm) - len(pre) < MIN_STAND_IN:
            continue
        names = index.get(norm[len(pre):])
        if not names:
            continue
        glosses = set(dictionary.english(word[len(pre):]))
        if glosses & names and not any(g in common for g in glosses) and not _inflects_common(norm[len(pre):]):
            return names
    return frozenset()


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")


def acronym_expansion(text: str, acronym: str) -> list[str]:
    """The words an acronym stands for when the text defines it as a gloss of them: "PostScript
    Printer Description (PPD)", as many words as it has letters right before it in brackets, whose
    initials spell it.  [] when not so defined ("PPD (PostScript ...)" makes the acronym the term
    itself, which the translation must keep)."""
    if not (2 <= len(acronym) <= 8 and acronym.isupper() and acronym.isalpha()):
        return []
    n = len(acronym)
    for m in re.finditer(r"\(\s*" + re.escape(acronym) + r"\s*\)", text):
        before = _WORD.findall(text[:m.start()])[-n:]
        if len(before) == n and "".join(w[0] for w in before).upper() == acronym:
            return before
    return []


# the Arabic article as English transliterations write it, joined by a hyphen (Al-Kitab, As-Samma, Ash-Shaitan)
_AR_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "adh", "ar", "at", "ath", "az", "an", "ud", "ul", "ur", "us"})
_AR_ARTICLE_GAP = re.compile(r"\b(?:" + "|".join(sorted(_AR_ARTICLES, key=len, reverse=True)) + r")-", re.I)
MAX_ARTICLE = 4  # letters of "Ash-" between two words of one name
_NAME_GAP = re.compile(r"[ -]*['’]?")  # spaces, hyphens, and the ayn of the next word ("Ibn 'Abbas")


def source_names(text: str) -> list[list[tuple[str, int, int]]]:
    """Names of an English text as lists of (word, start, end), consecutive words grouped."""
    common = english_words()
    groups: list[list[tuple[str, int, int]]] = []
    last_end = -10
    skipped: tuple[str, int, int] | None = None  # the last capitalised word that is no name (CD of CD-ROM)
    for m in _TOKEN.finditer(text):
        word = _possessive(m.group())
        if word.lower() in _AR_ARTICLES and text.startswith("-", m.end()):
            continue  # "Surat Al-Baqarah": the article joins the words around it into one name
        before, skipped = skipped, None
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
            skipped = (word, m.start(), m.start() + len(word)) if word[0].isupper() else None
            continue
        gap = _AR_ARTICLE_GAP.sub("", text[last_end:m.start()]) if last_end >= 0 else "x"
        if before is not None and before[2] + 1 == m.start() and text[before[2]] == "-":
            # CD-ROM: one term, found through either part (the translation renders the whole: قرص ليزري)
            groups.append([before, (word, m.start(), m.start() + len(word))])
        elif groups and _NAME_GAP.fullmatch(gap) and m.start() - last_end <= 2 + MAX_ARTICLE:
            groups[-1].append((word, m.start(), m.start() + len(word)))
        else:
            groups.append([(word, m.start(), m.start() + len(word))])
        last_end = m.end()
    return groups


_CLITICS = r"(?:[وف]?(?:لل|ال|بال|ل|ب)?)"
# English verb (its object God) -> the Arabic root whose forms carry that object
_GOD_OBJECT_VERBS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\bfear(?:s|ed|ing)?(?:\s+of)?\s+$", re.I),  # اتقى / التقوى
     re.compile(_CLITICS + r"(?:ا|ي|ت|ن|م)?تق(?:ي|وي|وا|ون|ين|يتن|يتم|اه|اته)?")),
    (re.compile(r"\bassociat(?:e|es|ed|ing)(?:\s+\w+){0,3}\s+with\s+$", re.I),  # أشرك
     re.compile(_CLITICS + r"(?:ا|ي|ت|ن|م)?شرك(?:وا|ون|ين|ت|تم|نا)?")),
    (re.compile(r"\b(?:exalt(?:s|ed|ing)?|glorif(?:y|ies|ied|ying))\s+$", re.I),  # سبّح
     re.compile(_CLITICS + r"(?:ا|ي|ت|ن|م)?سبح(?:وا|ون|ين|ان|وه)?")),
)
_GOD = {"allah", "god"}
_GOD_AR = frozenset({normalize_ar("الله")})  # God named after the verb (اتقوا الله): the verb carries no mention


def implicit_god_objects(src: str, tgt: str) -> set[int]:
    """Offsets in ``src`` of "Allah"/"God" as the object of fear / associate with / exalt when
    the target has a form of the Arabic verb that carries God as its object (اتقوا، أشركوا،
    المسبحون): English makes explicit what the Arabic verb means.  A verb form followed by الله
    names God itself (اتقوا الله): it carries no mention, so "fear Allah; indeed, Allah is ..." =
    اتقوا الله إن ... still counts both mentions.  As many mentions as the verb forms that carry one,
    in the order of the source."""
    out: set[int] = set()
    tgt_words = [normalize_ar(w) for w, _, _ in arabic_words(tgt)]
    carriers = [sum(1 for k, w in enumerate(tgt_words)
                    if arabic.fullmatch(w) and (k + 1 == len(tgt_words) or tgt_words[k + 1] not in _GOD_AR))
                for _, arabic in _GOD_OBJECT_VERBS]
    for m in _TOKEN.finditer(src):
        if _possessive(m.group()).lower() not in _GOD:
            continue
        before = src[max(0, m.start() - 60):m.start()]
        for v, (english, _) in enumerate(_GOD_OBJECT_VERBS):
            if english.search(before) and carriers[v] > 0:
                carriers[v] -= 1
                out.add(m.start())
                break
    return out


# a chain of narration (isnad): "X informed me, from Y, from Z", "on the authority of X", "X narrated to us"
_CHAIN_BEFORE = re.compile(r"(?:\bfrom|\bon\s+the\s+authority\s+of|\bnarrated\s+(?:by|from))\s+$", re.I)
_CHAIN_AFTER = re.compile(r"^(?:\s*,)?\s+(?:informed|narrated|reported|related|told)\b", re.I)
_AND_NAME = re.compile(r"^\s+and\s+['’A-Z]")
MIN_CHAIN = 2  # names of a chain missing (and half of its names or more) before the chain counts as left out


# 'Adi bin Thabit, 'Ata bin As-Sa'ib, Ibn 'Abbas: one person
_LINK = re.compile(r"^\s+(?:bin|ibn|bint)\s+(?:[A-Za-z]{1,3}-)?['’]?$", re.I)
_KUNYA = {"ibn", "bin", "bint", "abu", "abi", "umm"}
# the common first elements of a compound Arabic name (kunya "Abu Bakr", nasab "Ibn Umar", "Abd Allah", "Al Sharq"):
# many people share them, so a compound name is found through its distinctive part, not through them
_NAME_ELEMENTS = _KUNYA | {"abd", "abdul", "al", "el", "ummu", "aba"}


def distinctive_found(group: list[tuple[str, int, int]], found: list[bool]) -> bool:
    """A name group is found when one of its distinctive words is ("Abu Bakr" ~ أبو بكر, not أبو عمر: the
    common first element Abu/Umm/Ibn/Bin/Abd/Al says little about who is named); a group made of common
    elements only is found through any of them."""
    distinct = [f for (w, _, _), f in zip(group, found, strict=True) if w.lower() not in _NAME_ELEMENTS]
    return any(distinct) if distinct else any(found)


def chain_names(text: str, groups: list[list[tuple[str, int, int]]]) -> set[int]:
    """Starts of the names that form a chain of narration in ``text`` ("'Adi bin Thabit and 'Ata
    informed me, from Sa'eed bin Jubair, from Ibn 'Abbas"): a person (names joined by bin / ibn)
    after "from" / "on the authority of", or before "informed / narrated / reported / told"
    (directly or through "and <another person>")."""
    people: list[list[list[tuple[str, int, int]]]] = []
    for group in groups:
        gap = text[people[-1][-1][-1][2]:group[0][1]] if people else ""
        if people and (_LINK.match(gap) or people[-1][-1][-1][0].lower() in _KUNYA and re.fullmatch(r"\s+['’]?", gap)):
            people[-1].append(group)
        else:
            people.append([group])
    out: set[int] = set()
    for k, person in enumerate(people):
        start, end = person[0][0][1], person[-1][-1][2]
        head = text[:start - 1] if start and text[start - 1] in "'’" else text[:start]  # 'Adi: the ayn
        after = text[end:]
        in_chain = bool(_CHAIN_BEFORE.search(head[-40:]) or _CHAIN_AFTER.match(after))
        if not in_chain and _AND_NAME.match(after) and k + 1 < len(people):
            in_chain = bool(_CHAIN_AFTER.match(text[people[k + 1][-1][-1][2]:]))
        if in_chain:
            out.update(g[0][1] for g in person)
    return out


# "my father Ibrahim": a name in apposition to a kinship word with a possessive; the Arabic may say أبي
_KIN_BEFORE = re.compile(r"\b(?:my|his|her|our|your|their)\s+(?:father|mother|brother|sister|son|daughter|uncle|"
                         r"aunt|wife|husband|grandfather|grandson|cousin)\s+$", re.I)


# "Indeed, Allah is ..." / "indeed, the Qur'an is ...": English translations of إنّ with its attached pronoun (إنه
# "indeed he/it") spell out who the pronoun refers to; the Arabic names it in an earlier verse or sentence
_INDEED_BEFORE = re.compile(r"\b(?:indeed|verily|surely)\s*,?\s+(?:the\s+)?$", re.I)
_INNA_PRONOUN = re.compile(r"(?<![\u0621-\u064a])[وفل]?إن(?:ه|ها)(?![\u0621-\u064a])")


def inna_pronoun(src: str, start: int, tgt: str) -> bool:
    """The name at ``src[start:]`` follows "indeed" and the target has إنه / إنها ("indeed he / it"):
    the singular pronoun that إنّ carries may be the name, which the English makes explicit."""
    return bool(_INDEED_BEFORE.search(src[max(0, start - 20):start])) and _INNA_PRONOUN.search(tgt) is not None


# the agent of a passive ("narrated by X", "shown mercy by X") or of a relative clause about its patient
# ("those whom X is wrath with"); Arabic says either with a passive participle (مفعول: مغضوب عليهم، مروي)
# that leaves the agent implicit in the verb form
_AGENT_BEFORE = re.compile(r"\b(?:by|whom|who)\s+(?:the\s+)?$", re.I)
# the pattern مفعول (م + two root letters + و + the last root letter), with its clitics and endings
_PASSIVE_PARTICIPLE = re.compile(r"[وف]?(?:ال|بال|لل|ب|ل|ك)?م[^\sاويى]{2}و[^\sاويى](?:ه|ات|ون|ين|ان|هم|ها|كم)?")


def implicit_agent(src: str, start: int, tgt: str) -> bool:
    """The name at ``src[start:]`` is the agent of a passive or of a relative clause ("narrated by X",
    "those whom X is wrath with") and the target has a passive participle (مغضوب): the Arabic verb form
    leaves the agent implicit, a translation choice rather than a name dropped."""
    if not _AGENT_BEFORE.search(src[max(0, start - 12):start]):
        return False
    return any(_PASSIVE_PARTICIPLE.fullmatch(normalize_ar(w)) for w, _, _ in arabic_words(tgt))


# the name as the subject of a finite verb ("Joseph reached", "Allah forgives", "Allah will forgive"): an Arabic
# verb carries its subject in its own person and number (بلغ "he reached", يغفر "he forgives"), so a translation
# that names the subject once in a passage may leave it implicit in the verb where English repeats the name.
# Not after a preposition or "of" (a genitive or an object Arabic must spell out: في سبيل الله), not after
# "indeed" (إنّ takes a noun or its attached pronoun: :func:`inna_pronoun`), not before a present "is / are"
# (a nominal sentence names its subject: والله غفور).
_SUBJECT_AUX = frozenset({"was", "were", "has", "had", "have", "will", "would", "shall", "should", "can", "could",
                          "may", "might", "must", "does", "did", "do"})
_NOMINAL_COPULA = frozenset({"is", "are", "am", "'s"})
_NOT_SUBJECT_BEFORE = frozenset({
    "of", "to", "from", "with", "by", "for", "in", "on", "upon", "unto", "at", "about", "than", "against", "toward",
    "towards", "before", "after", "over", "under", "through", "like", "besides", "except", "between", "among",
    "without", "into", "beside", "near", "o", "indeed", "verily", "surely"})
_ENGLISH_WORD = re.compile(r"[A-Za-z']+")
# a plain capitalised word ("Joseph", "Mu'adh"): a person or place; not a Latin identifier (GtkPrintSettings),
# which a translation keeps in Latin script
_PLAIN_NAME = re.compile(r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*")
_AR_ARTICLE_TAIL = re.compile(r"\b(?:" + "|".join(sorted(_AR_ARTICLES, key=len, reverse=True)) + r")-$", re.I)
MAX_ADVERBS = 1  # adverbs between the subject and its verb ("Allah also forgives")


def verb_subject(src: str, start: int, end: int) -> bool:
    """The name at ``src[start:end]`` is the subject of a finite verb right after it (an auxiliary or modal, or a
    verb form WordNet inflects: reached, forgives, said), at most one adverb between, not possessive and not after a
    preposition, "of", "O" or "indeed"."""
    if re.match(r"['’]s?\b", src[end:]):
        return False  # Allah's Messenger: a genitive
    before = _ENGLISH_WORD.findall(_AR_ARTICLE_TAIL.sub("", src[max(0, start - 24):start]))  # Ash-Shaitan: before Ash-
    if before and before[-1].lower() in _NOT_SUBJECT_BEFORE:
        return False
    after = _ENGLISH_WORD.findall(src[end:end + 60])
    if not re.match(r"\s+[A-Za-z]", src[end:]):
        return False  # a comma, a bracket or the end: an apposition or a list, not a subject
    for k, word in enumerate(after[:MAX_ADVERBS + 1]):
        low = word.lower()
        if word[0].isupper():
            return False  # "find Allah Forgiving": a capitalised word goes with the name, it is no verb of it
        if low in _NOMINAL_COPULA:
            return False
        if low in _SUBJECT_AUX:
            return True
        forms = wordnet.lemmas(low)
        if any(pos == "verb" and base != low for pos, base in forms):
            return True
        if k < MAX_ADVERBS and forms and {pos for pos, _ in forms} == {"adv"}:
            continue
        return False
    return False


# a word that can be a verb in the third person singular, the form that carries a subject left unnamed: the
# imperfect يفعل (يغفر، يخلف; a conjunction, لِـ or سـ before it) or the bare perfect فعل / فعلت (بلغ، غفر، قالت),
# three root letters, no article, no teh marbuta (normalised to ه); function words and particles are not verbs
_IMPERFECT_3RD = re.compile(r"[وف]?[لس]?ي(?!ال)[\u0621-\u064a]{3,5}")
_PERFECT_3RD = re.compile(r"[وف]?(?!ال)[\u0621-\u064a]{2}[^\sهة]ت?")  # a final ى: رأى، بكى، أتى
# particles and adverbs of three letters that the function-word list lacks and that look like a perfect verb
_NOT_VERBS = frozenset(normalize_ar(w) for w in ("لما", "بعد", "قبل", "مثل", "حول", "نحو", "لدى", "هل", "أم", "سوف",
                                                 "ليس", "إلى", "على", "متى", "أنى", "لدن"))


def third_person_verb(word: str) -> bool:
    """A target word that can be a verb in the third person singular (:data:`_IMPERFECT_3RD`,
    :data:`_PERFECT_3RD`), not a function word (behind a conjunction or preposition: لمن): a verb that can carry a
    subject the translation leaves unnamed."""
    function = _non_names() | _NOT_VERBS
    norm = normalize_ar(word)
    if any(norm.startswith(pre) and norm[len(pre):] in function for pre in ("", "و", "ف", "ل", "ب", "ك")):
        return False
    return bool(_IMPERFECT_3RD.fullmatch(norm) or _PERFECT_3RD.fullmatch(norm))


# verbs of the fixed formulas that always name God after them (إن شاء الله "if Allah wills", ما شاء الله, صلى الله
# عليه وسلم, رضي الله عنه, تبارك الله, الله تعالى, عز وجل): where the target has the verb of a formula, God's name is
# part of it, and a verb without it is the formula with the name dropped, not a subject the verb carries
_FORMULA_VERBS = frozenset(normalize_ar(w) for w in ("شاء", "صلى", "رضي", "تبارك", "تعالى", "عز"))


def _formula_verb(word: str) -> bool:
    """A verb of a formula that names God after it (:data:`_FORMULA_VERBS`), a conjunction allowed (فشاء)."""
    norm = normalize_ar(word)
    return norm in _FORMULA_VERBS or norm[:1] in ("و", "ف") and norm[1:] in _FORMULA_VERBS


def _formula_near(pair: AlignedPair, place: float, total: int) -> bool:
    """A verb of a formula (:func:`_formula_verb`) within :data:`MAX_POSITION_GAP` of ``place`` that God's name does
    not follow: the formula with the name dropped (إن شاء لأخرجن), not a subject the verb carries."""
    offset = 0
    for t in pair.tgt:
        words = arabic_words(t.text)
        for k, (w, at, _) in enumerate(words):
            if abs((offset + at) / total - place) <= MAX_POSITION_GAP and _formula_verb(w) and (
                    k + 1 == len(words) or normalize_ar(words[k + 1][0]) not in _GOD_AR):
                return True
        offset += len(t.text) + 1
    return False


def clause_rendered(src: str, start: int, end: int, tgt: str) -> bool:
    """The target renders some word of the English clause around the name at ``src[start:end]``, the name left out
    (a loose dictionary match, :func:`coverage.loosely_shared`): only a clause the target translates can carry its
    subject in a verb; a target that renders none of it (another sentence, the clause lost) has lost the name with it."""
    for a, b in coverage.english_clauses(src):
        if a <= start < b:
            return coverage.loosely_shared(src[a:start] + " " + src[end:b], tgt) >= 1
    return False


def _source_words(pair: AlignedPair) -> set[str]:
    """The pair's source words, lower case."""
    return {w.lower() for sg in pair.src for w in _WORD.findall(sg.text)}


def _source_forms(src_words: set[str]) -> frozenset[str]:
    """The Arabic forms source words render to (:func:`coverage.stemmed_renderings`): a target word with one
    of them renders the source, so it is neither a stand-in name nor a subject after its verb."""
    return frozenset().union(*(coverage.stemmed_renderings(w) for w in src_words))


# the names of one referent that translations use for one another: the Qur'an is also al-Kitab "the Book",
# al-Furqan "the Criterion", adh-Dhikr "the Reminder", at-Tanzil "the Revelation", al-Mushaf; God is also
# ar-Rahman "the Merciful", ar-Rabb "the Lord", al-Ilah.  Latin keys (lower case, no apostrophe) -> group; the
# Arabic forms with the article only (ذكر alone is "he mentioned", رب alone "lord of")
_EPITHET_GROUPS: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset({"quran", "koran", "kitab", "furqan", "dhikr", "thikr", "tanzil", "mushaf"}),
     ("القرآن", "الكتاب", "الفرقان", "الذكر", "التنزيل", "المصحف")),
    (frozenset({"allah", "god", "rahman", "rabb", "ilah"}), ("الله", "الرحمن", "الرب", "الإله")),
)


def epithet_found(word: str, tgt_words: list[str], src_forms: frozenset[str] = frozenset()) -> list[str]:
    """Target words that name the source name's referent by another of its names (:data:`_EPITHET_GROUPS`:
    Umm Al-Kitab = أم القرآن, "the Qur'an" = الفرقان, Ar-Rahman = الله), with clitics (بالكتاب، للرحمن), and that
    render no other word of the source (``src_forms``, :func:`_source_forms`: الكتاب for "the Scripture" given to
    Moses is that scripture, not the Qur'an the sentence also names); [] for a name of no group.  Such a word is
    the same name, not another one standing in its place."""
    key = re.sub(r"['’]", "", word).lower()
    for latin, arabic in _EPITHET_GROUPS:
        if key in latin:
            cores = [normalize_ar(a) for a in arabic]
            return [w for w in tgt_words if any(_affixed(c, w) for c in cores)
                    and not coverage.prepare(w).forms & src_forms]
    return []


def _letter_runs(words: list[str]) -> list[list[str]]:
    """Runs of two or more consecutive one-letter Arabic words: an acronym written in Arabic
    letters, one per Latin letter, kept apart by a zero-width non-joiner or spaces (ج‌ت‌ك for GTK)."""
    runs: list[list[str]] = []
    current: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1:
            current.append(w)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = []
    return runs


# English prefixes of a compound whose head the translation renders (Counterterrorism ~ مكافحة الإرهاب)
_COMPOUND_PREFIXES = ("counter", "anti", "non", "post", "pre", "sub", "inter", "multi", "trans", "super", "cyber",
                      "micro", "macro", "self", "neo")
MIN_HEAD = 5  # letters of the head left after the prefix
_NISBA_ENDINGS = ("ي", "ية", "يه", "يون", "يين", "يات", "يا")  # relative adjectives: الصابئي، الصابئين
_PLURAL_ENDINGS = ("ون", "ين", "ات")
MIN_NISBA_BASE = 3
# English demonym endings (Magi-ans, Egypt-ian, Israel-ites, Iraq-i): a name the gloss of an Arabic word grows by
_DEMONYM_ENDINGS = ("", "s", "an", "ans", "ian", "ians", "ite", "ites", "i", "is", "ese")


_EN_DEMONYM = re.compile(r"(?:ians?|ites?|ans?|is|i)$")


def _demonym_hits(name: str, tgt_words: list[str]) -> list[str]:
    """Target words that transliterate a demonym through its stem, each with its own ending
    (Sabians ~ الصابئين: Sabi ~ الصابئ + ين; Israelites ~ الإسرائيليين)."""
    stem = _EN_DEMONYM.sub("", name.removesuffix("s")) if _EN_DEMONYM.search(name.removesuffix("s")) else ""
    if len(latin_skeleton(stem)) < 2:
        return []
    out = []
    for w in tgt_words:
        bare = normalize_ar(w)
        for e in _NISBA_ENDINGS + _PLURAL_ENDINGS:
            if bare.endswith(e) and len(bare) - len(e) >= MIN_NISBA_BASE and (
                    transliterates(stem, bare[:-len(e)]) or transliterates(stem + "i", bare[:-len(e)])):
                out.append(w)
                break
    return out


_NISBA_ADJ_ENDINGS = ("ي", "يه", "يون", "يين", "يات")  # after normalize_ar (ة -> ه): الأمريكية، المصريون


def _nisba_hits(rendering: str, tgt_words: list[str]) -> list[str]:
    """Target words that are the relative adjective (nisba) of a one-word rendering of a place: the rendering
    without its article and its final ا or يا, plus ي / ية / يون / يين / يات, with clitics (أمريكا ~ الأمريكية for
    "the U.S. Department of State" = وزارة الخارجية الأمريكية; بريطانيا ~ البريطاني; مصر ~ المصريين).  English names
    the country where Arabic says the adjective, and WordNet has no pertainym for most (Britain -> British)."""
    words = rendering.split()
    if len(words) != 1:
        return []
    core = normalize_ar(words[0]).removeprefix("ال")
    bases = {core} | {core[:-len(e)] for e in ("ا", "يا") if core.endswith(e)}
    bases = {b for b in bases if len(b) >= MIN_NISBA_BASE}
    return [w for w in tgt_words
            if any(_affixed("ال" + b + e, w) or _affixed(b + e, w) for b in bases for e in _NISBA_ADJ_ENDINGS)]


def _glossed_hits(name: str, tgt_words: list[str]) -> list[str]:
    """Target words the Arabic-English dictionary glosses with the name, or with a word the name
    is a demonym of (المجوس "magi" ~ Magians)."""
    dictionary = en_ar_dictionary()
    if dictionary is None:
        return []
    out = []
    for w in tgt_words:
        norm = normalize_ar(w)
        bare = norm[1:] if norm[:1] in "وف" and len(norm) > 4 else norm  # والمجوس -> المجوس
        if bare[:1] in "بكل" and bare[1:3] == "ال" and len(bare) > 5:  # بالمجوس -> المجوس
            bare = bare[1:]
        forms = {w, norm, bare}
        glosses = {g for f in forms for g in dictionary.english(f)}
        if any(g and (name == g + e) for g in glosses for e in _DEMONYM_ENDINGS):
            out.append(w)
    return out


# a pronoun, alone or on a preposition or conjunction (هما، لهما، بهم، فيها، منه، عندنا): never a name
_PRONOUN_WORD = re.compile(r"(?:[وف]?(?:ل|ب|ك|في|من|عن|الي|عند|مع|لدي)?(?:ه|هما|هم|ها|هن|كم|كما|كن|نا)"
                           r"|[وف]?(?:هو|هي|انا|انت|انتم|انتما|نحن))")


def pronoun_word(word: str) -> bool:
    """A pronoun, alone or joined to a preposition or conjunction: its letters may sound like a short
    name (لهما ~ Ummah through هما) but it names no one."""
    return _PRONOUN_WORD.fullmatch(normalize_ar(word)) is not None


# endings a name's transliteration may carry: pronouns, dual and plural (عيدنا، الآيتين، مسلمون)
_NAME_SUFFIXES = ("نا", "ها", "هم", "كم", "هما", "ين", "ان", "ون")
MIN_SUFFIXED = 3  # letters left before the ending


# an indefinite or distributive determiner: "a Muslim ... a Muslim" names no one twice, so its count says nothing
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|every|each|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
                                r"forty|fifty|hundred|thousand|\d+)\s+$", re.I)


def alternative_forms(name: str) -> list[str]:
    """Other forms of a proper noun that WordNet lists (Gautama ~ Buddha, Pentateuch ~ Torah, Zechariah ~
    Zacharias; English common words among them left out: Koran ~ Book), and for one ending in -ah the
    Greek/Latin form in -as (Jonah ~ Jonas ~ يونس, Obadiah ~ Obadias): Arabic often follows the form
    the Greek and Syriac tradition handed on, not the Hebrew one English uses.  Only names WordNet
    lists as proper nouns, the -as form for persons only and when a lexicon knows it as a name
    (FreeDict: Jonas -> يونس; WordNet: Zacharias): Allah or a term transliterated from Arabic (Ummah)
    has no Greek form."""
    if not wordnet.is_proper_noun(name):
        return []
    common = english_words()
    forms = sorted(a for a in wordnet.alternative_names(name) if common is None or not _is_common(a, common))
    greek = name[:-2] + "as"
    if name.lower().endswith("ah") and len(name) > 4 and wordnet.is_proper_noun(name, person=True) and (
            wordnet.is_proper_noun(greek) or _has_rendering(greek)):
        forms.append(greek)
    return forms


def _has_rendering(word: str) -> bool:
    """FreeDict has an Arabic rendering of the word (so the lexicon knows it as a word or name)."""
    dictionary = en_ar_dictionary()
    return dictionary is not None and bool(dictionary.arabic(word))


# particles whose letters spell a name of the word list (لولا ~ Lola) but that name no one; with the
# function words of :data:`coverage.AR_FUNCTION_WORDS`
_NAME_LIKE_PARTICLES = frozenset(normalize_ar(w) for w in (
    "لولا", "لوما", "هلا", "ألا", "إلا", "أما", "إما", "إذن", "إذا", "كلا", "بلى", "لعل", "ليت", "لكن", "لكنه"))


# a definite noun (المسجد، والصلاة، بالمدينة، للشيطان): what stands in a name's place is a noun, and the article
# tells a noun from a verb (ينظر) the dictionary glosses with a synonym the source does not use
# how far (a share of the text's length) the stand-in may be from where the name stands in the source:
# translation keeps the rough order of a sentence; a word further off is more likely a paraphrase elsewhere
MAX_POSITION_GAP = 0.25
# how near (a share of the text's length) a word with no counterpart must stand to a repeated name's mention that
# no target mention answers, to count as that mention replaced (tuning half, seeds 0-5: 0.05 and 0.1 flag the same)
REPLACED_GAP = 0.1
_DEFINITE = re.compile(r"[وف]?(?:ال|بال|كال|لل)[\u0621-\u064a]{3,}")


MIN_TERM_PAIRS = 2  # pairs of a page that transliterate an English word alike before it is the page's term


def arabic_usage(word: str) -> bool:
    """The Arabic spelling dictionary knows the word (clitics, a feminine or plural ending, tanwin alef off):
    established Arabic usage, a loanword such as بروتوكول or ديناميكي, or a native word that only sounds like the
    English one (الثغرات "the gaps" for "security"): not a common word left transliterated."""
    stems = arabic_spelling_stems()  # lexicon: Debian's hunspell-ar
    if not stems:
        return False
    for f in word_forms(word):
        bases = {f, coverage.light_stem(f), f.removesuffix("ا")}
        if any(b in stems or b + "ه" in stems for b in bases if len(b) >= 3):
            return True
    return False


def name_like(word: str) -> bool:
    """A target word that can be a name standing in a missing one's place: not a pronoun, alone or on a
    preposition (فإلينا "so to us"), nor a particle or function word behind a conjunction (ولولا "and were it
    not"), whose letters may still spell a name of the word list."""
    if pronoun_word(word):
        return False
    norm = normalize_ar(word)
    function = _non_names()
    return not any(norm.startswith(pre) and norm[len(pre):] in function for pre in ("", "و", "ف"))


@lru_cache(maxsize=1)
def _non_names() -> frozenset[str]:
    """Function words and name-like particles, normalised: built once, not per target word."""
    return coverage.ar_function_forms() | _NAME_LIKE_PARTICLES


def beside_translation(renderings: list[str], neighbours: list[str]) -> bool:
    """A word next to a transliterated loanword is one of its dictionary renderings (صورة بيتماب for
    "Bitmap", rendering الصورة; through light stems, so an article or an ending may differ): the target
    gives the translation and the loanword side by side, and the word is accounted for."""
    stems = {_light_stem(w) for r in renderings for w in r.split() if len(normalize_ar(w)) >= MIN_STAND_IN}
    return any(_light_stem(n) in stems for n in neighbours)



# -- a name used as a modifier, left implicit by a definite head (issue 10, session 18)

MAX_HEAD_WORDS = 2  # common words after a name that make up the noun it modifies ("WordPress administration screens")
# heads that Arabic documentation writes in apposition before the name they classify (الأمر semanage, الملف
# control): there the article does not say the name was left out, so such a head never demotes
_CODE_HEADS = frozenset({"command", "commands", "file", "files", "tool", "tools", "package", "packages", "program",
                         "programs", "module", "modules", "daemon", "daemons", "directory", "directories", "utility",
                         "option", "options", "script", "scripts", "library", "function", "variable", "field"})
_AR_POSSESSED = re.compile(r"[\u0621-\u064a]{3,}(?:ك|كم|ها|هم|نا)")  # شبكتك "your network": definite by its suffix


def modified_heads(text: str, end: int) -> list[str]:
    """The common words right after a name that it modifies as a noun adjunct ("multiple WordPress installations",
    "the IP address", "the WYSIWYG mode"): up to :data:`MAX_HEAD_WORDS` words of the word list, lower-cased; []
    when the name ends a phrase or is followed by another name, a function word or a word WordNet has no noun
    for (without WordNet, [])."""
    common = english_words()
    if common is None:
        return []
    heads: list[str] = []
    at = end
    for m in _WORD.finditer(text, end):
        low = m.group().lower()
        if text[at:m.start()].strip() or len(heads) >= MAX_HEAD_WORDS or low in _HEAD_STOP \
                or not _in_word_list(low, common) or not _has_rendering(low) \
                or not any(pos == "noun" for pos, _ in wordnet.lemmas(low)):
            break  # a noun of WordNet: "the favor of Allah upon you" has no head after the name
        heads.append(low)
        at = m.end()
    return heads


_HEAD_STOP = frozenset({"is", "are", "was", "were", "be", "has", "have", "and", "or", "of", "to", "in", "on", "for",
                        "with", "by", "from", "as", "at", "that", "which", "will", "can", "may", "must", "should",
                        "does", "do", "the", "a", "an", "it", "this", "these", "not", "also", "then", "if", "when",
                        "you", "we", "they", "he", "she", "i", "its", "their", "your", "our", "his", "her", "my"})


def implicit_modifier(src: str, end: int, tgt: str, place: float | None = None) -> bool:
    """A name used as a noun adjunct whose head the target renders as a definite noun (the article, or a possessive
    suffix) not followed by a Latin word: "the 82.50.72.202 IP address" = العنوان, "your WordPress network" =
    شبكتك.  Arabic makes the head definite when it drops the modifier that the context implies (the product the
    interface belongs to, the kind of address); with the name kept, the head stands in construct before it
    (عنوان IP, مستوى RAID), so a name deleted from a construct leaves an indefinite head and is not excused.
    Heads written in apposition (الأمر semanage: :data:`_CODE_HEADS`) never excuse, nor a head further than
    :data:`MAX_POSITION_GAP` from ``place``, where the name stands (a share of the source's length; default: its
    place in ``src``): "the graphics card" early in a sentence does not excuse "the X.org graphics server" at its end."""
    if place is None:
        place = end / max(1, len(src))
    heads = modified_heads(src, end)
    if not heads or any(h in _CODE_HEADS for h in heads):
        return False
    wanted = set().union(*(coverage.stemmed_renderings(h) for h in heads))
    words = arabic_words(tgt)
    for k, (w, _, b) in enumerate(words):
        norm = normalize_ar(w)
        if not (_DEFINITE.fullmatch(norm) or _AR_POSSESSED.fullmatch(norm)):
            continue
        if abs(b / max(1, len(tgt)) - place) > MAX_POSITION_GAP or not coverage.prepare(w).forms & wanted:
            continue
        after = tgt[b:words[k + 1][1] if k + 1 < len(words) else len(tgt)]
        if not _LATIN_WORD.match(after.lstrip(" \t(\"“”«\u200f\u200e")):
            return True
    return False


# English classifier nouns of documentation -> the Arabic noun that introduces the kept name (الأمر semanage)
_CLASSIFIERS: dict[str, tuple[str, ...]] = {
    "command": ("امر",), "commands": ("اوامر",), "file": ("ملف",), "files": ("ملفات",), "tool": ("اداه",),
    "utility": ("اداه",), "package": ("حزمه",), "packages": ("حزم",), "module": ("وحده",), "modules": ("وحدات",),
    "program": ("برنامج",), "daemon": ("خدمه", "برنامج"), "service": ("خدمه",), "directory": ("مجلد",),
}
_CLASSIFIER_PREFIXES = ("", "ال", "و", "ف", "ب", "ل", "ك", "وال", "فال", "بال", "لل", "كال", "وب", "ول", "وبال", "ولل")
_CLASSIFIED = re.compile(r"(?<![\w.])(\.?[A-Za-z][\w.+-]*[A-Za-z0-9])\s+(" + "|".join(_CLASSIFIERS) + r")\b|\b("
                         + "|".join(_CLASSIFIERS) + r")\s+(\.?[A-Za-z][\w.+-]*[A-Za-z0-9])(?![\w.])")


def classified_names(text: str) -> list[tuple[str, str, int, int]]:
    """Latin words the source introduces with a classifier noun ("the semanage command", "the .htaccess file",
    "an NSS module", "the command apt"), as (word, classifier, start, end): documentation's way of saying the word
    is a name of code, whatever its spelling.  A common English word (the configuration file) is taken only
    when written as code (a dot or a digit in it) or shaped like a program name (:func:`tool_like`), since the
    translation translates the others (the preseeding file = ملف التغذية)."""
    common = english_words()
    out = []
    for m in _CLASSIFIED.finditer(text):
        word, noun, start = (m.group(1), m.group(2), m.start(1)) if m.group(1) else (m.group(4), m.group(3), m.start(4))
        low = word.lower()
        if low in _CLASSIFIERS or low in _HEAD_STOP:
            continue
        code = _is_term(word) or any(c in word for c in "._") or any(c.isdigit() for c in word)
        if not code and (common is None or not tool_like(low, common)):
            continue  # preseeding, configuration: English words the translation translates
        out.append((word, noun, start, start + len(word)))
    return out


def dangling_classifiers(tgt: str, noun: str) -> list[tuple[int, int]]:
    """Offsets in ``tgt`` of the Arabic classifier for an English ``noun`` (الأمر for "command", with clitics)
    that no Latin word or path follows: at the end of the text, before punctuation, or before an Arabic word --
    where a translation that introduces a name by its classifier has lost the name."""
    stems = _CLASSIFIERS[noun]
    words = arabic_words(tgt)
    out = []
    for k, (w, a, b) in enumerate(words):
        norm = normalize_ar(w)
        if not any(norm == pre + stem for stem in stems for pre in _CLASSIFIER_PREFIXES):
            continue
        after = tgt[b:words[k + 1][1] if k + 1 < len(words) else len(tgt)]
        if not re.match(r"[\s\u200e\u200f«“\"'(]*\.?[A-Za-z0-9/~$]", after):
            out.append((a, b))
    return out


def _latin_runs(text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of two or more Latin words (:data:`_LATIN_WORD`) separated by spaces only, as (word, start, end)."""
    runs: list[list[tuple[str, int, int]]] = []
    cur: list[tuple[str, int, int]] = []
    for m in _LATIN_WORD.finditer(text):
        if cur and text[cur[-1][2]:m.start()].strip(" ") == "":
            cur.append((m.group(), m.start(), m.end()))
            continue
        if len(cur) >= 2:
            runs.append(cur)
        cur = [(m.group(), m.start(), m.end())]
    if len(cur) >= 2:
        runs.append(cur)
    return runs


MAX_COPIED_RUN = 5  # Latin words of a target run read as a copied name or term; a longer run is untranslated text
_RUN_FILLERS = frozenset({"a", "an", "the", "of", "and", "or"})  # words a copied phrase may lose without a name lost


def copied_run_gaps(src: str, tgt: str) -> list[tuple[tuple[str, int, int], list[tuple[str, int, int]]]]:
    """A Latin phrase the target copies from the source with one inner word missing ("Debian Source Control" kept as
    "Debian Control"): as (the source word, the target run).  A translation that keeps a phrase in Latin copies it
    whole, so a word gone from inside the copy was dropped; its first and last words may go (a shorter name kept),
    and so may an article or a conjunction.  Not when the target has the whole phrase elsewhere."""
    src_runs = _latin_runs(src)
    out = []
    for run in _latin_runs(tgt):
        if len(run) > MAX_COPIED_RUN:
            continue  # a sentence left in English: the untranslated check's
        words = [w.lower() for w, _, _ in run]
        hit = None
        for sr in src_runs:
            low = [w.lower() for w, _, _ in sr]
            for i in range(len(low) - len(words)):
                for k in range(1, len(words)):
                    seq = low[i:i + len(words) + 1]
                    if seq[:k] + seq[k + 1:] == words and seq[k] not in words and seq[k] not in _RUN_FILLERS \
                            and src[sr[i][1]:sr[i + len(words)][2]].lower() not in tgt.lower():
                        hit = sr[i + k]
        if hit is not None:
            out.append((hit, run))
    return out


# -- a Latin-script name in the target that the source does not have (issue 10, session 16)

# a Latin word as a translation keeps it: accented letters (Makarévitch), and joined by . + _ - (ALT+F10, fai-server)
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9]*(?:['’.+_-][A-Za-zÀ-ÖØ-öø-ÿ0-9]+)*")
_LATIN_PARTS = re.compile(r"[.+_'’-]")
MIN_TYPO = 5  # letters of a source word whose one-letter misspelling (Posfix for Postfix) is no other name


def fold_latin(word: str) -> str:
    """A Latin word lower-cased without its accents (Makarévitch -> makarevitch)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def latin_keys(word: str) -> set[str]:
    """The forms under which a Latin word of one side is the same word on the other: the whole, its parts
    (ALT+F10 -> alt, f10; fai-server -> fai, server) and the singular of a plural (Proxies -> proxy)."""
    w = fold_latin(_possessive(word))
    keys = {w, *_LATIN_PARTS.split(w)}
    for k in list(keys):
        if k.endswith("ies") and len(k) > 4:
            keys.add(k[:-3] + "y")
        elif k.endswith("es") and len(k) > 4:
            keys.add(k[:-2])
        if k.endswith("s") and len(k) > 3:
            keys.add(k[:-1])
    return {k for k in keys if k}


def _initials(words: list[str]) -> set[str]:
    """Initials of every run of two to six consecutive words (camel-case parts apart: ShareAlike -> S, A)."""
    parts = [p for w in words for p in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", w)]
    letters = [p[0].lower() for p in parts]
    return {"".join(letters[i:j]) for i in range(len(letters)) for j in range(i + 2, min(len(letters), i + 6) + 1)}


def latin_stand_ins(src: str, tgt: str) -> list[tuple[int, int]]:
    """Offsets in ``tgt`` of Latin-script names the source does not have: a capitalised word or a term (acronym,
    mixed case, letters with digits) none of whose forms (:func:`latin_keys`) is a form of a source word, that is
    not an abbreviation the source spells out (VG for "volume group", CC for Creative Commons), not a word of an
    expansion of a source acronym (Advanced Package Tool for APT), and not one letter away from a source word of
    :data:`MIN_TYPO` letters or more (Posfix: a misspelling of a name the source has, not another name).  A
    translation keeps names in Latin script or renders them; a Latin name the source lacks stands in for one it has
    (ssh -> Wine, BIOS -> Key) or was added."""
    src_words = [_possessive(m.group()) for m in _LATIN_WORD.finditer(src)]
    src_keys = set().union(*(latin_keys(w) for w in src_words)) if src_words else set()
    initials = _initials(src_words)
    acronyms = {fold_latin(w) for w in src_words if _is_term(w) and w.isupper()}
    found = [(m.start(), m.start() + len(_possessive(m.group())), _possessive(m.group())) for m in _LATIN_WORD.finditer(tgt)]
    expansion: set[int] = set()  # target words whose run's initials spell a source acronym
    for i in range(len(found)):
        for j in range(i + 2, min(len(found), i + 6) + 1):
            run = found[i:j]
            if all(tgt[a[1]:b[0]].strip() == "" for a, b in pairwise(run)) and \
                    "".join(w[0] for _, _, w in run).lower() in acronyms:
                expansion.update(range(i, j))
    out = []
    for k, (a, b, word) in enumerate(found):
        letters = sum(c.isalpha() for c in word)
        if letters < 2 or not (word[0].isupper() or _is_term(word)) or k in expansion:
            continue
        keys = latin_keys(word)
        if keys & src_keys or fold_latin(word) in initials or _name_and_number(word, src_keys, src):
            continue
        if any(len(s) >= MIN_TYPO and _one_letter_apart(fold_latin(word), fold_latin(s))
               and re.findall(r"\d+", s) == re.findall(r"\d+", word) for s in src_words):  # uint66 is no typo
            continue
        out.append((a, b))
    return out


# a lower-case word standing alone (not inside a path, file name, option, contraction or hyphenated compound)
_LOWER_WORD = re.compile(r"(?<![\w./'’\-$@=])[a-z][a-z0-9]*(?![\w/'’\-=]|\.\w)")
MIN_TOOL = 4  # letters of a lower-case program name (systemd, passwd); shorter ones (dd, nc) are too often other things
_EN_SUFFIXES = ("izations", "ization", "isations", "isation", "ations", "ation", "ized", "ised", "izes", "ises",
                "ize", "ise", "ings", "ing", "ments", "ment", "es", "s", "ed")
_EN_PREFIXES = ("re", "un", "pre", "de", "non", "dis", "sub", "over")


def _english_derivation(word: str, common: frozenset[str]) -> bool:
    """An English word the word list lacks only as a derived form: a suffix or prefix on a common word, a
    dictionary headword or a compound of common words (virtualization, widgetized, reimplementation, symlinks)."""
    def known(stem: str) -> bool:
        return (_in_word_list(stem, common) or _has_rendering(stem) or bool(compound_parts(stem.capitalize())))
    for suf in _EN_SUFFIXES:
        stem = word[:-len(suf)]
        if word.endswith(suf) and len(stem) >= MIN_PART and (known(stem) or known(stem + "e")):
            return True
    return any(word.startswith(pre) and len(word) - len(pre) >= MIN_TOOL and known(word[len(pre):])
               for pre in _EN_PREFIXES)


def tool_names(text: str) -> list[tuple[str, int, int]]:
    """Lower-case words of the source that are program, command or package names (systemd, libvirtd, passwd,
    semanage): :data:`MIN_TOOL` letters or more, not in the word list, without a dictionary rendering, not a
    compound of common words (adduser, bootloader, hotplug: translators translate those), a derived form of a
    known word (:func:`_english_derivation`) or a plural (symlinks, permalinks: nouns of the jargon; a program
    has one name), nor a word after an indefinite article or a number that heads its phrase ("a symlink from": a
    common noun of the jargon; a program's name takes no article, "a systemd unit" is the unit's).  Documentation keeps such names in Latin script; as (word, start, end).  (A misspelling
    filter, one letter from a common word, was tried: it also takes systemd ~ system and passwd ~ passed.)"""
    common = english_words()
    if common is None:
        return []
    return [(m.group(), m.start(), m.end()) for m in _LOWER_WORD.finditer(text) if tool_like(m.group(), common)
            and not (_INDEFINITE_BEFORE.search(text[max(0, m.start() - 12):m.start()]) and _HEAD_END.match(text, m.end()))]


# what follows a noun that heads its phrase: punctuation, the end, or a function word ("a symlink from ..."; not "a
# systemd unit", where the article is the unit's)
_HEAD_END = re.compile(r"\s*(?:[^\w\s]|$|(?:from|to|in|on|at|for|with|of|and|or|that|which|is|was|are|will|can)\b)")


def tool_like(word: str, common: frozenset[str]) -> bool:
    """The shape of a lower-case program name (:func:`tool_names`): :data:`MIN_TOOL` letters or more, no plural,
    unknown to the word list and the dictionary, no compound or derived form of known words."""
    return (len(word) >= MIN_TOOL and word.isalpha() and not word.endswith("s")
            and not _in_word_list(word, common) and not _has_rendering(word)
            and not compound_parts(word.capitalize()) and not _english_derivation(word, common))


MIN_PART = 3  # letters of each common word of a compound name


def compound_parts(word: str) -> list[str]:
    """The English common words a capitalised compound is made of (Oldstable -> old, stable; Screenreaders ->
    screen, readers; ShareAlike -> share, alike): two or three words of the word list, :data:`MIN_PART` letters or
    more each, split at its capitals first; [] for a word that is not such a compound (an acronym, a name)."""
    common = english_words()
    if common is None or not word[:1].isupper() or word.isupper() or not word.isalpha():
        return []
    camel = re.findall(r"[A-Z][a-z]+", word)
    if len(camel) > 1 and "".join(camel) == word:
        parts = [p.lower() for p in camel]
        return parts if all(len(p) >= MIN_PART and _in_word_list(p, common) for p in parts) else []
    low = word.lower()

    def split(rest: str, depth: int) -> list[str] | None:
        if len(rest) >= MIN_PART and _in_word_list(rest, common):
            return [rest]
        if depth == 0:
            return None
        for i in range(len(rest) - MIN_PART, MIN_PART - 1, -1):  # the longest head first
            head = rest[:i]
            if _in_word_list(head, common):
                tail = split(rest[i:], depth - 1)
                if tail:
                    return [head, *tail]
        return None

    for i in range(len(low) - MIN_PART, MIN_PART - 1, -1):
        if _in_word_list(low[:i], common):
            tail = split(low[i:], 1)
            if tail:
                return [low[:i], *tail]
    return []


def target_latin_keys(src: str, tgt: str) -> set[str]:
    """The :func:`latin_keys` of the target's Latin words, and the name of a name with a number glued to it that
    the source writes apart (:func:`_name_and_number`: RFC٢٨٢٢ for "RFC 2822" keeps RFC; ALT+F١٠ keeps F10)."""
    tgt = tgt.translate(ASCII_DIGITS)
    keys: set[str] = set()
    for m in _LATIN_WORD.finditer(tgt):
        word = _possessive(m.group())
        keys |= latin_keys(word)
        for part in [word, *_LATIN_PARTS.split(word)]:
            glued = re.fullmatch(r"(.*[A-Za-z])(\d+)", part)
            if glued and glued.group(2) in re.findall(r"\d+", src):
                keys.add(fold_latin(glued.group(1)))
    return keys


def _same_latin(name: str, word: str) -> bool:
    """A Latin word of the target is the source's name: the same in any case, or a misspelling of a name of
    :data:`MIN_TYPO` letters or more (Posfix for Postfix), its digits the same."""
    a, b = fold_latin(name), fold_latin(word)
    return a == b or (len(a) >= MIN_TYPO and _one_letter_apart(a, b) and re.findall(r"\d+", a) == re.findall(r"\d+", b))


_AR_HYPHENATED = re.compile(r"[\u0621-\u065f\u0670]+(?:-[\u0621-\u065f\u0670]+)*")


def _hyphen_words(text: str) -> list[str]:
    """The target's Arabic words, words joined by a hyphen as one (مون-بلييه), the hyphen left out."""
    return [m.group().replace("-", "") for m in _AR_HYPHENATED.finditer(text)]


def _name_and_number(word: str, src_keys: set[str], src: str) -> bool:
    """A name with a number glued to it that the source writes apart (RFC2822 for "RFC 2822": Arabic digits after
    a Latin name leave no space once read as digits); not uint70 for uint64, a number changed."""
    m = re.fullmatch(r"(.*[A-Za-z])(\d+)", word)
    return m is not None and fold_latin(m.group(1)) in src_keys and m.group(2) in re.findall(r"\d+", src)


def _one_letter_apart(a: str, b: str) -> bool:
    """Equal but for one letter added, dropped or changed (``translit.one_edit``), or two neighbours
    swapped (Lintain for Lintian)."""
    if one_edit(a, b):
        return True
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


class NamesCheck(Check):
    name = "names"
    category = "accuracy/named-entity"
    default_severity = Severity.MAJOR
    _pair: AlignedPair
    _pair_forms: frozenset[str] | None
    _renumbered: dict[str, str]  # target name -> source name differing only in digits (the numbers check's)

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if not pair.src or not pair.tgt:
            return []
        tgt_text = pair.tgt_text.translate(ASCII_DIGITS)
        tgt_latin = {w.lower() for w in _TOKEN.findall(tgt_text)} | target_latin_keys(pair.src_text, tgt_text)
        tgt_words = [w for w, _, _ in arabic_words(tgt_text)]
        self._pair, self._pair_forms = pair, None  # what the source's words render, when an epithet asks
        # V6L for V4L: a number changed inside a name, which the numbers check reports; neither name is this one's
        self._renumbered = renumbered_names(pair.src_text, tgt_text) if reporting(ctx, "numbers") else {}
        renumbered = set(self._renumbered.values())
        out: list[Finding] = []
        accounted: set[str] = set()  # Arabic words that render some source name
        src_latin: set[str] = set()
        missing: list[tuple[Segment, list[tuple[str, int, int]]]] = []
        for seg in pair.src:
            implicit = implicit_god_objects(seg.text, tgt_text)
            for group in source_names(seg.text):
                if len(group) == 1 and group[0][1] in implicit:
                    continue  # "fear Allah" = اتقوا: the Arabic verb carries the name
                src_latin.update(w.lower() for w, _, _ in group)
                found = [self._found(w, tgt_text, tgt_latin, tgt_words, accounted, ctx) for w, _, _ in group]
                whole = " ".join(w for w, _, _ in group)
                if distinctive_found(group, found) or self._found(whole, tgt_text, tgt_latin, tgt_words, accounted, ctx):
                    continue
                if any(w.translate(ASCII_DIGITS) in renumbered for w, _, _ in group) \
                        and all(f or w.translate(ASCII_DIGITS) in renumbered for (w, _, _), f in zip(group, found, strict=True)):
                    continue  # every word not found is a name whose number the target changed: the numbers check's
                expansion = acronym_expansion(pair.src_text, whole)
                if expansion and self._expansion_found(expansion, tgt_text, tgt_latin, tgt_words, accounted, ctx):
                    continue  # "PostScript Printer Description (PPD)": the translation may use the words
                if len(group) == 1 and self._compound_rendered(whole, tgt_text):
                    continue  # Oldstable = المستقرة القديمة: a compound of common words, translated
                missing.append((seg, group))
        # lower-case program names (systemd, passwd: :func:`tool_names`), where the target keeps some lower-case word of
        # the source in Latin (init, sources.list): a translation that keeps code keeps program names; one that keeps
        # none may translate them all (tuning half: without that condition, 12 more clean manuals pairs and 18
        # catalogue pairs flagged: permalink, struct)
        src_keys = {k for seg in pair.src for m in _LATIN_WORD.finditer(seg.text) for k in latin_keys(m.group())}
        keeps_code = any(m.group().islower() and latin_keys(m.group()) & src_keys for m in _LATIN_WORD.finditer(tgt_text))
        for seg in pair.src if keeps_code else ():
            for word, start, end in tool_names(seg.text):
                if word not in renumbered and not self._found(word, tgt_text, tgt_latin, tgt_words, accounted, ctx) \
                        and not self._page_translates(word, pair, ctx):
                    missing.append((seg, [(word, start, end)]))
        chains = {id(seg): chain_names(seg.text, source_names(seg.text)) for seg in pair.src}
        lost_chain = set()  # segments whose chain of narration the target leaves out as a whole
        for seg in pair.src:
            lost = sum(1 for sg, g in missing if sg is seg and g[0][1] in chains[id(seg)])
            if lost >= MIN_CHAIN and 2 * lost >= len(chains[id(seg)]):
                lost_chain.add(id(seg))
        for seg, group in missing:
            start, end = group[0][1], group[-1][2]
            name = seg.text[start:end]
            latin = self._replacement(pair, src_latin)
            stand_ins = [] if latin is not None else self._arabic_stand_ins(pair, accounted)
            # a stand-in counts (as evidence, in the message, as the span) only when it can be a name: not
            # ولولا "were it not", not فإلينا "to us"; otherwise the span is the whole sentence, "not found"
            # rather than a wrong word
            named = [span for word, span in stand_ins if name_like(word)]
            replacement = latin or (named[0] if named else None)
            pointer = (replacement
                       or self._unexplained_word(pair, accounted, [(seg, start)]))
            # evidence: a stand-in, a Latin-style term, or a rendering we know (of the name or of another
            # form of it: Jonah through Jonas ~ يونس) and did not find; a plain capitalised name we cannot
            # render may be an exonym (Saul ~ طالوت): minor; without the word list a capitalised word may be
            # a common word (the Prophet): minor
            distinct = english_words() is not None
            known = (replacement is not None or any(_is_term(w) for w, _, _ in group)
                     or any(self._renderings(w, ctx) or (distinct and len(latin_skeleton(w)) >= DISTINCT_CLASSES)
                            or any(self._renderings(a, ctx) for a in alternative_forms(w))
                            for w, _, _ in group))
            # "(i.e. Al-Madinah)", "(PPD)": a gloss the target may omit, unless another name stands in its place
            glossed = replacement is None and _in_brackets(seg.text, start) and not bracketed_code(seg.text, start, end)
            # "the IP address" = العنوان: a modifier the definite head leaves implicit (:func:`implicit_modifier`)
            implied = replacement is None and not glossed and implicit_modifier(
                seg.text, end, tgt_text, self._src_place(pair, seg, end))
            # the whole chain of narration left out (the Arabic gives the text without its isnad), or a
            # name in apposition to "my father": a frame or a repeat the target may leave implicit
            framed = replacement is None and (id(seg) in lost_chain and start in chains[id(seg)]
                                              or _KIN_BEFORE.search(seg.text[max(0, start - 30):start]) is not None
                                              or inna_pronoun(seg.text, start, tgt_text)
                                              or implicit_agent(seg.text, start, tgt_text))
            # the subject of a finite verb with no word standing in its place ("And when Joseph reached maturity" =
            # ولما بلغ أشده): the Arabic verb carries it; a replaced name leaves a word in its place, a dropped
            # genitive or object a gap Arabic cannot leave
            carried = (pointer is None and all(_PLAIN_NAME.fullmatch(w) for w, _, _ in group)
                       and verb_subject(seg.text, start, end) and clause_rendered(seg.text, start, end, tgt_text)
                       and self._verb_near(pair, accounted, self._src_place(pair, seg, start)))
            out.append(self.finding(
                severity=Severity.MAJOR if known and not glossed and not framed and not carried and not implied
                else Severity.MINOR,
                message=f"The name or term “{name}” of the source is not in the translation "
                "(not kept in Latin script, transliterated, nor rendered through the glossary or dictionary)"
                + (": another name stands in its place." if replacement is not None else "."),
                src_span=seg_span(seg, start, end),
                tgt_span=pointer or self._whole_target(pair),
                threshold=_MISSING + ("; inside brackets: a gloss, minor" if glossed else "")
                + ("; a chain of narration or an apposition the target may leave implicit: minor" if framed else "")
                + ("; the subject of a verb, which the Arabic verb may carry, nothing in its place: minor" if carried else "")
                + ("; a modifier of a noun the target renders definite, the name implied: minor" if implied else ""),
            ))
        out.extend(self._fewer_mentions(pair, tgt_text, tgt_words, accounted, ctx))
        out.extend(self._dangling_findings(pair, out, src_latin, ctx))
        out.extend(self._copied_run_findings(pair, out))
        out.extend(self._stand_in_findings(pair, out))
        out.extend(self._transliterated_common_words(pair, accounted, ctx))
        return out

    def _stand_in_findings(self, pair: AlignedPair, earlier: list[Finding]) -> list[Finding]:
        """A Latin-script name in the target that the source does not have (:func:`latin_stand_ins`), not already
        shown as the stand-in of a missing name: **major**, a name replaced (ssh -> Wine) or added.  The source span
        is the source's Latin word nearest the stand-in's place that the target does not keep, else the source."""
        shown = {f.tgt_span.text for f in earlier if f.tgt_span is not None}
        src_text = pair.src_text.translate(ASCII_DIGITS)
        tgt_keys = set().union(*(latin_keys(m.group()) for t in pair.tgt
                                 for m in _LATIN_WORD.finditer(t.text.translate(ASCII_DIGITS))))
        total = max(1, sum(len(t.text) + 1 for t in pair.tgt))
        out: list[Finding] = []
        offset = 0
        for t in pair.tgt:
            text = t.text.translate(ASCII_DIGITS)
            for a, b in latin_stand_ins(src_text, text):
                word = t.text[a:b]
                if word in shown or text[a:b] in self._renumbered:
                    continue  # shown already, or a renumbered name (the numbers check's)
                shown.add(word)
                out.append(self.finding(
                    f"“{word}” in the translation is a Latin-script name the source does not have: "
                    "a name of the source may be replaced by it, or it was added.",
                    src_span=self._lost_latin(pair, tgt_keys, (offset + a) / total),
                    tgt_span=seg_span(t, a, b),
                    threshold="a Latin-script name of the target is a word of the source (any case, accents, parts, "
                              "singular), its initials or its misspelling"))
            offset += len(t.text) + 1
        return out

    def _copied_run_findings(self, pair: AlignedPair, earlier: list[Finding]) -> list[Finding]:
        """A word missing from inside a Latin phrase the target copies (:func:`copied_run_gaps`): **major**, a word of
        a kept name or term dropped; not repeated for a word already reported."""
        shown = {f.src_span.text for f in earlier if f.src_span is not None}
        out: list[Finding] = []
        for seg in pair.src:
            for t in pair.tgt:
                for (word, a, b), run in copied_run_gaps(seg.text, t.text.translate(ASCII_DIGITS)):
                    if word in shown:
                        continue
                    shown.add(word)
                    kept = t.text[run[0][1]:run[-1][2]]
                    out.append(self.finding(
                        f"“{word}” is missing from the Latin phrase the translation copies as “{kept}”.",
                        src_span=seg_span(seg, a, b), tgt_span=seg_span(t, run[0][1], run[-1][2]),
                        threshold="a Latin phrase the target copies from the source keeps every inner word "
                                  "(articles and conjunctions apart)"))
        return out

    def _dangling_findings(self, pair: AlignedPair, earlier: list[Finding], src_names: set[str],
                           ctx: CheckContext) -> list[Finding]:
        """A name the source introduces with a classifier noun (:func:`classified_names`: "the semanage command")
        that the target keeps in Latin fewer times than the source has it, while the target has that classifier
        with no Latin word after it (:func:`dangling_classifiers`: بالأمر at the end of the sentence) within
        :data:`MAX_POSITION_GAP` of where the source gives the name: the translation introduced the name and lost it.
        A name of :func:`source_names` counts its renderings and transliterations too (حزمة دبيان), and an acronym
        the source spells out is left to the main rule ("PPD files" = ملفات وصف طابعات).  **Major**; not repeated
        for a name already reported."""
        shown = {f.src_span.text for f in earlier if f.src_span is not None}
        out: list[Finding] = []
        for seg in pair.src:
            for word, noun, a, b in classified_names(seg.text):
                if word in shown:
                    continue
                token = re.compile(r"(?<![\w.])" + re.escape(word) + r"(?![\w])", re.I)
                n_src = len(token.findall(pair.src_text))
                n_tgt = sum(len(token.findall(t.text.translate(ASCII_DIGITS))) for t in pair.tgt)  # security٢
                if word.lower() in src_names:  # a name also counts rendered or transliterated (حزمة دبيان), or
                    tgt_text = pair.tgt_text.translate(ASCII_DIGITS)  # through its expansion (PPD files = ملفات وصف ...)
                    tgt_words = [w for w, _, _ in arabic_words(tgt_text)]
                    rendered = self._target_mentions(word, tgt_text, tgt_words, ctx)
                    n_tgt = max(n_tgt, rendered or 0)
                    if not n_tgt and acronym_expansion(pair.src_text, word):
                        continue
                if n_tgt >= n_src:
                    continue
                place = self._src_place(pair, seg, a)
                total = max(1, sum(len(t.text) + 1 for t in pair.tgt))
                holes, offset = [], 0
                for t in pair.tgt:
                    holes += [(abs((offset + x) / total - place), t, x, y) for x, y in dangling_classifiers(t.text, noun)]
                    offset += len(t.text) + 1
                holes = [h for h in holes if h[0] <= MAX_POSITION_GAP]  # "this package" elsewhere is another mention
                if not holes:
                    continue
                _, t, x, y = min(holes, key=lambda h: h[0])
                shown.add(word)
                out.append(self.finding(
                    f"The source introduces “{word}” as a {noun}; the translation keeps it {n_tgt} of {n_src} times "
                    f"and has “{t.text[x:y]}” with no name after it: the name may be dropped.",
                    src_span=seg_span(seg, a, b), tgt_span=seg_span(t, x, y),
                    threshold="a name the source gives with a classifier noun is kept in Latin as often as the source "
                              "has it, or the target's classifier has a Latin word after it"))
        return out

    @staticmethod
    def _lost_latin(pair: AlignedPair, tgt_keys: set[str], place: float):
        """The source's capitalised Latin word or term that the target does not keep, nearest ``place`` (a share
        of the text's length); else the whole first source segment."""
        best, best_gap = None, 0.0
        common = english_words()
        for seg in pair.src:
            for m in _LATIN_WORD.finditer(seg.text):
                word = _possessive(m.group())
                if latin_keys(word) & tgt_keys or not (_is_term(word) or word[0].isupper() and (
                        common is None or not _is_common(fold_latin(word), common))):
                    continue  # kept, or a common word ("It", "Select")
                gap = abs(NamesCheck._src_place(pair, seg, m.start()) - place)
                if best is None or gap < best_gap:
                    best, best_gap = seg_span(seg, m.start(), m.start() + len(word)), gap
        return best or seg_span(pair.src[0], 0, len(pair.src[0].text))

    # -- finding a name in the target

    def _found(self, word: str, tgt_text: str, tgt_latin: set[str], tgt_words: list[str],
               accounted: set[str], ctx: CheckContext) -> bool:
        if self._found_plain(word, tgt_text, tgt_latin, tgt_words, accounted, ctx):
            return True
        if "." in word and self._found_plain(word.replace(".", ""), tgt_text, tgt_latin, tgt_words, accounted, ctx):
            return True  # U.S ~ US (الولايات المتحدة)
        if " " in word:
            return False
        hits = self._related_hits(word, tgt_words, ctx)
        accounted.update(hits)
        if hits:
            return True
        # Jonah ~ يونس through Jonas: the other form of the name that the Arabic follows, looked up
        # through its renderings only (a second loose sound-match would find stand-ins: measured); a country
        # through the nisba adjective of its name or of another name of it (U.S. ~ America ~ الأمريكية)
        forms = [word, *alternative_forms(word.replace(".", "")), *alternative_forms(word)]
        for k, alt in enumerate(dict.fromkeys(forms)):
            for r in self._renderings(alt, ctx):
                alt_hits = (_rendering_hits(r, tgt_text, tgt_words) if k else []) or _nisba_hits(r, tgt_words)
                if alt_hits:
                    accounted.update(alt_hits)
                    return True
        if self._pair_forms is None:
            self._pair_forms = _source_forms(_source_words(self._pair))
        epithet_hits = epithet_found(word, tgt_words, self._pair_forms)
        accounted.update(epithet_hits)
        return bool(epithet_hits)

    def _related_hits(self, word: str, tgt_words: list[str], ctx: CheckContext) -> list[str]:
        """Target words that render a name through a related word: the rendering of a WordNet
        pertainym (Egyptian ~ مصر) or of its singular (Americans ~ الأمريكي), the head of a prefixed compound (Counterterrorism ~
        الإرهاب), or a word the Arabic-English dictionary glosses with the name or its stem
        (المجوس "magi" ~ Magians)."""
        low = word.lower()
        related = [low, *sorted(wordnet.pertainyms(low))]
        if low.endswith("s") and len(low) > 4:
            related.append(low[:-1])
        related += [low[len(p):] for p in _COMPOUND_PREFIXES if low.startswith(p) and len(low) - len(p) >= MIN_HEAD]
        hits: list[str] = []
        for rel in related:
            for r in self._renderings(rel, ctx):
                if rel != low:
                    hits += _rendering_hits(r, " ".join(tgt_words), tgt_words)
            if hits:
                return hits
        return _glossed_hits(low, tgt_words) or _demonym_hits(word, tgt_words)

    def _found_plain(self, word: str, tgt_text: str, tgt_latin: set[str], tgt_words: list[str],
                     accounted: set[str], ctx: CheckContext) -> bool:
        if word.lower() in tgt_latin or fold_latin(word) in tgt_latin or (" " in word and word.lower() in tgt_text.lower()):
            return True
        if _PLURAL_ACRONYM.fullmatch(word) and self._found(word[:-1], tgt_text, tgt_latin, tgt_words, accounted, ctx):
            return True  # CDs: the singular's rendering (الأقراص المدمجة) or the acronym itself
        for r in self._renderings(word, ctx):
            hits = _rendering_hits(r, tgt_text, tgt_words)
            if hits:
                accounted.update(hits)
                return True
            hit_words = _inflected_half(r, tgt_words)
            if hit_words:  # الأقراص المدمجة for القرص المدمج (CD): a plural, an article, a title left out
                accounted.update(hit_words)
                return True
        if " " in word:
            return False
        if len(latin_skeleton(word)) < 2 and self._renderings(word, ctx):
            return False  # Allah ~ إله: a one-consonant sound-alike is no evidence when the rendering is known
        if any(c.isdigit() for c in word):
            return False  # ext4 is not التجزئة: a transliteration drops the number a name with digits keeps
        content = [w for w in tgt_words if not pronoun_word(w)]
        for w in content:
            if transliterates(word, w):
                accounted.add(w)
                return True
        for w in content:  # عيدنا "our Eid", الآيتين "the two Ayat": a pronoun or dual/plural ending
            if any(w.endswith(suf) and len(w) - len(suf) >= MIN_SUFFIXED and transliterates(word, w[:-len(suf)])
                   for suf in _NAME_SUFFIXES):
                accounted.add(w)
                return True
        for a, b in pairwise(tgt_words):  # Bismillah ~ بسم الله
            if transliterates(word, a + b):
                accounted.update((a, b))
                return True
        if word.isupper():
            for run in _letter_runs(tgt_words):  # GTK ~ ج‌ت‌ك: an acronym spelt letter by letter
                if transliterates(word, "".join(run)):
                    accounted.update(run)
                    return True
        return False

    def _fewer_mentions(self, pair: AlignedPair, tgt_text: str, tgt_words: list[str], accounted: set[str],
                        ctx: CheckContext) -> list[Finding]:
        """A name the source repeats whose mentions the target has at most half of (Allah x 2,
        الله x 1): one mention dropped or replaced.  Counted where counts are reliable: Latin
        tokens, glossary/dictionary renderings, transliterations of a distinctive name without a
        rendering (:meth:`_target_mentions`); mentions in brackets or after a / an / every do
        not count (an indefinite mention is not the same one named again, nor a counted one: "forty
        Dirham").  Fewer mentions but more than half is normal (a pronoun for a repeat) and not flagged,
        unless a word no source word accounts for (:meth:`_unexplained_word`) stands within
        ``REPLACED_GAP`` of a source mention that no target mention answers (:meth:`_unmatched_mentions`):
        نعمة الجحيم for "the favor of Allah", where the other two mentions have their الله."""
        mentions: dict[str, list[tuple[Segment, int, int]]] = {}
        for seg in pair.src:
            implicit = implicit_god_objects(seg.text, tgt_text)
            for group in source_names(seg.text):
                if len(group) == 1 and not _in_brackets(seg.text, group[0][1]) and group[0][1] not in implicit:
                    word, start, end = group[0]
                    if _INDEFINITE_BEFORE.search(seg.text[max(0, start - 12):start]):
                        continue  # "a Muslim", "every Moses": any one of a kind, not the same one named again
                    mentions.setdefault(word, []).append((seg, start, end))
        out = []
        for word, where in mentions.items():
            if len(where) < MIN_REPEATED:
                continue
            n_target = self._target_mentions(word, tgt_text, tgt_words, ctx)
            if n_target is None or n_target == 0 or n_target >= len(where):
                continue  # not countable, missing altogether (the rule above), or enough mentions
            stand_in = None
            if 2 * n_target > len(where):  # a pronoun for a repeat is normal, unless a word took the mention's place
                lost = self._unmatched_mentions(pair, word, where, tgt_words, ctx)
                stand_in = self._unexplained_word(pair, accounted, lost, REPLACED_GAP) if lost else None
                if stand_in is None:
                    continue
                seg, start, end = next((sg, a, b) for sg, a, b in where if (sg, a) in lost)
                threshold = (f"target mentions {n_target} < the source's {len(where)}, and a word no source word "
                             f"accounts for within {REPLACED_GAP} of a mention no target mention answers")
            else:
                seg, start, end = where[-1]
                threshold = (f"target mentions {n_target} <= half the source's {len(where)} "
                             "(Latin or glossary/dictionary rendering; bracketed mentions not counted)")
            out.append(self.finding(
                f"The source names “{word}” {len(where)} times, the translation {n_target}: "
                "a mention may be dropped or replaced by another name.",
                src_span=seg_span(seg, start, end),
                # the word that may have taken a mention's place, or the whole sentence
                tgt_span=stand_in or self._unexplained_word(pair, accounted, [(sg, at) for sg, at, _ in where])
                or self._whole_target(pair),
                threshold=threshold))
        return out

    @staticmethod
    def _src_place(pair: AlignedPair, seg: Segment, start: int) -> float:
        """Where an offset of a source segment stands in the pair's source text, as a share of its length."""
        before = sum(len(sg.text) + 1 for sg in pair.src[:pair.src.index(seg)])
        return (before + start) / max(1, len(pair.src_text))

    def _verb_near(self, pair: AlignedPair, accounted: set[str], place: float) -> bool:
        """A target word that can be a third-person verb (:func:`third_person_verb`), not a rendering of a source name,
        within :data:`MAX_POSITION_GAP` of ``place`` (a share of the source's length), whose next word is no stand-in
        subject: Arabic puts an explicit subject right after its verb (روى سالم "Salim narrated"), so the word there
        must be explained -- a pronoun, a function word, another verb, a rendering of a source word -- or absent."""
        src_forms = _source_forms(_source_words(pair))
        total = max(1, sum(len(t.text) + 1 for t in pair.tgt))
        if _formula_near(pair, place, total):
            return False  # إن شاء "if wills": a formula that names God after its verb, with the name dropped
        offset = 0
        for t in pair.tgt:
            words = arabic_words(t.text.translate(ASCII_DIGITS))
            for k, (w, at, _) in enumerate(words):
                if abs((offset + at) / total - place) > MAX_POSITION_GAP or w in accounted or not third_person_verb(w):
                    continue
                nxt = words[k + 1][0] if k + 1 < len(words) else None
                if nxt is None or nxt in accounted or not name_like(nxt) or third_person_verb(nxt) \
                        or coverage.prepare(nxt).forms & src_forms:
                    return True
            offset += len(t.text) + 1
        return False

    def _target_mentions(self, word: str, tgt_text: str, tgt_words: list[str], ctx: CheckContext) -> int | None:
        """How many times the target has a name: as a Latin token, or through its renderings
        (affixed forms of a one-word rendering included), or, for a distinctive name (three consonant
        classes or more) without a rendering, through the target words that transliterate it (Salat ~
        الصلاة); None when it has none of these."""
        latin = sum(1 for w in _TOKEN.findall(tgt_text) if _same_latin(word, _possessive(w)))
        renderings = self._renderings(word, ctx)
        rendered = max((len(_rendering_hits(r, tgt_text, tgt_words)) for r in renderings), default=0)
        if not rendered and len(latin_skeleton(word)) >= DISTINCT_CLASSES:
            # no rendering found (none known, or a dictionary definition: Debian): count transliterations, a name
            # the target writes with a hyphen as one (مون-بلييه for Montpellier)
            rendered = sum(1 for w in _hyphen_words(tgt_text) if not pronoun_word(w) and transliterates(word, w))
        if not latin and not rendered:
            return None
        return max(latin, rendered)

    def _expansion_found(self, expansion: list[str], tgt_text: str, tgt_latin: set[str], tgt_words: list[str],
                         accounted: set[str], ctx: CheckContext) -> bool:
        """At least half the words of an acronym's expansion are in the target (names as names,
        common words through their dictionary renderings)."""
        target = coverage.prepare(tgt_text)
        n = sum(1 for w in expansion
                if coverage.stemmed_renderings(w.lower()) & target.forms
                or self._found(w, tgt_text, tgt_latin, tgt_words, accounted, ctx))
        return 2 * n >= len(expansion)

    @staticmethod
    def _compound_rendered(word: str, tgt_text: str) -> bool:
        """Every common word of a compound name (:func:`compound_parts`) has a dictionary rendering in the target,
        each by a word of its own, side by side (Screenreaders ~ قارئات الشاشة): the translation translated the
        compound; not WordPress through كلمة "word", which FreeDict also gives for "press"."""
        parts = sorted(set(compound_parts(word)))
        if not parts:
            return False
        words = [coverage.prepare(w).forms for w, _, _ in arabic_words(tgt_text)]
        hits = [{k for k, p in enumerate(parts) if coverage.stemmed_renderings(p) & forms} for forms in words]
        span = len(parts) + 1  # the parts' renderings side by side (a word between: المستقرة سابقة القديمة)
        return any(any(all(k in hits[i + j] for k, j in enumerate(order))  # each part its own word
                       for order in permutations(range(min(span, len(hits) - i)), len(parts)))
                   for i in range(len(hits)))

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

    def _replacement(self, pair: AlignedPair, src_latin: set[str]):
        """A Latin name in the target that the source does not have in any form (the stand-in,
        :func:`latin_stand_ins`): not FTP where the source says "FTP server", nor CC for Creative Commons, nor
        a renumbered name (V6L for V4L: the numbers check's)."""
        src_text = pair.src_text.translate(ASCII_DIGITS)
        for seg in pair.tgt:
            text = seg.text.translate(ASCII_DIGITS)
            for a, b in latin_stand_ins(src_text, text):
                if text[a:b] not in self._renumbered:
                    return seg_span(seg, a, b)
        return None

    @staticmethod
    def _arabic_stand_ins(pair: AlignedPair, accounted: set[str]) -> list:
        """Arabic words of the target, not accounted for by a source name, that render a proper noun
        (آدم where the source names Allah): another name stands in a missing one's place; as
        (word, span) in target order.  Proper nouns from the word list, their renderings from the
        dictionary, kept only when the rendering transliterates the name (so ابيض "white" is not Laban)."""
        index = _proper_renderings()
        if not index:
            return []
        out = []
        for seg in pair.tgt:
            for word, start, end in arabic_words(seg.text):
                if word not in accounted and _proper_names_of(word, index):
                    # a source name it renders would have been found and accounted
                    out.append((word, seg_span(seg, start, end)))
        return out

    def _unmatched_mentions(self, pair: AlignedPair, word: str, where: list[tuple[Segment, int, int]],
                            tgt_words: list[str], ctx: CheckContext) -> list[tuple[Segment, int]]:
        """The source mentions of a name that no target mention answers, each target mention (a word that
        renders the name) paired with the nearest source mention by relative position, nearest pairs first."""
        renderings = self._renderings(word, ctx)
        tgt_text = " ".join(tgt_words)
        hits = max((set(_rendering_hits(r, tgt_text, tgt_words)) for r in renderings), key=len, default=set())
        total = max(1, sum(len(t.text) + 1 for t in pair.tgt))
        tgt_places, offset = [], 0
        for t in pair.tgt:
            for w, at, _ in arabic_words(t.text.translate(ASCII_DIGITS)):
                if w in hits:
                    tgt_places.append((offset + at) / total)
            for m in _TOKEN.finditer(t.text):
                if _possessive(m.group()).lower() == word.lower():
                    tgt_places.append((offset + m.start()) / total)
            offset += len(t.text) + 1
        src_places = [self._src_place(pair, seg, start) for seg, start, _ in where]
        gaps = sorted((abs(p - q), i, j) for i, p in enumerate(src_places) for j, q in enumerate(tgt_places))
        used_s: set[int] = set()
        used_t: set[int] = set()
        for _, i, j in gaps:
            if i not in used_s and j not in used_t:
                used_s.add(i)
                used_t.add(j)
        return [(seg, start) for k, (seg, start, _) in enumerate(where) if k not in used_s]

    @staticmethod
    def _unexplained_word(pair: AlignedPair, accounted: set[str], places: list[tuple[Segment, int]],
                          max_gap: float = 0.25):
        """The target word that most likely took a missing name's place: a word the Arabic-English
        dictionary knows (so its meaning can be checked) that renders no word of the source, in either
        direction (المسجد "mosque" where the source names Allah), not a function word or pronoun; of
        several, the one nearest (relative position) one of the name's ``places`` (segment, offset) in
        the source.  None when there is none."""
        dictionary = en_ar_dictionary()
        if dictionary is None:
            return None
        src_words = _source_words(pair)
        src_forms = _source_forms(src_words)
        src_stems = src_words | {w[:-1] for w in src_words if w.endswith("s")}
        wheres = [NamesCheck._src_place(pair, seg, start) for seg, start in places]
        best, best_gap = None, 0.0
        total = max(1, sum(len(t.text) + 1 for t in pair.tgt))
        offset = 0
        for t in pair.tgt:
            for word, a, b in arabic_words(t.text):
                if word in accounted or not name_like(word) or not _DEFINITE.fullmatch(normalize_ar(word)):
                    continue
                forms = coverage.prepare(word).forms
                glosses = {g.lower() for f in forms for gl in dictionary.english(f) for g in _WORD.findall(gl)}
                if not glosses or forms & src_forms or glosses & src_stems:
                    continue
                gap = min(abs((offset + a) / total - where) for where in wheres)
                if gap <= min(max_gap, MAX_POSITION_GAP) and (best is None or gap < best_gap):
                    best, best_gap = seg_span(t, a, b), gap
            offset += len(t.text) + 1
        return best

    @staticmethod
    def _page_translates(word: str, pair: AlignedPair, ctx: CheckContext) -> bool:
        """Another pair of the page has the word in its source and not in Latin script in its target: the page
        translates it (permalink = الرابط الدائم), so its absence here is the page's usage, not a name lost."""
        for p in ctx.pairs:
            if p is pair or not any(any(m.group() == word for m in _LOWER_WORD.finditer(sg.text)) for sg in p.src):
                continue
            tgt = " ".join(t.text for t in p.tgt)
            if word not in target_latin_keys(" ".join(sg.text for sg in p.src), tgt):
                return True
        return False

    # -- the reverse: a common word transliterated instead of translated

    @staticmethod
    def _page_term(en: str, ctx: CheckContext) -> bool:
        """The page transliterates the English word in :data:`MIN_TERM_PAIRS` pairs or more whose source has it
        (profile = بروفايل throughout): the translation's chosen term, not a slip."""
        n = 0
        for p in ctx.pairs:
            if any(m.group().lower() == en for sg in p.src for m in _TOKEN.finditer(sg.text)) and any(
                    transliterates(en, w, exact=True) for t in p.tgt for w, _, _ in arabic_words(t.text)):
                n += 1
                if n >= MIN_TERM_PAIRS:
                    return True
        return False

    def _transliterated_common_words(self, pair: AlignedPair, accounted: set[str], ctx: CheckContext) -> list[Finding]:
        common, dictionary = english_words(), en_ar_dictionary()
        if common is None or dictionary is None:
            return []
        candidates = {w.lower() for seg in pair.src for w in _TOKEN.findall(seg.text)
                      if len(w) >= MIN_COMMON_LETTERS and _is_common(w.lower(), common)}
        if not candidates:
            return []
        out = []
        for seg in pair.tgt:
            words = arabic_words(seg.text)
            for k, (word, start, end) in enumerate(words):
                if word in accounted or len(word) < MIN_COMMON_LETTERS - 1:
                    continue
                for en in sorted(candidates):
                    if not transliterates(en, word, exact=True):
                        continue
                    renderings = dictionary.arabic(en)
                    if not renderings or any(transliterates(en, r.split()[-1]) or r == word for r in renderings):
                        continue  # no dictionary rendering, or the dictionary itself borrows the word
                    if beside_translation(renderings, [w for w, _, _ in words[max(0, k - 1):k] + words[k + 1:k + 2]]):
                        continue  # صورة بيتماب: the translation given, the loanword beside it for the reader
                    if arabic_usage(word) or self._page_term(en, ctx):
                        continue  # بروتوكول: an established loanword (or an Arabic word that sounds alike), or the page's term
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
