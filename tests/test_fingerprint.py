"""Finding fingerprints: stable across unrelated edits, distinct for distinct findings."""

from __future__ import annotations

import dataclasses
import json

from mt_review.baseline import without_ignored
from mt_review.config import ReviewSettings
from mt_review.fingerprint import with_fingerprints, finding_fingerprint, finding_fingerprint_full
from mt_review.model import (
    AlignedPair,
    Block,
    BlockKind,
    Finding,
    FurnitureReview,
    Page,
    PagePair,
    PageReview,
    RunReport,
    Segment,
    SegmentReview,
    Severity,
    Signature,
    Span,
)
from mt_review.report import sarif
from mt_review.report.common import ReportContext
from tests.conftest import SEED_AR, SEED_EN

SIG = Signature("0.1.0", "anchors+length", "none", {}, {}, "cfg")


def _comma_findings(block: int, text: str) -> tuple[Finding, ...]:
    """One 'space before the Arabic comma' finding per " ،" in ``text``."""
    out, at = [], text.find(" ،")
    while at >= 0:
        out.append(Finding("punctuation", "fluency/punctuation", Severity.MINOR, "space before a comma",
                           tgt_span=Span(block, at, at + 2, " ،")))
        at = text.find(" ،", at + 1)
    return tuple(out)


def _page(paragraphs: list[tuple[str, str]], name: str = "about") -> PageReview:
    src = tuple(Block(BlockKind.PARAGRAPH, s, i) for i, (s, _) in enumerate(paragraphs))
    tgt = tuple(Block(BlockKind.PARAGRAPH, t, i) for i, (_, t) in enumerate(paragraphs))
    pair = PagePair(name, Page(f"{name}.en.txt", "en", name, src), Page(f"{name}.ar.txt", "ar", name, tgt))
    segs = []
    for i, (s, t) in enumerate(paragraphs):
        ap = AlignedPair((Segment(i, 0, len(s), s),), (Segment(i, 0, len(t), t),), 0.9)
        fs = _comma_findings(i, t)
        segs.append(SegmentReview(ap, findings=fs))
    return PageReview(pair, tuple(segs), source_words=20)


PARAS = [
    ("Officials, mayors and experts met.", "التقى المسؤولون ، ورؤساء البلديات والخبراء."),
    ("Malaysia, the Philippines and Indonesia.", "ماليزيا ، والفلبين وإندونيسيا."),
]


def test_same_span_in_two_segments_gives_two_fingerprints() -> None:
    page = _page(PARAS)
    a, b = page.segments[0].findings[0], page.segments[1].findings[0]
    # the same check and the same evidence text, in two different sentences
    assert (a.check, a.tgt_span.text) == (b.check, b.tgt_span.text)
    assert finding_fingerprint(page, a) != finding_fingerprint(page, b)


def test_identical_findings_in_one_segment_are_told_apart() -> None:
    page = _page([("Officials, mayors, and experts met.", "التقى المسؤولون ، ورؤساء البلديات ، والخبراء.")])
    first, second = page.segments[0].findings
    assert finding_fingerprint(page, first) != finding_fingerprint(page, second)
    # and even two findings equal in every field, one after the other
    bare = dataclasses.replace(first, fingerprint="")  # as a check makes it, before the review stamps it
    dup = dataclasses.replace(page.segments[0], findings=(bare, dataclasses.replace(bare)))
    page2 = with_fingerprints(dataclasses.replace(page, segments=(dup,)))
    fps = {finding_fingerprint(page2, f) for f in page2.segments[0].findings}
    assert len(fps) == 2


def test_fingerprints_survive_unrelated_edits_and_baselining() -> None:
    page = _page(PARAS)
    before = [finding_fingerprint(page, f) for f in page.findings]
    # an editor inserts a sentence (with its own " ،") before: blocks and offsets shift
    edited = _page([("News, first.", "أخبار ، أولا.")] + PARAS)
    after = [finding_fingerprint(edited, f) for f in edited.findings]
    assert after[1:] == before
    # taking one finding out (a baseline) leaves the others' fingerprints as they were
    run = RunReport(pages=(edited,), signature=SIG)
    left = without_ignored(run, frozenset({after[0]})).pages[0]
    assert [finding_fingerprint(left, f) for f in left.findings] == after[1:]


def test_furniture_findings_fingerprinted_by_their_text() -> None:
    page = _page(PARAS)
    rt = lambda i, en, ar: FurnitureReview(  # noqa: E731
        BlockKind.READING_TIME, Block(BlockKind.READING_TIME, en, i), Block(BlockKind.READING_TIME, ar, i),
        (Finding("numbers", "accuracy/number", Severity.MAJOR, "2 became 0",
                 src_span=Span(i, 0, 1, en[0]), tgt_span=Span(i, 0, 1, ar[0])),),
    )
    page = dataclasses.replace(page, furniture=(rt(5, "2 minutes reading time", "0 دقيقة"), rt(9, "2 min", "0 د")))
    fps = [finding_fingerprint(page, f) for f in page.findings]
    assert len(set(fps)) == len(fps)


def test_seed_page_findings_all_distinct() -> None:
    from mt_review.pipeline import review_paths

    run = review_paths([SEED_EN, SEED_AR], ReviewSettings(embedder="none", model_en_ar="", model_ar_en=""))
    page = run.pages[0]
    findings = page.findings
    seg_findings = [f for s in page.segments for f in s.findings]
    assert len(seg_findings) >= 10  # " ،" and friends repeat across sentences
    fps = [finding_fingerprint(page, f) for f in findings]
    assert len(set(fps)) == len(fps)
    assert all(len(fp) == 32 for fp in fps)
    assert [finding_fingerprint_full(page, f)[:32] for f in findings] == fps
    # deterministic: a second run gives the same fingerprints
    again = review_paths([SEED_EN, SEED_AR], ReviewSettings(embedder="none", model_en_ar="", model_ar_en=""))
    assert [finding_fingerprint(again.pages[0], f) for f in again.pages[0].findings] == fps
    # SARIF carries the same, one function for both keys
    log = json.loads(sarif.render(ReportContext(run=run)))
    results = log["runs"][0]["results"]
    short = [r["partialFingerprints"]["mtReviewFinding/v1"] for r in results]
    full = [r["partialFingerprints"]["mtReviewText/v1"] for r in results]
    assert sorted(short) == sorted(fps)
    assert len(set(full)) == len(full) and all(fl.startswith(s) for s, fl in zip(short, full))
