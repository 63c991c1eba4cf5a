"""Global search hook of the plans: plan items and plans of the networks of the user's institution.

Each is one statement, limited, over ``g.network_ids`` (network-owned models are scoped to them anyway)."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tenants.models import Network
from workspace.core.labels import label
from workspace.core.text import matches_search_text
from workspace.extensions import db
from workspace.plans.models import Plan, PlanItem
from workspace.search.registry import register_search_kind


def _network_ids() -> list[int]:
    return list(g.get("network_ids") or [])


def search_plan_items(query: str, limit: int) -> list[tuple[str, str, str]]:
    rows = db.session.execute(
        select(PlanItem.id, PlanItem.title, PlanItem.timing, PlanItem.responsible, PlanItem.plan_id,
               Plan.title.label("plan_title"), Network.slug)
        .join(Plan, Plan.id == PlanItem.plan_id).join(Network, Network.id == PlanItem.network_id)
        .where(PlanItem.network_id.in_(_network_ids()),
               matches_search_text(PlanItem, query))
        .order_by(Plan.start_year.desc(), PlanItem.plan_id, PlanItem.position, PlanItem.id).limit(limit))
    return [(row.title, " · ".join(part for part in (row.timing, row.responsible, row.plan_title) if part),
             url_for("plans.show_item", network=row.slug, plan_id=row.plan_id, item_id=row.id))
            for row in rows]


def search_plans(query: str, limit: int) -> list[tuple[str, str, str]]:
    rows = db.session.execute(
        select(Plan.id, Plan.title, Plan.status, Network.slug, Network.name)
        .join(Network, Network.id == Plan.network_id)
        .where(Plan.network_id.in_(_network_ids()), matches_search_text(Plan, query))
        .order_by(Plan.start_year.desc(), Plan.id).limit(limit))
    return [(row.title, f"{label(row.status)} · {row.name}", url_for("plans.show_plan", network=row.slug, plan_id=row.id))
            for row in rows]


register_search_kind("plan_items", _l("Мероприятия планов"), search_plan_items, position=10)
register_search_kind("plans", _l("Планы"), search_plans, position=20)
