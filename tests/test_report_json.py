"""report.json: schema-valid, complete, deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from mt_review.model import RunReport
from mt_review.report import FORMATS, write_reports
from mt_review.report.json_report import dumps, load_schema, to_json
from report_fixtures import CLEAN_PAGE, PAGE, REPORT_EMAIL, SIGNATURE, make_gate, make_run


@pytest.fixture(scope="module")
def schema():
    s = load_schema()
    jsonschema.Draft202012Validator.check_schema(s)
    return s


def test_schema_is_draft_2020_12(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"]["const"] == "1.0"


@pytest.mark.parametrize("gate", [None, "failed"])
def test_json_validates_against_schema(schema, gate):
    doc = to_json(make_run(), gate=make_gate() if gate else None)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)


def test_empty_run_validates(schema):
    doc = to_json(RunReport(pages=(), signature=SIGNATURE))
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["summary"]["pages"] == 0 and doc["summary"]["score"] == 100.0


def test_json_contents():
    doc = to_json(make_run())
    assert doc["schema_version"] == "1.0"
    assert doc["signature"]["text"] == str(SIGNATURE)
    assert doc["signature"]["models"] == {"en-ar": "ctranslate2:opus-mt-en-ar@3b2f0c1"}
    s = doc["summary"]
    assert s["pages"] == 2 and s["segments"] == 7 and s["flagged_segments"] == 4
    assert s["flagged_by_severity"] == {"critical": 1, "major": 2, "minor": 1}
    assert s["findings_by_category"]["accuracy/omission"] == 2
    assert s["findings_by_severity"] == {"critical": 1, "major": 2, "minor": 3}
    page = doc["pages"][0]
    assert page["name"] == PAGE
    assert page["source"]["lang"] == "en" and page["target"]["lang"] == "ar"
    assert page["target"]["url"].startswith("https://")
    assert page["source"]["format"] == "text" and page["source"]["encoding"] == "utf-8"
    # the report records that the Arabic page declares itself machine-translated
    assert page["mt_notice"]["plugin"] == "WPML"
    assert page["mt_notice"]["report_email"] == REPORT_EMAIL
    assert "آليًا" in page["mt_notice"]["text"]
    assert doc["pages"][1]["mt_notice"] is None
    kinds = [f["kind"] for f in page["furniture"]]
    assert kinds == ["navigation", "reading_time", "mt_notice"]
    rt = page["furniture"][1]
    assert rt["findings"][0]["tgt_span"] == {"block": 2, "start": 2, "end": 3, "text": "0"}
    segs = page["segments"]
    assert [s["link"] for s in segs] == ["1-1", "1-1", "1-1", "1-1", "1-0", "1-1"]
    crit = segs[2]
    assert crit["severity"] == "critical" and crit["driver"] == "number_mismatch"
    f = crit["findings"][0]
    assert set(f) >= {"check", "category", "severity", "message", "threshold", "suggestion", "src_span", "tgt_span"}
    assert f["tgt_span"]["text"] == "يومان"
    assert len(f["fingerprint"]) == 32
    assert crit["src_spans"][0]["block"] == 3 and crit["src_spans"][0]["start"] > 0
    assert segs[4]["tgt_spans"] == [] and segs[4]["signals"] == {}  # absent, never zero
    assert crit["translations"]["en-ar"]
    assert doc["unpaired"] == ["corpora/strongcities/strongcities-orphan.en.txt"]
    assert doc["notices"] and "gate" not in doc


def test_gate_fields():
    doc = to_json(make_run(), gate=make_gate())
    assert doc["gate"]["failed"] is True and doc["gate"]["failed_pages"] == [PAGE]
    assert [p["gate_failed"] for p in doc["pages"]] == [True, False]
    assert doc["pages"][1]["name"] == CLEAN_PAGE


def test_nan_signals_are_dropped(schema):
    import dataclasses

    run = make_run()
    page = run.pages[0]
    seg = dataclasses.replace(page.segments[0], signals={"good": 0.5, "bad": float("nan")})
    page = dataclasses.replace(page, segments=(seg,) + page.segments[1:])
    doc = to_json(dataclasses.replace(run, pages=(page,)))
    assert doc["pages"][0]["segments"][0]["signals"] == {"good": 0.5}
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    dumps(doc)  # no NaN in the output


def test_json_file_is_byte_identical_across_runs(tmp_path: Path):
    a = write_reports(make_run(), tmp_path / "a", ["json"], gate=make_gate())[0].read_bytes()
    b = write_reports(make_run(), tmp_path / "b", ["json"], gate=make_gate())[0].read_bytes()
    assert a == b
    assert a.endswith(b"\n") and "يومان".encode() in a  # UTF-8, not \u escapes
    assert json.loads(a)["schema_version"] == "1.0"


def test_all_file_formats_deterministic(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    fmts = [f for f in FORMATS if f != "terminal"]
    a = write_reports(make_run(), tmp_path / "a", fmts, gate=make_gate())
    b = write_reports(make_run(), tmp_path / "b", fmts, gate=make_gate())
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


@pytest.mark.parametrize("gate", [None, "failed"])
@pytest.mark.parametrize("n_segments", [0, 1, 6])
def test_a_page_streamed_a_segment_at_a_time_gives_the_bytes_of_the_whole_document(gate, n_segments):
    """``write`` dumps each segment alone and indents it to its depth; the bytes must be those of
    the document dumped whole, with or without fragments, for pages of no, one or many segments."""
    import dataclasses
    import io

    from mt_review.report.common import ReportContext
    from mt_review.report.fragments import PageFragments
    from mt_review.report.json_report import _page_chunks, _page_text, write

    run = make_run()
    page = run.pages[0]
    segments = (page.segments * 2)[:n_segments]
    run = dataclasses.replace(run, pages=(dataclasses.replace(page, segments=segments), run.pages[1]))
    g = make_gate() if gate else None
    whole = dumps(to_json(run, gate=g))
    assert ('"segments": []' in whole) == (n_segments == 0)
    for fragments in (None, PageFragments(None, run.pages)):
        out = io.StringIO()
        write(ReportContext(run=run, gate=g, fragments=fragments), out)
        assert out.getvalue() == whole
    ctx = ReportContext(run=run, gate=g)
    chunks = list(_page_chunks(run.pages[0], ctx))
    assert len(chunks) == (3 if n_segments == 0 else 3 + 2 * n_segments)  # head, each segment, tail
    assert "".join(chunks) == _page_text(run.pages[0], ctx)
