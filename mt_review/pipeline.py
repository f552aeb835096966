"""The review pipeline as one straight line of stages.

    ingest -> pair pages -> furniture -> segment+align -> re-translate/embed
           -> score (signals + checks) -> RunReport

Each stage is a function in its own module; this file only calls them in
order.  ``review_page`` is the per-page work: a module-level function of
(page pair, settings, resources) with no other state, so a scheduler can hand
it to other processes.  ``review_paths`` reviews every pair of some inputs;
``mt_review.app.run_review`` adds what a run does around it (set-aside
findings, the gate, the outputs).
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

from mt_review import __version__
from mt_review.align import align_pair
from mt_review.checks import CheckContext, check_furniture_numbers, regrade, run_checks, skipped_checks
from mt_review.config import ReviewSettings, RunOptions
from mt_review.errors import InputError
from mt_review.fingerprint import with_fingerprints
from mt_review.furniture import classify_pair, find_mt_notice, pair_furniture
from mt_review.model import (
    BlockKind,
    FurnitureReview,
    PagePair,
    PageReview,
    RunReport,
    SegmentReview,
    Signature,
)
from mt_review.pairing import check_languages, find_pairs, pair_two
from mt_review.score.signals import compute_signals

if TYPE_CHECKING:  # pragma: no cover
    from mt_review.embed.base import Embedder
    from mt_review.glossary import Glossary
    from mt_review.score.calibration import Calibration
    from mt_review.translate.base import Translator

Progress = Callable[[str, int, int], None]  # (stage description, done, total)


@dataclass
class Resources:
    """The expensive things a run loads once: embedder, translators, glossary."""

    embedder: Embedder | None = None
    translators: Mapping[str, Translator] = field(default_factory=dict)
    glossary: Glossary | None = None
    calibration: Calibration | None = None  # None = the shipped one
    notices: list[str] = field(default_factory=list)
    model_progress: Callable[[str, int, int], None] | None = None  # (stage, segments done, total)


def collect_pairs(
    paths: Sequence[Path], settings: ReviewSettings, options: RunOptions = RunOptions(), *, parsed: Any = None
) -> tuple[list[PagePair], list[str]]:
    """Stage 1-2: read the inputs and pair English pages with their Arabic twins.

    Pages are named by their place relative to ``options.root`` (default: the
    inputs' common folder): see :func:`mt_review.pairing.page_identity`.
    ``parsed`` (the state file's store, with ``--state``) keeps the parsed files.
    """
    if not paths:
        raise InputError("no input given: pass SOURCE TARGET files or an export folder")
    if any(str(p) == "-" for p in paths):  # standard input: one bilingual file, read once
        return [_stdin_pair(paths, settings, options)], []
    if len(paths) == 2 and all(p.is_file() for p in paths):
        if not any(_is_bilingual(p) for p in paths):
            return [pair_two(paths[0], paths[1], max_bytes=settings.max_bytes, root=options.root)], []
    for p in paths:
        if not p.exists():
            raise InputError("no such file or folder", str(p))
    code = ""
    if parsed is not None:
        from mt_review.incremental import code_digest

        code = code_digest()
    pairs, unpaired = find_pairs(
        list(paths), max_bytes=settings.max_bytes, allow_outside=options.allow_outside_links, root=options.root,
        parsed=parsed, code=code,
    )
    for pair in pairs:
        if pair.prealigned:  # bilingual files: their sides' languages are checked here
            check_languages(pair.source, pair.target)
    return pairs, unpaired


def _stdin_pair(paths: Sequence[Path], settings: ReviewSettings, options: RunOptions) -> PagePair:
    from mt_review.ingest.stdin import read_stdin_pair

    if len(paths) != 1:
        raise InputError("'-' (standard input) must be the only input")
    if options.write_xliff:
        raise InputError("--write-xliff needs the XLIFF as a file; standard input cannot be written back")
    pair = read_stdin_pair(settings.max_bytes, options.stdin_name)
    check_languages(pair.source, pair.target)
    return pair


def _is_bilingual(path: Path) -> bool:
    from mt_review.ingest import BILINGUAL, detect_format

    with open(path, "rb") as fh:
        return detect_format(path, fh.read(8192)) in BILINGUAL


def load_resources(settings: ReviewSettings, options: RunOptions = RunOptions(), *, need_models: bool = True) -> Resources:
    """Load the embedder, the translators and the glossary once per run (or once per worker process)."""
    from mt_review.embed import load_embedder
    from mt_review.translate.cache import default_cache_path

    res = Resources()
    cache = Path(options.cache) if options.cache else default_cache_path()
    res.embedder = load_embedder(settings.embedder, cache_path=cache, num_threads=options.threads)
    if settings.glossary:
        from mt_review.glossary import load_glossary

        res.glossary = load_glossary(Path(settings.glossary))
    if settings.calibration:
        from mt_review.score.calibration import load_user

        res.calibration = load_user(settings.calibration)
    from mt_review.lexicon import missing_notice

    lexicons = missing_notice()  # the names and wrong-segment checks run with fewer resources
    if lexicons:
        res.notices.append(lexicons)
    if need_models and settings.wants_models:
        from mt_review.translate import load_translators

        res.translators, notices = load_translators(
            en_ar=settings.model_en_ar,
            ar_en=settings.model_ar_en,
            engine=settings.engine,
            device=settings.device,
            beam=settings.beam_size,
            batch_tokens=settings.batch_tokens,
            threads=options.threads,
            cache_path=cache,
            require=options.require_model,
            download=False,  # a review never downloads; 'mt-review models pull' does
        )
        res.notices.extend(notices)
        from mt_review.score.calibration import model_mismatch

        from mt_review.score.calibration import prior_notice

        for notice in (model_mismatch(res.translators, res.calibration), prior_notice(res.translators, res.calibration)):
            if notice:
                res.notices.append(notice)
    return res


def enabled_checks(settings: ReviewSettings) -> list[str] | None:
    """The check names to run, in registry order; None = every check."""
    if settings.enabled_checks is None and not settings.disabled_checks:
        return None
    from mt_review.checks import REGISTRY

    names = settings.enabled_checks if settings.enabled_checks is not None else tuple(REGISTRY)
    return [n for n in names if n not in settings.disabled_checks]


def available(res: Resources) -> frozenset[str]:
    """What checks may need that this run has (``Check.needs``)."""
    return frozenset({"model"}) if res.translators else frozenset()


def review_page(pair: PagePair, settings: ReviewSettings, res: Resources) -> PageReview:
    """Stages 3-6 for one page pair: the unit of work a scheduler distributes.

    Depends only on its arguments (no module state), so it can run in another
    process given the pair, the settings and that process's own resources
    (``load_resources(settings, options)``).
    """
    pair = classify_pair(pair)
    notice = find_mt_notice(pair.target) or find_mt_notice(pair.source)
    overrides = settings.severity_overrides
    furniture = tuple(
        FurnitureReview(kind, s, t, tuple(regrade(check_furniture_numbers(s, t), overrides))
                        if kind is BlockKind.READING_TIME else ())
        for kind, s, t in pair_furniture(pair)
    )
    aligned = align_pair(pair, embedder=res.embedder)
    guard = None
    if settings.model_guard and res.translators:
        from mt_review.translate.guard import ModelGuard

        guard = ModelGuard()  # judged on this page alone, so a review does not depend on page order or workers
    signals = compute_signals(
        aligned.pairs, embedder=res.embedder, translators=res.translators, progress=res.model_progress,
        guard=guard,
    )
    ctx = CheckContext(
        source=pair.source, target=pair.target, pairs=tuple(aligned.pairs), glossary=res.glossary,
        signals=tuple(signals), calibration=res.calibration, available=available(res),
    )
    findings = run_checks(ctx, enabled=enabled_checks(settings), severity_overrides=overrides)
    segments = tuple(
        SegmentReview(  # risk, severity and driver are derived from these
            pair=ap,
            signals=dict(sig.values),
            findings=tuple(fs),
            translations=dict(sig.translations),
            calibration=res.calibration,
        )
        for ap, fs, sig in zip(aligned.pairs, findings, signals, strict=True)
    )
    words = sum(len(b.content_text.split()) for b in pair.source.content_blocks)
    review = PageReview(  # the score is derived from the segments
        pair=pair,
        segments=segments,
        furniture=furniture,
        source_words=words,
        mt_notice=notice,
        degenerate_models=guard.verdicts() if guard is not None else (),
    )
    return with_fingerprints(review)  # computed once, stored with each finding


def _file_digest(path: str | None) -> str | None:
    if not path:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    except OSError:
        return None  # reported when the file is loaded


def signature_for(settings: ReviewSettings, options: RunOptions, res: Resources, align_mode: str) -> Signature:
    """What made this report: tool, alignment mode, embedder, models with their decoding, settings, gate.

    The thresholds carry the gate and the baseline and decisions files (by
    content), since those decide what the report sets aside and fails on.
    """
    from mt_review.score.calibration import shipped

    calibration = res.calibration if res.calibration is not None else shipped()
    models = {}
    decoding = {}
    for direction, tr in sorted(res.translators.items()):
        info = tr.info
        models[direction] = f"{info.engine}:{info.model_id}@{info.revision}"
        decoding[direction] = {"compute_type": info.compute_type, **info.decoding.as_dict()}
    thresholds = dict(options.thresholds())
    for key in ("baseline", "decisions"):
        digest = _file_digest(getattr(options, key))
        if digest:
            thresholds[key] = digest
    if decoding:
        thresholds["decoding"] = decoding
    thresholds["calibration"] = calibration.fingerprint()
    return Signature(
        tool_version=__version__,
        align_mode=align_mode,
        embedder=getattr(res.embedder, "id", None) or "none",
        models=models,
        thresholds=thresholds,
        config_hash=settings.hash(),
        calibration=calibration.describe_source(),
    )


def review_paths(
    paths: Sequence[Path],
    settings: ReviewSettings,
    options: RunOptions = RunOptions(),
    *,
    resources: Resources | None = None,
    progress: Progress | None = None,
    model_progress: Callable[[str, int, int], None] | None = None,
    state: Any = None,
) -> RunReport:
    """Review every page pair found in ``paths`` and return the run report (nothing set aside, no gate).

    Inputs are read and paired before any model is loaded, so bad input fails
    fast.  With ``options.state`` unchanged pages are taken from the
    incremental store instead of being reviewed again; ``state`` (an
    :class:`mt_review.incremental.StateOpener` of that file, which the caller
    closes) lets the caller go on with the same open store, so a run opens
    (and checks) the state file once.
    """
    from mt_review.parallel import prestart

    if resources is None:
        prestart(options)  # worker processes get ready while the pages are read
    if options.state is None:
        return _review_paths(paths, settings, options, resources, progress, model_progress, None)
    if state is not None:
        return _review_paths(paths, settings, options, resources, progress, model_progress, state)
    from mt_review.incremental import StateOpener

    with StateOpener(options.state) as opened:  # it keeps the parsed files too
        return _review_paths(paths, settings, options, resources, progress, model_progress, opened)


def _review_paths(paths: Sequence[Path], settings: ReviewSettings, options: RunOptions, resources: Resources | None,
                  progress: Progress | None, model_progress: Callable[[str, int, int], None] | None,
                  state: Any) -> RunReport:
    from mt_review.parallel import InProcess, Work, collect_spooled, open_runner, worker_count

    pairs, unpaired = collect_pairs(paths, settings, options, parsed=state)
    if not pairs:
        raise InputError(f"no English/Arabic page pairs found in {', '.join(map(str, paths))}")

    log: list[str] = []  # how the run went (pages reused ...): shown, never written into reports
    runners = []
    if state is not None:
        from mt_review.incremental import iter_reviews_incrementally

        # the state key names the models, so they are known here; the pages that changed
        # are then reviewed here or in workers, by their number, not the export's
        res = resources or load_resources(settings, options)
        if model_progress is not None:
            res.model_progress = model_progress

        def review_many(misses: list[PagePair]) -> Iterator[PageReview]:
            if not misses:
                return iter(())
            spread = resources is None and (options.scheduler or worker_count(options, len(misses)) > 1)
            runners.append(
                open_runner(settings, options, len(misses)) if spread else InProcess(Work(settings, options), res)
            )
            return runners[-1].map(misses)

        store = state.open()  # a new state file is made only now, the inputs paired and the models loaded
        with _stopping(runners):
            stream = iter_reviews_incrementally(pairs, settings, res, store, review_many, pickled=True)
            pages = collect_spooled(stream, len(pairs), progress)
            if learns_terms(settings):  # while the store is open: unchanged pages' term rows are read back
                from mt_review.terms import with_learned_terms

                with_learned_terms(pages, res.glossary, settings.severity_overrides, store.term_cache())  # the spool is updated in place
            log += [*store.notices, f"incremental: {store.hits} page(s) reused, {store.misses} reviewed ({options.state})"]
    else:
        with _stopping(runners):
            runners.append(open_runner(settings, options, len(pairs), resources, ship=True))
            res = runners[0].resources
            if model_progress is not None:
                res.model_progress = model_progress
            pages = collect_spooled(runners[0].map(pairs), len(pairs), progress)
            shipped = getattr(runners[0], "terms", None)  # made by the workers with each review
            if learns_terms(settings) and shipped and len(shipped) == len(pages):
                from mt_review.parallel import ShippedTerms, learn_and_flag
                from mt_review.terms import with_learned_terms

                # learned here from the workers' contributions, applied in the workers (else here)
                if not learn_and_flag(runners[0], pages, shipped, settings.severity_overrides):
                    with_learned_terms(pages, res.glossary, settings.severity_overrides, ShippedTerms(shipped))
            elif learns_terms(settings):
                from mt_review.terms import with_learned_terms

                with_learned_terms(pages, res.glossary, settings.severity_overrides)  # the spool is updated in place
    workers = max((r.workers for r in runners), default=1)
    if workers > 1:
        log.append(f"reviewed in {workers} worker processes")
    restarts = sum(r.restarts for r in runners)
    if restarts:
        log.append(f"a worker process died; its pages were reviewed again ({restarts} restart(s))")
    align_mode = "anchors+length+embeddings" if res.embedder is not None else "anchors+length"
    from mt_review.translate.guard import run_notices

    return RunReport(
        pages=pages,
        signature=signature_for(settings, options, res, align_mode),
        unpaired=tuple(unpaired),
        notices=(*res.notices, *skipped_checks(enabled_checks(settings), available(res)),
                 *run_notices(_degenerate_models(pages))),
        log=tuple(log),
    )




@dataclass(frozen=True)
class _ModelsOf:
    """What ``translate.guard.run_notices`` reads of a page."""

    degenerate_models: tuple


def _degenerate_models(pages: Sequence[PageReview]) -> Sequence[Any]:
    """Each page's degenerate models: a spool kept them as it took the pages (no page is read back)."""
    kept = getattr(pages, "degenerate_models", None)
    return pages if kept is None else [_ModelsOf(m) for m in kept]


def learns_terms(settings: ReviewSettings) -> bool:
    """Terminology learned from the export is part of the terminology check."""
    return "terminology" in (enabled_checks(settings) or ("terminology",))


@contextmanager
def _stopping(runners: list) -> Iterator[None]:
    """Close the runners when the review is done; abort them (end their workers) when it fails or is interrupted."""
    try:
        yield
    except BaseException:
        for runner in runners:
            runner.abort()
        raise
    for runner in runners:
        runner.close()
