"""scripts/text_curve.py's threshold sweep on a hand-made document (no model, no benchmark data): caught, kept and
typed at each threshold, the shipped-floor family, and the single-newline rebuild's spans."""

from __future__ import annotations

import dataclasses
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from cleaner.core.decide import CONTENT_MIN_PROBABILITY, TEXT_CALL_TO_ACTION_FLOOR

from .conftest import load_script


@pytest.fixture(scope="module")
def tc() -> ModuleType:
    return load_script("text_curve")


ARTICLE = "The mayor said on Tuesday that the new bridge will open to traffic in May next year."
POLL = "Who will win?"
CONSENT = "By voting you accept our terms and cookie rules."


def doc(tc: ModuleType) -> Any:
    # columns in LABELS order: content, poll, consent, promo, boilerplate
    probs = np.array(
        [
            [0.90, 0.02, 0.03, 0.03, 0.02],  # editorial: content at every threshold below 0.9
            [0.30, 0.60, 0.05, 0.03, 0.02],  # poll question: arg-max poll
            [0.45, 0.05, 0.40, 0.05, 0.05],  # consent line: arg-max content, consent next
        ]
    )
    gold = [(ARTICLE, "content"), (POLL, "poll"), (CONSENT, "consent")]
    prose = np.array([True, False, True])
    return tc.DocProbs("d0", gold, tuple(t for t, _ in gold), probs, prose, ("content", "poll", "content"))


def test_threshold_sweep_caught_kept_typed(tc: ModuleType) -> None:
    d = doc(tc)
    rows = {r["t"]: r for r in tc.sweep([d], [0.0, 0.4, 0.5, 0.95])}
    assert rows[0.0]["caught"] == 0.0 and rows[0.0]["kept"] == 1.0  # nothing below P(content) 0
    assert rows[0.4]["caught"] == 0.5 and rows[0.4]["kept"] == 1.0 and rows[0.4]["typed"] == 0.5  # the poll only
    assert rows[0.4]["f1"]["poll"] == 1.0 and rows[0.4]["f1"]["consent"] == 0.0
    assert rows[0.5]["caught"] == 1.0 and rows[0.5]["kept"] == 1.0 and rows[0.5]["typed"] == 1.0  # consent too
    assert rows[0.95]["caught"] == 1.0 and rows[0.95]["kept"] == 0.0  # the article goes as well
    assert tc.threshold_labels(d, 0.95) == ("consent", "poll", "consent")  # typed by the likeliest junk label


def test_sweep_matches_scoring_each_threshold_afresh(tc: ModuleType) -> None:
    d, other = doc(tc), doc(tc)
    for t in (0.1, 0.35, 0.5, 0.95):
        (row,) = tc.sweep([d, other], [t])
        fresh = tc.summary(tc.score([d, other], [tc.threshold_labels(d, t)] * 2))
        assert row == {"t": t, **fresh}


def test_floor_family_passes_the_shipped_decision(tc: ModuleType) -> None:
    d = doc(tc)
    shipped_floor = CONTENT_MIN_PROBABILITY["text"]
    assert tc.floor_labels(d, shipped_floor) == d.shipped  # arg-max (poll), prose kept above the floor
    assert tc.floor_labels(d, 0.5) == ("content", "poll", "content")  # arg-max content still wins
    assert tc.floor_labels(d, 0.0) == ("content", "poll", "content")  # the short poll line is never floored
    assert tc.best_at_target(tc.sweep([d], [0.0, 0.4, 0.5, 0.95]))["t"] == 0.5


def test_floor_family_keeps_a_likely_call_to_action_flagged(tc: ModuleType) -> None:
    d = doc(tc)
    d.prose[1] = True  # the poll question as a long line
    d.probs[1] = [0.25, 0.65, 0.05, 0.03, 0.02]
    assert TEXT_CALL_TO_ACTION_FLOOR > 0.25 > 0.1
    assert tc.floor_labels(d, 0.1)[1] == "poll"  # below the call-to-action floor
    assert tc.floor_labels(d, 0.2)[1] == "poll"
    d.probs[1] = [0.25, 0.05, 0.05, 0.03, 0.62]
    assert tc.floor_labels(d, 0.1)[1] == "content"  # furniture keeps the plain floor


def test_floor_family_keeps_consent_with_a_consent_word_flagged(tc: ModuleType) -> None:
    d = doc(tc)
    d.probs[2] = [0.25, 0.05, 0.62, 0.05, 0.03]  # the consent line, now arg-max consent
    d = dataclasses.replace(d, consent_words=np.array([0.0, 0.0, 0.0]))
    assert tc.floor_labels(d, 0.1)[2] == "content"  # no consent word: the plain floor keeps it
    d = dataclasses.replace(d, consent_words=np.array([0.0, 0.0, 1.0]))
    assert tc.floor_labels(d, 0.1)[2] == "consent"  # below the call-to-action floor
    d.probs[2] = [0.62, 0.03, 0.30, 0.03, 0.02]  # content wins the arg-max...
    assert tc.floor_labels(d, 0.1)[2] == "content"
    d = dataclasses.replace(d, consent_words=np.array([0.0, 0.0, 2.0]))
    assert tc.floor_labels(d, 0.1)[2] == "consent"  # ...but two consent words and P(consent) 0.3 make it consent


def test_single_newline_rebuild_keeps_gold_spans(tc: ModuleType) -> None:
    rec: dict[str, Any] = {
        "id": "x",
        "text": "\n\n".join((ARTICLE, POLL, CONSENT)),
        "paragraphs": [
            {"text": ARTICLE, "label": "content"},
            {"text": POLL, "label": "poll"},
            {"text": CONSENT, "label": "consent"},
        ],
    }
    both = tc.versions(rec)
    single, gold = both["single"]
    assert single == f"{ARTICLE}\n{POLL}\n{CONSENT}" and gold == both["blank"][1]
    text, spans = tc.join_paragraphs([ARTICLE, POLL, CONSENT], "\n")
    assert [text[a:b] for a, b in spans] == [ARTICLE, POLL, CONSENT]
    with pytest.raises(SystemExit):
        tc.versions({**rec, "text": rec["text"] + " extra"})
