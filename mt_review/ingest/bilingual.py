"""Simple bilingual formats: gettext PO, JSONL and TSV.

Each entry / line becomes one block on each side with the same ``unit_id``,
so the pair is pre-aligned.  A missing or empty translation is an empty
target block, not an error.  Malformed lines are :class:`InputError` naming
the line.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polib

from mt_review.errors import InputError
from mt_review.model import BlockKind, PagePair

from .common import base_name, build_page, make_blocks, text_kind
from .decode import normalize_newlines
from .html import looks_like_markup, markup_to_blocks

__all__ = ["read_po", "read_jsonl", "read_tsv"]

_SOURCE_KEYS = ("source", "en", "src")
_TARGET_KEYS = ("target", "ar", "tgt")
_TSV_HEADERS = {"source", "target", "en", "ar", "english", "arabic", "src", "tgt"}


def _clean(raw: str) -> tuple[str, BlockKind | None]:
    if looks_like_markup(raw):
        blocks = markup_to_blocks(raw)
        text = "\n".join(t for _, t in blocks)
        return text, (blocks[0][0] if len(blocks) == 1 and blocks[0][0] is not BlockKind.PARAGRAPH else None)
    return raw.strip(" \t\r\n"), None


def _pair(path, units, encoding, fmt, src_lang=None, tgt_lang=None) -> PagePair:
    """``units``: list of (unit_id, source, target, line)."""
    if not units:
        raise InputError(f"no translation entries found in {fmt.upper()} file", str(path))
    rows = []
    for uid, s, t, line in units:
        s_text, implied = _clean(s)
        t_text = _clean(t)[0] if t else ""
        kind = implied or text_kind(s_text)
        rows.append((uid, s_text, t_text, line, kind))
    src = build_page(
        path, make_blocks((k, s, ln, u) for u, s, _, ln, k in rows), fmt=fmt, encoding=encoding,
        declared_lang=src_lang,
    )
    tgt = build_page(
        path, make_blocks((k, t, ln, u) for u, _, t, ln, k in rows), fmt=fmt, encoding=encoding,
        declared_lang=tgt_lang,
    )
    return PagePair(name=base_name(Path(path)), source=src, target=tgt, prealigned=True)


# --------------------------------------------------------------------------- PO


def po_unit_id(msgctxt: str | None, msgid: str) -> str:
    """Stable id: a short hash of msgctxt + EOT + msgid (gettext's own key)."""
    key = (f"{msgctxt}\x04" if msgctxt is not None else "") + msgid
    return "po-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def read_po(text: str, path: str | Path, encoding: str) -> PagePair:
    name = str(path)
    if "msgid" not in text:
        raise InputError("not a PO file: no msgid entries", name)
    try:
        po = polib.pofile(text, encoding="utf-8", check_for_duplicates=False)
    except (OSError, ValueError, UnicodeError) as exc:
        raise InputError(f"malformed PO file: {exc}", name) from None
    units = []
    seen: set[str] = set()
    for entry in po:
        if entry.obsolete or entry.msgid == "":
            continue  # header and #~ obsolete entries
        target = entry.msgstr
        if entry.msgid_plural:
            forms = entry.msgstr_plural or {}
            target = forms.get(0, forms.get("0", "")) if forms else ""
        uid = po_unit_id(entry.msgctxt, entry.msgid)
        if uid in seen:
            raise InputError(f"duplicate msgid at line {entry.linenum}: {entry.msgid[:40]!r}", name)
        seen.add(uid)
        units.append((uid, entry.msgid, target or "", entry.linenum))
    lang = (po.metadata or {}).get("Language") or None
    return _pair(path, units, encoding, "po", src_lang=None, tgt_lang=lang)


# --------------------------------------------------------------------------- JSONL


def read_jsonl(text: str, path: str | Path, encoding: str) -> PagePair:
    name = str(path)
    units = []
    ids: dict[str, int] = {}
    for lineno, line in enumerate(normalize_newlines(text).split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {lineno}: invalid JSON ({exc.msg} at column {exc.colno})", name) from None
        if not isinstance(obj, dict):
            raise InputError(f"line {lineno}: expected a JSON object, got {type(obj).__name__}", name)
        skey = next((k for k in _SOURCE_KEYS if k in obj), None)
        tkey = next((k for k in _TARGET_KEYS if k in obj), None)
        if skey is None or tkey is None:
            raise InputError(
                f"line {lineno}: needs keys 'source' and 'target' (or 'en' and 'ar'); has {sorted(obj)}", name
            )
        src, tgt = obj[skey], obj[tkey]
        if tgt is None:
            tgt = ""
        if not isinstance(src, str) or not isinstance(tgt, str):
            raise InputError(f"line {lineno}: '{skey}' and '{tkey}' must be strings", name)
        uid = str(obj["id"]) if obj.get("id") is not None else str(lineno)
        if uid in ids:
            raise InputError(f"line {lineno}: duplicate id {uid!r} (first on line {ids[uid]})", name)
        ids[uid] = lineno
        units.append((uid, src, tgt, lineno))
    return _pair(path, units, encoding, "jsonl")


# --------------------------------------------------------------------------- TSV


def read_tsv(text: str, path: str | Path, encoding: str) -> PagePair:
    name = str(path)
    units = []
    first = True
    for lineno, line in enumerate(normalize_newlines(text).split("\n"), 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if first:
            first = False
            if {c.strip().lower() for c in cells} <= _TSV_HEADERS and len(cells) == 2:
                continue  # header row
        if len(cells) != 2:
            raise InputError(
                f"line {lineno}: expected 2 tab-separated columns (source, target), found {len(cells)}", name
            )
        units.append((str(lineno), cells[0], cells[1], lineno))
    return _pair(path, units, encoding, "tsv")
