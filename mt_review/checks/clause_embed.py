"""Clause-level addition from the embedder: leave one target clause out and see the pair fit better.

With an embedder, :func:`mt_review.score.signals.clause_drops` measures, for each clause of the target (three
words or more, in a target of two clauses or more) none of whose judged words the dictionary finds accounted
for by the source (``coverage.target_clause_cover``), the pair's similarity with that clause left out.  A
translation renders every clause of its source, so leaving one out makes the pair *less* alike; a target
clause whose removal makes the target *more* like its source renders nothing of it: an addition.

The gain is read per share of the target the clause takes (``gain / share``, the share in letters, at least
``MIN_SHARE``): a long clause that renders source content costs similarity when left out, a long added clause
gains it.  It is major at ``RATE_MAJOR`` when the gain itself reaches ``MIN_GAIN`` (the dictionary agrees:
the clause was measured because none of its words is accounted for) and the target is long for its page
(``LONG_FACTOR`` x the omission check's yardstick, ``omission.page_ratios``) and its dictionary leftovers do not
lean to the source: a pair whose source has more words the dictionary cannot place than its page's pairs
usually do (``coverage.unmatched``, against ``omission``'s page median) has source content the clause may render
freely ("Happy blogging" = نتمنى لك التوفيق في موقعك), the leftover-balance argument of ``addition.py``.  The rate is absolute, not relative to the page: subtracting the page's median rate (as ``embed_margin`` does with similarities) spread the clean pairs
wider on the tuning halves (benchmarks/README.md, "Leave one clause out").  The same measure on source
clauses (omissions) did not separate the omissions the dictionary misses from clean pairs and is not read.
Nothing without an embedder.
"""

from __future__ import annotations

import math

from mt_review import coverage
from mt_review.checks.base import Check, CheckContext
from mt_review.checks.omission import leftover_yardstick, page_ratios
from mt_review.model import AlignedPair, Finding, Severity
from mt_review.score.signals import ClauseDrop, to_block_spans

RATE_MAJOR = 0.04  # gain in cosine per share of the target the clause takes (tuning halves, seeds 0-2: clean max
#                   0.028 on prose, 0.027 on catalogues, with the dictionary gate)
MIN_SHARE = 0.05  # a clause's share is counted as at least this (no division by a sliver)
LONG_FACTOR = 1.1  # and the pair's length ratio at least this x its yardstick (omission.page_ratios): an added clause
#                   of three words or more lengthens the target (tuning halves, seeds 0-2: on documentation pages the
#                   clauses the dictionary cannot read in a target of usual length flagged clean pairs; the additions
#                   found sit at 1.04-1.73 x, all but one above 1.1)
MIN_GAIN = 0.005  # and the gain itself at least this: a short clause of a long verse moves the 4-bit embedding by
#                  less, in either direction (tuning halves, seeds 0-2: a clean hadith's last clause gained 0.004)
MIN_LEAN = 0.0  # and the pair's leftover balance log((X + 1) / (L + 1)) (coverage.unmatched: X target, L source words
#                the dictionary leaves over) at least the page's median (omission's yardstick): not leaning to the source
#                (tuning halves: the free WordPress renderings lean -0.24 to -0.03, 6 of 15 clean majors on manuals
#                seeds 0-2 and 3-5; every addition the check alone finds leans 0.00 or more)


def rate(drop: ClauseDrop, text: str) -> float:
    """The similarity gained by leaving the clause out, per share of ``text`` (its side) the clause takes."""
    return drop.gain / max(MIN_SHARE, (drop.end - drop.start) / max(1, len(text)))


class ClauseEmbedCheck(Check):
    name = "clause_embed"
    category = "accuracy/addition"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        i = next((k for k, p in enumerate(ctx.pairs) if p is pair), None)  # one pair alone; a review calls run_page
        return [] if i is None else self._judge(i, ctx)

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        """Each pair by its index: the signals are per index (no search for the pair: O(pairs), not O(pairs²))."""
        return {i: self._judge(i, ctx) for i in range(len(ctx.pairs))}

    def _judge(self, i: int, ctx: CheckContext) -> list[Finding]:
        if i >= len(ctx.signals):
            return []
        pair = ctx.pairs[i]
        drops = [d for d in ctx.signals[i].clause_drops if d.side == "tgt" and d.gain >= MIN_GAIN]
        if not drops:
            return []
        ratios, yardsticks = page_ratios(ctx)
        if i not in ratios or ratios[i] < LONG_FACTOR * yardsticks[i][0]:
            return []  # a target of its page's usual length (or too short to judge): no clause was added to it
        long_by = ratios[i] / yardsticks[i][0]
        text = pair.tgt_text
        best = max(drops, key=lambda d: rate(d, text))
        r = rate(best, text)
        if r < RATE_MAJOR:
            return []
        left, extra, _ = coverage.unmatched(pair.src_text, pair.tgt_text)
        lean = math.log((extra + 1) / (left + 1)) - leftover_yardstick(ctx)
        if lean < MIN_LEAN:
            return []  # more source words left over than the page's usual: the clause may be their free rendering
        spans = to_block_spans(best.start, best.end, pair.tgt)
        return [self.finding(
            "This clause of the translation seems to render nothing of the source: the translation is closer in "
            "meaning to the source without it, and the dictionary finds none of its words in the source.",
            tgt_span=spans[0] if spans else None,
            threshold=(f"clause_embed: similarity {best.sim - best.gain:.3f} -> {best.sim:.3f} with the clause left "
                       f"out (gain {best.gain:+.3f} >= {MIN_GAIN}; {r:.3f} per share of the target >= {RATE_MAJOR}); no judged word "
                       f"of the clause accounted for by the source's dictionary renderings; length ratio "
                       f"{long_by:.2f} x the page's yardstick >= {LONG_FACTOR}; dictionary leftovers {left} source / "
                       f"{extra} target words, {lean:+.2f} beyond the page's usual balance >= {MIN_LEAN}"),
        )]

