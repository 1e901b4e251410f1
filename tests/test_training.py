"""Retraining: deterministic, fast on a small set, and the shipped model matches the data."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import cleaner
from cleaner.learning import corpus, training
from cleaner.model.store import default_model_dir

from .conftest import REPO

DATA = REPO / "training_data"


def _small_set(tmp_path: Path) -> Path:
    rng = random.Random(0)
    pages = sorted((DATA / "pages").rglob("*.html"))
    target = tmp_path / "data"
    (target / "pages").mkdir(parents=True)
    for page in rng.sample(pages, 16):
        shutil.copy(page, target / "pages" / page.name)
    lines = (DATA / "texts" / "generated.jsonl").read_text(encoding="utf-8").splitlines()
    (target / "texts").mkdir()
    (target / "texts" / "sample.jsonl").write_text("\n".join(rng.sample(lines, 40)) + "\n", encoding="utf-8")
    return target


def test_training_is_deterministic_and_writes_a_loadable_model(tmp_path: Path) -> None:
    data = _small_set(tmp_path)
    first = training.train([data], tmp_path / "m1", seed=3)
    second = training.train([data], tmp_path / "m2", seed=3)
    assert first["metrics"] == second["metrics"]
    assert first["training_data"]["digest"] == corpus.digest(data)
    result = cleaner.Cleaner(tmp_path / "m1", trust_model=True).clean("A paragraph of text.\n\nAnother paragraph here.")
    assert len(result.segments) == 2
    report = first["metrics"]["holdout_grouped"]
    assert set(report["labels"]) == set(cleaner.LABELS)


def test_shipped_model_was_trained_on_this_training_data() -> None:
    manifest = json.loads((default_model_dir() / "meta.json").read_text())
    assert manifest["training_data"]["digest"] == corpus.digest(DATA), (
        "training_data/ changed since the shipped model was trained: run `python scripts/train.py --install`"
    )


def test_training_data_is_clean() -> None:
    from cleaner.learning.datacheck import check

    problems = [str(p) for p in check([DATA])]
    assert problems == []
