"""Chronicle hook: the projects the council approved, newest first.

The moment of an approval is the decision that settled the project's approval round (council/approval.py
keeps every round): one statement, whatever the number of projects."""
from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from tenants.models import Network
from workspace.chronicle.registry import register_chronicle_source
from workspace.council.models import AgendaItem, Approval, ApprovalStatus, Decision, Outcome
from workspace.extensions import db
from workspace.projects.models import Project, ProjectParticipant


def entries(network_ids: list[int], before: datetime | None, limit: int,
            partner_id: int | None) -> list[tuple[datetime, str, str, str, int | None]]:
    """(when, kind label, title, url, institution id) of the approvals of projects; ``partner_id`` keeps the
    projects that institution takes part in."""
    if not network_ids or limit <= 0:
        return []
    statement = (
        select(Decision.created_at, Project.id, Project.title, Project.lead_institution_id, Network.slug)
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Approval, Approval.id == AgendaItem.approval_id)
        .join(Project, (Project.id == Approval.subject_id) & (Approval.subject_type == "project"))
        .join(Network, Network.id == Project.network_id)
        .where(Project.network_id.in_(network_ids), Decision.outcome == Outcome.APPROVED,
               Approval.status == ApprovalStatus.APPROVED)
        .order_by(Decision.created_at.desc(), Decision.id.desc()).limit(limit))
    if before is not None:
        statement = statement.where(Decision.created_at < before)
    if partner_id is not None:
        statement = statement.where(Project.id.in_(select(ProjectParticipant.project_id)
                                                   .where(ProjectParticipant.institution_id == partner_id)))
    kind = _("Проект утверждён советом")
    return [(row.created_at, kind, row.title, url_for("projects.show_project", network=row.slug, project_id=row.id),
             row.lead_institution_id) for row in db.session.execute(statement)]


register_chronicle_source("projects", entries, position=50)
