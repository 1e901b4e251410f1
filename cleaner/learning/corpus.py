"""Read labelled data: annotated HTML pages and annotated plain-text JSONL."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from cleaner.core import decode, parse, segment
from cleaner.core.config import CleanerConfig
from cleaner.core.errors import DataError
from cleaner.core.types import LABELS, Block
from cleaner.core.vocabulary import RULED_TAGS

LABEL_ATTR = "data-label"
GROUP_META = etree.XPath("//meta[@name='training-group']/@content")
PAGE_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".jsonl", ".jsonl.gz")
_LIMITS: dict[str, Any] = dict(max_blocks=CleanerConfig().max_blocks, max_block_chars=CleanerConfig().max_block_chars)


@dataclass(frozen=True, slots=True)
class LabelledDoc:
    """A document's blocks with one gold label each (``None`` where unlabelled)."""

    id: str
    group: str
    kind: str
    blocks: list[Block]
    labels: list[str | None]
    source: str  # file (and line) it came from
    title: str | None = None
    json_ld: str = ""
    text_only: bool = False  # a plain-text document only the plain-text model learns from (never the HTML model)


def nearest_label(el: etree._Element) -> str | None:
    """The ``data-label`` of the element or its nearest labelled ancestor (lower-cased)."""
    for node in (el, *el.iterancestors()):
        value = node.get(LABEL_ATTR)
        if value is not None:
            return str(value).strip().lower()
    return None


_INLINE_LABELS = etree.XPath(f".//*[@{LABEL_ATTR}]")
_SPACES = re.compile(r"\s+")


def inline_label(el: etree._Element, text: str) -> str | None:
    """The label of inline elements (``<a>``, ``<span>``...) inside a block element that hold all of its
    ``text`` and agree on one label: ``<li><a data-label="promo">Subscribe</a></li>`` is ``promo``."""
    marked = [n for n in _INLINE_LABELS(el) if n.tag not in segment.BLOCK_TAGS]
    if not marked:
        return None
    values = {str(n.get(LABEL_ATTR)).strip().lower() for n in marked}
    covered = " ".join(_SPACES.sub(" ", "".join(n.itertext())).strip() for n in marked)
    if len(values) == 1 and covered.strip() == text.strip():
        return values.pop()
    return None


def ignored_inline_label(el: etree._Element, text: str) -> bool:
    """Whether a labelled inline element holds most of this block's text but its label is not the block's."""
    if inline_label(el, text) is not None:
        return False
    used = nearest_label(el)
    for n in _INLINE_LABELS(el):
        inner = _SPACES.sub(" ", "".join(n.itertext())).strip()
        if n.tag not in segment.BLOCK_TAGS and inner and inner in text and 2 * len(inner) > len(text):
            if str(n.get(LABEL_ATTR)).strip().lower() != used:
                return True
    return False


def unit_label(el: etree._Element) -> str | None:
    """The label of a unit (a table, list or ``<pre>`` read as one block) whose parts carry their own labels: the
    label holding most of its characters."""
    chars: Counter[str | None] = Counter()

    def count(node: etree._Element, label: str | None) -> None:
        own = node.get(LABEL_ATTR)
        label = str(own).strip().lower() if own is not None else label
        chars[label] += len((node.text or "").strip())
        for child in node:
            if isinstance(child.tag, str):
                count(child, label)
            chars[label] += len((child.tail or "").strip())

    count(el, nearest_label(el))
    return _most(chars) if any(chars.values()) else nearest_label(el)


def block_label(el: etree._Element, text: str) -> str | None:
    """A block's gold label: labelled inline elements holding all its text, else the nearest labelled ancestor (for
    a unit whose parts are labelled, the label of most of its text)."""
    if el.tag in segment.UNIT_TAGS and _INLINE_LABELS(el):
        return unit_label(el)
    return inline_label(el, text) or nearest_label(el)


def model_blocks(root: etree._Element) -> list[Block]:
    """A page's blocks the model reads: those of ``segment.html_blocks`` but the ruled ones (``RULED_TAGS``), which
    a rule labels, as ``pipeline.document_blocks`` leaves them out (they record no element path either)."""
    blocks, _ = segment.html_blocks(root, **_LIMITS)
    return [b for b in blocks if b.tag not in RULED_TAGS]


def page_labels(html: str) -> tuple[list[Block], list[str | None], str | None, str | None, str]:
    """Blocks of an annotated page, each block's nearest ``data-label``, its group, title and JSON-LD text."""
    root = parse.parse_html(html)
    if root is None:
        return [], [], None, None, ""
    groups = GROUP_META(root)
    title = segment.page_title(root)
    json_ld = segment.page_json_ld_text(root)
    blocks = model_blocks(root)
    tree = root.getroottree()
    labels: list[str | None] = []
    for b in blocks:
        found = tree.xpath(b.xpath) if b.xpath else []
        labels.append(block_label(found[0], b.text) if found else None)
    return blocks, labels, (str(groups[0]) if groups else None), title, json_ld


def text_doc(record: dict, source: str) -> LabelledDoc:
    """A labelled plain-text document from one JSONL record with ``paragraphs``."""
    paragraphs = record.get("paragraphs")
    if not isinstance(paragraphs, list) or not paragraphs:
        raise DataError(f"{source}: record has no 'paragraphs' list")
    texts = [str(p.get("text", "")) for p in paragraphs]
    text = record.get("text") or "\n\n".join(texts)
    # Each labelled paragraph stays one block: its label is the paragraph's (no glued-tail split).
    blocks, _ = segment.text_blocks(text, split_glued=False, **_LIMITS)
    labels: list[str | None] = [str(p.get("label", "")).lower() or None for p in paragraphs]
    if len(blocks) != len(labels):
        # Paragraph texts that hold blank lines split further: align by offsets.
        labels = _align_by_offsets(text, texts, labels, blocks)
    return LabelledDoc(
        id=str(record.get("id", source)),
        group=str(record.get("group") or record.get("id") or source),
        kind="text",
        blocks=blocks,
        labels=labels,
        source=source,
        text_only=record.get("text_only") is True,
    )


def _align_by_offsets(text: str, texts: list[str], labels: list[str | None], blocks: list[Block]) -> list[str | None]:
    spans = []
    pos = 0
    for t, label in zip(texts, labels, strict=False):
        start = text.find(t.strip()[:40], pos) if t.strip() else -1
        if start < 0:
            start = pos
        spans.append((start, start + len(t.strip()), label))
        pos = start + len(t.strip())
    out: list[str | None] = []
    for b in blocks:
        label = None
        for start, end, lab in spans:
            if start <= b.start < max(end, start + 1):
                label = lab
                break
        out.append(label)
    return out


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Data files under the given files/folders, sorted (deterministic order)."""
    for path in paths:
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if (
                    f.is_file()
                    and f.name.endswith(PAGE_SUFFIXES + TEXT_SUFFIXES)
                    and "parts" not in f.relative_to(path).parts
                ):
                    yield f
        elif path.is_file():
            yield path
        else:
            raise DataError(f"{path}: no such file or folder")


def _open_text(path: Path) -> Iterator[tuple[int, str]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                yield lineno, line


def load(paths: list[Path]) -> Iterator[LabelledDoc]:
    """Every labelled document under ``paths``: annotated pages and text JSONL."""
    for path in iter_files(paths):
        if path.name.endswith(PAGE_SUFFIXES):
            html = decode.decode(path.read_bytes())
            blocks, labels, group, title, json_ld = page_labels(html)
            yield LabelledDoc(
                id=path.stem,
                group=group or path.stem,
                kind="html",
                blocks=blocks,
                labels=labels,
                source=str(path),
                title=title,
                json_ld=json_ld,
            )
        else:
            for lineno, line in _open_text(path):
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise DataError(f"{path}:{lineno}: not JSON: {exc}") from None
                if "segments" in record and "html" in record:
                    yield gold_page(record, f"{path}:{lineno}")
                else:
                    yield text_doc(record, f"{path}:{lineno}")


def gold_page(record: dict, source: str) -> LabelledDoc:
    """A page of a typed gold set (``html`` + ``segments`` with xpath/text/label)."""
    root = parse.parse_html(record["html"])
    title = segment.page_title(root) if root is not None else None
    json_ld = segment.page_json_ld_text(root) if root is not None else ""
    blocks = model_blocks(root) if root is not None else []
    by_xpath: dict[str, list[tuple[str, str]]] = {}
    for s in record["segments"]:
        by_xpath.setdefault(s.get("xpath", ""), []).append((" ".join(s["text"].split()), s["label"]))
    labels: list[str | None] = []
    for b in blocks:
        label = None
        for text, lab in by_xpath.get(b.xpath or "", []):
            if text == b.text or text in b.text or b.text in text:
                label = lab
                break
        if label is None and b.tag in segment.UNIT_TAGS and b.xpath:
            label = _label_under(by_xpath, b.xpath + "/")
        labels.append(label if label in LABELS else None)
    group = str(record.get("id", source)).split("/")[0]
    return LabelledDoc(
        id=str(record.get("id", source)),
        group=group,
        kind="html",
        blocks=blocks,
        labels=labels,
        source=source,
        title=title,
        json_ld=json_ld,
    )


def _label_under(by_xpath: dict[str, list[tuple[str, str]]], prefix: str) -> str | None:
    """The gold label of most text among the segments inside the element at ``prefix`` (a unit read as one block)."""
    chars: Counter[str | None] = Counter()
    for xpath, found in by_xpath.items():
        if xpath.startswith(prefix):
            for text, lab in found:
                chars[lab] += len(text)
    return _most(chars) if chars else None


def _most(chars: Counter[str | None]) -> str | None:
    """The label holding the most characters (the first one counted on a tie)."""
    return max(chars, key=chars.__getitem__)


def digest(root: Path) -> str:
    """sha256 over every file under ``root`` (relative path and bytes), in sorted order."""
    h = hashlib.sha256()
    for f in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = f.relative_to(root).as_posix()
        if "__pycache__" in rel:
            continue
        h.update(rel.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()
