"""``report.md``: a summary and, per page, the flagged segments worst first.

All page text is escaped so it renders as text on GitHub/GitLab and in any
CommonMark viewer: HTML-significant characters become entities, Markdown
punctuation is backslash-escaped, line breaks become spaces.

Bidi isolation: every string whose direction is not the line's own (names,
paths, units, Arabic text, English prose holding Arabic terms) sits between
U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, and each
Arabic run inside English prose is isolated again, so a count or a quote
mark next to an Arabic term stays on its side ("'ورشة' 2 times", not
"2 'ورشة' times").  Unicode isolates rather than ``<bdi>``: the Markdown is
read as plain text too (terminals, editors, diffs, CI logs), where tags do
nothing, and renderers' HTML sanitisers may drop tags they do not know,
while the two characters work in every bidi-aware viewer, rendered or not.
The ``dir`` spans stay for renderers that allow them (cell direction).
Bidi controls that come with the page text are shown as escapes
(``textsafe.show_controls``), so they cannot unbalance these isolates.
"""

from __future__ import annotations

import io
import re
from functools import partial
from typing import TextIO

from mt_review.fingerprint import finding_fingerprint
from mt_review.model import Finding, PageReview, SegmentReview
from mt_review.textsafe import show_controls
from mt_review.report.common import (
    skipped_lines,
    FLAGGED,
    RTL_RUN,
    Lines,
    ReportContext,
    flagged_segments,
    furniture_severity,
    page_counts,
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


FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE


def _one_line(text: object) -> str:
    return show_controls(_WS.sub(" ", str(text if text is not None else "")).strip())


def _escape(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    # backslash-escape Markdown punctuation (not inside the entities just made)
    out = []
    for part in re.split(r"(&(?:amp|lt|gt|quot);)", s):
        out.append(part if part.startswith("&") and part.endswith(";") else _MD_PUNCT.sub(r"\\\1", part))
    return "".join(out)


def md(text: object) -> str:
    """Escape page text for a Markdown table cell or paragraph."""
    return _escape(_one_line(text))


def _iso(text: object) -> str:
    """Escaped and isolated: a name, a path, a unit, Arabic text: its direction is its own."""
    t = md(text)
    return f"{FSI}{t}{PDI}" if t else t


def _prose(text: object) -> str:
    """English prose that may quote Arabic: each Arabic run isolated, and the whole too."""
    s = _one_line(text)
    out, pos = [], 0
    for m in RTL_RUN.finditer(s):
        out += [_escape(s[pos : m.start()]), FSI, _escape(m.group()), PDI]
        pos = m.end()
    out.append(_escape(s[pos:]))
    t = "".join(out)
    return f"{FSI}{t}{PDI}" if t else t


def _cell(text: object) -> str:
    return _prose(text) or " "


def _ar(text: object) -> str:
    """Arabic cell: escaped and isolated, wrapped so it is shown right to left where HTML is allowed."""
    t = _iso(text)
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
    return f"{FSI}{fence}{pad}{t}{pad}{fence}{PDI}"  # isolated outside the span: a copied name stays clean


def _auto(text: object) -> str:
    """A suggestion: Arabic wording or English advice, so the direction comes from the text."""
    t = _prose(text)
    return f'<span dir="auto">{t}</span>' if t else "—"


def _problem(f: Finding, page: PageReview) -> str:
    parts = [f"**{f.severity.value}** `{_code(f.check)}` ({md(f.category)}): {_prose(f.message)}"]
    if f.src_span is not None and f.src_span.text.strip():
        parts.append(f"EN: “{_iso(f.src_span.text)}”")
    if f.tgt_span is not None and f.tgt_span.text.strip():
        parts.append(f"AR: “{_ar(f.tgt_span.text)}”")
    if f.threshold:
        parts.append(f"rule: {_prose(f.threshold)}")
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
        f"| {seg.severity.value}{'<br>' + _iso(unit) if unit else ''} | {_cell(seg.pair.src_text) if seg.pair.src else '—'} | "
        f"{_ar(seg.pair.tgt_text) if seg.pair.tgt else '— (no Arabic)'} | {problems} | {suggestion} |"
    )


def _page(page: PageReview, ctx: ReportContext) -> list[str]:
    p = page.pair
    lines = [f"## {_iso(p.name)}", ""]
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
    lines.append(f"- English: {_inline_code(p.source.path)}" + (f" — {_iso(p.source.url)}" if p.source.url else ""))
    lines.append(f"- Arabic: {_inline_code(p.target.path)}" + (f" — {_iso(p.target.url)}" if p.target.url else ""))
    if page.mt_notice is not None:
        n = page.mt_notice
        extra = ", ".join(
            x for x in (f"plugin {_iso(n.plugin)}" if n.plugin else "", f"report errors to {_iso(n.report_email)}" if n.report_email else "") if x
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


def _page_text(page: PageReview, ctx: ReportContext) -> str:
    return "\n".join(_page(page, ctx))


def _by_sev(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[k.value]} {k.value}" for k in FLAGGED)


def render(ctx: ReportContext) -> bytes:
    out = io.StringIO()
    write(ctx, out)
    return out.getvalue().encode("utf-8")


def write(ctx: ReportContext, out: TextIO) -> None:
    """The report's lines to ``out``: the summary and page table, then one page at a time, then the rest."""
    run = ctx.run
    s = ctx.summary()
    lines = Lines(out)
    lines.append("# mt-review report")
    lines.append("")
    lines.append(
        f"**{s['pages']} page(s)**, {s['segments']} segments, {s['flagged_segments']} flagged "
        f"({_by_sev(s['flagged_by_severity'])}); "
        f"run score **{ctx.score():.1f}**."
    )
    lines.append("")
    if ctx.gate is not None:
        lines.append("**Gate: FAILED**" if ctx.gate.failed else "Gate: passed")
        for r in ctx.gate.reasons:
            lines.append(f"- {_prose(r)}")
        lines.append("")
    lines += ["| Page | Score | Critical | Major | Minor |", "|---|---:|---:|---:|---:|"]
    for fact in ctx.facts():
        c = fact.counts
        lines.append(f"| {_iso(fact.name) or ' '} | {fact.score:.1f} | {c['critical']} | {c['major']} | {c['minor']} |")
    lines.append("")
    if s["findings_by_category"]:
        lines.append(
            "Findings by category: "
            + ", ".join(f"{md(k)} {v}" for k, v in s["findings_by_category"].items())
        )
        lines.append("")
    for n in run.notices:
        lines.append(f"> Note: {_prose(n)}")
    if run.notices:
        lines.append("")
    patterns = ctx.patterns()
    if patterns:
        lines += [f"## Site-wide patterns ({len(patterns)})", "",
                  "The same finding, with the same evidence, on several pages: one fix for the site.", ""]
        lines += ["| Severity | Check | Problem | English | Arabic | Pages |", "|---|---|---|---|---|---|"]
        for sp in patterns:
            lines.append(
                f"| {sp.severity.value} | `{_code(sp.check)}` ({_prose(sp.where)}) | {_cell(sp.message)} | "
                f"{_cell(sp.source_text) if sp.source_text else '—'} | {_ar(sp.target_text)} | "
                f"{len(sp.pages)}: {', '.join(_iso(name) for name in sp.pages)} |"
            )
        lines.append("")
    for i in range(len(run.pages)):  # one fragment per page, reused from an earlier run when unchanged (unread)
        lines.append(ctx.fragment_at(FORMAT, i, ctx.gate_context_at(i), partial(_page_text, ctx=ctx)))
    if run.baselined:
        lines += [f"## Baselined or accepted findings ({len(run.baselined)})", "", "Not counted by the gate.", ""]
        lines += [f"- {_iso(name)}: {md(f.check)} ({f.severity.value}): {_prose(f.message)}" for name, f in run.baselined]
        lines.append("")
    skipped = skipped_lines(ctx)
    if skipped:
        lines += ["## Units not reviewed", ""]
        lines += [f"- {_prose(s)}" for s in skipped]
        lines.append("")
    if run.unpaired:
        lines += ["## Unpaired pages", "", "No twin found in the other language:", ""]
        lines += [f"- {_inline_code(u)}" for u in run.unpaired]
        lines.append("")
    lines += ["---", ""]
    for label, value in [*provenance(ctx), *signature_lines(run)]:
        lines.append(f"- {label}: {_inline_code(value)}")
    lines.append("")
