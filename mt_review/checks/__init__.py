"""Rule-based checks of an aligned page pair.

All checks are registered in ``REGISTRY``, in the order their findings are listed:

============  =====================================  ==========================================
check         MQM category                           finds (severity)
============  =====================================  ==========================================
numbers       accuracy/mistranslation/number         number changed / missing / added, unit
                                                     changed (major), percent sign lost,
                                                     ordinal missing (minor), month name
                                                     missing (major)
untranslated  accuracy/untranslated                  English prose segment (critical), Latin-only
                                                     line, English run, glossary term in Latin
                                                     (major), lone acronym or name, capitalised
                                                     name copied from the source (minor)
names         accuracy/named-entity                  source name/term not in the target
                                                     (Latin, transliteration, glossary,
                                                     dictionary) (major); a repeated name with
                                                     half its mentions or fewer (major); common
                                                     word transliterated instead of translated
                                                     (minor)
polarity      accuracy/polarity                      negation on one side only (critical);
                                                     more negations on one side (major)
omission      accuracy/omission                      1-0 link (major; minor under 3 words),
                                                     short length ratio (major / minor), page
                                                     cut off: one finding for a run of >= 2
                                                     trailing/leading untranslated sentences
                                                     (major, counts once per sentence in MQM),
                                                     source clause, or run of words inside
                                                     one, with no counterpart in a short pair
                                                     (major, clause / run as span)
addition      accuracy/addition                      0-1 link (major; minor under 3 words),
                                                     long length ratio (major / minor), target
                                                     clause the source does not account for
                                                     in a long pair (major, clause as span)
truncation    accuracy/truncation,                   target ends on a word that cannot end a
              accuracy/omission                      sentence, or an ellipsis, comma or
                                                     semicolon the source lacks,
                                                     or no final mark the source has in a short
                                                     pair (major); last sentence of an n-1 link lost
                                                     by length (major)
wrong_segment accuracy/wrong-segment                 target shares nothing with its source but
                                                     fits another source of the page, or shares
                                                     nothing and its length does not fit (major)
clause_embed  accuracy/addition                      with an embedder: a target clause whose
                                                     removal brings the target closer to the
                                                     source, none of its words in the source by
                                                     the dictionary (major)
preserved     accuracy/do-not-translate[/placeholder] URL, e-mail, placeholder, code missing or
              markup/tag                             changed (major; a link localised with /ar/
                                                     or lang=ar is kept); extra in target (minor)
terminology   terminology/wrong-term,                forbidden rendering not inside an approved
              terminology/inconsistent[-with-termbase]  one (major), no approved rendering
                                                     (minor), two renderings on a page (minor);
              terminology/inconsistent-across-site   after all pages: a term rendered unlike the
                                                     export's dominant rendering (mt_review.terms;
                                                     minor, major for names)
punctuation   fluency/punctuation                    Latin , ; ?  space before a mark, unbalanced
                                                     brackets/quotes, cut-short ending (minor)
spelling      fluency/spelling, fluency/grammar      detached و, doubled word (minor)
hygiene       fluency/character-encoding             bidi overrides, mojibake, U+FFFD (major),
                                                     other invisible characters, LRM/RLM/ALM
                                                     with no direction change around (minor)
model_        accuracy/mistranslation                needs a translation model
surprisal                                            (mt_review.checks.model_findings): a run of
                                                     Arabic tokens the en->ar model finds far
                                                     less likely than its own choice (minor /
                                                     major by the gap)
model_        accuracy/mistranslation                needs a translation model: the calibrated
divergence                                           model signals alone say minor or worse and
                                                     a model signal leads (minor / major)
============  =====================================  ==========================================

Checks with ``needs`` (the model checks) run only when the run has what they
need, and are otherwise listed as skipped (:func:`skipped_checks`).  Every
check's findings can be re-graded by name (``severity_overrides``, the
``severity`` table of the configuration); re-grading to ``none`` drops them.

``run_checks`` runs them over a page; ``check_furniture_numbers`` runs only the
number check on a piece of site furniture (reading time, ...).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Collection, Iterable, Mapping

from mt_review.checks.addition import AdditionCheck
from mt_review.checks.base import Check, CheckContext
from mt_review.checks.clause_embed import ClauseEmbedCheck
from mt_review.checks.hygiene import HygieneCheck
from mt_review.checks.model_findings import ModelDivergenceCheck, ModelSurprisalCheck
from mt_review.checks.names import NamesCheck
from mt_review.checks.base import REPORTING
from mt_review.checks.numbers import NumbersCheck, compare_numbers
from mt_review.checks.omission import OmissionCheck
from mt_review.checks.polarity import PolarityCheck
from mt_review.checks.preserved import PreservedCheck
from mt_review.checks.punctuation import PunctuationCheck
from mt_review.checks.spelling import SpellingCheck
from mt_review.checks.terminology import TerminologyCheck
from mt_review.checks.truncation import TruncationCheck
from mt_review.checks.untranslated import UntranslatedCheck
from mt_review.checks.wrong_segment import WrongSegmentCheck
from mt_review.errors import InputError
from mt_review.model import Block, Finding, Segment, Severity

REGISTRY: dict[str, type[Check]] = {
    c.name: c
    for c in (
        NumbersCheck,
        UntranslatedCheck,
        NamesCheck,
        PolarityCheck,
        OmissionCheck,
        AdditionCheck,
        TruncationCheck,
        WrongSegmentCheck,
        ClauseEmbedCheck,
        PreservedCheck,
        TerminologyCheck,
        PunctuationCheck,
        SpellingCheck,
        HygieneCheck,
        ModelSurprisalCheck,
        ModelDivergenceCheck,
    )
}
NEED_WORDS = {"model": "translation model"}  # how a skipped check's missing need is named in the notice

__all__ = ["REGISTRY", "Check", "CheckContext", "run_checks", "check_furniture_numbers", "made_by_models",
           "regrade", "skipped_checks"]


def made_by_models(check: str) -> bool:
    """Is ``check`` a registered check that needs a translation model?  (The calibrated risk's
    ``check_severity`` feature counts the other findings only.)"""
    cls = REGISTRY.get(check)
    return cls is not None and "model" in cls.needs


def skipped_checks(enabled: Collection[str] | None, available: Collection[str]) -> list[str]:
    """One notice per missing need naming the enabled checks that cannot run without it."""
    names = list(REGISTRY) if enabled is None else [n for n in REGISTRY if n in set(enabled)]
    out = []
    for need, words in NEED_WORDS.items():
        lacking = [n for n in names if need in REGISTRY[n].needs and need not in available]
        if lacking:
            out.append(f"skipped checks (no {words}): {', '.join(lacking)}")
    return out


def regrade(findings: Iterable[Finding], overrides: Mapping[str, Severity] | None) -> list[Finding]:
    """``findings`` with the severity ``overrides`` maps their check to; ``Severity.NONE`` drops them."""
    if not overrides:
        return list(findings)
    out = []
    for f in findings:
        sev = overrides.get(f.check)
        if sev is None:
            out.append(f)
        elif sev is not Severity.NONE:
            out.append(replace(f, severity=sev))
    return out


def run_checks(
    ctx: CheckContext,
    enabled: Collection[str] | None = None,
    severity_overrides: Mapping[str, Severity] | None = None,
) -> list[list[Finding]]:
    """Findings per pair of ``ctx.pairs``, in registry order then check order.

    ``enabled`` limits the checks by name (unknown names are an InputError).
    A check whose ``needs`` are not in ``ctx.available`` does not run.
    ``severity_overrides`` maps a check name to the severity all its findings
    get; ``Severity.NONE`` drops that check's findings (:func:`regrade`).
    ``ctx.memo[REPORTING]`` names the checks whose findings the run reports
    (:func:`~mt_review.checks.base.reporting`): one defect, one finding, by the check
    whose category says what it is -- untranslated leaves a Latin name the source
    lacks to names and a renumbered name (V6L for V4L) to numbers, names leaves the
    renumbered name to numbers -- when that check reports.
    """
    names = list(REGISTRY)
    if enabled is not None:
        unknown = sorted(set(enabled) - set(REGISTRY))
        if unknown:
            raise InputError(f"unknown check(s): {', '.join(unknown)} (known: {', '.join(REGISTRY)})")
        names = [n for n in names if n in set(enabled)]
    overrides = dict(severity_overrides or {})
    unknown = sorted(set(overrides) - set(REGISTRY))
    if unknown:
        raise InputError(f"severity override for unknown check(s): {', '.join(unknown)}")
    result: list[list[Finding]] = [[] for _ in ctx.pairs]
    names = [n for n in names if set(REGISTRY[n].needs) <= ctx.available]  # the others: skipped_checks
    # the checks whose findings this run reports: a check stands down on a defect that another of them owns
    # (one finding per defect), and only then
    ctx.memo[REPORTING] = frozenset(n for n in names if overrides.get(n) is not Severity.NONE)
    for name in names:
        check = REGISTRY[name]
        per_pair = check().run_page(ctx)
        for i in range(len(ctx.pairs)):
            result[i].extend(regrade(per_pair.get(i, []), overrides))
    return result


def check_furniture_numbers(src: Block | None, tgt: Block | None) -> list[Finding]:
    """The number check on a piece of site furniture ("2 minutes" vs "0 دقائق")."""
    if src is None or tgt is None:
        return []
    s = Segment(src.index, 0, len(src.text), src.text)
    t = Segment(tgt.index, 0, len(tgt.text), tgt.text)
    return compare_numbers(NumbersCheck(), (s,), (t,))
