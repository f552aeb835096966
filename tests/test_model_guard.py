"""Broken-model guard: degenerate output leaves the scoring with one notice; good output is untouched."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from mt_review.cli import app
from mt_review.translate import guard as G
from tests.conftest import SEED_DIR
from tests.tiny_marian import ARABIC, ENGLISH

runner = CliRunner()


def test_each_symptom_and_its_clean_twin():
    assert G.has_loop("الشبالشبالشبالشبالشب")
    assert not G.has_loop("الشبكة العالمية للمدن")
    assert not G.has_loop("The figures rose from 1000 to 2000 ........")  # digits and dots are not a loop
    assert G.wrong_script("en-ar", "Fres Fres internu") and not G.wrong_script("en-ar", "تعاونت المدن مع IIJ")
    assert G.wrong_script("ar-en", "تعاونت المدن") and not G.wrong_script("ar-en", "Cities worked with IIJ")
    assert G.length_off("Read more.", "x" * 40) and not G.length_off("Read more.", "اقرأ المزيد.")
    assert G.lost("ar-en", "حضر 12 رئيس بلدية من IIJ", "Twelve mayors attended") is True
    assert G.lost("ar-en", "حضر ١٢ رئيس بلدية من IIJ", "12 mayors of the IIJ attended") is False
    assert G.lost("en-ar", "Read more.", "اقرأ المزيد.") is None


def test_human_translations_do_not_trip_the_guard():
    g = G.ModelGuard()
    assert not g.judge("en-ar", ENGLISH, ARABIC, "good-en-ar")
    assert not g.judge("ar-en", ARABIC, ENGLISH, "good-ar-en")
    assert g.notices() == []


def test_degenerate_output_is_judged_broken_and_named():
    g = G.ModelGuard()
    loops = ["لتلتلتلتلتلتلتلت" * 3 for _ in ENGLISH]
    assert g.judge("en-ar", ENGLISH, loops, "transformers:bad@1")
    (notice,) = g.notices()
    assert "en-ar model transformers:bad@1" in notice and "degenerate" in notice and "repetition loops" in notice
    assert g.verdicts()[0].loops == len(ENGLISH)


def test_random_model_review_gets_one_notice_and_no_model_findings(tmp_path):
    import torch

    from tests.tiny_marian import shared_tiny_marian

    torch.set_num_threads(1)
    models = tmp_path / "models"
    models.mkdir()
    for d in ("en-ar", "ar-en"):
        (models / d).symlink_to(shared_tiny_marian(d), target_is_directory=True)
    out = tmp_path / "out"
    res = runner.invoke(app, ["review", str(SEED_DIR), "--model", str(models), "--embedder", "none", "--out",
                              str(out), "--format", "json", "--fail-on", "none", "--cache",
                              str(tmp_path / "c.sqlite"), "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    degenerate = [n for n in data["notices"] if "degenerate output" in n]
    # the shipped calibration's model weights are priors, and the report says how to fit one
    assert [n for n in data["notices"] if "documented priors" in n and "mt-review calibrate" in n]
    for direction in ("en-ar", "ar-en"):
        named = [n for n in degenerate if f"the {direction} model transformers:" in n]
        assert len(named) == 1, data["notices"]
        assert "left out of the scoring" in named[0]
    segments = [s for p in data["pages"] for s in p["segments"]]
    assert segments
    for s in segments:
        assert not [f for f in s["findings"] if f["check"] in ("model_surprisal", "model_divergence")]
        assert not {"pseudo_chrf", "roundtrip_chrf", "lp_tgt_given_src", "lp_src_given_tgt"} & set(s["signals"])
        assert not s["translations"]
