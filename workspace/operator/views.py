from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from tenants.models import Institution, InstitutionKind, MemberRole, Membership, Network
from workspace.accounts.invitations import invite, send_invitation
from workspace.accounts.models import StaffRole, User
from workspace.core.i18n import gettext as _
from workspace.core.pagination import paginate
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.institutions.profile import PROFILE_FIELDS, apply_profile, profile_form, saved_meanwhile
from workspace.networks.founding import invitations_of
from workspace.operator import bp
from workspace.operator.forms import AdminForm, InstitutionForm, MemberForm, NetworkForm
from workspace.operator.queries import (
    get_institution_or_404,
    get_member_or_404,
    get_network_or_404,
    institution_choices,
    network_members,
    search_institutions,
    slug_taken,
)


@bp.get("/")
def index():
    query = (request.args.get("q") or "").strip()
    if query:
        page = search_institutions(query)
    else:
        page = paginate(select(Institution).order_by(Institution.short_name, Institution.id))
    networks = db.session.execute(_networks_statement().limit(NETWORKS_SHOWN)).all()
    total = db.session.scalar(select(func.count(Network.id))) if len(networks) == NETWORKS_SHOWN else len(networks)
    return render("operator/index.html", page=page, networks=networks, networks_total=total, query=query,
                  partials={"institutions": "operator/_institutions.html"})


NETWORKS_SHOWN = 20  # on the console; every network on its own paginated page (a region has 200)


def _networks_statement():
    """Every network with who started it (the operator or a manager of its base institution), archived ones last."""
    return (select(Network, User.full_name.label("creator"), Institution.short_name.label("base_name"))
            .join(Institution, Institution.id == Network.base_institution_id)
            .outerjoin(User, User.id == Network.created_by_id)
            .order_by(Network.is_archived, Network.name, Network.id))


@bp.get("/networks/")
def list_networks():
    return render("operator/networks.html", page=paginate(_networks_statement(), scalars=False))


@bp.route("/institutions/new", methods=["GET", "POST"])
def new_institution():
    form = InstitutionForm()
    if form.validate_on_submit():
        if slug_taken(Institution, form.slug.data):
            form.slug.errors.append(_("Этот адрес уже занят другим учреждением."))
        else:
            institution = Institution(slug=form.slug.data, kind=InstitutionKind(form.kind.data),
                                      **{name: getattr(form, name).data or "" for name in PROFILE_FIELDS})
            db.session.add(institution)
            db.session.flush()
            flash(_("Учреждение «%(name)s» создано. Назначьте его руководителя.", name=institution.short_name),
                  "success")
            return redirect(url_for("operator.show_institution", institution_id=institution.id))
    return render("operator/institution_form.html", form=form, institution=None,
                  status=422 if form.errors else 200)


@bp.route("/institutions/<int:institution_id>/edit", methods=["GET", "POST"])
def edit_institution(institution_id: int):
    institution = get_institution_or_404(institution_id)
    form = profile_form(InstitutionForm, institution)
    if form.validate_on_submit():
        if saved_meanwhile(form, institution):  # the institution's admin or another operator saved it
            return render("operator/institution_form.html", form=form, institution=institution, status=409)
        if slug_taken(Institution, form.slug.data, institution.id):
            form.slug.errors.append(_("Этот адрес уже занят другим учреждением."))
        else:
            apply_profile(form, institution)
            institution.slug = form.slug.data
            flash(_("Изменения сохранены."), "success")
            return redirect(url_for("operator.show_institution", institution_id=institution.id))
    return render("operator/institution_form.html", form=form, institution=institution,
                  status=422 if form.errors else 200)


@bp.route("/institutions/<int:institution_id>", methods=["GET", "POST"])
def show_institution(institution_id: int):
    institution = get_institution_or_404(institution_id)
    form = AdminForm()
    if form.validate_on_submit():
        existing = db.session.scalar(select(User).where(User.email == form.email.data))
        if existing is not None and existing.institution_id == institution.id:
            existing.role = StaffRole.ADMIN
            existing.is_enabled = True
            if existing.password_hash is None:
                # Invited earlier and never came: a fresh link (the old one may have expired).
                send_invitation(existing, institution.short_name, invited_by=current_user)
                flash(_("Приглашение руководителю отправлено на %(email)s.", email=existing.email), "success")
            else:
                flash(_("%(name)s назначен(а) руководителем.", name=existing.full_name), "success")
            return redirect(url_for("operator.show_institution", institution_id=institution.id))
        if existing is not None:
            form.email.errors.append(_("Этот адрес уже принадлежит пользователю другого учреждения."))
        else:
            invite(form.email.data, form.full_name.data, institution_id=institution.id,
                   role=StaffRole.ADMIN, where=institution.short_name, invited_by=current_user)
            flash(_("Приглашение руководителю отправлено на %(email)s.", email=form.email.data), "success")
            return redirect(url_for("operator.show_institution", institution_id=institution.id))
    admins = db.session.scalars(select(User).where(
        User.institution_id == institution.id, User.role == StaffRole.ADMIN).order_by(User.full_name)).all()
    memberships = db.session.execute(
        select(Network, Membership.role).join(Membership, Membership.network_id == Network.id)
        .where(Membership.institution_id == institution.id).order_by(Network.name)).all()
    return render("operator/institution.html", institution=institution, admins=admins,
                  memberships=memberships, form=form, status=422 if form.errors else 200)


@bp.route("/networks/new", methods=["GET", "POST"])
def new_network():
    form = NetworkForm(institution_choices())
    if form.validate_on_submit():
        if slug_taken(Network, form.slug.data):
            form.slug.errors.append(_("Этот адрес уже занят другой сетью."))
        else:
            network = Network(slug=form.slug.data, name=form.name.data, goal=form.goal.data or "",
                              tasks=form.tasks.data or "", starts_on=form.starts_on.data,
                              ends_on=form.ends_on.data, base_institution_id=form.base_institution_id.data,
                              created_by_id=current_user.id)
            db.session.add(network)
            db.session.flush()
            db.session.add(Membership(network_id=network.id, institution_id=network.base_institution_id,
                                      role=MemberRole.BASE))
            flash(_("Сеть «%(name)s» создана. Добавьте участников.", name=network.name), "success")
            return redirect(url_for("operator.show_network", network_id=network.id))
    return render("operator/network_form.html", form=form, network=None, status=422 if form.errors else 200)


@bp.route("/networks/<int:network_id>/edit", methods=["GET", "POST"])
def edit_network(network_id: int):
    network = get_network_or_404(network_id)
    form = NetworkForm(institution_choices(), obj=network if request.method == "GET" else None)
    if form.validate_on_submit():
        if slug_taken(Network, form.slug.data, network.id):
            form.slug.errors.append(_("Этот адрес уже занят другой сетью."))
        else:
            _move_base(network, form.base_institution_id.data)
            for name in ("name", "slug", "goal", "tasks", "starts_on", "ends_on"):
                setattr(network, name, getattr(form, name).data or "")
            flash(_("Изменения сохранены."), "success")
            return redirect(url_for("operator.show_network", network_id=network.id))
    return render("operator/network_form.html", form=form, network=network, status=422 if form.errors else 200)


def _move_base(network: Network, institution_id: int) -> None:
    if institution_id == network.base_institution_id:
        return
    for membership in network_members(network.id):
        if membership.role == MemberRole.BASE:
            membership.role = MemberRole.NETWORK_PARTNER
        if membership.institution_id == institution_id:
            membership.role = MemberRole.BASE
    if not any(m.institution_id == institution_id for m in network_members(network.id)):
        db.session.add(Membership(network_id=network.id, institution_id=institution_id, role=MemberRole.BASE))
    network.base_institution_id = institution_id


@bp.route("/networks/<int:network_id>", methods=["GET", "POST"])
def show_network(network_id: int):
    network = get_network_or_404(network_id)
    members = network_members(network.id)
    taken = {m.institution_id for m in members}
    form = MemberForm([c for c in institution_choices() if c[0] not in taken])
    if form.validate_on_submit():
        db.session.add(Membership(network_id=network.id, institution_id=form.institution_id.data,
                                  role=MemberRole(form.role.data)))
        flash(_("Участник добавлен в сеть."), "success")
        return redirect(url_for("operator.show_network", network_id=network.id))
    creator = db.session.scalar(select(User.full_name).where(User.id == network.created_by_id)) \
        if network.created_by_id is not None else None
    return render("operator/network.html", network=network, members=members, form=form, creator=creator,
                  invitations=invitations_of(network.id), status=422 if form.errors else 200)


@bp.get("/networks/<int:network_id>/members/<int:membership_id>/remove")
def confirm_remove_member(network_id: int, membership_id: int):
    membership = get_member_or_404(network_id, membership_id)
    if membership.role == MemberRole.BASE:
        return _base_stays(network_id)
    return confirm_page(heading=_("Исключить учреждение из сети?"),
                        question=_("«%(name)s» перестанет видеть материалы сети.",
                                   name=membership.institution.short_name),
                        action=url_for("operator.remove_member", network_id=network_id, membership_id=membership_id),
                        confirm_label=_("Исключить"),
                        cancel_url=url_for("operator.show_network", network_id=network_id))


@bp.post("/networks/<int:network_id>/members/<int:membership_id>/remove")
def remove_member(network_id: int, membership_id: int):
    membership = get_member_or_404(network_id, membership_id)
    if membership.role == MemberRole.BASE:
        return _base_stays(network_id)
    db.session.delete(membership)
    flash(_("Учреждение исключено из сети."), "success")
    return redirect(url_for("operator.show_network", network_id=network_id))


def _base_stays(network_id: int):
    flash(_("Базовую организацию нельзя исключить из сети. "
            "Сначала назначьте другую базовую организацию в настройках сети."), "error")
    return redirect(url_for("operator.show_network", network_id=network_id))


@bp.get("/institutions/<int:institution_id>/suspend")
def confirm_suspend_institution(institution_id: int):
    institution = get_institution_or_404(institution_id)
    return confirm_page(heading=_("Приостановить работу учреждения?"),
                        question=_("Сотрудники «%(name)s» не смогут входить в систему и действовать в сетях, "
                                   "учреждение не будет предлагаться для приглашения. Данные сохранятся.",
                                   name=institution.short_name),
                        action=url_for("operator.suspend_institution", institution_id=institution.id),
                        confirm_label=_("Приостановить"),
                        cancel_url=url_for("operator.show_institution", institution_id=institution.id))


@bp.post("/institutions/<int:institution_id>/suspend")
def suspend_institution(institution_id: int):
    institution = get_institution_or_404(institution_id)
    institution.is_suspended = True
    flash(_("Работа учреждения «%(name)s» приостановлена.", name=institution.short_name), "success")
    return redirect(url_for("operator.show_institution", institution_id=institution.id))


@bp.get("/institutions/<int:institution_id>/resume")
def confirm_resume_institution(institution_id: int):
    institution = get_institution_or_404(institution_id)
    return confirm_page(heading=_("Возобновить работу учреждения?"),
                        question=_("Сотрудники «%(name)s» снова смогут входить в систему и работать в сетях.",
                                   name=institution.short_name),
                        action=url_for("operator.resume_institution", institution_id=institution.id),
                        confirm_label=_("Возобновить"),
                        cancel_url=url_for("operator.show_institution", institution_id=institution.id))


@bp.post("/institutions/<int:institution_id>/resume")
def resume_institution(institution_id: int):
    institution = get_institution_or_404(institution_id)
    institution.is_suspended = False
    flash(_("Работа учреждения «%(name)s» возобновлена.", name=institution.short_name), "success")
    return redirect(url_for("operator.show_institution", institution_id=institution.id))
