#!/usr/bin/env python3
"""Session 50, screened and not shipped: in plain text, a block kept as content that holds at least WORDS words of the
consent lexicon and sits next to a block the model calls consent with at least SURE probability becomes consent (a
cookie's description right before its cookie table: "This cookie is set by ... This cookie is used to ...").

    python docs/draws/session-50/text_consent_neighbour.py [WORDS SURE]      # default 2 0.9

Cleans both injected dev sets once with the shipped model (``scripts/text_curve.py``'s recorder), relabels the blocks
the rule would change, and prints segments caught and content kept (``scripts/text_misses.py``'s paragraph
outcomes: caught = >= 50% of an injected paragraph's tokens not kept as content) before and after, with the ids of the
blocks changed (ids only, never the dev text).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))

from bench.datasets import dataset_path, load_records  # noqa: E402
from text_curve import clean_once, make_cleaner, versions  # noqa: E402
from text_misses import paragraph_outcomes  # noqa: E402

from cleaner.core.types import LABELS  # noqa: E402

CONTENT, CONSENT = LABELS.index("content"), LABELS.index("consent")


def caught_and_kept(docs: list[dict]) -> tuple[float, float]:
    caught = injected = kept = content = 0
    for doc in docs:
        for o in paragraph_outcomes(doc):
            if o["label"] == "content":
                content += o["n"]
                kept += o["counts"].get("content", 0)
            elif o["label"] != "ambiguous":
                injected += 1
                caught += 2 * (o["n"] - o["counts"].get("content", 0)) >= o["n"]
    return caught / injected, kept / content


def main() -> None:
    words, sure = (float(sys.argv[1]), float(sys.argv[2])) if len(sys.argv) > 2 else (2.0, 0.9)
    cleaner_, recorder = make_cleaner(None)
    for name in ("injected-dev", "injected-modern-dev"):
        before, after, changed = [], [], []
        for rec in load_records(dataset_path(name), None, None, 0):
            text, gold = versions(rec)["blank"]
            d = clean_once(cleaner_, recorder, str(rec.get("id")), text, gold)
            labels = list(d.shipped)
            new = list(labels)
            for k, label in enumerate(labels):
                if label != "content" or d.consent_words[k] < words:
                    continue
                near = [j for j in (k - 1, k + 1) if 0 <= j < len(labels) and labels[j] == "consent"]
                if any(d.probs[j, CONSENT] >= sure for j in near):
                    new[k] = "consent"
                    changed.append(f"{rec.get('id')}#{k}")
            before.append({"gold": gold, "texts": list(d.texts), "labels": labels})
            after.append({"gold": gold, "texts": list(d.texts), "labels": new})
        (c0, k0), (c1, k1) = caught_and_kept(before), caught_and_kept(after)
        print(f"{name}: caught {c0:.2%} -> {c1:.2%}, content kept {k0:.2%} -> {k1:.2%}; blocks changed: {changed}")


if __name__ == "__main__":
    main()
