"""Names on documentation (issue 10, session 18): a name used as a noun adjunct that a definite head leaves
implicit, and a name the translation introduced by its classifier noun (الأمر، الملف، الوحدة) and then lost.
Each rule with hits and clean twins."""

from __future__ import annotations

from mt_review.checks.names import classified_names, dangling_classifiers, implicit_modifier, modified_heads
from mt_review.model import Severity
from tests.lexicon_marks import needs_lexicons
from tests.test_names_session15 import names


def severities(en: str, ar: str) -> dict[str, Severity]:
    return {src: sev for src, sev, _ in names(en, ar)}


# -- a noun adjunct left implicit by a definite head

IP_EN = "These traces show that two video files have been stored on the server by way of the 82.50.72.202 IP address."


@needs_lexicons
def test_modified_heads_are_the_common_words_after_the_name():
    assert modified_heads(IP_EN, IP_EN.index("IP") + 2) == ["address"]
    text = "Use the RAID level you need and RAID in any case."
    assert modified_heads(text, text.index("RAID") + 4) == ["level"]
    assert modified_heads(text, text.rindex("RAID") + 4) == []  # "in": a function word, no head


@needs_lexicons
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
def test_definite_head_followed_by_a_latin_word_does_not_excuse():
    # the head is definite but another Latin word follows it: that word, not the name, is what the head introduces
    assert not implicit_modifier(IP_EN, IP_EN.index("IP") + 2, "بوساطة العنوان TCP ٨٢.٥٠.٧٢.٢٠٢.")
    assert implicit_modifier(IP_EN, IP_EN.index("IP") + 2, "بوساطة العنوان ٨٢.٥٠.٧٢.٢٠٢.")


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
