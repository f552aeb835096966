"""Baselines and editors' decisions: findings a team has already seen.

A *baseline* is a JSON file listing the findings of a reviewed export, so a
later run (in CI, say) fails only on what is new::

    {"version": 1, "root": "exports", "entries": [
      {"fingerprint": "...", "page": "about", "check": "numbers",
       "source": "250", "target": "25", "message": "..."}]}

``root`` is the export root the page names were taken relative to, written
relative to the baseline file's folder.  A later review that uses the
baseline without ``--root``, on inputs inside that folder, names its pages
from it, so a baseline made over ``exports/`` holds for ``exports/news/``.

Entries are keyed by :func:`~mt_review.fingerprint.finding_fingerprint`, which
depends on the page, the check, the source text of the finding's segment and
the evidence text only (no block numbers or offsets), so an unrelated edit
elsewhere on the page leaves them valid, while the same evidence ("5", " ،")
in two different sentences gives two entries.  The file is sorted (page,
check, fingerprint) and written atomically, so it diffs cleanly in review.

A *decisions* file is kept by editors: one row per finding they looked at.
CSV (``fingerprint,decision,reviewer,note`` with a header row; ``#`` lines are
comments) or TOML (``[[decision]]`` tables with the same keys).  Findings
whose decision is ``accepted`` (or ``false-positive``) are ignored like
baselined ones; ``rejected``/``open``/``todo`` rows are kept for the record
and ignore nothing.

``load_ignored`` merges both into the frozenset of fingerprints that
:func:`mt_review.gate.evaluate` takes as ``ignored``.
"""

from __future__ import annotations

import csv
import os
import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from mt_review.errors import InputError
from mt_review.fingerprint import finding_fingerprint
from mt_review.model import Finding, PageReview, RunReport, SegmentReview

__all__ = [
    "BASELINE_VERSION",
    "Decision",
    "baseline_entries",
    "create_baseline",
    "load_baseline",
    "load_decisions",
    "load_ignored",
    "prune_baseline",
    "split_findings",
    "without_ignored",
]

BASELINE_VERSION = 1
IGNORING_DECISIONS = frozenset({"accepted", "false-positive"})
KNOWN_DECISIONS = IGNORING_DECISIONS | {"rejected", "open", "todo", "fixed"}
_FP = re.compile(r"^[0-9a-f]{16,64}$")


# --------------------------------------------------------------------------- baseline


def _iter_findings(run: RunReport) -> Iterator[tuple[PageReview, Finding]]:
    for page in run.pages:
        for finding in page.findings:
            yield page, finding


def _entry(page: PageReview, finding: Finding) -> dict[str, str]:
    return {
        "fingerprint": finding_fingerprint(page, finding),
        "page": page.pair.name,
        "check": finding.check,
        "source": finding.src_span.text if finding.src_span else "",
        "target": finding.tgt_span.text if finding.tgt_span else "",
        "message": finding.message,
    }


def _sorted(entries: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    unique: dict[str, dict[str, str]] = {}
    for e in entries:
        unique.setdefault(e["fingerprint"], e)
    return sorted(unique.values(), key=lambda e: (e["page"], e["check"], e["fingerprint"]))


def baseline_entries(run: RunReport) -> list[dict[str, str]]:
    """One entry per distinct finding fingerprint in ``run``, sorted."""
    return _sorted(_entry(p, f) for p, f in _iter_findings(run))


def _dump(entries: list[dict[str, str]], root: str | None = None) -> str:
    head: dict[str, object] = {"version": BASELINE_VERSION}
    if root is not None:
        head["root"] = root
    return json.dumps({**head, "entries": entries}, ensure_ascii=False, indent=2) + "\n"


def _root_entry(root: str | Path | None, path: Path) -> str | None:
    """``root`` relative to the baseline file's folder (POSIX), so the pair can move together."""
    if root is None:
        return None
    folder = os.path.realpath(path.parent)
    return Path(os.path.relpath(os.path.realpath(root), folder)).as_posix()


def create_baseline(run: RunReport, path: str | Path, *, root: str | Path | None = None) -> int:
    """Write every finding of ``run`` to the baseline file ``path``; return the number of entries.

    ``root`` is the export root the run's page names are relative to; it is
    recorded so a review of a sub-folder can name its pages the same way.
    """
    from mt_review.atomic import atomic_write_text

    entries = baseline_entries(run)
    atomic_write_text(path, _dump(entries, _root_entry(root, Path(path))))
    return len(entries)


def _recorded_root(path: Path) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None  # load_baseline reports what is wrong with the file
    root = data.get("root") if isinstance(data, dict) else None
    return root if isinstance(root, str) and root else None


def baseline_root(path: str | Path) -> Path | None:
    """The export root recorded in the baseline file ``path`` (absolute), or None when it names none."""
    root = _recorded_root(Path(path))
    return None if root is None else Path(os.path.realpath(Path(path).parent / root))


def load_baseline(path: str | Path) -> list[dict[str, str]]:
    """The entries of a baseline file; :class:`InputError` when it is missing or not a baseline."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError("baseline file not found (create one with 'mt-review baseline create')", str(p)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a readable baseline file: {exc}", str(p)) from None
    except (ValueError, RecursionError):  # nested too deeply, an integer of thousands of digits
        raise InputError("not a readable baseline file: nested too deeply or a number too long", str(p)) from None
    if not isinstance(data, dict) or "entries" not in data:
        raise InputError("not a baseline file (no 'entries')", str(p))
    if data.get("version") != BASELINE_VERSION:
        raise InputError(f"unsupported baseline version {data.get('version')!r} (expected {BASELINE_VERSION})", str(p))
    entries = data["entries"]
    if not isinstance(entries, list):
        raise InputError("'entries' must be a list", str(p))
    out = []
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str) or not e["fingerprint"]:
            raise InputError(f"entry {i + 1} has no fingerprint", str(p))
        out.append({k: str(e.get(k, "")) for k in ("fingerprint", "page", "check", "source", "target", "message")})
    return out


def prune_baseline(run: RunReport, path: str | Path, *, reviewed_pages_only: bool = True) -> int:
    """Drop baseline entries that no longer occur in ``run``; return how many were dropped.

    With ``reviewed_pages_only`` (the default) entries of pages that ``run``
    did not review are kept: a run over part of an export cannot tell whether
    they still occur.
    """
    from mt_review.atomic import atomic_write_text

    entries = load_baseline(path)
    current = {finding_fingerprint(p, f) for p, f in _iter_findings(run)}
    reviewed = {p.pair.name for p in run.pages}
    kept = [
        e for e in entries if e["fingerprint"] in current or (reviewed_pages_only and e["page"] not in reviewed)
    ]
    dropped = len(entries) - len(kept)
    if dropped:
        atomic_write_text(path, _dump(_sorted(kept), _recorded_root(Path(path))))
    return dropped


# --------------------------------------------------------------------------- decisions


@dataclasses.dataclass(frozen=True)
class Decision:
    fingerprint: str
    decision: str
    reviewer: str = ""
    note: str = ""

    @property
    def ignores(self) -> bool:
        return self.decision in IGNORING_DECISIONS


def _decision(row: Mapping[str, object], where: str) -> Decision:
    fp = str(row.get("fingerprint") or "").strip().lower()
    decision = str(row.get("decision") or "").strip().lower().replace("_", "-").replace(" ", "-")
    if not _FP.match(fp):
        raise InputError(f"{where}: fingerprint must be the hex fingerprint from a report, not {fp!r}")
    if decision not in KNOWN_DECISIONS:
        raise InputError(f"{where}: decision must be one of {', '.join(sorted(KNOWN_DECISIONS))}, not {decision!r}")
    return Decision(fp, decision, str(row.get("reviewer") or "").strip(), str(row.get("note") or "").strip())


def load_decisions(path: str | Path) -> list[Decision]:
    """Read an editors' decisions file (``.toml``, else CSV)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")  # Excel writes a BOM
    except FileNotFoundError:
        raise InputError("decisions file not found", str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read decisions file: {exc}", str(p)) from None
    out: list[Decision] = []
    if p.suffix.lower() == ".toml":
        from mt_review.config import load_toml

        data = load_toml(raw, str(p))
        rows = data.get("decision", data.get("decisions", []))
        if not isinstance(rows, list):
            raise InputError("expected [[decision]] tables", str(p))
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise InputError(f"decision {i + 1} is not a table", str(p))
            out.append(_decision(row, f"{p}: decision {i + 1}"))
        return out
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return out
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    try:
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
        if "fingerprint" not in fields or "decision" not in fields:
            raise InputError("CSV needs a header row with at least 'fingerprint,decision'", str(p))
        for n, row in enumerate(reader, start=2):
            clean = {(k or "").strip().lower(): (v or "") for k, v in row.items() if isinstance(v, str)}
            out.append(_decision(clean, f"{p}: row {n}"))
    except csv.Error as exc:  # a field over the size limit, a stray quote
        raise InputError(f"malformed CSV: {exc}", str(p)) from None
    return out


# --------------------------------------------------------------------------- using them


def load_ignored(baseline_path: str | Path | None, decisions_path: str | Path | None) -> frozenset[str]:
    """Fingerprints to ignore: every baseline entry plus every accepted decision."""
    ignored: set[str] = set()
    if baseline_path:
        ignored.update(e["fingerprint"] for e in load_baseline(baseline_path))
    if decisions_path:
        ignored.update(d.fingerprint for d in load_decisions(decisions_path) if d.ignores)
    return frozenset(ignored)


def split_findings(
    run: RunReport, ignored: frozenset[str]
) -> tuple[list[tuple[PageReview, Finding]], list[tuple[PageReview, Finding]]]:
    """(new, baselined): every finding of ``run`` with its page, in report order."""
    new: list[tuple[PageReview, Finding]] = []
    old: list[tuple[PageReview, Finding]] = []
    for page, finding in _iter_findings(run):
        (old if finding_fingerprint(page, finding) in ignored else new).append((page, finding))
    return new, old


def without_ignored(run: RunReport, ignored: frozenset[str]) -> RunReport:
    """``run`` with the ignored findings taken out of its segments and site furniture.

    A segment's risk, severity and driver and a page's score are derived from
    the findings they hold (:class:`~mt_review.model.SegmentReview`), so a
    segment whose findings were all baselined no longer counts as flagged
    unless a signal alone flags it, and the page score rises accordingly.
    """
    if not ignored:
        return run
    pages = []
    for page in run.pages:
        keep = lambda f, page=page: finding_fingerprint(page, f) not in ignored  # noqa: E731
        segments = tuple(_kept(s, tuple(filter(keep, s.findings))) for s in page.segments)
        furniture = tuple(dataclasses.replace(fr, findings=tuple(filter(keep, fr.findings))) for fr in page.furniture)
        pages.append(dataclasses.replace(page, segments=segments, furniture=furniture))
    return dataclasses.replace(run, pages=tuple(pages))


def _kept(seg: SegmentReview, kept: tuple[Finding, ...]) -> SegmentReview:
    return seg if len(kept) == len(seg.findings) else dataclasses.replace(seg, findings=kept)
