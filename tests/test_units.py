"""Pre-paired units (JSONL, XLIFF ...) are judged as units, through the real readers."""

from __future__ import annotations

import json
from pathlib import Path

from mt_review.config import ReviewSettings
from mt_review.model import Severity
from mt_review.pipeline import review_paths

THREE_AS_ONE = (
    "Our team visited the city in March. We met the mayor and local leaders. "
    "They discussed youth programmes and public safety.",
    "زار فريقنا المدينة في مارس والتقى بالعمدة والقادة المحليين حيث ناقشوا برامج الشباب والسلامة العامة",
)
OTHER_UNITS = [
    ("The network supports local governments around the world.",
     "تدعم الشبكة الحكومات المحلية في جميع أنحاء العالم."),
    ("Registration closes on Friday. Late applications are accepted until Monday.",
     "يغلق التسجيل يوم الجمعة. تقبل الطلبات المتأخرة حتى يوم الاثنين."),
    ("The report covers the work of the network in five regions.",
     "يغطي التقرير عمل الشبكة في خمس مناطق."),
]


def _review(tmp_path: Path, units, suffix=".jsonl"):
    path = tmp_path / f"job{suffix}"
    path.write_text("".join(json.dumps({"source": en, "target": ar}, ensure_ascii=False) + "\n"
                            for en, ar in units), encoding="utf-8")
    run = review_paths([path], ReviewSettings(embedder="none"))
    (page,) = run.pages
    return page


def _majors(page):
    return [f for f in page.findings if f.severity.rank >= Severity.MAJOR.rank]


def test_three_english_sentences_as_one_arabic_sentence_is_not_major(tmp_path):
    page = _review(tmp_path, [THREE_AS_ONE, *OTHER_UNITS])
    assert not _majors(page), [(f.check, f.message) for f in _majors(page)]
    assert not any("no translation on the target page" in f.message for f in page.findings)


def test_three_as_one_in_xliff_is_not_major(tmp_path):
    units = [THREE_AS_ONE, *OTHER_UNITS]
    body = "".join(
        f'<trans-unit id="u{i}"><source>{en}</source><target>{ar}</target></trans-unit>'
        for i, (en, ar) in enumerate(units))
    path = tmp_path / "job.xliff"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" '
                    'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" '
                    f'target-language="ar" datatype="plaintext" original="x"><body>{body}</body></file></xliff>',
                    encoding="utf-8")
    (page,) = review_paths([path], ReviewSettings(embedder="none")).pages
    assert not _majors(page), [(f.check, f.message) for f in _majors(page)]


def test_a_unit_missing_most_of_its_sentences_is_still_an_omission(tmp_path):
    # twin: only the first of three sentences translated -> flagged from length, not as "no translation"
    short = (THREE_AS_ONE[0], "زار فريقنا المدينة في مارس.")
    page = _review(tmp_path, [short, *OTHER_UNITS])
    omissions = [f for f in page.findings if f.check == "omission"]
    assert omissions and omissions[0].severity is Severity.MAJOR
    assert not any("no translation on the target page" in f.message for f in omissions)
