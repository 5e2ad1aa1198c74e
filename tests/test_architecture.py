"""The layering rules of the package: textual only in the TUI, the domain never imports the UI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "quizapp"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_textual_is_imported_only_by_the_tui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "tui":
            continue
        for module in _imported_modules(path):
            if module == "textual" or module.startswith("textual.") or module.startswith("textual_"):
                offenders.append(f"{relative}: {module}")
    assert offenders == []


def test_domain_never_imports_ui_or_cli():
    domain = {"deck", "ingest", "facts", "questions", "reference", "study", "storage", "interop"}
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] not in domain:
            continue
        for module in _imported_modules(path):
            if module.startswith("quizapp.tui") or module == "quizapp.cli":
                offenders.append(f"{relative}: {module}")
    assert offenders == []


def test_import_linter_contracts_hold():
    """The same rules, checked by import-linter over the real import graph."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
        ],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
