"""The CI gate: thresholds over a finished review -> pass or fail, with reasons.

Exit code 1 means "the review ran and a configured threshold was crossed";
each reason names the page and the threshold so a CI log explains itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from mt_review.config import RunOptions
from mt_review.model import RunReport, Severity


@dataclass(frozen=True)
class GateResult:
    failed: bool
    reasons: tuple[str, ...]
    failed_pages: frozenset[str]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def evaluate(run: RunReport, options: RunOptions) -> GateResult:
    """Apply ``fail_on`` and ``min_score`` to every page (or the run), and ``fail_on_unpaired`` to the run.

    Findings set aside by a baseline or a decision are no longer on the pages
    (``run.baselined``), so they do not count against the gate.
    """
    reasons: list[str] = []
    failed_pages: set[str] = set()
    if options.fail_on != "none":
        limit = Severity(options.fail_on)
        for page in run.pages:
            worst = [f for f in page.findings if f.severity.rank >= limit.rank]
            if worst:
                counts: dict[str, int] = {}
                for f in worst:
                    counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
                detail = ", ".join(f"{n} {sev}" for sev, n in sorted(counts.items()))
                reasons.append(f"{page.pair.name}: {detail} finding(s) at or above fail-on={limit.value}")
                failed_pages.add(page.pair.name)
    if options.min_score is not None:
        if options.min_score_scope == "run":
            if run.score < options.min_score:
                reasons.append(f"run: score {run.score:.1f} below min-score={options.min_score:g}")
                failed_pages.update(p.pair.name for p in run.pages if p.score < options.min_score)
        else:
            for page in run.pages:
                if page.score < options.min_score:
                    reasons.append(f"{page.pair.name}: score {page.score:.1f} below min-score={options.min_score:g}")
                    failed_pages.add(page.pair.name)
    if options.fail_on_unpaired:  # one reason per file, named like a page's, so JUnit can place it
        reasons += [f"{u}: no twin in the other language (fail-on-unpaired)" for u in run.unpaired]
    return GateResult(bool(reasons), tuple(reasons), frozenset(failed_pages))
