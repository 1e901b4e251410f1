"""Clean many documents: find them in files, folders, globs, gzip, WARC and JSONL; clean them in a process pool.

Every document has a canonical, stable ``id`` (``sources``), so a run can be resumed: the ids already in the output
file are skipped. SIGINT and SIGTERM stop a run within a moment: the finished documents are written, the workers
ended, and ``stream.Interrupted`` raised; a second signal ends the process at once.
"""

from __future__ import annotations

import logging
import os
import resource
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from cleaner.api import Cleaner
from cleaner.core.config import CleanerConfig
from cleaner.core.errors import describe
from cleaner.core.types import Result
from cleaner.runners import stream
from cleaner.runners.sink import Sink, json_line, open_sink
from cleaner.runners.sources import Source

log = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 60.0  # seconds per document; a hang becomes an error record


# --- finding documents -------------------------------------------------------------------------------------------


# --- cleaning one document ---------------------------------------------------------------------------------------


BatchFormat = Literal["full", "compact"]


def clean_source(
    cleaner: Cleaner, source: Source, seconds: float | None = None, output: BatchFormat = "full"
) -> tuple[dict[str, Any], Result | None]:
    """The output record for one document (and its result); a failure (or ``seconds`` passing) becomes
    ``"error": "<Type>: message"``. ``output``: the full ``Result.to_dict()`` or the compact ``to_record()``."""
    return clean_sources(cleaner, [source], seconds, output)[0]


def clean_sources(
    cleaner: Cleaner, sources: list[Source], seconds: float | None = None, output: BatchFormat = "full"
) -> list[tuple[dict[str, Any], Result | None]]:
    """``clean_source`` of each source, with one model call for them all (``stream.attempt_many``; each
    document's output is what it would be on its own, ``seconds`` is each document's)."""
    records: list[dict[str, Any]] = [{"id": source.id, "source": dict(source.meta)} for source in sources]

    def loader(source: Source, record: dict[str, Any]) -> Callable[[], tuple[str | bytes, str | None]]:
        def load() -> tuple[str | bytes, str | None]:
            payload = source.load()
            record["source"].update(payload.meta)
            return payload.data, payload.kind or source.kind_hint

        return load

    loads = [loader(source, record) for source, record in zip(sources, records, strict=True)]
    results = stream.attempt_many(cleaner, loads, seconds, cues=False if output == "compact" else None)
    out: list[tuple[dict[str, Any], Result | None]] = []
    for source, record, result in zip(sources, records, results, strict=True):
        if isinstance(result, Exception):
            log.debug("%s failed: %s", source.id, describe(result))
            record["error"] = describe(result)
            out.append((record, None))
        else:
            record.update(result.to_dict() if output == "full" else result.to_record())
            out.append((record, result))
    return out


@dataclass(frozen=True, slots=True)
class Done:
    """What the main process needs from a worker: the output line and the numbers for the summary."""

    id: str
    line: bytes
    labels: dict[str, int]
    error: str | None
    pid: int
    max_rss_kb: int
    warnings: tuple[str, ...] = ()


def work(cleaner: Cleaner, sources: list[Source], seconds: float | None, output: BatchFormat = "full") -> list[Done]:
    """Clean a chunk of documents (in a worker process) and serialise their records there: a batched
    ``stream.pool_map`` task."""
    cleaned = clean_sources(cleaner, sources, seconds, output)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # the worker's peak so far
    done = []
    for source, (record, result) in zip(sources, cleaned, strict=True):
        labels = Counter(s.label.value for s in result.segments) if result is not None else Counter()
        warned = result.warnings if result is not None else ()
        done.append(Done(source.id, json_line(record), dict(labels), record.get("error"), os.getpid(), rss, warned))
    return done


def work_one(cleaner: Cleaner, source: Source, seconds: float | None, output: BatchFormat = "full") -> Done:
    """``work`` for one document: a per-item ``stream.pool_map`` task."""
    return work(cleaner, [source], seconds, output)[0]


def crashed(source: Source, error: Exception) -> Done:
    """The error record of a document whose worker process died while cleaning it (no worker reports on it)."""
    message = describe(error)
    record = {"id": source.id, "source": dict(source.meta), "error": message}
    return Done(source.id, json_line(record), {}, message, 0, 0)


# --- the output file and the run ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Summary:
    """Counts of one batch run."""

    written: int = 0
    failed: int = 0
    skipped: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    warned: Counter[str] = field(default_factory=Counter)  # documents per kind of warning ("truncated"...)
    warned_documents: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # the first few (id, error)
    worker_rss_kb: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, done: Done) -> None:
        self.written += 1
        self.labels.update(done.labels)
        self.warned.update({w.split(":")[0] for w in done.warnings})
        self.warned_documents += bool(done.warnings)
        if done.pid:  # 0: no worker finished this document
            self.worker_rss_kb[done.pid] = max(done.max_rss_kb, self.worker_rss_kb.get(done.pid, 0))
        if done.error is not None:
            self.failed += 1
            if len(self.failures) < 5:
                self.failures.append((done.id, done.error))


def run_batch(
    sources: Iterable[Source],
    out: Path | str | Sink,
    *,
    workers: int,
    model: str | None = None,
    config: CleanerConfig | None = None,
    rules: Any = None,
    resume: bool = False,
    skip: set[str] | None = None,
    fsync: bool = False,
    on_done: Callable[[Done], None] | None = None,
    summary: Summary | None = None,
    seconds: float | None = DEFAULT_TIME_LIMIT,
    output: BatchFormat = "full",
    chunk_size: int = 4,
    stop: stream.Stop | None = None,
) -> Summary:
    """Clean ``sources`` into ``out`` (JSONL, one record per line, in input order), through ``stream.pool_map``.

    ``out``: a path (``-``: stdout; ``.gz``: gzip) or a ``Sink`` already open (``sink.open_sink``), which this
    closes. With ``resume``, keep the valid records of ``out`` and skip the ids in ``skip`` (default: those). A
    signal (SIGINT, SIGTERM; main thread only) or ``stop`` ends the run early: every finished document is written
    (in input order, with the unfinished ones missing) and ``stream.Interrupted`` is raised.
    """
    seconds = stream.check_time_limit(seconds)
    summary = summary or Summary()
    sink = out if isinstance(out, Sink) else open_sink(out, resume=resume, fsync=fsync)
    if skip is None:
        skip = sink.done
    started = time.perf_counter()

    def todo() -> Iterator[Source]:
        for source in sources:
            if source.id in skip:
                summary.skipped += 1
            else:
                yield source

    stop = stop or stream.Stop()
    try:
        cleaner = Cleaner(model, config=config, rules=rules)  # rules: a rules file or a RuleSet (cleaner.core.rules)
        # Worker processes hand a chunk back whole, so its documents share one model call. Cleaning here (one
        # worker), each record is written as soon as its document is done: a document that blocks (a slow pipe, a
        # hang up to the time limit) does not hold back the ones before it.
        pooled = workers > 1
        done_stream = stream.pool_map(
            partial(work, output=output) if pooled else partial(work_one, output=output),
            todo(),
            cleaner,
            workers=workers,
            chunk_size=chunk_size,
            time_limit=seconds,
            on_crash=crashed,
            stop=stop,
            batched=pooled,
        )
        with _stop_on_signals(stop), _one_thread_here(workers):
            for done in done_stream:
                sink.write(done.line)
                summary.add(done)
                if on_done is not None:
                    on_done(done)
    finally:
        summary.seconds = time.perf_counter() - started
        sink.close()
    return summary


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _stop_on_signals(stop: stream.Stop) -> Iterator[None]:
    """SIGINT/SIGTERM request ``stop`` (the run ends within a moment, its finished documents written); a second one
    kills the workers and ends the process at once (its output is whole up to the last flushed line)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_signal(signum: int, frame: object) -> None:
        if stop.requested:
            stream.kill_all_workers()
            os.write(2, b"\ninterrupted again: stopped at once; run again with --resume to continue\n")
            os._exit(128 + signum)
        stop.request(signum)  # raises stream.Interrupted when a document is being cleaned in this very process

    previous = {signum: signal.signal(signum, on_signal) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _one_thread_here(workers: int) -> Iterator[None]:
    """Cleaning in this process (one worker): no OpenMP/BLAS threads either, as in the pool's workers."""
    if workers > 1:
        yield
        return
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        yield


def format_summary(summary: Summary, out: Path | str) -> str:
    """The end-of-run report the CLI prints."""
    rate = summary.written / summary.seconds if summary.seconds > 0 else 0.0
    lines = [
        f"{summary.written} documents cleaned into {'stdout' if str(out) == '-' else out} in {summary.seconds:.1f} s "
        f"({rate:.1f} documents/s)" + (f"; {summary.skipped} already there, skipped" if summary.skipped else ""),
        f"failed: {summary.failed}",
    ]
    lines += [f"  {doc_id}: {error}" for doc_id, error in summary.failures]
    if summary.failed > len(summary.failures):
        lines.append(f'  ... and {summary.failed - len(summary.failures)} more (records with an "error" field)')
    if summary.warned:
        kinds = ", ".join(f"{kind} {n}" for kind, n in summary.warned.most_common())
        lines.append(f"documents with warnings: {summary.warned_documents} ({kinds}; see each record's warnings)")
    total = sum(summary.labels.values())
    if total:
        counts = ", ".join(f"{label} {n}" for label, n in summary.labels.most_common())
        lines.append(f"segments: {total} ({counts})")
    if summary.worker_rss_kb:
        peaks = ", ".join(f"{kb / 1024:.0f}" for kb in summary.worker_rss_kb.values())
        lines.append(f"peak memory per worker (MB): {peaks}")
    return "\n".join(lines)
