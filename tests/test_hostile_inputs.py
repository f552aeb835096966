"""Every reader and option on hostile input: a result or one InputError line (exit 2), in linear time.

The hang cases run under a generous alarm (a guard against hanging, not a
speed figure: ``benchmarks/hostile_bench.py`` measures time and memory).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal

import pytest
from typer.testing import CliRunner

from mt_review.cli import app
from mt_review.errors import InputError
from mt_review.ingest.common import nfc
from mt_review.ingest.html import markup_to_blocks, strip_doctype_subset
from mt_review.segment import _masked_spans
from tests.conftest import SEED_AR, SEED_EN

runner = CliRunner()
FAST = ["--no-models", "--embedder", "none", "-q", "--fail-on", "none", "--format", "json"]


@contextlib.contextmanager
def no_hang(seconds: int = 20):
    """Fail instead of hanging (each case took 12-100+ s before the fix, well under 1 s after)."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _review(*args):
    res = runner.invoke(app, ["review", *map(str, args), *FAST])
    if res.exit_code == 2:
        assert res.stderr.count("\n") == 1 and "internal error" not in res.stderr, res.stderr
    return res


# --------------------------------------------------------------------------- hangs


def test_many_comments_before_the_content_do_not_hang():
    page = "<!---->" * 28 + "<html><body><p>x</p></body></html>"
    with no_hang():
        assert strip_doctype_subset(page) == page
    with_subset = "<!-- a --->" * 3 + '<!DOCTYPE html [<!ENTITY x "y">]><p>x</p>'
    assert "ENTITY" not in strip_doctype_subset(with_subset)  # the subset is still found after comments


@pytest.mark.parametrize("token", ["a." * 50_000, "a" * 100_000, "a@" * 50_000, "a-" * 50_000, "www." * 25_000])
def test_long_tokens_are_linear(token):
    with no_hang():
        _masked_spans(token)


def test_urls_emails_and_domains_are_still_masked():
    text = "Write to info@strongcities.org or see www.example.org. Also x.y.gov.uk today, not a.b."
    assert [text[a:b] for a, b in sorted(set(_masked_spans(text)))] == [
        "info@strongcities.org", "strongcities.org", "www.example.org", "x.y.gov.uk",
    ]


def test_html_page_with_comments_reviews(tmp_path):
    en, ar = tmp_path / "c.en.html", tmp_path / "c.ar.html"
    en.write_text("<!---->" * 28 + "<html lang=en><body><p>The city council met today.</p></body></html>")
    ar.write_text("<!---->" * 28 + "<html lang=ar><body><p>اجتمع مجلس المدينة اليوم.</p></body></html>", encoding="utf-8")
    with no_hang(60):
        assert _review(en, ar, "--out", tmp_path / "r").exit_code == 0


# --------------------------------------------------------------------------- exit 2, never 3

UNIT = '{"source": "The city council met today.", "target": "اجتمع مجلس المدينة اليوم."%s}\n'


@pytest.mark.parametrize(
    "name, body, message",
    [
        ("deep.jsonl", "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("deep2.jsonl", UNIT % (', "x": ' + "[" * 5000 + "]" * 5000), "nested too deeply"),
        ("bigint.jsonl", UNIT % (', "x": ' + "1" * 5000), "4300 digits"),
        ("noext", '{"a": ' + "[" * 5000 + "\n", ""),
    ],
)
def test_json_readers_refuse_in_one_line(tmp_path, name, body, message):
    f = tmp_path / name
    f.write_text(body, encoding="utf-8")
    res = _review(f, "--out", tmp_path / "r")
    assert res.exit_code == 2 and message in res.stderr


def test_a_deep_baseline_is_one_error_line(tmp_path):
    base = tmp_path / "baseline.json"
    base.write_text("[" * 5000 + "]" * 5000)
    res = _review(SEED_EN, SEED_AR, "--out", tmp_path / "r", "--baseline", base)
    assert res.exit_code == 2 and "not a readable baseline file" in res.stderr


def test_lone_surrogates_become_replacement_characters(tmp_path):
    assert nfc("a\ud800b") == "a\ufffdb"
    jsonl = tmp_path / "sur.jsonl"
    jsonl.write_text(UNIT.replace("اليوم", "\\ud800 اليوم") % "", encoding="utf-8")
    xliff = tmp_path / "cp.xliff"
    xliff.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
        'srcLang="en" trgLang="ar"><file id="f"><unit id="u"><segment><source>The city council met today.</source>'
        '<target>اجتمع مجلس <cp hex="D800"/> المدينة اليوم.</target></segment></unit></file></xliff>',
        encoding="utf-8",
    )
    for f in (jsonl, xliff):
        res = runner.invoke(app, ["review", str(f), *FAST[:-2], "--format", "json,md,html", "--out", str(tmp_path / f.stem)])
        assert res.exit_code == 0, res.output
        assert "\ufffd" in (tmp_path / f.stem / "report.json").read_text(encoding="utf-8")


def test_malformed_hreflang_and_canonical_urls(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    head = '<head><link rel="alternate" hreflang="{}" href="http://[::1/p/"><link rel="canonical" href="http://[::1/p/"></head>'
    (folder / "p.en.html").write_text(f'<html lang="en">{head.format("ar")}<body><p>The council met today.</p></body></html>')
    (folder / "p.ar.html").write_text(
        f'<html lang="ar">{head.format("en")}<body><p>اجتمع المجلس اليوم.</p></body></html>', encoding="utf-8"
    )
    assert _review(folder, "--out", tmp_path / "r").exit_code == 0


def test_an_html_start_as_unit_text():
    assert markup_to_blocks("<html><head><me")  # lxml asserted "too many bodies"


def test_unknown_xml_encoding_with_write_back(tmp_path):
    from tests.test_cli_workflow import WPML

    job = tmp_path / "enc.xliff"
    job.write_bytes(WPML.read_bytes().replace(b'encoding="utf-8"', b'encoding="utf-88888"', 1))
    res = _review(job, "--out", tmp_path / "r", "--write-xliff", tmp_path / "out.xliff")
    assert res.exit_code == 2 and "utf-88888" in res.stderr
    assert not (tmp_path / "out.xliff").exists()


def test_symlink_loops(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copy(SEED_EN, folder / "a.en.txt")
    shutil.copy(SEED_AR, folder / "a.ar.txt")
    os.symlink("l1", folder / "l2")
    os.symlink("l2", folder / "l1")
    res = _review(folder, "--out", tmp_path / "r")
    assert res.exit_code == 2 and "symlink loop" in res.stderr
    assert _review(folder / "l1", SEED_AR, "--out", tmp_path / "r").exit_code == 2


@pytest.mark.parametrize("text", ['tool = "x"\n', '[tool]\nmt-review = "x"\n'])
def test_a_malformed_auto_loaded_pyproject(tmp_path, monkeypatch, text):
    (tmp_path / "pyproject.toml").write_text(text)  # found above the inputs
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SEED_EN, pages / "a.en.txt")
    shutil.copy(SEED_AR, pages / "a.ar.txt")
    res = _review(pages / "a.en.txt", pages / "a.ar.txt", "--out", tmp_path / "r")
    assert res.exit_code == 2 and "pyproject.toml" in res.stderr and "must be a table" in res.stderr


@pytest.mark.parametrize("command", ["review", "align"])
def test_max_bytes_beyond_64_bits(tmp_path, command):
    extra = ["--out", str(tmp_path / "r"), *FAST] if command == "review" else []
    res = runner.invoke(app, [command, str(SEED_EN), str(SEED_AR), "--max-bytes", str(2**70), *extra])
    assert res.exit_code == 2 and "max-bytes must be at most" in res.stderr
    if command == "review":  # the largest allowed limit reads a small file without a limit-sized buffer
        ok = runner.invoke(app, [command, str(SEED_EN), str(SEED_AR), "--max-bytes", str(2**62), *extra])
        assert ok.exit_code == 0, ok.output


# --------------------------------------------------------------------------- exports stay inside their folder


def _export(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    secret = tmp_path / "secret.en.txt"
    secret.write_text("The private notes of the council say the budget is 5 million.\n")
    return folder, secret


def test_manifest_paths_leaving_the_export_are_refused(tmp_path):
    folder, secret = _export(tmp_path)
    shutil.copy(SEED_AR, folder / "page.ar.txt")
    for path in (secret, "../secret.en.txt"):
        (folder / "manifest.csv").write_text(f"source,target\n{path},page.ar.txt\n")
        res = _review(folder, "--out", tmp_path / "r")
        assert res.exit_code == 2 and "leads outside the export folder" in res.stderr and "secret.en.txt" in res.stderr
        assert not (tmp_path / "r").exists()
    allowed = _review(folder, "--out", tmp_path / "r", "--allow-outside-links")
    assert allowed.exit_code == 0 and "private notes" in (tmp_path / "r" / "report.json").read_text(encoding="utf-8")
    shutil.copy(SEED_EN, folder / "page.en.txt")  # the clean twin: a manifest inside the folder
    (folder / "manifest.csv").write_text("source,target\npage.en.txt,page.ar.txt\n")
    assert _review(folder, "--out", tmp_path / "r").exit_code == 0


def test_symlinks_leaving_the_export_are_refused_unless_allowed(tmp_path):
    folder, secret = _export(tmp_path)
    outside = tmp_path / "outside.en.txt"
    shutil.copy(SEED_EN, outside)
    os.symlink(outside, folder / "page.en.txt")
    shutil.copy(SEED_AR, folder / "page.ar.txt")
    res = _review(folder, "--out", tmp_path / "r")
    assert res.exit_code == 2 and "a symlink leads outside the export folder" in res.stderr
    allowed = _review(folder, "--out", tmp_path / "r", "--allow-outside-links")
    assert "outside" not in allowed.stderr  # read (pairing then goes by the real file's folder)
    inside = folder / "real.en.txt"
    (folder / "page.en.txt").unlink()
    shutil.copy(SEED_EN, inside)
    os.symlink("real.en.txt", folder / "page.en.txt")  # a link inside the export is fine
    assert "outside" not in _review(folder, "--out", tmp_path / "r2").stderr


def test_checks_and_furniture_are_linear_on_a_long_run_of_digits():
    from mt_review.checks.text import protected_spans
    from mt_review.checks.truncation import _LAST_WORD
    from mt_review.furniture import classify_text

    digits, dotted = "1" * 100_000, "a-b." * 25_000
    with no_hang():
        classify_text(f"Visit www.ex{digits}")
        _LAST_WORD.search(digits + " ")
        protected_spans(dotted, paths=True)
    assert _LAST_WORD.search("اجتمع في").group(1) == "في"


@pytest.mark.parametrize("line", ["a." * 90_000 + "a\n", "x = 1\n" + "[" + "t." * 90_000 + "t]\n"])
def test_toml_keys_dotted_too_deep_are_refused_fast(tmp_path, line):
    from mt_review.config import load_config

    cfg = tmp_path / "mt-review.toml"
    cfg.write_text(line)
    with no_hang(), pytest.raises(InputError, match="nested more than"):
        load_config(cfg)
    cfg.write_text('fail-on = "major"\nmin-score = 80.5\n')  # a clean twin (a dot in a value, not a key)
    load_config(cfg)


def test_untranslated_check_is_linear_in_latin_runs(tmp_path):
    """Fuzz finding (``fuzz_readers.py --seed 1015``, TSV input #34537): one target cell of
    54,000 one-letter Latin runs (``a@a@a@...``) took 59 s of CPU, each run scanning the
    whole segment again for its code token; the tokens are now found once per segment."""
    from tests.fuzz_inputs import check_one
    from tests.test_checks import findings

    cell = "a@" * 54_000 + "a"
    with no_hang(30):
        assert check_one("tsv", f'T["he city council met today.\t{cell}'.encode(), tmp_path) == "ok"
    # every run is still judged on its own: a code token copied from the source passes, the others do not
    en = "Timestamp of current fontconfig and GtkAdjustment configuration"
    ar = "لإعدادات fontconfig@x@GtkAdjustment أو cache و fontconfig الحالية"
    assert [f.tgt_span.text for f in findings(en, ar, "untranslated")] == ["x", "cache"]


def test_overlapping_occurrences_are_found_exactly_on_ordinary_and_periodic_texts():
    """``fingerprint.starts_of`` against a brute force: short random texts (the ``str.find``
    path), long periodic ones (the Knuth-Morris-Pratt path), and KMP from any start."""
    import random

    from mt_review.fingerprint import _kmp_starts, starts_of

    def brute(text, needle, begin=0):
        return [i for i in range(begin, len(text) - len(needle) + 1) if text.startswith(needle, i)]

    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice("ab") for _ in range(rng.randint(0, 60)))
        needle = "".join(rng.choice("ab") for _ in range(rng.randint(1, 5)))
        assert starts_of(text, needle) == brute(text, needle)
        begin = rng.randint(0, len(text))
        assert _kmp_starts(text, needle, begin) == brute(text, needle, begin)
    for text, needle in (("a" * 20_000, "a" * 300), ("ab" * 10_000, "abab" * 40 + "a"), ("1" * 9_000 + "?" + "1" * 30_000, "1" * 8_000)):
        assert starts_of(text, needle) == brute(text, needle)


def test_fingerprints_of_a_huge_repeated_number_take_linear_time(tmp_path):
    """Fuzz finding (``fuzz_readers.py --seed 1015`` on a quiet machine, TSV input #164738): a source
    with a 104,000-digit number beside a 28,000-digit one and a two-letter target took 7.3 s of CPU,
    4.6 s of it finding each overlapping occurrence of the missing number by ``str.find`` from the
    last hit.  A guard against hanging, not a timing: the exact occurrences are tested above."""
    from tests.fuzz_inputs import check_one

    source = 'T["he city council met t' + "{" * 14_000 + "1" * 28_000 + "?" + "1" * 104_000 + "{" * 10_000 + "oday."
    with no_hang(60):
        assert check_one("tsv", f"{source}\tاج".encode(), tmp_path) == "ok"
