"""Import of a roadmap from Excel: upload (checked by core/uploads.py) → preview (every row and doubt,
fixable) → saved whole. The upload and preview forms are the plan importer's."""
from __future__ import annotations

from flask import abort, flash, g, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workspace.core.rendering import render
from workspace.core.spreadsheets import read_xlsx
from workspace.core.uploads import UploadRejected
from workspace.extensions import db, htmx
from workspace.plans.import_views import PlanUploadForm, PreviewForm
from workspace.projects import bp
from workspace.projects.approval import require_editable
from workspace.projects.editing import year_of
from workspace.projects.imports import MAX_ROADMAP_ROWS, preview_from_form, preview_from_sheets, save_preview
from workspace.projects.models import RoadmapImport
from workspace.projects.permissions import can_edit_project
from workspace.projects.queries import get_import_or_404, get_project_or_404


def _require_importer(project) -> None:
    if not can_edit_project(g.network, project):
        abort(403)
    require_editable(project)


@bp.route("/<int:project_id>/import", methods=["GET", "POST"])
@login_required
def import_roadmap(project_id: int):
    project = get_project_or_404(project_id)
    _require_importer(project)
    form = PlanUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            content = upload.read()
        finally:
            upload.close()
        try:
            read_xlsx(content, max_rows=MAX_ROADMAP_ROWS + 200)
        except UploadRejected as error:
            form.file.errors.append(str(error))
        else:
            draft = RoadmapImport(network_id=g.network.id, project_id=project.id, author_id=current_user.id,
                                  filename=(upload.filename or "")[:255], content=content)
            db.session.add(draft)
            db.session.flush()
            target = url_for("projects.preview_roadmap", project_id=project.id, roadmap_import_id=draft.id)
            if htmx:
                response = make_response("", 204)
                response.headers["HX-Redirect"] = target
                return response
            return redirect(target)
    return render("projects/import.html", project=project, form=form, status=422 if form.errors else 200,
                  partials={"upload-form": "projects/_upload_form.html"})


@bp.route("/<int:project_id>/import/<int:roadmap_import_id>", methods=["GET", "POST"])
@login_required
def preview_roadmap(project_id: int, roadmap_import_id: int):
    project = get_project_or_404(project_id)
    draft = get_import_or_404(project, roadmap_import_id)
    _require_importer(project)
    year = year_of(project)
    form = PreviewForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        preview = preview_from_form(request.form, year)
        if request.form.get("action") == "save" and preview.rows and not preview.errors:
            saved = save_preview(project, preview)
            db.session.delete(draft)
            flash(_("В дорожную карту загружено задач: %(n)d.", n=saved), "success")
            return redirect(url_for("projects.show_project", project_id=project.id, _anchor="roadmap"))
        status = 422 if preview.errors else 200
    else:
        try:
            sheets = read_xlsx(draft.content, max_rows=MAX_ROADMAP_ROWS + 200)
        except UploadRejected as error:
            abort(make_response(str(error), 422))
        preview = preview_from_sheets(sheets, year, request.args.get("sheet", type=int))
        status = 422 if preview.problem else 200
    return render("projects/preview.html", project=project, draft=draft, preview=preview, form=form, year=year,
                  status=status)
