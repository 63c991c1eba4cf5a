"""Global search kinds of the plans: plan items and plans of the networks of the user's institution.

Each is one part of the search statement (see ``workspace.search.registry``), over the request's networks
(network-owned models are scoped to them anyway)."""
from __future__ import annotations

from sqlalchemy import select

from tenants.models import Network
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.core.templating import id_url
from workspace.core.text import SearchShape
from workspace.plans.models import Plan, PlanItem
from workspace.search.registry import Part, network_ids, register_search_kind, relevance


def plan_items_statement(shape: SearchShape) -> Part:
    return Part(select(PlanItem.id, PlanItem.title, PlanItem.timing, PlanItem.responsible, PlanItem.plan_id,
                       Plan.title.label("plan_title"), Network.slug)
                .join(Plan, Plan.id == PlanItem.plan_id).join(Network, Network.id == PlanItem.network_id)
                .where(PlanItem.network_id.in_(network_ids), shape.matches(PlanItem.search_text)),
                (Plan.start_year.desc(), PlanItem.plan_id, PlanItem.position, PlanItem.id),
                relevance=relevance(shape, PlanItem.search_text, PlanItem.title))


def present_plan_items(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    return [(row.title, " · ".join(part for part in (row.timing, row.responsible, row.plan_title) if part),
             id_url("plans.show_item", "item_id", row.id, network=row.slug, plan_id=row.plan_id))
            for row in rows]


def plans_statement(shape: SearchShape) -> Part:
    return Part(select(Plan.id, Plan.title, Plan.status, Network.slug, Network.name)
                .join(Network, Network.id == Plan.network_id)
                .where(Plan.network_id.in_(network_ids), shape.matches(Plan.search_text)),
                (Plan.start_year.desc(), Plan.id), relevance=relevance(shape, Plan.search_text, Plan.title))


def present_plans(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    return [(row.title, f"{label(row.status)} · {row.name}", id_url("plans.show_plan", "plan_id", row.id, network=row.slug))
            for row in rows]


register_search_kind("plan_items", _l("Мероприятия планов"), plan_items_statement, present_plan_items, position=10)
register_search_kind("plans", _l("Планы"), plans_statement, present_plans, position=20)
