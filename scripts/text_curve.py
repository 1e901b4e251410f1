#!/usr/bin/env python3
"""Plain text (issue 14's "Must show"): injected segments caught and content kept over the decision threshold.

    python scripts/text_curve.py                     # both injected dev sets, every document: docs/TEXT_CURVE.md + PNG
    python scripts/text_curve.py --first 40 --no-docs    # a quick look: the markdown on stdout only

Each document of ``injected-dev`` and ``injected-modern-dev`` (../shared/benchmarks) is cleaned once with the shipped
model (``kind="text"``, the ``cleaner.Cleaner`` path itself); the per-block probabilities the model returned are
recorded, so every threshold is a relabelling of the same blocks, not another model run. Two decision families:

* ``P(content) < t`` is junk (typed as the most likely non-content label), for every block;
* the shipped rule with its content floor moved to ``t``: arg-max, but a prose block is content when P(content) >= t,
  and at least ``TEXT_CALL_TO_ACTION_FLOOR`` when the model calls it poll or promo (or consent, with a consent-lexicon
  word), then consent by its words (``decide.lexical_consent``); ``cleaner.core.decide.choose_labels`` with
  ``CONTENT_MIN_PROBABILITY["text"]`` = t, so it passes the shipped point.

Every labelling is scored with the benchmark's own scorer (``cleaner.learning.evaluate.TypedScore``: token-aligned,
a segment is caught when >= 50% of its tokens are not kept as content; content kept = content-token retention) and
the C4-style line rules (``scripts/bench/systems.py``'s ``c4_lines``) are scored beside them. The FineWeb-style check
builds, in memory, the same documents with paragraphs joined by one ``\\n`` and scores them the same way. Writes
``docs/TEXT_CURVE.md`` and ``docs/text_threshold_curve.png`` unless ``--no-docs``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # single-threaded: the machine is shared

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench package beside this file

import numpy as np  # noqa: E402
from bench.datasets import BENCH_DIR, REPO, dataset_path, document, load_records, record_kind, typed_gold  # noqa: E402
from bench.systems import as_typed, c4_keep  # noqa: E402

from cleaner.core.types import LABELS  # noqa: E402
from cleaner.learning.evaluate import TypedScore, segments_caught  # noqa: E402

DATASETS = ("injected-dev", "injected-modern-dev")
DOCS = REPO / "docs"
EXAMPLE = REPO.parent / "shared" / "examples" / "injected-poll-article.txt"
GRID = tuple(round(float(t), 3) for t in np.linspace(0.0, 1.0, 41))  # the curve
TABLE = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)  # the table's P(content) < t rows
FLOOR_TABLE = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0)  # its floor rows (1.0: arg-max alone)
TARGET_CAUGHT, TARGET_KEPT, FINEWEB_POINTS = 0.95, 0.995, 2.0  # issue 14's targets
CONTENT = LABELS.index("content")
TYPED = ("poll", "consent", "promo", "boilerplate")

Rule = Callable[["DocProbs", float], tuple[str, ...]]


# ------------------------------------------------------------------ documents and their probabilities


@dataclass(frozen=True)
class DocProbs:
    """One cleaned document: its gold, its blocks' text, probabilities (``LABELS`` order) and shipped labels."""

    id: str
    gold: list[tuple[str, str]]
    texts: tuple[str, ...]
    probs: np.ndarray  # (n_blocks, len(LABELS))
    prose: np.ndarray  # bool per block: long enough for the content floor (decide.CONTENT_MIN_WORDS)
    shipped: tuple[str, ...]
    consent_words: np.ndarray | None = None  # per block, the consent lexicon's hits (decide.TEXT_CONSENT_MIN_WORDS)


class ProbabilityRecorder:
    """Wraps a fitted estimator: answers as it does and keeps the last ``predict_proba`` input and output."""

    def __init__(self, estimator: Any) -> None:
        self.estimator = estimator
        self.last_x: Any = None
        self.last_proba: np.ndarray | None = None

    def predict_proba(self, x: Any) -> np.ndarray:
        self.last_x, self.last_proba = x, self.estimator.predict_proba(x)
        return self.last_proba

    def __getattr__(self, name: str) -> Any:  # classes_, predict, ...
        return getattr(self.estimator, name)


def make_cleaner(model: str | None) -> tuple[Any, ProbabilityRecorder]:
    """A ``cleaner.Cleaner`` on the (shipped) model whose estimator records each document's probabilities."""
    import cleaner

    loaded = cleaner.Cleaner(model).loaded
    recorder = ProbabilityRecorder(loaded.estimator)
    config = cleaner.CleanerConfig(kind="text", cues=False)
    return cleaner.Cleaner.from_fitted(replace(loaded, estimator=recorder), config=config), recorder


def dense_counts(x: Any, column: str) -> np.ndarray:
    """Per block, a log1p count column of the model input's dense part, as a count."""
    from cleaner.core.features import DENSE_COLUMNS, DENSE_INDEX

    values = x[:, DENSE_COLUMNS][:, DENSE_INDEX[column]]
    return np.expm1(np.asarray(values.todense() if hasattr(values, "todense") else values, dtype=np.float64).ravel())


def prose_mask(x: Any) -> np.ndarray:
    """The blocks ``choose_labels`` lets the content floor keep, read from the model input's dense columns."""
    from cleaner.core.decide import CONTENT_MIN_WORDS

    return dense_counts(x, "log_words") >= CONTENT_MIN_WORDS - 0.5


def clean_once(
    cleaner_: Any, recorder: ProbabilityRecorder, doc_id: str, doc: str, gold: list[tuple[str, str]]
) -> DocProbs:
    """Clean ``doc`` once; keep what every threshold needs."""
    from cleaner.core.decide import in_label_order

    result = cleaner_.clean(doc, kind="text")
    segs = result.segments
    if segs:
        assert recorder.last_proba is not None
        probs = in_label_order(recorder.last_proba, recorder.estimator.classes_)
        prose = prose_mask(recorder.last_x)
        consent_words = dense_counts(recorder.last_x, "consent_words")
    else:
        probs, prose, consent_words = np.zeros((0, len(LABELS))), np.zeros(0, dtype=bool), np.zeros(0)
    recorder.last_x = recorder.last_proba = None
    if len(probs) != len(segs):
        raise SystemExit(f"{doc_id}: {len(segs)} segments but {len(probs)} probability rows")
    shipped = tuple(s.label.value for s in segs)
    return DocProbs(doc_id, gold, tuple(s.text for s in segs), probs, prose, shipped, consent_words)


# ------------------------------------------------------------------ decisions and the sweep


def threshold_labels(doc: DocProbs, t: float) -> tuple[str, ...]:
    """Junk when P(content) < ``t``, typed as the most likely non-content label; content otherwise."""
    if not len(doc.probs):
        return ()
    junk = LABELS.index("content") + 1 + doc.probs[:, CONTENT + 1 :].argmax(axis=1)
    return tuple(LABELS[k] for k in np.where(doc.probs[:, CONTENT] >= t, CONTENT, junk))


def floor_labels(doc: DocProbs, t: float) -> tuple[str, ...]:
    """The shipped rule with the content floor at ``t``: arg-max, a prose block content when P(content) >= t (and
    at least ``decide.TEXT_CALL_TO_ACTION_FLOOR`` when its arg-max is poll or promo, or consent with a consent word),
    then consent by its words (``decide.lexical_consent``)."""
    from cleaner.core.decide import content_floor, lexical_consent

    if not len(doc.probs):
        return ()
    best = doc.probs.argmax(axis=1)
    is_text = np.ones(len(best), dtype=bool)
    floor = content_floor(best, is_text, text_floor=t, consent_words=doc.consent_words)
    labels = np.where(doc.prose & (doc.probs[:, CONTENT] >= floor), CONTENT, best)
    labels = np.where(lexical_consent(doc.probs, is_text, doc.consent_words), LABELS.index("consent"), labels)
    return tuple(LABELS[k] for k in labels)


def score(docs: Sequence[DocProbs], labelled: Sequence[Sequence[str]]) -> dict[str, Any]:
    """``TypedScore.report()`` over ``docs`` with each block labelled as ``labelled`` says."""
    total = TypedScore()
    for doc, labels in zip(docs, labelled, strict=True):
        total.add(doc.gold, list(zip(doc.texts, labels, strict=True)))
    return total.report()


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """Caught, kept, typed right and the per-label F1 of one ``TypedScore.report()``."""
    segments = sum(report["segments"].values())
    return {
        "caught": segments_caught(report) or 0.0,
        "kept": report["content_retention"],
        "typed": sum(report["typed_caught"].values()) / segments if segments else 0.0,
        "f1": {label: report["labels"][label]["f1"] for label in LABELS},
    }


def sweep(docs: Sequence[DocProbs], thresholds: Sequence[float], rule: Rule = threshold_labels) -> list[dict[str, Any]]:
    """``summary`` of ``rule`` at every threshold. Each document is scored once per distinct labelling (a threshold
    only flips the blocks it passes) and the per-document scores are combined as the benchmark does."""
    cache: list[dict[tuple[str, ...], TypedScore]] = [{} for _ in docs]
    rows = []
    for t in thresholds:
        per_doc = []
        for doc, seen in zip(docs, cache, strict=True):
            labels = rule(doc, t)
            if labels not in seen:
                seen[labels] = TypedScore()
                seen[labels].add(doc.gold, list(zip(doc.texts, labels, strict=True)))
            per_doc.append(seen[labels])
        rows.append({"t": t, **summary(TypedScore.combined(per_doc).report())})
    return rows


# ------------------------------------------------------------------ the data


def join_paragraphs(paragraphs: Sequence[str], sep: str) -> tuple[str, list[tuple[int, int]]]:
    """The paragraphs joined by ``sep`` and each paragraph's (start, end) in the joined text."""
    spans, pos = [], 0
    for text in paragraphs:
        spans.append((pos, pos + len(text)))
        pos += len(text) + len(sep)
    return sep.join(paragraphs), spans


def versions(rec: dict[str, Any]) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """The blank-line document as the benchmark reads it and its FineWeb-style twin (one ``\\n`` between
    paragraphs), each with its gold. The scorer aligns gold text by tokens, so the gold segments are the same;
    their spans in the twin are checked to hold exactly the paragraphs' text."""
    kind = record_kind(rec)
    doc, _ = document(rec, kind)
    gold = typed_gold(rec, kind)
    paragraphs = [text for text, _ in gold]
    blank, _ = join_paragraphs(paragraphs, "\n\n")
    if doc != blank:
        raise SystemExit(f"{rec.get('id')}: text is not its paragraphs joined by blank lines; cannot rebuild it")
    single, spans = join_paragraphs(paragraphs, "\n")
    if any(single[a:b] != text for (a, b), text in zip(spans, paragraphs, strict=True)):
        raise SystemExit(f"{rec.get('id')}: a paragraph's span in the single-newline text does not hold it")
    return {"blank": (doc, gold), "single": (single, gold)}


def c4_summary(docs: Sequence[tuple[str, list[tuple[str, str]]]]) -> dict[str, Any]:
    """The benchmark's ``c4_lines`` system (kept lines, all content) scored on ``(document, gold)`` pairs."""
    total = TypedScore()
    for doc, gold in docs:
        total.add(gold, as_typed("\n".join(line for line in doc.splitlines() if c4_keep(line))))
    return summary(total.report())


def worked_example(cleaner_: Any) -> dict[str, Any]:
    """Flagged labels of the worked example: exactly one poll and one consent segment expected."""
    if not EXAMPLE.exists():
        return {"found": False}
    flagged = [s.label.value for s in cleaner_.clean(EXAMPLE.read_text(encoding="utf-8"), kind="text").flagged]
    counts = {label: flagged.count(label) for label in TYPED}
    ok = counts["poll"] == 1 and counts["consent"] == 1 and len(flagged) == 2
    return {"found": True, "flagged": flagged, "counts": counts, "ok": ok}


# ------------------------------------------------------------------ the run


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Clean every document once per version; score the sweeps, the shipped decision and C4."""
    from cleaner.core.decide import (
        CONTENT_MIN_PROBABILITY,
        TEXT_CALL_TO_ACTION_FLOOR,
        TEXT_CONSENT_LEXICAL_PROBABILITY,
        TEXT_CONSENT_LEXICAL_WORDS,
    )

    floor = CONTENT_MIN_PROBABILITY["text"]
    grid = sorted({*GRID, *TABLE, *FLOOR_TABLE, floor})
    cleaner_, recorder = make_cleaner(args.model)
    out: dict[str, Any] = {
        "floor": floor,
        "cta_floor": TEXT_CALL_TO_ACTION_FLOOR,
        "lexical_consent": [TEXT_CONSENT_LEXICAL_WORDS, TEXT_CONSENT_LEXICAL_PROBABILITY],
        "model_version": cleaner_.model_version,
        "sets": {},
    }
    for name in args.datasets:
        path = dataset_path(name)
        records = load_records(path, None, args.first, 0)
        print(f"{name}: {len(records)} documents", file=sys.stderr)
        pairs = [versions(rec) for rec in records]
        ids = [str(rec.get("id", i)) for i, rec in enumerate(records)]
        entry: dict[str, Any] = {"documents": len(records)}
        for version in ("blank", "single"):
            docs = [clean_once(cleaner_, recorder, i, *p[version]) for i, p in zip(ids, pairs, strict=True)]
            drift = sum(floor_labels(d, floor) != d.shipped for d in docs)
            entry[version] = {
                "shipped": summary(score(docs, [d.shipped for d in docs])),
                "threshold": sweep(docs, grid, threshold_labels),
                "floor": sweep(docs, grid, floor_labels),
                "floor_rule_differs": drift,  # documents where the re-derived rule misses choose_labels' fallback
                "c4": c4_summary([p[version] for p in pairs]),
            }
            print(f"  {version}: done", file=sys.stderr)
        out["sets"][name] = entry
    out["example"] = worked_example(cleaner_)
    return out


# ------------------------------------------------------------------ the report


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _row_at(rows: list[dict[str, Any]], t: float) -> dict[str, Any]:
    return next(r for r in rows if abs(r["t"] - t) < 1e-9)


def best_at_target(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The row with the most caught among those keeping >= TARGET_KEPT of the content."""
    ok = [r for r in rows if r["kept"] >= TARGET_KEPT and r["caught"] > 0]
    return max(ok, key=lambda r: (r["caught"], r["kept"])) if ok else None


def render(m: dict[str, Any], command: str) -> str:
    """docs/TEXT_CURVE.md."""
    names = list(m["sets"])
    floor, cta = m["floor"], m.get("cta_floor", m["floor"])
    lexical_words, lexical_p = m.get("lexical_consent", ["-", "-"])
    lines = [
        "# Plain text: caught / kept over the decision threshold",
        "",
        f"Rerun: `{command}` (writes this file and `docs/text_threshold_curve.png`; about 2–3 minutes, one core).",
        "",
        f"Model `{m['model_version']}`; documents per set: "
        + ", ".join(f"`{n}` {m['sets'][n]['documents']}" for n in names)
        + ". Scored with the benchmark's `TypedScore` (token-aligned; *caught* = share of injected segments with"
        " >= 50% of their tokens not kept as content; *kept* = share of gold content tokens kept as content; *typed* ="
        " share of injected segments with >= 50% of their tokens under their own label). Each document is cleaned"
        " once; every threshold relabels the same per-block probabilities. The shipped and C4 rows are the figures"
        " `scripts/benchmark.py` reports for `cleaner` and `c4_lines` on the same documents.",
        "",
        f"*P(content) < t*: a block is junk when P(content) < t (typed by its most likely non-content label). "
        f"*Floor t*: the shipped rule (arg-max; a block of >= 6 words is content when P(content) >= t, and at least"
        f" {cta} when the model calls it poll or promo, or consent with a consent-lexicon word; then a block with"
        f" {lexical_words} consent-lexicon words is consent at P(consent) >= {lexical_p}) with its content floor moved;"
        f" the shipped floor is {floor}.",
        "",
        "![caught against kept](text_threshold_curve.png)",
        "",
        "## Caught / kept / typed by threshold (blank-line documents)",
        "",
        "| decision | " + " | ".join(f"`{n}` caught / kept / typed" for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]

    blanks = [m["sets"][n]["blank"] for n in names]

    def cells(rows: list[dict[str, Any]], typed: bool = True) -> str:
        return " | ".join(
            f"{_pct(r['caught'])} / {_pct(r['kept'])} / {_pct(r['typed']) if typed else '—'}" for r in rows
        )

    lines.append(
        f"| **shipped** (arg-max, floor {floor}, {cta} for poll/promo and worded consent) | "
        + cells([v["shipped"] for v in blanks])
        + " |"
    )
    lines.append("| C4-style line rules | " + cells([v["c4"] for v in blanks], typed=False) + " |")
    for family, label, table in (("threshold", "P(content) < {}", TABLE), ("floor", "floor {}", FLOOR_TABLE)):
        for t in table:
            lines.append(f"| {label.format(t)} | " + cells([_row_at(v[family], t) for v in blanks]) + " |")
    lines += ["", f"Most caught with kept >= {_pct(TARGET_KEPT)} (target: caught >= {_pct(TARGET_CAUGHT)}):", ""]
    for n in names:
        for family in ("threshold", "floor"):
            best = best_at_target(m["sets"][n]["blank"][family])
            label = "P(content) < t" if family == "threshold" else "floor t"
            lines.append(
                f"- `{n}`, {label}: "
                + (
                    f"t = {best['t']}: caught {_pct(best['caught'])}, kept {_pct(best['kept'])}"
                    if best
                    else "no threshold that flags anything keeps that much"
                )
            )
    lines += [
        "",
        "## Typed F1 per label at the shipped decision",
        "",
        "| set | version | " + " | ".join(LABELS) + " | typed right |",
        "|---|---|" + "---|" * (len(LABELS) + 1),
    ]
    for n in names:
        for version, what in (("blank", "blank lines"), ("single", "single `\\n`")):
            s = m["sets"][n][version]["shipped"]
            f1 = " | ".join(f"{s['f1'][label]:.2f}" for label in LABELS)
            lines.append(f"| `{n}` | {what} | {f1} | {_pct(s['typed'])} |")
    lines += [
        "",
        "## FineWeb-style check: paragraphs joined by one `\\n`",
        "",
        "The same documents rebuilt in memory with a single newline between paragraphs (gold segments unchanged:"
        " the scorer aligns their tokens; each paragraph's span in the rebuilt text is checked to hold it exactly)."
        f" Target: within {FINEWEB_POINTS:g} points of the blank-line version. Shipped decision:",
        "",
        "| set | metric | blank lines | single `\\n` | difference (points) | within target |",
        "|---|---|---|---|---|---|",
    ]
    for n in names:
        blank, single = m["sets"][n]["blank"]["shipped"], m["sets"][n]["single"]["shipped"]
        metrics = [("caught", blank["caught"], single["caught"]), ("kept", blank["kept"], single["kept"])]
        metrics.append(("typed right", blank["typed"], single["typed"]))
        metrics += [(f"F1 {label}", blank["f1"][label], single["f1"][label]) for label in TYPED]
        for metric, a, b in metrics:
            d = 100 * (b - a)
            ok = "yes" if abs(d) <= FINEWEB_POINTS else "**no**"
            lines.append(f"| `{n}` | {metric} | {_pct(a)} | {_pct(b)} | {d:+.1f} | {ok} |")
    lines += ["", "C4-style line rules on the single-newline version (caught / kept): "]
    lines[-1] += "; ".join(
        f"`{n}` {_pct(m['sets'][n]['single']['c4']['caught'])} / {_pct(m['sets'][n]['single']['c4']['kept'])}"
        for n in names
    )
    ex = m["example"]
    lines += ["", "## Worked example", ""]
    if not ex["found"]:
        lines.append(f"`{EXAMPLE}` not found.")
    else:
        verdict = "yes" if ex["ok"] else "**no**"
        lines.append(
            f"`../shared/examples/injected-poll-article.txt`: flagged {ex['flagged']} — exactly one `poll` and one"
            f" `consent`: {verdict}."
        )
    drift = {f"{n} ({v})": m["sets"][n][v]["floor_rule_differs"] for n in names for v in ("blank", "single")}
    lines += [
        "",
        f"Check: the floor family at t = {floor} re-derives the shipped labels; documents where it does not"
        f" (choose_labels' no-content fallback, which the sweep leaves out): {drift}.",
        "",
    ]
    return "\n".join(lines)


def plot(m: dict[str, Any], path: Path) -> bool:
    """Caught against kept per set: both threshold families, the shipped decision and C4. False without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(7.6, 5.4))
    colors = ("tab:blue", "tab:orange", "tab:green", "tab:purple")
    lows = []
    for color, (name, entry) in zip(colors, m["sets"].items(), strict=False):
        v = entry["blank"]
        for family, style, label in (("threshold", "-", "P(content) < t"), ("floor", "--", "floor t")):
            rows = v[family]
            ax.plot([r["kept"] for r in rows], [r["caught"] for r in rows], style, color=color, lw=1.4,
                    label=f"{name}: {label}")  # fmt: skip
        for t in TABLE[::2]:
            r = _row_at(v["threshold"], t)
            ax.annotate(f"{t:g}", (r["kept"], r["caught"]), textcoords="offset points", xytext=(3, -9), fontsize=7,
                        color=color)  # fmt: skip
        s, c4 = v["shipped"], v["c4"]
        ax.scatter([s["kept"]], [s["caught"]], marker="*", s=180, color=color, edgecolor="black", zorder=4,
                   label=f"{name}: shipped (floor {m['floor']})")  # fmt: skip
        ax.scatter([c4["kept"]], [c4["caught"]], marker="X", s=90, color=color, edgecolor="black", zorder=4,
                   label=f"{name}: C4 line rules")  # fmt: skip
        lows.append(c4["kept"])
    ax.fill_between([TARGET_KEPT, 1.002], TARGET_CAUGHT, 1.0, color="tab:green", alpha=0.15, label="issue 14 target")
    ax.axhline(TARGET_CAUGHT, color="grey", lw=0.8, ls=":")
    ax.axvline(TARGET_KEPT, color="grey", lw=0.8, ls=":")
    ax.set_xlim(max(0.0, min(lows) - 0.03), 1.002)
    ax.set_ylim(0, 1.0)
    ax.set(
        xlabel="content kept (share of gold content tokens)",
        ylabel="injected segments caught",
        title="Plain text: caught vs kept over the decision threshold (blank-line docs)",
    )
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--datasets", nargs="+", default=list(DATASETS), help=f"names in {BENCH_DIR} or paths")
    ap.add_argument("--first", type=int, default=None, help="only the first N documents of each set")
    ap.add_argument("--model", default=None, help="model path (default: the shipped model)")
    ap.add_argument("--no-docs", action="store_true", help="print the markdown; write no files")
    args = ap.parse_args(argv)
    command = " ".join(["python", "scripts/text_curve.py", *(argv if argv is not None else sys.argv[1:])])
    try:
        from threadpoolctl import threadpool_limits

        limit: contextlib.AbstractContextManager = threadpool_limits(1)
    except ImportError:
        limit = contextlib.nullcontext()
    with limit:
        m = measure(args)
    text = render(m, command)
    print(text)
    if not args.no_docs:
        DOCS.mkdir(exist_ok=True)
        (DOCS / "TEXT_CURVE.md").write_text(text, encoding="utf-8")
        if not plot(m, DOCS / "text_threshold_curve.png"):
            print("matplotlib is not installed (pip install '.[bench]'): no plot", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
