"""The documentation evaluation set's loader (benchmarks/manuals.py): its pairing and filtering
rules on small hand-made files, and the installed data when present (skipped when absent)."""

from __future__ import annotations

import sys
from pathlib import Path

import polib
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import defects  # noqa: E402
import manuals  # noqa: E402

EN_PAGE = """<html><body>
<div class="para">The first paragraph explains how the package manager installs software on the machine.</div>
<div class="para">This paragraph was left untranslated by the translators of the book, so it stays English.</div>
<div class="para">Run this command as root to update the list of packages: <pre class="screen">apt update</pre></div>
<div class="para">Short one.</div>
<div class="para">The last paragraph names a link shown on its own line below the text of it.
<div class="url">&#8594; https://www.debian.org/doc/</div></div>
</body></html>"""
AR_PAGE = """<html><body>
<div class="para">تشرح الفقرة الأولى كيف يثبت مدير الحزم البرمجيات على الجهاز.</div>
<div class="para">This paragraph was left untranslated by the translators of the book, so it stays English.</div>
<div class="para">نفذ هذا الأمر بصلاحيات الجذر لتحديث قائمة الحزم: <pre class="screen">apt update</pre></div>
<div class="para">فقرة قصيرة.</div>
<div class="para">تذكر الفقرة الأخيرة رابطاً يظهر في سطر مستقل تحت نصها.
<div class="url">&#8594; https://www.debian.org/doc/</div></div>
</body></html>"""


def _handbook(root: Path, ar_page: str = AR_PAGE) -> None:
    base = root / "usr/share/doc/debian-handbook/html"
    (base / "en-US").mkdir(parents=True)
    (base / "ar-MA").mkdir(parents=True)
    (base / "en-US" / "apt.html").write_text(EN_PAGE, encoding="utf-8")
    (base / "ar-MA" / "apt.html").write_text(ar_page, encoding="utf-8")


def _wordpress(root: Path) -> None:
    base = root / "usr/share/wordpress/wp-content/languages"
    base.mkdir(parents=True)
    mo = polib.MOFile()
    mo.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    entries = [
        # kept: entities decoded and tags removed on both sides
        ("You can view all posts made by a user by clicking the <strong>number</strong> in the column.",
         "يمكنك عرض جميع تدوينات العضو بالنقر على <strong>الرقم</strong> في العمود."),
        # placeholders: the page would show a value there
        ("There is a new version of %1$s available for your site and you can update it now.",
         "هناك نسخة جديدة من %1$s متوفرة لموقعك ويمكنك تحديثها الآن."),
        # too short for help prose
        ("Add New User", "أضف عضواً جديداً"),
        # untranslated msgstr
        ("This screen lists all the existing users for your site and their roles.",
         "This screen lists all the existing users for your site and their roles."),
        ("Your profile contains information about you (your &#8220;account&#8221;) and your options.",
         "حسابك يحتوي على معلومات خاصة بك (&#8220;حسابك&#8221;) وعلى إعداداتك."),
    ]
    for en, ar in entries:
        mo.append(polib.MOEntry(msgid=en, msgstr=ar))
    mo.save(str(base / "admin-ar.mo"))


def test_handbook_pairs_translated_prose_paragraphs_by_position(tmp_path, monkeypatch):
    _handbook(tmp_path)
    monkeypatch.setattr(manuals, "DATA", tmp_path)
    pairs = manuals.load_handbook()
    assert [p[2] for p in pairs] == ["handbook:apt.html:0", "handbook:apt.html:4"]
    assert pairs[0][1].startswith("تشرح الفقرة الأولى")
    # the link line under the paragraph is not part of its text
    assert "debian.org" not in pairs[1][0] and "debian.org" not in pairs[1][1]


def test_handbook_skips_a_page_whose_paragraphs_differ(tmp_path, monkeypatch):
    _handbook(tmp_path, AR_PAGE.replace('<div class="para">فقرة قصيرة.</div>', ""))
    monkeypatch.setattr(manuals, "DATA", tmp_path)
    assert manuals.load_handbook() == []


def test_wordpress_keeps_help_sentences_as_the_page_shows_them(tmp_path, monkeypatch):
    _wordpress(tmp_path)
    monkeypatch.setattr(manuals, "DATA", tmp_path)
    pairs = manuals.load_wordpress()
    assert [p[0] for p in pairs] == [
        "You can view all posts made by a user by clicking the number in the column.",
        "Your profile contains information about you (your \u201caccount\u201d) and your options.",
    ]
    assert "<" not in pairs[0][1] and "&#" not in pairs[1][1]
    assert all(p[2].startswith("wordpress:admin-ar.mo:") for p in pairs)


def test_sample_per_source_is_seeded_and_kept_in_text_order(tmp_path, monkeypatch):
    _handbook(tmp_path)
    _wordpress(tmp_path)
    monkeypatch.setattr(manuals, "DATA", tmp_path)
    one = manuals.load_manuals(limit_per_source=1, seed=3)
    assert len(one) == 2 and one == manuals.load_manuals(limit_per_source=1, seed=3)
    assert [p[2].split(":")[0] for p in one] == ["handbook", "wordpress"]


def test_missing_data_names_the_install_step(tmp_path, monkeypatch):
    monkeypatch.setattr(manuals, "DATA", tmp_path)
    if Path("/usr/share/doc/debian-handbook/html/ar-MA").is_dir():
        pytest.skip("debian-handbook is installed system-wide")
    with pytest.raises(manuals.MissingData, match="make bench-data"):
        manuals.load_handbook()


def test_installed_set_is_registered_and_splits():
    try:
        pairs = defects.load_set("manuals")
    except manuals.MissingData as exc:
        pytest.skip(str(exc))
    sources = {p[2].split(":")[0] for p in pairs}
    assert sources == {"handbook", "wordpress"} and len(pairs) >= 1000
    assert len({p[0] for p in pairs}) == len(pairs)  # each English text once
    tune, held = defects.split_halves(pairs)
    assert tune and held
