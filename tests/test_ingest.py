"""Readers: plain text, HTML, PO, JSONL, TSV, decoding, format detection, bad input."""

from __future__ import annotations

import codecs
import hashlib
import json
from pathlib import Path

import pytest

from mt_review.errors import InputError
from mt_review.ingest import DEFAULT_MAX_BYTES, detect_format, read_file
from mt_review.ingest.decode import decode, read_bytes
from mt_review.model import BlockKind, Page, PagePair

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "strongcities"
FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"
ICON_TEXT = (
    "arrow-circle arrow-down-basicarrow-down arrow-left-small arrow-left arrow-right-small "
    "arrow-right arrow-up arrow closefacebooklinkedinsearch twittervideo-icon"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        p.write_text(content, encoding="utf-8")
    else:
        p.write_bytes(content)
    return p


# --------------------------------------------------------------------------- seed text pair


def test_seed_english_page():
    page = read_file(SEED / "strongcities-nlc-workshop.en.txt")
    assert isinstance(page, Page)
    assert page.lang == "en"
    assert page.format == "text" and page.encoding == "utf-8"
    assert len(page.blocks) == 17
    assert page.blocks[0].text == ICON_TEXT
    assert page.blocks[-1].text == "Stay up to date with the latest news, articles and event reports"
    assert page.title.startswith("Enhancing National-Local Coordination")
    assert [b.index for b in page.blocks] == list(range(17))
    # line numbers of the file, blank-line runs of 1 and 3 lines included
    assert [b.line for b in page.blocks[:5]] == [1, 3, 5, 8, 10]
    assert page.blocks[1].kind is BlockKind.HEADING
    assert page.blocks[3].kind is BlockKind.PARAGRAPH
    assert page.blocks[9].text == "Responding to a Terrorist Attack"
    assert page.blocks[9].kind is BlockKind.HEADING


def test_seed_arabic_page():
    page = read_file(SEED / "strongcities-nlc-workshop.ar.txt")
    assert page.lang == "ar"
    assert len(page.blocks) == 18  # the WPML notice is one block more than English
    assert page.blocks[0].text == ICON_TEXT
    assert page.blocks[-1].text.startswith("تمت ترجمة محتوى هذا الموقع تلقائيًا باستخدام WPML")
    assert page.blocks[-1].kind is BlockKind.PARAGRAPH
    assert page.title == "تعزيز التنسيق الوطني والمحلي بشأن الوقاية والتأهب والاستجابة للتطرف والهجمات الإرهابية"
    assert page.blocks[-1].line == 43


# --------------------------------------------------------------------------- plain text


def test_text_blocks_keep_internal_newlines_and_kinds(tmp_path):
    p = write(
        tmp_path,
        "a.txt",
        "A Short Title\n\n\n\nFirst line of a paragraph,\nsecond line of it.\n   \nIs this a question?\n\nClosing words.\n",
    )
    page = read_file(p)
    assert [b.text for b in page.blocks] == [
        "A Short Title",
        "First line of a paragraph,\nsecond line of it.",
        "Is this a question?",
        "Closing words.",
    ]
    assert [b.kind for b in page.blocks] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    assert [b.line for b in page.blocks] == [1, 5, 8, 10]


def test_text_crlf_and_long_line_without_punctuation_is_paragraph(tmp_path):
    words = " ".join(["word"] * 25)
    p = write(tmp_path, "b.txt", b"Title\r\n\r\n" + words.encode() + b"\r\n")
    page = read_file(p)
    assert [b.line for b in page.blocks] == [1, 3]
    assert page.blocks[1].kind is BlockKind.PARAGRAPH
    assert "\r" not in page.blocks[1].text


def test_invisible_and_bidi_characters_are_kept(tmp_path):
    invisible = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"
    text = f"هذه جملة{invisible}عربية.\n\n\u200b\n"
    page = read_file(write(tmp_path, "inv.ar.txt", text))
    assert invisible in page.blocks[0].text
    # a line holding only an invisible character is content, not a blank line
    assert page.blocks[1].text == "\u200b"


def test_text_is_nfc_normalised(tmp_path):
    decomposed = "Cafe\u0301 and re\u0301sume\u0301 are on the menu."
    page = read_file(write(tmp_path, "nfc.txt", decomposed))
    assert page.blocks[0].text == "Café and résumé are on the menu."
    # Arabic: alef + combining hamza above composes to U+0623
    page = read_file(write(tmp_path, "nfc.ar.txt", "\u0627\u0654حمد يكتب رسالة طويلة."))
    assert page.blocks[0].text.startswith("\u0623حمد")


def test_language_comes_from_text_not_file_name(tmp_path):
    page = read_file(write(tmp_path, "page.en.txt", "هذه صفحة عربية وليست إنجليزية على الإطلاق."))
    assert page.lang == "ar"


# --------------------------------------------------------------------------- decoding


ARABIC = "تعزيز التنسيق الوطني والمحلي بشأن الوقاية."


def test_decode_utf8_bom(tmp_path):
    p = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + ARABIC.encode("utf-8"))
    page = read_file(p)
    assert page.encoding == "utf-8-sig"
    assert page.blocks[0].text == ARABIC  # BOM not part of the text
    assert page.blocks[0].line == 1


def test_decode_utf16_bom_both_endians(tmp_path):
    for enc in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if enc.endswith("le") else codecs.BOM_UTF16_BE
        p = write(tmp_path, f"u16{enc}.txt", bom + f"Title\n\n{ARABIC}\n".encode(enc))
        page = read_file(p)
        assert page.encoding == "utf-16"
        assert page.blocks[1].text == ARABIC
        assert page.lang == "ar"


def test_decode_windows_1256(tmp_path):
    raw = ARABIC.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text, enc = decode(raw, "x.txt")
    assert (text, enc) == (ARABIC, "windows-1256")
    page = read_file(write(tmp_path, "legacy.ar.txt", raw))
    assert page.encoding == "windows-1256" and page.lang == "ar"


def test_decode_declared_charset_in_html(tmp_path):
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 culture in Paris.</p></body></html>'
    page = read_file(write(tmp_path, "latin1.html", html.encode("latin-1")))
    assert page.encoding == "iso8859-1"
    assert page.blocks[0].text == "Café culture in Paris."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", ["The workshop lasted two days.\nIt was held in Jakarta.\n",
                                  "استمرت ورشة العمل يومين.\nوعقدت في جاكرتا مع الشركاء.\n"])
def test_wide_encodings_without_a_byte_order_mark_are_read(tmp_path, encoding, text):
    assert decode(text.encode(encoding), "x") == (text, encoding)
    page = read_file(write(tmp_path, "page.txt", text.encode(encoding)))
    assert page.encoding == encoding and page.blocks[0].text.startswith(text.splitlines()[0])


def test_decode_utf8_wins_when_valid():
    assert decode("Hello — مرحبا".encode("utf-8"), "x") == ("Hello — مرحبا", "utf-8")


@pytest.mark.parametrize(
    "data, message",
    [
        (bytes(range(256)) * 4, "NUL"),
        (b"\x89PNG\r\n\x1a\n" + bytes([0x11, 0x80, 0x90, 0xfe, 0x03]) * 50, "cannot decode"),
        (b"valid utf-8 but \x01\x02 binary controls", "control character U+0001 (line 1)"),
        ("Hello".encode("utf-16-le") * 20 + b"\x00\xd8A\x00", "UTF-16 without a byte-order mark"),  # lone surrogate
        (b"caf\xe9 \xe8\xe0 \xf4\xee\xfb \xe7a va tr\xe8s bien", "not plausible Windows-1256"),
    ],
)
def test_undecodable_bytes_are_refused(tmp_path, data, message):
    p = write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as exc:
        read_file(p)
    assert message in str(exc.value)
    assert str(p) in str(exc.value)


# --------------------------------------------------------------------------- bad input


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file") as exc:
        read_file(tmp_path / "nope.txt")
    assert "nope.txt" in str(exc.value)


def test_directory_is_not_a_file(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)


def test_empty_file(tmp_path):
    with pytest.raises(InputError, match="empty"):
        read_file(write(tmp_path, "empty.txt", b""))


def test_whitespace_only_file(tmp_path):
    with pytest.raises(InputError, match="only whitespace"):
        read_file(write(tmp_path, "ws.html", " \n\t\r\n  \n"))


def test_over_size_limit_names_the_limit(tmp_path):
    p = write(tmp_path, "big.txt", "word " * 100)
    with pytest.raises(InputError, match="size limit of 100 bytes"):
        read_file(p, max_bytes=100)
    assert read_bytes(p, DEFAULT_MAX_BYTES).startswith(b"word")


def test_unknown_format_argument(tmp_path):
    with pytest.raises(InputError, match="unknown format"):
        read_file(write(tmp_path, "a.txt", "Hello there."), fmt="docx")


def test_fmt_argument_overrides_detection(tmp_path):
    p = write(tmp_path, "pair.txt", "Hello world\tمرحبا بالعالم\n")
    assert isinstance(read_file(p), Page)
    pair = read_file(p, fmt="tsv")
    assert isinstance(pair, PagePair) and pair.target.blocks[0].text == "مرحبا بالعالم"


# --------------------------------------------------------------------------- detect_format


@pytest.mark.parametrize(
    "name, head, expected",
    [
        ("a.txt", b"Just some text.", "text"),
        ("a.html", b"<p>hi</p>", "html"),
        ("a.htm", b"<p>hi</p>", "html"),
        ("a.xlf", b"<?xml version='1.0'?><xliff version='1.2'>", "xliff"),
        ("a.po", b'msgid ""\nmsgstr ""\n', "po"),
        ("a.jsonl", b'{"source": "a", "target": "b"}\n', "jsonl"),
        ("a.tsv", b"a\tb\n", "tsv"),
        # content beats a misleading or missing extension
        ("page.txt", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("export.html", b'<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2">', "xliff"),
        ("export.xml", b'\xef\xbb\xbf<?xml version="1.0"?>\n<xliff version="2.0">', "xliff"),
        ("noext", b'# comment\nmsgid "Hello"\nmsgstr "Marhaba"\n', "po"),
        ("noext", b'{"en": "Hello", "ar": "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7"}\n', "jsonl"),
        ("noext", b"Hello\tMarhaba\n", "tsv"),
        ("noext", b"Hello there.\n\nSecond block.", "text"),
    ],
)
def test_detect_format(name, head, expected):
    assert detect_format(Path(name), head) == expected


# --------------------------------------------------------------------------- HTML


def test_html_fixture_main_content_and_navigation():
    page = read_file(FIX / "nlc-workshop.en.html")
    assert page.format == "html"
    assert page.lang == "en"
    assert page.declared_lang == "en-GB" and page.direction == "ltr"
    assert page.title == "Enhancing National-Local Coordination | Strong Cities Network"
    assert page.url == "https://strongcitiesnetwork.org/news/enhancing-national-local-coordination/"
    kinds = {b.text: b.kind for b in page.blocks}
    assert kinds["Enhancing National-Local Coordination"] is BlockKind.HEADING
    assert kinds["Malaysia, the Philippines and Indonesia"] is BlockKind.LIST_ITEM
    assert kinds["Participants in Surabaya"] is BlockKind.CAPTION
    assert kinds["Responding to a Terrorist Attack\nToolkit"] is BlockKind.LINK_CARD
    assert kinds["Read more about the regional hubs"] is BlockKind.LINK_CARD
    # menus, share widget and the site chrome outside <main> are typed, not lost
    assert kinds["About"] is BlockKind.NAVIGATION
    assert kinds["facebook linkedin"] is BlockKind.NAVIGATION
    assert kinds["This site's content was translated automatically using WPML."] is BlockKind.NAVIGATION
    # inline link text stays inside its paragraph
    para = next(b for b in page.blocks if b.text.startswith("Strong Cities worked"))
    assert para.kind is BlockKind.PARAGRAPH
    assert para.text == "Strong Cities worked with IIJ in Surabaya, Indonesia, to co-host a workshop."
    assert para.line == 22
    joined = "\n".join(b.text for b in page.blocks)
    for dropped in ("dataLayer", "trackRead", "color: red", "arrow-right"):
        assert dropped not in joined
    assert [b.index for b in page.blocks] == list(range(len(page.blocks)))


def test_html_arabic_fixture_lang_dir():
    page = read_file(FIX / "nlc-workshop.ar.html")
    assert page.lang == "ar" and page.declared_lang == "ar" and page.direction == "rtl"
    assert page.blocks[-1].text.startswith("تمت ترجمة محتوى هذا الموقع")
    assert page.blocks[-1].kind is BlockKind.NAVIGATION


def test_html_hreflang_alternates():
    from mt_review.ingest.html import parse_html_meta

    meta = parse_html_meta((FIX / "nlc-workshop.en.html").read_text(encoding="utf-8"), "x.html")
    assert meta.alternates == {
        "en": "https://strongcitiesnetwork.org/news/enhancing-national-local-coordination/",
        "ar": "https://strongcitiesnetwork.org/ar/news/enhancing-national-local-coordination/",
    }


def test_html_without_main_uses_body_and_og_url(tmp_path):
    html = """<html><head><meta property="og:url" content="https://ex.org/a/"></head>
<body><nav role="navigation"><a href="/">Home</a></nav>
<div class="breadcrumb">Home / News</div>
<h2>Workshop held in Surabaya</h2><p>Officials met for three days.<br>They shared ideas.</p>
<noscript>Enable JavaScript</noscript><template><p>hidden template</p></template>
<iframe src="x"></iframe><p hidden>secret</p>
<table><caption>Participants by country</caption><tr><td>Malaysia</td></tr></table>
</body></html>"""
    page = read_file(write(tmp_path, "nomain.html", html))
    assert page.url == "https://ex.org/a/"
    assert page.declared_lang is None and page.direction is None
    got = [(b.kind, b.text) for b in page.blocks]
    assert got == [
        (BlockKind.NAVIGATION, "Home"),
        (BlockKind.NAVIGATION, "Home / News"),
        (BlockKind.HEADING, "Workshop held in Surabaya"),
        (BlockKind.PARAGRAPH, "Officials met for three days.\nThey shared ideas."),
        (BlockKind.CAPTION, "Participants by country"),
        (BlockKind.PARAGRAPH, "Malaysia"),
    ]
    assert page.title == "Workshop held in Surabaya"


def test_html_malformed_still_parses(tmp_path):
    html = "<html><body><main><h1>Broken page<p>First para <b>bold <i>both</b> still</i>\n<li>item one<li>item two</main>"
    page = read_file(write(tmp_path, "broken.html", html))
    texts = [b.text for b in page.blocks]
    assert "Broken page" in texts[0]
    assert "item one" in texts and "item two" in texts


def test_html_keeps_invisible_chars_and_entities(tmp_path):
    html = "<html><body><p>RLM here:&#x200F; and nbsp:&nbsp;end &amp; more.</p></body></html>"
    page = read_file(write(tmp_path, "inv.html", html))
    assert page.blocks[0].text == "RLM here:\u200f and nbsp:\u00a0end & more."


def test_html_without_text_is_refused(tmp_path):
    html = "<html><head><title>T</title><script>var a=1;</script></head><body><div> </div><svg><text>x</text></svg></body></html>"
    with pytest.raises(InputError, match="no text"):
        read_file(write(tmp_path, "empty.html", html))


CODE_EN = """<html lang="en"><body><main>
<h1>Installing the toolkit</h1>
<p>Run the installer with <code>npm install</code> first.</p>
<pre>npm install strong-cities
npm run build</pre>
<pre><code class="language-js">const city = "Surabaya";</code></pre>
<div><code>SCN_API_KEY=...</code></div>
<p>Then open the dashboard.</p>
</main></body></html>"""

CODE_AR = """<html lang="ar" dir="rtl"><body><main>
<h1>تثبيت مجموعة الأدوات</h1>
<p>شغّل برنامج التثبيت باستخدام <code>npm install</code> أولاً.</p>
<pre>npm install strong-cities
npm run build</pre>
<pre><code class="language-js">const city = "Surabaya";</code></pre>
<div><code>SCN_API_KEY=...</code></div>
<p>ثم افتح لوحة التحكم.</p>
</main></body></html>"""


def test_html_pre_and_code_blocks_are_not_content(tmp_path):
    en = read_file(write(tmp_path, "code.en.html", CODE_EN))
    ar = read_file(write(tmp_path, "code.ar.html", CODE_AR))
    assert [b.text for b in en.blocks] == [
        "Installing the toolkit",
        "Run the installer with npm install first.",  # inline <code> stays as text
        "Then open the dashboard.",
    ]
    assert [b.text for b in ar.blocks] == [
        "تثبيت مجموعة الأدوات",
        "شغّل برنامج التثبيت باستخدام npm install أولاً.",
        "ثم افتح لوحة التحكم.",
    ]
    assert en.blocks[2].line == 8


def test_html_text_around_pre_stays_in_separate_blocks(tmp_path):
    html = "<html><body><div>Before the code.<pre>x = 1</pre>After the code.</div></body></html>"
    page = read_file(write(tmp_path, "around.html", html))
    assert [b.text for b in page.blocks] == ["Before the code.", "After the code."]


def test_html_internal_doctype_subset_is_ignored(tmp_path):
    html = """<!DOCTYPE html [
  <!ENTITY brand "Strong Cities">
  <!ENTITY tricky "a ]> b">
]>
<html lang="ar" dir="rtl"><head><title>ورشة العمل</title></head>
<body><main><h1>تعزيز التنسيق</h1>
<p>استمرت ورشة العمل ثلاثة أيام &brand;.</p></main></body></html>"""
    page = read_file(write(tmp_path, "dtd.html", html))
    assert page.declared_lang == "ar" and page.direction == "rtl"
    assert page.blocks[0].text == "تعزيز التنسيق"
    assert page.blocks[0].line == 6  # line numbers hold
    assert not any("]>" in b.text for b in page.blocks)
    assert "Strong Cities" not in page.blocks[1].text  # entities are not expanded


def test_clearly_not_html_is_refused(tmp_path):
    with pytest.raises(InputError, match="does not look like HTML"):
        read_file(write(tmp_path, "plain.html", "Just words, no markup at all."))


# --------------------------------------------------------------------------- PO


PO = r'''# Arabic translation of the Strong Cities site.
msgid ""
msgstr ""
"Project-Id-Version: strongcities 1.0\n"
"Language: ar\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;\n"

#: header.php:12
msgctxt "menu"
msgid "News & Events"
msgstr "الأخبار و الأحداث"

#, fuzzy
msgid "Read more about the regional hubs"
msgstr "اقرأ المزيد عن المراكز الإقليمية"

msgid "The workshop in Surabaya lasted three days and brought together the local teams."
msgstr "استمرت ورشة العمل في سورابايا ثلاثة أيام وجمعت الفرق المحلية."

msgid "%d minute reading time"
msgid_plural "%d minutes reading time"
msgstr[0] "%d دقائق وقت القراءة"
msgstr[1] "دقيقة واحدة"
msgstr[2] "دقيقتان"
msgstr[3] "%d دقائق وقت القراءة"
msgstr[4] "%d دقيقة وقت القراءة"
msgstr[5] "%d دقيقة للقراءة"

msgid "<strong>Strong Cities</strong> worked with IIJ."
msgstr ""

#~ msgid "Old string"
#~ msgstr "قديم"
'''


def test_po_reader(tmp_path):
    pair = read_file(write(tmp_path, "site.po", PO))
    assert isinstance(pair, PagePair) and pair.prealigned
    assert pair.name == "site"
    src, tgt = pair.source, pair.target
    # the fuzzy entry is skipped (msgfmt never publishes it); the plural entry gives
    # msgid + the form for one (Arabic msgstr[1]) and msgid_plural + the "other" form
    assert [b.text for b in src.blocks] == [
        "News & Events",
        "The workshop in Surabaya lasted three days and brought together the local teams.",
        "%d minute reading time",
        "%d minutes reading time",
        "Strong Cities worked with IIJ.",
    ]
    assert [b.text for b in tgt.blocks] == [
        "الأخبار و الأحداث",
        "استمرت ورشة العمل في سورابايا ثلاثة أيام وجمعت الفرق المحلية.",
        "دقيقة واحدة",
        "%d دقيقة للقراءة",
        "",  # untranslated: empty target, same unit id
    ]
    assert [b.unit_id for b in src.blocks] == [b.unit_id for b in tgt.blocks]
    assert len({b.unit_id for b in src.blocks}) == 5
    assert src.blocks[3].unit_id == src.blocks[2].unit_id + "#plural"
    assert src.blocks[0].line == 9  # the entry's first line (its #: comment)
    assert tgt.declared_lang == "ar" and tgt.lang == "ar" and src.lang == "en"
    assert src.format == "po"


def test_po_unit_id_depends_on_context(tmp_path):
    from mt_review.ingest.bilingual import po_unit_id

    assert po_unit_id("menu", "News") != po_unit_id(None, "News")
    # gettext's own key (msgctxt EOT msgid), hashed: the same in every run and process
    assert po_unit_id(None, "News") == "po-" + hashlib.sha1(b"News").hexdigest()[:12]
    assert po_unit_id("menu", "News") == "po-" + hashlib.sha1(b"menu\x04News").hexdigest()[:12]


def test_po_malformed(tmp_path):
    with pytest.raises(InputError, match=r"bad\.po: malformed PO: line 3: expected a msgid/msgstr keyword"):
        read_file(write(tmp_path, "bad.po", 'msgid "a"\nmsgstr "b"\nthis is garbage\n'))


@pytest.mark.parametrize(
    "content, line",
    [
        ('msgid "Hello"\nmsgstr "مرحبا\n', 2),  # no closing quote: polib dropped the last letter
        ('msgid "unterminated\nmsgstr "x"\n', 1),
        ('msgid "a"\nmsgstr "b"\n"continued\n', 3),
        ('msgid "a"\nmsgstr "b" trailing\n', 2),
        ('msgid "a"\nmsgstr "say "hi""\n', 2),  # unescaped inner quotes
        ('msgid "a"\nmsgstr\n', 2),
        ('msgid "a"\nmsgstr "b"\n\n"orphan"\n', 4),  # continuation after a blank line
    ],
)
def test_po_bad_quoting_is_refused_with_line(tmp_path, content, line):
    with pytest.raises(InputError, match=rf"malformed PO: line {line}: "):
        read_file(write(tmp_path, "bad.po", content))


def test_po_valid_quoting_is_kept_exactly(tmp_path):
    po = (
        '# comment\n#: a.php:1\n'
        'msgid ""\n"Say \\"hi\\" to "\n"everyone."  \n'
        'msgstr "قل \\"مرحبا\\" للجميع."\n'
        '\n  msgid "Back\\\\slash."\nmsgstr "شرطة\\\\مائلة."\n'
    )
    pair = read_file(write(tmp_path, "ok.po", po))
    assert [b.text for b in pair.source.blocks] == ['Say "hi" to everyone.', "Back\\slash."]
    assert [b.text for b in pair.target.blocks] == ['قل "مرحبا" للجميع.', "شرطة\\مائلة."]


def _plural_po(header: str) -> str:
    return (
        f'msgid ""\nmsgstr ""\n{header}\n'
        'msgid "%d city"\nmsgid_plural "%d cities"\n'
        'msgstr[0] "صفر"\nmsgstr[1] "مدينة واحدة %d"\nmsgstr[2] "مدينتان %d"\n'
        'msgstr[3] "%d مدن"\nmsgstr[4] "%d مدينة"\nmsgstr[5] "%d مدينة أخرى"\n'
    )


@pytest.mark.parametrize(
    "header",
    [
        '"Language: ar\\n"\n"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : '
        'n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;\\n"',
        '"Language: ar\\n"',  # no Plural-Forms: Arabic has 6 forms
    ],
)
def test_po_arabic_plural_pairs_msgid_with_the_form_for_one(tmp_path, header):
    pair = read_file(write(tmp_path, "pl.po", _plural_po(header)))
    assert [b.text for b in pair.source.blocks] == ["%d city", "%d cities"]
    # never msgstr[0], Arabic's ZERO form
    assert [b.text for b in pair.target.blocks] == ["مدينة واحدة %d", "%d مدينة أخرى"]


def test_po_two_form_plural_uses_index_0_and_1(tmp_path):
    po = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "%d city"\nmsgid_plural "%d cities"\nmsgstr[0] "%d ville"\nmsgstr[1] "%d villes"\n'
    )
    pair = read_file(write(tmp_path, "fr.po", po))
    assert [b.text for b in pair.target.blocks] == ["%d ville", "%d villes"]


def test_po_single_form_language_gives_one_unit(tmp_path):
    po = (
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "%d city"\nmsgid_plural "%d cities"\nmsgstr[0] "%d 都市"\n'
    )
    pair = read_file(write(tmp_path, "ja.po", po))
    assert [(s.text, t.text) for s, t in zip(pair.source.blocks, pair.target.blocks)] == [("%d city", "%d 都市")]


def test_po_fuzzy_and_obsolete_entries_are_not_reviewed(tmp_path):
    po = (
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: ar\\n"\n\n'
        '#, fuzzy, php-format\nmsgid "Old guess"\nmsgstr "تخمين"\n\n'
        'msgid "Published."\nmsgstr "منشور."\n\n'
        '#~ msgid "Gone"\n#~ msgstr "ذهب"\n'
    )
    pair = read_file(write(tmp_path, "f.po", po))
    assert [b.text for b in pair.source.blocks] == ["Published."]
    assert [b.text for b in pair.target.blocks] == ["منشور."]


def test_po_with_only_fuzzy_entries_is_refused(tmp_path):
    po = '#, fuzzy\nmsgid "Old guess"\nmsgstr "تخمين"\n\n#~ msgid "Gone"\n#~ msgstr "ذهب"\n'
    with pytest.raises(InputError, match=r"fz\.po: no translated entries.*2 entries are fuzzy or obsolete"):
        read_file(write(tmp_path, "fz.po", po))


# --------------------------------------------------------------------------- JSONL / TSV


def test_jsonl_reader(tmp_path):
    lines = [
        {"id": "t1", "source": "Enhancing coordination", "target": "تعزيز التنسيق"},
        {"en": "The workshop lasted three days.", "ar": "استمرت ورشة العمل ثلاثة أيام."},
        {"source": "Untranslated line.", "target": None},
    ]
    p = write(tmp_path, "segs.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    pair = read_file(p)
    assert isinstance(pair, PagePair) and pair.prealigned
    assert [b.unit_id for b in pair.source.blocks] == ["t1", "2", "3"]
    assert [b.unit_id for b in pair.target.blocks] == ["t1", "2", "3"]
    assert pair.target.blocks[2].text == ""
    assert [b.line for b in pair.source.blocks] == [1, 2, 3]
    assert pair.source.lang == "en" and pair.target.lang == "ar"


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"source": "a", "target": "b"}\n{"source": "broken"\n', "line 2: invalid JSON"),
        ('{"source": "a", "target": "b"}\n\n["not", "an", "object"]\n', "line 3: expected a JSON object"),
        ('{"text": "a"}\n', "line 1: needs keys"),
        ('{"source": 1, "target": "b"}\n', "line 1: 'source' and 'target' must be strings"),
        ('{"id": 1, "source": "a", "target": "b"}\n{"id": 1, "source": "c", "target": "d"}\n', "line 2: duplicate id"),
    ],
)
def test_jsonl_bad_lines(tmp_path, content, message):
    p = write(tmp_path, "bad.jsonl", content)
    with pytest.raises(InputError) as exc:
        read_file(p)
    assert message in str(exc.value) and str(p) in str(exc.value)


def test_tsv_reader_with_header(tmp_path):
    p = write(tmp_path, "segs.tsv", "source\ttarget\nStrong Cities Network\tشبكة المدن القوية\n\nNews & Events\t\n")
    pair = read_file(p)
    assert [b.text for b in pair.source.blocks] == ["Strong Cities Network", "News & Events"]
    assert [b.text for b in pair.target.blocks] == ["شبكة المدن القوية", ""]
    assert [b.line for b in pair.source.blocks] == [2, 4]
    assert [b.unit_id for b in pair.source.blocks] == ["2", "4"]


def test_tsv_without_header_and_bad_line(tmp_path):
    pair = read_file(write(tmp_path, "ok.tsv", "Hello\tمرحبا\n"))
    assert pair.source.blocks[0].text == "Hello"
    with pytest.raises(InputError, match="line 3: expected 2 tab-separated columns"):
        read_file(write(tmp_path, "bad.tsv", "a\tب\nc\tد\nthree\tcolumns\there\n"))


# --------------------------------------------------------------------------- robustness

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=0, max_size=300), ext=st.sampled_from([".txt", ".html", ".xliff", ".po", ".jsonl", ".tsv"]))
def test_any_bytes_give_a_page_or_an_input_error(tmp_path, data, ext):
    p = tmp_path / f"fuzz{ext}"
    p.write_bytes(data)
    try:
        got = read_file(p)
    except InputError as exc:
        assert str(p) in str(exc)
    else:
        pages = [got] if isinstance(got, Page) else [got.source, got.target]
        for page in pages:
            assert page.blocks
            assert all("\x00" not in b.text for b in page.blocks)


def test_html_urls_are_cleaned_of_whitespace(tmp_path):
    """A canonical/og:url/hreflang href with line breaks or padding is read as a one-line URL."""
    from mt_review.ingest.html import parse_html_meta

    html = """<html lang="ar" dir="rtl"><head>
<link rel="canonical" href="  https://ex.org/ar/news/
  enhancing/\t ">
<link rel="alternate" hreflang=" EN
" href="
https://ex.org/news/
enhancing/">
<link rel="alternate" hreflang="ar" href="/ar/news/enhancing/
">
</head><body><main><p>نص</p></main></body></html>"""
    page = read_file(write(tmp_path, "page.ar.html", html))
    assert page.url == "https://ex.org/ar/news/enhancing/"
    meta = parse_html_meta(html, "page.ar.html")
    assert meta.alternates == {"en": "https://ex.org/news/enhancing/", "ar": "https://ex.org/ar/news/enhancing/"}
    og = """<html><head><meta property="og:url" content="
 https://ex.org/a/
b/ "></head><body><p>Text.</p></body></html>"""
    assert read_file(write(tmp_path, "og.html", og)).url == "https://ex.org/a/b/"
