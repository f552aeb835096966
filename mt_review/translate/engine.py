"""What both engines share: tokenizing, length-sorted token-budget batching, caps."""

from __future__ import annotations

from abc import abstractmethod
from typing import Sequence

from mt_review.translate.base import (
    ModelInfo,
    ProgressCallback,
    TokenScores,
    Translator,
    length_batches,
)
from mt_review.translate.vocab import EOS, MarianVocab

RawScore = tuple[list[float], list[str] | None, list[float] | None]


class MarianEngine(Translator):
    """A Marian model run in batches.  Subclasses implement the two ``_run_*`` methods."""

    def __init__(self, vocab: MarianVocab, info: ModelInfo, *, batch_tokens: int = 1024, max_batch_size: int = 64):
        self.vocab = vocab
        self._info = info
        self.batch_tokens = batch_tokens
        self.max_batch_size = max_batch_size
        # how many times the model itself ran (tests count these to prove cache hits)
        self.model_calls = 0
        self.segments_translated = 0
        self.segments_scored = 0

    @property
    def info(self) -> ModelInfo:
        return self._info

    # -- engine hooks ------------------------------------------------------
    @abstractmethod
    def _run_translate(self, sources: list[list[str]], max_output: int) -> list[list[str]]:
        """Output pieces (no </s>) for a batch of source pieces; at most ``max_output`` each."""

    @abstractmethod
    def _run_score(self, sources: list[list[str]], targets: list[list[str]]) -> list[RawScore]:
        """Per-token log-probs of ``targets`` (each ending in </s>), plus greedy choices if cheap."""

    # -- Translator --------------------------------------------------------
    def translate(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> list[str]:
        dec = self._info.decoding
        total = len(texts)
        out: list[str] = [""] * total
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        done = total - len(todo)
        if progress and done:
            progress(done, total)
        src = {i: self.vocab.encode_source(texts[i], dec.max_input_tokens) for i in todo}
        lengths = [len(src[i]) for i in todo]
        for batch in length_batches(lengths, self.batch_tokens, self.max_batch_size):
            idx = [todo[b] for b in batch]
            pieces = [src[i] for i in idx]
            caps = [dec.output_cap(len(p)) for p in pieces]
            self.model_calls += 1
            hyps = self._run_translate(pieces, max(caps))
            for i, hyp, cap in zip(idx, hyps, caps, strict=True):
                # each segment's own cap, so the result never depends on its batch-mates
                out[i] = self.vocab.decode(hyp[:cap])
            self.segments_translated += len(idx)
            done += len(idx)
            if progress:
                progress(done, total)
        return out

    def score(
        self,
        sources: Sequence[str],
        targets: Sequence[str],
        *,
        progress: ProgressCallback | None = None,
    ) -> list[TokenScores]:
        if len(sources) != len(targets):
            raise ValueError(f"score: {len(sources)} sources but {len(targets)} targets")
        dec = self._info.decoding
        total = len(sources)
        src = [self.vocab.encode_source(s, dec.max_input_tokens) for s in sources]
        tgt = [self.vocab.encode_target(t, dec.max_output_tokens) for t in targets]
        lengths = [max(len(s), len(t.pieces)) for s, t in zip(src, tgt, strict=True)]
        results: list[TokenScores | None] = [None] * total
        done = 0
        for batch in length_batches(lengths, self.batch_tokens, self.max_batch_size):
            self.model_calls += 1
            raw = self._run_score([src[i] for i in batch], [list(tgt[i].pieces) for i in batch])
            for i, (lps, best, best_lps) in zip(batch, raw, strict=True):
                t = tgt[i]
                assert len(lps) == len(t.pieces), (len(lps), len(t.pieces))
                results[i] = TokenScores(
                    tokens=t.pieces,
                    logprobs=tuple(float(x) for x in lps),
                    offsets=t.offsets,
                    best_tokens=tuple(best) if best is not None else None,
                    best_logprobs=tuple(float(x) for x in best_lps) if best_lps is not None else None,
                    truncated=t.truncated,
                )
            self.segments_scored += len(batch)
            done += len(batch)
            if progress:
                progress(done, total)
        return [r for r in results if r is not None]


def strip_eos(pieces: list[str]) -> list[str]:
    return pieces[: pieces.index(EOS)] if EOS in pieces else pieces
