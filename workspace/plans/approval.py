"""The plan as an approvable object of the council, and the one lock every plan write view calls.

An approved plan (and one on approval, or rejected) is locked: its sections, items and import refuse
changes with 403 and a message saying why. Only an item's status (проведено, перенесено, отменено)
may still change: that is the plan being carried out, not the plan being changed. To change a locked
plan its coordinator presses «Внести изменения»: the plan goes back to draft and is approved again.

A section may also go to the council on its own (the kind "plan_section", submitted by the
coordinators of its partner or of the base institution); a section on approval, approved or rejected
locks its own items the same way, through the same ``require_editable``.
"""
from __future__ import annotations

from flask import g, url_for
from sqlalchemy import select

from tenants.permissions import is_base_manager
from workspace.core.access import refuse_locked
from workspace.core.i18n import gettext as _
from workspace.council.approval import approvables
from workspace.council.models import ApprovalStatus
from workspace.extensions import db
from workspace.plans.models import Plan, PlanSection, PlanStatus
from workspace.plans.permissions import can_edit_plan_section

EDITABLE = (PlanStatus.DRAFT, PlanStatus.RETURNED)


def _load(plan_id: int) -> Plan | None:
    return db.session.scalar(select(Plan).where(Plan.id == plan_id))


def _set_status(plan: Plan, status: ApprovalStatus) -> None:
    plan.status = PlanStatus(status.value)


approvables.register(
    "plan",
    load=_load,
    label=lambda plan: plan.title,
    url=lambda plan: url_for("plans.show_plan", plan_id=plan.id),
    status_of=lambda plan: ApprovalStatus(plan.status.value),
    on_decision=_set_status,
    can_submit=lambda plan: is_base_manager(g.network),
)


def _load_section(section_id: int) -> PlanSection | None:
    return db.session.scalar(select(PlanSection).where(PlanSection.id == section_id))


def _section_label(section: PlanSection) -> str:
    plan_title = db.session.scalar(select(Plan.title).where(Plan.id == section.plan_id)) or ""
    return _("%(plan)s — раздел «%(section)s»", plan=plan_title, section=section.title)[:400]


def _set_section_status(section: PlanSection, status: ApprovalStatus) -> None:
    section.status = PlanStatus(status.value)


approvables.register(
    "plan_section",
    load=_load_section,
    label=_section_label,
    url=lambda section: url_for("plans.show_plan", plan_id=section.plan_id, _anchor=f"section-{section.id}"),
    status_of=lambda section: ApprovalStatus(section.status.value),
    on_decision=_set_section_status,
    can_submit=lambda section: can_edit_plan_section(g.network, section.partner_institution_id),
)


def is_editable(plan: Plan, section: PlanSection | None = None) -> bool:
    return plan.status in EDITABLE and (section is None or section.status in EDITABLE)


def locked_message(plan: Plan) -> str | None:
    if plan.status == PlanStatus.SUBMITTED:
        return _("План на согласовании в координационном совете: изменять его нельзя, пока совет не примет решение.")
    if plan.status == PlanStatus.APPROVED:
        return _("План утверждён координационным советом и закрыт для изменений. Чтобы изменить его, "
                 "нажмите «Внести изменения» на странице плана: план вернётся в черновик, а после правок "
                 "снова пойдёт на утверждение.")
    if plan.status == PlanStatus.REJECTED:
        return _("План отклонён советом и закрыт для изменений. Чтобы переработать его, нажмите "
                 "«Внести изменения» на странице плана.")
    return None


def section_locked_message(section: PlanSection) -> str | None:
    if section.status == PlanStatus.SUBMITTED:
        return _("Раздел «%(title)s» на согласовании в координационном совете: изменять его нельзя, пока совет "
                 "не примет решение.", title=section.title)
    if section.status == PlanStatus.APPROVED:
        return _("Раздел «%(title)s» утверждён координационным советом и закрыт для изменений. Чтобы изменить его, "
                 "нажмите «Внести изменения» в разделе на странице плана: раздел вернётся в черновик, а после "
                 "правок снова пойдёт на утверждение.", title=section.title)
    if section.status == PlanStatus.REJECTED:
        return _("Раздел «%(title)s» отклонён советом и закрыт для изменений. Чтобы переработать его, нажмите "
                 "«Внести изменения» в разделе на странице плана.", title=section.title)
    return None


def require_editable(plan: Plan, field: str | None = None, section: PlanSection | None = None) -> None:
    """403 with the reason when the plan, or the section written to, is locked (an item's status alone
    stays editable)."""
    if field == "status":
        return
    message = locked_message(plan)
    title = _("План закрыт для изменений")
    if message is None and section is not None:
        message = section_locked_message(section)
        title = _("Раздел закрыт для изменений")
    if message is None:
        return
    refuse_locked(title, message)
