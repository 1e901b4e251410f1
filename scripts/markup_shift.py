#!/usr/bin/env python3
"""Markup tokens whose content share differs most between the training pages and a dev set's gold.

    python scripts/markup_shift.py                                  # training_data/ against wcxb-dev, 500 pages each
    python scripts/markup_shift.py --data /tmp/draw --dataset modern-dev --pages 126 --top 40

A model learns what a markup token (``features.markup_doc``: the block's tag, parent, ancestors, class/id words)
says about a block from the training pages. Where the generated pages use a token mostly for furniture and real
pages mostly for the story (or the other way round), the model learns the wrong lesson. For blocks of
``MIN_WORDS`` words or more, this counts each token's blocks and the share that are content: on the training pages
by their labels, on the dev set by whether the block's first 50 characters are in the page's gold text (pages whose
gold has fewer than ``MIN_GOLD_WORDS`` words are skipped). Tokens are ranked by the difference in log-odds,
weighted by the square root of the smaller count; ``<<`` marks a token that leans to content on one side and away
from it on the other. Counts and shares only, never page text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from cleaner import Cleaner
from cleaner.core.features import markup_doc
from cleaner.core.types import Block
from cleaner.learning.corpus import page_labels

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"
MIN_WORDS = 6  # shorter blocks (menu items, buttons) would swamp the counts
MIN_GOLD_WORDS = 30
MIN_TRAINING_BLOCKS = 40  # a token seen on fewer blocks on either side is left out
MIN_DEV_BLOCKS = 80
GOLD_PREFIX_CHARS = 50

Counts = dict[str, list[int]]  # token -> [other blocks, content blocks]


def _tokens(block: Block) -> set[str]:
    return set(markup_doc(block).split())


def training_blocks(folder: Path, pages: int, seed: int) -> Iterator[tuple[Block, bool]]:
    """(block, is content) for the labelled blocks of a sample of the generated pages."""
    files = sorted(folder.glob("*.html"))
    for path in random.Random(seed).sample(files, min(pages, len(files))):
        blocks, labels, *_ = page_labels(path.read_text(encoding="utf-8"))
        for block, label in zip(blocks, labels, strict=True):
            if label is not None and block.xpath is not None and len(block.text.split()) >= MIN_WORDS:
                yield block, label == "content"


def dev_blocks(dataset: str, pages: int, seed: int) -> Iterator[tuple[Block, bool]]:
    """(block, is in the gold) for the blocks of a sample of a dev set's pages."""
    with gzip.open(SHARED / f"{dataset}.jsonl.gz", "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    cleaner = Cleaner()
    for record in random.Random(seed).sample(records, min(pages, len(records))):
        gold = " ".join(str(record.get("text") or "").split())
        if len(gold.split()) < MIN_GOLD_WORDS:
            continue
        for block in cleaner.prepare(record["html"]).doc.blocks:
            text = " ".join(block.text.split())
            if block.xpath is not None and len(text.split()) >= MIN_WORDS:
                yield block, text[:GOLD_PREFIX_CHARS] in gold


def count(blocks: Iterator[tuple[Block, bool]]) -> Counts:
    counts: Counts = defaultdict(lambda: [0, 0])
    for block, content in blocks:
        for token in _tokens(block):
            counts[token][content] += 1
    return counts


def share(c: list[int]) -> float:
    """The content share, smoothed (add one to each side)."""
    return (c[1] + 1) / (c[0] + c[1] + 2)


def ranked(train: Counts, dev: Counts) -> list[tuple[float, str, float, int, float, int]]:
    rows = []
    for token in set(train) & set(dev):
        a, b = train[token], dev[token]
        if sum(a) < MIN_TRAINING_BLOCKS or sum(b) < MIN_DEV_BLOCKS:
            continue
        sa, sb = share(a), share(b)
        gap = abs(math.log(sa / (1 - sa)) - math.log(sb / (1 - sb)))
        rows.append((gap * math.sqrt(min(sum(a), sum(b))), token, sa, sum(a), sb, sum(b)))
    return sorted(rows, reverse=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / "training_data", help="a training draw (its pages/generated)")
    ap.add_argument("--dataset", default="wcxb-dev")
    ap.add_argument("--pages", type=int, default=500, help="pages sampled from each side")
    ap.add_argument("--top", type=int, default=70)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    train = count(training_blocks(args.data / "pages" / "generated", args.pages, args.seed))
    dev = count(dev_blocks(args.dataset, args.pages, args.seed))
    print(f"blocks of {MIN_WORDS}+ words: content share on the training pages against in-gold share on {args.dataset}")
    print(f"{'token':28} {'training (blocks)':>19} {'dev (blocks)':>16}")
    for _, token, sa, na, sb, nb in ranked(train, dev)[: args.top]:
        flip = "<<" if (sa - 0.5) * (sb - 0.5) < 0 else ""
        print(f"{token:28} {sa:8.2f} ({na:6d})   {sb:6.2f} ({nb:6d})  {flip}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
