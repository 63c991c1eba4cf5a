"""Global search hook: needs and offers of the current user's networks."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tenants.models import Institution, Network
from workspace.core.labels import label
from workspace.core.text import matches_search_text, search_forms
from workspace.extensions import db
from workspace.requests_table.models import ResourceRequest
from workspace.search.registry import register_search_kind


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of rows of the request table whose title or description holds every word of
    ``query`` in any form (``matches_search_text``)."""
    if not search_forms(query) or not g.get("network_ids"):
        return []
    statement = (select(ResourceRequest.id, ResourceRequest.title, ResourceRequest.kind, ResourceRequest.status,
                        Institution.short_name, Network.slug)
                 .join(Institution, Institution.id == ResourceRequest.institution_id)
                 .join(Network, Network.id == ResourceRequest.network_id)
                 .where(ResourceRequest.network_id.in_(g.network_ids), matches_search_text(ResourceRequest, query)))
    return [(row.title, f"Таблица запросов · {label(row.kind)} · {row.short_name} · {label(row.status)}",
             url_for("requests_table.show_request", network=row.slug, request_id=row.id))
            for row in db.session.execute(statement.order_by(ResourceRequest.id.desc()).limit(limit))]


register_search_kind("requests", _l("Таблица запросов"), search, position=100)
