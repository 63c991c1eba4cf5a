"""The provider's side of enrollment (/n/<network>/programmes/requests): the inbox of schools' requests,
a decision per pupil (capacity enforced, a waiting list beyond it, a reason to decline), placing the
accepted into groups; and the teacher load the provider's admin agrees («Согласовано»).

The provider reads pupils only as the copies an enrollment carries (name, class); every page that shows
them leaves a "read" entry in the home school's history (record_read) and a read per pupil the school can
query (record_pupil_reads)."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from workspace.audit.reads import record_read
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.models import utcnow
from workspace.core.pagination import paginate
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.programmes import bp
from workspace.programmes.access import decidable_enrollment_or_404, load_group_or_404, provider_request_or_404
from workspace.programmes.forms import DecisionForm, DeclineForm, PlaceForm
from workspace.programmes.letters import queue_answer_letters
from workspace.programmes.load import load_of_provider
from workspace.programmes.models import Enrollment, EnrollmentRequest, EnrollmentStatus, Group, Programme, RequestStatus
from workspace.programmes.queries import (
    enrollments_of_request,
    first_waiting_ahead,
    group_counts,
    groups_and_places,
    is_provider_admin,
    is_provider_manager,
    next_waiting_position,
    provider_requests,
    request_parties,
    taken_places,
)
from workspace.pupils.reads import record_pupil_reads


@bp.get("/requests")
@login_required
def list_requests():
    """Requests to the programmes of the user's own institution (empty for everyone else)."""
    page = paginate(provider_requests(), scalars=False)
    return render("programmes/inbox.html", page=page)


def _request_context(enrollment_request: EnrollmentRequest, programme: Programme, decline_form=None,
                     declining: int | None = None) -> dict:
    rows = enrollments_of_request(enrollment_request.id)
    groups_taken = groups_and_places(programme.id)
    groups = [group for group, _taken in groups_taken]
    school, sender, taken = request_parties(enrollment_request, programme)
    record_read(owner_institution_id=enrollment_request.home_institution_id, object_type="pupil",
                object_ids=[enrollment.pupil_id for enrollment, _g in rows],
                label=_("Заявка № %(n)d: ФИО и класс", n=enrollment_request.id))
    record_pupil_reads("request", enrollment_request.id,
                       ((enrollment.home_institution_id, enrollment.pupil_id) for enrollment, _g in rows))
    return {"request_": enrollment_request, "programme": programme, "rows": rows, "groups": groups,
            "school": school, "sender": sender, "can_decide": is_provider_manager(programme),
            "taken": taken, "group_taken": {group.id: places for group, places in groups_taken},
            "decline_form": decline_form or DeclineForm(formdata=None), "declining": declining}


@bp.get("/requests/<int:request_id>")
@login_required
def show_request(request_id: int):
    enrollment_request, programme = provider_request_or_404(request_id)
    return render("programmes/request.html", **_request_context(enrollment_request, programme))


def _lock_programme(programme: Programme) -> None:
    """Two coordinators accepting at once must not both take the last place (PostgreSQL row lock;
    SQLite serialises writers anyway)."""
    db.session.execute(select(Programme.id).where(Programme.id == programme.id).with_for_update())


def _settle(enrollment_request: EnrollmentRequest) -> None:
    db.session.flush()
    open_left = db.session.scalar(select(Enrollment.id).where(Enrollment.request_id == enrollment_request.id,
                                                              Enrollment.status == EnrollmentStatus.REQUESTED).limit(1))
    answered = enrollment_request.status is RequestStatus.SENT and not open_left
    enrollment_request.status = RequestStatus.SENT if open_left else RequestStatus.ANSWERED
    if answered:
        programme = db.session.scalar(select(Programme).where(Programme.id == enrollment_request.programme_id))
        queue_answer_letters(enrollment_request, programme)


def _decided(enrollment: Enrollment, status: EnrollmentStatus) -> None:
    enrollment.status = status
    enrollment.decided_at = utcnow()
    enrollment.decided_by_id = current_user.id


def _back(request_id: int):
    return redirect(url_for("programmes.show_request", request_id=request_id))


@bp.post("/requests/<int:request_id>/enrollments/<int:enrollment_id>/accept")
@login_required
def accept_enrollment(request_id: int, enrollment_id: int):
    enrollment_request, programme, enrollment = decidable_enrollment_or_404(request_id, enrollment_id)
    form = DecisionForm()
    if not form.validate_on_submit() or is_stale(enrollment, form.version.data):
        flash(_("Решение по этому обучающемуся уже изменили. Проверьте список и повторите."), "error")
        return _back(request_id)
    if enrollment.status not in (EnrollmentStatus.REQUESTED, EnrollmentStatus.WAITING):
        flash(_("По этому обучающемуся решение уже принято."), "error")
        return _back(request_id)
    _lock_programme(programme)
    if enrollment.status is EnrollmentStatus.WAITING:
        ahead = first_waiting_ahead(programme.id, enrollment)
        if ahead is not None:
            flash(_("Лист ожидания идёт по порядку: сначала решите по № %(position)d — %(name)s, "
                    "потом по № %(mine)d.", position=ahead.waiting_position, name=ahead.pupil_name,
                    mine=enrollment.waiting_position), "error")
            return _back(request_id)
    if taken_places(programme.id) < programme.capacity:
        _decided(enrollment, EnrollmentStatus.ENROLLED)
        enrollment.waiting_position = None
        flash(_("%(name)s зачислен(а). Распределите обучающегося в группу.", name=enrollment.pupil_name), "success")
    elif enrollment.status is EnrollmentStatus.WAITING:
        flash(_("Свободных мест нет: %(name)s остаётся в листе ожидания.", name=enrollment.pupil_name), "error")
        return _back(request_id)
    else:
        _decided(enrollment, EnrollmentStatus.WAITING)
        enrollment.waiting_position = next_waiting_position(programme.id)
        flash(_("Мест нет (%(capacity)d из %(capacity)d заняты): %(name)s в листе ожидания под № %(position)d.",
                capacity=programme.capacity, name=enrollment.pupil_name, position=enrollment.waiting_position),
              "success")
    _settle(enrollment_request)
    return _back(request_id)


@bp.route("/requests/<int:request_id>/enrollments/<int:enrollment_id>/decline", methods=["GET", "POST"])
@login_required
def decline_enrollment(request_id: int, enrollment_id: int):
    enrollment_request, programme, enrollment = decidable_enrollment_or_404(request_id, enrollment_id)
    form = DeclineForm()
    if request.method == "GET":
        form.version.data = enrollment.version
        return render("programmes/request.html", **_request_context(enrollment_request, programme, form,
                                                                    declining=enrollment.id))
    if form.validate_on_submit():
        if is_stale(enrollment, form.version.data):
            form.form_errors.append(_("Решение по этому обучающемуся уже изменили. Проверьте список и повторите."))
        elif enrollment.status not in (EnrollmentStatus.REQUESTED, EnrollmentStatus.WAITING):
            form.form_errors.append(_("По этому обучающемуся решение уже принято."))
        else:
            _decided(enrollment, EnrollmentStatus.DECLINED)
            enrollment.decline_reason = form.reason.data
            enrollment.waiting_position = None
            _settle(enrollment_request)
            flash(_("Отказано: %(name)s.", name=enrollment.pupil_name), "success")
            return _back(request_id)
    return render("programmes/request.html", status=422,
                  **_request_context(enrollment_request, programme, form, declining=enrollment.id))


@bp.post("/requests/<int:request_id>/enrollments/<int:enrollment_id>/place")
@login_required
def place_enrollment(request_id: int, enrollment_id: int):
    _request, programme, enrollment = decidable_enrollment_or_404(request_id, enrollment_id)
    form = PlaceForm()
    if not form.validate_on_submit() or is_stale(enrollment, form.version.data):
        flash(_("Решение по этому обучающемуся уже изменили. Проверьте список и повторите."), "error")
        return _back(request_id)
    if enrollment.status is not EnrollmentStatus.ENROLLED:
        flash(_("В группу распределяют только зачисленных."), "error")
        return _back(request_id)
    group = db.session.scalar(select(Group).where(Group.id == form.group_id.data, Group.programme_id == programme.id)) \
        if form.group_id.data else None
    if form.group_id.data and group is None:
        abort(404)
    if group is not None and group.id != enrollment.group_id:
        db.session.execute(select(Group.id).where(Group.id == group.id).with_for_update())
        if group_counts([group.id]).get(group.id, 0) >= group.capacity:
            flash(_("В группе «%(group)s» нет свободных мест (%(n)d).", group=group.name, n=group.capacity), "error")
            return _back(request_id)
    enrollment.group_id = group.id if group else None
    flash(_("%(name)s: группа «%(group)s».", name=enrollment.pupil_name, group=group.name) if group
          else _("%(name)s: без группы.", name=enrollment.pupil_name), "success")
    return _back(request_id)


@bp.route("/requests/<int:request_id>/enrollments/<int:enrollment_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw_enrollment(request_id: int, enrollment_id: int):
    """Отчислить: the place is freed (the waiting list is then accepted by hand, in its order)."""
    _request, programme, enrollment = decidable_enrollment_or_404(request_id, enrollment_id)
    if request.method == "GET":
        return confirm_page(heading=_("Отчислить обучающегося?"),
                            question=_("%(name)s будет отчислен(а) с программы «%(title)s»; место освободится.",
                                       name=enrollment.pupil_name, title=programme.title),
                            action=request.path, confirm_label=_("Отчислить"),
                            cancel_url=url_for("programmes.show_request", request_id=request_id))
    if enrollment.status is not EnrollmentStatus.ENROLLED:
        flash(_("Отчислить можно только зачисленного обучающегося."), "error")
        return _back(request_id)
    _decided(enrollment, EnrollmentStatus.WITHDRAWN)
    flash(_("%(name)s отчислен(а). Место свободно: зачислите следующего из листа ожидания.",
            name=enrollment.pupil_name), "success")
    return _back(request_id)


@bp.get("/load")
@login_required
def teacher_load():
    rows, totals = load_of_provider()
    return render("programmes/load.html", rows=rows, totals=totals, can_agree={row.id for row in rows
                                                                                if is_provider_admin(row)})


@bp.post("/load/<int:group_id>/agree")
@login_required
def agree_load(group_id: int):
    group = load_group_or_404(group_id)
    if group.load_agreed_at is None:
        group.load_agreed_at = utcnow()
        group.load_agreed_by_id = current_user.id
        flash(_("Нагрузка группы «%(group)s» согласована.", group=group.name), "success")
    else:
        group.load_agreed_at = None
        group.load_agreed_by_id = None
        flash(_("Согласование нагрузки группы «%(group)s» снято.", group=group.name), "success")
    return redirect(url_for("programmes.teacher_load"))
