"""Dask and Hugging Face ``datasets``: the same results as one process, one model load per worker process."""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest

import cleaner
from cleaner.integrations import COLUMNS, record_columns

from .conftest import SHARED

BENCHMARK_FILES = [SHARED / "benchmarks" / f"{name}.jsonl.gz" for name in ("cleaneval", "dragnet", "cetd")]
PAGES_PER_FILE = 80
ARTICLE = (
    "The council approved the new budget on Tuesday after a four-hour debate about road repairs.\n\n"
    "By completing the poll, you agree to receive emails from us and to our privacy policy.\n\n"
    "The budget now goes to the mayor, who is expected to sign it before the end of the month."
)


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


@pytest.fixture(scope="module")
def dask_client() -> Iterator[object]:
    pytest.importorskip("dask.bag")
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_dask_bag_on_the_benchmark_files_equals_one_process(dask_client: object, tmp_path: Path) -> None:
    import dask.bag as db

    from cleaner.integrations.dask import clean_bag
    from cleaner.runners import stream

    if not all(path.exists() for path in BENCHMARK_FILES):
        pytest.skip("../shared/benchmarks is not beside the repository")
    # The first pages of each old article set, as gzip JSONL files of their own: real pages in every partition, a
    # test that takes seconds rather than minutes (the whole files cost nearly three minutes on a 2-core machine).
    files = []
    for path in BENCHMARK_FILES:
        head = list(islice(read_jsonl(path), PAGES_PER_FILE))
        files.append(tmp_path / path.name)
        with gzip.open(files[-1], "wt", encoding="utf-8") as fh:
            fh.writelines(json.dumps(record) + "\n" for record in head)
    records = db.read_text([str(p) for p in files]).map(json.loads).repartition(npartitions=12)
    cleaned = clean_bag(records, field="html").compute()

    expected = list(
        cleaner.Cleaner().clean_many(
            (r for p in files for r in read_jsonl(p)), field="html", output="record", on_error="return"
        )
    )
    assert len(cleaned) == len(expected) == PAGES_PER_FILE * len(BENCHMARK_FILES)
    ids = [r["id"] for p in files for r in read_jsonl(p)]
    assert [r["id"] for r in cleaned] == ids  # the input records, in order, with the result beside them
    assert [r["cleaner"] for r in cleaned] == expected
    assert all("error" not in r for r in expected)
    # one model load per worker process, however many partitions ran there
    loads = dask_client.run(lambda: stream.shared_cleaner.cache_info().misses)  # type: ignore[attr-defined]
    assert sorted(loads.values()) == [1, 1]


def test_dask_dataframe_column_and_failures(dask_client: object) -> None:
    import dask.dataframe as dd
    import pandas as pd

    from cleaner.integrations.dask import clean_dataframe

    texts = [ARTICLE, "Short note.\n\nSecond paragraph of the note.", None, ARTICLE.upper()] * 5
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts})
    out = clean_dataframe(dd.from_pandas(frame, npartitions=3), "text").compute()
    assert list(out["id"]) == list(range(len(texts)))
    assert set(COLUMNS) <= set(out.columns)
    docs = [{"text": t} for t in texts]
    expected = record_columns(cleaner.Cleaner().clean_many(docs, output="record", on_error="return"))
    assert list(out["clean_text"]) == expected["clean_text"]
    assert list(out["spans"]) == expected["spans"]
    assert list(out["cleaner_error"]) == expected["cleaner_error"]
    assert out["cleaner_error"].iloc[2] == "InputError: field 'text' holds NoneType, not a document"
    assert math.isnan(out["consent_share"].iloc[2])
    assert out["consent_share"].iloc[0] > 0.2 and json.loads(out["spans"].iloc[0])[0][2] == "consent"


def test_hf_map_batched_with_processes() -> None:
    datasets = pytest.importorskip("datasets")
    texts = ["Plain words.\n\nMore plain words here."] * 9 + [ARTICLE] * 6 + [None]  # first batches: no spans
    ds = datasets.Dataset.from_dict({"id": list(range(len(texts))), "text": texts})
    out = ds.map(cleaner.hf_map("text"), batched=True, batch_size=4, num_proc=2)
    assert out.column_names == ["id", "text", *COLUMNS]
    assert out["id"] == list(range(len(texts)))
    docs = [{"text": t} for t in texts]
    expected = record_columns(cleaner.Cleaner().clean_many(docs, output="record", on_error="return"))
    for name in ("clean_text", "spans", "cleaner_error"):
        assert out[name] == expected[name]
    consent = out[10]
    [(start, end, label, confidence)] = json.loads(consent["spans"])
    assert (start, end, label) == (93, 179, "consent") and confidence > 0.9
    assert ARTICLE[93:179].startswith("By completing the poll")
    assert out[-1]["cleaner_error"] == "InputError: field 'text' holds NoneType, not a document"
    assert ds.map(cleaner.hf_map("text"), batched=True)["clean_text"] == out["clean_text"]  # one process
    with pytest.raises(KeyError, match="no column 'html'"):
        ds.map(cleaner.hf_map("html"), batched=True)
