"""Defect injection: damaged copies of good English/Arabic pairs, labelled by family.

One home for the perturbations that the detection benchmarks
(``benchmarks/detect_bench.py``, ``benchmarks/calibrate.py``) and
self-calibration (:mod:`mt_review.calibrate`) use, so the defects a
calibration learns are the defects the benchmarks measure.

Each family is a function ``(en, ar, rng, pool) -> (en, ar) | None``:
``pool`` is the list of other ``(en, ar, ...)`` pairs (for added clauses and
wrong segments) and ``None`` means "this pair gives no natural place for the
defect" (no negation to flip, no name to change).  Families:

    numbers        a target number changed, or a source number with none in the target
    omission       a clause (40-55 % of the words, not at the start) removed from the target
    addition       an Arabic clause from another pair appended to the target
    untranslated   a run of target words replaced by English, or the whole segment left in English
    wrong_segment  the target of another pair
    truncation     the target cut at 40-65 % of its characters
    punctuation    Latin comma, space before a mark, or a detached و
    negation       an Arabic negator removed, or one inserted before the first imperfect verb
    entity         a Latin name/term of the source dropped from the target or swapped for another pair's
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

Defect = Callable[[str, str, random.Random, Sequence[tuple]], "tuple[str, str] | None"]

AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def numbers(en, ar, rng, pool):
    digits = re.findall(r"\d+", ar)
    if digits and re.search(r"\d", en):
        d = rng.choice(digits)
        new = str(int(d) + rng.randint(1, 9))
        return en, ar.replace(d, new, 1)
    n = rng.randint(2, 60)
    unit_en, unit_ar = rng.choice([("seconds", "ثوان"), ("minutes", "دقائق"), ("days", "أيام"), ("items", "عناصر"),
                                   ("times", "مرات"), ("percent", "في المائة")])
    en2 = en.rstrip(".") + f" (limit: {n} {unit_en})."
    if rng.random() < 0.5:
        m = n + rng.choice([-1, 1, 10, 2])
        return en2, ar.rstrip(".") + f" (الحد: {m} {unit_ar})."
    return en2, ar.rstrip(".") + f" (الحد: بضعة {unit_ar})."


def omission(en, ar, rng, pool):
    w = ar.split()
    if len(w) < 4:
        return en, " ".join(w[: max(1, len(w) // 2)])
    k = max(2, round(len(w) * rng.uniform(0.40, 0.55)))
    start = rng.randint(1, len(w) - k)
    return en, " ".join(w[:start] + w[start + k:])


def addition(en, ar, rng, pool):
    other = rng.choice(pool)[1].rstrip(".")
    w = other.split()
    clause = " ".join(w[: max(3, int(len(w) * rng.uniform(0.6, 1.0)))])
    return en, ar.rstrip(".") + "، " + clause + "."


def untranslated(en, ar, rng, pool):
    if rng.random() < 0.25:
        return en, en
    ew, aw = en.split(), ar.split()
    k = max(3, round(len(aw) * rng.uniform(0.3, 0.5)))
    k = min(k, len(aw))
    start = rng.randint(0, len(aw) - k)
    rel = start / max(1, len(aw))
    es = min(len(ew) - 3, int(rel * len(ew)))
    eng = " ".join(ew[max(0, es): max(0, es) + max(3, k)]).strip(".,;:")
    return en, " ".join(aw[:start] + [eng] + aw[start + k:])


def wrong_segment(en, ar, rng, pool):
    others = [p[1] for p in pool if p[1] != ar]
    if not others:
        return None
    while True:
        other = rng.choice(pool)
        if other[1] != ar:
            return en, other[1]


def truncation(en, ar, rng, pool):
    cut = max(1, int(len(ar) * rng.uniform(0.40, 0.65)))
    return en, ar[:cut].rstrip() + ("..." if rng.random() < 0.3 else "")


def punctuation(en, ar, rng, pool):
    mode = rng.choice(["comma", "space", "waw"])
    w = ar.split()
    if mode == "waw":
        idx = [i for i, t in enumerate(w) if i > 0 and t.startswith("وال") and len(t) > 4]
        if idx:
            i = rng.choice(idx)
            w[i] = "و " + w[i][1:]
            return en, " ".join(w)
        mode = "comma"
    if mode == "comma":
        if "،" in ar:
            return en, ar.replace("،", ",", 1)
        i = rng.randint(1, max(1, len(w) - 2))
        w[i - 1] = w[i - 1] + ","
        return en, " ".join(w)
    for mark in ("،", "."):
        j = ar.find(mark)
        if j > 0 and ar[j - 1] != " ":
            return en, ar[:j] + " " + ar[j:]
    return en, ar.rstrip() + " ."


# Arabic negators as whole words (with an optional conjunction و/ف in front).
_NEGATORS = ("لا", "لم", "لن", "ليس", "ليست", "ليسوا", "غير", "عدم", "بدون", "دون", "ألا", "ألّا")
_NEG_WORD = re.compile(r"(?<![\w\u0600-\u06FF])([وف]?)(" + "|".join(_NEGATORS) + r")(?![\w\u0600-\u06FF])\s*")
# an imperfect verb: prefix ي/ت/ن + at least three more letters, not a definite noun
_IMPERFECT = re.compile(r"(?<![\w\u0600-\u06FF])([يتن][\u0621-\u064A\u064B-\u0652]{3,})")


def negation(en, ar, rng, pool):
    """Remove an Arabic negator, or insert لا before the first imperfect verb (flips the meaning)."""
    hits = list(_NEG_WORD.finditer(ar))
    if hits:
        m = rng.choice(hits)
        out = ar[: m.start()] + m.group(1) + ar[m.end():]
        return en, re.sub(r"\s{2,}", " ", out).strip()
    verb = _IMPERFECT.search(ar)
    if verb is None:
        return None
    return en, ar[: verb.start()] + "لا " + ar[verb.start():]


_LATIN_TERM = re.compile(r"(?<![\w.-])([A-Z][A-Za-z0-9+.-]*[A-Za-z0-9+]|[A-Z]{2,})(?![\w-])")


def _terms(text: str) -> list[str]:
    return [m.group(1) for m in _LATIN_TERM.finditer(text)]


def entity(en, ar, rng, pool):
    """A Latin name or term the source and target share is dropped, or replaced by another pair's term."""
    shared = [t for t in dict.fromkeys(_terms(ar)) if t in en]
    if not shared:
        return None
    term = rng.choice(shared)
    others = sorted({t for p in pool for t in _terms(p[1]) if t not in en and t != term})
    if others and rng.random() < 0.5:
        return en, ar.replace(term, rng.choice(others), 1)
    out = re.sub(r"\s{2,}", " ", ar.replace(term, "", 1)).strip()
    return (en, out) if out and out != ar else None


FAMILIES: dict[str, Defect] = {
    "numbers": numbers,
    "omission": omission,
    "addition": addition,
    "untranslated": untranslated,
    "wrong_segment": wrong_segment,
    "truncation": truncation,
    "punctuation": punctuation,
    "negation": negation,
    "entity": entity,
}
# the families that change what a sentence says (self-calibration learns these)
MEANING_FAMILIES = tuple(f for f in FAMILIES if f != "punctuation")


def labelled(pairs: Sequence[tuple], seed: int, families: Sequence[str]) -> list[tuple[str, str, str | None]]:
    """``[(en, ar, family or None)]``: even positions stay clean, odd ones get one defect, round robin.

    Half of the clean pairs whose Arabic has digits get Arabic-Indic digits
    (they must stay clean).  A family that does not apply to a pair (returns
    None) hands it to the next family in the cycle, so every odd pair gets a
    defect whenever any family applies.
    """
    rng = random.Random(seed)
    out: list[tuple[str, str, str | None]] = []
    for i, pair in enumerate(pairs):
        en, ar = pair[0], pair[1]
        if i % 2 == 0:
            if re.search(r"\d", ar) and rng.random() < 0.5:
                ar = ar.translate(AR_DIGITS)
            out.append((en, ar, None))
            continue
        first = (i // 2) % len(families)
        for k in range(len(families)):
            cat = families[(first + k) % len(families)]
            damaged = FAMILIES[cat](en, ar, rng, pairs)
            if damaged is not None and damaged != (en, ar):
                out.append((damaged[0], damaged[1], cat))
                break
    return out
