"""scripts/draw_compare.py: data variants judged on the mean over draws (no model, no benchmark data)."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import load_script


@pytest.fixture(scope="module")
def dc() -> ModuleType:
    return load_script("draw_compare")


def gate_run(f1: float, promo: float, version: str = "m") -> dict:
    return {
        "model_version": version,
        "datasets": {
            "cetd": {"metrics": {"f1": {"value": f1, "sd": 0.01}}},
            "typed-dev": {"metrics": {"f1.promo": {"value": promo, "sd": 0.05}}},
        },
    }


def test_figures_flatten_a_gate_measurement_in_order(dc: ModuleType) -> None:
    assert dc.figures(gate_run(0.9, 0.5)) == {"cetd f1": 0.9, "typed-dev f1.promo": 0.5}


def test_a_shift_beyond_the_draw_spread_is_marked_and_one_within_it_is_not(dc: ModuleType) -> None:
    base = [dc.figures(gate_run(f, p)) for f, p in ((0.90, 0.60), (0.91, 0.50), (0.92, 0.70))]
    variant = [dc.figures(gate_run(f, p)) for f, p in ((0.93, 0.50), (0.94, 0.70), (0.95, 0.60))]
    rows = {r["metric"]: r for r in dc.compare(base, variant)}
    f1, promo = rows["cetd f1"], rows["typed-dev f1.promo"]
    assert f1["diff"] == pytest.approx(0.03) and f1["significant"]  # sd 0.01 each: se 0.008
    assert promo["diff"] == pytest.approx(0.0) and not promo["significant"]
    # paired over the same seeds, a consistent small gain stands out even when the draws differ widely
    shifted = [dc.figures(gate_run(0.9, p + 0.01)) for p in (0.60, 0.50, 0.70)]
    paired = {r["metric"]: r for r in dc.compare(base, shifted, paired=True)}["typed-dev f1.promo"]
    unpaired = {r["metric"]: r for r in dc.compare(base, shifted)}["typed-dev f1.promo"]
    assert paired["se"] == pytest.approx(0.0) and unpaired["se"] > 0.05
    with pytest.raises(ValueError, match="paired"):
        dc.compare(base, shifted[:2], paired=True)


def test_the_doc_is_written_from_gate_json_files(dc: ModuleType, tmp_path: Path) -> None:
    files = []
    for seed, f1 in ((2, 0.90), (3, 0.92)):
        path = tmp_path / f"seed-{seed}.json"
        path.write_text(json.dumps({"measured": gate_run(f1, 0.5), "rows": [], "exit": 0}), encoding="utf-8")
        files.append(str(path))
    doc = tmp_path / "DRAWS.md"
    dc.main(["--base", *files, "--doc", str(doc)])
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# The same code and parts, different data draws")
    assert "| `cetd f1` | 0.9000 | 0.9200 | 0.9100 | 0.0141 |" in text
    assert "| metric | seed-2 | seed-3 | mean | sd |" in text


def test_the_same_seed_of_two_variants_is_named_by_its_folder(dc: ModuleType) -> None:
    base = [Path("draws/old/seed-2.json"), Path("draws/old/seed-3.json")]
    variant = [Path("draws/new/seed-2.json"), Path("draws/new/seed-3.json")]
    assert dc.column_names(base, variant) == (["old/seed-2", "old/seed-3"], ["new/seed-2", "new/seed-3"])
    assert dc.column_names(base[:1], [Path("T2.json")]) == (["seed-2"], ["T2"])
