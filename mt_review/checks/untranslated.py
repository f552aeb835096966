"""Untranslated text: Latin-script words left in the Arabic, and whole segments left in English.

Allowed in Latin script: URLs, e-mails, placeholders, file paths and options
(masked first); glossary terms marked ``keep_latin=yes``; terms marked
``keep_latin=expanded`` when their Arabic rendering is within
``EXPANSION_WINDOW`` characters; and an acronym in parentheses right after
Arabic text when the source also gives it in parentheses (the translator
expanded it: "المعهد الدولي ... (IIJ)").

Severity: a whole segment in English (``CRITICAL_MIN_WORDS`` words or more,
identified as English prose) is critical, other Latin-only segments major; a run of three or more
English words (or two with a function word) is major; a glossary term that
must be translated but was left in Latin is major; a lone acronym or name is
minor (often a brand: confirm it, or add it to the glossary's keep list), and
so is a longer name copied verbatim from the source -- every word capitalised
or an acronym, no English function word ("Visual Studio Code").

Acronyms (issue 10): an all-capitals token copied verbatim from the source
(GIF, URL, UTF-16, PANGOWEIGHTBOLD, TRUE; http for the source's HTTP) is not
flagged: Arabic technical writing keeps format, protocol and constant names in
Latin script, and the English gives no expansion to translate.  Still minor:
an acronym the English *page* defines ("Local Prevention Networks (LPNs)": the
English reader got an expansion, the Arabic reader needs one too) unless the
target expands it in brackets, or the Arabic page has already given it beside
its Arabic expansion in brackets (a later bare use then mirrors the English
one), and an English word in capitals used as a label
("WARNING:") or standing alone.  An acronym the source does not have at all,
outside brackets, is major (a term from nowhere: another term's stand-in).
A token the source sets off as a literal (`requires`, "window-placement") and
the target keeps is not flagged, nor is a term of the source (up to
``MAX_GLOSS_WORDS`` words, no function word) next to its Arabic rendering with
one of the two in brackets ("مدى المحتويات (Content-Range)", "cache (خزن)"):
the translator rendered it and kept the original as a gloss.

Not flagged at all: a lone *identifier* copied verbatim from the source --
code by its form (an inner capital: ``GtkAdjustment``, ``PangoWeight``; an
underscore, ``::`` or ``()``: ``gtk_widget_show()``) or a lower-case word the
English word list lacks (``pixbuf``, ``fontconfig``: a program or package
name).  Such a token has no Arabic translation to give; a lower-case English
word (``cache``) or an acronym still is flagged.  Not flagged either: a
lower-case *joined* token copied from the source, two or more parts joined by
hyphens or dots (``wide-separators``, ``index.theme``, ``apt-get``): English
prose joins words with spaces, so the shape is a property, file or command name
even when each part is an English word.  Still flagged: the prefix compounds of
prose (``e-mail``, ``re-enter``, ``non-empty``: a one-letter first part or a
prefix from ``_PROSE_PREFIXES``), phrases joined by hyphens (``right-to-left``,
``up-to-date``: a function word for a part), a run with a function word
(``apt-get or dpkg``), and a hyphenated compound the source puts
right before a content word ("a read-only file": a modifier, to translate).  A
run of lower-case tokens that starts with a joined token and stands verbatim in
the source is a command line (``apt-get update``), not flagged; so is a run of
lower-case tokens copied from the source that has an option or a file in it
(``git commit -m message``, ``dpkg -i package.deb``) or that the source puts in
backticks, and a joined token with a part the English word list lacks even
before a content word ("the gtk-theme-name setting": a property name).

Documentation (issue 10, session 17): not flagged either, a word of up to two
the *source* names by its kind right after it ("the audio group", "its default
permissive mode"; not "a read-only file"), a lower-case word the English page
starts a sentence with ("approx, on the other hand, ..."), a gloss in the
dictionary form of the source's word ("(block)" for blocks), a piece of an
underscore token of the source (``language-code_COUNTRY-CODE``), one accented
letter or a letter range (é, a-z), and a lone word the segment keeps on purpose
elsewhere or lists with a kept name as the source lists it ("LDAP أو db").  A
name whose number differs from the source's (V6L for V4L) is left to the
numbers check, which reports the changed number: one finding per span.  A run of source words with a Latin name
the source lacks (Wine for ssh, "Java DNS") is left to the names check, which reports the name replaced or
added (session 17b).  Both only when that check reports in this run (:func:`~mt_review.checks.base.reporting`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from mt_review import coverage  # a module import: coverage itself imports checks.text
from mt_review.checks.base import Check, CheckContext, seg_span, whole_span
from mt_review.checks.names import latin_stand_ins
from mt_review.checks.base import reporting
from mt_review.checks.numbers import renumbered_name
from mt_review.checks.text import (ASCII_DIGITS, arabic_words, find_arabic_phrase, has_arabic, mask, normalize_ar,
                                   word_forms)
from mt_review.langid import EN_FUNCTION_WORDS, identify
from mt_review.lexicon import english_words
from mt_review.model import AlignedPair, Finding, Page, Segment, Severity

CRITICAL_MIN_WORDS = 5  # English prose (5+ words, 2+ function words) left as is is critical; menus etc. major
EXPANSION_WINDOW = 120  # chars either side of an acronym where its Arabic expansion may sit
_L = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F"  # Latin letters (no × ÷)
_LAT = rf"[{_L}][{_L}0-9'’.-]*"  # a Latin word: U.S., e-mail, don't, G20
_RUN_RE = re.compile(rf"{_LAT}(?:[ \t,:&/+]+{_LAT})*")  # consecutive Latin words
_LAT_WORD = re.compile(_LAT)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}s?$")
_CODE_FORM = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]{2}|_|::|\(\)")  # camelCase, SELinux, snake_case, A::B, f()
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_:.]*(?:\(\))?")  # a whole code token around a run
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat and tatweel a typist may leave beside a bracket
MAX_GLOSS_WORDS = 3  # Latin words of a term glossed in brackets (longer: English text left in)
_JOINED = re.compile(r"[a-z][a-z0-9]*(?:[-.][a-z][a-z0-9]*)+")  # wide-separators, index.theme, apt-get
_OPTION = re.compile(r"--?[A-Za-z][\w-]*(?:=\S+)?")  # -i, --configure, --level=3
_FILE_TOKEN = re.compile(r"[\w.~-]*/[\w./-]*|[\w-]{2,}\.[a-z][a-z0-9]{1,4}")  # /tmp, ./configure, package.deb
# first parts of hyphenated compounds in ordinary English prose (re-enter, non-empty, self-test)
_PROSE_PREFIXES = frozenset({"re", "co", "pre", "non", "self", "anti", "multi", "sub", "semi", "post",
                             "over", "under", "inter", "ex", "mid", "pro", "de", "un", "dis", "mis", "well"})


@lru_cache(maxsize=2)
def _identifiers(text: str) -> tuple[list[int], list[re.Match[str]]]:
    """The code tokens of a segment and their starts, found once per segment (not once per run)."""
    found = list(_IDENTIFIER.finditer(text))
    return [m.start() for m in found], found


def _identifier_at(text: str, pos: int) -> re.Match[str] | None:
    """The code token covering ``pos`` (tokens do not overlap: the last one starting at or before it)."""
    starts, found = _identifiers(text)
    k = bisect_right(starts, pos) - 1
    return found[k] if k >= 0 and pos < found[k].end() else None


@lru_cache(maxsize=1024)
def _whole_word_in(token: str, src_text: str) -> bool:
    """``token`` stands in the source as a whole word (asked once per distinct token)."""
    return re.search(r"(?<![\w])" + re.escape(token) + r"(?![\w])", src_text) is not None


_DEFINED = re.compile(rf"(?<![{_L}])[{_L}]{{2,}}[ \t]+\(([A-Z][A-Za-z0-9&.-]{{1,8}})\)"  # Words (ACR)
                      rf"|\b([A-Z][A-Z0-9&.-]{{1,7}})s?[ \t]+\([ \t]*[{_L}]{{2,}}[ \t]+[{_L}]{{2,}}")  # ACR (Words


_LAST_PAGE: list[tuple[Page, frozenset[str]]] = []  # the last page asked about (hashing a Page hashes its text)


def _page_definitions(page: Page) -> frozenset[str]:
    """The acronyms a page defines (a trailing plural s dropped), found once per page."""
    last = _LAST_PAGE[0] if _LAST_PAGE else None  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is page:
        return last[1]
    found = set()
    for block in page.blocks:
        for m in _DEFINED.finditer(block.text):
            acr = m.group(1) or m.group(2)
            if sum(c.isupper() for c in acr) >= 2:
                found.add(acr.removesuffix("s"))
    result = frozenset(found)
    _LAST_PAGE[:] = [(page, result)]
    return result


def joined_identifier(token: str) -> bool:
    """Lower-case parts joined by hyphens or dots, each of two or more letters, the first no
    prefix of a prose compound, no hyphenated part a function word (wide-separators,
    index.theme; not e-mail, re-enter, right-to-left, up-to-date)."""
    if not _JOINED.fullmatch(token):
        return False
    parts = re.split(r"[-.]", token)
    return (all(len(p) >= 2 for p in parts) and parts[0] not in _PROSE_PREFIXES
            and not ("-" in token and any(p in EN_FUNCTION_WORDS for p in parts)))


_LAST_TARGET: list[tuple[Page, frozenset[str]]] = []  # the last target page asked about
_AR_WORD = r"[\u0621-\u064a][\u0621-\u064a\u064b-\u065f\u0670\u0640]*"
# "مجلس الصحة الإقليمي (RHB)" / "PPD الجديد (وصف طابعة بوستسكربت)": an acronym given with its Arabic expansion
_INTRODUCED = re.compile(rf"{_AR_WORD}\s+{_AR_WORD}\s*[(（]\s*([A-Z][A-Z0-9&.-]{{1,7}}?)s?\s*[)）]"
                         rf"|(?<![A-Za-z])([A-Z][A-Z0-9&.-]{{1,7}}?)s?(?:\s+{_AR_WORD}){{0,2}}\s*[(（]\s*"
                         rf"{_AR_WORD}\s+{_AR_WORD}[^()（）A-Za-z]{{0,80}}[)）]")


def _page_introductions(page: Page) -> frozenset[str]:
    """The acronyms the Arabic page gives beside an Arabic expansion in brackets (two Arabic words
    or more on the other side of the bracket), a trailing plural s dropped; once per page."""
    last = _LAST_TARGET[0] if _LAST_TARGET else None
    if last is not None and last[0] is page:
        return last[1]
    found = {(m.group(1) or m.group(2)).removesuffix("s") for block in page.blocks
             for m in _INTRODUCED.finditer(block.text)}
    for block in page.blocks:  # or beside its expansion in Latin: "SASL (Simple Authentication and Security Layer)"
        text = block.text.translate(ASCII_DIGITS)
        for m in _RUN_RE.finditer(text):
            words = _LAT_WORD.findall(m.group())
            if len(words) >= 2:
                acr = _expansion_acronym(text, m.start(), m.end(), words)
                if acr is not None and _ACRONYM.match(acr):
                    found.add(acr.removesuffix("s"))
    result = frozenset(found)
    _LAST_TARGET[:] = [(page, result)]
    return result


# --- documentation (issue 10, session 16): what a technical translation keeps in Latin on purpose ---------

# Arabic-Indic digits the Arabic writes inside a Latin name (x٨٦, libsasl٢, IPv٦): the same characters as the
# source's ASCII digits, read as ASCII so the name is one token and matches the source
_NAME_NUMBER = re.compile(r"\b([A-Za-z][A-Za-z.+-]*)[ \t]+(\d+(?:\.\d+)*)\b")  # RFC 2822, Windows 10

# modifier keys of a key chord (Ctrl+Alt+F1, Alt-X, Alt + Shift + letter)
_MODIFIERS = r"(?:ctrl|control|alt|altgr|shift|meta|super|cmd|command|option|opt|fn|win|hyper)"
_CHORD = re.compile(rf"(?<![A-Za-z]){_MODIFIERS}(?:[ \t]*[+-][ \t]*{_MODIFIERS})*[ \t]*[+-][ \t]*[A-Za-z0-9]+\b",
                    re.IGNORECASE)

# Arabic nouns that name the kind of a literal right after them: "الأمر ls" (the command ls), "الحزمة samba",
# "المفتاح Enter", "التعليمة Options", "الخيار sync" -- the translator names the thing in Arabic and keeps its
# literal name, as the source does ("the ls command").  Normalised, without proclitics (see _naming_noun).
_NAMING_NOUNS = frozenset(normalize_ar(w) for w in """
    أمر أوامر أمرين برنامج برامج أداة أدوات حزمة حزم حزمتين حزمتا ملف ملفات ملفين مجلد مجلدات خيار خيارات
    خيارين متغير متغيرات متحول معامل معاملات بارامتر بارامترات مفتاح مفاتيح تعليمة تعليمات تعليمتا تعليمتين
    توجيهة قيمة قيم وحدة وحدات خدمة خدمات دالة دوال حقل حقول زر أزرار لاحقة بادئة امتداد صيغة اسم أسماء
    حرف محرف رمز واجهة واجهات جسر معمارية معماريات بروتوكول توزيعة قسم أقسام مدخلة مدخلات نوع مخدم خادم
    عميل صفحات مكتبة مكتبات سكربت محرر كلمة
    """.split())


NAMING_LOOKBACK = 2  # Arabic words before a literal among which its naming noun may stand ("عميل البريد mutt")
MAX_NAMED_TOKENS = 4  # Latin words of a literal after a naming noun (longer: English text left in)
_COORD = re.compile(r"[\s\u200e\u200f\u061c،,:\-–—]*(?:و|أو)?[\s\u200e\u200f\u061c]*$")


_NUMBER_ENDINGS = (("تين", "ه"), ("تان", "ه"), ("تا", "ه"), ("ات", "ه"), ("ات", ""), ("ين", ""), ("ان", ""))


def _naming_noun(word: str) -> bool:
    """An Arabic word (with proclitics: بالأمر، للحزمة، والملف; dual or plural: للمعماريتين، الخيارات)
    that names a kind of literal."""
    forms = word_forms(word)
    if forms & _NAMING_NOUNS:
        return True
    return any(f.endswith(end) and len(f) - len(end) >= 2 and f[:-len(end)] + repl in _NAMING_NOUNS
               for f in forms for end, repl in _NUMBER_ENDINGS)


def _initials(tokens: list[str]) -> str:
    """The initials of a Latin run's words and of their hyphenated parts, function words left out
    (Simple Authentication and Security Layer -> SASL, Point-to-Point Tunneling Protocol -> PPTP), upper-case."""
    parts = [p for t in tokens for p in re.split(r"[-/]", t) if p]
    return "".join(p[0] for p in parts if p.lower() not in EN_FUNCTION_WORDS).upper()


_ACRONYM_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9&]{1,9}(?![A-Za-z0-9])")
ACRONYM_WINDOW = 80  # chars either side of a Latin expansion where its acronym may stand


def _acronym_letters(token: str) -> set[str]:
    """What an acronym token spells: its letters (P&P -> PP, dsc -> DSC) and its capitals (AWStats -> AWS)."""
    letters = re.sub(r"[^A-Za-z]", "", token).upper()
    caps = re.sub(r"[^A-Z]", "", token)
    return {x for x in (letters, caps) if len(x) >= 2}


def _expansion_acronym(text: str, s: int, e: int, tokens: list[str]) -> str | None:
    """The acronym that the Latin run text[s:e] spells out, when that acronym stands near it in the same
    text ("APT (Advanced Package Tool)", "(LTS = Long Term Support)", "(Master Boot Record، واختصاراً MBR)").
    An acronym's expansion is a name: Arabic technical writing gives it in Latin beside the acronym."""
    if sum(len([p for p in re.split(r"[-/]", t) if p]) for t in tokens) < 2:
        return None
    spelled = _initials(tokens)
    if len(spelled) < 2:
        return None
    lo, hi = max(0, s - ACRONYM_WINDOW), min(len(text), e + ACRONYM_WINDOW)
    for m in _ACRONYM_TOKEN.finditer(text, lo, hi):
        if s <= m.start() < e:
            continue
        if spelled in _acronym_letters(m.group()):
            return m.group()
    return None


def _quoted_in_both(text: str, s: int, e: int, run: str, src_text: str) -> bool:
    """The run fills a pair of double quotes in the target, and the source quotes the same words: a
    quotation, a label the user types or a title ("“physical volume for RAID”", "“Read the Fine Manual”").
    Only double quotes and guillemets, and only a pair that opens before the run (an odd number of
    double quotes before it): between two quoted labels ('Enabled' checkbox in the 'Policies' tab)
    the words sit outside both pairs."""
    before = _MARKS.sub("", text[max(0, s - 12):s]).rstrip("\u200e\u200f ")
    after = _MARKS.sub("", text[e:e + 12]).lstrip("\u200e\u200f ")
    if not before or not after or before[-1] not in _DOUBLE_QUOTES or after[0] not in _DOUBLE_QUOTES:
        return False
    if not _opens(text, s, before[-1]):
        return False
    words = r"\s+".join(re.escape(w) for w in run.split())
    pattern = f"[{_DOUBLE_QUOTES}]" + r"\s*" + words + r"[\s.,;:!?]*" + f"[{_DOUBLE_QUOTES}]"
    return any(_opens(src_text, m.start() + 1, src_text[m.start()]) for m in re.finditer(pattern, src_text))


def _opens(text: str, end: int, quote: str) -> bool:
    """Whether ``quote``, the last double quote before text[end], opens a pair: a guillemet by its
    shape, a symmetric quote by an odd count of them up to ``end``."""
    if quote in "«»":
        return quote == "«"
    return sum(ch in _SYMMETRIC for ch in text[:end]) % 2 == 1


_DOUBLE_QUOTES = "\"“”„«»"
_SYMMETRIC = "\"“”„"  # double quotes, read as symmetric: right-to-left text often swaps “ and ”
_OPENERS = {"(": ")）", "（": ")）", "[": "]", "«": "»"}
MAX_BRACKET = 160  # chars of a bracket or quote whose Arabic and Latin words are read together


@lru_cache(maxsize=2)
def _quote_positions(text: str) -> list[int]:
    """Offsets of the double quotes of a segment, found once per segment (not once per run)."""
    return [k for k, ch in enumerate(text) if ch in _SYMMETRIC]


def _enclosure(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The innermost bracket (the nearest unclosed opener before text[s:e] and its closer after) or double
    quote pair (an odd number of double quotes before) around text[s:e]: offsets of the inside, if any,
    each side within ``MAX_BRACKET`` characters."""
    best: tuple[int, int] | None = None
    depth = 0
    for k in range(s - 1, max(-1, s - MAX_BRACKET - 1), -1):
        ch = text[k]
        if ch in ")）]»":
            depth += 1
        elif ch in _OPENERS:
            if depth:
                depth -= 1
                continue
            for j in range(e, min(len(text), e + MAX_BRACKET)):
                if text[j] in _OPENERS[ch]:
                    best = (k + 1, j)
                    break
                if text[j] in _OPENERS:
                    break
            break
    quotes = _quote_positions(text)
    n_before = bisect_right(quotes, s - 1)
    if n_before % 2:
        q = quotes[n_before - 1]
        close = next((j for j in range(e, min(len(text), e + MAX_BRACKET)) if text[j] in _SYMMETRIC), None)
        if close is not None and s - q <= MAX_BRACKET and (best is None or q + 1 > best[0]):
            best = (q + 1, close)
    return best


def _renders(arabic: list[str], tokens: list[str]) -> bool:
    """The FreeDict dictionary renders the Latin words by the Arabic words: more than half of the words of
    3+ letters it knows are rendered there ("block device file" after ملف جهاز تخزيني (كتلي): block and
    file; not "(Squid grapher)" after راسم البيانات: grapher only)."""
    forms = coverage.prepare(" ".join(arabic)).forms  # the words' comparable forms, as coverage compares them
    known = [r for r in (coverage.stemmed_renderings(t.lower()) for t in tokens if len(t) >= 3 and t.isalpha()) if r]
    return 2 * sum(1 for r in known if r & forms) > len(known)


def _run_pattern(run: str) -> str:
    """A regex for a Latin run as the source may space it: words in order, a space between two words
    matching any whitespace, a mark between them (, / + & :) with or without spaces ("iPad , Kindle" for
    "iPad, Kindle")."""
    out = []
    for piece in re.split(r"([ \t,:&/+]+)", run):
        if not piece:
            continue
        if re.fullmatch(r"[ \t,:&/+]+", piece):
            marks = re.sub(r"\s", "", piece)
            out.append(r"\s*" + re.escape(marks) + r"\s*" if marks else r"\s+")
        else:
            out.append(re.escape(piece))
    return "".join(out)


# an English inflectional ending a gloss may drop: the translator glosses with the dictionary form of the
# source's word ("(block)" for "blocks", ”mirror“ for "mirrors", "(configure)" for "configured")
_INFLECTION = r"(?:s|es|d|ed|ing)?"

# nouns that name the kind of a literal right after it in English ("the audio group", "the make target command",
# "its default permissive mode", "the info system"): the English counterpart of _NAMING_NOUNS
# (not file, directory, user, key, value, field: "a read-only file", "a text file" -- an adjective before them is
# common prose; a hyphenated literal is left to _command_from_source)
_EN_KINDS = ("command|commands|package|packages|program|programs|tool|utility|daemon|service|module|library|group|"
             "directive|option|variable|parameter|mode|flag|property|keyword|protocol|script|system")
_EN_NAMED = r"(?![\w-])[ \t]+(?:" + _EN_KINDS + r")\b"
MAX_SOURCE_NAMED = 2  # Latin words of a literal the source names by its kind (longer: English text left in)

_LIST_GAP = re.compile(r"[\s\u200e\u200f\u061c]*[،,/]?[\s\u200e\u200f\u061c]*(?:و|أو)?[\s\u200e\u200f\u061c]*")
_LOWER_START = re.compile(r"(?:^|(?<=[A-Za-z0-9)\]][.!?])[ \t]+|(?<=\n))([a-z][a-z0-9+-]*[a-z0-9])(?![\w'’])")
_LAST_LOWER: list[tuple[Page, frozenset[str]]] = []


def _page_lower_starts(page: Page) -> frozenset[str]:
    """Words the English page writes in lower case at the start of a sentence or block ("approx, on the other
    hand, acts like …", "top is an interactive tool", "notice: conditions are normal"): English prose
    capitalises a sentence's first word, so one left in lower case is a literal -- a command, program or
    keyword -- wherever the page uses it.  Function words left out; found once per page."""
    last = _LAST_LOWER[0] if _LAST_LOWER else None
    if last is not None and last[0] is page:
        return last[1]
    found = {m.group(1) for block in page.blocks for m in _LOWER_START.finditer(block.text)
             if m.group(1) not in EN_FUNCTION_WORDS}
    result = frozenset(found)
    _LAST_LOWER[:] = [(page, result)]
    return result


def _arabic_words(text: str) -> list[str]:
    """The Arabic words of ``text`` (:func:`checks.text.arabic_words`, marks kept inside), without offsets."""
    return [w for w, _, _ in arabic_words(text)]


KEPT_ON_PAGE = 2  # pairs of a page that keep a Latin word where their source has it: the page's convention
_LAST_KEPT: list[tuple[tuple, dict[str, int]]] = []


def _page_kept(ctx: CheckContext) -> dict[str, int]:
    """Per Latin word, in how many pairs of the page the target has it (as a whole word) and the source
    too; found once per page."""
    last = _LAST_KEPT[0] if _LAST_KEPT else None
    if last is not None and last[0] is ctx.pairs:
        return last[1]
    counts: dict[str, int] = {}
    for p in ctx.pairs:
        if not p.src or not p.tgt:
            continue
        src_words = {w.rstrip(".") or w for w in _LAT_WORD.findall(p.src_text)}
        tgt_words = {w.rstrip(".") or w for w in _LAT_WORD.findall(mask(p.tgt_text.translate(ASCII_DIGITS), paths=True))}
        for w in tgt_words & src_words:
            counts[w] = counts.get(w, 0) + 1
    _LAST_KEPT[:] = [(ctx.pairs, counts)]
    return counts


class UntranslatedCheck(Check):
    name = "untranslated"
    category = "accuracy/untranslated"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if not pair.tgt:
            return []
        src_text = pair.src_text
        glued = _NAME_NUMBER.sub(r"\1\2", src_text)  # "RFC 2822" read also as the target's "RFC2822"
        src_any = src_text if glued == src_text else src_text + "\n" + glued
        out: list[Finding] = []
        for seg in pair.tgt:
            out.extend(self._segment(seg, src_text, ctx, pair, src_any))
        return out

    def _segment(self, seg: Segment, src_text: str, ctx: CheckContext, pair: AlignedPair,
                 src_any: str | None = None) -> list[Finding]:
        text = seg.text.translate(ASCII_DIGITS)  # same length: offsets stay valid
        src_any = src_text if src_any is None else src_any
        masked = mask(text, paths=True)
        runs = []
        for m in _RUN_RE.finditer(masked):
            s, e = m.start(), m.end()
            while e > s and text[e - 1] in " .,:-&/+'’":  # a closing quote is not part of the word
                e -= 1
            runs.append((s, e))
        if not runs:
            return []
        verdicts = [self._judge(text, s, e, src_any, ctx) for s, e in runs]
        verdicts = self._kept_in_segment(text, runs, verdicts, src_any)
        if reporting(ctx, "names"):
            verdicts = self._names_stand_ins(text, runs, verdicts, pair)
        flagged = [(s, e, v) for (s, e), v in zip(runs, verdicts, strict=True) if v is not None]
        if not flagged:
            return []
        lang = identify(masked)
        n_words = len(_LAT_WORD.findall(masked))
        if pair.src and lang in ("en", "latn") and n_words >= 3 and not has_arabic(masked):
            same = " ".join(text.split()) == " ".join(src_text.split())
            function_words = sum(w.lower() in EN_FUNCTION_WORDS for w in _LAT_WORD.findall(masked))
            prose = lang == "en" and n_words >= CRITICAL_MIN_WORDS and function_words >= 2
            return [self.finding(
                "This segment was left in English: it is not translated." if lang == "en"
                else "This segment is in Latin script, not Arabic: it looks untranslated.",
                severity=Severity.CRITICAL if prose else Severity.MAJOR,
                src_span=whole_span(pair.src, ctx.source),
                tgt_span=seg_span(seg, 0, len(text)),
                threshold="target segment identified as " + ("English" if lang == "en" else "Latin-script")
                + (" (identical to the source)" if same else "") + f"; {n_words} Latin words, no Arabic",
            )]
        return [
            self.finding(msg, severity=sev, tgt_span=seg_span(seg, s, e), threshold=thr, suggestion=sug)
            for s, e, (sev, msg, thr, sug) in flagged
        ]

    @staticmethod
    def _names_stand_ins(text: str, runs: list[tuple[int, int]], verdicts: list, pair: AlignedPair) -> list:
        """A flagged run with a Latin-script name the source does not have (:func:`latin_stand_ins`: Wine where the
        source says ssh, "Java DNS" where it says "DNS") whose other words are all words of the source is left to
        the names check, which reports the name as replaced or added (major): one finding per defect, by the check
        whose category says what it is.  A run with English words of its own stays this check's."""
        if not pair.src or all(v is None for v in verdicts):
            return verdicts
        src_text = pair.src_text.translate(ASCII_DIGITS)
        starts = {a for a, _ in latin_stand_ins(src_text, text)}
        out = []
        for (s, e), v in zip(runs, verdicts, strict=True):
            if v is not None:
                tokens = [(s + m.start(), m.group().rstrip(".") or m.group()) for m in _LAT_WORD.finditer(text[s:e])]
                if any(a in starts for a, _ in tokens) \
                        and all(a in starts or _whole_word_in(t, src_text) for a, t in tokens):
                    v = None
            out.append(v)
        return out

    @staticmethod
    def _kept_in_segment(text: str, runs: list[tuple[int, int]], verdicts: list, src_text: str) -> list:
        """A lone word flagged minor that another run of the segment keeps on purpose (a literal named by its
        kind, a gloss, a command: "تشير كلمة locale … نستخدم locale … هذه locales", "الأمر make target … يأخذ
        target"), or its plural or singular, copied from the source: the same literal used again."""
        kept = {t.lower() for (s, e), v in zip(runs, verdicts, strict=True) if v is None
                for t in _LAT_WORD.findall(text[s:e]) if len(t) >= 2}
        if not kept:
            return verdicts
        out = []
        for k, ((s, e), v) in enumerate(zip(runs, verdicts, strict=True)):
            word = text[s:e].lower()
            if (v is not None and v[0] == Severity.MINOR and _LAT_WORD.fullmatch(word)
                    and _whole_word_in(text[s:e], src_text)
                    and ({word, word.removesuffix("s"), word.removesuffix("es"), word + "s"} & kept
                         or UntranslatedCheck._listed_with_kept(text, runs, verdicts, k, src_text))):
                v = None
            out.append(v)
        return out

    @staticmethod
    def _listed_with_kept(text: str, runs: list[tuple[int, int]], verdicts: list, k: int, src_text: str) -> bool:
        """Run ``k`` is listed beside a neighbouring run kept on purpose ("LDAP أو db", "bin، sbin، lib",
        "Intel أو AMD"), and the source lists the two words together too ("LDAP or db"): items of one list
        are of one kind, so a word listed with a kept name is a name as well."""
        s, e = runs[k]
        for j in (k - 1, k + 1):
            if not 0 <= j < len(runs) or verdicts[j] is not None:
                continue
            a, b = runs[j]
            gap = text[e:a] if j > k else text[b:s]
            if not _LIST_GAP.fullmatch(gap):
                continue
            first, second = (text[s:e], text[a:b]) if j > k else (text[a:b], text[s:e])
            joined = re.escape(first) + r"\s*(?:,|/|\s(?:or|and))\s*" + re.escape(second)
            if re.search(r"(?<![\w-])" + joined + r"(?![\w-])", src_text):
                return True
        return False

    def _judge(self, text: str, s: int, e: int, src_text: str, ctx: CheckContext):
        run = text[s:e]
        tokens = _LAT_WORD.findall(run)
        tokens = [t.rstrip(".") or t for t in tokens]
        gl = ctx.glossary
        if gl is not None:
            entry = gl.latin_entry(run)
            if entry is not None:
                if entry.keep_latin == "yes":
                    return None
                if entry.keep_latin == "expanded":
                    window = text[max(0, s - EXPANSION_WINDOW):e + EXPANSION_WINDOW]
                    if any(find_arabic_phrase(window, ar) for ar in entry.ar):
                        return None
                    return (Severity.MAJOR, f"'{run}' is kept in Latin script without its Arabic expansion.",
                            f"glossary: '{entry.en}' may stay in Latin only next to its Arabic rendering",
                            f"{entry.ar[0]} ({run})")
                return (Severity.MAJOR, f"'{run}' was left in Latin script; the glossary has an Arabic rendering.",
                        f"glossary term '{entry.en}' must be translated (keep_latin=no)", entry.ar[0])
            if all((le := gl.latin_entry(t)) is not None and le.keep_latin == "yes" for t in tokens):
                return None
        if len(tokens) == 1 and re.search(r"\d", run) and reporting(ctx, "numbers") \
                and renumbered_name(run, src_text, text):
            return None  # V6L for the source's V4L: a number changed inside a name, the numbers check's finding
        if len(tokens) == 1 and len(tokens[0]) == 1 and _whole_word_in(tokens[0], src_text):
            return None  # one letter of the source: a key, a permission, a variable (u, g, x, N)
        if self._character_example(run):
            return None
        if self._within_code_token(text, s, e, src_text):
            return None
        if self._key_chord(run, src_text):
            return None
        if len(tokens) == 1 and _ACRONYM.match(tokens[0]) and self._expanded_in_parens(text, s, e, src_text, tokens[0]):
            return None
        if _expansion_acronym(text, s, e, tokens) is not None:
            return None  # an acronym's expansion beside it: a name
        if (self._named_literal(text, s, e, run, tokens, src_text) or self._glossed_in_enclosure(text, s, e, tokens, run, src_text)
                or self._glossed_after_rendering(text, s, tokens, run, src_text)):
            return None
        if (self._identifier_from_source(text, s, e, src_text) or self._command_from_source(tokens, run, src_text)
                or self._command_line_from_source(run, tokens, src_text, text[e:])
                or self._code_token_from_source(text, s, e, run, src_text)):
            return None
        if len(tokens) == 1 and self._literal_from_source(tokens[0], src_text):
            return None
        if self._named_in_source(run, tokens, src_text):
            return None
        if (len(tokens) == 1 and tokens[0].islower() and tokens[0] in _page_lower_starts(ctx.source)
                and _whole_word_in(tokens[0], src_text)):
            return None  # "approx, on the other hand, …": a sentence of the page starts with it in lower case
        if self._glossed_from_source(text, s, e, tokens, src_text):
            return None
        if len(tokens) == 1 and self._capitals_from_source(tokens[0], src_text, ctx):
            return None
        if len(tokens) >= 2 and self._acronyms_from_source(run, tokens, src_text, ctx):
            return None
        if self._product_from_source(run, tokens, src_text, ctx):
            return None
        if (len(tokens) == 1 and _whole_word_in(tokens[0], src_text) and self._kept_on_page(tokens[0], ctx)
                and not (_ACRONYM.match(tokens[0]) and self._defined_on_page(tokens[0], ctx))):
            return None
        lowered = [t.lower() for t in tokens]
        if _quoted_in_both(text, s, e, run, src_text):
            if len(tokens) <= MAX_GLOSS_WORDS and not any(t in EN_FUNCTION_WORDS for t in lowered):
                return None
            return (Severity.MINOR, f"The quotation '{run}' is kept in English.",
                    "Latin-script words quoted verbatim as the source quotes them (a quotation, a label or a title)",
                    "translate it, or keep it in English and give its meaning in Arabic")
        if len(tokens) == 1 and _ACRONYM.match(tokens[0]) and self._defined_on_page(tokens[0], ctx):
            if self._expanded_in_parens(text, s, e, f"({tokens[0]})", tokens[0]):
                return None  # the page defines it, so an expansion in brackets here is the source's own
            return (Severity.MINOR, f"The acronym '{run}' stands in Latin script without the Arabic expansion "
                    "the English page gives it.",
                    "acronym defined on the source page ('Words (ACR)') and not expanded in Arabic nearby",
                    "give the Arabic expansion, optionally followed by the acronym in parentheses")
        function_words = sum(t in EN_FUNCTION_WORDS for t in lowered)
        in_source = run.lower() in src_text.lower()
        if len(tokens) >= 3 and not function_words and self._name_from_source(run, tokens, src_text):
            return (Severity.MINOR, f"The name '{run}' is left in Latin script (as in the source).",
                    f"{len(tokens)} capitalised Latin-script words copied verbatim from the source "
                    "(a product or organisation name?) and not a glossary keep-term",
                    "transliterate or translate it, or add it to the glossary with keep_latin=yes")
        if len(tokens) >= 3 or (len(tokens) >= 2 and function_words):
            return (Severity.MAJOR, f"English words left untranslated: '{run}'.",
                    f"{len(tokens)} consecutive Latin-script words in Arabic text", None)
        if len(tokens) == 1 and _ACRONYM.match(tokens[0]):
            # not in the source: a term from nowhere (another term's stand-in), unless a bracketed gloss
            bracketed = text[:s].rstrip().endswith(("(", "（")) and text[e:].lstrip().startswith((")", "）"))
            return (Severity.MINOR if in_source or bracketed else Severity.MAJOR, f"The acronym '{run}' stands in Latin script"
                    + (" without an Arabic expansion." if in_source else "; the source does not have it."),
                    "Latin acronym " + ("copied from the source (an English word in capitals, a label or alone)"
                                        if _whole_word_in(tokens[0], src_text) else
                                        "in capitals where the source is not" if in_source else "not in the source")
                    + " and not expanded in Arabic nearby (not a glossary keep-term)",
                    "give the Arabic expansion, optionally followed by the acronym in parentheses")
        what = "name" if tokens[0][:1].isupper() else "word"
        return (Severity.MINOR, f"The {what} '{run}' is left in Latin script"
                + (" (as in the source)." if in_source else "."),
                "Latin-script " + ("word copied from the source" if in_source else "word not in the source")
                + " and not a glossary keep-term",
                "transliterate or translate it, or add it to the glossary with keep_latin=yes")

    @staticmethod
    def _key_chord(run: str, src_text: str) -> bool:
        """A key combination the source gives too (in any case, spaced or not): modifier keys joined by +
        or - to a key (Ctrl+Alt+F1, Alt-X, Alt + Shift + letter, "Control+a q"), the rest of the run single
        keys.  A run with words besides the keys ("press Ctrl+S to save") is not one, nor a chord the
        source does not have (another term's stand-in)."""
        chords = list(_CHORD.finditer(run))
        if not chords:
            return False
        rest = _CHORD.sub(" ", run)
        if not all(len(w) == 1 or re.fullmatch(r"F\d{1,2}", w) for w in re.findall(r"[A-Za-z0-9]+", rest)):
            return False
        squeezed = re.sub(r"\s+", "", src_text).lower()
        return all(re.sub(r"\s+", "", c.group()).lower() in squeezed for c in chords)

    @staticmethod
    def _character_example(run: str) -> bool:
        """A character, not a word: one accented Latin letter ("é" as an example of an accented character) or a
        range of characters ("a-z", "A-Z").  No English word has either shape."""
        if len(run) == 1:
            return run.isalpha() and not run.isascii()
        return re.fullmatch(r"[a-z]-[a-z]|[A-Z]-[A-Z]", run) is not None

    @staticmethod
    def _within_code_token(text: str, s: int, e: int, src_text: str) -> bool:
        """The run is a piece of a longer token joined by an underscore ("CODE" of language-code_COUNTRY-CODE,
        a placeholder the source spells so) that stands verbatim in the source: code, not words."""
        a, b = s, e
        while a > 0 and (text[a - 1].isascii() and (text[a - 1].isalnum() or text[a - 1] in "_-.")):
            a -= 1
        while b < len(text) and (text[b].isascii() and (text[b].isalnum() or text[b] in "_-.")):
            b += 1
        token = text[a:b].strip(".-")
        return "_" in token and token != text[s:e] and _whole_word_in(token, src_text)

    @staticmethod
    def _named_in_source(run: str, tokens: list[str], src_text: str) -> bool:
        """A literal the *source* names by its kind right after it -- "the audio group", "the make target
        command", "its default permissive mode" -- kept verbatim by the target, which renders the kind noun in
        Arabic: the translator kept the name and translated the noun, as with :meth:`_named_literal`.  At most
        ``MAX_SOURCE_NAMED`` words, no function word (an injected English phrase is longer, and prose before
        "system" or "mode" has function words)."""
        if not 1 <= len(tokens) <= MAX_SOURCE_NAMED or any(t.lower() in EN_FUNCTION_WORDS or "-" in t for t in tokens):
            return False
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in run.split()) + _EN_NAMED
        return re.search(pattern, src_text) is not None

    @staticmethod
    def _named_literal(text: str, s: int, e: int, run: str, tokens: list[str], src_text: str) -> bool:
        """A literal the Arabic names by its kind right before it -- "الأمر ls" (the ls command), "بالأمر
        mkdir directory", "المفتاح Enter", "التعليمة Options", "تعليمتا Allow from وDeny from" -- copied
        verbatim from the source, at most ``MAX_NAMED_TOKENS`` words.  A function word is allowed only in
        a literal in capitals (MAIL FROM) or of up to three words that starts with a capital (a directive:
        Allow from); English prose after such a noun ("الملف that you open", "برنامج program installed
        under": a run of more than one word whose first word is in the English word list, unless a directive
        the source capitalises mid-sentence) stays flagged."""
        words = run.split()
        if len(words) > MAX_NAMED_TOKENS:
            return False
        if any(t.lower() in EN_FUNCTION_WORDS for t in tokens):
            upper = run.upper() == run
            directive = len(words) <= 3 and tokens[0][:1].isupper() and tokens[0].lower() not in EN_FUNCTION_WORDS
            if not (upper or directive):
                return False
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])"
        found = re.search(pattern, src_text)
        if found is None:
            return False
        common = english_words()
        if len(words) > 1 and run.upper() != run and common is not None and tokens[0].lower() in common:
            # words of the word list after the noun ("برنامج program installed under"): prose put in, unless
            # a directive the source capitalises mid-sentence ("The Allow from and Deny from directives")
            before = src_text[:found.start()].rstrip()
            if not (tokens[0][:1].isupper() and before and before[-1] not in ".!?:;\"“”(\n"):
                return False
        head = text[max(0, s - 200):s]
        for _ in range(4):  # literals coordinated under one noun: "المدخلات passwd و shadow و group"
            head = re.sub(r"[\s\u200e\u200f\u061c\"'“”‘’«»(（\[–—:،,-]+$", "", head)
            head = re.sub(r"(?:^|(?<=\s))(?:و|أو)$|(?<=[\s،,])و$", "", head).rstrip()
            last = re.search(r"[A-Za-z0-9][\w.+/-]*$", head)
            if last is None:
                break
            head = head[:last.start()]
        for word in reversed(head.split()[-NAMING_LOOKBACK:]):
            if re.search("[A-Za-z]", word) or normalize_ar(word) in coverage.ar_function_forms():
                return False  # "الملف في Visual Studio Code": a preposition between, the noun names no literal
            if _naming_noun(word):
                return True
        return False

    @staticmethod
    def _glossed_in_enclosure(text: str, s: int, e: int, tokens: list[str], run: str, src_text: str) -> bool:
        """A term in Latin inside the same brackets or quotes as Arabic words -- "(أو التقسيم partitioning)",
        "”الإقلاع المزدوج dual boot“", "(milter، اختصار mail filter)" -- or alone in brackets right after
        Arabic words.  The translator rendered the term and gave the English one beside it (a few words, no
        function word: not a sentence left in English).  A term the source does not spell the same way
        ("(wild services)" for "wild" services) counts only when the dictionary renders one of its words by
        an Arabic word beside it: a term from another place (a name swapped in) renders nothing there."""
        if not 1 <= len(tokens) <= MAX_GLOSS_WORDS or any(t.lower() in EN_FUNCTION_WORDS for t in tokens):
            return False
        inside = _enclosure(text, s, e)
        if inside is None:
            return False
        a, b = inside
        beside = _arabic_words(text[a:s]) + _arabic_words(text[e:b])
        if not beside and (outer := _enclosure(text, a - 1, b + 1)) is not None:
            a, b = outer  # a quote inside a bracket: "(أو يعكس ”mirror“)"
            beside = _arabic_words(text[a:s]) + _arabic_words(text[e:b])
        if not beside and text[a - 1] in "(（":
            beside = _arabic_words(text[max(0, a - 40):a - 1])[-3:]  # "(wild services)" after its rendering
        if not beside:
            return False
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in run.split()) + _INFLECTION + r"(?![\w-])"
        if re.search(pattern, src_text, re.IGNORECASE) is not None:
            return True  # the source's word in any case, or its plural or verb form: "(block)" for blocks,
            # ”mirror“ for mirrors, "(FALSE)" for false
        return _renders(beside, tokens)

    @staticmethod
    def _glossed_after_rendering(text: str, s: int, tokens: list[str], run: str, src_text: str) -> bool:
        """A term of the source right after its Arabic rendering, without brackets: "بنقل move", "ملف
        جهاز تخزيني (كتلي) block device file" -- the dictionary renders each of its words it knows by
        one of the Arabic words just before it (``2n + 1`` words for ``n`` Latin words, back to the last
        mark or Latin word).  A few words, no function word; English put in place of the Arabic has no
        rendering of itself right before it."""
        if not 1 <= len(tokens) <= MAX_GLOSS_WORDS or any(t.lower() in EN_FUNCTION_WORDS for t in tokens):
            return False
        if re.search(r"(?<![\w-])" + _run_pattern(run) + r"(?![\w-])", src_text) is None:
            return False
        head = text[max(0, s - 80):s]
        cut = max((m.end() for m in re.finditer(r"[A-Za-z0-9.؛:؟!?;]", head)), default=0)
        words = _arabic_words(head[cut:])[-(2 * len(tokens) + 1):]
        return bool(words) and _renders(words, tokens)

    @staticmethod
    def _kept_on_page(token: str, ctx: CheckContext) -> bool:
        """A Latin word the target page keeps in Latin in two pairs or more, each time where the source has
        it: the site's convention for a name or term (apt, Postfix, Windows), not a word left by mistake."""
        return _page_kept(ctx).get(token, 0) >= KEPT_ON_PAGE

    @staticmethod
    def _code_token_from_source(text: str, s: int, e: int, run: str, src_text: str) -> bool:
        """One token copied verbatim from the source whose shape is code or a name, never an
        English word: letters and digits together (x86, IPv4, arm64, ff0000; several side by side), a part in capitals joined by
        - or / (Simple-CDD, NP-complete, QEMU/KVM, TCP/IP), a file name with an extension (Sources.xz), a
        variable ($minor) or the key of a key=value (security=selinux)."""
        if re.search(r"\s", run):  # tokens of letters with digits side by side: "{ operation1 operation2 }"
            return (all(re.search(r"[A-Za-z][0-9]|[0-9][A-Za-z]", w) for w in run.split())
                    and re.search(r"(?<![\w-])" + _run_pattern(run) + r"(?![\w-])", src_text) is not None)
        if not _whole_word_in(run, src_text):
            return False
        if re.search(r"[A-Za-z][0-9]|[0-9][A-Za-z]", run):
            return True
        parts = re.split(r"[-/]", run)
        if len(parts) >= 2 and any(len(p) >= 2 and p.isupper() for p in parts):
            return True
        if "/" not in run and _FILE_TOKEN.fullmatch(run):
            return True
        before, after = text[s - 1:s], text[e:e + 1]
        if before and before in "$%@" and before + run in src_text:
            return True
        return after == "=" and re.search(r"(?<![\w-])" + re.escape(run) + "=", src_text) is not None

    @staticmethod
    def _acronyms_from_source(run: str, tokens: list[str], src_text: str, ctx: CheckContext) -> bool:
        """Acronyms side by side (QEMU/KVM, IDE/PATA, TCP/IP), each one no English word and copied from the
        source as :meth:`_capitals_from_source` allows: names of formats, protocols and programs."""
        common = english_words()
        if common is None or len(tokens) > 2:
            return False  # (two acronyms, however spaced: "SSL / TLS" for the source's SSL/TLS)
        return all(t.isupper() and t.isalpha() and t.lower() not in common
                   and UntranslatedCheck._capitals_from_source(t, src_text, ctx) for t in tokens)

    @staticmethod
    def _identifier_from_source(text: str, s: int, e: int, src_text: str) -> bool:
        """One identifier (code by its form, or a lower-case non-English word) that the source
        has verbatim as a whole word: a name of code or software with no Arabic rendering."""
        m = _identifier_at(text, s)
        token = m.group().rstrip(".:") if m is not None else ""
        if not token or m is None or m.start() + len(token) < e:
            return False  # more than one word in the run
        if _CODE_FORM.search(token):
            return _whole_word_in(token, src_text)
        common = english_words()
        letters = re.sub(r"[^A-Za-z]", "", token)
        return (common is not None and token.islower() and len(letters) >= 3 and letters.isalpha()
                and token == letters and letters not in common and _whole_word_in(token, src_text))

    @staticmethod
    def _command_from_source(tokens: list[str], run: str, src_text: str) -> bool:
        """Lower-case tokens, the first one joined by hyphens or dots (:func:`joined_identifier`),
        standing verbatim in the source: a property, file or command name (``wide-separators``,
        ``index.theme``, ``apt-get update``)."""
        if not tokens or not joined_identifier(tokens[0]) or not all(t.islower() for t in tokens):
            return False
        if any(t in EN_FUNCTION_WORDS for t in tokens):
            return False  # "right-to-left or left-to-right": words of prose around it
        pattern = r"(?<![\w.-])" + r"\s+".join(re.escape(w) for w in run.split()) + r"(?![\w-])"
        found = re.search(pattern, src_text)
        if found is None:
            return False
        # a hyphenated compound right before a content word modifies it ("a read-only file"):
        # English prose, to translate; a name stands alone or before a verb or function word
        following = re.match(r"\s+([a-z]+)\b", src_text[found.end():])
        if not ("-" in tokens[-1] and following is not None and following.group(1) not in EN_FUNCTION_WORDS):
            return True
        # ... unless a part is no English word (gtk-theme-name setting): a property name, not a modifier
        common = english_words()
        return common is not None and any(p not in common for p in re.split(r"[-.]", tokens[-1]))

    @staticmethod
    def _command_line_from_source(run: str, tokens: list[str], src_text: str, after: str = "") -> bool:
        """A command line copied verbatim from the source: two or more tokens in lower case, and
        code by its shape -- an option (``dpkg -i``, ``git commit -m``), a file or path (``package.deb``,
        ``/tmp``) -- or the source puts the whole run in backticks (```make clean all```).  Typed as is,
        not translated.  Words alone stay flagged, even rare ones (``assistive technology access``,
        ``sudo apt update``: a word the word list lacks is no sign of a program in a run), and so
        does a run with a function word outside backticks."""
        words = run.split()
        if not all(w.islower() or _OPTION.fullmatch(w) or not any(c.isalpha() for c in w) for w in words):
            return False  # lower case, bar options (dpkg -L package)
        option = re.match(r"[ \t]+(--?[A-Za-z][\w-]*)", after)
        if option is not None and not any(t in EN_FUNCTION_WORDS for t in tokens):
            # the target goes on with an option, as the source does: "ls -Z", "semanage fcontext -a"
            following = r"\s+".join(re.escape(w) for w in words + [option.group(1)])
            if re.search(r"(?<![\w./-])" + following + r"(?![\w-])", src_text):
                return True
        if len(tokens) < 2:
            return False
        if re.search(r"`\s*" + r"\s+".join(re.escape(w) for w in words) + r"\s*`", src_text):
            return True
        if any(t in EN_FUNCTION_WORDS for t in tokens):
            return False
        pattern = r"(?<![\w./-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])"
        if re.search(pattern, src_text) is None:
            return False
        return any(_OPTION.fullmatch(w) or _FILE_TOKEN.fullmatch(w) for w in words)

    @staticmethod
    def _glossed_from_source(text: str, s: int, e: int, tokens: list[str], src_text: str) -> bool:
        """A term of the source given next to its Arabic rendering, one of them in brackets:
        "مدى المحتويات (Content-Range)", "cache (خزن)".  The translator rendered it and kept the
        original as a gloss (a few words, no function word: not a sentence left in English)."""
        if not 1 <= len(tokens) <= MAX_GLOSS_WORDS or any(t.lower() in EN_FUNCTION_WORDS for t in tokens):
            return False
        run = text[s:e]
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in run.split()) + r"(?![\w-])"
        if re.search(pattern, src_text) is None:
            return False
        before = _MARKS.sub("", text[:s]).rstrip()
        after = _MARKS.sub("", text[e:]).lstrip()
        if before.endswith(("(", "（")) and after.startswith((")", "）")):
            return any(has_arabic(w) for w in before[:-1].split()[-3:])
        m = re.match(r"[(（]([^()（）A-Za-z]{2,60})[)）]", after)
        return m is not None and has_arabic(m.group(1))

    @staticmethod
    def _literal_from_source(token: str, src_text: str) -> bool:
        """The source sets the token off as a literal (`requires`, "window-placement", 'auto') and the
        target keeps it verbatim: a keyword or value the user types, not a word to translate."""
        q = "[`'\"\u2018\u2019\u201c\u201d]"
        return re.search(q + re.escape(token) + q, src_text) is not None

    @staticmethod
    def _capitals_from_source(token: str, src_text: str, ctx: CheckContext) -> bool:
        """An all-capitals token (GIF, UTF-16, PANGOWEIGHTBOLD, TRUE) copied verbatim from the source.

        Arabic technical writing keeps such tokens in Latin script: format and protocol names
        (GIF, URL, PDF), code constants (TRUE, NULL).  Still flagged: an acronym the English page
        itself defines ("Local Prevention Networks (LPNs)": the English reader got an expansion,
        the Arabic reader needs one too), and an English word in capitals used as a label
        ("WARNING:", "NOTE!") or standing alone, which is text to translate."""
        letters = re.sub(r"[^A-Za-z]", "", token)
        if letters.islower() and len(letters) >= 2 and re.search(
                r"(?<![\w-])" + re.escape(token.upper()) + r"(?!\w)", src_text):
            token, letters = token.upper(), letters.upper()  # http for the source's HTTP: the same acronym
        if len(letters) < 2 or not (letters.isupper() or letters[:-1].isupper() and letters[-1] == "s"):
            return False
        if not re.search(r"(?<![\w-])" + re.escape(token) + r"s?(?!\w)", src_text):
            return False  # (the source's plural, URLs, DVD-ROMs: Arabic does not pluralise a Latin acronym)
        if _ACRONYM.match(token) and UntranslatedCheck._defined_on_page(token, ctx):
            return False
        common = english_words()
        if common is not None and letters.lower() in common:
            lower_words = sum(1 for w in _LAT_WORD.findall(src_text) if w.islower())
            # a label opens a sentence ("WARNING: …"); "choose PAP: it is offered …" names a value
            label = re.search(r"(?:^|[.!?]\s+|\n)" + re.escape(token) + r"\s*[:!]", src_text) is not None
            return lower_words >= 2 and not label
        return True

    @staticmethod
    def _product_from_source(run: str, tokens: list[str], src_text: str, ctx: CheckContext) -> bool:
        """A program or product name copied verbatim from the source: a capitalised word the English
        word list lacks (Wintab, Inkscape), alone or with acronyms the page does not define ("Wintab API").
        It has no Arabic translation to give, like a lower-case program name (:meth:`_identifier_from_source`);
        an English word (Tar, Checksum for the source's checksum) or a defined acronym is still flagged."""
        common = english_words()
        if common is None or len(tokens) > 2:
            return False
        names = 0
        for t in tokens:
            if _ACRONYM.match(t):
                if UntranslatedCheck._defined_on_page(t, ctx):
                    return False
            elif t[:1].isupper() and t[1:].islower() and len(t) >= 3 and t.isalpha() and t.lower() not in common:
                names += 1
            elif _CODE_FORM.search(t) and t.isalpha():
                names += 1  # MacBook, iPad: an inner capital is a product's spelling
            else:
                return False
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in run.split()) + r"(?![\w-])"
        return names >= 1 and re.search(pattern, src_text) is not None

    @staticmethod
    def _defined_on_page(acronym: str, ctx: CheckContext) -> bool:
        """The English page defines the acronym ("Words … (ACR)" or "ACR (Words …)") and the Arabic
        page never gives it beside its Arabic expansion: once the Arabic reader has been told what it
        stands for, a later bare use mirrors the English one."""
        acr = acronym.removesuffix("s")
        return acr in _page_definitions(ctx.source) and acr not in _page_introductions(ctx.target)

    @staticmethod
    def _name_from_source(run: str, tokens: list[str], src_text: str) -> bool:
        """Every word capitalised or an acronym ("Visual Studio Code", "Google Cloud Platform", "iOS"),
        and the run appears verbatim (as whole words) in the source: a name, not prose."""
        if not all(t[:1].isupper() or any(c.isupper() for c in t[1:]) for t in tokens):
            return False
        return re.search(r"(?<!\w)" + _run_pattern(run) + r"(?!\w)", src_text) is not None

    @staticmethod
    def _expanded_in_parens(text: str, s: int, e: int, src_text: str, acronym: str) -> bool:
        """The target expands the acronym next to it and the source has it too.

        "… expansion (ACR)" when the source also writes "(ACR)", or
        "ACR (expansion …)" when the source has ACR at all.
        """
        before = text[:s].rstrip()
        after = text[e:].lstrip()
        if before.endswith(("(", "（")) and after.startswith((")", "）")):
            preceding = before[:-1].rstrip()[-40:]
            if sum(1 for w in preceding.split() if has_arabic(w)) < 2:
                return False
            return re.search(r"\(\s*" + re.escape(acronym) + r"\s*\)", src_text) is not None
        m = re.match(r"[(（]([^()（）]{3,80})[)）]", after)
        if m and sum(1 for w in m.group(1).split() if has_arabic(w)) >= 2:
            return re.search(r"(?<!\w)" + re.escape(acronym) + r"(?!\w)", src_text) is not None
        return False
