"""Lessons of a network group, one mark per (lesson, enrollment), certificates of completion.

A ``Mark`` carries ``home_institution_id`` and ``group_id`` copied from its enrollment so that a school's
report and a council's aggregates filter marks without joining enrollments. Marks are written by an
upsert (``journal.grid.save_mark``): last write wins per cell, and the mark records who and when.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import InstitutionOwned, NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.text import keep_search_text
from workspace.extensions import db
from workspace.programmes.models import Group


class Attendance(enum.Enum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


class Lesson(NetworkOwned, CreatedAtMixin, db.Model):
    """One lesson (занятие) of a group: generated from the schedule, editable by the group's teacher."""

    __tablename__ = "lessons"
    __table_args__ = (
        ForeignKeyConstraint(["group_id", "network_id"], ["network_groups.id", "network_groups.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("id", "network_id"),
        Index("ix_lessons_group_id_held_on", "group_id", "held_on"),
        Index("ix_lessons_held_on", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(300), default="")
    hours: Mapped[int] = mapped_column(SmallInteger, default=1)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return f"{self.held_on:%d.%m.%Y} {self.topic}".strip()

    def audit_subject(self):
        return Group, self.group_id


class Mark(NetworkOwned, db.Model):
    """Attendance and a grade of one pupil (enrollment) at one lesson. ``grade`` is a value of the
    programme's scale: "2".."5", "pass"/"fail" or "high"/"medium"/"low" (see ``journal.scales``)."""

    __tablename__ = "marks"
    __table_args__ = (
        ForeignKeyConstraint(["lesson_id", "network_id"], ["lessons.id", "lessons.network_id"], ondelete="CASCADE"),
        ForeignKeyConstraint(["enrollment_id", "network_id"], ["enrollments.id", "enrollments.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("lesson_id", "enrollment_id"),
        Index("ix_marks_enrollment_id", "enrollment_id"),
        Index("ix_marks_group_id", "group_id"),
        Index("ix_marks_home_institution_id_lesson_id", "home_institution_id", "lesson_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(Integer)
    enrollment_id: Mapped[int] = mapped_column(Integer)
    group_id: Mapped[int] = mapped_column(Integer)  # copied from the lesson
    home_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))  # a copy
    attendance: Mapped[Attendance | None] = mapped_column(db_enum(Attendance, "attendance"))
    grade: Mapped[str | None] = mapped_column(String(10))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class AttestationResult(NetworkOwned, db.Model):
    """A pupil's (enrollment's) result of one attestation of the programme: «pass»/«fail» or a grade of the
    programme's scale (``journal.scales``). Copies ``group_id`` and ``home_institution_id`` as a mark does."""

    __tablename__ = "attestation_results"
    __table_args__ = (
        ForeignKeyConstraint(["attestation_id", "network_id"], ["attestations.id", "attestations.network_id"],
                             ondelete="CASCADE"),
        ForeignKeyConstraint(["enrollment_id", "network_id"], ["enrollments.id", "enrollments.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("attestation_id", "enrollment_id"),
        Index("ix_attestation_results_group_id", "group_id"),
        Index("ix_attestation_results_enrollment_id", "enrollment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attestation_id: Mapped[int] = mapped_column(Integer)
    enrollment_id: Mapped[int] = mapped_column(Integer)
    group_id: Mapped[int] = mapped_column(Integer)
    home_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    result: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class CertificateKind(enum.Enum):
    CERTIFICATE = "certificate"   # сертификат (свидетельство) об обучении
    STATEMENT = "statement"       # справка об обучении: the final attestation not passed


class Certificate(NetworkOwned, CreatedAtMixin, db.Model):
    """A document of completion (документ об обучении). Numbered per provider and calendar year:
    ``number`` runs 1, 2, 3… within (provider, year); shown as «2027-0001». The pupil's name, class,
    programme, hours and result are copied at issue: the document does not change afterwards."""

    __tablename__ = "certificates"
    __table_args__ = (
        ForeignKeyConstraint(["enrollment_id", "network_id"], ["enrollments.id", "enrollments.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("provider_institution_id", "kind", "year", "number"),
        UniqueConstraint("enrollment_id"),
        Index("ix_certificates_provider_institution_id_issued_on", "provider_institution_id", "issued_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CertificateKind] = mapped_column(db_enum(CertificateKind, "certificate_kind"),
                                                  default=CertificateKind.CERTIFICATE,
                                                  server_default=CertificateKind.CERTIFICATE.value)
    provider_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    home_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    enrollment_id: Mapped[int] = mapped_column(Integer)
    group_id: Mapped[int] = mapped_column(Integer, index=True)
    year: Mapped[int] = mapped_column(SmallInteger)
    number: Mapped[int] = mapped_column(Integer)
    pupil_name: Mapped[str] = mapped_column(String(300))
    class_label: Mapped[str] = mapped_column(String(20), default="")
    programme_title: Mapped[str] = mapped_column(String(300))
    hours: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str] = mapped_column(String(200), default="")
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    search_text: Mapped[str] = mapped_column(String(700), default="")  # kept by keep_search_text() below

    @property
    def label(self) -> str:
        prefix = "С-" if self.kind is CertificateKind.STATEMENT else ""
        return f"{prefix}{self.year}-{self.number:04d}"

    def audit_label(self) -> str:
        return f"№ {self.label} {self.pupil_name}"

    def audit_subject(self):
        return Group, self.group_id

    def audit_pupil_owners(self, _session) -> tuple[int, int]:
        """A certificate names its pupil: shown in full to the home school and the provider (audit.privacy)."""
        return self.home_institution_id, self.provider_institution_id


keep_search_text(Certificate, "pupil_name", "programme_title", "label")


class CertificateCounter(InstitutionOwned, db.Model):
    """The last certificate number a provider gave in a year, across all its networks: the numbers of a
    provider run on even where one network cannot see the certificates of another."""

    __tablename__ = "certificate_counters"
    __table_args__ = (UniqueConstraint("institution_id", "kind", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CertificateKind] = mapped_column(db_enum(CertificateKind, "certificate_kind"),
                                                  default=CertificateKind.CERTIFICATE,
                                                  server_default=CertificateKind.CERTIFICATE.value)
    year: Mapped[int] = mapped_column(SmallInteger)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


register({
    Attendance.PRESENT: _l("присутствовал"),
    Attendance.ABSENT: _l("отсутствовал"),
    Attendance.EXCUSED: _l("уважительная причина"),
    CertificateKind.CERTIFICATE: _l("сертификат об обучении"),
    CertificateKind.STATEMENT: _l("справка об обучении"),
})
