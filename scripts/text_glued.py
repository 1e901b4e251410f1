#!/usr/bin/env python3
"""Plain text (issue 14): a widget glued onto the paragraph before it, split off or not.

    python scripts/text_glued.py                  # both injected dev sets, writes docs/TEXT_GLUED.md
    python scripts/text_glued.py --first 50 --no-docs

Extractors flatten a share bar, a sign-up ask or a cookie line into the paragraph next to it ("...said the mayor.
Share this article on Facebook"; "Sign up for our newsletter. The council voted..."). The injected dev sets keep every
segment in a paragraph of its own, so this script rebuilds each document in memory twice: with the first injected
paragraph after each content paragraph glued onto its end, and with the last injected paragraph before each content
paragraph glued onto its start (one space instead of the blank line; at most ``GLUED_MAX_WORDS`` words; the sentence
before the join must end with terminal punctuation). The gold segments are unchanged (the scorer aligns tokens). Each
version is cleaned with the shipped model twice, with the glued-widget split (``segment.glued_pieces``) on and off,
and scored with the benchmark's ``TypedScore`` (caught, kept, typed right).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.datasets import REPO, dataset_path, load_records  # noqa: E402
from text_curve import summary, versions  # noqa: E402

from cleaner.core import segment  # noqa: E402
from cleaner.learning.evaluate import TypedScore  # noqa: E402

DATASETS = ("injected-dev", "injected-modern-dev")
OUT = REPO / "docs" / "TEXT_GLUED.md"
GLUED_MAX_WORDS = 20
TERMINAL = (".", "!", "?", "…", '"', "”", "’")


def glued(gold: list[tuple[str, str]], where: str = "after") -> tuple[str, int]:
    """The document with short injected paragraphs glued onto a content paragraph, and how many were glued.

    ``"after"``: the first injected paragraph after each content paragraph that ends a sentence is glued onto its
    end; ``"before"``: the last injected paragraph before each content paragraph, when it ends a sentence itself, is
    glued onto its start. At most ``GLUED_MAX_WORDS`` words each."""
    parts: list[tuple[str, str]] = []  # (text, label of its last paragraph)
    n = 0
    for text, label in gold:
        if parts:
            previous, previous_label = parts[-1]
            if where == "after" and previous_label == "content" and label != "content":
                if len(text.split()) <= GLUED_MAX_WORDS and previous.rstrip().endswith(TERMINAL):
                    parts[-1] = (f"{previous} {text}", label)
                    n += 1
                    continue
            if where == "before" and previous_label != "content" and label == "content":
                if len(previous.split()) <= GLUED_MAX_WORDS and previous.rstrip().endswith(TERMINAL):
                    parts[-1] = (f"{previous} {text}", label)
                    n += 1
                    continue
        parts.append((text, label))
    return "\n\n".join(text for text, _ in parts), n


@contextmanager
def split_off() -> Iterator[None]:
    """The glued-widget split switched off (``GLUED_TAIL_MAX_WORDS = 0``)."""
    saved = segment.GLUED_TAIL_MAX_WORDS
    segment.GLUED_TAIL_MAX_WORDS = 0
    try:
        yield
    finally:
        segment.GLUED_TAIL_MAX_WORDS = saved


def score(cleaner_: Any, docs: list[tuple[str, list[tuple[str, str]]]]) -> dict[str, Any]:
    total = TypedScore()
    for text, gold in docs:
        result = cleaner_.clean(text, kind="text")
        total.add(gold, [(s.text, s.label.value) for s in result.segments])
    return summary(total.report())


def measure(first: int | None) -> dict[str, Any]:
    import cleaner

    cleaner_ = cleaner.Cleaner(config=cleaner.CleanerConfig(kind="text", cues=False))
    out: dict[str, Any] = {"model_version": cleaner_.model_version, "sets": {}}
    for name in DATASETS:
        records = load_records(dataset_path(name), None, first, 0)
        blank = [versions(rec)["blank"] for rec in records]
        entry: dict[str, Any] = {"documents": len(records)}
        rebuilt: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {"blank": blank}
        for where in ("after", "before"):
            pairs = [(glued(gold, where), gold) for _, gold in blank]
            rebuilt[where] = [(text, gold) for (text, _), gold in pairs]
            entry[f"glued_{where}"] = sum(n for (_, n), _ in pairs)
        for version, docs in rebuilt.items():
            entry[version] = {"on": score(cleaner_, docs)}
            with split_off():
                entry[version]["off"] = score(cleaner_, docs)
        out["sets"][name] = entry
        glued_counts = f"{entry['glued_after']} glued after, {entry['glued_before']} before"
        print(f"{name}: {len(records)} documents, {glued_counts}", file=sys.stderr)
    return out


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def render(m: dict[str, Any]) -> str:
    lines = [
        "# Plain text: widgets glued onto a paragraph",
        "",
        "Rerun: `python scripts/text_glued.py` (writes this file; a few minutes, one core). "
        f"Model `{m['model_version']}`.",
        "",
        "Extractors flatten a share bar, a sign-up ask or a cookie line into the paragraph next to it. The injected "
        "dev sets keep every segment in a paragraph of its own, so each document is rebuilt in memory: with the first "
        "injected paragraph after each content paragraph glued onto its end, and with the last injected paragraph "
        "before each content paragraph glued onto its start (one space; at most "
        f"{GLUED_MAX_WORDS} words; the sentence before the join ends with terminal punctuation). Gold segments are "
        "unchanged. *Split on*: the shipped segmenter, which makes a widget-like opening or closing sentence of a "
        "paragraph a block of its own (`segment.glued_pieces`); *off*: every paragraph one block. Scored with the "
        "benchmark's `TypedScore` (caught / kept / typed right).",
        "",
        "| set | version | segments glued | split off | split on |",
        "|---|---|---:|---|---|",
    ]
    for name, e in m["sets"].items():
        for version, what in (
            ("blank", "as the benchmark reads it"),
            ("after", "glued onto the end of the paragraph before"),
            ("before", "glued onto the start of the paragraph after"),
        ):
            count = e.get(f"glued_{version}", 0)
            cells = [" / ".join(_pct(e[version][k][f]) for f in ("caught", "kept", "typed")) for k in ("off", "on")]
            lines.append(f"| `{name}` | {what} | {count} | {cells[0]} | {cells[1]} |")
    lines += [
        "",
        "The split reads only how a sentence opens (a share, read-more, sign-up, subscribe, cookie or ad phrase, a "
        "call to action, a privacy control), so a glued poll question, a reaction bar or a teaser headline stays in "
        "its paragraph: those are the segments the glued versions still lose against the blank-line one.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--first", type=int, help="only the first N documents of each set")
    ap.add_argument("--no-docs", action="store_true", help="print the page instead of writing docs/TEXT_GLUED.md")
    args = ap.parse_args()
    page = render(measure(args.first))
    if args.no_docs:
        print(page)
    else:
        OUT.write_text(page, encoding="utf-8")
        print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
