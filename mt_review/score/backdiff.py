"""Back-translation word diff: where the Arabic, read back, stops saying what the English says.

Two comparisons, word by word (``difflib.SequenceMatcher`` over word keys):

* **English side** -- the model's ar->en back-translation against the English
  source.  Words match when they share a base form or a WordNet synset
  (:mod:`mt_review.wordnet`: ``takeaways`` ~ ``takeaway``, ``big`` ~
  ``large``); a back-translated word that matches some source word takes that
  word's key, so synonyms in another order still line up.
* **Arabic side** -- the model's en->ar translation against the published
  Arabic, on normalised (:mod:`.arabic`) and light-stemmed words (the
  prefixes و ف ب ك ل ال and common suffixes off, as in Larkey's light10), so
  والمدينة ~ المدينة ~ مدينة.

Runs that differ in content words (function words alone never count) become
:class:`Divergence` s.  :func:`explain` pairs each English divergence with the
Arabic one at the nearest relative position and writes the sentence an editor
can act on: *the Arabic reads back as "fast food" where the source says
"takeaways"*, with the English span, the published Arabic span and the
model's Arabic wording as the suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from mt_review import wordnet
from mt_review.score.arabic import normalize

# English function words: a run that differs only in these is not a divergence worth an editor's time
STOPWORDS = frozenset("""
a an the this that these those and or but nor so yet for of in on at to from by with without into onto
over under about as than then there here is are was were be been being am do does did done have has had
having will would shall should can could may might must it its it's they them their he him his she her
we us our you your i me my not no also very just only all any some each every which who whom whose what
when where why how if because while up down out off again further once both few more most other such
own same too s t
""".split())
_EN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_AR_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3\u064B-\u0652\u0670\u0640A-Za-z0-9]+")
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")
_AR_FUNCTION = frozenset(normalize(w) for w in (
    "في من إلى على عن مع أن إن أو ثم لا لم لن ما هذا هذه ذلك تلك التي الذي الذين كان كانت قد هو هي هم "
    "و ف ب ل ك عند بين كل بعض غير حتى إذا").split())
MAX_PAIR_DISTANCE = 0.35  # English and Arabic divergences further apart (relative position) are not paired


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    key: str
    content: bool


@dataclass(frozen=True)
class Divergence:
    """One run where two texts differ: ``left`` (reference side) and ``right`` (compared side) character spans."""

    left: tuple[int, int] | None
    right: tuple[int, int] | None
    left_text: str
    right_text: str
    position: float  # relative position of the run in the left text, 0..1


@dataclass(frozen=True)
class Explanation:
    message: str  # the sentence for the editor
    source: tuple[int, int] | None  # span in the English source
    source_text: str
    target: tuple[int, int] | None  # span in the published Arabic
    target_text: str
    back_text: str  # what the Arabic reads back as
    suggestion: str | None  # the model's Arabic wording for the target span


def english_words(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end(), m.group().lower(), m.group().lower() not in STOPWORDS)
            for m in _EN_WORD.finditer(text)]


def light_stem(word: str) -> str:
    """Normalised Arabic word without one prefix and one suffix (never shorter than 2 letters)."""
    w = normalize(word)
    for p in _AR_PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p):]
            break
    for s in _AR_SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 2:
            w = w[: -len(s)]
            break
    return w


def arabic_words(text: str) -> list[Word]:
    out = []
    for m in _AR_WORD.finditer(text):
        key = light_stem(m.group())
        out.append(Word(m.group(), m.start(), m.end(), key, normalize(m.group()) not in _AR_FUNCTION))
    return out


def _synonym_keys(ref: list[Word], other: list[Word]) -> list[Word]:
    """``other`` with each word that matches a reference word (base form or synonym) re-keyed to it."""
    out = []
    for w in other:
        key = w.key
        if w.content and not any(r.key == key for r in ref):
            for r in ref:
                if r.content and wordnet.same_word(r.key, w.key):
                    key = r.key
                    break
        out.append(Word(w.text, w.start, w.end, key, w.content))
    return out


def _span(words: list[Word]) -> tuple[int, int] | None:
    content = [w for w in words if w.content]
    if not content:
        return None
    return content[0].start, content[-1].end


def diff(left_text: str, left: list[Word], right_text: str, right: list[Word]) -> list[Divergence]:
    """Runs of content words that differ between ``left`` and ``right`` (keys compared)."""
    sm = SequenceMatcher(None, [w.key for w in left], [w.key for w in right], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        a, b = _span(left[i1:i2]), _span(right[j1:j2])
        if a is None and b is None:
            continue
        pos = ((i1 + i2) / 2) / max(1, len(left))
        out.append(Divergence(a, b, left_text[a[0]:a[1]] if a else "", right_text[b[0]:b[1]] if b else "", pos))
    return out


def english_divergences(source_en: str, back_en: str) -> list[Divergence]:
    """Where the back-translation (right) departs from the English source (left)."""
    src = english_words(source_en)
    back = _synonym_keys(src, english_words(back_en))
    return diff(source_en, src, back_en, back)


def arabic_divergences(site_ar: str, model_ar: str) -> list[Divergence]:
    """Where the published Arabic (left) departs from the model's own translation (right)."""
    return diff(site_ar, arabic_words(site_ar), model_ar, arabic_words(model_ar))


def _sentence(d: Divergence) -> str:
    if d.left and d.right:
        return f"the Arabic reads back as “{d.right_text}” where the source says “{d.left_text}”"
    if d.left:
        return f"the Arabic reads back without “{d.left_text}”"
    return f"the Arabic reads back with “{d.right_text}”, which the source does not say"


def explain(source_en: str, back_en: str | None, site_ar: str, model_ar: str | None,
            limit: int = 2) -> list[Explanation]:
    """Editor sentences for the largest English divergences, each with the Arabic span it most likely sits in."""
    if not back_en or not source_en.strip():
        return []
    eng = english_divergences(source_en, back_en)
    ara = [d for d in arabic_divergences(site_ar, model_ar) if d.left] if model_ar else []
    eng.sort(key=lambda d: -len((d.left_text + " " + d.right_text).split()))
    out = []
    used: set[int] = set()
    for d in eng[:limit]:
        best = None
        for k, a in enumerate(ara):
            dist = abs(a.position - d.position)
            if k not in used and dist <= MAX_PAIR_DISTANCE and (best is None or dist < best[0]):
                best = (dist, k)
        target = ara[best[1]] if best is not None else None
        if best is not None:
            used.add(best[1])
        out.append(Explanation(
            message=_sentence(d),
            source=d.left, source_text=d.left_text,
            target=target.left if target else None, target_text=target.left_text if target else "",
            back_text=d.right_text,
            suggestion=(target.right_text or None) if target else None,
        ))
    out.sort(key=lambda x: x.source[0] if x.source else len(source_en))
    return out
