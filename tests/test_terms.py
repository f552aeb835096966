"""Terminology learned from the export: dominant renderings, flags, glossary suggest."""

import csv
import io
from pathlib import Path

import pytest

from mt_review.config import ReviewSettings
from mt_review.glossary import load_glossary
from mt_review.pipeline import review_paths
from mt_review.terms import glossary_csv, learn_terms, normalise_ar, suggest_glossary

# (English, Arabic) pages; "Strong Cities" is «المدن القوية» everywhere but page 3,
# where the plugin wrote «المدن الحصينة».
PAGES = [
    [("Strong Cities hosted a workshop in Surabaya on prevention.", "استضافت المدن القوية ورشة عمل في سورابايا حول الوقاية."),
     ("The mayors of twelve towns attended the meeting.", "حضر رؤساء بلديات اثنتي عشرة مدينة الاجتماع."),
     ("Officials praised the work of Strong Cities in the region.", "أشاد المسؤولون بعمل المدن القوية في المنطقة.")],
    [("The network was founded by Strong Cities partners in 2015.", "أسس شركاء المدن القوية الشبكة في عام 2015."),
     ("Local leaders met with civil society groups in Amman.", "التقى القادة المحليون بمجموعات المجتمع المدني في عمان.")],
    [("Strong Cities published a new toolkit for mayors.", "نشرت المدن القوية مجموعة أدوات جديدة لرؤساء البلديات."),
     ("The toolkit is available in three languages.", "مجموعة الأدوات متاحة بثلاث لغات.")],
    [("Strong Cities trained young people in Nairobi.", "دربت المدن الحصينة الشباب في نيروبي."),
     ("The training lasted five days.", "استمر التدريب خمسة أيام.")],
]


def _export(root: Path, pages=PAGES) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for k, page in enumerate(pages):
        (root / f"page-{k}.en.txt").write_text("\n\n".join(en for en, _ in page) + "\n", encoding="utf-8")
        (root / f"page-{k}.ar.txt").write_text("\n\n".join(ar for _, ar in page) + "\n", encoding="utf-8")
    return root


def _learned(root, **kw):
    return {t.en: t for t in suggest_glossary([root], ReviewSettings(embedder="none", **kw))}


def test_dominant_rendering_is_learned_with_counts(tmp_path):
    learned = _learned(_export(tmp_path / "x"))
    t = learned["Strong Cities"]
    assert t.ar == "المدن القوية" and t.is_name
    assert (t.dominant, t.pairs, t.pages) == (4, 5, 4)
    assert t.others == (("المدن الحصينة", 1),)


def test_glossary_suggest_writes_the_dominant_rendering_and_review_flags_the_other(tmp_path):
    root = _export(tmp_path / "x")
    out = tmp_path / "glossary.csv"
    from typer.testing import CliRunner

    from mt_review.cli import app

    cfg = tmp_path / "mt-review.toml"
    cfg.write_text('embedder = "none"\n', encoding="utf-8")  # not the repository's own settings (its glossary)
    result = CliRunner().invoke(app, ["glossary", "suggest", str(root), "-o", str(out), "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["en"] == "Strong Cities")
    assert row["ar"] == "المدن القوية" and "4 of 5" in row["notes"]
    assert load_glossary(out).lookup("Strong Cities").ar == ("المدن القوية",)  # the glossary reader accepts it

    run = review_paths([root], ReviewSettings(embedder="none"))
    flagged = [(p.pair.name, f) for p in run.pages for s in p.segments for f in s.findings
               if f.category == "terminology/inconsistent-across-site"]
    assert [name for name, _ in flagged] == ["page-3"]
    f = flagged[0][1]
    assert f.severity.value == "major" and f.tgt_span.text == "المدن الحصينة" and f.suggestion == "المدن القوية"
    assert f.src_span.text == "Strong Cities"


def test_consistent_export_is_not_flagged(tmp_path):
    clean = [list(p) for p in PAGES]
    clean[3][0] = ("Strong Cities trained young people in Nairobi.", "دربت المدن القوية الشباب في نيروبي.")
    run = review_paths([_export(tmp_path / "c", clean)], ReviewSettings(embedder="none"))
    assert not [f for p in run.pages for s in p.segments for f in s.findings if f.category.endswith("across-site")]


def test_a_hand_written_glossary_wins(tmp_path):
    root = _export(tmp_path / "x")
    g = tmp_path / "g.csv"
    g.write_text("en,ar\nStrong Cities,المدن الحصينة\n", encoding="utf-8")
    assert "Strong Cities" not in _learned(root, glossary=str(g))
    run = review_paths([root], ReviewSettings(embedder="none", glossary=str(g)))
    assert not [f for p in run.pages for s in p.segments for f in s.findings if f.category.endswith("across-site")]


def test_disabling_the_terminology_check_disables_learning(tmp_path):
    run = review_paths([_export(tmp_path / "x")], ReviewSettings(embedder="none", disabled_checks=("terminology",)))
    assert not [f for p in run.pages for s in p.segments for f in s.findings if f.check == "terminology"]


@pytest.mark.parametrize("a,b", [("والمدن", "المدن"), ("بالمدينة", "المدينة"), ("للمدينة", "المدينة"), ("مَدينةٌ", "مدينه")])
def test_clitics_and_diacritics_do_not_make_a_new_rendering(a, b):
    assert normalise_ar(a) == normalise_ar(b)


def test_one_page_teaches_nothing(tmp_path):
    page = [pair for p in PAGES for pair in p]
    assert learn_terms(review_paths([_export(tmp_path / "one", [page])], ReviewSettings(embedder="none")).pages) == ()


def test_csv_quotes_what_needs_quoting():
    from mt_review.terms import LearnedTerm

    text = glossary_csv([LearnedTerm(en='Say "Hi", Ltd', ar="قل", is_name=True, pairs=3, pages=2, dominant=3)])
    assert list(csv.reader(io.StringIO(text)))[1][0] == 'Say "Hi", Ltd'


def test_when_nothing_is_learned_the_pages_are_read_once_and_come_back_unchanged():
    """A run that learns no term reads each page once, for its contribution, and not again to flag
    it (a spooled page is unpickled whole each time it is read); a run of fewer than MIN_PAGES pages
    (one huge XLIFF file) cannot learn one and reads none."""
    import sys
    from collections.abc import Sequence

    sys.path.insert(0, str(Path(__file__).parent))
    from report_fixtures import make_page_review

    from mt_review.terms import with_learned_terms

    class Counted(Sequence):
        def __init__(self, pages):
            self.pages, self.reads, self.replaced = list(pages), 0, []

        def __len__(self):
            return len(self.pages)

        def __getitem__(self, i):
            page = self.pages[i]  # IndexError ends an iteration: not a read
            self.reads += 1
            return page

        def replace(self, i, page):
            self.replaced.append(i)

    from report_fixtures import make_clean_page

    from mt_review.terms import MIN_PAGES

    page = make_page_review()
    assert MIN_PAGES == 2
    spool = Counted([page])  # one page learns nothing: it is not even read for its contribution
    assert with_learned_terms(spool) is spool
    assert spool.reads == 0 and spool.replaced == []
    assert with_learned_terms([page]) == [page]
    two = Counted([page, make_clean_page()])  # two pages that share no term: each read once
    assert with_learned_terms(two) is two
    assert two.reads == 2 and two.replaced == []


def test_normalise_ar_is_memoised_with_the_same_answers():
    """The memo (a re-run normalises the learned renderings for every page that may gain) must not change
    an answer, and a repeated word must be served from it."""
    words = ["والمدن", "بالمدينة", "للمدينة", "مَدينةٌ", "فالكتاب", "إلى", "وزارة", "ف", "و"]
    before = normalise_ar.cache_info().hits
    assert [normalise_ar(w) for w in words * 2] == [normalise_ar.__wrapped__(w) for w in words * 2]
    assert normalise_ar.cache_info().hits >= before + len(words)
