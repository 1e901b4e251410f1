"""scripts/block_ceiling.py: which blocks count as gold-like (no model, no benchmark data)."""

from __future__ import annotations

from types import ModuleType

import pytest

from cleaner.core.types import Label, Segment
from cleaner.learning.evaluate import tokens

from .conftest import load_script


@pytest.fixture(scope="module")
def bc() -> ModuleType:
    return load_script("block_ceiling")


GOLD = tokens("The council voted on Tuesday to close the old bridge. Repairs start in May, the mayor said.")
TRIGRAMS = {tuple(GOLD[i : i + 3]) for i in range(len(GOLD) - 2)}
JOINED = f" {' '.join(GOLD)} "


def test_a_block_of_the_gold_is_gold_like(bc: ModuleType) -> None:
    assert bc.gold_like(tokens("Repairs start in May, the mayor said."), TRIGRAMS, JOINED)


def test_a_block_of_the_same_words_in_another_order_is_not(bc: ModuleType) -> None:
    assert not bc.gold_like(tokens("The mayor said the bridge voted in May on Tuesday."), TRIGRAMS, JOINED)


def test_short_blocks_need_their_words_in_a_row(bc: ModuleType) -> None:
    assert bc.gold_like(tokens("old bridge"), TRIGRAMS, JOINED)
    assert not bc.gold_like(tokens("bridge old"), TRIGRAMS, JOINED)
    assert not bc.gold_like([], TRIGRAMS, JOINED)


def test_a_page_row_counts_flagged_gold_and_kept_other_words(bc: ModuleType) -> None:
    def seg(i: int, text: str, label: Label) -> Segment:
        return Segment(index=i, label=label, confidence=1.0, text=text, start=0, end=len(text), xpath=None, tag="p")

    gold = "The council voted on Tuesday to close the old bridge. Repairs start in May, the mayor said."
    segments = [
        seg(0, "The council voted on Tuesday to close the old bridge.", Label.CONTENT),
        seg(1, "Repairs start in May, the mayor said.", Label.BOILERPLATE),
        seg(2, "Sign up for our newsletter today", Label.CONTENT),
    ]
    text = f"{segments[0].text}\n\n{segments[2].text}"
    precision, recall, f1, ceiling, lost, extra = bc.page_row(segments, text, gold)
    assert ceiling == 1.0 and 0 < f1 < 1
    assert lost == 7 and extra == 6  # the flagged gold sentence's words; the kept pitch's words
