#!/usr/bin/env python3
"""Throughput and memory of cleaner as a pipeline step: in-process pool and Dask, over a long stream.

    python scripts/scaling_benchmark.py                  # 20,000+ documents per run, 4 runs (~30 min on 2 cores)
    python scripts/scaling_benchmark.py --docs 2000 --runs local-2 dask-2 --no-docs

The stream repeats the public benchmark pages (cleaneval, dragnet, cetd from ../shared/benchmarks) in shards of
SHARD_SIZE pages, written once to a temporary folder as JSON Lines. Every run reads the same shards and writes
compact records (``output="record"``) to JSON Lines, like a pipeline step:

- ``local-N``: ``Cleaner.clean_many(stream, workers=N, output="record")`` (N = 1 cleans in this process);
- ``dask-N``: ``clean_bag`` on a ``distributed.LocalCluster`` with N single-threaded worker processes, one
  partition per shard, written with ``to_textfiles``.

Memory is sampled during the run: the resident set (VmRSS) of every worker process (and of this process for
``local-N``), after every SAMPLE_EVERY documents (local) or every SAMPLE_SECONDS (Dask); the report gives each
process's largest RSS in each quarter of the run (level: flat; climbing: growing with the stream). Writes
docs/scaling.json and, unless ``--no-docs``, the scaling section of docs/BENCHMARKS.md (between its scaling
markers); ``--render`` rewrites that section from docs/scaling.json without running anything.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO.parent / "shared" / "benchmarks"
DOCS = REPO / "docs"
SOURCES = ("cleaneval", "dragnet", "cetd")
SHARD_SIZE = 235  # 2,820 pages = 12 shards of 235
SAMPLE_EVERY = 500
SAMPLE_SECONDS = 2.0
MARK_START, MARK_END = "<!-- scaling:start -->", "<!-- scaling:end -->"
RUNS = ("local-1", "local-2", "dask-1", "dask-2")


def proc_rss_mb(pid: int | str = "self") -> tuple[float, float]:
    """(current, peak) resident set of a process in MB, from /proc (0, 0 when it is gone)."""
    values = {"VmRSS": 0.0, "VmHWM": 0.0}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                key, _, rest = line.partition(":")
                if key in values:
                    values[key] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return values["VmRSS"], values["VmHWM"]


def pool_workers() -> list[int]:
    """Pids of this process's spawned pool workers (not the resource tracker)."""
    me = str(os.getpid())
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = fh.read().rsplit(")", 1)[1].split()[1]
            if ppid != me:
                continue
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                if b"spawn_main" in fh.read():
                    found.append(int(entry))
        except (OSError, IndexError):
            continue
    return sorted(found)


def write_shards(folder: Path, min_docs: int) -> list[Path]:
    """Write the unique shards (SHARD_SIZE pages each, as ``{"id", "html"}`` lines), page by page; return the
    shard list of the stream: the unique shards repeated until it holds at least ``min_docs`` documents."""
    sizes: dict[Path, int] = {}
    shard = None
    for name in SOURCES:
        with gzip.open(BENCH_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                if shard is None or sizes[Path(shard.name)] == SHARD_SIZE:
                    if shard is not None:
                        shard.close()
                    shard = open(folder / f"shard-{len(sizes):02d}.jsonl", "w", encoding="utf-8")
                    sizes[Path(shard.name)] = 0
                record = json.loads(line)
                shard.write(json.dumps({"id": record["id"], "html": record["html"]}, ensure_ascii=False) + "\n")
                sizes[Path(shard.name)] += 1
    if shard is not None:
        shard.close()
    unique = list(sizes)
    stream: list[Path] = []
    total = 0
    while total < min_docs:
        path = unique[len(stream) % len(unique)]
        stream.append(path)
        total += sizes[path]
    return stream


def read_stream(shards: list[Path]) -> Iterator[dict[str, Any]]:
    for path in shards:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)


def flatness(samples: list[dict[str, Any]], key: str) -> dict[str, list[float]]:
    """Per process: the largest RSS sampled in each quarter of the run (MB). Flat memory: the four are level;
    growth with the stream: they climb."""
    end = max((sample[key] for sample in samples), default=0)
    out: dict[str, list[float]] = {}
    for sample in samples:
        quarter = min(3, int(4 * sample[key] / end)) if end else 0
        for name, rss in sample["rss_mb"].items():
            peaks = out.setdefault(name, [0.0, 0.0, 0.0, 0.0])
            peaks[quarter] = round(max(peaks[quarter], rss), 1)
    return out


def run_local(workers: int, shards: list[Path], out_dir: Path) -> dict[str, Any]:
    import cleaner

    c = cleaner.Cleaner()
    samples: list[dict[str, Any]] = []
    started = time.perf_counter()
    done = failed = 0
    peaks: dict[str, float] = {}
    with open(out_dir / f"local-{workers}.jsonl", "w", encoding="utf-8") as sink:
        for record in c.clean_many(read_stream(shards), workers=workers, output="record", on_error="return"):
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            done += 1
            failed += "error" in record
            if done % SAMPLE_EVERY == 0:
                pids = pool_workers() if workers > 1 else []
                rss = {"main": proc_rss_mb()[0]} | {f"worker-{i}": proc_rss_mb(p)[0] for i, p in enumerate(pids)}
                for i, pid in enumerate(pids):
                    peaks[f"worker-{i}"] = max(peaks.get(f"worker-{i}", 0.0), proc_rss_mb(pid)[1])
                samples.append({"docs": done, "seconds": time.perf_counter() - started, "rss_mb": rss})
    seconds = time.perf_counter() - started
    peaks["main"] = proc_rss_mb()[1]
    return {
        "docs": done,
        "failed": failed,
        "seconds": round(seconds, 1),
        "docs_per_s": round(done / seconds, 2),
        "peak_rss_mb": {k: round(v, 1) for k, v in peaks.items()},
        "flat": flatness(samples, "docs"),
        "samples": samples,
    }


def _worker_rss() -> tuple[float, float]:
    return proc_rss_mb()


def run_dask(workers: int, shards: list[Path], out_dir: Path) -> dict[str, Any]:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from cleaner.integrations.dask import clean_bag

    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: __import__("cleaner"))  # imports are start-up, as for the pool's workers
        names = {addr: f"worker-{i}" for i, addr in enumerate(sorted(client.scheduler_info()["workers"]))}
        started = time.perf_counter()
        bag = clean_bag(db.read_text([str(p) for p in shards], blocksize=None).map(json.loads), field="html")
        target = str(out_dir / f"dask-{workers}" / "*.jsonl")
        future = client.compute(
            bag.map(lambda r: json.dumps(r["cleaner"], ensure_ascii=False)).to_textfiles(target, compute=False)
        )
        samples: list[dict[str, Any]] = []
        stop = threading.Event()
        while not stop.wait(SAMPLE_SECONDS):
            rss = {names[a]: cur for a, (cur, _) in client.run(_worker_rss).items()}
            samples.append({"seconds": time.perf_counter() - started, "rss_mb": rss})
            if all(f.done() for f in future):
                break
        client.gather(future)
        seconds = time.perf_counter() - started
        peaks = {names[a]: round(peak, 1) for a, (_, peak) in client.run(_worker_rss).items()}
    done = failed = 0
    for path in sorted((out_dir / f"dask-{workers}").glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                done += 1
                failed += '"error": ' in line[:12]
    return {
        "docs": done,
        "failed": failed,
        "seconds": round(seconds, 1),
        "docs_per_s": round(done / seconds, 2),
        "peak_rss_mb": peaks,
        "flat": flatness(samples, "seconds"),
        "samples": samples,
    }


def render(result: dict[str, Any]) -> str:
    meta = result["meta"]
    lines = [
        MARK_START,
        "## Scaling: a pipeline step over a long stream",
        "",
        f"Generated by `scripts/scaling_benchmark.py` ({meta['date']}; `{meta['command']}`; {meta['machine']}, "
        f"{meta['cpu_count']} cores; model {meta['model_version']}). Each run cleans the same "
        f"{meta['docs']:,}-document stream — the {meta['unique_pages']:,} public cleaneval/dragnet/cetd pages "
        "repeated, read from "
        f"{meta['shards']} JSON Lines shards — into compact records written to JSON Lines. `local-N` is "
        "`Cleaner.clean_many(..., workers=N)`; `dask-N` is `cleaner.integrations.dask.clean_bag` on a "
        "`distributed.LocalCluster` with N single-threaded worker processes (one partition per shard). Times "
        "include starting the workers and loading the model. RSS is sampled during the run; the last column "
        "gives each process's largest sample in each quarter of the run (level numbers: memory flat over the "
        "stream; climbing numbers: growing with it).",
        "",
        "| run | documents | seconds | documents/s | speed-up | peak RSS per worker (MB) "
        "| largest RSS per quarter of the run, Q1 / Q2 / Q3 / Q4 (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    base = {kind: result["runs"].get(f"{kind}-1", {}).get("docs_per_s") for kind in ("local", "dask")}
    for name, run in result["runs"].items():
        kind = name.split("-")[0]
        speedup = f"{run['docs_per_s'] / base[kind]:.2f}×" if base.get(kind) else "—"
        workers = {k: v for k, v in run["peak_rss_mb"].items() if k.startswith("worker")} or run["peak_rss_mb"]
        peaks = ", ".join(f"{v:.0f}" for v in workers.values())
        growth = "; ".join(f"{k} " + " / ".join(f"{mb:.0f}" for mb in v) for k, v in run["flat"].items())
        lines.append(
            f"| {name} | {run['docs']:,} | {run['seconds']:.0f} | {run['docs_per_s']:.1f} | {speedup} | "
            f"{peaks} | {growth} |"
        )
    lines += [
        "",
        'Every run is a fresh process. `local-1` cleans in that process ("main"); in `local-2` "main" only '
        "reads, hands documents on and writes records. Raw samples: `docs/scaling.json`.",
        MARK_END,
    ]
    return "\n".join(lines) + "\n"


def update_benchmarks_md(section: str) -> None:
    path = DOCS / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        text = head + section.rstrip("\n") + rest.split(MARK_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def one_run(name: str, shards: list[Path], folder: Path) -> dict[str, Any]:
    kind, n = name.split("-")
    return run_local(int(n), shards, folder) if kind == "local" else run_dask(int(n), shards, folder)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=20_000, help="documents per run, at least (whole shards)")
    ap.add_argument("--runs", nargs="+", default=list(RUNS), choices=RUNS)
    ap.add_argument("--out", default=str(DOCS / "scaling.json"))
    ap.add_argument("--no-docs", action="store_true", help="do not update docs/BENCHMARKS.md")
    ap.add_argument("--render", action="store_true", help="only rewrite the BENCHMARKS.md section from --out")
    ap.add_argument("--one-run", nargs=3, metavar=("NAME", "SHARD_LIST", "FOLDER"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one_run:  # a child: one run in a fresh process, its result as JSON on stdout
        name, shard_list, folder = args.one_run
        shards = [Path(line) for line in Path(shard_list).read_text(encoding="utf-8").splitlines()]
        print(json.dumps(one_run(name, shards, Path(folder))))
        return {}

    if args.render:  # the report again from the recorded samples (e.g. after changing how it summarises them)
        result = json.loads(Path(args.out).read_text(encoding="utf-8"))
        for run in result["runs"].values():
            run["flat"] = flatness(run["samples"], "docs" if "docs" in run["samples"][0] else "seconds")
        Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        update_benchmarks_md(render(result))
        return result

    import cleaner

    result: dict[str, Any] = {"runs": {}}
    with tempfile.TemporaryDirectory(prefix="cleaner-scaling-") as tmp:
        folder = Path(tmp)
        shards = write_shards(folder, args.docs)
        shard_list = folder / "stream.txt"
        shard_list.write_text("".join(f"{p}\n" for p in shards), encoding="utf-8")
        unique = len({p.name for p in shards})
        for name in args.runs:
            print(f"{name}: ...", file=sys.stderr, flush=True)
            # each run in its own process: no run inherits another's memory, imports or loaded model
            child = [sys.executable, __file__, "--one-run", name, str(shard_list), str(folder)]
            done = subprocess.run(child, capture_output=True, text=True, check=True)
            run = json.loads(done.stdout.strip().splitlines()[-1])
            result["runs"][name] = run
            print(
                f"{name}: {run['docs']} docs in {run['seconds']} s = {run['docs_per_s']} docs/s; "
                f"peak RSS {run['peak_rss_mb']}; flat {run['flat']}",
                file=sys.stderr,
                flush=True,
            )
        docs = sum(1 for _ in read_stream(shards))
    result["meta"] = {
        "date": time.strftime("%Y-%m-%d"),
        "command": shlex.join(["python", "scripts/scaling_benchmark.py", *(argv or sys.argv[1:])]),
        "machine": f"{platform.system()} {platform.machine()}",
        "cpu_count": os.cpu_count(),
        "model_version": cleaner.Cleaner().model_version,
        "docs": docs,
        "shards": len(shards),
        "unique_pages": min(docs, unique * SHARD_SIZE),
        "python": platform.python_version(),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if not args.no_docs:
        update_benchmarks_md(render(result))
    return result


if __name__ == "__main__":
    main()
