#!/usr/bin/env python3
"""Compose the `<lang>.optin.txt` files of this folder: comment-form and sign-in consent in many wordings.

A third composer beside compose_web_lines.py and compose_text_lines.py (issue 14). Those carry one wording of
each comment-form opt-in, and the model, whose word features are hashed, treats "followup", "e-mail" and "via"
as words it has never seen with that label. This one crosses verbs, objects, channels and spellings
(follow-up / followup / follow up, email / e-mail / mail, by / via / through), checkbox marks, trailing
punctuation and letter case, and adds:

- social sign-in permission lines ("sign in with <network>", "we never post without your permission",
  "you let us use your public profile and email address");
- comment-policy lines ("we welcome civil debate as long as..., comments are not checked before they
  appear, by posting you agree...") and comment-form privacy consent ("I agree to my data being stored");
- comment-subscription and post-by-email calls to action (promo), short survey invitations (poll);
- hard negatives: editorial sentences *about* email alerts, social log-in and comment moderation (content),
  so that prose on these subjects is not taken for the widget.

All text is authored for this project. Deterministic: same vocabulary, same seed -> same files.

    python training_data/parts/lines/compose_optin_lines.py
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
from optin_vocab import V  # noqa: E402

GROUPS = {"en": 300, "de": 110, "da": 35, "no": 35, "sv": 35, "tr": 35, "ko": 35}
DEFAULT_GROUPS = 50
MARKS = [""] * 15 + ["[ ] ", "☐ ", "□ ", "[x] ", "✓ "]  # a quarter keep a checkbox glyph


def recase(text: str, r: random.Random, code: str) -> str:
    """Sentence case mostly; title case, lower case or capitals now and then (Latin scripts only)."""
    if code in ("ja", "ko", "zh"):
        return text
    draw = r.random()
    if draw < 0.14 and code == "en":
        small = {"of", "by", "via", "to", "on", "me", "a", "an", "the", "and", "or", "my", "in", "for", "when"}
        words = text.split(" ")
        return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    if draw < 0.19:
        return text.lower()
    if draw < 0.22:
        return text.upper()
    return text[:1].upper() + text[1:]


def punct(text: str, r: random.Random, code: str) -> str:
    stop = "。" if code in ("ja", "zh") else "."
    draw = r.random()
    if draw < 0.5:
        return text + stop
    if draw < 0.54 and code not in ("ja", "zh"):
        return text + "!"
    return text


class G:
    def __init__(self, code: str, v: dict, r: random.Random) -> None:
        self.code, self.v, self.r = code, v, r

    def pick(self, key: str) -> str:
        return self.r.choice(self.v[key])

    def optin(self) -> str:
        """One comment-form/post-notification opt-in line in a random wording."""
        r, v = self.r, self.v
        if r.random() < 0.35 and v.get("when"):
            line = self.pick("when").replace("{email}", self.pick("email_verb"))
        else:
            obj = self.pick("objs")
            chan = self.pick("chans")
            tpl = self.pick("optin")
            if tpl.startswith("Subscribe") and not chan:
                chan = (
                    "by email"  # a bare "Subscribe to comments" is a feed link (promo); the checkbox names the channel
                )
            line = tpl.replace("{obj}", obj).replace("{chan}", chan)
        line = " ".join(line.split())
        line = punct(recase(line, r, self.code), r, self.code)
        return r.choice(MARKS) + line

    def social(self) -> str:
        r = self.r
        net = self.pick("nets")
        parts = [self.pick("social_benefit").replace("{net}", net)]
        parts.append(self.pick("social_permission").replace("{net}", net))
        if r.random() < 0.3:
            parts.append(self.pick("social_permission").replace("{net}", net))
        if r.random() < 0.25:
            parts.reverse()
        seen: list[str] = []
        for p in parts:
            if p not in seen:
                seen.append(p)
        return " ".join(seen)

    def policy(self) -> str:
        r = self.r
        parts = [self.pick("policy_open") + " " + self.pick("policy_cond") + self.v.get("stop", ".")]
        if r.random() < 0.75:
            parts.append(self.pick("policy_mod"))
        if r.random() < 0.8:
            parts.append(self.pick("policy_resp"))
        return " ".join(parts)


def g_optin(x: G) -> list[tuple[str, str]]:
    return [("consent", x.optin()) for _ in range(x.r.choice((1, 1, 2, 2, 2, 3)))]


def g_form(x: G) -> list[tuple[str, str]]:
    """A comment form as extraction leaves it: some furniture, then its consent lines."""
    r = x.r
    g: list[tuple[str, str]] = []
    if r.random() < 0.6:
        g += [("boilerplate", b) for b in r.sample(x.v["form_boiler"], r.randint(1, 3))]
    if r.random() < 0.5:
        g.append(("consent", x.pick("save_details")))
    g += [("consent", x.optin()) for _ in range(r.randint(1, 2))]
    if r.random() < 0.4:
        g.append(("consent", x.pick("privacy")))
    if r.random() < 0.4:
        g.append(("boilerplate", x.pick("submit")))
    return g


def g_privacy(x: G) -> list[tuple[str, str]]:
    g = [("consent", x.pick("privacy"))]
    if x.r.random() < 0.4:
        g.insert(0, ("consent", x.optin()))
    return g


def g_social(x: G) -> list[tuple[str, str]]:
    r = x.r
    g = [("consent", x.social())]
    if r.random() < 0.25 and x.v.get("social_buttons"):
        g = [("boilerplate", b) for b in r.sample(x.v["social_buttons"], r.randint(1, 2))] + g
    return g


def g_policy(x: G) -> list[tuple[str, str]]:
    return [("consent", x.policy())]


def g_promo(x: G) -> list[tuple[str, str]]:
    return [("promo", x.pick("promo").replace("{n}", str(x.r.randint(12, 9800)))) for _ in range(x.r.randint(1, 2))]


def g_poll(x: G) -> list[tuple[str, str]]:
    return [("poll", t) for t in x.pick("poll").split(" / ")]


def g_content(x: G) -> list[tuple[str, str]]:
    return [("content", x.pick("content"))]


KINDS = {
    "optin": (g_optin, 30),
    "form": (g_form, 10),
    "privacy": (g_privacy, 8),
    "social": (g_social, 14),
    "policy": (g_policy, 10),
    "promo": (g_promo, 7),
    "poll": (g_poll, 5),
    "content": (g_content, 12),
}


def compose(code: str, v: dict, n: int, seed: int) -> list[list[tuple[str, str]]]:
    rng = random.Random(f"{seed}-{code}")
    x = G(code, v, rng)
    makers = [(partial(f, x), w) for f, w in KINDS.values()]
    return draw_groups(rng, makers, n, errors=(KeyError, IndexError, ValueError))


def main() -> None:
    seed = 20261214
    for code, v in sorted(V.items()):
        groups = compose(code, v, GROUPS.get(code, DEFAULT_GROUPS), seed)
        path = HERE / f"{code}.optin.txt"
        write_groups(path, groups)
        counts: dict[str, int] = {}
        for g in groups:
            for lab, _ in g:
                counts[lab] = counts.get(lab, 0) + 1
        print(f"{path.name}: {len(groups)} groups, lines {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
