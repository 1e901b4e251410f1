"""Plain-text documents: an article's paragraphs with labelled groups injected at boundaries."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

from .html_pages import Page
from .parts import Article, Furniture, Lines, Snippets

BLOCK_TAGS = frozenset(
    "html body p div li ul ol dl dd dt menu dir h1 h2 h3 h4 h5 h6 hgroup td th tr table thead tbody tfoot "
    "caption blockquote pre address center figure figcaption section article header footer nav aside main form "
    "fieldset legend label button option details summary dialog title output video audio picture".split()
)
DROP_TAGS = frozenset(
    "script style noscript template head svg math object embed applet canvas map iframe select textarea datalist".split()
)
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _Labeller(HTMLParser):
    """Blocks of a labelled HTML fragment with the label of their nearest `data-label` ancestor.

    A small stand-in for cleaner's segmenter (the generator does not import the cleaner package):
    block elements start a new paragraph, `<br>` splits one, invisible elements are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, label, dropped)
        self.pieces: list[str] = []
        self.out: list[tuple[str, str]] = []

    def _label(self) -> str:
        for _, label, _ in reversed(self.stack):
            if label:
                return label
        return "boilerplate"

    def _dropped(self) -> bool:
        return any(d for _, _, d in self.stack)

    def _flush(self) -> None:
        text = " ".join("".join(self.pieces).split())
        self.pieces = []
        if text:
            self.out.append((self._label(), text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "br":
            self._flush()
            return
        if tag in VOID_TAGS:
            if tag in ("img", "input"):
                self.pieces.append(" ")
            return
        if tag in BLOCK_TAGS:
            self._flush()
        dropped = (
            tag in DROP_TAGS
            or "hidden" in a
            or a.get("aria-hidden") == "true"
            or bool(re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", a.get("style") or "", re.I))
        )
        self.stack.append((tag, a.get("data-label"), dropped))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if tag in BLOCK_TAGS:
            self._flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self._dropped():
            self.pieces.append(data)


def labelled_blocks(fragment: str) -> list[tuple[str, str]]:
    parser = _Labeller()
    parser.feed(fragment)
    parser.close()
    parser._flush()
    return parser.out


# Extractors keep the article's own byline/dateline line under the headline. LABELS.md calls bylines and datelines
# boilerplate wherever they stand (some extracted-article benchmarks count them as content), so they are labelled
# boilerplate here too: the model learns the short line right under a headline is not always the article.
ARTICLE_BYLINE = 0.2
BYLINE_WORD = {
    "en": "By",
    "de": "Von",
    "fr": "Par",
    "es": "Por",
    "pt": "Por",
    "it": "Di",
    "nl": "Door",
    "sv": "Av",
    "no": "Av",
    "da": "Af",
}
PUBLISHED = {
    "en": ("Published", "Updated"),
    "de": ("Veröffentlicht am", "Aktualisiert"),
    "fr": ("Publié le", "Mis à jour"),
    "es": ("Publicado el", "Actualizado"),
}


def byline_line(art: Article, rng: random.Random) -> str:
    author, date = art.meta.get("author", "").strip(), art.meta.get("date", "").strip()
    by = BYLINE_WORD.get(art.lang, "")
    pub, upd = PUBLISHED.get(art.lang, ("", ""))
    forms = []
    if author:
        forms += [f"{by} {author}".strip(), f"{by} {author}".strip()]
        if date:
            forms += [f"{by} {author} | {date}".strip(), f"{author}, {date}", f"{by} {author} – {date}".strip()]
    if date:
        forms.append(date)
        if pub:
            forms += [f"{pub} {date}", f"{pub} {date} · {upd} {date}"]
    return rng.choice(forms) if forms else ""


def article_paragraphs(art: Article, rng: random.Random) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if rng.random() < 0.6:
        out.append(("content", art.meta["title"]))
    if art.meta.get("standfirst") and rng.random() < 0.5:
        out.append(("content", art.meta["standfirst"]))
    if art.genre not in ("forum", "qa", "product", "listing", "collection", "docs") and rng.random() < ARTICLE_BYLINE:
        byline = byline_line(art, rng)
        if byline:
            out.append(("boilerplate", byline))
    bullet = rng.choice(["* ", "- ", "• ", ""])
    for kind, payload in art.blocks:
        if kind in ("para", "heading", "subheading", "quote", "caption"):
            out.append(("content", str(payload)))
        elif kind == "steps":
            out.extend(("content", f"{n}. {x}") for n, x in enumerate(payload, 1))
        elif kind == "note":
            title, body = payload
            out.extend(
                [("content", title), ("content", body)] if rng.random() < 0.4 else [("content", f"{title}: {body}")]
            )
        elif kind == "list":
            out.extend(("content", bullet + str(x)) for x in payload)
        elif kind == "table":
            out.extend(("content", " ".join(r)) for r in payload)
        elif kind == "dl":
            out.extend(("content", f"{t}: {d}") for t, d in payload)
        elif kind == "post":
            user, date = payload
            if rng.random() < 0.5:
                out.append(("boilerplate", f"{user} {date}".strip()))
    # Code blocks are left out: extraction flattens them, and blank lines inside would split paragraphs.
    return [(lab, " ".join(t.split())) for lab, t in out if t.strip()]


def snippet_groups(
    snippets: Snippets, furniture: Furniture, lang: str, rng: random.Random, n: int
) -> list[list[tuple[str, str]]]:
    """Labelled paragraphs of random widgets, as text extraction would leave them."""
    slots = [
        slot
        for (slot, code) in snippets
        if code == lang and slot not in ("nav", "megamenu", "footer", "comments", "reviews")
    ]
    sites = furniture.sites
    groups = []
    for _ in range(n):
        if not slots:
            break
        slot = rng.choice(slots)
        frag = rng.choice(snippets[(slot, lang)])
        page = Page(rng=rng, lang=lang, site=rng.choice(sites.get(lang, sites["en"])), title="", furniture=furniture)
        group = labelled_blocks(page.fill(frag))
        if group and len(group) <= 12:
            groups.append(group)
    return groups


# How injected material sits in extracted articles (tallied on real extractor output): one to three runs per
# document, mostly between editorial paragraphs, sometimes only part of a widget, sometimes in another language.
INJECTED_RUNS = (0, 1, 1, 1, 2, 2, 2, 3, 3, 3)  # a tenth of documents have nothing to remove
MIDDLE, START = 0.86, 0.08  # the rest at the end
PARTIAL_WIDGET = 0.3  # an extractor kept only a slice (the question, "View results") of a longer widget
OTHER_LANGUAGE = 0.2  # a run in another language than the article (English twice as likely)


# Spelling variants of injected lines (issue 14). Sites write the same opt-in as "follow-up", "followup" or
# "follow up", "email" or "e-mail", "by" or "via" email, with or without the final full stop; the model's hashed word
# features see each spelling as another word, so a share of injected lines is respelt. The draw comes from a Random
# seeded by the line and its place in the document, not from the generator's own stream: everything else the
# generator writes stays byte-identical, and the same parts and seed still give the same files.
SPELLING_VARIANT = 0.3
_FOLLOW_UP = re.compile(r"\b(follow)([- ]?)(up)\b", re.I)
_EMAIL = re.compile(r"\b(e)(-?)(mail)(s?)\b", re.I)
_BY_VIA = re.compile(r"\b(by|via)(?= e-?mails?\b)", re.I)


def _keep_case(old: str, new: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def respell(text: str, rnd: random.Random) -> str:
    """One spelling variant of an injected line: follow-up/followup/follow up, email/e-mail, by/via email, and the
    final full stop dropped or added. May return the line unchanged."""
    out = _FOLLOW_UP.sub(lambda m: _keep_case(m.group(0), rnd.choice(("follow-up", "followup", "follow up"))), text)
    out = _EMAIL.sub(lambda m: _keep_case(m.group(0), rnd.choice(("email", "e-mail")) + m.group(4).lower()), out)
    out = _BY_VIA.sub(lambda m: _keep_case(m.group(0), rnd.choice(("by", "via"))), out)
    if len(out.split()) >= 3 and rnd.random() < 0.4:
        if out.endswith(".") and not out.endswith(".."):
            out = out[:-1]
        elif out[-1:].isalpha():
            out += "."
    return out


def _respelt(group: list[tuple[str, str]], key: str) -> list[tuple[str, str]]:
    out = []
    for i, (lab, text) in enumerate(group):
        rnd = random.Random(f"{key}|{i}|{text}")
        if lab != "content" and rnd.random() < SPELLING_VARIANT:
            text = respell(text, rnd)
        out.append((lab, text))
    return out


def _group_for(lang: str, lines: Lines, snippets: Snippets, furniture: Furniture, rng: random.Random) -> list:
    if rng.random() < OTHER_LANGUAGE:
        others = [code for code in lines if code != lang]
        if others:
            lang = "en" if "en" in others and rng.random() < 0.67 else rng.choice(others)
    lang_lines = lines.get(lang) or lines.get("en", [])
    if lang_lines and rng.random() < 0.75:
        group = list(rng.choice(lang_lines))
    else:
        found = snippet_groups(snippets, furniture, lang, rng, 1)
        group = found[0] if found else []
    if len(group) > 2 and rng.random() < PARTIAL_WIDGET:
        start = rng.randrange(len(group) - 1)
        group = group[start : start + rng.choice((1, 2))]
    return group


def make_text(
    art: Article,
    lines: Lines,
    snippets: Snippets,
    furniture: Furniture,
    rng: random.Random,
    page_site: str,
) -> list[tuple[str, str]]:
    paras = article_paragraphs(art, rng)
    groups = [_group_for(art.lang, lines, snippets, furniture, rng) for _ in range(rng.choice(INJECTED_RUNS))]
    # Insertion points on the article's own paragraph boundaries, filled from the last, so runs never nest.
    points = []
    for _ in groups:
        draw = rng.random()
        if draw < MIDDLE and len(paras) > 1:
            points.append(rng.randint(1, len(paras) - 1))
        elif draw < MIDDLE + START:
            points.append(0)
        else:
            points.append(len(paras))
    for pos, group in sorted(zip(points, groups, strict=True), key=lambda item: -item[0]):
        filled = [
            (lab, text.replace("{{site}}", page_site).replace("{{n}}", str(rng.randint(2, 99)))) for lab, text in group
        ]
        paras[pos:pos] = _respelt(filled, f"{page_site}|{len(paras)}|{pos}")
    return [(lab, t) for lab, t in paras if t.strip()]
