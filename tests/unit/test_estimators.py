"""Unit tests of the model's estimators: scikit-learn's contract, document-aware context, clone()."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.utils.estimator_checks import check_estimator

from cleaner.model import build
from cleaner.model.estimators import (
    RUN_CAP,
    ContextClassifier,
    KindRouter,
    RunContextClassifier,
    _shift,
    _window_mean,
    document_ids,
    page_summary,
    run_features,
)


@pytest.mark.parametrize("context_pass", [ContextClassifier, RunContextClassifier])
def test_context_classifier_passes_check_estimator(context_pass: type[ContextClassifier]) -> None:
    estimator = context_pass(LogisticRegression(max_iter=200), HistGradientBoostingClassifier(max_iter=10))
    results = check_estimator(estimator, on_fail=None)
    failed = [(r["check_name"], str(r["exception"])[:200]) for r in results if r["status"] == "failed"]
    assert not failed


def test_the_page_reading_context_pass_passes_check_estimator() -> None:
    estimator = ContextClassifier(
        LogisticRegression(max_iter=200), HistGradientBoostingClassifier(max_iter=10), page_weight_column=0
    )
    results = check_estimator(estimator, on_fail=None)
    failed = [(r["check_name"], str(r["exception"])[:200]) for r in results if r["status"] == "failed"]
    assert not failed


def test_kind_router_passes_check_estimator() -> None:
    results = check_estimator(KindRouter(kind_column=0), on_fail=None)
    failed = [(r["check_name"], str(r["exception"])[:200]) for r in results if r["status"] == "failed"]
    assert not failed


def test_kind_router_sends_text_rows_to_the_text_model() -> None:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(400, 3))
    X[:, 0] = (np.arange(400) % 2).astype(float)  # kind column: odd rows are plain text
    y = np.where(X[:, 0] > 0.5, np.where(X[:, 1] > 0, "a", "b"), np.where(X[:, 2] > 0, "a", "b"))
    router = KindRouter(LogisticRegression(), LogisticRegression(), kind_column=0, html_text_share=0.0).fit(X, y)
    assert set(router.estimators_) == {"html", "text"}
    assert (router.predict(X) == y).mean() > 0.9


def test_the_html_model_may_learn_from_a_share_of_the_text_documents() -> None:
    # column 0: kind (rows 0-3 one HTML page, then six two-row plain-text documents); column 1: 0 on a first row
    kind = np.array([0, 0, 0, 0] + [1] * 12, dtype=float)
    position = np.array([0, 0.3, 0.6, 1.0] + [0, 1.0] * 6)
    X = np.column_stack([kind, position])
    router = KindRouter(kind_column=0, html_text_share=0.5, document_column=1)
    shared = router._shared_text_rows(X, kind > 0.5)
    assert shared.tolist() == [False] * 4 + [False, False, True, True] * 3  # every second text document, whole
    assert router.html_rows(X).tolist() == [True] * 4 + shared[4:].tolist()  # the page, and those documents
    assert KindRouter(kind_column=0)._shared_text_rows(X, kind > 0.5).tolist() == (kind > 0.5).tolist()
    assert not KindRouter(kind_column=0, html_text_share=0.0)._shared_text_rows(X, kind > 0.5).any()
    with pytest.raises(ValueError, match="document_column"):
        KindRouter(kind_column=0, html_text_share=0.5)._shared_text_rows(X, kind > 0.5)


def test_text_only_documents_never_reach_the_html_model_nor_move_its_share() -> None:
    # one HTML page (rows 0-3), six two-row plain-text documents, then the same with two text-only documents
    # spliced in after the second one: the HTML model's rows of the original documents stay exactly the same
    kind = np.array([0, 0, 0, 0] + [1] * 12, dtype=float)
    position = np.array([0, 0.3, 0.6, 1.0] + [0, 1.0] * 6)
    X = np.column_stack([kind, position])
    splice = 8
    X_more = np.vstack([X[:splice], np.column_stack([np.ones(4), [0, 1.0, 0, 1.0]]), X[splice:]])
    only = np.zeros(len(X_more), dtype=bool)
    only[splice : splice + 4] = True
    router = KindRouter(kind_column=0, html_text_share=0.5, document_column=1)
    before = router.html_rows(X)
    after = router.html_rows(X_more, only)
    assert not after[only].any()
    assert after[~only].tolist() == before.tolist()
    with pytest.raises(ValueError, match="not plain text"):
        router.html_rows(X, np.arange(len(X)) == 0)  # row 0 is HTML
    with pytest.raises(ValueError, match="values for"):
        router.html_rows(X, only)


def test_a_router_fitted_with_text_only_rows_keeps_its_html_model() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 3))
    X[:, 0] = (np.arange(300) % 3 == 0).astype(float)  # kind column: every third row is plain text
    y = np.where(X[:, 1] + X[:, 2] > 0, "a", "b")
    extra = rng.normal(size=(60, 3))
    extra[:, 0] = 1.0
    y_extra = np.where(extra[:, 1] > 0, "b", "a")  # text-only rows that disagree with the rest
    plain = KindRouter(LogisticRegression(), LogisticRegression(), kind_column=0).fit(X, y)
    more = KindRouter(LogisticRegression(), LogisticRegression(), kind_column=0).fit(
        np.vstack([X, extra]), np.concatenate([y, y_extra]), text_only=np.arange(360) >= 300
    )
    html = X[X[:, 0] < 0.5]
    assert np.array_equal(plain.predict_proba(html), more.predict_proba(html))
    assert not np.array_equal(plain.predict_proba(extra), more.predict_proba(extra))


def test_document_ids_start_where_the_column_is_zero() -> None:
    assert document_ids(np.array([0.0, 0.5, 1.0, 0.0, 1.0, 0.0])).tolist() == [0, 0, 0, 1, 1, 2]


def test_neighbours_never_cross_a_document_boundary() -> None:
    a = np.arange(5, dtype=float)[:, None]
    docs = np.array([0, 0, 0, 1, 1])
    assert _shift(a, 1, docs, -1.0).ravel().tolist() == [-1, 0, 1, -1, 3]
    assert _shift(a, -1, docs, -1.0).ravel().tolist() == [1, 2, -1, 4, -1]
    assert _window_mean(a, 6, docs).ravel().tolist() == [1, 1, 1, 3.5, 3.5]


def test_the_built_model_clones_and_fits_tiny_data() -> None:
    model = build.context_model()
    assert clone(model).get_params()["cv"] == model.cv
    calibrated = build.calibrated_model()
    clone(calibrated)


def test_context_is_learned_from_neighbours() -> None:
    rng = np.random.default_rng(0)
    # label "b" sits right after an "a" row; the rows' own features cannot tell b from c
    n = 600
    X = rng.normal(size=(n, 3))
    y = np.where(np.arange(n) % 3 == 0, "a", "c").astype(object)
    X[y == "a", 0] += 4
    y[1::3] = "b"
    model = ContextClassifier(LogisticRegression(max_iter=300), HistGradientBoostingClassifier(max_iter=30), cv=3)
    model.fit(X, y.astype(str))
    accuracy = (model.predict(X) == y.astype(str)).mean()
    assert accuracy > 0.9


def test_block_columns_weighs_hashed_columns_and_standardises_named_ones() -> None:
    """Same numbers as a ColumnTransformer of passthrough, a weight and a scaler-then-clip pipeline."""
    import scipy.sparse as sp
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    from cleaner.model.estimators import BlockColumns, to_dense

    def clip5(X: np.ndarray) -> np.ndarray:
        return np.clip(X, -5.0, 5.0)

    rng = np.random.default_rng(0)
    hashed = sp.random(40, 30, density=0.1, format="csr", random_state=1)
    named = rng.normal(size=(40, 5)) * np.array([1, 10, 0, 3, 100])
    named[3, 4] = 5000.0  # an outlier: clipped
    X = sp.hstack([hashed, sp.csr_matrix(named)], format="csr")
    reference = ColumnTransformer(
        [
            ("words", "passthrough", slice(0, 20)),
            ("markup", "passthrough", slice(20, 30)),
            (
                "dense",
                make_pipeline(FunctionTransformer(to_dense), StandardScaler(), FunctionTransformer(clip5)),
                slice(30, 35),
            ),
        ],
        transformer_weights={"markup": 0.7, "dense": 0.35},
        sparse_threshold=1.0,
    ).fit(X)
    ours = BlockColumns(20, 30, markup_weight=0.7, dense_weight=0.35).fit(X)
    expected = reference.transform(X).toarray()
    got = ours.transform(X)
    assert sp.issparse(got) and got.shape == X.shape
    np.testing.assert_allclose(got.toarray(), expected, atol=1e-9)
    assert np.abs(got.toarray()[:, 30:]).max() <= 5.0 * 0.35 + 1e-12


def test_a_loaded_model_predicts_as_the_stored_one() -> None:
    """``ready_to_predict`` (dense, column-major first-pass weights) changes speed, not probabilities; ``compact``'s
    rounding to single precision moves them by less than 1e-6."""
    import scipy.sparse as sp

    from cleaner.model import store

    stored = store.load_model()
    matrix = sp.random(30, stored.estimator.n_features_in_, density=0.0005, format="lil", random_state=2)
    matrix[:, build.DOCUMENT_START_COLUMN] = 0.5
    matrix = matrix.tocsr()
    before = stored.estimator.predict_proba(matrix)
    build.compact(stored.estimator)  # back to sparse weights rounded to single precision, as in the file
    linear = build.context_of(stored.estimator, "html").estimator_.named_steps["linear"]
    assert sp.issparse(linear.coef_) and np.array_equal(linear.coef_.data, linear.coef_.data.astype(np.float32))
    np.testing.assert_allclose(stored.estimator.predict_proba(matrix), before, atol=1e-6)


def test_block_columns_stores_each_rows_hashed_entries_then_every_named_column() -> None:
    """The stored order is what the first pass's sparse product sums in: a row's hashed entries in their input
    order (unsorted ones too), then every named column, zeros included -- as a stable sort by row gives."""
    import scipy.sparse as sp

    from cleaner.model.estimators import BlockColumns

    rng = np.random.default_rng(3)
    for n, density in ((1, 0.0), (7, 0.3), (40, 0.05), (25, 0.9)):
        X = sp.random(n, 50, density=density, format="csr", random_state=int(rng.integers(1000)), dtype=np.float32)
        X.indices[: X.indptr[1]] = X.indices[: X.indptr[1]][::-1].copy()  # the first row unsorted
        X.has_sorted_indices = False
        columns = BlockColumns(20, 40, markup_weight=0.7, dense_weight=0.35).fit(sp.vstack([X, X]))
        got = columns.transform(X)
        rows = np.repeat(np.arange(n), np.diff(X.indptr))
        hashed = X.indices < 40
        dense = columns.transform(X).toarray()[:, 40:]
        all_rows = np.concatenate([rows[hashed], np.repeat(np.arange(n), 10)])
        order = np.argsort(all_rows, kind="stable")
        weights = np.where(X.indices[hashed] >= 20, 0.7, 1.0)
        expected_data = np.concatenate([X.data[hashed].astype(np.float64) * weights, dense.ravel()])[order]
        expected_indices = np.concatenate([X.indices[hashed], np.tile(np.arange(40, 50), n)])[order]
        assert np.array_equal(got.indices, expected_indices) and np.array_equal(got.data, expected_data)
        assert np.array_equal(got.indptr, np.concatenate([[0], np.cumsum(np.bincount(all_rows, minlength=n))]))


def test_the_linear_first_pass_from_its_weights_is_its_predict_proba_bit_for_bit() -> None:
    """``log_loss_probabilities`` (inside ``ContextClassifier``) against the pipeline's own ``predict_proba`` on
    random inputs: exactly equal, and the checks it skips still run for any other input."""
    import scipy.sparse as sp
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import Pipeline

    from cleaner.model.estimators import BlockColumns, linear_first_pass, log_loss_probabilities, prediction_input

    rng = np.random.default_rng(5)
    hashed = sp.random(300, 50, density=0.08, format="csr", random_state=5, dtype=np.float32)
    X = sp.hstack([hashed, sp.csr_matrix(rng.normal(size=(300, 10)) * 3)], format="csr", dtype=np.float32)
    y = rng.choice(["a", "b", "c", "d"], size=300)
    first = Pipeline([("columns", BlockColumns(30, 50, markup_weight=0.7)), ("linear", SGDClassifier(loss="log_loss"))])
    first.fit(X, y)
    steps = linear_first_pass(first)
    assert steps is not None
    for n in (1, 17, 300):
        rows = X[rng.choice(300, size=n)]
        expected = first.predict_proba(rows)
        assert np.array_equal(log_loss_probabilities(steps[1], steps[0].transform(rows)), expected)
        assert np.array_equal(steps[0].transform(rows.toarray()).toarray(), steps[0].transform(rows).toarray())
    assert linear_first_pass(LogisticRegression()) is None
    with np.testing.assert_raises(ValueError):
        prediction_input(steps[0], X[:, :59])
    broken = X.copy()
    broken.data[0] = np.nan
    with np.testing.assert_raises(ValueError):
        prediction_input(steps[0], broken)


def test_a_temperature_scaled_classifier_scored_directly_is_its_predict_proba_bit_for_bit() -> None:
    """``calibrated_probabilities`` (inside ``KindRouter``) against ``CalibratedClassifierCV.predict_proba`` with
    temperature scaling: exactly equal on random inputs, for a classifier giving probabilities and for one whose
    outputs are not probabilities; a classifier with a ``decision_function`` and any other calibration go through
    scikit-learn."""
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.naive_bayes import GaussianNB

    from cleaner.model.estimators import calibrated_probabilities, temperature_scaled

    class Scores(ClassifierMixin, BaseEstimator):
        """A classifier whose ``predict_proba`` gives raw scores, not probabilities."""

        def fit(self, X: np.ndarray, y: np.ndarray) -> Scores:
            self.classes_ = np.unique(y)
            self.weights_ = np.random.default_rng(1).normal(size=(X.shape[1], len(self.classes_)))
            return self

        def predict_proba(self, X: np.ndarray) -> np.ndarray:
            return np.asarray(X @ self.weights_)

        def predict(self, X: np.ndarray) -> np.ndarray:
            return np.asarray(self.classes_[np.argmax(self.predict_proba(X), axis=1)])

    rng = np.random.default_rng(7)
    X = rng.normal(size=(400, 6))
    y = rng.choice(["a", "b", "c", "d", "e"], size=400)
    for inner in (GaussianNB(), Scores()):
        model = CalibratedClassifierCV(inner, method="temperature", ensemble=False, cv=2).fit(X, y)
        assert temperature_scaled(model) is not None
        for n in (1, 13, 400):
            rows = X[rng.choice(400, size=n)] * rng.uniform(0.1, 30)
            assert np.array_equal(calibrated_probabilities(model, rows), model.predict_proba(rows))
    for other in (
        CalibratedClassifierCV(LogisticRegression(max_iter=500), method="temperature", ensemble=False, cv=2),
        CalibratedClassifierCV(GaussianNB(), method="sigmoid", cv=2),
    ):
        other.fit(X, y)
        assert temperature_scaled(other) is None
        assert np.array_equal(calibrated_probabilities(other, X[:9]), other.predict_proba(X[:9]))


def test_runs_are_read_within_a_document() -> None:
    # document 0: long, short, short, long, short, long; document 1: three short rows
    short = np.array([0, 1, 1, 0, 1, 0, 1, 1, 1], dtype=bool)
    docs = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1])
    probs = np.arange(18, dtype=float).reshape(9, 2)
    runs = run_features(probs, short, docs)
    length, before, after, to_previous, to_next = runs[:, :5].T
    assert length.tolist() == [0, 2, 2, 0, 1, 0, 3, 3, 3]
    assert before.tolist() == [0, 0, 1, 0, 0, 0, 0, 1, 2]
    assert after.tolist() == [0, 1, 0, 0, 0, 0, 2, 1, 0]
    assert to_previous.tolist() == [RUN_CAP, 1, 2, 3, 1, 2, RUN_CAP, RUN_CAP, RUN_CAP]
    assert to_next.tolist() == [3, 2, 1, 2, 1, RUN_CAP, RUN_CAP, RUN_CAP, RUN_CAP]
    run_mean, before_probs, after_probs = runs[:, 5:7], runs[:, 7:9], runs[:, 9:11]
    assert run_mean[1].tolist() == run_mean[2].tolist() == [3.0, 4.0]  # rows 1 and 2 averaged
    assert run_mean[0].tolist() == [0.0, 1.0]  # a long row: its own
    assert before_probs[4].tolist() == [6.0, 7.0] and after_probs[4].tolist() == [10.0, 11.0]
    assert after_probs[5].tolist() == [-1.0, -1.0]  # the next long row is in another document
    assert (before_probs[6:] == -1).all()


def test_the_run_switch_builds_the_run_reading_context_pass() -> None:
    assert type(build.context_model()) is ContextClassifier  # what ships: TEXT_RUNS is off
    runs = build.context_model(runs=True)
    assert isinstance(runs, RunContextClassifier) and clone(runs).get_params()["run_long_chars"] == build.RUN_LONG_CHARS


def test_the_context_pass_reads_the_run_columns_when_asked() -> None:
    rng = np.random.default_rng(0)
    chars = np.tile([400, 40, 40, 400, 40, 400, 40, 40], 5).astype(float)
    position = np.tile([0, 1, 2, 3, 4, 5, 0, 1], 5).astype(float)
    X = np.column_stack([np.log1p(chars), position, rng.normal(size=40)])
    y = np.tile(["keep", "junk", "junk", "keep", "keep", "keep", "junk", "junk"], 5)
    plain = ContextClassifier(cv=2, document_start_column=1).fit(X, y)
    runs = RunContextClassifier(cv=2, document_start_column=1, run_column=0, run_long_chars=150).fit(X, y)
    probs = runs._first_probabilities(X)
    docs = runs._documents(X)
    with_runs, without = runs._context(probs, X, docs), plain._context(probs, X, docs)
    expected = run_features(probs, chars < 150, docs)
    assert with_runs.shape[1] == without.shape[1] + expected.shape[1]
    assert np.array_equal(with_runs[:, without.shape[1] :], expected)


def test_the_page_summary_reads_each_document_alone() -> None:
    probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.5, 0.5], [0.1, 0.9]])
    sizes = np.array([300.0, 100.0, 50.0, 50.0])
    means, largest, below = page_summary(probs, sizes, np.array([0, 0, 1, 1]))
    assert np.allclose(means[0], [0.725, 0.275]) and np.allclose(means[1], means[0])  # (0.9*300 + 0.2*100) / 400
    assert np.allclose(means[2], [0.3, 0.7]) and np.allclose(means[3], means[2])
    assert largest[:2].tolist() == [[0.9, 0.8]] * 2 and largest[2:].tolist() == [[0.5, 0.9]] * 2
    assert np.allclose(below.ravel(), [0.0, -0.7, 0.0, -0.4])  # content (column 0) against the page's largest


def test_the_page_summary_tells_a_grid_that_is_the_page_from_a_rail_beside_an_article() -> None:
    # Twenty rows a document; row 0 is an article paragraph or a filler line, rows 1-19 are cards that look alike in
    # both. The cards are the content where no article is: only the page as a whole says which, for the cards
    # further from row 0 than the neighbours and the window reach.
    rng = np.random.default_rng(0)
    n_docs, per_doc = 40, 20
    with_article = rng.permutation(np.arange(n_docs) % 2 == 0)  # not aligned with the folds of the first pass
    position = np.tile(np.arange(per_doc), n_docs).astype(float)
    first_row = position == 0
    article_row = first_row & np.repeat(with_article, per_doc)
    sizes = np.log1p(np.where(article_row, 900.0, 60.0))
    X = np.column_stack([position, sizes, article_row, rng.normal(size=n_docs * per_doc)])
    in_article_page = np.repeat(with_article, per_doc)
    y = np.where(first_row, np.where(article_row, "keep", "junk"), np.where(in_article_page, "junk", "keep"))
    far = position > 8
    settings = dict(cv=2, document_start_column=0, neighbour_columns=(2,), width=2, window=6)
    blind = ContextClassifier(**settings).fit(X, y)
    seeing = ContextClassifier(**settings, page_weight_column=1).fit(X, y)
    assert (seeing.predict(X)[far] == y[far]).mean() == 1.0
    assert (blind.predict(X)[far] == y[far]).mean() < 0.75


def test_only_the_html_model_reads_the_page_summary() -> None:
    model = build.block_model()
    html, text = (model.get_params()[f"{kind}_estimator"].estimator for kind in ("html", "text"))
    assert html.page_weight_column == (build.DENSE_COLUMNS.start + build.DENSE_INDEX["log_chars"])
    assert text.page_weight_column is None


def test_boosted_trees_give_the_boosting_predict_proba_bit_for_bit() -> None:
    """``boosted_probabilities`` (inside ``ContextClassifier``) against ``HistGradientBoostingClassifier``'s own
    ``predict_proba`` on random inputs, rows at its thresholds included: exactly equal, for several classes and two;
    NaN rows, categorical features and a refitted estimator are handled as scikit-learn does."""
    from cleaner.model.estimators import boosted_probabilities, boosted_trees

    rng = np.random.default_rng(11)
    X = rng.normal(size=(600, 8)) * rng.uniform(0.01, 100, size=8)
    X[:, 3] = rng.integers(0, 4, size=600)  # few values: thresholds between them
    for classes in (["a", "b", "c", "d", "e"], ["a", "b"]):
        y = rng.choice(classes, size=600)
        model = HistGradientBoostingClassifier(max_iter=15, random_state=0).fit(X, y)
        for n in (1, 7, 600):
            rows = X[rng.choice(600, size=n)] * rng.choice([1.0, 0.5, 3.0], size=(n, 8))
            assert np.array_equal(boosted_probabilities(model, rows), model.predict_proba(rows))
        assert boosted_trees(model) is not None  # the packed trees did the work
        cuts = model._predictors[0][0].nodes["num_threshold"][model._predictors[0][0].nodes["is_leaf"] == 0]
        at_cuts = np.tile(X[:1], (len(cuts), 1))
        at_cuts[:, model._predictors[0][0].nodes["feature_idx"][model._predictors[0][0].nodes["is_leaf"] == 0]] = cuts
        assert np.array_equal(boosted_probabilities(model, at_cuts), model.predict_proba(at_cuts))
        with_nan = X[:20].copy()
        with_nan[::3, 2] = np.nan
        assert np.array_equal(boosted_probabilities(model, with_nan), model.predict_proba(with_nan))
        old = boosted_trees(model)
        model.set_params(max_iter=5).fit(X, y)  # a refit reads the new trees
        assert np.array_equal(boosted_probabilities(model, X[:50]), model.predict_proba(X[:50]))
        new = boosted_trees(model)
        assert new is not None and new is not old
    categorical = HistGradientBoostingClassifier(max_iter=5, categorical_features=[3]).fit(X, y)
    assert np.array_equal(boosted_probabilities(categorical, X[:30]), categorical.predict_proba(X[:30]))
    assert boosted_trees(categorical) is None
