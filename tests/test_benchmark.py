"""scripts/benchmark.py (its parts in scripts/bench/) on a few pages: the JSON's shape, scores in [0, 1], peers run
or are skipped cleanly, WCXB word F1 per page type, the stage-timing pseudo-system, and cleaner's typed figures equal
the reference scorer's (../shared/tools/typed/score.py) on the same records."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).parent.parent / "scripts" / "benchmark.py"
BENCH = REPO.parent / "shared" / "benchmarks"
SCORER = REPO.parent / "shared" / "tools" / "typed" / "score.py"
MAIN_SET, TYPED_SET, INJECTED_SET, WCXB_SET = "cleaneval", "typed-dev", "injected-dev", "wcxb-dev"
ALL_SYSTEMS = (
    "cleaner,trafilatura,trafilatura_precision,justext,readability,boilerpy3,resiliparse,html_text,lxml,"
    "c4_lines,keep_all,cleaner_stages"
)
SCORE_KEYS = {
    "precision",
    "recall",
    "f1",
    "accuracy",
    "median_page_f1",
    "removal_rate",
    "content_retention",
    "macro_f1_noncontent",
    "share_cleaner_ahead",
}

pytestmark = pytest.mark.skipif(
    not all((BENCH / f"{name}.jsonl.gz").exists() for name in (MAIN_SET, TYPED_SET, INJECTED_SET, WCXB_SET)),
    reason="../shared/benchmarks is not beside the repository",
)


def run_benchmark(out: Path, *args: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--no-docs", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench") / "tmp.json"
    return run_benchmark(
        out, "--datasets", MAIN_SET, TYPED_SET, WCXB_SET, "--sample", "5", "--bootstrap", "50", "--systems", ALL_SYSTEMS
    )


def scores(node: Any, path: str = "") -> list[tuple[str, float]]:
    """Every score-like number in the JSON (by key), with where it was found."""
    found: list[tuple[str, float]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in SCORE_KEYS and isinstance(value, (int, float)):
                found.append((f"{path}/{key}", value))
            found += scores(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += scores(value, f"{path}[{i}]")
    return found


def test_systems_run_or_are_skipped_cleanly(sample_run: dict[str, Any]) -> None:
    systems = sample_run["systems"]
    assert systems["cleaner"]["status"] == "ok"
    for name, info in systems.items():
        assert info["status"] in ("ok", "skipped"), name
        if info["status"] == "skipped":
            assert info["reason"]
    ran = {name for name, info in systems.items() if info["status"] == "ok"}
    for ds in sample_run["datasets"].values():
        assert set(ds["systems"]) <= ran
        assert "cleaner" in ds["systems"]
        for name in ds["systems"]:
            assert ds["failures"][name]["count"] <= ds["records"]


def test_json_shape(sample_run: dict[str, Any]) -> None:
    meta = sample_run["meta"]
    for key in ("date", "command", "cpu_count", "versions", "peak_rss_mb", "bootstrap"):
        assert key in meta
    assert meta["bootstrap"] == 50 and meta["peak_rss_mb"] > 0
    main, typed = sample_run["datasets"][MAIN_SET], sample_run["datasets"][TYPED_SET]
    assert main["kind"] == "main" and typed["kind"] == "typed"
    assert main["records"] == typed["records"] == 5
    assert len(main["pages"]["ids"]) == 5
    scored = [n for n in main["systems"] if sample_run["systems"][n]["scored"]]
    assert set(main["accuracy"]) == set(scored)
    assert set(main["paired_vs_cleaner"]) == set(scored) - {"cleaner"}
    for name, acc in main["accuracy"].items():
        assert acc["pages"] == 5, name
        assert 0 <= acc["f1_sd"] <= 1
    for paired in main["paired_vs_cleaner"].values():
        lo, hi = paired["ci95"]
        assert -1 <= lo <= hi <= 1
    for ds in (main, typed):
        for name, speed in ds["speed"].items():
            assert speed["median_ms"] > 0 and speed["p95_ms"] >= speed["median_ms"], name
            assert len(ds["pages"]["ms"][name]) == 5
    assert set(typed["typed"]) == set(scored)
    cleaner_report = typed["typed"]["cleaner"]
    assert set(cleaner_report["labels"]) == {"content", "poll", "consent", "promo", "boilerplate"}
    assert sample_run["size_sweep"]["buckets"] and sum(sample_run["size_sweep"]["pages"]) == 15
    assert isinstance(sample_run["targets"], list)


def test_main_sets_report_low_pages_worst_pages_and_trafilatura_differences(sample_run: dict[str, Any]) -> None:
    for name in (MAIN_SET, WCXB_SET):
        main = sample_run["datasets"][name]
        scored = set(main["accuracy"])
        assert set(main["low_f1_pages"]) == scored
        assert all(0 <= n <= 5 for n in main["low_f1_pages"].values())
        worst = main["worst_cleaner_pages"]
        assert len(worst) == 5 and set(w["id"] for w in worst) <= set(main["pages"]["ids"])
        assert [w["f1"] for w in worst] == sorted(w["f1"] for w in worst)
        if "trafilatura" in scored:
            assert all(w["trafilatura_f1"] is not None for w in worst)
            diff = main["cleaner_vs_trafilatura"]["f1"]
            assert diff["ci95"][0] <= diff["mean"] <= diff["ci95"][1]


def test_wcxb_word_f1_overall_and_per_page_type(sample_run: dict[str, Any]) -> None:
    wcxb = sample_run["datasets"][WCXB_SET]
    words = wcxb["word_f1"]
    assert set(words["overall"]) == set(wcxb["accuracy"])
    types = wcxb["pages"]["page_type"]
    assert sum(e["pages"] for e in words["by_type"].values()) == len(types) == 5
    for t, entry in words["by_type"].items():
        assert entry["pages"] == types.count(t)
        assert set(entry["systems"]) == set(wcxb["accuracy"])
        if "trafilatura" in wcxb["accuracy"]:
            assert set(entry["cleaner_minus_trafilatura"]) == {"word_f1", "f1"}
    cleaner_pages = wcxb["pages"]["word_f1"]["cleaner"]
    assert words["overall"]["cleaner"]["f1"] == pytest.approx(sum(cleaner_pages) / 5, abs=1e-3)


def test_cleaner_stages_times_the_pipeline_and_matches_cleaner(sample_run: dict[str, Any]) -> None:
    if sample_run["systems"]["cleaner_stages"]["status"] != "ok":
        pytest.skip("cleaner_stages did not run")
    assert sample_run["systems"]["cleaner_stages"]["scored"] is False
    for ds in sample_run["datasets"].values():
        stages = ds["stages"]["cleaner_stages"]
        assert list(stages["median_ms"]) == ["parse", "segment", "features", "model", "cues"]
        assert sum(stages["share"].values()) == pytest.approx(1.0)
        assert stages["text_differs_from_cleaner"] == 0
        assert "cleaner_stages" not in ds.get("accuracy", {}) and "cleaner_stages" not in ds.get("typed", {})


def test_scores_are_within_0_and_1(sample_run: dict[str, Any]) -> None:
    found = scores(sample_run["datasets"])
    assert len(found) > 20  # cleaner alone gives this many; each installed peer adds more
    bad = [(where, value) for where, value in found if not 0 <= value <= 1]
    assert not bad, bad[:5]


@pytest.fixture(scope="module")
def injected_first5(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench") / "tmp.json"
    return run_benchmark(
        out,
        "--datasets",
        str(BENCH / f"{INJECTED_SET}.jsonl.gz"),
        "--first",
        "5",
        "--systems",
        "cleaner,c4_lines,keep_all",
        "--bootstrap",
        "50",
    )


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [("cleaner", "cleaner.learning.evaluate:typed_segments"), ("c4_lines", "c4_lines"), ("keep_all", "keep_all")],
)
def test_typed_figures_match_the_reference_scorer(
    injected_first5: dict[str, Any], ours: str, theirs: str, tmp_path: Path
) -> None:
    """score.py --limit 5 takes the first 5 records in file order, as the benchmark's --first 5 does."""
    if not SCORER.exists():
        pytest.skip("../shared/tools/typed/score.py is not beside the repository")
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            str(BENCH / f"{INJECTED_SET}.jsonl.gz"),
            "--system",
            theirs,
            "--limit",
            "5",
            "--out",
            str(tmp_path / "r.json"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    reference = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert reference["documents"] == 5 and not reference["failures"]
    report = injected_first5["datasets"][INJECTED_SET]["typed"][ours]
    for label, ref in reference["labels"].items():
        mine = report["labels"][label]
        assert mine["support"] == ref["gold_tokens"], label
        for key in ("recall", "precision", "removal_rate"):
            if ref[key] is not None:
                assert mine[key] == pytest.approx(ref[key], abs=1e-9), (label, key)
        if label != "content":
            assert report["segments"].get(label, 0) == ref["segments"], label
            assert report["caught"].get(label, 0) == ref["caught"], label
            assert report["typed_caught"].get(label, 0) == ref["typed_caught"], label
    assert report["content_retention"] == pytest.approx(reference["content_retention"], abs=1e-9)
