"""The home school's side (/i/<school>/enrollment): parents' applications (its inbox, with those from the
public catalog), requests to providers and their state per pupil, the school's network timetable.

Applications carry parents' contacts: only the school's admin and coordinator open them. The requests
and the timetable are read by every user of the school."""
from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from tenants.models import Institution
from tenants.permissions import MANAGERS, has_role, require_role
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.models import utcnow
from workspace.core.pagination import paginate
from workspace.core.rendering import render
from workspace.extensions import db
from workspace.programmes import school_bp as bp
from workspace.programmes.admission import grade_refusal, has_live_application
from workspace.programmes.forms import ApplicationForm, MatchForm, RejectForm, RequestForm
from workspace.programmes.letters import queue_request_letters
from workspace.programmes.models import (
    ACTIVE,
    Application,
    ApplicationSource,
    ApplicationStatus,
    Enrollment,
    EnrollmentRequest,
    Programme,
)
from workspace.programmes.queries import enrollments_of_request, get_school_request_or_404, school_requests
from workspace.programmes.timetable import timetable_of_school
from workspace.pupils.consents import consent_from_application, consenting, has_processing_consent
from workspace.pupils.models import Pupil, grade_of
from workspace.pupils.queries import get_pupil_or_404, pupil_choices


def published_programme_choices() -> list[tuple[int, str]]:
    """Published programmes of the school's networks (the scope holds them), with their provider."""
    return [(row.id, f"{row.title} — {row.short_name}") for row in db.session.execute(
        select(Programme.id, Programme.title, Institution.short_name)
        .join(Institution, Institution.id == Programme.provider_institution_id)
        .where(Programme.is_published.is_(True)).order_by(Programme.title))]


def get_application_or_404(application_id: int) -> Application:
    return db.first_or_404(select(Application).where(Application.id == application_id))


def _applications_page():
    status = request.args.get("status", "")
    statement = (select(Application, Programme.title, Pupil.surname, Pupil.name, Pupil.patronymic, Pupil.class_label)
                 .join(Programme, Programme.id == Application.programme_id)
                 .outerjoin(Pupil, Pupil.id == Application.pupil_id)
                 .order_by(Application.submitted_on.desc(), Application.id.desc()))
    if status in {s.value for s in ApplicationStatus}:
        statement = statement.where(Application.status == ApplicationStatus(status))
    return paginate(statement, scalars=False), status


@bp.route("/applications", methods=["GET", "POST"])
@login_required
def list_applications():
    require_role(*MANAGERS)
    form = ApplicationForm(pupil_choices(), published_programme_choices())
    if request.method == "GET":
        form.submitted_on.data = local_today()
    pupil = programme = None
    if form.validate_on_submit():
        pupil = get_pupil_or_404(form.pupil_id.data)
        programme = db.session.scalar(select(Programme).where(Programme.id == form.programme_id.data))
        refusal = grade_refusal(programme, pupil.class_label, pupil.grade)
        if refusal is not None:
            form.programme_id.errors.append(refusal)
        elif has_live_application(programme.id, pupil_id=pupil.id):
            form.programme_id.errors.append(_("Заявление %(name)s на эту программу уже записано.",
                                              name=pupil.full_name))
    if pupil is not None and not form.errors:
        application = Application(
            institution_id=g.institution.id, pupil_id=pupil.id, programme_id=programme.id, network_id=programme.network_id,
            submitted_on=form.submitted_on.data, has_consent=True, source=ApplicationSource.MANUAL,
            pupil_full_name=pupil.full_name, class_label=pupil.class_label,
            parent_name=form.parent_name.data or pupil.parent_name,
            parent_contact=pupil.parent_phone or pupil.parent_email, status=ApplicationStatus.ACCEPTED,
            note=form.note.data or "")
        db.session.add(application)
        db.session.flush()
        consent_from_application(application, pupil)  # the consent the form confirms
        flash(_("Заявление записано: %(name)s.", name=pupil.full_name), "success")
        return redirect(url_for("school_programmes.list_applications"))
    page, status = _applications_page()
    return render("programmes/applications.html", page=page, status_filter=status, form=form,
                  statuses=list(ApplicationStatus), status=422 if form.errors else 200)


def _words(text: str) -> list[str]:
    return (text or "").lower().replace("ё", "е").replace(",", " ").split()


def likely_pupils(application: Application, choices: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Pupils of the registry the application probably means: the same surname and name (and patronymic when
    both have one), the same class first. ``choices`` are ``pupil_choices()``: «Фамилия Имя Отчество, 5А»."""
    wanted = _words(application.pupil_full_name)
    wanted_class = "".join(_words(application.class_label))
    if len(wanted) < 2:
        return []
    found = []
    for value, label in choices:
        name, _comma, class_label = label.rpartition(", ")
        words = _words(name)
        if words[:2] != wanted[:2]:
            continue
        if len(words) > 2 and len(wanted) > 2 and words[2] != wanted[2]:
            continue
        found.append(("".join(_words(class_label)) != wanted_class, (value, label)))
    return [choice for _other_class, choice in sorted(found, key=lambda pair: pair[0])]


def _new_pupil_from(application: Application) -> Pupil:
    parts = application.pupil_full_name.split()
    pupil = Pupil(institution_id=g.institution.id, surname=parts[0] if parts else "—",
                  name=parts[1] if len(parts) > 1 else "—", patronymic=" ".join(parts[2:]),
                  class_label=application.class_label.replace(" ", "").upper(),
                  grade=grade_of(application.class_label), parent_name=application.parent_name,
                  parent_phone="" if "@" in application.parent_contact else application.parent_contact,
                  parent_email=application.parent_contact if "@" in application.parent_contact else "")
    db.session.add(pupil)
    db.session.flush()
    return pupil


@bp.route("/applications/<int:application_id>", methods=["GET", "POST"])
@login_required
def show_application(application_id: int):
    application = get_application_or_404(application_id)
    require_role(*MANAGERS)
    choices = pupil_choices()
    likely = likely_pupils(application, choices) if application.status is ApplicationStatus.NEW else []
    # the likely pupils first, marked, then the whole registry
    form = MatchForm([(value, _("Похоже: %(label)s", label=label)) for value, label in likely]
                     + [choice for choice in choices if choice not in likely])
    if request.method == "GET" and likely:
        form.pupil_id.data = likely[0][0]
    if request.method == "POST" and application.status is not ApplicationStatus.NEW:
        flash(_("Это заявление уже рассмотрено."), "error")
        return redirect(url_for("school_programmes.show_application", application_id=application.id))
    if form.validate_on_submit():
        chosen = get_pupil_or_404(form.pupil_id.data) if form.pupil_id.data else None
        if not application.has_consent and (chosen is None or not has_processing_consent(chosen.id)):
            flash(_("Заявление нельзя принять: нет действующего согласия родителя на обработку персональных данных "
                    "обучающегося. Запишите согласие на странице обучающегося."), "error")
            return redirect(url_for("school_programmes.show_application", application_id=application.id))
        pupil = chosen or _new_pupil_from(application)
        application.pupil_id = pupil.id
        application.status = ApplicationStatus.ACCEPTED
        consent_from_application(application, pupil)
        flash(_("Заявление принято: %(name)s. Его можно включить в заявку организации.", name=pupil.full_name),
              "success")
        return redirect(url_for("school_programmes.list_applications"))
    programme = db.session.scalar(select(Programme.title).where(Programme.id == application.programme_id))
    pupil = get_pupil_or_404(application.pupil_id) if application.pupil_id else None
    return render("programmes/application.html", application=application, programme_title=programme, pupil=pupil,
                  form=form, reject_form=RejectForm(formdata=None), status=422 if form.errors else 200)


@bp.post("/applications/<int:application_id>/reject")
@login_required
def reject_application(application_id: int):
    application = get_application_or_404(application_id)
    require_role(*MANAGERS)
    form = RejectForm()
    if application.status not in (ApplicationStatus.NEW, ApplicationStatus.ACCEPTED):
        flash(_("Это заявление уже включено в заявку: его нельзя отклонить."), "error")
    elif not form.validate_on_submit():
        flash(_("Укажите причину, по которой заявление отклонено."), "error")
    else:
        application.status = ApplicationStatus.REJECTED
        application.note = form.note.data
        flash(_("Заявление отклонено."), "success")
        return redirect(url_for("school_programmes.list_applications"))
    return redirect(url_for("school_programmes.show_application", application_id=application.id))


def _ready_applications(programme_id: int):
    return db.session.execute(
        select(Application.id, Pupil.id.label("pupil_id"), Pupil.surname, Pupil.name, Pupil.patronymic,
               Pupil.class_label, Application.submitted_on)
        .join(Pupil, Pupil.id == Application.pupil_id)
        .where(Application.programme_id == programme_id, Application.status == ApplicationStatus.ACCEPTED)
        .order_by(Pupil.class_label, Pupil.surname)).all()


@bp.route("/requests/new", methods=["GET", "POST"])
@login_required
def new_request():
    require_role(*MANAGERS)
    programmes = published_programme_choices()
    programme_id = request.values.get("programme", type=int)
    programme = db.session.scalar(select(Programme).where(Programme.id == programme_id, Programme.is_published.is_(True))) \
        if programme_id else None
    ready = _ready_applications(programme.id) if programme else []
    form = RequestForm()
    form.application_ids.choices = [(row.id, "") for row in ready]
    if programme is not None and form.validate_on_submit():
        chosen = [row for row in ready if row.id in set(form.application_ids.data)]
        if len(chosen) != len(set(form.application_ids.data)):
            abort(404)
        already = set(db.session.scalars(select(Enrollment.pupil_id).where(
            Enrollment.programme_id == programme.id, Enrollment.home_institution_id == g.institution.id,
            Enrollment.pupil_id.in_([row.pupil_id for row in chosen]), Enrollment.status.in_(ACTIVE))))
        allowed = consenting(row.pupil_id for row in chosen)
        without_consent = [row for row in chosen if row.pupil_id not in allowed]
        if without_consent:
            form.application_ids.errors.append(_(
                "Нет действующего согласия на обработку персональных данных: %(names)s. Такого обучающегося нельзя "
                "включить в заявку — снимите отметку или запишите согласие на странице обучающегося.",
                names=", ".join(f"{row.surname} {row.name}" for row in without_consent)))
        elif already:
            form.application_ids.errors.append(_("Часть обучающихся уже подана на эту программу: снимите отметку."))
        else:
            enrollment_request = EnrollmentRequest(network_id=programme.network_id, home_institution_id=g.institution.id,
                                                   programme_id=programme.id, sent_at=utcnow(),
                                                   sent_by_id=current_user.id, note=form.note.data or "")
            db.session.add(enrollment_request)
            db.session.flush()
            applications = {a.id: a for a in db.session.scalars(
                select(Application).where(Application.id.in_([row.id for row in chosen])))}
            for row in chosen:
                enrollment = Enrollment(network_id=programme.network_id, request_id=enrollment_request.id,
                                        programme_id=programme.id, home_institution_id=g.institution.id,
                                        pupil_id=row.pupil_id, class_label=row.class_label,
                                        pupil_name=" ".join(p for p in (row.surname, row.name, row.patronymic) if p))
                db.session.add(enrollment)
                db.session.flush()
                applications[row.id].status = ApplicationStatus.SENT
                applications[row.id].enrollment_id = enrollment.id
            queue_request_letters(enrollment_request, programme, len(chosen))
            flash(_("Заявка отправлена организации: обучающихся — %(n)d.", n=len(chosen)), "success")
            return redirect(url_for("school_programmes.show_school_request", request_id=enrollment_request.id))
    return render("programmes/new_request.html", programmes=programmes, programme=programme, ready=ready, form=form,
                  status=422 if form.errors else 200)


@bp.get("/requests")
@login_required
def list_school_requests():
    return render("programmes/school_requests.html", page=paginate(school_requests(), scalars=False),
                  can_manage=has_role(*MANAGERS))


@bp.get("/requests/<int:request_id>")
@login_required
def show_school_request(request_id: int):
    enrollment_request, programme = get_school_request_or_404(request_id)
    provider = db.session.scalar(select(Institution.short_name).where(Institution.id == programme.provider_institution_id))
    return render("programmes/school_request.html", request_=enrollment_request, programme=programme, provider=provider,
                  rows=enrollments_of_request(enrollment_request.id))


@bp.get("/timetable")
@login_required
def school_timetable():
    return render("programmes/timetable.html", days=timetable_of_school(g.institution.id))
