#!/usr/bin/env python3
"""Compose the `<lang>.gaps.txt` files of this folder from the vocabulary in `gap_vocab_*.py`.

A third composer beside compose_web_lines.py and compose_text_lines.py, aimed at what docs/TEXT_MISSES.md counts
as most missed or mistyped in plain text: poll runs whose answers are whole clauses and whose heading can come
*after* the question, a lone poll question, quiz items with a long lead-in, reaction widgets (word + count) whose
note asks the reader to sign in or register (a `poll`, not a `promo`), reader-feedback invitations, 11-25 word
promo pitches and title+pitch teasers glued without a space, newsletter pitches with their opt-in line, short
nav/section labels and runs of them, other-story headlines (alone, with a source or kicker, or under a
"Most read" header), bylines/credits/licence/correction lines, cookie descriptions and short privacy controls --
and hard negatives that stay `content`: editorial lines about polls, surveys, cookies, newsletters and apps,
interview turns, subheadings, quotes and list items. The boilerplate and promo kinds weigh more than in the other
composers, since the line files hold about twice as many poll and consent lines as boilerplate and promo ones.

All text is authored for this project. Deterministic: same vocabulary, same seed -> same files.

    python training_data/parts/lines/compose_gap_lines.py
"""

from __future__ import annotations

import random
import sys
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True

from compose_common import draw_groups, write_groups  # noqa: E402
from gap_vocab_a import V as VA  # noqa: E402
from gap_vocab_b import V as VB  # noqa: E402

VOCAB = {**VA, **VB}
GROUPS = {"en": 420, "de": 380, "ja": 300}
DEFAULT_GROUPS = 80

THOUSANDS = {"en": ",", "ja": ",", "ko": ",", "de": ".", "es": ".", "it": ".", "nl": ".", "pt": ".", "tr": ".", "da": "."}
DECIMAL_POINT = ("en", "ja", "ko")
PCT_SPACE = ("de", "fr", "sv", "no", "cs", "da")


class X:
    def __init__(self, code: str, v: dict, rng: random.Random):
        self.code, self.v, self.r = code, v, rng

    def has(self, key: str) -> bool:
        return bool(self.v.get(key))

    def pick(self, key: str, k: int | None = None):
        items = self.v[key]
        if k is None:
            return self.r.choice(items)
        return self.r.sample(items, min(k, len(items)))

    def num(self, n: int) -> str:
        if n < 1000:
            return str(n)
        return f"{n:,}".replace(",", THOUSANDS.get(self.code, "\u00a0"))

    def pct(self, p: float, dec: bool = False) -> str:
        s = f"{p:.1f}" if dec else f"{round(p)}"
        if self.code not in DECIMAL_POINT:
            s = s.replace(".", ",")
        if self.code == "tr":
            return f"%{s}"
        return f"{s}\u00a0%" if self.code in PCT_SPACE else f"{s}%"

    def fill(self, s: str) -> str:
        r = self.r
        names = self.v.get("names") or ["Alex Moreau"]
        a, b = r.sample(names, 2) if len(names) > 1 else (names[0], names[0])
        kw = {
            "n": self.num(r.choice([r.randint(2, 90), r.randint(90, 900), r.randint(900, 60000)])),
            "d": str(r.randint(2, 12)),
            "a": a,
            "b": b,
            "v": r.choice(self.v.get("vendors") or ["Google", "Meta", "Amazon", "Microsoft", "Criteo", "AdSense"]),
            "g": r.choice(self.v.get("agencies") or ["AP", "Reuters", "AFP", "Getty Images", "imago", "EPA"]),
            "k": str(r.randint(40, 900)),
            "h": f"{r.randint(6, 23):02d}",
            "m": f"{r.randint(0, 59):02d}",
            "y": str(r.randint(2022, 2026)),
            "u": a.split()[0].lower() + r.choice(["", "_news", str(r.randint(1, 99))]),
        }
        guarded = s.replace("{{site}}", "\x00")
        try:
            out = guarded.format(**kw)
        except (KeyError, IndexError, ValueError):
            out = guarded
        return out.replace("\x00", "{{site}}")


def glue(r: random.Random) -> str:
    return r.choice(["", " ", " ", " ", " | ", " · ", " / ", " – "])


# ---------------------------------------------------------------- poll


def answer_lines(x: X, answers: list[str]) -> list[str]:
    r = x.r
    shape = r.choice(["plain"] * 6 + ["pct", "pct", "pct_first", "pct_dec", "counts", "split", "numbered", "emoji"])
    total = r.choice([r.randint(5, 80), r.randint(80, 3000), r.randint(3000, 90000)])
    w = [r.random() ** 1.5 + 0.02 for _ in answers]
    counts = [round(total * a / sum(w)) for a in w]
    pcts = [100 * c / max(1, sum(counts)) for c in counts]
    out: list[str] = []
    for i, (a, c, p) in enumerate(zip(answers, counts, pcts)):
        if shape == "pct":
            out.append(f"{a} {x.pct(p)}")
        elif shape == "pct_first":
            out.append(f"{x.pct(p)} {a}")
        elif shape == "pct_dec":
            out.append(f"{a} {x.pct(p, True)} ({x.num(c)} {x.v.get('votes', 'votes')})")
        elif shape == "counts":
            out.append(f"{a} ({x.num(c)})")
        elif shape == "split":
            out += [a, x.pct(p)]
        elif shape == "numbered":
            out.append(f"{i + 1}. {a}")
        elif shape == "emoji":
            out.append(f"{r.choice(['👍', '👎', '🤷', '✅', '❌', '🔥', '😐'])} {a}")
        else:
            out.append(a)
    return out


def question(x: X) -> tuple[str, list[str]]:
    """A question with its own answers, or a yes/no question with a generic answer set."""
    if x.has("polls") and x.r.random() < 0.55:
        q, answers = x.pick("polls")
        return x.fill(q), list(answers)
    return x.fill(x.pick("poll_q")), list(x.pick("poll_ans"))


def poll_run(x: X):
    r = x.r
    q, answers = question(x)
    g = [("poll", q)]
    where = r.random()
    if where < 0.3:
        g.insert(0, ("poll", x.pick("poll_head")))
    elif where < 0.55:  # the widget's heading extracted after its question
        g.append(("poll", x.pick("poll_head")))
    g += [("poll", a) for a in answer_lines(x, answers)]
    for ui in x.pick("poll_ui", r.choice([0, 1, 1, 2])):
        g.append(("poll", ui))
    if r.random() < 0.35:
        g.append(("poll", x.fill(x.pick("poll_total"))))
    if r.random() < 0.3:
        g.append(("poll", x.fill(x.pick("poll_thanks"))))
    if r.random() < 0.2 and x.has("nl_optin"):
        g.append(("consent", x.fill(x.pick("nl_optin"))))
    return g


def poll_alone(x: X):
    r = x.r
    g = [("poll", question(x)[0])]
    if r.random() < 0.35:
        g.append(("poll", x.pick("poll_ui")))
    return g


def poll_part(x: X):
    """Only the tail of a poll survived: a few answers, a button, a thank-you."""
    r = x.r
    g = [("poll", a) for a in answer_lines(x, question(x)[1])[r.randint(0, 1) :]]
    if r.random() < 0.6:
        g.append(("poll", x.pick("poll_ui")))
    if r.random() < 0.4:
        g.append(("poll", x.fill(x.pick("poll_thanks"))))
    return g


def poll_flat(x: X):
    r = x.r
    q, answers = question(x)
    parts = [q] + answer_lines(x, answers) + x.pick("poll_ui", r.randint(0, 2))
    if r.random() < 0.4:
        parts.insert(0, x.pick("poll_head"))
    return [("poll", glue(r).join(parts) if r.random() < 0.6 else " ".join(parts))]


def quiz_run(x: X):
    r = x.r
    i = r.randrange(len(x.v["quiz_lead"]))  # quiz_lead and quiz_ans are parallel lists
    g = [("poll", x.fill(x.v["quiz_lead"][i]))]
    g += [("poll", a) for a in x.v["quiz_ans"][i]]
    if r.random() < 0.5:
        g.append(("poll", x.fill(x.pick("quiz_tail"))))
    return g


def reaction_run(x: X):
    r = x.r
    words = x.pick("react_words", r.randint(1, 6))
    zeros = r.random() < 0.6

    def count() -> str:
        return str(r.choice([0, 0, 0, 1, 2])) if zeros else x.num(r.choice([r.randint(0, 40), r.randint(40, 3000)]))

    style = r.random()
    if style < 0.55:
        g = [("poll", f"{w} {count()}") for w in words]
    elif style < 0.7:
        g = [("poll", glue(r).join(f"{w} {count()}" for w in words))]
    else:
        g = []
        for w in words:
            g += [("poll", w), ("poll", count())]
    note = x.fill(x.pick("react_note"))
    if r.random() < 0.8:
        if r.random() < 0.75:
            g.append(("poll", note))
        else:
            g.insert(0, ("poll", note))
    if len(g) > 2 and r.random() < 0.35:  # one reaction and its note, the rest lost
        g = [g[0], ("poll", note)]
    return g


def survey_run(x: X):
    r = x.r
    g = [("poll", x.fill(x.pick("survey")))]
    if r.random() < 0.45:
        ctas = x.pick("survey_cta", r.randint(1, 3))
        if r.random() < 0.3:
            g[0] = ("poll", g[0][1] + glue(r) + " ".join(ctas))
        else:
            g += [("poll", c) for c in ctas]
    return g


# ---------------------------------------------------------------- promo


def promo_long(x: X):
    r = x.r
    g = [("promo", x.fill(s)) for s in x.pick("promo_long", r.choice([1, 1, 1, 2]))]
    if r.random() < 0.35:
        short = ("promo", x.fill(x.pick("promo_short")))
        g.insert(0, short) if r.random() < 0.6 else g.append(short)
    return g


def promo_short(x: X):
    return [("promo", x.fill(s)) for s in x.pick("promo_short", x.r.choice([1, 1, 2]))]


def promo_teaser(x: X):
    """A teaser box flattened: its title glued onto its pitch, often with no space."""
    r = x.r
    g = []
    for _ in range(r.choice([1, 1, 2, 3])):
        g.append(("promo", x.pick("promo_title") + r.choice(["", "", " ", ": "]) + x.fill(x.pick("promo_pitch"))))
    return g


def newsletter(x: X):
    r = x.r
    g = [("promo", x.fill(x.pick("nl_pitch")))]
    if r.random() < 0.5 and x.has("nl_optin"):
        g.append(("consent", x.fill(x.pick("nl_optin"))))
    return g


# ---------------------------------------------------------------- boilerplate


def nav_run(x: X):
    r = x.r
    pool = list(x.v["nav"]) + list(x.v.get("places", [])) + list(x.v.get("teams", [])) + list(x.v.get("names", []))
    items = [x.fill(s) for s in r.sample(pool, min(len(pool), r.choice([1, 1, 1, 2, 3, 4])))]
    if len(items) > 2 and r.random() < 0.3:  # a menu flattened into one line
        return [("boilerplate", r.choice(["", " ", " | ", " · ", " :: "]).join(items))]
    return [("boilerplate", s) for s in items]


def headline(x: X) -> str:
    """Another story's headline, alone or with a kicker, a source, or a "more"/time tail."""
    r = x.r
    h = x.pick("heads")
    roll = r.random()
    if roll < 0.25 and x.has("head_pre"):
        return x.pick("head_pre") + h
    if roll < 0.4 and x.has("head_source"):
        src = x.pick("head_source")
        return r.choice([f"{h} {src}", f"{h} – {src}", f"{h} | {src}", f"{h} ({src})", f"{h}{src}"])
    if roll < 0.5:
        return h + r.choice(["", " "]) + x.fill(x.pick("head_tail") if x.has("head_tail") else "{h}:{m}")
    return h


def heads_run(x: X):
    r = x.r
    g = []
    if r.random() < 0.4:
        g.append(("boilerplate", x.fill(x.pick("head_hdr"))))
    seen = set()
    for _ in range(r.choice([1, 1, 2, 3, 4])):
        h = headline(x)
        if h not in seen:
            seen.add(h)
            g.append(("boilerplate", h))
    return g


def boiler_misc(x: X):
    return [("boilerplate", x.fill(s)) for s in x.pick("boiler_misc", x.r.choice([1, 1, 2]))]


# ---------------------------------------------------------------- consent


def consent_run(x: X):
    r = x.r
    g = []
    if r.random() < 0.4:
        g.append(("consent", x.pick("consent_short")))
    if r.random() < 0.3 and x.has("cookie_names"):
        g.append(("consent", x.pick("cookie_names")))
    g += [("consent", x.fill(s)) for s in x.pick("consent_long", r.choice([1, 1, 2]))]
    if r.random() < 0.3:
        g += [("consent", s) for s in x.pick("consent_short", r.randint(1, 3))]
    return g


def consent_short(x: X):
    r = x.r
    items = x.pick("consent_short", r.choice([1, 1, 2, 3]))
    if x.has("cookie_names") and r.random() < 0.3:
        items = x.pick("cookie_names", r.randint(1, 3))
    return [("consent", s) for s in items]


# ---------------------------------------------------------------- hard negatives


def content_lines(key: str, lo: int, hi: int):
    def f(x: X):
        return [("content", x.fill(s)) for s in x.pick(key, x.r.randint(lo, hi))]

    return f


KINDS = {
    "poll_run": (poll_run, 12),
    "poll_alone": (poll_alone, 4),
    "poll_part": (poll_part, 4),
    "poll_flat": (poll_flat, 3),
    "quiz": (quiz_run, 3),
    "reaction": (reaction_run, 7),
    "survey": (survey_run, 7),
    "promo_long": (promo_long, 12),
    "promo_short": (promo_short, 4),
    "promo_teaser": (promo_teaser, 4),
    "newsletter": (newsletter, 5),
    "nav": (nav_run, 10),
    "heads": (heads_run, 9),
    "boiler_misc": (boiler_misc, 6),
    "consent": (consent_run, 7),
    "consent_short": (consent_short, 4),
    "content_hn": (content_lines("content_hn", 1, 2), 4),
    "content_short": (content_lines("content_short", 1, 3), 4),
}


def compose(code: str, v: dict, n: int, seed: int) -> list[list[tuple[str, str]]]:
    rng = random.Random(f"{seed}-{code}")
    x = X(code, v, rng)
    return draw_groups(rng, [(partial(f, x), w) for f, w in KINDS.values()], n, max_lines=14)


def main() -> None:
    seed = 20261210
    for code, v in sorted(VOCAB.items()):
        groups = compose(code, v, GROUPS.get(code, DEFAULT_GROUPS), seed)
        path = HERE / f"{code}.gaps.txt"
        write_groups(path, groups)
        print(f"{path.name}: {len(groups)} groups")


if __name__ == "__main__":
    main()
