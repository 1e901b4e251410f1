"""Unit tests of the assemble stage: hand-made blocks and labels."""

from __future__ import annotations

import numpy as np

from cleaner.core import assemble
from cleaner.core.segment import text_blocks
from cleaner.core.types import LABELS, Label, Segment


def test_segments_and_clean_text_keep_offsets_and_order() -> None:
    text = "Intro line here.\n\nPoll: vote now\n\nBody text."
    blocks, _ = text_blocks(text, max_blocks=10, max_block_chars=100)
    probs = np.full((3, len(LABELS)), 0.1)
    labels = np.array([LABELS.index("content"), LABELS.index("poll"), LABELS.index("content")])
    segs = assemble.segments(blocks, probs, labels, [(), ("word:vote",), ()])
    assert [s.label for s in segs] == [Label.CONTENT, Label.POLL, Label.CONTENT]
    assert all(text[s.start : s.end] == s.text for s in segs)
    assert assemble.clean_text(segs) == "Intro line here.\n\nBody text."


def _seg(index: int, text: str, tag: str = "p", xpath: str | None = None, label: Label = Label.CONTENT) -> Segment:
    return Segment(index, label, 0.9, text, 0, len(text), xpath, tag)


def test_captions_are_content_but_left_out_of_the_text_unless_asked() -> None:
    segs = (
        _seg(0, "Headline", "h1", "/html/body/article/h1"),
        _seg(1, "A crane lifts the roof. Photo: A. Smith", "figcaption", "/html/body/article/figure/figcaption"),
        _seg(2, "Credit line", "div", "/html/body/article/figure[2]/figcaption[1]/div"),
        _seg(3, "Body text.", "p", "/html/body/article/p"),
        _seg(4, "Not a caption", "div", "/html/body/article/figcaptions/div"),
        _seg(5, "Menu", "li", "/html/body/nav/li", Label.BOILERPLATE),
    )
    assert [assemble.is_caption(s) for s in segs] == [False, True, True, False, False, False]
    assert assemble.clean_text(segs) == "Headline\n\nBody text.\n\nNot a caption"
    assert assemble.clean_text(segs, captions=True) == (
        "Headline\n\nA crane lifts the roof. Photo: A. Smith\n\nCredit line\n\nBody text.\n\nNot a caption"
    )


def test_a_page_whose_only_content_is_captions_keeps_them() -> None:
    segs = (
        _seg(0, "Home", "li", "/html/body/nav/li", Label.BOILERPLATE),
        _seg(1, "Sunset over the bay", "figcaption", "/html/body/main/figure/figcaption"),
    )
    assert assemble.clean_text(segs) == "Sunset over the bay"
    assert assemble.clean_text(segs[:1]) == ""


def test_a_caption_named_by_its_class_is_left_out_like_a_figcaption(monkeypatch) -> None:
    from cleaner.core import parse, segment

    root = parse.parse_html(
        "<body><article><h1>Headline</h1><p>Body text of the story, long enough to be a paragraph.</p>"
        "<div class='wp-caption'><img src='a.jpg'><p class='wp-caption-text'>A crane lifts the roof</p></div>"
        "<div class='photo-caption mt-2'>The site at dawn</div>"
        "<p class='text-caption'>Small print set in a caption type style</p></article></body>"
    )
    assert root is not None
    blocks = segment.html_blocks(root, max_blocks=50, max_block_chars=1000)[0]
    probs = np.full((len(blocks), len(LABELS)), 0.1)
    labels = np.full(len(blocks), LABELS.index("content"))
    segs = assemble.segments(blocks, probs, labels, [()] * len(blocks))
    assert [s.caption for s in segs] == [False, False, True, True, False]
    assert all(s.label is Label.CONTENT for s in segs)  # still content: only the text leaves them out
    assert assemble.clean_text(segs) == (
        "Headline\n\nBody text of the story, long enough to be a paragraph.\n\nSmall print set in a caption type style"
    )
    monkeypatch.setattr(assemble, "CAPTION_NAME_TOKENS", 0)
    segs = assemble.segments(blocks, probs, labels, [()] * len(blocks))
    assert not any(s.caption for s in segs)
