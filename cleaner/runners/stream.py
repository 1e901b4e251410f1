"""Clean a stream of documents: input order, a process pool with one model per worker, bounded memory.

The one implementation behind ``Cleaner.clean_many``, ``cleaner batch`` and the Dask / ``datasets`` integrations.
The input is pulled lazily, in chunks; at most ``CHUNKS_PER_WORKER`` chunks per worker are in flight, and each
result is handed on as soon as the results before it are, so memory does not grow with the length of the stream.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import math
import os
import signal
import sys
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from cleaner.core.config import CleanerConfig
from cleaner.core.errors import InputError, ModelError, TimeLimitError, WorkerCrashError, describe

if TYPE_CHECKING:
    from cleaner.api import Cleaner
    from cleaner.core.types import Result

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# A task runs in a worker: (that worker's Cleaner, one item, the time limit) -> one output. It must be a
# module-level function (or a functools.partial of one) so the pool can send it by reference.
Task = Callable[["Cleaner", T, "float | None"], R]
# A chunk task: the same for a list of items at once (``pool_map(..., batched=True)``).
ChunkTask = Callable[["Cleaner", list[T], "float | None"], list[R]]

CHUNKS_PER_WORKER = 2  # enough to keep every worker busy while the main process hands results on
DEFAULT_CHUNK_SIZE = 8  # documents per round trip to a worker: the round trip costs about one document's 1/50
FIELDS_AUTO = ("html", "text")  # the fields a dict document is read from when none is named, in this order
Output = Literal["result", "record"]
OnError = Literal["raise", "return"]
STOP_POLL = 0.1  # seconds between looks at a stop request while waiting on a worker
PARENT_POLL = 0.5  # seconds between a worker's looks at whether its parent is still there


class Interrupted(KeyboardInterrupt):
    """A run stopped by a signal (``signum``: SIGINT or SIGTERM) after handing on every finished result."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Stop:
    """A request to stop a run early, made from a signal handler: ``pool_map`` stops waiting, hands on the results
    that are finished, ends its workers and raises ``Interrupted``.

    Only plain attributes are touched from the handler (no locks: it runs between two bytecodes of the main thread,
    which may hold any lock). ``interruptible``: while a document is cleaned in this process, the handler raises
    ``Interrupted`` at once rather than waiting for the document to finish.
    """

    def __init__(self) -> None:
        self.signum = 0
        self.here = False  # a document is being cleaned in this process, in the main thread

    @property
    def requested(self) -> bool:
        return self.signum != 0

    def request(self, signum: int) -> None:
        self.signum = signum
        if self.here:
            raise Interrupted(signum)

    def check(self) -> None:
        if self.signum:
            raise Interrupted(self.signum)

    @contextmanager
    def interruptible(self) -> Iterator[None]:
        self.here = True
        try:
            self.check()
            yield
        finally:
            self.here = False


def check_time_limit(seconds: float | None) -> float | None:
    """A time limit as given, or ``None`` for none (``None`` or 0); ``ValueError`` for a negative, NaN or infinite
    one, which would otherwise be a limit that never fires or always does."""
    if seconds is None or seconds == 0:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise ValueError(f"time_limit must be a number of seconds, not {type(seconds).__name__}")
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(
            f"time_limit must be a positive, finite number of seconds (0 or None: no limit), not {seconds}"
        )
    return float(seconds)


def pool_map(
    task: Task[T, R] | ChunkTask[T, R],
    items: Iterable[T],
    cleaner: Cleaner,
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    time_limit: float | None = None,
    on_crash: Callable[[T, WorkerCrashError], R] | None = None,
    stop: Stop | None = None,
    batched: bool = False,
) -> Iterator[R]:
    """``task(cleaner, item, time_limit)`` for every item, lazily and in input order; ``batched``: ``task`` takes
    a chunk (a list of items) and gives their outputs, so its work can be shared across the chunk.

    ``workers`` > 1 runs the tasks in that many spawned processes, each with its own unpickled copy of
    ``cleaner`` (so the model loads once per worker); ``workers`` = 1 runs them here, with ``cleaner`` itself --
    unless a time limit is set and this is not the main thread, where no limit could fire: then in one worker
    process. When a worker process dies (the OS killed it, a native library crashed), ``on_crash`` gives the output
    of the document that killed it, found by running the chunk in flight again one document at a time in a fresh
    pool, and the run goes on; without ``on_crash`` the pool's ``BrokenProcessPool`` is raised.

    When ``items`` raises, the outputs of every item pulled before it are yielded first. When ``stop`` is
    requested, the outputs already finished are yielded (in input order, with gaps), the workers are ended and
    ``Interrupted`` is raised. However the generator ends early (an exception, ``close()``), its workers are killed
    at once, never waited for; and each worker ends itself when this process dies.
    """
    if workers < 1 or chunk_size < 1:
        raise ValueError("workers and chunk_size must be at least 1")
    time_limit = check_time_limit(time_limit)
    chunk_task = cast("ChunkTask[T, R]", task if batched else functools.partial(each_item, task))
    if workers == 1 and (time_limit is None or threading.current_thread() is threading.main_thread()):
        if batched:
            yield from _map_chunks_here(chunk_task, _chunks(items, chunk_size), cleaner, time_limit, stop)
        else:
            yield from _map_here(cast("Task[T, R]", task), items, cleaner, time_limit, stop)
        return
    pool = _Pool(workers, cleaner, time_limit)
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    chunks = _chunks(items, chunk_size)
    failure: Exception | None = None

    def next_results() -> list[R]:
        nonlocal pending
        chunk, future = pending[0]
        if stop is not None:
            while not stop.requested and not wait_futures([future], timeout=STOP_POLL).done:
                pass
            if stop.requested:
                raise Interrupted(stop.signum)
        pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            if on_crash is None:
                raise
        # Every future of the broken pool is lost: find the culprit in the oldest chunk, then resubmit the rest.
        pool.restart()
        results = [_run_alone(pool, chunk_task, item, on_crash) for item in chunk]
        pending = deque((c, f if _succeeded(f) else pool.submit(_run_chunk, chunk_task, c)) for c, f in pending)
        return results

    completed = False
    try:
        try:
            while True:
                try:
                    chunk = next(chunks)
                except StopIteration:
                    break
                except Exception as exc:  # the caller's iterator failed: hand on what it gave before, then raise
                    failure = exc
                    break
                pending.append((chunk, pool.submit(_run_chunk, chunk_task, chunk)))
                if len(pending) >= workers * CHUNKS_PER_WORKER:
                    yield from next_results()
            while pending:
                yield from next_results()
            completed = True
        except Interrupted:
            finished = [r for _, f in pending if _succeeded(f) for r in f.result()]
            pool.kill()
            yield from finished
            raise
    finally:
        if completed:
            pool.close()
        else:
            pool.kill()
    if failure is not None:
        raise failure


def _map_here(
    task: Task[T, R], items: Iterable[T], cleaner: Cleaner, time_limit: float | None, stop: Stop | None
) -> Iterator[R]:
    """The tasks in this process, one at a time; a stop request abandons the document in hand."""
    for item in items:
        with stop.interruptible() if stop is not None else nullcontext():
            output = task(cleaner, item, time_limit)
        yield output


def _map_chunks_here(
    task: ChunkTask[T, R], chunks: Iterator[list[T]], cleaner: Cleaner, time_limit: float | None, stop: Stop | None
) -> Iterator[R]:
    """The chunk tasks in this process, one chunk at a time; a stop request abandons the chunk in hand."""
    for chunk in chunks:
        with stop.interruptible() if stop is not None else nullcontext():
            outputs = task(cleaner, chunk, time_limit)
        yield from outputs


def each_item(task: Task[T, R], cleaner: Cleaner, chunk: list[T], time_limit: float | None) -> list[R]:
    """A per-item task as a chunk task."""
    return [task(cleaner, item, time_limit) for item in chunk]


def _succeeded(future: Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


_LIVE_POOLS: weakref.WeakSet[_Pool] = weakref.WeakSet()


class _Pool:
    """A spawn-context ``ProcessPoolExecutor`` whose workers hold one ``Cleaner`` each; replaceable when broken."""

    def __init__(self, workers: int, cleaner: Cleaner, time_limit: float | None) -> None:
        self.args = (workers, cleaner, time_limit)
        self.executor = self._start()
        _LIVE_POOLS.add(self)

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing

        workers, cleaner, time_limit = self.args
        # Workers are spawned by the thread that submits (this one). A parent-death signal is tied to that thread,
        # so it is asked for only when that is the main thread, which lives as long as this process does.
        death_signal = threading.current_thread() is threading.main_thread()
        # spawn, not fork: the caller may run threads (a progress bar, Dask, a web server) that a fork could catch
        # holding a lock.
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(cleaner, time_limit, os.getpid(), death_signal),
        )

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        """The task's future; when a worker died since the last call, a future that already failed as the pool's
        others do, so the crash is handled in one place (where results are collected), not at submission."""
        try:
            return self.executor.submit(fn, *args)
        except BrokenProcessPool as exc:
            failed: Future[R] = Future()
            failed.set_exception(exc)
            return failed

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        _LIVE_POOLS.discard(self)

    def kill(self) -> None:
        """End the workers now, mid-document: nothing they hold is wanted any more, and waiting for them (or for
        the pool's own shutdown, which joins them) is how a run used to hang on Ctrl-C."""
        processes = _processes(self.executor)
        for process in processes:
            _kill(process.pid)
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)
        _LIVE_POOLS.discard(self)


def _processes(executor: ProcessPoolExecutor) -> list[Any]:
    # ProcessPoolExecutor has no public way to end its workers before Python 3.14 (kill_workers); its process table
    # has been ``_processes`` since 3.2.
    table = getattr(executor, "_processes", None) or {}
    return list(table.values())


def _kill(pid: int | None) -> None:
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def kill_all_workers() -> None:
    """Kill every worker of every live pool of this process, without waiting: for a second Ctrl-C, which must end
    the run at once (safe in a signal handler: no locks, only ``kill``)."""
    for pool in list(_LIVE_POOLS):
        for process in _processes(pool.executor):
            _kill(process.pid)


def _run_alone(pool: _Pool, task: ChunkTask[T, R], item: T, on_crash: Callable[[T, WorkerCrashError], R]) -> R:
    """One item on its own in ``pool``: if the pool breaks now, this item broke it."""
    try:
        return pool.submit(_run_chunk, task, [item]).result()[0]
    except BrokenProcessPool:
        pool.restart()
        log.warning("a worker process died while cleaning one document; it becomes an error and the run goes on")
        return on_crash(
            item,
            WorkerCrashError(
                "the worker process cleaning this document died (killed by the "
                "operating system, e.g. out of memory, or a crash in native code)"
            ),
        )


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size``; when ``items`` raises, the part of a chunk pulled before it comes first."""
    chunk: list[T] = []
    try:
        for item in items:
            chunk.append(item)
            if len(chunk) == size:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


_WORKER: Cleaner | None = None
_TIME_LIMIT: float | None = None
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _init_worker(cleaner: Cleaner, time_limit: float | None, parent: int, death_signal: bool) -> None:
    """Keep this worker's ``Cleaner`` (its model loads on the first document); end with the parent process."""
    global _WORKER, _TIME_LIMIT
    from threadpoolctl import threadpool_limits

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _follow_parent(parent, death_signal)
    # Processes are the parallelism. OpenMP/BLAS threads inside each one only oversubscribe the cores, and the
    # smoother's tiny per-page predictions then stall at OpenMP barriers: 7 ms vs 2.9 s a page on 2 busy cores.
    threadpool_limits(1)
    _WORKER, _TIME_LIMIT = cleaner, time_limit


def _follow_parent(parent: int, death_signal: bool) -> None:
    """Die with the parent, however it dies (SIGKILL, the OOM killer): a worker must never outlive its run.

    On Linux the kernel sends SIGKILL when the parent goes (``PR_SET_PDEATHSIG``), which works even while this
    process is inside native code; everywhere, a thread also watches for the parent to change.
    """
    if death_signal and sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # no libc to ask: the watch thread alone
            pass
    if os.getppid() != parent:  # the parent died before this process could ask
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="cleaner-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _run_chunk(task: ChunkTask[T, R], chunk: list[T]) -> list[R]:
    assert _WORKER is not None, "the pool's initializer did not run"
    return task(_WORKER, chunk, _TIME_LIMIT)


def over_limit(limit: float) -> TimeLimitError:
    """The error of a document that took longer than its time limit of ``limit`` seconds."""
    return TimeLimitError(f"took longer than the time limit of {limit:g} s")


@contextmanager
def deadline(seconds: float | None, *, limit: float | None = None) -> Iterator[None]:
    """Raise ``TimeLimitError`` in the block after ``seconds`` (None or 0: no limit); ``limit``: the document's
    whole limit, which the error names, when ``seconds`` is what is left of it.

    SIGALRM fires only in the main thread, so elsewhere a limit is refused (``RuntimeError``) rather than silently
    not kept: ``Cleaner.clean_many`` then cleans in a worker process, whose main thread keeps it.
    """
    seconds = check_time_limit(seconds)
    if seconds is None:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError(
            "a time limit can only be kept in the main thread (SIGALRM): run the document through "
            "Cleaner.clean_many(..., time_limit=...), which uses a worker process off the main thread"
        )

    def on_alarm(signum: int, frame: object) -> None:
        raise over_limit(seconds if limit is None else limit)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- documents in, results or records out --------------------------------------------------------------------------


def document_item(doc: Any, field: str | None, kind: str | None) -> tuple[Any, str | None, str | None]:
    """``(data, kind, problem)`` for one input: a str/bytes document, or a mapping holding it in ``field``;
    ``problem`` says why there is no document (it becomes an ``InputError`` where the document is cleaned).

    A mapping's ``field`` defaults to ``html``, else ``text``; those two names also fix the kind unless ``kind``
    is given. Runs in the main process, so only the document itself travels to a worker.
    """
    if isinstance(doc, Mapping):
        names = FIELDS_AUTO if field is None else (field,)
        name = next((n for n in names if isinstance(doc.get(n), (str, bytes))), None)
        if name is None:
            held = [n for n in names if n in doc]
            if held:
                return None, None, f"field {held[0]!r} holds {type(doc[held[0]]).__name__}, not a document"
            return None, None, f"no {' or '.join(repr(n) for n in names)} field"
        return doc[name], kind or (name if name in FIELDS_AUTO else None), None
    if isinstance(doc, (str, bytes, bytearray, memoryview)):
        return doc, kind, None
    return None, None, f"a document is str, bytes or a mapping, not {type(doc).__name__}"


def attempt(
    cleaner: Cleaner, load: Callable[[], tuple[Any, str | None]], seconds: float | None, *, cues: bool | None
) -> Result | Exception:
    """Load one document (``load`` gives its data and kind) and clean it within ``seconds``: the one place a
    document's failure is caught. A failure is returned; a model error is raised (every document would fail)."""
    try:
        with deadline(seconds):
            data, kind = load()
            return cleaner.clean(data, kind=kind, cues=cues)
    except ModelError:
        raise
    except Exception as exc:  # one bad document must not stop a stream
        return exc


Item = tuple[Any, "str | None", "str | None"]  # what ``document_item`` gives: (data, kind, problem)


def clean_item(
    cleaner: Cleaner,
    item: Item,
    seconds: float | None,
    *,
    output: Output = "result",
    on_error: OnError = "raise",
) -> Any:
    """One document's ``Result`` (or compact record); a failure is raised or, with ``on_error="return"``, returned
    (the exception itself, or a record ``{"error": "<Type>: message"}``). A model error is always raised."""
    return _output(attempt(cleaner, _loader(item), seconds, cues=_cues(output)), output, on_error)


@dataclass(frozen=True)
class Raised:
    """A failure to raise where its document's output would be (``clean_items`` with ``on_error="raise"``)."""

    error: Exception


def clean_items(
    cleaner: Cleaner,
    items: list[Item],
    seconds: float | None,
    *,
    output: Output = "result",
    on_error: OnError = "raise",
) -> list[Any]:
    """``clean_item`` of every item of a chunk, with one model call for the chunk (``attempt_many``). With
    ``on_error="raise"`` a failure comes back as a ``Raised`` in its place, for ``clean_stream`` to raise after
    handing on the outputs before it."""
    results = attempt_many(cleaner, [_loader(item) for item in items], seconds, cues=_cues(output))
    return [
        Raised(r) if isinstance(r, Exception) and on_error == "raise" else _output(r, output, on_error) for r in results
    ]


def attempt_many(
    cleaner: Cleaner,
    loads: list[Callable[[], tuple[Any, str | None]]],
    seconds: float | None = None,
    *,
    cues: bool | None,
) -> list[Result | Exception]:
    """``attempt`` for each document of a chunk: each loaded and prepared on its own, the model run once for all
    (``pipeline.probabilities``; the outputs are those of one document at a time), each finished on its own; a
    failure stays its document's. A model error is raised.

    ``seconds`` is per document, as in ``attempt``: its preparing and finishing share it (what preparing used is
    not left for finishing). The chunk's model call is outside every document's clock: it is linear in the blocks,
    which ``max_blocks`` bounds per document, and where a page could hang (decoding, parsing, segmenting) it is
    already behind; so is the model's loading, the first time."""
    from cleaner.core import pipeline

    model = cleaner.model  # loaded (once per process) before any document's clock starts
    prepared: list[tuple[pipeline.Prepared, float | None] | Exception] = []
    for load in loads:
        started = time.perf_counter()
        try:
            with deadline(seconds):
                data, kind = load()
                ready_doc = cleaner.prepare(data, kind=kind)
        except ModelError:
            raise
        except Exception as exc:  # one bad document must not stop a stream
            prepared.append(exc)
            continue
        left = None if seconds is None else seconds - (time.perf_counter() - started)
        prepared.append((ready_doc, left))
    ready = [p for p in prepared if not isinstance(p, Exception)]
    try:
        probs = iter(pipeline.probabilities(model, [doc.features for doc, _ in ready]))
    except ModelError:
        raise
    except Exception:  # the model failed on the chunk: each document again on its own, for its own error
        return [attempt(cleaner, load, seconds, cues=cues) for load in loads]
    results: list[Result | Exception] = []
    for p in prepared:
        if isinstance(p, Exception):
            results.append(p)
            continue
        doc, left = p
        doc_probs = next(probs)
        try:
            if seconds is not None and left is not None and left <= 0:  # preparing used it all
                raise over_limit(seconds)
            with deadline(left, limit=seconds):
                results.append(cleaner.finish(doc, doc_probs, cues=cues))
        except ModelError:
            raise
        except Exception as exc:
            results.append(exc)
    return results


def _loader(item: Item) -> Callable[[], tuple[Any, str | None]]:
    """What loads an item's document: its data and kind, or the ``InputError`` of why there is none."""
    data, kind, problem = item

    def load() -> tuple[Any, str | None]:
        if problem is not None:
            raise InputError(problem)
        return data, kind

    return load


def _cues(output: Output) -> bool | None:
    return False if output == "record" else None  # compact records carry no cues


def _output(result: Result | Exception, output: Output, on_error: OnError) -> Any:
    """A document's output: its result or record, or its failure (raised, or returned in its place)."""
    if isinstance(result, Exception):
        if on_error == "raise":
            raise result
        return _failed(result, output)
    return result.to_record() if output == "record" else result


def clean_stream(
    cleaner: Cleaner,
    docs: Iterable[Any],
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    field: str | None = None,
    kind: str | None = None,
    output: Output = "result",
    on_error: OnError = "raise",
    time_limit: float | None = None,
) -> Iterator[Any]:
    """What ``Cleaner.clean_many`` does (see there)."""
    if output not in ("result", "record"):
        raise ValueError(f"output must be 'result' or 'record', not {output!r}")
    if on_error not in ("raise", "return"):
        raise ValueError(f"on_error must be 'raise' or 'return', not {on_error!r}")
    time_limit = check_time_limit(time_limit)
    items = (document_item(doc, field, kind) for doc in docs)
    task = functools.partial(clean_items, output=output, on_error=on_error)
    on_crash = None if on_error == "raise" else lambda _item, error: _failed(error, output)
    outputs = pool_map(
        task,
        items,
        cleaner,
        workers=workers,
        chunk_size=chunk_size,
        time_limit=time_limit,
        on_crash=on_crash,
        batched=True,
    )
    return _raising(outputs)


def _raising(outputs: Iterator[Any]) -> Iterator[Any]:
    """``outputs``, raising a ``Raised`` failure where it stands; however this ends, ``outputs`` is closed (which
    ends its workers at once)."""
    try:
        for out in outputs:
            if isinstance(out, Raised):
                raise out.error
            yield out
    finally:
        close = getattr(outputs, "close", None)
        if close is not None:
            close()


def _failed(error: Exception, output: Output) -> Any:
    """A failure in a document's place: the exception, or the record ``{"error": "<Type>: message"}``."""
    return {"error": describe(error)} if output == "record" else error


@functools.lru_cache(maxsize=4)
def shared_cleaner(model: str | None, config: CleanerConfig) -> Cleaner:
    """This process's ``Cleaner`` for ``model``/``config``: the model loads once per process, not once per task.

    The integrations call this inside Dask workers and ``datasets`` map processes.
    """
    from cleaner.api import Cleaner

    return Cleaner(model, config=config)
