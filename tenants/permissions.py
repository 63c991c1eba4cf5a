"""Who may do what, inside the tenant or network the URL has already resolved."""
from __future__ import annotations

from flask import abort, g
from flask_login import current_user

from tenants.models import Membership, Network, SeatRole
from workspace.accounts.models import StaffRole

MANAGERS = (StaffRole.ADMIN, StaffRole.COORDINATOR)


def has_role(*roles: StaffRole) -> bool:
    return current_user.is_authenticated and current_user.role in roles


def require_role(*roles: StaffRole) -> None:
    """Inside one's own institution a missing right is 403: the object is not a secret."""
    if not has_role(*roles):
        abort(403)


def is_base_manager(network: Network) -> bool:
    return current_user.institution_id == network.base_institution_id and has_role(*MANAGERS)


def can_edit_membership(network: Network, membership: Membership) -> bool:
    """The member's own coordinator (or admin) and the base institution's coordinator."""
    if is_base_manager(network):
        return True
    return current_user.institution_id == membership.institution_id and has_role(*MANAGERS)


def can_edit_interaction_model(network: Network) -> bool:
    """The base institution's managers add, reorder and delete the rows of the interaction model."""
    return not network.is_archived and is_base_manager(network)


def can_edit_interaction_row(network: Network, row) -> bool:
    """A row of the interaction model: the base institution's managers, and a member's own managers its own row."""
    if network.is_archived:
        return False
    if is_base_manager(network):
        return True
    return row.institution_id is not None and current_user.institution_id == row.institution_id \
        and has_role(*MANAGERS)


def can_manage_council(network: Network) -> bool:
    seat = g.get("seat")
    if seat is not None and seat.role in (SeatRole.CHAIR, SeatRole.SECRETARY):
        return True
    return is_base_manager(network)


def can_start_network() -> bool:
    """An institution's admin or coordinator starts a network; their institution becomes its base."""
    return current_user.is_authenticated and current_user.institution_id is not None and has_role(*MANAGERS)


def can_invite_partners(network: Network) -> bool:
    """The base institution's managers invite partners into a network that is not archived."""
    return not network.is_archived and is_base_manager(network)


def can_archive_network(network: Network) -> bool:
    return not network.is_archived and is_base_manager(network)


def can_answer_invitation() -> bool:
    """Joining a network binds the institution: its head (admin) accepts or declines."""
    return has_role(StaffRole.ADMIN)


def can_leave_network(network: Network, membership: Membership | None) -> bool:
    """A partner's head takes it out of a network; the base institution cannot leave its own network."""
    return (membership is not None and not network.is_archived and has_role(StaffRole.ADMIN)
            and membership.institution_id == current_user.institution_id
            and membership.institution_id != network.base_institution_id)
