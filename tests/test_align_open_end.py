"""A link boundary after a target sentence that ends on a word opening a clause (``dp.Params.w_open``).

A sentence cut after في، حتى، الذي goes on in the next one: the pieces of a split sentence belong in one
link.  Without this cost the DP gave a short first piece to the wrong link (the sentence before it, or none:
a 0-1 addition) when its merge prior was dear; with it, the boundary after the piece costs ``w_open`` and the DP keeps the pieces together.
The pages are lengths only (no dictionary, no anchors), so the boundary cost is all that differs."""

from __future__ import annotations

import dataclasses

import pytest

from mt_review.align import clauses, dp

# lengths only: the dictionary and the unshared-word cost off, the 1-3 merge priced high
PARAMS = dataclasses.replace(dp.PARAMS_LENGTH, w_lex=0.0, w_none=0.0,
                             prior={**dp.PARAMS_LENGTH.prior, (1, 3): 4.0})


def _arabic(n: int, last: str) -> str:
    """An Arabic sentence of about ``n`` characters whose last word is ``last``."""
    body = ("كلمة " * 60)[: max(n - len(last) - 1, 1)].strip()
    return f"{body} {last}"


def _links(tgt_ends: list[str], params: dp.Params) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Three English sentences (40, 120, 40 characters); the middle one is split in three in Arabic,
    a short first piece ending on ``tgt_ends[1]``."""
    src = ["x" * 40, "x" * 120, "x" * 40]
    lens = [40, 8, 56, 56, 40]
    tgt = [_arabic(n, end) for n, end in zip(lens, tgt_ends, strict=True)]
    side_s, side_t = dp.side_from(src, None, None), dp.side_from(tgt, None, None)
    return [(s, t) for s, t, _ in dp.align(side_s, side_t, params)]


OPEN = ["تماما.", "في.", "كثيرة", "أخرى.", "تماما."]
SHUT = ["تماما.", "البيت.", "كثيرة", "أخرى.", "تماما."]


def test_a_piece_ending_on_a_preposition_stays_with_the_rest_of_its_sentence():
    assert PARAMS.w_open > 0
    assert _links(OPEN, PARAMS)[1] == ((1,), (1, 2, 3))


def test_without_the_boundary_cost_the_piece_goes_to_the_sentence_before():
    off = dataclasses.replace(PARAMS, w_open=0.0)
    assert _links(OPEN, off) == [((0,), (0, 1)), ((1,), (2, 3)), ((2,), (4,))]


def test_the_clean_twin_is_unchanged():
    """The same piece ending on a noun: the boundary costs nothing, the DP's choice is the one without the cost."""
    assert _links(SHUT, PARAMS) == _links(SHUT, dataclasses.replace(PARAMS, w_open=0.0)) \
        == [((0,), (0, 1)), ((1,), (2, 3)), ((2,), (4,))]


def test_no_cost_after_the_last_sentence():
    """A run's last sentence ending on في (cut off) has no next sentence to join: nothing changes."""
    src = ["x" * 40, "x" * 40]
    tgt = [_arabic(40, "تماما."), _arabic(40, "في.")]
    side_s, side_t = dp.side_from(src, None, None), dp.side_from(tgt, None, None)
    on = dp.align(side_s, side_t, PARAMS)
    off = dp.align(side_s, side_t, dataclasses.replace(PARAMS, w_open=0.0))
    assert on == off and [(s, t) for s, t, _ in on] == [((0,), (0,)), ((1,), (1,))]


@pytest.mark.parametrize("text, is_open", [
    ("لا يذهب الليل والنهار حتى", True), ("لا تنذروا فإن النذر لا يغني من.", True), ("تجاوز الله لأمتي ما لم.", True),
    ("لكل شخص الحق في الراحة.", False), ("ومن.", True), ("", False), ("The widget in", False),
])
def test_ends_open(text, is_open):
    assert clauses.ends_open(text) == is_open


def test_an_added_sentence_ending_open_pays_the_boundary_after_it():
    """The 0-1 steps of the DP (a running minimum over the row) pay the boundary cost too: a short addition
    that ends on في is left out alone without the cost and joined to the sentence it runs into with it."""
    src = ["x" * 40] * 6
    tgt = [_arabic(40, "تماما.")] * 3 + [_arabic(30, "في.")] + [_arabic(40, "تماما.")] * 3
    side_s, side_t = dp.side_from(src, None, None), dp.side_from(tgt, None, None)

    def odd(w_open):
        links = dp.align(side_s, side_t, dataclasses.replace(PARAMS, w_open=w_open))
        return [(s, t) for s, t, _ in links if len(s) != 1 or len(t) != 1]

    assert odd(0.0) == [((), (3,))]
    assert odd(PARAMS.w_open) == [((3,), (3, 4))]


def test_with_embeddings_the_boundary_costs_the_same():
    """PARAMS_EMBED prices the boundary too: the piece stays with its sentence under its weights (no vectors
    here, so lengths decide the rest)."""
    p = dataclasses.replace(dp.PARAMS_EMBED, w_lex=0.0, prior={**dp.PARAMS_EMBED.prior, (1, 3): 2.0})
    assert p.w_open > 0
    assert _links(OPEN, p)[1] == ((1,), (1, 2, 3))
    assert _links(OPEN, dataclasses.replace(p, w_open=0.0))[1] != ((1,), (1, 2, 3))
