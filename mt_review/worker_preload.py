"""Imported once by the ``--jobs`` forkserver before it forks any worker: reads the lexicons there.

Every worker's first page used to read the English-Arabic dictionary and
the English word list itself (≈0.5-0.9 s of CPU each, the whole warm-up of a
worker with the embedder off).  Read once in the forkserver, the workers
fork with them already in memory (shared copy-on-write), so N workers cost
one read, not N.  The names check's index of proper-noun renderings (built
from both, ≈0.5 s) is built here too.  A failure here only means each worker
reads them itself.
"""

from __future__ import annotations


def warm() -> None:
    try:
        from mt_review.checks.names import _proper_renderings
        from mt_review.lexicon import en_ar_dictionary, english_words

        en_ar_dictionary()
        english_words()
        _proper_renderings()
    except Exception:  # noqa: BLE001 - never break the forkserver; workers load what they need
        pass


warm()
