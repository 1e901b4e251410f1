#!/usr/bin/env python3
"""What each markup repair of the parser is worth on the dev sets: cleaner with the repair on, and off.

    python scripts/parse_repairs.py                                       # every repair, the default dev sets
    python scripts/parse_repairs.py --repairs CLOSE_SECTIONS --datasets wcxb-dev modern-dev
    python scripts/parse_repairs.py --out docs/PARSE_REPAIRS.md           # the table as a page of the docs

A repair is a boolean constant of ``cleaner.core.parse`` that rewrites broken markup before libxml2 reads it, as a
browser would read it (``REPAIRS``: the constant and whether it rewrites a page). Every page is cleaned once with
the repairs as they are; for each repair, the pages it rewrites are cleaned again with it off. Printed per set: the
gate's metrics (``gate.score_outputs``: shingle F1, WCXB word F1, typed F1 and content retention) on, off and their
difference, the number of pages the repair rewrites, and the pages whose word F1 it moves by ``MOVED`` or more.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO.parent / "shared" / "benchmarks"
DEFAULT_DATASETS = ("cleaneval", "dragnet", "cetd", "modern-dev", "wcxb-dev", "typed-dev", "typed-modern-dev")
MOVED = 0.01


def _rewrites_sections(text: str) -> bool:
    from cleaner.core import parse

    kept = parse.without_early_end(text) if parse.KEEP_AFTER_END else text
    return parse.close_sections(kept) is not kept


def _rewrites_end(text: str) -> bool:
    from cleaner.core import parse

    return parse.without_early_end(text) is not text


REPAIRS: dict[str, Callable[[str], bool]] = {"CLOSE_SECTIONS": _rewrites_sections, "KEEP_AFTER_END": _rewrites_end}


@contextmanager
def repair_off(name: str) -> Iterator[None]:
    """``cleaner.core.parse``'s repair ``name`` switched off for the duration."""
    from cleaner.core import parse

    if name not in REPAIRS:
        raise SystemExit(f"--repairs {name!r}: expected one of {', '.join(REPAIRS)}")
    before = getattr(parse, name)
    setattr(parse, name, False)
    try:
        yield
    finally:
        setattr(parse, name, before)


def measure(
    records: Sequence[dict[str, Any]], clean: Callable[[str], Any], repair: str, outputs: Sequence[Any]
) -> tuple[list[Any], list[str]]:
    """The outputs with ``repair`` off (``outputs``: with it on; only the pages it rewrites are cleaned again) and
    the ids of those pages."""
    from cleaner.learning import gate

    kind = gate.record_kind(records[0])
    off, rewritten = list(outputs), []
    with repair_off(repair):
        for i, rec in enumerate(records):
            source = gate.document(rec, kind)[0]
            if kind != "injected" and REPAIRS[repair](source):
                off[i] = clean(source)
                rewritten.append(str(rec.get("id", i)))
    return off, rewritten


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", default=list(DEFAULT_DATASETS))
    parser.add_argument("--repairs", nargs="+", default=list(REPAIRS))
    parser.add_argument("--model", default=None, help="model directory (default: the installed model)")
    parser.add_argument("--out", type=Path, help="also write the table, with the command, to this markdown file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from threadpoolctl import threadpool_limits

    from cleaner.api import Cleaner
    from cleaner.core.config import CleanerConfig
    from cleaner.learning import gate
    from cleaner.learning.evaluate import word_f1

    cleaner = Cleaner(args.model, config=CleanerConfig(cues=False))
    lines = ["| set | repair | pages rewritten | metric | on | off | on - off |", "|---|---|---:|---|---:|---:|---:|"]
    moved: list[str] = []
    print(*lines, sep="\n")
    with threadpool_limits(1):
        for name in args.datasets:
            records = gate.read_records(BENCH / f"{name}.jsonl.gz")
            kind = gate.record_kind(records[0])
            on = [cleaner.clean(gate.document(rec, kind)[0]) for rec in records]
            on_scores = gate.score_outputs(records, on, bootstrap=2)
            for repair in args.repairs:
                off, rewritten = measure(records, cleaner.clean, repair, on)
                off_scores = gate.score_outputs(records, off, bootstrap=2)
                for metric, value in on_scores.items():
                    a, b = value["value"], off_scores[metric]["value"]
                    lines.append(
                        f"| {name} | {repair} | {len(rewritten)} | {metric} | {a:.4f} | {b:.4f} | {a - b:+.4f} |"
                    )
                    print(lines[-1], flush=True)
                if kind == "main":
                    for rec, a_out, b_out in zip(records, on, off, strict=True):
                        a_f1, b_f1 = word_f1(a_out.text, rec["text"]), word_f1(b_out.text, rec["text"])
                        if abs(a_f1 - b_f1) >= MOVED:
                            moved.append(f"- {repair}: `{rec['id']}` word F1 {b_f1:.3f} off, {a_f1:.3f} on")
    print(*moved, sep="\n")
    if args.out:
        command = " ".join(["python scripts/parse_repairs.py", *(argv if argv is not None else sys.argv[1:])])
        intro = (
            "# The parser's markup repairs on the dev sets\n\n"
            f"Generated by `{command}` with model `{cleaner.model_version}` (full sets). *on*: each metric with "
            "`cleaner.core.parse` as it is; *off*: with that one repair switched off (only the pages it rewrites "
            "are cleaned again).\n\n"
        )
        tail = (
            f"\n\nPages whose WCXB word F1 a repair moves by {MOVED} or more:\n\n" + "\n".join(moved) if moved else ""
        )
        args.out.write_text(intro + "\n".join(lines) + tail + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
