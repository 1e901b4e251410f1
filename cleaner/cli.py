"""The ``cleaner`` command line: a thin typer layer over the library."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import CleanerError

app = typer.Typer(help="Find a page's editorial text and flag polls, consent, promo and boilerplate.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
data_app = typer.Typer(help="Work with labelled training data.", no_args_is_help=True)
app.add_typer(data_app, name="data")

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT / "training_data"
SHARED_GOLD = (REPO_ROOT.parent / "shared" / "benchmarks" / "typed-dev.jsonl.gz",
               REPO_ROOT.parent / "shared" / "benchmarks" / "injected-dev.jsonl.gz")
_debug = False


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")) -> None:
    global _debug
    _debug = debug


def _fail(exc: BaseException) -> None:
    if _debug:
        raise exc
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


@app.command()
def clean(
    file: str = typer.Argument("-", help="HTML or text file, '-' for stdin."),
    kind: str = typer.Option("auto", help="auto, html or text."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    model: Optional[Path] = typer.Option(None, help="Model directory (default: the shipped model)."),
    show_flagged: bool = typer.Option(False, "--show-flagged", help="Append flagged segments with label and confidence."),
) -> None:
    """Clean one document and print its editorial text.

    Example: cleaner clean page.html --format json
    """
    from . import Cleaner, CleanerConfig
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        result = Cleaner(model, config=CleanerConfig(kind=kind)).clean(data)
    except (CleanerError, OSError, ValueError) as exc:
        _fail(exc)
        return
    if format == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    typer.echo(result.text)
    if show_flagged:
        typer.echo("\n--- flagged ---")
        for s in result.flagged:
            typer.echo(f"[{s.label.value} {s.confidence:.2f}] {s.text[:100]}  ({', '.join(s.cues)})")


@app.command()
def train(
    data: list[Path] = typer.Argument(None, help="Data folders or files (default: training_data/)."),
    out: Optional[Path] = typer.Option(None, help="Output folder (default: a new folder under models/)."),
    install: bool = typer.Option(False, "--install", help="Make the new model the shipped default (models/CURRENT)."),
    seed: int = typer.Option(0, help="Random seed: same data and seed give the same model metrics."),
    name: str = typer.Option("cleaner", help="Model name prefix."),
    gold: bool = typer.Option(True, help="Also report on ../shared/benchmarks typed sets when present."),
) -> None:
    """Train a model from labelled data and print its report.

    Example: cleaner train training_data/ my_pages/ --out models/mine
    """
    from . import training
    from .evaluate import format_report
    from .model import CURRENT_FILE, models_root
    paths = list(data) if data else [DEFAULT_DATA]
    root = models_root() if install else REPO_ROOT / "models"
    staging = out or root / ".training"
    if out is not None and out.exists() and any(out.iterdir()):
        _fail(CleanerError(f"{out} exists and is not empty; choose a new folder"))
    try:
        manifest = training.train(paths, staging, seed=seed, name=name,
                                  gold_files=SHARED_GOLD if gold else (), progress=training.main_progress)
    except CleanerError as exc:
        _fail(exc)
        return
    target = staging
    if out is None:
        target = root / manifest["version"]
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    metrics = manifest["metrics"]
    typer.echo(format_report(metrics["holdout_grouped"], "held-out split, grouped by template/site (blocks):"))
    for key in ("typed-dev", "injected-dev"):
        if key in metrics:
            typer.echo("\n" + format_report(metrics[key], f"{key} (tokens aligned as in score.py):"))
    typer.echo(f"\nmodel written to {target} ({manifest['size_bytes'] / 1e6:.1f} MB)")
    if install:
        current = root / CURRENT_FILE
        previous = current.read_text().strip() if current.exists() else None
        current.write_text(target.name + "\n", encoding="utf-8")
        if previous and previous != target.name and (root / previous).is_dir():
            shutil.rmtree(root / previous)  # git history keeps every shipped model
        typer.echo(f"installed: {current} -> {target.name}")


@app.command()
def evaluate(
    data: list[Path] = typer.Option(..., "--data", help="Labelled folder, JSONL, or a typed gold .jsonl.gz."),
    model: Optional[Path] = typer.Option(None, help="Model directory (default: the shipped model)."),
) -> None:
    """Report per-label precision/recall/F1 and a confusion matrix on labelled data.

    Example: cleaner evaluate --data ../shared/benchmarks/typed-dev.jsonl.gz
    """
    from . import corpus, training
    from .evaluate import format_report
    from .model import load_model
    try:
        loaded, _ = load_model(model)
        for path in data:
            if path.name.endswith(".jsonl.gz") and path.is_file():
                report = training.evaluate_typed(model, path)
                typer.echo(format_report(report, f"{path} (tokens aligned as in score.py):"))
            else:
                prepared = training.prepare(list(corpus.load([path])))
                typer.echo(format_report(training.evaluate_blocks(loaded, prepared), f"{path} (blocks):"))
    except CleanerError as exc:
        _fail(exc)


@app.command()
def info(model: Optional[Path] = typer.Option(None, help="Model directory (default: the shipped model).")) -> None:
    """Show the model's version, labels, training-data digest and metrics.

    Example: cleaner info
    """
    from .model import load_model
    try:
        _, manifest = load_model(model)
    except CleanerError as exc:
        _fail(exc)
        return
    typer.echo(f"version: {manifest.get('version')}")
    typer.echo(f"labels: {', '.join(manifest.get('labels', []))}")
    typer.echo(f"schema: {manifest.get('schema_version')}  sha256: {manifest.get('sha256')}")
    td = manifest.get("training_data", {})
    typer.echo(f"training data: {td.get('documents')} documents, {td.get('blocks')} blocks, digest {td.get('digest')}")
    for key, report in manifest.get("metrics", {}).items():
        f1 = ", ".join(f"{k} {v['f1']:.3f}" for k, v in report["labels"].items())
        typer.echo(f"{key}: F1 {f1}")


@data_app.command("check")
def data_check(paths: list[Path] = typer.Argument(None, help="Data folders or files (default: training_data/).")) -> None:
    """Report unknown labels, unlabelled regions, duplicates and bad encodings.

    Example: cleaner data check training_data/
    """
    from .datacheck import check
    problems = 0
    try:
        for problem in check(list(paths) if paths else [DEFAULT_DATA]):
            typer.echo(str(problem))
            problems += 1
    except CleanerError as exc:
        _fail(exc)
    typer.echo(f"{problems} problem(s)", err=True)
    raise typer.Exit(1 if problems else 0)


def main() -> None:  # pragma: no cover
    app()
