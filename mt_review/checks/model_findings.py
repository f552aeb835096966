"""Findings the translation models make: registered checks that need models.

The models run once per page, in batches, in
:func:`mt_review.score.signals.compute_signals`; these checks read what was
measured there (``CheckContext.signals``) and turn it into findings.  Being
checks, they can be disabled (``disabled-checks``) and re-graded (``severity``)
like any other, and a run without a translation model lists them as skipped.
"""

from __future__ import annotations

from mt_review.checks.base import Check, CheckContext
from mt_review.model import AlignedPair, Finding, Severity
from mt_review.score import signals as S


class _ModelCheck(Check):
    """A check over one page's model measurements (``ctx.signals``); ``run`` answers for one of its pairs."""

    needs = ("model",)
    category = S.CATEGORY

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        i = next(k for k, p in enumerate(ctx.pairs) if p is pair)
        return self.run_page(ctx).get(i, [])


class ModelSurprisalCheck(_ModelCheck):
    """Runs of Arabic tokens the en→ar model finds far less likely than its own choice (docs/SIGNALS.md)."""

    name = S.SURPRISAL_CHECK
    default_severity = Severity.MAJOR  # minor below SURPRISAL_GAP_MAJOR / above SURPRISAL_FLOOR_MAJOR

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        out: dict[int, list[Finding]] = {}
        for i, (pair, sig) in enumerate(zip(ctx.pairs, ctx.signals, strict=True)):
            scores = sig.scores.get("en-ar")
            if scores is not None:
                out[i] = S.surprisal_findings(pair, scores, sig.translations.get("en-ar"))
        return out


class ModelDivergenceCheck(_ModelCheck):
    """The calibrated model signals alone put the pair at minor risk or above, led by a model signal."""

    name = S.DIVERGENCE_CHECK
    default_severity = Severity.MAJOR  # minor below the calibration's major threshold

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        out: dict[int, list[Finding]] = {}
        for i, (pair, sig) in enumerate(zip(ctx.pairs, ctx.signals, strict=True)):
            # None when no model signal was measured (a one-sided pair, a model left out by the guard)
            f = S.divergence_finding(sig.values, sig.translations.get("en-ar"), ctx.calibration, pair, sig.translations)
            if f is not None:
                out[i] = [f]
        return out
