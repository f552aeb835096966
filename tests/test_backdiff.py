"""Back-translation word diff: editor sentences with both spans, and clean twins that stay quiet."""

from __future__ import annotations

import re
from html import unescape

import pytest

from mt_review.model import AlignedPair, Block, BlockKind, Page, PagePair, PageReview, RunReport, Segment, \
    SegmentReview, Severity, Signature
from mt_review.score import calibration as C
from mt_review.score import signals as S
from mt_review.score.backdiff import arabic_divergences, explain, light_stem
from tests.lexicon_marks import needs_wordnet

EN = "The report lists the takeaways of the meeting."
AR = "يسرد التقرير الوجبات السريعة للاجتماع."  # "takeaways" rendered as fast food
MODEL_AR = "يسرد التقرير الدروس المستفادة من الاجتماع."  # the model's en->ar ("lessons learnt")
BACK = "The report lists the fast food of the meeting."  # hand-written ar->en back-translation of AR


def test_fast_food_reads_back_where_the_source_says_takeaways():
    (ex,) = explain(EN, BACK, AR, MODEL_AR)
    assert ex.message == "the Arabic reads back as “fast food” where the source says “takeaways”"
    assert EN[ex.source[0]:ex.source[1]] == "takeaways"
    assert AR[ex.target[0]:ex.target[1]] == "الوجبات السريعة"
    assert ex.suggestion == "الدروس المستفادة"


@needs_wordnet
@pytest.mark.parametrize("back", [
    "The report lists the takeaway of the meeting.",  # base form
    "The reports listed the takeaways of the meetings.",  # inflections
    "The study lists the takeaways of the meeting.",  # WordNet synonym (report ~ study)
])
def test_clean_back_translations_explain_nothing(back):
    assert explain(EN, back, MODEL_AR, MODEL_AR) == []


def test_missing_and_added_words_are_said_as_such():
    (gone,) = explain("Close the window and the door.", "Close the window.", "", None)
    assert gone.message == "the Arabic reads back without “door”" and gone.target is None
    (extra,) = explain("Close the window.", "Close the window quickly.", "", None)
    assert extra.message == "the Arabic reads back with “quickly”, which the source does not say"


def test_arabic_side_compares_light_stems():
    assert light_stem("والمدينة") == light_stem("المدينة") == light_stem("مدينة")
    assert arabic_divergences("زار الوفد المدينة", "وزار الوفد مدينة") == []
    (d,) = arabic_divergences(AR, MODEL_AR)
    assert d.left_text == "الوجبات السريعة" and d.right_text == "الدروس المستفادة"


def _pair():
    src = Segment(0, 0, len(EN), EN)
    tgt = Segment(0, 0, len(AR), AR)
    return AlignedPair((src,), (tgt,), 1.0)


@pytest.fixture
def firing(monkeypatch):
    """A calibration under which low pseudo_chrf alone is a major divergence."""
    cal = C.Calibration(features=("pseudo_chrf", "check_severity"), mean=(50.0, 0.0), scale=(10.0, 1.0),
                        coef=(-2.0, 1.0), missing_coef=(0.0, 0.0), intercept=-2.0,
                        thresholds={"ok": 0.1, "minor": 0.3, "major": 0.6})
    monkeypatch.setattr(C, "shipped", lambda: cal)
    return cal


def test_divergence_finding_carries_the_word_diff_with_both_spans(firing):
    f = S.divergence_finding({"pseudo_chrf": 20.0}, MODEL_AR, None, _pair(), {"en-ar": MODEL_AR, "ar-en": BACK})
    assert f is not None and f.severity is Severity.MAJOR
    assert "the Arabic reads back as “fast food” where the source says “takeaways”" in f.message
    assert f.src_span.text == "takeaways" and f.tgt_span.text == "الوجبات السريعة"
    assert f.suggestion == "الدروس المستفادة" and "pseudo_chrf" in f.threshold
    # a back-translation that says the same keeps the plain message and no spans
    same = S.divergence_finding({"pseudo_chrf": 20.0}, MODEL_AR, None, _pair(),
                                {"en-ar": MODEL_AR, "ar-en": "The report lists the takeaways of the meeting."})
    assert same.src_span is None and same.tgt_span is None and "reads back" not in same.message


def test_html_report_marks_both_spans(firing):
    from mt_review.report.common import ReportContext
    from mt_review.report.html import render

    ap = _pair()
    f = S.divergence_finding({"pseudo_chrf": 20.0}, MODEL_AR, None, ap, {"en-ar": MODEL_AR, "ar-en": BACK})
    src = Page("a.en.txt", "en", "", (Block(BlockKind.PARAGRAPH, EN, 0),))
    tgt = Page("a.ar.txt", "ar", "", (Block(BlockKind.PARAGRAPH, AR, 0),))
    seg = SegmentReview(pair=ap, signals={"pseudo_chrf": 20.0}, findings=(f,),
                        translations={"en-ar": MODEL_AR, "ar-en": BACK})
    run = RunReport(pages=(PageReview(pair=PagePair("a", src, tgt), segments=(seg,)),),
                    signature=Signature("0", "anchors+length", "none", {}, {}, "cfg"))
    html = unescape(render(ReportContext(run=run)).decode("utf-8"))
    marked = re.findall(r"<mark[^>]*>([^<]*)</mark>", html)
    assert "takeaways" in marked and "الوجبات السريعة" in marked
