"""Where a material came from: a generic (kind, id) link. Today the kind is "plan_item" (an event of the
network plan); the projects area registers "project" the same way (``SOURCES["project"] = ...``)."""
from __future__ import annotations

from collections.abc import Callable

from flask import url_for
from sqlalchemy import select

from workspace.core.dates import ru_date
from workspace.extensions import db
from workspace.plans.models import ItemStatus, PlanItem
from workspace.projects.models import Project

# kind → function(ids) → {id: (title, url)} of the objects the current scope may see
SOURCES: dict[str, Callable[[list[int]], dict[int, tuple[str, str]]]] = {}


def _plan_items(ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = db.session.execute(select(PlanItem.id, PlanItem.title, PlanItem.plan_id).where(PlanItem.id.in_(ids)))
    return {row.id: (row.title, url_for("plans.show_item", plan_id=row.plan_id, item_id=row.id))
            for row in rows}


SOURCES["plan_item"] = _plan_items


def _projects(ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = db.session.execute(select(Project.id, Project.title).where(Project.id.in_(ids)))
    return {row.id: (row.title, url_for("projects.show_project", project_id=row.id)) for row in rows}


SOURCES["project"] = _projects


def describe(kind: str | None, source_id: int | None) -> tuple[str, str] | None:
    if not kind or source_id is None or kind not in SOURCES:
        return None
    return SOURCES[kind]([source_id]).get(source_id)


def held_item_choices(limit: int = 200) -> list[tuple[int, str]]:
    """Events of the network's plans the material may have come from: held ones first, newest first."""
    rows = db.session.execute(select(PlanItem.id, PlanItem.title, PlanItem.starts_on)
                              .where(PlanItem.status.in_((ItemStatus.HELD, ItemStatus.PLANNED)))
                              .order_by((PlanItem.status == ItemStatus.HELD).desc(),
                                        PlanItem.starts_on.desc().nulls_last(), PlanItem.id.desc()).limit(limit))
    return [(row.id, (f"{ru_date(row.starts_on)} · " if row.starts_on else "") + row.title[:120]) for row in rows]


def project_choices(limit: int = 200) -> list[tuple[int, str]]:
    """Joint projects of the network the material may have come from, newest first."""
    rows = db.session.execute(select(Project.id, Project.title).order_by(Project.id.desc()).limit(limit))
    return [(row.id, row.title[:120]) for row in rows]
