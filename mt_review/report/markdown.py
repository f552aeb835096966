"""``report.md``: a summary and, per page, the flagged segments worst first.

All page text is escaped so it renders as text on GitHub/GitLab and in any
CommonMark viewer: HTML-significant characters become entities, Markdown
punctuation is backslash-escaped, line breaks become spaces.
"""

from __future__ import annotations

import re

from mt_review.fingerprint import finding_fingerprint
from mt_review.model import Finding, PageReview, SegmentReview
from mt_review.sitewide import site_patterns
from mt_review.textsafe import show_controls
from mt_review.report.common import (
    skipped_lines,
    FLAGGED,
    ReportContext,
    flagged_segments,
    furniture_severity,
    page_counts,
    run_summary,
    provenance,
    signature_lines,
    sorted_findings,
    suggestion_for,
    xliff_unit,
)

FORMAT = "md"
FILENAME = "report.md"

_MD_PUNCT = re.compile(r"([\\`*_\[\]|~])")
_WS = re.compile(r"\s+")


def md(text: object) -> str:
    """Escape page text for a Markdown table cell or paragraph."""
    s = show_controls(_WS.sub(" ", str(text if text is not None else "")).strip())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    # backslash-escape Markdown punctuation (not inside the entities just made)
    out = []
    for part in re.split(r"(&(?:amp|lt|gt|quot);)", s):
        out.append(part if part.startswith("&") and part.endswith(";") else _MD_PUNCT.sub(r"\\\1", part))
    return "".join(out)


def _cell(text: object) -> str:
    return md(text) or " "


def _ar(text: object) -> str:
    """Arabic cell: escaped, wrapped so it is shown right to left where HTML is allowed."""
    t = md(text)
    return f'<span dir="rtl" lang="ar">{t}</span>' if t else "—"


def _code(text: str) -> str:
    """Content of an inline code span inside a table: no backticks, pipes escaped."""
    return _WS.sub(" ", text).replace("`", "'").replace("|", "\\|")


def _inline_code(text: str) -> str:
    """An inline code span outside tables: fenced by more backticks than the text holds."""
    t = show_controls(_WS.sub(" ", text).strip())
    runs = [len(m) for m in re.findall(r"`+", t)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if t.startswith("`") or t.endswith("`") or not t else ""
    return f"{fence}{pad}{t}{pad}{fence}"


def _auto(text: object) -> str:
    """A suggestion: Arabic wording or English advice, so the direction comes from the text."""
    t = md(text)
    return f'<span dir="auto">{t}</span>' if t else "—"


def _problem(f: Finding, page: PageReview) -> str:
    parts = [f"**{f.severity.value}** `{_code(f.check)}` ({md(f.category)}): {md(f.message)}"]
    if f.src_span is not None and f.src_span.text.strip():
        parts.append(f"EN: “{md(f.src_span.text)}”")
    if f.tgt_span is not None and f.tgt_span.text.strip():
        parts.append(f"AR: “{_ar(f.tgt_span.text)}”")
    if f.threshold:
        parts.append(f"rule: {md(f.threshold)}")
    parts.append(f"fingerprint `{finding_fingerprint(page, f)}`")  # for a decisions file or a baseline
    return "<br>".join(parts)


def _segment_row(seg: SegmentReview, page: PageReview) -> str:
    fs = sorted_findings(seg.findings)
    problems = "<br>".join(_problem(f, page) for f in fs) or md(f"risk {seg.risk:.2f} ({seg.driver or 'signals'})")
    sugg = [suggestion_for(seg, f) for f in fs] or [suggestion_for(seg, None)]
    seen: list[str] = []
    for s in sugg:
        if s and s not in seen:
            seen.append(s)
    suggestion = "<br>".join(_auto(s) for s in seen) or "—"
    unit = xliff_unit(page, seg)
    return (
        f"| {seg.severity.value}{'<br>' + md(unit) if unit else ''} | {_cell(seg.pair.src_text) if seg.pair.src else '—'} | "
        f"{_ar(seg.pair.tgt_text) if seg.pair.tgt else '— (no Arabic)'} | {problems} | {suggestion} |"
    )


def _page(page: PageReview, ctx: ReportContext) -> list[str]:
    p = page.pair
    lines = [f"## {md(p.name)}", ""]
    counts = page_counts(page)
    gate = ""
    if ctx.gate is not None:
        gate = " — **gate: FAILED**" if ctx.page_failed(page) else " — gate: passed"
    lines.append(
        f"Score **{page.score:.1f}**, {page.source_words} source words, {len(page.segments)} segments; "
        + ", ".join(f"{counts[s.value]} {s.value}" for s in FLAGGED)
        + gate
    )
    lines.append("")
    lines.append(f"- English: {_inline_code(p.source.path)}" + (f" — {md(p.source.url)}" if p.source.url else ""))
    lines.append(f"- Arabic: {_inline_code(p.target.path)}" + (f" — {md(p.target.url)}" if p.target.url else ""))
    if page.mt_notice is not None:
        n = page.mt_notice
        extra = ", ".join(
            x for x in (f"plugin {md(n.plugin)}" if n.plugin else "", f"report errors to {md(n.report_email)}" if n.report_email else "") if x
        )
        lines.append(f"- **The Arabic page declares itself machine-translated**{' (' + extra + ')' if extra else ''}: {_ar(n.text)}")
    lines.append("")
    flagged = flagged_segments(page)
    if flagged:
        lines += ["### Flagged segments (worst first)", ""]
        lines += ["| Severity | English | Arabic (published) | Problem | Suggestion |", "|---|---|---|---|---|"]
        lines += [_segment_row(s, page) for _, s in flagged]
        lines.append("")
    else:
        lines += ["No flagged segments.", ""]
    furn = [fr for fr in page.furniture if fr.findings]
    if page.furniture:
        lines += ["### Site furniture", ""]
        lines += ["| Kind | English | Arabic | Findings |", "|---|---|---|---|"]
        for fr in page.furniture:
            finds = "<br>".join(_problem(f, page) for f in sorted_findings(fr.findings)) or "—"
            lines.append(
                f"| {fr.kind.value} | {_cell(fr.source.text) if fr.source else '—'} | "
                f"{_ar(fr.target.text) if fr.target else '—'} | {finds} |"
            )
        lines.append("")
        if furn:
            worst = max((furniture_severity(fr) for fr in furn), key=lambda s: s.rank)
            lines += [f"Furniture findings are reported, not scored (worst: {worst.value}).", ""]
    return lines


def _by_sev(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[k.value]} {k.value}" for k in FLAGGED)


def render(ctx: ReportContext) -> bytes:
    run = ctx.run
    s = run_summary(run)
    lines = ["# mt-review report", ""]
    lines.append(
        f"**{s['pages']} page(s)**, {s['segments']} segments, {s['flagged_segments']} flagged "
        f"({_by_sev(s['flagged_by_severity'])}); "
        f"run score **{run.score:.1f}**."
    )
    lines.append("")
    if ctx.gate is not None:
        lines.append("**Gate: FAILED**" if ctx.gate.failed else "Gate: passed")
        for r in ctx.gate.reasons:
            lines.append(f"- {md(r)}")
        lines.append("")
    lines += ["| Page | Score | Critical | Major | Minor |", "|---|---:|---:|---:|---:|"]
    for page in run.pages:
        c = page_counts(page)
        lines.append(f"| {_cell(page.pair.name)} | {page.score:.1f} | {c['critical']} | {c['major']} | {c['minor']} |")
    lines.append("")
    if s["findings_by_category"]:
        lines.append(
            "Findings by category: "
            + ", ".join(f"{md(k)} {v}" for k, v in s["findings_by_category"].items())
        )
        lines.append("")
    for n in run.notices:
        lines.append(f"> Note: {md(n)}")
    if run.notices:
        lines.append("")
    patterns = site_patterns(run)
    if patterns:
        lines += [f"## Site-wide patterns ({len(patterns)})", "",
                  "The same finding, with the same evidence, on several pages: one fix for the site.", ""]
        lines += ["| Severity | Check | Problem | English | Arabic | Pages |", "|---|---|---|---|---|---|"]
        for sp in patterns:
            lines.append(
                f"| {sp.severity.value} | `{_code(sp.check)}` ({md(sp.where)}) | {_cell(sp.message)} | "
                f"{_cell(sp.source_text) if sp.source_text else '—'} | {_ar(sp.target_text)} | "
                f"{len(sp.pages)}: {_cell(', '.join(sp.pages))} |"
            )
        lines.append("")
    for page in run.pages:
        lines += _page(page, ctx)
    if run.baselined:
        lines += [f"## Baselined or accepted findings ({len(run.baselined)})", "", "Not counted by the gate.", ""]
        lines += [f"- {md(name)}: {md(f.check)} ({f.severity.value}): {md(f.message)}" for name, f in run.baselined]
        lines.append("")
    skipped = skipped_lines(run)
    if skipped:
        lines += ["## Units not reviewed", ""]
        lines += [f"- {md(s)}" for s in skipped]
        lines.append("")
    if run.unpaired:
        lines += ["## Unpaired pages", "", "No twin found in the other language:", ""]
        lines += [f"- {_inline_code(u)}" for u in run.unpaired]
        lines.append("")
    lines += ["---", ""]
    for label, value in [*provenance(ctx), *signature_lines(run)]:
        lines.append(f"- {label}: {_inline_code(value)}")
    lines.append("")
    return "\n".join(lines).encode("utf-8")
