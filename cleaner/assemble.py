"""Turn blocks and their probabilities into the ``Result``."""

from __future__ import annotations

import numpy as np

from .features import DENSE_INDEX, Features
from .types import BLOCK_SEPARATOR, LABELS, Block, Label, Segment

FALLBACK_SHARE = 0.35  # keep region blocks whose content probability is this share of the best
# Keep a block as content when content is this likely, even if another label scores higher:
# losing editorial text costs users more than keeping a stray line (on the public
# benchmarks 0.15 raised main-content F1 by about 0.01; see scripts/benchmark.py).
CONTENT_MIN_PROBABILITY = 0.15
CONTENT_MIN_WORDS = 6  # ...but only for blocks of prose length: "View Results" stays a poll part


def choose_labels(probs: np.ndarray, feats: Features) -> np.ndarray:
    """Arg-max labels, never leaving a page that has text without content.

    When no block wins as content, keep the text-dense region's blocks whose content
    probability comes near the best one (the fallback the reference experiment lacked).
    """
    labels = probs.argmax(axis=1) if len(probs) else np.zeros(0, dtype=int)
    content = LABELS.index("content")
    if len(probs):
        words = np.expm1(feats.dense[:, DENSE_INDEX["log_words"]])
        prose = words >= CONTENT_MIN_WORDS - 0.5
        labels = np.where(prose & (probs[:, content] >= CONTENT_MIN_PROBABILITY), content, labels)
    if len(probs) and not (labels == content).any():
        p = probs[:, content]
        best = float(p.max())
        in_best = feats.dense[:, DENSE_INDEX["in_best"]] > 0.5
        keep = (p >= best * FALLBACK_SHARE) & (in_best | (p == best))
        labels = np.where(keep, content, labels)
    return labels


def segments(
    blocks: list[Block], probs: np.ndarray, labels: np.ndarray, cues: list[tuple[str, ...]]
) -> tuple[Segment, ...]:
    """One segment per block, in document order."""
    return tuple(
        Segment(
            index=b.id,
            label=Label(LABELS[k]),
            confidence=float(probs[i, k]),
            text=b.text,
            start=b.start,
            end=b.end,
            xpath=b.xpath,
            tag=b.tag,
            cues=cues[i],
        )
        for i, (b, k) in enumerate(zip(blocks, labels, strict=False))
    )


def clean_text(segs: tuple[Segment, ...]) -> str:
    """The content segments' text, paragraphs separated by blank lines."""
    return BLOCK_SEPARATOR.join(s.text for s in segs if s.label is Label.CONTENT)


def stream_text(blocks: list[Block]) -> str:
    """The HTML document's text stream that HTML segment offsets point into."""
    return BLOCK_SEPARATOR.join(b.text for b in blocks)
