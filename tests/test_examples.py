"""The examples run as written: the workflow's structure and permissions, every documented
command's flags, and the pre-commit hook's own command on an export folder."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

import pytest
import typer.main
import yaml

from mt_review.cli import app
from tests.conftest import ROOT, SEED_AR, SEED_EN

EXAMPLES = ROOT / "examples"
# what each action needs from the workflow's token
ACTION_PERMISSIONS = {
    "github/codeql-action/upload-sarif": {"security-events": "write"},
    "mikepenz/action-junit-report": {"checks": "write"},
    "actions/checkout": {"contents": "read"},
}


def _is_group(cmd) -> bool:
    return hasattr(cmd, "commands")  # typer ships its own copy of click: test by shape


def _command(path: list[str]):
    cmd = typer.main.get_command(app)
    for name in path:
        assert _is_group(cmd), path
        cmd = cmd.commands[name]
    return cmd


def _check_invocation(argv: list[str]) -> None:
    """Parse ``mt-review ARGS`` with the real CLI: unknown commands or flags raise."""
    assert argv[0] == "mt-review"
    words = argv[1:]
    path: list[str] = []
    cmd = typer.main.get_command(app)
    while _is_group(cmd) and words and words[0] in cmd.commands:
        path.append(words.pop(0))
        cmd = cmd.commands[path[-1]]
    assert not _is_group(cmd), f"incomplete command: {argv}"
    cmd.make_context("mt-review " + " ".join(path), list(words), resilient_parsing=False)


def _shell_commands(text: str) -> list[list[str]]:
    """Every ``mt-review ...`` command in shell text (line continuations joined, comments dropped)."""
    joined = re.sub(r"\\\n\s*", " ", text)
    out = []
    for line in joined.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line.startswith("mt-review "):
            out.append(shlex.split(line))
    return out


def _workflow() -> dict:
    return yaml.safe_load((EXAMPLES / "github-actions.yml").read_text(encoding="utf-8"))


def test_workflow_structure_and_permissions_cover_every_action():
    wf = _workflow()
    triggers = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) >= {"push", "pull_request"}
    granted = wf["permissions"]
    steps = wf["jobs"]["review"]["steps"]
    assert all(("uses" in s) != ("run" in s) for s in steps)  # each step does one thing
    used = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert "mikepenz/action-junit-report" in used and "github/codeql-action/upload-sarif" in used
    for action in used:
        for scope, level in ACTION_PERMISSIONS.get(action, {}).items():
            assert granted.get(scope) in (level, "write"), f"{action} needs {scope}: {level}"


def test_workflow_installs_from_the_repository_and_its_commands_parse():
    steps = _workflow()["jobs"]["review"]["steps"]
    runs = "\n".join(s["run"] for s in steps if "run" in s)
    installs = [line for line in runs.splitlines() if "pip install" in line and "mt-review" in line]
    assert installs and all("git+https://" in line for line in installs)  # not on PyPI
    commands = _shell_commands(runs)
    assert commands and commands[0][:2] == ["mt-review", "review"]
    for argv in commands:
        _check_invocation(argv)
    # the files later steps upload are the ones the review writes
    review = commands[0]
    formats = review[review.index("--format") + 1].split(",")
    assert {"sarif", "junit"} <= set(formats)
    uploads = [s["with"] for s in steps if s.get("uses", "").startswith(("github/codeql", "mikepenz"))]
    out = review[review.index("--out") + 1].rstrip("/")
    assert {u.get("sarif_file") or u.get("report_paths") for u in uploads} == {f"{out}/report.sarif", f"{out}/junit.xml"}


def test_every_command_in_the_examples_readme_is_real():
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    commands = [c for b in blocks for c in _shell_commands(b)]
    assert len(commands) >= 5
    for argv in commands:
        _check_invocation(argv)
    flags = set(re.findall(r"`(--[a-z][a-z-]+)", text))
    known = {opt for p in ([], ["baseline", "create"]) for c in ([_command(["review"])] if not p else [_command(p)])
             for param in c.params for opt in param.opts}
    assert flags and flags <= known, flags - known


def test_a_made_up_flag_is_caught():
    with pytest.raises(Exception, match="No such option"):
        _check_invocation(["mt-review", "review", "x", "--incremental"])


def _hook_argv() -> list[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((EXAMPLES / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks[0]
    used = config["repos"][0]["hooks"][0]
    assert used["id"] == hook["id"] and hook["language"] == "python" and hook["pass_filenames"] is False
    return shlex.split(hook["entry"]) + list(used.get("args", hook["args"]))


def test_pre_commit_hook_command_runs_on_an_export_folder(tmp_path):
    argv = _hook_argv()
    assert "--no-models" in argv and argv[argv.index("--embedder") + 1] == "none"
    exports = tmp_path / "exports"
    exports.mkdir()
    shutil.copy(SEED_EN, exports / "workshop.en.txt")
    shutil.copy(SEED_AR, exports / "workshop.ar.txt")
    code = f"import sys; sys.argv = {argv!r}; from mt_review.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "HF_HUB_OFFLINE": "1", "HOME": str(tmp_path),
                               "MT_REVIEW_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"})
    assert proc.returncode in (0, 1), proc.stderr  # passed, or the gate failed: never a usage error
    assert "workshop" in proc.stdout
    assert "Traceback" not in proc.stderr
