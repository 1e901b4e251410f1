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


def test_hidden_elements_are_dropped() -> None:
    assert _html_blocks('<body><p>seen</p><div style="display:none">unseen</div><p hidden>no</p></body>') == ["seen"]


def test_text_splits_at_blank_lines_else_lines() -> None:
    blocks, _ = segment.text_blocks("a\nb\n\nc", max_blocks=10, max_block_chars=100)
    assert [b.text for b in blocks] == ["a\nb", "c"]
    blocks, _ = segment.text_blocks("a\nb\nc", max_blocks=10, max_block_chars=100)
    assert [b.text for b in blocks] == ["a", "b", "c"]


def test_max_blocks_truncates_and_says_so() -> None:
    blocks, truncated = segment.text_blocks("a\n\nb\n\nc", max_blocks=2, max_block_chars=100)
    assert len(blocks) == 2 and truncated
