"""``-`` as the input: one bilingual file (XLIFF, PO, JSONL, TSV) read from standard input.

Standard input has no name and cannot be read twice, so it is read once, in
chunks that stop one byte past ``--max-bytes`` (a stream larger than the
limit is never held in memory), and parsed by the same readers as a file on
disk.  The page is parsed under ``name`` (``--stdin-name``, default
``stdin``): the page name, the title fallback and, through the extension,
the format are what that file on disk would give, so the reports differ from
a review of the file only where they show its path (``-``).  Without an
extension the format is sniffed from the content.  Monolingual pages cannot
be paired from one stream and are refused.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import BinaryIO

from mt_review.errors import InputError
from mt_review.model import PagePair

from . import BILINGUAL, detect_format, parse_as
from .decode import decode

__all__ = ["STDIN", "is_stdin", "read_stdin", "read_stdin_pair"]

STDIN = "-"  # the input name that means standard input, as the page's path
_CHUNK = 1 << 20


def is_stdin(path: object) -> bool:
    return str(path) == STDIN


def read_stdin(max_bytes: int, stream: BinaryIO | None = None) -> bytes:
    """All of standard input, refusing a terminal, an empty stream and one over ``max_bytes``."""
    if stream is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError("standard input is a terminal; pipe a bilingual file into it", STDIN)
        stream = sys.stdin.buffer
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= max_bytes and (chunk := stream.read(min(_CHUNK, max_bytes + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError(f"cannot read standard input: {exc.strerror or exc}", STDIN) from None
    if total > max_bytes:
        raise InputError(f"standard input is over the size limit of {max_bytes:,} bytes (--max-bytes)", STDIN)
    if not total:
        raise InputError("standard input is empty", STDIN)
    return b"".join(chunks)


def read_stdin_pair(max_bytes: int, name: str = "stdin", stream: BinaryIO | None = None) -> PagePair:
    """Standard input parsed as the bilingual file ``name``; its pages' path is ``-``."""
    if not name.strip() or "\x00" in name:
        raise InputError(f"--stdin-name must be a file name, not {name!r}")
    data = read_stdin(max_bytes, stream)
    text, encoding = decode(data, STDIN)
    if not text.strip():
        raise InputError("standard input is empty (only whitespace)", STDIN)
    fmt = detect_format(Path(name), data[:8192])
    if fmt not in BILINGUAL:
        raise InputError(
            f"standard input reads as {fmt}; '-' takes one bilingual file (XLIFF, PO, JSONL or TSV)"
            " (--stdin-name job.xliff names its format)", STDIN)
    try:
        pair = parse_as(fmt, text, name, encoding)
    except InputError as exc:  # the reader named the file standard input stands for
        raise InputError(exc.message if exc.path == name else str(exc), STDIN) from None
    assert isinstance(pair, PagePair)
    return dataclasses.replace(
        pair,
        source=dataclasses.replace(pair.source, path=STDIN),
        target=dataclasses.replace(pair.target, path=STDIN),
    )
