"""History pages: an institution's objects (its own users) and a network's (its participants).

``?type=Agreement&id=5`` narrows a history to one shared object and its children (the entries whose subject
it is); a shared object's page loads that as a fragment (HX-Target ``object-history``), and links to the
whole list for readers without JavaScript.
"""
from __future__ import annotations

from flask import request
from flask_login import login_required
from sqlalchemy import select

from workspace.audit import bp
from workspace.audit.display import readable
from workspace.audit.labels import OBJECT_TYPES, object_type
from workspace.audit.models import InstitutionAuditEntry, NetworkAuditEntry
from workspace.audit.privacy import readable_condition
from workspace.core.pagination import paginate
from workspace.core.rendering import render

PARTIALS = {"history": "audit/_entries.html", "object-history": "audit/_object_history.html"}


def _subject() -> tuple[str, int] | None:
    """The shared object asked for, if it is a kind the history knows and a number."""
    kind, number = request.args.get("type", ""), request.args.get("id", type=int)
    return (kind, number) if kind in OBJECT_TYPES and number else None


def _history(model, endpoint: str):
    statement = select(model).where(readable_condition(model)).order_by(model.id.desc())
    subject = _subject()
    if subject is not None:
        statement = statement.where(model.subject_type == subject[0], model.subject_id == subject[1])
    page = paginate(statement)
    return render("audit/history.html", page=page, lines=readable(page.items), endpoint=endpoint,
                  subject=subject, subject_name=object_type(subject[0]) if subject else "",
                  pager_args={"type": subject[0], "id": subject[1]} if subject else {}, partials=PARTIALS)


@bp.get("/i/<institution>/history")
@login_required
def institution_history():
    return _history(InstitutionAuditEntry, "audit.institution_history")


@bp.get("/n/<network>/history")
@login_required
def network_history():
    return _history(NetworkAuditEntry, "audit.network_history")
