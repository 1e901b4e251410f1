"""A page-level quality summary: how the page's text splits over the labels, and how sure we are of the clean text.

``confidence`` is a logistic function of a few page statistics read off the segments (no cues, no model call),
fitted by ``scripts/fit_quality.py`` on the dev sets in ``../shared/benchmarks`` to predict that the clean text
matches the page's main content (per-page word F1 >= 0.8 against the gold text); its reliability plot is
``docs/quality_reliability.png``. The fitted numbers live in ``quality_params.py`` (generated; rerun the script after
retraining the model).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cleaner.core import quality_params
from cleaner.core.types import LABELS, Label, Segment
from cleaner.core.vocabulary import RULED_TAGS

MAIN_CONTENT_MIN_WORDS = 10  # fewer content words than this is a stub, not a page's main content
MAIN_CONTENT_MIN_CONFIDENCE = 0.5  # below this, content is only the fallback of a page the model found none on


@dataclass(frozen=True, slots=True)
class Quality:
    """``shares``: share of the page's text (characters) per label, the model's blocks only (not the ruled ones:
    ``vocabulary.RULED_TAGS``); ``main_content``: whether the model found a
    main content (at least ``MAIN_CONTENT_MIN_WORDS`` words it calls content with a mean confidence of at least
    ``MAIN_CONTENT_MIN_CONFIDENCE``); ``confidence``: the calibrated probability that the clean text is the page's
    main content (word F1 >= 0.8)."""

    shares: dict[str, float]
    main_content: bool
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"shares": dict(self.shares), "main_content": self.main_content, "confidence": self.confidence}


def page_statistics(segments: Sequence[Segment], kind: str) -> dict[str, float]:
    """The numbers the confidence is a function of (``quality_params.FEATURES``), by name."""
    chars = dict.fromkeys(LABELS, 0)
    conf_chars = 0.0
    low_chars = 0
    words = 0
    segments = [s for s in segments if s.tag not in RULED_TAGS]  # a rule's (a frame's markup): not the model's
    for s in segments:
        n = s.end - s.start
        chars[s.label.value] += n
        if s.label is Label.CONTENT:
            conf_chars += s.confidence * n
            low_chars += n if s.confidence < MAIN_CONTENT_MIN_CONFIDENCE else 0
            words += len(s.text.split())
    total, content = sum(chars.values()), chars["content"]
    return {
        "content_confidence": conf_chars / content if content else 0.0,
        "content_low_share": low_chars / content if content else 1.0,
        "content_share": content / total if total else 0.0,
        "boilerplate_share": chars["boilerplate"] / total if total else 0.0,
        "log_content_words": math.log1p(words),
        "log_segments": math.log1p(len(segments)),
        "is_text": 1.0 if kind == "text" else 0.0,
        "_words": float(words),
        **{f"_chars_{label}": float(chars[label]) for label in LABELS},
    }


def confidence(stats: dict[str, float]) -> float:
    """The calibrated probability (see the module docstring) of page statistics."""
    z = quality_params.INTERCEPT
    for name, mean, scale, coef in zip(
        quality_params.FEATURES, quality_params.MEAN, quality_params.SCALE, quality_params.COEF, strict=True
    ):
        z += coef * (stats[name] - mean) / scale
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def page_quality(segments: Sequence[Segment], kind: str) -> Quality:
    """The quality summary of one cleaned document."""
    stats = page_statistics(segments, kind)
    total = sum(stats[f"_chars_{label}"] for label in LABELS)
    shares = {label: round(stats[f"_chars_{label}"] / total, 4) if total else 0.0 for label in LABELS}
    found = stats["_words"] >= MAIN_CONTENT_MIN_WORDS and stats["content_confidence"] >= MAIN_CONTENT_MIN_CONFIDENCE
    sure = confidence(stats) if stats["_words"] else 0.0  # no clean text is never a page's main content
    return Quality(shares=shares, main_content=found, confidence=round(sure, 4))
