"""The installed ``cleaner`` entry point, run as a user would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE

CLI = shutil.which("cleaner", path=str(Path(sys.executable).parent)) or shutil.which("cleaner")
pytestmark = pytest.mark.skipif(CLI is None, reason="the cleaner entry point is not installed")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, timeout=120)  # type: ignore[list-item]


def test_clean_example_as_json(example_text: str) -> None:
    proc = run("clean", str(EXAMPLE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [s["label"] for s in data["segments"] if s["label"] != "content"] == ["poll", "consent"]


def test_clean_from_stdin_with_flagged() -> None:
    proc = run("clean", "-", "--show-flagged", stdin=b"<html><body><p>Hello world, this is a page.</p></body></html>")
    assert proc.returncode == 0
    assert b"Hello world" in proc.stdout


def test_missing_file_is_a_one_line_usage_error(tmp_path: Path) -> None:
    proc = run("clean", str(tmp_path / "nope.html"))
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and b"Traceback" not in proc.stderr


def test_info_and_help() -> None:
    proc = run("info")
    assert proc.returncode == 0 and b"version:" in proc.stdout
    for command in ("clean", "train", "evaluate", "info"):
        help_text = run(command, "--help").stdout.decode()
        assert "Example:" in help_text


def test_data_check_reports_problems_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(
        '<html><body data-label="boilerplate"><p data-label="spam">x</p>\n<div>ok</div></body></html>'
    )
    (tmp_path / "docs.jsonl").write_text(
        json.dumps({"paragraphs": [{"text": "a", "label": "content"}, {"text": "b"}]}) + "\n"
    )
    proc = run("data", "check", str(tmp_path))
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "bad.html:1: unknown-label" in out
    assert "docs.jsonl:1: unlabelled" in out


def test_train_on_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [CLI, "train", str(tmp_path / "nonexistent"), "--out", str(tmp_path / "m")],  # type: ignore[list-item]
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().count("\n") == 0 and b"no such file or folder" in proc.stderr


def test_train_install_outside_a_checkout_refuses_to_touch_the_installed_package(tmp_path: Path) -> None:
    proc = subprocess.run([CLI, "train", "--install"], capture_output=True, timeout=120, cwd=tmp_path)  # type: ignore[list-item]
    assert proc.returncode == 2
    assert b"never modified" in proc.stderr and b"Traceback" not in proc.stderr
