"""Write review findings back into the XLIFF file a translator will open.

``write_back`` marks every flagged trans-unit of an XLIFF 1.2 or 2.x file so
a CAT tool (or WPML's translation editor) shows it as needing review, with
the findings as a note and, where there is one, the MT model's full
translation of the unit as an alternative translation:

XLIFF 1.2
    ``<target state="needs-review-translation">``, then after the target
    ``<note from="mt-review" annotates="target" priority="N">...</note>`` and
    ``<alt-trans origin="mt-review" alttranstype="proposal"><target xml:lang="ar">...</target></alt-trans>``.
XLIFF 2.x
    every ``<segment>`` of the unit gets ``state="translated"
    subState="mt-review:needs-review"`` and the unit gets
    ``<notes><note category="mt-review" appliesTo="target">...</note></notes>``
    (the model's translation goes in a second note, ``category="mt-review:suggestion"``).

An alternative translation -- the 1.2 ``<alt-trans>`` and the 2.x suggestion
note -- only ever holds a *full* translation of the unit, because a CAT tool
offers it as a replacement for the whole target: the model's en->ar
translation of the unit's source, used only when the aligned pairs of the unit
stay inside it and cover all of its source, each with a model translation
(several are joined in source order with a space).  A check's own hint
(``Finding.suggestion``, e.g. "use 5") is a fragment, not a translation: it is
written into the note, on that finding's part (check, severity, message,
suggestion), and never as an alternative translation.  With no model
translation there is no ``<alt-trans>`` (no suggestion note) at all.

This module never parses or tokenises the XLIFF file.  The reader
(:mod:`mt_review.ingest.xliff`, the one XLIFF model) recorded, on the page
pair, each unit's key -- the ``unit_id`` its findings carry -- and the spans
of the unit and its children in the decoded text (:class:`XliffLayout`).  A
finding's unit is looked up by that key, and only those spans are edited by
splicing, so every byte outside them (declaration, comments, whitespace,
attribute order, entities, CDATA, byte-order mark, the encoding itself) stays
exactly as it was.  The file is decoded with the reader's own decoder
(:func:`mt_review.ingest.decode.decode`, the project's one byte-order-mark
table) and must be the text the reader saw (same digest), else nothing is
written.  Running it again on its own output replaces the earlier mt-review
notes instead of adding new ones.

A flagged unit that cannot be marked (a self-closing unit, a page read
without a layout) is never passed over silently: it is counted in
:attr:`WriteBack.unmarked` and a warning names it; ``mt_review.app`` adds a
notice with the count to the reports.  The written copy is read back with the
reader before it is handed over: it must parse, with the same number of units.
"""

from __future__ import annotations

import codecs
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from mt_review.errors import InputError
from mt_review.ingest.decode import decode, encoding_of
from mt_review.ingest.xliff import ElementSpan, XliffLayout, parse_xliff, text_digest
from mt_review.model import Block, Finding, PageReview, SegmentReview, Severity

__all__ = ["write_back", "flagged_units", "UnitFlag", "WriteBack", "writeback_bytes", "read_xliff_bytes"]

TOOL = "mt-review"
STATE_12 = "needs-review-translation"
STATE_2 = "translated"
SUBSTATE_2 = "mt-review:needs-review"
_PRIORITY = {Severity.CRITICAL: "1", Severity.MAJOR: "2", Severity.MINOR: "3"}


# --------------------------------------------------------------------------- which units


@dataclass
class UnitFlag:
    """What will be written into one unit."""

    unit_id: str
    findings: list[Finding] = field(default_factory=list)
    #: the MT model's full translation of the unit (never a check's hint); None when there is none
    suggestion: str | None = None

    @property
    def worst(self) -> Severity:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=Severity.NONE)


def _block_at(blocks: tuple[Block, ...], index: int) -> Block | None:
    """The block a span or segment names: by ``Block.index``, else by position."""
    for b in blocks:
        if b.index == index:
            return b
    if 0 <= index < len(blocks):
        return blocks[index]
    return None


def _unit_of(page: PageReview, seg: SegmentReview | None, finding: Finding) -> str | None:
    """The unit id a finding belongs to: its target evidence, else its segment's target, else source."""
    src_blocks, tgt_blocks = page.pair.source.blocks, page.pair.target.blocks
    candidates: list[Block | None] = []
    if finding.tgt_span is not None:
        candidates.append(_block_at(tgt_blocks, finding.tgt_span.block_index))
    if seg is not None:
        candidates.extend(_block_at(tgt_blocks, s.block_index) for s in seg.pair.tgt)
    if finding.src_span is not None:  # e.g. an omission: nothing on the target side
        candidates.append(_block_at(src_blocks, finding.src_span.block_index))
    if seg is not None:
        candidates.extend(_block_at(src_blocks, s.block_index) for s in seg.pair.src)
    for b in candidates:
        if b is not None and b.unit_id:
            return b.unit_id
    return None


def _unit_translations(page: PageReview) -> dict[str, str]:
    """The model's full en->ar translation of each unit that has one, by unit id.

    A unit gets one only when every aligned pair touching it lies wholly in
    that unit, every pair with source text has a non-empty ``en-ar``
    translation, and those pairs' source segments cover every non-blank
    character of the unit's source blocks.  The translations are joined in
    source order with a space.  Anything less (a pair straddling two units, a
    sentence without a translation, source text no pair covers) gives nothing:
    a partial translation offered for the whole unit would be wrong.
    """
    src_blocks, tgt_blocks = page.pair.source.blocks, page.pair.target.blocks
    order = {id(b): k for k, b in enumerate(src_blocks)}
    pieces: dict[str, list[tuple[tuple[int, int], str]]] = {}
    covered: dict[int, list[tuple[int, int]]] = {}  # id(source block) -> covered (start, end)
    spoiled: set[str] = set()
    for seg in page.segments:
        src = [(s, _block_at(src_blocks, s.block_index)) for s in seg.pair.src]
        tgt = [_block_at(tgt_blocks, t.block_index) for t in seg.pair.tgt]
        blocks = [b for _, b in src] + tgt
        units = {b.unit_id if b is not None else None for b in blocks}
        named = {u for u in units if u}
        if not named:
            continue
        if len(units) != 1:  # straddles units (or a block with no unit): no unit has a whole translation
            spoiled |= named
            continue
        (uid,) = named
        if not src:  # target-only (an insertion): no source to translate
            continue
        mt = (seg.translations or {}).get("en-ar")
        mt = " ".join(mt.split()) if mt else ""
        if not mt:
            spoiled.add(uid)
            continue
        first_seg, first_block = src[0]
        assert first_block is not None
        pieces.setdefault(uid, []).append(((order.get(id(first_block), -1), first_seg.start), mt))
        for s, b in src:
            assert b is not None
            covered.setdefault(id(b), []).append((s.start, s.end))
    out: dict[str, str] = {}
    for uid, found in pieces.items():
        if uid in spoiled:
            continue
        unit_src = [b for b in src_blocks if b.unit_id == uid]
        if not unit_src:
            continue
        whole = True
        for b in unit_src:
            mask = [False] * len(b.text)
            for a, e in covered.get(id(b), ()):
                for k in range(max(a, 0), min(e, len(b.text))):
                    mask[k] = True
            if any(not ch.isspace() and not mask[k] for k, ch in enumerate(b.text)):
                whole = False
                break
        if whole:
            out[uid] = " ".join(t for _, t in sorted(found, key=lambda x: x[0]))
    return out


def flagged_units(page: PageReview, min_severity: Severity = Severity.MINOR) -> dict[str, UnitFlag]:
    """Units with findings of ``min_severity`` or worse, in page order.

    ``UnitFlag.suggestion`` is the model's full translation of the unit (see
    :func:`_unit_translations`) or None; a finding's own ``suggestion`` stays
    on the finding and is written into the note only.
    """
    flags: dict[str, UnitFlag] = {}
    for seg in page.segments:
        for f in seg.findings:
            if f.severity.rank < min_severity.rank:
                continue
            uid = _unit_of(page, seg, f)
            if uid is None:
                continue
            flag = flags.setdefault(uid, UnitFlag(uid))
            if f not in flag.findings:
                flag.findings.append(f)
    for fr in page.furniture:
        for f in fr.findings:
            if f.severity.rank < min_severity.rank:
                continue
            block = fr.target or fr.source
            if block is None or not block.unit_id:
                continue
            flag = flags.setdefault(block.unit_id, UnitFlag(block.unit_id))
            if f not in flag.findings:
                flag.findings.append(f)
    translations = _unit_translations(page) if flags else {}
    for uid, flag in flags.items():
        flag.suggestion = translations.get(uid)
        flag.findings.sort(key=lambda f: -f.severity.rank)
    return flags


# --------------------------------------------------------------------------- editing helpers


def _esc_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _esc_attr(s: str) -> str:
    return _esc_text(s).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(s: str) -> str:
    """Characters XML 1.0 cannot carry at all are dropped; the rest is escaped by the caller."""
    return _XML_BAD.sub("", s)


def _set_attrs(el: ElementSpan, values: dict[str, str]) -> list[tuple[int, int, str]]:
    """Edits setting ``values`` on ``el``'s start tag: values replaced in place, new ones after the last."""
    edits: list[tuple[int, int, str]] = []
    todo = dict(values)
    for a in el.attrs:
        if a.name in todo:
            value = _esc_attr(todo.pop(a.name))
            edits.append((a.start, a.end, value.replace("'", "&apos;") if a.quote == "'" else value))
    extra = "".join(f' {k}="{_esc_attr(v)}"' for k, v in todo.items())
    if extra:
        edits.append((el.attrs_end, el.attrs_end, extra))
    return edits


def _indent_before(text: str, offset: int) -> str | None:
    """The whitespace between the start of the line and ``offset``, or None if anything else is there."""
    line_start = text.rfind("\n", 0, offset) + 1
    lead = text[line_start:offset]
    return lead if lead.strip() == "" else None


def _removal(text: str, el: ElementSpan) -> tuple[int, int, str]:
    """An edit removing ``el`` together with the line break and indentation before it."""
    start = el.start
    indent = _indent_before(text, start)
    if indent is not None:
        line_start = start - len(indent)
        if line_start > 0 and text[line_start - 1] == "\n":
            start = line_start - 1
            if start > 0 and text[start - 1] == "\r":
                start -= 1
        else:
            start = line_start
    return start, el.end, ""


def _layout(text: str, parent: ElementSpan, anchor: ElementSpan) -> tuple[str, str, str]:
    """(newline, indent of ``anchor``, one indent step) as the file already uses them."""
    nl = "\r\n" if "\r\n" in text else "\n"
    indent = _indent_before(text, anchor.start)
    if indent is None:
        return "", "", ""
    parent_indent = _indent_before(text, parent.start) or ""
    step = indent[len(parent_indent) :] if indent.startswith(parent_indent) and len(indent) > len(parent_indent) else "  "
    return nl, indent, step


def _note_text(findings: list[Finding]) -> str:
    """One part per finding -- severity, category, check, message, threshold, the check's suggestion."""
    parts = []
    for f in findings:
        piece = f"[{f.severity.value}] {f.category} ({f.check}): {f.message}"
        if f.threshold:
            piece += f" [{f.threshold}]"
        if f.suggestion:
            piece += f" Suggestion: {f.suggestion}"
        parts.append(" ".join(piece.split()))
    return _clean("mt-review: " + " | ".join(parts))


# --------------------------------------------------------------------------- per-version edits


def _edits_12(text: str, unit: ElementSpan, flag: UnitFlag, tgt_lang: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    p = unit.prefix
    for child in unit.children:  # earlier mt-review output in this unit: replace, do not pile up
        if (child.local == "note" and child.get("from") == TOOL) or (
            child.local == "alt-trans" and child.get("origin") == TOOL
        ):
            edits.append(_removal(text, child))
    targets = unit.kids("target")
    anchor = targets[0] if targets else next(iter(unit.kids("seg-source") or unit.kids("source")), None)
    if targets:
        edits.extend(_set_attrs(targets[0], {"state": STATE_12}))
    note = (
        f'<{p}note from="{TOOL}" annotates="target" priority="{_PRIORITY.get(flag.worst, "5")}">'
        f"{_esc_text(_note_text(flag.findings))}</{p}note>"
    )
    pieces = [note]
    if flag.suggestion:
        sugg = _esc_text(_clean(flag.suggestion))
        pieces.append(
            f'<{p}alt-trans origin="{TOOL}" alttranstype="proposal">'
            f'<{p}target xml:lang="{_esc_attr(tgt_lang)}">{sugg}</{p}target></{p}alt-trans>'
        )
    if anchor is None:  # a unit with no source: insert at the end
        nl, indent, _ = _layout(text, unit, unit.children[0]) if unit.children else ("", "", "")
        insert_at = unit.end_start
        block = "".join(nl + indent + piece for piece in pieces)
    else:
        nl, indent, _ = _layout(text, unit, anchor)
        insert_at = anchor.end
        block = "".join(nl + indent + piece for piece in pieces)
    edits.append((insert_at, insert_at, block))
    return edits


def _edits_2(text: str, unit: ElementSpan, flag: UnitFlag) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    p = unit.prefix
    for seg in unit.kids("segment"):
        # a state past "initial" needs a target (XLIFF 2.0, 4.3.1.41); translate="no" segments are not reviewed
        if seg.kids("target") and (seg.get("translate") or "").strip().lower() != "no":
            edits.extend(_set_attrs(seg, {"state": STATE_2, "subState": SUBSTATE_2}))
    worst = _PRIORITY.get(flag.worst, "5")
    notes_xml = [
        f'<{p}note category="{TOOL}" appliesTo="target" priority="{worst}">'
        f"{_esc_text(_note_text(flag.findings))}</{p}note>"
    ]
    if flag.suggestion:
        notes_xml.append(
            f'<{p}note category="{TOOL}:suggestion" appliesTo="target">{_esc_text(_clean(flag.suggestion))}</{p}note>'
        )
    existing = unit.kids("notes")
    if existing:
        notes = existing[0]
        for n in notes.kids("note"):
            if (n.get("category") or "").startswith(TOOL):
                edits.append(_removal(text, n))
        if notes.self_closing:  # <notes/>: open it up, attributes kept as written
            nl, indent, step = _layout(text, unit, notes)
            body = "".join(nl + indent + step + n for n in notes_xml)
            open_tag = text[notes.start : notes.attrs_end] + ">"
            edits.append((notes.start, notes.end, f"{open_tag}{body}{nl}{indent}</{notes.qname}>"))
            return edits
        kids = notes.kids("note")
        nl, indent, step = _layout(text, notes, kids[0]) if kids else _layout(text, unit, notes)
        if kids:
            inner_indent = indent
            closing_indent = _indent_before(text, notes.end_start)
        else:
            inner_indent = indent + step
            closing_indent = None
        body = "".join(nl + inner_indent + n for n in notes_xml)
        if closing_indent is not None:
            # "</notes>" sits on its own line: insert before that line's indentation
            pos = notes.end_start - len(closing_indent)
            pos -= 1 if text[pos - 1 : pos] == "\n" else 0
            pos -= 1 if text[pos - 1 : pos] == "\r" else 0
            edits.append((pos, pos, body))
        else:
            edits.append((notes.end_start, notes.end_start, body))
        return edits
    # no <notes> yet: it goes before <originalData> and the segments (XLIFF 2 content order)
    anchor = next((c for c in unit.children if c.local in ("originalData", "segment", "ignorable")), None)
    if anchor is None:
        return edits
    nl, indent, step = _layout(text, unit, anchor)
    body = "".join(nl + indent + step + n for n in notes_xml)
    edits.append((anchor.start, anchor.start, f"<{p}notes>{body}{nl}{indent}</{p}notes>{nl}{indent}"))
    return edits


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    pos = 0
    for start, end, rep in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            raise AssertionError("overlapping XLIFF edits")  # a bug, not bad input
        out.append(text[pos:start])
        out.append(rep)
        pos = end
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- entry points


@dataclass(frozen=True)
class WriteBack:
    """A marked copy: its bytes, how many flagged units were marked, and which could not be, and why."""

    data: bytes
    marked: int
    unmarked: tuple[tuple[str, str], ...] = ()  # (unit id, reason)

    def warning(self, name: str) -> str | None:
        """One line naming the flagged units that were not marked; None when every one was."""
        if not self.unmarked:
            return None
        listed = "; ".join(f"{uid} ({why})" for uid, why in self.unmarked[:5])
        more = f"; and {len(self.unmarked) - 5} more" if len(self.unmarked) > 5 else ""
        return (
            f"XLIFF write-back: {len(self.unmarked)} flagged unit(s) of {name} could not be marked: {listed}{more}"
        )


def _file_text(data: bytes, layout: XliffLayout, name: str) -> tuple[str, bytes, str]:
    """The decoded text the layout indexes, with the byte-order mark and codec that give ``data`` back.

    The codec is the one the XML declaration names when it gives the bytes
    back (text added by the marks must be in the encoding the file declares),
    else the one the file was decoded with.
    """
    text, encoding = decode(data, name)
    if text_digest(text) != layout.digest:
        raise InputError("the XLIFF file changed after it was reviewed; review it again, nothing written", name)
    bom, codec = encoding_of(data, encoding)
    codecs_ = [codec]
    if layout.declared_encoding and not bom:
        try:
            codecs_.insert(0, codecs.lookup(layout.declared_encoding).name)
        except LookupError:
            raise InputError(
                f"unknown encoding {layout.declared_encoding!r} in the XML declaration; not rewriting", name
            ) from None
    for c in codecs_:
        try:
            if bom + text.encode(c) == data:
                return text, bom, c
        except UnicodeError:
            continue
    raise InputError(f"{encoding} does not round-trip byte for byte; not rewriting", name)


def writeback_bytes(data: bytes, page: PageReview, name: str = "<xliff>") -> WriteBack:
    """The marked-up bytes of ``data`` (the page's XLIFF file); ``data`` itself when nothing is marked."""
    flags = flagged_units(page)
    if not flags:
        return WriteBack(data, 0)
    layout = page.pair.xliff
    if layout is None:
        result = WriteBack(data, 0, tuple((uid, "the page was not read as XLIFF") for uid in flags))
    else:
        text, bom, codec = _file_text(data, layout, name)
        edits: list[tuple[int, int, str]] = []
        unmarked: list[tuple[str, str]] = []
        spans = dict(layout.units)  # made once: looking each flagged unit up by id would scan the ids each time
        for uid, flag in flags.items():
            unit = spans.get(uid)
            if unit is None:
                unmarked.append((uid, "no such unit in the file"))
            elif unit.self_closing:
                unmarked.append((uid, "an empty element, nowhere to put a note"))
            else:
                edits.extend(
                    _edits_12(text, unit, flag, layout.target_lang or "ar") if layout.major == "1"
                    else _edits_2(text, unit, flag)
                )
        marked = len(flags) - len(unmarked)
        out = data
        if marked:
            new_text = _apply(text, edits)
            if len(parse_xliff(new_text, name + " (written)").units) != len(layout.units):
                raise InputError("write-back would change the number of units; nothing written", name)
            out = bom + new_text.encode(codec, errors="xmlcharrefreplace")
        result = WriteBack(out, marked, tuple(unmarked))
    line = result.warning(name)
    if line:
        warnings.warn(line, stacklevel=2)
    return result


def read_xliff_bytes(path: Path) -> bytes:
    """The bytes of an XLIFF input to mark; ``InputError`` when missing, unreadable or empty."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from None
    if not data:
        raise InputError("file is empty (0 bytes)", str(path))
    return data


def write_back(xliff_path: Path, page: PageReview, out_path: Path) -> int:
    """Write ``xliff_path`` to ``out_path`` with ``page``'s flagged units marked; return how many.

    Everything outside the marked units is byte-for-byte the input.  Raises
    :class:`InputError` when ``out_path`` is the input itself, or the input is
    unreadable or no longer the file that was reviewed (nothing is written then).
    """
    from mt_review.atomic import atomic_write_bytes

    xliff_path, out_path = Path(xliff_path), Path(out_path)
    if out_path.resolve() == xliff_path.resolve() or (
        out_path.exists() and xliff_path.exists() and os.path.samefile(out_path, xliff_path)
    ):
        raise InputError("refusing to overwrite the input XLIFF; write to another file", str(out_path))
    result = writeback_bytes(read_xliff_bytes(xliff_path), page, str(xliff_path))
    atomic_write_bytes(out_path, result.data)
    return result.marked
