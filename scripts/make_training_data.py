#!/usr/bin/env python3
"""Compose the annotated training pages and text documents from the authored parts.

Deterministic: the same parts and seed give byte-identical output.

    python scripts/make_training_data.py            # writes training_data/pages and texts
    python scripts/make_training_data.py --seed 1 --pages 10 --texts 3000   # pages per template
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import corpus  # noqa: E402

PARTS = ROOT / "training_data" / "parts"
SLOT = re.compile(r"\{\{(\w+)\}\}")
NEXT = re.compile(r"^\s*<!--\s*next\s*-->\s*$", re.MULTILINE)
TEMPLATE_HEADER = re.compile(r"^\s*<!--\s*template:\s*(\{.*?\})\s*-->\s*\n?", re.DOTALL)
SLOT_FILL = {
    "consent": 0.6,
    "poll": 0.3,
    "promo": 0.65,
    "nav": 0.95,
    "footer": 0.95,
    "breadcrumb": 0.6,
    "share": 0.6,
    "related": 0.75,
    "tags": 0.5,
    "comments": 0.6,
}
SITES = {
    "en": [
        "The Daily Ledger",
        "Harbor Times",
        "Midvale Courier",
        "TechPulse",
        "The Northern Post",
        "Greenfield Gazette",
        "CityBeat",
        "The Weekly Review",
        "Kitchen Notes",
        "Open Docs",
        "Riverside Chronicle",
        "Summit Wire",
        "PlotTwist Blog",
        "Metro Dispatch",
        "LifeHub",
    ],
    "de": ["Rheinische Rundschau", "Tagesblick", "Stadtanzeiger Nord", "Technikwelt"],
    "fr": ["Le Quotidien du Sud", "L'Écho de Lyon", "Actu Matin", "Le Courrier Alpin"],
    "es": ["El Diario del Valle", "Noticias Hoy", "La Voz de Levante", "Crónica Norte"],
    "pt": ["Jornal da Serra", "Diário do Porto", "Folha do Litoral"],
    "it": ["Il Corriere Toscano", "La Gazzetta del Nord", "Notizie Oggi"],
    "nl": ["Het Dagblad Oost", "De Stadskrant", "Nieuws Vandaag"],
    "pl": ["Gazeta Pomorska Dziś", "Kurier Miejski", "Wiadomości 24"],
    "ru": ["Городские вести", "Северная газета", "Новости дня"],
    "zh": ["城市晚报", "新闻周刊", "科技日报"],
    "ja": ["東都新聞", "まいにちニュース", "テック速報"],
}
CONTAINER_CLASSES = [
    "article-body",
    "entry-content",
    "story-body",
    "post-content",
    "content",
    "text",
    "rich-text",
    "article__content",
    "body-copy",
    "c-article-body",
    "td-post-content",
    "main-text",
    "story",
    "post-body",
    "field-body",
    "",
]
HEADLINE_CLASSES = ["headline", "entry-title", "article-title", "story-title", "post-title", "title", ""]


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


# ---------------------------------------------------------------------- parts


@dataclass
class Article:
    slug: str
    lang: str
    meta: dict[str, str]
    blocks: list[tuple[str, object]]  # (kind, payload)


def parse_article(path: Path, lang: str) -> Article:
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    head, _, body = raw.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    blocks: list[tuple[str, object]] = []
    chunks = re.split(r"\n\s*\n", body.strip())
    i = 0
    while i < len(chunks):
        chunk = chunks[i].strip("\n")
        if chunk.startswith("```"):
            code = [chunk]
            while not code[-1].rstrip().endswith("```") or len(code[-1].strip()) == 3 and len(code) == 1:
                i += 1
                if i >= len(chunks):
                    break
                code.append(chunks[i])
            text = "\n\n".join(code)
            blocks.append(("code", text.strip("`").split("\n", 1)[-1].rstrip("`").strip("\n")))
        elif chunk.startswith("## "):
            blocks.append(("heading", chunk[3:].strip()))
        elif chunk.startswith("- "):
            blocks.append(("list", [ln[2:].strip() for ln in chunk.splitlines() if ln.startswith("- ")]))
        elif chunk.startswith("| "):
            rows = [
                [c.strip() for c in ln.strip().strip("|").split("|")]
                for ln in chunk.splitlines()
                if ln.strip().startswith("|") and not set(ln.strip()) <= set("|-: ")
            ]
            blocks.append(("table", rows))
        elif chunk.startswith("> "):
            blocks.append(("quote", " ".join(ln[2:].strip() for ln in chunk.splitlines())))
        elif chunk.startswith("[caption]"):
            blocks.append(("caption", chunk[len("[caption]") :].strip()))
        elif chunk.startswith("@@ "):
            first, _, rest = chunk.partition("\n")
            user, _, date = first[3:].partition("|")
            blocks.append(("post", (user.strip(), date.strip())))
            if rest.strip():
                blocks.append(("para", " ".join(rest.split())))
        else:
            blocks.append(("para", " ".join(chunk.split())))
        i += 1
    return Article(slug=f"{lang}/{path.stem}", lang=lang, meta=meta, blocks=blocks)


def load_articles() -> list[Article]:
    out = []
    for lang_dir in sorted((PARTS / "articles").iterdir()):
        for path in sorted(lang_dir.glob("*.txt")):
            art = parse_article(path, lang_dir.name)
            if art.meta.get("title") and art.blocks:
                out.append(art)
    return out


def load_snippets() -> dict[tuple[str, str], list[str]]:
    """(slot, lang) -> fragments."""
    out: dict[tuple[str, str], list[str]] = {}
    for slot_dir in sorted((PARTS / "snippets").iterdir()):
        for path in sorted(slot_dir.glob("*.html")):
            lang = path.name.split(".")[-2]
            frags = [f.strip() for f in NEXT.split(path.read_text(encoding="utf-8")) if f.strip()]
            out.setdefault((slot_dir.name, lang), []).extend(frags)
    return out


def load_lines() -> dict[str, list[list[tuple[str, str]]]]:
    """lang -> groups of (label, text)."""
    out: dict[str, list[list[tuple[str, str]]]] = {}
    for path in sorted((PARTS / "lines").glob("*.txt")):
        groups = []
        for chunk in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
            group = []
            for line in chunk.splitlines():
                label, sep, text = line.partition(":")
                if sep and label.strip() in ("content", "poll", "consent", "promo", "boilerplate") and text.strip():
                    group.append((label.strip(), text.strip()))
            if group:
                groups.append(group)
        out.setdefault(path.name.split(".")[0], []).extend(groups)  # en.txt, en.extra.txt -> "en"
    return out


@dataclass
class Template:
    name: str
    settings: dict[str, str]
    body: str


def load_templates() -> list[Template]:
    out = []
    for path in sorted((PARTS / "templates").glob("*.html")):
        raw = path.read_text(encoding="utf-8")
        match = TEMPLATE_HEADER.match(raw)
        if not match or "{{article}}" not in raw:
            print(f"skipping template {path.name}: no header or no {{{{article}}}}", file=sys.stderr)
            continue
        out.append(Template(path.stem, json.loads(match.group(1)), raw[match.end() :]))
    return out


# ---------------------------------------------------------------------- rendering


@dataclass
class Page:
    rng: random.Random
    lang: str
    site: str
    title: str
    link_rate: float = 0.04  # share of word runs that become links in body copy
    citations: bool = False

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


def byline_html(page: Page, art: Article, snippets: dict[tuple[str, str], list[str]]) -> str:
    rng = page.rng
    frags = snippets.get(("byline", page.lang)) or (snippets.get(("byline", "en")) if page.lang == "en" else None)
    if frags and rng.random() < 0.4:
        return page.fill(rng.choice(frags))
    author = art.meta.get("author", "")
    date = art.meta.get("date", "")
    if not author and not date:
        return ""
    by = {
        "de": "Von",
        "fr": "Par",
        "es": "Por",
        "pt": "Por",
        "it": "Di",
        "nl": "Door",
        "pl": "Autor:",
        "ru": "Автор:",
        "zh": "作者：",
        "ja": "文：",
    }.get(page.lang, "By")
    cls = rng.choice(["byline", "author", "meta", "post-meta", "article-meta", hashed_class(rng)])
    parts = []
    if author:
        parts.append(f'<span class="author">{esc(by)} <a href="/author/{rng.randint(1, 999)}">{esc(author)}</a></span>')
    if date:
        parts.append(f'<time datetime="{esc(date)}">{esc(date)}</time>')
    sep = rng.choice([" | ", " · ", " — ", "<br>", " "])
    return f'<div class="{cls}" data-label="boilerplate">{sep.join(parts)}</div>'


def inline_injection(page: Page, snippets: dict[tuple[str, str], list[str]]) -> str:
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


def render_block(kind: str, payload: object, style: str, page: Page, in_post: bool = False) -> str:
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
        return (
            f"<h{rng.choice([2, 2, 3])}>{esc(str(payload))}</h2>\n".replace("</h2>", "</h2>")
            if False
            else f"<h2>{esc(str(payload))}</h2>\n"
        )
    if kind == "list":
        items = [str(x) for x in payload]  # type: ignore[union-attr]
        if style == "br":
            return "".join(f"&bull; {linkify(x, rng, 0.03)}<br>\n" for x in items) + "<br>\n"
        if style == "div":
            return "".join(f"<div>• {linkify(x, rng, 0.03)}</div>\n" for x in items)
        tag = rng.choice(["ul", "ul", "ol"])
        return f"<{tag}>" + "".join(f"<li>{linkify(x, rng, 0.03)}</li>" for x in items) + f"</{tag}>\n"
    if kind == "table":
        rows = payload  # type: ignore[assignment]
        out = ['<table class="data">']
        for r, row in enumerate(rows):  # type: ignore[arg-type]
            cell = "th" if r == 0 else "td"
            out.append("<tr>" + "".join(f"<{cell}>{esc(c)}</{cell}>" for c in row) + "</tr>")
        return "".join(out) + "</table>\n"
    if kind == "quote":
        return f"<blockquote><p>{esc(str(payload))}</p></blockquote>\n"
    if kind == "caption":
        img = f'<img src="/img/{rng.randint(1, 9999)}.jpg" alt="">'
        if style in ("br", "div"):
            return f'<div class="caption">{img}<br>{esc(str(payload))}</div>\n'
        credit = ""
        if rng.random() < 0.4:
            credit = f' <span class="credit" data-label="boilerplate">Photo: {esc(rng.choice(["Staff", "Agency", "Handout", "Getty", "Reuters-style pool"]))}</span>'
        return f"<figure>{img}<figcaption>{esc(str(payload))}{credit}</figcaption></figure>\n"
    if kind == "code":
        return f"<pre><code>{esc(str(payload))}</code></pre>\n"
    return ""


def render_article(art: Article, style: str, page: Page, snippets: dict[tuple[str, str], list[str]]) -> str:
    rng = page.rng
    inject_rate = rng.choice([0.0, 0.05, 0.1, 0.18])
    title_tag = "h1" if style in ("p", "spa") or rng.random() < 0.5 else "div"
    hcls = rng.choice(HEADLINE_CLASSES) if style != "spa" else hashed_class(rng)
    parts = []
    headline = f'<{title_tag} class="{hcls}">{esc(art.meta["title"])}</{title_tag}>'
    if style == "br":
        headline = f'<font size="4"><b>{esc(art.meta["title"])}</b></font><br><br>'
    parts.append(headline + "\n")
    if art.meta.get("standfirst"):
        parts.append(
            f'<p class="{rng.choice(["standfirst", "dek", "lede", "summary", "intro"])}">{esc(art.meta["standfirst"])}</p>\n'
        )
    parts.append(byline_html(page, art, snippets) + "\n")
    body = []
    in_post = False
    post_no = 0
    for kind, payload in art.blocks:
        if kind == "post":
            user, date = payload  # type: ignore[misc]
            if in_post:
                body.append("</div></div>\n")
            post_no += 1
            meta = (
                f'<div class="{rng.choice(["postprofile", "post-meta", "topic-meta", "author-info"])}" data-label="boilerplate">'
                f'<a href="/u/{esc(user)}">{esc(user)}</a> <span>{esc(date)}</span> <a href="#p{post_no}">#{post_no}</a>'
                f"{rng.choice(['', ' <span>Reply</span> <span>Quote</span>', ' <span>Share</span>', ' <span>▲ ' + str(rng.randint(0, 90)) + '</span>'])}</div>"
            )
            body.append(
                f'<div class="{rng.choice(["post", "topic-post", "answer", "message"])}" id="p{post_no}">{meta}<div class="{rng.choice(["postbody", "cooked", "s-prose", "message-body"])}">\n'
            )
            in_post = True
            continue
        if kind in ("para",) and body and rng.random() < inject_rate:
            body.append(inline_injection(page, snippets) + "\n")
        body.append(render_block(kind, payload, style, page, in_post))
    if in_post:
        body.append("</div></div>\n")
    if not post_no and len(body) > 6 and rng.random() < 0.3:
        # Real pages often break the body into several containers (ad slots, "read more" folds).
        cuts = sorted(rng.sample(range(2, len(body) - 1), k=min(rng.randint(1, 3), len(body) - 3)))
        chunks, prev = [], 0
        for cut in [*cuts, len(body)]:
            chunks.append(
                f'<div class="{rng.choice(["chunk", "text-block", "article-section", hashed_class(rng)])}">{"".join(body[prev:cut])}</div>'
            )
            prev = cut
        body = chunks
    body_html = "".join(body)
    if style == "br":
        body_html = (
            f'<font face="{rng.choice(["Arial", "Verdana", "Times New Roman", "Georgia"])}" size="2">{body_html}</font>'
        )
    container = rng.choice(CONTAINER_CLASSES) if style != "spa" else hashed_class(rng)
    if style == "spa":
        for _ in range(rng.randint(2, 6)):
            body_html = f'<div class="{hashed_class(rng)}">{body_html}</div>'
    body_div = f'<div class="{container}">{body_html}</div>' if container or style != "br" else body_html
    wrapper = "article" if style == "p" and rng.random() < 0.7 else "div"
    return f'<{wrapper} class="{rng.choice(["post", "article", "story", "entry", "main-article", hashed_class(rng)])}" data-label="content">\n{"".join(parts)}{body_div}\n</{wrapper}>'


USERNAMES = [
    "mike_r",
    "Sandra K.",
    "anon",
    "truthseeker77",
    "J. Alvarez",
    "bluebird",
    "old_timer",
    "Priya",
    "kev",
    "M. Schulz",
    "reader1984",
    "Tomasz",
    "chloé",
    "dave in ohio",
    "Nadia",
    "ghost_writer",
]
COMMENT_CLASSES = ["comment", "comment-body", "c-comment", "reply", "post-reply", "user-comment", "cmt", ""]
TEASER_CLASSES = ["related", "more-stories", "read-next", "recommended", "teaser-list", "also-read", "trending", ""]


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
    cls = rng.choice(COMMENT_CLASSES) or hashed_class(rng)
    items = []
    for k in range(rng.randint(2, 9)):
        body = "".join(f"<p>{esc(prose_sentences(pool, rng, rng.randint(1, 4)))}</p>" for _ in range(rng.randint(1, 3)))
        meta = (
            f'<div class="{rng.choice(["comment-meta", "meta", "author", hashed_class(rng)])}">'
            f'<a href="#">{esc(rng.choice(USERNAMES))}</a> <span>{rng.randint(1, 28)} {rng.choice(["hours", "days", "min"])} ago</span></div>'
        )
        tail = rng.choice(["", '<a href="#" class="reply">Reply</a>', "<span>Like · Reply · Report</span>"])
        items.append(
            f'<li class="{cls}" id="c{k}">{meta}<div class="{rng.choice(COMMENT_CLASSES) or hashed_class(rng)}">{body}</div>{tail}</li>'
        )
    head = rng.choice(
        ["", f"<h3>{rng.randint(2, 300)} Comments</h3>", "<h2>Join the conversation</h2>", "<h3>Reader comments</h3>"]
    )
    return f'<section class="{rng.choice(["comments", "comments-area", "discussion", hashed_class(rng)])}" data-label="boilerplate">{head}<ol>{"".join(items)}</ol></section>'


def teaser_list(page: Page, pool: list[Article]) -> str:
    """Links to other stories with their first sentence: boilerplate that reads like prose."""
    rng = page.rng
    cls = rng.choice(TEASER_CLASSES) or hashed_class(rng)
    items = []
    for _ in range(rng.randint(3, 8)):
        other = rng.choice(pool)
        blurb = f"<p>{esc(prose_sentences([other], rng, 1))}</p>" if rng.random() < 0.7 else ""
        items.append(
            f'<div class="{rng.choice(["teaser", "card", "story", hashed_class(rng)])}"><h3><a href="/{rng.randint(1, 99999)}">{esc(other.meta["title"])}</a></h3>{blurb}</div>'
        )
    head = rng.choice(
        ["", "<h2>Related stories</h2>", "<h2>More from this section</h2>", "<h3>Read next</h3>", "<h2>Most read</h2>"]
    )
    return f'<div class="{cls}" data-label="boilerplate">{head}{"".join(items)}</div>'


def render_page(
    tpl: Template,
    art: Article,
    snippets: dict[tuple[str, str], list[str]],
    rng: random.Random,
    pool: list[Article] | None = None,
) -> str:
    lang = art.lang
    page = Page(
        rng=rng,
        lang=lang,
        site=rng.choice(SITES.get(lang, SITES["en"])),
        title=art.meta["title"],
        link_rate=rng.choice([0.0, 0.01, 0.03, 0.05, 0.08, 0.12, 0.18]),
        citations=rng.random() < 0.12,
    )
    style = tpl.settings.get("style", "p")

    def slot(m: re.Match[str]) -> str:
        key = m.group(1)
        if key == "article":
            return render_article(art, style, page, snippets)
        if key in ("comments", "related") and pool and rng.random() < 0.5:
            same_lang = [a for a in pool if a.lang == lang] or pool
            return comment_thread(page, same_lang) if key == "comments" else teaser_list(page, same_lang)
        if key in SLOT_FILL:
            frags = snippets.get((key, lang))
            if not frags or rng.random() > SLOT_FILL[key]:
                return ""
            return page.fill(rng.choice(frags))
        return m.group(0)

    filled = SLOT.sub(slot, tpl.body)
    filled = page.fill(filled)
    meta = f'<meta name="training-group" content="{html.escape(tpl.name)}">'
    if re.search(r"<head[^>]*>", filled, re.IGNORECASE):
        return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + "\n" + meta, filled, count=1, flags=re.IGNORECASE)
    return meta + "\n" + filled


# ---------------------------------------------------------------------- text documents


def article_paragraphs(art: Article, rng: random.Random) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if rng.random() < 0.6:
        out.append(("content", art.meta["title"]))
    if art.meta.get("standfirst") and rng.random() < 0.5:
        out.append(("content", art.meta["standfirst"]))
    bullet = rng.choice(["* ", "- ", "• ", ""])
    for kind, payload in art.blocks:
        if kind in ("para", "heading", "quote", "caption"):
            out.append(("content", str(payload)))
        elif kind == "list":
            out.extend(("content", bullet + str(x)) for x in payload)  # type: ignore[union-attr]
        elif kind == "table":
            out.extend(("content", " ".join(r)) for r in payload)  # type: ignore[union-attr]
        elif kind == "post":
            user, date = payload  # type: ignore[misc]
            if rng.random() < 0.5:
                out.append(("boilerplate", f"{user} {date}".strip()))
    return [(lab, " ".join(t.split())) for lab, t in out if t.strip()]


def snippet_groups(
    snippets: dict[tuple[str, str], list[str]], lang: str, rng: random.Random, n: int
) -> list[list[tuple[str, str]]]:
    """Labelled paragraphs of random widgets, as text extraction would leave them."""
    slots = [slot for (slot, code) in snippets if code == lang and slot not in ("nav", "footer", "comments")]
    groups = []
    for _ in range(n):
        if not slots:
            break
        slot = rng.choice(slots)
        frag = rng.choice(snippets[(slot, lang)])
        page = Page(rng=rng, lang=lang, site=rng.choice(SITES.get(lang, SITES["en"])), title="")
        blocks, labels, _, _ = corpus.page_labels(f"<html><body>{page.fill(frag)}</body></html>")
        group = [(lab or "boilerplate", b.text) for b, lab in zip(blocks, labels, strict=False)]
        if group and len(group) <= 12:
            groups.append(group)
    return groups


def make_text(
    art: Article,
    lines: dict[str, list[list[tuple[str, str]]]],
    snippets: dict[tuple[str, str], list[str]],
    rng: random.Random,
    page_site: str,
) -> list[tuple[str, str]]:
    paras = article_paragraphs(art, rng)
    lang_lines = lines.get(art.lang) or lines.get("en", [])
    n_inject = rng.choice([0, 1, 1, 2, 2, 3, 4])
    groups = []
    for _ in range(n_inject):
        if lang_lines and rng.random() < 0.75:
            groups.append(rng.choice(lang_lines))
        else:
            groups.extend(snippet_groups(snippets, art.lang, rng, 1))
    for group in groups:
        pos = rng.choice([0, len(paras), rng.randint(1, max(1, len(paras) - 1))])
        filled = [
            (lab, text.replace("{{site}}", page_site).replace("{{n}}", str(rng.randint(2, 99)))) for lab, text in group
        ]
        paras[pos:pos] = filled
    return [(lab, t) for lab, t in paras if t.strip()]


# ---------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--pages", type=int, default=8, help="pages per template")
    ap.add_argument("--texts", type=int, default=2000)
    ap.add_argument("--out", type=Path, default=ROOT / "training_data")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    articles = load_articles()
    snippets = load_snippets()
    lines = load_lines()
    templates = load_templates()
    pages_dir = args.out / "pages" / "generated"
    if pages_dir.exists():
        shutil.rmtree(pages_dir)
    pages_dir.mkdir(parents=True)
    en_articles = [a for a in articles if a.lang == "en"]
    other = [a for a in articles if a.lang != "en"]
    count = 0
    for tpl in templates:
        multilingual = tpl.settings.get("lang", "en") != "en"
        for k in range(args.pages):
            pool = other if multilingual and other and k % 2 == 1 else en_articles
            art = rng.choice(pool)
            page_html = render_page(tpl, art, snippets, rng, articles)
            (pages_dir / f"{tpl.name}--{k:02d}.html").write_text(page_html, encoding="utf-8")
            count += 1
    texts_dir = args.out / "texts"
    texts_dir.mkdir(parents=True, exist_ok=True)
    with open(texts_dir / "generated.jsonl", "w", encoding="utf-8") as fh:
        seen: set[str] = set()
        i = 0
        while i < args.texts:
            art = rng.choice(articles if rng.random() < 0.7 else other or articles)
            paras = make_text(art, lines, snippets, rng, rng.choice(SITES.get(art.lang, SITES["en"])))
            key = json.dumps(paras, ensure_ascii=False)
            if key in seen:
                continue
            seen.add(key)
            record = {
                "id": f"text-{i:05d}",
                "group": art.slug,
                "lang": art.lang,
                "paragraphs": [{"text": t, "label": lab} for lab, t in paras],
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            i += 1
    print(
        f"{count} pages from {len(templates)} templates, {args.texts} text documents, "
        f"{len(articles)} articles, {sum(len(v) for v in snippets.values())} snippets"
    )


if __name__ == "__main__":
    main()
