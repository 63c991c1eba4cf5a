"""Global search hook: the projects of the current user's networks whose title or goal holds every word of the
query in any form (``matches_search_text`` on the stored ``search_text``, see ``workspace.core.text``)."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tenants.models import Network
from workspace.core.labels import label
from workspace.core.text import matches_search_text, search_forms
from workspace.extensions import db
from workspace.projects.models import Project
from workspace.search.registry import register_search_kind


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of the projects the current user may see (the request's networks)."""
    network_ids = list(g.get("network_ids") or [])
    if not search_forms(query) or not network_ids or limit <= 0:
        return []
    rows = db.session.execute(
        select(Project.id, Project.title, Project.direction, Project.status, Network.slug, Network.name)
        .join(Network, Network.id == Project.network_id)
        .where(Project.network_id.in_(network_ids),
               matches_search_text(Project, query))
        .order_by(Project.starts_on.desc(), Project.id.desc()).limit(limit))
    return [(row.title, f"{row.name} · {label(row.direction)} · {label(row.status)}",
             url_for("projects.show_project", network=row.slug, project_id=row.id)) for row in rows]


register_search_kind("projects", _l("Проекты"), search, position=60)
