"""The ``cleaner`` command line: a thin typer layer over the library."""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from cleaner.core.errors import CleanerError
from cleaner.core.types import Label

try:  # typer >= 0.2x vendors click: its usage errors derive from TyperException
    from typer import TyperException as _UsageError
except ImportError:  # pragma: no cover - older typer raises click's own
    from click import ClickException as _UsageError  # type: ignore[assignment]


class _OneLineErrors(TyperGroup):
    """Usage errors as one line on stderr and exit status 2, like the commands' own errors."""

    def main(  # type: ignore[override]  # typer adds windows_expand_args; it passes through **extra
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # the help is the message (rich has printed it already)
                if exc.format_message().strip():
                    typer.echo(exc.format_message(), err=True)
            else:
                ctx = getattr(exc, "ctx", None)
                hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
                typer.echo(f"error: {exc.format_message()}{hint}", err=True)
            sys.exit(getattr(exc, "exit_code", 2))
        except typer.Abort:
            typer.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_OneLineErrors,
    help="Find a page's editorial text and flag polls, consent, promo and boilerplate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
data_app = typer.Typer(help="Work with labelled training data.", no_args_is_help=True)
app.add_typer(data_app, name="data")

# Defaults that live in a checkout of the repository resolve against the working directory, never site-packages.
DEFAULT_DATA = Path("training_data")
DEFAULT_GOLD_DIR = Path("..") / "shared" / "benchmarks"
GOLD_SETS = ("typed-dev", "typed-modern-dev", "injected-dev", "injected-modern-dev")
CHECKOUT_MODELS = Path("cleaner") / "model" / "shipped"  # where --install puts a model, from the repository root
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


FORMATS = ("text", "json", "markdown")


@app.command()
def clean(
    file: str = typer.Argument("-", help="HTML or text file, '-' for stdin."),
    kind: str = typer.Option("auto", help="auto, html or text."),
    format: str = typer.Option("text", "--format", "-f", help="text, json or markdown."),
    model: Path | None = typer.Option(None, help="Model directory (default: the shipped model)."),
    show_flagged: bool = typer.Option(
        False, "--show-flagged", help="Append flagged segments with label and confidence."
    ),
) -> None:
    """Clean one document and print its editorial text.

    Example: cleaner clean page.html --format json
    """
    from cleaner import Cleaner, CleanerConfig
    from cleaner.runners.report import to_markdown

    try:
        if format not in FORMATS:
            raise ValueError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
        data = _read_input(file)
        result = Cleaner(model, config=CleanerConfig(kind=kind)).clean(data)
    except (CleanerError, OSError, ValueError) as exc:
        _fail(exc)
        return
    if format == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    typer.echo(to_markdown(result) if format == "markdown" else result.text)
    if show_flagged:
        typer.echo("\n--- flagged ---")
        for s in result.flagged:
            typer.echo(f"[{s.label.value} {s.confidence:.2f}] {s.text[:100]}  ({', '.join(s.cues)})")


def _read_input(file: str) -> bytes:
    return sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()


@app.command()
def batch(
    inputs: list[str] = typer.Argument(
        ..., help="Files, folders (recursive) or globs: .html/.htm/.txt, .gz, .warc(.gz), .jsonl(.gz)."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Output JSONL: one record per document, in input order."),
    field: str = typer.Option("auto", help="JSONL field holding the document: html, text, or auto (html, else text)."),
    workers: int | None = typer.Option(None, "--workers", "-w", help="Worker processes (default: one per core)."),
    resume: bool = typer.Option(False, "--resume", help="Skip documents already in OUT and append the rest."),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="With --resume: remove OUT's error records and try those documents again."
    ),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing OUT."),
    fsync: bool = typer.Option(False, "--fsync", help="fsync OUT after every record (survives power loss)."),
    time_limit: float = typer.Option(
        60.0, "--time-limit", help="Seconds one document may take before it becomes an error record (0: none)."
    ),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Live progress bar (default: when stderr is a terminal)."
    ),
    output_format: str = typer.Option(
        "full",
        "--format",
        help="full: every segment with its text and cues; compact: clean text, flagged spans "
        "[start, end, label, confidence] and the share of text flagged per label.",
    ),
    chunk_size: int = typer.Option(4, "--chunk-size", help="Documents sent to a worker at a time."),
    model: Path | None = typer.Option(None, help="Model directory (default: the shipped model)."),
) -> None:
    """Clean many documents into a JSONL file, in parallel, resumably.

    Exit status 1 when some documents failed: their records carry an "error" field instead of a result.

    Example: cleaner batch crawl/ dumps/*.warc.gz --out clean.jsonl --workers 4 --resume
    """
    from concurrent.futures.process import BrokenProcessPool

    from cleaner.runners import batch as b
    from cleaner.runners import sink, sources

    try:
        if workers is not None and workers < 1:
            raise ValueError("--workers must be at least 1")
        if chunk_size < 1:
            raise ValueError("--chunk-size must be at least 1")
        if output_format not in ("full", "compact"):
            raise ValueError(f"--format must be full or compact, not {output_format!r}")
        if out.exists() and out.stat().st_size > 0 and not (resume or overwrite):
            raise CleanerError(f"{out} exists: add --resume to continue it or --overwrite to replace it")
        if out.is_dir():
            raise CleanerError(f"{out} is a folder, not a file")
        if retry_failed and not resume:
            raise CleanerError("--retry-failed goes with --resume")
        files = sources.expand_inputs(inputs, exclude=[out])
        if not files:
            raise CleanerError("no input documents: give files, folders or globs of .html/.txt/.warc/.jsonl")
        skip = sink.done_ids(out, drop_failed=retry_failed) if resume else set()
    except (CleanerError, OSError, ValueError) as exc:
        _fail(exc)
        return
    n_workers = workers or _cores()
    documents = sources.iter_sources(files, field)
    summary = b.Summary()
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with _batch_progress(show, files, field, skip) as on_done:
            b.run_batch(
                documents,
                out,
                workers=n_workers,
                model=None if model is None else str(model),
                resume=resume,
                skip=skip,
                fsync=fsync,
                on_done=on_done,
                summary=summary,
                seconds=time_limit or None,
                output="compact" if output_format == "compact" else "full",
                chunk_size=chunk_size,
            )
    except KeyboardInterrupt:
        typer.echo(f"interrupted after {summary.written} documents; run again with --resume to continue", err=True)
        raise typer.Exit(130) from None
    except BrokenProcessPool as exc:
        if _debug:
            raise
        typer.echo(f"error: a worker process died ({exc}); run again with --resume to continue", err=True)
        raise typer.Exit(1) from None
    except (CleanerError, OSError) as exc:
        _fail(exc)
    typer.echo(b.format_summary(summary, out))
    raise typer.Exit(1 if summary.failed else 0)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def _batch_progress(show: bool, files: list[Path], field: str, skip: set[str]) -> Iterator[Callable[[Any], None]]:
    """A rich progress bar on stderr (documents/s, ETA, failures); the total is counted in a thread."""
    if not show:
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from cleaner.runners import batch as b
    from cleaner.runners import sources

    columns = (
        TextColumn("cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("[red]failed {task.fields[failed]}"),
    )
    with Progress(*columns, console=Console(stderr=True), redirect_stdout=False, redirect_stderr=False) as bar:
        task = bar.add_task("cleaning", total=None, failed=0, rate="-")
        failed = 0

        def count() -> None:
            try:
                total = sum(s.id not in skip for s in sources.iter_sources(files, field))
            except Exception:  # the run reports unreadable inputs itself
                return
            bar.update(task, total=total)

        threading.Thread(target=count, daemon=True).start()

        def on_done(done: b.Done) -> None:
            nonlocal failed
            failed += done.error is not None
            bar.advance(task)
            speed = bar.tasks[0].speed
            bar.update(task, failed=failed, rate=f"{speed:.1f}" if speed else "-")

        yield on_done


@app.command()
def explain(
    file: str = typer.Argument(..., help="HTML or text file, '-' for stdin."),
    kind: str = typer.Option("auto", help="auto, html or text."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML report to this file."),
    model: Path | None = typer.Option(None, help="Model directory (default: the shipped model)."),
) -> None:
    """Show every block with its label, confidence and cues, coloured by label.

    Example: cleaner explain page.html --html report.html
    """
    from rich.console import Console

    from cleaner import Cleaner, CleanerConfig
    from cleaner.runners.report import explain_table, html_report, label_counts

    try:
        result = Cleaner(model, config=CleanerConfig(kind=kind)).clean(_read_input(file))
        if html is not None:
            html.write_text(html_report(result, "stdin" if file == "-" else file), encoding="utf-8")
    except (CleanerError, OSError, ValueError) as exc:
        _fail(exc)
        return
    console = Console()
    console.print(explain_table(result, title=f"{file} ({result.kind}, model {result.model_version})"))
    counts = label_counts(result)
    typer.echo(", ".join(f"{label.value} {counts.get(label, 0)}" for label in Label))
    if html is not None:
        typer.echo(f"report written to {html}")


@app.command()
def train(
    data: list[Path] = typer.Argument(None, help="Data folders or files (default: ./training_data)."),
    out: Path | None = typer.Option(None, help="Output folder (default: a new folder under ./models)."),
    install: bool = typer.Option(
        False, "--install", help="Make the new model the default of this checkout (cleaner/model/shipped/CURRENT)."
    ),
    seed: int = typer.Option(0, help="Random seed: same data and seed give the same model."),
    name: str = typer.Option("cleaner", help="Model name prefix."),
    gold_dir: Path = typer.Option(DEFAULT_GOLD_DIR, help="Folder of the typed gold sets reported beside held-out."),
    gold: bool = typer.Option(True, help="Report on the typed gold sets when they are there."),
) -> None:
    """Train a model from labelled data and print its report.

    Example: cleaner train training_data/ my_pages/ --out models/mine
    """
    from cleaner.learning import training
    from cleaner.learning.evaluate import format_report
    from cleaner.model.store import CURRENT_FILE

    paths = list(data) if data else [DEFAULT_DATA]
    if install and not CHECKOUT_MODELS.is_dir():
        _fail(
            CleanerError(
                f"--install makes the model the default of a checkout, and {CHECKOUT_MODELS} is not here: run it "
                "from the repository root. An installed package is never modified: train with --out DIR and use "
                "Cleaner(model=DIR) or --model DIR"
            )
        )
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(CleanerError(f"no such file or folder: {', '.join(missing)}"))
    root = CHECKOUT_MODELS if install else Path("models")
    staging = out or root / ".training"
    if out is not None and out.exists() and any(out.iterdir()):
        _fail(CleanerError(f"{out} exists and is not empty; choose a new folder"))
    gold_files = [gold_dir / f"{name_}.jsonl.gz" for name_ in GOLD_SETS] if gold else []
    if gold and not any(f.is_file() for f in gold_files):
        typer.echo(f"no typed gold sets in {gold_dir}: only held-out figures (see --gold-dir)", err=True)
    try:
        manifest = training.train(
            paths, staging, seed=seed, name=name, gold_files=gold_files, progress=training.main_progress
        )
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
    for key in GOLD_SETS:
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
    model: Path | None = typer.Option(None, help="Model directory (default: the shipped model)."),
) -> None:
    """Report per-label precision/recall/F1 and a confusion matrix on labelled data.

    Example: cleaner evaluate --data ../shared/benchmarks/typed-dev.jsonl.gz
    """
    from cleaner.learning import corpus, training
    from cleaner.learning.evaluate import format_report
    from cleaner.model.store import load_model

    try:
        loaded = load_model(model).estimator
        for path in data:
            if path.name.endswith(".jsonl.gz") and path.is_file():
                report = training.evaluate_typed(model, path)
                typer.echo(format_report(report, f"{path} (tokens aligned as in score.py):"))
            else:
                prepared = training.prepare(list(corpus.load([path])))
                typer.echo(
                    format_report(
                        training.evaluate_blocks(loaded, prepared, range(len(prepared.docs))), f"{path} (blocks):"
                    )
                )
    except CleanerError as exc:
        _fail(exc)


@app.command()
def info(model: Path | None = typer.Option(None, help="Model directory (default: the shipped model).")) -> None:
    """Show the model's version, labels, training-data digest and metrics.

    Example: cleaner info
    """
    from cleaner.model.store import load_model

    try:
        manifest = load_model(model).manifest
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
def data_check(
    paths: list[Path] = typer.Argument(None, help="Data folders or files (default: training_data/)."),
) -> None:
    """Report unknown labels, unlabelled regions, duplicates and bad encodings.

    Example: cleaner data check training_data/
    """
    from cleaner.learning.datacheck import check

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


if __name__ == "__main__":  # pragma: no cover
    main()
