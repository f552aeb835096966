"""report.md: summary, worst first, escaped page text, signature at the bottom."""

from __future__ import annotations

import dataclasses
import re

from mt_review.report import markdown
from mt_review.report.common import ReportContext
from report_fixtures import SIGNATURE, make_gate, make_run


def _md(gate=None) -> str:
    return markdown.render(ReportContext(run=make_run(), gate=gate)).decode("utf-8")


def test_escapes_page_text():
    text = _md()
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    # page pipes cannot break the table, backticks and emphasis are literal
    assert r"\| pipes \|" in text
    assert r"\`\#unity\`" in text or r"\`#unity\`" in text
    assert r"\*\*together\*\*" in text
    assert r"\[link\]" in text
    for line in text.splitlines():
        if line.startswith("| critical") or line.startswith("| minor") or line.startswith("| major"):
            # every row has exactly the 6 unescaped pipes of its 5 cells
            unescaped = len(line.replace("\\|", "")) - len(line.replace("\\|", "").replace("|", ""))
            assert unescaped == 6, line


def test_worst_first_and_contents():
    text = _md(make_gate())
    rows = [l for l in text.splitlines() if l.startswith(("| critical", "| major", "| minor"))]
    assert [r.split("|")[1].strip() for r in rows] == ["critical", "major", "major", "minor"]
    assert "يومان" in rows[0] and "في برنامج مدته ثلاثة أيام" in rows[0]  # Arabic + suggestion
    assert "three-day" in rows[0]
    assert "declares itself machine-translated" in text
    assert "gate: FAILED" in text
    assert "strongcities-orphan.en.txt" in text


def test_signature_at_bottom():
    text = _md()
    tail = text[text.rindex("---"):]
    assert str(SIGNATURE) in tail
    assert SIGNATURE.config_hash in tail and "anchors+length" in tail


_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
FSI, PDI = "\u2068", "\u2069"


def _isolate_depths(line: str):
    """(character, isolate depth) along a line; the isolates must balance."""
    depth = 0
    for ch in line:
        if ch == FSI:
            depth += 1
        elif ch == PDI:
            depth -= 1
            assert depth >= 0, f"PDI without its isolate: {line!r}"
        yield ch, depth
    assert depth == 0, f"isolate left open: {line!r}"


def _mixed_run():
    run = make_run()
    page = run.pages[0]
    arabic_name = dataclasses.replace(page.pair, name="أخبار/ورشة-2\u2069 x",
                                      target=dataclasses.replace(page.pair.target, path="أخبار/ورشة.ar.txt"))
    return dataclasses.replace(run, pages=(dataclasses.replace(page, pair=arabic_name), *run.pages[1:]),
                               unpaired=("أخبار/يتيمة.ar.txt",))


def test_every_arabic_letter_sits_inside_a_bidi_isolate():
    """Markdown is read raw too, where <bdi> does nothing: FSI...PDI around every mixed-direction string."""
    text = markdown.render(ReportContext(run=_mixed_run(), gate=make_gate(["أخبار/ورشة-2\u2069 x"]))).decode()
    assert _ARABIC.search(text)
    for line in text.splitlines():
        for ch, depth in _isolate_depths(line):
            if _ARABIC.match(ch):
                assert depth > 0, f"Arabic outside an isolate: {line!r}"
    # an Arabic term quoted in English prose is isolated on its own, so "(يومان)" keeps its brackets
    assert f"the Arabic says two days ({FSI}يومان{PDI})" in text
    # names and paths are isolated whole, outside their code spans (a copied path stays clean)
    assert f"{FSI}`أخبار/ورشة.ar.txt`{PDI}" in text and f"- {FSI}`أخبار/يتيمة.ar.txt`{PDI}" in text
    assert "## " + FSI + "أخبار/ورشة-2\\\\u2069 x" + PDI in text  # a bidi control in a name is shown, not obeyed


def test_english_only_lines_carry_no_needless_isolates_in_plain_cells():
    text = _md()
    assert "Findings by category: " in text
    line = next(l for l in text.splitlines() if l.startswith("Findings by category: "))
    assert FSI not in line and PDI not in line
