"""Benchmark datasets: where they are and which records are read (the records themselves, their kinds and
their gold are read as ``cleaner.learning.gate`` reads them, so ``--sample 30`` takes the ci gate's pages)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cleaner.learning.gate import document, read_records, record_kind, typed_gold

REPO = Path(__file__).resolve().parent.parent.parent
BENCH_DIR = REPO.parent / "shared" / "benchmarks"
DEFAULT_DATASETS = (
    "cleaneval",
    "dragnet",
    "cetd",
    "modern-dev",
    "wcxb-dev",
    "typed-dev",
    "typed-modern-dev",
    "injected-dev",
    "injected-modern-dev",
)

__all__ = [
    "BENCH_DIR",
    "DEFAULT_DATASETS",
    "dataset_name",
    "dataset_path",
    "document",
    "load_records",
    "record_kind",
    "typed_gold",
]


def dataset_path(spec: str) -> Path:
    """A dataset name (looked up in ../shared/benchmarks) or a path."""
    path = Path(spec)
    if path.suffix in (".gz", ".jsonl") or path.exists():
        return path
    return BENCH_DIR / f"{spec}.jsonl.gz"


def dataset_name(path: Path) -> str:
    return path.name.removesuffix(".gz").removesuffix(".jsonl")


def load_records(path: Path, sample: int | None, first: int | None, seed: int) -> list[dict[str, Any]]:
    """All records, the first N in file order (``first``) or a seeded shuffle's first N (``sample``)."""
    return read_records(path, sample, seed, first=first)
