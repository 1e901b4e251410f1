"""Pathological tag soup (hypothesis) under a time budget: unclosed raw-text elements, huge nodes, many tiny
elements and deep nesting give a Result or a one-line CleanerError quickly (issue 17). Budgets are generous, for
a shared 2-core CI box: each example here took well under a second when written."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner

_CLEANER = cleaner.Cleaner()
BUDGET_SECONDS = 10.0

_RAW = ["script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe", "plaintext", "noembed"]
_SMALL = ["p", "div", "span", "b", "li", "td", "tr", "a", "i", "br"]


@st.composite
def pathological(draw: st.DrawFn) -> str:
    """A page made of a few pathological runs, each up to a few hundred kilobytes."""
    parts = ["<html><body><p>The council met on Tuesday and agreed to extend the library's opening hours.</p>"]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["unclosed", "huge", "tiny", "deep", "closers", "attrs"]))
        n = draw(st.integers(1, 60_000))
        tag = draw(st.sampled_from(_RAW if kind == "unclosed" else _SMALL))
        if kind == "unclosed":
            parts.append(f"<{tag}>x < y " * n)
        elif kind == "huge":
            parts.append(draw(st.sampled_from(["<img src='data:,", "<script>", "<p>", "<a title='"])) + "A" * n * 10)
        elif kind == "tiny":
            parts.append(f"<{tag}>x" * n)
        elif kind == "deep":
            parts.append(f"<{tag}>" * min(n, 20_000))
        elif kind == "closers":
            parts.append(f"</{tag}>" * n)
        else:
            parts.append(f"<{tag} " + "a=b " * n + ">")
    return "".join(parts)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(pathological())
def test_pathological_markup_is_handled_in_time(source: str) -> None:
    start = time.monotonic()
    try:
        result = _CLEANER.clean(source)
    except cleaner.CleanerError as err:
        assert "\n" not in str(err)
    else:
        for s in result.segments:
            assert result.source_text[s.start : s.end] == s.text
    assert time.monotonic() - start < BUDGET_SECONDS


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(pathological())
def test_pathological_markup_smoke(source: str) -> None:
    start = time.monotonic()
    try:
        _CLEANER.clean(source)
    except cleaner.CleanerError as err:
        assert "\n" not in str(err)
    assert time.monotonic() - start < BUDGET_SECONDS
