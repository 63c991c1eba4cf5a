"""Stages of a project (подготовительный, организационный, практический, обобщающий by default):
renamed, dated, added, removed after a confirmation, reordered."""
from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.projects import bp
from workspace.projects.access import editable_project_or_404, editable_stage_or_404
from workspace.projects.editing import next_position, swap_positions
from workspace.projects.forms import StageForm
from workspace.projects.models import ProjectStage, ProjectTask
from workspace.projects.views import page_context


def _back(project, stage=None):
    return redirect(url_for("projects.show_project", project_id=project.id, _anchor="stages"))


@bp.post("/<int:project_id>/stages")
@login_required
def add_stage(project_id: int):
    project = editable_project_or_404(project_id)
    form = StageForm()
    if not form.validate_on_submit():
        return render("projects/page.html", status=422, **page_context(project, stage_form=form))
    db.session.add(ProjectStage(network_id=g.network.id, project_id=project.id, title=form.title.data,
                                starts_on=form.starts_on.data, ends_on=form.ends_on.data,
                                position=next_position(ProjectStage, project.id)))
    flash(_("Этап добавлен."), "success")
    return _back(project)


@bp.route("/<int:project_id>/stages/<int:stage_id>/edit", methods=["GET", "POST"])
@login_required
def edit_stage(project_id: int, stage_id: int):
    project, stage = editable_stage_or_404(project_id, stage_id)
    form = StageForm(obj=stage if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(stage.version)
    status = 200
    if form.validate_on_submit():
        if is_stale(stage, form.version.data):
            form.version.data = str(stage.version)
            form.form_errors.append(_("Этот этап только что изменил другой пользователь: сейчас он называется "
                                      "«%(title)s». Проверьте значения и сохраните ещё раз.", title=stage.title))
            status = 409
        else:
            stage.title, stage.starts_on, stage.ends_on = form.title.data, form.starts_on.data, form.ends_on.data
            flash(_("Этап сохранён."), "success")
            return _back(project)
    elif form.errors:
        status = 422
    return render("projects/edit_stage.html", form=form, project=project, stage=stage, status=status)


@bp.post("/<int:project_id>/stages/<int:stage_id>/move")
@login_required
def move_stage(project_id: int, stage_id: int):
    project, stage = editable_stage_or_404(project_id, stage_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    stages = list(db.session.scalars(select(ProjectStage).where(ProjectStage.project_id == project.id)
                                     .order_by(ProjectStage.position, ProjectStage.id)))
    swap_positions(stages, stage.id, direction)
    return _back(project)


@bp.get("/<int:project_id>/stages/<int:stage_id>/delete")
@login_required
def confirm_delete_stage(project_id: int, stage_id: int):
    project, stage = editable_stage_or_404(project_id, stage_id)
    return confirm_page(heading=_("Удалить этап?"),
                        question=_("Этап «%(title)s» будет удалён; его задачи останутся в дорожной карте без этапа.",
                                   title=stage.title),
                        action=url_for("projects.delete_stage", project_id=project.id, stage_id=stage.id),
                        confirm_label=_("Удалить"), cancel_url=url_for("projects.show_project", project_id=project.id))


@bp.post("/<int:project_id>/stages/<int:stage_id>/delete")
@login_required
def delete_stage(project_id: int, stage_id: int):
    project, stage = editable_stage_or_404(project_id, stage_id)
    for task in db.session.scalars(select(ProjectTask).where(ProjectTask.stage_id == stage.id)):
        task.stage_id = None  # each task keeps its history (an audit entry per task)
    db.session.delete(stage)
    flash(_("Этап удалён."), "success")
    return _back(project)
