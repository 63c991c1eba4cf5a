"""The base institution invites partners and archives its network; a partner leaves it."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from tenants.models import Institution, MemberRole
from workspace.accounts.invitations import email_taken
from workspace.core.i18n import gettext as _
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.networks import bp
from workspace.networks.access import archivable_network, inviting_network, leaving_membership
from workspace.networks.forms import InviteByEmailForm, InviteInstitutionForm
from workspace.networks.founding import (
    archive,
    candidate_institutions,
    email_waiting,
    invitations_of,
    invite_by_email,
    invite_institution,
    leave,
)

INVITE_PARTIALS = {"candidates": "networks/_candidates.html"}


def _invite_page(existing: InviteInstitutionForm | None = None, by_email: InviteByEmailForm | None = None,
                 status: int = 200):
    network = g.network
    query = (request.args.get("q") or "").strip()[:200]
    # the deployment's institutions are found by name, never listed whole (a city holds hundreds of them)
    shown = candidate_institutions(network.id, query) if query else []
    existing = existing or InviteInstitutionForm([], prefix="existing")
    by_email = by_email or InviteByEmailForm(prefix="email")
    return render("networks/invite.html", partials=INVITE_PARTIALS, status=status, network=network,
                  candidates=shown, query=query, existing=existing, by_email=by_email,
                  chosen=existing.institution_id.data, invitations=invitations_of(network.id))


@bp.get("/invitations")
@login_required
def list_invitations():
    inviting_network()
    return _invite_page()


@bp.post("/invitations/existing")
@login_required
def invite_existing():
    network = inviting_network()
    candidates = [(row.id, row.short_name) for row in candidate_institutions(network.id, limit=None)]
    form = InviteInstitutionForm(candidates, prefix="existing")
    if not form.validate_on_submit():
        return _invite_page(existing=form, status=422)
    invite_institution(network, form.institution_id.data, MemberRole(form.role.data), current_user.id)
    name = dict(candidates)[form.institution_id.data]
    flash(_("Приглашение отправлено: «%(name)s». Его руководитель увидит его на рабочем столе.", name=name),
          "success")
    return redirect(url_for("networks.list_invitations"))


@bp.post("/invitations/email")
@login_required
def invite_new_institution():
    network = inviting_network()
    form = InviteByEmailForm(prefix="email")
    valid = form.validate_on_submit()
    if valid and email_taken(form.email.data):
        form.email.errors.append(_("Этот адрес уже принадлежит пользователю системы: найдите его учреждение "
                                   "в списке выше и пригласите его."))
        valid = False
    elif valid and email_waiting(network.id, form.email.data):
        form.email.errors.append(_("На этот адрес уже отправлено приглашение в сеть, оно ждёт ответа."))
        valid = False
    if not valid:
        return _invite_page(by_email=form, status=422)
    base_name = db.session.scalar(select(Institution.short_name).where(Institution.id == network.base_institution_id))
    invite_by_email(network, base_name or "", form.email.data, form.head_name.data, MemberRole(form.role.data),
                    current_user.id)
    flash(_("Письмо с приглашением отправлено на %(email)s.", email=form.email.data), "success")
    return redirect(url_for("networks.list_invitations"))


@bp.get("/leave")
@login_required
def confirm_leave_network():
    leaving_membership()
    return confirm_page(heading=_("Выйти из сети?"),
                        question=_("Учреждение перестанет видеть материалы сети «%(name)s», его сотрудники "
                                   "покинут координационный совет. Вернуться можно только по новому приглашению.",
                                   name=g.network.name),
                        action=url_for("networks.leave_network"), confirm_label=_("Выйти из сети"),
                        cancel_url=url_for("networks.show_network"))


@bp.post("/leave")
@login_required
def leave_network():
    membership = leaving_membership()
    name = g.network.name
    leave(g.network, membership)
    flash(_("Учреждение вышло из сети «%(name)s».", name=name), "success")
    return redirect(url_for("my_networks.list_networks", institution=current_user.institution.slug))


@bp.get("/archive")
@login_required
def confirm_archive_network():
    network = archivable_network()
    return confirm_page(heading=_("Перенести сеть в архив?"),
                        question=_("Сеть «%(name)s» станет доступна только для чтения и уйдёт из списков "
                                   "действующих сетей; её материалы и история сохранятся.", name=network.name),
                        action=url_for("networks.archive_network"), confirm_label=_("Перенести в архив"),
                        cancel_url=url_for("networks.show_network"))


@bp.post("/archive")
@login_required
def archive_network():
    network = archivable_network()
    archive(network)
    flash(_("Сеть «%(name)s» перенесена в архив.", name=network.name), "success")
    return redirect(url_for("networks.show_network"))
