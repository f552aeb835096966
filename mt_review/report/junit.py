"""``junit.xml``: one testsuite, one testcase per page; a ``<failure>`` when the gate failed the page.

Built with ``xml.etree`` so every attribute and text is escaped.  Characters
XML 1.0 cannot carry (most C0 controls) are dropped from page text.
Unpaired pages are listed as skipped testcases.  A gate reason that names
no failed page (the run score below ``--min-score`` with
``--min-score-scope run``, say) fails a ``(run)`` testcase, so every reason
appears somewhere.  No timestamps.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from mt_review.model import PageReview
from mt_review.sitewide import site_patterns
from mt_review.fingerprint import finding_fingerprint
from mt_review.report.common import (
    FLAGGED,
    skipped_lines,
    ReportContext,
    display_path,
    flagged_segments,
    furniture_severity,
    page_counts,
    provenance,
    severity_counts,
    snippet,
    sorted_findings,
    suggestion_for,
    xliff_unit,
)

FORMAT = "junit"
FILENAME = "junit.xml"

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def x(text: object) -> str:
    return _BAD_XML.sub("", "" if text is None else str(text))


def _details(page: PageReview) -> str:
    lines = []
    for i, seg in flagged_segments(page):
        unit = xliff_unit(page, seg)
        lines.append(f"[{seg.severity.value}] segment #{i + 1} ({seg.pair.link})" + (f", {unit}" if unit else ""))
        lines.append(f"  EN: {snippet(seg.pair.src_text, 300) or '—'}")
        lines.append(f"  AR: {snippet(seg.pair.tgt_text, 300) or '— (missing)'}")
        for f in sorted_findings(seg.findings):
            lines.append(f"  - {f.severity.value} {f.check} ({f.category}): {f.message} [fingerprint {finding_fingerprint(page, f)}]")
            sugg = suggestion_for(seg, f)
            if sugg:
                lines.append(f"    suggestion: {snippet(sugg, 300)}")
    for fr in page.furniture:
        for f in sorted_findings(fr.findings):
            lines.append(f"[{f.severity.value}] furniture {fr.kind.value}: {f.check} ({f.category}): {f.message}")
    return "\n".join(lines)


def counts_line(page: PageReview) -> str:
    """Score, then segments and findings counted apart (a segment may hold several findings)."""
    segs = page_counts(page)
    finds = severity_counts(f.severity for f in page.findings)
    return (
        f"score {page.score:.1f}; flagged segments: "
        + ", ".join(f"{segs[k.value]} {k.value}" for k in FLAGGED)
        + f" ({sum(segs.values())} of {len(page.segments)}); findings: "
        + ", ".join(f"{finds[k.value]} {k.value}" for k in FLAGGED)
    )


def render(ctx: ReportContext) -> bytes:
    run = ctx.run
    suite = ET.Element("testsuite", name="mt-review")
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="signature", value=x(run.signature))
    ET.SubElement(props, "property", name="run_score", value=f"{run.score:.2f}")
    for label, value in provenance(ctx):
        ET.SubElement(props, "property", name=label, value=x(value))
    for k, sp in enumerate(site_patterns(run), 1):  # repeated findings, one line each (pages' testcases keep theirs)
        ET.SubElement(props, "property", name=f"site_pattern_{k}",
                      value=x(f"[{sp.severity.value}] {sp.message} — pages ({len(sp.pages)}): {', '.join(sp.pages)}"))
    failures = skipped = 0
    placed: set[str] = set()  # gate reasons carried by a page's testcase
    for page in run.pages:
        tc = ET.SubElement(
            suite,
            "testcase",
            name=x(page.pair.name),
            classname="mt-review." + x(page.pair.name).replace(".", "_"),
            file=x(display_path(page.pair.target.path, ctx.base_dir)),
        )
        if ctx.page_failed(page):
            failures += 1
            reasons = [r for r in getattr(ctx.gate, "reasons", ()) if r.startswith(page.pair.name + ":")]
            placed.update(reasons)
            summary = counts_line(page) + ("; gate: " + "; ".join(reasons) if reasons else "")
            fail = ET.SubElement(tc, "failure", message=x(summary), type="mt-review.gate")
            fail.text = x(_details(page))
        else:
            out = ET.SubElement(tc, "system-out")
            worst_furn = [furniture_severity(fr).value for fr in page.furniture if fr.findings]
            out.text = x(counts_line(page) + (f" (furniture: {len(worst_furn)})" if worst_furn else ""))
    gate = ctx.gate
    if gate is not None and gate.failed:
        # every reason no page's testcase carries (e.g. "run: score ... below
        # min-score" with --min-score-scope run), even when pages failed too
        run_reasons = [r for r in gate.reasons if r not in placed]
        if run_reasons:
            failures += 1
            tc = ET.SubElement(suite, "testcase", name="(run)", classname="mt-review.run")
            fail = ET.SubElement(tc, "failure", message=x("; ".join(run_reasons)), type="mt-review.gate")
            fail.text = x("\n".join(run_reasons))
    for u in run.unpaired:
        skipped += 1
        tc = ET.SubElement(suite, "testcase", name=x(u), classname="mt-review.unpaired")
        ET.SubElement(tc, "skipped", message="no twin in the other language")
    not_reviewed = skipped_lines(run)
    if not_reviewed:  # units the readers left out are said, never silent
        ET.SubElement(suite, "system-out").text = x("\n".join(f"not reviewed: {s}" for s in not_reviewed))
    suite.set("tests", str(len(suite.findall("testcase"))))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    ET.indent(suite)
    return ET.tostring(suite, encoding="utf-8", xml_declaration=True) + b"\n"
