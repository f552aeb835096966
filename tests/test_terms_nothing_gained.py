"""A page that gained nothing from the learned terms is not read again when the table changed only
in what cannot give it a finding (counts, other renderings): terms._nothing_gained_digest."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from mt_review import terms
from mt_review.config import ReviewSettings
from mt_review.pipeline import Resources, collect_pairs, review_page

SETTINGS = ReviewSettings(embedder="none")

SC, SC_OTHER = "المدن القوية", "المدن الحصينة"


def page(k: int, rendering: str) -> list[tuple[str, str]]:
    return [(f"Strong Cities hosted workshop number {k} on prevention.", f"استضافت {rendering} ورشة العمل رقم {k} حول الوقاية."),
            ("Local leaders met with civil society groups.", "التقى القادة المحليون بمجموعات المجتمع المدني.")]


def reviews(root: Path, pages: list[list[tuple[str, str]]]) -> list:
    root.mkdir(parents=True, exist_ok=True)
    for k, pg in enumerate(pages):
        (root / f"page-{k:02d}.en.txt").write_text("\n\n".join(en for en, _ in pg) + "\n", encoding="utf-8")
        (root / f"page-{k:02d}.ar.txt").write_text("\n\n".join(ar for _, ar in pg) + "\n", encoding="utf-8")
    pairs, _ = collect_pairs([root], SETTINGS)
    res = Resources()
    return [review_page(p, SETTINGS, res) for p in pairs]


class NamedCache:
    """A terms.TermCache in a dict, by page name (a page keeps its rows when others are added)."""

    def __init__(self, rows: dict):
        self.rows = rows
        self.names: list[str] = []

    def _k(self, index: int, what: str) -> tuple[str, str]:
        return self.names[index], what

    def contribution(self, index):
        return self.rows.get(self._k(index, "part"))

    def keep_contribution(self, index, value):
        self.rows[self._k(index, "part")] = value

    def closest(self, index):
        return self.rows.setdefault(self._k(index, "memo"), {})

    def keep_closest(self, index, memo):
        self.rows[self._k(index, "memo")] = memo

    def findings(self, index, digest):
        return self.rows.get(self._k(index, digest))

    def keep_findings(self, index, digest, value):
        self.rows[self._k(index, digest)] = value
        return value


class Watched(list):
    """Pages updated in place like a spool (mt_review.spool), noting which are read."""

    def __init__(self, pages):
        super().__init__(pages)
        self.read: set[int] = set()

    def __getitem__(self, i):
        self.read.add(i)
        return super().__getitem__(i)

    def replace(self, i, page):
        super().__setitem__(i, page)


def run(pages: list, rows: dict) -> tuple[list, set[int]]:
    cache = NamedCache(rows)
    cache.names = [p.pair.name for p in pages]
    watched = Watched(pages)
    read = watched.read
    out = terms.with_learned_terms(watched, None, None, cache)
    assert out is watched
    return [list.__getitem__(watched, i) for i in range(len(watched))], read


def gains(pages: list) -> list[bool]:
    cold = terms.with_learned_terms(pages)
    return [new is not old for new, old in zip(cold, pages, strict=True)]


def test_counts_moving_do_not_reread_pages_that_gained_nothing(tmp_path: Path) -> None:
    base = [page(k, SC) for k in range(4)] + [page(4, SC_OTHER)]
    first = reviews(tmp_path / "a", base)
    rows: dict = {}
    got, _ = run(first, rows)
    assert gains(first) == [False, False, False, False, True]
    assert got == list(terms.with_learned_terms(first))
    # one more page rendering the term as the site does: its counts move, its rendering does not
    more = reviews(tmp_path / "b", base + [page(5, SC)])
    got, read = run(more, rows)
    assert got == list(terms.with_learned_terms(more))  # the same pages, findings and fingerprints
    assert read == {4, 5}  # the page with a finding (its text holds the counts) and the new page


def test_a_new_dominant_rendering_rereads_every_page(tmp_path: Path) -> None:
    base = [page(k, SC) for k in range(4)] + [page(4, SC_OTHER)]
    rows: dict = {}
    run(reviews(tmp_path / "a", base), rows)
    # six more pages with the other rendering: it becomes the dominant one, pages 0-3 now break it
    flipped = reviews(tmp_path / "b", base + [page(k, SC_OTHER) for k in range(5, 11)])
    assert gains(flipped)[:4] == [True] * 4
    got, read = run(flipped, rows)
    assert got == list(terms.with_learned_terms(flipped))
    assert {0, 1, 2, 3} <= read


def test_tables_with_one_nothing_gained_digest_flag_the_same_pages(tmp_path: Path) -> None:
    """The rule itself: change a table's counts and other renderings at random, keep each term's key and
    rendering; every page gains a finding under both tables or under neither."""
    pages = reviews(tmp_path / "a", [page(k, SC if k % 3 else SC_OTHER) for k in range(7)])
    table = terms.learn_terms(pages)
    assert table
    rng = random.Random(7)
    by_key = terms._terms_by_key(table)
    for _ in range(20):
        moved = tuple(dataclasses.replace(t, pairs=rng.randint(1, 50), pages=rng.randint(1, 50),
                                          dominant=rng.randint(1, 50), is_name=rng.random() < 0.5,
                                          others=(("x", rng.randint(1, 9)),)) for t in table)
        moved_by_key = terms._terms_by_key(moved)
        for pg in pages:
            keys = terms.page_terms(pg).keys
            assert terms._nothing_gained_digest(keys, by_key) == terms._nothing_gained_digest(keys, moved_by_key)
            assert bool(terms.term_findings(pg, table)) == bool(terms.term_findings(pg, moved))
    renamed = tuple(dataclasses.replace(t, ar=t.ar + "ة") for t in table)
    keys = terms.page_terms(pages[0]).keys
    assert terms._nothing_gained_digest(keys, by_key) != terms._nothing_gained_digest(keys, terms._terms_by_key(renamed))
