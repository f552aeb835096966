"""A re-run takes the pages that gain learned-term findings as the pickles an earlier run made
(:meth:`mt_review.incremental.StoredTerms.flagged_pickle`): not read, flagged nor pickled again,
and the reports stay a cold run's bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

from mt_review import terms
from mt_review.config import RunOptions
from mt_review.pipeline import review_paths
from tests.test_terms_incremental import PAGES, SETTINGS, export, reports, write_page


def _counting_gained(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = terms._gained

    def counted(page, gained):
        calls.append(1)
        return real(page, gained)

    monkeypatch.setattr(terms, "_gained", counted)
    return calls


def test_an_unchanged_flagged_page_is_taken_as_its_kept_pickle(tmp_path: Path, monkeypatch) -> None:
    root = export(tmp_path / "x")
    state = tmp_path / "state.sqlite"
    calls = _counting_gained(monkeypatch)
    first = reports(root, tmp_path / "warm", state)
    assert calls  # page-3 gains the Strong Cities finding
    calls.clear()
    again = reports(root, tmp_path / "warm", state)
    assert calls == []  # taken as kept: not put together again
    assert again == first == reports(root, tmp_path / "cold", None)


def test_a_changed_table_or_moved_export_flags_the_page_again(tmp_path: Path, monkeypatch) -> None:
    root = export(tmp_path / "x")
    state = tmp_path / "state.sqlite"
    calls = _counting_gained(monkeypatch)
    reports(root, tmp_path / "warm", state)
    # page-4 no longer names Strong Cities: page-3's finding now says 4 of 5 pairs
    write_page(root, 4, [("The mayors met civil society leaders in Beirut.", "التقى رؤساء البلديات بقادة المجتمع المدني في بيروت."),
                         PAGES[4][1]])
    calls.clear()
    warm = reports(root, tmp_path / "warm", state)
    assert calls and warm == reports(root, tmp_path / "cold", None)
    assert "in 4 of 5 aligned pairs" in warm["report.json"].decode()
    # the same pages under another folder: the kept pickle names the old files, so it is not taken
    moved = tmp_path / "moved"
    shutil.copytree(root, moved)
    calls.clear()
    pages = review_paths([moved], SETTINGS, RunOptions(state=str(state))).pages
    assert calls
    assert all(Path(p.pair.source.path).parent == moved for p in pages)
    assert pages == review_paths([moved], SETTINGS).pages
