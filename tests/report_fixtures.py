"""A realistic, hand-built RunReport for the report-writer tests.

Modelled on the seed page corpora/strongcities/strongcities-nlc-workshop: site
furniture (icon-font navigation, a reading time that went from 2 to 0 minutes,
the WPML machine-translation notice with an e-mail address), findings of every
severity with spans in both languages, a 1-0 omission, a clean second page,
one unpaired file -- and page text that tries to smuggle HTML, script and
Markdown into the reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from mt_review.model import (
    AlignedPair,
    Block,
    BlockKind,
    Finding,
    FurnitureReview,
    MTNotice,
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

try:  # the real one once the lead has written it
    from mt_review.gate import GateResult  # type: ignore[import-not-found]
except Exception:  # pragma: no cover - until mt_review/gate.py exists

    @dataclass(frozen=True)
    class GateResult:  # type: ignore[no-redef]
        failed: bool
        reasons: tuple[str, ...]
        failed_pages: frozenset[str]


PAGE = "strongcities-nlc-workshop"
CLEAN_PAGE = "strongcities-about"
REPORT_EMAIL = "translation-errors@example.org"
# Page text that must never reach a report unescaped.
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
# Same attacks, but observable from a browser (they would change the title / a data attribute).
XSS_TITLE_SCRIPT = "<script>document.title='PWNED'</script>"
XSS_TITLE_IMG = "<img src=x onerror=\"document.documentElement.dataset.pwned='yes'\">"
PIPES = "| pipes |"

NAV = (
    "arrow-circle arrow-down-basicarrow-down arrow-left-small arrow-left arrow-right-small "
    "arrow-right arrow-up arrow closefacebooklinkedinsearch twittervideo-icon"
)

EN_BLOCKS = [
    (BlockKind.NAVIGATION, NAV),
    (
        BlockKind.HEADING,
        "Enhancing National-Local Coordination on Prevention, Preparedness and Response to "
        "Radicalisation and Terrorist Attacks",
    ),
    (BlockKind.READING_TIME, "— 2 minutes reading time"),
    (
        BlockKind.PARAGRAPH,
        "In July, the Strong Cities Network Central Management Unit joined the International "
        "Institute for Justice and the Rule of Law (IIJ) in Surabaya, Indonesia, to co-host a "
        "workshop on enhancing national-local coordination. The workshop brought together "
        "national and local government officials from Malaysia, the Philippines and Indonesia "
        "for a three-day programme on multi-stakeholder collaboration.",
    ),
    (
        BlockKind.PARAGRAPH,
        f"Topics included using hashtags such as {XSS_SCRIPT} and {XSS_IMG} {PIPES} "
        f"`#unity` **together** [link](javascript:alert(1)) {XSS_TITLE_SCRIPT}{XSS_TITLE_IMG} "
        "to monitor online reactions to an attack.",
    ),
    (BlockKind.HEADING, "LPNs and PVE"),
    (BlockKind.PARAGRAPH, "The workshop was an important next step in the Network's work in Indonesia."),
]

AR_NOTICE = (
    "تمت ترجمة هذه الصفحة آليًا باستخدام WPML. "
    f"إذا وجدت خطأ في الترجمة فيرجى إبلاغنا على {REPORT_EMAIL}"
)

AR_BLOCKS = [
    (BlockKind.NAVIGATION, NAV),
    (
        BlockKind.HEADING,
        "تعزيز التنسيق الوطني والمحلي بشأن الوقاية والتأهب والاستجابة للتطرف والهجمات الإرهابية",
    ),
    (BlockKind.READING_TIME, "— 0 دقائق وقت القراءة"),
    (
        BlockKind.PARAGRAPH,
        "في يوليو، انضمت وحدة الإدارة المركزية لشبكة المدن القوية إلى المعهد الدولي للعدالة "
        "وسيادة القانون في سورابايا ، إندونيسيا، للمشاركة في استضافة ورشة عمل حول تعزيز "
        "التنسيق الوطني والمحلي. وضمت حلقة العمل مسؤولين حكوميين وطنيين ومحليين من ماليزيا "
        "والفلبين وإندونيسيا في برنامج مدته يومان بشأن التعاون بين أصحاب المصلحة المتعددين.",
    ),
    (
        BlockKind.PARAGRAPH,
        f"وشملت الموضوعات استخدام علامات التصنيف مثل {XSS_SCRIPT} و {XSS_IMG} {PIPES} "
        f"`#unity` **معا** {XSS_TITLE_SCRIPT}{XSS_TITLE_IMG} لمراقبة الاستجابات عبر الإنترنت للهجوم.",
    ),
    (BlockKind.PARAGRAPH, "كانت ورشة العمل خطوة مهمة تالية في عمل الشبكة في إندونيسيا."),
    (BlockKind.MT_NOTICE, AR_NOTICE),
]


def _blocks(spec: Iterable[tuple[BlockKind, str]], first_line: int = 1) -> tuple[Block, ...]:
    out, line = [], first_line
    for i, (kind, text) in enumerate(spec):
        out.append(Block(kind=kind, text=text, index=i, line=line))
        line += 2
    return tuple(out)


def seg(page: Page, block: int, text: str) -> Segment:
    """The sentence ``text`` of block ``block``, with its real offsets."""
    start = page.blocks[block].text.index(text)
    return Segment(block_index=block, start=start, end=start + len(text), text=text)


def span(page: Page, block: int, text: str) -> Span:
    start = page.blocks[block].text.index(text)
    return Span(block_index=block, start=start, end=start + len(text), text=text)


SIGNATURE = Signature(
    tool_version="0.1.0",
    align_mode="anchors+length",
    embedder="none",
    models={"en-ar": "ctranslate2:opus-mt-en-ar@3b2f0c1"},
    thresholds={"fail_on": "critical", "length_ratio": 1.8, "min_confidence": 0.35},
    config_hash="5e1d2c9a07b4",
)


def make_pages() -> tuple[Page, Page]:
    en = Page(
        path="corpora/strongcities/strongcities-nlc-workshop.en.txt",
        lang="en",
        title="Enhancing National-Local Coordination",
        blocks=_blocks(EN_BLOCKS),
        format="text",
        url="https://strongcitiesnetwork.org/news/enhancing-national-local-coordination/",
        declared_lang="en",
        direction="ltr",
    )
    ar = Page(
        path="corpora/strongcities/strongcities-nlc-workshop.ar.txt",
        lang="ar",
        title="تعزيز التنسيق الوطني والمحلي",
        blocks=_blocks(AR_BLOCKS),
        format="text",
        url="https://strongcitiesnetwork.org/ar/news/enhancing-national-local-coordination/",
        declared_lang="ar",
        direction="rtl",
    )
    return en, ar


def make_page_review() -> PageReview:
    en, ar = make_pages()
    en_p = en.blocks[3].text
    s1_en = en_p[: en_p.index(" The workshop")]
    s2_en = en_p[en_p.index("The workshop") :]
    ar_p = ar.blocks[3].text
    s1_ar = ar_p[: ar_p.index(" وضمت")]
    s2_ar = ar_p[ar_p.index("وضمت") :]

    heading = SegmentReview(
        pair=AlignedPair(src=(seg(en, 1, en.blocks[1].text),), tgt=(seg(ar, 1, ar.blocks[1].text),), confidence=0.97),
        signals={"length_ratio": 0.83, "anchor_overlap": 1.0},
    )
    omission_iij = SegmentReview(
        pair=AlignedPair(src=(seg(en, 3, s1_en),), tgt=(seg(ar, 3, s1_ar),), confidence=0.91),
        signals={"length_ratio": 0.94, "anchor_overlap": 0.5},
        findings=(
            Finding(
                check="acronym_dropped",
                category="accuracy/omission",
                severity=Severity.MAJOR,
                message="The acronym IIJ is missing from the Arabic",
                src_span=span(en, 3, "(IIJ)"),
                tgt_span=span(ar, 3, "المعهد الدولي للعدالة وسيادة القانون"),
                threshold="every acronym in the English must appear in the Arabic",
                suggestion="المعهد الدولي للعدالة وسيادة القانون (IIJ)",
            ),
            Finding(
                check="space_before_punct",
                category="fluency/punctuation",
                severity=Severity.MINOR,
                message="Space before the Arabic comma",
                tgt_span=span(ar, 3, " ،"),
                threshold="no space before ، ؛ ؟",
                suggestion="سورابايا، إندونيسيا",
            ),
        ),
        translations={"en-ar": "في يوليو، انضمت وحدة الإدارة المركزية ... (IIJ) ..."},
    )
    number = SegmentReview(
        pair=AlignedPair(src=(seg(en, 3, s2_en),), tgt=(seg(ar, 3, s2_ar),), confidence=0.88),
        signals={"length_ratio": 1.02, "number_match": 0.0, "backtranslation_chrf": 41.5},
        findings=(
            Finding(
                check="number_mismatch",
                category="accuracy/mistranslation",
                severity=Severity.CRITICAL,
                message="English says a three-day programme; the Arabic says two days (يومان)",
                src_span=span(en, 3, "three-day"),
                tgt_span=span(ar, 3, "يومان"),
                threshold="numbers must match",
                suggestion="في برنامج مدته ثلاثة أيام",
            ),
        ),
        translations={"en-ar": "وجمعت ورشة العمل مسؤولين ... في برنامج مدته ثلاثة أيام ..."},
    )
    hostile = SegmentReview(
        pair=AlignedPair(src=(seg(en, 4, en.blocks[4].text),), tgt=(seg(ar, 4, ar.blocks[4].text),), confidence=0.72),
        signals={"length_ratio": 0.9},
        findings=(
            Finding(
                check="untranslated_markup",
                category="locale/markup",
                severity=Severity.MINOR,
                message=f"Markup copied as is: {XSS_SCRIPT} | `x` <b>",
                src_span=span(en, 4, XSS_SCRIPT),
                tgt_span=span(ar, 4, XSS_IMG),
                threshold="<no raw tags> & 'quotes' \"double\"",
                suggestion=None,  # falls back to translations["en-ar"]
            ),
        ),
        translations={"en-ar": f"ترجمة مقترحة {XSS_SCRIPT} | مع أنابيب |"},
    )
    dropped = SegmentReview(
        pair=AlignedPair(src=(seg(en, 5, "LPNs and PVE"),), tgt=(), confidence=0.6),
        signals={},
        findings=(
            Finding(
                check="unaligned_source",
                category="accuracy/omission",
                severity=Severity.MAJOR,
                message="This English heading has no Arabic counterpart",
                src_span=span(en, 5, "LPNs and PVE"),
                threshold="every content sentence must be aligned",
            ),
        ),
        translations={"en-ar": "شبكات الوقاية المحلية ومنع التطرف العنيف"},
    )
    closing = SegmentReview(
        pair=AlignedPair(src=(seg(en, 6, en.blocks[6].text),), tgt=(seg(ar, 5, ar.blocks[5].text),), confidence=0.95),
        signals={"length_ratio": 0.97},
    )
    furniture = (
        FurnitureReview(kind=BlockKind.NAVIGATION, source=en.blocks[0], target=ar.blocks[0]),
        FurnitureReview(
            kind=BlockKind.READING_TIME,
            source=en.blocks[2],
            target=ar.blocks[2],
            findings=(
                Finding(
                    check="reading_time",
                    category="accuracy/number",
                    severity=Severity.MINOR,
                    message="Reading time is 0 minutes in Arabic but 2 in English",
                    src_span=span(en, 2, "2"),
                    tgt_span=span(ar, 2, "0"),
                    threshold="reading time must match the source",
                    suggestion="— دقيقتان وقت القراءة",
                ),
            ),
        ),
        FurnitureReview(kind=BlockKind.MT_NOTICE, source=None, target=ar.blocks[6]),
    )
    return PageReview(
        pair=PagePair(name=PAGE, source=en, target=ar),
        segments=(heading, omission_iij, number, hostile, dropped, closing),
        furniture=furniture,
        source_words=118,
        mt_notice=MTNotice(text=AR_NOTICE, block_index=6, plugin="WPML", report_email=REPORT_EMAIL),
    )


def make_clean_page() -> PageReview:
    en = Page(
        path="corpora/strongcities/strongcities-about.en.txt",
        lang="en",
        title="About",
        blocks=(Block(BlockKind.PARAGRAPH, "Strong Cities is a global network of cities.", 0, line=1),),
    )
    ar = Page(
        path="corpora/strongcities/strongcities-about.ar.txt",
        lang="ar",
        title="حول",
        blocks=(Block(BlockKind.PARAGRAPH, "المدن القوية شبكة عالمية من المدن.", 0, line=1),),
    )
    s = SegmentReview(
        pair=AlignedPair(src=(seg(en, 0, en.blocks[0].text),), tgt=(seg(ar, 0, ar.blocks[0].text),), confidence=0.99),
        signals={"length_ratio": 0.8},
    )
    return PageReview(pair=PagePair(name=CLEAN_PAGE, source=en, target=ar), segments=(s,), source_words=8)


def make_run() -> RunReport:
    return RunReport(
        pages=(make_page_review(), make_clean_page()),
        signature=SIGNATURE,
        unpaired=("corpora/strongcities/strongcities-orphan.en.txt",),
        notices=("no MT model for ar-en: back-translation signals skipped",),
    )


def make_gate(failed_pages: Iterable[str] = (PAGE,)) -> GateResult:
    pages = frozenset(failed_pages)
    return GateResult(
        failed=bool(pages),
        reasons=tuple(f"{p}: a critical finding (fail-on critical)" for p in sorted(pages)),
        failed_pages=pages,
    )
