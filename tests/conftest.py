"""Shared fixtures: the seed corpus paths and an isolated model cache.

Tests never reach a model hub: HF_HUB_OFFLINE is set and HF_HOME points at an
empty folder, so a test that would need a network fails fast and visibly.
Caches go to a fresh folder per test, so no test sees another's cache.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "corpora" / "strongcities"
SEED_EN = SEED_DIR / "strongcities-nlc-workshop.en.txt"
SEED_AR = SEED_DIR / "strongcities-nlc-workshop.ar.txt"
SEED_GLOSSARY = SEED_DIR / "glossary.csv"


@pytest.fixture(autouse=True)
def _offline_hub(monkeypatch, tmp_path_factory):
    home = tmp_path_factory.mktemp("hf-home")
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    # caches (translations, embeddings) go to a per-test folder, never the user's
    monkeypatch.setenv("MT_REVIEW_CACHE_DIR", str(tmp_path_factory.mktemp("mt-review-cache")))


@pytest.fixture
def seed_paths():
    return SEED_EN, SEED_AR


@pytest.fixture(scope="session")
def tiny_marian_dir():
    """A tiny random-weight en->ar Marian model, built once per test session."""
    from tests.tiny_marian import shared_tiny_marian

    return shared_tiny_marian("en-ar", with_lang_token=True)
