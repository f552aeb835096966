"""Plain text pages: blocks separated by one or more blank lines."""

from __future__ import annotations

from pathlib import Path

from mt_review.errors import InputError
from mt_review.model import BlockKind, Page

from .common import build_page, make_blocks, text_kind
from .decode import normalize_newlines


def split_blocks(text: str) -> list[tuple[str, int]]:
    """``(block_text, 1-based start line)``; a block's internal newlines are kept.

    A blank line is one holding only whitespace (spaces, tabs, NBSP ...).
    Invisible characters such as U+200B are not whitespace, so a line holding
    only them is content and is kept for the checks to report.
    """
    blocks: list[tuple[str, int]] = []
    current: list[str] = []
    start = 0
    for lineno, line in enumerate(normalize_newlines(text).split("\n"), 1):
        if line.strip():
            if not current:
                start = lineno
            current.append(line.rstrip(" \t"))
        elif current:
            blocks.append(("\n".join(current), start))
            current = []
    if current:
        blocks.append(("\n".join(current), start))
    return blocks


def parse_text(text: str, path: str | Path, encoding: str) -> Page:
    raw = split_blocks(text)
    if not raw:
        raise InputError("file is empty (only whitespace)", str(path))
    items = []
    for body, line in raw:
        body = body.strip(" \t\n")
        kind = text_kind(body)
        items.append((kind if kind is BlockKind.HEADING else BlockKind.PARAGRAPH, body, line, None))
    return build_page(path, make_blocks(items), fmt="text", encoding=encoding)
