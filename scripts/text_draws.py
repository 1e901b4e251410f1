#!/usr/bin/env python3
"""Plain text (issue 14): how far the plain-text model's caught / kept moves between data draws of the same parts.

    python scripts/text_draws.py                                  # generator seeds 2 and 3, the committed parts
    python scripts/text_draws.py --seeds 2 3 4 --parts /tmp/parts --json /tmp/draws.json   # other parts, 3 draws
    python scripts/text_draws.py --render /tmp/draws.json --doc docs/TEXT_DRAWS.md          # the table from a saved run

``scripts/make_training_data.py`` draws its text documents (16,000 by default) from the parts with a seeded RNG; a
change to ``parts/lines`` (one more file) redraws all of them. For each seed this script writes only the text documents
(``synth.build.generate`` with no pages) into a temporary folder, fits the plain-text model exactly as training does
(``build.calibrated_model``, grouped folds), pairs it with the shipped HTML model, and scores both injected dev sets as
``scripts/text_misses.py`` does (caught, caught per distinct text, content kept). Compare data changes on the mean
over several seeds: one draw against another can differ by several points with the same parts. Several minutes per
seed on one core.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import joblib  # noqa: E402
from bench.datasets import dataset_path  # noqa: E402
from synth import PARTS  # noqa: E402
from synth.build import SHIPPED_TEXT_ONLY, SHIPPED_TEXTS, generate  # noqa: E402
from text_misses import analyse, run  # noqa: E402

from cleaner.learning import corpus, training  # noqa: E402
from cleaner.model import build, store  # noqa: E402

DATASETS = ["injected-dev", "injected-modern-dev"]
FIGURES = ("caught", "caught_distinct", "kept")
DOC_HEAD = (
    "# Plain text: the same parts, different data draws\n\n"
    "Rerun: `python scripts/text_draws.py --json F` (fits the plain-text model once per generator seed, several "
    "minutes each), then `python scripts/text_draws.py --render F --doc docs/TEXT_DRAWS.md`. Each column is the "
    "plain-text model fitted on the {texts:,} text documents (and, where the parts hold `lines/text-only`, the "
    "{text_only:,} text-only documents) `scripts/make_training_data.py --seed N` draws from the "
    "committed `training_data/parts`, paired with the shipped HTML model and scored on the injected dev sets as "
    "`scripts/text_misses.py` scores them (percent; caught per distinct text weighs each injected text once). The "
    "shipped model is seed 2's draw. A change to the parts that moves a figure by less than the spread between seeds "
    "has not been shown to help or hurt: compare such changes on the mean over several seeds.\n\n"
)


def fit_text_model(texts_dir: Path, out: Path, seed: int = 0) -> None:
    """Fit the plain-text model on ``texts_dir``'s documents as training does and save it beside the shipped HTML
    model in ``out``."""
    docs = [d for d in corpus.load([texts_dir]) if d.kind == "text"]
    X, y, groups = training.prepare(docs).stack()
    fitted = training.fit(X, y, groups, seed=seed)  # text rows only: a router holding just the text model
    shipped = store.load_model(None)
    router = copy.deepcopy(shipped.estimator)
    router.estimators_["text"] = fitted.estimator_for("text")
    build.compact(router)
    vocabulary = joblib.load(store.default_model_dir() / store.MODEL_FILE)["vocabulary"]
    store.save_model(router, vocabulary, out, dict(shipped.manifest, version=f"text-draw-{out.name}"))


def missing_datasets() -> list[Path]:
    """The injected dev sets this script scores that are not there (checked before minutes of fitting)."""
    return [path for path in map(dataset_path, DATASETS) if not path.is_file()]


def one_draw(
    seed: int, parts: Path, n_texts: int, work: Path, n_text_only: int = SHIPPED_TEXT_ONLY
) -> dict[str, dict[str, float]]:
    """Generate, fit and score one draw."""
    data_dir, model_dir = work / f"data-{seed}", work / f"model-{seed}"
    generate(seed, 0, n_texts, data_dir, parts, n_text_only=n_text_only)
    fit_text_model(data_dir / "texts", model_dir)
    scores = analyse(run(str(model_dir), DATASETS, None))
    return {name: {k: float(scores[name][k]) for k in FIGURES} for name in DATASETS}


def summary(draws: dict[int, dict[str, dict[str, float]]]) -> list[str]:
    lines = [
        "| set | figure | " + " | ".join(f"seed {s}" for s in draws) + " | mean | sd |",
        "|---|---|" + "---|" * (len(draws) + 2),
    ]
    for name in DATASETS:
        for key in FIGURES:
            values = [draws[s][name][key] for s in draws]
            sd = statistics.stdev(values) if len(values) > 1 else 0.0
            cells = " | ".join(f"{100 * v:.1f}" for v in values)
            lines.append(f"| `{name}` | {key} | {cells} | {100 * statistics.mean(values):.1f} | {100 * sd:.1f} |")
    return lines


def paired(base: dict[int, dict[str, dict[str, float]]], variant: dict[int, dict[str, dict[str, float]]]) -> list[str]:
    """Variant minus base per seed both ran, with the mean difference and its standard error (points)."""
    seeds = [s for s in variant if s in base]
    lines = [
        "| set | figure | " + " | ".join(f"seed {s}" for s in seeds) + " | mean difference | se |",
        "|---|---|" + "---|" * (len(seeds) + 2),
    ]
    for name in DATASETS:
        for key in FIGURES:
            diffs = [100 * (variant[s][name][key] - base[s][name][key]) for s in seeds]
            se = statistics.stdev(diffs) / len(diffs) ** 0.5 if len(diffs) > 1 else 0.0
            cells = " | ".join(f"{d:+.1f}" for d in diffs)
            lines.append(f"| `{name}` | {key} | {cells} | {statistics.mean(diffs):+.2f} | {se:.2f} |")
    return lines


def load_draws(path: Path) -> tuple[dict[int, dict[str, dict[str, float]]], dict[str, Any]]:
    """A ``--json`` run's figures per seed, and the whole saved record."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    return {int(seed): figures for seed, figures in saved["draws"].items()}, saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="+", default=[2, 3], help="generator seeds (default: 2 3)")
    ap.add_argument("--parts", type=Path, default=PARTS, help="authored parts folder (default: training_data/parts)")
    ap.add_argument(
        "--texts", type=int, default=SHIPPED_TEXTS, help="text documents per draw (the generator's default)"
    )
    ap.add_argument(
        "--text-only",
        type=int,
        default=SHIPPED_TEXT_ONLY,
        help="text-only documents per draw, when the parts hold lines/text-only (the generator's default)",
    )
    ap.add_argument("--json", type=Path, help="also write the figures per seed as JSON")
    ap.add_argument("--render", type=Path, help="fit nothing: read a --json file of an earlier run")
    ap.add_argument("--doc", type=Path, help="write the table as a markdown page (e.g. docs/TEXT_DRAWS.md)")
    ap.add_argument("--base", type=Path, help="with --render: also the differences from this --json run, per seed")
    ap.add_argument("--note", default="", help="with --doc: a paragraph saying what the two runs were")
    args = ap.parse_args()
    if args.render:
        draws, saved = load_draws(args.render)
        texts = int(saved.get("texts", args.texts))
        text_only = int(saved.get("text_only", args.text_only))
    else:
        missing = missing_datasets()
        if missing:
            raise SystemExit(f"text_draws.py: no dev set at {', '.join(map(str, missing))} (../shared beside the repo)")
        texts, text_only = args.texts, args.text_only
        draws = {}
        with tempfile.TemporaryDirectory(prefix="text-draws-") as tmp:
            for seed in args.seeds:
                draws[seed] = one_draw(seed, args.parts, args.texts, Path(tmp), args.text_only)
                print(f"seed {seed}: {json.dumps(draws[seed])}", file=sys.stderr, flush=True)
        if args.json:
            saved = {
                "parts": str(args.parts),
                "texts": args.texts,
                "text_only": args.text_only,
                "model": store.load_model(None).manifest["version"],
            }
            args.json.write_text(json.dumps({**saved, "draws": draws}, indent=1) + "\n", encoding="utf-8")
    table = "\n".join(summary(draws))
    if args.base:
        base, _ = load_draws(args.base)
        table = "\n".join(
            [
                "Base run, the same seeds:",
                "",
                *summary(base),
                "",
                "This run:",
                "",
                table,
                "",
                "Paired, this run minus the base (points):",
                "",
                *paired(base, draws),
            ]
        )
    print(table)
    if args.doc:
        note = f"{args.note}\n\n" if args.note else ""
        args.doc.write_text(DOC_HEAD.format(texts=texts, text_only=text_only) + note + table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
