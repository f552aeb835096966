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
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from mt_review.checks.base import Check, CheckContext, seg_span, whole_span
from mt_review.checks.text import find_arabic_phrase, has_arabic, mask
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
    result = frozenset(found)
    _LAST_TARGET[:] = [(page, result)]
    return result


class UntranslatedCheck(Check):
    name = "untranslated"
    category = "accuracy/untranslated"
    default_severity = Severity.MAJOR

    def run(self, pair: AlignedPair, ctx: CheckContext) -> list[Finding]:
        if not pair.tgt:
            return []
        src_text = pair.src_text
        out: list[Finding] = []
        for seg in pair.tgt:
            out.extend(self._segment(seg, src_text, ctx, pair))
        return out

    def _segment(self, seg: Segment, src_text: str, ctx: CheckContext, pair: AlignedPair) -> list[Finding]:
        text = seg.text
        masked = mask(text, paths=True)
        runs = []
        for m in _RUN_RE.finditer(masked):
            s, e = m.start(), m.end()
            while e > s and text[e - 1] in " .,:-&/+'’":  # a closing quote is not part of the word
                e -= 1
            runs.append((s, e))
        if not runs:
            return []
        verdicts = [self._judge(text, s, e, src_text, ctx) for s, e in runs]
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
        if len(tokens) == 1 and _ACRONYM.match(tokens[0]) and self._expanded_in_parens(text, s, e, src_text, tokens[0]):
            return None
        if (self._identifier_from_source(text, s, e, src_text) or self._command_from_source(tokens, run, src_text)
                or self._command_line_from_source(run, tokens, src_text)):
            return None
        if len(tokens) == 1 and self._literal_from_source(tokens[0], src_text):
            return None
        if self._glossed_from_source(text, s, e, tokens, src_text):
            return None
        if len(tokens) == 1 and self._capitals_from_source(tokens[0], src_text, ctx):
            return None
        if self._product_from_source(run, tokens, src_text, ctx):
            return None
        lowered = [t.lower() for t in tokens]
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
                    "Latin acronym " + ("in capitals where the source is not" if in_source else "not in the source")
                    + " and not expanded in Arabic nearby (not a glossary keep-term)",
                    "give the Arabic expansion, optionally followed by the acronym in parentheses")
        what = "name" if tokens[0][:1].isupper() else "word"
        return (Severity.MINOR, f"The {what} '{run}' is left in Latin script"
                + (" (as in the source)." if in_source else "."),
                "Latin-script " + ("word copied from the source" if in_source else "word not in the source")
                + " and not a glossary keep-term",
                "transliterate or translate it, or add it to the glossary with keep_latin=yes")

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
    def _command_line_from_source(run: str, tokens: list[str], src_text: str) -> bool:
        """A command line copied verbatim from the source: two or more tokens in lower case, and
        code by its shape -- an option (``dpkg -i``, ``git commit -m``), a file or path (``package.deb``,
        ``/tmp``) -- or the source puts the whole run in backticks (```make clean all```).  Typed as is,
        not translated.  Words alone stay flagged, even rare ones (``assistive technology access``,
        ``sudo apt update``: a word the word list lacks is no sign of a program in a run), and so
        does a run with a function word outside backticks."""
        if len(tokens) < 2 or not all(t.islower() or not any(c.isalpha() for c in t) for t in tokens):
            return False
        words = run.split()
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
        if not re.search(r"(?<![\w-])" + re.escape(token) + r"(?!\w)", src_text):
            return False
        if _ACRONYM.match(token) and UntranslatedCheck._defined_on_page(token, ctx):
            return False
        common = english_words()
        if common is not None and letters.lower() in common:
            lower_words = sum(1 for w in _LAT_WORD.findall(src_text) if w.islower())
            label = re.search(re.escape(token) + r"\s*[:!]", src_text) is not None
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
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in run.split()) + r"(?!\w)"
        return re.search(pattern, src_text) is not None

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
