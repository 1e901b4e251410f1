"""Rendering a template and an article into an annotated HTML page."""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass
from typing import Any

from .parts import Article, Furniture, Snippets, Template

SLOT = re.compile(r"\{\{(\w+)\}\}")
# Slots filled from the article's own text (JSON-LD bodies, meta descriptions): the text sits in
# <script>/<meta>, which is no block, so it never reaches the labels.
TEXT_SLOTS = (
    "jsonld_body",
    "jsonld_headline",
    "jsonld_description",
    "jsonld_author",
    "jsonld_date",
    "description",
    "author",
    "date",
)


def hashed_class(rng: random.Random) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    kind = rng.randrange(5)
    if kind == 0:
        return "css-" + "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 7)))
    if kind == 1:
        return "sc-" + "".join(rng.choice(alphabet + "ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(6))
    if kind == 2:
        return f"jsx-{rng.randint(10**8, 10**10)}"
    if kind == 3:
        return "_" + "".join(rng.choice(alphabet + "ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(5))
    return rng.choice(["x", "y", "z", "q", "k"]) + "".join(rng.choice(alphabet) for _ in range(8))


@dataclass
class Page:
    rng: random.Random
    lang: str
    site: str
    title: str
    furniture: Furniture
    link_rate: float = 0.04  # share of word runs that become links in body copy
    citations: bool = False
    page_type: str = "article"
    layout: str = ""  # "sections": each `## Heading` becomes its own page module (product/service pages)

    def fill(self, text: str) -> str:
        def sub(m: re.Match[str]) -> str:
            key = m.group(1)
            if key == "h":
                return hashed_class(self.rng)
            if key == "n":
                return str(self.rng.randint(2, 99))
            if key == "site":
                return html.escape(self.site)
            if key == "title":
                return html.escape(self.title)
            if key == "lang":
                return self.lang
            return m.group(0)

        return SLOT.sub(sub, text)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def json_text(text: str) -> str:
    """A JSON string literal safe inside <script> and inside a double-quoted attribute-free context."""
    return json.dumps(text, ensure_ascii=False)[1:-1].replace("</", "<\\/")


def first_paragraph(art: Article) -> str:
    for kind, payload in art.blocks:
        if kind == "para":
            return str(payload)
    return art.meta.get("standfirst", art.meta["title"])


def text_slot(key: str, art: Article) -> str:
    if key == "jsonld_body":
        paras = [str(p) for k, p in art.blocks if k == "para"]
        return json_text(" ".join(paras[:3]) or art.meta["title"])
    if key == "jsonld_headline":
        return json_text(art.meta["title"])
    if key in ("description", "jsonld_description"):
        text = art.meta.get("standfirst") or first_paragraph(art)
        text = text[:157] + ("..." if len(text) > 157 else "")
        return json_text(text) if key == "jsonld_description" else html.escape(text)
    if key in ("jsonld_author", "jsonld_date"):
        return json_text(art.meta.get(key[len("jsonld_") :], ""))
    if key == "author":
        return html.escape(art.meta.get("author", ""))
    if key == "date":
        return html.escape(art.meta.get("date", ""))
    return ""


def linkify(text: str, rng: random.Random, rate: float) -> str:
    """Escape text and wrap a few word runs in links/emphasis, as edited copy has."""
    words = text.split(" ")
    out = []
    i = 0
    while i < len(words):
        if rng.random() < rate and len(words) - i > 3:
            n = rng.randint(1, 4)
            run = esc(" ".join(words[i : i + n]))
            tag = rng.choice(["a", "a", "a", "em", "strong"])
            out.append(f'<a href="/{rng.randint(1000, 99999)}">{run}</a>' if tag == "a" else f"<{tag}>{run}</{tag}>")
            i += n
        else:
            out.append(esc(words[i]))
            i += 1
    return " ".join(out)


def byline_html(page: Page, art: Article, snippets: Snippets) -> str:
    rng = page.rng
    frags = snippets.get(("byline", page.lang)) or (snippets.get(("byline", "en")) if page.lang == "en" else None)
    if frags and rng.random() < 0.4:
        return page.fill(rng.choice(frags))
    author = art.meta.get("author", "")
    date = art.meta.get("date", "")
    if not author and not date:
        return ""
    by = page.furniture.byline_prefix.get(page.lang, "By")
    cls = rng.choice([*page.furniture.byline_classes, hashed_class(rng)])
    parts = []
    if author:
        parts.append(f'<span class="author">{esc(by)} <a href="/author/{rng.randint(1, 999)}">{esc(author)}</a></span>')
    if date:
        parts.append(f'<time datetime="{esc(date)}">{esc(date)}</time>')
    sep = rng.choice(page.furniture.byline_separators)
    return f'<div class="{cls}" data-label="boilerplate">{sep.join(parts)}</div>'


def inline_injection(page: Page, snippets: Snippets) -> str:
    rng = page.rng
    pool = []
    for slot in ("inline", "promo", "poll", "related"):
        frags = snippets.get((slot, page.lang)) or []
        weight = {"inline": 4, "promo": 2, "poll": 1, "related": 1}[slot]
        pool += [f for f in frags for _ in range(weight)]
    return page.fill(rng.choice(pool)) if pool else ""


def cite(text: str, rng: random.Random) -> str:
    """Wiki-style reference marks after some sentences."""
    return re.sub(
        r"([.,])(\s)",
        lambda m: (
            m.group(1)
            + (
                f'<sup><a href="#cite-{rng.randint(1, 40)}">[{rng.randint(1, 40)}]</a></sup>'
                if rng.random() < 0.25
                else ""
            )
            + m.group(2)
        ),
        text,
    )


def render_block(kind: str, payload: Any, style: str, page: Page) -> str:
    rng = page.rng
    if kind == "para":
        text = linkify(str(payload), rng, page.link_rate)
        if page.citations:
            text = cite(text, rng)
        if style == "br":
            return text + "<br><br>\n"
        if style == "div":
            return f"<div>{text}</div>\n"
        if style == "spa":
            inner = (
                f'<p class="{hashed_class(rng)}">{text}</p>'
                if rng.random() < 0.6
                else f'<div class="{hashed_class(rng)}">{text}</div>'
            )
            for _ in range(rng.randint(0, 2)):
                inner = f'<div class="{hashed_class(rng)}">{inner}</div>'
            return inner + "\n"
        return f"<p>{text}</p>\n"
    if kind == "heading":
        if style == "br":
            return f"<b>{esc(str(payload))}</b><br><br>\n"
        if style in ("div", "spa"):
            return f'<div class="{hashed_class(rng) if style == "spa" else "subhead"}"><strong>{esc(str(payload))}</strong></div>\n'
        return f"<h2>{esc(str(payload))}</h2>\n"
    if kind == "list":
        items = [str(x) for x in payload]
        if style == "br":
            return "".join(f"&bull; {linkify(x, rng, 0.03)}<br>\n" for x in items) + "<br>\n"
        if style == "div":
            return "".join(f"<div>• {linkify(x, rng, 0.03)}</div>\n" for x in items)
        tag = rng.choice(["ul", "ul", "ol"])
        return f"<{tag}>" + "".join(f"<li>{linkify(x, rng, 0.03)}</li>" for x in items) + f"</{tag}>\n"
    if kind == "table":
        rows = payload
        cls = "data" if page.page_type == "article" else rng.choice(page.furniture.table_classes)
        out = [f'<table class="{cls}">']
        for r, row in enumerate(rows):
            cell = "th" if r == 0 else "td"
            out.append("<tr>" + "".join(f"<{cell}>{esc(c)}</{cell}>" for c in row) + "</tr>")
        return "".join(out) + "</table>\n"
    if kind == "dl":
        pairs = payload
        if style == "br":
            return "".join(f"<b>{esc(t)}:</b> {esc(d)}<br>\n" for t, d in pairs) + "<br>\n"
        if style in ("div", "spa") or rng.random() < 0.3:
            return (
                f'<div class="{rng.choice(page.furniture.dl_classes)}">'
                + "".join(
                    f'<div class="row"><div class="label">{esc(t)}</div><div class="value">{esc(d)}</div></div>'
                    for t, d in pairs
                )
                + "</div>\n"
            )
        return (
            f'<dl class="{rng.choice(page.furniture.dl_classes)}">'
            + "".join(f"<dt>{esc(t)}</dt><dd>{linkify(d, rng, 0.02)}</dd>" for t, d in pairs)
            + "</dl>\n"
        )
    if kind == "quote":
        return f"<blockquote><p>{esc(str(payload))}</p></blockquote>\n"
    if kind == "caption":
        img = f'<img src="/img/{rng.randint(1, 9999)}.jpg" alt="">'
        if style in ("br", "div"):
            return f'<div class="caption">{img}<br>{esc(str(payload))}</div>\n'
        credit = ""
        if rng.random() < 0.4:
            credit = f' <span class="credit" data-label="boilerplate">Photo: {esc(rng.choice(page.furniture.photo_credits))}</span>'
        return f"<figure>{img}<figcaption>{esc(str(payload))}{credit}</figcaption></figure>\n"
    if kind == "code":
        return render_code(str(payload), style, page)
    if kind == "subheading":
        if style == "br":
            return f"<b><i>{esc(str(payload))}</i></b><br><br>\n"
        if style in ("div", "spa"):
            return f'<div class="{hashed_class(rng) if style == "spa" else "subhead-minor"}"><b>{esc(str(payload))}</b></div>\n'
        tag = rng.choice(["h3", "h3", "h4"])
        return f"<{tag}>{esc(str(payload))}</{tag}>\n"
    if kind == "steps":
        items = [str(x) for x in payload]
        if style == "br":
            return "".join(f"{n}. {linkify(x, rng, 0.03)}<br>\n" for n, x in enumerate(items, 1)) + "<br>\n"
        if style in ("div", "spa") or rng.random() < 0.25:
            cls = hashed_class(rng) if style == "spa" else rng.choice(["step", "procedure-step", "steps__item"])
            return "".join(
                f'<div class="{cls}"><span class="step-number">{n}</span><div>{linkify(x, rng, 0.05)}</div></div>\n'
                for n, x in enumerate(items, 1)
            )
        inner = "".join(
            f"<li><p>{linkify(x, rng, 0.05)}</p></li>" if rng.random() < 0.3 else f"<li>{linkify(x, rng, 0.05)}</li>"
            for x in items
        )
        ol_attr = rng.choice(["", "", ' class="procedure"', ' class="steps"'])
        return f"<ol{ol_attr}>{inner}</ol>\n"
    if kind == "note":
        return render_note(payload, style, page)
    return ""


NOTE_MARKUP = [
    # Sphinx / MkDocs: a titled admonition div.
    '<div class="admonition {k}"><p class="admonition-title">{t}</p><p>{b}</p></div>',
    # Docusaurus 3.
    '<div class="theme-admonition theme-admonition-{k} alert alert--{k}"><div class="admonitionHeading"><span class="admonitionIcon"></span>{t}</div><div class="admonitionContent"><p>{b}</p></div></div>',
    # GitHub-flavoured alerts.
    '<div class="markdown-alert markdown-alert-{k}"><p class="markdown-alert-title">{t}</p><p>{b}</p></div>',
    # Callout with the title inline.
    '<div class="notecard {k}"><p><strong>{t}:</strong> {b}</p></div>',
    '<aside class="callout callout-{k}" role="note"><div class="callout-title">{t}</div><div class="callout-body"><p>{b}</p></div></aside>',
    '<blockquote class="is-{k}"><p><strong>{t}</strong></p><p>{b}</p></blockquote>',
]


def render_note(payload: Any, style: str, page: Page) -> str:
    """A docs admonition (Note / Tip / Warning ...): part of the page's content, title and text."""
    rng = page.rng
    title, body = payload
    if style == "br":
        return f"<b>{esc(title)}:</b> {linkify(body, rng, 0.03)}<br><br>\n"
    kind = re.sub(r"[^a-z]+", "", title.lower())[:12] or "note"
    markup = (
        rng.choice(NOTE_MARKUP) if style != "div" else NOTE_MARKUP[3].replace("<p>", "<div>").replace("</p>", "</div>")
    )
    return markup.format(k=kind, t=esc(title), b=linkify(body, rng, 0.04)) + "\n"


def render_code(code: str, style: str, page: Page) -> str:
    """A code block; on documentation pages in the markup docs generators emit (highlight wrappers, a
    language label and copy button, one element per numbered line). The code and its line numbers are
    content; the copy button is furniture."""
    rng = page.rng
    if page.page_type != "documentation" or style == "br" or rng.random() < 0.35:
        return f"<pre><code>{esc(code)}</code></pre>\n"
    lang = rng.choice(["bash", "python", "javascript", "shell", "yaml", "json", "text", "console"])
    button = (
        f'<button class="{rng.choice(["copybtn", "copy-button", "clipboard-button", hashed_class(rng)])}" '
        f'type="button" data-label="boilerplate">{rng.choice(["Copy", "Copy code", "Copy to clipboard", "Copied!"])}</button>'
        if rng.random() < 0.6
        else ""
    )
    pick = rng.random()
    if pick < 0.35:
        return f'<div class="highlight-{lang} notranslate"><div class="highlight"><pre><span></span>{esc(code)}</pre></div>{button}</div>\n'
    if pick < 0.65:
        head = (
            f'<div class="code-block-header"><span class="code-title">{esc(lang)}</span></div>'
            if rng.random() < 0.6
            else ""
        )
        return (
            f'<div class="code-block">{head}{button}<pre class="language-{lang}"><code>{esc(code)}</code></pre></div>\n'
        )
    # One element per line, with a line-number gutter (React docs sites).
    lines = code.split("\n")
    cls = hashed_class(rng)
    rows = "".join(
        f'<div class="{cls}-line"><div class="{cls}-num">{n}</div><div class="{cls}-code">{esc(ln) or "&nbsp;"}</div></div>'
        for n, ln in enumerate(lines, 1)
    )
    return f'<div class="{hashed_class(rng)}">{button}<div class="{cls}">{rows}</div></div>\n'


def render_cards(blocks: list[tuple[str, Any]], style: str, page: Page) -> list[str]:
    """Collection and listing pages: each `## Title` with the blocks under it becomes a card in a grid.

    Blocks before the first heading (the category intro) stay ordinary body blocks."""
    rng = page.rng
    intro: list[str] = []
    cards: list[list[str]] = []
    titles: list[str] = []
    for kind, payload in blocks:
        if kind == "heading":
            titles.append(str(payload))
            cards.append([])
        elif cards:
            cards[-1].append(render_block(kind, payload, "p" if style == "br" else style, page))
        else:
            intro.append(render_block(kind, payload, style, page))
    if not cards:
        return intro
    list_cls = rng.choice(page.furniture.card_list_classes)
    card_cls = rng.choice(page.furniture.card_classes)
    title_cls = f"{card_cls}__title"
    if page.layout == "sections" or rng.random() < 0.4:
        # Tailwind / CSS-module / styled-components product cards, as React and Shopify 2.0 themes emit.
        name = class_namer(rng)
        list_cls, card_cls, title_cls = (
            name("product-grid", "root", "grid"),
            name("product-card", "root", "item"),
            name("product-card", "title", "title"),
        )
    as_list = rng.random() < 0.5
    items = []
    for title, inner in zip(titles, cards, strict=True):
        img = (
            f'<img src="/media/{rng.randint(100, 99999)}.webp" alt="" loading="lazy" width="400" height="300">'
            if rng.random() < 0.6
            else ""
        )
        head_tag = rng.choice(["h2", "h3", "h3", "div"])
        head = f'<{head_tag} class="{title_cls}"><a href="/{rng.randint(1, 99999)}">{esc(title)}</a></{head_tag}>'
        tag = "li" if as_list else "div"
        items.append(f'<{tag} class="{card_cls}">{img}{head}{"".join(inner)}</{tag}>\n')
    outer = "ul" if as_list else "div"
    return [*intro, f'<{outer} class="{list_cls}">\n{"".join(items)}</{outer}>\n']


TW = {
    "section": [
        "py-12 md:py-20",
        "mx-auto max-w-6xl px-4",
        "relative py-10 lg:py-16 bg-white",
        "container mx-auto px-5",
    ],
    "grid": [
        "grid grid-cols-1 gap-6 md:grid-cols-3",
        "grid gap-4 sm:grid-cols-2 lg:grid-cols-4",
        "flex flex-wrap -mx-3",
    ],
    "item": [
        "rounded-2xl border p-6",
        "flex flex-col gap-2",
        "p-4 shadow-sm rounded-lg bg-neutral-50",
        "w-full md:w-1/3 px-3",
    ],
    "title": ["text-2xl font-semibold tracking-tight", "font-serif text-3xl md:text-4xl", "text-lg font-medium"],
    "text": ["text-sm leading-6 text-gray-600", "text-base/7", "mt-2 text-neutral-700", "prose prose-sm"],
}


def class_namer(rng: random.Random):
    """Class-naming conventions of today's front ends: BEM, Tailwind utilities, CSS-module hashes, styled-components."""
    kind = rng.choice(["bem", "tailwind", "module", "styled"])
    prefix = rng.choice(["product", "pdp", "feature", "section", "block", "module", "content"])

    def rand(n: int) -> str:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") for _ in range(n))

    cache: dict[tuple[str, str, str], str] = {}

    def name(component: str, element: str = "root", role: str = "item") -> str:
        # One component keeps one class across the page, as compiled CSS does.
        key = (component, element, role)
        if key not in cache:
            cache[key] = make(component, element, role)
        return cache[key]

    def make(component: str, element: str, role: str) -> str:
        if kind == "bem":
            return f"{prefix}-{component}" if element == "root" else f"{prefix}-{component}__{element}"
        if kind == "tailwind":
            return rng.choice(TW.get(role, TW["item"]))
        comp = "".join(w.capitalize() for w in re.split(r"[-_]", component))
        if kind == "module":
            return f"{comp}_{comp}__{element}__{rand(5)}" if element != "root" else f"{comp}_{comp}__{rand(5)}"
        return f"{comp}-styled__{element.capitalize()}-sc-{rng.randrange(16**8):08x}-{rng.randint(0, 12)} {rand(6)}"

    return name


def section_module(title: str, blocks: list[tuple[str, Any]], page: Page, name) -> str:
    """One `## Heading` section of a product or service page, in one of the shapes real pages use."""
    rng = page.rng
    kind = rng.choice(["plain", "accordion", "tiles", "slider", "media", "tabs"])
    has_dl = any(k == "dl" for k, _ in blocks)
    if has_dl and rng.random() < 0.6:
        kind = "accordion"
    htag = rng.choice(["h2", "h2", "h3", "div", "p"])
    head = f'<{htag} class="{name("heading", "title", "title")}">{esc(title)}</{htag}>'

    def inner(bl: list[tuple[str, Any]]) -> str:
        return "".join(render_block(k, v, "p", page) for k, v in bl)

    if kind == "accordion":
        parts = []
        for k, v in blocks:
            if k == "dl":
                for t, d in v:
                    parts.append(
                        f'<details class="{name("accordion", "item")}"><summary class="{name("accordion", "summary")}">'
                        f'<span class="{name("accordion", "label")}">{esc(t)}</span></summary>'
                        f'<div class="{name("accordion", "content", "text")}"><p>{linkify(d, rng, 0.02)}</p></div></details>'
                    )
            else:
                parts.append(render_block(k, v, "p", page))
        if not has_dl:
            return (
                f'<details class="{name("accordion", "item")}"{" open" if rng.random() < 0.3 else ""}><summary class="{name("accordion", "summary")}">'
                f'{esc(title)}</summary><div class="{name("accordion", "content", "text")}">{"".join(parts)}</div></details>'
            )
        return head + f'<div class="{name("accordion")}">{"".join(parts)}</div>'
    if kind in ("tiles", "slider"):
        items: list[str] = []
        rest: list[tuple[str, Any]] = []
        for k, v in blocks:
            if k == "list":
                items += [linkify(str(x), rng, 0.0) for x in v]
            elif k == "para" and kind == "slider":
                items.append(linkify(str(v), rng, 0.02))
            else:
                rest.append((k, v))
        if len(items) >= 2:
            if kind == "slider":
                slides = "".join(
                    f'<div class="swiper-slide {name("slider", "slide")}"><div class="{name("slider", "copy", "text")}"><p>{x}</p></div></div>'
                    for x in items
                )
                body = f'<div class="swiper {name("slider")}"><div class="swiper-wrapper">{slides}</div><div class="swiper-pagination"></div></div>'
            else:
                tiles = "".join(
                    f'<div class="{name("tile", "root", "item")}">'
                    + (
                        f'<img src="/icons/{rng.randint(1, 400)}.svg" alt="" width="32" height="32">'
                        if rng.random() < 0.5
                        else ""
                    )
                    + f'<p class="{name("tile", "text", "text")}">{x}</p></div>'
                    for x in items
                )
                body = f'<div class="{name("tiles", "grid", "grid")}">{tiles}</div>'
            paras = [b for b in rest if b[0] == "para"]
            others = [b for b in rest if b[0] != "para"]
            return head + inner(paras) + body + inner(others)
        kind = "plain"
    if kind == "media":
        img = f'<div class="{name("media", "image")}"><img src="/files/{rng.randint(100, 9999)}.webp" alt="" loading="lazy"></div>'
        return f'<div class="{name("media", "row", "grid")}">{img}<div class="{name("media", "body", "item")}">{head}{inner(blocks)}</div></div>'
    if kind == "tabs":
        tid = rng.randint(1, 999)
        return (
            f'<div role="tablist" class="{name("tabs", "list")}"><button role="tab" aria-selected="true" id="tab-{tid}">{esc(title)}</button></div>'
            f'<div role="tabpanel" aria-labelledby="tab-{tid}" class="{name("tabs", "panel", "text")}">{inner(blocks)}</div>'
        )
    return head + f'<div class="{name("richtext", "body", "text")}">{inner(blocks)}</div>'


def render_sections(art: Article, page: Page, snippets: Snippets, head_html: str) -> str:
    """`layout: sections`: the intro (headline, standfirst, first paragraphs) is one block and every
    `## Heading` a separate full-width module, as on Shopify/landing-page builders; shop furniture may
    sit between modules."""
    rng = page.rng
    name = class_namer(rng)
    intro: list[str] = []
    sections: list[tuple[str, list[tuple[str, Any]]]] = []
    for kind, payload in art.blocks:
        if kind == "heading":
            sections.append((str(payload), []))
        elif sections:
            sections[-1][1].append((kind, payload))
        else:
            intro.append(render_block(kind, payload, "p", page))
    wrap = rng.choice(["div", "section"])
    out = [
        f'<div class="{name("info", "root", "section")}" data-label="content">\n{head_html}'
        f'<div class="{name("description", "body", "text")}">{"".join(intro)}</div></div>\n'
    ]
    for i, (title, blocks) in enumerate(sections):
        if i and rng.random() < 0.15:
            out.append(inline_injection(page, snippets) + "\n")
        sid = f"shopify-section-template--{rng.randint(10**13, 10**14)}__{re.sub(r'[^a-z]+', '_', title.lower())[:20]}"
        attrs = f' id="{sid}"' if rng.random() < 0.4 else ""
        out.append(
            f'<{wrap} class="{name("section", "root", "section")}"{attrs} data-label="content">'
            f"{section_module(title, blocks, page, name)}</{wrap}>\n"
        )
    return "".join(out)


def render_article(art: Article, style: str, page: Page, snippets: Snippets) -> str:
    rng = page.rng
    fur = page.furniture
    inject_rate = rng.choice([0.0, 0.05, 0.1, 0.18])
    title_tag = "h1" if style in ("p", "spa") or rng.random() < 0.5 else "div"
    hcls = rng.choice(fur.headline_classes) if style != "spa" else hashed_class(rng)
    parts = []
    headline = f'<{title_tag} class="{hcls}">{esc(art.meta["title"])}</{title_tag}>'
    if style == "br":
        headline = f'<font size="4"><b>{esc(art.meta["title"])}</b></font><br><br>'
    parts.append(headline + "\n")
    if art.meta.get("standfirst"):
        parts.append(f'<p class="{rng.choice(fur.standfirst_classes)}">{esc(art.meta["standfirst"])}</p>\n')
    # Bylines belong to articles and threads; shop, service, listing and docs pages rarely carry one.
    if page.page_type == "article" or rng.random() < (0.3 if page.page_type == "forum" else 0.1):
        parts.append(byline_html(page, art, snippets) + "\n")
    if (
        page.layout == "sections"
        and page.page_type not in ("collection", "listing")
        and any(k == "heading" for k, _ in art.blocks)
    ):
        return render_sections(art, page, snippets, "".join(parts))
    body = []
    in_post = False
    post_no = 0
    if page.page_type in ("collection", "listing") and any(k == "heading" for k, _ in art.blocks):
        body = render_cards(art.blocks, style, page)
    else:
        for kind, payload in art.blocks:
            if kind == "post":
                user, date = payload
                if in_post:
                    body.append("</div></div>\n")
                post_no += 1
                meta = (
                    f'<div class="{rng.choice(fur.post_meta_classes)}" data-label="boilerplate">'
                    f'<a href="/u/{esc(user)}">{esc(user)}</a> <span>{esc(date)}</span> <a href="#p{post_no}">#{post_no}</a>'
                    f"{rng.choice(['', ' <span>Reply</span> <span>Quote</span>', ' <span>Share</span>', ' <span>▲ ' + str(rng.randint(0, 90)) + '</span>'])}</div>"
                )
                body.append(
                    f'<div class="{rng.choice(fur.post_classes)}" id="p{post_no}">{meta}<div class="{rng.choice(fur.post_body_classes)}">\n'
                )
                in_post = True
                continue
            if kind in ("para",) and body and rng.random() < inject_rate:
                body.append(inline_injection(page, snippets) + "\n")
            body.append(render_block(kind, payload, style, page))
    if in_post:
        body.append("</div></div>\n")
    if not post_no and len(body) > 6 and rng.random() < 0.3:
        # Real pages often break the body into several containers (ad slots, "read more" folds).
        cuts = sorted(rng.sample(range(2, len(body) - 1), k=min(rng.randint(1, 3), len(body) - 3)))
        chunks, prev = [], 0
        for cut in [*cuts, len(body)]:
            chunks.append(
                f'<div class="{rng.choice([*fur.body_chunk_classes, hashed_class(rng)])}">{"".join(body[prev:cut])}</div>'
            )
            prev = cut
        body = chunks
    body_html = "".join(body)
    if style == "br":
        body_html = f'<font face="{rng.choice(fur.fonts)}" size="2">{body_html}</font>'
    container = rng.choice(fur.container_classes) if style != "spa" else hashed_class(rng)
    if style == "spa":
        for _ in range(rng.randint(2, 6)):
            body_html = f'<div class="{hashed_class(rng)}">{body_html}</div>'
    body_div = f'<div class="{container}">{body_html}</div>' if container or style != "br" else body_html
    wrapper = "article" if style == "p" and rng.random() < 0.7 else "div"
    return f'<{wrapper} class="{rng.choice([*fur.article_wrapper_classes, hashed_class(rng)])}" data-label="content">\n{"".join(parts)}{body_div}\n</{wrapper}>'


def prose_sentences(pool: list[Article], rng: random.Random, n: int) -> str:
    """A few sentences of somebody else's prose (comments and teasers on real pages are prose too)."""
    art = rng.choice(pool)
    paras = [str(p) for k, p in art.blocks if k == "para"] or [art.meta["title"]]
    para = rng.choice(paras)
    sentences = re.split(r"(?<=[.!?。！？])\s*", para)
    start = rng.randrange(max(1, len(sentences) - n + 1))
    return " ".join(x for x in sentences[start : start + n] if x) or para


def comment_thread(page: Page, pool: list[Article]) -> str:
    """A comment section whose comments are real-looking prose: boilerplate by LABELS.md."""
    rng = page.rng
    fur = page.furniture
    cls = rng.choice(fur.comment_classes) or hashed_class(rng)
    items = []
    for k in range(rng.randint(2, 9)):
        body = "".join(f"<p>{esc(prose_sentences(pool, rng, rng.randint(1, 4)))}</p>" for _ in range(rng.randint(1, 3)))
        meta = (
            f'<div class="{rng.choice([*fur.comment_meta_classes, hashed_class(rng)])}">'
            f'<a href="#">{esc(rng.choice(fur.usernames))}</a> <span>{rng.randint(1, 28)} {rng.choice(["hours", "days", "min"])} ago</span></div>'
        )
        tail = rng.choice(["", '<a href="#" class="reply">Reply</a>', "<span>Like · Reply · Report</span>"])
        items.append(
            f'<li class="{cls}" id="c{k}">{meta}<div class="{rng.choice(fur.comment_classes) or hashed_class(rng)}">{body}</div>{tail}</li>'
        )
    n = rng.randint(2, 300)
    head = rng.choice(fur.comment_headings).replace("{n}", str(n))
    return f'<section class="{rng.choice([*fur.comment_section_classes, hashed_class(rng)])}" data-label="boilerplate">{head}<ol>{"".join(items)}</ol></section>'


def teaser_list(page: Page, pool: list[Article]) -> str:
    """Links to other stories with their first sentence: boilerplate that reads like prose."""
    rng = page.rng
    fur = page.furniture
    cls = rng.choice(fur.teaser_classes) or hashed_class(rng)
    items = []
    for _ in range(rng.randint(3, 8)):
        other = rng.choice(pool)
        blurb = f"<p>{esc(prose_sentences([other], rng, 1))}</p>" if rng.random() < 0.7 else ""
        items.append(
            f'<div class="{rng.choice([*fur.teaser_item_classes, hashed_class(rng)])}"><h3><a href="/{rng.randint(1, 99999)}">{esc(other.meta["title"])}</a></h3>{blurb}</div>'
        )
    head = rng.choice(fur.teaser_headings)
    return f'<div class="{cls}" data-label="boilerplate">{head}{"".join(items)}</div>'


def render_page(
    tpl: Template,
    art: Article,
    snippets: Snippets,
    rng: random.Random,
    furniture: Furniture,
    pool: list[Article] | None = None,
) -> str:
    lang = art.lang
    sites = furniture.sites
    page = Page(
        rng=rng,
        lang=lang,
        site=rng.choice(sites.get(lang, sites["en"])),
        title=art.meta["title"],
        furniture=furniture,
        link_rate=rng.choice([0.0, 0.01, 0.03, 0.05, 0.08, 0.12, 0.18]),
        citations=rng.random() < 0.12 and tpl.page_type in ("article", "documentation"),
        page_type=tpl.page_type,
        layout=tpl.settings.get("layout", ""),
    )
    style = tpl.settings.get("style", "p")
    slot_fill = furniture.slot_fill

    def slot(m: re.Match[str]) -> str:
        key = m.group(1)
        if key == "article":
            return render_article(art, style, page, snippets)
        if key in TEXT_SLOTS:
            return text_slot(key, art)
        if key in ("comments", "related") and pool and rng.random() < 0.5:
            same_lang = [a for a in pool if a.lang == lang] or pool
            return comment_thread(page, same_lang) if key == "comments" else teaser_list(page, same_lang)
        if key in slot_fill or (key, lang) in snippets or (key, "en") in snippets:
            frags = snippets.get((key, lang))
            if not frags or rng.random() > slot_fill.get(key, 0.8):
                return ""
            return page.fill(rng.choice(frags))
        return m.group(0)

    filled = SLOT.sub(slot, tpl.body)
    filled = page.fill(filled)
    meta = f'<meta name="training-group" content="{html.escape(tpl.name)}">'
    if re.search(r"<head[^>]*>", filled, re.IGNORECASE):
        return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + "\n" + meta, filled, count=1, flags=re.IGNORECASE)
    return meta + "\n" + filled
