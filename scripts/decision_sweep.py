#!/usr/bin/env python3
"""The decide stage's settings swept on the dev sets, the model run once per page.

    python scripts/decision_sweep.py                                   # the thin-page settings, full dev sets
    python scripts/decision_sweep.py --datasets wcxb-dev dragnet --sample ci
    python scripts/decision_sweep.py --set THIN_PAGE_CHARS=0,150,300,400 --set REGION_COVER=0.6,0.75
    python scripts/decision_sweep.py --out docs/DECISION_SWEEP.md          # the table as a page of the docs

Each page is prepared and its block probabilities computed once (``cleaner.core.pipeline``, the installed model or
``--model``); then, for every combination of the ``--set`` values (any upper-case constant of
``cleaner.core.decide``), the labels are chosen again (``pipeline.finish``) and scored as the quality gate scores
them (``cleaner.learning.gate.score_outputs``: shingle F1, WCXB word F1, typed F1 and content retention). Printed:
per combination, each metric and its difference from the module's own settings (the first row). Plain-text sets
are left out by default: the thin-page rule reads HTML trees only.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO.parent / "shared" / "benchmarks"
DEFAULT_DATASETS = ("cleaneval", "dragnet", "cetd", "modern-dev", "wcxb-dev", "typed-dev", "typed-modern-dev")
DEFAULT_SETS = ("THIN_PAGE_CHARS=0,150,300,400", "REGION_COVER=0.6,0.75")


def parse_settings(specs: Sequence[str]) -> dict[str, list[float]]:
    """``NAME=v1,v2`` strings as ``{NAME: [v1, v2]}``, names checked against ``cleaner.core.decide``."""
    from cleaner.core import decide

    out: dict[str, list[float]] = {}
    for spec in specs:
        name, _, values = spec.partition("=")
        if not name.isupper() or not hasattr(decide, name) or not values:
            raise SystemExit(f"--set {spec!r}: expected NAME=v1,v2 with NAME a constant of cleaner.core.decide")
        out[name] = [float(v) for v in values.split(",")]
    return out


@contextmanager
def decide_settings(values: dict[str, float]) -> Iterator[None]:
    """``cleaner.core.decide``'s constants set to ``values`` for the duration."""
    from cleaner.core import decide

    before = {name: getattr(decide, name) for name in values}
    try:
        for name, value in values.items():
            setattr(decide, name, type(before[name])(value))
        yield
    finally:
        for name, value in before.items():
            setattr(decide, name, value)


def prepared_documents(name: str, sample: str) -> tuple[list[dict[str, Any]], list[Any]]:
    """A dataset's records (the gate's sample) and their prepared documents, read as the gate reads them."""
    from cleaner.core import pipeline
    from cleaner.core.config import CleanerConfig
    from cleaner.learning import gate

    records = gate.read_records(BENCH / f"{name}.jsonl.gz", gate.SAMPLES[sample], gate.SEED)
    kind = gate.record_kind(records[0])
    prepared = []
    for rec in records:
        source, doc_kind = gate.document(rec, kind)
        prepared.append(pipeline.prepare(source, CleanerConfig(kind=doc_kind, cues=False)))
    return records, prepared


def page_probabilities(estimator: Any, prepared: Sequence[Any]) -> list[Any]:
    """Each prepared document's block probabilities from ``estimator``, one page at a time."""
    from cleaner.core import pipeline

    return [probs for p in prepared for probs in pipeline.probabilities(estimator, [p.features])]


def prepared_pages(name: str, sample: str, model: str | None) -> tuple[list[dict[str, Any]], list[Any], list[Any]]:
    """A dataset's records, their prepared documents and their block probabilities."""
    from cleaner.api import Cleaner

    records, prepared = prepared_documents(name, sample)
    return records, prepared, page_probabilities(Cleaner(model).loaded.estimator, prepared)


def scores(
    records: Sequence[dict[str, Any]], prepared: Sequence[Any], probs: Sequence[Any], values: dict[str, float]
) -> dict[str, dict[str, float]]:
    """The gate's metrics of the prepared pages, their labels chosen with ``values`` set in ``decide``."""
    from cleaner.core import pipeline
    from cleaner.learning import gate

    with decide_settings(values):
        outputs = [pipeline.finish(p, pr, model_version="") for p, pr in zip(prepared, probs, strict=True)]
    return gate.score_outputs(records, outputs, bootstrap=2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", default=list(DEFAULT_DATASETS))
    parser.add_argument("--sample", default="full", choices=("ci", "full"))
    parser.add_argument("--model", default=None, help="model directory (default: the installed model)")
    parser.add_argument("--set", dest="sets", action="append", help="NAME=v1,v2 (repeatable)")
    parser.add_argument("--out", type=Path, help="also write the table, with the command, to this markdown file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from threadpoolctl import threadpool_limits

    settings = parse_settings(args.sets or DEFAULT_SETS)
    combos = [dict(zip(settings, values, strict=True)) for values in itertools.product(*settings.values())]
    header = ["dataset", "metric", "as set", *(" ".join(f"{k}={v:g}" for k, v in c.items()) for c in combos)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * 2 + "---:|" * (len(header) - 2)]
    print(*lines, sep="\n")
    with threadpool_limits(1):
        for name in args.datasets:
            records, prepared, probs = prepared_pages(name, args.sample, args.model)

            base_scores = scores(records, prepared, probs, {})
            rows = [scores(records, prepared, probs, c) for c in combos]
            for metric, base in base_scores.items():
                cells = [f"{r[metric]['value'] - base['value']:+.4f}" for r in rows]
                lines.append(f"| {name} | {metric} | {base['value']:.4f} | " + " | ".join(cells) + " |")
                print(lines[-1], flush=True)
    if args.out:
        from cleaner.api import Cleaner

        command = " ".join(["python scripts/decision_sweep.py", *(argv if argv is not None else sys.argv[1:])])
        intro = (
            "# The decide stage's settings on the dev sets\n\n"
            f"Generated by `{command}` with model `{Cleaner(args.model).model_version}` ({args.sample} sample). "
            "*as set*: each metric with `cleaner.core.decide` as it is; the other columns: the difference from it "
            "with the named settings.\n\n"
        )
        args.out.write_text(intro + "\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
