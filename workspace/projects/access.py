"""Access to a project and its parts, one helper per kind: each loads the object through its project (404 for
a foreign one), checks the right (403 for a member who lacks it) and, for a change, the lock of an approved
project (403 with the reason). "May edit and not locked" is checked here and nowhere else.

Reading needs no helper beyond the scoped loads of ``queries.py``: every member of the network reads."""
from __future__ import annotations

from flask import abort, g
from flask_login import current_user

from workspace.core.access import require
from workspace.projects.approval import is_editable, require_editable
from workspace.projects.forms import TASK_FIELDS
from workspace.projects.models import (
    Project,
    ProjectDocument,
    ProjectIndicator,
    ProjectStage,
    ProjectTask,
    RoadmapImport,
)
from workspace.projects.permissions import can_edit_project, can_mark_task, can_take_part
from workspace.projects.queries import (
    get_document_or_404,
    get_import_or_404,
    get_indicator_or_404,
    get_project_or_404,
    get_stage_or_404,
    get_task_or_404,
    participants_of,
    task_links,
)


def _require_editor(project: Project, *, lock: bool = True) -> None:
    """The editors' right (403), then, unless ``lock`` is off, the approved project's lock (403 with the reason)."""
    require(can_edit_project(g.network, project))
    if lock:
        require_editable(project)


def may_edit(project: Project) -> bool:
    """The same rule as a yes/no, for pages that show or hide the editing controls."""
    return can_edit_project(g.network, project) and is_editable(project)


def editable_project_or_404(project_id: int, *, lock: bool = True) -> Project:
    project = get_project_or_404(project_id)
    _require_editor(project, lock=lock)
    return project


def participating_project_or_404(project_id: int) -> Project:
    """Comment, attach documents: the editors and the participants' coordinators, approved or not."""
    project = get_project_or_404(project_id)
    participant_ids = {institution_id for institution_id, _name in participants_of(project.id)}
    require(can_take_part(g.network, project, participant_ids))
    return project


def editable_stage_or_404(project_id: int, stage_id: int) -> tuple[Project, ProjectStage]:
    project = get_project_or_404(project_id)
    stage = get_stage_or_404(project, stage_id)
    _require_editor(project)
    return project, stage


def may_write_task_cell(project: Project, task: ProjectTask, field: str) -> bool:
    """A task's status is the project being carried out (its participants mark it, approved or not); every
    other cell is the project being changed (the editors, while it is not locked)."""
    if field == "status":
        links = {institution_id for institution_id, _name in task_links(project.id, task.id).get(task.id, [])}
        participants = {institution_id for institution_id, _name in participants_of(project.id)}
        return can_mark_task(g.network, project, links, participants)
    return may_edit(project)


def editable_task_or_404(project_id: int, task_id: int, field: str | None = None) -> tuple[Project, ProjectTask]:
    """A task to change, whole (``field`` None: move, delete) or one cell of it (an unknown cell is 404)."""
    project = get_project_or_404(project_id)
    task = get_task_or_404(project, task_id)
    if field is not None and field not in TASK_FIELDS:
        abort(404)
    if field == "status":
        require(may_write_task_cell(project, task, field))
    else:
        _require_editor(project)
    return project, task


def editable_indicator_or_404(project_id: int, indicator_id: int, *,
                              lock: bool = True) -> tuple[Project, ProjectIndicator]:
    """``lock=False``: the indicator's actual value, which stays open on an approved project."""
    project = get_project_or_404(project_id)
    indicator = get_indicator_or_404(project, indicator_id)
    _require_editor(project, lock=lock)
    return project, indicator


def removable_document_or_404(project_id: int, document_id: int) -> tuple[Project, ProjectDocument]:
    """A document is removed by the project's editors and by whoever attached it."""
    project = get_project_or_404(project_id)
    stored = get_document_or_404(project, document_id)
    require(can_edit_project(g.network, project) or stored.author_id == current_user.id)
    return project, stored


def editable_import_or_404(project_id: int, import_id: int) -> tuple[Project, RoadmapImport]:
    project = get_project_or_404(project_id)
    draft = get_import_or_404(project, import_id)
    _require_editor(project)
    return project, draft
