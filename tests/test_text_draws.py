"""scripts/text_draws.py's table over data draws (no model fit, no benchmark data): per-seed cells, mean and
standard deviation, and the --render/--doc path that rewrites the page from a saved run."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import load_script


@pytest.fixture(scope="module")
def td() -> ModuleType:
    return load_script("text_draws")


def figures(caught: float) -> dict[str, dict[str, float]]:
    one = {"caught": caught, "caught_distinct": caught - 0.1, "kept": 0.99}
    return {"injected-dev": dict(one), "injected-modern-dev": dict(one)}


def test_summary_has_a_column_per_seed_and_the_spread(td: ModuleType) -> None:
    lines = td.summary({2: figures(0.8), 3: figures(0.9)})
    assert lines[0].startswith("| set | figure | seed 2 | seed 3 | mean | sd |")
    caught = next(line for line in lines if "`injected-dev` | caught |" in line)
    # 80.0 and 90.0: mean 85.0, sample standard deviation 7.1
    assert caught.endswith("| 80.0 | 90.0 | 85.0 | 7.1 |")
    assert len(lines) == 2 + 2 * len(td.FIGURES)


def test_render_writes_the_doc_from_a_saved_run(
    td: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "draws.json"
    saved.write_text(json.dumps({"parts": "p", "draws": {"2": figures(0.8), "3": figures(0.7)}}), encoding="utf-8")
    doc = tmp_path / "TEXT_DRAWS.md"
    monkeypatch.setattr(sys, "argv", ["text_draws.py", "--render", str(saved), "--doc", str(doc)])
    td.main()
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Plain text: the same parts, different data draws")
    assert "| `injected-modern-dev` | caught | 80.0 | 70.0 | 75.0 | 7.1 |" in text


def test_paired_gives_the_difference_per_seed_and_its_standard_error(td: ModuleType) -> None:
    base = {2: figures(0.80), 3: figures(0.90), 4: figures(0.85)}
    variant = {2: figures(0.82), 3: figures(0.91), 4: figures(0.88), 5: figures(0.5)}
    lines = td.paired(base, variant)
    assert lines[0].startswith("| set | figure | seed 2 | seed 3 | seed 4 | mean difference | se |")  # 5: no base
    caught = next(line for line in lines if "`injected-dev` | caught |" in line)
    # +2, +1, +3 points: mean +2.00, sd 1.0, se 0.58
    assert caught.endswith("| +2.0 | +1.0 | +3.0 | +2.00 | 0.58 |")


def test_render_with_a_base_adds_both_tables_and_the_differences(
    td: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, variant = tmp_path / "base.json", tmp_path / "variant.json"
    base.write_text(json.dumps({"draws": {"2": figures(0.8), "3": figures(0.7)}}), encoding="utf-8")
    variant.write_text(json.dumps({"draws": {"2": figures(0.9), "3": figures(0.7)}}), encoding="utf-8")
    doc = tmp_path / "TEXT_DRAWS.md"
    argv = ["text_draws.py", "--render", str(variant), "--base", str(base), "--doc", str(doc), "--note", "Runs."]
    monkeypatch.setattr(sys, "argv", argv)
    td.main()
    text = doc.read_text(encoding="utf-8")
    assert "Runs.\n\nBase run, the same seeds:" in text
    assert "| `injected-dev` | caught | +10.0 | +0.0 | +5.00 | 5.00 |" in text


def test_a_missing_dev_set_stops_the_run_before_any_fit(
    td: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(td, "dataset_path", lambda name: tmp_path / f"{name}.jsonl.gz")
    monkeypatch.setattr(td, "one_draw", lambda *a: pytest.fail("fitted although a dev set is missing"))
    monkeypatch.setattr(sys, "argv", ["text_draws.py", "--seeds", "2"])
    with pytest.raises(SystemExit, match="no dev set at .*injected-dev.jsonl.gz"):
        td.main()
    (tmp_path / "injected-dev.jsonl.gz").write_bytes(b"")
    (tmp_path / "injected-modern-dev.jsonl.gz").write_bytes(b"")
    assert td.missing_datasets() == []
