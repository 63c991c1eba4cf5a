"""Submitting an approvable object to the council and amending an approved one: one pair of routes
for every kind in the registry (``/approvals/plan/7/submit``)."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_login import login_required
from sqlalchemy import select

from tenants.models import Seat, SeatRole
from workspace.core.i18n import gettext as _
from workspace.core.rendering import confirm_page, render
from workspace.council import bp
from workspace.council.access import submittable_subject_or_404
from workspace.council.approval import ApprovalError, amend, get_subject_or_404, submit
from workspace.council.forms import SubmitForm
from workspace.extensions import db


@bp.get("/approvals/<subject_type>/<int:subject_id>")
@login_required
def open_subject(subject_type: str, subject_id: int):
    """The page of the object a request is about, whatever its kind (the council's lists link here)."""
    approvable, subject = get_subject_or_404(subject_type, subject_id)
    return redirect(approvable.url(subject))


@bp.route("/approvals/<subject_type>/<int:subject_id>/submit", methods=["GET", "POST"])
@login_required
def submit_for_approval(subject_type: str, subject_id: int):
    approvable, subject = submittable_subject_or_404(subject_type, subject_id)
    form = SubmitForm()
    status = 200
    if form.validate_on_submit():
        try:
            submit(approvable, subject, form.comment.data)
        except ApprovalError as error:
            form.form_errors.append(str(error))
            status = 409
        else:
            flash(_("Отправлено на утверждение в координационный совет. Председатель вынесет вопрос "
                    "на заседание или на заочное голосование."), "success")
            return redirect(approvable.url(subject))
    elif form.errors:
        status = 422
    # a network founded by a school starts with an empty council: say so before the question waits for nobody
    has_chair = db.session.scalar(select(Seat.id).where(Seat.network_id == g.network.id,
                                                        Seat.role == SeatRole.CHAIR).limit(1)) is not None
    return render("council/submit.html", form=form, title=approvable.label(subject), has_chair=has_chair,
                  back_url=approvable.url(subject), subject_type=subject_type, subject_id=subject_id, status=status)


@bp.get("/approvals/<subject_type>/<int:subject_id>/amend")
@login_required
def confirm_amend(subject_type: str, subject_id: int):
    approvable, subject = submittable_subject_or_404(subject_type, subject_id)
    return confirm_page(
        heading=_("Внести изменения?"),
        question=_("«%(title)s» вернётся в черновик и станет доступен для правок. Утверждённая редакция и решение "
                   "совета останутся в истории; изменённую редакцию нужно будет снова утвердить.",
                   title=approvable.label(subject)),
        action=url_for("council.amend_approved", subject_type=subject_type, subject_id=subject_id),
        confirm_label=_("Внести изменения"), cancel_url=approvable.url(subject))


@bp.post("/approvals/<subject_type>/<int:subject_id>/amend")
@login_required
def amend_approved(subject_type: str, subject_id: int):
    approvable, subject = submittable_subject_or_404(subject_type, subject_id)
    try:
        amend(approvable, subject)
    except ApprovalError as error:
        flash(str(error), "error")
        return render("council/submit.html", form=SubmitForm(), title=approvable.label(subject),
                      back_url=approvable.url(subject), subject_type=subject_type, subject_id=subject_id,
                      status=409)
    flash(_("Можно вносить изменения. Когда закончите, отправьте новую редакцию на утверждение."), "success")
    return redirect(approvable.url(subject))
