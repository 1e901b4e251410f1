"""The quality gate (cleaner.learning.gate, scripts/gate.py): the ci gate passes with the installed default model
against tests/quality_gate.json, and the comparison logic on hand-made measurements (no model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleaner.learning import gate

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO.parent / "shared" / "benchmarks"
FLOORS = Path(__file__).parent / "quality_gate.json"


def measured(values: dict[str, dict[str, float]], digest: str = "d1", sample: str = "ci") -> dict[str, Any]:
    """A fake measurement: ``{dataset: {metric: value}}``, every sd 0.015."""
    return {
        "sample": sample,
        "model_version": "test-model",
        "datasets": {
            name: {"pages": 30, "digest": digest, "metrics": {m: {"value": v, "sd": 0.015} for m, v in metrics.items()}}
            for name, metrics in values.items()
        },
    }


PINNED = {
    "datasets": {
        "cetd": {"pages": 30, "digest": "d1", "floors": {"f1": {"floor": 0.9, "tolerance": 0.02}}},
        "injected-dev": {
            "pages": 30,
            "digest": "d1",
            "floors": {
                "segments_caught": {"floor": 0.8, "tolerance": 0.03},
                "content_retention": {"floor": 0.99, "tolerance": 0.01},
            },
        },
    }
}


def verdicts(rows: list[gate.Row]) -> dict[tuple[str, str], str]:
    return {(r.dataset, r.metric): r.verdict for r in rows}


# ------------------------------------------------------------------ comparison logic, no model


def test_a_drop_beyond_tolerance_fails() -> None:
    rows = gate.compare(
        PINNED, measured({"cetd": {"f1": 0.87}, "injected-dev": {"segments_caught": 0.85, "content_retention": 0.995}})
    )
    assert verdicts(rows)[("cetd", "f1")] == gate.FAIL
    assert verdicts(rows)[("injected-dev", "segments_caught")] == gate.OK
    assert gate.exit_code(rows) == 1
    assert "FAIL" in gate.format_rows(rows)


def test_a_drop_within_tolerance_passes() -> None:
    rows = gate.compare(
        PINNED, measured({"cetd": {"f1": 0.885}, "injected-dev": {"segments_caught": 0.8, "content_retention": 0.98}})
    )
    assert verdicts(rows) == {
        ("cetd", "f1"): gate.WITHIN,
        ("injected-dev", "segments_caught"): gate.OK,
        ("injected-dev", "content_retention"): gate.WITHIN,
    }
    assert gate.exit_code(rows) == 0


def test_a_changed_sample_is_reported_not_compared() -> None:
    now = measured({"cetd": {"f1": 0.5}})
    now["datasets"]["cetd"]["digest"] = "other"
    rows = gate.compare(PINNED, now)
    assert verdicts(rows)[("cetd", "f1")] == gate.CHANGED  # not FAIL: the figures are of other pages
    assert gate.exit_code(rows) == 2


def test_a_missing_dataset_or_metric_cannot_pass() -> None:
    now = measured({"injected-dev": {"segments_caught": 0.9}})
    now["datasets"]["cetd"] = {"missing": "/nowhere/cetd.jsonl.gz"}
    rows = gate.compare(PINNED, now)
    assert verdicts(rows)[("cetd", "f1")] == gate.MISSING
    assert verdicts(rows)[("injected-dev", "content_retention")] == gate.UNMEASURED
    assert gate.exit_code(rows) == 2
    assert gate.exit_code(gate.compare(None, measured({"cetd": {"f1": 0.9}}))) == 2  # nothing pinned


def test_update_raises_floors_freely_but_lowering_needs_the_flag() -> None:
    higher = measured({"cetd": {"f1": 0.93}, "injected-dev": {"segments_caught": 0.81, "content_retention": 0.995}})
    section, refused = gate.update(PINNED, higher)
    assert not refused
    assert section["datasets"]["cetd"]["floors"]["f1"] == {"floor": 0.93, "tolerance": 0.015}
    assert section["model_version"] == "test-model"

    lower = measured({"cetd": {"f1": 0.895}, "injected-dev": {"segments_caught": 0.81, "content_retention": 0.995}})
    _, refused = gate.update(PINNED, lower)
    assert refused == ["cetd f1: 0.9 -> 0.895"]
    section, refused = gate.update(PINNED, lower, allow_lower=True)
    assert not refused and section["datasets"]["cetd"]["floors"]["f1"]["floor"] == 0.895

    dropped = measured({"cetd": {"f1": 0.95}, "injected-dev": {"segments_caught": 0.81}})
    _, refused = gate.update(PINNED, dropped)
    assert refused == ["injected-dev content_retention: no longer measured (floor 0.99)"]


def test_update_of_a_changed_sample_needs_the_flag() -> None:
    _, refused = gate.update(PINNED, measured({"cetd": {"f1": 0.99}}, digest="other"))
    assert len(refused) == 1 and "sample changed" in refused[0]
    section, refused = gate.update(PINNED, measured({"cetd": {"f1": 0.99}}, digest="other"), allow_lower=True)
    assert not refused and section["datasets"]["cetd"]["digest"] == "other"
    assert section["datasets"]["injected-dev"] == PINNED["datasets"]["injected-dev"]  # not measured: kept


def test_floors_round_down_and_tolerances_are_clamped() -> None:
    assert gate.floor_of(0.87659) == 0.8765
    assert gate.floor_of(0.5) == 0.5
    assert gate.tolerance_of(0.0) == gate.TOLERANCE_MIN
    assert gate.tolerance_of(0.0123) == 0.013
    assert gate.tolerance_of(0.2) == gate.TOLERANCE_MAX
    assert gate.tolerance_of(0.005, retrain_sd=0.0161) == 0.033  # SPREAD_SDS standard deviations
    assert gate.tolerance_of(0.02, retrain_sd=0.001) == 0.02
    assert gate.tolerance_of(0.0, retrain_sd=0.2) == gate.SPREAD_TOLERANCE_MAX


def test_the_retrain_spread_widens_tolerances_of_the_metrics_that_move_between_draws() -> None:
    now = measured({"cetd": {"f1": 0.90}, "injected-dev": {"segments_caught": 0.80}})
    draws = [
        measured({"cetd": {"f1": 0.90}, "injected-dev": {"segments_caught": 0.74}}),
        measured({"cetd": {"f1": 0.90}, "injected-dev": {"segments_caught": 0.77}}),
        measured({"cetd": {"f1": 0.50}}, digest="other sample"),  # not the same records: left out
    ]
    spread = gate.retrain_spread(now, draws)
    assert spread[("cetd", "f1")] == gate.Spread(mean=pytest.approx(0.90), sd=0.0, draws=3)
    caught = spread[("injected-dev", "segments_caught")]
    assert (caught.mean, caught.sd, caught.draws) == (pytest.approx(0.77), pytest.approx(0.03), 3)
    section, _ = gate.update(None, now, spread=spread, spread_models=["m-3", "m-4"])
    assert section["spread_models"] == ["m-3", "m-4"]  # the pin names the retrains it was widened by
    assert "spread_models" not in gate.update(None, now)[0]
    assert section["datasets"]["cetd"]["floors"]["f1"]["tolerance"] == 0.015  # the bootstrap's, the larger
    # a lucky draw (0.80) is pinned at the draws' mean, with two of their standard deviations as tolerance
    assert section["datasets"]["injected-dev"]["floors"]["segments_caught"] == {"floor": 0.77, "tolerance": 0.05}
    # so every draw of the same code passes, the unluckiest included
    for draw in [now, *draws[:2]]:
        assert gate.exit_code(gate.compare(section, draw)) == 0


def test_a_draw_below_the_mean_keeps_its_own_value_as_floor() -> None:
    spread = gate.Spread(mean=0.80, sd=0.01, draws=3)
    assert gate.pinned_floor(0.78, 0.004, spread) == {"floor": 0.78, "tolerance": 0.02}
    assert gate.pinned_floor(0.83, 0.004, spread) == {"floor": 0.8, "tolerance": 0.02}
    assert gate.pinned_floor(0.83, 0.004) == {"floor": 0.83, "tolerance": gate.TOLERANCE_MIN}


def test_the_digest_covers_ids_documents_and_gold() -> None:
    rec = {"id": "x/1", "html": "<p>hi</p>", "text": "hi"}
    base = gate.sample_digest([rec])
    assert gate.sample_digest([dict(rec)]) == base
    assert gate.sample_digest([{**rec, "id": "x/2"}]) != base
    assert gate.sample_digest([{**rec, "html": "<p>ho</p>"}]) != base
    assert gate.sample_digest([{**rec, "text": "ho"}]) != base
    assert gate.sample_digest([rec, rec]) != base


def test_main_updates_compares_and_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    floors = tmp_path / "floors.json"
    now: dict[str, Any] = {}
    monkeypatch.setattr(gate, "measure", lambda *a, **k: now["m"])

    now["m"] = measured({"cetd": {"f1": 0.9}})
    assert gate.main(["--datasets", "cetd"], floors=floors, bench=tmp_path) == 2  # nothing pinned yet
    assert gate.main(["--update"], floors=floors, bench=tmp_path) == 0
    pinned = json.loads(floors.read_text())
    assert pinned["samples"]["ci"]["datasets"]["cetd"]["floors"]["f1"]["floor"] == 0.9
    assert gate.main([], floors=floors, bench=tmp_path) == 0

    now["m"] = measured({"cetd": {"f1": 0.8}})
    assert gate.main([], floors=floors, bench=tmp_path) == 1
    assert gate.main(["--update"], floors=floors, bench=tmp_path) == 1
    assert json.loads(floors.read_text()) == pinned  # refused: unchanged
    assert gate.main(["--update", "--allow-lower"], floors=floors, bench=tmp_path) == 0
    assert json.loads(floors.read_text())["samples"]["ci"]["datasets"]["cetd"]["floors"]["f1"]["floor"] == 0.8


# ------------------------------------------------------------------ the ci gate, installed default model


@pytest.mark.skipif(not BENCH.is_dir(), reason="../shared/benchmarks is not beside the repository")
def test_ci_gate_passes_with_the_installed_model() -> None:
    pinned = json.loads(FLOORS.read_text(encoding="utf-8"))["samples"]["ci"]
    now = gate.measure(BENCH, "ci")
    rows = gate.compare(pinned, now)
    table = gate.format_rows(rows)
    assert gate.exit_code(rows) == 0, f"model {now['model_version']} (floors of {pinned['model_version']}):\n{table}"
