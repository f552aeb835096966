"""Addition: target sentences with no source (0-1 links) and targets much longer than
the page's usual length ratio (see :mod:`mt_review.checks.omission`)."""

from __future__ import annotations

from mt_review.checks.base import Check, CheckContext, whole_span, words
from mt_review.checks.omission import LONG_MAJOR, LONG_MINOR, page_ratios
from mt_review.model import AlignedPair, Finding, Severity


class AdditionCheck(Check):
    name = "addition"
    category = "accuracy/addition"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if pair.tgt and not pair.src:
            n = words(pair.tgt_text)
            return [self.finding(
                "This target sentence has no counterpart in the source.",
                severity=Severity.MAJOR if n >= 3 else Severity.MINOR,
                tgt_span=whole_span(pair.tgt),
                threshold=f"unaligned target sentence ({pair.link} link, {n} words)",
            )]
        return []

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        out = {i: self.run(p, ctx) for i, p in enumerate(ctx.pairs)}
        ratios, ref, kind = page_ratios(ctx)
        for i, r in ratios.items():
            rel = r / ref
            if rel <= LONG_MINOR:
                continue
            factor = LONG_MAJOR if rel > LONG_MAJOR else LONG_MINOR
            pair = ctx.pairs[i]
            out[i].append(self.finding(
                "The translation is much longer than the source: it may add content.",
                severity=Severity.MAJOR if rel > LONG_MAJOR else Severity.MINOR,
                src_span=whole_span(pair.src), tgt_span=whole_span(pair.tgt),
                threshold=f"length ratio {r:.2f} > {kind} {ref:.2f} × {factor}",
            ))
        return out
