"""Rendered pages kept between runs: a re-review renders only the pages that changed.

A JSON, Markdown or HTML report is a head (run summary, page table, site
patterns ...) that depends on every page, and one fragment per page that
depends on that page's review and on a little of the run (whether a gate
ran and failed the page; in HTML the page's place and the category tokens).
With ``--state``, :class:`PageFragments` keeps each fragment in the state
file (:class:`mt_review.incremental.IncrementalStore`) under the sha256 of:

* the installed code (:func:`mt_review.incremental.code_digest`: a changed
  renderer never serves old bytes),
* the format and the fragment's run context (given by the writer),
* the page review's own bytes (its pickle: the review as finally reported,
  after learned terms and baselines, with this run's file paths).

The head is always rendered; writers render a fragment only on a miss and
join the fragments exactly as a cold run does, so the report bytes are the
same (``tests/test_fragments.py``).  Without a store every fragment is
rendered, which is the cold run.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import TYPE_CHECKING, Callable, Sequence

from mt_review.model import PageReview

if TYPE_CHECKING:  # pragma: no cover
    from mt_review.incremental import IncrementalStore

__all__ = ["PageFragments"]


class PageFragments:
    """The per-page fragments of one run's reports, reused from ``store`` when it holds them."""

    def __init__(self, store: "IncrementalStore | None", pages: Sequence[PageReview]):
        from mt_review.incremental import code_digest

        self.store = store
        self.pages = pages
        self.reused = 0
        self.rendered = 0
        self._code = code_digest()
        self._digests: dict[int, bytes] = {}
        self._files: dict[int, tuple[str, str]] = {}

    def _digest(self, index: int, page: PageReview | None = None) -> bytes:
        d = self._digests.get(index)
        if d is None:
            review = page if page is not None else self.pages[index]
            d = self._digests[index] = hashlib.sha256(pickle.dumps(review, protocol=5)).digest()
        return d

    def render(self, fmt: str, index: int, context: str, build: Callable[[], str],
               page: PageReview | None = None) -> str:
        """Page ``index``'s fragment of ``fmt`` in ``context``: the stored one, or ``build()`` (then stored).

        ``page`` is page ``index``'s review when the caller holds it (else it is read from ``pages``)."""
        if self.store is None:
            self.rendered += 1
            return build()
        h = hashlib.sha256(f"{self._code}\x1f{fmt}\x1f{context}\x1f".encode("utf-8"))
        h.update(self._digest(index, page))
        key = h.hexdigest()
        text = self.store.fragment(key)
        if text is not None:
            self.reused += 1
            return text
        text = build()
        self.rendered += 1
        from mt_review.incremental import resolved_files

        self.store.put_fragment(key, resolved_files((page if page is not None else self.pages[index]).pair), text)
        return text
