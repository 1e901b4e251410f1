"""A quality gate: cleaner's accuracy on pinned samples of the public benchmarks, held against floors.

Each dataset of ``../shared/benchmarks`` is measured on a fixed, seeded sample (``ci``: the first ``CI_PAGES``
records of a seeded shuffle, the pages ``scripts/benchmark.py --sample CI_PAGES`` takes; ``full``: every record)
with the same metrics as ``scripts/benchmark.py``:

- main-content sets: ``f1``, the 4-gram shingle F1 of the README; on ``wcxb-dev`` also ``word_f1``, WCXB's own
  mean per-page word F1;
- typed page sets: ``f1.<label>`` for every label with gold tokens in the sample and ``content_retention``
  (token-aligned, as ``shared/tools/typed/score.py``);
- injected plain-text sets: ``segments_caught`` (share of injected segments with >= 50% of their tokens removed),
  ``segments_typed`` (... with >= 50% of their tokens under their own label) and ``content_retention``.

A floors file (``tests/quality_gate.json`` in a checkout) pins, per sample and dataset, a sha256 digest of the
records measured (ids, documents and gold) and a floor and tolerance per metric. The gate fails when a metric
falls below its floor by more than its tolerance. The tolerance is the bootstrap standard deviation of the metric
over the sample's pages (``BOOTSTRAP`` seeded resamples, measured when the floor was set) clamped to
[``TOLERANCE_MIN``, ``TOLERANCE_MAX``]: a small sample's figures move further when a retrained model changes a
few pages, the full sets' hardly at all. ``--update --spread A.json B.json`` also reads the ``--json``
measurements of the same code trained on other seeded data draws: a metric then gets its floor from the mean over
all the draws (this one included) when that is lower than this draw's value, and its tolerance from the larger of
the bootstrap's and ``SPREAD_SDS`` standard deviations over the draws, clamped to [``TOLERANCE_MIN``,
``SPREAD_TOLERANCE_MAX``]. A metric that moves that much between two draws of the same training data cannot tell a
worse change from a reshuffle; pinned at a lucky draw's value it would fail every retrain of equal quality. A
changed sample (other digest) is reported and not compared.

Exit codes of ``main``: 0 passed, 1 a metric dropped below its floor beyond tolerance (or ``--update`` refused
to lower a floor), 2 the gate could not compare (a sample changed, a dataset is missing, no floors pinned).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.core.types import LABELS
from cleaner.learning.evaluate import (
    TypedScore,
    bootstrap_indices,
    bootstrap_mean,
    bootstrap_prf,
    corpus_scores,
    page_scores,
    segments_caught,
    segments_typed,
    word_f1,
)

# name -> what its records hold (see ``record_kind``)
DATASETS: dict[str, str] = {
    "cleaneval": "main",
    "dragnet": "main",
    "cetd": "main",
    "modern-dev": "main",
    "wcxb-dev": "main",
    "typed-dev": "typed",
    "typed-modern-dev": "typed",
    "injected-dev": "injected",
    "injected-modern-dev": "injected",
}
CI_PAGES = 40
SAMPLES: dict[str, int | None] = {"ci": CI_PAGES, "full": None}  # records per dataset; None = all
SEED = 0
BOOTSTRAP = 200
TOLERANCE_MIN, TOLERANCE_MAX = 0.01, 0.03
SPREAD_TOLERANCE_MAX = 0.05  # cap of a tolerance widened by the retrain spread
SPREAD_SDS = 2  # a new draw of the same code lands within about two standard deviations of the draws' mean
FLOOR_DIGITS = 4

# verdicts
OK, WITHIN, FAIL = "ok", "ok (within tolerance)", "FAIL"
NO_FLOOR, CHANGED, MISSING, UNMEASURED = "no floor", "sample changed", "dataset missing", "not measured"
CANNOT_COMPARE = {CHANGED, MISSING, UNMEASURED}


# ------------------------------------------------------------------ benchmark records


def read_records(path: Path, sample: int | None = None, seed: int = SEED, first: int | None = None) -> list[dict]:
    """Records of a gzip (or plain) JSON Lines file: all of them, the first N in file order (``first``), or the
    first N of a seeded shuffle (``sample``). Only the chosen lines are decoded."""
    opener: Callable[..., Any] = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    order = list(range(len(lines)))
    if first is not None:
        order = order[:first]
    elif sample is not None:
        random.Random(seed).shuffle(order)
        order = order[:sample]
    return [json.loads(lines[i]) for i in order]


def record_kind(rec: dict[str, Any]) -> str:
    """``typed`` (html + segments), ``injected`` (text + paragraphs) or ``main`` (html + gold text)."""
    if "segments" in rec and "html" in rec:
        return "typed"
    if "paragraphs" in rec:
        return "injected"
    if "html" in rec and "text" in rec:
        return "main"
    raise ValueError(f"record {rec.get('id')!r} has neither html+text, html+segments nor text+paragraphs")


def document(rec: dict[str, Any], kind: str) -> tuple[str, str]:
    """(document, "html" | "text") as the reference scorer reads it."""
    if kind == "injected":
        return rec.get("text") or "\n\n".join(p["text"] for p in rec["paragraphs"]), "text"
    return rec["html"], "html"


def typed_gold(rec: dict[str, Any], kind: str) -> list[tuple[str, str]]:
    """``(text, label)`` per gold segment of a typed or injected record."""
    return [(s["text"], s["label"]) for s in rec["segments" if kind == "typed" else "paragraphs"]]


def gold(rec: dict[str, Any], kind: str) -> Any:
    return rec["text"] if kind == "main" else typed_gold(rec, kind)


def sample_digest(records: Iterable[dict[str, Any]]) -> str:
    """sha256 over the records' ids, documents and gold, in sample order."""
    digest = hashlib.sha256()
    for rec in records:
        kind = record_kind(rec)
        doc, _ = document(rec, kind)
        for part in (str(rec.get("id")), doc, json.dumps(gold(rec, kind), ensure_ascii=False)):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")
        digest.update(b"\x1e")
    return digest.hexdigest()


# ------------------------------------------------------------------ measuring


def _sd(values: np.ndarray) -> float:
    return float(np.std(values, ddof=1)) if len(values) > 1 else 0.0


def typed_metrics(report: dict[str, Any], kind: str) -> dict[str, float]:
    """The gate's metrics of a ``TypedScore.report()``: per-label F1 (labels with gold tokens) and content
    retention on typed sets; segments caught and content retention on injected sets."""
    out: dict[str, float] = {}
    if kind == "typed":
        for label in LABELS:
            if report["labels"][label]["support"]:
                out[f"f1.{label}"] = report["labels"][label]["f1"]
    else:
        caught, typed = segments_caught(report), segments_typed(report)
        if caught is not None:
            out["segments_caught"] = caught
        if typed is not None:
            out["segments_typed"] = typed
    if report["labels"]["content"]["support"]:
        out["content_retention"] = report["content_retention"]
    return out


def score_outputs(
    records: Sequence[dict[str, Any]], outputs: Iterable[Any], *, bootstrap: int = BOOTSTRAP, seed: int = SEED
) -> dict[str, dict[str, float]]:
    """``{metric: {"value", "sd"}}`` of cleaner ``Result``s (``outputs``, one per record, consumed lazily: only
    per-page scores are kept); ``sd`` is the bootstrap standard deviation over the records."""
    kind = record_kind(records[0])
    idx = bootstrap_indices(len(records), bootstrap, seed)
    metrics: dict[str, dict[str, float]] = {}
    if kind == "main":
        wcxb = all("page_type" in rec for rec in records)
        pages, words = [], []
        for rec, out in zip(records, outputs, strict=True):
            pages.append(page_scores(out.text, rec["text"]))
            if wcxb:
                words.append(word_f1(out.text, rec["text"]))
        metrics["f1"] = {"value": corpus_scores(pages)["f1"], "sd": _sd(bootstrap_prf(pages, idx)[2])}
        if wcxb:
            metrics["word_f1"] = {"value": float(np.mean(words)), "sd": _sd(bootstrap_mean(words, idx))}
            types = np.array([str(rec["page_type"]) for rec in records])
            drawn = np.asarray(words)[idx]
            for page_type in sorted(set(types.tolist())):  # per page type (WCXB's table)
                of_type = (types == page_type)[idx]  # the resampled pages of this type
                n = of_type.sum(axis=1)
                means = (drawn * of_type).sum(axis=1)[n > 0] / n[n > 0]
                value = float(np.asarray(words)[types == page_type].mean())
                metrics[f"word_f1.{page_type}"] = {"value": value, "sd": _sd(means)}
        return metrics
    docs = []
    for rec, out in zip(records, outputs, strict=True):
        score = TypedScore()
        score.add(typed_gold(rec, kind), [(s.text, s.label.value) for s in out.segments])
        docs.append(score)
    values = typed_metrics(TypedScore.combined(docs).report(), kind)
    resampled: dict[str, list[float]] = {m: [] for m in values}
    for row in idx:
        again = typed_metrics(TypedScore.combined(docs[i] for i in row).report(), kind)
        for m in values:
            if m in again:
                resampled[m].append(again[m])
    return {m: {"value": v, "sd": _sd(np.asarray(resampled[m]))} for m, v in values.items()}


def measure(
    bench: Path,
    sample: str,
    *,
    model: str | Path | None = None,
    datasets: Sequence[str] = tuple(DATASETS),
    workers: int = 1,
    bootstrap: int = BOOTSTRAP,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Measure a model (default: the installed default model) on one sample of every dataset."""
    from cleaner.api import Cleaner
    from cleaner.core.config import CleanerConfig

    cleaner = Cleaner(model, config=CleanerConfig(cues=False))
    out: dict[str, Any] = {"sample": sample, "model_version": cleaner.model_version, "datasets": {}}
    started = time.perf_counter()
    for name in datasets:
        path = bench / f"{name}.jsonl.gz"
        if not path.exists():
            out["datasets"][name] = {"missing": str(path)}
            continue
        t0 = time.perf_counter()
        records = read_records(path, SAMPLES[sample], SEED)
        kind = record_kind(records[0])
        doc_kind = document(records[0], kind)[1]
        outputs = cleaner.clean_many((document(rec, kind)[0] for rec in records), kind=doc_kind, workers=workers)
        out["datasets"][name] = {
            "pages": len(records),
            "digest": sample_digest(records),
            "metrics": score_outputs(records, outputs, bootstrap=bootstrap),
        }
        if progress:
            progress(f"{name}: {len(records)} records, {time.perf_counter() - t0:.1f} s")
        del records, outputs
    out["seconds"] = time.perf_counter() - started
    return out


# ------------------------------------------------------------------ floors: compare and update


@dataclass(frozen=True)
class Row:
    dataset: str
    metric: str
    floor: float | None
    tolerance: float | None
    now: float | None
    verdict: str


def tolerance_of(sd: float, retrain_sd: float | None = None) -> float:
    """A metric's tolerance from its bootstrap standard deviation (and, when measured, its standard deviation over
    retrains on other data draws, counted ``SPREAD_SDS`` times): rounded up to 0.001, then clamped."""
    top = TOLERANCE_MAX if retrain_sd is None else SPREAD_TOLERANCE_MAX
    wide = sd if retrain_sd is None else max(sd, SPREAD_SDS * retrain_sd)
    return min(max(math.ceil(wide * 1000 - 1e-9) / 1000, TOLERANCE_MIN), top)


@dataclass(frozen=True)
class Spread:
    """A metric over retrains of the same code on several data draws."""

    mean: float
    sd: float
    draws: int


def retrain_spread(measured: dict[str, Any], others: Sequence[dict[str, Any]]) -> dict[tuple[str, str], Spread]:
    """Per (dataset, metric): mean and sample standard deviation of the value over ``measured`` and ``others`` (gate
    measurements of retrains on other data draws; a dataset whose sample digest differs is left out)."""
    out: dict[tuple[str, str], Spread] = {}
    for name, now in measured["datasets"].items():
        for metric, v in now.get("metrics", {}).items():
            values = [v["value"]]
            for other in others:
                o = other["datasets"].get(name, {})
                if o.get("digest") == now.get("digest") and metric in o.get("metrics", {}):
                    values.append(o["metrics"][metric]["value"])
            if len(values) > 1:
                out[(name, metric)] = Spread(float(np.mean(values)), float(np.std(values, ddof=1)), len(values))
    return out


def floor_of(value: float) -> float:
    """A floor from a measured value: rounded down, so the same measurement always passes."""
    return math.floor(value * 10**FLOOR_DIGITS + 1e-9) / 10**FLOOR_DIGITS


def pinned_floor(value: float, sd: float, spread: Spread | None = None) -> dict[str, float]:
    """``{"floor", "tolerance"}`` of a metric measured at ``value`` with bootstrap standard deviation ``sd``; with
    the metric's ``spread`` over data draws, the floor is the draws' mean when that is lower than ``value``."""
    if spread is None:
        return {"floor": floor_of(value), "tolerance": tolerance_of(sd)}
    return {"floor": floor_of(min(value, spread.mean)), "tolerance": tolerance_of(sd, spread.sd)}


def compare(pinned: dict[str, Any] | None, measured: dict[str, Any]) -> list[Row]:
    """A row per dataset and metric: the pinned floor (a sample section of the floors file) against now."""
    rows: list[Row] = []
    pinned_sets = (pinned or {}).get("datasets", {})
    for name in dict.fromkeys([*measured["datasets"], *pinned_sets]):
        now = measured["datasets"].get(name)
        pin = pinned_sets.get(name)
        if now is None:
            continue  # not measured this time (a --datasets subset)
        floors = (pin or {}).get("floors", {})
        if "missing" in now:
            rows += [Row(name, m, f["floor"], f["tolerance"], None, MISSING) for m, f in floors.items()]
            rows += [] if floors else [Row(name, "-", None, None, None, MISSING)]
            continue
        values = {m: v["value"] for m, v in now["metrics"].items()}
        changed = pin is not None and pin.get("digest") != now["digest"]
        for m, f in floors.items():
            value = values.get(m)
            if changed:
                verdict = CHANGED
            elif value is None:
                verdict = UNMEASURED
            elif value < f["floor"] - f["tolerance"] - 1e-12:
                verdict = FAIL
            elif value < f["floor"]:
                verdict = WITHIN
            else:
                verdict = OK
            rows.append(Row(name, m, f["floor"], f["tolerance"], value, verdict))
        rows += [
            Row(name, m, None, None, v, CHANGED if changed else NO_FLOOR) for m, v in values.items() if m not in floors
        ]
    return rows


def exit_code(rows: Sequence[Row]) -> int:
    if any(r.verdict == FAIL for r in rows):
        return 1
    if any(r.verdict in CANNOT_COMPARE for r in rows) or all(r.verdict == NO_FLOOR for r in rows):
        return 2  # (no rows at all: nothing pinned, nothing measured)
    return 0


def update(
    pinned: dict[str, Any] | None,
    measured: dict[str, Any],
    *,
    allow_lower: bool = False,
    spread: dict[tuple[str, str], Spread] | None = None,
    spread_models: Sequence[str] = (),
) -> tuple[dict[str, Any], list[str]]:
    """A new sample section with floors from ``measured``, and what would be lowered (refused unless
    ``allow_lower``: a lower floor, a dropped metric, or a changed sample whose floors cannot be compared).
    ``spread``: the metrics over retrains on other data draws (``retrain_spread``), see ``pinned_floor``;
    ``spread_models``: those retrains' model versions, recorded in the section so the pin can be traced."""
    spread = spread or {}
    old_sets = dict((pinned or {}).get("datasets", {}))
    new_sets = dict(old_sets)
    lowered: list[str] = []
    for name, now in measured["datasets"].items():
        if "missing" in now:
            continue  # keep what was pinned
        old = old_sets.get(name)
        floors = {m: pinned_floor(v["value"], v["sd"], spread.get((name, m))) for m, v in now["metrics"].items()}
        if old is not None and old.get("digest") != now["digest"]:
            lowered.append(f"{name}: the sample changed (digest {old.get('digest', '')[:12]} -> {now['digest'][:12]})")
        elif old is not None:
            for m, f in old.get("floors", {}).items():
                if m not in floors:
                    lowered.append(f"{name} {m}: no longer measured (floor {f['floor']})")
                elif floors[m]["floor"] < f["floor"]:
                    lowered.append(f"{name} {m}: {f['floor']} -> {floors[m]['floor']}")
        new_sets[name] = {"pages": now["pages"], "digest": now["digest"], "floors": floors}
    section = {
        "pages_per_dataset": SAMPLES.get(measured["sample"]) or "all",
        "seed": SEED,
        "model_version": measured["model_version"],
        "updated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        **({"spread_models": list(spread_models)} if spread_models else {}),
        "datasets": new_sets,
    }
    return section, ([] if allow_lower else lowered)


def read_floors(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def write_floors(path: Path, floors: dict[str, Any], sample: str, section: dict[str, Any]) -> None:
    out = {
        "about": (
            "Quality-gate floors (cleaner.learning.gate; python scripts/gate.py --sample ci|full). Per sample and "
            "dataset: sha256 of the records measured (ids, documents, gold) and per metric a floor and a tolerance; "
            "the gate fails when a metric falls below floor - tolerance."
        ),
        "tolerance": (
            f"bootstrap standard deviation of the metric over the sample's pages ({BOOTSTRAP} seeded resamples, "
            f"measured with the floor), rounded up to 0.001 and clamped to [{TOLERANCE_MIN}, {TOLERANCE_MAX}]; "
            f"when pinned with --spread, the larger of that and {SPREAD_SDS} standard deviations of the metric over "
            f"retrains on other seeded data draws, clamped to [{TOLERANCE_MIN}, {SPREAD_TOLERANCE_MAX}], and the "
            "floor is the draws' mean where that is below the pinned model's value"
        ),
        "samples": {**floors.get("samples", {}), sample: section},
    }
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.4f}"


def format_rows(rows: Sequence[Row]) -> str:
    header = ("dataset", "metric", "floor", "tol", "now", "now - floor", "verdict")
    body = [
        (
            r.dataset,
            r.metric,
            _num(r.floor),
            "-" if r.tolerance is None else f"{r.tolerance:.3f}",
            _num(r.now),
            "-" if r.now is None or r.floor is None or r.verdict == CHANGED else f"{r.now - r.floor:+.4f}",
            r.verdict,
        )
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *body, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" if i < 2 or i == 6 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*header), fmt.format(*("-" * w for w in widths)), *(fmt.format(*b) for b in body)])


# ------------------------------------------------------------------ command line


def parse_args(argv: Sequence[str] | None, floors: Path | None, bench: Path | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="gate.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sample", choices=tuple(SAMPLES), default="ci", help="ci: a seeded sample; full: every record")
    ap.add_argument("--model", help="model directory to gate (default: the installed default model)")
    ap.add_argument("--floors", type=Path, default=floors, required=floors is None, help="floors JSON file")
    ap.add_argument("--bench", type=Path, default=bench, required=bench is None, help="folder of the datasets")
    ap.add_argument("--datasets", help=f"comma list, a subset of {', '.join(DATASETS)}")
    ap.add_argument("--workers", type=int, default=1, help="processes cleaning (default 1)")
    ap.add_argument("--update", action="store_true", help="write floors from this measurement (raising only)")
    ap.add_argument("--allow-lower", action="store_true", help="with --update: also lower floors / re-pin samples")
    ap.add_argument("--json", type=Path, help="also write the measurement and verdicts here")
    ap.add_argument(
        "--spread",
        type=Path,
        nargs="+",
        default=[],
        help="with --update: --json files of retrains on other data draws (floors at their mean, tolerances widened)",
    )
    args = ap.parse_args(argv)
    args.datasets = [d.strip() for d in (args.datasets or ",".join(DATASETS)).split(",") if d.strip()]
    unknown = [d for d in args.datasets if d not in DATASETS]
    if unknown:
        ap.error(f"unknown dataset(s) {', '.join(unknown)}")
    if args.allow_lower and not args.update:
        ap.error("--allow-lower goes with --update")
    if args.spread and not args.update:
        ap.error("--spread goes with --update")
    return args


def main(argv: Sequence[str] | None = None, *, floors: Path | None = None, bench: Path | None = None) -> int:
    args = parse_args(argv, floors, bench)
    started = time.perf_counter()
    measured = measure(
        args.bench,
        args.sample,
        model=args.model,
        datasets=args.datasets,
        workers=args.workers,
        progress=lambda msg: print(msg, file=sys.stderr),
    )
    pinned_file = read_floors(args.floors)
    pinned = pinned_file.get("samples", {}).get(args.sample)
    rows = compare(pinned, measured)
    wall = time.perf_counter() - started
    print(f"sample {args.sample}; model {measured['model_version']}; floors {args.floors}")
    if pinned:
        print(f"floors pinned with {pinned.get('model_version')} on {pinned.get('updated')}")
    print(format_rows(rows))
    code = exit_code(rows)
    if args.json:
        args.json.write_text(
            json.dumps({"measured": measured, "rows": [r.__dict__ for r in rows], "exit": code}, indent=1) + "\n",
            encoding="utf-8",
        )
    if args.update:
        others = [json.loads(p.read_text(encoding="utf-8"))["measured"] for p in args.spread]
        spread = retrain_spread(measured, others) if others else None
        section, refused = update(
            pinned,
            measured,
            allow_lower=args.allow_lower,
            spread=spread,
            spread_models=[str(other.get("model_version")) for other in others],
        )
        if refused:
            print("refusing to update: this would lower floors (pass --allow-lower to accept):", file=sys.stderr)
            for line in refused:
                print(f"  {line}", file=sys.stderr)
            return 1
        write_floors(args.floors, pinned_file, args.sample, section)
        print(f"floors for sample {args.sample} written to {args.floors}")
        code = 0
    else:
        verdict = {0: "PASSED", 1: "FAILED: a metric dropped below its floor", 2: "CANNOT COMPARE"}[code]
        print(f"gate {verdict} ({wall:.0f} s)")
        if code == 2:
            print(
                "  a sample changed, a dataset is missing or no floors are pinned: check, then --update",
                file=sys.stderr,
            )
    return code
