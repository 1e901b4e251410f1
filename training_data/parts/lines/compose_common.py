"""What the line composers share: drawing distinct groups of labelled lines, and writing them as a line file."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path

Group = list[tuple[str, str]]


def draw_groups(
    rng: random.Random,
    makers: Sequence[tuple[Callable[[], Group], float]],
    n: int,
    *,
    errors: tuple[type[Exception], ...] = (KeyError,),
    max_lines: int | None = None,
) -> list[Group]:
    """Up to ``n`` distinct groups, each from a maker drawn by weight (30 tries per group at most); a maker that
    raises one of ``errors`` (its vocabulary lacks a part) or a group longer than ``max_lines`` is skipped.
    Whitespace inside each line is collapsed; empty lines are dropped."""
    funcs = [f for f, _ in makers]
    weights = [w for _, w in makers]
    seen: set[str] = set()
    out: list[Group] = []
    tries = 0
    while len(out) < n and tries < n * 30:
        tries += 1
        make = rng.choices(funcs, weights=weights)[0]
        try:
            g = make()
        except errors:
            continue
        g = [(lab, " ".join(t.split())) for lab, t in g if t.strip()]
        if not g or (max_lines is not None and len(g) > max_lines):
            continue
        key = "\n".join(f"{a}:{b}" for a, b in g)
        if key in seen:
            continue
        seen.add(key)
        out.append(g)
    return out


def write_groups(path: Path, groups: list[Group]) -> None:
    """A line file: ``label: text`` per line, a blank line between groups."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n\n".join("\n".join(f"{lab}: {t}" for lab, t in g) for g in groups) + "\n")
