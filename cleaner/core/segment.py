"""Split a parsed document into blocks, in reading order."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from lxml import etree

from cleaner.core.caching import token_cache
from cleaner.core.types import BLOCK_SEPARATOR, Block
from cleaner.core.vocabulary import (
    AD_LABELS,
    AD_SLOT_PREFIXES,
    AD_SLOT_TOKENS,
    BLOCK_TAGS,
    BODY_ITEMPROPS,
    CONTROL_TAGS,
    DROP_TAGS,
    LANDMARK_ROLES,
    LANDMARK_TAGS,
    consent_platform_tokens,
)

_HIDING = "|//*[@hidden]|//*[@aria-hidden='true']|//*[@style]"
_DROP_XPATH = etree.XPath("|".join(f"//{t}" for t in DROP_TAGS) + _HIDING)
_DROP_BUT_NOSCRIPT_XPATH = etree.XPath("|".join(f"//{t}" for t in DROP_TAGS if t != "noscript") + _HIDING)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
MAX_ANCESTORS = 8
MAX_ATTR_TOKENS = 16
_BR = "\n"
_ROW = "\x1e"  # a table row, list item or definition starts (inside a unit)
_CELL = "\x1f"  # a table cell starts (inside a unit)
_WS = re.compile(r"\s+")

# Units: a table, a list or a <pre> read as one block (rows, items or lines kept together on their own lines).
UNIT_TAGS = frozenset({"table", "ul", "ol", "dl", "pre"})
_TABLE_PARTS = frozenset({"tr", "td", "th", "thead", "tbody", "tfoot", "caption", "p"})
_LIST_PARTS = frozenset({"li", "ul", "ol", "dl", "dt", "dd", "p"})
_ROW_TAGS = frozenset({"tr", "li", "dt", "dd", "caption"})
_CELL_TAGS = frozenset({"td", "th"})
MAX_UNIT_ROWS = 100  # a longer table or list is read cell by cell / item by item
MAX_UNIT_CHARS = 5_000
MAX_CELL_CHARS = 300  # a cell longer than this is a layout table's column, not a data cell
CELL_SEPARATOR = "\t"  # between the cells of a table row in a unit's text


_AD_SLOT, _CMP = 1, 2


@token_cache
def _token_marks(name: str) -> int:
    """Landmark bits a class/id token carries on its own: an ad slot's name, a consent platform's name."""
    bits = _AD_SLOT if name in AD_SLOT_TOKENS or name.startswith(AD_SLOT_PREFIXES) else 0
    return bits | (_CMP if name in consent_platform_tokens() else 0)


Facts = tuple[tuple[str, ...], frozenset[str]]


def element_facts(tag: str, items: list[tuple[str, str]]) -> Facts:
    """An element's own class/id tokens (lower-cased, id first) and the landmarks its own markup names (tag,
    ARIA role, microdata, ad-slot and consent-platform names, hiding)."""
    attrib = dict(items)
    names: list[str] = []
    for key in ("id", "class"):
        value = attrib.get(key)
        if value:
            names.extend(value.lower().split())
    own: set[str] = set()
    if tag in LANDMARK_TAGS:
        own.add(LANDMARK_TAGS[tag])
    role = (attrib.get("role") or "").lower()
    if role in LANDMARK_ROLES:
        own.add(LANDMARK_ROLES[role])
    if attrib.get("aria-modal") == "true":
        own.add("dialog")
    if (attrib.get("itemprop") or "").lower() in BODY_ITEMPROPS:
        own.add("body_prop")
    bits = 0
    for n in names:
        bits |= _token_marks(n)
    if bits & _AD_SLOT or "data-ad-slot" in attrib or (attrib.get("aria-label") or "").lower() in AD_LABELS:
        own.add("ad_slot")
    if bits & _CMP:
        own.add("cmp")
    if is_hidden(attrib):
        own.add("hidden")
    return tuple(names), frozenset(own)


_TAG_FACTS: dict[str, Facts] = {tag: ((), frozenset({mark})) for tag, mark in LANDMARK_TAGS.items()}
_NO_FACTS: Facts = ((), frozenset())


@dataclass(slots=True)
class _Open:
    """A block element whose end tag has not been seen yet."""

    element: etree._Element
    tag: str
    ancestors: tuple[str, ...]
    attrs: tuple[str, ...]
    path: tuple[int, ...]
    depth: int
    in_form: bool
    landmarks: frozenset[str] = frozenset()
    pieces: list[tuple[str, bool]] = field(default_factory=list)
    first_seq: int = -1
    controls: int = 0
    unit: str | None = None  # "table", "list" or "pre" when the element is read as one unit


@dataclass(slots=True)
class _Run:
    seq: int
    open: _Open
    pieces: list[tuple[str, bool]]


def is_hidden(attrib: Mapping[str, str]) -> bool:
    """Hidden by its own markup (``attrib``: an element's attributes): ``hidden``, ``aria-hidden="true"`` or an
    inline ``display:none`` style."""
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


def _text_chars(el: etree._Element) -> int:
    """Characters of text under ``el``, the whitespace around each text node not counted (indentation of
    pretty-printed markup must not decide anything)."""
    return sum(len(t.strip()) for t in el.itertext())


def unit_kind(el: etree._Element, tag: str) -> str | None:
    """``"table"``, ``"list"`` or ``"pre"`` when ``el`` is read as one block: a data table (two or more rows of short
    cells, no layout inside), a list of text items, a ``<pre>``; ``None`` for layout tables, menus and other lists
    that are mostly links, lists of cards or widgets, hidden parts and anything over the size limits (those are read
    element by element)."""
    parts = _TABLE_PARTS if tag == "table" else _LIST_PARTS if tag != "pre" else frozenset()
    rows = 0
    for d in el.iterdescendants():
        t = d.tag
        if type(t) is not str:
            continue
        if (t in BLOCK_TAGS and t not in parts) or is_hidden(d.attrib):
            return None
        if t in _ROW_TAGS:
            rows += 1
            if rows > MAX_UNIT_ROWS:
                return None
    chars = _text_chars(el)
    if chars > MAX_UNIT_CHARS:
        return None
    if tag == "pre":
        return "pre"
    if 2 * sum(_text_chars(a) for a in el.iterdescendants("a")) > chars:
        return None  # a menu or a list of links: each item keeps its own label ("Cookie settings" is consent)
    if tag != "table":
        return "list" if rows else None
    if rows < 2:
        return None
    cells = (d for d in el.iterdescendants("td", "th"))
    return "table" if all(_text_chars(c) <= MAX_CELL_CHARS for c in cells) else None


def _unit_text(kind: str, pieces: list[tuple[str, bool]]) -> str:
    """A unit's text: one line per row, item or code line; a table's cells separated by ``CELL_SEPARATOR``."""
    raw = "".join([t for t, _ in pieces])
    if kind == "pre":  # no row or cell marks: a <pre> holding block elements is not a unit
        return "\n".join(line.rstrip() for line in raw.splitlines() if line.strip())
    rows = []
    for row in raw.split(_ROW):
        if kind == "table":
            parts = row.split(_CELL)
            cells = [" ".join(c.split()) for c in (parts[1:] if len(parts) > 1 else parts)]
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                rows.append(CELL_SEPARATOR.join(cells))
        else:
            item = " ".join(row.replace(_CELL, " ").split())
            if item:
                rows.append(item)
    return "\n".join(rows)


def drop_invisible(root: etree._Element, *, keep_noscript: bool = False) -> None:
    """Remove scripts, styles, templates and the like, keeping their tails. Hidden elements stay: their blocks are
    marked (landmark ``hidden``) and never become content, but a hidden consent dialog is still labelled. Hidden
    inline elements (an icon's text, a duplicate label) are removed, so no visible block takes their text."""
    for el in (_DROP_BUT_NOSCRIPT_XPATH if keep_noscript else _DROP_XPATH)(root):
        if el.tag == "noscript" and keep_noscript:
            continue
        if el.tag not in DROP_TAGS and (el.tag in BLOCK_TAGS or not is_hidden(el.attrib)):
            continue
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


def _with_tokens(own: tuple[str, ...], inherited: tuple[str, ...]) -> tuple[str, ...]:
    """The element's class/id tokens in front of its ancestors' (deduplicated, capped)."""
    if not own:
        return inherited
    return tuple(dict.fromkeys(own + inherited))[:MAX_ATTR_TOKENS]


def _split_runs(pieces: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    """Split a run of text at two or more consecutive ``<br>`` (old table layouts)."""
    chunks: list[list[tuple[str, bool]]] = [[]]
    pending_br = 0
    for text, is_link in pieces:
        if text is _BR:
            pending_br += 1
            continue
        if pending_br:
            if not text.strip():
                continue
            if pending_br >= 2:
                chunks.append([])
            else:
                chunks[-1].append((" ", False))
            pending_br = 0
        chunks[-1].append((text, is_link))
    return chunks


_TITLE = etree.XPath("string(//title)")
_JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()")
_JSON_LD_TEXT_KEYS = ("articleBody", "text", "description", "reviewBody")
JSON_LD_MAX_CHARS = 200_000


def page_json_ld_text(root: etree._Element) -> str:
    """The body text a page's own JSON-LD states (``articleBody``, ``text``, ``description``...), whitespace
    normalised; read before scripts are dropped. A block found in it is strong evidence of main content."""
    found: list[str] = []

    def walk(node: object, depth: int) -> None:
        if depth > 12 or sum(map(len, found)) > JSON_LD_MAX_CHARS:
            return
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _JSON_LD_TEXT_KEYS and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value, depth + 1)
        elif isinstance(node, list):
            for item in node:
                walk(item, depth + 1)

    for raw in _JSON_LD(root)[:20]:
        try:
            walk(json.loads(str(raw)[:JSON_LD_MAX_CHARS], strict=False), 0)  # raw newlines in strings are common
        except ValueError:
            continue
    return _WS.sub(" ", " ".join(found))[:JSON_LD_MAX_CHARS]


def page_title(root: etree._Element) -> str:
    """The text of the page's ``<title>`` (read before the head is dropped)."""
    return " ".join(str(_TITLE(root)).split())


def html_blocks(
    root: etree._Element, *, max_blocks: int, max_block_chars: int, keep_noscript: bool = False
) -> tuple[list[Block], bool]:
    """Blocks of an HTML tree in reading order, and whether ``max_blocks`` cut them short. ``keep_noscript``: read
    ``<noscript>`` content as page text (for pages that show nothing without scripts). Changes ``root``."""
    drop_invisible(root, keep_noscript=keep_noscript)
    tree = root.getroottree()
    stack: list[_Open] = []  # open block elements
    runs: list[_Run] = []
    attr_stack: list[tuple[str, ...]] = [()]  # accumulated class/id tokens per open element
    landmark_stack: list[frozenset[str]] = [frozenset()]
    tag_stack: list[str] = []
    id_stack: list[int] = []  # a number per open element, for page-structure features
    next_id = 0
    seq = 0
    link_depth = 0
    form_depth = 0
    unit: etree._Element | None = None  # the unit element being read, if any

    def add_text(top: _Open, text: str, in_link: bool) -> None:
        nonlocal seq
        if top.first_seq < 0:  # the first text of this element's current run fixes the run's reading order
            top.first_seq, seq = seq, seq + 1
        top.pieces.append((text, in_link))

    def flush(top: _Open) -> None:
        if top.pieces:
            runs.append(_Run(top.first_seq, top, top.pieces))
            top.pieces = []
            top.first_seq = -1

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if type(tag) is not str:  # entities, processing instructions
            if event == "end" and el.tail and stack:
                add_text(stack[-1], el.tail, link_depth > 0)
            continue
        if event == "start":
            if tag == "a":
                link_depth += 1
            elif tag == "form":
                form_depth += 1
            elif tag in CONTROL_TAGS and stack:
                stack[-1].controls += 1
            items = el.items()
            names, marks = element_facts(tag, items) if items else _TAG_FACTS.get(tag, _NO_FACTS)
            attrs = _with_tokens(names, attr_stack[-1])
            landmarks = landmark_stack[-1] | marks if marks else landmark_stack[-1]
            if unit is not None:
                if tag in _ROW_TAGS:
                    stack[-1].pieces.append((_ROW, False))
                elif tag in _CELL_TAGS:
                    stack[-1].pieces.append((_CELL, False))
                elif tag == "br":
                    stack[-1].pieces.append((_BR, False))
            elif tag in BLOCK_TAGS or not stack:
                if stack:
                    flush(stack[-1])
                kind = unit_kind(el, tag) if tag in UNIT_TAGS else None
                if kind is not None:
                    unit = el
                stack.append(
                    _Open(
                        element=el,
                        tag=tag,
                        ancestors=tuple(tag_stack[: -MAX_ANCESTORS - 1 : -1]),
                        attrs=attrs,
                        path=(*id_stack, next_id),
                        depth=len(tag_stack),
                        in_form=form_depth > 0,
                        landmarks=landmarks,
                        unit=kind,
                    )
                )
            elif tag == "br":
                if stack:
                    stack[-1].pieces.append((_BR, False))
            elif tag in ("img", "input") and stack:
                stack[-1].pieces.append((" ", False))
            attr_stack.append(attrs)
            landmark_stack.append(landmarks)
            tag_stack.append(tag)
            id_stack.append(next_id)
            next_id += 1
            text = el.text
        else:
            if tag == "a":
                link_depth -= 1
            elif tag == "form":
                form_depth -= 1
            attr_stack.pop()
            landmark_stack.pop()
            tag_stack.pop()
            id_stack.pop()
            if el is unit:
                unit = None
            if stack and stack[-1].element is el:
                done = stack.pop()
                flush(done)
                if stack:
                    flush(stack[-1])
                    stack[-1].controls += done.controls
            text = el.tail
        if text and stack:
            add_text(stack[-1], text, link_depth > 0)
    while stack:
        flush(stack.pop())

    runs.sort(key=lambda r: r.seq)
    blocks: list[Block] = []
    offset = 0
    truncated = False
    for run in runs:
        kind = run.open.unit
        for chunk in _split_runs(run.pieces) if kind is None else [run.pieces]:
            text = " ".join("".join([t for t, _ in chunk]).split()) if kind is None else _unit_text(kind, chunk)
            if not text:
                continue
            if len(blocks) >= max_blocks:
                truncated = True
                break
            text = text[:max_block_chars]
            link_chars = sum([len(t.strip()) for t, is_link in chunk if is_link])
            o = run.open
            blocks.append(
                Block(
                    id=len(blocks),
                    text=text,
                    tag=o.tag,
                    xpath=tree.getpath(o.element),
                    start=offset,
                    end=offset + len(text),
                    link_chars=min(link_chars, len(text)),
                    depth=o.depth,
                    ancestors=o.ancestors,
                    attrs=o.attrs,
                    in_form=o.in_form,
                    controls=o.controls,
                    path=o.path,
                    landmarks=tuple(sorted(o.landmarks)),
                )
            )
            offset += len(text) + len(BLOCK_SEPARATOR)
    return blocks, truncated


_LINES = re.compile(r"[^\n]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_PARAGRAPH_END = re.compile(r"\n(?=[ \t\r\f\v]*\n)")  # a newline that starts a blank line


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the stretches of ``text`` between blank lines (linear: no backtracking over a paragraph)."""
    start = 0
    for m in _PARAGRAPH_END.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def text_blocks(text: str, *, max_blocks: int, max_block_chars: int) -> tuple[list[Block], bool]:
    """Paragraphs of plain text (blank-line separated, else one per line), with offsets into ``text``."""
    if _BLANK_LINE.search(text):
        spans: Iterable[tuple[int, int]] = _paragraph_spans(text)
    else:
        spans = (m.span() for m in _LINES.finditer(text))
    blocks: list[Block] = []
    truncated = False
    for begin, end in spans:
        raw = text[begin:end]
        stripped = raw.strip()
        if not stripped:
            continue
        if len(blocks) >= max_blocks:
            truncated = True
            break
        start = begin + (len(raw) - len(raw.lstrip()))
        stripped = stripped[:max_block_chars]
        blocks.append(Block(id=len(blocks), text=stripped, tag="p", xpath=None, start=start, end=start + len(stripped)))
    return blocks, truncated
