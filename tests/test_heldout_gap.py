"""scripts/heldout_gap.py without a fit (no training data, no benchmark data): the page text it scores, the real
figures it reads and the table that says whether the gap is within issue 12's target."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from .conftest import load_script


@pytest.fixture(scope="module")
def hg() -> ModuleType:
    return load_script("heldout_gap")


def test_content_text_keeps_the_content_blocks_in_order(hg: ModuleType) -> None:
    blocks = [SimpleNamespace(text=t) for t in ("Menu", "First paragraph.", "Share", "Second paragraph.")]
    labels = ["boilerplate", "content", None, "content"]
    assert hg.content_text(blocks, labels) == "First paragraph.\nSecond paragraph."


def test_real_scores_and_the_gap_table(hg: ModuleType, tmp_path: Path) -> None:
    bench = {
        "datasets": {
            "cetd": {"accuracy": {"cleaner": {"f1": 0.93}}, "pages": {}},
            "wcxb-dev": {"accuracy": {"cleaner": {"f1": 0.87}}, "pages": {"word_f1": {"cleaner": [0.8, 0.9]}}},
        }
    }
    path = tmp_path / "b.json"
    path.write_text(json.dumps(bench))
    real = hg.real_scores(path)
    assert real == {"cetd": {"f1": 0.93}, "wcxb-dev": {"f1": 0.87, "word_f1": pytest.approx(0.85)}}
    held = {"pages": 10, "groups": 3, "shingle": {"f1": 0.95}, "word_f1": 0.96}
    rows = {
        line.split("|")[1].strip(): line for line in hg.render(held, real, "cmd").splitlines() if line.startswith("| `")
    }
    assert "+0.020" in rows["`cetd`"] and rows["`cetd`"].rstrip(" |").endswith("yes")
    assert "+0.080" in rows["`wcxb-dev`"] and "+0.110" in rows["`wcxb-dev`"] and "**no**" in rows["`wcxb-dev`"]
