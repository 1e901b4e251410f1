"""Where documents come from: files, folders, globs, gzip, WARC and JSONL, each with a canonical, stable id.

A ``Source`` carries a picklable ``load``, so reading happens in the worker that cleans the document.

Ids are what ``--resume`` matches on, so they are canonical: the resolved path (as text that is valid UTF-8 however
the file system spelled it), plus the line and a digest of the line for JSONL, or the record's offset and
``WARC-Record-ID`` for WARC. Reading is bounded everywhere: no line, record or file is read past
``max_input_bytes``; a container that breaks part-way (a truncated gzip or WARC) gives one error record for the
rest, and the documents before it count.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any, cast

from cleaner.core import decode
from cleaner.core.config import CleanerConfig
from cleaner.core.errors import InputError, describe
from cleaner.runners import stream

DOC_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text"}


HTML_TYPES = ("text/html", "application/xhtml+xml")
BLOCK = 1 << 20  # bytes read at a time where a whole line or record is not wanted
DIGEST_CHARS = 12  # hex digits of a JSONL line's digest in its id: 48 bits, to tell an edited line from the old one


@dataclass(frozen=True, slots=True)
class Payload:
    """A loaded document: its data, its kind when known, and source facts learnt while loading."""

    data: str | bytes
    kind: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Source:
    """One document to clean. ``load`` is picklable and runs in the worker, so reading is parallel too."""

    id: str
    kind_hint: str | None
    load: Callable[[], Payload]
    meta: dict[str, Any]


def container(path: Path) -> tuple[str, str | None] | None:
    """What a file holds, from its name: ``("warc"|"jsonl"|"doc", kind)``; ``None`` if not ours."""
    name = path.name.lower()
    base = name[:-3] if name.endswith(".gz") else name
    suffix = os.path.splitext(base)[1]
    if suffix == ".warc":
        return "warc", "html"
    if suffix == ".jsonl":
        return "jsonl", None
    if suffix in DOC_SUFFIXES:
        return "doc", DOC_SUFFIXES[suffix]
    return None


def path_text(path: str | Path) -> str:
    """``path`` as text that is valid UTF-8 and the same on every run: a byte that is not UTF-8 becomes ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def canonical(path: str | Path) -> str:
    """A file's id: its resolved absolute path, however it was spelled (relative, through links), as text."""
    return path_text(os.path.realpath(path))


def expand_inputs(inputs: Sequence[str | Path], *, exclude: Sequence[str | Path] = ()) -> list[Path]:
    """Files named by ``inputs`` (files, folders walked recursively, globs) in a stable order, each once.

    ``exclude``: files never to read, such as the output file when it sits in an input folder. A link that leads
    nowhere, and a folder that cannot be listed, are kept: reading them gives an error record, not a lost run.
    """
    out: list[Path] = []
    seen: set[str] = {os.path.realpath(p) for p in exclude}
    for item in inputs:
        text = str(item)
        if os.path.isdir(text):
            found = _walk(text)
        elif os.path.lexists(text):
            found = [Path(text)]
        elif glob.has_magic(text):
            found = [Path(p) for p in glob.glob(text, recursive=True) if not os.path.isdir(p)]
            if not found:
                raise InputError(f"no files match {text}")
        else:
            raise InputError(f"no such file or folder: {text}")
        for path in sorted(found, key=lambda p: p.parts):
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                out.append(Path(os.path.normpath(path)))
    return out


def _walk(folder: str) -> list[Path]:
    unlisted: list[Path] = []  # a folder os.walk cannot list: reading it later gives its error record

    def onerror(exc: OSError) -> None:
        if exc.filename:
            unlisted.append(Path(exc.filename))

    found = [Path(d, f) for d, _, files in os.walk(folder, onerror=onerror) for f in files if container(Path(f))]
    return found + unlisted


def fingerprint(files: Sequence[Path]) -> list[list[Any]]:
    """``[id, size, mtime_ns]`` of every input file: what ``--resume`` checks to refuse inputs that changed."""
    rows: list[list[Any]] = []
    for path in files:
        try:
            st = os.stat(path)
            rows.append([canonical(path), st.st_size, st.st_mtime_ns])
        except OSError as exc:  # unreadable now; it is an error record in the run, and must stay one
            rows.append([canonical(path), None, type(exc).__name__])
    return rows


def iter_sources(inputs: Sequence[str | Path], field: str = "auto", *, limit: int | None = None) -> Iterator[Source]:
    """Every document in ``inputs``, lazily, in input order (``field``: the JSONL field holding the document)."""
    limit = limit or CleanerConfig().max_input_bytes
    for path in expand_inputs(inputs):
        what, kind = container(path) or ("doc", None)
        if what == "warc":
            yield from _warc_sources(path, limit)
        elif what == "jsonl":
            yield from _jsonl_sources(path, field, limit)
        else:
            yield Source(canonical(path), kind, partial(_read_file, str(path), limit), {"path": path_text(path)})


def count_documents(files: Sequence[Path]) -> int:
    """How many documents ``iter_sources(files)`` gives, for a progress bar: a streaming pass over JSONL and WARC
    containers that never holds a line or a record body."""
    total = 0
    for path in files:
        what, _ = container(path) or ("doc", None)
        try:
            if what == "jsonl":
                total += _count_lines(path)
            elif what == "warc":
                total += _count_html_records(path)
            else:
                total += 1
        except (OSError, EOFError, ValueError, zlib.error):
            total += 1  # what was counted stands; the broken rest is one error record
    return total


def _count_lines(path: Path) -> int:
    n, blank = 0, True
    with _open(path) as fh:
        while block := fh.read(BLOCK):
            pieces = block.split(b"\n")
            for piece in pieces[:-1]:
                blank = blank and not piece.strip()
                n += not blank
                blank = True
            blank = blank and not pieces[-1].strip()
    return n + (not blank)


def _count_html_records(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with open(path, "rb") as fh:
        records = ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True)
        return sum((r.http_content_type or "").lower() in HTML_TYPES for r in records)


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def _read_file(path: str, limit: int) -> Payload:
    with _open(Path(path)) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"over max_input_bytes={limit:,}")
    return Payload(data)


# --- JSONL -------------------------------------------------------------------------------------------------------


def _jsonl_sources(path: Path, field: str, limit: int) -> Iterator[Source]:
    """One source per non-blank line, id ``<path>:<line>#<digest>``; a line over ``limit`` bytes is never held: it
    becomes an error record and reading goes on at the next line."""
    name, shown = canonical(path), path_text(path)
    number = 0
    try:
        with _open(path) as fh:
            while line := fh.readline(limit + 1):
                number += 1
                meta = {"path": shown, "line": number}
                if len(line) > limit and not line.endswith(b"\n"):
                    skipped = _skip_line(fh)
                    message = f"line {number} is over max_input_bytes={limit:,} ({len(line) + skipped:,} bytes)"
                    yield Source(f"{name}:{number}#oversize", None, partial(_raise, message), meta)
                elif line.strip():
                    digest = hashlib.blake2b(line.rstrip(b"\r\n"), digest_size=8).hexdigest()[:DIGEST_CHARS]
                    # no kind hint: the record's field decides it, when the worker reads the line
                    yield Source(f"{name}:{number}#{digest}", None, partial(_jsonl_payload, line, field), meta)
    except (OSError, EOFError, zlib.error) as exc:  # a corrupt .gz: what was read before it counts
        yield _broken(name, shown, f"{describe(exc)} (after line {number})")


def _skip_line(fh: IO[bytes]) -> int:
    """Read past the rest of an oversize line, a block at a time; the number of bytes skipped."""
    skipped = 0
    while chunk := fh.readline(BLOCK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _jsonl_payload(line: bytes, field: str) -> Payload:
    record = json.loads(line)
    if not isinstance(record, dict):
        raise InputError(f"line holds a JSON {type(record).__name__}, not an object")
    data, kind, problem = stream.document_item(record, None if field == "auto" else field, None)
    if problem is not None:
        raise InputError(problem)
    meta = {k: record[k] for k in ("id", "url") if isinstance(record.get(k), (str, int))}
    if "id" in meta:
        meta["record_id"] = meta.pop("id")
    return Payload(data, kind, meta)


# --- WARC --------------------------------------------------------------------------------------------------------


def _warc_sources(path: Path, limit: int) -> Iterator[Source]:
    """The HTML responses, id ``<path>#<WARC-Record-ID>@<offset>`` (record ids are not always unique).

    A record is handed on once the next one has started or the file has been checked to end where the record
    does, so a torn last record is an error record, never cleaned as if complete.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    name, shown = canonical(path), path_text(path)
    held: Source | None = None
    last = -1  # offset of the last record of any type
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, parse_http=True, auto_decode="all"):
                if held is not None:
                    yield held
                held, last = None, record.stream_pos
                if record.record_type == WarcRecordType.response:
                    held = _warc_source(record, name, shown, limit)
        torn = _warc_tail_problem(path, last)
    except (OSError, ValueError, EOFError, zlib.error) as exc:
        if held is not None:
            yield held
        yield _broken(name, shown, f"{describe(exc)} (after the record at offset {last})")
        return
    if torn is None:
        if held is not None:
            yield held
        return
    size = os.path.getsize(path)
    if torn == "last" and held is not None:  # the torn record is this document's: it fails, never half-cleaned
        message = f"the WARC file ends inside this record (truncated at {size:,} bytes)"
        yield Source(held.id, held.kind_hint, partial(_raise, message), held.meta)
        return
    if held is not None:
        yield held
    where = f"after the record at offset {last}" if torn == "after" else f"in the record at offset {last}"
    message = f"the WARC file is truncated or unreadable {where} ({size:,} bytes)"
    yield _broken(name, shown, message)


def _warc_source(record: Any, name: str, shown: str, limit: int) -> Source | None:
    ctype = (record.http_content_type or "").lower()
    if ctype not in HTML_TYPES:
        return None
    pos = record.stream_pos
    rid = record.record_id or ""
    meta = {"path": shown, "offset": pos, "warc_record_id": rid or None, "url": record.headers.get("WARC-Target-URI")}
    meta["status"] = record.http_headers.status_code
    try:
        load = partial(_warc_payload, record.reader.read(limit + 1), record.http_charset, limit)
    except (OSError, ValueError) as exc:  # e.g. a broken Content-Encoding: this record fails alone
        load = partial(_raise, describe(exc))
    return Source(f"{name}#{rid}@{pos}", "html", load, meta)


def _warc_tail_problem(path: Path, last: int) -> str | None:
    """``"last"`` when the file ends inside its last record, ``"after"`` when bytes after the last record that
    fastwarc read are not a complete record (it skips a torn one silently), else ``None``."""
    if last < 0:
        return "after" if os.path.getsize(path) > 0 else None
    with open(path, "rb") as fh:
        fh.seek(last)
        if fh.read(2) == b"\x1f\x8b":  # one gzip member per record, as crawlers write them: check from the last
            fh.seek(last)
            return _gzip_tail_problem(fh)
        if path.name.lower().endswith(".gz"):  # one gzip stream for the whole file: check all of it
            fh.seek(0)
            return _gzip_tail_problem(fh)
        fh.seek(last)
        return _plain_tail_problem(fh, os.path.getsize(path))


def _gzip_tail_problem(fh: IO[bytes]) -> str | None:
    """Decompress (and drop) the gzip members from here to the end of ``fh``: each must be complete."""
    first, data = True, b""
    while True:
        while not data:  # between members: the end, or zero padding some writers add
            data = fh.read(BLOCK)
            if not data:
                return None
            data = data.lstrip(b"\x00")
        inflater = zlib.decompressobj(wbits=31)
        try:
            while not inflater.eof:
                if not data:
                    data = fh.read(BLOCK)
                    while not data and not inflater.eof and inflater.decompress(b"", BLOCK):
                        pass  # output held back by the block limit
                    if not data and not inflater.eof:
                        return "last" if first else "after"
                inflater.decompress(data, BLOCK)  # output dropped, a block at a time: a bomb costs no memory
                data = inflater.unconsumed_tail
        except zlib.error:
            return "last" if first else "after"
        data, first = inflater.unused_data, False


def _plain_tail_problem(fh: IO[bytes], size: int) -> str | None:
    start = fh.tell()
    head = fh.read(1 << 16)
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return "last"
    length = None
    for raw in head[:end].split(b"\r\n"):
        key, _, value = raw.partition(b":")
        if key.strip().lower() == b"content-length":
            length = int(value.strip())
    if length is None:
        return "last"
    record_end = start + end + 4 + length
    if size < record_end:
        return "last"
    fh.seek(record_end)
    rest = fh.read(BLOCK)
    return "after" if rest.strip() else None


def _warc_payload(body: bytes, charset: str | None, limit: int) -> Payload:
    if len(body) > limit:
        raise InputError(f"over max_input_bytes={limit:,}")
    return Payload(decode.with_http_charset(body, charset))


def _broken(name: str, shown: str, message: str) -> Source:
    """A container that stopped being readable: one error record for the rest of it."""
    return Source(f"{name}#unreadable", None, partial(_raise, message), {"path": shown})


def _raise(message: str) -> Payload:
    raise InputError(message)
