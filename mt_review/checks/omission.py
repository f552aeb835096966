"""Omission: source sentences with no target (1-0 links) and targets much shorter than
the page's usual length ratio.

The length ratio is target letters+digits / source letters+digits.  Each page
is its own yardstick, locally: a pair is an outlier against the *median*
ratio of the page's pairs of the same kind (block kind and length band), or of
the whole page when a kind has too few pairs (English->Arabic is usually close
to 0.9-1.0 in characters, but a page's style and the kind of text move it).  Pages with fewer than ``MIN_PAIRS`` usable pairs fall back to
``PRIOR_RATIO``, the median measured on the Debian gettext catalogues
(benchmarks/data.py: 0.81 over 1,351 human pairs with >= 15 source characters).
A pair only short enough for a minor omission is major when its target also has
few of its source's dictionary words in any loose form, fewer than the page's
rate makes likely (:func:`loose_shortfall`): two independent signs.  So is one short for a clause
(< ``CLAUSE_SHORT``) whose target has a bracket or quote that lost its partner while the source's are
paired (:meth:`OmissionCheck._lost_partner`): a cut across the bracket.  A short string short by length
alone is only minor when its target has more words left over than its source
(:meth:`OmissionCheck.words_left_to_render`): a terse rendering, not a cut.  On a page whose translations are not terse, a short
string a little short (< ``PLAIN_SHORT``) whose unrendered source words far outnumber the target's, leaning
beyond the page's balance, is a major omission (:meth:`OmissionCheck._leans_on_plain_page`).  So is a pair
short for a clause whose source has a stretch between two anchors of the word-order chain that the target has
side by side (:meth:`OmissionCheck._anchor_gap`): a dropped sentence of a paragraph, whose words the dictionary
may still find elsewhere in the target.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median
from typing import ClassVar, TypeVar

from mt_review import coverage
from mt_review.checks.base import Check, CheckContext, seg_span, whole_span, words
from mt_review.checks.text import arabic_words, normalize_ar, unbalanced
from mt_review.langid import EN_FUNCTION_WORDS, EN_WORD
from mt_review.model import AlignedPair, Finding, Segment, Severity, Span

LENGTH_BANDS = (60, 200)  # source letters: short strings / sentences / long paragraphs
PRIOR_RATIO = 0.81
MIN_PAIRS = 5  # usable pairs needed before the page median replaces the prior
MIN_CHARS = 15  # shorter sources are too noisy to judge by length
SHORT_MAJOR = 0.55  # ratio < median x this -> major omission (tuning halves: 0-0.3 % of clean pairs)
SHORT_MINOR = 0.65  # ratio < median x this -> minor omission
LONG_MAJOR = 1.6  # ratio > median x this -> major addition (tuning halves: 0.3-0.9 % of clean pairs)
LONG_MINOR = 1.45  # ratio > median x this -> minor addition
ALONE_SHORT = 0.6  # a minor omission with no second sign (loose shortfall) needs ratio < median x this, and
ALONE_LONG = 1.55  # a minor addition ratio > median x this: terse or wordy UI strings spread that far (tuning
#                    halves, 0.65/1.45 -> 0.6/1.55: clean-any catalogues 0.130 -> 0.115 on seeds 0-2, 0.129 -> 0.117 on
#                    3-5, prose 0.077 -> 0.071, 0.083 -> 0.076; recall at major unchanged, 3-5 hits lost at minor per set)
SHORT_TEXT_MAJOR = (0.55, 2.0)  # major factors for sources under LENGTH_BANDS[0] letters: additions to short strings spread wider
# a milder gap is major when one clause of one side has no counterpart on the other
# (mt_review.coverage) and the pair's length without that clause fits the yardstick
CLAUSE_SHORT = 0.8  # ratio < median x this: look for the missing source clause
CLAUSE_LONG = 1.2  # ratio > median x this: look for the added target clause
CLAUSE_MISSING = 0.75  # ... on a page of terse translations (leftover yardstick < 0): 1 - coverage.MIN_CLAUSE_SHARE
#                       (a literal: coverage imports the checks): a clause is a quarter or more of its side's judged
#                       words, so its loss leaves about three quarters of the length or less (derived; at 0.8, clean
#                       terse hadith between 0.75 and 0.8 x lost a clause the dictionary does not read; tuning halves,
#                       seeds 0-2: the injected omissions found this way are all below 0.73 x.  On every page it
#                       missed a plain lost clause at 0.76 x, tests/test_clauses.py)
RUN_SHORT = 0.7  # ratio < median x this: look for a run of missing words inside a clause
RUN_MIN_KNOWN = 2  # dictionary words of such a run, none found: major when balance_improves, else minor (tuning
#                   halves, seeds 0-3: a fixed major from 3 words flagged clean terse hadith; 2 words without the
#                   balance gate cost 3 clean catalogue majors on seed 0)
LEFT_MIN = 3  # a short string (< LENGTH_BANDS[0] letters) with this many source content words the target does not
LEFT_SHARE = 0.4  # render, and at most this share as many target words the source does not account for, is major
#                   (coverage.unmatched; tuning halves: 0.5 flags a clean catalogue pair, 4 words lose half the hits)
LEFT_FOUND = 2  # ... when the dictionary finds this many source words (the pair is a translation it reaches;
#                 1 let a hadith gloss whose only found word was "water" through)
LEAN_FACTOR = 2  # a minor length outlier is major when its leftover balance leans this many times beyond the page's
LEAN_MIN_LEFT = 2  # towards the short side, with this many words left over there (tuning halves, seeds 0-3: 2 gained
#                    1 omission, 6 additions, 3 truncations, no clean major; 1.6: 5 more hits for 5 clean majors)
CLAUSE_FIT = 0.3  # without the clause, the ratio is within this of the yardstick (and closer than with it)
LOOSE_ALPHA = 0.1  # a minor omission (short by length) is major when so few of the source's dictionary words are in the
#                   target in any loose form (coverage.loosely_unmatched) that, at the page's own rate, as few or fewer
#                   by chance has p below this (two independent signs; tuning halves: 0.15 gained 1 catalogue omission on
#                   seeds 0-2 and 3-5 but flagged a clean prose pair on 3-5)
LOOSE_MIN_LEFT = 3  # ... with this many source words left with no counterpart in any form
PLAIN_SHORT = 0.8  # a short string below this x its yardstick, on a page whose translations are not terse, is a major
PLAIN_SHARE = 0.5  # omission when its target has at most this share as many words the source does not account for
PLAIN_LEAN = 1.6  # as the source has words the target does not render (LEFT_MIN+, LEFT_FOUND found), and its balance
#                   leans this many times beyond the page's (tuning halves, seeds 0-2: catalogue omission
#                   0.764 -> 0.789 for no clean pair; below 1.0 x with 1 word found: 0.829, but +1 clean major on 3-5;
#                   0.9 -> 0.8 with the Snowball stems, which find more words: at 0.9 a complete terse label became a
#                   clean major, catalogue clean-major 0.011 -> 0.014 on 0-2 and 3-5; at 0.8 0.011, omission 0.780 / 0.813)
PAGE_SHORT = 0.8  # a short string (< LENGTH_BANDS[0] letters) short in letters (ratio < median x this) is a major
PAGE_MIN_PAIRS = 2  # omission when a source word of it is one the page's other pairs render: in this many pairs or
PAGE_SHARE = 0.75  # more, and this share of those that have it, the target has a dictionary rendering of it in a loose
#                    form (coverage.loose_renderings), and this target has none (tuning halves, seeds 0-2: the
#                    catalogues' short pairs below 0.8: 0 of 96 clean pairs have such a word, 5 of 16 omissions;
#                    prose is too varied to learn from: 8 clean, 0 omissions, all past LENGTH_BANDS[0])
WEAK_PART = 0.5  # a short string (< LENGTH_BANDS[0] letters) is a major omission when three signs, each below its own
#                 major threshold, each reach this share of the way to it (in logs; 0.5 = the geometric half-way):
#                 length ratio < yardstick x SHORT_TEXT_MAJOR[0] ** WEAK_PART (0.74), leftover balance leaning
#                 LEAN_FACTOR ** WEAK_PART (1.41x) beyond the page's, loose coverage p < LOOSE_ALPHA ** WEAK_PART (0.32)
#                 (:meth:`OmissionCheck._weak_signs`; not in longer pairs, where clean pairs reach it as often: tuning
#                 halves, seeds 0-5, prose 3 clean for 2 omissions, documentation paragraphs 6 clean for 3)
GAP_ALPHA = 0.05  # a pair short for a clause (< CLAUSE_SHORT x its yardstick) is a major omission when a stretch of its
GAP_SHARE = 0.3  # source between two consecutive anchors of the word-order chain (coverage.word_order) holds
#                  coverage.MIN_CLAUSE_KNOWN or more judged words and no anchor, as unlikely as p < GAP_ALPHA at the pair's
#                  own anchor rate, the target between those two anchors has at most GAP_SHARE of the letters the
#                  stretch would take at the yardstick, and outside the two anchors the ratio fits (CLAUSE_FIT)
#                  (:meth:`OmissionCheck._anchor_gap`; tuning half, documentation: omission 0.727 -> 0.764 on seeds 0-2,
#                  0.725 -> 0.780 on 3-5, no clean documentation pair; share 0.4 or 0.5, p < 0.1, or ratio < 0.85 x:
#                  +1 clean pair or more for each omission gained)


def _chars(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


_T = TypeVar("_T")


def per_page(ctx: CheckContext, what: str, compute: Callable[[], _T]) -> _T:
    """``compute()`` once per page (``CheckContext.memo``) and ``what``: a per-pair rule that needs a
    page-wide figure must not rebuild it for every pair (O(pairs²) on a pre-paired file of thousands of units)."""
    if what not in ctx.memo:
        ctx.memo[what] = compute()
    return ctx.memo[what]  # type: ignore[return-value]


def _kind(pair: AlignedPair, blocks: dict[int, str]) -> tuple[str, int]:
    """The kind of text a pair is: its block kind and its source length band."""
    n = _chars(pair.src_text)
    return (blocks.get(pair.src[0].block_index, "") if pair.src else "", sum(n >= b for b in LENGTH_BANDS))


def page_ratios(ctx: CheckContext) -> tuple[dict[int, float], dict[int, tuple[float, str]]]:
    """Per-pair length ratios of usable pairs, and each pair's yardstick with where it came from
    (once per page, :func:`per_page`; callers must not change what it returns).

    The yardstick is local: the median of the pairs of the same kind of text
    (block kind and length band: UI strings and paragraphs translate with
    different ratios), else the page median, else the prior.
    """
    return per_page(ctx, "page_ratios", lambda: _page_ratios(ctx))


def _page_ratios(ctx: CheckContext) -> tuple[dict[int, float], dict[int, tuple[float, str]]]:
    blocks: dict[int, str] = {}
    for b in ctx.source.blocks:  # the first block with an index, as a scan would find it
        blocks.setdefault(b.index, b.kind.value)
    ratios: dict[int, float] = {}
    kinds: dict[int, tuple[str, int]] = {}
    for i, p in enumerate(ctx.pairs):
        if p.src and p.tgt:
            s, t = _chars(p.src_text), _chars(p.tgt_text)
            if s >= MIN_CHARS:
                ratios[i] = t / s
                kinds[i] = _kind(p, blocks)
    by_kind: dict[tuple[str, int], list[float]] = {}
    for i, r in ratios.items():
        by_kind.setdefault(kinds[i], []).append(r)
    prior = (PRIOR_RATIO, "prior ratio")
    # a median of 0 (most targets without a letter: "...", emoji) is no yardstick
    page = (median(ratios.values()), "page median") if len(ratios) >= MIN_PAIRS else prior
    page = page if page[0] > 0 else prior
    refs = {}
    for i in ratios:
        group = by_kind[kinds[i]]
        refs[i] = (median(group), "median of its kind") if len(group) >= MIN_PAIRS and median(group) > 0 else page
    return ratios, refs


def _loose_status(english: str, arabic: str) -> dict[str, bool]:
    """Source content word (lower case) -> whether the target has one of its dictionary renderings in a
    loose form (:func:`coverage.loose_renderings`), for the words that have renderings."""
    target = coverage.loose_forms(arabic)
    out: dict[str, bool] = {}
    for m in EN_WORD.finditer(english):
        low = m.group().lower()
        if low in EN_FUNCTION_WORDS or len(low) < 3:
            continue
        loose = coverage.loose_renderings(low)
        if loose:
            out[low] = out.get(low, False) or bool(loose & target)
    return out


def _loose_leftovers(english: str, arabic: str) -> tuple[int, int]:
    """(source words with renderings that the target has in no loose form, target content words none of
    whose loose forms is a rendering of a source word): :func:`coverage.loosely_unmatched` on both sides."""
    left, _ = coverage.loosely_unmatched(english, arabic)
    rendered: set[str] = set()
    for m in EN_WORD.finditer(english):
        low = m.group().lower()
        if low not in EN_FUNCTION_WORDS and len(low) >= 3:
            rendered |= coverage.loose_renderings(low)
    extra = sum(1 for w, _, _ in arabic_words(arabic) if len(w) >= 3 and normalize_ar(w) not in coverage.ar_function_forms()
                and not coverage.loose_forms(w) & rendered)
    return left, extra


def page_rendered_misses(ctx: CheckContext) -> dict[int, list[str]]:
    """Per pair, the source words its target does not render in any loose form although the page's other
    pairs that have the word render it (``PAGE_MIN_PAIRS`` pairs, ``PAGE_SHARE`` of them): where the
    dictionary reaches a word on this page, its absence here is no gap of the dictionary (once per page)."""
    def compute() -> dict[int, list[str]]:
        status = {i: _loose_status(p.src_text, p.tgt_text) for i, p in enumerate(ctx.pairs) if p.src and p.tgt}
        seen: dict[str, list[int]] = {}
        for st in status.values():
            for w, found in st.items():
                seen.setdefault(w, [0, 0])
                seen[w][0] += 1
                seen[w][1] += found
        out = {}
        for i, st in status.items():
            words = [w for w, found in st.items() if not found and seen[w][1] >= PAGE_MIN_PAIRS
                     and seen[w][1] >= PAGE_SHARE * (seen[w][0] - 1)]
            if words:
                out[i] = words
        return out
    return per_page(ctx, "page_rendered_misses", compute)


class LengthCheck(Check):
    """Shared rule of omission and addition: an unaligned sentence on one side, or a
    pair whose length ratio strays from the page's yardstick in one direction."""

    side: ClassVar[str]  # "src": a sentence the target lacks; "tgt": one the source lacks
    unaligned_message: ClassVar[str]
    outlier_message: ClassVar[str]
    minor_factor: ClassVar[float]
    major_factor: ClassVar[float]
    short_major_factor: ClassVar[float]  # for short strings, whose ratios spread wider
    clause_factor: ClassVar[float]
    alone_factor: ClassVar[float]  # a minor by length alone (no second sign) needs a gap beyond this

    def second_sign(self, ctx: CheckContext, i: int) -> bool:
        """Evidence besides the length that pair ``i`` lacks something (or has too much): with it a
        mild length gap (within ``alone_factor``) is still reported."""
        return False

    def words_left_to_render(self, pair: AlignedPair) -> str | None:
        """Why a gap beyond the major factor, with no other sign, is only minor: the other side has words
        left over that may render what the length says is missing (or added); None when it has not."""
        return None

    def _beyond(self, rel: float, factor: float) -> bool:
        return rel < factor if self.side == "src" else rel > factor

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        here, there = (pair.src, pair.tgt) if self.side == "src" else (pair.tgt, pair.src)
        if not here or there:
            return []
        n = words(" ".join(s.text for s in here))
        span = whole_span(here, ctx.source if self.side == "src" else ctx.target)
        side_name = "source" if self.side == "src" else "target"
        return [self.finding(
            self.unaligned_message,
            severity=Severity.MAJOR if n >= 3 else Severity.MINOR,
            threshold=f"unaligned {side_name} sentence ({pair.link} link, {n} words)",
            src_span=span if self.side == "src" else None,
            tgt_span=None if self.side == "src" else span,
        )]

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        out = {i: self.run(p, ctx) for i, p in enumerate(ctx.pairs)}
        ratios, refs = page_ratios(ctx)
        sign = "<" if self.side == "src" else ">"
        for i, r in ratios.items():
            ref, kind = refs[i]
            rel = r / ref
            short_text = _chars(ctx.pairs[i].src_text) < LENGTH_BANDS[0]
            major_factor = self.short_major_factor if short_text else self.major_factor
            major = self._beyond(rel, major_factor)
            if not major and self._beyond(rel, self.clause_factor):
                gap = self.clause_gap(ctx.pairs[i], ctx, r, ref, kind)
                if gap is not None:
                    out[i].append(gap)
                    continue
            if not self._beyond(rel, self.minor_factor):
                continue
            lean = None if major else leftover_lean(ctx, ctx.pairs[i], self.side)
            major = major or lean is not None
            if not major and not self._beyond(rel, self.alone_factor) and not self.second_sign(ctx, i):
                continue
            factor = major_factor if major and lean is None else self.minor_factor
            pair = ctx.pairs[i]
            rendered = self.words_left_to_render(pair) if major and lean is None else None
            out[i].append(self.finding(
                self.outlier_message,
                severity=Severity.MAJOR if major and rendered is None else Severity.MINOR,
                src_span=whole_span(pair.src, ctx.source), tgt_span=whole_span(pair.tgt, ctx.target),
                threshold=f"length ratio {r:.2f} {sign} {kind} {ref:.2f} × {factor}" + (lean or "") + (rendered or ""),
            ))
        return out

    def clause_gap(self, pair: AlignedPair, ctx: CheckContext, ratio: float, ref: float, kind: str) -> Finding | None:
        """A major finding naming the clause with no counterpart, or None (see CLAUSE_*)."""
        raise NotImplementedError


def _fits(t: int, s: int, ref: float, ratio: float) -> float | None:
    """The ratio t/s relative to the yardstick, when it fits it (within CLAUSE_FIT) better than
    the pair's own ratio does; else None."""
    if s <= 0 or t <= 0:
        return None
    fit = (t / s) / ref
    return fit if abs(fit - 1) <= CLAUSE_FIT and abs(fit - 1) < abs(ratio / ref - 1) else None


def leftover_yardstick(ctx: CheckContext) -> float:
    """The page's usual balance of leftover words, median log((X + 1) / (L + 1)) over its pairs
    (:func:`coverage.unmatched`: L source words the dictionary left over, X target words); once per page."""
    def compute() -> float:
        logs = []
        for p in ctx.pairs:
            if p.src and p.tgt:
                left, extra, _ = coverage.unmatched(p.src_text, p.tgt_text)
                logs.append(math.log((extra + 1) / (left + 1)))
        return median(logs) if logs else 0.0
    return per_page(ctx, "leftover_yardstick", compute)


def balance_improves(ctx: CheckContext, pair: AlignedPair, known: int, side: str) -> bool:
    """Whether leaving ``known`` words out of one side (``side`` "src": a missing source clause;
    "tgt": an added target clause) brings the pair's leftover balance closer to the page's: a
    clause the other side renders in words the dictionary does not know leaves the balance
    worse when it is taken out."""
    yard = leftover_yardstick(ctx)
    left, extra, _ = coverage.unmatched(pair.src_text, pair.tgt_text)
    before = abs(math.log((extra + 1) / (left + 1)) - yard)
    if side == "src":
        after = abs(math.log((extra + 1) / (max(left - known, 0) + 1)) - yard)
    else:
        after = abs(math.log((max(extra - known, 0) + 1) / (left + 1)) - yard)
    return after < before


def leftover_lean(ctx: CheckContext, pair: AlignedPair, side: str, factor: float = LEAN_FACTOR) -> str | None:
    """The threshold words when a pair's leftover balance log((X + 1) / (L + 1)) (:func:`coverage.unmatched`)
    lies ``log(LEAN_FACTOR)`` or more beyond the page's median towards ``side`` ("src": source words
    left over, "tgt": target words), with ``LEAN_MIN_LEFT`` such words and one word found; else None."""
    yard = leftover_yardstick(ctx)
    left, extra, found = coverage.unmatched(pair.src_text, pair.tgt_text)
    mine = left if side == "src" else extra
    if not found or mine < LEAN_MIN_LEFT:
        return None
    lean = math.log((extra + 1) / (left + 1)) - yard
    if (-lean if side == "src" else lean) < math.log(factor):
        return None
    return (f"; leftover words {left} in the source, {extra} in the target: {factor}x or more beyond the "
            f"page's usual balance")


def _loose_counts(ctx: CheckContext) -> dict[int, tuple[int, int]]:
    """:func:`coverage.loosely_unmatched` of each pair with both sides (once per page)."""
    return per_page(ctx, "loose_counts", lambda: {
        i: coverage.loosely_unmatched(p.src_text, p.tgt_text) for i, p in enumerate(ctx.pairs) if p.src and p.tgt})


def _loose_p(ctx: CheckContext, i: int) -> tuple[float, int, int, float] | None:
    """(p, found, n, rate): how likely as few of pair ``i``'s ``n`` source dictionary words in its target in
    any loose form as it has (``found``), at the rate of the page's other pairs (binomial), when
    ``LOOSE_MIN_LEFT`` or more are left with no counterpart at all; else None."""
    counts = _loose_counts(ctx)
    if i not in counts:
        return None
    left, found = counts[i]
    if left < LOOSE_MIN_LEFT:
        return None
    other_left = sum(a for a, _ in counts.values()) - left
    other_found = sum(b for _, b in counts.values()) - found
    if other_left + other_found == 0:
        return None
    rate = other_found / (other_left + other_found)
    n = left + found
    p = sum(math.comb(n, k) * rate ** k * (1 - rate) ** (n - k) for k in range(found + 1))
    return p, found, n, rate


def _loose_words(found: int, n: int, rate: float, p: float) -> str:
    return (f"{found} of the source's {n} dictionary words in the target in any form or root, where the page's "
            f"other pairs have {rate:.0%}: as few by chance has p = {p:.3f}")


def loose_shortfall(ctx: CheckContext, i: int) -> str | None:
    """The threshold words when pair ``i``'s target has so few of its source's dictionary words in any
    loose form that as few by chance, at the rate of the page's other pairs (binomial), has p below
    ``LOOSE_ALPHA``, with ``LOOSE_MIN_LEFT`` words left with no counterpart at all; else None.  A second
    sign for a short pair: a terse translation is short but still renders its source's words."""
    got = _loose_p(ctx, i)
    if got is None or got[0] >= LOOSE_ALPHA:
        return None
    p, found, n, rate = got
    return f"; {_loose_words(found, n, rate, p)} (< {LOOSE_ALPHA})"


def cut_off_runs(pairs: tuple[AlignedPair, ...]) -> list[tuple[str, list[int]]]:
    """Runs of source sentences with no target at the end ("stops") or the start
    ("starts") of a page, as (where, pair indices), when at least
    ``CUT_OFF_MIN_SENTENCES`` long.  Target-only lines inside or beyond the run
    (an untyped footer) do not break it."""
    def run(order) -> list[int]:
        found = []
        for i in order:
            p = pairs[i]
            if p.src and not p.tgt:
                found.append(i)
            elif p.src:
                break
        return found

    out = []
    tail = sorted(run(reversed(range(len(pairs)))))
    head = run(range(len(pairs)))
    if len(tail) >= CUT_OFF_MIN_SENTENCES and len(tail) < sum(1 for p in pairs if p.src):
        out.append(("stops", tail))
    if len(head) >= CUT_OFF_MIN_SENTENCES and not set(head) & set(tail):
        out.append(("starts", head))
    return out


CUT_OFF_MIN_SENTENCES = 2  # a single missing last sentence is an ordinary omission


class OmissionCheck(LengthCheck):
    name = "omission"
    category = "accuracy/omission"
    default_severity = Severity.MAJOR
    side = "src"
    unaligned_message = "This source sentence has no translation on the target page."
    outlier_message = "The translation is much shorter than the source: part of it may be missing."
    minor_factor = SHORT_MINOR
    major_factor = SHORT_MAJOR
    short_major_factor = SHORT_TEXT_MAJOR[0]
    clause_factor = CLAUSE_SHORT
    alone_factor = ALONE_SHORT

    def second_sign(self, ctx: CheckContext, i: int) -> bool:
        return loose_shortfall(ctx, i) is not None

    def words_left_to_render(self, pair: AlignedPair) -> str | None:
        """A terse translation is short in letters, not in words: when the target has more words that no
        source word accounts for, in any loose form, than the source has words the target renders in none
        (:func:`_loose_leftovers`, one or more), those may be the renderings the dictionary does not know
        ("Text of the expander's label" = نص شارة الموسع), so the length alone is a minor omission.  Only in a
        short string (< ``LENGTH_BANDS[0]`` letters), whose ratio a few unknown words move furthest (tuning
        halves: in longer pairs it cost an omission found on seeds 3-5)."""
        if _chars(pair.src_text) >= LENGTH_BANDS[0]:
            return None
        left, extra = _loose_leftovers(pair.src_text, pair.tgt_text)
        if left < 1 or extra <= left:
            return None
        return (f"; minor: {extra} target words no source word accounts for in any form, more than the {left} "
                f"source words the target does not render (a short string: they may be its renderings)")

    def clause_gap(self, pair: AlignedPair, ctx: CheckContext, ratio: float, ref: float, kind: str) -> Finding | None:
        """The source clause none of whose dictionary words the target has, when the target's length fits
        the source without it: that clause is the omission span.  On a page of terse translations the pair
        must be short enough to have lost a whole clause (< ``CLAUSE_MISSING``)."""
        target = coverage.prepare(pair.tgt_text)
        t, s = _chars(pair.tgt_text), _chars(pair.src_text)
        best = None
        what = "clause"
        # on a page of terse translations (its targets leave fewer words over than their sources) a clause the
        # dictionary does not read is weaker evidence: the length must show that a whole clause is gone
        whole = CLAUSE_MISSING if leftover_yardstick(ctx) < 0 else CLAUSE_SHORT
        for seg in pair.src if ratio / ref < whole else ():
            for c in coverage.uncovered(coverage.source_clause_cover(seg.text, target)):
                if not balance_improves(ctx, pair, c.known, "src"):
                    continue
                fit = _fits(t, s - _chars(seg.text[c.start:c.end]), ref, ratio)
                if fit is not None and (best is None or abs(fit - 1) < abs(best[0] - 1)):
                    best = (fit, seg, c)
        if best is None and ratio / ref < RUN_SHORT:  # no whole clause missing: a run of words inside one
            what = "run of words"
            for seg in pair.src:
                for c in coverage.uncovered(coverage.source_word_runs(seg.text, target), RUN_MIN_KNOWN):
                    fit = _fits(t, s - _chars(seg.text[c.start:c.end]), ref, ratio)
                    if fit is not None and (best is None or abs(fit - 1) < abs(best[0] - 1)):
                        best = (fit, seg, c)
        # a whole clause is major; a run of words inside one is major when leaving it out brings the pair's
        # leftover balance closer to the page's (the target has no words left that could render it)
        strong = best is not None and (what == "clause" or balance_improves(ctx, pair, best[2].known, "src"))
        if best is None or not strong:
            leftover = self._leftover_gap(pair, ctx, ratio, ref, kind, target)
            if leftover is not None or best is None:
                return leftover
        fit, seg, c = best
        clause = seg.text[c.start:c.end]
        limit = whole if what == "clause" else RUN_SHORT
        return self.finding(
            f"This part of the source has no counterpart in the translation: “{_excerpt(clause)}”.",
            severity=Severity.MAJOR if strong else Severity.MINOR,
            src_span=seg_span(seg, c.start, c.end), tgt_span=whole_span(pair.tgt, ctx.target),
            threshold=f"length ratio {ratio:.2f} < {kind} {ref:.2f} × {limit}; none of the {what}'s "
                      f"{c.known} dictionary words found in the target; without it the ratio fits ({fit:.2f} × "
                      f"the yardstick, within {CLAUSE_FIT:.0%})"
                      + ("" if what == "clause" else "; without it the leftover balance is closer to the page's"
                         if strong else "; the leftover balance does not show it missing (minor)"))

    def _leftover_gap(self, pair: AlignedPair, ctx: CheckContext, ratio: float, ref: float, kind: str,
                      target: coverage.Target) -> Finding | None:
        """A short string (a one-clause UI label) whose source words left over by the dictionary far
        outnumber the target's (:func:`coverage.unmatched`): the target has nothing left to render them,
        so they are missing even where the dictionary reached the rest.  The balance must also lean that way
        beyond the page's own (:func:`leftover_lean`): where the page's translations are terse (a word of
        hadith Arabic for three of English: الخالة = "the maternal aunt"), the fixed share alone is their
        style, not a gap.  The span is the longest run of unrendered source words."""
        if _chars(pair.src_text) >= LENGTH_BANDS[0] or len(pair.src) != 1:
            return None
        left, extra, found = coverage.unmatched(pair.src_text, pair.tgt_text)
        if found < LEFT_FOUND or left < LEFT_MIN or extra > LEFT_SHARE * left:
            return None
        lean = leftover_lean(ctx, pair, "src")
        if lean is None:  # a page of terse translations leaves that many source words over in every pair
            return None
        span, missing = _unrendered_run(pair.src[0], target)
        span = span or whole_span(pair.src, ctx.source)
        return self.finding(
            f"This part of the source has no counterpart in the translation: “{_excerpt(missing)}”.",
            src_span=span, tgt_span=whole_span(pair.tgt, ctx.target),
            threshold=f"length ratio {ratio:.2f} < {kind} {ref:.2f} × {CLAUSE_SHORT}; {left} source content words "
                      f"not rendered in the target, {extra} target words unaccounted for (<= {LEFT_SHARE:.0%}; "
                      f"{found} found)" + lean)

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        out = super().run_page(ctx)
        for i, fs in out.items():
            if fs and all(f.severity is Severity.MINOR for f in fs):
                why = loose_shortfall(ctx, i)
                if why is not None:
                    out[i] = [replace(f, severity=Severity.MAJOR, threshold=(f.threshold or "") + why) for f in fs]
        self._page_renders_it(ctx, out)
        self._leans_on_plain_page(ctx, out)
        self._lost_partner(ctx, out)
        self._weak_signs(ctx, out)
        self._anchor_gap(ctx, out)
        self._cut_off(ctx, out)
        return out

    def _weak_signs(self, ctx: CheckContext, out: dict[int, list[Finding]]) -> None:
        """A short string (< ``LENGTH_BANDS[0]`` source letters) is a major omission when three independent signs,
        none strong enough alone, each reach ``WEAK_PART`` of the way to its own major threshold, measured in logs:
        the length ratio against the yardstick (major at ``SHORT_TEXT_MAJOR[0]``), the leftover balance's lean
        towards the source beyond the page's (:func:`leftover_lean`, major at ``LEAN_FACTOR``) and the loose
        coverage's binomial p at the page's rate (:func:`loose_shortfall`, major below ``LOOSE_ALPHA``).  Each
        part is named in the evidence; the span is the longest run of unrendered source words."""
        ratios, refs = page_ratios(ctx)
        yard = leftover_yardstick(ctx)
        for i, r in ratios.items():
            pair = ctx.pairs[i]
            if _chars(pair.src_text) >= LENGTH_BANDS[0] or any(f.severity.rank >= Severity.MAJOR.rank for f in out[i]):
                continue
            ref, kind = refs[i]
            length = math.log(r / ref) / math.log(SHORT_TEXT_MAJOR[0]) if 0 < r < ref else 0.0
            if length < WEAK_PART:
                continue
            left, extra, _ = coverage.unmatched(pair.src_text, pair.tgt_text)
            lean = (yard - math.log((extra + 1) / (left + 1))) / math.log(LEAN_FACTOR)
            loose = _loose_p(ctx, i)
            if lean < WEAK_PART or loose is None or loose[0] <= 0:
                continue
            p, found, n, rate = loose
            cover = math.log(p) / math.log(LOOSE_ALPHA)
            if cover < WEAK_PART:
                continue
            why = (f"three signs each {WEAK_PART:.0%} or more of the way to its own major threshold (in logs): length "
                   f"ratio {r:.2f} < {kind} {ref:.2f} × {SHORT_TEXT_MAJOR[0] ** WEAK_PART:.2f} (major × "
                   f"{SHORT_TEXT_MAJOR[0]}; {length:.0%}); leftover words {left} in the source, {extra} in the target, "
                   f"{math.exp(lean * math.log(LEAN_FACTOR)):.2f}x beyond the page's usual balance (major "
                   f"{LEAN_FACTOR}x; {lean:.0%}); {_loose_words(found, n, rate, p)} (major < {LOOSE_ALPHA}; {cover:.0%})")
            span, missing = _unrendered_run(pair.src[0], coverage.prepare(pair.tgt_text))
            if len(pair.src) != 1 or span is None:
                span, missing = whole_span(pair.src, ctx.source), pair.src_text
            out[i] = [replace(f, severity=Severity.MAJOR, threshold=(f.threshold or "") + "; " + why) for f in out[i]] or [
                self.finding(f"This part of the source has no counterpart in the translation: “{_excerpt(missing)}”.",
                             severity=Severity.MAJOR, src_span=span, tgt_span=whole_span(pair.tgt, ctx.target),
                             threshold=why)]

    def _anchor_gap(self, ctx: CheckContext, out: dict[int, list[Finding]]) -> None:
        """A pair short for a clause (< ``CLAUSE_SHORT`` x its yardstick) is a major omission when a stretch of its
        source lies between two anchors that the target has side by side (:func:`unanchored_stretches`): a
        translation keeps the order of its parts, so where the target goes straight from one anchor to the next
        with no room between (< ``GAP_SHARE`` of the letters the stretch takes at the yardstick), the source
        between them has no counterpart.  Independent of whether the dictionary finds the stretch's words
        elsewhere in the target (a word used twice in a paragraph is found in the sentence that stayed), which
        is what hides a dropped sentence from the clause rule.  The stretch must be long enough to have held an
        anchor by chance (p < ``GAP_ALPHA`` at the pair's own anchor rate) and the rest of the pair, outside the two
        anchors, must fit the yardstick (``CLAUSE_FIT``): the stretch accounts for the shortfall.  On a page of terse translations the pair must be as short as :meth:`clause_gap` asks
        (< ``CLAUSE_MISSING``).  The span is the stretch (its whole clauses when it has any); it replaces the pair's other
        omission findings (length outliers, minor)."""
        ratios, refs = page_ratios(ctx)
        # on a page of terse translations the length must show a whole clause gone, as for clause_gap
        short = CLAUSE_MISSING if leftover_yardstick(ctx) < 0 else CLAUSE_SHORT
        for i, r in ratios.items():
            ref, kind = refs[i]
            pair = ctx.pairs[i]
            if r / ref >= short or any(f.severity.rank >= Severity.MAJOR.rank for f in out[i]):
                continue
            s, t = _chars(pair.src_text), _chars(pair.tgt_text)
            best = None
            for g in unanchored_stretches(pair.src_text, pair.tgt_text):
                need = g.src_chars * ref
                fit = _fits(t - g.tgt_chars, s - g.src_chars, ref, r)  # the rest of the pair, outside the anchors
                if (g.judged < coverage.MIN_CLAUSE_KNOWN or g.p >= GAP_ALPHA or g.tgt_chars > GAP_SHARE * need
                        or fit is None):
                    continue
                if best is None or g.p < best[0].p:
                    best = (g, fit)
            if best is None:
                continue
            g, fit = best
            src = pair.src_text
            # the span: the stretch's whole clauses when it holds any (its edge words may belong to the anchors' clauses)
            inside = [(a, b) for a, b in coverage.english_clauses(src) if a >= g.before[1] and b <= g.after[0]]
            start, end = (inside[0][0], inside[-1][1]) if inside else (g.start, g.end)
            why = (f"length ratio {r:.2f} < {kind} {ref:.2f} × {short}; {g.judged} judged source words between "
                   f"the anchors “{src[g.before[0]:g.before[1]]}” and “{src[g.after[0]:g.after[1]]}” (words the target "
                   f"renders in order) and none anchored, where the pair anchors {g.rate:.0%} of its other judged words: "
                   f"as long a stretch by chance has p = {g.p:.3f} (< {GAP_ALPHA}); the target has {g.tgt_chars} letters "
                   f"between those anchors (<= {GAP_SHARE:.0%} of the {g.src_chars * ref:.0f} the stretch takes); "
                   f"outside those anchors the ratio fits ({fit:.2f} × the yardstick, within {CLAUSE_FIT:.0%})")
            out[i] = [f for f in out[i] if f.check != self.name] + [self.finding(
                f"This part of the source has no counterpart in the translation: “{_excerpt(src[start:end])}”.",
                severity=Severity.MAJOR, src_span=_text_span(pair.src, start, end) or whole_span(pair.src, ctx.source),
                tgt_span=whole_span(pair.tgt, ctx.target), threshold=why)]

    def _leans_on_plain_page(self, ctx: CheckContext, out: dict[int, list[Finding]]) -> None:
        """A short string (a one-clause UI label) short for the page (< ``PLAIN_SHORT`` x its yardstick, a milder
        gap than :meth:`_leftover_gap` needs) is a major omission on a page whose translations are not terse
        (leftover yardstick >= 0) when its source words left over by the dictionary (:func:`coverage.unmatched`)
        outnumber the target's by ``1 / PLAIN_SHARE`` or more and its leftover balance leans ``PLAIN_LEAN`` x
        beyond the page's own (:func:`leftover_lean`): a dropped part of a label leaves the length within the
        page's spread when the full rendering was long, but its words stay unrendered with nothing left in the
        target to render them.  Not on terse pages, where that lean is the style (الخالة بمنزلة الأم)."""
        if leftover_yardstick(ctx) < 0:
            return
        ratios, refs = page_ratios(ctx)
        for i, r in ratios.items():
            ref, kind = refs[i]
            pair = ctx.pairs[i]
            if (r / ref >= PLAIN_SHORT or _chars(pair.src_text) >= LENGTH_BANDS[0] or len(pair.src) != 1
                    or any(f.severity.rank >= Severity.MAJOR.rank for f in out[i])):
                continue
            left, extra, found = coverage.unmatched(pair.src_text, pair.tgt_text)
            if found < LEFT_FOUND or left < LEFT_MIN or extra > PLAIN_SHARE * left:
                continue
            lean = leftover_lean(ctx, pair, "src", PLAIN_LEAN)
            if lean is None:
                continue
            why = (f"length ratio {r:.2f} < {kind} {ref:.2f} × {PLAIN_SHORT}; {left} source content words not rendered "
                   f"in the target, {extra} target words unaccounted for (<= {PLAIN_SHARE:.0%}; {found} found)" + lean)
            seg = pair.src[0]
            span, missing = _unrendered_run(seg, coverage.prepare(pair.tgt_text))
            span = span or whole_span(pair.src, ctx.source)
            out[i] = [replace(f, severity=Severity.MAJOR, threshold=(f.threshold or "") + "; " + why) for f in out[i]] or [
                self.finding(f"This part of the source has no counterpart in the translation: “{_excerpt(missing)}”.",
                             severity=Severity.MAJOR, src_span=span, tgt_span=whole_span(pair.tgt, ctx.target),
                             threshold=why)]

    def _lost_partner(self, ctx: CheckContext, out: dict[int, list[Finding]]) -> None:
        """A translation short for the page (< ``CLAUSE_SHORT`` x its yardstick) with a bracket or quote
        that has lost its partner, where the source's are all paired, is a major omission: a cut across
        the bracket took the words between with it (two independent signs; the punctuation check reports
        the mark alone, as a minor)."""
        ratios, refs = page_ratios(ctx)
        for i, r in ratios.items():
            if any(f.severity.rank >= Severity.MAJOR.rank for f in out[i]):
                continue
            ref, kind = refs[i]
            pair = ctx.pairs[i]
            if r / ref >= CLAUSE_SHORT or unbalanced(pair.src_text):
                continue
            lone = unbalanced(pair.tgt_text)
            if not lone:
                continue
            why = (f"length ratio {r:.2f} < {kind} {ref:.2f} × {CLAUSE_SHORT}; '{pair.tgt_text[lone[0]]}' has no "
                   f"partner in the target while the source's brackets and quotes are paired")
            out[i] = [replace(f, severity=Severity.MAJOR, threshold=(f.threshold or "") + "; " + why) for f in out[i]] or [
                self.finding("The translation is short and one of its brackets or quotes has lost its partner: "
                             "the words between were probably dropped.",
                             severity=Severity.MAJOR, src_span=whole_span(pair.src, ctx.source),
                             tgt_span=whole_span(pair.tgt, ctx.target), threshold=why)]

    def _page_renders_it(self, ctx: CheckContext, out: dict[int, list[Finding]]) -> None:
        """A short string short in letters (< ``PAGE_SHORT`` x its yardstick) is a major omission when it
        lacks a word the page's other pairs render (:func:`page_rendered_misses`): the page shows that the
        dictionary reaches that word in this kind of text, so here it is missing, not rendered otherwise.
        The span is that word."""
        ratios, refs = page_ratios(ctx)
        for i, missing in page_rendered_misses(ctx).items():
            if i not in ratios or any(f.severity.rank >= Severity.MAJOR.rank for f in out[i]):
                continue
            ref, kind = refs[i]
            pair = ctx.pairs[i]
            if ratios[i] / ref >= PAGE_SHORT or _chars(pair.src_text) >= LENGTH_BANDS[0]:
                continue
            left, extra = _loose_leftovers(pair.src_text, pair.tgt_text)
            if extra >= left:  # as many target words the source does not account for: they may render it otherwise
                continue
            why = (f"length ratio {ratios[i]:.2f} < {kind} {ref:.2f} × {PAGE_SHORT}; the page's other pairs render "
                   f"“{missing[0]}” (in {PAGE_SHARE:.0%} or more of those that have it), this target does not")
            spans = [seg_span(seg, m.start(), m.end()) for seg in pair.src
                     for m in EN_WORD.finditer(seg.text) if m.group().lower() == missing[0]]
            out[i] = [replace(f, severity=Severity.MAJOR, threshold=(f.threshold or "") + "; " + why) for f in out[i]] or [
                self.finding(f"This word of the source has no counterpart in the translation: “{missing[0]}”.",
                             severity=Severity.MAJOR, src_span=spans[0] if spans else whole_span(pair.src, ctx.source),
                             tgt_span=whole_span(pair.tgt, ctx.target), threshold=why)]

    def _cut_off(self, ctx: CheckContext, out: dict[int, list[Finding]]) -> None:
        """A translation that stops early (or starts late) is one defect: the run of
        untranslated source sentences becomes one finding on its first sentence,
        giving the missing span and its word count; it counts as one omission per
        missing sentence in the MQM score (``Finding.counts_as``)."""
        for where, run in cut_off_runs(ctx.pairs):
            segs = tuple(s for i in run for s in ctx.pairs[i].src)
            n_words = words(" ".join(s.text for s in segs))
            translated = [p for p in ctx.pairs if p.src and p.tgt]
            edge = translated[-1] if where == "stops" else translated[0] if translated else None
            if where == "stops":
                at = f" after «{_excerpt(edge.src_text)}»" if edge else ""
                message = (f"The Arabic page stops{at}: the last {len(segs)} source sentences "
                           f"({n_words} words, from «{_excerpt(segs[0].text)}») have no translation.")
            else:
                at = f" at «{_excerpt(edge.src_text)}»" if edge else ""
                message = (f"The Arabic page starts only{at}: the first {len(segs)} source sentences "
                           f"({n_words} words, up to «{_excerpt(segs[-1].text, tail=True)}») have no translation.")
            for i in run:
                out[i] = [f for f in out[i] if not (f.check == self.name and f.threshold and f.threshold.startswith("unaligned"))]
            out[run[0]].insert(0, self.finding(
                message,
                severity=Severity.MAJOR,
                src_span=whole_span(segs, ctx.source),
                tgt_span=whole_span(edge.tgt, ctx.target) if edge else None,
                threshold=f"{len(segs)} consecutive source sentences with no target at the page's "
                          f"{'end' if where == 'stops' else 'start'} (cut-off page: >= {CUT_OFF_MIN_SENTENCES})",
                counts_as=len(segs),
            ))


@dataclass(frozen=True)
class Stretch:
    """A stretch of a pair's source between two consecutive anchors of its word-order chain
    (:func:`coverage.word_order`), in offsets of the joined source text, with what the target has between
    the same two anchors."""

    start: int  # first to last content word of the stretch
    end: int
    before: tuple[int, int]  # the anchor words that bracket it
    after: tuple[int, int]
    judged: int  # words of the stretch the comparison can judge (none of them anchored)
    src_chars: int  # letters and digits of the source between the anchors
    tgt_chars: int  # ... of the target between the same anchors
    rate: float  # the pair's anchors per judged word outside the stretch
    p: float  # (1 - rate) ** judged: how likely so many judged words in a row miss every anchor by chance


def unanchored_stretches(english: str, arabic: str) -> list[Stretch]:
    """The source stretches between consecutive anchors of the pair's word-order chain that hold a judged
    word (:class:`Stretch`).  An omission sits between two anchors the target has side by side: the
    dictionary may still find the lost words elsewhere in the target, but not in order there."""
    order = coverage.word_order(english, arabic)
    src, tgt = order.src, order.tgt
    judged = sum(w.judged for w in src)
    out = []
    for (i1, j1), (i2, j2) in pairwise(order.chain):
        k = sum(w.judged for w in src[i1 + 1:i2])
        rest = judged - k
        if not k or rest <= 0:
            continue
        rate = min(len(order.chain) / rest, 1.0)
        out.append(Stretch(src[i1 + 1].start, src[i2 - 1].end, (src[i1].start, src[i1].end),
                           (src[i2].start, src[i2].end), k, _chars(english[src[i1].end:src[i2].start]),
                           _chars(arabic[tgt[j1].end:tgt[j2].start]), rate, (1 - rate) ** k))
    return out


def _text_span(segs: tuple[Segment, ...], start: int, end: int) -> Span | None:
    """The span of characters ``start:end`` of the segments' joined text (``AlignedPair.src_text``: one
    space between segments), cut at the end of the segment it starts in; None when out of range."""
    at = 0
    for seg in segs:
        if at <= start < at + len(seg.text):
            return seg_span(seg, start - at, min(end, at + len(seg.text)) - at)
        at += len(seg.text) + 1
    return None


def _unrendered_run(seg: Segment, target: coverage.Target) -> tuple[Span | None, str]:
    """The span and text of a source segment's longest run of words the target does not render
    (:func:`coverage.source_word_runs`); (None, the whole text) when it has none."""
    runs = [c for c in coverage.source_word_runs(seg.text, target) if c.found == 0]
    run = max(runs, key=lambda c: (c.known, -c.start), default=None)
    if run is None:
        return None, seg.text
    return seg_span(seg, run.start, run.end), seg.text[run.start:run.end]


def _excerpt(text: str, limit: int = 60, tail: bool = False) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if tail else text[:limit] + "…"
