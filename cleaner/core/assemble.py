"""Turn blocks and their probabilities into the ``Result``."""

from __future__ import annotations

import re

import numpy as np

from cleaner.core.types import BLOCK_SEPARATOR, LABELS, Block, Label, Segment

# An image caption that a theme marks by class name rather than with <figcaption> (WordPress's ``wp-caption-text`` and
# ``caption-attachment-N``, ``photo-caption``, ``image_caption``, ``media--caption``) is a caption too, left out of the
# text with them (``is_caption_named``): a class/id name among the block's first CAPTION_NAME_TOKENS with a ``caption``
# part and a part naming an image (CAPTION_IMAGE_PARTS); 0: off. A bare ``caption`` name is a type style as often
# (Apple's and Etsy's ``*-text-caption``, ``caption-m`` on service cards: wcxb-dev product -0.004, collection -0.003).
# Not ``figure``: cetd's gold keeps one site's ``news-item-figure-caption-text`` captions (34 pages, -0.0014). Session
# 55, page by page against off (``scripts/benchmark.py --datasets cleaneval dragnet cetd modern-dev wcxb-dev``):
# modern-dev F1 0.95255 -> 0.95393 (4 pages up, none down), wcxb-dev word F1 0.88148 -> 0.88155 (article 0.95560 ->
# 0.95575, 13 up, none down; service -0.00008 and listing -0.00001, a page each), dragnet 0.91621 -> 0.91636 (50 up,
# 28 down: its gold keeps half of WordPress's captions), cleaneval -0.00003, cetd -0.00001 (a page each); labels,
# typed sets and plain text unchanged.
CAPTION_NAME_TOKENS = 2
CAPTION_IMAGE_PARTS = frozenset({"wp", "image", "img", "photo", "picture", "pic", "media", "attachment"})
_NAME_PARTS = re.compile(r"[-_\s]+")


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
            caption=is_caption_named(b),
        )
        for i, (b, k, confidence) in enumerate(zip(blocks, chosen.tolist(), confidences, strict=False))
    )


def with_ruled(segs: tuple[Segment, ...], ruled: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """The model's segments and the ruled blocks' (``decide.ruled_segment``) in document order."""
    return tuple(sorted(segs + ruled, key=lambda s: s.start))


_IN_FIGCAPTION = re.compile(r"/figcaption(?:\[\d+\])?(?:/|$)")


def is_caption_named(block: Block) -> bool:
    """Whether a block's nearest class/id names (its own first) mark it an image caption (see
    ``CAPTION_NAME_TOKENS``)."""
    for name in block.attrs[:CAPTION_NAME_TOKENS]:
        lowered = name.lower()
        if "caption" in lowered:  # every block passes here: split only the names that can hold the part
            parts = set(_NAME_PARTS.split(lowered))
            if "caption" in parts and not parts.isdisjoint(CAPTION_IMAGE_PARTS):
                return True
    return False


def is_caption(segment: Segment) -> bool:
    """Whether a segment is (inside) an image caption: a ``<figcaption>``, or one named so (``is_caption_named``)."""
    if segment.tag == "figcaption" or segment.caption:
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
