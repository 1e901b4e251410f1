"""The installed ``cleaner`` entry point, run as a user would."""

from __future__ import annotations

import gzip
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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


# --- reading input as batch does, and saying what happens --------------------------------------------------------

ARTICLE = (
    "<html><body><article><h1>Harbour wall repaired</h1>"
    "<p>The council met on Monday and voted to repair the old harbour wall before the winter storms arrive.</p>"
    "<p>Repairs will cost four million pounds and take six months, the council said in a statement.</p>"
    "</article></body></html>"
)


def test_clean_reads_gz_like_batch(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(ARTICLE.encode()))
    proc = run("clean", str(page))
    assert proc.returncode == 0, proc.stderr
    assert b"harbour wall before the winter storms" in proc.stdout


def test_an_empty_html_file_is_html_in_clean_and_batch(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_bytes(b"")
    proc = run("clean", str(page), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["kind"] == "html"
    out = tmp_path / "out.jsonl"
    proc = run("batch", str(page), "--out", str(out), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text().splitlines()[0])["kind"] == "html"
    text = tmp_path / "empty.txt"
    text.write_bytes(b"")
    assert json.loads(run("clean", str(text), "--format", "json").stdout)["kind"] == "text"


def pty_run(*args: str, stdin_tty: bool = False, stdout_tty: bool = False, typed: bytes = b"") -> tuple[bytes, bytes]:
    """Run the CLI with a pseudo-terminal as stdin and/or stdout: (what the terminal showed, stderr)."""
    main, secondary = pty.openpty()
    try:
        proc = subprocess.Popen(
            [CLI, *args],  # type: ignore[list-item]
            stdin=secondary if stdin_tty else subprocess.DEVNULL,
            stdout=secondary if stdout_tty else subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        os.close(secondary)
        if stdin_tty:
            os.write(main, typed + b"\n\x04")  # a line, then Ctrl-D: end of input
        shown = b""
        while stdout_tty:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        out, err = proc.communicate(timeout=120)
        return shown or out or b"", err
    finally:
        os.close(main)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_clean_says_it_reads_stdin_from_a_terminal() -> None:
    shown, err = pty_run("clean", stdin_tty=True, typed=b"A short note typed at the terminal.")
    assert b"reading the document from stdin" in err and b"Ctrl-D" in err
    assert b"A short note typed at the terminal." in shown
    piped = run("clean", stdin=b"A short note from a pipe.")
    assert b"reading" not in piped.stderr  # a pipe needs no notice


def test_a_page_over_max_blocks_says_so_on_stderr(tmp_path: Path) -> None:
    from cleaner import CleanerConfig

    n = CleanerConfig().max_blocks + 50
    page = tmp_path / "long.html"
    paragraphs = "".join(f"<p>Paragraph {i} of a very long page about the harbour.</p>" for i in range(n))
    page.write_text(f"<html><body>{paragraphs}</body></html>")
    proc = run("clean", str(page))
    assert proc.returncode == 0, proc.stderr
    assert b"warning: truncated: more than max_blocks=" in proc.stderr


# --- hostile input --------------------------------------------------------------------------------------------------

CONTROL_TEXT = (
    "The council met on Monday \x1b]0;PWNED\x07 and \x1b[2J voted to repair the old harbour wall before winter.\n\n"
    "Repairs will cost \x9b31m four million pounds and take six months to finish, the council said on Monday.\n"
)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_clean_shows_control_characters_on_a_terminal_instead_of_sending_them(tmp_path: Path, fmt: str) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(CONTROL_TEXT, encoding="utf-8")
    shown, err = pty_run("clean", str(doc), "--format", fmt, "--show-flagged", stdout_tty=True)
    text = shown.decode()
    assert "voted to repair" in text, err
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text), repr(text)  # \r: the terminal's own
    assert "\\x1b]0;PWNED\\x07" in text and "\\x9b31m" in text


def test_clean_json_escapes_every_control_character(tmp_path: Path) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(CONTROL_TEXT, encoding="utf-8")
    proc = run("clean", str(doc), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "PWNED\x07" in json.loads(out)["text"]  # escaped, not lost


def test_visible_controls() -> None:
    from cleaner.runners.report import visible_controls

    assert visible_controls("a\x1b[2Jb\x07c\x9bd\x7fe\x00") == "a\\x1b[2Jb\\x07c\\x9bd\\x7fe\\x00"
    assert visible_controls("tab\tline\r\nnext\rover") == "tab\tline\nnext\\x0dover"
    assert visible_controls("héllo – 世界") == "héllo – 世界"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_clean_of_an_endless_input_stops_at_max_input_bytes() -> None:
    proc = run("clean", "/dev/zero")
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and b"Traceback" not in proc.stderr
    assert b"more than max_input_bytes=" in proc.stderr


def invoke(*args: str) -> Any:
    """The CLI in-process (as sqlite-utils tests it): for option parsing and help, no model needed."""
    from typer.testing import CliRunner

    from cleaner.runners.cli import app

    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("command", ["clean", "explain", "batch"])
@pytest.mark.parametrize("value", ["-5", "nan", "inf", "-inf", "abc"])
def test_time_limit_must_be_positive_and_finite(tmp_path: Path, command: str, value: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE)
    extra = ["--out", str(tmp_path / "out.jsonl")] if command == "batch" else []
    result = invoke(command, str(page), *extra, "--time-limit", value)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--time-limit" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_time_limit_zero_means_no_limit(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE)
    proc = run("clean", str(page), "--time-limit", "0")
    assert proc.returncode == 0, proc.stderr
    assert b"harbour wall" in proc.stdout


def test_captions_option_of_clean_and_batch(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    caption = "The old harbour wall at low tide. Photograph: J. Doe"
    page.write_text(
        ARTICLE.replace("<p>Repairs", f"<figure><img src='w.jpg'><figcaption>{caption}</figcaption></figure><p>Repairs")
    )
    plain, kept = run("clean", str(page)), run("clean", str(page), "--captions")
    assert plain.returncode == kept.returncode == 0, plain.stderr + kept.stderr
    assert caption.encode() not in plain.stdout and caption.encode() in kept.stdout
    assert b"Repairs will cost" in plain.stdout
    out = tmp_path / "out.jsonl"
    assert invoke("batch", str(page), "--out", str(out), "--workers", "1").exit_code == 0
    assert caption not in json.loads(out.read_text())["text"]
    again = invoke("batch", str(page), "--out", str(out), "--workers", "1", "--resume", "--captions")
    assert again.exit_code == 2 and "--captions was None, now True" in again.stderr


# --- options and help ---------------------------------------------------------------------------------------------


def test_debug_works_before_and_after_the_command(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.html")
    plain = invoke("clean", missing)
    assert plain.exit_code == 2 and plain.stderr.startswith("error: ") and plain.stderr.count("\n") == 1
    for args in (("--debug", "clean", missing), ("clean", missing, "--debug"), ("clean", "--debug", missing)):
        assert isinstance(invoke(*args).exception, FileNotFoundError), args  # raised: a traceback
    proc = run("clean", missing, "--debug")  # and through the installed entry point
    assert proc.returncode != 0 and b"Traceback" in proc.stderr and b"FileNotFoundError" in proc.stderr


def test_debug_after_a_double_dash_is_an_argument() -> None:
    from cleaner.runners.cli import _debug_first

    assert _debug_first(["clean", "x", "--debug"]) == ["--debug", "clean", "x"]
    assert _debug_first(["clean", "--", "--debug"]) == ["clean", "--", "--debug"]
    assert _debug_first(["clean", "x"]) == ["clean", "x"]


def command_tree() -> list[tuple[str, Any]]:
    """Every command and group of the CLI, with its full name."""
    import typer.main

    from cleaner.runners.cli import app

    found: list[tuple[str, Any]] = []

    def walk(name: str, command: Any) -> None:
        found.append((name, command))
        for sub_name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(f"{name} {sub_name}", sub)

    walk("cleaner", typer.main.get_command(app))
    return found


def test_every_command_and_option_has_help() -> None:
    tree = command_tree()
    assert {"cleaner clean", "cleaner batch", "cleaner explain", "cleaner data check"} <= {n for n, _ in tree}
    missing = []
    for name, command in tree:
        if not (command.help or "").strip():
            missing.append(name)
        for param in command.params:
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{name} {param.opts[0] if param.opts else param.name}")
        if not getattr(command, "commands", None) and "Example:" not in (command.help or ""):
            missing.append(f"{name} (no 'Example:' in its help)")
    assert not missing, f"no help text: {missing}"


def test_flags_show_as_flags_in_help() -> None:
    for name, _ in command_tree():
        result = invoke(*name.split()[1:], "--help")
        assert result.exit_code == 0, result.stderr
        assert "<bool>" not in result.stdout, f"{name} --help shows a flag as taking a value:\n{result.stdout}"
    batch_help = invoke("batch", "--help").stdout
    assert re.search(r"^\s+--resume\s+Skip", batch_help, re.M)
    assert "--progress / --no-progress" in batch_help
