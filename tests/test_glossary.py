from __future__ import annotations

from pathlib import Path

import pytest

from mt_review.errors import InputError
from mt_review.glossary import load_glossary, parse_glossary

SEED_GLOSSARY = Path(__file__).resolve().parent.parent / "corpora" / "strongcities" / "glossary.csv"


def test_seed_glossary_loads_with_real_terms():
    g = load_glossary(SEED_GLOSSARY)
    assert 15 <= len(g) <= 30
    assert g.lookup("Strong Cities Network").ar == ("شبكة المدن القوية",)
    assert "الوجبات السريعة" in g.lookup("takeaways").forbidden
    assert g.lookup("LPNs").term == "local prevention networks"
    assert g.lookup("WPML").keep_latin == "yes"
    assert g.lookup("IIJ").keep_latin == "expanded"


def test_columns_and_variants():
    g = parse_glossary("en,ar,forbidden,keep_latin,notes\nhub,مركز/مراكز|محطة,محور,no,x\n")
    e = g.entries[0]
    assert e.ar == ("مركز/مراكز", "محطة") and e.variants(e.ar[0]) == ("مركز", "مراكز")
    assert e.forbidden_forms == ("محور",) and e.notes == "x" and e.line == 2


def test_find_source_terms_longest_first_and_plural():
    g = parse_glossary("en,ar\nStrong Cities,المدن القوية\nStrong Cities Network,شبكة المدن القوية\n"
                       "hub,مركز\nnational-local coordination (NLC),التنسيق الوطني والمحلي\n")
    text = "The Strong Cities Network hubs and Strong Cities on national local coordination (NLC)."
    hits = [(e.term, text[s:t]) for e, s, t in g.find_source_terms(text)]
    assert hits == [("Strong Cities Network", "Strong Cities Network"), ("hub", "hubs"),
                    ("Strong Cities", "Strong Cities"),
                    ("national-local coordination", "national local coordination"),
                    ("national-local coordination", "NLC")]
    assert g.latin_entry("NLC.").term == "national-local coordination"
    assert g.latin_entry("nlc") is None  # acronyms are case-sensitive
    assert g.latin_entry("Strong") is None


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_glossary(tmp_path / "none.csv")


@pytest.mark.parametrize("text,msg", [
    ("", "empty"),
    ("term,arabic\nx,y\n", "line 1"),
    ("en,ar,forbidden,keep_latin\nhub,مركز,,maybe\n", "line 2"),
    ("en,ar\nhub,مركز\n\n,مركز\n", "line 4"),
    ("en,ar\nhub,\n", "line 2"),
    ("en,ar\nhub,مركز\nhub,محور\n", "line 3"),
    ("en,ar\nhub,مركز,extra\n", "line 2"),
])
def test_malformed_names_the_line(tmp_path, text, msg):
    p = tmp_path / "g.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=msg) as err:
        load_glossary(p)
    assert str(p) in str(err.value)


def test_not_utf8(tmp_path):
    p = tmp_path / "g.csv"
    p.write_bytes("en,ar\nhub,".encode() + "مركز".encode("cp1256") + b"\n")
    with pytest.raises(InputError, match="UTF-8"):
        load_glossary(p)


def test_keep_latin_without_arabic_is_allowed():
    g = parse_glossary("en,ar,forbidden,keep_latin\nWPML,,,yes\n# comment\n")
    assert g.entries[0].ar == () and g.latin_entry("WPML") is g.entries[0]
