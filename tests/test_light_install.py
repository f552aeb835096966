"""The default install is light: mt_review imports and reviews without the 'mt' extra.

The test environment has torch & co. installed (tests run tiny models), so a
child Python blocks those imports with a meta-path finder: exactly what an
install without the extra looks like to the code.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

from tests.conftest import ROOT, SEED_DIR

HEAVY = ("torch", "transformers", "sentencepiece", "ctranslate2")

BLOCK = """
import sys
HEAVY = {heavy!r}
class _Absent:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in HEAVY:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, _Absent())
sys.argv = ['mt-review', *{argv!r}]
try:
    from mt_review.cli import main
    main()
finally:
    loaded = sorted(m for m in sys.modules if m.split('.')[0] in HEAVY)
    sys.stderr.write(f"HEAVY-LOADED={{loaded}}\\n")
"""


def _run_light(argv: list[str], cwd) -> subprocess.CompletedProcess:
    code = BLOCK.format(heavy=HEAVY, argv=argv)
    env = {"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "NO_COLOR": "1", "PATH": "/usr/bin:/bin",
           "MT_REVIEW_CACHE_DIR": str(cwd / "cache"), "HOME": str(cwd)}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_default_dependencies_leave_out_the_heavy_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {dep.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip().lower() for dep in project["dependencies"]}
    assert names.isdisjoint(HEAVY)
    mt = project["optional-dependencies"]["mt"]
    assert {d.split(">")[0].split("=")[0].strip() for d in mt} >= set(HEAVY)
    torch = next(d for d in mt if d.startswith("torch"))
    assert "==" not in torch and ">=" in torch  # a range that keeps the user's torch, never an exact pin


def test_review_runs_without_the_mt_extra_and_says_which_extra_to_install(tmp_path):
    proc = _run_light(["review", str(SEED_DIR), "--out", str(tmp_path / "out"), "--format", "json",
                       "--fail-on", "none"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY-LOADED=[]" in proc.stderr
    hint = [line for line in proc.stderr.splitlines() if "mt-review[mt]" in line]
    assert len(hint) == 1, proc.stderr  # one line for the run, not one per direction
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["pages"] and sum(len(p["segments"]) for p in report["pages"]) > 10
    assert any("mt-review[mt]" in n for n in report["notices"])


def test_require_model_without_the_extra_is_one_line_and_exit_2(tmp_path):
    proc = _run_light(["review", str(SEED_DIR), "--out", str(tmp_path / "out"), "--format", "json",
                       "--require-model"], tmp_path)
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if line.startswith("mt-review:")]
    assert len(errors) == 1 and "pip install 'mt-review[mt]'" in errors[0], proc.stderr


def test_models_convert_without_the_extra_names_it(tmp_path):
    model = tmp_path / "m-en-ar"
    model.mkdir()
    (model / "config.json").write_text("{}", encoding="utf-8")
    proc = _run_light(["models", "convert", str(model), str(tmp_path / "ct2")], tmp_path)
    assert proc.returncode == 2
    assert "mt-review[mt]" in proc.stderr and "Traceback" not in proc.stderr


def test_documents_cited_in_the_code_exist():
    import re

    cited = {m for p in (ROOT / "mt_review").rglob("*.py")
             for m in re.findall(r"\bdocs/[A-Z]+\.md\b", p.read_text(encoding="utf-8"))}
    assert "docs/MODELS.md" in cited
    assert [c for c in sorted(cited) if not (ROOT / c).is_file()] == []
