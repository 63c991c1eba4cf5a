"""Global search hook: needs and offers of the current user's networks."""
from __future__ import annotations

from flask import g, url_for
from sqlalchemy import select

from tenants.models import Institution, Network
from workspace.bank.models import fold
from workspace.bank.queries import like_pattern
from workspace.core.labels import label
from workspace.extensions import db
from workspace.requests_table.models import ResourceRequest


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of rows of the request table whose text holds every word of ``query``
    (a folded copy is compared: case- and ё-insensitive on SQLite and PostgreSQL)."""
    words = fold(query).split()[:8]
    if not words or not g.get("network_ids"):
        return []
    statement = (select(ResourceRequest.id, ResourceRequest.title, ResourceRequest.kind, ResourceRequest.status,
                        Institution.short_name, Network.slug)
                 .join(Institution, Institution.id == ResourceRequest.institution_id)
                 .join(Network, Network.id == ResourceRequest.network_id)
                 .where(ResourceRequest.network_id.in_(g.network_ids)))
    for word in words:
        statement = statement.where(ResourceRequest.search_text.like(like_pattern(word), escape="\\"))
    return [(row.title, f"Таблица запросов · {label(row.kind)} · {row.short_name} · {label(row.status)}",
             url_for("requests_table.show_request", network=row.slug, request_id=row.id))
            for row in db.session.execute(statement.order_by(ResourceRequest.id.desc()).limit(limit))]
