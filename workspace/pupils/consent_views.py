"""Consents of a pupil's parent (/i/<school>/pupils/<id>/consents): add one, withdraw one (the withdrawal
form is the confirmation: it says what stops). The school's admin and coordinator only."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required

from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.locking import is_stale
from workspace.core.rendering import render
from workspace.extensions import db
from workspace.pupils import bp
from workspace.pupils.access import manageable_consent_or_404, manageable_pupil_or_404
from workspace.pupils.forms import ConsentForm, WithdrawConsentForm
from workspace.pupils.models import ConsentPurpose, PupilConsent


def _to_pupil(pupil_id: int):
    return redirect(url_for("pupils.show_pupil", pupil_id=pupil_id, _anchor="consents"))


@bp.route("/<int:pupil_id>/consents/new", methods=["GET", "POST"])
@login_required
def new_consent(pupil_id: int):
    pupil = manageable_pupil_or_404(pupil_id)
    form = ConsentForm()
    if request.method == "GET":
        form.given_on.data = local_today()
        form.given_by.data = pupil.parent_name
    if form.validate_on_submit():
        purpose = ConsentPurpose(form.purpose.data)
        db.session.add(PupilConsent(institution_id=pupil.institution_id, pupil_id=pupil.id, purpose=purpose,
                                    purpose_note=form.purpose_note.data or "", given_by=form.given_by.data,
                                    given_on=form.given_on.data, document=form.document.data or ""))
        flash(_("Согласие записано: %(purpose)s.", purpose=label(purpose)), "success")
        return _to_pupil(pupil.id)
    return render("pupils/consent_form.html", pupil=pupil, form=form, status=422 if form.errors else 200)


@bp.route("/<int:pupil_id>/consents/<int:consent_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw_consent(pupil_id: int, consent_id: int):
    pupil, consent = manageable_consent_or_404(pupil_id, consent_id)
    if not consent.is_active:
        flash(_("Это согласие уже отозвано."), "error")
        return _to_pupil(pupil.id)
    form = WithdrawConsentForm()
    if request.method == "GET":
        form.withdrawn_on.data = local_today()
        form.withdrawn_by.data = consent.given_by
        form.version.data = consent.version
    if form.validate_on_submit():
        if is_stale(consent, form.version.data):
            form.form_errors.append(_("Согласие изменил другой пользователь. Обновите страницу и повторите."))
        else:
            consent.withdrawn_on = form.withdrawn_on.data
            consent.withdrawn_by = form.withdrawn_by.data
            consent.withdrawal_note = form.withdrawal_note.data or ""
            flash(_("Согласие отозвано: %(purpose)s.", purpose=label(consent.purpose)), "success")
            return _to_pupil(pupil.id)
    return render("pupils/withdraw_consent.html", pupil=pupil, consent=consent, form=form,
                  status=422 if form.errors else 200)
