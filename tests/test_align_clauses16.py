"""Session 16: a sentence ending on a name's kinship word (ابن، بن: "son of") or on the modal يمكن was cut."""

import pytest

from mt_review.align import clauses


@pytest.mark.parametrize("text", ["خذوا القرآن من أربعة من ابن.", "ومعاذ بن.", "حدثنا عبد الله وابن.", "عدد القوالب التي يمكن."])
def test_kinship_word_at_the_end_is_open(text):
    assert clauses.ends_open(text)


@pytest.mark.parametrize("text", ["خذوا القرآن من ابن مسعود.", "حدثنا معاذ بن جبل.", "جاء الابن.", "عدد القوالب التي يمكن عرضها."])
def test_complete_name_is_not_open(text):
    assert not clauses.ends_open(text)
