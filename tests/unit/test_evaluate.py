"""Metric functions of cleaner.learning.evaluate on hand-made inputs (no model, no data files)."""

from __future__ import annotations

import numpy as np
import pytest

from cleaner.learning.evaluate import (
    TypedScore,
    bootstrap_indices,
    bootstrap_mean,
    bootstrap_prf,
    corpus_scores,
    page_f1,
    page_scores,
    paired_difference,
    segments_caught,
    segments_typed,
    word_f1,
    word_scores,
)


def test_word_f1_counts_lowercase_word_tokens_as_a_multiset() -> None:
    # gold: the x2, cat, sat; prediction: the x3, cat, ran -> overlap the x2 + cat = 3
    p, r, f1 = word_scores("The the THE cat ran!", "the cat sat, the")
    assert p == pytest.approx(3 / 5)
    assert r == pytest.approx(3 / 4)
    assert f1 == pytest.approx(2 * (3 / 5) * (3 / 4) / (3 / 5 + 3 / 4))
    assert word_f1("Hello, World", "hello world") == 1.0  # case and punctuation do not count


def test_word_f1_edge_cases_follow_the_wcxb_evaluator() -> None:
    assert word_scores("", "") == (1.0, 1.0, 1.0)
    assert word_scores("...", " ") == (1.0, 1.0, 1.0)  # no \w tokens on either side
    assert word_scores("something", "") == (0.0, 0.0, 0.0)
    assert word_scores("", "gold text") == (0.0, 0.0, 0.0)
    assert word_scores("other words", "gold text") == (0.0, 0.0, 0.0)


def test_word_f1_is_unicode_aware() -> None:
    assert word_f1("Größe ÜBER", "größe über") == 1.0
    assert word_f1("東京 大阪", "東京") == pytest.approx(2 * 0.5 * 1 / 1.5)


def test_page_f1_of_empty_sides() -> None:
    assert page_f1(None, None) == 1.0
    assert page_f1(None, 0.5) == 0.0
    assert page_f1(0.5, 1.0) == pytest.approx(2 / 3)
    assert page_f1(0.0, 0.0) == 0.0


def test_bootstrap_prf_on_the_identity_resample_equals_corpus_scores() -> None:
    pages = [
        page_scores("a b c d e f", "a b c d e f g h"),
        page_scores("", "x y z w"),
        page_scores("q r s t", ""),
        page_scores("one two three four five", "one two three four five"),
    ]
    idx = np.arange(len(pages))[None, :]
    p, r, f1 = bootstrap_prf(pages, idx)[:, 0]
    expected = corpus_scores(pages)
    assert (p, r, f1) == pytest.approx((expected["precision"], expected["recall"], expected["f1"]))


def test_bootstrap_indices_are_seeded_and_shaped() -> None:
    a, b = bootstrap_indices(7, 50, seed=3), bootstrap_indices(7, 50, seed=3)
    assert a.shape == (50, 7) and (a == b).all() and a.min() >= 0 and a.max() < 7
    assert bootstrap_mean([0.0, 1.0], np.array([[0, 0], [1, 1], [0, 1]])).tolist() == [0.0, 1.0, 0.5]


def test_paired_difference() -> None:
    ours = np.array([0.9, 0.8, 0.85, 0.95])
    theirs = np.array([0.8, 0.8, 0.8, 0.8])
    d = paired_difference(ours, theirs, point=0.07)
    assert d["difference"] == 0.07
    assert d["mean"] == pytest.approx(0.075)
    lo, hi = d["ci95"]
    assert 0.0 <= lo <= d["mean"] <= hi <= 0.15
    assert d["share_ahead"] == 0.75


def test_typed_score_combined_equals_one_score_over_all_documents() -> None:
    docs = [
        (
            [("Vote now in our poll", "poll"), ("The article text goes on here", "content")],
            [("Vote now in our poll", "poll"), ("The article text goes on here", "content")],
        ),
        (
            [("We use cookies to improve", "consent"), ("More article text", "content")],
            [("We use cookies to improve", "content"), ("More article text", "content")],
        ),
    ]
    one = TypedScore()
    parts = []
    for gold, pred in docs:
        one.add(gold, pred)
        part = TypedScore()
        part.add(gold, pred)
        parts.append(part)
    assert TypedScore.combined(parts).report() == one.report()
    twice = TypedScore.combined([parts[0], parts[0]]).report()
    assert twice["segments"] == {"poll": 2}
    assert twice["labels"]["poll"]["support"] == 2 * one.report()["labels"]["poll"]["support"]
    report = one.report()
    assert segments_caught(report) == 0.5  # the poll was removed, the consent banner kept as content
    assert segments_caught(TypedScore().report()) is None
    assert segments_typed(report) == 0.5  # ... and the poll called a poll
    assert segments_typed(TypedScore().report()) is None
    mistyped = TypedScore()
    mistyped.add(
        [("Vote now in our poll", "poll"), ("Text", "content")],
        [("Vote now in our poll", "promo"), ("Text", "content")],
    )
    assert segments_caught(mistyped.report()) == 1.0 and segments_typed(mistyped.report()) == 0.0
