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


def _reference_fingerprint(page: PageReview, seg_index: int, f: Finding, rank: int) -> str:
    """The documented definition, computed the slow, obvious way (one finding at a time)."""
    import hashlib

    from mt_review.fingerprint import _VERSION, _norm

    seg = page.segments[seg_index]
    text, at = seg.pair.tgt[0].text, f.tgt_span.start
    occurrence = sum(1 for i in range(at) if text.startswith(f.tgt_span.text, i))  # overlapping, before it
    parts = [_VERSION, page.pair.name, f.check, "seg:" + _norm(seg.pair.src_text) + "#0", "",
             f"{_norm(f.tgt_span.text)}@{occurrence}", "", str(rank)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def test_many_repeats_of_a_span_in_a_long_segment_keep_their_definition_and_cost_linear_hashing(monkeypatch) -> None:
    """2,000 findings of one span text in one segment (a fuzzed file took > 5 s of rescans and rehashing):
    the occurrence index of each is still the count of that text before it, and the bytes hashed grow
    with the findings plus the text once, not with findings times text."""
    import hashlib

    from mt_review import fingerprint

    n = 2000
    src, tgt = "Officials met, " * n, "التقى المسؤولون ، " * n
    hashed = [0]
    real = hashlib.sha256

    class Counting:
        def __init__(self, data: bytes = b"") -> None:
            self.h = real(data)
            hashed[0] += len(data)

        def update(self, data: bytes) -> None:
            hashed[0] += len(data)
            self.h.update(data)

        def copy(self):
            c = Counting.__new__(Counting)
            c.h = self.h.copy()
            return c

        def hexdigest(self) -> str:
            return self.h.hexdigest()

    monkeypatch.setattr(fingerprint.hashlib, "sha256", Counting)
    page = with_fingerprints(_page([(src, tgt)]))
    findings = page.segments[0].findings
    assert len(findings) == n and len({f.fingerprint for f in findings}) == n
    monkeypatch.setattr(fingerprint.hashlib, "sha256", real)
    for k in (0, 1, 2, n // 2, n - 1):
        assert findings[k].fingerprint == _reference_fingerprint(page, 0, findings[k], 0)
    assert hashed[0] < 4 * len(src.encode()) + 200 * n  # was about n * len(src) (60 MB here)
