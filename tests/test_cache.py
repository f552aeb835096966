"""The shared SQLite helper never replaces what is not a cache."""

import sqlite3
import warnings

import pytest

from mt_review.cache import CacheWarning, open_db
from mt_review.errors import InputError


def test_a_page_given_as_cache_is_refused_and_kept(tmp_path):
    page = tmp_path / "page.ar.html"
    page.write_text("<html lang='ar'><p>نص</p></html>", encoding="utf-8")
    with pytest.raises(InputError, match="not an mt-review cache"):
        open_db(page)
    assert page.read_text(encoding="utf-8").startswith("<html") and list(tmp_path.iterdir()) == [page]


def test_a_folder_given_as_cache_is_refused(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="not a regular file"):
        open_db(tmp_path / "docs")
    assert (tmp_path / "docs" / "keep.txt").read_text() == "mine"


def test_someone_elses_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "app.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="something else"):
        open_db(other)
    assert {r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")} == {"customers"}


def test_a_damaged_cache_file_is_set_aside(tmp_path):
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"garbage" * 100)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        conn = open_db(path)
    conn.execute("CREATE TABLE embeddings (k TEXT)")
    assert any(issubclass(w.category, CacheWarning) for w in caught)
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]


def test_a_score_row_with_uneven_lengths_is_recomputed_not_read(tmp_path):
    """A damaged row (fewer log-probabilities than tokens) is a cache miss, never a half-read score."""
    import json

    from mt_review.translate.base import ModelInfo, TokenScores
    from mt_review.translate.cache import TranslationCache

    info = ModelInfo(model_id="m", revision="r", direction="en-ar", engine="transformers")
    good = TokenScores(tokens=("a", "b"), logprobs=(-1.0, -2.0), offsets=((0, 1), (2, 3)))
    cache = TranslationCache(tmp_path / "c.sqlite3")
    cache.put_scores(info, [(("src", "a b"), good)])
    assert cache.get_scores(info, [("src", "a b")]) == {("src", "a b"): good}
    damaged = dict(good.to_json(), logprobs=[-1.0])
    assert cache.conn is not None
    with cache.conn:
        cache.conn.execute("UPDATE scores SET data=?", (json.dumps(damaged),))
    assert cache.get_scores(info, [("src", "a b")]) == {}
    with pytest.raises(TypeError):
        TokenScores.from_json(damaged)
