#!/usr/bin/env python3
"""Quality gate: cleaner's accuracy on pinned benchmark samples against the floors in tests/quality_gate.json.

    python scripts/gate.py                         # the ci sample (40 records per dataset), default model
    python scripts/gate.py --sample full           # every record (run locally)
    python scripts/gate.py --model DIR             # gate a model directory
    python scripts/gate.py --update                # pin floors from this measurement (raising only)
    python scripts/gate.py --update --allow-lower  # ... also lowering floors or re-pinning a changed sample

Exit 0 passed, 1 a metric fell below its floor by more than its tolerance, 2 cannot compare (a sample changed,
a dataset is missing, nothing pinned). The logic is ``cleaner.learning.gate``.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # single-threaded BLAS: the figures do not depend on it, the time does

from cleaner.learning import gate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FLOORS = REPO / "tests" / "quality_gate.json"
BENCH = REPO.parent / "shared" / "benchmarks"

if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(gate.main(floors=FLOORS, bench=BENCH))
