"""Polarity, session 17 (issue 10, item 2): reading errors on documentation and prose, and negations lost
that were read as possible.  Hand-written pairs: each hit next to a clean twin that stays unflagged."""

from __future__ import annotations

import pytest

from mt_review.checks.polarity import PolarityCheck, arabic_negation, english_negation
from mt_review.model import AlignedPair, Segment, Severity


def _rank(en: str, ar: str) -> int:
    pair = AlignedPair((Segment(0, 0, len(en), en),), (Segment(0, 0, len(ar), ar),), 1.0)
    return max((f.severity.rank for f in PolarityCheck().run(pair, None)), default=0)  # type: ignore[arg-type]


MAJOR = Severity.MAJOR.rank

# (en, ar, flagged at major or worse?)
CASES = [
    # ة / ى end a word: a negator glued after one (a missing space) is read
    ("Warning: this theme has been checked.", "تحذير: هذه السمةلم يتم فحصها.", True),
    ("Warning: this theme has not been checked.", "تحذير: هذه السمةلم يتم فحصها.", False),
    # a shadda makes غير / دون the verbs غيّر "change" and دوّن "write down"
    ("Could not save the file. Rename it first.", "تعذّر حفظ الملف. غيّر اسمه أولا.", False),
    ("Could not save the file. The name is the same.", "تعذّر حفظ الملف. الاسم غير صحيح.", True),
    ("Do not click the link, and do not write down its address.", "لا تنقر على الرابط، ودوّن عنوانه.", True),
    ("Do not click the link, but write down its address.", "لا تنقر على الرابط، ودوّن عنوانه.", False),
    # a value after "=" is a literal
    ("Set the option local_enable=NO in the file.", "اضبط الخيار local_enable=NO في الملف.", False),
    ("Whether to hint the fonts; 0=no, 1=yes", "تلميح الخطوط؛ 0=لا، 1=نعم", False),
    ("Set local_enable=NO; do not enable it.", "اضبط local_enable=NO؛ فعّله.", True),
    # as many brackets on each side: the asides translate each other
    ("The files (which will not be kept) are copied.", "تُنسخ الملفات (التي ستُحفظ).", True),
    ("The files (which will not be kept) are copied.", "تُنسخ الملفات (التي لن تُحفظ).", False),
    ("The files are copied (they will not be kept).", "تُنسخ الملفات.", False),  # a gloss one side lacks
    # a negator in a question against a question that negates nothing
    ("Do you want to save the changes?", "هل لا تريد حفظ التغييرات؟", True),
    ("Do you want to save the changes?", "هل تريد حفظ التغييرات؟", False),
    ("Why don't you save the changes?", "لماذا لا تحفظ التغييرات؟", False),
    # X أو لا X is no negation at all
    ("These notes are not explicit: they appear more or less often.", "هذه الملاحظات واضحة: تظهر أحياناً أو لا تظهر.",
     True),
    ("These notes are explicit: they appear more or less often.", "هذه الملاحظات واضحة: تظهر أحياناً أو لا تظهر.", False),
    ("Check (i.e. whether it will not start on boot).", "تحقق (أي هل يبدأ عند الإقلاع أم لا).", True),
    ("Check (i.e. whether it starts on boot).", "تحقق (أي هل يبدأ عند الإقلاع أم لا).", False),
    # the article on a failure word: الإخفاق pairs with "failure" as إخفاق does
    ("A patch may not work with every kernel; it can fail, and the failure is reported.",
     "قد تعمل الرقعة مع كل نواة؛ قد تخفق، ويُبلّغ عن الإخفاق.", True),
    ("A patch may not work with every kernel; it can fail, and the failure is reported.",
     "قد لا تعمل الرقعة مع كل نواة؛ قد تخفق، ويُبلّغ عن الإخفاق.", False),
    # bare ما inside a clause before an imperfect verb: "what"
    ("It is good to know what the installer does, so that you cannot change it.",
     "من المفيد معرفة ما يفعله المثبت، حتى تتمكن من تغييرها.", True),
    ("It is good to know what the installer does, so that you can change it.",
     "من المفيد معرفة ما يفعله المثبت، حتى تتمكن من تغييرها.", False),
    # ... but ما with the من of "any", before a perfect plural, or closed by an exception still negates
    ("And those whom you invoke do not possess a single seed.", "والذين تدعون من دونه ما يملكون من قطمير", False),
    ("If you brought them every sign, they would not follow your direction.",
     "ولئن أتيتهم بكل آية ما تبعوا قبلتك", False),
    ("They said: we worship them only to bring us nearer.", "قالوا ما نعبدهم إلا ليقربونا", False),
    # a verbal nor-clause needs its ولا
    ("Do not stand on the roof nor climb the wall.", "لا تقفوا على السطح وتتسلقوا الجدار.", True),
    ("Do not stand on the roof nor climb the wall.", "لا تقفوا على السطح ولا تتسلقوا الجدار.", False),
    ("Do not stand on the roof nor climb the wall.", "لا تقفوا على السطح أو تتسلقوا الجدار.", False),
    ("Do not take the mockers nor the liars as friends.", "لا تتخذوا المستهزئين والكاذبين أولياء.", False),
    # ل before a form VII / VIII verbal noun is no لا
    ("The filter for selecting which items are not shown", "المرشح لانتقاء العناصر المعروضة", True),
    ("The filter for selecting which items are shown", "المرشح لانتقاء العناصر المعروضة", False),
    ("An infinite loop was found.", "وُجدت حلقة لانهائية.", False),
    # a prefixed word rendered by the dictionary's own word (unaware ~ غافل) pays for no other negation
    ("Those who accuse unaware women are cursed.", "الذين لا يتهمون النساء الغافلات ملعونون.", True),
    ("Those who accuse unaware women are cursed.", "الذين يتهمون النساء الغافلات ملعونون.", False),
    ("Those who do not accuse unaware women are blessed.", "الذين لا يتهمون النساء الغافلات مباركون.", False),
    ("He was unaware of the change.", "لم يكن يعلم بالتغيير.", False),  # not rendered by غافل: still pays
    # "up to date" may be said with a negator
    ("This plugin is already up to date.", "هذه الإضافة لا تحتاج تحديثا.", False),
    ("This plugin is already installed.", "هذه الإضافة لا تحتاج تثبيتا.", True),
]


@pytest.mark.parametrize("en,ar,flagged", CASES)
def test_pairs(en, ar, flagged):
    assert (_rank(en, ar) >= MAJOR) == flagged


def test_glued_negator_span_is_the_negator():
    ar = "هذه السمةلم يتم فحصها."
    n = arabic_negation(ar)
    assert [sp.text for sp in n.sure] == ["لم"]


def test_nor_finding_names_both_spans():
    en, ar = "Do not stand on the roof nor climb the wall.", "لا تقفوا على السطح وتتسلقوا الجدار."
    pair = AlignedPair((Segment(0, 0, len(en), en),), (Segment(0, 0, len(ar), ar),), 1.0)
    (f,) = PolarityCheck().run(pair, None)  # type: ignore[arg-type]
    assert f.severity == Severity.MAJOR and f.src_span.text == "nor" and f.tgt_span.text == "لا"
    assert "nor-clauses 1" in f.threshold


def test_value_after_equals_is_no_english_negator():
    assert not english_negation("local_enable=NO").sure
    assert english_negation("Answer no to the question.").sure
