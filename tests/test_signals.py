"""Model-based signals: Arabic normalisation, string metrics, surprisal spans, plumbing with tiny models."""

from __future__ import annotations

import pytest

from mt_review.model import AlignedPair, Segment, Severity, Span
from mt_review.score import signals as S
from mt_review.score.arabic import normalize, normalize_arabic
from mt_review.translate.base import TokenScores


# ----------------------------------------------------------------- Arabic normalisation


@pytest.mark.parametrize(
    "raw, want",
    [
        ("مُدَرِّسَةٌ", "مدرسه"),  # harakat removed, ة -> ه
        ("العـــربية", "العربيه"),  # tatweel removed
        ("أحمد إلى آخر ٱلكتاب", "احمد الي اخر الكتاب"),  # alef variants, ى -> ي
        ("هٰذا", "هذا"),  # dagger alef removed
        ("مسؤول ٣ رئيس", "مسؤول ٣ رئيس"),  # hamza on waw/yeh and digits kept
    ],
)
def test_normalisation_rules(raw, want):
    assert normalize(raw) == want


def test_offsets_survive_normalisation():
    raw = "قالَ المُدِيـــرُ إنَّ الوِرْشَةَ مُهِمَّةٌ جداً"
    n = normalize_arabic(raw)
    assert len(n.text) == len(n.origin) and len(n.text) <= len(raw)
    for word in ("المدير", "الورشه", "مهمه", "جدا"):
        at = n.text.find(word)
        assert at >= 0, word
        a, b = n.to_original(at, at + len(word))
        orig = raw[a:b]
        assert normalize(orig) == word, (word, orig)
        assert not orig[0].isspace() and not orig[-1].isspace()
    # the diacritic on the last letter stays inside the span
    at = n.text.find("الورشه")
    a, b = n.to_original(at, at + 6)
    assert raw[a:b] == "الوِرْشَةَ"
    # empty and whole spans
    assert n.to_original(0, len(n.text)) == (0, len(raw))
    assert n.to_original(3, 3)[0] == n.to_original(3, 3)[1]


def test_pseudo_reference_scores_use_normalised_text():
    same = S.pseudo_reference_scores("إن الورشة مهمّة جداً.", "ان الورشه مهمه جدا.")
    assert same["pseudo_chrf"] == pytest.approx(100.0)
    assert same["pseudo_bleu"] == pytest.approx(100.0)
    other = S.pseudo_reference_scores("إن الورشة مهمة جدا.", "وافق مجلس المدينة على الميزانية.")
    assert set(other) == {"pseudo_chrf", "pseudo_chrfpp", "pseudo_bleu"}
    assert other["pseudo_chrf"] < 40 and other["pseudo_chrfpp"] < 40
    assert S.pseudo_reference_scores("نص", "") == {}


def test_bleu_never_uses_13a():
    assert S.bleu_tokenizer() in ("flores200", "intl")
    assert S._metrics()[2].tokenizer.signature() != "13a"


def test_roundtrip_chrf():
    assert S.roundtrip_chrf("The workshop was important.", "The workshop was important.") == pytest.approx(100.0)
    assert S.roundtrip_chrf("The workshop was important.", "") is None


# ----------------------------------------------------------------- surprisal spans


def _scores(text, pieces, lps, best=None, best_lps=None):
    from mt_review.translate.vocab import piece_offsets

    offs = piece_offsets(text, pieces)
    return TokenScores(
        tokens=tuple(pieces) + ("</s>",),
        logprobs=tuple(lps),
        offsets=tuple(offs) + ((len(text), len(text)),),
        best_tokens=tuple(best) if best is not None else None,
        best_logprobs=tuple(best_lps) if best_lps is not None else None,
    )


TEXT = "كانت ورشة العمل خطوة مهمة"
PIECES = ["▁كانت", "▁ورشة", "▁الع", "مل", "▁خطوة", "▁مهمة"]


def test_surprisal_runs_with_best_tokens_map_to_characters():
    lps = [-0.5, -0.4, -9.0, -8.0, -0.3, -12.5, -30.0]  # </s> last: never marked
    best = ["▁كانت", "▁ورشة", "▁عمل", "▁جيد", "▁خطوة", "▁هامة", "</s>"]
    best_lps = [-0.4, -0.3, -0.5, -0.6, -0.2, -0.1, -0.1]
    runs = S.surprisal_runs(TEXT, _scores(TEXT, PIECES, lps, best, best_lps))
    assert [TEXT[r.start:r.end] for r in runs] == ["العمل", "مهمة"]
    assert runs[0].uses_gap and runs[0].value == pytest.approx(8.5)
    assert runs[0].severity is Severity.MINOR and runs[1].severity is Severity.MAJOR
    assert runs[0].suggestion == "عمل جيد" and runs[1].suggestion == "هامة"


def test_token_equal_to_best_is_not_surprising():
    lps = [-9.0, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1]
    best = list(PIECES) + ["</s>"]
    assert S.surprisal_runs(TEXT, _scores(TEXT, PIECES, lps, best, [0.0] * 7)) == []


def test_partial_piece_widens_to_the_word():
    lps = [-0.1, -0.1, -0.1, -9.0, -0.1, -0.1, -0.1]  # only "مل" of العمل
    best = ["x"] * 7
    runs = S.surprisal_runs(TEXT, _scores(TEXT, PIECES, lps, best, [0.0] * 7))
    assert [TEXT[r.start:r.end] for r in runs] == ["العمل"]


def test_surprisal_without_best_tokens_uses_the_floor():
    lps = [-0.5, -13.0, -1.0, -1.0, -8.5, -9.0, -20.0]
    runs = S.surprisal_runs(TEXT, _scores(TEXT, PIECES, lps))
    assert [TEXT[r.start:r.end] for r in runs] == ["ورشة", "خطوة مهمة"]
    assert not runs[0].uses_gap and runs[0].severity is Severity.MAJOR
    assert runs[1].severity is Severity.MINOR and runs[1].suggestion is None


def test_spans_map_to_blocks_across_two_target_segments():
    s1 = Segment(block_index=4, start=10, end=19, text="كانت ورشة")
    s2 = Segment(block_index=5, start=0, end=15, text="العمل خطوة مهمة")
    pair = AlignedPair((Segment(0, 0, 5, "Hello"),), (s1, s2), 1.0)
    joined = pair.tgt_text
    assert joined == "كانت ورشة العمل خطوة مهمة"
    at = joined.index("ورشة العمل")
    spans = S.to_block_spans(at, at + len("ورشة العمل"), pair.tgt)
    assert spans == [Span(4, 15, 19, "ورشة"), Span(5, 0, 5, "العمل")]
    # findings carry block offsets: the block text at those offsets is the span text
    blocks = {4: "0123456789كانت ورشة", 5: "العمل خطوة مهمة"}
    lps = [-0.1, -9.0, -9.0, -9.0, -0.1, -0.1, -0.1]
    fs = S.surprisal_findings(pair, _scores(joined, PIECES, lps, ["▁x"] * 7, [0.0] * 7), "ترجمة")
    assert [f.tgt_span for f in fs] == [Span(4, 15, 19, "ورشة"), Span(5, 0, 5, "العمل")]
    for f in fs:
        sp = f.tgt_span
        assert blocks[sp.block_index][sp.start:sp.end] == sp.text
        assert f.check == "model_surprisal" and f.category == "accuracy/mistranslation"
        assert "best_logprob - logprob = 9.00" in f.threshold and ">= 6" in f.threshold
        assert f.suggestion == "x x x" and "ورشة" in fs[0].message


def test_at_most_three_surprisal_findings_per_pair():
    text = "ا ب ت ث ج ح خ د"
    pieces = ["▁" + w for w in text.split()]
    lps = [-7.0, -0.1, -9.0, -0.1, -11.0, -0.1, -6.5, -0.1, -0.1]  # four separate runs
    sc = _scores(text, pieces, lps, ["▁x"] * 9, [0.0] * 9)
    seg = Segment(0, 0, len(text), text)
    assert len(S.surprisal_runs(text, sc)) == 4
    fs = S.surprisal_findings(AlignedPair((seg,), (seg,), 1.0), sc, None)
    assert S.MAX_SURPRISAL_FINDINGS == 3
    assert [f.tgt_span.text for f in fs] == ["ا", "ت", "ج"]  # the weakest (خ, gap 6.5) is left out, order kept


# ----------------------------------------------------------------- with tiny models


class Counting:
    """Wraps a translator and counts the batch calls."""

    def __init__(self, inner):
        self.inner, self.translate_calls, self.score_calls = inner, 0, 0

    @property
    def info(self):
        return self.inner.info

    def translate(self, texts, **kw):
        self.translate_calls += 1
        return self.inner.translate(texts, **kw)

    def score(self, sources, targets, **kw):
        self.score_calls += 1
        return self.inner.score(sources, targets, **kw)


@pytest.fixture(scope="module")
def tiny_translators():
    import torch

    from mt_review.translate import load_translator
    from tests.tiny_marian import shared_tiny_marian

    torch.set_num_threads(1)
    return {d: load_translator(str(shared_tiny_marian(d)), d, engine="transformers", download=False)
            for d in ("en-ar", "ar-en")}


def _pairs():
    from tests.tiny_marian import ARABIC, ENGLISH

    pairs = [AlignedPair((Segment(i, 0, len(e), e),), (Segment(i, 0, len(a), a),), 1.0)
             for i, (e, a) in enumerate(zip(ENGLISH[:5], ARABIC[:5]))]
    pairs.append(AlignedPair((Segment(9, 0, 5, "Extra"),), (), 0.5))  # 1-0: no Arabic
    return pairs


class FakeEmbedder:
    id = "fake"

    def embed(self, texts):
        import numpy as np

        out = []
        for t in texts:
            v = np.zeros(8, dtype=np.float32)
            for ch in t:
                v[ord(ch) % 8] += 1
            out.append(v / (np.linalg.norm(v) or 1))
        return np.stack(out)


def model_findings(pairs, measured) -> list[list]:
    """What the model checks (mt_review.checks.model_findings) find in ``compute_signals``' measurements."""
    from mt_review.checks import CheckContext, run_checks
    from mt_review.model import Page

    ctx = CheckContext(Page("s", "en", "", ()), Page("t", "ar", "", ()), tuple(pairs), signals=tuple(measured),
                       available=frozenset({"model"}))
    return run_checks(ctx, enabled=("model_surprisal", "model_divergence"))


def test_all_signals_with_both_models_one_batch_per_direction(tiny_translators):
    tr = {d: Counting(t) for d, t in tiny_translators.items()}
    pairs = _pairs()
    res = S.compute_signals(pairs, embedder=FakeEmbedder(), translators=tr)
    assert len(res) == len(pairs)
    for d in ("en-ar", "ar-en"):
        assert tr[d].translate_calls == 1 and tr[d].score_calls == 1
    want = {"embed_sim", "embed_margin", "pseudo_chrf", "pseudo_chrfpp", "pseudo_bleu", "lp_tgt_given_src", "lp_tgt_worst",
            "roundtrip_chrf", "roundtrip_sim", "lp_src_given_tgt"}
    for r in res[:5]:
        assert set(r.values) == want
        assert set(r.translations) == {"en-ar", "ar-en"} and all(r.translations.values())
        assert r.values["lp_tgt_worst"] <= r.values["lp_tgt_given_src"] < 0
        assert 0 <= r.values["pseudo_chrf"] <= 100
    # one-sided link: nothing measured, nothing translated
    found = model_findings(pairs, res)
    assert res[5].values == {} and res[5].translations == {} and res[5].scores == {} and found[5] == []
    # random weights: the model is surprised somewhere, and the spans are the pair's own characters
    surpr = [f for fs in found for f in fs if f.check == "model_surprisal"]
    assert surpr
    for fs, p in zip(found, pairs):
        for f in fs:
            if f.tgt_span is not None:
                seg = next(s for s in p.tgt if s.block_index == f.tgt_span.block_index)
                assert seg.text[f.tgt_span.start - seg.start:f.tgt_span.end - seg.start] == f.tgt_span.text


def test_translation_matches_the_model(tiny_translators):
    pairs = _pairs()[:2]
    res = S.compute_signals(pairs, translators=tiny_translators)
    assert res[0].translations["en-ar"] == tiny_translators["en-ar"].translate([pairs[0].src_text])[0]
    assert res[1].translations["ar-en"] == tiny_translators["ar-en"].translate([pairs[1].tgt_text])[0]


def test_missing_models_degrade_to_offline_signals(tiny_translators):
    pairs = _pairs()
    only_en_ar = S.compute_signals(pairs, translators={"en-ar": tiny_translators["en-ar"]})
    for r in only_en_ar[:5]:
        assert "pseudo_chrf" in r.values and "lp_tgt_given_src" in r.values
        assert not {"roundtrip_chrf", "roundtrip_sim", "lp_src_given_tgt"} & set(r.values)
        assert set(r.translations) == {"en-ar"}
    only_ar_en = S.compute_signals(pairs, embedder=FakeEmbedder(), translators={"ar-en": tiny_translators["ar-en"]})
    for r, fs in zip(only_ar_en[:5], model_findings(pairs, only_ar_en)):
        assert {"roundtrip_chrf", "roundtrip_sim", "lp_src_given_tgt", "embed_sim"} <= set(r.values)
        assert not [k for k in r.values if k.startswith("pseudo") or k.startswith("lp_tgt")]
        assert not [f for f in fs if f.check == "model_surprisal"] and not r.scores
    none = S.compute_signals(pairs, embedder=FakeEmbedder(), translators={})
    assert all(set(r.values) == {"embed_sim", "embed_margin"} and not r.translations and not r.scores for r in none[:5])
    assert S.compute_signals(pairs) == [S.PairSignals() for _ in pairs]


def test_ctranslate2_engine_surprisal_uses_the_floor(tmp_path):
    """CTranslate2 gives no best token: spans come from the log-prob floor, suggestion = pseudo-reference."""
    pytest.importorskip("ctranslate2")
    from mt_review.translate import load_translator
    from mt_review.translate.ct2_backend import convert_model
    from tests.tiny_marian import shared_tiny_marian

    ct2 = convert_model(shared_tiny_marian("en-ar"), tmp_path / "tiny-en-ar-ct2", "float32")
    tr = load_translator(str(ct2), "en-ar", engine="ctranslate2", download=False)
    pairs = _pairs()[:3]
    res = S.compute_signals(pairs, translators={"en-ar": tr})
    sc = tr.score([pairs[0].src_text], [pairs[0].tgt_text])[0]
    assert sc.best_tokens is None
    seen = 0
    for r, fs in zip(res, model_findings(pairs, res)):
        assert {"pseudo_chrf", "lp_tgt_given_src", "lp_tgt_worst"} <= set(r.values)
        for f in fs:
            if f.check == "model_surprisal":
                seen += 1
                assert "engine gives no best token" in f.threshold
                assert f.suggestion == r.translations["en-ar"]
    assert seen  # random weights: some tokens fall under the floor
