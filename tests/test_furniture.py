from pathlib import Path

import pytest

from mt_review.furniture import classify_block, classify_pair, find_mt_notice, is_breadcrumb, is_icon_text, pair_furniture
from mt_review.model import Block, BlockKind, Page, PagePair

SEED = Path(__file__).resolve().parents[1] / "corpora" / "strongcities"


def _page(lang: str, texts: list[str]) -> Page:
    return Page(path=f"x.{lang}.txt", lang=lang, title="", blocks=tuple(Block(BlockKind.PARAGRAPH, t, i) for i, t in enumerate(texts)))


def _seed_page(lang: str) -> Page:
    text = (SEED / f"strongcities-nlc-workshop.{lang}.txt").read_text(encoding="utf-8")
    return _page(lang, [b.strip() for b in text.split("\n\n") if b.strip()])


@pytest.mark.parametrize(
    "text,kind",
    [
        ("— 2 minutes reading time", BlockKind.READING_TIME),
        ("Reading time: 5 min", BlockKind.READING_TIME),
        ("— 0 دقائق وقت القراءة", BlockKind.READING_TIME),
        ("٣ دقائق للقراءة", BlockKind.READING_TIME),
        ("This page was translated automatically by Google Translate.", BlockKind.MT_NOTICE),
        ("تمت ترجمة هذه الصفحة تلقائيًا. للإبلاغ عن خطأ راسلنا على errors@example.org", BlockKind.MT_NOTICE),
        ("هذه ترجمة آلية للمحتوى الأصلي", BlockKind.MT_NOTICE),
        ("menu-open search close facebook twitter", BlockKind.NAVIGATION),
        ("Home » News » Workshop in Surabaya", BlockKind.NAVIGATION),
        ("Share this article", BlockKind.NAVIGATION),
        ("شارك", BlockKind.NAVIGATION),
    ],
)
def test_furniture_is_recognised(text, kind):
    assert classify_block(Block(BlockKind.PARAGRAPH, text, 0)) is kind


@pytest.mark.parametrize(
    "text",
    [
        "The workshop lasted 2 minutes longer than planned, reading time aside.",
        "Responding to a Terrorist Attack",
        "News & Events",
        "Participants discussed how machine translation of public notices can mislead readers, "
        "and what cities can do about it when communicating in a crisis with many communities at once "
        "across several languages and channels that each reach different audiences in different ways.",
        "تعزيز التنسيق الوطني والمحلي بشأن الوقاية",
    ],
)
def test_content_is_not_furniture(text):
    assert classify_block(Block(BlockKind.PARAGRAPH, text, 0)) is None


def test_icon_and_breadcrumb_rules_are_general():
    assert is_icon_text("arrow-up arrow-down chevron-left close")
    assert not is_icon_text("Strong cities work together")
    assert is_breadcrumb("الرئيسية › الأخبار › ورشة عمل")
    assert not is_breadcrumb("A / B")


def test_seed_furniture_and_notice():
    pair = classify_pair(PagePair("seed", _seed_page("en"), _seed_page("ar")))
    kinds_en = [b.kind for b in pair.source.blocks if b.is_furniture]
    kinds_ar = [b.kind for b in pair.target.blocks if b.is_furniture]
    assert kinds_en == [BlockKind.NAVIGATION, BlockKind.READING_TIME]
    assert kinds_ar == [BlockKind.NAVIGATION, BlockKind.READING_TIME, BlockKind.MT_NOTICE]
    assert pair.target.blocks[0].kind is BlockKind.NAVIGATION
    notice = find_mt_notice(pair.target)
    assert notice is not None and notice.plugin == "WPML" and notice.block_index == len(pair.target.blocks) - 1
    assert find_mt_notice(pair.source) is None
    paired = pair_furniture(pair)
    reading = [(s, t) for k, s, t in paired if k is BlockKind.READING_TIME]
    assert len(reading) == 1 and "2" in reading[0][0].text and "0" in reading[0][1].text
    assert [(k, s) for k, s, t in paired if k is BlockKind.MT_NOTICE] == [(BlockKind.MT_NOTICE, None)]


def test_notice_email_is_extracted():
    page = classify_pair(
        PagePair("p", _page("en", ["Hello there."]), _page("ar", ["مرحبا.", "تمت ترجمة الموقع تلقائيًا. أرسل الأخطاء إلى fix@example.org"]))
    ).target
    notice = find_mt_notice(page)
    assert notice.report_email == "fix@example.org" and notice.plugin is None


def test_untranslated_menu_on_target_follows_source_navigation():
    src = _page("en", ["Share this article", "Body text here."])
    tgt = _page("ar", ["Share this article", "نص المقال هنا."])
    pair = classify_pair(PagePair("p", src, tgt))
    assert pair.target.blocks[0].kind is BlockKind.NAVIGATION
    assert pair.target.blocks[1].kind is BlockKind.PARAGRAPH


@pytest.mark.parametrize(
    "text",
    [
        "شارك في المؤتمر",  # "take part in the conference": a heading, not a share button
        "مشاركة المجتمع",  # "community participation"
        "Share your views with the city council",
        "Machine translation has improved quickly, but human review is still needed for public safety messages.",
        "الترجمة الآلية تحسنت بسرعة، لكن المراجعة البشرية ما زالت ضرورية.",
    ],
)
def test_look_alikes_of_furniture_stay_content(text):
    assert classify_block(Block(BlockKind.PARAGRAPH, text, 0)) is None


@pytest.mark.parametrize("text", ["Share on Facebook", "شارك عبر تويتر", "تابعنا على فيسبوك", "Follow us on LinkedIn"])
def test_share_labels_naming_a_network_are_navigation(text):
    assert classify_block(Block(BlockKind.PARAGRAPH, text, 0)) is BlockKind.NAVIGATION


def test_navigation_is_paired_only_with_an_identical_twin():
    src = _page("en", ["Home » News » Events", "Share this article", "Body text here."])
    tgt = _page("ar", ["الرئيسية » الأخبار » الفعاليات", "Share this article", "نص المقال هنا."])
    paired = [(k, s and s.text, t and t.text) for k, s, t in pair_furniture(classify_pair(PagePair("p", src, tgt)))]
    assert (BlockKind.NAVIGATION, "Share this article", "Share this article") in paired
    assert (BlockKind.NAVIGATION, "Home » News » Events", None) in paired
    assert (BlockKind.NAVIGATION, None, "الرئيسية » الأخبار » الفعاليات") in paired
