"""Every report names the configuration file and glossary the run used."""

from __future__ import annotations

import email
import email.policy
import io
import json

from rich.console import Console

from mt_review.report import FORMATS, render_reports, write_reports
from report_fixtures import make_gate, make_run


def test_every_format_names_the_configuration_and_glossary(tmp_path):
    config = tmp_path / "site" / "pyproject.toml"
    glossary = tmp_path / "site" / "terms" / "glossary.csv"
    files = render_reports(make_run(), [f for f in FORMATS if f != "terminal"], gate=make_gate(),
                           base_dir=tmp_path, config_file=str(config), glossary=str(glossary))
    assert {n.rsplit(".", 1)[1] for n in files} == {"json", "md", "html", "xml", "sarif", "eml"}
    for name, data in files.items():
        if name.endswith(".eml"):
            msg = email.message_from_bytes(data, policy=email.policy.default)
            text = msg.get_body(("plain",)).get_content() + msg.get_body(("html",)).get_content()
        else:
            text = data.decode("utf-8")
        assert "site/pyproject.toml" in text and "site/terms/glossary.csv" in text, name
    doc = json.loads(files["report.json"])
    assert doc["configuration"] == {"file": "site/pyproject.toml", "glossary": "site/terms/glossary.csv"}
    buf = io.StringIO()
    write_reports(make_run(), tmp_path / "out", ["terminal"], console=Console(file=buf, width=200),
                  base_dir=tmp_path, config_file=str(config), glossary=str(glossary))
    assert "configuration: site/pyproject.toml; glossary: site/terms/glossary.csv" in buf.getvalue()


def test_without_a_configuration_the_reports_say_so():
    files = render_reports(make_run(), ["json", "md"])
    assert json.loads(files["report.json"])["configuration"] == {"file": None, "glossary": None}
    assert "none (built-in defaults)" in files["report.md"].decode()
