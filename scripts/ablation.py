#!/usr/bin/env python3
"""Ablations: what one signal or one group of authored parts is worth to the shipped model.

    python scripts/ablation.py                          # control + every ablation, writes docs/ABLATIONS.md
    python scripts/ablation.py --jobs 2 --work /tmp/abl # two retrains at a time (about 12 minutes each, one core)
    python scripts/ablation.py --only no-cmp-rules      # one ablation (and the control)

Ablations: the consent-platform rules and the issue-13 snippets (issue 13); JSON-LD evidence, body microdata and
the issue-12 page templates (issue 12). WCXB's figures come per page type too (``word_f1.<type>``).

Each run composes the training data at ``--seed`` from ``training_data/parts`` (``scripts/synth``), less the parts
the ablation leaves out; trains a model on it (``cleaner.learning.training.train``, the code of ``scripts/train.py``)
with the ablation's signal switched off; and measures it on every full quality-gate set
(``cleaner.learning.gate.measure``, the figures of ``scripts/gate.py --sample full``) with the signal still off.
The *control* switches nothing off: at the shipped draw it is the shipped model (retraining that draw reproduces it
bit for bit; ``--retrain-control`` retrains it), so each difference in the table is the ablation's own and not
another data draw's. Each run is a process of its own (a switched-off
signal never leaks into another run). The control's figures carry the gate's bootstrap standard deviation over the
set's pages: a difference well inside it is what a few pages flipping gives.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from synth import PARTS  # noqa: E402
from synth.build import SHIPPED_PAGES_PER_TEMPLATE, SHIPPED_SEED, SHIPPED_TEXTS, generate  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchmarks"


def _no_consent_platform_rules() -> None:
    import cleaner.core.segment as segment

    segment.consent_platform_tokens = lambda: frozenset()  # type: ignore[assignment]


def _no_json_ld() -> None:
    import cleaner.core.segment as segment

    segment.page_json_ld_text = lambda root: ""  # type: ignore[assignment]


def _no_body_microdata() -> None:
    import cleaner.core.segment as segment

    segment.BODY_ITEMPROPS = frozenset()  # type: ignore[misc]


@dataclass(frozen=True)
class Ablation:
    name: str
    about: str
    leave_out: tuple[str, ...] = ()  # globs under training_data/parts of the files left out
    switch_off: Callable[[], None] | None = None  # called in the run's process before training and measuring


ABLATIONS = {
    a.name: a
    for a in (
        Ablation(
            "control",
            "nothing switched off: the shipped seed's data and code (at the shipped draw, the shipped model itself,"
            " which retraining that draw reproduces bit for bit; `--retrain-control` retrains it)",
        ),
        Ablation(
            "no-cmp-rules",
            "no consent-platform rules: DuckDuckGo autoconsent's class/id names give no `landmark:cmp` (training "
            "and measuring)",
            switch_off=_no_consent_platform_rules,
        ),
        Ablation(
            "no-i13-parts",
            "no issue-13 corpus parts: the snippets named `*-i13.*` (ad slots, account menus, newsletter opt-ins, "
            "privacy links, sign-up terms, ad-info dialogs) left out of the composed pages and text documents",
            leave_out=("snippets/*/*-i13.*.html",),
        ),
        Ablation(
            "no-json-ld",
            "no JSON-LD evidence (issue 12): the page's own JSON-LD body text is never read, so no block is "
            "`in_json_ld` (training and measuring)",
            switch_off=_no_json_ld,
        ),
        Ablation(
            "no-body-microdata",
            "no body microdata (issue 12): `itemprop=articleBody/text/reviewBody/description/acceptedAnswer…` "
            "gives no `landmark:body_prop` (training and measuring)",
            switch_off=_no_body_microdata,
        ),
        Ablation(
            "no-i12-templates",
            "no issue-12 page templates: the 64 templates named `c-*`/`d-*` (products, services, collections, "
            "listings, forums, docs and modern news stacks) left out of the composed pages",
            leave_out=("templates/c-*.html", "templates/d-*.html"),
        ),
    )
}
SHIPPED_DRAW = (SHIPPED_SEED, SHIPPED_PAGES_PER_TEMPLATE, SHIPPED_TEXTS)  # the shipped model's training data


def run_one(
    name: str, work: Path, seed: int, pages: int, texts: int, workers: int, retrain_control: bool = False
) -> None:
    """Compose, train and measure one ablation in this process; the measurement goes to ``work/name.json``."""
    from cleaner.learning import gate, training
    from cleaner.model.store import default_model_dir, read_manifest

    ablation = ABLATIONS[name]
    if name == "control" and (seed, pages, texts) == SHIPPED_DRAW and not retrain_control:
        # Training is deterministic: the shipped draw retrained is the shipped model, bit for bit (sha256 checked
        # in session 15; ``--retrain-control`` does it again), so the control measures the installed model.
        model, left_out = default_model_dir(), []
        version = read_manifest(model)["version"]
    else:
        base = work / name
        if base.exists():
            shutil.rmtree(base)
        parts = base / "parts"
        shutil.copytree(PARTS, parts)
        left_out = [p for pattern in ablation.leave_out for p in parts.glob(pattern)]
        for path in left_out:
            path.unlink()
        print(f"[{name}] {len(left_out)} part files left out; composing at seed {seed}", flush=True)
        print(f"[{name}] {generate(seed, pages, texts, base / 'data', parts=parts)}", flush=True)
        if ablation.switch_off is not None:
            ablation.switch_off()
        model = base / "model"
        version = training.train([base / "data"], model, seed=0, progress=lambda m: print(f"[{name}] {m}"))["version"]
    measured = gate.measure(BENCH, "full", model=model, workers=workers, progress=print)
    out = {"name": name, "left_out": len(left_out), "model_version": version, "measured": measured}
    (work / f"{name}.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


def table(results: dict[str, dict]) -> list[str]:
    """Markdown rows: each gate figure for the control and each ablation's difference from it."""
    control = results["control"]["measured"]["datasets"]
    names = [n for n in results if n != "control"]
    lines = [
        "| set | metric | control (± bootstrap sd) | " + " | ".join(f"`{n}` − control" for n in names) + " |",
        "|---|---|---:|" + "---:|" * len(names),
    ]
    for dataset, entry in control.items():
        for metric, value in entry.get("metrics", {}).items():
            cells = []
            for n in names:
                other = results[n]["measured"]["datasets"].get(dataset, {}).get("metrics", {}).get(metric)
                cells.append("—" if other is None else f"{other['value'] - value['value']:+.4f}")
            lines.append(
                f"| `{dataset}` | {metric} | {value['value']:.4f} (± {value['sd']:.4f}) | " + " | ".join(cells) + " |"
            )
    return lines


def write_doc(results: dict[str, dict], out: Path, seed: int, pages: int, texts: int) -> None:
    lines = [
        "# Ablations",
        "",
        f"Generated by `python scripts/ablation.py` (seed {seed}, {pages} pages per template, {texts} text documents;"
        " see the script's docstring for what a run does). Models:",
        "",
    ]
    for name, res in results.items():
        extra = f"; {res['left_out']} part files left out" if res["left_out"] else ""
        lines.append(f"- `{name}`: {ABLATIONS[name].about} (`{res['model_version']}`{extra})")
    lines += [
        "",
        "A switched-off signal keeps the control's training data exactly; leaving parts out also changes which other"
        " snippets the generator's draws pick (they index the same lists), so those differences carry some data-draw"
        " noise as well.",
        "",
        *table(results),
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", choices=[n for n in ABLATIONS if n != "control"], help="these ablations")
    ap.add_argument("--work", type=Path, default=ROOT / "models" / ".ablations")
    ap.add_argument("--seed", type=int, default=SHIPPED_SEED, help="data draw (default: the shipped one)")
    ap.add_argument("--pages", type=int, default=SHIPPED_PAGES_PER_TEMPLATE)
    ap.add_argument("--texts", type=int, default=SHIPPED_TEXTS)
    ap.add_argument("--jobs", type=int, default=1, help="runs at a time (each uses one core)")
    ap.add_argument("--workers", type=int, default=1, help="cleaning processes per measurement")
    ap.add_argument("--reuse", action="store_true", help="keep runs whose measurement is already in --work")
    ap.add_argument(
        "--retrain-control",
        action="store_true",
        help="retrain the control even at the shipped draw (default: measure the shipped model)",
    )
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "ABLATIONS.md")
    ap.add_argument("--run", help=argparse.SUPPRESS)  # internal: one run, in this process
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.run:
        run_one(args.run, args.work, args.seed, args.pages, args.texts, args.workers, args.retrain_control)
        return
    names = ["control", *(args.only or [n for n in ABLATIONS if n != "control"])]

    def launch(name: str) -> None:
        if args.reuse and (args.work / f"{name}.json").is_file():
            return
        cmd = [sys.executable, __file__, "--run", name, "--work", str(args.work), "--seed", str(args.seed)]
        cmd += ["--pages", str(args.pages), "--texts", str(args.texts), "--workers", str(args.workers)]
        cmd += ["--retrain-control"] if args.retrain_control else []
        subprocess.run(cmd, check=True)

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        list(pool.map(launch, names))
    results = {n: json.loads((args.work / f"{n}.json").read_text(encoding="utf-8")) for n in names}
    write_doc(results, args.out, args.seed, args.pages, args.texts)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
