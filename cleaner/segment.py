"""Split a parsed document into blocks, in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .types import Block

# Elements whose text is never visible page text.
DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg", "math", "object",
             "embed", "applet", "canvas", "map", "iframe", "select", "textarea", "datalist")
_DROP_XPATH = etree.XPath(
    "|".join(f"//{t}" for t in DROP_TAGS)
    + "|//*[@hidden]|//*[@aria-hidden='true']"
    + "|//*[contains(translate(@style,'DISPLAYNOE: ','displaynoe'),'display:none')]"
    + "|//*[contains(translate(@style,'VISIBLTYHDN: ','visiblthdn'),'visibility:hidden')]"
)
# Elements that start a new block (their text is not run together with their parent's).
BLOCK_TAGS = frozenset({
    "html", "body", "p", "div", "li", "ul", "ol", "dl", "dd", "dt", "menu", "dir",
    "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "td", "th", "tr", "table", "thead",
    "tbody", "tfoot", "caption", "blockquote", "pre", "address", "center", "figure",
    "figcaption", "section", "article", "header", "footer", "nav", "aside", "main", "form",
    "fieldset", "legend", "label", "button", "option", "details", "summary", "dialog",
    "frameset", "frame", "noframes", "title", "output", "video", "audio", "picture",
})
CONTROL_TAGS = frozenset({"input", "button", "select", "textarea"})
MAX_ANCESTORS = 8
MAX_ATTR_TOKENS = 16
_BR = "\n"
_WS = re.compile(r"\s+")
_TOKEN_SPLIT = re.compile(r"\s+")


@dataclass(slots=True)
class _Open:
    """A block element whose end tag has not been seen yet."""

    element: etree._Element
    tag: str
    ancestors: tuple[str, ...]
    attrs: tuple[str, ...]
    depth: int
    in_form: bool
    pieces: list[tuple[str, bool]] = field(default_factory=list)
    first_seq: int = -1
    controls: int = 0


@dataclass(slots=True)
class _Run:
    seq: int
    open: _Open
    pieces: list[tuple[str, bool]]


def _local(tag: object) -> str | None:
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1].lower() if "}" in tag else tag.lower()


def drop_invisible(root: etree._Element) -> None:
    """Remove scripts, styles, hidden elements and the like, keeping their tails."""
    for el in _DROP_XPATH(root):
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


def _attr_tokens(el: etree._Element) -> list[str]:
    out: list[str] = []
    for name in ("id", "class"):
        value = el.get(name)
        if value:
            out.extend(_TOKEN_SPLIT.split(value.strip().lower()))
    return out


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


def html_blocks(root: etree._Element, *, max_blocks: int, max_block_chars: int) -> tuple[list[Block], bool]:
    """Blocks of an HTML tree in reading order, and whether ``max_blocks`` cut them short."""
    drop_invisible(root)
    tree = root.getroottree()
    stack: list[_Open] = []
    runs: list[_Run] = []
    attr_stack: list[list[str]] = []
    tag_stack: list[str] = []
    seq = 0
    link_depth = 0
    form_depth = 0

    def add(text: str | None) -> None:
        nonlocal seq
        if text and stack:
            top = stack[-1]
            if top.first_seq < 0:
                top.first_seq = seq
                seq += 1
            top.pieces.append((text, link_depth > 0))

    def flush(top: _Open) -> None:
        if top.pieces:
            runs.append(_Run(top.first_seq, top, top.pieces))
            top.pieces = []
            top.first_seq = -1

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = _local(el.tag)
        if tag is None:
            if event == "end":
                add(el.tail)
            continue
        if event == "start":
            tokens = _attr_tokens(el)
            if tag == "form":
                form_depth += 1
            elif tag == "a":
                link_depth += 1
            elif tag in CONTROL_TAGS and stack:
                stack[-1].controls += 1
            if tag in BLOCK_TAGS or not stack:
                if stack:
                    flush(stack[-1])
                attrs: list[str] = list(tokens)
                for toks in reversed(attr_stack):
                    if len(attrs) >= MAX_ATTR_TOKENS:
                        break
                    attrs.extend(t for t in toks if t not in attrs)
                stack.append(_Open(
                    element=el, tag=tag,
                    ancestors=tuple(reversed(tag_stack[-MAX_ANCESTORS:])),
                    attrs=tuple(attrs[:MAX_ATTR_TOKENS]), depth=len(tag_stack),
                    in_form=form_depth > 0,
                ))
            elif tag == "br":
                if stack:
                    stack[-1].pieces.append((_BR, False))
            elif tag in ("img", "input"):
                add(" ")
            attr_stack.append(tokens)
            tag_stack.append(tag)
            add(el.text)
        else:
            if tag == "a":
                link_depth -= 1
            elif tag == "form":
                form_depth -= 1
            attr_stack.pop()
            tag_stack.pop()
            if stack and stack[-1].element is el:
                done = stack.pop()
                flush(done)
                if stack:
                    flush(stack[-1])
                    stack[-1].controls += done.controls
            add(el.tail)
    while stack:
        flush(stack.pop())

    runs.sort(key=lambda r: r.seq)
    blocks: list[Block] = []
    offset = 0
    truncated = False
    for run in runs:
        for chunk in _split_runs(run.pieces):
            text = _WS.sub(" ", "".join(t for t, _ in chunk)).strip()
            if not text:
                continue
            if len(blocks) >= max_blocks:
                truncated = True
                break
            text = text[:max_block_chars]
            link_chars = sum(len(t.strip()) for t, is_link in chunk if is_link)
            o = run.open
            blocks.append(Block(
                id=len(blocks), text=text, tag=o.tag, xpath=tree.getpath(o.element),
                start=offset, end=offset + len(text), link_chars=min(link_chars, len(text)),
                depth=o.depth, ancestors=o.ancestors, attrs=o.attrs, in_form=o.in_form,
                controls=o.controls,
            ))
            offset += len(text) + 2
    return blocks, truncated


_PARAGRAPHS = re.compile(r"(?:[^\n]|\n(?![ \t\r\f\v]*\n))+")
_LINES = re.compile(r"[^\n]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def text_blocks(text: str, *, max_blocks: int, max_block_chars: int) -> tuple[list[Block], bool]:
    """Paragraphs of plain text (blank-line separated, else one per line), with offsets into ``text``."""
    pattern = _PARAGRAPHS if _BLANK_LINE.search(text) else _LINES
    blocks: list[Block] = []
    truncated = False
    for match in pattern.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        if len(blocks) >= max_blocks:
            truncated = True
            break
        start = match.start() + (len(raw) - len(raw.lstrip()))
        stripped = stripped[:max_block_chars]
        blocks.append(Block(id=len(blocks), text=stripped, tag="p", xpath=None,
                            start=start, end=start + len(stripped)))
    return blocks, truncated
