"""scripts/family_ablation.py: every page template falls in one family at most, and the table reads the runs
against the paired control (no model, no benchmark data)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from .conftest import load_script

TEMPLATES = Path(__file__).resolve().parents[1] / "training_data" / "parts" / "templates"


@pytest.fixture(scope="module")
def fa() -> ModuleType:
    return load_script("family_ablation")


def test_each_template_has_one_family_or_none(fa: ModuleType) -> None:
    names = np.array(sorted(p.stem for p in TEMPLATES.glob("*.html")))
    family = fa.family_of(names)
    by_name = dict(zip(names.tolist(), family.tolist(), strict=True))
    assert by_name["c-product-shopify-dawn-1"] == "product" and by_name["b-shop-category-1"] == "collection"
    assert by_name["c-forum-xenforo-1"] == "forum" and by_name["b-docs-sphinx-1"] == "documentation"
    assert by_name["a-news-wire-1"] == "news" and by_name["b-old-table-1"] == ""
    assert set(family) <= {"", *fa.FAMILIES}
    assert all((family == f).any() for f in fa.FAMILIES)  # no family is empty
    assert fa.family_of(np.array(["en/product-kettle"])).tolist() == [""]  # a plain-text document's group


def test_the_table_gives_each_run_against_the_first_control(fa: ModuleType) -> None:
    results = {
        "control (seed 0)": {"wcxb-dev": {"word_f1": 0.85}},
        "control (seed 1)": {"wcxb-dev": {"word_f1": 0.84}},
        "no-product": {"wcxb-dev": {"word_f1": 0.83}},
    }
    md = fa.render(results, {"product": ["b-shop-product-1"]}, {"product": 10}, "cmd")
    assert "| `wcxb-dev` | word_f1 | 0.8500 | 0.0100 | -0.0200 |" in md
