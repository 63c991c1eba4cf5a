"""Access to a network's membership rows: loaded in the network (404 for a foreign one), changed by the
member's own coordinators and the base institution's (403 for a member who lacks the right)."""
from __future__ import annotations

from flask import g

from tenants.models import Membership
from tenants.permissions import can_edit_membership
from workspace.core.access import require
from workspace.networks.queries import get_membership_or_404


def editable_membership_or_404(membership_id: int) -> Membership:
    membership = get_membership_or_404(membership_id)
    require(can_edit_membership(g.network, membership))
    return membership
