#!/usr/bin/env python3
"""Fit the page quality confidence (``Result.quality.confidence``) on the dev sets; rerun after retraining the model.

    python scripts/fit_quality.py                     # every page of the sets below, 2 workers
    python scripts/fit_quality.py --first 100         # a quick look (does not write the package's numbers)

Cleans every page of the main-content sets in ``../shared/benchmarks`` (HTML pages, gold main text) and of the
injected sets (plain-text documents, gold = their content paragraphs) with the shipped model, without cues; reads
the page statistics of ``cleaner.core.quality.page_statistics``; and fits a logistic regression (standardised
features) of "per-page word F1 >= 0.8" (WCXB's word F1, ``cleaner.learning.evaluate.word_f1``). The reliability of
the confidence is measured out of dataset (each set predicted by a fit on the others) and plotted in
``docs/quality_reliability.png``; the figures go to ``docs/QUALITY.md``. The final fit on all pages is written to
``cleaner/core/quality_params.py`` (only on a full run).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO.parent / "shared" / "benchmarks"
HTML_SETS = ("cleaneval", "dragnet", "cetd", "modern-dev", "wcxb-dev")
TEXT_SETS = ("injected-dev", "injected-modern-dev")
GOOD_F1 = 0.8  # what "the clean text is the page's main content" means here
BINS = 10


def pages(name: str, first: int | None) -> Iterator[tuple[str, str, str]]:
    """``(document, kind, gold main text)`` of a benchmark set's records."""
    with gzip.open(BENCH / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if first is not None and i >= first:
                return
            rec = json.loads(line)
            if "html" in rec:
                yield rec["html"], "html", rec.get("text") or ""
            else:
                paragraphs = rec["paragraphs"]
                document = rec.get("text") or "\n\n".join(p["text"] for p in paragraphs)
                yield document, "text", "\n\n".join(p["text"] for p in paragraphs if p["label"] == "content")


def measure(sets: list[str], first: int | None, workers: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """Features, F1 and set index per page, and the model version."""
    import cleaner
    from cleaner.core import quality, quality_params
    from cleaner.learning.evaluate import word_f1

    c = cleaner.Cleaner(config=cleaner.CleanerConfig(cues=False))
    rows, f1s, groups = [], [], []
    for g, name in enumerate(sets):
        items = list(pages(name, first))
        docs = [{"html" if kind == "html" else "text": doc} for doc, kind, _ in items]
        results = c.clean_many(docs, workers=workers, on_error="return")
        for (_, kind, gold), result in zip(items, results, strict=True):
            if isinstance(result, Exception) or not gold.strip():
                continue  # a page with no gold text says nothing about finding it
            stats = quality.page_statistics(result.segments, kind)
            rows.append([stats[name] for name in quality_params.FEATURES])
            f1s.append(word_f1(result.text, gold))
            groups.append(g)
        print(f"{name:20s} {groups.count(g):5d} pages", file=sys.stderr)
    return np.array(rows), np.array(f1s), np.array(groups), c.model_version


def fit(x: np.ndarray, y: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000)).fit(x, y)


def out_of_set(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each set's pages predicted by a fit on the other sets."""
    p = np.zeros(len(y))
    for g in np.unique(groups):
        held = groups == g
        p[held] = fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]
    return p


def reliability(p: np.ndarray, y: np.ndarray) -> list[dict[str, float]]:
    edges = np.linspace(0, 1, BINS + 1)
    which = np.clip(np.digitize(p, edges) - 1, 0, BINS - 1)
    return [
        {
            "low": float(edges[b]),
            "high": float(edges[b + 1]),
            "pages": int((which == b).sum()),
            "predicted": float(p[which == b].mean()),
            "observed": float(y[which == b].mean()),
        }
        for b in range(BINS)
        if (which == b).any()
    ]


def plot(bins: list[dict[str, float]], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=1, label="perfect calibration")
    ax.plot([b["predicted"] for b in bins], [b["observed"] for b in bins], "o-", label="cleaner (out of set)")
    for b in bins:
        ax.annotate(
            str(b["pages"]), (b["predicted"], b["observed"]), fontsize=7, xytext=(4, -10), textcoords="offset points"
        )
    ax.set(
        xlabel="quality.confidence (binned mean)",
        ylabel=f"share of pages with word F1 >= {GOOD_F1}",
        xlim=(0, 1),
        ylim=(0, 1),
        title=title,
    )
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def write_params(model: Any, names: tuple[str, ...], fitted_on: dict[str, Any], path: Path) -> None:
    """The fitted numbers as a Python module, in the layout ``ruff format`` keeps."""
    scaler, logistic = model[0], model[-1]

    def tup(values: Any) -> str:
        return "(" + ", ".join(f"{float(v):.6g}" for v in values) + ("," if len(values) == 1 else "") + ")"

    path.write_text(
        '"""Fitted numbers of the page quality confidence (``cleaner.core.quality``). Generated by '
        'scripts/fit_quality.py:\ndo not edit by hand; rerun the script after retraining the model."""\n\n'
        "FEATURES = (\n" + "".join(f"    {json.dumps(n)},\n" for n in names) + ")\n"
        f"MEAN = {tup(scaler.mean_)}\nSCALE = {tup(scaler.scale_)}\nCOEF = {tup(logistic.coef_[0])}\n"
        f"INTERCEPT = {float(logistic.intercept_[0]):.6g}\n"
        "FITTED_ON: dict[str, object] = {\n"
        + "".join(f"    {json.dumps(k)}: {json.dumps(v)},\n" for k, v in sorted(fitted_on.items()))
        + "}\n",
        encoding="utf-8",
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="*", default=[*HTML_SETS, *TEXT_SETS])
    ap.add_argument("--first", type=int, default=None, help="only the first N pages of each set (no params written)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    from cleaner.core import quality_params

    x, f1, groups, version = measure(args.sets, args.first, args.workers)
    y = (f1 >= GOOD_F1).astype(int)
    p = out_of_set(x, y, groups)
    brier = float(np.mean((p - y) ** 2))
    base = float(np.mean((y.mean() - y) ** 2))
    bins = reliability(p, y)
    per_set = {
        name: {
            "pages": int((groups == g).sum()),
            "good": round(float(y[groups == g].mean()), 4),
            "mean_confidence": round(float(p[groups == g].mean()), 4),
        }
        for g, name in enumerate(args.sets)
    }
    model = fit(x, y)
    fitted_on = {
        "model_version": version,
        "pages": len(y),
        "sets": args.sets,
        "good_f1": GOOD_F1,
        "brier_out_of_set": round(brier, 4),
        "brier_base_rate": round(base, 4),
    }
    print(json.dumps({**fitted_on, "per_set": per_set}, indent=1))
    if args.first is not None:
        return
    write_params(model, quality_params.FEATURES, fitted_on, REPO / "cleaner" / "core" / "quality_params.py")
    plot(bins, REPO / "docs" / "quality_reliability.png", f"Quality confidence, {len(y)} dev pages")
    lines = [
        "# Page quality confidence: calibration",
        "",
        "Generated by `python scripts/fit_quality.py` (rerun it after retraining the model).",
        f"`Result.quality.confidence` is the probability that the clean text's word F1 against the gold main text"
        f" is at least {GOOD_F1}: a logistic regression of page statistics read off the segments",
        f"(`cleaner/core/quality.py`), fitted on every page of {', '.join(f'`{s}`' for s in args.sets)}",
        f"({len(y)} pages with a gold text) with model `{version}`.",
        "The figures below are out of set: each set is predicted by a fit on the others.",
        "",
        f"Brier score {brier:.4f} (always predicting the base rate: {base:.4f}).",
        "",
        "![reliability](quality_reliability.png)",
        "",
        "| confidence bin | pages | mean confidence | share with F1 >= 0.8 |",
        "|---|---|---|---|",
        *[
            f"| {b['low']:.1f}–{b['high']:.1f} | {b['pages']} | {b['predicted']:.3f} | {b['observed']:.3f} |"
            for b in bins
        ],
        "",
        "| set | pages | share with F1 >= 0.8 | mean confidence (out of set) |",
        "|---|---|---|---|",
        *[f"| `{n}` | {s['pages']} | {s['good']:.3f} | {s['mean_confidence']:.3f} |" for n, s in per_set.items()],
        "",
    ]
    (REPO / "docs" / "QUALITY.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
