"""scripts/reliability.py: the binning and ECE on hand-made confidences (figures checked by hand), the two-way token
match on a tiny page, and the script end to end on the first 3 records of each typed set (skipped when
``../shared/benchmarks`` is not beside the repository)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import SHARED, load_script


@pytest.fixture(scope="module")
def rel() -> ModuleType:
    return load_script("reliability")


def test_bins_and_ece(rel: ModuleType) -> None:
    # Two segments at 0.95 (one right), two at 0.55 (both right), one at 1.0 (right; the last bin is closed).
    conf = [0.95, 0.95, 0.55, 0.55, 1.0]
    ok = [True, False, True, True, True]
    table = rel.reliability_bins(conf, ok, bins=10)
    assert len(table) == 10 and sum(b["count"] for b in table) == 5
    top, mid = table[9], table[5]
    assert top["count"] == 3 and top["confidence"] == pytest.approx((0.95 + 0.95 + 1.0) / 3)
    assert top["accuracy"] == pytest.approx(2 / 3)
    assert mid["count"] == 2 and mid["confidence"] == pytest.approx(0.55) and mid["accuracy"] == 1.0
    assert table[0]["count"] == 0 and table[0]["accuracy"] is None
    # ECE = 3/5 * |2/3 - 0.9667| + 2/5 * |1 - 0.55|
    assert rel.ece(table) == pytest.approx(3 / 5 * abs(2 / 3 - 2.9 / 3) + 2 / 5 * 0.45)
    # Weighted by tokens: the wrong 0.95 segment weighs 3, every other 1.
    weighted = rel.reliability_bins(conf, ok, [1, 3, 1, 1, 1], bins=10)
    assert weighted[9]["accuracy"] == pytest.approx(2 / 5)
    assert rel.ece([]) is None


def test_edges(rel: ModuleType) -> None:
    table = rel.reliability_bins([0.0, 0.1, 0.0999], [True, True, False], bins=10)
    assert [b["count"] for b in table[:2]] == [2, 1]  # 0.1 opens the second bin


def test_match_page(rel: ModuleType) -> None:
    gold = [
        ("The mayor opened the bridge", "content"),
        ("Accept all cookies", "consent"),
        ("Menu", "ambiguous"),
    ]
    pred = [
        ("The mayor opened", "content"),
        ("the bridge Accept all cookies", "promo"),  # 2 content + 3 consent tokens: its gold is consent
        ("Menu", "boilerplate"),  # only ambiguous tokens: unmatched
        ("Extra text", "boilerplate"),  # no gold counterpart: unmatched
    ]
    m = rel.match_page(gold, pred)
    assert m.pred_gold == ["content", "consent", None, None]
    assert m.pred_tokens == [3, 5, 1, 2]
    assert m.gold_pred[0] == {"content": 3, "promo": 2}
    assert m.gold_pred[1] == {"promo": 3}
    assert dict(m.gold_segs[1]) == {1: 3}

    rows = rel.matched_rows(
        [{"set": "s", "id": "p", "gold": [list(g) for g in gold], "pred": [[t, lab, 0.9] for t, lab in pred]}]
    )
    matched, unmatched = rows["s"]
    assert [(r["label"], r["gold"]) for r in matched] == [("content", "content"), ("promo", "consent")]
    assert unmatched == 2
    summary = rel.summarise(matched)
    assert summary["all"]["segments"] == 2 and summary["all"]["accuracy"] == 0.5
    assert summary["by_label"]["promo"]["ece"] == pytest.approx(0.9)


@pytest.mark.skipif(not (SHARED / "benchmarks" / "typed-dev.jsonl.gz").exists(), reason="no ../shared/benchmarks")
def test_script_on_three_pages(rel: ModuleType, tmp_path: Path) -> None:
    out, png = tmp_path / "R.md", tmp_path / "r.png"
    assert rel.main(["--limit", "3", "--out", str(out), "--plot", str(png)]) == 0
    text = out.read_text(encoding="utf-8")
    for name in rel.SETS:
        assert f"| `{name}` | 3 |" in text
    assert "ECE" in text
    if importlib.util.find_spec("matplotlib") is not None:  # the plot needs the bench extra
        assert png.stat().st_size > 1000
    else:
        assert not png.exists()
