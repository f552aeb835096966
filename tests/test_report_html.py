"""report.html: self-contained, strict CSP with hashes, escaped, rtl Arabic, marks in both languages."""

from __future__ import annotations

import base64
import hashlib
import re

import lxml.html
import pytest

from mt_review.report import html as html_report
from mt_review.report.common import ReportContext
from report_fixtures import PAGE, SIGNATURE, XSS_IMG, XSS_SCRIPT, make_gate, make_run


@pytest.fixture(scope="module")
def page_html() -> str:
    return html_report.render(ReportContext(run=make_run(), gate=make_gate())).decode("utf-8")


@pytest.fixture(scope="module")
def doc(page_html):
    return lxml.html.document_fromstring(page_html)


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_our_own_script(page_html, doc):
    assert page_html.count("<script") == 1  # ours; the data's are escaped
    assert "<script>alert" not in page_html
    assert "<img" not in page_html
    assert "onerror=" not in page_html.replace("onerror=alert(1)&gt;", "").replace("onerror=&quot;", "")
    assert len(doc.xpath("//script")) == 1 and len(doc.xpath("//img")) == 0
    assert not [el for el in doc.iter() if any(a.startswith("on") for a in el.attrib)]
    # the smuggled markup is there, as text
    assert XSS_SCRIPT in doc.text_content() and XSS_IMG in doc.text_content()


def test_strict_csp_with_hashes(page_html, doc):
    metas = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1
    policy = metas[0].get("content")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "img-src data:" in policy
    style = doc.xpath("//style")[0].text
    script = doc.xpath("//script")[0].text
    assert f"style-src {_sha(style)}" in policy
    assert f"script-src {_sha(script)}" in policy
    # CSP meta comes before any style/script so it governs them
    assert page_html.index("Content-Security-Policy") < page_html.index("<style")


def test_self_contained(page_html, doc):
    for el in doc.iter():
        for name, value in el.attrib.items():
            if name in ("src", "href", "action", "srcset", "poster", "data"):
                assert value.startswith("#"), (el.tag, name, value)
    assert not doc.xpath("//link | //iframe | //object | //embed | //base")
    assert "url(" not in doc.xpath("//style")[0].text
    assert "@import" not in page_html


def test_direction_and_language_of_cells(doc):
    tgt = doc.xpath('//td[@data-side="tgt"]')
    src = doc.xpath('//td[@data-side="src"]')
    assert tgt and src
    assert all(td.get("dir") == "rtl" and td.get("lang") == "ar" for td in tgt)
    assert all(td.get("dir") == "ltr" and td.get("lang") == "en" for td in src)


def test_marks_in_both_languages(doc):
    row = doc.get_element_by_id("p0-s2")  # the critical number mismatch
    assert row.get("data-severity") == "critical"
    en = row.xpath('./td[@data-side="src"]//mark')
    ar = row.xpath('./td[@data-side="tgt"]//mark')
    assert [m.text for m in en] == ["three-day"]
    assert [m.text for m in ar] == ["يومان"]
    assert "three-day programme" in ar[0].get("title") and ar[0].get("class") == "sev-critical"
    # overlapping / multi-finding segment: both Arabic spans are marked
    row2 = doc.get_element_by_id("p0-s1")
    ar2 = [m.text for m in row2.xpath('./td[@data-side="tgt"]//mark')]
    assert "المعهد الدولي للعدالة وسيادة القانون" in ar2 and " ،" in ar2
    assert [m.text for m in row2.xpath('./td[@data-side="src"]//mark')] == ["(IIJ)"]
    # a smuggled tag is marked as text, title escaped
    row3 = doc.get_element_by_id("p0-s3")
    assert [m.text for m in row3.xpath('./td[@data-side="src"]//mark')] == [XSS_SCRIPT]
    assert [m.text for m in row3.xpath('./td[@data-side="tgt"]//mark')] == [XSS_IMG]
    # furniture: reading time digits marked in both languages
    furn = doc.get_element_by_id("p0-f1")
    assert [m.text for m in furn.xpath('.//td[@data-side="src"]//mark')] == ["2"]
    assert [m.text for m in furn.xpath('.//td[@data-side="tgt"]//mark')] == ["0"]


def test_sections_filters_banner_signature(page_html, doc):
    assert doc.xpath('//input[@type="checkbox"][@data-filter-severity]')
    options = [o.text for o in doc.xpath('//select[@id="filter-category"]/option')]
    assert "accuracy/omission" in options and "locale/markup" in options
    rows = doc.xpath("//tr[@data-severity]")
    assert {r.get("data-severity") for r in rows} == {"critical", "major", "minor", "none"}
    assert all(re.fullmatch(r"(c\d+( c\d+)*)?", r.get("data-categories")) for r in rows)
    banner = doc.xpath('//div[contains(@class,"banner mt")]')[0]
    assert "machine-translated" in banner.text_content() and "WPML" in banner.text_content()
    assert banner.xpath(".//blockquote")[0].get("dir") == "rtl"
    assert "Site furniture" in page_html
    assert doc.get_element_by_id("unpaired") is not None
    footer = doc.get_element_by_id("signature")
    assert str(SIGNATURE) in footer.text_content()
    assert page_html.index("Run score") < page_html.index(PAGE + "</h2>")  # summary at the top
    assert "Gate failed" in page_html


def test_attribute_escaping():
    import dataclasses

    run = make_run()
    page = run.pages[0]
    nasty = '"><script>alert(2)</script>'
    seg = page.segments[2]
    f = dataclasses.replace(seg.findings[0], message=nasty, check="x\"'<>", category='a"b<c')
    seg = dataclasses.replace(seg, findings=(f,))
    page = dataclasses.replace(page, segments=page.segments[:2] + (seg,) + page.segments[3:])
    out = html_report.render(ReportContext(run=dataclasses.replace(run, pages=(page,)))).decode()
    assert "<script>alert(2)" not in out
    doc = lxml.html.document_fromstring(out)
    titles = [m.get("title") for m in doc.xpath("//mark") if m.get("title")]
    assert any(nasty in t for t in titles)
    assert len(doc.xpath("//script")) == 1
