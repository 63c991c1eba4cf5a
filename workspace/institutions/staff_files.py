"""Staff import from Excel (all or nothing) and export to Excel."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from tenants.permissions import require_role
from workspace.accounts.invitations import invite
from workspace.accounts.models import StaffRole
from workspace.core.excel import xlsx_response
from workspace.core.rendering import render
from workspace.core.spreadsheets import read_xlsx
from workspace.core.uploads import UploadRejected
from workspace.institutions import bp
from workspace.institutions.exports import staff_template, staff_workbook
from workspace.institutions.imports import MAX_STAFF_ROWS, read_staff


class StaffImportForm(FlaskForm):
    file = FileField(_l("Файл Excel (.xlsx)"), validators=[FileRequired(_l("Выберите файл."))],
                     render_kw={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})


@bp.get("/staff/export.xlsx")
@login_required
def export_staff():
    return xlsx_response(staff_workbook(), f"{g.institution.slug}-staff.xlsx")


@bp.get("/staff/import/template.xlsx")
@login_required
def staff_import_template():
    require_role(StaffRole.ADMIN)
    return xlsx_response(staff_template(), "staff-template.xlsx")


@bp.route("/staff/import", methods=["GET", "POST"])
@login_required
def import_staff():
    require_role(StaffRole.ADMIN)
    form = StaffImportForm()
    result = None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            content = upload.read()
        finally:
            upload.close()
        try:
            sheets = read_xlsx(content, max_rows=MAX_STAFF_ROWS + 50)
        except UploadRejected as error:
            form.file.errors.append(str(error))
        else:
            result = read_staff(sheets)
            if result.problem:
                form.file.errors.append(result.problem)
            elif result.ok:
                for row in result.rows:
                    invite(row.email, row.full_name, institution_id=g.institution.id, role=row.role,
                           position=row.position, where=g.institution.short_name)
                flash(_("Приглашено сотрудников: %(n)d. Им отправлены письма со ссылками для входа.",
                        n=len(result.rows)), "success")
                return redirect(url_for("institutions.list_staff"))
    status = 422 if form.errors or (result and not result.ok) else 200
    return render("institutions/import_staff.html", form=form, result=result, max_rows=MAX_STAFF_ROWS,
                  status=status)
