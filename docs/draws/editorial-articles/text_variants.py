"""Fit the plain-text model on one draw of a parts folder and score it under two plain-text decision variants.

    python docs/draws/editorial-articles/text_variants.py SEED PARTS OUT.json

``cta``: the shipped rule (``decide.CALLS_TO_ACTION`` = poll, promo); ``cta+consent``: consent under the same floor.
Scored as ``scripts/text_draws.py`` scores a draw (the shipped HTML model beside the fitted text model).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))

import text_draws as td  # noqa: E402
from synth.build import SHIPPED_TEXTS, generate  # noqa: E402
from text_misses import analyse, run  # noqa: E402

from cleaner.core import decide  # noqa: E402
from cleaner.core.types import LABELS  # noqa: E402

VARIANTS = {
    "cta": (LABELS.index("poll"), LABELS.index("promo")),
    "cta+consent": (LABELS.index("poll"), LABELS.index("consent"), LABELS.index("promo")),
}


def main() -> None:
    seed, parts, out = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        generate(seed, 0, SHIPPED_TEXTS, work / "data", parts)
        td.fit_text_model(work / "data" / "texts", work / "model")
        for name, labels in VARIANTS.items():
            decide.CALLS_TO_ACTION = labels
            scores = analyse(run(str(work / "model"), td.DATASETS, None))
            res[name] = {n: {k: float(scores[n][k]) for k in td.FIGURES} for n in td.DATASETS}
    out.write_text(json.dumps(res, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
