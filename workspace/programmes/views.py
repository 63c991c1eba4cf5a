"""Programme pages of a network (/n/<network>/programmes): list, page, create, edit, publish,
groups and their schedule. A programme is created by a manager of a member institution, which becomes
its provider; only the provider's admin and coordinator change it."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required

from workspace.core.access import require
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.models import utcnow
from workspace.core.pagination import paginate
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.programmes import (
    bp,
    inbox_views,  # noqa: F401  (routes on the same blueprint)
)
from workspace.programmes.access import editable_group_or_404, editable_programme_or_404, editable_slot_or_404
from workspace.programmes.forms import AttestationEditForm, GroupForm, ProgrammeForm, SlotForm
from workspace.programmes.models import WEEKDAYS, Direction, GradeScale, Group, Programme, ScheduleSlot
from workspace.programmes.queries import (
    attestations_of,
    can_offer_programmes,
    get_programme_or_404,
    groups_with_slots,
    is_provider_manager,
    programme_list,
    provider_and_places,
    providers_in_network,
    teachers_of,
)


def _stale() -> str:
    return _("Программу изменил другой пользователь, пока вы редактировали. Обновите страницу и внесите изменения снова.")


@bp.get("/")
@login_required
def list_programmes():
    direction = request.args.get("direction", "")
    provider_id = request.args.get("provider", type=int)
    grade = request.args.get("grade", type=int)
    page = paginate(programme_list(direction, provider_id, grade), scalars=False)
    return render("programmes/list.html", partials={"programme-rows": "programmes/_rows.html"}, page=page,
                  directions=list(Direction), providers=providers_in_network(g.network.id), direction=direction,
                  provider_id=provider_id, grade=grade, can_create=can_offer_programmes())


def _apply(programme: Programme, form: ProgrammeForm) -> None:
    for name in ("title", "description", "hours", "grade_min", "grade_max", "capacity", "starts_on", "ends_on"):
        setattr(programme, name, getattr(form, name).data)
    programme.description = programme.description or ""
    programme.direction = Direction(form.direction.data)
    programme.grade_scale = GradeScale(form.grade_scale.data)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_programme():
    require(can_offer_programmes())
    form = ProgrammeForm()
    if request.method == "GET":
        form.grade_min.data, form.grade_max.data, form.capacity.data = 5, 9, 15
    if form.validate_on_submit():
        programme = Programme(network_id=g.network.id, provider_institution_id=current_user.institution_id)
        _apply(programme, form)
        db.session.add(programme)
        db.session.flush()
        flash(_("Программа создана. Добавьте группы и расписание, затем опубликуйте её."), "success")
        return redirect(url_for("programmes.show_programme", programme_id=programme.id))
    return render("programmes/form.html", form=form, programme=None, status=422 if form.errors else 200)


def _page_context(programme: Programme, group_form: GroupForm | None = None, slot_forms: dict | None = None,
                  teachers: list | None = None, attestation_form: AttestationEditForm | None = None) -> dict:
    groups = groups_with_slots([programme.id]).get(programme.id, [])
    manage = is_provider_manager(programme)
    if manage and teachers is None:
        teachers = teachers_of(programme.provider_institution_id)
    provider_name, taken = provider_and_places(programme)
    return {
        "programme": programme, "groups": groups, "can_manage": manage, "provider_name": provider_name,
        "taken": taken,
        "group_form": group_form or (GroupForm(teachers, formdata=None, capacity=programme.capacity) if manage else None),
        "slot_forms": slot_forms or ({group.id: SlotForm(prefix=f"g{group.id}", formdata=None)
                                     for group, _t, _s, _n in groups} if manage else {}),
        "attestations": attestations_of(programme.id),
        "attestation_form": attestation_form or (AttestationEditForm(prefix="att", formdata=None) if manage else None),
    }


@bp.get("/<int:programme_id>")
@login_required
def show_programme(programme_id: int):
    return render("programmes/page.html", **_page_context(get_programme_or_404(programme_id)))


@bp.route("/<int:programme_id>/edit", methods=["GET", "POST"])
@login_required
def edit_programme(programme_id: int):
    programme = editable_programme_or_404(programme_id)
    form = ProgrammeForm(obj=programme if request.method == "GET" else None)
    if request.method == "GET":
        form.direction.data, form.grade_scale.data = programme.direction.value, programme.grade_scale.value
        form.version.data = programme.version
    if form.validate_on_submit():
        if is_stale(programme, form.version.data):
            form.form_errors.append(_stale())
        else:
            _apply(programme, form)
            flash(_("Изменения сохранены."), "success")
            return redirect(url_for("programmes.show_programme", programme_id=programme.id))
    return render("programmes/form.html", form=form, programme=programme, status=422 if form.errors else 200)


@bp.post("/<int:programme_id>/publish")
@login_required
def publish_programme(programme_id: int):
    programme = editable_programme_or_404(programme_id)
    if is_stale(programme, request.form.get("version")):
        flash(_stale(), "error")
    elif programme.is_published:
        programme.is_published = False
        flash(_("Программа снята с публикации: в каталоге её больше нет."), "success")
    else:
        programme.is_published = True
        programme.published_at = programme.published_at or utcnow()
        flash(_("Программа опубликована в каталоге сети."), "success")
    return redirect(url_for("programmes.show_programme", programme_id=programme.id))


@bp.post("/<int:programme_id>/groups")
@login_required
def add_group(programme_id: int):
    programme = editable_programme_or_404(programme_id)
    teachers = teachers_of(programme.provider_institution_id)
    form = GroupForm(teachers)
    if not form.validate_on_submit():
        return render("programmes/page.html", status=422, **_page_context(programme, group_form=form, teachers=teachers))
    db.session.add(Group(network_id=programme.network_id, programme_id=programme.id,
                         provider_institution_id=programme.provider_institution_id, name=form.name.data,
                         teacher_id=form.teacher_id.data, place=form.place.data or "", capacity=form.capacity.data))
    flash(_("Группа добавлена. Задайте её расписание."), "success")
    return redirect(url_for("programmes.show_programme", programme_id=programme.id))


@bp.route("/<int:programme_id>/groups/<int:group_id>/edit", methods=["GET", "POST"])
@login_required
def edit_group(programme_id: int, group_id: int):
    programme, group = editable_group_or_404(programme_id, group_id)
    form = GroupForm(teachers_of(programme.provider_institution_id), obj=group if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = group.version
    if form.validate_on_submit():
        if is_stale(group, form.version.data):
            form.form_errors.append(_("Группу изменил другой пользователь. Обновите страницу и повторите."))
        else:
            for name in ("name", "teacher_id", "place", "capacity"):
                setattr(group, name, getattr(form, name).data)
            group.place = group.place or ""
            flash(_("Группа сохранена."), "success")
            return redirect(url_for("programmes.show_programme", programme_id=programme.id))
    return render("programmes/group_form.html", form=form, programme=programme, group=group,
                  status=422 if form.errors else 200)


@bp.post("/<int:programme_id>/groups/<int:group_id>/slots")
@login_required
def add_slot(programme_id: int, group_id: int):
    programme, group = editable_group_or_404(programme_id, group_id)
    form = SlotForm(prefix=f"g{group.id}")
    if not form.validate_on_submit():
        context = _page_context(programme)
        context["slot_forms"][group.id] = form
        return render("programmes/page.html", status=422, **context)
    db.session.add(ScheduleSlot(network_id=group.network_id, group_id=group.id, weekday=form.weekday.data,
                                starts_at=form.starts_at.data, ends_at=form.ends_at.data, place=form.place.data or ""))
    flash(_("Занятие добавлено в расписание."), "success")
    return redirect(url_for("programmes.show_programme", programme_id=programme.id))


@bp.route("/<int:programme_id>/groups/<int:group_id>/slots/<int:slot_id>/delete", methods=["GET", "POST"])
@login_required
def delete_slot(programme_id: int, group_id: int, slot_id: int):
    programme, group, slot = editable_slot_or_404(programme_id, group_id, slot_id)
    back = url_for("programmes.show_programme", programme_id=programme.id)
    if request.method == "GET":
        return confirm_page(heading=_("Удалить занятие из расписания?"),
                            question=_("Занятие группы «%(group)s» в %(time)s будет удалено из расписания.",
                                       group=group.name, time=f"{slot.starts_at:%H:%M}"),
                            action=request.path, confirm_label=_("Удалить"), cancel_url=back)
    db.session.delete(slot)
    flash(_("Занятие удалено из расписания."), "success")
    return redirect(back)


@bp.app_template_filter("weekday")
def weekday_name(number: int) -> str:
    return str(WEEKDAYS[number]) if 0 <= number < len(WEEKDAYS) else ""
