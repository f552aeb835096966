"""The re-translation interface: :class:`Translator`, :class:`TokenScores`, :class:`ModelInfo`.

Every engine (transformers, CTranslate2) and the caching wrapper implement
:class:`Translator`.  Work is done in batches: inputs are tokenized, sorted by
length, cut into batches under a token budget, run, and put back in the
caller's order.  Lengths are bounded (``max_input_tokens``, and a per-segment
output cap relative to the input length) so one pathological segment cannot
run away.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, replace, field
from typing import Callable, Iterator, Mapping, Sequence

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` (segments) after each batch."""

DIRECTIONS = ("en-ar", "ar-en")


@dataclass(frozen=True)
class DecodingSettings:
    """How a model decodes.  Part of every cache key and of the report signature."""

    beam_size: int = 1
    max_input_tokens: int = 256  # source pieces kept (incl. language token and </s>)
    max_output_ratio: float = 2.0  # output cap = ratio * source tokens + extra ...
    max_output_extra: int = 10
    max_output_tokens: int = 512  # ... and never more than this
    length_penalty: float = 1.0
    min_output_tokens: int = 0  # no </s> before this many tokens (benchmarks force equal lengths)

    def output_cap(self, n_source_tokens: int) -> int:
        cap = int(self.max_output_ratio * n_source_tokens) + self.max_output_extra
        return max(1, min(self.max_output_tokens, cap))

    def fit_positions(self, max_positions: int | None) -> "DecodingSettings":
        """Clamp the length limits to what the model's position table holds.

        Generation writes the decoder start token and a forced ``</s>`` besides
        the capped output, so the output cap stays two below the table size.
        """
        if not max_positions:
            return self
        return replace(
            self,
            max_input_tokens=min(self.max_input_tokens, max_positions),
            max_output_tokens=max(1, min(self.max_output_tokens, max_positions - 2)),
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def key(self) -> str:
        return json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class ModelInfo:
    """Which model, at which revision, run how."""

    model_id: str  # hub id or local folder
    revision: str  # hub commit hash, or "sha256:<12 hex>" of a local folder's files
    direction: str  # "en-ar" or "ar-en"
    engine: str  # "transformers" or "ctranslate2"
    decoding: DecodingSettings = field(default_factory=DecodingSettings)
    compute_type: str = "float32"  # transformers: torch dtype; ctranslate2: int8, float32 ...
    lang_token: str | None = None  # e.g. ">>ara<<" prepended to every source
    path: str | None = None  # the folder actually loaded

    @property
    def signature(self) -> str:
        """``engine:model_id@revision`` as printed in :class:`mt_review.model.Signature`."""
        return f"{self.engine}:{self.model_id}@{self.revision[:12]}"

    def cache_namespace(self) -> str:
        """Everything that changes an output, as one string (the cache key prefix)."""
        return json.dumps(
            {
                "engine": self.engine,
                "model": self.model_id,
                "revision": self.revision,
                "direction": self.direction,
                "compute_type": self.compute_type,
                "lang_token": self.lang_token,
                "decoding": self.decoding.as_dict(),
            },
            sort_keys=True,
            separators=(",", ":"),
        )


@dataclass(frozen=True)
class TokenScores:
    """Forced decoding of a given target: how likely the model finds each of its tokens.

    ``tokens[i]`` is a SentencePiece piece (``▁`` marks a preceding space) and
    the last one is ``</s>``.  ``offsets[i] = (start, end)`` are character
    offsets into the original target string covering the visible characters
    of that piece (the space a leading ``▁`` stands for is not included); a
    piece that could not be placed, a bare ``▁`` and ``</s>`` get an empty
    span ``(p, p)`` at the position where they occur.  ``best_tokens`` /
    ``best_logprobs`` are the model's own greedy choice at each position when
    the engine gives it cheaply (transformers), else ``None`` (CTranslate2).
    ``truncated`` says the target was longer than the model's limit and only
    its beginning was scored.
    """

    tokens: tuple[str, ...]
    logprobs: tuple[float, ...]
    offsets: tuple[tuple[int, int], ...]
    best_tokens: tuple[str, ...] | None = None
    best_logprobs: tuple[float, ...] | None = None
    truncated: bool = False

    @property
    def total(self) -> float:
        return float(sum(self.logprobs))

    @property
    def mean(self) -> float:
        return self.total / len(self.logprobs) if self.logprobs else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "tokens": list(self.tokens),
            "logprobs": list(self.logprobs),
            "offsets": [list(o) for o in self.offsets],
            "best_tokens": list(self.best_tokens) if self.best_tokens is not None else None,
            "best_logprobs": list(self.best_logprobs) if self.best_logprobs is not None else None,
            "truncated": self.truncated,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, object]) -> "TokenScores":
        """The scores :meth:`to_json` wrote; TypeError on a value of the wrong shape (a damaged cache row)."""
        bt = d.get("best_tokens")
        bl = d.get("best_logprobs")
        tokens, logprobs, offsets = _array(d["tokens"]), _array(d["logprobs"]), _array(d["offsets"])
        if not len(tokens) == len(logprobs) == len(offsets):
            raise TypeError(f"{len(tokens)} tokens, {len(logprobs)} log-probabilities, {len(offsets)} offsets")
        return cls(
            tokens=tuple(str(x) for x in tokens),
            logprobs=tuple(float(x) for x in logprobs),
            offsets=tuple((int(a), int(b)) for a, b in offsets),
            best_tokens=tuple(str(x) for x in _array(bt)) if bt is not None else None,
            best_logprobs=tuple(float(x) for x in _array(bl)) if bl is not None else None,
            truncated=bool(d.get("truncated", False)),
        )


def _array(value: object) -> list:
    """A JSON array as a list; anything else is a damaged value."""
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"expected a JSON array, not {type(value).__name__}")
    return list(value)


class Translator(ABC):
    """A loaded MT model for one direction.  All operations take a batch."""

    @property
    @abstractmethod
    def info(self) -> ModelInfo: ...

    @abstractmethod
    def translate(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> list[str]:
        """Translate each text; the result has the same length and order.

        Empty or all-space texts translate to ``""`` without running the model."""

    @abstractmethod
    def score(
        self,
        sources: Sequence[str],
        targets: Sequence[str],
        *,
        progress: ProgressCallback | None = None,
    ) -> list[TokenScores]:
        """Forced-decode ``targets[i]`` given ``sources[i]``."""

    def close(self) -> None:  # pragma: no cover  # noqa: B027 - an optional hook: engines with resources override
        pass


def length_batches(lengths: Sequence[int], batch_tokens: int, max_batch_size: int = 64) -> Iterator[list[int]]:
    """Indices sorted by length (longest first), cut so ``len(batch) * longest <= batch_tokens``.

    A single item longer than the budget gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batch: list[int] = []
    longest = 0
    for i in order:
        n = max(1, lengths[i])
        new_longest = max(longest, n)
        if batch and (new_longest * (len(batch) + 1) > batch_tokens or len(batch) >= max_batch_size):
            yield batch
            batch, new_longest = [], n
        batch.append(i)
        longest = new_longest
    if batch:
        yield batch
