"""Stable fingerprints of findings, for baselines, accepted decisions and SARIF.

A fingerprint depends on the page, the check and the text involved (not on
block numbers or offsets), so an unrelated edit elsewhere on the page does not
change it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from mt_review.model import Finding, PageReview

_SPACE = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def finding_fingerprint(page: PageReview, finding: Finding) -> str:
    """sha256 over page name, check, and the finding's evidence text on both sides."""
    parts = [
        page.pair.name,
        finding.check,
        _norm(finding.src_span.text if finding.src_span else ""),
        _norm(finding.tgt_span.text if finding.tgt_span else ""),
        _norm(finding.threshold) if not (finding.src_span or finding.tgt_span) else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
