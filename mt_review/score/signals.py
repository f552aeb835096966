"""Measured signals for each aligned pair: embedding similarity and model signals.

A signal that could not be measured (no embedder, no model, an empty side)
is left out of ``PairSignals.values``; it is never recorded as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np

from mt_review.model import AlignedPair, Finding


@dataclass(frozen=True)
class PairSignals:
    values: dict[str, float] = field(default_factory=dict)
    translations: dict[str, str] = field(default_factory=dict)  # direction -> model output
    findings: tuple[Finding, ...] = ()  # model-driven flags (e.g. surprisal spans)


def embedding_similarity(pairs: Sequence[AlignedPair], embedder) -> list[float | None]:
    """Cosine similarity of each pair's two sides; None for one-sided links."""
    both = [i for i, p in enumerate(pairs) if p.src and p.tgt]
    out: list[float | None] = [None] * len(pairs)
    if not both or embedder is None:
        return out
    texts = [pairs[i].src_text for i in both] + [pairs[i].tgt_text for i in both]
    vecs = np.asarray(embedder.embed(texts), dtype=np.float32)
    n = len(both)
    sims = np.sum(vecs[:n] * vecs[n:], axis=1)
    for i, s in zip(both, sims):
        out[i] = round(float(s), 4)
    return out


def compute_signals(
    pairs: Sequence[AlignedPair],
    *,
    embedder=None,
    translators: Mapping[str, object] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[PairSignals]:
    """Every signal available for each pair, in pair order."""
    sims = embedding_similarity(pairs, embedder)
    results = []
    for sim in sims:
        values = {} if sim is None else {"embed_sim": sim}
        results.append(PairSignals(values=values))
    return results
