"""The unfitted model: which scikit-learn estimators, on which feature columns, with which settings.

First pass: a ``Pipeline`` of ``BlockColumns`` (hashed words as they are, hashed markup tokens weighted, named
features standardised and clipped) and a log-loss linear model. Context pass: ``ContextClassifier``
around it with gradient boosting. Calibration: temperature scaling through ``CalibratedClassifierCV``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from cleaner.core.features import (
    DENSE_COLUMNS,
    DENSE_INDEX,
    DOCUMENT_START_COLUMN,
    MARKUP_COLUMNS,
)
from cleaner.model.estimators import BlockColumns, ContextClassifier, KindRouter, RunContextClassifier, boosted_trees

MARKUP_WEIGHT = 0.7
DENSE_WEIGHT = 0.35
# What the context pass reads of the blocks right before and after each block.
NEIGHBOUR_FEATURES = ("log_chars", "link_density", "is_heading", "question", "in_best", "ends_terminal")
# Whether the plain-text context pass also reads each block's run of short blocks (``estimators.run_features``):
# injected material comes in runs (a question, its options, "View results"; a heading, a pitch, "Sign up"). Off: on
# three data draws (seeds 2/3/4, docs/TEXT_DRAWS.md, paired) segments caught moved +0.2 (injected-dev) and +0.5
# points (injected-modern-dev) on the mean, within the spread between draws, one draw of three lower on each set.
TEXT_RUNS = False
RUN_LONG_CHARS = 150
CONTEXT_FOLDS = 3  # out-of-fold first pass inside the context classifier
CALIBRATION_FOLDS = 2  # out-of-fold predictions the temperature is fitted on
# The HTML model learns from the pages and this share of the plain-text documents (6,000 of the 16,000 the
# generator writes): the text model wants the whole corpus, the HTML model the pages to stay most of its rows.
# Session 36 screen (``scripts/family_ablation.py --families --seeds 0 1``, docs/draws/screen-s36/), seed 0 / 1 against
# 0.375: 0.2 wcxb-dev word F1 -0.0014 / -0.0047, typed-modern-dev promo F1 -0.022 / -0.029, cleaneval, dragnet and
# cetd -0.002 to -0.003 on seed 0 (up to +0.0014 on seed 1); 0.6 wcxb-dev -0.0003 / -0.0003, typed-modern-dev promo
# -0.005 / -0.015, modern-dev -0.0033 / +0.0026.
HTML_TEXT_SHARE = 0.375
# Whether the HTML model's context pass also reads the whole page's first-pass verdict (``estimators.page_summary``):
# a grid of cards is a listing's content where no article is, and a rail beside one where one is. The plain-text model
# does not (not measured there).
HTML_PAGE_SUMMARY = True
# How the rare labels are weighted up in each kind's model (``ContextClassifier``'s ``class_weight``). HTML: fully
# ("balanced"; docs/draws/README.md, sessions 45-46): against "balanced_sqrt", two fits of the shipped draw gave
# wcxb-dev word F1 +0.0026 / +0.0005, dragnet -0.0019 / +0.0016, modern-dev -0.0009 / +0.0038; two data draws retrained
# give wcxb-dev +0.0004 and listing +0.010 on the mean (up on both), typed-modern-dev promo F1 +0.017 (+0.046 / -0.013),
# dragnet +0.0001. Weights to the power 1.5 lose on every set. Plain text: by the square root; "balanced" caught more
# on one set and kept less on both in session 30.
HTML_CLASS_WEIGHT = "balanced"
TEXT_CLASS_WEIGHT = "balanced_sqrt"


def first_pass(seed: int = 0) -> Pipeline:
    """The context-free block classifier (sample weights, when given, weigh the linear model's fit only)."""
    columns = BlockColumns(
        MARKUP_COLUMNS.start, DENSE_COLUMNS.start, markup_weight=MARKUP_WEIGHT, dense_weight=DENSE_WEIGHT
    )
    # Not averaged: averaging keeps two more copies of the coefficients in the model file.
    linear = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=50, tol=1e-4, random_state=seed)
    return Pipeline([("columns", columns), ("linear", linear)])


def context_model(
    seed: int = 0, *, runs: bool = False, page_summary: bool = False, class_weight: str = TEXT_CLASS_WEIGHT
) -> ContextClassifier:
    """The two-pass block model, unfitted (``page_summary``: the context pass also reads the page's verdict).

    100 boosting rounds against 50 (three data draws, seeds 2/3/4, full gate; docs/DRAWS.md): wcxb-dev word F1
    +0.0015 on the mean (positive on each draw), cleaneval +0.003, plain-text caught +0.8 points on injected-dev
    (positive on each draw); modern-dev -0.0015, dragnet -0.001; the model file 8.0 MB against 7.3.
    """
    final = HistGradientBoostingClassifier(
        max_iter=100, max_leaf_nodes=31, learning_rate=0.2, l2_regularization=1.0, early_stopping=False,
        random_state=seed,
    )  # fmt: skip
    neighbours = tuple(DENSE_COLUMNS.start + DENSE_INDEX[name] for name in NEIGHBOUR_FEATURES)
    settings: dict[str, Any] = dict(
        cv=CONTEXT_FOLDS,
        document_start_column=DOCUMENT_START_COLUMN,
        context_columns=DENSE_COLUMNS,
        neighbour_columns=neighbours,
        class_weight=class_weight,
        page_weight_column=DENSE_COLUMNS.start + DENSE_INDEX["log_chars"] if page_summary else None,
    )
    if runs:
        run_column = DENSE_COLUMNS.start + DENSE_INDEX["log_chars"]
        return RunContextClassifier(
            first_pass(seed), final, run_column=run_column, run_long_chars=RUN_LONG_CHARS, **settings
        )
    return ContextClassifier(first_pass(seed), final, **settings)


def calibrated_model(seed: int = 0, **settings: Any) -> CalibratedClassifierCV:
    """The shipped form: the two-pass model refitted on all data, temperature-scaled on out-of-fold output
    (``settings``: ``context_model``'s keywords)."""
    return CalibratedClassifierCV(
        context_model(seed, **settings),
        method="temperature",
        cv=GroupKFold(CALIBRATION_FOLDS),
        ensemble=False,
    )


def kind_model(kind: str, seed: int = 0, *, calibrated: bool = True) -> BaseEstimator:
    """The two-pass model for one document kind with that kind's settings (``HTML_PAGE_SUMMARY``, ``TEXT_RUNS``, the
    ``*_CLASS_WEIGHT``), calibrated as shipped or not (screens, held-out fits)."""
    settings: dict[str, Any] = (
        {"runs": TEXT_RUNS, "class_weight": TEXT_CLASS_WEIGHT}
        if kind == "text"
        else {"page_summary": HTML_PAGE_SUMMARY, "class_weight": HTML_CLASS_WEIGHT}
    )
    return calibrated_model(seed, **settings) if calibrated else context_model(seed, **settings)


def block_model(seed: int = 0) -> KindRouter:
    """The shipped form: a calibrated two-pass model for HTML pages and another for plain text."""
    kind_column = DENSE_COLUMNS.start + DENSE_INDEX["is_text_kind"]
    return KindRouter(
        kind_model("html", seed),
        kind_model("text", seed),
        kind_column=kind_column,
        html_text_share=HTML_TEXT_SHARE,
        document_column=DOCUMENT_START_COLUMN,
    )


def request_groups(model: BaseEstimator) -> BaseEstimator:
    """Ask every context classifier inside ``model`` for ``groups`` in ``fit`` (call with metadata routing on)."""
    if isinstance(model, ContextClassifier):
        model.set_fit_request(groups=True)
    for value in model.get_params().values():
        if isinstance(value, ContextClassifier):
            value.set_fit_request(groups=True)
    return model


def context_of(model: BaseEstimator, kind: str = "html") -> ContextClassifier:
    """The fitted ``ContextClassifier`` that serves ``kind`` inside a (routed, calibrated) model."""
    if isinstance(model, KindRouter):
        return context_of(model.estimator_for(kind), kind)
    if isinstance(model, CalibratedClassifierCV):
        inner = model.calibrated_classifiers_[0].estimator
        return context_of(inner.estimator if isinstance(inner, FrozenEstimator) else inner, kind)
    if not isinstance(model, ContextClassifier):
        raise TypeError(f"not a cleaner block model: {type(model).__name__}")
    return model


def calibrated_of(model: BaseEstimator, kind: str = "html") -> CalibratedClassifierCV | None:
    """The calibrated model that serves ``kind``, if there is one."""
    inner = model.estimator_for(kind) if isinstance(model, KindRouter) else model
    return inner if isinstance(inner, CalibratedClassifierCV) else None


def ready_to_predict(model: BaseEstimator) -> BaseEstimator:
    """Undo ``compact`` in memory after loading: dense, column-major first-pass coefficients make a page's linear
    scores one dense product (a sparse one, or a row-major copy per call, costs more than the rest of the pass).
    The context passes' trees are read for ``boosted_probabilities`` now, not on the first page."""
    for kind in ("html", "text"):
        context = context_of(model, kind)
        linear = context.estimator_.named_steps["linear"]
        linear.densify()
        linear.coef_ = np.asfortranarray(linear.coef_)
        boosted_trees(context.final_estimator_)
    return model


def compact(model: BaseEstimator) -> BaseEstimator:
    """Store the fitted first passes' coefficients sparse (hashed columns no document used stay exactly 0) and
    rounded to single precision, still as float64: they are most of the model file, and the rounded ones compress to
    about half (shipped model 8.5 -> 5.4 MB) while no block's label moved on 74,393 dev blocks (the context pass's
    trees read the first pass's probabilities through thresholds)."""
    for kind in ("html", "text"):
        linear = context_of(model, kind).estimator_.named_steps["linear"]
        linear.sparsify()
        linear.coef_.data = linear.coef_.data.astype(np.float32).astype(np.float64)
    return model
