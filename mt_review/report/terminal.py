"""The terminal report (rich): a summary table of pages, then the flagged segments worst first.

Plain text when the output is not a terminal or ``NO_COLOR`` is set (rich's
own rules).  Page text is passed as ``rich.text.Text`` so square brackets in a
page are never read as rich markup.  Tables fit a 60-column terminal: the
number and pass/fail columns never wrap, text columns fold.  Above
``LARGE_RUN_PAGES`` pages the terminal shows the run's summary and only the
``WORST_PAGES`` worst pages (the files hold every page).  Run notices are not
repeated here: the command line prints each once on stderr.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from mt_review.model import PageReview
from mt_review.report.common import (
    LARGE_RUN_PAGES,
    FLAGGED,
    ReportContext,
    flagged_segments,
    page_counts,
    worst_first_order,
    provenance,
    skipped_lines,
    snippet,
    sorted_findings,
    worst_finding,
    xliff_unit,
)
from mt_review.textsafe import show_controls

FORMAT = "terminal"
FILENAME = None

SEVERITY_STYLE = {"critical": "bold red", "major": "dark_orange", "minor": "yellow", "none": "green"}


def Text(text: str = "", *args: Any, **kwargs: Any) -> RichText:  # noqa: N802 - stands in for rich's Text
    """rich's ``Text`` with control characters shown as escapes: page text never drives the terminal."""
    return RichText(show_controls(text), *args, **kwargs)


def make_console(**kwargs) -> Console:
    """A console that honours NO_COLOR and is plain when not a TTY (rich does both)."""
    return Console(**kwargs)


def _sev(value: str) -> RichText:
    return Text(value, style=SEVERITY_STYLE.get(value, ""))


WORST_PAGES = 10  # pages shown in full in a large run
ROWS_PER_PAGE_LARGE = 10  # flagged segments shown per page in a large run
SHORT_SEVERITY = {"critical": "Crit", "major": "Maj", "minor": "Min"}


def _pages_table(ctx: ReportContext, pages: list[PageReview], title: str) -> Table:
    summary = Table(title=title, show_lines=False, header_style="bold")
    summary.add_column("Page", overflow="fold", ratio=1)
    summary.add_column("Score", justify="right", no_wrap=True)
    for k in FLAGGED:
        summary.add_column(SHORT_SEVERITY[k.value], justify="right", style=SEVERITY_STYLE[k.value], no_wrap=True)
    summary.add_column("MT", no_wrap=True)
    if ctx.gate is not None:
        summary.add_column("Gate", no_wrap=True)
    for page in pages:
        c = page_counts(page)
        row: list[RichText | str] = [Text(page.pair.name), f"{page.score:.1f}", *(str(c[k.value]) for k in FLAGGED)]
        row.append("yes" if page.mt_notice else "no")
        if ctx.gate is not None:
            row.append(Text("FAIL", style="bold red") if ctx.page_failed(page) else Text("pass", style="green"))
        summary.add_row(*row)
    return summary


def render_to(console: Console, ctx: ReportContext) -> None:
    run = ctx.run
    s = ctx.summary()
    large = len(run.pages) > LARGE_RUN_PAGES
    # a large run: only the worst pages are read back (the pages may be on disk, mt_review.spool)
    shown = [run.pages[i] for i in worst_first_order(ctx)[:WORST_PAGES]] if large else list(run.pages)
    title = f"mt-review: the {len(shown)} worst of {len(run.pages)} pages" if large else "mt-review: pages"
    console.print(_pages_table(ctx, shown, title))
    console.print(
        Text(
            f"{s['pages']} page(s), {s['segments']} segments, {s['flagged_segments']} flagged; "
            f"run score {ctx.score():.1f}"
        )
    )
    if large:
        failed = sum(fact.failed for fact in ctx.facts())
        clean = sum(not any(fact.counts.values()) for fact in ctx.facts())
        gate = f"{failed} failed the gate, " if ctx.gate is not None else ""
        console.print(Text(f"{gate}{clean} have no flagged segment; "
                           f"{len(run.pages) - len(shown)} more pages are in the report files"))

    for page in shown:
        flagged = flagged_segments(page)
        if not flagged:
            continue
        title = f"{page.pair.name}: flagged segments (worst first)"
        table = Table(title=Text(title), show_lines=True, header_style="bold", expand=True)
        table.add_column("Severity", no_wrap=True)
        table.add_column("Problem", overflow="fold", ratio=2)
        table.add_column("English", overflow="fold", ratio=2)
        table.add_column("Arabic", overflow="fold", ratio=2)
        hidden = len(flagged) - ROWS_PER_PAGE_LARGE if large else 0
        for i, seg in flagged[: ROWS_PER_PAGE_LARGE] if large else flagged:
            f = worst_finding(seg)
            more = len(seg.findings) - 1
            check = (f.check if f else (seg.driver or "risk")) + (f" (+{more} more)" if more > 0 else "")
            msg = f.message if f else f"risk {seg.risk:.2f}"
            head = _sev(seg.severity.value)
            head.append(f"\n#{i + 1} {seg.pair.link}", style="dim")
            unit = xliff_unit(page, seg)
            if unit:
                head.append(f"\n{unit}", style="dim")
            problem = Text(check, style="bold")
            problem.append("\n" + snippet(msg, 140), style="")
            table.add_row(
                head,
                problem,
                Text(snippet(seg.pair.src_text, 100) or "—"),
                Text(snippet(seg.pair.tgt_text, 100) or "— (no Arabic)"),
            )
        console.print(table)
        if hidden > 0:
            console.print(Text(f"{page.pair.name}: {hidden} more flagged segments in the report files", style="dim"))

    furn = [(page, fr) for page in shown for fr in page.furniture if fr.findings]
    if furn:
        ft = Table(title="Site furniture findings (not scored)", header_style="bold", expand=True)
        ft.add_column("Severity", no_wrap=True)
        ft.add_column("Kind")
        ft.add_column("Message", overflow="fold")
        ft.add_column("English", overflow="fold")
        ft.add_column("Arabic", overflow="fold")
        for _page, fr in furn:
            for f in sorted_findings(fr.findings):
                ft.add_row(
                    _sev(f.severity.value),
                    Text(fr.kind.value),
                    Text(snippet(f.message, 120)),
                    Text(snippet(fr.source.text if fr.source else "", 60) or "—"),
                    Text(snippet(fr.target.text if fr.target else "", 60) or "—"),
                )
        console.print(ft)

    patterns = ctx.patterns()
    if patterns:
        st = Table(title="Site-wide patterns (the same finding on several pages)", header_style="bold", expand=True)
        st.add_column("Severity", no_wrap=True)
        st.add_column("Problem", overflow="fold")
        st.add_column("Pages", overflow="fold")
        for sp in patterns:
            st.add_row(_sev(sp.severity.value), Text(snippet(sp.message, 160)),
                       Text(f"{len(sp.pages)}: " + snippet(", ".join(sp.pages), 120)))
        console.print(st)

    declared = [(p.pair.name, p.mt_notice) for p in run.pages if p.mt_notice is not None]
    for name, n in declared if not large else []:
        extra = ", ".join(x for x in (n.plugin or "", f"report errors to {n.report_email}" if n.report_email else "") if x)
        console.print(
            Text(f"{name}: the Arabic page declares itself machine-translated" + (f" ({extra})" if extra else ""))
        )
    if large and declared:
        console.print(Text(f"{len(declared)} Arabic pages declare themselves machine-translated"))
    for line in skipped_lines(ctx):
        console.print(Text(f"not reviewed: {line}"))
    for u in run.unpaired[:WORST_PAGES] if large else run.unpaired:
        console.print(Text(f"unpaired (no twin): {u}"))
    if large and len(run.unpaired) > WORST_PAGES:
        console.print(Text(f"… and {len(run.unpaired) - WORST_PAGES} more unpaired files in the report files"))
    if ctx.gate is not None:
        reasons = ctx.gate.reasons
        for r in reasons[:WORST_PAGES] if large else reasons:
            console.print(Text(f"gate: {r}", style="red"))
        if large and len(reasons) > WORST_PAGES:
            console.print(Text(f"gate: … and {len(reasons) - WORST_PAGES} more reasons in the report files", style="red"))
    console.print(Text("; ".join(f"{k}: {v}" for k, v in provenance(ctx)), style="dim"))
    console.print(Text(f"signature: {run.signature}", style="dim"))


def render(ctx: ReportContext) -> bytes:
    render_to(ctx.console if ctx.console is not None else make_console(), ctx)
    return b""
