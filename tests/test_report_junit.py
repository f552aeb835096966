"""junit.xml: one testcase per page, a failure only where the gate failed the page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mt_review.report import junit
from mt_review.report.common import ReportContext
from report_fixtures import CLEAN_PAGE, PAGE, XSS_SCRIPT, make_gate, make_run


def _suite(gate):
    data = junit.render(ReportContext(run=make_run(), gate=gate))
    assert data.startswith(b"<?xml")
    return ET.fromstring(data)


def test_failure_for_failing_page_only():
    suite = _suite(make_gate())
    assert suite.tag == "testsuite"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) >= {PAGE, CLEAN_PAGE}
    fail = cases[PAGE].find("failure")
    assert fail is not None
    assert "number_mismatch" in fail.text and "يومان" in fail.text
    assert fail.text.index("[critical]") < fail.text.index("[major]") < fail.text.index("[minor]")
    assert XSS_SCRIPT in fail.text  # escaped by the XML writer, intact after parsing
    assert cases[CLEAN_PAGE].find("failure") is None
    assert suite.get("failures") == "1" and suite.get("errors") == "0"
    assert int(suite.get("tests")) == len(suite.findall("testcase"))
    unpaired = [c for c in suite.findall("testcase") if c.find("skipped") is not None]
    assert len(unpaired) == 1 and suite.get("skipped") == "1"
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["signature"].startswith("mt-review:")


def test_no_gate_means_no_failure():
    suite = _suite(None)
    assert suite.get("failures") == "0"
    assert all(c.find("failure") is None for c in suite.findall("testcase"))


def test_passing_gate():
    suite = _suite(make_gate(failed_pages=()))
    assert all(c.find("failure") is None for c in suite.findall("testcase"))


def test_control_characters_dropped():
    import dataclasses

    run = make_run()
    page = run.pages[0]
    pair = dataclasses.replace(page.pair, name="bad\x01name\x1b")
    run = dataclasses.replace(run, pages=(dataclasses.replace(page, pair=pair),))
    ET.fromstring(junit.render(ReportContext(run=run)))
