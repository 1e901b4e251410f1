#!/usr/bin/env python3
"""How far cleaner's labels are from the best labelling its blocks allow, per main-content set and WCXB page type.

    python scripts/block_ceiling.py                      # wcxb-dev, full set, the installed model
    python scripts/block_ceiling.py --datasets wcxb-dev modern-dev --model DIR
    python scripts/block_ceiling.py --datasets wcxb-dev modern-dev --out docs/CEILING.md   # the table as a doc page

Each page is cleaned once. Its *ceiling* labelling keeps exactly the blocks that are gold-like: at least half of a
block's word trigrams occur in the page's gold text (a block of one or two words: its words occur there in a row).
The ceiling's score is what a perfect block classifier would reach with today's segmentation; the gap between it and
cleaner's own score is what classification (model and decide) loses, the gap between it and 1 what segmentation and
the gold's own wording lose. Printed per set (and page type): pages, cleaner's word precision / recall / F1 (WCXB's
measure), the ceiling's word F1, and the gold-like words of blocks cleaner flagged and the other words it kept.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO.parent / "shared" / "benchmarks"
MIN_SHARE = 0.5  # of a block's word trigrams found in the gold


def gold_like(block_words: Sequence[str], gold_trigrams: set[tuple[str, ...]], gold_joined: str) -> bool:
    """Whether a block (its lower-case words) reads as part of the gold text (``gold_joined``: its words joined by
    single spaces, with a space at each end)."""
    if not block_words:
        return False
    if len(block_words) < 3:
        return f" {' '.join(block_words)} " in gold_joined
    trigrams = [tuple(block_words[i : i + 3]) for i in range(len(block_words) - 2)]
    return sum(t in gold_trigrams for t in trigrams) >= MIN_SHARE * len(trigrams)


def page_row(segments: Sequence[Any], text: str, gold_text: str) -> tuple[float, ...]:
    """One cleaned page's word precision, recall and F1, its ceiling word F1, the words of gold-like blocks it
    flagged and the words of other blocks it kept (``segments``: the result's, ``text``: its clean text)."""
    from cleaner.core.vocabulary import RULED_TAGS
    from cleaner.learning.evaluate import tokens, word_scores

    segments = [s for s in segments if s.tag not in RULED_TAGS]  # a rule's blocks (frames, menus): never content
    gold = tokens(gold_text)
    trigrams = {tuple(gold[i : i + 3]) for i in range(len(gold) - 2)}
    joined = f" {' '.join(gold)} "
    kept, lost, extra = [], 0, 0
    for seg in segments:
        words = tokens(seg.text)
        like = gold_like(words, trigrams, joined)
        content = seg.label.value == "content"
        if like:
            kept.append(seg.text)
            lost += 0 if content else len(words)
        elif content:
            extra += len(words)
    precision, recall, f1 = word_scores(text, gold_text)
    return precision, recall, f1, word_scores("\n\n".join(kept), gold_text)[2], lost, extra


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", default=["wcxb-dev"])
    parser.add_argument("--model", default=None, help="model directory (default: the installed model)")
    parser.add_argument("--out", type=Path, help="also write the table, with the command, to this markdown file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from threadpoolctl import threadpool_limits

    from cleaner.api import Cleaner
    from cleaner.core.config import CleanerConfig
    from cleaner.learning import gate

    cleaner = Cleaner(args.model, config=CleanerConfig(cues=False))  # labels only: no cue work
    lines = [
        "| set | page type | pages | precision | recall | word F1 | ceiling word F1 | gold-like words flagged "
        "| other words kept |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    print(*lines, sep="\n")
    with threadpool_limits(1):
        for name in args.datasets:
            rows: dict[str, list[tuple[float, ...]]] = defaultdict(list)
            for rec in gate.read_records(BENCH / f"{name}.jsonl.gz"):
                result = cleaner.clean(rec["html"], kind="html")
                row = page_row(result.segments, result.text, rec["text"])
                rows["all"].append(row)
                if rec.get("page_type"):
                    rows[str(rec["page_type"])].append(row)
            for page_type in sorted(rows, key=lambda t: (t != "all", t)):
                a = np.asarray(rows[page_type])
                mean = a[:, :4].mean(axis=0)
                lines.append(
                    f"| {name} | {page_type} | {len(a)} | {mean[0]:.3f} | {mean[1]:.3f} | {mean[2]:.3f} | "
                    f"{mean[3]:.3f} | {int(a[:, 4].sum())} | {int(a[:, 5].sum())} |"
                )
                print(lines[-1], flush=True)
    if args.out:
        command = " ".join(["python scripts/block_ceiling.py", *(argv if argv is not None else sys.argv[1:])])
        intro = (
            "# What the blocks allow: cleaner against a perfect labelling of its own blocks\n\n"
            f"Generated by `{command}` with model `{cleaner.model_version}`. *Ceiling*: the word F1 (WCXB's measure, "
            "mean over pages) of keeping exactly the gold-like blocks, those with at least half of their word "
            "trigrams in the page's gold text (one- and two-word blocks: their words in a row there); what "
            "classification loses is the gap between cleaner's word F1 and it. *Gold-like words flagged*: words of "
            "gold-like blocks cleaner did not keep; *other words kept*: words of the blocks it kept that are not "
            "gold-like. Word counts only, never page text.\n\n"
        )
        args.out.write_text(intro + "\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
