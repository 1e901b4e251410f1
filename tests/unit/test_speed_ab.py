"""scripts/speed_ab.py's arithmetic on made-up timings (no timing here) and its output digests."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

import speed_ab  # noqa: E402


def test_the_order_flips_every_page() -> None:
    orders = [speed_ab.page_order(i) for i in range(4)]
    assert orders == [("old", "new"), ("new", "old"), ("old", "new"), ("new", "old")]


def test_summary_medians_and_per_page_ratio() -> None:
    old = [2.0, 4.0, 10.0]
    new = [1.0, 4.0, 30.0]  # ratios 0.5, 1.0, 3.0
    s = speed_ab.summarise("features", old, new)
    assert (s.pages, s.old_ms, s.new_ms) == (3, 4.0, 4.0)
    assert s.page_ratio == 1.0
    assert s.ratio_of_medians == 1.0


def test_pages_without_old_time_have_no_ratio() -> None:
    s = speed_ab.summarise("parse", [0.0, 2.0], [0.0, 1.0])
    assert s.page_ratio == 0.5
    assert math.isnan(speed_ab.summarise("parse", [0.0], [0.0]).page_ratio)


def test_summary_needs_the_same_pages() -> None:
    with pytest.raises(ValueError):
        speed_ab.summarise("model", [1.0, 2.0], [1.0])


def test_digest_sees_dtype_shape_and_sparse_layout() -> None:
    a = np.arange(6, dtype=np.float64).reshape(2, 3)
    digest = speed_ab.sha256_of
    assert digest(a) == digest(a.copy(order="F"))  # values, not memory layout
    assert digest(a) != digest(a.astype(np.float32))
    assert digest(a) != digest(a.reshape(3, 2))
    assert digest(sp.csr_matrix(a)) == digest(sp.coo_matrix(a))
    assert digest(sp.csr_matrix(a)) != digest(sp.csr_matrix(a.T))
    assert digest([a, None]) != digest([a])
