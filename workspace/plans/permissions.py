"""Who may edit which part of a network's plan of events."""
from __future__ import annotations

from flask_login import current_user

from tenants.models import Network
from tenants.permissions import MANAGERS, has_role, is_base_manager


def can_edit_plan_section(network: Network, partner_institution_id: int | None) -> bool:
    """The base institution's coordinators edit the whole plan; a partner's, its own section."""
    if is_base_manager(network):
        return True
    return (partner_institution_id is not None and current_user.institution_id == partner_institution_id
            and has_role(*MANAGERS))
