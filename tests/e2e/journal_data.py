"""A network group with a journal in the e2e database (until the demo's programmes are merged):
the school's teacher teaches three of its pupils; three lessons and a final attestation; no marks yet."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from tenants.models import Institution, Network
from workspace.accounts.models import User
from workspace.extensions import db
from workspace.journal.models import Lesson
from workspace.programmes.models import (
    Attestation,
    AttestationForm,
    AttestationKind,
    Direction,
    Enrollment,
    EnrollmentRequest,
    EnrollmentStatus,
    GradeScale,
    Group,
    Programme,
)
from workspace.pupils.models import Pupil, grade_of

TEACHER = "uchitel@sosh31.example"


def create_journal_group() -> dict:
    """Called unscoped by the live server fixture after the demo is loaded."""
    network = db.session.scalar(select(Network).where(Network.slug == "sosh31-kultura"))
    school = db.session.scalar(select(Institution).where(Institution.slug == "sosh31"))
    teacher = db.session.scalar(select(User).where(User.email == TEACHER))
    programme = Programme(network_id=network.id, provider_institution_id=school.id, title="Юный журналист",
                          direction=Direction.SOCIAL, hours=34, grade_scale=GradeScale.FIVE_POINT,
                          starts_on=date(2026, 9, 1), ends_on=date(2027, 5, 31))
    db.session.add(programme)
    db.session.flush()
    group = Group(network_id=network.id, programme_id=programme.id, provider_institution_id=school.id,
                  name="Журналисты-1", teacher_id=teacher.id)
    db.session.add(group)
    db.session.flush()
    request = EnrollmentRequest(network_id=network.id, home_institution_id=school.id, programme_id=programme.id,
                                sent_at=datetime(2026, 9, 5, tzinfo=UTC))
    db.session.add(request)
    db.session.flush()
    for surname, name in (("Андреева", "Мария"), ("Белов", "Илья"), ("Волкова", "Дарья")):
        pupil = Pupil(institution_id=school.id, surname=surname, name=name, patronymic="", class_label="6А",
                      grade=grade_of("6А"), parent_name="", parent_phone="", parent_email="")
        db.session.add(pupil)
        db.session.flush()
        db.session.add(Enrollment(network_id=network.id, request_id=request.id, programme_id=programme.id,
                                  group_id=group.id, home_institution_id=school.id, pupil_id=pupil.id,
                                  pupil_name=f"{surname} {name}", class_label="6А", status=EnrollmentStatus.ENROLLED))
    for day in (date(2026, 9, 8), date(2026, 9, 15), date(2026, 9, 22)):
        db.session.add(Lesson(network_id=network.id, group_id=group.id, held_on=day, topic="Тема", hours=1))
    db.session.add(Attestation(network_id=network.id, programme_id=programme.id, kind=AttestationKind.FINAL,
                               form=AttestationForm.PROJECT, held_on=date(2026, 9, 29)))
    db.session.commit()
    return {"journal_group": group.id}
