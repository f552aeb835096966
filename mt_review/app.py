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
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

from mt_review.config import ReviewSettings, RunOptions
from mt_review.errors import InputError
from mt_review.gate import GateResult, evaluate
from mt_review.model import RunReport
from mt_review.output_guard import Reads

if TYPE_CHECKING:  # pragma: no cover
    from mt_review.atomic import Content

__all__ = [
    "OutputPlan",
    "ReviewOutcome",
    "create_baseline_file",
    "default_out_dir",
    "prune_baseline_file",
    "reads_of",
    "plan_outputs",
    "review",
    "run_review",
    "set_aside",
    "write_outputs",
]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class OutputPlan:
    """Every file a run writes: the report set and the marked XLIFF copies."""

    out_dir: Path
    reports: Mapping[str, Content] = field(default_factory=dict)  # file name in out_dir -> bytes (or their writer)
    remove: tuple[str, ...] = ()  # stale files of an earlier run (e-mail drafts) removed with the set
    xliff: Mapping[Path, bytes] = field(default_factory=dict)  # marked copy -> bytes
    xliff_marked: Mapping[Path, int] = field(default_factory=dict)  # marked copy -> units marked
    xliff_unmarked: Mapping[Path, int] = field(default_factory=dict)  # marked copy -> flagged units not marked

    @property
    def paths(self) -> list[Path]:
        """Every path the plan writes or removes."""
        return [*(self.out_dir / n for n in (*self.reports, *self.remove)), *self.xliff]


@dataclass(frozen=True)
class ReviewOutcome:
    """What a run produced: the report (set-aside findings in ``run.baselined``), the gate, the files."""

    run: RunReport
    gate: GateResult
    written: tuple[Path, ...] = ()
    xliff_marked: Mapping[Path, int] = field(default_factory=dict)
    xliff_unmarked: Mapping[Path, int] = field(default_factory=dict)

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
    state: Any = None,
) -> RunReport:
    """Review ``paths`` and set aside what the options' baseline and decisions ignore
    (``state``: the open state file, see :func:`mt_review.pipeline.review_paths`)."""
    from mt_review.pipeline import review_paths

    ignored = ignored_fingerprints(options)  # read first: a bad file fails before any model loads
    options = with_baseline_root(paths, options, options.baseline)
    run = review_paths(
        paths, settings, options, resources=resources, progress=progress, model_progress=model_progress,
        state=state,
    )
    return set_aside(run, ignored)


def with_baseline_root(paths: Sequence[Path], options: RunOptions, baseline: str | Path | None) -> RunOptions:
    """Without ``root``, the export root a baseline was made over names the pages, when the inputs lie inside it.

    So ``baseline create exports/`` followed by ``review exports/news/
    --baseline ...`` names ``news/page`` as the whole-export run did, and the
    fingerprints match.  A root given by flag or config always wins.
    """
    if options.root is not None or not baseline:
        return options
    from mt_review.baseline import baseline_root

    root = baseline_root(baseline)
    inputs = [Path(os.path.realpath(p)) for p in paths if str(p) != "-"]
    if root is None or not inputs or not all(p == root or root in p.parents for p in inputs):
        return options
    return dataclasses.replace(options, root=str(root))


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
    from mt_review.spool import PageSpool

    if not isinstance(run.pages, PageSpool):
        _new, old = split_findings(run, ignored)
        kept = without_ignored(run, ignored)
        return dataclasses.replace(kept, baselined=tuple((page.pair.name, f) for page, f in old))
    pages = PageSpool()  # page by page: the reviews stay on disk
    baselined: list[tuple[str, Any]] = []
    for page in run.pages:
        one = dataclasses.replace(run, pages=(page,))
        baselined += [(page.pair.name, f) for _page, f in split_findings(one, ignored)[1]]
        pages.append(without_ignored(one, ignored).pages[0])
    return dataclasses.replace(run, pages=pages, baselined=tuple(baselined))


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


def page_paths(pages: Sequence[Any]) -> list[tuple[str | None, str | None]]:
    """Each page's (source path, target path): from a spool without reading the pages back."""
    kept = getattr(pages, "paths", None)
    if kept is not None:
        return list(kept)
    return [(page.pair.source.path, page.pair.target.path) for page in pages]


def reads_of(
    paths: Sequence[Path],
    run: RunReport | None,
    settings: ReviewSettings,
    options: RunOptions,
    config_file: str | None = None,
) -> Reads:
    """Everything a run reads, for :func:`mt_review.output_guard.check_outputs`."""
    from mt_review.translate.cache import default_cache_path

    items: list[tuple[str, Any]] = [("input", p) for p in paths]
    if run is not None:
        items += [("input", p) for pair_paths in page_paths(run.pages) for p in pair_paths]
        items += [("input", p) for p in run.unpaired]
    items += [
        ("glossary", settings.glossary),
        ("baseline", options.baseline),
        ("decisions", options.decisions),
        ("configuration", config_file),
        ("cache", options.cache or default_cache_path()),
        ("state", options.state),
    ]
    return Reads.of(items)


def plan_outputs(
    run: RunReport,
    gate: GateResult,
    options: RunOptions,
    out_dir: Path,
    reads: Reads | None = None,
    base_dir: Path | None = None,
    *,
    config_file: str | None = None,
    glossary: str | None = None,
    fragments: Any = None,
    stream: bool = False,
) -> OutputPlan:
    """Render every output of the run in memory; nothing is written here.

    With ``stream`` the JSON, Markdown and HTML reports are not rendered here
    but planned as writers that :func:`write_outputs` streams into the staged
    files a page at a time (memory bounded by the largest page).

    Every planned path (and the report folder) is checked against what the
    run reads (``reads``, see :func:`reads_of`): ``InputError`` when one would
    replace an input, the glossary, a cache ..., or two land on one file.
    Paths in the reports are relative to ``base_dir`` (the export root), so
    they do not depend on the working directory.  ``fragments``
    (:class:`mt_review.report.fragments.PageFragments`) supplies the pages an
    earlier run rendered.
    """
    from mt_review.output_guard import check_output_folder, check_outputs
    from mt_review.report import render_reports, report_files, stale_drafts

    xliff: dict[Path, bytes] = {}
    marked: dict[Path, int] = {}
    unmarked: dict[Path, int] = {}
    if options.write_xliff:  # first: a unit that cannot be marked is a notice in every report
        from mt_review.xliff_writeback import read_xliff_bytes, writeback_bytes

        notices: list[str] = []
        for dest, (src, page) in _xliff_copies(run, Path(options.write_xliff)).items():
            if dest.is_dir():
                raise InputError("is a folder; cannot write a file there", str(dest))
            done = writeback_bytes(read_xliff_bytes(src), page, str(src))
            xliff[dest], marked[dest], unmarked[dest] = done.data, done.marked, len(done.unmarked)
            line = done.warning(page.pair.name)
            if line:
                notices.append(line)
        if notices:
            run = dataclasses.replace(run, notices=(*run.notices, *notices))
    rendered: Mapping[str, Content] = (report_files if stream else render_reports)(
        run, options.formats, gate=gate, email_to=options.email_to, base_dir=base_dir,
        config_file=config_file, glossary=glossary, fragments=fragments)
    remove = tuple(stale_drafts(out_dir, rendered)) if "email" in options.formats else ()
    plan = OutputPlan(out_dir, rendered, remove, xliff, marked, unmarked)
    if reads is None:  # at least the pages' own files
        reads = Reads.of(("input", p) for page in run.pages for p in (page.pair.source.path, page.pair.target.path))
    if rendered:
        check_output_folder(out_dir, reads)
    check_outputs(plan.paths, reads)
    return plan


def write_outputs(plan: OutputPlan) -> list[Path]:
    """Write the plan all or nothing; ``InputError`` when the file system refuses.

    The XLIFF copies are placed first and taken back if the report set
    (written whole by :func:`mt_review.atomic.write_file_set`) fails.
    """
    from mt_review.atomic import files_held_back, write_file_set

    try:
        with files_held_back(plan.xliff) as copies:
            reports = write_file_set(plan.out_dir, plan.reports, remove=plan.remove) if plan.reports or plan.remove else []
    except OSError as exc:  # e.g. no permission, disk full: nothing was left half-written
        where = exc.filename if isinstance(exc.filename, str) else str(plan.out_dir)
        raise InputError(f"cannot write the outputs: {exc.strerror or exc}", where) from None
    return [*reports, *copies]


def run_review(
    paths: Sequence[Path],
    settings: ReviewSettings,
    options: RunOptions = RunOptions(),
    *,
    resources: Any = None,
    progress: Progress | None = None,
    model_progress: Progress | None = None,
    console: Any = None,
    config_file: str | None = None,
) -> ReviewOutcome:
    """Review, set aside, gate, and write every output; what ``mt-review review`` does.

    The ``terminal`` format is printed to ``console`` (a rich Console) after
    the files are in place, and skipped when no console is given.
    ``config_file`` (the configuration the options came from) is protected
    from being overwritten like every other file the run reads, and every
    report names it and the glossary.
    """
    paths = [Path(p) for p in paths]
    if options.out is not None and Path(options.out).exists() and not Path(options.out).is_dir():
        raise InputError("the report folder must be a folder, and this is a file", options.out)
    started = time.time()
    with _state_opener(options) as state:  # opened once: the review and the report fragments share it
        run = review(paths, settings, options, resources=resources, progress=progress, model_progress=model_progress,
                     state=state)
        gate = evaluate(run, options)
        out_dir = Path(options.out) if options.out else default_out_dir(paths, run)
        from mt_review.report.common import export_root

        with _state_fragments(options, run, spread=resources is None, state=state) as fragments:
            plan = plan_outputs(
                run, gate, options, out_dir, reads_of(paths, run, settings, options, config_file),
                base_dir=export_root(paths), config_file=config_file, glossary=settings.glossary,
                fragments=fragments, stream=True,
            )
            written = write_outputs(plan)
            # the run is complete: drop superseded rows (the run's one store knows what the run read)
            if state is not None and fragments is not None and fragments.store is state.store:
                fragments.store.forget_stale({f for files in fragments.store.files for f in files}, started)
    if "terminal" in options.formats and console is not None:
        from mt_review.report import terminal
        from mt_review.report.common import ReportContext

        terminal.render(ReportContext(run=run, gate=gate, email_to=options.email_to, console=console,
                                      config_file=config_file, glossary=settings.glossary))
    return ReviewOutcome(run=run, gate=gate, written=tuple(written), xliff_marked=plan.xliff_marked,
                         xliff_unmarked=plan.xliff_unmarked)


STREAMED_FORMATS = ("json", "md", "html")  # the reports written a page fragment at a time


@contextmanager
def _state_opener(options: RunOptions) -> Iterator[Any]:
    """With ``--state``, the run's :class:`mt_review.incremental.StateOpener` (closed at the end); else None."""
    if options.state is None:
        yield None
        return
    from mt_review.incremental import StateOpener

    with StateOpener(options.state) as state:
        yield state


@contextmanager
def _state_fragments(options: RunOptions, run: RunReport, *, spread: bool = False, state: Any = None
                     ) -> Iterator[Any]:
    """With ``--state``, the report fragments kept in the state file (``state``: the run's open
    one, else it is opened here); else, when the review ran in worker processes (``spread``),
    fragments rendered by worker processes; else None (rendered here)."""
    if options.state is None:
        from mt_review.spool import PageSpool

        wanted = any(f.strip().lower() in STREAMED_FORMATS for f in options.formats)
        pool = None
        spool = run.pages
        if spread and wanted and isinstance(spool, PageSpool):
            from mt_review.parallel import render_pool

            pool = render_pool(options, len(spool))
        if pool is None:
            yield None
            return
        from mt_review.report.fragments import PoolFragments

        executor, workers = pool
        try:
            assert isinstance(spool, PageSpool)
            yield PoolFragments(executor, spool.raw, len(spool), workers)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
        return
    from mt_review.incremental import IncrementalStore, resolved_pages
    from mt_review.report.fragments import PageFragments

    if state is not None:
        store = state.open()
        store.files = resolved_pages(page_paths(run.pages))
        yield PageFragments(store, run.pages)
        store.flush()
        return
    with IncrementalStore(options.state) as store:
        store.files = resolved_pages(page_paths(run.pages))
        yield PageFragments(store, run.pages)


def _baseline_review(
    paths: Sequence[Path], settings: ReviewSettings, options: RunOptions, output: Path, config_file: str | None,
    *, recorded_root: bool = False,
) -> RunReport:
    """The review a baseline records (nothing set aside), once ``output`` is known to be safe to write.

    With ``recorded_root`` (pruning) pages are named from the root ``output`` records.
    """
    from mt_review.output_guard import check_outputs
    from mt_review.pipeline import review_paths

    output = Path(output)
    if output.is_dir():
        raise InputError("is a folder; give a file path", str(output))
    reads = reads_of(paths, None, settings, dataclasses.replace(options, baseline=None), config_file)
    check_outputs([output], reads)
    if recorded_root:
        options = with_baseline_root(paths, options, output)
    return review_paths(paths, settings, options)


def create_baseline_file(
    paths: Sequence[Path],
    settings: ReviewSettings,
    options: RunOptions,
    output: Path,
    *,
    config_file: str | None = None,
) -> int:
    """Review ``paths`` with the same settings a review uses and record every finding in ``output``.

    The export root the page names are relative to is recorded with them.
    """
    from mt_review.baseline import create_baseline
    from mt_review.pairing import export_root

    run = _baseline_review(paths, settings, dataclasses.replace(options, baseline=None), output, config_file)
    return create_baseline(run, output, root=export_root(paths, options.root))


def prune_baseline_file(
    paths: Sequence[Path],
    settings: ReviewSettings,
    options: RunOptions,
    output: Path,
    *,
    config_file: str | None = None,
) -> int:
    """Drop the entries of ``output`` that a review of ``paths`` no longer finds; return how many."""
    from mt_review.baseline import prune_baseline

    return prune_baseline(_baseline_review(paths, settings, options, output, config_file, recorded_root=True), output)
