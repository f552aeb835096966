"""The embedder's page-relative signal (embed_margin) and the wrong-segment finding it gives.

Each rule has a hit and a clean twin; the embedder is a small bag-of-concepts
fake (nonsense words, so the dictionary-based wrong-segment rules see nothing
and only the embedding rule can speak)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from mt_review.checks import run_checks
from mt_review.checks.wrong_segment import EMBED_MARGIN_MAJOR, EMBED_MIN_WORDS
from mt_review.model import Severity
from mt_review.score import risk as R
from mt_review.score.risk import segment_risk
from mt_review.score.signals import compute_signals, embedding_fits
from tests.test_checks import page_ctx

# English nonsense word -> its "Arabic" rendering; each pair of the page says two of them
WORDS = {"zorb": "زورب", "quim": "قويم", "flen": "فلين", "drax": "دراكس", "mipo": "ميبو", "tesk": "تيسك",
         "bolv": "بولف", "crad": "كراد", "yund": "يوند", "shev": "شيف", "palo": "بالو", "wint": "وينت",
         "gesh": "غيش", "lurn": "لورن", "vock": "فوك", "nibe": "نيب", "hask": "هاسك", "tovi": "توفي"}
EN = ["zorb quim gesh", "flen drax lurn", "mipo tesk vock", "bolv crad nibe", "yund shev hask", "palo wint tovi"]
AR = [" ".join(WORDS[w] for w in e.split()) for e in EN]


class Concepts:
    """One dimension per word and its rendering, plus a shared one: a sentence and its translation have
    cosine 1, unrelated sentences 0.5."""

    id = "concepts"
    dim = len(WORDS) + 1

    def __init__(self) -> None:
        self.dim_of = {}
        for k, (en, ar) in enumerate(WORDS.items()):
            self.dim_of[en] = self.dim_of[ar] = k + 1

    def embed(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for r, text in enumerate(texts):
            for w in re.findall(r"\w+", text):
                out[r, self.dim_of[w]] += 1.0
            out[r] /= np.linalg.norm(out[r]) or 1.0
            out[r, 0] = 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def measured(pairs_text):
    ctx = page_ctx(pairs_text)
    return ctx, compute_signals(ctx.pairs, embedder=Concepts())


def wrong_segment_findings(pairs_text):
    from dataclasses import replace

    ctx, signals = measured(pairs_text)
    return run_checks(replace(ctx, signals=tuple(signals)), enabled=["wrong_segment"])


SHIFTED = list(zip(EN, AR[:2] + [AR[3]] + AR[3:], strict=True))  # pair 3 carries pair 4's translation


def test_a_target_that_fits_a_neighbours_source_has_a_margin_under_one():
    fits = embedding_fits(page_ctx(SHIFTED).pairs, Concepts())
    assert fits[2] is not None and fits[2].margin is not None and fits[2].margin < EMBED_MARGIN_MAJOR
    assert fits[2].nearest == 3 and fits[2].nearest_sim == pytest.approx(1.0)
    # the clean twin: every translation closest to its own source
    good = embedding_fits(page_ctx(list(zip(EN, AR, strict=True))).pairs, Concepts())
    assert all(f is not None and f.margin is not None and f.margin > 1.5 for f in good)


def test_the_wrong_segment_finding_names_the_source_the_target_fits():
    found = wrong_segment_findings(SHIFTED)
    assert [i for i, fs in enumerate(found) if fs] == [2]
    (f,) = found[2]
    assert f.severity is Severity.MAJOR and "bolv crad nibe" in f.message
    assert "embed_margin" in (f.threshold or "") and "pair 4" in (f.threshold or "")
    assert not any(wrong_segment_findings(list(zip(EN, AR, strict=True))))  # the clean twin


def test_a_source_of_two_words_is_not_judged_by_its_margin():
    """The same shifted page with two-word sentences: the margin is as low, but a word or two is too little
    for an embedding to judge (correct UI strings such as "Bold" / عريض fall under the threshold)."""
    short = [(" ".join(en.split()[:2]), " ".join(ar.split()[:2])) for en, ar in SHIFTED]
    assert EMBED_MIN_WORDS > 2
    fits = embedding_fits(page_ctx(short).pairs, Concepts())
    assert fits[2] is not None and fits[2].margin is not None and fits[2].margin < EMBED_MARGIN_MAJOR
    assert not any(wrong_segment_findings(short))


def test_a_page_too_small_to_compare_with_has_no_margin():
    """Four pairs: three neighbours at most, fewer than MARGIN_MIN_NEIGHBOURS; no margin, no finding."""
    small = SHIFTED[:4]
    _, signals = measured(small)
    assert all("embed_margin" not in s.values and "embed_sim" in s.values for s in signals)
    assert not any(wrong_segment_findings(small))


def test_a_repeated_source_is_no_rival():
    """The same source with the same translation twice on the page does not lower either's margin."""
    alone = embedding_fits(page_ctx(list(zip(EN, AR, strict=True))).pairs, Concepts())[0]
    page = list(zip(EN, AR, strict=True)) + [(EN[0], AR[0])]
    fits = embedding_fits(page_ctx(page).pairs, Concepts())
    assert alone is not None and fits[0] is not None and fits[6] is not None
    assert fits[0].margin == fits[6].margin == alone.margin


def test_with_a_margin_the_embedding_orders_pairs_but_sets_no_severity():
    """The absolute similarity's bands judge only pairs without a page to compare with."""
    low = {"embed_sim": R.SIM_MAJOR - 0.05}
    assert segment_risk([], low)[1] is Severity.MAJOR  # no margin: the fixed bands
    risk, sev, driver = segment_risk([], {**low, "embed_margin": 1.1})
    assert (risk, sev, driver) == (0.0, Severity.NONE, None)
    risk, sev, driver = segment_risk([], {**low, "embed_margin": EMBED_MARGIN_MAJOR - 0.01})
    assert sev is Severity.NONE and driver == "embed_margin" and risk == R.MARGIN_RISK < R.SEVERITY_RISK[Severity.MINOR]
    between = segment_risk([], {"embed_sim": 0.9, "embed_margin": 1.0})[0]
    assert 0.0 < between < R.MARGIN_RISK
