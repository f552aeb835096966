"""Simple bilingual formats: gettext PO, JSONL and TSV.

Each entry / line becomes one block on each side with the same ``unit_id``,
so the pair is pre-aligned.  A missing or empty translation is an empty
target block, not an error.  Malformed lines are :class:`InputError` naming
the line.  PO: fuzzy and obsolete entries are skipped (msgfmt never publishes
them); a plural entry gives two units (see :func:`read_po`).
"""

from __future__ import annotations

import hashlib
import json
import re
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


def _pair(path, units, encoding, fmt, src_lang=None, tgt_lang=None, skipped=()) -> PagePair:
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
    return PagePair(name=base_name(Path(path)), source=src, target=tgt, prealigned=True, skipped=tuple(skipped))


# --------------------------------------------------------------------------- PO


def po_unit_id(msgctxt: str | None, msgid: str) -> str:
    """Stable id: a short hash of msgctxt + EOT + msgid (gettext's own key)."""
    key = (f"{msgctxt}\x04" if msgctxt is not None else "") + msgid
    return "po-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_KEYWORD_LINE = re.compile(r"^\s*(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+" + _PO_STRING + r"\s*$")
_PO_CONTINUATION = re.compile(r"^\s*" + _PO_STRING + r"\s*$")
_PO_KEYWORD = re.compile(r"^\s*(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)\b")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def check_po_syntax(text: str, path: str | Path) -> None:
    """Refuse what polib would silently repair (a missing closing quote loses a character).

    Every line that is not blank and not a ``#`` comment must be a keyword
    (``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr``, ``msgstr[N]``)
    followed by one properly quoted string, or a continuation line holding
    only a quoted string right after such a line.
    """
    name = str(path)
    prev_string = False  # the previous line was a keyword or continuation line
    for lineno, line in enumerate(normalize_newlines(text).split("\n"), 1):
        if lineno == 1:
            line = line.lstrip("\ufeff")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            prev_string = False
            continue
        if _PO_KEYWORD_LINE.match(line):
            prev_string = True
            continue
        if _PO_CONTINUATION.match(line):
            if not prev_string:
                raise InputError(
                    f"malformed PO: line {lineno}: a quoted string must follow a msgid/msgstr line: "
                    f"{stripped[:60]!r}",
                    name,
                )
            continue
        kw = _PO_KEYWORD.match(line)
        if kw:
            what = f"{kw.group(1)} must be followed by one properly quoted string (missing or unescaped quote?)"
        elif stripped.startswith('"'):
            what = "unterminated or badly quoted string"
        else:
            what = "expected a msgid/msgstr keyword, a quoted string or a # comment"
        raise InputError(f"malformed PO: line {lineno}: {what}: {stripped[:60]!r}", name)


def _plural_indices(metadata: dict) -> tuple[int, int]:
    """``(one, other)``: the msgstr[N] used for n == 1 and the last ("other") form.

    nplurals comes from the header's Plural-Forms; without one, Arabic
    (Language: ar) has 6 forms and anything else 2.  With 6 forms (Arabic,
    also Welsh) index 0 is the ZERO form and index 1 is ONE; otherwise
    index 0 is the form for one.
    """
    m = _NPLURALS.search(metadata.get("Plural-Forms") or "")
    lang = (metadata.get("Language") or "").strip().lower().replace("-", "_")
    if m and int(m.group(1)) > 0:
        nplurals = int(m.group(1))
    else:
        nplurals = 6 if lang.split("_")[0] == "ar" else 2
    one = 1 if nplurals == 6 else 0
    return one, nplurals - 1


def _plural_form(forms: dict, index: int) -> str:
    if not forms:
        return ""
    return forms.get(index, forms.get(str(index), "")) or ""


def read_po(text: str, path: str | Path, encoding: str) -> PagePair:
    """Published (non-fuzzy, non-obsolete) entries of a PO file as a pre-aligned pair.

    A plural entry gives two units: ``msgid`` paired with the form used for
    n == 1 (``msgstr[1]`` for Arabic, whose ``msgstr[0]`` is the ZERO form;
    ``msgstr[0]`` otherwise), and ``msgid_plural`` paired with the last
    ("other") form, unit id ``<id>#plural`` — unless the two forms are the same.
    Fuzzy entries are skipped: msgfmt drops them, so they are never published.
    """
    name = str(path)
    if "msgid" not in text:
        raise InputError("not a PO file: no msgid entries", name)
    check_po_syntax(text, path)
    try:
        po = polib.pofile(text, encoding="utf-8", check_for_duplicates=False)
    except (OSError, ValueError, UnicodeError) as exc:
        raise InputError(f"malformed PO: {exc}", name) from None
    metadata = po.metadata or {}
    one, other = _plural_indices(metadata)
    units = []
    seen: set[str] = set()
    skipped = 0
    for entry in po:
        if entry.msgid == "" and not entry.msgctxt:
            continue  # header
        if entry.obsolete or "fuzzy" in entry.flags:
            skipped += 1
            continue  # #~ obsolete and fuzzy entries are not published
        uid = po_unit_id(entry.msgctxt, entry.msgid)
        if uid in seen:
            raise InputError(f"duplicate msgid at line {entry.linenum}: {entry.msgid[:40]!r}", name)
        seen.add(uid)
        if entry.msgid_plural:
            forms = entry.msgstr_plural or {}
            units.append((uid, entry.msgid, _plural_form(forms, one), entry.linenum))
            if other != one:
                units.append((uid + "#plural", entry.msgid_plural, _plural_form(forms, other), entry.linenum))
        else:
            units.append((uid, entry.msgid, entry.msgstr or "", entry.linenum))
    if not units:
        if skipped:
            raise InputError(
                f"no translated entries to review: all {skipped} entries are fuzzy or obsolete "
                "(gettext does not publish fuzzy translations)",
                name,
            )
        raise InputError("no translated entries: the PO file has only a header", name)
    lang = metadata.get("Language") or None
    return _pair(path, units, encoding, "po", src_lang=None, tgt_lang=lang,
                 skipped=(("fuzzy or obsolete", skipped),) if skipped else ())


# --------------------------------------------------------------------------- JSONL


def _short(exc: BaseException) -> str:
    return "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(";")[0]


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
        except (ValueError, RecursionError) as exc:  # nesting too deep, an integer of thousands of digits
            raise InputError(f"line {lineno}: unreadable JSON ({_short(exc)})", name) from None
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
