"""What the report heads read of each page, kept in the state file (``page_records``): a re-run reads
it back instead of the page, a changed page's record is replaced, a removed page's dropped, and a state
file of an older layout is not used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mt_review.incremental import STORE_SCHEMA
from mt_review.report import common
from mt_review.spool import PageSpool

from test_fragments import SETTINGS, export, review, rows


def test_records_are_read_back_instead_of_the_pages(tmp_path, monkeypatch):
    folder, state = export(tmp_path / "site", 4), tmp_path / "state.sqlite"
    first = review(folder, tmp_path / "first", state)
    assert first == review(folder, tmp_path / "cold")
    assert len(rows(state, "page_records")) == 4
    made: list = []
    page_record = common.page_record

    def counted(page):
        made.append(page.pair.name)
        return page_record(page)

    monkeypatch.setattr(common, "page_record", counted)
    read: list = []
    getitem = PageSpool.__getitem__
    monkeypatch.setattr(PageSpool, "__getitem__", lambda self, i: read.append(i) or getitem(self, i))
    assert review(folder, tmp_path / "again", state) == first
    assert made == [] and read == []  # nothing unpickled: fragments and records all kept
    # a changed page: only its record is made again, and the old one is dropped at the end
    (folder / "page2.ar.txt").write_text("الصفحة 2\n\nتحدث رؤساء البلديات.\n", encoding="utf-8")
    warm = review(folder, tmp_path / "warm", state)
    assert made == ["page2"]
    assert warm == review(folder, tmp_path / "cold2")
    assert len(rows(state, "page_records")) == 4
    # a removed page: its record goes with its files
    for side in ("en", "ar"):
        (folder / f"page3.{side}.txt").unlink()
    fewer = review(folder, tmp_path / "fewer", state)
    assert len(rows(state, "page_records")) == 3 and fewer == review(folder, tmp_path / "cold3")


def test_a_record_is_what_the_page_gives(tmp_path):
    """The record read back equals the one made from the page (the heads read it instead)."""
    folder, state = export(tmp_path / "site", 3), tmp_path / "state.sqlite"
    review(folder, tmp_path / "first", state)
    from mt_review.pipeline import review_paths
    import pickle
    import zlib

    kept = [pickle.loads(zlib.decompress(bytes(d)))
            for (d,) in sqlite3.connect(state).execute("SELECT data FROM page_records")]
    made = [common.page_record(p) for p in review_paths([folder], SETTINGS).pages]
    assert sorted(map(repr, kept)) == sorted(map(repr, made))


def test_a_state_of_an_older_layout_is_not_used(tmp_path):
    folder, state = export(tmp_path / "site", 3), tmp_path / "state.sqlite"
    review(folder, tmp_path / "first", state)
    with sqlite3.connect(state) as conn:  # as the previous layout left it: no records, an older schema
        conn.execute("DROP TABLE page_records")
        conn.execute("UPDATE page_reviews SET data = x'00'")  # and rows this code could not read
        real = str((folder / "page0.en.txt").resolve())
        conn.execute("INSERT INTO fragments(key, used, src, tgt, data) VALUES('old', 9e12, ?, ?, x'00')", (real, real))
        conn.execute("UPDATE meta SET value=? WHERE name='schema'", (str(STORE_SCHEMA - 1),))
    assert review(folder, tmp_path / "again", state) == review(folder, tmp_path / "cold")
    assert len(rows(state, "page_records")) == 3 and len(rows(state, "page_reviews")) == 3
    with sqlite3.connect(state) as conn:  # the older layout's rows were dropped, not kept beside the new ones
        assert conn.execute("SELECT COUNT(*) FROM fragments WHERE key='old'").fetchone()[0] == 0
