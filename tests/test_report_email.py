"""error-report.eml: RFC 5322, multipart/alternative, Arabic intact in both parts; nothing sent."""

from __future__ import annotations

import dataclasses
import email
import email.policy

import pytest

from mt_review.errors import InputError
from mt_review.report import email_report
from mt_review.report.common import ReportContext
from report_fixtures import REPORT_EMAIL, SIGNATURE, XSS_SCRIPT, make_clean_page, make_run


def _parse(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def _msg(**kw):
    files = email_report.render_files(ReportContext(run=make_run(), **kw))
    assert list(files) == ["error-report.eml"]  # one page has findings
    return _parse(files["error-report.eml"]), files["error-report.eml"]


def test_parses_back_with_arabic_in_both_parts():
    msg, raw = _msg()
    assert raw.isascii()  # 7-bit transport safe: QP / encoded words
    assert b"\r\n" in raw  # SMTP policy line endings
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["To"] == REPORT_EMAIL  # from the page's MT notice
    assert "strongcities-nlc-workshop" in msg["Subject"]
    assert msg["From"] and msg["Message-ID"]
    plain = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert plain.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    p, h = plain.get_content(), html.get_content()
    for text in (p, h):
        assert "يومان" in text and "في برنامج مدته ثلاثة أيام" in text  # published Arabic + suggestion
        assert "three-day" in text
        assert "https://strongcitiesnetwork.org/ar/news/enhancing-national-local-coordination/" in text
        assert str(SIGNATURE) in text
    assert p.index("[CRITICAL]") < p.index("[MAJOR]") < p.index("[MINOR]")
    assert 'dir="rtl"' in h
    assert "<script>alert" not in h and "&lt;script&gt;alert(1)&lt;/script&gt;" in h
    assert XSS_SCRIPT in p  # plain text carries it literally
    # the suggestion falls back to the EN->AR translation when a finding has none
    assert "ترجمة مقترحة" in p
    assert "Reading time is 0 minutes" in p  # furniture too


def test_email_to_overrides_notice():
    msg, _ = _msg(email_to="editor@example.com")
    assert msg["To"] == "editor@example.com"


def test_bad_email_to_is_input_error():
    with pytest.raises(InputError):
        _msg(email_to="a@b.com\r\nBcc: x@y.z")


def test_no_address_means_no_to_header():
    run = make_run()
    page = dataclasses.replace(run.pages[0], mt_notice=None)
    files = email_report.render_files(ReportContext(run=dataclasses.replace(run, pages=(page,))))
    assert _parse(files["error-report.eml"])["To"] is None


def test_hostile_notice_address_ignored():
    run = make_run()
    notice = dataclasses.replace(run.pages[0].mt_notice, report_email="x@y.z\nBcc: victim@example.com")
    page = dataclasses.replace(run.pages[0], mt_notice=notice)
    files = email_report.render_files(ReportContext(run=dataclasses.replace(run, pages=(page,))))
    msg = _parse(files["error-report.eml"])
    assert msg["To"] is None and msg["Bcc"] is None


def test_clean_pages_get_no_mail_and_many_pages_share_one_draft_grouped_by_page():
    run = make_run()
    assert email_report.render_files(ReportContext(run=dataclasses.replace(run, pages=(make_clean_page(),)))) == {}
    other = dataclasses.replace(run.pages[0], pair=dataclasses.replace(run.pages[0].pair, name="other/page"))
    two = dataclasses.replace(run, pages=(run.pages[0], make_clean_page(), other))
    files = email_report.render_files(ReportContext(run=two))
    assert list(files) == ["error-report.eml"]
    msg = _parse(files["error-report.eml"])
    plain = msg.get_body(preferencelist=("plain",)).get_content()
    headings = [line for line in plain.splitlines() if line.startswith("== Page: ")]
    assert [h.rsplit("(", 1)[1] for h in headings] == ["strongcities-nlc-workshop) ==", "other/page) =="]
    assert plain.count("\n1. [CRITICAL]") == 2  # each page numbers its own passages, worst first
    assert "2 pages" in msg["Subject"]
    html = msg.get_body(preferencelist=("html",)).get_content()
    assert html.count("<h2>Page: ") == 2


def test_no_wall_clock_date_byte_identical(monkeypatch):
    """The same input gives the same bytes: no Date header unless SOURCE_DATE_EPOCH is set."""
    import time

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = email_report.render_files(ReportContext(run=make_run()))
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 * 400)  # another day, another year
    second = email_report.render_files(ReportContext(run=make_run()))
    assert first == second
    assert _parse(first["error-report.eml"])["Date"] is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = _parse(email_report.render_files(ReportContext(run=make_run()))["error-report.eml"])
    assert dated["Date"] == "Tue, 14 Nov 2023 22:13:20 +0000"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not-a-number")
    assert _parse(email_report.render_files(ReportContext(run=make_run()))["error-report.eml"])["Date"] is None


@pytest.mark.parametrize("url", ["https://ex.org/ar/\npage/", "https://ex.org/ar/page/\r\nBcc: victim@example.com", "\t https://ex.org/a\x0b/ "])
def test_header_values_are_one_line(url):
    """A line break in the page's URL (or title, or page name) must not break or inject headers."""
    run = make_run()
    page = run.pages[0]
    target = dataclasses.replace(page.pair.target, url=url)
    source = dataclasses.replace(page.pair.source, title="Workshop\nBcc: x@y.z")
    pair = dataclasses.replace(page.pair, target=target, source=source, name="nlc\r\nworkshop")
    files = email_report.render_files(ReportContext(run=dataclasses.replace(run, pages=(dataclasses.replace(page, pair=pair),))))
    (raw,) = files.values()
    msg = _parse(raw)
    assert msg["Bcc"] is None and msg.defects == []
    got = msg["X-MT-Review-Page"]
    assert got and "\n" not in got and "\r" not in got and got.startswith("https://ex.org/a")
    assert "\n" not in msg["Subject"] and "Workshop Bcc" in msg["Subject"]
    for name, value in msg.items():
        assert "\n" not in str(value) and "\r" not in str(value), name
