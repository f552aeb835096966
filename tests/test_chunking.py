"""Chunks of pages for worker processes taper off at the end, so the workers finish together."""

from __future__ import annotations

import pytest

from mt_review.parallel import CHUNK_MAX, chunk_size, chunked, tapering


@pytest.mark.parametrize("n,workers", [(1, 2), (5, 2), (37, 3), (300, 2), (301, 4), (2000, 8)])
def test_tapering_chunks_cover_the_pages_once_in_order(n: int, workers: int) -> None:
    largest = chunk_size(n, workers)
    chunks = list(chunked(range(n), tapering(n, workers, largest)))
    assert [p for c in chunks for p in c] == list(range(n))
    sizes = [len(c) for c in chunks]
    assert max(sizes) <= min(largest, CHUNK_MAX) and sizes == sorted(sizes, reverse=True)
    # the last chunks are small: what is left when the last full chunk starts is shared out
    assert sizes[-1] == 1 and sum(s for s in sizes if s < largest) >= min(n, largest) - 1


def test_a_fixed_size_still_gives_fixed_chunks() -> None:
    assert [len(c) for c in chunked(range(10), 4)] == [4, 4, 2]
