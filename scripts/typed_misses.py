#!/usr/bin/env python3
"""Error analysis of consent and promo on the typed page sets (issue 13), by language group and kind of widget.

    python scripts/typed_misses.py                                   # writes docs/TYPED_MISSES.md
    python scripts/typed_misses.py --cache /tmp/typed_pred.json.gz   # reuse scripts/reliability.py's predictions
    python scripts/typed_misses.py --no-docs                         # print only

Every page of ``typed-dev`` and ``typed-modern-dev`` is cleaned once with the shipped model (``scripts/reliability.py``
``predict``: the benchmark's reading of the records, ``cleaner.Cleaner()``), and gold and predicted segments are matched
with the project's token aligner (``reliability.match_page``, i.e. ``cleaner.learning.evaluate.align``, the alignment of
``TypedScore`` and ``score.py``). A gold segment's *prediction* is the majority predicted label of its tokens
(``removed`` when its tokens have no counterpart in the output).

Two lists come out of that:
  * **misses**: gold ``consent`` / ``promo`` segments whose prediction is another label (what they were called);
  * **false alarms**: gold ``content`` / ``boilerplate`` / ``poll`` segments predicted ``consent`` or ``promo``.

Each is put into a *kind* (consent-dialog body text, vendor list, privacy-choice link, newsletter box, paywall, ad
label, ...) by the keyword-and-markup rules in ``KINDS`` / ``FALSE_ALARM_KINDS`` below, read off the segment's text and
the class/id tokens of its element and ancestors in the page (found by the gold segment's ``xpath``, parsed as
``../shared/tools/typed/segment.py`` parses). The rules are a triage, not a gold standard: first match wins, and
"other" collects the rest. Language groups as in ``scripts/typed_by_language.py`` (page language); ``typed-dev`` is
English. The report lists ids, counts, tokens and at most a few words of short UI strings, never dev text at length.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import reliability  # noqa: E402
import typed_by_language  # noqa: E402
from bench.datasets import dataset_path, load_records  # noqa: E402

from cleaner.learning.evaluate import tokens  # noqa: E402

SEGMENTER = REPO.parent / "shared" / "tools" / "typed"
SETS = ("typed-modern-dev", "typed-dev")
DOC = REPO / "docs" / "TYPED_MISSES.md"
COMMAND = "python scripts/typed_misses.py"
TARGET = ("consent", "promo")
MAX_IDS = 6
SHORT_UI = 4  # words: a gold text this short may be shown (a UI string such as "Cookie-Einstellungen")


def rx(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words), re.I)


# ------------------------------------------------------------------ kinds
# (kind, text pattern or None, attrs pattern or None, max words or None); a rule matches when every given part does.

Rule = tuple[str, "re.Pattern[str] | None", "re.Pattern[str] | None", "int | None"]

_PRIVACY_WORDS = (
    r"cookie|privacy|privacidad|privacité|confidentialit|datenschutz|tracking|informasjonskapsler|integritet"
    r"|personvern|privatliv|do not sell|not sell or share|choices|preferenc|einstellungen|instellingen|innstillinger"
    r"|inställningar|indstillinger|configurar|paramètres|impostazioni|ustawienia|çerez|gizlilik|soukromí|プライバシー"
)
CONSENT_KINDS: tuple[Rule, ...] = (
    ("ad-info dialog (why this ad)", None, rx(r"adinfo|why-this-ad|ad-info|ads-settings"), None),
    (
        "cookie table / vendor list",
        rx(r"^[\w.\-]*_[\w.\-]*$|^(_ga|_gid|ide|nid|test_cookie)$|vendor|\bpartner|anbieter|leverandør|fournisseur"),
        None,
        None,
    ),
    ("cookie table / vendor list", None, rx(r"cookielawinfo|cookie-?table|vendor|partner-?list|tcf|iab"), None),
    (
        "pay-or-consent wall",
        rx(
            r"abo\b|abonn|subscri|werbefrei|ohne werbung|mit werbung|pur\b|sans pub|sin publicidad|senza pubblicit"
            r"|without ads|ad-free|reklamefri|vertrag|widerruf|widerspruch|plus\b"
        ),
        None,
        None,
    ),
    (
        "newsletter / sign-up opt-in line",
        rx(
            r"newsletter|nyhetsbrev|nieuwsbrief|bülten|e-?mail|sign[- ]?up|signing up|anmeldung|inscri|iscri|subscrib"
            r"|뉴스레터|ileti|登録"
        ),
        None,
        None,
    ),
    ("newsletter / sign-up opt-in line", None, rx(r"newsletter|subscri|signup|sign-up|email|optin|opt-in"), None),
    (
        "terms / legal acceptance line",
        rx(
            r"terms|agb|conditions|nutzungsbedingungen|vilkår|villkor|user agreement|規約|condiciones|termini|약관"
            r"|aydınlatma|rules of conduct|acceptance"
        ),
        None,
        None,
    ),
    ("privacy-choice link in footer/menu", rx(_PRIVACY_WORDS), rx(r"foot|nav|menu|links|colophon|sitemap|legal"), 8),
    ("privacy-choice link in footer/menu", rx(_PRIVACY_WORDS), None, 5),
    ("consent buttons / controls", None, rx(r"button|btn|accept|reject|agree|close"), 4),
    (
        "consent buttons / controls",
        rx(
            r"^(ok|okay|accept|agree|reject|lukk|close|schließen|fermer|cerrar|chiudi|akzeptieren|zustimmen"
            r"|ablehnen|accepter|refuser|aceptar|rechazar|accetta|rifiuta|godta|avvis|godkänn|acceptér|kabul)"
        ),
        None,
        6,
    ),
    (
        "consent-dialog text",
        None,
        rx(
            r"cmp|consent|cookie|gdpr|privacy|didomi|onetrust|ot-|sp_message|usercentrics|cookiebot|borlabs|modal"
            r"|dialog|popup|banner|notice|overlay"
        ),
        None,
    ),
    ("consent-dialog text", rx(r"cookie|çerez|einwillig|consent|zustimm|daten|données|datos|dati|dane"), None, None),
)
_AD_CODE = rx(r"<script|<a href|<img|doubleclick|click\.ng|adserver")  # an ad tag's markup, shown as text
_AD_LABEL = (
    r"^\W*(anzeigen?|werbung|advertisement|advert|ads?|publicité|publicidad|pubblicità|annons|annonse|reklame"
    r"|reklam|reklama|advertentie|publicidade|広告|pr|sponsored|gesponsert|sponsor\w*|anuncio)\W*$"
)
PROMO_KINDS: tuple[Rule, ...] = (
    ("ad code shown as text", _AD_CODE, None, None),
    (
        "ad label / ad placeholder",
        rx(
            _AD_LABEL + r"|skip ad|after the ad|passer la publicité|advertiser|adchoices"
            r"|annonsørinnhold|注目情報pr|prイチオシ"
        ),
        None,
        None,
    ),
    ("ad close / ad chrome", rx(r"^\W*(x|close|cerrar|schließen|fermer|chiudi|lukk|×)\W*$"), None, 3),
    ("ad-blocker wall", rx(r"ad ?block|werbeblocker|adblocker|bloqueur|bloqueador|reklamblock"), None, None),
    (
        "affiliate disclosure",
        rx(r"affiliate|commission|provision|we may earn|earn a|partnerlink|lien affilié|enlaces de afiliado"),
        None,
        None,
    ),
    ("affiliate product box", None, rx(r"affiliate|amazon|deal|product-box|shop"), None),
    (
        "coupons / deals / comparison links",
        rx(
            r"gutschein|coupon|promo code|rabatt|deals?\b|vergleich|kredit|leasing|sale\b|% off|casino|sportwett"
            r"|bonus|rabais|descuento|sconto|korting|tilbud|erbjudande|kupon|fırsat"
        ),
        None,
        None,
    ),
    (
        "newsletter sign-up",
        rx(
            r"newsletter|nyhetsbrev|nieuwsbrief|bülten|sign ?up|e-?mail|alerts|whatsapp|telegram|postfach|inbox"
            r"|inscri|iscri|^name$|^vorname$"
        ),
        None,
        None,
    ),
    ("newsletter sign-up", None, rx(r"newsletter|mc-embedded|signup|sign-up|email"), None),
    ("app download", rx(r"\bapp\b|app store|google play|download|herunterladen|descarga|télécharg|アプリ"), None, None),
    (
        "donation ask",
        rx(r"donat|spende|unterstütz|support|contribut|doneer|doar|dona\b|donner|sostieni|wesprzyj|bidra|støtt"),
        None,
        None,
    ),
    ("feed subscription (RSS/Atom)", rx(r"\brss\b|\batom\b|\bfeeds?\b|^posts$|^comments$"), None, 6),
    (
        "subscription / paywall",
        rx(
            r"subscri|abo\b|abos?\b|abonn|suscr|premium|\bplus\b|paywall|e-?paper|/week|/month|/monat|pro monat"
            r"|reserved for|sign in to continue|create an account|registr|testen|購読|구독|account|log ?in|assinatura"
            r"|abbonament|prenumer|€|\$|£"
        ),
        None,
        None,
    ),
    ("subscription / paywall", None, rx(r"paywall|piano|tp-|premium|subscri|abo|plus|offer"), None),
    (
        "follow us / social CTA",
        rx(r"follow|folg|síguenos|suivez|seguici|volg ons|følg|preferred source|google news|channel"),
        None,
        None,
    ),
    (
        "sponsored / partner card",
        rx(r"sponsor|partner|advertorial|from around the web|promoted|taboola|outbrain|anzeige|annonce"),
        rx(r"."),
        None,
    ),
    (
        "sponsored / partner card",
        None,
        rx(r"sponsor|partner|outbrain|taboola|ad-|ad_|-ad\b|adv|promo|commercial"),
        None,
    ),
    (
        "job ads / classifieds",
        rx(r"\bjob|stellen|position|fellow|recruit|m/w/d|vacanc|faculty|career"),
        None,
        None,
    ),
    ("event / product promo", rx(r"event|ticket|shop|kauf|buy|order|bestell|book\b|buch"), None, None),
)
FALSE_ALARM_KINDS: tuple[Rule, ...] = (
    ("ad frame's fallback markup (gold says not promo)", _AD_CODE, None, None),
    ("ad label (gold says not promo)", rx(_AD_LABEL + r"|anzeige buchen|^\W*(anzeigen|shoppinganzeigen)"), None, 3),
    (
        "product facts (price, stock, specs)",
        rx(r"in stock|lieferbar|auf lager|\d+[.,]\d\d ?(€|\$|£|eur)|(€|\$|£) ?\d"),
        None,
        12,
    ),
    (
        "login / account UI",
        rx(r"log ?in|sign ?in|anmelden|einloggen|konto|account|logga|profil|abmelden|log ?out|inloggad|registr"),
        None,
        8,
    ),
    ("cookie / privacy policy link", rx(_PRIVACY_WORDS + r"|impressum|imprint|terms|agb"), None, 6),
    (
        "advertise-with-us / corporate link",
        rx(r"advertis|werben|mediadaten|media ?kit|annonc|publicidad|content works"),
        None,
        8,
    ),
    ("subscription / price text", rx(r"abo\b|abonn|subscri|€|\$|£|/week|/month|pris|precio|prezzo|preis"), None, None),
    ("newsletter / alerts mention", rx(r"newsletter|nyhetsbrev|alerts|e-?mail"), None, None),
    ("embedded post (tweet, video)", None, rx(r"tweet|twitter|instagram|oembed|embed|video|player"), None),
    ("visually-hidden label / a11y text", None, rx(r"visually-hidden|sr-only|screen-?reader|visuallyhidden"), None),
    ("deals / shopping links", rx(r"gutschein|coupon|deal|rabatt|shop|angebot|sale|kaufen|vergleich"), None, None),
    ("nav / menu / footer item", None, rx(r"nav|menu|foot|header|drawer|sitemap|bottom-links|toprow|masthead"), None),
    ("teaser / other-story headline", None, rx(r"teaser|card|related|recirc|headline|title|story|article|grid"), None),
)


def kind_of(text: str, attrs: str, rules: Sequence[Rule], fallback: str) -> str:
    words = len(text.split())
    for name, text_rx, attrs_rx, max_words in rules:
        if text_rx is not None and not text_rx.search(text):
            continue
        if attrs_rx is not None and not attrs_rx.search(attrs):
            continue
        if max_words is not None and words > max_words:
            continue
        return name
    return fallback


def classify(gold_label: str, predicted: str, text: str, attrs: str) -> str:
    """The kind of one miss (gold consent/promo) or false alarm (gold other, predicted consent/promo)."""
    if gold_label == "consent":
        return kind_of(text, attrs, CONSENT_KINDS, "other consent")
    if gold_label == "promo":
        return kind_of(text, attrs, PROMO_KINDS, "other promo")
    if gold_label == "content":
        kind = kind_of(text, attrs, FALSE_ALARM_KINDS[:10], "")
        return f"content: {kind or 'article text'}"
    return f"{gold_label}: {kind_of(text, attrs, FALSE_ALARM_KINDS, 'other')}"


# ------------------------------------------------------------------ page markup


def element_attrs(html: str, xpaths: Sequence[str | None], depth: int = 8) -> list[tuple[str, str]]:
    """(tag, class/id tokens of the element and ``depth`` ancestors, space-joined, lower case) per gold xpath, read
    from the page as the reference segmenter parses it; ("", "") when the tools are not beside the repository."""
    if not (SEGMENTER / "segment.py").exists():
        return [("", "")] * len(xpaths)
    if str(SEGMENTER) not in sys.path:
        sys.path.insert(0, str(SEGMENTER))
    import segment  # the reference segmenter: same parse, same xpaths

    tree = segment.parse_html(html)
    if tree is None:
        return [("", "")] * len(xpaths)
    segment._drop(tree.getroot())
    cache: dict[str, tuple[str, str]] = {}
    out = []
    for xp in xpaths:
        if not xp:
            out.append(("", ""))
            continue
        if xp not in cache:
            try:
                found = tree.xpath(xp)
            except Exception:  # noqa: BLE001  (a malformed path: no markup evidence)
                found = []
            if not found:
                cache[xp] = ("", "")
            else:
                el, toks, n = found[0], [], 0
                tag = el.tag if isinstance(el.tag, str) else ""
                while el is not None and n <= depth:
                    if isinstance(el.tag, str):
                        toks += [el.get("id") or "", el.get("class") or "", el.get("role") or ""]
                        toks += [f"{k}" for k in el.attrib if k.startswith(("data-ad", "aria-label"))]
                    el, n = el.getparent(), n + 1
                cache[xp] = (tag.lower(), " ".join(t for t in toks if t).lower())
        out.append(cache[xp])
    return out


# ------------------------------------------------------------------ collecting


@dataclass
class Case:
    set: str
    id: str
    group: str
    gold: str
    predicted: str
    kind: str
    tokens: int
    tag: str
    ui: str  # the text itself when it is a short UI string, else ""


@dataclass
class Analysis:
    cases: list[Case] = field(default_factory=list)
    totals: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (set, group, gold label) -> segments


def group_of(set_name: str, record_id: str) -> str:
    if set_name.startswith("typed-modern"):
        return typed_by_language.group_by_page_language(record_id)
    return "English"


def analyse(pages: Sequence[Mapping[str, Any]], raw: Mapping[str, Mapping[str, Any]]) -> Analysis:
    out = Analysis()
    totals: Counter[tuple[str, str, str]] = Counter()
    for page in pages:
        rec = raw.get(page["id"])
        gold = [tuple(g) for g in page["gold"]]
        pred = [(p[0], p[1]) for p in page["pred"]]
        m = reliability.match_page(gold, pred)
        group = group_of(page["set"], page["id"])
        wanted = []
        for i, (_, label) in enumerate(gold):
            counts = m.gold_pred[i]
            if not counts or label not in ("content", "poll", "consent", "promo", "boilerplate"):
                continue
            totals[(page["set"], group, label)] += 1
            top = counts.most_common(1)[0][0]
            if (label in TARGET and top != label) or (label not in TARGET and top in TARGET):
                wanted.append((i, top))
        if not wanted:
            continue
        xpaths = [rec["segments"][i].get("xpath") if rec else None for i, _ in wanted]
        markup = element_attrs(rec["html"], xpaths) if rec else [("", "")] * len(wanted)
        for (i, top), (tag, attrs) in zip(wanted, markup, strict=True):
            text, label = gold[i]
            n = len(tokens(text))
            short = " ".join(text.split()) if len(text.split()) <= SHORT_UI and len(text) <= 40 else ""
            out.cases.append(
                Case(page["set"], page["id"], group, label, top, classify(label, top, text, attrs), n, tag, short)
            )
    out.totals = dict(totals)
    return out


# ------------------------------------------------------------------ report


def _ids(cases: Sequence[Case]) -> str:
    per = Counter(c.id.split("/", 1)[1] if c.id.startswith("modern-dev/") else c.id for c in cases)
    shown = ", ".join(f"`{pid}`" + (f" ×{n}" if n > 1 else "") for pid, n in per.most_common(MAX_IDS))
    return shown + (f" (+{len(per) - MAX_IDS} more pages)" if len(per) > MAX_IDS else "")


def _ui(cases: Sequence[Case]) -> str:
    seen = Counter(c.ui for c in cases if c.ui)
    return "; ".join(f"“{t}”" for t, _ in seen.most_common(3))


def overview(a: Analysis, set_name: str) -> str:
    groups = [g for g in (*typed_by_language.GROUPS,) if any(k[0] == set_name and k[1] == g for k in a.totals)]
    head = [
        "group",
        "label",
        "gold segments",
        "missed",
        "called boilerplate",
        "called content",
        "called the other rare label",
        "removed (no counterpart)",
        "false alarms (predicted as this label)",
    ]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * (len(head) - 2)]
    for g in groups:
        for label in TARGET:
            other = "promo" if label == "consent" else "consent"
            miss = [c for c in a.cases if c.set == set_name and c.group == g and c.gold == label]
            fa = [
                c
                for c in a.cases
                if c.set == set_name and c.group == g and c.gold not in TARGET and c.predicted == label
            ]
            pred = Counter(c.predicted for c in miss)
            lines.append(
                f"| {g} | {label} | {a.totals.get((set_name, g, label), 0)} | {len(miss)} | {pred['boilerplate']} | "
                f"{pred['content']} | {pred[other]} | {pred['removed']} | {len(fa)} |"
            )
    return "\n".join(lines)


def kinds_table(cases: Sequence[Case], column: str = "predicted") -> str:
    """Per kind: segments, tokens, per group, what they were called (``column="predicted"``) or what the gold says
    (``column="gold"``), short UI strings, pages."""
    by_kind: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        by_kind[c.kind].append(c)
    title = "called" if column == "predicted" else "gold"
    head = ["kind", "segments", "tokens", "German", "English", "other", title, "short UI strings seen", "pages"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * 5 + "---|---|---|"]
    for kind, cs in sorted(by_kind.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        grp = Counter(c.group for c in cs)
        pred = Counter(getattr(c, column) for c in cs)
        lines.append(
            "| "
            + " | ".join(
                [
                    kind,
                    str(len(cs)),
                    str(sum(c.tokens for c in cs)),
                    str(grp["German"]),
                    str(grp["English"]),
                    str(grp["other"]),
                    ", ".join(f"{p} {n}" for p, n in pred.most_common()),
                    _ui(cs),
                    _ids(cs),
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def render(version: str, a: Analysis) -> str:
    parts = [
        f"Rerun: `{COMMAND}` (writes this file; cleans each page once with the shipped model, or reads "
        "`scripts/reliability.py --cache` predictions with `--cache`).",
        "",
        "# Consent and promo on the typed page sets: what is missed, what is mistaken for them",
        "",
        f"Model `{version}`. Gold segments matched to the prediction with the project's token aligner (the "
        "alignment of `TypedScore` / `score.py`); a segment's prediction is the majority label of its tokens. "
        "*Missed*: a gold consent/promo segment predicted as something else. *False alarm*: a gold content/"
        "boilerplate/poll segment predicted consent/promo. Kinds come from keyword-and-markup rules over the "
        "segment's text and its element's class/id tokens (`scripts/typed_misses.py`, `CONSENT_KINDS`, "
        "`PROMO_KINDS`, `FALSE_ALARM_KINDS`): a triage, first rule wins. Counts are segments (blocks), so a page "
        "with a long vendor list weighs many times; the *tokens* column shows the weight in `score.py`'s F1. "
        "Pages are given without the `modern-dev/` prefix; ×n = segments on that page. Short UI strings (≤ 4 "
        "words) are quoted; longer dev text never is.",
        "",
    ]
    for set_name in SETS:
        cases = [c for c in a.cases if c.set == set_name]
        if not cases and not any(k[0] == set_name for k in a.totals):
            continue
        parts += [f"## `{set_name}`", "", overview(a, set_name), ""]
        for label in TARGET:
            miss = [c for c in cases if c.gold == label]
            parts += [f"### Missed `{label}` by kind", "", kinds_table(miss) if miss else "none", ""]
        for label in TARGET:
            fa = [c for c in cases if c.gold not in TARGET and c.predicted == label]
            parts += [
                f"### False alarms: other labels predicted `{label}`, by kind",
                "",
                kinds_table(fa, "gold") if fa else "none",
                "",
            ]
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    ap.add_argument("--limit", type=int, help="first N records of each set")
    ap.add_argument("--cache", type=Path, help="predictions of scripts/reliability.py --cache (read or written)")
    ap.add_argument("--out", type=Path, default=DOC)
    ap.add_argument("--json", type=Path, help="also write the cases as JSON (ids, labels, kinds; no text)")
    ap.add_argument("--no-docs", action="store_true")
    args = ap.parse_args(argv)

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    version, pages = reliability.load_or_predict(args.cache, args.sets, args.limit, False, say)
    raw = {}
    for name in args.sets:
        for rec in load_records(dataset_path(name), None, args.limit, 0):
            raw[rec["id"]] = rec
    a = analyse(pages, raw)
    text = render(version, a)
    print(text)
    if args.json:
        rows = [{k: v for k, v in c.__dict__.items()} for c in a.cases]
        with (gzip.open if args.json.suffix == ".gz" else open)(args.json, "wt", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=0)
    if not args.no_docs:
        args.out.write_text(text, encoding="utf-8")
        say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
