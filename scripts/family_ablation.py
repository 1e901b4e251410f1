#!/usr/bin/env python3
"""Which page templates move which page types: the HTML model refitted without one family of templates at a time.

    python scripts/family_ablation.py                                  # every family, writes docs/FAMILY_ABLATION.md
    python scripts/family_ablation.py --families product documentation --datasets wcxb-dev --no-docs
    python scripts/family_ablation.py --families --json F.json --no-docs  # the controls only: screen a code change
    python scripts/family_ablation.py --families --each product --datasets modern-dev wcxb-dev --out F.md

A screening method, minutes per run where ``scripts/ablation.py`` retrains for half an hour: the committed training
data (``training_data/``, the shipped draw) is read and its features computed once; then, per run, only the HTML
model's two passes (``cleaner.model.build.kind_model``: the linear first pass and the boosted context pass, on the
HTML rows and the plain-text share ``KindRouter`` gives it) are fitted, uncalibrated, on every row except those of
one *family* of page templates (``FAMILIES``: regular expressions over the template names that ``training_data``
records as each page's group). Every run scores the same prepared pages of the dev sets with the shipped decision
rules (``cleaner.core.pipeline.finish``) and the quality gate's metrics (``cleaner.learning.gate.score_outputs``).

Leaving rows out of one draw changes nothing else (no other snippet is drawn differently), so a difference is the
family's own, up to the fitting's randomness: the control is fitted with ``--seeds`` seeds (the first one pairs with
the ablations) and the table gives the control's spread between them beside the differences; a difference inside it
tells nothing. Without calibration the probabilities are not the shipped model's, so read differences, not levels.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from decision_sweep import page_probabilities, prepared_documents, scores  # noqa: E402

OUT = ROOT / "docs" / "FAMILY_ABLATION.md"
DATASETS = ("cleaneval", "dragnet", "cetd", "modern-dev", "wcxb-dev", "typed-dev", "typed-modern-dev")
# Template families by name (the page type each imitates); a template may sit in one family only.
FAMILIES: dict[str, str] = {
    "product": r"^[a-z]-(shop-product|product)-",
    "collection": r"^[a-z]-(shop-category|collection)-",
    "listing": r"^[a-z]-(listing|job-posting|real-estate)-",
    "service": r"^[a-z]-service-",
    "forum": r"^[a-z]-(forum|qa)-",
    "documentation": r"^[a-z]-(docs|api-reference|help-center|wiki)-",
    "news": r"^[a-z]-(news|amp-news|mobile-news|liveblog|blog)-",
}


def training_rows(data: Path, seed: int) -> tuple[Any, np.ndarray, np.ndarray]:
    """``X``, ``y`` and ``groups`` of the rows the HTML model learns from (``KindRouter``'s choice)."""
    from cleaner.learning import corpus, training
    from cleaner.model import build

    prepared = training.prepare(list(corpus.load([data])))
    X, y, groups = prepared.stack()
    rows = np.flatnonzero(build.block_model(seed).html_rows(X, prepared.text_only()))
    return X[rows], y[rows], groups[rows]


def family_of(groups: np.ndarray) -> np.ndarray:
    """Per row, the family of its template (``""``: none, or a plain-text document)."""
    names = np.unique(groups)
    family = {}
    for name in names:
        hits = [f for f, pattern in FAMILIES.items() if re.search(pattern, str(name))]
        if len(hits) > 1:
            raise SystemExit(f"template {name} matches several families: {hits}")
        family[name] = hits[0] if hits else ""
    return np.array([family[g] for g in groups], dtype=object)


def fit(X: Any, y: np.ndarray, groups: np.ndarray, keep: np.ndarray, seed: int) -> Any:
    """The HTML model's two passes fitted on the ``keep`` rows (uncalibrated)."""
    import sklearn

    from cleaner.model import build

    rows = np.flatnonzero(keep)
    model = build.kind_model("html", seed, calibrated=False)
    with warnings.catch_warnings(), sklearn.config_context(enable_metadata_routing=True):
        warnings.simplefilter("ignore")  # ConvergenceWarning: a few epochs of the linear pass are enough here
        model.set_fit_request(groups=True)
        model.fit(X[rows], y[rows], groups=groups[rows])
    return model


def prepared_sets(names: Sequence[str]) -> dict[str, tuple[list[dict[str, Any]], list[Any]]]:
    """Each dev set's records and prepared documents, every record (``decision_sweep.prepared_documents``)."""
    return {name: prepared_documents(name, "full") for name in names}


def measure(model: Any, sets: dict[str, tuple[list[dict[str, Any]], list[Any]]]) -> dict[str, dict[str, float]]:
    """``{dataset: {metric: value}}`` of ``model`` with the shipped decision rules (``decision_sweep.scores``)."""
    out = {}
    for name, (records, prepared) in sets.items():
        measured = scores(records, prepared, page_probabilities(model, prepared), {})
        out[name] = {metric: value["value"] for metric, value in measured.items()}
    return out


def render(
    results: dict[str, dict[str, dict[str, float]]], members: dict[str, list[str]], rows: dict[str, int], command: str
) -> str:
    runs = [r for r in results if not r.startswith("control")]
    controls = [r for r in results if r.startswith("control")]
    base = results[controls[0]]
    lines = [
        "# Template families: which page templates move which page types",
        "",
        f"Generated by `{command}` (see the script's docstring for the method: the HTML model's two passes refitted, "
        "uncalibrated, on the committed training data less one family of page templates; scored with the shipped "
        "decision rules). *spread*: the largest difference between the control's fits with other seeds and its "
        "first fit, which the ablations pair with; a difference inside it tells nothing.",
        "",
        "| family | templates | rows left out |",
        "|---|---|---:|",
    ]
    for fam, names in members.items():
        lines.append(f"| `{fam}` | {', '.join(f'`{n}`' for n in names)} | {rows[fam]:,} |")
    header = ["set", "metric", f"{controls[0]}", "spread", *(f"`{r}` − control" for r in runs)]
    lines += ["", "| " + " | ".join(header) + " |", "|---|---|" + "---:|" * (len(header) - 2)]
    for name, metrics in base.items():
        for metric, value in metrics.items():
            spread = max((abs(results[c][name][metric] - value) for c in controls[1:]), default=0.0)
            cells = [f"{results[r][name][metric] - value:+.4f}" for r in runs]
            lines.append(f"| `{name}` | {metric} | {value:.4f} | {spread:.4f} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / "training_data")
    ap.add_argument("--families", nargs="*", default=list(FAMILIES), choices=list(FAMILIES), help="none: controls only")
    ap.add_argument(
        "--each", nargs="*", default=[], choices=list(FAMILIES), help="also leave out each template of these"
    )
    ap.add_argument("--datasets", nargs="+", default=list(DATASETS))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1], help="the control's seeds; the first pairs")
    ap.add_argument("--no-docs", action="store_true", help="print the table instead of writing docs/")
    ap.add_argument(
        "--out", type=Path, default=OUT, help="the markdown file to write (default: docs/FAMILY_ABLATION.md)"
    )
    ap.add_argument("--json", type=Path, default=None, help="also write every run's figures here")
    args = ap.parse_args(argv)
    from threadpoolctl import threadpool_limits

    start = time.perf_counter()

    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - start:6.0f} s] {msg}", file=sys.stderr, flush=True)

    X, y, groups = training_rows(args.data, args.seeds[0])
    family = family_of(groups)
    members = {f: sorted({str(g) for g in np.unique(groups[family == f])}) for f in args.families}
    rows = {f: int((family == f).sum()) for f in args.families}
    say(f"{X.shape[0]:,} HTML-model rows; dev sets next")
    with threadpool_limits(1):
        sets = prepared_sets(args.datasets)
    results: dict[str, dict[str, dict[str, float]]] = {}
    runs = [(f"control (seed {s})", np.ones(len(y), dtype=bool), s) for s in args.seeds]
    runs += [(f"no-{f}", family != f, args.seeds[0]) for f in args.families]
    for f in args.each:  # one run per template of the family
        for name in sorted({str(g) for g in np.unique(groups[family == f])}):
            runs.append((f"no-{name}", groups != name, args.seeds[0]))
            members[name] = [name]
            rows[name] = int((groups == name).sum())
    for name, keep, seed in runs:
        model = fit(X, y, groups, keep, seed)
        with threadpool_limits(1):
            results[name] = measure(model, sets)
        headline = {k: v.get("word_f1", v.get("f1", v.get("f1.promo", 0.0))) for k, v in results[name].items()}
        say(f"{name}: " + ", ".join(f"{k} {v:.4f}" for k, v in headline.items()))
    command = " ".join(["python scripts/family_ablation.py", *(sys.argv[1:] if argv is None else argv)])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    md = render(results, members, rows, command)
    if args.no_docs:
        print(md)
    else:
        args.out.write_text(md, encoding="utf-8")
        say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
