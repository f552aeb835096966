"""``error-report.eml``: a ready-to-send e-mail draft to whoever publishes the Arabic page.

RFC 5322, UTF-8, multipart/alternative (plain text + HTML with Arabic
``dir="rtl"``), built with the standard library.  Nothing is sent.

To: ``email_to``, else the address the pages' MT notices agree on for
reporting errors, else no To header.  One draft per run, ``error-report.eml``:
problems repeated across the site first (once each, with the pages they are
on), then each page that has findings, under its own heading.  A run without
findings writes no draft.

Every header value is one line (whitespace collapsed), whatever the page
declared.  There is no ``Date`` header unless ``SOURCE_DATE_EPOCH`` is set:
the draft is dated when it is sent, and the same input always gives the same
bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import datetime, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from html import escape

from mt_review.errors import InputError
from mt_review.model import Finding, PageReview, SegmentReview
from mt_review.sitewide import SitePattern, in_pattern, site_patterns
from mt_review.report.common import (
    ReportContext,
    flagged_segments,
    one_line,
    provenance,
    sorted_findings,
    suggestion_for,
)

FORMAT = "email"
FILENAME = "error-report.eml"
FROM = "mt-review <mt-review@localhost.invalid>"

_ADDR = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
_CTRL = re.compile(r"[\x00-\x1f\x7f]")


def valid_address(addr: str | None) -> bool:
    return addr is not None and 0 < len(addr) <= 254 and bool(_ADDR.match(addr))


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _items(page: PageReview, patterns: tuple[SitePattern, ...] = ()) -> list[tuple[str, str, str, list[Finding], SegmentReview | None, str]]:
    """(severity, english, arabic, findings, segment, label), most severe first.

    Findings that belong to a site-wide pattern are left out: the site draft
    lists each pattern once."""
    def own(findings) -> list[Finding]:
        return [f for f in findings if in_pattern(patterns, page.pair.name, f) is None]

    out: list[tuple[str, str, str, list[Finding], SegmentReview | None, str]] = []
    for i, seg in flagged_segments(page):
        fs = sorted_findings(own(seg.findings))
        if fs or not seg.findings:
            out.append((seg.severity.value if not seg.findings else fs[0].severity.value,
                        seg.pair.src_text, seg.pair.tgt_text, fs, seg, f"segment {i + 1}"))
    rank = {"critical": 3, "major": 2, "minor": 1, "none": 0}
    for fr in page.furniture:
        fs = sorted_findings(own(fr.findings))
        if fs:
            out.append(
                (fs[0].severity.value, fr.source.text if fr.source else "", fr.target.text if fr.target else "", fs, None, f"site furniture: {fr.kind.value}")
            )
    out.sort(key=lambda t: -rank[t[0]])  # stable: segments keep their worst-first order
    return out


def _fallback(findings: list[Finding], seg: SegmentReview | None) -> str | None:
    """A fresh EN->AR translation, offered when no finding has its own suggestion."""
    if any(f.suggestion for f in findings):
        return None
    return suggestion_for(seg, None)


def _date() -> str | None:
    """The ``Date`` header: only from ``SOURCE_DATE_EPOCH``, never the wall clock.

    The file is an unsent draft (``X-Unsent: 1``); the mail client dates it
    when it is sent.  Without ``SOURCE_DATE_EPOCH`` there is no ``Date``, so
    the same input always gives byte-identical drafts.
    """
    epoch = (os.environ.get("SOURCE_DATE_EPOCH") or "").strip()
    if not epoch.isdigit():
        return None
    try:
        return format_datetime(datetime.fromtimestamp(int(epoch), tz=timezone.utc))
    except (OverflowError, OSError, ValueError):
        return None


def _header(value: object) -> str:
    """A header value on one line: whitespace (line breaks included) collapsed, controls dropped."""
    return _CTRL.sub("", one_line("" if value is None else str(value)))


def _intro(pages_items, patterns) -> str:
    n_items = sum(len(items) for _page, items in pages_items)
    if len(pages_items) == 1 and not patterns:
        page = pages_items[0][0]
        n = page.mt_notice
        return (
            f"We reviewed the Arabic version of the page “{one_line(page.pair.source.title) or page.pair.name}” against its English original"
            + (" (the Arabic page says it was translated automatically" + (f" by {n.plugin}" if n and n.plugin else "") + ")" if n else "")
            + f" and found {n_items} passage(s) that need a translator's attention. They are listed below, most severe first, each with a suggested wording."
        )
    where = f"{n_items} passage(s) on {len(pages_items)} page(s)" if pages_items else "no page-specific passages"
    site = (f", and {len(patterns)} problem(s) that repeat across the site (listed first, once each: fixing the template,"
            " widget or translation memory fixes every page named)") if patterns else ""
    return (f"We reviewed Arabic pages of the site against their English originals and found {where} that need a"
            f" translator's attention{site}. Pages are listed one after the other, most severe passage first.")


def _page_plain(page: PageReview, items, heading: bool) -> list[str]:
    p = page.pair
    lines = []
    if heading:
        title = one_line(p.source.title) or p.name
        lines += [f"== Page: {title} ({p.name}) ==", ""]
        if page.mt_notice is not None:
            lines += ["The Arabic page says it was translated automatically"
                      + (f" by {one_line(page.mt_notice.plugin)}" if page.mt_notice.plugin else "") + ".", ""]
    lines.append(f"Arabic page:  {one_line(p.target.url or p.target.path)}")
    lines.append(f"English page: {one_line(p.source.url or p.source.path)}")
    lines.append("")
    for k, (sev, en, ar, findings, seg, label) in enumerate(items, 1):
        lines.append(f"{k}. [{sev.upper()}] {label}")
        lines.append(f"   English:            {one_line(en) or '—'}")
        lines.append(f"   Arabic (published): {one_line(ar) or '— (missing: nothing in the Arabic)'}")
        for f in findings:
            ev = []
            if f.src_span is not None and f.src_span.text.strip():
                ev.append(f"English “{one_line(f.src_span.text)}”")
            if f.tgt_span is not None and f.tgt_span.text.strip():
                ev.append(f"Arabic “{one_line(f.tgt_span.text)}”")
            lines.append(f"   Problem:            {one_line(f.message)} [{f.category}]" + (f" ({'; '.join(ev)})" if ev else ""))
            if f.suggestion:
                lines.append(f"   Suggested wording:  {one_line(f.suggestion)}")
        fallback = _fallback(findings, seg)
        if fallback:
            lines.append(f"   Suggested wording (machine translation, EN→AR): {one_line(fallback)}")
        lines.append("")
    return lines


def _site_plain(patterns: tuple[SitePattern, ...]) -> list[str]:
    lines = ["== Repeated across the site ==", ""]
    for k, p in enumerate(patterns, 1):
        f = p.findings[0][1]
        lines.append(f"{k}. [{p.severity.value.upper()}] {one_line(p.message)} [{p.category}]")
        if p.source_text:
            lines.append(f"   English:            {one_line(p.source_text)}")
        lines.append(f"   Arabic (published): {one_line(p.target_text)}")
        if f.suggestion:
            lines.append(f"   Suggested wording:  {one_line(f.suggestion)}")
        lines.append(f"   Pages ({len(p.pages)}): {', '.join(one_line(n) for n in p.pages)}")
        lines.append("")
    return lines


def _plain(pages_items, patterns, ctx: ReportContext) -> str:
    lines = ["Hello,", "", _intro(pages_items, patterns), ""]
    grouped = len(pages_items) > 1 or bool(patterns)
    if patterns:
        lines += _site_plain(patterns)
    for page, items in pages_items:
        lines += _page_plain(page, items, heading=grouped)
    lines += [
        "Thank you,",
        "",
        "-- ",
        "Drafted by mt-review (machine-translation review); nothing was sent automatically.",
        "Suggested wordings are machine-made too: please have a translator check them.",
        "; ".join(f"{k.capitalize()}: {v}" for k, v in provenance(ctx)),
        f"Signature: {ctx.run.signature}",
        "",
    ]
    return "\n".join(lines)


_TD = 'style="border:1px solid #ccc;padding:4px 8px;vertical-align:top"'


def _page_html(page: PageReview, items, heading: bool) -> str:
    p = page.pair
    n = page.mt_notice
    td = _TD
    out = []
    if heading:
        out.append(f"<h2>Page: {_e(one_line(p.source.title) or p.name)} <small>({_e(p.name)})</small></h2>")
    out.append(f"<p>Arabic page: <code>{_e(p.target.url or p.target.path)}</code><br>English page: <code>{_e(p.source.url or p.source.path)}</code></p>")
    if n is not None:
        out.append(f'<blockquote dir="rtl" lang="ar">{_e(n.text)}</blockquote>')
    out.append('<table style="border-collapse:collapse">')
    for k, (sev, en, ar, findings, seg, label) in enumerate(items, 1):
        probs = []
        for f in findings:
            line = f"{_e(f.message)} <small>[{_e(f.category)}]</small>"
            if f.suggestion:
                line += f'<br>Suggested wording: <span dir="auto">{_e(f.suggestion)}</span>'
            probs.append(line)
        fallback = _fallback(findings, seg)
        out.append(
            f'<tr><th colspan="2" {td} align="left">{k}. [{_e(sev.upper())}] {_e(label)}</th></tr>'
            f'<tr><td {td}>English</td><td {td} dir="ltr" lang="en">{_e(en) or "—"}</td></tr>'
            f'<tr><td {td}>Arabic (published)</td><td {td} dir="rtl" lang="ar">{_e(ar) or "—"}</td></tr>'
            f'<tr><td {td}>Problem</td><td {td}>{"<hr>".join(probs)}</td></tr>'
        )
        if fallback:
            out.append(
                f'<tr><td {td}>Suggested wording (machine translation, EN→AR)</td>'
                f'<td {td} dir="rtl" lang="ar">{_e(fallback)}</td></tr>'
            )
    out.append("</table>")
    return "".join(out)


def _site_html(patterns: tuple[SitePattern, ...]) -> str:
    td = _TD
    out = ["<h2>Repeated across the site</h2>", '<table style="border-collapse:collapse">']
    for k, p in enumerate(patterns, 1):
        out.append(
            f'<tr><th colspan="2" {td} align="left">{k}. [{_e(p.severity.value.upper())}] {_e(p.message)}</th></tr>'
            + (f'<tr><td {td}>English</td><td {td} dir="ltr" lang="en">{_e(p.source_text)}</td></tr>' if p.source_text else "")
            + f'<tr><td {td}>Arabic (published)</td><td {td} dir="rtl" lang="ar">{_e(p.target_text)}</td></tr>'
            f'<tr><td {td}>Pages ({len(p.pages)})</td><td {td}>{_e(", ".join(p.pages))}</td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def _html(pages_items, patterns, ctx: ReportContext) -> str:
    grouped = len(pages_items) > 1 or bool(patterns)
    title = pages_items[0][0].pair.name if not grouped else "site review"
    out = [
        '<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title></head><body style=\"font-family:sans-serif\">",
        "<p>Hello,</p>",
        f"<p>{_e(_intro(pages_items, patterns))}</p>",
    ]
    if patterns:
        out.append(_site_html(patterns))
    out += [_page_html(page, items, heading=grouped) for page, items in pages_items]
    out.append("<p>Thank you,</p>")
    out.append(
        "<p style=\"color:#666;font-size:smaller\">Drafted by mt-review; nothing was sent automatically. "
        "Suggested wordings are machine-made too: please have a translator check them.<br>"
        + "".join(f"{_e(k.capitalize())}: <code>{_e(v)}</code><br>" for k, v in provenance(ctx))
        + f"Signature: <code>{_e(ctx.run.signature)}</code></p></body></html>\n"
    )
    return "".join(out)


def _recipient(ctx: ReportContext, pages) -> str | None:
    """``--email-to``, else the reporting address the pages' MT notices agree on."""
    to = ctx.email_to
    if to is not None and not valid_address(to):
        raise InputError(f"not an e-mail address: {to!r}")
    if to is None:
        found = {p.mt_notice.report_email for p in pages if p.mt_notice is not None and valid_address(p.mt_notice.report_email)}
        if len(found) == 1:
            to = found.pop()
    return to


def build_message(ctx: ReportContext) -> EmailMessage | None:
    """The run's one draft: repeated problems once, then each page with findings, most severe first."""
    patterns = site_patterns(ctx.run)
    pages_items = [(page, items) for page in ctx.run.pages if (items := _items(page, patterns))]
    if not pages_items and not patterns:
        return None
    named = {name for p in patterns for name in p.pages}
    to = _recipient(ctx, [page for page, _ in pages_items] + [p for p in ctx.run.pages if p.pair.name in named])
    msg = EmailMessage(policy=SMTP)
    msg["From"] = FROM
    if to:
        msg["To"] = to
    n_items = sum(len(items) for _page, items in pages_items)
    if len(pages_items) == 1 and not patterns:
        page, items = pages_items[0]
        title = one_line(page.pair.source.title) or page.pair.name
        subject = f"Errors in the Arabic translation of “{title}” ({page.pair.name}): {n_items} to fix, worst {items[0][0]}"
    else:
        ranks = {"critical": 3, "major": 2, "minor": 1, "none": 0}
        severities = [items[0][0] for _page, items in pages_items] + [p.severity.value for p in patterns]
        worst = max(severities, key=lambda v: ranks.get(v, 0))
        n_pages = len({page.pair.name for page, _ in pages_items} | named)
        subject = (f"Errors in the Arabic translation of {n_pages} pages: {n_items + len(patterns)} to fix"
                   + (f" ({len(patterns)} repeated across the site)" if patterns else "") + f", worst {worst}")
    msg["Subject"] = _header(subject)[:900]
    date = _date()
    if date:
        msg["Date"] = date
    plain = _plain(pages_items, patterns, ctx)
    digest = hashlib.sha256(plain.encode("utf-8")).hexdigest()[:32]
    msg["Message-ID"] = f"<{digest}@mt-review.invalid>"
    msg["X-Unsent"] = "1"  # opens as a draft in Outlook and others
    msg["X-MT-Review-Signature"] = _header(ctx.run.signature)
    if len(pages_items) == 1 and not patterns:
        page_url = _header(pages_items[0][0].pair.target.url)
        if page_url:
            msg["X-MT-Review-Page"] = page_url
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(_html(pages_items, patterns, ctx), subtype="html", charset="utf-8", cte="quoted-printable")
    # deterministic boundary; "=_" never occurs in quoted-printable bodies
    msg.set_boundary(f"=_mt-review_{digest}")
    return msg


def render_files(ctx: ReportContext) -> dict[str, bytes]:
    msg = build_message(ctx)
    return {FILENAME: msg.as_bytes()} if msg is not None else {}


def render(ctx: ReportContext) -> bytes:
    """The run's draft (``b""`` if no page has findings)."""
    return render_files(ctx).get(FILENAME, b"")
