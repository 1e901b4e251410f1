"""The streaming API: ``Cleaner.clean_many`` over a process pool, compact records, bounded input."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import numpy as np
import pytest

import cleaner
from cleaner.runners import stream

ARTICLE = (
    "The council approved the new budget on Tuesday after a four-hour debate about road repairs.\n\n"
    "By completing the poll, you agree to receive emails from us and to our privacy policy.\n\n"
    "The budget now goes to the mayor, who is expected to sign it before the end of the month."
)
PAGE = (
    "<html><head><title>Harbour reopens</title></head><body><nav><a href='/'>Home</a> | <a href='/n'>News</a></nav>"
    "<article><h1>Harbour reopens after storm repairs</h1><p>The harbour reopened to fishing boats on Monday after "
    "three weeks of repairs to the sea wall, which was breached during the storm.</p><p>Engineers replaced more "
    "than 200 metres of masonry, the harbour authority said in a statement on Monday.</p></article>"
    "<div class='cookie-banner'><p>We use cookies to improve your experience. By continuing to browse you accept "
    "our use of cookies.</p><button>Accept all</button></div><footer>© 2024 Harbour Times</footer></body></html>"
)


def numbered_docs() -> Iterator[str]:
    """An endless stream of distinct documents."""
    for n in itertools.count():
        yield f"Item {n}. " + ARTICLE if n % 2 else PAGE.replace("Monday", f"day {n}")


def test_pool_results_equal_in_process_results_in_order(cleaner_instance: cleaner.Cleaner) -> None:
    docs = list(itertools.islice(numbered_docs(), 30))
    expected = [r.to_dict() for r in cleaner_instance.clean_many(docs)]
    # an endless generator: the pool must pull lazily and hand results on in input order
    pooled = cleaner_instance.clean_many(numbered_docs(), workers=2, chunk_size=3)
    got = [r.to_dict() for r in itertools.islice(pooled, 30)]
    pooled.close()
    assert got == expected


def test_input_is_pulled_only_a_bounded_window_ahead(cleaner_instance: cleaner.Cleaner) -> None:
    pulled = 0

    def counted() -> Iterator[str]:
        nonlocal pulled
        for doc in numbered_docs():
            pulled += 1
            yield doc

    workers, chunk_size = 2, 4
    window = workers * stream.CHUNKS_PER_WORKER * chunk_size + chunk_size
    results = cleaner_instance.clean_many(counted(), workers=workers, chunk_size=chunk_size, output="record")
    for taken, _ in enumerate(itertools.islice(results, 60), 1):
        assert pulled <= taken + window
    results.close()
    assert pulled <= 60 + window


def test_dict_documents_errors_in_place_and_records(cleaner_instance: cleaner.Cleaner) -> None:
    docs = [
        {"id": "a", "text": ARTICLE},
        {"id": "b", "body": "no text field"},
        {"id": "c", "html": PAGE, "text": "the html field wins"},
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        12345,
    ]
    for workers in (1, 2):
        out = list(cleaner_instance.clean_many(docs, workers=workers, output="record", on_error="return"))
        assert len(out) == len(docs)
        assert out[0]["kind"] == "text" and "error" not in out[0]
        assert out[1] == {"error": "InputError: no 'html' or 'text' field"}
        assert out[2]["kind"] == "html" and "Harbour reopens" in out[2]["text"]
        assert out[3]["error"].startswith("InputError: input is a PNG image")
        assert out[4]["error"] == "InputError: a document is str, bytes or a mapping, not int"
        json.dumps(out)  # JSON-ready
    results = list(cleaner_instance.clean_many(docs[:2], on_error="return"))
    assert isinstance(results[0], cleaner.Result) and isinstance(results[1], cleaner.InputError)
    with pytest.raises(cleaner.InputError, match="no 'html' or 'text' field"):
        list(cleaner_instance.clean_many(docs[:2], workers=2))
    named = next(cleaner_instance.clean_many([{"body": ARTICLE}], field="body", output="record"))
    assert named["kind"] == "text"
    (wrong,) = cleaner_instance.clean_many([{"text": None}], output="record", on_error="return")
    assert wrong == {"error": "InputError: field 'text' holds NoneType, not a document"}


def test_compact_record_spans_cut_the_original_text(cleaner_instance: cleaner.Cleaner, example_text: str) -> None:
    record = next(cleaner_instance.clean_many([example_text], output="record"))
    assert set(record) == {"text", "spans", "flagged_share", "quality", "kind", "model_version", "warnings"}
    spans = [(example_text[start:end], label) for start, end, label, _ in record["spans"]]
    assert [label for _, label in spans] == ["poll", "consent"]  # the worked example
    assert spans[0][0] == "Who do you think would win the Presidency?"
    assert spans[1][0].startswith("By completing the poll, you agree to receive emails")
    assert all(0.5 <= conf <= 1.0 for *_, conf in record["spans"])
    assert set(record["flagged_share"]) == {"poll", "consent", "promo", "boilerplate"}
    assert record["flagged_share"]["promo"] == record["flagged_share"]["boilerplate"] == 0.0
    flagged_chars = sum(end - start for start, end, *_ in record["spans"])
    content_chars = sum(len(p) for p in record["text"].split("\n\n"))
    assert sum(record["flagged_share"].values()) == pytest.approx(
        flagged_chars / (flagged_chars + content_chars), abs=1e-3
    )

    page = next(cleaner_instance.clean_many([PAGE], output="record"))
    result = cleaner_instance.clean(PAGE)
    assert page["kind"] == "html" and page["source_text"] == result.source_text and page["text"] == result.text
    assert [page["source_text"][s:e] for s, e, *_ in page["spans"]] == [s.text for s in result.flagged]
    cookie = "We use cookies to improve your experience. By continuing to browse you accept our use of cookies."
    assert (cookie, "consent") in [(page["source_text"][s:e], label) for s, e, label, _ in page["spans"]]


def test_time_limit_and_bad_arguments(cleaner_instance: cleaner.Cleaner) -> None:
    with pytest.raises(ValueError, match="output must be"):
        cleaner_instance.clean_many([ARTICLE], output="full")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least 1"):
        list(cleaner_instance.clean_many([ARTICLE], workers=0))
    huge = "<div>" + "<p>word " * 200_000
    (record,) = cleaner_instance.clean_many([huge], output="record", on_error="return", time_limit=0.05)
    assert record == {"error": "TimeLimitError: took longer than the time limit of 0.05 s"}


def test_a_chunk_cleaned_with_one_model_call_gives_each_documents_own_result(
    cleaner_instance: cleaner.Cleaner,
) -> None:
    from cleaner.core import pipeline

    docs: list[object] = [PAGE, ARTICLE, "", {"text": ARTICLE}, {"html": 5}, PAGE.replace("Monday", "Friday")]
    one_by_one = [next(cleaner_instance.clean_many([d], on_error="return")) for d in docs]
    batched = list(cleaner_instance.clean_many(docs, on_error="return", chunk_size=4))
    for alone, together in zip(one_by_one, batched, strict=True):
        if isinstance(alone, Exception):
            assert type(together) is type(alone) and str(together) == str(alone)
        else:
            assert together.to_dict() == alone.to_dict()
    prepared = [pipeline.prepare(d, cleaner_instance.config) for d in (PAGE, ARTICLE, "", PAGE)]
    stacked = pipeline.probabilities(cleaner_instance.model, [p.features for p in prepared])
    for p, probs in zip(prepared, stacked, strict=True):
        (alone_probs,) = pipeline.probabilities(cleaner_instance.model, [p.features])
        assert np.array_equal(probs, alone_probs)  # exactly: no row reads another document's rows


def test_a_failure_in_a_chunk_is_raised_after_the_outputs_before_it(cleaner_instance: cleaner.Cleaner) -> None:
    out = cleaner_instance.clean_many([ARTICLE, ARTICLE, {"html": 5}, ARTICLE], chunk_size=8)
    assert next(out).text and next(out).text
    with pytest.raises(cleaner.InputError):
        next(out)


def test_a_pool_broken_before_a_submit_hands_back_a_failed_future() -> None:
    from concurrent.futures.process import BrokenProcessPool

    from cleaner.runners import stream

    class Broken:
        def submit(self, fn, *args):  # type: ignore[no-untyped-def]
            raise BrokenProcessPool("a child process terminated abruptly")

    pool = stream._Pool.__new__(stream._Pool)  # no workers started: only submit is exercised
    pool.executor = Broken()  # type: ignore[assignment]
    future = pool.submit(print, "never runs")
    assert future.done() and isinstance(future.exception(), BrokenProcessPool)
