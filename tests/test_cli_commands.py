"""The smaller commands: align, models list/convert/pull."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from mt_review.cli import app
from tests.conftest import SEED_AR, SEED_EN

runner = CliRunner()


def test_align_prints_tsv_with_link_types_and_confidence():
    res = runner.invoke(app, ["align", str(SEED_EN), str(SEED_AR), "--embedder", "none"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout), delimiter="\t"))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["link", "confidence", "src", "tgt"]
    assert all(r[0] in {"1-1", "1-2", "2-1", "2-2", "1-0", "0-1"} for r in body)
    assert all(0.0 <= float(r[1]) <= 1.0 for r in body)
    surabaya = [r for r in body if "On the first day" in r[2]]
    assert surabaya and "دعا اليوم الأول" in surabaya[0][3]
    assert not any("WPML" in r[3] for r in body), "the MT notice is furniture, not an aligned sentence"


def test_align_json_and_bad_format():
    res = runner.invoke(app, ["align", str(SEED_EN), str(SEED_AR), "--embedder", "none", "--format", "json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["mode"] == "anchors+length"
    res = runner.invoke(app, ["align", str(SEED_EN), str(SEED_AR), "--format", "xml"])
    assert res.exit_code == 2 and "tsv or json" in res.stderr


def test_align_refuses_swapped_sides():
    res = runner.invoke(app, ["align", str(SEED_AR), str(SEED_EN), "--embedder", "none"])
    assert res.exit_code == 2 and "swapped" in res.stderr.lower()


def test_models_list_finds_nothing_in_an_empty_cache():
    res = runner.invoke(app, ["models", "list"])
    assert res.exit_code == 0 and "no translation models" in res.stdout


def test_models_pull_offline_fails_with_exit_2():
    res = runner.invoke(app, ["models", "pull", "Helsinki-NLP/opus-mt-en-ar"])
    assert res.exit_code == 2
    assert len([l for l in res.stderr.splitlines() if l.strip()]) == 1


def test_models_convert_writes_a_ctranslate2_model(tiny_marian_dir, tmp_path):
    out = tmp_path / "ct2"
    res = runner.invoke(app, ["models", "convert", str(tiny_marian_dir), str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "model.bin").is_file()
