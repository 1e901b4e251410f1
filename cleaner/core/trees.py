"""Parsed trees as input: a BeautifulSoup soup or tag, an lxml element or tree, turned into the markup they hold.

What is used: the tree's own serialisation as a ``str`` -- bs4's ``Tag.decode()`` with its default ``"minimal"``
formatter (exactly ``str(soup)``: text is escaped, nothing is re-indented as ``prettify()`` would), lxml's
``tostring(..., encoding="unicode", method="html", with_tail=False)``. The text is already decoded, so no encoding
is guessed again: the soup's or parser's own decoding (bs4's ``original_encoding``) is the one that counts. That
markup is then parsed and cleaned like any page, so cleaning a tree parsed from a page gives the result of cleaning
that page (``tests/test_trees.py`` checks it on benchmark pages), and an element (``soup.article``) is cleaned as a
page of its own. Serialising costs a few milliseconds a page; the caller's tree is never modified. bs4 is never
imported here: a soup is recognised by its class's module.
"""

from __future__ import annotations

from typing import Any

from lxml import etree


def is_tree(source: object) -> bool:
    """Whether ``source`` is a bs4 ``Tag``/``BeautifulSoup`` or an lxml element or element tree."""
    if isinstance(source, (etree._Element, etree._ElementTree)):
        return True
    module = type(source).__module__
    return (module == "bs4" or module.startswith("bs4.")) and hasattr(source, "decode") and hasattr(source, "name")


def markup(source: Any) -> str:
    """The HTML a parsed tree holds, as a ``str`` (see the module docstring)."""
    if isinstance(source, etree._ElementTree):
        source = source.getroot()
    if isinstance(source, etree._Element):
        parts = [source]
        if source.getparent() is None:  # a page's root, and what libxml2 put beside it (a stray second <html>)
            parts = [*reversed(list(source.itersiblings(preceding=True))), source, *source.itersiblings()]
        return "".join(etree.tostring(el, encoding="unicode", method="html", with_tail=False) for el in parts)
    return str(source.decode())
