"""Sentence splitting of English and Arabic blocks: the hard cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from mt_review.model import Block, BlockKind, Page
from mt_review.segment import segment_page, split_block

# (lang, text, expected sentences).  Shared with the pysbd comparison in
# benchmarks/README.md, so keep it a plain list.
CASES = [
    # --- English
    ("en", "The U.S. Department of State funded it. Dr. Smith agreed.",
     ["The U.S. Department of State funded it.", "Dr. Smith agreed."]),
    ("en", "Mr. Jones met Ms. Lee at No. 10 Downing Street. They talked.",
     ["Mr. Jones met Ms. Lee at No. 10 Downing Street.", "They talked."]),
    ("en", "Bring tools, e.g. hammers and saws, i.e. the basics. Then start.",
     ["Bring tools, e.g. hammers and saws, i.e. the basics.", "Then start."]),
    ("en", "It grew by 3.5 percent to 1,000,000 people. Costs fell.",
     ["It grew by 3.5 percent to 1,000,000 people.", "Costs fell."]),
    ("en", "He said \"We are ready.\" Then he left.",
     ["He said \"We are ready.\"", "Then he left."]),
    ("en", "The toolkit is free (available in English, French and Arabic. Ask us.) and online. Read it.",
     ["The toolkit is free (available in English, French and Arabic. Ask us.) and online.", "Read it."]),
    ("en", "Write to info@strongcitiesnetwork.org. Visit https://strongcitiesnetwork.org/en/about. Thanks!",
     ["Write to info@strongcitiesnetwork.org.", "Visit https://strongcitiesnetwork.org/en/about.", "Thanks!"]),
    ("en", "Is it ready? Yes! It is... Mostly.",
     ["Is it ready?", "Yes!", "It is...", "Mostly."]),
    ("en", "We bought apples, pears etc. The shop closed.",
     ["We bought apples, pears etc.", "The shop closed."]),
    ("en", "Topics included:\n- using hashtags\n- crisis communications\n- media literacy",
     ["Topics included:", "- using hashtags", "- crisis communications", "- media literacy"]),
    ("en", "1. Prevention\n2. Preparedness\n3. Response",
     ["1. Prevention", "2. Preparedness", "3. Response"]),
    ("en", "George W. Bush visited at 10 a.m. on Monday. Nobody knew.",
     ["George W. Bush visited at 10 a.m. on Monday.", "Nobody knew."]),
    ("en", "This line wraps in the file,\nand continues here. Next sentence.",
     ["This line wraps in the file,\nand continues here.", "Next sentence."]),
    # --- Arabic
    ("ar", "هل أنت مستعد؟ نعم، أنا مستعد. لنبدأ!",
     ["هل أنت مستعد؟", "نعم، أنا مستعد.", "لنبدأ!"]),
    ("ar", "تعاونت المدن القوية مع المعهد في سورابايا ، إندونيسيا ، للمشاركة في ورشة عمل . وضمت الورشة مسؤولين .",
     ["تعاونت المدن القوية مع المعهد في سورابايا ، إندونيسيا ، للمشاركة في ورشة عمل .",
      "وضمت الورشة مسؤولين ."]),
    ("ar", "ارتفع العدد إلى ١٢٣٫٥ ألف، أي ١٬٠٠٠ أسرة. وتراجعت التكاليف بنسبة 3.5 بالمئة.",
     ["ارتفع العدد إلى ١٢٣٫٥ ألف، أي ١٬٠٠٠ أسرة.", "وتراجعت التكاليف بنسبة 3.5 بالمئة."]),
    ("ar", "قال المدير: «نحن جاهزون.» ثم غادر القاعة.",
     ["قال المدير: «نحن جاهزون.»", "ثم غادر القاعة."]),
    ("ar", "الدليل متوفر (بالإنجليزية والفرنسية. والعربية أيضا.) على الموقع. اقرأه الآن.",
     ["الدليل متوفر (بالإنجليزية والفرنسية. والعربية أيضا.) على الموقع.", "اقرأه الآن."]),
    ("ar", "راسلنا على info@strongcitiesnetwork.org. أو زر www.strongcitiesnetwork.org للمزيد.",
     ["راسلنا على info@strongcitiesnetwork.org.", "أو زر www.strongcitiesnetwork.org للمزيد."]),
    ("ar", "التقى د. أحمد بالمشاركين في المعهد. ثم بدأت الورشة؛ واستمرت ثلاثة أيام.",
     ["التقى د. أحمد بالمشاركين في المعهد.", "ثم بدأت الورشة؛ واستمرت ثلاثة أيام."]),
    ("ar", "وشملت الموضوعات:\n- استخدام علامات التصنيف\n- الاتصالات في الأزمات",
     ["وشملت الموضوعات:", "- استخدام علامات التصنيف", "- الاتصالات في الأزمات"]),
    ("ar", "كان الأمر صعبا… لكننا نجحنا. انتهى الاجتماع ؟ نعم .",
     ["كان الأمر صعبا…", "لكننا نجحنا.", "انتهى الاجتماع ؟", "نعم ."]),
    ("ar", "انقر هنا لمزيد من المعلومات حول المراكز الإقليمية .",
     ["انقر هنا لمزيد من المعلومات حول المراكز الإقليمية ."]),
    ("ar", "وزارة الخارجية الأمريكية (متوفر في إنجليزي, فرنسي و عربي) والوجبات السريعة. تم ذلك.",
     ["وزارة الخارجية الأمريكية (متوفر في إنجليزي, فرنسي و عربي) والوجبات السريعة.", "تم ذلك."]),
]


@pytest.mark.parametrize("lang,text,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_split_cases(lang, text, expected):
    block = Block(kind=BlockKind.PARAGRAPH, text=text, index=3)
    segs = split_block(block, lang)
    assert [s.text for s in segs] == expected
    for s in segs:
        assert s.block_index == 3
        assert block.text[s.start : s.end] == s.text
        assert s.text == s.text.strip()


def test_offsets_with_surrounding_whitespace():
    text = "   First one.   Second one?  \n"
    segs = split_block(Block(BlockKind.PARAGRAPH, text, 0), "en")
    assert [(s.start, s.end) for s in segs] == [(3, 13), (16, 27)]


def test_empty_and_blank_blocks():
    assert split_block(Block(BlockKind.PARAGRAPH, "", 0), "en") == ()
    assert split_block(Block(BlockKind.PARAGRAPH, "  \n ", 0), "ar") == ()


def test_segment_page_skips_furniture_and_keeps_order():
    blocks = (
        Block(BlockKind.NAVIGATION, "arrow-left arrow-right", 0),
        Block(BlockKind.HEADING, "A title", 1),
        Block(BlockKind.PARAGRAPH, "One. Two.", 2),
    )
    page = Page(path="x.txt", lang="en", title="t", blocks=blocks)
    segs = segment_page(page)
    assert [(s.block_index, s.text) for s in segs] == [(1, "A title"), (2, "One."), (2, "Two.")]
    assert [s.text for s in segment_page(page, blocks=blocks[:1])] == ["arrow-left arrow-right"]


SEED = Path(__file__).resolve().parents[1] / "corpora" / "strongcities" / "strongcities-nlc-workshop"


def test_seed_sentence_counts():
    en = SEED.with_suffix(".en.txt").read_text(encoding="utf-8")
    ar = SEED.with_suffix(".ar.txt").read_text(encoding="utf-8")
    en_par = [p.strip() for p in en.split("\n\n") if p.strip()]
    ar_par = [p.strip() for p in ar.split("\n\n") if p.strip()]
    counts_en = [len(split_block(Block(BlockKind.PARAGRAPH, p, i), "en")) for i, p in enumerate(en_par)]
    counts_ar = [len(split_block(Block(BlockKind.PARAGRAPH, p, i), "ar")) for i, p in enumerate(ar_par)]
    # body paragraphs of the seed: same number of sentences on both sides
    body_en = [c for p, c in zip(en_par, counts_en) if p.startswith(("In July", "On the first", "The training", "The workshop was"))]
    body_ar = [c for p, c in zip(ar_par, counts_ar) if p.startswith(("في يوليو", "دعا اليوم", "واسترشد", "وشكلت"))]
    assert body_en == [2, 2, 2, 2]
    assert body_ar == [2, 2, 2, 2]
    # the U.S. abbreviation does not cut the "Participants were briefed" sentence
    briefed = next(p for p in en_par if p.startswith("Participants were briefed"))
    assert len(split_block(Block(BlockKind.PARAGRAPH, briefed, 0), "en")) == 1


# ---------------------------------------------------------------- invariants on arbitrary text

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = list("ab AB.?!\n،؛؟…()\"«»'٠١٢3٫٬,:-@/") + ["U.S.", "Dr.", " د. ", "www.x.org", "سلام", " ."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join), st.sampled_from(["en", "ar"]))
def test_segments_are_ordered_stripped_spans_covering_all_text(text, lang):
    segs = split_block(Block(BlockKind.PARAGRAPH, text, 7), lang)
    prev_end = 0
    for s in segs:
        assert s.text == text[s.start : s.end] == s.text.strip() != ""
        assert s.start >= prev_end
        assert not text[prev_end : s.start].strip()  # nothing but whitespace is dropped
        prev_end = s.end
    assert not text[prev_end:].strip()
