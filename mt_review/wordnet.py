"""English lemmas and synonyms from Princeton WordNet 3.0, read offline from the Debian package.

Debian's ``wordnet-base`` installs the WordNet database files in
``/usr/share/wordnet`` (``index.noun`` ... and the irregular-form lists
``noun.exc`` ...; WordNet 3.0 licence: free use, copying and distribution
with the copyright notice).  ``make install`` and ``.ci/run`` install it; nothing
is downloaded at run time.  Synonymy needs the index files only: two words are
synonyms when they share a synset (the same offset in the same part of
speech's data file), which the index lines list.  The data files are read for
pertainyms (Egypt ~ Egyptian) and, a line at a time, for the other names of a
proper noun (Gautama ~ Buddha) and whether a word is one (written with a capital
in its synset; the lexicographer file says whether it names a person).

Why not a library: NLTK's WordNet reader needs a ``lexnames`` file that the
Debian package does not ship (and otherwise downloads its own data), and
``wn`` downloads its database at run time.  The index format (wndb(5WN)) is
one line per lemma and the base-form rules (morphy(7WN)) are a short table.

When the package is absent :func:`available` is False and callers fall back
to exact word forms.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

WORDNET_DIR = Path(os.environ.get("MT_REVIEW_WORDNET", "/usr/share/wordnet"))
PACKAGE = "wordnet-base"
POS = ("noun", "verb", "adj", "adv")
# morphy(7WN): suffix -> ending, tried in order, per part of speech
_RULES = {
    "noun": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
             ("men", "man"), ("ies", "y")),
    "verb": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
             ("ing", "")),
    "adj": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "adv": (),
}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, dict[str, tuple[int, ...]]], dict[str, dict[str, tuple[str, ...]]]] | None:
    """(pos -> lemma -> synset offsets, pos -> inflected form -> base forms), or None without WordNet."""
    index: dict[str, dict[str, tuple[int, ...]]] = {}
    exc: dict[str, dict[str, tuple[str, ...]]] = {}
    try:
        for pos in POS:
            table: dict[str, tuple[int, ...]] = {}
            with open(WORDNET_DIR / f"index.{pos}", encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if line.startswith(" "):  # the licence header
                        continue
                    parts = line.split()
                    if len(parts) < 6:
                        continue
                    n_synsets, n_ptrs = int(parts[2]), int(parts[3])
                    offsets = parts[4 + n_ptrs + 2:]
                    table[parts[0]] = tuple(int(o) for o in offsets[:n_synsets])
            index[pos] = table
            forms: dict[str, tuple[str, ...]] = {}
            exc_path = WORDNET_DIR / f"{pos}.exc"
            if exc_path.is_file():
                for line in exc_path.read_text(encoding="utf-8", errors="replace").splitlines():
                    parts = line.split()
                    if len(parts) >= 2:
                        forms[parts[0]] = tuple(parts[1:])
            exc[pos] = forms
    except (OSError, ValueError):
        return None
    return index, exc


def available() -> bool:
    return _tables() is not None


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[tuple[str, str]]:
    """``{(pos, base form)}`` of an English word (morphy); empty when WordNet does not know it."""
    tables = _tables()
    if tables is None:
        return frozenset()
    index, exc = tables
    w = word.lower().replace(" ", "_")
    out: set[tuple[str, str]] = set()
    for pos in POS:
        cands = [w, *exc[pos].get(w, ())]
        cands += [w[: -len(suf)] + end for suf, end in _RULES[pos] if w.endswith(suf) and len(w) > len(suf)]
        out.update((pos, c) for c in cands if c in index[pos])
    return frozenset(out)


@lru_cache(maxsize=65536)
def synsets(word: str) -> frozenset[tuple[str, int]]:
    """``{(pos, offset)}`` of every sense of every base form of ``word``."""
    tables = _tables()
    if tables is None:
        return frozenset()
    index = tables[0]
    return frozenset((pos, off) for pos, lemma in lemmas(word) for off in index[pos][lemma])


def same_word(a: str, b: str) -> bool:
    """Same base form (``takeaways`` ~ ``takeaway``, ``went`` ~ ``go``) or synonyms (a shared synset)."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    la, lb = lemmas(a), lemmas(b)
    if {x for _, x in la} & {x for _, x in lb}:
        return True
    return bool(synsets(a) & synsets(b))


def _synset_words(fh, offset: int) -> list[str]:
    """The words of the synset at ``offset`` of an open data file (the offset is its byte offset)."""
    fh.seek(offset)
    parts = fh.readline().decode("utf-8", errors="replace").split()
    n_words = int(parts[3], 16)
    return [_clean_lemma(parts[4 + 2 * k]) for k in range(n_words)]


def _clean_lemma(word: str) -> str:
    """A lemma of a data file, lower case, without its adjective marker ("French(a)" -> french)."""
    return word.split("(")[0].replace("_", " ").lower()


def _pertainym_links() -> dict[str, set[str]]:
    """Adjective or adverb -> the nouns it pertains to (french -> france) and back (france ->
    french), from the pertainym pointers (``\\``) of data.adj; {} without WordNet."""
    links: dict[str, set[str]] = {}
    try:
        with open(WORDNET_DIR / "data.noun", "rb") as nouns, open(WORDNET_DIR / "data.adj", "rb") as adjs:
            for raw in adjs:
                if raw.startswith(b" ") or b" \\ " not in raw:
                    continue
                parts = raw.decode("utf-8", errors="replace").split()
                n_words = int(parts[3], 16)
                words = [_clean_lemma(parts[4 + 2 * k]) for k in range(n_words)]
                at = 4 + 2 * n_words
                n_ptrs = int(parts[at])
                for k in range(n_ptrs):
                    symbol, offset, pos, st = parts[at + 1 + 4 * k: at + 5 + 4 * k]
                    if symbol != "\\" or pos != "n":
                        continue
                    targets = _synset_words(nouns, int(offset))
                    src, tgt = int(st[:2], 16), int(st[2:], 16)
                    for a in (words if src == 0 else words[src - 1:src]):
                        for b in (targets if tgt == 0 else targets[tgt - 1:tgt]):
                            links.setdefault(a, set()).add(b)
                            links.setdefault(b, set()).add(a)
    except (OSError, ValueError, IndexError):
        return {}
    return links


def _packed_pertainyms() -> str:
    """:func:`_pertainym_links` as one string of sorted lines ``word\\tpartner\\tpartner``, each
    after a newline: one object of ≈0.2 MB where a dict of sets held ≈2.3 MB for the whole run (and
    building it peaked ≈4 MB), looked up rarely (a name found no other way)."""
    links = _pertainym_links()
    return "\n" + "".join(f"{w}\t{chr(9).join(sorted(ps))}\n" for w, ps in sorted(links.items()))


@lru_cache(maxsize=1)
def _pertainym_table() -> str:
    """:func:`_packed_pertainyms`, or what an earlier process kept of it in the cache folder (read
    back in milliseconds, so a review never pays the build's peak again); "\\n" without WordNet."""
    from mt_review.lexicon import _kept

    try:
        stats = [(WORDNET_DIR / f).stat() for f in ("data.adj", "data.noun")]
    except OSError:
        return "\n"
    sources = repr([(str(WORDNET_DIR), st.st_size, st.st_mtime_ns) for st in stats]).encode()
    return _kept("wordnet-pertainyms", sources, str, _packed_pertainyms, _packed_pertainyms, _pertainym_links,
                 _synset_words, _clean_lemma)


@lru_cache(maxsize=4096)
def pertainyms(word: str) -> frozenset[str]:
    """Nouns an adjective pertains to and adjectives pertaining to a noun (Egyptian ~ Egypt,
    France ~ French), lower case: a name may be rendered through its relative adjective (nisba)."""
    if "\n" in word or "\t" in word:
        return frozenset()
    table = _pertainym_table()
    at = table.find(f"\n{word.lower()}\t")
    if at < 0:
        return frozenset()
    line = table[at + 1:table.index("\n", at + 1)]
    return frozenset(line.split("\t")[1:])


PERSON_FILE = 18  # the lexicographer file noun.person (Jonah, Abraham), as a synset line gives it


def _proper_synsets(word: str) -> list[tuple[int, list[str]]]:
    """The noun synsets in which ``word`` is a proper noun (written with a capital there), each as
    (lexicographer file, its lemmas as written: ``Abraham``, ``Ibrahim``); [] without WordNet."""
    tables = _tables()
    if tables is None:
        return []
    key = word.lower().replace(" ", "_")
    offsets = tables[0]["noun"].get(key, ())
    out = []
    try:
        with open(WORDNET_DIR / "data.noun", "rb") as fh:
            for offset in offsets:
                fh.seek(offset)
                parts = fh.readline().decode("utf-8", errors="replace").split()
                n_words = int(parts[3], 16)
                words = [parts[4 + 2 * k].split("(")[0] for k in range(n_words)]
                if any(w.lower() == key and w[:1].isupper() for w in words):
                    out.append((int(parts[1]), words))
    except (OSError, ValueError, IndexError):
        return []
    return out


@lru_cache(maxsize=4096)
def is_proper_noun(word: str, person: bool = False) -> bool:
    """WordNet lists ``word`` as a proper noun (a person, place or book: Jonah, Mecca, Koran); with
    ``person``, as the name of a person (Jonah, not Ummah)."""
    return any(not person or lexfile == PERSON_FILE for lexfile, _ in _proper_synsets(word))


@lru_cache(maxsize=4096)
def alternative_names(word: str) -> frozenset[str]:
    """Other one-word names WordNet gives a proper noun in the same synset, lower case (Abraham ~
    ibrahim, Koran ~ quran, Muhammad ~ mohammed, Satan ~ devil): a translation may follow the other
    form of the name.  Longer lemmas are left out: mostly the same name with more words, or another
    person who bears it (Moses ~ Grandma Moses)."""
    key = word.lower().replace(" ", "_")
    return frozenset(w.lower() for _, words in _proper_synsets(word) for w in words
                     if w.lower() != key and "_" not in w and any(c.isupper() for c in w))
