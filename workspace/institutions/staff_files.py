"""Staff import from Excel (all or nothing) and export to Excel."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_login import current_user, login_required

from tenants.permissions import require_role
from workspace.accounts.invitations import invite
from workspace.accounts.models import StaffRole
from workspace.core.excel import xlsx_response
from workspace.core.i18n import gettext as _
from workspace.core.import_preview import import_whole
from workspace.institutions import bp
from workspace.institutions.exports import staff_template, staff_workbook
from workspace.institutions.imports import MAX_STAFF_ROWS, read_staff, read_staff_file


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
    def save(result):
        for row in result.rows:
            invite(row.email, row.full_name, institution_id=g.institution.id, role=row.role,
                   position=row.position, where=g.institution.short_name, invited_by=current_user)
        flash(_("Приглашено сотрудников: %(n)d. Им отправлены письма со ссылками для входа.", n=len(result.rows)),
              "success")
        return redirect(url_for("institutions.list_staff"))

    return import_whole(read_staff_file, read_staff, save, template="institutions/import_staff.html",
                        max_rows=MAX_STAFF_ROWS)
