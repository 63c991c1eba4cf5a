"""Writing plan items: every edit keeps the typed text and re-reads it into dates and grades."""
from __future__ import annotations

from flask import g
from sqlalchemy import func, select

from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanSection


def read_into(item: PlanItem, field: str, value: str, year: AcademicYear) -> None:
    from workspace.plans.audience import read_audience
    from workspace.plans.timing import read_timing
    if field == "timing":
        timing = read_timing(value, year)
        item.timing = value
        item.starts_on, item.ends_on, item.timing_is_read = timing.starts_on, timing.ends_on, timing.is_read
    elif field == "audience":
        audience = read_audience(value)
        item.audience = value
        item.grade_from, item.grade_to = audience.grade_from, audience.grade_to
    else:
        setattr(item, field, value)


def apply_cell(item: PlanItem, field: str, value: str, year: AcademicYear) -> None:
    if field == "status":
        item.status = ItemStatus(value)
    else:
        read_into(item, field, value, year)


def apply_new_item(plan: Plan, section: PlanSection, form) -> PlanItem:
    position = db.session.scalar(select(func.coalesce(func.max(PlanItem.position), 0))
                                 .where(PlanItem.section_id == section.id)) + 1
    count = db.session.scalar(select(func.count()).select_from(PlanItem).where(PlanItem.section_id == section.id))
    item = PlanItem(network_id=g.network.id, plan_id=plan.id, section_id=section.id, position=position,
                    number=str(count + 1), title="")
    year = AcademicYear(plan.start_year)
    for field in ("title", "audience", "timing", "responsible", "report_form"):
        read_into(item, field, getattr(form, field).data or "", year)
    db.session.add(item)
    db.session.flush()
    return item
