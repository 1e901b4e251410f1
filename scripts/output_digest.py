#!/usr/bin/env python3
"""sha256 over cleaner's full results on a fixed benchmark sample: proves a refactoring changed no output.

    python scripts/output_digest.py                 # first 60 records of every public set
    python scripts/output_digest.py --first 20 --sets cetd dragnet

Uses only the public API (``Cleaner.clean(...).to_dict()``, cues included), so the same script runs
against any version of the package.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import cleaner

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
SETS = ("cleaneval", "dragnet", "cetd", "modern-dev", "wcxb-dev", "typed-dev", "injected-dev")


def records(name: str, first: int) -> Iterator[dict]:
    with gzip.open(BENCH / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= first:
                return
            yield json.loads(line)


def result_json(c: cleaner.Cleaner, doc: str, kind: str) -> bytes:
    """One page's full result as the digest reads it: ``to_dict()`` (cues included) less the model version."""
    out = c.clean(doc, kind=kind).to_dict()
    out.pop("model_version", None)
    return json.dumps(out, sort_keys=True, ensure_ascii=False).encode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--first", type=int, default=60)
    ap.add_argument("--sets", nargs="*", default=list(SETS))
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    c = cleaner.Cleaner(args.model)
    total = hashlib.sha256()
    for name in args.sets:
        digest = hashlib.sha256()
        n = 0
        for rec in records(name, args.first):
            if "html" in rec:
                doc, kind = rec["html"], "html"
            else:
                doc, kind = rec.get("text") or "\n\n".join(p["text"] for p in rec["paragraphs"]), "text"
            digest.update(result_json(c, doc, kind))
            n += 1
        total.update(digest.digest())
        print(f"{name:14s} {n:4d} {digest.hexdigest()}")
    print(f"{'all':14s}      {total.hexdigest()}")


if __name__ == "__main__":
    main()
