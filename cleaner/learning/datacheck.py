"""Validate a training-data folder: labels, unlabelled regions, duplicates, encodings."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner.core import decode, parse, segment
from cleaner.core.types import LABELS
from cleaner.learning import corpus


@dataclass(frozen=True, slots=True)
class Problem:
    where: str  # file[:line]
    kind: str  # unknown-label | unlabelled | duplicate | encoding | format
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: {self.message}"


def _check_page(path: Path) -> Iterator[Problem]:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield Problem(str(path), "encoding", f"not valid UTF-8 at byte {exc.start}")
    text = decode.decode(data)
    if "\ufffd" in text:
        line = text[: text.index("\ufffd")].count("\n") + 1
        yield Problem(f"{path}:{line}", "encoding", "holds U+FFFD (a character lost in decoding)")
    root = parse.parse_html(text)
    if root is None:
        yield Problem(str(path), "format", "does not parse as HTML")
        return
    for el in root.iter():
        value = el.get(corpus.LABEL_ATTR) if isinstance(el.tag, str) else None
        if value is not None and value.strip().lower() not in LABELS:
            yield Problem(
                f"{path}:{el.sourceline}", "unknown-label", f"data-label={value!r}; use one of {', '.join(LABELS)}"
            )

    blocks, _ = segment.html_blocks(root, max_blocks=10**6, max_block_chars=10**6)
    tree = root.getroottree()
    for b in blocks:
        el = tree.xpath(b.xpath)[0] if b.xpath else None
        if el is None:
            continue
        if corpus.block_label(el, b.text) is None:
            yield Problem(f"{path}:{el.sourceline}", "unlabelled", f"block {b.text[:60]!r} has no data-label ancestor")
        elif corpus.ignored_inline_label(el, b.text):
            yield Problem(
                f"{path}:{el.sourceline}",
                "inline-label",
                f"block {b.text[:60]!r}: a data-label on an inline element inside it is ignored because it does "
                "not hold all of the block's text; label the block element instead",
            )


def _check_jsonl(path: Path) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    raw = path.read_bytes()
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield Problem(where, "encoding", "line is not valid UTF-8")
            continue
        except ValueError as exc:
            yield Problem(where, "format", f"not JSON: {exc}")
            continue
        paragraphs = record.get("paragraphs") if isinstance(record, dict) else None
        if not isinstance(paragraphs, list) or not paragraphs:
            yield Problem(where, "format", "record needs a non-empty 'paragraphs' list")
            continue
        if not isinstance(record.get("text_only", False), bool):
            yield Problem(where, "format", "'text_only' must be true or false")
        for k, p in enumerate(paragraphs):
            label = p.get("label") if isinstance(p, dict) else None
            if label is None:
                yield Problem(where, "unlabelled", f"paragraph {k} has no label")
            elif label not in LABELS:
                yield Problem(where, "unknown-label", f"paragraph {k}: {label!r}; use one of {', '.join(LABELS)}")
            if isinstance(p, dict) and "\ufffd" in str(p.get("text", "")):
                yield Problem(where, "encoding", f"paragraph {k} holds U+FFFD")
        key = hashlib.sha1(json.dumps([p.get("text") for p in paragraphs if isinstance(p, dict)]).encode()).hexdigest()
        if key in seen:
            yield Problem(where, "duplicate", f"same paragraphs as line {seen[key]}")
        else:
            seen[key] = lineno


def check(paths: list[Path]) -> Iterator[Problem]:
    """Every problem found under ``paths``, file by file."""
    page_hashes: dict[str, Path] = {}
    for path in corpus.iter_files(paths):
        if path.name.endswith(corpus.PAGE_SUFFIXES):
            digest = hashlib.sha1(path.read_bytes()).hexdigest()
            if digest in page_hashes:
                yield Problem(str(path), "duplicate", f"same bytes as {page_hashes[digest]}")
                continue
            page_hashes[digest] = path
            yield from _check_page(path)
        elif path.name.endswith(".jsonl"):
            yield from _check_jsonl(path)
