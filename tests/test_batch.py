"""``cleaner batch`` on real files made here: folders, gzip, WARC, JSONL; failures, order, kill and resume."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from cleaner import Cleaner

from .test_cli import CLI, run

pytestmark = pytest.mark.skipif(CLI is None, reason="the cleaner entry point is not installed")

PAGE = """<!doctype html><html><head><title>{title}</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1>
<p>The city council voted on Tuesday to approve {title}, ending a decade of planning and public hearings.</p>
<p>Construction is expected to begin next spring and to last two years, officials told reporters.</p></article>
<footer><p>Copyright 2024 City News. All rights reserved.</p></footer></body></html>"""


def page(n: int) -> str:
    return PAGE.format(title=f"the new bridge number {n}")


def read_records(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data.endswith(b"\n"), "the output ends with a partial line"
    return [json.loads(line) for line in data.splitlines()]


def write_warc(path: Path, pages: list[str]) -> None:
    """A gzipped WARC written with fastwarc's own writer: a request, HTML responses (one gzip-encoded), an image."""
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import WarcRecord, WarcRecordType

    def record(kind: WarcRecordType, uri: str, http: bytes) -> WarcRecord:
        r = WarcRecord()
        r.init_headers(kind)
        r.headers["WARC-Target-URI"] = uri
        msgtype = "response" if kind == WarcRecordType.response else "request"
        r.headers["Content-Type"] = f"application/http; msgtype={msgtype}"
        r.set_bytes_content(http)
        r.is_http = True
        return r

    ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    records = [record(WarcRecordType.request, "http://example.com/0", b"GET /0 HTTP/1.1\r\nHost: example.com\r\n\r\n")]
    for i, html in enumerate(pages):
        body = html.encode()
        if i == 1:  # as servers send it: Content-Encoding gzip
            http = ok + b"Content-Encoding: gzip\r\n\r\n" + gzip.compress(body)
        else:
            http = ok + b"\r\n" + body
        records.append(record(WarcRecordType.response, f"http://example.com/{i}", http))
    png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n"
    records.append(record(WarcRecordType.response, "http://example.com/logo.png", png))
    with open(path, "wb") as fh:
        for r in records:
            writer = GzipWriter(fh)  # one gzip member per record, as crawlers write .warc.gz
            r.write(writer)
            writer.finish()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A folder of nested .html/.htm/.html.gz with a corrupt .gz in the middle, a WARC and a JSONL.

    Returns the folder and the ids the batch must write, in order.
    """
    root = tmp_path_factory.mktemp("corpus")
    site = root / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "index.html").write_text(page(0))
    (site / "a" / "one.htm").write_text(page(1))
    (site / "a" / "b" / "two.html.gz").write_bytes(gzip.compress(page(2).encode()))
    (site / "a" / "b" / "three.html").write_text(page(3))
    (site / "a" / "broken.html.gz").write_bytes(b"this is not gzip at all")
    (site / "a" / "notes.md").write_text("# not a page: ignored in folders")
    write_warc(root / "crawl.warc.gz", [page(10), page(11)])
    lines = [
        json.dumps({"id": "p20", "url": "http://example.com/20", "html": page(20)}),
        "",
        json.dumps({"id": "p21", "text": "A plain article paragraph.\n\nAnother paragraph of it."}),
    ]
    (root / "dump.jsonl").write_text("\n".join(lines) + "\n")
    ids = ["site/a/b/three.html", "site/a/b/two.html.gz", "site/a/broken.html.gz", "site/a/one.htm", "site/index.html"]
    return root, ids


def run_in(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([CLI, *args], cwd=cwd, capture_output=True, timeout=timeout)  # type: ignore[list-item]


def test_folder_warc_jsonl_one_record_each_and_one_error(corpus: tuple[Path, list[str]]) -> None:
    root, folder_ids = corpus
    out = "site/out.jsonl"  # inside an input folder: never read as an input
    proc = run_in(root, "batch", "site", "crawl.warc.gz", "dump.jsonl", "--out", out, "--workers", "2")
    assert proc.returncode == 1, proc.stderr  # one document failed
    assert b"Traceback" not in proc.stderr
    records = read_records(root / out)
    assert len(records) == 5 + 2 + 2  # the folder's pages, the WARC's HTML responses, the JSONL's non-blank lines
    ids = [r["id"] for r in records]
    real = os.path.realpath(root)  # ids are canonical: resolved paths, however the inputs were spelled
    assert ids[:5] == [f"{real}/{name}" for name in folder_ids]  # input order, folders walked in sorted order
    assert [r["source"]["path"] for r in records[:5]] == folder_ids  # the path as given
    assert [i.split("#")[0] for i in ids[7:]] == [f"{real}/dump.jsonl:1", f"{real}/dump.jsonl:3"]  # + line digest
    errors = [r for r in records if "error" in r]
    assert [r["id"] for r in errors] == [f"{real}/site/a/broken.html.gz"]
    assert errors[0]["error"].startswith("BadGzipFile: ") and "text" not in errors[0]
    for r in records:
        if "error" not in r:
            assert r["text"] and r["segments"] and r["model_version"]
    warc = records[5:7]
    assert [r["source"]["url"] for r in warc] == ["http://example.com/0", "http://example.com/1"]
    assert all(r["source"]["warc_record_id"].startswith("<urn:uuid:") for r in warc)
    assert all(r["id"] == f"{real}/crawl.warc.gz#{r['source']['warc_record_id']}@{r['source']['offset']}" for r in warc)
    assert "bridge number 11" in warc[1]["text"]  # the gzip-encoded body was decoded
    assert records[7]["source"] == {"path": "dump.jsonl", "line": 1, "record_id": "p20", "url": "http://example.com/20"}
    assert records[8]["kind"] == "text" and "plain article paragraph" in records[8]["text"]
    summary = proc.stdout.decode()
    assert "9 documents cleaned" in summary and "failed: 1" in summary and "site/a/broken.html.gz" in summary

    # The same run with one worker writes exactly the same bytes: the order does not depend on the pool.
    first = (root / out).read_bytes()
    (root / out).unlink()
    again = run_in(root, "batch", "site", "crawl.warc.gz", "dump.jsonl", "--out", out, "--workers", "1")
    assert again.returncode == 1
    assert (root / out).read_bytes() == first


def test_compact_format_matches_the_library_records(corpus: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = corpus
    out = tmp_path / "compact.jsonl"
    proc = run_in(root, "batch", "dump.jsonl", "site/index.html", "--out", str(out), "--format", "compact")
    assert proc.returncode == 0, proc.stderr
    records = read_records(out)
    assert [(r["source"]["path"], r["source"].get("line")) for r in records] == [
        ("dump.jsonl", 1),
        ("dump.jsonl", 3),
        ("site/index.html", None),
    ]
    lines = (root / "dump.jsonl").read_text().splitlines()
    docs = [json.loads(lines[0]), json.loads(lines[2]), (root / "site" / "index.html").read_bytes()]
    expected = list(Cleaner().clean_many(docs, output="record"))
    for record, want in zip(records, expected, strict=True):
        assert {k: v for k, v in record.items() if k not in ("id", "source")} == want
        assert "segments" not in record and "spans" in record and "flagged_share" in record
    assert records[0]["source_text"][slice(*records[0]["spans"][0][:2])]  # HTML spans index the page's text
    bad = run_in(root, "batch", "dump.jsonl", "--out", str(tmp_path / "x.jsonl"), "--format", "yaml")
    assert bad.returncode == 2 and b"--format must be full or compact" in bad.stderr


def test_usage_errors_are_one_line_exit_2(corpus: tuple[Path, list[str]]) -> None:
    root, _ = corpus
    (root / "exists.jsonl").write_text('{"id": "x"}\n')
    for args in (
        ("batch", "missing-folder", "--out", "o.jsonl"),
        ("batch", "nothing-*.html", "--out", "o.jsonl"),
        ("batch", "site", "--out", "exists.jsonl"),  # would overwrite earlier results
        ("batch", "site", "--out", "o.jsonl", "--workers", "0"),
    ):
        proc = run_in(root, *args)
        assert proc.returncode == 2, args
        err = proc.stderr.decode()
        assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert (root / "exists.jsonl").read_text() == '{"id": "x"}\n'
    for command in ("batch", "explain", "clean"):
        assert "Example:" in run(command, "--help").stdout.decode()


def test_resume_after_kill_writes_every_document_once(tmp_path: Path) -> None:
    n = 600
    lines = [json.dumps({"id": f"d{i}", "html": page(i)}) for i in range(n)]
    with gzip.open(tmp_path / "docs.jsonl.gz", "wt") as fh:
        fh.write("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    args = [CLI, "batch", "docs.jsonl.gz", "--field", "html", "--out", str(out), "--workers", "2"]
    proc = subprocess.Popen(
        args, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )  # type: ignore[arg-type]
    deadline = time.monotonic() + 60
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 25:
                break
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole run, workers too, as an OOM killer or a lost node would
        proc.wait(timeout=30)
    written = out.read_bytes().count(b"\n")
    assert 25 <= written < n, f"the kill did not land part-way ({written} of {n} written)"
    with open(out, "ab") as fh:  # and the torn last line such a kill can leave
        fh.write(b'{"id": "docs.jsonl.gz:9999", "source": {"pa')

    resumed = run_in(
        tmp_path, "batch", "docs.jsonl.gz", "--field", "html", "--out", str(out), "--workers", "2", "--resume"
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{written} already there, skipped" in resumed.stdout.decode()
    records = read_records(out)
    assert [r["source"]["line"] for r in records] == [i + 1 for i in range(n)]  # each once, in input order
    assert len({r["id"] for r in records}) == n
    assert [r["source"]["record_id"] for r in records] == [f"d{i}" for i in range(n)]
    assert not any("error" in r for r in records)


def test_sources_and_torn_line_in_process(corpus: tuple[Path, list[str]], tmp_path: Path) -> None:
    from cleaner.runners import sink, sources

    root, _ = corpus
    warc = list(sources.iter_sources([root / "crawl.warc.gz"]))
    assert [s.meta["url"] for s in warc] == ["http://example.com/0", "http://example.com/1"]  # no request, no PNG
    assert all(s.kind_hint == "html" for s in warc)
    assert b"bridge number 10" in bytes(warc[0].load().data)
    jsonl = list(sources.iter_sources([root / "dump.jsonl"], "text"))
    real = os.path.realpath(root / "dump.jsonl")
    assert [s.id.split("#")[0] for s in jsonl] == [f"{real}:1", f"{real}:3"]  # then a digest of the line
    with pytest.raises(Exception, match="no 'text' field"):
        jsonl[0].load()

    out = tmp_path / "o.jsonl"
    out.write_bytes(b'{"id": "a", "text": "x"}\n{"id": "b", "text": ""}\n{"id": "c", "te')
    assert sink.done_ids(out) == {"a", "b"}
    assert out.read_bytes() == b'{"id": "a", "text": "x"}\n{"id": "b", "text": ""}\n'
    with open(out, "ab") as fh:  # --retry-failed: error records go, so their documents run again
        fh.write(b'{"id": "c", "source": {}, "error": "OSError: disk"}\n{"id": "d", "text": "\\"error\\": "}\n')
    assert sink.done_ids(out, drop_failed=True) == {"a", "b", "d"}
    assert b'"c"' not in out.read_bytes() and not list(tmp_path.glob("*.tmp"))


def test_a_document_over_the_time_limit_becomes_an_error_record() -> None:
    import time

    from cleaner import Cleaner
    from cleaner.runners.batch import clean_source
    from cleaner.runners.sources import Payload, Source

    def slow() -> Payload:
        time.sleep(5)
        return Payload("<p>never</p>")

    started = time.perf_counter()
    record, _ = clean_source(Cleaner(), Source("slow.html", "html", slow, {}), seconds=0.3)
    assert time.perf_counter() - started < 3
    assert record["error"].startswith("TimeLimitError: took longer than the time limit of 0.3 s")
    fine, _ = clean_source(Cleaner(), Source("ok.html", "html", lambda: Payload("<p>Hello there, reader.</p>"), {}), 5)
    assert "error" not in fine and fine["text"]


def test_a_chunk_with_a_time_limit_shares_one_model_call_and_each_document_keeps_its_own_limit() -> None:
    import time

    from cleaner import Cleaner
    from cleaner.runners.batch import clean_source, clean_sources
    from cleaner.runners.sources import Payload, Source

    def slow() -> Payload:
        time.sleep(5)
        return Payload("<p>never</p>")

    pages = [
        "<html><body><nav><a href='/'>Home</a></nav><p>The harbour reopened on Monday after three weeks of repairs "
        f"to the sea wall, number {n}.</p><footer>© 2024 Harbour Times</footer></body></html>"
        for n in range(3)
    ]
    sources = [Source(f"{n}.html", "html", lambda page=page: Payload(page), {}) for n, page in enumerate(pages)]
    sources.insert(1, Source("slow.html", "html", slow, {}))
    cleaner = Cleaner()
    started = time.perf_counter()
    together = clean_sources(cleaner, sources, seconds=0.5)
    assert time.perf_counter() - started < 4  # the slow one stopped at its own limit, not the chunk's
    alone = [clean_source(cleaner, source, seconds=0.5) for source in sources if source.id != "slow.html"]
    assert together[1][0]["error"].startswith("TimeLimitError: took longer than the time limit of 0.5 s")
    assert [record for record, _ in together[:1] + together[2:]] == [record for record, _ in alone]


def test_a_worker_killed_mid_document_costs_that_document_only(tmp_path: Path) -> None:
    from functools import partial

    from cleaner.runners.batch import run_batch
    from cleaner.runners.sources import Payload, Source

    def page_source(n: int) -> Source:
        return Source(f"doc-{n}", "html", partial(Payload, page(n)), {"n": n})

    killer = Source("killer", "html", partial(os._exit, 9), {})  # the worker process dies loading this one
    sources = [page_source(n) for n in range(4)] + [killer] + [page_source(n) for n in range(4, 9)]
    out = tmp_path / "out.jsonl"
    summary = run_batch(sources, out, workers=2, chunk_size=2)
    records = read_records(out)
    assert [r["id"] for r in records] == [s.id for s in sources]  # every document once, in order
    assert [r["id"] for r in records if "error" in r] == ["killer"]
    assert records[4]["error"].startswith("WorkerCrashError: the worker process cleaning this document died")
    assert all(r["text"] for r in records if r["id"] != "killer")
    assert summary.written == 10 and summary.failed == 1


def test_the_summary_counts_documents_cut_short_by_max_blocks(tmp_path: Path) -> None:
    """A page over ``max_blocks`` is never cut silently: its record warns and the summary counts it."""
    from cleaner.core.config import CleanerConfig
    from cleaner.runners.batch import format_summary, run_batch

    page = tmp_path / "long.html"
    page.write_text(
        "<html><body>" + "".join(f"<p>Paragraph number {i} of a long page.</p>" for i in range(60)) + "</body></html>"
    )
    out = tmp_path / "out.jsonl"
    from cleaner.runners import sources

    summary = run_batch(list(sources.iter_sources([page])), out, config=CleanerConfig(max_blocks=20), workers=1)
    assert summary.warned["truncated"] == 1 and summary.warned_documents == 1
    assert "documents with warnings: 1 (truncated 1" in format_summary(summary, out)
