"""Where the per-page work runs: this process, worker processes, or a Dask cluster.

The review of one page is a pure function of (settings, page pair) once the
models are loaded, so a run is a map over pages.  A *runner* does that map
and hands the reviews back **in page order**, whatever order the workers
finish in, so the report is byte-identical to a one-process run.

* :class:`InProcess` - ``--jobs 1`` (and small runs when ``jobs`` is unset):
  resources loaded here, pages reviewed here in batches.
* :class:`ProcessPool` - ``--jobs N``: ``concurrent.futures.ProcessPoolExecutor``
  over a *forkserver* context (workers fork from a clean server process that
  has imported mt-review, never from a parent that holds threads or models).
  Chosen over Dask's local machinery because it is in the standard library, so
  the light install can use every core; Dask is for many machines.
* :class:`DaskRunner` - ``--scheduler ADDRESS``: the same chunk function sent
  to a ``distributed`` cluster; a :class:`ResourcesPlugin` (a Dask
  ``WorkerPlugin``) loads the models once per worker.

Every worker loads embedder, translators and glossary once (the first chunk it
reviews, or the plugin's ``setup``) and reviews pages in chunks, embedding a
chunk's sentences in one call (:mod:`mt_review.batching`).  At most a few
chunks per worker are in flight, so the pages waiting in memory stay bounded.
A worker that dies (killed, out of memory) costs a retry of its chunks; if
workers keep dying the run stops with :class:`WorkerLost` and writes nothing.
Warnings raised in a worker (a cache set aside ...) are raised again here.
"""

from __future__ import annotations

import dataclasses
import math
import os
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from mt_review.config import ReviewSettings, RunOptions
from mt_review.model import PagePair, PageReview
from mt_review.translate.base import ModelInfo

if TYPE_CHECKING:  # pragma: no cover
    from mt_review.spool import PageSpool

Progress = Callable[[str, int, int], None]

CHUNK_MAX = 16  # pages per task: one embedder call for up to this many pages
AUTO_MIN_PAGES_PER_WORKER = 8  # with jobs unset, a worker process only pays off beyond this many pages
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy, few enough to bound memory
MAX_RESTARTS = 2  # worker pools rebuilt after a worker died, before the run gives up


class WorkerLost(RuntimeError):
    """Worker processes kept dying (killed, out of memory): the run cannot finish."""


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def worker_count(options: RunOptions, n_pages: int) -> int:
    """How many processes review pages: ``options.jobs``, or with it unset the cores, for runs big enough."""
    if options.jobs is not None:
        wanted = options.jobs
    else:
        wanted = min(available_cores(), n_pages // AUTO_MIN_PAGES_PER_WORKER)
    return max(1, min(wanted, n_pages))


def engine_threads(options: RunOptions, workers_here: int) -> int | None:
    """Threads each engine may use in one worker: the option, else the cores shared out (None: engine default)."""
    if options.threads is not None:
        return options.threads
    if workers_here <= 1:
        return None
    return max(1, available_cores() // workers_here)


def chunk_size(n_pages: int, workers: int) -> int:
    """Pages per task: large enough to batch the embedder, small enough that every worker gets several."""
    if workers <= 1:
        return CHUNK_MAX
    return max(1, min(CHUNK_MAX, math.ceil(n_pages / (workers * 4))))


T = TypeVar("T")


def chunked(pairs: Iterable[T], size: int | Iterator[int]) -> Iterator[list[T]]:
    """``pairs`` in lists of ``size`` (or of the successive sizes ``size`` yields; the last of them repeats)."""
    sizes = iter((size,)) if isinstance(size, int) else size
    want = next(sizes, 1)
    chunk: list[T] = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) >= want:
            yield chunk
            chunk = []
            want = next(sizes, want)
    if chunk:
        yield chunk


def tapering(n_pages: int, workers: int, largest: int) -> Iterator[int]:
    """Chunk sizes for ``n_pages`` over ``workers``: ``largest`` while much is left, then smaller (a
    quarter of each worker's share of what is left, down to one page), so the workers finish together
    instead of one reviewing a last full chunk while the others wait (≈0.4 s of one idle core at 300
    pages with the embedder off)."""
    left = n_pages
    while left > 0:
        size = max(1, min(largest, math.ceil(left / (4 * max(1, workers)))))
        yield size
        left -= size


def collect(reviews: Iterable[PageReview], total: int, progress: Progress | None) -> list[PageReview]:
    """Take the reviews in page order, telling ``progress(name, done, total)`` as each arrives."""
    return list(_told(reviews, total, progress))


def collect_spooled(reviews: Iterable[Any], total: int, progress: Progress | None) -> "PageSpool":
    """:func:`collect`, spooled to disk as they come (:class:`mt_review.spool.PageSpool`):
    the run holds one review at a time, not all of them.  ``reviews`` may be
    :class:`mt_review.spool.Pickled` (from worker processes): spooled as they are."""
    from mt_review.spool import PageSpool

    return PageSpool(_told(reviews, total, progress))


def _told(reviews: Iterable[Any], total: int, progress: Progress | None) -> Iterator[Any]:
    for i, review in enumerate(reviews):
        if progress:
            progress(getattr(review, "name", None) or review.pair.name, i, total)
        yield review
    if progress:
        progress("done", total, total)


# --------------------------------------------------------------------------- what workers hold


@dataclass(frozen=True)
class EmbedderName:
    """The parent's view of a worker's embedder: its id (for the signature and state keys)."""

    id: str


@dataclass(frozen=True)
class TranslatorName:
    """The parent's view of a worker's translator: its model info."""

    info: ModelInfo


def describe(res) -> object:
    """A picklable stand-in for ``res`` with what the parent needs: ids, model infos, notices."""
    from mt_review.pipeline import Resources

    embedder = getattr(res, "embedder", None)
    # The stand-ins are not an Embedder or Translators: the parent reads only their ``id`` and ``info``.
    return Resources(
        embedder=cast(Any, EmbedderName(embedder.id)) if embedder is not None else None,
        translators=cast(Any, {d: TranslatorName(t.info) for d, t in sorted(res.translators.items())}),
        glossary=res.glossary,  # the whole-run step (learned terms) reads it
        calibration=getattr(res, "calibration", None),  # the signature names it
        notices=list(res.notices),
    )


@dataclass(frozen=True)
class Work:
    """What a worker needs to review pages: the settings, and the options that steer loading (cache, threads).

    ``ship``: hand each review back pickled (:class:`mt_review.spool.Pickled`: the client spools the
    bytes as they are) with its page's contribution to the learned terms (``terms.page_terms``),
    so the client does neither per page."""

    settings: ReviewSettings
    options: RunOptions
    ship: bool = False


_LOADED: dict[str, object] = {}  # resources by settings key, one entry per worker process
_LOCK = threading.Lock()  # a worker reviews one chunk at a time (its engines use the threads)


def _key(work: Work) -> str:
    o = work.options
    return f"{work.settings.hash()}|threads={o.threads}|cache={o.cache}|require={o.require_model}"


def _resources(work: Work):
    from mt_review.pipeline import load_resources

    key = _key(work)
    if key not in _LOADED:
        _LOADED[key] = load_resources(work.settings, work.options)
    return _LOADED[key]


@dataclass
class ChunkResult:
    reviews: list[Any]  # PageReview, or spool.Pickled when the work ships them
    warnings: list[tuple[type, str]] = field(default_factory=list)
    terms: list[Any] | None = None  # each page's terms.PageTerms (shipped work that learns terms)


def review_chunk(work: Work, pairs: Sequence[PagePair]) -> ChunkResult:
    """The task every worker runs: ``pipeline.review_page`` over ``pairs`` in order with this process's resources."""
    from mt_review.batching import review_batch
    from mt_review.pipeline import learns_terms, review_page

    with _LOCK, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = _resources(work)
        reviews = review_batch(pairs, work.settings, res, review_page)
        if not work.ship:
            return ChunkResult(reviews, [(w.category, str(w.message)) for w in caught])
        from mt_review.spool import Pickled

        terms = None
        if learns_terms(work.settings):
            from mt_review.terms import page_terms

            terms = [page_terms(r, res.glossary) for r in reviews]
        shipped: list[Any] = [Pickled(r) for r in reviews]
    return ChunkResult(shipped, [(w.category, str(w.message)) for w in caught], terms)


def describe_worker(work: Work):
    """Load (or find) this worker's resources and describe them."""
    with _LOCK:
        return describe(_resources(work))


def term_counts() -> Any:
    """Where a runner gathers the pages' learned-term contributions: a :class:`mt_review.terms.TermCounts`,
    so each chunk's are counted as it comes back, while the workers review the next ones."""
    from mt_review.terms import TermCounts

    return TermCounts()


def _rewarn(result: ChunkResult, terms: Any = None) -> list[Any]:
    """The chunk's reviews, its warnings raised again here; its pages' learned-term contributions
    added to ``terms`` (a list or a :class:`mt_review.terms.TermCounts`)."""
    for category, message in result.warnings:
        warnings.warn(message, category if issubclass(category, Warning) else UserWarning, stacklevel=2)
    if terms is not None and result.terms is not None:
        terms.extend(result.terms)
    return result.reviews


def flag_chunk(terms_blob: bytes, overrides: Any, raw_pages: list[bytes]) -> list[Any]:
    """The task that applies the learned terms in a worker: for each page (its pickle), None when
    it gains nothing, else the flagged page with its fingerprints, as :class:`mt_review.spool.Pickled`
    (what ``terms.with_learned_terms`` does for a page, without a cache)."""
    import pickle

    from mt_review.fingerprint import with_fingerprints
    from mt_review.spool import Pickled
    from mt_review.terms import apply_learned_terms

    terms = pickle.loads(terms_blob)
    pages = [pickle.loads(raw) for raw in raw_pages]
    out: list[Any] = []
    for page, flagged in zip(pages, apply_learned_terms(pages, terms, overrides), strict=True):
        out.append(None if flagged is page else Pickled(with_fingerprints(flagged)))
    return out


def learn_and_flag(runner: Any, spool: "PageSpool", parts: Sequence[Any], overrides: Any) -> bool:
    """Learn the run's terms from the workers' contributions (``parts``) here, then flag the pages
    that may gain findings (``terms.pages_to_flag``: the others are not even read) in the runner's
    worker processes, a chunk of pickles at a time, and put the pages that gained findings back
    into ``spool`` as the workers pickled them; the same pages as ``terms.with_learned_terms``.
    False (nothing done) when the runner has no process pool."""
    import pickle

    pool = getattr(runner, "_pool", None)
    if pool is None or len(parts) != len(spool):
        return False
    from mt_review.terms import TermCounts, learn_from, pages_to_flag

    terms = parts.learned() if isinstance(parts, TermCounts) else learn_from(parts)
    if not terms:
        return True
    blob = pickle.dumps(terms, protocol=5)
    wanted = pages_to_flag(parts, terms)
    size = max(1, min(runner.chunk, math.ceil(len(wanted) / max(1, runner.workers))))
    pending: deque[tuple[list[int], list[bytes], Any]] = deque()
    chunks = iter(wanted[k : k + size] for k in range(0, len(wanted), size))
    window = max(1, runner.workers * IN_FLIGHT_PER_WORKER)
    broken = False  # a worker died or failed: the rest is flagged here, the same way
    while True:
        while len(pending) < window:
            indexes = next(chunks, None)
            if indexes is None:
                break
            raw = [spool.raw(i) for i in indexes]
            pending.append((indexes, raw, None if broken else pool.submit(flag_chunk, blob, overrides, raw)))
        if not pending:
            return True
        indexes, raw, future = pending.popleft()
        flagged_pages = None
        if future is not None and not broken:
            try:
                flagged_pages = future.result()
            except Exception:  # noqa: BLE001 - a dead worker (BrokenProcessPool) or a failed task
                broken = True
        if flagged_pages is None:
            flagged_pages = flag_chunk(blob, overrides, raw)
        for i, flagged in zip(indexes, flagged_pages, strict=True):
            if flagged is not None:
                spool.replace(i, flagged)


class ShippedTerms:
    """:class:`mt_review.terms.TermCache` over the contributions the workers made with each review
    (``ChunkResult.terms``, page order), so learning the terms here only merges them.  Nothing is
    kept between runs (that is ``incremental.StoredTerms``)."""

    def __init__(self, parts: Sequence[Any]):
        self.parts = parts

    def contribution(self, index: int) -> Any:
        return self.parts[index]

    def keep_contribution(self, index: int, value: Any) -> None:
        pass

    def closest(self, index: int) -> dict:
        return {}

    def keep_closest(self, index: int, memo: dict) -> None:
        pass

    def findings(self, index: int, digest: str) -> Any:
        return None

    def keep_findings(self, index: int, digest: str, value: Any) -> Any:
        return value


# --------------------------------------------------------------------------- runners


class InProcess:
    """Review in this process, a chunk at a time."""

    workers = 1
    restarts = 0

    def __init__(self, work: Work, resources=None):
        from mt_review.pipeline import load_resources

        self.work = work
        self.resources = resources if resources is not None else load_resources(work.settings, work.options)

    def map(self, pairs: Iterable[PagePair]) -> Iterator[PageReview]:
        from mt_review.batching import review_batch
        from mt_review.pipeline import review_page

        for chunk in chunked(pairs, CHUNK_MAX):
            yield from review_batch(chunk, self.work.settings, self.resources, review_page)

    def close(self) -> None:
        pass

    abort = close


def ordered(
    submit: Callable[[list[PagePair]], Any],
    chunks: Iterable[list[PagePair]],
    window: int,
    restart: Callable[[], None],
    died: tuple[type[BaseException], ...],
    terms: Any = None,
) -> Iterator[Any]:
    """Submit chunks with at most ``window`` in flight; yield reviews in page order.

    ``submit(chunk)`` returns a future.  When a future raises one of ``died``
    (a worker died), ``restart()`` is called and the unfinished chunks are
    submitted again, up to ``MAX_RESTARTS`` times; then :class:`WorkerLost`.
    """
    pending: deque[tuple[list[PagePair], Any]] = deque()
    source = iter(chunks)
    restarts = 0
    while True:
        while len(pending) < window:
            chunk = next(source, None)
            if chunk is None:
                break
            pending.append((chunk, submit(chunk)))
        if not pending:
            return
        chunk, future = pending[0]
        try:
            result = future.result()
        except died as exc:
            restarts += 1
            if restarts > MAX_RESTARTS:
                raise WorkerLost(
                    f"a review worker died {restarts} times ({type(exc).__name__}: killed or out of memory?); "
                    "no report was written"
                ) from None
            restart()
            pending = deque((c, submit(c)) for c, _ in pending)
            continue
        pending.popleft()
        yield from _rewarn(result, terms)


class ProcessPool:
    """Review in ``workers`` processes of this machine (``--jobs N``)."""

    def __init__(self, work: Work, workers: int, n_pages: int):
        self.workers = workers
        self.restarts = 0
        self.chunk = chunk_size(n_pages, workers)
        self.n_pages = n_pages
        self.terms = term_counts()  # the pages' learned-term contributions, with shipped work, counted as they come
        # the cache path resolved here: workers fork from a server that may hold an older environment
        options = dataclasses.replace(
            work.options, threads=engine_threads(work.options, workers), cache=str(cache_path(work.options))
        )
        self.work = Work(work.settings, options, work.ship)
        self._pool = self._start()
        self.resources = self._pool.submit(describe_worker, self.work).result()

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(max_workers=self.workers, mp_context=_forkserver())

    def restart(self) -> None:
        self.restarts += 1
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start()

    def map(self, pairs: Iterable[PagePair]) -> Iterator[PageReview]:
        from concurrent.futures.process import BrokenProcessPool

        return ordered(
            lambda chunk: self._pool.submit(review_chunk, self.work, chunk),
            chunked(pairs, tapering(self.n_pages, self.workers, self.chunk)),
            self.workers * IN_FLIGHT_PER_WORKER,
            self.restart,
            (BrokenProcessPool,),
            self.terms,
        )

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def abort(self) -> None:
        """Stop now (Ctrl-C, an error): end the workers instead of waiting for their chunks."""
        for process in list(getattr(self._pool, "_processes", {}).values()):  # no public way before 3.14
            process.terminate()
        self._pool.shutdown(wait=False, cancel_futures=True)


# imported by the forkserver before it forks workers: the code, and the lexicons read once (worker_preload);
# the report writers too, so the processes that render report pages (render_pool) do not each import them
PRELOAD = ["mt_review.parallel", "mt_review.pipeline", "mt_review.worker_preload", "mt_review.report.fragments",
           "mt_review.report.html", "mt_review.report.json_report", "mt_review.report.markdown"]


def _forkserver():
    import multiprocessing

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def prestart(options: RunOptions) -> None:
    """With ``--jobs N`` (N > 1), start the forkserver now, so that it imports mt-review and reads the
    lexicons while this process reads and pairs the pages, instead of after.  Not with ``--state``:
    a re-run may reuse every page and need no worker at all."""
    if options.scheduler or options.state is not None or options.jobs is None or options.jobs <= 1:
        return
    from multiprocessing import forkserver

    _forkserver()
    try:
        forkserver.ensure_running()
    except OSError:  # pragma: no cover - the pool will try again (and say why) when it starts
        pass


def render_pool(options: RunOptions, n_pages: int) -> tuple[Any, int] | None:
    """(a process pool, its size) to render report pages in when the review ran in worker processes here;
    None when it ran in this process or on Dask (the reports are then rendered here)."""
    if options.scheduler:
        return None
    workers = worker_count(options, n_pages)
    if workers <= 1:
        return None
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=_forkserver()), workers


def open_runner(settings: ReviewSettings, options: RunOptions, n_pages: int, resources=None, *, ship: bool = False):
    """The runner the options ask for: Dask with ``scheduler``, worker processes with ``jobs`` > 1, else here.

    ``ship``: workers hand reviews back pickled with their learned-term contributions (``runner.terms``)."""
    work = Work(settings, options, ship)
    if options.scheduler:
        from mt_review.dask_runner import DaskRunner

        return DaskRunner(work, options.scheduler, n_pages)
    workers = worker_count(options, n_pages)
    if workers <= 1 or resources is not None:
        return InProcess(work, resources)
    _prepare_cache(work)
    return ProcessPool(work, workers, n_pages)


def cache_path(options: RunOptions):
    from pathlib import Path

    from mt_review.translate.cache import default_cache_path

    return Path(options.cache) if options.cache else default_cache_path()


def _prepare_cache(work: Work) -> None:
    """Create the shared cache file (and switch it to WAL) once, before several workers open it together."""
    from mt_review.cache import open_db

    settings = work.settings
    models_off = all((m is not None and m.strip().lower() in ("", "none")) for m in (settings.model_en_ar, settings.model_ar_en))
    if settings.embedder.strip().lower() in ("none", "off", "no", "") and models_off:
        return  # nothing will use the cache
    open_db(cache_path(work.options)).close()
