"""User rules: site-specific fixes without retraining, applied after the model.

A rule names the blocks it is about (a CSS ``selector`` the block element or an enclosing element matches, a
``pattern``, a regular expression searched in the block's text, or both) and either forces a ``label`` on them or
``forbid``s labels (the block then takes the most probable label left). The first forcing rule that matches a block
wins, and beats any forbidding one; a forced block's confidence is 1.0. A rule that decided a block shows as the cue
``rule:<name>``. In a rules file (TOML)::

    [[rule]]
    name = "recipe-steps"
    selector = "div.recipe-steps"
    label = "content"

    [[rule]]
    name = "sponsored"
    pattern = "(?i)^sponsored by"
    forbid = ["content"]

Pure: rules are validated from plain data (reading the file is the caller's job); selectors and patterns are
compiled once per process and cached, so a ``RuleSet`` is small, hashable and pickles as plain strings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cleaner.core.errors import CleanerError
from cleaner.core.types import LABELS, Block

RULE_KEYS = ("name", "selector", "pattern", "label", "forbid")
CUE_PREFIX = "rule:"


class RuleError(CleanerError, ValueError):
    """A rule is malformed: a bad selector or regex, an unknown label or key."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule (see the module docstring)."""

    name: str
    selector: str | None = None
    pattern: str | None = None
    label: str | None = None
    forbid: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Validated rules, in the order they were given."""

    rules: tuple[Rule, ...]

    @property
    def uses_selectors(self) -> bool:
        return any(r.selector is not None for r in self.rules)

    def __len__(self) -> int:
        return len(self.rules)


@functools.lru_cache(maxsize=256)
def compiled_selector(selector: str) -> Any:
    """The selector as an lxml XPath over HTML (cssselect's HTML translator); ``RuleError`` when it is not CSS."""
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    try:
        return CSSSelector(selector, translator="html")
    except SelectorError as exc:
        raise RuleError(f"bad CSS selector {selector!r}: {exc}") from None


@functools.lru_cache(maxsize=256)
def compiled_pattern(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleError(f"bad regex {pattern!r}: {exc}") from None


def _label(value: object, where: str) -> str:
    if not isinstance(value, str) or value not in LABELS:
        raise RuleError(f"{where}: unknown label {value!r} (labels: {', '.join(LABELS)})")
    return value


def _text(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise RuleError(f"{where}: {key} must be a non-empty string, not {value!r}")
    return value


def parse_rule(data: object, number: int) -> Rule:
    """One rule from a mapping; ``number`` (1-based) names it in errors and is its default name."""
    if isinstance(data, Rule):
        return parse_rule({k: getattr(data, k) for k in RULE_KEYS}, number)
    if not isinstance(data, Mapping):
        raise RuleError(f"rule {number}: a rule is a table/mapping, not {type(data).__name__}")
    unknown = sorted(set(data) - set(RULE_KEYS))
    where = f"rule {number}" + (f" ({data['name']!r})" if isinstance(data.get("name"), str) else "")
    if unknown:
        raise RuleError(f"{where}: unknown key {unknown[0]!r} (keys: {', '.join(RULE_KEYS)})")
    name = _text(data, "name", where) or str(number)
    selector, pattern = _text(data, "selector", where), _text(data, "pattern", where)
    if selector is None and pattern is None:
        raise RuleError(f"{where}: give a selector, a pattern or both")
    forbid_value = data.get("forbid") or ()
    forbid_list = [forbid_value] if isinstance(forbid_value, str) else forbid_value
    if not isinstance(forbid_list, Sequence):
        raise RuleError(f"{where}: forbid must be a label or a list of labels, not {forbid_value!r}")
    forbid = tuple(dict.fromkeys(_label(v, where) for v in forbid_list))
    label = None if data.get("label") is None else _label(data["label"], where)
    if (label is None) == (not forbid):
        raise RuleError(f"{where}: give either label (force it) or forbid (labels it must not get)")
    if len(forbid) == len(LABELS):
        raise RuleError(f"{where}: forbid leaves no label to choose")
    try:
        if selector is not None:
            compiled_selector(selector)
        if pattern is not None:
            compiled_pattern(pattern)
    except RuleError as exc:
        raise RuleError(f"{where}: {exc}") from None
    return Rule(name=name, selector=selector, pattern=pattern, label=label, forbid=forbid)


def parse_rules(data: object) -> RuleSet:
    """A ``RuleSet`` from a ``RuleSet``, a list of rule mappings, or a mapping with a ``rule`` list (a parsed TOML
    file); ``RuleError`` with a one-line message otherwise."""
    if isinstance(data, RuleSet):
        return data
    if isinstance(data, Mapping):
        unknown = sorted(set(data) - {"rule"})
        if unknown:
            raise RuleError(f"unknown top-level key {unknown[0]!r}: rules go in [[rule]] tables")
        data = data.get("rule", [])
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        raise RuleError(f"rules are a list of rule tables, not {type(data).__name__}")
    rules = tuple(parse_rule(item, number) for number, item in enumerate(data, 1))
    names = [r.name for r in rules]
    twice = next((n for n in names if names.count(n) > 1), None)
    if twice is not None:
        raise RuleError(f"two rules are named {twice!r}: names must be unique (they are the cues)")
    return RuleSet(rules)


def _prefixes(xpath: str) -> set[str]:
    """The element's XPath and its ancestors': ``/html/body/div[2]/p`` -> ``/html``, ``/html/body``, ..."""
    parts = xpath.split("/")
    return {"/".join(parts[:n]) for n in range(2, len(parts) + 1)}


def matches(ruleset: RuleSet, blocks: Sequence[Block], root: Any) -> list[list[Rule]]:
    """The rules that match each block, in rule order. Selectors are evaluated on ``root`` (the tree the blocks'
    XPaths come from); they never match plain-text blocks (no tree)."""
    out: list[list[Rule]] = [[] for _ in blocks]
    selected: dict[str, set[str]] = {}
    if root is not None and ruleset.uses_selectors:
        tree = root.getroottree()
        for rule in ruleset.rules:
            if rule.selector is not None and rule.selector not in selected:
                selected[rule.selector] = {tree.getpath(el) for el in compiled_selector(rule.selector)(root)}
    prefixes: dict[str, set[str]] = {}
    for i, block in enumerate(blocks):
        for rule in ruleset.rules:
            if rule.selector is not None:
                if block.xpath is None or rule.selector not in selected:
                    continue
                if block.xpath not in prefixes:
                    prefixes[block.xpath] = _prefixes(block.xpath)
                if selected[rule.selector].isdisjoint(prefixes[block.xpath]):
                    continue
            if rule.pattern is not None and compiled_pattern(rule.pattern).search(block.text) is None:
                continue
            out[i].append(rule)
    return out


def apply(
    ruleset: RuleSet, blocks: Sequence[Block], root: Any, probs: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[tuple[str, ...]]]:
    """``(probs, labels, cues)`` after the rules: a forced block gets its label with probability 1; a block whose
    label is forbidden gets the most probable label left; ``cues`` holds ``rule:<name>`` of the deciding rules."""
    cues: list[tuple[str, ...]] = [()] * len(blocks)
    if not len(ruleset) or not len(blocks):
        return probs, labels, cues
    probs, labels = probs.copy(), labels.copy()
    for i, matched in enumerate(matches(ruleset, blocks, root)):
        if not matched:
            continue
        force = next((r for r in matched if r.label is not None), None)
        if force is not None and force.label is not None:
            k = LABELS.index(force.label)
            probs[i] = 0.0
            probs[i, k] = 1.0
            labels[i] = k
            cues[i] = (CUE_PREFIX + force.name,)
            continue
        forbidding = [r for r in matched if LABELS[labels[i]] in r.forbid]
        if not forbidding:
            continue
        banned = {LABELS.index(label) for r in matched for label in r.forbid}
        allowed = [k for k in range(len(LABELS)) if k not in banned]
        if allowed:
            labels[i] = max(allowed, key=lambda k: probs[i, k])
            cues[i] = tuple(CUE_PREFIX + r.name for r in forbidding)
    return probs, labels, cues
