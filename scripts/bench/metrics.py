"""Summaries of one dataset's per-page scores: corpus scores with bootstrap spreads, paired bootstrap
differences, WCXB word F1 per page type, low-F1 counts, the worst pages, speed and stage timing.

The per-page and corpus metrics themselves (shingle scores, word F1, typed scores, the bootstrap) are in
``cleaner.learning.evaluate``; this module only arranges them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.systems import BASELINES, REFERENCE_PEER
from cleaner.learning.evaluate import (
    bootstrap_indices,
    bootstrap_mean,
    bootstrap_prf,
    corpus_scores,
    page_f1,
    paired_difference,
    segments_caught,
)

PageScores = tuple[float | None, float | None, bool]
LOW_F1 = 0.5  # pages below this F1 are counted per system
WORST_PAGES = 10  # cleaner's lowest-F1 pages listed per dataset
LARGEST_GAPS = 5  # pages where cleaner falls furthest below the best peer
SIZE_BUCKETS = (
    ("<25KB", 0, 25),
    ("25-50KB", 25, 50),
    ("50-100KB", 50, 100),
    ("100-200KB", 100, 200),
    (">200KB", 200, float("inf")),
)  # KB (1024 bytes) of UTF-8 HTML; lower bound inclusive


def _sd(boot: np.ndarray) -> np.ndarray:
    return boot.std(axis=-1, ddof=1) if boot.shape[-1] > 1 else np.zeros(boot.shape[:-1])


def _paired(ours: np.ndarray, theirs: np.ndarray, point: float) -> dict[str, Any]:
    """``paired_difference`` under the benchmark's JSON keys."""
    d = paired_difference(ours, theirs, point)
    return {
        "cleaner_minus_system_f1": d["difference"],
        "mean": d["mean"],
        "ci95": d["ci95"],
        "share_cleaner_ahead": d["share_ahead"],
    }


def main_accuracy(pages: dict[str, list[PageScores]], names: Sequence[str], idx: np.ndarray) -> tuple[dict, dict]:
    """Corpus shingle scores per system (± bootstrap sd) and cleaner − system paired differences."""
    accuracy: dict[str, Any] = {}
    boot: dict[str, np.ndarray] = {}
    for name in names:
        boot[name] = bootstrap_prf(pages[name], idx)
        sd = _sd(boot[name])
        accuracy[name] = {
            **corpus_scores(pages[name]),
            "median_page_f1": float(np.median([page_f1(p, r) for p, r, _ in pages[name]])),
            "precision_sd": float(sd[0]),
            "recall_sd": float(sd[1]),
            "f1_sd": float(sd[2]),
        }
    paired: dict[str, Any] = {}
    if "cleaner" in boot:
        for name in names:
            if name != "cleaner":
                point = accuracy["cleaner"]["f1"] - accuracy[name]["f1"]
                paired[name] = _paired(boot["cleaner"][2], boot[name][2], point)
    return accuracy, paired


def word_accuracy(
    words: dict[str, list[tuple[float, float, float]]],
    page_types: Sequence[str],
    shingles: dict[str, list[PageScores]],
    idx: np.ndarray,
    seed: int,
) -> dict[str, Any]:
    """WCXB's word F1 (mean of per-page P, R, F1) per system, overall and per page type, beside the shingle F1,
    with cleaner − trafilatura paired bootstrap differences (overall on ``idx``; per type on its own resample)."""
    names = list(words)
    overall: dict[str, Any] = {}
    boot: dict[str, np.ndarray] = {}
    for n in names:
        arr = np.asarray(words[n], dtype=float).reshape(-1, 3)
        boot[n] = bootstrap_mean(arr[:, 2], idx)
        overall[n] = {
            "precision": float(arr[:, 0].mean()),
            "recall": float(arr[:, 1].mean()),
            "f1": float(arr[:, 2].mean()),
            "f1_sd": float(_sd(boot[n])),
        }
    out: dict[str, Any] = {"overall": overall, "by_type": {}}
    if "cleaner" in boot and REFERENCE_PEER in boot:
        point = overall["cleaner"]["f1"] - overall[REFERENCE_PEER]["f1"]
        out["cleaner_minus_trafilatura"] = _paired(boot["cleaner"], boot[REFERENCE_PEER], point)
    for t in sorted(set(page_types), key=lambda t: (-page_types.count(t), t)):
        rows = [i for i, pt in enumerate(page_types) if pt == t]
        sub = bootstrap_indices(len(rows), idx.shape[0], seed)
        entry: dict[str, Any] = {"pages": len(rows), "systems": {}}
        tboot: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for n in names:
            w = np.asarray([words[n][i][2] for i in rows], dtype=float)
            s = [shingles[n][i] for i in rows]
            entry["systems"][n] = {"word_f1": float(w.mean()), "f1": corpus_scores(s)["f1"]}
            tboot[n] = (bootstrap_mean(w, sub), bootstrap_prf(s, sub)[2])
        if "cleaner" in tboot and REFERENCE_PEER in tboot:
            ours, theirs = entry["systems"]["cleaner"], entry["systems"][REFERENCE_PEER]
            entry["cleaner_minus_trafilatura"] = {
                "word_f1": _paired(tboot["cleaner"][0], tboot[REFERENCE_PEER][0], ours["word_f1"] - theirs["word_f1"]),
                "f1": _paired(tboot["cleaner"][1], tboot[REFERENCE_PEER][1], ours["f1"] - theirs["f1"]),
            }
        out["by_type"][t] = entry
    return out


def low_f1_pages(page_f1s: dict[str, list[float]], threshold: float = LOW_F1) -> dict[str, int]:
    """Pages with F1 below ``threshold``, per system."""
    return {n: int(sum(f < threshold for f in fs)) for n, fs in page_f1s.items()}


def worst_pages(
    ids: Sequence[str],
    page_f1s: dict[str, list[float]],
    extra: dict[str, Sequence[Any]] | None = None,
    k: int = WORST_PAGES,
) -> list[dict[str, Any]]:
    """cleaner's ``k`` lowest-F1 pages with trafilatura's F1 on the same page (None when it did not run);
    ``extra``: more per-page columns (e.g. page type, word F1)."""
    if "cleaner" not in page_f1s:
        return []
    order = sorted(range(len(ids)), key=lambda i: (page_f1s["cleaner"][i], ids[i]))[:k]
    peer = page_f1s.get(REFERENCE_PEER)
    return [
        {
            "id": ids[i],
            "f1": page_f1s["cleaner"][i],
            "trafilatura_f1": None if peer is None else peer[i],
            **{key: values[i] for key, values in (extra or {}).items()},
        }
        for i in order
    ]


def largest_gaps(ids: Sequence[str], pages: dict[str, list[PageScores]], names: Sequence[str]) -> list[dict[str, Any]]:
    """The pages where cleaner's F1 falls furthest below the best peer's on that page."""
    peers = [n for n in names if n != "cleaner" and n not in BASELINES]
    if "cleaner" not in pages or not peers:
        return []
    rows = []
    for i, page_id in enumerate(ids):
        p, r, _ = pages["cleaner"][i]
        best = max(peers, key=lambda n: page_f1(*pages[n][i][:2]))
        best_f1 = page_f1(*pages[best][i][:2])
        rows.append(
            {
                "id": page_id,
                "cleaner_precision": p,
                "cleaner_recall": r,
                "cleaner_f1": page_f1(p, r),
                "best_peer": best,
                "best_peer_f1": best_f1,
                "gap": best_f1 - page_f1(p, r),
            }
        )
    rows.sort(key=lambda row: -row["gap"])
    return [row for row in rows[:LARGEST_GAPS] if row["gap"] > 0]


def speed_stats(times_ms: dict[str, list[float]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, ms in times_ms.items():
        arr = np.asarray(ms)
        out[name] = {
            "median_ms": float(np.median(arr)),
            "p95_ms": float(np.percentile(arr, 95)),
            "mean_ms": float(arr.mean()),
            "pages_per_s": float(len(arr) / (arr.sum() / 1000)) if arr.sum() else None,
        }
    for ref, key in (("lxml", "ratio_to_lxml"), ("trafilatura", "ratio_to_trafilatura")):
        base = out.get(ref, {}).get("median_ms")
        for stats in out.values():
            stats[key] = stats["median_ms"] / base if base else None
    return out


def stage_stats(stages: list[dict[str, float]], mismatches: int | None) -> dict[str, Any]:
    """Median and mean ms per pipeline stage and each stage's share of the summed time."""
    names = list(stages[0]) if stages else []
    total = sum(sum(s.values()) for s in stages) or 1.0
    return {
        "median_ms": {k: float(np.median([s[k] for s in stages])) for k in names},
        "mean_ms": {k: float(np.mean([s[k] for s in stages])) for k in names},
        "share": {k: float(sum(s[k] for s in stages) / total) for k in names},
        "text_differs_from_cleaner": mismatches,
    }


def _median(values: Sequence[float]) -> float | None:
    return float(np.median(values)) if len(values) else None


def size_sweep(datasets: dict[str, Any]) -> dict[str, Any]:
    """Median ms per HTML-size bucket for every system, pooled over the HTML datasets."""
    pooled: dict[str, list[tuple[float, float]]] = {}
    for ds in datasets.values():
        if ds["input"] == "html":
            for system, ms in ds["pages"]["ms"].items():
                pooled.setdefault(system, []).extend(zip(ds["pages"]["kb"], ms, strict=True))
    sizes = [kb for ds in datasets.values() if ds["input"] == "html" for kb in ds["pages"]["kb"]]
    median = {
        system: [_median([t for kb, t in pairs if lo <= kb < hi]) for _, lo, hi in SIZE_BUCKETS]
        for system, pairs in pooled.items()
    }
    return {
        "buckets": [name for name, _, _ in SIZE_BUCKETS],
        "pages": [sum(lo <= kb < hi for kb in sizes) for _, lo, hi in SIZE_BUCKETS],
        "median_ms": median,
    }


def targets(datasets: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, checked against this run."""
    rows = []
    for name, ds in datasets.items():
        speed = ds["speed"].get("cleaner", {})
        if ds["kind"] == "main" and "cleaner" in ds.get("accuracy", {}):
            peers = {n: a["f1"] for n, a in ds["accuracy"].items() if n != "cleaner" and n not in BASELINES}
            if peers:
                best = max(peers, key=peers.__getitem__)
                rows.append(
                    {
                        "dataset": name,
                        "target": f"F1 >= best peer ({best} {peers[best]:.3f})",
                        "value": ds["accuracy"]["cleaner"]["f1"],
                        "met": ds["accuracy"]["cleaner"]["f1"] >= peers[best],
                    }
                )
        if ds["input"] == "html" and speed.get("ratio_to_trafilatura") is not None:
            value = speed["ratio_to_trafilatura"]
            rows.append(
                {
                    "dataset": name,
                    "target": "time <= 0.5 x trafilatura (2x its pages/s)",
                    "value": value,
                    "met": value <= 0.5,
                }
            )
        if ds["input"] == "html" and speed.get("ratio_to_lxml") is not None:
            value = speed["ratio_to_lxml"]
            rows.append({"dataset": name, "target": "time <= 3 x lxml parse", "value": value, "met": value <= 3})
        report = ds.get("typed", {}).get("cleaner")
        if report and ds["kind"] == "typed":
            for label in ("consent", "promo"):
                for metric in ("recall", "precision"):
                    value = report["labels"][label][metric]
                    rows.append(
                        {"dataset": name, "target": f"{label} {metric} >= 0.9", "value": value, "met": value >= 0.9}
                    )
        if report and ds["kind"] == "injected":
            caught = segments_caught(report) or 0.0
            rows.append(
                {"dataset": name, "target": "injected segments caught >= 0.95", "value": caught, "met": caught >= 0.95}
            )
            rows.append(
                {
                    "dataset": name,
                    "target": "editorial tokens kept >= 0.99",
                    "value": report["content_retention"],
                    "met": report["content_retention"] >= 0.99,
                }
            )
    return rows
