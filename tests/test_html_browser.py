"""The HTML report in a real headless Chromium.

The report's own inline script has a self-test mode (``#selftest`` in the URL)
that writes what the browser computed into data attributes: each text cell's
``getComputedStyle(cell).direction``, the title, whether the stylesheet
applied, and how many rows the severity filter leaves.  ``--dump-dom`` gives
the DOM after the script ran.  The fixture smuggles ``<script>`` and
``onerror=`` payloads that would change the title or set ``data-pwned``; both
must be unchanged.  A screenshot is saved for people (and to
``$MT_REVIEW_ARTIFACTS`` when set).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from mt_review.report import write_reports
from report_fixtures import make_gate, make_run


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html-report")
    (path,) = write_reports(make_run(), out, ["html"], gate=make_gate())
    return path


def test_layout_and_no_smuggled_script(report, tmp_path):
    proc = _run_chromium(tmp_path, "--dump-dom", report.as_uri() + "#selftest")
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    dom = lxml.html.document_fromstring(proc.stdout.decode("utf-8"))
    root = dom.getroottree().getroot()
    # our inline script ran (allowed by its CSP hash) and our stylesheet applied (ditto)
    assert root.get("data-selftest") == "done"
    assert root.get("data-selftest-body-margin") == "0px"
    # Arabic cells are laid out right to left, English left to right
    tgt = dom.xpath('//*[@data-side="tgt"]')
    src = dom.xpath('//*[@data-side="src"]')
    assert tgt and src
    assert {c.get("data-computed-dir") for c in tgt} == {"rtl"}
    assert {c.get("data-computed-dir") for c in src} == {"ltr"}
    # the smuggled <script> / onerror= did not run: title and root attributes untouched
    expected_title = "mt-review: strongcities-nlc-workshop, strongcities-about"
    assert root.get("data-selftest-title") == expected_title
    assert dom.findtext(".//title") == expected_title
    assert root.get("data-pwned") is None
    assert not dom.xpath("//img") and len(dom.xpath("//script")) == 1
    assert "<script>alert(1)</script>" in dom.text_content()
    # unflagged rows (segments and furniture with no findings) start hidden; the toggle shows them
    rows = dom.xpath("//tr[@data-severity]")
    flagged = [r for r in rows if r.get("data-severity") != "none"]
    assert 0 < len(flagged) < len(rows)
    assert root.get("data-selftest-visible-rows") == str(len(flagged))
    assert root.get("data-selftest-all-rows") == str(len(rows))
    assert [r for r in rows if r.get("hidden") is None] == flagged  # hidden again afterwards


def test_screenshot(report, tmp_path):
    shot = tmp_path / "report.png"
    proc = _run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri())
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    artifacts = os.environ.get("MT_REVIEW_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(artifacts) / "report-html-screenshot.png")
        shutil.copy(report, Path(artifacts) / "report.html")


def test_csp_blocks_a_payload_that_escaped_escaping(report, tmp_path):
    """Defence in depth: un-escape the payloads by hand; the CSP must still refuse them."""
    page = report.read_text(encoding="utf-8")
    escaped_script = "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;"
    escaped_img = "&lt;img src=x onerror=&quot;document.documentElement.dataset.pwned=&#x27;yes&#x27;&quot;&gt;"
    assert escaped_script in page and escaped_img in page
    tampered = page.replace(escaped_script, "<script>document.title='PWNED'</script>", 1)
    tampered = tampered.replace(escaped_img, "<img src=x onerror=\"document.documentElement.dataset.pwned='yes'\">", 1)
    bad = tmp_path / "tampered.html"
    bad.write_text(tampered, encoding="utf-8")
    proc = _run_chromium(tmp_path, "--dump-dom", bad.as_uri() + "#selftest")
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    dom = lxml.html.document_fromstring(proc.stdout.decode("utf-8"))
    root = dom.getroottree().getroot()
    assert root.get("data-selftest") == "done"  # our hashed script still runs
    assert dom.findtext(".//title") != "PWNED" and root.get("data-selftest-title") != "PWNED"
    assert root.get("data-pwned") is None
