"""Find which English page goes with which Arabic page.

Rules, in order of precedence:

1. ``manifest.csv`` in a folder (columns ``source,target`` — or ``en,ar`` —
   relative to that folder, optional ``name``) pairs the files it lists.
2. Bilingual files (XLIFF, PO, JSONL, TSV) are a pair by themselves.
3. ``NAME.en.EXT`` <-> ``NAME.ar.EXT`` in the same folder (also ``NAME-en``/``NAME_ar``).
4. ``.../en/REL`` <-> ``.../ar/REL``: parallel language trees.
5. HTML links: ``<link rel=alternate hreflang=ar href=...>`` pointing at
   another page's canonical/og:url, or WPML's ``/ar/`` URL prefix (the Arabic
   page's URL path minus ``/ar/`` equals the English page's).

Pages left without a twin go to the unpaired list — not an error.  Which side
is English is checked from the text (:mod:`mt_review.langid`), never trusted
from names: both sides in one language, or the two swapped, is an
:class:`InputError`.
"""

from __future__ import annotations

import dataclasses
import errno
import functools

import csv
import hashlib
import io
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from mt_review.errors import InputError
from mt_review.ingest import DEFAULT_MAX_BYTES, EXTENSIONS, detect_format, parse_as, read_file
from mt_review.ingest.common import base_name, strip_lang_suffix
from mt_review.ingest.decode import decode, read_bytes
from mt_review.model import Page, PagePair

__all__ = ["find_pairs", "pair_two", "make_pair", "common_name", "export_root", "page_identity", "MANIFEST_NAME"]

MANIFEST_NAME = "manifest.csv"
_LANG_NAMES = {"ar": "Arabic", "en": "English", "latn": "Latin-script (not English)", "und": "undetermined"}
_SKIP_DIRS = {"__pycache__", "node_modules"}


# --------------------------------------------------------------------------- pairs of two


def common_name(a: str | Path, b: str | Path) -> str:
    """``x.en.txt`` + ``x.ar.txt`` -> ``x``; else the shared stem prefix; else ``a``'s name."""
    na, nb = base_name(Path(a)), base_name(Path(b))
    if na == nb:
        return na
    prefix = os.path.commonprefix([na, nb]).rstrip("-_. ")
    return prefix if len(prefix) >= 3 else na


def declares_arabic(page: Page) -> bool:
    """The page says it is Arabic: its markup (``lang``), its file name tag or its folder."""
    path = Path(page.path)
    tag = strip_lang_suffix(path.name.rsplit(".", 1)[0])[1]
    declared = (page.declared_lang or "").lower()
    return declared.split("-")[0] == "ar" or tag == "ar" or "ar" in (p.lower() for p in path.parent.parts[-2:])


def check_languages(source: Page, target: Page) -> None:
    """Refuse a pair whose languages are not English -> Arabic, from the text itself.

    A target that says it is Arabic (markup, file name, folder) but whose text is
    English was never translated: that is a defect to report, not bad input, so
    it passes and the untranslated check flags it.
    """
    s, t = source.lang, target.lang
    latin = ("en", "latn")
    if s == "en" and t == "en" and declares_arabic(target) and not declares_arabic(source):
        return
    if s == "ar" and t == "ar":
        raise InputError(f"both sides are Arabic: {source.path} and {target.path}")
    if s == "ar" and t in latin:
        raise InputError(
            f"source and target look swapped: source {source.path} is Arabic and target "
            f"{target.path} is {_LANG_NAMES[t]}; give the English page first"
        )
    if s in latin and t == "en":
        raise InputError(f"both sides are English (no Arabic side): {source.path} and {target.path}")
    if t != "ar":
        raise InputError(f"the target is not Arabic (its text reads as {_LANG_NAMES.get(t, t)})", target.path)
    if s == "und":
        raise InputError("the source is not English (no Latin-script text to review against)", source.path)


def make_pair(source: Page, target: Page, name: str) -> PagePair:
    """Pair two pages after checking their languages (see :func:`check_languages`)."""
    check_languages(source, target)
    return PagePair(name=name, source=source, target=target, prealigned=False)


def export_root(paths: Sequence[str | Path], root: str | Path | None = None) -> Path:
    """The folder page names are relative to: ``root`` when given, else the inputs' common folder."""
    if root is not None:
        return Path(os.path.realpath(root))
    folders = [os.path.realpath(p if Path(p).is_dir() else Path(p).parent) for p in paths]
    return Path(os.path.commonpath(folders)) if folders else Path(os.path.realpath("."))


def page_identity(anchor: str | Path, name: str, root: Path) -> str:
    """A page's name: ``name`` inside ``anchor`` (the folder it was found in), as a path relative to ``root``.

    It depends on nothing but the page's own place in the export, so a review
    of a sub-folder (with the same ``root``) names its pages as a review of the
    whole export does, and fingerprints and baselines match.
    """
    try:
        rel = Path(os.path.realpath(anchor)).relative_to(root)
    except ValueError:  # outside the root (a link out of the export): the name alone
        return name
    return (rel / name).as_posix() if rel.parts else name


def pair_two(
    source_path: str | Path,
    target_path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    root: str | Path | None = None,
) -> PagePair:
    """Read an explicit (SOURCE, TARGET) pair and check their languages from the text.

    Its name is the pair's common name inside the source's folder, relative to
    ``root`` (default: the two files' common folder, so the bare common name).
    """
    pages = []
    for p in (source_path, target_path):
        got = read_file(p, max_bytes=max_bytes)
        if isinstance(got, PagePair):
            raise InputError(
                f"is a bilingual {got.source.format.upper()} file holding both sides; review it on its own",
                str(p),
            )
        pages.append(got)
    base = export_root([source_path, target_path], root)
    name = page_identity(Path(source_path).parent, common_name(source_path, target_path), base)
    return make_pair(pages[0], pages[1], name)


# --------------------------------------------------------------------------- discovery


@dataclass
class _Loaded:
    path: Path
    obj: Page | PagePair
    url: str | None = None
    alternates: dict[str, str] | None = None


@functools.lru_cache(maxsize=65536)
def _real(path: Path) -> Path:
    """Resolved path, cached: an export of thousands of files asks for each several times.

    ``Path.resolve``'s answer, with the folder resolved once for all its files
    (:func:`_real_folder`): resolving walks every component, an ``lstat`` each."""
    try:
        full = real_by_folder(str(path), _real_folder)
        if full is None:
            return path.resolve()
        try:
            os.stat(full)
        except OSError as exc:  # as Path.resolve does: a loop is an error, anything else is left to the reader
            if exc.errno == errno.ELOOP:
                raise RuntimeError(f"Symlink loop from {full!r}") from None
        return Path(full)
    except (RuntimeError, OSError) as exc:  # a symlink loop
        raise InputError(f"cannot follow this path ({'symlink loop' if isinstance(exc, RuntimeError) else exc})",
                         str(path)) from None


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """``os.path.realpath`` of a folder, cached like :func:`_real`."""
    return os.path.realpath(folder)


def real_by_folder(path: str, real_folder: Callable[[str], str]) -> str | None:
    """The resolved folder of ``path`` (``real_folder``, which callers cache) joined to its last
    component, or None where that component must be resolved in full (a symbolic link, '.', '..').

    An export's thousand files lie in a few folders: resolving walks every
    component of every path (an ``lstat`` each); this resolves a folder once and
    checks the last component alone, for the same answer.  An absent name is
    kept as it is, as ``realpath`` and ``Path.resolve`` keep it."""
    head, name = os.path.split(path)
    if name in ("", ".", ".."):
        return None
    full = os.path.join(real_folder(head), name)
    return None if os.path.islink(full) else full


def _check_inside(path: Path, root: Path, what: str, allow_outside: bool) -> None:
    """Export folders come from someone else: a path leaving the export root is refused (one line naming it)."""
    if allow_outside:
        return
    real, top = _real(path), _real(root)
    if real != top and top not in real.parents:
        raise InputError(
            f"{what} leads outside the export folder {top} (to {real}); "
            "pass --allow-outside-links to read it anyway",
            str(path),
        )


class ParsedPages(Protocol):
    """Parsed files kept between runs (``mt_review.incremental``), by :func:`parsed_key`."""

    def parsed(self, key: str) -> Any: ...

    def keep_parsed(self, key: str, path: Path, value: tuple[Any, str | None, dict[str, str] | None]) -> None: ...


def parsed_key(path: Path, digest: str, code: str) -> str:
    """What a parsed file depends on: the code that parses it, its path as given (a page names its
    file) and its bytes (``digest``: their sha256).  Refusals (size, encoding, empty) depend on the
    bytes and are never kept."""
    return hashlib.sha256(f"{code}\x1f{path}\x1f{digest}".encode("utf-8", "surrogateescape")).hexdigest()


class _Reader:
    def __init__(self, max_bytes: int, parsed: ParsedPages | None = None, code: str = ""):
        self.max_bytes = max_bytes
        self.cache: dict[Path, _Loaded] = {}
        self.parsed = parsed
        self.code = code

    def load(self, path: Path) -> _Loaded:
        key = _real(path)
        if key not in self.cache:
            if self.parsed is None:
                self.cache[key] = self._parse(path, read_bytes(path, self.max_bytes))
                return self.cache[key]
            # a file whose inode, size and change times match what an earlier run hashed is not
            # read again (``known_digest``: a store that keeps file digests), only its parse looked up
            known = getattr(self.parsed, "known_digest", None)
            digest = known(path, self.max_bytes) if known is not None else None
            if digest is not None:
                kept = self.parsed.parsed(parsed_key(path, digest, self.code))
                if isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[0], (Page, PagePair)):
                    self.cache[key] = _Loaded(path, *kept)
                    return self.cache[key]
            note = getattr(self.parsed, "note_digest", None)
            seen = note(path) if note is not None else None  # the file's stat, taken before it is read
            data = read_bytes(path, self.max_bytes)
            digest = hashlib.sha256(data).hexdigest()
            if seen is not None:
                seen(str(key), digest)
            kept_key = parsed_key(path, digest, self.code)
            kept = self.parsed.parsed(kept_key)
            if isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[0], (Page, PagePair)):
                self.cache[key] = _Loaded(path, *kept)
            else:
                loaded = self.cache[key] = self._parse(path, data)
                self.parsed.keep_parsed(kept_key, path, (loaded.obj, loaded.url, loaded.alternates))
        return self.cache[key]

    @staticmethod
    def _parse(path: Path, data: bytes) -> _Loaded:
        text, encoding = decode(data, path)
        if not text.strip():
            raise InputError("file is empty (only whitespace)", str(path))
        fmt = detect_format(path, data[:8192])
        if fmt == "html":
            from mt_review.ingest.html import parse_html_with_meta

            page, meta = parse_html_with_meta(text, path, encoding)
            return _Loaded(path, page, meta.url, meta.alternates)
        return _Loaded(path, parse_as(fmt, text, path, encoding))


def _expand(
    paths: Sequence[str | Path], allow_outside: bool = False
) -> tuple[list[Path], list[Path], list[Path]]:
    """-> (files, manifests, directories given), deterministic and de-duplicated."""
    files: list[Path] = []
    manifests: list[Path] = []
    dirs: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path, explicit: bool) -> None:
        key = _real(p)
        if key in seen:
            return
        seen.add(key)
        if p.name.lower() == MANIFEST_NAME:
            manifests.append(p)
        elif explicit or p.suffix.lower() in EXTENSIONS:
            files.append(p)

    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError("no such file or directory", str(raw))
        if p.is_dir():
            dirs.append(p)
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
                for fn in sorted(filenames):
                    if not fn.startswith("."):
                        found = Path(dirpath) / fn
                        if found.is_symlink():
                            _check_inside(found, p, "a symlink", allow_outside)
                        add(found, False)
        elif p.is_file():
            add(p, True)
        else:
            raise InputError("not a regular file or directory", str(raw))
    files.sort(key=lambda x: str(x))
    manifests.sort(key=lambda x: str(x))
    return files, manifests, dirs


def _read_manifest(
    manifest: Path, max_bytes: int, allow_outside: bool = False
) -> list[tuple[Path, Path, str | None, int]]:
    text, _ = decode(read_bytes(manifest, max_bytes), manifest)
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:  # a field over the size limit, a line break in an unquoted field
        raise InputError(f"malformed CSV: {exc}", str(manifest)) from None
    rows_n = [(i, r) for i, r in enumerate(rows, 1) if any(c.strip() for c in r)]
    if not rows_n:
        raise InputError("manifest is empty", str(manifest))
    header = [c.strip().lower() for c in rows_n[0][1]]
    try:
        si = header.index("source") if "source" in header else header.index("en")
        ti = header.index("target") if "target" in header else header.index("ar")
    except ValueError:
        raise InputError("manifest needs a header row with columns 'source,target'", str(manifest)) from None
    ni = header.index("name") if "name" in header else None
    out = []
    for lineno, row in rows_n[1:]:
        if len(row) <= max(si, ti) or not row[si].strip() or not row[ti].strip():
            raise InputError(f"line {lineno}: needs a source and a target path", str(manifest))
        src = manifest.parent / row[si].strip()
        tgt = manifest.parent / row[ti].strip()
        for p in (src, tgt):
            try:
                found = p.is_file()
            except (OSError, ValueError) as exc:  # a name too long, a NUL in it
                raise InputError(f"line {lineno}: cannot use the path {p}: {exc}", str(manifest)) from None
            if not found:
                raise InputError(f"line {lineno}: no such file {p}", str(manifest))
            _check_inside(p, manifest.parent, f"line {lineno}: manifest path {p}", allow_outside)
        name = row[ni].strip() if ni is not None and len(row) > ni and row[ni].strip() else None
        out.append((src, tgt, name, lineno))
    return out


def _norm_url(url: str | None) -> tuple[str, str, str] | None:
    """``(host without www, path with trailing slash, WPML ?lang= value)``."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. "http://[::1/p/": not a URL to pair by
        return None
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    lang = next((v.lower() for k, v in parse_qsl(parts.query) if k == "lang"), "")
    return host, path, lang


_AR_PREFIX = re.compile(r"^/ar(?:[-_][a-z]{2})?/", re.IGNORECASE)


def _strip_ar(key: tuple[str, str, str]) -> tuple[str, str, str] | None:
    """WPML language URLs: ``/ar/news/x/`` -> ``/news/x/``; ``/news/x/?lang=ar`` -> ``/news/x/``."""
    host, path, lang = key
    m = _AR_PREFIX.match(path)
    if m:
        return host, path[m.end() - 1:], lang
    if lang == "ar" or lang.startswith("ar-"):
        return host, path, ""
    return None


def find_pairs(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_outside: bool = False,
    root: str | Path | None = None,
    parsed: ParsedPages | None = None,
    code: str = "",
) -> tuple[list[PagePair], list[str]]:
    """Pair the pages found in ``paths`` (files and/or folders, searched recursively).

    ``parsed`` (with ``--state``) keeps each parsed file under :func:`parsed_key`
    (``code``: the digest of the parsing code), so a re-run reads every file
    but parses only the changed ones.

    Returns ``(pairs, unpaired_paths)``, both in a deterministic order.  Each
    pair is named by :func:`page_identity`: its place relative to ``root``
    (default: the inputs' common folder), whatever else is in the run.
    Raises :class:`InputError` when nothing pairs at all.
    """
    top = export_root(paths, root)
    _real.cache_clear()  # a path resolved in an earlier run may lead elsewhere now
    files, manifests, dirs = _expand(paths, allow_outside)
    reader = _Reader(max_bytes, parsed, code)
    pairs: list[PagePair] = []
    used: set[Path] = set()

    def take(src: Path, tgt: Path, name: str | None, anchor: Path | None = None) -> None:
        sides = []
        for p in (src, tgt):
            o = reader.load(p).obj
            if isinstance(o, PagePair):
                raise InputError(f"is a bilingual {o.source.format.upper()} file; it cannot be one side of a pair", str(p))
            sides.append(o)
        identity = page_identity(anchor if anchor is not None else src.parent, name or common_name(src, tgt), top)
        pairs.append(make_pair(sides[0], sides[1], identity))
        used.update({_real(src), _real(tgt)})

    # 1. manifests
    for m in manifests:
        for src, tgt, name, lineno in _read_manifest(m, max_bytes, allow_outside):
            if _real(src) in used or _real(tgt) in used:
                raise InputError(f"line {lineno}: {src.name} or {tgt.name} is already paired", str(m))
            take(src, tgt, name, m.parent)

    # 2. bilingual files; collect the monolingual pages
    mono: dict[Path, _Loaded] = {}
    for f in files:
        key = _real(f)
        if key in used:
            continue
        loaded = reader.load(f)
        if isinstance(loaded.obj, PagePair):
            pair = loaded.obj
            pairs.append(dataclasses.replace(pair, name=page_identity(loaded.path.parent, pair.name, top)))
            used.add(key)
        else:
            mono[key] = loaded

    def free(key: Path) -> bool:
        return key in mono and key not in used

    # 3. NAME.en.EXT <-> NAME.ar.EXT
    by_tag: dict[tuple[Path, str, str], dict[str, Path]] = {}
    for key, ld in mono.items():
        stem = ld.path.name[: -len(ld.path.suffix)] if ld.path.suffix else ld.path.name
        base, tag = strip_lang_suffix(stem)
        if tag:
            by_tag.setdefault((key.parent, base, ld.path.suffix.lower()), {}).setdefault(tag, key)
    for (_, base, _), tags in sorted(by_tag.items(), key=lambda kv: str(kv[0])):
        if "en" in tags and "ar" in tags and free(tags["en"]) and free(tags["ar"]):
            take(mono[tags["en"]].path, mono[tags["ar"]].path, base)

    # 4. en/REL <-> ar/REL
    for key in sorted(mono, key=str):
        if not free(key):
            continue
        parts = key.parts
        for i in range(len(parts) - 2, -1, -1):
            if parts[i].lower() == "en":
                ar_key = Path(*parts[:i], "AR" if parts[i] == "EN" else "ar", *parts[i + 1:])
                if free(ar_key):
                    rel = Path(*parts[i + 1:])
                    take(mono[key].path, mono[ar_key].path, rel.with_suffix("").as_posix(), Path(*parts[:i]))
                break

    # 5. HTML: hreflang alternates and WPML's /ar/ prefix
    by_url: dict[tuple[str, str, str], Path] = {}
    for key in sorted(mono, key=str):
        k = _norm_url(mono[key].url)
        if k and free(key):
            by_url.setdefault(k, key)
    for key in sorted(mono, key=str):
        alternates = mono[key].alternates
        if not free(key) or not alternates:
            continue
        for lang, href in sorted(alternates.items()):
            primary = lang.split("-")[0]
            if primary not in ("ar", "en"):
                continue
            url = _norm_url(href)
            twin = by_url.get(url) if url else None
            if twin is None or twin == key or not free(twin):
                continue
            en, ar = (key, twin) if primary == "ar" else (twin, key)
            take(mono[en].path, mono[ar].path, None)
            break
    for key in sorted(mono, key=str):
        if not free(key):
            continue
        k = _norm_url(mono[key].url)
        stripped = _strip_ar(k) if k else None
        twin = by_url.get(stripped) if stripped else None
        if twin is not None and twin != key and free(twin):
            take(mono[twin].path, mono[key].path, None)

    unpaired = sorted(str(mono[k].path) for k in mono if k not in used)
    if not pairs:
        where = ", ".join(str(d) for d in dirs) or ", ".join(str(p) for p in paths)
        raise InputError(f"no English/Arabic page pairs found in {where}")
    pairs.sort(key=lambda p: (p.source.path, p.target.path))
    return _distinct(pairs), unpaired


def _distinct(pairs: list[PagePair]) -> list[PagePair]:
    """Two pairs with one identity (``a.en.txt`` and ``a.en.html`` twins in one folder): ``-2``, ``-3`` ..."""
    out: list[PagePair] = []
    taken: set[str] = set()
    for p in pairs:
        name, n = p.name, 2
        while name in taken:
            name, n = f"{p.name}-{n}", n + 1
        taken.add(name)
        out.append(p if name == p.name else dataclasses.replace(p, name=name))
    return out
