"""Where documents come from: files, folders, globs, gzip, WARC and JSONL, each with a stable id.

A ``Source`` carries a picklable ``load``, so reading happens in the worker that cleans the document.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
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


def expand_inputs(inputs: Sequence[str | Path], *, exclude: Sequence[Path] = ()) -> list[Path]:
    """Files named by ``inputs`` (files, folders walked recursively, globs) in a stable order, each once.

    ``exclude``: files never to read, such as the output file when it sits in an input folder.
    """
    out: list[Path] = []
    seen: set[str] = {os.path.realpath(p) for p in exclude}
    for item in inputs:
        text = str(item)
        if os.path.isdir(text):
            found = [Path(d, f) for d, _, files in os.walk(text) for f in files if container(Path(f))]
        elif os.path.exists(text):
            found = [Path(text)]
        elif glob.has_magic(text):
            found = [Path(p) for p in glob.glob(text, recursive=True) if os.path.isfile(p)]
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


def iter_sources(inputs: Sequence[str | Path], field: str = "auto", *, limit: int | None = None) -> Iterator[Source]:
    """Every document in ``inputs``, lazily, in input order (``field``: the JSONL field holding the document)."""
    limit = limit or CleanerConfig().max_input_bytes
    for path in expand_inputs(inputs):
        what, kind = container(path) or ("doc", None)
        if what == "warc":
            yield from _warc_sources(path, limit)
        elif what == "jsonl":
            yield from _jsonl_sources(path, field)
        else:
            name = str(path)
            yield Source(name, kind, partial(_read_file, name, limit), {"path": name})


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


def _jsonl_sources(path: Path, field: str) -> Iterator[Source]:
    name = str(path)
    try:
        with _open(path) as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    meta = {"path": name, "line": number}
                    # no kind hint: the record's field decides it, when the worker reads the line
                    yield Source(f"{name}:{number}", None, partial(_jsonl_payload, line, field), meta)
    except (OSError, EOFError) as exc:  # a corrupt .gz: what was read before it counts, the rest is one error
        yield _broken(name, exc)


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


def _warc_sources(path: Path, limit: int) -> Iterator[Source]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    name = str(path)
    try:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True, auto_decode="all")
            for record in records:
                ctype = (record.http_content_type or "").lower()
                if ctype not in HTML_TYPES:
                    continue
                rid = record.record_id or f"@{record.stream_pos}"
                meta = {"path": name, "warc_record_id": rid, "url": record.headers.get("WARC-Target-URI")}
                meta["status"] = record.http_headers.status_code
                try:
                    load = partial(_warc_payload, record.reader.read(limit + 1), record.http_charset, limit)
                except (OSError, ValueError) as exc:  # e.g. a broken Content-Encoding: this record fails alone
                    load = partial(_raise, describe(exc))
                yield Source(f"{name}#{rid}", "html", load, meta)
    except (OSError, ValueError) as exc:
        yield _broken(name, exc)


def _warc_payload(body: bytes, charset: str | None, limit: int) -> Payload:
    if len(body) > limit:
        raise InputError(f"over max_input_bytes={limit:,}")
    return Payload(decode.with_http_charset(body, charset))


def _broken(name: str, exc: BaseException) -> Source:
    """A container that stopped being readable: one error record for the rest of it."""
    return Source(f"{name}#unreadable", None, partial(_raise, describe(exc)), {"path": name})


def _raise(message: str) -> Payload:
    raise InputError(message)
