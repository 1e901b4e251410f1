"""Clean a stream of documents: input order, a process pool with one model per worker, bounded memory.

The one implementation behind ``Cleaner.clean_many``, ``cleaner batch`` and the Dask / ``datasets`` integrations.
The input is pulled lazily, in chunks; at most ``CHUNKS_PER_WORKER`` chunks per worker are in flight, and each
result is handed on as soon as the results before it are, so memory does not grow with the length of the stream.
"""

from __future__ import annotations

import functools
import logging
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal, TypeVar

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

CHUNKS_PER_WORKER = 2  # enough to keep every worker busy while the main process hands results on
DEFAULT_CHUNK_SIZE = 8  # documents per round trip to a worker: the round trip costs about one document's 1/50
FIELDS_AUTO = ("html", "text")  # the fields a dict document is read from when none is named, in this order
Output = Literal["result", "record"]
OnError = Literal["raise", "return"]


def pool_map(
    task: Task[T, R],
    items: Iterable[T],
    cleaner: Cleaner,
    *,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    time_limit: float | None = None,
    on_crash: Callable[[T, WorkerCrashError], R] | None = None,
) -> Iterator[R]:
    """``task(cleaner, item, time_limit)`` for every item, lazily and in input order.

    ``workers`` > 1 runs the tasks in that many spawned processes, each with its own unpickled copy of
    ``cleaner`` (so the model loads once per worker); ``workers`` = 1 runs them here, with ``cleaner`` itself.
    When a worker process dies (the OS killed it, a native library crashed), ``on_crash`` gives the output of the
    document that killed it, found by running the chunk in flight again one document at a time in a fresh pool,
    and the run goes on; without ``on_crash`` the pool's ``BrokenProcessPool`` is raised.
    """
    if workers < 1 or chunk_size < 1:
        raise ValueError("workers and chunk_size must be at least 1")
    if workers == 1:
        for item in items:
            yield task(cleaner, item, time_limit)
        return
    pool = _Pool(workers, cleaner, time_limit)
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()

    def next_results() -> list[R]:
        nonlocal pending
        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            if on_crash is None:
                raise
        # Every future of the broken pool is lost: find the culprit in the oldest chunk, then resubmit the rest.
        pool.restart()
        results = [_run_alone(pool, task, item, on_crash) for item in chunk]
        pending = deque((c, f if _succeeded(f) else pool.submit(_run_chunk, task, c)) for c, f in pending)
        return results

    try:
        for chunk in _chunks(items, chunk_size):
            pending.append((chunk, pool.submit(_run_chunk, task, chunk)))
            if len(pending) >= workers * CHUNKS_PER_WORKER:
                yield from next_results()
        while pending:
            yield from next_results()
    finally:
        pool.close()


def _succeeded(future: Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


class _Pool:
    """A spawn-context ``ProcessPoolExecutor`` whose workers hold one ``Cleaner`` each; replaceable when broken."""

    def __init__(self, workers: int, cleaner: Cleaner, time_limit: float | None) -> None:
        self.args = (workers, cleaner, time_limit)
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing

        workers, cleaner, time_limit = self.args
        # spawn, not fork: the caller may run threads (a progress bar, Dask, a web server) that a fork could catch
        # holding a lock.
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(cleaner, time_limit),
        )

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        return self.executor.submit(fn, *args)

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _run_alone(pool: _Pool, task: Task[T, R], item: T, on_crash: Callable[[T, WorkerCrashError], R]) -> R:
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
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_WORKER: Cleaner | None = None
_TIME_LIMIT: float | None = None


def _init_worker(cleaner: Cleaner, time_limit: float | None) -> None:
    """Keep this worker's ``Cleaner`` (its model loads on the first document)."""
    global _WORKER, _TIME_LIMIT
    from threadpoolctl import threadpool_limits

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    # Processes are the parallelism. OpenMP/BLAS threads inside each one only oversubscribe the cores, and the
    # smoother's tiny per-page predictions then stall at OpenMP barriers: 7 ms vs 2.9 s a page on 2 busy cores.
    threadpool_limits(1)
    _WORKER, _TIME_LIMIT = cleaner, time_limit


def _run_chunk(task: Task[T, R], chunk: list[T]) -> list[R]:
    assert _WORKER is not None, "the pool's initializer did not run"
    return [task(_WORKER, item, _TIME_LIMIT) for item in chunk]


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
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


def clean_item(
    cleaner: Cleaner,
    item: tuple[Any, str | None, str | None],
    seconds: float | None,
    *,
    output: Output = "result",
    on_error: OnError = "raise",
) -> Any:
    """One document's ``Result`` (or compact record); a failure is raised or, with ``on_error="return"``, returned
    (the exception itself, or a record ``{"error": "<Type>: message"}``). A model error is always raised."""
    data, kind, problem = item

    def load() -> tuple[Any, str | None]:
        if problem is not None:
            raise InputError(problem)
        return data, kind

    result = attempt(cleaner, load, seconds, cues=False if output == "record" else None)
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
    items = (document_item(doc, field, kind) for doc in docs)
    task = functools.partial(clean_item, output=output, on_error=on_error)
    on_crash = None if on_error == "raise" else lambda _item, error: _failed(error, output)
    return pool_map(
        task, items, cleaner, workers=workers, chunk_size=chunk_size, time_limit=time_limit, on_crash=on_crash
    )


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
