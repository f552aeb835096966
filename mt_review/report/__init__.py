"""Report writers: terminal, JSON, Markdown, HTML, JUnit XML, SARIF, e-mail draft.

One module per format behind a tiny interface (see ``common``): ``FORMAT``,
``FILENAME`` and ``render(ctx) -> bytes`` (or ``render_files(ctx) -> {name:
bytes}`` for a format that may write several files).  The JSON, Markdown and
HTML writers also have ``write(ctx, text_file)``, which streams the report a
page at a time: the command line (``app.run_review``) plans them with
:func:`report_files` and they write straight into the staged folder, so a run
of many pages never holds a whole report.  ``write_reports`` renders every
requested file in memory first, then writes them all at once with
``mt_review.atomic.write_file_set``: either way, if any writer fails, nothing
new is left in the output folder.  The terminal report is printed last, after the
files are in place.  Writing the e-mail draft (one per run,
``error-report.eml``) also removes the ``error-report*.eml`` drafts an
earlier run or version left, so the folder never mixes drafts of two runs.
"""

from __future__ import annotations

import dataclasses
import importlib
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Sequence, TextIO

from mt_review.atomic import Content, write_file_set
from mt_review.errors import InputError
from mt_review.model import RunReport
from mt_review.report.common import SCHEMA_VERSION, ReportContext
from mt_review.report.json_report import to_json

if TYPE_CHECKING:
    from mt_review.gate import GateResult

FORMATS = ("terminal", "json", "md", "html", "junit", "sarif", "email")
# format -> its module, imported when a run asks for it (an incremental re-run pays only for what it writes)
_MODULES = {"terminal": "terminal", "json": "json_report", "md": "markdown", "html": "html", "junit": "junit",
            "sarif": "sarif", "email": "email_report"}
FILENAMES = {"terminal": None, "json": "report.json", "md": "report.md", "html": "report.html",
             "junit": "junit.xml", "sarif": "report.sarif", "email": "error-report.eml"}
EMAIL_PREFIX = "error-report"  # error-report.eml (earlier versions also wrote error-report-<page>.eml)

__all__ = ["FORMATS", "FILENAMES", "SCHEMA_VERSION", "write_reports", "render_reports", "report_files", "to_json"]


def _check_formats(formats: Sequence[str]) -> list[str]:
    wanted: list[str] = []
    for f in formats:
        f = f.strip().lower()
        if not f:
            continue
        if f not in _MODULES:
            raise InputError(f"unknown report format {f!r} (choose from {', '.join(FORMATS)})")
        if f not in wanted:
            wanted.append(f)
    return wanted


def writer(fmt: str) -> Any:
    """The module writing format ``fmt`` (one of :data:`FORMATS`), imported on first use."""
    return importlib.import_module(f"mt_review.report.{_MODULES[fmt]}")


def render_reports(
    run: RunReport,
    formats: Sequence[str],
    *,
    gate: "GateResult | None" = None,
    email_to: str | None = None,
    base_dir: Path | None = None,
    config_file: str | None = None,
    glossary: str | None = None,
    fragments: Any = None,
) -> dict[str, bytes]:
    """Render the file formats among ``formats`` in memory: ``{file name: bytes}``.

    ``config_file`` and ``glossary`` are named in every report (where the settings came from).
    ``fragments`` (:class:`mt_review.report.fragments.PageFragments`) holds pages an earlier run rendered."""
    return {name: _bytes(content) for name, content in _files(
        run, formats, gate=gate, email_to=email_to, base_dir=base_dir, config_file=config_file, glossary=glossary,
        fragments=fragments, stream=False).items()}


def report_files(
    run: RunReport,
    formats: Sequence[str],
    *,
    gate: "GateResult | None" = None,
    email_to: str | None = None,
    base_dir: Path | None = None,
    config_file: str | None = None,
    glossary: str | None = None,
    fragments: Any = None,
) -> dict[str, Content]:
    """The file formats among ``formats``: ``{file name: bytes, or a function that writes them}``.

    The JSON, Markdown and HTML reports are functions that stream the report
    into the (staged) file a page at a time when :func:`mt_review.atomic.write_file_set`
    calls them, so a run never holds a whole report, nor all its pages
    (``run.pages`` may be a :class:`mt_review.spool.PageSpool`).  The other
    formats are rendered here, from the pages read into memory once."""
    return _files(run, formats, gate=gate, email_to=email_to, base_dir=base_dir, config_file=config_file,
                  glossary=glossary, fragments=fragments, stream=True)


def _files(run: RunReport, formats: Sequence[str], *, gate: "GateResult | None", email_to: str | None,
           base_dir: Path | None, config_file: str | None, glossary: str | None, fragments: Any,
           stream: bool) -> dict[str, Content]:
    ctx = ReportContext(run=run, gate=gate, email_to=email_to, base_dir=base_dir,
                        config_file=config_file, glossary=glossary, fragments=fragments)
    held: ReportContext | None = None  # the run with its pages in memory, for writers that compare findings
    files: dict[str, Content] = {}
    for fmt in _check_formats(formats):
        mod = writer(fmt)
        if mod.FILENAME is None:
            continue
        if hasattr(mod, "write"):  # reads the pages one at a time
            files[mod.FILENAME] = _streamed(mod.write, ctx) if stream else mod.render(ctx)
            continue
        if held is None:
            pages = run.pages if isinstance(run.pages, tuple) else tuple(run.pages)
            held = dataclasses.replace(ctx, run=dataclasses.replace(run, pages=pages), memo={})
        files.update(mod.render_files(held) if hasattr(mod, "render_files") else {mod.FILENAME: mod.render(held)})
    return files


def _streamed(write: Callable[[ReportContext, TextIO], None], ctx: ReportContext) -> Callable[[BinaryIO], None]:
    """A function writing ``write(ctx, text)`` to a binary file as UTF-8, no newline translation."""

    def into(fh: BinaryIO) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        try:
            write(ctx, text)
            text.flush()
        finally:
            text.detach()  # the caller closes the file

    return into


def _bytes(content: Content) -> bytes:
    if isinstance(content, bytes):
        return content
    buffer = io.BytesIO()
    content(buffer)
    return buffer.getvalue()


def stale_drafts(out_dir: Path, files: Iterable[str]) -> list[str]:
    """``error-report*.eml`` files in ``out_dir`` that the new set does not write.

    An earlier run may have written one draft per page (``error-report-<page>.eml``)
    or a single ``error-report.eml``; whichever the new run does not rewrite
    would be mistaken for a current draft.  Only files with that name pattern
    are ever listed.
    """
    try:
        entries = list(out_dir.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(
        e.name
        for e in entries
        if e.name.startswith(EMAIL_PREFIX)
        and e.name.endswith(".eml")
        and e.name not in files
        and (e.is_symlink() or e.is_file())
    )


def write_reports(
    run: RunReport,
    out_dir: Path,
    formats: Sequence[str],
    *,
    console: Any = None,
    email_to: str | None = None,
    gate: "GateResult | None" = None,
    base_dir: Path | None = None,
    before_write: Callable[[list[Path]], None] | None = None,
    config_file: str | None = None,
    glossary: str | None = None,
) -> list[Path]:
    """Write the reports in ``formats`` to ``out_dir``; print 'terminal' to ``console``.

    ``gate=None`` means no page failed.  Returns the paths written (the
    terminal has none).  Raises ``InputError`` for an unknown format or a bad
    ``email_to``; on any failure no new report file is left behind.  When
    the e-mail format is written, drafts of an earlier run that this run does
    not rewrite (``error-report*.eml``) are removed in the same all-or-nothing
    write.  ``before_write(paths)`` is called with every path about to be
    written or removed, after rendering and before anything is written (e.g.
    :func:`mt_review.output_guard.check_outputs`); what it raises stops the write.
    """
    wanted = _check_formats(formats)
    files = render_reports(run, wanted, gate=gate, email_to=email_to, base_dir=base_dir,
                           config_file=config_file, glossary=glossary)
    stale = stale_drafts(Path(out_dir), files) if "email" in wanted else []
    if before_write is not None:
        before_write([Path(out_dir) / name for name in (*files, *stale)])
    written = write_file_set(Path(out_dir), files, remove=stale) if files or stale else []
    if "terminal" in wanted:
        writer("terminal").render(ReportContext(run=run, gate=gate, email_to=email_to, console=console, base_dir=base_dir,
                                      config_file=config_file, glossary=glossary))
    return written
