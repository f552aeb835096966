"""Polarity on documentation (issue 10, item 2, session 16): hits and their clean twins.

Pairs written after the Debian Administrator's Handbook and WordPress's admin help (the ``manuals``
evaluation set): negated paraphrases, negations matched by kind, brackets, "only" against إلا.
"""

from __future__ import annotations

import pytest

from mt_review.checks.polarity import (
    _AR_LEXICAL,
    PolarityCheck,
    _prefixed_negatives,
    arabic_negation,
    english_negation,
)
from mt_review.model import AlignedPair, Segment, Severity


def _rank(en: str, ar: str) -> int:
    pair = AlignedPair((Segment(0, 0, len(en), en),), (Segment(0, 0, len(ar), ar),), 1.0)
    return max((f.severity.rank for f in PolarityCheck().run(pair, None)), default=0)  # type: ignore[arg-type]


MAJOR = Severity.MAJOR.rank

# (en, ar): clean pairs, each once flagged by the check before session 16
CLEAN = [
    # ‘ typed as an apostrophe
    ("If you don‘t want to upload your own image, you can use one of these headers.",
     "إذا كنت لا تريد رفع صورة خاصة، يمكنك اختيار إحدى هذه الصور."),
    # "or not" before a word negates
    ("ERROR: Cookies are blocked or not supported by your browser.",
     "خطأ: الكوكيز محجوبة أو غير مدعومة من قبل متصفحك."),
    # No. 1 = number 1
    ("This is Rule No. 1. Debian is free software.", "هذه هي القاعدة رقم واحد. دبيان برمجيات حرة."),
    # nothing more than = only (مجرد)
    ("We used a prefix to name our groups, but it is nothing more than a convention.",
     "استخدمنا بادئة عند تسمية المجموعات ولكن هذا مجرد اصطلاح."),
    # too X to = cannot
    ("A full list would be too long to include, but the relations matter most.",
     "لا يمكن أن نضع قائمة كاملة بها لكثرتها، لكن العلاقات هي الأهم."),
    # very few = لا ... إلا القليل
    ("The file requires very few changes.", "لا يحتاج الملف إلا لبعض التغييرات."),
    # in doubt = not sure
    ("When in doubt about the protocol, choose PAP.", "إذا لم تكن متأكداً من البروتوكول، اختر PAP."),
    # a still with the perfect
    ("Hopefully their advice hasn't been lost. I am still going to thank them.",
     "آمل أن نصائحهم لم تضع. لا زلت أرغب بشكرهم."),
    # without it ~ بدونه
    ("Without it SELinux works in its default mode.", "بدونه يعمل SELinux في وضعه الافتراضي."),
    # lexical negatives: abstain, fail, absence, stop doing
    ("Your site is asking search engines not to index its content",
     "موقعك يطلب من محركات البحث الامتناع عن أرشفة محتواه."),
    ("Sometimes dpkg will fail to install a package.", "أحياناً يخفق dpkg في تثبيت الحزمة."),
    ("This is not self-evident, especially without a monitoring infrastructure.",
     "لا يُظهر النشاط نفسه، خصوصاً في حال غياب البنية التحتية للمراقبة."),
    ("Older releases which are no longer supported by the team fall under this team.",
     "يتولى هذا الفريق دعم الإصدارات التي يتوقف الفريق الآخر عن دعمها."),
    # X or not X = more or less
    ("other more or less frequent sidebars are rather explicit",
     "هناك ملاحظات جانبية واضحة تتكرر أحياناً أو لا تتكرر"),
    # don't forget / so as not to lose = remember / to save
    ("Remember to click Update Media to save the metadata.",
     "تذكّر أن تنقر على زر تحديث ملف الوسائط حتى لا تفقد التعديلات."),
    # not X ~ لا, without ~ من غير ولا
    ("Whoever breaks the fast without an allowance or illness, his fasting would not make up for it.",
     "من أفطر يوما من غير رخصة ولا مرض لم يقض عنه صوم الدهر."),
    # a bare إلا opening its segment closes a negator of the sentence before
    ("But only one who comes to Allah with a sound heart", "إلا من أتى الله بقلب سليم"),
]


@pytest.mark.parametrize("en,ar", CLEAN)
def test_documentation_paraphrases_stay_unflagged(en, ar):
    assert _rank(en, ar) == 0


# (en, ar): injected-like defects the check missed before session 16
HITS = [
    # ‘ apostrophe: two English negations, one Arabic
    ("If you don‘t want to upload your own image, you cannot use one of these headers.",
     "إذا كنت لا تريد رفع صورة خاصة، يمكنك اختيار إحدى هذه الصور."),
    # خطأ ما "some error" is no negator
    ("An error has not occurred. Please reload the page.", "حدث خطأ ما. رجاءً قم بتحديث الصفحة."),
    # نوعا ما "somewhat"
    ("The syntax is straightforward: the first field is not the alias name.",
     "الصيغة بسيطة نوعاً ما: الحقل الأول هو الاسم المستعار."),
    # عادة ما "usually"
    ("The hidden parts are not the infrastructure. They usually require encryption.",
     "الأجزاء المخفية هي البنية التحتية. وهي عادة ما تتطلب التشفير."),
    # إلا أن "however" is no exception
    ("Its developers cannot be found on all continents, although the majority are in the West.",
     "تجد مطوريها في كل القارات، إلا أن الغالبية تتركز في الغرب."),
    # a bracketed negation on each side pairs off: the one outside is added
    ("If you specify /bin/false (which does nothing), the user can login.",
     "إذا وضعت /bin/false (الذي لا يفعل شيئاً)، فلن يتمكن المستخدم من الدخول."),
    # useless ~ عديمة: the لا is not paid for by a negative word of another kind
    ("Do hesitate to create new types rather than granting useless rights.",
     "لا تتردد في إنشاء أنواع جديدة بدلاً من منح صلاحيات عديمة الجدوى."),
    # fail ~ يخفق
    ("Note that a patch may necessarily work with every kernel; it is possible for patch to fail.",
     "لاحظ أنه لا يشترط أن تعمل أي رقعة مع جميع النوى؛ قد يخفق الأمر patch."),
    # prevented ~ نمنع
    ("what needs to be prevented from happening, and who will try to make it happen.",
     "ما الذي يجب أن نمنع حدوثه، ومن الذي لا يحاول أن يجعل ذلك يحدث."),
    # without ~ دون
    ("When invoked without a parameter, the plugin returns the last measured values.",
     "عند استدعاء الملحق دون أي متغيرات، سوف لا يعيد آخر قيمة مقاسة."),
    # only ~ فقط pays for no negation
    ("The company is growing strongly, and the site is smaller, with only about 50 workers.",
     "الشركة لا تنمو بسرعة، والموقع أصغر ويضم حوالي 50 عاملاً فقط."),
    # "X أو لا X" needs the same verb
    ("other more or less frequent sidebars are rather explicit", "هناك ملاحظات جانبية واضحة لا تتكرر"),
]


@pytest.mark.parametrize("en,ar", HITS)
def test_documentation_negation_defects_are_flagged(en, ar):
    assert _rank(en, ar) >= MAJOR


# hits and their clean twins: the same pair with the negation in place
TWINS = [
    ("If you don‘t want to upload your own image, you can use one of these headers.",
     "إذا كنت لا تريد رفع صورة خاصة، يمكنك اختيار إحدى هذه الصور."),
    ("An error has occurred. Please reload the page.", "حدث خطأ ما. رجاءً قم بتحديث الصفحة."),
    ("The syntax is straightforward: the first field is the alias name.",
     "الصيغة بسيطة نوعاً ما: الحقل الأول هو الاسم المستعار."),
    ("The hidden parts are the infrastructure. They usually require encryption.",
     "الأجزاء المخفية هي البنية التحتية. وهي عادة ما تتطلب التشفير."),
    ("Its developers can be found on all continents, although the majority are in the West.",
     "تجد مطوريها في كل القارات، إلا أن الغالبية تتركز في الغرب."),
    ("If you specify /bin/false (which does nothing), the user cannot login.",
     "إذا وضعت /bin/false (الذي لا يفعل شيئاً)، فلن يتمكن المستخدم من الدخول."),
    ("Do not hesitate to create new types rather than granting useless rights.",
     "لا تتردد في إنشاء أنواع جديدة بدلاً من منح صلاحيات عديمة الجدوى."),
    ("Note that a patch may not necessarily work with every kernel; it is possible for patch to fail.",
     "لاحظ أنه لا يشترط أن تعمل أي رقعة مع جميع النوى؛ قد يخفق الأمر patch."),
    ("what needs to be prevented from happening, and who will not try to make it happen.",
     "ما الذي يجب أن نمنع حدوثه، ومن الذي لا يحاول أن يجعل ذلك يحدث."),
    ("When invoked without a parameter, the plugin returns the last measured values.",
     "عند استدعاء الملحق دون أي متغيرات، سوف يعيد آخر قيمة مقاسة."),
    ("The company is not growing strongly, and the site is smaller, with only about 50 workers.",
     "الشركة لا تنمو بسرعة، والموقع أصغر ويضم حوالي 50 عاملاً فقط."),
]


@pytest.mark.parametrize("en,ar", TWINS)
def test_clean_twins_of_the_hits_stay_unflagged(en, ar):
    assert _rank(en, ar) == 0


def test_only_against_a_bare_exception_is_major_with_both_spans():
    en, ar = "These options are only used in very special cases.", "هذه الخيارات تستخدم إلا في حالات خاصة جداً."
    pair = AlignedPair((Segment(0, 0, len(en), en),), (Segment(0, 0, len(ar), ar),), 1.0)
    [f] = PolarityCheck().run(pair, None)  # type: ignore[arg-type]
    assert f.severity == Severity.MAJOR
    assert f.src_span is not None and f.src_span.text == "only"
    assert f.tgt_span is not None and f.tgt_span.text == "إلا"
    assert "target restrictions 0" in (f.threshold or "")
    # the twin: لا ... إلا says "only"
    assert _rank(en, "هذه الخيارات لا تستخدم إلا في حالات خاصة جداً.") == 0
    # "unless" / "except" in the source: a bare إلا translates it
    assert _rank("These options are used except in very special cases.", ar) == 0


@pytest.mark.parametrize("text,sure", [
    ("Cookies are blocked or not supported.", 1),
    ("Check whether it works or not.", 0),
    ("Don’t forget to click Save Menu when you’re finished.", 1),  # Save (a button) is not "except"
    ("Stable updates are not security sensitive but are deemed important.", 1),  # conjunction "but"
    ("There is no god but Him.", 0),  # "but" = except: a restriction
    ("This is Rule No. 1.", 0),
])
def test_english_sure_negators(text, sure):
    assert len(english_negation(text).sure) == sure


@pytest.mark.parametrize("text,n", [
    ("The page is displayed and distributed.", 0),  # dis- is part of these words
    ("The option is disabled.", 1),
    ("The united team acted immediately, unlike the others.", 0),
    ("The name is unknown.", 1),
    ("Rejecting nonsensical names.", 1),
    ("Some unsatisfiable dependencies.", 1),
    ("The inventor will indent it.", 0),
])
def test_prefixed_negatives(text, n):
    assert _prefixed_negatives(text) == n


def test_lackey_is_no_lack():
    assert english_negation("Log Monitor Lackey monitors log files.").possible == 0
    assert english_negation("The system lacks a monitor.").possible == 1


def test_few_and_a_few():
    assert english_negation("It requires very few changes.").possible == 1
    assert english_negation("It requires a few changes.").possible == 0


@pytest.mark.parametrize("text,sure,possible", [
    ("إذ بدونه يعمل النظام", 1, 0),  # بدون + pronoun
    ("تعمل بدون واجهة رسومية", 1, 0),  # بدون, a sure negator, is not counted again as a possible دون
    ("لا زلت أرغب بالشكر", 0, 0),  # still
    ("ما زلنا نعمل", 0, 0),
    ("حدث خطأ ما.", 0, 0),  # some
    ("ما الذي نحميه", 0, 0),  # what
    ("وهي عادة ما تتطلب التشفير", 0, 0),  # usually
    ("إلا أن يشاء الله", 0, 1),  # unless he wills: an exception
    ("إلا أن الغالبية تتركز في الغرب", 0, 0),  # however
    ("حتى لا تفقد التعديلات", 0, 1),  # so as not to lose: possible
    ("حتى لا تتمكن من الدخول", 1, 0),
    ("تتكرر أحياناً أو لا تتكرر", 0, 0),  # or not: (session 17) no negation at all, as "whether or not"
    ("تتكرر أحياناً أو لا تظهر", 1, 0),
])
def test_arabic_counts(text, sure, possible):
    n = arabic_negation(text)
    assert (len(n.sure), n.possible) == (sure, possible)


def test_a_full_stop_inside_a_file_name_ends_no_sentence():
    n = arabic_negation("لا يحتاج ملف إعداداته الرئيسي، /etc/pptpd.conf، إلا لبعض التغييرات")
    assert len(n.sure) == 0 and n.closed == 1


@pytest.mark.parametrize("word,lexical", [
    ("للانضمام", False),  # ل + الانضمام, not لا + a word
    ("لانهائي", True),
    ("فشلت", True),
    ("يرفضون", True),
    ("غيابه", True),
    ("الممنوعة", True),
    ("بلاد", False),
])
def test_arabic_lexical_negatives(word, lexical):
    assert bool(_AR_LEXICAL.findall(word)) == lexical


@pytest.mark.parametrize("en,ar,flagged", [
    # disabled = not able: لن تكون قادرا renders it (dis-able is no dis- verb that a verbal negator contradicts)
    ("The choice of subdirectory sites is disabled if this setup is more than a month old.",
     "في حال كان عمر هذا الموقع أكثر من شهر فلن تكون قادراً على إنشاء مواقع في مجلدات فرعية.", False),
    # rarely ~ نادرا ما pair off; the لا is added
    ("The problem does arise with dpkg, but the administrator rarely uses it directly.",
     "لا تظهر هذه المشكلة مع dpkg، لكن مدير النظام نادراً ما يستعمله مباشرة.", True),
    ("The problem does not arise with dpkg, but the administrator rarely uses it directly.",
     "لا تظهر هذه المشكلة مع dpkg، لكن مدير النظام نادراً ما يستعمله مباشرة.", False),
    # غير منعدمة (non-null) is one negation: منعدمة pairs with nothing
    ("Attribute value must be non-NULL", "قيمة الخاصية لا بد أن تكون غير منعدمة", False),
    # نوعا ما opens no restriction: the إلا after it is bare
    ("The configurations can be rather complex, but these options are only used in very special cases.",
     "يمكن أن تتعقد الإعدادات نوعاً ما، لكن هذه الخيارات تستخدم إلا في حالات خاصة جداً.", True),
    ("The configurations can be rather complex, but these options are only used in very special cases.",
     "يمكن أن تتعقد الإعدادات نوعاً ما، لكن هذه الخيارات لا تستخدم إلا في حالات خاصة جداً.", False),
])
def test_more_documentation_pairs(en, ar, flagged):
    assert (_rank(en, ar) >= MAJOR) == flagged


@pytest.mark.parametrize("en,ar,flagged", [
    # غير معروف renders "unknown" (the dictionary: known = معروف): the "not" is lost
    ("Requests concerning unknown virtual hosts will not always be served by the first host.",
     "أي طلب لمضيف غير معروف سيجاب عنه دوماً بالمضيف المعرّف أولاً.", True),
    ("Requests concerning unknown virtual hosts will always be served by the first host.",
     "أي طلب لمضيف غير معروف سيجاب عنه دوماً بالمضيف المعرّف أولاً.", False),
    # أولاً "firstly" is no negation: the لا is added
    ("First, the package is installed.", "أولاً، لا يتم تثبيت الحزمة.", True),
    ("First, the package is not installed.", "أولاً، لا يتم تثبيت الحزمة.", False),
])
def test_ghayr_rendering_and_firstly(en, ar, flagged):
    assert (_rank(en, ar) >= MAJOR) == flagged
