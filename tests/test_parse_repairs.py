"""scripts/parse_repairs.py: which pages each repair rewrites, and that switching one off is undone (no model, no
benchmark data)."""

from __future__ import annotations

from types import ModuleType

import pytest

from cleaner.core import parse

from .conftest import load_script

UNCLOSED_MENU = "<body><nav><div>Menu</nav><main><p>The story.</p></main></body>"
EARLY_END = "<html><body><p>Pasted.</p></body></html><p>The rest.</p>"
WHOLE = "<html><body><nav><div>Menu</div></nav><p>The story.</p></body></html>"


@pytest.fixture(scope="module")
def pr() -> ModuleType:
    return load_script("parse_repairs")


def test_each_repair_names_the_pages_it_rewrites(pr: ModuleType) -> None:
    assert pr.REPAIRS["CLOSE_SECTIONS"](UNCLOSED_MENU) and not pr.REPAIRS["CLOSE_SECTIONS"](WHOLE)
    assert pr.REPAIRS["KEEP_AFTER_END"](EARLY_END) and not pr.REPAIRS["KEEP_AFTER_END"](WHOLE)


def test_a_repair_is_off_for_the_duration_only(pr: ModuleType) -> None:
    story = lambda: parse.parse_html(UNCLOSED_MENU).find(".//main")  # noqa: E731
    assert story().getparent().tag == "body"
    with pr.repair_off("CLOSE_SECTIONS"):
        assert parse.CLOSE_SECTIONS is False
        assert story().getparent().tag != "body"  # libxml2 alone: the story inside the menu
    assert parse.CLOSE_SECTIONS is True
    with pytest.raises(SystemExit):
        with pr.repair_off("NO_SUCH_REPAIR"):
            pass


def test_only_rewritten_pages_are_cleaned_again(pr: ModuleType) -> None:
    records = [{"id": "a", "html": UNCLOSED_MENU, "text": "The story."}, {"id": "b", "html": WHOLE, "text": "x"}]
    cleaned: list[str] = []
    off, rewritten = pr.measure(records, lambda source: cleaned.append(source) or "off", "CLOSE_SECTIONS", ["on", "on"])
    assert rewritten == ["a"] and cleaned == [UNCLOSED_MENU] and off == ["off", "on"]
