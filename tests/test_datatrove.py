"""The datatrove steps: a LocalPipelineExecutor with 2 tasks gives the records ``clean_many`` gives."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest

import cleaner

from .conftest import SHARED

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner.integrations.datatrove import CleanerExtractor, CleanerText, document_metadata  # noqa: E402

ARTICLE = (
    "The council approved the new budget on Tuesday after a four-hour debate about road repairs.\n\n"
    "By completing the poll, you agree to receive emails from us and to our privacy policy.\n\n"
    "The budget now goes to the mayor, who is expected to sign it before the end of the month."
)


def public_pages(n: int) -> list[dict[str, str]]:
    path = SHARED / "benchmarks" / "cleaneval.jsonl.gz"
    if not path.exists():
        pytest.skip("../shared/benchmarks is not beside the repository")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [{"id": r["id"], "html": r["html"]} for r in map(json.loads, itertools.islice(fh, n))]


def run_pipeline(step: CleanerExtractor, docs: list[dict[str, str]], key: str, tmp_path: Path) -> dict[str, dict]:
    """Write ``docs`` to two input files, run ``step`` over them in 2 tasks, read the output back by id."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for part in range(2):
        with open(src / f"part{part}.jsonl", "w", encoding="utf-8") as fh:
            for doc in docs[part::2]:
                fh.write(json.dumps(doc) + "\n")
    pipeline = [JsonlReader(str(src), text_key=key), step, JsonlWriter(str(out), compression=None)]
    LocalPipelineExecutor(pipeline, tasks=2, workers=2, logging_dir=str(tmp_path / "logs")).run()
    written = [json.loads(line) for path in sorted(out.glob("*.jsonl")) for line in path.open(encoding="utf-8")]
    return {d["id"]: d for d in written}


def test_extractor_gives_the_records_of_clean_many(tmp_path: Path, cleaner_instance: cleaner.Cleaner) -> None:
    docs = public_pages(12)
    got = run_pipeline(CleanerExtractor(), docs, "html", tmp_path)
    records = cleaner_instance.clean_many(docs, field="html", output="record")
    expected = {d["id"]: r for d, r in zip(docs, records, strict=True) if r["text"]}
    assert set(got) == set(expected)
    for doc_id, record in expected.items():
        assert got[doc_id]["text"] == record["text"]
        assert got[doc_id]["metadata"] == {
            **document_metadata(record),
            "file_path": got[doc_id]["metadata"]["file_path"],
        }
        assert json.loads(got[doc_id]["metadata"]["spans"]) == record["spans"]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    step = next(s for s in stats if "cleaner" in s["name"])
    assert step["stats"]["total"] == step["stats"]["extracted"] == len(docs)


def test_text_step_flags_paragraphs_and_keeps_their_spans(tmp_path: Path, cleaner_instance: cleaner.Cleaner) -> None:
    docs = [{"id": str(i), "text": ARTICLE if i % 2 else ARTICLE.upper()} for i in range(4)]
    got = run_pipeline(CleanerText(min_quality=0.0), docs, "text", tmp_path)
    for doc in docs:
        record = cleaner_instance.clean(doc["text"], kind="text", cues=False).to_record()
        meta = got[doc["id"]]["metadata"]
        assert got[doc["id"]]["text"] == record["text"]
        assert meta["source_text"] == doc["text"]
        spans = json.loads(meta["spans"])
        assert [s[2] for s in spans] == [s[2] for s in record["spans"]]
        assert all(meta["source_text"][a:b] not in record["text"] for a, b, _, _ in spans)


def test_rules_are_validated_when_the_pipeline_is_built() -> None:
    with pytest.raises(cleaner.CleanerError, match="unknown label 'spam'"):
        CleanerExtractor(rules=[{"pattern": "x", "label": "spam"}])
