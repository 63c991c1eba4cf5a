"""Reports: a school's half-year report (screen and Excel) and a group's journal as Excel."""
from __future__ import annotations

from flask import abort, g, request
from flask_login import current_user, login_required

from tenants.permissions import MANAGERS, require_role
from workspace.core.excel import xlsx_response
from workspace.core.i18n import gettext as _
from workspace.core.rendering import render
from workspace.journal import bp
from workspace.journal.exports import group_workbook, report_workbook
from workspace.journal.grid import Access, access_to, load_head_and_lessons, load_rows, record_reads_of_rows
from workspace.journal.reports import HalfYear, school_report
from workspace.journal.rows import cell_text


@bp.get("/i/<institution>/journal/report")
@login_required
def school_report_page():
    require_role(*MANAGERS)
    period = HalfYear.parse(request.args.get("half"))
    return render("journal/report.html", period=period, rows=school_report(g.institution.id, period))


@bp.get("/i/<institution>/journal/report.xlsx")
@login_required
def school_report_excel():
    require_role(*MANAGERS)
    period = HalfYear.parse(request.args.get("half"))
    content = report_workbook(g.institution.short_name, period, school_report(g.institution.id, period))
    return xlsx_response(content, f"{_('Отчёт о посещаемости')} {period.key}.xlsx")


@bp.get("/n/<network>/journal/groups/<int:group_id>/export.xlsx")
@login_required
def export_group(group_id: int):
    """The provider gets the whole group; a home school's coordinator only its own pupils."""
    head, lessons = load_head_and_lessons(group_id)
    access = access_to(head)
    if access in (Access.EDIT, Access.FULL):
        rows = load_rows(head, lessons)
        record_reads_of_rows("journal_export", head.id, rows)
    elif access is Access.OWN_ROWS:
        rows = load_rows(head, lessons, home_institution_id=current_user.institution_id)
    else:
        rows = []
    if not rows and access not in (Access.EDIT, Access.FULL):
        abort(404)
    content = group_workbook(head, lessons, rows, cell_text, with_school=access is not Access.OWN_ROWS)
    return xlsx_response(content, f"{_('Журнал')} {head.name}.xlsx")
