"""Calibrated risk: a small, inspectable logistic regression over the signals.

    P(defect) = sigmoid(b + sum_j w_j * z_j + sum_j v_j * m_j)

* ``z_j = (x_j - mean_j) / scale_j`` is feature ``j`` standardised with the
  training mean and standard deviation, so every weight ``w_j`` reads as
  "log-odds per standard deviation";
* **missing signals**: a missing (or NaN) feature is imputed with its training
  mean (``z_j = 0``, so it contributes nothing) and its missing indicator
  ``m_j = 1`` adds ``v_j``.  One model covers every subset of available
  signals; the training data has signals masked at random (see
  ``benchmarks/calibrate.py``) so the indicators are learnt, not guessed.
* ``check_severity`` is the rank (0 none, 1 minor, 2 major, 3 critical) of the
  worst finding from the rule-based checks (model-made findings -- checks
  named ``model_*`` -- are left out so a model cannot vote twice).

Each feature's **contribution** is ``w_j * z_j + v_j * m_j``; the largest one
is the signal that "carried" the flag (the report's driver).

Fitting is IRLS (Newton's method) with an L2 penalty on the weights (not the
intercept), numpy only, a fixed number of iterations, no randomness: fitting
twice on the same data gives the same coefficients.  Weights are
sign-constrained (:data:`EXPECTED_SIGN`): a weight that comes out against its
known direction (say, more risk for a *higher* chrF) is set to 0 and the rest
refitted, so the risk is monotone in every signal.  Standardised values are
clipped to +-:data:`Z_CLIP`.

The model-signal weights belong to the MT models they were fitted with
(``meta.models``): log-prob scales differ between models.  The shipped file
was fitted without a real model: its model signals count through the
documented :data:`PRIORS` (``meta.kind = "prior"``) until the user fits a
calibration with their models and pages (``mt-review calibrate``,
:mod:`mt_review.calibrate`; ``meta.kind = "self-calibrated"``).  The coefficients live in
``calibration.json`` next to this file together with how they were fitted
(data, model, split, AUROC); :func:`shipped` reads it (once per process; a damaged file is an error, not "no calibration").

Severity thresholds on the probability are percentiles of the clean training
pairs' fitted probabilities, like the ``embed_sim`` thresholds in :mod:`.risk`:
``ok`` = p50 (risk 0 at and below), ``minor`` = p90 (risk 0.3), ``major`` =
p98 (risk 0.65, rising to 0.9 at probability 1).  So the calibrated risk alone
raises about 10 % of clean pairs to minor and 2 % to major; it never makes a
pair critical.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

FEATURES = ("embed_sim", "pseudo_chrf", "roundtrip_chrf", "lp_tgt_given_src", "lp_src_given_tgt", "check_severity")
# what ``mt-review calibrate`` fits: the shipped features plus ``embed_margin``, the pair's similarity relative to
# its page (signals.embedding_fits), added after the shipped file was fitted (the shipped file keeps FEATURES)
SELF_FEATURES = ("embed_sim", "embed_margin", *FEATURES[1:])
# A feature that judges only where a more telling one is missing, as in risk.py: ``embed_sim`` counts for a
# pair without ``embed_margin`` (a page of fewer than five two-sided pairs) and says nothing beside a margin,
# which is the same similarity read against the page (fitted side by side, the two compete for one piece of
# evidence and the sign constraint drops the similarity, leaving small pages unjudged).  Applies only to a
# calibration that has both features.
STANDS_IN_FOR = {"embed_sim": "embed_margin"}
# signals that need an MT model (their presence switches the calibrated risk on)
MODEL_SIGNALS = (
    "pseudo_chrf",
    "pseudo_chrfpp",
    "pseudo_bleu",
    "roundtrip_chrf",
    "roundtrip_sim",
    "lp_tgt_given_src",
    "lp_src_given_tgt",
    "lp_tgt_worst",
)
PATH = Path(__file__).with_name("calibration.json")
# meta["kind"]: how a calibration was made (named in the report signature)
SELF_CALIBRATED = "self-calibrated"  # mt-review calibrate on the user's own pages
PRIOR = "prior"  # the shipped file: model-signal weights are documented priors, not fits
# Known direction of each feature: lower similarity / chrF / log-prob means more risk,
# a worse check finding means more risk.  The fit drops a weight that comes out
# against its direction (it would make the risk non-monotone and is noise).
EXPECTED_SIGN = {
    "embed_sim": -1, "embed_margin": -1, "pseudo_chrf": -1, "pseudo_chrfpp": -1, "pseudo_bleu": -1, "roundtrip_chrf": -1,
    "roundtrip_sim": -1, "lp_tgt_given_src": -1, "lp_src_given_tgt": -1, "lp_tgt_worst": -1, "check_severity": 1,
}
# Out-of-the-box weights for the model signals, used until a calibration is fitted with the
# user's models (``mt-review calibrate --model``): (typical value of a good human translation,
# its spread, weight in log-odds per spread).  Reasoning (docs/SIGNALS.md, "Priors"):
# * chrF of a human translation against OPUS-MT's own output sits around 40-50 for en->ar
#   (Arabic morphology splits words a human and a model spell differently) and a little
#   higher for the English round trip; a spread of 15 chrF points separates a paraphrase
#   from a different sentence;
# * Marian models give fluent in-domain text about -1 to -2 nats per token; 0.6 / 0.5 nats
#   is about the gap between a natural and an odd rendering of a short sentence;
# * each weight is half the fitted embed_sim weight (-1.2 / SD), so one model signal 2 SD
#   low lifts a typical pair to about the minor band and all four 2 SD low reach major:
#   a signal that is not fitted to the model should corroborate, not decide alone.
PRIORS = {
    "pseudo_chrf": (45.0, 15.0, -0.6),
    "roundtrip_chrf": (55.0, 15.0, -0.6),
    "lp_tgt_given_src": (-1.6, 0.6, -0.6),
    "lp_src_given_tgt": (-1.2, 0.5, -0.6),
}
Z_CLIP = 5.0  # standardised values are clipped to +-5 SD (a model far from the calibration one cannot explode)


def _num(v) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def check_severity(findings: Iterable) -> float:
    """Rank of the worst rule-based finding (0-3); findings of checks that need a model are not counted."""
    from mt_review.checks import made_by_models  # imported here: the model checks import this package

    ranks = [f.severity.rank for f in findings if not made_by_models(f.check)]
    return float(max(ranks, default=0))


@dataclass(frozen=True)
class Prediction:
    prob: float
    contributions: dict[str, float]  # feature -> w*z + v*m
    driver: str | None  # feature with the largest positive contribution
    severity_rank: int  # 0 none, 1 minor, 2 major (the calibration never says critical)
    risk: float  # on risk.py's scale: minor band 0.3, major band 0.65 .. 0.9


@dataclass(frozen=True)
class Calibration:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    missing_coef: tuple[float, ...]
    intercept: float
    thresholds: dict[str, float] = field(default_factory=lambda: {"minor": 0.5, "major": 0.8})
    meta: dict = field(default_factory=dict)

    # -- use -----------------------------------------------------------------
    def design(self, values: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        z = np.zeros(len(self.features))
        m = np.zeros(len(self.features))
        for j, name in enumerate(self.features):
            x = _num(values.get(name))
            if self._stood_in(name, values):
                continue  # neither a value nor missing: the better signal judges (STANDS_IN_FOR)
            if x is None:
                m[j] = 1.0
            else:
                z[j] = max(-Z_CLIP, min(Z_CLIP, (x - self.mean[j]) / self.scale[j]))
        return z, m

    def _stood_in(self, name: str, values: Mapping[str, float]) -> bool:
        better = STANDS_IN_FOR.get(name)
        return better is not None and better in self.features and _num(values.get(better)) is not None

    def weighs(self, name: str) -> bool:
        """Does the calibration give ``name`` a non-zero weight?"""
        return name in self.features and self.coef[self.features.index(name)] != 0.0

    def covers(self, values: Mapping[str, float]) -> bool:
        """Is at least one measured model signal weighted?  (Else the calibrated risk adds nothing.)"""
        return any(self.weighs(f) and _num(values.get(f)) is not None for f in MODEL_SIGNALS)

    @property
    def domain_fitted(self) -> bool:
        """Fitted on the user's own pages (``mt-review calibrate``): it replaces the fixed embed_sim bands."""
        return self.meta.get("kind") == SELF_CALIBRATED

    def applies(self, values: Mapping[str, float]) -> bool:
        """Should the calibrated risk take part for these signals?

        Always when a measured model signal is weighted; with a calibration
        fitted on the user's own pages also when only a weighted ``embed_sim``
        was measured (the calibration then stands in for the fixed bands)."""
        if self.covers(values):
            return True
        return self.domain_fitted and any(
            self.weighs(f) and _num(values.get(f)) is not None for f in self.features if f != "check_severity")

    def describe_source(self) -> str:
        """One line for the signature and reports: which calibration, and whether its model weights are priors."""
        kind = self.meta.get("kind") or "shipped"
        return f"{kind}:{self.fingerprint()}"

    def predict(self, values: Mapping[str, float]) -> Prediction:
        z, m = self.design(values)
        parts = np.asarray(self.coef) * z + np.asarray(self.missing_coef) * m
        logit = self.intercept + float(parts.sum())
        prob = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))
        contributions = {f: round(float(c), 4) for f, c in zip(self.features, parts, strict=True)}
        pos = [(c, f) for f, c in contributions.items() if c > 0]
        driver = max(pos)[1] if pos else None
        rank, risk = self.band(prob)
        return Prediction(round(prob, 4), contributions, driver, rank, risk)

    def band(self, prob: float) -> tuple[int, float]:
        """Severity rank and risk (piecewise linear onto risk.py's bands) of a probability."""
        t1, t2 = self.thresholds["minor"], self.thresholds["major"]
        t0 = min(self.thresholds.get("ok", 0.0), t1)

        def lerp(x, x0, x1, y0, y1):
            t = 1.0 if x1 <= x0 else max(0.0, min(1.0, (x - x0) / (x1 - x0)))
            return y0 + t * (y1 - y0)

        if prob < t1:
            return 0, round(lerp(prob, t0, t1, 0.0, 0.3) if prob > t0 else 0.0, 4)
        if prob < t2:
            return 1, round(lerp(prob, t1, t2, 0.3, 0.65), 4)
        return 2, round(lerp(prob, t2, 1.0, 0.65, 0.9), 4)

    # -- storage ---------------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "features": list(self.features),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "coef": [round(v, 6) for v in self.coef],
            "missing_coef": [round(v, 6) for v in self.missing_coef],
            "intercept": round(self.intercept, 6),
            "thresholds": {k: round(v, 4) for k, v in self.thresholds.items()},
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, d: Mapping) -> "Calibration":
        n = len(d["features"])
        for key in ("mean", "scale", "coef", "missing_coef"):
            if len(d[key]) != n:
                raise ValueError(f"calibration: '{key}' has {len(d[key])} values for {n} features")
        return cls(
            features=tuple(d["features"]),
            mean=tuple(float(x) for x in d["mean"]),
            scale=tuple(float(x) or 1.0 for x in d["scale"]),
            coef=tuple(float(x) for x in d["coef"]),
            missing_coef=tuple(float(x) for x in d["missing_coef"]),
            intercept=float(d["intercept"]),
            thresholds={k: float(v) for k, v in d.get("thresholds", {"minor": 0.5, "major": 0.8}).items()},
            meta=dict(d.get("meta", {})),
        )

    def save(self, path: str | Path = PATH) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def fingerprint(self) -> str:
        """``sha256:<12 hex>`` of the coefficients and thresholds (for the report signature)."""
        import hashlib

        d = self.to_json()
        d.pop("meta", None)
        return "sha256:" + hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()[:12]

    def describe(self) -> str:
        lines = [f"intercept {self.intercept:+.3f}"]
        for f, mu, s, w, v in zip(self.features, self.mean, self.scale, self.coef, self.missing_coef, strict=True):
            lines.append(f"{f:<18} mean {mu:9.3f}  sd {s:8.3f}  w/sd {w:+.3f}  missing {v:+.3f}")
        lines.append("thresholds " + ", ".join(f"{k} p>={v:.3f}" for k, v in self.thresholds.items()))
        return "\n".join(lines)


def with_priors(cal: Calibration) -> Calibration:
    """``cal`` with the model-signal mean, spread and weight taken from :data:`PRIORS` (missing weight 0).

    For a calibration fitted without a real model: its checks and embed_sim
    weights are fitted, the model signals count through the priors."""
    mean, scale, coef, miss = list(cal.mean), list(cal.scale), list(cal.coef), list(cal.missing_coef)
    for j, f in enumerate(cal.features):
        if f in PRIORS:
            mean[j], scale[j], coef[j] = PRIORS[f]
            miss[j] = 0.0
    return Calibration(features=cal.features, mean=tuple(mean), scale=tuple(scale), coef=tuple(coef),
                       missing_coef=tuple(miss), intercept=cal.intercept, thresholds=cal.thresholds,
                       meta={**cal.meta, "kind": PRIOR,
                             "model_signal_weights": "priors (mt_review/score/calibration.py PRIORS), not fitted"})


def prior_notice(translators: Mapping[str, object], calibration: Calibration | None = None) -> str | None:
    """Says so when model signals are about to count through priors rather than a fit to these models."""
    cal = calibration if calibration is not None else shipped()
    if not translators or cal is None or cal.meta.get("kind") != PRIOR:
        return None
    return ("risk calibration: the model signals count through documented priors (docs/SIGNALS.md), not a fit to "
            "these models; fit one on your own pages with 'mt-review calibrate PAGES --model DIR -o calibration.json' "
            "and review with '--calibration calibration.json'")


def model_mismatch(translators: Mapping[str, object], calibration: Calibration | None = None) -> str | None:
    """A notice when the loaded models are not those the calibration's model weights were fitted with."""
    cal = calibration if calibration is not None else shipped()
    if cal is None or not any(cal.weighs(f) for f in MODEL_SIGNALS):
        return None
    fitted = cal.meta.get("models") or {}
    odd = []
    for d, tr in sorted(translators.items()):
        sig = getattr(getattr(tr, "info", None), "signature", None)
        if sig is not None and fitted.get(d) not in (None, sig):
            odd.append(f"{d}: using {sig}, calibrated with {fitted[d]}")
    if not odd:
        return None
    return ("risk calibration was fitted with other models (" + "; ".join(odd)
            + "); refit on your pages with: mt-review calibrate PAGES --model DIR -o calibration.json")


class CalibrationError(RuntimeError):
    """The calibration shipped with mt-review cannot be read: a broken install, never "no calibration"."""


def load(path: str | Path = PATH) -> Calibration:
    """Read a calibration file; :class:`CalibrationError` when it is missing or damaged."""
    try:
        return Calibration.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CalibrationError(f"cannot read the calibration {path}: {exc} (reinstall mt-review)") from None


@functools.lru_cache(maxsize=1)
def shipped() -> Calibration:
    """The calibration shipped next to this file, read once per process (an error if damaged)."""
    return load(PATH)


def load_user(path: str | Path) -> Calibration:
    """A calibration file the user named (``--calibration``); anything unreadable is bad input."""
    from mt_review.errors import InputError

    p = Path(path)
    if not p.is_file():
        raise InputError("calibration file not found", str(p))
    try:
        cal = Calibration.from_json(json.loads(p.read_text(encoding="utf-8")))
    except UnicodeDecodeError:
        raise InputError("calibration file is not UTF-8 JSON", str(p)) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"calibration file is not valid JSON ({exc.msg}, line {exc.lineno})", str(p)) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"not a calibration file ({type(exc).__name__}: {exc})", str(p)) from None
    unknown = sorted(set(cal.features) - set(EXPECTED_SIGN))
    if unknown:
        raise InputError(f"calibration file names unknown signal(s) {', '.join(unknown)}", str(p))
    return cal


# -- evaluation and training-set helpers ------------------------------------------
# Signals that go missing together (a direction's model absent, no embedder).  A margin missing alone (a page
# of fewer than five two-sided pairs) is taught by a whole copy of the rows, :func:`small_page`.
GROUPS = {"en-ar": ("pseudo_chrf", "pseudo_chrfpp", "pseudo_bleu", "lp_tgt_given_src", "lp_tgt_worst"),
          "ar-en": ("roundtrip_chrf", "roundtrip_sim", "lp_src_given_tgt"),
          "embed": ("embed_sim", "embed_margin")}
MASK_P = {"en-ar": 0.15, "ar-en": 0.15, "embed": 0.10}


def masked(rows: Sequence[Mapping[str, float]], seed: int) -> list[dict[str, float]]:
    """A copy of ``rows`` with each group of signals removed at random (``MASK_P``), so the fit learns the
    missing-signal indicators from data."""
    import random

    rng = random.Random(seed)
    out = []
    for r in rows:
        r2 = dict(r)
        for g, names in GROUPS.items():
            if rng.random() < MASK_P[g]:
                for n in names:
                    r2.pop(n, None)
        out.append(r2)
    return out


def small_page(rows: Sequence[Mapping[str, float]]) -> list[dict[str, float]]:
    """The rows that have an ``embed_margin``, without it: as a page too small for a margin would give them.

    Added to the training set of a fit with ``embed_margin``, so ``embed_sim`` -- which judges only
    where the margin is missing (:data:`STANDS_IN_FOR`) -- is fitted on as many examples as the margin,
    and the margin's missing indicator is learnt."""
    return [{k: v for k, v in r.items() if k != "embed_margin"} for r in rows if _has_margin(r)]


def small_page_examples(rows: Sequence[Mapping[str, float]], labels: Sequence[bool]) -> tuple[list, list[bool]]:
    """:func:`small_page`'s copies of training ``rows`` and their labels (one predicate picks both, so
    each copy keeps its own row's label): what a fit with ``embed_margin`` adds to its training set."""
    return small_page(rows), [y for r, y in zip(rows, labels, strict=True) if _has_margin(r)]


def _has_margin(row: Mapping[str, float]) -> bool:
    return _num(row.get("embed_margin")) is not None


def auroc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Area under the ROC curve (Mann-Whitney U, ties counted half); NaN without both classes."""
    s, y = np.asarray(scores, float), np.asarray(labels, bool)
    pos, neg = s[y], s[~y]
    if not len(pos) or not len(neg):
        return float("nan")
    allv = np.concatenate([pos, neg])
    order = np.argsort(allv, kind="mergesort")
    sorted_v = allv[order]
    ranks = np.empty(len(allv))
    i = 0
    while i < len(sorted_v):
        j = i
        while j + 1 < len(sorted_v) and sorted_v[j + 1] == sorted_v[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(allv))
    r[order] = ranks
    u = r[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2
    return float(u / (len(pos) * len(neg)))


# -- fitting ---------------------------------------------------------------------
def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[bool | int],
    *,
    features: Sequence[str] = FEATURES,
    l2: float = 1.0,
    iterations: int = 25,
    clean_percentiles: tuple[float, float, float] = (50.0, 90.0, 98.0),
    sign_constraints: bool = True,
    meta: Mapping | None = None,
) -> Calibration:
    """Fit by IRLS with an L2 penalty ``l2`` on every weight; deterministic.

    ``rows`` are feature dicts (missing or NaN = not measured).  Features never
    seen in the training rows get weight 0 and mean 0.  The severity thresholds
    are the ``clean_percentiles`` (ok, minor, major) of the fitted
    probabilities of the clean (label 0) rows.
    """
    features = tuple(features)
    y = np.asarray([1.0 if v else 0.0 for v in labels])
    n, k = len(rows), len(features)
    if n == 0 or y.min() == y.max():
        raise ValueError("calibration needs both clean and defective examples")
    raw = np.full((n, k), np.nan)
    for i, r in enumerate(rows):
        for j, f in enumerate(features):
            x = _num(r.get(f))
            if x is not None:
                raw[i, j] = x
    seen = ~np.isnan(raw)
    mean = np.array([raw[seen[:, j], j].mean() if seen[:, j].any() else 0.0 for j in range(k)])
    scale = np.array([raw[seen[:, j], j].std() if seen[:, j].sum() > 1 else 1.0 for j in range(k)])
    scale[~(scale > 1e-9)] = 1.0
    z = np.clip(np.where(seen, (raw - mean) / scale, 0.0), -Z_CLIP, Z_CLIP)
    miss = (~seen).astype(float)
    for j, f in enumerate(features):  # a stand-in says nothing where the better signal was measured
        if STANDS_IN_FOR.get(f) in features:
            judged = seen[:, features.index(STANDS_IN_FOR[f])]
            z[judged, j] = 0.0
            miss[judged, j] = 0.0
    X = np.hstack([np.ones((n, 1)), z, miss])
    # columns that can be fitted: a feature that was never measured gets no weight and
    # no indicator; an indicator that never (or always) fires is left out
    active = np.ones(X.shape[1], dtype=bool)
    for j in range(k):
        if seen[:, j].sum() <= 1:
            active[1 + j] = False
        if miss[:, j].min() == miss[:, j].max():
            active[1 + k + j] = False
    signs = dict(EXPECTED_SIGN if sign_constraints else {})
    beta = np.zeros(X.shape[1])
    for _round in range(k + 1):
        beta = _irls(X, y, active, l2, iterations)
        wrong = [j for j in range(k) if active[1 + j] and features[j] in signs
                 and beta[1 + j] * signs[features[j]] < 0]
        if not wrong:
            break
        for j in wrong:  # a weight against its known direction is dropped (set to 0) and the rest refitted
            active[1 + j] = False
    cal = Calibration(
        features=features,
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in beta[1 : k + 1]),
        missing_coef=tuple(float(v) for v in beta[k + 1 :]),
        intercept=float(beta[0]),
        meta=dict(meta or {}),
    )
    probs = np.array([cal.predict(r).prob for r in rows])
    clean = probs[y == 0]
    t_ok = float(np.percentile(clean, clean_percentiles[0]))
    t_minor = max(t_ok, float(np.percentile(clean, clean_percentiles[1])))
    t_major = max(t_minor + 1e-4, float(np.percentile(clean, clean_percentiles[2])))
    return Calibration(
        features=cal.features, mean=cal.mean, scale=cal.scale, coef=cal.coef, missing_coef=cal.missing_coef,
        intercept=cal.intercept, thresholds={"ok": t_ok, "minor": t_minor, "major": t_major},
        meta={**cal.meta, "clean_percentiles": list(clean_percentiles), "l2": l2, "n_train": n,
              "n_defective": int(y.sum())},
    )


def _irls(X: np.ndarray, y: np.ndarray, active: np.ndarray, l2: float, iterations: int) -> np.ndarray:
    """Penalised logistic regression by Newton/IRLS on the ``active`` columns; others stay 0."""
    Xa = X[:, active]
    pen = np.full(Xa.shape[1], l2)
    pen[0] = 0.0  # the intercept is column 0 and always active
    b = np.zeros(Xa.shape[1])
    for _ in range(iterations):
        eta = np.clip(Xa @ b, -30, 30)
        p = 1.0 / (1.0 + np.exp(-eta))
        w = np.maximum(p * (1 - p), 1e-9)
        grad = Xa.T @ (y - p) - pen * b
        hess = (Xa * w[:, None]).T @ Xa + np.diag(pen)
        step = np.linalg.solve(hess, grad)
        b = b + step
        if np.max(np.abs(step)) < 1e-10:
            break
    beta = np.zeros(X.shape[1])
    beta[active] = b
    return beta

