"""What every report format shares: the writer interface, ordering, spans, wording.

A writer is a module with ``FORMAT`` (the name on the command line),
``FILENAME`` (``None`` for the terminal, which prints instead of writing) and
``render(ctx) -> bytes`` (the terminal's ``render`` prints and returns ``b""``).
Rendering never touches the output folder; ``write_reports`` writes the
rendered bytes all at once (see ``mt_review.atomic``).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, TextIO

from mt_review.textsafe import show_controls
from mt_review.model import (
    Block,
    Finding,
    FurnitureReview,
    PageReview,
    RunReport,
    Segment,
    SegmentReview,
    Severity,
    Span,
)

if TYPE_CHECKING:  # the gate is written elsewhere; reports only read its fields
    from mt_review.gate import GateResult

SCHEMA_VERSION = "1.0"
LARGE_RUN_PAGES = 20  # above this many pages, human reports lead with the worst pages
FLAGGED = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)  # worst first


@dataclass(frozen=True)
class ReportContext:
    """Everything a writer may need; writers take nothing else."""

    run: RunReport
    gate: "GateResult | None" = None
    email_to: str | None = None
    console: Any = None  # a rich Console for the terminal writer
    base_dir: Path | None = None  # paths in SARIF/JUnit are made relative to this (default: cwd)
    config_file: str | None = None  # the configuration file the run used (None: built-in defaults)
    glossary: str | None = None  # the glossary the run used (None: none)
    fragments: Any = None  # report.fragments.PageFragments: pages rendered by an earlier run (None: render all)
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # what several writers compute once

    def page_fragment(self, fmt: str, index: int, context: str, build: Callable[[], str],
                      page: PageReview | None = None) -> str:
        """Page ``index``'s part of a report, reused when ``fragments`` holds it (``context``: what else it shows).

        ``page``: the review of page ``index`` when the caller holds it (the pages may be read from disk)."""
        if self.fragments is None:
            return build()
        return self.fragments.render(fmt, index, context, build, page, ctx=self)

    def fragment_at(self, fmt: str, index: int, context: str, build: Callable[[PageReview], str]) -> str:
        """:meth:`page_fragment` of page ``index`` without the page in hand: it is read from
        ``run.pages`` only when the fragment has to be rendered, so a re-run that reuses a page's
        fragment never unpickles the page (``context`` comes from :meth:`facts`)."""
        held: list[PageReview] = []

        def page() -> PageReview:
            if not held:
                held.append(self.run.pages[index])
            return held[0]

        if self.fragments is None:
            return build(page())
        return self.fragments.render(fmt, index, context, lambda: build(page()), None, ctx=self, page_of=page)

    def gate_context_at(self, index: int) -> str:
        """:func:`gate_context` of page ``index``, from its facts."""
        return "gate=-" if self.gate is None else f"gate={int(self.facts()[index].failed)}"

    def facts(self) -> list["PageFacts"]:
        """Every page's :class:`PageFacts`, in page order (one pass over the pages, shared by every writer)."""
        if "facts" not in self.memo:
            _facts(self)
        return self.memo["facts"]

    def summary(self) -> dict[str, Any]:
        """:func:`run_summary` of the run, from the same pass as :meth:`facts`."""
        if "summary" not in self.memo:
            _facts(self)
        return self.memo["summary"]

    def patterns(self) -> tuple[Any, ...]:
        """The run's site-wide patterns, computed once for every writer."""
        if "patterns" not in self.memo:
            from mt_review.sitewide import patterns_of

            if "occurrences" not in self.memo:
                _facts(self)
            self.memo["patterns"] = patterns_of(self.memo.pop("occurrences"))
        return self.memo["patterns"]

    def score(self) -> float:
        """The run score (``RunReport.score``), from the same pass as :meth:`facts`."""
        if "score" not in self.memo:
            _facts(self)
        return self.memo["score"]

    def page_failed(self, page: PageReview) -> bool:
        """Did the gate fail this page?  ``gate=None`` means no page failed."""
        if self.gate is None:
            return False
        return page.pair.name in getattr(self.gate, "failed_pages", frozenset())


class Lines:
    """``"\\n".join(lines)`` written to ``out`` as the lines come, instead of held until the end."""

    def __init__(self, out: TextIO):
        self.out = out
        self.first = True

    def append(self, line: str) -> None:
        if not self.first:
            self.out.write("\n")
        self.first = False
        self.out.write(line)

    def __iadd__(self, lines: Iterable[str]) -> "Lines":
        for line in lines:
            self.append(line)
        return self


def gate_context(ctx: ReportContext, page: PageReview) -> str:
    """What a page's report fragment shows of the gate: none ran, or it failed or passed the page."""
    return "gate=-" if ctx.gate is None else f"gate={int(ctx.page_failed(page))}"


# --------------------------------------------------------------------------- ordering


def is_flagged(seg: SegmentReview) -> bool:
    return seg.severity != Severity.NONE or bool(seg.findings)


def furniture_severity(fr: FurnitureReview) -> Severity:
    return max((f.severity for f in fr.findings), key=lambda s: s.rank, default=Severity.NONE)


def flagged_segments(page: PageReview) -> list[tuple[int, SegmentReview]]:
    """(index, segment) of the flagged segments, worst first, then riskiest, then page order."""
    items = [(i, s) for i, s in enumerate(page.segments) if is_flagged(s)]
    items.sort(key=lambda it: (-it[1].severity.rank, -_num(it[1].risk), it[0]))
    return items


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Worst first; stable for equal severity."""
    return sorted(findings, key=lambda f: -f.severity.rank)


def worst_finding(seg: SegmentReview) -> Finding | None:
    """The finding named by ``driver`` if any, else the worst one."""
    fs = sorted_findings(seg.findings)
    for f in fs:
        if seg.driver and f.check == seg.driver:
            return f
    return fs[0] if fs else None


def _num(x: float | None) -> float:
    if x is None or not isinstance(x, (int, float)) or not math.isfinite(x):
        return 0.0
    return float(x)


def clean_number(x: Any, digits: int = 4) -> float | None:
    """A JSON-safe, stable number: rounded, ``None`` for NaN/inf/non-numbers."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    if not math.isfinite(x):
        return None
    r = round(float(x), digits)
    return 0.0 if r == 0 else r  # no "-0.0"


def severity_counts(severities: Iterable[Severity]) -> dict[str, int]:
    counts = {s.value: 0 for s in FLAGGED}
    for s in severities:
        if s in FLAGGED:
            counts[s.value] += 1
    return counts


def page_counts(page: PageReview) -> dict[str, int]:
    return severity_counts(s.severity for s in page.segments if is_flagged(s))


# --------------------------------------------------------------------------- spans


def suggestion_for(seg: SegmentReview | None, finding: Finding | None) -> str | None:
    """The wording to suggest: the finding's own, else a fresh EN->AR translation."""
    if finding is not None and finding.suggestion:
        return finding.suggestion
    if seg is not None:
        t = seg.translations.get("en-ar")
        if t:
            return t
    return None


def segment_offsets(segments: Sequence[Segment]) -> list[int]:
    """Where each segment starts in the ``" ".join`` of their texts."""
    out, pos = [], 0
    for s in segments:
        out.append(pos)
        pos += len(s.text) + 1
    return out


def span_in_segments(span: Span, segments: Sequence[Segment]) -> list[tuple[int, int]]:
    """Map a block span onto ``" ".join(seg.text)``: a list of (start, end) ranges.

    A span counts where its block is the segment's block and it overlaps the
    segment; it is clipped to the segment.  If no segment matches by offsets
    (a check that gave segment-relative spans, say), fall back to finding the
    span's text in the joined text.
    """
    ranges: list[tuple[int, int]] = []
    for base, seg in zip(segment_offsets(segments), segments, strict=True):
        if span.block_index != seg.block_index:
            continue
        lo, hi = max(span.start, seg.start), min(span.end, seg.end)
        if lo < hi:
            ranges.append((base + lo - seg.start, base + hi - seg.start))
    if ranges:
        return ranges
    joined = " ".join(s.text for s in segments)
    if span.text and span.text.strip():
        at = joined.find(span.text)
        if at >= 0:
            return [(at, at + len(span.text))]
    return []


def span_in_block(span: Span, block_text: str, block_index: int) -> list[tuple[int, int]]:
    """A span on a whole block (furniture): offsets are the block's own."""
    if span.block_index == block_index and 0 <= span.start < span.end <= len(block_text):
        return [(span.start, span.end)]
    if span.text and span.text.strip():
        at = block_text.find(span.text)
        if at >= 0:
            return [(at, at + len(span.text))]
    return []


def marked_pieces(text: str, marks: Sequence[tuple[int, int, Finding]]) -> Iterator[tuple[str, list[Finding]]]:
    """Cut ``text`` at every mark boundary: yields (piece, findings covering it).

    Overlapping marks are fine: a piece covered by two findings lists both.
    """
    n = len(text)
    cuts = {0, n}
    good = []
    for s, e, f in marks:
        s, e = max(0, min(s, n)), max(0, min(e, n))
        if s < e:
            good.append((s, e, f))
            cuts.update((s, e))
    points = sorted(cuts)
    for a, b in pairwise(points):
        if a == b:
            continue
        covering = [f for s, e, f in good if s <= a and b <= e]
        yield text[a:b], covering


def segment_marks(seg: SegmentReview, side: str) -> list[tuple[int, int, Finding]]:
    """(start, end, finding) of each finding's span on ``side`` ("src"/"tgt") of the segment."""
    segments = seg.pair.src if side == "src" else seg.pair.tgt
    out = []
    for f in seg.findings:
        span = f.src_span if side == "src" else f.tgt_span
        if span is None:
            continue
        for s, e in span_in_segments(span, segments):
            out.append((s, e, f))
    return out


# --------------------------------------------------------------------------- text helpers

_WS = re.compile(r"\s+")

# A run of right-to-left text: starts and ends with a strong RTL letter, may hold
# spaces, digits and neutral punctuation in between (isolated as one unit in the
# HTML's <bdi> and the Markdown's FSI...PDI).
RTL_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
RTL_RUN = re.compile(f"[{RTL_LETTERS}](?:[{RTL_LETTERS}\\s\\d\u0660-\u0669.,:;'\"()\\-\u060c\u061b\u061f]*[{RTL_LETTERS}])?")


def one_line(text: str | None) -> str:
    """Whitespace collapsed, control characters shown as escapes (page text is someone else's)."""
    return show_controls(_WS.sub(" ", text or "").strip())


def snippet(text: str | None, limit: int = 80) -> str:
    t = one_line(text)
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "…"


def display_path(path: str, base_dir: Path | None = None) -> str:
    """``path`` relative to ``base_dir`` (the export root; default cwd) when it lies inside, POSIX style.

    Both are resolved first, so the same file is named the same whatever the
    working directory and however the path was typed; a path outside the
    root is shown absolute."""
    p = Path(path)
    base = Path(os.path.realpath(base_dir or Path.cwd()))
    real = Path(os.path.realpath(p))
    try:
        rel = real.relative_to(base)
    except ValueError:
        return real.as_posix()
    return rel.as_posix() if str(rel) != "." else real.name


def export_root(paths: Iterable[str | os.PathLike[str]]) -> Path:
    """The folder the inputs share: a folder given, or the common parent of the files (resolved)."""
    folders = []
    for raw in paths:
        real = Path(os.path.realpath(raw))
        folders.append(real if real.is_dir() else real.parent)
    if not folders:
        return Path(os.path.realpath(Path.cwd()))
    return Path(os.path.commonpath([str(f) for f in folders]))


def signature_lines(run: RunReport) -> list[tuple[str, str]]:
    """(label, value) rows describing the signature, for human formats."""
    sig = run.signature
    models = ", ".join(f"{k}={v}" for k, v in sorted(sig.models.items())) or "none"
    thresholds = ", ".join(f"{k}={sig.thresholds[k]}" for k in sorted(sig.thresholds)) or "none"
    return [
        ("signature", str(sig)),
        ("tool version", sig.tool_version),
        ("alignment", sig.align_mode),
        ("embedder", sig.embedder),
        ("MT models", models),
        ("thresholds", thresholds),
        ("config hash", sig.config_hash),
    ]


def provenance(ctx: ReportContext) -> list[tuple[str, str]]:
    """(label, value): the configuration file and glossary the run used, as every report names them."""
    config = display_path(ctx.config_file, ctx.base_dir) if ctx.config_file else "none (built-in defaults)"
    glossary = display_path(ctx.glossary, ctx.base_dir) if ctx.glossary else "none"
    return [("configuration", config), ("glossary", glossary)]


def run_summary(run: RunReport) -> dict[str, Any]:
    """Counts shared by all formats (JSON's ``summary``)."""
    tally = _Tally()
    for page in run.pages:
        tally.add(page)
    return tally.summary(run)


class _Tally:
    """What :func:`run_summary` counts, added up a page at a time."""

    def __init__(self) -> None:
        self.pages = self.segments = self.findings = self.furniture = 0
        self.flagged: list[Severity] = []
        self.finding_severities: list[Severity] = []
        self.by_cat: dict[str, int] = {}
        self.skipped: dict[str, int] = {}
        self.words = 0
        self.weighted = 0.0
        self.lowest: float | None = None

    def add(self, page: PageReview) -> None:
        self.add_record(tally_record(page))

    def add_record(self, record: tuple[Any, ...]) -> None:
        """Add a page by its :func:`tally_record`."""
        segments, flagged, findings, furniture, skipped, words, score = record
        self.pages += 1
        self.segments += segments
        self.flagged += flagged
        for severity, category in findings:
            self.findings += 1
            self.finding_severities.append(severity)
            self.by_cat[category] = self.by_cat.get(category, 0) + 1
        self.furniture += furniture
        for reason, n in skipped:
            self.skipped[reason] = self.skipped.get(reason, 0) + n
        self.words += words
        self.weighted += score * words  # the order of RunReport.score's sum: the same float
        self.lowest = score if self.lowest is None else min(self.lowest, score)

    def score(self) -> float:
        """``RunReport.score``, from the tally."""
        if not self.words:
            return self.lowest if self.lowest is not None else 100.0
        return self.weighted / self.words

    def summary(self, run: RunReport) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "segments": self.segments,
            "flagged_segments": len(self.flagged),
            "flagged_by_severity": severity_counts(self.flagged),
            "findings": self.findings,
            "findings_by_severity": severity_counts(self.finding_severities),
            "findings_by_category": dict(sorted(self.by_cat.items())),
            "furniture_findings": self.furniture,
            "unpaired": len(run.unpaired),
            "skipped_units": dict(sorted(self.skipped.items())),
            "score": clean_number(self.score(), 2),
        }


@dataclass(frozen=True)
class PageFacts:
    """The little the head of a report shows of a page (its summary row, its rank), kept for every page."""

    name: str
    score: float
    source_words: int
    counts: dict[str, int]  # flagged segments by severity
    categories: frozenset[str]
    mt_notice: bool
    failed: bool  # by the gate
    skipped: tuple[tuple[str, int], ...]

    def worst_key(self) -> tuple[Any, ...]:
        return (not self.failed, *(-self.counts[k.value] for k in FLAGGED), _num(self.score), self.name)


def tally_record(page: PageReview) -> tuple[Any, ...]:
    """What :class:`_Tally` adds up of a page."""
    return (len(page.segments), [s.severity for s in page.segments if is_flagged(s)],
            [(f.severity, f.category) for f in page.findings], sum(len(fr.findings) for fr in page.furniture),
            tuple(page.pair.skipped), page.source_words, page.score)


def page_record(page: PageReview) -> tuple[Any, ...]:
    """All the report heads read of a page, a function of the page alone (so a re-run can keep it
    with the page's fragments): its tally record, its facts but the gate's, its site-pattern findings."""
    from mt_review.sitewide import page_occurrences

    facts = (page.pair.name, page.score, page.source_words, page_counts(page),
             frozenset(f.category for f in page.findings), page.mt_notice is not None, tuple(page.pair.skipped))
    return tally_record(page), facts, list(page_occurrences(page))


def _facts(ctx: ReportContext) -> None:
    """One pass over the pages: each page's facts, the summary and the run score, and the findings
    the site patterns are made of (``ctx.memo``; the pages may be read from disk: once is enough).
    With fragments kept by an earlier run (``--state``), a page's record is read back with them
    and the page is not read at all."""
    tally = _Tally()
    facts = []
    occurrences: list[Any] = []
    failed: frozenset[str] = getattr(ctx.gate, "failed_pages", frozenset()) if ctx.gate is not None else frozenset()
    kept = getattr(ctx.fragments, "record", None)
    pages = ctx.run.pages
    for i in range(len(pages)):
        record = kept(i, page_record) if kept is not None else page_record(pages[i])
        counted, (name, score, words, counts, categories, mt_notice, skipped), found = record
        tally.add_record(counted)
        if "patterns" not in ctx.memo:
            occurrences += found
        facts.append(PageFacts(name=name, score=score, source_words=words, counts=counts, categories=categories,
                               mt_notice=mt_notice, failed=name in failed, skipped=skipped))
    ctx.memo.update(facts=facts, summary=tally.summary(ctx.run), score=tally.score())
    if "patterns" not in ctx.memo:
        ctx.memo["occurrences"] = occurrences


def skipped_lines(run: RunReport | ReportContext) -> list[str]:
    """One plain line per page with skipped units, e.g. ``job: 3 unit(s) not reviewed (translate="no")``.

    Given a report context, from its pages' facts (no pass over the pages)."""
    named: list[tuple[str, Sequence[tuple[str, int]]]]
    if isinstance(run, ReportContext):
        named = [(f.name, f.skipped) for f in run.facts()]
    else:
        named = [(p.pair.name, p.pair.skipped) for p in run.pages]
    return [f"{name}: {n} unit(s) not reviewed ({reason})" for name, skipped in named for reason, n in skipped]


# --------------------------------------------------------------------------- plain words

# What each measured signal means, for people (docs/SIGNALS.md has the details).
PLAIN_SIGNALS = {
    "embed_sim": "meaning similarity of the two sides (0-1, higher is closer)",
    "embed_margin": "meaning similarity relative to the page's other sentences (above 1: closest to its own source)",
    "pseudo_chrf": "closeness to the model's own translation (chrF, 0-100)",
    "pseudo_chrfpp": "closeness to the model's own translation, with word pairs (chrF++, 0-100)",
    "pseudo_bleu": "word overlap with the model's own translation (BLEU, 0-100)",
    "lp_tgt_given_src": "how natural the model finds the Arabic as a translation (log-probability per word piece)",
    "lp_tgt_worst": "the least expected Arabic word piece (log-probability)",
    "roundtrip_chrf": "how well the Arabic translates back to the English (chrF, 0-100)",
    "roundtrip_sim": "meaning similarity of the English and the back-translation (0-1)",
    "lp_src_given_tgt": "how well the Arabic explains the English (log-probability per word piece)",
}


def plain_signal(name: str) -> str:
    return PLAIN_SIGNALS.get(name, name.replace("_", " "))


def plain_link(link: str) -> str:
    """``"2-1"`` -> ``"2 English : 1 Arabic sentence(s)"``: how the aligner paired the sentences."""
    left, sep, right = str(link).partition("-")
    if not sep or not left.isdigit() or not right.isdigit():
        return str(link)
    return f"{left} English : {right} Arabic sentence{'s' if right != '1' else ''}"


def _worst_key(ctx: ReportContext, page: PageReview) -> tuple[Any, ...]:
    c = page_counts(page)
    return (not ctx.page_failed(page), *(-c[k.value] for k in FLAGGED), _num(page.score), page.pair.name)


def pages_worst_first(ctx: ReportContext) -> list[PageReview]:
    """Pages worst first: failed by the gate, then most critical/major/minor segments, then lowest score, then name."""
    return sorted(ctx.run.pages, key=lambda page: _worst_key(ctx, page))


def worst_first_order(ctx: ReportContext) -> list[int]:
    """The page indices in :func:`pages_worst_first` order, from each page's facts."""
    keys = [(fact.worst_key(), i) for i, fact in enumerate(ctx.facts())]
    keys.sort()  # the index breaks ties as the stable sort of pages_worst_first does
    return [i for _key, i in keys]


def segment_units(page: PageReview, seg: SegmentReview) -> list[Block]:
    """The blocks of a pre-paired unit (XLIFF/PO/JSONL) a segment comes from, target side first, one per unit id."""
    out: dict[str, Block] = {}
    for segments, blocks in ((seg.pair.tgt, page.pair.target.blocks), (seg.pair.src, page.pair.source.blocks)):
        for s in segments:
            block = blocks[s.block_index] if 0 <= s.block_index < len(blocks) else None
            if block is not None and block.unit_id and block.unit_id not in out:
                out[block.unit_id] = block
    return list(out.values())


def unit_label(block: Block) -> str:
    """``unit 12 (body, state needs-translation)``: what an editor looks for in a CAT tool."""
    extra = ", ".join(x for x in (block.unit_name, f"state {block.unit_state}" if block.unit_state else None) if x)
    return f"unit {block.unit_id}" + (f" ({extra})" if extra else "")


def xliff_unit(page: PageReview, seg: SegmentReview) -> str | None:
    """The units a segment comes from, for people (``None`` for pages without units)."""
    units = segment_units(page, seg)
    return "; ".join(unit_label(b) for b in units) if units else None
