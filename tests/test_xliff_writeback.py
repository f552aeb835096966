"""XLIFF write-back: flagged units marked, every other byte untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from mt_review.errors import InputError
from mt_review.ingest import read_file
from mt_review.model import (
    AlignedPair,
    Block,
    BlockKind,
    Finding,
    Page,
    PagePair,
    PageReview,
    Segment,
    SegmentReview,
    Severity,
    Span,
)
from mt_review.xliff_writeback import flagged_units, write_back

N12 = "{urn:oasis:names:tc:xliff:document:1.2}"
N20 = "{urn:oasis:names:tc:xliff:document:2.0}"

XLIFF_12 = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="42-about" source-language="en" target-language="ar" datatype="plaintext">
    <header>
      <!-- WPML export: keep this comment & these   spaces -->
      <reference><external-file href="https://example.org/about?a=1&amp;b=2"/></reference>
    </header>
    <body>
      <trans-unit resname="title" restype="string" datatype="html" id="title">
        <source><![CDATA[About us]]></source>
        <target><![CDATA[من نحن]]></target>
      </trans-unit>
      <trans-unit resname="body" restype="string" datatype="html" id="u2">
        <source><![CDATA[We train 250 city officials every year.]]></source>
        <target state='translated' state-qualifier="leveraged-mt"><![CDATA[ندرب 25 مسؤولا كل عام.]]></target>
      </trans-unit>
      <trans-unit id="u3"><source>Contact &amp; support</source><target>الاتصال والدعم</target></trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar">
  <file id="f1">
    <unit id="title">
      <segment state="final">
        <source>About us</source>
        <target>من نحن</target>
      </segment>
    </unit>
    <unit id="u2">
      <originalData>
        <data id="d1">&lt;b&gt;</data>
      </originalData>
      <segment id="s1" state="reviewed">
        <source>We train 250 city officials every year.</source>
        <target>ندرب 25 مسؤولا كل عام.</target>
      </segment>
    </unit>
    <unit id="u3">
      <notes>
        <note category="context">Footer link</note>
      </notes>
      <segment><source>Contact</source><target>اتصل</target></segment>
    </unit>
  </file>
</xliff>
"""

SRC = [("title", "About us", 9), ("u2", "We train 250 city officials every year.", 13), ("u3", "Contact & support", 16)]
TGT = [("title", "من نحن", 9), ("u2", "ندرب 25 مسؤولا كل عام.", 13), ("u3", "الاتصال والدعم", 16)]


def layout_of(path: str):
    """The unit layout the XLIFF reader records for ``path`` (None when it is not a readable XLIFF file)."""
    if not Path(path).is_file():
        return None
    pair = read_file(path)
    return pair.xliff if isinstance(pair, PagePair) else None


def make_review(
    path: str,
    findings_by_unit: dict[str, list[Finding]] | None = None,
    mt: dict[str, str] | None = None,
) -> PageReview:
    """Hand-made blocks and findings for units title/u2/u3, on the unit layout the reader recorded for ``path``."""
    findings_by_unit = findings_by_unit or {}
    mt = mt or {}
    src = tuple(Block(BlockKind.PARAGRAPH, t, i, uid, line) for i, (uid, t, line) in enumerate(SRC))
    tgt = tuple(Block(BlockKind.PARAGRAPH, t, i, uid, line) for i, (uid, t, line) in enumerate(TGT))
    pair = PagePair("about", Page(path, "en", "About", src, "xliff"), Page(path, "ar", "About", tgt, "xliff"), True,
                    xliff=layout_of(path))
    segments = []
    for i, (s, t) in enumerate(zip(src, tgt)):
        ap = AlignedPair((Segment(i, 0, len(s.text), s.text),), (Segment(i, 0, len(t.text), t.text),), 1.0)
        fs = tuple(findings_by_unit.get(s.unit_id, ()))
        tr = {"en-ar": mt[s.unit_id]} if s.unit_id in mt else {}
        segments.append(SegmentReview(ap, findings=fs, translations=tr))
    return PageReview(pair, tuple(segments), source_words=10)


NUMBER = Finding(
    check="numbers",
    category="accuracy/number",
    severity=Severity.MAJOR,
    message='"250" in the source is "25" in the target <&>',
    src_span=Span(1, 9, 12, "250"),
    tgt_span=Span(1, 5, 7, "25"),
    threshold="numbers must match",
)
MINOR_NOTE = Finding("style", "style/spacing", Severity.MINOR, "double space", tgt_span=Span(2, 0, 3, "الا"))
INFO = Finding("info", "other", Severity.NONE, "just a remark", tgt_span=Span(0, 0, 2, "من"))


def unit_bounds(data: bytes, start_marker: bytes, end_marker: bytes) -> tuple[int, int]:
    start = data.index(start_marker)
    start = data.rindex(b"<", 0, start + 1)
    end = data.index(end_marker, start) + len(end_marker)
    return start, end


def write(tmp_path: Path, text: str, name: str = "page.xliff", newline: str = "\n") -> Path:
    p = tmp_path / name
    p.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return p


def test_unflagged_round_trip_is_identical(tmp_path: Path) -> None:
    src = write(tmp_path, XLIFF_12)
    out = tmp_path / "out.xliff"
    review = make_review(str(src), {"title": [INFO]})  # severity none: not a flag
    assert write_back(src, review, out) == 0
    assert out.read_bytes() == src.read_bytes()


def test_flagged_12_unit_marked_and_rest_untouched(tmp_path: Path) -> None:
    src = write(tmp_path, XLIFF_12)
    original = src.read_bytes()
    out = tmp_path / "out" / "page.xliff"
    review = make_review(str(src), {"u2": [NUMBER]}, mt={"u2": "ندرب 250 مسؤولا في المدينة كل عام."})
    assert write_back(src, review, out) == 1
    assert src.read_bytes() == original  # input untouched
    new = out.read_bytes()

    # byte-for-byte identical before and after the flagged unit
    a, b = unit_bounds(original, b'id="u2"', b"</trans-unit>")
    a2, b2 = unit_bounds(new, b'id="u2"', b"</trans-unit>")
    assert a == a2
    assert new[:a2] == original[:a]
    assert new[b2:] == original[b:]

    root = etree.fromstring(new)  # still well-formed
    units = {u.get("id"): u for u in root.iter(N12 + "trans-unit")}
    u2 = units["u2"]
    target = u2.find(N12 + "target")
    assert target.get("state") == "needs-review-translation"
    assert target.get("state-qualifier") == "leveraged-mt"  # other attributes kept
    assert target.text == "ندرب 25 مسؤولا كل عام."
    notes = u2.findall(N12 + "note")
    assert len(notes) == 1 and notes[0].get("from") == "mt-review"
    assert "[major] accuracy/number (numbers)" in notes[0].text
    assert '"250" in the source is "25" in the target <&>' in notes[0].text  # escaped on disk, intact when parsed
    alt = u2.find(N12 + "alt-trans")
    assert alt.get("origin") == "mt-review"
    alt_target = alt.find(N12 + "target")
    assert alt_target.text == "ندرب 250 مسؤولا في المدينة كل عام."
    assert alt_target.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    # the other units carry nothing new
    for uid in ("title", "u3"):
        assert units[uid].find(N12 + "note") is None
        assert units[uid].find(N12 + "target").get("state") is None
    # the note sits on its own line with the unit's indentation
    assert b'\n        <note from="mt-review"' in new


CHECK_HINT = Finding(
    check="numbers",
    category="accuracy/number",
    severity=Severity.MAJOR,
    message='"250" in the source is "25" in the target',
    tgt_span=Span(1, 5, 7, "25"),
    suggestion="use 250",
)


@pytest.mark.parametrize("text,name,ns", [(XLIFF_12, "page.xliff", N12), (XLIFF_20, "page.xlf", N20)])
def test_check_suggestion_goes_in_note_never_alt_trans(tmp_path: Path, text: str, name: str, ns: str) -> None:
    """A check's hint ("use 250") is not a translation of the unit: note only, no alternative translation."""
    src = write(tmp_path, text, name)
    out = tmp_path / ("out-" + name)
    review = make_review(str(src), {"u2": [CHECK_HINT]})  # no model translation
    assert flagged_units(review)["u2"].suggestion is None
    assert write_back(src, review, out) == 1
    new = out.read_bytes()
    assert b"alt-trans" not in new and b"mt-review:suggestion" not in new
    root = etree.fromstring(new)
    unit = next(u for u in root.iter(ns + ("trans-unit" if ns == N12 else "unit")) if u.get("id") == "u2")
    notes = [n for n in unit.iter(ns + "note") if "mt-review" in (n.get("from", "") + n.get("category", ""))]
    assert len(notes) == 1
    # the finding's part of the note: severity, check, message and its suggestion
    assert "[major] accuracy/number (numbers)" in notes[0].text
    assert '"250" in the source is "25" in the target' in notes[0].text
    assert "Suggestion: use 250" in notes[0].text


def test_glossary_hint_without_machine_translation_is_note_only(tmp_path: Path) -> None:
    src = write(tmp_path, XLIFF_12)
    out = tmp_path / "out.xliff"
    f = Finding("glossary", "terminology/wrong-term", Severity.MINOR, "use the glossary term",
                tgt_span=Span(2, 0, 7, "الاتصال"), suggestion="التواصل")
    assert write_back(src, make_review(str(src), {"u3": [f]}), out) == 1
    root = etree.fromstring(out.read_bytes())
    u3 = next(u for u in root.iter(N12 + "trans-unit") if u.get("id") == "u3")
    assert u3.find(N12 + "alt-trans") is None
    assert "Suggestion: التواصل" in u3.find(N12 + "note").text
    assert u3.find(N12 + "note").get("priority") == "3"
    # a one-line unit stays on one line
    assert b'<trans-unit id="u3"><source>' in out.read_bytes()


@pytest.mark.parametrize("text,name,ns", [(XLIFF_12, "page.xliff", N12), (XLIFF_20, "page.xlf", N20)])
def test_model_translation_is_the_alt_trans(tmp_path: Path, text: str, name: str, ns: str) -> None:
    """With the model's translation of the (one-pair) unit, that full translation is the alternative."""
    src = write(tmp_path, text, name)
    out = tmp_path / ("out-" + name)
    full = "ندرب 250 مسؤولا في المدينة كل عام."
    review = make_review(str(src), {"u2": [CHECK_HINT]}, mt={"u2": full})
    assert write_back(src, review, out) == 1
    root = etree.fromstring(out.read_bytes())
    if ns == N12:
        u2 = next(u for u in root.iter(N12 + "trans-unit") if u.get("id") == "u2")
        alts = u2.findall(N12 + "alt-trans")
        assert len(alts) == 1 and alts[0].find(N12 + "target").text == full
        note = u2.find(N12 + "note").text
    else:
        u2 = next(u for u in root.iter(N20 + "unit") if u.get("id") == "u2")
        notes = {n.get("category"): n.text for n in u2.iter(N20 + "note")}
        assert notes["mt-review:suggestion"] == full
        note = notes["mt-review"]
    assert "Suggestion: use 250" in note and full not in note  # the hint stays in the note


def test_rerun_drops_an_old_check_hint_alt_trans(tmp_path: Path) -> None:
    """An earlier run's <alt-trans> holding "use 5" is removed, not kept, when there is no translation now."""
    old = XLIFF_12.replace(
        "<![CDATA[ندرب 25 مسؤولا كل عام.]]></target>\n",
        "<![CDATA[ندرب 25 مسؤولا كل عام.]]></target>\n"
        '        <alt-trans origin="mt-review" alttranstype="proposal"><target xml:lang="ar">use 5</target></alt-trans>\n',
    )
    assert "use 5" in old
    src = write(tmp_path, old)
    out = tmp_path / "out.xliff"
    assert write_back(src, make_review(str(src), {"u2": [CHECK_HINT]}), out) == 1
    new = out.read_bytes()
    assert b"alt-trans" not in new and b">use 5<" not in new


def _split_review(path: str, mt: list[str | None], cover_all: bool = True) -> PageReview:
    """Unit u2's source and target as two aligned sentence pairs (the second left out when not cover_all)."""
    base = make_review(path)
    s_text, t_text = SRC[1][1], TGT[1][1]
    s_cut = s_text.index(" every")
    t_cut = t_text.index(" كل")
    src_parts = [(0, s_cut), (s_cut + 1, len(s_text))]
    tgt_parts = [(0, t_cut), (t_cut + 1, len(t_text))]
    segs = [base.segments[0], base.segments[2]]
    for k, ((a, b), (c, d)) in enumerate(zip(src_parts, tgt_parts)):
        if k == 1 and not cover_all:
            break
        ap = AlignedPair((Segment(1, a, b, s_text[a:b]),), (Segment(1, c, d, t_text[c:d]),), 1.0)
        fs = (CHECK_HINT,) if k == 0 else ()
        tr = {"en-ar": mt[k]} if mt[k] is not None else {}
        segs.insert(1 + k, SegmentReview(ap, findings=fs, translations=tr))
    return PageReview(base.pair, tuple(segs), source_words=10)


def test_unit_of_several_pairs_joins_their_translations_in_order(tmp_path: Path) -> None:
    src = write(tmp_path, XLIFF_12)
    review = _split_review(str(src), ["ندرب 250 مسؤولا في المدينة", " كل عام. "])
    # given out of order, still joined in source order
    segs = list(review.segments)
    segs[1], segs[2] = segs[2], segs[1]
    review = PageReview(review.pair, tuple(segs), source_words=10)
    assert flagged_units(review)["u2"].suggestion == "ندرب 250 مسؤولا في المدينة كل عام."
    out = tmp_path / "out.xliff"
    assert write_back(src, review, out) == 1
    root = etree.fromstring(out.read_bytes())
    u2 = next(u for u in root.iter(N12 + "trans-unit") if u.get("id") == "u2")
    assert u2.find(f"{N12}alt-trans/{N12}target").text == "ندرب 250 مسؤولا في المدينة كل عام."


@pytest.mark.parametrize("mt,cover_all", [(["ندرب 250 مسؤولا", None], True), (["ندرب 250 مسؤولا", None], False),
                                          (["ندرب 250 مسؤولا", "كل عام"], False), (["ندرب 250 مسؤولا", "  "], True)])
def test_partial_translation_of_a_unit_is_not_an_alt_trans(tmp_path: Path, mt: list, cover_all: bool) -> None:
    """A sentence of the unit untranslated, or source text no pair covers: no alternative translation."""
    src = write(tmp_path, XLIFF_12)
    review = _split_review(str(src), mt, cover_all)
    assert flagged_units(review)["u2"].suggestion is None
    out = tmp_path / "out.xliff"
    assert write_back(src, review, out) == 1
    assert b"alt-trans" not in out.read_bytes()
    assert "Suggestion: use 250" in out.read_bytes().decode("utf-8")


def test_pair_straddling_two_units_gives_neither_an_alt_trans(tmp_path: Path) -> None:
    src = write(tmp_path, XLIFF_12)
    base = make_review(str(src))
    s0, s1 = base.segments[0].pair, base.segments[1].pair
    merged = AlignedPair(s0.src + s1.src, s0.tgt + s1.tgt, 0.8)
    seg = SegmentReview(merged, findings=(CHECK_HINT,),
                        translations={"en-ar": "من نحن. ندرب 250 مسؤولا كل عام."})
    review = PageReview(base.pair, (seg, base.segments[2]), source_words=10)
    flags = flagged_units(review)
    assert flags["u2"].suggestion is None


def test_omission_flags_unit_through_source_span(tmp_path: Path) -> None:
    src = write(tmp_path, XLIFF_12)
    out = tmp_path / "out.xliff"
    omission = Finding("omission", "accuracy/omission", Severity.CRITICAL, "sentence missing",
                       src_span=Span(0, 0, 8, "About us"))
    review = make_review(str(src), {"title": [omission]})
    assert set(flagged_units(review)) == {"title"}
    assert write_back(src, review, out) == 1
    root = etree.fromstring(out.read_bytes())
    title = next(u for u in root.iter(N12 + "trans-unit") if u.get("id") == "title")
    assert title.find(N12 + "target").get("state") == "needs-review-translation"
    assert title.find(N12 + "note").get("priority") == "1"


def test_rerun_replaces_previous_marks(tmp_path: Path) -> None:
    src = write(tmp_path, XLIFF_12, newline="\r\n")
    first, second = tmp_path / "first.xliff", tmp_path / "second.xliff"
    review = make_review(str(src), {"u2": [NUMBER]}, mt={"u2": "ندرب 250 مسؤولا"})
    write_back(src, review, first)
    write_back(first, make_review(str(first), {"u2": [NUMBER]}, mt={"u2": "ندرب 250 مسؤولا"}), second)
    assert second.read_bytes() == first.read_bytes()  # idempotent: no pile-up of notes
    data = first.read_bytes()
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")  # CRLF kept, inserted lines too


def test_flagged_20_unit(tmp_path: Path) -> None:
    src = write(tmp_path, XLIFF_20, "page.xlf")
    original = src.read_bytes()
    out = tmp_path / "out.xlf"
    review = make_review(str(src), {"u2": [NUMBER], "u3": [MINOR_NOTE]}, mt={"u2": "ندرب 250 مسؤولا"})
    assert write_back(src, review, out) == 2
    new = out.read_bytes()
    a, _ = unit_bounds(original, b'<unit id="u2"', b"</unit>")
    assert new[:a] == original[:a]  # everything before the first flagged unit
    _, b = unit_bounds(original, b'<unit id="u3"', b"</unit>")
    _, b2 = unit_bounds(new, b'<unit id="u3"', b"</unit>")
    assert new[b2:] == original[b:]

    root = etree.fromstring(new)
    units = {u.get("id"): u for u in root.iter(N20 + "unit")}
    seg = units["u2"].find(N20 + "segment")
    assert seg.get("state") == "translated" and seg.get("subState") == "mt-review:needs-review"
    assert seg.get("id") == "s1"
    children = [c.tag.split("}")[1] for c in units["u2"]]
    assert children == ["notes", "originalData", "segment"]  # XLIFF 2 content order
    notes = units["u2"].findall(f"{N20}notes/{N20}note")
    assert [n.get("category") for n in notes] == ["mt-review", "mt-review:suggestion"]
    assert "accuracy/number" in notes[0].text and notes[1].text == "ندرب 250 مسؤولا"
    # existing <notes> extended, the translator's own note kept
    u3_notes = units["u3"].findall(f"{N20}notes/{N20}note")
    assert [n.get("category") for n in u3_notes] == ["context", "mt-review"]
    assert len(units["u3"].findall(N20 + "notes")) == 1
    # the untouched unit
    assert units["title"].find(N20 + "segment").get("state") == "final"
    assert units["title"].find(N20 + "notes") is None
    # idempotent on its own output
    again = tmp_path / "again.xlf"
    write_back(out, make_review(str(out), {"u2": [NUMBER], "u3": [MINOR_NOTE]}, mt={"u2": "ندرب 250 مسؤولا"}), again)
    assert again.read_bytes() == new


@pytest.mark.parametrize(
    "bad",
    [
        "<xliff version='1.2'><file><body><trans-unit id='a'><source>x</source></body></file></xliff>",
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff version="1.2"><file>&a;</file></xliff>',
        "<html><body>not xliff</body></html>",
    ],
)
def test_malformed_refused_and_nothing_written(tmp_path: Path, bad: str) -> None:
    """Hostile or malformed XML never gets a review to write back; a file changed into it after review is refused."""
    src = write(tmp_path, bad)
    with pytest.raises(InputError):
        read_file(src, fmt="xliff")
    good = write(tmp_path, XLIFF_12, "good.xliff")
    review = make_review(str(good), {"u2": [NUMBER]})
    good.write_bytes(bad.encode("utf-8"))  # replaced between review and write-back
    out = tmp_path / "out.xliff"
    with pytest.raises(InputError, match="changed after it was reviewed"):
        write_back(good, review, out)
    assert good.read_bytes() == bad.encode("utf-8")
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([src.name, good.name])  # no temporary left behind


def test_refuses_to_overwrite_input(tmp_path: Path) -> None:
    src = write(tmp_path, XLIFF_12)
    before = src.read_bytes()
    with pytest.raises(InputError):
        write_back(src, make_review(str(src), {"u2": [NUMBER]}), src)
    with pytest.raises(InputError):
        write_back(src, make_review(str(src), {"u2": [NUMBER]}), tmp_path / "." / src.name)
    assert src.read_bytes() == before


def test_utf16_file_keeps_its_encoding(tmp_path: Path) -> None:
    text = XLIFF_12.replace('encoding="utf-8"', 'encoding="utf-16"')
    src = tmp_path / "page16.xliff"
    src.write_bytes(text.encode("utf-16"))  # with BOM
    out = tmp_path / "out16.xliff"
    assert write_back(src, make_review(str(src), {"u2": [NUMBER]}), out) == 1
    new = out.read_bytes()
    assert new[:2] == src.read_bytes()[:2]
    decoded = new.decode("utf-16")
    assert "needs-review-translation" in decoded
    root = etree.fromstring(new)
    assert root.find(f".//{N12}note") is not None
    assert [t.get("state") for t in root.iter(N12 + "target")] == [None, "needs-review-translation", None]


MULTI_FILE = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="home" source-language="en" target-language="ar" datatype="plaintext">
    <body>
      <trans-unit id="1"><source>Welcome to our city network.</source><target>مرحبا بكم في شبكة مدننا.</target></trans-unit>
    </body>
  </file>
  <file original="about" source-language="en" target-language="ar" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>We have 300 member cities.</source>
        <target>لدينا 30 مدينة عضوا.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_real_reader_ids_multi_file(tmp_path: Path) -> None:
    """Unit ids as the XLIFF reader makes them (``file#id`` with several files) find the right unit."""
    ingest = pytest.importorskip("mt_review.ingest")
    src = write(tmp_path, MULTI_FILE, "export.xliff")
    pair = ingest.read_file(src)
    assert isinstance(pair, PagePair)
    tgt = pair.target.blocks
    about = next(b for b in tgt if b.unit_id == "about#1")
    seg = SegmentReview(
        AlignedPair((Segment(about.index, 0, 5, "We ha"),), (Segment(about.index, 0, 5, about.text[:5]),), 1.0),
        findings=(Finding("numbers", "accuracy/number", Severity.MAJOR, "300 vs 30",
                          tgt_span=Span(about.index, 5, 7, "30")),),
    )
    review = PageReview(pair, (seg,))
    out = tmp_path / "out.xliff"
    assert write_back(src, review, out) == 1
    root = etree.fromstring(out.read_bytes())
    files = {f.get("original"): f for f in root.iter(N12 + "file")}
    assert files["about"].find(f".//{N12}target").get("state") == "needs-review-translation"
    assert files["home"].find(f".//{N12}target").get("state") is None
    assert files["home"].find(f".//{N12}note") is None


@pytest.mark.parametrize("text,name,ns", [(XLIFF_12, "page.xliff", N12), (XLIFF_20, "page.xlf", N20)])
def test_real_pipeline_write_back(tmp_path: Path, text: str, name: str, ns: str) -> None:
    """Read with the real XLIFF reader, review with the real pipeline (no models), write back."""
    pipeline = pytest.importorskip("mt_review.pipeline", exc_type=ImportError)
    from mt_review.config import ReviewSettings
    from mt_review.ingest import read_file

    src = write(tmp_path, text, name)
    config = ReviewSettings(embedder="none")
    review = pipeline.review_page(read_file(src), config, pipeline.Resources())
    assert any(f.check == "numbers" for f in review.findings)  # 250 -> 25 in unit u2
    out = tmp_path / ("out-" + name)
    assert write_back(src, review, out) == len(flagged_units(review)) >= 1
    root = etree.fromstring(out.read_bytes())
    unit_tag = "trans-unit" if ns == N12 else "unit"
    marked = {u.get("id") for u in root.iter(ns + unit_tag) if u.find(f".//{ns}note") is not None
              and "mt-review" in etree.tostring(u, encoding="unicode")}
    assert "u2" in marked and "title" not in marked


EDGE_12 = """<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><x:file original="p" source-language="en" target-language="ar-SA" datatype="plaintext"><x:body>
<x:trans-unit id="title"><x:source>About us</x:source><x:target/></x:trans-unit>
<!-- <x:trans-unit id="u2"> in a comment is not a unit -->
<x:trans-unit id="u2"><x:source>We train 250 city officials every year.</x:source></x:trans-unit>
<x:trans-unit id="u3"><x:source><![CDATA[a </x:target> in CDATA]]></x:source><x:target>الاتصال</x:target></x:trans-unit>
</x:body></x:file></x:xliff>"""


def test_prefixed_namespace_empty_and_missing_targets(tmp_path: Path) -> None:
    src = write(tmp_path, EDGE_12)
    out = tmp_path / "out.xliff"
    review = make_review(str(src), {"title": [INFO.__class__("x", "other", Severity.MINOR, "empty",
                                                             tgt_span=Span(0, 0, 0, ""))],
                                    "u2": [NUMBER], "u3": [MINOR_NOTE]}, mt={"u2": "ندرب 250"})
    assert write_back(src, review, out) == 3
    new = out.read_bytes()
    root = etree.fromstring(new)
    units = {u.get("id"): u for u in root.iter(N12 + "trans-unit")}
    assert units["title"].find(N12 + "target").get("state") == "needs-review-translation"
    assert units["u2"].find(N12 + "target") is None  # no target: only a note and the suggestion
    assert units["u2"].find(N12 + "note") is not None
    assert units["u2"].find(f"{N12}alt-trans/{N12}target").get("{http://www.w3.org/XML/1998/namespace}lang") == "ar-SA"
    assert units["u3"].find(N12 + "target").get("state") == "needs-review-translation"
    assert b"<!-- <x:trans-unit id=\"u2\"> in a comment is not a unit -->" in new
    assert b'<x:note from="mt-review"' in new  # the file's own prefix is used


def test_write_back_run_folder(tmp_path: Path) -> None:
    """Several XLIFF pages: one marked copy each in the folder, planned with the reports."""
    from mt_review.app import plan_outputs, write_outputs
    from mt_review.config import RunOptions
    from mt_review.gate import GateResult
    from mt_review.model import RunReport, Signature

    def write_back_run(run, folder):
        options = RunOptions(formats=(), write_xliff=str(folder))
        plan = plan_outputs(run, GateResult(False, (), frozenset()), options, tmp_path / "reports")
        write_outputs(plan)
        return {str(k): v for k, v in plan.xliff_marked.items()}

    (tmp_path / "in").mkdir()
    a = write(tmp_path / "in", XLIFF_12, "a.xliff")
    b = write(tmp_path / "in", XLIFF_20, "b.xlf")
    made = make_review("x.ar.txt", {"u2": [NUMBER]})  # a text page: not XLIFF, skipped
    text_page = PageReview(PagePair("x", made.pair.source, Page("x.ar.txt", "ar", "x", made.pair.target.blocks)), ())
    run = RunReport((make_review(str(a), {"u2": [NUMBER]}), make_review(str(b), {}), text_page),
                    Signature("0", "a", "none", {}, {}, "c"))
    out = write_back_run(run, tmp_path / "reviewed")
    assert out == {str(tmp_path / "reviewed" / "a.xliff"): 1, str(tmp_path / "reviewed" / "b.xlf"): 0}
    assert (tmp_path / "reviewed" / "b.xlf").read_bytes() == b.read_bytes()
    with pytest.raises(InputError):
        write_back_run(run, tmp_path / "in")  # would overwrite the inputs
    assert a.read_bytes() == XLIFF_12.encode("utf-8")


def test_property_any_message_any_units(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whatever the messages and whichever units are flagged: well-formed, escaped, rest untouched."""
    hyp = pytest.importorskip("hypothesis")
    st = hyp.strategies

    @hyp.settings(max_examples=40, deadline=None)
    @hyp.given(
        units=st.sets(st.sampled_from(["title", "u2", "u3"])),
        message=st.text(min_size=1, max_size=40),
        suggestion=st.one_of(st.none(), st.text(max_size=30)),
        v2=st.booleans(),
    )
    def check(units: set[str], message: str, suggestion: str | None, v2: bool) -> None:
        folder = tmp_path_factory.mktemp("prop")
        src = write(folder, XLIFF_20 if v2 else XLIFF_12, "p.xlf")
        f = Finding("c", "other", Severity.MAJOR, message, tgt_span=Span(0, 0, 1, "x"), suggestion=suggestion)
        by_unit = {}
        for uid in units:
            idx = [u for u, _, _ in TGT].index(uid)
            by_unit[uid] = [Finding(f.check, f.category, f.severity, f.message, tgt_span=Span(idx, 0, 1, "x"),
                                    suggestion=f.suggestion)]
        out = folder / "out.xlf"
        assert write_back(src, make_review(str(src), by_unit), out) == len(units)
        new, old = out.read_bytes(), src.read_bytes()
        root = etree.fromstring(new)
        ns = N20 if v2 else N12
        tag = "unit" if v2 else "trans-unit"
        for u in root.iter(ns + tag):
            notes = [n for n in u.iter(ns + "note") if "mt-review" in (n.get("from", "") + n.get("category", ""))]
            assert bool(notes) == (u.get("id") in units)
        if not units:
            assert new == old
        else:  # the bytes before the first unit and after the last are the input's
            first = old.index(b"<trans-unit" if not v2 else b"<unit ")
            last = old.rindex(b"</trans-unit>" if not v2 else b"</unit>")
            assert new[:first] == old[:first]
            tail = old[last:]
            assert new.endswith(tail)

    check()
