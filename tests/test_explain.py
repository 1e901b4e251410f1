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
    assert 'title="poll 0.90 | cues: class~x&quot; onmouseover=&quot;alert(1), phrase:&lt;b&gt;"' in page
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
