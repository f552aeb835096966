"""Page reviews kept on disk, not in memory: a run's memory follows its largest page, not its page count.

A review in memory is about 13 times its pickle (≈85 KB against ≈7 KB for a
page of 14 segments), and a run holds every review until the reports are
written.  :class:`PageSpool` appends each review's pickle to one anonymous
temporary file (unlinked at once: nothing is left behind, even after
``kill -9``) and reads a review back each time it is asked for, so only the
page being looked at is in memory.  It is a read-only ``Sequence``: every
consumer that iterates ``run.pages`` works unchanged; a page read twice is
two equal objects, not one (nothing may rely on identity across reads).

A pickler keeps every object it has written (and each one's state tuple)
alive until its dump ends, and an unpickler likewise: for one huge page that
was a second shallow copy of the page.  A page of more than :data:`CHUNK`
segments is therefore stored as several pickles (its segments a chunk at a
time, then the rest of the page referring to them), so only one chunk's
worth is held at once; :meth:`PageSpool.raw` still hands out one ordinary pickle.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from mt_review.model import PageReview

__all__ = ["CHUNK", "PageSpool", "Pickled", "spooled"]

CHUNK = 256  # segments pickled together (one pickler memo) when a page is stored in chunks


class _PagePickler(pickle.Pickler):
    """Pickles a page with its segments tuple left out (a persistent reference in its place)."""

    def __init__(self, file: Any, segments: tuple) -> None:
        super().__init__(file, protocol=5)
        self._segments = segments

    def persistent_id(self, obj: Any) -> str | None:
        return "segments" if obj is self._segments else None


class _PageUnpickler(pickle.Unpickler):
    """Reads a page pickled by :class:`_PagePickler`, given its segments."""

    def __init__(self, file: Any, segments: tuple) -> None:
        super().__init__(file)
        self._segments = segments

    def persistent_load(self, pid: Any) -> Any:
        if pid != "segments":
            raise pickle.UnpicklingError(f"unknown reference {pid!r} in a spooled page")
        return self._segments


def _dump_chunked(review: PageReview, file: Any) -> None:
    """The chunk count, each chunk of segments (a fresh pickler each: its memo dies with it), the rest."""
    segments = review.segments
    starts = range(0, len(segments), CHUNK)
    pickle.dump(len(starts), file, protocol=5)
    for start in starts:
        pickle.dump(segments[start:start + CHUNK], file, protocol=5)
    _PagePickler(file, segments).dump(review)


def _load_chunked(file: Any) -> PageReview:
    chunks: int = pickle.load(file)
    segments = tuple(s for _ in range(chunks) for s in pickle.load(file))
    review: PageReview = _PageUnpickler(file, segments).load()
    return review


class Pickled:
    """A page review as its pickle, with what a spool keeps beside it: made where the page was
    reviewed (a worker process), so the process that spools it never unpickles nor pickles it."""

    __slots__ = ("data", "name", "paths", "degenerate_models")

    def __init__(self, review: PageReview, data: bytes | None = None):
        self.data = data if data is not None else pickle.dumps(review, protocol=5)
        self.name = review.pair.name
        self.paths: tuple[str | None, str | None] = (review.pair.source.path, review.pair.target.path)
        self.degenerate_models = tuple(review.degenerate_models)

    @classmethod
    def kept(cls, data: bytes, name: str, paths: tuple[str | None, str | None]) -> "Pickled":
        """A review kept as ``data`` (a state file's row that vouches for it: ``mt_review.incremental``)
        whose page has no degenerate models."""
        made = cls.__new__(cls)
        made.data, made.name, made.paths, made.degenerate_models = data, name, paths, ()
        return made


class PageSpool(Sequence[PageReview]):
    """Reviews pickled into a temporary file in order; ``spool[i]`` reads page ``i`` back."""

    def __init__(self, reviews: Iterable[PageReview | Pickled] = ()):
        self._file = tempfile.TemporaryFile(prefix="mt-review-pages-")
        self._spans: list[tuple[int, int, bool]] = []  # (offset, length, stored in chunks) of each page
        self._end = 0
        # each page's (source path, target path), kept as it is spooled: the passes that need only
        # the files (what the run read, the state's bookkeeping) read no page back
        self.paths: list[tuple[str | None, str | None]] = []
        self.degenerate_models: list[tuple] = []  # and its degenerate models (the run's model notices)
        for review in reviews:
            self.append(review)

    def append(self, review: PageReview | Pickled) -> None:
        self._file.seek(self._end)
        chunked = False
        if isinstance(review, Pickled):
            paths, models = review.paths, review.degenerate_models
            self._file.write(review.data)
        else:
            # pickled straight into the file, a frame at a time: no whole-pickle bytes beside the live page
            # (for one huge page that copy, and its growth, was ~3 MB per input MB)
            chunked = len(review.segments) > CHUNK
            if chunked:
                _dump_chunked(review, self._file)
            else:
                pickle.dump(review, self._file, protocol=5)
            paths = (review.pair.source.path, review.pair.target.path)
            models = tuple(review.degenerate_models)
        length = self._file.tell() - self._end
        self._spans.append((self._end, length, chunked))
        self.paths.append(paths)
        self.degenerate_models.append(models)
        self._end += length

    def replace(self, index: int, review: PageReview | Pickled) -> None:
        """Page ``index`` is now ``review`` (its pickle is appended; the old one is no longer read)."""
        position = range(len(self))[index]
        self.append(review)
        self._spans[position] = self._spans.pop()
        self.paths[position] = self.paths.pop()
        self.degenerate_models[position] = self.degenerate_models.pop()

    def __len__(self) -> int:
        return len(self._spans)

    def raw(self, index: int) -> bytes:
        """Page ``index``'s pickle (to send elsewhere): as stored, or made again for a page stored in
        chunks (only pages reviewed in this process and longer than :data:`CHUNK` segments)."""
        position = range(len(self))[index]
        offset, length, chunked = self._spans[position]
        if chunked:
            return pickle.dumps(self._read(position), protocol=5)
        self._file.seek(offset)
        return self._file.read(length)

    def _read(self, index: int) -> PageReview:
        # unpickled from the file, a frame at a time: the raw pickle is not held beside the page being built
        offset, _, chunked = self._spans[index]
        self._file.seek(offset)
        if chunked:
            return _load_chunked(self._file)
        review: PageReview = pickle.load(self._file)
        return review

    @overload
    def __getitem__(self, index: int) -> PageReview: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[PageReview, ...]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return tuple(self._read(i) for i in range(*index.indices(len(self))))
        return self._read(range(len(self))[index])  # negative indices; IndexError past the end

    def __iter__(self) -> Iterator[PageReview]:
        for i in range(len(self._spans)):
            yield self._read(i)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable while it is filled, like a list

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))  # sent elsewhere (a worker, a test's copy): the reviews themselves

    def __repr__(self) -> str:
        return f"PageSpool({len(self)} pages)"

    def close(self) -> None:
        self._file.close()


def spooled(reviews: Iterable[PageReview]) -> PageSpool:
    """The reviews, in order, in a new spool."""
    return PageSpool(reviews)
