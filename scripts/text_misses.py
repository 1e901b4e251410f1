#!/usr/bin/env python3
"""Plain text (issue 14): what the model misses on the injected dev sets, counted by kind.

    python scripts/text_misses.py                         # shipped model, both sets: docs/TEXT_MISSES.md
    python scripts/text_misses.py --model /tmp/m --no-docs --json /tmp/m.misses.json   # another model, stdout

Every document of ``injected-dev`` and ``injected-modern-dev`` (blank-line version, as the benchmark reads it) is
cleaned once with ``kind="text"`` (``scripts/text_curve.py``'s recorder path). Each gold paragraph is token-aligned with
the predicted blocks as the benchmark's ``TypedScore`` does, and then:

* an injected (non-content) paragraph is *missed* when < 50% of its tokens were removed, *mistyped* when it was
  caught but < 50% of its tokens carry its own label (the benchmark's "typed right"), *right* otherwise;
* a content paragraph is *lost* when >= 50% of its tokens were flagged.

Missed and mistyped paragraphs are sorted into kinds by their shape (poll options, poll question, vote UI, consent
sentence, cookie table line, newsletter pitch, social/share line, "Advertisement" label, related-links line, ...), by
language (a stop-word guess) and by length; lost content paragraphs by their shape (headline-like short line, list
item, question, dateline, paragraph about polls/cookies/newsletters, plain prose). The report lists counts with a
few dev-set ids per kind -- ids and kinds only, never the dev text.

*Glued*: a missed or mistyped paragraph whose predicted block also holds >= 5 tokens of a gold content paragraph
(the segmenter put editorial text and junk in one block).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench.datasets import REPO, dataset_path, load_records  # noqa: E402
from text_curve import clean_once, make_cleaner, versions  # noqa: E402

from cleaner.learning.evaluate import align, tokens  # noqa: E402

DATASETS = ("injected-dev", "injected-modern-dev")
OUT = REPO / "docs" / "TEXT_MISSES.md"
IDS_PER_KIND = 4

# ------------------------------------------------------------------ language guess (stop words, scripts)

STOP = {
    "en": "the and of to is in that for with you your are this our we".split(),
    "de": "der die und das ist nicht sie mit den zu ein eine ihre wir auf für von".split(),
    "fr": "le la les et des est une vous pour dans que sur nous votre pas".split(),
    "es": "el la los las y de que en es para por una con su nuestra nuestro".split(),
    "it": "il la di che e per una sono con non del della gli nostro".split(),
    "nl": "de het een en van is dat voor met je niet op zijn wij uw".split(),
    "pt": "o a os as e de que em para com uma não seu sua nosso".split(),
    "pl": "i w na nie z się do jest że to przez oraz".split(),
    "sv": "och att det är som för med på inte av vi du".split(),
    "da": "og at det er som for med på ikke af vi du".split(),
    "no": "og at det er som for med på ikke av vi du".split(),
    "cs": "a v je se na že to s z do jsou pro".split(),
    "ru": "и в не на что с по это как для".split(),
    "tr": "ve bir bu için ile da de çok olarak".split(),
}


def language(text: str) -> str:
    if re.search(r"[\u3040-\u30ff]", text):
        return "ja"
    if re.search(r"[\uac00-\ud7af]", text):
        return "ko"
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    if re.search(r"[\u0400-\u04ff]", text):
        return "ru"
    words = re.findall(r"\w+", text.lower())
    if not words:
        return "?"
    scores = {code: sum(w in stop for w in words) for code, stop in STOP.items()}
    best = max(scores, key=lambda c: (scores[c], c == "en"))
    return best if scores[best] else "?"


def length_bucket(text: str) -> str:
    n = n_words(text)
    return "1-3 words" if n <= 3 else "4-10 words" if n <= 10 else "11-25 words" if n <= 25 else ">25 words"


# ------------------------------------------------------------------ kinds of injected paragraphs

R = lambda p: re.compile(p, re.I)  # noqa: E731
K_AD = R(
    r"^\W*(advertisement|advertising|ad|ads|sponsored|anzeige|werbung|publicité|publicidad|pubblicità|"
    r"advertentie|reklame|reklama|annons|annonse|reklam|реклама|広告|광고|sponsored content|partner content|"
    r"paid (post|content)|promoted)\W*$"
)
K_SOCIAL = R(
    r"facebook|twitter|\bx\.com\b|whatsapp|pinterest|linkedin|instagram|telegram|reddit|tiktok|youtube|"
    r"\bshare\b|teilen|partager|compartir|condividi|delen|dela|udostępnij|paylaş|шерить|поделиться|"
    r"\bemail this\b|copy link|link kopieren|\bprint\b|drucken|imprimer|follow us|folgen sie|suivez|síguenos|"
    r"seguici|volg ons|threads|bluesky|mastodon|flipboard"
)
K_NEWS = R(
    r"newsletter|sign[ -]?up|subscribe|subscription|inbox|abonn|anmeld|registr|inscri|iscriviti|suscr|"
    r"assin|prenumer|abonner|tilmeld|přihlas|odbier|zapisz|bülten|abone|подпис|メルマガ|ニュースレター|"
    r"구독|뉴스레터|订阅|digest|briefing|e-?mail updates|daily email|weekly email|get (the|our)"
)
K_COOKIE = R(
    r"cookie|tracking|tracker|gdpr|dsgvo|rgpd|ccpa|do not sell|personal (data|information)|"
    r"personenbezogen|données personnelles|datos personales|dati personali|persoonsgegevens|"
    r"dane osobowe|personuppgift|personopplysning|personoplysning|kişisel veri|персональн|個人情報|개인정보|"
    r"个人信息|partners?\b.*(data|device)|vendors?|consent|einwillig|consentement|consentimiento|consenso|"
    r"toestemming|samtycke|samtykke|zgod|souhlas|rıza|согласи|同意|동의|legitimate interest|preferences|"
    r"einstellungen|paramètres|privacy settings"
)
K_AGREE = R(
    r"\bagree|terms|privacy|policy|datenschutz|nutzungsbedingungen|agb|accept|conditions|términos|"
    r"condizioni|voorwaarden|villkor|vilkår|warunki|podmínky|koşul|условия|規約|약관|条款|akzept|akzeptier|"
    r"j'accepte|acepto|accetto|unsubscribe|abmelden|désinscri|opt[ -]?(in|out)|by (clicking|signing|"
    r"submitting|continuing|entering|completing|registering|subscribing|voting)"
)
K_RELATED = R(
    r"^\W*(related|read more|read also|also read|see also|more from|more on|more:|recommended|"
    r"you may also like|you might also like|don't miss|trending|most read|popular|lesen sie auch|"
    r"mehr zum thema|weiterlesen|auch interessant|à lire aussi|lire aussi|sur le même sujet|lee también|"
    r"te puede interesar|leggi anche|lees ook|läs också|les også|læs også|czytaj też|čtěte také|"
    r"ayrıca bakınız|читайте также|関連記事|관련 기사|相关)"
)
K_BOILER = R(
    r"©|copyright|all rights reserved|alle rechte|tous droits|derechos reservados|tutti i diritti|"
    r"^(home|menu|search|log ?in|sign in|back to top|next|previous|comments?|tags?:|photo:|image:|credit|"
    r"foto:|bild:)\b|\bby [A-Z][a-z]+ [A-Z]|\b(19|20)\d\d\b.*\d{1,2}:\d\d|^\W*\d+ comments?"
)
K_DONATE = R(
    r"donat|support (us|our|independent)|unterstütz|soutenez|apoya|sostieni|steun|stöd|støtt|wesprzyj|"
    r"podpoř|destek|поддерж|patreon|membership|member|premium|\$\d|€\s?\d|\d\s?€|£\d|per (month|week)|"
    r"/month|free trial|probeabo|essai gratuit|prueba gratis|prova gratuita|proefabonnement|app store|"
    r"google play|download (the|our) app|app herunterladen|télécharge|descarga|scarica|deal|coupon|"
    r"discount|rabatt|shop now|buy now|jetzt kaufen|order now|webinar|event|tickets|podcast|listen|"
    r"watch|job|stellen|career|karriere"
)
K_PCT = re.compile(
    r"\d\s?%|%\s?\d|\b\d[\d.,\s]*\s*(votes?|stimmen|votos|voti|voix|stemmen|röster|stemmer|"
    r"głos\w*|hlas\w*|oy|голос\w*|票|표)\b",
    re.I,
)
K_VOTE_UI = R(
    r"^\W*(vote|voting|view results|results|see results|show results|loading|total votes|"
    r"thanks for voting|thank you for voting|submit|abstimmen|ergebnis|ergebnisse|voter|résultats|votar|"
    r"resultados|vota|risultati|stem|stemmen|uitslag|rösta|resultat|stemme|resultater|głosuj|wyniki|"
    r"hlasovat|výsledky|oy ver|sonuçlar|голосовать|результаты|投票|結果|투표|결과|结果|poll|umfrage|"
    r"sondage|encuesta|sondaggio|peiling|omröstning|avstemning|afstemning|ankieta|anketa|anket|опрос|"
    r"アンケート|설문|调查)\b"
)
K_SURVEY = R(
    r"survey|quiz|questionnaire|umfrage|sondage|encuesta|sondaggio|enquête|enquete|ankiet|dotazník|"
    r"anket|опрос|take (our|the|this)|tell us|let us know|your (opinion|view|thoughts|feedback)|"
    r"ihre meinung|votre avis|tu opinión|la tua opinione|uw mening|din åsikt|din mening|twoja opinia|"
    r"váš názor|fikriniz|ваше мнение|rate (this|the)|how (would|do) you rate|what do you think|"
    r"was meinen sie|qu'en pensez|qué opinas|cosa ne pensi|wat vindt u"
)
K_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2764\u2B50]")
K_DATELINE = R(
    r"^\W*(\w+\s){0,3}\(?(19|20)\d\d\)?\W*$|^\W*\d{1,2}[./]\d{1,2}[./]\d{2,4}\W*$|"
    r"^(updated|published|posted|veröffentlicht|aktualisiert|publié|publicado)\b|^\W*by\s+\w+|^\W*von\s+\w+"
)


K_REACT = R(r"reaction|react\b|リアクション|반응|reaktion|réaction|reacción|reazion|tepki|реакци")
K_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def n_words(text: str) -> int:
    """Words; a CJK character run counts one word per two characters."""
    cjk = len(K_CJK.findall(text))
    return len(re.findall(r"\w+", K_CJK.sub(" ", text))) + (cjk + 1) // 2


def injected_kind(text: str, label: str) -> str:
    """The shape of an injected paragraph (checked in this order; the first match wins)."""
    words = n_words(text)
    if K_AD.search(text):
        return "ad label (Advertisement/Sponsored)"
    if re.search(r"\S\s+\d[\d,.]*$", text) and words <= 5 and label in ("poll", "content"):
        return "poll: reaction/answer word + count"
    if K_REACT.search(text) and label == "poll":
        return "poll: reaction note (sign in / members only)"
    if label == "poll" or (label not in ("consent",) and (K_PCT.search(text) or K_EMOJI.search(text)) and words <= 8):
        if K_EMOJI.search(text) and words <= 6:
            return "poll: reaction/emoji line"
        if K_PCT.search(text) and words <= 12:
            return "poll: option with % / votes"
        if K_VOTE_UI.search(text) and words <= 5:
            return "poll: vote UI / heading"
        if K_SURVEY.search(text):
            return "poll: survey/feedback invitation"
        if text.rstrip().endswith("?") or text.rstrip().endswith("?"):
            return "poll: question"
        if words <= 6:
            return "poll: short answer option"
        return "poll: other (long line)"
    if label == "consent" or K_COOKIE.search(text) or (K_AGREE.search(text) and words > 6):
        if K_COOKIE.search(text):
            return "consent: cookie/data/privacy-choice sentence"
        if K_AGREE.search(text):
            return "consent: agree-to-terms / opt-in sentence"
        if words <= 4:
            return "consent: short control/heading"
        return "consent: other"
    if K_RELATED.search(text):
        return "related-links line"
    if K_SOCIAL.search(text) and words <= 14:
        return "social/share/follow line"
    if K_NEWS.search(text):
        return "newsletter/subscription pitch"
    if K_DONATE.search(text):
        return "promo: donation/paywall/app/deal/event/job"
    if K_BOILER.search(text) or K_DATELINE.search(text):
        return "boilerplate: byline/date/copyright/nav"
    if label == "promo":
        return "promo: short label (<= 3 words)" if words <= 3 else "promo: ad/teaser/pitch sentence"
    if label == "boilerplate":
        if re.search(r"\(\d+\)\s*$", text):
            return "boilerplate: archive/category count line"
        if re.search(r"^\W*\d{1,2}:\d\d|\bmin\.?$|^\W*[\d,.]+\s*\w*$", text):
            return "boilerplate: time/number line"
        if words <= 3:
            return "boilerplate: nav/section label (<= 3 words)"
        return "boilerplate: other-story headline/teaser"
    return f"{label}: other"


CONTENT_TOPIC = R(
    r"\bpoll|survey|vote[sd]?\b|voting|cookie|privacy|newsletter|subscri|advertis|sponsor|umfrage|"
    r"sondage|encuesta|datenschutz|abonn|werbung|percent|%"
)


def content_kind(text: str) -> str:
    """The shape of a content paragraph the model flagged."""
    words = n_words(text)
    s = text.strip()
    if K_DATELINE.search(s) and words <= 12:
        return "dateline/byline-like line"
    if re.match(r"^\s*([*•\-–]|\d+[.)])\s", s):
        return "list item"
    if s.endswith("?") and words <= 25:
        return "short question (rhetorical / Q&A turn)"
    if CONTENT_TOPIC.search(s):
        return "about polls/cookies/newsletters/ads (hard negative)"
    if words <= 6:
        return "short line <= 6 words (headline/subheading/label)"
    if words <= 15:
        return "short sentence 7-15 words"
    if K_SOCIAL.search(s) or K_NEWS.search(s) or K_DONATE.search(s):
        return "prose with promo/social vocabulary"
    return "plain prose > 15 words"


# ------------------------------------------------------------------ running and scoring


def run(model: str | None, datasets: list[str], first: int | None) -> dict[str, Any]:
    cleaner_, recorder = make_cleaner(model)
    out: dict[str, Any] = {"model_version": cleaner_.model_version, "sets": {}}
    for name in datasets:
        records = load_records(dataset_path(name), None, first, 0)
        docs = []
        for i, rec in enumerate(records):
            doc_id = str(rec.get("id", i))
            text, gold = versions(rec)["blank"]
            d = clean_once(cleaner_, recorder, doc_id, text, gold)
            docs.append(
                {
                    "id": doc_id,
                    "gold": gold,
                    "texts": list(d.texts),
                    "labels": list(d.shipped),
                    "probs": [[round(float(p), 4) for p in row] for row in d.probs],
                }
            )
        out["sets"][name] = docs
        print(f"{name}: {len(docs)} documents cleaned", file=sys.stderr)
    return out


def paragraph_outcomes(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Per gold paragraph: predicted-label counts of its tokens and the blocks it landed in."""
    gold_tokens, gold_seg = [], []
    for s, (text, _) in enumerate(doc["gold"]):
        toks = tokens(text)
        gold_tokens += toks
        gold_seg += [s] * len(toks)
    pred_tokens, pred_label, pred_block = [], [], []
    for b, (text, label) in enumerate(zip(doc["texts"], doc["labels"], strict=True)):
        toks = tokens(text)
        pred_tokens += toks
        pred_label += [label] * len(toks)
        pred_block += [b] * len(toks)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    blocks: dict[int, Counter[int]] = defaultdict(Counter)
    block_gold: dict[int, Counter[str]] = defaultdict(Counter)
    for j, s in zip(align(gold_tokens, pred_tokens), gold_seg, strict=True):
        if j < 0:
            counts[s]["removed"] += 1
            continue
        counts[s][pred_label[j]] += 1
        blocks[s][pred_block[j]] += 1
        block_gold[pred_block[j]][doc["gold"][s][1]] += 1
    out = []
    for s, (text, label) in enumerate(doc["gold"]):
        c = counts.get(s, Counter())
        n = sum(c.values())
        if not n:
            continue
        glued = any(block_gold[b]["content"] >= 5 for b in blocks[s]) if label != "content" else False
        out.append(
            {"index": s, "text": text, "label": label, "n": n, "counts": c, "glued": glued, "blocks": sorted(blocks[s])}
        )
    return out


def analyse(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, docs in data["sets"].items():
        missed: dict[str, list[str]] = defaultdict(list)
        mistyped: dict[str, list[str]] = defaultdict(list)
        confusion: dict[str, list[str]] = defaultdict(list)
        lost: dict[str, list[str]] = defaultdict(list)
        lost_as: Counter[str] = Counter()
        by_lang: dict[str, Counter[str]] = defaultdict(Counter)
        by_len: dict[str, Counter[str]] = defaultdict(Counter)
        by_label: dict[str, Counter[str]] = defaultdict(Counter)
        glued: list[str] = []
        by_text: dict[str, list[bool]] = defaultdict(list)
        lost_tokens = 0
        content_tokens = 0
        lost_tok_kind: Counter[str] = Counter()
        for doc in docs:
            for p in paragraph_outcomes(doc):
                c, n, label, text = p["counts"], p["n"], p["label"], p["text"]
                ref = f"{doc['id']}#{p['index']}"
                if label == "content":
                    content_tokens += n
                    flagged = n - c["content"]
                    lost_tokens += flagged
                    if flagged / n >= 0.5:
                        k = content_kind(text)
                        lost[k].append(ref)
                        lost_tok_kind[k] += flagged
                        lost_as[max((x for x in c if x != "content"), key=c.__getitem__)] += 1
                    continue
                lang, length = language(text), length_bucket(text)
                kind = injected_kind(text, label)
                caught = (n - c["content"]) / n >= 0.5
                by_text[" ".join(text.split())].append(caught)
                right = c[label] / n >= 0.5
                outcome = "missed" if not caught else "right" if right else "mistyped"
                by_lang[lang][outcome] += 1
                by_len[length][outcome] += 1
                by_label[label][outcome] += 1
                if outcome == "missed":
                    missed[kind].append(ref)
                elif outcome == "mistyped":
                    got = max((x for x in c if x not in ("content", "removed")), key=c.__getitem__, default="removed")
                    mistyped[kind].append(ref)
                    confusion[f"{label} -> {got}"].append(ref)
                if p["glued"] and outcome != "right":
                    glued.append(ref)
        result[name] = {
            "missed": dict(missed),
            "mistyped": dict(mistyped),
            "confusion": dict(confusion),
            "lost": dict(lost),
            "lost_as": dict(lost_as),
            "lost_token_share": {k: v / max(1, content_tokens) for k, v in lost_tok_kind.items()},
            "kept": 1 - lost_tokens / max(1, content_tokens),
            "by_lang": {k: dict(v) for k, v in by_lang.items()},
            "by_len": {k: dict(v) for k, v in by_len.items()},
            "by_label": {k: dict(v) for k, v in by_label.items()},
            "glued": glued,
            **caught_rates(by_text),
        }
    return result


def caught_rates(by_text: dict[str, list[bool]]) -> dict[str, float]:
    """Caught over all injected segments and over distinct segment texts (each weighted once, by the share of its
    occurrences caught), with the two counts."""
    segments = sum(len(v) for v in by_text.values())
    return {
        "caught": sum(sum(v) for v in by_text.values()) / max(1, segments),
        "caught_distinct": sum(sum(v) / len(v) for v in by_text.values()) / max(1, len(by_text)),
        "distinct": len(by_text),
        "segments": segments,
    }


# ------------------------------------------------------------------ report


def _ids(refs: list[str]) -> str:
    return ", ".join(f"`{r.removeprefix('injected-')}`" for r in refs[:IDS_PER_KIND])


def _rate(before: dict[str, Any], after: dict[str, Any] | None, key: str) -> str:
    """A share as a percentage, "before -> after" when there is an after."""
    return f"{100 * before[key]:.1f}%" + (f" -> {100 * after[key]:.1f}%" if after else "")


def _table(
    title: str,
    groups: dict[str, dict[str, list[str]]],
    names: list[str],
    after: dict[str, dict[str, list[str]]] | None = None,
) -> list[str]:
    """Counts per kind and set; with ``after``, cells read "before → after" and the ids are the before ones."""
    kinds = sorted(
        {k for g in groups.values() for k in g} | {k for g in (after or {}).values() for k in g},
        key=lambda k: -sum(len(g.get(k, [])) for g in groups.values()),
    )
    head = " | ".join(f"`{n}`" + (" before → after" if after else "") for n in names)
    lines = [f"### {title}", "", f"| kind | {head} | example ids |", "|---|" + "---:|" * len(names) + "---|"]

    def cell(n: str, k: str | None) -> str:
        count = lambda g: sum(len(v) for v in g.values()) if k is None else len(g.get(k, []))  # noqa: E731
        return f"{count(groups[n])}" + (f" → {count(after[n])}" if after else "")

    for k in kinds:
        refs = [r for n in names for r in (groups[n].get(k) or (after or {}).get(n, {}).get(k, []))[:2]]
        lines.append(f"| {k} | " + " | ".join(cell(n, k) for n in names) + f" | {_ids(refs)} |")
    lines.append("| **total** | " + " | ".join(cell(n, None) for n in names) + " | |")
    return lines + [""]


def _outcome_table(
    title: str, key: str, res: dict[str, Any], names: list[str], after: dict[str, Any] | None = None
) -> list[str]:
    suffix = " (before → after)" if after else ""
    lines = [
        f"### {title}",
        "",
        "| | " + " | ".join(f"`{n}` right / mistyped / missed{suffix}" for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    rows = sorted(
        {k for n in names for k in res[n][key]}, key=lambda k: -sum(sum(res[n][key].get(k, {}).values()) for n in names)
    )

    def rmm(c: dict[str, int]) -> str:
        return f"{c.get('right', 0)} / {c.get('mistyped', 0)} / {c.get('missed', 0)}"

    for k in rows:
        cells = []
        for n in names:
            c = res[n][key].get(k, {})
            cells.append(rmm(c) + (f" → {rmm(after[n][key].get(k, {}))}" if after else ""))
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return lines + [""]


def render(data: dict[str, Any], res: dict[str, Any], command: str, after: tuple[dict, dict] | None = None) -> str:
    names = list(res)
    data_b, res_b = after if after else (None, None)
    pick = (lambda key: {n: res_b[n][key] for n in names}) if res_b else (lambda key: None)  # noqa: E731
    lines = [
        "# Plain text: the injected dev sets' misses by kind",
        "",
        f"Rerun: `{command}` (writes this file; under a minute per model, one core). Model `{data['model_version']}`"
        + (f" (before) and `{data_b['model_version']}` (after)" if data_b else "")
        + "; "
        "blank-line documents as the benchmark reads them. Ids are `<set>-<doc>#<paragraph index>` "
        "(the `injected-` prefix dropped); only ids and kinds here, never the dev text.",
        "",
        "An injected paragraph is *missed* when < 50% of its tokens were removed, *mistyped* when caught but"
        " < 50% of its tokens carry its own label; a content paragraph is *lost* when >= 50% of its tokens were"
        " flagged. Kinds come from regular expressions over the paragraph (`scripts/text_misses.py`,"
        " `injected_kind` / `content_kind`; first match wins), so they are a rough sort, not a second gold.",
        "",
        "## Caught over segments and over distinct segment texts",
        "",
        "The dev sets repeat some injected segments across many documents (one site's survey line, a reaction bar),"
        " so a few texts can move the caught rate by points. Caught per distinct text (each text weighted once, by"
        " the share of its occurrences caught) is the steadier figure for comparing models and data draws.",
        "",
        "| set | segments caught | distinct texts caught |",
        "|---|---|---|",
    ]
    for n in names:
        r, rb = res[n], res_b[n] if res_b else None
        lines.append(
            f"| `{n}` | {_rate(r, rb, 'caught')} of {r['segments']} | "
            f"{_rate(r, rb, 'caught_distinct')} of {r['distinct']} |"
        )
    lines += [
        "",
        "## Outcome per gold label, language and length",
        "",
    ]
    lines += _outcome_table("By gold label", "by_label", res, names, res_b)
    lines += _outcome_table("By language (stop-word guess)", "by_lang", res, names, res_b)
    lines += _outcome_table("By length", "by_len", res, names, res_b)
    lines += ["## Missed injected paragraphs", ""]
    lines += _table("Missed, by kind", {n: res[n]["missed"] for n in names}, names, pick("missed"))
    lines += ["## Caught but typed wrong", ""]
    lines += _table("Mistyped, gold -> predicted", {n: res[n]["confusion"] for n in names}, names, pick("confusion"))
    lines += _table("Mistyped, by kind", {n: res[n]["mistyped"] for n in names}, names, pick("mistyped"))
    lines += ["## Lost content paragraphs", ""]
    lines += _table("Lost, by kind", {n: res[n]["lost"] for n in names}, names, pick("lost"))
    lines += [
        "Flagged as: "
        + "; ".join(
            f"`{n}` " + ", ".join(f"{k} {v}" for k, v in sorted(res[n]["lost_as"].items(), key=lambda kv: -kv[1]))
            for n in names
        ),
        "",
        "Share of all content tokens lost, by kind (kept = 1 - sum, paragraph-aligned): "
        + "; ".join(
            f"`{n}` kept {100 * res[n]['kept']:.1f}%: "
            + ", ".join(
                f"{k} {100 * v:.2f}%" for k, v in sorted(res[n]["lost_token_share"].items(), key=lambda kv: -kv[1])
            )
            for n in names
        ),
        "",
    ]
    if res_b:
        lines += [
            "After: "
            + "; ".join(
                f"`{n}` kept {100 * res_b[n]['kept']:.1f}%: "
                + ", ".join(
                    f"{k} {100 * v:.2f}%"
                    for k, v in sorted(res_b[n]["lost_token_share"].items(), key=lambda kv: -kv[1])
                )
                for n in names
            ),
            "",
        ]
    lines += [
        "## Glued",
        "",
        "Missed or mistyped paragraphs whose predicted block also holds >= 5 tokens of a content paragraph: "
        + "; ".join(
            f"`{n}` {len(res[n]['glued'])}" + (f" ({_ids(res[n]['glued'])})" if res[n]["glued"] else "") for n in names
        )
        + ". The dev sets' paragraphs are separated by blank lines and every gold paragraph has one label, so the"
        " text splitter never merges an editorial paragraph with an injected one here.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    ap.add_argument("--datasets", nargs="+", default=list(DATASETS))
    ap.add_argument("--first", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="reuse/write the cleaned documents here (JSON)")
    ap.add_argument("--after", default=None, help="a second model folder: cells read 'before -> after'")
    ap.add_argument("--after-cache", type=Path, default=None, help="like --cache, for --after")
    ap.add_argument("--json", type=Path, default=None, help="write the analysis as JSON here")
    ap.add_argument("--no-docs", action="store_true", help="print the markdown instead of writing docs/")
    ap.add_argument("--list", default=None, help="print the text of every paragraph of this kind (local use only)")
    args = ap.parse_args()
    if args.cache and args.cache.exists():
        data = json.loads(args.cache.read_text())
    else:
        data = run(args.model, args.datasets, args.first)
        if args.cache:
            args.cache.write_text(json.dumps(data))
    res = analyse(data)
    after = None
    if args.after:
        if args.after_cache and args.after_cache.exists():
            data_b = json.loads(args.after_cache.read_text())
        else:
            data_b = run(args.after, args.datasets, args.first)
            if args.after_cache:
                args.after_cache.write_text(json.dumps(data_b))
        after = (data_b, analyse(data_b))
    if args.list:
        for name, docs in data["sets"].items():
            refs = {
                r
                for group in ("missed", "mistyped", "lost")
                for k, v in res[name][group].items()
                if k == args.list
                for r in v
            }
            for doc in docs:
                for s, (text, label) in enumerate(doc["gold"]):
                    if f"{doc['id']}#{s}" in refs:
                        print(f"{doc['id']}#{s}\t{label}\t{text[:200]}")
        return
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))
    command = "python scripts/text_misses.py" + (f" --model {args.model}" if args.model else "")
    command += f" --after {args.after}" if args.after else ""
    md = render(data, res, command, after)
    if args.no_docs:
        print(md)
    else:
        OUT.write_text(md + "\n", encoding="utf-8")
        print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
