"""Properties of ``clean`` on arbitrary input (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import cleaner
from cleaner import CleanerError, Label

_CLEANER = cleaner.Cleaner()

tags = st.sampled_from(
    ["p", "div", "li", "ul", "span", "a", "h1", "td", "table", "br", "b", "nav", "form", "script", "iframe", "select",
     "option"]
)  # fmt: skip
words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=30)


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(tags)
        choice = draw(st.integers(0, 3))
        if choice == 0:
            parts.append(f"<{tag} class='{draw(words)[:8]}'>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(words))
    return "<html><body>" + "".join(parts)


def _check(result: cleaner.Result) -> None:
    assert [s.index for s in result.segments] == list(range(len(result.segments)))
    for s in result.segments:
        assert result.source_text[s.start : s.end] == s.text
        assert s.text.strip()
        assert 0.0 <= s.confidence <= 1.0
    content = [s.text for s in result.segments if s.label is Label.CONTENT]
    assert result.text == "\n\n".join(content)
    starts = [s.start for s in result.segments]
    assert starts == sorted(starts)


@given(st.text())
def test_any_str_gives_a_result(text: str) -> None:
    try:
        result = _CLEANER.clean(text)
    except CleanerError:
        return
    _check(result)


@given(st.binary(max_size=2000))
def test_any_bytes_give_a_result(data: bytes) -> None:
    try:
        result = _CLEANER.clean(data)
    except CleanerError:
        return
    _check(result)


@given(tag_soup())
def test_tag_soup_gives_located_segments(doc: str) -> None:
    result = _CLEANER.clean(doc)
    _check(result)
    assert result.kind == "html"


@given(tag_soup())
def test_cleaning_is_deterministic(doc: str) -> None:
    assert _CLEANER.clean(doc).to_dict() == _CLEANER.clean(doc).to_dict()


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80),
        min_size=1,
        max_size=12,
    )
)
def test_text_paragraph_offsets_cut_the_input(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    result = _CLEANER.clean(text, kind="text")
    _check(result)
    for s in result.segments:
        assert text[s.start : s.end] == s.text


ARTICLE = (
    "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<article><h1>Harbour reopens after repairs</h1>"
    "<p>The harbour reopened to fishing boats on Monday after three weeks of repairs to the sea wall.</p>"
    "<p>Engineers replaced more than 200 metres of masonry and installed new drainage channels.</p>"
    "<p>The harbour authority said the work came in under budget and ahead of the spring season.</p></article>"
    "<footer><p>Copyright 2024 Harbour Times</p></footer></body></html>"
)
_SLOTS = [i for i in range(len(ARTICLE)) if ARTICLE.startswith(("<p>", "</p>", "<h1>", "</article>", "<footer>"), i)]


@st.composite
def ruled_elements(draw: st.DrawFn) -> str:
    """An inline frame with fallback markup or a drop-down menu with options."""
    text = draw(st.text(alphabet="abc <>/=\"'.:", min_size=1, max_size=40).filter(str.strip))
    if draw(st.booleans()):
        return f"<iframe src='http://ads.example.com/x'>{text.replace('</', '')}</iframe>"
    options = draw(st.lists(st.text(alphabet="abc xyz", max_size=12), min_size=1, max_size=4))
    return "<select>" + "".join(f"<option>{o}</option>" for o in options) + "</select>"


@given(st.lists(st.tuples(st.sampled_from(_SLOTS), ruled_elements()), max_size=4))
def test_frames_and_menus_never_change_the_clean_text(inserts: list[tuple[int, str]]) -> None:
    page = ARTICLE
    for at, markup in sorted(inserts, reverse=True):
        page = page[:at] + markup + page[at:]
    result = _CLEANER.clean(page)
    _check(result)
    assert result.text == _CLEANER.clean(ARTICLE).text
    assert all(s.label is not Label.CONTENT for s in result.segments if s.tag in ("iframe", "select"))
