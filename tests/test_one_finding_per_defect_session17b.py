"""One finding per defect (issue 10, session 17b): a token that the numbers, names and untranslated checks could
all flag is reported by the check whose category says what it is -- a number changed inside a name by numbers
(names stands down on both the source name and its renumbered twin), a Latin-script name the source lacks by
names (untranslated stands down on it), English left in by untranslated.  Hits and clean twins."""

from __future__ import annotations

import pytest

from mt_review.checks import run_checks
from mt_review.checks.numbers import renumbered_names
from mt_review.model import Severity
from tests.test_checks import page_ctx

THREE = ["numbers", "untranslated", "names"]


def _by_check(en: str, ar: str) -> list[tuple[str, str, str]]:
    """(check, target span, severity) of the three checks' findings on one pair."""
    found = run_checks(page_ctx([(en, ar)]), enabled=THREE)[0]
    return [(f.check, f.tgt_span.text if f.tgt_span else "", f.severity.name) for f in found]


def test_renumbered_names_maps_a_target_name_to_its_source_twin():
    assert renumbered_names("Use the V4L driver.", "استخدم V6L.") == {"V6L": "V4L"}
    assert renumbered_names("Use the V4L driver.", "استخدم V4L وV6L.") == {}  # the source's name is kept
    assert renumbered_names("Use the driver.", "استخدم V6L.") == {}  # no source name of that shape
    assert renumbered_names("(uint64 expected)", "(يُفترض uint66)") == {"uint66": "uint64"}


# -- a number changed inside a name: numbers alone

@pytest.mark.parametrize("en, ar, name", [
    ("Invalid attribute type (uint64 expected)", "نوع الخاصية غير سليم ( يُفترض uint66 )", "uint66"),
    ("Use the V4L driver for the camera.", "استخدم برنامج التشغيل V6L للكاميرا.", "V6L"),
    ("Set up RAID-0 on the disks.", "اضبط RAID-7 على الأقراص.", "RAID-7"),
])
def test_a_number_changed_inside_a_name_is_reported_once_by_numbers(en, ar, name):
    found = _by_check(en, ar)
    assert [c for c, _, sev in found if c == "numbers" and Severity[sev] >= Severity.MAJOR]
    assert [c for c, span, _ in found if span and (name in span or span in name)] == ["numbers"]  # RAID-7: "7"
    assert [c for c, _, _ in found if c != "numbers"] == []  # names does not report the source name missing


@pytest.mark.parametrize("en, ar", [
    ("Invalid attribute type (uint64 expected)", "نوع الخاصية غير سليم ( يُفترض uint64 )"),
    ("Use the V4L driver for the camera.", "استخدم برنامج التشغيل V4L للكاميرا."),
])
def test_the_same_name_kept_is_flagged_by_none(en, ar):
    assert _by_check(en, ar) == []


def test_a_name_of_another_shape_is_still_a_name_replaced():
    # int32 is not uint64 renumbered (another shape): a different name, the names check's, reported once
    found = _by_check("Invalid attribute type (uint64 expected)", "نوع الخاصية غير سليم ( يُفترض int32 )")
    assert [c for c, span, _ in found if "int32" in span] == ["names"]
    assert not [c for c, _, _ in found if c == "numbers"]


# -- a Latin-script name the source lacks: names alone

QOS_EN = "It allows prioritizing packets related to interactive services (such as ssh and telnet)."
QOS_AR = "وهذا يسمح برفع أولوية رزم الخدمات التفاعلية (مثل {} وtelnet)."


@pytest.mark.parametrize("stand_in", ["Wine", "NFS"])
def test_a_latin_stand_in_is_reported_once_by_names(stand_in):
    found = _by_check(QOS_EN, QOS_AR.format(stand_in))
    assert [(c, sev) for c, span, sev in found if stand_in in span] == [("names", "MAJOR")]


def test_the_name_kept_is_flagged_by_none():
    assert _by_check(QOS_EN, QOS_AR.format("ssh")) == []


def test_a_name_the_source_lacks_in_any_numbering_is_names_not_untranslated():
    found = _by_check("Use the driver for the camera.", "استخدم برنامج التشغيل V6L للكاميرا.")
    assert [(c, span) for c, span, _ in found] == [("names", "V6L")]


# -- English left untranslated: untranslated keeps it

@pytest.mark.parametrize("en, ar, run", [
    ("Click Save to keep your changes.", "انقر Save لحفظ تغييراتك.", "Save"),
    ("Select the file to open it.", "Select the file لفتحه.", "Select the file"),
])
def test_english_copied_from_the_source_stays_untranslateds(en, ar, run):
    found = _by_check(en, ar)
    assert [c for c, span, _ in found if run in span] == ["untranslated"]


@pytest.mark.parametrize("en, ar, run", [
    ("You will need a wildcard DNS record for sub-domains.", "تحتاج إلى سجل Java DNS للنطاقات الفرعية.", "Java DNS"),
    ("Ports such as TCP/UDP are labeled.", "توسم منافذ TCP/IP.", "TCP/IP"),
])
def test_a_run_of_source_words_and_a_stand_in_is_names_alone(en, ar, run):
    found = _by_check(en, ar)
    assert [c for c, span, _ in found if span and (span in run or run in span)] == ["names"]


def test_a_run_with_english_words_of_its_own_stays_untranslateds():
    # "the wildcard record" is English the source has not in that form: text left in, not only a name
    found = _by_check("You will need a DNS entry for sub-domains.", "تحتاج إلى Java DNS with wildcard record للنطاقات الفرعية.")
    assert "untranslated" in [c for c, _, _ in found]
    assert "names" in [c for c, _, _ in found]


# -- a check stands down only for a check that reports

def test_without_the_owner_the_other_check_keeps_its_finding():
    en, ar = "Invalid attribute type (uint64 expected)", "نوع الخاصية غير سليم ( يُفترض uint66 )"
    alone = run_checks(page_ctx([(en, ar)]), enabled=["names"])[0]
    assert "uint66" in [f.tgt_span.text for f in alone if f.tgt_span]  # numbers does not run: names reports it
    silenced = run_checks(page_ctx([(en, ar)]), enabled=THREE, severity_overrides={"numbers": Severity.NONE})[0]
    assert "uint66" in [f.tgt_span.text for f in silenced if f.tgt_span]  # numbers dropped: names reports it
    stand_in = run_checks(page_ctx([(QOS_EN, QOS_AR.format("Wine"))]), enabled=["untranslated"])[0]
    assert [f.tgt_span.text for f in stand_in] == ["Wine"]  # names does not run: untranslated reports it
