"""scripts/relabelled_gold.py on hand-made records (no model, no benchmark data): which gold blocks are the comment
threads, bylines and datelines that LABELS.md calls boilerplate, and what relabelling them counts."""

from __future__ import annotations

from types import ModuleType

import pytest

from .conftest import load_script


@pytest.fixture(scope="module")
def rg() -> ModuleType:
    return load_script("relabelled_gold")


def blocks(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"text": text, "label": label} for text, label in pairs]


PAGE = blocks(
    ("The council approved the new budget for the schools on Tuesday night.", "content"),
    ("Posted at 10:24 AM | Permalink | Comments (3)", "content"),
    ("Share this story", "boilerplate"),
    ("Jane Tue Dec 14, 2010 09:00 pm PST Report Abuse", "content"),
    ("I think the budget is far too small for what the town needs.", "content"),
    ("Next page", "boilerplate"),
)


def test_a_thread_starts_at_a_moderation_control_not_at_a_permalink(rg: ModuleType) -> None:
    assert rg.comment_thread_blocks(PAGE) == {3, 4}
    assert rg.comment_thread_blocks(PAGE[:3]) == set()


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("By JANE DOE, Associated Press – Mon Dec 20, 2:11 pm ET", True),
        ("By: Jane Doe on November 12th, 2012 at 5:30 am", True),
        ("by the Wire Staff", True),
        ("By the end of the year the council had spent all of it.", False),
        ("Bypass roads were closed", False),
        ("By " + "word " * 25, False),
    ],
)
def test_bylines(rg: ModuleType, text: str, byline: bool) -> None:
    assert rg.is_byline(text) is byline


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("Friday, November 9, 2012", True),
        ("Published: June 6, 2005, 9:04 AM PDT", True),
        ("– Mon Dec 20, 1:54 pm ET", True),
        ("Posted on: 11/18 16:37:10", True),
        ("May the council decide in June", False),
        ("Afghan parliament to convene Jan. 20", False),
        ("2012", False),
    ],
)
def test_datelines(rg: ModuleType, text: str, dateline: bool) -> None:
    assert rg.is_dateline(text) is dateline


def test_relabel_counts_and_changes_only_the_conflicting_blocks(rg: ModuleType) -> None:
    records = [{"id": "a", "segments": PAGE}, {"id": "b", "segments": PAGE[:3]}]
    out, counts = rg.relabel(records, "segments", rg.comment_thread_blocks)
    assert [b["label"] for b in out[0]["segments"]] == [
        "content",
        "content",
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "boilerplate",
    ]
    assert out[1]["segments"] == PAGE[:3]
    assert records[0]["segments"][3]["label"] == "content"  # the input is not changed
    content = sum(rg.n_tokens(b["text"]) for b in PAGE if b["label"] == "content")
    assert counts == {
        "content": content + sum(rg.n_tokens(b["text"]) for b in PAGE[:3] if b["label"] == "content"),
        "conflict": rg.n_tokens(PAGE[3]["text"]) + rg.n_tokens(PAGE[4]["text"]),
        "documents": 1,
    }
