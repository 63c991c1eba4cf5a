"""A parent's request for everything the product holds on one pupil: «Сведения о персональных данных
обучающегося», one readable Russian .docx (A4, the school as author). Read as the school: its registry,
consents, applications and the reads of its pupils; the enrollments of the pupil in the school's networks
with their lessons, marks and certificates (column tuples, a fixed number of statements)."""
from __future__ import annotations

from docx.shared import Pt
from flask import g
from sqlalchemy import select

from tenants.models import Institution
from workspace.core.dates import ru_date, ru_datetime
from workspace.core.documents import a4_document, add_table, document_bytes
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.models import utcnow
from workspace.extensions import db
from workspace.journal.models import Certificate, Lesson, Mark
from workspace.journal.scales import GRADE_LABELS
from workspace.programmes.models import Application, Enrollment, EnrollmentRequest, Group, Programme
from workspace.pupils.consents import consents_of
from workspace.pupils.models import Pupil
from workspace.pupils.reads import kind_label, reads_query


def _enrollments(pupil: Pupil):
    return db.session.execute(
        select(Enrollment.id, Programme.title, Institution.short_name.label("provider"), Group.name.label("group"),
               Enrollment.status, EnrollmentRequest.sent_at, Enrollment.decided_at, Enrollment.decline_reason)
        .join(Programme, Programme.id == Enrollment.programme_id)
        .join(Institution, Institution.id == Programme.provider_institution_id)
        .join(EnrollmentRequest, EnrollmentRequest.id == Enrollment.request_id)
        .outerjoin(Group, Group.id == Enrollment.group_id)
        .where(Enrollment.pupil_id == pupil.id, Enrollment.home_institution_id == pupil.institution_id)
        .order_by(EnrollmentRequest.sent_at, Enrollment.id)).all()


def _marks(enrollment_ids: list[int], school_id: int):
    if not enrollment_ids:
        return []
    return db.session.execute(
        select(Mark.enrollment_id, Lesson.held_on, Lesson.topic, Mark.attendance, Mark.grade)
        .join(Lesson, Lesson.id == Mark.lesson_id)
        .where(Mark.enrollment_id.in_(enrollment_ids), Mark.home_institution_id == school_id)
        .order_by(Mark.enrollment_id, Lesson.held_on, Lesson.id)).all()


def _certificates(enrollment_ids: list[int]):
    if not enrollment_ids:
        return []
    return db.session.execute(
        select(Certificate.year, Certificate.number, Certificate.issued_on, Certificate.programme_title,
               Certificate.hours, Certificate.result)
        .where(Certificate.enrollment_id.in_(enrollment_ids), Certificate.home_institution_id == g.institution.id)
        .order_by(Certificate.issued_on)).all()


def _section(document, title: str, header: list[str], rows: list[list[str]]) -> None:
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(12)
    heading.add_run(title).bold = True
    if rows:
        add_table(document, header, rows)
    else:
        document.add_paragraph(_("Сведений нет."))


def pupil_dossier(pupil: Pupil) -> bytes:
    school = g.institution
    title = _("Сведения о персональных данных обучающегося")
    document = a4_document(school.full_name or school.short_name, title)
    document.add_paragraph(_("Обучающийся: %(name)s, класс %(class_label)s.", name=pupil.full_name,
                             class_label=pupil.class_label or "—"))
    none = "—"
    _section(document, _("1. Данные реестра обучающихся"), [_("Сведение"), _("Значение")], [
        [_("Фамилия"), pupil.surname], [_("Имя"), pupil.name], [_("Отчество"), pupil.patronymic or none],
        [_("Класс"), pupil.class_label or none], [_("Дата рождения"), ru_date(pupil.birth_on) or none],
        [_("Родитель (законный представитель)"), pupil.parent_name or none],
        [_("Телефон родителя"), pupil.parent_phone or none],
        [_("Электронная почта родителя"), pupil.parent_email or none],
        [_("Обучается в школе"), _("да") if pupil.is_active else _("нет")],
        [_("Внесён в реестр"), ru_datetime(pupil.created_at) or none]])
    _section(document, _("2. Согласия и их отзыв"),
             [_("Цель"), _("Кто дал"), _("Дата"), _("Документ"), _("Отзыв")],
             [[label(c.purpose) + (f" — {c.purpose_note}" if c.purpose_note else ""), c.given_by or none,
               ru_date(c.given_on), c.document or none,
               _("отозвано %(date)s: %(who)s", date=ru_date(c.withdrawn_on), who=c.withdrawn_by or none)
               + (f" ({c.withdrawal_note})" if c.withdrawal_note else "") if c.withdrawn_on else _("действует")]
              for c in consents_of(pupil.id)])
    applications = db.session.execute(
        select(Application.submitted_on, Programme.title, Application.source, Application.status,
               Application.parent_name, Application.parent_contact, Application.note)
        .join(Programme, Programme.id == Application.programme_id)
        .where(Application.pupil_id == pupil.id).order_by(Application.submitted_on, Application.id)).all()
    _section(document, _("3. Заявления родителей"),
             [_("Дата"), _("Программа"), _("Источник"), _("Состояние"), _("Родитель и контакт"), _("Примечание")],
             [[ru_date(a.submitted_on), a.title, label(a.source), label(a.status),
               ", ".join(part for part in (a.parent_name, a.parent_contact) if part) or none, a.note or none]
              for a in applications])
    enrollments = _enrollments(pupil)
    _section(document, _("4. Заявки и зачисления"),
             [_("Программа"), _("Организация"), _("Группа"), _("Состояние"), _("Заявка"), _("Решение"),
              _("Причина отказа")],
             [[e.title, e.provider, e.group or none, label(e.status), ru_date(e.sent_at), ru_date(e.decided_at) or none,
               e.decline_reason or none] for e in enrollments])
    titles = {e.id: e.title for e in enrollments}
    _section(document, _("5. Посещаемость и отметки по занятиям"),
             [_("Программа"), _("Дата"), _("Тема"), _("Посещаемость"), _("Отметка")],
             [[titles.get(m.enrollment_id, ""), ru_date(m.held_on), m.topic or none, label(m.attendance) or none,
               str(GRADE_LABELS.get(m.grade, m.grade)) if m.grade else none]
              for m in _marks(list(titles), pupil.institution_id)])
    _section(document, _("6. Документы об обучении"),
             [_("Номер"), _("Дата выдачи"), _("Программа"), _("Часов"), _("Результат")],
             [[f"{c.year}-{c.number:04d}", ru_date(c.issued_on), c.programme_title, str(c.hours), c.result]
              for c in _certificates(list(titles))])
    reads = db.session.execute(reads_query(pupil.id)).all()
    _section(document, _("7. Просмотры данных другими учреждениями"),
             [_("Когда"), _("Кто просматривал"), _("Учреждение"), _("Что просмотрено")],
             [[ru_datetime(r.read_at), r.reader_name or none, r.reader_institution or none,
               kind_label(r.kind) + (f" (№ {r.object_id})" if r.object_id else "")] for r in reads])
    from workspace.growth.queries import school_achievements  # noqa: PLC0415  (growth imports this area)
    _section(document, _("8. Достижения"),
             [_("Дата"), _("Достижение"), _("Вид, уровень"), _("Результат"), _("Кто внёс")],
             [[ru_date(a.achieved_on), a.title, f"{label(a.kind)}, {label(a.level)}", label(a.result), a.recorder]
              for a in db.session.execute(school_achievements(pupil.id)).all()])
    document.add_paragraph(_("Сведения сформированы %(date)s по запросу родителя (законного представителя).",
                             date=ru_datetime(utcnow())))
    return document_bytes(document)
