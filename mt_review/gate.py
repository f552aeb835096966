"""The CI gate: thresholds over a finished review -> pass or fail, with reasons.

Exit code 1 means "the review ran and a configured threshold was crossed";
each reason names the page and the threshold so a CI log explains itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from mt_review.config import Config
from mt_review.model import RunReport, Severity


@dataclass(frozen=True)
class GateResult:
    failed: bool
    reasons: tuple[str, ...]
    failed_pages: frozenset[str]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def evaluate(run: RunReport, config: Config, ignored: frozenset[str] = frozenset()) -> GateResult:
    """Apply ``fail_on`` and ``min_score`` to every page (or the run).

    ``ignored`` holds fingerprints of baselined or accepted findings; those do
    not count against the gate.
    """
    from mt_review.fingerprint import finding_fingerprint

    reasons: list[str] = []
    failed_pages: set[str] = set()
    if config.fail_on != "none":
        limit = Severity(config.fail_on)
        for page in run.pages:
            worst = [
                f
                for f in page.findings
                if f.severity.rank >= limit.rank and finding_fingerprint(page, f) not in ignored
            ]
            if worst:
                counts: dict[str, int] = {}
                for f in worst:
                    counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
                detail = ", ".join(f"{n} {sev}" for sev, n in sorted(counts.items()))
                reasons.append(f"{page.pair.name}: {detail} finding(s) at or above fail-on={limit.value}")
                failed_pages.add(page.pair.name)
    if config.min_score is not None:
        if config.min_score_scope == "run":
            if run.score < config.min_score:
                reasons.append(f"run: score {run.score:.1f} below min-score={config.min_score:g}")
                failed_pages.update(p.pair.name for p in run.pages if p.score < config.min_score)
        else:
            for page in run.pages:
                if page.score < config.min_score:
                    reasons.append(f"{page.pair.name}: score {page.score:.1f} below min-score={config.min_score:g}")
                    failed_pages.add(page.pair.name)
    return GateResult(bool(reasons), tuple(reasons), frozenset(failed_pages))
