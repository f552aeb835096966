"""A re-run with --state chooses learned terms again only for what changed since the last run
(mt_review.terms.Unchanged), and still learns, flags and writes exactly what a cold run does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mt_review import terms
from mt_review.incremental import _CHOICES_KEY as CHOICES
from mt_review.incremental import IncrementalStore, iter_reviews_incrementally
from mt_review.pipeline import Resources, collect_pairs, review_page

from tests.test_terms_incremental import SETTINGS, export, reports, write_page

GV = [("Green Valley grows rice.", "يزرع الوادي الأخضر الأرز."),
      ("The farmers of Green Valley sell fruit.", "يبيع مزارعو الوادي الأخضر الفاكهة."),
      ("Green Valley has a new school.", "في الوادي الأخضر مدرسة جديدة.")]
# "Harbour Fund" is «صندوق الميناء» on pages 1, 2, 4 and otherwise on page 3 (to be removed);
# "civil society" is «المجتمع المدني» on pages 0-2; "Green Valley" (pages 0, 1, 4) is never touched.
PAGES = [
    [("Strong Cities hosted a workshop in Surabaya.", "استضافت المدن القوية ورشة عمل في سورابايا."),
     ("Local leaders met civil society groups in Amman.", "التقى القادة المحليون بمجموعات المجتمع المدني في عمان."),
     GV[0]],
    [("The Harbour Fund paid for the bridge.", "دفع صندوق الميناء ثمن الجسر."),
     ("Groups of civil society joined the launch.", "انضمت مجموعات المجتمع المدني إلى الإطلاق."), GV[1]],
    [("The Harbour Fund opened an office.", "افتتح صندوق الميناء مكتبا."),
     ("Strong Cities met civil society leaders in Beirut.", "التقت المدن القوية بقادة المجتمع المدني في بيروت.")],
    [("The Harbour Fund hired staff.", "وظف الصندوق البحري موظفين.")],
    [("The Harbour Fund closed its books.", "أغلق صندوق الميناء حساباته."), GV[2]],
    [("Strong Cities trained young people in Nairobi.", "دربت المدن القوية الشباب في نيروبي.")],
]
# a new page: «المجتمع المدني» without "civil society" (its rendering is no longer specific to it)
ADDED = [("Community groups met the press.", "التقت مجموعات المجتمع المدني بالصحافة."),
         ("Community leaders spoke.", "تحدث قادة المجتمع المدني."),
         ("Community groups voted.", "صوتت مجموعات المجتمع المدني."),
         ("Volunteers cleaned parks.", "نظف متطوعو المجتمع المدني الحدائق.")]
CHANGED = [("Strong Cities trained young people in Nairobi.", "دربت المدن الحصينة الشباب في نيروبي.")]


def kept_learning(root: Path, state: Path) -> tuple[tuple[terms.LearnedTerm, ...], list, terms.Unchanged | None]:
    """(learned terms, pages, what was taken from the last run) of a run over ``state``."""
    res = Resources()
    pairs, _ = collect_pairs([root], SETTINGS)
    with IncrementalStore(state) as store:
        pages = list(iter_reviews_incrementally(pairs, SETTINGS, res, store,
                                                lambda misses: (review_page(p, SETTINGS, res) for p in misses)))
        _parts, learned, reuse = terms.learn_kept(pages, None, store.term_cache())
        return learned, pages, reuse


def edit(root: Path) -> None:
    """Remove page 3, change page 5, add page 6."""
    for side in ("en", "ar"):
        (root / f"page-3.{side}.txt").unlink()
    write_page(root, 5, CHANGED)
    write_page(root, 6, ADDED)


def test_a_re_run_reuses_unchanged_choices_and_learns_what_a_cold_run_does(tmp_path: Path) -> None:
    root = export(tmp_path / "x", PAGES)
    state = tmp_path / "state.sqlite"
    first, pages, reuse = kept_learning(root, state)
    assert reuse is None  # nothing kept yet
    assert first == terms.learn_terms(pages)
    by_en = {t.en: t for t in first}
    assert (by_en["Harbour Fund"].pairs, by_en["civil society"].ar) == (4, "المجتمع المدني")

    again, pages, reuse = kept_learning(root, state)  # nothing changed: every choice is taken
    assert again == first and reuse is not None and reuse.reused == len(reuse.choices) > 0

    edit(root)
    learned, pages, reuse = kept_learning(root, state)
    assert learned == terms.learn_terms(pages)  # the cold table
    assert reuse is not None and reuse.reused >= 1  # "Green Valley" was not chosen again
    by_en = {t.en: t for t in learned}
    assert by_en["Green Valley"] == {t.en: t for t in first}["Green Valley"]
    assert by_en["Harbour Fund"].pairs == 3  # the removed page's pair is gone
    assert "civil society" not in by_en  # its rendering is now on more pairs without it than with it
    assert by_en["Strong Cities"].others == (("المدن الحصينة", 1),)  # the changed page


def test_reports_after_adding_changing_and_removing_pages_are_a_cold_runs(tmp_path: Path) -> None:
    root = export(tmp_path / "x", PAGES)
    state = tmp_path / "state.sqlite"
    before = reports(root, tmp_path / "warm", state)
    assert reports(root, tmp_path / "warm", state) == before  # nothing changed: the choices are not written again,
    kept = sqlite3.connect(state).execute("SELECT COUNT(*) FROM page_terms WHERE key=?", (CHOICES,)).fetchone()
    assert kept == (1,)  # but still kept (they were read: a row not used in a run is forgotten)
    edit(root)
    warm = reports(root, tmp_path / "warm", state)
    assert warm == reports(root, tmp_path / "cold", None) and warm != before
    write_page(root, 3, PAGES[3])  # page 3 back: its choices were kept under the run before
    assert reports(root, tmp_path / "warm", state) == reports(root, tmp_path / "cold", None)


def test_a_page_whose_sentences_swap_renderings_is_chosen_again(tmp_path: Path) -> None:
    """The page holds the same terms and n-grams as before, but not in the same pairs."""
    from mt_review.pipeline import review_paths

    swapped = list(PAGES)
    swapped[1] = [(PAGES[1][0][0], PAGES[1][1][1]), (PAGES[1][1][0], PAGES[1][0][1]), GV[1]]
    was = [terms.page_terms(p) for p in review_paths([export(tmp_path / "a", PAGES)], SETTINGS).pages]
    now = [terms.page_terms(p) for p in review_paths([export(tmp_path / "b", swapped)], SETTINGS).pages]
    choices: terms.Choices = {}
    first = terms.learn_from(was, None, None, choices)
    reuse = terms.Unchanged.between(choices, [was[1]], [now[1]])
    assert reuse.grams == frozenset()  # the same n-grams, with the same surfaces
    cold = terms.learn_from(now)
    assert terms.learn_from(now, None, reuse) == cold != first
    assert "Harbour Fund" not in {t.en for t in cold}  # its pair there no longer holds «صندوق الميناء»
