"""The page quality summary (``cleaner.core.quality``): shares, main content found, a bounded monotone confidence."""

from __future__ import annotations

import math

import pytest

from cleaner.core import quality, quality_params
from cleaner.core.types import Label, Segment

PROSE = "The harbour reopened to fishing boats on Monday after three weeks of repairs to the sea wall."


def segments(*parts: tuple[Label, float, str]) -> tuple[Segment, ...]:
    out, offset = [], 0
    for i, (label, confidence, text) in enumerate(parts):
        out.append(Segment(i, label, confidence, text, offset, offset + len(text), None, "p"))
        offset += len(text) + 2
    return tuple(out)


def test_shares_are_shares_of_text_per_label() -> None:
    segs = segments((Label.CONTENT, 0.9, "a" * 60), (Label.PROMO, 0.8, "b" * 30), (Label.BOILERPLATE, 0.7, "c" * 10))
    q = quality.page_quality(segs, "html")
    assert q.shares == {"content": 0.6, "poll": 0.0, "consent": 0.0, "promo": 0.3, "boilerplate": 0.1}


def test_main_content_needs_enough_words_the_model_calls_content() -> None:
    assert quality.page_quality(segments((Label.CONTENT, 0.9, PROSE)), "html").main_content
    assert not quality.page_quality(segments((Label.CONTENT, 0.9, "Too short.")), "html").main_content
    fallback = segments((Label.CONTENT, 0.2, PROSE), (Label.BOILERPLATE, 0.9, "Home"))  # decide's fallback
    assert not quality.page_quality(fallback, "html").main_content


def test_no_text_has_no_confidence() -> None:
    q = quality.page_quality((), "html")
    assert q == quality.Quality(shares=dict.fromkeys(q.shares, 0.0), main_content=False, confidence=0.0)
    only_flagged = quality.page_quality(segments((Label.PROMO, 0.9, "Subscribe now")), "text")
    assert only_flagged.confidence == 0.0 and only_flagged.shares["promo"] == 1.0


def test_confidence_is_a_probability_of_named_statistics() -> None:
    stats = quality.page_statistics(segments((Label.CONTENT, 0.9, PROSE), (Label.BOILERPLATE, 0.8, "Home")), "html")
    assert set(quality_params.FEATURES) <= set(stats)
    assert stats["content_confidence"] == pytest.approx(0.9) and stats["is_text"] == 0.0
    assert stats["log_content_words"] == pytest.approx(math.log1p(len(PROSE.split())))
    assert (
        len(quality_params.MEAN)
        == len(quality_params.SCALE)
        == len(quality_params.COEF)
        == len(quality_params.FEATURES)
    )
    assert 0.0 < quality.confidence(stats) < 1.0


def test_a_longer_surer_content_is_not_less_likely_the_main_content() -> None:
    weak = quality.page_quality(segments((Label.CONTENT, 0.55, PROSE), (Label.BOILERPLATE, 0.6, "x " * 200)), "html")
    strong = quality.page_quality(
        segments(*[(Label.CONTENT, 0.97, PROSE)] * 12, (Label.BOILERPLATE, 0.9, "Home")), "html"
    )
    assert strong.confidence > weak.confidence
