"""``mt-review review --model DIR`` end to end with tiny random-weight Marian models.

The broken-model guard is switched off here (``--no-model-guard``): it would
rightly drop these models; tests/test_model_guard.py tests that.

The models are gibberish (random weights): these tests prove the plumbing --
pseudo-references, round trips, likelihoods and surprisal spans reach every
report format with the right characters marked -- never quality.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mt_review.cli import app
from tests.conftest import SEED_AR, SEED_DIR, SEED_EN

runner = CliRunner()
MODEL_SIGNALS = {"pseudo_chrf", "pseudo_chrfpp", "pseudo_bleu", "lp_tgt_given_src", "lp_tgt_worst",
                 "roundtrip_chrf", "lp_src_given_tgt"}


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A --model folder holding en-ar/ and ar-en/ (links to the shared tiny models)."""
    import torch

    from tests.tiny_marian import shared_tiny_marian

    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("models")
    for d in ("en-ar", "ar-en"):
        (root / d).symlink_to(shared_tiny_marian(d), target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def reports(model_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = runner.invoke(
        app,
        ["review", str(SEED_DIR), "--model", str(model_dir), "--embedder", "none", "--out", str(out),
         "--format", "json,md,html", "--fail-on", "none", "--cache", str(out / "cache.sqlite"), "-q",
         "--no-model-guard"],  # the random model is degenerate: keep its output to test the plumbing
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    return out


def _segments(data):
    return [s for p in data["pages"] for s in p["segments"]]


def test_json_has_translations_signals_and_model_signature(reports):
    data = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    both = [s for s in _segments(data) if s["src_spans"] and s["tgt_spans"]]
    assert both
    for s in both:
        assert set(s["translations"]) == {"en-ar", "ar-en"}
        assert MODEL_SIGNALS <= set(s["signals"])
        assert "embed_sim" not in s["signals"]  # no embedder: absent, not zero
    import jsonschema

    from mt_review.report.json_report import load_schema

    jsonschema.Draft202012Validator(load_schema()).validate(data)
    text = data["signature"]["text"]
    assert "en-ar=transformers:" in text and "ar-en=transformers:" in text


def test_surprisal_spans_point_at_the_right_arabic_characters(reports):
    data = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    ar_blocks = [b.strip() for b in re.split(r"\n\s*\n", SEED_AR.read_text(encoding="utf-8"))]
    found = 0
    for s in _segments(data):
        for f in s["findings"]:
            if f["check"] != "model_surprisal":
                continue
            found += 1
            sp = f["tgt_span"]
            assert f["category"] == "accuracy/mistranslation"
            assert "nats" in f["threshold"] and f["suggestion"]
            # the span's text is what the segment has at those block offsets
            base = 0
            for seg in s["tgt_spans"]:
                if seg["block"] == sp["block"] and seg["start"] <= sp["start"] < sp["end"] <= seg["end"]:
                    a = base + sp["start"] - seg["start"]
                    assert s["target"][a:a + sp["end"] - sp["start"]] == sp["text"]
                    break
                base += seg["end"] - seg["start"] + 1
            else:
                raise AssertionError(f"span {sp} outside its segment")
            assert sp["text"].strip() and sp["text"] in "\n".join(ar_blocks)
    assert found, "random weights: the model must be surprised somewhere"


def test_markdown_and_html_show_the_model_output(reports):
    data = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    md = (reports / "report.md").read_text(encoding="utf-8")
    html = (reports / "report.html").read_text(encoding="utf-8")
    assert "model_surprisal" in md
    assert "model_surprisal" in html and "<code>pseudo_chrf</code>" in html and "<code>roundtrip_chrf</code>" in html
    assert "closeness to the model&#x27;s own translation" in html  # the measurement in plain words
    # the surprisal spans are marked in the Arabic cells
    spans = [f["tgt_span"]["text"] for s in _segments(data) for f in s["findings"]
             if f["check"] == "model_surprisal"]
    assert spans
    marked = "".join(unescape(m) for m in re.findall(r"<mark[^>]*>([^<]*)</mark>", html))
    assert all(sp in marked for sp in spans)
    assert "The en→ar model finds" in unescape(html)  # the mark's title / finding message


def test_without_models_no_model_signals(tmp_path):
    res = runner.invoke(
        app,
        ["review", str(SEED_EN), str(SEED_AR), "--no-models", "--embedder", "none", "--out", str(tmp_path),
         "--format", "json", "--fail-on", "none", "-q"],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    for s in _segments(data):
        assert not MODEL_SIGNALS & set(s["signals"]) and not s["translations"]
        assert not [f for f in s["findings"] if f["check"].startswith("model_")]


def test_one_direction_only(model_dir, tmp_path):
    only = tmp_path / "m"
    only.mkdir()
    (only / "ar-en").symlink_to((model_dir / "ar-en").resolve(), target_is_directory=True)
    res = runner.invoke(
        app,
        ["review", str(SEED_EN), str(SEED_AR), "--model", str(only), "--embedder", "none", "--out", str(tmp_path / "o"),
         "--format", "json", "--fail-on", "none", "--cache", str(tmp_path / "c.sqlite"), "-q", "--no-model-guard"],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    both = [s for s in _segments(data) if s["src_spans"] and s["tgt_spans"]]
    for s in both:
        assert "roundtrip_chrf" in s["signals"] and "lp_src_given_tgt" in s["signals"]
        assert not {"pseudo_chrf", "lp_tgt_given_src"} & set(s["signals"])
        assert set(s["translations"]) == {"ar-en"}
