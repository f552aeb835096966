"""Site-wide patterns: the same finding on many pages is reported once, in every format."""

import email
import json
from email.policy import default
from pathlib import Path

from mt_review.config import ReviewSettings
from mt_review.pipeline import review_paths
from mt_review.report import render_reports
from mt_review.sitewide import site_patterns

BODIES = [
    ("The city council met on Monday to discuss the new transport plan.", "اجتمع مجلس المدينة يوم الاثنين لمناقشة خطة النقل الجديدة."),
    ("Residents asked for more night buses in the eastern districts.", "طلب السكان المزيد من حافلات الليل في الأحياء الشرقية."),
    ("The mayor promised a public consultation before the summer.", "وعد رئيس البلدية بمشاورة عامة قبل الصيف."),
    ("Work on the tram line is expected to start next year.", "من المتوقع أن يبدأ العمل على خط الترام العام المقبل."),
]


def _export(tmp_path: Path, reading_times) -> Path:
    """One news page per (English minutes, Arabic minutes), each with its own body."""
    root = tmp_path / "export"
    root.mkdir(parents=True)
    for k, (en_rt, ar_rt) in enumerate(reading_times):
        en, ar = BODIES[k]
        (root / f"news-{k}.en.txt").write_text(
            f"News item {k}\n\n— {en_rt} minutes reading time\n\n{en}\n\n{BODIES[3][0]}\n", encoding="utf-8")
        (root / f"news-{k}.ar.txt").write_text(
            f"الخبر {k}\n\n— {ar_rt} دقائق وقت القراءة\n\n{ar}\n\n{BODIES[3][1]}\n", encoding="utf-8")
    return root


def _run(root):
    return review_paths([root], ReviewSettings(embedder="none"))


def test_same_wrong_reading_time_on_three_pages_is_one_site_finding(tmp_path):
    run = _run(_export(tmp_path, [(2, 0), (5, 0), (3, 0)]))
    patterns = site_patterns(run)
    assert len(patterns) == 1
    sp = patterns[0]
    assert sp.pages == ("news-0", "news-1", "news-2") and sp.where == "furniture: reading_time"
    assert "0" in sp.target_text and "3 Arabic pages" in sp.message
    # the page findings stay where they are (scores and the gate still see them)
    assert all(any(fr.findings for fr in p.furniture) for p in run.pages)

    files = render_reports(run, ["json", "md", "html", "junit", "sarif", "email"])
    doc = json.loads(files["report.json"])
    assert [p["pages"] for p in doc["site_patterns"]] == [["news-0", "news-1", "news-2"]]
    assert "Site-wide patterns (1)" in files["report.md"].decode()
    assert 'id="site-patterns"' in files["report.html"].decode()
    assert any(b"site_pattern_1" in v for k, v in files.items() if k.endswith(".xml"))
    sarif = json.loads(next(v for k, v in files.items() if k.endswith(".sarif") or k.endswith(".sarif.json")))
    assert sarif["runs"][0]["properties"]["sitePatterns"][0]["pages"] == ["news-0", "news-1", "news-2"]

    drafts = {k: v for k, v in files.items() if k.endswith(".eml")}
    texts = []
    for raw in drafts.values():
        msg = email.message_from_bytes(raw, policy=default)
        texts.append(msg.get_body(preferencelist=("plain",)).get_content())
    plain = "\n".join(texts)
    assert plain.count("reading time") == 1, plain
    assert "news-0, news-1, news-2" in plain


def test_reading_time_wrong_on_two_pages_or_right_everywhere_is_no_pattern(tmp_path):
    run = _run(_export(tmp_path, [(2, 0), (5, 0), (3, 3)]))
    assert site_patterns(run) == ()
    assert site_patterns(_run(_export(tmp_path / "b", [(2, 2), (5, 5), (3, 3)]))) == ()


def test_different_wrong_numbers_are_not_grouped(tmp_path):
    run = _run(_export(tmp_path, [(2, 0), (5, 1), (3, 7)]))
    assert site_patterns(run) == ()
    drafts = render_reports(run, ["email"])
    assert list(drafts) == ["error-report.eml"]  # one draft per run, a section per page
    plain = email.message_from_bytes(drafts["error-report.eml"], policy=default).get_body(("plain",)).get_content()
    assert plain.count("== Page: ") == 3 and "Repeated across the site" not in plain
