"""History pages: an institution's objects (its own users) and a network's (its participants)."""
from __future__ import annotations

from flask_login import login_required
from sqlalchemy import select

from workspace.audit import bp
from workspace.audit.models import InstitutionAuditEntry, NetworkAuditEntry
from workspace.core.pagination import paginate
from workspace.core.rendering import render


@bp.get("/i/<institution>/history")
@login_required
def institution_history():
    page = paginate(select(InstitutionAuditEntry).order_by(InstitutionAuditEntry.id.desc()))
    return render("audit/history.html", page=page, endpoint="audit.institution_history",
                  partials={"history": "audit/_entries.html"})


@bp.get("/n/<network>/history")
@login_required
def network_history():
    page = paginate(select(NetworkAuditEntry).order_by(NetworkAuditEntry.id.desc()))
    return render("audit/history.html", page=page, endpoint="audit.network_history",
                  partials={"history": "audit/_entries.html"})
