"""Import of a plan from Excel: upload → preview (every row and doubt, fixable) → save whole."""
from __future__ import annotations

from flask import abort, flash, g, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select

from tenants.permissions import is_base_manager
from workspace.core.dates import AcademicYear
from workspace.core.rendering import render
from workspace.core.spreadsheets import read_xlsx
from workspace.core.uploads import UploadRejected
from workspace.extensions import db, htmx
from workspace.plans import bp
from workspace.plans.approval import require_editable
from workspace.plans.imports import MAX_PLAN_ROWS, preview_from_form, preview_from_sheets, save_preview
from workspace.plans.models import PlanImport, PlanSection
from workspace.plans.queries import get_plan_or_404


class PlanUploadForm(FlaskForm):
    file = FileField(_l("Файл Excel (.xlsx)"), validators=[FileRequired(_l("Выберите файл."))],
                     render_kw={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})


class PreviewForm(FlaskForm):
    """Only the CSRF token: the rows are read from the request by imports.preview_from_form."""


def _require_importer() -> None:
    if not is_base_manager(g.network):
        abort(403)


def get_import_or_404(plan, import_id: int) -> PlanImport:
    draft = db.session.scalar(select(PlanImport).where(PlanImport.id == import_id, PlanImport.plan_id == plan.id))
    if draft is None:
        abort(404)
    return draft


def _require_sections_editable(plan, titles: set[str]) -> None:
    """Rows go into existing sections by title: a section on approval or approved takes none."""
    for section in db.session.scalars(select(PlanSection).where(PlanSection.plan_id == plan.id,
                                                                PlanSection.title.in_(titles))):
        require_editable(plan, section=section)


@bp.route("/<int:plan_id>/import", methods=["GET", "POST"])
@login_required
def import_plan(plan_id: int):
    plan = get_plan_or_404(plan_id)
    _require_importer()
    require_editable(plan)
    form = PlanUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            content = upload.read()
        finally:
            upload.close()
        try:
            read_xlsx(content, max_rows=MAX_PLAN_ROWS + 200)
        except UploadRejected as error:
            form.file.errors.append(str(error))
        else:
            draft = PlanImport(network_id=g.network.id, plan_id=plan.id, author_id=current_user.id,
                               filename=(upload.filename or "")[:255], content=content)
            db.session.add(draft)
            db.session.flush()
            target = url_for("plans.preview_import", plan_id=plan.id, import_id=draft.id)
            if htmx:  # the upload went through htmx (with its progress bar): the browser goes on
                response = make_response("", 204)
                response.headers["HX-Redirect"] = target
                return response
            return redirect(target)
    return render("plans/import.html", plan=plan, form=form, status=422 if form.errors else 200,
                  partials={"upload-form": "plans/_upload_form.html"})


@bp.route("/<int:plan_id>/import/<int:import_id>", methods=["GET", "POST"])
@login_required
def preview_import(plan_id: int, import_id: int):
    plan = get_plan_or_404(plan_id)
    draft = get_import_or_404(plan, import_id)
    _require_importer()
    require_editable(plan)
    year = AcademicYear(plan.start_year)
    form = PreviewForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        preview = preview_from_form(request.form, year)
        if request.form.get("action") == "save" and preview.rows and not preview.errors:
            _require_sections_editable(plan, {row.section[:400] for row in preview.rows})
            saved = save_preview(plan, preview)
            db.session.delete(draft)
            if preview.doubts:
                flash(_("Загружено мероприятий: %(n)d. Строк с сомнениями: %(doubts)d — они отмечены в плане.",
                        n=saved, doubts=preview.doubts), "success")
            else:
                flash(_("Загружено мероприятий: %(n)d. Все строки прочитаны без сомнений.", n=saved), "success")
            return redirect(url_for("plans.show_plan", plan_id=plan.id))
        status = 422 if preview.errors else 200
    else:
        sheet = request.args.get("sheet", type=int)
        preview = preview_from_sheets(read_xlsx(draft.content, max_rows=MAX_PLAN_ROWS + 200), year, sheet)
        status = 422 if preview.problem else 200
    return render("plans/preview.html", plan=plan, draft=draft, preview=preview, form=form, year=year,
                  status=status)
