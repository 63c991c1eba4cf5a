"""An institution's profile and its staff: invite, change role, deactivate."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from tenants.permissions import has_role, require_role
from workspace.accounts.invitations import email_taken, invite, send_invitation
from workspace.accounts.models import StaffRole, User
from workspace.core.i18n import gettext as _
from workspace.core.pagination import paginate
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.institutions import bp
from workspace.institutions.forms import InstitutionProfileForm, InviteForm, RoleForm
from workspace.institutions.profile import apply_profile, profile_form, saved_meanwhile


def get_staff_member_or_404(user_id: int) -> User:
    return db.first_or_404(select(User).where(User.id == user_id, User.institution_id == g.institution.id))


@bp.get("/profile")
@login_required
def show_profile():
    return render("institutions/profile.html", institution=g.institution,
                  can_edit=has_role(StaffRole.ADMIN))


@bp.route("/profile/edit", methods=["GET", "POST"])
@login_required
def edit_profile():
    require_role(StaffRole.ADMIN)
    institution = g.institution
    form = profile_form(InstitutionProfileForm, institution)
    if form.validate_on_submit():
        if saved_meanwhile(form, institution):
            return render("institutions/edit_profile.html", form=form, current=institution, status=409)
        apply_profile(form, institution)
        flash(_("Профиль учреждения сохранён."), "success")
        return redirect(url_for("institutions.show_profile"))
    return render("institutions/edit_profile.html", form=form, current=None,
                  status=422 if form.errors else 200)


@bp.get("/staff")
@login_required
def list_staff():
    page = paginate(select(User).where(User.institution_id == g.institution.id)
                    .order_by(User.is_enabled.desc(), User.full_name, User.id))  # namesakes: a stable order
    return render("institutions/staff.html", page=page, can_manage=has_role(StaffRole.ADMIN),
                  role_form=RoleForm())


@bp.route("/staff/invite", methods=["GET", "POST"])
@login_required
def invite_staff():
    require_role(StaffRole.ADMIN)
    form = InviteForm()
    if form.validate_on_submit():
        if email_taken(form.email.data):
            form.email.errors.append(_("Пользователь с таким адресом уже зарегистрирован."))
        else:
            invite(form.email.data, form.full_name.data, institution_id=g.institution.id,
                   role=StaffRole(form.role.data), position=form.position.data or "",
                   where=g.institution.short_name, invited_by=current_user)
            flash(_("Приглашение отправлено на %(email)s.", email=form.email.data), "success")
            return redirect(url_for("institutions.list_staff"))
    return render("institutions/invite.html", form=form, status=422 if form.errors else 200)


def _admins_left_without(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(
        User.institution_id == g.institution.id, User.role == StaffRole.ADMIN,
        User.is_enabled.is_(True), User.id != user.id)) or 0


@bp.post("/staff/<int:user_id>/role")
@login_required
def change_role(user_id: int):
    user = get_staff_member_or_404(user_id)
    require_role(StaffRole.ADMIN)
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Выберите роль из списка."), "error")
    elif user.role == StaffRole.ADMIN and form.role.data != StaffRole.ADMIN.value and not _admins_left_without(user):
        flash(_("В учреждении должен остаться хотя бы один руководитель."), "error")
    else:
        user.role = StaffRole(form.role.data)
        flash(_("Роль сотрудника %(name)s изменена.", name=user.full_name), "success")
    return redirect(url_for("institutions.list_staff"))


@bp.get("/staff/<int:user_id>/deactivate")
@login_required
def confirm_deactivate(user_id: int):
    user = get_staff_member_or_404(user_id)
    require_role(StaffRole.ADMIN)
    return confirm_page(heading=_("Отключить учётную запись?"),
                        question=_("%(name)s больше не сможет войти. Данные и история сохранятся; "
                                   "учётную запись можно будет включить снова.", name=user.full_name),
                        action=url_for("institutions.deactivate", user_id=user.id),
                        confirm_label=_("Отключить"), cancel_url=url_for("institutions.list_staff"))


@bp.post("/staff/<int:user_id>/deactivate")
@login_required
def deactivate(user_id: int):
    user = get_staff_member_or_404(user_id)
    require_role(StaffRole.ADMIN)
    if user.id == current_user.id:
        flash(_("Нельзя отключить собственную учётную запись."), "error")
    elif user.role == StaffRole.ADMIN and not _admins_left_without(user):
        flash(_("В учреждении должен остаться хотя бы один руководитель."), "error")
    else:
        user.is_enabled = False
        user.session_generation += 1
        flash(_("Учётная запись %(name)s отключена.", name=user.full_name), "success")
    return redirect(url_for("institutions.list_staff"))


@bp.post("/staff/<int:user_id>/activate")
@login_required
def activate(user_id: int):
    user = get_staff_member_or_404(user_id)
    require_role(StaffRole.ADMIN)
    user.is_enabled = True
    flash(_("Учётная запись %(name)s снова активна.", name=user.full_name), "success")
    return redirect(url_for("institutions.list_staff"))


@bp.post("/staff/<int:user_id>/resend")
@login_required
def resend_invitation(user_id: int):
    user = get_staff_member_or_404(user_id)
    require_role(StaffRole.ADMIN)
    if user.password_hash is not None:
        flash(_("%(name)s уже задал(а) пароль, приглашение не нужно.", name=user.full_name), "info")
    elif not user.is_enabled:
        # The link of a disabled account would not open anyway (tokens.find_token).
        flash(_("Учётная запись %(name)s отключена: сначала включите её.", name=user.full_name), "error")
    else:
        send_invitation(user, g.institution.short_name, invited_by=current_user)
        flash(_("Приглашение отправлено повторно на %(email)s.", email=user.email), "success")
    return redirect(url_for("institutions.list_staff"))
