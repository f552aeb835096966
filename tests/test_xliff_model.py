"""One XLIFF model: write-back finds each unit by the key the reader gave it, and edits nothing else.

The reader (``mt_review.ingest.xliff``) records every unit's key and spans;
write-back consumes them.  These tests build the review from what the reader
returned (blocks carry the keys findings and fingerprints use) and check the
marked copy against the generator's own knowledge of where each unit is.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import re
import warnings
from pathlib import Path

import pytest
from lxml import etree

from mt_review.ingest import read_file
from mt_review.model import AlignedPair, Finding, PagePair, PageReview, Segment, SegmentReview, Severity, Span
from mt_review.xliff_writeback import write_back, writeback_bytes

N12 = "{urn:oasis:names:tc:xliff:document:1.2}"
N20 = "{urn:oasis:names:tc:xliff:document:2.0}"


def review_flagging(pair: PagePair, keys: set[str], message: str = "check <this> & that") -> PageReview:
    """A review of ``pair`` (as the reader returned it) with one major finding on each unit in ``keys``."""
    segments = []
    by_key = {b.unit_id: b for b in pair.target.blocks}
    for key in sorted(keys):
        block = by_key[key]
        f = Finding("numbers", "accuracy/number", Severity.MAJOR, message,
                    tgt_span=Span(block.index, 0, len(block.text), block.text))
        ap = AlignedPair((Segment(block.index, 0, 0, ""),), (Segment(block.index, 0, len(block.text), block.text),), 1.0)
        segments.append(SegmentReview(ap, findings=(f,)))
    return PageReview(pair, tuple(segments), source_words=10)


NO_ID_12 = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="p" source-language="en" target-language="ar" datatype="plaintext">
    <body>
      <trans-unit
          datatype="html">
        <source>We train 250 officials.</source>
        <target>ندرب 25 مسؤولا.</target>
      </trans-unit>
      <trans-unit datatype="html">
        <source>Contact us</source>
        <target>اتصل بنا</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

NO_ID_20 = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar">
  <file id="f1">
    <unit
        name="body">
      <segment>
        <source>We train 250 officials.</source>
        <target>ندرب 25 مسؤولا.</target>
      </segment>
    </unit>
    <unit name="footer">
      <segment><source>Contact us</source><target>اتصل بنا</target></segment>
    </unit>
  </file>
</xliff>
"""


@pytest.mark.parametrize("text,ns,tag", [(NO_ID_12, N12, "trans-unit"), (NO_ID_20, N20, "unit")])
def test_unit_without_id_start_tag_on_two_lines_is_marked(tmp_path: Path, text: str, ns: str, tag: str) -> None:
    """The reported bug: the reader named the unit by one line, write-back looked for another; 0 marked."""
    src = tmp_path / "p.xlf"
    src.write_text(text, encoding="utf-8")
    pair = read_file(src)
    assert isinstance(pair, PagePair)
    first = pair.target.blocks[0].unit_id
    assert first is not None and first.startswith("line-")  # no id: named by its line
    out = tmp_path / "out.xlf"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no "could not be marked" warning
        assert write_back(src, review_flagging(pair, {first}), out) == 1
    units = list(etree.fromstring(out.read_bytes()).iter(ns + tag))
    marked = [u for u in units if any("mt-review" in (n.get("from", "") + n.get("category", ""))
                                      for n in u.iter(ns + "note"))]
    assert marked == [units[0]]


@pytest.mark.parametrize("text,name", [(NO_ID_12, "p.xliff"), (NO_ID_20, "p.xlf")])
def test_unit_without_id_marked_from_the_real_pipeline(tmp_path: Path, text: str, name: str) -> None:
    """The number finding of the real checks lands in the id-less unit whose start tag spans two lines."""
    from mt_review.config import ReviewSettings
    from mt_review.pipeline import Resources, review_page

    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    review = review_page(read_file(src), ReviewSettings(embedder="none"), Resources())
    assert any(f.check == "numbers" for f in review.findings)
    out = tmp_path / ("out-" + name)
    assert write_back(src, review, out) >= 1
    assert "mt-review" in out.read_text(encoding="utf-8").split("Contact us")[0]


SELF_CLOSING = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="p" source-language="en" target-language="ar" datatype="plaintext"><body>
    <trans-unit id="a"><source>We train 250 officials.</source><target>ندرب 25 مسؤولا.</target></trans-unit>
    <trans-unit id="empty"/>
  </body></file>
</xliff>
"""


def test_a_unit_that_cannot_be_marked_is_said_and_counted_in_the_reports(tmp_path: Path) -> None:
    from mt_review.app import plan_outputs
    from mt_review.config import RunOptions
    from mt_review.gate import GateResult
    from mt_review.model import RunReport, Signature

    src = tmp_path / "p.xliff"
    src.write_text(SELF_CLOSING, encoding="utf-8")
    pair = read_file(src)
    assert isinstance(pair, PagePair)
    review = review_flagging(pair, {"a", "empty"})
    with pytest.warns(UserWarning, match=r"1 flagged unit\(s\) of .*p\.xliff could not be marked: empty"):
        done = writeback_bytes(src.read_bytes(), review, str(src))
    assert done.marked == 1 and [uid for uid, _ in done.unmarked] == ["empty"]

    run = RunReport((review,), Signature("0", "a", "none", {}, {}, "c"))
    options = RunOptions(formats=("json",), write_xliff=str(tmp_path / "out.xliff"))
    with pytest.warns(UserWarning, match="could not be marked"):
        plan = plan_outputs(run, GateResult(False, (), frozenset()), options, tmp_path / "reports")
    assert plan.xliff_marked == {tmp_path / "out.xliff": 1}
    assert plan.xliff_unmarked == {tmp_path / "out.xliff": 1}
    report = json.loads(next(v for k, v in plan.reports.items() if k.endswith(".json")))
    assert any("1 flagged unit(s) of p could not be marked: empty" in n for n in report["notices"])


def test_a_page_without_a_layout_is_never_passed_over_silently(tmp_path: Path) -> None:
    src = tmp_path / "p.xliff"
    src.write_text(SELF_CLOSING, encoding="utf-8")
    pair = read_file(src)
    assert isinstance(pair, PagePair)
    review = review_flagging(dataclasses.replace(pair, xliff=None), {"a"})
    with pytest.warns(UserWarning, match="could not be marked: a"):
        done = writeback_bytes(src.read_bytes(), review, str(src))
    assert done.marked == 0 and done.data == src.read_bytes()


# --------------------------------------------------------------------------- generated files

ENCODINGS = {
    # name: (bytes of the text, the encoding the prolog declares)
    "utf-8": (lambda t: t.encode("utf-8"), "utf-8"),
    "utf-8-bom": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8"),
    "utf-16-le-bom": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16"),
    "utf-16-be-bom": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
    "utf-32-le-bom": (lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"), "utf-32"),
    "utf-32-be-bom": (lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"), "utf-32"),
    "windows-1256": (lambda t: t.encode("cp1256"), "windows-1256"),
    "iso-8859-6": (lambda t: t.encode("iso-8859-6"), "ISO-8859-6"),
}


@dataclasses.dataclass
class Generated:
    text: str
    spans: list[tuple[int, int]]  # each unit's (start, end) in ``text``, as the generator wrote it
    v2: bool


def generate(draw, st) -> Generated:
    """An XLIFF document with varied formatting; the generator records where each unit is."""
    v2 = draw(st.booleans())
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    n_files = draw(st.integers(1, 2))
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    words = ["Report 250", "About us", "a < b & c", "Contact", "Page 3 of 9"]
    arabic = ["تقرير 25", "من نحن", "أ < ب و ج", "اتصل", "صفحة 3 من 9"]

    def emit(s: str) -> None:
        parts.append(s)

    if v2:
        emit(f'<?xml version="1.0" encoding="@ENC@"?>{nl}<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
             f'version="2.0" srcLang="en" trgLang="ar">{nl}')
    else:
        emit(f'<?xml version="1.0" encoding="@ENC@"?>{nl}<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
             f'version="1.2">{nl}')
    for fk in range(n_files):
        if v2:
            emit(f'  <file id="f{fk}">{nl}')
        else:
            emit(f'  <file original="f{fk}" source-language="en" target-language="ar" datatype="plaintext">{nl}'
                 f"    <body>{nl}")
        for uk in range(draw(st.integers(1, 4))):
            if draw(st.booleans()):
                emit(f"    <!-- <{'unit' if v2 else 'trans-unit'} id=\"u{uk}\"> in a comment -->{nl}")
            ident = draw(st.sampled_from(["id", "none", "resname"] if not v2 else ["id", "none"]))
            # duplicate ids across files: every file numbers its units from u0
            attrs = [f'id="u{uk}"'] if ident == "id" else ([f'resname="r{uk}"'] if ident == "resname" else [])
            attrs.append('datatype="html"' if not v2 else f'name="n{uk}"')
            sep = draw(st.sampled_from([" ", nl + "        ", nl + "\t"]))  # attributes across lines
            w = draw(st.integers(0, len(words) - 1))
            cdata = draw(st.booleans())
            src = f"<![CDATA[{words[w]}]]>" if cdata else words[w].replace("&", "&amp;").replace("<", "&lt;")
            tgt = f"<![CDATA[{arabic[w]}]]>" if cdata else arabic[w].replace("&", "&amp;").replace("<", "&lt;")
            inner_comment = f"<!-- translator: keep -->{nl}        " if draw(st.booleans()) else ""
            start = sum(len(p) for p in parts) + 4
            if v2:
                unit = (f"    <unit{sep}{sep.join(attrs)}>{nl}        {inner_comment}<segment>{nl}"
                        f"          <source>{src}</source>{nl}          <target>{tgt}</target>{nl}"
                        f"        </segment>{nl}      </unit>")
            else:
                target = draw(st.sampled_from(["full", "missing"]))
                target_xml = f"{nl}        <target state='translated'>{tgt}</target>" if target == "full" else ""
                unit = (f"    <trans-unit{sep}{sep.join(attrs)}>{nl}        {inner_comment}<source>{src}</source>"
                        f"{target_xml}{nl}      </trans-unit>")
            emit(unit + nl)
            spans.append((start, start + len(unit) - 4))
        emit(f"  </file>{nl}" if v2 else f"    </body>{nl}  </file>{nl}")
    emit(f"</xliff>{nl}")
    return Generated("".join(parts), spans, v2)


def test_generated_files_every_flagged_unit_marked_once_and_every_other_byte_kept(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    hyp = pytest.importorskip("hypothesis")
    st = hyp.strategies

    @hyp.settings(max_examples=60, deadline=None, suppress_health_check=list(hyp.HealthCheck))
    @hyp.given(data=st.data(), encoding=st.sampled_from(sorted(ENCODINGS)))
    def check(data, encoding: str) -> None:
        gen = generate(data.draw, st)
        to_bytes, declared = ENCODINGS[encoding]
        text = gen.text.replace("@ENC@", declared)
        shift = len(declared) - len("@ENC@")
        spans = [(a + shift, b + shift) for a, b in gen.spans]
        folder = tmp_path_factory.mktemp("gen")
        src = folder / "g.xlf"
        original = to_bytes(text)
        src.write_bytes(original)
        pair = read_file(src)
        assert isinstance(pair, PagePair)
        keys = [b.unit_id for b in pair.target.blocks]
        assert len(keys) == len(spans)
        chosen = data.draw(st.sets(st.integers(0, len(keys) - 1)))
        out = folder / "out.xlf"
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            marked = write_back(src, review_flagging(pair, {keys[k] for k in chosen}), out)
        assert marked == len(chosen)
        new = out.read_bytes()
        if not chosen:
            assert new == original
            return
        bom = next((b for b in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                codecs.BOM_UTF16_BE) if original.startswith(b)), b"")
        assert new.startswith(bom)
        codec = {"utf-8": "utf-8", "utf-8-bom": "utf-8", "windows-1256": "cp1256", "iso-8859-6": "iso-8859-6"}.get(encoding,
                                                                                     encoding.removesuffix("-bom"))
        new_text = new[len(bom):].decode(codec)
        # every byte outside the flagged units is the input's, in order
        end_tag = "</unit>" if gen.v2 else "</trans-unit>"
        pos = 0
        prev = 0
        for k in sorted(chosen):
            a, b = spans[k]
            gap = text[prev:a]
            assert new_text[pos:pos + len(gap)] == gap
            pos += len(gap)
            unit_start = text[a:text.index(" ", a) if gen.v2 else a + len("<trans-unit")]
            assert new_text.startswith(unit_start, pos)
            pos = new_text.index(end_tag, pos) + len(end_tag)
            prev = b
        assert new_text[pos:] == text[prev:]
        # each flagged unit carries exactly one mt-review note; the others none
        ns, tag = (N20, "unit") if gen.v2 else (N12, "trans-unit")
        units = list(etree.fromstring(new).iter(ns + tag))
        counts = [sum(1 for n in u.iter(ns + "note") if "mt-review" in (n.get("from", "") + n.get("category", "")))
                  for u in units]
        assert counts == [1 if k in chosen else 0 for k in range(len(units))]
        # and the copy reads back with the same units
        assert len(read_file(out).target.blocks) == len(keys)

    check()


def test_the_project_has_one_byte_order_mark_table() -> None:
    root = Path(__file__).resolve().parent.parent / "mt_review"
    users = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                   if re.search(r"codecs\.BOM_UTF", p.read_text(encoding="utf-8")))
    assert users == ["ingest/decode.py"]
