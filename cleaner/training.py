"""Train, evaluate and write a model from labelled data (scripts only call this)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import platform
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from . import corpus, cues, features
from .errors import DataError
from .evaluate import TypedScore, block_report
from .model import (
    BlockModel,
    LinearBlockClassifier,
    apply_temperature,
    expected_calibration_error,
    fit_temperature,
    reorder_columns,
    save_model,
    stage1_matrix,
)
from .smooth import ContextSmoother, context_matrix
from .types import LABELS

log = logging.getLogger(__name__)
Progress = Callable[[str], None]
OOF_FOLDS = 5
HOLDOUT_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Prepared:
    """Labelled documents with their features; unlabelled blocks are left out of ``y``."""

    docs: list[corpus.LabelledDoc]
    feats: list[features.Features]
    ys: list[np.ndarray]  # label index per block, -1 where unlabelled


def prepare(docs: Sequence[corpus.LabelledDoc]) -> Prepared:
    feats = [features.extract(d.blocks, d.title) for d in docs]
    ys = [np.array([LABELS.index(lab) if lab in LABELS else -1 for lab in d.labels], dtype=np.int64) for d in docs]
    return Prepared(list(docs), feats, ys)


def _class_weights(y: np.ndarray) -> np.ndarray:
    """Square-root balancing: rare labels count more, without drowning content."""
    counts = np.bincount(y, minlength=len(LABELS)).astype(float)
    weights = np.sqrt(counts.sum() / np.maximum(counts, 1) / len(LABELS))
    return weights[y]


def _stack(parts: list[sp.csr_matrix]) -> sp.csr_matrix:
    return sp.vstack(parts, format="csr")


def fit(data: Prepared, *, seed: int = 0, progress: Progress | None = None, smoother: str = "hgb") -> BlockModel:
    """Fit scaler, first pass and (on out-of-fold first-pass output) the context smoother."""
    say = progress or (lambda msg: None)
    idx = [i for i, y in enumerate(data.ys) if (y >= 0).any()]
    dense = np.vstack([data.feats[i].dense for i in idx])
    scaler = StandardScaler().fit(dense)
    X_docs = [stage1_matrix(data.feats[i], scaler) for i in idx]
    y_docs = [data.ys[i] for i in idx]
    groups = np.array([data.docs[i].group for i in idx])
    # Out-of-fold first-pass probabilities, so the smoother learns from honest inputs.
    oof: list[np.ndarray | None] = [None] * len(idx)
    folds = GroupKFold(n_splits=min(OOF_FOLDS, len(set(groups))))
    for k, (train, test) in enumerate(folds.split(np.zeros(len(idx)), groups=groups)):
        say(f"first pass, fold {k + 1}/{folds.n_splits}")
        first = _fit_first(X_docs, y_docs, train, seed)
        for t in test:
            oof[t] = reorder_columns(first.predict_proba(X_docs[t]), first.classes_, LABELS)
    say("first pass, all data")
    first = _fit_first(X_docs, y_docs, list(range(len(idx))), seed)
    say("context smoother")
    ctx = np.vstack([context_matrix(o, data.feats[i].dense) for o, i in zip(oof, idx, strict=False) if o is not None])
    y_all = np.concatenate(y_docs)
    mask = y_all >= 0
    context = ContextSmoother(method=smoother, random_state=seed).fit(
        ctx[mask], y_all[mask], sample_weight=_class_weights(y_all[mask])
    )
    say("cue vocabulary")
    blocks = (b for i in idx for b in data.docs[i].blocks)
    names = cues.vocabulary(blocks, first.model_.coef_, [int(c) for c in first.classes_])
    return BlockModel(scaler=scaler, first=first, smoother=context, labels=LABELS, cue_names=names)


def _fit_first(
    X_docs: list[sp.csr_matrix], y_docs: list[np.ndarray], rows: Sequence[int], seed: int
) -> LinearBlockClassifier:
    X = _stack([X_docs[r] for r in rows])
    y = np.concatenate([y_docs[r] for r in rows])
    mask = y >= 0
    return LinearBlockClassifier(random_state=seed).fit(X[mask], y[mask], sample_weight=_class_weights(y[mask]))


def predict_labels(model: BlockModel, feats: features.Features) -> list[str]:
    from .assemble import choose_labels

    probs = model.predict_proba(feats)
    return [LABELS[k] for k in choose_labels(probs, feats)]


def evaluate_blocks(model: BlockModel, data: Prepared, rows: Sequence[int] | None = None) -> dict[str, Any]:
    """Block-level report of ``model`` on labelled documents."""
    gold: list[str] = []
    pred: list[str] = []
    for i in rows if rows is not None else range(len(data.docs)):
        labels = predict_labels(model, data.feats[i])
        for g, p in zip(data.docs[i].labels, labels, strict=False):
            if g in LABELS:
                gold.append(g)
                pred.append(p)
    return block_report(gold, pred)


def calibrate(model: BlockModel, data: Prepared, rows: Sequence[int]) -> tuple[float, dict[str, float]]:
    """Fit a temperature on held-out documents; report expected calibration error before and after."""
    probs = [model.predict_proba(data.feats[i]) for i in rows]
    ys = [data.ys[i] for i in rows]
    p = np.vstack(probs) if probs else np.zeros((0, len(LABELS)))
    y = np.concatenate(ys) if ys else np.zeros(0, dtype=np.int64)
    p, y = p[y >= 0], y[y >= 0]
    if not len(y):
        return 1.0, {"temperature": 1.0, "ece_before": 0.0, "ece_after": 0.0}
    temperature = fit_temperature(p, y)
    after = apply_temperature(p, temperature)
    return temperature, {
        "temperature": temperature,
        "ece_before": expected_calibration_error(p, y),
        "ece_after": expected_calibration_error(after, y),
    }


def grouped_split(data: Prepared, seed: int) -> tuple[list[int], list[int]]:
    """Train/test document indices with no group (template/site) on both sides."""
    groups = sorted({d.group for d in data.docs})
    rng = np.random.default_rng(seed)
    test_groups = set(rng.choice(groups, size=max(1, int(len(groups) * HOLDOUT_SHARE)), replace=False))
    train = [i for i, d in enumerate(data.docs) if d.group not in test_groups]
    test = [i for i, d in enumerate(data.docs) if d.group in test_groups]
    return train, test


def subset(data: Prepared, rows: Sequence[int]) -> Prepared:
    return Prepared([data.docs[i] for i in rows], [data.feats[i] for i in rows], [data.ys[i] for i in rows])


def typed_gold(path: Path) -> list[dict[str, Any]]:
    """Records of a typed gold file: ``{"kind", "document", "segments": [(text, label)]}``."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if "segments" in rec:
                out.append(
                    {
                        "id": rec["id"],
                        "kind": "html",
                        "document": rec["html"],
                        "segments": [(s["text"], s["label"]) for s in rec["segments"]],
                    }
                )
            else:
                segs = [(p["text"], p["label"]) for p in rec["paragraphs"]]
                out.append(
                    {
                        "id": rec["id"],
                        "kind": "text",
                        "document": rec.get("text") or "\n\n".join(t for t, _ in segs),
                        "segments": segs,
                    }
                )
    return out


def evaluate_typed(model_dir: Path | None, path: Path, model: BlockModel | None = None) -> dict[str, Any]:
    """Token-aligned typed scores of a model on a typed gold file (as ``score.py`` computes them)."""
    from .pipeline import Cleaner

    cleaner = Cleaner(model_dir)
    if model is not None:
        cleaner._model, cleaner._manifest = model, {"version": "in-training"}
    score = TypedScore()
    for rec in typed_gold(path):
        result = cleaner.clean(rec["document"], kind=rec["kind"])
        score.add(rec["segments"], [(s.text, s.label.value) for s in result.segments])
    report = score.report()
    return report


def code_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5, cwd=Path(__file__).resolve().parent
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def library_versions() -> dict[str, str]:
    import joblib
    import lxml.etree
    import scipy
    import sklearn

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "joblib": joblib.__version__,
        "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
    }


def train(
    data_dirs: Sequence[Path],
    out_dir: Path,
    *,
    seed: int = 0,
    name: str = "cleaner",
    gold_files: Sequence[Path] = (),
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Load data, report held-out grouped metrics, fit on everything, write the model directory."""
    say = progress or (lambda msg: None)
    say(f"loading {', '.join(map(str, data_dirs))}")
    digests = {str(p): corpus.digest(p) if p.is_dir() else corpus.digest(p.parent) for p in data_dirs}
    docs = list(corpus.load(list(data_dirs)))
    if not docs:
        raise DataError(f"no labelled documents under {', '.join(map(str, data_dirs))}")
    say(f"{len(docs)} documents, {sum(len(d.blocks) for d in docs)} blocks; extracting features")
    data = prepare(docs)
    train_rows, test_rows = grouped_split(data, seed)
    say(f"held-out split: {len(train_rows)} train / {len(test_rows)} test documents, grouped by template")
    holdout_model = fit(subset(data, train_rows), seed=seed, progress=say)
    holdout = evaluate_blocks(holdout_model, data, test_rows)
    temperature, calibration = calibrate(holdout_model, data, test_rows)
    say(
        f"calibration on held-out templates: temperature {temperature:.2f}, ECE {calibration['ece_before']:.3f} -> "
        f"{calibration['ece_after']:.3f}"
    )
    say("final model on all documents")
    model = fit(data, seed=seed, progress=say)
    model.temperature = temperature
    today = dt.date.today().strftime("%Y%m%d")
    manifest: dict[str, Any] = {
        "name": name,
        "version": f"{name}-{today}",
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "training_data": {
            "paths": [str(p) for p in data_dirs],
            "digest": _combined_digest(digests),
            "documents": len(docs),
            "blocks": int(sum((y >= 0).sum() for y in data.ys)),
        },
        "training_code_commit": code_commit(),
        "seed": seed,
        "library_versions": library_versions(),
        "metrics": {"holdout_grouped": holdout},
        "calibration": calibration,
    }
    for gold in gold_files:
        if gold.is_file():
            say(f"typed evaluation on {gold.name}")
            manifest["metrics"][gold.name.split(".")[0]] = evaluate_typed(None, gold, model)
    out_dir = Path(out_dir)
    manifest = save_model(model, out_dir, manifest)
    manifest["version"] = f"{name}-{today}-{manifest['sha256'][:8]}"
    (out_dir / "meta.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def _combined_digest(digests: dict[str, str]) -> str:
    if len(digests) == 1:
        return next(iter(digests.values()))
    import hashlib

    return hashlib.sha256("\n".join(f"{k} {v}" for k, v in sorted(digests.items())).encode()).hexdigest()


def main_progress(msg: str) -> None:
    print(f"[train] {msg}", file=sys.stderr, flush=True)
