"""The lifecycle: draft → on signing → each party's admin accepts → active → expired (by date, computed
on read) or terminated with a reason. Publication can be switched by the parties at any stage."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from workspace.agreements import bp
from workspace.agreements.access import ACCEPT, RETURN, TERMINATE, WRITE, agreement_or_404, editable_agreement_or_404
from workspace.agreements.forms import TerminateForm
from workspace.agreements.letters import queue_signature_letters
from workspace.agreements.models import AgreementStatus, Obligation
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.models import utcnow
from workspace.core.rendering import render
from workspace.extensions import db


def _back(agreement_id: int):
    return redirect(url_for("agreements.show_agreement", agreement_id=agreement_id))


def _same_version(agreement) -> bool:
    sent = (request.form.get("version") or "").strip()
    if sent and is_stale(agreement, sent):
        flash(_("Договор только что изменил другой пользователь: проверьте его состояние и повторите действие."),
              "error")
        return False
    return True


@bp.post("/<int:agreement_id>/submit")
@login_required
def submit_agreement(agreement_id: int):
    loaded = editable_agreement_or_404(agreement_id)
    if not _same_version(loaded.agreement):
        return _back(agreement_id)
    has_obligations = db.session.scalar(select(Obligation.id).where(Obligation.agreement_id == agreement_id).limit(1))
    if has_obligations is None:
        flash(_("Впишите обязательства сторон: без них договор нельзя отправить на подписание."), "error")
        return _back(agreement_id)
    loaded.agreement.status = AgreementStatus.SIGNING
    for party in loaded.parties:
        party.party.accepted_by_id, party.party.accepted_at = None, None
    queue_signature_letters(loaded.agreement, g.network.slug)
    flash(_("Договор отправлен на подписание. Руководители сторон принимают его на этой странице."), "success")
    return _back(agreement_id)


@bp.post("/<int:agreement_id>/return")
@login_required
def return_agreement(agreement_id: int):
    """Back to draft from signing (something must change): the acceptances given so far are withdrawn."""
    loaded = agreement_or_404(agreement_id, RETURN)
    if not _same_version(loaded.agreement):
        return _back(agreement_id)
    loaded.agreement.status = AgreementStatus.DRAFT
    for party in loaded.parties:
        party.party.accepted_by_id, party.party.accepted_at = None, None
    flash(_("Договор возвращён в черновик; принятия сторон отменены."), "success")
    return _back(agreement_id)


@bp.get("/<int:agreement_id>/accept")
@login_required
def confirm_accept_agreement(agreement_id: int):
    """Acceptance binds the institution: the head of the party reads what is accepted, then confirms."""
    loaded = agreement_or_404(agreement_id, ACCEPT)
    return render("agreements/accept.html", loaded=loaded, agreement=loaded.agreement)


@bp.post("/<int:agreement_id>/accept")
@login_required
def accept_agreement(agreement_id: int):
    loaded = agreement_or_404(agreement_id, ACCEPT)
    if request.form.get("confirmed") != "yes":  # a bare POST (an old page, a double click) asks first
        return redirect(url_for("agreements.confirm_accept_agreement", agreement_id=agreement_id))
    if not _same_version(loaded.agreement):
        return _back(agreement_id)
    party = loaded.my_party()
    party.party.accepted_by_id, party.party.accepted_at = current_user.id, utcnow()
    if all(other.party.accepted_at is not None for other in loaded.parties):
        loaded.agreement.status = AgreementStatus.ACTIVE
        loaded.agreement.activated_at = utcnow()
        flash(_("Договор принят всеми сторонами и вступил в силу."), "success")
    else:
        # The agreement's row is updated too (its version rises): two parties accepting at the same moment
        # cannot both miss that the other has accepted.
        flag_modified(loaded.agreement, "status")
        flash(_("Договор принят от имени вашего учреждения. Ждём остальные стороны."), "success")
    return _back(agreement_id)


@bp.route("/<int:agreement_id>/terminate", methods=["GET", "POST"])
@login_required
def terminate_agreement(agreement_id: int):
    loaded = agreement_or_404(agreement_id, TERMINATE)
    form = TerminateForm()
    if request.method == "GET":
        form.terminated_on.data = local_today()
    elif form.validate_on_submit():
        loaded.agreement.status = AgreementStatus.TERMINATED
        loaded.agreement.termination_reason = form.reason.data
        loaded.agreement.terminated_on = form.terminated_on.data
        flash(_("Договор расторгнут."), "success")
        return _back(agreement_id)
    return render("agreements/terminate.html", form=form, agreement=loaded.agreement,
                  status=422 if form.errors else 200)


@bp.post("/<int:agreement_id>/publish")
@login_required
def publish_agreement(agreement_id: int):
    loaded = agreement_or_404(agreement_id, WRITE)
    if not _same_version(loaded.agreement):
        return _back(agreement_id)
    publish = request.form.get("publish") == "1"
    loaded.agreement.is_published = publish
    flash(_("Договор опубликован: название и стороны видны участникам сети и на открытой странице.") if publish
          else _("Публикация снята: договор видят только стороны и совет."), "success")
    return _back(agreement_id)

