"""Wrong segment on formulaic prose (issue 10, session 15): the source a target fits better must share
what only it says, not the formula the page repeats.  A hand-written page with a hit and a clean twin."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks  # before coverage, which the checks import: alone, this file imports it first
from mt_review.checks.wrong_segment import coverage, source_word_counts, specific_shared
from mt_review.lexicon import en_ar_dictionary
from tests.test_checks import page_ctx

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="dict-freedict-eng-ara not installed")

# two pairs that state the page's formula (Allah, Forgiving, Merciful, the heavens and the earth)
FORMULA = [("Allah created the heavens and the earth, and He is Forgiving.", "خلق الله السماوات والأرض وهو الغفور"),
           ("To Allah belongs the heavens and the earth, and He is Merciful.", "لله ملك السماوات والأرض وهو الرحيم")]
COURSE = "So remain on a right course as you have been commanded."


def wrong_segment(pairs):
    return run_checks(page_ctx(pairs), enabled=["wrong_segment"])


def test_a_target_sharing_only_the_pages_formula_with_a_neighbour_is_clean():
    """The neighbour shares 7 units with the target, all of them words other sources of the page have too."""
    neighbour = ("Indeed, Allah is Forgiving and Merciful, Lord of the heavens and the earth.",
                 "إن الله غفور رحيم رب السماوات والأرض")
    target = "فاستقم كما أمرت إن الله غفور رحيم رب السماوات والأرض"
    prepared = coverage.prepare(target)
    assert coverage.shared(neighbour[0], prepared) >= 5 and coverage.shared(COURSE, prepared) == 0
    sources = [en for en, _ in FORMULA] + [neighbour[0], COURSE]
    assert specific_shared(neighbour[0], prepared, source_word_counts(sources), len(sources)) < 3
    assert all(fs == [] for fs in wrong_segment([*FORMULA, neighbour, (COURSE, target)]))


def test_a_target_sharing_what_only_the_neighbour_says_is_a_wrong_segment():
    """The twin: the neighbour's own words (mountains, rivers, trees) in the target."""
    neighbour = ("Indeed, Allah is Forgiving and Merciful, Lord of the mountains, the rivers and the trees.",
                 "إن الله غفور رحيم رب الجبال والأنهار والأشجار")
    out = wrong_segment([*FORMULA, neighbour, (COURSE, "فاستقم كما أمرت إن الله غفور رحيم رب الجبال والأنهار والأشجار")])
    assert all(fs == [] for fs in out[:-1])
    (f,) = out[-1]
    assert "fits another source" in f.message and "through words no other source of the page has" in f.threshold


# -- a two-word label judged on both sides: a page of UI strings the dictionary reads well

UI_PAGE = [("Open the file", "افتح الملف"), ("Close the window", "أغلق النافذة"), ("Save the document", "احفظ المستند"),
           ("Print the page", "اطبع الصفحة"), ("Delete the file", "احذف الملف"), ("Open a new window", "افتح نافذة جديدة"),
           ("Copy the text", "انسخ النص"), ("Select the color of the text", "اختر لون النص"),
           ("Show the hidden files", "اعرض الملفات المخفية"), ("The size of the font", "حجم الخط")]


def test_a_two_word_label_whose_target_shares_nothing_on_either_side_is_a_wrong_segment():
    """"The value of the scale": 2 dictionary words, none found; none of the target's 8 words accounted for where
    the page's other targets have half of theirs; the length strays: the product of the three is tiny."""
    out = wrong_segment([*UI_PAGE, ("The value of the scale",
                                     "أظهر الطابعات المشاركة بواسطة أنظمة أخرى عند الاتصال بالخادم")])
    assert all(fs == [] for fs in out[:-1])
    (f,) = out[-1]
    assert "0 of the source's 2 dictionary words" in f.threshold and "none of the target's" in f.threshold


def test_a_two_word_label_translated_is_clean():
    assert all(fs == [] for fs in wrong_segment([*UI_PAGE, ("The value of the scale", "قيمة المقياس")]))
