"""Retention of pupils' personal data (``flask --app wsgi depersonalise``; PUPIL_DATA_RETENTION_DAYS).

Past the period the personal data of finished enrollments (completed, withdrawn, declined) is
depersonalised (the copies on the enrollment and its certificate, and their history); a pupil no longer
active in the registry, with no live enrollment, and with nothing of theirs changed within the period, is
depersonalised like an erasure. Both through ``pupils.erasure``: one way to do it. Runs unscoped (the
command line), school by school.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from workspace.audit.models import InstitutionAuditEntry
from workspace.extensions import db
from workspace.journal.models import Certificate
from workspace.programmes.models import ACTIVE, Application, Enrollment, EnrollmentStatus, Programme
from workspace.pupils.erasure import Erased, depersonalise_enrollments, depersonalise_pupils, placeholder
from workspace.pupils.models import Pupil

FINISHED = (EnrollmentStatus.COMPLETED, EnrollmentStatus.WITHDRAWN, EnrollmentStatus.DECLINED)


@dataclass
class Expired:
    enrollments: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # school → ids
    pupils: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    @property
    def counts(self) -> tuple[int, int]:
        return sum(map(len, self.enrollments.values())), sum(map(len, self.pupils.values()))


def _day(value) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def expired(now: datetime, days: int) -> Expired:
    """What the period has passed for (call unscoped)."""
    cutoff = (now - timedelta(days=days)).date()
    found = Expired()
    finished: dict[int, date] = {}
    for enrollment_id, school_id, pupil_id, name, status, decided_at, created_at, ends_on, issued_on in db.session.execute(
            select(Enrollment.id, Enrollment.home_institution_id, Enrollment.pupil_id, Enrollment.pupil_name,
                   Enrollment.status, Enrollment.decided_at, Enrollment.created_at, Programme.ends_on,
                   Certificate.issued_on)
            .join(Programme, Programme.id == Enrollment.programme_id)
            .outerjoin(Certificate, Certificate.enrollment_id == Enrollment.id)
            .where(Enrollment.status.in_(FINISHED))):
        ended = max(day for day in (_day(decided_at), _day(created_at), issued_on,
                                    ends_on if status is EnrollmentStatus.COMPLETED else None) if day)
        finished[enrollment_id] = ended
        if ended < cutoff and name != placeholder(pupil_id):
            found.enrollments[school_id].append(enrollment_id)
    live = set(db.session.scalars(select(Enrollment.pupil_id).where(Enrollment.status.in_(ACTIVE))))
    last_enrollment = dict(db.session.execute(
        select(Enrollment.pupil_id, func.max(Enrollment.created_at)).group_by(Enrollment.pupil_id)).all())
    last_application = dict(db.session.execute(
        select(Application.pupil_id, func.max(Application.submitted_on)).where(Application.pupil_id.is_not(None))
        .group_by(Application.pupil_id)).all())
    last_change = dict(db.session.execute(
        select(InstitutionAuditEntry.object_id, func.max(InstitutionAuditEntry.at))
        .where(InstitutionAuditEntry.object_type == "Pupil").group_by(InstitutionAuditEntry.object_id)).all())
    ended_of_pupil: dict[int, date] = {}
    for enrollment_id, pupil_id in db.session.execute(select(Enrollment.id, Enrollment.pupil_id)
                                                      .where(Enrollment.status.in_(FINISHED))):
        ended_of_pupil[pupil_id] = max(ended_of_pupil.get(pupil_id, date.min), finished[enrollment_id])
    for pupil_id, school_id, created_at in db.session.execute(
            select(Pupil.id, Pupil.institution_id, Pupil.created_at)
            .where(Pupil.is_active.is_(False), Pupil.is_depersonalised.is_(False))):
        if pupil_id in live:
            continue
        latest = max(day for day in (_day(created_at), _day(last_enrollment.get(pupil_id)),
                                     last_application.get(pupil_id), _day(last_change.get(pupil_id)),
                                     ended_of_pupil.get(pupil_id)) if day)
        if latest < cutoff:
            found.pupils[school_id].append(pupil_id)
    return found


def depersonalise_expired(found: Expired) -> Erased:
    done = Erased()
    for school_id, pupil_ids in found.pupils.items():
        done.add(depersonalise_pupils(school_id, pupil_ids))
    erased = {pupil_id for ids in found.pupils.values() for pupil_id in ids}
    for school_id, enrollment_ids in found.enrollments.items():
        left = list(db.session.scalars(select(Enrollment.id).where(Enrollment.id.in_(enrollment_ids),
                                                                   Enrollment.pupil_id.not_in(erased))))
        done.add(depersonalise_enrollments(school_id, left))
    return done


def utc_now() -> datetime:
    return datetime.now(UTC)
