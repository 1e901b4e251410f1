"""The README's "Your stack" snippets run as written, as scripts, from a folder with ../shared beside it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import REPO
from .test_readme_pipeline import run_snippet


def stack_snippets() -> dict[str, str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your stack", 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"\n### ", section)[1:]
    return {
        part.split("\n", 1)[0].split(":")[0]: re.findall(r"```python\n(.*?)```", part, flags=re.S)[0] for part in parts
    }


def test_the_section_has_its_four_snippets() -> None:
    assert list(stack_snippets()) == ["Parsed pages", "Rules", "Page quality", "datatrove"]


def test_parsed_pages_snippet(tmp_path: Path) -> None:
    pytest.importorskip("bs4")
    stdout = run_snippet(stack_snippets()["Parsed pages"], tmp_path).splitlines()
    assert stdout[0] == "True" and stdout[1] and stdout[2] in ("True", "False")


def test_rules_snippet(tmp_path: Path) -> None:
    stdout = run_snippet(stack_snippets()["Rules"], tmp_path)
    assert "promo 1.0 rule:signup By completing the poll" in stdout
    assert not any(line.startswith("poll ") for line in stdout.splitlines())
    assert (tmp_path / "work" / "rules.toml").exists()


def test_page_quality_snippet(tmp_path: Path) -> None:
    lines = run_snippet(stack_snippets()["Page quality"], tmp_path).splitlines()
    assert len(lines) == 8 and all(line.split()[1] in ("keep", "drop") for line in lines)


def test_datatrove_snippet(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    pytest.importorskip("orjson")
    run_snippet(stack_snippets()["datatrove"], tmp_path)
    written = sorted((tmp_path / "work" / "clean").glob("*.jsonl"))
    docs = [json.loads(line) for path in written for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(written) == 2 and 0 < len(docs) <= 20
    assert all(d["text"] and d["metadata"]["quality_confidence"] >= 0.1 and "spans" in d["metadata"] for d in docs)
