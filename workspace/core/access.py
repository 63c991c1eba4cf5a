"""The two answers every area's access helpers (``workspace/<area>/access.py``) give: 403 for a member of the
tenant who lacks the right (the object is not a secret inside one's own tenant), and 403 with the reason
for an object that is locked (an approved plan or project). Foreign objects are 404 in the loaders."""
from __future__ import annotations

from typing import NoReturn

from flask import abort

from workspace.core.errors import error_response


def require(condition: object) -> None:
    """403 unless ``condition``: the one place a missing right is answered."""
    if not condition:
        abort(403)


def refuse_locked(heading: str, reason: str) -> NoReturn:
    """403 on the one error page, saying why the object cannot be changed now."""
    abort(error_response(403, heading=heading, detail=reason))
