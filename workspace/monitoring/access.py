"""Access to the network's monitoring indicators: loaded in the network (404 for a foreign one), changed by
those who manage the council (403 for a member who lacks the right)."""
from __future__ import annotations

from flask import abort, g

from tenants.permissions import can_manage_council
from workspace.core.access import require
from workspace.monitoring.models import MonitoringIndicator
from workspace.monitoring.queries import get_indicator_or_404


def may_manage() -> bool:
    return can_manage_council(g.network)


def editable_indicator_or_404(indicator_id: int, *, manual: bool = False) -> MonitoringIndicator:
    """``manual``: an indicator whose facts are entered by hand (any other has no value to enter: 404)."""
    indicator = get_indicator_or_404(indicator_id)
    require(may_manage())
    if manual and not indicator.is_manual:
        abort(404)
    return indicator
