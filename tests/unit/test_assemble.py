"""Unit tests of the assemble stage: hand-made blocks and labels."""

from __future__ import annotations

import numpy as np

from cleaner.core import assemble
from cleaner.core.segment import text_blocks
from cleaner.core.types import LABELS, Label


def test_segments_and_clean_text_keep_offsets_and_order() -> None:
    text = "Intro line here.\n\nPoll: vote now\n\nBody text."
    blocks, _ = text_blocks(text, max_blocks=10, max_block_chars=100)
    probs = np.full((3, len(LABELS)), 0.1)
    labels = np.array([LABELS.index("content"), LABELS.index("poll"), LABELS.index("content")])
    segs = assemble.segments(blocks, probs, labels, [(), ("word:vote",), ()])
    assert [s.label for s in segs] == [Label.CONTENT, Label.POLL, Label.CONTENT]
    assert all(text[s.start : s.end] == s.text for s in segs)
    assert assemble.clean_text(segs) == "Intro line here.\n\nBody text."
