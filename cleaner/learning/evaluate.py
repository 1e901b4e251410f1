"""Scoring: block-level reports for labelled data, token-aligned typed scores for gold
sets, the 4-gram shingle main-content score of the public benchmarks, WCXB's word F1,
and the page bootstrap both the benchmark and the quality gate draw their uncertainty from."""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sklearn.metrics import classification_report, confusion_matrix

from cleaner.core.types import LABELS

NONCONTENT = LABELS[1:]
REMOVED = "removed"
_TOKEN = re.compile(r"\w+")
ALIGN_CHUNK = 3000
ALIGN_LIMIT = 8000


# ------------------------------------------------------------------ block level


def block_report(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Per-label precision/recall/F1 (scikit-learn's ``classification_report``) and the confusion matrix."""
    labels = list(LABELS)
    report = classification_report(gold, pred, labels=labels, output_dict=True, zero_division=0)
    matrix = confusion_matrix(gold, pred, labels=labels) if len(gold) else np.zeros((len(labels), len(labels)), int)
    return {
        "labels": {
            label: {
                "precision": report[label]["precision"],
                "recall": report[label]["recall"],
                "f1": report[label]["f1-score"],
                "support": int(report[label]["support"]),
            }
            for label in labels
        },
        "accuracy": float(np.trace(matrix) / max(len(gold), 1)),
        "blocks": len(gold),
        "confusion": {g: {p: int(matrix[i, j]) for j, p in enumerate(labels)} for i, g in enumerate(labels)},
    }


def format_report(report: dict[str, Any], title: str) -> str:
    """A block or typed report as a plain-text table."""
    lines = [title, f"{'label':<12}{'prec':>7}{'recall':>8}{'f1':>7}{'support':>9}"]
    for label, r in report["labels"].items():
        lines.append(f"{label:<12}{r['precision']:>7.3f}{r['recall']:>8.3f}{r['f1']:>7.3f}{r['support']:>9}")
    if "confusion" in report:
        cols = list(next(iter(report["confusion"].values())).keys())
        lines.append("confusion (rows gold, columns predicted):")
        lines.append(" " * 12 + "".join(f"{c[:8]:>9}" for c in cols))
        for g, row in report["confusion"].items():
            lines.append(f"{g:<12}" + "".join(f"{row[c]:>9}" for c in cols))
    for key in ("accuracy", "content_retention", "macro_f1_noncontent"):
        if key in report and report[key] is not None:
            lines.append(f"{key}: {report[key]:.3f}")
    if "caught" in report:
        lines.append(
            "segments caught (>=50% tokens removed) / typed (>=50% exact label): "
            + ", ".join(
                f"{k} {report['caught'].get(k, 0)}/{report['typed_caught'].get(k, 0)} of {report['segments'].get(k, 0)}"
                for k in NONCONTENT
            )
        )
    return "\n".join(lines)


# ------------------------------------------------------------------ typed, token aligned


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _aligned_pairs(a: list[int], b: list[int]) -> Iterable[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            yield block.a + k, block.b + k


def align(gold: list[str], pred: list[str]) -> list[int]:
    """Index of the predicted token aligned with each gold token, or -1."""
    ids: dict[str, int] = {}
    g = [ids.setdefault(t, len(ids)) for t in gold]
    p = [ids.setdefault(t, len(ids)) for t in pred]
    out = [-1] * len(g)
    if not g or not p:
        return out
    if len(g) <= ALIGN_LIMIT and len(p) <= ALIGN_LIMIT:
        for i, j in _aligned_pairs(g, p):
            out[i] = j
        return out
    start = 0
    for lo in range(0, len(g), ALIGN_CHUNK):
        window = p[start : start + int(ALIGN_CHUNK * 1.5) + 500]
        last = -1
        for i, j in _aligned_pairs(g[lo : lo + ALIGN_CHUNK], window):
            out[lo + i] = start + j
            last = max(last, start + j)
        if last >= 0:
            start = last + 1
    return out


class TypedScore:
    """Accumulates token-aligned typed scores over documents (same metric as the reference scorer)."""

    def __init__(self) -> None:
        self.confusion: dict[str, Counter[str]] = defaultdict(Counter)
        self.segments: Counter[str] = Counter()
        self.caught: Counter[str] = Counter()
        self.typed_caught: Counter[str] = Counter()

    @classmethod
    def combined(cls, scores: Iterable[TypedScore]) -> TypedScore:
        """One score over the documents of all ``scores`` (repeats count again: a bootstrap resample of
        per-document scores)."""
        total = cls()
        for score in scores:
            for label, row in score.confusion.items():
                total.confusion[label].update(row)
            total.segments.update(score.segments)
            total.caught.update(score.caught)
            total.typed_caught.update(score.typed_caught)
        return total

    def add(self, gold: Sequence[tuple[str, str]], pred: Sequence[tuple[str, str]]) -> None:
        gold_tokens: list[str] = []
        gold_labels: list[str] = []
        gold_segment: list[int] = []
        for s, (text, label) in enumerate(gold):
            toks = tokens(text)
            gold_tokens += toks
            gold_labels += [label] * len(toks)
            gold_segment += [s] * len(toks)
        pred_tokens: list[str] = []
        pred_labels: list[str] = []
        for text, label in pred:
            toks = tokens(text)
            pred_tokens += toks
            pred_labels += [label] * len(toks)
        per_segment: dict[int, Counter[str]] = defaultdict(Counter)
        for label, j, s in zip(gold_labels, align(gold_tokens, pred_tokens), gold_segment, strict=False):
            if label not in LABELS:
                continue  # "ambiguous" takes part in the alignment only
            predicted = pred_labels[j] if j >= 0 else REMOVED
            self.confusion[label][predicted] += 1
            per_segment[s][predicted] += 1
        for s, (_, label) in enumerate(gold):
            counts = per_segment.get(s)
            if label not in NONCONTENT or not counts:
                continue
            n = sum(counts.values())
            self.segments[label] += 1
            self.caught[label] += (n - counts["content"]) / n >= 0.5
            self.typed_caught[label] += counts[label] / n >= 0.5

    def report(self) -> dict[str, Any]:
        predicted: Counter[str] = Counter()
        for row in self.confusion.values():
            predicted.update(row)
        labels: dict[str, dict[str, Any]] = {}
        for label in LABELS:
            support = sum(self.confusion[label].values())
            tp = self.confusion[label][label]
            recall = tp / support if support else 0.0
            precision = tp / predicted[label] if predicted[label] else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
            removal = (support - self.confusion[label]["content"]) / support if support else 0.0
            labels[label] = {
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "support": support,
                "removal_rate": removal,
            }
        present = [labels[k]["f1"] for k in NONCONTENT if labels[k]["support"]]
        return {
            "labels": labels,
            "macro_f1_noncontent": sum(present) / len(present) if present else None,
            "content_retention": labels["content"]["recall"],
            "segments": dict(self.segments),
            "caught": dict(self.caught),
            "typed_caught": dict(self.typed_caught),
            "confusion": {g: {p: self.confusion[g][p] for p in (*LABELS, REMOVED)} for g in LABELS},
        }


# ------------------------------------------------------------------ main-content shingles


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = _TOKEN.findall(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_scores(pred: str, gold: str) -> tuple[float | None, float | None, bool]:
    """Per-page shingle precision and recall (None where undefined) and exact token match."""
    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    if fp == 0 and fn == 0:
        precision = recall = 1.0
    else:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
    exact = _TOKEN.findall(pred) == _TOKEN.findall(gold)
    return (precision if p else None), (recall if g else None), exact


def corpus_scores(pages: Sequence[tuple[float | None, float | None, bool]]) -> dict[str, float]:
    """Mean precision over non-empty predictions, mean recall over non-empty gold, F1 of the means."""
    precisions = [p for p, _, _ in pages if p is not None]
    recalls = [r for _, r, _ in pages if r is not None]
    precision = float(np.mean(precisions)) if precisions else 0.0
    recall = float(np.mean(recalls)) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = float(np.mean([e for _, _, e in pages])) if pages else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy, "pages": len(pages)}


def page_f1(p: float | None, r: float | None) -> float:
    """Per-page shingle F1 from ``page_scores``: 1 when prediction and gold are both empty, 0 when only one is."""
    if p is None or r is None:
        return 1.0 if p is None and r is None else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def segments_caught(report: dict[str, Any]) -> float | None:
    """Share of gold non-content segments caught (>= 50% of their tokens not kept as content) in a
    ``TypedScore.report()``; None without any such segment."""
    segments = sum(report["segments"].values())
    return sum(report["caught"].values()) / segments if segments else None


def segments_typed(report: dict[str, Any]) -> float | None:
    """Share of gold non-content segments typed right (>= 50% of their tokens under their own label) in a
    ``TypedScore.report()``; None without any such segment."""
    segments = sum(report["segments"].values())
    return sum(report["typed_caught"].values()) / segments if segments else None


# ------------------------------------------------------------------ WCXB word F1


def word_scores(pred: str, gold: str) -> tuple[float, float, float]:
    """WCXB's per-page word precision, recall and F1: lowercase ``\\w+`` tokens as multisets.

    An empty gold scores 1 for an empty prediction and 0 otherwise; an empty prediction of a non-empty gold
    scores 0 (as the benchmark's ``evaluate.py``). The benchmark's figure is the mean of the per-page F1.
    """
    p, g = tokens(pred), tokens(gold)
    if not g:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return 0.0, 0.0, 0.0
    overlap = sum((Counter(p) & Counter(g)).values())
    precision, recall = overlap / len(p), overlap / len(g)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def word_f1(pred: str, gold: str) -> float:
    """WCXB's per-page word F1 (see ``word_scores``)."""
    return word_scores(pred, gold)[2]


# ------------------------------------------------------------------ page bootstrap


def bootstrap_indices(pages: int, resamples: int, seed: int = 0) -> np.ndarray:
    """``resamples`` rows of ``pages`` page indices drawn with replacement; pass the same rows to every
    system for paired differences."""
    return np.random.default_rng(seed).integers(0, pages, size=(resamples, pages))


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


def bootstrap_mean(values: Sequence[float], idx: np.ndarray) -> np.ndarray:
    """The mean of per-page ``values`` on every resample (rows of ``idx``): shape (B,)."""
    return np.asarray(values, dtype=float)[idx].mean(axis=1)


def paired_difference(ours: np.ndarray, theirs: np.ndarray, point: float) -> dict[str, Any]:
    """Paired bootstrap difference ``ours - theirs`` (per resample, the same pages for both): the
    difference on the full sample, the bootstrap mean, a 95% percentile interval and how often ours is ahead."""
    diff = np.asarray(ours, dtype=float) - np.asarray(theirs, dtype=float)
    return {
        "difference": float(point),
        "mean": float(diff.mean()),
        "ci95": [float(np.percentile(diff, 2.5)), float(np.percentile(diff, 97.5))],
        "share_ahead": float(np.mean(diff > 0)),
    }


def typed_segments(document: str, kind: str) -> list[tuple[str, str]]:
    """``(text, label)`` per block with the default model: the system function the reference
    scorer takes (``score.py --system cleaner.evaluate:typed_segments``)."""
    from cleaner.api import clean

    return [(s.text, s.label.value) for s in clean(document, kind=kind).segments]
