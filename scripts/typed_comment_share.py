#!/usr/bin/env python3
"""How much of the content lost on the typed page sets is reader comments that the gold labels ``content``.

    python scripts/typed_comment_share.py                                   # typed-dev and typed-modern-dev
    python scripts/typed_comment_share.py --cache /tmp/typed_pred.json.gz   # predictions of scripts/reliability.py

``../shared/LABELS.md`` calls comment sections ``boilerplate``, and cleaner drops them; some sources of the typed sets
label them ``content``. Each page is cleaned once (``scripts/reliability.py``'s ``load_or_predict``) and token-aligned
with its gold (``reliability.match_page``, the alignment of ``TypedScore`` and ``score.py``). A page's *comment
thread* starts at its first gold ``content`` block that is a comment's meta line (``COMMENT_META``: "Report Abuse",
"3 hours ago", "Permalink", "X said..."; at most ``META_MAX_WORDS`` words) and runs to the end of the page. Per set:
the gold content tokens, those cleaner did not keep as content, and how many of those sit in comment threads, with
the content retention as scored and with the comment threads left out. Token counts only, never page text.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reliability  # noqa: E402

SETS = ("typed-dev", "typed-modern-dev")
META_MAX_WORDS = 12
COMMENT_META = re.compile(
    r"\breport\s+abuse\b|\b\d+\s+(?:minutes?|hours?|days?)\s+ago\b|\bpermalink\b|\b(?:said|says|wrote)\s*(?:\.\.\.|…|:)\s*$",
    re.IGNORECASE,
)


def thread_start(gold: Sequence[tuple[str, str]]) -> int | None:
    """Index of the first gold content block that is a comment's meta line, if any."""
    for i, (text, label) in enumerate(gold):
        if label == "content" and len(text.split()) <= META_MAX_WORDS and COMMENT_META.search(text):
            return i
    return None


def page_counts(page: Mapping[str, Any]) -> dict[str, int]:
    """Gold content tokens of one page, those not kept as content, and those of them in its comment thread."""
    gold = [(str(t), str(label)) for t, label in page["gold"]]
    pred = [(str(p[0]), str(p[1])) for p in page["pred"]]
    match = reliability.match_page(gold, pred)
    start = thread_start(gold)
    out = {"content": 0, "lost": 0, "lost_in_thread": 0, "in_thread": 0}
    for i, (_, label) in enumerate(gold):
        if label != "content":
            continue
        counts = match.gold_pred[i]
        n = sum(counts.values())
        lost = n - counts.get("content", 0)
        in_thread = start is not None and i >= start
        out["content"] += n
        out["lost"] += lost
        out["in_thread"] += n if in_thread else 0
        out["lost_in_thread"] += lost if in_thread else 0
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    ap.add_argument("--cache", type=Path, help="predictions of scripts/reliability.py --cache (read or written)")
    args = ap.parse_args(argv)
    version, pages = reliability.load_or_predict(
        args.cache, args.sets, None, False, lambda m: print(m, file=sys.stderr)
    )
    print(f"Model `{version}`.\n")
    print("| set | pages with a comment thread | content tokens | lost | lost in comment threads | retention "
          "| retention without comment threads |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in args.sets:
        rows = [(page_counts(p), thread_start([tuple(g) for g in p["gold"]])) for p in pages if p["set"] == name]
        total = {k: sum(r[0][k] for r in rows) for k in ("content", "lost", "lost_in_thread", "in_thread")}
        threads = sum(start is not None for _, start in rows)
        outside = total["content"] - total["in_thread"]
        retention = 1 - total["lost"] / max(total["content"], 1)
        without = 1 - (total["lost"] - total["lost_in_thread"]) / max(outside, 1)
        print(
            f"| `{name}` | {threads} of {len(rows)} | {total['content']} | {total['lost']} | "
            f"{total['lost_in_thread']} | {retention:.3f} | {without:.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
