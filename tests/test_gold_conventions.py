"""scripts/gold_conventions.py on a hand-made page (no model, no benchmark data): the headline, the comment and
reference texts it finds, and how much of them a gold text keeps."""

from __future__ import annotations

from types import ModuleType

import pytest

from .conftest import load_script

PAGE = """<html><body>
<h1>Council approves the new school budget</h1><h1>News</h1>
<article><p>The council approved the new budget for the schools on Tuesday night after a long debate.</p>
<ol class="references"><li>Smith, J. (2024). School budgets in small towns. Town Press.</li><li>Short one.</li></ol>
</article>
<section id="comments"><div class="comment-body"><p>I think the budget is far too small for what the town needs.</p>
<p>Reply</p></div></section>
<div class="commentary"><p>An opinion column about the budget, by our editor, in full sentences.</p></div>
</body></html>"""


@pytest.fixture(scope="module")
def gc() -> ModuleType:
    return load_script("gold_conventions")


def test_headlines_are_h1_texts_of_three_words_or_more(gc: ModuleType) -> None:
    assert gc.headlines(gc.parse(PAGE)) == {"Council approves the new school budget"}
    assert gc.headlines(None) == set()


def test_parts_are_the_texts_inside_named_containers(gc: ModuleType) -> None:
    tree = gc.parse(PAGE)
    comments = gc.part_texts(tree, gc.COMMENT_NAME)
    assert comments == ["I think the budget is far too small for what the town needs."]  # not "Reply", not commentary
    references = gc.part_texts(tree, gc.REFERENCE_NAME)
    assert references == ["Smith, J. (2024). School budgets in small towns. Town Press."]


def test_in_gold_counts_the_words_of_the_parts_the_gold_holds(gc: ModuleType) -> None:
    parts = ["I think the budget is far too small for what the town needs.", "Smith, J. (2024). School budgets."]
    gold = gc.norm("The council approved it.\nI think the budget is far too small for what the town needs.")
    assert gc.in_gold(parts, gold) == (13, 18)
    assert gc.in_gold([], gold) == (0, 0)
