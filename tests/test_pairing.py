"""Pairing English pages with their Arabic twins."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mt_review.errors import InputError
from mt_review.pairing import common_name, find_pairs, pair_two

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "strongcities"
FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"

EN = "The workshop brought together officials from three countries for a programme on prevention.\n"
AR = "جمعت ورشة العمل مسؤولين من ثلاثة بلدان في برنامج حول الوقاية.\n"
EN2 = "Participants were briefed on the toolkit and on the work of the network in the region.\n"
AR2 = "تلقى المشاركون إحاطات حول مجموعة الأدوات وعمل الشبكة في المنطقة.\n"


def write(root: Path, rel: str, content: str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(content, encoding="utf-8")
    return p


def html(lang: str, body: str, canonical: str | None = None, alternates: dict[str, str] | None = None) -> str:
    links = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    for hl, href in (alternates or {}).items():
        links += f'<link rel="alternate" hreflang="{hl}" href="{href}">'
    return f'<html lang="{lang}"><head>{links}</head><body><main><p>{body}</p></main></body></html>'


def names(pairs):
    return [p.name for p in pairs]


# --------------------------------------------------------------------------- layouts


def test_seed_corpus_pairs_by_name_suffix():
    pairs, unpaired = find_pairs([SEED])
    assert names(pairs) == ["strongcities-nlc-workshop"]
    pair = pairs[0]
    assert pair.source.lang == "en" and pair.target.lang == "ar"
    assert pair.source.path.endswith(".en.txt") and pair.target.path.endswith(".ar.txt")
    assert not pair.prealigned
    assert unpaired == []


def test_name_suffix_layout_and_unpaired(tmp_path):
    write(tmp_path, "a.en.txt", EN)
    write(tmp_path, "a.ar.txt", AR)
    write(tmp_path, "b-en.txt", EN2)
    write(tmp_path, "b-ar.txt", AR2)
    write(tmp_path, "lonely.en.txt", EN)
    write(tmp_path, "c.en.html", html("en", EN))  # different extension from c.ar.txt: not a twin
    write(tmp_path, "c.ar.txt", AR)
    write(tmp_path, "notes.md", "ignored: not a page format")
    pairs, unpaired = find_pairs([tmp_path])
    assert names(pairs) == ["a", "b"]
    assert [Path(p).name for p in unpaired] == ["c.ar.txt", "c.en.html", "lonely.en.txt"]


def test_language_trees(tmp_path):
    write(tmp_path, "site/en/news/workshop.txt", EN)
    write(tmp_path, "site/ar/news/workshop.txt", AR)
    write(tmp_path, "site/en/about.txt", EN2)
    write(tmp_path, "site/ar/about.txt", AR2)
    write(tmp_path, "site/en/only-english.txt", EN)
    pairs, unpaired = find_pairs([tmp_path / "site"])
    assert names(pairs) == ["about", "news/workshop"]
    assert all("/en/" in p.source.path and "/ar/" in p.target.path for p in pairs)
    assert [Path(p).name for p in unpaired] == ["only-english.txt"]


def test_html_hreflang_alternates(tmp_path):
    shutil.copy(FIX / "nlc-workshop.en.html", tmp_path / "page-1.html")
    shutil.copy(FIX / "nlc-workshop.ar.html", tmp_path / "page-2.html")
    pairs, unpaired = find_pairs([tmp_path])
    assert len(pairs) == 1 and unpaired == []
    assert pairs[0].source.path.endswith("page-1.html")
    assert pairs[0].target.path.endswith("page-2.html")
    assert pairs[0].target.url == "https://strongcitiesnetwork.org/ar/news/enhancing-national-local-coordination/"


def test_html_hreflang_from_arabic_side_only(tmp_path):
    en_url = "https://ex.org/news/x/"
    write(tmp_path, "z-first.html", html("ar", AR, canonical="https://ex.org/arabic-x/", alternates={"en": en_url}))
    write(tmp_path, "a-second.html", html("en", EN, canonical=en_url))
    pairs, _ = find_pairs([tmp_path])
    assert len(pairs) == 1
    assert pairs[0].source.path.endswith("a-second.html")  # the English page is the source


def test_wpml_ar_url_prefix(tmp_path):
    write(tmp_path, "one.html", html("en", EN, canonical="https://www.ex.org/news/workshop"))
    write(tmp_path, "two.html", html("ar", AR, canonical="https://ex.org/ar/news/workshop/"))
    write(tmp_path, "three.html", html("ar", AR2, canonical="https://ex.org/ar/news/other/"))
    pairs, unpaired = find_pairs([tmp_path])
    assert [(Path(p.source.path).name, Path(p.target.path).name) for p in pairs] == [("one.html", "two.html")]
    assert [Path(p).name for p in unpaired] == ["three.html"]


def test_wpml_lang_query_parameter(tmp_path):
    write(tmp_path, "en.html", html("en", EN, canonical="https://ex.org/news/workshop/"))
    write(tmp_path, "ar.html", html("ar", AR, canonical="https://ex.org/news/workshop/?lang=ar"))
    pairs, unpaired = find_pairs([tmp_path])
    assert [(Path(p.source.path).name, Path(p.target.path).name) for p in pairs] == [("en.html", "ar.html")]
    assert unpaired == []


def test_manifest_takes_precedence(tmp_path):
    write(tmp_path, "x.en.txt", EN)
    write(tmp_path, "x.ar.txt", AR)
    write(tmp_path, "sub/y.ar.txt", AR2)
    write(tmp_path, "manifest.csv", "source,target,name\nx.en.txt,sub/y.ar.txt,custom-name\n")
    pairs, unpaired = find_pairs([tmp_path])
    assert names(pairs) == ["custom-name"]
    assert pairs[0].target.path.endswith("y.ar.txt")
    assert [Path(p).name for p in unpaired] == ["x.ar.txt"]


@pytest.mark.parametrize(
    "manifest, message",
    [
        ("source,target\nx.en.txt,missing.ar.txt\n", "line 2: no such file"),
        ("english,arabic\nx.en.txt,x.ar.txt\n", "header row with columns 'source,target'"),
        ("source,target\nx.en.txt\n", "line 2: needs a source and a target"),
    ],
)
def test_bad_manifest(tmp_path, manifest, message):
    write(tmp_path, "x.en.txt", EN)
    write(tmp_path, "x.ar.txt", AR)
    write(tmp_path, "manifest.csv", manifest)
    with pytest.raises(InputError, match=message) as exc:
        find_pairs([tmp_path])
    assert "manifest.csv" in str(exc.value)


def test_bilingual_files_are_pairs_by_themselves(tmp_path):
    shutil.copy(FIX / "wpml-nlc-workshop.xliff", tmp_path / "post-4127.xliff")
    write(tmp_path, "segs.tsv", "Hello world\tمرحبا بالعالم\n")
    write(tmp_path, "alone.en.txt", EN)
    pairs, unpaired = find_pairs([tmp_path])
    assert names(pairs) == ["post-4127", "segs"]
    assert all(p.prealigned for p in pairs)
    assert [Path(p).name for p in unpaired] == ["alone.en.txt"]


def test_explicit_files_and_dirs_deduplicated_and_sorted(tmp_path):
    a_en = write(tmp_path, "b/a.en.txt", EN)
    write(tmp_path, "b/a.ar.txt", AR)
    write(tmp_path, "a/a.en.txt", EN2)
    write(tmp_path, "a/a.ar.txt", AR2)
    write(tmp_path, ".hidden/h.en.txt", EN)
    write(tmp_path, ".hidden/h.ar.txt", AR)
    pairs, unpaired = find_pairs([tmp_path, a_en, tmp_path / "b"])
    # same stem twice: names made unique by folder; order by source path
    assert names(pairs) == ["a/a", "b/a"]
    assert unpaired == []


# --------------------------------------------------------------------------- errors


def test_directory_with_no_pairs(tmp_path):
    write(tmp_path, "only.en.txt", EN)
    with pytest.raises(InputError, match=f"no English/Arabic page pairs found in {tmp_path}"):
        find_pairs([tmp_path])


def test_empty_directory(tmp_path):
    with pytest.raises(InputError, match="no English/Arabic page pairs found"):
        find_pairs([tmp_path])


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        find_pairs([tmp_path / "nowhere"])


def test_named_pair_with_wrong_languages_is_refused(tmp_path):
    write(tmp_path, "p.en.txt", AR)  # the "English" page is Arabic and the "Arabic" one English
    write(tmp_path, "p.ar.txt", EN)
    with pytest.raises(InputError, match="swapped"):
        find_pairs([tmp_path])


# --------------------------------------------------------------------------- pair_two


def test_pair_two_seed():
    pair = pair_two(SEED / "strongcities-nlc-workshop.en.txt", SEED / "strongcities-nlc-workshop.ar.txt")
    assert pair.name == "strongcities-nlc-workshop"
    assert (pair.source.lang, pair.target.lang) == ("en", "ar")
    assert len(pair.source.blocks) == 17 and len(pair.target.blocks) == 18


def test_pair_two_swapped():
    with pytest.raises(InputError, match="look swapped") as exc:
        pair_two(SEED / "strongcities-nlc-workshop.ar.txt", SEED / "strongcities-nlc-workshop.en.txt")
    assert "English page first" in str(exc.value)


def test_pair_two_both_arabic(tmp_path):
    a = write(tmp_path, "one.txt", AR)
    b = write(tmp_path, "two.txt", AR2)
    with pytest.raises(InputError, match="both sides are Arabic"):
        pair_two(a, b)


def test_pair_two_both_english(tmp_path):
    a = write(tmp_path, "page.en.txt", EN)
    b = write(tmp_path, "page.fr.txt", EN2)  # nothing claims Arabic: not a pair at all
    with pytest.raises(InputError, match="both sides are English"):
        pair_two(a, b)


def test_pair_two_refuses_bilingual_file(tmp_path):
    a = write(tmp_path, "page.en.txt", EN)
    with pytest.raises(InputError, match="bilingual XLIFF"):
        pair_two(a, FIX / "nlc-workshop.xlf")


def test_pair_two_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        pair_two(tmp_path / "x.en.txt", tmp_path / "x.ar.txt")


def test_common_name():
    assert common_name("d/strongcities-nlc-workshop.en.txt", "e/strongcities-nlc-workshop.ar.txt") == (
        "strongcities-nlc-workshop"
    )
    assert common_name("workshop-english.html", "workshop-arabic.html") == "workshop"
    assert common_name("a.html", "b.html") == "a"


def test_untranslated_arabic_page_is_reviewed_not_refused(tmp_path):
    """An 'Arabic' page (by file name) still in English is the worst defect, not bad input."""
    english = "The workshop brought together national and local officials from three countries.\n"
    (tmp_path / "page.en.txt").write_text(english, encoding="utf-8")
    (tmp_path / "page.ar.txt").write_text(english, encoding="utf-8")
    pairs, unpaired = find_pairs([tmp_path])
    assert [p.name for p in pairs] == ["page"] and not unpaired
    assert pairs[0].target.lang == "en"


def test_english_twice_without_an_arabic_claim_is_still_refused(tmp_path):
    english = "The workshop brought together national and local officials from three countries.\n"
    a, b = tmp_path / "one.txt", tmp_path / "two.txt"
    a.write_text(english, encoding="utf-8")
    b.write_text(english, encoding="utf-8")
    with pytest.raises(InputError, match="both sides are English"):
        pair_two(a, b)


RU = "Городской совет собрался в понедельник, чтобы обсудить программу на три дня.\n"
FR = "Les participants ont partagé leurs points de vue sur la menace actuelle dans chaque pays.\n"


@pytest.mark.parametrize(
    "src,tgt,needle",
    [(EN, RU, "target is not Arabic"), (EN, FR, "target is not Arabic"), (RU, AR, "source is not English")],
)
def test_a_side_in_another_language_is_refused(tmp_path, src, tgt, needle):
    a, b = write(tmp_path, "page.en.txt", src), write(tmp_path, "page.ar.txt", tgt)
    with pytest.raises(InputError, match=needle):
        pair_two(a, b)


def test_swapped_bilingual_file_is_refused(tmp_path):
    from mt_review.config import ReviewSettings
    from mt_review.pipeline import collect_pairs

    tsv = tmp_path / "job.tsv"
    tsv.write_text(f"{AR.strip()}\t{EN.strip()}\n", encoding="utf-8")
    with pytest.raises(InputError, match="swapped"):
        collect_pairs([tsv], ReviewSettings())
