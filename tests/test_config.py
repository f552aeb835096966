from pathlib import Path

import pytest

from mt_review.config import Config, load_config
from mt_review.errors import InputError


def test_defaults_without_files(tmp_path):
    config, origin = load_config(cwd=tmp_path)
    assert origin is None and config == Config()


def test_pyproject_table_and_relative_paths(tmp_path):
    (tmp_path / "g.csv").write_text("en,ar\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.mt-review]\nfail-on = "major"\nmin-score = 80\nglossary = "g.csv"\n')
    config, origin = load_config(cwd=tmp_path)
    assert origin.endswith("pyproject.toml")
    assert config.fail_on == "major" and config.min_score == 80.0
    assert Path(config.glossary) == (tmp_path / "g.csv").resolve()


def test_mt_review_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mt-review]\nfail-on = "major"\n')
    (tmp_path / "mt-review.toml").write_text('fail-on = "minor"\ndisabled-checks = ["hygiene"]\n')
    config, _ = load_config(cwd=tmp_path)
    assert config.fail_on == "minor" and config.disabled_checks == ("hygiene",)


@pytest.mark.parametrize(
    "body,needle",
    [('fail-on = "sometimes"\n', "fail-on"), ('colour = "red"\n', "unknown setting"), ("fail-on = \n", "TOML"), ("min-score = 140\n", "min-score")],
)
def test_bad_configuration_is_an_input_error(tmp_path, body, needle):
    path = tmp_path / "mt-review.toml"
    path.write_text(body)
    with pytest.raises(InputError, match=needle):
        load_config(path)


def test_hash_tracks_settings_not_output_location(tmp_path):
    base = Config()
    assert base.hash() == Config().hash()
    assert base.hash() != base.replace(fail_on="minor").hash()
    assert base.hash() == base.replace(formats=("json",), cache=str(tmp_path / "c.db")).hash()


@pytest.mark.parametrize(
    "body,needle",
    [
        ('max-bytes = "20MB"\n', "whole number"),
        ('require-model = "no"\n', "true or false"),
        ("min-score = true\n", "number"),
        ("glossary = 3\n", "string"),
        ('disabled-checks = ["hygeine"]\n', "unknown check"),
        ("enabled-checks = [1, 2]\n", "list of strings"),
    ],
)
def test_wrong_types_and_unknown_checks_are_input_errors(tmp_path, body, needle):
    path = tmp_path / "mt-review.toml"
    path.write_text(body)
    with pytest.raises(InputError, match=needle):
        load_config(path)


def test_unexpected_error_exits_3_with_one_line(monkeypatch, capsys):
    import sys

    from mt_review import cli, pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("something broke\\ninside")

    monkeypatch.setattr(pipeline, "review_paths", boom)
    monkeypatch.delenv("MT_REVIEW_DEBUG", raising=False)
    from tests.conftest import SEED_AR, SEED_EN

    monkeypatch.setattr(sys, "argv", ["mt-review", "review", str(SEED_EN), str(SEED_AR), "--no-models", "--embedder", "none", "-q"])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 3
    err = [l for l in capsys.readouterr().err.splitlines() if l.strip()]
    assert len(err) == 1 and "internal error" in err[0] and "RuntimeError" in err[0]
