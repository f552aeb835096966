from pathlib import Path

import pytest

from mt_review.config import LoadedConfig, ReviewSettings, RunOptions, load_config
from mt_review.errors import InputError


def test_defaults_without_files(tmp_path):
    loaded = load_config(cwd=tmp_path)
    assert loaded == LoadedConfig() and loaded.origin is None


def test_pyproject_table_and_relative_paths(tmp_path):
    (tmp_path / "g.csv").write_text("en,ar\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.mt-review]\nfail-on = "major"\nmin-score = 80\nglossary = "g.csv"\n')
    loaded = load_config(cwd=tmp_path)
    assert loaded.origin.endswith("pyproject.toml")
    assert loaded.options.fail_on == "major" and loaded.options.min_score == 80.0
    assert Path(loaded.settings.glossary) == (tmp_path / "g.csv").resolve()


def test_mt_review_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mt-review]\nfail-on = "major"\n')
    (tmp_path / "mt-review.toml").write_text('fail-on = "minor"\ndisabled-checks = ["hygiene"]\n')
    loaded = load_config(cwd=tmp_path)
    assert loaded.options.fail_on == "minor" and loaded.settings.disabled_checks == ("hygiene",)


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
    base = ReviewSettings()
    assert base.hash() == ReviewSettings().hash()
    assert base.hash() != ReviewSettings(beam_size=4).hash()
    assert base.hash() != ReviewSettings(disabled_checks=("hygiene",)).hash()
    g1, g2 = tmp_path / "a" / "g.csv", tmp_path / "b" / "g.csv"
    for g in (g1, g2):
        g.parent.mkdir()
        g.write_text("en,ar\nStrong Cities,المدن القوية\n", encoding="utf-8")
    assert ReviewSettings(glossary=str(g1)).hash() == ReviewSettings(glossary=str(g2)).hash()  # by content
    g2.write_text("en,ar\n", encoding="utf-8")
    assert ReviewSettings(glossary=str(g1)).hash() != ReviewSettings(glossary=str(g2)).hash()


def test_every_path_in_a_config_file_is_relative_to_it(tmp_path):
    (tmp_path / "models" / "x-en-ar").mkdir(parents=True)
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "mt-review.toml").write_text(
        'glossary = "../g.csv"\nmodel-en-ar = "../models/x-en-ar"\nmodel-ar-en = "Helsinki-NLP/opus-mt-ar-en"\n'
        'embedder = "st:../st-model"\nbaseline = "b.json"\ndecisions = "d.csv"\nstate = "s.db"\nout = "r"\n'
        'write-xliff = "x"\nroot = ".."\ncache = "c.db"\n'
    )
    loaded = load_config(tmp_path / "cfg" / "mt-review.toml")
    s, o, cfg = loaded.settings, loaded.options, (tmp_path / "cfg").resolve()
    assert s.glossary == str(tmp_path.resolve() / "g.csv")
    assert s.model_en_ar == str(tmp_path.resolve() / "models" / "x-en-ar")
    assert s.model_ar_en == "Helsinki-NLP/opus-mt-ar-en"  # a model id, not a folder next to the file
    assert s.embedder == "st:" + str(tmp_path.resolve() / "st-model")
    assert (o.baseline, o.decisions, o.state, o.out, o.write_xliff, o.cache) == tuple(
        str(cfg / n) for n in ("b.json", "d.csv", "s.db", "r", "x", "c.db")
    )
    assert o.root == str(tmp_path.resolve())


def test_flags_can_unset_a_configured_value(tmp_path):
    (tmp_path / "mt-review.toml").write_text('min-score = 80\nemail-to = "a@example.org"\n')
    loaded = load_config(cwd=tmp_path).with_changes(min_score=None, email_to=None)
    assert loaded.options.min_score is None and loaded.options.email_to is None
    assert RunOptions().min_score is None


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
