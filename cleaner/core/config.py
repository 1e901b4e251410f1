"""One frozen configuration object; defaults are named constants."""

from __future__ import annotations

from dataclasses import dataclass

MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_BLOCKS = 20_000
MAX_BLOCK_CHARS = 100_000
KINDS = ("auto", "html", "text")


@dataclass(frozen=True, slots=True)
class CleanerConfig:
    """Limits and choices for one ``Cleaner``; validated once."""

    kind: str = "auto"
    max_input_bytes: int = MAX_INPUT_BYTES
    max_blocks: int = MAX_BLOCKS
    max_block_chars: int = MAX_BLOCK_CHARS
    cues: bool = True
    captions: bool = False  # keep image captions (``<figcaption>``, or named so) in the clean text; content either way

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        for name in ("max_input_bytes", "max_blocks", "max_block_chars"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be a positive integer")
