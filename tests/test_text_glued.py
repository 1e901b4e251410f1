"""scripts/text_glued.py's rebuild of a document with widgets glued onto the paragraph before them (no model, no
benchmark data), and the split it measures, end to end on the shipped model."""

from __future__ import annotations

from types import ModuleType

import pytest

from .conftest import load_script

ARTICLE = "The council voted on Tuesday to close the old bridge to traffic, said the mayor."
NEXT = "Work on the new supports is expected to start in the spring, once a contractor is chosen."


@pytest.fixture(scope="module")
def tg() -> ModuleType:
    return load_script("text_glued")


def test_the_first_short_injected_paragraph_after_content_is_glued(tg: ModuleType) -> None:
    gold = [
        (ARTICLE, "content"),
        ("Share this article", "boilerplate"),
        ("Sign up", "promo"),  # the second of the run stays a paragraph of its own
        (NEXT, "content"),
        ("Rate this post", "poll"),
    ]
    text, n = tg.glued(gold)
    assert n == 2
    assert text == f"{ARTICLE} Share this article\n\nSign up\n\n{NEXT} Rate this post"


def test_nothing_is_glued_onto_a_paragraph_that_does_not_end_a_sentence_or_onto_a_long_segment(tg: ModuleType) -> None:
    long_pitch = " ".join(["word"] * (tg.GLUED_MAX_WORDS + 1))
    gold = [("A headline without a full stop", "content"), ("Share", "boilerplate"), (ARTICLE, "content")]
    gold += [(long_pitch, "promo")]
    text, n = tg.glued(gold)
    assert n == 0 and text == "\n\n".join(t for t, _ in gold)


def test_a_glued_sign_up_ask_is_flagged_and_the_paragraph_kept(cleaner_instance) -> None:  # type: ignore[no-untyped-def]
    text = f"{ARTICLE} Sign up for our daily newsletter to get the news first.\n\n{NEXT}"
    result = cleaner_instance.clean(text, kind="text")
    assert [s.label.value for s in result.segments] == ["content", "promo", "content"]
    assert result.text == f"{ARTICLE}\n\n{NEXT}"
    assert all(text[s.start : s.end] == s.text for s in result.segments)


def test_the_last_injected_paragraph_before_content_is_glued_onto_its_start(tg: ModuleType) -> None:
    gold = [
        (ARTICLE, "content"),
        ("Poll", "poll"),  # no sentence end: left as it is
        ("Sign up today.", "promo"),
        (NEXT, "content"),
    ]
    text, n = tg.glued(gold, "before")
    assert n == 1
    assert text == f"{ARTICLE}\n\nPoll\n\nSign up today. {NEXT}"
