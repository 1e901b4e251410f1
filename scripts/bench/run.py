"""The interleaved run: every system on every page of a dataset in this one process, page by page in a
rotating order (so machine drift hits all alike), single-threaded; then the dataset's summary."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import resource
import shlex
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import metrics
from bench.datasets import dataset_name, dataset_path, document, load_records, record_kind, typed_gold
from bench.systems import REFERENCE_PEER, SPEED_ONLY, SYSTEMS, Adapter, as_text, as_typed, load_systems
from cleaner.learning.evaluate import TypedScore, bootstrap_indices, page_f1, page_scores, word_scores

FAILURE_EXAMPLES = 5
PROGRESS_EVERY = 50


def run_dataset(
    name: str, path: Path, records: list[dict], adapters: dict[str, Adapter], bootstrap: int, seed: int
) -> dict[str, Any]:
    """Run every system on every page (rotating order), score, and summarise one dataset."""
    try:
        kind = record_kind(records[0])
    except ValueError as exc:
        raise SystemExit(f"{path}: {exc}") from None
    doc_kind = "text" if kind == "injected" else "html"
    names = [n for n in adapters if doc_kind in SYSTEMS[n][1]]
    scored = [n for n in names if n not in SPEED_ONLY]
    wcxb = kind == "main" and all("page_type" in rec for rec in records)
    times: dict[str, list[float]] = {n: [] for n in names}
    stages: dict[str, list[dict[str, float]]] = {n: [] for n in names if hasattr(adapters[n], "last")}
    stage_mismatch = dict.fromkeys(stages, 0)
    failures: dict[str, list[dict[str, str]]] = {n: [] for n in names}
    main_pages: dict[str, list] = {n: [] for n in scored}
    words: dict[str, list[tuple[float, float, float]]] = {n: [] for n in scored}
    typed = {n: TypedScore() for n in scored}
    ids, sizes_kb = [], []

    doc, dkind = document(records[0], kind)
    for n in names:  # warm-up, untimed: lazy imports, caches, first-call costs
        with contextlib.suppress(Exception):
            adapters[n](doc, dkind)

    t_start = time.perf_counter()
    for i, rec in enumerate(records):
        doc, dkind = document(rec, kind)
        ids.append(rec.get("id", str(i)))
        sizes_kb.append(len(doc.encode("utf-8", "replace")) / 1024)
        k = i % len(names)
        outputs: dict[str, Any] = {}
        for n in names[k:] + names[:k]:
            t0 = time.perf_counter()
            try:
                out = adapters[n](doc, dkind)
            except Exception as exc:  # noqa: BLE001 - a peer crashing on one page scores empty text
                out = None
                failures[n].append({"id": ids[-1], "error": f"{type(exc).__name__}: {str(exc)[:200]}"})
            times[n].append((time.perf_counter() - t0) * 1000)
            if n in stages and out is not None:
                stages[n].append(dict(adapters[n].last))  # type: ignore[attr-defined]
            outputs[n] = "" if out is None else out
        for n in stages:
            if "cleaner" in outputs and as_text(outputs[n]) != as_text(outputs["cleaner"]):
                stage_mismatch[n] += 1
        for n in scored:
            if kind == "main":
                main_pages[n].append(page_scores(as_text(outputs[n]), rec["text"]))
                if wcxb:
                    words[n].append(word_scores(as_text(outputs[n]), rec["text"]))
            else:
                typed[n].add(typed_gold(rec, kind), as_typed(outputs[n]))
        if (i + 1) % PROGRESS_EVERY == 0:
            print(f"  {name}: {i + 1}/{len(records)} pages, {time.perf_counter() - t_start:.0f} s", file=sys.stderr)

    result: dict[str, Any] = {
        "path": str(path),
        "kind": kind,
        "input": doc_kind,
        "records": len(records),
        "systems": names,
        "speed": metrics.speed_stats(times),
        "failures": {n: {"count": len(f), "examples": f[:FAILURE_EXAMPLES]} for n, f in failures.items()},
        "pages": {
            "ids": ids,
            "kb": [round(s, 1) for s in sizes_kb],
            "ms": {n: [round(t, 3) for t in times[n]] for n in names},
        },
    }
    if stages:
        result["stages"] = {
            n: metrics.stage_stats(s, stage_mismatch[n] if "cleaner" in names else None) for n, s in stages.items()
        }
    if kind == "main":
        idx = bootstrap_indices(len(records), bootstrap, seed)
        result["accuracy"], result["paired_vs_cleaner"] = metrics.main_accuracy(main_pages, scored, idx)
        result["bootstrap"] = bootstrap
        f1s = {n: [page_f1(p, r) for p, r, _ in main_pages[n]] for n in scored}
        result["pages"]["f1"] = {n: [round(f, 4) for f in f1s[n]] for n in scored}
        result["low_f1_pages"] = metrics.low_f1_pages(f1s)
        if "cleaner" in scored and REFERENCE_PEER in scored:
            result["cleaner_vs_trafilatura"] = {"f1": result["paired_vs_cleaner"][REFERENCE_PEER]}
        extra: dict[str, list[Any]] = {}
        if wcxb:
            page_types = [rec["page_type"] for rec in records]
            result["word_f1"] = metrics.word_accuracy(words, page_types, main_pages, idx, seed)
            result["pages"]["page_type"] = page_types
            result["pages"]["word_f1"] = {n: [round(w[2], 4) for w in words[n]] for n in scored}
            result["low_word_f1_pages"] = metrics.low_f1_pages({n: [w[2] for w in words[n]] for n in scored})
            if "cleaner_minus_trafilatura" in result["word_f1"]:
                result["cleaner_vs_trafilatura"]["word_f1"] = result["word_f1"]["cleaner_minus_trafilatura"]
            extra = {"page_type": page_types}
            if "cleaner" in words:
                extra["word_f1"] = [w[2] for w in words["cleaner"]]
            if REFERENCE_PEER in words:
                extra["trafilatura_word_f1"] = [w[2] for w in words[REFERENCE_PEER]]
        result["worst_cleaner_pages"] = metrics.worst_pages(ids, f1s, extra)
        result["largest_gaps"] = metrics.largest_gaps(ids, main_pages, scored)
    else:
        result["typed"] = {n: typed[n].report() for n in scored}
    return result


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run(args: argparse.Namespace, argv: list[str]) -> dict[str, Any]:
    """Every dataset of ``args`` with every system of ``args``: the benchmark's JSON result."""
    started = time.perf_counter()
    paths = [dataset_path(d) for d in args.datasets]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise SystemExit(f"dataset(s) not found: {', '.join(missing)}")

    adapters, systems = load_systems(args.systems, args)
    try:
        from threadpoolctl import threadpool_limits

        limit: contextlib.AbstractContextManager = threadpool_limits(1)
    except ImportError:
        limit = contextlib.nullcontext()
    datasets: dict[str, Any] = {}
    with limit:
        for path in paths:
            records = load_records(path, args.sample, args.first, args.seed)
            if not records:
                raise SystemExit(f"{path}: no records")
            print(f"{dataset_name(path)}: {len(records)} records", file=sys.stderr)
            datasets[dataset_name(path)] = run_dataset(
                dataset_name(path), path, records, adapters, args.bootstrap, args.seed
            )

    model_version = getattr(adapters.get("cleaner") or adapters.get("cleaner_stages"), "model_version", None)
    selection = (
        f"first {args.first} of each dataset"
        if args.first
        else f"seeded sample of {args.sample} per dataset (seed {args.seed})"
        if args.sample
        else "all"
    )
    versions = {"cleaner": None, "lxml": None, "numpy": None, "scikit-learn": None}
    versions.update({SYSTEMS[n][2]: s.get("version") for n, s in systems.items() if SYSTEMS[n][2]})
    for dist in versions:
        if versions[dist] is None:
            with contextlib.suppress(metadata.PackageNotFoundError):
                versions[dist] = metadata.version(dist)
    return {
        "meta": {
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "command": shlex.join(["python", "scripts/benchmark.py", *argv]),
            "python": platform.python_version(),
            "machine": f"{platform.system()} {platform.machine()}",
            "cpu_count": os.cpu_count(),
            "versions": versions,
            "model_version": model_version,
            "selection": selection,
            "sample": args.sample,
            "first": args.first,
            "seed": args.seed,
            "bootstrap": args.bootstrap,
            "peak_rss_mb": peak_rss_mb(),
            "seconds": time.perf_counter() - started,
        },
        "systems": systems,
        "datasets": datasets,
        "size_sweep": metrics.size_sweep(datasets),
        "targets": metrics.targets(datasets),
    }
