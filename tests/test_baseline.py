"""Baselines and editors' decisions feed the gate's ``ignored`` fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mt_review.baseline import (
    create_baseline,
    load_decisions,
    load_ignored,
    prune_baseline,
    split_findings,
    without_ignored,
)
from mt_review.app import set_aside
from mt_review.config import ReviewSettings, RunOptions
from mt_review.errors import InputError
from mt_review.fingerprint import finding_fingerprint
from mt_review.gate import evaluate
from mt_review.model import (
    AlignedPair,
    Block,
    BlockKind,
    Finding,
    Page,
    PagePair,
    PageReview,
    RunReport,
    Segment,
    SegmentReview,
    Severity,
    Signature,
    Span,
)

SIG = Signature("0.1.0", "anchors+length", "none", {}, {}, "cfg")


def number_check(src: str, tgt: str, i: int) -> list[Finding]:
    """A tiny stand-in for the numbers check: digits in the source missing from the target."""
    import re

    out = []
    tgt_nums = re.findall(r"\d+", tgt)
    for m in re.finditer(r"\d+", src):
        if m.group() not in tgt_nums:
            wrong = next((n for n in tgt_nums if n not in re.findall(r"\d+", src)), None)
            ts = Span(i, tgt.index(wrong), tgt.index(wrong) + len(wrong), wrong) if wrong else None
            out.append(Finding("numbers", "accuracy/number", Severity.MAJOR, f"{m.group()} missing in target",
                               src_span=Span(i, m.start(), m.end(), m.group()), tgt_span=ts))
    return out


def review(name: str, paragraphs: list[tuple[str, str]]) -> PageReview:
    src = tuple(Block(BlockKind.PARAGRAPH, s, i, line=i + 1) for i, (s, _) in enumerate(paragraphs))
    tgt = tuple(Block(BlockKind.PARAGRAPH, t, i, line=i + 1) for i, (_, t) in enumerate(paragraphs))
    pair = PagePair(name, Page(f"{name}.en.txt", "en", name, src), Page(f"{name}.ar.txt", "ar", name, tgt))
    segs = []
    for i, (s, t) in enumerate(paragraphs):
        fs = tuple(number_check(s, t, i))
        ap = AlignedPair((Segment(i, 0, len(s), s),), (Segment(i, 0, len(t), t),), 0.9)
        segs.append(SegmentReview(ap, findings=fs))
    return PageReview(pair, tuple(segs), source_words=20)


ABOUT = [
    ("Strong Cities was founded in 2015.", "تأسست شبكة المدن القوية في عام 2015."),
    ("We train 250 officials every year.", "ندرب 25 مسؤولا كل عام."),
]
CONTACT = [("Call us on 555 0100.", "اتصل بنا على 555 0101.")]


def run_of(*pages: PageReview) -> RunReport:
    return RunReport(pages=pages, signature=SIG)


GATE = RunOptions(fail_on="major")


def test_create_and_load(tmp_path: Path) -> None:
    run = run_of(review("about", ABOUT), review("contact", CONTACT))
    assert evaluate(run, GATE).failed
    path = tmp_path / "ci" / "baseline.json"
    assert create_baseline(run, path) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [e["page"] for e in data["entries"]] == ["about", "contact"]
    e = data["entries"][0]
    assert set(e) == {"fingerprint", "page", "check", "source", "target", "message"}
    assert e["check"] == "numbers" and e["source"] == "250" and e["target"] == "25"
    # deterministic: the same run writes the same bytes
    first = path.read_bytes()
    create_baseline(run, path)
    assert path.read_bytes() == first
    ignored = load_ignored(path, None)
    assert len(ignored) == 2
    assert not evaluate(set_aside(run, ignored), GATE).failed
    new, old = split_findings(run, ignored)
    assert new == [] and len(old) == 2
    assert without_ignored(run, ignored).pages[0].findings == ()


def test_baseline_survives_unrelated_edit(tmp_path: Path) -> None:
    before = run_of(review("about", ABOUT))
    path = tmp_path / "baseline.json"
    create_baseline(before, path)
    # an editor inserts a paragraph earlier on the page: blocks, offsets and segment numbers all shift
    edited = [("Our annual report is out.", "صدر تقريرنا السنوي.")] + ABOUT
    after = run_of(review("about", edited))
    old_f = before.pages[0].findings[0]
    new_f = after.pages[0].findings[0]
    assert old_f.src_span.block_index != new_f.src_span.block_index
    assert finding_fingerprint(before.pages[0], old_f) == finding_fingerprint(after.pages[0], new_f)
    ignored = load_ignored(path, None)
    assert not evaluate(set_aside(after, ignored), GATE).failed
    # ... but a genuinely new problem on the same page still fails the gate
    broken = [("Our annual report for 2024 is out.", "صدر تقريرنا السنوي لعام 2023.")] + ABOUT
    result = evaluate(set_aside(run_of(review("about", broken)), ignored), GATE)
    assert result.failed and result.failed_pages == {"about"}
    new, old = split_findings(run_of(review("about", broken)), ignored)
    assert [f.src_span.text for _, f in new] == ["2024"] and [f.src_span.text for _, f in old] == ["250"]


def test_prune_drops_fixed_findings_only(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    create_baseline(run_of(review("about", ABOUT), review("contact", CONTACT)), path)
    fixed = [ABOUT[0], ("We train 250 officials every year.", "ندرب 250 مسؤولا كل عام.")]
    # a run over "about" only: its fixed finding goes, "contact" (not reviewed) is kept
    assert prune_baseline(run_of(review("about", fixed)), path) == 1
    entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
    assert [e["page"] for e in entries] == ["contact"]
    assert prune_baseline(run_of(review("about", fixed)), path) == 0
    assert prune_baseline(run_of(review("about", fixed)), path, reviewed_pages_only=False) == 1
    assert json.loads(path.read_text(encoding="utf-8"))["entries"] == []


def test_decisions_csv_accepted_ignored_by_gate(tmp_path: Path) -> None:
    run = run_of(review("about", ABOUT), review("contact", CONTACT))
    fp_about = finding_fingerprint(run.pages[0], run.pages[0].findings[0])
    fp_contact = finding_fingerprint(run.pages[1], run.pages[1].findings[0])
    decisions = tmp_path / "decisions.csv"
    decisions.write_text(
        "\ufefffingerprint,decision,reviewer,note\n"
        "# the phone number is a different office on purpose\n"
        f"{fp_contact},accepted,Layla,\"regional office, not HQ\"\n"
        f"{fp_about},rejected,Omar,must be fixed\n",
        encoding="utf-8",
    )
    ds = load_decisions(decisions)
    assert [(d.decision, d.reviewer) for d in ds] == [("accepted", "Layla"), ("rejected", "Omar")]
    assert ds[0].note == "regional office, not HQ"
    ignored = load_ignored(None, decisions)
    assert ignored == {fp_contact}
    result = evaluate(set_aside(run, ignored), GATE)
    assert result.failed and result.failed_pages == {"about"}


def test_decisions_toml_and_both_sources(tmp_path: Path) -> None:
    run = run_of(review("about", ABOUT), review("contact", CONTACT))
    baseline = tmp_path / "baseline.json"
    create_baseline(run_of(review("contact", CONTACT)), baseline)
    fp_about = finding_fingerprint(run.pages[0], run.pages[0].findings[0])
    toml = tmp_path / "decisions.toml"
    toml.write_text(f'[[decision]]\nfingerprint = "{fp_about}"\ndecision = "accepted"\nreviewer = "Omar"\n',
                    encoding="utf-8")
    assert evaluate(set_aside(run, load_ignored(baseline, None)), GATE).failed_pages == {"about"}
    assert not evaluate(set_aside(run, load_ignored(baseline, toml)), GATE).failed


@pytest.mark.parametrize(
    "name,text",
    [
        ("d.csv", "fingerprint,decision\nnot-a-fingerprint,accepted\n"),
        ("d.csv", "fingerprint,decision\n" + "a" * 32 + ",maybe\n"),
        ("d.csv", "id,verdict\n" + "a" * 32 + ",accepted\n"),
        ("d.toml", "[[decision]\n"),
    ],
)
def test_bad_decisions_refused(tmp_path: Path, name: str, text: str) -> None:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        load_ignored(None, p)


@pytest.mark.parametrize("text", ["{", '{"version": 2, "entries": []}', '{"version": 1, "entries": [{}]}', "[]"])
def test_bad_baseline_refused(tmp_path: Path, text: str) -> None:
    p = tmp_path / "baseline.json"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        load_ignored(p, None)
    with pytest.raises(InputError):
        load_ignored(tmp_path / "missing.json", None)


def test_real_pipeline_baseline_survives_unrelated_edit(tmp_path: Path) -> None:
    """The same, through the real pipeline on text pages: an inserted paragraph leaves the baseline valid."""
    pipeline = pytest.importorskip("mt_review.pipeline", exc_type=ImportError)
    from mt_review.pairing import pair_two

    config = ReviewSettings(embedder="none")
    res = pipeline.Resources()
    en, ar = tmp_path / "about.en.txt", tmp_path / "about.ar.txt"

    def run_now() -> RunReport:
        return run_of(pipeline.review_page(pair_two(en, ar), config, res))

    en.write_text("About us\n\nStrong Cities was founded in 2015.\n\nWe train 250 officials every year.\n",
                  encoding="utf-8")
    ar.write_text("من نحن\n\nتأسست شبكة المدن القوية في عام 2015.\n\nندرب 25 مسؤولا كل عام.\n", encoding="utf-8")
    before = run_now()
    assert evaluate(before, GATE).failed  # the 250 -> 25 number check
    baseline = tmp_path / "baseline.json"
    assert create_baseline(before, baseline) >= 1

    en.write_text("About us\n\nOur annual report is out now.\n\nStrong Cities was founded in 2015.\n\n"
                  "We train 250 officials every year.\n", encoding="utf-8")
    ar.write_text("من نحن\n\nصدر تقريرنا السنوي الآن.\n\nتأسست شبكة المدن القوية في عام 2015.\n\n"
                  "ندرب 25 مسؤولا كل عام.\n", encoding="utf-8")
    after = run_now()
    moved = [f for f in after.pages[0].findings if f.check == "numbers"]
    assert moved and moved[0].tgt_span.block_index != before.pages[0].findings[0].tgt_span.block_index
    ignored = load_ignored(baseline, None)
    assert not evaluate(set_aside(after, ignored), GATE).failed
    assert prune_baseline(after, baseline) == 0


def test_example_decisions_files_agree() -> None:
    root = Path(__file__).resolve().parent.parent
    csv_ds = load_decisions(root / "examples" / "decisions.csv")
    assert csv_ds == load_decisions(root / "examples" / "decisions.toml")
    assert [d.ignores for d in csv_ds] == [True, False]


def test_pre_commit_hook_definition() -> None:
    yaml = pytest.importorskip("yaml")
    root = Path(__file__).resolve().parent.parent
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "mt-review")
    assert hook["entry"] == "mt-review review" and hook["language"] == "python"
    import re

    files = re.compile(hook["files"])
    assert files.search("exports/about.ar.html") and files.search("wpml/page-42.xliff")
    assert not files.search("README.md")


def test_without_ignored_rescores_segments() -> None:
    """A baselined segment no longer counts as flagged: its risk, severity and driver are recomputed."""
    import dataclasses

    from mt_review.report import email_report, json_report
    from mt_review.report.common import ReportContext, run_summary

    page = review("about", ABOUT + [("Call us on 555 0100.", "اتصل بنا على 555 0101.")])
    segs = list(page.segments)
    # the last segment also has a poor embedding similarity: the signal alone makes it minor
    segs[2] = dataclasses.replace(segs[2], signals={"embed_sim": 0.81})
    run = run_of(dataclasses.replace(page, segments=tuple(segs)))
    assert run_summary(run)["flagged_segments"] == 2
    ignored = frozenset(finding_fingerprint(run.pages[0], f) for f in run.pages[0].findings)
    left = without_ignored(run, ignored)
    s0, s1, s2 = left.pages[0].segments
    assert s0 is run.pages[0].segments[0]  # nothing taken out: untouched
    assert (s1.findings, s1.severity, s1.risk, s1.driver) == ((), Severity.NONE, 0.0, None)
    assert s2.findings == () and s2.severity is Severity.MINOR and s2.driver == "embed_sim"
    assert 0.3 < s2.risk < 0.65
    summary = run_summary(left)
    assert summary["flagged_segments"] == 1 and summary["findings"] == 0
    assert json.loads(json_report.render(ReportContext(run=left)))["summary"]["flagged_segments"] == 1
    # the e-mail counts only what is left to fix
    import email
    import email.policy

    before = email.message_from_bytes(email_report.render(ReportContext(run=run)), policy=email.policy.default)
    after = email.message_from_bytes(email_report.render(ReportContext(run=left)), policy=email.policy.default)
    assert "2 to fix, worst major" in before["Subject"]
    assert "1 to fix, worst minor" in after["Subject"]


def test_pruning_keeps_the_recorded_export_root_and_names_pages_from_it(tmp_path):
    """A baseline keeps its root through a prune of a subfolder, which names pages as the whole export did."""
    import json

    from mt_review.app import create_baseline_file, prune_baseline_file
    from mt_review.config import ReviewSettings, RunOptions

    export = tmp_path / "exports"
    for name, en, ar in (("news/a", "We have 40 members.", "لدينا 4 أعضاء."),
                         ("about/b", "It opened in 2015.", "افتتح في عام 2016.")):
        (export / name).parent.mkdir(parents=True, exist_ok=True)
        (export / f"{name}.en.txt").write_text(en + "\n", encoding="utf-8")
        (export / f"{name}.ar.txt").write_text(ar + "\n", encoding="utf-8")
    settings = ReviewSettings(embedder="none", model_en_ar="", model_ar_en="")
    baseline = tmp_path / "b.json"
    assert create_baseline_file([export], settings, RunOptions(), baseline) >= 2
    before = json.loads(baseline.read_text(encoding="utf-8"))
    assert before["root"] == "exports" and {e["page"] for e in before["entries"]} == {"news/a", "about/b"}
    # nothing in news/ changed: a prune of news/ alone drops nothing (its pages are named news/...)
    assert prune_baseline_file([export / "news"], settings, RunOptions(), baseline) == 0
    (export / "news" / "a.ar.txt").write_text("لدينا 40 عضوا.\n", encoding="utf-8")
    assert prune_baseline_file([export / "news"], settings, RunOptions(), baseline) >= 1
    after = json.loads(baseline.read_text(encoding="utf-8"))
    assert after["root"] == "exports" and {e["page"] for e in after["entries"]} == {"about/b"}
