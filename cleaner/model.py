"""The block classifier and its persistence. The only stage that touches disk."""

from __future__ import annotations

import hashlib
import json
import logging
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import StandardScaler

from .errors import ModelError, ModelIntegrityError, ModelVersionError
from .features import SCHEMA_VERSION, Features
from .smooth import ContextSmoother, context_matrix
from .types import LABELS

log = logging.getLogger(__name__)

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "meta.json"
CURRENT_FILE = "CURRENT"
RETRAIN_HINT = "retrain with `cleaner train --install` (or `python scripts/train.py --install`)"
MARKUP_WEIGHT = 0.7
DENSE_WEIGHT = 0.35


def stage1_matrix(feats: Features, scaler: StandardScaler) -> sp.csr_matrix:
    """First-pass input: hashed words and markup beside the scaled named features."""
    dense = np.clip(scaler.transform(feats.dense), -5, 5) * DENSE_WEIGHT
    return sp.hstack([feats.words, feats.markup * MARKUP_WEIGHT, sp.csr_matrix(dense.astype(np.float32))], format="csr")


class LinearBlockClassifier(ClassifierMixin, BaseEstimator):
    """Context-free first pass: a log-loss linear model on one block's features."""

    def __init__(self, alpha: float = 1e-5, max_iter: int = 40, random_state: int = 0) -> None:
        self.alpha = alpha
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X: sp.csr_matrix, y: np.ndarray, sample_weight: np.ndarray | None = None) -> LinearBlockClassifier:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning: a few epochs are enough here
            self.model_ = SGDClassifier(
                loss="log_loss",
                alpha=self.alpha,
                max_iter=self.max_iter,
                tol=1e-4,
                random_state=self.random_state,
                average=True,
            )
            self.model_.fit(X, y, sample_weight=sample_weight)
        self.model_.coef_ = self.model_.coef_.astype(np.float32)
        self.model_.intercept_ = self.model_.intercept_.astype(np.float32)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: sp.csr_matrix) -> np.ndarray:
        return _softmax(np.asarray(X @ self.model_.coef_.T) + self.model_.intercept_)

    def predict(self, X: sp.csr_matrix) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


@dataclass
class BlockModel:
    """The trained two-pass model: scaler, first pass and context smoother."""

    scaler: StandardScaler
    first: LinearBlockClassifier
    smoother: ContextSmoother
    labels: tuple[str, ...]
    schema_version: str = SCHEMA_VERSION
    temperature: float = 1.0  # fitted on held-out templates (``calibrate``)
    cue_names: dict[int, str] = field(default_factory=dict)  # hashed column -> readable cue

    def first_pass(self, feats: Features) -> np.ndarray:
        """Context-free probabilities, columns in ``labels`` order.

        Same as ``first.predict_proba(stage1_matrix(...))``, without building the stacked
        matrix: each feature group meets its own slice of the coefficients.
        """
        if feats.n == 0:
            return np.zeros((0, len(self.labels)))
        words, markup, dense_coef = self._coef_blocks(feats.words.shape[1], feats.markup.shape[1])
        dense = np.clip(self.scaler.transform(feats.dense), -5, 5) * DENSE_WEIGHT
        scores = (
            feats.words @ words
            + (feats.markup @ markup) * MARKUP_WEIGHT
            + dense @ dense_coef
            + self.first.model_.intercept_
        )
        return reorder_columns(_softmax(np.asarray(scores)), self.first.classes_, self.labels)

    def _coef_blocks(self, n_words: int, n_markup: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        cached = self.__dict__.get("_coef_cache")
        if cached is None:
            coef = self.first.model_.coef_
            cached = tuple(
                np.ascontiguousarray(part.T)
                for part in (coef[:, :n_words], coef[:, n_words : n_words + n_markup], coef[:, n_words + n_markup :])
            )
            self.__dict__["_coef_cache"] = cached
        return cached  # type: ignore[return-value]

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_coef_cache"}

    def predict_proba(self, feats: Features, first: np.ndarray | None = None) -> np.ndarray:
        """Final probabilities with neighbour context, columns in ``labels`` order."""
        if feats.n == 0:
            return np.zeros((0, len(self.labels)))
        first = self.first_pass(feats) if first is None else first
        probs = self.smoother.predict_proba(context_matrix(first, feats.dense))
        return reorder_columns(apply_temperature(probs, self.temperature), self.smoother.classes_, self.labels)


def apply_temperature(probs: np.ndarray, temperature: float) -> np.ndarray:
    """Soften (T > 1) or sharpen (T < 1) probabilities: softmax(log p / T)."""
    if temperature == 1.0:
        return probs
    return _softmax(np.log(np.clip(probs, 1e-12, 1.0)) / temperature)


def fit_temperature(probs: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises held-out log loss (a one-parameter calibration)."""
    grid = np.exp(np.linspace(np.log(0.25), np.log(8.0), 61))
    losses = [-np.mean(np.log(np.clip(apply_temperature(probs, t)[np.arange(len(y)), y], 1e-12, 1.0))) for t in grid]
    return float(grid[int(np.argmin(losses))])


def expected_calibration_error(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Gap between confidence and accuracy of the chosen label, averaged over confidence bins."""
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == y
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(confidence, edges) - 1, 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.mean() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(total)


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    expd = np.exp(scores)
    return expd / expd.sum(axis=1, keepdims=True)


def reorder_columns(probs: np.ndarray, classes: np.ndarray, labels: tuple[str, ...]) -> np.ndarray:
    out = np.zeros((probs.shape[0], len(labels)))
    for j, cls in enumerate(classes):
        out[:, labels.index(cls) if isinstance(cls, str) else int(cls)] = probs[:, j]
    return out


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_model(model: BlockModel, directory: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Write ``model.joblib`` and ``meta.json`` (with the file's sha256) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    joblib.dump(model, path, compress=("xz", 6))
    manifest = dict(
        manifest,
        sha256=sha256_file(path),
        model_file=MODEL_FILE,
        size_bytes=path.stat().st_size,
        labels=list(model.labels),
        schema_version=model.schema_version,
    )
    (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def models_root() -> Path:
    """The folder of shipped models (``models/`` in a clone, ``cleaner/_models`` when installed)."""
    return Path(str(resources.files("cleaner._models")))


def default_model_dir() -> Path:
    """The model named by ``models/CURRENT`` inside the installed package."""
    root = models_root()
    current = root / CURRENT_FILE
    if not current.is_file():
        raise ModelError(f"no default model: {current} is missing; {RETRAIN_HINT}")
    return root / current.read_text(encoding="utf-8").strip()


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST_FILE
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ModelError(f"{path} is missing: a model directory needs {MODEL_FILE} and {MANIFEST_FILE}") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read {path}: {exc}") from None


def load_model(directory: str | Path | None = None) -> tuple[BlockModel, dict[str, Any]]:
    """Load a model directory, refusing a changed file or one that does not fit this code."""
    directory = default_model_dir() if directory is None else Path(directory)
    if directory.is_file():
        directory = directory.parent
    directory = directory.resolve()
    manifest = read_manifest(directory)
    path = (directory / str(manifest.get("model_file", MODEL_FILE))).resolve()
    if path.parent != directory:
        raise ModelError(f"manifest names {path}, outside the model directory {directory}; refusing to load it")
    if not path.is_file():
        raise ModelError(f"{path} is missing; {RETRAIN_HINT}")
    if sha256_file(path) != manifest.get("sha256"):
        raise ModelIntegrityError(
            f"{path}: sha256 does not match {MANIFEST_FILE}; the file was changed or corrupted. "
            f"Model files are pickles, so it is not loaded; restore it or {RETRAIN_HINT}"
        )
    if str(manifest.get("schema_version")) != SCHEMA_VERSION:
        raise ModelVersionError(
            f"{directory}: feature schema {manifest.get('schema_version')!r} does not match this code's "
            f"{SCHEMA_VERSION!r}; {RETRAIN_HINT}"
        )
    if tuple(manifest.get("labels", ())) != LABELS:
        raise ModelVersionError(
            f"{directory}: labels {manifest.get('labels')} do not match this code's {list(LABELS)}; {RETRAIN_HINT}"
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = joblib.load(path)
    for warning in caught:
        log.warning("%s: %s (if results look wrong, %s)", path.name, warning.message, RETRAIN_HINT)
    if not isinstance(model, BlockModel):
        raise ModelVersionError(f"{path} does not hold a cleaner BlockModel; {RETRAIN_HINT}")
    return model, manifest
