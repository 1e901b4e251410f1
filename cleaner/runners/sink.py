"""The output file: one JSON record per line, written whole; resume reads back the ids already done."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)


ID_PREFIX = '{"id": '  # every output line starts with its id, so resume need not parse whole records


def json_line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "replace")


def done_ids(out: Path, *, drop_failed: bool = False) -> set[str]:
    """Ids of the complete records in ``out``; a trailing partial line (from a killed run) is cut off.

    With ``drop_failed``, error records are removed from ``out`` first (atomically), so their documents run again.
    """
    ids: set[str] = set()
    if not out.exists():
        return ids
    with open(out, "r+b") as fh:
        fh.truncate(_complete_length(fh))
    if drop_failed:
        _drop_failed(out)
    with open(out, "rb") as fh:
        for number, line in enumerate(fh, 1):
            record_id = _line_id(line)
            if record_id is None:
                log.warning("%s:%d: not a record, ignored", out, number)
            else:
                ids.add(record_id)
    return ids


def _drop_failed(out: Path) -> None:
    tmp = out.with_name(out.name + ".retry-tmp")
    with open(out, "rb") as src, open(tmp, "wb") as dst:
        for line in src:
            if not _is_error(line):
                dst.write(line)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, out)


def _is_error(line: bytes) -> bool:
    if b'"error": ' not in line:
        return False
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and "error" in record


def _complete_length(fh: IO[bytes], chunk: int = 1 << 16) -> int:
    """Offset just after the last newline in ``fh`` (0 when there is none)."""
    pos = fh.seek(0, os.SEEK_END)
    while pos > 0:
        start = max(0, pos - chunk)
        fh.seek(start)
        block = fh.read(pos - start)
        cut = block.rfind(b"\n")
        if cut >= 0:
            return start + cut + 1
        pos = start
    return 0


def _line_id(line: bytes) -> str | None:
    text = line.decode("utf-8", "replace")
    try:
        if text.startswith(ID_PREFIX):
            value, _ = json.JSONDecoder().raw_decode(text, len(ID_PREFIX))
        else:
            value = json.loads(text).get("id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None
