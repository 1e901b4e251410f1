"""scripts/markup_shift.py on hand-made labelled pages (no model, no benchmark data): the tokens it counts per block
and how it ranks a token the training pages use the other way round from a dev set."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from .conftest import load_script

STORY = "The council approved the new budget for the town schools on Tuesday night."
MENU = "Home news sport weather culture opinion and everything else on the site."


@pytest.fixture(scope="module")
def ms() -> ModuleType:
    return load_script("markup_shift")


def test_training_blocks_are_the_labelled_blocks_of_six_words_or_more(ms: ModuleType, tmp_path: Path) -> None:
    page = (
        '<html><body data-label="boilerplate"><section class="menu"><p>' + MENU + "</p></section>"
        '<div class="story" data-label="content"><p>' + STORY + "</p><p>Too short here.</p></div></body></html>"
    )
    (tmp_path / "a--00.html").write_text(page, encoding="utf-8")
    blocks = list(ms.training_blocks(tmp_path, pages=5, seed=0))
    assert [(b.text, content) for b, content in blocks] == [(MENU, False), (STORY, True)]
    counts = ms.count(iter(blocks))
    assert counts["anc=section"] == [1, 0]  # the menu's <section>: one block, not content
    assert counts["tag=p"] == [1, 1]


def test_a_token_used_the_other_way_round_ranks_first_and_a_shared_one_not_at_all(ms: ModuleType) -> None:
    train = {"anc=section": [90, 10], "tag=p": [50, 50], "rare": [1, 1]}
    dev = {"anc=section": [20, 80], "tag=p": [100, 100], "rare": [100, 100]}
    rows = ms.ranked(train, dev)
    assert [r[1] for r in rows] == ["anc=section", "tag=p"]  # "rare" has too few training blocks
    assert rows[0][2] == pytest.approx(11 / 102) and rows[0][4] == pytest.approx(81 / 102)
    assert rows[1][0] == pytest.approx(0.0)
