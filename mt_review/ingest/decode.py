"""Read a file's bytes safely and turn them into text.

Order of attempts: a byte-order mark (UTF-8, UTF-32, UTF-16) settles the
encoding; a file with NUL bytes but no mark may be UTF-16/32 without one,
which charset-normalizer (a maintained detector, the last resort) decides
among the four byte orders, accepted only when the text it gives is English
or Arabic without control characters; otherwise strict UTF-8; otherwise an encoding the file itself
declares (``<meta charset>``, ``<?xml encoding?>``, PO ``charset=``);
otherwise Windows-1256, the legacy Arabic code page, but only when the result
looks like Arabic text rather than decoded noise.  Anything else, and any
file with NUL bytes or control characters, is refused with an
:class:`~mt_review.errors.InputError` naming the file.

Nothing is stripped or normalised here beyond the leading BOM: invisible and
bidi control characters inside the text are kept for the checks to report.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from mt_review.errors import InputError

__all__ = ["BOMS", "read_bytes", "decode", "encoding_of", "normalize_newlines"]

#: The project's one byte-order-mark table: (mark, the codec :func:`decode`
#: reads with, which consumes the mark and names the encoding, the codec that
#: writes the text back without a mark in the same byte order).
BOMS = (
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

_DECLARED = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]*encoding\s*=\s*["']|charset=)([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

# Control characters that have no business in a text file (C0 except tab,
# newline, carriage return and form feed; DEL; C1).
_BAD_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def read_bytes(path: str | Path, max_bytes: int) -> bytes:
    """Return the file's bytes, refusing missing, non-regular, empty or oversized files."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("no such file", name)
    if p.is_dir():
        raise InputError("is a directory, expected a file", name)
    if not p.is_file():
        raise InputError("not a regular file", name)
    try:
        size = p.stat().st_size
    except OSError as exc:  # pragma: no cover - race or permissions
        raise InputError(f"cannot read file: {exc.strerror or exc}", name) from exc
    if size == 0:
        raise InputError("file is empty (0 bytes)", name)
    if size > max_bytes:
        raise InputError(
            f"file is {size:,} bytes, over the size limit of {max_bytes:,} bytes (--max-bytes)", name
        )
    chunks: list[bytes] = []
    total = 0
    try:
        with p.open("rb") as fh:  # in chunks: never one buffer of --max-bytes (it may be 2**62)
            while total <= max_bytes and (chunk := fh.read(min(1 << 20, max_bytes + 1 - total))):
                chunks.append(chunk)
                total += len(chunk)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", name) from exc
    data = b"".join(chunks)
    if len(data) > max_bytes:  # grew while we looked
        raise InputError(f"file is over the size limit of {max_bytes:,} bytes (--max-bytes)", name)
    if not data:
        raise InputError("file is empty (0 bytes)", name)
    return data


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding_name)``.

    ``encoding_name`` is one of ``utf-8``, ``utf-8-sig``, ``utf-16``,
    ``utf-32``, ``windows-1256`` or an encoding the file declared.
    """
    name = str(path)
    for bom, enc, _plain in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()} "
                    f"(byte {exc.start})",
                    name,
                ) from exc
            _check_controls(text, name, enc)
            return text, enc

    if b"\x00" in data:
        found = _wide_without_bom(data)
        if found is not None:
            return found
        if _looks_utf16_without_bom(data):
            raise InputError(
                "looks like UTF-16 without a byte-order mark but does not decode as such; re-save it as UTF-8", name
            )
        raise InputError("contains NUL bytes: binary data, not a text file", name)

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        _check_controls(text, name, "utf-8")
        return text, "utf-8"

    declared = _declared_encoding(data)
    if declared and declared != "utf-8":
        try:
            text = data.decode("cp1256" if declared == "windows-1256" else declared)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if not _BAD_CONTROLS.search(text):
                return text, declared

    try:
        arabic: str | None = data.decode("cp1256")
    except UnicodeDecodeError:  # pragma: no cover - cp1256 maps every byte
        arabic = None
    if arabic is not None and _plausible_arabic(arabic):
        return arabic, "windows-1256"

    raise InputError(
        f"cannot decode: not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at offset "
        f"{utf8_error.start}), no byte-order mark, and not plausible Windows-1256 Arabic",
        name,
    )


def encoding_of(data: bytes, encoding: str) -> tuple[bytes, str]:
    """``(mark, codec)`` with ``data == mark + text.encode(codec)`` for ``decode(data)`` = ``(text, encoding)``.

    What a writer needs to put edited text back in the file's own bytes:
    the byte-order mark (from :data:`BOMS`) and a codec that adds none.
    """
    for bom, enc, plain in BOMS:
        if data.startswith(bom) and enc == encoding:
            return bom, plain
    return b"", "cp1256" if encoding == "windows-1256" else encoding


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF (line numbers are unchanged)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- helpers


def _check_controls(text: str, name: str, enc: str) -> None:
    m = _BAD_CONTROLS.search(text)
    if m:
        what = "NUL characters" if m.group() == "\x00" else f"control character U+{ord(m.group()):04X}"
        line = text.count("\n", 0, m.start()) + 1
        raise InputError(f"decoded as {enc} but contains {what} (line {line}): binary data?", name)


_WIDE = ("utf_32_le", "utf_32_be", "utf_16_le", "utf_16_be")


def _wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16/32 without a byte-order mark, as charset-normalizer judges it; ``None`` when it is not."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_WIDE), preemptive_behaviour=False).best()
    if best is None or best.encoding not in _WIDE:
        return None
    text = str(best)
    if _BAD_CONTROLS.search(text) or not _english_or_arabic(text):
        return None
    return text, best.encoding.replace("_", "-")


def _english_or_arabic(text: str) -> bool:
    """Most letters are Latin or Arabic: what a wrongly guessed byte order never gives."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    ok = sum(1 for ch in letters if ord(ch) < 0x250 or 0x0600 <= ord(ch) <= 0x06FF or 0xFB50 <= ord(ch) <= 0xFEFF)
    return ok >= 0.9 * len(letters)


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # ASCII-heavy UTF-16: one byte of every pair is NUL.
    return max(even, odd) >= 0.4 * half and min(even, odd) <= 0.05 * half


def _declared_encoding(data: bytes) -> str | None:
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").lower()
    try:
        canonical = codecs.lookup(label).name
    except LookupError:
        return None
    if canonical in ("cp1256",):
        return "windows-1256"
    if canonical in ("utf-8", "utf_8"):
        return "utf-8"
    return canonical


def _plausible_arabic(text: str) -> bool:
    """Windows-1256 decodes every byte; accept it only when it reads as Arabic text."""
    if _BAD_CONTROLS.search(text):
        return False
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    if not non_ascii:
        return False  # pragma: no cover - pure ASCII is valid UTF-8
    arabic = sum(
        1
        for ch in non_ascii
        if (0x0600 <= ord(ch) <= 0x06FF or 0xFB50 <= ord(ch) <= 0xFEFF)
        and unicodedata.category(ch)[0] in "LMP"
    )
    return arabic >= 0.6 * len(non_ascii)
