"""A re-run with ``--state`` does not read a file whose device, inode, size and modification and
change times match what an earlier run hashed (:meth:`IncrementalStore.known_digest`); any change
to them, or a file changed too close to when it was read, makes it read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mt_review import incremental, pairing
from mt_review.config import RunOptions
from mt_review.pipeline import review_paths
from tests.test_terms_incremental import PAGES, SETTINGS, export


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Every input file read (for pairing or for a page key) by name."""
    seen: list[str] = []
    read_bytes, sha = pairing.read_bytes, incremental._file_sha256

    def counted_read(path, max_bytes):
        seen.append(Path(path).name)
        return read_bytes(path, max_bytes)

    def counted_sha(path):
        seen.append(Path(path).name)
        return sha(path)

    monkeypatch.setattr(pairing, "read_bytes", counted_read)
    monkeypatch.setattr(incremental, "_file_sha256", counted_sha)
    return seen


def _run(root: Path, state: Path):
    return review_paths([root], SETTINGS, RunOptions(state=str(state))).pages


def test_unchanged_files_are_not_read_again(tmp_path: Path, monkeypatch, reads: list[str]) -> None:
    monkeypatch.setattr(incremental, "STAT_MARGIN_NS", 0)  # the files were just written
    root = export(tmp_path / "x")
    state = tmp_path / "state.sqlite"
    first = _run(root, state)
    assert len(set(reads)) == 2 * len(PAGES)
    reads.clear()
    assert _run(root, state) == first
    assert reads == []
    # the same size, and the modification time put back: the change time still tells
    page = root / "page-2.ar.txt"
    before = page.stat()
    page.write_bytes(page.read_bytes().replace("القوية".encode(), "الحصين".encode(), 1))
    assert page.stat().st_size == before.st_size
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    again = _run(root, state)
    assert "page-2.ar.txt" in reads and len(set(reads)) == 1
    assert again == review_paths([root], SETTINGS).pages != first


def test_a_file_replaced_by_another_inode_is_read_again(tmp_path: Path, monkeypatch, reads: list[str]) -> None:
    monkeypatch.setattr(incremental, "STAT_MARGIN_NS", 0)
    root = export(tmp_path / "x")
    state = tmp_path / "state.sqlite"
    first = _run(root, state)
    page = root / "page-1.en.txt"
    before = page.stat()
    spare = root.parent / "spare.txt"
    spare.write_bytes(page.read_bytes().replace(b"Amman", b"Ammon"))
    os.utime(spare, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(spare, page)
    reads.clear()
    pages = _run(root, state)
    assert set(reads) == {"page-1.en.txt"}
    assert pages == review_paths([root], SETTINGS).pages and pages[1] != first[1]


def test_a_file_read_just_after_it_changed_is_read_again(tmp_path: Path, reads: list[str]) -> None:
    root = export(tmp_path / "x")  # just written: within STAT_MARGIN_NS, its times are not trusted
    state = tmp_path / "state.sqlite"
    _run(root, state)
    reads.clear()
    _run(root, state)
    assert len(set(reads)) == 2 * len(PAGES)
