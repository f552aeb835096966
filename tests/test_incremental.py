"""Incremental review: a re-run re-scores only the pages whose files changed."""

from __future__ import annotations

import dataclasses
import sqlite3
import warnings
from pathlib import Path

import pytest

from mt_review.config import ReviewSettings, RunOptions
from mt_review.incremental import IncrementalStore, keys_for, review_pairs_incrementally
from mt_review.model import (
    AlignedPair,
    Block,
    BlockKind,
    Finding,
    Page,
    PagePair,
    PageReview,
    Segment,
    SegmentReview,
    Severity,
)

CONFIG = ReviewSettings(embedder="none")


class Res:
    embedder = None
    translators: dict = {}
    glossary = None


class Counting:
    """A stand-in for ``pipeline.review_page`` that records which pages it was asked to review."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, pair: PagePair, config: ReviewSettings, res: object) -> PageReview:
        self.calls.append(pair.name)
        src, tgt = pair.source.blocks[0], pair.target.blocks[0]
        ap = AlignedPair((Segment(0, 0, len(src.text), src.text),), (Segment(0, 0, len(tgt.text), tgt.text),), 1.0)
        findings = ()
        if any(ch.isdigit() for ch in src.text) and not any(ch.isdigit() for ch in tgt.text):
            findings = (Finding("numbers", "accuracy/number", Severity.MAJOR, "number lost"),)
        seg = SegmentReview(ap, findings=findings)
        return PageReview(pair, (seg,), source_words=len(src.text.split()))


def read_pair(folder: Path, name: str) -> PagePair:
    """The pair as the real pairing code reads it when available, else a hand-made one."""
    en, ar = folder / f"{name}.en.txt", folder / f"{name}.ar.txt"
    try:
        from mt_review.pairing import pair_two

        return pair_two(en, ar)
    except ImportError:  # pragma: no cover - pairing not there yet
        src = Page(str(en), "en", name, (Block(BlockKind.PARAGRAPH, en.read_text(encoding="utf-8"), 0),))
        tgt = Page(str(ar), "ar", name, (Block(BlockKind.PARAGRAPH, ar.read_text(encoding="utf-8"), 0),))
        return PagePair(name, src, tgt)


def export(folder: Path, n: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        name = f"page{i:02d}"
        (folder / f"{name}.en.txt").write_text(f"Our network has {i + 10} member cities.\n", encoding="utf-8")
        (folder / f"{name}.ar.txt").write_text(f"تضم شبكتنا {i + 10} مدينة عضوا.\n", encoding="utf-8")
        names.append(name)
    return names


def test_hit_miss_and_changed_page(tmp_path: Path) -> None:
    names = export(tmp_path / "exp", 6)
    pairs = [read_pair(tmp_path / "exp", n) for n in names]
    fn = Counting()
    state = tmp_path / "state" / "reviews.sqlite"
    with IncrementalStore(state) as store:
        first = review_pairs_incrementally(pairs, CONFIG, Res(), store, fn)
        assert fn.calls == names and store.misses == 6 and store.hits == 0
        assert len(store) == 6
    # a new process: same files -> nothing re-reviewed, same reviews
    fn.calls.clear()
    with IncrementalStore(state) as store:
        again = review_pairs_incrementally(pairs, CONFIG, Res(), store, fn)
        assert fn.calls == [] and store.hits == 6
    assert again == first  # equal frozen dataclasses after the pickle round trip
    # an editor breaks page03's Arabic: only page03 is reviewed again; the report still covers all
    (tmp_path / "exp" / "page03.ar.txt").write_text("تضم شبكتنا مدنا كثيرة.\n", encoding="utf-8")
    pairs = [read_pair(tmp_path / "exp", n) for n in names]
    with IncrementalStore(state) as store:
        third = review_pairs_incrementally(pairs, CONFIG, Res(), store, fn)
        assert fn.calls == ["page03"] and store.hits == 5 and store.misses == 1
    assert [p.pair.name for p in third] == names
    assert third[3].findings and not first[3].findings
    assert third[:3] == first[:3] and third[4:] == first[4:]


def test_key_changes_with_settings_and_models_not_gate(tmp_path: Path) -> None:
    names = export(tmp_path, 2)
    pairs = [read_pair(tmp_path, n) for n in names]
    base = keys_for(pairs, CONFIG, Res())
    assert all(base) and len(set(base)) == 2
    assert keys_for(pairs, ReviewSettings(embedder="none"), Res()) == base  # the gate is not a setting at all
    assert keys_for(pairs, dataclasses.replace(CONFIG, disabled_checks=("numbers",)), Res()) != base

    class Info:
        engine, model_id, revision = "ctranslate2", "opus-mt-en-ar", "abc123"

    class Tr:
        info = Info()

    class WithModel(Res):
        translators = {"en-ar": Tr()}

    assert keys_for(pairs, CONFIG, WithModel()) != base
    # a file that cannot be hashed is never cached
    gone = PagePair("gone", Page(str(tmp_path / "nope.en"), "en", "x", ()), Page(str(tmp_path / "nope.ar"), "ar", "x", ()))
    assert keys_for([gone], CONFIG, Res()) == [None]


def test_corrupt_store_set_aside_and_rebuilt(tmp_path: Path) -> None:
    names = export(tmp_path / "exp", 3)
    pairs = [read_pair(tmp_path / "exp", n) for n in names]
    state = tmp_path / "reviews.sqlite"
    state.write_bytes(b"this is not an SQLite database, just junk" * 100)
    fn = Counting()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with IncrementalStore(state) as store:
            reviews = review_pairs_incrementally(pairs, CONFIG, Res(), store, fn)
            assert store.notices and "unusable" in store.notices[0]
    assert any("unusable" in str(w.message) for w in caught)
    assert len(reviews) == 3 and fn.calls == names
    assert list(tmp_path.glob("reviews.sqlite.corrupt-*"))  # kept for inspection
    with IncrementalStore(state) as store:  # the rebuilt store works
        review_pairs_incrementally(pairs, CONFIG, Res(), store, fn)
        assert store.hits == 3


def _filled_store(tmp_path: Path, n: int):
    """An export of ``n`` pages reviewed once into a fresh state file: (names, pairs, state, review_fn)."""
    names = export(tmp_path / "exp", n)
    pairs = [read_pair(tmp_path / "exp", name) for name in names]
    state = tmp_path / "reviews.sqlite"
    fn = Counting()
    with IncrementalStore(state) as store:
        review_pairs_incrementally(pairs, CONFIG, Res(), store, fn)
    return names, pairs, state, fn


def test_undecodable_row_is_a_miss(tmp_path: Path) -> None:
    names, pairs, state, fn = _filled_store(tmp_path, 2)
    conn = sqlite3.connect(state)
    with conn:
        conn.execute("UPDATE page_reviews SET data=? WHERE page=?", (b"\x80\x05garbage", "page01"))
    conn.close()
    fn.calls.clear()
    with IncrementalStore(state) as store:
        out = review_pairs_incrementally(pairs, CONFIG, Res(), store, fn)
        assert fn.calls == ["page01"] and store.hits == 1
    assert [p.pair.name for p in out] == names


def test_real_pipeline_if_available(tmp_path: Path) -> None:
    pipeline = pytest.importorskip("mt_review.pipeline", exc_type=ImportError)
    names = export(tmp_path / "exp", 3)
    pairs = [read_pair(tmp_path / "exp", n) for n in names]
    res = pipeline.Resources()
    state = tmp_path / "reviews.sqlite"
    with IncrementalStore(state) as store:
        first = review_pairs_incrementally(pairs, CONFIG, res, store, pipeline.review_page)
    calls: list[str] = []

    def spy(pair, config, r):
        calls.append(pair.name)
        return pipeline.review_page(pair, config, r)

    (tmp_path / "exp" / "page01.ar.txt").write_text("تضم شبكتنا مدنا كثيرة.\n", encoding="utf-8")
    pairs = [read_pair(tmp_path / "exp", n) for n in names]
    with IncrementalStore(state) as store:
        second = review_pairs_incrementally(pairs, CONFIG, res, store, spy)
    assert calls == ["page01"]
    assert second[0] == first[0] and second[2] == first[2]
    assert second[1] == pipeline.review_page(pairs[1], CONFIG, res)


def test_review_paths_incrementally_matches_full_review(tmp_path: Path) -> None:
    pipeline = pytest.importorskip("mt_review.pipeline", exc_type=ImportError)
    export(tmp_path / "exp", 4)
    res = pipeline.Resources()
    state = tmp_path / "state.sqlite"
    full = pipeline.review_paths([tmp_path / "exp"], CONFIG, resources=res)
    cold = pipeline.review_paths([tmp_path / "exp"], CONFIG, RunOptions(state=str(state)), resources=res)
    warm = pipeline.review_paths([tmp_path / "exp"], CONFIG, RunOptions(state=str(state)), resources=res)
    assert cold.pages == full.pages == warm.pages
    assert cold.signature == full.signature == warm.signature
    assert "4 page(s) reused, 0 reviewed" in warm.log[-1]


def test_damaged_pages_inside_valid_header(tmp_path: Path) -> None:
    """A store whose header is intact but whose pages are garbage is set aside too."""
    names, pairs, state, fn = _filled_store(tmp_path, 8)
    conn = sqlite3.connect(state)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(state.read_bytes())
    assert len(data) > 8192
    data[4096:] = b"\xde\xad\xbe\xef" * ((len(data) - 4096) // 4)
    state.write_bytes(bytes(data))
    fn.calls.clear()
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        with IncrementalStore(state) as store:
            out = review_pairs_incrementally(pairs, CONFIG, Res(), store, fn)
            assert store.notices
    assert [p.pair.name for p in out] == names and fn.calls == names
    with IncrementalStore(state) as store:
        review_pairs_incrementally(pairs, CONFIG, Res(), store, fn)
        assert store.hits == 8


def test_resolved_many_is_realpath_each_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolving a folder once and the last component alone must give ``os.path.realpath``'s answer
    for every spelling: symlinked folders and files, ``..`` after a link, relative, absent, '.', trailing '/'."""
    import os

    from mt_review.incremental import resolved_many, resolved_pages

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.txt").write_text("a")
    (real / "sub" / "b.txt").write_text("b")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "target.txt").write_text("t")
    os.symlink(real, tmp_path / "linkdir")
    os.symlink(tmp_path / "elsewhere" / "target.txt", real / "linked.txt")  # a file that is a link
    os.symlink(real / "sub", tmp_path / "linksub")
    monkeypatch.chdir(tmp_path)
    spellings = [
        str(real / "a.txt"), str(tmp_path / "linkdir" / "a.txt"), "linkdir/a.txt", "real/a.txt",
        str(real / "linked.txt"), "linkdir/linked.txt", "linksub/../a.txt", "linksub/b.txt",
        "linksub/../sub/b.txt", "real/absent.txt", "real/a.txt/under-a-file", "linkdir/.", "linkdir/..",
        "linkdir/sub/", ".", "a-relative-absent", "",
    ]
    expected = [os.path.realpath(p) if p else "" for p in spellings]
    assert resolved_many(spellings) == expected
    assert resolved_many([Path(p) for p in spellings if p]) == [e for p, e in zip(spellings, expected) if p]
    assert resolved_pages([("linkdir/a.txt", None), ("linksub/b.txt", "real/linked.txt")]) == [
        (str(real / "a.txt"), ""), (str(real / "sub" / "b.txt"), str(tmp_path / "elsewhere" / "target.txt"))]


def test_pairing_real_is_path_resolve_each_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pairing resolves every file of an export (to key its reads and keep it inside the export); the
    folder is resolved once, and the answer must stay ``Path.resolve``'s, a symlink loop still an error."""
    import os

    from mt_review import pairing
    from mt_review.errors import InputError

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.txt").write_text("a")
    (real / "sub" / "b.txt").write_text("b")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "t.txt").write_text("t")
    os.symlink(real, tmp_path / "linkdir")
    os.symlink(tmp_path / "elsewhere" / "t.txt", real / "linked.txt")
    os.symlink(real / "sub", tmp_path / "linksub")
    os.symlink("loop2", tmp_path / "loop1")
    os.symlink("loop1", tmp_path / "loop2")
    monkeypatch.chdir(tmp_path)
    spellings = ["real/a.txt", "linkdir/a.txt", str(tmp_path / "linkdir" / "linked.txt"), "linksub/../a.txt",
                 "linksub/b.txt", "real/absent.txt", "linkdir/.", "linkdir/..", "linkdir/sub/", "."]
    for raw in spellings:
        assert pairing._real(Path(raw)) == Path(raw).resolve(), raw
    for loop in ("loop1", "loop1/x.txt", "real/../loop2"):
        with pytest.raises(RuntimeError):
            Path(loop).resolve()
        with pytest.raises(InputError, match="symlink loop"):
            pairing._real(Path(loop))
