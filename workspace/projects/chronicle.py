"""Chronicle hook: the projects the council approved, newest first.

The moment of an approval is the decision that settled the project's approval round (council/approval.py
keeps every round): a part of the chronicle's one statement (``register_chronicle_query``)."""
from __future__ import annotations

from functools import partial

from sqlalchemy import Select, select

from tenants.models import Network
from workspace.chronicle.registry import (
    BEFORE,
    LIMIT,
    NETWORK_IDS,
    PARTNER_ID,
    Entry,
    entries_of,
    register_chronicle_query,
)
from workspace.core.i18n import gettext as _
from workspace.council.models import AgendaItem, Approval, ApprovalStatus, Decision, Outcome
from workspace.projects.models import Project, ProjectParticipant


def approved(with_before: bool, with_partner: bool) -> Select:
    """The approvals of projects (the decision's id orders entries of one instant); ``partner_id`` keeps the
    projects that institution takes part in."""
    statement = (
        select(Decision.id.label("id"), Decision.created_at.label("at"), Project.id.label("project_id"),
               Project.title.label("title"), Project.lead_institution_id.label("institution_id"),
               Network.slug.label("slug"))
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Approval, Approval.id == AgendaItem.approval_id)
        .join(Project, (Project.id == Approval.subject_id) & (Approval.subject_type == "project"))
        .join(Network, Network.id == Project.network_id)
        .where(Project.network_id.in_(NETWORK_IDS), Decision.outcome == Outcome.APPROVED,
               Approval.status == ApprovalStatus.APPROVED))
    if with_before:
        statement = statement.where(Decision.created_at < BEFORE)
    if with_partner:
        statement = statement.where(Project.id.in_(select(ProjectParticipant.project_id)
                                                   .where(ProjectParticipant.institution_id == PARTNER_ID)))
    return statement.order_by(Decision.created_at.desc(), Decision.id.desc()).limit(LIMIT)


def approved_entries(rows) -> list[Entry]:
    kind = _("Проект утверждён советом")
    return [Entry(row.at, kind, row.title, "", row.institution_id, id=row.id,
                  link=("projects.show_project", {"network": row.slug, "project_id": row.project_id}))
            for row in rows]


register_chronicle_query("projects", approved, approved_entries, position=50)
# the source on its own, as (when, kind label, title, url, institution id) tuples (the plain hook's form)
entries = partial(entries_of, "projects")
