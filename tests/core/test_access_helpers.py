"""Access is checked by one helper per object kind (``workspace/<area>/access.py``), never by hand in a view.

Every view module (``workspace/**/*views*.py``) and public module (``workspace/**/public*.py``) is parsed; a
function there that answers 403 itself (``abort(403)``, or ``abort(403 if … else 404)``), or that answers 404
right after a permission check of its own (``if not can_…(…): abort(404)``), is listed: the check belongs in
the area's access helper (or ``workspace.core.access.require`` for a right that has no object)."""
from __future__ import annotations

import ast
from pathlib import Path

import workspace

ROOT = Path(workspace.__file__).parent
PERMISSION_PREFIXES = ("can_", "may_", "has_role", "is_base_manager", "is_provider", "is_side_manager",
                       "manages_", "reads_")


def _view_modules() -> list[Path]:
    found = set(ROOT.glob("**/*views*.py")) | set(ROOT.glob("**/public*.py"))
    return sorted(path for path in found if "__pycache__" not in path.parts)


def _is_abort(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "abort"
            and bool(node.args))


def _mentions(node: ast.AST, code: int) -> bool:
    return any(isinstance(part, ast.Constant) and part.value == code for part in ast.walk(node))


def _calls_permission(test: ast.AST) -> bool:
    for part in ast.walk(test):
        if isinstance(part, ast.Call):
            name = part.func.id if isinstance(part.func, ast.Name) else getattr(part.func, "attr", "")
            if name.startswith(PERMISSION_PREFIXES):
                return True
    return False


def _hand_checks(function: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(function):
        if _is_abort(node) and _mentions(node.args[0], 403):
            found.append(f"abort(403) at line {node.lineno}")
        elif isinstance(node, ast.If) and _calls_permission(node.test):
            for statement in node.body:
                if (isinstance(statement, ast.Expr) and _is_abort(statement.value)
                        and _mentions(statement.value.args[0], 404)):
                    found.append(f"abort(404) after a permission check at line {statement.lineno}")
    return found


def hand_written_checks() -> list[str]:
    listed = []
    for path in _view_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for where in _hand_checks(node):
                    listed.append(f"{path.relative_to(ROOT.parent)}: {node.name}(): {where}")
    return listed


def test_the_walk_sees_the_view_modules():
    names = {path.name for path in _view_modules()}
    assert {"views.py", "detail_views.py", "public.py", "public_views.py"} <= names


def test_no_view_checks_access_by_hand():
    listed = hand_written_checks()
    assert not listed, "access checked by hand (use the area's access helper):\n" + "\n".join(listed)
