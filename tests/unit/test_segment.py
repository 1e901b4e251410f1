"""Unit tests of the segment stage: tiny documents in, blocks out."""

from __future__ import annotations

from cleaner.core import parse, segment


def _html_blocks(markup: str) -> list[str]:
    root = parse.parse_html(markup)
    assert root is not None
    return [b.text for b in segment.html_blocks(root, max_blocks=100, max_block_chars=1000)[0]]


def test_block_elements_become_blocks_and_scripts_vanish() -> None:
    texts = _html_blocks("<html><body><h1>Title</h1><script>x=1</script><p>One <b>bold</b> word.</p></body></html>")
    assert texts == ["Title", "One bold word."]


def test_hidden_blocks_are_kept_and_marked_hidden_inline_text_is_dropped() -> None:
    root = parse.parse_html(
        '<body><p>seen <span aria-hidden="true">icon</span></p><div style="display:none">unseen</div>'
        "<p hidden>no</p></body>"
    )
    assert root is not None
    blocks = segment.html_blocks(root, max_blocks=100, max_block_chars=1000)[0]
    assert [(b.text, "hidden" in b.landmarks) for b in blocks] == [("seen", False), ("unseen", True), ("no", True)]


def test_landmarks_come_from_tags_roles_microdata_and_platform_names() -> None:
    root = parse.parse_html(
        '<body><main><article><div itemprop="articleBody"><p>Body text.</p></div></article></main>'
        '<div role="navigation"><p>Menu</p></div><div id="div-gpt-ad-123"><p>Ad</p></div>'
        '<div id="onetrust-banner-sdk"><p>We use cookies.</p></div></body>'
    )
    assert root is not None
    marks = {b.text: set(b.landmarks) for b in segment.html_blocks(root, max_blocks=100, max_block_chars=1000)[0]}
    assert {"main", "article", "body_prop"} <= marks["Body text."]
    assert "nav" in marks["Menu"] and "ad_slot" in marks["Ad"]
    assert "cmp" in marks["We use cookies."]


def test_json_ld_body_text_is_read_before_scripts_are_dropped() -> None:
    root = parse.parse_html(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "The  body\n'
        'text."}</script></head><body><p>The body text.</p></body></html>'
    )
    assert root is not None
    assert segment.page_json_ld_text(root) == "The body text."


def test_text_splits_at_blank_lines_else_lines() -> None:
    blocks, _ = segment.text_blocks("a\nb\n\nc", max_blocks=10, max_block_chars=100)
    assert [b.text for b in blocks] == ["a\nb", "c"]
    blocks, _ = segment.text_blocks("a\nb\nc", max_blocks=10, max_block_chars=100)
    assert [b.text for b in blocks] == ["a", "b", "c"]


def test_max_blocks_truncates_and_says_so() -> None:
    blocks, truncated = segment.text_blocks("a\n\nb\n\nc", max_blocks=2, max_block_chars=100)
    assert len(blocks) == 2 and truncated
