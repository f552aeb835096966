"""Risk, severity, driver and page score are derived from the findings and signals, never stored and patched.

``SegmentReview`` and ``PageReview`` compute them when they are made, so
filtering findings (baseline, decisions) or adding some (learned terms) through
``dataclasses.replace`` always yields the values a fresh review would give.
"""

from __future__ import annotations

import dataclasses

import pytest

from mt_review.baseline import without_ignored
from mt_review.fingerprint import finding_fingerprint, with_fingerprints
from mt_review.model import (
    AlignedPair,
    Block,
    BlockKind,
    Finding,
    Page,
    PagePair,
    PageReview,
    RunReport,
    Segment,
    SegmentReview,
    Severity,
    Signature,
)
from mt_review.score import calibration as C
from mt_review.score.quality import segments_score
from mt_review.score.risk import segment_risk

SIG = Signature("0.1.0", "anchors+length", "none", {}, {}, "cfg")
EN = ("We train 250 officials every year, in 12 cities.", "Contact us today.")
AR = ("ندرب 25 مسؤولا كل عام , في 12 مدينة.", "اتصل بنا اليوم.")


def _page(findings_of_first: tuple[Finding, ...], signals: dict[str, float] | None = None,
          calibration: C.Calibration | None = None) -> PageReview:
    src = tuple(Block(BlockKind.PARAGRAPH, t, i) for i, t in enumerate(EN))
    tgt = tuple(Block(BlockKind.PARAGRAPH, t, i) for i, t in enumerate(AR))
    pair = PagePair("about", Page("about.en.txt", "en", "About", src), Page("about.ar.txt", "ar", "About", tgt))
    segs = []
    for i, (s, t) in enumerate(zip(EN, AR, strict=True)):
        ap = AlignedPair((Segment(i, 0, len(s), s),), (Segment(i, 0, len(t), t),), 0.9)
        segs.append(SegmentReview(ap, signals=signals or {}, findings=findings_of_first if i == 0 else (),
                                  calibration=calibration))
    return with_fingerprints(PageReview(pair, tuple(segs), source_words=20))


NUMBER = Finding("numbers", "accuracy/mistranslation/number", Severity.MAJOR, "250 became 25")
COMMA = Finding("punctuation", "fluency/punctuation", Severity.MINOR, "Latin comma")


def _derived(seg: SegmentReview) -> tuple[float, Severity, str | None]:
    return segment_risk(seg.findings, seg.signals, seg.calibration)


def test_a_baselined_finding_raises_the_page_score_and_lowers_the_segment_severity() -> None:
    page = _page((NUMBER, COMMA))
    seg = page.segments[0]
    assert (seg.severity, seg.driver) == (Severity.MAJOR, "numbers") and page.score == 70.0  # (5 + 1) per 20 words
    number = next(f for f in page.findings if f.check == "numbers")
    left = without_ignored(RunReport(pages=(page,), signature=SIG), frozenset({finding_fingerprint(page, number)}))
    kept = left.pages[0].segments[0]
    assert [f.check for f in kept.findings] == ["punctuation"]
    assert (kept.risk, kept.severity, kept.driver) == (0.3, Severity.MINOR, "punctuation")
    assert left.pages[0].score == 95.0  # only the minor finding's penalty is left
    assert left.pages[0].segments[1] is page.segments[1]  # nothing taken out: the same segment


def test_setting_aside_keeps_the_runs_calibration() -> None:
    """A segment re-derived after a baseline reads its risk with the calibration it was reviewed with."""
    from test_calibration import synthetic

    rows, labels = synthetic()
    mine = C.fit(rows, labels)
    signals = {"embed_sim": 0.9, "pseudo_chrf": 8.0, "roundtrip_chrf": 12.0, "lp_tgt_given_src": -3.6}
    assert segment_risk((COMMA,), signals, mine) != segment_risk((COMMA,), signals)  # the two calibrations differ here
    page = _page((NUMBER, COMMA), signals, mine)
    number = next(f for f in page.findings if f.check == "numbers")
    left = without_ignored(RunReport(pages=(page,), signature=SIG), frozenset({finding_fingerprint(page, number)}))
    kept = left.pages[0].segments[0]
    assert kept.calibration is mine and (kept.risk, kept.severity, kept.driver) == segment_risk(kept.findings, signals, mine)


def test_no_stored_field_can_disagree_with_its_findings() -> None:
    page = _page((NUMBER, COMMA), {"embed_sim": 0.81})
    # the derived values cannot be given ...
    with pytest.raises(TypeError):
        SegmentReview(page.segments[0].pair, risk=0.9)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        PageReview(page.pair, page.segments, score=100.0)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        dataclasses.replace(page.segments[0], severity=Severity.NONE)  # type: ignore[misc]
    # ... and follow every change of the findings or signals
    for seg in page.segments:
        assert (seg.risk, seg.severity, seg.driver) == _derived(seg)
    more = dataclasses.replace(page.segments[1], findings=(NUMBER,))
    assert (more.severity, more.driver) == (Severity.MAJOR, "numbers") and (more.risk, more.severity, more.driver) == _derived(more)
    fewer = dataclasses.replace(page.segments[0], findings=())
    assert (fewer.severity, fewer.driver) == (Severity.MINOR, "embed_sim")  # the signal alone is left
    calmer = dataclasses.replace(fewer, signals={})
    assert (calmer.risk, calmer.severity, calmer.driver) == (0.0, Severity.NONE, None)
    changed = dataclasses.replace(page, segments=(fewer, more))
    assert changed.score == segments_score(changed.segments, changed.source_words) == 75.0
    assert dataclasses.replace(changed, source_words=40).score == 87.5


def test_reviewed_pages_hold_derived_values(tmp_path) -> None:
    """Every segment and page the pipeline makes (with learned terms added afterwards) agrees with its findings."""
    from mt_review.config import ReviewSettings
    from mt_review.pipeline import load_resources, review_paths

    for name, en, ar in (("a", "Our network has 250 cities, in 12 regions.\n\nThe Network trains mayors.",
                          "شبكتنا تضم 25 مدينة , في 12 منطقة.\n\nتدرب الشبكة رؤساء البلديات."),
                         ("b", "The Network meets in June.", "تجتمع الشبكة في يونيو.")):
        (tmp_path / f"{name}.en.txt").write_text(en, encoding="utf-8")
        (tmp_path / f"{name}.ar.txt").write_text(ar, encoding="utf-8")
    settings = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")
    run = review_paths([tmp_path], settings, resources=load_resources(settings, need_models=False))
    assert any(p.findings for p in run.pages)
    for page in run.pages:
        assert page.score == segments_score(page.segments, page.source_words)
        for seg in page.segments:
            assert (seg.risk, seg.severity, seg.driver) == _derived(seg)
            assert seg.severity.rank >= max((f.severity.rank for f in seg.findings), default=0)
