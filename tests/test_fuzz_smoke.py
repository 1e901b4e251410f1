"""A short, deterministic run of scripts/fuzz.py: no input may escape the CleanerError contract, and pathological
markup (unclosed raw-text elements, huge nodes, many tiny elements, deep nesting) stays within its time budget."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fuzz.py"


def _fuzz(tmp_path: Path, *args: str, timeout: int) -> str:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--seed", "1", "--out", str(tmp_path / "fuzz"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    assert "failures: 0" in output, output[-4000:]
    return output


def test_fuzz_smoke(tmp_path: Path) -> None:
    output = _fuzz(tmp_path, "--seconds", "10", "--budget", "10", timeout=180)
    assert "pathological=" in output  # the pathological generator ran


@pytest.mark.slow
def test_fuzz_big_pathological_pages(tmp_path: Path) -> None:
    output = _fuzz(tmp_path, "--seconds", "5", "--big", "--budget", "60", "--timeout", "120", timeout=900)
    for name in ("big-inline-image", "big-5m-p", "big-unclosed-script", "big-deep", "big-attributes"):
        assert name in output
