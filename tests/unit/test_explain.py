"""Unit tests of the explain stage: cues name only evidence that fired on the block (no shipped model)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from cleaner.core import explain, features
from cleaner.core.segment import text_blocks
from cleaner.core.types import LABELS


def _weights(vocabulary: dict[int, tuple[str, ...]], boost: dict[int, float]) -> explain.FirstPassWeights:
    classes = tuple(sorted(LABELS))
    coef = np.zeros((len(classes), features.N_COLUMNS))
    for col, value in boost.items():
        coef[classes.index("poll"), col] = value
    return explain.FirstPassWeights(
        transform=lambda X: sp.csr_matrix(X), coef=coef, classes=classes, vocabulary=vocabulary
    )


def test_a_word_cue_is_shown_only_when_the_word_is_in_the_block() -> None:
    blocks, _ = text_blocks("Cast your vote\n\nNothing here", max_blocks=10, max_block_chars=100)
    feats = features.extract(blocks)
    vote = int(features.token_columns(["vote"], features.TEXT_FEATURES)[0])
    # the vocabulary names the column with a colliding token first: it is not in the block, so it is skipped
    weights = _weights({vote: ("zebra", "vote")}, {vote: 5.0})
    labels = np.array([LABELS.index("poll"), LABELS.index("content")])
    cues = explain.page_cues(weights, feats, labels, blocks)
    assert "word:vote" in cues[0] and not any("zebra" in c for c in cues[0])
    assert cues[1] == ()


def test_a_column_absent_from_the_block_never_becomes_a_cue() -> None:
    blocks, _ = text_blocks("Cast your vote", max_blocks=10, max_block_chars=100)
    feats = features.extract(blocks)
    cookie = int(features.token_columns(["cookie"], features.TEXT_FEATURES)[0])
    weights = _weights({cookie: ("cookie",)}, {cookie: 9.0})
    cues = explain.page_cues(weights, feats, np.array([LABELS.index("poll")]), blocks)
    assert not any("cookie" in c for c in cues[0])


def test_neighbour_cues() -> None:
    poll, consent, content = (LABELS.index(x) for x in ("poll", "consent", "content"))
    labels = np.array([content, poll, consent, content])
    assert explain._context_cue(labels, 2) == ["after:poll"]
    assert explain._context_cue(labels, 1) == ["before:consent"]


def test_a_call_to_action_or_a_privacy_control_is_named_only_under_its_own_label() -> None:
    assert explain._phrase_cue("promo", "Subscribe for $1 a week") == ["says:call_to_action"]
    assert explain._phrase_cue("consent", "Cookie settings") == ["says:privacy_control"]
    assert explain._phrase_cue("boilerplate", "Subscribe for $1 a week") == []
    assert explain._phrase_cue("promo", "Newsletters") == []


def test_the_page_s_ranking_is_each_row_s_own() -> None:
    """``_ranked_evidence`` sorts the page once; each row reads as ``_ranked_row`` ranks it alone (ties included)."""
    rng = np.random.default_rng(0)
    n_columns = features.DENSE_COLUMNS.stop
    cols = np.concatenate([rng.choice(n_columns, size=30, replace=False) for _ in range(6)]).astype(np.int32)
    matrix = sp.csr_matrix((np.ones(len(cols)), cols, np.arange(0, len(cols) + 1, 30)), shape=(6, n_columns))
    contribs = np.round(rng.normal(size=len(cols)), 1)  # rounded: rows with equal contributions
    nameable = rng.random(n_columns) < 0.7
    page = explain._ranked_evidence(matrix, contribs, nameable)
    for i in range(6):
        ranked = page.alone.get(i, page)
        row = 0 if i in page.alone else i
        alone = explain._ranked_row(matrix, contribs, nameable, i)
        for k in range(3):
            start, end = ranked.cuts[3 * row + k], ranked.cuts[3 * row + k + 1]
            assert ranked.values[start:end] == alone.values[alone.cuts[k] : alone.cuts[k + 1]]
            assert ranked.cols[start:end] == alone.cols[alone.cuts[k] : alone.cuts[k + 1]]
