"""Defect families: each damages the Arabic the way it says, or declines when the pair gives no place for it."""

from __future__ import annotations

import random

from mt_review import perturb as P

EN = "Do not delete the files in the XMPP folder before 2024."
AR = "لا تحذف الملفات في مجلد XMPP قبل 2024."
POOL = [(EN, AR), ("Open the Jabber account settings.", "افتح إعدادات حساب Jabber."),
        ("The printer is ready.", "الطابعة جاهزة.")]


def test_negation_removes_a_negator_and_inserts_one_where_there_is_none():
    en, ar = P.negation(EN, AR, random.Random(0), POOL)
    assert en == EN and "لا" not in ar.split() and "تحذف الملفات" in ar
    en2, ar2 = P.negation("The printer prints the page.", "تطبع الطابعة الصفحة.", random.Random(0), POOL)
    assert ar2 == "لا تطبع الطابعة الصفحة."
    # a noun phrase with no verb and no negator gives no natural place: the family declines
    assert P.negation("The printer.", "الطابعة.", random.Random(0), POOL) is None


def test_entity_drops_or_swaps_a_shared_latin_name():
    seen = set()
    for seed in range(8):
        en, ar = P.entity(EN, AR, random.Random(seed), POOL)
        assert en == EN and "XMPP" not in ar
        seen.add("Jabber" in ar)
    assert seen == {True, False}  # both the swap and the drop happen
    assert P.entity("The printer is ready.", "الطابعة جاهزة.", random.Random(0), POOL) is None


def test_labelled_is_deterministic_half_clean_and_falls_through_families():
    pairs = POOL * 6
    a = P.labelled(pairs, 3, ["negation", "entity", "truncation"])
    assert a == P.labelled(pairs, 3, ["negation", "entity", "truncation"])
    assert [lab is None for _, _, lab in a] == [i % 2 == 0 for i in range(len(pairs))]
    # "The printer is ready." takes neither negation (no verb) nor entity: it falls to truncation
    for (en, ar, lab), pair in zip(a, pairs):
        if lab is not None:
            assert ar != pair[1]
            if pair[0] == "The printer is ready.":
                assert lab == "truncation"
