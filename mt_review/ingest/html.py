"""HTML pages, read with lxml's lenient HTML parser (libxml2).

Main content is the first ``<main>``, else ``[role=main]``, else the largest
``<article>``, else ``<body>``.  Inside it, headings, paragraphs, list items,
captions and card-like links become blocks.  Site chrome is *kept but typed*
:attr:`BlockKind.NAVIGATION`: everything outside the main content (site
header, footer, sidebars — where WPML puts its machine-translation notice)
and, inside it, ``<nav>``, ``[role=navigation]`` and share/social/breadcrumb/
menu widgets.  A later stage re-types furniture by its text.  ``script``,
``style``, ``noscript``, ``template``, ``svg``, ``iframe`` and hidden elements
are dropped, and so is code: every ``<pre>``, and any block whose only text
is ``<code>`` (inline ``<code>`` inside a sentence stays).  An internal DTD
subset (``<!DOCTYPE html [ ... ]>``) is blanked before parsing, unexpanded.

:func:`parse_html_meta` returns what pairing needs that :class:`Page` has no
field for: the ``<link rel=alternate hreflang>`` map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.etree as etree
import lxml.html

from mt_review.errors import InputError
from mt_review.model import BlockKind, Page

from .common import build_page, is_heading_text, make_blocks, text_kind

__all__ = ["HtmlMeta", "parse_html", "parse_html_meta", "markup_to_blocks", "looks_like_markup"]

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "head",
     "math", "audio", "video", "map"}
)
BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol p pre section summary table tbody td tfoot th thead tr ul""".split()
)
_KIND_BY_TAG = {
    **{f"h{i}": BlockKind.HEADING for i in range(1, 7)},
    "p": BlockKind.PARAGRAPH,
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "figcaption": BlockKind.CAPTION,
    "caption": BlockKind.CAPTION,
}
_INHERITED = frozenset({BlockKind.LIST_ITEM, BlockKind.CAPTION, BlockKind.NAVIGATION, BlockKind.HEADING})
_NAV_WORDS = re.compile(r"share|social|breadcrumb|menu", re.IGNORECASE)
_NAV_ROLES = frozenset({"navigation", "menu", "menubar", "banner", "contentinfo"})
_HTML_WS = re.compile(r"[ \t\n\r\f]+")
_BR = "\x00"  # decode() refuses NUL, so it can never be real text
_TAG_RE = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|title|meta|div|p|h[1-6]|main|article|section|span|a|ul|ol|li"
    r"|table|br|img|strong|em|b|i|nav|header|footer|figure|figcaption|blockquote)\b",
    re.IGNORECASE,
)
_MARKUP_RE = re.compile(r"<[A-Za-z!/][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_MAX_DEPTH = 400


@dataclass(frozen=True)
class HtmlMeta:
    url: str | None = None
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang (lower) -> absolute href
    lang: str | None = None
    direction: str | None = None
    title: str | None = None


# --------------------------------------------------------------------------- public


def looks_like_markup(text: str) -> bool:
    """True when ``text`` has HTML tags or entities worth stripping."""
    return bool(_MARKUP_RE.search(text))


def parse_html(text: str, path: str | Path, encoding: str) -> Page:
    page, _ = parse_html_with_meta(text, path, encoding)
    return page


def parse_html_meta(text: str, path: str | Path) -> HtmlMeta:
    root = _parse_document(text, path)
    return _meta(root)


def parse_html_with_meta(text: str, path: str | Path, encoding: str) -> tuple[Page, HtmlMeta]:
    name = str(path)
    if not _TAG_RE.search(text[:200_000]):
        raise InputError("does not look like HTML: no HTML tags found", name)
    root = _parse_document(text, path)
    meta = _meta(root)
    body = root.find("body")
    if body is None:
        body = root
    main = _main_root(body)
    collector = _Collector()
    collector.walk(body, _Ctx(kind=BlockKind.PARAGRAPH, nav=main is not body, tag="body"), main, 0)
    raw = collector.blocks
    if not any(t.strip() for _, t, _ in raw):
        raise InputError("HTML has no text content", name)
    blocks = make_blocks((k, t, line, None) for k, t, line in raw)
    page = build_page(
        path,
        blocks,
        fmt="html",
        encoding=encoding,
        title=meta.title or None,
        url=meta.url,
        declared_lang=meta.lang,
        direction=meta.direction,
    )
    return page, meta


def markup_to_blocks(fragment: str) -> list[tuple[BlockKind, str]]:
    """Strip an HTML fragment (e.g. XLIFF CDATA) to text blocks ``(kind, text)``."""
    if not fragment.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, etree.LxmlError, ValueError, AssertionError):  # "<html><head><me": lxml asserts
        return [(text_kind(fragment.strip()), fragment.strip())]
    collector = _Collector()
    collector.walk(root, _Ctx(kind=BlockKind.PARAGRAPH, nav=False, tag="div"), root, 0)
    return [(k, t) for k, t, _ in collector.blocks]


# --------------------------------------------------------------------------- parsing


_DOCTYPE_START = re.compile(
    # a comment's body cannot run past its own "-->", and every repetition is
    # possessive: linear time however many comments precede the content
    r"\A\ufeff?\s*+(?:<\?xml[^>]*+\?>\s*+)?(?:<!--(?:[^-]|-(?!->))*+-->\s*+)*+<!doctype\b[^\[>]*+\[",
    re.IGNORECASE,
)


def strip_doctype_subset(text: str) -> str:
    """Blank an internal DTD subset (``<!DOCTYPE html [ ... ]>``) so the HTML parser sees a plain doctype.

    libxml2's HTML parser does not understand the subset: it ends the doctype
    at the first ``>`` and the rest (``]>``) becomes page text before
    ``<html>``, losing its ``lang``.  Entities declared there are not
    expanded (a browser does not either).  Newlines are kept, so line numbers hold.
    """
    m = _DOCTYPE_START.match(text)
    if not m:
        return text
    i, n = m.end(), len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = text.find(c, i + 1)
            i = n if j < 0 else j + 1
        elif text.startswith("<!--", i):
            j = text.find("-->", i + 4)
            i = n if j < 0 else j + 3
        elif c == "]":
            break
        else:
            i += 1
    if i >= n:
        return text  # no end of the subset: leave it to the lenient parser
    start = m.end() - 1  # the "["
    blank = re.sub(r"[^\n]", " ", text[start : i + 1])
    return text[:start] + blank + text[i + 1 :]


def _parse_document(text: str, path: str | Path):
    text = strip_doctype_subset(text)
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True,
        huge_tree=True,  # deep nesting would otherwise be cut at 256 levels, losing text
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}", str(path)) from exc
    if root is None:
        raise InputError("cannot parse HTML: empty document", str(path))
    for err in parser.error_log:
        if err.level_name == "FATAL" and "depth" in err.message.lower():
            raise InputError(f"HTML is nested too deeply to parse (line {err.line}): {err.message}", str(path))
    return root


_URL_TAB_NL = re.compile(r"[^\S\r\n]*[\r\n]\s*|\t")
_URL_WS = re.compile(r"\s+")


def _clean_url(value: str | None) -> str:
    """A URL from an attribute, on one line.

    As browsers do (WHATWG URL parsing), tabs and line breaks inside the URL
    are removed (with the indentation around a line break: a long href
    wrapped in the source) and surrounding whitespace is stripped; any other
    run of whitespace is collapsed to one space.  A URL read from a page ends up in
    report headers (e-mail), so it must never carry a line break.  A value
    that is no URL at all (``http://[::1/p/``) is dropped, as a browser would.
    """
    url = _URL_WS.sub(" ", _URL_TAB_NL.sub("", value or "")).strip()
    try:
        urlsplit(url)
    except ValueError:
        return ""
    return url


def _meta(root) -> HtmlMeta:
    html = root if _tag(root) == "html" else root.getroottree().getroot()
    lang = (html.get("lang") or html.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip() or None
    body = html.find("body")
    direction = (html.get("dir") or (body.get("dir") if body is not None else None) or "").strip().lower()
    direction = direction if direction in ("rtl", "ltr", "auto") else None
    title_el = html.find(".//title")
    title = None
    if title_el is not None:
        title = _HTML_WS.sub(" ", title_el.text_content()).strip(" ") or None
    canonical = og = None
    alternates: dict[str, str] = {}
    for link in html.iter("link"):
        rel = {r.lower() for r in (link.get("rel") or "").split()}
        href = _clean_url(link.get("href"))
        if not href:
            continue
        if "canonical" in rel and canonical is None:
            canonical = href
        if "alternate" in rel and link.get("hreflang"):
            lang_key = _URL_WS.sub("", link.get("hreflang")).lower()
            if lang_key:
                alternates.setdefault(lang_key, href)
    for m in html.iter("meta"):
        if (m.get("property") or m.get("name") or "").strip().lower() == "og:url" and _clean_url(m.get("content")):
            og = _clean_url(m.get("content"))
            break
    url = canonical or og
    if url:
        alternates = {k: urljoin(url, v) for k, v in alternates.items()}
    return HtmlMeta(url=url, alternates=alternates, lang=lang, direction=direction, title=title)


def _main_root(body):
    for xpath in ("//main", "//*[@role='main']"):
        found = body.xpath(xpath)
        if found:
            return found[0]
    articles = body.xpath("//article")
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    return body


# --------------------------------------------------------------------------- walking


def _tag(el) -> str:
    t = el.tag
    if not isinstance(t, str):
        return ""  # comment / PI / entity
    return t.rsplit("}", 1)[-1].lower()


def _hidden(el) -> bool:
    if el.get("hidden") is not None:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _is_nav(el, tag: str) -> bool:
    if tag == "nav":
        return True
    role = (el.get("role") or "").strip().lower()
    if role in _NAV_ROLES:
        return True
    if tag in ("header", "footer") and not any(
        _tag(a) in ("article", "main", "section") or (a.get("role") or "") == "main" for a in el.iterancestors()
    ):
        return True
    for attr in ("class", "id"):
        v = el.get(attr)
        if v and _NAV_WORDS.search(v):
            return True
    return False


def _has_block_descendant(el) -> bool:
    return any(_tag(d) in BLOCK_TAGS for d in el.iterdescendants())


@dataclass
class _Ctx:
    kind: BlockKind
    nav: bool
    tag: str
    pre: bool = False
    card: bool = False
    code: bool = False  # inside a <code> element
    line: int | None = None
    anchor: object = None
    parts: list = field(default_factory=list)  # (text, anchor element or None, inside <code>)


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[tuple[BlockKind, str, int | None]] = []

    # text handling ------------------------------------------------------------
    @staticmethod
    def _add(ctx: _Ctx, text: str | None, line: int | None) -> None:
        if not text:
            return
        if ctx.line is None and text.strip(" \t\n\r\f"):
            ctx.line = line
        ctx.parts.append((text, ctx.anchor, ctx.code))

    def _flush(self, ctx: _Ctx) -> None:
        parts, ctx.parts = ctx.parts, []
        line, ctx.line = ctx.line, None
        if not parts:
            return
        if all(code for p, _, code in parts if p.strip(" \t\n\r\f" + _BR)):
            return  # nothing but <code>: a code block, not translated prose
        raw = "".join(p for p, _, _ in parts)
        if ctx.pre:
            text = raw.replace(_BR, "\n").strip("\n")
        else:
            text = _HTML_WS.sub(" ", raw)
            text = re.sub(f" ?{_BR}+ ?", lambda m: "\n" * min(2, m.group().count(_BR)), text)
            text = text.strip(" \n")
        if not text:
            return
        kind = ctx.kind
        if kind is BlockKind.PARAGRAPH and not ctx.card:
            # a block that is nothing but one link with heading-like text: a card / button link
            owners = [a for p, a, _ in parts if p.strip(" \t\n\r\f" + _BR)]
            if owners and all(a is not None and a is owners[0] for a in owners) and is_heading_text(text):
                kind = BlockKind.LINK_CARD
        self.blocks.append((kind, text, line))

    # tree walk ----------------------------------------------------------------
    def walk(self, el, ctx: _Ctx, main, depth: int) -> None:
        """Walk ``el`` (not its tail) into ``ctx``, flushing blocks as they close.

        ``<pre>`` is code, not prose: dropped, as a block boundary.  ``<code>``
        text is marked, and a block holding nothing but code is dropped when
        it closes; inline ``<code>`` inside a sentence stays as text.
        """
        tag = _tag(el)
        if tag in SKIP_TAGS or _hidden(el) or not tag:
            return
        if tag == "pre":
            if ctx.card:
                self._add(ctx, _BR, el.sourceline)
            else:
                self._flush(ctx)
            return
        if tag == "code" and not ctx.code:
            ctx.code = True
            try:
                self._walk(el, tag, ctx, main, depth)
            finally:
                ctx.code = False
            return
        self._walk(el, tag, ctx, main, depth)

    def _walk(self, el, tag: str, ctx: _Ctx, main, depth: int) -> None:
        line = el.sourceline
        if depth > _MAX_DEPTH:  # pathological nesting: take the text flat
            self._add(ctx, el.text_content(), line)
            return

        if ctx.card:  # inside a link card: one block, inner blocks become lines
            if tag in BLOCK_TAGS or tag == "br":
                self._add(ctx, _BR, line)
            self._add(ctx, el.text, line)
            for child in el:
                self.walk(child, ctx, main, depth + 1)
                self._add(ctx, child.tail, line)
            if tag in BLOCK_TAGS:
                self._add(ctx, _BR, line)
            return

        if tag == "br":
            self._add(ctx, _BR, line)
            return

        nav = ctx.nav
        if el is main:
            nav = False
        elif not nav and _is_nav(el, tag):
            nav = True

        if tag == "a" and _has_block_descendant(el):
            self._flush(ctx)
            card = _Ctx(
                kind=BlockKind.NAVIGATION if nav else BlockKind.LINK_CARD, nav=nav, tag="a", card=True,
                code=ctx.code,
            )
            self._add(card, el.text, line)
            for child in el:
                self.walk(child, card, main, depth + 1)
                self._add(card, child.tail, line)
            self._flush(card)
            return

        if tag in BLOCK_TAGS or nav != ctx.nav or el is main:
            self._flush(ctx)
            if nav:
                kind = BlockKind.NAVIGATION
            elif tag in _KIND_BY_TAG and not (ctx.kind in _INHERITED and tag == "p"):
                kind = _KIND_BY_TAG[tag]
            elif ctx.kind in _INHERITED and not ctx.nav:
                kind = ctx.kind
            else:
                kind = BlockKind.PARAGRAPH
            inner = _Ctx(kind=kind, nav=nav, tag=tag, pre=ctx.pre or tag == "pre", code=ctx.code)
            self._add(inner, el.text, line)
            for child in el:
                self.walk(child, inner, main, depth + 1)
                self._add(inner, child.tail, child.sourceline or line)
            self._flush(inner)
            return

        # inline element
        saved = ctx.anchor
        if tag == "a":
            ctx.anchor = el
        self._add(ctx, el.text, line)
        for child in el:
            self.walk(child, ctx, main, depth + 1)
            self._add(ctx, child.tail, child.sourceline or line)
        ctx.anchor = saved
