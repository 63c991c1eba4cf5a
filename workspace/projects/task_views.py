"""The roadmap: tasks added, edited in place cell by cell with htmx (like the plan's items), moved, removed."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db, htmx
from workspace.projects import bp
from workspace.projects.access import editable_project_or_404, editable_task_or_404, may_write_task_cell
from workspace.projects.editing import add_task as create_task
from workspace.projects.editing import read_task_into, relink, swap_positions, year_of
from workspace.projects.forms import TASK_FIELDS, TaskCellForm, TaskChoiceCellForm, TaskForm
from workspace.projects.models import ProjectStage, ProjectTask
from workspace.projects.queries import get_project_or_404, get_task_or_404, task_links
from workspace.projects.views import page_context


def _stage_choices(project_id: int) -> list[tuple[int, str]]:
    return [(row.id, row.title) for row in db.session.execute(
        select(ProjectStage.id, ProjectStage.title).where(ProjectStage.project_id == project_id)
        .order_by(ProjectStage.position, ProjectStage.id))]


@bp.post("/<int:project_id>/tasks")
@login_required
def add_task(project_id: int):
    project = editable_project_or_404(project_id)
    form = TaskForm(_stage_choices(project.id))
    if not form.validate_on_submit():
        return render("projects/page.html", status=422, **page_context(project, task_form=form))
    values = {name: getattr(form, name).data for name in ("task", "title", "timing", "expected_result",
                                                          "report_form", "responsible", "stage_id")}
    task = create_task(project, values)
    flash(_("Задача добавлена в дорожную карту."), "success")
    return redirect(url_for("projects.show_project", project_id=project.id, _anchor=f"task-{task.id}"))


def _cell_form(field: str, task: ProjectTask, project_id: int):
    if field not in TASK_FIELDS:
        abort(404)
    if field in ("status", "stage_id"):
        form = TaskChoiceCellForm(field, _stage_choices(project_id) if field == "stage_id" else None)
    else:
        form = TaskCellForm(field)
    if request.method == "GET":
        value = getattr(task, field)
        form.value.data = value.value if field == "status" else str(value or 0) if field == "stage_id" else value
        form.version.data = str(task.version)
    return form


def _stage_names(project_id: int, field: str) -> dict[int, str]:
    return dict(_stage_choices(project_id)) if field == "stage_id" else {}


@bp.route("/<int:project_id>/tasks/<int:task_id>/cells/<field>", methods=["GET", "POST"])
@login_required
def edit_task_cell(project_id: int, task_id: int, field: str):
    project, task = editable_task_or_404(project_id, task_id, field)
    form = _cell_form(field, task, project.id)
    status = 200
    if form.validate_on_submit():
        if is_stale(task, form.version.data):
            form.version.data = str(task.version)
            form.form_errors.append(_("Эту задачу только что изменил другой пользователь: сейчас сохранено "
                                      "«%(value)s». Сохраните ещё раз, если ваш вариант вернее.",
                                      value=_cell_text(task, field, project.id)))
            status = 409
        else:
            read_task_into(task, field, form.value.data or "", year_of(project))
            if field == "responsible":
                relink(task)
            db.session.flush()
            if htmx:
                return render("projects/_task_cell.html", task=task, project=project, field=field, can_edit=True,
                              links=task_links(project.id, task.id) if field == "responsible" else {},
                              stage_names=_stage_names(project.id, field))
            return redirect(url_for("projects.show_project", project_id=project.id, _anchor=f"task-{task.id}"))
    elif form.errors:
        status = 422
    return render("projects/edit_task_cell.html", partials={f"task-{task.id}-{field}": "projects/_task_cell_form.html"},
                  status=status, project=project, task=task, field=field, form=form)


def _cell_text(task: ProjectTask, field: str, project_id: int) -> str:
    value = getattr(task, field)
    if field == "status":
        return label(value)
    if field == "stage_id":
        return dict(_stage_choices(project_id)).get(value, "—")
    return value or "—"


@bp.get("/<int:project_id>/tasks/<int:task_id>/cells/<field>/view")
@login_required
def show_task_cell(project_id: int, task_id: int, field: str):
    """The cell as shown (the «Отмена» of an in-place edit)."""
    project = get_project_or_404(project_id)
    task = get_task_or_404(project, task_id)
    if field not in TASK_FIELDS:
        abort(404)
    if not htmx:
        return redirect(url_for("projects.show_project", project_id=project.id, _anchor=f"task-{task.id}"))
    return render("projects/_task_cell.html", task=task, project=project, field=field,
                  can_edit=may_write_task_cell(project, task, field), links=task_links(project.id, task.id),
                  stage_names=_stage_names(project.id, field))


@bp.post("/<int:project_id>/tasks/<int:task_id>/move")
@login_required
def move_task(project_id: int, task_id: int):
    project, task = editable_task_or_404(project_id, task_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    siblings = list(db.session.scalars(select(ProjectTask).where(ProjectTask.project_id == project.id)
                                       .order_by(ProjectTask.position, ProjectTask.id)))
    swap_positions(siblings, task.id, direction)
    return redirect(url_for("projects.show_project", project_id=project.id, _anchor=f"task-{task.id}"))


@bp.get("/<int:project_id>/tasks/<int:task_id>/delete")
@login_required
def confirm_delete_task(project_id: int, task_id: int):
    project, task = editable_task_or_404(project_id, task_id)
    return confirm_page(heading=_("Удалить задачу?"), question=task.title,
                        action=url_for("projects.delete_task", project_id=project.id, task_id=task.id),
                        confirm_label=_("Удалить"), cancel_url=url_for("projects.show_project", project_id=project.id))


@bp.post("/<int:project_id>/tasks/<int:task_id>/delete")
@login_required
def delete_task(project_id: int, task_id: int):
    project, task = editable_task_or_404(project_id, task_id)
    db.session.delete(task)
    db.session.flush()
    if htmx:
        return ""  # the row is removed in place (hx-swap="delete")
    flash(_("Задача удалена."), "success")
    return redirect(url_for("projects.show_project", project_id=project.id, _anchor="roadmap"))
