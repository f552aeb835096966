"""report.md: summary, worst first, escaped page text, signature at the bottom."""

from __future__ import annotations

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
