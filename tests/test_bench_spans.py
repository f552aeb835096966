"""Where an injected defect is (benchmarks/defects.py: Gold) and whether a finding's evidence span
names it (benchmarks/detect_bench.py --spans), on hand-written pairs."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import defects  # noqa: E402
import detect_bench  # noqa: E402

from mt_review.model import Finding, Severity, Span  # noqa: E402

EN = "Open the file and save the report every day."
AR = "افتح الملف واحفظ التقرير كل يوم."


def test_gold_of_a_replaced_word_is_that_word_in_the_damaged_target():
    new = AR.replace("التقرير", "المستند")
    gold = defects.gold_spans("entity", EN, AR, EN, new)
    assert gold.tgt is not None and new[gold.tgt[0]:gold.tgt[1]] == "المستند"
    assert gold.src is None and gold.removed == ""


def test_gold_of_an_appended_clause_is_the_appended_text():
    new = AR.rstrip(".") + "، وأرسله إلى المدير."
    gold = defects.gold_spans("addition", EN, AR, EN, new)
    # the mark the clause replaced (". " -> "، ") takes the word before it in
    assert new[gold.tgt[0]:gold.tgt[1]] == "يوم، وأرسله إلى المدير."


def test_gold_of_an_english_negation_is_on_the_source_side():
    new_en = "Do not open the file."
    gold = defects.gold_spans("negation", "Do open the file.", AR, new_en, AR)
    assert gold.tgt is None and "not" in new_en[gold.src[0]:gold.src[1]]


def test_gold_of_a_removal_records_the_removed_arabic_and_the_source_clause_that_lost_it():
    en = "Open the file, and save the report."
    ar = "افتح الملف، واحفظ التقرير."
    new = "افتح الملف."
    gold = defects.gold_spans("truncation", en, ar, en, new)
    assert gold.tgt is None and "التقرير" in gold.removed
    # the clause whose dictionary words only the removed Arabic held; the kept clause is not named
    assert [en[a:b] for a, b in gold.src_clauses] == ["and save the report"]


def test_gold_of_a_removal_the_dictionary_cannot_place_is_unknown():
    en = "Zorbl the quux, and frobnicate the wibble."
    ar = "افتح الملف، واحفظ التقرير."
    gold = defects.gold_spans("omission", en, ar, en, "افتح الملف.")
    assert gold.removed and gold.src_clauses == ()


def test_build_items_records_gold_on_injected_items_only():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_bench_defects import PAIRS
    items = defects.build_items(PAIRS, seed=0)
    assert all(it.gold is None for it in items if it.label is None)
    injected = [it for it in items if it.label is not None]
    assert injected and all(it.gold is not None for it in injected)
    for it in injected:
        if it.gold.tgt is not None:
            assert 0 <= it.gold.tgt[0] < it.gold.tgt[1] <= len(it.ar)


def _finding(check: str, src: tuple[int, int] | None, tgt: tuple[int, int] | None, sev=Severity.MAJOR):
    def span(r, text):
        return Span(0, r[0], r[1], text[r[0]:r[1]]) if r else None
    return Finding(check, "x", sev, "m", src_span=span(src, EN), tgt_span=span(tgt, AR))


def _item(label: str, gold: defects.Gold) -> defects.Item:
    return defects.Item(EN, AR, label, "udhr:1:1", gold)


def test_span_verdict_right_wrong_whole_and_unflagged():
    at = AR.index("التقرير")
    item = _item("addition", defects.Gold(tgt=(at, at + 7)))
    assert detect_bench.span_verdict(item, [_finding("addition", None, (at, at + 11))]) == "right"
    assert detect_bench.span_verdict(item, [_finding("addition", None, (0, 4))]) == "wrong"
    assert detect_bench.span_verdict(item, [_finding("addition", (0, len(EN)), (0, len(AR)))]) == "whole"
    # another check's finding, or a minor one, does not count: the item is not flagged by its own checks
    assert detect_bench.span_verdict(item, [_finding("names", None, (at, at + 7))]) is None
    assert detect_bench.span_verdict(item, [_finding("addition", None, (at, at + 7), Severity.MINOR)]) is None


def test_span_verdict_of_a_removal_reads_the_source_side_and_may_be_unknown():
    clause = (EN.index("save"), len(EN) - 1)
    item = _item("omission", defects.Gold(removed="واحفظ التقرير", removed_at=11, src_clauses=(clause,)))
    assert detect_bench.span_verdict(item, [_finding("omission", clause, (0, len(AR)))]) == "right"
    assert detect_bench.span_verdict(item, [_finding("omission", (0, 8), (0, len(AR)))]) == "wrong"
    unknown = _item("omission", defects.Gold(removed="واحفظ التقرير", removed_at=11))
    assert detect_bench.span_verdict(unknown, [_finding("omission", clause, None)]) == "unknown"


def test_whole_sentence_span_is_right_when_the_whole_sentence_is_the_damage():
    item = _item("untranslated", defects.Gold(tgt=(0, len(AR))))
    assert detect_bench.span_verdict(item, [_finding("untranslated", None, (0, len(AR)))]) == "right"


def test_a_cut_marked_with_an_ellipsis_is_still_a_removal():
    en = "Open the file, and save the report."
    ar = "افتح الملف، واحفظ التقرير."
    gold = defects.gold_spans("truncation", en, ar, en, "افتح الملف...")
    assert gold.tgt is None and "التقرير" in gold.removed and gold.src_clauses
