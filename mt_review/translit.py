"""Consonant skeletons: is an Arabic word a transliteration of a Latin one?

Names cross into Arabic by sound, and Arabic writes consonants (short vowels
are not written; long vowels and w/y are unreliable both ways).  So each word
is reduced to a *skeleton* of consonant classes, with the letters that often
stand for one another merged (``s``/``ص``/``ث`` -> S, ``d``/``ض``/``ذ`` -> D,
``g``/``j``/``k``/``ج``/``ق``/``غ``/``ك`` -> K, ``p``/``b`` -> B, ``v``/``f`` -> F ...), vowels,
w/y, hamza, ain and h dropped, doubled letters collapsed:

    Jabir -> KBR ~ جابر -> KBR        Amman -> MN ~ عمان -> MN
    Moeyens -> MNS ~ موينز -> MNS     Honourable -> NRBL ~ أونرابل -> NRBL

Two skeletons match when equal, or (both of at least four classes) one edit
apart.  Short skeletons match only exactly, never a skeleton of fewer than
two classes, and never an Arabic word of fewer than three letters, so "Amman"
does not find every "من" (a two-letter noun after the article is a word of its
own: Hajj ~ الحج).  Two readings hold only with the Arabic letter that
licenses them: an initial J as ي (Joseph ~ يوسف, not سيف) and a final -at
left unwritten before a weak letter (Salat ~ يصلي, not سأل), also in the verb's
other persons and its participle (تصلوا، المصلون: prefix and weak ending taken off).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Latin digraphs first, then letters; "" drops the letter
_LATIN_DIGRAPHS = (("sch", "S"), ("tch", "S"), ("sh", "S"), ("ch", "S"), ("th", "T"), ("dh", "D"), ("kh", "K"),
                   ("gh", "K"), ("ph", "F"), ("ck", "K"), ("qu", "K"), ("ou", ""), ("ee", ""), ("oo", ""))
_LATIN = {"b": "B", "p": "B", "f": "F", "v": "F", "t": "T", "d": "D", "s": "S", "z": "S", "c": "K", "k": "K",
          "q": "K", "g": "K", "j": "K", "x": "KS", "l": "L", "m": "M", "n": "N", "r": "R",
          "a": "", "e": "", "i": "", "o": "", "u": "", "y": "", "w": "", "h": ""}
_ARABIC = {"ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "T", "ج": "K", "چ": "S", "ح": "", "خ": "K", "د": "D",
           "ض": "D", "ذ": "D", "ظ": "D", "ر": "R", "ز": "S", "س": "S", "ص": "S", "ش": "S", "ع": "", "غ": "K",
           "ف": "F", "ڤ": "F", "ق": "K", "ك": "K", "گ": "K", "ل": "L", "م": "M", "ن": "N", "ه": "", "ة": "",
           "و": "", "ي": "", "ى": "", "ا": "", "أ": "", "إ": "", "آ": "", "ء": "", "ؤ": "", "ئ": "", "ٱ": ""}
_ARABIC_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_ARTICLES = ("وال", "فال", "بال", "كال", "ال")
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
SHORT_LATIN = 6  # letters of a Latin word whose one-class skeleton may match (Aishah ~ عائشة)


def _collapse(s: str) -> str:
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=65536)
def latin_skeleton(word: str) -> str:
    w = unicodedata.normalize("NFKD", word.lower())
    w = "".join(c for c in w if "a" <= c <= "z")
    w = re.sub(r"(?<=[aeiou])s(?=[aeiou])", "z", w)  # intervocalic s sounds z: Moses, Jesus
    w = re.sub(r"c(?=[eiy])", "s", w)  # soft c: city, council
    out = []
    i = 0
    while i < len(w):
        for dg, cls in _LATIN_DIGRAPHS:
            if w.startswith(dg, i):
                out.append(cls)
                i += len(dg)
                break
        else:
            out.append(_LATIN.get(w[i], ""))
            i += 1
    return _collapse("".join(out))


@lru_cache(maxsize=65536)
def arabic_skeleton(word: str) -> str:
    w = _MARKS.sub("", word)
    return _collapse("".join(_ARABIC.get(c, "") for c in w))


# interdentals and emphatics that Latin spellings give two ways (Zuhr / Dhuhr ~ الظهر, Uthman / Usman ~ عثمان)
_ARABIC_ALT = str.maketrans({"ظ": "ز", "ذ": "ز", "ث": "س"})


@lru_cache(maxsize=65536)
def _arabic_forms(word: str) -> frozenset[tuple[str, int]]:
    """(skeleton, letters) of an Arabic token as written and with one proclitic (و، ب، ال ...) removed."""
    w = _MARKS.sub("", word)
    forms = {w}
    for p in _ARABIC_PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= 3:
            forms.add(w[len(p):])
    forms = {f for f in forms if len(f) >= 3}
    out = {(arabic_skeleton(f), len(f)) for f in forms}
    out |= {(arabic_skeleton(f.translate(_ARABIC_ALT)), len(f)) for f in forms}
    # teh marbuta is read t before a following word (الصلاة ~ Salat)
    out |= {(arabic_skeleton(f[:-1]) + "T", len(f)) for f in forms if f.endswith("ة")}
    # a two-letter noun after the article (الحج ~ Hajj, بالحج): the article makes it a word of its own,
    # counted with the article's two letters so a short name's one-class skeleton may match it
    for p in _ARTICLES:
        if w.startswith(p) and len(w) - len(p) == 2:
            out.add((arabic_skeleton(w[len(p):]), 4))
    return frozenset(out)


@lru_cache(maxsize=65536)
def arabic_skeletons(word: str) -> frozenset[str]:
    """Skeletons of an Arabic token as written and with one proclitic (و، ب، ال ...) removed."""
    return frozenset(k for k, _ in _arabic_forms(word))


def one_edit(a: str, b: str) -> bool:
    """Equal, or one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def skeletons_match(latin: str, arabic: str, short_ok: bool = False) -> bool:
    """Equal, or one edit apart when both have four classes or more.  One-class skeletons
    (Noah ~ نوح, Allah ~ الله) only with ``short_ok``: the caller knows both words are short."""
    if latin == arabic:
        return len(latin) >= 2 or (short_ok and len(latin) == 1)
    if len(latin) < 2 or len(arabic) < 2:
        return False
    return min(len(latin), len(arabic)) >= 4 and one_edit(latin, arabic)


def _within(latin: str, arabic: str) -> bool:
    """The Latin skeleton inside the Arabic one with at most two classes more: a term
    transliterated from Arabic appears inflected (Ghusl ~ تغتسل, Iqamah ~ أقيمت)."""
    if len(latin) == 2 and len(arabic) == 3:
        return arabic.startswith(latin)  # Mary ~ مريم
    if len(latin) < 3 or not 0 < len(arabic) - len(latin) <= 2:
        return False
    it = iter(arabic)
    return all(c in it for c in latin)


@lru_cache(maxsize=65536)
def latin_skeletons(word: str) -> frozenset[str]:
    """The skeleton, the one with v/w read as the vowel و (David ~ داود), and for a final -ah
    (teh marbuta) the one with t, as the ة is read before a suffix (Ummah ~ أمتي)."""
    out = {latin_skeleton(word), latin_skeleton(re.sub("[vw]", "u", word.lower()))}
    if word.lower().endswith("ah") and len(word) >= 4:
        out.add(latin_skeleton(word) + "T")
    return frozenset(out)


_WEAK_FINAL = ("ي", "ى", "ا", "و")


def _alternates(latin_word: str, arabic_word: str) -> bool:
    """Two readings that hold only with the Arabic letter that licenses them: an initial J
    for the Hebrew yod English spells J, when the Arabic starts with ي (Joseph ~ يوسف, Jacob ~
    يعقوب); a final -at for a ة that a derived form of a weak-final root does not write, when the
    Arabic ends with a weak letter (Salat ~ يصلي، صلى; Zakat ~ زكى)."""
    low = latin_word.lower()
    forms = [(_MARKS.sub("", f), k) for f, k in _stems(arabic_word)]
    if low.startswith("j") and len(low) >= 4:
        lat = latin_skeleton("y" + low[1:])
        if any(f.startswith("ي") and skeletons_match(lat, k) for f, k in forms):
            return True
    if low.endswith("at") and len(latin_skeleton(low)) >= 3:
        lat = latin_skeleton(low)[:-1]
        if any(f.endswith(_WEAK_FINAL) and skeletons_match(lat, k) for f, k in forms):
            return True
        stems = [st for f, _ in forms if (st := _weak_verb_stem(f))]
        if any(len(st) == len(lat) and arabic_skeleton(st) == lat for st in stems):
            return True  # تصلوا، المصلون: the weak root's verb or participle (Salat); not يسألون
    return False


_VERB_PREFIXES = ("ت", "ي", "ن", "أ", "م")
_WEAK_ENDINGS = ("وا", "ون", "ين", "و", "ي", "ى", "ا")


def _weak_verb_stem(form: str) -> str | None:
    """The consonants of a weak-final root's imperfect verb or participle: its person prefix
    and its weak ending (plural وا، ون، ين too) taken off (تصلوا -> صل، مصلون -> صل), or None."""
    for pre in _VERB_PREFIXES:
        if form.startswith(pre):
            rest = form[len(pre):]
            for end in _WEAK_ENDINGS:
                if rest.endswith(end) and len(rest) > len(end):
                    return rest[:-len(end)]
    return None


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[tuple[str, str], ...]:
    """(form, skeleton) of an Arabic token as written and with one proclitic removed (3+ letters)."""
    w = _MARKS.sub("", word)
    forms = {w} | {w[len(p):] for p in _ARABIC_PROCLITICS if w.startswith(p) and len(w) - len(p) >= 3}
    return tuple(sorted((f, arabic_skeleton(f)) for f in forms if len(f) >= 3))


def transliterates(latin_word: str, arabic_word: str, exact: bool = False) -> bool:
    """True when the Arabic token (clitics allowed) sounds like the Latin word; ``exact``
    asks for equal skeletons of at least four classes (for flagging, not for finding), the word
    read as English spells it: v as v (Sovereign is not يشركون through "souereign"; reading v as
    the vowel و is for names, David ~ داود)."""
    if exact:
        lat = latin_skeleton(latin_word)
        return len(lat) >= 4 and lat in arabic_skeletons(arabic_word)
    # a short word's one-class skeleton (Noah ~ نوح, Wudu ~ الوضوء) is judged without the proclitic
    short_latin = len(latin_word) <= SHORT_LATIN
    if _alternates(latin_word, arabic_word):
        return True
    return any(skeletons_match(lat, a, short_latin and 3 <= n <= 5) or _within(lat, a)
               for lat in latin_skeletons(latin_word) for a, n in _arabic_forms(arabic_word))
