"""The editors' loop in a real headless Chromium (driven by selenium + Debian's chromedriver).

Review the seed pair, open report.html, click "false alarm" on a finding,
download the decisions file the page builds (a Blob link under the report's
strict CSP), pass it back with ``--decisions``: that finding is set aside and
no longer counts against the gate; the others are untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_AR, SEED_EN

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (test extra)")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="chromium and chromium-driver are not installed (.ci/run installs them)",
)


def _review(out: Path, *extra: str) -> tuple[int, dict]:
    argv = ["review", str(SEED_EN), str(SEED_AR), "--out", str(out), "--format", "html,json",
            "--no-models", "--embedder", "none", "--fail-on", "minor", "--quiet", *extra]
    code = f"import sys; sys.argv = ['mt-review', *{argv!r}]; from mt_review.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=out.parent,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _fingerprints(report: dict) -> set[str]:
    return {f["fingerprint"] for p in report["pages"] for s in p["segments"] for f in s["findings"]}


@pytest.fixture
def browser(tmp_path):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    try:
        yield driver
    finally:
        driver.quit()


def test_false_alarm_click_downloads_a_decisions_file_that_sets_the_finding_aside(tmp_path, browser):
    from selenium.webdriver.common.by import By

    first = tmp_path / "first"
    code, before = _review(first)
    assert code == 1  # the seed has minor-or-worse findings: the gate fails
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.get((first / "report.html").as_uri())
    errors = [m for m in browser.get_log("browser") if m.get("level") == "SEVERE"]
    assert not errors, errors  # the script ran under the CSP without a violation

    box = browser.find_elements(By.CSS_SELECTOR, "tr.seg:not([hidden]) .decide")[0]
    fp = box.get_attribute("data-fp")
    assert fp in _fingerprints(before)
    link = browser.find_element(By.ID, "decisions-download")
    assert not link.is_displayed()  # nothing decided yet
    button = box.find_element(By.CSS_SELECTOR, 'button[data-decision="false-positive"]')
    assert button.text == "false alarm"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert browser.find_element(By.ID, "decision-count").text == "1 decision"
    assert link.is_displayed() and link.get_attribute("href").startswith("blob:")
    link.click()

    saved = downloads / "mt-review-decisions.csv"
    for _ in range(100):
        if saved.exists() and saved.stat().st_size:
            break
        time.sleep(0.1)
    text = saved.read_text(encoding="utf-8")
    assert f"{fp},false-positive," in text

    second = tmp_path / "second"
    _code, after = _review(second, "--decisions", str(saved))
    assert fp not in _fingerprints(after)
    assert _fingerprints(after) == _fingerprints(before) - {fp}  # only that finding is set aside
    (decided,) = [f for p in before["pages"] for s in p["segments"] for f in s["findings"] if f["fingerprint"] == fp]
    assert [(b["check"], b["message"]) for b in after["baselined"]] == [(decided["check"], decided["message"])]


def test_a_second_click_takes_the_decision_back(tmp_path, browser):
    from selenium.webdriver.common.by import By

    out = tmp_path / "r"
    _review(out)
    browser.get((out / "report.html").as_uri())
    box = browser.find_elements(By.CSS_SELECTOR, "tr.seg:not([hidden]) .decide")[0]
    accept = box.find_element(By.CSS_SELECTOR, 'button[data-decision="accepted"]')
    accept.click()
    assert browser.find_element(By.ID, "decision-count").text == "1 decision"
    accept.click()
    assert accept.get_attribute("aria-pressed") == "false"
    assert browser.find_element(By.ID, "decision-count").text == "no decisions yet"
    assert not browser.find_element(By.ID, "decisions-download").is_displayed()
