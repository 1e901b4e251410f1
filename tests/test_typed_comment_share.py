"""scripts/typed_comment_share.py on a hand-made page (no model, no benchmark data): the comment thread starts at the
first content meta line, and lost content tokens are split between the thread and the rest."""

from __future__ import annotations

from types import ModuleType

import pytest

from .conftest import load_script


@pytest.fixture(scope="module")
def tcs() -> ModuleType:
    return load_script("typed_comment_share")


GOLD = [
    ("The council approved the new budget for the schools on Tuesday night.", "content"),
    ("Share this story", "boilerplate"),
    ("Jane 2 hours ago Report Abuse", "content"),
    ("I think the budget is far too small for what the town needs.", "content"),
]


def test_thread_starts_at_the_first_content_meta_line(tcs: ModuleType) -> None:
    assert tcs.thread_start(GOLD) == 2
    assert tcs.thread_start(GOLD[:2]) is None
    assert tcs.thread_start([("He said the plan was sound, and added: we will see.", "content")]) is None


def test_lost_content_is_split_by_the_thread(tcs: ModuleType) -> None:
    pred = [
        (GOLD[0][0], "content"),
        (GOLD[1][0], "boilerplate"),
        (GOLD[2][0], "boilerplate"),
        (GOLD[3][0], "boilerplate"),
    ]
    counts = tcs.page_counts({"gold": GOLD, "pred": pred})
    article, meta, comment = (len(GOLD[i][0].split()) for i in (0, 2, 3))
    assert counts["content"] >= article + comment  # tokens, as the aligner counts them
    assert counts["lost"] == counts["lost_in_thread"] == counts["in_thread"] > 0
    kept = tcs.page_counts({"gold": GOLD, "pred": [(t, "content") for t, _ in GOLD]})
    assert kept["lost"] == kept["lost_in_thread"] == 0
