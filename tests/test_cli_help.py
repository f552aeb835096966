"""--help says what to type (no <bool>/<list[Path]> placeholders) and explains every option."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from mt_review.cli import command
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"<(bool|str|int|float|path|Path|list\[[^\]]*\]|[a-z]+\[[^\]]*\])>")


def _commands(cmd, path=()):
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from _commands(sub, (*path, name))


ALL = [p for p, _ in _commands(command())]


@pytest.mark.parametrize("path", ALL, ids=lambda p: " ".join(p) or "mt-review")
def test_help_has_no_type_placeholders(path):
    proc = subprocess.run([sys.executable, "-m", "mt_review", *path, "--help"], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "COLUMNS": "120", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert "--help" in proc.stdout
    assert not PLACEHOLDER.search(proc.stdout), PLACEHOLDER.search(proc.stdout).group()


def test_every_option_and_argument_has_help():
    missing = [f"{' '.join(path)} {param.name}" for path, cmd in _commands(command())
               for param in getattr(cmd, "params", ()) if not (param.help or "").strip()]
    assert missing == []
