"""Addition: target sentences with no source (0-1 links) and targets much longer than
the page's usual length ratio (the shared rule is :class:`mt_review.checks.omission.LengthCheck`)."""

from __future__ import annotations

from mt_review.checks.omission import LONG_MAJOR, LONG_MINOR, LengthCheck
from mt_review.model import Severity


class AdditionCheck(LengthCheck):
    name = "addition"
    category = "accuracy/addition"
    default_severity = Severity.MAJOR
    side = "tgt"
    unaligned_message = "This target sentence has no counterpart in the source."
    outlier_message = "The translation is much longer than the source: it may add content."
    minor_factor = LONG_MINOR
    major_factor = LONG_MAJOR
