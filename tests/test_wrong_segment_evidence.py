"""Wrong segment on formulaic prose (session 14): what counts as evidence that a correct translation
belongs elsewhere.  Hand-written pages; each rule with a hit and a clean twin."""

from __future__ import annotations

import re

import pytest

from mt_review import coverage
from mt_review.checks import run_checks
from mt_review.checks.wrong_segment import anchor_text
from mt_review.lexicon import en_ar_dictionary
from mt_review.model import Severity
from tests.test_checks import page_ctx

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="dict-freedict-eng-ara not installed")

# three pairs in which the Arabic addresses someone (أنت) while the English names Harun and Musa: every
# English content word of them meets أنت in all three, so a page learns "Harun" ~ أنت as an anchor
ADDRESSED = [("Harun and Musa held a high position among their people", f"أنت يا هارون وموسى في منزلة عالية {w}")
             for w in ("بين قومكما", "في قومكما", "عند قومكما")]
COMPANION = "You are my companion at the Hawd, and my companion in the cave."


def wrong_segment_last(pairs):
    out = run_checks(page_ctx(pairs), enabled=["wrong_segment"])
    assert all(fs == [] for fs in out[:-1])
    return out[-1]


def test_pronouns_and_function_words_behind_a_conjunction_are_left_out_of_the_anchor_text():
    assert anchor_text("أنت صاحبي على الحوض وهو هناك") == "صاحبي على الحوض هناك"
    assert anchor_text("الحق من ربك فلا تكونن من الممترين") == "الحق من ربك تكونن من الممترين"
    # bare particles stay (فيما إذا renders "Whether"); a word that merely starts with و stays
    assert anchor_text("فيما إذا كان الوضع ظاهرا ووضوح") == "فيما إذا كان الوضع ظاهرا ووضوح"


def test_a_correct_target_addressing_someone_contradicts_no_pronoun_anchor():
    """أنت in a correct target is no sign that it translates the pairs about Harun and Musa: an English
    pronoun is never an anchor's English side, so "Harun" ~ أنت is the three pairs' chance co-occurrence."""
    good = "أنت صاحبي على الحوض وصاحبي في الغار."
    fits = coverage.page_anchor_fits([*ADDRESSED, (COMPANION, good)])
    assert fits[-1].agree == 0 and fits[-1].contra >= 3  # the raw anchors: a "contradiction" by أنت alone
    assert coverage.shared(COMPANION, coverage.prepare(good)) == 0
    assert wrong_segment_last([*ADDRESSED, (COMPANION, good)]) == []


def test_a_target_with_the_pages_content_words_is_still_a_wrong_segment():
    """The twin: a target made of the other pairs' words (منزلة عالية، قومكما) contradicts their anchors
    through content words and stays major."""
    (f,) = wrong_segment_last([*ADDRESSED, (COMPANION, "أنت في منزلة عالية عند قومكما.")])
    assert f.severity is Severity.MAJOR and "anchors" in f.threshold


# three pairs whose Arabic opens with فلا ("so ... not") while the English says "made provision ... gave": the page
# learns "made" ~ فلا and "provision" ~ فلا, chance pairings of a content word with a conjunction + particle
SO_NOT = [("He made provision for them in the land and gave them much", f"فلا تعجبك {w} ولا أولادهم") for w in ("أموالهم", "نعمهم", "ديارهم")]
TRUTH = "The truth is from your Lord, so never be among the doubters"


def test_a_correct_target_with_a_conjunction_and_particle_contradicts_no_anchor():
    good = "الحق من ربك فلا تكونن من الممترين"
    fits = coverage.page_anchor_fits([*SO_NOT, (TRUTH, good)])
    assert fits[-1].agree == 0 and fits[-1].contra >= 3
    assert coverage.shared(TRUTH, coverage.prepare(good)) == 0
    assert wrong_segment_last([*SO_NOT, (TRUTH, good)]) == []


def test_a_target_with_the_pages_content_words_after_a_particle_is_still_a_wrong_segment():
    (f,) = wrong_segment_last([*SO_NOT, (TRUTH, "فلا تعجبك أموالهم ولا أولادهم")])
    assert f.severity is Severity.MAJOR


# a page whose sources all say "Almighty Lord" and "sent them", words whose dictionary renderings (هايل، لورد ...)
# none of its targets has: the page shows the dictionary cannot read them here
SENT = [(f"The Almighty Lord sent them {en}", f"أنزل ربهم العزيز عليهم {ar}")
        for en, ar in (("water", "ماء"), ("bread", "خبزا"), ("rain", "مطرا"), ("money", "مالا"), ("fruit", "فاكهة"),
                       ("milk", "لبنا"))]
GATE = "The Almighty Lord opened the gate of the city for the poor children"


def test_words_the_page_never_finds_are_not_judged():
    from mt_review.checks.wrong_segment import page_find_counts

    lord = [("The Lord of the worlds", "رب العالمين"), ("Praise the Lord of the heavens", "سبحوا رب السماوات"),
            ("The Lord is merciful", "ربكم رحيم"), ("The Lord gave them water", "ربهم سقاهم ماء")]
    blind = page_find_counts(page_ctx(lord))
    assert blind[0][:2] == (1, 1)  # "worlds" judged and found; "lord" (لورد) in 4 sources, found in none
    # the twin: one target has the dictionary's rendering, so the page can read the word
    read = page_find_counts(page_ctx([*lord[:3], ("The Lord gave them water", "اللورد سقاهم ماء")]))
    assert read[0][:2] == (2, 1)


def test_a_wrong_target_on_a_page_that_reads_its_other_words_is_found():
    """Counted with the words no target of the page has, the page's rate (4 of 24) made sharing none of
    five words likely; on the words the page reads (4 or 5 of 6, as the stems find "sent" or not) it is not."""
    assert wrong_segment_last([*SENT, (GATE, "فتح ربهم العزيز باب المدينة للأطفال الفقراء")]) == []
    (f,) = wrong_segment_last([*SENT, (GATE, "وكان الليل طويلا والنجوم ساطعة في السماء الزرقاء البعيدة")])
    assert f.severity is Severity.MAJOR and re.search(r"find [45] of 6\b", f.threshold)
