"""The benchmark's shared defect injection (benchmarks/defects.py), on hand-written pairs."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import defects  # noqa: E402

PAIRS = [
    ("Moses said to his people: do not fear.", "قال موسى لقومه لا تخافوا.", "quran:1:1"),
    ("And Moses came with clear proofs.", "وجاء موسى بالبينات.", "quran:1:2"),
    ("Moses was patient with them.", "وكان موسى صابرا معهم.", "quran:1:3"),
    ("Aaron was patient in the land.", "وكان هارون صابرا في الأرض.", "quran:1:4"),
    ("Aaron gathered his people.", "وجمع هارون قومه.", "quran:1:5"),
    ("Aaron spoke the truth.", "وصدق هارون بالقول.", "quran:1:6"),
    ("Open the file with GTK and press Enter.", "افتح الملف باستخدام GTK واضغط إدخال.", "gtk30.mo:x:y"),
    ("They will write the report every day, and they will send it.",
     "سيكتبون التقرير كل يوم، ويرسلونه إلى المدير.", "udhr:1:0"),
] * 2


def test_split_is_stable_and_disjoint():
    tune, held = defects.split_halves(PAIRS[:8])
    assert not set(tune) & set(held) and len(tune) + len(held) == 8
    # a pair's half does not depend on which other pairs are sampled
    tune2, held2 = defects.split_halves(PAIRS[:5])
    assert set(tune2) <= set(tune) and set(held2) <= set(held)


def test_name_lexicon_pairs_names_by_cooccurrence():
    lex = defects.name_lexicon(PAIRS[:6], min_count=3)
    assert lex.get("Moses") == "موسى" and lex.get("Aaron") == "هارون"


def test_entity_drops_or_replaces_a_name_of_the_source():
    inj = defects.Injector(PAIRS[:6])
    seen = set()
    for seed in range(20):
        en, ar = inj.entity(*PAIRS[0], random.Random(seed))
        assert en == PAIRS[0][0] and "موسى" not in ar
        seen.add("هارون" in ar)
    assert seen == {True, False}  # both dropped and replaced
    en, ar = inj.entity(*PAIRS[6], random.Random(0))
    assert "GTK" not in ar


def test_negation_changes_polarity_on_one_side_only():
    inj = defects.Injector(PAIRS)
    for seed in range(20):
        en, ar = inj.negation(*PAIRS[0], random.Random(seed))
        assert (en, ar) != PAIRS[0][:2]
        assert en == PAIRS[0][0] or ar == PAIRS[0][1]
    en, ar = inj.negation(*PAIRS[7], random.Random(1))
    assert "not" in en or "لا" in ar


def test_omission_removes_a_clause_and_build_labels_half():
    inj = defects.Injector(PAIRS)
    en, ar = inj.omission(*PAIRS[7], random.Random(0))
    assert len(ar.split()) < len(PAIRS[7][1].split()) and en == PAIRS[7][0]
    items = defects.build_items(PAIRS, seed=0)
    assert sum(it.label is None for it in items) == len(PAIRS) // 2
    en, ar, label = items[1]  # unpacks like the old tuples
    assert label in defects.FAMILIES


@pytest.mark.parametrize("family", defects.FAMILIES)
def test_every_family_changes_the_pair(family):
    inj = defects.Injector(PAIRS)
    out = inj.inject(family, *PAIRS[7], random.Random(3)) or inj.inject(family, *PAIRS[0], random.Random(3))
    assert out is not None and out not in (PAIRS[7][:2], PAIRS[0][:2])
