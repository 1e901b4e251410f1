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
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any, Literal, cast

from . import parse, stream
from .config import CleanerConfig
from .errors import InputError, ModelError, describe
from .pipeline import Cleaner
from .types import Result

log = logging.getLogger(__name__)

DOC_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text"}
HTML_TYPES = ("text/html", "application/xhtml+xml")
ID_PREFIX = '{"id": '  # every output line starts with its id, so resume need not parse whole records
DEFAULT_TIME_LIMIT = 60.0  # seconds per document; a hang becomes an error record


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
    try:
        with _open(path) as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    meta = {"path": name, "line": number}
                    # no kind hint: the record's field decides it, when the worker reads the line
                    yield Source(f"{name}:{number}", None, partial(_jsonl_payload, line, field), meta)
    except (OSError, EOFError) as exc:  # a corrupt .gz: what was read before it counts, the rest is one error
        yield _broken(name, exc)


def _jsonl_payload(line: bytes, field: str) -> Payload:
    record = json.loads(line)
    if not isinstance(record, dict):
        raise InputError(f"line holds a JSON {type(record).__name__}, not an object")
    data, kind, problem = stream.document_item(record, None if field == "auto" else field, None)
    if problem is not None:
        raise InputError(problem)
    meta = {k: record[k] for k in ("id", "url") if isinstance(record.get(k), (str, int))}
    if "id" in meta:
        meta["record_id"] = meta.pop("id")
    return Payload(data, kind, meta)


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
                    load = partial(_raise, describe(exc))
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
    return Source(f"{name}#unreadable", None, partial(_raise, describe(exc)), {"path": name})


def _raise(message: str) -> Payload:
    raise InputError(message)


# --- cleaning one document ---------------------------------------------------------------------------------------


BatchFormat = Literal["full", "compact"]


def clean_source(
    cleaner: Cleaner, source: Source, seconds: float | None = None, output: BatchFormat = "full"
) -> tuple[dict[str, Any], Result | None]:
    """The output record for one document (and its result); a failure (or ``seconds`` passing) becomes
    ``"error": "<Type>: message"``. ``output``: the full ``Result.to_dict()`` or the compact ``to_record()``."""
    record: dict[str, Any] = {"id": source.id, "source": dict(source.meta)}
    try:
        with stream.deadline(seconds):
            payload = source.load()
            record["source"].update(payload.meta)
            cues = False if output == "compact" else None  # compact records carry no cues
            result = cleaner.clean(payload.data, kind=payload.kind or source.kind_hint, cues=cues)
    except ModelError:
        raise  # every document would fail: stop the run instead
    except Exception as exc:  # one bad document must not stop a batch
        log.debug("%s failed", source.id, exc_info=True)
        record["error"] = describe(exc)
        return record, None
    record.update(result.to_dict() if output == "full" else result.to_record())
    return record, result


@dataclass(frozen=True, slots=True)
class Done:
    """What the main process needs from a worker: the output line and the numbers for the summary."""

    id: str
    line: bytes
    labels: dict[str, int]
    error: str | None
    pid: int
    max_rss_kb: int


def work(cleaner: Cleaner, source: Source, seconds: float | None, output: BatchFormat = "full") -> Done:
    """Clean one document (in a worker process) and serialise its record there: a ``stream.pool_map`` task."""
    record, result = clean_source(cleaner, source, seconds, output)
    labels = Counter(s.label.value for s in result.segments) if result is not None else Counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return Done(source.id, _json_line(record), dict(labels), record.get("error"), os.getpid(), rss)


def crashed(source: Source, error: Exception) -> Done:
    """The error record of a document whose worker process died while cleaning it (no worker reports on it)."""
    message = describe(error)
    record = {"id": source.id, "source": dict(source.meta), "error": message}
    return Done(source.id, _json_line(record), {}, message, 0, 0)


def _json_line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "replace")


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
        if done.pid:  # 0: no worker finished this document
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
    output: BatchFormat = "full",
    chunk_size: int = 4,
) -> Summary:
    """Clean ``sources`` into ``out`` (JSONL, one record per line, in input order), through ``stream.pool_map``.

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

    cleaner = Cleaner(model, config=config)
    task = partial(work, output=output)
    done_stream = stream.pool_map(
        task, todo(), cleaner, workers=workers, chunk_size=chunk_size, time_limit=seconds, on_crash=crashed
    )
    with open(out, "ab" if resume else "wb") as fh, _one_thread_here(workers):
        try:
            for done in done_stream:
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


@contextmanager
def _one_thread_here(workers: int) -> Iterator[None]:
    """Cleaning in this process (one worker): no OpenMP/BLAS threads either, as in the pool's workers."""
    if workers > 1:
        yield
        return
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        yield


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
