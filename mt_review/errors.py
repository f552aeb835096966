"""Errors the user can act on.

``InputError`` is bad input or usage: the CLI prints its message as one line
and exits 2.  Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class InputError(Exception):
    """Bad input: a missing, empty, undecodable, malformed or hostile file, or bad usage."""

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        self.message = message  # without the path: a reader's error re-labelled for standard input
        super().__init__(f"{path}: {message}" if path else message)


class ModelUnavailable(Exception):
    """A translation model could not be loaded (no network, no local folder ...)."""
