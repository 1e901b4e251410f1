"""parse -> segment -> features -> classify -> smooth -> assemble."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import assemble, features, parse, segment, stream
from .config import CleanerConfig
from .cues import page_cues
from .errors import InputError
from .model import BlockModel, load_model
from .types import Block, Result

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Document:
    """A segmented document: its blocks and what the later stages need to know about it."""

    blocks: list[Block]
    kind: str
    source_text: str  # the text segment offsets point into
    title: str | None
    warnings: list[str]


def document_blocks(source: str | bytes, config: CleanerConfig) -> Document:
    """Parse and segment one document."""
    if isinstance(source, (bytes, bytearray, memoryview)) and len(source) > config.max_input_bytes:
        raise InputError(f"input is {len(source):,} bytes, over max_input_bytes={config.max_input_bytes:,}")
    text = parse.to_text(source)
    if len(text) > config.max_input_bytes:
        raise InputError(f"input is {len(text):,} characters, over max_input_bytes={config.max_input_bytes:,}")
    kind = parse.detect_kind(text) if config.kind == "auto" else config.kind
    warnings: list[str] = []
    limits = dict(max_blocks=config.max_blocks, max_block_chars=config.max_block_chars)
    title = None
    if kind == "html":
        root = parse.parse_html(text)
        if root is not None and parse.gave_up(text, root):
            # libxml2 stops at its nesting limit and drops the rest: read the page's text instead.
            kind, text = "text", parse.strip_markup(text)
            warnings.append("markup nested too deeply to parse: its text was read as plain text")
            root = None
    if kind == "html":
        title = segment.page_title(root) if root is not None else None
        blocks, truncated = segment.html_blocks(root, **limits) if root is not None else ([], False)
        source_text = assemble.stream_text(blocks)
    else:
        blocks, truncated = segment.text_blocks(text, **limits)
        source_text = text
    if truncated:
        warnings.append(f"truncated: more than max_blocks={config.max_blocks} blocks")
    return Document(blocks, kind, source_text, title, warnings)


class Cleaner:
    """A reusable cleaner: loads its model once, picklable, safe to share across calls."""

    def __init__(self, model: str | Path | None = None, *, config: CleanerConfig | None = None) -> None:
        self.model_path = None if model is None else str(model)
        self.config = config or CleanerConfig()
        self._model: BlockModel | None = None
        self._manifest: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["model_path"], config=state["config"])  # type: ignore[misc]

    @property
    def model(self) -> BlockModel:
        if self._model is None:
            self._model, self._manifest = load_model(self.model_path)
        return self._model

    @property
    def manifest(self) -> dict[str, Any]:
        _ = self.model
        return self._manifest

    @property
    def model_version(self) -> str:
        return str(self.manifest.get("version", "unknown"))

    def clean(
        self, source: str | bytes, *, url: str | None = None, kind: str | None = None, cues: bool | None = None
    ) -> Result:
        """Clean one document (HTML or plain text). ``cues``: name each flagged block's evidence (default:
        ``config.cues``); compact records do not carry cues, so they are cleaned without."""
        config = self.config if kind is None else _with_kind(self.config, kind)
        doc = document_blocks(source, config)
        blocks = doc.blocks
        model = self.model
        feats = features.extract(blocks, doc.title)
        first = model.first_pass(feats)
        probs = model.predict_proba(feats, first)
        labels = assemble.choose_labels(probs, feats)
        no_cues: list[tuple[str, ...]] = [()] * len(blocks)
        want_cues = config.cues if cues is None else cues
        block_cues = page_cues(model, feats, labels, [b.text for b in blocks]) if want_cues else no_cues
        segs = assemble.segments(blocks, probs, labels, block_cues)
        return Result(
            text=assemble.clean_text(segs),
            segments=segs,
            kind=doc.kind,
            source_text=doc.source_text,
            model_version=self.model_version,
            warnings=tuple(doc.warnings),
        )

    def clean_many(
        self,
        docs: Iterable[Any],
        *,
        workers: int = 1,
        chunk_size: int = stream.DEFAULT_CHUNK_SIZE,
        field: str | None = None,
        kind: str | None = None,
        output: stream.Output = "result",
        on_error: stream.OnError = "raise",
        time_limit: float | None = None,
    ) -> Iterator[Any]:
        """Clean a stream of documents lazily; one output per input, in input order.

        ``docs``: any iterable, even an endless one, of str/bytes documents or of mappings holding one in
        ``field`` (default ``html``, else ``text``; those two names also set the kind). ``workers`` > 1 cleans in
        that many processes, each loading the model once; ``chunk_size`` documents travel per round trip, and at
        most two chunks per worker are in flight, so memory stays flat however long the stream.
        ``output="result"`` yields ``Result``s, ``"record"`` the compact ``Result.to_record()`` dicts.
        ``on_error="return"`` yields a failure in its place (the exception, or a record with an ``"error"``
        field) instead of raising it. ``time_limit``: seconds per document, then ``TimeLimitError``.
        """
        return stream.clean_stream(
            self,
            docs,
            workers=workers,
            chunk_size=chunk_size,
            field=field,
            kind=kind,
            output=output,
            on_error=on_error,
            time_limit=time_limit,
        )


def _with_kind(config: CleanerConfig, kind: str) -> CleanerConfig:
    from dataclasses import replace

    return replace(config, kind=kind)


_DEFAULT: Cleaner | None = None


def clean(
    source: str | bytes, *, url: str | None = None, kind: str | None = None, model: str | Path | None = None
) -> Result:
    """Clean one document with the default model (or ``model``, a model directory)."""
    global _DEFAULT
    if model is not None:
        return Cleaner(model).clean(source, url=url, kind=kind)
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT.clean(source, url=url, kind=kind)
