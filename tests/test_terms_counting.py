"""Learned terms counted a chunk at a time (``terms.TermCounts``), and only the pages that can gain a
learned-term finding read to flag them (``terms.pages_to_flag``): the same table and pages as before."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mt_review import terms
from mt_review.config import ReviewSettings
from mt_review.fingerprint import with_fingerprints
from mt_review.glossary import load_glossary
from mt_review.pipeline import review_paths

from test_terms_incremental import PAGES, export

SETTINGS = ReviewSettings(embedder="none")
SENTENCES = [pair for page in PAGES for pair in page]


def random_run(tmp_path: Path, seed: int) -> list:
    """The reviews of a random export made of the fixture's sentence pairs (some pages share terms)."""
    rng = random.Random(seed)
    pages = [[rng.choice(SENTENCES) for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(4, 9))]
    return list(review_paths([export(tmp_path / f"r{seed}", pages)], SETTINGS).pages)


def gaining(pages: list, learned) -> set[int]:
    """The pages ``apply_learned_terms`` adds findings to (every page read and checked)."""
    return {i for i, (a, b) in enumerate(zip(pages, terms.apply_learned_terms(pages, learned), strict=True)) if a is not b}


@pytest.mark.parametrize("seed", range(6))
def test_counting_in_chunks_learns_the_same_table(tmp_path: Path, seed: int) -> None:
    pages = random_run(tmp_path, seed)
    parts = [terms.page_terms(p) for p in pages]
    counts = terms.TermCounts()
    rng = random.Random(seed)
    k = 0
    while k < len(parts):  # chunks of random sizes, as worker processes hand them back
        step = rng.randint(1, 3)
        counts.extend(parts[k : k + step])
        k += step
    assert len(counts) == len(parts) and [counts[i] for i in range(len(parts))] == parts
    assert counts.learned() == terms.learn_from(parts) == terms.learn_terms(pages)


@pytest.mark.parametrize("seed", range(8))
def test_pages_left_unread_gain_nothing(tmp_path: Path, seed: int) -> None:
    """Every page that gains a finding is among ``pages_to_flag``, and the flagged run equals
    checking every page."""
    pages = random_run(tmp_path, seed)
    parts = [terms.page_terms(p) for p in pages]
    learned = terms.learn_from(parts)
    wanted = terms.pages_to_flag(parts, learned)
    assert gaining(pages, learned) <= set(wanted)
    every = [p if f is p else with_fingerprints(f) for p, f in zip(pages, terms.apply_learned_terms(pages, learned),
                                                                  strict=True)]
    assert terms.with_learned_terms(pages) == every


def test_only_pages_missing_a_dominant_rendering_are_read(tmp_path: Path) -> None:
    pages = list(review_paths([export(tmp_path / "x")], SETTINGS).pages)
    parts = [terms.page_terms(p) for p in pages]
    learned = terms.learn_from(parts)
    assert {t.en: t.ar for t in learned}["Strong Cities"] == "المدن القوية"
    # page-3 renders "Strong Cities" otherwise: the only page that can gain, and it does
    assert terms.pages_to_flag(parts, learned) == [3] == sorted(gaining(pages, learned))


def test_a_page_with_glossary_terms_is_always_read(tmp_path: Path) -> None:
    g = tmp_path / "g.csv"
    g.write_text("en,ar\nStrong Cities,المدن الحصينة\n", encoding="utf-8")
    pages = list(review_paths([export(tmp_path / "x")], ReviewSettings(embedder="none", glossary=str(g))).pages)
    parts = [terms.page_terms(p, load_glossary(g)) for p in pages]
    assert not any(p.whole for p in parts)  # every page names Strong Cities, left out for the glossary
    fake = terms.LearnedTerm(en="Strong Cities", ar="المدن القوية", is_name=True, pairs=6, pages=5, dominant=5)
    assert terms.pages_to_flag(parts, (fake,)) == list(range(len(pages)))


@pytest.mark.parametrize("seed", range(4))
def test_drop_nested_is_the_pairwise_rule(seed: int) -> None:
    """_drop_nested searches only the longer terms' part of one joined string: the same terms go
    as comparing every pair (a term inside a longer one with its rendering inside the longer's)."""

    from mt_review.terms import LearnedTerm, _drop_nested, normalise_ar

    rng = random.Random(seed)
    en_words = ["city", "cities", "strong", "Strong", "fund", "Straße", "STRASSE", "İzmir", "civil", "society", "a"]
    ar_words = ["المدن", "القوية", "صندوق", "المجتمع", "المدني", "شارع"]
    terms = [LearnedTerm(en=" ".join(rng.choice(en_words) for _ in range(rng.randint(1, 3))),
                         ar=" ".join(rng.choice(ar_words) for _ in range(rng.randint(1, 3))),
                         is_name=False, pairs=3, pages=2, dominant=3, others=())
             for _ in range(120)]
    # longer as written, not once case-folded: "Großbahn" is inside "grossbahn"
    terms += [LearnedTerm(en=en, ar="طريق", is_name=False, pairs=3, pages=2, dominant=3, others=())
              for en in ("Großbahn", "grossbahn")]

    def inside(i: int) -> bool:
        t = terms[i]
        words = [" ".join(normalise_ar(w) for w in u.ar.split()) for u in terms]
        return any(j != i and len(u.en) > len(t.en) and t.en.casefold() in u.en.casefold()
                   and normalise_ar(t.ar) in words[j] for j, u in enumerate(terms))

    kept = _drop_nested(terms)
    assert kept == [t for i, t in enumerate(terms) if not inside(i)]
    assert len(kept) < len(terms)
