#!/usr/bin/env python3
"""Typed scores per language group on ``typed-modern-dev`` (issue 13: "Report per language group").

    python scripts/typed_by_language.py              # every page: prints the tables, writes docs/TYPED_BY_LANGUAGE.md
    python scripts/typed_by_language.py --no-docs    # print only

Every record of ``../shared/benchmarks/typed-modern-dev.jsonl.gz`` (read with ``cleaner.learning.training.typed_gold``)
is cleaned once with the shipped model (``cleaner.Cleaner()``, the same call as ``cleaner.learning.training
.evaluate_typed``) and scored per page with the project's token-aligned scorer (``cleaner.learning.evaluate
.TypedScore``); the per-page scores are then pooled per group with ``TypedScore.combined`` (token counts add up, so a
group's figures are what ``evaluate_typed`` would report on that group's pages alone, and the "all" row is the whole
set's figure).

The group is derived from the country code in the record id (``modern-dev/<cc>/<Site>_<date>``), with the explicit
mapping in ``GERMAN`` / ``ENGLISH`` below; every other country is "other". The country is a site hint, not the page's
language: a few sites publish in another language than their country's (``PAGE_LANGUAGE``), so a second table moves
those pages to their language's group (same cleaning run, regrouped only).

``typed-dev`` is not split: its ids (``cetd/BBC_10``, ``cleaneval/final-113``, ``dragnet/R230``...) carry no country or
language, and its three sources are English pages (all of CleanEval, about 99% of CETD and 98% of Dragnet, per
``../shared/benchmarks/README.md``), so it would be one "English" group.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # single-threaded: the machine is shared

from cleaner.core.types import LABELS  # noqa: E402
from cleaner.learning.evaluate import TypedScore  # noqa: E402
from cleaner.learning.training import typed_gold  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "benchmarks" / "typed-modern-dev.jsonl.gz"
DOC = REPO / "docs" / "TYPED_BY_LANGUAGE.md"
COMMAND = "python scripts/typed_by_language.py"

GROUPS = ("German", "English", "other")
# Countries whose press is German-language.
GERMAN = frozenset({"de", "at", "ch", "li"})
# Countries where English is the (or a) main language of the national press. ``uk`` is the code the dataset uses
# (``gb`` kept for safety); ``ls`` (Lesotho), ``na`` (Namibia) and ``za`` (South Africa) have English as an official
# language and their sites here are English. Malaysia, Portugal, Japan, Taiwan are not on the list (see PAGE_LANGUAGE).
ENGLISH = frozenset(
    {"uk", "gb", "us", "ie", "ca", "au", "nz", "za", "ls", "na", "bw", "zw", "zm", "ng", "gh", "ke", "ug", "jm"}
)
# Pages whose language is not their country's group (site and language checked by hand: URL and <html lang>).
PAGE_LANGUAGE: Mapping[str, str] = {
    "modern-dev/es/MallorcaZeitung_2025_04_16": "German",  # German-language paper on Mallorca, lang="de"
    "modern-dev/it/Tageszeitung_2025_04_16": "German",  # South Tyrol's Die Neue Südtiroler Tageszeitung, lang="de"
    "modern-dev/jp/TheJapanNews_2024_10_13": "English",  # Yomiuri's English edition, lang="en"
    "modern-dev/my/MalayMail_2024_11_22": "English",  # English-language Malaysian paper, lang="en"
    "modern-dev/pt/ThePortugalNews_2025_02_03": "English",  # English-language paper in Portugal, lang="en"
    "modern-dev/tw/TaipeiTimes_2024_10_15": "English",  # English-language Taiwanese paper (no lang attribute)
}
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([\w-]+)", re.I)


# ------------------------------------------------------------------ grouping


def country_of(record_id: str) -> str:
    """The country code of a ``modern-dev/<cc>/<page>`` id (lower case)."""
    parts = record_id.split("/")
    if len(parts) != 3 or not parts[1]:
        raise ValueError(f"not a modern-dev/<country>/<page> id: {record_id!r}")
    return parts[1].lower()


def group_of_country(country: str) -> str:
    """German / English / other for a country code."""
    country = country.lower()
    if country in GERMAN:
        return "German"
    if country in ENGLISH:
        return "English"
    return "other"


def group_by_country(record_id: str) -> str:
    return group_of_country(country_of(record_id))


def group_by_page_language(record_id: str) -> str:
    return PAGE_LANGUAGE.get(record_id) or group_by_country(record_id)


def aggregate(
    scored: Iterable[tuple[str, TypedScore]], group: Callable[[str], str] = group_by_country
) -> dict[str, tuple[int, TypedScore]]:
    """Pages and pooled score per group (in ``GROUPS`` order, then any other group), plus ``"all"``."""
    pages: dict[str, list[TypedScore]] = defaultdict(list)
    everything: list[TypedScore] = []
    for record_id, score in scored:
        pages[group(record_id)].append(score)
        everything.append(score)
    order = [g for g in GROUPS if g in pages] + sorted(g for g in pages if g not in GROUPS)
    out = {g: (len(pages[g]), TypedScore.combined(pages[g])) for g in order}
    out["all"] = (len(everything), TypedScore.combined(everything))
    return out


# ------------------------------------------------------------------ tables


def _num(x: float, support: int) -> str:
    return f"{x:.3f}" if support else "–"


def summary_table(groups: Mapping[str, tuple[int, TypedScore]]) -> str:
    """One row per group: pages, F1 per label, content retention, non-content macro F1."""
    head = ["group", "pages", *(f"{label} F1" for label in LABELS), "content retention", "macro F1 (non-content)"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for name, (n, score) in groups.items():
        rep = score.report()
        labels = rep["labels"]
        macro = rep["macro_f1_noncontent"]
        cells = [
            f"**{name}**" if name == "all" else name,
            str(n),
            *(_num(labels[label]["f1"], labels[label]["support"]) for label in LABELS),
            _num(rep["content_retention"], labels["content"]["support"]),
            "–" if macro is None else f"{macro:.3f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def detail_table(groups: Mapping[str, tuple[int, TypedScore]]) -> str:
    """One row per group and label: precision, recall, F1, gold tokens, share of them removed from the text."""
    head = ["group", "pages", "label", "precision", "recall", "F1", "gold tokens", "removed from text"]
    lines = ["| " + " | ".join(head) + " |", "|---|---:|---|" + "---:|" * 5]
    for name, (n, score) in groups.items():
        rep = score.report()
        for label in LABELS:
            r = rep["labels"][label]
            s = r["support"]
            cells = [name, str(n), label, _num(r["precision"], s), _num(r["recall"], s), _num(r["f1"], s), str(s)]
            cells.append(_num(r["removal_rate"], s))
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def country_table(records: Sequence[Mapping[str, Any]]) -> str:
    """Per country: its group, pages, the pages' ``<html lang>`` values (to check the grouping)."""
    pages: Counter[str] = Counter()
    langs: dict[str, Counter[str]] = defaultdict(Counter)
    for rec in records:
        cc = country_of(rec["id"])
        pages[cc] += 1
        m = _HTML_LANG.search(rec["document"][:20000])
        langs[cc][m.group(1).lower() if m else "(none)"] += 1
    lines = ["| country | group | pages | `<html lang>` of the pages |", "|---|---|---:|---|"]
    for cc in sorted(pages, key=lambda c: (GROUPS.index(group_of_country(c)), -pages[c], c)):
        seen = ", ".join(f"{lang} {k}" for lang, k in langs[cc].most_common())
        lines.append(f"| {cc} | {group_of_country(cc)} | {pages[cc]} | {seen} |")
    return "\n".join(lines)


# ------------------------------------------------------------------ run


def score_pages(records: Sequence[Mapping[str, Any]]) -> tuple[str, list[tuple[str, TypedScore]]]:
    """Clean every record with the shipped model and score it alone; returns (model version, per-page scores)."""
    from cleaner.api import Cleaner

    cleaner = Cleaner()
    out = []
    for i, rec in enumerate(records, 1):
        result = cleaner.clean(rec["document"], kind=rec["kind"])
        score = TypedScore()
        score.add(rec["segments"], [(s.text, s.label.value) for s in result.segments])
        out.append((rec["id"], score))
        if i % 25 == 0:
            print(f"  {i}/{len(records)} pages", file=sys.stderr, flush=True)
    return cleaner.model_version, out


def render(
    version: str, data: Path, records: Sequence[Mapping[str, Any]], scored: Sequence[tuple[str, TypedScore]]
) -> str:
    by_country = aggregate(scored, group_by_country)
    by_language = aggregate(scored, group_by_page_language)
    ids = {rec["id"] for rec in records}
    moved = [f"`{rid.split('/', 1)[1]}` → {g}" for rid, g in PAGE_LANGUAGE.items() if rid in ids]
    return "\n".join(
        [
            f"Rerun: `{COMMAND}` (writes this file; cleans each page once with the shipped model, one core).",
            "",
            "# Typed scores per language group on `typed-modern-dev`",
            "",
            f"Model `{version}`; `{data.name}`, {len(records)} pages. Each page is cleaned with `cleaner.Cleaner()` "
            "and scored with the project's token-aligned scorer (`cleaner.learning.evaluate.TypedScore`, the metric "
            "of `score.py`); a group's figures pool the token counts of its pages (the **all** row is the whole "
            "set's figure). Content retention = share of gold content tokens kept as content (content recall). "
            '"–": no gold tokens of that label in the group.',
            "",
            "## By the country code of the record id",
            "",
            "German = " + ", ".join(sorted(GERMAN)) + "; English = " + ", ".join(sorted(ENGLISH)) + "; other = "
            "every other country.",
            "",
            summary_table(by_country),
            "",
            "## Grouped by page language (sensitivity)",
            "",
            f"The country is a site hint: {len(moved)} pages are in another language than their country's group and "
            f"are moved here ({', '.join(moved)}); same cleaning run, regrouped.",
            "",
            summary_table(by_language),
            "",
            "## Per label (country grouping)",
            "",
            detail_table(by_country),
            "",
            "## Pages per country",
            "",
            country_table(records),
            "",
            "`typed-dev` is not split: its ids (`cetd/BBC_10`, `cleaneval/final-113`, `dragnet/R230`) carry no "
            "country or language, and its sources are English pages (all of CleanEval, about 99% of CETD and 98% "
            "of Dragnet per `../shared/benchmarks/README.md`).",
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA, help="typed gold file (default: typed-modern-dev)")
    ap.add_argument("--out", type=Path, default=DOC, help="markdown report (default: docs/TYPED_BY_LANGUAGE.md)")
    ap.add_argument("--no-docs", action="store_true", help="print only, write no file")
    args = ap.parse_args(argv)

    records = typed_gold(args.data)
    start = time.perf_counter()
    version, scored = score_pages(records)
    print(f"cleaned and scored {len(records)} pages in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    text = render(version, args.data, records, scored)
    print(text)
    if not args.no_docs:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
