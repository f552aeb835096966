"""Scoring: per-segment risk (:mod:`.risk`), page quality (:mod:`.quality`) and
measured signals (:mod:`.signals`)."""

from mt_review.score.quality import page_score, penalty
from mt_review.score.risk import segment_risk

__all__ = ["segment_risk", "page_score", "penalty"]
