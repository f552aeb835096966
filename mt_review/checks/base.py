"""The check API: a context, a base class, and span helpers.

A check looks at one aligned pair (``run``) or at the whole page
(``run_page``) and returns :class:`~mt_review.model.Finding` objects whose
spans are offsets into the *block* text, so reports can highlight them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from mt_review.model import AlignedPair, Finding, Page, Segment, Severity, Span

if TYPE_CHECKING:  # pragma: no cover
    from mt_review.glossary import Glossary
    from mt_review.score.calibration import Calibration
    from mt_review.score.signals import PairSignals


@dataclass(frozen=True)
class CheckContext:
    source: Page
    target: Page
    pairs: tuple[AlignedPair, ...]  # all aligned pairs on the page, in order
    glossary: "Glossary | None" = None
    src_lang: str = "en"
    tgt_lang: str = "ar"
    # what the embedder and the translation models measured, per pair (score.signals.compute_signals)
    signals: "tuple[PairSignals, ...]" = ()
    calibration: "Calibration | None" = None  # None = the shipped one
    available: frozenset[str] = frozenset()  # what this run has of what checks may need: "model"
    # page-wide figures several checks derive (length yardsticks, leftover balance), computed once per page
    # by checks.omission.per_page: they live and die with the page's context
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


class Check(ABC):
    """One rule.  Subclasses set ``name``, ``category`` (MQM path) and ``default_severity``.

    ``needs`` names what the check needs beyond the page pair; ``"model"``: a
    translation model's measurements (``CheckContext.signals``).  A check whose
    needs the run lacks does not run, and the run lists it as skipped.
    """

    name: ClassVar[str]
    category: ClassVar[str]
    default_severity: ClassVar[Severity]
    needs: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        """Findings for one pair."""

    def run_page(self, ctx: CheckContext) -> dict[int, list[Finding]]:
        """Findings per pair index.  Page-level checks override this."""
        return {i: self.run(p, ctx) for i, p in enumerate(ctx.pairs)}

    def finding(self, message: str, *, severity: Severity | None = None, category: str | None = None,
                src_span: Span | None = None, tgt_span: Span | None = None,
                threshold: str | None = None, suggestion: str | None = None, counts_as: int = 1) -> Finding:
        return Finding(
            check=self.name,
            category=category or self.category,
            severity=severity or self.default_severity,
            message=message,
            src_span=src_span,
            tgt_span=tgt_span,
            threshold=threshold,
            suggestion=suggestion,
            counts_as=counts_as,
        )


def seg_span(seg: Segment, start: int, end: int) -> Span:
    """A span of ``seg.text[start:end]`` expressed in block offsets."""
    return Span(seg.block_index, seg.start + start, seg.start + end, seg.text[start:end])


def block_text(page: Page | None, index: int) -> str | None:
    """The text of the block with ``Block.index == index`` on ``page`` (None when absent)."""
    if page is None:
        return None
    if 0 <= index < len(page.blocks) and page.blocks[index].index == index:
        return page.blocks[index].text
    return next((b.text for b in page.blocks if b.index == index), None)


def whole_span(segs: tuple[Segment, ...], page: Page | None = None) -> Span | None:
    """A span covering the segments (first block only when they straddle blocks).

    The span's text is always ``block.text[start:end]``: when several segments
    of one block are covered, the text between them (a space, a newline, two
    spaces ...) is read from ``page``; without the page (or when the page does
    not hold those segments) the span covers the first segment only.
    """
    if not segs:
        return None
    first = segs[0]
    same = [s for s in segs if s.block_index == first.block_index]
    if len(same) > 1:
        text = block_text(page, first.block_index)
        start, end = min(s.start for s in same), max(s.end for s in same)
        if text is not None and all(text[s.start:s.end] == s.text for s in same):
            return Span(first.block_index, start, end, text[start:end])
    return Span(first.block_index, first.start, first.end, first.text)


def words(text: str) -> int:
    return len(text.split())


REPORTING = "reporting"  # CheckContext.memo key: the checks whose findings the run reports (checks.run_checks)


def reporting(ctx: CheckContext, check: str) -> bool:
    """Does this run report ``check``'s findings?  A check stands down on a defect another check owns (one finding
    per defect: ``numbers.renumbered_names``, ``names.latin_stand_ins``) only when that check reports; outside
    :func:`mt_review.checks.run_checks` (no record) it does not stand down."""
    return check in ctx.memo.get(REPORTING, ())  # type: ignore[operator]
