"""Global search hook: the projects of the current user's networks whose title or goal contains the query.

Case-insensitive on SQLite and PostgreSQL alike, Cyrillic included: the project keeps a lower-cased copy of
its title and goal (``search_text``, written in Python on every save), and the query is lower-cased here the
same way, so the comparison never relies on the database's lower()."""
from __future__ import annotations

from flask import g, url_for
from sqlalchemy import select

from tenants.models import Network
from workspace.core.text import fold
from workspace.core.labels import label
from workspace.extensions import db
from workspace.projects.models import Project


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of the projects the current user may see (the request's networks)."""
    needle = fold(" ".join((query or "").split()))
    network_ids = list(g.get("network_ids") or [])
    if not needle or not network_ids or limit <= 0:
        return []
    rows = db.session.execute(
        select(Project.id, Project.title, Project.direction, Project.status, Network.slug, Network.name)
        .join(Network, Network.id == Project.network_id)
        .where(Project.network_id.in_(network_ids),
               Project.search_text.contains(needle, autoescape=True))
        .order_by(Project.starts_on.desc(), Project.id.desc()).limit(limit))
    return [(row.title, f"{row.name} · {label(row.direction)} · {label(row.status)}",
             url_for("projects.show_project", network=row.slug, project_id=row.id)) for row in rows]
