"""Readers: turn a file on disk into a :class:`Page` or a pre-aligned :class:`PagePair`.

Monolingual formats (plain text, HTML) give one :class:`Page`; bilingual
formats (XLIFF 1.2/2.x, gettext PO, JSONL, TSV) give a
``PagePair(prealigned=True)``.  Every failure a user can fix is an
:class:`~mt_review.errors.InputError` naming the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mt_review.errors import InputError
from mt_review.model import Page, PagePair

from .decode import decode, read_bytes

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "MONOLINGUAL",
    "BILINGUAL",
    "EXTENSIONS",
    "read_file",
    "read_text",
    "parse_as",
    "detect_format",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

MONOLINGUAL = frozenset({"text", "html"})
BILINGUAL = frozenset({"xliff", "po", "jsonl", "tsv"})
FORMATS = MONOLINGUAL | BILINGUAL

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xliff": "xliff",
    ".xlf": "xliff",
    ".xlf2": "xliff",
    ".po": "po",
    ".pot": "po",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".tsv": "tsv",
    ".tab": "tsv",
}
_ALIASES = {"txt": "text", "plain": "text", "htm": "html", "xlf": "xliff", "xlf2": "xliff", "pot": "po",
            "ndjson": "jsonl", "tab": "tsv"}

_HTML_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_XLIFF_SNIFF = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?xliff[\s>]")
_PO_SNIFF = re.compile(r'^\s*msgid\s+"', re.MULTILINE)


def _head_text(head: bytes) -> str:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, "ignore")
    return head.decode("utf-8", "ignore")


def detect_format(path: Path, head: bytes) -> str:
    """``"text"|"html"|"xliff"|"po"|"jsonl"|"tsv"`` from the extension and the first bytes.

    Unmistakable content wins over the extension (an ``.html`` that is really
    XLIFF is XLIFF; a ``.txt`` holding an HTML document is HTML); weaker
    signals (PO entries, JSON lines, tabs) decide only when the extension is
    unknown.  Default: plain text.
    """
    by_ext = EXTENSIONS.get(Path(path).suffix.lower())
    sample = _head_text(head[:8192])
    stripped = sample.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):  # a markup document: its content decides
        if _XLIFF_SNIFF.search(sample[:4096]):
            return "xliff"
        if _HTML_SNIFF.search(sample[:4096]):
            return "html"
    if by_ext:
        return by_ext
    if stripped.startswith("<?xml"):
        return "xliff"  # the XLIFF reader says clearly what else it found
    if _PO_SNIFF.search(sample) and 'msgstr' in sample:
        return "po"
    first = stripped.split("\n", 1)[0].strip()
    if first.startswith("{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
    if first.count("\t") == 1:
        return "tsv"
    return "text"


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str, bytes]:
    """``(text, encoding, raw bytes)``; refuses empty and whitespace-only files."""
    data = read_bytes(path, max_bytes)
    text, encoding = decode(data, path)
    if not text.strip():
        raise InputError("file is empty (only whitespace)", str(path))
    return text, encoding, data


def read_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None
) -> Page | PagePair:
    """Read one file: monolingual formats give a Page, bilingual ones a pre-aligned PagePair."""
    p = Path(path)
    text, encoding, data = read_text(p, max_bytes=max_bytes)
    if fmt is not None:
        fmt = _ALIASES.get(fmt.lower(), fmt.lower())
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})", str(path))
    else:
        fmt = detect_format(p, data[:8192])
    return parse_as(fmt, text, path, encoding)


def parse_as(fmt: str, text: str, path: str | Path, encoding: str) -> Page | PagePair:
    """Parse already-decoded ``text`` as format ``fmt`` (one of :data:`FORMATS`)."""
    return _READERS[fmt](text, path, encoding)


def _read_text(text, path, encoding):
    from .text import parse_text

    return parse_text(text, path, encoding)


def _read_html(text, path, encoding):
    from .html import parse_html

    return parse_html(text, path, encoding)


def _read_xliff(text, path, encoding):
    from .xliff import read_xliff

    return read_xliff(text, path, encoding)


def _read_po(text, path, encoding):
    from .bilingual import read_po

    return read_po(text, path, encoding)


def _read_jsonl(text, path, encoding):
    from .bilingual import read_jsonl

    return read_jsonl(text, path, encoding)


def _read_tsv(text, path, encoding):
    from .bilingual import read_tsv

    return read_tsv(text, path, encoding)


_READERS = {
    "text": _read_text,
    "html": _read_html,
    "xliff": _read_xliff,
    "po": _read_po,
    "jsonl": _read_jsonl,
    "tsv": _read_tsv,
}
