"""``report.json``: the machine-readable report, described by ``schemas/report.schema.json``.

Deterministic: the same run gives byte-identical output (keys sorted, numbers
rounded, no timestamps, non-ASCII kept as is, a final newline).
"""

from __future__ import annotations

import io
import json
from functools import partial
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator, TextIO

from mt_review.fingerprint import finding_fingerprint
from mt_review.model import (
    Block,
    Finding,
    FurnitureReview,
    MTNotice,
    Page,
    PageReview,
    RunReport,
    Segment,
    SegmentReview,
    Span,
)
from mt_review.sitewide import SitePattern
from mt_review.report.common import (
    display_path,
    segment_units,
    SCHEMA_VERSION,
    ReportContext,
    clean_number,
    is_flagged,
    page_counts,
)

FORMAT = "json"
FILENAME = "report.json"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "report.schema.json"


def _jsonable(value: Any) -> Any:
    """Thresholds are free-form: make them JSON, deterministically."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return clean_number(value, 6)
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, (str, int)):  # enums
        return value.value
    return str(value)


def _span(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"block": span.block_index, "start": span.start, "end": span.end, "text": span.text}


def _seg_span(seg: Segment) -> dict[str, Any]:
    return {"block": seg.block_index, "start": seg.start, "end": seg.end}


def _finding(f: Finding, page: PageReview) -> dict[str, Any]:
    return {
        "fingerprint": finding_fingerprint(page, f),
        "check": f.check,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "threshold": f.threshold,
        "suggestion": f.suggestion,
        "src_span": _span(f.src_span),
        "tgt_span": _span(f.tgt_span),
        **({"counts_as": f.counts_as} if f.counts_as != 1 else {}),
    }


def _pattern(p: SitePattern, run: RunReport, page_of: Callable[[str], PageReview]) -> dict[str, Any]:
    return {
        "check": p.check,
        "category": p.category,
        "severity": p.severity.value,
        "where": p.where,
        "message": p.message,
        "source": p.source_text or None,
        "target": p.target_text,
        "pages": list(p.pages),
        "fingerprints": [f.fingerprint[:32] if f.fingerprint else finding_fingerprint(page_of(name), f)
                         for name, f in p.findings],
    }


def _page_lookup(run: RunReport) -> Callable[[str], PageReview]:
    """A page by name, read only when asked (a finding without a stored fingerprint: tests, tools)."""
    index: dict[str, int] = {}

    def page_of(name: str) -> PageReview:
        if not index:
            index.update((page.pair.name, i) for i, page in enumerate(run.pages))  # the last of a name, as before
        return run.pages[index[name]]

    return page_of


def _baselined(page_name: str, f: Finding) -> dict[str, Any]:
    return {
        "page": page_name,
        "check": f.check,
        "severity": f.severity.value,
        "message": f.message,
        "source": f.src_span.text if f.src_span else None,
        "target": f.tgt_span.text if f.tgt_span else None,
    }


def _segment(i: int, s: SegmentReview, page: PageReview) -> dict[str, Any]:
    signals = {}
    for k, v in s.signals.items():
        n = clean_number(v)
        if n is not None:  # only what was measured; a NaN is not a measurement
            signals[str(k)] = n
    return {
        "index": i,
        "link": s.pair.link,
        "confidence": clean_number(s.pair.confidence),
        "source": s.pair.src_text,
        "target": s.pair.tgt_text,
        "src_spans": [_seg_span(x) for x in s.pair.src],
        "tgt_spans": [_seg_span(x) for x in s.pair.tgt],
        "signals": signals,
        "findings": [_finding(f, page) for f in s.findings],
        "risk": clean_number(s.risk),
        "severity": s.severity.value,
        "flagged": is_flagged(s),
        "driver": s.driver,
        "translations": {str(k): v for k, v in s.translations.items()},
        "units": [{"id": b.unit_id, "resname": b.unit_name, "state": b.unit_state} for b in segment_units(page, s)],
    }


def _block(b: Block | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"index": b.index, "kind": b.kind.value, "text": b.text, "line": b.line}


def _furniture(fr: FurnitureReview, page: PageReview) -> dict[str, Any]:
    return {
        "kind": fr.kind.value,
        "source": _block(fr.source),
        "target": _block(fr.target),
        "findings": [_finding(f, page) for f in fr.findings],
    }


def _notice(n: MTNotice | None) -> dict[str, Any] | None:
    if n is None:
        return None
    return {"text": n.text, "block": n.block_index, "plugin": n.plugin, "report_email": n.report_email}


def _side(p: Page) -> dict[str, Any]:
    return {
        "path": p.path,
        "lang": p.lang,
        "declared_lang": p.declared_lang,
        "direction": p.direction,
        "format": p.format,
        "encoding": p.encoding,
        "url": p.url,
        "title": p.title,
        "blocks": len(p.blocks),
    }


def _gate_page(ctx: ReportContext | None, page: PageReview) -> bool | None:
    if ctx is None or ctx.gate is None:
        return None
    return ctx.page_failed(page)


def _page(page: PageReview, ctx: ReportContext | None) -> dict[str, Any]:
    return _page_fields(page, ctx, [_segment(i, s, page) for i, s in enumerate(page.segments)])


def _page_fields(page: PageReview, ctx: ReportContext | None, segments: Any) -> dict[str, Any]:
    """A page's JSON object with ``segments`` as given (the list, or a marker to stream them in its place)."""
    out = {
        "name": page.pair.name,
        "prealigned": page.pair.prealigned,
        "source": _side(page.pair.source),
        "target": _side(page.pair.target),
        "score": clean_number(page.score, 2),
        "source_words": page.source_words,
        "flagged_by_severity": page_counts(page),
        "mt_notice": _notice(page.mt_notice),
        "furniture": [_furniture(fr, page) for fr in page.furniture],
        "segments": segments,
    }
    failed = _gate_page(ctx, page)
    if failed is not None:
        out["gate_failed"] = failed
    return out


def to_json(run: RunReport, *, gate: Any = None, ctx: ReportContext | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict (schema ``report.schema.json``, version 1.0).

    ``gate`` (a ``mt_review.gate.GateResult``) is optional: when given, a
    ``gate`` object and each page's ``gate_failed`` are added.  ``ctx`` adds
    the configuration file and glossary the run used.
    """
    ctx = ctx or ReportContext(run=run, gate=gate)
    return _document(run, gate, ctx, [_page(p, ctx) for p in run.pages])


def _document(run: RunReport, gate: Any, ctx: ReportContext, pages: Any) -> dict[str, Any]:
    sig = run.signature
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "signature": {
            "text": str(sig),
            "tool_version": sig.tool_version,
            "align_mode": sig.align_mode,
            "embedder": sig.embedder,
            "models": {str(k): str(v) for k, v in sig.models.items()},
            "thresholds": _jsonable(dict(sig.thresholds)),
            "config_hash": sig.config_hash,
            "calibration": sig.calibration,
        },
        "configuration": {
            "file": display_path(ctx.config_file, ctx.base_dir) if ctx.config_file else None,
            "glossary": display_path(ctx.glossary, ctx.base_dir) if ctx.glossary else None,
        },
        "summary": ctx.summary(),
        "pages": pages,
        "unpaired": list(run.unpaired),
        "notices": list(run.notices),
    }
    if run.baselined:
        doc["baselined"] = [_baselined(name, f) for name, f in run.baselined]
    patterns = ctx.patterns()
    if patterns:
        page_of = _page_lookup(run)
        doc["site_patterns"] = [_pattern(p, run, page_of) for p in patterns]
    if gate is not None:
        doc["gate"] = {
            "failed": bool(gate.failed),
            "reasons": list(gate.reasons),
            "failed_pages": sorted(gate.failed_pages),
        }
    return doc


def dumps(doc: dict[str, Any]) -> str:
    return _ENCODER.encode(doc) + "\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False)  # what ``dumps`` uses
_PAGE_INDENT = "\n    "  # a page is an item of "pages", two levels deep at indent 2
_SEGMENT_INDENT = _PAGE_INDENT + "    "  # a segment is an item of the page's "segments", two levels deeper


def _page_text(page: PageReview, ctx: ReportContext) -> str:
    """One page as ``dumps`` writes it inside the document (JSON strings hold no raw newline)."""
    return "".join(_page_chunks(page, ctx))


def _page_chunks(page: PageReview, ctx: ReportContext) -> Iterator[str]:
    """:func:`_page_text` in pieces, one segment at a time: a page of thousands of segments is
    never held as one JSON tree and one string (twice that with the indent added) at once.

    The page is dumped with a marker in place of its segments, and each segment
    is dumped alone and indented to its depth; indentation is the only thing
    that depends on depth in ``dumps``, so the bytes are those of the whole page dumped."""
    marker = f"mt-review-segments-{uuid.uuid4().hex}"  # no report text can hold it
    head = _ENCODER.encode(_page_fields(page, ctx, marker)).replace("\n", _PAGE_INDENT)
    before, found, after = head.partition(f'"{marker}"')
    if not found:  # pragma: no cover - the page always holds it
        raise RuntimeError("the segments marker is missing from the page")
    del head
    yield before
    if not page.segments:
        yield "[]"
    else:
        for i, s in enumerate(page.segments):
            yield ("[" if i == 0 else ",") + _SEGMENT_INDENT
            yield _ENCODER.encode(_segment(i, s, page)).replace("\n", _SEGMENT_INDENT)
        yield _PAGE_INDENT + "  ]"
    yield after


def render(ctx: ReportContext) -> bytes:
    """``dumps(to_json(...))``, with each page written on its own (and reused from ``ctx.fragments``)."""
    out = io.StringIO()
    write(ctx, out)
    return out.getvalue().encode("utf-8")


def write(ctx: ReportContext, out: TextIO) -> None:
    """:func:`render`, written to ``out`` a page at a time: the document around the pages first
    (its summary and patterns are small), then each page as it is read."""
    run = ctx.run
    if not run.pages:
        out.write(dumps(to_json(run, gate=ctx.gate, ctx=ctx)))
        return
    marker = f"mt-review-pages-{uuid.uuid4().hex}"  # no report text can hold it
    head = dumps(_document(run, ctx.gate, ctx, marker))
    before, found, after = head.partition(f'"{marker}"')
    if not found:  # pragma: no cover - the head always holds it
        raise RuntimeError("the pages marker is missing from the report head")
    del head
    out.write(before)
    for i in range(len(run.pages)):  # a page is read only when its fragment is not reused
        out.write(("[" if i == 0 else ",") + _PAGE_INDENT)
        if ctx.fragments is None:  # nothing to keep or reuse: the page goes to ``out`` as it is dumped
            for chunk in _page_chunks(run.pages[i], ctx):
                out.write(chunk)
        else:
            out.write(ctx.fragment_at(FORMAT, i, ctx.gate_context_at(i), partial(_page_text, ctx=ctx)))
    out.write("\n  ]")
    out.write(after)


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
