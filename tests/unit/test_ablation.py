"""scripts/ablation.py: its ablations name real parts, and its table shows each one's difference from the control."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "ablation.py"


def _module():
    spec = importlib.util.spec_from_file_location("ablation_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_ablation_leaves_out_parts_that_exist_or_switches_a_signal_off() -> None:
    ablation = _module()
    for name, spec in ablation.ABLATIONS.items():
        if name == "control":
            assert not spec.leave_out and spec.switch_off is None
            continue
        matched = [p for pattern in spec.leave_out for p in ablation.PARTS.glob(pattern)]
        assert matched or spec.switch_off is not None, name
        assert not spec.leave_out or matched, f"{name}: its globs match no part file"


def test_switching_the_consent_platform_rules_off_removes_the_cmp_landmark() -> None:
    ablation = _module()
    import cleaner.core.segment as segment
    from cleaner.core import parse

    markup = '<body><div id="onetrust-banner-sdk"><p>We use cookies.</p></div></body>'
    original = segment.consent_platform_tokens
    try:
        root = parse.parse_html(markup)
        assert root is not None
        (block,) = segment.html_blocks(root, max_blocks=10, max_block_chars=1000)[0]
        assert "cmp" in block.landmarks
        ablation._no_consent_platform_rules()
        root = parse.parse_html(markup)
        assert root is not None
        (block,) = segment.html_blocks(root, max_blocks=10, max_block_chars=1000)[0]
        assert "cmp" not in block.landmarks
    finally:
        segment.consent_platform_tokens = original


def test_switching_the_page_signals_off_removes_json_ld_and_body_microdata(monkeypatch) -> None:
    ablation = _module()
    import cleaner.core.segment as segment
    from cleaner.core import pipeline
    from cleaner.core.config import CleanerConfig

    body = "A paragraph of the story that the page also states in its own JSON-LD body text, word for word."
    markup = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "' + body + '"}'
        f'</script></head><body><div itemprop="articleBody"><p>{body}</p></div></body></html>'
    )
    monkeypatch.setattr(segment, "page_json_ld_text", segment.page_json_ld_text)  # restored after the test
    monkeypatch.setattr(segment, "BODY_ITEMPROPS", segment.BODY_ITEMPROPS)
    doc = pipeline.document_blocks(markup, CleanerConfig())
    assert doc.json_ld and "body_prop" in doc.blocks[0].landmarks
    ablation._no_json_ld()
    ablation._no_body_microdata()
    doc = pipeline.document_blocks(markup, CleanerConfig())
    assert not doc.json_ld and "body_prop" not in doc.blocks[0].landmarks


def test_the_table_gives_each_ablations_difference_from_the_control() -> None:
    ablation = _module()

    def run(f1: float) -> dict:
        return {"measured": {"datasets": {"cetd": {"metrics": {"f1": {"value": f1, "sd": 0.01}}}}}}

    rows = ablation.table({"control": run(0.9), "no-cmp-rules": run(0.85)})
    assert rows[-1] == "| `cetd` | f1 | 0.9000 (± 0.0100) | -0.0500 |"
