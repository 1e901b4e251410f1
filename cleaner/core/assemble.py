"""Turn blocks and their probabilities into the ``Result``."""

from __future__ import annotations

import re

import numpy as np

from cleaner.core.types import BLOCK_SEPARATOR, LABELS, Block, Label, Segment


def segments(
    blocks: list[Block], probs: np.ndarray, labels: np.ndarray, cues: list[tuple[str, ...]]
) -> tuple[Segment, ...]:
    """One segment per block, in document order."""
    chosen = np.asarray(labels[: len(blocks)])
    confidences = probs[np.arange(len(chosen)), chosen].tolist()  # each block's probability of its label
    names = [Label(name) for name in LABELS]
    return tuple(
        Segment(
            index=b.id,
            label=names[k],
            confidence=confidence,
            text=b.text,
            start=b.start,
            end=b.end,
            xpath=b.xpath,
            tag=b.tag,
            cues=cues[i],
        )
        for i, (b, k, confidence) in enumerate(zip(blocks, chosen.tolist(), confidences, strict=False))
    )


def with_ruled(segs: tuple[Segment, ...], ruled: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """The model's segments and the ruled blocks' (``decide.ruled_segment``) in document order."""
    return tuple(sorted(segs + ruled, key=lambda s: s.start))


_IN_FIGCAPTION = re.compile(r"/figcaption(?:\[\d+\])?(?:/|$)")


def is_caption(segment: Segment) -> bool:
    """Whether a segment is (inside) an image caption, a ``<figcaption>``."""
    if segment.tag == "figcaption":
        return True
    xpath = segment.xpath
    return xpath is not None and "/figcaption" in xpath and _IN_FIGCAPTION.search(xpath) is not None


def text_segments(segs: tuple[Segment, ...], captions: bool = False) -> list[Segment]:
    """The content segments the clean text holds, in document order.

    Image captions are content (``LABELS.md``) but left out unless ``captions``, as the main-content benchmarks'
    ground truth mostly leaves them out; a page whose only content is captions keeps them, so this choice never
    leaves a page empty.
    """
    content = [s for s in segs if s.label is Label.CONTENT]
    if captions:
        return content
    body = [s for s in content if not is_caption(s)]
    return body if any(s.text.strip() for s in body) else content


def clean_text(segs: tuple[Segment, ...], captions: bool = False) -> str:
    """The text of ``text_segments``, paragraphs separated by blank lines."""
    return BLOCK_SEPARATOR.join(s.text for s in text_segments(segs, captions))


def stream_text(blocks: list[Block]) -> str:
    """The HTML document's text stream that HTML segment offsets point into."""
    return BLOCK_SEPARATOR.join(b.text for b in blocks)
