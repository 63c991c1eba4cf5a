"""Access to a plan and its parts, one helper per kind: each loads the object through its plan (404 for a
foreign one), checks the right (403 for a member who lacks it) and, for a change, the lock of a plan or
section on approval or approved (403 with the reason; an item's status alone stays open).

Reading needs no helper beyond the scoped loads of ``queries.py``: every member of the network reads."""
from __future__ import annotations

from flask import abort, g
from flask_login import current_user
from sqlalchemy import select

from tenants.permissions import is_base_manager
from workspace.core.access import require
from workspace.extensions import db
from workspace.plans.approval import is_editable, require_editable
from workspace.plans.forms import CELL_FIELDS
from workspace.plans.models import Plan, PlanImport, PlanItem, PlanItemPerson, PlanSection
from workspace.plans.permissions import can_edit_plan_section
from workspace.plans.queries import get_plan_or_404, get_section_or_404, item_with_plan_or_404
from workspace.plans.report_models import EventFile, EventReport
from workspace.plans.reports import get_report


def may_create_plan() -> bool:
    """The base institution's coordinators create plans, add sections and import."""
    return is_base_manager(g.network)


def editable_plan_or_404(plan_id: int) -> Plan:
    """The plan as a whole (sections, import): the base institution's coordinators, while it is not locked."""
    plan = get_plan_or_404(plan_id)
    require(may_create_plan())
    require_editable(plan)
    return plan


def get_import_or_404(plan: Plan, import_id: int) -> PlanImport:
    return db.first_or_404(select(PlanImport).where(PlanImport.id == import_id, PlanImport.plan_id == plan.id))


def editable_import_or_404(plan_id: int, import_id: int) -> tuple[Plan, PlanImport]:
    plan = get_plan_or_404(plan_id)
    draft = get_import_or_404(plan, import_id)
    require(may_create_plan())
    require_editable(plan)
    return plan, draft


def editable_section_or_404(plan_id: int, section_id: int) -> tuple[Plan, PlanSection]:
    """A section's items: the base institution's coordinators and the section partner's, while neither the
    plan nor the section is locked."""
    plan = get_plan_or_404(plan_id)
    section = get_section_or_404(plan, section_id)
    require(can_edit_plan_section(g.network, section.partner_institution_id))
    require_editable(plan, section=section)
    return plan, section


def may_edit_cell(plan: Plan, section: PlanSection, field: str) -> bool:
    """The same rule as a yes/no, for the cell as shown."""
    return (can_edit_plan_section(g.network, section.partner_institution_id)
            and (field == "status" or is_editable(plan, section)))


def editable_item_or_404(plan_id: int, item_id: int,
                         field: str | None = None) -> tuple[Plan, PlanItem, PlanSection]:
    """An item to change, whole (``field`` None: move, delete) or one cell of it (an unknown cell is 404;
    the status cell stays open on a locked plan)."""
    plan, item, section = item_with_plan_or_404(plan_id, item_id)
    if field is not None and field not in CELL_FIELDS:
        abort(404)
    require(can_edit_plan_section(g.network, section.partner_institution_id))
    require_editable(plan, field, section=section)
    return plan, item, section


# --- the report on a held event -----------------------------------------------------------------------

def may_file_report(section: PlanSection, item: PlanItem) -> bool:
    """Who files an event's report: those who edit its plan section, and the colleagues the item names
    as its responsible (a teacher who held the event)."""
    if can_edit_plan_section(g.network, section.partner_institution_id):
        return True
    return db.session.scalar(select(PlanItemPerson.id).where(PlanItemPerson.item_id == item.id,
                                                             PlanItemPerson.user_id == current_user.id)) is not None


def report_item_or_404(plan_id: int, item_id: int, *, for_edit: bool = False) -> tuple[Plan, PlanItem, PlanSection]:
    """The item whose report is read (any member) or, ``for_edit``, filed (``may_file_report``)."""
    plan, item, section = item_with_plan_or_404(plan_id, item_id)
    if for_edit:
        require(may_file_report(section, item))
    return plan, item, section


def get_report_file_or_404(report: EventReport | None, file_id: int) -> EventFile:
    if report is None:
        abort(404)
    return db.first_or_404(select(EventFile).where(EventFile.id == file_id, EventFile.report_id == report.id))


def removable_report_file_or_404(plan_id: int, item_id: int, file_id: int) -> tuple[Plan, PlanItem, EventFile]:
    plan, item, section = report_item_or_404(plan_id, item_id)
    stored = get_report_file_or_404(get_report(item.id), file_id)
    require(may_file_report(section, item))
    return plan, item, stored
