"""Model files are pickles: load only the ones whose manifest vouches for them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import cleaner
from cleaner.core.errors import ModelError, ModelIntegrityError, ModelVersionError
from cleaner.model.store import default_model_dir, load_model


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(default_model_dir(), target)
    return target


def test_shipped_model_loads_and_has_a_full_manifest() -> None:
    manifest = load_model().manifest
    for key in ("version", "labels", "schema_version", "sha256", "training_data", "library_versions", "metrics"):
        assert key in manifest
    assert manifest["labels"] == list(cleaner.LABELS)
    assert manifest["size_bytes"] < 8_000_000


def test_tampered_model_file_is_refused(model_copy: Path) -> None:
    with open(model_copy / "model.joblib", "ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelIntegrityError, match="sha256 does not match"):
        load_model(model_copy)
    with pytest.raises(ModelIntegrityError, match="retrain"):
        cleaner.Cleaner(model_copy).clean("Some text.")


def _edit_manifest(directory: Path, **changes: object) -> None:
    path = directory / "meta.json"
    manifest = json.loads(path.read_text())
    manifest.update(changes)
    path.write_text(json.dumps(manifest))


def test_unknown_schema_is_refused(model_copy: Path) -> None:
    _edit_manifest(model_copy, schema_version="0")
    with pytest.raises(ModelVersionError, match="feature schema"):
        load_model(model_copy)


def test_other_labels_are_refused(model_copy: Path) -> None:
    _edit_manifest(model_copy, labels=["content", "spam"])
    with pytest.raises(ModelVersionError, match="labels"):
        load_model(model_copy)


def test_model_file_outside_the_named_folder_is_refused(model_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.joblib"
    shutil.copy(model_copy / "model.joblib", outside)
    _edit_manifest(model_copy, model_file="../elsewhere.joblib")
    with pytest.raises(ModelError, match="outside the model directory"):
        load_model(model_copy)


def test_missing_manifest_is_refused(model_copy: Path) -> None:
    (model_copy / "meta.json").unlink()
    with pytest.raises(ModelError, match="meta.json"):
        load_model(model_copy)
