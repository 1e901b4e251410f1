"""Text to an lxml tree (no network, broken markup recovered), and whether a text is markup at all."""

from __future__ import annotations

import re

from lxml import etree

from cleaner.core.decode import CONTROL_CHARS, SNIFF_BYTES

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

    libxml2's HTML parser never fetches external entities or resources
    (``no_network``) and recovers from broken markup.
    """
    data = CONTROL_CHARS.sub(" ", text).encode("utf-8", "replace")
    if not data.strip():
        return None
    parser = etree.HTMLParser(  # plain lxml elements: no per-element Python class lookup
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        default_doctype=False,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root


_TAG = re.compile(r"<[^<>]*>")
_TAG_START = re.compile(r"<[a-zA-Z]")
_INVISIBLE = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
GAVE_UP_MIN_TAGS = 2000  # below this, a small tree is just a small page
GAVE_UP_SHARE = 0.05  # parsed elements per tag in the source under which the parser must have stopped early


def gave_up(text: str, root: etree._Element) -> bool:
    """Whether the parser kept only a sliver of a large page (e.g. 100,000 nested ``div``)."""
    if text.count("<") < GAVE_UP_MIN_TAGS:
        return False
    elements = sum(1 for _ in root.iter())
    if elements >= text.count("<") * GAVE_UP_SHARE:
        return False
    tags = len(_TAG_START.findall(_INVISIBLE.sub("", text)))  # not the "<" of scripts and comparisons
    return tags >= GAVE_UP_MIN_TAGS and elements < tags * GAVE_UP_SHARE


def strip_markup(text: str) -> str:
    """A page's text without tags, scripts or styles: the fallback when the tree is unusable."""
    import html

    return html.unescape(_TAG.sub("\n", _INVISIBLE.sub("", text)))
