"""Global search kind: the projects of the current user's networks whose title or goal holds every word of the
query in any form (``matches_search_text`` on the stored ``search_text``, see ``workspace.core.text``); one part
of the search statement (``workspace.search.registry``)."""
from __future__ import annotations

from sqlalchemy import select

from tenants.models import Network
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.core.templating import id_url
from workspace.core.text import SearchShape
from workspace.projects.models import Project
from workspace.search.registry import Part, network_ids, register_search_kind, relevance, search_kind


def projects_statement(shape: SearchShape) -> Part:
    """The projects the current user may see (the request's networks)."""
    return Part(select(Project.id, Project.title, Project.direction, Project.status, Network.slug, Network.name)
                .join(Network, Network.id == Project.network_id)
                .where(Project.network_id.in_(network_ids), shape.matches(Project.search_text)),
                (Project.starts_on.desc(), Project.id.desc()),
                relevance=relevance(shape, Project.search_text, Project.title))


def present_projects(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    return [(row.title, f"{row.name} · {label(row.direction)} · {label(row.status)}",
             id_url("projects.show_project", "project_id", row.id, network=row.slug)) for row in rows]


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of the projects found, at most ``limit``."""
    return search_kind("projects", query, limit)


register_search_kind("projects", _l("Проекты"), projects_statement, present_projects, position=60)
