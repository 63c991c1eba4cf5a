"""Letters of enrollment: a school's request reaches the provider's admins and coordinators; the provider's
answer (every pupil of the request decided) reaches the school's; a parent's application from the public catalog
reaches the chosen school's admins and coordinators. Each is queued in the transaction of the change.

No pupil's name travels by mail: the provider reads the names only on its pages (where each read is recorded in
the school's history), the school reads its applications on its own; the letters carry counts and a link.
"""
from __future__ import annotations

from markupsafe import escape
from sqlalchemy import func, select

from tenants.models import Institution, Network
from tenants.permissions import MANAGERS
from workspace.accounts.models import User
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.links import public_url
from workspace.core.words import plural
from workspace.extensions import db
from workspace.letters.kinds import NOW, register_letter_kind
from workspace.letters.outbox import letter_language, queue_letter
from workspace.programmes.models import Enrollment, EnrollmentStatus

REQUESTS = register_letter_kind("programmes.requests", _l("Заявки на сетевые программы"), default=NOW)
APPLICATIONS = register_letter_kind("programmes.applications", _l("Заявления родителей"), default=NOW)


def _managers(institution_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.institution_id == institution_id, User.role.in_(MANAGERS), User.is_enabled.is_(True))
        .order_by(User.id)))


def _short_name(institution_id: int) -> str:
    return db.session.scalar(select(Institution.short_name).where(Institution.id == institution_id)) or ""


def _queue(kind: str, user: User, subject: str, paragraphs: list[str], link: str, link_label: str,
           dedupe_key: str | None = None) -> None:
    text = "\n\n".join([*paragraphs, f"{link_label}: {link}"])
    html = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    html += f'<p><a href="{escape(link)}">{escape(link_label)}</a></p>'
    queue_letter(kind, user=user, subject=subject, text=text, html=html, dedupe_key=dedupe_key)


def _pupils(count: int) -> str:
    return plural(count, "обучающийся")


def queue_request_letters(enrollment_request, programme, pupils: int) -> None:
    """A school sent a request: to the provider's admins and coordinators."""
    school = _short_name(enrollment_request.home_institution_id)
    network_slug = db.session.scalar(select(Network.slug).where(Network.id == programme.network_id))
    link = public_url("programmes.show_request", network=network_slug, request_id=enrollment_request.id)
    for user in _managers(programme.provider_institution_id):
        with letter_language(user):
            subject = _("Новая заявка на программу «%(title)s»", title=programme.title)
            lead = _("%(school)s подаёт заявку на программу «%(title)s»: %(pupils)s. Рассмотрите её и примите "
                     "решение по каждому обучающемуся.", school=school, title=programme.title,
                     pupils=_pupils(pupils))
            link_label = _("Открыть заявку")
        _queue(REQUESTS.key, user, subject, [lead], link, link_label)


def queue_answer_letters(enrollment_request, programme) -> None:
    """Every pupil of the request decided: to the school's admins and coordinators (once per request)."""
    counts = dict(db.session.execute(select(Enrollment.status, func.count()).where(
        Enrollment.request_id == enrollment_request.id).group_by(Enrollment.status)).all())
    provider = _short_name(programme.provider_institution_id)
    school_slug = db.session.scalar(select(Institution.slug).where(
        Institution.id == enrollment_request.home_institution_id))
    link = public_url("school_programmes.show_school_request", institution=school_slug,
                      request_id=enrollment_request.id)
    for user in _managers(enrollment_request.home_institution_id):
        with letter_language(user):
            subject = _("Ответ на заявку: программа «%(title)s»", title=programme.title)
            lead = _("%(provider)s рассмотрела заявку на программу «%(title)s».", provider=provider,
                     title=programme.title)
            decided = _("Зачислено: %(enrolled)d, в листе ожидания: %(waiting)d, отказано: %(declined)d.",
                        enrolled=counts.get(EnrollmentStatus.ENROLLED, 0),
                        waiting=counts.get(EnrollmentStatus.WAITING, 0),
                        declined=counts.get(EnrollmentStatus.DECLINED, 0))
            link_label = _("Открыть заявку")
        _queue(REQUESTS.key, user, subject, [lead, decided], link, link_label,
               dedupe_key=f"enrollment-answered:{enrollment_request.id}:{user.id}")


def queue_application_letters(application, programme) -> None:
    """A parent's application from the public catalog: to the chosen school's admins and coordinators."""
    school_slug = db.session.scalar(select(Institution.slug).where(Institution.id == application.institution_id))
    network = db.session.scalar(select(Network.name).where(Network.id == programme.network_id)) or ""
    link = public_url("school_programmes.show_application", institution=school_slug, application_id=application.id)
    for user in _managers(application.institution_id):
        with letter_language(user):
            subject = _("Новое заявление на программу «%(title)s»", title=programme.title)
            lead = _("Родитель подал заявление на программу «%(title)s» (%(network)s) из открытого каталога, "
                     "класс %(class_label)s. Сверьте его с обучающимся вашей школы.", title=programme.title,
                     network=network, class_label=application.class_label)
            link_label = _("Открыть заявление")
        _queue(APPLICATIONS.key, user, subject, [lead], link, link_label)
