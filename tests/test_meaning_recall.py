"""Omission, addition and wrong segment found through what the dictionary leaves over and what a
page repeats: hand-written pairs, each defect with a clean twin that stays unflagged."""

from __future__ import annotations

import pytest

from mt_review import coverage
from mt_review.checks import run_checks
from mt_review.lexicon import en_ar_dictionary
from mt_review.model import Severity
from tests.test_checks import page_ctx

pytestmark = pytest.mark.skipif(en_ar_dictionary() is None, reason="dict-freedict-eng-ara not installed")

UI = [(f"Save the file number {i} now", f"احفظ الملف رقم {i} الآن") for i in range(6)]
# a page whose pairs the dictionary reads whole: its usual leftover balance is even
EVEN = [("Delete the old messages from the server", "احذف الرسائل القديمة من الخادم")] * 6


def last(pairs, check):
    return run_checks(page_ctx(pairs), enabled=[check])[-1]


# ------------------------------------------------------------------ leftover balance


def test_unmatched_counts_what_the_dictionary_leaves_on_each_side():
    en = "Delete the old messages from the server"
    assert coverage.unmatched(en, "احذف الرسائل القديمة من الخادم") == (0, 0, 4)
    left, extra, found = coverage.unmatched(en, "احذف الرسائل")
    assert (left, extra) == (2, 0) and found == 2  # "old", "server" have nothing left to render them
    left, extra, _ = coverage.unmatched("Delete the messages", "احذف الرسائل وسافر الوزير بعيدا")
    assert left == 0 and extra == 3


def test_a_short_string_whose_source_words_are_left_over_is_a_major_omission():
    """A UI string is one clause and the dropped words are scattered ("hidden ... empty ... selected"):
    no run is long enough, but the target has nothing left that could render them."""
    en = "Delete hidden files and empty folders in the selected window"
    assert last([*UI, (en, "احذف الملفات المخفية والمجلدات الفارغة في النافذة المحددة")], "omission") == []
    (f,) = last([*UI, (en, "احذف الملفات والمجلدات في النافذة")], "omission")
    assert f.severity is Severity.MAJOR and f.category == "accuracy/omission"
    assert "not rendered" in f.threshold and f.src_span.text == "hidden"
    # one word found ("water") is no sign that the dictionary reaches the pair: no judgement
    assert last([*EVEN, ("Washing with water is due only after a wet dream", "إنما الماء من الماء يا قوم")],
                "omission") == []


def test_a_terse_clause_the_dictionary_misses_is_not_a_missing_clause():
    """"and the crowd cheered loudly" rendered فهلل الجمع: none of its dictionary words is found and
    the pair is short, but the target's leftover words are what render it (taking the clause out
    would leave the balance worse than the page's); the clause really left out stays major."""
    en = "The council approved the new transport plan for the old town, and the crowd cheered loudly."
    assert last([*EVEN, (en, "أقر المجلس خطة النقل الجديدة للبلدة القديمة فهلل الجمع.")], "omission") == []
    (f,) = last([*EVEN, (en, "أقر المجلس خطة النقل الجديدة للبلدة القديمة.")], "omission")
    assert f.severity is Severity.MAJOR and f.src_span.text == "and the crowd cheered loudly"


# ------------------------------------------------------------------ additions


def test_an_added_sentence_cut_into_short_clauses_is_one_addition():
    """Every و/ف cuts the added sentence into clauses of one or two words, too short to judge
    alone; as one run they are the addition span."""
    en = "The city council approved the new transport plan for the old town on Monday."
    good = "أقر مجلس المدينة خطة النقل الجديدة للبلدة القديمة يوم الاثنين."
    assert last([*EVEN, (en, good)], "addition") == []
    (f,) = last([*EVEN, (en, good[:-1] + "، وسافر الوزير وعاد فرحا.")], "addition")
    assert f.severity is Severity.MAJOR and f.category == "accuracy/addition"
    assert f.tgt_span.text == "وسافر الوزير وعاد فرحا"


def test_a_target_clause_that_renders_the_sources_leftover_words_is_not_added():
    """"jubilantly" rendered وسط فرحة وبهجة وسرور عارم: the dictionary accounts for none of it, but
    without it nothing in the target renders the source's leftover words; when the source lacks
    the word, the same run of clauses is an addition.  (Each و cuts it into clauses too short to
    judge alone; فرحة is one word, not ف + رحة.)"""
    main_en = "The council approved the new transport plan for the old town"
    ar = "أقر المجلس خطة النقل الجديدة للبلدة القديمة، وسط فرحة وبهجة وسرور عارم."
    assert last([*EVEN, (main_en + " jubilantly.", ar)], "addition") == []
    (f,) = last([*EVEN, (main_en + ".", ar)], "addition")
    assert f.severity is Severity.MAJOR and f.tgt_span.text.startswith("وسط فرحة")


def test_a_short_string_whose_target_words_are_left_over_is_a_major_addition():
    en = "The council approved the plan, and the residents celebrated."
    assert last([*EVEN, (en, "أقر المجلس الخطة، وابتهج الأهالي.")], "addition") == []
    (f,) = last([*EVEN, (en, "أقر المجلس الخطة، وسافر الوزير وعاد فرحا وشكر أصدقاءه وأهله.")], "addition")
    assert f.severity is Severity.MAJOR and "not accounted for" in f.threshold
    assert f.tgt_span.text == "وسافر الوزير وعاد فرحا وشكر أصدقاءه وأهله"


# ------------------------------------------------------------------ wrong segment


THINGS = [("toolbar", "شريط الأدوات"), ("statusbar", "شريط الحالة"), ("sidebar", "الشريط الجانبي"),
          ("menubar", "شريط القوائم"), ("scrollbar", "شريط التمرير")]
FORMULAIC = [p for en_t, ar_t in THINGS for p in ((f"Whether the {en_t} is visible", f"فيما إذا كان {ar_t} ظاهرا"),
                                                  (f"Width of the {en_t} border", f"عرض حد {ar_t}"))]


def test_a_target_against_the_pages_own_renderings_is_a_wrong_segment():
    """The dictionary finds nothing in either target; the page's repeated renderings (Whether ->
    فيما إذا, visible -> ظاهر, Width -> عرض) agree with the good one and contradict the other."""
    en = "Whether the ruler is visible"
    good, wrong = "فيما إذا كانت المسطرة ظاهرة", "عرض حد المقبض"
    assert coverage.shared(en, coverage.prepare(good)) == 0 == coverage.shared(en, coverage.prepare(wrong))
    assert [f for fs in run_checks(page_ctx([*FORMULAIC, (en, good)]), enabled=["wrong_segment"]) for f in fs] == []
    out = run_checks(page_ctx([*FORMULAIC, (en, wrong)]), enabled=["wrong_segment"])
    (f,) = out[-1]
    assert f.severity is Severity.MAJOR and f.category == "accuracy/wrong-segment" and "anchors" in f.threshold
    assert all(fs == [] for fs in out[:-1])


def test_page_anchors_are_learned_without_the_pair_itself():
    """A pair never confirms itself: a word pair seen only in it is no anchor, and one seen in two
    other pairs of the page is."""
    fits = coverage.page_anchor_fits([*FORMULAIC, ("Whether the ruler is visible", "فيما إذا كانت المسطرة ظاهرة")])
    assert fits[-1].agree >= 2 and fits[-1].contra == 0
    # "Whether ... visible" / فيما إذا ... ظاهر in two pairs: each sees it in one other pair only
    two = coverage.page_anchor_fits([("Whether the ruler is visible", "فيما إذا كانت المسطرة ظاهرة"),
                                     ("Whether the grip is visible", "فيما إذا كان المقبض ظاهرا")])
    assert all(f.agree == 0 and f.contra == 0 for f in two)
    three = coverage.page_anchor_fits([("Whether the ruler is visible", "فيما إذا كانت المسطرة ظاهرة"),
                                       ("Whether the grip is visible", "فيما إذا كان المقبض ظاهرا"),
                                       ("Whether the toolbar is visible", "فيما إذا كان شريط الأدوات ظاهرا")])
    assert all(f.agree >= 2 for f in three)


def test_target_words_in_inflected_forms_are_accounted_for():
    """يكتب / كتابا / كبيرا are the dictionary's كتب / كتاب / كبير with an imperfect prefix or an
    accusative alef: rendered words, not added ones; an unrelated word stays unaccounted for."""
    (c,) = coverage.target_clause_cover("He writes a big book", "يكتب كتابا كبيرا")
    assert (c.known, c.found) == (3, 3)
    (c,) = coverage.target_clause_cover("He writes a big book", "يكتب كتابا كبيرا سافر")
    assert (c.known, c.found) == (4, 3)


# ------------------------------------------------------------------ truncation


@pytest.mark.parametrize("en, good, bad", [
    # a word cut in two leaves a lone letter
    ("Seek is not supported on this stream", "السعي غير مدعوم في هذا الدفق", "السعي غير مُ"),
    ("The column number of the child widget", "رقم عمود الودجة الابن", "رقم عمود ا"),
    # an auxiliary that needs its verbal noun
    ("Title to appear in the column header", "العنوان الذي يتم عرضه في ترويسة العمود", "العنوان الذي يتم"),
])
def test_a_target_cut_inside_a_word_or_after_an_auxiliary_is_truncated(en, good, bad):
    assert run_checks(page_ctx([(en, good)]), enabled=["truncation"])[0] == []
    (f,) = run_checks(page_ctx([(en, bad)]), enabled=["truncation"])[0]
    assert f.severity is Severity.MAJOR and f.category == "accuracy/truncation"


def test_a_lone_letter_the_source_ends_on_too_is_not_truncation():
    """Axis names and "Done" are whole: x -> س, Done -> تم."""
    assert run_checks(page_ctx([("Position along the axis x", "الموضع على المحور س")]), enabled=["truncation"])[0] == []
    assert run_checks(page_ctx([("Done", "تم")]), enabled=["truncation"])[0] == []


def test_a_run_of_missing_words_stays_inside_its_sentence():
    en = "Delete the messages in the old folder. Close the remote server window"
    runs = coverage.source_word_runs(en, coverage.prepare("احذف الرسائل"))
    assert [en[c.start:c.end] for c in runs if c.found == 0] == ["old folder", "Close the remote server window"]


# ------------------------------------------------------------------ runs of words, judged by the leftover balance


def test_a_two_word_run_the_target_has_nothing_left_for_is_a_major_omission():
    """"important messages" dropped from a one-clause string: two dictionary words, none found, and the
    target has no word left over that could render them (the balance comes closer to the page's
    without them): major, with the run as the span.  The full translation stays unflagged."""
    en = "Send the important messages to the old server"
    assert last([*EVEN, (en, "أرسل الرسائل المهمة إلى الخادم القديم")], "omission") == []
    (f,) = last([*EVEN, (en, "أرسل إلى الخادم القديم")], "omission")
    assert f.severity is Severity.MAJOR and f.src_span.text == "important messages"
    assert "leftover balance is closer" in f.threshold


def test_a_run_the_targets_leftover_word_may_render_stays_minor():
    """The same run unfound, but the target has a word the dictionary does not know (الهام, "the
    urgent ones") that may render it: taking the run out leaves the balance worse, so the short
    pair is only a minor omission."""
    en = "Send the important messages to the old server"
    (f,) = last([*EVEN, (en, "أرسل الهام لخادم قديم")], "omission")
    assert f.severity is Severity.MINOR and f.src_span.text == "important messages"


# ------------------------------------------------------------------ sharing nothing, against the page's rate


def test_a_target_sharing_no_word_where_the_page_shares_many_is_a_wrong_segment():
    """The page's translations render half their source words (the stars / ships pairs find 2 of 4);
    a target that renders none of its source's 5 dictionary words in any form or root would do so
    by chance with p = 0.5 ** 5 = 0.03: a wrong segment.  Its length fits and no page anchor speaks,
    so only the chance test sees it.  The good translation stays unflagged."""
    page = [("The stars guide the ships at night", "تهتدي السفن ليلا بالأنجم")] * 6
    en = "Send the important messages to the old server"
    assert last([*page, (en, "أرسل الرسائل المهمة إلى الخادم القديم")], "wrong_segment") == []
    (f,) = last([*page, (en, "اضبط لون الخلفية الداكن للنوافذ")], "wrong_segment")
    assert f.severity is Severity.MAJOR and f.category == "accuracy/wrong-segment" and "by chance" in f.threshold


def test_a_target_sharing_no_word_on_a_page_the_dictionary_cannot_read_is_not_judged():
    """The same pair on a page whose translations share no dictionary word with their sources
    ("Turns volume down or up" / يرفع أو يخفض الصوت): sharing nothing is what this page does."""
    page = [("Turns volume down or up", "يرفع أو يخفض الصوت")] * 6
    en = "Send the important messages to the old server"
    assert last([*page, (en, "اضبط لون الخلفية الداكن للنوافذ")], "wrong_segment") == []


def test_loose_renderings_meet_two_letter_forms_and_roots():
    """button -> الزر also as زر (which :func:`coverage.renderings` leaves out for the aligner);
    allowed -> سمح meets المسموح through their root key; an unrelated word meets neither."""
    assert "زر" not in coverage.renderings("button") and "زر" in coverage.loose_renderings("button")
    assert coverage.loosely_shared("Draw the button", "ارسم زر الإغلاق") >= 1
    assert coverage.root_keys("مسموح") & coverage.root_keys("سمح")
    assert coverage.loosely_shared("allowed", "المسموح") == 1
    assert coverage.loosely_shared("allowed", "الممنوع") == 0


# ------------------------------------------------------------------ length outliers the leftover balance confirms


def test_a_short_pair_whose_leftovers_lean_to_the_source_is_a_major_omission():
    """"important" and "old" dropped (scattered single words: no run, too few for the leftover rule):
    the pair is only mildly short (minor by length), but its source leaves 2 words over against the
    target's 0 where the page balances: two independent signs make it major.  The terse twin whose
    unknown words (الهام, عتيق) may render them keeps the page's balance: no second sign, and a gap
    this mild alone is not reported (ALONE_SHORT)."""
    en = "Send the important messages to the old server"
    (f,) = last([*EVEN, (en, "أرسل رسائل إلى الخادم")], "omission")
    assert f.severity is Severity.MAJOR and "beyond the page's usual balance" in f.threshold
    # the terse twin: no second sign, and a gap this mild (ALONE_SHORT) is not reported at all
    assert last([*EVEN, (en, "أرسل الهام لخادم عتيق")], "omission") == []


def test_a_long_pair_whose_leftovers_lean_to_the_target_is_a_major_addition():
    """جدا المخزنة ("very", "stored") added inside the one clause, so no clause is unaccounted for:
    long by length (minor) and 2 target words over against the source's 0.  When the source does
    say "very old stored", the same target is no addition at all."""
    ar = "احذف كل الرسائل القديمة جدا المخزنة"
    (f,) = last([*EVEN, ("Delete the old messages", ar)], "addition")
    assert f.severity is Severity.MAJOR and f.category == "accuracy/addition"
    assert "beyond the page's usual balance" in f.threshold
    assert last([*EVEN, ("Delete all the very old stored messages", ar)], "addition") == []


# ------------------------------------------------------------------ page-wide figures, once per page


def test_page_figures_are_computed_once_per_page_and_never_shared_between_pages():
    """The checks' page-wide figures (length yardsticks, the leftover balance) are memoised per
    CheckContext: a second page gets its own, and a finished page is not kept alive by the memo."""
    import gc
    import weakref

    from mt_review.checks import omission

    calls = []
    first = page_ctx([*UI, ("Delete the old messages", "احذف الرسائل القديمة")])
    assert omission.per_page(first, "x", lambda: calls.append(1) or 1) == 1
    assert omission.per_page(first, "x", lambda: calls.append(2) or 2) == 1 and calls == [1]
    second = page_ctx(EVEN)
    assert omission.per_page(second, "x", lambda: 2) == 2
    ratios_first, _ = omission.page_ratios(first)
    ratios_second, _ = omission.page_ratios(second)
    assert len(ratios_first) == 7 and len(ratios_second) == 6 and omission.page_ratios(first)[0] is ratios_first
    gone = weakref.ref(first)
    del first
    gc.collect()
    assert gone() is None


# ------------------------------------------------------------------ sharing nothing and of another length

MIXED = [("The stars guide the ships at night", "تهتدي السفن ليلا بالأنجم"),
         ("The old man walks to the market every morning", "يمشي الشيخ إلى السوق كل صباح"),
         ("Open the door for the guests", "افتح الباب للضيوف"),
         ("The children read books in the library", "يقرأ الأطفال الكتب في المكتبة بهدوء"),
         ("Close the window before the rain", "أغلق النافذة قبل المطر"),
         ("The river flows to the sea", "يجري النهر نحو البحر الواسع"),
         ("Turns volume down or up", "يرفع أو يخفض الصوت"),
         ("The guests praised the cook warmly", "أثنى الزوار على الطاهي كثيرا")]


def test_a_target_sharing_no_word_and_of_another_length_is_a_wrong_segment():
    """The page's pairs find 17 of their 31 dictionary words (15 before the imperative renderings were
    read as verbs, session 15: يقرأ is "read"): sharing none of 3 by chance has p = 0.09, too likely
    alone.  A target that also has a length no other pair of the page strays to (1/9 of them as far)
    is two unlikely things at once: p × 0.11 < 0.02, a wrong segment.  The same wrong words at the
    source's length stay unflagged (chance alone), and so does the good translation."""
    en = "Send the messages to the server"
    assert last([*MIXED, (en, "أرسل الرسائل إلى الخادم")], "wrong_segment") == []
    assert last([*MIXED, (en, "اضبط لون الخلفية الداكنة للنافذة")], "wrong_segment") == []
    (f,) = last([*MIXED, (en, "اضبط لون الخلفية الداكن للنوافذ والأزرار وأشرطة التمرير في كل برامج سطح المكتب")],
                "wrong_segment")
    assert f.severity is Severity.MAJOR and "length strays" in f.threshold


# ------------------------------------------------------------------ a clause added at either end


def test_a_clause_added_after_the_sources_last_clause_is_a_major_addition():
    """وسافر الوزير ("and the minister travelled") follows the rendering of the source's last (only)
    clause: two words are too few for the clause rule, but the source has nothing left for them to
    render, so they are added; the same at the start (قال الوزير before it).  The twin whose
    trailing words render the source's last clause ("the chief said", which the dictionary misses)
    is left alone, and so is a source that says the added words."""
    (f,) = last([*EVEN, ("Delete the old messages from the server", "احذف الرسائل القديمة من الخادم، وسافر الوزير")],
                "addition")
    assert f.severity is Severity.MAJOR and f.tgt_span.text == "وسافر الوزير" and "last clause" in f.threshold
    (f,) = last([*EVEN, ("Delete the old messages from the server", "قال الوزير، احذف الرسائل القديمة من الخادم")],
                "addition")
    assert f.severity is Severity.MAJOR and f.tgt_span.text == "قال الوزير" and "first clause" in f.threshold
    assert last([*EVEN, ("Delete the old messages, the chief said", "احذف الرسائل القديمة، هكذا أمر كبيرهم")],
                "addition") == []
    assert last([*EVEN, ("Delete the old messages from the server and the minister traveled",
                         "احذف الرسائل القديمة من الخادم، وسافر الوزير")], "addition") == []


def test_page_anchor_fits_equal_anchors_learned_again_without_each_pair():
    """The page's anchors judged leave-one-out, against learning them from scratch without the pair."""
    import random

    rng = random.Random(3)
    english = ["river", "mountain", "village", "teacher", "garden", "market", "letter", "window", "bridge"]
    arabic = ["نهر", "جبل", "قرية", "معلم", "حديقة", "سوق", "رسالة", "نافذة", "جسر"]

    def reference(keys, i):
        n_en, n_ar, n_both = {}, {}, {}
        for j, (en, ar) in enumerate(keys):
            if j == i:
                continue
            for e in en:
                n_en[e] = n_en.get(e, 0) + 1
            for a in ar:
                n_ar[a] = n_ar.get(a, 0) + 1
            for e in en:
                for a in ar:
                    n_both[(e, a)] = n_both.get((e, a), 0) + 1
        anchors = {k for k, n in n_both.items() if n >= coverage.ANCHOR_MIN_PAIRS
                   and 2 * n >= coverage.ANCHOR_MIN_DICE * (n_en[k[0]] + n_ar[k[1]])}
        en, ar = keys[i]
        agree = contra = 0
        for e in en:
            partners = {a for (x, a) in anchors if x == e}
            agree += bool(partners & ar)
            contra += bool(partners) and not partners & ar
        contra += len({x for (x, a) in anchors if a in ar and x not in en})
        return agree, contra

    for _ in range(25):
        pairs = []
        for _ in range(rng.randint(2, 14)):
            picks = rng.sample(range(len(english)), rng.randint(1, 4))
            noise = rng.sample(range(len(english)), rng.randint(0, 2))  # a word rendered by another's partner
            pairs.append((" ".join(english[k] for k in picks),
                          " ".join(arabic[k] for k in [*picks[rng.random() < 0.2:], *noise])))
        keys = [coverage._anchor_keys(en, ar) for en, ar in pairs]
        fits = coverage.page_anchor_fits(pairs)
        assert [(f.agree, f.contra) for f in fits] == [reference(keys, i) for i in range(len(pairs))]


# ------------------------------------------------------------------ the target side as a second sign


def test_a_target_none_of_whose_words_the_source_accounts_for_is_a_wrong_segment():
    """A source of 3 dictionary words is too short for the chance test alone (p = 0.14 on MIXED).
    The target's side is a second sign: none of its 11 words is accounted for by the source, where the
    page's other targets have 14 of 32 (p = 0.002), and its length strays (0.11): three unlikely things
    at once, a wrong segment.  The good translation stays unflagged, so does a wrong target of the
    source's length (p x p x 1 too likely), and a target of 3 content words is too short to judge."""
    en = "Send the messages to the server"
    assert last([*MIXED, (en, "أرسل الرسائل إلى الخادم")], "wrong_segment") == []
    assert last([*MIXED, (en, "اضبط لون الخلفية الداكن للنوافذ")], "wrong_segment") == []
    (f,) = last([*MIXED, (en, "اضبط لون الخلفية الداكن للنوافذ والأزرار وأشرطة التمرير في كل برامج سطح المكتب")],
                "wrong_segment")
    assert f.severity is Severity.MAJOR and "none of the target's 11 words" in f.threshold
    assert last([*EVEN, (en, "اضبط لون الخلفية")], "wrong_segment") == []


# ------------------------------------------------------------------ a short pair whose source words are missing in every form


def test_a_short_pair_with_its_source_words_in_no_form_is_a_major_omission():
    """احذف الكل الآن فورا ("delete all now at once") is short for the page (minor by length) and has
    only 1 of its source's 4 dictionary words in any form or root, where the page's pairs have all of
    theirs: as few by chance is unlikely, a second sign, so major.  The twin of the same length that
    renders 3 of them in plain forms (رسائل خادم قديم) is not flagged (a gap this mild needs a second
    sign, ALONE_SHORT), nor is the same pair on a page whose pairs share no word with their sources
    (sharing few is what that page does)."""
    en = "Delete the old messages from the server"
    assert coverage.loosely_unmatched(en, "احذف الكل الآن فورا") == (3, 1)
    (f,) = last([*EVEN, (en, "احذف الكل الآن فورا")], "omission")
    assert f.severity is Severity.MAJOR and "in any form or root" in f.threshold
    assert last([*EVEN, (en, "امح رسائل خادم قديم")], "omission") == []  # no second sign: mild gap unreported
    low = [("Turns volume down or up", "يرفع أو يخفض الصوت")] * 6
    assert last([*low, (en, "احذف الكل الآن فورا")], "omission") == []


def test_one_rendered_word_of_the_sources_last_clause_anchors_an_added_end_clause():
    """The source's last clause ("then the server") has one dictionary word, rendered (الخادم) before
    وسافر الوزير: that one word places the source's end, so the run after it is added.  The twin whose
    source's last clause ("the chief said") is not rendered before the run, and the one whose source
    says the added words, stay unflagged."""
    (f,) = last([*EVEN, ("Delete the messages, then the server", "احذف الرسائل ثم الخادم، وسافر الوزير")], "addition")
    assert f.severity is Severity.MAJOR and f.tgt_span.text == "وسافر الوزير" and "1 words found" in f.threshold
    assert last([*EVEN, ("Delete the messages, then the server, the chief said",
                         "احذف الرسائل ثم الخادم، هكذا أمر كبيرهم")], "addition") == []
    assert last([*EVEN, ("Delete the messages, then the server and the minister traveled",
                         "احذف الرسائل ثم الخادم، وسافر الوزير")], "addition") == []


def test_a_short_pair_lacking_a_word_the_page_renders_is_a_major_omission():
    """Every other pair of the page renders "file" (الملف): a short target without it has lost it,
    where the dictionary's silence would otherwise prove nothing (page_rendered_misses, PAGE_SHORT).
    A short target with a word of its own that may render the missing one (عتيق for "old") stays
    unflagged: test_a_short_pair_whose_leftovers_lean_to_the_source_is_a_major_omission's twin."""
    en = "Save the file number 7 now"
    assert coverage.renderings("file") & {"ملف"}
    (f,) = last([*UI, (en, "احفظ رقم 7 الآن")], "omission")
    assert f.severity is Severity.MAJOR and f.src_span.text == "file" and "the page's other pairs" in f.threshold
    # the same word rendered otherwise, at a length that fits: nothing missing
    assert last([*UI, (en, "احفظ المستند رقم 7 الآن")], "omission") == []
    # a word the page never renders: the dictionary's silence proves nothing
    assert last([*UI, ("Save the draft number 7 now", "احفظ رقم 7 الآن")], "omission") == []
