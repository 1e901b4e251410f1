"""The mission's worked example, as plain text and wrapped in a realistic page."""

from __future__ import annotations

import html
import json
from pathlib import Path

import cleaner
from cleaner import Label

from .conftest import EXAMPLE

GOLDEN = Path(__file__).parent / "golden"


def _paragraphs() -> list[dict[str, str]]:
    labels = EXAMPLE.with_name("injected-poll-article.labels.json")
    return list(json.loads(labels.read_text(encoding="utf-8"))["paragraphs"])


def test_plain_text_flags_exactly_the_poll_and_its_consent_line(example_text: str) -> None:
    result = cleaner.clean(example_text)
    assert result.kind == "text"
    flagged = [(s.label, s.text) for s in result.flagged]
    assert flagged == [
        (Label.POLL, "Who do you think would win the Presidency?"),
        (Label.CONSENT, next(p["text"] for p in _paragraphs() if p["label"] == "consent")),
    ]
    content = [s for s in result.segments if s.label is Label.CONTENT]
    assert len(content) == 12
    assert [s.label.value for s in result.segments] == [p["label"] for p in _paragraphs()]


def test_plain_text_offsets_cut_the_input(example_text: str) -> None:
    result = cleaner.clean(example_text)
    for s in result.segments:
        assert example_text[s.start : s.end] == s.text


def test_flagged_segments_explain_themselves(example_text: str) -> None:
    result = cleaner.clean(example_text)
    for s in result.flagged:
        assert s.cues, f"no cues for {s.text!r}"
        assert 0.0 < s.confidence <= 1.0
    consent = next(s for s in result.flagged if s.label is Label.CONSENT)
    assert any(c.startswith("after:poll") for c in consent.cues)


def _page(example_text: str) -> str:
    page = (GOLDEN / "poll_article_page.html").read_text(encoding="utf-8")
    paragraphs = _paragraphs()
    content = [p["text"] for p in paragraphs if p["label"] == "content"]
    for i, text in enumerate(content):
        page = page.replace(f"PARAGRAPH_{i}<", html.escape(text) + "<")
    page = page.replace("POLL_QUESTION", html.escape(next(p["text"] for p in paragraphs if p["label"] == "poll")))
    return page.replace("POLL_CONSENT", html.escape(next(p["text"] for p in paragraphs if p["label"] == "consent")))


def test_html_page_labels(example_text: str) -> None:
    result = cleaner.clean(_page(example_text).encode("utf-8"))
    assert result.kind == "html"
    by_text = {s.text: s.label for s in result.segments}
    paragraphs = _paragraphs()
    for p in paragraphs:
        assert by_text[p["text"]].value == p["label"], p["text"][:60]
    assert by_text["Politics"] is Label.BOILERPLATE
    assert by_text["© 2023 Capitol Ledger Media. All rights reserved."] is Label.BOILERPLATE
    banner = next(t for t in by_text if t.startswith("We use cookies"))
    assert by_text[banner] is Label.CONSENT
    assert by_text["Get the Morning Ledger newsletter"] is Label.PROMO
    assert by_text["Vote"] is Label.POLL
    assert "Who do you think would win" not in result.text
    for p in paragraphs:
        if p["label"] == "content":
            assert p["text"] in result.text
