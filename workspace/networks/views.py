"""The network page and its interaction model (partner — forms of interaction — social effect)."""
from __future__ import annotations

from flask import Response, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from tenants.models import Institution
from tenants.permissions import (
    can_archive_network,
    can_edit_membership,
    can_invite_partners,
    can_leave_network,
    can_manage_council,
)
from workspace.core.documents import DOCX_MIMETYPE
from workspace.core.excel import xlsx_response
from workspace.core.locking import is_stale
from workspace.core.rendering import render
from workspace.core.uploads import content_disposition
from workspace.extensions import db, htmx
from workspace.networks import bp
from workspace.networks.access import editable_membership_or_404
from workspace.networks.exports import interaction_model_docx, interaction_model_xlsx
from workspace.networks.forms import InteractionModelForm
from workspace.networks.queries import get_membership_or_404, members_of_current_network


def _page_context() -> dict:
    network = g.network
    members = members_of_current_network()
    base = next((m.institution for m in members if m.institution_id == network.base_institution_id), None)
    if base is None:
        base = db.session.scalar(select(Institution).where(Institution.id == network.base_institution_id))
    return {
        "network": network,
        "members": members,
        "base_institution": base,
        "editable": set() if network.is_archived else {m.id for m in members if can_edit_membership(network, m)},
        "can_manage_council": can_manage_council(network),
        "can_invite": can_invite_partners(network),
        "can_archive": can_archive_network(network),
        "can_leave": can_leave_network(network, g.get("membership")),
    }


@bp.get("/")
@login_required
def show_network():
    return render("networks/page.html", **_page_context())


@bp.get("/members/<int:membership_id>")
@login_required
def show_member(membership_id: int):
    membership = get_membership_or_404(membership_id)
    if htmx:
        return render("networks/_member_row.html", member=membership,
                      can_edit=can_edit_membership(g.network, membership))
    return redirect(url_for("networks.show_network", _anchor=f"member-{membership.id}"))


@bp.route("/members/<int:membership_id>/edit", methods=["GET", "POST"])
@login_required
def edit_member(membership_id: int):
    membership = editable_membership_or_404(membership_id)
    form = InteractionModelForm(obj=membership if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(membership.version)
    partials = {f"member-{membership.id}": "networks/_member_form_row.html"}
    status = 200
    conflict = None
    if form.validate_on_submit():
        if is_stale(membership, form.version.data):
            conflict = membership
            form.version.data = str(membership.version)
            form.form_errors.append(_("Эту строку только что изменил другой пользователь. Его вариант "
                                      "показан ниже; ваш текст остался в полях — сохраните ещё раз, "
                                      "если он вернее."))
            status = 409
        else:
            membership.interaction_forms = form.interaction_forms.data or ""
            membership.social_effect = form.social_effect.data or ""
            db.session.flush()
            if htmx:
                return render("networks/_member_row.html", member=membership, can_edit=True)
            return redirect(url_for("networks.show_network", _anchor=f"member-{membership.id}"))
    elif form.errors:
        status = 422
    return render("networks/edit_member.html", partials=partials, status=status,
                  member=membership, form=form, conflict=conflict)


def _model_context():
    """(network, its base institution, its members) for the interaction model's downloads."""
    network, members = g.network, members_of_current_network()
    base = next((m.institution for m in members if m.institution_id == network.base_institution_id), None)
    if base is None:
        base = db.session.scalar(select(Institution).where(Institution.id == network.base_institution_id))
    return network, base, members


@bp.get("/model.docx")
@login_required
def export_model_docx():
    network, base, members = _model_context()
    response = Response(interaction_model_docx(network, base, members), mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = content_disposition(f"interaction-model-{network.slug}.docx")
    return response


@bp.get("/model.xlsx")
@login_required
def export_model_xlsx():
    network, _base, members = _model_context()
    return xlsx_response(interaction_model_xlsx(network, members), f"interaction-model-{network.slug}.xlsx")
