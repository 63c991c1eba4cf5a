"""What an agreed match becomes. Today: an item of a network plan. Later: a task of a joint project.

Hook for the projects area: register a function ``(conversation, form) -> (title, url)`` in
``OUTCOMES["project_task"]`` and a form on the conversation page; the conversation keeps the generic
link the same way it keeps ``plan_item_id`` today.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Callable

from sqlalchemy import select

from workspace.extensions import db
from workspace.requests_table.models import Conversation, RequestStatus, ResourceRequest

OUTCOMES: dict[str, Callable] = {}


def create_plan_item(conversation: Conversation, form) -> int:
    """Add the agreed event to the chosen section (which the caller has checked) and close the pair as agreed."""
    from workspace.plans.editing import apply_new_item
    from workspace.plans.models import Plan, PlanSection
    section = db.session.scalar(select(PlanSection).where(PlanSection.id == form.section_id.data))
    plan = db.session.scalar(select(Plan).where(Plan.id == section.plan_id))
    fields = SimpleNamespace(**{name: SimpleNamespace(data=getattr(form, name).data)
                                for name in ("title", "audience", "timing", "responsible", "report_form")})
    item = apply_new_item(plan, section, fields)
    conversation.plan_item_id = item.id
    mark_agreed(conversation)
    return item.id


def mark_agreed(conversation: Conversation) -> None:
    for row in db.session.scalars(select(ResourceRequest).where(
            ResourceRequest.id.in_((conversation.need_id, conversation.offer_id)))):
        row.status = RequestStatus.AGREED


OUTCOMES["plan_item"] = create_plan_item
