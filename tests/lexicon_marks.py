"""Skip marks for tests that need the Debian lexicons the Makefile and .ci/run install
(wamerican, dict-freedict-eng-ara, wordnet-base): one definition, so every test says the same
thing when a machine lacks them."""

import pytest

from mt_review import wordnet
from mt_review.lexicon import en_ar_dictionary, english_words

needs_lexicons = pytest.mark.skipif(english_words() is None or en_ar_dictionary() is None,
                                    reason="Debian wamerican / dict-freedict-eng-ara not installed")
needs_wordnet = pytest.mark.skipif(not wordnet.available(), reason="Debian wordnet-base not installed")
