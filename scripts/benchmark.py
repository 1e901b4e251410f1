#!/usr/bin/env python3
"""Accuracy and speed of cleaner side by side with the extractors people use today.

    python scripts/benchmark.py                          # all default datasets, every page
    python scripts/benchmark.py --sample 100             # seeded shuffle, then the first 100 pages of each
    python scripts/benchmark.py --datasets cetd typed-dev --systems cleaner,trafilatura --no-docs
    python scripts/benchmark.py --sample 50 --systems cleaner,cleaner_stages --no-docs   # time per pipeline stage

Datasets are gzip JSON Lines files (a name looks in ../shared/benchmarks/, a path is read as is):
main-content sets (``html`` + ground-truth ``text``; WCXB's also ``page_type``), typed page sets (``html`` +
``segments``) and injected plain-text sets (``text`` + ``paragraphs``). Every system runs in this one process on
the same pages, page by page in a rotating order so machine drift hits all alike, single-threaded. Peers
(``pip install .[bench]``) are imported lazily and recorded as skipped when missing; a peer that raises on a page
scores empty text for it and the failure is counted.

Main-content sets report the 4-gram shingle scores, pages with F1 < 0.5 per system, paired bootstrap differences
cleaner − system (trafilatura's also under ``cleaner_vs_trafilatura``) and cleaner's ten worst pages; ``wcxb-dev``
adds WCXB's word F1, overall and per page type. The parts live in ``scripts/bench/``.

Writes a JSON file (``--out``) and, unless ``--no-docs``, docs/BENCHMARKS.md plus PNG plots
(when matplotlib is importable).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # single-threaded: set before numpy (and its BLAS) is imported

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench package beside this file

from bench import report  # noqa: E402
from bench.datasets import DEFAULT_DATASETS  # noqa: E402
from bench.run import run  # noqa: E402
from bench.systems import DEFAULT_SYSTEMS, SYSTEMS  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent / "docs"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--datasets",
        nargs="+",
        default=list(DEFAULT_DATASETS),
        help="names in ../shared/benchmarks or paths to gzip JSONL files (space or comma separated)",
    )
    pick = ap.add_mutually_exclusive_group()
    pick.add_argument("--sample", type=int, help="seeded shuffle of each dataset, then its first N records")
    pick.add_argument("--first", type=int, help="the first N records of each dataset in file order")
    ap.add_argument(
        "--systems",
        default=",".join(DEFAULT_SYSTEMS),
        help=f"comma list out of {', '.join(SYSTEMS)} (default: all but cleaner_stages)",
    )
    ap.add_argument("--model", help="cleaner model directory (default: the installed default model)")
    ap.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the sample shuffle and the bootstrap")
    ap.add_argument("--out", default=str(DOCS / "benchmarks.json"), help="JSON output (default docs/benchmarks.json)")
    ap.add_argument("--no-docs", action="store_true", help="write the JSON only: no BENCHMARKS.md, no plots")
    args = ap.parse_args(argv)
    args.datasets = [d for item in args.datasets for d in item.split(",") if d]
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in args.systems if s not in SYSTEMS]
    if unknown:
        ap.error(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(SYSTEMS)}")
    for opt in ("sample", "first", "bootstrap"):
        if getattr(args, opt) is not None and getattr(args, opt) < 1:
            ap.error(f"--{opt} must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    result = run(args, argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if not args.no_docs:
        DOCS.mkdir(exist_ok=True)
        plots = report.make_plots(result, DOCS)
        page = DOCS / "BENCHMARKS.md"
        text = report.render_markdown(result, plots)
        kept = report.scaling_section(page.read_text(encoding="utf-8")) if page.exists() else ""
        page.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
    return result


if __name__ == "__main__":
    logging.disable(logging.CRITICAL)  # peers log per-page warnings and tracebacks; failures are counted here
    warnings.simplefilter("ignore")
    main()
