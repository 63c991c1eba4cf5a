"""The coordination council of a network: its seats."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_login import current_user, login_required

from tenants.models import Seat, SeatRole
from tenants.permissions import can_manage_council
from workspace.accounts.invitations import email_taken, invite
from workspace.core.access import require
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.rendering import confirm_page, render
from workspace.council import bp
from workspace.council.access import may_manage, removable_seat_or_404
from workspace.council.approval import waiting_approvals
from workspace.council.forms import ExternalSeatForm, StaffSeatForm
from workspace.council.queries import (
    chair_taken,
    meetings_of_network,
    open_questions_for,
    seats_of_current_network,
    staff_candidates,
)
from workspace.council.voting import rules_of_network
from workspace.extensions import db


@bp.get("/")
@login_required
def show_council():

    seat = g.get("seat")
    return render("council/page.html", network=g.network, seats=seats_of_current_network(),
                  can_manage=can_manage_council(g.network), meetings=meetings_of_network(local_today()),
                  waiting=waiting_approvals(), rules=rules_of_network(),
                  is_chair=seat is not None and seat.role == SeatRole.CHAIR,
                  my_questions=open_questions_for([seat], local_today()) if seat else [])


def _forms_page(staff_form: StaffSeatForm, external_form: ExternalSeatForm, status: int):
    return render("council/add_seat.html", staff_form=staff_form, external_form=external_form,
                  network=g.network, status=status)


@bp.get("/seats/new")
@login_required
def new_seat():
    require(may_manage())
    return _forms_page(StaffSeatForm(staff_candidates(), prefix="staff"),
                       ExternalSeatForm(prefix="external"), 200)


def _chair_conflict(role: str, form) -> bool:
    if role == SeatRole.CHAIR.value and chair_taken():
        form.role.errors.append(_("У совета уже есть председатель: сначала освободите его место."))
        return True
    return False


@bp.post("/seats/staff")
@login_required
def add_staff_seat():
    require(may_manage())
    form = StaffSeatForm(staff_candidates(), prefix="staff")
    if form.validate_on_submit() and not _chair_conflict(form.role.data, form):
        db.session.add(Seat(network_id=g.network.id, user_id=form.user_id.data, role=SeatRole(form.role.data)))
        flash(_("Место в совете добавлено."), "success")
        return redirect(url_for("council.show_council"))
    return _forms_page(form, ExternalSeatForm(prefix="external"), 422)


@bp.post("/seats/external")
@login_required
def add_external_seat():
    require(may_manage())
    form = ExternalSeatForm(prefix="external")
    if form.validate_on_submit() and not _chair_conflict(form.role.data, form):
        if email_taken(form.email.data):
            form.email.errors.append(_("Пользователь с таким адресом уже зарегистрирован. "
                                       "Если это сотрудник учреждения-участника, выберите его в списке выше."))
        else:
            user = invite(form.email.data, form.full_name.data, institution_id=None, role=None,
                          where=_("координационный совет «%(name)s»", name=g.network.name),
                          invited_by=current_user)
            db.session.add(Seat(network_id=g.network.id, user_id=user.id, role=SeatRole(form.role.data),
                                represents=form.represents.data or ""))
            flash(_("Приглашение отправлено на %(email)s.", email=form.email.data), "success")
            return redirect(url_for("council.show_council"))
    return _forms_page(StaffSeatForm(staff_candidates(), prefix="staff"), form, 422)


@bp.get("/seats/<int:seat_id>/remove")
@login_required
def confirm_remove_seat(seat_id: int):
    seat = removable_seat_or_404(seat_id)
    return confirm_page(heading=_("Вывести из совета?"),
                        question=_("%(name)s больше не будет членом координационного совета.",
                                   name=seat.user.full_name),
                        action=url_for("council.remove_seat", seat_id=seat.id),
                        confirm_label=_("Вывести из совета"), cancel_url=url_for("council.show_council"))


@bp.post("/seats/<int:seat_id>/remove")
@login_required
def remove_seat(seat_id: int):
    seat = removable_seat_or_404(seat_id)
    db.session.delete(seat)
    flash(_("%(name)s больше не входит в совет.", name=seat.user.full_name), "success")
    return redirect(url_for("council.show_council"))
