#!/usr/bin/env python3
"""Compose the `<lang>.web.txt` files of this folder from the vocabulary in `web_vocab_*.py`.

The vocabulary (questions, answers, UI strings, pitches, headlines, names...) is authored by hand
for this project; this script only combines it into many realistic groups, the way text
extractors leave injected widgets between paragraphs (one paragraph per line, `label: text`).
Deterministic: same vocabulary, same seed -> same files.

    python training_data/parts/lines/compose_web_lines.py

`load_lines()` in the generator reads only `*.txt`, so this file and the vocab modules are ignored.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # keep this data folder free of __pycache__

from web_vocab_a import VOCAB as VA  # noqa: E402
from web_vocab_b import VOCAB as VB  # noqa: E402
from web_vocab_c import VOCAB as VC  # noqa: E402

VOCAB = {**VA, **VB, **VC}

# number formatting: (thousands separator, decimal mark, percent with space)
NUM = {
    "en": (",", ".", False),
    "de": (".", ",", True),
    "fr": ("\u202f", ",", True),
    "es": (".", ",", False),
    "it": (".", ",", False),
    "nl": (".", ",", False),
    "pt": (".", ",", False),
    "pl": ("\u00a0", ",", False),
    "ja": (",", ".", False),
    "no": ("\u00a0", ",", True),
    "sv": ("\u00a0", ",", True),
    "da": (".", ",", False),
    "tr": (".", ",", False),
    "cs": ("\u00a0", ",", True),
}


class Lang:
    def __init__(self, code: str, v: dict, rng: random.Random):
        self.code, self.v, self.rng = code, v, rng

    def pick(self, key: str, k: int | None = None):
        items = self.v[key]
        if k is None:
            return self.rng.choice(items)
        return self.rng.sample(items, min(k, len(items)))

    def has(self, key: str) -> bool:
        return bool(self.v.get(key))

    def int_(self, n: int) -> str:
        sep = NUM[self.code][0]
        s = f"{n:,}".replace(",", sep)
        return s if n >= 10000 or self.code in ("en", "ja", "de", "es", "it", "nl", "pt", "da", "tr") else f"{n}"

    def pct(self, p: float, decimals: bool = False) -> str:
        _, dec, space = NUM[self.code]
        s = f"{p:.1f}".replace(".", dec) if decimals else f"{round(p)}"
        if self.code == "tr":
            return f"%{s}"
        return f"{s}\u00a0%" if space else f"{s}%"

    def fill(self, text: str, **kw) -> str:
        r = self.rng
        kw.setdefault("n", self.int_(r.choice([r.randint(2, 60), r.randint(60, 999), r.randint(1000, 25000)])))
        kw.setdefault("k", str(r.randint(2, 5)))
        kw.setdefault("p", str(r.choice([1, 2, 3, 4, 5, 8, 9, 10, 12, 15])))
        kw.setdefault("partners", str(r.randint(120, 980)))
        if "{name}" in text:
            kw.setdefault("name", self.pick("names"))
        if "{name2}" in text:
            kw.setdefault("name2", self.pick("names"))
        if "{agency}" in text:
            kw.setdefault("agency", self.pick("agencies"))
        if "{date}" in text:
            kw.setdefault(
                "date",
                self.pick("dates").format(
                    d=r.randint(1, 28),
                    m=r.randint(1, 12),
                    y=r.choice([2024, 2025, 2026]),
                    h=r.randint(6, 22),
                    mi=f"{r.randint(0, 59):02d}",
                ),
            )
        if "{headline}" in text:
            kw.setdefault("headline", self.pick("headlines"))
        if "{min}" in text:
            kw.setdefault("min", str(r.randint(2, 14)))
        guarded = text.replace("{{site}}", "\x00SITE\x00")
        try:
            out = guarded.format(**kw)
        except (KeyError, IndexError, ValueError):
            out = guarded
        return out.replace("\x00SITE\x00", "{{site}}")


def answers_with_shape(L: Lang, answers: list[str], shape: str, total: int | None = None) -> list[str]:
    r = L.rng
    k = len(answers)
    total = total or r.randint(40, 30000)
    weights = [r.random() ** 1.5 + 0.02 for _ in range(k)]
    counts = [round(total * w / sum(weights)) for w in weights]
    counts[-1] = max(0, total - sum(counts[:-1]))
    exact = [100 * c / max(1, total) for c in counts]
    pcts = [round(x) for x in exact]
    vw = L.v["votes_word"]
    out = []
    for i, (a, p, c, x) in enumerate(zip(answers, pcts, counts, exact)):
        if shape == "plain":
            out.append(a)
        elif shape == "dash":
            out.append(f"{a} \u2014 {L.pct(p)}")
        elif shape == "space":
            out.append(f"{a} {L.pct(p)}")
        elif shape == "pct_first":
            out.append(f"{L.pct(p)} {a}")
        elif shape == "counts":
            out.append(f"{a} ({L.int_(c)} {vw})")
        elif shape == "pct_counts":
            out.append(f"{a} {L.pct(x, decimals=True)} ({L.int_(c)})")
        elif shape == "numbered":
            out.append(f"{i + 1}. {a}")
        elif shape == "lettered":
            out.append(f"{'ABCDEFGH'[i]}) {a}")
        elif shape == "colon":
            out.append(f"{a}: {L.pct(p)}")
        elif shape == "split":  # answer and number on separate lines, as some widgets extract
            out.append(a)
            out.append(L.pct(p))
        elif shape == "bar":
            out.append(f"{a} {'█' * max(1, p // 10)} {L.pct(p)}")
    return out


SHAPES_VOTE = ["plain"] * 6 + ["numbered", "lettered"]
SHAPES_RESULT = ["dash", "space", "pct_first", "counts", "pct_counts", "colon", "split", "bar"]


def poll_group(L: Lang) -> list[tuple[str, str]]:
    r = L.rng
    g: list[tuple[str, str]] = []
    if r.random() < 0.45:
        g.append(("poll", L.fill(L.pick("poll_head"))))
    if r.random() < 0.45:
        q, ans = L.pick("q_multi")
        ans = list(ans)
    else:
        q = L.pick("q_yesno")
        ans = list(L.pick("yes_no"))
    g.append(("poll", q))
    if r.random() < 0.12 and L.has("poll_sub"):
        g.append(("poll", L.fill(L.pick("poll_sub"))))
    results = r.random() < 0.45
    shape = r.choice(SHAPES_RESULT if results else SHAPES_VOTE)
    total = r.choice([r.randint(12, 300), r.randint(300, 5000), r.randint(5000, 60000)])
    g += [("poll", a) for a in answers_with_shape(L, ans, shape, total)]
    if results:
        for key in r.sample(["total", "thanks", "back"], r.randint(1, 2)):
            if L.has(key):
                g.append(("poll", L.fill(L.pick(key), n=L.int_(total))))
    else:
        ui = L.pick("vote")
        g.append(("poll", ui))
        if r.random() < 0.6:
            g.append(("poll", L.pick("results")))
        if r.random() < 0.15 and L.has("loading"):
            g.append(("poll", L.pick("loading")))
    if r.random() < 0.25 and L.has("poll_disclaimer"):
        g.append(("poll", L.fill(L.pick("poll_disclaimer"))))
    if r.random() < 0.2:
        g.append(("consent", L.fill(L.pick("poll_consent"))))
    return g


def poll_question_consent(L: Lang):
    q = L.pick("q_yesno") if L.rng.random() < 0.6 else L.pick("q_multi")[0]
    return [("poll", q), ("consent", L.fill(L.pick("poll_consent")))]


def poll_flat(L: Lang):
    """A whole widget flattened into one paragraph."""
    r = L.rng
    if r.random() < 0.5:
        q, ans = L.pick("q_multi")
    else:
        q, ans = L.pick("q_yesno"), L.pick("yes_no")
    sep = r.choice([" ", " ", " ", " | ", " / ", " \u00b7 "])
    if r.random() < 0.55:
        items = list(ans) + [L.pick("vote")] + ([L.pick("results")] if r.random() < 0.7 else [])
    else:
        total = r.randint(20, 20000)
        items = answers_with_shape(L, list(ans), r.choice(["space", "pct_first", "dash", "colon"]), total) + [
            L.fill(L.pick("total"), n=L.int_(total))
        ]
    head = [L.fill(L.pick("poll_head"))] if r.random() < 0.6 else []
    return [("poll", " ".join(head + [q]) + " " + sep.join(items))]


def poll_results_only(L: Lang):
    r = L.rng
    q, ans = L.pick("q_multi") if r.random() < 0.5 else (L.pick("q_yesno"), L.pick("yes_no"))
    g = []
    if r.random() < 0.5:
        g.append(("poll", q))
    total = r.randint(20, 20000)
    g += [("poll", a) for a in answers_with_shape(L, list(ans), r.choice(SHAPES_RESULT), total)]
    g.append(("poll", L.fill(L.pick("total"), n=L.int_(total))))
    return g


def quiz_group(L: Lang):
    r = L.rng
    q, ans = L.pick("quiz_q")
    g = []
    if r.random() < 0.6:
        g.append(("poll", L.fill(L.pick("quiz_head"))))
    if r.random() < 0.5:
        t = r.choice([5, 8, 10, 12, 15])
        g.append(("poll", L.fill(L.pick("quiz_step"), i=str(r.randint(1, t)), t=str(t))))
    g.append(("poll", q))
    if r.random() < 0.25:
        g.append(("poll", q + " " + " ".join(ans)))
        g.pop(-2)
    else:
        shape = r.choice(["plain", "plain", "numbered", "lettered"])
        g += [("poll", a) for a in answers_with_shape(L, list(ans), shape)]
    g.append(("poll", L.fill(L.pick("quiz_ui"), s=str(r.randint(0, 10)), t="10")))
    return g


def quiz_teaser(L: Lang):
    return [("poll", L.fill(L.pick("quiz_teaser")))]


def feedback_group(L: Lang):
    r = L.rng
    g = [("poll", L.fill(L.pick("feedback_q")))]
    kind = r.random()
    if kind < 0.35:
        g += [("poll", a) for a in L.pick("feedback_ans")]
    elif kind < 0.6:
        g.append(("poll", " ".join(L.pick("feedback_ans"))))
    elif kind < 0.8:
        g[-1] = ("poll", g[-1][1] + " " + " ".join(L.pick("feedback_ans")))
    if r.random() < 0.35:
        g.append(("poll", L.fill(L.pick("feedback_thanks"))))
    return g


def rating_group(L: Lang):
    r = L.rng
    g = [("poll", L.fill(L.pick("rate")))]
    if r.random() < 0.7:
        avg = f"{r.uniform(1.5, 5):.1f}"
        if NUM[L.code][1] == ",":
            avg = avg.replace(".", ",")
        g.append(("poll", L.fill(L.pick("rate_result"), avg=avg, c=str(r.randint(1, 900)))))
    return g


def reaction_group(L: Lang):
    r = L.rng
    g = []
    if r.random() < 0.6:
        g.append(("poll", L.fill(L.pick("react_q"))))
    reacts = L.pick("reactions", r.randint(3, 6))
    style = r.random()
    if style < 0.4:
        g += [("poll", f"{x} {r.randint(0, 400)}") for x in reacts]
    elif style < 0.7:
        g.append(("poll", " ".join(f"{x} {r.randint(0, 400)}" for x in reacts)))
    else:
        x = reacts[0]
        g.append(("poll", f"{x} {r.randint(0, 90)}"))
    if r.random() < 0.4 and L.has("react_note"):
        g.append(("poll", L.fill(L.pick("react_note"))))
    return g


def survey_group(L: Lang):
    g = [("poll", L.fill(L.pick("survey")))]
    if L.rng.random() < 0.4 and L.has("survey_cta"):
        g.append(("poll", L.pick("survey_cta")))
    if L.rng.random() < 0.2:
        g.append(("consent", L.fill(L.pick("poll_consent"))))
    return g


def newsletter_group(L: Lang):
    r = L.rng
    g = []
    style = r.random()
    if style < 0.15:  # flattened
        parts = [L.fill(L.pick("nl_head")), L.fill(L.pick("nl_pitch")), L.pick("nl_cta")]
        if r.random() < 0.5:
            parts.insert(2, L.pick("nl_email"))
        g.append(("promo", " ".join(parts)))
        if r.random() < 0.7:
            g.append(("consent", L.fill(L.pick("nl_consent"))))
        return g
    if r.random() < 0.25 and L.has("nl_skip"):
        g.append(("promo", L.pick("nl_skip")))
    if r.random() < 0.85:
        g.append(("promo", L.fill(L.pick("nl_head"))))
    if r.random() < 0.8:
        g.append(("promo", L.fill(L.pick("nl_pitch"))))
    if r.random() < 0.4:
        g.append(("promo", L.pick("nl_email")))
    if r.random() < 0.8:
        g.append(("promo", L.pick("nl_cta")))
    if r.random() < 0.75:
        g.append(("consent", L.fill(L.pick("nl_consent"))))
    if r.random() < 0.15 and L.has("nl_thanks"):
        g.append(("promo", L.fill(L.pick("nl_thanks"))))
    if not g:
        g.append(("promo", L.fill(L.pick("nl_pitch"))))
    return g


def cookie_group(L: Lang):
    r = L.rng
    style = r.random()
    if style < 0.15:
        return [("consent", L.pick("cookie_btn"))]
    if style < 0.3:  # flattened banner
        line = L.fill(L.pick("cookie")) + " " + " ".join(L.pick("cookie_btn", r.randint(1, 3)))
        return [("consent", line)]
    g = []
    if r.random() < 0.4 and L.has("cookie_title"):
        g.append(("consent", L.fill(L.pick("cookie_title"))))
    g += [("consent", L.fill(s)) for s in L.pick("cookie", r.randint(1, 2))]
    if r.random() < 0.35 and L.has("cookie_more"):
        g.append(("consent", L.fill(L.pick("cookie_more"))))
    g += [("consent", b) for b in L.pick("cookie_btn", r.randint(0, 3))]
    return g


def cookie_table_group(L: Lang):
    r = L.rng
    g = []
    if r.random() < 0.6:
        g.append(("consent", L.fill(L.pick("cookie_cat"))))
    if r.random() < 0.6:
        g += [("consent", h) for h in L.v["cookie_cols"]]
    for name, desc in L.pick("cookie_rows", r.randint(1, 3)):
        g.append(("consent", name))
        g.append(("consent", L.fill(L.pick("cookie_durations"))))
        g.append(("consent", L.fill(desc)))
    return g


def embed_consent_group(L: Lang):
    g = [("consent", L.fill(L.pick("embed")))]
    if L.rng.random() < 0.6 and L.has("embed_btn"):
        g.append(("consent", L.pick("embed_btn")))
    return g


def comment_consent_group(L: Lang):
    return [("consent", L.fill(x)) for x in L.pick("comment_consent", L.rng.randint(1, 2))]


def paywall_group(L: Lang):
    r = L.rng
    g = [("promo", L.fill(x)) for x in L.pick("paywall", r.randint(1, 3))]
    if r.random() < 0.4:
        g.append(("promo", L.fill(L.pick("paywall_cta"))))
    if r.random() < 0.3:
        g.append(("promo", L.fill(L.pick("paywall_login"))))
    if r.random() < 0.15:
        g.append(("consent", L.fill(L.pick("nl_consent"))))
    return g


def meter_group(L: Lang):
    g = [("promo", L.fill(L.pick("meter")))]
    if L.rng.random() < 0.5:
        g.append(("promo", L.fill(L.pick("paywall_cta"))))
    return g


def ad_group(L: Lang):
    r = L.rng
    g = [("promo", L.pick("ad"))]
    if r.random() < 0.3:
        g.append(("promo", L.pick("ad")))
    if r.random() < 0.3 and L.has("ad_more"):
        g.append(("promo", L.fill(L.pick("ad_more"))))
    if r.random() < 0.2 and L.has("sponsored"):
        g.append(("promo", L.fill(L.pick("sponsored"))))
    return g


def sponsored_group(L: Lang):
    r = L.rng
    g = []
    if r.random() < 0.5:
        g.append(("promo", L.pick("ad")))
    g += [("promo", L.fill(x)) for x in L.pick("sponsored", r.randint(1, 3))]
    return g


def simple(key: str, label: str, lo: int = 1, hi: int = 1):
    def f(L: Lang):
        return [(label, L.fill(x)) for x in L.pick(key, L.rng.randint(lo, hi))]

    return f


def donate_group(L: Lang):
    g = [("promo", L.fill(L.pick("donate")))]
    if L.rng.random() < 0.5:
        g.append(("promo", L.pick("donate_cta")))
    return g


def related_group(L: Lang):
    r = L.rng
    style = r.random()
    pre = L.pick("rel_prefix")
    if style < 0.45:
        return [("boilerplate", f"{pre} {L.pick('headlines')}")]
    if style < 0.75:
        g = []
        if r.random() < 0.7:
            g.append(("boilerplate", L.pick("rel_head")))
        bullet = r.choice(["", "", "* ", "- ", "• ", "» "])
        g += [("boilerplate", bullet + h) for h in L.pick("headlines", r.randint(2, 4))]
        return g
    return [("boilerplate", h) for h in L.pick("headlines", r.randint(1, 2))]


def share_group(L: Lang):
    r = L.rng
    words = L.pick("share_words", r.randint(2, 5))
    style = r.random()
    if style < 0.4:
        lead = L.pick("share") + " "
        return [("boilerplate", lead + " ".join(words))]
    if style < 0.7:
        return [("boilerplate", w) for w in ([L.pick("share")] + words)]
    return [("boilerplate", L.fill(x)) for x in L.pick("share_lines", r.randint(1, 2))]


def credit_group(L: Lang):
    return [("boilerplate", L.fill(L.pick("credit")))]


def byline_group(L: Lang):
    r = L.rng
    g = [("boilerplate", L.fill(L.pick("byline")))]
    if r.random() < 0.6:
        g.append(("boilerplate", L.fill(L.pick("dateline"))))
    if r.random() < 0.3:
        g.append(("boilerplate", L.fill(L.pick("read_time"))))
    r.shuffle(g)
    return g


def nav_group(L: Lang):
    r = L.rng
    items = L.pick("nav", r.randint(1, 6))
    if r.random() < 0.5:
        return [("boilerplate", r.choice([" ", " | ", " · ", " › "]).join(items))]
    return [("boilerplate", x) for x in items[:3]]


def tags_group(L: Lang):
    r = L.rng
    return [
        ("boilerplate", L.pick("tags_head") + " " + r.choice([", ", " ", " · "]).join(L.pick("tags", r.randint(2, 5))))
    ]


def mixed_end_group(L: Lang):
    """Typical tail of an article: share row, tags or credit, related links, newsletter box."""
    r = L.rng
    g = []
    for f in r.sample(
        [share_group, related_group, credit_group, newsletter_group, tags_group, follow_line], r.randint(2, 3)
    ):
        g += f(L)
    return g


def follow_line(L: Lang):
    return [("promo", L.fill(L.pick("follow")))]


def archive_group(L: Lang):
    r = L.rng
    months = L.pick("months", r.randint(1, 4))
    arrow = r.choice(["", "", "► ", "▼ ", "» "])
    return [("boilerplate", f"{arrow}{m} ({r.randint(1, 480)})") for m in months]


def comments_meta_group(L: Lang):
    return [
        ("boilerplate", L.fill(x, a=str(L.rng.randint(1, 20)), b=str(L.rng.randint(21, 3000))))
        for x in L.pick("comments_meta", L.rng.randint(1, 2))
    ]


def adblock_group(L: Lang):
    g = [("promo", L.fill(L.pick("adblock")))]
    if L.rng.random() < 0.4 and L.has("adblock_cta"):
        g.append(("promo", L.pick("adblock_cta")))
    return g


def login_wall_group(L: Lang):
    return [("promo", L.fill(x)) for x in L.pick("login_wall", L.rng.randint(1, 2))]


def text_ads_group(L: Lang):
    """Old-style text ads: a label, then title+pitch+URL glued into one line each."""
    r = L.rng
    g = [("promo", L.pick("text_ad_head"))]
    for title, pitch, url in L.pick("text_ads", r.randint(1, 3)):
        glue = r.choice(["", " ", " - ", " "])
        g.append(("promo", f"{title}{glue}{pitch} {url}".strip()))
    return g


# kind -> (builder, weight)
KINDS = {
    "poll": (poll_group, 14),
    "poll_consent": (poll_question_consent, 3),
    "poll_flat": (poll_flat, 5),
    "poll_results": (poll_results_only, 4),
    "quiz": (quiz_group, 4),
    "quiz_teaser": (quiz_teaser, 2),
    "feedback": (feedback_group, 6),
    "rating": (rating_group, 3),
    "reaction": (reaction_group, 4),
    "survey": (survey_group, 3),
    "newsletter": (newsletter_group, 12),
    "cookie": (cookie_group, 10),
    "cookie_table": (cookie_table_group, 3),
    "embed": (embed_consent_group, 3),
    "comment_consent": (comment_consent_group, 3),
    "privacy_choice": (simple("privacy_choice", "consent"), 3),
    "paywall": (paywall_group, 8),
    "meter": (meter_group, 4),
    "app": (simple("app", "promo", 1, 2), 5),
    "donate": (donate_group, 4),
    "ad": (ad_group, 8),
    "sponsored": (sponsored_group, 3),
    "follow": (follow_line, 5),
    "affiliate": (simple("affiliate", "promo"), 4),
    "related": (related_group, 10),
    "share": (share_group, 7),
    "credit": (credit_group, 5),
    "byline": (byline_group, 5),
    "nav": (nav_group, 3),
    "tags": (tags_group, 2),
    "policy_links": (simple("policy_links", "boilerplate"), 2),
    "mixed_end": (mixed_end_group, 5),
    "archive": (archive_group, 2),
    "comments_meta": (comments_meta_group, 2),
    "adblock": (adblock_group, 2),
    "login_wall": (login_wall_group, 2),
    "text_ads": (text_ads_group, 2),
}


def compose(code: str, v: dict, n_groups: int, seed: int) -> list[list[tuple[str, str]]]:
    rng = random.Random(f"{seed}-{code}")
    L = Lang(code, v, rng)
    kinds = [(k, f, w) for k, (f, w) in KINDS.items()]
    seen: set[str] = set()
    out = []
    tries = 0
    while len(out) < n_groups and tries < n_groups * 20:
        tries += 1
        name, f, _ = rng.choices(kinds, weights=[w for _, _, w in kinds])[0]
        try:
            g = f(L)
        except KeyError:
            continue
        g = [(lab, " ".join(t.split())) for lab, t in g if t.strip()]
        if not g or len(g) > 16:
            continue
        key = "\n".join(f"{a}:{b}" for a, b in g)
        if key in seen:
            continue
        seen.add(key)
        out.append(g)
    return out


# Real pages mix languages: English ad labels and consent dialogs on German sites, a Japanese
# reaction widget syndicated into an English story. Each non-English file gets a share of groups
# composed from English (MIX_EN) and from other languages (MIX_OTHER).
MIX_EN, MIX_OTHER = 0.08, 0.04


def main() -> None:
    seed = 20261201
    composed = {code: compose(code, v, v.get("_groups", 320), seed) for code, v in sorted(VOCAB.items())}
    for code in sorted(composed):
        groups = list(composed[code])
        if code != "en":
            rng = random.Random(f"{seed}-mix-{code}")
            n = len(groups)
            groups += rng.sample(composed["en"], int(n * MIX_EN))
            others = [c for c in composed if c not in (code, "en")]
            for _ in range(int(n * MIX_OTHER)):
                groups.append(rng.choice(composed[rng.choice(others)]))
            rng.shuffle(groups)
        path = HERE / f"{code}.web.txt"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n\n".join("\n".join(f"{lab}: {t}" for lab, t in g) for g in groups) + "\n")
        print(f"{path.name}: {len(groups)} groups")


if __name__ == "__main__":
    main()
