"""Anchors: tokens a translation keeps as they are.

Numbers (any digit system: ASCII, Arabic-Indic ٠-٩, Persian ۰-۹, with the
thousands and decimal separators of either script normalised), URLs, e-mail
addresses, acronyms (``IIJ``, ``LPNs``, bracketed or not), the presence of a
question mark (``?`` or ``؟``), exclamation mark, brackets or quotes and, in a text
written mostly in a non-Latin script, every Latin-script word (names and terms
the machine translation left in English).

For a text two sets are kept: ``strong`` – anchors the other side should show
– and ``vocab`` – every token the other side's anchors may be found in.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from mt_review.checks.text import ASCII_DIGITS  # noqa: E402 - one digit table
from mt_review.segment import EMAIL_RE as _EMAIL  # noqa: E402 - one linear-time definition
from mt_review.segment import URL_RE as _URL  # noqa: E402
_NUMBER = re.compile(r"[0-9]+(?:[.,\u066b\u066c][0-9]+)*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'’\-]*")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")


def normalise_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII digits."""
    return text.translate(ASCII_DIGITS)


def _norm_number(tok: str) -> str:
    tok = tok.replace("\u066c", "")  # Arabic thousands separator ٬
    tok = tok.replace("\u066b", ".")  # Arabic decimal separator ٫
    # a comma followed by three digits groups thousands; otherwise it is a decimal comma
    tok = re.sub(r",(?=[0-9]{3}(?![0-9]))", "", tok)
    tok = tok.replace(",", ".")
    if "." in tok:
        head, _, tail = tok.partition(".")
        tail = tail.rstrip("0")
        tok = head.lstrip("0") + ("." + tail if tail else "") or "0"
    else:
        tok = tok.lstrip("0") or "0"
    return tok


@dataclass(frozen=True)
class Anchors:
    strong: frozenset[str]
    vocab: frozenset[str]

    def __or__(self, other: "Anchors") -> "Anchors":
        return Anchors(self.strong | other.strong, self.vocab | other.vocab)


EMPTY = Anchors(frozenset(), frozenset())


def extract(text: str) -> Anchors:
    """The anchors of one text."""
    text = normalise_digits(text)
    strong: set[str] = set()
    vocab: set[str] = set()
    rest = text
    for rx in (_URL, _EMAIL):
        for m in rx.finditer(rest):
            tok = m.group(0).lower().rstrip("/")
            strong.add(tok)
            vocab.add(tok)
        rest = rx.sub(" ", rest)
    # punctuation a translation keeps: questions, exclamations, brackets, quotes
    for mark, tok in (("?", "<?>"), ("\u061f", "<?>"), ("!", "<!>"), ("(", "<()>"), ("[", "<()>"),
                      ('"', '<">'), ("\u201c", '<">'), ("\u00ab", '<">')):
        if mark in rest:
            strong.add(tok)
            vocab.add(tok)
    for m in _NUMBER.finditer(rest):
        tok = _norm_number(m.group(0))
        strong.add(tok)
        vocab.add(tok)
    latin = _LATIN.findall(rest)
    n_arabic = len(_ARABIC_LETTER.findall(rest))
    n_latin = sum(len(w) for w in latin)
    mostly_non_latin = n_arabic > n_latin
    for w in latin:
        low = sys.intern(w.lower().strip("'’-"))  # one copy of each word over a large page's anchors
        if not low:
            continue
        vocab.add(low)
        if low.endswith("s") and len(low) > 3:
            vocab.add(sys.intern(low[:-1]))
        # acronyms and camel case (IIJ, LPNs, GtkAdjustment), not Title-Case compounds
        inner_caps = sum(c.isupper() for part in w.split("-") for c in part[1:])
        if mostly_non_latin and len(low) >= 2 or inner_caps >= 1 and len(w) >= 2:
            strong.add(low)
    return Anchors(frozenset(strong), frozenset(vocab))


def compare(a: Anchors, b: Anchors) -> tuple[int, int]:
    """(matched, unmatched) anchors between two sides."""
    if not a.strong and not b.strong:
        return 0, 0
    hit_a = a.strong & b.vocab
    hit_b = b.strong & a.vocab
    matched = len(hit_a | hit_b)
    unmatched = len(a.strong - b.vocab) + len(b.strong - a.vocab)
    return matched, unmatched
