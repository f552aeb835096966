"""Measured signals for each aligned pair: embedding similarity and model signals.

A signal that could not be measured (no embedder, no model, an empty side)
is left out of ``PairSignals.values``; it is never recorded as zero.  See
docs/SIGNALS.md for what each signal means and how it is computed.

With an embedder: ``embed_sim`` (cosine of the two sides) and ``embed_margin``,
the same similarity *relative to the page* (:func:`embedding_fits`): the
ratio margin of bitext mining (Artetxe & Schwenk 2019), own similarity over
the mean of the ``MARGIN_K`` best similarities of this target to the other
sources around it and of this source to the other targets around it.  A good
translation is closer to its own source than to the page's other sentences
(margin above 1); a target that fits its page's other sentences as well as its
own source (margin at or below 1) may translate another segment, and
``PairSignals.nearest_source`` names the other source it fits best.  Absolute
similarities differ by kind of text (formulaic prose: 0.90 for good and bad
pairs alike); the margin compares a pair with its own page.

With an en->ar model (``translators["en-ar"]``):

* ``pseudo_chrf``, ``pseudo_chrfpp``, ``pseudo_bleu`` -- the site's Arabic
  scored against the model's own translation of the English (a
  pseudo-reference), both sides Arabic-normalised (:mod:`.arabic`);
* ``lp_tgt_given_src`` / ``lp_tgt_worst`` -- mean / minimum log-probability
  per token of the site's Arabic under forced decoding given the English;
* the forced-decoding token scores, from which the ``model_surprisal`` check
  (:mod:`mt_review.checks.model_findings`) marks runs of Arabic tokens the
  model finds far less likely than its own best choice at that position.

With an ar->en model (``translators["ar-en"]``):

* ``roundtrip_chrf`` -- chrF of the model's English back-translation of the
  site's Arabic against the original English; ``roundtrip_sim`` -- their
  embedding similarity (when an embedder is given);
* ``lp_src_given_tgt`` -- mean log-prob per token of the English given the Arabic.

The ``model_divergence`` check raises a finding when the calibrated model
(:mod:`.calibration`), fed only the signals (no check findings), puts the pair
at minor risk or above and a model signal carries most of it.  Both are
registered checks that need models; this module only measures and holds the
functions that word their findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

import numpy as np

from mt_review.model import AlignedPair, Finding, Segment, Severity, Span
from mt_review.score import calibration as C
from mt_review.score.arabic import normalize

if TYPE_CHECKING:  # pragma: no cover
    from mt_review.translate.base import TokenScores, Translator

# -- token surprisal thresholds (nats) -----------------------------------------------
# With the model's own best token at each position (transformers engine): a
# token is surprising when best_logprob - logprob >= SURPRISAL_GAP_MINOR, i.e.
# the model's own choice was at least e^6 (~400) times more likely.  A run is
# major when its largest gap reaches SURPRISAL_GAP_MAJOR (e^10, ~22,000 times).
SURPRISAL_GAP_MINOR = 6.0
SURPRISAL_GAP_MAJOR = 10.0
# Without the best token (CTranslate2 scores only the given tokens): the
# token's own log-prob must be at or below these floors.
SURPRISAL_FLOOR_MINOR = -8.0
SURPRISAL_FLOOR_MAJOR = -12.0
MAX_SURPRISAL_FINDINGS = 3  # per pair: the worst runs
SURPRISAL_CHECK = "model_surprisal"
DIVERGENCE_CHECK = "model_divergence"
CATEGORY = "accuracy/mistranslation"


@dataclass(frozen=True)
class PairSignals:
    values: dict[str, float] = field(default_factory=dict)
    translations: dict[str, str] = field(default_factory=dict)  # direction -> model output
    scores: "dict[str, TokenScores]" = field(default_factory=dict)  # direction -> forced decoding (surprisal)
    # the other pair whose source this target fits best by embedding, and that similarity (embedding_fits)
    nearest_source: tuple[int, float] | None = None
    # each clause of a side left out in turn, and the pair's similarity then (clause_drops; with an embedder)
    clause_drops: tuple[ClauseDrop, ...] = ()


# -- string metrics ----------------------------------------------------------------
def bleu_tokenizer() -> str:
    """``flores200`` when sacrebleu's SentencePiece model is on disk (never downloaded here), else ``intl``.

    13a is never used: it does not split Arabic punctuation."""
    try:
        from sacrebleu.utils import SACREBLEU_DIR

        if os.path.exists(os.path.join(SACREBLEU_DIR, "models", "flores200sacrebleuspm")):
            return "flores200"
    except Exception:  # pragma: no cover - old sacrebleu
        pass
    return "intl"


@lru_cache(maxsize=1)
def _metrics():
    from sacrebleu.metrics import BLEU, CHRF

    return CHRF(), CHRF(word_order=2), BLEU(tokenize=bleu_tokenizer(), effective_order=True)


def pseudo_reference_scores(site_ar: str, model_ar: str) -> dict[str, float]:
    """chrF, chrF++ and BLEU of the site's Arabic against the model's, both normalised."""
    hyp, ref = normalize(site_ar), normalize(model_ar)
    if not hyp.strip() or not ref.strip():
        return {}
    chrf, chrfpp, bleu = _metrics()
    return {
        "pseudo_chrf": round(chrf.sentence_score(hyp, [ref]).score, 3),
        "pseudo_chrfpp": round(chrfpp.sentence_score(hyp, [ref]).score, 3),
        "pseudo_bleu": round(bleu.sentence_score(hyp, [ref]).score, 3),
    }


def roundtrip_chrf(source_en: str, back_en: str) -> float | None:
    if not source_en.strip() or not back_en.strip():
        return None
    return round(_metrics()[0].sentence_score(back_en, [source_en]).score, 3)


# -- page-relative similarity (embed_margin) -----------------------------------------
MARGIN_K = 4  # nearest other sentences each way (the k of Artetxe & Schwenk's ratio margin)
MARGIN_WINDOW = 10  # pairs either side that make a pair's neighbourhood (a shifted translation is a neighbour's)
MARGIN_MIN_NEIGHBOURS = 4  # fewer other pairs around: no margin (risk.py's fixed embed_sim bands judge the pair)


@dataclass(frozen=True)
class EmbeddingFit:
    """One pair's embedding measurements: ``sim`` (cosine of its sides), ``margin`` (``sim`` over the mean of the
    neighbourhood's best cross-similarities; None when the page is too small) and the other pair whose source fits
    this target best with that similarity (``nearest``, ``nearest_sim``)."""

    sim: float
    margin: float | None = None
    nearest: int | None = None
    nearest_sim: float | None = None


def embedding_fits(pairs: Sequence[AlignedPair], embedder) -> list[EmbeddingFit | None]:
    """Per pair (None for one-sided links or without an embedder): similarity and page-relative margin.

    One embedder call for the page.  A pair's neighbours are the two-sided pairs within ``MARGIN_WINDOW``
    of it whose source text differs from its own (a repeated source with its repeated translation is no
    rival); with at least ``MARGIN_MIN_NEIGHBOURS`` of them,
    ``margin = sim / ((mean of the k best sim(other source, this target) + mean of the k best
    sim(this source, other target)) / 2)``, k = min(``MARGIN_K``, neighbours)."""
    both = [i for i, p in enumerate(pairs) if p.src and p.tgt]
    out: list[EmbeddingFit | None] = [None] * len(pairs)
    if not both or embedder is None:
        return out
    src_text = [pairs[i].src_text for i in both]
    vecs = np.asarray(embedder.embed(src_text + [pairs[i].tgt_text for i in both]), dtype=np.float32)
    n = len(both)
    src, tgt = vecs[:n], vecs[n:]
    own = np.sum(src * tgt, axis=1)
    for a, i in enumerate(both):
        sim = round(float(own[a]), 4)
        nb = [b for b in range(max(0, a - MARGIN_WINDOW), min(n, a + MARGIN_WINDOW + 1))
              if b != a and src_text[b] != src_text[a]]
        if len(nb) < MARGIN_MIN_NEIGHBOURS:
            out[i] = EmbeddingFit(sim)
            continue
        col = src[nb] @ tgt[a]  # the other sources against this target
        row = tgt[nb] @ src[a]  # this source against the other targets
        k = min(MARGIN_K, len(nb))
        denom = (float(np.sort(col)[-k:].mean()) + float(np.sort(row)[-k:].mean())) / 2
        best = int(np.argmax(col))  # the first of equals: deterministic
        margin = round(float(own[a]) / denom, 4) if denom > 0 else None
        out[i] = EmbeddingFit(sim, margin, both[nb[best]], round(float(col[best]), 4))
    return out


# -- leave one clause out (clause_drops) ---------------------------------------------
CLAUSE_DROP_MAX = 12  # clauses per side a pair is read in (a long paragraph's clauses beyond: not embedded)
CLAUSE_DROP_MIN_WORDS = 3  # a clause of fewer words is not left out (a word or two moves the embedding by noise)
CLAUSE_DROP_SIDES = ("tgt",)  # the sides read by default: the target (additions).  Source clauses (omissions) measured
#                              no better than the dictionary's on the tuning halves and cost most of the embedding time
#                              (benchmarks/README.md, "Leave one clause out"); clause_drops(..., sides=("src", "tgt")) reads both


@dataclass(frozen=True)
class ClauseDrop:
    """One clause of one side of a pair, and what leaving it out does to the pair's similarity.

    ``start``/``end`` are offsets into ``pair.src_text`` (side ``"src"``) or ``pair.tgt_text`` (``"tgt"``);
    ``sim`` is the cosine of the pair's sides with the clause left out of its side, ``gain`` that minus the
    pair's own similarity (positive: the other side fits better without the clause -- it has no counterpart
    there)."""

    side: str
    start: int
    end: int
    sim: float
    gain: float


def without(text: str, start: int, end: int) -> str:
    """``text`` with ``text[start:end]`` and the punctuation that opens or closes it taken out, spaces tidied."""
    left = text[:start].rstrip()
    right = text[end:].lstrip(" ,;:،؛")
    if not left:
        return right.strip()
    if not right:
        return left.rstrip(" ,;:،؛")
    if right[0] in ".!?؟)»\"”":  # the clause ended the text: the left part takes the closing mark
        return left.rstrip(" ,;:،؛") + right
    return left + " " + right


def clause_drops(pairs: Sequence[AlignedPair], embedder, sides: tuple[str, ...] = CLAUSE_DROP_SIDES
                 ) -> list[tuple[ClauseDrop, ...]]:
    """Per pair: each source clause and each target clause left out in turn, and the similarity then.

    Clauses are :func:`mt_review.coverage.english_clauses` / :func:`~mt_review.coverage.arabic_clauses`
    (the dictionary coverage's own split); ``sides`` says which sides are read (default: the target only).
    Only a side of two or more clauses is read, its clauses of ``CLAUSE_DROP_MIN_WORDS`` words or more that the
    dictionary does not account for (no judged word found on the other side: ``coverage.target_clause_cover`` /
    ``source_clause_cover``; a clause it finds is no addition or omission whatever the embedding says, and
    leaving those out of the embedder halves its work), at most ``CLAUSE_DROP_MAX`` of them.  One embedder call for the page: both full sides (already in a cached
    embedder from :func:`embedding_fits`) and every text with one clause left out.  Empty without an
    embedder or for one-sided pairs."""
    from mt_review.coverage import (  # here: coverage imports the checks
        arabic_clauses, english_clauses, prepare, source_clause_cover, target_clause_cover)

    out: list[tuple[ClauseDrop, ...]] = [() for _ in pairs]
    if embedder is None:
        return out
    texts: list[str] = []
    jobs: list[tuple[int, str, int, int, int, int]] = []  # pair, side, start, end, variant row, other side's row
    for i, p in enumerate(pairs):
        src, tgt = p.src_text, p.tgt_text
        if not (p.src and p.tgt and src.strip() and tgt.strip()):
            continue
        s_row, t_row = len(texts), len(texts) + 1
        texts += [src, tgt]
        for side, text, split, other in (("src", src, english_clauses, t_row), ("tgt", tgt, arabic_clauses, s_row)):
            if side not in sides:
                continue
            clauses = split(text)
            if len(clauses) < 2:
                continue
            cover = source_clause_cover(src, prepare(tgt)) if side == "src" else target_clause_cover(src, tgt)
            accounted = {(c.start, c.end) for c in cover if c.found}
            spans = [(a, b) for a, b in clauses
                     if len(text[a:b].split()) >= CLAUSE_DROP_MIN_WORDS and (a, b) not in accounted]
            if len(spans) > CLAUSE_DROP_MAX:
                continue
            for a, b in spans:
                rest = without(text, a, b)
                if rest:
                    jobs.append((i, side, a, b, len(texts), other))
                    texts.append(rest)
    if not jobs:
        return out
    vecs = np.asarray(embedder.embed(texts), dtype=np.float32)
    found: dict[int, list[ClauseDrop]] = {}
    for i, side, a, b, row, other in jobs:
        own = float(vecs[other] @ vecs[other - 1 if side == "src" else other + 1])
        sim = float(vecs[row] @ vecs[other])
        found.setdefault(i, []).append(ClauseDrop(side, a, b, round(sim, 4), round(sim - own, 4)))
    for i, drops in found.items():
        out[i] = tuple(drops)
    return out


def _cosines(embedder, left: list[str], right: list[str], idx: list[int], out: list) -> list:
    vecs = np.asarray(embedder.embed(left + right), dtype=np.float32)
    n = len(left)
    sims = np.sum(vecs[:n] * vecs[n:], axis=1)
    for i, s in zip(idx, sims, strict=True):
        out[i] = round(float(s), 4)
    return out


# -- surprisal spans ----------------------------------------------------------------
@dataclass(frozen=True)
class SurprisalRun:
    start: int  # character offsets into the scored target text
    end: int
    tokens: tuple[int, ...]  # token indices in the run
    value: float  # largest gap (with best tokens) or lowest logprob (without)
    uses_gap: bool
    suggestion: str | None  # the model's best tokens at those positions, detokenised

    @property
    def severity(self) -> Severity:
        if self.uses_gap:
            return Severity.MAJOR if self.value >= SURPRISAL_GAP_MAJOR else Severity.MINOR
        return Severity.MAJOR if self.value <= SURPRISAL_FLOOR_MAJOR else Severity.MINOR


def _detok(pieces: Sequence[str]) -> str:
    keep = [p for p in pieces if p not in ("</s>", "<pad>", "<unk>", "<s>") and not p.startswith(">>")]
    return "".join(keep).replace("\u2581", " ").strip()


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670\u0640"


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``start:end`` to whole words (a piece inside a word flags the word)."""
    while start > 0 and _is_word_char(text[start - 1]) and start < len(text) and _is_word_char(text[start]):
        start -= 1
    while end < len(text) and end > 0 and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
        end += 1
    return start, end


def surprisal_runs(text: str, scores) -> list[SurprisalRun]:
    """Runs of surprising target tokens in ``text`` (the string that was scored).

    A token is surprising when ``best_logprob - logprob >= SURPRISAL_GAP_MINOR``
    and the model's best token differs from it (transformers), or -- when the
    engine gives no best token (CTranslate2) -- when ``logprob <=
    SURPRISAL_FLOOR_MINOR``.  ``</s>`` and pieces with no characters are never
    marked.  Adjacent surprising tokens form one run; each run is widened to
    whole words and runs that then touch are merged.
    """
    toks, lps, offs = scores.tokens, scores.logprobs, scores.offsets
    best_t, best_lp = scores.best_tokens, scores.best_logprobs
    use_gap = best_t is not None and best_lp is not None
    flagged: list[tuple[int, float]] = []
    for i, (tok, lp, (a, b)) in enumerate(zip(toks, lps, offs, strict=True)):
        if tok == "</s>" or b <= a or not text[a:b].strip():
            continue
        if use_gap:
            gap = best_lp[i] - lp
            if gap >= SURPRISAL_GAP_MINOR and best_t[i] != tok:
                flagged.append((i, gap))
        elif lp <= SURPRISAL_FLOOR_MINOR:
            flagged.append((i, lp))
    groups: list[list[tuple[int, float]]] = []
    for i, v in flagged:
        if groups and groups[-1][-1][0] == i - 1:
            groups[-1].append((i, v))
        else:
            groups.append([(i, v)])
    runs: list[SurprisalRun] = []
    for g in groups:
        idx = tuple(i for i, _ in g)
        a = min(offs[i][0] for i in idx)
        b = max(offs[i][1] for i in idx)
        a, b = _widen(text, a, b)
        value = max(v for _, v in g) if use_gap else min(v for _, v in g)
        sugg = _detok([best_t[i] for i in idx]) if use_gap else None
        if runs and a <= runs[-1].end + 1 and not text[runs[-1].end:a].strip():
            prev = runs.pop()
            value = max(prev.value, value) if use_gap else min(prev.value, value)
            sugg2 = " ".join(s for s in (prev.suggestion, sugg) if s) or None
            runs.append(SurprisalRun(prev.start, max(b, prev.end), prev.tokens + idx, value, use_gap, sugg2))
        else:
            runs.append(SurprisalRun(a, b, idx, value, use_gap, sugg or None))
    return runs


def to_block_spans(start: int, end: int, segments: Sequence[Segment]) -> list[Span]:
    """Map ``start:end`` of ``" ".join(seg.text for seg in segments)`` to block spans, one per segment touched."""
    spans = []
    base = 0
    for seg in segments:
        lo, hi = max(start, base), min(end, base + len(seg.text))
        if lo < hi:
            a, b = lo - base, hi - base
            spans.append(Span(seg.block_index, seg.start + a, seg.start + b, seg.text[a:b]))
        base += len(seg.text) + 1
    return spans


def surprisal_findings(pair: AlignedPair, scores, pseudo_ref: str | None) -> list[Finding]:
    text = pair.tgt_text
    runs = surprisal_runs(text, scores)
    if not runs:
        return []
    key = (lambda r: -r.value) if runs[0].uses_gap else (lambda r: r.value)
    worst = sorted(sorted(runs, key=key)[:MAX_SURPRISAL_FINDINGS], key=lambda r: r.start)
    out = []
    for run in worst:
        if run.uses_gap:
            what = (f"model_surprisal: best_logprob - logprob = {run.value:.2f} nats"
                    f" >= {SURPRISAL_GAP_MINOR:g} (major at {SURPRISAL_GAP_MAJOR:g})")
        else:
            what = (f"model_surprisal: token logprob = {run.value:.2f} nats"
                    f" <= {SURPRISAL_FLOOR_MINOR:g} (major at {SURPRISAL_FLOOR_MAJOR:g}; engine gives no best token)")
        for span in to_block_spans(run.start, run.end, pair.tgt):
            msg = f"The en→ar model finds “{span.text}” unlikely as a translation of the English here"
            if run.suggestion:
                msg += f"; it would write “{run.suggestion}”"
            out.append(Finding(SURPRISAL_CHECK, CATEGORY, run.severity, msg + ".", tgt_span=span,
                               threshold=what, suggestion=run.suggestion or pseudo_ref or None))
    return out


# -- calibrated divergence -----------------------------------------------------------
def divergence_finding(values: Mapping[str, float], translation: str | None,
                       calibration: C.Calibration | None = None, pair: AlignedPair | None = None,
                       translations: Mapping[str, str] | None = None) -> Finding | None:
    """``model_divergence`` when the calibrated signals alone say minor or worse and a model signal leads.

    With the ``pair`` and both ``translations`` the back-translation word diff says where and
    marks both spans."""
    cal = calibration if calibration is not None else C.shipped()
    if cal is None or not cal.covers(values):
        return None
    pred = cal.predict({**values, "check_severity": 0.0})
    if pred.severity_rank < 1 or pred.driver not in C.MODEL_SIGNALS:
        return None
    used = [f for f in cal.features if f in values]
    shown = ", ".join(f"{f}={values[f]:.3g}" for f in used)
    sev = Severity.MAJOR if pred.severity_rank >= 2 else Severity.MINOR
    band = "major" if sev is Severity.MAJOR else "minor"
    reason, src_span, tgt_span, suggestion = explained(pair, translations or {}) if pair is not None else ("", None, None, None)
    return Finding(
        DIVERGENCE_CHECK,
        CATEGORY,
        sev,
        f"Model signals say the Arabic may not say what the English says{': ' + reason if reason else ''} "
        f"({shown}; {pred.driver} weighs most).",
        src_span=src_span,
        tgt_span=tgt_span,
        threshold=(f"calibrated P(defect) = {pred.prob:.3f} >= {band} threshold {cal.thresholds[band]:.3f} "
                   f"(logistic regression, calibration {cal.describe_source()}); driver {pred.driver} "
                   f"(contribution {pred.contributions[pred.driver]:+.2f})"),
        suggestion=suggestion or translation or None,
    )


def explained(pair: AlignedPair, translations: Mapping[str, str]) -> tuple[str, Span | None, Span | None, str | None]:
    """The back-translation word diff (:mod:`.backdiff`) as (reason, English span, Arabic span, suggestion).

    The first explanation gives the spans (English source, published Arabic) and
    the model's Arabic wording; a second one is added to the reason.  Empty reason: none found."""
    from mt_review.score.backdiff import explain

    found = explain(pair.src_text, translations.get("ar-en"), pair.tgt_text, translations.get("en-ar"))
    if not found:
        return "", None, None, None
    first = found[0]
    src_spans = to_block_spans(first.source[0], first.source[1], pair.src) if first.source else []
    tgt_spans = to_block_spans(first.target[0], first.target[1], pair.tgt) if first.target else []
    reason = "; ".join(e.message for e in found)
    if first.suggestion and first.target_text:
        reason += f"; the model writes “{first.suggestion}” where the page has “{first.target_text}”"
    return reason, (src_spans[0] if src_spans else None), (tgt_spans[0] if tgt_spans else None), first.suggestion


# -- all together --------------------------------------------------------------------
def compute_signals(
    pairs: Sequence[AlignedPair],
    *,
    embedder=None,
    translators: Mapping[str, Translator] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    guard=None,
) -> list[PairSignals]:
    """Every signal available for each pair, in pair order.

    With a ``guard`` (:class:`mt_review.translate.guard.ModelGuard`) each
    direction's translations are judged first; a degenerate model contributes
    no signal, finding or translation.

    Each direction's model is called once for the page: one ``translate``
    batch and one ``score`` batch (the translators batch and cache inside).
    ``progress(stage, done, total)`` follows the model calls segment by segment.
    """

    def step(stage: str):
        return (lambda done, total: progress(stage, done, total)) if progress else None

    n = len(pairs)
    values: list[dict[str, float]] = [{} for _ in range(n)]
    translations: list[dict[str, str]] = [{} for _ in range(n)]
    token_scores: list[dict[str, TokenScores]] = [{} for _ in range(n)]
    nearest: list[tuple[int, float] | None] = [None] * n
    drops = clause_drops(pairs, embedder)
    for i, fit in enumerate(embedding_fits(pairs, embedder)):
        if fit is not None:
            values[i]["embed_sim"] = fit.sim
            if fit.margin is not None:
                values[i]["embed_margin"] = fit.margin
            if fit.nearest is not None and fit.nearest_sim is not None:
                nearest[i] = (fit.nearest, fit.nearest_sim)
    translators = translators or {}
    both = [i for i, p in enumerate(pairs) if p.src and p.tgt and p.src_text.strip() and p.tgt_text.strip()]
    src = [pairs[i].src_text for i in both]
    tgt = [pairs[i].tgt_text for i in both]

    def degenerate(direction: str, sources: list[str], outputs: list[str], tr) -> bool:
        name = getattr(getattr(tr, "info", None), "signature", "")
        return guard is not None and guard.judge(direction, sources, outputs, name)

    en_ar = translators.get("en-ar")
    mt = en_ar.translate(src, progress=step("en-ar translate")) if en_ar is not None and both else []
    if en_ar is not None and both and degenerate("en-ar", src, mt, en_ar):
        en_ar = None
    if en_ar is not None and both:
        scores = en_ar.score(src, tgt, progress=step("en-ar score"))
        for i, hyp, sc in zip(both, mt, scores, strict=True):
            if hyp:
                translations[i]["en-ar"] = hyp
                values[i].update(pseudo_reference_scores(pairs[i].tgt_text, hyp))
            if sc.logprobs:
                values[i]["lp_tgt_given_src"] = round(sc.mean, 4)
                values[i]["lp_tgt_worst"] = round(min(sc.logprobs), 4)
            token_scores[i]["en-ar"] = sc

    ar_en = translators.get("ar-en")
    back = ar_en.translate(tgt, progress=step("ar-en translate")) if ar_en is not None and both else []
    if ar_en is not None and both and degenerate("ar-en", tgt, back, ar_en):
        ar_en = None
    if ar_en is not None and both:
        scores = ar_en.score(tgt, src, progress=step("ar-en score"))
        rt_idx, rt_src, rt_back = [], [], []
        for i, b, sc in zip(both, back, scores, strict=True):
            if b:
                translations[i]["ar-en"] = b
                r = roundtrip_chrf(pairs[i].src_text, b)
                if r is not None:
                    values[i]["roundtrip_chrf"] = r
                rt_idx.append(i)
                rt_src.append(pairs[i].src_text)
                rt_back.append(b)
            if sc.logprobs:
                values[i]["lp_src_given_tgt"] = round(sc.mean, 4)
        if embedder is not None and rt_idx:
            sims = _cosines(embedder, rt_src, rt_back, rt_idx, [None] * n)
            for i in rt_idx:
                if sims[i] is not None:
                    values[i]["roundtrip_sim"] = sims[i]
    return [PairSignals(values=v, translations=t, scores=s, nearest_source=near, clause_drops=d)
            for v, t, s, near, d in zip(values, translations, token_scores, nearest, drops, strict=True)]
