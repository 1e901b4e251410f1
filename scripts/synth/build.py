"""The whole run: pick articles for each template by page type, render pages, write text documents."""

from __future__ import annotations

import json
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from . import PARTS
from .html_pages import render_page
from .parts import (
    Article,
    Furniture,
    Lines,
    Snippets,
    Template,
    load_articles,
    load_furniture,
    load_lines,
    load_snippets,
    load_templates,
)
from .stable import StableRandom, clear_cache
from .text_docs import make_text

SINGLE_NEWLINE_SHARE = 0.35  # text documents whose paragraphs are separated by single newlines
# The shipped draw: seed, pages per template, text documents. Session 21: 12 pages and 16,000 texts against 6 and
# 8,000 (seeds 2, 3, 4 each, full gate, scripts/draw_compare.py): on the mean over draws wcxb-dev word F1 +0.005
# (product +0.012, documentation +0.012, listing +0.012, service +0.017; collection -0.006, forum -0.003), typed-dev
# content retention +0.015, plain-text caught +1.3 points on both sets, modern-dev -0.002 (docs/DRAWS.md). 18 pages
# and 24,000 texts (seed 2 only) were worse than 12 and 16,000 on most figures.
SHIPPED_SEED = 2
SHIPPED_PAGES_PER_TEMPLATE = 12
SHIPPED_TEXTS = 16000
# Plain-text documents only the plain-text model learns from: their injected runs come from ``parts/lines/text-only``
# (session 35). The HTML model reads a share of the other text documents (``build.HTML_TEXT_SHARE``), so lines added
# there would move it; lines added here leave every HTML training row, and so the HTML model, as it was.
SHIPPED_TEXT_ONLY = 4000
TEXT_ONLY_FOLDER = "lines/text-only"


def article_pools(
    tpl: Template, articles: list[Article], genre_to_page_type: dict[str, str]
) -> tuple[list[Article], list[Article]]:
    """(English, other-language) articles whose genre fits the template's page type."""
    fits = [a for a in articles if genre_to_page_type.get(a.genre, "article") == tpl.page_type]
    if not fits:
        print(f"template {tpl.name}: no article fits page type {tpl.page_type!r}; using any", file=sys.stderr)
        fits = articles
    en = [a for a in fits if a.lang == "en"] or fits
    other = [a for a in fits if a.lang != "en"]
    return en, other


def generators(stream: str, stable: bool) -> Callable[[int], random.Random]:
    """The generator the n-th page or document of a ``stream`` draws from: the stream's one shared generator, or in a
    stable draw one of its own (``synth.stable``)."""
    if stable:
        return lambda n: StableRandom(f"{stream}|{n}")
    shared = random.Random(stream)
    return lambda n: shared


def generate(
    seed: int,
    pages_per_template: int,
    n_texts: int,
    out: Path,
    parts: Path = PARTS,
    n_text_only: int = SHIPPED_TEXT_ONLY,
    stable: bool = False,
) -> str:
    """Write ``pages/generated``, ``texts/generated.jsonl`` and (when ``parts/lines/text-only`` holds lines)
    ``texts/text-only.jsonl`` under ``out`` from the authored ``parts``. ``stable``: a stable draw (``synth.stable``:
    a generator per page and per text document, choices by rendezvous hashing), for screening a data change; the
    shipped draw is not one."""
    furniture = load_furniture(parts)
    articles = load_articles(parts)
    snippets = load_snippets(parts)
    lines = load_lines(parts)
    templates = load_templates(parts)
    pages_dir = out / "pages" / "generated"
    if pages_dir.exists():
        shutil.rmtree(pages_dir)
    pages_dir.mkdir(parents=True)
    count = 0
    by_type: dict[str, int] = {}
    for tpl in templates:
        multilingual = tpl.settings.get("lang", "en") != "en"
        en_pool, other_pool = article_pools(tpl, articles, furniture.genre_to_page_type)
        by_type[tpl.page_type] = by_type.get(tpl.page_type, 0) + 1
        # Each template draws from its own generator: adding or removing a template leaves every other
        # template's pages as they were, so an ablation changes only the pages it is about.
        page_rng = generators(f"{seed}|{tpl.name}", stable)
        for k in range(pages_per_template):
            rng = page_rng(k)
            pool = other_pool if multilingual and other_pool and k % 2 == 1 else en_pool
            art = rng.choice(pool)
            page_html = render_page(tpl, art, snippets, rng, furniture, articles)
            (pages_dir / f"{tpl.name}--{k:02d}.html").write_text(page_html, encoding="utf-8")
            count += 1
    texts_dir = out / "texts"
    texts_dir.mkdir(parents=True, exist_ok=True)
    # The text documents draw from their own generator: a page template or snippet added must not reshuffle them
    # (the plain-text model learns from these alone, so a shared draw made HTML-only changes move its figures).
    shared = (articles, snippets, furniture)
    write_texts(texts_dir / "generated.jsonl", f"{seed}|texts", n_texts, lines, shared, stable=stable)
    text_only_lines = load_lines(parts, TEXT_ONLY_FOLDER)
    text_only_path = texts_dir / "text-only.jsonl"
    text_only_path.unlink(missing_ok=True)
    n_text_only = n_text_only if text_only_lines else 0
    if n_text_only:  # their own generator too: adding them leaves generated.jsonl byte-identical
        stream = f"{seed}|texts|text-only"
        write_texts(text_only_path, stream, n_text_only, text_only_lines, shared, text_only=True, stable=stable)
    clear_cache()
    types = ", ".join(f"{t} {n}" for t, n in sorted(by_type.items()))
    return (
        f"{count} pages from {len(templates)} templates ({types}), {n_texts} text documents and {n_text_only} "
        f"text-only documents, {len(articles)} articles, {sum(len(v) for v in snippets.values())} snippets"
    )


def write_texts(
    path: Path,
    stream: str,
    n: int,
    lines: Lines,
    parts: tuple[list[Article], Snippets, Furniture],
    text_only: bool = False,
    stable: bool = False,
) -> None:
    """Write ``n`` distinct annotated text documents to ``path``: articles with injected runs drawn from ``lines``
    (and the snippets). ``text_only``: marked as the plain-text model's alone (ids ``text-only-NNNNN``).
    Documents draw from ``generators(stream, stable)``: one shared generator, or one per attempt at a document."""
    articles, snippets, furniture = parts
    sites = furniture.sites
    other = [a for a in articles if a.lang != "en"]
    document_rng = generators(stream, stable)
    with open(path, "w", encoding="utf-8") as fh:
        seen: set[str] = set()
        i = attempt = 0
        while i < n:
            rng = document_rng(attempt)
            attempt += 1
            art = rng.choice(articles if rng.random() < 0.7 else other or articles)
            paras = make_text(art, lines, snippets, furniture, rng, rng.choice(sites.get(art.lang, sites["en"])))
            key = json.dumps(paras, ensure_ascii=False)
            if key in seen:
                continue
            seen.add(key)
            record: dict[str, object] = {
                # A stable draw numbers a document by its attempt, so one that turns into a repeat shifts no other.
                "id": f"{'text-only' if text_only else 'text'}-{attempt - 1 if stable else i:05d}",
                "group": art.slug,
                "lang": art.lang,
                "paragraphs": [{"text": t, "label": lab} for lab, t in paras],
            }
            if text_only:
                record["text_only"] = True
            if rng.random() < SINGLE_NEWLINE_SHARE:  # FineWeb/C4-style: one paragraph per line, no blank lines
                record["text"] = "\n".join(t for _, t in paras)
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            i += 1
