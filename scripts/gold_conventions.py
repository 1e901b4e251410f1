#!/usr/bin/env python3
"""How each dev set's gold treats the page parts that ``../shared/LABELS.md`` decides one way, and what that costs.

    python scripts/gold_conventions.py                      # prints the tables
    python scripts/gold_conventions.py --out docs/GOLD_CONVENTIONS.md

The main-content sets were annotated by different people under different rules. Three parts of a page recur where
they disagree with each other and with ``LABELS.md``:

- the **headline** (the page's ``<h1>``): ``LABELS.md`` calls it content;
- **reader comments**: boilerplate in ``LABELS.md``;
- **reference and footnote lists** at the end of an article: the article's own lists (content) in ``LABELS.md``.

For each set this counts how often the gold keeps the part (the part's text found in the gold text), and what
cleaner's score would be with the headline convention turned round: its shipped output with the ``<h1>`` lines taken
out (``typed-dev``'s comments: ``scripts/typed_comment_share.py``). Cleaner itself is not changed by any of this:
the shipped output follows ``LABELS.md``. No page text is written, only counts and scores.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import lxml.html
import numpy as np
from lxml import etree

from cleaner import Cleaner
from cleaner.learning.evaluate import corpus_scores, page_scores, word_f1
from cleaner.learning.gate import read_records

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"
MAIN_SETS = ("cleaneval", "dragnet", "cetd", "modern-dev", "wcxb-dev")
HEADLINE_MIN_WORDS = 3  # a shorter <h1> is usually a logo or a section name, not the piece's headline
PART_MIN_WORDS = 5  # a comment or reference text of fewer words is a name, a date or a "Reply" link
_SPACE = re.compile(r"\s+")
# Class, id or role names of the containers: one word of the name (split at -, _ and spaces) starts the pattern.
COMMENT_NAME = re.compile(r"(^|[\s_-])(comment(?!ar)|disqus)", re.IGNORECASE)  # not "commentary": an opinion column
REFERENCE_NAME = re.compile(
    r"(^|[\s_-])(references|reflist|footnotes?|endnotes|bibliography|citations|doc-endnotes)([\s_-]|$)", re.IGNORECASE
)


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def parse(html: str) -> Any:
    """The page as ``lxml.html`` reads it: the parser ``docs/GOLD_CONVENTIONS.md`` was counted with. Cleaner's own
    (``cleaner.core.parse.parse_html``) recovers a few pages differently (one more headline page on ``cleaneval``,
    one more comment page on ``dragnet``); the shares stay within a point."""
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def headlines(tree: Any) -> set[str]:
    """The page's ``<h1>`` texts of at least ``HEADLINE_MIN_WORDS`` words."""
    if tree is None:
        return set()
    texts = {norm(h.text_content()) for h in tree.iter("h1")}
    return {t for t in texts if len(t.split()) >= HEADLINE_MIN_WORDS}


def _named(el: Any, pattern: re.Pattern[str]) -> bool:
    name = " ".join(str(el.get(a) or "") for a in ("class", "id", "role"))
    return bool(pattern.search(name))


def part_texts(tree: Any, pattern: re.Pattern[str]) -> list[str]:
    """The texts of ``PART_MIN_WORDS`` or more words written directly in elements (their own text, not their
    children's) that sit inside an element whose class, id or role matches ``pattern``."""
    if tree is None:
        return []
    out = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        own = norm(" ".join([el.text or "", *(c.tail or "" for c in el)]))
        if len(own.split()) < PART_MIN_WORDS:
            continue
        if any(_named(a, pattern) for a in (el, *el.iterancestors())):
            out.append(own)
    return out


def in_gold(parts: list[str], gold: str) -> tuple[int, int]:
    """Words of ``parts`` whose text (its first 60 characters) the gold holds, and all their words."""
    kept = sum(len(p.split()) for p in parts if p[:60] in gold)
    return kept, sum(len(p.split()) for p in parts)


def main_set_row(name: str, cleaner: Cleaner) -> dict[str, Any]:
    """One main-content set: how its gold treats headlines, comments and references; cleaner with and without
    its ``<h1>`` lines."""
    with_h1, without_h1, words_with, words_without = [], [], [], []
    pages_h1 = h1_in_gold = 0
    parts = {"comments": [0, 0, 0], "references": [0, 0, 0]}  # pages, words in gold, words
    for rec in read_records(SHARED / f"{name}.jsonl.gz"):
        tree = parse(rec["html"])
        gold = norm(rec["text"])
        heads = headlines(tree)
        if heads:
            pages_h1 += 1
            h1_in_gold += any(h in gold for h in heads)
        for part, pattern in (("comments", COMMENT_NAME), ("references", REFERENCE_NAME)):
            kept, total = in_gold(part_texts(tree, pattern), gold)
            if total:
                row = parts[part]
                row[0] += 1
                row[1] += kept
                row[2] += total
        text = cleaner.clean(rec["html"]).text
        body = "\n".join(line for line in text.split("\n") if norm(line) not in heads)
        with_h1.append(page_scores(text, rec["text"]))
        without_h1.append(page_scores(body, rec["text"]))
        if name == "wcxb-dev":
            words_with.append(word_f1(text, rec["text"]))
            words_without.append(word_f1(body, rec["text"]))
    row: dict[str, Any] = {
        "set": name,
        "pages_with_headline": pages_h1,
        "headline_in_gold": h1_in_gold,
        "f1": corpus_scores(with_h1)["f1"],
        "f1_without_headline": corpus_scores(without_h1)["f1"],
        "parts": {k: {"pages": v[0], "words_in_gold": v[1], "words": v[2]} for k, v in parts.items()},
    }
    if words_with:
        row["word_f1"] = float(np.mean(words_with))
        row["word_f1_without_headline"] = float(np.mean(words_without))
    return row


def _share(a: int, b: int) -> str:
    return f"{a / b:.0%} of {b:,}" if b else "–"


def render(rows: list[dict[str, Any]]) -> str:
    lines = [
        "# How the dev sets' gold treats headlines, reader comments and reference lists",
        "",
        "Generated by `python scripts/gold_conventions.py --out docs/GOLD_CONVENTIONS.md` (shipped model, every",
        "page of each set); do not edit by hand. `../shared/LABELS.md` calls the headline content, reader comments",
        "boilerplate, and an article's own reference list content; cleaner follows it on every set. The sets'",
        "annotators did not all do the same, so on some sets a target over the best peer is partly a target on the",
        "convention.",
        "",
        "## Headline (`<h1>` of 3+ words)",
        "",
        "| set | pages with one | its text in the gold | cleaner F1 | without its `<h1>` lines | change |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['set']} | {r['pages_with_headline']:,} | {_share(r['headline_in_gold'], r['pages_with_headline'])}"
            f" | {r['f1']:.4f} | {r['f1_without_headline']:.4f} | {r['f1_without_headline'] - r['f1']:+.4f} |"
        )
    for r in rows:
        if "word_f1" in r:
            lines += [
                "",
                f"{r['set']} word F1 (its own metric): {r['word_f1']:.4f}, without the `<h1>` lines "
                f"{r['word_f1_without_headline']:.4f} ({r['word_f1_without_headline'] - r['word_f1']:+.4f}).",
            ]
    lines += [
        "",
        "## Reader comments and reference lists: words the gold keeps",
        "",
        "Texts of 5+ words written in elements inside a container whose class, id or role names comments",
        "(`comment`, `comments`, `commenttext`, `disqus`…) or references (`references`, `reflist`, `footnotes`,",
        "`endnotes`, `doc-endnotes`…); a text counts as kept when the gold holds its first 60 characters.",
        "",
        "| set | pages with comments | comment words in the gold | pages with references | reference words in gold |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        c, f = r["parts"]["comments"], r["parts"]["references"]
        lines.append(
            f"| {r['set']} | {c['pages']:,} | {_share(c['words_in_gold'], c['words'])} | {f['pages']:,}"
            f" | {_share(f['words_in_gold'], f['words'])} |"
        )
    lines += [
        "",
        "`typed-dev`'s content retention is capped the same way: its gold labels reader comments content on the",
        "`cetd/YAHOO!` pages (`python scripts/typed_comment_share.py` counts the tokens).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=list(MAIN_SETS))
    parser.add_argument("--out", type=Path, help="write the Markdown here (default: print it)")
    args = parser.parse_args(argv)
    cleaner = Cleaner()
    rows = [main_set_row(name, cleaner) for name in args.sets]
    text = render(rows)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
