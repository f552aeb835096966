"""``report.sarif``: SARIF 2.1.0, one result per finding, for code-scanning UIs.

Rules come from the checks (ruleId = check name, properties.category = MQM
category); a rule's description says what the check looks for in general
(the check module's own summary), never one finding's wording.  Level:
critical/major -> error, minor -> warning.  The location is the Arabic
(target) file, at the line where the target text is: the line of its block,
moved down to the line that holds the text when the block's markup starts
earlier (an XLIFF ``<target>`` tag on its own line, a tag over two lines).  ``partialFingerprints``
carries the same fingerprint baselines use (``mt_review.fingerprint``):
``mtReviewFinding/v1`` is the 32-digit one of baselines and decisions,
``mtReviewText/v1`` the full 64-digit digest of the same data.  Both
depend on the segment's source text and where the evidence sits in it, not
on block numbers, so a finding keeps its identity across runs when
unrelated text moves, and the same evidence in two sentences stays apart.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mt_review.fingerprint import finding_fingerprint, finding_fingerprint_full
from mt_review.model import Finding, FurnitureReview, PageReview, SegmentReview, Severity
from mt_review.sitewide import site_patterns
from mt_review.report.common import ReportContext, display_path, provenance, segment_units, skipped_lines, suggestion_for

FORMAT = "sarif"
FILENAME = "report.sarif"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

LEVEL = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.NONE: "note"}


def _uri(path: str, ctx: ReportContext) -> str:
    p = display_path(path, ctx.base_dir)
    if p.startswith("/"):
        return "file://" + quote(p)
    return quote(p)


# checks made outside the registry (model signals), described here
MODEL_RULES = {
    "model_surprisal": "Words of the Arabic that the translation model finds far less likely than its own choice "
                       "(a likely mistranslation or garbled phrase).",
    "model_divergence": "The calibrated model signals say the Arabic does not say what the English says.",
}
LOOKAHEAD_LINES = 40  # how far below a block's first line its text is looked for


def rule_description(check: str, categories: list[str]) -> str:
    """What a check looks for, in general: the first paragraph of its module's docstring."""
    from mt_review.checks import REGISTRY

    cls = REGISTRY.get(check)
    doc = (sys.modules[cls.__module__].__doc__ or "").strip() if cls is not None else MODEL_RULES.get(check, "")
    return " ".join(doc.split("\n\n")[0].split()) or f"Translation findings of the kind {', '.join(categories)}."


@lru_cache(maxsize=64)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def _line(page: PageReview, block_index: int | None, text: str | None = None) -> int | None:
    """The 1-based line of the target text: its block's line, or the first line below it that holds ``text``."""
    blocks = page.pair.target.blocks
    if block_index is None or not (0 <= block_index < len(blocks)):
        return None
    line = blocks[block_index].line
    if not (isinstance(line, int) and line >= 1):
        return None
    probe = " ".join((text or "").split())[:24]
    if probe:
        lines = _file_lines(page.pair.target.path)
        for n in range(line, min(line + LOOKAHEAD_LINES, len(lines) + 1)):
            if probe in " ".join(lines[n - 1].split()):
                return n
    return line


def _location(page: PageReview, f: Finding, seg: SegmentReview | None, fr: FurnitureReview | None, ctx: ReportContext) -> dict:
    block, text = None, None
    if f.tgt_span is not None:
        block, text = f.tgt_span.block_index, f.tgt_span.text
    elif seg is not None and seg.pair.tgt:
        block, text = seg.pair.tgt[0].block_index, seg.pair.tgt[0].text
    elif fr is not None and fr.target is not None:
        block, text = fr.target.index, fr.target.text
    phys: dict[str, Any] = {"artifactLocation": {"uri": _uri(page.pair.target.path, ctx)}}
    region: dict[str, Any] = {}
    line = _line(page, block, text)
    if line is not None:
        region["startLine"] = line
    if f.tgt_span is not None and f.tgt_span.text:
        region["snippet"] = {"text": f.tgt_span.text}
    if region:
        phys["region"] = region
    return {"physicalLocation": phys, "message": {"text": f"{page.pair.name}: Arabic (published)"}}


def _message(f: Finding, seg: SegmentReview | None) -> str:
    parts = [f.message]
    if f.src_span is not None and f.src_span.text.strip():
        parts.append(f"English: “{f.src_span.text}”")
    if f.tgt_span is not None and f.tgt_span.text.strip():
        parts.append(f"Arabic: “{f.tgt_span.text}”")
    sugg = suggestion_for(seg, f)
    if sugg:
        parts.append(f"Suggestion: {sugg}")
    return " — ".join(parts)


def to_sarif(ctx: ReportContext) -> dict[str, Any]:
    run = ctx.run
    items: list[tuple[PageReview, Finding, SegmentReview | None, FurnitureReview | None]] = []
    for page in run.pages:
        for segment in page.segments:
            items += [(page, f, segment, None) for f in segment.findings]
        for furniture in page.furniture:
            items += [(page, f, None, furniture) for f in furniture.findings]

    rules: dict[str, dict[str, Any]] = {}
    for _page, f, _s, _fr in items:
        r = rules.setdefault(f.check, {"categories": set(), "worst": Severity.NONE})
        r["categories"].add(f.category)
        if f.severity.rank > r["worst"].rank:
            r["worst"] = f.severity
    rule_ids = sorted(rules)
    rule_index = {rid: i for i, rid in enumerate(rule_ids)}
    sarif_rules = []
    for rid in rule_ids:
        r = rules[rid]
        cats = sorted(r["categories"])
        rule: dict[str, Any] = {
            "id": rid,
            "name": "".join(w.capitalize() for w in rid.replace("-", "_").split("_") if w) or rid,
            "shortDescription": {"text": f"{rid} ({', '.join(cats)})"},
            "defaultConfiguration": {"level": LEVEL[r["worst"]]},
            "properties": {"category": cats[0], "categories": cats, "tags": ["translation", *cats]},
        }
        rule["fullDescription"] = {"text": rule_description(rid, cats)}
        sarif_rules.append(rule)

    results = []
    artifacts: dict[str, int] = {}
    for page, f, seg, fr in items:
        loc = _location(page, f, seg, fr, ctx)
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        artifacts.setdefault(uri, len(artifacts))
        loc["physicalLocation"]["artifactLocation"]["index"] = artifacts[uri]
        props: dict[str, Any] = {"severity": f.severity.value, "category": f.category, "page": page.pair.name}
        if f.threshold:
            props["threshold"] = f.threshold  # this finding's rule and limit, in words
        if seg is not None:
            units = segment_units(page, seg)
            if units:
                props["units"] = [{"id": b.unit_id, "resname": b.unit_name, "state": b.unit_state} for b in units]
            props["source"] = seg.pair.src_text
            props["target"] = seg.pair.tgt_text
            props["link"] = seg.pair.link
        if fr is not None:
            props["furniture"] = fr.kind.value
        sugg = suggestion_for(seg, f)
        if sugg:
            props["suggestion"] = sugg
        result: dict[str, Any] = {
            "ruleId": f.check,
            "ruleIndex": rule_index[f.check],
            "level": LEVEL[f.severity],
            "message": {"text": _message(f, seg)},
            "locations": [loc],
            "partialFingerprints": {
                "mtReviewFinding/v1": finding_fingerprint(page, f),
                "mtReviewText/v1": finding_fingerprint_full(page, f),
            },
            "properties": props,
        }
        results.append(result)

    sig = run.signature
    invocation_notes = [{"message": {"text": n}, "level": "note"} for n in run.notices]
    invocation_notes += [{"message": {"text": f"unpaired page (no twin): {u}"}, "level": "note"} for u in run.unpaired]
    invocation_notes += [{"message": {"text": f"not reviewed: {s}"}, "level": "note"} for s in skipped_lines(run)]
    sarif_run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mt-review",
                "version": sig.tool_version,
                "semanticVersion": sig.tool_version,
                "rules": sarif_rules,
                "properties": {"signature": str(sig)},
            }
        },
        "artifacts": [
            {"location": {"uri": uri}, "mimeType": "text/plain", "encoding": "utf-8"}
            for uri, _i in sorted(artifacts.items(), key=lambda kv: kv[1])
        ],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"signature": str(sig), "config_hash": sig.config_hash, "run_score": round(run.score, 2),
                       **dict(provenance(ctx))},
    }
    # the page's real format, when known
    mimes = {"html": "text/html", "xliff": "application/xliff+xml", "po": "text/x-gettext-translation", "json": "application/json"}
    for art, page in zip(sarif_run["artifacts"], _pages_for(artifacts, run.pages, ctx), strict=True):
        art["mimeType"] = mimes.get(page.pair.target.format, "text/plain") if page else "text/plain"
        if page is not None:
            art["encoding"] = page.pair.target.encoding
    patterns = site_patterns(run)
    if patterns:  # each repeated finding stays a result; the grouping is the run's property
        sarif_run["properties"]["sitePatterns"] = [
            {"check": sp.check, "severity": sp.severity.value, "where": sp.where, "message": sp.message,
             "source": sp.source_text, "target": sp.target_text, "pages": list(sp.pages)}
            for sp in patterns
        ]
    if invocation_notes:
        sarif_run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": invocation_notes}]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [sarif_run]}


def _pages_for(artifacts: dict[str, int], pages, ctx: ReportContext):
    by_uri = {_uri(p.pair.target.path, ctx): p for p in pages}
    return [by_uri.get(uri) for uri, _i in sorted(artifacts.items(), key=lambda kv: kv[1])]


def render(ctx: ReportContext) -> bytes:
    return (json.dumps(to_sarif(ctx), ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
