"""scripts/decision_sweep.py: the settings it parses, their effect on the labels, and that they are put back (no
model, no benchmark data)."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest

from cleaner.core import decide, features, parse, segment
from cleaner.core.types import LABELS

from .conftest import load_script


@pytest.fixture(scope="module")
def ds() -> ModuleType:
    return load_script("decision_sweep")


def test_settings_are_constants_of_decide(ds: ModuleType) -> None:
    assert ds.parse_settings(["THIN_PAGE_CHARS=0,300", "REGION_COVER=0.6"]) == {
        "THIN_PAGE_CHARS": [0.0, 300.0],
        "REGION_COVER": [0.6],
    }
    for bad in ("thin_page_chars=1", "NO_SUCH_CONSTANT=1", "THIN_PAGE_CHARS="):
        with pytest.raises(SystemExit):
            ds.parse_settings([bad])


def test_a_setting_changes_the_labels_for_its_duration_only(ds: ModuleType) -> None:
    cards = "".join(f"<li><a href='/{i}'>Card number {i} with a title of several words</a></li>" for i in range(10))
    menu = "".join(f"<a href='/s{i}'>Section {i}</a> " for i in range(8))
    root = parse.parse_html(f"<body><nav>{menu}</nav><h1>Jobs</h1><ul>{cards}</ul><footer>{menu}</footer></body>")
    assert root is not None
    blocks = segment.html_blocks(root, max_blocks=50, max_block_chars=500)[0]
    feats = features.extract(blocks)
    content, boilerplate = LABELS.index("content"), LABELS.index("boilerplate")
    probs = np.zeros((len(blocks), len(LABELS)))
    probs[:, boilerplate], probs[:, content] = 0.99, 0.01
    heading = next(i for i, b in enumerate(blocks) if b.text == "Jobs")
    probs[heading, [boilerplate, content]] = 0.01, 0.99  # the heading only
    thin = (decide.choose_labels(probs, feats, blocks) == content).sum()
    with ds.decide_settings({"THIN_PAGE_CHARS": 0}):
        assert decide.THIN_PAGE_CHARS == 0
        assert (decide.choose_labels(probs, feats, blocks) == content).sum() == 1 < thin
    assert decide.THIN_PAGE_CHARS == 300
