"""``align_bench.miss_shapes``: what the aligner made of the gold links it missed (``--misses``)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from align_bench import miss_shapes  # noqa: E402


def test_a_missed_link_is_described_by_the_predicted_links_that_share_its_sentences() -> None:
    gold = [((1, 2), (1, 2)), ((3,), ()), ((), (3,)), ((4,), (4,))]
    # the 2-2 predicted as two 1-1 links, the drop paired with the insertion, the last link right
    pred = [((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]
    shapes, precision = miss_shapes(pred, gold)
    assert shapes == {("2-2", "1-1+1-1"): 1, ("1-0", "1-1"): 1, ("0-1", "1-1"): 1}
    assert precision == {"1-1": (1, 4)}


def test_nothing_is_missed_when_every_gold_link_is_predicted() -> None:
    gold = [((1,), (1, 2)), ((2,), ())]
    shapes, precision = miss_shapes(list(gold), gold)
    assert not shapes
    assert precision == {"1-2": (1, 1), "1-0": (1, 1)}
