"""XLIFF 1.2 and 2.x, as WPML (and most CAT tools) export them.

Hostile XML is refused before anything else: the text is first parsed by
defusedxml (expat), which raises on any entity declaration — internal ones
are how "billion laughs" expansion bombs work, external ones (XXE) read
local files or URLs.  Only then is it parsed again by lxml, with entity
resolution, DTD loading and network access all off, for ``sourceline``.

Each ``<trans-unit>`` (1.2) / ``<unit>`` (2.x) becomes one block on each
side with the same ``unit_id``.  HTML inside (WPML wraps it in CDATA) is
stripped to text with the HTML parser.  A unit without a target, or with an
empty one, gives an empty target block — it is listed in
:attr:`XliffDoc.untranslated`, never an error.  Units marked
``translate="no"`` (on the unit or an enclosing group/file; in 2.x also on
every segment) are do-not-translate strings and are left out; in 2.x a
``translate="no"`` segment is left out of its unit.  The segments and
ignorables of a 2.x unit are joined with the whitespace they carry, or one
space when they carry none.

This module is the project's one XLIFF model.  Besides the text, it records
per unit what a writer needs to put marks back (:class:`XliffLayout`): the
unit's key (the ``unit_id`` its blocks, findings and fingerprints carry) and
the character spans of the unit, its children and grandchildren (start tag,
attribute values, end tag) in the decoded text, taken from the positions the
safety parser (expat) reports for each element.  ``mt_review.xliff_writeback``
edits those spans and never parses or tokenises the input itself, so reader
and writer cannot disagree about which unit is which.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree as DET
import lxml.etree as etree

from mt_review.errors import InputError
from mt_review.model import BlockKind, PagePair, _quick_pickle

from .common import base_name, build_page, make_blocks, text_kind
from .html import looks_like_markup, markup_to_blocks

log = logging.getLogger(__name__)

__all__ = [
    "Attr",
    "ElementSpan",
    "XliffLayout",
    "XliffUnit",
    "XliffDoc",
    "parse_xliff",
    "read_xliff",
    "check_xml_safety",
    "parse_xml",
    "text_digest",
]

_XMLDECL = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")
_DECL_ENCODING = re.compile(r"""^\ufeff?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")
# inline elements whose content is native code (XLIFF 1.2 ph/bpt/ept/it/sub) or
# that hold no text at all (1.2 x/bx/ex, 2.x ph/sc/ec/sm/em)
_NO_TEXT = frozenset({"ph", "bpt", "ept", "it", "sub", "x", "bx", "ex", "sc", "ec", "sm", "em"})


_XML_NS = "http://www.w3.org/XML/1998/namespace"
# a start tag as written, anchored where expat says an element starts
_START_TAG = re.compile(
    r"<(?P<name>[^\s/>]+)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>"
)
_ATTR = re.compile(r"\s+(?P<name>[^\s=/>]+)\s*=\s*(?P<q>[\"'])(?P<value>.*?)(?P=q)", re.S)


# slots and interned names: a site's XLIFF has thousands of these.  Pickled by their slots in one
# tuple (a page's layout travels in the spool with its review): the dataclass default built a list
# and called fields() per object, and the spool's pickler kept every list alive (1.5 MB at 1 MB)
@_quick_pickle
@dataclass(frozen=True, slots=True)
class Attr:
    """An attribute as written: name, value (references resolved), and the span of the raw value."""

    name: str
    value: str
    start: int  # offset of the value's first character (just inside the quote)
    end: int  # offset of the closing quote
    quote: str


@_quick_pickle
@dataclass(frozen=True, slots=True)
class ElementSpan:
    """Where one element sits in the decoded text (character offsets), with its children's spans."""

    qname: str  # as written, e.g. "xlf:note"
    local: str  # local name, namespace-aware
    start: int  # offset of "<"
    start_end: int  # just past the start tag's ">"
    attrs_end: int  # just past the last attribute (where a new one goes)
    end_start: int  # offset of "</" (== end when self-closing)
    end: int  # just past the end tag
    attrs: tuple[Attr, ...] = ()
    children: tuple["ElementSpan", ...] = ()

    @property
    def prefix(self) -> str:
        return self.qname.rsplit(":", 1)[0] + ":" if ":" in self.qname else ""

    @property
    def self_closing(self) -> bool:
        return self.start_end == self.end

    def get(self, name: str) -> str | None:
        return next((a.value for a in self.attrs if a.name == name), None)

    def kids(self, local: str) -> tuple["ElementSpan", ...]:
        return tuple(c for c in self.children if c.local == local)


def _pack(span: ElementSpan, ints: list[int], strs: list[str], same: dict[str, str]) -> None:
    """Append ``span`` (pre-order, its children after it) to the flat int and str lists of a packed layout."""
    ints += (span.start, span.start_end, span.attrs_end, span.end_start, span.end, len(span.attrs), len(span.children))
    for s in (span.qname, span.local):
        strs.append(same.setdefault(s, s))
    for a in span.attrs:
        ints += (a.start, a.end)
        for s in (a.name, a.value, a.quote):
            strs.append(same.setdefault(s, s))  # one object per distinct string ("translated" ...)
    for c in span.children:
        _pack(c, ints, strs, same)


def _unpack(ints: Any, strs: tuple[str, ...], i: int, j: int) -> tuple[ElementSpan, int, int]:
    """The span packed at ``ints[i]``/``strs[j]``, and the positions just past it."""
    start, start_end, attrs_end, end_start, end, n_attrs, n_children = ints[i : i + 7]
    qname, local = strs[j], strs[j + 1]
    i, j = i + 7, j + 2
    attrs = []
    for _ in range(n_attrs):
        attrs.append(Attr(strs[j], strs[j + 1], ints[i], ints[i + 1], strs[j + 2]))
        i, j = i + 2, j + 3
    children = []
    for _ in range(n_children):
        child, i, j = _unpack(ints, strs, i, j)
        children.append(child)
    return ElementSpan(qname, local, start, start_end, attrs_end, end_start, end, tuple(attrs), tuple(children)), i, j


@dataclass(frozen=True, init=False)
class XliffLayout:
    """What write-back needs of an XLIFF file: per unit key, the unit's spans in the decoded text.

    Kept with the page through the whole run and in every spooled copy of it, so the spans are
    stored packed (issue 15): every offset in one ``array('q')`` held as bytes, the names and values
    in one tuple of strings, and :attr:`units` / :meth:`unit` make the :class:`ElementSpan` objects
    when asked.  As objects (an int object per offset) they were ~1.7 MB at 1 MB of XLIFF."""

    major: str  # "1" (XLIFF 1.2) or "2" (XLIFF 2.x)
    target_lang: str | None
    declared_encoding: str | None  # encoding="..." of the XML declaration, as written
    digest: str  # :func:`text_digest` of the decoded text the offsets index
    ids: tuple[str, ...]  # each unit's unit_id, document order
    packed: bytes = field(repr=False)  # array('q'): per unit, (int position, str position), then the spans
    strs: tuple[str, ...] = field(repr=False)

    def __init__(self, major: str, target_lang: str | None, declared_encoding: str | None, digest: str,
                 units: Iterable[tuple[str, ElementSpan]]) -> None:
        ids: list[str] = []
        heads: list[int] = []
        ints: list[int] = []
        strs: list[str] = []
        same: dict[str, str] = {}
        for uid, span in units:
            ids.append(uid)
            heads += (len(ints), len(strs))
            _pack(span, ints, strs, same)
        n = 2 * len(ids)
        packed = array("q", [h + n if k % 2 == 0 else h for k, h in enumerate(heads)] + ints)
        if sys.byteorder == "big":  # kept little-endian, so a state file reads the same on any machine
            packed.byteswap()
        for name, value in (("major", major), ("target_lang", target_lang), ("declared_encoding", declared_encoding),
                            ("digest", digest), ("ids", tuple(ids)), ("packed", packed.tobytes()),
                            ("strs", tuple(strs))):
            object.__setattr__(self, name, value)

    def __setstate__(self, state: dict[str, Any]) -> None:
        if "units" in state:  # pickled before the spans were packed (a kept state file's review)
            state = dict(state)
            made = XliffLayout(state["major"], state["target_lang"], state["declared_encoding"], state["digest"],
                               state.pop("units"))
            state = made.__dict__
        self.__dict__.update(state)

    def _span(self, k: int, ints: Any) -> ElementSpan:
        return _unpack(ints, self.strs, ints[2 * k], ints[2 * k + 1])[0]

    @property
    def units(self) -> tuple[tuple[str, ElementSpan], ...]:
        """(unit_id, span) per unit, document order (made anew on each call)."""
        ints = self._ints()
        return tuple((uid, self._span(k, ints)) for k, uid in enumerate(self.ids))

    def unit(self, unit_id: str) -> ElementSpan | None:
        try:
            k = self.ids.index(unit_id)
        except ValueError:
            return None
        return self._span(k, self._ints())

    def _ints(self) -> Any:
        """The packed offsets as integers (stored little-endian)."""
        if sys.byteorder == "little":
            return memoryview(self.packed).cast("q")
        ints = array("q", self.packed)
        ints.byteswap()
        return ints


def text_digest(text: str) -> str:
    """Identifies the decoded text a layout's offsets index (the file may change before write-back)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class XliffUnit:
    unit_id: str  # as used in Block.unit_id (``file#id`` when the document has several files)
    raw_id: str  # the id attribute itself
    file_id: str | None  # <file original> (1.2) or <file id> (2.x)
    resname: str | None  # resname (1.2) / name (2.x), e.g. WPML "title", "body"
    source: str
    target: str
    has_target: bool
    state: str | None
    notes: tuple[str, ...]
    line: int | None  # line of the unit element
    source_line: int | None
    target_line: int | None
    kind: BlockKind
    span: ElementSpan | None = None  # where the unit sits in the decoded text


@dataclass(frozen=True)
class XliffDoc:
    version: str
    source_lang: str | None
    target_lang: str | None
    original: str | None
    units: tuple[XliffUnit, ...]
    skipped: int = 0  # units marked translate="no" (by an attribute in the file, never by a DTD default)
    layout: XliffLayout | None = None

    @property
    def untranslated(self) -> tuple[str, ...]:
        return tuple(u.unit_id for u in self.units if not u.target.strip())


# --------------------------------------------------------------------------- XML safety


class _Positions:
    """An ElementTree parser target that notes where expat saw each element start and end."""

    def __init__(self) -> None:
        self.expat: Any = None
        self.starts: list[int] = []  # UTF-8 byte offset of each element's "<", document order
        self.ends: list[int] = []  # UTF-8 byte offset of each element's "</" (same order)
        self._open: list[int] = []

    def start(self, tag: str, attrs: Any) -> None:
        self._open.append(len(self.starts))
        self.starts.append(self.expat.CurrentByteIndex)
        self.ends.append(-1)

    def end(self, tag: str) -> None:
        self.ends[self._open.pop()] = self.expat.CurrentByteIndex

    def close(self) -> None:
        return None


def _char_offsets(text: str, byte_offsets: list[int]) -> list[int]:
    """UTF-8 byte offsets into ``text`` (what expat reports for a str) as character offsets."""
    if text.isascii():
        return list(byte_offsets)
    data = text.encode("utf-8", "surrogatepass")
    at: dict[int, int] = {}
    b = c = 0
    for off in sorted(set(byte_offsets)):
        c += len(data[b:off].decode("utf-8", "surrogatepass"))
        b = off
        at[off] = c
    return [at[o] for o in byte_offsets]


def check_xml_safety(text: str, path: str | Path) -> str:
    """Refuse entity declarations (bombs, XXE) and malformed XML; return the text to parse.

    The XML declaration is blanked (same length, so columns hold): the text is
    already decoded, and a stale ``encoding=`` must not be obeyed again.
    """
    return _safe_positions(text, path)[0]


def _safe_positions(text: str, path: str | Path) -> tuple[str, list[int], list[int]]:
    """:func:`check_xml_safety`, plus each element's start and end offset (characters) as expat saw them."""
    name = str(path)
    body = _XMLDECL.sub(lambda m: " " * len(m.group()), text, count=1)
    target = _Positions()
    try:
        parser = DET.DefusedXMLParser(target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        target.expat = parser.parser  # defusedxml's parser is the pure-Python one: its expat is reachable
        parser.feed(body)
        parser.close()
    except defusedxml.EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            raise InputError(
                f"XML declares an external entity {exc.name!r} ({exc.sysid or exc.pubid}): "
                "external entities (XXE) are refused",
                name,
            ) from None
        raise InputError(
            f"XML declares entity {exc.name!r}: entity declarations are refused "
            "(possible entity-expansion 'billion laughs' attack)",
            name,
        ) from None
    except defusedxml.ExternalReferenceForbidden as exc:
        raise InputError(
            f"XML references an external resource ({exc.sysid or exc.pubid}): refused (XXE)", name
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise InputError(f"XML refused: {exc}", name) from None
    except ParseError as exc:
        line, col = exc.position
        msg = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise InputError(f"malformed XML at line {line}, column {col + 1}: {msg}", name) from None
    offsets = _char_offsets(body, target.starts + target.ends)
    n = len(target.starts)
    return body, offsets[:n], offsets[n:]


def parse_xml(text: str, path: str | Path) -> Any:
    """Safety check, then an lxml parse (no entities, no DTD, no network) for line numbers."""
    return _parse(text, path)[0]


def _parse(text: str, path: str | Path) -> tuple[Any, list[int], list[int]]:
    """The lxml root, and each element's start and end offset in ``text`` (document order)."""
    from mt_review.ingest.html import strip_doctype_subset

    # The internal DTD subset is dropped (newlines kept): its ATTLIST defaults
    # (translate CDATA "no") would otherwise silently skip every unit.
    checked, starts, ends = _safe_positions(text, path)
    body = strip_doctype_subset(checked)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        strip_cdata=True,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )
    try:
        root = etree.fromstring(body.encode("utf-8", "surrogatepass"), parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        raise InputError(f"malformed XML at line {line}, column {col}: {exc.msg}", str(path)) from None
    return root, starts, ends


class _Spans:
    """Element spans of one parsed document: lxml's elements matched with expat's offsets by document order."""

    def __init__(self, text: str, root: Any, starts: list[int], ends: list[int], name: str) -> None:
        elements = list(root.iter(etree.Element))
        if len(elements) != len(starts):  # two conforming parsers of one text: cannot happen
            raise InputError(f"XML parsers disagree ({len(elements)} vs {len(starts)} elements); refused", name)
        self.text, self.name = text, name
        self.index = {el: k for k, el in enumerate(elements)}
        self.starts, self.ends = starts, ends

    def span(self, el: Any, depth: int = 2) -> ElementSpan:
        """``el``'s span, with its children's down to ``depth`` levels (what write-back edits)."""
        k = self.index[el]
        m = _START_TAG.match(self.text, self.starts[k])
        if m is None or etree.QName(el).localname != m.group("name").rsplit(":", 1)[-1]:
            raise InputError(f"cannot locate <{etree.QName(el).localname}> at line {el.sourceline}", self.name)
        if m.group("empty"):
            end_start = end = m.end()
        else:
            end_start = self.ends[k]
            end = self.text.index(">", end_start) + 1
        attrs = tuple(
            Attr(sys.intern(a.group("name")), _attr_value(el, a.group("name"), a.group("value")), a.start("value"),
                 a.end("value"), sys.intern(a.group("q")))
            for a in _ATTR.finditer(self.text, m.start("attrs"), m.end("attrs"))
        )
        children = tuple(self.span(c, depth - 1) for c in el.iterchildren(etree.Element)) if depth > 0 else ()
        return ElementSpan(sys.intern(m.group("name")), sys.intern(etree.QName(el).localname), m.start(), m.end(),
                           m.end("attrs"), end_start, end, attrs, children)


def _attr_value(el: Any, qname: str, raw: str) -> str:
    """The attribute's value as the XML parser resolved it (character references, entities)."""
    if qname == "xmlns" or qname.startswith("xmlns:"):
        return raw
    key = qname
    if ":" in qname:
        prefix, local = qname.split(":", 1)
        ns = _XML_NS if prefix == "xml" else el.nsmap.get(prefix)
        key = f"{{{ns}}}{local}" if ns else qname
    value = el.get(key)
    return raw if value is None else value


# --------------------------------------------------------------------------- parsing


def _local(el) -> str:
    t = el.tag
    if not isinstance(t, str):
        return ""
    return t.rsplit("}", 1)[-1]


def _children(el, name: str):
    return [c for c in el if _local(c) == name]


def _inline_text(el) -> str:
    """Text of a <source>/<target>, minus native codes; XLIFF 2 <cp hex> becomes the character."""
    out: list[str] = [el.text or ""]
    for child in el:
        local = _local(child)
        if local == "cp":
            try:
                out.append(chr(int(child.get("hex", ""), 16)))
            except (ValueError, OverflowError):
                pass
        elif local in _NO_TEXT:
            pass  # native code (1.2 ph/bpt/ept/it/sub) or empty 2.x placeholders
        elif local:
            out.append(_inline_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _to_text(raw: str) -> tuple[str, BlockKind | None]:
    """Strip HTML (WPML CDATA) to text; return text and the kind the markup implies."""
    if looks_like_markup(raw):
        blocks = markup_to_blocks(raw)
        if not blocks:
            return "", None
        text = "\n".join(t for _, t in blocks)
        if len(blocks) == 1 and blocks[0][0] is not BlockKind.PARAGRAPH:
            return text, blocks[0][0]
        return text, BlockKind.PARAGRAPH if len(blocks) > 1 else None
    return raw.strip(" \t\r\n"), None


def _kind(text: str, implied: BlockKind | None, resname: str | None) -> BlockKind:
    if implied is not None:
        return implied
    if resname and resname.lower() in ("title", "post_title", "heading"):
        return BlockKind.HEADING
    return text_kind(text)


def parse_xliff(text: str, path: str | Path) -> XliffDoc:
    name = str(path)
    root, starts, ends = _parse(text, path)
    spans = _Spans(text, root, starts, ends, name)
    if _local(root) != "xliff":
        raise InputError(f"XML root is <{_local(root) or root.tag}>, not <xliff>", name)
    version = (root.get("version") or "").strip()
    ns = etree.QName(root).namespace or ""
    v2 = version.startswith("2") or ns.endswith(":2.0")
    files = [f for f in root.iter() if _local(f) == "file"]
    if not files:
        raise InputError("XLIFF has no <file> element", name)
    multi = len(files) > 1
    units: list[XliffUnit] = []
    seen: dict[str, int | None] = {}
    skipped = 0
    src_lang = root.get("srcLang") if v2 else None
    tgt_lang = root.get("trgLang") if v2 else None
    original = None
    for f in files:
        file_id = f.get("id") if v2 else f.get("original")
        original = original or f.get("original")
        if not v2:
            src_lang = src_lang or f.get("source-language")
            tgt_lang = tgt_lang or f.get("target-language")
        for u in _iter_units_v2(f) if v2 else _iter_units_v1(f):
            unit = _unit_v2(u, file_id, multi) if v2 else _unit_v1(u, file_id, multi)
            unit = dataclasses.replace(unit, span=spans.span(u))
            if unit.unit_id in seen:
                raise InputError(
                    f"duplicate unit id {unit.raw_id!r} at line {unit.line} "
                    f"(first at line {seen[unit.unit_id]})",
                    name,
                )
            seen[unit.unit_id] = unit.line
            if not _translatable(u) or (v2 and _v2_all_segments_excluded(u)):
                skipped += 1
                continue  # translate="no": a do-not-translate string, not reviewed
            units.append(unit)
    if not units:
        if skipped:
            raise InputError(f'XLIFF has no units to translate: all {skipped} are marked translate="no"', name)
        raise InputError("XLIFF has no translation units", name)
    layout = XliffLayout(
        major="2" if v2 else "1",
        target_lang=tgt_lang,
        declared_encoding=m.group(1) if (m := _DECL_ENCODING.match(text)) else None,
        digest=text_digest(text),
        units=tuple((u.unit_id, u.span) for u in units if u.span is not None),
    )
    return XliffDoc(
        version=version or ("2.0" if v2 else "1.2"),
        source_lang=src_lang,
        target_lang=tgt_lang,
        original=original,
        units=tuple(units),
        skipped=skipped,
        layout=layout,
    )


def _translatable(unit) -> bool:
    """False when ``translate="no"`` is on the unit or inherited from a <group>/<file> (1.2 and 2.x)."""
    el = unit
    while el is not None:
        value = el.get("translate")
        if value is not None:
            return value.strip().lower() != "no"
        if _local(el) in ("file", "xliff"):
            break
        el = el.getparent()
    return True


def _v2_parts(unit) -> list:
    """A 2.x unit's <segment>s and <ignorable>s, minus segments marked ``translate="no"``."""
    return [
        p for p in unit
        if _local(p) == "ignorable"
        or (_local(p) == "segment" and (p.get("translate") or "").strip().lower() != "no")
    ]


def _v2_all_segments_excluded(unit) -> bool:
    """True when a 2.x unit has segments and every one is ``translate="no"``."""
    segs = [p for p in unit if _local(p) == "segment"]
    return bool(segs) and all((p.get("translate") or "").strip().lower() == "no" for p in segs)


def _join_parts(parts: list[str]) -> str:
    """Join segment texts with the whitespace they carry, or one space when they carry none.

    Two segments are two sentences: "Monday." + "Second" must not become
    "Monday.Second", which sentence splitting would take for one word.
    """
    out = ""
    for p in parts:
        if not p:
            continue
        if out and not out[-1].isspace() and not p[0].isspace():
            out += " "
        out += p
    return out


def _iter_units_v1(f):
    return [u for u in f.iter() if _local(u) == "trans-unit"]


def _iter_units_v2(f):
    return [u for u in f.iter() if _local(u) == "unit"]


def _uid(raw_id: str, file_id: str | None, multi: bool) -> str:
    return f"{file_id}#{raw_id}" if multi and file_id else raw_id


def _unit_v1(tu, file_id: str | None, multi: bool) -> XliffUnit:
    raw_id = tu.get("id") or tu.get("resname") or f"line-{tu.sourceline}"
    resname = tu.get("resname")
    src_el = next(iter(_children(tu, "source")), None)
    tgt_el = next(iter(_children(tu, "target")), None)
    src_text, implied = _to_text(_inline_text(src_el)) if src_el is not None else ("", None)
    tgt_text = _to_text(_inline_text(tgt_el))[0] if tgt_el is not None else ""
    notes = tuple((n.text or "").strip() for n in _children(tu, "note"))
    state = tgt_el.get("state") if tgt_el is not None else None
    return XliffUnit(
        unit_id=_uid(raw_id, file_id, multi),
        raw_id=raw_id,
        file_id=file_id,
        resname=resname,
        source=src_text,
        target=tgt_text,
        has_target=tgt_el is not None,
        state=state,
        notes=notes,
        line=tu.sourceline,
        source_line=src_el.sourceline if src_el is not None else tu.sourceline,
        target_line=tgt_el.sourceline if tgt_el is not None else None,
        kind=_kind(src_text, implied, resname),
    )


def _unit_v2(unit, file_id: str | None, multi: bool) -> XliffUnit:
    raw_id = unit.get("id") or f"line-{unit.sourceline}"
    resname = unit.get("name")
    src_parts: list[str] = []
    tgt_parts: list[str] = []
    states: list[str] = []
    has_target = False
    src_line = tgt_line = None
    for part in _v2_parts(unit):
        s = next(iter(_children(part, "source")), None)
        t = next(iter(_children(part, "target")), None)
        if s is not None:
            src_parts.append(_inline_text(s))
            src_line = src_line or s.sourceline
        if t is not None:
            has_target = True
            tgt_parts.append(_inline_text(t))
            tgt_line = tgt_line or t.sourceline
        elif _local(part) == "ignorable" and s is not None:
            tgt_parts.append(_inline_text(s))  # ignorables are copied as-is
        if _local(part) == "segment" and part.get("state"):
            states.append(part.get("state"))
    notes = tuple(
        (n.text or "").strip() for ns_ in _children(unit, "notes") for n in _children(ns_, "note")
    )
    src_text, implied = _to_text(_join_parts(src_parts))
    tgt_text = _to_text(_join_parts(tgt_parts))[0] if has_target else ""
    return XliffUnit(
        unit_id=_uid(raw_id, file_id, multi),
        raw_id=raw_id,
        file_id=file_id,
        resname=resname,
        source=src_text,
        target=tgt_text,
        has_target=has_target,
        state=",".join(dict.fromkeys(states)) or None,
        notes=notes,
        line=unit.sourceline,
        source_line=src_line or unit.sourceline,
        target_line=tgt_line,
        kind=_kind(src_text, implied, resname),
    )


def _with_unit_names(blocks, doc):
    """Each block carries its unit's resname and target state, so reports can show them."""
    return tuple(dataclasses.replace(b, unit_name=u.resname, unit_state=u.state and sys.intern(u.state))
                 for b, u in zip(blocks, doc.units, strict=True))


def read_xliff(text: str, path: str | Path, encoding: str) -> PagePair:
    doc = parse_xliff(text, path)
    if doc.untranslated:
        log.info("%s: %d untranslated unit(s): %s", path, len(doc.untranslated), ", ".join(doc.untranslated[:10]))
    src_blocks = _with_unit_names(make_blocks((u.kind, u.source, u.source_line, u.unit_id) for u in doc.units), doc)
    tgt_blocks = _with_unit_names(make_blocks((u.kind, u.target, u.target_line or u.line, u.unit_id) for u in doc.units), doc)
    title_unit = next((u for u in doc.units if (u.resname or "").lower() in ("title", "post_title")), None)
    src = build_page(
        path,
        src_blocks,
        fmt="xliff",
        encoding=encoding,
        title=title_unit.source if title_unit else None,
        declared_lang=doc.source_lang,
    )
    tgt = build_page(
        path,
        tgt_blocks,
        fmt="xliff",
        encoding=encoding,
        title=(title_unit.target or None) if title_unit else None,
        declared_lang=doc.target_lang,
    )
    skipped = (('translate="no"', doc.skipped),) if doc.skipped else ()
    return PagePair(
        name=base_name(Path(path)), source=src, target=tgt, prealigned=True, skipped=skipped, xliff=doc.layout
    )
