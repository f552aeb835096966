"""Text helpers shared by the checks: Arabic normalisation, clitics, masking, bracket balance.

Everything here is pure and deterministic.  Offsets are always kept: masking
replaces characters with spaces of the same length so a match in a masked text
is a match at the same offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from mt_review.langid import is_arabic_letter
from mt_review.segment import EMAIL_RE as SEGMENT_EMAIL_RE

# --- Arabic normalisation (for comparing terms, never for display) -----------

# Arabic-Indic and extended Arabic-Indic digits read as ASCII (the same length: offsets stay valid)
ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_NORM_TABLE = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ک": "ك",
        "ی": "ي",
    }
)

_NORM_TABLE_KEEP_TEH = {k: v for k, v in _NORM_TABLE.items() if k != ord("ة")}


def normalize_ar(text: str, *, fold_teh_marbuta: bool = True) -> str:
    """Fold alef variants, teh marbuta, alef maksura, hamza seats; drop diacritics and tatweel.

    Latin letters are lower-cased.  Length may change: use for comparison only.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = text.translate(_NORM_TABLE if fold_teh_marbuta else _NORM_TABLE_KEEP_TEH).lower()
    return text


# Proclitics, longest first: conjunctions و ف, prepositions ب ل ك, article ال.
_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_SUFFIXES = ("هما", "هم", "ها", "كم", "نا", "ه", "ك", "ي")


@lru_cache(maxsize=65536)
def word_forms(token: str) -> frozenset[str]:
    """A normalised Arabic token and its forms with proclitics / pronoun suffixes removed.

    "والوجبات" -> {"والوجبات", "الوجبات", "وجبات", ...}.  A stripped form keeps
    at least two letters so "بلد" never becomes "لد" *and nothing else*.
    """
    # strip on a form that still tells ة from ه, so "القوية" never loses a
    # pronoun "ه" it does not have; fold ة afterwards
    tok = normalize_ar(token, fold_teh_marbuta=False)
    forms = {tok}
    stems = {tok}
    for p in _PREFIXES:
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            stems.add(tok[len(p):])
    # "لل" is ل + ال with the alef dropped: "للعداله" -> "العداله"
    if tok.startswith("لل") and len(tok) > 3:
        stems.add("ا" + tok[1:])
    forms |= stems
    for s in list(stems):
        for suf in _SUFFIXES:
            if s.endswith(suf) and len(s) - len(suf) >= 2:
                base = s[: -len(suf)]
                forms.add(base)
                if base.endswith("ت"):  # مدينتها -> مدينه
                    forms.add(base[:-1] + "ه")
    return frozenset(f.replace("ة", "ه") for f in forms)


def term_core(token: str) -> str:
    """A glossary token's comparison form: normalised, without its article."""
    tok = normalize_ar(token)
    if tok.startswith("ال") and len(tok) > 3:
        tok = tok[2:]
    return tok


# --- tokens ------------------------------------------------------------------

WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def arabic_tokens(text: str) -> list[tuple[str, int, int]]:
    """Arabic-script words of ``text`` as (word, start, end)."""
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text) if is_arabic_letter(m.group()[0])]


# a word with its harakat, shadda and tatweel inside it (WORD_RE splits المرشّح at the shadda)
_MARKED_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed])*")


def arabic_words(text: str) -> list[tuple[str, int, int]]:
    """Arabic-script words of ``text`` as (word, start, end), diacritics kept inside the word."""
    return [(m.group(), m.start(), m.end()) for m in _MARKED_WORD_RE.finditer(text) if is_arabic_letter(m.group()[0])]


@lru_cache(maxsize=65536)
def _match_forms(token: str) -> frozenset[str]:
    forms = word_forms(token)
    return forms | {f[2:] for f in forms if f.startswith("ال") and len(f) > 3}


def find_arabic_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where an Arabic phrase occurs in ``text``, tolerant of clitics, spelling variants and articles.

    Each word of the phrase must match one word of the text in order; a text
    word matches when one of its :func:`word_forms` (with or without the
    article) equals the phrase word's core.
    """
    want = [term_core(w) for w in WORD_RE.findall(phrase)]
    if not want:
        return []
    toks = arabic_tokens(text)
    hits = []
    for i in range(len(toks) - len(want) + 1):
        ok = True
        for j, w in enumerate(want):
            if w not in _match_forms(toks[i + j][0]):
                ok = False
                break
        if ok:
            hits.append((toks[i][1], toks[i + len(want) - 1][2]))
    return hits


# --- masking of items that are not prose ------------------------------------

URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'«»()]+[^\s<>\"'«»().,;:!?،؛]", re.IGNORECASE)
EMAIL_RE = SEGMENT_EMAIL_RE  # bounded, anchored at a token start: linear on long tokens (segment.py)
PLACEHOLDER_RE = re.compile(
    r"%\([A-Za-z_]\w*\)[-+#0]*\d*(?:\.\d+)?[sdifuxXeEgGcr]"  # %(name)s
    r"|(?<![\d%])%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifuxXeEgGcr](?![A-Za-z])"  # %s %d %1$s
    r"|\{\{\s*[\w.]+\s*\}\}"  # {{name}}
    r"|\{[A-Za-z_]\w*(?:[.:][^{}\s]*)?\}"  # {name} {name:.2f}
    r"|\{\d+\}"  # {0}
    r"|\$\{\w+\}"  # ${name}
)
TAG_RE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
CODE_RE = re.compile(r"\[\[[^\[\]]+\]\]|\[[A-Z][A-Z0-9_]*(?:[-:][A-Z0-9_]+)*\]")
PATH_RE = re.compile(
    r"(?<![\w/])(?:~|\.{1,2})?/[\w.-]+(?:/[\w.-]*)+"  # /etc/fstab
    r"|(?<!\w)--?[A-Za-z][\w-]*(?==|\b)"  # --help -v
    r"|\b\w+(?:(?:::|->)\w+)+"  # Acquire::ftp::Proxy  obj->field
    r"|\b[a-z][\w-]*(?:\.[A-Za-z][\w-]*){2,}\b"  # org.gnome.desktop
    r"|\b[A-Za-z]+_[\w]+\b"  # snake_case identifiers
)


def protected_spans(text: str, *, paths: bool = False) -> list[tuple[int, int, str]]:
    """URLs, e-mails, placeholders, tags and codes: (start, end, kind), non-overlapping, sorted."""
    found: list[tuple[int, int, str]] = []
    kinds = [("URL", URL_RE), ("e-mail", EMAIL_RE), ("placeholder", PLACEHOLDER_RE), ("tag", TAG_RE), ("code", CODE_RE)]
    if paths:
        kinds.append(("path", PATH_RE))
    for kind, rx in kinds:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), kind))
    return sorted(found)


def mask(text: str, *, paths: bool = False) -> str:
    """``text`` with protected items replaced by spaces (same length)."""
    chars = list(text)
    for s, e, _ in protected_spans(text, paths=paths):
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def has_arabic(text: str) -> bool:
    return any(is_arabic_letter(c) for c in text)


_BRACKET_PAIRS = {")": "(", "]": "[", "}": "{", "»": "«"}
# “ ” are often swapped in RTL text, so they are counted like " (an even number)
_SYMMETRIC_QUOTES = ('"', "“”")
_BRACKET_OPENERS = set(_BRACKET_PAIRS.values())


def unbalanced(text: str) -> list[int]:
    """Offsets of brackets/quotes without a partner (an odd last ASCII double quote counts)."""
    stack: list[int] = []
    bad: list[int] = []
    for i, ch in enumerate(text):
        if ch in _BRACKET_OPENERS:
            stack.append(i)
        elif ch in _BRACKET_PAIRS:
            if stack and text[stack[-1]] == _BRACKET_PAIRS[ch]:
                stack.pop()
            else:
                bad.append(i)
    bad.extend(stack)
    for chars in _SYMMETRIC_QUOTES:
        quotes = [i for i, ch in enumerate(text) if ch in chars]
        if len(quotes) % 2:
            bad.append(quotes[-1])
    return sorted(bad)
