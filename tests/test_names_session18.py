"""Names on documentation (issue 10, session 18): a name used as a noun adjunct that a definite head leaves
implicit, and a name the translation introduced by its classifier noun (الأمر، الملف، الوحدة) and then lost.
Each rule with hits and clean twins."""

from __future__ import annotations

from mt_review.checks.names import classified_names, dangling_classifiers, implicit_modifier, modified_heads
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons, needs_wordnet
from tests.test_names_session15 import names


def severities(en: str, ar: str) -> dict[str, Severity]:
    return {src: sev for src, sev, _ in names(en, ar)}


# -- a noun adjunct left implicit by a definite head

IP_EN = "These traces show that two video files have been stored on the server by way of the 82.50.72.202 IP address."


@needs_lexicons
@needs_wordnet
def test_modified_heads_are_the_common_words_after_the_name():
    assert modified_heads(IP_EN, IP_EN.index("IP") + 2) == ["address"]
    text = "Use the RAID level you need and RAID in any case."
    assert modified_heads(text, text.index("RAID") + 4) == ["level"]
    assert modified_heads(text, text.rindex("RAID") + 4) == []  # "in": a function word, no head


@needs_lexicons
@needs_wordnet
def test_name_implied_by_a_definite_head_is_minor():
    # العنوان "the address": the kind of address left implicit, as Arabic does with a known modifier
    assert severities(IP_EN, "تُظهِر هذه الأمثلة تخزين ملفي فيديو على المخدم بوساطة العنوان ٨٢.٥٠.٧٢.٢٠٢.")["IP"] \
        is Severity.MINOR
    en = "Because you are using localhost, the sites in your WordPress network must use sub-directories."
    assert severities(en, "لأنك تستخدم localhost، فإنّ المواقع على شبكتك يجب أن تستخدم مجلدات فرعية.")["WordPress"] \
        is Severity.MINOR


@needs_lexicons
def test_name_dropped_from_a_construct_stays_major():
    # عنوان without its article: the head still stands in construct before a name that is gone
    assert severities(IP_EN, "تُظهِر هذه الأمثلة تخزين ملفي فيديو على المخدم بوساطة عنوان ٨٢.٥٠.٧٢.٢٠٢.")["IP"] \
        is Severity.MAJOR
    en = "The VNC software provides similar features."
    assert severities(en, "توفر برمجيات مزايا مشابهة.")["VNC"] is Severity.MAJOR


@needs_lexicons
@needs_wordnet
def test_definite_head_followed_by_a_latin_word_does_not_excuse():
    # the head is definite but another Latin word follows it: that word, not the name, is what the head introduces
    assert not implicit_modifier(IP_EN, IP_EN.index("IP") + 2, "بوساطة العنوان TCP ٨٢.٥٠.٧٢.٢٠٢.", place=0.5)
    assert implicit_modifier(IP_EN, IP_EN.index("IP") + 2, "بوساطة العنوان ٨٢.٥٠.٧٢.٢٠٢.", place=0.5)


@needs_lexicons
def test_code_heads_never_excuse():
    # "the Packages file" = الملف: Arabic writes الملف Packages, so a lone الملف is no implied name
    en = "APT reads the Packages file of each mirror."
    assert not implicit_modifier(en, en.index("Packages") + 8, "تقرأ APT الملف من كل مرآة.")


# -- a name introduced by its classifier and lost

SEMANAGE_EN = ("Every time that a user logs in, they get assigned an SELinux identity. Those two mappings are "
               "configurable with the semanage command.")


@needs_lexicons
def test_classified_names():
    assert classified_names(SEMANAGE_EN) == [("semanage", "command", SEMANAGE_EN.index("semanage"),
                                              SEMANAGE_EN.index("semanage") + 8)]
    assert [w for w, *_ in classified_names("Add these lines to the .htaccess file.")] == [".htaccess"]
    assert [w for w, *_ in classified_names("an NSS module by LDAP")] == ["NSS"]
    # common words the translation translates: not names
    assert classified_names("Edit the configuration file and the main program.") == []


def test_dangling_classifiers():
    assert dangling_classifiers("يمكن إدارة هذه التقابلات بالأمر", "command") == [(25, 31)]
    assert dangling_classifiers("بالأمر semanage.", "command") == []
    assert dangling_classifiers("وإلى ملف ‎.htaccess", "file") == []
    assert dangling_classifiers("مثل ملف الذي درسناه", "file") == [(4, 7)]
    assert dangling_classifiers("عدّل الملف /etc/fstab", "file") == []


@needs_lexicons
def test_name_lost_after_its_classifier_is_major():
    ar = "في كل مرة يُسجّل فيها المستخدم دخوله، تُسنَد له هوية SELinux. يمكن إدارة هذه التقابلات بالأمر"
    found = names(SEMANAGE_EN, ar)
    assert [(src, sev, tgt) for src, sev, tgt in found] == [("semanage", Severity.MAJOR, "بالأمر")]
    en = "Add the designated lines of code to wp-config.php and the .htaccess file."
    assert severities(en, "أضف الأكواد المحدّدة إلى ملف wp-config.php وإلى ملف .")[".htaccess"] is Severity.MAJOR


@needs_lexicons
def test_name_kept_after_its_classifier_is_clean():
    ar = "في كل مرة يُسجّل فيها المستخدم دخوله، تُسنَد له هوية SELinux. يمكن إدارة هذه التقابلات بالأمر semanage."
    assert names(SEMANAGE_EN, ar) == []
    en = "Add the designated lines of code to wp-config.php and the .htaccess file."
    assert names(en, "أضف الأكواد المحدّدة إلى ملف wp-config.php وإلى ملف ‎.htaccess.") == []
    # the classifier alone elsewhere, the name kept as often as the source has it
    en = "Run the semanage command; the command changes the policy."
    assert names(en, "نفّذ الأمر semanage؛ يغيّر الأمر السياسة.") == []


@needs_lexicons
@needs_wordnet
def test_definite_head_far_from_the_name_does_not_excuse():
    # الرسوميات "the graphics" renders the card early on; the truncated end lost "the X.org graphics server"
    en = ("The graphics card driver is often the culprit when standby doesn't work properly. In that case, it is a "
          "good idea to test the latest version of the X.org graphics server.")
    ar = "تعريف بطاقة الرسوميات هو غالباً من يسبب المشاكل عندما لا يعمل وضع الاستعداد بشكل سليم."
    assert not implicit_modifier(en, en.index("X.org") + 5, ar)
    assert implicit_modifier(en, en.index("X.org") + 5, ar, place=0.2)  # the same head near the name's place


@needs_lexicons
def test_kept_with_its_number_in_arabic_digits():
    en = "mod-security2 (in the libapache2-mod-security2 package) is the main such module."
    assert names(en, "وحدة mod-security٢ (في الحزمة libapache٢-mod-security٢) هي الحزمة الأساسية في هذا المجال.") == []


# -- a name with digits is not found by sound

@needs_lexicons
def test_name_with_digits_not_found_through_a_sound_alike():
    en = "You can choose another filesystem if the standard choice (ext4) isn't appropriate."
    # التجزئة "partitioning" sounds like ext: no transliteration keeps the 4
    assert "ext4" in severities(en, "يمكنك اختيار نظام ملفات آخر إذا كان الاختيار القياسي غير مناسب، مثل التجزئة.")
    assert names(en, "يمكنك اختيار نظام ملفات آخر إذا كان الاختيار القياسي (ext4) غير مناسب.") == []


@needs_lexicons
def test_classified_name_rendered_or_spelt_out_is_not_lost():
    # GNOME transliterated جنوم both times: the lone الحزمة is no hole
    assert names("Install the GNOME package and read the GNOME manual.", "ثبّت حزمة جنوم واقرأ الحزمة ودليل جنوم.") == []
    # "PPD files" rendered through the acronym's expansion (ملفات وصف طابعات)
    en = ("The foomatic printer database contains various manufacturer provided PostScript Printer Description (PPD) "
          "files and also can generate PPD files for a large number of printers.")
    ar = ("تحتوي قاعدة بيانات طابعات foomatic على العديد من ملفات وصف طابعات بوستسكربت المقدمة من المصنِّعين، كما تولّد "
          "ملفات للكثير من الطابعات.")
    assert names(en, ar) == []


# -- a code term alone in brackets is a specification, not a gloss

def test_bracketed_code():
    from mt_review.checks.names import bracketed_code
    text = "choose another filesystem if the standard choice (ext4) isn't appropriate (PPD) (the foo.conf file)"
    assert bracketed_code(text, text.index("ext4"), text.index("ext4") + 4)
    assert not bracketed_code(text, text.index("PPD"), text.index("PPD") + 3)  # an acronym: a gloss
    assert not bracketed_code(text, text.index("foo.conf"), text.index("foo.conf") + 8)  # not alone


@needs_lexicons
def test_code_term_dropped_from_its_brackets_is_major():
    en = "You can choose another filesystem if the standard choice (ext4) isn't appropriate."
    assert severities(en, "يمكنك اختيار نظام ملفات آخر إذا كان الاختيار القياسي غير مناسب.") == {"ext4": Severity.MAJOR}
    assert names(en, "يمكنك اختيار نظام ملفات آخر إذا كان الاختيار القياسي (ext4) غير مناسب.") == []
    en = "Printers are described by PostScript Printer Description (PPD) files."
    assert severities(en, "توصف الطابعات بملفات وصف الطابعات.").get("PPD", Severity.MINOR) is Severity.MINOR


# -- a jargon noun after an indefinite article is no program name

@needs_lexicons
def test_indefinite_jargon_noun_is_no_program_name():
    from mt_review.checks.names import tool_names
    assert [w for w, _, _ in tool_names("Create a symlink from /etc/prosody/conf.d/ to it.")] == []
    assert [w for w, _, _ in tool_names("Write a systemd unit.")] == ["systemd"]  # the article is the unit's
    en = "Create a symlink from /etc/prosody/conf.d/ to the configuration."
    assert names(en, "أنشئ رابطًا رمزيًا من /etc/prosody/conf.d/ إلى الإعدادات.") == []
    en = "Then run semanage from /etc/prosody/conf.d/ with the configuration."
    assert [s for s, sev, _ in names(en, "ثم نفّذ من /etc/prosody/conf.d/ مع الإعدادات.") if sev is Severity.MAJOR] \
        == ["semanage"]


@needs_lexicons
@needs_wordnet
def test_a_preposition_after_the_name_is_no_head():
    # "Allah upon you": no noun after the name, so عليكم (on you) excuses nothing
    en = "And if not for the favor of Allah upon you and His mercy, you would have been among the losers"
    assert modified_heads(en, en.index("Allah") + 5) == []
    assert severities(en, "فلولا فضل عليكم ورحمته لكنتم من الخاسرين")["Allah"] is Severity.MAJOR


# -- a word missing inside a Latin phrase the target copies

def test_copied_run_gaps():
    from mt_review.checks.names import copied_run_gaps
    gaps = copied_run_gaps("The .dsc (Debian Source Control) file", "ملف ‎.dsc (Debian Control) هو")
    assert [(w, [x for x, _, _ in run]) for (w, _, _), run in gaps] == [("Source", ["Debian", "Control"])]
    # the whole phrase kept, its first or last word left out, an article lost, words apart by a comma: no gap
    assert copied_run_gaps("the Debian Source Control file", "Debian Source Control") == []
    assert copied_run_gaps("the Debian Source Control file", "Debian Source") == []
    assert copied_run_gaps("Order deny,allow allows", "Order allow,deny") == []
    assert copied_run_gaps("Take the Simple Authentication and Security Layer", "Simple Authentication Security Layer") == []
    # a sentence left in English is the untranslated check's
    long_src = "dpkg will refuse to install a package if it triggers a conflict"
    assert copied_run_gaps(long_src, "dpkg refuse to install a package if it triggers a conflict") == []


@needs_lexicons
def test_word_dropped_from_a_copied_phrase_is_major():
    en = "SMTP authentication in Postfix relies on SASL (Simple Authentication and Security Layer)."
    ar = "يعتمد استيثاق SMTP في Postfix على SASL ‏(Simple and Security Layer)."
    assert ("Authentication", Severity.MAJOR) in [(s, sev) for s, sev, _ in names(en, ar)]
    ar = "يعتمد استيثاق SMTP في Postfix على SASL ‏(Simple Authentication and Security Layer)."
    assert names(en, ar) == []
