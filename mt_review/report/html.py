"""``report.html``: one self-contained page for editors.

Inline CSS and a small inline script (filters, page sorting, the editors'
decision buttons), allowed by a strict Content-Security-Policy that lists
their sha256 hashes: no 'unsafe-inline', no external URL, no network request.
Every piece of page text and every attribute value is escaped with
``html.escape``; even if escaping were ever missed, the CSP would refuse to
run a smuggled script or event handler.

For editors: each finding shows its fingerprint and two buttons ("accept",
"false alarm"); the script collects the choices into a decisions CSV the
editor downloads (a Blob link, no server) and passes back with
``--decisions``.  Unflagged rows are hidden until asked for; pages can be
sorted worst first; in a large run only the worst pages start open.  Mixed
Arabic/English text is isolated (``<bdi>``, ``dir="auto"``) so counts and
punctuation stay with their words.
"""

from __future__ import annotations

import base64
import hashlib
import io
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Iterable, TextIO

from mt_review.fingerprint import finding_fingerprint
from mt_review.model import Block, Finding, FurnitureReview, PageReview, SegmentReview, Severity
from mt_review.textsafe import show_controls
from mt_review.report.common import (
    skipped_lines,
    FLAGGED,
    LARGE_RUN_PAGES,
    RTL_RUN,
    ReportContext,
    clean_number,
    furniture_severity,
    marked_pieces,
    page_counts,
    worst_first_order,
    Lines,
    plain_link,
    plain_signal,
    segment_marks,
    provenance,
    signature_lines,
    sorted_findings,
    span_in_block,
    suggestion_for,
    xliff_unit,
)

FORMAT = "html"
FILENAME = "report.html"
_HERE = Path(__file__).resolve().parent
OPEN_PAGES = 10  # in a run of more pages, only the worst this many start expanded
DECISIONS_FILE = "mt-review-decisions.csv"


def e(value: object) -> str:
    """Escape for text and for double- or single-quoted attributes; controls and bidi overrides shown as escapes."""
    return escape(show_controls("" if value is None else str(value)), quote=True)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(style: str, script: str) -> str:
    return (
        f"default-src 'none'; style-src {csp_hash(style)}; script-src {csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def bidi(value: object) -> str:
    """Escaped text with each Arabic (right-to-left) run isolated in ``<bdi>``.

    In an English sentence an Arabic term is laid out right to left; without
    isolation the numbers and punctuation next to it join its run and appear
    on the wrong side ("'ورشة' 2 times" read as "2 'ورشة' times").
    """
    text = "" if value is None else str(value)
    out, pos = [], 0
    for m in RTL_RUN.finditer(text):
        out.append(e(text[pos : m.start()]))
        out.append(f"<bdi>{e(m.group())}</bdi>")
        pos = m.end()
    out.append(e(text[pos:]))
    return "".join(out)


def _worst(findings: list[Finding]) -> Severity:
    return max((f.severity for f in findings), key=lambda s: s.rank, default=Severity.NONE)


def _marked(text: str, marks: list[tuple[int, int, Finding]]) -> str:
    """Escaped ``text`` with each finding's span in a ``<mark title=message>``."""
    out = []
    for piece, findings in marked_pieces(text, marks):
        if not findings:
            out.append(e(piece))
            continue
        sev = _worst(findings).value
        title = "\n".join(dict.fromkeys(f"{f.severity.value}: {f.message}" for f in findings))
        out.append(f'<mark class="sev-{sev}" title="{e(title)}">{e(piece)}</mark>')
    return "".join(out)


RTL_LANGS = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})


def text_dir(lang: str) -> str:
    """rtl for Arabic (ar, ar-SA ...) and other right-to-left languages, else ltr."""
    return "rtl" if (lang or "").replace("_", "-").split("-")[0].lower() in RTL_LANGS else "ltr"


def _cell(text: str, lang: str, marks: list[tuple[int, int, Finding]], side: str, cls: str = "text") -> str:
    d = text_dir(lang)
    return f'<td class="{cls}" dir="{d}" lang="{e(lang)}" data-side="{side}">{_marked(text, marks)}</td>'


def _empty_cell(lang: str, side: str, note: str) -> str:
    d = text_dir(lang)
    return f'<td class="text" dir="{d}" lang="{e(lang)}" data-side="{side}"><span class="nosig" lang="en" dir="ltr">{e(note)}</span></td>'


def _badge(sev: Severity | str) -> str:
    v = sev.value if isinstance(sev, Severity) else str(sev)
    return f'<span class="badge sev-{e(v)}">{e(v)}</span>'


def _decide(page: PageReview, f: Finding) -> str:
    """The fingerprint and the editor's two buttons; the script turns clicks into a decisions file."""
    fp = finding_fingerprint(page, f)
    return (
        f'<div class="decide" data-fp="{e(fp)}" data-page="{e(page.pair.name)}" data-check="{e(f.check)}">'
        f'<button type="button" data-decision="accepted" aria-pressed="false" '
        'title="The wording is deliberate: the gate ignores this finding from now on">accept</button> '
        f'<button type="button" data-decision="false-positive" aria-pressed="false" '
        'title="Nothing is wrong here: the gate ignores this finding from now on">false alarm</button> '
        f'<span class="fp" title="fingerprint: the key a decisions file or a baseline uses">'
        f"<code>{e(fp)}</code></span></div>"
    )


def _finding_li(f: Finding, seg: SegmentReview | None, page: PageReview) -> str:
    parts = [
        f"<li>{_badge(f.severity)} <code>{e(f.check)}</code> <span class=\"muted\">{e(f.category)}</span><br>",
        f'<span dir="auto">{bidi(f.message)}</span>',
    ]
    if f.threshold:
        parts.append(f'<br><span class="rule">Rule: <span dir="auto">{bidi(f.threshold)}</span></span>')
    sugg = suggestion_for(seg, f) if seg is not None else f.suggestion
    if sugg:
        label = "Suggested wording" if f.suggestion else "Machine translation (EN→AR) for comparison"
        parts.append(
            f'<br><span class="sugg-label">{e(label)}:</span>'
            f'<span class="sugg" dir="auto">{bidi(sugg)}</span>'
        )
    parts.append(_decide(page, f))
    parts.append("</li>")
    return "".join(parts)


def _signals(seg: SegmentReview) -> str:
    """Risk in plain words; the measurements behind it on demand (``<details>``)."""
    rows = []
    conf = clean_number(seg.pair.confidence, 2)
    if conf is not None:
        rows.append(("how sure the sentence pairing is (0-1)", f"{conf:g}", "alignment confidence"))
    for k in sorted(seg.signals):
        n = clean_number(seg.signals[k], 3)
        if n is not None:
            rows.append((plain_signal(k), f"{n:g}", k))
    risk = clean_number(seg.risk, 2) or 0
    driver = f" · mostly from {e(plain_signal(seg.driver) if seg.driver in seg.signals else seg.driver)}" if seg.driver else ""
    head = f"risk {risk:g} of 1{driver}"
    if not rows:
        return f'<div class="signals">{head}</div>'
    items = "".join(f'<dt>{e(label)}</dt><dd>{e(value)} <code>{e(name)}</code></dd>' for label, value, name in rows)
    return (
        f'<details class="signals"><summary>{head} — how this was measured</summary>'
        f"<dl>{items}</dl></details>"
    )


class _Cats:
    """Categories become short tokens (c0, c1 ...) so any category text is safe in attributes."""

    def __init__(self, names: list[str]):
        self.token = {n: f"c{i}" for i, n in enumerate(sorted(set(names)))}

    def attr(self, findings: tuple[Finding, ...]) -> str:
        return " ".join(sorted({self.token[f.category] for f in findings}))

    def context(self, page: PageReview) -> str:
        """The tokens a page's rows use (part of its fragment's key)."""
        return self.context_of({f.category for f in page.findings})

    def context_of(self, categories: Iterable[str]) -> str:
        """:meth:`context` from the page's categories (its facts)."""
        return ",".join(f"{self.token[c]}={c}" for c in sorted(categories))


def _segment_row(pi: int, si: int, page: PageReview, seg: SegmentReview, cats: _Cats) -> str:
    sev = seg.severity
    src_lang, tgt_lang = page.pair.source.lang or "en", page.pair.target.lang or "ar"
    src = (
        _cell(seg.pair.src_text, src_lang, segment_marks(seg, "src"), "src")
        if seg.pair.src
        else _empty_cell(src_lang, "src", "(nothing in the English)")
    )
    tgt = (
        _cell(seg.pair.tgt_text, tgt_lang, segment_marks(seg, "tgt"), "tgt")
        if seg.pair.tgt
        else _empty_cell(tgt_lang, "tgt", "(missing from the Arabic)")
    )
    findings = "".join(_finding_li(f, seg, page) for f in sorted_findings(seg.findings))
    fcell = f"<ul>{findings}</ul>" if findings else '<span class="muted">no findings</span>'
    unit = xliff_unit(page, seg)
    meta = (
        f'<td class="meta">{_badge(sev)}<br><small>#{si + 1} · '
        f'<abbr title="{e(plain_link(seg.pair.link))}">{e(seg.pair.link)}</abbr>'
        + (f'<br><span class="unit" dir="auto">{bidi(unit)}</span>' if unit else "")
        + "</small></td>"
    )
    hidden = "" if sev != Severity.NONE else " hidden"
    return (
        f'<tr id="p{pi}-s{si}" class="seg sev-{sev.value}" data-severity="{sev.value}" '
        f'data-categories="{cats.attr(seg.findings)}"{hidden}>{meta}{src}{tgt}'
        f'<td class="findings">{fcell}{_signals(seg)}</td></tr>'
    )


def _block_cell(block: Block | None, lang: str, fr: FurnitureReview, side: str) -> str:
    if block is None:
        return _empty_cell(lang, side, "—")
    marks = []
    for f in fr.findings:
        span = f.src_span if side == "src" else f.tgt_span
        if span is not None:
            marks += [(s, t, f) for s, t in span_in_block(span, block.text, block.index)]
    return _cell(block.text, lang, marks, side)


def _furniture(pi: int, page: PageReview, cats: _Cats) -> str:
    if not page.furniture:
        return ""
    rows = []
    src_lang, tgt_lang = page.pair.source.lang or "en", page.pair.target.lang or "ar"
    for fi, fr in enumerate(page.furniture):
        sev = furniture_severity(fr)
        findings = "".join(_finding_li(f, None, page) for f in sorted_findings(fr.findings))
        hidden = "" if sev != Severity.NONE else " hidden"
        rows.append(
            f'<tr id="p{pi}-f{fi}" class="furn sev-{sev.value}" data-severity="{sev.value}" '
            f'data-categories="{cats.attr(fr.findings)}"{hidden}>'
            f'<td class="meta">{_badge(sev)}<br><small>{e(fr.kind.value)}</small></td>'
            f"{_block_cell(fr.source, src_lang, fr, 'src')}{_block_cell(fr.target, tgt_lang, fr, 'tgt')}"
            f'<td class="findings">{"<ul>" + findings + "</ul>" if findings else "<span class=muted>—</span>"}</td></tr>'
        )
    return (
        "<h3>Site furniture <small class=\"muted\">(reported, not scored as translation)</small></h3>"
        '<table class="segs furniture"><colgroup><col class="c-meta"><col class="c-text"><col class="c-text"><col></colgroup>'
        "<thead><tr><th>Kind</th><th>English</th><th>Arabic (published)</th><th>Findings</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _page(pi: int, ctx: ReportContext, cats: _Cats, rank: int, expanded: bool) -> str:
    """One page's section: its opening tags (its rank among all pages) and its body (reused when unchanged:
    then the page is not even read)."""
    context = f"pi={pi};{ctx.gate_context_at(pi)};{cats.context_of(ctx.facts()[pi].categories)}"
    body = ctx.fragment_at(FORMAT, pi, context, lambda page: _page_body(pi, page, ctx, cats))
    return (f'<section class="page" id="page-{pi}" data-order="{pi}" data-worst="{rank}">'
            f'<details{" open" if expanded else ""}>{body}')


def _page_body(pi: int, page: PageReview, ctx: ReportContext, cats: _Cats) -> str:
    p = page.pair
    counts = page_counts(page)
    failed = " · gate failed" if ctx.page_failed(page) else ""
    out = [
        f'<summary><h2><bdi>{e(p.name)}</bdi> '
        f'<small class="muted">score {page.score:.1f} · '
        + " · ".join(f"{counts[s.value]} {s.value}" for s in FLAGGED)
        + f"{failed}</small></h2></summary>"
    ]
    out.append(
        '<ul class="paths">'
        f'<li>English: <code dir="auto">{e(p.source.path)}</code>{" · " + "<code dir=auto>" + e(p.source.url) + "</code>" if p.source.url else ""}</li>'
        f'<li>Arabic: <code dir="auto">{e(p.target.path)}</code>{" · " + "<code dir=auto>" + e(p.target.url) + "</code>" if p.target.url else ""}</li>'
        "</ul>"
    )
    out.append(
        f'<ul class="kpis"><li>Score <b>{page.score:.1f}</b></li><li>{page.source_words} source words</li>'
        f"<li>{len(page.segments)} segments</li>"
        + "".join(f"<li>{_badge(s)} <b>{counts[s.value]}</b></li>" for s in FLAGGED)
        + "</ul>"
    )
    if ctx.gate is not None:
        if ctx.page_failed(page):
            out.append('<div class="banner fail"><strong>Gate failed for this page.</strong></div>')
    if page.mt_notice is not None:
        n = page.mt_notice
        who = f" (by <bdi>{e(n.plugin)}</bdi>)" if n.plugin else ""
        mail = f" It asks readers to report errors to <code>{e(n.report_email)}</code>." if n.report_email else ""
        out.append(
            f'<div class="banner mt" role="note"><strong>This Arabic page declares itself machine-translated{who}.</strong>{mail}'
            f'<blockquote dir="rtl" lang="ar">{e(n.text)}</blockquote></div>'
        )
    out.append(
        "<h3>Segments</h3>"
        '<table class="segs"><colgroup><col class="c-meta"><col class="c-text"><col class="c-text"><col></colgroup>'
        "<thead><tr><th>Severity</th><th>English (source)</th><th>Arabic (published)</th><th>Findings</th></tr></thead><tbody>"
    )
    out += [_segment_row(pi, si, page, s, cats) for si, s in enumerate(page.segments)]
    out.append("</tbody></table>")
    out.append(_furniture(pi, page, cats))
    out.append("</details></section>")
    return "".join(out)


def _site_patterns(patterns) -> str:
    """One row per finding repeated with the same evidence on several pages."""
    if not patterns:
        return ""
    rows = "".join(
        f'<tr><td>{_badge(sp.severity)}</td><td><code>{e(sp.check)}</code> <small class="muted">{e(sp.where)}</small></td>'
        f'<td dir="auto">{bidi(sp.message)}</td>'
        f'<td dir="ltr" lang="en">{e(sp.source_text) or "—"}</td><td dir="rtl" lang="ar">{e(sp.target_text)}</td>'
        f"<td>{len(sp.pages)}: {e(', '.join(sp.pages))}</td></tr>"
        for sp in patterns
    )
    return (
        f'<section id="site-patterns"><h2>Site-wide patterns ({len(patterns)})</h2>'
        "<p>The same finding, with the same evidence, on several pages: one fix for the site.</p>"
        "<table><thead><tr><th>Severity</th><th>Check</th><th>Problem</th><th>English</th><th>Arabic</th>"
        f"<th>Pages</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _filters(cats: _Cats, worst_first: bool) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" data-filter-severity value="{s}" checked> {_badge(s)}</label>'
        for s in ("critical", "major", "minor")
    )
    # unflagged rows start hidden (the rows carry ``hidden``): this box shows them
    boxes += ('<label title="Segments and furniture with nothing to report">'
              '<input type="checkbox" data-filter-severity value="none"> unflagged rows</label>')
    options = '<option value="">all categories</option>' + "".join(
        f'<option value="{e(tok)}">{e(name)}</option>' for name, tok in sorted(cats.token.items())
    )
    order = "".join(
        f'<option value="{v}"{" selected" if (v == "worst") == worst_first else ""}>{label}</option>'
        for v, label in (("order", "page order"), ("worst", "worst first"))
    )
    return (
        '<form class="filters" id="filters" aria-label="Filters"><strong>Show:</strong>'
        f"{boxes}"
        f'<label>Category <select id="filter-category">{options}</select></label>'
        f'<label>Pages <select id="sort-pages">{order}</select></label>'
        '<span id="filter-count" class="muted"></span>'
        '<span class="decisions"><label>Your name <input id="reviewer" size="10" autocomplete="name"></label> '
        '<span id="decision-count">no decisions yet</span> '
        f'<a id="decisions-download" download="{DECISIONS_FILE}" hidden>download decisions file</a></span></form>'
    )


def render(ctx: ReportContext) -> bytes:
    out = io.StringIO()
    write(ctx, out)
    return out.getvalue().encode("utf-8")


def write(ctx: ReportContext, out: TextIO) -> None:
    """The page to ``out``: the header (summary, page table, patterns) from small per-page facts,
    then one page section at a time as it is read, then the rest."""
    run = ctx.run
    css, js = _asset("report.css"), _asset("report.js")
    s = ctx.summary()
    facts = ctx.facts()
    cats = _Cats([c for fact in facts for c in fact.categories])
    names = ", ".join(fact.name for fact in facts) or "no pages"
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp(css, js))}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="{e(str(run.signature))}">'
        f"<title>mt-review: {e(names)}</title>"
        f"<style>{css}</style></head><body>"
    )
    out.write(head)
    body = Lines(out)
    body.append("<header><h1>Machine-translation review</h1>")
    body.append(
        '<ul class="kpis">'
        f"<li>Run score <b>{ctx.score():.1f}</b></li><li>{s['pages']} page(s)</li><li>{s['segments']} segments</li>"
        f"<li>{s['flagged_segments']} flagged</li>"
        + "".join(f"<li>{_badge(k)} <b>{s['flagged_by_severity'][k.value]}</b></li>" for k in FLAGGED)
        + "</ul>"
    )
    if ctx.gate is not None:
        if ctx.gate.failed:
            reasons = "".join(f'<li dir="auto">{bidi(r)}</li>' for r in ctx.gate.reasons)
            body.append(f'<div class="banner fail"><strong>Gate failed</strong><ul>{reasons}</ul></div>')
        else:
            body.append('<div class="banner pass"><strong>Gate passed</strong></div>')
    for n in run.notices:
        body.append(f'<div class="banner note" dir="auto">{bidi(n)}</div>')
    worst = worst_first_order(ctx)  # page indices
    rank = {pi: i for i, pi in enumerate(worst)}
    large = len(run.pages) > LARGE_RUN_PAGES
    expanded = set(worst[:OPEN_PAGES]) if large else set(range(len(run.pages)))
    body.append(
        '<table class="summary" id="page-summary"><thead><tr><th>Page</th><th class="num">Score</th>'
        + "".join(f'<th class="num">{_badge(k)}</th>' for k in FLAGGED)
        + "<th>MT notice</th>"
        + ("<th>Gate</th>" if ctx.gate is not None else "")
        + "</tr></thead><tbody>"
    )
    for pi, fact in enumerate(facts):
        c = fact.counts
        gate = ("<td>fail</td>" if fact.failed else "<td>pass</td>") if ctx.gate is not None else ""
        body.append(
            f'<tr data-order="{pi}" data-worst="{rank[pi]}"><td><a href="#page-{pi}"><bdi>{e(fact.name)}</bdi></a></td>'
            f'<td class="num">{fact.score:.1f}</td>'
            + "".join(f'<td class="num">{c[k.value]}</td>' for k in FLAGGED)
            + f"<td>{'yes' if fact.mt_notice else 'no'}</td>{gate}</tr>"
        )
    body.append("</tbody></table>")
    if s["findings_by_category"]:
        body.append(
            '<p class="muted">Findings by category: '
            + ", ".join(f"{e(k)} {v}" for k, v in s["findings_by_category"].items())
            + "</p>"
        )
    body.append("</header>")
    body.append(_filters(cats, worst_first=large))
    body.append(_site_patterns(ctx.patterns()))
    body.append('<main id="pages">')
    for pi in range(len(run.pages)):
        body.append(_page(pi, ctx, cats, rank[pi], pi in expanded))
    body.append("</main>")
    if run.baselined:
        body.append(
            f'<section id="baselined"><h2>Baselined or accepted findings ({len(run.baselined)})</h2>'
            "<p>Not counted by the gate.</p><ul>"
            + "".join(
                f'<li><bdi>{e(name)}</bdi>: <code>{e(f.check)}</code> ({e(f.severity.value)}): '
                f'<span dir="auto">{bidi(f.message)}</span></li>'
                for name, f in run.baselined
            )
            + "</ul></section>"
        )
    skipped = skipped_lines(ctx)
    if skipped:
        body.append(
            '<section id="skipped"><h2>Units not reviewed</h2><ul>'
            + "".join(f"<li>{e(s)}</li>" for s in skipped)
            + "</ul></section>"
        )
    if run.unpaired:
        body.append(
            '<section id="unpaired"><h2>Unpaired pages</h2><p>No twin was found in the other language for:</p><ul>'
            + "".join(f'<li><code dir="auto">{e(u)}</code></li>' for u in run.unpaired)
            + "</ul></section>"
        )
    body.append(
        '<footer id="signature"><p>Reports with the same signature were made by the same tool, models and settings.</p><dl>'
        + "".join(f'<dt>{e(k)}</dt><dd><code dir="auto">{e(v)}</code></dd>' for k, v in [*provenance(ctx), *signature_lines(run)])
        + "</dl></footer>"
    )
    out.write(f"<script>{js}</script></body></html>\n")
