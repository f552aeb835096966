"""report.sarif: valid SARIF 2.1.0 (the official OASIS schema, vendored), one result per finding."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from mt_review.fingerprint import finding_fingerprint
from mt_review.report import sarif
from mt_review.report.common import ReportContext
from report_fixtures import PAGE, make_gate, make_run

SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def log():
    data = sarif.render(ReportContext(run=make_run(), gate=make_gate()))
    return json.loads(data)


def test_validates_against_official_schema(log):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert "sarif-schema-2.1.0.json" in schema["id"]  # the OASIS errata01 schema
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    cls(schema).validate(log)


def test_results_rules_levels_locations(log):
    run = make_run()
    assert log["version"] == "2.1.0"
    r = log["runs"][0]
    findings = [f for p in run.pages for f in p.findings]
    assert len(r["results"]) == len(findings) == 6
    rules = r["tool"]["driver"]["rules"]
    assert [x["id"] for x in rules] == sorted({f.check for f in findings})
    for res in r["results"]:
        rule = rules[res["ruleIndex"]]
        assert rule["id"] == res["ruleId"]
        assert rule["shortDescription"]["text"] and rule["properties"]["category"]
    by_rule = {res["ruleId"]: res for res in r["results"]}
    assert by_rule["number_mismatch"]["level"] == "error"
    assert by_rule["acronym_dropped"]["level"] == "error"
    assert by_rule["space_before_punct"]["level"] == "warning"
    loc = by_rule["number_mismatch"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "corpora/strongcities/strongcities-nlc-workshop.ar.txt"
    page = run.pages[0]
    assert loc["region"]["startLine"] == page.pair.target.blocks[3].line
    assert loc["region"]["snippet"]["text"] == "يومان"
    assert by_rule["reading_time"]["locations"][0]["physicalLocation"]["region"]["startLine"] == page.pair.target.blocks[2].line
    # omission: no target span -> still located in the target page, no bogus line
    omit = by_rule["unaligned_source"]["locations"][0]["physicalLocation"]
    assert "region" not in omit
    crit = page.segments[2].findings[0]
    fp = by_rule["number_mismatch"]["partialFingerprints"]
    assert fp["mtReviewFinding/v1"] == finding_fingerprint(page, crit)
    assert len(fp["mtReviewText/v1"]) == 64
    assert fp["mtReviewText/v1"].startswith(fp["mtReviewFinding/v1"])  # one fingerprint function for both
    assert r["tool"]["driver"]["properties"]["signature"].startswith("mt-review:")
    assert by_rule["number_mismatch"]["properties"]["page"] == PAGE


def test_fingerprints_stable_and_distinct(log):
    again = json.loads(sarif.render(ReportContext(run=make_run())))
    fps = [res["partialFingerprints"]["mtReviewText/v1"] for res in log["runs"][0]["results"]]
    assert fps == [res["partialFingerprints"]["mtReviewText/v1"] for res in again["runs"][0]["results"]]
    assert len(set(fps)) == len(fps)


def test_rule_descriptions_are_generic_not_one_findings_wording(log):
    run = make_run()
    thresholds = {f.threshold for p in run.pages for f in p.findings if f.threshold}
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        text = rule["fullDescription"]["text"]
        assert text not in thresholds and text == sarif.rule_description(rule["id"], rule["properties"]["categories"])
    assert "every source number" in sarif.rule_description("numbers", ["accuracy/mistranslation/number"])
    results = log["runs"][0]["results"]
    assert {r["properties"].get("threshold") for r in results} - {None} == thresholds  # kept per result


XLIFF_TARGET_ON_ITS_OWN_LINE = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="page-7" source-language="en" target-language="ar" datatype="html">
  <body>
   <trans-unit id="7" resname="body">
    <source>The workshop lasted 2 days and was held in Jakarta with partners.</source>
    <target
        state="translated">
       استمرت الورشة 3 أيام وعقدت في جاكرتا مع الشركاء.</target>
   </trans-unit>
   <trans-unit id="8" resname="title">
    <source>Partners met again in the spring of that year.</source>
    <target state="needs-review-translation">التقى الشركاء مرة أخرى في ربيع ذلك العام.</target>
   </trans-unit>
  </body>
 </file>
</xliff>
"""


def test_region_is_on_the_line_of_the_target_text_and_names_the_unit(tmp_path):
    from mt_review.config import ReviewSettings
    from mt_review.pipeline import review_paths

    path = tmp_path / "page-7.xliff"
    path.write_text(XLIFF_TARGET_ON_ITS_OWN_LINE, encoding="utf-8")
    run = review_paths([path], ReviewSettings(embedder="none", model_en_ar="", model_ar_en=""))
    log = json.loads(sarif.render(ReportContext(run=run)))
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "numbers"]
    line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert "استمرت الورشة 3" in XLIFF_TARGET_ON_ITS_OWN_LINE.splitlines()[line - 1]
    assert result["properties"]["units"] == [{"id": "7", "resname": "body", "state": "translated"}]
