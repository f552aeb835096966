"""Numbers and dates: every source number must reach the target, and no number may appear from nowhere.

Digits are compared after folding Arabic-Indic (٠-٩) and Persian (۰-۹) digits,
the Arabic decimal separator ٫ and thousands separator ٬.  Small numbers may
be spelled out on either side ("three" / ثلاثة, "2 days" / يومين), and
English month names must come through as an Arabic month name (either the
Egyptian/Gulf or the Levantine naming).  A number base word (binary, octal,
decimal, hexadecimal) accounts for its number in the target ("hexadecimal" =
نظام ١٦).  A source number inside a bracketed reference ("(8:33)", "[12]": a
verse, note or page citation) that the target lacks is minor, not major.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from mt_review.checks.base import Check, CheckContext, seg_span
from mt_review.checks.text import WORD_RE, find_arabic_phrase, mask, normalize_ar, word_forms
from mt_review.model import AlignedPair, Finding, Segment, Severity

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "0123456789012345678" + "9" + ".,")
_NUM_RE = re.compile(r"(?<![A-Za-z\d])\d+(?:[.,]\d+)*")
_SUFFIX = re.compile(r"'?(s|st|nd|rd|th)\b", re.IGNORECASE)
# Arabic decades are words: "the 1990s" -> "التسعينيات"
_AR_DECADE = re.compile(r"(?:ين|ن)ي?ات\b")
_DIMENSION_X = re.compile(r"(?<=\d)[xX×](?=\d)")
_PERCENT_AFTER = re.compile(r"\s?(?:%|٪|percent\b|per cent\b|في ?الما?[ئي]ة|بالما?[ئي]ة)", re.IGNORECASE)
_PERCENT_BEFORE = re.compile(r"(?:%|٪)\s?$")

_EN_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "once": 1, "twice": 2, "single": 1, "double": 2,
    "triple": 3, "both": 2, "dozen": 12, "half": 0.5,
}
# number bases: "hexadecimal" is rendered نظام ١٦ / ست عشري (the base number written out)
_EN_NUMBERS.update({"binary": 2, "octal": 8, "decimal": 10, "hexadecimal": 16})
_EN_NUM_WORD = re.compile(r"\b(" + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# a bracketed reference: "(8:33)", "[2:255]", "(12)": a citation of a verse, note or page that a
# translation may give elsewhere or leave out; a number of it missing is minor
_REFERENCE = re.compile(r"[(\[]\s*\d+(?:\s*[:.,\-–]\s*\d+)*\s*[)\]]")

# Arabic number words 0-10 (cardinal, both genders, case forms), ordinals and
# the tens / hundreds / thousands.  Keys are normalised with normalize_ar.
_AR_NUMBER_WORDS: dict[int | float, tuple[str, ...]] = {
    0: ("صفر",),
    1: ("واحد", "واحدة", "أحد", "إحدى", "أول", "أولى", "الأول", "الأولى", "مرة", "وحيد"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "ثنتين", "ثاني", "ثانية", "كلا", "كلتا", "مرتين", "مرتان",
        # duals of the nouns that most often carry a count
        "يومين", "يومان", "ساعتين", "ساعتان", "دقيقتين", "دقيقتان", "ثانيتين", "أسبوعين", "أسبوعان",
        "شهرين", "شهران", "سنتين", "سنتان", "عامين", "عامان", "قرنين", "ضعفين", "شخصين",
        "دولتين", "بلدين", "مدينتين", "جزأين", "جزئين", "نوعين", "طريقتين", "خطوتين", "ملفين", "حرفين",
        "سطرين", "رقمين", "مستويين", "جانبين", "طرفين"),
    3: ("ثلاث", "ثلاثة", "ثالث", "ثالثة", "ثلاثي"),
    4: ("أربع", "أربعة", "رابع", "رابعة", "رباعي"),
    5: ("خمس", "خمسة", "خامس", "خامسة"),
    6: ("ست", "ستة", "سادس", "سادسة"),
    7: ("سبع", "سبعة", "سابع", "سابعة"),
    8: ("ثمان", "ثماني", "ثمانية", "ثامن", "ثامنة"),
    9: ("تسع", "تسعة", "تاسع", "تاسعة"),
    10: ("عشر", "عشرة", "عاشر", "عاشرة"),
    11: ("عشر",), 12: ("عشر", "اثنا", "اثني", "دزينة"),
    20: ("عشرون", "عشرين"), 30: ("ثلاثون", "ثلاثين"), 40: ("أربعون", "أربعين"), 50: ("خمسون", "خمسين"),
    60: ("ستون", "ستين"), 70: ("سبعون", "سبعين"), 80: ("ثمانون", "ثمانين"), 90: ("تسعون", "تسعين"),
    100: ("مائة", "مئة", "مائتين", "مئات"), 1000: ("ألف", "آلاف"), 1000000: ("مليون", "ملايين"),
    1000000000: ("مليار", "مليارات"), 0.5: ("نصف",),
}
_AR_WORD_VALUE: dict[str, set] = {}
for _v, _ws in _AR_NUMBER_WORDS.items():
    for _w in _ws:
        _AR_WORD_VALUE.setdefault(normalize_ar(_w), set()).add(_v)

_MONTHS = {
    "January": ("يناير", "كانون الثاني", "جانفي"),
    "February": ("فبراير", "شباط", "فيفري"),
    "March": ("مارس", "آذار"),
    "April": ("أبريل", "إبريل", "نيسان", "أفريل"),
    "May": ("مايو", "أيار", "ماي"),
    "June": ("يونيو", "يونيه", "حزيران", "جوان"),
    "July": ("يوليو", "يوليه", "تموز", "جويلية"),
    "August": ("أغسطس", "آب", "أوت"),
    "September": ("سبتمبر", "أيلول"),
    "October": ("أكتوبر", "تشرين الأول"),
    "November": ("نوفمبر", "تشرين الثاني"),
    "December": ("ديسمبر", "كانون الأول"),
}
_MONTH_RE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")
_AMBIGUOUS_MONTHS = {"May", "March"}  # also verbs: need a number next to them


# Units of measure next to a number: English patterns (right after the number)
# and Arabic words (normalised, clitics stripped) or symbols next to it.  Only
# a *different* unit in the target is flagged: a unit the target leaves out
# is often implied.
_UNITS: dict[str, tuple[str, tuple[str, ...]]] = {
    "second": (r"s|secs?|seconds?", ("ثانية", "ثوان", "ثواني", "ثانيتين", "ثانيتان", "ث")),
    "minute": (r"mins?|minutes?", ("دقيقة", "دقائق", "دقيقتين", "دقيقتان", "د")),
    "hour": (r"h|hrs?|hours?", ("ساعة", "ساعات", "ساعتين", "ساعتان", "سا")),
    "day": (r"days?", ("يوم", "أيام", "يومين", "يومان", "يوما")),
    "week": (r"weeks?", ("أسبوع", "أسابيع", "أسبوعين", "أسبوعان")),
    "month": (r"months?", ("شهر", "أشهر", "شهور", "شهرين", "شهران", "شهرا")),
    "year": (r"years?|yrs?", ("سنة", "سنوات", "سنين", "عام", "أعوام", "سنتين", "عامين", "عاما", "سنه")),
    "kilometre": (r"km|kilomet(?:re|er)s?", ("كم", "كيلومتر", "كيلومترات", "كيلومترا", "km")),
    "metre": (r"m|met(?:re|er)s?", ("متر", "أمتار", "مترا", "مترين", "m")),
    "centimetre": (r"cm|centimet(?:re|er)s?", ("سم", "سنتيمتر", "سنتيمترات", "سنتيمترا", "cm")),
    "kilogram": (r"kg|kilos?|kilograms?", ("كغ", "كجم", "كيلوغرام", "كيلوجرام", "كيلو", "كيلوغرامات", "kg")),
    "gram": (r"g|grams?", ("غ", "جم", "غرام", "جرام", "غرامات", "جرامات", "g")),
    "dollar": (r"dollars?|USD|US\$", ("دولار", "دولارات", "دولارا", "$", "usd")),
    "euro": (r"euros?|EUR", ("يورو", "€", "eur")),
    "byte": (r"bytes?|B", ("بايت", "بايتات")),
    # Arabic writes the byte multiples out, or abbreviates them with or without dots (ك.ب، م.ب، غ.ب/ج.ب، ت.ب)
    "kilobyte": (r"KB|KiB|kB|kilobytes?", ("كيلوبايت", "كيلو بايت", "ك.ب", "كب", "kb", "kib")),
    "megabyte": (r"MB|MiB|megabytes?", ("ميجابايت", "ميغابايت", "ميغا بايت", "ميجا بايت", "م.ب", "مب", "mb", "mib")),
    "gigabyte": (r"GB|GiB|gigabytes?", ("جيجابايت", "غيغابايت", "غيغا بايت", "جيجا بايت", "ج.ب", "غ.ب", "غب", "جب",
                                        "gb", "gib")),
    "terabyte": (r"TB|TiB|terabytes?", ("تيرابايت", "تيرا بايت", "ت.ب", "تب", "tb", "tib")),
    "pixel": (r"px|pixels?", ("بكسل", "بكسلات", "بيكسل", "بيكسلات", "px")),
    "point": (r"pt|points?", ("نقطة", "نقاط", "pt")),
}
_UNIT_AFTER = {u: re.compile(rf"\s?(?:{rx})\b") for u, (rx, _) in _UNITS.items()}
_AR_UNIT: dict[str, set[str]] = {}
for _u, (_rx, _words) in _UNITS.items():
    for _w in _words:
        _AR_UNIT.setdefault(normalize_ar(_w), set()).add(_u)
_SYMBOL_BEFORE = {"$": "dollar", "€": "euro"}


def source_unit(m: "Mention") -> str | None:
    """The unit written right after (or the currency symbol right before) a source number.

    A one-letter unit (s, m, g, h, B) counts only after whitespace: glued to
    the number it is more often something else ("1990s" is a decade, "5m" five
    million), and the number's own plural suffix ("s" of "1990s") is never a unit.
    """
    text = m.seg.text
    before = text[max(0, m.start - 1):m.start]
    if before in _SYMBOL_BEFORE:
        return _SYMBOL_BEFORE[before]
    for unit, rx in _UNIT_AFTER.items():
        hit = rx.match(text, m.end)
        if hit is None:
            continue
        if len(hit.group().strip()) == 1 and not hit.group()[:1].isspace():
            continue  # "1990s", "5m": a glued letter is a suffix, not a unit
        return unit
    return None


# an abbreviation of Arabic letters joined by dots ("غ.ب" gigabyte) or two words read together ("كيلو بايت")
_AR_ABBREVIATION = re.compile(r"\s*([\u0621-\u064a](?:\.[\u0621-\u064a])+)\.?")


def target_units(m: "Mention") -> set[str]:
    """Units written in the two words after (or one before) a target number; an abbreviation with dots
    right after it ("4 غ.ب": gigabytes) is read whole, not as its first letter (غ, gram)."""
    text = m.seg.text
    abbreviation = _AR_ABBREVIATION.match(text, m.end)
    if abbreviation is not None:
        found = _AR_UNIT.get(normalize_ar(abbreviation.group(1)))
        if found:
            return set(found)
    after = WORD_RE.findall(text[m.end:m.end + 24])[:2]
    before = WORD_RE.findall(text[max(0, m.start - 14):m.start])[-1:]
    sym = {text[i] for i in range(max(0, m.start - 2), min(len(text), m.end + 2)) if text[i] in "$€"}
    units: set[str] = set()
    for w in after + before + list(sym):
        for f in word_forms(w) | {w.lower()}:
            units |= _AR_UNIT.get(f, set())
    if len(after) == 2:  # a unit in two words: "كيلو بايت"
        units |= _AR_UNIT.get(normalize_ar(" ".join(after)), set())
    return units


@dataclass(frozen=True)
class Mention:
    value: str  # canonical number, e.g. "1000", "2.5"
    seg: Segment
    start: int
    end: int
    percent: bool = False
    suffix: str = ""  # "s" of "1990s", "st"/"nd"/"rd"/"th" of ordinals
    alts: frozenset = frozenset()  # other readings of an ambiguous separator

    @property
    def readings(self) -> frozenset:
        return self.alts | {self.value}

    @property
    def text(self) -> str:
        return self.seg.text[self.start:self.end]


def _canon(num: str) -> str:
    if "." in num:
        whole, frac = num.split(".", 1)
        frac = frac.replace(".", "").rstrip("0")
    else:
        whole, frac = num, ""
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{frac}" if frac else whole


def _split_number(raw: str) -> list[tuple[str, frozenset[str], int, int]]:
    """One regex match -> (value, other readings, start, end) relative to ``raw``.

    "1,000" is one thousand (or 1.0 where the comma is a decimal mark);
    "1.500" is 1.5 (or 1500 where the dot groups thousands); "2,5" is 2.5;
    "1,2,3" is a list; "3.5" (and Arabic 3٫5, already folded) is a decimal.
    The English source is read one way (``value``); a target number matches
    when any of its readings equals the source value.
    """
    groups = raw.split(",")
    if len(groups) > 1 and all(len(g.split(".")[0]) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        alts = frozenset({_canon(raw.replace(",", "."))}) if len(groups) == 2 and "." not in raw else frozenset()
        return [(_canon(raw.replace(",", "")), alts, 0, len(raw))]
    if len(groups) == 2 and all(groups) and "." not in raw:
        return [(_canon(raw.replace(",", ".")), frozenset(), 0, len(raw))]  # 2,5: decimal comma
    out, pos = [], 0
    for g in groups:
        if g:
            alts = frozenset({_canon(g.replace(".", ""))}) if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", g) else frozenset()
            out.append((_canon(g), alts, pos, pos + len(g)))
        pos += len(g) + 1
    return out


def extract_numbers(seg: Segment) -> list[Mention]:
    text = mask(seg.text).translate(_DIGITS)
    text = _DIMENSION_X.sub(" ", text)  # 5x7 -> 5 7
    out = []
    for m in _NUM_RE.finditer(text):
        raw = m.group()
        if raw.endswith((".", ",")):
            raw = raw[:-1]
        for val, alts, s, e in _split_number(raw):
            s += m.start()
            e += m.start()
            pct = bool(_PERCENT_AFTER.match(text, e)) or bool(_PERCENT_BEFORE.search(text[max(0, s - 2):s]))
            suf = _SUFFIX.match(text, e)
            out.append(Mention(val, seg, s, e, pct, suf.group(1).lower() if suf else "", alts))
    return out


def _val_key(v) -> str:
    return _canon(str(v)) if not isinstance(v, float) or v != int(v) else str(int(v))


def english_number_words(text: str) -> list[str]:
    return [_val_key(_EN_NUMBERS[m.group(1).lower()]) for m in _EN_NUM_WORD.finditer(text)]


def arabic_number_words(text: str) -> list[str]:
    vals: list[str] = []
    for w in WORD_RE.findall(text):
        found = set()
        for f in word_forms(w):
            found |= _AR_WORD_VALUE.get(f, set())
        vals.extend(_val_key(v) for v in sorted(found, key=float))
    return vals


def _take(pool: Counter[str], value: str) -> bool:
    """Take one ``value`` out of a multiset of spelled-out numbers."""
    if pool[value] > 0:
        pool[value] -= 1
        return True
    return False


class _Pool:
    """The target's mentions not yet matched, in order, indexed by value and by reading.

    ``take`` gives what a scan of the remaining mentions in order would (the
    first with the value, else the first with it among its readings) without
    scanning: a page of thousands of numbers is not quadratic."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.taken = [False] * len(mentions)
        self.by_value: dict[str, list[int]] = {}
        self.by_reading: dict[str, list[int]] = {}
        for i, t in enumerate(mentions):
            self.by_value.setdefault(t.value, []).append(i)
            for r in t.readings:
                self.by_reading.setdefault(r, []).append(i)
        self._next: dict[tuple[str, str], int] = {}  # (index, key) -> how far that list is used up

    def _first(self, which: str, index: dict[str, list[int]], key: str) -> int | None:
        ids = index.get(key, [])
        k = self._next.get((which, key), 0)
        while k < len(ids) and self.taken[ids[k]]:
            k += 1
        self._next[(which, key)] = k
        return ids[k] if k < len(ids) else None

    def take(self, value: str) -> Mention | None:
        i = self._first("value", self.by_value, value)
        if i is None:
            i = self._first("reading", self.by_reading, value)
        if i is None:
            return None
        self.taken[i] = True
        return self.mentions[i]

    def left(self) -> list[Mention]:
        return [t for t, gone in zip(self.mentions, self.taken, strict=True) if not gone]


_TEENS_TENS = {w: v for w, v in _EN_NUMBERS.items() if isinstance(v, int) and 10 <= v <= 90 and (v < 20 or v % 10 == 0)}
_UNITS_WORDS = {w: v for w, v in _EN_NUMBERS.items() if isinstance(v, int) and 1 <= v <= 9 and w not in
                ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "once", "twice",
                 "single", "double", "triple", "both")}
_YEAR_PAIR = re.compile(r"\b(" + "|".join(_TEENS_TENS) + r")[\s-]+(" + "|".join(sorted(_TEENS_TENS, key=len, reverse=True))
                        + r")(?:-(" + "|".join(_UNITS_WORDS) + r"))?\b", re.IGNORECASE)


def english_year_pairs(text: str) -> list[str]:
    """Numbers English reads as two pairs of digits, as years and names of years are said: "Twenty Twelve"
    (2012, a WordPress theme), "nineteen ninety-five" (1995).  Extra readings: each word still counts alone."""
    out = []
    for m in _YEAR_PAIR.finditer(text):
        high = _TEENS_TENS[m.group(1).lower()]
        low = _TEENS_TENS[m.group(2).lower()] + (_UNITS_WORDS[m.group(3).lower()] if m.group(3) else 0)
        if low < 100 and (low >= 10 or m.group(3)):
            out.append(str(high * 100 + low))
    return out


def _glued_to_name(m: Mention, tgt_text: str) -> bool:
    """The source writes a Latin name, a space and the number ("RFC 2822", "Windows 10") and the target
    joins them ("RFC2822", "Windows10"): the number reached the target inside the name."""
    name = re.search(r"([A-Za-z][A-Za-z-]*)[ \t]+$", m.seg.text[max(0, m.start - 40):m.start])
    if name is None:
        return False
    glued = re.escape(name.group(1)) + re.escape(m.seg.text[m.start:m.end])
    return re.search(r"(?<![A-Za-z])" + glued + r"(?!\d)", tgt_text.translate(_DIGITS)) is not None


def _in_brackets(t: Mention) -> bool:
    """The mention stands inside a pair of round brackets of its segment."""
    text = t.seg.text
    opened = text.rfind("(", 0, t.start)
    return opened >= 0 and text.rfind(")", opened, t.start) < 0 and text.find(")", t.end) >= 0


class NumbersCheck(Check):
    name = "numbers"
    category = "accuracy/mistranslation/number"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if not pair.src or not pair.tgt:
            return []  # one-sided links are the omission/addition checks' business
        return compare_numbers(self, pair.src, pair.tgt)


def compare_numbers(check: Check, src: tuple[Segment, ...], tgt: tuple[Segment, ...]) -> list[Finding]:
    src_m = [m for s in src for m in extract_numbers(s)]
    tgt_m = [m for s in tgt for m in extract_numbers(s)]
    src_text = " ".join(s.text for s in src)
    tgt_text = " ".join(s.text for s in tgt)
    tgt_spelled = Counter(arabic_number_words(tgt_text))
    src_spelled = Counter(english_number_words(src_text))

    src_spelled.update(english_year_pairs(src_text))
    missing: list[Mention] = []
    remaining = _Pool(tgt_m)
    matched: list[tuple[Mention, Mention]] = []
    for m in src_m:
        hit = remaining.take(m.value)
        if hit is not None:
            matched.append((m, hit))
        elif _take(tgt_spelled, m.value):
            continue
        elif m.suffix == "s" and m.value.endswith("0") and _AR_DECADE.search(tgt_text):
            continue
        elif _glued_to_name(m, tgt_text):
            continue  # "RFC 2822" written "RFC2822": the number is there, joined to its name
        else:
            missing.append(m)
    extra = [t for t in remaining.left() if not _take(src_spelled, t.value)]
    if not missing:
        # every source number is there: a target number the source also has, again in brackets, is the
        # translator restating it in a gloss ("الترخيص 3.0 ... (CC BY-SA 3.0)"), not a number from nowhere
        src_values = {m.value for m in src_m}
        extra = [t for t in extra if not (t.readings & src_values and _in_brackets(t))]

    findings: list[Finding] = []
    # the first missing and extra numbers pair up as changes; the rest are reported alone below
    for a, b in zip(missing, extra, strict=False):
        findings.append(check.finding(
            f"Number changed: the source says {a.text} but the target says {b.text}.",
            src_span=seg_span(a.seg, a.start, a.end), tgt_span=seg_span(b.seg, b.start, b.end),
            threshold=f"source number {a.value} absent from target; target number {b.value} absent from source",
            suggestion=f"use {a.text}",
        ))
    for a in missing[len(extra):]:
        ordinal = a.suffix in ("st", "nd", "rd", "th")
        reference = any(r.start() <= a.start and a.end <= r.end() for r in _REFERENCE.finditer(a.seg.text))
        findings.append(check.finding(
            f"The number {a.text} in the source is missing from the target"
            + (" (an ordinal: check it was spelled out correctly)." if ordinal
               else " (a bracketed reference: check it is given elsewhere)." if reference else "."),
            severity=Severity.MINOR if ordinal or reference else None,
            src_span=seg_span(a.seg, a.start, a.end),
            threshold=f"source number {a.value} absent from target (digits or spelled out)",
        ))
    for b in extra[len(missing):]:
        findings.append(check.finding(
            f"The target has the number {b.text}, which is not in the source.",
            tgt_span=seg_span(b.seg, b.start, b.end),
            threshold=f"target number {b.value} absent from source",
        ))
    for a, b in matched:
        unit = source_unit(a)
        found = target_units(b) if unit else set()
        if unit and found and unit not in found:
            other = sorted(found)[0]
            findings.append(check.finding(
                f"Unit changed: {a.text} {unit}(s) in the source, {b.text} {other}(s) in the target.",
                src_span=seg_span(a.seg, a.start, a.end), tgt_span=seg_span(b.seg, b.start, b.end),
                threshold=f"source unit '{unit}' next to {a.value}; target unit '{other}'",
                suggestion=" / ".join(_UNITS[unit][1][:2]),
            ))
        if a.percent and not b.percent:
            findings.append(check.finding(
                f"{a.text}% in the source lost its percent sign in the target.",
                severity=Severity.MINOR,
                src_span=seg_span(a.seg, a.start, a.end), tgt_span=seg_span(b.seg, b.start, b.end),
                threshold="source percentage without % / ٪ / في المائة in target",
                suggestion=f"{b.text}٪",
            ))
    findings.extend(_compare_months(check, src, tgt_text))
    for f in _compare_named_numbers(check, src, tgt):
        span = f.tgt_span
        if span is not None and not any(g.tgt_span is not None and g.tgt_span.block_index == span.block_index
                                        and g.tgt_span.start < span.end and span.start < g.tgt_span.end
                                        for g in findings):
            findings.append(f)  # (RAID-7's 7 is read as a number already)
    return findings


# a Latin token with digits in it (V4L, RAID-0, IPv4, x86_64, 2FA): its digits are not read as numbers above;
# it may follow an Arabic proclitic without a space (وext4: "and ext4")
_NAMED_NUMBER = re.compile(r"(?<![A-Za-z0-9_.-])(?=[\w.-]*[A-Za-z])(?=[\w.-]*\d)[A-Za-z0-9][\w.-]*[A-Za-z0-9]")


def _named_numbers(segs: tuple[Segment, ...]) -> list[tuple[str, Segment, int, int]]:
    out: list[tuple[str, Segment, int, int]] = []
    for seg in segs:
        text = mask(seg.text).translate(_DIGITS)
        out.extend((m.group(), seg, m.start(), m.end()) for m in _NAMED_NUMBER.finditer(text))
    return out


def renumbered_names(src_text: str, tgt_text: str) -> dict[str, str]:
    """The Latin names with digits of the target that differ from a source name only in their digits, that source
    name not in the target (V6L for V4L, uint66 for uint64), each mapped to that source name (ASCII digits).
    :func:`_compare_named_numbers` reports each as a number changed inside a name, so the untranslated and names
    checks leave both names to this one: one finding per defect, by the check whose category says what it is."""
    src = [m.group() for m in _NAMED_NUMBER.finditer(mask(src_text).translate(_DIGITS))]
    tgt_set = {m.group() for m in _NAMED_NUMBER.finditer(mask(tgt_text).translate(_DIGITS))}
    out = {}
    for token in tgt_set.difference(src):
        shape = re.sub(r"\d+", "#", token)
        twin = next((x for x in src if x not in tgt_set and re.sub(r"\d+", "#", x) == shape), None)
        if twin is not None:
            out[token] = twin
    return out


def renumbered_name(token: str, src_text: str, tgt_text: str) -> bool:
    """``token``, a Latin name with digits in the target, is one of :func:`renumbered_names`."""
    return token.translate(_DIGITS) in renumbered_names(src_text, tgt_text)


def _compare_named_numbers(check: Check, src: tuple[Segment, ...], tgt: tuple[Segment, ...]) -> list[Finding]:
    """A number inside a Latin name changed: the target has a name the source lacks that differs from a
    source name only in its digits (V4L -> V6L, RAID-0 -> RAID-7), and that source name is not in the target."""
    src_names = _named_numbers(src)
    tgt_names = _named_numbers(tgt)
    src_set = {n for n, *_ in src_names}
    tgt_set = {n for n, *_ in tgt_names}
    out = []
    for name, seg, s, e in tgt_names:
        if name in src_set:
            continue
        shape = re.sub(r"\d+", "#", name)
        twin = next((x for x in src_names if x[0] not in tgt_set and re.sub(r"\d+", "#", x[0]) == shape), None)
        if twin is None:
            continue
        out.append(check.finding(
            f"Number changed inside a name: the source says {twin[0]} but the target says {seg.text[s:e]}.",
            src_span=seg_span(twin[1], twin[2], twin[3]), tgt_span=seg_span(seg, s, e),
            threshold=f"source name {twin[0]} absent from target; target name {name} differs from it only in digits",
            suggestion=twin[0],
        ))
    return out


def _compare_months(check: Check, src: tuple[Segment, ...], tgt_text: str) -> list[Finding]:
    out = []
    for seg in src:
        for m in _MONTH_RE.finditer(seg.text):
            month = m.group(1)
            if month in _AMBIGUOUS_MONTHS:
                around = seg.text[max(0, m.start() - 4):m.end() + 4]
                if not re.search(r"\d", around):
                    continue
            if any(find_arabic_phrase(tgt_text, name) for name in _MONTHS[month]) or \
                    any(normalize_ar(name) in normalize_ar(tgt_text) for name in _MONTHS[month] if " " in name):
                continue
            out.append(check.finding(
                f"The date's month '{month}' does not appear in the target.",
                src_span=seg_span(seg, m.start(), m.end()),
                threshold=f"source month {month} absent from target (expected {' / '.join(_MONTHS[month][:2])})",
                suggestion=_MONTHS[month][0],
            ))
    return out
