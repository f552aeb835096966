"""Learned terminology with --state: a re-run reads back what unchanged pages contributed
and gets exactly what a cold run learns, flags and writes."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from mt_review import terms
from mt_review.app import run_review
from mt_review.config import ReviewSettings, RunOptions
from mt_review.incremental import IncrementalStore, iter_reviews_incrementally
from mt_review.pipeline import Resources, collect_pairs, review_page, review_paths

SETTINGS = ReviewSettings(embedder="none")

# "Strong Cities" is «المدن القوية» on every page but page-3; "civil society" recurs too.
PAGES = [
    [("Strong Cities hosted a workshop in Surabaya on prevention.", "استضافت المدن القوية ورشة عمل في سورابايا حول الوقاية."),
     ("The mayors of twelve towns attended the meeting.", "حضر رؤساء بلديات اثنتي عشرة مدينة الاجتماع."),
     ("Officials praised the work of Strong Cities in the region.", "أشاد المسؤولون بعمل المدن القوية في المنطقة.")],
    [("The network was founded by Strong Cities partners in 2015.", "أسس شركاء المدن القوية الشبكة في عام 2015."),
     ("Local leaders met with civil society groups in Amman.", "التقى القادة المحليون بمجموعات المجتمع المدني في عمان.")],
    [("Strong Cities published a new toolkit for mayors.", "نشرت المدن القوية مجموعة أدوات جديدة لرؤساء البلديات."),
     ("Civil society groups joined the toolkit launch.", "انضمت مجموعات المجتمع المدني إلى إطلاق مجموعة الأدوات.")],
    [("Strong Cities trained young people in Nairobi.", "دربت المدن الحصينة الشباب في نيروبي."),
     ("The training lasted five days.", "استمر التدريب خمسة أيام.")],
    [("Strong Cities met civil society leaders in Beirut.", "التقت المدن القوية بقادة المجتمع المدني في بيروت."),
     ("The meeting ended with a joint statement.", "انتهى الاجتماع ببيان مشترك.")],
]


def write_page(root: Path, k: int, page) -> None:
    (root / f"page-{k}.en.txt").write_text("\n\n".join(en for en, _ in page) + "\n", encoding="utf-8")
    (root / f"page-{k}.ar.txt").write_text("\n\n".join(ar for _, ar in page) + "\n", encoding="utf-8")


def export(root: Path, pages=PAGES) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for k, page in enumerate(pages):
        write_page(root, k, page)
    return root


def warm_learning(root: Path, state: Path) -> tuple[tuple[terms.LearnedTerm, ...], list, int, int]:
    """(learned terms, pages, contributions read back, contributions made) of a run over ``state``."""
    res = Resources()
    pairs, _ = collect_pairs([root], SETTINGS)

    def review_many(misses):
        return (review_page(p, SETTINGS, res) for p in misses)

    with IncrementalStore(state) as store:
        pages = list(iter_reviews_incrementally(pairs, SETTINGS, res, store, review_many))
        cache = store.term_cache()
        learned = terms.learn_terms(pages, None, cache)
        return learned, pages, cache.read, cache.made


def reports(root: Path, out: Path, state: Path | None) -> dict[str, bytes]:
    options = RunOptions(out=str(out), formats=("json", "md", "html"), fail_on="none",
                         state=str(state) if state else None)
    run_review([root], SETTINGS, options, resources=Resources())
    return {n: (out / n).read_bytes() for n in ("report.json", "report.md", "report.html")}


def test_warm_run_learns_flags_and_writes_what_a_cold_run_does(tmp_path: Path) -> None:
    root = export(tmp_path / "x")
    state = tmp_path / "state.sqlite"
    first, pages, read, made = warm_learning(root, state)
    assert (read, made) == (0, len(PAGES))
    assert first == terms.learn_terms(pages)
    again, pages, read, made = warm_learning(root, state)
    assert (read, made) == (len(PAGES), 0)  # nothing read again
    assert again == first
    strong = {t.en: t for t in again}["Strong Cities"]
    assert (strong.ar, strong.pairs, strong.others) == ("المدن القوية", 6, (("المدن الحصينة", 1),))

    before = reports(root, tmp_path / "warm", state)  # fills the state
    # page-4 no longer names Strong Cities: page-3's finding (unchanged page) must say 4 of 5 pairs now
    write_page(root, 4, [("The mayors met civil society leaders in Beirut.", "التقى رؤساء البلديات بقادة المجتمع المدني في بيروت."),
                         PAGES[4][1]])
    warm = reports(root, tmp_path / "warm", state)
    cold = reports(root, tmp_path / "cold", None)
    assert warm == cold
    assert "in 4 of 5 aligned pairs" in warm["report.json"].decode() and warm != before
    assert review_paths([root], SETTINGS, RunOptions(state=str(state))).pages == review_paths([root], SETTINGS).pages


def test_a_changed_page_changes_its_contribution(tmp_path: Path) -> None:
    root = export(tmp_path / "x")
    state = tmp_path / "state.sqlite"
    warm_learning(root, state)
    fixed = [("Strong Cities trained young people in Nairobi.", "دربت المدن القوية الشباب في نيروبي."), PAGES[3][1]]
    write_page(root, 3, fixed)
    learned, pages, read, made = warm_learning(root, state)
    assert (read, made) == (len(PAGES) - 1, 1)  # only the edited page is read again
    assert learned == terms.learn_terms(pages)
    strong = {t.en: t for t in learned}["Strong Cities"]
    assert (strong.dominant, strong.pairs, strong.others) == (6, 6, ())  # its rendering now counts as dominant
    assert terms.page_terms(pages[3]) != terms.page_terms(review_paths([export(tmp_path / "y")], SETTINGS).pages[3])


def test_a_deleted_page_leaves_the_table(tmp_path: Path) -> None:
    root = export(tmp_path / "x")
    state = tmp_path / "state.sqlite"
    reports(root, tmp_path / "out", state)
    for side in ("en", "ar"):
        (root / f"page-3.{side}.txt").unlink()
    learned, pages, read, made = warm_learning(root, state)
    assert (read, made) == (len(PAGES) - 1, 0)
    assert learned == terms.learn_terms(pages)
    strong = {t.en: t for t in learned}["Strong Cities"]
    assert (strong.pairs, strong.pages, strong.others) == (5, 4, ())  # page-3's pair and its rendering are gone
    assert reports(root, tmp_path / "warm", state) == reports(root, tmp_path / "cold", None)
    rows = sqlite3.connect(state).execute("SELECT src FROM page_terms WHERE src != ''").fetchall()  # not the choices
    assert len(rows) == len(PAGES) - 1 and not any("page-3" in src for (src,) in rows)  # its row was dropped


def test_learning_from_contributions_is_learning_from_pages(tmp_path: Path) -> None:
    """The merge of per-page contributions read back from pickles is the cold table, whatever the pages."""
    rng = random.Random(7)
    pairs = [pair for page in PAGES for pair in page]
    for trial in range(3):
        pages = [[rng.choice(pairs) for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(3, 8))]
        run = review_paths([export(tmp_path / f"r{trial}", pages)], SETTINGS)
        import pickle

        parts = [pickle.loads(pickle.dumps(terms.page_terms(p))) for p in run.pages]
        assert terms.learn_from(parts) == terms.learn_terms(run.pages)


@pytest.mark.parametrize("seed", range(5))
def test_closest_rendering_pruning_keeps_the_brute_force_choice(seed: int) -> None:
    import difflib

    rng = random.Random(seed)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    word = lambda: "".join(rng.choice(letters) for _ in range(rng.randint(2, 7)))  # noqa: E731
    for _ in range(50):
        dominant = " ".join(word() for _ in range(rng.randint(1, 3)))
        grams = [(" ".join(word() for _ in range(rng.randint(1, 4))), k) for k in range(rng.randint(0, 30))]
        grams += [(dominant[: rng.randint(1, len(dominant))] + word(), "near")]
        best = None
        for g, payload in grams:  # the plain rule: best (ratio, length), the first of equals
            if abs(len(g.split()) - len(dominant.split())) > 1:
                continue
            r = difflib.SequenceMatcher(None, dominant, g, autojunk=False).ratio()
            if r >= 0.5 and (best is None or (r, len(g)) > best[0]):
                best = ((r, len(g)), (g, payload))
        assert terms._closest_of(dominant, grams) == (best[1] if best else None)


def test_dictd_definitions_are_decoded_on_first_use(tmp_path: Path, monkeypatch) -> None:
    """The lexicon reads the index whole and a headword's bodies when asked: same mapping as reading all."""
    import gzip

    from mt_review import lexicon

    from tests.dictd_fixtures import dictd_parts

    # House and HOUSE are one headword given three times, apart (an index need not keep them together)
    bodies = [("00databaseinfo", "about\n"), ("House", "house\n/haʊs/ بيت، منزل\n"),
              ("Tree", "tree /triː/\nشجرة\n"), ("house", "house\nدار\n"), ("HOUSE", "house\nمسكن\n")]
    data, index = dictd_parts(bodies)
    (tmp_path / "t.dict.dz").write_bytes(gzip.compress(data))
    monkeypatch.setattr(lexicon, "DICTD_DIR", tmp_path)
    for newline in ("\n", "\r\n"):
        (tmp_path / "t.index").write_bytes((newline.join(index) + newline).encode("utf-8"))
        got = lexicon._read_dictd("t")
        assert got is not None and list(got) == ["house", "tree"]
        assert got["house"] == ["بيت، منزل", "دار", "مسكن"] and got.get("tree") == ["شجرة"] and got.get("car") is None
        assert dict(got.rekeyed(lambda k: "one")) == {"one": ["شجرة"]}  # of two headwords with one key, the last
