#!/usr/bin/env python3
"""What the plain-text model does with text that is not a news article: forum threads, product descriptions,
listings, collections, documentation.

    python scripts/text_non_articles.py            # writes docs/TEXT_NON_ARTICLES.md (about a minute, one core)

Input: the gold main text of every ``wcxb-dev`` page (``../shared/benchmarks/wcxb-dev.jsonl.gz``), as an
extractor would hand it on: plain text, one paragraph per line. All of it is the page's main content, so every
token cleaner keeps as content is right and every flagged token is lost. Per page type: the share of tokens kept
as content (retention; mean over pages and pooled), the pages that lose more than a tenth, and what the lost text
was called.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import cleaner
from cleaner.core.types import LABELS

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "benchmarks" / "wcxb-dev.jsonl.gz"
OUT = ROOT / "docs" / "TEXT_NON_ARTICLES.md"
_TOKEN = re.compile(r"\w+")
LOSS_PAGE = 0.10  # a page "loses" when more than this share of its tokens is flagged


def tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def page_outcome(result: cleaner.Result) -> Counter[str]:
    """Tokens per label over the result's segments."""
    counts: Counter[str] = Counter()
    for seg in result.segments:
        counts[seg.label.value] += tokens(seg.text)
    return counts


def summarise(outcomes: dict[str, list[Counter[str]]]) -> list[dict[str, Any]]:
    rows = []
    for page_type, pages in sorted(outcomes.items(), key=lambda kv: -len(kv[1])):
        kept = [p["content"] / max(sum(p.values()), 1) for p in pages]
        pooled: Counter[str] = Counter()
        for p in pages:
            pooled.update(p)
        total = max(sum(pooled.values()), 1)
        rows.append(
            {
                "type": page_type,
                "pages": len(pages),
                "mean_kept": sum(kept) / len(kept),
                "pooled_kept": pooled["content"] / total,
                "losing_pages": sum(k < 1 - LOSS_PAGE for k in kept),
                "lost_as": {label: pooled[label] / total for label in LABELS if label != "content"},
            }
        )
    return rows


def markdown(rows: list[dict[str, Any]], model_version: str, skipped: int) -> str:
    lines = [
        "# Plain text that is not an article",
        "",
        "Rerun: `python scripts/text_non_articles.py` (writes this file).",
        "",
        f"Model `{model_version}`. Every `wcxb-dev` page's gold main text, cleaned as plain text (one paragraph per",
        "line, as extractors emit it). All of it is main content: *kept* is the share of its tokens cleaner keeps as",
        f"content; *pages losing > {LOSS_PAGE:.0%}* counts pages where more than that is flagged; the last columns say",
        f"what the flagged tokens were called (share of all tokens of the type). Pages with no gold text: {skipped}.",
        "",
        "| page type | pages | kept (mean over pages) | kept (pooled) | pages losing > 10% | as poll | as consent "
        "| as promo | as boilerplate |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lost = r["lost_as"]
        lines.append(
            f"| {r['type']} | {r['pages']} | {r['mean_kept']:.3f} | {r['pooled_kept']:.3f} | {r['losing_pages']} | "
            f"{lost['poll']:.3f} | {lost['consent']:.3f} | {lost['promo']:.3f} | {lost['boilerplate']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--first", type=int, default=None, help="only the first N pages (no file written)")
    args = ap.parse_args()
    c = cleaner.Cleaner(config=cleaner.CleanerConfig(cues=False))
    outcomes: dict[str, list[Counter[str]]] = defaultdict(list)
    skipped = 0
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if args.first is not None and i >= args.first:
                break
            rec = json.loads(line)
            text = "\n".join(p.strip() for p in (rec.get("text") or "").splitlines() if p.strip())
            if not tokens(text):
                skipped += 1
                continue
            outcomes[rec.get("page_type", "unknown")].append(page_outcome(c.clean(text, kind="text")))
    report = markdown(summarise(outcomes), c.model_version, skipped)
    print(report)
    if args.first is None:
        OUT.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
