"""Where an Arabic sentence may end: after punctuation, and never after a word that opens a clause.

A translation's sentence boundaries sit where its clauses end.  A sentence whose last word is a
preposition, a conjunction, a relative pronoun or a particle that needs what follows it (في، التي،
أو، لم) was cut in a clause's middle: its rest is in the next sentence (a split or a recut), or it
was cut off.  The aligner uses this to keep such a sentence with its neighbour (``dp``) and to price
where a re-cut puts the boundary (``crossing``).  The truncation check reads the same list for a target that ends on
one.
"""

from __future__ import annotations

import re

OPENS_CLAUSE = frozenset("""في من على إلى الى عن أن ان إن الذي التي الذين اللذين و ف ب ل ثم أو او بين مع حتى
    لكن بل لأن كي لكي عند منذ إذا اذا لو قد لقد سوف لن لم إلا الا""".split())
# Words that need what follows them (a verb of being or becoming without its predicate, a modal without its
# verb, a determiner without its noun): a sentence ending on one was cut too.  The aligner's list only
# (``ends_open``); the truncation check reads OPENS_CLAUSE.
NEEDS_COMPLEMENT = frozenset("""كان كانت كنت كنا كانوا كنتم يكون تكون أكون نكون يكونوا سيكون ستكون ليس ليست لست
    أصبح أصبحت يصبح يظل سيظل مازال يزال يجب وجب يتم سيتم أي إذ كما كل
    ابن بن يمكن""".split())
# (the last line: a name's kinship word in the construct state, "son of": ابن مسعود، معاذ بن جبل; the impersonal
# modal "it is possible to" without its verb: يمكن أن)
CLAUSE_PROCLITICS = "وفبلك"  # و / ف / ب / ل / ك joined to such a word (ومن، فإذا) leave it open
_AS = frozenset({"كما", "وكما", "فكما"})
_CLAUSE_END = re.compile(r"[.،,;؛:!?؟…)»\"”]$")
_MARKS = re.compile(r"[\u064b-\u0652\u0640]")  # short vowels, shadda, sukun, tatweel


def ends_open(text: str) -> bool:
    """The text's last word opens a clause (its final punctuation aside): it was cut in a clause's middle."""
    words = text.split()
    if not words:
        return False
    word = _MARKS.sub("", words[-1].rstrip(".،,;؛:!?؟…"))
    if word in OPENS_CLAUSE or (len(word) >= 3 and word[0] in CLAUSE_PROCLITICS and word[1:] in OPENS_CLAUSE):
        return True
    if not (word in NEEDS_COMPLEMENT or (len(word) >= 3 and word[0] in CLAUSE_PROCLITICS and word[1:] in NEEDS_COMPLEMENT)):
        return False
    # "as it should" / "as it was" (كما يجب، كما كان): the comparison is complete
    return len(words) < 2 or _MARKS.sub("", words[-2]) not in _AS


def ends_clause(text: str) -> bool:
    """The text ends with sentence or clause punctuation (a boundary after it is between clauses)."""
    words = text.split()
    return bool(words) and bool(_CLAUSE_END.search(words[-1]))
