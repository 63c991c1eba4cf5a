"""Migrations are history: they carry their SQL as fixed text and import nothing of the live application
(editing tenants/rls.py, or any model, must not change what an old migration does)."""
from __future__ import annotations

import ast
from pathlib import Path

VERSIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_no_migration_imports_the_application():
    importing = {path.name: sorted(module for module in _imported_modules(path)
                                   if module.split(".")[0] in ("tenants", "workspace"))
                 for path in sorted(VERSIONS.glob("*.py"))}
    assert {name: modules for name, modules in importing.items() if modules} == {}
