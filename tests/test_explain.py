"""``cleaner explain`` (table and HTML report) and ``clean --format markdown``; the report in headless Chromium."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from cleaner.core.types import Label, Result, Segment
from cleaner.runners.report import COLOURS, html_report, to_markdown

from .conftest import EXAMPLE
from .test_cli import CLI, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_cli = pytest.mark.skipif(CLI is None, reason="the cleaner entry point is not installed")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")

SCRIPT_PAYLOAD = "<script>document.title='PWNED-script'</script>"
IMG_PAYLOAD = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
NAME_PAYLOAD = "evil<img src=y onerror=\"document.title='PWNED-name'\">.html"
EVIL_PAGE = f"""<html><head><title>Election</title><script>document.title='PWNED-page-script'</script></head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<article><h1>Local election results {SCRIPT_PAYLOAD.replace("<", "&lt;")}</h1>
<p>The mayor won a second term with 54 percent of the vote, officials said on Sunday night.
{IMG_PAYLOAD.replace("<", "&lt;")}</p>
<p>Turnout was the highest in twenty years, according to the county clerk's office.</p></article>
<div class="poll"><p>Who do you think will win the next election? Vote now!</p><ul><li>Yes</li><li>No</li></ul></div>
<div class="cookie-banner"><p>We use cookies. By continuing to browse you agree to our cookie policy.</p></div>
<footer><p>Copyright 2024 The Local Paper. All rights reserved.</p></footer>
</body></html>"""


def seg(index: int, label: Label, text: str, tag: str = "p", cues: tuple[str, ...] = ()) -> Segment:
    return Segment(index, label, 0.9, text, 0, len(text), None, tag, cues)


def result_of(*segments: Segment) -> Result:
    text = "\n\n".join(s.text for s in segments if s.label is Label.CONTENT)
    return Result(text, segments, "html", text, "test-model")


def test_markdown_follows_block_tags() -> None:
    r = result_of(
        seg(0, Label.CONTENT, "The headline", "h1"),
        seg(1, Label.BOILERPLATE, "Home News Sport", "ul"),
        seg(2, Label.CONTENT, "First   paragraph.", "div"),
        seg(3, Label.CONTENT, "A section", "h3"),
        seg(4, Label.CONTENT, "one", "li"),
        seg(5, Label.CONTENT, "two", "li"),
        seg(6, Label.CONTENT, "# not a heading <b>and not a tag</b>", "p"),
        seg(7, Label.PROMO, "Subscribe now", "p"),
    )
    assert to_markdown(r) == (
        "# The headline\n\nFirst paragraph.\n\n### A section\n\n- one\n- two\n\n"
        "\\# not a heading \\<b>and not a tag\\</b>"
    )


def test_markdown_renders_tables_lists_and_code_read_as_units() -> None:
    r = result_of(
        seg(0, Label.CONTENT, "Area\t2027\nSchools | fees\t134 m\nHousing", "table"),
        seg(1, Label.CONTENT, "first\nsecond", "ol"),
        seg(2, Label.CONTENT, "x = 1\n    y = ```", "pre"),
        seg(3, Label.CONTENT, "one\ntwo", "ul"),
    )
    assert to_markdown(r) == (
        "| Area | 2027 |\n| --- | --- |\n| Schools \\| fees | 134 m |\n| Housing |  |\n\n"
        "1. first\n2. second\n\n````\nx = 1\n    y = ```\n````\n\n- one\n- two"
    )


@needs_cli
def test_clean_markdown_and_explain_table(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(EVIL_PAGE)
    md = run("clean", str(page), "--format", "markdown")
    assert md.returncode == 0, md.stderr
    assert md.stdout.decode().startswith("# Local election results \\<script>")
    bad = run("clean", str(page), "--format", "yaml")
    assert bad.returncode == 2 and bad.stderr.decode().count("\n") == 1

    if not EXAMPLE.exists():
        pytest.skip("../shared/examples is not beside the repository")
    proc = run("explain", str(EXAMPLE))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "label" in out and "conf" in out and "cues" in out
    counts = dict(re.findall(r"(\w+) (\d+)", out.strip().splitlines()[-1]))
    assert set(counts) == {label.value for label in Label}
    assert int(counts["poll"]) >= 1 and int(counts["consent"]) >= 1  # the worked example's labels


def test_report_escapes_text_cues_and_name() -> None:
    r = result_of(
        seg(0, Label.CONTENT, f"Headline {SCRIPT_PAYLOAD}", "h1"),
        seg(1, Label.POLL, f"Vote {IMG_PAYLOAD}", "p", cues=('class~x" onmouseover="alert(1)', "phrase:<b>")),
    )
    page = html_report(r, NAME_PAYLOAD)
    assert "<script" not in page.lower() and "<img" not in page.lower() and "phrase:<b>" not in page
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'\"" in page.replace("&#x27;", "'")
    assert 'title="cue: class~x&quot; onmouseover=&quot;alert(1)"' in page and 'title="cue: phrase:&lt;b&gt;"' in page
    assert 'class="seg l-poll"' in page and 'class="swatch l-promo"' in page


# --- in a real browser -------------------------------------------------------------------------------------------


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium, no network, a throw-away profile."""
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=90)  # type: ignore[list-item]


def dump_dom(tmp: Path, page: Path) -> str:
    proc = chromium(tmp, "--dump-dom", page.as_uri())
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def png_pixels(path: Path) -> list[tuple[int, int, int]]:
    """The RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        header = chunk if kind == b"IHDR" else header
        idat += chunk if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG format"
    bpp = 3 if colour == 2 else 4
    raw, stride, pixels = zlib.decompress(idat), width * bpp, []
    previous = bytearray(stride)
    for y in range(height):
        filt, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = previous[i], previous[i - bpp] if i >= bpp else 0
            if filt == 1:
                line[i] = (line[i] + a) & 255
            elif filt == 2:
                line[i] = (line[i] + b) & 255
            elif filt == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        pixels += [tuple(line[x : x + 3]) for x in range(0, stride, bpp)]  # type: ignore[misc]
        previous = line
    return pixels


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def assert_not_executed(dom: str, name: str) -> None:
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)  # type: ignore[union-attr]
    assert html.unescape(title) == f"cleaner explain: {name}"  # a payload that ran would have set it
    assert re.search(r"<body>", dom), "a payload that ran would have set data-pwned on <body>"
    assert not re.search(r"<(script|img)\b", dom, re.I), "input markup became elements"
    assert "&lt;script&gt;document.title='PWNED-script'&lt;/script&gt;" in dom  # shown as text instead
    assert "&lt;img src=x onerror=" in dom


@needs_cli
@needs_chromium
def test_report_in_headless_chromium(tmp_path: Path) -> None:
    source = tmp_path / NAME_PAYLOAD
    source.write_text(EVIL_PAGE)
    report = tmp_path / "report.html"
    proc = run("explain", str(source), "--html", str(report))
    assert proc.returncode == 0, proc.stderr

    # The harness can see a payload that runs: the same payload, unescaped, in a page of our own.
    control = tmp_path / "control.html"
    control.write_text(f"<html><head><title>control</title></head><body>{IMG_PAYLOAD}{SCRIPT_PAYLOAD}</body></html>")
    control_dom = dump_dom(tmp_path, control)
    assert "<title>PWNED-script</title>" in control_dom and 'data-pwned="img"' in control_dom

    assert_not_executed(dump_dom(tmp_path, report), str(source))
    # Escaping alone keeps the payloads inert: drop the Content-Security-Policy and look again.
    no_csp = tmp_path / "no-csp.html"
    no_csp.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", report.read_text()))
    assert "Content-Security-Policy" not in no_csp.read_text()
    assert_not_executed(dump_dom(tmp_path, no_csp), str(source))

    # Every label the report uses is on screen in its colour.
    shot = tmp_path / "shot.png"
    proc2 = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1100,1400", report.as_uri())
    assert shot.exists(), proc2.stderr[-2000:]
    pixels = png_pixels(shot)
    used = set(re.findall(r'data-label="(\w+)"', report.read_text()))
    assert {"content", "poll"} <= used
    for label in used:
        background = rgb(COLOURS[Label(label)][1])
        near = sum(1 for p in pixels if all(abs(x - y) <= 2 for x, y in zip(p, background, strict=True)))
        assert near > 2000, f"{label} segments are not visible ({near} pixels of {background})"


def test_report_neutralises_links_and_style_breakouts() -> None:
    import re

    import cleaner
    from cleaner.runners.report import html_report

    hostile = (
        '<html><body><p><a href="javascript:alert(1)">Click the javascript: link</a> for the prize.</p>'
        "<p>A paragraph that closes the style </style><script>alert(2)</script> and goes on.</p>"
        '<p title="x" onmouseover="alert(3)">Hover text in a paragraph with an event handler.</p></body></html>'
    )
    report = html_report(cleaner.clean(hostile), 'name"><script>alert(4)</script>')
    assert "<script" not in report.lower()
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", report, re.IGNORECASE)
    assert report.lower().count("</style>") == 1  # only the report's own stylesheet
    assert not re.search(r"\son\w+\s*=", report, re.IGNORECASE)


def test_cleaning_the_clean_text_again_keeps_it() -> None:
    """Idempotence within a tolerance: re-cleaning the clean text keeps at least 90% of its characters and adds
    nothing. (A short headline, read again without its markup, can be dropped as a stray line.)"""
    import cleaner

    example = Path(__file__).resolve().parent.parent.parent / "shared" / "examples" / "injected-poll-article.txt"
    docs = [example.read_text(encoding="utf-8")] if example.exists() else []
    docs.append(
        "<html><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><article><h1>Harbour reopens</h1>"
        "<p>The harbour reopened to fishing boats on Monday after three weeks of repairs to the sea wall.</p>"
        "<p>Engineers replaced more than 200 metres of masonry, the harbour authority said.</p></article>"
        "<footer>© 2024 Harbour Times</footer></body></html>"
    )
    for doc in docs:
        first = cleaner.clean(doc).text
        second = cleaner.clean(first, kind="text").text
        assert len(second) >= 0.9 * len(first)
        assert all(paragraph in first for paragraph in second.split("\n\n"))


# --- the report explains ----------------------------------------------------------------------------------------


def every_cue_name() -> list[str]:
    """Every cue name cleaner/core/explain.py can give (README, "Cues: what each name means")."""
    from cleaner.core import explain
    from cleaner.core.vocabulary import CLASS_GROUPS, LANDMARKS

    names = [explain.dense_cue(n, v) for n in sorted(explain._DENSE_SHOWN) for v in (0.0, 0.42, 1.0)]
    names += [f"inside~{g}" for g in CLASS_GROUPS] + [f"not_inside~{g}" for g in CLASS_GROUPS]
    names += [f"landmark:{name}" for name in LANDMARKS] + [f"not_landmark:{name}" for name in LANDMARKS]
    names += ["word:subscribe", 'phrase:"you agree"', "class~cookie", "tag:button", "inside:form", "rule:ads"]
    names += [f"{side}:{label.value}" for side in ("after", "before") for label in Label]
    names += ["frame:ad_server=ad.doubleclick.net", "frame:ad_slot", "frame:ad_label", "frame:fallback"]
    names += ["menu:drop_down", "menu:ad_slot"]  # decide.ruled_segment's
    return sorted(set(names))


def test_every_cue_name_has_plain_words() -> None:
    from cleaner.runners.report import cue_phrase

    names = every_cue_name()
    assert {"before_best", "not_in_best", "anc1_share=0.00", "landmark:cmp", "not_inside~nav"} <= set(names)
    for name in names:
        phrase = cue_phrase(name)
        assert phrase != name and "_" not in phrase and "~" not in phrase and "=" not in phrase, (name, phrase)
    assert cue_phrase("before_best") == "comes before the page's main text"
    assert cue_phrase("anc1_share=0.00") == "0% of the page's text is in its parent element"
    assert cue_phrase("link_density=0.92") == "92% of its text is links"
    assert cue_phrase("consent_words=5") == "has 5 words typical of consent notices"
    assert cue_phrase("after:poll") == "follows a poll block"


def visible_text(page: str) -> str:
    """What a reader sees without hovering: the body's text, no tags, no attributes."""
    body = page.split("<body>", 1)[1]
    return html.unescape(re.sub(r"<[^>]*>", " ", body))


ALL_LABELS = (
    seg(0, Label.BOILERPLATE, "Home News Sport Weather", "ul", cues=("landmark:nav", "link_density=0.92")),
    seg(1, Label.CONTENT, "Harbour wall repaired", "h1"),
    seg(2, Label.CONTENT, "The council voted on Monday to repair the old harbour wall before winter. " * 3),
    seg(3, Label.POLL, "Should the council have spent the money? Vote now!", cues=("question", "poll_words=2")),
    seg(4, Label.PROMO, "Subscribe for 1 euro a month and read without limits.", cues=("before_best", "currency")),
    seg(5, Label.CONTENT, "Repairs will take six months, the harbour authority said in a statement. " * 3),
    seg(6, Label.CONSENT, "We use cookies. By continuing you agree to our cookie policy.", cues=("anc1_share=0.00",)),
    seg(7, Label.PROMO, "Download our app for breaking news alerts.", cues=("not_in_best", "after:consent")),
    seg(8, Label.BOILERPLATE, "Copyright 2024 The Harbour Times. All rights reserved.", cues=("copyright",)),
)


def test_report_shows_cues_in_words_beside_each_flagged_block() -> None:
    page = html_report(result_of(*ALL_LABELS), "page.html")
    seen = visible_text(page)
    for phrase in (
        "asks a question",
        "comes before the page's main text",
        "92% of its text is links",
        "0% of the page's text is in its parent element",
        "follows a consent block",
        "is outside the page's main text",
        "sits in the navigation",
    ):
        assert phrase in seen, phrase
    for internal in ("before_best", "not_in_best", "anc1_share", "link_density", "landmark:", "poll_words"):
        assert internal not in seen, internal
    poll_block = re.search(r'<div class="seg l-poll"[^>]*>(.*?)</div></div>', page, re.S).group(1)  # type: ignore[union-attr]
    assert "asks a question" in html.unescape(poll_block)  # beside its own block, not in a footnote


def test_report_summary_filters_and_jump_links() -> None:
    page = html_report(result_of(*ALL_LABELS), "page.html")
    seen = visible_text(page)
    assert re.search(
        r"Kept \d+% of the text \([\d,]+ of [\d,]+ characters\); flagged 6 blocks: "
        r"1 poll, 1 consent, 2 promo, 2 boilerplate[.;]",
        seen,
    ), seen
    if hasattr(Result, "quality"):  # the page-level quality summary, in the same line
        assert re.search(r"; main content found, \d+% likely the clean text is the page's main content\.", seen)
    ids = set(re.findall(r'id="(seg-\d+)"', page))
    links = re.findall(r'href="#(seg-\d+)"', page)
    assert links and set(links) <= ids
    assert 'href="#seg-3">first' in page and 'href="#seg-4">first' in page  # legend: first poll, first promo
    assert 'href="#seg-7">next promo' in page  # the first promo block links to the next one
    for label in Label:  # full, one line or hidden, per label, in pure CSS: the report still has no script
        name = label.value
        assert f'<input type="radio" name="view-{name}" id="full-{name}" checked>' in page
        assert f'id="fold-{name}">' in page and f'id="hide-{name}">' in page
        assert f"body:has(#hide-{name}:checked) .seg.l-{name} {{ display: none; }}" in page
    assert "<script" not in page.lower()


def test_report_keeps_no_raw_control_characters() -> None:
    r = result_of(
        seg(0, Label.CONTENT, "Text with \x1b]0;PWNED\x07 a title change and \x1b[2J a clear"),
        seg(1, Label.PROMO, "C1 \x9b31m and DEL \x7f", cues=("word:\x1b[31m",)),
    )
    page = html_report(r, "name\x1b[2J.html")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", page)
    assert "\\x1b]0;PWNED\\x07" in page and "\\x9b31m" in page and "name\\x1b[2J.html" in page


def write_all_labels_report(tmp: Path) -> Path:
    report = tmp / "all-labels.html"
    report.write_text(html_report(result_of(*ALL_LABELS), "all five labels"), encoding="utf-8")
    return report


def colour_pixels(pixels: list[tuple[int, int, int]], hex_colour: str) -> int:
    colour = rgb(hex_colour)
    return sum(1 for p in pixels if all(abs(x - y) <= 2 for x, y in zip(p, colour, strict=True)))


@needs_chromium
def test_report_with_all_five_labels_in_headless_chromium(tmp_path: Path) -> None:
    report = write_all_labels_report(tmp_path)
    dom = dump_dom(tmp_path, report)
    assert "asks a question" in dom and "Kept " in dom and not re.search(r"<script\b", dom, re.I)

    shot = tmp_path / "all.png"
    proc = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1100,1600", report.as_uri())
    assert shot.exists(), proc.stderr[-2000:]
    pixels = png_pixels(shot)
    for label in Label:
        assert colour_pixels(pixels, COLOURS[label][1]) > 2000, f"{label.value} blocks are not visible"

    # Choosing "hidden" for promo hides its blocks and "one line each" for boilerplate folds them (CSS, no script).
    chosen = report.read_text()
    for label, view in (("promo", "hide"), ("boilerplate", "fold")):
        chosen = chosen.replace(f'id="full-{label}" checked>', f'id="full-{label}">')
        chosen = chosen.replace(f'id="{view}-{label}">', f'id="{view}-{label}" checked>')
    (tmp_path / "chosen.html").write_text(chosen, encoding="utf-8")
    shot2 = tmp_path / "chosen.png"
    chromium(tmp_path, f"--screenshot={shot2}", "--window-size=1100,1600", (tmp_path / "chosen.html").as_uri())
    pixels2 = png_pixels(shot2)
    assert colour_pixels(pixels2, COLOURS[Label.PROMO][1]) < 500  # the legend's small swatch may remain
    folded, full = (
        colour_pixels(pixels2, COLOURS[Label.BOILERPLATE][1]),
        colour_pixels(pixels, COLOURS[Label.BOILERPLATE][1]),
    )
    assert 1000 < folded < 0.7 * full  # still there, on one line each
    assert colour_pixels(pixels2, COLOURS[Label.POLL][1]) > 2000


def test_terminal_table_shows_control_characters_as_escapes() -> None:
    import io

    from rich.console import Console

    from cleaner.runners.report import explain_table

    r = result_of(
        seg(0, Label.CONTENT, "Text \x1b]0;PWNED\x07 and \x1b[2J"),
        seg(1, Label.PROMO, "C1 \x9b31m", cues=("word:\x1b[31m",)),
    )
    out = io.StringIO()
    Console(file=out, force_terminal=False, width=200).print(explain_table(r, title="name\x1b[2J"))
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out.getvalue())
    assert "\\x1b]0;PWNED\\x07" in out.getvalue() and "name\\x1b[2J" in out.getvalue()


def test_readme_shows_the_report_screenshot() -> None:
    repo = Path(__file__).resolve().parent.parent
    assert "](docs/report.png)" in (repo / "README.md").read_text(encoding="utf-8")
    assert (repo / "docs" / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_markdown_leaves_captions_out_as_the_text_does() -> None:
    caption = Segment(1, Label.CONTENT, 0.9, "The bridge at dawn.", 0, 19, "/html/body/figure/figcaption", "figcaption")
    r = result_of(seg(0, Label.CONTENT, "Headline", "h1"), caption, seg(2, Label.CONTENT, "Body.", "p"))
    assert to_markdown(r) == "# Headline\n\nBody."
    assert to_markdown(r, captions=True) == "# Headline\n\nThe bridge at dawn.\n\nBody."
