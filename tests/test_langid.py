import pytest

from mt_review.langid import identify, identify_page, script_counts


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Strong Cities worked with IIJ in Surabaya, Indonesia, to co-host a workshop.", "en"),
        ("تعاونت المدن القوية مع المعهد الدولي للعدالة وسيادة القانون", "ar"),
        ("LPNs ومنع التطرف", "ar"),
        ("Les participants ont partagé leurs points de vue sur la menace actuelle", "latn"),
        ("Привет, мир", "und"),
        ("12 34", "und"),
        ("ﻻ ﺗﻨﺲ", "ar"),  # presentation forms are Arabic letters too
    ],
)
def test_identify(text, lang):
    assert identify(text) == lang


def test_script_counts_by_script():
    c = script_counts("abc دقائق é ж 𝐀 ٣")
    assert (c.latin, c.arabic, c.other) == (4, 5, 2)  # digits and punctuation are not letters


def test_page_language_from_all_blocks():
    blocks = ["arrow-up arrow-down", "تعزيز التنسيق الوطني والمحلي بشأن الوقاية والتأهب", "WPML"]
    assert identify_page(blocks) == "ar"
