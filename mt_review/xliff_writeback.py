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

The file is never re-serialised: the original bytes are scanned for element
boundaries and only the flagged units are edited by splicing, so every byte
outside them (declaration, comments, whitespace, attribute order, entities,
CDATA, the encoding itself) stays exactly as it was.  Running it again on its
own output replaces the earlier mt-review notes instead of adding new ones.

The input is parsed with :mod:`defusedxml` first: malformed or hostile XML
(entity expansion, external entities) is refused with
:class:`~mt_review.errors.InputError` and nothing is written.  The output is
written atomically beside its final name; the input is never modified.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from mt_review.errors import InputError
from mt_review.model import Block, Finding, PageReview, RunReport, SegmentReview, Severity

__all__ = ["write_back", "flagged_units", "UnitFlag", "writeback_bytes", "read_xliff_bytes"]

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_2_PREFIX = "urn:oasis:names:tc:xliff:document:2."
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
    line: int | None = None
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


def _unit_of(page: PageReview, seg: SegmentReview | None, finding: Finding) -> tuple[str, int | None] | None:
    """The (unit id, line) a finding belongs to: its target evidence, else its segment's target, else source."""
    src_blocks, tgt_blocks = page.pair.source.blocks, page.pair.target.blocks
    candidates: list[tuple[bool, Block | None]] = []  # (is target side, block)
    if finding.tgt_span is not None:
        candidates.append((True, _block_at(tgt_blocks, finding.tgt_span.block_index)))
    if seg is not None:
        candidates.extend((True, _block_at(tgt_blocks, s.block_index)) for s in seg.pair.tgt)
    if finding.src_span is not None:  # e.g. an omission: nothing on the target side
        candidates.append((False, _block_at(src_blocks, finding.src_span.block_index)))
    if seg is not None:
        candidates.extend((False, _block_at(src_blocks, s.block_index)) for s in seg.pair.src)
    for is_target, b in candidates:
        if b is not None and b.unit_id:
            line = b.line
            if not is_target:  # a source block's line is not where the target is; look the target up
                twin = next((t for t in tgt_blocks if t.unit_id == b.unit_id), None)
                line = twin.line if twin is not None else b.line
            return b.unit_id, line
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
            where = _unit_of(page, seg, f)
            if where is None:
                continue
            flag = flags.setdefault(where[0], UnitFlag(where[0], where[1]))
            if f not in flag.findings:
                flag.findings.append(f)
    for fr in page.furniture:
        for f in fr.findings:
            if f.severity.rank < min_severity.rank:
                continue
            block = fr.target or fr.source
            if block is None or not block.unit_id:
                continue
            flag = flags.setdefault(block.unit_id, UnitFlag(block.unit_id, block.line))
            if f not in flag.findings:
                flag.findings.append(f)
    translations = _unit_translations(page) if flags else {}
    for uid, flag in flags.items():
        flag.suggestion = translations.get(uid)
        flag.findings.sort(key=lambda f: -f.severity.rank)
    return flags


# --------------------------------------------------------------------------- scanning the original text

_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|<(?P<close>/?)(?P<name>[^\s/>!?]+)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(?P<empty>/?)>",
    re.S,
)
_ATTR = re.compile(r"(\s+)([^\s=/>]+)(\s*=\s*)(\"[^\"]*\"|'[^']*')")


@dataclass(eq=False)
class _El:
    qname: str
    start: int  # offset of "<"
    start_end: int  # offset just past the start tag's ">"
    end_start: int = -1  # offset of "</" (== start_end when self-closing)
    end: int = -1  # offset just past the end tag
    attrs_text: str = ""
    parent: "_El | None" = None
    children: list["_El"] = field(default_factory=list)

    @property
    def local(self) -> str:
        return self.qname.rsplit(":", 1)[-1]

    @property
    def prefix(self) -> str:
        return self.qname.rsplit(":", 1)[0] + ":" if ":" in self.qname else ""

    def attrs(self) -> dict[str, str]:
        return {m.group(2): _unescape(m.group(4)[1:-1]) for m in _ATTR.finditer(self.attrs_text)}

    def kids(self, local: str) -> list["_El"]:
        return [c for c in self.children if c.local == local]

    def descendants(self, local: str) -> Iterable["_El"]:
        for c in self.children:
            if c.local == local:
                yield c
            yield from c.descendants(local)


def _unescape(value: str) -> str:
    return (
        value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")
    )


def _scan(text: str) -> _El:
    """Element tree with character offsets into ``text`` (which a real parser already accepted)."""
    root = _El("#document", 0, 0)
    stack = [root]
    for m in _TOKEN.finditer(text):
        name = m.group("name")
        if name is None:
            continue
        if m.group("close"):
            el = stack.pop()
            if el.qname != name:  # cannot happen for well-formed input
                raise InputError(f"unbalanced XML near offset {m.start()}")
            el.end_start, el.end = m.start(), m.end()
            continue
        el = _El(name, m.start(), m.end(), attrs_text=m.group("attrs"), parent=stack[-1])
        stack[-1].children.append(el)
        if m.group("empty"):
            el.end_start = el.end = m.end()
        else:
            stack.append(el)
    if len(stack) != 1:
        raise InputError("unbalanced XML at end of file")
    return root


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# --------------------------------------------------------------------------- encoding


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECL_ENC = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _split_encoding(data: bytes) -> tuple[bytes, str]:
    """(BOM bytes, codec) such that ``data[len(bom):]`` decodes and re-encodes to itself."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec
    if data.startswith(b"<\x00?\x00"):
        return b"", "utf-16-le"
    if data.startswith(b"\x00<\x00?"):
        return b"", "utf-16-be"
    m = _DECL_ENC.match(data)
    if m:
        try:
            return b"", codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            raise InputError(f"unknown encoding {m.group(1).decode('ascii', 'replace')!r} in the XML declaration")
    return b"", "utf-8"


# --------------------------------------------------------------------------- parsing / validation


def _validate(data: bytes, name: str) -> tuple[str, str]:
    """Parse with defusedxml; return (xliff major version "1"/"2", target language)."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        root = DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError, UnicodeError, LookupError) as exc:  # LookupError: unknown encoding
        raise InputError(f"not well-formed XLIFF, nothing written: {exc}", name) from None
    tag = root.tag
    ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
    local = tag.split("}", 1)[-1]
    if local != "xliff":
        raise InputError(f"not an XLIFF file (root element is <{local}>)", name)
    version = root.get("version", "")
    if ns == NS_12 or version.startswith("1."):
        major = "1"
        tgt_lang = next((f.get("target-language") for f in root.iter() if f.get("target-language")), None)
    elif ns.startswith(NS_2_PREFIX) or version.startswith("2."):
        major = "2"
        tgt_lang = root.get("trgLang")
    else:
        raise InputError(f"unsupported XLIFF version {version or '(none)'!r}", name)
    return major, tgt_lang or "ar"


# --------------------------------------------------------------------------- editing helpers


def _esc_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _esc_attr(s: str) -> str:
    return _esc_text(s).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(s: str) -> str:
    """Characters XML 1.0 cannot carry at all are dropped; the rest is escaped by the caller."""
    return _XML_BAD.sub("", s)


def _set_attrs(text: str, el: _El, values: dict[str, str]) -> tuple[int, int, str]:
    """An edit replacing ``el``'s start tag with one whose ``values`` attributes are set."""
    tag = text[el.start : el.start_end]
    head = 1 + len(el.qname)  # "<" + name
    attrs = el.attrs_text
    todo = dict(values)

    def repl(m: re.Match[str]) -> str:
        key = m.group(2)
        if key in todo:
            q = m.group(4)[0]
            value = _esc_attr(todo.pop(key))
            if q == "'":
                value = value.replace("'", "&apos;")
            return f"{m.group(1)}{key}{m.group(3)}{q}{value}{q}"
        return m.group(0)

    new_attrs = _ATTR.sub(repl, attrs)
    extra = "".join(f' {k}="{_esc_attr(v)}"' for k, v in todo.items())
    # keep whatever whitespace closed the original attribute list, put new ones before it
    stripped = new_attrs.rstrip()
    trailing = new_attrs[len(stripped) :]
    tail = tag[head + len(attrs) :]  # "/>" or ">"
    return el.start, el.start_end, tag[:head] + stripped + extra + trailing + tail


def _indent_before(text: str, offset: int) -> str | None:
    """The whitespace between the start of the line and ``offset``, or None if anything else is there."""
    line_start = text.rfind("\n", 0, offset) + 1
    lead = text[line_start:offset]
    return lead if lead.strip() == "" else None


def _removal(text: str, el: _El) -> tuple[int, int, str]:
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


def _layout(text: str, parent: _El, anchor: _El) -> tuple[str, str, str]:
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


def _edits_12(text: str, unit: _El, flag: UnitFlag, tgt_lang: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    p = unit.prefix
    for child in unit.children:  # earlier mt-review output in this unit: replace, do not pile up
        a = child.attrs()
        if (child.local == "note" and a.get("from") == TOOL) or (child.local == "alt-trans" and a.get("origin") == TOOL):
            edits.append(_removal(text, child))
    targets = unit.kids("target")
    anchor = targets[0] if targets else (unit.kids("seg-source") or unit.kids("source") or [None])[0]
    if targets:
        edits.append(_set_attrs(text, targets[0], {"state": STATE_12}))
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


def _edits_2(text: str, unit: _El, flag: UnitFlag) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    p = unit.prefix
    for seg in unit.kids("segment"):
        if seg.kids("target"):  # a state past "initial" needs a target (XLIFF 2.0, 4.3.1.41)
            edits.append(_set_attrs(text, seg, {"state": STATE_2, "subState": SUBSTATE_2}))
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
            if n.attrs().get("category", "").startswith(TOOL):
                edits.append(_removal(text, n))
        if notes.end_start == notes.start_end and notes.start_end == notes.end:  # <notes/>: replace whole
            nl, indent, step = _layout(text, unit, notes)
            body = "".join(nl + indent + step + n for n in notes_xml)
            edits.append((notes.start, notes.end, f"<{notes.qname}{notes.attrs_text}>{body}{nl}{indent}</{notes.qname}>"))
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


def _pick_unit(units: list[_El], flag: UnitFlag, text: str) -> _El | None:
    if not units:
        return None
    if len(units) == 1 or flag.line is None:
        return units[0]
    # the same id in several <file>s: the block's line says which
    for u in units:
        if _line_of(text, u.start) <= flag.line <= _line_of(text, u.end):
            return u
    return min(units, key=lambda u: abs(_line_of(text, u.start) - flag.line))


def _units_by_id(text: str, root: _El, major: str) -> dict[str, list[_El]]:
    """Units under the ids the XLIFF reader gives their blocks (see ``mt_review.ingest.xliff``).

    ``id`` (1.2 falls back on ``resname``, then ``line-N``), prefixed with the
    file's ``original`` (1.2) / ``id`` (2.x) and ``#`` when the document has
    several ``<file>`` elements.  The bare id is indexed too.
    """
    unit_name = "trans-unit" if major == "1" else "unit"
    files = list(root.descendants("file"))
    multi = len(files) > 1
    by_id: dict[str, list[_El]] = {}
    for f in files or [root]:
        fa = f.attrs()
        file_id = fa.get("original") if major == "1" else fa.get("id")
        for u in f.descendants(unit_name):
            a = u.attrs()
            raw = a.get("id") or (a.get("resname") if major == "1" else None) or f"line-{_line_of(text, u.start)}"
            keys = [f"{file_id}#{raw}" if multi and file_id else raw]
            if keys[0] != raw:
                keys.append(raw)
            for k in keys:
                by_id.setdefault(k, [])
                if u not in by_id[k]:
                    by_id[k].append(u)
    return by_id


def writeback_bytes(data: bytes, page: PageReview, name: str = "<xliff>") -> tuple[bytes, int]:
    """The marked-up bytes and the number of units marked; ``data`` is returned as is when none are."""
    major, tgt_lang = _validate(data, name)
    flags = flagged_units(page)
    if not flags:
        return data, 0
    bom, codec = _split_encoding(data)
    body = data[len(bom) :]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode as {codec}: {exc}", name) from None
    if text.encode(codec) != body:
        raise InputError(f"{codec} does not round-trip byte for byte; not rewriting", name)
    root = _scan(text)
    by_id = _units_by_id(text, root, major)
    edits: list[tuple[int, int, str]] = []
    marked = 0
    for uid, flag in flags.items():
        unit = _pick_unit(by_id.get(uid, []), flag, text)
        if unit is None or unit.end_start == unit.start_end:
            continue
        edits.extend(_edits_12(text, unit, flag, tgt_lang) if major == "1" else _edits_2(text, unit, flag))
        marked += 1
    if not marked:
        return data, 0
    new_text = _apply(text, edits)
    out = bom + new_text.encode(codec, errors="xmlcharrefreplace")
    _validate(out, name + " (written)")  # never hand back something a parser refuses
    return out, marked


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
    unreadable, malformed or not XLIFF 1.2/2.x (nothing is written then).
    """
    from mt_review.atomic import atomic_write_bytes

    xliff_path, out_path = Path(xliff_path), Path(out_path)
    if out_path.resolve() == xliff_path.resolve() or (
        out_path.exists() and xliff_path.exists() and os.path.samefile(out_path, xliff_path)
    ):
        raise InputError("refusing to overwrite the input XLIFF; write to another file", str(out_path))
    data = read_xliff_bytes(xliff_path)
    name = str(xliff_path)
    out, marked = writeback_bytes(data, page, name)
    atomic_write_bytes(out_path, out)
    return marked
