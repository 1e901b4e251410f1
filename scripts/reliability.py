#!/usr/bin/env python3
"""Reliability of the per-segment confidences on the typed dev sets (issue 13: "calibrated confidences per segment").

    python scripts/reliability.py                        # the four typed sets: writes docs/RELIABILITY.md + .png
    python scripts/reliability.py --limit 3 --no-docs    # a quick look (first 3 pages of each set), print only
    python scripts/reliability.py --cache /tmp/typed_pred.json.gz --blocks   # keep the predictions for typed_misses.py

Every record of ``typed-dev``, ``typed-modern-dev`` (HTML pages) and ``injected-dev``, ``injected-modern-dev`` (plain
text) is read as the benchmark reads it (``scripts/bench/datasets.py``: ``record_kind`` / ``document`` /
``typed_gold``) and cleaned once with the shipped model (``cleaner.Cleaner()``). Each predicted segment (one per block)
is then matched to the gold with the project's token aligner (``cleaner.learning.evaluate.tokens`` / ``align``, the
alignment ``TypedScore`` and ``score.py`` use): a predicted segment's gold label is the majority gold label of its
aligned tokens. Segments with no aligned gold token (text the gold does not cover) or whose aligned tokens are mostly
``ambiguous`` are left out and counted as "unmatched".

A segment is *correct* when its predicted label is its gold label. Its confidence (``Segment.confidence``, the
calibrated probability of the label it was given) is binned into ``BINS`` equal-width bins; per bin: segments, mean
confidence, accuracy. The expected calibration error is ``sum_b n_b / N * |acc_b - conf_b|`` (Guo et al. 2017), over
all segments and per predicted label. A token-weighted ECE (each segment weighted by its token count) is reported
beside it, since the scores of ``score.py`` are per token.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # single-threaded: the machine is shared

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from bench.datasets import dataset_path, document, load_records, record_kind, typed_gold  # noqa: E402

from cleaner.core.types import LABELS  # noqa: E402
from cleaner.learning.evaluate import align, tokens  # noqa: E402

SETS = ("typed-dev", "typed-modern-dev", "injected-dev", "injected-modern-dev")
BINS = 10
DOC = REPO / "docs" / "RELIABILITY.md"
PLOT = REPO / "docs" / "reliability.png"
COMMAND = "python scripts/reliability.py"


# ------------------------------------------------------------------ matching


@dataclass
class PageMatch:
    """Both directions of one page's token alignment.

    ``pred_gold[j]``: gold label of predicted segment ``j`` (majority of its aligned tokens; None when unmatched);
    ``pred_tokens[j]``: its token count. ``gold_pred[i]``: predicted labels (``removed`` when unaligned) of gold
    segment ``i``'s tokens; ``gold_segs[i]``: predicted segment indices its tokens fell into, with counts."""

    pred_gold: list[str | None]
    pred_tokens: list[int]
    gold_pred: list[Counter[str]]
    gold_segs: list[Counter[int]]


def match_page(gold: Sequence[tuple[str, str]], pred: Sequence[tuple[str, str]]) -> PageMatch:
    """Align gold and predicted tokens (``cleaner.learning.evaluate.align``) and read the match both ways."""
    gold_tokens: list[str] = []
    gold_index: list[int] = []
    for i, (text, _) in enumerate(gold):
        toks = tokens(text)
        gold_tokens += toks
        gold_index += [i] * len(toks)
    pred_tokens: list[str] = []
    pred_index: list[int] = []
    sizes = []
    for j, (text, _) in enumerate(pred):
        toks = tokens(text)
        pred_tokens += toks
        pred_index += [j] * len(toks)
        sizes.append(len(toks))
    votes: list[Counter[str]] = [Counter() for _ in pred]
    gold_pred: list[Counter[str]] = [Counter() for _ in gold]
    gold_segs: list[Counter[int]] = [Counter() for _ in gold]
    for g, p in enumerate(align(gold_tokens, pred_tokens)):
        i = gold_index[g]
        if p < 0:
            gold_pred[i]["removed"] += 1
            continue
        j = pred_index[p]
        votes[j][gold[i][1]] += 1
        gold_pred[i][pred[j][1]] += 1
        gold_segs[i][j] += 1
    pred_gold: list[str | None] = []
    for v in votes:
        top = v.most_common(1)
        pred_gold.append(top[0][0] if top and top[0][0] in LABELS else None)
    return PageMatch(pred_gold, sizes, gold_pred, gold_segs)


# ------------------------------------------------------------------ binning


def reliability_bins(
    confidence: Sequence[float], correct: Sequence[bool], weight: Sequence[float] | None = None, bins: int = BINS
) -> list[dict[str, Any]]:
    """Equal-width confidence bins: count, (weighted) mean confidence and accuracy; every bin, empty ones too."""
    conf = np.asarray(confidence, dtype=float)
    ok = np.asarray(correct, dtype=float)
    w = np.ones_like(conf) if weight is None else np.asarray(weight, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.searchsorted(edges, conf, side="right") - 1, 0, bins - 1)  # [lo, hi), the last bin [lo, 1]
    out = []
    for b in range(bins):
        sel = which == b
        n, mass = int(sel.sum()), float(w[sel].sum())
        out.append(
            {
                "low": float(edges[b]),
                "high": float(edges[b + 1]),
                "count": n,
                "weight": mass,
                "confidence": float((conf[sel] * w[sel]).sum() / mass) if mass else None,
                "accuracy": float((ok[sel] * w[sel]).sum() / mass) if mass else None,
            }
        )
    return out


def ece(table: Sequence[Mapping[str, Any]]) -> float | None:
    """Expected calibration error of a bin table: weighted mean of |accuracy - confidence| over non-empty bins."""
    total = sum(b["weight"] for b in table)
    if not total:
        return None
    return float(sum(b["weight"] / total * abs(b["accuracy"] - b["confidence"]) for b in table if b["weight"]))


def summarise(rows: Sequence[Mapping[str, Any]], bins: int = BINS) -> dict[str, Any]:
    """Rows ``{"label", "confidence", "gold", "tokens"}`` of matched segments -> bins and ECE, overall and per label."""

    def one(sub: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        conf = [r["confidence"] for r in sub]
        ok = [r["label"] == r["gold"] for r in sub]
        table = reliability_bins(conf, ok, bins=bins)
        weighted = reliability_bins(conf, ok, [r["tokens"] for r in sub], bins=bins)
        return {
            "segments": len(sub),
            "accuracy": float(np.mean(ok)) if sub else None,
            "mean_confidence": float(np.mean(conf)) if sub else None,
            "ece": ece(table),
            "ece_tokens": ece(weighted),
            "bins": table,
        }

    return {"all": one(rows), "by_label": {label: one([r for r in rows if r["label"] == label]) for label in LABELS}}


# ------------------------------------------------------------------ running


def predict(
    names: Sequence[str], limit: int | None = None, blocks: bool = False, say: Any = None
) -> list[dict[str, Any]]:
    """Clean every record of the named sets once; per page the gold and the predicted segments
    ``[text, label, confidence]`` (``blocks``: plus the block's tag, class/id tokens and landmarks)."""
    from cleaner.api import Cleaner
    from cleaner.core.pipeline import document_blocks

    cleaner = Cleaner()
    pages = []
    for name in names:
        records = load_records(dataset_path(name), None, limit, 0)
        start = time.perf_counter()
        for rec in records:
            kind = record_kind(rec)
            doc, doc_kind = document(rec, kind)
            result = cleaner.clean(doc, kind=doc_kind, cues=False)
            pred: list[list[Any]] = [[s.text, s.label.value, round(s.confidence, 5)] for s in result.segments]
            if blocks:
                parsed = document_blocks(doc, replace(cleaner.config, kind=doc_kind))
                found = sorted([*parsed.blocks, *parsed.ruled], key=lambda b: b.start)  # as the segments are
                if len(found) == len(pred):
                    for row, b in zip(pred, found, strict=True):
                        row += [b.tag, list(b.attrs[:12]), list(b.landmarks)]
            pages.append(
                {
                    "set": name,
                    "id": rec.get("id"),
                    "kind": doc_kind,
                    "gold": [list(s) for s in typed_gold(rec, kind)],
                    "pred": pred,
                }
            )
        if say:
            say(f"{name}: {len(records)} pages in {time.perf_counter() - start:.0f} s")
    return pages


def load_or_predict(cache: Path | None, names: Sequence[str], limit: int | None, blocks: bool, say: Any) -> tuple:
    """Predictions from ``cache`` when it holds these sets (same limit, with blocks if asked), else computed (and
    written to ``cache``). Returns (model version, pages)."""
    if cache is not None and cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("limit") == limit and set(names) <= set(data["sets"]) and (data.get("blocks") or not blocks):
            say(f"predictions read from {cache}")
            return data["model_version"], [p for p in data["pages"] if p["set"] in names]
    from cleaner.api import Cleaner

    version = Cleaner().model_version
    pages = predict(names, limit, blocks, say)
    if cache is not None:
        with gzip.open(cache, "wt", encoding="utf-8") as fh:
            json.dump(
                {"model_version": version, "sets": list(names), "limit": limit, "blocks": blocks, "pages": pages}, fh
            )
        say(f"predictions written to {cache}")
    return version, pages


def matched_rows(pages: Iterable[Mapping[str, Any]]) -> dict[str, tuple[list[dict[str, Any]], int]]:
    """Per set: the matched segment rows and the number of unmatched predicted segments."""
    out: dict[str, tuple[list[dict[str, Any]], int]] = {}
    for page in pages:
        rows, unmatched = out.get(page["set"], ([], 0))
        pred = [(p[0], p[1]) for p in page["pred"]]
        m = match_page([tuple(g) for g in page["gold"]], pred)
        for p, gold_label, n in zip(page["pred"], m.pred_gold, m.pred_tokens, strict=True):
            if gold_label is None:
                unmatched += 1 if n else 0
                continue
            rows.append({"label": p[1], "confidence": p[2], "gold": gold_label, "tokens": n, "id": page["id"]})
        out[page["set"]] = (rows, unmatched)
    return out


# ------------------------------------------------------------------ report


def _f(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def overview_table(results: Mapping[str, Mapping[str, Any]]) -> str:
    head = ["set", "pages", "matched segments", "unmatched", "accuracy", "mean confidence", "ECE", "ECE (tokens)"]
    head += [f"ECE {label}" for label in LABELS]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for name, r in results.items():
        s = r["summary"]
        cells = [
            f"`{name}`",
            str(r["pages"]),
            str(s["all"]["segments"]),
            str(r["unmatched"]),
            _f(s["all"]["accuracy"]),
            _f(s["all"]["mean_confidence"]),
            f"**{_f(s['all']['ece'])}**",
            _f(s["all"]["ece_tokens"]),
        ]
        for label in LABELS:
            sub = s["by_label"][label]
            cells.append(f"{_f(sub['ece'])} ({sub['segments']})" if sub["segments"] else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def bins_table(summary: Mapping[str, Any]) -> str:
    head = ["confidence bin", "segments (all)", "mean conf.", "accuracy"]
    for label in LABELS:
        head += [f"{label}: n", "conf.", "acc."]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for b in range(len(summary["all"]["bins"])):
        a = summary["all"]["bins"][b]
        cells = [f"{a['low']:.1f}–{a['high']:.1f}", str(a["count"]), _f(a["confidence"]), _f(a["accuracy"])]
        for label in LABELS:
            x = summary["by_label"][label]["bins"][b]
            cells += [str(x["count"]), _f(x["confidence"]), _f(x["accuracy"])] if x["count"] else ["0", "", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def confusion_of_confident(rows: Sequence[Mapping[str, Any]], threshold: float = 0.9) -> str:
    """Wrong segments at confidence >= threshold: predicted -> gold counts (the confident mistakes)."""
    wrong = Counter((r["label"], r["gold"]) for r in rows if r["confidence"] >= threshold and r["label"] != r["gold"])
    if not wrong:
        return "none"
    return ", ".join(f"{p} for gold {g}: {n}" for (p, g), n in wrong.most_common(8))


def plot(results: Mapping[str, Mapping[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(results)
    fig, axes = plt.subplots(1, len(names), figsize=(4.2 * len(names), 4.4), squeeze=False)
    colours = {"all": "black", "content": "tab:green", "poll": "tab:purple", "consent": "tab:blue"}
    colours |= {"promo": "tab:red", "boilerplate": "tab:grey"}
    for ax, name in zip(axes[0], names, strict=True):
        s = results[name]["summary"]
        ax.plot([0, 1], [0, 1], ls="--", color="lightgrey", lw=1)
        for key in ("all", *LABELS):
            part = s["all"] if key == "all" else s["by_label"][key]
            pts = [(b["confidence"], b["accuracy"], b["count"]) for b in part["bins"] if b["count"] >= 5]
            if not pts or part["segments"] < 20:
                continue
            lw = 2.2 if key == "all" else 1.2
            ax.plot(
                [p[0] for p in pts],
                [p[1] for p in pts],
                "o-",
                ms=3,
                lw=lw,
                color=colours[key],
                label=f"{key} (ECE {_f(part['ece'], 2)})",
            )
        ax.set(xlim=(0, 1), ylim=(0, 1.02), xlabel="confidence (bin mean)", title=name)
        ax.legend(loc="upper left", fontsize=7)
    axes[0][0].set_ylabel("accuracy of the predicted label")
    fig.suptitle("cleaner: segment confidence vs. accuracy (bins with >= 5 segments; labels with >= 20)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def render(version: str, results: Mapping[str, Mapping[str, Any]], limit: int | None) -> str:
    parts = [
        f"Rerun: `{COMMAND}` (writes this file and `docs/reliability.png`; cleans each page once with the shipped "
        "model, one core).",
        "",
        "# Reliability of the segment confidences on the typed dev sets",
        "",
        f"Model `{version}`"
        + (f", first {limit} records of each set" if limit else ", every record of each set")
        + ". Each predicted segment (one per block) is matched to the gold with the token aligner of "
        "`cleaner.learning.evaluate` (the one `TypedScore` and `score.py` use): its gold label is the majority gold "
        "label of its aligned tokens. Segments with no aligned gold token (text the gold leaves out) are *unmatched* "
        "and not counted. A segment is correct when its label is its gold label; `confidence` is "
        "`Segment.confidence`, the model's calibrated probability of the label it gave. Ten equal-width bins; "
        "ECE = Σ n_b/N·|accuracy_b − confidence_b|. *ECE (tokens)* weights each segment by its tokens (the unit of "
        "`score.py`'s F1). Per-label ECE is over the segments given that label (count in brackets).",
        "",
        "![reliability](reliability.png)",
        "",
        "## Summary",
        "",
        overview_table(results),
        "",
        "Confident mistakes (confidence ≥ 0.9, predicted for gold, most frequent first):",
        "",
    ]
    for name, r in results.items():
        parts.append(f"- `{name}`: {confusion_of_confident(r['rows'])}")
    for name, r in results.items():
        parts += ["", f"## `{name}`: bins", "", bins_table(r["summary"])]
    parts += [
        "",
        "## Reading",
        "",
        "- A curve below the diagonal is over-confident (the label is right less often than its confidence says), "
        "above it under-confident. The per-label curves show whether a flagged label's confidence can be used as a "
        "threshold (e.g. only drop `promo` above 0.8).",
        "- The set figures are dominated by `content` and `boilerplate` segments (most blocks); the rare labels "
        "are the ones users filter on, so read their columns.",
        "",
    ]
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(SETS), help="dataset names or paths (default: the four)")
    ap.add_argument("--limit", type=int, help="first N records of each set")
    ap.add_argument("--cache", type=Path, help="read/write the predictions here (gzip JSON)")
    ap.add_argument("--blocks", action="store_true", help="also keep each block's tag and classes in the cache")
    ap.add_argument("--out", type=Path, default=DOC, help="markdown report (default: docs/RELIABILITY.md)")
    ap.add_argument("--plot", type=Path, default=PLOT, help="figure (default: docs/reliability.png)")
    ap.add_argument("--no-docs", action="store_true", help="print only, write no file")
    args = ap.parse_args(argv)

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    version, pages = load_or_predict(args.cache, args.sets, args.limit, args.blocks, say)
    per_set = matched_rows(pages)
    results = {}
    for name in args.sets:
        rows, unmatched = per_set.get(name, ([], 0))
        results[name] = {
            "pages": sum(1 for p in pages if p["set"] == name),
            "unmatched": unmatched,
            "rows": rows,
            "summary": summarise(rows),
        }
    text = render(version, results, args.limit)
    print(text)
    if not args.no_docs:
        args.out.write_text(text, encoding="utf-8")
        try:
            plot(results, args.plot)
        except ImportError:  # matplotlib comes with the bench extra, not the test one
            say(f"wrote {args.out} (no plot: matplotlib is not installed)")
        else:
            say(f"wrote {args.out} and {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
