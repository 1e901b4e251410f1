"""Loading the authored parts: articles, snippets, plain-text lines, templates and furniture.json."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import LABELS, PAGE_TYPES, PARTS

NEXT = re.compile(r"^\s*<!--\s*next\s*-->\s*$", re.MULTILINE)
TEMPLATE_HEADER = re.compile(r"^\s*<!--\s*template:\s*(\{.*?\})\s*-->\s*\n?", re.DOTALL)
# `!! Note: text` is an admonition (docs callouts: Note, Tip, Warning...): its title and its text.
NOTE_LINE = re.compile(r"^!! ([^:\n]{1,30}):\s*(.+)$", re.S)
# Lines `1. text` form an ordered list of steps (how-tos, recipes).
STEP_LINE = re.compile(r"^\d{1,2}[.)] ")
DL_LINE = re.compile(r"^(?!\| )([^\n]{1,80}?) :: (.+)$")

Snippets = dict[tuple[str, str], list[str]]
Lines = dict[str, list[list[tuple[str, str]]]]


@dataclass
class Furniture:
    """The data tables of furniture.json, with attribute access (furniture.sites, ...)."""

    data: dict[str, Any]
    genre_to_page_type: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(name) from None


def load_furniture(parts: Path = PARTS) -> Furniture:
    data = json.loads((parts / "furniture.json").read_text(encoding="utf-8"))
    mapping = {}
    for page_type, genres in data["genre_page_types"].items():
        if page_type not in PAGE_TYPES:
            raise ValueError(f"furniture.json: unknown page type {page_type!r}")
        for genre in genres:
            mapping[genre] = page_type
    return Furniture(data, mapping)


@dataclass
class Article:
    slug: str
    lang: str
    meta: dict[str, str]
    blocks: list[tuple[str, Any]]  # (kind, payload)

    @property
    def genre(self) -> str:
        return self.meta.get("genre", "")


def parse_article(path: Path, lang: str) -> Article:
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    head, _, body = raw.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    blocks: list[tuple[str, Any]] = []
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
        elif chunk.startswith("### "):
            blocks.append(("subheading", chunk[4:].strip()))
        elif NOTE_LINE.match(chunk):
            m = NOTE_LINE.match(chunk)
            assert m is not None
            blocks.append(("note", (m.group(1).strip(), " ".join(m.group(2).split()))))
        elif all(STEP_LINE.match(ln) for ln in chunk.splitlines()):
            blocks.append(("steps", [STEP_LINE.sub("", ln).strip() for ln in chunk.splitlines()]))
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
        elif all(DL_LINE.match(ln) for ln in chunk.splitlines()):
            matches = [DL_LINE.match(ln) for ln in chunk.splitlines()]
            blocks.append(("dl", [(m.group(1).strip(), m.group(2).strip()) for m in matches if m]))
        else:
            blocks.append(("para", " ".join(chunk.split())))
        i += 1
    return Article(slug=f"{lang}/{path.stem}", lang=lang, meta=meta, blocks=blocks)


def load_articles(parts: Path = PARTS) -> list[Article]:
    out = []
    for lang_dir in sorted((parts / "articles").iterdir()):
        for path in sorted(lang_dir.glob("*.txt")):
            art = parse_article(path, lang_dir.name)
            if art.meta.get("title") and art.blocks:
                out.append(art)
    return out


def load_snippets(parts: Path = PARTS) -> Snippets:
    """(slot, lang) -> fragments."""
    out: Snippets = {}
    for slot_dir in sorted((parts / "snippets").iterdir()):
        for path in sorted(slot_dir.glob("*.html")):
            lang = path.name.split(".")[-2]
            frags = [f.strip() for f in NEXT.split(path.read_text(encoding="utf-8")) if f.strip()]
            out.setdefault((slot_dir.name, lang), []).extend(frags)
    return out


def load_lines(parts: Path = PARTS, folder: str = "lines") -> Lines:
    """lang -> groups of (label, text) of the ``*.txt`` files directly in ``parts/<folder>``."""
    out: Lines = {}
    for path in sorted((parts / folder).glob("*.txt")):
        groups = []
        for chunk in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
            group = []
            for line in chunk.splitlines():
                label, sep, text = line.partition(":")
                if sep and label.strip() in LABELS and text.strip():
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

    @property
    def page_type(self) -> str:
        return self.settings.get("page_type", "article")


def load_templates(parts: Path = PARTS) -> list[Template]:
    out = []
    for path in sorted((parts / "templates").glob("*.html")):
        raw = path.read_text(encoding="utf-8")
        match = TEMPLATE_HEADER.match(raw)
        if not match or "{{article}}" not in raw:
            print(f"skipping template {path.name}: no header or no {{{{article}}}}", file=sys.stderr)
            continue
        settings = json.loads(match.group(1))
        if settings.get("page_type", "article") not in PAGE_TYPES:
            raise ValueError(f"template {path.name}: unknown page_type {settings['page_type']!r}")
        out.append(Template(path.stem, settings, raw[match.end() :]))
    return out
