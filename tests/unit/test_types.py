"""The Result type: cues on demand, records without them, pickling whole."""

from __future__ import annotations

import pickle
from dataclasses import replace

from cleaner.core.types import Label, Result, Segment


def _result(calls: list[int]) -> Result:
    segs = (
        Segment(0, Label.CONTENT, 0.9, "Body text.", 0, 10, None, "p"),
        Segment(1, Label.POLL, 0.8, "Vote now", 12, 20, None, "p"),
    )

    def explain(plain: tuple[Segment, ...]) -> tuple[Segment, ...]:
        calls.append(1)
        return tuple(replace(s, cues=("word:vote",)) if s.label is Label.POLL else s for s in plain)

    return Result("Body text.", segs, "text", "Body text.\n\nVote now", "m", explain=explain)


def test_records_and_text_never_compute_cues() -> None:
    calls: list[int] = []
    result = _result(calls)
    record = result.to_record()
    assert record["spans"] == [[12, 20, "poll", 0.8]] and result.text == "Body text."
    assert record["quality"] == result.quality.to_dict()  # the quality summary reads plain segments too
    assert calls == []


def test_the_quality_summary_is_in_records_and_dicts() -> None:
    result = _result([])
    quality = result.quality
    assert quality.shares == {"content": 0.5556, "poll": 0.4444, "consent": 0.0, "promo": 0.0, "boilerplate": 0.0}
    assert quality.main_content is False  # two content words are no page's main content
    assert 0.0 <= quality.confidence <= 1.0
    assert result.to_dict()["quality"] == result.to_record()["quality"] == quality.to_dict()


def test_cues_are_computed_once_on_first_read() -> None:
    calls: list[int] = []
    result = _result(calls)
    assert result.flagged[0].cues == ("word:vote",)
    assert result.segments[1].cues == ("word:vote",) and calls == [1]


def test_a_result_pickles_with_its_cues() -> None:
    result = _result([])
    again = pickle.loads(pickle.dumps(result))
    assert again == result and again.segments[1].cues == ("word:vote",)
