"""Precision of the meaning checks (issue 10): hand-written hits, each with a clean twin that stays unflagged.

Acronyms kept in Latin script, a proper noun standing in for a missing name, negations that
Arabic renders by one word, relative ما, and "but" as a conjunction.
"""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.polarity import arabic_negation, english_negation
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons
from tests.test_checks import page_ctx


def run(check, en, ar, others=()):
    ctx = page_ctx([(en, ar), *others])
    return run_checks(ctx, enabled=[check])[0]


# ------------------------------------------------------------------ untranslated: acronyms and literals


@needs_lexicons
@pytest.mark.parametrize("en, ar", [
    ("Save the picture as a PNG file", "احفظ الصورة كملف PNG"),  # a format name
    ("The server returned an invalid URL", "أعاد الخادم عنوان URL غير صالح"),
    ("Text is stored as UTF-8", "يخزن النص بترميز UTF-8"),
    ("If NULL, the default size is used", "إذا كان NULL فسيستخدم الحجم المبدئي"),  # a code constant
    ("Returns FALSE when the list is empty", "يعيد FALSE عندما تكون القائمة فارغة"),
])
def test_an_acronym_or_constant_copied_from_the_source_stays_in_latin(en, ar):
    assert run("untranslated", en, ar) == []


@needs_lexicons
def test_an_acronym_the_english_page_defines_needs_its_arabic_expansion():
    defining = ("Members of the Regional Health Board (RHB) met today.",
                "اجتمع أعضاء مجلس الصحة الإقليمي اليوم.")
    en, ar = "The RHB published a report.", "نشر RHB تقريرا."
    fs = run("untranslated", en, ar, others=[defining])
    assert [(f.tgt_span.text, f.severity) for f in fs] == [("RHB", Severity.MINOR)]
    assert "defined on the source page" in fs[0].threshold
    assert run("untranslated", en, ar) == []  # twin: a page that never defines it
    # the expansion next to it is enough
    assert run("untranslated", en, "نشر مجلس الصحة الإقليمي (RHB) تقريرا.", others=[defining]) == []


@needs_lexicons
@pytest.mark.parametrize("introduced", [
    "اجتمع أعضاء مجلس الصحة الإقليمي (RHB) اليوم.",  # the expansion, then the acronym in brackets
    "اجتمع أعضاء RHB الجديد (مجلس الصحة الإقليمي) اليوم.",  # the acronym, then the expansion in brackets
])
def test_a_defined_acronym_the_arabic_page_has_introduced_may_stand_bare(introduced):
    """Once the Arabic page gives the acronym beside its expansion, a later bare use mirrors the English."""
    defining_en = "Members of the Regional Health Board (RHB) met today."
    en, ar = "The RHB published a report.", "نشر RHB تقريرا."
    assert run("untranslated", en, ar, others=[(defining_en, introduced)]) == []
    # twin: brackets holding no Arabic expansion introduce nothing
    fs = run("untranslated", en, ar, others=[(defining_en, "اجتمع أعضاء RHB (2020) اليوم.")])
    assert [f.tgt_span.text for f in fs] == ["RHB"]


@needs_lexicons
@pytest.mark.parametrize("en, ar, token", [
    ("WARNING: the disk is almost full", "WARNING: القرص ممتلئ تقريبا", "WARNING"),  # a label to translate
    ("ERROR", "ERROR", "ERROR"),  # an English word standing alone
    ("Open the file", "افتح الملف (PDF)", "PDF"),  # not in the source, a bracketed gloss
])
def test_capitals_that_are_text_or_not_the_sources_stay_flagged(en, ar, token):
    fs = run("untranslated", en, ar)
    assert [f.tgt_span.text for f in fs] == [token] and fs[0].severity is Severity.MINOR


@needs_lexicons
def test_an_acronym_from_nowhere_is_major():
    """An acronym the source does not have, outside brackets, stands in for some other term."""
    fs = run("untranslated", "Open the accel path", "افتح مسار DND")
    assert [(f.tgt_span.text, f.severity) for f in fs] == [("DND", Severity.MAJOR)]
    assert run("untranslated", "Open the DND path", "افتح مسار DND") == []  # twin: the source's own


@needs_lexicons
def test_a_literal_the_source_quotes_is_kept_but_a_bare_english_word_is_flagged():
    assert run("untranslated", "Set `recommends` to a package name", "اضبط 'recommends' على اسم حزمة") == []
    fs = run("untranslated", "Set recommends to a package name", "اضبط recommends على اسم حزمة")
    assert [f.tgt_span.text for f in fs] == ["recommends"]


@needs_lexicons
def test_a_closing_quote_is_not_part_of_the_flagged_word():
    fs = run("untranslated", "Clear the cache now.", "امسح 'cache' الآن.")
    assert [f.tgt_span.text for f in fs] == ["cache"]


# ------------------------------------------------------------------ names: another name in the missing one's place


@needs_lexicons
def test_a_proper_noun_the_source_lacks_stands_in_for_a_missing_name():
    en = "Kwame went to the market with his brother."
    fs = run("names", en, "ذهب آدم إلى السوق مع أخيه.")
    assert fs and fs[0].severity is Severity.MAJOR
    assert fs[0].tgt_span.text == "آدم"
    assert "another name stands in its place" in fs[0].message


@needs_lexicons
@pytest.mark.parametrize("ar", [
    "ذهب إلى السوق مع أخيه.",  # a name left implicit: no stand-in, the span is the whole target
    "ذهب على عجل إلى السوق مع أخيه.",  # على "on" sounds like Ali but the dictionary reads it as a common word
])
def test_a_common_word_is_no_stand_in(ar):
    fs = run("names", "Kwame went to the market with his brother.", ar)
    assert all(f.tgt_span.text == ar for f in fs)


@needs_lexicons
def test_a_proper_noun_the_source_has_is_no_stand_in():
    assert run("names", "Adam went to the market.", "ذهب آدم إلى السوق.") == []


# ------------------------------------------------------------------ polarity


@pytest.mark.parametrize("text", [
    "Whoever buys a goat that has not been milked may return it.",
    "Feed those who are not fasting.",
    "Skip files that are not opened.",
    "Remove the packages that aren't used.",
])
def test_a_negated_relative_clause_is_possible_not_sure(text):
    n = english_negation(text)
    assert n.sure == () and n.possible >= 1


@pytest.mark.parametrize("text", [
    "He said that he did not come.",  # "that" introducing a statement
    "The file was not found.",
    "I cannot read it.",
    "It is the punishment which is not the painful one.",  # a negated predicate, not a participle
    "He hired a man who cannot read.",
])
def test_other_negations_stay_sure(text):
    assert len(english_negation(text).sure) == 1


def test_a_description_rendered_by_one_word_is_not_a_polarity_error():
    en = "Whoever buys a goat that has not been milked may return it."
    assert run("polarity", en, "من اشترى شاة مصراة فله أن يردها.") == []
    # the twin: a negated main clause with no Arabic negation is still critical
    fs = run("polarity", "Whoever buys a goat has not paid.", "من اشترى شاة فقد دفع.")
    assert fs and fs[0].severity is Severity.CRITICAL


@pytest.mark.parametrize("ar, possible", [
    ("ثم بدا لهم من بعد ما رأوا الآيات", 0),  # after a preposition: "after (what) they saw"
    ("جلس قبل ما وصلوا", 0),
    ("وما رأوا الآيات", 1),  # bare or after و: may negate
])
def test_relative_ma_after_a_preposition_is_not_a_negator(ar, possible):
    assert arabic_negation(ar).possible == possible


def test_an_arabic_negation_is_not_excused_by_a_relative_ma():
    en = "Then it seemed to them, after they had seen the signs, that they should imprison him."
    fs = run("polarity", en, "ثم بدا لهم من بعد ما رأوا الآيات ألا يسجنوه")
    assert fs and fs[0].severity is Severity.CRITICAL
    assert run("polarity", en, "ثم بدا لهم من بعد ما رأوا الآيات ليسجننه") == []


@pytest.mark.parametrize("text, possible", [
    ("He wanted to rest but he kept working.", 0),  # the conjunction
    ("There is nothing but dust here.", 2),  # "nothing" before an exception, and "but" = except
    ("All but one of the files were saved.", 1),
    ("But for the rain, we would have come.", 1),
])
def test_but_is_possible_only_as_except(text, possible):
    assert english_negation(text).possible == possible


def test_an_added_arabic_negation_next_to_a_conjunction_but_is_flagged():
    en = "He wanted to rest but he kept working."
    fs = run("polarity", en, "أراد أن يستريح لكنه لا يواصل العمل.")
    assert fs and fs[0].severity is Severity.CRITICAL
    assert run("polarity", en, "أراد أن يستريح لكنه واصل العمل.") == []


def test_standalone_non_is_a_possible_negation():
    en = "It can generate files for many (non PostScript) printers."
    assert run("polarity", en, "يمكنه توليد ملفات لكثير من الطابعات التي ليست طابعات بوستسكربت.") == []


@pytest.mark.parametrize("en, ar", [
    ("He tried but failed.", "حاول لكنه لم ينجح."),
    ("Smoking is forbidden here.", "لا يجوز التدخين هنا."),
    ("Avoid long lines.", "لا تكتب أسطرا طويلة."),
])
def test_a_lexical_negative_may_be_rendered_with_a_negator(en, ar):
    assert run("polarity", en, ar) == []


def test_without_a_lexical_negative_the_arabic_negator_is_flagged():
    fs = run("polarity", "He tried and succeeded.", "حاول لكنه لم ينجح.")
    assert fs and fs[0].severity is Severity.CRITICAL


def test_failed_to_is_a_sure_negator_and_counts_once():
    n = english_negation("The server failed to start.")
    assert len(n.sure) == 1 and n.possible == 0


# ------------------------------------------------------------------ polarity: Arabic scope


@pytest.mark.parametrize("ar, sure, possible", [
    ("أولم يكن لهم آية", 0, 1),  # أ + و + لم asks: "has it not been" (possible, never nothing)
    ("أفلا تذكرون", 0, 1),
    ("لم شهدتم علينا", 0, 1),  # لِمَ before a perfect verb: "why"
    ("لم تلبسون الحق", 0, 1),  # ... or before an indicative imperfect
    ("لم تلبسوا الحق", 1, 0),  # the jussive: "you did not confuse"
    ("ولم يشهدوا", 1, 0),
    ("ألا إن ربكم رحيم", 0, 0),  # ألا "lo!" before a noun or إن
    ("ألا بعدا لهم", 0, 0),
    ("ألا وإنه قريب", 0, 0),
    ("يجب ألا يكون", 1, 1),  # ألّا (أن + لا) before a verb stays a negator
])
def test_arabic_words_that_ask_or_exclaim_are_not_sure_negators(ar, sure, possible):
    n = arabic_negation(ar)
    assert (len(n.sure), n.possible) == (sure, possible)


@pytest.mark.parametrize("ar, possible", [
    ("ويعملون عملا دون ذلك", 0),  # "other than that"
    ("يعبدون من دون الله", 0),  # "besides"
    ("خرج من دون أن يعلم", 1),  # "without (that) he knew"
    ("قالها دون علم", 1),  # "without knowledge"
])
def test_doon_is_a_possible_negator_only_as_without(ar, possible):
    assert arabic_negation(ar).possible == possible


def test_a_negation_lost_next_to_doon_meaning_other_than_is_flagged():
    en = "They did other work besides that, and We were not their guardians."
    fs = run("polarity", en, "وعملوا عملا دون ذلك وكنا لهم حافظين")
    assert fs and fs[0].severity is Severity.CRITICAL
    assert run("polarity", en, "وعملوا عملا دون ذلك وما كنا لهم حافظين") == []


def test_a_negation_lost_next_to_an_exclaiming_ala_is_flagged():
    en = "As if they had never lived there. Lo, they denied their Lord."
    fs = run("polarity", en, "كأن يعيشوا فيها ألا إنهم كفروا ربهم")
    assert fs and fs[0].severity is Severity.CRITICAL
    assert run("polarity", en, "كأن لم يعيشوا فيها ألا إنهم كفروا ربهم") == []


# ------------------------------------------------------------------ polarity: English clause counting


def test_nor_before_an_inverted_auxiliary_is_a_negation_of_its_own():
    assert len(english_negation("The gates will not open for them, nor will they enter.").sure) == 2
    assert len(english_negation("He has neither money nor friends.").sure) == 1  # one negation


def test_a_lost_nor_clause_is_flagged():
    en = "The gates will not open for them, nor will they enter the garden."
    fs = run("polarity", en, "لا تفتح لهم الأبواب ويدخلون الحديقة")
    assert fs and fs[0].severity is Severity.MAJOR
    assert run("polarity", en, "لا تفتح لهم الأبواب ولا يدخلون الحديقة") == []


def test_not_without_may_be_rendered_with_both_negations():
    en = "Do not talk much without remembrance. Talking without remembrance hardens the heart."
    assert run("polarity", en, "لا تكثروا الكلام بغير ذكر فإن الكلام بغير ذكر قسوة للقلب") == []
    # the twin: a third Arabic negation the English does not have
    fs = run("polarity", en, "لا تكثروا الكلام بغير ذكر فإن الكلام بغير ذكر لا يقسي القلب")
    assert fs and fs[0].severity is Severity.MAJOR


@pytest.mark.parametrize("en", [
    "Had We not made you firm, you would have inclined to them a little.",
    "But for your help, we would have been lost.",
    "Without your help, we would have been lost.",
])
def test_lawla_is_if_not_and_is_rendered_with_a_negation(en):
    assert run("polarity", en, "ولولا أن ساعدتنا لضعنا") == []


def test_lawla_against_a_plain_if_is_flagged():
    fs = run("polarity", "If you had helped us, we would have been lost.", "ولولا أن ساعدتنا لضعنا")
    assert fs and fs[0].severity is Severity.CRITICAL


# ------------------------------------------------------------------ names: vocative and derived common words


@needs_lexicons
def test_a_name_with_the_joined_vocative_ya_is_found():
    en = "It was said, O Noah, go down in peace."
    assert run("names", en, "قيل يانوح اهبط بسلام") == []
    fs = run("names", en, "قيل يا قوم اهبطوا بسلام")  # the twin: the name is not there
    assert [f.src_span.text for f in fs] == ["Noah"]


@needs_lexicons
@pytest.mark.parametrize("en", ["He is the Compeller, the Superior.", "The Traveller rested."])
def test_a_capitalised_derived_word_with_a_doubled_consonant_is_not_a_name(en):
    assert run("names", en, "هو القاهر المتكبر") == []


@needs_lexicons
def test_the_sources_acronym_in_lower_case_stays_in_latin():
    assert run("untranslated", "The HTTP server sent a bad header", "أرسل خادم http ترويسة سيئة") == []
    fs = run("untranslated", "The web server sent a bad header", "أرسل خادم http ترويسة سيئة")
    assert [f.tgt_span.text for f in fs] == ["http"]


def test_proper_renderings_keep_only_names_the_rendering_transliterates():
    """The stand-in index judges a form's candidate names when it is asked for, with the same rule
    as building it whole: Adam ~ آدم counts, Laban (whose dictionary gives ابيض "white") does not."""
    from mt_review.checks.names import _ProperRenderings

    index = _ProperRenderings({"آدم": (("adam", "آدم"), ("laban", "آدم")), "ابيض": (("laban", "ابيض"),)})
    assert index.get("آدم") == frozenset({"adam"})
    assert index.get("ابيض") == frozenset()
    assert index.get("نوح") == frozenset() and bool(index)
    assert not _ProperRenderings({})


# ------------------------------------------------------------------ punctuation: a dropped final full stop


_STOP_DROPPED = [
    ("The number of pages in the document.", "عدد الصفحات في المستند"),
    ("The password may be incorrect.", "قد تكون كلمة السر خاطئة"),
]
_STOP_KEPT = [("Whether the text is shown.", "ما إذا كان النص معروضا.")]


def _ending_findings(pairs):
    per_pair = run_checks(page_ctx(pairs), enabled=["punctuation"])
    return [[f for f in fs if "closing punctuation" in f.message] for fs in per_pair]


def test_a_full_stop_dropped_once_on_a_page_is_flagged():
    got = _ending_findings([_STOP_DROPPED[0], *_STOP_KEPT])
    assert len(got[0]) == 1 and got[1] == []


def test_full_stops_dropped_across_the_page_are_the_translators_convention():
    assert _ending_findings([*_STOP_DROPPED, *_STOP_KEPT]) == [[], [], []]


@pytest.mark.parametrize("en, ar", [
    ("Open a file…", "افتح ملفا"),  # a dialog-opening ellipsis
    ("Do you want to quit?", "هل تريد الخروج"),
    ("Name:", "الاسم"),
])
def test_other_final_marks_stay_flagged_even_where_the_page_drops_full_stops(en, ar):
    got = _ending_findings([(en, ar), *_STOP_DROPPED])
    assert len(got[0]) == 1


# ------------------------------------------------------------------ names: God carried by the Arabic verb


def _names(en, ar):
    return [f for f in run("names", en, ar) if f.severity.rank >= Severity.MAJOR.rank]


@needs_lexicons
@pytest.mark.parametrize("en, ar", [
    ("Those who fear Allah will be saved", "سينجو الذين يتقون"),
    ("The best provision is the fear of Allah", "خير الزاد التقوى"),
    ("Do not associate anything with Allah", "لا تشركوا شيئا"),
    ("We are those who exalt Allah", "نحن المسبحون"),
])
def test_allah_as_the_object_of_a_verb_arabic_says_in_one_word_is_found(en, ar):
    assert _names(en, ar) == []


@needs_lexicons
@pytest.mark.parametrize("en, ar", [
    ("Those who love Allah will be saved", "سينجو الذين يحبون"),  # no such verb: the name is gone
    ("Those who fear Allah will be saved", "سينجو الذين يخافون"),  # the English verb, not the Arabic one
    ("We are those who exalt Allah", "نحن الشاكرون"),
])
def test_allah_dropped_without_a_verb_that_carries_it_stays_major(en, ar):
    assert len(_names(en, ar)) == 1


@needs_lexicons
def test_an_implicit_object_does_not_count_as_a_dropped_repeat():
    assert _names("Fear Allah, for Allah is forgiving", "اتقوا إن الله غفور") == []
    assert len(_names("Thank Allah, for Allah is forgiving", "اشكروا إن الله غفور")) == 1


# ------------------------------------------------------------------ names: the Arabic article joins a name


@needs_lexicons
def test_a_title_joined_by_the_arabic_article_is_found_through_its_name():
    assert run("names", "He recited Surat Al-Kahf at night", "قرأ الكهف في الليل") == []
    assert len(_names("He recited Surat Al-Kahf at night", "قرأ في الليل")) == 1


# ------------------------------------------------------------------ names: an inflected common verb is no stand-in


@needs_lexicons
def test_an_inflected_common_verb_that_spells_a_name_is_not_a_stand_in():
    got = _names("Perform the Takbir even if it was late", "كبر ولو كانت متأخرة")
    assert len(got) == 1 and "stands in" not in got[0].message
    got = _names("Perform the Takbir even if it was late", "كبر آدم ولو كانت متأخرة")
    assert len(got) == 1 and "stands in" in got[0].message and got[0].tgt_span.text == "آدم"


# ------------------------------------------------------------------ polarity: لات, لا ريب, تعذّب is not تعذّر


def test_classical_lat_is_a_negator():
    assert [s.text for s in arabic_negation("فنادوا ولات حين فرار").sure] == ["ولات"]
    assert run("polarity", "They called out, but it was not a time for escape", "فنادوا ولات حين فرار") == []
    assert run("polarity", "They called out, and it was a time for escape", "فنادوا ولات حين فرار") != []


def test_la_rayb_is_the_idiom_no_doubt_like_la_shakk():
    assert arabic_negation("هذا كتاب لا ريب فيه").sure == ()
    assert run("polarity", "This is a book in which there is no doubt", "هذا كتاب لا ريب فيه") == []
    assert run("polarity", "This is a book in which there is no error", "هذا كتاب لا خطأ فيه") == []
    assert run("polarity", "This is a book in which there is an error", "هذا كتاب لا خطأ فيه") != []


def test_torment_is_not_the_negative_verb_taadhdhar():
    assert [s.text for s in arabic_negation("ولا تعذبهم").sure] == ["ولا"]
    assert run("polarity", "Do not torment them", "ولا تعذبهم") == []
    assert [s.text for s in arabic_negation("تعذر فتح الملف").sure] == ["تعذر"]  # "could not open the file"
    assert run("polarity", "The file could not be opened", "تعذر فتح الملف") == []


# ------------------------------------------------------------------ polarity: ", but" is the conjunction


def test_but_after_a_comma_does_not_excuse_a_negation():
    assert len(english_negation("You were not invited, but you refused").sure) == 1
    assert run("polarity", "You were not invited, but you came", "دعيتم فجئتم") != []
    assert run("polarity", "You were not invited, but you came", "لم تدعوا فجئتم") == []
    assert english_negation("There is no god but Allah").sure == ()  # "but" = except: no ... but = only


# ------------------------------------------------------------------ polarity: dis- verbs against لا/لم + verb


@needs_lexicons
def test_a_dis_verb_does_not_account_for_a_negated_arabic_verb():
    assert run("polarity", "Those who disobeyed were punished", "عوقب الذين عصوا") == []
    assert run("polarity", "Those who disobeyed were punished", "عوقب الذين لم يعصوا") != []
    assert run("polarity", "The file is disabled", "الملف غير مفعل") == []  # غير + adjective: fine
    assert run("polarity", "The order was disobeyed", "أمر لا طاعة له") == []  # لا + noun: fine
    assert run("polarity", "The servant was disobedient", "كان العبد لا يطيع") == []  # an adjective: fine


@needs_lexicons
@pytest.mark.parametrize("en, ar", [
    ("He disliked the noise", "لم يحب الضجيج"),  # dislike = not like
    ("They disagreed with the plan", "لم يوافقوا على الخطة"),
    ("Unable to open the file", "لم يمكن فتح الملف"),  # un- stays possible for a negated verb
])
def test_dis_verbs_that_mean_not_x_and_un_words_still_account_for_it(en, ar):
    assert run("polarity", en, ar) == []


# ------------------------------------------------------------------ names: an acronym spelt in Arabic letters


@needs_lexicons
def test_an_acronym_spelt_letter_by_letter_in_arabic_is_found():
    assert run("names", "Rules recognised by GTK are applied", "تطبق القواعد التي تتعرف عليها ج\u200cت\u200cك") == []
    assert run("names", "Rules recognised by GTK are applied", "تطبق القواعد التي تتعرف عليها ج ت ك") == []
    assert len(_names("Rules recognised by GTK are applied", "تطبق القواعد التي تتعرف عليها ب\u200cت\u200cك")) == 1
    assert len(_names("Rules recognised by GTK are applied", "تطبق القواعد التي تتعرف عليها")) == 1


# ------------------------------------------------------------------ translit: -at names and the weak root's verb


@pytest.mark.parametrize("arabic, found", [
    ("تصلوا", True), ("المصلون", True), ("يصلي", True),  # pray (2nd pl.), those who pray, he prays
    ("يسألون", False), ("مسلمون", False),  # ask, Muslims: another root
])
def test_a_name_in_at_is_found_in_its_weak_roots_verb_and_participle(arabic, found):
    from mt_review.translit import transliterates
    assert transliterates("Salat", arabic) is found


@needs_lexicons
def test_salat_rendered_as_a_verb_is_not_a_missing_name():
    assert _names("Do not perform Salat towards the graves", "لا تصلوا إلى القبور") == []
    assert len(_names("Do not perform Salat towards the graves", "لا تجلسوا على القبور")) == 1


# ------------------------------------------------------------------ detect_bench: pooled tuning seeds


def _detect_bench():
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "detect_bench.py"
    spec = importlib.util.spec_from_file_location("detect_bench_p10c", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_seeds_parse_as_a_range_or_a_list():
    bench = _detect_bench()
    assert bench.parse_seeds("0-5") == [0, 1, 2, 3, 4, 5]
    assert bench.parse_seeds("0,2,7") == [0, 2, 7]
    assert bench.parse_seeds("3") == [3]
    with pytest.raises(ValueError):
        bench.parse_seeds("1,1")


def test_pooling_seeds_refuses_the_held_out_half(capsys):
    bench = _detect_bench()
    with pytest.raises(SystemExit) as e:
        bench.main(["--seeds", "0-1", "--halves", "held", "--no-embed"])
    assert e.value.code == 2
    assert "tuning half only" in capsys.readouterr().err


# ------------------------------------------------------------------ untranslated: joined identifiers copied from the source


@needs_lexicons
@pytest.mark.parametrize("en, ar", [
    ("The spacing is used only when compact-layout is set", "تستخدم المسافة فقط عند ضبط compact-layout"),
    ("Could not read the file desktop.ini", "تعذرت قراءة الملف desktop.ini"),
    ("Run dpkg-reconfigure tzdata to choose a zone", "شغّل dpkg-reconfigure tzdata لاختيار منطقة"),
])
def test_a_joined_identifier_copied_from_the_source_stays_in_latin(en, ar):
    assert run("untranslated", en, ar) == []


@needs_lexicons
@pytest.mark.parametrize("en, ar, token", [
    ("Send the report by e-mail", "أرسل التقرير عبر e-mail", "e-mail"),  # a prose compound with a one-letter part
    ("Please re-enter the password", "يرجى re-enter كلمة السر", "re-enter"),  # a prose prefix
    ("Open a read-only file", "افتح ملفًا read-only", "read-only"),  # a modifier before a noun
    ("The spacing is used only when compact-layout is set", "تستخدم المسافة فقط عند ضبط narrow-layout", "narrow-layout"),
])
def test_prose_compounds_and_joined_tokens_the_source_lacks_stay_flagged(en, ar, token):
    found = run("untranslated", en, ar)
    assert [f.tgt_span.text for f in found] == [token]


@needs_lexicons
@pytest.mark.parametrize("en, ar, token", [
    ("Keep the list up-to-date", "حافظ على القائمة up-to-date", "up-to-date"),  # a phrase joined by hyphens
    ("Use gnome-shell or xfwm for this", "استخدم gnome-shell or xfwm لهذا", "gnome-shell or xfwm"),  # prose around it
])
def test_hyphenated_phrases_and_runs_with_function_words_stay_flagged(en, ar, token):
    assert [f.tgt_span.text for f in run("untranslated", en, ar)] == [token]


# ------------------------------------------------------------------ untranslated: a term glossed in brackets


@needs_lexicons
@pytest.mark.parametrize("en, ar", [
    ("The proxy sent an invalid Keep-Alive header", "أرسل الوسيط ترويسة إبقاء الاتصال (Keep-Alive) غير صالحة"),
    ("The proxy sent an invalid Keep-Alive header", "أرسل الوسيط ترويسة إبقاء الاتصال (ِKeep-Alive) غير صالحة"),  # a stray kasra
    ("Clear the browser cache now", "امسح cache (الذاكرة المؤقتة) للمتصفح الآن"),
])
def test_a_source_term_glossed_in_brackets_next_to_its_rendering_is_not_flagged(en, ar):
    assert run("untranslated", en, ar) == []


@needs_lexicons
@pytest.mark.parametrize("en, ar, token", [
    ("The proxy sent an invalid Keep-Alive header", "أرسل الوسيط ترويسة Keep-Alive غير صالحة", "Keep-Alive"),  # no gloss
    ("Clear the browser cache now", "امسح cache للمتصفح الآن", "cache"),
    ("Clear the cache of Firefox now", "امسح الذاكرة (cache of Firefox) الآن", "cache of Firefox"),  # English text
])
def test_a_source_term_without_a_bracketed_gloss_stays_flagged(en, ar, token):
    assert [f.tgt_span.text for f in run("untranslated", en, ar)] == [token]


# ------------------------------------------------------------------ polarity: lexical negatives paired, ما كان, word ends


@pytest.mark.parametrize("ar", [
    "أولئك في الجنة هم فيها خالدون",  # خالدون "abiding", not خال "free of"
    "الله خالق كل شيء",  # خالق "Creator"
    "سافروا إلى بلاد بعيدة",  # بلاد "countries", not بلا "without"
])
def test_words_that_begin_like_a_lexical_negative_are_not_one(ar):
    assert arabic_negation(ar).possible == 0


@pytest.mark.parametrize("en, ar", [
    ("On a journey he would fast one day and not fast the next", "كان في السفر يصوم يوما ويفطر يوما"),  # not fast ~ يفطر
    ("She made a promise and did not keep it", "وعدت فأخلفت"),  # did not keep (a promise) ~ أخلف
    ("They did not remember the warning", "نسوا التحذير"),  # did not remember ~ نسي
])
def test_a_negated_verb_arabic_says_in_one_word_is_rendered(en, ar):
    assert run("polarity", en, ar) == []


@pytest.mark.parametrize("en, ar", [
    ("He does not fast on the road", "يصوم في الطريق"),  # no يفطر: the negation is lost
    ("Do not eat before sunset, and break the fast after it", "تأكلوا قبل الغروب وأفطروا بعده"),  # يفطر is the other clause
    ("They did not read the warning", "نسوا التحذير"),  # read is no verb نسي says
])
def test_a_lexical_negative_does_not_excuse_another_negation(en, ar):
    assert [f.severity for f in run("polarity", en, ar)] == [Severity.CRITICAL]


def test_a_clause_opening_ma_before_kana_is_a_sure_negator():
    assert len(arabic_negation("وما كنا عن الخلق غافلين").sure) == 1
    assert len(arabic_negation("ما كان لهم أن يدخلوها").sure) == 1
    assert len(arabic_negation("قال: ما كنت لأفعل ذلك").sure) == 1
    # inside a clause, after a word, ما كان is "as long as" / "what was"
    assert arabic_negation("والله في عون العبد ما كان العبد في عون أخيه").sure == ()
    assert arabic_negation("فأعطاهم ما كان عنده").sure == ()


def test_an_added_ma_kana_negation_is_flagged_and_its_clean_twin_is_not():
    en = "And your Lord has always been forgiving"
    assert [f.severity for f in run("polarity", en, "وما كان ربك غفورا")] == [Severity.CRITICAL]
    assert run("polarity", en, "وكان ربك غفورا") == []
    assert run("polarity", "And your Lord has never been unjust", "وما كان ربك ظالما") == []


def test_a_lexical_negative_pairs_only_with_a_negation_left_unmatched():
    # both negations rendered: "do not fast" = لا تصوموا, "break the fast" = أفطروا; nothing to pair off
    assert run("polarity", "Do not fast before the new moon, and break the fast after it",
               "لا تصوموا قبل الهلال وأفطروا بعده") == []


# ------------------------------------------------------------------ names: a chain of narration, a kinship apposition


_CHAIN_EN = ("Harith bin Suwaid and Bakr bin Mansur narrated to us, from Khalid bin Ma'dan, from Ibn Mas'ud, "
             "that the Prophet said: the best of you is the best to his family")


@needs_lexicons
def test_a_chain_of_narration_the_arabic_leaves_out_as_a_whole_is_minor():
    found = run("names", _CHAIN_EN, "خيركم خيركم لأهله")
    assert found and all(f.severity == Severity.MINOR for f in found)
    assert _names(_CHAIN_EN, "حدثنا حارث بن سويد وبكر بن منصور عن خالد بن معدان عن ابن مسعود أن النبي قال خيركم خيركم لأهله") == []


@needs_lexicons
def test_one_name_dropped_from_a_chain_stays_major():
    ar = "حدثنا حارث بن سويد وبكر بن منصور عن بن معدان عن ابن مسعود أن النبي قال خيركم خيركم لأهله"  # Khalid dropped
    assert [f.severity for f in run("names", _CHAIN_EN, ar)] == [Severity.MAJOR]


@needs_lexicons
def test_a_name_in_apposition_to_my_father_may_stay_implicit():
    en = "He said that my father Ibrahim built the house"
    assert [f.severity for f in run("names", en, "قال إن أبي بنى البيت")] == [Severity.MINOR]
    assert _names(en, "قال إن أبي إبراهيم بنى البيت") == []
    assert [f.severity for f in run("names", "He said that Ibrahim built the house", "قال إنه بنى البيت")] == [Severity.MAJOR]


@needs_lexicons
def test_another_name_in_place_of_an_apposition_stays_major():
    en = "He said that my father Ibrahim built the house"
    assert [f.severity for f in run("names", en, "قال إن أبي Yusuf بنى البيت")] == [Severity.MAJOR]


# ------------------------------------------------------------------ numbers: bracketed references, number bases


def test_a_bracketed_reference_the_target_lacks_is_minor():
    found = run("numbers", "He recited the verse on keeping promises (5:1) to them", "تلا عليهم آية الوفاء بالعقود")
    assert found and all(f.severity == Severity.MINOR for f in found)
    # a count outside brackets stays major
    found = run("numbers", "He recited 5 verses on keeping promises to them", "تلا عليهم آيات الوفاء بالعقود")
    assert [f.severity for f in found] == [Severity.MAJOR]


def test_a_number_base_word_accounts_for_its_number():
    assert run("numbers", "Enter a hexadecimal value", "أدخل قيمة بنظام ١٦") == []
    assert run("numbers", "Enter an octal value", "أدخل قيمة بنظام 8") == []
    assert [f.severity for f in run("numbers", "Enter a numeric value", "أدخل قيمة بنظام ١٦")] == [Severity.MAJOR]
