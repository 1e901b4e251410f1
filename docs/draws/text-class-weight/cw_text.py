"""The plain-text model with another class weighting of its context pass (``balanced``, ``balanced_sqrt`` as shipped,
or ``none``), fitted on one draw of the committed parts and scored as ``scripts/text_draws.py`` scores it, with the
shipped decision rules.

    python docs/draws/text-class-weight/cw_text.py SEED WEIGHT OUT.json
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))

import text_draws as td  # noqa: E402
from synth import PARTS  # noqa: E402
from synth.build import SHIPPED_TEXTS, generate  # noqa: E402
from text_misses import analyse, run  # noqa: E402

from cleaner.model import build  # noqa: E402


def main() -> None:
    seed, weight, out = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    shipped = build.context_model

    def weighted(seed: int = 0, *, runs: bool = False) -> Any:
        model = shipped(seed, runs=runs)
        model.class_weight = None if weight == "none" else weight
        return model

    build.context_model = weighted  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        generate(seed, 0, SHIPPED_TEXTS, work / "data", PARTS)
        td.fit_text_model(work / "data" / "texts", work / "model")
        scores = analyse(run(str(work / "model"), td.DATASETS, None))
        res = {n: {k: float(scores[n][k]) for k in td.FIGURES} for n in td.DATASETS}
    out.write_text(json.dumps(res, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
