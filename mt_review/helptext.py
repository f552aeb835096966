"""``--help`` in words: value names instead of typer's type placeholders.

typer prints each value's Python type (``<bool>``, ``<list[Path]>``, ``<str>``)
in the help.  A translator needs to know what to type, not the annotation:
flags get no value name, options a word for their value (``FILE``,
``FOLDER``, ``N``, ``TEXT`` ...) unless the declaration names one, arguments
their own name.  Applied to the built command tree before it runs, so every
command, present and future, is covered.
"""

from __future__ import annotations

from typing import Any

# option name -> what to type, where the type alone would not say it
VALUE_NAMES = {
    "out": "FOLDER",
    "output": "FILE",
    "formats": "FORMATS",
    "fail_on": "SEVERITY",
    "min_score_scope": "page|run",
    "engine": "ENGINE",
    "embedder": "EMBEDDER",
    "scheduler": "ADDRESS",
    "email_to": "ADDRESS",
    "model_en_ar": "MODEL",
    "model_ar_en": "MODEL",
    "model": "FOLDER",
}


def _value_name(param: Any) -> str:
    """What to type for an option's value: a name from ``VALUE_NAMES``, else a word for its type."""
    named = VALUE_NAMES.get(param.name or "")
    if named:
        return named
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and getattr(descriptor, "is_path", False):
        return "PATH"
    bare = param.bare_type() if hasattr(param, "bare_type") else ""
    return {"int": "N", "float": "NUMBER"}.get(bare, "PATH" if "Path" in bare else "TEXT")


def plain_help(command: Any) -> Any:
    """Give every parameter of ``command`` (and its subcommands) a value name; return it."""
    for param in getattr(command, "params", ()):
        if getattr(param, "param_type_name", "") == "argument":
            label = param.metavar or (param.name or "").upper()
            param.metavar = label
            param.display_type_rich = lambda ctx, _label=label: None  # the name column already says it
            continue
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            param.metavar = ""
        elif param.metavar is None:
            param.metavar = _value_name(param)
    if hasattr(command, "get_help_option"):  # click makes --help when asked: name it too
        make = command.get_help_option

        def help_option(ctx, _make=make):
            option = _make(ctx)
            if option is not None:
                option.metavar = ""
            return option

        command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        plain_help(sub)
    return command
