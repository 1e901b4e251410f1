"""The core pipeline: decode -> parse -> segment -> features (``prepare``) -> model (``probabilities``, one call
for one document or many) -> decide -> assemble (-> explain) (``finish``).

Pure: no processes, no disk. The model is handed in (``cleaner.model`` loads it; ``cleaner.api`` binds the two).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import scipy.sparse as sp

from cleaner.core import assemble, decide, decode, features, parse, rules, segment
from cleaner.core.config import CleanerConfig
from cleaner.core.errors import InputError
from cleaner.core.explain import FirstPassWeights, page_cues
from cleaner.core.types import LABELS, Block, Result, Segment
from cleaner.core.vocabulary import RULED_TAGS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Document:
    """A segmented document: its blocks and what the later stages need to know about it."""

    blocks: list[Block]
    kind: str
    source_text: str  # the text segment offsets point into
    title: str | None
    warnings: list[str]
    json_ld: str = ""  # body text the page's own JSON-LD states
    schema_types: frozenset[str] = frozenset()  # the schema.org types the page declares (``Product``...)
    root: Any = None  # the segmented lxml tree (HTML), which the blocks' XPaths point into: rules select in it
    ruled: tuple[Block, ...] = ()  # blocks a rule labels (``RULED_TAGS``): in the text stream, not the model's


NOSCRIPT_MIN_WORDS = 30  # below this many visible words, a page's <noscript> content is read too...
# ...and below this share of the words its <noscript> elements hold: a forum app's shell (Discourse renders the whole
# thread into <noscript> for readers without scripts) shows a header, a menu and a "Skip to main content" link, a few
# dozen words. On the dev sets one page is read differently (wcxb-dev/0502: a thread of 1,677 words behind a shell of
# 31); of the pages not read with their <noscript> text, the one closest to the line shows 0.69 of its words.
NOSCRIPT_SHELL_SHARE = 1 / 3


def few_visible_words(blocks: list[Block], noscript_words: int = 0) -> bool:
    """Whether the blocks not hidden (nor ruled: ``RULED_TAGS``) hold fewer than ``NOSCRIPT_MIN_WORDS`` words, or
    fewer than ``NOSCRIPT_SHELL_SHARE`` of ``noscript_words``, counting only as far as needed."""
    limit = max(NOSCRIPT_MIN_WORDS, NOSCRIPT_SHELL_SHARE * noscript_words)
    words = 0
    for b in blocks:
        if "hidden" not in b.landmarks and b.tag not in RULED_TAGS:
            words += len(b.text.split())
            if words >= limit:
                return False
    return True


def document_blocks(source: str | bytes, config: CleanerConfig) -> Document:
    """Parse and segment one document."""
    if isinstance(source, (bytes, bytearray, memoryview)) and len(source) > config.max_input_bytes:
        raise InputError(f"input is {len(source):,} bytes, over max_input_bytes={config.max_input_bytes:,}")
    text = decode.to_text(source)
    if len(text) > config.max_input_bytes:
        raise InputError(f"input is {len(text):,} characters, over max_input_bytes={config.max_input_bytes:,}")
    kind = parse.detect_kind(text) if config.kind == "auto" else config.kind
    warnings: list[str] = []
    limits: dict[str, Any] = dict(max_blocks=config.max_blocks, max_block_chars=config.max_block_chars)
    title = None
    root = None
    json_ld = ""
    schema_types: frozenset[str] = frozenset()
    ruled: tuple[Block, ...] = ()
    if kind == "html":
        root = parse.parse_html(text)
        reason = parse.why_unusable(text, root) if root is not None else None
        if reason is not None:
            # libxml2 stops at its limits and drops the rest: read the page's text instead.
            kind, text = "text", parse.strip_markup(text)
            warnings.append(f"{reason}: its text was read as plain text")
            root = None
    if kind == "html":
        title = segment.page_title(root) if root is not None else None
        json_ld = segment.page_json_ld_text(root) if root is not None else ""
        schema_types = segment.page_schema_types(root) if root is not None else frozenset()
        noscript = segment.noscript_words(root) if root is not None else 0
        blocks, truncated = segment.html_blocks(root, **limits) if root is not None else ([], False)
        if noscript and few_visible_words(blocks, noscript):
            # A page that shows (almost) nothing without scripts: its <noscript> fallback is its text.
            again = parse.parse_html(text)
            if again is not None:
                blocks, truncated = segment.html_blocks(again, keep_noscript=True, **limits)
                root = again
        source_text = assemble.stream_text(blocks)
        ruled = tuple(b for b in blocks if b.tag in RULED_TAGS)
        if ruled:
            blocks = [b for b in blocks if b.tag not in RULED_TAGS]
    else:
        blocks, truncated = segment.text_blocks(text, **limits)
        source_text = text
    if truncated:
        warnings.append(f"truncated: more than max_blocks={config.max_blocks} blocks")
    return Document(blocks, kind, source_text, title, warnings, json_ld, schema_types, root, ruled)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document up to the model: its blocks and their features."""

    doc: Document
    features: features.Features


def prepare(source: str | bytes, config: CleanerConfig) -> Prepared:
    """Parse, segment and compute the features of one document."""
    doc = document_blocks(source, config)
    return Prepared(doc, features.extract(doc.blocks, doc.title, doc.json_ld))


def probabilities(model: Any, feats: Sequence[features.Features]) -> list[np.ndarray]:
    """Each document's block probabilities (``LABELS`` order) from one ``predict_proba`` over all their blocks.

    Stacking changes nothing: the model reads each row on its own, and its context pass reads neighbours only
    within a document (one starts at every row whose ``rel_position`` is 0, each document's first block).
    """
    sizes = [f.n for f in feats]
    used = [f.matrix for f in feats if f.n]
    if not used:
        return [np.zeros((0, len(LABELS))) for _ in feats]
    stacked = used[0] if len(used) == 1 else sp.vstack(used, format="csr")
    probs = decide.in_label_order(model.predict_proba(stacked), model.classes_)
    return np.split(probs, np.cumsum(sizes)[:-1])


def finish(
    prepared: Prepared,
    probs: np.ndarray,
    *,
    model_version: str,
    explainers: Mapping[str, FirstPassWeights] | None = None,
    ruleset: rules.RuleSet | None = None,
    captions: bool = False,
) -> Result:
    """Labels, the user's rules and the result of one prepared document, from its block probabilities
    (``captions``: keep image captions in the clean text, ``assemble.text_segments``)."""
    doc, feats = prepared.doc, prepared.features
    blocks = doc.blocks
    ruled = doc.ruled
    labels = decide.choose_labels(probs, feats, blocks, doc.schema_types)
    rule_cues: list[tuple[str, ...]] = [()] * len(blocks)
    if ruleset is not None:  # the user's rules, after the model (``cleaner.core.rules``)
        probs, labels, rule_cues = rules.apply(ruleset, blocks, doc.root, probs, labels)
    segs = assemble.segments(blocks, probs, labels, rule_cues)
    if ruled:
        segs = assemble.with_ruled(segs, tuple(decide.ruled_segment(b) for b in ruled))
    explainer = None if explainers is None else explainers.get(doc.kind)

    def explain(plain: tuple[Segment, ...]) -> tuple[Segment, ...]:
        assert explainer is not None
        cues = iter(page_cues(explainer, feats, labels, blocks))
        # A ruled block's cues come with it (``decide.ruled_segment``); the model's keep their order among the rest
        # (a segment without cues, as every content block, stays as it is).
        return tuple(s if s.tag in RULED_TAGS else _with_cues(s, next(cues)) for s in plain)

    return Result(
        text=assemble.clean_text(segs, captions),
        segments=segs,
        kind=doc.kind,
        source_text=doc.source_text,
        model_version=model_version,
        warnings=tuple(doc.warnings),
        explain=explain if explainer is not None and (labels != LABELS.index("content")).any() else None,
    )


def _with_cues(segment: Segment, cues: tuple[str, ...]) -> Segment:
    return replace(segment, cues=segment.cues + cues) if cues else segment


def run(
    source: str | bytes,
    model: Any,
    config: CleanerConfig,
    *,
    model_version: str,
    explainers: Mapping[str, FirstPassWeights] | None = None,
    ruleset: rules.RuleSet | None = None,
) -> Result:
    """Clean one document with a fitted ``model`` (a scikit-learn classifier over ``Features.matrix`` rows whose
    ``classes_`` are the labels); ``explainers`` (per document kind): name each flagged block's evidence, computed
    when the result's segments are first read (no cues without them)."""
    prepared = prepare(source, config)
    (probs,) = probabilities(model, [prepared.features])
    return finish(
        prepared, probs, model_version=model_version, explainers=explainers, ruleset=ruleset, captions=config.captions
    )
