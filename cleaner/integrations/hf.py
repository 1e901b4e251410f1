"""cleaner as a Hugging Face ``datasets`` map function.

    ds = ds.map(cleaner.hf_map("text"), batched=True, num_proc=4)

adds the columns of ``cleaner.integrations.record_columns`` (clean_text, spans, <label>_share, cleaner_error).
The function pickles to its settings only; each map process loads the model once (``stream.shared_cleaner``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cleaner.core.config import CleanerConfig
from cleaner.integrations import column_records, model_path, record_columns


class HFMap:
    """A picklable function for ``dataset.map(..., batched=True)`` that cleans the documents in column ``field``.

    ``{field: [docs], ...}`` -> the columns of ``record_columns``. A column named ``html`` or ``text`` fixes the
    documents' kind unless ``kind`` is given. Rows that fail get ``cleaner_error`` instead of stopping the map.
    """

    def __init__(
        self,
        field: str = "text",
        *,
        kind: str | None = None,
        model: str | Path | None = None,
        config: CleanerConfig | None = None,
        source_text: bool = False,
    ) -> None:
        self.field = field
        self.kind = kind
        self.model = model_path(model)
        self.config = config or CleanerConfig()
        self.source_text = source_text

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        if self.field not in batch:
            raise KeyError(f"the dataset has no column {self.field!r} (columns: {', '.join(batch)})")
        values = batch[self.field]
        if not isinstance(values, list):  # a single example: datasets called us without batched=True
            raise TypeError("use cleaner.hf_map(...) with dataset.map(..., batched=True)")
        records = column_records(values, self.field, self.kind, self.model, self.config)
        return record_columns(records, source_text=self.source_text)

    def __repr__(self) -> str:  # datasets fingerprints the function; keep it about the settings only
        return f"hf_map({self.field!r}, kind={self.kind!r}, model={self.model!r}, source_text={self.source_text})"


hf_map = HFMap  # ``cleaner.hf_map("text")``: reads as the function it is used as
