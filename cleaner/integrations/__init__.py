"""cleaner inside other engines: Dask (``cleaner.integrations.dask``) and Hugging Face ``datasets`` (``hf``).

Both clean through ``Cleaner.clean_many`` in each worker process, with one model load per process
(``stream.shared_cleaner``). Tabular engines get the compact record as columns (``record_columns``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cleaner.core.config import CleanerConfig
from cleaner.core.types import FLAGGED_LABELS
from cleaner.runners import stream

SHARE_COLUMNS = tuple(f"{label}_share" for label in FLAGGED_LABELS)
QUALITY_COLUMNS = ("main_content", "quality_confidence")
COLUMNS = ("clean_text", "spans", *SHARE_COLUMNS, *QUALITY_COLUMNS, "cleaner_error")


def column_records(
    values: Sequence[Any], column: str, kind: str | None, model: str | None, config: CleanerConfig
) -> list[dict[str, Any]]:
    """Compact records (``{"error": ...}`` for a failure) of a column of documents, cleaned in this process by
    its shared ``Cleaner``. The column's name is ``clean_many``'s ``field``: ``html``/``text`` fix the kind."""
    if not values:  # e.g. dask's empty metadata frame: no model to load
        return []
    cleaner = stream.shared_cleaner(model, config)
    docs = ({column: value} for value in values)
    return list(cleaner.clean_many(docs, field=column, kind=kind, output="record", on_error="return"))


def model_path(model: str | Path | None) -> str | None:
    """A model directory as the hashable, picklable string the workers' ``shared_cleaner`` is keyed by."""
    return None if model is None else str(model)


def record_columns(records: Iterable[dict[str, Any]], *, source_text: bool = False) -> dict[str, list[Any]]:
    """Compact records (``Result.to_record()`` or ``{"error": ...}``) as columns of one type each.

    ``clean_text`` (str); ``spans``: the record's ``[[start, end, label, confidence], ...]`` as a JSON string
    (offsets into the input text, or into ``source_text`` for HTML); ``<label>_share`` (float) for poll, consent,
    promo, boilerplate; ``main_content`` (bool) and ``quality_confidence`` (float): ``Result.quality``;
    ``cleaner_error`` (str). No column is ever null, so engines that infer a column's type from its first batch
    (``datasets``) see one type: a failed row has ``cleaner_error`` set, ``""`` text, ``"[]"`` spans, NaN shares
    and confidence, ``main_content`` false; a good row has ``cleaner_error == ""``. ``source_text=True`` adds the
    ``source_text`` column: the page's text for HTML documents, ``""`` for plain text (whose spans index the input).
    """
    names = (*COLUMNS, "source_text") if source_text else COLUMNS
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for record in records:
        error = record.get("error", "")
        columns["cleaner_error"].append(error)
        columns["clean_text"].append("" if error else record["text"])
        columns["spans"].append("[]" if error else json.dumps(record["spans"]))
        for label, name in zip(FLAGGED_LABELS, SHARE_COLUMNS, strict=True):
            columns[name].append(math.nan if error else record["flagged_share"][label])
        quality = {} if error else record.get("quality", {})
        columns["main_content"].append(bool(quality.get("main_content", False)))
        columns["quality_confidence"].append(float(quality.get("confidence", math.nan)))
        if source_text:
            columns["source_text"].append("" if error else record.get("source_text", ""))
    return columns
