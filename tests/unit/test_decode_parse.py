"""Decoding bytes like a browser, and telling HTML from text."""

from __future__ import annotations

import codecs
import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core import decode, parse


def test_bom_wins() -> None:
    data = codecs.BOM_UTF16_LE + "<p>Grüße</p>".encode("utf-16-le")
    assert decode.decode(data) == "<p>Grüße</p>"


def test_meta_charset_is_used() -> None:
    data = '<html><head><meta charset="windows-1251"></head><body><p>Привет мир</p></body></html>'.encode("cp1251")
    assert "Привет мир" in decode.decode(data)


def test_latin1_label_means_cp1252_and_utf8_beats_a_wrong_label() -> None:
    assert "“quoted”" in decode.decode('<meta charset="iso-8859-1"><p>“quoted”</p>'.encode("cp1252"))
    assert "café" in decode.decode('<meta charset="iso-8859-1"><p>café</p>'.encode())


def test_bad_bytes_become_replacement_characters() -> None:
    text = decode.decode(b'<meta charset="utf-8"><p>ok \xff\xfe bad</p>')
    assert "\ufffd" in text and "ok" in text


def test_undeclared_legacy_bytes_are_detected() -> None:
    text = ("<p>" + "Ça coûte très cher, déjà à l'été. " * 20 + "</p>").encode("cp1252")
    assert "très" in decode.decode(text)


def test_kind_detection() -> None:
    assert parse.detect_kind("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert parse.detect_kind("A sentence with a < sign and a > sign.\n\nAnother.") == "text"
    assert parse.detect_kind("<p>one</p><p>two</p>") == "html"


def test_external_entities_are_not_fetched(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]><html><body><p>&e;</p></body></html>'
    )
    root = parse.parse_html(doc)
    assert root is None or "TOPSECRET" not in "".join(root.itertext())


def test_binary_bytes_are_refused_with_a_clear_error() -> None:
    import os

    import pytest

    from cleaner import InputError

    for data, word in (
        (b"\x89PNG\r\n\x1a\n" + os.urandom(500), "PNG"),
        (b"%PDF-1.7\n%...", "PDF"),
        (b"PK\x03\x04" + os.urandom(100), "zip"),
        (os.urandom(5000), "binary"),
    ):
        with pytest.raises(InputError, match=word):
            decode.to_text(data)
    assert decode.to_text("Grüße\n\nzwei".encode("utf-16")) == "Grüße\n\nzwei"
    page = "<html><body><p>Hello wörld, this is text.</p></body></html>"
    assert decode.to_text(page.encode("utf-16-le")) == page  # no BOM
    assert decode.to_text(page.encode("utf-16-be")) == page


# --- raw-text elements, huge nodes, nesting limits (issue 17) -----------------------------------------------
# The regular expression ``without_invisible`` replaces: quadratic on unclosed elements, kept here as the oracle.
_OLD_INVISIBLE = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_PIECES = [
    "<script>", "</script>", "<SCRIPT a=1>", "</Script >", "<scripts>", "</script\n>", "<style>", "</style>",
    "<template>", "</template>", "<noscript>", "</noscript>", "x", "<p>", "</p>", "< /script>", "<script",
    "</scrip>", "</script", "<scrİpt>", "</SCRİPT >", "<ſcript>", "</ſcript>", "</style\x85>", "</style\u3000 >",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_without_invisible_is_the_regular_expression_in_linear_time(text: str) -> None:
    assert parse.without_invisible(text) == _OLD_INVISIBLE.sub("", text)


def test_unclosed_raw_text_elements_take_linear_time() -> None:
    for tag in ("script", "style", "template", "noscript"):
        page = "<html><body><p>hi</p>" + f"<{tag}>x" * 80_000  # the old pattern took minutes on this
        start = time.monotonic()
        assert parse.without_invisible(page) == page
        assert "hi" in parse.strip_markup(page)
        assert time.monotonic() - start < 5


def test_a_start_tag_keeps_at_most_its_first_attributes(monkeypatch) -> None:
    many = " ".join(f'a{i}="v {i}"' for i in range(5_000))  # libxml2 is quadratic in a tag's attributes
    root = parse.parse_html(f"<html><body><p id=first {many}>kept</p><p>after</p></body></html>")
    assert root is not None
    first = next(root.iter("p"))
    assert len(first.attrib) == parse.MAX_TAG_ATTRIBUTES and first.get("id") == "first"
    assert first.get(f"a{parse.MAX_TAG_ATTRIBUTES - 2}") == f"v {parse.MAX_TAG_ATTRIBUTES - 2}"
    assert _paragraphs(root) == ["kept", "after"]
    image = "<img src='data:image/png;base64," + "A" * 50_000 + "' alt='a chart'>"
    assert parse.capped_attributes(image) is image  # a long tag of few attributes is left as it is
    monkeypatch.setattr(parse, "MAX_TAG_ATTRIBUTES", 0)
    root = parse.parse_html(f"<html><body><p {many}>kept</p></body></html>")
    assert root is not None and len(next(root.iter("p")).attrib) == 5_000


def test_tag_count_has_no_seams() -> None:
    text = "<a<b</c <d>" * 50
    for chunk in (1, 2, 3, 7, 64):
        assert parse._tag_count(text, chunk) == len(parse._TAG_START.findall(text))


def _paragraphs(root) -> list[str]:
    return [(p.text or "")[:6] for p in root.iter("p")]


def test_huge_nodes_do_not_drop_the_rest_of_the_page() -> None:
    before, after = "<html><body><p>before</p>", "<p>after</p></body></html>"
    for middle in (
        "<img src='data:image/png;base64," + "A" * 11_000_000 + "'>",  # over libxml2's 10 MB default
        "<script>" + "x=1;" * 3_000_000 + "</script>",
        "<p>" + "word " * 2_300_000 + "</p>",
    ):
        root = parse.parse_html(before + middle + after)
        assert root is not None
        assert _paragraphs(root)[-1] == "after"


def test_nesting_past_the_parser_limit_is_reported() -> None:
    limit = parse.nesting_limit()
    assert limit is not None and limit >= 255
    deep = "<html><body>" + "<div>" * (limit + 50) + "text" + "</div>" * (limit + 50) + "<p>after</p></body></html>"
    root = parse.parse_html(deep)
    assert root is not None
    reason = parse.why_unusable(deep, root)
    assert reason is not None and "nested deeper" in reason
    shallow = "<html><body>" + "<div>" * 300 + "text" + "</div>" * 300 + "<p>after</p></body></html>"
    root = parse.parse_html(shallow)
    assert root is not None
    assert parse.why_unusable(shallow, root) is None
    assert _paragraphs(root) == ["after"]  # 300 levels parse whole (libxml2's default stops at 256)


def test_too_many_tags_are_not_built_into_a_tree(monkeypatch) -> None:
    monkeypatch.setattr(parse, "MAX_TREE_ELEMENTS", 1000)
    page = "<html><body>" + "<p>x" * 5000
    root = parse.parse_html(page)
    assert root is not None and len(root) == 0
    reason = parse.why_unusable(page, root)
    assert reason is not None and "5,002 start tags" in reason
    assert parse.why_unusable("<p>x</p>" * 400, parse.parse_html("<p>x</p>" * 400)) is None


def _parsed_with_text(page: str):
    """The parsed page and its body's text, whitespace collapsed."""
    root = parse.parse_html(page)
    assert root is not None
    return root, " ".join(" ".join(root.find("body").itertext()).split())


def test_streamed_react_segments_take_their_placeholders_place() -> None:
    page = (
        '<html><body><main><h1>Title</h1><template id="B:0"></template><p>Loading...</p></main>'
        '<footer>Footer</footer><div hidden id="S:0">Lead <p>First</p><template id="B:1"></template><p>Last</p></div>'
        '<div hidden id="S:1"><p>Nested</p></div><script>$RC("B:0","S:0")</script></body></html>'
    )
    root, text = _parsed_with_text(page)
    assert text.startswith("Title Lead First Nested Last Loading... Footer")
    assert not root.xpath("//template | //div[@hidden]")


def test_streamed_segments_pair_by_script_call_then_by_number() -> None:
    page = (
        '<html><body><template id="B:7"></template><p>one</p><template id="P:2"></template><p>two</p>'
        '<div hidden id="S:3"><p>boundary</p></div><div hidden id="S:2"><p>pending</p></div>'
        '<script>$RC("B:7","S:3")</script></body></html>'
    )
    assert _parsed_with_text(page)[1].startswith("boundary one pending two")


def test_a_hidden_div_without_a_placeholder_stays_hidden_where_it_is() -> None:
    page = '<html><body><p>shown</p><div hidden id="S:9"><p>kept hidden</p></div></body></html>'
    root = parse.parse_html(page)
    assert root is not None
    assert root.xpath("//div[@hidden]/p/text()") == ["kept hidden"]


# --- sectioning end tags that libxml2 ignores while a <div> is open ----------------------------------------------
def _landmark_text(root, tag: str) -> str:
    return " ".join(" ".join(el.itertext()) for el in root.iter(tag))


def test_an_unclosed_div_in_the_menu_does_not_pull_the_page_into_it() -> None:
    page = (
        "<html><body><header><nav><ul><li><a href='/'>Home</a></li></ul><div class='drawer'>Menu</nav></header>"
        "<main><p>The story itself.</p></main><footer><div>Imprint</footer><p>After the footer.</p></body></html>"
    )
    root = parse.parse_html(page)
    assert "story" not in _landmark_text(root, "nav") and "story" not in _landmark_text(root, "header")
    assert "After the footer" not in _landmark_text(root, "footer")
    assert root.find(".//main/p").text == "The story itself."


def test_end_tags_do_not_reach_past_an_open_table() -> None:  # as in HTML5: the cell's content stays in the cell
    page = "<nav><table><tr><td><div>a</nav><p>x</p>"
    assert parse.close_sections(page) is page


def _quadratic_close_sections(text: str) -> str:
    """The repair written plainly (the stack searched from the top on every end tag): the oracle."""
    stack: list[str] = []
    out, done, skip_to = [], 0, 0
    for m in parse._STRUCTURE_TAG.finditer(text):
        if m.start() < skip_to:
            continue
        closing, name, raw = m.groups()
        if name is None:
            end = re.compile(f"</{raw}\\s*>" if raw else "-->", re.IGNORECASE).search(text, m.end())
            skip_to = end.end() if end else len(text)
            continue
        name = name.lower()
        if not closing:
            if not m.group(0).endswith("/>"):
                stack.append(name)
            continue
        at = next((i for i in range(len(stack) - 1, -1, -1) if stack[i] in (name, "table")), None)
        if at is None or (stack[at] == "table" and name != "table"):
            continue
        if name in parse.SECTION_END_TAGS and stack[at + 1 :].count("div"):
            out += [text[done : m.start()], "</div>" * stack[at + 1 :].count("div")]
            done = m.start()
        del stack[at:]
    return "".join([*out, text[done:]])


_STRUCTURE_PIECES = [
    "<div>", "</div>", "<DIV class=a>", "<div/>", "<nav>", "</nav>", "<Header>", "</header >", "<section>",
    "</section>", "<table>", "</table>", "<main>", "</main>", "<!--", "-->", "<script>", "</script>", "x", "<p>",
    "</p>", "<div", ">", "</aside>", "<aside>",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_STRUCTURE_PIECES), max_size=24).map("".join))
def test_close_sections_is_the_plain_stack_repair_and_settles_in_one_pass(text: str) -> None:
    repaired = parse.close_sections(text)
    assert repaired == _quadratic_close_sections(text)
    assert parse.close_sections(repaired) == repaired


@st.composite
def _balanced(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(["div", "nav", "header", "section", "p", "table"]))
    inner = "".join(draw(st.lists(_balanced(depth + 1), max_size=3))) if depth < 4 else "x"
    return f"<{tag}>{inner}</{tag}>"


@settings(max_examples=200, deadline=None)
@given(_balanced())
def test_balanced_markup_is_left_as_it_is(text: str) -> None:
    assert parse.close_sections(text) is text


def test_close_sections_takes_linear_time() -> None:
    hostile = ("<div>" * 100_000 + "</nav>" * 100_000, "<div " * 100_000, "<nav>" + "<div>" * 5_000 + "</nav>" * 5_000)
    for page in hostile:
        start = time.monotonic()
        parse.close_sections(page)
        assert time.monotonic() - start < 5


def test_what_follows_an_early_end_of_the_document_is_kept_in_the_body() -> None:
    page = "<html><body><p>Pasted article.</p></body></html><div><p>The rest of the page.</p></div></body></html>"
    root = parse.parse_html(page)
    assert [p.text for p in root.find("body").iter("p")] == ["Pasted article.", "The rest of the page."]
    whole = "<html><body><p>A page that ends where it should.</p></body></html>\n"
    assert parse.without_early_end(whole) is whole
