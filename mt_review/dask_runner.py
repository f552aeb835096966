"""Review on a Dask ``distributed`` cluster (``--scheduler ADDRESS``).

The same chunk function as the local worker processes
(:func:`mt_review.parallel.review_chunk`) is submitted to the cluster; Dask
does the scheduling, transport, retries and worker bookkeeping.  A
:class:`ResourcesPlugin` loads embedder, translators and glossary once per
worker process when the run starts (and on a worker that joins later).
Results come back in page order and the reports are written by the process
that ran the command.

Each worker keeps its own caches: ``cache`` in the settings is a path *on the
worker*; a relative one is in the worker's local folder, where Dask's
``UploadFile(path, load=False)`` puts a file shipped with the job (unset: the
worker's own user cache folder, or ``MT_REVIEW_CACHE_DIR`` in its environment).  docs/SCALING.md says how to pre-warm them from a cache
file shipped with the job.

Workers need mt-review installed (``pip install 'mt-review[dask]'``) and the
models at the same paths.  Run them with one thread each
(``dask worker ADDRESS --nthreads 1 --nworkers N``): a worker reviews one
chunk at a time anyway, and its engines use the cores.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator

from mt_review.errors import InputError
from mt_review.model import PagePair, PageReview
from mt_review.parallel import (
    IN_FLIGHT_PER_WORKER,
    Work,
    available_cores,
    chunk_size,
    chunked,
    describe_worker,
    ordered,
    review_chunk,
    term_counts,
)

CONNECT_TIMEOUT = "20s"


def _distributed():
    try:
        import distributed
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'mt-review[dask]'") from None
    return distributed


class ResourcesPlugin:
    """Load the run's resources on each worker when it is registered (a Dask ``WorkerPlugin``).

    ``threads_by_host`` shares each machine's cores among the worker processes
    on it, unless the settings fix ``threads``.
    """

    idempotent = False

    def __init__(self, work: Work, threads_by_host: dict[str, int]):
        self.work = work
        self.threads_by_host = threads_by_host

    def worker_work(self, worker) -> Work:
        """The work as this worker does it: its share of threads; a relative cache in its local folder."""
        options = self.work.options
        if options.cache and not os.path.isabs(options.cache):  # e.g. a copy shipped with UploadFile(load=False)
            options = dataclasses.replace(options, cache=os.path.join(worker.local_directory, options.cache))
        if options.threads is None:
            workers_here = self.threads_by_host.get(_host_of(worker.address), 1)
            threads = max(1, available_cores() // workers_here) if workers_here > 1 else None
            options = dataclasses.replace(options, threads=threads)
        return Work(self.work.settings, options, self.work.ship)

    def setup(self, worker) -> None:
        from mt_review.parallel import _resources

        _resources(self.worker_work(worker))

    def teardown(self, worker) -> None:
        pass

    def transition(self, key, start, finish, **kwargs) -> None:
        pass


def _host_of(address: str) -> str:
    return address.split("://")[-1].rsplit(":", 1)[0]


def _as_plugin(plugin: ResourcesPlugin):
    """Register as a real ``WorkerPlugin`` subclass (imported lazily: Dask is an extra)."""
    distributed = _distributed()

    # mypy cannot resolve a base class taken from a module imported at run time (Dask is an optional extra)
    class _Plugin(ResourcesPlugin, distributed.WorkerPlugin):  # type: ignore[name-defined]
        pass

    return _Plugin(plugin.work, plugin.threads_by_host)


def _review_on_worker(plugin: ResourcesPlugin, pairs: list[PagePair]):
    from distributed import get_worker

    return review_chunk(plugin.worker_work(get_worker()), pairs)


def _describe_on_worker(plugin: ResourcesPlugin):
    from distributed import get_worker

    return describe_worker(plugin.worker_work(get_worker()))


class DaskRunner:
    """Review pages on the Dask cluster at ``address``."""

    def __init__(self, work: Work, address: str, n_pages: int):
        distributed = _distributed()
        try:
            self.client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler ({exc})", address) from None
        try:
            workers = self.client.scheduler_info(n_workers=-1)["workers"]
        except TypeError:  # older distributed: every worker is listed
            workers = self.client.scheduler_info()["workers"]
        if not workers:
            self.client.close()
            raise InputError("the Dask cluster has no workers", address)
        per_host: dict[str, int] = {}
        for addr in workers:
            per_host[_host_of(addr)] = per_host.get(_host_of(addr), 0) + 1
        self.workers = len(workers)
        self.restarts = 0  # Dask moves a lost worker's tasks itself
        self.chunk = chunk_size(n_pages, self.workers)
        self.terms = term_counts()  # the pages' learned-term contributions, with shipped work, counted as they come
        self.plugin = ResourcesPlugin(Work(work.settings, dataclasses.replace(work.options, scheduler=None), work.ship),
                                      per_host)
        self.client.register_plugin(_as_plugin(self.plugin), name=f"mt-review-{work.settings.hash()}")
        self.resources = self.client.submit(_describe_on_worker, self.plugin, pure=False).result()
        self._killed = (distributed.KilledWorker,)

    def map(self, pairs: Iterable[PagePair]) -> Iterator[PageReview]:
        """Reviews in page order.  Dask moves the work of a lost worker itself; ``KilledWorker`` is final."""
        from mt_review.parallel import WorkerLost

        stream = ordered(
            lambda chunk: self.client.submit(_review_on_worker, self.plugin, chunk, pure=False, retries=1),
            chunked(pairs, self.chunk),
            self.workers * IN_FLIGHT_PER_WORKER,
            lambda: None,
            (),
            self.terms,
        )
        try:
            yield from stream
        except self._killed as exc:
            raise WorkerLost(
                f"Dask workers kept dying while reviewing a chunk of pages ({' '.join(str(exc).split())[:160]}); "
                "no report was written"
            ) from None

    def close(self) -> None:
        self.client.close()

    def abort(self) -> None:
        """Stop now: cancel this run's tasks on the cluster, then disconnect."""
        try:
            self.client.cancel(list(self.client.futures.values()), force=True)
        finally:
            self.client.close()

