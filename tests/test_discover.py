"""Configuration discovery: up the folder tree from the inputs, never from the shell's folder."""

from __future__ import annotations

from pathlib import Path

from mt_review.discover import find_config, start_folder


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "exports" / "news").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "site"\n[tool.mt-review]\nfail-on = "major"\n', encoding="utf-8")
    (root / "exports" / "news" / "a.en.txt").write_text("Hello.", encoding="utf-8")
    return root


def test_found_above_the_inputs_wherever_the_review_starts(tmp_path):
    root = _project(tmp_path)
    news = root / "exports" / "news"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mt-review.toml").write_text('fail-on = "none"\n', encoding="utf-8")
    assert find_config([news], cwd=elsewhere) == root / "pyproject.toml"
    assert find_config([news / "a.en.txt"], cwd=elsewhere) == root / "pyproject.toml"
    assert find_config([Path("exports/news")], cwd=root) == root / "pyproject.toml"


def test_nearest_wins_and_mt_review_toml_before_pyproject(tmp_path):
    root = _project(tmp_path)
    news = root / "exports" / "news"
    (root / "exports" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")  # no table: skipped
    assert find_config([news], cwd=tmp_path) == root / "pyproject.toml"
    (root / "exports" / "mt-review.toml").write_text('fail-on = "minor"\n', encoding="utf-8")
    assert find_config([news], cwd=tmp_path) == root / "exports" / "mt-review.toml"


def test_inputs_outside_any_project_use_no_configuration(tmp_path):
    root = _project(tmp_path)
    loose = tmp_path / "loose"
    loose.mkdir()
    assert find_config([loose], cwd=root) is None  # the shell's project does not leak in


def test_several_inputs_start_from_their_common_folder_and_stdin_from_cwd(tmp_path):
    root = _project(tmp_path)
    (root / "exports" / "blog").mkdir()
    assert start_folder([root / "exports" / "news", root / "exports" / "blog"]) == root / "exports"
    assert start_folder(["-"], cwd=root / "exports") == root / "exports"
    assert find_config(["-"], cwd=root / "exports" / "news") == root / "pyproject.toml"
