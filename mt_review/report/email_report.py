"""``error-report.eml``: a ready-to-send e-mail draft to whoever publishes the Arabic page.

RFC 5322, UTF-8, multipart/alternative (plain text + HTML with Arabic
``dir="rtl"``), built with the standard library.  Nothing is sent.

To: ``email_to``, else the address the page's MT notice gives for reporting
errors, else no To header.  One message per page that has findings; the file
is ``error-report.eml`` when there is one such page, else
``error-report-<page>.eml`` for each.  A page without findings gets no mail.

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
    seg_severity,
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
    return bool(addr) and len(addr) <= 254 and bool(_ADDR.match(addr))


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _items(page: PageReview, patterns: tuple[SitePattern, ...] = ()) -> list[tuple[str, str, str, list[Finding], SegmentReview | None, str]]:
    """(severity, english, arabic, findings, segment, label), most severe first.

    Findings that belong to a site-wide pattern are left out: the site draft
    lists each pattern once."""
    def own(findings) -> list[Finding]:
        return [f for f in findings if in_pattern(patterns, page.pair.name, f) is None]

    out = []
    for i, seg in flagged_segments(page):
        fs = sorted_findings(own(seg.findings))
        if fs or not seg.findings:
            out.append((seg_severity(seg).value if not seg.findings else fs[0].severity.value,
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


def _plain(page: PageReview, items, ctx: ReportContext) -> str:
    p = page.pair
    n = page.mt_notice
    lines = ["Hello,", ""]
    lines.append(
        f"We reviewed the Arabic version of the page “{one_line(p.source.title) or p.name}” against its English original"
        + (" (the Arabic page says it was translated automatically" + (f" by {n.plugin}" if n and n.plugin else "") + ")" if n else "")
        + f" and found {len(items)} passage(s) that need a translator's attention. They are listed below, most severe first, each with a suggested wording."
    )
    lines.append("")
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
    lines += [
        "Thank you,",
        "",
        "-- ",
        "Drafted by mt-review (machine-translation review); nothing was sent automatically.",
        "Suggested wordings are machine-made too: please have a translator check them.",
        f"Signature: {ctx.run.signature}",
        "",
    ]
    return "\n".join(lines)


def _html(page: PageReview, items, ctx: ReportContext) -> str:
    p = page.pair
    n = page.mt_notice
    td = 'style="border:1px solid #ccc;padding:4px 8px;vertical-align:top"'
    out = [
        '<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
        f"<title>{_e(p.name)}</title></head><body style=\"font-family:sans-serif\">",
        "<p>Hello,</p>",
        f"<p>We reviewed the Arabic version of the page “{_e(one_line(p.source.title) or p.name)}” against its English original"
        + (" (the Arabic page says it was translated automatically" + (f" by {_e(n.plugin)}" if n and n.plugin else "") + ")" if n else "")
        + f" and found {len(items)} passage(s) that need a translator's attention, listed most severe first with a suggested wording.</p>",
        f"<p>Arabic page: <code>{_e(p.target.url or p.target.path)}</code><br>English page: <code>{_e(p.source.url or p.source.path)}</code></p>",
    ]
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
    out.append("</table><p>Thank you,</p>")
    out.append(
        "<p style=\"color:#666;font-size:smaller\">Drafted by mt-review; nothing was sent automatically. "
        "Suggested wordings are machine-made too: please have a translator check them.<br>"
        f"Signature: <code>{_e(ctx.run.signature)}</code></p></body></html>\n"
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


def build_message(page: PageReview, ctx: ReportContext, patterns: tuple[SitePattern, ...] = ()) -> EmailMessage | None:
    items = _items(page, patterns)
    if not items:
        return None
    to = _recipient(ctx, [page])
    msg = EmailMessage(policy=SMTP)
    msg["From"] = FROM
    if to:
        msg["To"] = to
    title = one_line(page.pair.source.title) or page.pair.name
    worst = items[0][0]
    msg["Subject"] = _header(f"Errors in the Arabic translation of “{title}” ({page.pair.name}): {len(items)} to fix, worst {worst}")[:900]
    date = _date()
    if date:
        msg["Date"] = date
    plain = _plain(page, items, ctx)
    digest = hashlib.sha256((page.pair.name + "\x1f" + plain).encode("utf-8")).hexdigest()[:32]
    msg["Message-ID"] = f"<{digest}@mt-review.invalid>"
    msg["X-Unsent"] = "1"  # opens as a draft in Outlook and others
    msg["X-MT-Review-Signature"] = _header(ctx.run.signature)
    page_url = _header(page.pair.target.url)
    if page_url:
        msg["X-MT-Review-Page"] = page_url
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(_html(page, items, ctx), subtype="html", charset="utf-8", cte="quoted-printable")
    # deterministic boundary; "=_" never occurs in quoted-printable bodies
    msg.set_boundary(f"=_mt-review_{digest}")
    return msg


def _site_plain(patterns: tuple[SitePattern, ...], ctx: ReportContext) -> str:
    lines = ["Hello,", "",
             f"We reviewed the Arabic pages of the site against their English originals. {len(patterns)} problem(s) "
             "repeat on many pages with the same wording, so each is listed here once; fixing it in the template, "
             "widget or translation memory fixes every page listed.", ""]
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
    lines += ["Thank you,", "", "-- ", "Drafted by mt-review (machine-translation review); nothing was sent automatically.",
              f"Signature: {ctx.run.signature}", ""]
    return "\n".join(lines)


def _site_html(patterns: tuple[SitePattern, ...], ctx: ReportContext) -> str:
    td = 'style="border:1px solid #ccc;padding:4px 8px;vertical-align:top"'
    out = ['<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>site-wide</title></head>'
           '<body style="font-family:sans-serif"><p>Hello,</p>',
           f"<p>We reviewed the Arabic pages of the site against their English originals. {len(patterns)} problem(s) "
           "repeat on many pages with the same wording, so each is listed here once.</p>",
           '<table style="border-collapse:collapse">']
    for k, p in enumerate(patterns, 1):
        out.append(
            f'<tr><th colspan="2" {td} align="left">{k}. [{_e(p.severity.value.upper())}] {_e(p.message)}</th></tr>'
            + (f'<tr><td {td}>English</td><td {td} dir="ltr" lang="en">{_e(p.source_text)}</td></tr>' if p.source_text else "")
            + f'<tr><td {td}>Arabic (published)</td><td {td} dir="rtl" lang="ar">{_e(p.target_text)}</td></tr>'
            f'<tr><td {td}>Pages ({len(p.pages)})</td><td {td}>{_e(", ".join(p.pages))}</td></tr>'
        )
    out.append("</table><p>Thank you,</p>")
    out.append(f"<p style=\"color:#666;font-size:smaller\">Drafted by mt-review; nothing was sent automatically.<br>"
               f"Signature: <code>{_e(ctx.run.signature)}</code></p></body></html>\n")
    return "".join(out)


def build_site_message(patterns: tuple[SitePattern, ...], ctx: ReportContext) -> EmailMessage | None:
    """One draft that names each site-wide pattern once, with the pages it is on."""
    if not patterns:
        return None
    pages = [p for p in ctx.run.pages if any(p.pair.name in pat.pages for pat in patterns)]
    to = _recipient(ctx, pages)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = FROM
    if to:
        msg["To"] = to
    n_pages = len({name for p in patterns for name in p.pages})
    msg["Subject"] = _header(f"Errors repeated across the Arabic site: {len(patterns)} problem(s) on {n_pages} pages")
    date = _date()
    if date:
        msg["Date"] = date
    plain = _site_plain(patterns, ctx)
    digest = hashlib.sha256(("\x1fsite\x1f" + plain).encode("utf-8")).hexdigest()[:32]
    msg["Message-ID"] = f"<{digest}@mt-review.invalid>"
    msg["X-Unsent"] = "1"
    msg["X-MT-Review-Signature"] = _header(ctx.run.signature)
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(_site_html(patterns, ctx), subtype="html", charset="utf-8", cte="quoted-printable")
    msg.set_boundary(f"=_mt-review_{digest}")
    return msg


SITE_FILENAME = "error-report-site-wide.eml"


def render_files(ctx: ReportContext) -> dict[str, bytes]:
    patterns = site_patterns(ctx.run)
    msgs = [(page, build_message(page, ctx, patterns)) for page in ctx.run.pages]
    msgs = [(page, m) for page, m in msgs if m is not None]
    site = build_site_message(patterns, ctx)
    if len(msgs) + (site is not None) == 1:
        return {FILENAME: (site or msgs[0][1]).as_bytes()}
    out: dict[str, bytes] = {}
    if site is not None:
        out[SITE_FILENAME] = site.as_bytes()
    for page, m in msgs:
        slug = _SLUG.sub("-", page.pair.name).strip("-.")[:80] or "page"
        name, k = f"error-report-{slug}.eml", 2
        while name in out or name == SITE_FILENAME:
            name, k = f"error-report-{slug}-{k}.eml", k + 1
        out[name] = m.as_bytes()
    return out


def render(ctx: ReportContext) -> bytes:
    """The single-page message (``b""`` if no page has findings)."""
    files = render_files(ctx)
    return next(iter(files.values()), b"")
