"""Evaluation sets and injected defects, shared by the detection and calibration benchmarks.

Three sets of real human English/Arabic pairs, each split once into a *tuning*
half and a *held-out* half (by a hash of the pair, so the split does not move
when the sample size does; tune thresholds on the tuning half only):

``catalogues``  UI strings of Debian gettext catalogues (:mod:`data`)
``prose``       running prose: UDHR, Qur'an, hadith (:mod:`prose`)
``manuals``     documentation and help pages: the Debian Administrator's Handbook,
                WordPress's admin help texts (:mod:`manuals`)

In a half, every other pair stays clean and the rest get one injected defect,
families taken in turn (a family that does not apply to a pair passes to the
next one):

numbers        a target number changed, or a source number with none in the target
untranslated   a run of the target left in English, or the whole segment
entity         a name / Latin term of the source dropped from the target or replaced
               by another name (names found in the Arabic by corpus co-occurrence,
               not by the checks' own transliteration table)
negation       a negation removed from or inserted into either side
omission       one clause of the target removed (clause boundaries: punctuation, و/ف)
addition       a clause of another pair of the same source appended to the target
truncation     the target cut at 40-65 % of its characters, or its last sentence dropped
wrong_segment  the target of another pair of the same source (formulaic text is hard)
punctuation    Latin comma, space before a mark, or a detached و (minor by design)

Reuse (issue 11's calibration does)::

    from defects import EVAL_SETS, load_set, split_halves, build_items
    tune, held = split_halves(load_set("prose"))
    items = build_items(held, seed=1)        # [Item(en, ar, label, origin)], label None = clean
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Sequence

from mt_review import perturb

Pair = tuple[str, str, str]  # (en, ar, origin)
# families taken as they are from mt_review/perturb.py; the others here are richer for this
# evaluation (Arabic-script names, negation on either side, whole clauses, same-source pools)
SHARED = ("numbers", "untranslated", "punctuation")

FAMILIES = ["numbers", "untranslated", "entity", "negation", "omission", "addition",
            "truncation", "wrong_segment", "punctuation"]
AR_DIGITS = perturb.AR_DIGITS


@dataclass(frozen=True)
class Gold:
    """Where an injected defect is, so a finding's evidence span can be checked against it.

    ``tgt``: characters of the damaged Arabic that were inserted or changed (None when the
    Arabic only lost text or is unchanged).  ``src``: characters of the English changed (a
    negation on the English side).  ``removed``: the Arabic text taken out (omission,
    truncation) and ``removed_at`` where it was in the original.  ``src_clauses``: for a
    removal, the English clauses whose dictionary renderings only the removed Arabic held
    (empty when the dictionary cannot tell: the gold source span is then unknown).
    """

    tgt: tuple[int, int] | None = None
    src: tuple[int, int] | None = None
    removed: str = ""
    removed_at: int = -1
    src_clauses: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Item:
    en: str
    ar: str
    label: str | None  # injected family, None for a clean pair
    origin: str
    # where the damage is (see :func:`gold_spans`); None when the pair is clean or it is unknown
    gold: Gold | None = None

    def __iter__(self):
        """Unpacks as ``(en, ar, label)``, the shape older benchmark code expects."""
        return iter((self.en, self.ar, self.label))

    def __getitem__(self, i: int):
        return (self.en, self.ar, self.label)[i]

    @property
    def source(self) -> str:
        """The kind of text: catalogue file or prose source ("quran", "udhr" ...)."""
        return self.origin.split(":", 1)[0]


def load_set(name: str, seed: int = 0) -> list[Pair]:
    """The pairs of one evaluation set (see module doc)."""
    return EVAL_SETS[name](seed)


def _catalogues(seed: int) -> list[Pair]:
    from data import load_parallel
    return load_parallel(min_words=5, seed=seed)


def _prose(seed: int) -> list[Pair]:
    from prose import load_prose
    return load_prose(limit_per_source=600, seed=seed)


def _manuals(seed: int) -> list[Pair]:
    from manuals import load_manuals
    return load_manuals(limit_per_source=600, seed=seed)


EVAL_SETS: dict[str, Callable[[int], list[Pair]]] = {"catalogues": _catalogues, "prose": _prose,
                                                     "manuals": _manuals}


def split_halves(pairs: Sequence[Pair]) -> tuple[list[Pair], list[Pair]]:
    """(tuning, held-out): each pair goes by a hash of its text, independent of sampling."""
    tune, held = [], []
    for p in pairs:
        h = hashlib.sha1(f"{p[2]}\x00{p[0]}".encode()).digest()[0]
        (tune if h % 2 == 0 else held).append(p)
    return tune, held


# ------------------------------------------------------------------ Arabic tokens

_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")
_AR_WORD = re.compile(r"[\u0621-\u064a\u0671]+")
_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9.+#_-]*[A-Za-z0-9+#]|[A-Za-z]{2,}")
_CLITICS = ("و", "ف", "ب", "ل", "ك")


def ar_key(token: str) -> str:
    """A comparable form of an Arabic word: no harakat, one alef, ى→ي, ة→ه, one clitic off."""
    t = _HARAKAT.sub("", token)
    t = re.sub("[أإآٱ]", "ا", t).replace("ى", "ي").replace("ة", "ه")
    if len(t) > 4 and t[0] in _CLITICS:
        t = t[1:]
    if t.startswith("لل") and len(t) > 4:
        t = "ال" + t[2:]
    return t


_EN_NAME = re.compile(r"\b([A-Z][a-z]+(?:['’-][A-Za-z]+)?|[A-Z]{2,})\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"]\s+)$")


def en_names(text: str) -> list[str]:
    """Capitalised words or acronyms that are not English common words (the ``wamerican``
    list through :func:`mt_review.lexicon.english_words`; without it, not first in a sentence)."""
    from mt_review.lexicon import english_words
    common = english_words()
    out = []
    for m in _EN_NAME.finditer(text):
        word = m.group(1)
        if common is None:
            if _SENTENCE_START.search(text[:m.start()]):
                continue
            common = frozenset()
        if word.lower().split("'")[0] in common or word.lower().split("’")[0] in common:
            continue
        out.append(word)
    return out


def name_lexicon(pairs: Sequence[Pair], min_count: int = 3, min_dice: float = 0.5) -> dict[str, str]:
    """English name -> the Arabic surface word it co-occurs with most (Dice coefficient).

    Built from the corpus itself, so the entity injection does not depend on the
    transliteration rules of the check under test.
    """
    en_count: Counter[str] = Counter()
    ar_count: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for en, ar, _ in pairs:
        names = set(en_names(en))
        keys = set()
        for w in _AR_WORD.findall(ar):
            k = ar_key(w)
            if len(k) >= 3:
                keys.add(k)
                surface[k][w] += 1
        en_count.update(names)
        ar_count.update(keys)
        for n in sorted(names):  # sorted: set order varies with PYTHONHASHSEED, and ties below follow it
            for k in sorted(keys):
                joint[(n, k)] += 1
    best: dict[str, tuple[float, str]] = {}
    for (n, k), c in joint.items():
        if en_count[n] < min_count or c < min_count:
            continue
        dice = 2 * c / (en_count[n] + ar_count[k])
        if dice >= min_dice and dice > best.get(n, (0.0, ""))[0]:
            best[n] = (dice, k)
    # keep mutual best matches only: "Abu" and "Bakr" both co-occur with بكر, only Bakr is its name
    best_for_ar: dict[str, tuple[float, str]] = {}
    for n, (dice, k) in best.items():
        if dice > best_for_ar.get(k, (0.0, ""))[0]:
            best_for_ar[k] = (dice, n)
    return {n: surface[k].most_common(1)[0][0] for n, (_, k) in best.items() if best_for_ar[k][1] == n}


# ------------------------------------------------------------------ injections


class Injector:
    """Injections for one set of pairs (pools of names and of same-source pairs)."""

    def __init__(self, pairs: Sequence[Pair]):
        self.pairs = list(pairs)
        self.by_source: dict[str, list[Pair]] = defaultdict(list)
        for p in self.pairs:
            self.by_source[p[2].split(":", 1)[0]].append(p)
        self.lexicon = name_lexicon(self.pairs)
        self.latin_pool = sorted({t for _, ar, _ in self.pairs for t in _LATIN_TOKEN.findall(ar)
                                  if t[0].isupper() and len(t) > 2})

    def same_source(self, origin: str) -> list[Pair]:
        """Pairs of the same kind of text (all pairs when that source is too small to choose from)."""
        pool = self.by_source[origin.split(":", 1)[0]]
        return pool if len(pool) >= 10 else self.pairs

    # each returns (en, ar) or None when the family does not apply to the pair

    def entity(self, en, ar, origin, rng):
        tokens = ar.split()
        en_lower = en.lower()
        latin = [i for i, t in enumerate(tokens)
                 if _LATIN_TOKEN.fullmatch(t.strip(".,;:()\"'")) and t.strip(".,;:()\"'").lower() in en_lower]
        lex = {v: k for k, v in self.lexicon.items()}
        named = [i for i, t in enumerate(tokens) if (w := _bare(t)) and w in lex and lex[w] in en]
        candidates = [("latin", i) for i in latin] + [("name", i) for i in named]
        if not candidates:
            return None
        kind, i = rng.choice(candidates)
        if kind == "latin":
            word = tokens[i].strip(".,;:()\"'")
            others = [t for t in self.latin_pool if t.lower() not in en_lower and t.lower() != word.lower()]
        else:
            word = _bare(tokens[i])
            others = sorted(v for k, v in self.lexicon.items() if k not in en and v != word)
        if others and rng.random() < 0.5:  # replaced by another name
            tokens[i] = tokens[i].replace(word, rng.choice(others))
        else:  # dropped
            del tokens[i]
        return en, " ".join(tokens)

    def negation(self, en, ar, origin, rng):
        modes = []
        if _AR_NEG.search(ar):
            modes.append("ar_remove")
        if _AR_VERB.search(ar) and not _AR_NEG.search(ar):
            modes.append("ar_insert")
        if _EN_NEG.search(en):
            modes.append("en_remove")
        elif _EN_AUX.search(en):
            modes.append("en_insert")
        if not modes:
            return None
        mode = rng.choice(modes)
        if mode == "ar_remove":
            m = rng.choice(list(_AR_NEG.finditer(ar)))
            prefix = m.group(1) or ""
            return en, (ar[:m.start()] + prefix + ar[m.end():].lstrip()).strip()
        if mode == "ar_insert":
            m = rng.choice(list(_AR_VERB.finditer(ar)))
            return en, ar[:m.start()] + (m.group(1) or "") + "لا " + m.group(2) + ar[m.end():]
        if mode == "en_remove":
            m = rng.choice(list(_EN_NEG.finditer(en)))
            word = m.group(0)
            repl = {"cannot": "can", "can't": "can", "won't": "will", "never": "always"}.get(word.lower())
            if repl is None:
                repl = word[:-3] if word.lower().endswith("n't") else ""
            out = en[:m.start()] + repl + en[m.end():]
            return re.sub(r"\s{2,}", " ", out).strip(), ar
        m = rng.choice(list(_EN_AUX.finditer(en)))
        word = m.group(0)
        neg = "cannot" if word.lower() == "can" else word + " not"
        return en[:m.start()] + neg + en[m.end():], ar

    def omission(self, en, ar, origin, rng):
        w = ar.split()
        if len(w) < 5:
            return None
        bounds = [0] + [i for i in range(1, len(w))
                        if w[i - 1][-1] in "،؛:.!?,;" or (w[i][0] in "وف" and len(w[i]) >= 4)] + [len(w)]
        clauses = [(a, b) for a, b in zip(bounds, bounds[1:])
                   if a > 0 and max(3, 0.2 * len(w)) <= b - a <= 0.6 * len(w)]
        if clauses:
            a, b = rng.choice(clauses)
        else:
            k = max(2, round(len(w) * rng.uniform(0.30, 0.50)))
            a = rng.randint(1, len(w) - k)
            b = a + k
        return en, " ".join(w[:a] + w[b:])

    def addition(self, en, ar, origin, rng):
        pool = [p for p in self.same_source(origin) if p[1] != ar]
        other = rng.choice(pool)[1].rstrip(".")
        w = other.split()
        clause = " ".join(w[: max(3, int(len(w) * rng.uniform(0.5, 1.0)))])
        return en, ar.rstrip(".") + "، " + clause + "."

    def truncation(self, en, ar, origin, rng):
        sentences = [s for s in re.split(r"(?<=[.!?؟])\s+", ar.strip()) if s]
        if len(sentences) >= 2 and rng.random() < 0.4:
            return en, " ".join(sentences[:-1])
        cut = max(1, int(len(ar) * rng.uniform(0.40, 0.65)))
        return en, ar[:cut].rstrip() + ("..." if rng.random() < 0.3 else "")

    def wrong_segment(self, en, ar, origin, rng):
        pool = [p for p in self.same_source(origin) if p[1] != ar and p[0] != en]
        return en, rng.choice(pool)[1]

    def inject(self, family: str, en: str, ar: str, origin: str, rng: random.Random):
        if family in SHARED:  # the same as self-calibration's (mt_review/perturb.py)
            return perturb.FAMILIES[family](en, ar, rng, self.same_source(origin))
        return getattr(self, family)(en, ar, origin, rng)


def _bare(token: str) -> str:
    """The word without punctuation and one clitic prefix, in its surface spelling."""
    t = token.strip(".,;:()\"'،؛؟!")
    if len(t) > 4 and t[0] in _CLITICS and not t.startswith("ال"):
        t = t[1:]
    return t


_AR_NEG = re.compile(r"(?:(?<=\s)|^)([وف])?(?:لا|لم|لن|ليس|ليست|ليسوا|لست|لستم)(?=\s)")
_AR_VERB = re.compile(r"(?:(?<=\s)|^)([وف])?([يت](?!ال)[\u0621-\u064a]{2,})")
_EN_NEG = re.compile(r"\b(?:not|never|cannot|[A-Za-z]+n't)\b", re.I)
_EN_AUX = re.compile(r"\b(?:is|are|was|were|will|shall|can|may|must|should|would|could|does|did|has|have)\b")


def build_items(pairs: Sequence[Pair], seed: int, families: Sequence[str] = FAMILIES,
                injector: Injector | None = None) -> list[Item]:
    """Every other pair clean (a quarter of those with digits in Arabic-Indic form), the rest
    with one defect of the families taken in turn."""
    rng = random.Random(seed)
    inj = injector or Injector(pairs)
    out: list[Item] = []
    turn = 0
    for i, (en, ar, origin) in enumerate(pairs):
        if i % 2 == 0:
            if re.search(r"\d", ar) and rng.random() < 0.5:
                ar = ar.translate(AR_DIGITS)
            out.append(Item(en, ar, None, origin))
            continue
        for k in range(len(families)):
            family = families[(turn + k) % len(families)]
            result = inj.inject(family, en, ar, origin, rng)
            if result is not None and result != (en, ar):
                out.append(Item(result[0], result[1], family, origin, gold_spans(family, en, ar, *result)))
                turn += k + 1
                break
    return out



# ------------------------------------------------------------------ where the damage is


def _changed(before: str, after: str) -> tuple[int, int, int]:
    """(start, end in ``after``, end in ``before``) of the one changed stretch: what is left
    once the common prefix and suffix are taken off (the injections change one stretch)."""
    p = 0
    while p < min(len(before), len(after)) and before[p] == after[p]:
        p += 1
    s = 0
    while s < min(len(before), len(after)) - p and before[-1 - s] == after[-1 - s]:
        s += 1
    return p, len(after) - s, len(before) - s


def _widen(text: str, a: int, b: int) -> tuple[int, int]:
    """The stretch grown to whole words: a changed letter stands for its word."""
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    return a, b


def lost_source_clauses(en: str, ar_before: str, ar_after: str) -> tuple[tuple[int, int], ...]:
    """English clauses whose counterpart went with a removal: clauses that had at least one
    dictionary word found in the Arabic before and lost at least half of them after.  The same
    dictionary as the checks, but read on the intact translation, which the checks never see."""
    from mt_review import coverage
    before = coverage.source_clause_cover(en, coverage.prepare(ar_before))
    after = coverage.source_clause_cover(en, coverage.prepare(ar_after))
    return tuple((c.start, c.end) for c, d in zip(before, after, strict=True)
                 if c.found >= 1 and c.found - d.found >= max(1, c.found / 2))


REMOVALS = ("omission", "truncation")


def gold_spans(family: str, en: str, ar: str, new_en: str, new_ar: str) -> Gold:
    """Where the injection of ``family`` that made (new_en, new_ar) from (en, ar) put its damage.

    A removal (omission, truncation) records what went, even when a mark ("...") took its place;
    any other change records the changed stretch of the damaged text, grown to whole words."""
    gold = Gold()
    if new_en != en:
        a, b, _ = _changed(en, new_en)
        gold = Gold(src=_widen(new_en, a, max(a, b)))
    if new_ar == ar:
        return gold
    a, b, old_b = _changed(ar, new_ar)
    if b > a and family not in REMOVALS:
        return Gold(tgt=_widen(new_ar, a, b), src=gold.src)
    removed = ar[a:old_b]
    if not removed.strip():
        return gold
    return Gold(removed=removed, removed_at=a, src=gold.src,
                src_clauses=lost_source_clauses(en, ar, new_ar))
