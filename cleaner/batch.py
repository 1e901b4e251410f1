"""Clean many documents: find them in files, folders, globs, gzip, WARC and JSONL; clean them in a process pool.

Every document has a stable ``id`` (``path``, ``path#<WARC-Record-ID>`` or ``path:<line>``), so a run can be
resumed: the ids already in the output file are skipped.
"""

from __future__ import annotations

import glob
import gzip
import json
import logging
import os
import resource
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any, cast

from . import parse
from .config import CleanerConfig
from .errors import InputError, ModelError, TimeLimitError
from .pipeline import Cleaner

log = logging.getLogger(__name__)

DOC_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text"}
HTML_TYPES = ("text/html", "application/xhtml+xml")
FIELDS_AUTO = ("html", "text")  # what --field auto looks for in a JSONL record, in this order
ID_PREFIX = '{"id": '  # every output line starts with its id, so resume need not parse whole records
DEFAULT_TIME_LIMIT = 60.0  # seconds per document; a hang becomes an error record
WINDOW_PER_WORKER = 4  # documents in flight per worker: keeps workers busy, bounds memory on huge inputs


@dataclass(frozen=True, slots=True)
class Payload:
    """A loaded document: its data, its kind when known, and source facts learnt while loading."""

    data: str | bytes
    kind: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Source:
    """One document to clean. ``load`` is picklable and runs in the worker, so reading is parallel too."""

    id: str
    kind_hint: str | None
    load: Callable[[], Payload]
    meta: dict[str, Any]


# --- finding documents -------------------------------------------------------------------------------------------


def container(path: Path) -> tuple[str, str | None] | None:
    """What a file holds, from its name: ``("warc"|"jsonl"|"doc", kind)``; ``None`` if not ours."""
    name = path.name.lower()
    base = name[:-3] if name.endswith(".gz") else name
    suffix = os.path.splitext(base)[1]
    if suffix == ".warc":
        return "warc", "html"
    if suffix == ".jsonl":
        return "jsonl", None
    if suffix in DOC_SUFFIXES:
        return "doc", DOC_SUFFIXES[suffix]
    return None


def expand_inputs(inputs: Sequence[str | Path], *, exclude: Sequence[Path] = ()) -> list[Path]:
    """Files named by ``inputs`` (files, folders walked recursively, globs) in a stable order, each once.

    ``exclude``: files never to read, such as the output file when it sits in an input folder.
    """
    out: list[Path] = []
    seen: set[str] = {os.path.realpath(p) for p in exclude}
    for item in inputs:
        text = str(item)
        if os.path.isdir(text):
            found = [Path(d, f) for d, _, files in os.walk(text) for f in files if container(Path(f))]
        elif os.path.exists(text):
            found = [Path(text)]
        elif glob.has_magic(text):
            found = [Path(p) for p in glob.glob(text, recursive=True) if os.path.isfile(p)]
            if not found:
                raise InputError(f"no files match {text}")
        else:
            raise InputError(f"no such file or folder: {text}")
        for path in sorted(found, key=lambda p: p.parts):
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                out.append(Path(os.path.normpath(path)))
    return out


def iter_sources(inputs: Sequence[str | Path], field: str = "auto", *, limit: int | None = None) -> Iterator[Source]:
    """Every document in ``inputs``, lazily, in input order (``field``: the JSONL field holding the document)."""
    limit = limit or CleanerConfig().max_input_bytes
    for path in expand_inputs(inputs):
        what, kind = container(path) or ("doc", None)
        if what == "warc":
            yield from _warc_sources(path, limit)
        elif what == "jsonl":
            yield from _jsonl_sources(path, field)
        else:
            name = str(path)
            yield Source(name, kind, partial(_read_file, name, limit), {"path": name})


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def _read_file(path: str, limit: int) -> Payload:
    with _open(Path(path)) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"over max_input_bytes={limit:,}")
    return Payload(data)


def _jsonl_sources(path: Path, field: str) -> Iterator[Source]:
    name = str(path)
    kind = field if field in FIELDS_AUTO else None
    try:
        with _open(path) as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    meta = {"path": name, "line": number}
                    yield Source(f"{name}:{number}", kind, partial(_jsonl_payload, line, field), meta)
    except (OSError, EOFError) as exc:  # a corrupt .gz: what was read before it counts, the rest is one error
        yield _broken(name, exc)


def _jsonl_payload(line: bytes, field: str) -> Payload:
    record = json.loads(line)
    if not isinstance(record, dict):
        raise InputError(f"line holds a JSON {type(record).__name__}, not an object")
    names = FIELDS_AUTO if field == "auto" else (field,)
    name = next((n for n in names if isinstance(record.get(n), str)), None)
    if name is None:
        raise InputError(f"no {' or '.join(repr(n) for n in names)} string field")
    meta = {k: record[k] for k in ("id", "url") if isinstance(record.get(k), (str, int))}
    if "id" in meta:
        meta["record_id"] = meta.pop("id")
    return Payload(record[name], name if name in FIELDS_AUTO else None, meta)


def _warc_sources(path: Path, limit: int) -> Iterator[Source]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    name = str(path)
    try:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True, auto_decode="all")
            for record in records:
                ctype = (record.http_content_type or "").lower()
                if ctype not in HTML_TYPES:
                    continue
                rid = record.record_id or f"@{record.stream_pos}"
                meta = {"path": name, "warc_record_id": rid, "url": record.headers.get("WARC-Target-URI")}
                meta["status"] = record.http_headers.status_code
                try:
                    load = partial(_warc_payload, record.reader.read(limit + 1), record.http_charset, limit)
                except (OSError, ValueError) as exc:  # e.g. a broken Content-Encoding: this record fails alone
                    load = partial(_raise, f"{type(exc).__name__}: {exc}")
                yield Source(f"{name}#{rid}", "html", load, meta)
    except (OSError, ValueError) as exc:
        yield _broken(name, exc)


def _warc_payload(body: bytes, charset: str | None, limit: int) -> Payload:
    if len(body) > limit:
        raise InputError(f"over max_input_bytes={limit:,}")
    if not charset or parse.declared_encoding(body) is not None:
        return Payload(body)  # the page's own BOM or <meta charset> is read by parse
    try:
        body.decode("utf-8")
        return Payload(body)
    except UnicodeDecodeError:
        pass
    codec = parse.codec_for(charset)  # no declaration, not UTF-8: the HTTP header beats guessing, as in browsers
    if codec is None:
        return Payload(body)
    return Payload(body.decode(codec, errors="replace"))


def _broken(name: str, exc: BaseException) -> Source:
    """A container that stopped being readable: one error record for the rest of it."""
    message = f"{type(exc).__name__}: {exc}"
    return Source(f"{name}#unreadable", None, partial(_raise, message), {"path": name})


def _raise(message: str) -> Payload:
    raise InputError(message)


# --- cleaning one document ---------------------------------------------------------------------------------------


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitError`` in the block after ``seconds`` (SIGALRM; main thread only, else no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeLimitError(f"took longer than the time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def clean_source(cleaner: Cleaner, source: Source, seconds: float | None = None) -> dict[str, Any]:
    """The output record for one document; a failure (or ``seconds`` passing) becomes ``"error": "<Type>: message"``."""
    record: dict[str, Any] = {"id": source.id, "source": dict(source.meta)}
    try:
        with time_limit(seconds):
            payload = source.load()
            record["source"].update(payload.meta)
            result = cleaner.clean(payload.data, kind=payload.kind or source.kind_hint)
    except ModelError:
        raise  # every document would fail: stop the run instead
    except Exception as exc:  # one bad document must not stop a batch
        log.debug("%s failed", source.id, exc_info=True)
        record["error"] = f"{type(exc).__name__}: {exc}"
        return record
    record.update(result.to_dict())
    return record


@dataclass(frozen=True, slots=True)
class Done:
    """What the main process needs from a worker: the output line and the numbers for the summary."""

    id: str
    line: bytes
    labels: dict[str, int]
    error: str | None
    pid: int
    max_rss_kb: int


_WORKER: Cleaner | None = None
_TIME_LIMIT: float | None = None


def init_worker(
    model: str | None, config: CleanerConfig, seconds: float | None = None, ignore_sigint: bool = True
) -> None:
    """Create this process's ``Cleaner`` once (the model loads on the first document)."""
    global _WORKER, _TIME_LIMIT
    from threadpoolctl import threadpool_limits

    if ignore_sigint:  # Ctrl-C is the main process's to handle; workers finish their document and go
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Processes are the parallelism. OpenMP/BLAS threads inside each one only oversubscribe the cores, and the
    # smoother's tiny per-page predictions then stall at OpenMP barriers: 7 ms vs 2.9 s a page on 2 busy cores.
    threadpool_limits(1)
    _WORKER = Cleaner(model, config=config)
    _TIME_LIMIT = seconds


def work(source: Source) -> Done:
    """Clean one document in a worker process and serialise its record there."""
    assert _WORKER is not None, "init_worker was not called"
    record = clean_source(_WORKER, source, _TIME_LIMIT)
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "replace")
    labels = Counter(s["label"] for s in record.get("segments", ()))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return Done(source.id, line, dict(labels), record.get("error"), os.getpid(), rss)


def ordered_map(
    fn: Callable[[Source], Done],
    items: Iterable[Source],
    workers: int,
    init: tuple[str | None, CleanerConfig, float | None],
) -> Iterator[Done]:
    """``map`` over a process pool, results in input order, at most a few documents in flight per worker."""
    if workers <= 1:
        init_worker(*init, ignore_sigint=False)
        yield from map(fn, items)
        return
    import multiprocessing

    # spawn, not fork: the main process runs threads (progress bar, counting) that a fork could catch mid-lock.
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=init_worker, initargs=(*init, True)
    )
    pending: deque[Future[Done]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= workers * WINDOW_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --- the output file and the run ---------------------------------------------------------------------------------


def done_ids(out: Path, *, drop_failed: bool = False) -> set[str]:
    """Ids of the complete records in ``out``; a trailing partial line (from a killed run) is cut off.

    With ``drop_failed``, error records are removed from ``out`` first (atomically), so their documents run again.
    """
    ids: set[str] = set()
    if not out.exists():
        return ids
    with open(out, "r+b") as fh:
        fh.truncate(_complete_length(fh))
    if drop_failed:
        _drop_failed(out)
    with open(out, "rb") as fh:
        for number, line in enumerate(fh, 1):
            record_id = _line_id(line)
            if record_id is None:
                log.warning("%s:%d: not a record, ignored", out, number)
            else:
                ids.add(record_id)
    return ids


def _drop_failed(out: Path) -> None:
    tmp = out.with_name(out.name + ".retry-tmp")
    with open(out, "rb") as src, open(tmp, "wb") as dst:
        for line in src:
            if not _is_error(line):
                dst.write(line)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, out)


def _is_error(line: bytes) -> bool:
    if b'"error": ' not in line:
        return False
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and "error" in record


def _complete_length(fh: IO[bytes], chunk: int = 1 << 16) -> int:
    """Offset just after the last newline in ``fh`` (0 when there is none)."""
    pos = fh.seek(0, os.SEEK_END)
    while pos > 0:
        start = max(0, pos - chunk)
        fh.seek(start)
        block = fh.read(pos - start)
        cut = block.rfind(b"\n")
        if cut >= 0:
            return start + cut + 1
        pos = start
    return 0


def _line_id(line: bytes) -> str | None:
    text = line.decode("utf-8", "replace")
    try:
        if text.startswith(ID_PREFIX):
            value, _ = json.JSONDecoder().raw_decode(text, len(ID_PREFIX))
        else:
            value = json.loads(text).get("id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


@dataclass(slots=True)
class Summary:
    """Counts of one batch run."""

    written: int = 0
    failed: int = 0
    skipped: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # the first few (id, error)
    worker_rss_kb: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, done: Done) -> None:
        self.written += 1
        self.labels.update(done.labels)
        self.worker_rss_kb[done.pid] = max(done.max_rss_kb, self.worker_rss_kb.get(done.pid, 0))
        if done.error is not None:
            self.failed += 1
            if len(self.failures) < 5:
                self.failures.append((done.id, done.error))


def run_batch(
    sources: Iterable[Source],
    out: Path,
    *,
    workers: int,
    model: str | None = None,
    config: CleanerConfig | None = None,
    resume: bool = False,
    skip: set[str] | None = None,
    fsync: bool = False,
    on_done: Callable[[Done], None] | None = None,
    summary: Summary | None = None,
    seconds: float | None = DEFAULT_TIME_LIMIT,
) -> Summary:
    """Clean ``sources`` into ``out`` (JSONL, one record per line, in input order).

    With ``resume``, append to ``out`` and skip the ids in ``skip`` (default: those already in ``out``).
    """
    summary = summary or Summary()
    if skip is None:
        skip = done_ids(out) if resume else set()
    started = time.perf_counter()

    def todo() -> Iterator[Source]:
        for source in sources:
            if source.id in skip:
                summary.skipped += 1
            else:
                yield source

    init = (model, config or CleanerConfig(), seconds)
    with open(out, "ab" if resume else "wb") as fh:
        try:
            for done in ordered_map(work, todo(), workers, init):
                fh.write(done.line)  # one write per whole line, flushed: a kill leaves at most a partial last line
                fh.flush()
                if fsync:
                    os.fsync(fh.fileno())
                summary.add(done)
                if on_done is not None:
                    on_done(done)
        finally:
            summary.seconds = time.perf_counter() - started
    return summary


def format_summary(summary: Summary, out: Path) -> str:
    """The end-of-run report the CLI prints."""
    rate = summary.written / summary.seconds if summary.seconds > 0 else 0.0
    lines = [
        f"{summary.written} documents cleaned into {out} in {summary.seconds:.1f} s ({rate:.1f} documents/s)"
        + (f"; {summary.skipped} already there, skipped" if summary.skipped else ""),
        f"failed: {summary.failed}",
    ]
    lines += [f"  {doc_id}: {error}" for doc_id, error in summary.failures]
    if summary.failed > len(summary.failures):
        lines.append(f'  ... and {summary.failed - len(summary.failures)} more (records with an "error" field)')
    total = sum(summary.labels.values())
    if total:
        counts = ", ".join(f"{label} {n}" for label, n in summary.labels.most_common())
        lines.append(f"segments: {total} ({counts})")
    if summary.worker_rss_kb:
        peaks = ", ".join(f"{kb / 1024:.0f}" for kb in summary.worker_rss_kb.values())
        lines.append(f"peak memory per worker (MB): {peaks}")
    return "\n".join(lines)
