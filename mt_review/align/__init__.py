"""Align an English page with its Arabic twin: blocks first, then sentences.

``align_pair(pair, embedder=None) -> AlignResult`` is the entry point;
``align_blocks`` and ``align_sentences`` are its two steps, usable alone;
``format_alignment`` prints a result for ``mt-review align``.

Evidence: Gale-Church character-length ratios (around the page's own mean
ratio), anchors (numbers in any digit system, Latin words left in the
Arabic, URLs, e-mails, acronyms), the share of words the FreeDict dictionary
finds rendered on the other side (``lexical``; without embeddings, when the
dictionary is installed) and, when an embedder is given, cosine similarity of
multilingual sentence embeddings.  See ``dp`` for the cost.
"""

from mt_review.align.core import (
    MODE_EMBED,
    MODE_LENGTH,
    AlignResult,
    align_blocks,
    align_pair,
    align_sentences,
    embed_sides,
    format_alignment,
)

__all__ = [
    "AlignResult",
    "MODE_EMBED",
    "MODE_LENGTH",
    "align_blocks",
    "align_pair",
    "align_sentences",
    "embed_sides",
    "format_alignment",
]
