"""A parent's requests about a pupil's personal data (152-ФЗ), by the school's admin or coordinator:
everything held on the pupil as one .docx (/i/<school>/pupils/<id>/personal-data.docx), and its erasure
(/i/<school>/pupils/<id>/erase: a page that says what will happen; the surname typed to confirm)."""
from __future__ import annotations

from flask import Response, flash, redirect, request, url_for
from flask_login import login_required

from workspace.core.documents import DOCX_MIMETYPE
from workspace.core.i18n import gettext as _
from workspace.core.rendering import render
from workspace.core.text import fold
from workspace.pupils import bp
from workspace.pupils.access import manageable_pupil_or_404
from workspace.pupils.forms import ErasePupilForm


@bp.get("/<int:pupil_id>/personal-data.docx")
@login_required
def export_personal_data(pupil_id: int):
    pupil = manageable_pupil_or_404(pupil_id)
    # noqa below: a real cycle (journal.models → programmes → admission → pupils → dossier → journal.models)
    from workspace.pupils.dossier import pupil_dossier  # noqa: PLC0415
    response = Response(pupil_dossier(pupil), mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = f"attachment; filename=pupil-{pupil.id}-personal-data.docx"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:pupil_id>/erase", methods=["GET", "POST"])
@login_required
def erase_pupil(pupil_id: int):
    pupil = manageable_pupil_or_404(pupil_id)
    form = ErasePupilForm()
    if form.validate_on_submit():
        if fold(form.surname.data) != fold(pupil.surname):
            form.surname.errors.append(_("Фамилия не совпадает: данные не удалены."))
        else:
            from workspace.pupils.erasure import depersonalise_pupils, placeholder  # noqa: PLC0415  (the cycle above)
            depersonalise_pupils(pupil.institution_id, [pupil.id])
            flash(_("Персональные данные обучающегося удалены. В системе он значится как «%(placeholder)s».",
                    placeholder=placeholder(pupil_id)), "success")
            return redirect(url_for("pupils.show_pupil", pupil_id=pupil_id))
    return render("pupils/erase.html", pupil=pupil, form=form,
                  status=422 if request.method == "POST" else 200)
