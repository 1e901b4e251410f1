"""The public API: result shape, locations, pickling, streaming."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import cleaner
from cleaner import Label

PAGE = """<html><head><meta charset="utf-8"><title>t</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article><h1>Harbour reopens after storm repairs</h1>
<p>The harbour reopened to fishing boats on Monday after three weeks of repairs to the sea wall,
which was breached during January's storm.</p>
<p>Engineers replaced more than 200 metres of masonry and installed new drainage channels,
the harbour authority said in a statement.</p>
<p>"We are relieved to be back at sea," said one skipper, who asked not to be named.</p></article>
<footer><p>© 2024 Harbour Times</p></footer></body></html>"""


def test_result_shape_and_json_round_trip(cleaner_instance: cleaner.Cleaner) -> None:
    result = cleaner_instance.clean(PAGE)
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"kind", "model_version", "text", "segments", "quality", "warnings"}
    assert set(data["segments"][0]) == {"index", "label", "confidence", "text", "start", "end", "xpath", "tag", "cues"}
    assert [s["index"] for s in data["segments"]] == list(range(len(result.segments)))
    assert "Harbour reopens after storm repairs" in result.text
    assert "sea wall" in result.text
    assert all(s.label is not Label.CONTENT for s in result.flagged)


def test_html_locations_point_at_their_text(cleaner_instance: cleaner.Cleaner) -> None:
    from lxml import html as lxml_html

    result = cleaner_instance.clean(PAGE)
    tree = lxml_html.fromstring(PAGE).getroottree()
    for s in result.segments:
        assert result.source_text[s.start : s.end] == s.text
        (element,) = tree.xpath(s.xpath)
        assert s.text.split()[0] in " ".join(element.text_content().split())


def test_an_ad_frames_fallback_markup_is_a_flagged_promo_segment_never_clean_text(
    cleaner_instance: cleaner.Cleaner,
) -> None:
    fallback = (
        '<SCRIPT LANGUAGE="JavaScript" SRC="http://ad.doubleclick.net/adj/harbour.times/news;sz=300x250"></SCRIPT>'
    )
    page = PAGE.replace("</article>", f'</article><iframe src="http://ad.doubleclick.net/adi/x">{fallback}</iframe>')
    result = cleaner_instance.clean(page, cues=True)
    (frame,) = [s for s in result.segments if s.tag == "iframe"]
    assert (frame.label, frame.text, frame.cues) == (Label.PROMO, fallback, ("frame:ad_server=ad.doubleclick.net",))
    assert result.source_text[frame.start : frame.end] == frame.text
    assert [s.index for s in result.segments] == list(range(len(result.segments)))
    assert "doubleclick" not in result.text and "sea wall" in result.text
    without = cleaner_instance.clean(PAGE)
    assert result.text == without.text  # the model's blocks read as before...
    assert result.quality == without.quality  # ...and the page quality reads the model's segments only


def test_an_app_shell_is_read_with_its_noscript_text(cleaner_instance: cleaner.Cleaner) -> None:
    """A forum app renders its thread into <noscript>; the shell shows a menu of a few dozen words."""
    links = " ".join(f"<a href='/c/{i}'>Category number {i}</a>" for i in range(12))
    shell = f"<header><nav>{links}</nav></header>"
    replies = "".join(
        f"<div class='post'><p>Reply {i}: the sea wall repairs were overdue, and the new drainage channels should stop"
        " the flooding we saw on the quay every winter since the storm.</p></div>"
        for i in range(4)
    )
    article = PAGE.split("<body>", 1)[1].split("<footer>", 1)[0] + replies
    page = f"<html><body>{shell}<div id='app'></div><noscript>{article}</noscript></body></html>"
    assert len(" ".join(shell.split(">")).split()) >= 30  # more than the "shows nothing" rule's 30 words
    assert "sea wall" in cleaner_instance.clean(page).text
    notice = page.replace(article, "<p>Please enable JavaScript to read this forum.</p>")
    assert "enable JavaScript" not in cleaner_instance.clean(notice).source_text  # a short noscript stays unread


def test_kind_override_and_detection(cleaner_instance: cleaner.Cleaner) -> None:
    assert cleaner_instance.clean("Just a line of text.\n\nAnother one.").kind == "text"
    assert cleaner_instance.clean(PAGE).kind == "html"
    as_text = cleaner_instance.clean(PAGE, kind="text")
    assert as_text.kind == "text"
    with pytest.raises(ValueError, match="kind must be one of"):
        cleaner.CleanerConfig(kind="pdf")


def test_cleaner_pickles_and_gives_identical_results(cleaner_instance: cleaner.Cleaner) -> None:
    before = cleaner_instance.clean(PAGE).to_dict()
    clone = pickle.loads(pickle.dumps(cleaner_instance))
    assert clone.clean(PAGE).to_dict() == before


def test_clean_many_streams_in_order(cleaner_instance: cleaner.Cleaner) -> None:
    docs = [PAGE, "One paragraph.\n\nTwo paragraphs.", b"<p>bytes page</p><p>second</p>"]
    results = list(cleaner_instance.clean_many(iter(docs)))
    assert [r.kind for r in results] == ["html", "text", "html"]


def test_captions_are_content_segments_and_in_the_text_on_request() -> None:
    page = PAGE.replace(
        "<p>Engineers",
        "<figure><img src='wall.jpg' alt=''><figcaption>Workers on the rebuilt sea wall. Photograph: J. Doe"
        "</figcaption></figure><p>Engineers",
    )
    caption = "Workers on the rebuilt sea wall. Photograph: J. Doe"
    default = cleaner.Cleaner().clean(page)
    (segment,) = [s for s in default.segments if s.text == caption]
    assert (segment.tag, segment.label) == ("figcaption", Label.CONTENT)
    assert caption not in default.text and "Engineers replaced" in default.text
    kept = cleaner.Cleaner(config=cleaner.CleanerConfig(captions=True)).clean(page)
    assert [s.label for s in kept.segments] == [s.label for s in default.segments]
    assert caption in kept.text and kept.text.replace(caption + "\n\n", "") == default.text


def test_a_page_without_main_content_comes_back_empty_with_its_segments(cleaner_instance: cleaner.Cleaner) -> None:
    result = cleaner_instance.clean("<html><body><div><a href='/x'>Only a link</a></div></body></html>")
    assert result.text == "" and not result.quality.main_content
    assert [s.text for s in result.segments] == ["Only a link"]  # still reported, with its label


def test_paragraphs_with_inner_line_breaks(cleaner_instance: cleaner.Cleaner) -> None:
    text = "First line\nof the first paragraph.\n\nSecond\r\nparagraph with \x0b odd \x1c breaks.\n\nThird."
    result = cleaner_instance.clean(text)
    assert [s.text for s in result.segments][0] == "First line\nof the first paragraph."
    assert len(result.segments) == 3
    for s in result.segments:
        assert text[s.start : s.end] == s.text


def test_binary_input_gives_a_result_or_a_clear_error(cleaner_instance: cleaner.Cleaner) -> None:
    import random

    rng = random.Random(3)
    refused = 0
    for _ in range(30):
        data = b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(3000))
        try:
            result = cleaner_instance.clean(data)
        except cleaner.InputError as exc:
            assert "\n" not in str(exc) and "not HTML or text" in str(exc)
            refused += 1
        else:
            assert isinstance(result.text, str)
    assert refused == 30  # a PNG signature is recognised every time


def test_too_deep_markup_is_read_as_text(cleaner_instance: cleaner.Cleaner) -> None:
    doc = "<html><body>" + "<div>" * 100_000 + "<p>Deep inside the page there is a sentence.</p>" + "</div>" * 100_000
    result = cleaner_instance.clean(doc)
    assert "Deep inside the page there is a sentence." in [s.text for s in result.segments]
    assert any("nested deeper than" in w and "read as plain text" in w for w in result.warnings)
    normal = cleaner_instance.clean("<div>" * 50 + "<p>A normal page.</p>" + "</div>" * 50)
    assert normal.kind == "html" and not normal.warnings


RULES_TOML = """
[[rule]]
name = "harbour-body"
selector = "article p"
forbid = ["boilerplate", "promo"]

[[rule]]
name = "copyright"
pattern = "^©"
label = "promo"
"""


def test_rules_force_and_forbid_after_the_model_with_a_cue(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(RULES_TOML, encoding="utf-8")
    ruled = cleaner.Cleaner(rules=path)
    result = ruled.clean(PAGE)
    (footer,) = [s for s in result.segments if s.text.startswith("©")]
    assert footer.label is Label.PROMO and footer.confidence == 1.0 and footer.cues[0] == "rule:copyright"
    assert all(s.label is Label.CONTENT for s in result.segments if s.xpath and "/article/p" in s.xpath)
    assert "rule:copyright" in ruled.clean(PAGE, cues=False).segments[-1].cues  # shown even without explanations
    again = pickle.loads(pickle.dumps(ruled))
    assert again.rules == ruled.rules and again.clean(PAGE).to_dict() == result.to_dict()
    records = list(ruled.clean_many([PAGE], workers=2, output="record"))
    assert [span[2:] for span in records[0]["spans"] if span[3] == 1.0] == [["promo", 1.0]]


def test_rules_given_as_data_and_their_errors() -> None:
    text = "Intro paragraph of the article, long enough to be prose.\n\nSponsored: buy our boats today."
    ruled = cleaner.Cleaner(rules=[{"name": "sponsored", "pattern": "^Sponsored:", "label": "promo"}])
    result = ruled.clean(text)
    assert [s.label for s in result.segments][-1] is Label.PROMO and "Sponsored" not in result.text
    with pytest.raises(cleaner.CleanerError, match=r"rule 1: bad regex '\[': unterminated character set"):
        cleaner.Cleaner(rules=[{"pattern": "[", "label": "promo"}])
    with pytest.raises(cleaner.InputError, match="rules file 'missing.toml'"):
        cleaner.Cleaner(rules="missing.toml")


def test_the_quality_summary_of_a_page(cleaner_instance: cleaner.Cleaner) -> None:
    result = cleaner_instance.clean(PAGE)
    quality = result.quality
    assert quality.main_content and quality.shares["content"] > 0.5
    assert sum(quality.shares.values()) == pytest.approx(1.0, abs=1e-3)
    assert 0.0 <= quality.confidence <= 1.0
    assert result.to_dict()["quality"] == result.to_record()["quality"] == quality.to_dict()
    assert cleaner_instance.clean("").quality.confidence == 0.0


def test_a_call_to_action_in_a_footer_is_promo_and_its_cue_says_why() -> None:
    page = (
        "<html><body><article><h1>Council approves the new bridge</h1>"
        + "<p>The council voted on Tuesday to build a new bridge over the river, ending a long debate.</p>" * 4
        + "</article><footer><ul><li><a href='/about'>About us</a></li><li><a href='/jobs'>Careers</a></li>"
        "<li><a href='/subscribe'>Subscribe for $1 a week</a></li><li><a href='/privacy'>Privacy Policy</a></li>"
        "</ul></footer></body></html>"
    )
    result = cleaner.Cleaner().clean(page, cues=True)
    (ask,) = [s for s in result.segments if s.text.startswith("Subscribe")]
    assert ask.label is Label.PROMO and ask.cues[0] == "says:call_to_action"
    (policy,) = [s for s in result.segments if s.text == "Privacy Policy"]
    assert policy.label is Label.BOILERPLATE
