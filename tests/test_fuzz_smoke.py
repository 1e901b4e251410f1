"""A short, deterministic run of scripts/fuzz.py: no input may escape the CleanerError contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fuzz.py"


def test_fuzz_smoke(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--seconds", "10", "--seed", "1", "--out", str(tmp_path / "fuzz")],
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    assert "failures: 0" in output, output[-4000:]
