"""``Params.unjoin_shape`` (session 17): with embeddings, ``crossing.unjoin`` prices a re-cut's boundary too.

A 2-2 link the DP made over two clean neighbours whose lengths fit better summed (a short catalogue string
next to a glossed one) survived ``unjoin`` whenever a re-cut inside a clause fitted the lengths better: the
re-cut was priced by length and dictionary alone.  Counting the boundary's shape (``cut_shape``: a boundary
not after punctuation, or after a word that opens a clause) splits it; a true recut whose better cut sits at a
comma keeps its 2-2 link, and one whose moved clause left no punctuation is re-joined by the embedding recut
pass (``test_align_crossing.test_a_clause_moved_across_the_boundary_makes_one_2_2_link``).
"""

from __future__ import annotations

import dataclasses

import pytest

from mt_review.align import crossing, dp
from mt_review.align.anchors import extract
from mt_review.align.lexical import lex_matrix

# clean 1-1 neighbours: the first Arabic string is long, the second short, so moving the first one's last
# words to the second fits the English lengths better; but those words end no clause
CLEAN = [
    (["Name of the font used for headings.", "Vertical spacing of the list."],
     ["اسم الخط المستخدم للعناوين الرئيسية في المستند.", "التباعد الرأسي للقائمة."]),
    (["Colour of the selected text.", "Width of the window border."],
     ["لون النص الذي قام المستخدم بتحديده.", "عرض حد النافذة."]),
    (["Time before the tooltip appears.", "Number of rows in the grid."],
     ["الوقت الذي يمر قبل أن يظهر التلميح.", "عدد صفوف الشبكة."]),
]
# true recuts: a clause of the first English sentence opens the second Arabic one, up to a comma
RECUTS = [
    (["Unexpected depth for the colour map entries.", "Unsupported image format for the printer."],
     ["عمق غير متوقع لخانات.", "خريطة الألوان، وتنسيق صورة لا تدعمه الطابعة."]),
    (["Whether to truncate long pastes to one line.", "Whether to wrap around when moving between widgets."],
     ["ما إذا سيتم قطع النص الملصوق الطويل.", "إلى سطر واحد، وما إذا يجب الالتفاف عند التنقل بين الودجات."]),
]


def _unjoin(en, ar, params):
    scorer = dp.Scorer(dp.side_from(en, [extract(x) for x in en], None), dp.side_from(ar, [extract(x) for x in ar], None),
                       params, None, lex_matrix(en, ar))
    assert params.unjoin_cost is not None
    return [(s, t) for s, t, _ in crossing.unjoin([((0, 1), (0, 1), 1.0)], en, ar, scorer, params.unjoin_cost,
                                                  dp.PARAMS_LENGTH)]


def test_embedding_params_price_the_boundary_in_unjoin():
    assert dp.PARAMS_EMBED.unjoin_shape > 0
    assert dp.PARAMS_LENGTH.unjoin_shape == 0  # nothing re-joins a split recut without embeddings


@pytest.mark.parametrize("en, ar", CLEAN)
def test_a_2_2_link_of_clean_neighbours_is_split(en, ar):
    assert _unjoin(en, ar, dp.PARAMS_EMBED) == [((0,), (0,)), ((1,), (1,))]
    # without the boundary's shape the re-cut inside a clause fits the lengths well enough to keep the link
    assert _unjoin(en, ar, dataclasses.replace(dp.PARAMS_EMBED, unjoin_shape=0.0)) == [((0, 1), (0, 1))]


@pytest.mark.parametrize("en, ar", RECUTS)
def test_a_recut_whose_better_cut_is_at_a_comma_stays_2_2(en, ar):
    assert _unjoin(en, ar, dp.PARAMS_EMBED) == [((0, 1), (0, 1))]
