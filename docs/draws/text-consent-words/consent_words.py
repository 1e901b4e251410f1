"""Fit the plain-text model on one draw of the committed parts and score it with consent under the plain-text
call-to-action floor: never (``off``), when the block holds a consent-lexicon word (``words``, the shipped rule), always
(``any``); and with ``words`` plus the lexical consent rule (a block with two consent-lexicon words and P(consent) of
at least 0.3 or 0.2 is consent: ``words+lexical-0.3``, ``words+lexical-0.2``).

    python docs/draws/text-consent-words/consent_words.py SEED OUT.json

Scored as ``scripts/text_draws.py`` scores a draw (the shipped HTML model beside the fitted text model).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))

import text_draws as td  # noqa: E402
from synth import PARTS  # noqa: E402
from synth.build import SHIPPED_TEXTS, generate  # noqa: E402
from text_misses import analyse, run  # noqa: E402

from cleaner.core import decide  # noqa: E402

VARIANTS = {  # decide.TEXT_CONSENT_MIN_WORDS, decide.TEXT_CONSENT_LEXICAL_PROBABILITY
    "off": (99, 1.01),
    "words": (1, 1.01),
    "any": (0, 1.01),
    "words+lexical-0.3": (1, 0.3),
    "words+lexical-0.2": (1, 0.2),
}


def main() -> None:
    seed, out = int(sys.argv[1]), Path(sys.argv[2])
    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        generate(seed, 0, SHIPPED_TEXTS, work / "data", PARTS)
        td.fit_text_model(work / "data" / "texts", work / "model")
        for name, (min_words, lexical) in VARIANTS.items():
            decide.TEXT_CONSENT_MIN_WORDS, decide.TEXT_CONSENT_LEXICAL_PROBABILITY = min_words, lexical
            scores = analyse(run(str(work / "model"), td.DATASETS, None))
            res[name] = {n: {k: float(scores[n][k]) for k in td.FIGURES} for n in td.DATASETS}
    out.write_text(json.dumps(res, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
