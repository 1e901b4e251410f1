"""Parsed trees as input: a BeautifulSoup soup or an lxml tree gives the result of cleaning the page's HTML."""

from __future__ import annotations

import gzip
import io
import itertools
import json

import pytest
from lxml import etree
from lxml import html as lxml_html

import cleaner

from .conftest import REPO, SHARED

bs4 = pytest.importorskip("bs4")

SETS = ("cleaneval", "dragnet", "cetd", "modern-dev", "wcxb-dev")
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Harbour reopens</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav><!-- a comment -->
<article><h1>Harbour reopens after storm repairs</h1>
<p>The harbour reopened to fishing boats on Monday after three weeks of repairs to the sea wall &amp; the quay,
which was breached during January&#8217;s storm.</p><p>Engineers replaced 200&nbsp;metres of masonry, a &lt; b.</p>
<script>if (a < b) { document.write("<p>no</p>") }</script>
<div class="poll"><p>Who do you think should pay for the repairs?</p>
<ul><li>The council</li><li>The port</li></ul></div>
</article><footer><p>© 2024 Harbour Times · <a href="/privacy">Privacy</a></p></footer></body></html>"""


def synthetic_pages() -> list[str]:
    return [PAGE, (REPO / "tests" / "golden" / "poll_article_page.html").read_text(encoding="utf-8")]


def benchmark_pages(per_set: int) -> list[str]:
    """The first pages of each public set, read at test time (never copied into the repository)."""
    pages = []
    for name in SETS:
        path = SHARED / "benchmarks" / f"{name}.jsonl.gz"
        if not path.exists():
            pytest.skip("../shared/benchmarks is not beside the repository")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            pages += [json.loads(line)["html"] for line in itertools.islice(fh, per_set)]
    return pages


@pytest.fixture(scope="module")
def plain() -> cleaner.Cleaner:
    return cleaner.Cleaner(config=cleaner.CleanerConfig(cues=False))


@pytest.mark.parametrize("page", synthetic_pages(), ids=["harbour", "golden-poll"])
def test_every_tree_of_a_page_gives_the_page_result(page: str, cleaner_instance: cleaner.Cleaner) -> None:
    expected = cleaner_instance.clean(page).to_dict()
    trees = [
        lxml_html.document_fromstring(page),
        lxml_html.document_fromstring(page).getroottree(),
        etree.fromstring(page, etree.HTMLParser()),
        bs4.BeautifulSoup(page, "lxml"),
        bs4.BeautifulSoup(page, "html.parser"),
    ]
    for tree in trees:
        assert cleaner_instance.clean(tree).to_dict() == expected, type(tree)
        assert cleaner.clean(tree).text == expected["text"]


def test_lxml_trees_of_public_pages_give_identical_results(plain: cleaner.Cleaner) -> None:
    for page in benchmark_pages(4):
        expected = plain.clean(page, kind="html").to_dict()
        assert plain.clean(lxml_html.document_fromstring(page)).to_dict() == expected
        assert plain.clean(lxml_html.parse(io.StringIO(page))).to_dict() == expected


def test_soups_of_public_pages_give_the_same_clean_text(plain: cleaner.Cleaner) -> None:
    # bs4 builds its tree by its own nesting rules (it closes a <p> before a <ul>, libxml2 does not), so where
    # the markup is broken the blocks can differ: measured on 50 such pages, 39 identical results, 48 identical texts.
    pages = benchmark_pages(4)
    same = sum(plain.clean(bs4.BeautifulSoup(p, "lxml")).text == plain.clean(p, kind="html").text for p in pages)
    assert same >= len(pages) - 2


def test_an_element_is_cleaned_as_a_page_of_its_own(cleaner_instance: cleaner.Cleaner) -> None:
    soup = bs4.BeautifulSoup(PAGE, "html.parser")
    article_only = cleaner_instance.clean(soup.article)
    assert "Harbour reopens after storm repairs" in article_only.text
    assert "Home" not in article_only.source_text and "Harbour Times" not in article_only.source_text
    root = lxml_html.document_fromstring(PAGE)
    from_lxml = cleaner_instance.clean(root.find(".//article"))
    assert from_lxml.source_text == article_only.source_text


def test_the_callers_tree_is_not_changed_and_streams(cleaner_instance: cleaner.Cleaner) -> None:
    root = lxml_html.document_fromstring(PAGE)
    before = etree.tostring(root)
    soup = bs4.BeautifulSoup(PAGE, "lxml")
    results = list(cleaner_instance.clean_many([root, soup, PAGE], workers=1))
    assert etree.tostring(root) == before and "<script>" in str(soup)
    assert results[0].text == results[1].text == results[2].text


def test_a_string_is_never_taken_for_a_tree() -> None:
    from cleaner.core.trees import is_tree

    assert not is_tree("<p>x</p>") and not is_tree(b"<p>x</p>") and not is_tree(bs4.NavigableString("x"))
    assert is_tree(bs4.BeautifulSoup("<p>x</p>", "html.parser").p) and is_tree(lxml_html.fromstring("<p>x</p>"))
