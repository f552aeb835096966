"""Leave one clause out (signals.clause_drops) and the clause_embed check's addition finding.

The embedder is test_embed_margin's bag-of-concepts fake (one dimension per nonsense word and its "Arabic"
rendering, plus a shared one; none of the words used starts with و / ف, where arabic_clauses would cut), so
the similarity moves only with what each side says; the dictionary knows none of the nonsense words, so its
gate stands aside unless a test puts a real word in."""

from __future__ import annotations

from dataclasses import replace

from mt_review.checks import run_checks
from mt_review.checks.clause_embed import RATE_MAJOR
from mt_review.model import Severity
from mt_review.score.signals import clause_drops, compute_signals, without
from tests.test_checks import page_ctx
from tests.test_embed_margin import WORDS
from tests.test_embed_margin import Concepts as PageConcepts


class Concepts(PageConcepts):
    """test_embed_margin's bag of concepts, with one real word the dictionary knows (book = كتاب)."""

    dim = PageConcepts.dim + 1

    def __init__(self) -> None:
        super().__init__()
        self.dim_of["book"] = self.dim_of["كتاب"] = PageConcepts.dim


def ar(en: str) -> str:
    return " ".join({**WORDS, "book": "كتاب"}[w] for w in en.split())


def clause_findings(pairs_text, embedder=None):
    ctx = page_ctx(pairs_text)
    if embedder is not None:
        ctx = replace(ctx, signals=tuple(compute_signals(ctx.pairs, embedder=embedder)))
    return [[f for f in fs if f.check == "clause_embed"] for fs in run_checks(ctx)], ctx


# five clean pairs: the page's length yardstick (the "Arabic" is as long as the English)
CLEAN = [(e, ar(e)) for e in ("tesk bolv crad yund", "shev palo zorb quim", "gesh drax lurn mipo",
                              "crad yund shev palo", "bolv tesk mipo lurn")]


def test_an_added_target_clause_is_a_major_addition_with_its_span():
    en = "zorb quim gesh tesk"
    tgt = ar(en) + "، " + ar("drax lurn mipo")
    found, ctx = clause_findings([(en, tgt)] + CLEAN, Concepts())
    assert len(found[0]) == 1 and not any(found[1:])
    f = found[0][0]
    assert f.severity is Severity.MAJOR and f.category == "accuracy/addition"
    assert f.tgt_span is not None and f.tgt_span.text == ar("drax lurn mipo")
    assert ctx.target.blocks[0].text[f.tgt_span.start:f.tgt_span.end] == f.tgt_span.text
    assert f"{RATE_MAJOR}" in f.threshold and "per share" in f.threshold


def test_a_target_of_its_page_usual_length_is_not_flagged():
    """Half the source rendered, and a clause of the same length the source does not have: the embedding
    gains without that clause, but the target is no longer than the page's translations usually are."""
    en = "zorb quim gesh tesk bolv crad"
    tgt = ar("zorb quim gesh") + "، " + ar("drax lurn mipo")
    (drops,) = clause_drops(page_ctx([(en, tgt)]).pairs, Concepts())
    assert max(d.gain for d in drops) > 0
    found, _ = clause_findings([(en, tgt)] + CLEAN, Concepts())
    assert not any(found)


def test_a_target_that_renders_every_clause_is_not_flagged():
    en = "zorb quim gesh drax lurn mipo"
    tgt = ar("zorb quim gesh") + "، " + ar("drax lurn mipo")
    found, _ = clause_findings([(en, tgt)], Concepts())
    assert found == [[]]


def test_a_clause_the_dictionary_finds_in_the_source_is_not_an_addition():
    """Leaving "كتاب دراكس لورن" out would raise the similarity (two concepts the source lacks go with it), but
    كتاب renders the source's "book": the dictionary accounts for the clause, so it is not even measured."""
    en = "zorb quim gesh book"
    tgt = ar("zorb quim gesh") + "، " + ar("book drax lurn")
    emb = Concepts()
    v = emb.embed([en, tgt, ar("zorb quim gesh")])
    assert v[0] @ v[2] > v[0] @ v[1]  # the embedding alone would gain
    (drops,) = clause_drops(page_ctx([(en, tgt)]).pairs, emb)
    assert [tgt[d.start:d.end] for d in drops] == [ar("zorb quim gesh")]
    found, _ = clause_findings([(en, tgt)], emb)
    assert found == [[]]


def test_an_added_clause_of_two_words_is_not_read():
    en = "zorb quim gesh"
    tgt = ar(en) + "، " + ar("drax lurn")
    found, ctx = clause_findings([(en, tgt)], Concepts())
    assert found == [[]]
    (drops,) = clause_drops(ctx.pairs, Concepts())
    assert [tgt[d.start:d.end] for d in drops] == [ar(en)]  # the two-word clause is never left out


def test_nothing_without_an_embedder():
    en = "zorb quim gesh"
    found, _ = clause_findings([(en, ar(en) + "، " + ar("drax lurn mipo"))])
    assert found == [[]]
    assert clause_drops(page_ctx([(en, ar(en))]).pairs, None) == [()]


def test_source_clauses_are_read_only_when_asked():
    en = "zorb quim gesh, drax lurn mipo"
    pairs = page_ctx([(en, ar("zorb quim gesh"))]).pairs
    assert clause_drops(pairs, Concepts()) == [()]  # the target has one clause
    (drops,) = clause_drops(pairs, Concepts(), sides=("src", "tgt"))
    lost = max(drops, key=lambda d: d.gain)
    assert lost.side == "src" and en[lost.start:lost.end] == "drax lurn mipo" and lost.gain > 0


def test_one_embedder_call_per_page():
    calls = []

    class Counting(Concepts):
        def embed(self, texts):
            calls.append(len(texts))
            return super().embed(texts)

    pairs = page_ctx([("zorb quim gesh", ar("zorb quim gesh") + "، " + ar("drax lurn mipo")),
                      ("tesk bolv crad", ar("tesk bolv crad") + "، " + ar("yund shev palo"))]).pairs
    clause_drops(pairs, Counting())
    assert len(calls) == 1


def test_without_tidies_the_punctuation_around_the_clause():
    text = "Open the file, and then close it when you are done."
    assert without(text, 33, 50) == "Open the file, and then close it."
    assert without(text, 0, 13) == "and then close it when you are done."
    assert without("افتح الملف، ثم أغلقه.", 12, 20) == "افتح الملف."


FREE = "كرستانيلوم بلتراسيموك زنغاريتوس"  # three long words no source word renders (a free rendering, or an addition)


class Free(Concepts):
    """:class:`Concepts` with the words of ``FREE`` as concepts of their own: the embedder does not read them as
    any source word's rendering (as the default embedder did not read "Happy blogging" in نتمنى لك التوفيق في موقعك)."""

    dim = Concepts.dim + 3

    def __init__(self) -> None:
        super().__init__()
        for k, w in enumerate(FREE.split()):
            self.dim_of[w] = Concepts.dim + k


def test_an_unaccounted_clause_is_an_addition_when_the_source_has_nothing_left_over():
    en = "zorb quim gesh tesk"
    tgt = ar(en) + "، " + FREE
    found, _ = clause_findings([(en, tgt)] + CLEAN, Free())
    assert len(found[0]) == 1 and found[0][0].tgt_span.text == FREE and not any(found[1:])
    assert "beyond the page's usual balance" in found[0][0].threshold


def test_a_free_rendering_of_a_source_clause_the_dictionary_cannot_place_is_not_an_addition():
    """The twin: the source has a second clause the dictionary cannot place either, so more source words are left
    over than target words (beyond the page's usual balance).  The embedding still gains without the free clause
    and the target is still long for its page, but the clause may render that source clause: no finding."""
    en = "zorb quim gesh tesk, bolv crad yund shev"
    tgt = ar("zorb quim gesh tesk") + "، " + FREE
    (drops,) = clause_drops(page_ctx([(en, tgt)]).pairs, Free())
    free = max(drops, key=lambda d: d.gain)
    assert tgt[free.start:free.end] == FREE and free.gain > 0.05
    found, _ = clause_findings([(en, tgt)] + CLEAN, Free())
    assert not any(found)
