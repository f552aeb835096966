"""Reports show hostile text safely, never skip units silently, and do not depend on the working directory."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from mt_review.cli import app
from mt_review.textsafe import show_controls, visible
from tests.conftest import SEED_AR, SEED_EN
from tests.test_cli_workflow import WPML

runner = CliRunner()
FAST = ["--no-models", "--embedder", "none", "-q", "--fail-on", "none"]
ALL_FILES = "json,md,html,junit,sarif"
RAW_CONTROLS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127)]


def test_textsafe():
    assert show_controls("a\x1b[2Jb\x00c\td\ne\u202ef") == "a\\x1b[2Jb\\x00c\td\ne\\u202ef"
    assert visible("evil\nname\u202e.txt") == "evil\\nname\\u202e.txt"
    assert show_controls("مرحبا بالعالم") == "مرحبا بالعالم"  # clean text unchanged


def _hostile_pair(tmp_path):
    """A JSONL job (JSON escapes may carry any control character) with a bidi override in its name."""
    job = tmp_path / "evil\u202etxt.jsonl"
    rows = [
        {"source": "The council met \x1b[2J\x1b]0;pwned\x07today.\x00 It agreed on the plan for 2024.",
         "target": "اجتمع المجلس \x1b[2J\x1b]0;pwned\x07اليوم.\x00 ووافق على خطة عام 2024."},
    ]
    job.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return (job,)


def test_control_characters_never_reach_reports_or_the_terminal(tmp_path):
    (job,) = _hostile_pair(tmp_path)
    out = tmp_path / "r"
    res = runner.invoke(app, ["review", str(job), "--no-models", "--embedder", "none", "--fail-on", "none", "--format", f"terminal,{ALL_FILES}", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "\x1b" not in res.stdout and "pwned" in res.stdout  # shown, escaped
    for name in ("report.md", "report.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert not [c for c in RAW_CONTROLS if c in text], name
        assert "\\x1b" in text and "\u202e" not in text, name


def test_skipped_units_are_counted_in_every_report(tmp_path):
    job = tmp_path / "dnt.xliff"
    data = WPML.read_text(encoding="utf-8")
    i = data.index("<trans-unit")
    job.write_text(
        data[:i] + '<trans-unit id="dnt" translate="no"><source>Strong Cities</source><target>Strong Cities</target></trans-unit>\n' + data[i:],
        encoding="utf-8",
    )
    out = tmp_path / "r"
    res = runner.invoke(app, ["review", str(job), "--no-models", "--embedder", "none", "--fail-on", "none", "--format", f"terminal,{ALL_FILES}", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]["skipped_units"] == {'translate="no"': 1}
    assert "1 unit(s) not reviewed" in res.stdout
    for name in ("report.md", "report.html", "junit.xml", "report.sarif"):
        assert "1 unit(s) not reviewed" in (out / name).read_text(encoding="utf-8"), name


def test_a_dtd_default_never_skips_units(tmp_path):
    """<!ATTLIST trans-unit translate CDATA "no"> in the internal subset is not applied."""
    plain = tmp_path / "plain.xliff"
    shutil.copy(WPML, plain)
    text = WPML.read_text(encoding="utf-8")
    decl_end = text.index("?>") + 2
    dtd = tmp_path / "dtd.xliff"
    dtd.write_text(text[:decl_end] + '\n<!DOCTYPE xliff [<!ATTLIST trans-unit translate CDATA "no">]>' + text[decl_end:], encoding="utf-8")
    codes = {}
    for f in (plain, dtd):
        res = runner.invoke(app, ["review", str(f), "--no-models", "--embedder", "none", "-q", "--format", "json", "--fail-on", "major", "--out", str(tmp_path / f.stem)])
        codes[f.stem] = res.exit_code
        report = json.loads((tmp_path / f.stem / "report.json").read_text(encoding="utf-8"))
        assert report["summary"]["skipped_units"] == {}
    assert codes == {"plain": 1, "dtd": 1}


def test_po_fuzzy_entries_are_counted(tmp_path):
    po = tmp_path / "site.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The city council met today to discuss the plan."\nmsgstr "اجتمع مجلس المدينة اليوم لمناقشة الخطة."\n\n'
        '#, fuzzy\nmsgid "Read more about the network."\nmsgstr "اقرأ المزيد."\n',
        encoding="utf-8",
    )
    res = runner.invoke(app, ["review", str(po), *FAST, "--format", "json", "--out", str(tmp_path / "r")])
    assert res.exit_code == 0, res.output
    summary = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))["summary"]
    assert summary["skipped_units"] == {"fuzzy or obsolete": 1}


def test_junit_and_sarif_do_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(SEED_EN, site / "page.en.txt")
    shutil.copy(SEED_AR, site / "page.ar.txt")
    (tmp_path / "elsewhere").mkdir()
    outputs = []
    for cwd, paths in ((tmp_path, ["site/page.en.txt", "site/page.ar.txt"]),
                       (tmp_path / "elsewhere", [str(site / "page.en.txt"), str(site / "page.ar.txt")]),
                       (site, ["."])):
        monkeypatch.chdir(cwd)
        out = tmp_path / f"r{len(outputs)}"
        res = runner.invoke(app, ["review", *paths, *FAST, "--format", "junit,sarif", "--fail-on", "minor", "--out", str(out)])
        assert res.exit_code == 1, res.output
        outputs.append({n: (out / n).read_bytes() for n in ("junit.xml", "report.sarif")})
    assert outputs[0] == outputs[1] == outputs[2]
    sarif = outputs[0]["report.sarif"].decode()
    assert '"uri": "page.ar.txt"' in sarif and "file://" not in sarif and str(tmp_path) not in sarif


def test_the_state_key_uses_resolved_paths(tmp_path, monkeypatch):
    shutil.copy(SEED_EN, tmp_path / "page.en.txt")
    shutil.copy(SEED_AR, tmp_path / "page.ar.txt")
    state = tmp_path / "state.db"
    monkeypatch.chdir(tmp_path)
    loud = [a for a in FAST if a != "-q"]  # the reuse counts are notices; -q prints nothing but errors
    first = runner.invoke(app, ["review", "page.en.txt", "page.ar.txt", *loud, "--format", "json", "--state", str(state), "--out", str(tmp_path / "a")])
    assert first.exit_code == 0 and "0 page(s) reused" in first.stderr
    second = runner.invoke(app, ["review", str(tmp_path / "page.en.txt"), str(tmp_path / "page.ar.txt"), *loud, "--format", "json",
                                 "--state", str(state), "--out", str(tmp_path / "b")])
    assert second.exit_code == 0 and "1 page(s) reused" in second.stderr
