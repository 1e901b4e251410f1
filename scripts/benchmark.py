#!/usr/bin/env python3
"""Accuracy and speed of cleaner side by side with the extractors people use today.

    python scripts/benchmark.py                          # all default datasets, every page
    python scripts/benchmark.py --sample 100             # seeded shuffle, then the first 100 pages of each
    python scripts/benchmark.py --datasets cetd typed-dev --systems cleaner,trafilatura --no-docs

Datasets are gzip JSON Lines files (a name looks in ../shared/benchmarks/, a path is read as is):
main-content sets (``html`` + ground-truth ``text``), typed page sets (``html`` + ``segments``) and
injected plain-text sets (``text`` + ``paragraphs``). Every system runs in this one process on the
same pages, page by page in a rotating order so machine drift hits all alike, single-threaded.
Peers (``pip install .[bench]``) are imported lazily and recorded as skipped when missing; a peer
that raises on a page scores empty text for it and the failure is counted.

Writes a JSON file (``--out``) and, unless ``--no-docs``, docs/BENCHMARKS.md plus PNG plots
(when matplotlib is importable).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import logging
import os
import platform
import random
import resource
import shlex
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # single-threaded: set before numpy (and its BLAS) is imported

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO.parent / "shared" / "benchmarks"
DOCS = REPO / "docs"
DEFAULT_DATASETS = ("cleaneval", "dragnet", "cetd", "typed-dev", "injected-dev")
LABELS = ("content", "poll", "consent", "promo", "boilerplate")
NONCONTENT = LABELS[1:]
SIZE_BUCKETS = (
    ("<25KB", 0, 25),
    ("25-50KB", 25, 50),
    ("50-100KB", 50, 100),
    ("100-200KB", 100, 200),
    (">200KB", 200, float("inf")),
)  # KB (1024 bytes) of UTF-8 HTML; lower bound inclusive
SWEEP_SYSTEMS = ("cleaner", "trafilatura", "lxml")
WORST_PAGES = 5
FAILURE_EXAMPLES = 5

# What goes into a system: a document (HTML or plain text) and its kind; what comes out: the kept
# text (binary extractors) or a ``cleaner.Result`` (typed segments and clean text).
Adapter = Callable[[str, str], Any]


# ------------------------------------------------------------------ systems

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)


def lxml_text(markup: str) -> str:
    """Text of an HTML fragment via lxml, with a line break around every block element."""
    import lxml.html

    if not markup.strip():
        return ""
    root = lxml.html.fromstring(markup)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return root.text_content()


C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
C4_TERMINAL = (".", "!", "?", '"', "\u201d", "'", "\u2019")


def c4_keep(line: str) -> bool:
    """C4-style line rule (Raffel et al. 2020): terminal punctuation, 3+ words, no javascript or policy text."""
    line = line.strip()
    low = line.lower()
    return (
        line.endswith(C4_TERMINAL)
        and len(line.split()) >= 3
        and "javascript" not in low
        and not any(p in low for p in C4_POLICY)
    )


def _cleaner(args: argparse.Namespace) -> Adapter:
    import cleaner

    c = cleaner.Cleaner(args.model, config=cleaner.CleanerConfig(cues=False))

    def run(doc: str, kind: str) -> Any:
        return c.clean(doc, kind=kind)

    run.model_version = c.model_version  # type: ignore[attr-defined]  # loads now: a broken model stops the run
    return run


def _trafilatura(args: argparse.Namespace) -> Adapter:
    import trafilatura

    return lambda doc, kind: trafilatura.extract(doc) or ""


def _trafilatura_precision(args: argparse.Namespace) -> Adapter:
    import trafilatura

    return lambda doc, kind: trafilatura.extract(doc, favor_precision=True) or ""


def _justext(args: argparse.Namespace) -> Adapter:
    import justext

    stoplist = justext.get_stoplist("English")
    return lambda doc, kind: "\n".join(p.text for p in justext.justext(doc, stoplist) if not p.is_boilerplate)


def _readability(args: argparse.Namespace) -> Adapter:
    from readability import Document

    return lambda doc, kind: lxml_text(Document(doc).summary())


def _boilerpy3(args: argparse.Namespace) -> Adapter:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()
    return lambda doc, kind: extractor.get_content(doc)


def _resiliparse(args: argparse.Namespace) -> Adapter:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda doc, kind: extract_plain_text(doc, main_content=True)


def _html_text(args: argparse.Namespace) -> Adapter:
    import html_text

    return lambda doc, kind: html_text.extract_text(doc)


def _lxml(args: argparse.Namespace) -> Adapter:
    from lxml import etree

    def parse_only(doc: str, kind: str) -> str:
        etree.fromstring(doc.encode("utf-8", "replace"), etree.HTMLParser(encoding="utf-8"))
        return ""  # the speed floor: parsing alone, not scored for accuracy

    return parse_only


def _c4_lines(args: argparse.Namespace) -> Adapter:
    return lambda doc, kind: "\n".join(line for line in doc.splitlines() if c4_keep(line))


def _keep_all(args: argparse.Namespace) -> Adapter:
    return lambda doc, kind: doc


# name -> (factory, document kinds it takes, distribution whose version is reported)
SYSTEMS: dict[str, tuple[Callable[[argparse.Namespace], Adapter], tuple[str, ...], str | None]] = {
    "cleaner": (_cleaner, ("html", "text"), "cleaner"),
    "trafilatura": (_trafilatura, ("html",), "trafilatura"),
    "trafilatura_precision": (_trafilatura_precision, ("html",), "trafilatura"),
    "justext": (_justext, ("html",), "jusText"),
    "readability": (_readability, ("html",), "readability-lxml"),
    "boilerpy3": (_boilerpy3, ("html",), "boilerpy3"),
    "resiliparse": (_resiliparse, ("html",), "Resiliparse"),
    "html_text": (_html_text, ("html",), "html-text"),
    "lxml": (_lxml, ("html",), "lxml"),
    "c4_lines": (_c4_lines, ("text",), None),
    "keep_all": (_keep_all, ("text",), None),
}
SPEED_ONLY = {"lxml"}
BASELINES = {"html_text", "lxml", "c4_lines", "keep_all"}  # not "peers" when naming the best one


def as_text(out: Any) -> str:
    return out if isinstance(out, str) else out.text


def as_typed(out: Any) -> list[tuple[str, str]]:
    """A binary extractor's text is all ``content``; cleaner's segments keep their labels."""
    if isinstance(out, str):
        return [(out, "content")]
    return [(s.text, s.label.value) for s in out.segments]


def load_systems(names: Sequence[str], args: argparse.Namespace) -> tuple[dict[str, Adapter], dict[str, Any]]:
    adapters: dict[str, Adapter] = {}
    info: dict[str, Any] = {}
    for name in names:
        factory, kinds, dist = SYSTEMS[name]
        version = None
        if dist:
            with contextlib.suppress(metadata.PackageNotFoundError):
                version = metadata.version(dist)
        try:
            adapters[name] = factory(args)
        except ImportError as exc:
            info[name] = {"status": "skipped", "reason": f"{type(exc).__name__}: {exc}", "inputs": list(kinds)}
            continue
        info[name] = {"status": "ok", "version": version, "inputs": list(kinds), "scored": name not in SPEED_ONLY}
    return adapters, info


# ------------------------------------------------------------------ datasets


def dataset_path(spec: str) -> Path:
    path = Path(spec)
    if path.suffix in (".gz", ".jsonl") or path.exists():
        return path
    return BENCH_DIR / f"{spec}.jsonl.gz"


def dataset_name(path: Path) -> str:
    return path.name.removesuffix(".gz").removesuffix(".jsonl")


def load_records(path: Path, sample: int | None, first: int | None, seed: int) -> list[dict[str, Any]]:
    """All records, the first N in file order (``first``) or a seeded shuffle's first N (``sample``)."""
    opener = gzip.open if path.suffix == ".gz" else open
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
    if "segments" in rec and "html" in rec:
        return "typed"
    if "paragraphs" in rec:
        return "injected"
    if "html" in rec and "text" in rec:
        return "main"
    raise SystemExit(f"record {rec.get('id')!r} has neither html+text, html+segments nor text+paragraphs")


def document(rec: dict[str, Any], kind: str) -> tuple[str, str]:
    """(document, "html" | "text") as the reference scorer reads it."""
    if kind == "injected":
        return rec.get("text") or "\n\n".join(p["text"] for p in rec["paragraphs"]), "text"
    return rec["html"], "html"


def typed_gold(rec: dict[str, Any], kind: str) -> list[tuple[str, str]]:
    return [(s["text"], s["label"]) for s in rec["segments" if kind == "typed" else "paragraphs"]]


# ------------------------------------------------------------------ scoring


def page_f1(p: float | None, r: float | None) -> float:
    """Per-page F1: 1 when prediction and gold are both empty, 0 when only one is."""
    if p is None or r is None:
        return 1.0 if p is None and r is None else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _nanmean_rows(x: np.ndarray) -> np.ndarray:
    n = (~np.isnan(x)).sum(axis=1)
    return np.where(n > 0, np.nansum(x, axis=1) / np.maximum(n, 1), 0.0)


def bootstrap_prf(pages: Sequence[tuple[float | None, float | None, bool]], idx: np.ndarray) -> np.ndarray:
    """``corpus_scores`` precision, recall and F1 on every resample (rows of ``idx``): shape (3, B)."""
    p = np.array([np.nan if x is None else x for x, _, _ in pages], dtype=float)[idx]
    r = np.array([np.nan if x is None else x for _, x, _ in pages], dtype=float)[idx]
    mp, mr = _nanmean_rows(p), _nanmean_rows(r)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(mp + mr > 0, 2 * mp * mr / (mp + mr), 0.0)
    return np.vstack([mp, mr, f1])


def main_accuracy(pages: dict[str, list], names: Sequence[str], idx: np.ndarray) -> tuple[dict, dict]:
    from cleaner.learning.evaluate import corpus_scores

    accuracy: dict[str, Any] = {}
    boot: dict[str, np.ndarray] = {}
    for name in names:
        scores = corpus_scores(pages[name])
        boot[name] = bootstrap_prf(pages[name], idx)
        sd = boot[name].std(axis=1, ddof=1) if idx.shape[0] > 1 else np.zeros(3)
        accuracy[name] = {
            **scores,
            "median_page_f1": float(np.median([page_f1(p, r) for p, r, _ in pages[name]])),
            "precision_sd": float(sd[0]),
            "recall_sd": float(sd[1]),
            "f1_sd": float(sd[2]),
        }
    paired: dict[str, Any] = {}
    if "cleaner" in boot:
        for name in names:
            if name == "cleaner":
                continue
            diff = boot["cleaner"][2] - boot[name][2]
            paired[name] = {
                "cleaner_minus_system_f1": accuracy["cleaner"]["f1"] - accuracy[name]["f1"],
                "ci95": [float(np.percentile(diff, 2.5)), float(np.percentile(diff, 97.5))],
                "share_cleaner_ahead": float(np.mean(diff > 0)),
            }
    return accuracy, paired


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


# ------------------------------------------------------------------ running


def run_dataset(
    name: str, path: Path, records: list[dict], adapters: dict[str, Adapter], bootstrap: int, seed: int
) -> dict[str, Any]:
    """Run every system on every page (rotating order), score, and summarise one dataset."""
    from cleaner.learning.evaluate import TypedScore, page_scores

    kind = record_kind(records[0])
    doc_kind = "text" if kind == "injected" else "html"
    names = [n for n in adapters if doc_kind in SYSTEMS[n][1]]
    scored = [n for n in names if n not in SPEED_ONLY]
    times: dict[str, list[float]] = {n: [] for n in names}
    failures: dict[str, list[dict[str, str]]] = {n: [] for n in names}
    main_pages: dict[str, list] = {n: [] for n in scored}
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
                out = ""
                failures[n].append({"id": ids[-1], "error": f"{type(exc).__name__}: {str(exc)[:200]}"})
            times[n].append((time.perf_counter() - t0) * 1000)
            outputs[n] = out
        for n in scored:
            if kind == "main":
                main_pages[n].append(page_scores(as_text(outputs[n]), rec["text"]))
            else:
                typed[n].add(typed_gold(rec, kind), as_typed(outputs[n]))
        if (i + 1) % 50 == 0:
            print(f"  {name}: {i + 1}/{len(records)} pages, {time.perf_counter() - t_start:.0f} s", file=sys.stderr)

    result: dict[str, Any] = {
        "path": str(path),
        "kind": kind,
        "input": doc_kind,
        "records": len(records),
        "systems": names,
        "speed": speed_stats(times),
        "failures": {n: {"count": len(f), "examples": f[:FAILURE_EXAMPLES]} for n, f in failures.items()},
        "pages": {
            "ids": ids,
            "kb": [round(s, 1) for s in sizes_kb],
            "ms": {n: [round(t, 3) for t in times[n]] for n in names},
        },
    }
    if kind == "main":
        idx = np.random.default_rng(seed).integers(0, len(records), size=(bootstrap, len(records)))
        result["accuracy"], result["paired_vs_cleaner"] = main_accuracy(main_pages, scored, idx)
        result["bootstrap"] = bootstrap
        result["pages"]["f1"] = {n: [round(page_f1(p, r), 4) for p, r, _ in main_pages[n]] for n in scored}
        result["largest_gaps"] = largest_gaps(ids, main_pages, scored)
    else:
        result["typed"] = {n: typed[n].report() for n in scored}
    return result


def largest_gaps(ids: list[str], pages: dict[str, list], names: Sequence[str]) -> list[dict[str, Any]]:
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
    return [row for row in rows[:WORST_PAGES] if row["gap"] > 0]


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


def _median(values: Sequence[float]) -> float | None:
    return float(np.median(values)) if len(values) else None


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
            segments = sum(report["segments"].values())
            caught = sum(report["caught"].values()) / segments if segments else 0.0
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


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


# ------------------------------------------------------------------ report


def _f(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _ms(x: float | None) -> str:
    return "–" if x is None else (f"{x:.1f}" if x >= 10 else f"{x:.2f}")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None) -> list[str]:
    align = align or "l" + "r" * (len(header) - 1)
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " if a == "l" else " ---: " for a in align) + "|"]
    return out + ["| " + " | ".join(row) + " |" for row in rows]


def speed_table(ds: dict[str, Any]) -> list[str]:
    rows = []
    for n, s in ds["speed"].items():
        rows.append(
            [
                n,
                _ms(s["median_ms"]),
                _ms(s["p95_ms"]),
                _f(s["pages_per_s"], 1),
                _f(s["ratio_to_lxml"], 2),
                _f(s["ratio_to_trafilatura"], 2),
                str(ds["failures"][n]["count"]),
            ]
        )
    return _table(["system", "median ms", "p95 ms", "pages/s", "× lxml", "× trafilatura", "failures"], rows)


def main_tables(ds: dict[str, Any]) -> list[str]:
    rows = []
    for n, a in ds["accuracy"].items():
        paired = ds["paired_vs_cleaner"].get(n)
        diff = (
            ""
            if paired is None
            else (f"{paired['cleaner_minus_system_f1']:+.3f} [{paired['ci95'][0]:+.3f}, {paired['ci95'][1]:+.3f}]")
        )
        rows.append(
            [
                n,
                _f(a["precision"]),
                _f(a["recall"]),
                f"{a['f1']:.3f} ± {a['f1_sd']:.3f}",
                _f(a["median_page_f1"]),
                _f(a["accuracy"]),
                diff,
            ]
        )
    lines = _table(
        ["system", "precision", "recall", "F1 ± sd", "median page F1", "exact", "cleaner − system F1 [95%]"], rows
    )
    lines += ["", *speed_table(ds)]
    if ds.get("largest_gaps"):
        lines += ["", "Pages where cleaner falls furthest below the best peer:", ""]
        lines += _table(
            ["page", "cleaner P", "cleaner R", "cleaner F1", "best peer", "peer F1"],
            [
                [
                    g["id"],
                    _f(g["cleaner_precision"]),
                    _f(g["cleaner_recall"]),
                    _f(g["cleaner_f1"]),
                    g["best_peer"],
                    _f(g["best_peer_f1"]),
                ]
                for g in ds["largest_gaps"]
            ],
            "lrrrlr",
        )
    return lines


def typed_tables(ds: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    report = ds["typed"].get("cleaner")
    if report:
        rows = []
        for label in LABELS:
            r = report["labels"][label]
            caught = (
                ""
                if label == "content"
                else f"{report['caught'].get(label, 0)} / {report['typed_caught'].get(label, 0)} / "
                f"{report['segments'].get(label, 0)}"
            )
            rows.append(
                [
                    label,
                    _f(r["precision"]),
                    _f(r["recall"]),
                    _f(r["f1"]),
                    str(r["support"]),
                    _f(r["removal_rate"]),
                    caught,
                ]
            )
        lines += ["cleaner, per gold label (token-aligned, as `shared/tools/typed/score.py`):", ""]
        lines += _table(
            ["label", "precision", "recall", "F1", "gold tokens", "removed", "caught / typed / segments"], rows
        )
        lines += [
            "",
            f"macro-F1 (poll, consent, promo, boilerplate): {_f(report['macro_f1_noncontent'])}; "
            f"content retention: {_f(report['content_retention'])}",
            "",
        ]
    rows = []
    for n, r in ds["typed"].items():
        segments = sum(r["segments"].values())
        rows.append(
            [n, _f(r["content_retention"])]
            + [_f(r["labels"][k]["removal_rate"]) for k in NONCONTENT]
            + [f"{sum(r['caught'].values())} / {segments}"]
        )
    lines += ["Share of each gold label's tokens removed (not kept as content); every system as a binary filter:", ""]
    lines += _table(["system", "content kept", *(f"{k} removed" for k in NONCONTENT), "segments caught"], rows)
    return lines + ["", *speed_table(ds)]


def scaling_section(markdown: str) -> str:
    """The part of BENCHMARKS.md that ``scripts/scaling_benchmark.py`` writes: kept when this script rewrites it."""
    start, end = "<!-- scaling:start -->", "<!-- scaling:end -->"
    if start not in markdown or end not in markdown:
        return ""
    return start + markdown.split(start, 1)[1].split(end, 1)[0] + end + "\n"


def render_markdown(result: dict[str, Any], plots: dict[str, str]) -> str:
    meta = result["meta"]
    versions = ", ".join(f"{k} {v}" for k, v in meta["versions"].items() if v)
    lines = [
        "# Benchmarks",
        "",
        "Generated by `scripts/benchmark.py`; do not edit by hand.",
        "",
        f"- date: {meta['date']}",
        f"- command: `{meta['command']}`",
        f"- machine: {meta['machine']}, {meta['cpu_count']} cores (run single-threaded, one process)",
        f"- Python {meta['python']}; {versions}",
        f"- cleaner model: {meta['model_version']}",
        f"- peak RSS of the whole run (all systems and the loaded dataset): {meta['peak_rss_mb']:.0f} MB; "
        f"wall time {meta['seconds']:.0f} s",
        f"- pages: {meta['selection']}; bootstrap: {meta['bootstrap']} resamples, the same pages for every system",
    ]
    skipped = {n: s for n, s in result["systems"].items() if s["status"] != "ok"}
    if skipped:
        lines.append("- skipped: " + "; ".join(f"{n} ({s['reason']})" for n, s in skipped.items()))
    lines += [
        "",
        "Main-content scores are the 4-gram shingle precision/recall of `../shared/benchmarks/README.md` "
        "(mean over pages; F1 of the means; ± is the bootstrap standard deviation; the last column is the paired "
        "bootstrap difference, positive when cleaner is ahead). `lxml` is the speed floor (parsing only) and is not "
        'scored; `html_text` keeps everything. Times are per page, in this process; "× lxml" and "× trafilatura" '
        "are ratios of median times (below 1 is faster).",
        "",
    ]
    if result["targets"]:
        lines += ["## Targets", ""]
        lines += _table(
            ["dataset", "target", "value", "met"],
            [[t["dataset"], t["target"], _f(t["value"]), "yes" if t["met"] else "**no**"] for t in result["targets"]],
            "llrl",
        )
        lines.append("")
    for name, ds in result["datasets"].items():
        lines += [f"## {name} ({ds['records']} {'documents' if ds['kind'] == 'injected' else 'pages'})", ""]
        lines += main_tables(ds) if ds["kind"] == "main" else typed_tables(ds)
        if name in plots:
            lines += ["", f"![F1 against ms/page on {name}]({plots[name]})"]
        lines.append("")
    sweep = result["size_sweep"]
    if sweep["median_ms"]:
        shown = [s for s in SWEEP_SYSTEMS if s in sweep["median_ms"]]
        lines += [
            "## Time against page size",
            "",
            "Median ms per page by UTF-8 HTML size, pooled over the HTML datasets above.",
            "",
        ]
        lines += _table(
            ["HTML size", "pages", *(f"{s} ms" for s in shown)],
            [
                [b, str(sweep["pages"][i]), *(_ms(sweep["median_ms"][s][i]) for s in shown)]
                for i, b in enumerate(sweep["buckets"])
            ],
        )
        if "size" in plots:
            lines += ["", f"![time against page size]({plots['size']})"]
        lines.append("")
    return "\n".join(lines)


def make_plots(result: dict[str, Any], docs: Path) -> dict[str, str]:
    """PNG plots under ``docs``; {} when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, NullFormatter
    except ImportError:
        return {}
    plots: dict[str, str] = {}
    for name, ds in result["datasets"].items():
        if ds["kind"] != "main" or not ds["accuracy"]:
            continue
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        for n, a in ds["accuracy"].items():
            x = ds["speed"][n]["median_ms"]
            ax.scatter([x], [a["f1"]], color="tab:red" if n == "cleaner" else "tab:blue", zorder=3)
            ax.annotate(n, (x, a["f1"]), textcoords="offset points", xytext=(4, 4), fontsize=8)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set(xlabel="median ms/page (log)", ylabel="F1 (4-gram shingles)", title=f"{name}: F1 against time")
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(docs / f"bench_{name}.png", dpi=110)
        plt.close(fig)
        plots[name] = f"bench_{name}.png"
    pairs: dict[str, tuple[list[float], list[float]]] = {}
    for ds in result["datasets"].values():
        if ds["input"] == "html":
            for n in SWEEP_SYSTEMS:
                if n in ds["pages"]["ms"]:
                    pairs.setdefault(n, ([], []))[0].extend(ds["pages"]["kb"])
                    pairs[n][1].extend(ds["pages"]["ms"][n])
    if pairs:
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        for n, (kb, ms) in pairs.items():
            ax.scatter(kb, ms, s=6, alpha=0.4, label=n)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set(xlabel="HTML size (KB, log)", ylabel="ms/page (log)", title="time against page size")
        ax.legend()
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(docs / "bench_size.png", dpi=110)
        plt.close(fig)
        plots["size"] = "bench_size.png"
    return plots


# ------------------------------------------------------------------ main


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
    ap.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma list out of {', '.join(SYSTEMS)}")
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

    model_version = getattr(adapters.get("cleaner"), "model_version", None)
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
    result: dict[str, Any] = {
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
        "size_sweep": size_sweep(datasets),
        "targets": targets(datasets),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if not args.no_docs:
        DOCS.mkdir(exist_ok=True)
        plots = make_plots(result, DOCS)
        page = DOCS / "BENCHMARKS.md"
        text = render_markdown(result, plots)
        kept = scaling_section(page.read_text(encoding="utf-8")) if page.exists() else ""
        page.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
    return result


if __name__ == "__main__":
    logging.disable(logging.CRITICAL)  # peers log per-page warnings and tracebacks; failures are counted here
    warnings.simplefilter("ignore")
    main()
