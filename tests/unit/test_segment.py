"""Unit tests of the segment stage: tiny documents in, blocks out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core import parse, segment
from cleaner.core.types import Block


def _segmented(markup: str) -> list[Block]:
    root = parse.parse_html(markup)
    assert root is not None
    return segment.html_blocks(root, max_blocks=100, max_block_chars=1000)[0]


def _html_blocks(markup: str) -> list[str]:
    return [b.text for b in _segmented(markup)]


def test_block_elements_become_blocks_and_scripts_vanish() -> None:
    texts = _html_blocks("<html><body><h1>Title</h1><script>x=1</script><p>One <b>bold</b> word.</p></body></html>")
    assert texts == ["Title", "One bold word."]


def test_hidden_blocks_are_kept_and_marked_hidden_inline_text_is_dropped() -> None:
    root = parse.parse_html(
        '<body><p>seen <span aria-hidden="true">icon</span></p><div style="display:none">unseen</div>'
        "<p hidden>no</p></body>"
    )
    assert root is not None
    blocks = segment.html_blocks(root, max_blocks=100, max_block_chars=1000)[0]
    assert [(b.text, "hidden" in b.landmarks) for b in blocks] == [("seen", False), ("unseen", True), ("no", True)]


def test_a_popover_is_hidden_until_a_control_opens_it() -> None:
    blocks = _segmented(
        '<body><p>The thread starts here.</p><div popover id="alerts"><p>Tap the bell to turn on alerts.</p></div>'
        '<div class="popover-card"><p>A card merely named so is shown.</p></div></body>'
    )
    assert [(b.text, "hidden" in b.landmarks) for b in blocks] == [
        ("The thread starts here.", False),
        ("Tap the bell to turn on alerts.", True),
        ("A card merely named so is shown.", False),
    ]


def test_closed_tabs_accordions_and_faq_answers_are_not_hidden() -> None:
    blocks = _segmented(
        '<body><div role="tabpanel" hidden><p>Second tab</p></div>'
        '<div class="accordion__body" aria-hidden="true"><p>Folded answer</p></div>'
        '<div id="faq-answer-3" style="display: none"><p>FAQ answer</p></div>'
        '<div class="mobile-menu" aria-hidden="true"><p>Menu</p></div></body>'
    )
    assert [(b.text, "hidden" in b.landmarks) for b in blocks] == [
        ("Second tab", False),
        ("Folded answer", False),
        ("FAQ answer", False),
        ("Menu", True),
    ]


def test_tab_panels_named_with_a_bem_joint_or_an_underscore_are_not_hidden() -> None:
    markup = (
        '<body><div class="tab__content" hidden><p>Second service tab</p></div>'
        '<div class="tabs_body" style="display:none"><p>Third service tab</p></div>'
        '<div class="table_content" hidden><p>Not a tab</p></div></body>'
    )
    assert [(b.text, "hidden" in b.landmarks) for b in _segmented(markup)] == [
        ("Second service tab", False),
        ("Third service tab", False),
        ("Not a tab", True),
    ]


def test_frames_and_menus_are_blocks_of_their_own_after_the_block_around_them_which_reads_as_without_them() -> None:
    blocks = _segmented(
        '<body><p>Before <iframe src="https://x.example/a"><a href="http://ads.example.com/click">ad</a></iframe>'
        ' after.</p><iframe src="/embed"></iframe><iframe style="display:none">tracker</iframe>'
        '<div class="ad-slot">Go to <select><option>Home</option><option> </option><optgroup label="More">'
        "<option>World  news</option></optgroup></select> now</div><select><option></option></select>"
        "<ul><li>One</li><li>Two <select><option>2</option><option>3</option></select></li></ul><p>End.</p></body>"
    )
    assert [(b.text, b.tag) for b in blocks] == [
        ("Before after.", "p"),
        ('<a href="http://ads.example.com/click">ad</a>', segment.FRAME_TAG),
        ("Go to now", "div"),
        ("Home | World news", segment.MENU_TAG),
        ("One\nTwo", "ul"),  # still one unit
        ("2 | 3", segment.MENU_TAG),
        ("End.", "p"),
    ]
    assert "ad_slot" in blocks[3].landmarks and blocks[3].xpath == "/html/body/div/select"
    assert [b.id for b in blocks] == list(range(len(blocks)))


def test_past_the_cap_ruled_elements_are_dropped_and_never_count_against_max_blocks(monkeypatch) -> None:
    monkeypatch.setattr(segment, "MAX_RULED_BLOCKS", 3)
    root = parse.parse_html("<body><p>One.</p>" + "<select><option>a</option></select>" * 5 + "<p>Two.</p></body>")
    assert root is not None
    blocks, truncated = segment.html_blocks(root, max_blocks=2, max_block_chars=1000)
    assert [b.text for b in blocks] == ["One.", "a", "a", "a", "Two."] and not truncated


def test_landmarks_come_from_tags_roles_microdata_and_platform_names() -> None:
    root = parse.parse_html(
        '<body><main><article><div itemprop="articleBody"><p>Body text.</p></div></article></main>'
        '<div role="navigation"><p>Menu</p></div><div id="div-gpt-ad-123"><p>Ad</p></div>'
        '<div id="onetrust-banner-sdk"><p>We use cookies.</p></div></body>'
    )
    assert root is not None
    marks = {b.text: set(b.landmarks) for b in segment.html_blocks(root, max_blocks=100, max_block_chars=1000)[0]}
    assert {"main", "article", "body_prop"} <= marks["Body text."]
    assert "nav" in marks["Menu"] and "ad_slot" in marks["Ad"]
    assert "cmp" in marks["We use cookies."]


def test_an_advertise_link_or_a_page_wide_class_is_not_an_ad_slot() -> None:
    root = parse.parse_html(
        '<body class="newadvertising single-post"><header class="advertory-core-header-anchor"><p>Menu</p></header>'
        '<div class="advertise__link"><p>Advertise with us</p></div><div class="advertisement"><p>Ad</p></div></body>'
    )
    assert root is not None
    blocks = {b.text: b for b in segment.html_blocks(root, max_blocks=100, max_block_chars=1000)[0]}
    assert "ad_slot" not in blocks["Menu"].landmarks and "ad_slot" not in blocks["Advertise with us"].landmarks
    assert "ad_slot" in blocks["Ad"].landmarks
    # the body's classes describe the page, not where a block sits
    assert not {"newadvertising", "single-post"} & set(blocks["Menu"].attrs)


def test_a_deep_block_keeps_its_nearest_32_class_names_not_16() -> None:
    depth = 40
    nested = "".join(f'<div class="w{i}">' for i in range(depth)) + "<p>Deep text.</p>" + "</div>" * depth
    (block,) = _segmented(f"<html><body>{nested}</body></html>")
    assert block.attrs == tuple(f"w{i}" for i in range(depth - 1, depth - 33, -1))  # w39 ... w8


def test_json_ld_body_text_is_read_before_scripts_are_dropped() -> None:
    root = parse.parse_html(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "The  body\n'
        'text."}</script></head><body><p>The body text.</p></body></html>'
    )
    assert root is not None
    assert segment.page_json_ld_text(root) == "The body text."


def test_schema_types_come_from_json_ld_microdata_and_og_type() -> None:
    root = parse.parse_html(
        '<html><head><script type="application/ld+json">{"@graph": [{"@type": ["WebPage", "ItemPage"]}, '
        '{"@type": "https://schema.org/BreadcrumbList"}]}</script><script type="application/ld+json">{broken'
        '</script></head><body><div itemscope itemtype="http://schema.org/Offer"><p>Offer</p></div></body></html>'
    )
    assert root is not None
    assert segment.page_schema_types(root) == {"WebPage", "ItemPage", "BreadcrumbList", "Offer"}
    shop = parse.parse_html('<html><head><meta property="og:type" content="og:product"></head><body><p>A</p></body>')
    assert shop is not None and segment.page_schema_types(shop) == {"Product"}
    plain = parse.parse_html("<html><body><p>No types here.</p></body></html>")
    assert plain is not None and segment.page_schema_types(plain) == frozenset()


def test_text_splits_at_blank_lines_else_lines() -> None:
    blocks, _ = segment.text_blocks("a\nb\n\nc", max_blocks=10, max_block_chars=100)
    assert [b.text for b in blocks] == ["a\nb", "c"]
    blocks, _ = segment.text_blocks("a\nb\nc", max_blocks=10, max_block_chars=100)
    assert [b.text for b in blocks] == ["a", "b", "c"]


def test_max_blocks_truncates_and_says_so() -> None:
    blocks, truncated = segment.text_blocks("a\n\nb\n\nc", max_blocks=2, max_block_chars=100)
    assert len(blocks) == 2 and truncated


def _blocks(markup: str) -> list[tuple[str, str]]:
    return [(b.tag, b.text) for b in _segmented(markup)]


def test_a_data_table_is_one_block_rows_on_lines_cells_tab_separated() -> None:
    blocks = _blocks(
        "<body><p>Before.</p><table><tr><th>Area</th><th>2027</th></tr><tr><td>Schools</td><td>134 m</td></tr>"
        "<tr><td><b>Housing</b></td><td>44 m</td></tr></table><p>After.</p></body>"
    )
    assert blocks == [("p", "Before."), ("table", "Area\t2027\nSchools\t134 m\nHousing\t44 m"), ("p", "After.")]


def test_a_layout_table_is_still_read_cell_by_cell() -> None:
    nested = "<body><table><tr><td><div>Menu</div></td><td><p>Story.</p></td></tr><tr><td>x</td></tr></table></body>"
    assert [tag for tag, _ in _blocks(nested)] == ["div", "p", "td"]
    long_cell = "word " * 100
    wide = f"<body><table><tr><td>Nav</td></tr><tr><td>{long_cell}</td></tr></table></body>"
    assert [tag for tag, _ in _blocks(wide)] == ["td", "td"]
    one_row = "<body><table><tr><td>Logo</td><td>Menu</td></tr></table></body>"
    assert [tag for tag, _ in _blocks(one_row)] == ["td", "td"]


def test_a_list_of_plain_items_is_one_block_and_a_list_of_cards_is_not() -> None:
    items = "<body><ul><li>One <a href=#>link</a></li><li><p>Two</p><ul><li>Two.a</li></ul></li></ul></body>"
    assert _blocks(items) == [("ul", "One link\nTwo\nTwo.a")]
    menu = _blocks("<body><ul><li><a href=/>Home</a></li><li><a href=#>Cookie settings</a></li></ul></body>")
    assert menu == [("li", "Home"), ("li", "Cookie settings")]
    indented = "<body><ul>\n    <li><a href=/>Home</a></li>\n    <li><a href=/w>World</a></li>\n</ul></body>"
    assert _blocks(indented) == [("li", "Home"), ("li", "World")]
    cards = _blocks("<body><ul><li><h3>Card</h3><p>Blurb.</p></li><li><h3>Other</h3></li></ul></body>")
    assert [tag for tag, _ in cards] == ["h3", "p", "h3"]
    hidden = _blocks("<body><ul><li>Shown</li><li hidden>Dropdown</li></ul></body>")
    assert [tag for tag, _ in hidden] == ["li", "li"]


def test_a_list_or_table_over_the_size_limits_is_read_item_by_item() -> None:
    items = "".join(f"<li>item {i}</li>" for i in range(segment.MAX_UNIT_ROWS + 1))
    root = parse.parse_html(f"<body><ul>{items}</ul></body>")
    assert root is not None
    assert len(segment.html_blocks(root, max_blocks=1000, max_block_chars=1000)[0]) == segment.MAX_UNIT_ROWS + 1


def test_pre_keeps_its_lines_and_unit_offsets_point_into_the_stream() -> None:
    markup = "<body><p>Run:</p><pre>def f():\n    return 1\n\n\nf()</pre><ol><li>a</li><li>b</li></ol></body>"
    root = parse.parse_html(markup)
    assert root is not None
    blocks = segment.html_blocks(root, max_blocks=100, max_block_chars=1000)[0]
    assert [b.text for b in blocks] == ["Run:", "def f():\n    return 1\nf()", "a\nb"]
    stream = "\n\n".join(b.text for b in blocks)
    assert all(stream[b.start : b.end] == b.text for b in blocks)


_MARK_WORDS = [
    "adsbygoogle",
    "taboola",
    "dfp",
    "div-gpt-ad-1",
    "advertiser",
    "advertise-here",
    "advertory-core-header",
    "advertisement",
    "ad-slot",
    "xad-slot",
    "onetrust",
    "cookie-notification",
    "nav",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_MARK_WORDS), st.text(alphabet="abdgt-_ 1\u00a0", max_size=12)), max_size=6))
def test_name_marks_of_all_tokens_is_the_or_of_each_tokens_marks(words: list[str]) -> None:
    """``_name_marks`` tests a value's tokens at once; each token on its own gives the same bits."""
    from cleaner.core.vocabulary import AD_SLOT_PREFIXES, AD_SLOT_TOKENS, NOT_AD_WORDS, consent_platform_tokens

    names = tuple(" ".join(words).lower().split())
    expected = 0
    for name in names:
        if name in AD_SLOT_TOKENS or NOT_AD_WORDS.sub("", name).startswith(AD_SLOT_PREFIXES):
            expected |= segment._AD_SLOT
        if name in consent_platform_tokens():
            expected |= segment._CMP
    assert segment._name_marks(names) == expected


@pytest.mark.parametrize(
    "tail",
    [
        "Share this article on Facebook",
        "Sign up for our newsletter to get the news first.",
        "We use cookies to improve your experience.",
        "Notify me of follow-up comments by email.",
        "Abonnieren Sie unseren Newsletter.",
    ],
)
def test_a_widget_glued_onto_a_paragraph_is_a_block_of_its_own(tail: str) -> None:
    head = "The council voted on Tuesday to close the old bridge to traffic, said the mayor."
    text = f"Intro line.\n\n{head} {tail}\n\nNext paragraph."
    blocks, _ = segment.text_blocks(text, max_blocks=100, max_block_chars=10_000)
    assert [b.text for b in blocks] == ["Intro line.", head, tail, "Next paragraph."]
    assert all(text[b.start : b.end] == b.text for b in blocks)


@pytest.mark.parametrize(
    "paragraph",
    [
        # the last sentence is prose that mentions subscribing
        'He said: "We will subscribe to the plan." Subscribers were happy with the vote in the town hall yesterday.',
        # too little prose before the widget-like sentence: the whole line is one block, as the model was trained
        "Short intro. Share this article on Facebook",
        # a long last sentence is the model's to read whole
        "The mayor told reporters that the city had to act. Read more about the plans for the bridge and what they "
        "mean for the future of the city centre in the next months and years to come, our reporter writes.",
    ],
)
def test_prose_is_not_split(paragraph: str) -> None:
    assert segment.glued_tail(paragraph) is None
    blocks, _ = segment.text_blocks(paragraph, max_blocks=100, max_block_chars=10_000)
    assert [b.text for b in blocks] == [paragraph]


def test_the_glued_tail_split_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = "The council voted on Tuesday to close the old bridge to traffic. Share this article on Facebook"
    assert segment.glued_tail(paragraph) is not None
    monkeypatch.setattr(segment, "GLUED_TAIL_MAX_WORDS", 0)
    assert segment.glued_tail(paragraph) is None


def test_a_widget_glued_onto_the_start_of_a_paragraph_is_a_block_of_its_own() -> None:
    head = "Sign up for our newsletter."
    prose = "The council voted on Tuesday to close the old bridge to traffic, said the mayor."
    tail = "Share this article on Facebook"
    text = f"{head} {prose} {tail}"
    blocks, _ = segment.text_blocks(text, max_blocks=100, max_block_chars=10_000)
    assert [b.text for b in blocks] == [head, prose, tail]
    assert all(text[b.start : b.end] == b.text for b in blocks)
    # a widget-like opening with too little prose after it, or with no sentence break, stays whole
    assert segment.glued_head("Sign up for our newsletter. It is free.") is None
    assert segment.glued_head("Subscribe to the plan the council voted for on Tuesday without a full stop") is None


def test_a_named_anchor_is_no_link_even_left_unclosed() -> None:
    blocks = _segmented(
        '<body><h2><a name="part2">Second part</a></h2><a name="rest"><p>Text the anchor wraps by mistake.</p>'
        '<p>More of it here.</p><p><a href="/next">A real link</a></p></body>'
    )
    chars = {b.text: b.link_chars for b in blocks}
    assert chars["Second part"] == 0
    assert chars["Text the anchor wraps by mistake."] == 0
    assert chars["A real link"] == len("A real link")


def test_noscript_words_reads_each_text_once() -> None:
    root = parse.parse_html(
        "<html><body><p>shown</p><noscript>one two <script>var x = 1;</script></noscript>"
        "<div><noscript>three <noscript>four five</noscript></noscript></div></body></html>"
    )
    assert root is not None
    assert segment.noscript_words(root) == 5  # not the script, and the inner <noscript> not twice
    nested = parse.parse_html("<html><body>" + "<noscript>word " * 300 + "</body></html>")
    assert nested is not None and segment.noscript_words(nested) == 300
