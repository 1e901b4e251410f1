"""Unattended runs (issue 17): every way a run ends leaves nothing behind; bounded memory; time limits that hold.

Process tests drive the installed entry point. Most use documents that never load the model -- JSONL lines without a
document field (an error record each, at once) and FIFOs named ``*.html``, which hold a worker like a slow page
until the run ends -- so they take seconds; the one run over real pages is marked slow.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

import cleaner
from cleaner.runners import sources, stream

from .test_cli import CLI

needs_cli = pytest.mark.skipif(CLI is None, reason="the cleaner entry point is not installed")
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform != "linux", reason="needs Linux /proc, FIFOs")


# --- helpers -----------------------------------------------------------------------------------------------------


def bad_lines(path: Path, n: int) -> None:
    """``n`` JSONL lines that hold no document: each is an error record, made without loading the model."""
    path.write_text("".join(json.dumps({"n": i}) + "\n" for i in range(n)))


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for_lines(path: Path, n: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.02)
    raise AssertionError(f"the run did not write {n} lines (exit {proc.poll()})")


def start_stuck_run(tmp_path: Path, fifos: int = 1) -> tuple[subprocess.Popen[bytes], Path]:
    """A run that wrote 40 records and then waits on FIFOs (slow documents), with 30 more quick ones after them."""
    bad_lines(tmp_path / "a.jsonl", 40)
    for i in range(fifos):
        os.mkfifo(tmp_path / f"slow{i}.html")
    bad_lines(tmp_path / "z.jsonl", 30)
    out = tmp_path / "out.jsonl"
    inputs = ["a.jsonl", *(f"slow{i}.html" for i in range(fifos)), "z.jsonl"]
    args = [CLI, "batch", *inputs, "-o", str(out), "-w", "2", "--chunk-size", "1"]
    proc = subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # type: ignore[list-item]
    wait_for_lines(out, 40, proc)
    return proc, out


def gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


# --- 1. processes ------------------------------------------------------------------------------------------------


@needs_cli
@posix_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, pytest.param(signal.SIGINT, marks=pytest.mark.slow)])
def test_a_signal_stops_the_run_writes_what_finished_and_leaves_nothing(tmp_path: Path, signum: int) -> None:
    proc, out = start_stuck_run(tmp_path)
    time.sleep(1.0)  # the other worker finishes the quick documents after the stuck one
    kids = children(proc.pid)
    assert len(kids) >= 2, kids  # the workers (and multiprocessing's resource tracker)
    started = time.monotonic()
    proc.send_signal(signum)  # the main process only, as Popen.terminate() does
    _, err = proc.communicate(timeout=20)
    assert time.monotonic() - started < 5
    assert proc.returncode == 128 + signum
    lines = err.decode().strip().splitlines()
    assert lines[-1].startswith("interrupted after") and "--resume" in lines[-1], err
    assert b"Traceback" not in err
    records = [json.loads(line) for line in out.read_bytes().splitlines()]
    paths = [r["source"]["path"] for r in records]
    assert paths[:40] == ["a.jsonl"] * 40 and "slow0.html" not in paths
    assert paths[40:] and set(paths[40:]) == {"z.jsonl"}  # finished after the stuck document: written, not lost
    assert [r["source"]["line"] for r in records[40:]] == list(range(1, len(records) - 39))
    assert gone_within(kids, 5) == []  # workers and resource tracker


@needs_cli
@posix_only
def test_a_second_ctrl_c_exits_at_once(tmp_path: Path) -> None:
    proc, out = start_stuck_run(tmp_path, fifos=2)  # both workers inside a slow document
    kids = children(proc.pid)
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    time.sleep(0.05)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=20)
    assert time.monotonic() - started < 5
    assert proc.returncode == 130
    assert out.read_bytes().endswith(b"\n") and out.read_bytes().count(b"\n") >= 40
    assert gone_within(kids, 5) == []


@needs_cli
@posix_only
def test_workers_and_tracker_die_with_a_killed_parent(tmp_path: Path) -> None:
    proc, _ = start_stuck_run(tmp_path, fifos=2)
    kids = children(proc.pid)
    assert len(kids) >= 2
    proc.kill()  # SIGKILL to the main process alone: what the OOM killer does
    proc.communicate(timeout=20)
    assert gone_within(kids, 5) == []


@needs_cli
@pytest.mark.slow
def test_interrupted_run_over_real_pages_resumes_to_each_document_once(tmp_path: Path) -> None:
    from .test_batch import page

    n = 150
    with gzip.open(tmp_path / "docs.jsonl.gz", "wt") as fh:
        fh.write("".join(json.dumps({"id": f"d{i}", "html": page(i)}) + "\n" for i in range(n)))
    out = tmp_path / "out.jsonl"
    args = [CLI, "batch", "docs.jsonl.gz", "-o", str(out), "-w", "2"]
    proc = subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # type: ignore[list-item]
    wait_for_lines(out, 10, proc)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=30)
    assert proc.returncode == 130
    written = out.read_bytes().count(b"\n")
    resumed = subprocess.run([*args, "--resume"], cwd=tmp_path, capture_output=True, timeout=300)  # type: ignore[list-item]
    assert resumed.returncode == 0, resumed.stderr
    assert f"{written} already there, skipped" in resumed.stdout.decode()
    records = [json.loads(line) for line in out.read_bytes().splitlines()]
    assert sorted(r["source"]["record_id"] for r in records) == sorted(f"d{i}" for i in range(n))
    assert not any("error" in r for r in records)


def test_a_stop_request_hands_on_finished_chunks_then_raises(tmp_path: Path) -> None:
    """In-process: the first document hangs; the ones after it finish; a stop writes those and raises."""
    from functools import partial

    from cleaner.runners.batch import run_batch
    from cleaner.runners.sources import Source

    slow = Source("slow", "html", partial(time.sleep, 60), {})
    quick = [Source(f"q{i}", "html", partial(Path.touch, tmp_path / f"q{i}"), {}) for i in range(3)]
    stop = stream.Stop()
    threading.Thread(target=_stop_when_touched, args=(stop, tmp_path, 3), daemon=True).start()
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    with pytest.raises(stream.Interrupted):
        run_batch([slow, *quick], out, workers=2, chunk_size=1, seconds=None, stop=stop)
    assert time.monotonic() - started < 30
    ids = [json.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert ids == ["q0", "q1", "q2"]  # finished after the hung one: written, in order


def _stop_when_touched(stop: stream.Stop, folder: Path, n: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(folder.glob("q*"))) < n:
        time.sleep(0.02)
    time.sleep(0.3)  # the worker's results travel back
    stop.request(signal.SIGINT)


# --- 2. bounded memory -------------------------------------------------------------------------------------------


def test_an_oversize_jsonl_line_is_an_error_record_and_never_held(tmp_path: Path) -> None:
    limit = 1 << 20
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(b'{"text": "first line."}\n')
        fh.write(b'{"text": "' + b"a" * (40 * limit) + b'"}\n')  # 40 MB in one line
        fh.write(b'{"text": "third line."}\n')
    tracemalloc.start()
    try:
        found = list(sources.iter_sources([path], limit=limit))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * limit, f"{peak / 1e6:.0f} MB held for a 40 MB line"
    assert [s.meta["line"] for s in found] == [1, 2, 3]
    with pytest.raises(cleaner.InputError, match="line 2 is over max_input_bytes=1,048,576"):
        found[1].load()
    assert found[2].load().data == "third line."
    assert sources.count_documents([path]) == 3


def test_the_progress_count_streams_and_matches_the_sources(tmp_path: Path) -> None:
    from .test_batch import page, write_warc

    write_warc(tmp_path / "c.warc.gz", [page(1), page(2)])
    (tmp_path / "d.jsonl").write_text('{"text": "a"}\n\n   \n{"text": "b"}\n{"text": "c"}')  # blank lines, no final \n
    (tmp_path / "p.html").write_text(page(3))
    files = sources.expand_inputs([tmp_path])
    assert sources.count_documents(files) == len(list(sources.iter_sources(files))) == 6


@needs_cli
def test_progress_bar_run(tmp_path: Path) -> None:
    bad_lines(tmp_path / "a.jsonl", 5)
    proc = subprocess.run(
        [CLI, "batch", "a.jsonl", "-o", "o.jsonl", "-w", "1", "--progress"],  # type: ignore[list-item]
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert (tmp_path / "o.jsonl").read_bytes().count(b"\n") == 5


# --- 3. time limits ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-5, math.nan, math.inf, "10"])
def test_bad_time_limits_are_refused_at_once(bad: object) -> None:
    from cleaner.runners.batch import run_batch

    with pytest.raises(ValueError, match="time_limit must be"):
        cleaner.Cleaner().clean_many(["x"], time_limit=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="time_limit must be"):
        run_batch([], "-", workers=1, seconds=bad)  # type: ignore[arg-type]
    assert stream.check_time_limit(0) is None and stream.check_time_limit(None) is None
    assert stream.check_time_limit(2) == 2.0


def test_a_time_limit_off_the_main_thread_is_refused_not_ignored() -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with stream.deadline(1):
                pass
        except RuntimeError as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert len(errors) == 1 and "main thread" in str(errors[0])


def test_clean_many_keeps_a_time_limit_off_the_main_thread(cleaner_instance: cleaner.Cleaner) -> None:
    huge = "<div>" + "<p>word " * 200_000
    out: list[object] = []

    def run() -> None:  # a worker thread: SIGALRM cannot fire here, so clean_many uses a worker process
        out.extend(cleaner_instance.clean_many([huge], output="record", on_error="return", time_limit=0.3))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    assert out == [{"error": "TimeLimitError: took longer than the time limit of 0.3 s"}]


# --- 6. the library stream ---------------------------------------------------------------------------------------


def test_clean_many_yields_what_was_pulled_before_the_input_fails(cleaner_instance: cleaner.Cleaner) -> None:
    def docs():  # ints are error records made without the model: the test is about the pool, not cleaning
        yield from range(17)
        raise OSError("the input broke")

    for workers in (1, 2):
        got = []
        with pytest.raises(OSError, match="the input broke"):
            for record in cleaner_instance.clean_many(
                docs(), workers=workers, chunk_size=3, output="record", on_error="return"
            ):
                got.append(record)
        assert len(got) == 17, workers
        assert all(r["error"].startswith("InputError: a document is str") for r in got)
