#!/usr/bin/env python3
"""Two dev sets scored as they are and with the gold that contradicts ``../shared/LABELS.md`` relabelled.

    python scripts/relabelled_gold.py                                # prints the tables
    python scripts/relabelled_gold.py --out docs/RELABELLED_GOLD.md

``LABELS.md`` calls comment sections, bylines and datelines ``boilerplate``. Two dev sets label some of them
``content`` (their labels come from older benchmarks' gold text), and two targets are measured on them:

- ``typed-dev`` (content retention >= 0.97, boilerplate F1 >= 0.90): the reader-comment threads of its
  ``cetd/YAHOO!`` pages. A page's thread runs from its first gold ``content`` block of at most ``META_MAX_WORDS``
  words that holds a comment's moderation control ("Report Abuse", "rate this comment") to the end of the page (a
  post's "Permalink" line is not enough: blog index pages carry one under every post);
- ``injected-dev`` (content kept >= 99.5%): bylines, a content paragraph of at most ``BYLINE_MAX_WORDS`` words that
  opens with "By" and a name ("By JANE DOE, Associated Press – Mon Dec 20", "By: Jane Doe on November 12th"), and
  datelines, a paragraph of at most ``DATELINE_MAX_WORDS`` words that names a month or weekday (or a clock time) and
  holds nothing but date and time words ("Published: June 6, 2005", "Friday, November 9, 2012, 8:50 AM").

For each, the script writes a copy of the set with those blocks labelled ``boilerplate`` to a temporary directory
(never into the project), runs the reference scorer ``../shared/tools/typed/score.py`` on the shipped model over the
set and over the copy, and reports the conflicting gold tokens, the content retention a system that follows
``LABELS.md`` can reach at most on the set as it is (all other content kept), and the scores on both. Counts and
scores only, never page text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "typed" / "score.py"
SYSTEM = "cleaner.learning.evaluate:typed_segments"
BYLINE_MAX_WORDS = 20
BYLINE = re.compile(r"^(?i:by):?\s+(?:the\s+)?[A-Z]")  # "By" and a capitalised name
TOKEN = re.compile(r"\w+")
DATELINE_MAX_WORDS = 12
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun".split()
)
DATE_WORDS = (
    MONTHS
    | WEEKDAYS
    | frozenset(
        "am pm a.m p.m gmt utc bst et est edt pt pst pdt ct cst cdt published updated last modified posted on at "
        "st nd rd th".split()
    )
)
DATE_TOKEN = re.compile(r"[a-z.]+|\d+")
CLOCK = re.compile(r"\d{1,2}:\d\d")
META_MAX_WORDS = 12
COMMENT_CONTROL = re.compile(r"\breport\s+abuse\b|\brate\s+this\s+comment\b", re.IGNORECASE)


def n_tokens(text: str) -> int:
    """Tokens as ``score.py`` counts them (lowercase ``\\w+``)."""
    return len(TOKEN.findall(text.lower()))


def is_byline(text: str) -> bool:
    """A short line that opens with "By" and a name: LABELS.md's byline."""
    return bool(BYLINE.match(text.strip())) and len(text.split()) <= BYLINE_MAX_WORDS


def is_dateline(text: str) -> bool:
    """A short line of nothing but a date and time: LABELS.md's dateline."""
    if not text.split() or len(text.split()) > DATELINE_MAX_WORDS:
        return False
    toks = DATE_TOKEN.findall(text.lower())
    if not (CLOCK.search(text) or any(t in MONTHS or t in WEEKDAYS for t in toks)):
        return False
    return all(t.isdigit() or t.strip(".") in DATE_WORDS for t in toks)


def comment_thread_blocks(blocks: list[Mapping[str, Any]]) -> set[int]:
    """Indexes of the gold ``content`` blocks in a page's reader-comment thread."""
    starts = [
        i
        for i, b in enumerate(blocks)
        if b["label"] == "content"
        and len(str(b["text"]).split()) <= META_MAX_WORDS
        and COMMENT_CONTROL.search(b["text"])
    ]
    if not starts:
        return set()
    return {i for i in range(starts[0], len(blocks)) if blocks[i]["label"] == "content"}


def byline_blocks(blocks: list[Mapping[str, Any]]) -> set[int]:
    """Indexes of the gold ``content`` paragraphs that are bylines or datelines."""
    return {
        i
        for i, b in enumerate(blocks)
        if b["label"] == "content" and (is_byline(str(b["text"])) or is_dateline(str(b["text"])))
    }


CONFLICTS: dict[str, tuple[str, str, Callable[[list[Mapping[str, Any]]], set[int]]]] = {
    "typed-dev": ("segments", "reader-comment threads", comment_thread_blocks),
    "injected-dev": ("paragraphs", "bylines and datelines", byline_blocks),
}


def relabel(records: Iterable[dict[str, Any]], key: str, find: Callable) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The records with the conflicting blocks labelled boilerplate, and the token counts behind them."""
    out, counts = [], {"content": 0, "conflict": 0, "documents": 0}
    for rec in records:
        blocks = rec[key]
        hits = find(blocks)
        counts["content"] += sum(n_tokens(str(b["text"])) for b in blocks if b["label"] == "content")
        counts["conflict"] += sum(n_tokens(str(blocks[i]["text"])) for i in hits)
        counts["documents"] += bool(hits)
        new = dict(rec)
        new[key] = [dict(b, label="boilerplate") if i in hits else b for i, b in enumerate(blocks)]
        out.append(new)
    return out, counts


def score(gold: Path, out: Path) -> dict[str, Any]:
    """The reference scorer's result for the shipped model on one gold file."""
    cmd = [sys.executable, str(SCORER), str(gold), "--system", SYSTEM, "--pythonpath", str(ROOT), "--out", str(out)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return dict(json.loads(out.read_text()))


def figures(result: Mapping[str, Any]) -> dict[str, float]:
    """Retention, boilerplate F1 and the share of non-content segments caught."""
    labels = result["labels"]
    segs = sum(v["segments"] or 0 for k, v in labels.items() if k != "content")
    caught = sum(v["caught"] or 0 for k, v in labels.items() if k != "content")
    return {
        "retention": float(result["content_retention"]),
        "boilerplate_f1": float(labels["boilerplate"]["f1"]),
        "caught": caught / max(segs, 1),
    }


def run(sets: Iterable[str], tmp: Path) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name in sets:
        key, what, find = CONFLICTS[name]
        path = SHARED / "benchmarks" / f"{name}.jsonl.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
        relabelled, counts = relabel(records, key, find)
        copy = tmp / f"{name}-relabelled.jsonl.gz"
        with gzip.open(copy, "wt", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in relabelled)
        results[name] = {
            "what": what,
            **counts,
            "as_is": figures(score(path, tmp / f"{name}.json")),
            "relabelled": figures(score(copy, tmp / f"{name}-relabelled.json")),
        }
    return results


def render(results: Mapping[str, Any]) -> str:
    lines = [
        "# Two dev sets scored with the gold that contradicts LABELS.md relabelled",
        "",
        "Generated by `python scripts/relabelled_gold.py --out docs/RELABELLED_GOLD.md` (shipped model, every "
        "document, the reference scorer `../shared/tools/typed/score.py`); do not edit by hand. "
        "`../shared/LABELS.md` calls "
        "comment sections, bylines and datelines boilerplate; the sets below label some of them content. *Ceiling*: "
        "the content retention of a system that follows LABELS.md on them and keeps every other content token.",
        "",
        "| set | relabelled | documents | content tokens | of them relabelled | ceiling as is "
        "| retention as is / relabelled | boilerplate F1 as is / relabelled | non-content caught as is / relabelled |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        a, b = r["as_is"], r["relabelled"]
        lines.append(
            f"| `{name}` | {r['what']} | {r['documents']} | {r['content']:,} | {r['conflict']:,} "
            f"({r['conflict'] / max(r['content'], 1):.1%}) | {1 - r['conflict'] / max(r['content'], 1):.3f} "
            f"| {a['retention']:.3f} / {b['retention']:.3f} | {a['boilerplate_f1']:.3f} / {b['boilerplate_f1']:.3f} "
            f"| {a['caught']:.3f} / {b['caught']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(CONFLICTS), choices=list(CONFLICTS))
    ap.add_argument("--out", type=Path, help="write the Markdown report here (default: print it)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        text = render(run(args.sets, Path(tmp)))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
