"""``--rules rules.toml`` on clean, batch and explain: applied and shown as a cue, or a one-line error (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.runners.cli import app

RULES = """
[[rule]]
name = "signup"
pattern = "(?i)^by completing the poll"
label = "promo"
"""


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


@pytest.fixture()
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(RULES, encoding="utf-8")
    return path


def test_clean_and_explain_apply_the_rules(rules: Path, example_text: str, tmp_path: Path) -> None:
    doc = tmp_path / "article.txt"
    doc.write_text(example_text, encoding="utf-8")
    result = invoke("clean", str(doc), "--rules", str(rules), "--format", "json")
    assert result.exit_code == 0, result.output
    (signup,) = [s for s in json.loads(result.output)["segments"] if s["text"].startswith("By completing the poll")]
    assert signup["label"] == "promo" and signup["cues"][0] == "rule:signup"
    explained = invoke("explain", str(doc), "--rules", str(rules))
    assert explained.exit_code == 0 and "rule:signup" in explained.output


def test_batch_applies_the_rules(rules: Path, example_text: str, tmp_path: Path) -> None:
    doc, out = tmp_path / "article.txt", tmp_path / "out.jsonl"
    doc.write_text(example_text, encoding="utf-8")
    result = invoke(
        "batch", str(doc), "--out", str(out), "--rules", str(rules), "--workers", "1", "--format", "compact"
    )
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert [s[2:] for s in record["spans"] if s[3] == 1.0] == [["promo", 1.0]] and "quality" in record


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rule]]\nselector = "div["\nlabel = "content"\n', "rule 1: bad CSS selector 'div['"),
        ('[[rule]]\npattern = "x"\nlabel = "spam"\n', "rule 1: unknown label 'spam'"),
        ('[[rule]]\npattern = "("\nforbid = "poll"\n', "rule 1: bad regex '('"),
        ("[[rule]\n", "is not TOML"),
    ],
)
@pytest.mark.parametrize("command", ["clean", "batch", "explain"])
def test_bad_rules_are_one_line_usage_errors(command: str, text: str, message: str, tmp_path: Path) -> None:
    path, doc = tmp_path / "rules.toml", tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    doc.write_text("Some text.", encoding="utf-8")
    extra = ["--out", str(tmp_path / "out.jsonl")] if command == "batch" else []
    result = invoke(command, str(doc), *extra, "--rules", str(path))
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("error:")
    assert not (tmp_path / "out.jsonl").exists()
