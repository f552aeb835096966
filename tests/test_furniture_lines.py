"""Furniture inside content blocks (line level) and machine-translation notices of any wording."""

import pytest

from mt_review import pipeline
from mt_review.config import ReviewSettings
from mt_review.furniture import (
    classify_pair,
    classify_text,
    find_mt_notice,
    furniture_of,
    is_mt_notice,
    notice_score,
)
from mt_review.model import Block, BlockKind, Page, PagePair
from mt_review.segment import split_block

BODY_EN = [
    "Strong Cities partnered with the institute to host a workshop on prevention in Surabaya.",
    "The workshop brought together national and local officials and civil society.",
    "Participants shared examples of community interventions to prevent extremism.",
]
BODY_AR = [
    "تعاونت المدن القوية مع المعهد لاستضافة ورشة عمل حول الوقاية في سورابايا.",
    "جمعت ورشة العمل مسؤولين وطنيين ومحليين وممثلين عن المجتمع المدني.",
    "تبادل المشاركون أمثلة على التدخلات المجتمعية لمنع التطرف.",
]
TITLE_EN, TITLE_AR = "Responding to a Terrorist Attack", "الاستجابة لهجوم إرهابي"


def _page(lang, texts):
    return Page(path=f"p.{lang}.txt", lang=lang, title="", blocks=tuple(Block(BlockKind.PARAGRAPH, t, i) for i, t in enumerate(texts)))


def _review(src_blocks, tgt_blocks):
    pair = PagePair("p", _page("en", src_blocks), _page("ar", tgt_blocks))
    return pipeline.review_page(pair, ReviewSettings(embedder="none"), pipeline.Resources())


# navigation line, title line: (English block, Arabic block)
SHARED_BLOCKS = [
    ("Home | About | News | Contact\n" + TITLE_EN, "Home | About | News | Contact\n" + TITLE_AR),
    ("Home | About | News | Contact\n" + TITLE_EN, "الرئيسية | من نحن | الأخبار | اتصل بنا\n" + TITLE_AR),
    ("arrow-left menu-open search close\n" + TITLE_EN, "arrow-left menu-open search close\n" + TITLE_AR),
    ("arrow-left menu-open " + TITLE_EN, "arrow-left menu-open " + TITLE_AR),
    (TITLE_EN + " facebook twitter linkedin", TITLE_AR + " facebook twitter linkedin"),
    ("News » Events » Workshops\n" + TITLE_EN, "الأخبار » الفعاليات » ورش العمل\n" + TITLE_AR),
    (TITLE_EN + "\nBy Jane Doe\n12 March 2024", TITLE_AR + "\nبقلم جين دو\n١٢ مارس ٢٠٢٤"),
    (TITLE_EN + "\nShare this article", TITLE_AR + "\nشارك هذا المقال"),
    ("Latest News Events Toolkits\n" + TITLE_EN, "Latest News Events Toolkits\n" + TITLE_AR),
    ("Publication Date:\n" + TITLE_EN, "تاريخ النشر: 12 مارس 2024\n" + TITLE_AR),
]


@pytest.mark.parametrize("en,ar", SHARED_BLOCKS)
def test_navigation_sharing_a_block_with_the_title_is_not_flagged(en, ar):
    review = _review([en, *BODY_EN], [ar, *BODY_AR])
    flagged = [f for s in review.segments for f in s.findings
               if f.check in ("untranslated", "omission", "addition", "numbers")]
    assert flagged == [], [(f.check, f.message, f.src_span, f.tgt_span) for f in flagged]
    # the title itself is aligned 1-1 with its translation
    title = [s.pair for s in review.segments if TITLE_EN in s.pair.src_text]
    assert len(title) == 1 and title[0].tgt_text.strip() == TITLE_AR
    # and the navigation is reported as furniture instead
    assert any(fr.source is not None or fr.target is not None for fr in review.furniture)


def test_twin_without_the_navigation_line_flags_nothing_either():
    review = _review([TITLE_EN, *BODY_EN], [TITLE_AR, *BODY_AR])
    assert not [f for s in review.segments for f in s.findings if f.check in ("untranslated", "omission", "addition")]


def test_prose_line_left_untranslated_in_a_block_is_still_flagged():
    left = "The workshop ended on Friday with a joint statement by all the cities."
    review = _review([TITLE_EN + "\n" + left, *BODY_EN], [TITLE_AR + "\n" + left, *BODY_AR])
    hits = [f for s in review.segments for f in s.findings if f.check == "untranslated"]
    assert any(f.tgt_span and "joint statement" in f.tgt_span.text for f in hits)


def test_a_short_english_line_missing_from_the_arabic_is_still_an_omission():
    review = _review([TITLE_EN + "\nThe mayors signed a joint declaration on Friday.", *BODY_EN], [TITLE_AR, *BODY_AR])
    assert any(f.check == "omission" and "joint declaration" in (f.src_span.text if f.src_span else "")
               for s in review.segments for f in s.findings)


def test_line_furniture_is_not_segmented_and_keeps_offsets():
    pair = classify_pair(PagePair("p", _page("en", ["Home | About | Contact\n" + TITLE_EN]),
                                  _page("ar", ["الرئيسية | من نحن | اتصل بنا\n" + TITLE_AR])))
    block = pair.source.blocks[0]
    assert block.kind is BlockKind.PARAGRAPH and block.furniture
    segs = split_block(block, "en")
    assert [s.text for s in segs] == [TITLE_EN]
    assert all(block.text[s.start:s.end] == s.text for s in segs)
    assert [b.text for b in furniture_of(pair.source)] == ["Home | About | Contact"]


def test_reading_time_inside_a_block_is_still_number_compared():
    review = _review([TITLE_EN + "\n2 minutes reading time", *BODY_EN], [TITLE_AR + "\n0 دقائق وقت القراءة", *BODY_AR])
    reading = [fr for fr in review.furniture if fr.kind is BlockKind.READING_TIME]
    assert len(reading) == 1 and reading[0].findings and reading[0].findings[0].check == "numbers"


@pytest.mark.parametrize("text", [
    "Published 12 March 2024", "12/03/2024", "Updated: Monday, 3 June 2024", "١٢ مارس ٢٠٢٤",
    "نشر في 3 حزيران 2024", "By Jane Doe", "بقلم: سارة أحمد", "Publication Date:", "Tags:",
])
def test_metadata_lines_are_furniture(text):
    assert classify_text(text) is BlockKind.NAVIGATION


@pytest.mark.parametrize("text", [
    "In March 2024 the council met again.",  # a sentence with a date in it
    "By working together, cities can prevent violence.",  # starts like a byline
    "The workshop covered three topics:",  # introduces a list
    "2024",
    "Responding to a Terrorist Attack",
])
def test_sentences_with_dates_or_colons_stay_content(text):
    assert classify_text(text) is None


# --- machine-translation notices --------------------------------------------------------
# Varied wordings, built from parts, not a list of known sentences.
_AR_OPENERS = ["تمت ترجمة هذه الصفحة", "تُرجم هذا المحتوى", "جرت ترجمة هذا النص", "هذه الصفحة مترجمة", "ترجم هذا المقال"]
_AR_MANNERS = ["آليًا", "آلياً", "تلقائيًا", "بشكل آلي", "بواسطة Google Translate", "باستخدام DeepL"]
_AR_TAILS = ["", " وقد تحتوي على أخطاء.", " لأغراض إعلامية فقط.", " النسخة الإنجليزية هي المعتمدة.",
             " للإبلاغ عن خطأ راسلنا على errors@example.org"]


@pytest.mark.parametrize("opener", _AR_OPENERS)
@pytest.mark.parametrize("manner", _AR_MANNERS)
@pytest.mark.parametrize("tail", _AR_TAILS)
def test_arabic_notices_of_many_wordings(opener, manner, tail):
    text = f"{opener} {manner}.{tail}".replace("..", ".")
    page = classify_pair(PagePair("p", _page("en", BODY_EN), _page("ar", [*BODY_AR, text]))).target
    assert page.blocks[-1].kind is BlockKind.MT_NOTICE, (text, notice_score(text))


@pytest.mark.parametrize("text", [
    "هذه الترجمة مقدمة لأغراض إعلامية فقط، ويرجى الرجوع إلى النص الأصلي.",
    "ترجمة آلية",
    "مترجم آليًا بواسطة WPML",
    "الترجمة الآلية: قد لا تكون دقيقة",
    "Translated with DeepL",
    "This page has been machine-translated for your convenience.",
    "Automatically translated by Weglot — the English version prevails.",
])
def test_short_notices_at_the_edge_of_the_arabic_page(text):
    page = classify_pair(PagePair("p", _page("en", BODY_EN), _page("ar", [text, *BODY_AR]))).target
    assert page.blocks[0].kind is BlockKind.MT_NOTICE, (text, notice_score(text))


def test_notice_plugin_and_address_are_extracted_from_any_wording():
    cases = {
        "تُرجم هذا المحتوى تلقائيًا عبر ترجمة جوجل. أبلغنا على fix@example.org": ("Google Translate", "fix@example.org"),
        "Cette page? No: This website is translated automatically by Weglot; write to web@city.example": ("Weglot", "web@city.example"),
        "ترجمة آلية عبر WPML — قد تحتوي على أخطاء": ("WPML", None),
    }
    for text, (plugin, email) in cases.items():
        page = classify_pair(PagePair("p", _page("en", BODY_EN), _page("ar", [*BODY_AR, text]))).target
        notice = find_mt_notice(page)
        assert notice is not None and notice.plugin == plugin and notice.report_email == email, text


def test_notice_as_a_line_inside_a_block():
    text = BODY_AR[2] + "\nتمت ترجمة هذه الصفحة آليًا، وقد تحتوي على أخطاء."
    page = classify_pair(PagePair("p", _page("en", BODY_EN), _page("ar", [*BODY_AR[:2], text]))).target
    notice = find_mt_notice(page)
    assert notice is not None and notice.block_index == 2 and page.blocks[2].kind is BlockKind.PARAGRAPH


@pytest.mark.parametrize("text", [
    "Machine translation has improved quickly, but human review is still needed.",
    "الترجمة الآلية تحسنت بسرعة، لكن المراجعة البشرية ما زالت ضرورية.",
    "Google announced a new office in the city, the mayor said.",
    "ناقش المشاركون دقة الترجمة في رسائل الطوارئ.",
    "قدمت الورشة معلومات لأغراض إعلامية عن الوقاية من التطرف.",
])
def test_text_about_translation_is_not_a_notice(text):
    # the same text on both pages (translated), at the edge: content
    assert not is_mt_notice(text)
    page = classify_pair(PagePair("p", _page("en", [text, *BODY_EN]), _page("ar", [text, *BODY_AR]))).target
    assert page.blocks[0].kind is BlockKind.PARAGRAPH


def test_arabic_paragraph_about_machine_translation_in_the_middle_is_content():
    text = "وأوضحت المديرة أن الترجمة الآلية عبر Google قد تحتوي على أخطاء في الرسائل العاجلة."
    page = classify_pair(PagePair("p", _page("en", BODY_EN + BODY_EN), _page("ar", [*BODY_AR, text, *BODY_AR]))).target
    assert page.blocks[3].kind is BlockKind.PARAGRAPH


def test_twin_finder_answers_as_comparing_every_pair_of_lines():
    """The indexed search for shared lines finds exactly what comparing all pairs finds, in order."""
    import random

    from mt_review.furniture import _near_identical, _TwinFinder

    rng = random.Random(7)
    stock = ["home", "about us", "contact", "privacy policy", "read more", "share on facebook", "الرئيسية",
             "اتصل بنا", "12 march 2024", "terms of use", "subscribe", "newsletter sign up"]

    def line() -> str:
        words = rng.sample(stock, rng.randint(1, 3))
        text = " ".join(words)
        if rng.random() < 0.4:  # a near twin: one letter changed, dropped or doubled
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice(["", "x", text[i] * 2]) + text[i + 1:]
        return text

    for _ in range(30):
        source = [line() for _ in range(rng.randint(0, 40))]
        finder = _TwinFinder(source)
        for target in [line() for _ in range(25)] + source[:5]:
            expected = [i for i, s in enumerate(source) if _near_identical(s, target)]
            assert finder(target) == expected
