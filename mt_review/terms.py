"""Terminology learned from the export itself.

A site has its own recurring terms ("Strong Cities" → «المدن القوية» on almost
every page).  Without a hand-written glossary, a page that renders such a
term differently goes unnoticed.  This module reads all aligned pairs of a
run and learns, for each recurring English term, its dominant Arabic
rendering:

* **terms**: capitalised names (``Strong Cities Network``, ``Surabaya``;
  a sentence's first word alone is not a name) and noun phrases of two or
  three content words that recur (``civil society``), found in at least
  ``MIN_PAIRS`` aligned pairs on at least ``MIN_PAGES`` pages;
* **renderings**: Arabic word n-grams of the paired target sentences,
  compared after light normalisation (diacritics, alef/yaa/taa-marbuta forms,
  a leading و/ف and the preposition of «بال/لل/كال» stripped), so a clitic does
  not make a new rendering; an n-gram that starts or ends with a function word
  is never a rendering;
* **dominant rendering**: the longest n-gram found in at least
  ``DOMINANT_SHARE`` of the term's pairs and mostly found where the term is
  (at least half of the n-gram's own pairs), at most two words longer than
  the term.

A pair that has the term but not its dominant rendering is flagged
(``terminology``, minor; major for names), naming the rendering it uses
instead when one resembles the dominant one.  A term of a hand-written
glossary is never learned: the glossary wins.  ``mt-review glossary
suggest`` writes the learned table in the glossary's CSV format.

Everything here is a function of the run's page reviews; the pipeline
derives the final page reviews from them.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import difflib
import hashlib
import io
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Protocol, Sequence, TypeVar

from mt_review.langid import EN_WORD
from mt_review.model import Finding, PageReview, Segment, Severity, Span

if TYPE_CHECKING:  # pragma: no cover
    from mt_review.config import ReviewSettings
    from mt_review.glossary import Glossary

MIN_PAIRS = 3  # aligned pairs a term must occur in
MIN_PAGES = 2  # pages it must occur on (one page's own consistency is the terminology check's job)
DOMINANT_SHARE = 0.6  # share of the term's pairs its dominant rendering must cover
SPECIFICITY = 0.5  # share of the rendering's own pairs that must hold the term
MAX_EXTRA_WORDS = 2  # a rendering may be this many words longer than the term
T = TypeVar("T")
CHECK = "terminology"
CATEGORY = "terminology/inconsistent-across-site"

_AR_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3\u064B-\u0652\u0640]+")
_CONNECTORS = frozenset("of for and the on in de du la le to".split())
_EN_STOP = frozenset(
    """a an the this that these those it its of for and or but on in at to by from with as is are was were be been
    has have had will would can could may might must shall should not no yes all any each every some such than then
    there their they them we our you your he she his her i me my us who whom which what when where why how also
    more most other into over under about after before between during through while both either neither many much
    very just only new first last one two three four five six seven eight nine ten said says say""".split()
)
_AR_STOP = frozenset(
    """في من على إلى الى عن مع و أو او ثم أن ان إن لأن التي الذي الذين اللذين هذا هذه ذلك تلك هو هي هم كما قد لقد
    كان كانت يكون بين عند حول خلال بعد قبل حتى كل بعض غير لا لم لن ما مما عبر ضد نحو منذ أي اي""".split()
)
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")


@dataclass(frozen=True)
class LearnedTerm:
    """One recurring English term and how this export renders it."""

    en: str  # the term as most often written
    ar: str  # the dominant rendering, as most often written
    is_name: bool  # a capitalised name (its other renderings are major)
    pairs: int  # aligned pairs holding the term
    pages: int  # pages holding the term
    dominant: int  # pairs using the dominant rendering
    others: tuple[tuple[str, int], ...] = ()  # other renderings seen where the dominant one is missing

    @property
    def key(self) -> str:
        return self.en.casefold()


# ---------------------------------------------------------------- English terms


@lru_cache(maxsize=1 << 15)
def _source_terms(text: str) -> tuple[tuple[str, int, int, bool], ...]:
    """(term, start, end, is_name) in an English sentence: capitalised names and
    two- or three-word noun phrases of content words.  Kept for the sentences of
    a run: learning reads every sentence, and finding the terms reads them again."""
    tokens = [(m.group(), m.start(), m.end()) for m in EN_WORD.finditer(text)]
    out: list[tuple[str, int, int, bool]] = []
    # names: runs of capitalised words, connectors allowed inside
    k = 0
    while k < len(tokens):
        if not _capitalised(tokens[k][0]):
            k += 1
            continue
        j = k
        while j + 1 < len(tokens) and (
            _capitalised(tokens[j + 1][0])
            or (tokens[j + 1][0].lower() in _CONNECTORS and j + 2 < len(tokens) and _capitalised(tokens[j + 2][0]))
        ) and not _gap(text, tokens[j][2], tokens[j + 1][1]):
            j += 1
        run = tokens[k : j + 1]
        while run and run[0][0].lower() in _EN_STOP:  # "The Strong Cities ..." -> "Strong Cities ..."
            run = run[1:]
        first_of_sentence = not text[: tokens[k][1]].strip(" \"'“‘(")
        if run and not (len(run) == 1 and (first_of_sentence and run[0] is tokens[k] or len(run[0][0]) < 3)):
            if not (len(run) == 1 and run[0][0].lower() in _EN_STOP):
                out.append((text[run[0][1] : run[-1][2]], run[0][1], run[-1][2], True))
        k = j + 1
    # noun phrases: 2-3 consecutive lower-case content words
    lower = [t for t in tokens]
    for n in (3, 2):
        for i in range(len(lower) - n + 1):
            window = lower[i : i + n]
            if any(_capitalised(w) or w.lower() in _EN_STOP or len(w) < 4 for w, _, _ in window):
                continue
            if any(_gap(text, window[q][2], window[q + 1][1]) for q in range(n - 1)):
                continue
            out.append((text[window[0][1] : window[-1][2]], window[0][1], window[-1][2], False))
    return tuple(out)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (word.isupper() and len(word) >= 2 and False)


def _gap(text: str, end: int, start: int) -> bool:
    """Punctuation between two words breaks a term."""
    return bool(text[end:start].strip())


def _term_key(term: str) -> str:
    key = " ".join(term.casefold().split())
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key  # plural folds into singular


# ---------------------------------------------------------------- Arabic renderings


@lru_cache(maxsize=1 << 16)
def normalise_ar(word: str) -> str:
    """Compare Arabic words without diacritics, alef/yaa/taa-marbuta variants or a leading conjunction.

    Memoised: a site's pages repeat a few thousand words, and each learned term's rendering is
    normalised again for every page that may gain a finding (a re-run checks the changed pages)."""
    w = _DIACRITICS.sub("", word)
    w = re.sub("[أإآٱ]", "ا", w).replace("ى", "ي").replace("ة", "ه")
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    for prefix in ("بال", "كال", "وال", "فال"):
        if w.startswith(prefix) and len(w) > len(prefix) + 1:
            return "ال" + w[len(prefix) :]
    if w.startswith("لل") and len(w) > 3:
        return "ال" + w[2:]
    return w


_AR_STOP_NORM = frozenset(normalise_ar(w) for w in _AR_STOP) | _AR_STOP


def _target_ngrams(seg_texts: Sequence[Segment]) -> dict[str, tuple[Segment, int, int]]:
    """Normalised word n-grams (1-5 words) of the target sentences -> (segment, start, end) of one occurrence."""
    out: dict[str, tuple[Segment, int, int]] = {}
    for seg in seg_texts:
        words = [(m.group(), m.start(), m.end()) for m in _AR_WORD.finditer(seg.text)]
        norm = [normalise_ar(w) for w, _, _ in words]
        for n in range(1, 6):
            for i in range(len(words) - n + 1):
                if words[i][0] in _AR_STOP or norm[i] in _AR_STOP_NORM or norm[i + n - 1] in _AR_STOP_NORM:
                    continue
                if any(_gap(seg.text, words[q][2], words[q + 1][1]) and seg.text[words[q][2]:words[q + 1][1]].strip(" ") not in ("",)
                       for q in range(i, i + n - 1)):
                    continue
                out.setdefault(" ".join(norm[i : i + n]), (seg, words[i][1], words[i + n - 1][2]))
    return out


# ---------------------------------------------------------------- learning


PairTerms = tuple[int, tuple[tuple[str, str, bool], ...], tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class PageTerms:
    """What one page adds to the learned table, so a re-run reads it back instead of
    reading the page again (``mt_review.incremental`` keeps it by the page's key).

    ``pairs`` holds, per aligned pair with both sides, ``(segment index, terms,
    gram keys, gram surfaces)``: the terms as ``(key, as written, is a name)``
    (a glossary's terms left out), the target's normalised n-grams in the
    order they occur with their first surface.  ``keys`` are all the page's
    term keys, glossary ones too: the learned terms that can flag the page."""

    keys: frozenset[str]
    pairs: tuple[PairTerms, ...]
    whole: bool = False  # no term left out for the glossary: ``pairs`` say which pages can gain findings


class TermCache(Protocol):
    """Per-page learning data and findings kept between runs (index: the page's place in the run)."""

    def contribution(self, index: int) -> PageTerms | None: ...

    def keep_contribution(self, index: int, value: PageTerms) -> None: ...

    def closest(self, index: int) -> dict[tuple[int, str], str | None]:
        """The page's memo of closest renderings (:func:`learn_from`), empty when none was kept."""

    def keep_closest(self, index: int, memo: dict[tuple[int, str], str | None]) -> None: ...

    def findings(self, index: int, digest: str) -> Any: ...

    def keep_findings(self, index: int, digest: str, value: Any) -> Any:
        """Keep ``value``; return it as a later run reads it back (so the page pickles alike)."""


@dataclass
class _Occurrences:
    pairs: list = dataclasses.field(default_factory=list)  # (page index, pair index), each once, in order
    pages: set = dataclasses.field(default_factory=set)
    surfaces: Counter = dataclasses.field(default_factory=Counter)
    is_name: bool = False


def _in_glossary(term: str, glossary: "Glossary | None") -> bool:
    return glossary is not None and bool(glossary.find_source_terms(term))


def page_terms(page: PageReview, glossary: "Glossary | None" = None) -> PageTerms:
    """One page's contribution to the learned table (a function of the page and the glossary only)."""
    keys: set[str] = set()
    pairs: list[PairTerms] = []
    whole = True
    for si, seg in enumerate(page.segments):
        pair = seg.pair
        if not (pair.src and pair.tgt):
            continue
        seen: set[str] = set()
        found: list[tuple[str, str, bool]] = []
        for s in pair.src:
            for term, _s, _e, is_name in _source_terms(s.text):
                key = _term_key(term)
                keys.add(key)
                if key in seen:
                    continue
                if _in_glossary(term, glossary):
                    whole = False
                    continue
                seen.add(key)
                found.append((key, term, is_name))
        tg = _target_ngrams(pair.tgt)
        # interned: the same n-gram recurs across a site's pairs and pages, one string serves them all
        pairs.append((si, tuple(found), tuple(sys.intern(g) for g in tg),
                      tuple(sys.intern(t.text[a:b]) for t, a, b in tg.values())))
    return PageTerms(frozenset(keys), tuple(pairs), whole)


def contributions(
    pages: Sequence[PageReview], glossary: "Glossary | None" = None, cache: TermCache | None = None
) -> list[PageTerms]:
    """Every page's :class:`PageTerms`: read back from ``cache`` when it has them, else made (and kept)."""
    out = []
    for i in range(len(pages)):  # a page is read only when its contribution is not kept (pages may be on disk)
        pt = cache.contribution(i) if cache is not None else None
        if pt is None:
            pt = page_terms(pages[i], glossary)
            if cache is not None:
                cache.keep_contribution(i, pt)
        out.append(pt)
    return out


def learn_terms(
    pages: Sequence[PageReview], glossary: "Glossary | None" = None, cache: TermCache | None = None
) -> tuple[LearnedTerm, ...]:
    """The recurring terms of the run's aligned pairs with their dominant renderings,
    most frequent first (a hand-written glossary's terms are left out)."""
    return learn_from(contributions(pages, glossary, cache))


def learn_from(pages: Sequence[PageTerms], memos: Sequence[dict[tuple[int, str], str | None]] | None = None,
               reuse: "Unchanged | None" = None, choices: "Choices | None" = None) -> tuple[LearnedTerm, ...]:
    """:func:`learn_terms` over the pages' contributions: the merge of what each page holds.

    ``memos`` (one dict a page, filled in here) remember the rendering of a
    pair closest to a dominant one, ``(pair index, dominant) -> surface``: a
    function of the page's contribution, so a re-run need not match them again.
    ``reuse`` and ``choices``: see :func:`_choose`."""
    counts = TermCounts()
    counts.extend(pages)
    return counts.learned(memos, reuse, choices)


class TermCounts:
    """The counting half of :func:`learn_from`, one page's contribution at a time, in page order.

    Worker processes hand contributions back a chunk at a time while others
    are still reviewing; counting each chunk as it arrives overlaps the
    counting with the review, and leaves only the choosing (:meth:`learned`)
    for the end.  Counting is done with ``Counter.update`` over whole tuples.
    Also a sequence of the contributions themselves (``parallel.ShippedTerms``
    reads them by page)."""

    def __init__(self) -> None:
        self.parts: list[PageTerms] = []
        self.terms: dict[str, _Occurrences] = {}
        # pair -> (its grams, their surfaces there): the contribution's own tuples, not a dict a pair
        # (a dict of ~60 grams for each of 13,000 pairs was most of a 960-page run's learning memory)
        self.grams: dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.gram_pairs: Counter = Counter()  # gram -> pairs holding it
        self.gram_surface_pairs: Counter = Counter()  # (gram, surface) -> pairs

    def __len__(self) -> int:
        return len(self.parts)

    def __getitem__(self, index: int) -> PageTerms:
        return self.parts[index]

    def extend(self, pages: Iterable[PageTerms]) -> None:
        for page in pages:
            self.add(page)

    def add(self, page: PageTerms) -> None:
        """Count the next page's contribution."""
        pi = len(self.parts)
        self.parts.append(page)
        terms, grams = self.terms, self.grams
        gram_pairs, gram_surface_pairs = self.gram_pairs, self.gram_surface_pairs
        for si, found, keys, surfaces in page.pairs:
            for key, term, is_name in found:
                seen = terms.get(key)
                if seen is None:
                    seen = terms[key] = _Occurrences()
                seen.pairs.append((pi, si))
                seen.pages.add(pi)
                seen.surfaces[term] += 1
                seen.is_name = seen.is_name or is_name
            grams[(pi, si)] = (keys, surfaces)
        # one update a page, not a pair: Counter.update's own overhead was a third of the counting
        gram_pairs.update(chain.from_iterable(keys for _si, _found, keys, _surfaces in page.pairs))
        gram_surface_pairs.update(chain.from_iterable(zip(keys, surfaces, strict=True)
                                                      for _si, _found, keys, surfaces in page.pairs))

    def learned(self, memos: Sequence[dict[tuple[int, str], str | None]] | None = None,
                reuse: "Unchanged | None" = None, choices: "Choices | None" = None) -> tuple[LearnedTerm, ...]:
        """The learned terms of the pages counted so far (:func:`learn_from`)."""
        return _choose(self.terms, self.grams, self.gram_pairs, self.gram_surface_pairs, memos, reuse, choices)


Choices = dict[str, tuple[frozenset[str], "LearnedTerm | None"]]


@dataclass
class Unchanged:
    """What a re-run's choosing may take from the last run's (:func:`_choose`'s ``reuse``).

    ``choices`` are the last run's: per recurring term key, the n-grams its
    choice looked at (those common enough among its pairs) and the term it
    gave (None: no rendering dominant).  ``keys`` and ``grams`` are the term
    keys and n-grams whose counts differ between the pages that changed since
    (the last run's pages gone, this run's pages new).  A term's choice is a
    function of its pairs (by page: the term as written, and each pair's
    n-grams with their surfaces) and of the counts of the n-grams it looked at
    over all pairs: when the gone pages held what the new ones hold of these,
    the choice is the same (an edited page mostly keeps its terms and n-grams)."""

    choices: Choices
    keys: frozenset[str]
    grams: frozenset[str]
    reused: int = 0  # choices handed back

    @classmethod
    def between(cls, choices: Choices, gone: Iterable[PageTerms], new: Iterable[PageTerms]) -> "Unchanged":
        was, now = _held(gone), _held(new)
        keys = {k for k, _page in chain(was[0] - now[0], now[0] - was[0])}
        grams = {g for g, _surface in chain(was[1] - now[1], now[1] - was[1])}
        return cls(choices, frozenset(keys), frozenset(grams))

    def get(self, key: str) -> "tuple[frozenset[str], LearnedTerm | None] | None":
        """The last run's choice for the term, when it is still the choice; else None."""
        if key in self.keys:
            return None
        kept = self.choices.get(key)
        if kept is None or not kept[0].isdisjoint(self.grams):
            return None
        self.reused += 1
        return kept


def _held(parts: Iterable[PageTerms]) -> tuple[Counter, Counter]:
    """What ``parts`` hold of what choosing counts: (term key, the page's pairs holding it) and
    (n-gram, its surface) a pair, as multisets (:meth:`Unchanged.between`)."""
    terms: Counter = Counter()
    grams: Counter = Counter()
    for part in parts:
        by_key: dict[str, list] = defaultdict(list)
        for _si, found, gs, surfaces in part.pairs:
            for key, term, is_name in found:
                by_key[key].append((term, is_name, gs, surfaces))
            grams.update(zip(gs, surfaces, strict=True))
        terms.update((key, tuple(sorted(pairs))) for key, pairs in by_key.items())
    return terms, grams


def _choose(terms: dict[str, _Occurrences], grams: dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...]]],
            gram_pairs: Counter, gram_surface_pairs: Counter,
            memos: Sequence[dict[tuple[int, str], str | None]] | None,
            reuse: Unchanged | None = None, choices: Choices | None = None) -> tuple[LearnedTerm, ...]:
    """The choosing half of :func:`learn_from`: each recurring term's dominant rendering.

    ``reuse`` hands back the last run's choices of the terms nothing changed for
    (a re-run need not count their n-grams again); ``choices``, when given, is
    filled with this run's, to be kept for the next."""
    chosen: list[tuple[str, _Occurrences, str, str, int]] = []
    kept: dict[int, LearnedTerm] = {}  # place in ``chosen`` -> the last run's term
    for key, occ in terms.items():
        n = len(occ.pairs)
        if n < MIN_PAIRS or len(occ.pages) < MIN_PAGES:
            continue
        last = reuse.get(key) if reuse is not None else None
        if last is not None:
            if choices is not None:
                choices[key] = last
            if last[1] is not None:
                kept[len(chosen)] = last[1]
                chosen.append((key, occ, "", "", 0))
            continue
        en = max(occ.surfaces, key=lambda s: (occ.surfaces[s], s))
        n_words = len(en.split())
        counts: Counter = Counter()
        for p in occ.pairs:
            counts.update(grams[p][0])  # a pair's grams are distinct
        best = None
        looked: set[str] = set()
        for g, c in counts.items():
            if c < 2 or c < DOMINANT_SHARE * n:
                continue
            looked.add(g)  # the choice depends on these grams' counts elsewhere (specificity, surfaces)
            if c < SPECIFICITY * gram_pairs[g]:
                continue
            words = len(g.split())
            if words > n_words + MAX_EXTRA_WORDS:
                continue
            rank = (words, c, g)
            if best is None or rank > best[0]:
                best = (rank, g, c)
        if best is not None:
            chosen.append((key, occ, en, best[1], best[2]))
        if choices is not None:
            choices[key] = (frozenset(looked), None)  # the term is filled in below
    wanted = {g for i, (_k, _o, _en, g, _c) in enumerate(chosen) if i not in kept}
    gram_surface: dict[str, Counter] = defaultdict(Counter)
    for (g, surface), k in gram_surface_pairs.items():
        if g in wanted:
            gram_surface[g][surface] += k
    learned: list[LearnedTerm] = []
    for i, (key, occ, en, g, c) in enumerate(chosen):
        if i in kept:
            learned.append(kept[i])
            continue
        others: Counter = Counter()
        for p in occ.pairs:
            if g not in grams[p][0]:
                memo = memos[p[0]] if memos is not None else {}
                if (p[1], g) in memo:
                    surface_there = memo[(p[1], g)]
                else:
                    alt = _closest_of(g, zip(*grams[p], strict=True))
                    surface_there = memo[(p[1], g)] = alt[1] if alt is not None else None
                if surface_there is not None:
                    others[surface_there] += 1
        surface = max(gram_surface[g], key=lambda s: (gram_surface[g][s], s))
        learned.append(LearnedTerm(
            en=en, ar=surface, is_name=occ.is_name, pairs=len(occ.pairs), pages=len(occ.pages), dominant=c,
            others=tuple(sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))),
        ))
        if choices is not None:
            choices[key] = (choices[key][0], learned[-1])
    learned = _drop_nested(learned)
    learned.sort(key=lambda t: (-t.pairs, t.en.casefold()))
    return tuple(learned)


def _drop_nested(terms: list[LearnedTerm]) -> list[LearnedTerm]:
    """A noun phrase inside a longer learned term with the same rendering adds nothing.

    An export learns a thousand terms or more, so the longer terms holding a
    term are found by searching one joined string, not by comparing every pair:
    the terms longest first, so only the part of the longer ones is searched."""
    en = [t.en.casefold() for t in terms]
    ar = [normalise_ar(t.ar) for t in terms]
    ar_words = [" ".join(normalise_ar(w) for w in t.ar.split()) for t in terms]
    order = sorted(range(len(terms)), key=lambda j: -len(terms[j].en))
    joined = "\x00".join(en[j] for j in order)  # a term never holds NUL (not a space: it would split the term)
    starts, at = [], 0
    for j in order:
        starts.append(at)
        at += len(en[j]) + 1
    longer_end: dict[int, int] = {}  # a length -> where the terms of that length or shorter start in ``joined``
    for k in range(len(order) - 1, -1, -1):
        longer_end[len(terms[order[k]].en)] = starts[k]
    out = []
    for i, t in enumerate(terms):
        holders = set()
        end = longer_end[len(t.en)]
        pos = joined.find(en[i], 0, end) if en[i] else -1
        while pos != -1:
            holders.add(order[bisect.bisect_right(starts, pos) - 1])
            pos = joined.find(en[i], pos + 1, end)
        inside = any(j != i and len(terms[j].en) > len(t.en) and ar[i] in ar_words[j] for j in holders)
        if not inside:
            out.append(t)
    return out


def _closest_of(dominant: str, grams: Iterable[tuple[str, T]]) -> tuple[str, T] | None:
    """The (gram, payload) whose gram is most like the dominant rendering (ratio >= 0.5;
    the first of equals in ``grams`` order), or None."""
    words = len(dominant.split())
    best = None
    floor = 0.5  # a candidate whose ratio cannot reach this is skipped
    la = len(dominant)
    for g, payload in grams:
        if abs(len(g.split()) - words) > 1:
            continue
        # upper bounds of the ratio, computed as difflib computes it (2.0 * matches / length):
        # a candidate below the best so far (or 0.5) cannot win, so it is not matched
        if 2.0 * min(la, len(g)) / (la + len(g)) < floor:
            continue
        matcher = difflib.SequenceMatcher(None, dominant, g, autojunk=False)
        if matcher.quick_ratio() < floor:
            continue
        r = matcher.ratio()
        if r >= 0.5 and (best is None or (r, len(g)) > best[0]):
            best = ((r, len(g)), (g, payload))
            floor = r
    return best[1] if best else None


def _closest(dominant: str, grams: dict[str, tuple[Segment, int, int]]):
    """The target n-gram most like the dominant rendering (ratio >= 0.5), as
    (segment, start, end, surface), or None."""
    alt = _closest_of(dominant, grams.items())
    if alt is None:
        return None
    seg, a, b = alt[1]
    return seg, a, b, seg.text[a:b]


# ---------------------------------------------------------------- findings


def _terms_by_key(terms: Sequence[LearnedTerm]) -> dict[str, LearnedTerm]:
    """Learned terms by their key and by their folded form."""
    by_key = {t.key: t for t in terms}
    by_key.update({_term_key(t.en): t for t in terms})
    return by_key


def term_findings(
    page: PageReview, terms: Sequence[LearnedTerm], by_key: dict[str, LearnedTerm] | None = None
) -> dict[int, list[Finding]]:
    """Findings per segment index of ``page``: pairs holding a learned term without
    its dominant rendering (``by_key``: ``_terms_by_key(terms)``, built once for many pages)."""
    out: dict[int, list[Finding]] = {}
    if not terms:
        return out
    by_key = by_key if by_key is not None else _terms_by_key(terms)
    for si, seg in enumerate(page.segments):
        pair = seg.pair
        if not (pair.src and pair.tgt):
            continue
        grams = None
        done = set()
        for s in pair.src:
            for term, a, b, _ in _source_terms(s.text):
                t = by_key.get(_term_key(term))
                if t is None or t.key in done:
                    continue
                done.add(t.key)
                if grams is None:
                    grams = _target_ngrams(pair.tgt)
                dom = " ".join(normalise_ar(w) for w in t.ar.split())
                if dom in grams or re.search(re.escape(term), pair.tgt_text, re.IGNORECASE):
                    continue  # rendered as the site does, or left in Latin (the untranslated check's case)
                alt = _closest(dom, grams)
                src_span = Span(s.block_index, s.start + a, s.start + b, term)
                if alt is not None:
                    aseg, x, y, surface = alt
                    tgt_span = Span(aseg.block_index, aseg.start + x, aseg.start + y, surface)
                    what = f"as «{surface}»"
                else:
                    first = pair.tgt[0]
                    tgt_span = Span(first.block_index, first.start, first.end, first.text)
                    what = "without it"
                out.setdefault(si, []).append(Finding(
                    check=CHECK,
                    category=CATEGORY,
                    severity=Severity.MAJOR if t.is_name else Severity.MINOR,
                    message=f"“{t.en}” is rendered «{t.ar}» across this site, but here {what}.",
                    src_span=src_span,
                    tgt_span=tgt_span,
                    threshold=(f"learned from this export: «{t.ar}» in {t.dominant} of {t.pairs} aligned pairs on "
                               f"{t.pages} pages (dominant >= {DOMINANT_SHARE:.0%}); no glossary entry"),
                    suggestion=t.ar,
                ))
    return out


def apply_learned_terms(pages: Sequence[PageReview], terms: Sequence[LearnedTerm],
                        overrides: Mapping[str, Severity] | None = None) -> list[PageReview]:
    """The page reviews with the learned-terminology findings added to their segments, re-graded
    like the terminology check's own (each segment's risk and the page score follow: they are derived)."""
    by_key = _terms_by_key(terms)
    return [_with_findings(page, _page_findings(page, terms, by_key, overrides)) for page in pages]


def _page_findings(page: PageReview, terms: Sequence[LearnedTerm], by_key: dict[str, LearnedTerm],
                   overrides: Mapping[str, Severity] | None) -> dict[int, list[Finding]]:
    return {si: found for si, fs in term_findings(page, terms, by_key).items() if (found := regrade_findings(fs, overrides))}


def _with_findings(page: PageReview, extra: Mapping[int, Sequence[Finding]]) -> PageReview:
    if not extra:
        return page
    segments = list(page.segments)
    for si, found in extra.items():
        segments[si] = dataclasses.replace(segments[si], findings=tuple(segments[si].findings) + tuple(found))
    return dataclasses.replace(page, segments=tuple(segments))


def _dominant_grams(terms: Sequence[LearnedTerm]) -> dict[str, str]:
    """Each learned term's dominant rendering as :func:`term_findings` looks it up among a pair's n-grams."""
    return {t.key: " ".join(normalise_ar(w) for w in t.ar.split()) for t in terms}


def _may_gain(part: PageTerms, by_key: Mapping[str, LearnedTerm], dominant: Mapping[str, str]) -> bool:
    """Whether :func:`term_findings` can flag anything on the page whose contribution is ``part``.

    A finding needs a pair holding a learned term (looked up by the same
    key) whose n-grams lack the term's dominant rendering; the contribution
    holds exactly those keys and n-grams per pair, so a page for which this
    is False gains nothing and need not be read (the Latin exemption and
    the re-grading only remove findings).  A page with terms left out for
    the glossary (``whole`` False) is always read."""
    if not part.whole:
        return True
    for _si, found, grams, _surfaces in part.pairs:
        present = None
        for key, _term, _is_name in found:
            t = by_key.get(key)
            if t is None:
                continue
            if present is None:
                present = set(grams)
            if dominant[t.key] not in present:
                return True
    return False


def pages_to_flag(parts: Sequence[PageTerms], terms: Sequence[LearnedTerm]) -> list[int]:
    """The indexes of the pages (by their contributions) the learned ``terms`` may add findings to."""
    by_key, dominant = _terms_by_key(terms), _dominant_grams(terms)
    return [i for i, part in enumerate(parts) if _may_gain(part, by_key, dominant)]


def _flagged_pages(pages: Sequence[PageReview], terms: Sequence[LearnedTerm], overrides: Mapping[str, Severity] | None,
                   cache: TermCache | None, parts: Sequence[PageTerms], *, pickled: bool = False
                   ) -> Iterable[tuple[int, PageReview | None, Any]]:
    """:func:`apply_learned_terms` and the fingerprints, page by page: ``(index, page, flagged page)``
    (the same object when nothing changed; both None when ``cache`` says the page gains nothing:
    then it is not read), each page's outcome read back from ``cache`` when given.

    What a page gains (its segments whose findings changed, fingerprints
    stamped) is a function of the page, the learned terms that can flag it
    (those among its term keys, hashed) and the settings (part of the page's
    key), so it is kept under those.  Both ways the page is put together from
    the value as read back, so it pickles alike (report fragments are keyed
    by the page's pickle).

    With ``pickled`` (the pages are a spool) and a cache that keeps them
    (``flagged_pickle``), a flagged page may come as its pickle
    (:class:`mt_review.spool.Pickled`): the one an earlier run made of the
    same review with the same gains, so the page is neither read nor pickled again."""
    from mt_review.fingerprint import with_fingerprints

    by_key, dominant = _terms_by_key(terms), _dominant_grams(terms)
    kept_pickle = getattr(cache, "flagged_pickle", None) if pickled else None
    keep_pickle = getattr(cache, "keep_flagged_pickle", None) if kept_pickle is not None else None
    for i in range(len(pages)):
        if terms and not _may_gain(parts[i], by_key, dominant):  # nothing to gain: the page is not read
            yield i, None, None
            continue
        if cache is not None and terms:  # a page that gains nothing is not read back (pages may be on disk)
            digest = _relevant_digest(parts[i].keys, by_key)
            if kept_pickle is not None:
                ready = kept_pickle(i, digest)
                if ready is not None:
                    yield i, None, ready
                    continue
            gained = cache.findings(i, digest)
            if gained is None:
                gained = _kept_nothing_gained(cache, i, parts[i].keys, by_key)
            if gained is not None and not any(gained):
                yield i, None, None
                continue
        page = pages[i]
        if not terms:
            yield i, page, page
            continue
        if cache is None:
            flagged = _with_findings(page, _page_findings(page, terms, by_key, overrides))
            yield i, page, (page if flagged is page else with_fingerprints(flagged))
            continue
        if gained is None:
            flagged = _with_findings(page, _page_findings(page, terms, by_key, overrides))
            if flagged is not page:
                flagged = with_fingerprints(flagged)
                gained = {si: s.findings for si, (s, t) in enumerate(zip(flagged.segments, page.segments, strict=True))
                          if s.findings != t.findings}
                furniture = {fi: f.findings for fi, (f, g) in enumerate(zip(flagged.furniture, page.furniture, strict=True))
                             if f.findings != g.findings}
                gained = (gained, furniture)
            else:
                gained = ({}, {})
            gained = cache.keep_findings(i, digest, gained)
            if not any(gained):
                _keep_nothing_gained(cache, i, parts[i].keys, by_key)
        flagged = _gained(page, gained)
        if keep_pickle is not None and flagged is not page:
            flagged = keep_pickle(i, digest, flagged)
        yield i, page, flagged


def _gained(page: PageReview, gained: tuple[Mapping[int, tuple[Finding, ...]], Mapping[int, tuple[Finding, ...]]]
            ) -> PageReview:
    segments, furniture = gained
    if not segments and not furniture:
        return page
    segs = list(page.segments)
    for si, found in segments.items():
        segs[si] = dataclasses.replace(segs[si], findings=found)
    furn = list(page.furniture)
    for fi, found in furniture.items():
        furn[fi] = dataclasses.replace(furn[fi], findings=found)
    return dataclasses.replace(page, segments=tuple(segs), furniture=tuple(furn))


def regrade_findings(findings: Iterable[Finding], overrides: Mapping[str, Severity] | None) -> list[Finding]:
    """The checks' re-grading (imported when first needed: the checks are many modules)."""
    from mt_review.checks import regrade

    return regrade(findings, overrides)


def _relevant_digest(keys: Iterable[str], by_key: Mapping[str, LearnedTerm]) -> str:
    """sha256 of the learned terms a page with term ``keys`` can be flagged for."""
    h = hashlib.sha256()
    for k in sorted(keys):
        t = by_key.get(k)
        if t is not None:
            h.update(f"{k}\x1f{t!r}\x1e".encode("utf-8"))
    return h.hexdigest()


def _nothing_gained_digest(keys: Iterable[str], by_key: Mapping[str, LearnedTerm]) -> str:
    """sha256 of what decides whether a page with term ``keys`` gains any learned-term finding.

    :func:`term_findings` flags an occurrence when the page's pair lacks the
    term's dominant rendering; which learned term a key finds (``t.key``: one
    check per term and pair) and its rendering (``t.ar``) decide that; the
    counts and the other renderings only go into a finding's text, and the
    re-grading is by check (all these findings have one).  So a page that
    gained nothing under one table gains nothing under any table with this
    digest: after an edit moves the counts of terms a page holds, the pages
    that gained nothing need not be read and checked again."""
    h = hashlib.sha256(b"nothing gained\x1e")
    for k in sorted(keys):
        t = by_key.get(k)
        if t is not None:
            h.update(f"{k}\x1f{t.key}\x1f{t.ar}\x1e".encode("utf-8"))
    return "nothing:" + h.hexdigest()


def _kept_nothing_gained(cache: TermCache, index: int, keys: Iterable[str], by_key: Mapping[str, LearnedTerm]
                         ) -> Any:
    """``({}, {})`` when ``cache`` says the page gained nothing under a table deciding alike, else None."""
    got = cache.findings(index, _nothing_gained_digest(keys, by_key))
    return got if got == ({}, {}) else None


def _keep_nothing_gained(cache: TermCache, index: int, keys: Iterable[str], by_key: Mapping[str, LearnedTerm]
                         ) -> None:
    """Note in ``cache`` that the page gains nothing under any table deciding as this one does."""
    cache.keep_findings(index, _nothing_gained_digest(keys, by_key), ({}, {}))


def learn_kept(pages: Sequence[PageReview], glossary: "Glossary | None", cache: TermCache
               ) -> tuple[list[PageTerms], tuple[LearnedTerm, ...], Unchanged | None]:
    """:func:`learn_terms` with ``cache``: the contributions, the learned terms, and what was
    taken from the last run's choices (when ``cache`` keeps them: ``last_choices``/``keep_choices``,
    as ``mt_review.incremental`` does), so a re-run chooses again only for what changed."""
    parts = contributions(pages, glossary, cache)
    memos = [cache.closest(i) for i in range(len(pages))]
    sizes = [len(m) for m in memos]
    last = getattr(cache, "last_choices", None)  # optional: kept choices of the last run
    reuse = last(parts) if last is not None else None
    choices: Choices = {}
    terms = learn_from(parts, memos, reuse, choices)
    if last is not None:
        cache.keep_choices(choices, len(parts))  # type: ignore[attr-defined]
    for i, (memo, size) in enumerate(zip(memos, sizes, strict=True)):
        if len(memo) != size:
            cache.keep_closest(i, memo)
    return parts, terms, reuse


def with_learned_terms(pages: Sequence[PageReview], glossary: "Glossary | None" = None,
                       overrides: Mapping[str, Severity] | None = None,
                       cache: TermCache | None = None) -> Sequence[PageReview]:
    """Learn the run's terms and flag the pages that break them; a page that gains findings
    gets its fingerprints again.  ``cache`` (``mt_review.incremental``) makes a re-run
    read back what unchanged pages contributed and gained.  A spool of pages (``mt_review.spool``)
    is updated in place, one page in memory at a time; any other sequence gives a new list."""
    replace = getattr(pages, "replace", None)
    if cache is None and len(pages) < MIN_PAGES:  # a term needs MIN_PAGES pages: no page is read at all
        # (a site exported as one XLIFF file is one page: its contributions beside it were ~4 MB per input MB)
        return pages if replace is not None else list(pages)
    if cache is None:
        parts = contributions(pages, glossary, cache)
        terms = learn_from(parts)
    else:
        parts, terms, _reuse = learn_kept(pages, glossary, cache)
    if not terms:  # nothing learned, nothing flagged: the pages are not read again
        return pages if replace is not None else list(pages)
    flagged = _flagged_pages(pages, terms, overrides, cache, parts, pickled=replace is not None)
    if replace is None:
        return [pages[i] if done is None else done for i, _page, done in flagged]
    for i, page, done in flagged:
        if done is not page:
            replace(i, done)
    return pages


def glossary_csv(terms: Sequence[LearnedTerm]) -> str:
    """The learned table in the glossary CSV format (``en,ar,forbidden,keep_latin,notes``)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["en", "ar", "forbidden", "keep_latin", "notes"])
    for t in terms:
        seen = "; ".join(f"«{r}» {n}x" for r, n in t.others)
        note = (f"learned: {t.dominant} of {t.pairs} aligned pairs on {t.pages} pages"
                + ("; name" if t.is_name else "") + (f"; also seen: {seen}" if seen else ""))
        w.writerow([t.en, t.ar, "", "no", note])
    return buf.getvalue()


def suggest_glossary(paths, settings: "ReviewSettings") -> tuple[LearnedTerm, ...]:
    """Review ``paths`` without translation models and learn the export's terms
    (a glossary named in ``config`` is read, and its terms are left out)."""
    from mt_review.pipeline import load_resources, review_paths

    settings = dataclasses.replace(settings, model_en_ar="", model_ar_en="")
    res = load_resources(settings, need_models=False)
    run = review_paths(paths, settings, resources=res)
    return learn_terms(run.pages, res.glossary)
