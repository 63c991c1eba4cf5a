"""Writing projects and roadmap tasks: every edit keeps the typed text and re-reads the term into dates
with the plan's timing reader, and links the institutions the responsible text names (reading/matching.py)."""
from __future__ import annotations

from flask import g
from sqlalchemy import delete, func, select

from workspace.core.dates import AcademicYear
from workspace.core.ordering import move_among
from workspace.extensions import db
from workspace.plans.imports import candidates
from workspace.plans.periods import set_timing
from workspace.projects.models import (
    DEFAULT_STAGES,
    Direction,
    Project,
    ProjectParticipant,
    ProjectStage,
    ProjectTask,
    ProjectTaskInstitution,
    TaskStatus,
)
from workspace.reading.matching import Candidate, find_institutions


def year_of(project: Project) -> AcademicYear:
    """Terms without a year are placed in the academic year the project starts in."""
    return AcademicYear.containing(project.starts_on)


def create_project(form) -> Project:
    project = Project(network_id=g.network.id, title="", direction=form.direction.data,
                      lead_institution_id=form.lead_institution_id.data,
                      starts_on=form.starts_on.data, ends_on=form.ends_on.data)
    apply_project_form(project, form)
    db.session.add(project)
    db.session.flush()
    set_participants(project, form.participant_ids.data or [])
    for position, title in enumerate(DEFAULT_STAGES, start=1):
        db.session.add(ProjectStage(network_id=g.network.id, project_id=project.id, position=position, title=title))
    return project


def apply_project_form(project: Project, form) -> None:
    project.title = form.title.data
    project.goal = form.goal.data or ""
    project.tasks = form.tasks.data or ""
    project.direction = Direction(form.direction.data)
    project.lead_institution_id = form.lead_institution_id.data
    project.starts_on, project.ends_on = form.starts_on.data, form.ends_on.data


def set_participants(project: Project, institution_ids: list[int]) -> None:
    wanted = set(institution_ids) | {project.lead_institution_id}
    existing = set(db.session.scalars(select(ProjectParticipant.institution_id)
                                      .where(ProjectParticipant.project_id == project.id)))
    if existing - wanted:
        db.session.execute(delete(ProjectParticipant).where(ProjectParticipant.project_id == project.id,
                                                            ProjectParticipant.institution_id.in_(existing - wanted)))
    for institution_id in sorted(wanted - existing):
        db.session.add(ProjectParticipant(network_id=project.network_id, project_id=project.id,
                                          institution_id=institution_id))


def read_task_into(task: ProjectTask, field: str, value: str, year: AcademicYear) -> None:
    if field == "timing":
        set_timing(task, value, year)
    elif field == "status":
        task.status = TaskStatus(value)
    elif field == "stage_id":
        task.stage_id = int(value) or None
    else:
        setattr(task, field, value)


def relink(task: ProjectTask, members: list[Candidate] | None = None) -> None:
    """Link the member institutions the responsible text names (replacing earlier links)."""
    members = candidates() if members is None else members
    db.session.execute(delete(ProjectTaskInstitution).where(ProjectTaskInstitution.task_id == task.id))
    for institution_id in sorted({c.id for c in find_institutions(task.responsible, members)}):
        db.session.add(ProjectTaskInstitution(network_id=task.network_id, task_id=task.id,
                                              institution_id=institution_id))


def next_position(model, project_id: int) -> int:
    return db.session.scalar(select(func.coalesce(func.max(model.position), 0))
                             .where(model.project_id == project_id)) + 1


def add_task(project: Project, values: dict, members: list[Candidate] | None = None,
             position: int | None = None) -> ProjectTask:
    position = position or next_position(ProjectTask, project.id)
    task = ProjectTask(network_id=project.network_id, project_id=project.id, position=position,
                       number=(values.get("number") or str(position))[:20], title="",
                       stage_id=values.get("stage_id") or None)
    year = year_of(project)
    for field in ("task", "title", "timing", "expected_result", "report_form", "responsible"):
        read_task_into(task, field, values.get(field) or "", year)
    db.session.add(task)
    db.session.flush()
    if task.responsible:
        relink(task, members)
    return task


def swap_positions(rows: list, row_id: int, direction: str) -> None:
    """Move one row up or down among its siblings (positions 1…n; a roadmap's numbers follow them)."""
    move_among(rows, row_id, direction)
