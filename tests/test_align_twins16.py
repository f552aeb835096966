"""Session 16: which of two near-identical neighbours the translation renders (``align.neighbours``)."""

import dataclasses

import pytest

from mt_review.align import core, dp, neighbours
from mt_review.lexicon import en_ar_dictionary
from mt_review.model import Segment

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="FreeDict dictionary not installed")

BLUE = "Amount of blue light in the color."
GREEN = "Amount of green light in the color."
GREEN_AR = "كمية الضوء الأخضر في اللون."


def test_own_words_decide_between_near_identical_neighbours():
    assert neighbours.near_duplicates(neighbours.content_words(BLUE), neighbours.content_words(GREEN))
    assert neighbours.own_evidence(GREEN, BLUE, GREEN_AR) == 1  # green ~ الأخضر
    assert neighbours.own_evidence(BLUE, GREEN, GREEN_AR) == 0


@pytest.mark.parametrize("links, expected", [
    # the DP left out green and linked blue: swapped
    ([((0,), (0,), 0.9), ((1,), (), 0.5)], [((0,), (), 0.5), ((1,), (0,), 0.9)]),
    ([((0,), (), 0.5), ((1,), (0,), 0.9)], [((0,), (), 0.5), ((1,), (0,), 0.9)]),  # already right: kept
])
def test_reassign_swaps_only_towards_the_rendered_neighbour(links, expected):
    assert neighbours.reassign(links, [BLUE, GREEN], [GREEN_AR]) == expected


def test_unlike_neighbours_are_never_swapped():
    # they share one content word ("color"): not near-identical, the DP's choice stands
    src = ["Color to use for the rows.", "Color with which to draw error underlines."]
    links = [((0,), (), 0.5), ((1,), (0,), 0.9)]
    assert neighbours.reassign(links, src, ["لون الخطوط التي ترسم تحت الأخطاء."]) == links


def test_no_own_word_either_way_keeps_the_dp_choice():
    src = ["Whether this tag affects the font stretch.", "Whether this tag affects the font variant."]
    links = [((0,), (0,), 0.9), ((1,), (), 0.5)]
    assert neighbours.reassign(links, src, ["فيما إذا كانت هذه الشارة ستؤثر في الخط."]) == links


def _segs(texts):
    return [Segment(block_index=0, start=0, end=len(t), text=t) for t in texts]


def _ids(pairs, src, tgt):
    return [(tuple(src.index(s.text) for s in p.src), tuple(tgt.index(t.text) for t in p.tgt)) for p in pairs]


SRC = ["The amount of space between two consecutive columns.",
       "The amount of space between two consecutive rows.",
       "The amount of space to add on the top and bottom of the widget, in pixels.",
       'The character to use when masking entry contents (in "password mode").']
TGT = ["مقدار الفراغة بين عمودين متتاليين.", "المساحة التي تضاف لأعلى وأسفل الودجة، بالبكسل.",
       'الرمز الذي سيستخدم لاخفاء محتويات الخانة (في "نمط كلمة السر").']


def test_page_with_a_dropped_twin_end_to_end():
    got = _ids(core.align_sentences(_segs(SRC), _segs(TGT)), SRC, TGT)
    assert got == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]  # عمودين: "rows" was left out
    # the same page with the rule off pairs the Arabic with the other twin (the lengths fit it better)
    old = dp.PARAMS_LENGTH
    try:
        dp.PARAMS_LENGTH = dataclasses.replace(old, reassign_twins=False)
        got_off = _ids(core.align_sentences(_segs(SRC), _segs(TGT)), SRC, TGT)
    finally:
        dp.PARAMS_LENGTH = old
    assert got_off == [((0,), ()), ((1,), (0,)), ((2,), (1,)), ((3,), (2,))]
