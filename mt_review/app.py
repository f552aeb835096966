"""The application layer: one run, exactly as the CLI does it, callable from Python.

    review (pipeline.review_paths) -> set aside baselined / decided findings
    -> gate -> plan every output -> write them all at once

``run_review`` is that line; the CLI only turns flags into
:class:`~mt_review.config.ReviewSettings` and :class:`~mt_review.config.RunOptions`
and prints what comes back.  ``plan_outputs`` is the one place that decides
which files a run writes (reports and marked XLIFF copies); ``write_outputs``
writes them as one all-or-nothing set.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from mt_review.config import ReviewSettings, RunOptions
from mt_review.errors import InputError
from mt_review.gate import GateResult, evaluate
from mt_review.model import RunReport

__all__ = [
    "OutputPlan",
    "ReviewOutcome",
    "default_out_dir",
    "plan_outputs",
    "review",
    "run_review",
    "set_aside",
    "write_outputs",
]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class OutputPlan:
    """Every file a run writes, rendered in memory: reports and marked XLIFF copies."""

    files: Mapping[Path, bytes] = field(default_factory=dict)
    remove: tuple[Path, ...] = ()  # stale files of an earlier run (e-mail drafts) removed in the same set
    xliff_marked: Mapping[Path, int] = field(default_factory=dict)  # marked copy -> units marked


@dataclass(frozen=True)
class ReviewOutcome:
    """What a run produced: the report (set-aside findings in ``run.baselined``), the gate, the files."""

    run: RunReport
    gate: GateResult
    written: tuple[Path, ...] = ()
    xliff_marked: Mapping[Path, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return self.gate.exit_code


def review(
    paths: Sequence[Path],
    settings: ReviewSettings,
    options: RunOptions = RunOptions(),
    *,
    resources: Any = None,
    progress: Progress | None = None,
    model_progress: Progress | None = None,
) -> RunReport:
    """Review ``paths`` and set aside what the options' baseline and decisions ignore."""
    from mt_review.pipeline import review_paths

    ignored = ignored_fingerprints(options)  # read first: a bad file fails before any model loads
    run = review_paths(
        paths, settings, options, resources=resources, progress=progress, model_progress=model_progress
    )
    return set_aside(run, ignored)


def ignored_fingerprints(options: RunOptions) -> frozenset[str]:
    """Fingerprints of the options' baseline entries and accepted decisions."""
    if not options.baseline and not options.decisions:
        return frozenset()
    from mt_review.baseline import load_ignored

    return load_ignored(options.baseline, options.decisions)


def set_aside(run: RunReport, ignored: frozenset[str]) -> RunReport:
    """Move the findings whose fingerprints are ``ignored`` out of the pages into ``run.baselined``."""
    if not ignored:
        return run
    from mt_review.baseline import split_findings, without_ignored

    _new, old = split_findings(run, ignored)
    kept = without_ignored(run, ignored)
    return dataclasses.replace(kept, baselined=tuple((page.pair.name, f) for page, f in old))


def default_out_dir(paths: Sequence[Path], run: RunReport) -> Path:
    """``reports/<name>``: one safe path component, never '..' or absolute."""
    if len(run.pages) == 1 and not (len(paths) == 1 and Path(paths[0]).is_dir()):
        name = run.pages[0].pair.name
    else:
        first = Path(paths[0])
        name = first.resolve().name if first.is_dir() else first.stem
    return Path("reports") / (re.sub(r"[^\w.-]+", "-", name).strip(".-") or "review")


def _xliff_copies(run: RunReport, target: Path) -> dict[Path, tuple[Path, Any]]:
    """{where the marked copy goes: (the input XLIFF, its page review)}."""
    pages = [p for p in run.pages if p.pair.target.format == "xliff" and p.pair.target.path]
    if not pages:
        raise InputError("--write-xliff needs XLIFF input")
    if len(pages) == 1 and not target.is_dir():
        return {target: (Path(pages[0].pair.target.path), pages[0])}
    plan: dict[Path, tuple[Path, Any]] = {}
    taken: set[str] = set()
    for page in pages:
        src = Path(page.pair.target.path)
        name = src.name if src.name not in taken else f"{src.parent.name}-{src.name}"
        base, k = name, 2
        while name in taken:
            name, k = f"{k}-{base}", k + 1
        taken.add(name)
        plan[target / name] = (src, page)
    return plan


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))


def plan_outputs(
    run: RunReport,
    gate: GateResult,
    options: RunOptions,
    out_dir: Path,
    inputs: Sequence[Path] = (),
) -> OutputPlan:
    """Render every output of the run in memory; nothing is written here.

    Refuses (``InputError``) an output that would replace one of the inputs.
    """
    from mt_review.report import render_reports, stale_drafts

    files: dict[Path, bytes] = {}
    rendered = render_reports(run, options.formats, gate=gate, email_to=options.email_to)
    files.update({out_dir / name: data for name, data in rendered.items()})
    remove = [out_dir / n for n in stale_drafts(out_dir, rendered)] if "email" in options.formats else []
    marked: dict[Path, int] = {}
    if options.write_xliff:
        from mt_review.xliff_writeback import read_xliff_bytes, writeback_bytes

        for dest, (src, page) in _xliff_copies(run, Path(options.write_xliff)).items():
            if _same_file(dest, src):
                raise InputError("refusing to overwrite the input XLIFF; write to another file or folder", str(dest))
            data, marked[dest] = writeback_bytes(read_xliff_bytes(src), page, str(src))
            files[dest] = data
    for path in files:
        if path.is_dir():
            raise InputError("is a folder; cannot write a file there", str(path))
        if any(_same_file(path, Path(p)) for p in inputs if Path(p).is_file()):
            raise InputError("is one of the inputs; refusing to overwrite it", str(path))
    return OutputPlan(files=files, remove=tuple(remove), xliff_marked=marked)


def write_outputs(plan: OutputPlan) -> list[Path]:
    """Write the plan's files all or nothing; ``InputError`` when the file system refuses."""
    from mt_review.atomic import write_paths

    if not plan.files and not plan.remove:
        return []
    try:
        return write_paths(plan.files, remove=plan.remove)
    except OSError as exc:  # e.g. no permission, disk full: nothing was left half-written
        where = exc.filename if isinstance(exc.filename, str) else None
        raise InputError(f"cannot write the outputs: {exc.strerror or exc}", where) from None


def run_review(
    paths: Sequence[Path],
    settings: ReviewSettings,
    options: RunOptions = RunOptions(),
    *,
    resources: Any = None,
    progress: Progress | None = None,
    model_progress: Progress | None = None,
    console: Any = None,
) -> ReviewOutcome:
    """Review, set aside, gate, and write every output; what ``mt-review review`` does.

    The ``terminal`` format is printed to ``console`` (a rich Console) after
    the files are in place, and skipped when no console is given.
    """
    paths = [Path(p) for p in paths]
    if options.out is not None and Path(options.out).exists() and not Path(options.out).is_dir():
        raise InputError("the report folder must be a folder, and this is a file", options.out)
    run = review(paths, settings, options, resources=resources, progress=progress, model_progress=model_progress)
    gate = evaluate(run, options)
    out_dir = Path(options.out) if options.out else default_out_dir(paths, run)
    plan = plan_outputs(run, gate, options, out_dir, paths)
    written = write_outputs(plan)
    if "terminal" in options.formats and console is not None:
        from mt_review.report import terminal
        from mt_review.report.common import ReportContext

        terminal.render(ReportContext(run=run, gate=gate, email_to=options.email_to, console=console))
    return ReviewOutcome(run=run, gate=gate, written=tuple(written), xliff_marked=plan.xliff_marked)
