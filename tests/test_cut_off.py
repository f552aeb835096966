"""A cut-off Arabic page is one finding that gives the missing span and its word count."""

from mt_review import pipeline
from mt_review.config import ReviewSettings
from mt_review.model import Block, BlockKind, Page, PagePair, Severity
from mt_review.score.quality import page_score, penalty

EN = [
    "The city council met on Monday to discuss the new transport plan.",
    "The plan adds 12 bus lines, a tram to the harbour and 40 kilometres of protected cycle lanes across the old town.",
    "Residents asked for night buses.",
    "The mayor promised a public consultation before the summer, with meetings in every district and an online survey.",
    "Work starts in 2026.",
    "The council will publish the full plan, its costs and the expected effect on traffic and air quality on its website.",
    "Comments can be sent by post.",
    "A final vote is planned for the autumn session of the council, after the consultation report has been published.",
]
AR = [
    "اجتمع مجلس المدينة يوم الاثنين لمناقشة خطة النقل الجديدة.",
    "تضيف الخطة 12 خط حافلات وترامًا إلى الميناء و40 كيلومترًا من ممرات الدراجات المحمية في أنحاء البلدة القديمة.",
    "طلب السكان حافلات ليلية.",
    "وعد رئيس البلدية بمشاورة عامة قبل الصيف، مع اجتماعات في كل حي واستطلاع عبر الإنترنت.",
    "يبدأ العمل في 2026.",
    "سينشر المجلس الخطة كاملة وتكاليفها وأثرها المتوقع على حركة المرور وجودة الهواء على موقعه الإلكتروني.",
    "يمكن إرسال التعليقات بالبريد.",
    "من المقرر إجراء تصويت نهائي في دورة الخريف للمجلس، بعد نشر تقرير المشاورة.",
]


def _review(en, ar):
    def page(lang, texts):
        return Page(f"p.{lang}.txt", lang, "", tuple(Block(BlockKind.PARAGRAPH, t, i) for i, t in enumerate(texts)))
    return pipeline.review_page(PagePair("p", page("en", en), page("ar", ar)), ReviewSettings(embedder="none"), pipeline.Resources())


def _omissions(review):
    return [f for s in review.segments for f in s.findings if f.check == "omission"]


def test_page_cut_off_after_half_is_one_finding_with_the_missing_word_count():
    review = _review(EN, AR[:4])
    found = _omissions(review)
    assert len(found) == 1
    f = found[0]
    missing = sum(len(s.split()) for s in EN[4:])
    assert "stops" in f.message and f"{missing} words" in f.message and "the last 4 source sentences" in f.message
    assert f.src_span.text.startswith(EN[4]) and f.counts_as == 4
    # MQM still counts every missing sentence: the same penalty as four omissions
    assert penalty([f]) == 4 * Severity.MAJOR.penalty
    assert review.score == page_score(review.findings, review.source_words)
    assert review.score <= round(100 - 4 * 5 * 100 / review.source_words, 2)


def test_page_that_starts_late_is_one_finding():
    found = _omissions(_review(EN, AR[3:]))
    assert len(found) == 1 and "starts only" in found[0].message and found[0].counts_as == 3


def test_complete_page_and_single_missing_sentences_are_unchanged():
    assert _omissions(_review(EN, AR)) == []
    one_missing = _omissions(_review(EN, AR[:-1]))
    assert len(one_missing) == 1 and one_missing[0].counts_as == 1 and "stops" not in one_missing[0].message
    middle = _omissions(_review(EN, AR[:3] + AR[5:]))
    assert len(middle) == 2 and all(f.counts_as == 1 for f in middle)
