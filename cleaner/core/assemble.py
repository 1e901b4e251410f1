"""Turn blocks and their probabilities into the ``Result``."""

from __future__ import annotations

import numpy as np

from cleaner.core.types import BLOCK_SEPARATOR, LABELS, Block, Label, Segment


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
