"""Wrong segment: a target that translates another source of the page better than its own.

In formulaic text (refrains, narration chains, repeated UI phrases) sentence
embeddings of good and wrong pairs look alike, so this check uses what a true
pair shares (:mod:`mt_review.coverage`: numbers, Latin tokens, transliterated
names, dictionary words).  A target that shares at least ``MIN_OTHER``
evidence units with another source within ``WINDOW`` pairs, and ``RATIO``
times more than with its own, is **major**, with the other source named in
the message.  It finds a page's shifted translations (a neighbour's target).
The other source must also share ``SPECIFIC_MIN`` units through what only it says
(:func:`specific_shared`: its numbers, and words fewer than ``SPECIFIC_SHARE`` of
the page's sources have): on formulaic prose every verse shares the formula
(Allah, believe, the Hearing, the Knowing) with its neighbours' targets.

A target from far away fits no source of the page; it is **major** when it
shares nothing with its own source (no number, Latin token, name or
dictionary word either way) although the source has ``NOTHING_MIN_JUDGED``
words the dictionary renders, *and* its length is off the page's yardstick
by ``NOTHING_LENGTH`` and by ``NOTHING_SPREAD`` times the page's usual deviation
(a good translation the dictionary misses still has the length of its source),
and the dictionary can read ``NOTHING_MIN_GLOSSED`` words of the target
(classical prose it cannot read is no evidence).  It is also **major** when it
shares no word with its source even loosely (two-letter renderings, a common
three-letter root key) although the source has ``CHANCE_MIN_JUDGED``
dictionary words and the page's other pairs share words at a rate that makes
sharing none by chance less likely than ``CHANCE_ALPHA`` (or than
``CHANCE_LENGTH_ALPHA`` times the share of the page's pairs whose length strays
as far from the yardstick): each page is its own yardstick of how much the
dictionary reads.  A source word that ``BLIND_MIN_PAIRS`` sources of the page have
and no target has in any loose form is judged nowhere (nor in the page's rate):
the page shows the dictionary cannot read it there (lord -> لورد where it says رب).  A source too short for that test (``BOTH_MIN_JUDGED`` words)
is judged with the target's side as a second sign: none of the target's
``BOTH_MIN_TARGET``+ words accounted for by the source, at the page's rate, and
the product of the two chances and the length rarity below ``BOTH_ALPHA``.
The page's anchors (:func:`coverage.page_anchor_fits`) are learnt on targets read by :func:`anchor_text`:
without personal pronouns and function words behind a conjunction (أنت، فلا), whose English side is a
function word, so that two pairs' chance co-occurrence ("position" ~ أنت) is no anchor.
None of these "shares nothing" tests holds when the target writes a word of its source in
Arabic letters (:func:`shares_loanword`: pixels ~ بالبكسل), a technical loanword the dictionary
does not render.

With an embedder, a target whose page-relative similarity (``embed_margin``,
:func:`mt_review.score.signals.embedding_fits`: its similarity to its own
source over that of its page's nearest other sentences) is at most
``EMBED_MARGIN_MAJOR`` is **major** too: it is no closer in meaning to its own
source than to the sentences around it, and the other source it fits best is
named (a source of ``EMBED_MIN_WORDS`` words or more: a word or two is too
little for an embedding to judge).  A relative test, not an absolute similarity: good and bad pairs of
formulaic prose have the same absolute similarity.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from statistics import median

from mt_review.checks.base import Check, CheckContext, whole_span
from mt_review.checks.omission import page_ratios
from mt_review import coverage  # a module import: coverage itself imports checks.text
from mt_review.checks.text import arabic_words
from mt_review.langid import EN_FUNCTION_WORDS, EN_WORD
from mt_review.model import AlignedPair, Finding, Severity
from mt_review.translit import arabic_skeletons, latin_skeletons

WINDOW = 10  # pairs either side searched for a better-fitting source
MIN_OTHER = 5  # evidence units another source must share (tuning halves: 3 flags 2 % of clean prose; 4 flagged
#               one clean prose pair once coverage compared light stems)
RATIO = 3  # ... and this many times what the own source shares
NOTHING_MIN_JUDGED = 5  # source words the dictionary renders before "shares nothing" means anything
NOTHING_LENGTH = 1.3  # ... and the length ratio is off the page's yardstick by this factor
NOTHING_MIN_GLOSSED = 2  # target words the Arabic-English dictionary glosses (it can read the target)
ANCHOR_CONTRA = 3  # page anchors a target sharing nothing must contradict (none agreeing)
NOTHING_SPREAD = 2  # ... and by this many times the page's median absolute log deviation
CHANCE_MIN_JUDGED = 4  # source words the dictionary renders before "none in any form or root" is judged
CHANCE_ALPHA = 0.05  # ... and sharing none by chance, at the page's rate, is less likely than this (tuning halves,
#                      seeds 0-3: 0.1 cost 7 more clean prose majors for 12 more hits; without the chance test,
#                      4 judged words flagged 38 more clean prose pairs: the dictionary cannot read the Qur'an)
CHANCE_LENGTH_ALPHA = 0.02  # ... or that chance times the share of the page's other pairs whose length strays as far
#                             from the yardstick (two independent signs, multiplied) is below this (tuning halves)
BOTH_MIN_JUDGED = 2  # source words judged, and target content words (BOTH_MIN_TARGET), when the target side is a sign
#                     (tuning halves, seeds 0-5: 3 -> 2 finds one more catalogue wrong segment and no clean pair; the
#                     product of the three signs carries the evidence)
BOTH_MIN_TARGET = 4  # too: none of the target's words accounted for, at the page's rate of accounted target words;
BOTH_ALPHA = 0.0005 # major when that chance x the source side's x the length rarity is below this (tuning halves,
#                    seeds 0-2: the two chances alone below 0.01 flagged 4 clean catalogue and 5 clean prose pairs)
EMBED_MARGIN_MAJOR = 0.97  # embed_margin at or below this is major (tuning halves of both sets, seeds 0-2: clean
#                          p1 is 0.980 on catalogues, 0.992 on prose; wrong segments' median 0.970 / 0.972)
EMBED_MIN_WORDS = 3  # source words before the margin is judged: one- and two-word UI strings ("Bold" / عريض) are
#                     at or under the threshold 2 % of the time when correct (catalogue tuning half, words >= 1),
#                     three- and four-word strings never


class WrongSegmentCheck(Check):
    name = "wrong_segment"
    category = "accuracy/wrong-segment"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        return []  # page-level: needs the other sources

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        out: dict[int, list[Finding]] = {i: [] for i in range(len(ctx.pairs))}
        sources = [p.src_text if p.src else "" for p in ctx.pairs]
        ratios, refs = page_ratios(ctx)
        both = [i for i, p in enumerate(ctx.pairs) if p.src and p.tgt]
        fits = coverage.page_anchor_fits([(ctx.pairs[i].src_text, anchor_text(ctx.pairs[i].tgt_text)) for i in both])
        anchors = dict(zip(both, fits, strict=True))
        self._rates = page_find_counts(ctx)
        # page totals once: each pair's leave-one-out rate subtracts its own counts (O(pairs), not O(pairs²))
        self._totals = tuple(sum(col) for col in zip(*self._rates.values(), strict=True)) or (0, 0, 0, 0)
        self._spread: float | None = None
        # the page's length deviations |log(ratio / yardstick)|, sorted once: how rare a pair's deviation is
        self._devs = {k: abs(math.log(r / refs[k][0])) for k, r in ratios.items() if r > 0 and refs[k][0] > 0}
        self._sorted_devs = sorted(self._devs.values())
        page_df = source_word_counts(sources)
        for i, pair in enumerate(ctx.pairs):
            if not pair.src or not pair.tgt:
                continue
            target = coverage.prepare(pair.tgt_text)
            own = coverage.shared(sources[i], target)
            best, best_j, specific = 0, None, 0
            for j in range(max(0, i - WINDOW), min(len(ctx.pairs), i + WINDOW + 1)):
                if j == i or not sources[j] or sources[j] == sources[i]:
                    continue
                score = coverage.shared(sources[j], target)
                if score > best:
                    best, best_j = score, j
            if best_j is not None and best >= MIN_OTHER and best >= RATIO * max(own, 1):
                specific = specific_shared(sources[best_j], target, page_df, len(sources))
                if specific < SPECIFIC_MIN:
                    best_j = None  # what it shares with the other source is the page's formula, not that source
            if best_j is None or best < MIN_OTHER or best < RATIO * max(own, 1):
                lone = self._shares_nothing(ctx, i, own, ratios, refs)
                if lone is None:
                    lone = self._against_anchors(ctx, i, own, anchors[i])
                if lone is None:
                    lone = self._nothing_at_all(ctx, i, own, anchors[i])
                if lone is not None and shares_loanword(pair.src_text, pair.tgt_text):
                    lone = None  # "shares nothing" is wrong: a word of the source is there, transliterated
                if lone is None:
                    lone = self._far_in_meaning(ctx, i)
                if lone is not None:
                    out[i].append(lone)
                continue
            other = sources[best_j]
            out[i].append(self._whole_pair(ctx, i,
                f"This translation fits another source sentence of the page better than its own: "
                f"“{other[:80]}{'…' if len(other) > 80 else ''}”.",
                threshold=f"shared evidence with its own source {own}, with pair {best_j + 1} {best} "
                          f"(numbers, Latin tokens, names, dictionary words; >= {MIN_OTHER} and >= {RATIO}×), {specific} of them "
                          f"through words no other source of the page has (>= {SPECIFIC_MIN})"))
        return out

    def _whole_pair(self, ctx: CheckContext, i: int, message: str, threshold: str) -> Finding:
        """A finding on pair ``i`` as a whole, both sides: a wrong segment is the whole translation."""
        pair = ctx.pairs[i]
        return self.finding(message, src_span=whole_span(pair.src, ctx.source),
                            tgt_span=whole_span(pair.tgt, ctx.target), threshold=threshold)

    def _shares_nothing(self, ctx: CheckContext, i: int, own: int, ratios: dict[int, float],
                        refs: dict[int, tuple[float, str]]) -> Finding | None:
        """A target that shares nothing with its own source (no number, name, Latin token or
        dictionary word either way) although the source has ``NOTHING_MIN_JUDGED`` words the
        dictionary renders, and whose length does not fit the source either (see the module
        docstring): the translation of something else."""
        pair = ctx.pairs[i]
        if own or i not in ratios:
            return None
        judged = sum(1 for rendered, _ in coverage.source(pair.src_text).words if rendered)
        if judged < NOTHING_MIN_JUDGED:
            return None
        if any(c.found for c in coverage.target_clause_cover(pair.src_text, pair.tgt_text)):
            return None
        if coverage.glossed_words(pair.tgt_text) < NOTHING_MIN_GLOSSED:
            return None  # the dictionary cannot read the target either (classical prose): no evidence
        ref, kind = refs[i]
        if ref <= 0 or ratios[i] <= 0:
            return None
        rel = ratios[i] / ref
        if self._spread is None:  # the page's, once
            self._spread = _log_spread(ratios, refs)
        spread = self._spread
        if abs(math.log(rel)) < max(math.log(NOTHING_LENGTH), NOTHING_SPREAD * spread):
            return None
        return self._whole_pair(ctx, i,
            "This translation shares nothing with its source (no number, name or dictionary word) and its "
            "length does not fit it: it may translate another segment.",
            threshold=f"shared evidence 0 with {judged} dictionary words in the source; length ratio "
                      f"{ratios[i]:.2f} vs {kind} {ref:.2f} (outside 1/{NOTHING_LENGTH}..{NOTHING_LENGTH}× and "
                      f"{NOTHING_SPREAD}× the page's deviation {spread:.2f})")

    def _nothing_at_all(self, ctx: CheckContext, i: int, own: int, fit: coverage.AnchorFit) -> Finding | None:
        """A target that shares no word with its source in any loose form (two-letter renderings,
        :func:`coverage.root_keys`) although the source has ``CHANCE_MIN_JUDGED`` dictionary words,
        where the rest of the page's pairs share words at a rate that makes sharing none by chance
        less likely than ``CHANCE_ALPHA`` ((1 - rate) ** judged, the rate learned leave-one-out), or
        less likely than ``CHANCE_LENGTH_ALPHA`` once multiplied by how rare the pair's length deviation
        is on the page (a wrong target is of another length as well as of other words), and no page
        anchor agrees: the translation of something else."""
        judged, loose, t_known, t_found = self._rates[i]
        if own or fit.agree or loose or t_found or judged < min(CHANCE_MIN_JUDGED, BOTH_MIN_JUDGED):
            return None
        tot_judged = self._totals[0] - judged
        tot_found = self._totals[1] - loose
        if not tot_judged:
            return None
        chance = (1 - tot_found / tot_judged) ** judged
        rarity = self._length_rarity(i)
        if judged >= CHANCE_MIN_JUDGED and chance < CHANCE_ALPHA:
            why = f"(< {CHANCE_ALPHA})"
        elif judged >= CHANCE_MIN_JUDGED and chance * rarity < CHANCE_LENGTH_ALPHA:
            why = (f"and its length strays as far as {rarity:.2f} of the page's other pairs' "
                   f"(p × that = {chance * rarity:.3f} < {CHANCE_LENGTH_ALPHA})")
        else:  # the second sign: none of the target's words accounted for, at the page's rate
            tot_t_known, tot_t_found = self._totals[2] - t_known, self._totals[3] - t_found
            t_chance = (1 - tot_t_found / tot_t_known) ** t_known if tot_t_known else 1.0
            if judged < BOTH_MIN_JUDGED or t_known < BOTH_MIN_TARGET or chance * t_chance * rarity >= BOTH_ALPHA:
                return None
            why = (f"and none of the target's {t_known} words is accounted for by the source, where the page's "
                   f"other targets have {tot_t_found} of {tot_t_known} (p = {t_chance:.3f}), and its length strays "
                   f"as far as {rarity:.2f} of the page's other pairs' (the product {chance * t_chance * rarity:.5f} "
                   f"< {BOTH_ALPHA})")
        return self._whole_pair(ctx, i,
            "This translation shares no word with its source, in any form or root, where the page's other "
            "translations share many: it may translate another segment.",
            threshold=f"0 of the source's {judged} dictionary words found in any form or root; the page's other "
                      f"pairs find {tot_found} of {tot_judged}, so none by chance has p = {chance:.3f} "
                      + why + "; no page anchor agrees")

    def _far_in_meaning(self, ctx: CheckContext, i: int) -> Finding | None:
        """With an embedder: a target no closer in meaning to its own source than to the page's other
        sentences (``embed_margin`` <= ``EMBED_MARGIN_MAJOR``), with the other source it fits best named."""
        if i >= len(ctx.signals):
            return None
        sig = ctx.signals[i]
        margin, sim = sig.values.get("embed_margin"), sig.values.get("embed_sim")
        if margin is None or sim is None or not margin <= EMBED_MARGIN_MAJOR:
            return None
        if len(ctx.pairs[i].src_text.split()) < EMBED_MIN_WORDS:
            return None  # the embedding of a word or two is no evidence
        message = ("This translation is no closer in meaning to its source than to the page's other sentences: "
                   "it may translate another segment")
        evidence = ""
        if sig.nearest_source is not None and sig.nearest_source[1] > sim:
            j, other_sim = sig.nearest_source
            other = ctx.pairs[j].src_text
            message += f"; it fits this source better: “{other[:80]}{'…' if len(other) > 80 else ''}”"
            evidence = f"; with pair {j + 1}'s source {other_sim:.3f}"
        return self._whole_pair(ctx, i, message + ".",
            threshold=f"embed_margin {margin:.3f} <= {EMBED_MARGIN_MAJOR} (embedding similarity {sim:.3f}{evidence}; "
                      f"margin: similarity over the mean of the page's nearest other sentences' similarities)")

    def _length_rarity(self, i: int) -> float:
        """(1 + the page's other pairs whose length deviates at least as far from the yardstick as pair
        ``i``'s) / (1 + the others): 1.0 for a pair without a length ratio."""
        if i not in self._devs:
            return 1.0
        others = len(self._sorted_devs) - 1
        as_far = len(self._sorted_devs) - bisect_left(self._sorted_devs, self._devs[i]) - 1
        return (1 + as_far) / (1 + others)

    def _against_anchors(self, ctx: CheckContext, i: int, own: int, fit: coverage.AnchorFit) -> Finding | None:
        """A target that shares nothing with its source, agrees with none of the renderings the rest of
        the page repeats, and contradicts ``ANCHOR_CONTRA`` of them (it has the Arabic side of an anchor
        whose English the source lacks, or the source has an anchored word whose renderings the target
        lacks), and has no word of its source even in a loose form (any form or root of a rendering):
        formulaic text translated, but not this source."""
        if own or fit.agree or fit.contra < ANCHOR_CONTRA:
            return None
        pair = ctx.pairs[i]
        if coverage.loosely_shared(pair.src_text, pair.tgt_text):
            return None  # a word of its own source in a loose form (الحق "the truth", صاحبي "my companion"): weak
        return self._whole_pair(ctx, i,
            "This translation shares nothing with its source, and the renderings the rest of the page repeats "
            "point elsewhere: it may translate another segment.",
            threshold=f"shared evidence 0; page anchors agreeing 0, contradicting {fit.contra} (>= {ANCHOR_CONTRA}; "
                      f"an anchor: an English word and an Arabic form in >= {coverage.ANCHOR_MIN_PAIRS} other pairs "
                      f"of the page, Dice >= {coverage.ANCHOR_MIN_DICE})")


LOANWORD_MIN_CLASSES = 4  # consonant classes of a transliteration's skeleton (pixel ~ بكسل: BKSL); three-class
#                          skeletons and one-edit matches meet native words by chance (takes ~ اتخذ, believed ~ البلاد)


def shares_loanword(english: str, arabic: str) -> bool:
    """A content word of the source that the target writes in Arabic letters (pixels ~ بكسل,
    bitmap ~ بتماب, kernel ~ كيرنل): technical loanwords the dictionary does not render, which make
    "shares nothing with its source" false.  Equal skeletons (:mod:`mt_review.translit`) of
    ``LOANWORD_MIN_CLASSES`` classes or more, the English word with or without a plural -s."""
    latin: set[str] = set()
    for word in EN_WORD.findall(english):
        low = word.lower()
        if len(low) < 4 or low in EN_FUNCTION_WORDS:
            continue
        for form in {low, low[:-1] if low.endswith("s") else low}:
            latin |= {k for k in latin_skeletons(form) if len(k) >= LOANWORD_MIN_CLASSES}
    if not latin:
        return False
    return any(not latin.isdisjoint(arabic_skeletons(word)) for word, _, _ in arabic_words(arabic))


_AR_PRONOUNS = frozenset({"انا", "انت", "انتم", "انتما", "انتن", "هو", "هي", "هما", "هم", "هن", "نحن"})
_AR_CONJUNCTIONS = "وف"


def anchor_text(arabic: str) -> str:
    """The Arabic text as a page's anchors read it: without its free-standing personal pronouns (أنت،
    وهو) and without function words behind a conjunction (فلا، وما، فلم).  Their English counterparts
    (you, he; so not, and what) are function words, never an anchor's English side, so an anchor between
    one of them and an English content word ("position" ~ أنت, "made" ~ فلا) is the chance co-occurrence
    of two pairs, and its absence from a correct target is no contradiction.  A bare particle stays: on
    a page of UI strings فيما إذا renders "Whether" every time."""
    function = coverage.ar_function_forms()
    kept = []
    for word, _, _ in arabic_words(arabic):
        norm = coverage.normalize_ar(word)
        bare = norm[1:] if len(norm) > 2 and norm[0] in _AR_CONJUNCTIONS else ""
        if norm in _AR_PRONOUNS or bare in _AR_PRONOUNS or bare in function:
            continue
        kept.append(word)
    return " ".join(kept)


SPECIFIC_SHARE = 0.1  # a source word in this share of the page's sources (and in 2 at least) is the page's, not one
#                      source's: on formulaic prose neighbours share Allah, believe, Knowing (tuning half, seeds 0-5:
#                      0.1 and 0.15 clear the same pairs on 0-2; 0.25 clears none)
SPECIFIC_MIN = 3  # evidence units of its own (words of no other source of the page, numbers) the better-fitting
#                   source must share with the target (tuning halves: 2 clears nothing; 3 and 4 the same pairs)


def _en_key(word: str) -> str:
    """An English word as the page's word counts key it: lower case, one plural -s off."""
    low = word.lower()
    return low[:-1] if low.endswith("s") and len(low) > 3 else low


def source_word_counts(sources: list[str]) -> dict[str, int]:
    """How many of the page's sources have each word (:func:`_en_key`)."""
    counts: dict[str, int] = {}
    for src in sources:
        for key in {_en_key(w) for w in EN_WORD.findall(src)}:
            counts[key] = counts.get(key, 0) + 1
    return counts


def specific_shared(english: str, target: coverage.Target, counts: dict[str, int], n_sources: int) -> int:
    """Evidence units the English text shares with the target (as :func:`coverage.shared` counts them), its
    numbers and only those of its words that are not the page's: words in fewer than ``SPECIFIC_SHARE`` of the
    page's ``n_sources`` sources (and in one only on a short page).  On formulaic prose a neighbour shares the
    formula (Allah, believe, the Hearing, the Knowing) with every target of the page; what tells that a target
    translates it is what only it says."""
    score = 2 * len(coverage.source(english).numbers & target.numbers)
    limit = max(2.0, SPECIFIC_SHARE * n_sources)
    for word in set(EN_WORD.findall(english)):
        low = word.lower()
        if low in EN_FUNCTION_WORDS or len(low) < 3 or counts.get(_en_key(word), 0) >= limit:
            continue
        rendered, skeletons = coverage._source_word(word)
        if low in target.latin:
            score += 2
        elif rendered & target.forms:
            score += 1
        elif skeletons & target.skeletons:
            score += 2
    return score


BLIND_MIN_PAIRS = 3  # a source word in this many pairs of the page, found loosely in none of their targets, is a word
#                     the dictionary cannot read on this page (lord -> لورد where the page says رب): not judged


def page_find_counts(ctx: CheckContext) -> dict[int, tuple[int, int, int, int]]:
    """Per pair with both sides: source words with a dictionary rendering, how many of them the
    target has in any loose form (:func:`coverage.loosely_shared`), the target's content words and how
    many of them the source accounts for (:func:`coverage.target_clause_cover`).  A word the page's
    targets never have in any loose form although ``BLIND_MIN_PAIRS`` of its sources have it is not
    counted as judged: the page shows the dictionary cannot read it here."""
    words: dict[int, frozenset[str]] = {}
    found: dict[int, frozenset[str]] = {}
    for i, p in enumerate(ctx.pairs):
        if p.src and p.tgt:
            words[i], found[i] = coverage.loosely_found_words(p.src_text, p.tgt_text)
    seen: dict[str, int] = {}
    hit: dict[str, int] = {}
    for i, mine in words.items():
        for w in mine:
            seen[w] = seen.get(w, 0) + 1
            hit[w] = hit.get(w, 0) + (w in found[i])
    blind = {w for w, n in seen.items() if n >= BLIND_MIN_PAIRS and not hit[w]}
    out = {}
    for i, p in enumerate(ctx.pairs):
        if p.src and p.tgt:
            judged = sum(1 for rendered, _ in coverage.source(p.src_text).words if rendered)
            cover = coverage.target_clause_cover(p.src_text, p.tgt_text)
            out[i] = (max(0, judged - len(words[i] & blind)), coverage.loosely_shared(p.src_text, p.tgt_text),
                      sum(c.known for c in cover), sum(c.found for c in cover))
    return out


def _log_spread(ratios: dict[int, float], refs: dict[int, tuple[float, str]]) -> float:
    """The page's median absolute deviation of log(ratio / yardstick): how widely its good pairs spread."""
    devs = [abs(math.log(r / refs[i][0])) for i, r in ratios.items() if r > 0 and refs[i][0] > 0]
    return median(devs) if devs else 0.0
