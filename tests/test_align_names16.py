"""Session 16: names count as dictionary evidence for the aligner (consonant skeletons, ``translit``)."""

import pytest

from mt_review.align import lexical
from mt_review.lexicon import en_ar_dictionary

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="FreeDict dictionary not installed")

NAMES_EN = "You are to me in the position that Harun was to Musa."
NAMES_AR = "أنت مني بمنزلة هارون من موسى إلا أنه لا نبي بعدي."
OTHER_AR = "اتقوا فراسة المؤمن فإنه ينظر بنور الله."


def test_names_are_found_in_their_transliteration():
    lex = lexical.lex_matrix([NAMES_EN], [NAMES_AR, OTHER_AR])
    assert lex is not None
    assert lex.found[0, 0] >= 2 and lex.explained[0, 0] >= 2  # Harun ~ هارون, Musa ~ موسى
    assert lex.loose is not None and lex.loose[0, 0] >= 2
    assert lex.found[0, 1] == 0 and lex.loose[0, 1] == 0  # the other sentence has neither name


def test_names_are_not_found_in_an_unrelated_sentence():
    lex = lexical.lex_matrix(["Take the Qur'an from four: from Ibn Mas'ud and Mu'adh bin Jabal."], [NAMES_AR])
    assert lex is not None
    assert lex.found[0, 0] == 0 and lex.loose is not None and lex.loose[0, 0] == 0


def test_words_the_dictionary_knows_are_not_names():
    # Whoever, Allah, Light, Visitors are dictionary words (capitalised or not): the same word either way
    names = lexical.en_names("Whoever would look at Talhah, and Allah's light. Visitors help. Light is on.")
    assert set(names) == {"talhah"}
    assert all(k.startswith(lexical._NAME_KEY) for keys in names.values() for k in keys)
    assert lexical.en_names("Display the standard button.") == {}


def test_without_names_the_sentence_has_no_countable_word():
    # the words the dictionary knows are function words or absent: the names are the evidence
    assert lexical.lex_matrix([NAMES_EN], [NAMES_AR]).src_words[0] >= 2


def test_a_first_word_the_dictionary_does_not_know_is_a_name():
    assert "al-'abbas" in lexical.en_names("Al-'Abbas is from me and I am from him.")
    lex = lexical.lex_matrix(["Al-'Abbas is from me and I am from him."], ["العباس مني وأنا منه."])
    assert lex is not None and lex.found[0, 0] == 1
