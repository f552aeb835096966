"""Terminal report (rich): page summary, flagged segments worst first, plain without a TTY."""

from __future__ import annotations

import io
import re

from rich.console import Console

from mt_review.report import write_reports
from mt_review.report.terminal import make_console
from report_fixtures import SIGNATURE, make_gate, make_run


def _render(tmp_path, **console_kw) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=140, **console_kw)
    assert write_reports(make_run(), tmp_path, ["terminal"], console=console, gate=make_gate()) == []
    assert list(tmp_path.iterdir()) == []  # the terminal writes no file
    return buf.getvalue()


def test_plain_when_not_a_tty(tmp_path):
    out = _render(tmp_path)
    assert "\x1b[" not in out  # no escape codes into a pipe
    assert "strongcities-nlc-workshop" in out and "68.6" in out
    assert out.index("critical") < out.index("major") < out.index("minor")
    assert "number_mismatch" in out and "يومان" in out
    assert str(SIGNATURE).split("|")[0] in out and SIGNATURE.config_hash in out
    assert "machine-translated" in out and "unpaired" in out and "FAIL" in out


def test_page_text_is_not_rich_markup(tmp_path):
    import dataclasses

    run = make_run()
    page = run.pages[0]
    seg = page.segments[2]
    f = dataclasses.replace(seg.findings[0], message="[bold red]lit[/bold red] [link=x]y[/link]")
    seg = dataclasses.replace(seg, findings=(f,))
    page = dataclasses.replace(page, segments=page.segments[:2] + (seg,) + page.segments[3:])
    buf = io.StringIO()
    write_reports(dataclasses.replace(run, pages=(page,)), tmp_path, ["terminal"], console=Console(file=buf, width=200))
    out = buf.getvalue()
    assert "[bold red]lit[/bold red]" in out and "[link=x]y[/link]" in out  # literal, not markup
    assert "<script>alert(1)</script>" in out


def test_no_color_env(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    buf = io.StringIO()
    console = make_console(file=buf, force_terminal=True, width=140)
    write_reports(make_run(), tmp_path, ["terminal"], console=console)
    out = buf.getvalue()
    assert not re.search(r"\x1b\[[0-9;]*?(?:3[0-8]|9[0-7])[;m]", out)  # no colour (bold/italic may remain)


def test_colour_on_a_tty(tmp_path, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    buf = io.StringIO()
    console = make_console(file=buf, force_terminal=True, color_system="standard", width=140)
    write_reports(make_run(), tmp_path, ["terminal"], console=console)
    assert "\x1b[" in buf.getvalue()


def _render_run(tmp_path, run, gate, width) -> str:
    buf = io.StringIO()
    write_reports(run, tmp_path, ["terminal"], console=Console(file=buf, width=width), gate=gate)
    return buf.getvalue()


def test_fits_sixty_columns_and_keeps_the_pass_fail_column(tmp_path):
    from report_fixtures import CLEAN_PAGE, PAGE

    out = _render_run(tmp_path, make_run(), make_gate(), 60)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 60
    table = out[: out.index("run score")]
    assert "Gate" in table and "FAIL" in table and "pass" in table  # both verdicts visible
    for name in (PAGE, CLEAN_PAGE):  # page names fold onto more lines; they are not cut to nothing
        assert name[:12] in table


def _many_pages(n: int):
    import dataclasses

    run = make_run()
    flagged, clean = run.pages[0], run.pages[1]
    pages = []
    for i in range(n):
        base = flagged if i % 3 == 0 else clean
        pages.append(dataclasses.replace(base, pair=dataclasses.replace(base.pair, name=f"page-{i:03d}")))
    return dataclasses.replace(run, pages=tuple(pages))


def test_a_large_run_shows_a_summary_and_only_the_worst_pages(tmp_path):
    from mt_review.report.terminal import LARGE_RUN_PAGES, WORST_PAGES

    run = _many_pages(LARGE_RUN_PAGES * 3)
    failed = [p.pair.name for p in run.pages][::3]
    out = _render_run(tmp_path, run, make_gate(failed), 100)
    assert f"the {WORST_PAGES} worst of {len(run.pages)} pages" in out
    body = out.split("Site-wide patterns")[0]  # that table lists every page a pattern is on
    named = set(re.findall(r"page-\d{3}", body))
    assert named == set(failed[:WORST_PAGES])  # the failed, flagged pages come first
    assert f"{len(failed)} failed the gate" in out and f"{len(run.pages) - WORST_PAGES} more pages" in out
    assert out.count("flagged segments (worst first)") == WORST_PAGES


def test_a_small_run_shows_every_page(tmp_path):
    from mt_review.report.terminal import LARGE_RUN_PAGES

    run = _many_pages(LARGE_RUN_PAGES)
    out = _render_run(tmp_path, run, make_gate([]), 100)
    assert set(re.findall(r"page-\d{3}", out)) == {p.pair.name for p in run.pages}
    assert "worst of" not in out
