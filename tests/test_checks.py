"""Behaviour of each check: hits and non-hits, spans in block offsets."""

from __future__ import annotations

import pytest

from mt_review.checks import REGISTRY, CheckContext, check_furniture_numbers, run_checks
from mt_review.checks.text import find_arabic_phrase, normalize_ar, word_forms
from mt_review.errors import InputError
from mt_review.glossary import parse_glossary
from mt_review.model import AlignedPair, Block, BlockKind, Page, Segment, Severity

GLOSSARY = parse_glossary(
    "en,ar,forbidden,keep_latin,notes\n"
    "takeaways,الدروس المستفادة|الاستنتاجات الرئيسية,الوجبات السريعة,no,\n"
    "workshop,ورشة عمل|حلقة عمل,,no,\n"
    "hub,مركز/مراكز,محور,no,\n"
    "local prevention networks (LPNs),شبكات الوقاية المحلية,,no,\n"
    "International Institute for Justice and the Rule of Law (IIJ),المعهد الدولي للعدالة وسيادة القانون,,expanded,\n"
    "WPML,,,yes,plugin\n"
)


def seg(text: str, block: int = 0, prefix: str = "") -> Segment:
    return Segment(block, len(prefix), len(prefix) + len(text), text)


def page_ctx(pairs_text, glossary=None, prefix_src="", prefix_tgt=""):
    """A page whose blocks are ``prefix + text``; segments cover ``text``."""
    sblocks, tblocks, pairs = [], [], []
    for i, (en, ar) in enumerate(pairs_text):
        sblocks.append(Block(BlockKind.PARAGRAPH, prefix_src + (en or ""), i))
        tblocks.append(Block(BlockKind.PARAGRAPH, prefix_tgt + (ar or ""), i))
        pairs.append(AlignedPair(
            (seg(en, i, prefix_src),) if en is not None else (),
            (seg(ar, i, prefix_tgt),) if ar is not None else (),
            1.0,
        ))
    return CheckContext(Page("s", "en", "", tuple(sblocks)), Page("t", "ar", "", tuple(tblocks)), tuple(pairs),
                        glossary)


def findings(en, ar, check=None, glossary=None, **kw):
    ctx = page_ctx([(en, ar)], glossary, **kw)
    out = run_checks(ctx, enabled=[check] if check else None)[0]
    return out


def checks_of(fs):
    return sorted({f.check for f in fs})


def assert_span(ctx_block_text: str, span):
    assert ctx_block_text[span.start:span.end] == span.text


# --------------------------------------------------------------------- registry / API


def test_registry_names_match_classes():
    assert set(REGISTRY) >= {"numbers", "untranslated", "omission", "addition", "preserved", "terminology",
                             "punctuation", "spelling", "hygiene"}
    for name, cls in REGISTRY.items():
        assert cls.name == name and "/" in cls.category and isinstance(cls.default_severity, Severity)


def test_run_checks_unknown_check_is_input_error():
    ctx = page_ctx([("One two three four.", "واحد اثنان ثلاثة أربعة.")])
    with pytest.raises(InputError):
        run_checks(ctx, enabled=["nope"])
    with pytest.raises(InputError):
        run_checks(ctx, severity_overrides={"nope": Severity.MINOR})


def test_severity_override_and_none_drops():
    en, ar = "Wait 5 minutes.", "انتظر 6 دقائق."
    base = findings(en, ar, "numbers")
    assert base and all(f.severity is Severity.MAJOR for f in base)
    ctx = page_ctx([(en, ar)])
    over = run_checks(ctx, enabled=["numbers"], severity_overrides={"numbers": Severity.CRITICAL})[0]
    assert [f.severity for f in over] == [Severity.CRITICAL] * len(base)
    assert run_checks(ctx, enabled=["numbers"], severity_overrides={"numbers": Severity.NONE})[0] == []


def test_run_checks_is_deterministic_and_per_pair():
    rows = [("Wait 5 minutes.", "انتظر 6 دقائق ."), ("Hello world again.", "مرحبا بالعالم مرة أخرى."),
            ("Call 7 times.", "اتصل 8 مرات .")]
    a, b = run_checks(page_ctx(rows)), run_checks(page_ctx(rows))
    assert a == b and len(a) == 3  # one list per aligned pair, equal for an equal page built again
    # findings stay with their own pair: the first and last pairs each have their own number change
    numbers = [[(f.src_span.text, f.tgt_span.text) for f in fs if f.check == "numbers"] for fs in a]
    assert numbers == [[("5", "6")], [], [("7", "8")]]


# --------------------------------------------------------------------- numbers


@pytest.mark.parametrize("en,ar", [
    ("The meeting lasted 2 hours.", "استمر الاجتماع 2 ساعة."),
    ("The meeting lasted 2 hours.", "استمر الاجتماع ٢ ساعة."),  # Arabic-Indic digits
    ("The meeting lasted 2 hours.", "استمر الاجتماع ساعتين."),  # dual
    ("The meeting lasted 2 hours.", "استمر الاجتماع ۲ ساعة."),  # Persian digits
    ("It costs 1,500 dollars.", "يكلف ١٬٥٠٠ دولار."),  # Arabic thousands separator
    ("It grew by 3.5% in 2023.", "نما بنسبة ٣٫٥٪ في عام 2023."),  # Arabic decimal and percent
    ("It costs 10,000 dollars.", "يكلف 10.000 دولار."),  # dot grouping thousands
    ("It grew by 2.5 points.", "نما بمقدار 2,5 نقطة."),  # decimal comma
    ("A three-day programme.", "برنامج مدته ثلاثة أيام."),
    ("A 3-day programme.", "برنامج مدته ثلاثة أيام."),
    ("In each of the three countries.", "في كل من البلدان 3."),
    ("It happened in July 2021.", "حدث ذلك في تموز 2021."),
    ("Visit https://example.org/page2 today.", "زر https://example.org/page2 اليوم."),  # digits in URLs ignored
])
def test_numbers_no_finding(en, ar):
    assert findings(en, ar, "numbers") == []


def test_number_changed_has_both_spans_and_threshold():
    ctx = page_ctx([("Read it in 2 minutes.", "اقرأه في 0 دقائق.")], prefix_src="— ", prefix_tgt="— ")
    fs = run_checks(ctx, enabled=["numbers"])[0]
    assert len(fs) == 1
    f = fs[0]
    assert f.severity is Severity.MAJOR and f.category.startswith("accuracy/")
    assert f.src_span.text == "2" and f.tgt_span.text == "0"
    assert_span(ctx.source.blocks[0].text, f.src_span)
    assert_span(ctx.target.blocks[0].text, f.tgt_span)
    assert "2" in f.threshold and "absent" in f.threshold


def test_ambiguous_separators_do_not_hide_errors():
    assert findings("It costs 10,000 dollars.", "يكلف 10 دولار.", "numbers")
    assert findings("It costs 10,000 dollars.", "يكلف 10,5 دولار.", "numbers")


def test_number_missing_and_extra():
    missing = findings("Call 911 now.", "اتصل الآن.", "numbers")
    assert len(missing) == 1 and missing[0].src_span.text == "911" and missing[0].tgt_span is None
    extra = findings("Call now.", "اتصل الآن 5 مرات.", "numbers")
    assert len(extra) == 1 and extra[0].tgt_span.text == "5"


def test_spelled_number_mismatch_still_caught():
    # the English word "three" excuses a 3 in the target, not a 4
    fs = findings("A three-day programme.", "برنامج مدته 4 أيام.", "numbers")
    assert len(fs) == 1 and fs[0].tgt_span.text == "4"


def test_decades_and_ordinals():
    assert findings("In the 1990s it grew.", "في التسعينيات نما.", "numbers") == []
    assert findings("In 1990 it grew.", "في التسعينيات نما.", "numbers")[0].severity is Severity.MAJOR
    fs = findings("On the 21st day.", "في اليوم الحادي والعشرين.", "numbers")
    assert [f.severity for f in fs] == [Severity.MINOR]


@pytest.mark.parametrize("en,ar,changed", [
    ("Reading time: 2 minutes.", "وقت القراءة: 2 ساعات.", True),
    ("Reading time: 2 minutes.", "وقت القراءة: ٢ دقائق.", False),
    ("It weighs 5 kg.", "يزن 5 غرامات.", True),
    ("It weighs 5 kg.", "يزن 5 كغ.", False),
    ("It costs $20.", "يكلف 20 يورو.", True),
    ("It costs $20.", "يكلف 20 دولارا.", False),
    ("It costs $20.", "يكلف 20.", False),  # a unit left out is not flagged
])
def test_units(en, ar, changed):
    fs = findings(en, ar, "numbers")
    assert bool(fs) is changed
    if changed:
        assert fs[0].severity is Severity.MAJOR and "Unit changed" in fs[0].message


@pytest.mark.parametrize("en,ar,changed", [
    ("In the 1990s it grew.", "نما في عام 1990.", False),  # decade "s" is no unit of seconds
    ("Back in the 1980s.", "في عقد 1980 من القرن الماضي.", False),
    ("It costs 5m a year.", "يكلف 5 ساعات في السنة.", False),  # glued one-letter: not a unit
    ("The test took 30 s.", "استغرق الاختبار 30 دقيقة.", True),  # spaced one-letter unit still read
    ("The wall is 3 m high.", "ارتفاع الجدار 3 كم.", True),
    ("It weighs 5kg.", "يزن 5 غرامات.", True),  # glued multi-letter unit still read
])
def test_one_letter_units_need_whitespace(en, ar, changed):
    fs = [f for f in findings(en, ar, "numbers") if "Unit changed" in f.message]
    assert bool(fs) is changed
    if changed:
        assert fs[0].severity is Severity.MAJOR


def test_percent_sign_lost_is_minor():
    fs = findings("Turnout was 45% this year.", "بلغت المشاركة 45 هذا العام.", "numbers")
    assert [f.severity for f in fs] == [Severity.MINOR]
    assert findings("Turnout was 45% this year.", "بلغت المشاركة 45 في المائة هذا العام.", "numbers") == []


def test_month_missing():
    fs = findings("The event is on 12 March.", "الحدث في 12 أبريل.", "numbers")
    assert len(fs) == 1 and fs[0].src_span.text == "March"
    assert findings("The event is on 12 March.", "الحدث في 12 آذار.", "numbers") == []
    # "may" as a verb is no month
    assert findings("You May need help.", "قد تحتاج إلى مساعدة.", "numbers") == []


def test_furniture_numbers():
    src = Block(BlockKind.READING_TIME, "— 2 minutes reading time", 3)
    tgt = Block(BlockKind.READING_TIME, "— 0 دقائق وقت القراءة", 3)
    fs = check_furniture_numbers(src, tgt)
    assert len(fs) == 1 and fs[0].check == "numbers"
    assert fs[0].src_span == type(fs[0].src_span)(3, 2, 3, "2")
    assert fs[0].tgt_span.block_index == 3 and fs[0].tgt_span.text == "0"
    ok = Block(BlockKind.READING_TIME, "— ٢ دقائق وقت القراءة", 3)
    assert check_furniture_numbers(src, ok) == []
    assert check_furniture_numbers(src, None) == [] and check_furniture_numbers(None, tgt) == []


# --------------------------------------------------------------------- untranslated


def test_untranslated_acronym_alone_flagged_but_expanded_in_parens_not():
    en = "The network joined the International Institute for Justice and the Rule of Law (IIJ) in Surabaya."
    ar = "انضمت الشبكة إلى المعهد الدولي للعدالة وسيادة القانون (IIJ) في سورابايا."
    assert findings(en, ar, "untranslated") == []  # general rule, no glossary
    assert findings(en, ar, "untranslated", glossary=GLOSSARY) == []
    # an acronym copied from a source that never defines it stays in Latin (issue 10: GIF, URL, PDF)
    assert findings("LPNs and PVE", "LPNs ومنع التطرف", "untranslated") == []
    fs = findings("LPNs and PVE", "LPNs ومنع التطرف", "untranslated", glossary=GLOSSARY)
    assert fs[0].severity is Severity.MAJOR and fs[0].suggestion == "شبكات الوقاية المحلية"


@pytest.mark.parametrize("en,ar", [
    ("The GtkAdjustment for the vertical position", "GtkAdjustment للموقع العمودي"),  # camelCase
    ("Call gtk_widget_show() first.", "استدع gtk_widget_show() أولا."),  # snake_case call
    ("Timestamp of current fontconfig configuration", "الطابع الزمني لإعدادات fontconfig الحالية"),  # not English
])
def test_identifier_copied_from_the_source_is_not_untranslated(en, ar):
    assert findings(en, ar, "untranslated") == []


@pytest.mark.parametrize("en,ar,token", [
    ("Clear the cache now.", "امسح cache الآن.", "cache"),  # an English word
    ("The GtkAdjustment for the position", "PangoWeight للموقع", "PangoWeight"),  # not the source's
    ("Timestamp of the configuration", "الطابع الزمني لإعدادات fontconfig", "fontconfig"),
    ("An XML string", "سلسلة (XMLX)", "XMLX"),  # a bracketed acronym the source does not have
])
def test_other_lone_latin_tokens_stay_flagged(en, ar, token):
    fs = findings(en, ar, "untranslated")
    assert [f.tgt_span.text for f in fs] == [token] and fs[0].severity is Severity.MINOR


@pytest.mark.parametrize("en,ar", [
    ("Don't use the Wintab API for tablet support", "لا تستخدم Wintab API لدعم اللوحة"),  # name + acronym
    ("Open it with Inkscape first.", "افتحه باستخدام Inkscape أولا."),  # a program name alone
])
def test_product_name_copied_from_the_source_is_not_untranslated(en, ar):
    """A capitalised word the English word list lacks, copied from the source, is a program name."""
    assert findings(en, ar, "untranslated") == []


@pytest.mark.parametrize("en,ar,token", [
    ("Tar checksum failed", "فشل تحقق Checksum لملف", "Checksum"),  # capitalised where the source is not
    ("Don't use the Wintab API for tablet support", "لا تستخدم Wintab API لدعم Tablet", "Tablet"),  # English
    ("Open it with Inkscape first.", "افتحه باستخدام Inkscap أولا.", "Inkscap"),  # not the source's
])
def test_english_or_foreign_capitalised_words_stay_untranslated(en, ar, token):
    assert [f.tgt_span.text for f in findings(en, ar, "untranslated")] == [token]


def test_acronym_followed_by_arabic_expansion():
    assert findings("Ask the IIJ.", "اسأل IIJ (المعهد الدولي للعدالة).", "untranslated") == []
    # parentheses holding no Arabic expansion do not excuse it (on a page that defines the acronym)
    ctx = page_ctx([("The International Institute for Justice (IIJ) opened.", "افتتح المعهد الدولي للعدالة."),
                    ("Ask the IIJ.", "اسأل IIJ (2020).")])
    assert [f.tgt_span.text for f in run_checks(ctx, enabled=["untranslated"])[1]] == ["IIJ"]


def test_expanded_keep_term_needs_its_expansion():
    fs = findings("IIJ hosted it.", "استضافها IIJ.", "untranslated", glossary=GLOSSARY)
    assert len(fs) == 1 and fs[0].tgt_span.text == "IIJ"


def test_untranslated_allows_keep_terms_urls_emails():
    assert findings("Translated with WPML.", "ترجم باستخدام WPML.", "untranslated", glossary=GLOSSARY) == []
    assert findings("Write to info@example.org or see https://example.org/about.",
                    "اكتب إلى info@example.org أو راجع https://example.org/about.", "untranslated") == []


def test_untranslated_english_run_is_major():
    fs = findings("The workshop looked at the role of the internet.",
                  "تناولت ورشة العمل the role of the internet.", "untranslated")
    assert len(fs) == 1 and fs[0].severity is Severity.MAJOR
    assert fs[0].tgt_span.text == "the role of the internet"


@pytest.mark.parametrize("en,ar,name", [
    ("Open the file in Visual Studio Code.", "افتح الملف في Visual Studio Code.", "Visual Studio Code"),
    ("We host it on Google Cloud Platform today.", "نستضيفه على Google Cloud Platform اليوم.",
     "Google Cloud Platform"),
    ("Members of the UN Security Council met.", "اجتمع أعضاء UN Security Council.", "UN Security Council"),
])
def test_capitalised_name_copied_from_source_is_minor(en, ar, name):
    fs = findings(en, ar, "untranslated")
    assert [(f.tgt_span.text, f.severity) for f in fs] == [(name, Severity.MINOR)]
    assert "name" in fs[0].message


@pytest.mark.parametrize("en,ar", [
    ("Open the file in the editor.", "افتح الملف في Visual Studio Code."),  # not in the source
    ("Visit the Museum Of Modern Art.", "زر Museum Of Modern Art."),  # a function word: prose-like
    ("Open the file in visual studio code.", "افتح الملف في visual studio code."),  # lowercase
])
def test_other_latin_runs_stay_major(en, ar):
    fs = findings(en, ar, "untranslated")
    assert len(fs) == 1 and fs[0].severity is Severity.MAJOR


def test_whole_segment_left_in_english_is_critical():
    en = "Stay up to date with the latest news and reports."
    fs = findings(en, en, "untranslated")
    assert len(fs) == 1 and fs[0].severity is Severity.CRITICAL and fs[0].tgt_span.text == en
    nav = "Home | About | News & Events | Contact"
    fs = findings(nav, nav, "untranslated")
    assert len(fs) == 1 and fs[0].severity is Severity.MAJOR


def test_arabic_text_has_no_untranslated():
    assert findings("Stay up to date with the latest news.", "ابق على اطلاع بأحدث الأخبار.", "untranslated") == []


def test_untranslated_span_offsets_in_multi_segment_pair():
    b_src = "First sentence here. Second sentence with NLCX in it."
    b_tgt = "الجملة الأولى هنا. الجملة الثانية فيها NLC."  # not the source's acronym: flagged
    s1, s2 = Segment(0, 0, 20, b_src[:20]), Segment(0, 21, len(b_src), b_src[21:])
    t1, t2 = Segment(0, 0, 18, b_tgt[:18]), Segment(0, 19, len(b_tgt), b_tgt[19:])
    pair = AlignedPair((s1, s2), (t1, t2), 1.0)
    ctx = CheckContext(Page("s", "en", "", (Block(BlockKind.PARAGRAPH, b_src, 0),)),
                       Page("t", "ar", "", (Block(BlockKind.PARAGRAPH, b_tgt, 0),)), (pair,))
    fs = run_checks(ctx, enabled=["untranslated"])[0]
    assert len(fs) == 1
    span = fs[0].tgt_span
    assert b_tgt[span.start:span.end] == "NLC" == span.text


# --------------------------------------------------------------------- omission / addition


def test_unaligned_source_and_target():
    ctx = page_ctx([("This sentence was never translated at all.", None), (None, "جملة إضافية لا مصدر لها هنا.")])
    fs = run_checks(ctx, enabled=["omission", "addition"])
    assert [f.check for f in fs[0]] == ["omission"] and fs[0][0].severity is Severity.MAJOR
    assert fs[0][0].category == "accuracy/omission" and "1-0" in fs[0][0].threshold
    assert [f.check for f in fs[1]] == ["addition"] and fs[1][0].category == "accuracy/addition"


def test_short_unaligned_sentence_is_minor_as_documented():
    import mt_review.checks as checks_pkg

    ctx = page_ctx([("Read more.", None), (None, "اقرأ المزيد.")])
    fs = run_checks(ctx, enabled=["omission", "addition"])
    assert [f.severity for f in fs[0]] == [Severity.MINOR] and [f.severity for f in fs[1]] == [Severity.MINOR]
    doc = " ".join(checks_pkg.__doc__.split())
    assert "1-0 link (major; minor under 3 words)" in doc and "0-1 link (major; minor under 3 words)" in doc


@pytest.mark.parametrize("gap", ["  ", "\n", "", " \u00a0"])
def test_whole_span_text_is_the_block_slice(gap):
    one, two = "This sentence was never translated.", "Neither was this one at all."
    text = one + gap + two
    s1, s2 = Segment(0, 0, len(one), one), Segment(0, len(one) + len(gap), len(text), two)
    ctx = CheckContext(Page("s", "en", "", (Block(BlockKind.PARAGRAPH, text, 0),)),
                       Page("t", "ar", "", (Block(BlockKind.PARAGRAPH, "", 0),)),
                       (AlignedPair((s1, s2), (), 1.0),))
    fs = run_checks(ctx, enabled=["omission"])[0]
    assert len(fs) == 1
    span = fs[0].src_span
    assert (span.start, span.end) == (0, len(text)) and span.text == text[span.start:span.end]


def test_whole_span_across_blocks_covers_first_block_only():
    a, b = "First block sentence here.", "Second block sentence here."
    s1, s2 = Segment(0, 0, len(a), a), Segment(1, 0, len(b), b)
    ctx = CheckContext(Page("s", "en", "", (Block(BlockKind.PARAGRAPH, a, 0), Block(BlockKind.PARAGRAPH, b, 1))),
                       Page("t", "ar", "", ()), (AlignedPair((s1, s2), (), 1.0),))
    span = run_checks(ctx, enabled=["omission"])[0][0].src_span
    assert span == type(span)(0, 0, len(a), a)


NORMAL = [
    ("The workshop brought together officials from three countries.", "جمعت ورشة العمل مسؤولين من ثلاثة بلدان."),
    ("On the first day, participants shared their views.", "في اليوم الأول، تبادل المشاركون وجهات نظرهم."),
    ("The second day looked at the role of the internet.", "تناول اليوم الثاني دور الإنترنت."),
    ("The final day covered the role of community leaders.", "تناول اليوم الأخير دور قادة المجتمع."),
    ("The training drew on a mapping of coordination gaps.", "استند التدريب إلى رسم خرائط لثغرات التنسيق."),
    ("Regional members will be supported through the hub.", "سيتم دعم الأعضاء الإقليميين من خلال المركز."),
]


def test_length_ratio_outliers_relative_to_page():
    short = ("Participants were briefed on the toolkit and on key lessons from building local networks.",
             "تلقى المشاركون إحاطة.")
    long = ("The workshop ended.",
            "واختتمت ورشة العمل أعمالها بعد مناقشات مطولة شملت عدة محاور وتوصيات كثيرة للمستقبل القريب والبعيد.")
    ctx = page_ctx(NORMAL + [short, long])
    fs = run_checks(ctx, enabled=["omission", "addition"])
    assert all(f == [] for f in fs[:len(NORMAL)])
    om = fs[len(NORMAL)]
    assert [f.check for f in om] == ["omission"] and "page median" in om[0].threshold
    assert om[0].severity is Severity.MAJOR
    ad = fs[len(NORMAL) + 1]
    assert [f.check for f in ad] == ["addition"] and ">" in ad[0].threshold


# --------------------------------------------------------------------- punctuation / spelling


def test_latin_comma_in_arabic_flagged_not_between_digits_or_in_latin():
    fs = findings("English, French and Arabic", "إنجليزي, فرنسي وعربي", "punctuation")
    assert len(fs) == 1 and fs[0].tgt_span.text == "," and fs[0].suggestion == "use ، instead of ,"
    assert findings("It costs 1,500 dollars.", "يكلف 1,500 دولار.", "punctuation") == []
    assert findings("See Foo, Inc for details.", "راجع Foo, Inc للتفاصيل.", "punctuation") == []


def test_latin_question_mark_and_semicolon():
    fs = findings("Are you sure?", "هل أنت متأكد?", "punctuation")
    assert fs and fs[0].suggestion == "use ؟ instead of ?"
    fs = findings("Free; open.", "حر; مفتوح.", "punctuation")
    assert fs and "؛" in fs[0].suggestion
    assert findings("Are you sure?", "هل أنت متأكد؟", "punctuation") == []


def test_space_before_punctuation():
    fs = findings("In Surabaya, Indonesia, the team met.", "في سورابايا ، إندونيسيا ، التقى الفريق.", "punctuation")
    assert len(fs) == 2 and all(f.tgt_span.text == " ،" for f in fs)
    fs = findings("Read more about the regional hubs.", "اقرأ المزيد عن المراكز الإقليمية .", "punctuation")
    assert len(fs) == 1 and fs[0].tgt_span.text == " ."
    assert findings("In Surabaya, Indonesia, they met.", "في سورابايا، إندونيسيا، التقوا.", "punctuation") == []
    assert findings("Wait...", "انتظر ...", "punctuation") == []  # ellipsis


def test_unbalanced_brackets_only_when_source_balanced():
    fs = findings("Available (in English).", "متوفر (بالإنجليزية.", "punctuation")
    assert len(fs) == 1 and fs[0].tgt_span.text == "("
    assert findings("Available (in English).", "متوفر (بالإنجليزية).", "punctuation") == []
    assert findings("Available (in English.", "متوفر (بالإنجليزية.", "punctuation") == []
    assert findings('He said "yes".', "قال ”نعم“.", "punctuation") == []  # swapped curly quotes in RTL


def test_missing_final_punctuation_and_trailing_ellipsis():
    fs = findings("Whether this text is hidden.", "ما إذا كان هذا النص", "punctuation")
    assert len(fs) == 1 and "cut short" in fs[0].message
    fs = findings("Not enough memory to load the file", "لا توجد ذاكرة كافية لت...", "punctuation")
    assert len(fs) == 1 and "ellipsis" in fs[0].message
    assert findings("Whether this text is hidden.", "ما إذا كان هذا النص مخفيا.", "punctuation") == []


def test_detached_waw():
    fs = findings("English, French and Arabic", "إنجليزي وفرنسي و عربي", "spelling")
    assert len(fs) == 1 and fs[0].tgt_span.text == "و عربي" and fs[0].suggestion == "وعربي"
    assert fs[0].category == "fluency/spelling"
    # و inside a word, attached و, or و before a number: no finding
    assert findings("News and events", "الأخبار والأحداث", "spelling") == []
    assert findings("Time and date", "الوقت و 5 أيام", "spelling") == []
    assert findings("Time", "وقت ووقت", "spelling") == []


def test_doubled_word():
    fs = findings("In the city", "في في المدينة", "spelling")
    assert len(fs) == 1 and fs[0].tgt_span.text == "في في" and fs[0].category == "fluency/grammar"
    assert findings("Slowly", "رويدا رويدا", "spelling") == []
    assert findings("In the city", "في المدينة في الصيف", "spelling") == []


@pytest.mark.parametrize("en,ar", [
    ("A woman is not to touch a woman such that she can describe her.", "لا تباشر المرأة المرأة حتى تصفها."),
    ("I precede it like this precedes this.", "فسبقتها كما سبقت هذه هذه."),
    ("Salat in the night is two by two.", "صلاة الليل مثنى مثنى."),
])
def test_doubled_word_mirroring_a_source_repetition_is_not_flagged(en, ar):
    """The source uses one word twice close together: the Arabic doubling renders that."""
    assert findings(en, ar, "spelling") == []


@pytest.mark.parametrize("en,ar,double", [
    ("A woman is not to touch her such that she can describe her.", "لا تباشر المرأة المرأة حتى تصفها.",
     "المرأة المرأة"),  # "her ... her": a pronoun Arabic attaches
    ("A woman came, and after a long and tiring journey across the desert a woman left.",
     "جاءت المرأة المرأة وبعد رحلة طويلة غادرت امرأة.", "المرأة المرأة"),  # too far apart
    ("The city of the river", "مدينة مدينة النهر", "مدينة مدينة"),  # "the ... the", "of": articles
])
def test_doubled_word_with_no_close_source_repetition_stays_flagged(en, ar, double):
    assert [f.tgt_span.text for f in findings(en, ar, "spelling")] == [double]


# --------------------------------------------------------------------- preserved


def test_preserved_items():
    en = "Open https://example.org/a or mail help@example.org, then run %s with {name} and <b>bold</b>."
    ok = "افتح https://example.org/a أو راسل help@example.org، ثم شغّل %s مع {name} و<b>عريض</b>."
    assert findings(en, ok, "preserved") == []
    bad = "افتح https://example.org/b أو راسلنا، ثم شغّل %d مع {الاسم} و<b>عريض."
    fs = findings(en, bad, "preserved")
    texts = sorted((f.src_span.text if f.src_span else "", f.tgt_span.text if f.tgt_span else "") for f in fs)
    assert ("https://example.org/a", "https://example.org/b") in texts
    assert any(s == "help@example.org" for s, _ in texts)
    assert any(s == "{name}" for s, _ in texts) and any(s == "</b>" for s, _ in texts)
    assert all(f.severity.rank >= Severity.MINOR.rank for f in fs)


@pytest.mark.parametrize("src_url,tgt_url", [
    ("https://example.org/about/", "https://example.org/ar/about/"),
    ("https://example.org/about/", "https://example.org/ar-ae/about/"),
    ("https://example.org/about/", "https://example.org/about/?lang=ar"),
    ("https://example.org/news?page=2", "https://example.org/news?page=2&lang=ar"),
    ("https://example.org/news?lang=en", "https://example.org/news?lang=ar"),
    ("https://example.org", "https://example.org/ar/"),
])
def test_url_localised_for_arabic_is_preserved(src_url, tgt_url):
    assert findings(f"Read more at {src_url} today.", f"اقرأ المزيد على {tgt_url} اليوم.", "preserved") == []


@pytest.mark.parametrize("src_url,tgt_url", [
    ("https://example.org/about/", "https://other.org/ar/about/"),  # different domain
    ("https://example.org/about/", "https://example.org/ar/contact/"),  # different path
    ("https://example.org/about/", "https://example.org/fr/about/"),  # another language
    ("https://example.org/about/", "https://example.org/about/?lang=fr"),
    ("https://example.org/news?page=2", "https://example.org/news?page=3&lang=ar"),
    ("https://example.org/about/", "https://example.org/arabic/about/"),
])
def test_url_changed_beyond_localisation_still_flagged(src_url, tgt_url):
    fs = findings(f"Read more at {src_url} today.", f"اقرأ المزيد على {tgt_url} اليوم.", "preserved")
    assert len(fs) == 1 and fs[0].severity is Severity.MAJOR and "changed" in fs[0].message


def test_positional_placeholder_equivalent():
    assert findings("Copy %s to %s now.", "انسخ %2$s إلى %1$s الآن.", "preserved") == []


def test_percent_number_is_not_placeholder():
    assert findings("Growth of 50% during the year.", "نمو بنسبة 50% خلال العام.", "preserved") == []


# --------------------------------------------------------------------- terminology


def test_forbidden_rendering_with_clitic():
    fs = findings("key takeaways from the work", "والوجبات السريعة من العمل", "terminology", glossary=GLOSSARY)
    assert len(fs) == 1 and fs[0].severity is Severity.MAJOR and fs[0].category.startswith("terminology")
    assert fs[0].tgt_span.text == "والوجبات السريعة" and fs[0].suggestion == "الدروس المستفادة"


RESILIENCE = parse_glossary("en,ar,forbidden,keep_latin,notes\nresilience,القدرة على الصمود,الصمود,no,\n")


def test_forbidden_form_inside_approved_rendering_is_not_flagged():
    en = "Building resilience in cities."
    assert findings(en, "بناء القدرة على الصمود في المدن.", "terminology", glossary=RESILIENCE) == []
    fs = findings(en, "بناء الصمود في المدن.", "terminology", glossary=RESILIENCE)
    assert [(f.tgt_span.text, f.severity) for f in fs] == [("الصمود", Severity.MAJOR)]
    # a forbidden form outside the approved rendering is still caught
    fs = findings(en, "بناء القدرة على الصمود والصمود في المدن.", "terminology", glossary=RESILIENCE)
    assert [(f.tgt_span.text, f.severity) for f in fs] == [("والصمود", Severity.MAJOR)]


def test_approved_rendering_found_with_variants():
    # article, clitics, alef/teh marbuta variants, plural variant
    assert findings("key takeaways", "والاستنتاجات الرئيسيه", "terminology", glossary=GLOSSARY) == []
    assert findings("a workshop", "في ورشة العمل", "terminology", glossary=GLOSSARY) == []
    assert findings("the regional hubs", "المراكز الإقليمية", "terminology", glossary=GLOSSARY) == []


def test_missing_rendering_is_minor():
    fs = findings("a workshop", "اجتماع", "terminology", glossary=GLOSSARY)
    assert [f.severity for f in fs] == [Severity.MINOR] and fs[0].src_span.text == "workshop"


def test_terminology_needs_glossary():
    assert findings("key takeaways", "الوجبات السريعة", "terminology") == []


def test_in_page_consistency():
    ctx = page_ctx([("The workshop opened.", "افتتحت ورشة العمل."),
                    ("The workshop met again.", "اجتمعت ورشة العمل مرة أخرى."),
                    ("The workshop closed.", "اختتمت حلقة العمل.")], GLOSSARY)
    fs = run_checks(ctx, enabled=["terminology"])
    assert fs[0] == [] and fs[1] == []
    assert len(fs[2]) == 1 and fs[2][0].category == "terminology/inconsistent"
    assert fs[2][0].tgt_span.text == "حلقة العمل" and fs[2][0].suggestion == "ورشة عمل"


# --------------------------------------------------------------------- hygiene


def test_invisible_and_bidi_controls():
    fs = findings("Hello world.", "مرحبا\u200b بالعالم\u202e.", "hygiene")
    assert len(fs) == 2
    assert fs[0].severity is Severity.MINOR and "200B" in fs[0].message
    assert fs[1].severity is Severity.MAJOR and "202E" in fs[1].message
    assert findings("Hello world.", "مرحبا بالعالم.", "hygiene") == []


@pytest.mark.parametrize("ar", [
    "استخدم Google\u200f اليوم.",  # RLM after Latin
    "افتح \u200eVisual Studio\u200e الآن.",  # LRM around a Latin name
    "العدد 5\u200f هنا.",  # next to digits
    "في \u061c٢٠٢٣/٥/١ بدأ.",  # ALM before Arabic-Indic digits
    "اقرأ (IIJ)\u200f.",  # after punctuation closing a Latin run
])
def test_directional_marks_at_direction_change_are_fine(ar):
    assert findings("Hello world.", ar, "hygiene") == []


@pytest.mark.parametrize("ar,code", [
    ("مرحبا\u200fبالعالم.", "200F"),  # RLM between two Arabic letters does nothing
    ("مرحبا \u061c بالعالم.", "061C"),
    ("Visual\u200eStudio في المحرر.", "200E"),  # LRM between two Latin letters
])
def test_directional_mark_with_no_direction_change_is_minor(ar, code):
    fs = findings("Hello world.", ar, "hygiene")
    assert len(fs) == 1 and fs[0].severity is Severity.MINOR and code in fs[0].message


def test_directional_mark_context_reaches_past_the_segment_into_its_block():
    block = "انقر هنا\u200f Visual Studio Code يفتح."
    cut = block.index("\u200f") + 1  # the segment ends right after the RLM; Latin follows in the block
    pair = AlignedPair((seg("Click here."),), (Segment(0, 0, cut, block[:cut]),), 1.0)
    ctx = CheckContext(Page("s", "en", "", (Block(BlockKind.PARAGRAPH, "Click here.", 0),)),
                       Page("t", "ar", "", (Block(BlockKind.PARAGRAPH, block, 0),)), (pair,))
    assert run_checks(ctx, enabled=["hygiene"])[0] == []


@pytest.mark.parametrize("ch,severity", [
    ("\u202a", Severity.MINOR), ("\u202b", Severity.MINOR), ("\u202c", Severity.MINOR),
    ("\u202d", Severity.MAJOR), ("\u202e", Severity.MAJOR), ("\u2066", Severity.MINOR),
    ("\u2067", Severity.MINOR), ("\u2068", Severity.MINOR), ("\u2069", Severity.MINOR),
])
def test_embeddings_overrides_isolates_always_flagged(ch, severity):
    # even right next to Latin text, where a mark would be fine
    fs = findings("Use Google.", f"استخدم Google{ch} اليوم.", "hygiene")
    assert [f.severity for f in fs] == [severity]


def test_mojibake_and_replacement_char():
    broken = "Ø§Ù„Ù…Ø¯Ù†"  # "المدن" read as Windows-1252
    fs = findings("The cities.", broken, "hygiene")
    assert len(fs) == 1 and fs[0].suggestion == "المدن"
    fs = findings("It's here.", "إنه هنا â€™ حقا.", "hygiene")
    assert len(fs) == 1 and fs[0].suggestion == "’"
    fs = findings("Cities.", "المد\ufffdن.", "hygiene")
    assert len(fs) == 1 and "FFFD" in fs[0].message
    assert findings("Café in Zürich.", "مقهى في Zürich.", "hygiene") == []


def test_question_mark_inside_an_arabic_word_is_a_lost_letter_not_punctuation():
    """ا?دوات is الأدوات whose لأ a legacy code page could not encode: hygiene reports the lost letter
    (minor), punctuation does not suggest ؟ for it."""
    en, ar = "Width of the toolbar buttons", "عرض أزرار شريط ا?دوات"
    fs = findings(en, ar, "hygiene")
    assert [(f.tgt_span.text, f.severity) for f in fs] == [("?", Severity.MINOR)]
    assert findings(en, ar, "punctuation") == []
    # twin: a question mark after a word stays a punctuation finding, not a lost letter
    en, ar = "Are you sure?", "هل أنت متأكد?"
    assert findings(en, ar, "hygiene") == []
    assert [f.tgt_span.text for f in findings(en, ar, "punctuation")] == ["?"]


# --------------------------------------------------------------------- Arabic matching helpers


def test_normalisation_and_clitics():
    assert normalize_ar("أإآ") == "ااا" and normalize_ar("مدرسةً") == "مدرسه" and normalize_ar("على") == "علي"
    assert normalize_ar("العـــربية") == normalize_ar("العربية")
    assert "وجبات" in word_forms("والوجبات") and "عداله" in word_forms("للعدالة")
    assert "قوي" not in word_forms("القوية")  # teh marbuta is not a pronoun suffix
    assert find_arabic_phrase("لشبكة المدن القوية", "شبكة المدن القوية")
    assert not find_arabic_phrase("شبكة المدن القوية", "شبكة المدن القوي")


def test_clean_pair_has_no_findings():
    ctx = page_ctx(NORMAL, GLOSSARY)
    assert all(f == [] for f in run_checks(ctx))


# --------------------------------------------------------------------- property: never crash, spans valid

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("abcXYZ 019,.;:?!()[]\"«»“”%{}@/-_ \u200b\u202eØ§Ù") +
                            ["في", "و", "،", "؛", "؟", "٣", "٫", "ة", "ال", "ب", "IIJ", "two", "ثلاثة", "http://a.b/c"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join), st.lists(_ALPHABET, max_size=30).map("".join),
       st.text(alphabet=" \n", max_size=3))
def test_any_text_spans_point_into_blocks(src, tgt, prefix):
    ctx = page_ctx([(src, tgt), ("A fixed sentence of words.", "جملة ثابتة من الكلمات.")], GLOSSARY,
                   prefix_src=prefix, prefix_tgt=prefix)
    for fs in run_checks(ctx):
        for f in fs:
            assert f.check in REGISTRY and f.message and f.threshold
            for span, page in ((f.src_span, ctx.source), (f.tgt_span, ctx.target)):
                if span is not None:
                    assert page.blocks[span.block_index].text[span.start:span.end] == span.text


def _two_segment_block(a: str, gap: str, b: str, index: int) -> tuple[Block, tuple[Segment, ...]]:
    text = a + gap + b
    return Block(BlockKind.PARAGRAPH, text, index), (Segment(index, 0, len(a), a),
                                                     Segment(index, len(a) + len(gap), len(text), b))


@settings(max_examples=60, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=20).map("".join), st.lists(_ALPHABET, max_size=20).map("".join),
       st.lists(_ALPHABET, min_size=1, max_size=20).map("".join), st.lists(_ALPHABET, max_size=20).map("".join),
       st.text(alphabet=" \n\t\u00a0", max_size=3), st.sampled_from(["2-0", "0-2", "2-2", "2-1", "straddle"]))
def test_multi_segment_spans_are_block_slices(s1, s2, t1, t2, gap, shape):
    """Spans of multi-segment pairs (one block or two) are the real slice of their block's text."""
    sb, ss = _two_segment_block(s1, gap, s2, 0)
    tb, ts = _two_segment_block(t1, gap, t2, 0)
    blocks_s, blocks_t = [sb], [tb]
    if shape == "straddle":  # second segment of each side in the next block
        blocks_s = [Block(BlockKind.PARAGRAPH, s1, 0), Block(BlockKind.PARAGRAPH, s2, 1)]
        blocks_t = [Block(BlockKind.PARAGRAPH, t1, 0), Block(BlockKind.PARAGRAPH, t2, 1)]
        ss = (Segment(0, 0, len(s1), s1), Segment(1, 0, len(s2), s2))
        ts = (Segment(0, 0, len(t1), t1), Segment(1, 0, len(t2), t2))
    src, tgt = {"2-0": (ss, ()), "0-2": ((), ts), "2-2": (ss, ts), "2-1": (ss, ts[:1]),
                "straddle": (ss, ts)}[shape]
    n = len(blocks_s)
    fixed = [("A fixed sentence of words.", "جملة ثابتة من الكلمات.")] * 5
    for i, (en, ar) in enumerate(fixed):
        blocks_s.append(Block(BlockKind.PARAGRAPH, en, n + i))
        blocks_t.append(Block(BlockKind.PARAGRAPH, ar, n + i))
    pairs = [AlignedPair(src, tgt, 1.0)] + [
        AlignedPair((Segment(n + i, 0, len(en), en),), (Segment(n + i, 0, len(ar), ar),), 1.0)
        for i, (en, ar) in enumerate(fixed)]
    ctx = CheckContext(Page("s", "en", "", tuple(blocks_s)), Page("t", "ar", "", tuple(blocks_t)), tuple(pairs),
                       GLOSSARY)
    for fs in run_checks(ctx):
        for f in fs:
            for span, page in ((f.src_span, ctx.source), (f.tgt_span, ctx.target)):
                if span is not None:
                    block = page.blocks[span.block_index]
                    assert block.index == span.block_index and 0 <= span.start <= span.end <= len(block.text)
                    assert block.text[span.start:span.end] == span.text


def _made_up_page(target_letters: int, source_letters: int = 40) -> list[list]:
    """Six UI strings translated at ratio 1.0 and one at ``target_letters`` / ``source_letters``, in words
    no dictionary knows (no clause, leftover or loose-word sign: the length is the only evidence)."""
    def latin(n: int, seed: str) -> str:
        return " ".join((seed * 20)[k:min(k + 5, n)] for k in range(0, n, 5))

    def arabic(n: int) -> str:
        return " ".join(("طسمكن" * 20)[k:min(k + 5, n)] for k in range(0, n, 5))
    pairs = [(latin(40, f"zqx{c}v"), arabic(40)) for c in "bdfghj"]
    pairs.append((latin(source_letters, "vzqxw"), arabic(target_letters)))
    return run_checks(page_ctx(pairs), enabled=["omission", "addition"])


@pytest.mark.parametrize("target_letters,source_letters,check", [(23, 40, "omission"), (96, 60, "addition")])
def test_a_length_gap_alone_beyond_the_stricter_factor_is_a_minor_finding(target_letters, source_letters, check):
    out = _made_up_page(target_letters, source_letters)
    assert all(f == [] for f in out[:-1])
    assert [(f.check, f.severity) for f in out[-1]] == [(check, Severity.MINOR)]


@pytest.mark.parametrize("target_letters,expected", [
    (64, []),  # 1.6 x the page's ratio: within a short string's wider spread (SHORT_ALONE_LONG 1.92)
    (78, [("addition", Severity.MINOR)]),  # 1.95 x: beyond it, still under the short-text major factor 2.0
    (88, [("addition", Severity.MAJOR)]),  # 2.2 x: major
])
def test_a_short_strings_length_only_addition_needs_the_wider_factor(target_letters, expected):
    """Ratios of short strings (< 60 source letters) spread wider: a length-only minor addition needs the
    factor widened as their major factor is (the 60-letter twin above is minor at 1.6)."""
    out = _made_up_page(target_letters)
    assert all(f == [] for f in out[:-1])
    assert [(f.check, f.severity) for f in out[-1]] == expected


@pytest.mark.parametrize("target_letters", [25, 60])
def test_a_mild_length_gap_with_no_second_sign_is_not_flagged(target_letters):
    """Ratio 0.625 / 1.5 of the page's: within the spread of terse or wordy UI translations (ALONE_*)."""
    assert _made_up_page(target_letters) == [[]] * 7

