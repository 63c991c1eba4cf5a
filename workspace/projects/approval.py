"""The project as an approvable object of the council (the kind "project"), and the one lock every
project write view calls — the same flow and the same semantics as the plan's (workspace/plans/approval.py).

A project on approval, approved or rejected is locked: its description, stages, roadmap, resources and
indicators refuse changes with 403 and a message saying why. What stays open is the project being carried
out: a task's status, indicators' actual values, documents and the discussion. «Внести изменения» takes
the project back to draft; it is then approved again.
"""
from __future__ import annotations

from flask import g, url_for
from sqlalchemy import select

from workspace.core.access import refuse_locked
from workspace.core.i18n import gettext as _
from workspace.council.approval import approvables
from workspace.council.models import ApprovalStatus
from workspace.extensions import db
from workspace.projects.models import Project, ProjectStatus
from workspace.projects.permissions import can_edit_project

EDITABLE = (ProjectStatus.DRAFT, ProjectStatus.RETURNED)


def _load(project_id: int) -> Project | None:
    return db.session.scalar(select(Project).where(Project.id == project_id))


def _set_status(project: Project, status: ApprovalStatus) -> None:
    project.status = ProjectStatus(status.value)


approvables.register(
    "project",
    load=_load,
    label=lambda project: project.title,
    url=lambda project: url_for("projects.show_project", project_id=project.id),
    status_of=lambda project: ApprovalStatus(project.status.value),
    on_decision=_set_status,
    can_submit=lambda project: can_edit_project(g.network, project),
)


def is_editable(project: Project) -> bool:
    return project.status in EDITABLE


def locked_message(project: Project) -> str | None:
    if project.status == ProjectStatus.SUBMITTED:
        return _("Проект на согласовании в координационном совете: изменять его нельзя, пока совет не примет решение.")
    if project.status == ProjectStatus.APPROVED:
        return _("Проект утверждён координационным советом и закрыт для изменений. Чтобы изменить его, нажмите "
                 "«Внести изменения» на странице проекта: проект вернётся в черновик, а после правок снова пойдёт "
                 "на утверждение.")
    if project.status == ProjectStatus.REJECTED:
        return _("Проект отклонён советом и закрыт для изменений. Чтобы переработать его, нажмите «Внести изменения» "
                 "на странице проекта.")
    return None


def require_editable(project: Project) -> None:
    """403 with the reason when the project is locked."""
    message = locked_message(project)
    if message is None:
        return
    refuse_locked(_("Проект закрыт для изменений"), message)
