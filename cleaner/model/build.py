"""The unfitted model: which scikit-learn estimators, on which feature columns, with which settings.

First pass: a ``Pipeline`` of a ``ColumnTransformer`` (hashed words as they are, hashed markup tokens weighted,
named features standardised and clipped) and a log-loss linear model. Context pass: ``ContextClassifier``
around it with gradient boosting. Calibration: temperature scaling through ``CalibratedClassifierCV``.
"""

from __future__ import annotations

from sklearn import config_context
from sklearn.base import BaseEstimator
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from cleaner.core.features import (
    DENSE_COLUMNS,
    DENSE_INDEX,
    DOCUMENT_START_COLUMN,
    MARKUP_COLUMNS,
    WORD_COLUMNS,
)
from cleaner.model.estimators import ContextClassifier, clip5, to_dense

MARKUP_WEIGHT = 0.7
DENSE_WEIGHT = 0.35
# What the context pass reads of the blocks right before and after each block.
NEIGHBOUR_FEATURES = ("log_chars", "link_density", "is_heading", "question", "in_best", "ends_terminal")
CONTEXT_FOLDS = 3  # out-of-fold first pass inside the context classifier
CALIBRATION_FOLDS = 2  # out-of-fold predictions the temperature is fitted on


def first_pass(seed: int = 0) -> Pipeline:
    """The context-free block classifier (sample weights, when given, weigh the linear model's fit only)."""
    with config_context(enable_metadata_routing=True):
        scaler = StandardScaler().set_fit_request(sample_weight=False)
    columns = ColumnTransformer(
        [
            ("words", "passthrough", WORD_COLUMNS),
            ("markup", "passthrough", MARKUP_COLUMNS),
            (
                "dense",
                make_pipeline(FunctionTransformer(to_dense), scaler, FunctionTransformer(clip5)),
                DENSE_COLUMNS,
            ),
        ],
        transformer_weights={"markup": MARKUP_WEIGHT, "dense": DENSE_WEIGHT},
        sparse_threshold=1.0,
    )
    linear = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=40, tol=1e-4, average=True, random_state=seed)
    return Pipeline([("columns", columns), ("linear", linear)])


def context_model(seed: int = 0) -> ContextClassifier:
    """The two-pass block model, unfitted."""
    final = HistGradientBoostingClassifier(
        max_iter=50, max_leaf_nodes=31, learning_rate=0.2, l2_regularization=1.0, early_stopping=False,
        random_state=seed,
    )  # fmt: skip
    neighbours = tuple(DENSE_COLUMNS.start + DENSE_INDEX[name] for name in NEIGHBOUR_FEATURES)
    return ContextClassifier(
        first_pass(seed),
        final,
        cv=CONTEXT_FOLDS,
        document_start_column=DOCUMENT_START_COLUMN,
        context_columns=DENSE_COLUMNS,
        neighbour_columns=neighbours,
        class_weight="balanced_sqrt",
    )


def calibrated_model(seed: int = 0) -> CalibratedClassifierCV:
    """The shipped form: the two-pass model refitted on all data, temperature-scaled on out-of-fold output."""
    return CalibratedClassifierCV(
        context_model(seed), method="temperature", cv=GroupKFold(CALIBRATION_FOLDS), ensemble=False
    )


def context_of_unfitted(model: BaseEstimator) -> ContextClassifier:
    """The ``ContextClassifier`` a (calibrated) unfitted model wraps."""
    inner = model.estimator if isinstance(model, CalibratedClassifierCV) else model
    if not isinstance(inner, ContextClassifier):
        raise TypeError(f"not a cleaner block model: {type(inner).__name__}")
    return inner


def context_of(model: BaseEstimator) -> ContextClassifier:
    """The fitted ``ContextClassifier`` inside a (calibrated) model."""
    if isinstance(model, CalibratedClassifierCV):
        inner = model.calibrated_classifiers_[0].estimator
        return context_of(inner.estimator if isinstance(inner, FrozenEstimator) else inner)
    if not isinstance(model, ContextClassifier):
        raise TypeError(f"not a cleaner block model: {type(model).__name__}")
    return model
