"""Omission on terse translations, short in letters but not in words: a short string whose target has words
left over to render its source (OmissionCheck.words_left_to_render), the short-string leftover rule against the
page's own balance (_leftover_gap with leftover_lean), and a missing clause on a page of terse translations
(CLAUSE_MISSING).  Each hit has clean twins that stay major."""

from __future__ import annotations

from mt_review.checks import run_checks
from mt_review import coverage
from mt_review.checks.omission import OmissionCheck, leftover_yardstick, _loose_leftovers
from mt_review.model import Severity
from tests.test_checks import page_ctx
from tests.test_clauses import PAGE as CLAUSE_PAGE
from tests.test_clauses import THREE

# a page of UI strings rendered whole: its yardstick is about 0.9 Arabic letters per English letter
PAGE = [("Open the report in a new window", "افتح التقرير في نافذة جديدة"),
        ("Close the window without saving the report", "أغلق النافذة دون حفظ التقرير"),
        ("Print the page in colour on photo paper", "اطبع الصفحة بالألوان على ورق الصور"),
        ("Save the report as a file for later use", "احفظ التقرير كملف لاستخدامه لاحقا"),
        ("Send the report to the printer when ready", "أرسل التقرير إلى الطابعة عند الجاهزية")]
EN = "The heading of the summary's column"


def omission(target: str, source: str = EN):
    return run_checks(page_ctx([*PAGE, (source, target)]), enabled=["omission"])[-1]


def test_a_terse_string_with_words_left_to_render_its_source_is_a_minor_omission():
    """Under half the page's ratio, but رأس and الملخص are words the dictionary does not tie to the
    source: more of them (2) than source words left unrendered (1), so they may be its renderings."""
    assert _loose_leftovers(EN, "رأس عمود الملخص") == (1, 2)
    (f,) = omission("رأس عمود الملخص")
    assert f.severity is Severity.MINOR and "may be its renderings" in f.threshold


def test_a_short_string_without_words_left_over_stays_a_major_omission():
    # the same gap with as few target words left over as source words: nothing renders what is missing
    (f,) = omission("عمود الملخص")
    assert f.severity is Severity.MAJOR
    (f,) = omission("عمود")
    assert f.severity is Severity.MAJOR


def test_a_longer_source_is_judged_by_its_length_as_before():
    """The rule is for short strings (< 60 letters): a longer pair with words left over is not excused."""
    ctx = page_ctx([*PAGE, ("Open the report in a new window and close the window without saving the report",
                            "افتح التقرير في نافذة رأس بند قيد سطر صف ختم")])
    pair = ctx.pairs[-1]
    left, extra = _loose_leftovers(pair.src_text, pair.tgt_text)
    assert extra > left >= 1
    assert OmissionCheck().words_left_to_render(pair) is None
    assert OmissionCheck().words_left_to_render(page_ctx([*PAGE, (EN, "رأس عمود الملخص")]).pairs[-1]) is not None


# a page of terse translations (hadith Arabic): every pair leaves more English words over than Arabic ones
TERSE = [("The believer eats in one intestine, and the disbeliever eats in seven intestines.",
          "المؤمن يأكل في معى واحد والكافر يأكل في سبعة أمعاء."),
         ("The most truthful of dreams are in the last hours of the night.", "أصدق الرؤيا بالأسحار."),
         ("Modesty is a branch of faith.", "الحياء شعبة من الإيمان."),
         ("The upper hand is better than the lower hand.", "اليد العليا خير من اليد السفلى."),
         ("Whoever is not merciful to people, Allah is not merciful to him.", "من لا يرحم الناس لا يرحمه الله."),
         ("Religion is sincere advice to all people.", "الدين النصيحة.")]
AUNT = ("The maternal aunt holds the same status as the mother.", "الخالة بمنزلة الأم.")


def leftover_gap(page):
    """OmissionCheck._leftover_gap on ``AUNT`` (4 source words left over, 1 target word, 2 found) as
    the last pair of ``page``, at a ratio short for a clause (0.36 against a yardstick of 0.5)."""
    ctx = page_ctx([*page, AUNT])
    pair = ctx.pairs[-1]
    return OmissionCheck()._leftover_gap(pair, ctx, 0.36, 0.5, "page median", coverage.prepare(pair.tgt_text))


def test_a_short_string_with_its_source_words_left_over_is_no_gap_on_a_page_of_terse_translations():
    """الخالة renders "the maternal aunt", بمنزلة "holds the same status as": 4 source words left over
    against 1 is the page's style, not a cut, where every pair leans that way."""
    assert omission_yardstick(TERSE) < 0
    assert leftover_gap(TERSE) is None


def test_the_same_string_on_a_page_whose_pairs_balance_is_a_major_omission():
    assert omission_yardstick(PAGE) == 0
    f = leftover_gap(PAGE)
    assert f is not None and f.severity is Severity.MAJOR and "maternal aunt holds the same" in f.message
    assert "beyond the page's usual balance" in f.threshold


def omission_yardstick(page) -> float:
    return leftover_yardstick(page_ctx([*page, AUNT]))


def clause_omission(target: str, yardstick: float | None):
    """The omission findings of ``THREE`` (tests/test_clauses.py) with ``target``, on that test's page, whose
    leftover yardstick (:func:`leftover_yardstick`, kept in the page's memo) is 0 or, given, ``yardstick``."""
    ctx = page_ctx([*CLAUSE_PAGE, (THREE, target)])
    if yardstick is not None:
        ctx.memo["leftover_yardstick"] = yardstick  # a page of terse translations: sources leave more words over
    return run_checks(ctx, enabled=["omission"])[-1]


NO_DOCTOR = "قرأ المعلم قصة للطلاب في الصباح، وباع المزارعون فاكهتهم في السوق."  # 0.76 x the yardstick


def test_on_a_page_of_terse_translations_a_clause_the_dictionary_does_not_read_needs_a_shorter_pair():
    """At 0.76 x the yardstick "the doctor visited the old man" may be a terse rendering on such a page."""
    assert clause_omission(NO_DOCTOR, -0.2) == []


def test_a_whole_clause_lost_stays_major_on_an_even_page_or_when_shorter():
    (f,) = clause_omission(NO_DOCTOR, None)  # an even page: the clause is missing at 0.8 x as before
    assert f.severity is Severity.MAJOR and f.src_span.text == "the doctor visited the old man" and "× 0.8;" in f.threshold
    # on the terse page, a pair short enough to have lost the whole clause (0.72 x < 0.75 x)
    (f,) = clause_omission("قرأ المعلم قصة للطلاب صباحا، وباع المزارعون فاكهتهم في السوق.", -0.2)
    assert f.severity is Severity.MAJOR and f.src_span.text == "the doctor visited the old man" and "× 0.75;" in f.threshold
