#!/usr/bin/env python3
"""How clean() time and memory grow with page size (issue 6).

Generates realistic pages (nav lists, nested divs, paragraphs, a cookie banner, a footer) of
1 KB ... 50 MB, cleans each with the default ``Cleaner`` and prints a table: size, blocks,
seconds, MB/s, tracemalloc peak, ru_maxrss growth, whether ``max_blocks`` truncated the page.
Time is measured on a run without tracemalloc; peak memory on a second, traced run.

    python scripts/limits_benchmark.py --out /tmp/limits.json [--max-mb 10]
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import cleaner

SIZES = [("1 KB", 1 << 10), ("10 KB", 10 << 10), ("100 KB", 100 << 10), ("1 MB", 1 << 20), ("10 MB", 10 << 20),
         ("50 MB", 50 << 20)]  # fmt: skip
WORDS = (
    "the council met on tuesday evening to discuss new budget for city libraries and members agreed that "
    "opening hours should be extended during winter months while residents asked about parking fees schools "
    "roads weather report said rain would continue through weekend according officials who spoke reporters"
).split()


def _sentence(rnd: random.Random) -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(8, 24))]
    return " ".join(words).capitalize() + "."


def _paragraph(rnd: random.Random) -> str:
    return "<p>" + " ".join(_sentence(rnd) for _ in range(rnd.randint(2, 6))) + "</p>"


def _nav(rnd: random.Random, n: int) -> str:
    items = "".join(f"<li><a href='/s/{rnd.randrange(10**6)}'>{rnd.choice(WORDS).title()}</a></li>" for _ in range(n))
    return f"<nav class='menu'><ul>{items}</ul></nav>"


def make_page(target: int, seed: int = 0) -> bytes:
    """A page of about ``target`` bytes: header nav, article sections in nested divs, asides, footer."""
    rnd = random.Random(seed)
    head = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Council extends library hours"
            "</title><style>.x{color:red}</style></head><body>")  # fmt: skip
    tail = ("<div id='cookie-banner' class='consent'><p>We use cookies. By continuing to browse you agree to our "
            "cookie policy.</p><button>Accept</button></div><footer><p>&copy; 2024 Example News</p></footer>"
            "</body></html>")  # fmt: skip
    parts = [head, "<header>", _nav(rnd, 8), "</header><main><article><h1>Council extends library hours</h1>"]
    size = sum(len(p) for p in parts) + len(tail)
    section = 0
    while size < target:
        chunk = [f"<div class='section s{section}'><div class='inner'><div class='body'><h2>{_sentence(rnd)}</h2>"]
        chunk += [_paragraph(rnd) for _ in range(rnd.randint(2, 6))]
        chunk.append("</div></div></div>")
        if section % 4 == 3:
            chunk.append(f"<aside class='related'><h3>Related</h3>{_nav(rnd, 5)}</aside>")
        if section % 9 == 8:
            chunk.append("<div class='ad promo'><p>Subscribe to our newsletter for daily updates.</p></div>")
        text = "".join(chunk)
        if size + len(text) > target:
            if section == 0:  # a tiny page: one paragraph only
                parts.append(_paragraph(rnd))
            break
        parts.append(text)
        size += len(text)
        section += 1
    parts.append("</article></main>")
    parts.append(tail)
    return "".join(parts).encode("utf-8")


def _maxrss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1 << 20) if sys.platform == "darwin" else rss / 1024


def measure(c: cleaner.Cleaner, label: str, data: bytes) -> dict:
    gc.collect()
    rss_before = _maxrss_mb()
    start = time.perf_counter()
    result = c.clean(data)
    seconds = time.perf_counter() - start
    rss_growth = _maxrss_mb() - rss_before
    blocks = len(result.segments)
    truncated = any(w.startswith("truncated") for w in result.warnings)
    del result
    gc.collect()
    tracemalloc.start()
    c.clean(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    mb = len(data) / (1 << 20)
    return {
        "label": label,
        "bytes": len(data),
        "blocks": blocks,
        "seconds": round(seconds, 4),
        "mb_per_s": round(mb / seconds, 3) if seconds else None,
        "s_per_mb": round(seconds / mb, 4),
        "peak_mb": round(peak / (1 << 20), 2),
        "peak_over_input": round(peak / len(data), 2),
        "maxrss_growth_mb": round(rss_growth, 1),
        "truncated": truncated,
    }


def linearity(rows: list[dict]) -> tuple[bool, str]:
    """Time per MB over the pages of 1 MB and more (smaller ones are dominated by fixed costs)."""
    big = [r for r in rows if r["bytes"] >= 1 << 20]
    if len(big) < 2:
        return True, "not enough pages of 1 MB or more to judge growth"
    first, last = big[0]["s_per_mb"], big[-1]["s_per_mb"]
    ratio = last / first if first else float("inf")
    ok = ratio <= 1.5
    verdict = "at most linear" if ok else "SUPER-LINEAR"
    return ok, (
        f"time per MB {first:.3f}s at {big[0]['label']} -> {last:.3f}s at {big[-1]['label']} (x{ratio:.2f}): {verdict}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-mb", type=float, default=50.0, help="skip pages larger than this many MB")
    parser.add_argument("--out", type=Path, default=Path("limits_benchmark.json"), help="JSON results")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    c = cleaner.Cleaner()
    _ = c.model
    c.clean(make_page(4096, args.seed))  # warm up
    rows = []
    print(f"{'size':>7} {'bytes':>11} {'blocks':>7} {'seconds':>8} {'MB/s':>7} {'peak MB':>8} "
          f"{'peak/in':>7} {'rss+MB':>7} truncated")  # fmt: skip
    for label, target in SIZES:
        if target > args.max_mb * (1 << 20):
            break
        data = make_page(target, args.seed)
        row = measure(c, label, data)
        rows.append(row)
        print(f"{label:>7} {row['bytes']:>11,} {row['blocks']:>7} {row['seconds']:>8.3f} {row['mb_per_s']:>7.2f} "
              f"{row['peak_mb']:>8.1f} {row['peak_over_input']:>7.1f} {row['maxrss_growth_mb']:>7.1f} "
              f"{'yes' if row['truncated'] else 'no'}", flush=True)  # fmt: skip
    ok, verdict = linearity(rows)
    print(verdict)
    report = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cleaner": cleaner.__version__,
        "max_blocks": c.config.max_blocks,
        "max_input_bytes": c.config.max_input_bytes,
        "rows": rows,
        "linear": ok,
        "verdict": verdict,
    }
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
