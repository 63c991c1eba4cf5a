"""A project's indicators (plan against fact), documents and discussion."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.core.stored_files import accept_file, send_stored_file
from workspace.core.words import plural
from workspace.extensions import db, htmx
from workspace.projects import bp
from workspace.projects.access import (
    editable_indicator_or_404,
    editable_project_or_404,
    participating_project_or_404,
    removable_document_or_404,
)
from workspace.projects.approval import is_editable
from workspace.projects.editing import next_position
from workspace.projects.forms import CommentForm, DocumentForm, IndicatorForm
from workspace.projects.mentions import mentioned
from workspace.projects.models import ProjectComment, ProjectDocument, ProjectIndicator, ProjectMention
from workspace.projects.queries import colleagues_of, comments_of, get_document_or_404, get_project_or_404
from workspace.projects.views import page_context

MAX_DOCUMENTS = 50


def _to_page(project, anchor: str):
    return redirect(url_for("projects.show_project", project_id=project.id, _anchor=anchor))


# --- indicators --------------------------------------------------------------------------------------

@bp.post("/<int:project_id>/indicators")
@login_required
def add_indicator(project_id: int):
    project = editable_project_or_404(project_id)
    form = IndicatorForm()
    if not form.validate_on_submit():
        return render("projects/page.html", status=422, **page_context(project, indicator_form=form))
    db.session.add(ProjectIndicator(network_id=g.network.id, project_id=project.id, name=form.name.data,
                                    unit=form.unit.data or "", target_value=form.target_value.data,
                                    actual_value=form.actual_value.data,
                                    position=next_position(ProjectIndicator, project.id)))
    flash(_("Показатель добавлен."), "success")
    return _to_page(project, "indicators")


@bp.route("/<int:project_id>/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
@login_required
def edit_indicator(project_id: int, indicator_id: int):
    """The editors change an indicator; once the project is approved only its actual value (the fact)."""
    project, indicator = editable_indicator_or_404(project_id, indicator_id, lock=False)
    only_fact = not is_editable(project)
    form = IndicatorForm(obj=indicator if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(indicator.version)
    elif only_fact:
        form.name.data, form.unit.data, form.target_value.data = indicator.name, indicator.unit, indicator.target_value
        form.target_value.raw_data = [str(indicator.target_value)]
    status = 200
    if form.validate_on_submit():
        if is_stale(indicator, form.version.data):
            form.version.data = str(indicator.version)
            form.form_errors.append(_("Этот показатель только что изменил другой пользователь. Проверьте значения и "
                                      "сохраните ещё раз."))
            status = 409
        else:
            if not only_fact:
                indicator.name, indicator.unit = form.name.data, form.unit.data or ""
                indicator.target_value = form.target_value.data
            indicator.actual_value = form.actual_value.data
            flash(_("Показатель сохранён."), "success")
            return _to_page(project, "indicators")
    elif form.errors:
        status = 422
    return render("projects/edit_indicator.html", form=form, project=project, indicator=indicator,
                  only_fact=only_fact, status=status)


@bp.get("/<int:project_id>/indicators/<int:indicator_id>/delete")
@login_required
def confirm_delete_indicator(project_id: int, indicator_id: int):
    project, indicator = editable_indicator_or_404(project_id, indicator_id)
    return confirm_page(heading=_("Удалить показатель?"), question=indicator.name,
                        action=url_for("projects.delete_indicator", project_id=project.id, indicator_id=indicator.id),
                        confirm_label=_("Удалить"), cancel_url=url_for("projects.show_project", project_id=project.id))


@bp.post("/<int:project_id>/indicators/<int:indicator_id>/delete")
@login_required
def delete_indicator(project_id: int, indicator_id: int):
    project, indicator = editable_indicator_or_404(project_id, indicator_id)
    db.session.delete(indicator)
    flash(_("Показатель удалён."), "success")
    return _to_page(project, "indicators")


# --- documents ---------------------------------------------------------------------------------------

@bp.post("/<int:project_id>/documents")
@login_required
def add_document(project_id: int):
    project = participating_project_or_404(project_id)
    form = DocumentForm()
    document_noun = _("документ")
    if form.validate_on_submit() and (accepted := accept_file(
            form.file, stored=db.session.scalar(select(func.count()).select_from(ProjectDocument)
                                                .where(ProjectDocument.project_id == project.id)),
            limit=MAX_DOCUMENTS, too_many=_("К проекту можно приложить не больше %(documents)s.",
                                            documents=plural(MAX_DOCUMENTS, document_noun, case="gent")))):
        db.session.add(ProjectDocument.from_upload(accepted, network_id=g.network.id, project_id=project.id,
                                                   author_id=current_user.id))
        flash(_("Документ приложен к проекту."), "success")
        return _to_page(project, "documents")
    return render("projects/page.html", status=422, **page_context(project, document_form=form))


@bp.get("/<int:project_id>/documents/<int:document_id>")
@login_required
def download_document(project_id: int, document_id: int):
    project = get_project_or_404(project_id)
    stored = get_document_or_404(project, document_id)
    return send_stored_file(stored)


@bp.get("/<int:project_id>/documents/<int:document_id>/delete")
@login_required
def confirm_delete_document(project_id: int, document_id: int):
    project, stored = removable_document_or_404(project_id, document_id)
    return confirm_page(heading=_("Удалить документ?"), question=stored.filename,
                        action=url_for("projects.delete_document", project_id=project.id, document_id=stored.id),
                        confirm_label=_("Удалить"), cancel_url=url_for("projects.show_project", project_id=project.id))


@bp.post("/<int:project_id>/documents/<int:document_id>/delete")
@login_required
def delete_document(project_id: int, document_id: int):
    project, stored = removable_document_or_404(project_id, document_id)
    db.session.delete(stored)
    flash(_("Документ удалён."), "success")
    return _to_page(project, "documents")


# --- discussion --------------------------------------------------------------------------------------

@bp.post("/<int:project_id>/comments")
@login_required
def add_comment(project_id: int):
    project = participating_project_or_404(project_id)
    form = CommentForm()
    status = 422
    if form.validate_on_submit():
        comment = ProjectComment(network_id=g.network.id, project_id=project.id, author_id=current_user.id,
                                 author_name=current_user.full_name, body=form.body.data)
        db.session.add(comment)
        db.session.flush()
        for user_id in sorted(mentioned(comment.body, colleagues_of(project.id)) - {current_user.id}):
            db.session.add(ProjectMention(network_id=g.network.id, comment_id=comment.id, project_id=project.id,
                                          user_id=user_id))
        if not htmx:
            flash(_("Комментарий опубликован."), "success")
            return _to_page(project, "discussion")
        form, status = CommentForm(formdata=None), 200
    if not htmx:
        return render("projects/page.html", status=status, **page_context(project, comment_form=form))
    return render("projects/_discussion.html", status=status, project=project, comment_form=form,
                  comments=comments_of(project.id), can_take_part=True)
