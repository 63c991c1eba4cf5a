"""Access to a network's membership rows and invitations: loaded in the network or in the institution of the URL
(404 for a foreign one), changed by those the rights in tenants.permissions name (403 for a member who lacks it)."""
from __future__ import annotations

from flask import abort, g
from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from tenants.models import InvitationStatus, Membership, Network, NetworkInvitation
from tenants.permissions import (
    can_answer_invitation,
    can_archive_network,
    can_edit_interaction_model,
    can_edit_interaction_row,
    can_edit_membership,
    can_invite_partners,
    can_leave_network,
    can_start_network,
)
from workspace.core.access import refuse_locked, require
from workspace.core.i18n import gettext as _
from workspace.extensions import db
from workspace.networks.interaction import row_with_partner
from workspace.networks.models import InteractionRow
from workspace.networks.queries import get_membership_or_404


def editable_membership_or_404(membership_id: int) -> Membership:
    membership = get_membership_or_404(membership_id)
    require(can_edit_membership(g.network, membership))
    return membership


def interaction_row_or_404(row_id: int) -> InteractionRow:
    """A row of the URL's network's interaction model (another network's row answers 404), its partner loaded."""
    row = row_with_partner(row_id)
    if row is None:
        abort(404)
    return row


def editable_interaction_row_or_404(row_id: int) -> InteractionRow:
    row = interaction_row_or_404(row_id)
    _refuse_archived(g.network)
    require(can_edit_interaction_row(g.network, row))
    return row


def removable_interaction_row_or_404(row_id: int) -> InteractionRow:
    row = interaction_row_or_404(row_id)
    interaction_model_editor()
    return row


def interaction_model_editor() -> Network:
    """The network of the URL, for its base institution's managers to add, move and delete model rows."""
    _refuse_archived(g.network)
    require(can_edit_interaction_model(g.network))
    return g.network


def require_network_founder() -> None:
    """The user of the URL's institution may start a network there."""
    require(can_start_network())


def inviting_network() -> Network:
    """The network of the URL, for its base institution's managers to invite partners into."""
    _refuse_archived(g.network)
    require(can_invite_partners(g.network))
    return g.network


def archivable_network() -> Network:
    _refuse_archived(g.network)
    require(can_archive_network(g.network))
    return g.network


def leaving_membership() -> Membership:
    """The membership of the user's own institution in the network of the URL, for its head to leave."""
    _refuse_archived(g.network)
    membership = g.get("membership")
    require(can_leave_network(g.network, membership))
    return membership


def answerable_invitation_or_404(invitation_id: int) -> NetworkInvitation:
    """A waiting invitation of the URL's institution (another institution's answers 404), for its head."""
    invitation = db.session.scalar(select(NetworkInvitation).where(
        NetworkInvitation.id == invitation_id, NetworkInvitation.institution_id == g.institution.id))
    if invitation is None:
        abort(404)
    require(can_answer_invitation())
    network = db.session.scalar(select(Network).where(Network.id == invitation.network_id))
    _refuse_archived(network)
    if invitation.status != InvitationStatus.PENDING:
        refuse_locked(_("Приглашение уже рассмотрено"),
                      _("Ответ на это приглашение уже дан; его состояние видно в списке сетей."))
    set_committed_value(invitation, "network", network)  # loaded above: the pages name it
    return invitation


def _refuse_archived(network: Network) -> None:
    if network.is_archived:
        refuse_locked(_("Сеть в архиве"), _("Сеть «%(name)s» в архиве: её материалы можно только читать.",
                                            name=network.name))
