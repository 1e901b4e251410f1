"""cleaner on Dask: clean a ``dask.bag`` or a ``dask.dataframe`` column, one model load per worker process.

    import dask.bag as db
    from cleaner.integrations.dask import clean_bag, clean_dataframe

    records = clean_bag(db.read_text("crawl/*.jsonl").map(json.loads), field="html")  # each gets a "cleaner" key
    frame = clean_dataframe(dd.read_parquet("docs/"), "text")  # adds clean_text, spans, <label>_share, ...

Needs the ``[dask]`` extra (``pip install 'cleaner[dask]'``). Partitions are cleaned by ``Cleaner.clean_many`` with
the worker process's shared ``Cleaner`` (``stream.shared_cleaner``): the model is read once per process and
reused by every task that runs there. Failures become records/rows with an error, never a failed task.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.core.config import CleanerConfig
from cleaner.integrations import column_records, model_path, record_columns
from cleaner.runners import stream

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas


def clean_bag(
    bag: dask.bag.Bag,
    *,
    field: str | None = None,
    kind: str | None = None,
    model: str | Path | None = None,
    config: CleanerConfig | None = None,
    key: str = "cleaner",
) -> dask.bag.Bag:
    """Clean every element of ``bag``, lazily (call ``.compute()`` or write it out).

    A str/bytes element becomes its compact record (``Result.to_record()``, or ``{"error": ...}``); a mapping
    element (document in ``field``, default ``html`` else ``text``) becomes a copy with the record under ``key``.
    """
    return bag.map_partitions(_clean_partition, field, kind, model_path(model), config or CleanerConfig(), key)


def clean_dataframe(
    frame: dask.dataframe.DataFrame,
    column: str = "text",
    *,
    kind: str | None = None,
    model: str | Path | None = None,
    config: CleanerConfig | None = None,
    source_text: bool = False,
) -> dask.dataframe.DataFrame:
    """``frame`` with the columns of ``cleaner.integrations.record_columns`` added, from the documents in ``column``.

    A column named ``html`` or ``text`` fixes the documents' kind (as in ``clean_many``) unless ``kind`` is given.
    """
    args = (column, kind, model_path(model), config or CleanerConfig(), source_text)
    meta = _clean_frame(frame._meta, *args)
    return frame.map_partitions(_clean_frame, *args, meta=meta)


def _clean_partition(
    partition: Any, field: str | None, kind: str | None, model: str | None, config: CleanerConfig, key: str
) -> list[Any]:
    docs = list(partition)  # a bag partition is one in-memory sequence already
    cleaner = stream.shared_cleaner(model, config)
    records = cleaner.clean_many(docs, field=field, kind=kind, output="record", on_error="return")
    pairs = zip(docs, records, strict=True)
    return [{**doc, key: record} if isinstance(doc, Mapping) else record for doc, record in pairs]


def _clean_frame(
    frame: pandas.DataFrame,
    column: str,
    kind: str | None,
    model: str | None,
    config: CleanerConfig,
    source_text: bool,
) -> pandas.DataFrame:
    import pandas as pd

    values = [None if _missing(value) else value for value in frame[column]]
    columns = record_columns(column_records(values, column, kind, model, config), source_text=source_text)
    added = {
        name: pd.Series(values, index=frame.index, dtype="float64" if name.endswith("_share") else "string")
        for name, values in columns.items()
    }
    return frame.assign(**added)


def _missing(value: Any) -> bool:
    """pandas' missing-value markers (NA, NaN, NaT), which a column of documents may hold."""
    import pandas as pd

    return not isinstance(value, (str, bytes)) and bool(pd.isna(value))
