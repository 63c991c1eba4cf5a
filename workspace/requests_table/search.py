"""Global search kind: needs and offers of the current user's networks whose title or description holds every
word of the query in any form (the stored ``search_text``); one part of the search statement
(``workspace.search.registry``)."""
from __future__ import annotations

from sqlalchemy import select

from tenants.models import Institution, Network
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.core.templating import id_url
from workspace.core.text import SearchShape
from workspace.requests_table.models import ResourceRequest
from workspace.search.registry import Part, network_ids, register_search_kind, relevance, search_kind


def requests_statement(shape: SearchShape) -> Part:
    return Part(select(ResourceRequest.id, ResourceRequest.title, ResourceRequest.kind, ResourceRequest.status,
                       Institution.short_name, Network.slug)
                .join(Institution, Institution.id == ResourceRequest.institution_id)
                .join(Network, Network.id == ResourceRequest.network_id)
                .where(ResourceRequest.network_id.in_(network_ids), shape.matches(ResourceRequest.search_text)),
                (ResourceRequest.id.desc(),),
                relevance=relevance(shape, ResourceRequest.search_text, ResourceRequest.title))


def present_requests(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    return [(row.title, f"Таблица запросов · {label(row.kind)} · {row.short_name} · {label(row.status)}",
             id_url("requests_table.show_request", "request_id", row.id, network=row.slug)) for row in rows]


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of the rows of the request table found, at most ``limit``."""
    return search_kind("requests", query, limit)


register_search_kind("requests", _l("Таблица запросов"), requests_statement, present_requests, position=100)
