"""The seed page (a real WPML auto-translation): its known defects are caught, its clean sentences are not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mt_review.checks import CheckContext, check_furniture_numbers, run_checks
from mt_review.glossary import load_glossary
from mt_review.model import AlignedPair, Block, BlockKind, Page, Segment, Severity

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "strongcities"


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]


def _kind(text: str) -> BlockKind:
    if text.startswith("arrow-circle"):
        return BlockKind.NAVIGATION
    if "reading time" in text or "وقت القراءة" in text:
        return BlockKind.READING_TIME
    if "WPML" in text:
        return BlockKind.MT_NOTICE
    return BlockKind.PARAGRAPH


@pytest.fixture(scope="module")
def seed():
    en = _paragraphs(SEED / "strongcities-nlc-workshop.en.txt")
    ar = _paragraphs(SEED / "strongcities-nlc-workshop.ar.txt")
    sb = tuple(Block(_kind(t), t, i) for i, t in enumerate(en))
    tb = tuple(Block(_kind(t), t, i) for i, t in enumerate(ar))
    # the Arabic page has one more block (the MT notice) at the end; content pairs by position
    pairs = tuple(
        AlignedPair((Segment(i, 0, len(s.text), s.text),), (Segment(i, 0, len(t.text), t.text),), 1.0)
        for i, (s, t) in enumerate(zip(sb, tb)) if not s.is_furniture and not t.is_furniture
    )
    ctx = CheckContext(Page("en", "en", "", sb), Page("ar", "ar", "", tb), pairs,
                       load_glossary(SEED / "glossary.csv"))
    return ctx, run_checks(ctx)


def _pair_with(ctx, results, needle):
    for pair, fs in zip(ctx.pairs, results):
        if needle in pair.tgt_text:
            return pair, fs
    raise AssertionError(needle)


def test_reading_time_2_vs_0(seed):
    ctx, _ = seed
    src = next(b for b in ctx.source.blocks if b.kind is BlockKind.READING_TIME)
    tgt = next(b for b in ctx.target.blocks if b.kind is BlockKind.READING_TIME)
    fs = check_furniture_numbers(src, tgt)
    assert len(fs) == 1
    assert fs[0].src_span.text == "2" and fs[0].tgt_span.text == "0"
    assert tgt.text[fs[0].tgt_span.start:fs[0].tgt_span.end] == "0"


@pytest.mark.parametrize("acronym,needle", [("LPNs", "LPNs ومنع"), ("NLC", "من أجل NLC")])
def test_acronyms_left_in_latin(seed, acronym, needle):
    ctx, results = seed
    _, fs = _pair_with(ctx, results, needle)
    hits = [f for f in fs if f.check == "untranslated" and f.tgt_span.text == acronym]
    assert hits and hits[0].category == "accuracy/untranslated"


def test_iij_after_expansion_not_flagged(seed):
    ctx, results = seed
    pair, fs = _pair_with(ctx, results, "(IIJ)")
    assert not [f for f in fs if f.check == "untranslated"]


@pytest.mark.parametrize("needle,text", [("سورابايا ، إندونيسيا", " ،"), ("الإقليمية .", " .")])
def test_space_before_arabic_punctuation(seed, needle, text):
    ctx, results = seed
    pair, fs = _pair_with(ctx, results, needle)
    block = ctx.target.blocks[pair.tgt[0].block_index].text
    at = block.index(needle) + needle.index(text)
    hits = [f for f in fs if f.check == "punctuation" and f.tgt_span.start == at]
    assert hits and hits[0].tgt_span.text == text and hits[0].category == "fluency/punctuation"


def test_latin_comma_and_detached_waw(seed):
    ctx, results = seed
    needle = "(متوفر في إنجليزي, فرنسي و عربي)"
    pair, fs = _pair_with(ctx, results, needle)
    block = ctx.target.blocks[pair.tgt[0].block_index].text
    start = block.index(needle)
    comma = [f for f in fs if f.check == "punctuation" and f.tgt_span.text == ","]
    assert comma and comma[0].tgt_span.start == start + needle.index(",")
    assert comma[0].category == "fluency/punctuation"
    waw = [f for f in fs if f.check == "spelling" and f.tgt_span.text == "و عربي"]
    assert waw and waw[0].category == "fluency/spelling" and waw[0].tgt_span.start == start + needle.index("و عربي")


def test_takeaways_forbidden_rendering(seed):
    ctx, results = seed
    _, fs = _pair_with(ctx, results, "الوجبات السريعة")
    hits = [f for f in fs if f.check == "terminology" and "الوجبات السريعة" in f.tgt_span.text]
    assert hits and hits[0].severity is Severity.MAJOR and hits[0].src_span.text == "takeaways"


def test_deep_dive_forbidden_rendering(seed):
    ctx, results = seed
    _, fs = _pair_with(ctx, results, "الغوص العميق")
    assert [f for f in fs if f.check == "terminology" and f.tgt_span and f.tgt_span.text == "الغوص العميق"]


@pytest.mark.parametrize("needle", [
    "وشملت الموضوعات استخدام علامات التصنيف",
    "وتناول اليوم الأخير دور قادة المجتمع",
    "وشكلت ورشة العمل هذه خطوة تالية مهمة",
    "تعزيز التنسيق الوطني والمحلي بشأن الوقاية",
    "ابق على اطلاع بأحدث الأخبار",
])
def test_clean_body_sentences_have_no_major(seed, needle):
    ctx, results = seed
    _, fs = _pair_with(ctx, results, needle)
    assert not [f for f in fs if f.severity.rank >= Severity.MAJOR.rank]


def test_every_span_points_into_its_block(seed):
    ctx, results = seed
    for fs in results:
        for f in fs:
            for span, page in ((f.src_span, ctx.source), (f.tgt_span, ctx.target)):
                if span is not None:
                    assert page.blocks[span.block_index].text[span.start:span.end] == span.text
            assert f.message and f.threshold and f.category
