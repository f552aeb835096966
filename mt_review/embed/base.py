"""The embedder protocol and small helpers shared by the implementations."""

from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text.

    ``id`` names the model and its version (it keys the cache and is printed
    in report signatures); two embedders with the same id give the same vectors.
    """

    id: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise_rows(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32, copy=False)


def batched(items: Sequence, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]
