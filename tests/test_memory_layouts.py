"""Compact layouts made for memory (issue 15) give the same values as the straightforward ones."""

from __future__ import annotations

import pickle
from array import array
import platform
import random
import sys

import pytest

from mt_review import coverage
from mt_review.ingest.xliff import Attr, ElementSpan
from mt_review.langid import EN_FUNCTION_WORDS
from mt_review.translit import latin_skeletons

WORDS = ["Paris", "river", "Mountains", "village", "Teacher", "garden", "the", "of", "market", "Letters",
         "window", "bridge", "Khan", "Obama", "IIJ", "GtkAdjustment", "cities", "council", "a", "met"]


def _plain_source(english: str) -> coverage.Source:
    """:func:`coverage.source` as it was written before its word entries were shared (each its own)."""
    words = []
    for word in set(coverage.EN_WORD.findall(english)):
        low = word.lower()
        if low in EN_FUNCTION_WORDS or len(low) < 3:
            continue
        names = latin_skeletons(word) if word[0].isupper() else frozenset()
        plain = coverage.renderings(low)
        stems = {coverage.snowball_stem(t) for t in coverage._rendering_words(low)} - {""}
        if coverage._is_verb(low):  # an imperative rendering's perfect and imperfect (session 15)
            stems |= {f for t in coverage._rendering_words(low) for f in coverage.imperative_forms(t)}
        words.append((plain | frozenset(coverage.light_stem(f) for f in plain) | stems,
                      frozenset(k for k in names if len(k) >= 2)))
    return coverage.Source(frozenset(coverage._NUMBER.findall(english)),
                           frozenset(t.lower() for t in coverage._LATIN.findall(english)), tuple(words))


def test_source_with_shared_word_entries_equals_the_plain_build():
    """The cached sources share one (renderings, skeletons) entry per word: equal to a build of their own."""
    rng = random.Random(15)
    for _ in range(200):
        english = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12))) + f" {rng.randint(0, 99)}."
        assert coverage.source(english) == _plain_source(english)


def test_source_entries_are_shared_between_texts():
    """Two texts with one word hold the same entry object for it (the point of the change)."""
    a, b = coverage.source("The river Paris flows"), coverage.source("A river in Paris again")
    assert {id(w) for w in a.words} & {id(w) for w in b.words}


def test_xliff_spans_pickle_back_equal_and_read_the_old_list_state():
    """ElementSpan and Attr pickle by their slots; a state saved as the dataclass default (a list of
    the fields in order) still loads."""
    attr = Attr("id", "u1", 3, 5, '"')
    span = ElementSpan("xlf:unit", "unit", 0, 10, 8, 20, 30, (attr,), (ElementSpan("source", "source", 11, 19, 18, 19, 19),))
    assert pickle.loads(pickle.dumps(span, protocol=5)) == span
    old = object.__new__(ElementSpan)
    old.__setstate__(["q", "l", 1, 2, 3, 4, 5, (), ()])
    assert old == ElementSpan("q", "l", 1, 2, 3, 4, 5)


_FREED_BLOCK = """
import sys
from mt_review.cli import _large_blocks_back_to_os

_large_blocks_back_to_os()
a = b"x" * (8 << 20)
del a  # an mmapped block freed: by default glibc now cuts blocks up to 8 MB from its heap
b = b"x" * (8 << 20)
pin = b"y" * 4000  # a later small block above it keeps the heap's top in place
del b
with open("/proc/self/statm") as f:
    print(int(f.read().split()[1]))
"""


def _pages_after_free(env_extra: dict[str, str]) -> int:
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "MALLOC_MMAP_THRESHOLD_"}
    out = subprocess.run([sys.executable, "-c", _FREED_BLOCK], env={**env, **env_extra},
                         capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_a_freed_large_block_goes_back_to_the_system():
    """With the CLI's allocator setting a freed 8 MB block leaves the process; with glibc's default
    (its threshold raised by the first free) it stays resident."""
    fixed = _pages_after_free({})
    default = _pages_after_free({"MT_REVIEW_MALLOC": "default"})
    assert default - fixed > (6 << 20) // 4096


def _co_occurring_plain(keys, n_en, n_ar):
    """Every co-occurring word pair counted in a dict keyed by (english, arabic), as it was written."""
    n_both: dict[tuple[str, str], int] = {}
    for en_words, ar_words in keys:
        for e in en_words:
            for a in ar_words:
                n_both[(e, a)] = n_both.get((e, a), 0) + 1
    return {(e, a, n) for (e, a), n in n_both.items() if n >= coverage.ANCHOR_MIN_PAIRS}


def test_co_occurrence_counted_per_word_equals_the_pair_dict():
    """The int-keyed count gives the tuple-keyed pair dict's counts (of pairs seen together twice
    or more) on random pages with frequent, rare and absent words on either side."""
    rng = random.Random(1015)
    en_vocab = [f"w{i}" for i in range(60)]
    ar_vocab = [f"ك{i}" for i in range(90)]
    for _ in range(40):
        keys = []
        for _ in range(rng.randint(1, 60)):
            en = tuple(dict.fromkeys(rng.choice(en_vocab[: rng.randint(1, 60)]) for _ in range(rng.randint(0, 8))))
            ar = tuple(dict.fromkeys(rng.choice(ar_vocab[: rng.randint(1, 90)]) for _ in range(rng.randint(0, 12))))
            keys.append((en, ar))
        n_en: dict[str, int] = {}
        n_ar: dict[str, int] = {}
        for en, ar in keys:
            for e in en:
                n_en[e] = n_en.get(e, 0) + 1
            for a in ar:
                n_ar[a] = n_ar.get(a, 0) + 1
        got = list(coverage._co_occurring(keys, n_en, n_ar))
        assert len(got) == len(set(got))
        assert set(got) == _co_occurring_plain(keys, n_en, n_ar)


def _random_span(rng: random.Random, depth: int) -> ElementSpan:
    nums = sorted(rng.randrange(0, 1 << 40) for _ in range(5))  # offsets past 2**31 too
    attrs = tuple(Attr(rng.choice(["id", "state", "xml:lang", "from"]), rng.choice(["u1", "translated", "", "é ش"]),
                       rng.randrange(1 << 33), rng.randrange(1 << 33), rng.choice(["'", '"']))
                  for _ in range(rng.randint(0, 3)))
    kids = tuple(_random_span(rng, depth - 1) for _ in range(rng.randint(0, 3))) if depth > 0 else ()
    name = rng.choice(["trans-unit", "xlf:target", "source", "note", "mrk"])
    return ElementSpan(name, name.rsplit(":", 1)[-1], *nums, attrs, kids)


def test_packed_xliff_layout_gives_back_the_spans_it_was_given():
    """The packed layout (offsets in one array, strings in one tuple) makes the very spans the reader built:
    every unit, by key, after a pickle round trip, and from a state pickled before the packing."""
    from mt_review.ingest.xliff import XliffLayout

    rng = random.Random(1015)
    for _ in range(60):
        units = tuple((f"u{k}", _random_span(rng, rng.randint(0, 3))) for k in range(rng.randint(0, 12)))
        layout = XliffLayout("1", "ar", None, "d" * 64, units)
        assert layout.units == units
        for uid, span in units:
            assert layout.unit(uid) == span
        assert layout.unit("missing") is None
        back = pickle.loads(pickle.dumps(layout, protocol=5))
        assert back == layout and back.units == units
        old = object.__new__(XliffLayout)  # as a state file kept it: the spans themselves in "units"
        old.__setstate__({"major": "1", "target_lang": "ar", "declared_encoding": None, "digest": "d" * 64,
                          "units": units})
        assert old == layout


def test_packed_xliff_layout_of_a_read_file_equals_the_reader_spans(tmp_path):
    """On a real file (1.2 and 2.x, inline codes, notes): the layout's spans are the reader's own."""
    from mt_review.ingest.xliff import parse_xliff

    v12 = ('<?xml version="1.0" encoding="utf-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
           '<file original="a" source-language="en" target-language="ar"><body>'
           '<trans-unit id="1" resname="title"><source>Hello <g id="b">you</g></source>'
           '<target state="translated">مرحبا <g id="b">أنت</g></target><note from="x">n</note></trans-unit>'
           "<trans-unit id='2'><source>Two</source></trans-unit></body></file></xliff>")
    v2 = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar">'
          '<file id="f"><unit id="u1" name="t"><notes><note category="c">x</note></notes>'
          '<segment state="final"><source>One.</source><target>واحد.</target></segment>'
          '<ignorable><source> </source></ignorable><segment><source>Two <ph id="1"/></source></segment>'
          "</unit></file></xliff>")
    for text in (v12, v2):
        doc = parse_xliff(text, tmp_path / "x.xliff")
        assert doc.layout is not None
        assert doc.layout.units == tuple((u.unit_id, u.span) for u in doc.units)
        assert all(doc.layout.unit(u.unit_id) == u.span for u in doc.units)


def test_packed_xliff_offsets_are_kept_little_endian_on_any_machine(monkeypatch):
    """A state file may move between machines: the packed offsets are stored little-endian, and a
    big-endian machine (simulated) packs the same bytes and reads the same spans back."""
    import types

    from mt_review.ingest import xliff

    rng = random.Random(4)
    units = tuple((f"u{k}", _random_span(rng, 2)) for k in range(6))
    here = xliff.XliffLayout("1", "ar", None, "d" * 64, units)
    offsets = array("q", here.packed)
    if sys.byteorder == "big":
        offsets.byteswap()
    assert offsets[0] == 2 * len(units)  # the first unit's spans start just after the heads, read as little-endian
    monkeypatch.setattr(xliff, "sys", types.SimpleNamespace(byteorder="big" if sys.byteorder == "little" else "little"))
    there = xliff.XliffLayout("1", "ar", None, "d" * 64, units)
    assert there.packed != here.packed or not any(offsets)  # the other order swaps before storing...
    assert there.units == units  # ...and swaps back when reading
