"""Text made safe to show: control characters never reach a terminal or a report raw.

Page text and file names come from someone else.  An ``ESC`` sequence printed
to a terminal can clear the screen or set its title; a NUL or other C0/C1
character makes ``report.md``/``report.html`` unreadable or invalid; a newline
in a file name splits the CLI's one error line; a bidi override (U+202E) in a
name reorders what follows it.

* :func:`visible` shows every such character as a visible escape (``\\x1b``,
  ``\\n``, ``\\u202e``): for one-line messages and file names.
* :func:`show_controls` does the same for page text in reports, keeping its
  tabs and line breaks.
* :func:`strip_controls` removes the C0/C1 controls (keeping tab, newline and
  carriage return) from page text, which may hold line breaks of its own.
"""

from __future__ import annotations

import re

__all__ = ["visible", "show_controls", "strip_controls", "CONTROL_RE"]

# C0 (minus TAB, LF, CR), DEL and C1 controls; lone surrogates cannot be encoded.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Everything that must not appear raw in a one-line name or message, bidi
# embeddings/overrides/isolates included (U+202A-U+202E, U+2066-U+2069).
_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with control, line-break and bidi-control characters shown as escapes (one safe line)."""
    return _UNSAFE_IN_LINE.sub(_escape, text)


def show_controls(text: str) -> str:
    """``text`` with C0/C1 control characters (not tab or line breaks) and bidi overrides shown as escapes.

    For page text and names in reports and on the terminal: an ``ESC[2J`` can
    no longer clear a screen, a NUL no longer breaks a document, a U+202E no
    longer reverses what follows it, and an editor sees what was there."""
    return _SHOWN.sub(_escape, text)


def strip_controls(text: str) -> str:
    """``text`` without C0/C1 control characters (tab and line breaks kept) and lone surrogates."""
    return CONTROL_RE.sub("", text)
