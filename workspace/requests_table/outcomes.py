"""What an agreed match becomes: an item of a network plan (``plan_item_id``) or a roadmap task of a joint
project of the network (``project_task_id``); the conversation keeps the link to what it became."""
from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from sqlalchemy import select

from workspace.extensions import db
from workspace.plans.editing import apply_new_item
from workspace.plans.models import Plan, PlanSection
from workspace.projects.editing import add_task
from workspace.requests_table.models import Conversation, RequestStatus, ResourceRequest

OUTCOMES: dict[str, Callable] = {}


def create_plan_item(conversation: Conversation, form) -> int:
    """Add the agreed event to the chosen section (which the caller has checked) and close the pair as agreed."""
    section = db.session.scalar(select(PlanSection).where(PlanSection.id == form.section_id.data))
    plan = db.session.scalar(select(Plan).where(Plan.id == section.plan_id))
    fields = SimpleNamespace(**{name: SimpleNamespace(data=getattr(form, name).data)
                                for name in ("title", "audience", "timing", "responsible", "report_form")})
    item = apply_new_item(plan, section, fields)
    conversation.plan_item_id = item.id
    mark_agreed(conversation)
    return item.id


def create_project_task(conversation: Conversation, project, form) -> int:
    """Add the agreed work as a roadmap task of the project (which the caller has checked: editable by the user,
    not locked) through the projects area's own helper, and close the pair as agreed."""
    values = {name: getattr(form, name).data for name in ("title", "timing", "responsible", "expected_result")}
    task = add_task(project, values)
    conversation.project_task_id = task.id
    mark_agreed(conversation)
    return task.id


def mark_agreed(conversation: Conversation) -> None:
    for row in db.session.scalars(select(ResourceRequest).where(
            ResourceRequest.id.in_((conversation.need_id, conversation.offer_id)))):
        row.status = RequestStatus.AGREED


OUTCOMES["plan_item"] = create_plan_item
OUTCOMES["project_task"] = create_project_task
