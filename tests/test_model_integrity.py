"""Model files are pickles: load only the ones whose manifest vouches for them, and only the shipped ones unless the
caller says it trusts the directory (an attacker can write a matching sha256 into meta.json as easily as the pickle)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner.core.errors import ModelError, ModelIntegrityError, ModelVersionError
from cleaner.model.store import (
    TRUST_ENV,
    UntrustedModelError,
    default_model_dir,
    is_shipped,
    load_model,
    save_model,
    sha256_file,
)


@pytest.fixture(autouse=True)
def _no_trust_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRUST_ENV, raising=False)


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
    assert manifest["size_bytes"] < 6_000_000  # "a few MB": 5.4 MB since session 48 (xz, coefficients rounded)


def test_tampered_model_file_is_refused(model_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open(model_copy / "model.joblib", "ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelIntegrityError, match="sha256 does not match"):
        load_model(model_copy, trust=True)
    monkeypatch.setenv(TRUST_ENV, "1")
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
        load_model(model_copy, trust=True)


def test_other_labels_are_refused(model_copy: Path) -> None:
    _edit_manifest(model_copy, labels=["content", "spam"])
    with pytest.raises(ModelVersionError, match="labels"):
        load_model(model_copy, trust=True)


def test_model_file_outside_the_named_folder_is_refused(model_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.joblib"
    shutil.copy(model_copy / "model.joblib", outside)
    _edit_manifest(model_copy, model_file="../elsewhere.joblib")
    with pytest.raises(ModelError, match="outside the model directory"):
        load_model(model_copy, trust=True)


def test_missing_manifest_is_refused(model_copy: Path) -> None:
    (model_copy / "meta.json").unlink()
    with pytest.raises(ModelError, match="meta.json"):
        load_model(model_copy, trust=True)


class _Payload:
    """Unpickling this runs ``touch``: what a hostile model directory can do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, (f"touch {self.marker}",))


def _evil_model(directory: Path, marker: Path) -> Path:
    """A model directory whose pickle runs code, with a manifest that vouches for it (sha256, schema, labels)."""
    shutil.copytree(default_model_dir(), directory)
    with open(directory / "model.joblib", "wb") as fh:
        pickle.dump({"estimator": _Payload(marker)}, fh)
    _edit_manifest(directory, sha256=sha256_file(directory / "model.joblib"))
    return directory


def test_a_model_that_did_not_ship_is_not_unpickled(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = _evil_model(tmp_path / "evil", marker)
    with pytest.raises(UntrustedModelError, match=f"not a model shipped with cleaner.*{TRUST_ENV}=1"):
        load_model(evil)
    with pytest.raises(ModelError, match="not a model shipped"):
        cleaner.Cleaner(evil).clean("Some text.")
    assert not marker.exists()
    with pytest.raises(ModelError):  # trusted on purpose: it is unpickled (and then refused as no model)
        load_model(evil, trust=True)
    assert marker.exists()


def test_a_symlink_into_the_shipped_folder_does_not_make_a_model_shipped(tmp_path: Path) -> None:
    assert is_shipped(default_model_dir() / "model.joblib")
    link = tmp_path / "link"
    link.symlink_to(default_model_dir(), target_is_directory=True)
    assert is_shipped(link / "model.joblib")  # resolves into the package: the shipped file itself
    evil = _evil_model(tmp_path / "evil", tmp_path / "ran")
    assert not is_shipped(evil / "model.joblib")


def test_cli_info_refuses_an_untrusted_model_in_one_line(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = _evil_model(tmp_path / "evil", marker)
    env = {k: v for k, v in os.environ.items() if k != TRUST_ENV}
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner.runners.cli", "info", "--model", str(evil)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode != 0
    assert not marker.exists(), "the hostile pickle ran"
    assert "Traceback" not in proc.stderr
    assert "not a model shipped with cleaner" in proc.stdout + proc.stderr


def test_trust_from_the_environment(tmp_path: Path, model_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UntrustedModelError):
        load_model(model_copy)
    monkeypatch.setenv(TRUST_ENV, "1")
    assert load_model(model_copy).manifest["sha256"] == sha256_file(model_copy / "model.joblib")


def test_the_shipped_model_survives_a_save_and_load_roundtrip(tmp_path: Path) -> None:
    shipped = load_model()
    manifest = {k: v for k, v in shipped.manifest.items() if k not in ("sha256", "size_bytes", "model_file")}
    saved = save_model(shipped.estimator, _vocabulary(shipped), tmp_path / "resaved", manifest)
    again = load_model(tmp_path / "resaved", trust=True)
    assert saved["sha256"] == again.manifest["sha256"]
    assert again.manifest["schema_version"] == shipped.manifest["schema_version"]
    page = "<html><body><h1>Council news</h1><p>" + "The council met on Tuesday to discuss the budget. " * 8
    page += "</p><div class='cookie-banner'><p>We use cookies. By continuing you agree.</p></div></body></html>"
    first = cleaner.Cleaner.from_fitted(shipped).clean(page).to_dict()
    second = cleaner.Cleaner.from_fitted(again).clean(page).to_dict()
    assert first == second


def _vocabulary(loaded: object) -> dict[str, dict[int, tuple[str, ...]]]:
    return {kind: dict(explainer.vocabulary) for kind, explainer in loaded.explainers.items()}  # type: ignore[attr-defined]


def test_trust_from_the_caller(model_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRUST_ENV, raising=False)
    trusted = cleaner.Cleaner(model_copy, trust_model=True)
    assert trusted.clean("A paragraph of text.\n\nAnother one.").kind == "text"
    assert pickle.loads(pickle.dumps(trusted)).trust_model  # workers load it the same way


def test_cli_trust_model_flag_before_or_after_the_command(model_copy: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != TRUST_ENV}
    for args in (
        ["--trust-model", "info", "--model", str(model_copy)],
        ["info", "--model", str(model_copy), "--trust-model"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "cleaner.runners.cli", *args], capture_output=True, text=True, timeout=120, env=env
        )
        assert proc.returncode == 0, proc.stderr
        assert "not a model shipped" not in proc.stderr
