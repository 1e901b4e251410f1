"""The ten worst cleaner pages per main-content set, before and after, with a one-line reason for each "after" page.

    python scripts/worst_pages.py BEFORE.json AFTER.json [--out docs/WORST_PAGES.md]

``BEFORE``/``AFTER`` are two ``scripts/benchmark.py`` outputs (``docs/benchmarks.json``; the old one e.g. from
``git show <commit>:docs/benchmarks.json > /tmp/before.json``). Each "after" page is re-cleaned with the shipped
model (``Cleaner()``) and compared with its gold text (``text`` in ``../shared/benchmarks/<set>.jsonl.gz``) by bags
of words; the reason is the first of the ``reason`` rules below that fires. No page text is written to the doc,
only counts, labels, tag paths and class/id tokens.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from cleaner import Cleaner
from cleaner.core import decide, features, pipeline
from cleaner.core.types import LABELS

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"
SETS = ("cleaneval", "dragnet", "cetd", "modern-dev", "wcxb-dev")
K = 10

# Reason thresholds (explicit on purpose; see ``reason``).
GOLD_MIN_WORDS = 20  # gold below this many words: "gold empty/near-empty"
LOW_RECALL = 0.5  # share of gold words cleaner kept
LOW_PRECISION = 0.5  # share of kept words that are in the gold
IN_BLOCKS_MIN = 0.5  # share of gold words present in any block; below it the parse lost the text
TOO_MUCH = 3.0  # kept words / gold words above this: "kept too much" / "kept the wrong region"
EXTRA_PRECISION, EXTRA_RATIO = 0.8, 1.2  # gold all kept but this much more beside it: "kept extra text"
GOLDLIKE = 0.6  # a block whose words are at least this share gold vocabulary counts as a gold block

_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W_]+")
_INDEX = re.compile(r"\[\d+\]")


def words(text: str) -> list[str]:
    """Lower-cased word tokens; CJK characters one token each."""
    return _WORD.findall(text.lower())


def overlap(a: Counter, b: Counter) -> int:
    return sum((a & b).values())


def load_records(name: str, ids: set[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with gzip.open(SHARED / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in ids:
                out[rec["id"]] = {"html": rec["html"], "text": rec.get("text") or "", "url": rec.get("url")}
                if len(out) == len(ids):
                    break
    return out


def region(xpath: str | None, attrs: tuple[str, ...]) -> str:
    """A short container description: the last three steps of the tag path and up to two class/id tokens."""
    path = "/".join(_INDEX.sub("", xpath or "").strip("/").split("/")[-3:]) or "?"
    toks = [t for t in attrs if t and len(t) <= 40][:2]
    return f"`{path}`" + (f" ({', '.join('.' + t for t in toks)})" if toks else "")


def diagnose(cl: Cleaner, html: str, gold: str) -> dict[str, Any]:
    """Re-clean one page and measure where its gold words went."""
    r = cl.clean(html)
    segs = r.segments
    doc = pipeline.document_blocks(html, cl.config)
    p_content = np.zeros(len(doc.blocks))
    if doc.blocks:
        feats = features.extract(doc.blocks, doc.title, doc.json_ld)
        probs = decide.in_label_order(cl.model.predict_proba(feats.matrix), cl.model.classes_)
        p_content = probs[:, LABELS.index("content")]
    blocks = {b.id: b for b in doc.blocks}
    gold_bag = Counter(words(gold))
    kept, flagged, all_bag = Counter(), Counter(), Counter()
    goldlike: dict[str, list[tuple[int, str]]] = {}  # flagged label -> (gold words, region) per gold-like block
    remaining = gold_bag.copy()  # each gold word is credited to one flagged block at most
    for s in segs:
        w = words(s.text)
        bag = Counter(w)
        all_bag += bag
        if s.label.value == "content":
            kept += bag
        else:
            flagged += bag
            hit = overlap(bag, remaining)
            remaining -= bag
            if w and hit / len(w) >= GOLDLIKE:
                b = blocks.get(s.index)
                reg = region(s.xpath, b.attrs if b is not None else ())
                goldlike.setdefault(s.label.value, []).append((hit, reg))
    n_gold, n_kept = sum(gold_bag.values()), sum(kept.values())
    return {
        "kind": r.kind,
        "warnings": list(r.warnings),
        "blocks": len(segs),
        "labels": Counter(s.label.value for s in segs),
        "top_p_content": float(p_content.max()) if len(p_content) else 0.0,
        "gold_words": n_gold,
        "kept_words": n_kept,
        "recall": overlap(kept, gold_bag) / n_gold if n_gold else 0.0,
        "precision": overlap(kept, gold_bag) / n_kept if n_kept else 0.0,
        "in_blocks": overlap(all_bag, gold_bag) / n_gold if n_gold else 0.0,
        "in_flagged": overlap(flagged, gold_bag) / n_gold if n_gold else 0.0,
        "goldlike": goldlike,
    }


def reason(d: dict[str, Any]) -> str:
    """The first rule that fires, in this order."""
    rp = f"recall {d['recall']:.2f}, precision {d['precision']:.2f}"
    if d["gold_words"] < GOLD_MIN_WORDS:
        return f"gold empty/near-empty ({d['gold_words']} words; cleaner kept {d['kept_words']:,})"
    if d["kind"] == "text":
        why = "; ".join(d["warnings"]) or "detected as text"
        return f"page read as plain text (parser limit: {why}); {rp}"
    if d["blocks"] == 0:
        return "no blocks extracted from the HTML"
    if d["in_blocks"] < IN_BLOCKS_MIN:
        return (
            f"gold text mostly not in any block (only {d['in_blocks']:.0%} of gold words found in the page's "
            f"{d['blocks']} blocks: markup/JS-rendered or gold from elsewhere"
            + "".join(f"; {w}" for w in d["warnings"])
            + f"); {rp}"
        )
    if d["kept_words"] == 0:
        labs = ", ".join(f"{n} {lab}" for lab, n in d["labels"].most_common())
        return f"no content kept (all {d['blocks']} blocks flagged: {labs}; top P(content)={d['top_p_content']:.2f})"
    if d["recall"] < LOW_RECALL and d["in_flagged"] >= (1 - d["recall"]) / 2:
        lab, items = max(d["goldlike"].items(), key=lambda kv: sum(h for h, _ in kv[1]), default=("?", []))
        regs = Counter()
        for h, reg in items:
            regs[reg] += h
        where = f": mostly under {regs.most_common(1)[0][0]}" if regs else ""
        return (
            f"gold text mostly in blocks labelled {lab} ({d['in_flagged']:.0%} of gold words in flagged blocks, "
            f"{len(items)} gold-like {lab} blocks){where}; {rp}"
        )
    ratio = d["kept_words"] / max(d["gold_words"], 1)
    if d["precision"] < LOW_PRECISION and d["recall"] < LOW_RECALL:
        return f"kept the wrong region (kept {d['kept_words']:,} words, gold {d['gold_words']:,}); {rp}"
    if d["precision"] < LOW_PRECISION and ratio > TOO_MUCH:
        return f"kept far too much (kept {d['kept_words']:,} words, gold {d['gold_words']:,}); {rp}"
    if d["precision"] < LOW_PRECISION:
        return f"kept mostly non-gold text (kept {d['kept_words']:,} words, gold {d['gold_words']:,}); {rp}"
    if d["recall"] < LOW_RECALL:
        return (
            f"kept too little ({d['kept_words']:,} of {d['gold_words']:,} gold words' worth; "
            f"{d['in_flagged']:.0%} of gold words in flagged blocks); {rp}"
        )
    sizes = f"kept {d['kept_words']:,}, gold {d['gold_words']:,}"
    if d["precision"] < EXTRA_PRECISION and ratio > EXTRA_RATIO:
        return f"kept extra text beside the gold ({sizes}); {rp}"
    return f"words mostly right, shingle order/duplication off ({sizes}); {rp}"


def page_f1(ds: dict[str, Any]) -> dict[str, float]:
    pages = ds.get("pages") or {}
    return dict(zip(pages.get("ids", []), (pages.get("f1") or {}).get("cleaner", []), strict=False))


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "WORST_PAGES.md")
    args = ap.parse_args(argv)
    before, after = (json.loads(p.read_text()) for p in (args.before, args.after))
    cl = Cleaner()
    mb, ma = before["meta"].get("model_version"), after["meta"].get("model_version")
    if cl.model_version != ma:
        print(f"warning: shipped model {cl.model_version} is not the after run's {ma}")
    lines = [
        "# Worst pages per set, before and after",
        "",
        f"Generated by `python scripts/worst_pages.py {args.before} {args.after}`. Before: `{mb}` "
        f"({before['meta'].get('date')}); after: `{ma}` ({after['meta'].get('date')}); reasons re-cleaned with "
        f"the shipped model `{cl.model_version}`.",
        "",
        "Each list is cleaner's ten lowest shingle-F1 pages in that run (`worst_cleaner_pages`; ties by id), with "
        "trafilatura's F1 on the same page and cleaner's F1 on it in the other run. Reasons compare the gold text "
        "with cleaner's segments as bags of words: *recall* = share of gold words in kept (content) blocks, "
        "*precision* = share of kept words in the gold; the first rule of `reason()` in the script that fires is "
        "shown. No page text is quoted; regions are tag paths and class/id tokens.",
        "",
    ]
    tally: dict[str, Counter] = {}
    for name in SETS:
        db, da = before["datasets"].get(name), after["datasets"].get(name)
        if not db or not da:
            continue
        fb, fa = page_f1(db), page_f1(da)
        wb, wa = db["worst_cleaner_pages"][:K], da["worst_cleaner_pages"][:K]
        wcxb = "word_f1" in (wa[0] if wa else {})
        lines += [f"## {name}", "", f"### Before (`{mb}`)", ""]
        head = "| # | page | cleaner F1 | trafilatura F1 |" + (" cleaner word F1 | traf. word F1 |" if wcxb else "")
        head += " after F1 |"
        lines += [head, "|" + "---|" * (head.count("|") - 1)]
        for i, w in enumerate(wb, 1):
            row = f"| {i} | `{w['id']}` | {fmt(w['f1'])} | {fmt(w.get('trafilatura_f1'))} |"
            if wcxb:
                row += f" {fmt(w.get('word_f1'))} | {fmt(w.get('trafilatura_word_f1'))} |"
            lines.append(row + f" {fmt(fa.get(w['id']))} |")
        recs = load_records(name, {w["id"] for w in wa})
        lines += ["", f"### After (`{ma}`)", ""]
        head = "| # | page | cleaner F1 | trafilatura F1 |" + (" cleaner word F1 | traf. word F1 |" if wcxb else "")
        head += " before F1 | reason |"
        lines += [head, "|" + "---|" * (head.count("|") - 1)]
        tally[name] = Counter()
        for i, w in enumerate(wa, 1):
            rec = recs.get(w["id"])
            if rec is None:
                why = "record not found in the benchmark file"
            else:
                why = reason(diagnose(cl, rec["html"], rec["text"]))
            tally[name][why.split(" (")[0].split(";")[0].split(":")[0]] += 1
            row = f"| {i} | `{w['id']}` | {fmt(w['f1'])} | {fmt(w.get('trafilatura_f1'))} |"
            if wcxb:
                row += f" {fmt(w.get('word_f1'))} | {fmt(w.get('trafilatura_word_f1'))} |"
            lines.append(row + f" {fmt(fb.get(w['id']))} | {why.replace('|', '/')} |")
            print(name, w["id"], why)
        lines.append("")
    lines += ["## Reasons by set (after)", "", "| set | reasons (count) |", "|---|---|"]
    for name, c in tally.items():
        lines.append(f"| {name} | " + "; ".join(f"{k} ({n})" for k, n in c.most_common()) + " |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
