"""Site-wide patterns: one defect that repeats on many pages, reported once.

A reading-time widget that says "0 minutes" on every Arabic news page, or a
forbidden rendering the plugin's memory puts on every page, is one fix for
the site's editors, not fourteen.  :func:`site_patterns` groups the run's
page findings whose *evidence* is the same (same check, same furniture kind
or MQM category, same English and Arabic evidence text; for furniture, the
same Arabic text, since the English reading time varies from article to
article) when they occur on at least ``MIN_PAGES`` pages.

It is a function of the run: nothing is stored, and the page findings stay
where they are (the score and the gate still see them); reports add a
site-level section, and the e-mail draft mentions each pattern once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from mt_review.model import Finding, PageReview, RunReport, Severity

MIN_PAGES = 3  # a finding on this many pages with the same evidence is a site-wide pattern

_DIGIT_MAP = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")} | {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}


@dataclass(frozen=True)
class SitePattern:
    """One finding repeated on several pages with the same evidence."""

    check: str
    category: str
    severity: Severity  # the worst severity among its occurrences
    where: str  # "furniture: reading_time" or "content"
    source_text: str  # the shared English evidence ("" when it varies or is absent)
    target_text: str  # the shared Arabic evidence
    message: str  # one sentence for the site's editors
    pages: tuple[str, ...]  # page names, sorted
    findings: tuple[tuple[str, Finding], ...]  # (page name, finding), in page order

    @property
    def key(self) -> str:
        """A stable id for the pattern (its evidence, not its pages)."""
        return f"{self.check}|{self.category}|{self.where}|{self.source_text}|{self.target_text}"


def _norm(text: str | None) -> str:
    t = unicodedata.normalize("NFC", text or "").translate(_DIGIT_MAP)
    return re.sub(r"\s+", " ", t).strip()


def _occurrences(run: RunReport):
    """(key, page name, finding, Arabic text to show) for every finding of the run."""
    for page in run.pages:
        yield from page_occurrences(page)


def page_occurrences(page: PageReview):
    """:func:`_occurrences` of one page (a pass over the pages that does more can gather them:
    ``mt_review.report.common``)."""
    name = page.pair.name
    for seg in page.segments:
        for f in seg.findings:
            src, tgt = _norm(f.src_span.text if f.src_span else ""), _norm(f.tgt_span.text if f.tgt_span else "")
            if src or tgt:
                yield (f.check, f.category, "content", src, tgt), name, f, tgt
    for fr in page.furniture:
        for f in fr.findings:
            tgt = _norm(f.tgt_span.text if f.tgt_span else (fr.target.text if fr.target else ""))
            if tgt:
                shown = _norm(fr.target.text) if fr.target else tgt
                yield (f.check, f.category, f"furniture: {fr.kind.value}", "", tgt), name, f, shown


def _message(check: str, where: str, src: str, shown: str, n_pages: int, first: Finding) -> str:
    if where.startswith("furniture"):
        kind = where.split(": ", 1)[1].replace("_", " ")
        return f"{n_pages} Arabic pages show the same {kind} “{shown}”: {first.message}"
    evidence = " → ".join(x for x in (f"“{src}”" if src else "", f"“{shown}”" if shown else "") if x)
    return f"The same {check} finding {evidence} on {n_pages} pages: {first.message}"


def site_patterns(run: RunReport, min_pages: int = MIN_PAGES) -> tuple[SitePattern, ...]:
    """The run's findings that repeat with the same evidence on ``min_pages`` or more
    pages, worst first, then by how many pages, then by evidence."""
    return patterns_of(_occurrences(run), min_pages)


def patterns_of(occurrences, min_pages: int = MIN_PAGES) -> tuple[SitePattern, ...]:
    """:func:`site_patterns` from the run's occurrences (:func:`page_occurrences`, page after page)."""
    groups: dict[tuple[str, str, str, str, str], list[tuple[str, Finding]]] = {}
    shown: dict[tuple[str, str, str, str, str], str] = {}
    for key, name, f, text in occurrences:
        groups.setdefault(key, []).append((name, f))
        shown.setdefault(key, text)
    out = []
    for key, items in groups.items():
        check, category, where, src, tgt = key
        pages = tuple(sorted({name for name, _ in items}))
        if len(pages) < max(min_pages, 2):
            continue
        worst = max((f.severity for _, f in items), key=lambda s: s.rank)
        out.append(SitePattern(
            check=check, category=category, severity=worst, where=where, source_text=src, target_text=tgt,
            message=_message(check, where, src, shown[key], len(pages), items[0][1]),
            pages=pages, findings=tuple(items),
        ))
    out.sort(key=lambda p: (-p.severity.rank, -len(p.pages), p.key))
    return tuple(out)


def in_pattern(patterns: tuple[SitePattern, ...], page_name: str, finding: Finding) -> SitePattern | None:
    """The site pattern a page's finding belongs to, if any."""
    for p in patterns:
        if any(name == page_name and f is finding for name, f in p.findings):
            return p
    return None
