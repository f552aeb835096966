"""Where a re-cut puts the sentence boundary (``crossing.cut_shape``), without embeddings.

A translation's sentence boundaries sit where its clauses end.  A boundary right after a word that
opens a clause (في، التي، أو) was cut in a clause's middle: a re-cut that moves it to a clause boundary
is evidence of a 2-2 recut.  A re-cut inside a clause (no punctuation before it) needs more than a
small length gain: true catalogue neighbours were joined on length alone."""

from __future__ import annotations

import dataclasses

import pytest

from mt_review.align import align_sentences, crossing, dp
from mt_review.model import Segment

EN = ["The library opens early in the morning.", "Children read stories every afternoon.",
      "Parents wait outside the building.", "Visitors drink coffee near the fountain.",
      "The museum shows old paintings.", "Students write reports about history."]
AR = ["تفتح المكتبة مبكرا في الصباح.", "يقرأ الأطفال القصص كل ظهيرة.", "ينتظر الآباء خارج المبنى.",
      "يشرب الزوار القهوة قرب النافورة.", "يعرض المتحف لوحات قديمة.", "يكتب الطلاب تقارير عن التاريخ."]

# two catalogue strings; the translation cut the first after its preposition and moved "the panel" across
ICON_EN = ["Whether the icon should be shown in the panel.", "Name of the theme to use for the cursor."]
ICON_RECUT = ["ما إذا كانت الأيقونة ستظهر في.", "اللوحة، واسم السمة المستخدمة للمؤشر."]
ICON_AR = ["ما إذا كانت الأيقونة ستظهر في اللوحة.", "اسم السمة المستخدمة للمؤشر."]
# two true neighbours whose summed lengths fit better when a few words of one are given to the other
FRAME_EN = ["Border color of the frame as a string.", "Pixels of blank space between the columns."]
FRAME_AR = ["لون حدود الإطار كنص.", "بكسلات من المسافات الفارغة بين الأعمدة."]


def _odd_links(en, ar, params=None, monkeypatch=None):
    """The links other than the page's untouched 1-1 links, sentences as page indices (the pair sits at 3, 4)."""
    if params is not None:
        monkeypatch.setattr(dp, "PARAMS_LENGTH", params)
    src, tgt = EN[:3] + en + EN[3:], AR[:3] + ar + AR[3:]
    links = align_sentences([Segment(i, 0, len(t), t) for i, t in enumerate(src)],
                            [Segment(i, 0, len(t), t) for i, t in enumerate(tgt)])
    out = [(tuple(s.block_index for s in p.src), tuple(t.block_index for t in p.tgt)) for p in links]
    return [x for x in out if x[0] != x[1] or len(x[0]) != 1]


@pytest.mark.parametrize("left, mid, dangling", [
    ("قد تساعد المعلومات التالية في.", False, True),  # the sentence ends on a preposition
    ("ما إذا كانت العلامة التي.", False, True),
    ("لا تتحقق من وجود الملف، ومن.", False, True),  # a preposition behind و
    ("الشريك شفيع والشفعة في كل شيء،", False, False),  # after a comma
    ("يرث الولاء من يرث المال.", False, False),  # a sentence's end
    ("مسار الـ accel المستخدم", True, False),  # inside a clause
    ("يقرأ الأطفال في", True, True),
    ("", False, False),
])
def test_cut_shape(left, mid, dangling):
    p = dp.PARAMS_LENGTH
    assert p.recut_w_mid > 0 and p.recut_w_dangle > 0
    assert crossing.cut_shape(left, p) == pytest.approx(p.recut_w_mid * mid + p.recut_w_dangle * dangling)


def test_a_sentence_cut_after_its_preposition_is_joined_back(monkeypatch):
    """The first Arabic sentence ends on في: re-cutting after اللوحة، restores both clauses, a 2-2 link.
    Without the dangling word's weight the pass leaves two 1-1 links."""
    assert _odd_links(ICON_EN, ICON_RECUT) == [((3, 4), (3, 4))]
    off = dataclasses.replace(dp.PARAMS_LENGTH, recut_w_dangle=0.0)
    assert _odd_links(ICON_EN, ICON_RECUT, off, monkeypatch) == []


def test_the_clean_twin_stays_one_to_one():
    assert _odd_links(ICON_EN, ICON_AR) == []
    assert _odd_links(FRAME_EN, FRAME_AR) == []


def test_true_neighbours_are_not_joined_on_a_re_cut_inside_a_clause(monkeypatch):
    """Giving "بين الأعمدة" to the first string fits the lengths better, but that boundary lies inside a
    clause: without the inside-a-clause weight the pass joined the two strings into a 2-2 link."""
    assert _odd_links(FRAME_EN, FRAME_AR) == []
    off = dataclasses.replace(dp.PARAMS_LENGTH, recut_w_mid=0.0)
    assert _odd_links(FRAME_EN, FRAME_AR, off, monkeypatch) == [((3, 4), (3, 4))]
