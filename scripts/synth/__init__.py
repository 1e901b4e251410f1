"""Synthetic training data for cleaner: annotated HTML pages and plain-text documents.

Composed from the authored parts in ``training_data/parts`` (articles, snippets, lines,
templates, furniture.json). Deterministic: the same parts and seed give byte-identical output.

    parts.py       loading the authored parts (articles, snippets, lines, templates, furniture)
    html_pages.py  rendering a template + article into an annotated HTML page
    text_docs.py   plain-text documents with injected labelled groups
    build.py       the whole run (pick articles per template by page type, write the files)
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ROOT / "training_data" / "parts"
LABELS = ("content", "poll", "consent", "promo", "boilerplate")
PAGE_TYPES = ("article", "product", "service", "collection", "listing", "forum", "documentation")
