"""Show a ``Result`` to people: Markdown, a terminal table, and a self-contained HTML report."""

from __future__ import annotations

import math
import re
from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from cleaner.core.assemble import text_segments
from cleaner.core.segment import CELL_SEPARATOR
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
# C0 controls but tab and newline, DEL and C1: ESC/CSI/OSC/BEL sequences would move a terminal's cursor, set its title
# or clear it. A carriage return that ends a line is dropped, any other is shown.
_CONTROLS = re.compile(r"(?P<crlf>\r(?=\n))|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible_controls(text: str) -> str:
    """``text`` with every control character but ``\\n`` and ``\\t`` shown as an escape (``\\x1b``), never sent raw:
    what a terminal or a report gets from page text."""
    return _CONTROLS.sub(lambda m: "" if m.group("crlf") else f"\\x{ord(m.group()):02x}", text)


# --- Markdown --------------------------------------------------------------------------------------------------------


def _pipe_table(text: str) -> str:
    """A table unit's rows (cells separated by tabs) as a Markdown pipe table, the first row its header."""
    rows = [[cell.replace("|", "\\|") for cell in line.split(CELL_SEPARATOR)] for line in text.split("\n")]
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def markdown_unit(segment: Segment) -> str | None:
    """A table, list or ``<pre>`` read as one block: a pipe table, ``-``/``1.`` items, fenced code."""
    if segment.tag == "pre":
        fence = "````" if "```" in segment.text else "```"
        return f"{fence}\n{segment.text}\n{fence}"
    if segment.tag == "table" and CELL_SEPARATOR in segment.text:
        return _MD_TAG.sub(r"\\<", _pipe_table(segment.text))
    if segment.tag in ("ul", "ol", "dl") and "\n" in segment.text:
        items = [_MD_TAG.sub(r"\\<", line) for line in segment.text.split("\n")]
        marks = [f"{i}." for i in range(1, len(items) + 1)] if segment.tag == "ol" else ["-"] * len(items)
        return "\n".join(f"{m} {item}" for m, item in zip(marks, items, strict=True))
    return None


def markdown_block(segment: Segment) -> str:
    """One content block as Markdown: units (tables, lists, code), ``#`` headings, ``- `` list items, ``>`` quotes,
    else a paragraph."""
    unit = markdown_unit(segment)
    if unit is not None:
        return unit
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


def to_markdown(result: Result, captions: bool = False) -> str:
    """The clean text as Markdown, built from each content block's tag (the blocks of ``text``: image captions only
    with ``captions``, as there)."""
    out: list[str] = []
    previous_li = False
    for segment in text_segments(result.segments, captions):
        if not segment.text.strip():
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

    table = Table(title=None if title is None else visible_controls(title), show_lines=False, header_style="bold")
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
            Text(visible_controls(", ".join(s.cues)), style="dim"),
            Text(visible_controls(preview(s.text)), style=style if s.label is not Label.CONTENT else ""),
        )
    return table


def label_counts(result: Result) -> Counter[Label]:
    """Blocks per label."""
    return Counter(s.label for s in result.segments)


# --- cues in words -------------------------------------------------------------------------------------------------

# The names cleaner/core/explain.py gives its cues (README, "Cues: what each name means"), as a person would say them.
_FACTS: dict[str, tuple[str, str]] = {  # flag: (when set, when not)
    "ad_label": ("reads as an ad label", "is not an ad label"),
    "question": ("asks a question", "asks no question"),
    "in_form": ("sits in a form", "sits in no form"),
    "in_best": ("is inside the page's main text", "is outside the page's main text"),
    "before_best": ("comes before the page's main text", "does not come before the page's main text"),
    "after_best": ("comes after the page's main text", "does not come after the page's main text"),
    "copyright": ("has a copyright notice", "has no copyright notice"),
    "urlish": ("looks like a web address", "does not look like a web address"),
    "repeated": ("its text appears more than once on the page", "its text appears once on the page"),
    "percent": ("has a percentage", "has no percentage"),
    "currency": ("mentions a price", "mentions no price"),
    "is_heading": ("is a heading", "is not a heading"),
    "short": ("is three words or fewer", "is longer than three words"),
    "ends_terminal": ("ends like a sentence", "does not end like a sentence"),
    "in_json_ld": (
        "is in the article body the page's metadata states",
        "is not in the article body the page's metadata states",
    ),
}
_PLACES = {  # landmark: where the block is
    "main": "the page's <main>",
    "article": "an <article>",
    "nav": "the navigation",
    "aside": "an aside",
    "footer": "a footer",
    "header": "a header",
    "dialog": "a dialog",
    "body_prop": "the part marked as the article body",
    "cmp": "a cookie-consent platform's dialog",
    "ad_slot": "an ad slot",
    "hidden": "an element hidden by its markup",
}
_GROUPS = {  # class-name group: what the names say
    "nav": "navigation",
    "footer": "a footer",
    "side": "a sidebar",
    "comment": "comments",
    "related": "related links",
    "share": "sharing buttons",
    "ad": "an ad",
    "consent": "a cookie or consent notice",
    "poll": "a poll",
    "newsletter": "a newsletter sign-up",
    "article": "the article",
}

_RULED_CUES = {  # ``decide.ruled_segment``'s cues (and ``frame:ad_server=<host>``)
    "frame:ad_slot": "is an inline frame's fallback markup, in an ad slot",
    "frame:ad_label": "is an inline frame's fallback text, an ad label",
    "frame:fallback": "is an inline frame's fallback markup",
    "menu:drop_down": "is a drop-down menu's options",
    "menu:ad_slot": "is a drop-down menu's options, in an ad slot",
}

_LEXICONS = {"poll_words": "polls", "consent_words": "consent notices", "promo_words": "promotions"}


def _number(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        return math.nan
    return number if math.isfinite(number) else math.nan


def _plural(count: float, noun: str) -> str:
    n = round(count)
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def cue_phrase(cue: str) -> str:
    """One cue name (``before_best``, ``anc1_share=0.00``, ``word:vote``…) in plain words."""
    negated = cue.startswith("not_")
    base = cue[4:] if negated else cue
    if base in _FACTS:
        return _FACTS[base][negated]
    if cue in _RULED_CUES:
        return _RULED_CUES[cue]
    if cue.startswith("frame:ad_server="):
        return f"is an inline frame's fallback markup that loads an ad from {cue.partition('=')[2]}"
    kind, sep, rest = cue.partition(":")
    if sep:
        simple = {
            "word": f"has the word “{rest}”",
            "phrase": f"has the words “{rest.strip(chr(34))}”",
            "tag": f"is a <{rest}> element",
            "inside": f"sits in a <{rest}> element",
            "after": f"follows a {rest} block",
            "before": f"comes before a {rest} block",
            "rule": f"a site rule says so ({rest})",
        }
        if kind in simple:
            return simple[kind]
        if kind in ("landmark", "not_landmark"):
            place = _PLACES.get(rest, rest.replace("_", " "))
            return f"sits in {place}" if kind == "landmark" else f"does not sit in {place}"
    kind, sep, rest = cue.partition("~")
    if sep:
        if kind == "class":
            return f"a class or id name says “{rest}”"
        group = _GROUPS.get(rest, rest.replace("_", " "))
        if kind == "inside":
            return f"sits in a part whose class or id names {group}"
        if kind == "not_inside":
            return f"sits in no part whose class or id names {group}"
    kind, sep, rest = cue.partition("=")
    value = _number(rest) if sep else math.nan
    if not math.isnan(value):
        if kind in _LEXICONS:
            return f"has {_plural(value, 'word')} typical of {_LEXICONS[kind]}"
        shares = {
            "link_density": "of its text is links",
            "stopword_density": "of its words are common function words",
            "anc1_share": "of the page's text is in its parent element",
            "document_overlap": "of its words also appear in the document's long paragraphs",
            "template_share": "of the page's text is in blocks of its template (tag and class names)",
        }
        if kind in shares:
            return f"{value:.0%} {shares[kind]}"
        if kind == "chars":
            return f"is {_plural(value, 'character')} long"
        if kind == "controls":
            return f"holds {_plural(math.expm1(value), 'form control')} (buttons, inputs)"
        if kind == "pipes":
            return f"has {_plural(value, 'separator')} like | • ·"
    return cue.replace("_", " ")


# --- HTML report ---------------------------------------------------------------------------------------------------

# No script at all, and a policy that would block one: the page shows untrusted text. Filtering is CSS (:has()).
CSP = "default-src 'none'; style-src 'unsafe-inline'"
_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; color: #222; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
.meta { color: #555; margin: .2rem 0; }
.summary { font-weight: 600; margin: .4rem 0; }
.legend { border-collapse: collapse; margin: .6rem 0; }
.legend td { padding: .15rem 1rem .15rem 0; vertical-align: middle; }
.legend .name { display: flex; align-items: center; gap: .4rem; min-width: 10rem; }
.legend label { cursor: pointer; margin-right: .7rem; font-size: 14px; }
.legend a { font-size: 14px; }
.swatch { display: inline-block; width: 1.1rem; height: 1.1rem; border-radius: 3px; }
.seg { margin: .35rem 0; padding: .3rem .6rem; border-left: 5px solid; border-radius: 3px; scroll-margin-top: 1rem; }
.seg .text { white-space: pre-wrap; }
.seg .why { font-size: 13px; color: #333; margin-bottom: .15rem; }
.seg .why b { text-transform: uppercase; letter-spacing: .03em; }
.seg .why a { margin-left: .6rem; }
.seg .badge { float: right; font-size: 11px; color: #444; margin-left: .8rem; }
.h .text { font-weight: bold; font-size: 1.15em; }
.li .text::before { content: "• "; }
@media print { .legend .views, .legend a, .seg .why a { display: none; } }
"""


def _label_css() -> str:
    rules = []
    for label, (_, background, border) in COLOURS.items():
        name = label.value
        rules.append(f".l-{name} {{ background: {background}; border-color: {border}; }}")
        rules.append(f".swatch.l-{name} {{ border: 2px solid {border}; }}")
        rules.append(f"body:has(#hide-{name}:checked) .seg.l-{name} {{ display: none; }}")
        fold = f"body:has(#fold-{name}:checked) .seg.l-{name}"
        rules.append(f"{fold} {{ padding-block: 0; font-size: 13px; }} {fold} .why, {fold} .badge {{ display: none; }}")
        rules.append(f"{fold} .text {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}")
    return "\n".join(rules)


def _text(text: str) -> str:
    """Page text for the report: control characters shown as escapes, then HTML-escaped."""
    return escape(visible_controls(text))


def _segment_html(s: Segment, next_index: int | None) -> str:
    classes = f"seg l-{s.label.value}" + (" h" if _HEADING.match(s.tag) else " li" if s.tag == "li" else "")
    head = f'<span class="badge">{_text(s.label.value)} {s.confidence:.2f}</span>'
    if s.label is not Label.CONTENT:
        why = (
            "; ".join(f'<span title="cue: {_text(cue)}">{_text(cue_phrase(cue))}</span>' for cue in s.cues)
            or "no single cue stands out"
        )
        jump = f'<a href="#seg-{next_index}">next {_text(s.label.value)} ↓</a>' if next_index is not None else ""
        sure = math.floor(s.confidence * 100)  # never "100% sure" unless it is
        head = f'<div class="why"><b>{_text(s.label.value)}</b> {sure}% sure · why: {why}{jump}</div>'
    return (
        f'<div class="{escape(classes)}" id="seg-{s.index}" data-label="{escape(s.label.value)}">'
        f'{head}<div class="text">{_text(s.text)}</div></div>'
    )


def page_summary(result: Result) -> str:
    """One line: the share of the text kept, the flagged blocks per label, and the page's quality summary."""
    segments = result.segments
    total = sum(len(s.text) for s in segments)
    kept = sum(len(s.text) for s in segments if s.label is Label.CONTENT)
    counts = label_counts(result)
    flagged = sum(counts[label] for label in Label if label is not Label.CONTENT)
    share = f"{kept / total:.0%}" if total else "0%"
    per_label = ", ".join(f"{counts.get(label, 0)} {label.value}" for label in Label if label is not Label.CONTENT)
    line = f"Kept {share} of the text ({kept:,} of {total:,} characters); flagged {flagged} blocks: {per_label}"
    quality = getattr(result, "quality", None)  # the page-level summary, where this version has one
    if quality is not None and segments:
        found = "main content found" if quality.main_content else "no main content found"
        line += f"; {found}, {math.floor(quality.confidence * 100)}% likely the clean text is the page's main content"
    return line + "."


def html_report(result: Result, name: str) -> str:
    """A self-contained page: every segment highlighted by label, each flagged one with its cues in words, a legend
    that filters by label and jumps to the flagged blocks, and a one-line summary. No script."""
    segments = result.segments
    counts = label_counts(result)
    first: dict[Label, int] = {}
    following: dict[int, int] = {}
    previous: dict[Label, int] = {}
    for s in segments:
        first.setdefault(s.label, s.index)
        if s.label in previous:
            following[previous[s.label]] = s.index
        previous[s.label] = s.index
    rows = []
    for label in Label:
        key = label.value
        views = "".join(
            f'<label><input type="radio" name="view-{key}" id="{view}-{key}"{" checked" if view == "full" else ""}>'
            f" {words}</label>"
            for view, words in (("full", "full"), ("fold", "one line each"), ("hide", "hidden"))
        )
        jump = f'<a href="#seg-{first[label]}">first ↓</a>' if label in first and label is not Label.CONTENT else ""
        rows.append(
            f'<tr><td class="name"><span class="swatch l-{key}"></span>{key} <b>{counts.get(label, 0)}</b></td>'
            f'<td class="views">{views}</td><td>{jump}</td></tr>'
        )
    body = "\n".join(_segment_html(s, following.get(s.index)) for s in segments) or "<p>No text found.</p>"
    facts = f"{len(segments)} blocks · {result.kind} input · model {result.model_version}"
    warnings = "".join(f'<p class="meta">warning: {_text(w)}</p>' for w in result.warnings)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(CSP, quote=True)}">
<meta name="referrer" content="no-referrer">
<title>cleaner explain: {_text(name)}</title>
<style>{_CSS}{_label_css()}</style>
</head>
<body>
<header>
<h1>cleaner explain</h1>
<p class="meta">{_text(name)}</p>
<p class="summary">{_text(page_summary(result))}</p>
<p class="meta">{_text(facts)}</p>
{warnings}<table class="legend">{"".join(rows)}</table>
<p class="meta">Show each label's blocks in full, one line each or not at all; “first ↓” jumps to a label's first
block, “next ↓” to the one after.</p>
</header>
<main>
{body}
</main>
</body>
</html>
"""
