"""Show a ``Result`` to people: Markdown, a terminal table, and a self-contained HTML report."""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from cleaner.core.types import Label, Result, Segment

if TYPE_CHECKING:
    from rich.table import Table

# One colour per label: terminal style, report background, report border.
COLOURS: dict[Label, tuple[str, str, str]] = {
    Label.CONTENT: ("green", "#e8f5e9", "#43a047"),
    Label.POLL: ("magenta", "#f3d9fa", "#9c27b0"),
    Label.CONSENT: ("yellow", "#fff3c4", "#f9a825"),
    Label.PROMO: ("red", "#ffd6d6", "#e53935"),
    Label.BOILERPLATE: ("blue", "#dde6f5", "#5c7cb8"),
}
PREVIEW_CHARS = 100
_MD_LEADING = re.compile(r"^(\s*)([#>*+-]|\d+[.)])(?=\s|$)")
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")  # page text that looks like a tag must stay text where Markdown is rendered
_HEADING = re.compile(r"^h([1-6])$")


# --- Markdown --------------------------------------------------------------------------------------------------------


def markdown_block(segment: Segment) -> str:
    """One content block as Markdown: ``#`` headings, ``- `` list items, ``>`` quotes, else a paragraph."""
    text = " ".join(segment.text.split()) if segment.tag != "p" else segment.text.strip()
    text = _MD_TAG.sub(r"\\<", text)
    heading = _HEADING.match(segment.tag)
    if heading:
        return "#" * int(heading.group(1)) + " " + text
    if segment.tag in ("li", "dt", "dd"):
        return "- " + text
    if segment.tag == "blockquote":
        return "> " + text
    return _MD_LEADING.sub(r"\1\\\2", text)  # a paragraph that starts like a list or heading stays a paragraph


def to_markdown(result: Result) -> str:
    """The clean text as Markdown, built from each content block's tag."""
    out: list[str] = []
    previous_li = False
    for segment in result.segments:
        if segment.label is not Label.CONTENT or not segment.text.strip():
            continue
        block = markdown_block(segment)
        is_li = block.startswith("- ")
        if out:
            out.append("\n" if is_li and previous_li else "\n\n")  # a list's items stay one list
        out.append(block)
        previous_li = is_li
    return "".join(out)


# --- terminal table ------------------------------------------------------------------------------------------------


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def explain_table(result: Result, title: str | None = None) -> Table:
    """A rich table of every block: label, confidence, cues and a preview, coloured by label."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True, min_width=2)
    table.add_column("label", no_wrap=True, min_width=11)
    table.add_column("conf", justify="right", no_wrap=True, min_width=4)
    table.add_column("cues", overflow="fold", ratio=2, min_width=16)
    table.add_column("text", overflow="fold", ratio=3, min_width=20)
    for s in result.segments:
        style = COLOURS[s.label][0]
        # Text(), never a plain str: page text must not be read as rich markup.
        table.add_row(
            Text(str(s.index)),
            Text(s.label.value, style=f"bold {style}"),
            Text(f"{s.confidence:.2f}"),
            Text(", ".join(s.cues), style="dim"),
            Text(preview(s.text), style=style if s.label is not Label.CONTENT else ""),
        )
    return table


def label_counts(result: Result) -> Counter[Label]:
    """Blocks per label."""
    return Counter(s.label for s in result.segments)


# --- HTML report ---------------------------------------------------------------------------------------------------

# No script at all, and a policy that would block one: the page shows untrusted text.
CSP = "default-src 'none'; style-src 'unsafe-inline'"
_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; color: #222; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
.meta { color: #555; margin: .2rem 0; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .6rem 1.4rem; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-block; width: 1.1rem; height: 1.1rem; border-radius: 3px; }
.seg { margin: .35rem 0; padding: .3rem .6rem; border-left: 5px solid; border-radius: 3px; white-space: pre-wrap; }
.seg .badge { float: right; font-size: 11px; color: #444; margin-left: .8rem; }
.h { font-weight: bold; font-size: 1.15em; }
.li::before { content: "• "; }
"""


def _label_css() -> str:
    rules = []
    for label, (_, background, border) in COLOURS.items():
        rules.append(f".l-{label.value} {{ background: {background}; border-color: {border}; }}")
        rules.append(f".swatch.l-{label.value} {{ border: 2px solid {border}; }}")
    return "\n".join(rules)


def _segment_html(s: Segment) -> str:
    hover = f"{s.label.value} {s.confidence:.2f}" + (f" | cues: {', '.join(s.cues)}" if s.cues else "")
    classes = f"seg l-{s.label.value}" + (" h" if _HEADING.match(s.tag) else " li" if s.tag == "li" else "")
    badge = f'<span class="badge">{escape(s.label.value)} {s.confidence:.2f}</span>'
    return (
        f'<div class="{escape(classes)}" id="seg-{s.index}" data-label="{escape(s.label.value)}" '
        f'title="{escape(hover, quote=True)}">{badge}{escape(s.text)}</div>'
    )


def html_report(result: Result, name: str) -> str:
    """A self-contained page: every segment highlighted by label, a legend with counts, cues on hover."""
    counts = label_counts(result)
    legend = "".join(
        f'<li><span class="swatch l-{label.value}"></span>{escape(label.value)} <b>{counts.get(label, 0)}</b></li>'
        for label in Label
    )
    body = "\n".join(_segment_html(s) for s in result.segments) or "<p>No text found.</p>"
    facts = f"{len(result.segments)} blocks, {len(result.flagged)} flagged · {result.kind} input"
    facts += f" · model {result.model_version}"
    warnings = "".join(f'<p class="meta">warning: {escape(w)}</p>' for w in result.warnings)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(CSP, quote=True)}">
<meta name="referrer" content="no-referrer">
<title>cleaner explain: {escape(name)}</title>
<style>{_CSS}{_label_css()}</style>
</head>
<body>
<header>
<h1>cleaner explain</h1>
<p class="meta">{escape(name)}</p>
<p class="meta">{escape(facts)}</p>
{warnings}<ul class="legend">{legend}</ul>
<p class="meta">Hover over a block to see its label, confidence and cues.</p>
</header>
<main>
{body}
</main>
</body>
</html>
"""
