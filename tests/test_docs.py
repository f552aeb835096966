"""The documentation names every command, option, configuration key and module."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from mt_review.cli import app
from mt_review.config import CONFIG_KEYS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONFIG = (ROOT / "docs" / "CONFIG.md").read_text(encoding="utf-8")
ARCH = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _commands(cmd: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """(command path, command) for every leaf command (typer carries its own click)."""
    if hasattr(cmd, "list_commands"):
        ctx = type(cmd).context_class(cmd)
        out = []
        for name in sorted(cmd.list_commands(ctx)):
            sub = cmd.get_command(ctx, name)
            assert sub is not None
            out += _commands(sub, (*path, name))
        return out
    return [(path, cmd)]


COMMANDS = _commands(typer.main.get_command(app))


def test_every_command_is_in_the_readme() -> None:
    assert len(COMMANDS) >= 7
    missing = [" ".join(p) for p, _ in COMMANDS if f"mt-review {' '.join(p)}" not in README]
    assert not missing, f"commands not shown in README.md: {missing}"


def test_every_option_is_documented() -> None:
    missing = []
    for path, cmd in COMMANDS:
        for param in cmd.params:
            if param.param_type_name != "option":
                continue
            long = [o for o in param.opts if o.startswith("--")]
            if not any(re.search(rf"`{re.escape(o)}\b", CONFIG + README) for o in long):
                missing.append(f"{' '.join(path)} {long}")
    assert not missing, f"options not in docs/CONFIG.md or README.md: {missing}"


def test_every_config_key_is_documented() -> None:
    missing = [k for k in CONFIG_KEYS if f"| `{k}` |" not in CONFIG]
    assert not missing, f"configuration keys not in docs/CONFIG.md: {missing}"


def test_module_map_names_every_module_and_only_real_ones() -> None:
    pkg = ROOT / "mt_review"
    missing = []
    for p in sorted(pkg.iterdir()):
        if p.name.startswith(("_", ".")):
            continue
        if p.is_dir() and (p / "__init__.py").exists():
            if f"{p.name}/" not in ARCH:
                missing.append(f"{p.name}/")
        elif p.suffix == ".py" and p.name not in ARCH:
            missing.append(p.name)
    assert not missing, f"modules not in docs/ARCHITECTURE.md: {missing}"
    # every module inside a package is named by its path (align/dp.py), so a newcomer finds its job
    inner = [f"{d.name}/{f.name}" for d in sorted(pkg.iterdir()) if (d / "__init__.py").exists()
             for f in sorted(d.glob("*.py")) if not f.name.startswith("_")]
    unnamed = [ref for ref in inner if not re.search(r"(?<![\w/])" + re.escape(ref), ARCH)]
    assert not unnamed, f"package modules not in docs/ARCHITECTURE.md: {unnamed}"
    # every module path the map names exists
    for ref in re.findall(r"\b((?:[a-z_]+/)*[a-z_]+\.py)\b", ARCH):
        assert (pkg / ref.removeprefix("mt_review/")).exists(), f"docs/ARCHITECTURE.md names {ref}, which does not exist"


def test_the_line_lists_the_stages_in_pipeline_order() -> None:
    """The map's stage order is the order ``review_page`` and ``run_review`` call them in."""
    line = ARCH[ARCH.index("## The line the data travels"):]
    line = line[: line.index("```", line.index("```") + 3)]
    order = [m.group(1) for m in re.finditer(r"[│▼]\s+(\S+)", line)]
    assert order[:4] == ["ingest/", "pairing.py", "furniture.py", "segment.py"]
    import inspect

    from mt_review import app as app_module, pipeline

    page_src = inspect.getsource(pipeline.review_page)
    calls = {"furniture.py": "classify_pair", "align/": "align_pair", "checks/": "run_checks",
             "score/signals.py": "compute_signals",
             # risk and the page score are derived when the review objects are made (model.py)
             "score/risk.py": "SegmentReview(", "score/quality.py": "PageReview("}
    seen = [m for m in order if m in calls]
    assert [page_src.index(calls[m]) for m in seen] == sorted(page_src.index(calls[m]) for m in seen)
    run_src = inspect.getsource(app_module.run_review)
    later = {"baseline.py": "review(", "gate.py": "evaluate(", "report/": "plan_outputs(", "xliff_writeback.py": "plan_outputs("}
    seen = [m for m in order if m in later]
    assert seen == ["baseline.py", "gate.py", "report/", "xliff_writeback.py"]
    assert [run_src.index(later[m]) for m in seen] == sorted(run_src.index(later[m]) for m in seen)
