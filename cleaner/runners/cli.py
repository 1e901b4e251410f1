"""The ``cleaner`` command line: a thin typer layer over the library."""

from __future__ import annotations

import gzip
import json
import math
import os
import re
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
from cleaner.core.types import Label, Result
from cleaner.model.store import TRUST_ENV
from cleaner.runners.report import visible_controls

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
        args = _debug_first(sys.argv[1:] if args is None else list(args))
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


GLOBAL_FLAGS = ("--debug", "--trust-model")


def _debug_first(args: list[str]) -> list[str]:
    """``--debug`` and ``--trust-model`` anywhere before a ``--`` are top-level options: ``cleaner clean x --debug``
    works too."""
    end = args.index("--") if "--" in args else len(args)
    found = [flag for flag in GLOBAL_FLAGS if flag in args[:end]]
    if not found:
        return args
    return [*found, *(a for i, a in enumerate(args) if not (i < end and a in GLOBAL_FLAGS))]


# Plain click help (rich_markup_mode=None): typer's rich help shows every flag as "--resume <bool>".
app = typer.Typer(
    cls=_OneLineErrors,
    help="Find a page's editorial text and flag polls, consent, promo and boilerplate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
data_app = typer.Typer(help="Work with labelled training data.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(data_app, name="data")

# Defaults that live in a checkout of the repository resolve against the working directory, never site-packages.
DEFAULT_DATA = Path("training_data")
DEFAULT_GOLD_DIR = Path("..") / "shared" / "benchmarks"
GOLD_SETS = ("typed-dev", "typed-modern-dev", "injected-dev", "injected-modern-dev")
CHECKOUT_MODELS = Path("cleaner") / "model" / "shipped"  # where --install puts a model, from the repository root
_debug = False


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors (before or after the command)."),
    trust_model: bool = typer.Option(
        False,
        "--trust-model",
        help=f"Load a --model directory that did not ship with cleaner (its pickle runs its author's code; "
        f"same as {TRUST_ENV}=1).",
    ),
) -> None:
    global _debug
    _debug = debug
    if trust_model:  # worker processes inherit the environment
        os.environ[TRUST_ENV] = "1"


def _fail(exc: BaseException) -> None:
    if _debug:
        raise exc
    typer.echo(f"error: {visible_controls(str(exc))}", err=True)
    raise typer.Exit(2)


FORMATS = ("text", "json", "markdown")
DEFAULT_TIME_LIMIT = 60.0  # seconds, as in batch
_TIME_LIMIT_HELP = "Seconds one document may take before it is given up (0: no limit)."


def _seconds(value: float) -> float:
    """A ``--time-limit``: a positive, finite number of seconds, or 0 for none."""
    if not math.isfinite(value) or value < 0:
        raise typer.BadParameter(f"give a positive number of seconds, or 0 for no limit (not {value:g})")
    return value


def _time_limit_option(default: float, help: str) -> Any:
    return typer.Option(default, "--time-limit", help=help, callback=_seconds)


def _rules_option() -> Any:
    return typer.Option(
        None,
        "--rules",
        help="TOML file of [[rule]] tables: a CSS selector and/or a regex pattern, and a label to force or labels "
        'to forbid, applied after the model (README, "Rules").',
    )


def _captions_option() -> Any:
    return typer.Option(
        False,
        "--captions/--no-captions",
        help="Keep image captions (<figcaption>, or named so by class) in the clean text; they are content segments "
        "either way.",
    )


@app.command()
def clean(
    file: str = typer.Argument("-", help="HTML or text file (.gz too), '-' for stdin."),
    kind: str = typer.Option("auto", help="auto (from the file name, else sniffed), html or text."),
    format: str = typer.Option("text", "--format", "-f", help="text, json or markdown."),
    model: Path | None = typer.Option(None, help="Model directory (default: the shipped model)."),
    show_flagged: bool = typer.Option(
        False, "--show-flagged", help="Append flagged segments with label and confidence."
    ),
    time_limit: float = _time_limit_option(DEFAULT_TIME_LIMIT, _TIME_LIMIT_HELP),
    rules: Path | None = _rules_option(),
    captions: bool = _captions_option(),
) -> None:
    """Clean one document and print its editorial text.

    Warnings (such as a page cut at max_blocks) go to stderr. On a terminal, control characters of the page's
    text are shown as escapes (\\x1b), never sent raw.

    Example: cleaner clean page.html --format json
    """
    from cleaner.runners.report import to_markdown

    try:
        if format not in FORMATS:
            raise ValueError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
        result = _clean_one(file, kind, model, time_limit, rules, captions)
    except (CleanerError, OSError, ValueError) as exc:
        _fail(exc)
        return
    if format == "json":
        typer.echo(_json_text(result.to_dict()))
        return
    shown = sys.stdout.isatty()
    typer.echo(_for_terminal(to_markdown(result, captions) if format == "markdown" else result.text, shown))
    if show_flagged:
        typer.echo("\n--- flagged ---")
        for s in result.flagged:
            line = f"[{s.label.value} {s.confidence:.2f}] {s.text[:100]}  ({', '.join(s.cues)})"
            typer.echo(_for_terminal(line, shown))


def _clean_one(
    file: str, kind: str, model: Path | None, time_limit: float, rules: Path | None = None, captions: bool = False
) -> Result:
    """Read ``file`` (bounded by ``max_input_bytes``), clean it within ``time_limit`` and say its warnings on stderr."""
    from cleaner import Cleaner, CleanerConfig
    from cleaner.runners.stream import deadline

    config = CleanerConfig(kind=kind, captions=captions)
    cleaner = Cleaner(model, config=config, rules=rules)  # the rules are checked before the input is read
    data = _read_input(file, config.max_input_bytes)
    hint = None
    if kind == "auto" and file != "-":
        from cleaner.runners.sources import container

        hint = (container(Path(file)) or ("doc", None))[1]  # page.html is HTML even when empty, as in batch
    with deadline(time_limit or None):
        result = cleaner.clean(data, kind=hint)
    for warning in result.warnings:
        typer.echo(f"warning: {visible_controls(warning)}", err=True)
    return result


def _read_input(file: str, limit: int) -> bytes:
    """At most ``limit`` bytes of ``file`` (``-``: stdin; ``.gz``: decompressed), else an ``InputError``."""
    from cleaner.core.errors import InputError

    if file == "-":
        if sys.stdin.isatty():
            typer.echo("reading the document from stdin (end it with Ctrl-D; or give a file)", err=True)
        data = sys.stdin.buffer.read(limit + 1)
    elif file.lower().endswith(".gz"):
        with gzip.open(file, "rb") as fh:
            data = fh.read(limit + 1)
    else:
        with open(file, "rb") as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        name = "stdin" if file == "-" else file
        raise InputError(f"{name}: more than max_input_bytes={limit:,} bytes")
    return data


def _for_terminal(text: str, terminal: bool) -> str:
    """Page text as it may go to a terminal: control characters shown, not sent (a pipe gets the text as it is)."""
    return visible_controls(text) if terminal else text


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f]")


def _json_text(value: Any) -> str:
    """JSON with DEL and C1 controls escaped too (json escapes C0 already): safe on a terminal, same value."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, indent=1))


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
    time_limit: float = _time_limit_option(
        60.0, "Seconds one document may take before it becomes an error record (0: no limit)."
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
    rules: Path | None = _rules_option(),
    captions: bool = _captions_option(),
) -> None:
    """Clean many documents into a JSONL file, in parallel, resumably.

    Exit status 1 when some documents failed: their records carry an "error" field instead of a result.

    Example: cleaner batch crawl/ dumps/*.warc.gz --out clean.jsonl --workers 4 --resume
    """
    from concurrent.futures.process import BrokenProcessPool

    from cleaner.core.config import CleanerConfig
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
        from cleaner.api import load_rules

        ruleset = load_rules(rules)  # checked before anything is opened
        files = sources.expand_inputs(inputs, exclude=[out])
        if not files:
            raise CleanerError("no input documents: give files, folders or globs of .html/.txt/.warc/.jsonl")
        output = sink.open_sink(  # locked against other runs; on --resume, checked against the inputs it came from
            out,
            resume=resume,
            drop_failed=retry_failed,
            fsync=fsync,
            inputs=sources.fingerprint(files),
            options={"field": field, "format": output_format, **({"captions": True} if captions else {})},
        )
        skip = output.done
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
                output,
                workers=n_workers,
                model=None if model is None else str(model),
                config=CleanerConfig(captions=captions),
                rules=ruleset,
                resume=resume,
                skip=skip,
                fsync=fsync,
                on_done=on_done,
                summary=summary,
                seconds=time_limit or None,
                output="compact" if output_format == "compact" else "full",
                chunk_size=chunk_size,
            )
    except KeyboardInterrupt as exc:  # stream.Interrupted carries SIGINT or SIGTERM: exit 130 or 143
        typer.echo(f"interrupted after {summary.written} documents; run again with --resume to continue", err=True)
        raise typer.Exit(128 + getattr(exc, "signum", 2)) from None
    except BrokenProcessPool as exc:
        if _debug:
            raise
        typer.echo(f"error: a worker process died ({exc}); run again with --resume to continue", err=True)
        raise typer.Exit(1) from None
    except (CleanerError, OSError) as exc:
        _fail(exc)
    typer.echo(b.format_summary(summary, out), err=str(out) == "-")  # -o -: stdout holds the records
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
                total = max(0, sources.count_documents(files) - len(skip))  # streams; holds no document
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
    file: str = typer.Argument(..., help="HTML or text file (.gz too), '-' for stdin."),
    kind: str = typer.Option("auto", help="auto (from the file name, else sniffed), html or text."),
    html: Path | None = typer.Option(
        None,
        "--html",
        help="Also write a self-contained HTML report to this file: each flagged block with its cues in words, "
        "a filter per label and a one-line summary.",
    ),
    model: Path | None = typer.Option(None, help="Model directory (default: the shipped model)."),
    time_limit: float = _time_limit_option(DEFAULT_TIME_LIMIT, _TIME_LIMIT_HELP),
    rules: Path | None = _rules_option(),
) -> None:
    """Show every block with its label, confidence and cues, coloured by label.

    Example: cleaner explain page.html --html report.html
    """
    from rich.console import Console

    from cleaner.runners.report import explain_table, html_report, label_counts

    try:
        result = _clean_one(file, kind, model, time_limit, rules)
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
