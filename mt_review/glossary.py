"""The project glossary: approved and forbidden Arabic renderings of English terms.

CSV columns ``en,ar,forbidden,keep_latin,notes``::

    en            the English term; "term (ACR)" also declares the acronym ACR
    ar            approved Arabic renderings, separated by "|"; inflections of one
                  rendering are separated by "/" ("مركز/مراكز"): they count as
                  the same rendering for in-page consistency
    forbidden     renderings that must not be used, separated by "|" (and "/")
    keep_latin    yes       the term may stay in Latin script (brand names)
                  no        it must be translated (default)
                  expanded  the acronym may stay in Latin only next to its
                            Arabic rendering: "المعهد الدولي ... (IIJ)"
    notes         free text for editors

Blank lines and lines starting with ``#`` are ignored.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from mt_review.errors import InputError

COLUMNS = ("en", "ar", "forbidden", "keep_latin", "notes")
KEEP_VALUES = {"yes": "yes", "no": "no", "": "no", "expanded": "expanded", "true": "yes", "false": "no"}
_ACR_IN_PARENS = re.compile(r"^(?P<term>.*?)\s*\((?P<acr>[A-Za-z][A-Za-z0-9&.-]*)\)\s*$")


@dataclass(frozen=True)
class GlossaryEntry:
    en: str  # as written in the CSV
    term: str  # the English term without "(ACR)"
    acronym: str | None
    ar: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    keep_latin: str = "no"  # "yes" | "no" | "expanded"
    notes: str = ""
    line: int = 0

    def variants(self, rendering: str) -> tuple[str, ...]:
        """The inflected forms of one rendering ("مركز/مراكز" -> ("مركز", "مراكز"))."""
        return tuple(v.strip() for v in rendering.split("/") if v.strip())

    @property
    def forbidden_forms(self) -> tuple[str, ...]:
        return tuple(v for f in self.forbidden for v in self.variants(f))

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return tuple(f for f in (self.term, self.acronym) if f)


def _term_regex(form: str) -> re.Pattern[str]:
    is_acronym = " " not in form and sum(c.isupper() for c in form) >= 2
    words = re.split(r"[\s-]+", form.strip())
    body = r"[\s-]+".join(re.escape(w) for w in words)
    if is_acronym:
        return re.compile(rf"(?<![\w]){body}s?(?![\w])")
    return re.compile(rf"(?<![\w]){body}(?:s|es)?(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    path: str | None = None
    # (surface form, entry, its regex), longest form first; derived from ``entries``
    _forms: tuple[tuple[str, GlossaryEntry, re.Pattern[str]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        forms = []
        for e in self.entries:
            for f in e.surface_forms:
                forms.append((f, e, _term_regex(f)))
        forms.sort(key=lambda t: -len(t[0]))
        object.__setattr__(self, "_forms", tuple(forms))

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, en: str) -> GlossaryEntry | None:
        key = en.strip().lower()
        for e in self.entries:
            if key in (f.lower() for f in e.surface_forms) or key == e.en.lower():
                return e
        return None

    def find_source_terms(self, text: str) -> list[tuple[GlossaryEntry, int, int]]:
        """Glossary terms in an English text, longest first, without overlaps, in text order."""
        taken: list[tuple[int, int]] = []
        hits = []
        for _form, entry, rx in self._forms:
            for m in rx.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                hits.append((entry, m.start(), m.end()))
        return sorted(hits, key=lambda h: h[1])

    def latin_entry(self, text: str) -> GlossaryEntry | None:
        """The entry whose English term or acronym *is* this Latin-script text (plural s allowed)."""
        t = " ".join(text.replace("-", " ").split()).strip(" .,:;")
        for _form, entry, rx in self._forms:
            m = rx.fullmatch(t)
            if m:
                return entry
        return None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def parse_glossary(text: str, path: str | None = None) -> Glossary:
    lines = text.splitlines()
    rows = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")]
    if not rows:
        raise InputError("glossary is empty", path)
    header_line, header = rows[0]
    try:
        cols = [c.strip().lower() for c in next(csv.reader([header]))]
    except csv.Error as exc:
        raise InputError(f"line {header_line}: malformed CSV ({exc})", path) from None
    missing = [c for c in ("en", "ar") if c not in cols]
    if missing:
        raise InputError(f"line {header_line}: glossary header lacks column(s) {', '.join(missing)} "
                         f"(expected {','.join(COLUMNS)})", path)
    entries: list[GlossaryEntry] = []
    seen: dict[str, int] = {}
    for lineno, raw in rows[1:]:
        try:
            cells = next(csv.reader(io.StringIO(raw)))
        except csv.Error as exc:
            raise InputError(f"line {lineno}: malformed CSV ({exc})", path) from None
        if len(cells) > len(cols):
            raise InputError(f"line {lineno}: {len(cells)} fields, header has {len(cols)}", path)
        row = dict(zip(cols, cells + [""] * (len(cols) - len(cells)), strict=True))
        en = row.get("en", "").strip()
        if not en:
            raise InputError(f"line {lineno}: empty 'en' term", path)
        keep = row.get("keep_latin", "").strip().lower()
        if keep not in KEEP_VALUES:
            raise InputError(f"line {lineno}: keep_latin must be yes, no or expanded, not {keep!r}", path)
        keep = KEEP_VALUES[keep]
        ar = _split(row.get("ar", ""))
        if not ar and keep != "yes":
            raise InputError(f"line {lineno}: term {en!r} has no Arabic rendering and is not keep_latin=yes", path)
        if en.lower() in seen:
            raise InputError(f"line {lineno}: term {en!r} already defined on line {seen[en.lower()]}", path)
        seen[en.lower()] = lineno
        m = _ACR_IN_PARENS.match(en)
        term, acr = en, None
        if m:
            term, acr = m.group("term").strip(), m.group("acr")
            if not term:  # "(ACR)" alone: the acronym is the term
                term, acr = acr, None
        entries.append(GlossaryEntry(en=en, term=term, acronym=acr, ar=ar, forbidden=_split(row.get("forbidden", "")),
                                     keep_latin=keep, notes=row.get("notes", "").strip(), line=lineno))
    return Glossary(tuple(entries), path)


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary CSV; :class:`InputError` names the file and line of any problem."""
    p = Path(path)
    if not p.is_file():
        raise InputError("glossary file not found", str(path))
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"glossary is not UTF-8 ({exc.reason} at byte {exc.start})", str(path)) from None
    return parse_glossary(text, str(path))
