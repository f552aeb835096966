"""``-`` reads one bilingual file from standard input; ``--fail-on-unpaired`` fails the gate on pages with no twin."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mt_review.errors import InputError
from mt_review.ingest.stdin import read_stdin, read_stdin_pair
from tests.conftest import ROOT
from tests.fuzz_inputs import _JSONL, _PO, _TSV

XLIFF = (ROOT / "tests" / "fixtures" / "ingest" / "nlc-workshop.xlf").read_bytes()
FORMATS = "json,md,html,junit,sarif,email"
BILINGUAL = {"xliff": ("job.xlf", XLIFF), "po": ("site.po", _PO.encode()), "jsonl": ("units.jsonl", _JSONL.encode()),
             "tsv": ("units.tsv", _TSV.encode())}


def _cli(args, cwd, stdin: bytes | None = None):
    env = {"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin",
           "HOME": str(cwd), "MT_REVIEW_CACHE_DIR": str(cwd / ".cache")}
    return subprocess.run([sys.executable, "-m", "mt_review", *args], cwd=cwd, env=env, input=stdin,
                          stdin=subprocess.DEVNULL if stdin is None else None, capture_output=True, timeout=300)


def _review(args, cwd, stdin=None):
    return _cli(["review", *args, "--no-models", "--embedder", "none", "--fail-on", "none", "-f", FORMATS], cwd, stdin)


def _reports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _same_apart_from_the_path(disk: dict[str, bytes], piped: dict[str, bytes], path: str) -> None:
    assert disk.keys() == piped.keys() and len(disk) >= 5
    for name, data in disk.items():
        if name.endswith(".eml"):  # its Message-ID is a digest of the text, paths included
            continue
        assert data != piped[name] or path.encode() not in data
        if data != piped[name]:
            shown = {"report.json": '"path": "{}"', "junit.xml": 'file="{}"', "report.sarif": '"uri": "{}"',
                     "report.md": "`{}`", "report.html": '<code dir="auto">{}</code>'}[name]
            assert data.replace(shown.format(path).encode(), shown.format("-").encode()) == piped[name], name


@pytest.mark.parametrize("kind", sorted(BILINGUAL))
def test_stdin_reports_are_those_of_the_file_apart_from_its_path(tmp_path, kind):
    name, data = BILINGUAL[kind]
    (tmp_path / name).write_bytes(data)
    disk = _review([name, "--out", "disk"], tmp_path)
    assert disk.returncode == 0, disk.stderr
    named = _review(["-", "--stdin-name", name, "--out", "named"], tmp_path, data)
    assert named.returncode == 0, named.stderr
    _same_apart_from_the_path(_reports(tmp_path / "disk"), _reports(tmp_path / "named"), name)
    # without a name the format comes from the content, and the page is called "stdin"
    ext = Path(name).suffix
    shutil.copy(tmp_path / name, tmp_path / f"stdin{ext}")
    assert _review([f"stdin{ext}", "--out", "disk2"], tmp_path).returncode == 0
    sniffed = _review(["-", "--out", "sniffed"], tmp_path, data)
    assert sniffed.returncode == 0, sniffed.stderr
    _same_apart_from_the_path(_reports(tmp_path / "disk2"), _reports(tmp_path / "sniffed"), f"stdin{ext}")
    assert json.loads((tmp_path / "sniffed" / "report.json").read_bytes())["pages"][0]["name"] == "stdin"


@pytest.mark.parametrize(
    "stdin, args, says",
    [
        (b"", [], "-: standard input is empty"),
        (b"  \n\t\n", [], "-: standard input is empty (only whitespace)"),
        (_TSV.encode() * 40, ["--max-bytes", "1000"], "-: standard input is over the size limit of 1,000 bytes"),
        (b"The council met today.\n", [], "-: standard input reads as text; '-' takes one bilingual file"),
        (XLIFF, ["--write-xliff", "out.xlf"], "standard input cannot be written back"),
        (_TSV.encode(), ["--stdin-name", "units.jsonl"], "-: line 1"),  # the JSONL reader's, named for stdin
    ],
)
def test_bad_standard_input_is_one_error_line_and_exit_2(tmp_path, stdin, args, says):
    proc = _review(["-", *args, "--out", "out"], tmp_path, stdin)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith("mt-review: error: ") and says in err, err
    assert not (tmp_path / "out").exists()


def test_dash_must_be_the_only_input(tmp_path):
    (tmp_path / "units.tsv").write_bytes(_TSV.encode())
    proc = _review(["-", "units.tsv"], tmp_path, _TSV.encode())
    assert proc.returncode == 2 and "must be the only input" in proc.stderr.decode()


class _Endless(io.RawIOBase):
    """A stream that never ends, counting what was read from it."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        assert n is not None and n > 0, "an unbounded read"
        self.served += n
        return b"x" * n


def test_reading_stops_one_byte_past_the_limit():
    stream = _Endless()
    with pytest.raises(InputError, match="over the size limit of 5,000,000 bytes"):
        read_stdin(5_000_000, stream)  # type: ignore[arg-type]
    assert stream.served == 5_000_001


def test_a_terminal_on_standard_input_is_refused_not_waited_for(monkeypatch):
    class Tty(io.BytesIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    with pytest.raises(InputError, match="standard input is a terminal"):
        read_stdin_pair(1000)


# --------------------------------------------------------------------------- --fail-on-unpaired


def _export(tmp_path: Path) -> Path:
    export = tmp_path / "export"
    export.mkdir()
    shutil.copy(ROOT / "corpora/strongcities/strongcities-nlc-workshop.en.txt", export / "page.en.txt")
    shutil.copy(ROOT / "corpora/strongcities/strongcities-nlc-workshop.ar.txt", export / "page.ar.txt")
    (export / "lonely.en.txt").write_text("A page whose Arabic twin was never published.\n", encoding="utf-8")
    return export


def test_unpaired_pages_fail_the_gate_only_when_asked(tmp_path):
    _export(tmp_path)
    plain = _review(["export", "--out", "plain"], tmp_path)
    assert plain.returncode == 0, plain.stderr
    strict = _review(["export", "--out", "strict", "--fail-on-unpaired"], tmp_path)
    assert strict.returncode == 1, strict.stderr
    err = strict.stderr.decode()
    assert "mt-review: gate failed: export/lonely.en.txt: no twin in the other language (fail-on-unpaired)" in err
    doc = json.loads((tmp_path / "strict" / "report.json").read_bytes())
    assert doc["gate"]["failed"] and doc["signature"]["thresholds"]["fail_on_unpaired"] is True
    assert "fail_on_unpaired" not in json.loads((tmp_path / "plain" / "report.json").read_bytes())["signature"]["thresholds"]
    # JUnit: the unpaired file is a failure, not a skip
    suite = ET.parse(tmp_path / "strict" / "junit.xml").getroot()
    case = next(c for c in suite.iter("testcase") if c.get("classname") == "mt-review.unpaired")
    assert case.find("failure") is not None and case.find("skipped") is None
    assert suite.get("failures") == "1" and suite.get("skipped") == "0"
    plain_suite = ET.parse(tmp_path / "plain" / "junit.xml").getroot()
    assert plain_suite.get("failures") == "0" and plain_suite.get("skipped") == "1"


def test_fail_on_unpaired_from_the_configuration_file(tmp_path):
    _export(tmp_path)
    (tmp_path / "mt-review.toml").write_text("fail-on-unpaired = true\n", encoding="utf-8")
    proc = _review(["export", "--out", "out"], tmp_path)
    assert proc.returncode == 1 and "(fail-on-unpaired)" in proc.stderr.decode()
    (tmp_path / "mt-review.toml").write_text('fail-on-unpaired = "yes"\n', encoding="utf-8")
    bad = _review(["export", "--out", "out"], tmp_path)
    assert bad.returncode == 2 and "'fail-on-unpaired' must be true or false" in bad.stderr.decode()
