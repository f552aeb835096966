"""Session 16: a one-letter word before a period is not a name's initial after a lower-case word."""

import pytest

from mt_review.segment import split_text


def _sents(text: str, lang: str = "en") -> list[str]:
    return [text[a:b] for a, b in split_text(text, lang)]


@pytest.mark.parametrize("text, expected", [
    # a variable or a pronoun after a lower-case word ends the sentence
    ("Maximum possible value for Y. Minimum possible value for X.",
     ["Maximum possible value for Y.", "Minimum possible value for X."]),
    ("Use plan B. Then retry.", ["Use plan B.", "Then retry."]),
    ("He came with you and I. Then we left.", ["He came with you and I.", "Then we left."]),
])
def test_one_letter_word_after_lower_case_word_ends_sentence(text, expected):
    assert _sents(text) == expected


@pytest.mark.parametrize("text", [
    # initials of names stay: after a capitalised word, at the start, after "by", before another initial
    "George W. Bush visited the city on Monday.",
    "J. Smith wrote the first version.",
    "The book was written by J. Smith in 1990.",
    "Send the draft to J. R. R. Tolkien today.",
])
def test_initials_stay_inside_the_sentence(text):
    assert _sents(text) == [text]
