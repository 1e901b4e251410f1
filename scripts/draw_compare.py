#!/usr/bin/env python3
"""Compare training-data variants on the mean over data draws, from quality-gate measurements.

    python scripts/draw_compare.py --base K2.json K3.json K4.json                    # one variant's spread
    python scripts/draw_compare.py --base K2.json K3.json --variant T2.json T3.json --paired
    python scripts/draw_compare.py --base docs/draws/seed-*.json --doc docs/DRAWS.md  # the docs page

Each file is a ``scripts/gate.py --json`` output (or its ``measured`` part) for one retrain: the same code and
parts, ``scripts/make_training_data.py --seed N`` for each draw. One retrain says little: the same parts on another
seed move the typed and plain-text figures by several points. So a data change is judged on the mean over draws:
the difference of the means against its standard error (two-sample, or over per-draw differences with
``--paired`` when variant and base files are in the same seed order and the change leaves the other data
byte-identical, e.g. a page template only). A difference beyond ``SIGNIFICANT`` standard errors is marked.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SIGNIFICANT = 2.0  # standard errors
DOC_HEAD = (
    "# The same code and parts, different data draws\n\n"
    "Rerun: `{command}`. Each column is the full quality gate (`python scripts/gate.py --sample full --model DIR "
    "--json F`) of a model trained (`python scripts/train.py training_data --out DIR`) on `python "
    "scripts/make_training_data.py --seed N` from the committed parts; `docs/draws/README.md` says which code and "
    "draw size each folder of measurements is (`docs/draws/seed-N.json`: the shipped one, seed 2 the shipped model). "
    "The gate's floors are pinned at the shipped draws' mean (or the shipped value, if lower) with "
    "two of their standard deviations as tolerance (`scripts/gate.py --update --spread`). A change should be "
    "judged on its mean over several draws against this spread (`--variant`).\n\n"
)
VARIANT_HEAD = (
    "A variant's columns follow the base's: its draws, their mean and sd, the difference of the means and its "
    "standard error (two-sample, or over per-draw differences with `--paired`); `*` marks a difference beyond two "
    "standard errors.\n\n"
)


def measured(path: Path) -> dict[str, Any]:
    """The ``measured`` part of a gate ``--json`` file (or the file itself when it is only that)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data.get("measured", data))


def figures(run: dict[str, Any]) -> dict[str, float]:
    """``{"dataset metric": value}`` of one gate measurement, in the gate's order."""
    return {
        f"{name} {metric}": float(v["value"])
        for name, ds in run["datasets"].items()
        for metric, v in ds.get("metrics", {}).items()
    }


def _sd(values: Sequence[float]) -> float:
    return statistics.stdev(values) if len(values) > 1 else 0.0


def compare(
    base: Sequence[dict[str, float]], variant: Sequence[dict[str, float]], *, paired: bool = False
) -> list[dict[str, Any]]:
    """Per metric of every run: the base draws' mean and sd, and with a variant its mean, the difference and its
    standard error (paired over draws in the same order when ``paired``)."""
    if paired and len(base) != len(variant):
        raise ValueError("--paired needs as many variant draws as base draws, in the same seed order")
    keys = [k for k in base[0] if all(k in run for run in (*base, *variant))]
    rows = []
    for key in keys:
        b = [run[key] for run in base]
        row: dict[str, Any] = {"metric": key, "base": b, "base_mean": statistics.mean(b), "base_sd": _sd(b)}
        if variant:
            v = [run[key] for run in variant]
            diff = statistics.mean(v) - row["base_mean"]
            if paired:
                se = _sd([x - y for x, y in zip(v, b, strict=True)]) / math.sqrt(len(v))
            else:
                se = math.sqrt(_sd(b) ** 2 / len(b) + _sd(v) ** 2 / len(v))
            row.update(variant=v, variant_mean=statistics.mean(v), variant_sd=_sd(v), diff=diff, se=se)
            row["significant"] = se > 0 and abs(diff) > SIGNIFICANT * se
        rows.append(row)
    return rows


def table(rows: Sequence[dict[str, Any]], base_names: Sequence[str], variant_names: Sequence[str] = ()) -> str:
    """The rows as a markdown table: per-draw values, means and (with a variant) the difference, ``*`` when it is
    beyond ``SIGNIFICANT`` standard errors."""
    head = ["metric", *base_names, "mean", "sd"]
    if variant_names:
        head += [*variant_names, "mean", "sd", "difference", "se"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for r in rows:
        cells = [f"`{r['metric']}`", *(f"{x:.4f}" for x in r["base"]), f"{r['base_mean']:.4f}", f"{r['base_sd']:.4f}"]
        if variant_names:
            cells += [*(f"{x:.4f}" for x in r["variant"]), f"{r['variant_mean']:.4f}", f"{r['variant_sd']:.4f}"]
            cells += [f"{r['diff']:+.4f}" + (" *" if r["significant"] else ""), f"{r['se']:.4f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def column_names(base: Sequence[Path], variant: Sequence[Path]) -> tuple[list[str], list[str]]:
    """Each file's stem, or ``folder/stem`` when two files share a stem (the same seed of two variants)."""
    stems = [p.stem for p in (*base, *variant)]
    names = stems if len(set(stems)) == len(stems) else [f"{p.parent.name}/{p.stem}" for p in (*base, *variant)]
    return names[: len(base)], names[len(base) :]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, nargs="+", required=True, help="gate --json files, one per draw")
    ap.add_argument("--variant", type=Path, nargs="*", default=[], help="the changed data's draws")
    ap.add_argument("--paired", action="store_true", help="variant and base files are the same seeds, in order")
    ap.add_argument("--doc", type=Path, help="write the table as a markdown page (e.g. docs/DRAWS.md)")
    args = ap.parse_args(argv)
    base_runs, variant_runs = [measured(p) for p in args.base], [measured(p) for p in args.variant]
    rows = compare([figures(r) for r in base_runs], [figures(r) for r in variant_runs], paired=args.paired)
    out = table(rows, *column_names(args.base, args.variant))
    print(out)
    if args.doc:
        command = " ".join(["python scripts/draw_compare.py", *map(str, argv if argv is not None else sys.argv[1:])])
        args.doc.write_text(
            DOC_HEAD.format(command=command) + (VARIANT_HEAD if args.variant else "") + out + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
