"""An institution's networks: the active and the archived ones, the invitations waiting for its answer, and a new
network started with the institution as its base."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from tenants.models import Membership, Network
from tenants.permissions import can_answer_invitation, can_start_network
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.networks import institution_bp as bp
from workspace.networks.access import answerable_invitation_or_404, require_network_founder
from workspace.networks.forms import NewNetworkForm
from workspace.networks.founding import answer, pending_invitations_for, start_network


@bp.get("/")
@login_required
def list_networks():
    rows = db.session.execute(
        select(Network, Membership.role).join(Membership, Membership.network_id == Network.id)
        .where(Membership.institution_id == g.institution.id).order_by(Network.name)).all()
    return render("networks/list.html", active=[row for row in rows if not row.Network.is_archived],
                  archived=[row for row in rows if row.Network.is_archived],
                  invitations=pending_invitations_for(g.institution.id),
                  can_start=can_start_network(), can_answer=can_answer_invitation())


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_network():
    require_network_founder()
    form = NewNetworkForm()
    if form.validate_on_submit():
        network = start_network(form, g.institution.id, current_user.id)
        flash(_("Сеть «%(name)s» создана, ваше учреждение — её базовая организация. Пригласите партнёров.",
                name=network.name), "success")
        return redirect(url_for("networks.list_invitations", network=network.slug))
    return render("networks/new.html", form=form, status=422 if form.errors else 200)


@bp.get("/invitations/<int:invitation_id>/accept")
@login_required
def confirm_accept_invitation(invitation_id: int):
    invitation = answerable_invitation_or_404(invitation_id)
    return confirm_page(heading=_("Вступить в сеть?"),
                        question=_("Учреждение станет участником сети «%(name)s» (%(role)s) и увидит её план, "
                                   "проекты и совет; координаторы сети увидят ваше участие.",
                                   name=invitation.network.name, role=_role(invitation)),
                        action=url_for("my_networks.accept_invitation", invitation_id=invitation.id),
                        confirm_label=_("Принять приглашение"), cancel_url=url_for("my_networks.list_networks"))


@bp.post("/invitations/<int:invitation_id>/accept")
@login_required
def accept_invitation(invitation_id: int):
    invitation = answerable_invitation_or_404(invitation_id)
    answer(invitation, True, current_user.id)
    flash(_("Учреждение вступило в сеть «%(name)s».", name=invitation.network.name), "success")
    return redirect(url_for("networks.show_network", network=invitation.network.slug))


@bp.get("/invitations/<int:invitation_id>/decline")
@login_required
def confirm_decline_invitation(invitation_id: int):
    invitation = answerable_invitation_or_404(invitation_id)
    return confirm_page(heading=_("Отклонить приглашение?"),
                        question=_("Базовая организация сети «%(name)s» увидит, что приглашение отклонено. "
                                   "Вступить позже можно только по новому приглашению.",
                                   name=invitation.network.name),
                        action=url_for("my_networks.decline_invitation", invitation_id=invitation.id),
                        confirm_label=_("Отклонить приглашение"), cancel_url=url_for("my_networks.list_networks"))


@bp.post("/invitations/<int:invitation_id>/decline")
@login_required
def decline_invitation(invitation_id: int):
    invitation = answerable_invitation_or_404(invitation_id)
    answer(invitation, False, current_user.id)
    flash(_("Приглашение в сеть «%(name)s» отклонено.", name=invitation.network.name), "success")
    return redirect(url_for("my_networks.list_networks"))


def _role(invitation) -> str:
    return label(invitation.role).lower()
