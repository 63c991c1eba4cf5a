"""A pupil's attestation result in the journal grid: the cell's small form (no JavaScript) and its save (htmx,
a keystroke), by the group's teacher or the provider's admin and coordinators."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from workspace.core.access import require
from workspace.core.i18n import gettext as _
from workspace.core.rendering import render
from workspace.extensions import htmx
from workspace.journal import bp
from workspace.journal.access import is_provider_manager
from workspace.journal.attestation import load_result_cell, result_codes, result_label, save_result
from workspace.journal.rows import attestation_cell_html

PREFIX = "/n/<network>/journal"


def result_cell_or_404(group_id: int, attestation_id: int, enrollment_id: int) -> dict:
    """The cell, written by the group's teacher and the provider's managers: 403 to the provider's other staff,
    404 to anyone else."""
    cell = load_result_cell(group_id, attestation_id, enrollment_id)
    head = cell["head"]
    if head.teacher_id != current_user.id and current_user.institution_id != head.provider_institution_id:
        abort(404)
    require(head.teacher_id == current_user.id or is_provider_manager(head.provider_institution_id))
    return cell


@bp.route(f"{PREFIX}/groups/<int:group_id>/attestations/<int:attestation_id>/<int:enrollment_id>",
          methods=["GET", "POST"])
@login_required
def edit_result(group_id: int, attestation_id: int, enrollment_id: int):
    cell = result_cell_or_404(group_id, attestation_id, enrollment_id)
    head = cell["head"]
    choices = [(code, result_label(code)) for code in result_codes(head.grade_scale)] + [("clear", _("очистить"))]
    if request.method == "GET":
        return render("journal/edit_result.html", group=head, cell=cell, choices=choices, error=None,
                      result_label=result_label)
    saved = save_result(cell, request.form.get("set", ""))
    if saved is False:
        if htmx:  # a keystroke that is no result (an attendance key): the cell stays as it is
            response = render("journal/_cell_refused.html", status=422,
                              message=_("Выберите результат аттестации из списка."))
            response.headers["HX-Reswap"] = "none"
            return response
        return render("journal/edit_result.html", status=422, group=head, cell=cell, choices=choices,
                      error=_("Выберите результат аттестации из списка."), result_label=result_label)
    if htmx:
        url = url_for("journal.show_grid", group_id=head.id) + "/attestations"
        return render("journal/_result_saved.html", cell_html=attestation_cell_html, enrollment_id=enrollment_id,
                      attestation_id=attestation_id, saved=saved, url=url)
    flash(_("Результат аттестации сохранён."), "success")
    return redirect(url_for("journal.show_grid", group_id=head.id, _anchor=f"a{enrollment_id}-{attestation_id}"))
