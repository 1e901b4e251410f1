"""Train, evaluate and write a model from labelled data (``cleaner train`` and ``scripts/train.py`` call this)."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import logging
import platform
import subprocess
import sys
import warnings
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.base import BaseEstimator

from cleaner.core import decide, explain, features
from cleaner.core.errors import DataError
from cleaner.core.types import LABELS, Block
from cleaner.learning import corpus
from cleaner.learning.evaluate import TypedScore, block_report
from cleaner.model import build
from cleaner.model.store import LoadedModel, first_pass_weights, save_model

log = logging.getLogger(__name__)
Progress = Callable[[str], None]
HOLDOUT_BUCKETS = 5  # one group in five is held out, chosen by a hash of its name (stable as data is added)


@dataclass(frozen=True, slots=True)
class Prepared:
    """Labelled documents with their features. Blocks without a label are left out of the matrices."""

    docs: list[corpus.LabelledDoc]
    feats: list[features.Features]

    def stack(self, rows: Sequence[int] | None = None) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
        """``X``, ``y`` (label names) and ``groups`` (template/site) of the labelled blocks of ``rows``."""
        rows = range(len(self.docs)) if rows is None else rows
        Xs, ys, groups = [], [], []
        for i in rows:
            labels = np.array(self.docs[i].labels, dtype=object)
            keep = self._labelled(i)
            if not keep.any():
                continue
            Xs.append(self.feats[i].matrix[np.flatnonzero(keep)])
            ys.append(labels[keep].astype(str))
            groups.append(np.full(int(keep.sum()), self.docs[i].group, dtype=object))
        if not Xs:
            raise DataError("no labelled blocks to train on")
        return sp.vstack(Xs, format="csr"), np.concatenate(ys), np.concatenate(groups).astype(str)

    def _labelled(self, i: int) -> np.ndarray:
        """Which blocks of document ``i`` carry one of the labels (the rows ``stack`` keeps)."""
        return np.array([lab in LABELS for lab in self.docs[i].labels], dtype=bool)

    def text_only(self, rows: Sequence[int] | None = None) -> np.ndarray:
        """Per row of ``stack(rows)``, whether it belongs to a ``text_only`` document (the plain-text model's alone)."""
        rows = range(len(self.docs)) if rows is None else rows
        parts = [np.full(int(self._labelled(i).sum()), self.docs[i].text_only, dtype=bool) for i in rows]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def prepare(docs: Sequence[corpus.LabelledDoc]) -> Prepared:
    return Prepared(list(docs), [features.extract(d.blocks, d.title, d.json_ld) for d in docs])


def fit(
    X: sp.csr_matrix,
    y: np.ndarray,
    groups: np.ndarray,
    *,
    seed: int = 0,
    calibrate: bool = True,
    text_only: np.ndarray | None = None,
) -> BaseEstimator:
    """The block model fitted on ``X``/``y``: one model per document kind; out-of-fold folds never split a group;
    with ``calibrate``, temperature-scaled on out-of-fold predictions (``CalibratedClassifierCV``) and refitted.
    ``text_only`` rows (``Prepared.text_only``) train the plain-text model only."""
    model = build.block_model(seed)
    if not calibrate:
        model.set_params(
            html_estimator=build.kind_model("html", seed, calibrated=False),
            text_estimator=build.kind_model("text", seed, calibrated=False),
        )
    with warnings.catch_warnings(), sklearn.config_context(enable_metadata_routing=True):
        warnings.simplefilter("ignore")  # ConvergenceWarning: a few epochs of the linear pass are enough here
        build.request_groups(model)
        model.fit(X, y, groups=groups, text_only=text_only)
    return build.compact(model)


def cue_vocabulary(model: BaseEstimator, data: Prepared) -> dict[str, dict[int, tuple[str, ...]]]:
    """Per document kind, the names of the hashed columns its first pass leans on most."""
    out: dict[str, dict[int, tuple[str, ...]]] = {}
    for kind in ("html", "text"):
        weights = first_pass_weights(model, {}, kind)
        blocks = (b for d in data.docs if d.kind == kind for b in d.blocks)
        out[kind] = explain.vocabulary(blocks, weights.coef, weights.classes)
    return out


def predict_labels(model: BaseEstimator, feats: features.Features, blocks: Sequence[Block]) -> list[str]:
    if not feats.n:
        return []
    probs = decide.in_label_order(model.predict_proba(feats.matrix), model.classes_)
    return [LABELS[k] for k in decide.choose_labels(probs, feats, blocks)]


def evaluate_blocks(model: BaseEstimator, data: Prepared, rows: Sequence[int]) -> dict[str, Any]:
    """Block-level report of ``model`` on labelled documents (labels as ``clean`` would choose them)."""
    gold: list[str] = []
    pred: list[str] = []
    for i in rows:
        for g, p in zip(data.docs[i].labels, predict_labels(model, data.feats[i], data.docs[i].blocks), strict=True):
            if g in LABELS:
                gold.append(g)
                pred.append(p)
    return block_report(gold, pred)


def holdout_group(group: str) -> bool:
    """Whether a template/site group is held out: a stable hash of its name, so adding data moves nothing."""
    return zlib.crc32(group.encode("utf-8")) % HOLDOUT_BUCKETS == 0


def grouped_split(data: Prepared) -> tuple[list[int], list[int]]:
    """Train/test document indices with no group (template/site) on both sides."""
    test = [i for i, d in enumerate(data.docs) if holdout_group(d.group)]
    held = set(test)
    return [i for i in range(len(data.docs)) if i not in held], test


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


def evaluate_typed(model_dir: Path | None, path: Path, model: LoadedModel | None = None) -> dict[str, Any]:
    """Token-aligned typed scores of a model on a typed gold file (as ``score.py`` computes them)."""
    from cleaner.api import Cleaner

    cleaner = Cleaner(model_dir) if model is None else Cleaner.from_fitted(model)
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
    missing = [str(p) for p in data_dirs if not Path(p).exists()]
    if missing:
        raise DataError(f"no such file or folder: {', '.join(missing)}")
    say(f"loading {', '.join(map(str, data_dirs))}")
    digests = {str(p): corpus.digest(p) if p.is_dir() else corpus.digest(p.parent) for p in data_dirs}
    docs = list(corpus.load(list(data_dirs)))
    if not docs:
        raise DataError(f"no labelled documents under {', '.join(map(str, data_dirs))}")
    say(f"{len(docs)} documents, {sum(len(d.blocks) for d in docs)} blocks; extracting features")
    data = prepare(docs)
    train_rows, test_rows = grouped_split(data)
    say(f"held-out split: {len(train_rows)} train / {len(test_rows)} test documents, grouped by template/site")
    X, y, groups = data.stack(train_rows)
    holdout_model = fit(X, y, groups, seed=seed, calibrate=False, text_only=data.text_only(train_rows))
    holdout = evaluate_blocks(holdout_model, data, test_rows)
    say(f"held-out block accuracy {holdout['accuracy']:.3f}; final model on all documents (calibrated)")
    X, y, groups = data.stack()
    model = fit(X, y, groups, seed=seed, text_only=data.text_only())
    temperature = {kind: _temperature(model, kind) for kind in ("html", "text")}
    say(f"temperature {temperature}; cue vocabulary")
    vocabulary = cue_vocabulary(model, data)
    say("writing the model")
    today = dt.date.today().strftime("%Y%m%d")
    manifest: dict[str, Any] = {
        "name": name,
        "version": f"{name}-{today}",
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "training_data": {
            "paths": [str(p) for p in data_dirs],
            "digest": _combined_digest(digests),
            "documents": len(docs),
            "blocks": int(len(y)),
            "holdout_documents": len(test_rows),
        },
        "training_code_commit": code_commit(),
        "seed": seed,
        "library_versions": library_versions(),
        "metrics": {"holdout_grouped": holdout},
        "calibration": {"method": "temperature", "temperature_by_kind": temperature},
    }
    out_dir = Path(out_dir)
    manifest = save_model(model, vocabulary, out_dir, manifest)  # written first: a failing report loses nothing
    loaded = LoadedModel.of(model, vocabulary, {"version": "in-training"})
    for gold in gold_files:
        if gold.is_file():
            say(f"typed evaluation on {gold.name}")
            manifest["metrics"][gold.name.split(".")[0]] = evaluate_typed(None, gold, loaded)
        else:
            say(f"gold set {gold} not found: no real-page figures for it")
    manifest["version"] = f"{name}-{today}-{manifest['sha256'][:8]}"
    (out_dir / "meta.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def _temperature(model: BaseEstimator, kind: str) -> float | None:
    calibrated = build.calibrated_of(model, kind)
    if calibrated is None:
        return None
    return round(1.0 / float(getattr(calibrated.calibrated_classifiers_[0].calibrators[0], "beta_", 1.0)), 4)


def _combined_digest(digests: dict[str, str]) -> str:
    if len(digests) == 1:
        return next(iter(digests.values()))
    return hashlib.sha256("\n".join(f"{k} {v}" for k, v in sorted(digests.items())).encode()).hexdigest()


def main_progress(msg: str) -> None:
    print(f"[train] {msg}", file=sys.stderr, flush=True)
