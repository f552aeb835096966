"""Session 16 (add16): word order across a pair (coverage.word_order / facing_source), the addition check's
mid-target clause across from unread source words, and truncation's end words (كان, abbreviations, حتى)."""

from __future__ import annotations

import mt_review.checks  # noqa: F401  (import order: checks before coverage)
from mt_review import coverage
from mt_review.checks import CheckContext, run_checks
from mt_review.checks import addition as addition_mod
from mt_review.checks.truncation import TruncationCheck, _open_kana
from mt_review.model import AlignedPair, Block, BlockKind, Page, Segment, Severity

LDAP_EN = ("If the requested entry does not exist in the LDAP database, the query will return a “not existing” reply "
           "even if the resource does exist in one of the local files; these local files will only be used when the "
           "LDAP service is down.")
# the Debian Administrator's Handbook's own text (sect.ldap-directory, with its typo اكنت)
LDAP_AR = ("إذا اكنت المدخلة المطلوبة غير موجودة في قاعدة بيانات LDAP فسوف يعطي الاستعلام رد ”غير موجود“، حتى لو كان "
           "المورد المطلوب متوفراً في أحد الملفات المحلية؛ ولن تستخدم هذه الملفات المحلية إلا عندما تتوقف خدمة LDAP عن العمل.")
ADDED = "، وقد يستغرق ذلك عدة دقائق حسب سرعة الاتصال بالإنترنت لديك."  # an added clause at the end: no source


def _page(pairs: list[tuple[str, str]]) -> CheckContext:
    sb = tuple(Block(BlockKind.PARAGRAPH, en, i) for i, (en, _) in enumerate(pairs))
    tb = tuple(Block(BlockKind.PARAGRAPH, ar, i) for i, (_, ar) in enumerate(pairs))
    aligned = tuple(AlignedPair((Segment(i, 0, len(en), en),), (Segment(i, 0, len(ar), ar),), 1.0)
                    for i, (en, ar) in enumerate(pairs))
    return CheckContext(Page("src", "en", "", sb), Page("tgt", "ar", "", tb), aligned)


# a page whose paragraphs translate terse (ratio about 0.78): the LDAP pair is long for it
_FILLER = [("The file system is mounted read only when the disk has errors and the kernel detects them early.",
            "يُربط نظام الملفات للقراءة فقط عند وجود أخطاء في القرص ويكتشفها النواة مبكراً."),
           ("Each user has a home directory where personal files and settings are stored by default.",
            "لكل مستخدم مجلد منزلي تحفظ فيه ملفاته الشخصية وإعداداته افتراضياً."),
           ("The network configuration is read from the interfaces file when the system starts up.",
            "تقرأ إعدادات الشبكة من ملف الواجهات عندما يبدأ إقلاع النظام في كل مرة."),
           ("Packages are installed with the apt command, which also resolves their dependencies for you.",
            "تثبت الحزم بواسطة الأمر apt الذي يحل اعتمادياتها أيضاً نيابة عنك."),
           ("The server logs every request in a file that the administrator can read at any later time.",
            "يسجل المخدم كل طلب في ملف خاص يستطيع المدير قراءته في أي وقت لاحق.")]


def _addition_major(ctx: CheckContext, i: int) -> list:
    return [f for f in run_checks(ctx)[i] if f.check == "addition" and f.severity.rank >= Severity.MAJOR.rank]


def test_word_order_chain_rises_on_both_sides():
    order = coverage.word_order(LDAP_EN, LDAP_AR)
    assert order.chain
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(order.chain, order.chain[1:], strict=False))
    for i, j in order.chain:
        assert j in order.src[i].found and i in order.tgt[j].found


def test_facing_source_of_a_mid_clause_has_unread_words():
    start = LDAP_AR.index("فسوف")
    end = LDAP_AR.index("“،")
    facing = coverage.facing_source(LDAP_EN, LDAP_AR, start, end)
    assert facing.before >= 1 and facing.after >= 2
    assert facing.unread >= 3 and facing.found == 0


def test_clause_facing_unread_source_words_is_no_addition():
    ctx = _page(_FILLER + [(LDAP_EN, LDAP_AR)])
    assert not _addition_major(ctx, len(_FILLER))


def test_clause_facing_unread_source_words_flagged_without_the_rule(monkeypatch):
    """The rule is what keeps the clean pair unflagged (the test above fails without it)."""
    monkeypatch.setattr(addition_mod, "_renders_unread", lambda *a: None)
    ctx = _page(_FILLER + [(LDAP_EN, LDAP_AR)])
    assert _addition_major(ctx, len(_FILLER))


def test_clause_added_at_the_end_still_flagged():
    ctx = _page(_FILLER + [(LDAP_EN, LDAP_AR.rstrip(".") + ADDED)])
    found = _addition_major(ctx, len(_FILLER))
    assert found and "دقائق" in (found[0].tgt_span.text if found[0].tgt_span else LDAP_AR + ADDED)


def test_short_string_is_not_read_by_order():
    pair = _page([("Current width of the column", "العرض الحالي للعمود، آن عرض عمود.")]).pairs[0]
    seg = pair.tgt[0]
    c = coverage.Clause(0, 10, 3, 0)
    assert addition_mod._renders_unread(pair, seg, c) is None


def _trunc(en: str, ar: str) -> list:
    ctx = _page([(en, ar)])
    return TruncationCheck().run(ctx.pairs[0], ctx)


def test_kana_whatever_is_complete():
    assert not _trunc("You have the freedom to run the program, for any purpose.",
                      "لديك كامل الحرية في تشغيل البرنامج لأي غرض كان.")
    assert not _trunc("It stays as it was", "يبقى كما كان")


def test_kana_without_predicate_is_cut():
    assert _trunc("Whether the dropdowns should have a tearoff menu item", "فيما إذا وجب أن يكون للقوائم النازلة عنصر، فيما إذا كان.")
    assert _open_kana("فيما إذا كان", 9, "كان") and not _open_kana("أيا كان", 4, "كان")


def test_abbreviation_letter_is_not_a_cut_word():
    assert not _trunc("the sdd disk, 4 GB, is fully available;", "القرص sdd، متاح بالكامل، 4 غ.ب؛")
    assert _trunc("the sdd disk is fully available for the array", "القرص sdd متاح بالكامل للمصفوفة ب")


def test_even_before_a_full_stop_is_the_adverb():
    assert not _trunc("You can assign it to multiple files, or even an entire directory tree.",
                      "يمكنك إسناده لعدة ملفات، أو لشجرة ملفات كاملة حتى.")
    assert _trunc("You can assign it to multiple files, or even to an entire directory tree",
                  "يمكنك إسناده لعدة ملفات، أو حتى")
