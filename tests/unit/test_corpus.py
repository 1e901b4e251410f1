"""Gold labels of annotated pages, for blocks read one element at a time and for units (tables, lists)."""

from __future__ import annotations

import json
from pathlib import Path

from cleaner.learning import corpus


def test_a_unit_takes_the_label_of_most_of_its_text() -> None:
    page = (
        '<html><body data-label="boilerplate"><article data-label="content"><p>Story text.</p>'
        '<ul><li>A long first item of the story</li><li data-label="promo">Subscribe</li></ul>'
        '<ul data-label="poll"><li>Yes</li><li>No</li></ul></article></body></html>'
    )
    blocks, labels, *_ = corpus.page_labels(page)
    assert [(b.tag, label) for b, label in zip(blocks, labels, strict=True)] == [
        ("p", "content"),
        ("ul", "content"),
        ("ul", "poll"),
    ]


def test_a_gold_page_labels_a_unit_from_the_segments_inside_it() -> None:
    record = {
        "id": "set/1",
        "html": "<html><body><p>Intro.</p><table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>"
        "</body></html>",
        "segments": [
            {"xpath": "/html/body/p", "text": "Intro.", "label": "content"},
            {"xpath": "/html/body/table/tr[1]/td[1]", "text": "a", "label": "promo"},
            {"xpath": "/html/body/table/tr[2]/td[1]", "text": "b", "label": "promo"},
        ],
    }
    doc = corpus.gold_page(record, "test")
    assert [(b.tag, label) for b, label in zip(doc.blocks, doc.labels, strict=True)] == [
        ("p", "content"),
        ("table", "promo"),
    ]


def test_a_labelled_paragraph_stays_one_block_even_when_it_ends_like_a_widget() -> None:
    pitch = "Learn a language with our course in ten minutes a day, every day of the week. Try it free for a week."
    record = {"id": "d", "paragraphs": [{"text": "An editorial paragraph.", "label": "content"}]}
    record["paragraphs"].append({"text": pitch, "label": "promo"})
    doc = corpus.text_doc(record, "t.jsonl")
    assert [b.text for b in doc.blocks] == ["An editorial paragraph.", pitch]
    assert doc.labels == ["content", "promo"]


def test_a_text_only_record_marks_its_rows_for_the_plain_text_model_alone() -> None:
    from cleaner.learning import training

    paragraphs = [
        {"text": "An editorial paragraph of the story.", "label": "content"},
        {"text": "Vote now", "label": "poll"},
    ]
    shared = corpus.text_doc({"id": "a", "paragraphs": paragraphs}, "a.jsonl:1")
    only = corpus.text_doc({"id": "b", "paragraphs": paragraphs, "text_only": True}, "a.jsonl:2")
    assert (shared.text_only, only.text_only) == (False, True)
    data = training.prepare([shared, only])
    X, _, _ = data.stack()
    assert data.text_only().tolist() == [False, False, True, True]
    assert data.text_only([1]).tolist() == [True, True]
    assert len(data.text_only()) == X.shape[0]


def test_the_data_check_refuses_a_text_only_flag_that_is_not_a_boolean(tmp_path: Path) -> None:
    from cleaner.learning.datacheck import check

    record = {"id": "a", "paragraphs": [{"text": "A paragraph.", "label": "content"}], "text_only": "yes"}
    (tmp_path / "t.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert [p.kind for p in check([tmp_path])] == ["format"]
    record["text_only"] = True
    (tmp_path / "t.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert list(check([tmp_path])) == []


def test_a_ruled_block_is_no_training_row() -> None:
    # A drop-down's options are labelled by a rule, never by the model (``pipeline.document_blocks`` leaves them out).
    page = (
        '<html><body data-label="boilerplate"><article data-label="content"><p>Story text.</p>'
        "<table><tr><td><select><option>Choose a size</option><option>Large</option></select></td></tr></table>"
        "<p>More story text.</p></article></body></html>"
    )
    blocks, labels, *_ = corpus.page_labels(page)
    assert [b.tag for b in blocks] == ["p", "p"]
    assert all(b.path for b in blocks) and labels == ["content", "content"]
