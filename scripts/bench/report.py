"""The benchmark's report: docs/BENCHMARKS.md (markdown tables) and PNG plots."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.systems import REFERENCE_PEER
from cleaner.core.types import LABELS

NONCONTENT = LABELS[1:]
SWEEP_SYSTEMS = ("cleaner", "trafilatura", "lxml")


def _f(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _ms(x: float | None) -> str:
    return "–" if x is None else (f"{x:.1f}" if x >= 10 else f"{x:.2f}")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None) -> list[str]:
    align = align or "l" + "r" * (len(header) - 1)
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " if a == "l" else " ---: " for a in align) + "|"]
    return out + ["| " + " | ".join(row) + " |" for row in rows]


def speed_table(ds: dict[str, Any]) -> list[str]:
    rows = []
    for n, s in ds["speed"].items():
        rows.append(
            [
                n,
                _ms(s["median_ms"]),
                _ms(s["p95_ms"]),
                _f(s["pages_per_s"], 1),
                _f(s["ratio_to_lxml"], 2),
                _f(s["ratio_to_trafilatura"], 2),
                str(ds["failures"][n]["count"]),
            ]
        )
    lines = _table(["system", "median ms", "p95 ms", "pages/s", "× lxml", "× trafilatura", "failures"], rows)
    for n, st in ds.get("stages", {}).items():
        lines += [
            "",
            f"`{n}`: cleaner's pipeline stage by stage (median ms per page; share of the summed time; parse is timed "
            "on a call of its own, segment is the rest of `document_blocks`; cues are off in the `cleaner` row):",
            "",
        ]
        lines += _table(
            ["stage", "median ms", "mean ms", "share"],
            [[k, _ms(st["median_ms"][k]), _ms(st["mean_ms"][k]), f"{st['share'][k]:.0%}"] for k in st["median_ms"]],
        )
        if st.get("text_differs_from_cleaner"):
            lines += ["", f"(its text differs from `cleaner`'s on {st['text_differs_from_cleaner']} pages)"]
    return lines


def _diff(d: dict[str, Any] | None) -> str:
    """A paired difference as "+0.012 [-0.004, +0.030]" (point difference, 95% bootstrap interval)."""
    if d is None:
        return ""
    return f"{d['cleaner_minus_system_f1']:+.3f} [{d['ci95'][0]:+.3f}, {d['ci95'][1]:+.3f}]"


def main_tables(ds: dict[str, Any]) -> list[str]:
    rows = []
    low = ds.get("low_f1_pages", {})
    for n, a in ds["accuracy"].items():
        rows.append(
            [
                n,
                _f(a["precision"]),
                _f(a["recall"]),
                f"{a['f1']:.3f} ± {a['f1_sd']:.3f}",
                _f(a["median_page_f1"]),
                _f(a["accuracy"]),
                str(low.get(n, "")),
                _diff(ds["paired_vs_cleaner"].get(n)),
            ]
        )
    lines = _table(
        [
            "system",
            "precision",
            "recall",
            "F1 ± sd",
            "median page F1",
            "exact",
            "pages F1 < 0.5",
            "cleaner − system F1 [95%]",
        ],
        rows,
    )
    if "word_f1" in ds:
        lines += ["", *wcxb_tables(ds)]
    lines += ["", *speed_table(ds)]
    if ds.get("worst_cleaner_pages"):
        wcxb = "page_type" in ds["worst_cleaner_pages"][0]
        lines += ["", "cleaner's lowest-F1 pages:", ""]
        lines += _table(
            ["page", *(["type", "word F1"] if wcxb else []), "cleaner F1", f"{REFERENCE_PEER} F1"],
            [
                [
                    w["id"],
                    *([w["page_type"], _f(w.get("word_f1"))] if wcxb else []),
                    _f(w["f1"]),
                    _f(w["trafilatura_f1"]),
                ]
                for w in ds["worst_cleaner_pages"]
            ],
            "llrrr" if wcxb else "lrr",
        )
    if ds.get("largest_gaps"):
        lines += ["", "Pages where cleaner falls furthest below the best peer:", ""]
        lines += _table(
            ["page", "cleaner P", "cleaner R", "cleaner F1", "best peer", "peer F1"],
            [
                [
                    g["id"],
                    _f(g["cleaner_precision"]),
                    _f(g["cleaner_recall"]),
                    _f(g["cleaner_f1"]),
                    g["best_peer"],
                    _f(g["best_peer_f1"]),
                ]
                for g in ds["largest_gaps"]
            ],
            "lrrrlr",
        )
    return lines


def wcxb_tables(ds: dict[str, Any]) -> list[str]:
    """WCXB's own metric (mean per-page word F1) beside the shingle F1, overall and per page type."""
    w = ds["word_f1"]
    low = ds.get("low_word_f1_pages", {})
    lines = ["WCXB word F1 (lowercase `\\w+` tokens as a multiset, per page, mean over pages):", ""]
    lines += _table(
        ["system", "word P", "word R", "word F1 ± sd", "pages word F1 < 0.5", "shingle F1"],
        [
            [
                n,
                _f(a["precision"]),
                _f(a["recall"]),
                f"{a['f1']:.3f} ± {a['f1_sd']:.3f}",
                str(low.get(n, "")),
                _f(ds["accuracy"][n]["f1"]),
            ]
            for n, a in w["overall"].items()
        ],
    )
    if "cleaner_minus_trafilatura" in w:
        lines += ["", f"cleaner − {REFERENCE_PEER} word F1: {_diff(w['cleaner_minus_trafilatura'])}"]
    names = list(w["overall"])
    lines += ["", "Per page type, word F1 / shingle F1:", ""]
    rows = []
    for t, e in w["by_type"].items():
        paired = e.get("cleaner_minus_trafilatura", {})
        rows.append(
            [
                t,
                str(e["pages"]),
                *(f"{_f(e['systems'][n]['word_f1'])} / {_f(e['systems'][n]['f1'])}" for n in names),
                _diff(paired.get("word_f1")),
                _diff(paired.get("f1")),
            ]
        )
    lines += _table(
        [
            "page type",
            "pages",
            *names,
            f"cleaner − {REFERENCE_PEER} word F1 [95%]",
            f"cleaner − {REFERENCE_PEER} shingle F1 [95%]",
        ],
        rows,
    )
    return lines


def typed_tables(ds: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    report = ds["typed"].get("cleaner")
    if report:
        rows = []
        for label in LABELS:
            r = report["labels"][label]
            caught = (
                ""
                if label == "content"
                else f"{report['caught'].get(label, 0)} / {report['typed_caught'].get(label, 0)} / "
                f"{report['segments'].get(label, 0)}"
            )
            rows.append(
                [
                    label,
                    _f(r["precision"]),
                    _f(r["recall"]),
                    _f(r["f1"]),
                    str(r["support"]),
                    _f(r["removal_rate"]),
                    caught,
                ]
            )
        lines += ["cleaner, per gold label (token-aligned, as `shared/tools/typed/score.py`):", ""]
        lines += _table(
            ["label", "precision", "recall", "F1", "gold tokens", "removed", "caught / typed / segments"], rows
        )
        lines += [
            "",
            f"macro-F1 (poll, consent, promo, boilerplate): {_f(report['macro_f1_noncontent'])}; "
            f"content retention: {_f(report['content_retention'])}",
            "",
        ]
    rows = []
    for n, r in ds["typed"].items():
        segments = sum(r["segments"].values())
        rows.append(
            [n, _f(r["content_retention"])]
            + [_f(r["labels"][k]["removal_rate"]) for k in NONCONTENT]
            + [f"{sum(r['caught'].values())} / {segments}"]
        )
    lines += ["Share of each gold label's tokens removed (not kept as content); every system as a binary filter:", ""]
    lines += _table(["system", "content kept", *(f"{k} removed" for k in NONCONTENT), "segments caught"], rows)
    return lines + ["", *speed_table(ds)]


def scaling_section(markdown: str) -> str:
    """The part of BENCHMARKS.md that ``scripts/scaling_benchmark.py`` writes: kept when this script rewrites it."""
    start, end = "<!-- scaling:start -->", "<!-- scaling:end -->"
    if start not in markdown or end not in markdown:
        return ""
    return start + markdown.split(start, 1)[1].split(end, 1)[0] + end + "\n"


def render_markdown(result: dict[str, Any], plots: dict[str, str]) -> str:
    meta = result["meta"]
    versions = ", ".join(f"{k} {v}" for k, v in meta["versions"].items() if v)
    lines = [
        "# Benchmarks",
        "",
        "Generated by `scripts/benchmark.py`; do not edit by hand.",
        "",
        f"- date: {meta['date']}",
        f"- command: `{meta['command']}`",
        f"- machine: {meta['machine']}, {meta['cpu_count']} cores (run single-threaded, one process)",
        f"- Python {meta['python']}; {versions}",
        f"- cleaner model: {meta['model_version']}",
        f"- peak RSS of the whole run (all systems and the loaded dataset): {meta['peak_rss_mb']:.0f} MB; "
        f"wall time {meta['seconds']:.0f} s",
        f"- pages: {meta['selection']}; bootstrap: {meta['bootstrap']} resamples, the same pages for every system",
    ]
    skipped = {n: s for n, s in result["systems"].items() if s["status"] != "ok"}
    if skipped:
        lines.append("- skipped: " + "; ".join(f"{n} ({s['reason']})" for n, s in skipped.items()))
    lines += [
        "",
        "Main-content scores are the 4-gram shingle precision/recall of `../shared/benchmarks/README.md` "
        "(mean over pages; F1 of the means; ± is the bootstrap standard deviation; the last column is the paired "
        "bootstrap difference cleaner − system on the full sample with its 95% percentile interval, positive when "
        "cleaner is ahead; \"pages F1 < 0.5\" counts a system's failed pages). On `wcxb-dev` WCXB's own metric, the "
        "mean per-page word F1, stands beside it, per page type too. `lxml` is the speed floor (parsing only) and is "
        'not scored; `html_text` keeps everything. Times are per page, in this process; "× lxml" and "× trafilatura" '
        "are ratios of median times (below 1 is faster).",
        "",
    ]
    if result["targets"]:
        lines += ["## Targets", ""]
        lines += _table(
            ["dataset", "target", "value", "met"],
            [[t["dataset"], t["target"], _f(t["value"]), "yes" if t["met"] else "**no**"] for t in result["targets"]],
            "llrl",
        )
        lines.append("")
    for name, ds in result["datasets"].items():
        lines += [f"## {name} ({ds['records']} {'documents' if ds['kind'] == 'injected' else 'pages'})", ""]
        lines += main_tables(ds) if ds["kind"] == "main" else typed_tables(ds)
        if name in plots:
            lines += ["", f"![F1 against ms/page on {name}]({plots[name]})"]
        lines.append("")
    sweep = result["size_sweep"]
    if sweep["median_ms"]:
        shown = [s for s in SWEEP_SYSTEMS if s in sweep["median_ms"]]
        lines += [
            "## Time against page size",
            "",
            "Median ms per page by UTF-8 HTML size, pooled over the HTML datasets above.",
            "",
        ]
        lines += _table(
            ["HTML size", "pages", *(f"{s} ms" for s in shown)],
            [
                [b, str(sweep["pages"][i]), *(_ms(sweep["median_ms"][s][i]) for s in shown)]
                for i, b in enumerate(sweep["buckets"])
            ],
        )
        if "size" in plots:
            lines += ["", f"![time against page size]({plots['size']})"]
        lines.append("")
    return "\n".join(lines)


def make_plots(result: dict[str, Any], docs: Path) -> dict[str, str]:
    """PNG plots under ``docs``; {} when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, NullFormatter
    except ImportError:
        return {}
    plots: dict[str, str] = {}
    for name, ds in result["datasets"].items():
        if ds["kind"] != "main" or not ds["accuracy"]:
            continue
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        for n, a in ds["accuracy"].items():
            x = ds["speed"][n]["median_ms"]
            ax.scatter([x], [a["f1"]], color="tab:red" if n == "cleaner" else "tab:blue", zorder=3)
            ax.annotate(n, (x, a["f1"]), textcoords="offset points", xytext=(4, 4), fontsize=8)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set(xlabel="median ms/page (log)", ylabel="F1 (4-gram shingles)", title=f"{name}: F1 against time")
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(docs / f"bench_{name}.png", dpi=110)
        plt.close(fig)
        plots[name] = f"bench_{name}.png"
    pairs: dict[str, tuple[list[float], list[float]]] = {}
    for ds in result["datasets"].values():
        if ds["input"] == "html":
            for n in SWEEP_SYSTEMS:
                if n in ds["pages"]["ms"]:
                    pairs.setdefault(n, ([], []))[0].extend(ds["pages"]["kb"])
                    pairs[n][1].extend(ds["pages"]["ms"][n])
    if pairs:
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        for n, (kb, ms) in pairs.items():
            ax.scatter(kb, ms, s=6, alpha=0.4, label=n)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set(xlabel="HTML size (KB, log)", ylabel="ms/page (log)", title="time against page size")
        ax.legend()
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(docs / "bench_size.png", dpi=110)
        plt.close(fig)
        plots["size"] = "bench_size.png"
    return plots
