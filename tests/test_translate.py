"""Re-translation engine: tiny random Marian models, no network."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import time
import warnings
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")

from mt_review.errors import ModelUnavailable  # noqa: E402
from mt_review.translate import (  # noqa: E402
    DecodingSettings,
    TokenScores,
    list_models,
    load_translators,
    resolve_model,
)
from mt_review.translate.base import length_batches  # noqa: E402
from mt_review.translate.cache import CachedTranslator, TranslationCache  # noqa: E402
from mt_review.translate.hf_backend import TransformersTranslator  # noqa: E402
from mt_review.translate.models import folder_revision, pull_model  # noqa: E402
from mt_review.translate.vocab import piece_offsets  # noqa: E402
try:  # noqa: E402
    from tests.tiny_marian import build_tiny_marian
except ImportError:  # tests/ itself on sys.path
    from tiny_marian import build_tiny_marian  # type: ignore[no-redef]

EN = [
    "The workshop was important.",
    "Hello",
    "Participants came from Malaysia, the Philippines and Indonesia, along with several international speakers.",
    "Responding to a Terrorist Attack",
    "",
    "On the first day, participants were invited to share their views.",
    "Contact us by email for more information.",
    "A",
    "The number of participants increased from 40 to 120 between 2019 and 2023.",
]
AR = [
    "كانت ورشة العمل خطوة تالية مهمة.",
    "مرحبا",
    "جاء المشاركون من ماليزيا والفلبين وإندونيسيا، ومجموعة من المتحدثين الدوليين.",
    "الاستجابة لهجوم إرهابي",
    "",
    "دعا اليوم الأول المشاركين إلى تبادل وجهات نظرهم.",
    "اتصل بنا عبر البريد الإلكتروني  لمزيد من المعلومات 😀 ﻻ",
    "أ",
    "ارتفع عدد المشاركين من 40 إلى 120 بين عامي 2019 و2023.",
]


@pytest.fixture(scope="module", autouse=True)
def _few_threads():
    import torch

    old = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(old)


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory) -> Path:
    """A tiny en-ar Marian with >>ara<< style language tokens (built once per module)."""
    return build_tiny_marian(tmp_path_factory.mktemp("tiny") / "tiny-en-ar", with_lang_token=True)


@pytest.fixture(scope="module")
def tiny_plain_dir(tmp_path_factory) -> Path:
    """A tiny ar-en Marian without language tokens."""
    return build_tiny_marian(tmp_path_factory.mktemp("tiny") / "tiny-ar-en", direction="ar-en")


@pytest.fixture(scope="module")
def hf(tiny_dir) -> TransformersTranslator:
    return TransformersTranslator(tiny_dir, direction="en-ar", threads=1, batch_tokens=64)


@pytest.fixture(scope="module")
def ct2_dir(tiny_dir, tmp_path_factory) -> Path:
    pytest.importorskip("ctranslate2")
    from mt_review.translate.ct2_backend import convert_model

    return convert_model(tiny_dir, tmp_path_factory.mktemp("ct2") / "tiny-f32", "float32")


@pytest.fixture()
def isolated_env(tmp_path, monkeypatch):
    """Empty hub cache, offline, converted models and translation cache under tmp."""
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.delenv("HUGGINGFACE_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("MT_REVIEW_MODELS_DIR", str(tmp_path / "ct2"))
    monkeypatch.setenv("MT_REVIEW_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


# -- batching -------------------------------------------------------------------
def test_length_batches_cover_every_index_once_within_budget():
    lengths = [5, 1, 40, 7, 7, 300, 2, 9, 0, 33]
    batches = list(length_batches(lengths, batch_tokens=50, max_batch_size=3))
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    for b in batches:
        assert len(b) <= 3
        longest = max(max(1, lengths[i]) for i in b)
        assert len(b) == 1 or longest * len(b) <= 50
    # longest first
    assert flat[0] == 5


def test_translate_restores_order_after_length_sorting(hf):
    batched = hf.translate(EN)
    alone = [hf.translate([t])[0] for t in EN]
    assert batched == alone
    assert len(batched) == len(EN)
    assert batched[EN.index("")] == ""
    nonempty = [o for t, o in zip(EN, batched) if t]
    assert all(nonempty) and len(set(nonempty)) > 3  # inputs really differ in output
    # reversed input -> reversed output
    assert hf.translate(EN[::-1]) == batched[::-1]


def test_translate_is_deterministic(tiny_dir, hf):
    other = TransformersTranslator(tiny_dir, direction="en-ar", threads=1, batch_tokens=4096)
    assert other.translate(EN) == hf.translate(EN) == hf.translate(EN)
    assert other.info.revision == hf.info.revision


def test_progress_reports_every_segment(hf):
    seen: list[tuple[int, int]] = []
    hf.translate(EN, progress=lambda d, n: seen.append((d, n)))
    assert seen[-1] == (len(EN), len(EN))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


# -- language token ---------------------------------------------------------------
def test_lang_token_is_prepended_when_the_vocab_has_them(hf, tiny_dir, tiny_plain_dir):
    assert hf.info.lang_token == ">>ara<<"
    assert hf.vocab.encode_source("Hello", 256)[0] == ">>ara<<"
    arz = TransformersTranslator(tiny_dir, direction="en-ar", threads=1, lang_token="arz")
    assert arz.vocab.encode_source("Hello", 256)[0] == ">>arz<<"
    assert arz.info.cache_namespace() != hf.info.cache_namespace()
    with pytest.raises(ModelUnavailable, match="fra"):
        TransformersTranslator(tiny_dir, direction="en-ar", threads=1, lang_token=">>fra<<")
    plain = TransformersTranslator(tiny_plain_dir, direction="ar-en", threads=1)
    assert plain.info.lang_token is None
    src = plain.vocab.encode_source("مرحبا", 256)
    assert src[-1] == "</s>" and not src[0].startswith(">>")
    assert plain.translate(["مرحبا بكم"])[0]


def test_lang_tokens_never_appear_in_output(hf):
    for out in hf.translate(EN):
        assert ">>" not in out and "</s>" not in out and "<pad>" not in out
        assert "\u2581" not in out and "  " not in out and out == out.strip()


# -- scoring ----------------------------------------------------------------------
def _check_scores(sc: TokenScores, target: str) -> None:
    n = len(sc.tokens)
    assert n == len(sc.logprobs) == len(sc.offsets) >= 1
    assert sc.tokens[-1] == "</s>"
    assert all(lp <= 1e-6 for lp in sc.logprobs)
    prev = 0
    for tok, (a, b) in zip(sc.tokens, sc.offsets):
        assert 0 <= a <= b <= len(target)
        assert a >= prev  # spans move forward (two pieces may share one char: NFKC ligatures)
        prev = a
        surface = tok.lstrip("\u2581")
        if a < b and tok != "<unk>":
            import unicodedata

            assert unicodedata.normalize("NFKC", target[a:b]).startswith(surface) or surface in unicodedata.normalize(
                "NFKC", target[a:b]
            ) or target[a:b] in surface


def test_score_shapes_and_offsets(hf):
    scores = hf.score(EN, AR)
    assert len(scores) == len(AR)
    for sc, tgt in zip(scores, AR):
        _check_scores(sc, tgt)
        assert sc.best_tokens is not None and len(sc.best_tokens) == len(sc.tokens)
        assert all(b >= lp - 1e-5 for b, lp in zip(sc.best_logprobs, sc.logprobs))
    # the visible pieces cover every non-space character of a plain target
    sc = scores[0]
    covered = set()
    for a, b in sc.offsets:
        covered.update(range(a, b))
    assert covered == {i for i, ch in enumerate(AR[0]) if not ch.isspace()}
    assert scores[EN.index("")].tokens == ("</s>",)


def test_score_is_independent_of_batching(hf):
    together = hf.score(EN, AR)
    for s, t, sc in zip(EN, AR, together):
        alone = hf.score([s], [t])[0]
        assert alone.tokens == sc.tokens and alone.offsets == sc.offsets
        assert alone.logprobs == pytest.approx(sc.logprobs, abs=1e-4)


def test_piece_offsets_survive_normalization():
    text = "  ﻻ x\u00a0ﬁn  ٣ done"
    pieces = ["▁ل", "ا", "▁x", "▁fi", "n", "▁", "٣", "▁do", "ne"]
    spans = piece_offsets(text, pieces)
    got = [text[a:b] for a, b in spans]
    assert got == ["ﻻ", "ﻻ", "x", "ﬁ", "n", "", "٣", "do", "ne"]
    # a piece that matches nothing gets an empty span and does not derail the rest
    spans = piece_offsets("abc def", ["▁abc", "▁zzz", "▁def"])
    assert [("abc def")[a:b] for a, b in spans] == ["abc", "", "def"]


def test_score_rejects_mismatched_lengths(hf):
    with pytest.raises(ValueError):
        hf.score(["a", "b"], ["c"])


# -- bounded lengths ----------------------------------------------------------------
def test_huge_input_is_truncated_and_output_capped(tiny_dir):
    t = TransformersTranslator(tiny_dir, direction="en-ar", threads=1,
                               decoding=DecodingSettings(max_input_tokens=64, max_output_tokens=40))
    calls: list[tuple[int, int]] = []
    orig = t._run_translate

    def spy(sources, max_output):
        calls.append((max(len(s) for s in sources), max_output))
        out = orig(sources, max_output)
        assert all(len(h) <= max_output for h in out)
        return out

    t._run_translate = spy  # type: ignore[method-assign]
    huge = " ".join(["Participants came from Malaysia and the Philippines."] * 800)
    start = time.perf_counter()
    out = t.translate([huge, "Hello"])
    assert time.perf_counter() - start < 30
    assert out[0]
    assert max(n for n, _ in calls) <= 64
    assert max(m for _, m in calls) <= 40
    sc = t.score([huge], [huge])[0]
    assert len(sc.tokens) <= 40 and sc.truncated
    assert DecodingSettings().output_cap(3) == 16 and DecodingSettings().output_cap(10_000) == 512


# -- CTranslate2 ----------------------------------------------------------------------
def test_ct2_matches_transformers_greedy_and_scores(tiny_dir, ct2_dir, hf):
    from mt_review.translate.ct2_backend import CT2Translator

    ct = CT2Translator(ct2_dir, direction="en-ar", threads=1, compute_type="float32", batch_tokens=64)
    assert ct.info.engine == "ctranslate2"
    assert ct.info.revision == folder_revision(tiny_dir)  # carried over from the source folder
    assert ct.translate(EN) == hf.translate(EN)
    a, b = hf.score(EN, AR), ct.score(EN, AR)
    for x, y in zip(a, b):
        assert x.tokens == y.tokens and x.offsets == y.offsets
        assert y.logprobs == pytest.approx(x.logprobs, abs=1e-3)
        assert y.best_tokens is None
    # beam search agrees too on this model
    beam = DecodingSettings(beam_size=3)
    hf4 = TransformersTranslator(tiny_dir, direction="en-ar", threads=1, decoding=beam)
    ct4 = CT2Translator(ct2_dir, direction="en-ar", threads=1, compute_type="float32", decoding=beam)
    assert ct4.translate(EN[:4]) == hf4.translate(EN[:4])


def test_ct2_int8_conversion_runs(tiny_dir, tmp_path, hf):
    from mt_review.translate.ct2_backend import CT2Translator, convert_model

    out = convert_model(tiny_dir, tmp_path / "int8", "int8")
    assert (out / "model.bin").is_file() and (out / "source.spm").is_file()
    ct = CT2Translator(out, direction="en-ar", threads=1)
    assert ct.info.compute_type.startswith("int8")
    res = ct.translate(EN)
    assert len(res) == len(EN) and all(r for r, t in zip(res, EN) if t)
    sc = ct.score(EN[:3], AR[:3])
    ref = hf.score(EN[:3], AR[:3])
    for x, y in zip(sc, ref):
        assert x.tokens == y.tokens
        assert sum(x.logprobs) == pytest.approx(sum(y.logprobs), rel=0.2)


# -- cache ------------------------------------------------------------------------------
def test_cache_hit_miss_and_rerun_translates_nothing(tiny_dir, tmp_path):
    inner = TransformersTranslator(tiny_dir, direction="en-ar", threads=1)
    cache = TranslationCache(tmp_path / "c.sqlite3")
    cached = CachedTranslator(inner, cache)
    first = cached.translate(EN)
    assert inner.model_calls > 0
    calls, segs = inner.model_calls, inner.segments_translated
    assert cached.translate(EN) == first
    assert (inner.model_calls, inner.segments_translated) == (calls, segs)
    # one new text: only it is translated
    assert cached.translate(EN + ["A brand new sentence."])[:-1] == first
    assert inner.segments_translated == segs + 1
    # scores are cached too, and survive a JSON round trip exactly
    s1 = cached.score(EN, AR)
    calls = inner.model_calls
    s2 = cached.score(EN, AR)
    assert inner.model_calls == calls and s1 == s2
    # a new process (new connection) sees the same cache
    cache.close()
    inner2 = TransformersTranslator(tiny_dir, direction="en-ar", threads=1)
    again = CachedTranslator(inner2, TranslationCache(tmp_path / "c.sqlite3"))
    assert again.translate(EN) == first and inner2.model_calls == 0
    assert sqlite3.connect(tmp_path / "c.sqlite3").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_cache_is_invalidated_by_settings_and_revision(tmp_path):
    folder = build_tiny_marian(tmp_path / "m", seed=0)
    cache = TranslationCache(tmp_path / "c.sqlite3")
    t0 = TransformersTranslator(folder, direction="en-ar", threads=1)
    CachedTranslator(t0, cache).translate(EN[:3])
    # other decoding settings: a miss
    t_beam = TransformersTranslator(folder, direction="en-ar", threads=1, decoding=DecodingSettings(beam_size=2))
    CachedTranslator(t_beam, cache).translate(EN[:3])
    assert t_beam.model_calls > 0
    # same folder, retrained (new weights): a new revision, a miss
    time.sleep(0.01)
    build_tiny_marian(folder, seed=1)
    t1 = TransformersTranslator(folder, direction="en-ar", threads=1)
    assert t1.info.revision != t0.info.revision
    CachedTranslator(t1, cache).translate(EN[:3])
    assert t1.model_calls > 0


def test_corrupt_cache_is_set_aside_and_rebuilt(tiny_dir, tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache = TranslationCache(path)
    assert caught and any("corrupt" in str(w.message) or "unusable" in str(w.message) for w in caught)
    assert cache.notices
    assert list(tmp_path.glob("c.sqlite3.corrupt-*"))
    inner = TransformersTranslator(tiny_dir, direction="en-ar", threads=1)
    t = CachedTranslator(inner, cache)
    assert t.translate(EN[:2]) == inner.translate(EN[:2])
    calls = inner.model_calls
    t.translate(EN[:2])
    assert inner.model_calls == calls


def test_cache_damaged_while_open_does_not_crash(tiny_dir, tmp_path):
    path = tmp_path / "c.sqlite3"
    inner = TransformersTranslator(tiny_dir, direction="en-ar", threads=1)
    cache = TranslationCache(path)
    t = CachedTranslator(inner, cache)
    first = t.translate(EN[:3])
    cache.conn.execute("DROP TABLE translations")  # a schema the cache no longer understands
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert t.translate(EN[:3]) == first


# -- models on the machine -------------------------------------------------------------
def _fake_hub_snapshot(hub: Path, model_id: str, src: Path, commit: str = "a" * 40) -> Path:
    repo = hub / ("models--" + model_id.replace("/", "--"))
    snap = repo / "snapshots" / commit
    shutil.copytree(src, snap)
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(commit)
    return snap


def test_offline_notice_is_one_clear_line_and_fast(isolated_env):
    start = time.perf_counter()
    translators, notices = load_translators(en_ar="Helsinki-NLP/opus-mt-en-ar", ar_en="none")
    assert time.perf_counter() - start < 5
    assert translators == {}
    assert len(notices) == 1 and "\n" not in notices[0]
    line = notices[0]
    assert line.startswith("no en-ar model: Helsinki-NLP/opus-mt-en-ar is not in the local cache")
    assert "unreachable (offline" in line
    assert "mt-review models pull Helsinki-NLP/opus-mt-en-ar" in line and "--model-en-ar PATH" in line


def test_defaults_offline_give_one_notice_per_direction(isolated_env):
    translators, notices = load_translators()
    assert translators == {} and len(notices) == 2
    assert notices[0].startswith("no en-ar model:") and notices[1].startswith("no ar-en model:")


def test_require_raises_model_unavailable(isolated_env):
    with pytest.raises(ModelUnavailable, match="no en-ar model"):
        load_translators(en_ar="Helsinki-NLP/opus-mt-en-ar", ar_en="none", require=True)
    with pytest.raises(ModelUnavailable, match="not a folder"):
        load_translators(en_ar=str(isolated_env / "missing" / "folder"), ar_en="none", require=True)


def test_pull_offline_fails_fast_and_clearly(isolated_env):
    start = time.perf_counter()
    with pytest.raises(ModelUnavailable, match="unreachable"):
        pull_model("Helsinki-NLP/opus-mt-en-ar")
    assert time.perf_counter() - start < 5


def test_hub_cache_models_are_found_offline(isolated_env, tiny_dir, tiny_plain_dir):
    hub = isolated_env / "hf" / "hub"
    snap = _fake_hub_snapshot(hub, "Tiny-NLP/opus-mt-en-ar", tiny_dir, "b" * 40)
    _fake_hub_snapshot(hub, "Tiny-NLP/opus-mt-ar-en", tiny_plain_dir, "c" * 40)
    assert resolve_model("Tiny-NLP/opus-mt-en-ar", "en-ar") == snap
    found = {m.model_id: m for m in list_models()}
    assert found["Tiny-NLP/opus-mt-en-ar"].revision == "b" * 40
    assert found["Tiny-NLP/opus-mt-en-ar"].direction == "en-ar"
    assert found["Tiny-NLP/opus-mt-ar-en"].direction == "ar-en"
    translators, notices = load_translators("Tiny-NLP/opus-mt-en-ar", "Tiny-NLP/opus-mt-ar-en",
                                            engine="transformers", threads=1)
    assert notices == []
    info = translators["en-ar"].info
    assert (info.model_id, info.revision, info.engine, info.direction) == (
        "Tiny-NLP/opus-mt-en-ar", "b" * 40, "transformers", "en-ar")
    assert info.signature == f"transformers:Tiny-NLP/opus-mt-en-ar@{'b' * 12}"
    assert translators["ar-en"].translate(["مرحبا"])[0]


def test_engine_auto_uses_a_converted_model(isolated_env, tiny_dir):
    pytest.importorskip("ctranslate2")
    from mt_review.translate import convert

    hub = isolated_env / "hf" / "hub"
    _fake_hub_snapshot(hub, "Tiny-NLP/opus-mt-en-ar", tiny_dir, "d" * 40)
    translators, _ = load_translators("Tiny-NLP/opus-mt-en-ar", "none", threads=1)
    assert translators["en-ar"].info.engine == "transformers"  # nothing converted yet
    out = convert("Tiny-NLP/opus-mt-en-ar", quantization="int8")
    assert out.parent == isolated_env / "ct2"
    translators, notices = load_translators("Tiny-NLP/opus-mt-en-ar", "none", threads=1)
    info = translators["en-ar"].info
    assert notices == [] and info.engine == "ctranslate2" and info.revision == "d" * 40
    assert info.model_id == "Tiny-NLP/opus-mt-en-ar"
    kinds = {(m.model_id, m.engine) for m in list_models()}
    assert ("Tiny-NLP/opus-mt-en-ar", "ctranslate2") in kinds and ("Tiny-NLP/opus-mt-en-ar", "transformers") in kinds
    # a local folder works as well, and the cache is where we said
    translators, _ = load_translators(str(tiny_dir), "none", engine="transformers", threads=1)
    translators["en-ar"].translate(["Hello"])
    assert (isolated_env / "cache" / "cache.sqlite3").is_file()


def test_folder_revision():
    assert folder_revision(Path("/x/models--a--b/snapshots/" + "e" * 40)) == "e" * 40


def test_model_info_is_frozen(hf):
    with pytest.raises(dataclasses.FrozenInstanceError):
        hf.info.engine = "x"  # type: ignore[misc]
    assert os.environ.get("HF_HUB_OFFLINE") in (None, "", "0", "1")


def test_unreachable_hub_without_offline_flag_fails_fast(isolated_env, monkeypatch):
    from mt_review.translate import models

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens on the discard port
    models._PROBES.clear()
    start = time.perf_counter()
    translators, notices = load_translators(en_ar="Helsinki-NLP/opus-mt-en-ar", ar_en="Helsinki-NLP/opus-mt-ar-en")
    assert time.perf_counter() - start < 10
    assert translators == {} and len(notices) == 2
    assert "is not in the local cache and the hub is unreachable (offline: 127.0.0.1 unreachable" in notices[0]
    models._PROBES.clear()


def test_limits_fit_the_models_position_table(tiny_dir):
    """A long segment must not run past the position embeddings (an IndexError in generation)."""
    import json as _json

    from mt_review.translate.hf_backend import TransformersTranslator

    positions = _json.loads((Path(tiny_dir) / "config.json").read_text())["max_position_embeddings"]
    tr = TransformersTranslator(tiny_dir, decoding=DecodingSettings(max_input_tokens=10_000, max_output_tokens=10_000))
    assert tr.info.decoding.max_output_tokens <= positions - 2
    assert tr.info.decoding.max_input_tokens <= positions
    long_text = " ".join(["the workshop brought together officials from three countries"] * 200)
    (out,) = tr.translate([long_text])
    assert isinstance(out, str)
