"""Text to an lxml tree (no network, broken markup recovered), and whether a text is markup at all."""

from __future__ import annotations

import functools
import logging
import re

from lxml import etree

from cleaner.core.decode import CONTROL_CHARS, SNIFF_BYTES
from cleaner.core.vocabulary import SECTIONING_TAGS

log = logging.getLogger(__name__)

_HTML_SIGNS = re.compile(
    r"<(?:!doctype|html|head|body|meta|title|div|p|span|table|td|article|section|br|a|ul|li"
    r"|h[1-6]|img|script|style|form|nav|header|footer|main|font|center|b|i|em|strong)[\s>/]",
    re.IGNORECASE,
)


def detect_kind(text: str) -> str:
    """``"html"`` when the text looks like markup, else ``"text"``."""
    head = text[:SNIFF_BYTES]
    signs = _HTML_SIGNS.findall(head)
    if len(signs) >= 2 or (signs and head.lstrip()[:1] == "<"):
        return "html"
    return "text"


def parse_html(text: str) -> etree._Element | None:
    """Parse markup into an lxml tree; ``None`` when nothing parses.

    libxml2's HTML parser never fetches external entities or resources (``no_network``) and recovers from
    broken markup. ``huge_tree`` lifts libxml2's 10 MB cap on one text node or attribute (an inline image,
    a bundled script), which otherwise stops the parse there and silently drops the rest of the page; the
    input is already bounded by ``max_input_bytes``, and the nesting limit that remains is caught by
    ``gave_up``.
    """
    if KEEP_AFTER_END:
        text = without_early_end(text)
    text = capped_attributes(text)
    data = _parser_input(text)
    if not data.strip():
        return None
    if too_many_tags(text):  # a tree would take gigabytes: an empty one, which ``why_unusable`` explains
        return etree.Element("html")
    parser = _parser()
    try:
        root = etree.fromstring(data, parser=parser)
        if CLOSE_SECTIONS and _mismatched(parser) and (repaired := close_sections(text)) is not text:
            parser = _parser()  # an end tag was ignored: parse again with the ``</div>`` tags a browser implies
            root = etree.fromstring(_parser_input(repaired), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    for error in parser.error_log.filter_from_fatals():
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" not in error.message:
            log.warning("the HTML parser stopped early, the rest of the page is lost: %s", error.message.strip())
    if _STREAMED_SEGMENT in text:
        place_streamed_segments(root, text)
    return root


def _parser_input(text: str) -> bytes:
    return CONTROL_CHARS.sub(" ", text).encode("utf-8", "replace")


# libxml2 checks each attribute of a start tag against every one before it: a tag of 100,000 attributes took 20 s to
# parse (``scripts/fuzz.py``, session 58), and no page has a use for more than a few dozen. A start tag of more than
# MAX_TAG_ATTRIBUTES attributes keeps its first MAX_TAG_ATTRIBUTES (0: off). Only a tag of at least two characters per
# attribute can hold that many, so shorter ones are not looked into; a tag's name and attributes are read strictly
# (a name, then attribute after attribute, each after white space), so minified script that happens to follow a
# ``<`` is never cut.
MAX_TAG_ATTRIBUTES = 1000
_LONG_START_TAG = re.compile(rf"<[A-Za-z][^<>]{{{2 * MAX_TAG_ATTRIBUTES}}}")  # no group: three times as fast
_STRICT_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:-]*(?=\s)")
_ONE_ATTRIBUTE = r"""\s+[A-Za-z_:@][-\w:.@]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_ATTRIBUTE_RUN = re.compile(rf"(?:{_ONE_ATTRIBUTE}){{{MAX_TAG_ATTRIBUTES}}}")
_NEXT_ATTRIBUTE = re.compile(_ONE_ATTRIBUTE)
_TAG_REST = re.compile(r"[^<>]*>?")


def capped_attributes(text: str) -> str:
    """``text`` with every start tag of more than ``MAX_TAG_ATTRIBUTES`` attributes cut to its first ones (the same
    object when no tag has that many). One scan of the text; only tags long enough are read attribute by attribute."""
    if MAX_TAG_ATTRIBUTES <= 0:
        return text
    pieces: list[str] = []
    done = 0
    for tag in _LONG_START_TAG.finditer(text):
        name = _STRICT_TAG_NAME.match(text, tag.start() + 1)
        run = _ATTRIBUTE_RUN.match(text, name.end()) if name else None
        if run is None or tag.start() < done or not _NEXT_ATTRIBUTE.match(text, run.end()):
            continue
        rest = _TAG_REST.match(text, run.end())
        assert rest is not None  # matches everywhere, if only the empty string
        pieces += [text[done : run.end()], ">" if rest.group().endswith(">") else ""]
        done = rest.end()
    if not pieces:
        return text
    return "".join([*pieces, text[done:]])


# libxml2 drops what follows an early ``</html>`` (an article pasted with its own ``<html><body>...</body></html>``)
# and puts what follows an early ``</body>`` outside the body; a browser reads both on in the body.
KEEP_AFTER_END = True
_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


def without_early_end(text: str) -> str:
    """``text`` without its ``</body>`` and ``</html>`` end tags when anything but such tags follows the first of
    them (the same object otherwise): the parser then closes both at the end, after all of the page."""
    first = _DOCUMENT_END.search(text)
    if first is None or not _DOCUMENT_END.sub("", text[first.end() :]).strip():
        return text
    return _DOCUMENT_END.sub("", text)


# libxml2 ignores the end tag of a sectioning element (``</nav>``, ``</header>``, ``</section>``...) while a ``<div>``
# opened inside it is still open, so one unclosed ``<div>`` in a menu puts the rest of the page inside the menu. A
# browser (the HTML5 tree builder) closes the ``<div>`` there. ``close_sections`` writes those implied ``</div>`` end
# tags into the text before it is parsed.
CLOSE_SECTIONS = True
SECTION_END_TAGS = SECTIONING_TAGS | {"header", "footer"}
_STRUCTURE_TAG = re.compile(
    r"<(/?)("
    + "|".join(sorted(SECTION_END_TAGS | {"div", "table"}))
    + r")(?=[\s/>])[^<>]*>|<!--|<(script|style|textarea)\b",
    re.IGNORECASE,
)
_COMMENT_END = re.compile(r"-->")
_SECTION_NAME = re.compile(r"\b(?:" + "|".join(sorted(SECTION_END_TAGS)) + r")\b", re.IGNORECASE)


def _mismatched(parser: etree.HTMLParser) -> bool:
    """Whether libxml2 met a sectioning end tag that did not match the open element, the only case
    ``close_sections`` repairs ("Opening and ending tag mismatch: nav and div" in libxml2 2.14)."""
    return any(
        error.type == etree.ErrorTypes.ERR_TAG_NAME_MISMATCH and _SECTION_NAME.search(error.message) is not None
        for error in parser.error_log
    )


def close_sections(text: str) -> str:
    """``text`` with a ``</div>`` before each sectioning end tag for every ``<div>`` left open inside that element,
    as a browser closes them (the same object when nothing is left open). A table is a boundary, as in HTML5: an
    end tag does not reach past an open ``<table>``. Linear time: each open element is pushed and popped once."""
    stack = _OpenElements()
    inserts: list[tuple[int, int]] = []  # (position of the end tag, ``</div>`` tags to put before it)
    skip_to = 0
    for match in _STRUCTURE_TAG.finditer(text):
        if match.start() < skip_to:  # inside a script, style, textarea or comment
            continue
        closing, name, raw = match.groups()
        if name is None:  # raw text or a comment: up to its end
            end = (_end_tag(raw) if raw else _COMMENT_END).search(text, match.end())
            skip_to = end.end() if end else len(text)
            continue
        name = name.lower()
        if not closing:
            if not match.group(0).endswith("/>"):  # libxml2 reads ``<div/>`` as an empty element
                stack.push(name)
            continue
        at = stack.innermost(name)
        if at is None:
            continue
        if name in SECTION_END_TAGS and (divs := stack.divs_above(at)):
            inserts.append((match.start(), divs))
        stack.pop_to(at)
    if not inserts:
        return text
    parts, done = [], 0
    for at, divs in inserts:
        parts += [text[done:at], "</div>" * divs]
        done = at
    parts.append(text[done:])
    return "".join(parts)


class _OpenElements:
    """The open ``div``, ``table`` and sectioning elements of ``close_sections``, innermost last, with constant-time
    lookups: where each name's innermost element sits, and how many ``div`` elements lie above a position."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.divs_before: list[int] = []  # per position, the divs below it
        self.at: dict[str, list[int]] = {}  # per name, its positions
        self.divs = 0

    def push(self, name: str) -> None:
        self.at.setdefault(name, []).append(len(self.names))
        self.names.append(name)
        self.divs_before.append(self.divs)
        self.divs += name == "div"

    def innermost(self, name: str) -> int | None:
        """The innermost ``name``'s position; None if there is none or an open table lies above it."""
        places, tables = self.at.get(name), self.at.get("table")
        if not places:
            return None
        if name != "table" and tables and tables[-1] > places[-1]:
            return None
        return places[-1]

    def divs_above(self, position: int) -> int:
        return self.divs - self.divs_before[position] - (self.names[position] == "div")

    def pop_to(self, position: int) -> None:
        """Close the element at ``position`` and every element inside it."""
        for name in reversed(self.names[position:]):
            self.at[name].pop()
            self.divs -= name == "div"
        del self.names[position:], self.divs_before[position:]


_STREAMED_SEGMENT = 'id="S:'
# The script calls that move a streamed segment into its place: ``$RC("B:0","S:0")`` (a Suspense boundary's
# content) and ``$RS("S:1","P:1")`` (a pending segment).
_STREAMED_PAIRS = re.compile(r'"B:(\w+)","S:(\w+)"|"S:(\w+)","P:(\w+)"')


def place_streamed_segments(root: etree._Element, text: str) -> None:
    """Move the parts of a page that React streamed after the shell into their places, as its scripts do in a
    browser.

    A server-rendered React page (Next.js and others) sends each part that was not ready with the shell later, as a
    hidden ``<div id="S:n">`` at the end of the body, plus a script call that moves its children to a placeholder
    (``<template id="B:n">`` or ``<template id="P:n">``) and shows them. Read as markup, those parts would be hidden
    and out of reading order. The pairs come from the script calls in ``text``; a segment without one goes to the
    placeholder of its own number. The fallback shown meanwhile ("Loading...") stays: the parser has dropped the
    comments that delimit it.
    """
    placeholder_of: dict[str, str] = {}
    for boundary, content, pending, placeholder in _STREAMED_PAIRS.findall(text):
        if content:
            placeholder_of.setdefault(content, "B:" + boundary)
        else:
            placeholder_of.setdefault(pending, "P:" + placeholder)
    placeholders = {t.get("id"): t for t in root.iter("template") if (t.get("id") or "")[:2] in ("B:", "P:")}
    segments = [d for d in root.iter("div") if "hidden" in d.attrib and (d.get("id") or "").startswith("S:")]
    for seg in segments:
        number = seg.get("id", "")[2:]
        target = placeholders.get(placeholder_of.get(number, ""))
        if target is None:
            target = placeholders.get("B:" + number, placeholders.get("P:" + number))
        if target is None or target.getparent() is None or seg in target.iterancestors():
            continue
        _replace_with_children(target, seg)


def _replace_with_children(placeholder: etree._Element, seg: etree._Element) -> None:
    """Put ``seg``'s content where ``placeholder`` is; both elements leave the tree, their tails stay."""
    parent = placeholder.getparent()
    at = parent.index(placeholder)
    _append_text(placeholder, seg.text)
    for offset, child in enumerate(list(seg)):
        parent.insert(at + offset, child)
    remove_keeping_tail(placeholder)
    remove_keeping_tail(seg)


def _append_text(el: etree._Element, text: str | None) -> None:
    """Add ``text`` to the text just before ``el`` (its previous sibling's tail or its parent's text)."""
    if not text:
        return
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + text


def remove_keeping_tail(el: etree._Element) -> None:
    """Remove ``el`` from the tree (nothing if it is the root); the text after it stays where it was."""
    parent = el.getparent()
    if parent is None:
        return
    _append_text(el, el.tail)
    parent.remove(el)


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(  # plain lxml elements: no per-element Python class lookup
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        default_doctype=False,
        huge_tree=True,
    )


@functools.cache
def nesting_limit() -> int | None:
    """How deep libxml2 nests elements before it stops parsing (2047 below the root in libxml2 2.14 with
    ``huge_tree``), measured once; ``None`` if it has no limit below ``_PROBE_DEPTH``."""
    root = etree.fromstring(b"<div>" * _PROBE_DEPTH, parser=_parser())
    depth = _last_depth(root)
    return depth if depth < _PROBE_DEPTH else None


_PROBE_DEPTH = 20_000


def _last_depth(root: etree._Element) -> int:
    """The depth of the document's last element: where a parser that stopped at its nesting limit left off."""
    depth, el = 0, root
    while len(el):
        el, depth = el[-1], depth + 1
    return depth


_TAG = re.compile(r"<[^<>]*>")
_TAG_START = re.compile(r"<[a-zA-Z]")
_INVISIBLE_OPEN = re.compile(r"<(script|style|template|noscript)\b", re.IGNORECASE)
GAVE_UP_MIN_TAGS = 2000  # below this, a small tree is just a small page
GAVE_UP_SHARE = 0.05  # parsed elements per tag in the source under which the parser must have stopped early
# libxml2's XPath stops with an XPathEvalError past 10,000,000 nodes in one node-set, and ``//p`` visits every
# element, text and tail (up to three nodes per element): a page of 5 million ``<p>`` tags (20 MB) failed so,
# after its tree had taken 1.8 GB. Pages with more start tags than this are read as text without a tree.
MAX_TREE_ELEMENTS = 2_000_000


def too_many_tags(text: str, opened: int | None = None) -> int:
    """The number of start tags in ``text`` if it is over ``MAX_TREE_ELEMENTS``, else 0 (``opened``:
    ``text.count("<")``, when the caller has it)."""
    if (text.count("<") if opened is None else opened) <= MAX_TREE_ELEMENTS:
        return 0
    tags = _tag_count(text)
    return tags if tags > MAX_TREE_ELEMENTS else 0


def _tag_count(text: str, chunk: int = 1 << 20) -> int:
    """``len(_TAG_START.findall(text))`` without a list of millions of matches (``subn`` too builds one per
    piece): counted a chunk at a time, each chunk one character longer than its step so no match is split."""
    return sum(_TAG_START.subn("", text[i : i + chunk + 1])[1] for i in range(0, len(text), chunk))


def gave_up(text: str, root: etree._Element) -> bool:
    """Whether the tree cannot stand for the page, which is then better read as text (``why_unusable``)."""
    return why_unusable(text, root) is not None


def why_unusable(text: str, root: etree._Element) -> str | None:
    """Why the parsed tree cannot stand for the page, or ``None``: the page has more start tags than a tree may
    hold, the parser stopped at its nesting limit, or it kept only a sliver of a large page (100,000 nested
    ``div``, tag soup after an unclosed ``<script>``)."""
    opened = text.count("<")
    tags = too_many_tags(text, opened)
    if tags:
        return f"{tags:,} start tags, over the {MAX_TREE_ELEMENTS:,} a page's tree may have"
    limit = nesting_limit()
    if limit is not None and _last_depth(root) >= limit:
        return f"markup nested deeper than {limit:,} elements"
    if opened < GAVE_UP_MIN_TAGS:
        return None
    elements = sum(1 for _ in root.iter())
    if elements > MAX_TREE_ELEMENTS:  # implied elements (``html``, ``body``, ``p`` around stray text)
        return f"{elements:,} elements, over the {MAX_TREE_ELEMENTS:,} a page's tree may have"
    if elements >= opened * GAVE_UP_SHARE:
        return None
    tags = _tag_count(without_invisible(text))  # not the "<" of scripts and comparisons
    if tags >= GAVE_UP_MIN_TAGS and elements < tags * GAVE_UP_SHARE:
        return f"the parser kept {elements:,} elements of {tags:,} start tags"
    return None


def without_invisible(text: str) -> str:
    r"""``text`` without its closed ``script``, ``style``, ``template`` and ``noscript`` elements, in linear time.

    The same as removing the matches of ``<(script|style|template|noscript)\b.*?</\1\s*>`` (case-insensitive),
    which takes quadratic time on unclosed elements (a 640 KB page of unclosed ``<script>`` ran past 400 s):
    an element with no end tag is kept, and each end tag is looked for once per name, from where the last
    search for it stopped.
    """
    kept: list[str] = []
    next_close: dict[str, tuple[int, int] | None] = {}  # name -> span of its next end tag, None: there is none
    pos = done = 0
    while (opening := _INVISIBLE_OPEN.search(text, pos)) is not None:
        name = opening.group(1)
        key = name.lower()  # "ſcript" and "script" need different end tags: ſ.lower() is ſ
        found = next_close.get(key, (-1, -1))
        if found is not None and found[0] < opening.end():
            match = _end_tag(name).search(text, opening.end())  # the same pattern for every spelling of a key
            found = next_close[key] = match.span() if match else None
        if found is None:  # never closed: kept, like the regular expression would
            pos = opening.start() + 1
            continue
        kept.append(text[done : opening.start()])
        pos = done = found[1]
    kept.append(text[done:])
    return "".join(kept)


@functools.lru_cache(maxsize=64)
def _end_tag(name: str) -> re.Pattern[str]:
    r"""``</name\s*>`` matched as the back-reference ``</\1\s*>`` matches under ``re.IGNORECASE``: characters
    equal when their simple lowercase is (so ``İ`` stands for ``i``, but ``ſ`` only for itself)."""
    classes = []
    for char in name:
        low = "i" if char == "\u0130" else char.lower()
        same = low + low.upper() + ("\u0130" if low == "i" else "") if low.isascii() else char
        classes.append(f"[{re.escape(same)}]")
    return re.compile("</" + "".join(classes) + r"\s*>")


def strip_markup(text: str) -> str:
    """A page's text without tags, scripts or styles: the fallback when the tree is unusable."""
    import html

    return html.unescape(_TAG.sub("\n", without_invisible(text)))
