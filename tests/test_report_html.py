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
    assert page_html.index("Run score") < page_html.index('<section class="page"')  # summary at the top
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


def test_every_finding_shows_its_fingerprint_and_decision_buttons(doc):
    from mt_review.fingerprint import finding_fingerprint

    run = make_run()
    expected = {finding_fingerprint(p, f) for p in run.pages for f in p.findings}
    shown = {d.get("data-fp") for d in doc.xpath('//div[@class="decide"]')}
    assert shown == expected and len(expected) > 1
    for box in doc.xpath('//div[@class="decide"]'):
        assert box.xpath(".//code")[0].text == box.get("data-fp")  # visible, to copy by hand too
        assert [b.get("data-decision") for b in box.xpath(".//button")] == ["accepted", "false-positive"]
    assert doc.get_element_by_id("decisions-download").get("download") == "mt-review-decisions.csv"


def test_unflagged_rows_start_hidden_with_a_toggle(doc):
    rows = doc.xpath("//tr[@data-severity]")
    assert {r.get("data-severity") for r in rows if r.get("hidden") is not None} == {"none"}
    assert all(r.get("hidden") is not None for r in rows if r.get("data-severity") == "none")
    (toggle,) = doc.xpath('//input[@data-filter-severity][@value="none"]')
    assert toggle.get("checked") is None and "unflagged" in toggle.getparent().text_content()


def test_arabic_inside_english_text_is_isolated():
    assert html_report.bidi("'ورشة عمل' appears 2 times") == "&#x27;<bdi>ورشة عمل</bdi>&#x27; appears 2 times"
    assert html_report.bidi("no Arabic here (3)") == "no Arabic here (3)"
    assert html_report.bidi("<b>يومان</b>") == "&lt;b&gt;<bdi>يومان</bdi>&lt;/b&gt;"  # escaped, then isolated


def test_messages_with_arabic_are_isolated_in_the_report(doc):
    messages = [m for m in doc.xpath('//td[@class="findings"]//span[@dir="auto"][not(@class)]')
                if re.search("[\u0600-\u06ff]", m.text_content())]
    assert messages and all(m.xpath(".//bdi") for m in messages)


def test_measurements_are_in_plain_words_on_demand(doc):
    details = doc.xpath('//details[@class="signals"]')
    assert details
    text = details[0].text_content()
    assert "risk" in details[0].xpath("./summary")[0].text_content()
    assert "meaning similarity" in " ".join(d.text_content() for d in details) or "sentence pairing" in text
    assert "conf." not in doc.text_content()  # no unexplained abbreviation


def _run_of(n):
    import dataclasses

    run = make_run()
    pages = [dataclasses.replace(run.pages[i % 2], pair=dataclasses.replace(run.pages[i % 2].pair, name=f"p{i:03d}"))
             for i in range(n)]
    return dataclasses.replace(run, pages=tuple(pages))


def test_pages_carry_a_worst_first_rank_and_large_runs_start_collapsed():
    from mt_review.report.common import LARGE_RUN_PAGES

    run = _run_of(LARGE_RUN_PAGES + 5)
    doc = lxml.html.document_fromstring(html_report.render(ReportContext(run=run, gate=make_gate(["p002"]))).decode())
    sections = doc.xpath('//section[@class="page"]')
    ranks = {s.xpath(".//h2/bdi")[0].text: int(s.get("data-worst")) for s in sections}
    assert ranks["p002"] == 0  # the failed page first
    assert sorted(ranks.values()) == list(range(len(run.pages)))
    opened = [s for s in sections if s.xpath("./details")[0].get("open") is not None]
    assert len(opened) == html_report.OPEN_PAGES and min(ranks[s.xpath(".//h2/bdi")[0].text] for s in opened) == 0
    assert doc.xpath('//select[@id="sort-pages"]/option[@selected]')[0].get("value") == "worst"
    small = lxml.html.document_fromstring(html_report.render(ReportContext(run=_run_of(3))).decode())
    assert all(d.get("open") is not None for d in small.xpath('//section[@class="page"]/details'))
