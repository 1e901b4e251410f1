"""User rules (``cleaner.core.rules``): validation with one-line errors, matching, and applying after the model."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from lxml import etree

from cleaner.core import rules
from cleaner.core.rules import RuleError, parse_rules
from cleaner.core.types import LABELS, Block

PAGE = """<html><body>
<div class="recipe"><p>Mix the flour and the butter.</p><ul><li>Bake for 20 minutes.</li></ul></div>
<aside id="promo"><p>Sponsored by Acme Ovens</p></aside>
<p>Share this recipe</p>
</body></html>"""


def page() -> tuple[etree._Element, list[Block]]:
    root = etree.fromstring(PAGE, etree.HTMLParser())
    tree = root.getroottree()
    blocks, offset = [], 0
    for i, el in enumerate(root.iter("p", "li")):
        text = el.text
        blocks.append(Block(i, text, el.tag, tree.getpath(el), offset, offset + len(text)))
        offset += len(text) + 2
    return root, blocks


def probs_for(*labels: str) -> tuple[np.ndarray, np.ndarray]:
    """A probability row per block: 0.6 on its label, 0.3 on the next label, 0.1 on the one after."""
    probs = np.zeros((len(labels), len(LABELS)))
    for i, label in enumerate(labels):
        k = LABELS.index(label)
        probs[i, k], probs[i, (k + 1) % 5], probs[i, (k + 2) % 5] = 0.6, 0.3, 0.1
    return probs, probs.argmax(axis=1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([{"selector": "div[", "label": "content"}], r"^rule 1: bad CSS selector 'div\['"),
        ([{"name": "x", "pattern": "(", "label": "promo"}], r"^rule 1 \('x'\): bad regex '\(': missing \)"),
        ([{"pattern": "a", "label": "spam"}], r"unknown label 'spam' \(labels: content, poll, consent, promo"),
        ([{"pattern": "a", "forbid": ["content", "nope"]}], "unknown label 'nope'"),
        ([{"pattern": "a", "lable": "promo"}], r"unknown key 'lable' \(keys: name, selector, pattern, label, forbid\)"),
        ([{"label": "promo"}], "give a selector, a pattern or both"),
        ([{"pattern": "a"}], "give either label"),
        ([{"pattern": "a", "label": "promo", "forbid": "content"}], "give either label"),
        ([{"pattern": "a", "forbid": list(LABELS)}], "forbid leaves no label"),
        (
            [{"name": "a", "pattern": "a", "label": "promo"}, {"name": "a", "pattern": "b", "label": "poll"}],
            "two rules",
        ),
        ({"rules": []}, "unknown top-level key 'rules'"),
        ("selector = 'p'", "rules are a list of rule tables"),
        ([3], "rule 1: a rule is a table"),
    ],
)
def test_bad_rules_fail_with_one_line(data: object, message: str) -> None:
    with pytest.raises(RuleError, match=message) as info:
        parse_rules(data)
    assert "\n" not in str(info.value)


def test_rules_from_parsed_toml_keep_order_names_and_pickle() -> None:
    ruleset = parse_rules(
        {"rule": [{"selector": "aside", "label": "promo"}, {"name": "n", "pattern": "x", "forbid": "poll"}]}
    )
    assert [r.name for r in ruleset.rules] == ["1", "n"]
    assert ruleset.rules[1].forbid == ("poll",)
    assert pickle.loads(pickle.dumps(ruleset)) == ruleset
    assert parse_rules(ruleset) is ruleset


def test_a_selector_matches_the_element_and_the_blocks_inside_it() -> None:
    root, blocks = page()
    ruleset = parse_rules([{"name": "recipe", "selector": "div.recipe", "label": "content"}])
    matched = [[r.name for r in m] for m in rules.matches(ruleset, blocks, root)]
    assert matched == [["recipe"], ["recipe"], [], []]


def test_a_pattern_and_a_selector_must_both_match() -> None:
    root, blocks = page()
    ruleset = parse_rules([{"selector": "aside, div", "pattern": "(?i)sponsored", "label": "promo"}])
    assert [bool(m) for m in rules.matches(ruleset, blocks, root)] == [False, False, True, False]


def test_selectors_never_match_plain_text_blocks() -> None:
    blocks = [Block(0, "Sponsored by Acme", "p", None, 0, 17)]
    ruleset = parse_rules([{"selector": "p", "label": "promo"}, {"pattern": "Acme", "label": "poll"}])
    assert [r.label for r in rules.matches(ruleset, blocks, None)[0]] == ["poll"]


def test_forcing_sets_the_label_with_confidence_one_and_a_cue() -> None:
    root, blocks = page()
    probs, labels = probs_for("boilerplate", "boilerplate", "content", "boilerplate")
    ruleset = parse_rules(
        [
            {"name": "recipe", "selector": ".recipe", "label": "content"},
            {"name": "ads", "selector": "#promo", "label": "promo"},
            {"name": "later", "selector": "#promo", "label": "poll"},  # the first forcing rule wins
        ]
    )
    new_probs, new_labels, cues = rules.apply(ruleset, blocks, root, probs, labels)
    assert [LABELS[k] for k in new_labels] == ["content", "content", "promo", "boilerplate"]
    assert new_probs[2, LABELS.index("promo")] == 1.0 and new_probs[2].sum() == 1.0
    assert cues == [("rule:recipe",), ("rule:recipe",), ("rule:ads",), ()]
    assert [LABELS[k] for k in labels] == ["boilerplate", "boilerplate", "content", "boilerplate"]  # not changed


def test_forbidding_takes_the_most_probable_label_left() -> None:
    root, blocks = page()
    probs, labels = probs_for("boilerplate", "content", "content", "boilerplate")
    ruleset = parse_rules(
        [
            {"name": "keep", "selector": ".recipe", "forbid": "boilerplate"},
            {"name": "share", "pattern": "^Share", "forbid": ["boilerplate", "content"]},
        ]
    )
    _, new_labels, cues = rules.apply(ruleset, blocks, root, probs, labels)
    # boilerplate's runner-up is content (0.3); the share line's next allowed after content is poll (0.1)
    assert [LABELS[k] for k in new_labels] == ["content", "content", "content", "poll"]
    assert cues == [("rule:keep",), (), (), ("rule:share",)]  # a forbid that changed nothing leaves no cue


def test_a_forced_label_beats_a_forbidding_rule() -> None:
    root, blocks = page()
    probs, labels = probs_for("content", "content", "content", "content")
    ruleset = parse_rules(
        [{"pattern": "Share", "forbid": "promo"}, {"name": "f", "pattern": "Share", "label": "promo"}]
    )
    _, new_labels, cues = rules.apply(ruleset, blocks, root, probs, labels)
    assert LABELS[new_labels[3]] == "promo" and cues[3] == ("rule:f",)
