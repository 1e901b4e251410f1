#!/usr/bin/env python3
"""Session 50: where the typed page sets' gold content tokens go that cleaner does not keep, per page and per what
cleaner did with them (a flagged label, or ``removed``: no counterpart in its output), and the content retention
with each set's largest loss left out.

    python docs/draws/session-50/typed_lost_content.py [--pages N]

Cleans every page of ``typed-dev`` and ``typed-modern-dev`` once with the shipped model (``scripts/reliability.py``'s
``predict``) and token-aligns gold and prediction as ``TypedScore`` / ``score.py`` do. Page ids and counts only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))

from reliability import predict  # noqa: E402

from cleaner.learning.evaluate import align, tokens  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=5, help="pages listed per set")
    args = ap.parse_args()
    for name in ("typed-dev", "typed-modern-dev"):
        total = lost = 0
        as_label: Counter[str] = Counter()
        per_page: Counter[str] = Counter()
        per_page_label: dict[str, Counter[str]] = {}
        for page in predict([name]):
            gold_tokens, gold_labels = [], []
            for text, label in page["gold"]:
                t = tokens(text)
                gold_tokens += t
                gold_labels += [label] * len(t)
            pred_tokens, pred_labels = [], []
            for text, label, *_ in page["pred"]:
                t = tokens(text)
                pred_tokens += t
                pred_labels += [label] * len(t)
            for j, gold in zip(align(gold_tokens, pred_tokens), gold_labels, strict=True):
                if gold != "content":
                    continue
                total += 1
                got = "removed" if j < 0 else pred_labels[j]
                if got != "content":
                    lost += 1
                    as_label[got] += 1
                    per_page[page["id"]] += 1
                    per_page_label.setdefault(page["id"], Counter())[got] += 1
        worst, worst_lost = per_page.most_common(1)[0]
        retention = 1 - lost / total
        print(f"{name}: {total} gold content tokens, {lost} not kept (retention {retention:.4f}): {dict(as_label)}")
        for page_id, n in per_page.most_common(args.pages):
            print(f"  {page_id}: {n} ({dict(per_page_label[page_id])})")
        print(f"  retention without {worst}: {1 - (lost - worst_lost) / (total - worst_lost):.4f}")


if __name__ == "__main__":
    main()
