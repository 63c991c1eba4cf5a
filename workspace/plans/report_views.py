"""The report on a held event: filed by those who edit the item's section, read by the network."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required

from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.core.stored_files import accept_file, send_stored_file
from workspace.core.words import plural
from workspace.extensions import db
from workspace.plans import bp
from workspace.plans.access import (
    get_report_file_or_404,
    may_file_report,
    removable_report_file_or_404,
    report_item_or_404,
)
from workspace.plans.models import ItemStatus
from workspace.plans.queries import member_institutions
from workspace.plans.report_forms import ReportFileForm, ReportForm
from workspace.plans.report_models import EventFile, EventReport, category_labels
from workspace.plans.reports import (
    MAX_ROWS,
    blank_rows,
    files_of,
    get_report,
    offered_dates,
    participants_of,
    read_participants,
    replace_participants,
)

MAX_FILES = 20
MORE_ROWS = 4  # «Ещё строки» adds this many blank participants rows


def _page(plan, item, section, report, form, file_form=None, participant_errors=(), rows=None, status=200,
          row_count=None):
    participants = participants_of(report)
    return render("plans/report.html", plan=plan, item=item, section=section, report=report, form=form,
                  file_form=file_form or ReportFileForm(formdata=None), participants=participants,
                  participant_rows=rows, row_count=row_count or blank_rows(len(participants)),
                  members=member_institutions(), categories=category_labels(),
                  files=files_of(report), participant_errors=participant_errors,
                  can_edit=may_file_report(section, item), status=status)


@bp.route("/<int:plan_id>/items/<int:item_id>/report", methods=["GET", "POST"])
@login_required
def edit_report(plan_id: int, item_id: int):
    plan, item, section = report_item_or_404(plan_id, item_id, for_edit=request.method != "GET")
    report = get_report(item.id)
    if request.method == "GET":
        form = ReportForm(obj=report)
        if report is None:
            form.held_from.data, form.held_to.data = offered_dates(item, local_today())
        form.version.data = str(report.version) if report else "0"
        return _page(plan, item, section, report, form)
    form = ReportForm()
    members = {institution_id for institution_id, _name in member_institutions()}
    posted_rows = min(request.form.get("rows", type=int) or 0, MAX_ROWS)
    rows, participant_errors = read_participants(request.form, members, posted_rows)
    if request.form.get("more"):  # «Ещё строки»: the form as typed, with blank rows added; nothing is saved
        return _page(plan, item, section, report, form, rows=rows,
                     row_count=min(max(posted_rows, len(rows)) + MORE_ROWS, MAX_ROWS))
    if not form.validate_on_submit() or participant_errors:
        return _page(plan, item, section, report, form, participant_errors=participant_errors, rows=rows, status=422)
    if is_stale(report, form.version.data):
        form.form_errors.append(_("Отчёт только что сохранил другой пользователь. Проверьте его вариант ниже "
                                  "и сохраните ещё раз."))
        form.version.data = str(report.version) if report else "0"
        return _page(plan, item, section, report, form, rows=rows, status=409)
    if report is None:
        report = EventReport(network_id=g.network.id, item_id=item.id, author_id=current_user.id,
                             held_from=form.held_from.data, held_to=form.held_to.data)
        db.session.add(report)
    report.held_from, report.held_to, report.summary = form.held_from.data, form.held_to.data, form.summary.data or ""
    db.session.flush()
    replace_participants(report, rows)
    item.status = ItemStatus.HELD
    flash(_("Отчёт сохранён, мероприятие отмечено как проведённое."), "success")
    return redirect(url_for("plans.edit_report", plan_id=plan.id, item_id=item.id))


@bp.post("/<int:plan_id>/items/<int:item_id>/report/files")
@login_required
def add_report_file(plan_id: int, item_id: int):
    plan, item, section = report_item_or_404(plan_id, item_id, for_edit=True)
    report = get_report(item.id)
    file_form = ReportFileForm()
    file_noun = _("файл")
    if report is None:
        file_form.file.errors = [_("Сначала сохраните отчёт, потом прикладывайте файлы.")]
    elif file_form.validate_on_submit() and (accepted := accept_file(
            file_form.file, stored=len(files_of(report)), limit=MAX_FILES,
            too_many=_("К отчёту можно приложить не больше %(files)s.", files=plural(MAX_FILES, file_noun, case="gent")))):
        db.session.add(EventFile.from_upload(accepted, network_id=g.network.id, report_id=report.id,
                                             author_id=current_user.id))
        flash(_("Файл приложен к отчёту."), "success")
        return redirect(url_for("plans.edit_report", plan_id=plan.id, item_id=item.id))
    form = ReportForm(obj=report, formdata=None)
    form.version.data = str(report.version) if report else "0"
    return _page(plan, item, section, report, form, file_form=file_form, status=422)


@bp.get("/<int:plan_id>/items/<int:item_id>/report/files/<int:file_id>")
@login_required
def download_report_file(plan_id: int, item_id: int, file_id: int):
    _plan, item, _section = report_item_or_404(plan_id, item_id)
    stored = get_report_file_or_404(get_report(item.id), file_id)
    return send_stored_file(stored)


@bp.get("/<int:plan_id>/items/<int:item_id>/report/files/<int:file_id>/delete")
@login_required
def confirm_delete_report_file(plan_id: int, item_id: int, file_id: int):
    plan, item, stored = removable_report_file_or_404(plan_id, item_id, file_id)
    return confirm_page(heading=_("Удалить файл?"), question=stored.filename,
                        action=url_for("plans.delete_report_file", plan_id=plan.id, item_id=item.id,
                                       file_id=stored.id),
                        confirm_label=_("Удалить"),
                        cancel_url=url_for("plans.edit_report", plan_id=plan.id, item_id=item.id))


@bp.post("/<int:plan_id>/items/<int:item_id>/report/files/<int:file_id>/delete")
@login_required
def delete_report_file(plan_id: int, item_id: int, file_id: int):
    plan, item, stored = removable_report_file_or_404(plan_id, item_id, file_id)
    db.session.delete(stored)
    flash(_("Файл удалён."), "success")
    return redirect(url_for("plans.edit_report", plan_id=plan.id, item_id=item.id))
