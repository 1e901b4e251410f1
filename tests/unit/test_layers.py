"""The dependency direction of the folder tree: core imports no outer layer; the model does not import the runners."""

from __future__ import annotations

import ast
from pathlib import Path

import cleaner

PACKAGE = Path(cleaner.__file__).resolve().parent
FORBIDDEN = {
    "core": ("cleaner.model", "cleaner.runners", "cleaner.integrations", "cleaner.learning", "cleaner.api"),
    "model": ("cleaner.runners", "cleaner.integrations", "cleaner.learning", "cleaner.api"),
    "runners": ("cleaner.learning", "cleaner.integrations"),
}
OUTERMOST = {"runners/cli.py"}  # the command line is the outer shell: it also runs training and evaluation


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_layers_import_inwards_only() -> None:
    wrong = []
    for layer, forbidden in FORBIDDEN.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            if str(path.relative_to(PACKAGE)) in OUTERMOST:
                continue
            for name in _imports(path):
                if name.startswith(forbidden):
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not wrong, wrong


def test_the_package_does_not_import_optional_integrations_when_imported() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    top_level = {n.module for n in tree.body if isinstance(n, ast.ImportFrom) and n.module}
    assert not any(name.startswith("cleaner.integrations") for name in top_level)
