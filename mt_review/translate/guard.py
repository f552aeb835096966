"""Broken-model guard: a translation model whose output is degenerate is taken out of the scoring.

A model with broken or random weights still produces strings, and every
model signal and finding computed from them is noise that looks like
evidence.  The guard reads each direction's outputs as they are made and
tallies, per segment:

* **repetition loop** -- a unit of 1-20 characters containing a letter,
  repeated at least ``LOOP_REPEATS`` times in a row (``الشبالشبالشب…``);
* **wrong script** -- fewer than half the output's letters are in the
  target language's script (Arabic for en-ar, Latin for ar-en);
* **length far off** -- output characters / source characters outside
  ``LENGTH_RANGE`` (English and Arabic run within about 0.7-1.4 of each other);
* **numbers or names lost** -- a number of the source (any digit system), or a
  Latin name/acronym that the output should carry over, is missing.

A model is **degenerate** once at least ``MIN_SEGMENTS`` segments were seen
and ``DEGENERATE_SHARE`` of them loop, are in the wrong script or are far
off in length -- or lose numbers/names on that share of the segments that
have any.  Then its signals, findings and translations are dropped for the
rest of the run and the run gets one notice naming the model and the
evidence.  A working model trips none of these on more than a few
percent of segments.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mt_review.checks.text import ASCII_DIGITS
from mt_review.model import ModelVerdict

LOOP_REPEATS = 4  # a unit repeated this many times in a row (…ABABABAB) is a loop
LENGTH_RANGE = (1 / 3, 3.0)
DEGENERATE_SHARE = 0.5
MIN_SEGMENTS = 5

_LOOP = re.compile(r"(.{1,20}?)\1{%d,}" % (LOOP_REPEATS - 1), re.S)
_NUMBER = re.compile(r"\d+")
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*\b|\b[A-Z][a-z]{2,}\b")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}\b")


def _letters(text: str) -> tuple[int, int]:
    """(Arabic letters, Latin letters)."""
    ar = sum(1 for c in text if "\u0621" <= c <= "\u064a" or "\u0671" <= c <= "\u06d3")
    la = sum(1 for c in text if c.isascii() and c.isalpha())
    return ar, la


def has_loop(text: str) -> bool:
    return any(any(ch.isalpha() for ch in m.group(1)) for m in _LOOP.finditer(text))


def wrong_script(direction: str, output: str) -> bool:
    ar, la = _letters(output)
    if ar + la == 0:
        return False
    want = ar if direction == "en-ar" else la
    return want < 0.5 * (ar + la)


def length_off(source: str, output: str) -> bool:
    if not source.strip():
        return False
    ratio = len(output.strip()) / len(source.strip())
    return not LENGTH_RANGE[0] <= ratio <= LENGTH_RANGE[1]


def carried(direction: str, source: str) -> set[str]:
    """Numbers (as ASCII digits) and Latin names/acronyms the output should carry over."""
    items = set(_NUMBER.findall(source.translate(ASCII_DIGITS)))
    # English->Arabic: acronyms stay in Latin; Arabic->English: every Latin name in the Arabic stays
    items |= set((_ACRONYM if direction == "en-ar" else _LATIN_NAME).findall(source))
    return items


def lost(direction: str, source: str, output: str) -> bool | None:
    """Does the output miss something it should carry over?  None when the source has nothing to carry."""
    need = carried(direction, source)
    if not need:
        return None
    out = output.translate(ASCII_DIGITS)
    return any(item not in out for item in need)


@dataclass
class Tally:
    segments: int = 0
    loops: int = 0
    script: int = 0
    length: int = 0
    degenerate: int = 0  # segments with any of the three above
    carrying: int = 0  # segments whose source has numbers/names
    lost: int = 0

    def broken(self) -> bool:
        if self.segments < MIN_SEGMENTS:
            return False
        if self.degenerate >= DEGENERATE_SHARE * self.segments:
            return True
        return self.carrying >= MIN_SEGMENTS and self.lost >= DEGENERATE_SHARE * self.carrying


def evidence(t) -> str:
    """The counts behind a verdict, in words (``t``: a Tally or a ModelVerdict)."""
    text = (f"{t.degenerate} of {t.segments} outputs degenerate: repetition loops {t.loops}, wrong script "
            f"{t.script}, length outside {LENGTH_RANGE[0]:.2f}-{LENGTH_RANGE[1]:g}x the source {t.length}")
    if t.carrying:
        text += f"; numbers/names lost in {t.lost} of {t.carrying}"
    return text


def _notice(direction: str, model: str, counts, where: str = "") -> str:
    return (f"the {direction} model {model} gives degenerate output{where} ({evidence(counts)}): its signals, "
            f"findings and translations are left out of the scoring; check the model files "
            f"(--no-model-guard keeps them)")


@dataclass
class ModelGuard:
    """Tallies for each direction; once a model is judged degenerate it stays out (for the page or run)."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def judge(self, direction: str, sources: Sequence[str], outputs: Sequence[str], name: str = "") -> bool:
        """Add these outputs to the direction's tally; True when the model is (now) degenerate."""
        t = self.tallies.setdefault(direction, Tally())
        if name:
            self.names[direction] = name
        if t.broken():
            return True
        for src, out in zip(sources, outputs, strict=True):
            if not src.strip():
                continue
            t.segments += 1
            loop, script, length = has_loop(out), wrong_script(direction, out), length_off(src, out)
            t.loops += loop
            t.script += script
            t.length += length
            t.degenerate += loop or script or length
            miss = lost(direction, src, out)
            if miss is not None:
                t.carrying += 1
                t.lost += miss
        return t.broken()

    def broken(self) -> list[str]:
        return sorted(d for d, t in self.tallies.items() if t.broken())

    def verdicts(self) -> tuple[ModelVerdict, ...]:
        """The degenerate models, with their counts (kept on the PageReview)."""
        return tuple(ModelVerdict(d, self.names.get(d, "?"), **dataclasses.asdict(self.tallies[d]))
                     for d in self.broken())

    def notices(self) -> list[str]:
        """One line per degenerate model: which model, the evidence, and what was done."""
        return [_notice(v.direction, v.model, v) for v in self.verdicts()]


def run_notices(pages: Sequence) -> list[str]:
    """One notice per degenerate model over a run: the pages it was left out of and the summed evidence."""
    summed: dict[tuple[str, str], list] = {}
    for page in pages:
        for v in getattr(page, "degenerate_models", ()):
            entry = summed.setdefault((v.direction, v.model), [0, Tally()])
            entry[0] += 1
            for f in dataclasses.fields(Tally):
                setattr(entry[1], f.name, getattr(entry[1], f.name) + getattr(v, f.name))
    return [_notice(d, m, t, f" on {n} of {len(pages)} page(s)") for (d, m), (n, t) in sorted(summed.items())]
