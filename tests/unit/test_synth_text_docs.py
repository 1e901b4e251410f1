"""The plain-text generator's spelling variants of injected lines (scripts/synth/text_docs.py, issue 14)."""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from synth import text_docs  # noqa: E402
from synth.parts import Article  # noqa: E402

LINE = "Notify me of follow-up comments by email."


def test_respell_covers_the_variants() -> None:
    seen = {text_docs.respell(LINE, random.Random(i)) for i in range(400)}
    assert "Notify me of followup comments via e-mail" in seen
    assert "Notify me of follow up comments by e-mail." in seen
    assert LINE in seen
    for s in seen:
        assert s.startswith("Notify me of follow")
        assert s.rstrip(".").endswith(("email", "e-mail"))


def test_respell_keeps_case_and_plural() -> None:
    for i in range(50):
        out = text_docs.respell("E-Mails FOLLOW-UP via Email", random.Random(i)).rstrip(".")
        first, rest = out.split(" ", 1)
        assert first in ("Emails", "E-mails")
        assert rest.startswith(("FOLLOW-UP ", "FOLLOWUP ", "FOLLOW UP "))
        assert rest.endswith((" by Email", " via Email", " by E-mail", " via E-mail"))


def test_respell_leaves_other_words_alone() -> None:
    for i in range(50):
        out = text_docs.respell("Gmail users emailing the followers", random.Random(i))
        assert out.rstrip(".") == "Gmail users emailing the followers"


def test_respelt_is_deterministic_and_spares_content() -> None:
    group = [("consent", LINE), ("content", "We email follow-up questions by email."), ("consent", LINE)]
    a = text_docs._respelt(group, "site|10|3")
    assert a == text_docs._respelt(group, "site|10|3")
    assert a[1] == group[1]
    changed = sum(text_docs._respelt([("consent", LINE)], f"k{i}")[0][1] != LINE for i in range(300))
    assert 30 < changed < 150  # about SPELLING_VARIANT of the lines, minus draws that land on the same spelling


def test_make_text_is_deterministic() -> None:
    art = Article(
        slug="t",
        lang="en",
        meta={"title": "A title", "genre": "news"},
        blocks=[("para", f"Paragraph number {i} of the article body.") for i in range(6)],
    )
    lines = {"en": [[("consent", LINE), ("consent", "Notify me of new posts by email.")]]}

    def run(seed: int) -> list[tuple[str, str]]:
        furniture = SimpleNamespace(sites={"en": ["Site"]})
        return text_docs.make_text(art, lines, {}, furniture, random.Random(seed), "Site")  # type: ignore[arg-type]

    for seed in range(20):
        assert run(seed) == run(seed)
    labels = {lab for seed in range(20) for lab, _ in run(seed)}
    assert labels <= {"content", "consent", "boilerplate"}


def test_text_only_lines_make_their_own_documents_and_leave_the_shared_ones_alone(tmp_path: Path) -> None:
    from synth import PARTS
    from synth.build import TEXT_ONLY_FOLDER, generate

    parts = tmp_path / "parts"
    parts.mkdir()
    for name in ("articles", "snippets", "templates", "furniture.json"):
        (parts / name).symlink_to(PARTS / name)
    shutil.copytree(PARTS / "lines", parts / "lines", ignore=shutil.ignore_patterns("text-only"))
    generate(2, 0, 30, tmp_path / "before", parts, n_text_only=10)
    assert not (tmp_path / "before" / "texts" / "text-only.jsonl").exists()  # no text-only lines: no documents
    (parts / TEXT_ONLY_FOLDER).mkdir()
    (parts / TEXT_ONLY_FOLDER / "en.test.txt").write_text(f"consent: {LINE}\n\npromo: Try the app.\n")
    generate(2, 0, 30, tmp_path / "after", parts, n_text_only=10)
    shared = "texts/generated.jsonl"
    assert (tmp_path / "after" / shared).read_bytes() == (tmp_path / "before" / shared).read_bytes()
    records = [json.loads(line) for line in (tmp_path / "after" / "texts" / "text-only.jsonl").open()]
    assert len(records) == 10
    assert all(r["text_only"] is True and r["id"].startswith("text-only-") for r in records)
