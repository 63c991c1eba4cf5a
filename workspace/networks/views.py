"""The network page (with its interaction model: partner — forms of interaction — social effect) and the model's
downloads."""
from __future__ import annotations

from flask import Response, g
from flask_login import login_required
from sqlalchemy import select

from tenants.models import Institution
from tenants.permissions import (
    can_archive_network,
    can_invite_partners,
    can_leave_network,
    can_manage_council,
)
from workspace.core.documents import DOCX_MIMETYPE
from workspace.core.excel import xlsx_response
from workspace.core.rendering import render
from workspace.core.uploads import content_disposition
from workspace.extensions import db
from workspace.networks import bp
from workspace.networks.exports import interaction_model_docx, interaction_model_xlsx
from workspace.networks.interaction import rows_of_current_network
from workspace.networks.interaction_views import model_context
from workspace.networks.queries import base_institution, members_of_current_network


def _page_context() -> dict:
    network = g.network
    members = members_of_current_network()
    base = next((m.institution for m in members if m.institution_id == network.base_institution_id), None)
    if base is None:
        base = db.session.scalar(select(Institution).where(Institution.id == network.base_institution_id))
    return {
        **model_context(),
        "members": members,
        "base_institution": base,
        "can_manage_council": can_manage_council(network),
        "can_invite": can_invite_partners(network),
        "can_archive": can_archive_network(network),
        "can_leave": can_leave_network(network, g.get("membership")),
    }


@bp.get("/")
@login_required
def show_network():
    return render("networks/page.html", **_page_context())


@bp.get("/model.docx")
@login_required
def export_model_docx():
    network = g.network
    response = Response(interaction_model_docx(network, base_institution(), rows_of_current_network()),
                        mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = content_disposition(f"interaction-model-{network.slug}.docx")
    return response


@bp.get("/model.xlsx")
@login_required
def export_model_xlsx():
    network = g.network
    return xlsx_response(interaction_model_xlsx(network, rows_of_current_network()),
                         f"interaction-model-{network.slug}.xlsx")
