"""Resume that cannot duplicate or lose (issue 17): canonical ids, refused input changes, a locked output, every line
validated, gzip and stdout outputs; bad entries in the inputs become error records.

Most runs use JSONL lines without a document field: each is an error record made without loading the model, and an
error record counts as done on ``--resume`` as any record does.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from cleaner.runners import sink, sources

from .test_cli import CLI
from .test_unattended import bad_lines, posix_only, wait_for_lines

needs_cli = pytest.mark.skipif(CLI is None, reason="the cleaner entry point is not installed")


def batch(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([CLI, "batch", *args], cwd=cwd, capture_output=True, timeout=180)  # type: ignore[list-item]


def ids_of(lines: list[bytes]) -> list[str]:
    return [json.loads(line)["id"] for line in lines]


# --- ids ---------------------------------------------------------------------------------------------------------


def test_ids_are_the_same_however_the_inputs_are_spelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text("<p>a</p>")
    bad_lines(tmp_path / "site" / "d.jsonl", 2)
    (tmp_path / "link").symlink_to(tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    spellings = ["site", str(tmp_path / "site"), "./site/../site", "link"]
    ids = [[s.id for s in sources.iter_sources([spelling])] for spelling in spellings]
    assert all(i == ids[0] for i in ids) and len(ids[0]) == 3
    assert ids[0][0] == os.path.realpath(tmp_path / "site" / "a.html")


def test_a_file_name_that_is_not_utf8_has_one_stable_id(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.html")
    (tmp_path / name).write_text("<p>x</p>")
    (source,) = sources.iter_sources([tmp_path])
    assert source.id.endswith("caf\\xe9.html") and source.id.encode("utf-8")  # valid UTF-8, the byte spelled out
    line = sink.json_line({"id": source.id, "source": source.meta, "error": "x"})
    assert sink.record_id(line) == (source.id, True)  # what resume reads back is what the run will look for
    assert source.load().data == b"<p>x</p>"


def test_jsonl_ids_carry_the_line_and_its_digest(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "a"}\n{"text": "b"}\n')
    first = [s.id for s in sources.iter_sources([path])]
    path.write_text('{"text": "a"}\n{"text": "B"}\n')
    second = [s.id for s in sources.iter_sources([path])]
    assert first[0] == second[0] and first[1] != second[1]  # an edited line is a new document
    assert first[1].startswith(f"{os.path.realpath(path)}:2#")


def write_warc(path: Path, bodies: list[bytes], record_ids: list[str]) -> None:
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import WarcRecord, WarcRecordType

    with open(path, "wb") as fh:
        for i, (body, rid) in enumerate(zip(bodies, record_ids, strict=True)):
            r = WarcRecord()
            r.init_headers(WarcRecordType.response)
            r.headers["WARC-Record-ID"] = rid
            r.headers["WARC-Target-URI"] = f"http://example.com/{i}"
            r.headers["Content-Type"] = "application/http; msgtype=response"
            r.set_bytes_content(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body)
            r.is_http = True
            writer = GzipWriter(fh)
            r.write(writer)
            writer.finish()


def test_warc_records_with_the_same_record_id_are_all_kept(tmp_path: Path) -> None:
    path = tmp_path / "dup.warc.gz"
    same = "<urn:uuid:00000000-0000-0000-0000-000000000000>"
    write_warc(path, [b"<p>one</p>", b"<p>two</p>", b"<p>three</p>"], [same, same, same])
    found = list(sources.iter_sources([path]))
    assert len(found) == 3 and len({s.id for s in found}) == 3
    assert [bytes(s.load().data) for s in found] == [b"<p>one</p>", b"<p>two</p>", b"<p>three</p>"]


# --- truncated containers and bad folder entries -----------------------------------------------------------------


@pytest.mark.parametrize("gz", [True, False])
def test_a_truncated_warc_gives_an_error_record_never_a_half_record(tmp_path: Path, gz: bool) -> None:
    full = tmp_path / "full.warc.gz"
    rids = [f"<urn:uuid:{i:08d}-0000-0000-0000-000000000000>" for i in range(3)]
    write_warc(full, [f"<p>page {i} ".encode() + b"word " * 200 + b"</p>" for i in range(3)], rids)
    data = full.read_bytes() if gz else gzip.decompress(full.read_bytes())
    whole = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    whole.write_bytes(data)
    assert [s.load() is not None for s in sources.iter_sources([whole])] == [True] * 3
    for cut in (len(data) - 100, len(data) - 600, len(data) // 2):
        torn = tmp_path / ("torn.warc.gz" if gz else "torn.warc")
        torn.write_bytes(data[:cut])
        outcomes = []
        for source in sources.iter_sources([torn]):
            try:
                outcomes.append(b"word" in bytes(source.load().data) and b"</p>" in bytes(source.load().data))
            except Exception as exc:  # the error record's message
                outcomes.append(str(exc))
        assert any(isinstance(o, str) and "truncated" in o for o in outcomes), (cut, outcomes)
        assert all(o is True for o in outcomes if not isinstance(o, str)), (cut, outcomes)  # no half page cleaned


@needs_cli
def test_dangling_and_looping_links_and_unreadable_entries_become_error_records(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    bad_lines(site / "ok.jsonl", 2)
    (site / "dangling.html").symlink_to(site / "nowhere.html")
    (site / "loop.html").symlink_to(site / "loop.html")
    locked = site / "locked.html"
    locked.write_text("<p>x</p>")
    locked.chmod(0)
    proc = batch(tmp_path, "site", "-o", "out.jsonl", "-w", "1")
    assert proc.returncode == 1, proc.stderr
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_bytes().splitlines()]
    errors = {r["source"]["path"]: r.get("error", "") for r in records}
    assert errors["site/dangling.html"].startswith("FileNotFoundError")
    assert "Too many levels of symbolic links" in errors["site/loop.html"]
    if os.geteuid() != 0:  # root reads any file
        assert errors["site/locked.html"].startswith("PermissionError")
    assert sum(r["source"]["path"] == "site/ok.jsonl" for r in records) == 2  # the run went on


# --- resume checks -----------------------------------------------------------------------------------------------


@needs_cli
def test_resume_refuses_inputs_or_options_that_changed(tmp_path: Path) -> None:
    bad_lines(tmp_path / "d.jsonl", 5)
    assert batch(tmp_path, "d.jsonl", "-o", "out.jsonl", "-w", "1").returncode == 1
    again = batch(tmp_path, str(tmp_path / "d.jsonl"), "-o", "out.jsonl", "-w", "1", "--resume")  # absolute now
    assert again.returncode == 0 and b"0 documents cleaned" in again.stdout and b"5 already there" in again.stdout
    before = (tmp_path / "out.jsonl").read_bytes()

    (tmp_path / "d.jsonl").write_text('{"inserted": 1}\n' + (tmp_path / "d.jsonl").read_text())
    changed = batch(tmp_path, "d.jsonl", "-o", "out.jsonl", "--resume")
    assert changed.returncode == 2
    assert b"inputs are not those it was started from" in changed.stderr and b"changed since" in changed.stderr
    bad_lines(tmp_path / "e.jsonl", 1)
    added = batch(tmp_path, "d.jsonl", "e.jsonl", "-o", "out.jsonl", "--resume")
    assert added.returncode == 2 and b"new: " in added.stderr
    other = batch(tmp_path, "d.jsonl", "-o", "out.jsonl", "--resume", "--format", "compact")
    assert other.returncode == 2 and b"other options" in other.stderr
    assert (tmp_path / "out.jsonl").read_bytes() == before  # a refused resume touches nothing

    (tmp_path / "out.jsonl.run.json").unlink()
    unknown = batch(tmp_path, "d.jsonl", "-o", "out.jsonl", "--resume")
    assert unknown.returncode == 2 and b"no record of the inputs" in unknown.stderr


def test_resume_validates_every_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    good = [sink.json_line({"id": f"d{i}", "source": {}, "text": f"t{i}"}) for i in range(4)]
    torn_middle = b'{"id": "d9", "source": {"pa\n'  # an id, then nothing: not done
    failed = sink.json_line({"id": "e1", "source": {}, "error": "OSError: disk"})
    out.write_bytes(good[0] + torn_middle + good[1] + good[1] + failed + b"[1, 2]\n" + good[2] + good[3][:-9])
    opened = sink.open_sink(out, resume=True)
    assert opened.done == {"d0", "d1", "d2", "e1"}
    opened.write(good[3])
    opened.close()
    assert out.read_bytes() == good[0] + good[1] + failed + good[2] + good[3]  # rewritten: each line whole, once
    assert sink.done_ids(out, drop_failed=True) == {"d0", "d1", "d2", "d3"}
    assert b'"e1"' not in out.read_bytes() and not list(tmp_path.glob("*.tmp"))


@needs_cli
@posix_only
def test_a_second_run_on_the_same_output_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    bad_lines(tmp_path / "a.jsonl", 3)
    os.mkfifo(tmp_path / "slow.html")  # holds the first run open
    args = [CLI, "batch", "a.jsonl", "slow.html", "-o", "out.jsonl", "-w", "1"]
    first = subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # type: ignore[list-item]
    try:
        wait_for_lines(tmp_path / "out.jsonl", 3, first)
        for extra in ("--resume", "--overwrite"):
            second = batch(tmp_path, "a.jsonl", "-o", "out.jsonl", extra)
            assert second.returncode == 2
            assert f"being written by another cleaner batch run (pid {first.pid})".encode() in second.stderr
        assert (tmp_path / "out.jsonl").read_bytes().count(b"\n") == 3  # untouched by the refused runs
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert first.returncode == 143


# --- gzip and stdout outputs -------------------------------------------------------------------------------------


@needs_cli
def test_gzip_output_is_gzip_and_resumes_after_a_torn_end(tmp_path: Path) -> None:
    bad_lines(tmp_path / "d.jsonl", 30)
    assert batch(tmp_path, "d.jsonl", "-o", "out.jsonl.gz", "-w", "1").returncode == 1
    data = (tmp_path / "out.jsonl.gz").read_bytes()
    lines = gzip.decompress(data).splitlines()
    assert len(lines) == 30
    (tmp_path / "out.jsonl.gz").write_bytes(data[: len(data) // 2])  # what a kill leaves: a gzip cut short
    resumed = batch(tmp_path, "d.jsonl", "-o", "out.jsonl.gz", "-w", "1", "--resume")
    assert resumed.returncode == 1, resumed.stderr
    again = gzip.decompress((tmp_path / "out.jsonl.gz").read_bytes()).splitlines()  # a whole gzip file again
    assert ids_of(again) == ids_of(lines)  # each once, in input order
    assert b"already there, skipped" in resumed.stdout


@needs_cli
def test_dash_writes_records_to_stdout(tmp_path: Path) -> None:
    bad_lines(tmp_path / "d.jsonl", 4)
    proc = batch(tmp_path, "d.jsonl", "-o", "-", "-w", "1")
    assert proc.returncode == 1
    assert len(ids_of(proc.stdout.splitlines())) == 4  # stdout holds only the records
    assert b"4 documents cleaned into stdout" in proc.stderr
    assert not (tmp_path / "-").exists()
    refused = batch(tmp_path, "d.jsonl", "-o", "-", "--resume")
    assert refused.returncode == 2 and b"stdout cannot be read back" in refused.stderr


def test_a_run_file_records_the_inputs(tmp_path: Path) -> None:
    bad_lines(tmp_path / "d.jsonl", 1)
    files = sources.expand_inputs([tmp_path / "d.jsonl"])
    opened = sink.open_sink(tmp_path / "o.jsonl", inputs=sources.fingerprint(files), options={"format": "full"})
    opened.close()
    state = json.loads((tmp_path / "o.jsonl.run.json").read_text())
    assert state["pid"] == os.getpid() and state["inputs"][0][0] == os.path.realpath(tmp_path / "d.jsonl")
    assert time.time() - state["inputs"][0][2] / 1e9 < 600
