"""The FreeDict index packed in the cache folder: the same lookups as a fresh parse, refreshed when
the dictionary changes, ignored when damaged or packed by other rules."""

from __future__ import annotations

import gzip
import types
import marshal
from pathlib import Path

import pytest

from mt_review import lexicon
from tests.dictd_fixtures import dictd_parts


def write_dict(folder: Path, name: str, bodies: list[tuple[str, str]]) -> None:
    data, index = dictd_parts(bodies)
    (folder / f"{name}.dict.dz").write_bytes(gzip.compress(data))
    (folder / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")


BODIES = [("00databaseinfo", "about\n"), ("House", "house\n/haʊs/ بيت، منزل\n"), ("Tree", "tree /triː/\nشجرة\n"),
          ("house", "house\nدار\n"), ("zebra", "zebra\nحمار وحشي\n"), ("HOUSE", "house\nمسكن\n"),
          ("أَسَد", "أسد\nlion\n"), ("أسد", "أسد\n1. lion\n")]


@pytest.fixture
def dictd(tmp_path, monkeypatch):
    folder, cache = tmp_path / "dictd", tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(lexicon, "DICTD_DIR", folder)
    monkeypatch.setenv("MT_REVIEW_CACHE_DIR", str(cache))
    return folder, cache


def as_dict(got) -> dict:
    return {k: got[k] for k in got}


def test_packed_index_reads_back_what_the_parse_gave(dictd, monkeypatch):
    folder, cache = dictd
    write_dict(folder, "t", BODIES)
    fresh = lexicon._read_dictd("t")
    plain = lexicon._read_dictd("t", plain_keys=True)
    assert fresh is not None and plain is not None
    assert list(fresh) == ["house", "tree", "zebra", "أَسَد", "أسد"]  # first-seen order, as the dict held them
    assert fresh["house"] == ["بيت، منزل", "دار", "مسكن"] and fresh.get("car") is None and "car" not in fresh
    assert list(plain) == ["house", "tree", "zebra", "أسد"] and plain["أسد"] == ["1. lion"]  # the last headword's
    assert len(list(cache.glob("dictd-t-[0-9a-f]*.bin"))) == 1 and len(list(cache.glob("dictd-t-plain-*.bin"))) == 1

    def no_parse(*a, **k):
        raise AssertionError("parsed again")

    # the data is decompressed only to parse (the kept file holds it decompressed)
    monkeypatch.setattr(lexicon, "gzip", types.SimpleNamespace(decompress=no_parse, BadGzipFile=OSError))
    again, again_plain = lexicon._read_dictd("t"), lexicon._read_dictd("t", plain_keys=True)
    assert again is not None and again_plain is not None
    assert list(again) == list(fresh) and as_dict(again) == as_dict(fresh) and len(again) == len(fresh)
    assert as_dict(again_plain) == as_dict(plain)
    for missing in ("", "hous", "housee", "zzz", "\u0000"):
        assert missing not in again and again.get(missing) is None
    odd = again.rekeyed(lambda k: k + "\n")  # a key holding the separator: looked up the slow way, alike
    assert odd["house\n"] == fresh["house"] and "house" not in odd and list(odd) == [k + "\n" for k in fresh]


def test_a_changed_dictionary_is_parsed_again_and_its_old_pack_dropped(dictd):
    folder, cache = dictd
    write_dict(folder, "t", BODIES)
    assert lexicon._read_dictd("t")["tree"] == ["شجرة"]
    lexicon._read_dictd("t", plain_keys=True)
    write_dict(folder, "t", [(h, b.replace("شجرة", "شجر")) for h, b in BODIES])
    assert lexicon._read_dictd("t")["tree"] == ["شجر"]
    assert len(list(cache.glob("dictd-t-[0-9a-f]*.bin"))) == 1  # the new pack only; the plain-keyed one kept
    assert len(list(cache.glob("dictd-t-plain-*.bin"))) == 1


def test_a_pack_of_other_rules_or_a_damaged_one_is_not_used(dictd, monkeypatch):
    folder, cache = dictd
    write_dict(folder, "t", BODIES)
    want = as_dict(lexicon._read_dictd("t"))
    (packed,) = cache.glob("dictd-t-[0-9a-f]*.bin")
    good = packed.read_bytes()
    packed.write_bytes(good[:-7])  # truncated
    assert as_dict(lexicon._read_dictd("t")) == want
    # a file kept for other sources or rules, under this one's name: its own digest does not match
    wrong = lexicon._kept_path("dictd-t", "0" * 64)
    wrong.write_bytes(good)
    assert lexicon._Definitions.unpack(wrong, "0" * 64) is None
    assert lexicon._Definitions.unpack(packed, packed.name[len("dictd-t-"):-4]) is None  # a name, not the digest
    # other rules (another layout): not read, and the new file replaces the old
    monkeypatch.setattr(lexicon, "_PACKED_FORMAT", "another version")
    other = lexicon._read_dictd("t")
    assert other is not None and as_dict(other) == want
    assert [p.name for p in cache.glob("dictd-t-[0-9a-f]*.bin")] != [packed.name]


def test_no_cache_folder_still_reads(dictd, monkeypatch):
    folder, cache = dictd
    write_dict(folder, "t", BODIES)
    cache.write_text("a file where the folder should be")
    got = lexicon._read_dictd("t")
    assert got is not None and got["zebra"] == ["حمار وحشي"]


@pytest.mark.skipif(not (lexicon.DICTD_DIR / "freedict-eng-ara.index").is_file(), reason="FreeDict not installed")
def test_real_freedict_packed_equals_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("MT_REVIEW_CACHE_DIR", str(tmp_path))
    for name, plain_keys in (("freedict-eng-ara", False), ("freedict-ara-eng", True)):
        parsed = lexicon._read_dictd(name, plain_keys=plain_keys)
        packed = lexicon._read_dictd(name, plain_keys=plain_keys)
        assert parsed is not None and packed is not None and parsed is not packed
        keys = list(parsed)
        assert keys == list(packed) and len(keys) == len(packed) > 10_000
        for key in keys[::7]:
            assert packed[key] == parsed[key]


def test_word_sets_kept_equal_built_and_follow_the_word_list(tmp_path, monkeypatch):
    words = tmp_path / "words"
    words.write_text("apple\napple's\nAdam\nEgypt\negypt\nbook\nIBM\nO'Neil\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "WORDS_FILE", words)
    monkeypatch.setenv("MT_REVIEW_CACHE_DIR", str(tmp_path / "cache"))

    def fresh():
        lexicon.english_words.cache_clear()
        lexicon.proper_names.cache_clear()
        return lexicon.english_words(), lexicon.proper_names()

    try:
        built = fresh()
        assert built == (frozenset({"apple", "egypt", "book"}), frozenset({"adam", "ibm"}))
        assert len(list((tmp_path / "cache").glob("words-*.bin"))) == 2
        for kept in (tmp_path / "cache").glob("words-*.bin"):  # marked, to see that they are what is read
            fmt, digest, value = marshal.loads(kept.read_bytes())
            kept.write_bytes(marshal.dumps((fmt, digest, value | {"marked"})))
        assert fresh() == (built[0] | {"marked"}, built[1] | {"marked"})
        words.write_text("apple\nAdam\nNoah\n", encoding="utf-8")  # the list changed: built again
        assert fresh() == (frozenset({"apple"}), frozenset({"adam", "noah"}))
        assert len(list((tmp_path / "cache").glob("words-*.bin"))) == 2  # the old ones replaced
        for kept in (tmp_path / "cache").glob("words-*.bin"):
            kept.write_bytes(b"\x00damaged")
        assert fresh() == (frozenset({"apple"}), frozenset({"adam", "noah"}))
    finally:
        lexicon.english_words.cache_clear()
        lexicon.proper_names.cache_clear()


def test_the_code_digest_follows_the_code_and_not_the_process():
    import os
    import subprocess
    import sys

    def a(word):
        return word in {"x", "y"} and word.lower()

    def b(word):
        return word in {"x", "z"} and word.lower()

    assert lexicon._rules(a) != lexicon._rules(b) and lexicon._rules(a) == lexicon._rules(a)
    code = ("from mt_review import lexicon as L; "
            "print(L._rules(L._read_dictd, L._Definitions.parse, L._common_words_of, L._proper_names_of).hex())")
    here = lexicon._rules(lexicon._read_dictd, lexicon._Definitions.parse, lexicon._common_words_of,
                          lexicon._proper_names_of).hex()
    for seed, first in (("1", ""), ("2", "import mt_review.pipeline; ")):
        out = subprocess.run([sys.executable, "-c", first + code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed,
                                  "PYTHONPATH": str(Path(lexicon.__file__).resolve().parents[1])})
        assert out.stdout.strip() == here


def _definitions(keys: list[str]) -> lexicon._Definitions:
    """An index over ``keys`` (each defined once, as ``<key> means <n>``), built as a parse builds it."""
    data, where = b"", {}
    for n, k in enumerate(keys):
        body = f"head\n{k} means {n}\n".encode()
        where[k] = [(len(data), len(body))]
        data += body
    return lexicon._Definitions._of(data, where)


def test_lookups_between_sampled_keys_find_every_key_and_no_other():
    # more keys than a few samples, keys with a newline or sharing prefixes, sorted or not as given
    keys = [f"w{n:03d}" for n in range(0, 300, 3)] + ["a", "ab", "abc", "b\nc", "zz", "أسد", "أسود", "بيت"]
    index = _definitions(keys[::-1])
    assert len(index) > 4 * lexicon._SAMPLE
    for n, k in enumerate(keys[::-1]):
        assert k in index and index[k] == [f"{k} means {n}"]
    absent = ["", "0", "a0", "aa", "abcd", "b", "b\n", "w000a", "w001", "w299", "w300", "z", "zzz", "أ", "ي"]
    for k in absent:
        assert k not in index and index.get(k) is None
    assert list(index) == keys[::-1]


def test_decoded_definitions_are_kept_for_a_bounded_number_of_headwords(monkeypatch):
    monkeypatch.setattr(lexicon, "_DONE_MAX", 5)
    keys = [f"k{n:02d}" for n in range(40)]
    index = _definitions(keys)
    for _ in range(2):
        for n, k in enumerate(keys):
            assert index[k] == [f"{k} means {n}"]
            assert len(index._done) <= 5
