#!/usr/bin/env python3
"""Compose the `<lang>.text.txt` files of this folder from the vocabulary in `text_vocab_*.py`.

A second composer beside compose_web_lines.py, aimed at the shapes plain-text extraction leaves and the
first vocabulary under-covers: emoji/word reaction runs with counts (mostly zeros), question-of-the-day
polls with answer runs of many lengths and shapes (percentages, vote counts, "{a} yes, {b} no" options),
a lone poll question, reader-survey invitations, cookie vendor tables (cookie name, duration, description
on separate lines), consent category texts, CCPA choices, comment-form and sign-up opt-ins, Korean and
Turkish consent terms, TCF purposes, external-content notices, job ads, subscription benefits, newsletter
confirmations, and widgets flattened into one line (sometimes glued without a space). Consent sentences
follow or are glued onto a poll or a sign-up.

All text is authored for this project. Deterministic: same vocabulary, same seed -> same files.

    python training_data/parts/lines/compose_text_lines.py
"""

from __future__ import annotations

import random
from functools import partial
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True

from compose_common import draw_groups, write_groups  # noqa: E402
from text_vocab_a import T as TA  # noqa: E402
from text_vocab_b import T as TB  # noqa: E402

VOCAB = {**TA, **TB}

GROUPS = {"en": 700, "de": 520, "ja": 320, "ko": 320, "tr": 300}
DEFAULT_GROUPS = 170

# duration units: (one, many) for year, month, day, hour, minute; then session, never
DUR = {
    "en": [
        ("year", "years"),
        ("month", "months"),
        ("day", "days"),
        ("hour", "hours"),
        ("minute", "minutes"),
        "session",
        "never",
    ],
    "de": [
        ("Jahr", "Jahre"),
        ("Monat", "Monate"),
        ("Tag", "Tage"),
        ("Stunde", "Stunden"),
        ("Minute", "Minuten"),
        "Sitzung",
        "nie",
    ],
    "fr": [
        ("an", "ans"),
        ("mois", "mois"),
        ("jour", "jours"),
        ("heure", "heures"),
        ("minute", "minutes"),
        "session",
        "jamais",
    ],
    "es": [
        ("año", "años"),
        ("mes", "meses"),
        ("día", "días"),
        ("hora", "horas"),
        ("minuto", "minutos"),
        "sesión",
        "nunca",
    ],
    "it": [
        ("anno", "anni"),
        ("mese", "mesi"),
        ("giorno", "giorni"),
        ("ora", "ore"),
        ("minuto", "minuti"),
        "sessione",
        "mai",
    ],
    "nl": [
        ("jaar", "jaar"),
        ("maand", "maanden"),
        ("dag", "dagen"),
        ("uur", "uur"),
        ("minuut", "minuten"),
        "sessie",
        "nooit",
    ],
    "pt": [
        ("ano", "anos"),
        ("mês", "meses"),
        ("dia", "dias"),
        ("hora", "horas"),
        ("minuto", "minutos"),
        "sessão",
        "nunca",
    ],
    "pl": [
        ("rok", "lata"),
        ("miesiąc", "miesiące"),
        ("dzień", "dni"),
        ("godzina", "godziny"),
        ("minuta", "minut"),
        "sesja",
        "nigdy",
    ],
    "sv": [
        ("år", "år"),
        ("månad", "månader"),
        ("dag", "dagar"),
        ("timme", "timmar"),
        ("minut", "minuter"),
        "session",
        "aldrig",
    ],
    "no": [
        ("år", "år"),
        ("måned", "måneder"),
        ("dag", "dager"),
        ("time", "timer"),
        ("minutt", "minutter"),
        "økt",
        "aldri",
    ],
    "da": [
        ("år", "år"),
        ("måned", "måneder"),
        ("dag", "dage"),
        ("time", "timer"),
        ("minut", "minutter"),
        "session",
        "aldrig",
    ],
    "cs": [
        ("rok", "roky"),
        ("měsíc", "měsíce"),
        ("den", "dny"),
        ("hodina", "hodiny"),
        ("minuta", "minut"),
        "relace",
        "nikdy",
    ],
    "ru": [
        ("год", "лет"),
        ("месяц", "месяцев"),
        ("день", "дней"),
        ("час", "часов"),
        ("минута", "минут"),
        "сессия",
        "никогда",
    ],
    "tr": [("yıl", "yıl"), ("ay", "ay"), ("gün", "gün"), ("saat", "saat"), ("dakika", "dakika"), "oturum", "süresiz"],
    "ja": [("年", "年"), ("か月", "か月"), ("日", "日"), ("時間", "時間"), ("分", "分"), "セッション", "無期限"],
    "ko": [("년", "년"), ("개월", "개월"), ("일", "일"), ("시간", "시간"), ("분", "분"), "세션", "무기한"],
    "zh": [("年", "年"), ("个月", "个月"), ("天", "天"), ("小时", "小时"), ("分钟", "分钟"), "会话", "永久"],
}
CJK = ("ja", "ko", "zh")
PCT_SPACE = ("de", "fr", "sv", "no", "cs")
COOKIE_STEMS = [
    "_ga",
    "_gid",
    "_gat",
    "_fbp",
    "_gcl_au",
    "__gads",
    "__gpi",
    "_pk_id",
    "_pk_ses",
    "_hjSessionUser",
    "_hjid",
    "_clck",
    "_clsk",
    "IDE",
    "NID",
    "DSID",
    "test_cookie",
    "__cf_bm",
    "__cflb",
    "_cfuvid",
    "JSESSIONID",
    "PHPSESSID",
    "euconsent-v2",
    "OptanonConsent",
    "cookielawinfo-checkbox",
    "CookieConsent",
    "uid",
    "uuid",
    "sid",
    "lang",
    "li_gc",
    "bcookie",
    "lidc",
    "UserMatchHistory",
    "AnalyticsSyncHistory",
    "VISITOR_INFO1_LIVE",
    "YSC",
    "yt-remote-device-id",
    "ajs_anonymous_id",
    "ajs_user_id",
    "_parsely_visitor",
    "_chartbeat2",
    "_cb",
    "_awl",
    "tuuid",
    "receive-cookie-deprecation",
    "ab_test",
    "session_id",
    "consentUUID",
    "didomi_token",
    "usprivacy",
    "_lr_env",
    "panoramaId",
    "cto_bundle",
]


class L:
    def __init__(self, code: str, v: dict, rng: random.Random):
        self.code, self.v, self.r = code, v, rng

    def pick(self, key, k=None):
        items = self.v[key]
        if k is None:
            return self.r.choice(items)
        return self.r.sample(items, min(k, len(items)))

    def has(self, key):
        return bool(self.v.get(key))

    def fill(self, s: str, **kw) -> str:
        r = self.r
        kw.setdefault("n", self.num(r.choice([r.randint(2, 40), r.randint(40, 900), r.randint(900, 40000)])))
        kw.setdefault("d", str(r.randint(1, 14)))
        kw.setdefault("v", self.pick("vendors") if self.has("vendors") else "Google")
        names = self.v.get("names") or ["Alex Smith"]
        kw.setdefault("a", r.choice(names))
        kw.setdefault("x", "")
        guarded = s.replace("{{site}}", "\x00")
        try:
            out = guarded.format(**kw)
        except (KeyError, IndexError, ValueError):
            out = guarded
        return out.replace("\x00", "{{site}}")

    def num(self, n: int) -> str:
        if n < 1000:
            return str(n)
        sep = {
            "en": ",",
            "ja": ",",
            "ko": ",",
            "zh": ",",
            "de": ".",
            "es": ".",
            "it": ".",
            "nl": ".",
            "pt": ".",
            "tr": ".",
            "da": ".",
        }.get(self.code, "\u00a0")
        return f"{n:,}".replace(",", sep)

    def pct(self, p: float, dec: bool = False) -> str:
        s = f"{p:.1f}" if dec else f"{round(p)}"
        if self.code not in ("en", "ja", "ko", "zh"):
            s = s.replace(".", ",")
        if self.code == "tr":
            return f"%{s}"
        return f"{s}\u00a0%" if self.code in PCT_SPACE else f"{s}%"


def glue(r: random.Random) -> str:
    return r.choice(["", " ", " ", " ", " | ", " · ", " / ", "  ", " – "])


# ---------------------------------------------------------------- poll


def answer_lines(x: L, answers: list[str], shape: str) -> list[str]:
    r = x.r
    total = r.choice([r.randint(3, 60), r.randint(60, 2000), r.randint(2000, 90000)])
    w = [r.random() ** 1.6 + 0.01 for _ in answers]
    counts = [round(total * a / sum(w)) for a in w]
    exact = [100 * c / max(1, sum(counts)) for c in counts]
    vw = x.v.get("votes", "votes")
    out: list[str] = []
    for i, (a, c, p) in enumerate(zip(answers, counts, exact)):
        if shape == "plain":
            out.append(a)
        elif shape == "pct":
            out.append(f"{a} {x.pct(p)}")
        elif shape == "pct_first":
            out.append(f"{x.pct(p)} {a}")
        elif shape == "pct_dec":
            out.append(f"{a} {x.pct(p, True)}")
        elif shape == "counts":
            out.append(f"{a} ({x.num(c)} {vw})")
        elif shape == "pct_counts":
            out.append(f"{a} {x.pct(p)} ({x.num(c)})")
        elif shape == "numbered":
            out.append(f"{i + 1}. {a}")
        elif shape == "lettered":
            out.append(f"{'ABCDEFGHIJ'[i]}. {a}")
        elif shape == "split":
            out += [a, x.pct(p)]
        elif shape == "split_counts":
            out += [a, x.num(c)]
        elif shape == "bullet":
            out.append(f"{r.choice(['○', '◯', '( )', '□', '•'])} {a}")
    return out


SHAPES = ["plain"] * 5 + [
    "pct",
    "pct",
    "pct_first",
    "pct_dec",
    "counts",
    "pct_counts",
    "numbered",
    "lettered",
    "split",
    "split_counts",
    "bullet",
]


def pick_question(x: L) -> tuple[str, list[str]]:
    r = x.r
    if x.has("pairs") and r.random() < 0.25:
        a, b = x.pick("pairs")
        answers = [x.fill(s, a=a, b=b) for s in x.pick("pair_answers", r.randint(3, len(x.v["pair_answers"])))]
        return x.pick("questions"), answers
    if r.random() < 0.4:
        answers = list(x.pick("answers_many"))
        if len(answers) > 3 and r.random() < 0.5:
            answers = answers[: r.randint(3, len(answers))]
    else:
        answers = list(x.pick("answers_yn"))
    return x.pick("questions"), answers


def poll_run(x: L):
    r = x.r
    g = []
    if r.random() < 0.45:
        g.append(("poll", x.pick("qotd_head")))
    q, answers = pick_question(x)
    g.append(("poll", q))
    shape = r.choice(SHAPES)
    g += [("poll", a) for a in answer_lines(x, answers, shape)]
    if shape in ("plain", "numbered", "lettered", "bullet"):
        for ui in x.pick("vote_ui", r.randint(0, 3)):
            g.append(("poll", ui))
    elif r.random() < 0.7:
        g.append(("poll", x.fill(x.pick("total"))))
    if r.random() < 0.2:
        g.append(("poll", x.fill(x.pick("voted"), x=answers[0])))
    if r.random() < 0.25:
        tail = consent_sentence(x)
        if tail:
            if r.random() < 0.4:  # glued onto the last line
                lab, last = g[-1]
                merged = last + glue(r) + tail
                g[-1] = ("consent" if len(tail) > len(last) else lab, merged)
            else:
                g.append(("consent", tail))
    return g


def consent_sentence(x: L) -> str | None:
    keys = [k for k in ("optin", "social_login", "consent_terms", "comment_form") if x.has(k)]
    if not keys:
        return None
    return x.fill(x.pick(x.r.choice(keys)))


def poll_alone(x: L):
    r = x.r
    g = []
    if r.random() < 0.3:
        g.append(("poll", x.pick("qotd_head")))
    g.append(("poll", x.pick("questions")))
    if r.random() < 0.25:
        t = consent_sentence(x)
        if t:
            g.append(("consent", t))
    return g


def poll_flat(x: L):
    r = x.r
    q, answers = pick_question(x)
    sep = glue(r)
    items = answer_lines(x, answers, r.choice(["plain", "plain", "pct", "pct_first", "counts"]))
    items += x.pick("vote_ui", r.randint(0, 2))
    head = [x.pick("qotd_head")] if r.random() < 0.4 else []
    line = sep.join(head + [q] + items) if r.random() < 0.5 else " ".join(head + [q]) + " " + sep.join(items)
    return [("poll", line)]


def reaction_run(x: L):
    r = x.r
    g = []
    note_first = r.random() < 0.3
    if r.random() < 0.5:
        g.append(("poll", x.fill(x.pick("react_head"))))
    if note_first and x.has("react_note"):
        g.append(("poll", x.fill(x.pick("react_note"))))
    k = r.randint(2, 8)
    use_pairs = x.has("react_emoji_word") and r.random() < 0.35
    items = x.pick("react_emoji_word" if use_pairs else "reactions", k)
    zeroish = r.random() < 0.5

    def count() -> str:
        if zeroish:
            return str(r.choice([0, 0, 0, 0, 1, 2, 3]))
        return x.num(r.choice([r.randint(0, 30), r.randint(0, 400), r.randint(400, 12000)]))

    labels = [f"{e} {w}" if use_pairs else e for (e, w) in items] if use_pairs else list(items)
    if use_pairs and r.random() < 0.4:
        labels = [e for e, _ in items]
    style = r.random()
    if style < 0.45:
        g += [("poll", f"{lab} {count()}") for lab in labels]
    elif style < 0.6:
        for lab in labels:
            g += [("poll", lab), ("poll", count())]
    elif style < 0.7:
        g += [("poll", f"{count()} {lab}") for lab in labels]
    elif style < 0.9:
        sep = glue(r)
        g.append(("poll", sep.join(f"{lab} {count()}" for lab in labels)))
    else:
        lab = labels[0]
        g.append(("poll", f"{lab} {count()}"))
    if not note_first and x.has("react_note") and r.random() < 0.5:
        g.append(("poll", x.fill(x.pick("react_note"))))
    return g


def survey_run(x: L):
    r = x.r
    g = [("poll", x.fill(x.pick("survey")))]
    if r.random() < 0.5:
        ctas = x.pick("survey_cta", r.randint(1, 3))
        if r.random() < 0.4:
            g[-1] = ("poll", g[-1][1] + glue(r) + " ".join(ctas))
        else:
            g += [("poll", c) for c in ctas]
    if r.random() < 0.15:
        t = consent_sentence(x)
        if t:
            g.append(("consent", t))
    return g


# ---------------------------------------------------------------- consent


def duration(x: L) -> str:
    r = x.r
    units = DUR[x.code]
    roll = r.random()
    if roll < 0.08:
        return units[6]
    if roll < 0.14:
        return units[5]
    parts = []
    idx = sorted(r.sample(range(5), r.choice([1, 1, 1, 2, 2, 3, 4])))
    for i in idx:
        n = r.choice([1, 1, 2, 3, 6, 13, 24, 26, 30, 59]) if i != 0 else r.choice([1, 1, 1, 2, 5, 7, 10, 20])
        one, many = units[i]
        if x.code in CJK:
            parts.append(f"{n}{one}")
        else:
            parts.append(f"{n} {one if n == 1 else many}")
    return (" " if x.code not in CJK else "").join(parts)


def cookie_name(r: random.Random) -> str:
    base = r.choice(COOKIE_STEMS)
    roll = r.random()
    if roll < 0.2:
        return f"{base}_{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _ in range(10))}"
    if roll < 0.28:
        return f"_gat_UA-{r.randint(1000000, 99999999)}-{r.randint(1, 9)}"
    if roll < 0.36:
        return "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(2, 9)))
    return base


def cookie_table(x: L):
    r = x.r
    g = []
    if r.random() < 0.5 and x.has("cookie_cats"):
        title, desc = x.pick("cookie_cats")
        if r.random() < 0.5:
            g.append(("consent", title))
        g.append(("consent", desc))
    if r.random() < 0.35:
        cols = x.pick("cookie_cols")
        if r.random() < 0.5:
            g.append(("consent", r.choice(["\t", " ", "  "]).join(cols)))
        else:
            g += [("consent", c) for c in cols]
    order = r.choice(["ndd", "ndd", "ndd", "ndD", "one"])
    for _ in range(r.randint(1, 5)):
        name, dur, desc = cookie_name(r), duration(x), x.fill(x.pick("cookie_desc"))
        if order == "one":
            g.append(("consent", f"{name}{r.choice([' ', '  ', chr(9)])}{dur}{r.choice([' ', '  ', chr(9)])}{desc}"))
        elif order == "ndD":
            g += [("consent", name), ("consent", desc), ("consent", dur)]
        else:
            g += [("consent", name), ("consent", dur), ("consent", desc)]
    return g[:16]


def cookie_cats(x: L):
    r = x.r
    g = []
    for title, desc in x.pick("cookie_cats", r.randint(1, 3)):
        style = r.random()
        if style < 0.4:
            g += [("consent", title), ("consent", desc)]
        elif style < 0.7:
            g.append(("consent", f"{title}{glue(r)}{desc}"))
        else:
            g.append(("consent", desc))
    return g


def simple_consent(key: str, lo: int = 1, hi: int = 3):
    def f(x: L):
        return [("consent", x.fill(s)) for s in x.pick(key, x.r.randint(lo, hi))]

    return f


def consent_terms(x: L):
    r = x.r
    items = x.pick("consent_terms", r.randint(1, 6))
    if r.random() < 0.2:
        return [("consent", glue(r).join(x.fill(s) for s in items))]
    return [("consent", x.fill(s)) for s in items]


def ad_why(x: L):
    out = []
    for s in x.pick("ad_why", x.r.randint(1, 3)):
        s = x.fill(s)
        out.append(("consent" if ("?" in s or len(s.split()) > 2) else "promo", s))
    return out


# ---------------------------------------------------------------- promo / boilerplate


def signup_run(x: L):
    r = x.r
    g = [("promo", x.fill(s)) for s in x.pick("promo_nl", r.randint(1, 3))]
    if r.random() < 0.25 and x.has("promo_nl_done"):
        g.append(("promo", x.fill(x.pick("promo_nl_done"))))
    if r.random() < 0.6:
        t = consent_sentence(x)
        if t:
            if r.random() < 0.35:
                lab, last = g[-1]
                g[-1] = ("consent" if len(t) > len(last) else lab, last + glue(r) + t)
            else:
                g.append(("consent", t))
    return g


def benefits_run(x: L):
    r = x.r
    items = [x.fill(s) for s in x.pick("promo_benefits", r.randint(2, 5))]
    bullet = r.choice(["", "", "✓ ", "• ", "- "])
    if r.random() < 0.25:
        return [("promo", glue(r).join(items))]
    return [("promo", bullet + s) for s in items]


def simple(key: str, label: str, lo: int = 1, hi: int = 2):
    def f(x: L):
        return [(label, x.fill(s)) for s in x.pick(key, x.r.randint(lo, hi))]

    return f


def glued_promo(x: L):
    """A title and its pitch glued together with no space, as flattened teaser boxes extract."""
    r = x.r
    a, b = x.pick("promo_misc"), x.pick("promo_jobs") if x.has("promo_jobs") else x.pick("promo_nl")
    return [("promo", x.fill(a) + r.choice(["", "", " "]) + x.fill(b))]


def mixed_tail(x: L):
    """Several widgets in a row, as an article's tail extracts: poll, then sign-up, then consent, etc."""
    r = x.r
    g = []
    for f in r.sample(
        [poll_run, reaction_run, signup_run, simple("boiler", "boilerplate"), survey_run, cookie_cats], r.randint(2, 3)
    ):
        try:
            g += f(x)
        except KeyError:
            continue
    return g[:16]


KINDS = {
    "poll_run": (poll_run, 16),
    "poll_alone": (poll_alone, 6),
    "poll_flat": (poll_flat, 5),
    "reaction": (reaction_run, 12),
    "survey": (survey_run, 6),
    "cookie_table": (cookie_table, 10),
    "cookie_cats": (cookie_cats, 5),
    "ccpa": (simple_consent("ccpa", 1, 3), 3),
    "comment_form": (simple_consent("comment_form", 1, 3), 5),
    "social_login": (simple_consent("social_login", 1, 2), 2),
    "optin": (simple_consent("optin", 1, 2), 5),
    "tcf": (simple_consent("tcf", 2, 6), 4),
    "embed": (simple_consent("embed", 1, 2), 4),
    "consent_terms": (consent_terms, 10),
    "ad_why": (ad_why, 3),
    "signup": (signup_run, 7),
    "benefits": (benefits_run, 3),
    "jobs": (simple("promo_jobs", "promo", 1, 2), 3),
    "promo_misc": (simple("promo_misc", "promo", 1, 2), 4),
    "glued_promo": (glued_promo, 2),
    "boiler": (simple("boiler", "boilerplate", 1, 3), 4),
    "mixed": (mixed_tail, 4),
}


def compose(code: str, v: dict, n: int, seed: int) -> list[list[tuple[str, str]]]:
    rng = random.Random(f"{seed}-{code}")
    x = L(code, v, rng)
    return draw_groups(rng, [(partial(f, x), w) for f, w in KINDS.values()], n, max_lines=16)


def main() -> None:
    seed = 20261215
    for code, v in sorted(VOCAB.items()):
        groups = compose(code, v, GROUPS.get(code, DEFAULT_GROUPS), seed)
        path = HERE / f"{code}.text.txt"
        write_groups(path, groups)
        print(f"{path.name}: {len(groups)} groups")


if __name__ == "__main__":
    main()
