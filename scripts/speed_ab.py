#!/usr/bin/env python3
"""cleaner's stage times in two versions of the code, A/B on the same pages, and whether their outputs are equal.

    python scripts/speed_ab.py --old 0c4d931 --new 4b6c037             # CPU ms per page, 100 pages of each set
    python scripts/speed_ab.py --old HEAD --pages 30                   # HEAD against this working tree
    python scripts/speed_ab.py --old 0c4d931 --new 4b6c037 --clock wall
    python scripts/speed_ab.py --old 0c4d931 --new 4b6c037 --runs 1 --seed 23    # each page once: cold caches
    python scripts/speed_ab.py --old 0c4d931 --new 4b6c037 --check     # outputs bitwise equal? (no timing)

Each version runs in a process of its own: a revision's ``cleaner/`` is exported with ``git archive`` into a
temporary folder and imported from there (no ``--new``: this checkout's working tree), with the shipped model of
its own tree unless ``--model`` names one for both. Both processes run this checkout's stage timer, the
benchmark's ``cleaner_stages`` system (``scripts/bench/systems.py``): parse, segment, *features*
(``features.extract``), *model* (``Features.matrix``, ``predict_proba`` and the label choice) and cues, on the
same pages (``--pages`` of each dataset: the benchmark's seeded sample, ``benchmark.py --sample N --seed S``),
single-threaded, after an untimed warm-up on a small page of their own. Page by page the two take turns, the
order flipped every page (old, new on even pages; new, old on odd ones), each process idle on its pipe while the
other runs; ``--runs 2`` (the default) makes that old, new, old, new and a page's time the mean of its runs;
``--runs 1`` runs each page once per version, so caches keyed on tokens or markup are cold for what a page brings
new. Printed: per stage, the median ms per page of each version, the median over pages of the ratio new/old,
and the ratio of the medians; ``--out`` also writes every page's times as JSON.

``--check`` times nothing: on every page it compares sha256 digests of the blocks (every field), the features
(dense, word and markup matrices and the model's input matrix), the probabilities (dtype, shape and bytes) and
the full result (``output_digest.result_json``: ``to_dict()`` with cues) of the two versions, and exits 1 if
any differ.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))  # the bench package and output_digest beside this file

from bench.datasets import dataset_name, dataset_path, document, load_records, record_kind  # noqa: E402
from bench.systems import CleanerStages  # noqa: E402

DEFAULT_DATASETS = ("modern-dev", "wcxb-dev", "dragnet")  # session 7's mix
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
CHECKED = ("blocks", "features", "probabilities", "result")
WARM_UP = (
    (
        "<html><head><title>Warm-up</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav>"
        "<main><h1>Warm-up</h1><p class='lead'>"
        + "The first call of each stage pays for lazy imports and first-call costs. " * 4
        + "</p></main><footer class='site-footer'>Copyright</footer></body></html>",
        "html",
    ),
    ("A plain text paragraph for the warm-up.\n\nAnd a second one, shorter.", "text"),
)


# -- the numbers ------------------------------------------------------------------------------------------------


def page_order(page: int) -> tuple[str, str]:
    """Which version runs first on a page: old on even pages, new on odd ones."""
    return ("old", "new") if page % 2 == 0 else ("new", "old")


@dataclasses.dataclass(frozen=True)
class StageSummary:
    stage: str
    pages: int
    old_ms: float  # median over pages
    new_ms: float
    page_ratio: float  # median over pages of new / old (pages where old took no measurable time left out)

    @property
    def ratio_of_medians(self) -> float:
        return self.new_ms / self.old_ms if self.old_ms else float("nan")


def summarise(stage: str, old: Sequence[float], new: Sequence[float]) -> StageSummary:
    """One stage's per-page times (ms) of both versions, page for page, summarised."""
    if len(old) != len(new) or not old:
        raise ValueError(f"{stage}: {len(old)} old and {len(new)} new page times")
    ratios = [b / a for a, b in zip(old, new, strict=True) if a > 0]
    page_ratio = statistics.median(ratios) if ratios else float("nan")
    return StageSummary(stage, len(old), statistics.median(old), statistics.median(new), page_ratio)


def table(summaries: Sequence[StageSummary], labels: tuple[str, str]) -> str:
    lines = [
        f"| stage | {labels[0]} ms | {labels[1]} ms | median per-page ratio new/old | ratio of medians |",
        "|---|---:|---:|---:|---:|",
    ]
    for s in summaries:
        lines.append(f"| {s.stage} | {s.old_ms:.2f} | {s.new_ms:.2f} | {s.page_ratio:.3f} | {s.ratio_of_medians:.3f} |")
    return "\n".join(lines)


# -- the worker: one version's cleaner, timing or digesting pages on request -------------------------------------


def _feed(digest: Any, value: Any) -> None:
    import numpy as np
    import scipy.sparse as sp

    if isinstance(value, np.ndarray):
        digest.update(f"array {value.dtype.str} {value.shape}\n".encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    elif sp.issparse(value):
        csr = value.tocsr()
        digest.update(f"csr {csr.dtype.str} {csr.shape}\n".encode())
        for part in (csr.data, csr.indices, csr.indptr):
            _feed(digest, part)
    elif isinstance(value, (list, tuple)):
        digest.update(f"seq {len(value)}\n".encode())
        for item in value:
            _feed(digest, item)
    elif isinstance(value, bytes):
        digest.update(value)
    else:
        digest.update(repr(value).encode())


def sha256_of(value: Any) -> str:
    """A digest of arrays (dtype, shape, bytes), sparse matrices (CSR parts), bytes and reprs, nested in lists."""
    digest = hashlib.sha256()
    _feed(digest, value)
    return digest.hexdigest()


def page_digests(stages: CleanerStages, cleaner_: Any, doc: str, kind: str) -> dict[str, str]:
    from output_digest import result_json

    stages(doc, kind)
    blocks, feats, probs = stages.outputs
    parts = {
        "blocks": [repr(dataclasses.astuple(b)).encode() for b in blocks],
        "features": [feats.dense, feats.words, feats.markup, feats.matrix if feats.n else None],
        "probabilities": probs,
        "result": result_json(cleaner_, doc, kind),
    }
    return {name: sha256_of(value) for name, value in parts.items()}


def send(pipe: IO[str], message: Any) -> None:
    pipe.write(json.dumps(message) + "\n")
    pipe.flush()


def serve(tree: Path, pages_file: Path, clock: str, model: str | None) -> None:
    """One version's process: a JSON request per line on stdin, a JSON reply per line on stdout."""
    pipe, sys.stdout = sys.stdout, sys.stderr  # a stray print must not reach the pipe
    import cleaner

    where = Path(cleaner.__file__).resolve().parent
    if not where.is_relative_to(tree.resolve()):
        raise SystemExit(f"cleaner was imported from {where}, not from {tree}")
    stages = CleanerStages(model, clock=CLOCKS[clock])
    pages = json.loads(pages_file.read_text(encoding="utf-8"))
    for doc, kind in WARM_UP:
        stages(doc, kind)
    send(pipe, {"cleaner": str(where), "model": stages.model_version})
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "time":
            page = pages[request["page"]]
            stages(page["doc"], page["kind"])
            send(pipe, stages.last)
        elif request["op"] == "check":
            full = cleaner.Cleaner(model)
            send(pipe, [page_digests(stages, full, page["doc"], page["kind"]) for page in pages])
        else:
            raise SystemExit(f"unknown request {request!r}")


# -- the driver -------------------------------------------------------------------------------------------------


class Version:
    """One version's worker process."""

    def __init__(self, label: str, tree: Path, pages_file: Path, args: argparse.Namespace) -> None:
        self.label = label
        command = [sys.executable, str(Path(__file__).resolve()), "--serve", str(tree), "--pages-file", str(pages_file)]
        command += ["--clock", args.clock] + (["--model", args.model] if args.model else [])
        env = {**os.environ, "PYTHONPATH": str(tree), **dict.fromkeys(THREAD_VARS, "1")}
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.info: dict[str, str] = self.receive()

    def receive(self) -> Any:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"{self.label}: its process stopped (exit {self.process.wait()}; see its error above)")
        return json.loads(line)

    def ask(self, request: dict[str, Any]) -> Any:
        assert self.process.stdin is not None
        send(self.process.stdin, request)
        return self.receive()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True).stdout.strip()


def export(rev: str, dest: Path) -> str:
    """Writes revision ``rev``'s ``cleaner/`` into ``dest``; returns the revision's short hash."""
    short = git("rev-parse", "--short", f"{rev}^{{commit}}")
    dest.mkdir(parents=True)
    archive = subprocess.Popen(["git", "-C", str(REPO), "archive", short, "cleaner"], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout, check=True)
    if archive.wait():
        raise SystemExit(f"git archive {short} failed")
    return short


def working_tree_label() -> str:
    changed = git("status", "--porcelain", "--", "cleaner")
    return f"working tree ({git('rev-parse', '--short', 'HEAD')}{' + changes' if changed else ''})"


def load_pages(datasets: Sequence[str], per_set: int, seed: int) -> tuple[list[dict[str, str]], dict[str, int]]:
    """The benchmark's seeded sample of each dataset: [{id, doc, kind}] and the count per dataset."""
    pages: list[dict[str, str]] = []
    counts: dict[str, int] = {}
    for spec in datasets:
        path = dataset_path(spec)
        records = load_records(path, per_set, None, seed)
        for i, rec in enumerate(records):
            doc, kind = document(rec, record_kind(rec))
            pages.append({"id": str(rec.get("id", f"{dataset_name(path)}/{i}")), "doc": doc, "kind": kind})
        counts[dataset_name(path)] = len(records)
    return pages, counts


def time_pages(versions: dict[str, Version], n_pages: int, runs: int) -> dict[str, list[dict[str, float]]]:
    """Per version, per page: each stage's mean ms over ``runs`` runs, the versions taking turns."""
    times: dict[str, list[dict[str, float]]] = {name: [] for name in versions}
    for i in range(n_pages):
        sums: dict[str, dict[str, float]] = {name: {} for name in versions}
        for _ in range(runs):
            for name in page_order(i):
                for stage, ms in versions[name].ask({"op": "time", "page": i}).items():
                    sums[name][stage] = sums[name].get(stage, 0.0) + ms / runs
        for name in versions:
            times[name].append(sums[name])
        if (i + 1) % 50 == 0:
            print(f"{i + 1}/{n_pages} pages", file=sys.stderr)
    return times


def check_pages(versions: dict[str, Version], pages: list[dict[str, str]], labels: tuple[str, str]) -> bool:
    digests = {name: version.ask({"op": "check"}) for name, version in versions.items()}
    pairs = list(zip(pages, digests["old"], digests["new"], strict=True))
    differing = {part: [page["id"] for page, a, b in pairs if a[part] != b[part]] for part in CHECKED}
    counts = ", ".join(f"{part} {len(pages) - len(ids)}/{len(pages)}" for part, ids in differing.items())
    print(f"outputs of {labels[0]} and {labels[1]}, pages bitwise identical: {counts}")
    for part, ids in differing.items():
        if ids:
            print(f"  {part} differ on {len(ids)}: {', '.join(ids[:10])}{' ...' if len(ids) > 10 else ''}")
    return not any(differing.values())


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", default="HEAD", help="git revision of the old version (default HEAD)")
    ap.add_argument("--new", help="git revision of the new version (default: this checkout's working tree)")
    ap.add_argument("--datasets", nargs="+", default=list(DEFAULT_DATASETS), help="names in ../shared/benchmarks")
    ap.add_argument("--pages", type=int, default=100, help="pages per dataset (seeded sample; default 100)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the sample (as benchmark.py's --seed)")
    ap.add_argument("--clock", choices=sorted(CLOCKS), default="cpu", help="cpu: time.process_time (default)")
    ap.add_argument("--runs", type=int, default=2, help="runs of each page per version (1: each page once)")
    ap.add_argument("--stages", default="features,model", help=f"comma list out of {','.join(CleanerStages.STAGES)}")
    ap.add_argument("--model", help="model directory for both versions (default: each tree's shipped model)")
    ap.add_argument("--check", action="store_true", help="compare outputs instead of timing")
    ap.add_argument("--out", type=Path, help="also write every page's times as JSON")
    ap.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # a worker: the tree whose cleaner it imports
    ap.add_argument("--pages-file", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.stages = [s for s in args.stages.split(",") if s]
    unknown = [s for s in args.stages if s not in CleanerStages.STAGES]
    if unknown:
        ap.error(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(CleanerStages.STAGES)}")
    if args.pages < 1 or args.runs < 1:
        ap.error("--pages and --runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve:
        serve(args.serve, args.pages_file, args.clock, args.model)
        return 0
    pages, counts = load_pages(args.datasets, args.pages, args.seed)
    with tempfile.TemporaryDirectory(prefix="speed_ab-") as tmp:
        trees = {"old": Path(tmp, "old"), "new": Path(tmp, "new") if args.new else REPO}
        labels = (export(args.old, trees["old"]), export(args.new, trees["new"]) if args.new else working_tree_label())
        pages_file = Path(tmp, "pages.json")
        pages_file.write_text(json.dumps(pages), encoding="utf-8")
        versions = {
            name: Version(label, trees[name], pages_file, args) for name, label in zip(trees, labels, strict=True)
        }
        try:
            for name, label in zip(versions, labels, strict=True):
                info = versions[name].info
                print(f"{name}: {label}, cleaner from {info['cleaner']}, model {info['model']}")
            sample = ", ".join(f"{name} {n}" for name, n in counts.items())
            print(f"{len(pages)} pages ({sample}; seed {args.seed})")
            if args.check:
                return 0 if check_pages(versions, pages, labels) else 1
            load = os.getloadavg()[0]
            times = time_pages(versions, len(pages), args.runs)
        finally:
            for version in versions.values():
                version.close()
    clock = CLOCKS[args.clock]
    print(
        f"clock {args.clock} (time.{clock.__name__}); {args.runs} run(s) per page per version, old and new taking "
        f"turns, order flipped every page; load average {load:.1f} at the start"
    )
    summaries = [
        summarise(stage, [t[stage] for t in times["old"]], [t[stage] for t in times["new"]]) for stage in args.stages
    ]
    print(table(summaries, labels))
    if args.out:
        record = {"labels": labels, "clock": args.clock, "runs": args.runs, "seed": args.seed, "sample": counts,
                  "pages": [p["id"] for p in pages], "ms": times,
                  "summary": [dataclasses.asdict(s) for s in summaries]}  # fmt: skip
        args.out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
