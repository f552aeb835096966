"""The report package imports a format's module only when a run asks for that format."""

import subprocess
import sys

from mt_review.report import FILENAMES, FORMATS, writer


def test_filenames_are_the_modules_own():
    for fmt in FORMATS:
        mod = writer(fmt)
        assert mod.FORMAT == fmt
        assert FILENAMES[fmt] == mod.FILENAME


def test_unrequested_formats_are_not_imported():
    # a fresh interpreter: what importing the package (as the app does) and the JSON writer pulls in
    code = (
        "import sys\n"
        "from mt_review.report import render_reports, report_files, stale_drafts, writer\n"
        "writer('json')\n"
        "print(' '.join(m for m in ('email_report', 'junit', 'sarif', 'terminal', 'json_report')"
        " if 'mt_review.report.' + m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["json_report"]
