"""Erasure of a pupil's personal data: a parent's request (the school's erasure page) or the end of the
retention period (``flask depersonalise``, ``pupils.retention``). One way to do it, here.

Everything personal goes, everywhere: the registry row (names, birth date, parents' contacts, search text)
becomes the placeholder «Обучающийся удалён (№ 17)» with ``is_depersonalised`` set, kept so that keys and
counts hold; the copies on enrollments (name, class, refusal reason) and certificates (name, class, search
text); applications (names, class, parent and contact, note); consents (who, document, notes); and the audit
history of all of them (``audit.erasure``). The pupil's growth is deleted outright: achievements (whoever
recorded them) with their scans, and the school's flags (``growth.erasure``). Kept: ids, statuses, dates, the
read records (ids and readers only), the marks — attendance and grades stay, so a group's figures and the
numbers of pupils do not change.

Writes are Core UPDATEs keyed by the school (no ORM flush: the audit listener would copy the old values
into a new entry); one audit entry per pupil says who erased it and when, and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, bindparam, cast, insert, literal, select, update

from workspace.audit.erasure import depersonalise_audit_entries
from workspace.audit.models import InstitutionAuditEntry
from workspace.audit.recorder import actor
from workspace.core.models import utcnow
from workspace.core.text import search_text
from workspace.extensions import db
from workspace.journal.models import Certificate
from workspace.programmes.models import Application, Enrollment
from workspace.pupils.models import Pupil, PupilConsent

PLACEHOLDER = "Обучающийся удалён (№ {id})"  # stored data, the same text migration 0022 writes on PostgreSQL


def placeholder(pupil_id: int) -> str:
    return PLACEHOLDER.format(id=pupil_id)


def _placeholder_of(column):
    prefix, suffix = PLACEHOLDER.split("{id}")
    return literal(prefix) + cast(column, String) + literal(suffix)


@dataclass
class Erased:
    pupils: int = 0
    enrollments: int = 0
    certificates: int = 0
    applications: int = 0
    audit_entries: int = 0
    achievements: int = 0

    def add(self, other: Erased) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def depersonalise_enrollments(school_id: int, enrollment_ids: list[int]) -> Erased:
    """The copies a finished enrollment carries (and its certificate, and their history)."""
    connection = db.session.connection()
    done = Erased()
    rows = connection.execute(select(Enrollment.__table__.c.id, Enrollment.__table__.c.pupil_id).where(
        Enrollment.__table__.c.home_institution_id == school_id,
        Enrollment.__table__.c.id.in_(sorted(enrollment_ids)))).all()
    if not rows:
        return done
    enrollments = Enrollment.__table__
    done.enrollments = connection.execute(
        update(enrollments).where(enrollments.c.id.in_([row.id for row in rows]))
        .values(pupil_name=_placeholder_of(enrollments.c.pupil_id), class_label="", decline_reason="")).rowcount
    certificates = Certificate.__table__
    issued = connection.execute(select(certificates.c.id, certificates.c.enrollment_id, certificates.c.programme_title,
                                       certificates.c.year, certificates.c.number)
                                .where(certificates.c.enrollment_id.in_([row.id for row in rows]))).all()
    pupil_of = {row.id: row.pupil_id for row in rows}
    if issued:
        connection.execute(
            update(certificates).where(certificates.c.id == bindparam("certificate_id"))
            .values(pupil_name=bindparam("name"), class_label="", search_text=bindparam("search")),
            [{"certificate_id": c.id, "name": placeholder(pupil_of[c.enrollment_id]),
              "search": search_text(placeholder(pupil_of[c.enrollment_id]), c.programme_title,
                                       f"{c.year}-{c.number:04d}")} for c in issued])
        done.certificates = len(issued)
    for pupil_id in sorted(set(pupil_of.values())):
        done.audit_entries += depersonalise_audit_entries(pupil_id, placeholder(pupil_id), {
            "Enrollment": [row.id for row in rows if row.pupil_id == pupil_id],
            "Certificate": [c.id for c in issued if pupil_of[c.enrollment_id] == pupil_id]})
    return done


def depersonalise_pupils(school_id: int, pupil_ids: list[int]) -> Erased:
    """Erase the pupils of one school: the registry, applications, consents, enrollments, certificates, history."""
    connection = db.session.connection()
    ids = sorted(set(pupil_ids))
    done = Erased()
    if not ids:
        return done
    pupils, applications, consents = Pupil.__table__, Application.__table__, PupilConsent.__table__
    now = utcnow()
    done.pupils = connection.execute(
        update(pupils).where(pupils.c.institution_id == school_id, pupils.c.id.in_(ids))
        .values(surname=_placeholder_of(pupils.c.id), name="", patronymic="", birth_on=None, parent_name="",
                parent_phone="", parent_email="", search_text="", is_active=False, is_depersonalised=True,
                depersonalised_at=now, version=pupils.c.version + 1)).rowcount
    application_rows = connection.execute(select(applications.c.id, applications.c.pupil_id).where(
        applications.c.institution_id == school_id, applications.c.pupil_id.in_(ids))).all()
    if application_rows:
        done.applications = connection.execute(
            update(applications).where(applications.c.id.in_([row.id for row in application_rows]))
            .values(pupil_full_name=_placeholder_of(applications.c.pupil_id), class_label="", parent_name="",
                    parent_contact="", note="", client_hash="", version=applications.c.version + 1)).rowcount
    consent_rows = connection.execute(select(consents.c.id, consents.c.pupil_id).where(
        consents.c.institution_id == school_id, consents.c.pupil_id.in_(ids))).all()
    if consent_rows:
        connection.execute(update(consents).where(consents.c.id.in_([row.id for row in consent_rows]))
                           .values(given_by="", document="", purpose_note="", withdrawn_by="", withdrawal_note="",
                                   version=consents.c.version + 1))
    # a real cycle: the growth package registers views that load pupils (growth.access → pupils.queries)
    from workspace.growth.erasure import delete_growth  # noqa: PLC0415
    done.achievements = delete_growth(school_id, ids)
    enrollment_ids = list(connection.scalars(select(Enrollment.__table__.c.id).where(
        Enrollment.__table__.c.home_institution_id == school_id, Enrollment.__table__.c.pupil_id.in_(ids))))
    done.add(depersonalise_enrollments(school_id, enrollment_ids))
    actor_id, actor_name = actor()
    for pupil_id in ids:
        done.audit_entries += depersonalise_audit_entries(pupil_id, placeholder(pupil_id), {
            "Pupil": [pupil_id],
            "Application": [row.id for row in application_rows if row.pupil_id == pupil_id],
            "PupilConsent": [row.id for row in consent_rows if row.pupil_id == pupil_id]})
    connection.execute(insert(InstitutionAuditEntry.__table__), [
        {"created_at": now, "actor_id": actor_id, "actor_name": actor_name, "action": "changed",
         "object_type": "Pupil", "object_id": pupil_id, "object_label": placeholder(pupil_id),
         "changes": {"depersonalised": [None, True]}, "institution_id": school_id} for pupil_id in ids])
    db.session.expire_all()  # the identity map may hold the rows as they were
    return done
