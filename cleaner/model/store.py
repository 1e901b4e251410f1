"""A model on disk: ``model.joblib`` (the fitted estimator and its cue vocabulary) beside ``meta.json`` (the
manifest). Loading checks the file's sha256 against the manifest before unpickling, and that the model fits this
code's feature schema and labels. The shipped models are package data in ``cleaner/model/shipped``.

Trust: a model file is a pickle, and unpickling runs whatever code its author chose; a sha256 only proves the
file matches a manifest the same author wrote. So the shipped models (installed with the code, hence as trusted
as the code) load by themselves, and any other directory loads only when the caller says it trusts it
(``trust=True``, or ``CLEANER_TRUST_MODELS=1`` in the environment, which worker processes inherit). skops.io was
evaluated as a safe format for user models and not adopted: skops 0.16 cannot write this model (a RecursionError
on scikit-learn 1.9's metadata-routing requests), and with those stripped it wrote 220 MB (joblib+xz: 5.4 MB) and
took 12 s to load (joblib: 2 s), and its trusted-types list would still have to name cleaner's own estimators.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from cleaner.core.errors import ModelError, ModelIntegrityError, ModelVersionError
from cleaner.core.explain import FirstPassWeights
from cleaner.core.features import SCHEMA_VERSION
from cleaner.core.types import LABELS
from cleaner.model.build import context_of, ready_to_predict

log = logging.getLogger(__name__)
KINDS = ("html", "text")
LABELS_SORTED = tuple(sorted(LABELS))  # a fitted model's classes_ (scikit-learn sorts them)

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "meta.json"
CURRENT_FILE = "CURRENT"
RETRAIN_HINT = "retrain with `python scripts/train.py --install` from a checkout"
TRUST_ENV = "CLEANER_TRUST_MODELS"  # "1": load model directories other than the shipped ones


class UntrustedModelError(ModelError):
    """A model directory that did not ship with the package, loaded without saying it is trusted."""


@dataclass(frozen=True, slots=True)
class LoadedModel:
    """A fitted block model ready to clean with: the estimator, what its cues are computed from, its manifest."""

    estimator: BaseEstimator
    explainers: dict[str, FirstPassWeights]  # per document kind ("html", "text")
    manifest: dict[str, Any]

    @classmethod
    def of(
        cls, estimator: BaseEstimator, vocabulary: dict[str, dict[int, tuple[str, ...]]], manifest: dict[str, Any]
    ) -> LoadedModel:
        explainers = {kind: first_pass_weights(estimator, vocabulary.get(kind, {}), kind) for kind in KINDS}
        return cls(estimator, explainers, manifest)


def _label_names(inner: np.ndarray, outer: np.ndarray) -> tuple[str, ...]:
    """Label names of an inner estimator's classes: a calibrated model fits its inner model on encoded labels
    (indices into its own ``classes_``)."""
    if all(isinstance(c, str) for c in inner):
        return tuple(str(c) for c in inner)
    return tuple(str(outer[int(c)]) for c in inner)


def first_pass_weights(
    estimator: BaseEstimator, vocabulary: dict[int, tuple[str, ...]], kind: str = "html"
) -> FirstPassWeights:
    """The first pass's column transform and coefficients (of the model serving ``kind``), for cues."""
    pipe = context_of(estimator, kind).estimator_
    linear = pipe.named_steps["linear"]
    return FirstPassWeights(
        transform=pipe.named_steps["columns"].transform,
        coef=linear.coef_.toarray() if sp.issparse(linear.coef_) else np.asarray(linear.coef_),
        classes=_label_names(linear.classes_, np.asarray(LABELS_SORTED)),
        vocabulary=vocabulary,
    )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_model(
    estimator: BaseEstimator,
    vocabulary: dict[str, dict[int, tuple[str, ...]]],
    directory: Path,
    manifest: dict[str, Any],
) -> dict[str, Any]:
    """Write ``model.joblib`` and ``meta.json`` (with the file's sha256) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    joblib.dump({"estimator": estimator, "vocabulary": vocabulary}, path, compress=("xz", 6))
    manifest = dict(
        manifest,
        sha256=sha256_file(path),
        model_file=MODEL_FILE,
        size_bytes=path.stat().st_size,
        labels=list(LABELS),
        schema_version=SCHEMA_VERSION,
    )
    (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def models_root() -> Path:
    """The folder of shipped models (``cleaner/model/shipped``, package data)."""
    return Path(str(resources.files("cleaner.model.shipped")))


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


def is_shipped(path: Path) -> bool:
    """Whether ``path`` (symbolic links resolved) lies inside the installed package's shipped models."""
    return path.resolve().is_relative_to(models_root().resolve())


def trusted(path: Path, trust: bool) -> bool:
    """Whether the model file at ``path`` may be unpickled: shipped with the package, or trusted by the caller."""
    return trust or is_shipped(path) or os.environ.get(TRUST_ENV, "").strip() == "1"


def load_model(directory: str | Path | None = None, *, trust: bool = False) -> LoadedModel:
    """Load a model directory, refusing a changed file or one that does not fit this code; a directory other than
    the shipped models only with ``trust=True`` (or ``CLEANER_TRUST_MODELS=1``): its pickle can run any code."""
    directory = default_model_dir() if directory is None else Path(directory)
    if directory.is_file():
        directory = directory.parent
    directory = directory.resolve()
    manifest = read_manifest(directory)
    path = (directory / str(manifest.get("model_file", MODEL_FILE))).resolve()
    if path.parent != directory:
        raise ModelError(f"manifest names {path}, outside the model directory {directory}; refusing to load it")
    if not trusted(path, trust):
        raise UntrustedModelError(
            f"{directory} is not a model shipped with cleaner, and loading a model runs code its author chose "
            f"(model files are pickles; their sha256 proves nothing about who wrote them). If you trust whoever "
            f"wrote it, pass --trust-model (or set {TRUST_ENV}=1, or Cleaner(..., trust_model=True))"
        )
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
        stored = joblib.load(path)
    for warning in caught:
        log.warning("%s: %s (if results look wrong, %s)", path.name, warning.message, RETRAIN_HINT)
    estimator = stored.get("estimator") if isinstance(stored, dict) else None
    if estimator is None or sorted(map(str, getattr(estimator, "classes_", ()))) != sorted(LABELS):
        raise ModelVersionError(f"{path} does not hold a fitted cleaner block model; {RETRAIN_HINT}")
    try:
        return LoadedModel.of(ready_to_predict(estimator), dict(stored.get("vocabulary") or {}), manifest)
    except (TypeError, AttributeError, KeyError) as exc:
        raise ModelVersionError(f"{path} does not hold a cleaner block model ({exc}); {RETRAIN_HINT}") from None
