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


def test_run_level_reason_kept_when_pages_failed_too():
    """--min-score-scope run: the run's reason appears even though a page failed as well."""
    from report_fixtures import GateResult

    run_reason = "run: score 71.3 below min-score=80"
    page_reason = f"{PAGE}: 1 critical finding(s) at or above fail-on=critical"
    gate = GateResult(failed=True, reasons=(page_reason, run_reason), failed_pages=frozenset({PAGE}))
    data = junit.render(ReportContext(run=make_run(), gate=gate))
    suite = ET.fromstring(data)
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert page_reason in cases[PAGE].find("failure").get("message")
    run_fail = cases["(run)"].find("failure")
    assert run_fail is not None and run_reason in run_fail.get("message") and run_reason in run_fail.text
    assert page_reason not in run_fail.get("message")  # each reason once
    assert suite.get("failures") == "2"
    # every reason of the gate is somewhere in the report
    for reason in gate.reasons:
        assert reason.encode() in data


def test_run_level_reason_alone():
    from report_fixtures import GateResult

    gate = GateResult(failed=True, reasons=("run: score 71.3 below min-score=80",), failed_pages=frozenset())
    suite = ET.fromstring(junit.render(ReportContext(run=make_run(), gate=gate)))
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert cases["(run)"].find("failure") is not None and suite.get("failures") == "1"
    assert all(c.find("failure") is None for n, c in cases.items() if n != "(run)")


def test_segment_and_finding_counts_are_labelled_apart():
    from mt_review.report.common import page_counts

    run = make_run()
    page = next(p for p in run.pages if p.pair.name == PAGE)
    segs = page_counts(page)
    finds = {s: sum(f.severity.value == s for f in page.findings) for s in ("critical", "major", "minor")}
    assert segs != finds  # the fixture has a segment with two findings: the two counts differ
    message = {c.get("name"): c for c in _suite(make_gate()).findall("testcase")}[PAGE].find("failure").get("message")
    assert (f"flagged segments: {segs['critical']} critical, {segs['major']} major, {segs['minor']} minor"
            f" ({sum(segs.values())} of {len(page.segments)})") in message
    assert f"findings: {finds['critical']} critical, {finds['major']} major, {finds['minor']} minor" in message
    assert "; gate: " in message
