"""The output of a batch run: one JSON record per line, each written whole and flushed; locked while a run writes.

Beside ``OUT`` sits ``OUT.run.json``: a run holds an advisory lock (``flock``) on it for as long as it writes, and
keeps in it its pid and what ``OUT`` is made from (the input files' ids, sizes and modification times, and the
options that shape a record). ``--resume`` refuses inputs or options that changed since, and trusts no line of
``OUT`` it has not read: a line that is not a whole record (torn by a kill, cut in the middle, a duplicate) is
dropped and its document cleaned again. ``OUT.gz`` is gzip, flushed record by record, so a killed run leaves a
readable prefix; resuming it rewrites the valid records into a fresh file before appending.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cleaner.core.errors import CleanerError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: no advisory locks
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

RUN_SUFFIX = ".run.json"
STATE_VERSION = 1
GZIP_LEVEL = 6  # zlib's default: level 9 costs about three times the time for a few percent


def json_line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "replace")


class OutputError(CleanerError):
    """The output cannot be written or resumed as asked (locked by another run, inputs changed...)."""


def record_id(line: bytes) -> tuple[str | None, bool]:
    """``(id, is_error)`` of one output line, or ``(None, False)`` when the line is not a whole record."""
    if not line.endswith(b"\n"):
        return None, False
    try:
        record = json.loads(line)
    except ValueError:
        return None, False
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return None, False
    if isinstance(record.get("error"), str):
        return record["id"], True
    if isinstance(record.get("text"), str):
        return record["id"], False
    return None, False


class Sink:
    """An open output: ``done`` holds the ids already in it (on resume); ``write`` appends one whole line."""

    def __init__(self, name: str, fh: IO[bytes], *, gz: gzip.GzipFile | None, lock: _RunFile | None, fsync: bool):
        self.name = name
        self.done: set[str] = set()
        self._fh = fh
        self._gz = gz
        self._lock = lock
        self._fsync = fsync and lock is not None

    def write(self, line: bytes) -> None:
        out = self._gz if self._gz is not None else self._fh
        out.write(line)  # one write per whole line, flushed: a kill leaves at most a partial last line
        out.flush()  # GzipFile: a sync flush, so every record written so far can be read back from a torn file
        if self._fsync:
            os.fsync(self._fh.fileno())

    def copy(self, line: bytes) -> None:
        """Write a line kept from the old output (not flushed: ``sync`` follows)."""
        (self._gz if self._gz is not None else self._fh).write(line)

    def sync(self) -> None:
        """Everything written so far on disk."""
        if self._gz is not None:
            self._gz.flush()
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        try:
            if self._gz is not None:
                self._gz.close()
            if self._lock is None:  # stdout: flushed, not closed
                self._fh.flush()
            else:
                self._fh.close()
        except BrokenPipeError:
            _quiet_stdout()
            raise
        finally:
            if self._lock is not None:
                self._lock.release()


def open_sink(
    out: str | Path,
    *,
    resume: bool = False,
    drop_failed: bool = False,
    fsync: bool = False,
    inputs: list[list[Any]] | None = None,
    options: dict[str, Any] | None = None,
) -> Sink:
    """Open ``out`` for a run (``-``: stdout), locked against other runs.

    Without ``resume`` it starts empty. With it, the valid records stay (``Sink.done`` holds their ids; with
    ``drop_failed`` the error records go too) and new ones are appended; ``inputs`` (``sources.fingerprint``) and
    ``options``, when given, must be those of the run that started ``out``, else ``OutputError`` says what changed.
    """
    if str(out) == "-":
        if resume:
            raise OutputError("--resume needs an output file: stdout cannot be read back")
        return Sink("-", sys.stdout.buffer, gz=None, lock=None, fsync=False)
    path = Path(out)
    lock = _RunFile.acquire(path)
    try:
        has_records = path.exists() and path.stat().st_size > 0
        if resume and has_records and inputs is not None:
            _check_same_run(path, lock.previous, inputs, options or {})
        lock.record(inputs, options or {})
        return _open_locked(path, lock, resume=resume and has_records, drop_failed=drop_failed, fsync=fsync)
    except BaseException:
        lock.release()
        raise


def done_ids(out: Path, *, drop_failed: bool = False) -> set[str]:
    """Ids of the valid records in ``out`` (invalid lines are removed from it; with ``drop_failed``, error records
    too, so their documents run again)."""
    if not out.exists():
        return set()
    sink = open_sink(out, resume=True, drop_failed=drop_failed)
    sink.close()
    return sink.done


def _open_locked(path: Path, lock: _RunFile, *, resume: bool, drop_failed: bool, fsync: bool) -> Sink:
    gz = path.name.lower().endswith(".gz")
    if not resume:
        fh = open(path, "wb")  # truncated only now, under the lock
        return _sink(path, fh, gz, lock, fsync)
    if not gz:
        keep, length = _scan_plain(path, drop_failed)
        if keep is not None:  # every line is a record to keep: cut a torn tail, append
            with open(path, "r+b") as cut:
                cut.truncate(length)
            sink = _sink(path, open(path, "ab"), False, lock, fsync)
            sink.done = keep
            return sink
    return _rewrite(path, gz, lock, drop_failed, fsync)


def _sink(path: Path, fh: IO[bytes], gz: bool, lock: _RunFile, fsync: bool) -> Sink:
    if not gz:
        return Sink(str(path), fh, gz=None, lock=lock, fsync=fsync)
    zipped = gzip.GzipFile(filename="", mode="wb", fileobj=fh, compresslevel=GZIP_LEVEL, mtime=0)
    return Sink(str(path), fh, gz=zipped, lock=lock, fsync=fsync)


def _scan_plain(path: Path, drop_failed: bool) -> tuple[set[str] | None, int]:
    """The ids of a plain output whose lines all stay, and the length of its complete lines; ``None`` when some
    line must go (not a record, a duplicate, or an error record being retried)."""
    ids: set[str] = set()
    length = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break  # the torn last line of a killed run: cut off
            rid, failed = record_id(line)
            if rid is None or rid in ids or (failed and drop_failed):
                return None, 0
            ids.add(rid)
            length += len(line)
    return ids, length


def _rewrite(path: Path, gz: bool, lock: _RunFile, drop_failed: bool, fsync: bool) -> Sink:
    """Copy the records to keep into a new file that replaces ``path`` and stays open for the new records."""
    tmp = path.with_name(path.name + ".tmp")
    sink = _sink(path, open(tmp, "wb"), gz, lock, fsync)
    dropped = 0
    try:
        for number, line in enumerate(_lines(path, gz), 1):
            rid, failed = record_id(line)
            if rid is None or rid in sink.done:
                log.warning(
                    "%s:%d: not a whole record (or a repeated id): dropped, its document runs again", path, number
                )
                dropped += 1
            elif failed and drop_failed:
                dropped += 1
            else:
                sink.done.add(rid)
                sink.copy(line)
        sink.sync()  # the copy is on disk before it replaces the original
        os.replace(tmp, path)
    except BaseException:
        sink.close()
        tmp.unlink(missing_ok=True)
        raise
    log.info("%s: %d records kept, %d dropped", path, len(sink.done), dropped)
    return sink


def _lines(path: Path, gz: bool) -> Iterator[bytes]:
    """The lines of an output file; a gzip one is read as far as it decompresses (a torn end is not an error)."""
    if not gz:
        with open(path, "rb") as fh:
            yield from fh
        return
    pending = b""
    for data in _gunzip(path):
        pending += data
        *whole, pending = pending.split(b"\n")
        for line in whole:
            yield line + b"\n"
    if pending:
        yield pending


def _gunzip(path: Path, block: int = 1 << 20) -> Iterator[bytes]:
    inflater = zlib.decompressobj(wbits=31)
    with open(path, "rb") as fh:
        while data := fh.read(block):
            while data:
                try:
                    yield inflater.decompress(data)
                except zlib.error:
                    log.warning("%s: not gzip from here on: the rest is dropped", path)
                    return
                data = inflater.unused_data if inflater.eof else b""
                if inflater.eof:
                    inflater = zlib.decompressobj(wbits=31)
    tail = inflater.flush()
    if tail:
        yield tail


# --- the run file: lock and record of what OUT is made from -------------------------------------------------------


class _RunFile:
    """``OUT.run.json``, locked (``flock``) by the run writing ``OUT``; it says who that is and what OUT holds."""

    def __init__(self, path: Path, fd: int, previous: dict[str, Any] | None) -> None:
        self.path = path
        self.fd = fd
        self.previous = previous

    @classmethod
    def acquire(cls, out: Path) -> _RunFile:
        path = out.with_name(out.name + RUN_SUFFIX)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_state(fd) or {}
                os.close(fd)
                who = f" (pid {holder['pid']})" if isinstance(holder.get("pid"), int) else ""
                raise OutputError(
                    f"{out} is being written by another cleaner batch run{who}: wait for it to end or stop it"
                ) from None
        return cls(path, fd, _read_state(fd))

    def record(self, inputs: list[list[Any]] | None, options: dict[str, Any]) -> None:
        state: dict[str, Any] = {"version": STATE_VERSION, "pid": os.getpid(), "options": options}
        if inputs is not None:
            state["inputs"] = inputs
        data = json.dumps(state, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, data, 0)

    def release(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # closing the descriptor releases the flock
            self.fd = -1


def _read_state(fd: int) -> dict[str, Any] | None:
    try:
        size = os.fstat(fd).st_size
        state = json.loads(os.pread(fd, size, 0)) if size else None
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _check_same_run(
    path: Path, previous: dict[str, Any] | None, inputs: list[list[Any]], options: dict[str, Any]
) -> None:
    """Refuse to resume ``path`` from other inputs or options than the run that started it."""
    again = "clean new or changed files into another output, or start again with --overwrite"
    if previous is None or previous.get("version") != STATE_VERSION or "inputs" not in previous:
        raise OutputError(
            f"cannot resume {path}: there is no record of the inputs it was made from ({path.name}{RUN_SUFFIX} is "
            "missing or from another version of cleaner); start again with --overwrite"
        )
    started = previous.get("options") or {}
    # Keys of either run are compared; callers leave an option out at its default, so older outputs still resume.
    keys = [*options, *(k for k in started if k not in options)]
    changed = [
        f"--{k} was {started.get(k)!r}, now {options.get(k)!r}" for k in keys if started.get(k) != options.get(k)
    ]
    if changed:
        raise OutputError(f"cannot resume {path} with other options ({'; '.join(changed)}): its records would mix")
    before = {row[0]: row[1:] for row in previous["inputs"]}
    now = {row[0]: row[1:] for row in inputs}
    problems = []
    added = [p for p in now if p not in before]
    gone = [p for p in before if p not in now]
    edited = [p for p in now if p in before and before[p] != now[p]]
    for label, names in (("new", added), ("no longer given", gone), ("changed since", edited)):
        if names:
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            problems.append(f"{label}: {', '.join(names[:3])}{more}")
    if problems:
        raise OutputError(
            f"cannot resume {path}: its inputs are not those it was started from ({'; '.join(problems)}); {again}"
        )


def _quiet_stdout() -> None:
    """The reader of stdout went away: point stdout at /dev/null so Python's exit does not complain again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
