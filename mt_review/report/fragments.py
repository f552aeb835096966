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
  after learned terms and baselines, with this run's file paths; from a
  spool, the pickle it holds, so a reused fragment's page is never unpickled).

The head is always rendered; writers render a fragment only on a miss and
join the fragments exactly as a cold run does, so the report bytes are the
same (``tests/test_fragments.py``).  Without a store every fragment is
rendered, which is the cold run.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable, Sequence

from mt_review.model import PageReview

if TYPE_CHECKING:  # pragma: no cover
    from mt_review.incremental import IncrementalStore

__all__ = ["PageFragments", "PoolFragments", "render_chunk"]

POOL_CHUNK = 16  # pages a worker renders per task
POOL_WINDOW = 2  # tasks in flight per worker: the fragments waiting in memory stay bounded


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
            raw = getattr(self.pages, "raw", None)  # a spool: the pickle it holds, no unpickling
            blob = raw(index) if raw is not None else pickle.dumps(
                page if page is not None else self.pages[index], protocol=5)
            d = self._digests[index] = hashlib.sha256(blob).digest()
        return d

    def render(self, fmt: str, index: int, context: str, build: Callable[[], str],
               page: PageReview | None = None, ctx: Any = None,
               page_of: Callable[[], PageReview] | None = None) -> str:
        """Page ``index``'s fragment of ``fmt`` in ``context``: the stored one, or ``build()`` (then stored).

        ``page`` is page ``index``'s review when the caller holds it; else ``page_of()`` reads it
        (only on a miss), else it is read from ``pages``."""
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

        files = self.store.files
        if index < len(files):  # the run's pages are the store's (resolved once)
            self.store.put_fragment(key, files[index], text)
            return text
        if page is None:
            page = page_of() if page_of is not None else self.pages[index]
        self.store.put_fragment(key, resolved_files(page.pair), text)
        return text


    def record(self, index: int, make: Callable[[PageReview], Any]) -> Any:
        """Page ``index``'s record for the report heads (``report.common.page_record``): kept in the
        store under the code and the page's pickle like a fragment, so a re-run reads it back instead
        of the page; else ``make(page)`` (then kept)."""
        if self.store is None:
            return make(self.pages[index])
        h = hashlib.sha256(f"{self._code}\x1frecord\x1f".encode("utf-8"))
        h.update(self._digest(index))
        key = h.hexdigest()
        value = self.store.row("page_records", key)
        if value is not None:
            return value
        page = self.pages[index]
        files = self.store.files
        from mt_review.incremental import resolved_files

        return self.store.put_row("page_records", key, files[index] if index < len(files) else resolved_files(page.pair),
                                  make(page))


class PoolFragments:
    """Fragments rendered ahead by worker processes (``--jobs N``, no ``--state``).

    Rendering the pages of the JSON, Markdown and HTML reports is most of
    what a run still does in one process after the review; here the worker
    processes render them, a chunk of pages at a time, from the reviews'
    pickles as the spool holds them (this process unpickles nothing to send).
    Each format is a stream of chunks in page order with a few in flight, so
    the fragments waiting in memory stay bounded; the writer asks for them in
    page order and writes them as a cold run would (same functions, same bytes).
    If the pool breaks, the rest is rendered here."""

    store = None

    def __init__(self, pool: Any, raw: Callable[[int], bytes], n_pages: int, workers: int):
        self.pool = pool
        self.raw = raw  # page index -> its review's pickle
        self.n_pages = n_pages
        self.window = max(1, workers * POOL_WINDOW)
        self.reused = 0
        self.rendered = 0
        self._streams: dict[str, Iterator[tuple[int, str]]] = {}
        self._broken = False

    def render(self, fmt: str, index: int, context: str, build: Callable[[], str],
               page: PageReview | None = None, ctx: Any = None,
               page_of: Callable[[], PageReview] | None = None) -> str:
        self.rendered += 1
        if self._broken or ctx is None:
            return build()
        stream = self._streams.get(fmt)
        if stream is None:
            stream = self._streams[fmt] = self._stream(fmt, ctx)
        try:
            at, text = next(stream)
        except Exception:  # noqa: BLE001 - a worker died or failed: render here, as without workers
            self._broken = True
            return build()
        if at != index:  # pragma: no cover - writers ask in page order
            raise RuntimeError(f"fragment {at} came where {index} was expected")
        return text

    def _stream(self, fmt: str, ctx: Any) -> Iterator[tuple[int, str]]:
        categories = sorted({c for fact in ctx.facts() for c in fact.categories}) if fmt == "html" else []
        pending: deque[tuple[int, Any]] = deque()
        starts = iter(range(0, self.n_pages, POOL_CHUNK))
        while True:
            while len(pending) < self.window:
                start = next(starts, None)
                if start is None:
                    break
                raw = [self.raw(i) for i in range(start, min(start + POOL_CHUNK, self.n_pages))]
                pending.append((start, self.pool.submit(render_chunk, fmt, ctx.gate, ctx.run.signature,
                                                        categories, start, raw)))
            if not pending:
                return
            start, future = pending.popleft()
            for k, text in enumerate(future.result()):
                yield start + k, text


def render_chunk(fmt: str, gate: Any, signature: Any, categories: list[str], start: int,
                 raw_pages: list[bytes]) -> list[str]:
    """The task a worker runs: the ``fmt`` fragments of pages ``start``... from their pickles."""
    from mt_review.model import RunReport
    from mt_review.report import html, json_report, markdown
    from mt_review.report.common import ReportContext

    ctx = ReportContext(run=RunReport(pages=(), signature=signature), gate=gate)
    cats = html._Cats(categories)
    out = []
    for k, raw in enumerate(raw_pages):
        page = pickle.loads(raw)
        if fmt == json_report.FORMAT:
            out.append(json_report._page_text(page, ctx))
        elif fmt == markdown.FORMAT:
            out.append(markdown._page_text(page, ctx))
        elif fmt == html.FORMAT:
            out.append(html._page_body(start + k, page, ctx, cats))
        else:  # pragma: no cover
            raise ValueError(f"no page fragments in {fmt}")
    return out
