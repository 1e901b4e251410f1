"""Plain data types that travel between the pipeline stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleaner.core.quality import Quality


class Label(str, Enum):
    """The five segment labels of ``LABELS.md``."""

    CONTENT = "content"
    POLL = "poll"
    CONSENT = "consent"
    PROMO = "promo"
    BOILERPLATE = "boilerplate"

    def __str__(self) -> str:
        return self.value


LABELS: tuple[str, ...] = tuple(label.value for label in Label)
FLAGGED_LABELS: tuple[str, ...] = LABELS[1:]  # every label but content
BLOCK_SEPARATOR = "\n\n"  # between blocks in an HTML document's text stream and in the clean text


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a document: facts only, never a label.

    ``start``/``end`` are offsets into the document's text stream
    (the input string for plain text; the blocks joined by blank lines for HTML).
    """

    id: int
    text: str
    tag: str
    xpath: str | None
    start: int
    end: int
    link_chars: int = 0
    depth: int = 0
    ancestors: tuple[str, ...] = ()  # ancestor tag names, innermost first
    attrs: tuple[str, ...] = ()  # class/id tokens of the element and its ancestors, innermost first
    in_form: bool = False
    controls: int = 0  # inputs, buttons, selects inside the block element
    path: tuple[int, ...] = ()  # numbers of the enclosing elements, outermost first (the last is the block's own)
    landmarks: tuple[str, ...] = ()  # regions it sits in: main, article, nav, aside, footer, header, dialog, cmp...


@dataclass(frozen=True, slots=True)
class Segment:
    """The label the pipeline gave one block, with its evidence."""

    index: int
    label: Label
    confidence: float
    text: str
    start: int
    end: int
    xpath: str | None
    tag: str
    cues: tuple[str, ...] = ()
    caption: bool = False  # an image caption named by class (``assemble.is_caption_named``); a <figcaption> by tag

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "label": self.label.value,
            "confidence": round(self.confidence, 4),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "xpath": self.xpath,
            "tag": self.tag,
            "cues": list(self.cues),
        }


class Result:
    """What ``clean`` returns: the clean text and every block's segment.

    Cues are computed the first time ``segments`` (or ``flagged``, ``to_dict()``) is read, never on the
    ``text`` / ``to_record()`` path: ``explain`` turns the cue-less segments into explained ones.
    """

    __slots__ = ("text", "kind", "source_text", "model_version", "warnings", "_segments", "_explain")

    def __init__(
        self,
        text: str,
        segments: tuple[Segment, ...],
        kind: str,
        source_text: str,
        model_version: str,
        warnings: tuple[str, ...] = (),
        explain: Callable[[tuple[Segment, ...]], tuple[Segment, ...]] | None = None,
    ) -> None:
        self.text = text
        self.kind = kind
        self.source_text = source_text
        self.model_version = model_version
        self.warnings = tuple(warnings)
        self._segments = segments
        self._explain = explain

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every block's segment in document order, with cues (computed now if they were not yet)."""
        if self._explain is not None:
            self._segments, self._explain = self._explain(self._segments), None
        return self._segments

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled whole (cues computed first): a result crosses process boundaries without the model.
        return (Result, (self.text, self.segments, self.kind, self.source_text, self.model_version, self.warnings))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return self.__reduce__()[1] == other.__reduce__()[1]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Result(kind={self.kind!r}, text={self.text[:40]!r}..., segments={len(self._segments)})"

    @property
    def flagged(self) -> tuple[Segment, ...]:
        """The non-content segments, in document order."""
        return tuple(s for s in self.segments if s.label is not Label.CONTENT)

    @property
    def quality(self) -> Quality:
        """The page-level summary: share of text per label, whether a main content was found, and the calibrated
        confidence that the clean text is the page's main content (``cleaner.core.quality``; no cues needed)."""
        from cleaner.core.quality import page_quality  # it reads segments: imported here, not at module level

        return page_quality(self._segments, self.kind)

    def flagged_share(self) -> dict[str, float]:
        """Share of the document's segment text under each non-content label (0 when there is no text)."""
        chars = dict.fromkeys(LABELS, 0)
        for s in self._segments:
            chars[s.label.value] += s.end - s.start
        total = sum(chars.values())
        return {label: round(chars[label] / total, 4) if total else 0.0 for label in FLAGGED_LABELS}

    def to_record(self) -> dict[str, Any]:
        """Compact JSON-ready form for pipelines (see README, "Compact records").

        ``spans``: ``[start, end, label, confidence]`` of every flagged segment, as character offsets into the
        input text (plain text) or into ``source_text``, the page's text, which HTML records carry for that reason.
        """
        record: dict[str, Any] = {
            "text": self.text,
            "spans": [
                [s.start, s.end, s.label.value, round(s.confidence, 4)]
                for s in self._segments
                if s.label is not Label.CONTENT
            ],
            "flagged_share": self.flagged_share(),
            "quality": self.quality.to_dict(),
            "kind": self.kind,
            "model_version": self.model_version,
            "warnings": list(self.warnings),
        }
        if self.kind == "html":
            record["source_text"] = self.source_text
        return record

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with stable field names (see README, "Result schema")."""
        return {
            "kind": self.kind,
            "model_version": self.model_version,
            "text": self.text,
            "segments": [s.to_dict() for s in self.segments],
            "quality": self.quality.to_dict(),
            "warnings": list(self.warnings),
        }
