"""Scoped loads of the project area: a fixed number of statements whatever the project's size."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cache
from typing import NamedTuple

from flask import abort
from sqlalchemy import Date, DateTime, Integer, Select, bindparam, case, cast, func, literal, null, select, union_all

from tenants.models import Institution
from workspace.accounts.models import User
from workspace.extensions import db
from workspace.projects.models import (
    Project,
    ProjectComment,
    ProjectDocument,
    ProjectIndicator,
    ProjectParticipant,
    ProjectStage,
    ProjectTask,
    ProjectTaskInstitution,
    RoadmapImport,
    TaskStatus,
)

COMMENTS_SHOWN = 30


def get_project_or_404(project_id: int) -> Project:
    return db.first_or_404(select(Project).where(Project.id == project_id))


def _child_or_404(model, project: Project, child_id: int):
    return db.first_or_404(select(model).where(model.id == child_id, model.project_id == project.id))


def get_stage_or_404(project: Project, stage_id: int) -> ProjectStage:
    return _child_or_404(ProjectStage, project, stage_id)


def get_task_or_404(project: Project, task_id: int) -> ProjectTask:
    return _child_or_404(ProjectTask, project, task_id)


def get_indicator_or_404(project: Project, indicator_id: int) -> ProjectIndicator:
    return _child_or_404(ProjectIndicator, project, indicator_id)


def get_document_or_404(project: Project, document_id: int) -> ProjectDocument:
    return _child_or_404(ProjectDocument, project, document_id)


def get_import_or_404(project: Project, import_id: int) -> RoadmapImport:
    return _child_or_404(RoadmapImport, project, import_id)


def participants_of(project_id: int) -> list[tuple[int, str]]:
    """(institution id, short name) of the participants, the lead among them (one statement)."""
    return [(row.id, row.short_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name)
        .join(ProjectParticipant, ProjectParticipant.institution_id == Institution.id)
        .where(ProjectParticipant.project_id == project_id).order_by(Institution.short_name))]


class _Stage(NamedTuple):
    """A stage as the project page reads it (``project_participants_stages_or_404``)."""

    id: int
    title: str
    position: int
    starts_on: date | None
    ends_on: date | None


@cache
def _project_parts_statement():
    """The statement of ``project_participants_stages_or_404``, built once with a bound parameter (building the
    UNION cost more than running it)."""
    project_id = bindparam("project_id", type_=Integer)
    parts = union_all(
        select(literal(0).label("kind"), ProjectParticipant.project_id, Institution.id,
               Institution.short_name.label("title"), cast(null(), Integer).label("position"),
               cast(null(), Date).label("starts_on"), cast(null(), Date).label("ends_on"))
        .join(Institution, Institution.id == ProjectParticipant.institution_id)
        .where(ProjectParticipant.project_id == project_id),
        select(literal(1), ProjectStage.project_id, ProjectStage.id, ProjectStage.title, ProjectStage.position,
               ProjectStage.starts_on, ProjectStage.ends_on).where(ProjectStage.project_id == project_id),
    ).subquery()
    return (select(Project, parts.c.kind, parts.c.id, parts.c.title, parts.c.position, parts.c.starts_on,
                   parts.c.ends_on)
            .outerjoin(parts, parts.c.project_id == Project.id).where(Project.id == project_id)
            # participants by name, stages by position (each as its own query ordered them)
            .order_by(parts.c.kind, parts.c.position, case((parts.c.kind == 0, parts.c.title)), parts.c.id))


def project_participants_stages_or_404(project_id: int) -> tuple[Project, list[tuple[int, str]], list]:
    """The project, ``participants_of`` it and its stages (column tuples of id, title, position, starts_on,
    ends_on: ``stages_of`` as the page reads them) in one statement: the project joined to the UNION of its
    participants (kind 0) and its stages (kind 1). 404 for a project not seen."""
    rows = db.session.execute(_project_parts_statement(), {"project_id": project_id}).all()
    if not rows:
        abort(404)
    participants = [(row.id, row.title) for row in rows if row.kind == 0]
    stages = [_Stage(row.id, row.title, row.position, row.starts_on, row.ends_on) for row in rows if row.kind == 1]
    return rows[0][0], participants, stages


def stages_of(project_id: int) -> list[ProjectStage]:
    return list(db.session.scalars(select(ProjectStage).where(ProjectStage.project_id == project_id)
                                   .order_by(ProjectStage.position, ProjectStage.id)))


def tasks_with_links(project_id: int) -> tuple[list[ProjectTask], dict[int, list[tuple[int, str]]]]:
    """The roadmap and, per task, the institutions it names: one statement (a row per task and link)."""
    tasks: dict[int, ProjectTask] = {}
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for task, institution_id, short_name in db.session.execute(
            select(ProjectTask, Institution.id, Institution.short_name)
            .outerjoin(ProjectTaskInstitution, ProjectTaskInstitution.task_id == ProjectTask.id)
            .outerjoin(Institution, Institution.id == ProjectTaskInstitution.institution_id)
            .where(ProjectTask.project_id == project_id)
            .order_by(ProjectTask.position, ProjectTask.id, Institution.short_name)):
        tasks.setdefault(task.id, task)
        if institution_id is not None:
            links[task.id].append((institution_id, short_name))
    return list(tasks.values()), links


def task_links(project_id: int, task_id: int | None = None) -> dict[int, list[tuple[int, str]]]:
    """task id → (institution id, short name) of the institutions its responsible text names (one statement)."""
    where = (ProjectTask.id == task_id) if task_id is not None else (ProjectTask.project_id == project_id)
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row in db.session.execute(
            select(ProjectTaskInstitution.task_id, Institution.id, Institution.short_name)
            .join(Institution, Institution.id == ProjectTaskInstitution.institution_id)
            .join(ProjectTask, ProjectTask.id == ProjectTaskInstitution.task_id)
            .where(where).order_by(ProjectTaskInstitution.task_id, Institution.short_name)):
        links[row.task_id].append((row.id, row.short_name))
    return links


def indicators_of(project_id: int) -> list[ProjectIndicator]:
    return list(db.session.scalars(select(ProjectIndicator).where(ProjectIndicator.project_id == project_id)
                                   .order_by(ProjectIndicator.position, ProjectIndicator.id)))


@cache
def _documents_statement():
    """The statement of ``documents_and_materials``, built once with a bound parameter."""
    from workspace.bank.models import Material  # noqa: PLC0415  (bank.sources names the projects' models)

    project_id = bindparam("project_id", type_=Integer)
    materials = (select(Material.id, Material.title)
                 .where(Material.source_kind == "project", Material.source_id == project_id)
                 .order_by(Material.id.desc()).limit(50).subquery())
    both = union_all(
        select(literal(0).label("kind"), ProjectDocument.id, ProjectDocument.filename, ProjectDocument.size,
               ProjectDocument.created_at, ProjectDocument.author_id).where(ProjectDocument.project_id == project_id),
        select(literal(1), materials.c.id, materials.c.title, cast(null(), Integer), cast(null(), DateTime),
               cast(null(), Integer))).subquery()
    return select(both).order_by(both.c.kind, both.c.created_at.desc(), both.c.id.desc())


def documents_and_materials(project_id: int) -> tuple[list, list[tuple[int, str]]]:
    """The project's documents (column tuples: the files' contents are not read for the list), newest first, and
    (id, title) of the bank's materials that came from the project, newest first, at most 50: one UNION
    statement."""
    documents, bank = [], []
    for row in db.session.execute(_documents_statement(), {"project_id": project_id}):
        if row.kind == 0:
            documents.append(row)
        else:
            bank.append((row.id, row.filename))
    return documents, bank


def comments_of(project_id: int, limit: int = COMMENTS_SHOWN) -> list[ProjectComment]:
    """The discussion, newest first."""
    return list(db.session.scalars(select(ProjectComment).where(ProjectComment.project_id == project_id)
                                   .order_by(ProjectComment.created_at.desc(), ProjectComment.id.desc())
                                   .limit(limit)))


def projects_statement(direction: str | None, status: str | None, participant: int | None) -> Select:
    """The network's projects with the lead's name, the numbers of tasks and of tasks done, filtered."""
    done = func.count(ProjectTask.id).filter(ProjectTask.status == TaskStatus.DONE)
    statement = (select(Project.id, Project.title, Project.direction, Project.status, Project.starts_on,
                        Project.ends_on, Institution.short_name.label("lead_name"),
                        func.count(ProjectTask.id).label("tasks"), done.label("done"))
                 .join(Institution, Institution.id == Project.lead_institution_id)
                 .outerjoin(ProjectTask, ProjectTask.project_id == Project.id)
                 .group_by(Project.id, Project.title, Project.direction, Project.status, Project.starts_on,
                           Project.ends_on, Institution.short_name)
                 .order_by(Project.starts_on.desc(), Project.id.desc()))
    if direction:
        statement = statement.where(Project.direction == direction)
    if status:
        statement = statement.where(Project.status == status)
    if participant:
        statement = statement.where(Project.id.in_(select(ProjectParticipant.project_id)
                                                   .where(ProjectParticipant.institution_id == participant)))
    return statement


def colleagues_of(project_id: int) -> list[tuple[int, str]]:
    """(user id, full name) of the active staff of the participant institutions: who may be mentioned."""
    return [(row.id, row.full_name) for row in db.session.execute(
        select(User.id, User.full_name)
        .join(ProjectParticipant, ProjectParticipant.institution_id == User.institution_id)
        .where(ProjectParticipant.project_id == project_id, User.is_enabled.is_(True))
        .order_by(User.full_name))]

