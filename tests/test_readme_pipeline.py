"""The README's "In a pipeline" snippets run as written, as scripts, from a folder with ../shared beside it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, SHARED


def pipeline_snippets() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In a pipeline", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def run_snippet(code: str, tmp_path: Path) -> str:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the repository")
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "shared").symlink_to(SHARED)
    script = work / "snippet.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], cwd=work, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_section_has_its_three_python_snippets() -> None:
    snippets = pipeline_snippets()
    assert len(snippets) == 3  # library step, Dask, datasets (the JSONL one is a console session)
    assert "clean_many(" in snippets[0] and "clean_bag(" in snippets[1] and "hf_map(" in snippets[2]


def test_library_step_snippet(tmp_path: Path) -> None:
    stdout = run_snippet(pipeline_snippets()[0], tmp_path)
    lines = (tmp_path / "work" / "clean.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == list(range(40))
    assert all([span[2] for span in r["spans"]] == ["poll", "consent"] for r in records)
    assert "'poll'" in stdout and "'consent'" in stdout


def test_dask_snippet(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    pytest.importorskip("dask.dataframe")
    stdout = run_snippet(pipeline_snippets()[1], tmp_path)
    written = sorted((tmp_path / "work" / "dask-out").glob("*.jsonl"))
    records = [json.loads(line) for path in written for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(written) == 8 and len(records) == 739
    assert all(r["id"].startswith("cleaneval/") and "spans" in r and "source_text" in r for r in records)
    assert "clean_text" in stdout


def test_datasets_snippet(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    stdout = run_snippet(pipeline_snippets()[2], tmp_path)
    assert '"poll"' in stdout and "clean_text" in stdout
