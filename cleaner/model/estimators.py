"""The context pass as a scikit-learn meta-estimator, the first pass's column transformer, and the router by kind.

``ContextClassifier(estimator, final_estimator)`` is a stacking classifier that reads a document as a sequence:
``estimator`` (the first pass) labels every block on its own; ``final_estimator`` then sees each block's
first-pass probabilities next to those of its neighbours (±``width`` blocks and the mean over ±``window``),
plus some of the block's own columns, so "answer options after a question" and "a consent line after a poll"
are learned. The first pass's training-time probabilities are out-of-fold (``cross_val_predict``), so the
final estimator learns from honest inputs.

Rows are blocks; a document starts at every row whose ``document_start_column`` is exactly 0 (the feature
``rel_position``), so a stack of many documents fits, predicts and calibrates like one page.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn import config_context
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin, TransformerMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.tree import DecisionTreeRegressor
from sklearn.utils import Tags
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import ThreadpoolController

try:  # scikit-learn's compiled walk of regression trees, which ``BoostedTrees`` scores with
    from sklearn.ensemble._gradient_boosting import predict_stages
    from sklearn.tree._tree import NODE_DTYPE, Tree
except ImportError:  # pragma: no cover - another layout: the boosting's own predict_proba serves
    predict_stages = None

_THREADS = ThreadpoolController()


_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def prediction_input(estimator: BaseEstimator, X: np.ndarray | sp.spmatrix) -> np.ndarray | sp.spmatrix:
    """``X`` checked for prediction by a fitted ``estimator``. A finite float CSR matrix of the fitted width (the
    pipeline's own input) passes as it is, with no copy: scikit-learn's ``validate_data`` costs more per call than
    a page's linear pass. Anything else goes through ``validate_data``."""
    if (
        isinstance(X, (sp.csr_matrix, sp.csr_array))
        and X.dtype in _FLOATS
        and X.shape[0] > 0
        and X.shape[1] == getattr(estimator, "n_features_in_", None)
        and not hasattr(estimator, "feature_names_in_")
        and np.isfinite(X.data).all()
    ):
        return X
    return validate_data(estimator, X, accept_sparse="csr", reset=False, dtype=[np.float64, np.float32])


def to_dense(X: np.ndarray | sp.spmatrix) -> np.ndarray:
    """A dense float64 array of a sparse or dense input."""
    if sp.issparse(X):
        return np.asarray(X.toarray(), dtype=np.float64)  # type: ignore[union-attr]
    return np.asarray(X, dtype=np.float64)


class BlockColumns(TransformerMixin, BaseEstimator):
    """The first pass's input in one step: columns before ``markup_start`` as they are (hashed words), columns
    from ``markup_start`` to ``dense_start`` times ``markup_weight`` (hashed markup tokens), columns from
    ``dense_start`` on standardised, clipped to ±``clip`` and times ``dense_weight`` (the named features).
    Column positions are kept. What a ``ColumnTransformer`` of passthrough, weights and a scaler pipeline does,
    without its per-call overhead (a page is a few hundred rows, cleaned one at a time)."""

    def __init__(
        self,
        markup_start: int = 0,
        dense_start: int = 0,
        *,
        markup_weight: float = 1.0,
        dense_weight: float = 1.0,
        clip: float = 5.0,
    ) -> None:
        self.markup_start = markup_start
        self.dense_start = dense_start
        self.markup_weight = markup_weight
        self.dense_weight = dense_weight
        self.clip = clip

    def fit(self, X: np.ndarray | sp.spmatrix, y: np.ndarray | None = None) -> BlockColumns:
        X = validate_data(self, X, accept_sparse="csr", dtype=[np.float64, np.float32])
        if not 0 <= self.markup_start <= self.dense_start <= X.shape[1]:
            raise ValueError("need 0 <= markup_start <= dense_start <= n_features")
        dense = to_dense(X[:, self.dense_start :])
        self.mean_ = dense.mean(axis=0)
        scale = dense.std(axis=0)
        self.scale_ = np.where(scale > 10 * np.finfo(np.float64).eps, scale, 1.0)
        return self

    def transform(self, X: np.ndarray | sp.spmatrix) -> sp.csr_matrix:
        check_is_fitted(self)
        X = prediction_input(self, X)
        X = X if isinstance(X, sp.csr_matrix) else sp.csr_matrix(X)
        n, n_dense = X.shape[0], X.shape[1] - self.dense_start
        rows = np.repeat(np.arange(n), np.diff(X.indptr))
        cols, values = X.indices, X.data.astype(np.float64)
        hashed = cols < self.dense_start
        dense = np.zeros((n, n_dense))
        dense[rows[~hashed], cols[~hashed] - self.dense_start] = values[~hashed]
        dense = np.clip((dense - self.mean_) / self.scale_, -self.clip, self.clip) * self.dense_weight
        weights = np.where(cols[hashed] >= self.markup_start, self.markup_weight, 1.0)
        # Each row: its hashed entries in their order, then its named features (every one stored, zeros included).
        hashed_rows = rows[hashed]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(hashed_rows, minlength=n) + n_dense, out=indptr[1:])
        at_hashed = np.arange(len(hashed_rows)) + n_dense * hashed_rows  # rows before: their entries and features
        at_dense = np.ones(int(indptr[-1]), dtype=bool)  # the other places, in row order
        at_dense[at_hashed] = False
        indices = np.empty(int(indptr[-1]), dtype=np.int64)
        data = np.empty(int(indptr[-1]))
        indices[at_hashed], data[at_hashed] = cols[hashed], values[hashed] * weights
        indices[at_dense], data[at_dense] = np.tile(np.arange(self.dense_start, X.shape[1]), n), dense.ravel()
        return sp.csr_matrix((data, indices, indptr), shape=X.shape)

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "scale_")

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


def log_loss_probabilities(linear: SGDClassifier, X: sp.csr_matrix) -> np.ndarray:
    """What a fitted multiclass log-loss ``SGDClassifier``'s ``predict_proba`` gives for a checked CSR ``X``, bit
    for bit (the same product, logistic function and one-vs-rest normalisation), without its per-call checks."""
    prob = X @ linear.coef_.T + linear.intercept_
    expit(prob, out=prob)
    total = prob.sum(axis=1)
    all_zero = total == 0
    if all_zero.any():  # as scikit-learn: rows whose classes all score 0 get uniform probabilities
        prob[all_zero, :] = 1
        total[all_zero] = prob.shape[1]
    prob /= total.reshape((prob.shape[0], -1))
    return prob


def linear_first_pass(estimator: BaseEstimator) -> tuple[BlockColumns, SGDClassifier] | None:
    """The steps of a fitted ``Pipeline`` of ``BlockColumns`` and a dense multiclass log-loss ``SGDClassifier`` (the
    shipped first pass), which ``log_loss_probabilities`` can score; ``None`` for any other estimator."""
    if not isinstance(estimator, Pipeline) or len(estimator.steps) != 2:
        return None
    (_, columns), (_, linear) = estimator.steps
    if not isinstance(columns, BlockColumns) or type(linear) is not SGDClassifier or linear.loss != "log_loss":
        return None
    if not isinstance(linear.coef_, np.ndarray) or linear.coef_.shape[0] < 3:
        return None
    return columns, linear


def temperature_scaled(estimator: BaseEstimator) -> tuple[BaseEstimator, float] | None:
    """The classifier and the inverse temperature (``beta_``) of a fitted ``CalibratedClassifierCV`` with
    ``method="temperature"`` and one calibrated classifier (``ensemble=False``) of three or more classes that has
    ``predict_proba`` and no ``decision_function`` (the shipped form), which ``temperature_probabilities`` can score;
    ``None`` for any other estimator."""
    if type(estimator) is not CalibratedClassifierCV or estimator.method != "temperature":
        return None
    calibrated = getattr(estimator, "calibrated_classifiers_", None)
    if calibrated is None or len(calibrated) != 1 or len(calibrated[0].calibrators) != 1:
        return None
    classifier = calibrated[0].estimator
    if len(calibrated[0].classes) < 3 or hasattr(classifier, "decision_function"):
        return None
    return classifier, calibrated[0].calibrators[0].beta_


def temperature_probabilities(classifier: BaseEstimator, beta: float, X: np.ndarray | sp.spmatrix) -> np.ndarray:
    """What the ``CalibratedClassifierCV`` ``temperature_scaled`` read gives for ``X``, bit for bit (scikit-learn's
    steps: the classifier's probabilities as logits ``log(p + 1e-12)``, the softmax of ``beta`` times those, values a
    hair over 1 set to 1), without its per-call checks."""
    probs = np.asarray(classifier.predict_proba(X))
    if probs.dtype not in _FLOATS:
        probs = probs.astype(np.float64)
    if probs.ndim != 2 or probs.shape[1] < 2 or not np.isfinite(probs).all():
        raise ValueError("the calibrated classifier's probabilities are not a finite matrix")
    if ((probs >= 0) & (probs <= 1)).all() and np.isclose(probs.sum(axis=1), 1.0).all():
        logits = np.log(probs + 1e-12)
    else:
        logits = probs
    out = beta * logits
    out -= out.max(axis=1).reshape((-1, 1))
    np.exp(out, out=out)
    out /= out.sum(axis=1).reshape((-1, 1))
    out[(1.0 < out) & (out <= 1.0 + 1e-5)] = 1.0
    return out.astype(np.float64, copy=False)  # scikit-learn adds them to float64 zeros


def calibrated_probabilities(estimator: BaseEstimator, X: np.ndarray | sp.spmatrix) -> np.ndarray:
    """``estimator.predict_proba(X)``; a temperature-scaled classifier (``temperature_scaled``) scored directly."""
    scaled = temperature_scaled(estimator)
    if scaled is None:
        return np.asarray(estimator.predict_proba(X))
    return temperature_probabilities(*scaled, X)


@dataclass(frozen=True, slots=True, eq=False)
class BoostedTrees:
    """A fitted ``HistGradientBoostingClassifier``'s trees as scikit-learn regression trees over ranks, scored in one
    call of the classic gradient boosting's tree walk (``predict_stages``) instead of one call per tree (its
    ``predict_proba`` over a page's few hundred rows is mostly call overhead).

    A row's value in a column becomes its rank among the thresholds the trees split that column at (how many are
    below it: a small integer, exact in float32), and a node splitting at the ``j``-th of them splits at ``j + 0.5``:
    the same side for every number, so every row reaches the same leaves. Leaves are added to the baseline tree after
    tree, as scikit-learn does, and its loss turns them into probabilities: equal bit for bit."""

    columns: np.ndarray  # the columns of ``X`` some node splits on
    cuts: tuple[np.ndarray, ...]  # per such column, the sorted thresholds its nodes split at
    stages: np.ndarray  # (iterations, trees per iteration) of fitted ``DecisionTreeRegressor``s
    baseline: np.ndarray  # the estimator's raw score before any tree
    loss: object  # the estimator's loss, which turns raw scores into probabilities

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        """``predict_proba`` of a float64 ``X`` of the fitted width with no NaN."""
        ranks = np.empty((len(self.columns), X.shape[0]), dtype=np.float32)
        by_column = X.T  # the context pass's matrix is column-major: each column is read in one run
        for at, (column, cuts) in enumerate(zip(self.columns, self.cuts, strict=True)):
            ranks[at] = cuts.searchsorted(by_column[column])
        raw = np.zeros((X.shape[0], self.stages.shape[1]), order="F")  # as scikit-learn's ``_raw_predict``
        raw += self.baseline
        predict_stages(self.stages, np.ascontiguousarray(ranks.T), 1.0, raw)
        return np.asarray(self.loss.predict_proba(raw))  # type: ignore[attr-defined]


# Per fitted estimator: the ``_predictors`` read and what they gave (a refitted estimator has new ones).
_BOOSTED: weakref.WeakKeyDictionary[BaseEstimator, tuple[object, BoostedTrees | None]] = weakref.WeakKeyDictionary()


def _ranked_tree(nodes: np.ndarray, feature: np.ndarray, threshold: np.ndarray, width: int) -> DecisionTreeRegressor:
    """A boosting predictor's ``nodes`` as a fitted regression tree over ``width`` rank columns, with each node's rank
    column and threshold."""
    leaf = nodes["is_leaf"].astype(bool)
    out = np.zeros(len(nodes), dtype=NODE_DTYPE)
    out["left_child"] = np.where(leaf, -1, nodes["left"].astype(np.int64))  # -1 and -2: scikit-learn's leaf marks
    out["right_child"] = np.where(leaf, -1, nodes["right"].astype(np.int64))
    out["feature"] = np.where(leaf, -2, feature)
    out["threshold"] = np.where(leaf, -2.0, threshold)
    out["n_node_samples"] = nodes["count"]
    out["weighted_n_node_samples"] = nodes["count"]
    values = np.ascontiguousarray(nodes["value"], dtype=np.float64).reshape(-1, 1, 1)
    tree = Tree(width, np.array([1], dtype=np.intp), 1)
    tree.__setstate__(
        {"max_depth": int(nodes["depth"].max()), "node_count": len(nodes), "nodes": out, "values": values}
    )
    regressor = DecisionTreeRegressor()
    regressor.tree_ = tree
    return regressor


def _read_boosting(boosting: HistGradientBoostingClassifier) -> BoostedTrees | None:
    """``BoostedTrees`` of a fitted estimator with numeric features only, if it gives the estimator's ``predict_proba``
    on rows at and beside every threshold; ``None`` when not (scikit-learn's internals not as read here)."""
    try:
        if predict_stages is None or boosting.is_categorical_ is not None or boosting._preprocessor is not None:
            return None
        predictors = [p for stage in boosting._predictors for p in stage]
        nodes = np.concatenate([p.nodes for p in predictors])
        split = nodes["is_leaf"] == 0
        if nodes["is_categorical"][split].any():
            return None
        columns = np.unique(nodes["feature_idx"][split])
        cuts = tuple(np.unique(nodes["num_threshold"][split & (nodes["feature_idx"] == c)]) for c in columns)
        feature = np.searchsorted(columns, nodes["feature_idx"])  # a leaf's is never read
        threshold = np.zeros(len(nodes))
        for at, column in enumerate(columns):
            on = split & (nodes["feature_idx"] == column)
            threshold[on] = np.searchsorted(cuts[at], nodes["num_threshold"][on]) + 0.5
        ends = np.cumsum([len(p.nodes) for p in predictors])
        trees = [
            _ranked_tree(p.nodes, feature[end - len(p.nodes) : end], threshold[end - len(p.nodes) : end], len(columns))
            for p, end in zip(predictors, ends, strict=True)
        ]
        stages = np.empty((len(boosting._predictors), boosting.n_trees_per_iteration_), dtype=object)
        stages.ravel()[:] = trees
        boosted = BoostedTrees(columns, cuts, stages, boosting._baseline_prediction, boosting._loss)
        # The check: rows of thresholds and the numbers right beside them, drawn at random per column.
        rng = np.random.default_rng(0)
        check = rng.normal(size=(64, boosting.n_features_in_))
        for at, column in enumerate(columns):
            near = np.concatenate([cuts[at], np.nextafter(cuts[at], -np.inf), np.nextafter(cuts[at], np.inf)])
            check[:, column] = rng.choice(near[np.isfinite(near)], size=64) if np.isfinite(near).any() else 0.0
        with _THREADS.limit(limits=1, user_api="openmp"):
            expected = boosting.predict_proba(check)
        return boosted if np.array_equal(boosted.probabilities(check), expected) else None
    except (AttributeError, ImportError, IndexError, KeyError, TypeError, ValueError):
        return None


def boosted_trees(estimator: BaseEstimator) -> BoostedTrees | None:
    """The ``BoostedTrees`` of a fitted ``HistGradientBoostingClassifier``, read once per fit; ``None`` for any other
    estimator and for one they cannot serve."""
    predictors = getattr(estimator, "_predictors", None)
    if type(estimator) is not HistGradientBoostingClassifier or predictors is None:
        return None
    seen = _BOOSTED.get(estimator)
    if seen is None or seen[0] is not predictors:
        seen = _BOOSTED[estimator] = (predictors, _read_boosting(estimator))
    return seen[1]


def boosted_probabilities(estimator: BaseEstimator, X: np.ndarray) -> np.ndarray:
    """``estimator.predict_proba(X)``; a fitted ``HistGradientBoostingClassifier`` given a float64 matrix of its
    width with no NaN scored through ``BoostedTrees`` (read once per fit), bit for bit the same."""
    boosted = boosted_trees(estimator)
    if (
        boosted is not None
        and X.dtype == np.float64
        and X.ndim == 2
        and X.shape[0] > 0
        and X.shape[1] == estimator.n_features_in_
        and not np.isnan(X).any()
    ):
        return boosted.probabilities(X)
    # One page is a few hundred rows: one thread is fastest, and OpenMP's default (all cores) turns into
    # busy-waiting when batch workers already use every core.
    with _THREADS.limit(limits=1, user_api="openmp"):
        return np.asarray(estimator.predict_proba(X))


def document_ids(start: np.ndarray) -> np.ndarray:
    """Document number of every row, from the rows that start a document (the first row always does)."""
    flags = np.asarray(start == 0, dtype=np.int64)
    if len(flags):
        flags[0] = 1
    return np.cumsum(flags) - 1


def _shift(a: np.ndarray, k: int, doc: np.ndarray, fill: float) -> np.ndarray:
    """Row i gets row i-k when both are in the same document, else ``fill``."""
    n = a.shape[0]
    out = np.full_like(a, fill)
    idx = np.arange(n) - k
    ok = (idx >= 0) & (idx < n)
    ok[ok] &= doc[idx[ok]] == doc[ok]
    out[ok] = a[idx[ok]]
    return out


def _window_mean(a: np.ndarray, width: int, doc: np.ndarray) -> np.ndarray:
    """Mean of rows i-width..i+width within each row's document."""
    n = a.shape[0]
    if not n:
        return a.copy()
    csum = np.vstack([np.zeros((1, a.shape[1])), np.cumsum(a, axis=0)])
    first = np.searchsorted(doc, doc, side="left")
    last = np.searchsorted(doc, doc, side="right")
    lo = np.maximum(np.arange(n) - width, first)
    hi = np.minimum(np.arange(n) + width + 1, last)
    return (csum[hi] - csum[lo]) / np.maximum(hi - lo, 1)[:, None]


def page_summary(probs: np.ndarray, sizes: np.ndarray, docs: np.ndarray) -> list[np.ndarray]:
    """Per row, what its document's first pass says as a whole: per class the ``sizes``-weighted mean probability and
    the largest probability in the document, and the row's first column (content) less the document's largest."""
    n_docs = int(docs[-1]) + 1 if len(docs) else 0
    sizes = np.maximum(sizes, 0.0)
    weights = np.bincount(docs, weights=sizes, minlength=n_docs)
    means = (
        np.column_stack(
            [np.bincount(docs, weights=sizes * probs[:, k], minlength=n_docs) for k in range(probs.shape[1])]
        )
        / np.maximum(weights, 1e-9)[:, None]
    )
    largest = np.full((n_docs, probs.shape[1]), -np.inf)
    np.maximum.at(largest, docs, probs)
    return [means[docs], largest[docs], (probs[:, 0] - largest[docs, 0])[:, None]]


RUN_CAP = 30  # run lengths and distances are read up to this many blocks


def run_features(probs: np.ndarray, short: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """What a block's run says: the blocks of a document fall into runs of consecutive ``short`` blocks between
    long (editorial) ones. Per row: the run's length and the row's place in it (blocks before and after it in the
    run; all 0 for a long block), the blocks to the nearest long block before and after (``RUN_CAP`` when there is
    none), the run's mean first-pass probabilities (a long block: its own), and the probabilities of the nearest
    long blocks before and after (-1 when there is none)."""
    n, k = probs.shape
    if not n:
        return np.zeros((0, 5 + 3 * k))
    index = np.arange(n)
    starts = short & np.r_[True, (docs[1:] != docs[:-1]) | ~short[:-1]]
    n_runs = int(starts.sum())
    run = np.where(short, np.cumsum(starts) - 1, n_runs)  # a long row points at an empty run past the last one
    length = np.bincount(run, minlength=n_runs + 1)
    length[n_runs] = 0
    first = np.r_[index[starts], 0]
    before = np.where(short, index - first[run], 0)
    after = np.where(short, length[run] - 1 - before, 0)
    # The nearest long rows strictly before and after each row.
    prev_long = np.r_[-1, np.maximum.accumulate(np.where(short, -1, index))[:-1]]
    next_long = np.r_[np.minimum.accumulate(np.where(short, n, index)[::-1])[::-1][1:], n]
    has_prev = (prev_long >= 0) & (docs[np.maximum(prev_long, 0)] == docs)
    has_next = (next_long < n) & (docs[np.minimum(next_long, n - 1)] == docs)
    sums = np.zeros((n_runs + 1, k))
    np.add.at(sums, run, probs)
    run_mean = np.where(short[:, None], sums[run] / np.maximum(length[run], 1)[:, None], probs)
    prev_probs = np.where(has_prev[:, None], probs[np.maximum(prev_long, 0)], -1.0)
    next_probs = np.where(has_next[:, None], probs[np.minimum(next_long, n - 1)], -1.0)
    counts = np.column_stack(
        [
            length[run],
            before,
            after,
            np.where(has_prev, index - prev_long, RUN_CAP),
            np.where(has_next, next_long - index, RUN_CAP),
        ]
    )
    return np.hstack([np.minimum(counts, RUN_CAP).astype(float), run_mean, prev_probs, next_probs])


def _column_major(parts: list[np.ndarray]) -> np.ndarray:
    """``np.hstack(parts)`` in column-major order: gradient boosting reads a column of every row per tree node, so
    a page's rows are read in far fewer cache lines."""
    out = np.empty((parts[0].shape[0], sum(p.shape[1] for p in parts)), order="F")
    at = 0
    for part in parts:
        out[:, at : at + part.shape[1]] = part
        at += part.shape[1]
    return out


def _validated_targets(
    estimator: ClassifierMixin, X: np.ndarray | sp.spmatrix, y: np.ndarray
) -> tuple[np.ndarray | sp.spmatrix, np.ndarray]:
    """Validate a classifier's training data and set its ``classes_`` (at least two are needed)."""
    X, y = validate_data(estimator, X, y, accept_sparse="csr", dtype=[np.float64, np.float32])
    check_classification_targets(y)
    estimator.classes_ = np.unique(y)
    if len(estimator.classes_) < 2:
        name = type(estimator).__name__
        raise ValueError(f"{name} needs at least 2 classes; got {len(estimator.classes_)} class")
    return X, y


def _sample_weights(class_weight: dict[str, float] | str | None, y: np.ndarray) -> np.ndarray | None:
    if class_weight is None:
        return None
    if class_weight == "balanced_sqrt":
        _, inverse, counts = np.unique(y, return_inverse=True, return_counts=True)
        return np.sqrt(len(y) / (len(counts) * counts))[inverse]
    return np.asarray(compute_sample_weight(class_weight, y))


def _weighted(estimator: BaseEstimator, on: bool) -> BaseEstimator:
    """Ask for sample weights in ``fit`` (on a pipeline: its last step)."""
    if on:
        target = estimator.steps[-1][1] if hasattr(estimator, "steps") else estimator
        target.set_fit_request(sample_weight=True)
    return estimator


class ContextClassifier(MetaEstimatorMixin, ClassifierMixin, BaseEstimator):
    """Stack a block classifier with a classifier over its neighbours' probabilities (see the module docstring).

    Parameters
    ----------
    estimator : the first pass (default ``LogisticRegression``); any classifier with ``predict_proba``.
    final_estimator : the context pass (default ``HistGradientBoostingClassifier``).
    cv : folds of the out-of-fold first pass (``GroupKFold`` over ``groups``, or over documents).
    document_start_column : column that is exactly 0 on a document's first row; ``None``: one document.
    context_columns : columns of ``X`` the final estimator sees for the block itself (``None``: all; a slice).
    neighbour_columns : columns it also sees for the blocks right before and after (indices into ``X``).
    width, window : neighbours read one by one, and the half-width of the mean.
    page_weight_column : a column of ``X`` holding each block's log size (``log_chars``): when given, the final
        estimator also sees what the whole document's first pass says (per class, the size-weighted mean and the
        largest probability on the page, and the block's content probability against the page's largest), so a
        grid of cards can read as the page's content where nothing else is and as a rail beside an article.
    class_weight : weights per class for both passes, as sample weights: ``None``, a ``dict``, ``"balanced"``, or
        ``"balanced_sqrt"`` (the square root of "balanced": rare labels count more without drowning the common one).
    """

    def __init__(
        self,
        estimator: BaseEstimator | None = None,
        final_estimator: BaseEstimator | None = None,
        *,
        cv: int = 4,
        document_start_column: int | None = None,
        context_columns: slice | None = None,
        neighbour_columns: tuple[int, ...] = (),
        width: int = 2,
        window: int = 6,
        class_weight: dict[str, float] | str | None = None,
        page_weight_column: int | None = None,
    ) -> None:
        self.estimator = estimator
        self.final_estimator = final_estimator
        self.cv = cv
        self.document_start_column = document_start_column
        self.context_columns = context_columns
        self.neighbour_columns = neighbour_columns
        self.width = width
        self.window = window
        self.class_weight = class_weight
        self.page_weight_column = page_weight_column

    # -- fitting --------------------------------------------------------------------------------------------------

    def fit(self, X: np.ndarray | sp.spmatrix, y: np.ndarray, groups: np.ndarray | None = None) -> ContextClassifier:
        """Fit the first pass on all rows and the context pass on its out-of-fold probabilities.

        ``groups``: what must not be split across folds (a site or template); default: the document.
        """
        X, y = _validated_targets(self, X, y)
        docs = self._documents(X)
        groups = docs if groups is None else np.asarray(groups)
        weights = _sample_weights(self.class_weight, y)
        params = {} if weights is None else {"sample_weight": weights}
        n_splits = min(self.cv, len(np.unique(groups)))
        # Sample weights reach the first pass (a pipeline's last step, say) through metadata routing.
        with config_context(enable_metadata_routing=True):
            first = _weighted(clone(self._first()), weights is not None)
            if n_splits >= 2:
                folds = list(GroupKFold(n_splits=n_splits).split(X, y, groups))
                oof = cross_val_predict(first, X, y, cv=folds, method="predict_proba", params=params)
            else:  # too few groups to hold any out: in-sample probabilities
                oof = clone(first).fit(X, y, **params).predict_proba(X)
            self.estimator_ = clone(first).fit(X, y, **params)
        self.final_estimator_ = clone(self._final()).fit(self._context(oof, X, docs), y, **params)
        return self

    def _first(self) -> BaseEstimator:
        return self.estimator if self.estimator is not None else LogisticRegression(max_iter=200)

    def _final(self) -> BaseEstimator:
        if self.final_estimator is not None:
            return self.final_estimator
        return HistGradientBoostingClassifier(max_iter=50, learning_rate=0.2, early_stopping=False, random_state=0)

    # -- prediction -----------------------------------------------------------------------------------------------

    def predict_proba(self, X: np.ndarray | sp.spmatrix) -> np.ndarray:
        """Probabilities with neighbour context, columns in ``classes_`` order."""
        check_is_fitted(self)
        X = prediction_input(self, X)
        first = self._first_probabilities(X)
        own = self._own_columns(X)
        return boosted_probabilities(self.final_estimator_, self._context(first, X, self._documents(X, own), own))

    def predict(self, X: np.ndarray | sp.spmatrix) -> np.ndarray:
        check_is_fitted(self)
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def _first_probabilities(self, X: np.ndarray | sp.spmatrix) -> np.ndarray:
        """The first pass's ``predict_proba``; the shipped linear first pass straight from its fitted weights."""
        steps = linear_first_pass(self.estimator_)
        if steps is None:
            return np.asarray(self.estimator_.predict_proba(X))
        columns, linear = steps
        return log_loss_probabilities(linear, columns.transform(X))

    # -- the context matrix ---------------------------------------------------------------------------------------

    def _documents(self, X: np.ndarray | sp.spmatrix, own: np.ndarray | None = None) -> np.ndarray:
        """Document number of every row; ``own``: the rows' own columns, when already read."""
        if self.document_start_column is None:
            return np.zeros(X.shape[0], dtype=np.int64)
        inside = self._inside_own(self.document_start_column)
        if own is not None and inside is not None:
            return document_ids(own[:, inside])
        return document_ids(to_dense(X[:, [self.document_start_column]]).ravel())

    def _own_columns(self, X: np.ndarray | sp.spmatrix) -> np.ndarray:
        """The block's own columns the final estimator sees, dense."""
        return to_dense(X if self.context_columns is None else X[:, self.context_columns])

    def _inside_own(self, column: int) -> int | None:
        """Where ``column`` of ``X`` sits among the own columns, if it is one of them."""
        if self.context_columns is None:
            return column
        start, stop, step = self.context_columns.indices(self.n_features_in_)
        if step == 1 and start <= column < stop:
            return column - start
        return None

    def _context(
        self, probs: np.ndarray, X: np.ndarray | sp.spmatrix, docs: np.ndarray, own: np.ndarray | None = None
    ) -> np.ndarray:
        own = self._own_columns(X) if own is None else own
        parts = [probs, own]
        inside = [i for i in (self._inside_own(c) for c in self.neighbour_columns) if i is not None]
        if not self.neighbour_columns:
            neighbours = None
        elif len(inside) == len(self.neighbour_columns):
            neighbours = own[:, inside]
        else:
            neighbours = to_dense(X[:, list(self.neighbour_columns)])
        for k in range(1, self.width + 1):
            for shift in (k, -k):
                parts.append(_shift(probs, shift, docs, -1.0))
                if k == 1 and neighbours is not None:
                    parts.append(_shift(neighbours, shift, docs, -1.0))
        parts.append(_window_mean(probs, self.window, docs))
        page_weight_column = getattr(self, "page_weight_column", None)  # models pickled before it have none
        if page_weight_column is not None:
            at = self._inside_own(page_weight_column)
            log_size = own[:, at] if at is not None else to_dense(X[:, [page_weight_column]]).ravel()
            parts.extend(page_summary(probs, np.expm1(log_size), docs))
        parts.extend(self._more_context(probs, X, docs, own))
        return _column_major(parts)

    def _more_context(
        self, probs: np.ndarray, X: np.ndarray | sp.spmatrix, docs: np.ndarray, own: np.ndarray
    ) -> list[np.ndarray]:
        """Context columns a subclass adds (none here)."""
        return []

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "final_estimator_")

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


class RunContextClassifier(ContextClassifier):
    """A ``ContextClassifier`` whose final estimator also reads each block's run of short blocks (``run_features``).

    Parameters are ``ContextClassifier``'s and: ``run_column``, a ``log1p(characters)`` column of ``X``; a block is
    long (ends a run) with at least ``run_long_chars`` characters.
    """

    def __init__(
        self,
        estimator: BaseEstimator | None = None,
        final_estimator: BaseEstimator | None = None,
        *,
        cv: int = 4,
        document_start_column: int | None = None,
        context_columns: slice | None = None,
        neighbour_columns: tuple[int, ...] = (),
        width: int = 2,
        window: int = 6,
        class_weight: dict[str, float] | str | None = None,
        page_weight_column: int | None = None,
        run_column: int = 0,
        run_long_chars: int = 150,
    ) -> None:
        super().__init__(
            estimator,
            final_estimator,
            cv=cv,
            document_start_column=document_start_column,
            context_columns=context_columns,
            neighbour_columns=neighbour_columns,
            width=width,
            window=window,
            class_weight=class_weight,
            page_weight_column=page_weight_column,
        )
        self.run_column = run_column
        self.run_long_chars = run_long_chars

    def _more_context(
        self, probs: np.ndarray, X: np.ndarray | sp.spmatrix, docs: np.ndarray, own: np.ndarray
    ) -> list[np.ndarray]:
        inside = self._inside_own(self.run_column)
        log_chars = own[:, inside] if inside is not None else to_dense(X[:, [self.run_column]]).ravel()
        return [run_features(probs, log_chars < np.log1p(self.run_long_chars), docs)]


class KindRouter(MetaEstimatorMixin, ClassifierMixin, BaseEstimator):
    """One classifier per document kind: rows whose ``kind_column`` is 1 (plain text) go to ``text_estimator``,
    the rest (HTML) to ``html_estimator``, so plain text gets a model chosen on its own terms.

    The text model is fitted on plain-text rows only; the HTML model on the HTML rows and ``html_text_share`` of
    the plain-text documents (plain text teaches it what editorial text reads like): 1 all of them, 0 none, in
    between that share, whole documents evenly spread in row order (documents start where ``document_column`` is
    0), so a larger plain-text corpus can train the text model without outweighing the pages in the HTML model.
    A kind with no training rows is served by the other kind's model. ``kind_column=None``: every row is HTML.
    """

    def __init__(
        self,
        html_estimator: BaseEstimator | None = None,
        text_estimator: BaseEstimator | None = None,
        *,
        kind_column: int | None = None,
        html_text_share: float = 1.0,
        document_column: int | None = None,
    ) -> None:
        self.html_estimator = html_estimator
        self.text_estimator = text_estimator
        self.kind_column = kind_column
        self.html_text_share = html_text_share
        self.document_column = document_column

    def _is_text(self, X: np.ndarray | sp.spmatrix) -> np.ndarray:
        if self.kind_column is None:
            return np.zeros(X.shape[0], dtype=bool)
        return to_dense(X[:, self.kind_column : self.kind_column + 1]).ravel() > 0.5

    def _shared_text_rows(self, X: np.ndarray | sp.spmatrix, candidates: np.ndarray) -> np.ndarray:
        """The plain-text rows the HTML model learns from: all ``candidates``, or ``html_text_share`` of their
        documents."""
        if not 0.0 <= self.html_text_share <= 1.0:
            raise ValueError(f"html_text_share must be in [0, 1], not {self.html_text_share!r}")
        if self.html_text_share in (0.0, 1.0):
            return candidates & (self.html_text_share == 1.0)
        if self.document_column is None:
            raise ValueError("html_text_share strictly between 0 and 1 needs document_column")
        document = document_ids(to_dense(X[:, self.document_column : self.document_column + 1]).ravel())
        text_documents = np.unique(document[candidates])
        ordinal = np.arange(len(text_documents))
        share = self.html_text_share
        chosen = text_documents[np.floor((ordinal + 1) * share) > np.floor(ordinal * share)]
        return candidates & np.isin(document, chosen)

    def html_rows(self, X: np.ndarray | sp.spmatrix, text_only: np.ndarray | None = None) -> np.ndarray:
        """Whether the HTML model learns from each row: every HTML row and ``html_text_share`` of the plain-text
        documents that are not ``text_only``."""
        is_text = self._is_text(X)
        only = np.zeros(X.shape[0], dtype=bool) if text_only is None else np.asarray(text_only, dtype=bool)
        if only.shape != (X.shape[0],):
            raise ValueError(f"text_only has {only.size} values for {X.shape[0]} rows")
        if (only & ~is_text).any():
            raise ValueError("text_only marks rows that are not plain text")
        return ~is_text | self._shared_text_rows(X, is_text & ~only)

    def fit(
        self,
        X: np.ndarray | sp.spmatrix,
        y: np.ndarray,
        groups: np.ndarray | None = None,
        text_only: np.ndarray | None = None,
    ) -> KindRouter:
        """Fit each kind's model on its rows. ``text_only``: per row, whether it is a plain-text row only the text
        model learns from; the HTML model's share of plain text is chosen among the other plain-text documents, so
        adding ``text_only`` rows leaves the HTML model's training rows exactly as they were."""
        X, y = _validated_targets(self, X, y)
        is_text = self._is_text(X)
        self.estimators_: dict[str, BaseEstimator] = {}
        html_rows = self.html_rows(X, text_only)
        if not (~is_text).any():
            html_rows = ~is_text  # no HTML rows at all: no HTML model
        for kind, rows, template in (
            ("html", html_rows, self.html_estimator),
            ("text", is_text, self.text_estimator),
        ):
            if rows.sum() == 0 or len(np.unique(y[rows])) < 2:
                continue
            params = {} if groups is None else {"groups": np.asarray(groups)[rows]}
            estimator = clone(template if template is not None else LogisticRegression(max_iter=200))
            self.estimators_[kind] = estimator.fit(X[np.flatnonzero(rows)], y[rows], **params)
        if not self.estimators_:  # no kind has two classes of its own: one model for all rows
            params = {} if groups is None else {"groups": np.asarray(groups)}
            template = self.html_estimator if self.html_estimator is not None else LogisticRegression(max_iter=200)
            self.estimators_["html"] = clone(template).fit(X, y, **params)
        return self

    def estimator_for(self, kind: str) -> BaseEstimator:
        """The fitted model that serves ``kind`` ("html" or "text")."""
        check_is_fitted(self)
        return self.estimators_.get(kind) or next(iter(self.estimators_.values()))

    def predict_proba(self, X: np.ndarray | sp.spmatrix) -> np.ndarray:
        check_is_fitted(self)
        X = prediction_input(self, X)
        out = np.zeros((X.shape[0], len(self.classes_)))
        is_text = self._is_text(X)
        for kind, rows in (("html", ~is_text), ("text", is_text)):
            if rows.any():
                estimator = self.estimator_for(kind)
                probs = calibrated_probabilities(estimator, X if rows.all() else X[np.flatnonzero(rows)])
                columns = np.searchsorted(self.classes_, estimator.classes_)
                out[np.ix_(np.flatnonzero(rows), columns)] = probs
        return out

    def predict(self, X: np.ndarray | sp.spmatrix) -> np.ndarray:
        check_is_fitted(self)
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "estimators_")

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags
