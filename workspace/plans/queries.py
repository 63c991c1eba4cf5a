"""Scoped loads of the plan area: a fixed number of statements whatever the plan's size."""
from __future__ import annotations

from collections import defaultdict

from flask import abort, g
from sqlalchemy import func, select

from tenants.models import Institution, Membership
from workspace.extensions import db
from workspace.plans.models import Plan, PlanItem, PlanSection


def get_plan_or_404(plan_id: int) -> Plan:
    plan = db.session.scalar(select(Plan).where(Plan.id == plan_id))
    if plan is None:
        abort(404)
    return plan


def get_section_or_404(plan: Plan, section_id: int) -> PlanSection:
    section = db.session.scalar(select(PlanSection).where(PlanSection.id == section_id,
                                                         PlanSection.plan_id == plan.id))
    if section is None:
        abort(404)
    return section


def get_item_or_404(plan: Plan, item_id: int) -> PlanItem:
    item = db.session.scalar(select(PlanItem).where(PlanItem.id == item_id, PlanItem.plan_id == plan.id))
    if item is None:
        abort(404)
    return item


def plans_of_network() -> list[tuple[Plan, int, int]]:
    """Each plan with its numbers of items planned and held."""
    rows = db.session.execute(
        select(Plan, func.count(PlanItem.id), func.count(PlanItem.id).filter(PlanItem.status == "held"))
        .outerjoin(PlanItem, PlanItem.plan_id == Plan.id)
        .group_by(Plan.id).order_by(Plan.start_year.desc()))
    return [(plan, total, held) for plan, total, held in rows]


def sections_with_items(plan: Plan) -> list[tuple[PlanSection, list[PlanItem]]]:
    sections = db.session.scalars(select(PlanSection).where(PlanSection.plan_id == plan.id)
                                  .order_by(PlanSection.position, PlanSection.id)).all()
    items = db.session.scalars(select(PlanItem).where(PlanItem.plan_id == plan.id)
                               .order_by(PlanItem.position, PlanItem.id)).all()
    by_section: dict[int, list[PlanItem]] = defaultdict(list)
    for item in items:
        by_section[item.section_id].append(item)
    return [(section, by_section[section.id]) for section in sections]


def member_institutions() -> list[tuple[int, str]]:
    return [(row.id, row.short_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name).join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == g.network.id).order_by(Institution.short_name))]
