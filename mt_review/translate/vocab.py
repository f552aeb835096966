"""Marian tokenization shared by both engines, so both see the same pieces.

An OPUS-MT folder holds ``source.spm``, ``target.spm`` and ``vocab.json`` (one
vocabulary shared by both sides; ``target_vocab.json`` when separate).  We use
SentencePiece directly rather than ``MarianTokenizer.__call__`` so that the
transformers and CTranslate2 engines tokenize identically, and so target
pieces can be mapped back to character offsets in the original text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from mt_review.errors import ModelUnavailable

LANG_TOKEN_RE = re.compile(r"^>>[A-Za-z_]+<<$")
# target-language codes to look for, in order of preference
DEFAULT_LANG_CODES = {"ar": ("ara", "arb", "ar"), "en": ("eng", "en")}
EOS = "</s>"
UNK = "<unk>"
PAD = "<pad>"


@dataclass(frozen=True)
class EncodedTarget:
    pieces: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]
    truncated: bool


class MarianVocab:
    """SentencePiece models + Marian vocabulary of one model folder."""

    def __init__(self, folder: str | Path, *, target_lang: str | None = None, lang_token: str | None = None):
        import sentencepiece as spm

        folder = Path(folder)
        for name in ("source.spm", "target.spm", "vocab.json"):
            if not (folder / name).is_file():
                raise ModelUnavailable(f"{folder}: not a Marian model folder (no {name})")
        self.folder = folder
        self.sp_source = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self.sp_target = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        self.source_vocab: dict[str, int] = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        tv = folder / "target_vocab.json"
        self.target_vocab: dict[str, int] = (
            json.loads(tv.read_text(encoding="utf-8")) if tv.is_file() else self.source_vocab
        )
        self.target_inv = {i: t for t, i in self.target_vocab.items()}
        for name, v in (("vocab.json", self.source_vocab), ("target vocab", self.target_vocab)):
            if UNK not in v or EOS not in v:
                raise ModelUnavailable(f"{folder}: {name} lacks {UNK} or {EOS}")
        self.eos_id = self.target_vocab[EOS]
        self.unk_id = self.target_vocab[UNK]
        self.pad_id = self.target_vocab.get(PAD, len(self.target_vocab) - 1)
        self.lang_tokens = sorted(t for t in self.source_vocab if LANG_TOKEN_RE.match(t))
        self.lang_token = self._pick_lang_token(target_lang, lang_token)
        self.specials = {EOS, PAD, "<s>"} | set(self.lang_tokens)

    def _pick_lang_token(self, target_lang: str | None, lang_token: str | None) -> str | None:
        if lang_token is not None:
            if lang_token in ("", "none"):
                return None
            tok = lang_token if lang_token.startswith(">>") else f">>{lang_token}<<"
            if tok not in self.source_vocab:
                raise ModelUnavailable(
                    f"{self.folder}: language token {tok} is not in the model's vocabulary"
                    + (f" (it has {', '.join(self.lang_tokens[:12])})" if self.lang_tokens else "")
                )
            return tok
        if not self.lang_tokens:
            return None
        for code in DEFAULT_LANG_CODES.get(target_lang or "", ()):
            if f">>{code}<<" in self.source_vocab:
                return f">>{code}<<"
        raise ModelUnavailable(
            f"{self.folder}: multi-target model needs a target-language token and none of "
            f"{', '.join(self.lang_tokens[:12])} matches '{target_lang}'; pass one explicitly"
        )

    # -- source ------------------------------------------------------------
    def encode_source(self, text: str, max_tokens: int) -> list[str]:
        """Pieces (strings) for the encoder: [lang token] + pieces + </s>, truncated to ``max_tokens``."""
        pieces = self.sp_source.encode(text, out_type=str)
        head = [self.lang_token] if self.lang_token else []
        room = max(0, max_tokens - len(head) - 1)
        pieces = [p if p in self.source_vocab else UNK for p in pieces[:room]]
        return head + pieces + [EOS]

    def source_ids(self, pieces: list[str]) -> list[int]:
        v = self.source_vocab
        unk = v[UNK]
        return [v.get(p, unk) for p in pieces]

    # -- target ------------------------------------------------------------
    def encode_target(self, text: str, max_tokens: int) -> EncodedTarget:
        """Pieces of ``text`` + </s>, with character offsets into ``text``."""
        raw = self.sp_target.encode(text, out_type=str)
        offsets = piece_offsets(text, raw)
        truncated = len(raw) + 1 > max_tokens
        if truncated:
            raw, offsets = raw[: max_tokens - 1], offsets[: max_tokens - 1]
        end = len(text) if not truncated else (offsets[-1][1] if offsets else 0)
        pieces = tuple(p if p in self.target_vocab else UNK for p in raw) + (EOS,)
        return EncodedTarget(pieces, tuple(offsets) + ((end, end),), truncated)

    def target_ids(self, pieces: tuple[str, ...] | list[str]) -> list[int]:
        v = self.target_vocab
        return [v.get(p, self.unk_id) for p in pieces]

    def target_tokens(self, ids: list[int]) -> list[str]:
        return [self.target_inv.get(i, UNK) for i in ids]

    def decode(self, pieces: list[str]) -> str:
        """Pieces -> text, dropping </s>, <pad> and language tokens."""
        out: list[str] = []
        for p in pieces:
            if p == EOS:
                break
            if p in self.specials:
                continue
            out.append(p)
        # pieces the target SentencePiece model does not know (source-side pieces of a
        # shared vocabulary, e.g. copied names) come back verbatim: turn their ▁ into spaces
        # as MarianTokenizer does
        text = self.sp_target.decode_pieces(out).replace("\u2581", " ")
        return re.sub(r" {2,}", " ", text).strip()


def _normalized_stream(text: str) -> tuple[str, list[int]]:
    """NFKC-normalize ``text`` char by char, remembering each output char's origin."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            norm = " "
        else:
            norm = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        for c in norm:
            chars.append(" " if c.isspace() else c)
            origin.append(i)
    return "".join(chars), origin


def piece_offsets(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Character spans of SentencePiece ``pieces`` in the original ``text``.

    SentencePiece normalizes (NFKC, whitespace) before cutting, so the pieces
    are matched against an NFKC stream of ``text`` that remembers where each
    character came from.  The leading ``▁`` of a piece stands for whitespace
    and is not part of the span.  A piece that cannot be found (rare:
    normalization rules beyond NFKC) gets an empty span at the current point.
    """
    norm, origin = _normalized_stream(text)
    n = len(norm)
    k = 0
    spans: list[tuple[int, int]] = []

    def pos(idx: int) -> int:
        return origin[idx] if idx < n else len(text)

    for piece in pieces:
        surface = piece.lstrip("\u2581").replace("\u2581", " ")
        if piece.startswith("\u2581"):
            while k < n and norm[k] == " ":
                k += 1
        if not surface:
            spans.append((pos(k), pos(k)))
            continue
        if norm.startswith(surface, k):
            start, k = k, k + len(surface)
        else:
            j = norm.find(surface, k, k + len(surface) + 64)
            if j < 0:
                spans.append((pos(k), pos(k)))
                continue
            start, k = j, j + len(surface)
        spans.append((origin[start], origin[k - 1] + 1))
    return spans
