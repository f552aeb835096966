"""Session 16: blocks the block DP leaves unpaired are aligned with their neighbours by the sentence DP."""

import pytest

from mt_review.align import core
from mt_review.lexicon import en_ar_dictionary
from mt_review.model import Block, BlockKind, Page, PagePair


def test_merge_skips_joins_an_unpaired_block_with_its_neighbours():
    links = [((0,), (0,), 0.9), ((), (1,), 0.3), ((1,), (2,), 0.9), ((2,), (), 0.4), ((3,), (3,), 0.8), ((4,), (4,), 0.9)]
    # the run from the first unpaired block to the link after the last one is one region
    assert core.merge_skips(links) == [((0, 1, 2, 3), (0, 1, 2, 3), 0.3), ((4,), (4,), 0.9)]


def test_merge_skips_leaves_paired_blocks_alone():
    links = [((0,), (0,), 0.9), ((1, 2), (1,), 0.7), ((3,), (2,), 0.8)]
    assert core.merge_skips(links) == links


# a catalogue page of the benchmark (its first five blocks): the second Arabic paragraph lost two sentences
SRC = [
    'The URL for the link to the website of the program.\nThe amount of space between two consecutive columns.',
    'The amount of space between two consecutive rows. The amount of space to add on the top and bottom of the widget, in pixels. The character to use when masking entry contents (in "password mode"). The column in the model containing the tooltip texts for the items.',
    'The column in the model containing the tooltip texts for the rows. The column number to attach the left side of the child to. The column number to attach the right side of the child to. The column of the model containing the strings.',
    'The contents of the entry. The current filter for selecting which resources are displayed.',
    'The current opacity value (0 fully transparent, 65535 fully opaque).\nThe default height of the window, used when initially showing the window.\nThe default width of the window, used when initially showing the window.\nThe desired width of the button widget, in characters.',
]
TGT = [
    'وصلة موقع البرنامج.\nمقدار الفراغة بين عمودين متتاليين.\nما إذا سيتم السماح بانتقاء عناصر متعددة.',
    'مقدار الفراغ بين صفين متتاليين. المساحة التي تضاف لأعلى وأسفل الودجة، بالبكسل.',
    'عمود النموذج المحتوي على نصوص التلميحات للصفوف، ورقم العمود الذي. إليه ستربط الجهة اليسرى للإبن. عمود النموذج المحتوي على النصوص.',
    'محتويات الخانة. المرشّح الحالي لانتقاء الموارد المعروضة.',
    'قيمة التعتيم الحالية (0 شفاف تمامًا, 65535 معتم تمامًا).\nارتفاع النافذة الإفتراضي، مستخدم عند عرض النافذة في المرة الأولى.\nعرض النافذة الإفتراضي، مستخدم عند عرض النافذة في المرة الأولى، والعرض المطلوب لودجة الزر، بالمحارف.',
]


def _pair() -> PagePair:
    def page(texts, lang):
        return Page(path=f"p.{lang}.txt", lang=lang, title="p",
                    blocks=tuple(Block(BlockKind.PARAGRAPH, t, k) for k, t in enumerate(texts)))
    return PagePair("p", page(SRC, "en"), page(TGT, "ar"))


@pytest.mark.skipif(en_ar_dictionary() is None, reason="FreeDict dictionary not installed")
def test_short_translated_paragraph_does_not_shift_the_block_pairing(monkeypatch):
    def links(res):
        return {(tuple(s.text for s in p.src), tuple(t.text for t in p.tgt)) for p in res.pairs}

    want = {(("The URL for the link to the website of the program.",), ("وصلة موقع البرنامج.",)),
            (("The amount of space between two consecutive rows.",), ("مقدار الفراغ بين صفين متتاليين.",))}
    assert want <= links(core.align_pair(_pair()))
    # without the merge the block DP pairs the first English paragraph with the second Arabic one
    monkeypatch.setattr(core, "merge_skips", lambda block_links: list(block_links))
    assert not want & links(core.align_pair(_pair()))
