"""Omission: source sentences with no target (1-0 links) and targets much shorter than
the page's usual length ratio.

The length ratio is target letters+digits / source letters+digits.  Each page
is its own yardstick: a pair is an outlier against the page's *median* ratio
(English->Arabic is usually close to 0.9-1.0 in characters, but a page's style
moves it).  Pages with fewer than ``MIN_PAIRS`` usable pairs fall back to
``PRIOR_RATIO``, the median measured on the Debian gettext catalogues
(benchmarks/data.py: 0.81 over 1,351 human pairs with >= 15 source characters).
"""

from __future__ import annotations

from statistics import median

from mt_review.checks.base import Check, CheckContext, whole_span, words
from mt_review.model import AlignedPair, Finding, Severity

PRIOR_RATIO = 0.81
MIN_PAIRS = 5  # usable pairs needed before the page median replaces the prior
MIN_CHARS = 15  # shorter sources are too noisy to judge by length
SHORT_MAJOR = 0.45  # ratio < median x this -> major omission
SHORT_MINOR = 0.65  # ratio < median x this -> minor omission
LONG_MAJOR = 2.0  # ratio > median x this -> major addition
LONG_MINOR = 1.45  # ratio > median x this -> minor addition


def _chars(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def page_ratios(ctx: CheckContext) -> tuple[dict[int, float], float, str]:
    """Per-pair length ratios of usable pairs, the page yardstick, and where it came from."""
    ratios = {}
    for i, p in enumerate(ctx.pairs):
        if p.src and p.tgt:
            s, t = _chars(p.src_text), _chars(p.tgt_text)
            if s >= MIN_CHARS:
                ratios[i] = t / s
    if len(ratios) >= MIN_PAIRS:
        return ratios, median(ratios.values()), "page median"
    return ratios, PRIOR_RATIO, "prior ratio"


class OmissionCheck(Check):
    name = "omission"
    category = "accuracy/omission"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if pair.src and not pair.tgt:
            n = words(pair.src_text)
            return [self.finding(
                "This source sentence has no translation on the target page.",
                severity=Severity.MAJOR if n >= 3 else Severity.MINOR,
                src_span=whole_span(pair.src),
                threshold=f"unaligned source sentence ({pair.link} link, {n} words)",
            )]
        return []

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        out = {i: self.run(p, ctx) for i, p in enumerate(ctx.pairs)}
        ratios, ref, kind = page_ratios(ctx)
        for i, r in ratios.items():
            rel = r / ref
            if rel >= SHORT_MINOR:
                continue
            factor = SHORT_MAJOR if rel < SHORT_MAJOR else SHORT_MINOR
            pair = ctx.pairs[i]
            out[i].append(self.finding(
                "The translation is much shorter than the source: part of it may be missing.",
                severity=Severity.MAJOR if rel < SHORT_MAJOR else Severity.MINOR,
                src_span=whole_span(pair.src), tgt_span=whole_span(pair.tgt),
                threshold=f"length ratio {r:.2f} < {kind} {ref:.2f} × {factor}",
            ))
        return out
