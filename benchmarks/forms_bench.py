"""How well Arabic word forms let the FreeDict dictionary find a source's words in its target.

Every meaning check that reads the eng-ara dictionary (omission and addition coverage, wrong
segment, names' renderings) asks whether some form of an English word's rendering is among the
forms of the target's words.  A form rule (a stemmer, a normaliser) helps only if it finds more
words in a pair's *own* target than it does in an unrelated one, so for each generator this
counts, on the tuning half of both evaluation sets (never the held half):

* ``known``: English content words with a dictionary rendering (as in ``coverage.source``);
* ``true``: those found in the pair's own target;
* ``random``: those found in another pair's target of the same set (a fixed derangement);
* ``gain``: true − random finds, and the change of each against the hand-written forms
  (``hand``: word_forms and light stems, the project's forms before the Snowball stem joined them;
  ``current`` is coverage._forms as it is).

Each generator maps one Arabic token to its comparable forms and is applied to the target's
words and to the dictionary renderings' words alike.  ``+lib`` adds the library's output to the
hand-written forms; ``=lib`` replaces them with it (the whole normalised token kept).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/forms_bench.py [--only hand,current,snowball+] [--misses N] [--speed]

The libraries are optional (``pip install snowballstemmer nltk tashaphyne qalsadi``); a
generator whose library is missing is skipped.  ``--misses N`` prints N true-pair misses of the
hand-written forms whose word a generator would find (to see what the rules still lack);
``--speed`` times each library per distinct target word, uncached.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import mt_review.checks  # noqa: E402,F401  # first: coverage imported first meets align.lexical's import of it half made
from mt_review import coverage  # noqa: E402
from mt_review.checks.text import arabic_words, normalize_ar, word_forms  # noqa: E402
from mt_review.langid import EN_FUNCTION_WORDS  # noqa: E402
from mt_review import lexicon, wordnet  # noqa: E402
from mt_review.lexicon import en_ar_dictionary  # noqa: E402

from defects import load_set, split_halves  # noqa: E402

Gen = Callable[[str], frozenset[str]]


def _plain(token: str) -> str:
    """The token normalised as the project compares words, ة kept (libraries read it as feminine)."""
    return normalize_ar(token, fold_teh_marbuta=False)


def _fold(forms) -> frozenset[str]:
    return frozenset(f.replace("ة", "ه") for f in forms if f)


def hand(token: str) -> frozenset[str]:
    """The hand-written forms alone: word_forms and their light stems (coverage._forms before the
    Snowball stem joined it); the library rows are measured against these."""
    forms = word_forms(token)
    return forms | {coverage.light_stem(f) for f in forms}


def current(token: str) -> frozenset[str]:
    """The project's forms as they are (coverage._forms)."""
    return coverage._forms(token)


def deep(token: str) -> frozenset[str]:
    """The hand-written forms and also without an accusative alef or an imperfect prefix (the
    rules of coverage._deep_forms, which the addition check reads on the target side only)."""
    forms = set(hand(token))
    forms |= {f[:-1] for f in forms if len(f) >= 4 and f.endswith("ا")}
    forms |= {f[1:] for f in forms if len(f) >= 4 and f[0] in "يتن"}
    return frozenset(forms)


def loose(token: str) -> frozenset[str]:
    """The hand-written forms and their crude root keys (√, coverage.root_keys), as
    coverage.loose_forms reads them for the wrong-segment and omission tests."""
    forms = hand(token)
    return forms | {"√" + k for f in forms for k in coverage.root_keys(f)}


def _library(name: str) -> Callable[[str], str] | None:
    """A one-word stemmer / lemmatiser from a library, or None when it is not installed."""
    try:
        if name == "snowball":
            import snowballstemmer
            st = snowballstemmer.stemmer("arabic")
            return st.stemWord
        if name == "isri":
            from nltk.stem.isri import ISRIStemmer
            return ISRIStemmer().stem
        if name == "isri-light":
            from nltk.stem.isri import ISRIStemmer
            isri = ISRIStemmer()

            def light(w: str) -> str:  # ISRI's first stage: normalise, 3/2-letter prefix and suffix off
                w = isri.norm(w, 1)
                w = isri.pre32(w)
                w = isri.suf32(w)
                w = isri.waw(w)
                return isri.norm(w, 2)
            return light
        if name == "tashaphyne":
            from tashaphyne.stemming import ArabicLightStemmer
            ls = ArabicLightStemmer()

            def tstem(w: str) -> str:
                ls.light_stem(w)
                return ls.get_stem()
            return tstem
        if name == "tashaphyne-root":
            from tashaphyne.stemming import ArabicLightStemmer
            lr = ArabicLightStemmer()

            def troot(w: str) -> str:
                lr.light_stem(w)
                return lr.get_root()
            return troot
        if name == "qalsadi":
            import qalsadi.lemmatizer
            lem = qalsadi.lemmatizer.Lemmatizer()
            return lambda w: str(lem.lemmatize(w))
    except ImportError:
        return None
    raise ValueError(name)


LIBRARIES = ("snowball", "isri", "isri-light", "tashaphyne", "tashaphyne-root", "qalsadi")


def library_gens() -> dict[str, Gen]:
    """``NAME+`` (the hand-written forms and the library's) and ``NAME=`` (the library's alone) per library found."""
    out: dict[str, Gen] = {}
    for name in LIBRARIES:
        fn = _library(name)
        if fn is None:
            continue
        one = lru_cache(maxsize=None)(fn)
        LIB_CALLS[name] = fn

        def lib_forms(token: str, one=one) -> frozenset[str]:
            plain = _plain(token)
            return _fold({plain, normalize_ar(one(plain))})

        out[name + "+"] = lambda t, f=lib_forms: hand(t) | f(t)
        out[name + "="] = lib_forms
    return out


GENERATORS: dict[str, Gen] = {"hand": hand, "current": current, "deep": deep, "loose": loose}
LIB_CALLS: dict[str, Callable[[str], str]] = {}  # the libraries' one-word calls, uncached, for their speed


def speed(pairs) -> None:
    """Microseconds per distinct target word of each library call and of the hand-written forms, uncached."""
    words = sorted({_plain(w) for _, ar, _ in pairs for w, _, _ in arabic_words(ar)})
    calls: dict[str, Callable[[str], object]] = {"hand": lambda w: {coverage.light_stem(f) for f in word_forms.__wrapped__(w)}}
    calls.update(LIB_CALLS)
    for name, fn in calls.items():
        t0 = time.perf_counter()
        for w in words:
            fn(w)
        print(f"  speed {name:<18}{1e6 * (time.perf_counter() - t0) / len(words):9.1f} µs/word ({len(words)} words)")


@lru_cache(maxsize=None)
def rendering_tokens(word: str) -> tuple[str, ...]:
    """The words of an English word's dictionary renderings, with its base forms' (coverage.renderings)."""
    dictionary = en_ar_dictionary()
    if dictionary is None:
        return ()
    bases = {word}
    for end, repl in coverage._ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            bases.add(word[: -len(end)] + repl)
    return tuple(sorted({t for b in bases for r in dictionary.arabic(b) for t in r.split()}))


def rendering_keys(word: str, gen: Gen, cache: dict) -> frozenset[str]:
    """``gen``'s forms of every rendering word, as coverage.renderings keeps them (3+ letters or whole)."""
    got = cache.get(word)
    if got is None:
        out: set[str] = set()
        for token in rendering_tokens(word):
            whole = normalize_ar(token)
            out |= {f for f in gen(token) if len(f) >= 3 or f == whole}
        got = cache[word] = frozenset(out)
    return got


def content_words(english: str) -> list[str]:
    return sorted({w.lower() for w in coverage.EN_WORD.findall(english)
                   if w.lower() not in EN_FUNCTION_WORDS and len(w) >= 3})


def target_keys(arabic: str, gen: Gen) -> frozenset[str]:
    out: set[str] = set()
    for w, _, _ in arabic_words(arabic.translate(coverage._AR_DIGITS)):
        out |= gen(w)
    return frozenset(out)


def derangement(n: int, seed: int = 0) -> list[int]:
    """A permutation of range(n) with no fixed point (each pair meets another pair's target)."""
    order = list(range(n))
    rng = random.Random(seed)
    while True:
        rng.shuffle(order)
        if all(i != j for i, j in enumerate(order)):
            return order


def measure(pairs, gen: Gen, others: list[int]) -> dict:
    """known / true / random finds of ``gen`` on ``pairs`` (the random target of pair i is others[i])."""
    rcache: dict = {}
    targets = [target_keys(ar, gen) for _, ar, _ in pairs]
    known = true = rand = 0
    for i, (en, _, _) in enumerate(pairs):
        for w in content_words(en):
            keys = rendering_keys(w, gen, rcache)
            if not keys:
                continue
            known += 1
            true += bool(keys & targets[i])
            rand += bool(keys & targets[others[i]])
    return {"known": known, "true": true, "random": rand}


def misses(pairs, gen: Gen, n: int) -> None:
    """True-pair words the hand-written forms miss and ``gen`` finds, with the target word that matched."""
    cur_cache: dict = {}
    gen_cache: dict = {}
    shown = 0
    for en, ar, origin in pairs:
        cur = target_keys(ar, hand)
        for w in content_words(en):
            keys_c = rendering_keys(w, hand, cur_cache)
            if not keys_c or keys_c & cur:
                continue
            keys_g = rendering_keys(w, gen, gen_cache)
            hits = [t for t, _, _ in arabic_words(ar) if gen(t) & keys_g]
            if hits:
                print(f"  {origin:<24} {w:<14} {' '.join(hits[:3]):<30} ~ {' '.join(rendering_tokens(w)[:4])}")
                shown += 1
                if shown >= n:
                    return


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="catalogues,prose")
    ap.add_argument("--only", default="", help="comma-separated generator names (default: all found)")
    ap.add_argument("--misses", type=int, default=0, help="show N misses of the hand-written forms that each generator finds")
    ap.add_argument("--speed", action="store_true", help="time each library per distinct target word")
    ap.add_argument("--renderings", action="store_true",
                    help="measure the English side and the renderings (target forms fixed) instead")
    args = ap.parse_args(argv)
    if args.renderings:
        renderings_report(args.sets.split(","))
        return
    gens = dict(GENERATORS)
    gens.update(library_gens())
    gens.update(EXTRA)
    if args.only:
        gens = {k: gens[k] for k in args.only.split(",")}
    print(f"{'set/generator':<28}{'known':>7}{'true':>7}{'random':>8}{'gain':>7}{'Δtrue':>7}{'Δrandom':>8}")
    for set_name in args.sets.split(","):
        tune, _held = split_halves(load_set(set_name))
        others = derangement(len(tune))
        base = measure(tune, hand, others)
        for name, gen in gens.items():
            r = base if name == "hand" else measure(tune, gen, others)
            print(f"{set_name + '/' + name:<28}{r['known']:>7}{r['true']:>7}{r['random']:>8}"
                  f"{r['true'] - r['random']:>7}{r['true'] - base['true']:>+7}{r['random'] - base['random']:>+8}")
            if args.misses and name != "hand":
                misses(tune, gen, args.misses)
        if args.speed:
            speed(tune)


EXTRA: dict[str, Gen] = {}  # hand-written candidate rules, filled below


# ---------------------------------------------------------------- the English side and the renderings
#
# ``--renderings``: the same counts with the target's forms fixed (coverage._forms, as prepare keeps
# them) and the *English* word's rendering keys changed: which English words a source word reads the
# dictionary under (coverage.english_bases), and which Arabic forms a rendering adds
# (coverage.imperative_forms).  ``before15`` is coverage.stemmed_renderings as it was before session 15.

def _keys_of(tokens, verb: bool, imperative: bool) -> frozenset[str]:
    out: set[str] = set()
    for token in tokens:
        whole = normalize_ar(token)
        out |= {f for f in word_forms(token) if len(f) >= 3 or f == whole}
    if imperative and verb:
        for token in tokens:
            out |= coverage.imperative_forms(token)
    stems = {coverage.snowball_stem(t) for t in tokens} - {""}
    return frozenset(out) | frozenset(coverage.light_stem(f) for f in out) | stems


def _old_bases(word: str) -> set[str]:
    bases = {word}
    for end, repl in coverage._ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            bases.add(word[: -len(end)] + repl)
    return bases


def _tokens(bases) -> tuple[str, ...]:
    dictionary = en_ar_dictionary()
    if dictionary is None:
        return ()
    return tuple(sorted({t for b in bases for r in dictionary.arabic(b) for t in r.split()}))


def hollow_forms(token: str) -> frozenset[str]:
    """Measured and left out of coverage.imperative_forms: a two-letter imperative read as a hollow
    verb (قل -> قال, يقال, يقول, يقيل ...) or one whose first radical (و or ء) dropped (صل -> وصل, يصل;
    كل -> أكل, يأكل)."""
    t = lexicon.plain(token)
    if len(t) != 2 or not all("\u0621" <= ch <= "\u064a" for ch in t):
        return frozenset()
    a, b = t
    out = {a + "ا" + b, "ي" + a + "ا" + b} | {p + a + mid + b for p in "يتن" for mid in "وي"}
    out |= {"و" + t, "ي" + t, "أ" + t, "يأ" + t}
    return frozenset(normalize_ar(f) for f in out)


@lru_cache(maxsize=None)
def _irregular_verb_forms() -> dict[str, frozenset[str]]:
    """Base verb -> its irregular forms (see -> saw, seen), from WordNet's verb.exc (a form that starts
    with its base and ends in -ed / -ing is regular)."""
    tables = wordnet._tables()
    out: dict[str, set[str]] = {}
    for form, bases in (tables[1].get("verb", {}) if tables is not None else {}).items():
        for base in bases:
            if not (form.startswith(base) and form.endswith(("ed", "ing"))):
                out.setdefault(base, set()).add(form)
    return {base: frozenset(forms) for base, forms in out.items()}


def english_bases(word: str) -> set[str]:
    """Measured and left out: the regular endings' bases, WordNet's base forms (went -> go, feet ->
    foot) and a verb's irregular forms (see -> saw, seen; FreeDict renders some past forms where the
    base has only an imperative); function words never join."""
    bases = {w for w in _old_bases(word) if w == word or len(w) >= 3}
    lemmas = {base for _pos, base in wordnet.lemmas(word)}
    bases |= {w for base in lemmas | {word} for w in _irregular_verb_forms().get(base, ())}
    bases |= lemmas
    return {w for w in bases if w == word or (w.isalpha() and len(w) >= 2 and w not in EN_FUNCTION_WORDS)}


def rendering_candidates() -> dict[str, Callable[[str], frozenset[str]]]:
    """English word -> its rendering keys, per candidate rule."""
    def make(bases: Callable[[str], set[str]], imperative: bool, hollow: bool = False):
        @lru_cache(maxsize=None)
        def keys(word: str) -> frozenset[str]:
            tokens = _tokens(bases(word))
            got = _keys_of(tokens, coverage._is_verb(word), imperative)
            if hollow and coverage._is_verb(word):
                got |= frozenset(f for t in tokens for f in hollow_forms(t))
            return got
        return keys
    return {
        "before15": make(_old_bases, False),
        "+imperative": make(_old_bases, True),
        "+imperative+hollow": make(_old_bases, True, hollow=True),
        "+english_bases": make(english_bases, False),
        "+imp+hollow+bases": make(english_bases, True, hollow=True),
        "current": coverage.stemmed_renderings,
    }


def measure_renderings(pairs, keys: Callable[[str], frozenset[str]], others: list[int], targets) -> dict:
    known = true = rand = 0
    for i, (en, _, _) in enumerate(pairs):
        for w in content_words(en):
            k = keys(w)
            if not k:
                continue
            known += 1
            true += bool(k & targets[i])
            rand += bool(k & targets[others[i]])
    return {"known": known, "true": true, "random": rand}


def measure_glosses(pairs, glosses: Callable[[str], frozenset[str]], others: list[int]) -> dict:
    """Target content words (3+ letters, no function word) with an Arabic-English gloss (``known``),
    whose gloss is a word of their own source (``true``) or of another pair's (``random``): how the
    addition check accounts for a target word through the ara-eng dictionary."""
    known = true = rand = 0
    for i, (_, ar, _) in enumerate(pairs):
        own = {w.lower() for w in coverage.EN_WORD.findall(pairs[i][0])} - EN_FUNCTION_WORDS
        other = {w.lower() for w in coverage.EN_WORD.findall(pairs[others[i]][0])} - EN_FUNCTION_WORDS
        for w, _, _ in arabic_words(ar):
            if len(w) < 3 or w in coverage.AR_FUNCTION_WORDS:
                continue
            g = glosses(w)
            if g:
                known += 1
                true += bool(g & own)
                rand += bool(g & other)
    return {"known": known, "true": true, "random": rand}


@lru_cache(maxsize=1)
def _plain_keyed_ara_eng():
    """The Arabic-English index as lexicon built it before session 15 (headwords without harakat only)."""
    import gzip

    base = lexicon.DICTD_DIR / "freedict-ara-eng"
    try:
        data = gzip.decompress((base.parent / (base.name + ".dict.dz")).read_bytes())
        text = (base.parent / (base.name + ".index")).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    return lexicon._Definitions.parse(data, text, lexicon.plain)


def _old_glosses(arabic_word: str) -> frozenset[str]:
    """coverage._glosses before session 15: the ara-eng headword looked up without harakat only, so a
    word form (hamza seats and alef folded, ة as ه) missed every headword spelled with أ إ آ ة ى."""
    index = _plain_keyed_ara_eng()
    out: set[str] = set()
    for form in word_forms(arabic_word):
        for body in index.get(form, []):
            for sense in body.split("\n"):
                out.update(w.lower() for w in coverage.EN_WORD.findall(sense))
    return frozenset(out - EN_FUNCTION_WORDS)


_SEATS = str.maketrans("أإآٱىئؤکی", "ااااييوكي")


@lru_cache(maxsize=1)
def _folded_ara_eng():
    """Measured and left out: the Arabic-English index keyed with alef and hamza seats folded as a
    comparison form folds them (ة kept; colliding headwords' definitions merged)."""
    old = _plain_keyed_ara_eng()
    if not old:
        return {}
    return old.rekeyed(lambda k: k.translate(_SEATS))


def _folded_glosses(arabic_word: str) -> frozenset[str]:
    index = _folded_ara_eng()
    out: set[str] = set()
    for form in word_forms(arabic_word):
        keys = [form] + ([form[:-1] + "ة"] if form.endswith("ه") else [])
        for key in keys:
            for body in index.get(key, []):
                for sense in body.split("\n"):
                    out.update(w.lower() for w in coverage.EN_WORD.findall(sense))
    return frozenset(out - EN_FUNCTION_WORDS)


def renderings_report(set_names: list[str]) -> None:
    print(f"{'set/renderings':<28}{'known':>7}{'true':>7}{'random':>8}{'gain':>7}{'Δtrue':>7}{'Δrandom':>8}")
    for set_name in set_names:
        tune, _held = split_halves(load_set(set_name))
        others = derangement(len(tune))
        targets = [coverage.prepare(ar).forms for _, ar, _ in tune]
        base = None
        for name, keys in rendering_candidates().items():
            r = measure_renderings(tune, keys, others, targets)
            base = base or r
            print(f"{set_name + '/' + name:<28}{r['known']:>7}{r['true']:>7}{r['random']:>8}"
                  f"{r['true'] - r['random']:>7}{r['true'] - base['true']:>+7}{r['random'] - base['random']:>+8}")
        base = None
        for name, gl in (("glosses/before15", _old_glosses), ("glosses/folded", _folded_glosses),
                         ("glosses/current", coverage._glosses)):
            r = measure_glosses(tune, gl, others)
            base = base or r
            print(f"{set_name + '/' + name:<28}{r['known']:>7}{r['true']:>7}{r['random']:>8}"
                  f"{r['true'] - r['random']:>7}{r['true'] - base['true']:>+7}{r['random'] - base['random']:>+8}")


if __name__ == "__main__":
    main()
