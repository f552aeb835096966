"""Which of two near-identical neighbours a translation renders, when the other was left out.

Catalogues and manuals list strings that differ in one or two words ("The amount of space between two
consecutive columns." / "... rows.", "Amount of blue light ..." / "... green light ...").  When the
translation of one of them is missing, the DP pairs the remaining Arabic sentence with whichever of the two
fits the lengths slightly better: the dictionary evidence cannot choose, because both sentences are rendered
equally well by their shared words (the share is floored at ``Params.lex_floor``).  Only the words that tell
the two apart can.  After the DP, a 1-0 link next to a 1-1 link whose English sentences share at least half
of their content words (``near_duplicates``) is swapped -- the other English sentence becomes the 1-0 link --
when the Arabic sentence has more of the left-out sentence's own words (the words the other sentence lacks),
in any loose form (``coverage.loose_renderings``, names by consonant skeleton), than of the linked one's.
A tie, or no word either way, leaves the DP's choice.
"""

from __future__ import annotations

from typing import Sequence

from mt_review import coverage
from mt_review.align.lexical import en_names, loose_keys
from mt_review.langid import EN_FUNCTION_WORDS, EN_WORD

Link = tuple[tuple[int, ...], tuple[int, ...], float]



def content_words(text: str) -> frozenset[str]:
    """Lower-case content words of an English text (3+ letters, not function words)."""
    return frozenset(w for w in (m.lower() for m in EN_WORD.findall(text)) if len(w) >= 3 and w not in EN_FUNCTION_WORDS)


def near_duplicates(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two word sets that share at least two words and at least half of the smaller one."""
    shared = len(a & b)
    return shared >= 2 and 2 * shared >= min(len(a), len(b))


def own_evidence(english: str, other: str, arabic: str) -> int:
    """Words of ``english`` that ``other`` lacks and ``arabic`` has in a loose form (or as a name)."""
    own = content_words(english) - content_words(other)
    if not own:
        return 0
    target = loose_keys(arabic)
    names = {k.lower(): v for k, v in en_names(english).items()}
    return sum(1 for w in own if (coverage.loose_renderings(w) | names.get(w, frozenset())) & target)


def reassign(links: Sequence[Link], src: Sequence[str], tgt: Sequence[str]) -> list[Link]:
    """``links`` with each left-out English sentence swapped with its near-identical linked neighbour
    when the Arabic sentence holds more of its own words (see the module doc).  Confidences are kept
    with their link shapes."""
    out = list(links)
    k = 0
    while k + 1 < len(out):
        (s1, t1, c1), (s2, t2, c2) = out[k], out[k + 1]
        swapped = None
        if len(s1) == 1 and not t1 and len(s2) == 1 and len(t2) == 1:  # dropped, then linked
            drop, kept, j = s1[0], s2[0], t2[0]
            if _better(src[drop], src[kept], tgt[j]):
                swapped = [((drop,), (j,), c2), ((kept,), (), c1)]
        elif len(s1) == 1 and len(t1) == 1 and len(s2) == 1 and not t2:  # linked, then dropped
            kept, j, drop = s1[0], t1[0], s2[0]
            if _better(src[drop], src[kept], tgt[j]):
                swapped = [((kept,), (), c2), ((drop,), (j,), c1)]
        if swapped:
            out[k : k + 2] = swapped
            k += 2
        else:
            k += 1
    return out


def _better(dropped: str, kept: str, arabic: str) -> bool:
    """The left-out sentence is the near-identical neighbour the Arabic sentence renders."""
    if not near_duplicates(content_words(dropped), content_words(kept)):
        return False
    return own_evidence(dropped, kept, arabic) > own_evidence(kept, dropped, arabic)

