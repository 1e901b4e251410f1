"""Unit tests of the decide stage: hand-made probabilities, no model."""

from __future__ import annotations

import re

import numpy as np
import pytest

from cleaner.core import decide, features, vocabulary
from cleaner.core.segment import text_blocks
from cleaner.core.types import LABELS, Block, Label
from cleaner.core.vocabulary import ADD_TO_CART, DISCLOSURE_CONTROL, LOADING_PLACEHOLDER, PRICE, SCRIPT_NOTICE

CONTENT, POLL = LABELS.index("content"), LABELS.index("poll")


def _feats(text: str) -> features.Features:
    return features.extract(text_blocks(text, max_blocks=50, max_block_chars=1000)[0])


def test_classes_are_put_in_label_order() -> None:
    probs = np.array([[0.1, 0.2, 0.3, 0.4, 0.0]])
    classes = ["boilerplate", "consent", "content", "poll", "promo"]
    out = decide.in_label_order(probs, classes)
    assert out[0, LABELS.index("poll")] == 0.4 and out[0, CONTENT] == 0.3


def test_prose_with_some_content_probability_stays_content() -> None:
    feats = _feats("This sentence has more than six words in it.\n\nVote")
    probs = np.zeros((2, len(LABELS)))
    probs[:, POLL], probs[:, CONTENT] = 0.65, 0.35
    labels = decide.choose_labels(probs, feats)
    assert labels.tolist() == [CONTENT, POLL]  # the short "Vote" is not prose


def _content_and(label: int, content: float, n: int = 2) -> np.ndarray:
    """Probabilities of n blocks: content at ``content``, the rest on ``label``."""
    probs = np.zeros((n, len(LABELS)))
    probs[:, CONTENT], probs[:, label] = content, 1 - content
    return probs


def test_plain_text_a_likely_call_to_action_needs_more_content_probability_than_furniture() -> None:
    feats = _feats("Take our survey and tell us what you think.\n\nBy Jane Doe, staff writer for the paper")
    probs = np.zeros((2, len(LABELS)))
    probs[:, CONTENT] = 0.2
    probs[0, POLL], probs[1, LABELS.index("boilerplate")] = 0.8, 0.8
    assert decide.TEXT_CALL_TO_ACTION_FLOOR > 0.2 > decide.CONTENT_MIN_PROBABILITY["text"]
    assert decide.choose_labels(probs, feats).tolist() == [POLL, CONTENT]


def test_plain_text_consent_with_a_consent_word_needs_the_call_to_action_floor(monkeypatch) -> None:
    feats = _feats(
        "We use cookies to measure how the site is used and to show ads.\n\n"
        "Kommunen vil bygge en ny skole ved havnen neste sommer, sier ordføreren."
    )
    consent = LABELS.index("consent")
    probs = _content_and(consent, 0.2)
    assert decide.TEXT_CALL_TO_ACTION_FLOOR > 0.2 > decide.CONTENT_MIN_PROBABILITY["text"]
    # the cookie sentence holds lexicon words ("cookies"), the Norwegian prose none: only the prose is floor-kept
    assert decide.choose_labels(probs, feats).tolist() == [consent, CONTENT]
    monkeypatch.setattr(decide, "TEXT_CONSENT_MIN_WORDS", 99)
    assert decide.choose_labels(probs, feats).tolist() == [CONTENT, CONTENT]


def test_plain_text_a_cookie_description_is_consent_by_its_words(monkeypatch) -> None:
    feats = _feats(
        "The cookie is set by the consent plugin to store whether the user agreed to cookies.\n\n"
        "The council met on Tuesday to discuss the new school and its budget for next year."
    )
    consent = LABELS.index("consent")
    probs = _content_and(consent, 0.65)  # content wins the arg-max on both
    assert decide.TEXT_CONSENT_LEXICAL_PROBABILITY <= 0.35
    assert decide.choose_labels(probs, feats).tolist() == [consent, CONTENT]  # "cookie", "consent", "cookies"
    monkeypatch.setattr(decide, "TEXT_CONSENT_LEXICAL_PROBABILITY", 1.01)
    assert decide.choose_labels(probs, feats).tolist() == [CONTENT, CONTENT]


def test_a_text_line_between_two_lines_of_its_label_keeps_the_label() -> None:
    feats = _feats(
        "The first paragraph of the article tells the story in full.\n\nShould the town build it?\n\n"
        "No, the town should spend the money on the roads instead\n\nView results\n\n"
        "Another paragraph of the article that carries on with the story."
    )
    probs = np.zeros((5, len(LABELS)))
    probs[:, CONTENT] = [0.95, 0.05, 0.35, 0.02, 0.95]
    probs[:, POLL] = 1 - probs[:, CONTENT]
    assert decide.choose_labels(probs, feats).tolist() == [CONTENT, POLL, POLL, POLL, CONTENT]
    probs[3] = 0.0
    probs[3, CONTENT], probs[3, LABELS.index("promo")] = 0.02, 0.98  # another label after it: the floor holds
    assert decide.choose_labels(probs, feats)[2] == CONTENT


def test_a_page_where_no_block_wins_keeps_its_best_block_unless_even_that_is_unlikely() -> None:
    feats = _feats("Short heading\n\nSecond one.")  # too short for the content floor: only the fallback keeps them
    probs = np.zeros((2, len(LABELS)))
    probs[:, LABELS.index("boilerplate")] = 0.6
    probs[:, CONTENT] = [0.4, 0.01]
    assert decide.choose_labels(probs, feats).tolist() == [CONTENT, LABELS.index("boilerplate")]
    probs[:, CONTENT] = [decide.FALLBACK_MIN_PROBABILITY - 0.01, 0.01]  # no main content at all: none is made up
    assert CONTENT not in decide.choose_labels(probs, feats).tolist()


def test_a_hidden_block_is_never_content() -> None:
    from cleaner.core import parse, segment

    root = parse.parse_html(
        "<body><p>A visible paragraph of text here.</p><p hidden>Hidden words in a row here.</p></body>"
    )
    assert root is not None
    feats = features.extract(segment.html_blocks(root, max_blocks=10, max_block_chars=100)[0])
    probs = np.zeros((2, len(LABELS)))
    probs[:, CONTENT] = 0.9
    probs[:, POLL] = 0.1
    assert decide.choose_labels(probs, feats).tolist() == [CONTENT, POLL]


def test_a_page_that_scripts_reveal_is_read_as_shown(monkeypatch) -> None:
    from cleaner.core import parse, segment

    cards = "".join(f"<li><h3>Framed print of a harbour at dusk, number {i}</h3></li>" for i in range(4))
    root = parse.parse_html(f"<body><p>Sort by</p><div style='display:none'><ul>{cards}</ul></div></body>")
    assert root is not None
    feats = features.extract(segment.html_blocks(root, max_blocks=10, max_block_chars=100)[0])
    probs = _content_and(LABELS.index("boilerplate"), 0.4, n=5)  # nothing likely: only the fallback keeps any
    probs[0, CONTENT] = 0.05
    assert decide.choose_labels(probs, feats).tolist() == [LABELS.index("boilerplate")] + [CONTENT] * 4
    probs[0, CONTENT] = 0.6  # a shown block is likely content: the hidden ones stay hidden
    assert decide.choose_labels(probs, feats).tolist() == [CONTENT] + [LABELS.index("boilerplate")] * 4
    probs[0, CONTENT] = 0.05
    monkeypatch.setattr(decide, "HIDDEN_PAGE_SHARE", 2.0)  # off: the page keeps nothing
    assert CONTENT not in decide.choose_labels(probs, feats).tolist()


def test_a_hidden_copy_of_the_shown_page_does_not_reveal_hidden_text(monkeypatch) -> None:
    paragraphs = [
        f"Paragraph {i} of the shown article about repairing a bicycle wheel with spokes, rims, hubs and patience."
        for i in range(4)
    ]
    shown = "".join(f"<p>{p}</p>" for p in paragraphs)
    copy = "<pre hidden># Repairing a bicycle wheel\n\n" + "\n\n".join(paragraphs) + "</pre>"
    feats, blocks = _page(f"<body><main>{shown}</main>{copy}</body>")
    probs = _content_and(LABELS.index("boilerplate"), 0.9, len(blocks))  # the model keeps every block

    def kept() -> list[str]:
        labels = decide.choose_labels(probs, feats, blocks)
        return [b.tag for b, k in zip(blocks, labels, strict=True) if k == CONTENT]

    assert kept() == ["p"] * 4  # the hidden Markdown copy outweighs the shown text but reveals nothing
    monkeypatch.setattr(decide, "HIDDEN_COPY_SHARE", 2.0)  # off: the page is read as one that scripts reveal
    assert kept() == ["p"] * 4 + ["pre"]


def test_prose_in_a_footer_or_dialog_gets_no_content_floor() -> None:
    from cleaner.core import parse, segment

    root = parse.parse_html(
        "<body><main><p>An article paragraph of running text here.</p></main>"
        "<footer><p>We process personal data for the purposes listed in this notice.</p></footer>"
        "<div role='dialog'><p>Read the terms of use before you continue to the site.</p></div></body>"
    )
    assert root is not None
    feats = features.extract(segment.html_blocks(root, max_blocks=10, max_block_chars=200)[0])
    probs = np.zeros((3, len(LABELS)))
    probs[:, POLL], probs[:, CONTENT] = 0.8, 0.2
    assert decide.choose_labels(probs, feats).tolist() == [CONTENT, POLL, POLL]


def _page(markup: str) -> tuple[features.Features, list]:
    from cleaner.core import parse, segment

    root = parse.parse_html(markup)
    assert root is not None
    blocks = segment.html_blocks(root, max_blocks=200, max_block_chars=1000)[0]
    return features.extract(blocks), blocks


LISTING = (
    "<body><nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8)) + "</ul></nav>"
    "<h1>Remote jobs</h1><ul class='jobs'>"
    + "".join(
        f"<li><a href='/j{i}'>Senior engineer number {i} at a company that hires remotely</a>"
        f"<span>Full-time, anywhere in the world</span></li>"
        for i in range(12)
    )
    + "</ul><footer><p>Copyright and a few links to the terms of this site.</p></footer></body>"
)


def test_a_thin_page_keeps_the_region_that_holds_its_cards() -> None:
    feats, blocks = _page(LISTING)
    assert blocks[8].text == "Remote jobs"
    boilerplate = LABELS.index("boilerplate")
    probs = np.zeros((len(blocks), len(LABELS)))
    probs[:, boilerplate], probs[:, CONTENT] = 0.99, 0.01  # the model calls every card boilerplate...
    probs[8, [boilerplate, CONTENT]] = 0.01, 0.99  # ...and keeps the heading
    labels = decide.choose_labels(probs, feats, blocks)
    kept = [b.text for b, k in zip(blocks, labels, strict=True) if k == CONTENT]
    assert any(t.startswith("Senior engineer number 11") for t in kept)
    assert not any(t.startswith("Section") or t.startswith("Copyright") for t in kept)  # navigation, footer stay out
    assert decide.choose_labels(probs, feats).tolist().count(CONTENT) == 1  # without the blocks: no region


def test_card_headers_are_open_to_the_thin_page_region_a_page_header_is_not(monkeypatch) -> None:
    cards = "".join(
        f"<article><header><h2><a href='/n{i}'>News story number {i} about the product line this week</a></h2>"
        "</header></article>"
        for i in range(6)
    )
    page = "<body><header><p>The site's own banner line with its slogan</p></header><main>" + cards + "</main></body>"
    feats, blocks = _page(page)
    probs = _content_and(LABELS.index("boilerplate"), 0.01, len(blocks))  # the model calls every card boilerplate
    kept = [b.text for b, k in zip(blocks, decide.choose_labels(probs, feats, blocks), strict=True) if k == CONTENT]
    assert len(kept) == 6 and all(t.startswith("News story") for t in kept)
    monkeypatch.setattr(decide, "SCOPED_HEADER_OPEN", 0)  # every <header> as the page's: nothing open, nothing kept
    assert CONTENT not in decide.choose_labels(probs, feats, blocks).tolist()


def test_bottom_spacing_classes_name_no_footer_for_the_thin_page_region(monkeypatch) -> None:
    cards = "".join(
        f"<div class='card'><h3><a href='/p{i}'>Garden tool number {i} for a lawn</a></h3></div>" for i in range(6)
    )
    page = f"<body><main><div class='row margin-bottom-40'>{cards}</div></main><footer><p>Copyright</p></footer></body>"
    feats, blocks = _page(page)
    probs = _content_and(LABELS.index("boilerplate"), 0.01, len(blocks))  # the model calls every card boilerplate
    kept = [b.text for b, k in zip(blocks, decide.choose_labels(probs, feats, blocks), strict=True) if k == CONTENT]
    assert len(kept) == 6 and all(t.startswith("Garden tool") for t in kept)
    assert decide.footer_named(("site-footer",)) and decide.footer_named(("bottom",))  # a bare name may be a bar
    assert not decide.footer_named(("border-bottom", "bottom-0", "padding-bottom-medium"))
    monkeypatch.setattr(decide, "FOOTER_NAME_SKIPS_UTILITIES", False)  # "bottom" read as a footer: the grid is shut out
    assert CONTENT not in decide.choose_labels(probs, feats, blocks).tolist()


def test_a_components_own_header_names_no_navigation_for_the_region_steps(monkeypatch) -> None:
    cards = "".join(
        f"<div class='job-card'><h3 class='job-card__header'><a href='/j{i}'>Backend developer number {i} wanted</a>"
        "</h3></div>"
        for i in range(6)
    )
    page = f"<body><main><div class='results'>{cards}</div></main><footer><p>Copyright</p></footer></body>"
    feats, blocks = _page(page)
    probs = _content_and(LABELS.index("boilerplate"), 0.01, len(blocks))  # the model calls every card boilerplate
    kept = [b.text for b, k in zip(blocks, decide.choose_labels(probs, feats, blocks), strict=True) if k == CONTENT]
    assert len(kept) == 6 and all(t.startswith("Backend developer") for t in kept)
    assert decide.is_component_part("job-card__header") and decide.is_component_part("post-header")
    assert not decide.is_component_part("site-nav__item") and not decide.is_component_part("header-menu")
    assert not decide.is_component_part("site-header") and not decide.is_component_part("page-header")
    assert decide.nav_named(("card__header", "main-navigation")) and not decide.nav_named(("card__header", "results"))
    monkeypatch.setattr(decide, "NAV_NAME_SKIPS_COMPONENT_PARTS", False)  # "header" read as navigation: shut out
    assert CONTENT not in decide.choose_labels(probs, feats, blocks).tolist()


def test_a_players_embed_code_is_not_content_markup_in_prose_or_code_is(monkeypatch) -> None:
    embed = "&lt;iframe src=&quot;https://radio.example/player/embed/42&quot; width=&quot;100%&quot;&gt;&lt;/iframe&gt;"
    page = (
        f"<body><article><p>A story about the night shift at the harbour, told by the crew.</p>"
        f"<div class='embed-box'>{embed}</div><p>Write &lt;iframe src=x&gt; to embed a page in yours.</p>"
        f"<pre>{embed}</pre></article></body>"
    )
    feats, blocks = _page(page)
    probs = _content_and(LABELS.index("boilerplate"), 0.9, len(blocks))  # the model keeps every block
    labels = decide.choose_labels(probs, feats, blocks)
    kept = [b.text[:8] for b, k in zip(blocks, labels, strict=True) if k == CONTENT]
    assert kept == ["A story ", "Write <i", "<iframe "]  # the box's copy goes; the sentence and the <pre> stay
    monkeypatch.setattr(decide, "EMBED_CODE_DROP", False)
    assert decide.choose_labels(probs, feats, blocks).tolist().count(CONTENT) == 4


def _shop(cards: str, intro: str = "") -> str:
    lead = "Our camp mugs, fired twice and glazed by hand in the workshop. " + "More words. " * 10
    return (
        "<body><nav><a href='/'>Home</a> <a href='/shop'>Shop</a> <a href='/about'>About</a></nav><main>"
        f"<h1>Enamel mugs</h1><p>{lead}</p>{intro}<ul class='grid'>{cards}</ul></main>"
        "<footer><p>Copyright and the terms of the shop.</p></footer></body>"
    )


def _cards(price: str, button: str = "") -> str:
    return "".join(
        f"<li class='card'><h2 class='card-title'>Mug number {i} in speckled blue</h2>"
        f"<div class='card-price'>{price.format(i=i)}</div>{button}</li>"
        for i in range(16)
    )


def test_a_shops_grid_of_priced_cards_is_its_content_and_a_rail_of_stories_is_not(monkeypatch) -> None:
    def kept(markup: str) -> list[str]:
        feats, blocks = _page(markup)
        probs = _boilerplate_probs(blocks, _rows(blocks, "Enamel") + _rows(blocks, "Our camp"))  # cards: boilerplate
        labels = decide.choose_labels(probs, feats, blocks)
        return [b.text for b, k in zip(blocks, labels, strict=True) if k == CONTENT]

    shop = kept(_shop(_cards("${i}4.95")))
    assert sum(t.startswith("Mug number") for t in shop) == 16 and sum(t.startswith("$") for t in shop) == 16
    assert not any(t.startswith(("Home", "Copyright")) for t in shop)
    assert not any(t.startswith("Mug") for t in kept(_shop(_cards("Read more"))))  # no prices: teasers, not a shop
    # one buy button: a product's page, and its priced grid is other products ("Add to cart" in each card is a shop's)
    one = _shop(_cards("${i}4.95"), intro="<button>Add to cart</button>")
    assert not any(t.startswith("Mug") for t in kept(one))
    assert sum(t.startswith("Mug") for t in kept(_shop(_cards("${i}4.95", "<button>Add to cart</button>")))) == 16
    monkeypatch.setattr(decide, "SHOP_GRID_PAGE_CHARS", 0)  # off: the page is not thin, so no card is kept
    assert not any(t.startswith("Mug") for t in kept(_shop(_cards("${i}4.95"))))


@pytest.mark.parametrize(
    ("text", "price"),
    [("$29.95", True), ("XS • 118ml $29.95", True), ("29,95 €", True), ("1.299 kr", True), ("USD 40", True),
     ("Call 555 1234", False), ("Since 2024", False), ("4 people", False)],
)  # fmt: skip
def test_a_price_is_a_currency_next_to_a_number(text: str, price: bool) -> None:
    assert bool(PRICE.search(text)) is price


def test_a_page_with_enough_content_keeps_its_labels() -> None:
    article = "<p>" + "An article paragraph of running text that goes on for a while. " * 8 + "</p>"
    feats, blocks = _page(LISTING.replace("<h1>Remote jobs</h1>", article))
    boilerplate = LABELS.index("boilerplate")
    probs = np.zeros((len(blocks), len(LABELS)))
    probs[:, boilerplate], probs[:, CONTENT] = 0.99, 0.01
    article_rows = [i for i, b in enumerate(blocks) if b.text.startswith("An article")]
    probs[article_rows, boilerplate], probs[article_rows, CONTENT] = 0.01, 0.99
    labels = decide.choose_labels(probs, feats, blocks)
    assert [blocks[i].text[:10] for i in np.flatnonzero(labels == CONTENT)] == ["An article"]


ARTICLE = (
    "<body><nav><ul><li><a href='/a'>World news and the rest of the sections</a></li></ul></nav><article>"
    + "".join(
        f"<p>Paragraph {i} of the story, which runs on with its reporting for many more words.</p>" for i in range(14)
    )
    + "</article><div class='comments'><p>A reader's comment that goes on about the story at some length.</p></div>"
    "<footer><p>Copyright and a few links to the terms of this site for the readers.</p></footer></body>"
)


def _article_probs(blocks: list, paragraphs: range) -> np.ndarray:
    boilerplate = LABELS.index("boilerplate")
    probs = np.zeros((len(blocks), len(LABELS)))
    probs[:, boilerplate], probs[:, CONTENT] = 0.99, 0.01
    for i, b in enumerate(blocks):
        if b.text.startswith("Paragraph") and int(b.text.split()[1]) in paragraphs:
            probs[i, [boilerplate, CONTENT]] = 0.1, 0.9
    return probs


def test_the_main_region_keeps_its_prose_and_drops_stray_floor_kept_blocks() -> None:
    feats, blocks = _page(ARTICLE)
    probs = _article_probs(blocks, range(14))
    gap = next(i for i, b in enumerate(blocks) if b.text.startswith("Paragraph 7 "))
    probs[gap, [LABELS.index("boilerplate"), CONTENT]] = 0.98, 0.02  # below the floor, but inside the article
    comment = next(i for i, b in enumerate(blocks) if b.text.startswith("A reader"))
    probs[comment, [LABELS.index("boilerplate"), CONTENT]] = 0.9, 0.1  # kept by the floor alone
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[gap] == CONTENT and labels[comment] == LABELS.index("boilerplate")
    kept = [b.text for b, k in zip(blocks, labels, strict=True) if k == CONTENT]
    assert len(kept) == 14 and all(t.startswith("Paragraph") for t in kept)
    without_tree = decide.choose_labels(probs, feats)  # plain text: no region, the floor decides
    assert without_tree[gap] != CONTENT and without_tree[comment] == CONTENT


def test_the_floor_keeps_nothing_after_the_models_last_prose(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    page = ARTICLE.replace("class='comments'", "class='more'")
    feats, blocks = _page(page)
    probs = _article_probs(blocks, range(14))
    tail = next(i for i, b in enumerate(blocks) if b.text.startswith("A reader"))
    probs[tail, [LABELS.index("boilerplate"), CONTENT]] = 0.7, 0.3  # above the floor, not the arg-max
    assert decide.choose_labels(probs, feats, blocks)[tail] == LABELS.index("boilerplate")
    few = _article_probs(blocks, range(3))  # the model's own prose under FLOOR_TAIL_SURE_WORDS: the floor keeps it
    few[tail, [LABELS.index("boilerplate"), CONTENT]] = 0.7, 0.3
    assert decide.choose_labels(few, feats, blocks)[tail] == CONTENT
    monkeypatch.setattr(decide, "FLOOR_TAIL_SURE_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks)[tail] == CONTENT


def test_a_story_split_into_sections_is_one_main_region(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_CONTAINER_SHARE", 0)  # content after the story's container: tested on its own
    later = (
        "<section><p>Weakly kept: a later section of the same story, which the model is not sure of at all.</p>"
        "<p>Flagged: another paragraph of that section, with enough words to count as prose here.</p>"
        "<p>Paragraph 50 of the story closes the later section, and the model is sure of it again.</p></section>"
    )
    feats, blocks = _page(f"<body><div class='story'><section>{REPORT * 2}</section>{later}</div></body>")
    probs = _story_probs(blocks, 0.1)  # the first section holds most of the content: the region by itself
    weak, flagged = _rows(blocks, "Weakly")[0], _rows(blocks, "Flagged")[0]
    probs[flagged, [LABELS.index("boilerplate"), CONTENT]] = 0.98, 0.02  # under the floor
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[weak] == CONTENT and labels[flagged] == CONTENT  # the sections' parent is the region
    monkeypatch.setattr(decide, "SECTIONED_REGION", False)
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[weak] != CONTENT and labels[flagged] != CONTENT  # a stray outside the first section


def test_a_story_split_into_sections_is_one_main_region_on_a_deep_page(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_CONTAINER_SHARE", 0)  # content after the story's container: tested on its own
    later = (
        "<section><p>Weakly kept: a later section of the same story, which the model is not sure of at all.</p>"
        "<p>Paragraph 50 of the story closes the later section, and the model is sure of it again.</p></section>"
    )
    story = f"<div class='story'><section>{REPORT * 2}</section>{later}</div>"
    feats, blocks = _page(f"<body>{'<div>' * 8}{story}{'</div>' * 8}</body>")  # past MAX_ANCESTORS ancestors
    assert len(blocks[0].path) > len(blocks[0].ancestors) + 1
    probs = _story_probs(blocks, 0.1)
    weak = _rows(blocks, "Weakly")[0]
    assert decide.choose_labels(probs, feats, blocks)[weak] == CONTENT  # the sections' parent is the region
    monkeypatch.setattr(decide, "SECTIONED_REGION_FULL_CHAIN", False)
    assert decide.choose_labels(probs, feats, blocks)[weak] != CONTENT  # the nearest tags only: the step gave up


def test_a_small_main_region_drops_nothing_outside_it(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    monkeypatch.setattr(decide, "COMMENT_DROP_MIN_ARTICLE_CHARS", 0)  # the comment rule is tested on its own
    feats, blocks = _page(ARTICLE)
    probs = _article_probs(blocks, range(2))  # two paragraphs: under MAIN_REGION_MIN_CHARS of content
    comment = next(i for i, b in enumerate(blocks) if b.text.startswith("A reader"))
    probs[comment, [LABELS.index("boilerplate"), CONTENT]] = 0.9, 0.1
    assert decide.choose_labels(probs, feats, blocks)[comment] == CONTENT


def _boilerplate_probs(blocks: list, content_rows: list[int]) -> np.ndarray:
    boilerplate = LABELS.index("boilerplate")
    probs = np.zeros((len(blocks), len(LABELS)))
    probs[:, boilerplate], probs[:, CONTENT] = 0.99, 0.01
    probs[content_rows, boilerplate], probs[content_rows, CONTENT] = 0.01, 0.99
    return probs


def _rows(blocks: list, prefix: str) -> list[int]:
    return [i for i, b in enumerate(blocks) if b.text.startswith(prefix)]


DIALOG_PAGE = (
    "<body><main>{article}</main><div role='dialog' aria-modal='true'>"
    "<p>Terms of sale that a modal shows over the page, with a long clause on returns.</p></div></body>"
)
STORY = "<p>An article paragraph of running text that goes on for a while about the news.</p>"


def test_content_in_a_dialog_is_dropped_when_the_page_has_content_outside_it() -> None:
    feats, blocks = _page(DIALOG_PAGE.format(article=STORY * 5))  # about 400 characters outside the dialog
    probs = _boilerplate_probs(blocks, _rows(blocks, "An article") + _rows(blocks, "Terms"))
    terms = _rows(blocks, "Terms")[0]
    assert decide.choose_labels(probs, feats, blocks)[terms] == LABELS.index("boilerplate")
    feats, blocks = _page(DIALOG_PAGE.format(article=STORY))  # under DIALOG_DROP_MIN_OUTSIDE_CHARS outside
    probs = _boilerplate_probs(blocks, _rows(blocks, "An article") + _rows(blocks, "Terms"))
    assert decide.choose_labels(probs, feats, blocks)[_rows(blocks, "Terms")[0]] == CONTENT


CARDS = (
    "<body><main><h1>Garden tools for the season</h1><ul class='grid products'>"
    + "".join(f"<li class='grid__item card'><a href='/p{i}'>Rake model {i}</a></li>" for i in range(6))
    + "</ul><p class='note'>Prices include tax</p></main></body>"
)


def test_cards_of_a_template_that_is_mostly_content_become_content() -> None:
    feats, blocks = _page(CARDS)
    cards = _rows(blocks, "Rake model")
    assert len(cards) == 6 and len({(blocks[i].tag, blocks[i].attrs[:2]) for i in cards}) == 1
    probs = _boilerplate_probs(blocks, _rows(blocks, "Garden") + cards[:4])  # the model keeps four cards of six
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == CONTENT for i in cards)
    assert labels[_rows(blocks, "Prices")[0]] != CONTENT  # another template: not touched
    probs = _boilerplate_probs(blocks, _rows(blocks, "Garden") + cards[:2])  # two of six: not the template's rule
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] == CONTENT for i in cards] == [True, True, False, False, False, False]


def test_flagged_blocks_are_retyped_by_the_prior_weights_and_content_is_left_alone(monkeypatch) -> None:
    promo, boilerplate = LABELS.index("promo"), LABELS.index("boilerplate")
    probs = np.zeros((3, len(LABELS)))
    probs[0, [promo, boilerplate]] = 0.55, 0.45  # promo wins by a little: retyped under a promo weight of 0.5
    probs[1, [promo, boilerplate]] = 0.90, 0.10  # promo wins by a lot: stays promo
    probs[2, [CONTENT, promo]] = 0.60, 0.40  # content: never touched
    labels = np.array([promo, promo, CONTENT])
    monkeypatch.setattr(decide, "TYPE_WEIGHT_POLL", 1.0)
    monkeypatch.setattr(decide, "TYPE_WEIGHT_PROMO", 1.0)
    assert decide.flagged_types(labels, probs).tolist() == [promo, promo, CONTENT]  # weights of 1: off
    monkeypatch.setattr(decide, "TYPE_WEIGHT_PROMO", 0.5)
    assert decide.flagged_types(labels, probs).tolist() == [boilerplate, promo, CONTENT]


def _article_then_flagged(n: int, label: int, runner_up: int) -> np.ndarray:
    """Probabilities of n blocks: the article's first (content 0.95), then ``label`` 0.9 and ``runner_up`` 0.1."""
    probs = np.zeros((n, len(LABELS)))
    probs[0, CONTENT] = 0.95
    probs[1:, label] = 0.9
    probs[1:, runner_up] = 0.1
    return probs


def test_screen_reader_text_flagged_as_a_widget_is_boilerplate_unless_its_words_say_so(monkeypatch) -> None:
    feats, blocks = _page(
        "<body><main><p>The article's first paragraph, long enough to be the page's content here.</p>"
        "<div class='visually-hidden'>Article content</div>"
        "<div class='sr-only'>Subscribe to our newsletter</div>"
        "<div class='ad-box'>Partner offers this week</div></main></body>"
    )
    promo, boilerplate = LABELS.index("promo"), LABELS.index("boilerplate")
    probs = _article_then_flagged(4, promo, boilerplate)
    expected = [CONTENT, boilerplate, promo, promo]  # a promo word ("subscribe"), or not screen-reader text: kept
    assert decide.choose_labels(probs, feats, blocks).tolist() == expected
    monkeypatch.setattr(decide, "SCREEN_READER_PLAIN", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, promo, promo]


def test_a_call_to_action_or_a_privacy_control_in_a_menu_takes_its_label(monkeypatch) -> None:
    feats, blocks = _page(
        "<body><main><p>The article's first paragraph, long enough to be the page's content here.</p></main>"
        "<footer><ul><li><a href='/s'>Subscribe for $1 a week</a></li><li><a href='/n'>Newsletters</a></li>"
        "<li><a href='/c'>Cookie-Einstellungen</a></li><li><a href='/p'>Privacy Policy</a></li></ul></footer></body>"
    )
    promo, consent, boilerplate = LABELS.index("promo"), LABELS.index("consent"), LABELS.index("boilerplate")
    probs = _article_then_flagged(5, boilerplate, CONTENT)
    # the ask and the control retyped; the menu noun and the policy link stay furniture
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, boilerplate, consent, boilerplate]
    monkeypatch.setattr(decide, "CALL_TO_ACTION_MAX_WORDS", 0)
    monkeypatch.setattr(decide, "PRIVACY_CHOICE_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] + [boilerplate] * 4


def test_a_short_link_flagged_promo_without_promo_words_is_furniture(monkeypatch) -> None:
    feats, blocks = _page(
        "<body><main><p>The article's first paragraph, long enough to be the page's content here.</p></main>"
        "<div class='ad'><ul><li><a href='/h'>Help</a></li><li><a href='/s'>Subscribe</a></li>"
        "<li><a href='/l'>A long teaser headline of eight words here</a></li></ul>"
        "<p>Partner offers</p></div></body>"
    )
    promo, boilerplate = LABELS.index("promo"), LABELS.index("boilerplate")
    probs = _article_then_flagged(5, promo, boilerplate)
    # the menu link retyped; a promo word, a link longer than the limit and plain text keep promo
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, promo, promo, promo]
    monkeypatch.setattr(decide, "SHORT_LINK_PLAIN_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] + [promo] * 4


def test_a_content_block_of_machine_identifiers_is_not_content(monkeypatch) -> None:
    ids = "f2f260c3-bf1f-466a-b856-6f031758a086 16207f0d-5442-4472-ad51-162a45a841c3"
    feats, blocks = _page(
        "<body><main><p>The article's first paragraph, long enough to be the page's content here.</p>"
        f"<div>S{ids}p</div><p>Commit 3f2a9b0c1d2e3f4a5b6c7d8e9f fixed the crash, the maintainers said on Monday.</p>"
        "</main></body>"
    )
    promo = LABELS.index("promo")
    probs = np.zeros((3, len(LABELS)))
    probs[:, CONTENT] = 0.9
    probs[:, promo] = 0.1
    # the identifiers-only block goes; prose that quotes one identifier stays
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, CONTENT]
    monkeypatch.setattr(decide, "MACHINE_TEXT_MIN_SHARE", 2.0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 3


def test_a_browser_notice_flagged_as_a_call_to_action_is_furniture(monkeypatch) -> None:
    notice = (
        "This page is best viewed in an up-to-date web browser with style sheets enabled. While you will be able to "
        "view the content of this page in your current browser, you will not get the full experience: please think "
        "about upgrading your browser software or turning style sheets on."
    )
    pitch = "Upgrade to Premium and read every story without ads, from 2 dollars a month, cancel any time."
    feats, blocks = _page(f"<body><main><p>{notice}</p><p>{pitch}</p></main></body>")
    promo = LABELS.index("promo")
    probs = _content_and(promo, 0.04)  # the model calls both a call to action
    assert decide.choose_labels(probs, feats, blocks).tolist() == [LABELS.index("boilerplate"), promo]
    monkeypatch.setattr(decide, "SCRIPT_NOTICE_FLAGGED", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [promo, promo]


def test_a_control_label_is_not_content_but_a_question_on_a_button_is(monkeypatch) -> None:
    monkeypatch.setattr(decide, "BUTTON_CONTENT_MAX_WORDS", 8)
    feats, blocks = _page(
        "<body><main><button><div>Image zoomed out, normal view</div></button>"
        "<button>How long does delivery take?</button>"
        "<p>The shelf holds books, files and boxes, and it stands or lies as the room needs.</p></main></body>"
    )
    probs = _content_and(LABELS.index("boilerplate"), 0.9, n=3)
    boilerplate = LABELS.index("boilerplate")
    assert decide.choose_labels(probs, feats, blocks).tolist() == [boilerplate, CONTENT, CONTENT]
    monkeypatch.setattr(decide, "BUTTON_KEEPS_QUESTIONS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [boilerplate, boilerplate, CONTENT]
    monkeypatch.setattr(decide, "BUTTON_CONTENT_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 3


def test_a_form_field_label_is_not_content_but_a_shop_option_is(monkeypatch) -> None:
    feats, blocks = _page(
        "<body><main><form><label for='n'>Your email address</label><input id='n' type='email'>"
        "<div class='product-swatches'><label><input type='radio' name='colour'>Deep sea blue</label></div></form>"
        "<p>The shelf holds books, files and boxes, and it stands or lies as the room needs.</p></main></body>"
    )
    probs = _content_and(LABELS.index("boilerplate"), 0.9, n=3)
    boilerplate = LABELS.index("boilerplate")
    assert decide.choose_labels(probs, feats, blocks).tolist() == [boilerplate, CONTENT, CONTENT]
    monkeypatch.setattr(decide, "LABEL_CONTENT_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 3


@pytest.mark.parametrize(
    ("limit", "value", "paragraphs"),
    [
        (  # a request to turn on scripts, in two languages, and prose about JavaScript
            "SCRIPT_NOTICE_MAX_WORDS",
            25,
            (
                "You need to enable JavaScript to run this app.",
                "Bitte aktivieren Sie JavaScript, um diese Seite zu nutzen.",
                "JavaScript turned thirty this year, and the language now runs on servers as well as in browsers.",
            ),
        ),
        (  # a copyright line, a reservation of rights, and prose about copyright
            "COPYRIGHT_LINE_MAX_WORDS",
            30,
            (
                "© 2026 The Daily Example. All rights reserved.",
                "Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung.",
                "Copyright law protects the photographs as well, the court said on Tuesday.",
            ),
        ),
        (  # a post's tag list, a filed-under line, and prose that says what a story was tagged as
            "TAG_LIST_MAX_WORDS",
            20,
            (
                "Tags: city council, budget, parking, Main Street",
                "Filed under: Local news • Transport",
                "Tagged as a risk by the inspectors, the old bridge was closed to lorries on Monday morning.",
            ),
        ),
        (  # pointers to other stories in two languages, and prose that tells the reader to read on
            "READ_ALSO_MAX_WORDS",
            25,
            (
                "Read more: Council votes to close the old bridge to lorries",
                "Lesen Sie auch: Neue Radwege für die Innenstadt",
                "Read more about the council's plan in the report it published on Monday morning.",
            ),
        ),
    ],
)
def test_a_site_notice_is_furniture_and_prose_about_its_subject_is_not(
    monkeypatch, limit: str, value: int, paragraphs: tuple[str, ...]
) -> None:
    monkeypatch.setattr(decide, limit, value)
    feats, blocks = _page("<body><main>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</main></body>")
    boilerplate = LABELS.index("boilerplate")
    probs = _content_and(boilerplate, 0.9, n=3)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [boilerplate, boilerplate, CONTENT]
    monkeypatch.setattr(decide, limit, 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 3


def test_a_read_also_line_in_plain_text_is_left_to_the_model() -> None:
    text = "Read more: Council votes to close the old bridge to lorries\n\nThe bridge closes to lorries on Monday."
    blocks = text_blocks(text, max_blocks=50, max_block_chars=1000)[0]
    probs = _content_and(LABELS.index("boilerplate"), 0.9)
    assert decide.choose_labels(probs, features.extract(blocks), blocks).tolist() == [CONTENT, CONTENT]


LONG_PARAGRAPH = (
    "<p>Paragraph {i} of the report, which keeps going with the council's figures, the residents' answers and the "
    "mayor's reply, so that it runs to well over thirty words of editorial prose before it ends.</p>"
)


def test_reader_comments_after_an_article_are_boilerplate_and_a_forum_keeps_its_posts() -> None:
    comments = "".join(
        f"<div class='comment-body'><p>Reader {i} thinks the story missed a point.</p></div>" for i in range(4)
    )
    feats, blocks = _page(
        "<body><article>" + "".join(LONG_PARAGRAPH.format(i=i) for i in range(4)) + f"</article>{comments}</body>"
    )
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in _rows(blocks, "Reader")] == [LABELS.index("boilerplate")] * 4
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    feats, blocks = _page(f"<body><h1>Which bike lock?</h1>{comments}</body>")  # a thread: no article before it
    labels = decide.choose_labels(_boilerplate_probs(blocks, list(range(len(blocks)))), feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Reader"))


def test_a_forum_posting_that_declares_its_replies_keeps_them(monkeypatch) -> None:
    replies = "".join(
        f"<div class='comment-body'><p>Member {i} replies that a folding lock fits the frame better.</p></div>"
        for i in range(4)
    )
    feats, blocks = _page(
        "<body><main><h1>Which bike lock?</h1>"
        + "".join(LONG_PARAGRAPH.format(i=i) for i in range(4))
        + f"{replies}</main></body>"
    )
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
    boilerplate = LABELS.index("boilerplate")
    thread = frozenset({"DiscussionForumPosting", "Comment", "Person"})
    labels = decide.choose_labels(probs, feats, blocks, thread)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Member"))
    opening = decide.choose_labels(probs, feats, blocks, frozenset({"DiscussionForumPosting"}))  # no replies declared
    assert [opening[i] for i in _rows(blocks, "Member")] == [boilerplate] * 4
    monkeypatch.setattr(decide, "FORUM_REPLIES_DECLARED", False)
    labels = decide.choose_labels(probs, feats, blocks, thread)
    assert [labels[i] for i in _rows(blocks, "Member")] == [boilerplate] * 4


def test_a_dropped_post_body_before_a_kept_comment_thread_is_the_article(monkeypatch) -> None:
    comments = "".join(
        f"<div class='comment-body'><p>Reader {i} writes a long reply about the post and what it missed.</p></div>"
        for i in range(6)
    )
    feats, blocks = _page(
        "<body><div class='hentry'><h1 class='entry-title'>A short post</h1><div class='entry-content'>"
        + LONG_PARAGRAPH.format(i=1)
        + f"</div></div><div class='comments'>{comments}</div></body>"
    )
    probs = _boilerplate_probs(blocks, _rows(blocks, "Reader"))  # the model keeps the thread, drops the post
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[_rows(blocks, "Paragraph")[0]] == CONTENT
    assert [labels[i] for i in _rows(blocks, "Reader")] == [LABELS.index("boilerplate")] * 6
    monkeypatch.setattr(decide, "ENTRY_COMMENTS_DROP", False)  # the post kept, but too short to drop the thread
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[_rows(blocks, "Paragraph")[0]] == CONTENT
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Reader"))
    monkeypatch.setattr(decide, "ENTRY_BEFORE_COMMENTS", False)
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[_rows(blocks, "Paragraph")[0]] != CONTENT
    unnamed = _page(  # prose under no post-body name stays as the model left it
        "<body><div class='promo'>"
        + LONG_PARAGRAPH.format(i=1)
        + f"</div><div class='comments'>{comments}</div></body>"
    )
    monkeypatch.setattr(decide, "ENTRY_BEFORE_COMMENTS", True)
    feats, blocks = unnamed
    labels = decide.choose_labels(_boilerplate_probs(blocks, _rows(blocks, "Reader")), feats, blocks)
    assert labels[_rows(blocks, "Paragraph")[0]] != CONTENT


def test_a_short_posts_thread_the_model_is_unsure_of_is_boilerplate_but_a_forums_is_not(monkeypatch) -> None:
    def page(names: str) -> tuple[features.Features, list]:
        thread = "".join(
            f"<div class='{names}'><p>Reader {i} writes a long reply about the photo and where it was taken.</p></div>"
            for i in range(5)
        )
        return _page(f"<body><h1>A photo from the weekend</h1><p>Shot at dawn by the lake.</p>{thread}</body>")

    feats, blocks = page("comment-body")
    readers = _rows(blocks, "Reader")
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block...
    probs[readers, CONTENT], probs[readers, LABELS.index("boilerplate")] = 0.6, 0.4  # ...the thread unsure
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in readers] == [LABELS.index("boilerplate")] * 5
    assert labels[_rows(blocks, "Shot at dawn")[0]] == CONTENT
    sure = _boilerplate_probs(blocks, list(range(len(blocks))))  # a thread the model is sure of: the page's content
    assert all(decide.choose_labels(sure, feats, blocks)[i] == CONTENT for i in readers)
    assert all(
        decide.choose_labels(probs, feats, blocks, frozenset({"DiscussionForumPosting"}))[i] == CONTENT for i in readers
    )
    feats, blocks = page("forum-post comment-body")  # a forum's posts under forum names stay
    assert all(decide.choose_labels(probs, feats, blocks)[i] == CONTENT for i in readers)
    feats, blocks = page("comment-body")
    monkeypatch.setattr(decide, "SHORT_POST_THREAD_MAX_SURE", 0)
    assert all(decide.choose_labels(probs, feats, blocks)[i] == CONTENT for i in readers)


def test_a_headed_thread_with_time_stamps_is_boilerplate_when_the_model_is_unsure(monkeypatch) -> None:
    def page(heading: str) -> tuple[features.Features, list]:
        thread = "".join(
            f"<p>Reader {i} writes back about the council's figures and what they mean for the town.</p>"
            f"<p class='posted'>Posted by: Someone {i} at March {i + 2}, 2007 10:3{i} PM</p>"
            for i in range(4)
        )
        article = "".join(LONG_PARAGRAPH.format(i=i) for i in range(4))
        return _page(f"<body><div class='content'><h1>The report</h1>{article}<h2>{heading}</h2>{thread}</div></body>")

    feats, blocks = page("Comments")
    readers = _rows(blocks, "Reader")
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block...
    probs[readers, CONTENT], probs[readers, LABELS.index("boilerplate")] = 0.6, 0.4  # ...the thread unsure
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in readers] == [LABELS.index("boilerplate")] * 4
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    sure = _boilerplate_probs(blocks, list(range(len(blocks))))  # a thread the model is sure of stays
    assert all(decide.choose_labels(sure, feats, blocks)[i] == CONTENT for i in readers)
    forum = decide.choose_labels(probs, feats, blocks, frozenset({"DiscussionForumPosting"}))
    assert all(forum[i] == CONTENT for i in readers)
    feats, blocks = page("Related reading")  # no comment heading: no thread
    assert all(decide.choose_labels(probs, feats, blocks)[i] == CONTENT for i in readers)
    feats, blocks = page("3 Responses to “The report”")
    assert all(decide.choose_labels(probs, feats, blocks)[i] != CONTENT for i in readers)
    monkeypatch.setattr(decide, "HEADED_THREAD_MIN_STAMPS", 0)
    assert all(decide.choose_labels(probs, feats, blocks)[i] == CONTENT for i in readers)


def test_comments_under_a_question_and_its_answers_are_boilerplate_on_a_q_and_a_page() -> None:
    def post(kind: str, i: int) -> str:
        remark = f"<div class='comment-body'><p>Remark {kind} {i}: did you try it with the latest release?</p></div>"
        return f"<div class='{kind}'>{LONG_PARAGRAPH.format(i=i)}<ul class='comments'>{remark}</ul></div>"

    feats, blocks = _page("<body>" + post("question", 0) + "".join(post("answer", i) for i in (1, 2, 3)) + "</body>")
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
    remarks = _rows(blocks, "Remark")
    plain = decide.choose_labels(probs, feats, blocks)  # only the remarks after the middle of the posts go
    assert plain[remarks[0]] == CONTENT and plain[remarks[-1]] == LABELS.index("boilerplate")
    labels = decide.choose_labels(probs, feats, blocks, frozenset({"QAPage", "Question", "Answer"}))
    assert [labels[i] for i in remarks] == [LABELS.index("boilerplate")] * 4
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    short = "".join(  # a Q&A page whose answers are its comments: they outweigh the rest and stay
        f"<div class='comment-body'><p>Answer {i} says a heavy chain and a U-lock, locked to a rack.</p></div>"
        for i in range(6)
    )
    feats, blocks = _page(f"<body><h1>Which lock for a city bike?</h1>{short}</body>")
    labels = decide.choose_labels(
        _boilerplate_probs(blocks, list(range(len(blocks)))), feats, blocks, frozenset({"QAPage"})
    )
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Answer"))


def test_a_rail_of_linked_headlines_after_an_article_is_boilerplate_but_a_listing_keeps_it() -> None:
    rail = "<ul class='more'>" + "".join(f"<li><a href='/s{i}'>Other story number {i}</a></li>" for i in range(4))
    feats, blocks = _page(
        "<body><main>" + "".join(LONG_PARAGRAPH.format(i=i) for i in range(6)) + rail + "</ul></main></body>"
    )
    labels = decide.choose_labels(_boilerplate_probs(blocks, list(range(len(blocks)))), feats, blocks)
    assert [labels[i] for i in _rows(blocks, "Other story")] == [LABELS.index("boilerplate")] * 4
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    feats, blocks = _page("<body><main><h1>Latest stories</h1>" + rail + "</ul></main></body>")  # no prose body
    labels = decide.choose_labels(_boilerplate_probs(blocks, list(range(len(blocks)))), feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Other story"))


def test_a_rail_of_dated_teasers_after_an_article_is_boilerplate(monkeypatch) -> None:
    rail = "".join(
        f"<div class='extra'><a href='/s{i}'>Other story number {i} here</a> 2{i} Nov 10 | Section</div>"
        for i in range(4)
    )
    feats, blocks = _page(
        "<body><main>" + "".join(LONG_PARAGRAPH.format(i=i) for i in range(6)) + rail + "</main></body>"
    )
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in _rows(blocks, "Other story")] == [LABELS.index("boilerplate")] * 4
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    monkeypatch.setattr(decide, "TEASER_DATED_MIN_LINK_DENSITY", 0)
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Other story"))


def test_dated_teasers_after_a_short_story_are_boilerplate(monkeypatch) -> None:
    rail = "".join(
        f"<div class='extra'><a href='/s{i}'>Other story number {i} here</a> 2{i} Nov 10 | Section</div>"
        for i in range(4)
    )
    short = "".join(f"<p>Question {i}: what got you started?</p>" for i in range(4))  # a Q&A's short lines
    feats, blocks = _page(f"<body><main>{short}{LONG_PARAGRAPH.format(i=0)}{short}{rail}</main></body>")
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in _rows(blocks, "Other story")] == [LABELS.index("boilerplate")] * 4
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph") + _rows(blocks, "Question"))
    monkeypatch.setattr(decide, "TEASER_DATED_SHORT_STORY", False)
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Other story"))


def test_summaries_under_flagged_linked_headlines_after_the_story_are_boilerplate(monkeypatch) -> None:
    cards = "".join(
        f"<li class='card'><h3><a href='/f{i}'>Feature {i}</a></h3><p>Teaser {i}: why the harbour wall is late</p></li>"
        for i in range(4)
    )
    feats, blocks = _page(
        "<body><div id='story'>" + "".join(LONG_PARAGRAPH.format(i=i) for i in range(3)) + "</div>"
        f"<div class='column'><ul>{cards}</ul></div></body>"
    )
    teasers = _rows(blocks, "Teaser")
    probs = _boilerplate_probs(blocks, _rows(blocks, "Paragraph") + teasers[:3])  # the model keeps three summaries
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in teasers] == [LABELS.index("boilerplate")] * 4
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    monkeypatch.setattr(decide, "TEASER_SUMMARY_MAX_WORDS", 0)
    monkeypatch.setattr(decide, "TEASER_BLURB_SHORT_STORY", False)  # cards after a short story: they go there too
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in teasers[:3]] == [CONTENT] * 3


def _story_then_cards(cards: str, paragraphs: int = 6) -> tuple[features.Features, list, np.ndarray]:
    """A story of ``paragraphs`` long paragraphs, then ``cards`` in a sibling element; the model keeps every block."""
    feats, blocks = _page(
        "<body><main><div class='story'>"
        + "".join(LONG_PARAGRAPH.format(i=i) for i in range(paragraphs))
        + f"</div><div class='more'>{cards}</div></main></body>"
    )
    return feats, blocks, _boilerplate_probs(blocks, list(range(len(blocks))))


def test_the_blurbs_of_teaser_cards_after_an_article_go_with_their_headlines(monkeypatch) -> None:
    cards = "".join(
        f"<div class='card'><div class='head'><a href='/s{i}'>Other story number {i}</a></div>"
        f"<div class='when'>updated 2{i} Nov</div><div class='blurb'>Blurb {i} sums up another story in a line.</div>"
        "</div>"
        for i in range(4)
    )
    feats, blocks, probs = _story_then_cards(cards)
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in _rows(blocks, "Blurb")] == [LABELS.index("boilerplate")] * 4
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    monkeypatch.setattr(decide, "TEASER_BLURB_MIN_CARDS", 0)
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Blurb"))


def test_long_excerpts_under_linked_headline_elements_after_an_article_go(monkeypatch) -> None:
    excerpt = " ".join(["Summary {i} retells another story of the week at some length, line after line."] * 4)
    cards = "".join(
        f"<div class='card'><span><a href='/c{i}'>Daily</a></span><span>Dec 1{i}</span>"
        f"<h3><a href='/s{i}'>Another story of the week {i}</a></h3><p>{excerpt.format(i=i)}</p></div>"
        for i in range(4)
    )
    feats, blocks, probs = _story_then_cards(cards)
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in _rows(blocks, "Summary")] == [LABELS.index("boilerplate")] * 4
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    monkeypatch.setattr(decide, "TEASER_EXCERPT_HEADLINE_MIN_WORDS", 0)  # 40 words at most: the excerpts stay
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Summary"))


def test_teaser_cards_after_a_short_story_go_with_their_headlines(monkeypatch) -> None:
    cards = "".join(
        f"<div class='card'><div class='title'><a href='/s{i}'>Other story number {i}</a></div>"
        f"<div class='by'>Newsroom</div><div class='blurb'>Blurb {i} sums up another story in a line or two.</div>"
        "</div>"
        for i in range(6)
    )
    feats, blocks, probs = _story_then_cards(cards, 2)
    labels = decide.choose_labels(probs, feats, blocks)
    teasers = _rows(blocks, "Blurb") + _rows(blocks, "Other story")
    assert [labels[i] for i in teasers] == [LABELS.index("boilerplate")] * 12
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    monkeypatch.setattr(decide, "TEASER_BLURB_SHORT_STORY", False)
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == CONTENT for i in teasers)


def test_other_posts_excerpts_after_the_story_go_however_long(monkeypatch) -> None:
    excerpt = " ".join(["Excerpt {i} retells another post of the blog at length, sentence after sentence."] * 5)
    cards = "".join(
        f"<article class='loop-entry'><a href='/c{i}'>Category</a><h3><a href='/p{i}'>Other post {i}</a></h3>"
        f"<div class='entry-summary'><p>{excerpt.format(i=i)}</p></div><p><a href='/p{i}'>Read more</a></p></article>"
        for i in range(3)
    )
    feats, blocks = _page(
        "<body><main><article class='entry'><div class='entry-content'>"
        + "".join(LONG_PARAGRAPH.format(i=i) for i in range(6))
        + f"</div></article><section class='related'>{cards}</section></main></body>"
    )
    probs = _boilerplate_probs(blocks, _rows(blocks, "Paragraph") + _rows(blocks, "Excerpt"))
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in _rows(blocks, "Excerpt")] == [LABELS.index("boilerplate")] * 3
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    monkeypatch.setattr(decide, "EXCERPT_AFTER_STORY_DROP", False)
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Excerpt"))


def test_a_short_screen_reader_label_kept_as_content_is_boilerplate(monkeypatch) -> None:
    feats, blocks = _page(
        "<body><main><p class='visually-hidden'>Article content</p>" + LONG_PARAGRAPH.format(i=1) + "</main></body>"
    )
    probs = _boilerplate_probs(blocks, [0, 1])
    assert decide.choose_labels(probs, feats, blocks).tolist() == [LABELS.index("boilerplate"), CONTENT]
    monkeypatch.setattr(decide, "SCREEN_READER_CONTENT_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, CONTENT]


def test_customer_reviews_on_a_product_page_are_boilerplate_but_not_on_other_pages() -> None:
    reviews = "".join(
        f"<div class='product-reviews'><p>Buyer {i} says the kettle boils fast and looks good.</p></div>"
        for i in range(3)
    )
    filed_under = "<div class='post category-reviews'><p>Notes of buyers, filed under the reviews category.</p></div>"
    feats, blocks = _page(
        "<body><main>"
        + "".join(LONG_PARAGRAPH.format(i=i) for i in range(2))
        + reviews
        + filed_under
        + "</main></body>"
    )
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
    product = decide.choose_labels(probs, feats, blocks, frozenset({"Product", "Offer"}))
    assert [product[i] for i in _rows(blocks, "Buyer ")] == [LABELS.index("boilerplate")] * 3
    assert product[_rows(blocks, "Notes of buyers")[0]] == CONTENT  # a WordPress category name is not a review widget
    assert all(product[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    other = decide.choose_labels(probs, feats, blocks, frozenset({"NewsArticle"}))
    assert all(other[i] == CONTENT for i in _rows(blocks, "Buyer"))


def test_testimonials_on_a_product_page_are_not_customer_reviews(monkeypatch) -> None:
    quotes = "".join(
        f"<div class='course-testimonials'><div class='review-card'><p>Learner {i} says the labs made the ideas "
        "stick.</p></div></div>"
        for i in range(3)
    )
    feats, blocks = _page(
        "<body><main>" + "".join(LONG_PARAGRAPH.format(i=i) for i in range(2)) + quotes + "</main></body>"
    )
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
    product = frozenset({"Product", "Offer"})
    labels = decide.choose_labels(probs, feats, blocks, product)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Learner"))
    monkeypatch.setattr(decide, "TESTIMONIALS_KEPT", False)
    labels = decide.choose_labels(probs, feats, blocks, product)
    assert [labels[i] for i in _rows(blocks, "Learner")] == [LABELS.index("boilerplate")] * 3


def test_a_page_with_a_buy_button_is_a_shop_even_without_a_product_type(monkeypatch) -> None:
    reviews = "".join(
        f"<div class='review-text'><p>Buyer {i} says the kettle boils fast and looks good.</p></div>" for i in range(3)
    )
    description = "".join(LONG_PARAGRAPH.format(i=i) for i in range(2))
    feats, blocks = _page(f"<body><main>{description}<button>Add to basket</button>{reviews}</main></body>")
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
    labels = decide.choose_labels(probs, feats, blocks)  # no schema.org type declared
    assert [labels[i] for i in _rows(blocks, "Buyer ")] == [LABELS.index("boilerplate")] * 3
    monkeypatch.setattr(decide, "COMMERCE_CART_BUTTON", 0)
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Buyer "))
    assert decide.is_commerce(frozenset({"Product"}), [])


@pytest.mark.parametrize(
    ("text", "buy"),
    [("Add to cart", True), ("ADD TO BAG", True), ("In den Warenkorb", True), ("Ajouter au panier", True),
     ("Add to wishlist", False), ("Warenkorb", False), ("Add to cart the ones you like, then compare", False)],
)  # fmt: skip
def test_a_buy_button_is_its_whole_text(text: str, buy: bool) -> None:
    assert bool(ADD_TO_CART.match(text)) is buy


CARD_PRICE = "<div class='tile'><p class='tile-price'>$49.00</p></div>"


def _product_page(own: str = "<div class='buy-price'>$49.00</div><button>Add to cart</button>") -> tuple:
    """A product's page: <h1>, ``own`` price and button, description, then a grid of four other priced products."""
    cards = "".join(
        f"<div class='tile'><p class='tile-name'>Kettle model {i} in brushed steel</p>"
        f"<p class='tile-price'>${i}9.00</p></div>"
        for i in range(4)
    )
    head = f"<section><h1>Stovetop kettle</h1>{own}" + "".join(LONG_PARAGRAPH.format(i=i) for i in range(2))
    return _page(f"<body><main>{head}</section><section><h2>You may also like</h2><div>{cards}</div></section></main>")


def test_other_products_priced_grid_on_a_product_page_is_boilerplate(monkeypatch) -> None:
    def kept(page: tuple[features.Features, list], types: frozenset[str] = frozenset({"Product"})) -> list[str]:
        feats, blocks = page
        probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
        labels = decide.choose_labels(probs, feats, blocks, types)
        return [b.text for b, k in zip(blocks, labels, strict=True) if k == CONTENT]

    assert not any(t.startswith("Kettle model") for t in kept(_product_page()))
    assert {"Stovetop kettle", "$49.00"} <= set(kept(_product_page()))  # the page's own product stays
    assert sum(t.startswith("Kettle model") for t in kept(_product_page(), frozenset({"Product", "ItemList"}))) == 4
    assert sum(t.startswith("Kettle model") for t in kept(_product_page(own=""))) == 4  # no price of its own
    # the page's price is one of the grid's kind (same tag and classes): the prices around the <h1> make no rail
    assert sum(t.startswith("Kettle model") for t in kept(_product_page(own=CARD_PRICE))) == 4
    monkeypatch.setattr(decide, "OTHER_PRODUCTS_NEAR_BLOCKS", 0)  # off
    assert sum(t.startswith("Kettle model") for t in kept(_product_page())) == 4


def test_the_price_part_a_shop_theme_does_not_show_is_hidden(monkeypatch) -> None:
    def price(on_sale: bool, i: int) -> str:
        wrapper = "price price--on-sale" if on_sale else "price"
        return (
            f"<div class='{wrapper}'><div class='price__container'>"
            f"<div class='price__regular'><span>Regular price ${i}9.00 USD</span></div>"
            f"<div class='price__sale'><span>Sale price ${i}5.00 USD</span><s>${i}9.00 USD</s></div></div></div>"
        )

    cards = "".join(f"<li><h3>Ceramic mug number {i}</h3>{price(i == 0, i)}</li>" for i in range(4))
    feats, blocks = _page(f"<body><main><h1>Mugs</h1><ul class='grid'>{cards}</ul></main></body>")

    def kept() -> list[str]:
        probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
        labels = decide.choose_labels(probs, feats, blocks, frozenset())
        return [b.text for b, k in zip(blocks, labels, strict=True) if k == CONTENT]

    shown = kept()
    assert any(t.startswith("Sale price $05.00") for t in shown)  # on sale: the sale part shows
    assert not any(t.startswith("Regular price $09.00") for t in shown)
    assert any(t.startswith("Regular price $19.00") for t in shown)  # not on sale: the regular part shows
    assert not any(t.startswith("Sale price $15.00") for t in shown)
    monkeypatch.setattr(decide, "SHOP_PRICE_UNSHOWN", False)  # off: both parts of every price are kept
    assert any(t.startswith("Sale price $15.00") for t in kept())


def test_text_a_site_builders_stylesheet_hides_is_hidden(monkeypatch) -> None:
    hidden = (
        "<div class='post-content-inner et_multi_view_hidden'><p>Another post's excerpt, which this device's view of "
        "the page does not show.</p></div><div class='gfield gform_validation_container'><p>Leave this field as it "
        "is: it only checks that a person filled in the form.</p></div>"
    )
    half = REPORT.index("<p>Paragraph 4")  # the hidden text between the story's paragraphs
    feats, blocks = _page(f"<body><main><article>{REPORT[:half]}{hidden}{REPORT[half:]}</article></main></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps both

    def kept() -> list[bool]:
        labels = decide.choose_labels(probs, feats, blocks)
        return [labels[i] == CONTENT for i in (_rows(blocks, "Another") + _rows(blocks, "Leave"))]

    assert kept() == [False, False]
    monkeypatch.setattr(decide, "BUILDER_HIDDEN", False)
    assert kept() == [True, True]


def test_a_product_page_that_is_mostly_reviews_keeps_them_unless_its_description_is_long(monkeypatch) -> None:
    def reviews(n: int) -> str:  # about 65 characters each
        return "".join(
            f"<div class='reviews'><p>Buyer {i} wrote a long account of a month with the kettle at home.</p></div>"
            for i in range(n)
        )

    monkeypatch.setattr(decide, "REVIEW_DROP_SURE_OTHER_CHARS", 600)
    for paragraphs, kept in ((2, True), (4, False)):  # about 390 and 780 characters of description
        description = "".join(LONG_PARAGRAPH.format(i=i) for i in range(paragraphs))
        feats, blocks = _page(f"<body><main>{description}{reviews(8 * paragraphs // 2)}</main></body>")
        probs = _boilerplate_probs(blocks, list(range(len(blocks))))
        labels = decide.choose_labels(probs, feats, blocks, frozenset({"Product"}))
        # 390 characters of description under 520 of reviews: kept; 780 (past the sure 600) under 1,040: dropped
        assert [labels[i] == CONTENT for i in _rows(blocks, "Buyer")] == [kept] * len(_rows(blocks, "Buyer"))
    monkeypatch.setattr(decide, "REVIEW_DROP_SURE_OTHER_CHARS", 0)  # off: the reviews outweigh the description
    labels = decide.choose_labels(probs, feats, blocks, frozenset({"Product"}))
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Buyer"))


def _after_article(markup: str) -> tuple[features.Features, list]:
    """A page of one article paragraph in ``<main>``, then ``markup``."""
    return _page("<body><main>" + LONG_PARAGRAPH.format(i=1) + "</main>" + markup + "</body>")


def _flagged_after_article(blocks: list, **label_probs: float) -> np.ndarray:
    """The article paragraph content, every later block flagged with these probabilities (label name: value)."""
    probs = _boilerplate_probs(blocks, [0])
    for name, value in label_probs.items():
        probs[1:, LABELS.index(name)] = value
    return probs


def test_boilerplate_that_names_an_offer_in_three_promo_words_is_promo(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<footer><p>The weekly newsletter is free: subscribe, or download "
        "the app.</p><p>Read the newsletter archive.</p></footer>"
    )
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.84, promo=0.15)  # the prior weight keeps both boilerplate
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, boilerplate]  # 3 words, 1 word
    monkeypatch.setattr(decide, "PROMO_LEXICAL_PROBABILITY", 1.01)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, boilerplate]


def test_a_forum_signature_or_a_disclaimer_is_boilerplate_and_a_function_signature_is_not(monkeypatch) -> None:
    feats, blocks = _page(
        "<body><main><div class='post'><p>My bike lock rusted after one winter, so I switched to a chain.</p>"
        + LONG_PARAGRAPH.format(i=1)
        + "<div class='post-signature'><p>Riding since 1998, three bikes and counting.</p></div></div>"
        "<div class='sig sig-object'>json.dumps(obj, *, indent=None)</div>"
        "<p class='product-disclaimer'>Colours may differ slightly from the photographs shown.</p></main></body>"
    )
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
    labels = decide.choose_labels(probs, feats, blocks)
    assert (
        labels[_rows(blocks, "Riding since")[0]] == labels[_rows(blocks, "Colours")[0]] == LABELS.index("boilerplate")
    )
    assert labels[_rows(blocks, "My bike lock")[0]] == CONTENT and labels[_rows(blocks, "json.dumps")[0]] == CONTENT
    monkeypatch.setattr(decide, "FURNITURE_NAMED_DROP", False)
    assert decide.choose_labels(probs, feats, blocks)[_rows(blocks, "Riding since")[0]] == CONTENT


def test_a_signature_on_its_own_element_goes_even_when_it_outweighs_a_short_post(monkeypatch) -> None:
    signature = "Volunteer helper, not staff. Coffee keeps me answering, tips welcome on my profile page. " * 3
    feats, blocks = _page(
        "<body><main><div class='entry'><p>Restart the router after the update and the dropouts stop for good.</p>"
        "<p>It worked for me on two routers of the same make, both after a full power cycle of a minute, and the "
        "line has held at full speed for a week since then.</p>"
        f"<p class='entry__signature'>{signature}</p></div>"
        "<div class='postsignature'><p>Forum rules: be kind, search before you post.</p></div></main></body>"
    )
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
    labels = decide.choose_labels(probs, feats, blocks)
    boilerplate = LABELS.index("boilerplate")
    assert labels[_rows(blocks, "Volunteer")[0]] == labels[_rows(blocks, "Forum rules")[0]] == boilerplate
    assert labels[_rows(blocks, "Restart")[0]] == labels[_rows(blocks, "It worked")[0]] == CONTENT
    assert not decide.is_signature_name("error_gpgme_reports_an_invalid_pgp_signature")  # an id that is a sentence
    monkeypatch.setattr(decide, "SIGNATURE_SURE_OTHER_CHARS", 0)  # off: the signature outweighs the post and stays
    assert decide.choose_labels(probs, feats, blocks)[_rows(blocks, "Volunteer")[0]] == CONTENT


def test_an_article_under_a_furniture_name_keeps_its_text() -> None:
    article = "".join(LONG_PARAGRAPH.format(i=i) for i in range(3))
    feats, blocks = _page(f"<body><div class='entry disclaimer-affiliate'>{article}</div><p>A short aside.</p></body>")
    labels = decide.choose_labels(_boilerplate_probs(blocks, list(range(len(blocks)))), feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))  # a theme's post class, not a disclaimer box


def test_small_print_named_so_goes_even_when_it_outweighs_the_text(monkeypatch) -> None:
    footnote = "* Results measured in a laboratory and may differ in use, by region and by configuration. " * 3
    features = "".join(
        f"<section class='feature'><h2>Feature {i}</h2>{LONG_PARAGRAPH.format(i=i)}"
        f"<p class='feature__disclaimer'>{footnote}</p></section>"
        for i in range(12)
    )
    feats, blocks = _page(f"<body><main>{features}</main></body>")
    probs = _boilerplate_probs(blocks, list(range(len(blocks))))  # the model keeps every block
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == LABELS.index("boilerplate") for i in _rows(blocks, "* Results"))
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    monkeypatch.setattr(decide, "FURNITURE_NEAR_SURE_OTHER_CHARS", 0)  # off: the footnotes outweigh, so they stay
    labels = decide.choose_labels(probs, feats, blocks)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "* Results"))


def test_boilerplate_inside_a_newsletter_box_or_a_cookie_dialog_takes_the_widget_label(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<div class='newsletter-box'><p>Every Friday in your inbox.</p></div>"
        "<div class='cookie-notice'><p>Vendors and their purposes.</p></div>"
        "<footer><p>Every Friday in your inbox.</p></footer>"
    )
    boilerplate, promo, consent = (LABELS.index(k) for k in ("boilerplate", "promo", "consent"))
    leaning = _flagged_after_article(blocks, boilerplate=0.7, promo=0.15, consent=0.15)  # the model leans boilerplate
    assert decide.choose_labels(leaning, feats, blocks).tolist() == [CONTENT, promo, consent, boilerplate]
    sure = _flagged_after_article(blocks, boilerplate=0.96, promo=0.02, consent=0.02)  # ...and is sure of it
    assert decide.choose_labels(sure, feats, blocks).tolist() == [CONTENT, boilerplate, boilerplate, boilerplate]
    monkeypatch.setattr(decide, "NAMED_WIDGET_PROBABILITY", 1.01)
    assert decide.choose_labels(leaning, feats, blocks).tolist() == [CONTENT, boilerplate, boilerplate, boilerplate]


def test_an_opt_in_line_inside_a_newsletter_box_is_consent_not_promo() -> None:
    feats, blocks = _after_article(
        "<div class='newsletter-box'><p class='consent'>I agree to the privacy terms.</p></div>"
    )
    consent = LABELS.index("consent")
    probs = _flagged_after_article(blocks, boilerplate=0.7, promo=0.15, consent=0.15)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, consent]


def test_footer_small_print_flagged_consent_is_boilerplate_unless_the_model_is_sure(monkeypatch) -> None:
    notice = "Our product names are trademarks of their owners; prices are a guide and may differ from the seller's."
    feats, blocks = _after_article(
        f"<footer><p>{notice}</p><p>Cookie settings</p></footer>"
        f"<div class='site-footer'><p>{notice}</p></div><aside><p>{notice}</p></aside>"
    )
    boilerplate, consent = LABELS.index("boilerplate"), LABELS.index("consent")
    unsure = _flagged_after_article(blocks, boilerplate=0.1, consent=0.9)
    # the landmark's and the footer-named element's notice go; the short control and the notice elsewhere stay
    assert decide.choose_labels(unsure, feats, blocks).tolist() == [CONTENT, boilerplate, consent, boilerplate, consent]
    sure = _flagged_after_article(blocks, boilerplate=0.01, consent=0.99)
    assert decide.choose_labels(sure, feats, blocks).tolist() == [CONTENT, consent, consent, consent, consent]
    monkeypatch.setattr(decide, "FOOTER_CONSENT_SURE", 0)
    assert decide.choose_labels(unsure, feats, blocks).tolist() == [CONTENT, consent, consent, consent, consent]


REVIEWS = [f"Review {i}: the fabric is soft, the fit is true to size and it washed well." for i in range(3)]


def _slides(copies: str) -> str:
    """A product description, then a carousel of three reviews and ``copies``."""
    slides = "".join(f"<div class='slide'><p>{r}</p></div>" for r in REVIEWS)
    return (
        "<body><main><p>A linen dress with two pockets, cut long and loose, made in a small workshop.</p>"
        f"<div class='carousel'>{slides}{copies}</div></main></body>"
    )


def test_a_run_of_copies_in_other_elements_is_boilerplate_and_the_first_copy_stays() -> None:
    cloned = "".join(f"<div class='slide cloned'><p>{r}</p></div>" for r in REVIEWS)
    feats, blocks = _page(_slides(cloned))
    labels = np.full(len(blocks), CONTENT)
    words = np.array([len(b.text.split()) for b in blocks], dtype=float)
    out = decide.repeated_copies(labels, words, blocks, np.zeros(len(blocks), dtype=bool))
    assert [b.text for b, c in zip(blocks, out, strict=True) if c] == REVIEWS  # the second three only
    assert out[:4].tolist() == [False] * 4
    probs = np.zeros((len(blocks), len(LABELS)))
    probs[:, CONTENT], probs[:, LABELS.index("boilerplate")] = 0.9, 0.1
    chosen = decide.choose_labels(probs, feats, blocks)
    assert (chosen == CONTENT).sum() == 4 and (chosen[4:] == LABELS.index("boilerplate")).all()


def test_copies_in_the_same_parent_a_single_copy_short_copies_and_tab_panels_stay() -> None:
    same_parent = "<body><main>" + "".join(f"<p>{r}</p>" for r in REVIEWS * 2) + "</main></body>"
    one = _slides(f"<div class='slide cloned'><p>{REVIEWS[0]}</p></div>")
    short = _slides("".join("<div class='slide cloned'><p>Five stars, would buy.</p></div>" for _ in range(2)))
    steps = "".join(f"<p>{r}</p>" for r in REVIEWS)  # the same steps under each code tab
    tabs = f"<body><main><div role='tabpanel'>{steps}</div><div role='tabpanel' hidden>{steps}</div></main></body>"
    for markup in (same_parent, one, short, tabs):
        _, blocks = _page(markup)
        words = np.array([len(b.text.split()) for b in blocks], dtype=float)
        labels = np.full(len(blocks), CONTENT)
        assert not decide.repeated_copies(labels, words, blocks, np.zeros(len(blocks), dtype=bool)).any()


def test_on_a_shop_page_a_single_copied_block_is_boilerplate(monkeypatch) -> None:
    summary = "Cut from washed linen, this shirt softens with every wear and keeps you cool all summer."
    layouts = (
        f"<div class='product-info desktop'><h1>Linen shirt</h1><p>{summary}</p><button>Add to cart</button></div>"
        "<div class='product-details'><p>Relaxed fit with a straight hem, two chest pockets.</p></div>"
        f"<div class='product-info mobile'><p>{summary}</p></div>"
    )
    feats, blocks = _page(f"<body><main>{layouts}</main></body>")
    probs = np.zeros((len(blocks), len(LABELS)))
    probs[:, CONTENT], probs[:, LABELS.index("boilerplate")] = 0.9, 0.1
    copy = len(blocks) - 1
    assert blocks[copy].text == summary
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[copy] == LABELS.index("boilerplate")
    assert [i for i, b in enumerate(blocks) if b.text == summary and labels[i] == CONTENT] == [1]  # the first stays
    news = frozenset({"NewsArticle", "Product"})  # a news page's paywall markup declares Product: no shop's
    assert decide.choose_labels(probs, feats, blocks, news)[copy] == CONTENT
    monkeypatch.setattr(decide, "SHOP_REPEAT_RUN_MIN", 0)  # off: one copy is no run
    assert decide.choose_labels(probs, feats, blocks)[copy] == CONTENT
    monkeypatch.setattr(decide, "SHOP_REPEAT_RUN_MIN", 1)
    no_shop = f"<body><main>{layouts.replace('<button>Add to cart</button>', '')}</main></body>"
    feats, blocks = _page(no_shop)  # no buy button, no Product type: not a shop's page
    assert decide.choose_labels(probs[: len(blocks)], feats, blocks)[len(blocks) - 1] == CONTENT


def test_a_rail_of_teasers_before_the_article_and_outside_its_region_goes(monkeypatch) -> None:
    rail = "".join(
        f"<li><h3><a href='/t{i}'>Other story number {i} with its headline here</a></h3></li>" for i in range(4)
    )
    story = "".join(
        f"<p>Paragraph {i} of the story, which runs on with its reporting for many more words: what the council "
        "decided, who spoke against it, what it will cost and when the work on the roads will start.</p>"
        for i in range(14)
    )
    feats, blocks = _page(
        f"<body><div class='rail'><ul>{rail}</ul></div><main><article>{story}</article></main></body>"
    )
    boilerplate = LABELS.index("boilerplate")
    probs = _content_and(boilerplate, 0.6, len(blocks))  # the model keeps the teasers...
    paragraphs = [i for i, b in enumerate(blocks) if b.text.startswith("Paragraph")]
    probs[paragraphs] = _content_and(boilerplate, 0.99, len(paragraphs))
    labels = decide.choose_labels(probs, feats, blocks).tolist()
    assert labels == [boilerplate] * 4 + [CONTENT] * 14  # ...which go: they lie before the story, outside its region
    monkeypatch.setattr(decide, "TEASER_DROP_BEFORE", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 18


def test_cards_above_a_listing_s_closing_text_stay() -> None:
    cards = "".join(
        f"<div class='card'><h2><a href='/p{i}'>Trail shoe model number {i} in blue</a></h2></div>" for i in range(6)
    )
    guide = "".join(
        f"<p>Buying guide paragraph {i}: how to choose a trail shoe for rocky and muddy paths, how much grip and "
        "cushioning a long run needs, and when a waterproof upper is worth its weight on a wet day.</p>"
        for i in range(12)
    )
    feats, blocks = _page(f"<body><main><div class='grid'>{cards}</div><div class='seo'>{guide}</div></main></body>")
    probs = _content_and(LABELS.index("boilerplate"), 0.9, len(blocks))
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 18  # the cards share the guide's region


REPORT = "".join(
    f"<p>Paragraph {i} of the story, which runs on with its reporting for many more words: what the council "
    "decided, who spoke against it, what it will cost and when the work on the roads will start.</p>"
    for i in range(8)
)


def _story_probs(blocks: list, others: float) -> np.ndarray:
    """The story's paragraphs sure content, every other block content at ``others`` (the rest boilerplate)."""
    boilerplate = LABELS.index("boilerplate")
    probs = _content_and(boilerplate, others, len(blocks))
    paragraphs = [i for i, b in enumerate(blocks) if b.text.startswith("Paragraph")]
    probs[paragraphs] = _content_and(boilerplate, 0.99, len(paragraphs))
    return probs


def test_teasers_after_the_story_go_though_a_paragraph_outside_its_region_follows(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    teasers = "".join(f"<li><h3><a href='/t{i}'>Other story number {i}, its headline</a></h3></li>" for i in range(4))
    about = (
        "<footer-note><p>About us: an independent newsroom funded by its readers since 1998, reporting on the city, "
        "its council, its courts, its schools and its sports clubs, with a staff of twelve.</p></footer-note>"
    )
    feats, blocks = _page(f"<body><main><article>{REPORT}<ul>{teasers}</ul></article></main><div>{about}</div></body>")
    probs = _story_probs(blocks, 0.6)
    probs[-1] = _content_and(LABELS.index("boilerplate"), 0.9, 1)[0]  # the model keeps the note outside the story
    labels = decide.choose_labels(probs, feats, blocks).tolist()
    boilerplate = LABELS.index("boilerplate")
    assert labels == [CONTENT] * 8 + [boilerplate] * 4 + [CONTENT]  # the story's last prose is the anchor
    monkeypatch.setattr(decide, "TEASER_AFTER_REGION", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == labels  # a lone paragraph is no story's end either
    monkeypatch.setattr(decide, "TEASER_PROSE_SHARES_PARENT", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 13  # the note was the anchor


def test_a_list_of_links_that_outweighs_the_story_is_the_page_s_own(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    items = "".join(
        f"<li><a href='/i{i}'>Listed entry number {i}: a linked title of the index with its place and date</a></li>"
        for i in range(24)
    )
    feats, blocks = _page(f"<body><main><article>{REPORT}<ul>{items}</ul></article></main></body>")
    probs = _story_probs(blocks, 0.6)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 32  # more than the prose: the list
    monkeypatch.setattr(decide, "TEASER_RAIL_OUTWEIGHED", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [LABELS.index("boilerplate")] * 24


def test_cards_lone_summaries_are_no_story_that_ends_before_a_list(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    cards = "".join(
        f"<div class='card'><p>Summary {i} of a listed item, written for the index page: what the item is, who "
        "made it, where and when it happens and what a visitor should know before signing up for it.</p></div>"
        for i in range(7)
    )
    headlines = "".join(f"<li><a href='/h{i}'>More listed item number {i}</a></li>" for i in range(4))
    feats, blocks = _page(f"<body><main>{cards}<ul>{headlines}</ul></main></body>")
    probs = _content_and(LABELS.index("boilerplate"), 0.9, len(blocks))
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 11  # each summary alone in its card
    monkeypatch.setattr(decide, "TEASER_PROSE_SHARES_PARENT", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 7 + [LABELS.index("boilerplate")] * 4


def test_chinese_and_japanese_prose_counts_its_characters_as_words(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    sentence = "市議会は十三日、新しい道路の工事を来年の春に始めることを決めた。反対した議員は費用が高すぎると述べた。"
    story = "".join(f"<p>Paragraph {i} {sentence * 3}</p>" for i in range(8))  # a "word" per run between commas
    teasers = "".join(f"<li><a href='/t{i}'>別の記事の見出し{i}、市の予算について</a></li>" for i in range(4))
    feats, blocks = _page(f"<body><main><article>{story}</article><ul>{teasers}</ul></main></body>")
    probs = _story_probs(blocks, 0.6)
    boilerplate = LABELS.index("boilerplate")
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [boilerplate] * 4
    monkeypatch.setattr(decide, "PROSE_CJK_CHARS_PER_WORD", 0.0)  # a whitespace count finds no prose: nothing goes
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 12


def test_bare_headlines_after_the_story_go_headed_items_of_the_story_stay(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    cards = "".join(
        f"<div class='card'><h2 class='title'>Other story number {i}</h2><p class='meta'>In News - 2 Feb</p></div>"
        for i in range(4)
    )
    items = "".join(f"<li><h3>Item number {i} of the list</h3></li>" for i in range(4))
    feats, blocks = _page(
        f"<body><main><article>{REPORT}<ul>{items}</ul></article></main><section>{cards}</section></body>"
    )
    probs = _story_probs(blocks, 0.6)
    meta = [i for i, b in enumerate(blocks) if b.text.startswith("In News")]
    probs[meta] = _content_and(LABELS.index("boilerplate"), 0.02, len(meta))
    boilerplate = LABELS.index("boilerplate")
    labels = decide.choose_labels(probs, feats, blocks).tolist()
    assert labels == [CONTENT] * 12 + [boilerplate] * 8  # the story's headed items stay, the cards' headlines go
    monkeypatch.setattr(decide, "TEASER_HEADING_MAX_WORDS", 0)
    labels = decide.choose_labels(probs, feats, blocks).tolist()
    assert labels == [CONTENT] * 12 + [CONTENT, boilerplate] * 4


def test_a_weak_teaser_in_a_related_widget_after_the_story_goes(monkeypatch) -> None:
    summary = "<p class='teaser-text'>A summary of another story, about the harbour and its new ferry timetable.</p>"
    feats, blocks = _page(f"<body><main><article>{REPORT}<div class='teaser'>{summary}</div></article></main></body>")
    boilerplate = LABELS.index("boilerplate")
    probs = _story_probs(blocks, 0.3)  # the floor would keep it: the model gives it 0.3
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [boilerplate]
    sure = _story_probs(blocks, 0.8)  # the model's own content stays
    assert decide.choose_labels(sure, feats, blocks).tolist() == [CONTENT] * 9
    monkeypatch.setattr(decide, "TEASER_RELATED_MAX_PROBABILITY", 0.0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9


@pytest.mark.parametrize(
    ("name", "setting", "own", "page_s"),
    [
        (
            "footer",
            "FOOTER_DROP_MIN_OUTSIDE_CHARS",
            "The reporter has covered the council for the paper since 2015 and lives in the old town.",
            "About us: a family shop since 1972, selling tea, coffee and spices from our store on the square.",
        ),
        (
            "aside",
            "ASIDE_DROP_MIN_OUTSIDE_CHARS",
            "Fact box: the bridge opened in 1931, carries 40,000 cars a day and was last repaired in 2009.",
            "Our partner sites bring you local weather, traffic and cinema times for every town in the county.",
        ),
    ],
)
def test_the_page_s_footer_and_sidebar_go_the_article_s_own_stay(monkeypatch, name, setting, own, page_s) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    feats, blocks = _page(
        f"<body><main><article>{REPORT}<{name}><p>{own}</p></{name}></article></main>"
        f"<{name}><p>{page_s}</p></{name}></body>"
    )
    probs = _story_probs(blocks, 0.9)  # the model keeps both
    assert [decide.in_page_landmark(b, name) for b in blocks[-2:]] == [False, True]
    labels = decide.choose_labels(probs, feats, blocks).tolist()
    assert labels == [CONTENT] * 9 + [LABELS.index("boilerplate")]  # the article's own footer or fact box stays
    monkeypatch.setattr(decide, setting, 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 10
    monkeypatch.setattr(decide, setting, 10_000)  # too little content outside it
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 10


@pytest.mark.parametrize("name", ["footer", "nav"])
def test_a_block_deep_inside_the_page_s_footer_or_menu_goes(monkeypatch, name) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    quote = "<p>We loved the linen dress: it came in two days and fits well; we will order from this shop again.</p>"
    deep = "<div>" * 10 + quote + "</div>" * 10  # more wrappers than a block keeps ancestors of
    feats, blocks = _page(
        f"<body><main><article>{REPORT}</article></main><{name}><section>{deep}</section></{name}></body>"
    )
    assert name not in blocks[-1].ancestors and name in decide.tag_chain(blocks[-1])
    probs = _story_probs(blocks, 0.9)  # the model keeps the quote too
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [LABELS.index("boilerplate")]
    monkeypatch.setattr(decide, "LANDMARK_FULL_CHAIN", frozenset())  # the nearest ancestors only: it stays
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9


def test_a_column_named_sidebar_goes_a_wrapper_named_for_one_stays(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    widget = "<div class='widget'><p>Recent posts: the harvest fair, the ferry timetable and spring recipes.</p></div>"
    feats, blocks = _page(
        f"<body><div class='content-sidebar-wrap'><main><article>{REPORT}</article></main>"
        f"<div class='sidebar sidebar-primary'>{widget}</div></div></body>"
    )
    probs = _story_probs(blocks, 0.9)  # the model keeps the widget too
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [LABELS.index("boilerplate")]
    assert decide.side_name_at(("widget", "sidebar-primary", "content-sidebar-wrap")) == 1
    assert decide.side_name_at(("entry", "content-sidebar-wrap", "with-sidebar")) is None
    monkeypatch.setattr(decide, "SIDE_NAMED_DROP_MIN_OUTSIDE_CHARS", 10_000)  # too little content outside it
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9
    monkeypatch.setattr(decide, "SIDE_NAMED_DROP_MIN_OUTSIDE_CHARS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9


def test_a_column_named_sidebar_goes_however_long_beside_a_short_post(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    notes = "".join(
        f"<p>{i}. About this blog: a note from its author, long enough that the column of such notes outweighs "
        "the post beside it, on reading, writing, travel and the odd recipe.</p>"
        for i in range(12)
    )
    feats, blocks = _page(f"<body><div class='entry-content'>{REPORT}</div><div class='sidebar'>{notes}</div></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps the column, which outweighs the post
    boilerplate = LABELS.index("boilerplate")
    assert len(blocks) == 20
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [boilerplate] * 12
    monkeypatch.setattr(decide, "SIDE_NAMED_SURE_OUTSIDE_CHARS", 0)  # only when the rest outweighs it
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 20


def test_a_sidebar_name_far_up_the_page_does_not_split_the_story(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    monkeypatch.setattr(decide, "TAIL_CONTAINER_SHARE", 0)
    # A theme's layout flag ("this page has a right sidebar") on a wrapper around the whole story: each block sees
    # only its nearest MAX_ATTR_TOKENS class names, so the deeply nested paragraphs lose the far name, the shallow lead
    # keeps it, and the lead alone looked like a sidebar outweighed by the story.
    levels = decide.MAX_ATTR_TOKENS + 4
    deep = "".join(f"<div class='level-{k}'>" for k in range(levels))
    feats, blocks = _page(
        "<body><div class='layout sidebar-right'><div class='story'>"
        "<p>Paragraph 99 is the lead, a shallow block that still sees the wrapper's sidebar name on the page.</p>"
        f"{deep}{REPORT}{'</div>' * levels}</div></div></body>"
    )
    probs = _story_probs(blocks, 0.9)
    assert decide.side_name_at(blocks[0].attrs) is not None and decide.side_name_at(blocks[-1].attrs) is None
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9
    monkeypatch.setattr(decide, "SIDE_NAMED_CAPPED_UNSEEN", False)
    assert decide.choose_labels(probs, feats, blocks)[0] != CONTENT


def test_a_flagged_heading_over_kept_text_is_content_unless_linked_or_in_furniture(monkeypatch) -> None:
    def labels_of(markup: str) -> list[int]:
        feats, blocks = _page(f"<body><main><article>{markup}</article></main></body>")
        probs = _story_probs(blocks, 0.05)  # the model flags every heading
        return decide.choose_labels(probs, feats, blocks).tolist()

    boilerplate = LABELS.index("boilerplate")
    assert labels_of(f"<h2>How the plan works</h2>{REPORT}") == [CONTENT] * 9
    assert labels_of(f"<h2><a href='/plan'>How the plan works</a></h2>{REPORT}") == [boilerplate] + [CONTENT] * 8
    assert labels_of(f"<footer><h2>How the plan works</h2></footer>{REPORT}")[0] == boilerplate
    assert labels_of(f"{REPORT}<h2>How the plan works</h2>")[-1] == boilerplate  # nothing kept under it
    monkeypatch.setattr(decide, "SECTION_HEADING_MIN_WORDS", 0)
    assert labels_of(f"<h2>How the plan works</h2>{REPORT}") == [boilerplate] + [CONTENT] * 8


def test_an_author_box_named_so_goes_when_the_story_outweighs_it(monkeypatch) -> None:
    bio = "<div class='author-bio'><p>Jane Doe has written about city hall for the paper since 2015.</p></div>"
    feats, blocks = _page(f"<body><main><article>{REPORT}{bio}</article></main></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps the bio
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [LABELS.index("boilerplate")]
    assert [decide.is_author_box(n) for n in ("author-bio", "authorinfo", "about-author", "authorized-info")] == [
        True, True, True, False]  # fmt: skip
    assert not decide.is_author_box("author")  # a bare byline's name: the byline step's business
    monkeypatch.setattr(decide, "AUTHOR_BOX_DROP", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9


def test_an_author_box_plugins_parts_go_under_generic_names(monkeypatch) -> None:
    bio = (
        "<div class='saboxplugin-wrap'><div class='saboxplugin-desc'><p>Jane Doe has covered the council for the paper "
        "since 2015.</p></div></div><section class='abh_box'><div class='abh_text'><div class='description note'>"
        "<p>John Roe writes about roads, rail and the money spent on them.</p></div></div></section>"
    )
    feats, blocks = _page(f"<body><main><article>{REPORT}{bio}</article></main></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps both bios
    boilerplate = LABELS.index("boilerplate")
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [boilerplate] * 2
    assert [decide.is_author_plugin(n) for n in ("saboxplugin-desc", "abh_text", "Abh_box", "about-habits")] == [
        True, True, True, False]  # fmt: skip
    monkeypatch.setattr(decide, "AUTHOR_PLUGIN_NAMED", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 10


def test_a_tooltips_hover_text_goes_when_the_page_outweighs_it(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    tip = "<span class='size-guide__tool-tip'><p>Between two sizes? We suggest taking the larger of the two.</p></span>"
    feats, blocks = _page(f"<body><main><article>{REPORT}{tip}</article></main></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps the hover text
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [LABELS.index("boilerplate")]
    assert [decide.is_tooltip(n) for n in ("tool-tip__content", "cmsPopover", "icon-tooltip", "tip", "toolTip")] == [
        True, True, True, False, True]  # fmt: skip
    assert not decide.is_tooltip("how-to-tip")  # an article's own tip box
    copy = "<div class='sr-only' id='fit-tooltip-1'>Between two sizes? We suggest taking the larger of the two.</div>"
    feats, blocks = _page(f"<body><main><article>{REPORT}{copy}</article></main></body>")
    assert decide.choose_labels(_story_probs(blocks, 0.9), feats, blocks).tolist() == [CONTENT] * 9  # read aloud
    feats, blocks = _page(f"<body><main><article>{REPORT}{tip}</article></main></body>")
    monkeypatch.setattr(decide, "TOOLTIP_MIN_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9


def test_a_popovers_text_goes_under_its_outer_name(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    tip = (
        "<div class='delivery-estimate-popover ds-popover'><p class='ds-caption ds-mb-1'>Your parcel should reach you "
        "within five working days of the order.</p></div>"
    )  # the popover's names are the block's third and fourth, after its type classes
    feats, blocks = _page(f"<body><main><article>{REPORT}{tip}</article></main></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps the popover's text
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [LABELS.index("boilerplate")]
    monkeypatch.setattr(decide, "TOOLTIP_NEAR_TOKENS", 2)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9


def test_blocks_named_as_furniture_go_when_the_story_outweighs_them(monkeypatch) -> None:
    boilerplate = LABELS.index("boilerplate")
    for wrap, flag in (
        ("<div class='robots-nocontent'>{}</div>", "NOCONTENT_NAMED_DROP"),
        ("<div class='widget widget_text'>{}</div>", "WP_WIDGET_DROP"),
        ("<ul class='xoxo blogroll'><li>{}</li></ul>", "BLOGROLL_NAMED"),
        ("<div class='footer'>{}</div>", "PLATFORM_FURNITURE_DROP"),
        ("<div class='module-typelist module'><div class='module-content'>{}</div></div>", "BLOG_MODULE_NAMED"),
        ("<div class='widget Text' id='Text1'><div class='widget-content'>{}</div></div>", "BLOGGER_WIDGET_NAMED"),
        ("<div class='trackbacks'><p class='trackbacks-info'>{}</p></div>", "TRACKBACKS_NAMED"),
        (
            "<div class='elementor-posts-container'><div class='elementor-post__excerpt'>{}</div></div>",
            "ELEMENTOR_POSTS_NAMED",
        ),
    ):
        monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
        monkeypatch.setattr(decide, "EXCERPT_AFTER_STORY_DROP", False)  # an excerpt after the story: the same
        extra = wrap.format("<p>Our friends: a long list of other blogs worth reading every single week.</p>")
        feats, blocks = _page(f"<body><main><article>{REPORT}</article></main>{extra}</body>")
        probs = _story_probs(blocks, 0.9)  # the model keeps the extra block
        assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [boilerplate], flag
        monkeypatch.setattr(decide, flag, False)
        assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9, flag
        monkeypatch.undo()
    assert [decide.is_blog_widget(n) for n in ("widget_links", "widget", "Blog1", "blogroll", "widget-area")] == [
        True, False, False, True, False]  # fmt: skip
    assert [decide.is_platform_furniture(n) for n in ("footer", "site-footer", "navbar", "menu-item", "nav")] == [
        True, False, True, True, False]  # fmt: skip
    blogger = (("widget-content", "html3", "widget", "html"), ("widget-content", "widget", "widget-content--wrapper"))
    assert [decide.is_blogger_widget(n) for n in blogger] == [True, False]


def test_a_blog_platforms_sidebar_module_goes_however_long_beside_a_short_post(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    post = "<div class='entry-content'>" + REPORT.split("</p>")[0] + "</p></div>"
    beliefs = "".join(
        f"<li class='module-list-item'>{i}. A rule the author lives by, written out at length so that the list is "
        "long: work hard, be kind, read widely, and never trust a meeting without an agenda.</li>"
        for i in range(6)
    )
    feats, blocks = _page(f"<body>{post}<div class='module'><ul class='module-list'>{beliefs}</ul></div></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps the module's list, which outweighs the post
    boilerplate = LABELS.index("boilerplate")
    assert len(blocks) > 1
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] + [boilerplate] * (len(blocks) - 1)
    monkeypatch.setattr(decide, "BLOG_MODULE_SURE_OTHER_CHARS", 0)  # only when the rest outweighs it
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * len(blocks)
    names = ("module-list-item", "typelist-note", "titlewrapper", "module", "module-post-detail")
    assert [decide.is_blog_module(n) for n in names] == [True, True, True, False, False]


def test_a_widget_or_nocontent_block_goes_however_long_beside_a_short_post(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    post = "<div class='entry-content'>" + REPORT.split("</p>")[0] + "</p></div>"
    notes = "".join(
        f"<p>{i}. Another post from this week, summed up at some length so that the box of them outweighs the post "
        "itself: a review, an interview, a guide and a round-up of the news.</p>"
        for i in range(6)
    )
    boilerplate = LABELS.index("boilerplate")
    for wrap, flag in (
        ("<div class='recent-posts box nocontent'>{}</div>", "NOCONTENT_SURE_OTHER_CHARS"),
        ("<div class='widget widget_recent_entries'>{}</div>", "WP_WIDGET_SURE_OTHER_CHARS"),
    ):
        feats, blocks = _page(f"<body>{post}{wrap.format(notes)}</body>")
        probs = _story_probs(blocks, 0.9)  # the model keeps the box, which outweighs the post
        assert len(blocks) == 7, flag
        assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] + [boilerplate] * 6, flag
        monkeypatch.setattr(decide, flag, 0)  # only when the rest outweighs it
        assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 7, flag
        monkeypatch.setattr(decide, flag, 100)


def test_a_menu_goes_when_the_page_has_content_elsewhere(monkeypatch) -> None:
    menu = "<nav><p>Browse the archive: news, sport, business, culture, travel, food and the letters page.</p></nav>"
    feats, blocks = _page(f"<body>{menu}<main><article>{REPORT}</article></main></body>")
    probs = _story_probs(blocks, 0.9)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [LABELS.index("boilerplate")] + [CONTENT] * 8
    monkeypatch.setattr(decide, "NAV_DROP_MIN_OUTSIDE_CHARS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9


def _frame(text: str, landmarks: tuple[str, ...] = ()) -> Block:
    return Block(
        id=3, text=text, tag="iframe", xpath="/html/body/iframe", start=10, end=10 + len(text), landmarks=landmarks
    )


def test_a_frame_is_promo_when_it_loads_an_ad_else_boilerplate_never_content() -> None:
    ad = decide.ruled_segment(_frame('<SCRIPT SRC="http://ad.doubleclick.net/adj/N339.site/B1;sz=300x250"></SCRIPT>'))
    assert (ad.label, ad.cues) == (Label.PROMO, ("frame:ad_server=ad.doubleclick.net",))
    assert (ad.index, ad.start, ad.end, ad.confidence) == (3, 10, 10 + len(ad.text), decide.RULED_CONFIDENCE)
    click = decide.ruled_segment(
        _frame('<a href="http://ads.example.co.uk/click.ng/Params.site=x"><img src="b.gif"></a>')
    )
    assert click.label is Label.PROMO
    assert decide.ruled_segment(_frame("Advertisement")).label is Label.PROMO
    assert decide.ruled_segment(_frame("<b>x</b>", landmarks=("ad_slot",))).label is Label.PROMO
    for text in (
        "Your browser does not support inline frames.",
        '(Frame content direct link: <a href="http://media.example.com/extras/ticker/ticker13.htm">ticker</a>)',
        '<a href="https://en.example.org/wiki/Road_safety">read</a>',  # "ad" inside a word is no ad server
    ):
        assert decide.ruled_segment(_frame(text)).label is Label.BOILERPLATE, text


def test_a_sign_in_prompt_or_a_mail_a_friend_form_flagged_consent_is_furniture(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<div class='login-bar'><p>Log in to see your personal settings and the stories you saved.</p></div>"
        "<div class='mail-form'><p>Type your friend's e-mail address and a short note to pass this story on.</p></div>"
        "<div class='signup'><p>By signing up you agree to our privacy policy and terms of use.</p></div>"
    )
    boilerplate, consent = LABELS.index("boilerplate"), LABELS.index("consent")
    probs = _flagged_after_article(blocks, boilerplate=0.1, consent=0.9)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, boilerplate, consent]
    monkeypatch.setattr(decide, "ACCOUNT_PROMPT_FLAGGED", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, consent, consent, consent]


def test_a_promise_not_to_post_without_permission_is_consent_even_hidden(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<div style='display:none' class='join-modal'><p>Joining with a social account is quicker. We will never post "
        "anything to your wall without your permission.</p><p>Join with your social account</p></div>"
    )
    boilerplate, consent = LABELS.index("boilerplate"), LABELS.index("consent")
    probs = _flagged_after_article(blocks, boilerplate=0.98, consent=0.01)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, consent, boilerplate]
    monkeypatch.setattr(decide, "PERMISSION_PROMISE_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, boilerplate]


def test_a_clause_that_records_the_readers_agreement_is_consent(monkeypatch) -> None:
    feats, blocks = _page(
        "<body><main>" + LONG_PARAGRAPH.format(i=1) + "<div class='sms-signup'><p>By signing up, you agree to receive "
        "text messages from the shop at the number given.</p></div><p>The shop says that by signing up, readers agree "
        "to its terms.</p></main></body>"
    )
    consent = LABELS.index("consent")
    probs = _boilerplate_probs(blocks, [0, 1, 2])  # the model keeps both lines
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, consent, CONTENT]
    text = "By clicking Create Account you confirm that you have read our data notice.\n\nThe story goes on here."
    text_feats = _feats(text)
    text_blocks_ = text_blocks(text, max_blocks=50, max_block_chars=1000)[0]
    text_probs = _content_and(LABELS.index("boilerplate"), 0.99, len(text_blocks_))
    assert decide.choose_labels(text_probs, text_feats, text_blocks_).tolist() == [consent, CONTENT]
    monkeypatch.setattr(decide, "AGREEMENT_CLAUSE_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 3


def test_a_flagged_first_person_opt_in_line_is_consent(monkeypatch) -> None:
    feats, blocks = _page(
        "<body><main>" + LONG_PARAGRAPH.format(i=1) + "<p>I agree with the plan, the mayor told the crowd at the "
        "square.</p></main><form class='signup'><label><input type='checkbox'> I have read and agree to the terms of "
        "the club.</label></form><form class='anmeldung'><label><input type='checkbox'> Ich möchte gerne den Brief "
        "der Woche per E-Mail erhalten.</label><p>We use your sign-up to send you the weekly letter and to learn "
        "what you like to read.</p></form></body>"
    )
    boilerplate, consent = LABELS.index("boilerplate"), LABELS.index("consent")
    probs = _boilerplate_probs(blocks, [0, 1])  # the quote is kept: content is left alone
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, CONTENT, consent, consent, consent]
    monkeypatch.setattr(decide, "DATA_USE_NOTICE_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, CONTENT, consent, consent, boilerplate]
    monkeypatch.setattr(decide, "OPT_IN_STATEMENT_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, CONTENT] + [boilerplate] * 3


def test_acceptance_by_continued_use_is_consent_anywhere_in_a_flagged_block(monkeypatch) -> None:
    feats, blocks = _page(
        "<body><main>" + LONG_PARAGRAPH.format(i=1) + "<p>The use of this site by the town grew, the mayor said.</p>"
        "</main><footer><p>© 2031 Example Press. All rights reserved. Use of this site constitutes acceptance of our "
        "terms and our privacy notice.</p><p>Wir nutzen Cookies. Durch die weitere Nutzung der Seite stimmen Sie der "
        "Verwendung zu.</p></footer></body>"
    )
    boilerplate, consent = LABELS.index("boilerplate"), LABELS.index("consent")
    probs = _boilerplate_probs(blocks, [0, 1])
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, CONTENT, consent, consent]
    monkeypatch.setattr(decide, "CONTINUED_USE_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, CONTENT, boilerplate, boilerplate]


def test_flagged_blocks_in_a_box_mostly_called_consent_are_consent(monkeypatch) -> None:
    notice = "We and our partners store and read cookies on your device to show you ads and measure how you read. "
    feats, blocks = _page(
        "<body><main>" + LONG_PARAGRAPH.format(i=1) + "</main><div class='modal'><div class='cmp-box'><h2>Welcome to "
        f"the paper</h2><p>{notice * 2}</p><div><h3>Read with ads</h3><div>Agree</div></div><div><h3>Read without "
        "ads for 3 euros</h3><div>Learn more</div></div></div></div><div class='modal'><h2>Share this story</h2>"
        "<p>Copy the link</p><p>By sharing you agree to our terms.</p></div></body>"
    )
    boilerplate, consent = LABELS.index("boilerplate"), LABELS.index("consent")
    probs = _boilerplate_probs(blocks, [0])
    notices = _rows(blocks, "We and our") + _rows(blocks, "By sharing")
    probs[notices, boilerplate], probs[notices, consent] = 0.01, 0.99
    labels = decide.choose_labels(probs, feats, blocks).tolist()
    dialog = [i for i in range(1, len(blocks)) if i < _rows(blocks, "Share this")[0]]
    assert [labels[i] for i in dialog] == [consent] * len(dialog) and len(dialog) == 6
    assert [labels[i] for i in _rows(blocks, "Share this") + _rows(blocks, "Copy")] == [boilerplate] * 2  # too few
    monkeypatch.setattr(decide, "CONSENT_BOX_MIN_SHARE", 2.0)
    labels = decide.choose_labels(probs, feats, blocks).tolist()
    assert [labels[i] for i in dialog] == [boilerplate, consent] + [boilerplate] * 4


def test_a_dropped_reader_comment_called_consent_without_consent_words_is_boilerplate(monkeypatch) -> None:
    monkeypatch.setattr(decide, "FLOOR_TAIL_SURE_WORDS", 0)  # the floor keeps the thread after the article
    comments = "".join(
        f"<div class='comment-body'><p>Reader {i} liked the town a lot and hopes the trip goes well.</p></div>"
        for i in range(4)
    )
    feats, blocks = _page(
        "<body><article>" + "".join(LONG_PARAGRAPH.format(i=i) for i in range(4)) + f"</article>{comments}</body>"
    )
    readers = _rows(blocks, "Reader")
    probs = _boilerplate_probs(blocks, [i for i in range(len(blocks)) if i not in readers])
    consent = LABELS.index("consent")
    probs[readers, CONTENT], probs[readers, consent], probs[readers, LABELS.index("boilerplate")] = 0.2, 0.6, 0.2
    labels = decide.choose_labels(probs, feats, blocks)  # the floor keeps them, the comment step drops them
    assert [labels[i] for i in readers] == [LABELS.index("boilerplate")] * 4
    monkeypatch.setattr(decide, "DROPPED_CONSENT_NEEDS_WORDS", False)
    labels = decide.choose_labels(probs, feats, blocks)
    assert [labels[i] for i in readers] == [consent] * 4


def test_a_flagged_standfirst_under_the_headline_is_content_unless_unnamed_or_far(monkeypatch) -> None:
    dek = "A short summary of the story that tells the reader what the council decided and why."

    def labels_of(header: str) -> list[int]:
        markup = f"<body><main><article><header><h1>Roads plan passes</h1>{header}</header>{REPORT}</article></main>"
        feats, blocks = _page(markup + "</body>")
        probs = _story_probs(blocks, 0.005)  # the model is sure of the paragraphs only
        return decide.choose_labels(probs, feats, blocks).tolist()

    boilerplate = LABELS.index("boilerplate")
    assert labels_of(f"<p class='article-dek'>{dek}</p>")[:2] == [boilerplate, CONTENT]
    assert labels_of(f"<div class='entry-excerpt'><p>{dek}</p></div>")[1] == CONTENT
    assert labels_of(f"<p class='meta'>{dek}</p>")[1] == boilerplate  # not named as a standfirst
    assert labels_of(f"<p class='dek'><a href='/more'>{dek}</a></p>")[1] == boilerplate  # a linked teaser
    assert labels_of(f"<figure><figcaption class='lead'>{dek}</figcaption></figure>")[1] == boilerplate
    far = "".join(f"<p class='byline'>By reporter number {i}</p>" for i in range(3))
    assert labels_of(f"{far}<p class='dek'>{dek}</p>")[4] == boilerplate  # not among the first blocks after the <h1>
    names = ("splitscreencontentheaderdek-x", "article_elementlead__a1", "leader", "c-article-teaser-text")
    assert [decide.is_standfirst_name(n) for n in names] == [True, True, False, True]
    monkeypatch.setattr(decide, "STANDFIRST_NEAR_BLOCKS", 0)
    assert labels_of(f"<p class='article-dek'>{dek}</p>")[1] == boilerplate


def test_a_flagged_reference_list_after_the_article_is_content_unless_in_furniture(monkeypatch) -> None:
    notes = "".join(
        f"<li id='cite_note-{i}'>Smith, J. ({2000 + i}). A study of road surfaces, volume {i}. City Press.</li>"
        for i in range(3)
    )

    def last_label(markup: str) -> int:
        feats, blocks = _page(f"<body><div class='body'>{REPORT}{markup}</div></body>")
        probs = _story_probs(blocks, 0.001)  # the model flags every reference
        labels = decide.choose_labels(probs, feats, blocks).tolist()
        assert labels[:8] == [CONTENT] * 8
        return labels[-1]

    boilerplate = LABELS.index("boilerplate")
    assert last_label(f"<ol class='references'>{notes}</ol>") == CONTENT
    assert (
        last_label("<div class='mw-references-wrap'><ol><li><p>Smith, J. (2001). Roads.</p></li></ol></div>") == CONTENT
    )
    assert last_label(f"<ol class='related'>{notes}</ol>") == boilerplate  # not named as references
    assert last_label(f"<footer><ol class='footnotes'>{notes}</ol></footer>") == boilerplate
    assert last_label(f"<div class='page-footer'><ol class='footnotes'>{notes}</ol></div>") == boilerplate
    small_print = "<div class='footnotes'><p>Quotes are delayed by at least fifteen minutes for all markets.</p></div>"
    assert last_label(small_print) == boilerplate  # not a list
    monkeypatch.setattr(decide, "REFERENCE_LIST_KEPT", False)
    assert last_label(f"<ol class='references'>{notes}</ol>") == boilerplate


def test_a_donation_appeal_named_so_is_promo_and_its_amount_buttons_are_not(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<div class='donation-box'><p>Help us keep our reporting free for every reader.</p>"
        "<button>Monthly</button></div><footer><p>Help us keep our reporting free for every reader.</p></footer>"
    )
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.95, promo=0.03)  # the model reads the appeal as furniture
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, boilerplate, boilerplate]
    monkeypatch.setattr(decide, "DONATION_NAMED_MIN_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, boilerplate, boilerplate]


def test_a_job_ad_or_affiliate_box_named_so_is_promo_and_its_short_fields_are_not(monkeypatch) -> None:
    ad = "<p>Our lab invites curious graduates to apply for a funded two year position in soil chemistry research.</p>"
    feats, blocks = _after_article(
        f"<div class='related-jobs-box'><h3>Research assistant in soil chemistry</h3>{ad}</div>"
        f"<div class='affiliate-widget'>{ad}</div><div class='category-jobs'>{ad}</div>"
    )
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.95, promo=0.03)  # the model reads the boxes as furniture
    # the job title stays furniture (short), a taxonomy class names no widget
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, promo, promo, boilerplate]
    monkeypatch.setattr(decide, "OFFER_NAMED_MIN_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] + [boilerplate] * 4


def test_a_request_for_a_newer_browser_is_a_script_notice() -> None:
    assert SCRIPT_NOTICE.search("You are using a browser version with limited support for this site's styles.")
    assert SCRIPT_NOTICE.search("For the best experience we recommend you use a more up to date browser.")
    assert not SCRIPT_NOTICE.search("The company said its users prefer using a new browser tab for each story.")


def _text(text: str) -> tuple[features.Features, list]:
    blocks = text_blocks(text, max_blocks=50, max_block_chars=1000)[0]
    return features.extract(blocks), blocks


def test_a_polls_kept_options_between_its_question_and_its_control_are_poll(monkeypatch) -> None:
    story = "An article paragraph that tells the story of the town in full and at length."
    options = "Which plan do you like best?\n\n1. Build a new bridge\n\n2. Repair the old one\n\n3. Not sure"
    feats, blocks = _text(f"{story}\n\n{options}\n\nView results\n\n{story}")
    probs = _content_and(POLL, 0.9, n=7)
    probs[4:6] = _content_and(POLL, 0.05)  # the model is sure of the last option and of the control only
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, POLL, POLL, POLL, POLL, POLL, CONTENT]
    feats, blocks = _text(f"{story}\n\n{options}\n\nYes\n\n{story}")  # a sure poll line, but no poll's control
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 4 + [POLL, POLL, CONTENT]
    monkeypatch.setattr(decide, "TEXT_POLL_RUN_SURE", 1.01)
    feats, blocks = _text(f"{story}\n\n{options}\n\nView results\n\n{story}")
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 4 + [POLL, POLL, CONTENT]


def test_a_plain_text_feedback_invitation_is_a_poll(monkeypatch) -> None:
    feats, blocks = _text(
        "We keep working to make this site better, and your opinion is very important to us.\n\n"
        "The council met on Tuesday to discuss the new school and its budget for next year."
    )
    probs = _content_and(LABELS.index("consent"), 0.6)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [POLL, CONTENT]
    monkeypatch.setattr(decide, "TEXT_FEEDBACK_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, CONTENT]


def test_a_plain_text_teaser_card_run_into_one_line_is_flagged(monkeypatch) -> None:
    story = "The council met on Tuesday to discuss the new school and its budget for next year."
    feats, blocks = _text(
        "Better Sleep TonightLearn the three habits that help you rest well every single night.\n\n"
        f"Moving Abroad?See what it really costs to settle in a new country this year.\n\n{story}\n\n"
        "Installation from NuGet is simple."  # a product name's capital, a short line: prose
    )
    promo, boilerplate = LABELS.index("promo"), LABELS.index("boilerplate")
    probs = _content_and(promo, 0.9, n=4)
    probs[1, promo], probs[1, boilerplate] = 0.02, 0.08  # another story's card: the likelier of the two
    assert decide.choose_labels(probs, feats, blocks).tolist() == [promo, boilerplate, CONTENT, CONTENT]
    monkeypatch.setattr(decide, "TEXT_GLUED_TEASER_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 4


def test_a_plain_text_promise_not_to_post_without_permission_is_consent(monkeypatch) -> None:
    feats, blocks = _text(
        "Joining with a social account is quicker. We will never post to your wall without your permission.\n\n"
        "The council met on Tuesday to discuss the new school and its budget for next year."
    )
    consent = LABELS.index("consent")
    probs = _content_and(consent, 0.2)  # no consent-lexicon word: the floor keeps it
    assert decide.choose_labels(probs, feats, blocks).tolist() == [consent, CONTENT]
    monkeypatch.setattr(decide, "TEXT_PERMISSION_PROMISE", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, CONTENT]


def test_a_bare_furniture_label_or_sponsor_credit_line_is_not_content(monkeypatch) -> None:
    feats, blocks = _text(
        "Terms of Use\n\nSponsored by:\n\nThe terms of use of the new park were sponsored by the council on Tuesday."
    )
    probs = _content_and(LABELS.index("boilerplate"), 0.9, n=3)
    expected = [LABELS.index("boilerplate"), LABELS.index("promo"), CONTENT]
    assert decide.choose_labels(probs, feats, blocks).tolist() == expected
    monkeypatch.setattr(decide, "TEXT_LABEL_LINES", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 3


def test_a_bare_widget_help_link_or_search_picker_line_is_boilerplate(monkeypatch) -> None:
    feats, blocks = _text(
        "What's this?\n\nSearch type\n\nWhat is this?\n\n"  # the uncontracted question can be the writer's own
        "What is this new search type the council chose on Tuesday for its library?"
    )
    boilerplate = LABELS.index("boilerplate")
    probs = _content_and(boilerplate, 0.9, n=4)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [boilerplate, boilerplate, CONTENT, CONTENT]
    monkeypatch.setattr(decide, "TEXT_WIDGET_LABEL_LINES", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 4


def test_a_plain_text_line_ending_on_a_teasers_more_link_is_flagged(monkeypatch) -> None:
    feats, blocks = _text(
        "Harbour plans approved after a long wait for the new quay » More from City Herald\n\n"
        "Our ranking explains how each school was scored this year... (more)\n\n"
        "The mayor said she had heard more from the residents than she expected."
    )
    promo, boilerplate = LABELS.index("promo"), LABELS.index("boilerplate")
    probs = _content_and(promo, 0.9, n=3)
    probs[0, promo], probs[0, boilerplate] = 0.02, 0.08  # another story's card: the likelier of the two
    assert decide.choose_labels(probs, feats, blocks).tolist() == [boilerplate, promo, CONTENT]
    monkeypatch.setattr(decide, "TEXT_MORE_LINK_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 3


def test_a_flagged_line_that_continues_a_kept_lists_numbering_is_content(monkeypatch) -> None:
    feats, blocks = _text(
        "1. Write down what you want to learn this year\n\n2. Offer to help a friend you would recommend\n\n"
        "3. Read one new book every month of the year\n\n4) Share your notes"
    )
    probs = _content_and(LABELS.index("promo"), 0.9, n=4)
    probs[1] = probs[3] = _content_and(LABELS.index("promo"), 0.05, n=1)[0]  # the tip and the odd "4)" flagged
    promo = LABELS.index("promo")
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, CONTENT, CONTENT, promo]
    probs[1] = _content_and(POLL, 0.05, n=1)[0]  # a numbered line flagged poll is an answer option: it stays
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, POLL, CONTENT, promo]
    probs[1] = _content_and(promo, 0.05, n=1)[0]
    monkeypatch.setattr(decide, "TEXT_LIST_NUMBERING", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, CONTENT, promo]


def test_a_flagged_heading_that_shares_words_with_the_kept_text_after_it_is_content(monkeypatch) -> None:
    body = (
        "The harbour council approved the new ferry timetable on Monday after a long debate about the winter service "
        "and the cost of the extra crossings."
    )
    feats, blocks = _text(
        f"Council Approves Ferry Timetable\n\nBy Jane Doe, 2024\n\n{body}\n\nTop Stories\n\n{body}\n\n"
        f"Ferry Council Timetable Debate 2024\n\n{body}\n\nFerry timetable approved.\n\n{body}"
    )
    boilerplate = LABELS.index("boilerplate")
    probs = _content_and(boilerplate, 0.9, n=9)
    for i in (0, 1, 3, 5, 7):  # the headline, its byline, a menu label, a dated line and a sentence: flagged
        probs[i] = _content_and(boilerplate, 0.02, n=1)[0]
    expected = [CONTENT, boilerplate, CONTENT, boilerplate, CONTENT, boilerplate, CONTENT, boilerplate, CONTENT]
    assert decide.choose_labels(probs, feats, blocks).tolist() == expected
    probs[0] = _content_and(POLL, 0.02, n=1)[0]  # a line the model calls poll stays: a poll on the article's topic
    assert decide.choose_labels(probs, feats, blocks).tolist()[0] == POLL
    probs[0] = _content_and(boilerplate, 0.02, n=1)[0]
    monkeypatch.setattr(decide, "TEXT_HEADING_SHARED_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist()[0] == boilerplate


def test_a_kept_headline_that_shares_no_word_with_the_story_takes_a_flagged_label(monkeypatch) -> None:
    story = [
        "The harbour council approved the new ferry timetable on Monday after a long debate.",
        "Ferry passengers had asked the council for more crossings during the busy winter months.",
        "The harbour master said the extra ferry crossings would start in early December.",
        "Council members argued about the cost of the crossings for most of the evening.",
        "Some passengers said the winter timetable still leaves the island without an evening ferry.",
        "The harbour council will review the ferry timetable again next spring, members said.",
    ]

    def labels(line: str, p_content: float = 0.7) -> list[int]:
        feats, blocks = _text("\n\n".join([*story[:3], line, *story[3:]]))
        probs = _content_and(boilerplate, 0.95, n=7)
        probs[3] = _content_and(boilerplate, p_content, n=1)[0]
        return decide.choose_labels(probs, feats, blocks).tolist()

    boilerplate = LABELS.index("boilerplate")
    assert labels("Mountain Bikes Tested Outdoors") == [CONTENT] * 3 + [boilerplate] + [CONTENT] * 3
    assert labels("Final Thoughts")[3] == CONTENT  # a generic section heading names a part of the text
    assert labels("Evening Ferry Plans")[3] == CONTENT  # it shares the story's words: a subheading
    assert labels("Mountain Bikes Tested Outdoors", p_content=0.95)[3] == CONTENT  # the model is sure of it
    monkeypatch.setattr(decide, "TEXT_OFF_TOPIC_MAX_WORDS", 0)
    assert labels("Mountain Bikes Tested Outdoors")[3] == CONTENT


def test_a_consent_notices_small_print_or_title_kept_in_plain_text_is_consent(monkeypatch) -> None:
    feats, blocks = _text(
        "This cookie is set by an analytics provider to count visits and how long each visit lasts.\n\n"
        "Personalised ads and content, ad and content measurement, audience insights and product development\n\n"
        "Your data may also be processed outside the EU, where we protect it as Art. 46 GDPR requires.\n\n"
        "External content\n\n"
        "We need your consent to show this embedded post from a social network and to set its cookies.\n\n"
        "The firm said its product development would slow down this year after the winter.\n\n"
        "External content"  # a title with no notice beside it stays
    )
    consent = LABELS.index("consent")
    probs = _content_and(consent, 0.9, n=7)  # the model reads the small print as prose
    probs[4] = _content_and(consent, 0.05, n=1)[0]
    assert decide.choose_labels(probs, feats, blocks).tolist() == [consent] * 5 + [CONTENT, CONTENT]
    monkeypatch.setattr(decide, "TEXT_NOTICE_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 4 + [consent, CONTENT, CONTENT]


def test_a_publishers_offer_line_kept_in_plain_text_is_promo(monkeypatch) -> None:
    feats, blocks = _text(
        "Daily ePaper, a digital replica of the print edition for any tablet.\n\n"
        "The Garden newsletter for growers in the north\n\n"
        "Tarifvergleiche für Strom und Gas\n\n"
        "Ländervergleich\n\n"  # a bare compound: an article's subheading as often as a portal's label
        "The minister said the comparison with last year's newsletter was unfair."
    )
    promo = LABELS.index("promo")
    probs = _content_and(promo, 0.9, n=5)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [promo, promo, promo, CONTENT, CONTENT]
    monkeypatch.setattr(decide, "TEXT_OFFER_LINE_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 5


def test_a_flagged_button_with_its_count_next_to_a_poll_line_is_poll(monkeypatch) -> None:
    story = "The council met on Tuesday to discuss the new school and its budget for next year."
    feats, blocks = _text(f"{story}\n\nUpdated May 3\n\nHelpful 3\n\nSign in to react to this story.\n\n{story}")
    boilerplate = LABELS.index("boilerplate")
    probs = _content_and(boilerplate, 0.9, n=5)
    probs[1:3] = _content_and(boilerplate, 0.05)
    probs[3] = _content_and(POLL, 0.05, n=1)[0]
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, POLL, POLL, CONTENT]
    monkeypatch.setattr(decide, "TEXT_POLL_COUNT_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, boilerplate, POLL, CONTENT]


def _table_page(rows: str, head: str = "") -> str:
    intro = "<p>An introduction to the list below, which names every winner of the prize since it began.</p>" * 3
    return f"<body><main><h1>Winners of the prize</h1>{intro}<table class='results'>{head}{rows}</table></main></body>"


def _table_labels(markup: str, kept: str | None = None) -> tuple[list, np.ndarray]:
    feats, blocks = _page(markup)
    content_rows = _rows(blocks, "An introduction") + (_rows(blocks, kept) if kept else [])
    return blocks, decide.choose_labels(_boilerplate_probs(blocks, content_rows), feats, blocks)


def test_a_data_tables_linked_cells_are_content_and_a_navigation_box_is_not(monkeypatch) -> None:
    head = "<tr><th>Year</th><th>Winner</th><th>Country</th></tr>"
    rows = "".join(
        f"<tr><td><a href='/y{i}'>19{i:02d}</a></td><td><a href='/w{i}'>Laureate {i}</a></td>"
        f"<td><a href='/c{i}'>Country {i}</a></td></tr>"
        for i in range(6)
    )
    blocks, labels = _table_labels(_table_page(rows, head))
    cells = [i for i, b in enumerate(blocks) if b.tag in ("td", "th")]
    assert len(cells) == 21 and all(labels[i] == CONTENT for i in cells)
    # a navigation box heads its rows, not its columns
    nav = "".join(f"<tr><th>Group {i}</th><td><a href='/g{i}'>Member {i}</a></td></tr>" for i in range(12))
    blocks, labels = _table_labels(_table_page(nav))
    assert not any(labels[i] == CONTENT for i, b in enumerate(blocks) if b.tag in ("td", "th"))
    monkeypatch.setattr(decide, "DATA_TABLE_HEADER_CELLS", 0)
    blocks, labels = _table_labels(_table_page(rows, head))
    assert not any(labels[i] == CONTENT for i, b in enumerate(blocks) if b.tag in ("td", "th"))


def test_a_tables_first_row_of_th_or_thead_cells_heads_a_data_table(monkeypatch) -> None:
    rows = "".join(f"<tr><td>{i}/1/2020</td><td>+{i}.5%</td></tr>" for i in range(101))  # read cell by cell
    two = "<tr><th>Date</th><th>Change</th></tr>"  # two columns: under DATA_TABLE_HEADER_CELLS
    plain = "<thead><tr><td>Rank</td><td>Company</td></tr></thead>"  # a header row of <td> cells in <thead>
    for head in (two, plain):
        blocks, labels = _table_labels(_table_page(rows, head))
        cells = [i for i, b in enumerate(blocks) if b.tag in ("td", "th")]
        assert len(cells) > 100 and all(labels[i] == CONTENT for i in cells)
    # a table with a form control (a compare checkbox per column) is a tool, not data
    tool = "<tr><th>Date</th><th>Change <input type='checkbox'></th></tr>"
    blocks, labels = _table_labels(_table_page(rows, tool))
    assert not any(labels[i] == CONTENT for i, b in enumerate(blocks) if b.tag in ("td", "th"))
    monkeypatch.setattr(decide, "DATA_TABLE_HEADER_ROW", 0)
    for head in (two, plain):
        blocks, labels = _table_labels(_table_page(rows, head))
        assert not any(labels[i] == CONTENT for i, b in enumerate(blocks) if b.tag in ("td", "th"))


def test_a_key_value_tables_cells_are_content_unless_priced(monkeypatch) -> None:
    # an infobox (a portrait's frame inside: read cell by cell, ``segment.unit_kind``), each short value navigation
    facts = ("Born", "Lyon", "1901"), ("Died", "Paris", "1980"), ("Field", "Chemistry", "organic")
    rows = "<tr><td colspan='2'><div>A chemist</div></td></tr>" + "".join(
        f"<tr><th>{key}</th><td><a href='/{key}'>{linked}</a>, {plain}</td></tr>" for key, linked, plain in facts
    )
    blocks, labels = _table_labels(_table_page(rows))
    cells = [i for i, b in enumerate(blocks) if "table" in b.ancestors]
    assert len(cells) == 7 and all(labels[i] == CONTENT for i in cells)
    priced = rows + "<tr><th>Price</th><td>$24.99</td></tr>"  # a price table is the shop's, not the article's
    blocks, labels = _table_labels(_table_page(priced))
    assert not any(labels[i] == CONTENT for i, b in enumerate(blocks) if "table" in b.ancestors)
    monkeypatch.setattr(decide, "KEY_VALUE_MIN_ROWS", 0)
    blocks, labels = _table_labels(_table_page(rows))
    assert not any(labels[i] == CONTENT for i, b in enumerate(blocks) if "table" in b.ancestors)


def test_a_definition_lists_terms_are_content_outside_a_comment_thread(monkeypatch) -> None:
    facts = ("Weight", "Lyon", "1901"), ("Height", "Paris", "1980"), ("Colour", "Chemistry", "organic")
    items = "".join(f"<dt>{key}</dt><dd><a href='/{key}'>{linked}</a> {plain}</dd>" for key, linked, plain in facts)
    markup = _table_page("").replace("<table class='results'></table>", f"<dl><div>Specifications</div>{items}</dl>")
    blocks, labels = _table_labels(markup)
    cells = [i for i, b in enumerate(blocks) if "dl" in b.ancestors]
    assert len(cells) == 7 and all(labels[i] == CONTENT for i in cells if blocks[i].tag in ("dt", "dd"))
    blocks, labels = _table_labels(markup.replace("<dl>", "<dl class='comment-list'>"))  # authors and dates
    assert not any(labels[i] == CONTENT for i, b in enumerate(blocks) if "dl" in b.ancestors)
    monkeypatch.setattr(decide, "KEY_VALUE_LISTS", False)
    blocks, labels = _table_labels(markup)
    assert not any(labels[i] == CONTENT for i, b in enumerate(blocks) if "dl" in b.ancestors)


def test_a_tables_cells_are_content_when_most_of_its_rows_keep_a_cell(monkeypatch) -> None:
    monkeypatch.setattr(decide, "DATA_TABLE_KEPT_ROWS", 0.6)  # measured, switched off (see there)
    rows = "".join(
        f"<tr><td class='rank'><a href='/r{i}'>{i}</a></td><td class='title'><a href='/b{i}'>Book title {i}</a></td>"
        f"<td class='author'><a href='/a{i}'>Writer {i}</a></td></tr>"
        for i in range(6)
    )
    blocks, labels = _table_labels(_table_page(rows), kept="Book title")
    writers = _rows(blocks, "Writer")
    assert len(writers) == 6 and all(labels[i] == CONTENT for i in writers)
    feats, blocks = _page(_table_page(rows))
    two = _rows(blocks, "An introduction") + _rows(blocks, "Book title")[:2]  # two rows of six keep a cell
    labels = decide.choose_labels(_boilerplate_probs(blocks, two), feats, blocks)
    assert not any(labels[i] == CONTENT for i in _rows(blocks, "Writer"))
    monkeypatch.setattr(decide, "DATA_TABLE_KEPT_ROWS", 0)
    blocks, labels = _table_labels(_table_page(rows), kept="Book title")
    assert not any(labels[i] == CONTENT for i in _rows(blocks, "Writer"))


def test_content_after_the_main_landmark_goes_before_it_stays(monkeypatch) -> None:
    markup = (
        "<body><div class='intro'><p>A welcome line before the main region that the page keeps as its own opening "
        "words for every visitor.</p></div><main>" + REPORT + "</main><div class='testimonials'><p>Our customers say "
        "the service was quick and friendly and that they would recommend it to their friends and family.</p></div>"
        "</body>"
    )
    feats, blocks = _page(markup)
    probs = _story_probs(blocks, 0.9)  # every block kept by the model
    before, after = _rows(blocks, "A welcome")[0], _rows(blocks, "Our customers")[0]
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[before] == CONTENT and labels[after] == LABELS.index("boilerplate")
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)
    assert decide.choose_labels(probs, feats, blocks)[after] == CONTENT


def test_content_after_an_unmarked_story_container_goes(monkeypatch) -> None:
    markup = (
        "<body><div class='intro'><p>A welcome line before the story for every visitor.</p></div><div class='story'>"
        + REPORT
        + "</div><div class='more'><p>Our customers say the service was quick and friendly.</p></div></body>"
    )
    feats, blocks = _page(markup)
    probs = _story_probs(blocks, 0.9)  # every block kept by the model
    before, after = _rows(blocks, "A welcome")[0], _rows(blocks, "Our customers")[0]
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[before] == CONTENT and labels[after] == LABELS.index("boilerplate")
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Paragraph"))
    monkeypatch.setattr(decide, "TAIL_CONTAINER_SHARE", 0)
    assert decide.choose_labels(probs, feats, blocks)[after] == CONTENT
    # a marked page is the landmark step's business
    monkeypatch.setattr(decide, "TAIL_CONTAINER_SHARE", 0.8)
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)
    marked = markup.replace("<div class='story'>", "<main>")
    marked = marked.replace("</div><div class='more'>", "</main><div class='more'>")
    feats, blocks = _page(marked)
    probs = _story_probs(blocks, 0.9)
    assert decide.choose_labels(probs, feats, blocks)[_rows(blocks, "Our customers")[0]] == CONTENT


def test_loose_text_between_kept_paragraphs_of_its_element_is_content(monkeypatch) -> None:
    first = "<p>Paragraph one of the story, which says what the council decided and who spoke against it."
    second = "<p>Paragraph two of the story, which says what the plan will cost and when the work will start.</p>"
    loose = "The council met again on Monday night and voted to carry on with the plan for the roads"
    image = "<table align='right'><tr><td><img src='/a.jpg' alt=''></td></tr></table>"

    def labels_of(markup: str) -> list[int]:
        feats, blocks = _page(f"<body>{markup}</body>")
        probs = _story_probs(blocks, 0.001)  # the model is sure of the paragraphs and flags the rest
        return decide.choose_labels(probs, feats, blocks).tolist()

    boilerplate = LABELS.index("boilerplate")
    old_layout = f"<table><tr><td><font>{first}{image}{loose}{second}</font></td></tr></table>"
    assert labels_of(old_layout) == [CONTENT] * 3  # the cell's own text between two kept paragraphs in it
    assert labels_of(f"<div>{first}</p></div>{loose}<div>{second}</div>") == [CONTENT] * 3
    wrapped = f"<div>{first}</p></div><div>{loose}</div><div>{second}</div>"
    assert labels_of(wrapped)[1] == boilerplate  # an element of its own: its neighbours are not inside it
    linked = f"<div>{first}</p><a href='/more'>{loose}</a>{second}</div>"
    assert labels_of(linked)[1] == boilerplate  # mostly link text
    monkeypatch.setattr(decide, "LOOSE_TEXT_KEPT", False)
    assert labels_of(old_layout)[1] == boilerplate


def test_a_pitch_kept_under_a_newsletter_subscribe_or_affiliate_name_is_promo(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    pitch = "<p>Every weekday morning the best of our reporting, straight to your inbox before breakfast.</p>"
    promo = LABELS.index("promo")
    for wrap in ("<div class='newsletterbox_root'>{}</div>", "<div class='chat-subscribe'>{}</div>"):
        feats, blocks = _page(f"<body><main><article>{REPORT}{wrap.format(pitch)}</article></main></body>")
        probs = _story_probs(blocks, 0.9)  # the model keeps the pitch
        assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [promo]
    assert not decide.is_pitch_named("subscriber-content")  # a paywalled story's own wrapper
    feats, blocks = _page(f"<body><main><article class='newsletter-issue'>{REPORT}</article></main></body>")
    assert decide.choose_labels(_story_probs(blocks, 0.9), feats, blocks).tolist() == [CONTENT] * 8  # whole story
    feats, blocks = _page(f"<body><main><article>{REPORT}<div class='newsletterbox'>{pitch}</div></article></main>")
    monkeypatch.setattr(decide, "KEPT_PITCH_MIN_WORDS", 0)
    assert decide.choose_labels(_story_probs(blocks, 0.9), feats, blocks).tolist() == [CONTENT] * 9


def test_an_appeal_to_pay_for_journalism_read_as_furniture_is_promo(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<footer><p>Readers like you keep us going: help us fund independent journalism this year.</p>"
        "<p>Ein Abo lohnt sich: unterstützen Sie unseren Lokaljournalismus mit wenigen Euro im Monat.</p>"
        "<p>Our journalism school opened a new building in the city centre this spring.</p></footer>"
    )
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.95, promo=0.03)  # the model reads the appeals as furniture
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, promo, boilerplate]
    monkeypatch.setattr(decide, "JOURNALISM_APPEAL_MIN_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] + [boilerplate] * 3


def test_an_invitation_to_follow_a_channel_is_promo_a_report_of_one_is_not(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    ask = "<p>Morning briefing and breaking news: join our WhatsApp channel for free.</p>"
    report = "<p>Officials said voters who follow the campaign on Telegram saw the video first.</p>"
    feats, blocks = _page(f"<body><main><article>{REPORT}{ask}{report}</article></main></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps both
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [LABELS.index("promo"), CONTENT]
    monkeypatch.setattr(decide, "CHANNEL_INVITATION_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 10


def test_a_byline_flagged_promo_is_boilerplate(monkeypatch) -> None:
    feats, blocks = _after_article("<div class='meta'><p>By Jane Doe and John Roe</p><p>Sponsored by Acme</p></div>")
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.02, promo=0.95)  # the model reads both as a sponsor's line
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, promo]
    monkeypatch.setattr(decide, "BYLINE_PROMO_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, promo]


def test_a_request_to_turn_off_an_ad_blocker_is_promo(monkeypatch) -> None:
    monkeypatch.setattr(decide, "TAIL_LANDMARK_SHARE", 0)  # content after <main>/<article>: tested on its own
    ask = "<p>Some features of this site may not work while an ad blocker is enabled: please whitelist us.</p>"
    report = "<p>The survey found that ad blocking rose sharply among younger readers last year.</p>"
    feats, blocks = _page(f"<body><main><article>{REPORT}{ask}{report}</article></main></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps both
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [LABELS.index("promo"), CONTENT]
    monkeypatch.setattr(decide, "AD_BLOCK_NOTICE_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 10


def test_a_quick_word_check_before_a_costly_pattern_changes_no_finding() -> None:
    cases = (
        (
            vocabulary.AD_BLOCK_NOTICE,
            vocabulary.AD_BLOCKER_WORDS,
            (
                "Please disable your AdBlocker to read on",
                "Werbeblocker erkannt: bitte deaktivieren",
                "Désactivez votre bloqueur de publicité",
                "Advertentieblokker gevonden: uitschakelen a.u.b.",
                "Blokada reklam wykryta, wyłącz ją",
            ),
        ),
        (
            vocabulary.JOURNALISM_APPEAL,
            vocabulary.JOURNALISM_WORDS,
            (
                "Help us fund independent journalism",
                "Unterstützen Sie unseren Qualitätsjournalismus",
                "Apoya el periodismo local",
                "Sostieni il nostro giornalismo",
                "Wesprzyj niezależne dziennikarstwo",
                "Stöd vår journalistik",
            ),
        ),
        (
            vocabulary.CHANNEL_INVITATION,
            vocabulary.CHANNEL_PLATFORM_WORDS,
            (
                "Join our WhatsApp channel",
                "Folgen Sie uns auf Telegram",
                "Add us as a preferred source on Google",
                "Suivez-nous sur Google News",
            ),
        ),
    )
    for pattern, needs, matched in cases:
        texts = [*matched, "A story about blocks, journals and apps with no such request."]
        blocks = [Block(id=k, text=t, tag="p", xpath=None, start=0, end=len(t)) for k, t in enumerate(texts)]
        assert all(pattern.search(t) for t in matched)
        everyone = np.ones(len(blocks), dtype=bool)
        found = decide.texts_found(pattern, blocks, everyone, needs)
        assert (
            found.tolist() == decide.texts_found(pattern, blocks, everyone).tolist() == [True] * len(matched) + [False]
        )


def test_a_copyright_notice_flagged_promo_is_boilerplate(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<footer><p>Copyright © Example Wire 2009-2025. Licences for commercial use.</p></footer>"
    )
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.02, promo=0.95)  # the model reads the licence as an offer
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate]
    monkeypatch.setattr(decide, "COPYRIGHT_PROMO_MAX_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo]


def test_a_players_request_to_refresh_the_browser_is_a_script_notice() -> None:
    assert SCRIPT_NOTICE.search("This video failed to load. Try refreshing your browser, or watch it later.")
    assert not SCRIPT_NOTICE.search("The council said it would refresh the park's benches this summer.")


def test_a_paragraph_of_line_broken_runs_is_no_story_container(monkeypatch) -> None:
    runs = "<br><br>".join(
        f"Paragraph {i} of the story, which runs on with its reporting for many more words: what the council "
        "decided, who spoke against it, what it will cost and when the work on the roads will start."
        for i in range(10)
    )
    markup = (
        f"<body><div class='story'><p>{runs}</p><p>Paragraph the last: the work starts in spring.</p></div>"
        "<div class='more'><p>Our customers say the service was quick and friendly.</p></div></body>"
    )
    feats, blocks = _page(markup)
    probs = _story_probs(blocks, 0.9)  # every block kept by the model
    closing, after = _rows(blocks, "Paragraph the last")[0], _rows(blocks, "Our customers")[0]
    labels = decide.choose_labels(probs, feats, blocks)
    assert labels[closing] == CONTENT and labels[after] == LABELS.index("boilerplate")
    monkeypatch.setattr(decide, "TAIL_CONTAINER_NOT_PARAGRAPH", False)
    assert decide.choose_labels(probs, feats, blocks)[closing] == LABELS.index("boilerplate")


def test_a_reference_list_after_an_unmarked_story_container_stays(monkeypatch) -> None:
    notes = "".join(f"<li>Smith, J. ({2000 + i}). Road surfaces. City Press.</li>" for i in range(2))
    links = "".join(f"<li><a href='/p{i}'>Another post of ours, number {i}</a></li>" for i in range(2))
    boilerplate = LABELS.index("boilerplate")

    def list_labels(listing: str) -> list[int]:
        feats, blocks = _page(f"<body><div class='story'>{REPORT}</div><ol class='footnotes'>{listing}</ol></body>")
        probs = _story_probs(blocks, 0.001)  # the model flags the list
        labels = decide.choose_labels(probs, feats, blocks).tolist()
        return [labels[i] for i, b in enumerate(blocks) if not b.text.startswith("Paragraph")]

    assert set(list_labels(notes)) == {CONTENT}
    assert set(list_labels(links)) == {boilerplate}  # bare links under the name: the tail step takes them
    monkeypatch.setattr(decide, "TAIL_KEEPS_REFERENCES", False)
    assert set(list_labels(notes)) == {boilerplate}


def test_a_posts_taxonomy_class_names_no_comment_thread(monkeypatch) -> None:
    _, blocks = _page(
        "<body><div class='post tag-correspondence'><p>A post filed under letters and replies.</p></div>"
        "<div class='comment-body'><p>A reader's remark on the post.</p></div></body>"
    )
    candidates = np.ones(len(blocks), dtype=bool)
    assert decide.comment_named(blocks, candidates).tolist() == [False, True]
    monkeypatch.setattr(decide, "COMMENT_NAME_SKIPS_TAXONOMY", False)
    assert decide.comment_named(blocks, candidates).tolist() == [True, True]


def test_a_note_on_saved_articles_flagged_promo_is_boilerplate(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<div class='popover'><p>Your saved articles are in your account: open them there whenever you want.</p>"
        "<p>Subscribe today and read every saved story for $1 a week.</p><p>Manage saved articles.</p></div>"
    )
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.02, promo=0.95)  # "your account" read as a sign-up pitch
    # the note retyped; a pitch with a price and a short line of a sign-up panel keep promo
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, promo, promo]
    monkeypatch.setattr(decide, "SAVED_ITEMS_NOTE_MIN_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, promo, promo]


def test_offers_read_as_furniture_are_promo_by_their_wording(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<aside><p>Garden tools: 25% off everything this weekend</p>"
        "<p>Note on affiliate links: we may earn a commission when you buy through the links on this page.</p>"
        "<p>Our ePaper is a digital replica of the print edition, delivered every morning.</p>"
        "<p>Rail fares rose 3% off-peak as the network reopened.</p>"
        "<p>© 2024 Example Media. Some links earn us a commission on sales.</p></aside>"
    )
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.95, promo=0.03)  # the model reads the offers as furniture
    # the deal, the disclosure and the e-paper pitch are promo; a headline with a figure and a copyright line are not
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, promo, promo] + [boilerplate] * 2
    for switch in ("DISCOUNT_OFFER_MAX_WORDS", "AFFILIATE_DISCLOSURE_MAX_WORDS", "FLAGGED_OFFER_LINE_MAX_WORDS"):
        monkeypatch.setattr(decide, switch, 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] + [boilerplate] * 5


def test_a_sale_badge_on_a_shops_page_is_no_promo() -> None:
    badge = "<aside><p>Was $212.00, now 9% off</p></aside>"
    for cart, expected in (("", "promo"), ("<button>Add to cart</button>", "boilerplate")):
        feats, blocks = _after_article(badge + cart)
        probs = _flagged_after_article(blocks, boilerplate=0.95, promo=0.03)
        labels = decide.choose_labels(probs, feats, blocks)
        assert LABELS[labels[[b.text for b in blocks].index("Was $212.00, now 9% off")]] == expected


def test_an_app_store_badge_in_a_footer_is_promo(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<footer><ul><li><a href='/a'>App Store</a></li><li><a href='/g'>Get it on Google Play</a></li>"
        "<li><a href='/s'>App Store fees rise for developers</a></li></ul></footer>"
    )
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.95, promo=0.03)  # read as footer links
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, promo, boilerplate]
    monkeypatch.setattr(decide, "APP_STORE_BADGE_PROMO", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] + [boilerplate] * 3


def test_a_poll_form_read_as_furniture_is_a_poll(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<aside><h2>Question of the Day</h2><h3>Should the city ban e-scooters from its parks?</h3>"
        "<form><label><input type='radio' name='q'>Yes, ban them</label>"
        "<label><input type='radio' name='q'>No, keep them</label>"
        "<label><input type='radio' name='q'>Not sure</label><button>View results</button></form>"
        "<form><label><input type='radio' name='s'>Newest first</label>"
        "<label><input type='radio' name='s'>Oldest first</label><button>Results</button></form></aside>"
    )
    boilerplate, poll = LABELS.index("boilerplate"), LABELS.index("poll")
    probs = _flagged_after_article(blocks, boilerplate=0.95, poll=0.02)
    labels = decide.choose_labels(probs, feats, blocks).tolist()
    texts = [b.text for b in blocks]
    question = texts.index("Should the city ban e-scooters from its parks?")
    control = texts.index("View results")
    # the question, the options and the control are poll; a sort form with no question before it stays furniture
    assert labels[question : control + 1] == [poll] * (control + 1 - question)
    assert labels[control + 1 :] == [boilerplate] * (len(labels) - control - 1)
    monkeypatch.setattr(decide, "POLL_FORM_MIN_OPTIONS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist()[1:] == [boilerplate] * (len(labels) - 1)


def test_a_flagged_feedback_invitation_is_a_poll_but_a_comment_heading_is_not(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<aside><p>We keep improving this site, and your opinion matters to us: tell us how we did.</p>"
        "<h2>Your opinion matters</h2></aside>"
    )
    boilerplate, poll = LABELS.index("boilerplate"), LABELS.index("poll")
    probs = _flagged_after_article(blocks, boilerplate=0.95, poll=0.02)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, poll, boilerplate]
    monkeypatch.setattr(decide, "FEEDBACK_FLAGGED_MIN_WORDS", 0)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, boilerplate]


def test_a_link_to_the_sites_ad_policy_flagged_promo_is_boilerplate(monkeypatch) -> None:
    feats, blocks = _after_article(
        "<footer><ul><li><a href='/ads'>About Our Ads</a></li><li><a href='/x'>Advertisement</a></li></ul></footer>"
    )
    boilerplate, promo = LABELS.index("boilerplate"), LABELS.index("promo")
    probs = _flagged_after_article(blocks, boilerplate=0.02, promo=0.95)
    # the policy link retyped; an ad's own label keeps promo
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, boilerplate, promo]
    monkeypatch.setattr(decide, "AD_POLICY_LINK_PLAIN", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT, promo, promo]


def test_a_catalogues_intro_under_its_headline_is_content_on_shop_and_catalogue_pages(monkeypatch) -> None:
    intro = "Our warm socks are knitted from merino wool in four weights, for hiking, running and the office."

    def labels_of(page_types: frozenset[str], near: str = "") -> list[int]:
        markup = f"<main><h1>Wool socks</h1>{near}<p class='category-text'>{intro}</p>{REPORT}</main>"
        feats, blocks = _page(f"<body>{markup}</body>")
        probs = _story_probs(blocks, 0.005)  # the model is sure of the paragraphs only
        return decide.choose_labels(probs, feats, blocks, page_types).tolist()

    boilerplate = LABELS.index("boilerplate")
    assert labels_of(frozenset({"CollectionPage"}))[1] == CONTENT
    assert labels_of(frozenset({"Product"}))[1] == CONTENT  # a page that sells
    assert labels_of(frozenset())[1] == boilerplate  # no shop, no catalogue
    assert labels_of(frozenset({"ItemList"}))[1] == boilerplate  # a listicle's list type too
    assert labels_of(frozenset({"CollectionPage", "NewsArticle"}))[1] == boilerplate  # a story's dek
    far = "".join(f"<p>Filter {i}</p>" for i in range(2))
    assert labels_of(frozenset({"CollectionPage"}), far)[3] == boilerplate  # not among the first blocks after the <h1>
    monkeypatch.setattr(decide, "SHOP_INTRO_MIN_WORDS", 0)
    assert labels_of(frozenset({"CollectionPage"}))[1] == boilerplate


def test_a_fold_control_kept_as_content_takes_its_best_other_label(monkeypatch) -> None:
    quote = "<blockquote><p>Quoted reply from earlier in the thread.</p><div class='expand'>Click to expand...</div>"
    feats, blocks = _page(
        f"<body><main>{REPORT}{quote}</blockquote><p>Show more patience, said the judge.</p></main></body>"
    )
    probs = _story_probs(blocks, 0.9)  # the model keeps every block
    boilerplate = LABELS.index("boilerplate")
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 9 + [boilerplate, CONTENT]
    texts = ("Click to shrink...", "READ MORE", "Voir plus", "Read more about the council", "Expand")
    assert [bool(DISCLOSURE_CONTROL.match(t)) for t in texts] == [True, True, True, False, False]
    monkeypatch.setattr(decide, "DISCLOSURE_CONTROL_DROP", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 11


def test_a_loading_placeholder_kept_as_content_takes_its_best_other_label(monkeypatch) -> None:
    slots = "".join("<div class='card'><h3>Loading...</h3></div>" for _ in range(3))
    feats, blocks = _page(f"<body><main>{REPORT}{slots}<p>Loading the vans took an hour.</p></main></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps every block
    boilerplate = LABELS.index("boilerplate")
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [boilerplate] * 3 + [CONTENT]
    assert [bool(LOADING_PLACEHOLDER.match(t)) for t in ("[ LOADING ]", "Wird geladen …", "Loading times")] == [
        True,
        True,
        False,
    ]
    monkeypatch.setattr(decide, "LOADING_PLACEHOLDER_DROP", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 12


def test_placeholder_filler_kept_as_content_takes_its_best_other_label(monkeypatch) -> None:
    filler = (
        "<div class='module'><h3>Lorem Ipsum</h3><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
        "eiusmod tempor.</p><ul><li>Lorem ipsum 1</li><li>Lorem ipsum 2</li></ul></div>"
    )
    quote = "<p>Lorem ipsum is the filler text typesetters have used since the 1500s.</p>"
    feats, blocks = _page(f"<body><main>{REPORT}{filler}{quote}</main></body>")
    probs = _story_probs(blocks, 0.9)  # the model keeps every block
    boilerplate = LABELS.index("boilerplate")
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 8 + [boilerplate] * 3 + [CONTENT]
    monkeypatch.setattr(decide, "FILLER_TEXT_DROP", False)
    assert decide.choose_labels(probs, feats, blocks).tolist() == [CONTENT] * 12


def test_a_page_of_short_sections_keeps_the_flagged_copy_between_its_kept_blocks(monkeypatch) -> None:
    sections = "".join(
        f"<section><h2>What the service does number {i}</h2><p>Short copy about part {i} of the offer for teams.</p>"
        f"<div class='note'>Set up in minutes for team {i}</div></section>"
        for i in range(4)
    )
    page = (
        "<body><header><p>The site's banner line with its own slogan</p></header><main><h1>Plans for busy teams</h1>"
        f"{sections}<p class='meta'>Updated Jan 5, 2024 by staff</p><p>A closing line of short copy for the page.</p>"
        "</main><footer><p>Copyright and a few links to the terms of this site.</p></footer></body>"
    )
    feats, blocks = _page(page)
    texts = [b.text for b in blocks]
    boilerplate = LABELS.index("boilerplate")
    probs = _content_and(boilerplate, 0.9, len(blocks))
    flagged = [i for i, t in enumerate(texts) if t.startswith(("Set up", "Updated", "The site", "Copyright"))]
    for i in flagged:  # the model is sure of the notes, the dated line, the banner and the footer: furniture
        probs[i] = _content_and(boilerplate, 0.001, n=1)[0]
    kept = [t for t, k in zip(texts, decide.choose_labels(probs, feats, blocks), strict=True) if k == CONTENT]
    assert all(f"Set up in minutes for team {i}" in kept for i in range(4))
    assert not any(t.startswith(("Updated", "The site", "Copyright")) for t in kept)  # a date, banner, footer stay out
    monkeypatch.setattr(decide, "SHORT_SECTIONS_MIN_HEADINGS", 0)
    kept = [t for t, k in zip(texts, decide.choose_labels(probs, feats, blocks), strict=True) if k == CONTENT]
    assert not any(t.startswith("Set up") for t in kept)


def test_a_page_of_short_sections_shows_its_hidden_panels_but_not_hidden_copies(monkeypatch) -> None:
    sections = "".join(
        f"<section><h2>What the service does number {i}</h2><p>Short copy about part {i} of the offer for teams.</p>"
        "</section>"
        for i in range(4)
    )
    panel = "<div hidden><p>Answer that a click on the question opens for the reader.</p></div>"
    clone = "<div aria-hidden='true'><p>Short copy about part 1 of the offer for teams.</p></div>"
    page = f"<body><main><h1>Plans for busy teams</h1>{sections}{panel}{clone}<p>A closing line.</p></main></body>"
    feats, blocks = _page(page)
    texts = [b.text for b in blocks]
    probs = _content_and(LABELS.index("boilerplate"), 0.9, len(blocks))  # the model keeps every block

    def kept() -> list[str]:
        labels = decide.choose_labels(probs, feats, blocks)
        return [t for t, k in zip(texts, labels, strict=True) if k == CONTENT]

    assert "Answer that a click on the question opens for the reader." in kept()  # a closed panel: shown copy
    assert kept().count("Short copy about part 1 of the offer for teams.") == 1  # a hidden copy of a shown block
    monkeypatch.setattr(decide, "SHORT_SECTIONS_SHOWS_HIDDEN", False)
    assert "Answer that a click on the question opens for the reader." not in kept()
    monkeypatch.setattr(decide, "SHORT_SECTIONS_SHOWS_HIDDEN", True)
    monkeypatch.setattr(decide, "SHORT_SECTIONS_MIN_HEADINGS", 0)  # no page of short sections: hidden stays hidden
    assert "Answer that a click on the question opens for the reader." not in kept()


def test_the_entries_of_a_wiki_list_page_are_content(monkeypatch) -> None:
    intro = "<p>Paragraph of the list page that says which planets, moons and comets the list below names.</p>"
    entries = "".join(f"<li><a href='/wiki/Body_{i}'>Body {i}</a></li>" for i in range(24))

    def labels_of(names: str, count: int = 24) -> list[int]:
        feats, blocks = _page(f"<body><main>{intro}<div class='{names}'><ul>{entries}</ul></div></main></body>")
        probs = _story_probs(blocks, 0.001)  # the model keeps the intro and reads every short link as navigation
        return decide.choose_labels(probs, feats, blocks).tolist()[: 1 + count]

    boilerplate = LABELS.index("boilerplate")
    assert labels_of("div-col") == [CONTENT] * 25  # a list article's column list
    assert labels_of("mw-category mw-category-columns") == [CONTENT] * 25  # a category page's members
    assert labels_of("related-links") == [CONTENT] + [boilerplate] * 24  # no wiki list name
    entries = "".join(f"<li><a href='/wiki/Body_{i}'>Body {i}</a></li>" for i in range(5))
    assert labels_of("div-col", 5) == [CONTENT] + [boilerplate] * 5  # a short "See also" column list
    entries = "".join(f"<li><a href='/wiki/Body_{i}'>Body {i}</a></li>" for i in range(24))
    monkeypatch.setattr(decide, "WIKI_LIST_MIN_ITEMS", 0)
    assert labels_of("div-col") == [CONTENT] + [boilerplate] * 24


def test_a_declared_forums_dropped_post_bodies_are_content_its_quotes_and_other_pages_are_not(monkeypatch) -> None:
    posts = "".join(
        f"<div class='topic-body'><div class='meta'>user{i} posted</div><div class='post' itemprop='text'>"
        f"<p>Reply {i} says the service restarts cleanly once the custom integration is disabled.</p>"
        f"<aside class='quote'><p>Quoted {i} line from an earlier post in this thread.</p></aside></div></div>"
        for i in range(4)
    )
    feats, blocks = _page(f"<body><h1>Stuck on start</h1><div class='topics'>{posts}</div></body>")
    kept = _rows(blocks, "Reply 0")
    probs = _boilerplate_probs(blocks, kept)  # the model keeps the first post only
    forum = frozenset({"DiscussionForumPosting", "Person"})
    labels = decide.choose_labels(probs, feats, blocks, forum)
    assert all(labels[i] == CONTENT for i in _rows(blocks, "Reply"))
    assert all(labels[i] != CONTENT for i in _rows(blocks, "Quoted") + _rows(blocks, "user"))
    article = decide.choose_labels(probs, feats, blocks, frozenset({"Article"}))  # no forum declared
    assert [i for i in range(len(blocks)) if article[i] == CONTENT] == kept
    monkeypatch.setattr(decide, "FORUM_POST_KEPT_MIN", 0)
    labels = decide.choose_labels(probs, feats, blocks, forum)
    assert [i for i in range(len(blocks)) if labels[i] == CONTENT] == kept


@pytest.mark.parametrize(
    ("pattern", "needs", "texts"),
    [
        (
            vocabulary.FEEDBACK_INVITATION,
            vocabulary.FEEDBACK_WORDS,
            [
                "Please take our quick survey about the new layout",
                "Your feedback really matters to us",
                "We would love to hear your thoughts",
                "Votre avis nous intéresse",
                "Participa en una encuesta breve",
                "Partecipa al nostro questionario",
                "Jouw mening telt",
                "Nehmen Sie an unserer kurzen Umfrage teil",
            ],
        ),
        (
            vocabulary.OFFER_LINE,
            vocabulary.OFFER_LINE_WORDS,
            [
                "Read the e-paper, the digital replica of our print edition",
                "An invitation-only network of senior engineering leaders",
                "Do I qualify?",
                "The weekly newsletter for garden lovers",
                "Preisvergleiche zu Laptops und Tablets",
            ],
        ),
    ],
)
def test_a_wording_step_s_quick_words_are_in_every_match(
    pattern: re.Pattern[str], needs: re.Pattern[str], texts: list[str]
) -> None:
    for text in texts:
        assert pattern.search(text) is not None, text
        assert needs.search(text) is not None, text


def test_holds_finds_what_a_case_insensitive_search_finds() -> None:
    words = re.compile(r"whats|blo[ckq]", re.IGNORECASE)
    assert decide._case_kept(words) is not None
    assert decide._case_kept(re.compile(r"^\W*by\b", re.IGNORECASE)) is None  # an escape: searched as it is
    for text in ["Join our WhatsApp channel", "Ad BLOCKER on", "nothing here", "ſome Whatſ text", "ad bloq", ""]:
        assert decide.holds(words, text) == (words.search(text) is not None), text
