"""Scoped loads of the request table; who may write what (explicit rules, tested)."""
from __future__ import annotations

from flask import abort, g
from flask_login import current_user
from sqlalchemy import or_, select

from tenants.models import Institution
from tenants.permissions import MANAGERS, has_role
from workspace.accounts.models import User
from workspace.core.pagination import Page, paginate
from workspace.extensions import db
from workspace.plans.approval import is_editable
from workspace.plans.models import Plan, PlanSection
from workspace.plans.permissions import can_edit_plan_section
from workspace.projects.models import Project
from workspace.projects.permissions import can_edit_project
from workspace.requests_table.matching import ACTIVE, Row
from workspace.requests_table.models import (
    Conversation,
    ConversationMessage,
    RequestKind,
    RequestStatus,
    ResourceRequest,
)

ROW_COLUMNS = (ResourceRequest.id, ResourceRequest.institution_id, ResourceRequest.kind, ResourceRequest.category,
               ResourceRequest.title, ResourceRequest.description, ResourceRequest.starts_on, ResourceRequest.ends_on,
               ResourceRequest.status)


def get_request_or_404(request_id: int) -> ResourceRequest:
    return db.first_or_404(select(ResourceRequest).where(ResourceRequest.id == request_id))


def get_conversation_or_404(conversation_id: int) -> Conversation:
    """A conversation is read by the users of its two institutions only; to anyone else it does not exist."""
    conversation = db.session.scalar(select(Conversation).where(
        Conversation.id == conversation_id,
        or_(Conversation.need_institution_id == current_user.institution_id,
            Conversation.offer_institution_id == current_user.institution_id)))
    if conversation is None or current_user.institution_id is None:
        abort(404)
    return conversation


def can_add_request() -> bool:
    return g.get("membership") is not None and has_role(*MANAGERS)


def can_edit_request(row) -> bool:
    """Only the owning institution's coordinators and admins edit its rows."""
    return current_user.institution_id == row.institution_id and has_role(*MANAGERS)


def manages_a_side(*institution_ids: int) -> bool:
    """A coordinator or admin of one of the given institutions (the two sides of a match)."""
    return has_role(*MANAGERS) and current_user.institution_id in institution_ids


def is_side_manager(conversation: Conversation) -> bool:
    return manages_a_side(conversation.need_institution_id, conversation.offer_institution_id)


def requests_page(kind: RequestKind | None, status: RequestStatus | None) -> Page:
    statement = (select(*ROW_COLUMNS, ResourceRequest.version, Institution.short_name.label("institution"))
                 .join(Institution, Institution.id == ResourceRequest.institution_id)
                 .order_by(ResourceRequest.kind, ResourceRequest.created_at.desc(), ResourceRequest.id.desc()))
    if kind is not None:
        statement = statement.where(ResourceRequest.kind == kind)
    if status is not None:
        statement = statement.where(ResourceRequest.status == status)
    return paginate(statement, scalars=False)


def active_rows() -> list[Row]:
    """Open and discussed rows of the network, for matching (one statement)."""
    return [Row(*row) for row in db.session.execute(
        select(*ROW_COLUMNS).where(ResourceRequest.status.in_(ACTIVE)).order_by(ResourceRequest.id))]


def institution_names(ids) -> dict[int, str]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return dict(db.session.execute(select(Institution.id, Institution.short_name).where(Institution.id.in_(ids))).all())


def conversations_by_pair() -> dict[tuple[int, int], int]:
    """(need id, offer id) → id of the conversation the current user's institution may open."""
    if current_user.institution_id is None:
        return {}
    return {(row.need_id, row.offer_id): row.id for row in db.session.execute(
        select(Conversation.id, Conversation.need_id, Conversation.offer_id).where(
            or_(Conversation.need_institution_id == current_user.institution_id,
                Conversation.offer_institution_id == current_user.institution_id)))}


def messages_of(conversation: Conversation) -> list:
    return list(db.session.execute(
        select(ConversationMessage.id, ConversationMessage.body, ConversationMessage.created_at,
               ConversationMessage.institution_id, User.full_name.label("author"))
        .outerjoin(User, User.id == ConversationMessage.author_id)
        .where(ConversationMessage.conversation_id == conversation.id)
        .order_by(ConversationMessage.created_at, ConversationMessage.id)))


def editable_sections() -> list[tuple[int, str]]:
    """Sections of the network's plans where the current user may add an item now."""
    rows = db.session.execute(select(PlanSection, Plan).join(Plan, Plan.id == PlanSection.plan_id)
                              .order_by(Plan.start_year.desc(), PlanSection.position, PlanSection.id))
    return [(section.id, f"{plan.start_year}/{plan.start_year + 1}: {section.title}") for section, plan in rows
            if can_edit_plan_section(g.network, section.partner_institution_id) and is_editable(plan, section)]


def editable_projects() -> list[tuple[int, str]]:
    """Joint projects of the network the current user may edit (locked ones too: the form names why it refuses)."""
    rows = db.session.execute(select(Project.id, Project.title, Project.lead_institution_id)
                              .order_by(Project.id.desc()))
    return [(row.id, row.title[:120]) for row in rows if can_edit_project(g.network, row)]

