"""The systems compared: cleaner, the peers people use today, baselines, and ``cleaner_stages`` (cleaner's
pipeline stage by stage, timed; speed only).

An adapter takes a document (HTML or plain text) and its kind and returns the kept text (binary extractors)
or a ``cleaner.Result`` (typed segments and clean text). Peers (``pip install .[bench]``) are imported
lazily; a missing one is recorded as skipped.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import Any

Adapter = Callable[[str, str], Any]

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)


def lxml_text(markup: str) -> str:
    """Text of an HTML fragment via lxml, with a line break around every block element."""
    import lxml.html

    if not markup.strip():
        return ""
    root = lxml.html.fromstring(markup)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return root.text_content()


C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
C4_TERMINAL = (".", "!", "?", '"', "\u201d", "'", "\u2019")


def c4_keep(line: str) -> bool:
    """C4-style line rule (Raffel et al. 2020): terminal punctuation, 3+ words, no javascript or policy text."""
    line = line.strip()
    low = line.lower()
    return (
        line.endswith(C4_TERMINAL)
        and len(line.split()) >= 3
        and "javascript" not in low
        and not any(p in low for p in C4_POLICY)
    )


def _cleaner(args: argparse.Namespace) -> Adapter:
    import cleaner

    c = cleaner.Cleaner(args.model, config=cleaner.CleanerConfig(cues=False))

    def run(doc: str, kind: str) -> Any:
        return c.clean(doc, kind=kind)

    run.model_version = c.model_version  # type: ignore[attr-defined]  # loads now: a broken model stops the run
    return run


class CleanerStages:
    """cleaner's pipeline called stage by stage (``cleaner.core``), each stage timed; returns the clean text.

    Stages: ``parse`` (decode and lxml parse, timed on a call of their own), ``segment`` (the rest of
    ``pipeline.document_blocks``, which parses again: its time minus ``parse``), ``features``, ``model``
    (``predict_proba`` and the label decision), ``cues`` (the flagged blocks' evidence, which the ``cleaner``
    system leaves off, then the segments and text). It mirrors ``cleaner.core.pipeline.run``; ``run.py`` counts
    pages where its text differs from the ``cleaner`` system's, so a drift shows. ``clock`` reads the time
    (``time.process_time`` for CPU time); ``outputs`` keeps the last page's blocks, features and probabilities
    (``scripts/speed_ab.py --check`` compares them across versions).
    """

    STAGES = ("parse", "segment", "features", "model", "cues")

    def __init__(self, model: str | None, clock: Callable[[], float] = time.perf_counter) -> None:
        from cleaner.api import Cleaner
        from cleaner.core.config import CleanerConfig

        self.loaded = Cleaner(model).loaded  # loads now: a broken model stops the run
        self.model_version = str(self.loaded.manifest.get("version", "unknown"))
        self.configs = {kind: CleanerConfig(kind=kind) for kind in ("html", "text")}
        self.clock = clock
        self.last: dict[str, float] = {}
        self.outputs: tuple[Any, ...] = ()

    def __call__(self, doc: str, kind: str) -> str:
        import numpy as np

        from cleaner.core import assemble, decide, decode, features, parse, pipeline
        from cleaner.core.explain import page_cues
        from cleaner.core.types import LABELS

        estimator = self.loaded.estimator
        t0 = self.clock()
        if kind == "html":
            parse.parse_html(decode.to_text(doc))
        t1 = self.clock()
        d = pipeline.document_blocks(doc, self.configs[kind])
        t2 = self.clock()
        feats = features.extract(d.blocks, d.title, d.json_ld)
        t3 = self.clock()
        if feats.n:
            probs = decide.in_label_order(estimator.predict_proba(feats.matrix), estimator.classes_)
        else:
            probs = np.zeros((0, len(LABELS)))
        labels = decide.choose_labels(probs, feats, d.blocks, d.schema_types)
        t4 = self.clock()
        explainer = self.loaded.explainers.get(d.kind)
        flagged = (labels != LABELS.index("content")).any()
        cues = page_cues(explainer, feats, labels, d.blocks) if explainer is not None and flagged else None
        out = assemble.clean_text(assemble.segments(d.blocks, probs, labels, cues or [()] * len(d.blocks)))
        t5 = self.clock()
        self.outputs = (d.blocks, feats, probs)
        parse_ms = (t1 - t0) * 1000
        self.last = {
            "parse": parse_ms,
            "segment": max((t2 - t1) * 1000 - parse_ms, 0.0),
            "features": (t3 - t2) * 1000,
            "model": (t4 - t3) * 1000,
            "cues": (t5 - t4) * 1000,
        }
        return out


def _cleaner_stages(args: argparse.Namespace) -> Adapter:
    return CleanerStages(args.model)


def _trafilatura(args: argparse.Namespace) -> Adapter:
    import trafilatura

    return lambda doc, kind: trafilatura.extract(doc) or ""


def _trafilatura_precision(args: argparse.Namespace) -> Adapter:
    import trafilatura

    return lambda doc, kind: trafilatura.extract(doc, favor_precision=True) or ""


def _justext(args: argparse.Namespace) -> Adapter:
    import justext

    stoplist = justext.get_stoplist("English")
    return lambda doc, kind: "\n".join(p.text for p in justext.justext(doc, stoplist) if not p.is_boilerplate)


def _readability(args: argparse.Namespace) -> Adapter:
    from readability import Document

    return lambda doc, kind: lxml_text(Document(doc).summary())


def _boilerpy3(args: argparse.Namespace) -> Adapter:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()
    return lambda doc, kind: extractor.get_content(doc)


def _resiliparse(args: argparse.Namespace) -> Adapter:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda doc, kind: extract_plain_text(doc, main_content=True)


def _html_text(args: argparse.Namespace) -> Adapter:
    import html_text

    return lambda doc, kind: html_text.extract_text(doc)


def _lxml(args: argparse.Namespace) -> Adapter:
    from lxml import etree

    def parse_only(doc: str, kind: str) -> str:
        etree.fromstring(doc.encode("utf-8", "replace"), etree.HTMLParser(encoding="utf-8"))
        return ""  # the speed floor: parsing alone, not scored for accuracy

    return parse_only


def _c4_lines(args: argparse.Namespace) -> Adapter:
    return lambda doc, kind: "\n".join(line for line in doc.splitlines() if c4_keep(line))


def _keep_all(args: argparse.Namespace) -> Adapter:
    return lambda doc, kind: doc


# name -> (factory, document kinds it takes, distribution whose version is reported)
SYSTEMS: dict[str, tuple[Callable[[argparse.Namespace], Adapter], tuple[str, ...], str | None]] = {
    "cleaner": (_cleaner, ("html", "text"), "cleaner"),
    "trafilatura": (_trafilatura, ("html",), "trafilatura"),
    "trafilatura_precision": (_trafilatura_precision, ("html",), "trafilatura"),
    "justext": (_justext, ("html",), "jusText"),
    "readability": (_readability, ("html",), "readability-lxml"),
    "boilerpy3": (_boilerpy3, ("html",), "boilerpy3"),
    "resiliparse": (_resiliparse, ("html",), "Resiliparse"),
    "html_text": (_html_text, ("html",), "html-text"),
    "lxml": (_lxml, ("html",), "lxml"),
    "c4_lines": (_c4_lines, ("text",), None),
    "keep_all": (_keep_all, ("text",), None),
    "cleaner_stages": (_cleaner_stages, ("html", "text"), "cleaner"),
}
SPEED_ONLY = {"lxml", "cleaner_stages"}
BASELINES = {"html_text", "lxml", "c4_lines", "keep_all"}  # not "peers" when naming the best one
NOT_BY_DEFAULT = {"cleaner_stages"}  # ask for it with --systems
DEFAULT_SYSTEMS = tuple(n for n in SYSTEMS if n not in NOT_BY_DEFAULT)
REFERENCE_PEER = "trafilatura"  # the paired differences, worst pages and per-type comparisons are against it


def as_text(out: Any) -> str:
    return out if isinstance(out, str) else out.text


def as_typed(out: Any) -> list[tuple[str, str]]:
    """A binary extractor's text is all ``content``; cleaner's segments keep their labels."""
    if isinstance(out, str):
        return [(out, "content")]
    return [(s.text, s.label.value) for s in out.segments]


def load_systems(names: Sequence[str], args: argparse.Namespace) -> tuple[dict[str, Adapter], dict[str, Any]]:
    adapters: dict[str, Adapter] = {}
    info: dict[str, Any] = {}
    for name in names:
        factory, kinds, dist = SYSTEMS[name]
        version = None
        if dist:
            with contextlib.suppress(metadata.PackageNotFoundError):
                version = metadata.version(dist)
        try:
            adapters[name] = factory(args)
        except ImportError as exc:
            info[name] = {"status": "skipped", "reason": f"{type(exc).__name__}: {exc}", "inputs": list(kinds)}
            continue
        info[name] = {"status": "ok", "version": version, "inputs": list(kinds), "scored": name not in SPEED_ONLY}
    return adapters, info
