"""Split a parsed document into blocks, in reading order."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Container, Iterable, Iterator, Mapping
from typing import Any, TypeAlias

from lxml import etree

from cleaner.core.parse import remove_keeping_tail
from cleaner.core.types import BLOCK_SEPARATOR, Block
from cleaner.core.vocabulary import (
    AD_LABELS,
    AD_SLOT_PREFIXES,
    AD_SLOT_TOKENS,
    BLOCK_TAGS,
    BODY_ITEMPROPS,
    CALL_TO_ACTION,
    CONTROL_TAGS,
    DROP_TAGS,
    FRAME_TAG,
    LANDMARK_ROLES,
    LANDMARK_TAGS,
    MENU_TAG,
    NOT_AD_WORDS,
    PRIVACY_CHOICE,
    RULED_TAGS,
    TAB_PANEL_CLASS,
    WIDGET_OPENING,
    consent_platform_tokens,
)

_DROP = frozenset(DROP_TAGS)
_DROP_BUT_NOSCRIPT = _DROP - {"noscript"}
# An element with the HTML ``popover`` attribute is hidden until a control opens it (the popover API: a menu, a
# tooltip, a notification-settings card); False: off. wcxb-dev (session 52, against off, per page): forum word F1
# 0.8126 -> 0.8142 (three Invision Community threads gain up to 0.16: their push-notification card's steps), product
# -0.0000 (two pages lose 0.003 and 0.009, one gains 0.006), every other type and modern-dev unchanged; no page of
# cleaneval, dragnet or cetd carries the attribute.
POPOVER_HIDDEN = True
_HIDING_ATTRS = frozenset({"hidden", "aria-hidden", "style", "popover"})  # what ``is_hidden`` reads
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
MAX_ANCESTORS = 8
# A block keeps its nearest MAX_ATTR_TOKENS class/id names (``Block.attrs``, own first): the decision steps read
# them all (a reviews, comments or sidebar wrapper far up), the model's class-group flags only the nearest
# ``features.MODEL_ATTR_TOKENS`` (what it was trained on). Half of wcxb-dev's blocks carry more than 16 names (14% of
# the training pages' blocks). Session 55, per page against 16: wcxb-dev word F1 0.88132 -> 0.88157 (product
# +0.0018, listing +0.0003, article +0.0002; 9 pages up, none down), dragnet +0.0002 (2 up, none down), cleaneval,
# cetd, modern-dev and both typed sets identical; 24: wcxb-dev +0.00008; 48: +0.00032, one page down. The flags
# reading all 32 too: wcxb-dev -0.0005 (listing -0.011), modern-dev -0.0005, typed-modern-dev promo -0.0024.
MAX_ATTR_TOKENS = 32
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
# Elements whose class/id names describe the whole page (its template, its state: ``single-post``,
# ``has-sidebar``, ``newadvertising``), not where a block sits: their attributes are not read.
PAGE_ELEMENTS = frozenset({"html", "body"})


_AD_SLOT_START = re.compile(f"(?:^| )(?:{'|'.join(map(re.escape, AD_SLOT_PREFIXES))})")


def _name_marks(names: tuple[str, ...]) -> int:
    """Landmark bits class/id tokens carry on their own: an ad slot's name (a token in ``AD_SLOT_TOKENS`` or
    starting with one of ``AD_SLOT_PREFIXES``), a consent platform's name; tested for all tokens at once."""
    bits = 0
    if not AD_SLOT_TOKENS.isdisjoint(names) or _AD_SLOT_START.search(NOT_AD_WORDS.sub("", " ".join(names))):
        bits = _AD_SLOT
    if not consent_platform_tokens().isdisjoint(names):
        bits |= _CMP
    return bits


Facts = tuple[tuple[str, ...], frozenset[str]]


def element_facts(tag: str, items: list[tuple[str, str]]) -> Facts:
    """An element's own class/id tokens (lower-cased, id first) and the landmarks its own markup names (tag,
    ARIA role, microdata, ad-slot and consent-platform names, hiding)."""
    attrib = dict(items)
    id_names, id_bits = attr_names(attrib.get("id"))
    class_names, class_bits = attr_names(attrib.get("class"))
    own = set(plain_marks(tag, id_bits | class_bits))
    role = (attrib.get("role") or "").lower()
    if role in LANDMARK_ROLES:
        own.add(LANDMARK_ROLES[role])
    if attrib.get("aria-modal") == "true":
        own.add("dialog")
    if (attrib.get("itemprop") or "").lower() in BODY_ITEMPROPS:
        own.add("body_prop")
    if "data-ad-slot" in attrib or (attrib.get("aria-label") or "").lower() in AD_LABELS:
        own.add("ad_slot")
    if is_hidden(attrib):
        own.add("hidden")
    return id_names + class_names, frozenset(own)


def attr_names(value: str | None) -> tuple[tuple[str, ...], int]:
    """The lower-cased tokens of an ``id`` or ``class`` value, and the landmark bits they carry (``_name_marks``)."""
    if not value:
        return (), 0
    names = tuple(value.lower().split())
    return names, _name_marks(names)


def plain_marks(tag: str, bits: int) -> frozenset[str]:
    """The landmarks of an element with no markup ``element_facts`` reads besides its tag and its class/id tokens
    (``bits``: those tokens' ``_name_marks``)."""
    own = {LANDMARK_TAGS[tag]} if tag in LANDMARK_TAGS else set()
    if bits & _AD_SLOT:
        own.add("ad_slot")
    if bits & _CMP:
        own.add("cmp")
    return frozenset(own)


_TAG_FACTS: dict[str, Facts] = {tag: ((), frozenset({mark})) for tag, mark in LANDMARK_TAGS.items()}
_NO_FACTS: Facts = ((), frozenset())


# A block element whose end tag has not been seen yet, as a list (cheaper to make than an object): the element, its
# tag, ancestor tags (innermost first), context (its class/id tokens and landmarks, ``html_blocks``), path, depth,
# inside a form, unit kind ("table", "list" or "pre" when the element is read as one unit, else None), controls
# inside it (counted as the walk goes), step (its place among its siblings, ``_xpath``).
_Open: TypeAlias = list[Any]
_EL, _TAG, _ANCESTORS, _CONTEXT, _PATH, _DEPTH, _IN_FORM, _UNIT, _CONTROLS, _STEP = range(10)


# A tab panel named with a BEM element's ``__``, an underscore, ``tabs`` or ``body`` (``tab__content``, ``tabs-pane``,
# ``tab_body``): a disclosure panel too when hidden (``TAB_PANEL_CLASS`` has the hyphenated names); "" turns it off
# (read once, at import). Session 53, wcxb-dev against off: word F1 0.87711 -> 0.87717 (service 0.8466 -> 0.8472: one
# page's five hidden tab panels, which its gold keeps, shown, 0.80 -> 0.90); no other page of the five page sets or the
# typed sets has a hidden element named so (every other page and typed figure unchanged).
TAB_PANEL_JOINED = r"tabs?(?:_|__|-_|-)(?:pane|panel|content|body)"
_TAB_PANEL_JOINED = TAB_PANEL_JOINED or "(?!)"
# A panel a click opens (a tab, an accordion item, a FAQ answer): hidden by its markup until then, but part of what
# the page shows its reader.
_DISCLOSURE_PANEL = re.compile(
    rf"{TAB_PANEL_CLASS.pattern}|{_TAB_PANEL_JOINED}|accordion|collapse|faq|answer|disclosure|expand", re.IGNORECASE
)


def is_hidden(attrib: Mapping[str, str]) -> bool:
    """Hidden by its own markup (``attrib``: an element's attributes): ``hidden``, ``aria-hidden="true"``, a
    ``popover`` (``POPOVER_HIDDEN``) or an inline ``display:none`` style -- unless it is a disclosure panel
    (``role="tabpanel"``, or a tab, accordion, collapse or FAQ-answer class or id), whose content a click shows."""
    if "hidden" in attrib or attrib.get("aria-hidden") == "true" or (POPOVER_HIDDEN and "popover" in attrib):
        hidden = True
    else:
        style = attrib.get("style")
        hidden = style is not None and _HIDDEN_STYLE.search(style) is not None
    return hidden and not is_disclosure_panel(attrib)


def is_disclosure_panel(attrib: Mapping[str, str]) -> bool:
    """A tab panel, accordion item or FAQ answer, by its role, class or id."""
    if attrib.get("role") == "tabpanel":
        return True
    return _DISCLOSURE_PANEL.search(f"{attrib.get('class') or ''} {attrib.get('id') or ''}") is not None


def _text_chars(el: etree._Element) -> int:
    """Characters of text under ``el``, the whitespace around each text node not counted (indentation of
    pretty-printed markup must not decide anything)."""
    return sum(map(len, map(str.strip, el.itertext())))


def unit_kind(el: etree._Element, tag: str, hidden: Container[etree._Element] | None = None) -> str | None:
    """``"table"``, ``"list"`` or ``"pre"`` when ``el`` is read as one block: a data table (two or more rows of short
    cells, no layout inside), a list of text items, a ``<pre>``; ``None`` for layout tables, menus and other lists
    that are mostly links, lists of cards or widgets, hidden parts and anything over the size limits (those are read
    element by element). ``hidden``: the elements of the tree hidden by their own markup (``is_hidden``), when the
    caller knows them (``html_blocks``); else each descendant's attributes are read."""
    parts = _TABLE_PARTS if tag == "table" else _LIST_PARTS if tag != "pre" else frozenset()
    rows = 0
    links: list[etree._Element] = []  # the links and cells inside, in document order
    cells: list[etree._Element] = []
    ruled_chars = 0
    for d in el.iterdescendants():
        t = d.tag
        if type(t) is not str:
            continue
        if t in RULED_TAGS:
            ruled_chars += len((d.text or "").strip())  # read as a block of its own after the unit
            continue
        if (t in BLOCK_TAGS and t not in parts) or (is_hidden(d.attrib) if hidden is None else d in hidden):
            return None
        if t in _ROW_TAGS:
            rows += 1
            if rows > MAX_UNIT_ROWS:
                return None
        elif t == "a":
            links.append(d)
        elif t in _CELL_TAGS:
            cells.append(d)
    chars = _text_chars(el) - ruled_chars
    if chars > MAX_UNIT_CHARS:
        return None
    if tag == "pre":
        return "pre"
    if 2 * sum(map(_text_chars, links)) > chars:
        return None  # a menu or a list of links: each item keeps its own label ("Cookie settings" is consent)
    if tag != "table":
        return "list" if rows else None
    if rows < 2:
        return None
    return "table" if all(_text_chars(c) <= MAX_CELL_CHARS for c in cells) else None


def _unit_text(kind: str, raw: str) -> str:
    """A unit's text (``raw``: its pieces joined): one line per row, item or code line; a table's cells separated by
    ``CELL_SEPARATOR``."""
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
    inline elements (an icon's text, a duplicate label) are removed, so no visible block takes their text. Frames
    with fallback markup and drop-down menus (flattened to their options' text) stay: ``RULED_TAGS``."""
    _drop_invisible(root, keep_noscript)


def _drop_invisible(root: etree._Element, keep_noscript: bool) -> tuple[set[etree._Element], bool]:
    """``drop_invisible``; returns the hidden elements (``is_hidden``) that stay in the tree, and whether a ruled
    element (``RULED_TAGS``) stays."""
    kept_hidden: set[etree._Element] = set()
    ruled = False
    for el in _invisible_candidates(root, _DROP_BUT_NOSCRIPT if keep_noscript else _DROP):
        tag = el.tag
        if tag == "noscript" and keep_noscript:
            if is_hidden(el.attrib):
                kept_hidden.add(el)
            continue
        if tag == FRAME_TAG and is_frame_with_fallback(el):
            ruled = True
            continue
        if tag == MENU_TAG and not is_hidden(el.attrib) and flatten_menu(el):
            ruled = True
            continue
        if tag not in _DROP:
            hidden = is_hidden(el.attrib)
            if tag in BLOCK_TAGS or not hidden:
                if hidden:
                    kept_hidden.add(el)
                continue
        remove_keeping_tail(el)
    return kept_hidden, ruled


# A ruled element (``vocabulary.RULED_TAGS``) is a block of its own, so what was removed is reported, never content;
# the model's blocks are those of the page without them (``html_blocks`` reads around them as if they were gone), and
# each comes after the block holding it.
MENU_OPTION_SEPARATOR = " | "
MAX_RULED_BLOCKS = 1_000  # per page; more are dropped (a page of thousands of drop-downs keeps its text)


def is_frame_with_fallback(el: etree._Element) -> bool:
    """An ``<iframe>`` not hidden by its own markup whose fallback content (the markup between its tags, which the
    parser keeps as text) holds more than whitespace."""
    text = el.text
    return text is not None and not text.isspace() and not is_hidden(el.attrib)


def flatten_menu(el: etree._Element) -> bool:
    """Replace a ``<select>``'s children by its options' texts joined by ``MENU_OPTION_SEPARATOR`` (its text); False
    (and nothing changed) when no option holds text."""
    options = [" ".join("".join(o.itertext()).split()) for o in el.iter("option")]
    options = [o for o in options if o]
    if not options:
        return False
    for child in list(el):
        el.remove(child)
    el.text = MENU_OPTION_SEPARATOR.join(options)
    return True


_NOSCRIPT_TEXT = etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style)]")


def noscript_words(root: etree._Element) -> int:
    """Words of text the document's ``<noscript>`` elements hold (not counting scripts and styles inside them), each
    text once: a ``<noscript>`` inside another is read with the outer one (reading each again made 2,000 nested ones,
    a 39 KB fuzzed page, take 38 s)."""
    return sum(
        len(t.split())
        for top in _document_elements(root)
        for el in top.iter("noscript")
        if next(el.iterancestors("noscript"), None) is None
        for t in _NOSCRIPT_TEXT(el)
    )


def _document_elements(root: etree._Element) -> list[etree._Element]:
    """``root`` and the elements beside it (a stray second ``<html>``), in document order: what ``//`` reads."""
    element = etree.Element
    return [*reversed(list(root.itersiblings(element, preceding=True))), root, *root.itersiblings(element)]


def _invisible_candidates(root: etree._Element, drop: frozenset[str]) -> list[etree._Element]:
    """The elements of ``root``'s document named in ``drop`` or carrying an attribute that may hide them, in document
    order (what ``//script|...|//*[@style]`` selects, and a few more: one pass instead of an XPath per name). The
    whole document, as ``//`` reads it: a stray second ``<html>`` beside the root too."""
    found: list[etree._Element] = []
    hiding = _HIDING_ATTRS
    element = etree.Element
    for top in _document_elements(root):
        for el in top.iter(element):
            if el.tag in drop or not hiding.isdisjoint(el.keys()):
                found.append(el)
    return found


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


_TEXT_NODES = etree.XPath("text()")
_JSON_LD_TEXT_KEYS = ("articleBody", "text", "description", "reviewBody")
JSON_LD_MAX_CHARS = 200_000


def page_json_ld_text(root: etree._Element) -> str:
    """The body text a page's own JSON-LD states (``articleBody``, ``text``, ``description``...), whitespace
    normalised; read before scripts are dropped. A block found in it is strong evidence of main content."""
    found: list[str] = []
    total = 0
    for key, value in _json_ld_pairs(root):
        if key in _JSON_LD_TEXT_KEYS and isinstance(value, str):
            found.append(value)
            total += len(value)
            if total > JSON_LD_MAX_CHARS:
                break
    return _WS.sub(" ", " ".join(found))[:JSON_LD_MAX_CHARS]


_ITEMTYPES = etree.XPath("//*[@itemtype]/@itemtype")
SCHEMA_TYPES_MAX = 50


def page_schema_types(root: etree._Element) -> frozenset[str]:
    """The schema.org types a page declares (JSON-LD ``@type``, microdata ``itemtype`` names such as ``Product``;
    an ``og:type`` of ``product`` counts as ``Product``); read before scripts are dropped."""
    found: set[str] = set()
    for key, value in _json_ld_pairs(root):
        if key == "@type":
            found.update(
                name.rsplit("/", 1)[-1]
                for name in (value if isinstance(value, list) else [value])
                if isinstance(name, str)
            )
            if len(found) > SCHEMA_TYPES_MAX:
                break
    for itemtype in _ITEMTYPES(root)[:SCHEMA_TYPES_MAX]:
        found.update(url.rstrip("/").rsplit("/", 1)[-1] for url in str(itemtype).split())
    if any(kind.removeprefix("og:").startswith("product") for kind in _og_types(root)):
        found.add("Product")
    return frozenset(found)


JSON_LD_MAX_DEPTH = 12


def _json_ld_pairs(root: etree._Element) -> Iterator[tuple[str, object]]:
    """Every key and value of every object in the page's JSON-LD, depth first in document order (nesting cut at
    ``JSON_LD_MAX_DEPTH``)."""

    def pairs(node: object, depth: int) -> Iterator[tuple[str, object]]:
        if depth > JSON_LD_MAX_DEPTH:
            return
        if isinstance(node, dict):
            for key, value in node.items():
                yield key, value
                yield from pairs(value, depth + 1)
        elif isinstance(node, list):
            for item in node:
                yield from pairs(item, depth + 1)

    for document in _json_ld_documents(root):
        yield from pairs(document, 0)


def _og_types(root: etree._Element) -> list[str]:
    """The page's ``og:type`` values, lower case (what ``//meta[@property='og:type']/@content`` selects)."""
    return [
        (meta.get("content") or "").strip().lower()
        for top in _document_elements(root)
        for meta in top.iter("meta")
        if meta.get("property") == "og:type"
    ]


def _json_ld_documents(root: etree._Element) -> Iterator[object]:
    """The parsed ``<script type="application/ld+json">`` values of the page (at most 20; broken ones skipped)."""
    for raw in _json_ld_texts(root)[:20]:
        try:
            yield json.loads(str(raw)[:JSON_LD_MAX_CHARS], strict=False)  # raw newlines in strings are common
        except ValueError:
            continue


def _json_ld_texts(root: etree._Element) -> list[str]:
    """The text nodes of the document's ``<script type="application/ld+json">`` elements, in document order (what
    ``//script[@type='application/ld+json']/text()`` selects, without an XPath over every element)."""
    found: list[str] = []
    for top in _document_elements(root):
        for script in top.iter("script"):
            if script.get("type") == "application/ld+json":
                found.extend(_TEXT_NODES(script))
    return found


def page_title(root: etree._Element) -> str:
    """The text of the page's ``<title>`` (read before the head is dropped): the first in document order, as
    ``string(//title)`` gives it, found without an XPath over every element (the title is near the top)."""
    for top in _document_elements(root):
        for title in top.iter("title"):
            return " ".join("".join(title.itertext()).split())
    return ""


_OTHER_FACT_ATTRS = frozenset(  # attributes besides id and class that ``element_facts`` reads
    {"role", "aria-modal", "itemprop", "data-ad-slot", "aria-label", "hidden", "aria-hidden", "style", "popover"}
)

# A named anchor (``<a name="part2">`` without href) links nowhere: its text is no link text. Old pages often leave
# one unclosed, and the parser then wraps the rest of the page in it, so its sections read as a rail of linked teasers
# (``decide.off_article``). An <a> with neither href nor name stays a link (script-driven links and cards).
# cleaneval 0.91497 -> 0.91616 (12 pages up, 8 down by up to 0.032); dragnet, cetd, modern-dev identical, wcxb-dev
# +0.00001 (1 up). Without the name test (every <a> without href): modern-dev -0.0012, wcxb-dev collection -0.0013.
NAMED_ANCHOR_NOT_LINK = True


def links_somewhere(el: etree._Element) -> bool:
    """Whether an <a> element links somewhere (see ``NAMED_ANCHOR_NOT_LINK``)."""
    return not NAMED_ANCHOR_NOT_LINK or el.get("href") is not None or el.get("name") is None


_COUNTED_TAGS = frozenset({"a", "form"} | CONTROL_TAGS)  # links and forms the walk is inside, controls in a block
_INLINE_PIECES = {"br": (_BR, False), "img": (" ", False), "input": (" ", False)}  # outside units

# An element whose class/id tokens and landmarks reach the blocks inside it, as a list: the enclosing context, the
# element, its accumulated tokens and landmarks (both None until a block inside it needs them).
_Context: TypeAlias = list[Any]
_OUTER, _ELEMENT, _TOKENS, _MARKS = range(4)


_Step: TypeAlias = tuple[Any, str, int, dict[str, int], dict[str, int]]


def _xpath(step: _Step, known: dict[int, str]) -> str:
    """The XPath ``getpath`` gives an element (libxml2's ``xmlGetNodePath``: ``[n]`` after a name when its parent has
    more than one child element of that name), from its step and those around it; ``known``: the XPaths of steps
    already made, by ``id`` (every step stays alive in the walk's chains while the blocks are made), which it adds
    to. Iterative: nesting is deep on some pages."""
    unknown = []
    while id(step) not in known:
        unknown.append(step)
        step = step[0]
    path = known[id(step)]
    for step in reversed(unknown):
        _, tag, n, counts, _ = step
        path = f"{path}/{tag}[{n}]" if counts[tag] > 1 else f"{path}/{tag}"
        known[id(step)] = path
    return path


def html_blocks(
    root: etree._Element, *, max_blocks: int, max_block_chars: int, keep_noscript: bool = False
) -> tuple[list[Block], bool]:
    """Blocks of an HTML tree in reading order, and whether ``max_blocks`` cut them short. ``keep_noscript``: read
    ``<noscript>`` content as page text (for pages that show nothing without scripts). Changes ``root``.

    One walk over the tree's start and end events. A block element's text is gathered in runs, split where a child
    block starts and ends; runs never overlap (only the innermost open block gathers text), so they end in reading
    order. An element's class/id tokens and landmarks matter only to the blocks inside it: the walk keeps a chain of
    contexts, one per block element and per element around one (``pending`` holds the open elements no block opened
    inside yet), and they are read when a block is made (``resolve``). When no attribute ``element_facts`` reads
    besides id and class is there (most elements), an element's facts come from per-page caches: the tokens of each
    distinct id or class value, the landmarks of each distinct (tag, token bits); the accumulated tokens once per
    distinct (own tokens, inherited tokens).
    """
    hidden, has_ruled = _drop_invisible(root, keep_noscript)
    tree = root.getroottree()
    names_of: dict[str | None, tuple[tuple[str, ...], int]] = {}  # per id or class value
    marks_of: dict[tuple[str, int], frozenset[str]] = {}  # per tag and token bits
    tokens_of: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}
    other_attrs = _OTHER_FACT_ATTRS

    def facts(el: etree._Element) -> Facts:
        tag = el.tag
        keys = el.keys()
        if not keys or tag in PAGE_ELEMENTS:
            return _TAG_FACTS.get(tag, _NO_FACTS)
        if not other_attrs.isdisjoint(keys):
            return element_facts(tag, el.items())
        id_value, class_value = el.get("id"), el.get("class")
        id_names = names_of.get(id_value)
        if id_names is None:
            id_names = names_of[id_value] = attr_names(id_value)
        class_names = names_of.get(class_value)
        if class_names is None:
            class_names = names_of[class_value] = attr_names(class_value)
        bits = id_names[1] | class_names[1]
        marks = marks_of.get((tag, bits))
        if marks is None:
            marks = marks_of[tag, bits] = plain_marks(tag, bits)
        return id_names[0] + class_names[0], marks

    def resolve(ctx: _Context) -> tuple[tuple[str, ...], frozenset[str]]:
        """A context's tokens and landmarks, read now for it and the contexts around it not read yet."""
        unread = []
        while ctx[_TOKENS] is None:
            unread.append(ctx)
            ctx = ctx[_OUTER]
        attrs, landmarks = ctx[_TOKENS], ctx[_MARKS]
        for ctx in reversed(unread):  # outermost first
            names, marks = facts(ctx[_ELEMENT])
            if names:
                pair = (names, attrs)
                mine = tokens_of.get(pair)
                if mine is None:
                    mine = tokens_of[pair] = _with_tokens(names, attrs)
                attrs = mine
            if marks:
                landmarks = landmarks | marks
            ctx[_TOKENS], ctx[_MARKS] = attrs, landmarks
        return attrs, landmarks

    stack: list[_Open] = []  # open block elements
    top: _Open | None = None  # stack[-1]
    pieces: list[tuple[str, bool]] = []  # the text of top's current run: (text, inside a link)
    runs: list[tuple[_Open, list[tuple[str, bool]]]] = []  # in reading order
    context: _Context = [None, None, (), frozenset()]  # the innermost context
    pending: list[etree._Element] = []  # open elements inside the innermost context that have none of their own
    tag_stack: list[str] = []
    id_stack: list[int] = []  # a number per open element, for page-structure features
    # Per open element, its step: (the parent's step, tag, its number among its parent's children of that tag, the
    # parent's count of children per tag, its own); the counts are complete when the blocks are made.
    step: _Step = (None, "", 0, {}, {})
    root_step: _Step | None = None
    next_id = 0
    link_depth = 0
    in_link = False
    form_depth = 0
    unit: etree._Element | None = None  # the unit element being read, if any

    ruled: list[tuple[int, etree._Element]] = []  # (where among the runs, element), in reading order
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if type(tag) is not str:  # entities, processing instructions
            if event == "end" and el.tail and top is not None:
                pieces.append((el.tail, in_link))
            continue
        if has_ruled and tag in RULED_TAGS:  # no children (``_drop_invisible``): its text is a block, its tail runs on
            if event == "start":
                ruled.append((len(runs) + (1 if pieces and top is not None else 0), el))
            elif el.tail and top is not None:
                pieces.append((el.tail, in_link))
            continue
        if event == "start":
            counts = step[4]
            n = counts[tag] = counts.get(tag, 0) + 1
            step = (step, tag, n, counts, {})
            if tag in _COUNTED_TAGS:
                if tag == "a":
                    if links_somewhere(el):
                        link_depth += 1
                        in_link = True
                elif tag == "form":
                    form_depth += 1
                elif top is not None:
                    top[_CONTROLS] += 1
            if unit is not None:
                pending.append(el)
                if tag in _ROW_TAGS:
                    pieces.append((_ROW, False))
                elif tag in _CELL_TAGS:
                    pieces.append((_CELL, False))
                elif tag == "br":
                    pieces.append((_BR, False))
            elif tag in BLOCK_TAGS or top is None:
                for p in pending:  # the open elements around this block, outermost first
                    context = [context, p, None, None]
                pending.clear()
                context = [context, el, None, None]
                if pieces:  # the parent's run ends here
                    assert top is not None
                    runs.append((top, pieces))
                    pieces = []
                kind = unit_kind(el, tag, hidden) if tag in UNIT_TAGS else None
                if kind is not None:
                    unit = el
                if top is None:
                    root_step = step
                top = [
                    el,
                    tag,
                    tuple(tag_stack[: -MAX_ANCESTORS - 1 : -1]),
                    context,
                    (*id_stack, next_id),
                    len(tag_stack),
                    form_depth > 0,
                    kind,
                    0,
                    step,
                ]
                stack.append(top)
            else:
                pending.append(el)
                if tag in _INLINE_PIECES and top is not None:  # <br>, <img>, <input>
                    pieces.append(_INLINE_PIECES[tag])
            tag_stack.append(tag)
            id_stack.append(next_id)
            next_id += 1
            text = el.text
        else:
            if tag in _COUNTED_TAGS:
                if tag == "a":
                    if links_somewhere(el):
                        link_depth -= 1
                        in_link = link_depth > 0
                elif tag == "form":
                    form_depth -= 1
            if pending and pending[-1] is el:
                pending.pop()
            else:
                context = context[_OUTER]
            tag_stack.pop()
            id_stack.pop()
            step = step[0]
            if el is unit:
                unit = None
            if top is not None and top[_EL] is el:
                if pieces:
                    runs.append((top, pieces))
                    pieces = []
                done = stack.pop()
                if stack:
                    top = stack[-1]
                    top[_CONTROLS] += done[_CONTROLS]
                else:
                    top = None
            text = el.tail
        if text and top is not None:
            pieces.append((text, in_link))
    if pieces and top is not None:  # only when the walk stopped early
        runs.append((top, pieces))

    xpaths: dict[int, str] = {} if root_step is None else {id(root_step): tree.getpath(root)}
    blocks: list[Block] = []
    sorted_marks: dict[frozenset[str], tuple[str, ...]] = {}
    offset = 0
    ruled.reverse()  # popped from the end: first in reading order first
    n_ruled = 0  # ruled blocks made; ``max_blocks`` counts the others
    for k, (o, run) in enumerate([*runs, (None, [])]):
        while ruled and ruled[-1][0] <= k:
            element = ruled.pop()[1]
            if n_ruled < MAX_RULED_BLOCKS:  # past it, dropped as the model's reading always drops them
                n_ruled += 1
                blocks.append(_ruled_block(element, len(blocks), offset, max_block_chars, tree))
                offset = blocks[-1].end + len(BLOCK_SEPARATOR)
        if o is None:
            break
        raw = "".join([t for t, _ in run])
        if not raw or raw.isspace():  # no text in any chunk
            continue
        kind = o[_UNIT]
        if kind is not None:
            chunks: list[tuple[str, list[tuple[str, bool]]]] = [(_unit_text(kind, raw), run)]
        elif _BR not in raw or ((_BR, False) not in run and (_BR, True) not in run):  # no <br>: one chunk
            chunks = [(" ".join(raw.split()), run)]
        else:
            chunks = [(" ".join("".join([t for t, _ in c]).split()), c) for c in _split_runs(run)]
        for text, chunk in chunks:
            if not text:
                continue
            if len(blocks) - n_ruled >= max_blocks:
                return blocks, True
            text = text[:max_block_chars]
            link_chars = sum([len(t.strip()) for t, is_link in chunk if is_link])
            xpath = xpaths.get(id(o[_STEP])) or _xpath(o[_STEP], xpaths)
            own = o[_CONTEXT]
            attrs, landmarks = (own[_TOKENS], own[_MARKS]) if own[_TOKENS] is not None else resolve(own)
            regions = sorted_marks.get(landmarks)
            if regions is None:
                regions = sorted_marks[landmarks] = tuple(sorted(landmarks))
            end = offset + len(text)
            blocks.append(
                Block(
                    id=len(blocks),
                    text=text,
                    tag=o[_TAG],
                    xpath=xpath,
                    start=offset,
                    end=end,
                    link_chars=min(link_chars, len(text)),
                    depth=o[_DEPTH],
                    ancestors=o[_ANCESTORS],
                    attrs=attrs,
                    in_form=o[_IN_FORM],
                    controls=o[_CONTROLS],
                    path=o[_PATH],
                    landmarks=regions,
                )
            )
            offset = end + len(BLOCK_SEPARATOR)
    return blocks, False


def _ruled_block(el: etree._Element, block_id: int, start: int, max_block_chars: int, tree: Any) -> Block:
    """The block of a ruled element (``RULED_TAGS``): its text, its own and its ancestors' class/id tokens and
    landmarks (read here: a page has few)."""
    text = " ".join((el.text or "").split())[:max_block_chars]
    attrs: tuple[str, ...] = ()
    landmarks: set[str] = set()
    ancestors = [a for a in el.iterancestors() if type(a.tag) is str]
    for node in [el, *ancestors]:
        if node.tag in PAGE_ELEMENTS:
            continue
        names, marks = element_facts(node.tag, node.items())
        attrs = _with_tokens(attrs, names) if attrs else names
        landmarks |= marks
    return Block(
        id=block_id,
        text=text,
        tag=el.tag,
        xpath=tree.getpath(el),
        start=start,
        end=start + len(text),
        depth=len(ancestors),
        ancestors=tuple(a.tag for a in ancestors[:MAX_ANCESTORS]),
        attrs=attrs[:MAX_ATTR_TOKENS],
        landmarks=tuple(sorted(landmarks)),
    )


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


# A sentence end inside a paragraph: terminal punctuation (and a closing quote), then space, then a new sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’»)]?\s+(?=\W*[^\W\d_])")
GLUED_TAIL_MAX_WORDS = 20  # a glued widget is a line or two; a longer last sentence is left to the model whole
GLUED_HEAD_MIN_WORDS = 8  # ...and the paragraph before it is prose, not another widget


def opens_like_widget(text: str) -> bool:
    """Whether ``text`` starts the way a flattened widget does (``WIDGET_OPENING``, ``CALL_TO_ACTION``,
    ``PRIVACY_CHOICE``: "Share this article", "Sign up for our newsletter", "We use cookies")."""
    return any(p.match(text) for p in (WIDGET_OPENING, CALL_TO_ACTION, PRIVACY_CHOICE))


def glued_tail(paragraph: str) -> int | None:
    """Where a flattened widget glued onto the end of a paragraph starts (its offset in ``paragraph``), or None.

    The widget is the paragraph's last sentences from the first break whose next sentence ``opens_like_widget``, at
    most ``GLUED_TAIL_MAX_WORDS`` words, after at least ``GLUED_HEAD_MIN_WORDS`` words of prose."""
    if len(paragraph) < 40 or not GLUED_TAIL_MAX_WORDS:
        return None
    n_words = len(paragraph.split())
    # Only breaks among the last GLUED_TAIL_MAX_WORDS words can start a tail: the search starts there (linear).
    lead = paragraph.rsplit(None, GLUED_TAIL_MAX_WORDS)[0] if n_words > GLUED_TAIL_MAX_WORDS else ""
    for m in _SENTENCE_BREAK.finditer(paragraph, max(len(lead) - 4, 0)):
        tail = paragraph[m.end() :]
        tail_words = len(tail.split())
        if tail_words > GLUED_TAIL_MAX_WORDS:
            continue
        if n_words - tail_words < GLUED_HEAD_MIN_WORDS:
            return None
        if opens_like_widget(tail):
            return m.end()
    return None


def glued_head(paragraph: str) -> int | None:
    """Where the prose starts after a flattened widget glued onto the start of a paragraph ("Sign up for our
    newsletter. The council voted..."), or None: the paragraph ``opens_like_widget`` and its first sentence break
    comes after at most ``GLUED_TAIL_MAX_WORDS`` words and before at least ``GLUED_HEAD_MIN_WORDS`` words of prose."""
    if len(paragraph) < 40 or not GLUED_TAIL_MAX_WORDS:
        return None
    if not opens_like_widget(paragraph):
        return None
    m = _SENTENCE_BREAK.search(paragraph)
    if m is None or len(paragraph[: m.start()].split()) > GLUED_TAIL_MAX_WORDS:
        return None
    if len(paragraph[m.end() :].split()) < GLUED_HEAD_MIN_WORDS:
        return None
    return m.end()


def glued_pieces(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of the blocks of one paragraph: a widget glued onto its start (``glued_head``) and one glued onto
    its end (``glued_tail``) each on their own, the prose between them; surrounding spaces left out."""
    head = glued_head(paragraph) or 0
    tail = glued_tail(paragraph[head:])
    end = len(paragraph)
    cuts = (0, head, end if tail is None else head + tail, end)  # empty pieces fall out below
    pieces = []
    for a, b in itertools.pairwise(cuts):
        text = paragraph[a:b]
        if text.strip():
            pieces.append((a + len(text) - len(text.lstrip()), a + len(text.rstrip())))
    return pieces


def text_blocks(
    text: str, *, max_blocks: int, max_block_chars: int, split_glued: bool = True
) -> tuple[list[Block], bool]:
    """Paragraphs of plain text (blank-line separated, else one per line), with offsets into ``text``; a widget glued
    onto the start or the end of a paragraph (``glued_pieces``) is a block of its own unless ``split_glued`` is False
    (labelled training documents: a paragraph's label is the unit's)."""
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
        pieces = glued_pieces(stripped) if split_glued else [(0, len(stripped))]
        for a, b in pieces:
            if len(blocks) >= max_blocks:
                truncated = True
                break
            blocks.append(
                Block(id=len(blocks), text=stripped[a:b], tag="p", xpath=None, start=start + a, end=start + b)
            )
    return blocks, truncated
