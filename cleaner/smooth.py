"""Context: the learned second pass that reads each block's neighbours.

The first pass (``model.LinearBlockClassifier``) labels every block on its own.
Here a gradient-boosted classifier sees a block's first-pass probabilities next to
those of its neighbours (±2 blocks, and the mean over ±6), plus its own features, so
"answer options after a question" and "a consent line after a poll" are learned.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .features import DENSE_INDEX

WIDTH = 2
WINDOW = 6
NEIGHBOUR_DENSE = ("log_chars", "link_density", "is_heading", "question", "in_best", "ends_terminal")
_NEIGHBOUR_COLS = [DENSE_INDEX[name] for name in NEIGHBOUR_DENSE]


def _shift(a: np.ndarray, k: int, fill: float) -> np.ndarray:
    """Rows of ``a`` moved by ``k`` (row i holds row i-k), padded with ``fill``."""
    out = np.full_like(a, fill)
    if k > 0:
        out[k:] = a[:-k]
    elif k < 0:
        out[:k] = a[-k:]
    else:
        out[:] = a
    return out


def _window_mean(a: np.ndarray, width: int) -> np.ndarray:
    csum = np.vstack([np.zeros((1, a.shape[1])), np.cumsum(a, axis=0)])
    n = a.shape[0]
    lo = np.clip(np.arange(n) - width, 0, n)
    hi = np.clip(np.arange(n) + width + 1, 0, n)
    return (csum[hi] - csum[lo]) / np.maximum(hi - lo, 1)[:, None]


def context_matrix(probs: np.ndarray, dense: np.ndarray) -> np.ndarray:
    """Stage-2 input for one document: own and neighbour probabilities and features."""
    parts = [probs, dense]
    neighbour_dense = dense[:, _NEIGHBOUR_COLS]
    for k in range(1, WIDTH + 1):
        for shift in (k, -k):
            parts.append(_shift(probs, shift, -1.0))
            if k == 1:
                parts.append(_shift(neighbour_dense, shift, -1.0))
    parts.append(_window_mean(probs, WINDOW))
    return np.hstack(parts).astype(np.float32)


class ContextSmoother(ClassifierMixin, BaseEstimator):
    """A classifier over ``context_matrix`` rows (scikit-learn estimator contract).

    ``method="hgb"`` (default): gradient boosting; few, larger steps, because prediction
    costs a Python call per tree (50 rounds at rate 0.2 scored as well as 150 at 0.1 on the
    public benchmarks, at a third of the time). ``method="mlp"``: a small neural network,
    faster still but about 0.02 F1 worse there.
    """

    def __init__(
        self,
        method: str = "hgb",
        max_iter: int = 50,
        max_leaf_nodes: int = 31,
        learning_rate: float = 0.2,
        hidden: int = 64,
        alpha: float = 1e-3,
        random_state: int = 0,
    ) -> None:
        self.method = method
        self.max_iter = max_iter
        self.max_leaf_nodes = max_leaf_nodes
        self.learning_rate = learning_rate
        self.hidden = hidden
        self.alpha = alpha
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> ContextSmoother:
        if self.method == "hgb":
            self.model_ = HistGradientBoostingClassifier(
                max_iter=self.max_iter,
                max_leaf_nodes=self.max_leaf_nodes,
                learning_rate=self.learning_rate,
                l2_regularization=1.0,
                early_stopping=False,
                random_state=self.random_state,
            )
        elif self.method == "mlp":
            self.model_ = make_pipeline(
                StandardScaler(),
                MLPClassifier(
                    hidden_layer_sizes=(self.hidden,),
                    alpha=self.alpha,
                    max_iter=60,
                    early_stopping=True,
                    n_iter_no_change=6,
                    random_state=self.random_state,
                ),
            )
        else:
            raise ValueError(f"method must be 'mlp' or 'hgb', not {self.method!r}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning: early stopping decides
            if self.method == "mlp":
                self.model_.fit(X, y, mlpclassifier__sample_weight=sample_weight)
            else:
                self.model_.fit(X, y, sample_weight=sample_weight)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        model = self.model_
        if isinstance(model, HistGradientBoostingClassifier) and hasattr(model, "_raw_predict"):
            # One page is a few hundred rows: a single thread is fastest, and OpenMP's default
            # (all cores) turns into busy-waiting when batch workers already use every core
            # (measured: 3.6 ms vs 600 ms a page). scikit-learn is pinned to 1.9.x.
            return np.asarray(model._loss.predict_proba(model._raw_predict(X, n_threads=1)))
        return np.asarray(model.predict_proba(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
