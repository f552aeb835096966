"""Optional: any local sentence-transformers model folder (``--embedder st:PATH``)."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from mt_review.embed.base import normalise_rows
from mt_review.errors import InputError


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder (offline).

    ``sentence-transformers`` is not a dependency of mt-review; it is imported
    only when this class is built, with an error saying what to install.
    """

    batch_size = 64

    def __init__(self, model_path: str | Path, prefix: str = ""):
        path = Path(model_path).expanduser()
        if not str(model_path).strip():
            raise InputError("st: needs a model folder, e.g. --embedder st:/models/LaBSE")
        if not path.exists():
            raise InputError(f"sentence-transformers model folder not found: {path}")
        try:
            from sentence_transformers import SentenceTransformer  # noqa: PLC0415 - optional
        except ImportError as exc:
            raise InputError(
                "--embedder st:PATH needs the optional package sentence-transformers "
                "(pip install sentence-transformers); it is not installed"
            ) from exc
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True) \
            if _accepts_local_only(SentenceTransformer) else SentenceTransformer(str(path), device="cpu")
        self.prefix = prefix
        self.dim = int(self._model.get_sentence_embedding_dimension())
        from mt_review.translate.models import folder_revision  # the same content hash as MT model folders

        self.id = f"st:{path.name}@{folder_revision(path)}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = [self.prefix + t for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                                  normalize_embeddings=True, show_progress_bar=False)
        return normalise_rows(vecs)


def _accepts_local_only(cls) -> bool:
    import inspect

    try:
        return "local_files_only" in inspect.signature(cls.__init__).parameters
    except (TypeError, ValueError):
        return False
