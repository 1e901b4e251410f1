"""cleaner as datatrove pipeline steps: ``CleanerExtractor`` (HTML ``Document.text``) and ``CleanerText`` (text).

    from datatrove.pipeline.readers import JsonlReader
    from cleaner.integrations.datatrove import CleanerExtractor

    pipeline = [JsonlReader("crawl/", text_key="html"), CleanerExtractor(timeout=10), JsonlWriter("clean/")]

Needs the ``[datatrove]`` extra (``pip install '.[datatrove]'``). Like datatrove's own extractors (``BaseExtractor``),
each document is cleaned in a sandbox process with a per-document ``timeout`` (a document over it is dropped and
counted as ``timeout``; one whose process dies as ``broken_process``; one cleaner refuses as ``clean_error``), and
the step's stats count ``total``, ``extracted``, ``forwarded`` and ``dropped`` (no clean text left, or under
``min_quality``: ``low_quality``). The model is loaded once per task, before the sandbox starts, so the sandbox
process inherits it.

``Document.text`` becomes the clean text; ``Document.metadata`` gets the compact record's fields under the column
names of the Dask and ``datasets`` integrations (``cleaner.integrations.record_columns``): ``spans`` (JSON of
``[[start, end, label, confidence], ...]`` for every flagged segment), ``source_text`` (the text those offsets index:
the page's text, or the input text; ``keep_source_text=False`` leaves it out), ``<label>_share`` for all five
labels, and the page quality as ``main_content`` and ``quality_confidence``, plus ``model_version``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from cleaner.api import Cleaner, Rules, load_rules
from cleaner.core.config import CleanerConfig
from cleaner.core.errors import CleanerError
from cleaner.core.types import LABELS

DEFAULT_TIMEOUT = 10.0  # seconds per document; a page takes tens of ms, the model's first load in a sandbox ~3 s
_LIMITED = False


def _one_thread() -> None:
    """One OpenMP/BLAS thread in this (sandbox) process: tasks are the parallelism, as in ``cleaner.runners.stream``
    (threads of parallel tasks stall each other at OpenMP barriers on tiny per-page predictions)."""
    global _LIMITED
    if not _LIMITED:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
        _LIMITED = True


def document_metadata(record: dict[str, Any], *, keep_source_text: bool = True, source: str = "") -> dict[str, Any]:
    """The metadata a cleaned document gets from its compact record (``Result.to_record()``); ``source``: the input
    text, which plain-text spans index."""
    quality = record["quality"]
    meta: dict[str, Any] = {"spans": json.dumps(record["spans"])}
    if keep_source_text:
        meta["source_text"] = record["source_text"] if record["kind"] == "html" else source
    meta.update({f"{label}_share": quality["shares"][label] for label in LABELS})
    meta.update(
        main_content=quality["main_content"],
        quality_confidence=quality["confidence"],
        model_version=record["model_version"],
    )
    return meta


class CleanerExtractor(BaseExtractor):
    """Clean HTML documents: the clean text replaces ``Document.text``, the rest goes to its metadata.

    ``model``/``config``/``rules`` as for ``cleaner.Cleaner`` (rules are validated here, when the pipeline is
    built); ``timeout``: seconds per document; ``min_quality``: drop documents whose ``quality.confidence`` is lower.
    """

    name = "🧹 cleaner"
    kind = "html"

    def __init__(
        self,
        *,
        model: str | Path | None = None,
        config: CleanerConfig | None = None,
        rules: Rules | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        keep_source_text: bool = True,
        min_quality: float | None = None,
    ) -> None:
        super().__init__(timeout=timeout)
        self.cleaner = Cleaner(model, config=config or CleanerConfig(cues=False), rules=load_rules(rules))
        self.keep_source_text = keep_source_text
        self.min_quality = min_quality
        self._warned_error: bool = False  # BaseExtractor's: warn about a failing document once

    def extract(self, text: str) -> Any:
        """The compact record of one document, or the ``CleanerError`` refusing it (raised in the main process)."""
        _one_thread()
        try:
            return self.cleaner.clean(text, kind=self.kind, cues=False).to_record()
        except CleanerError as exc:
            return exc

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Clean every document of ``data`` (datatrove's ``BaseExtractor.run``, keeping the record's metadata)."""
        if data is None:
            return
        self.cleaner.loaded  # noqa: B018 - loaded here once: the sandbox process forked below inherits the model
        with ExtractorSandbox(timeout=self.timeout, warmup_text="") as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    try:
                        record = sandbox.process_document(doc.text, self.extract)
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning(f"⏰ cleaner: document {doc.id} took over {self.timeout:g} s; skipped")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        logger.warning(f"cleaner: the process cleaning {doc.id} died; skipped")
                        continue
                    except Exception as exc:  # the sandbox re-raises the document's CleanerError here
                        self.stat_update("clean_error")
                        if not self._warned_error:
                            logger.warning(f"❌ cleaner: {type(exc).__name__}: {exc} ({doc.id}); skipped (shown once)")
                            self._warned_error = True
                        continue
                self.stat_update("extracted")
                meta = document_metadata(record, keep_source_text=self.keep_source_text, source=doc.text)
                doc.text = record["text"]
                doc.metadata.update(meta)
                if self.min_quality is not None and meta["quality_confidence"] < self.min_quality:
                    self.stat_update("low_quality", StatHints.dropped)
                    continue
                if not doc.text:
                    self.stat_update(StatHints.dropped)
                    continue
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc


class CleanerText(CleanerExtractor):
    """Clean already-extracted text (``Document.text`` is plain text): flagged paragraphs leave the text, and the
    spans (into the input text, kept as ``source_text``) and shares go to the metadata."""

    name = "🧹 cleaner (text)"
    kind = "text"
