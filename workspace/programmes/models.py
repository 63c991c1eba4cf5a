"""Network programmes, their groups and schedule, and the enrollment flow.

Flow: a parent's application (``Application``, private to the home school) → the school's request to
the provider (``EnrollmentRequest``, network-owned) carrying one ``Enrollment`` per pupil → the provider
accepts (into a group, or onto the waiting list beyond capacity) or declines with a reason.

Teachers: a group has one teacher (``Group.teacher_id``, a user of the provider); a programme's
teachers are the teachers of its groups (no separate programme ↔ teacher table).

An ``Enrollment`` carries copies of the pupil's name and class: the provider reads only those, never
the ``pupils`` table (owned by the home school, out of the provider's scope), so no contacts or birth
date ever reach it. Child rows reach their parent through (id, network_id) composite keys.
"""
from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, synonym
from sqlalchemy.orm.util import identity_key

from tenants.scoping import InstitutionOwned, NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.text import keep_search_text
from workspace.extensions import db


class Direction(enum.Enum):
    TECHNICAL = "technical"
    NATURAL_SCIENCE = "natural_science"
    SPORT = "sport"
    ART = "art"
    TOURISM = "tourism"
    SOCIAL = "social"


class GradeScale(enum.Enum):
    FIVE_POINT = "five_point"
    PASS_FAIL = "pass_fail"
    LEVELS = "levels"


class ApplicationSource(enum.Enum):
    MANUAL = "manual"
    PUBLIC = "public"


class ApplicationStatus(enum.Enum):
    NEW = "new"            # arrived (public form), pupil not yet matched
    ACCEPTED = "accepted"  # matched to a pupil of the registry, ready for a request
    SENT = "sent"          # included in a request to the provider
    REJECTED = "rejected"  # turned down by the school (duplicate, wrong school…)


class RequestStatus(enum.Enum):
    SENT = "sent"
    ANSWERED = "answered"  # every pupil of it decided


class EnrollmentStatus(enum.Enum):
    REQUESTED = "requested"
    ENROLLED = "enrolled"
    WAITING = "waiting"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"


# Enrollments that hold a place (count against the capacity).
HOLDING_PLACE = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
# Enrollments still alive: a pupil cannot be requested twice for one programme while one exists.
ACTIVE = (EnrollmentStatus.REQUESTED, EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITING)


class Programme(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "programmes"
    __table_args__ = (UniqueConstraint("id", "network_id"),
                      Index("ix_programmes_network_id_title", "network_id", "title"),
                      # the chronicle reads a network's newest first and stops at a page
                      Index("ix_programmes_network_id_published_at", "network_id", "published_at", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"),
                                                         index=True)
    title: Mapped[str] = mapped_column(String(300))
    direction: Mapped[Direction] = mapped_column(db_enum(Direction, "programme_direction"))
    description: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[int] = mapped_column(Integer, default=0)
    grade_min: Mapped[int] = mapped_column(SmallInteger, default=1)
    grade_max: Mapped[int] = mapped_column(SmallInteger, default=11)
    capacity: Mapped[int] = mapped_column(Integer, default=15)
    grade_scale: Mapped[GradeScale] = mapped_column(db_enum(GradeScale, "grade_scale"), default=GradeScale.FIVE_POINT)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    is_published: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    search_text: Mapped[str] = mapped_column(String(400), default="")  # kept by keep_search_text() below
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title


keep_search_text(Programme, "title")


class Group(NetworkOwned, CreatedAtMixin, db.Model):
    """A network group (сетевая группа) of a programme, taught by one teacher of the provider."""

    __tablename__ = "network_groups"
    __table_args__ = (
        ForeignKeyConstraint(["programme_id", "network_id"], ["programmes.id", "programmes.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(Integer, index=True)
    provider_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"),
                                                         index=True)
    name: Mapped[str] = mapped_column(String(200))
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=15)
    # Teacher load «Согласовано»: set by the provider's admin.
    load_agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    load_agreed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.name

    def audit_subject(self):
        return Programme, self.programme_id


class ScheduleSlot(NetworkOwned, db.Model):
    __tablename__ = "schedule_slots"
    __table_args__ = (
        ForeignKeyConstraint(["group_id", "network_id"], ["network_groups.id", "network_groups.network_id"],
                             ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(Integer, index=True)
    weekday: Mapped[int] = mapped_column(SmallInteger)  # 0 = Monday
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")

    def audit_label(self) -> str:
        return f"{WEEKDAYS[self.weekday]}, {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def audit_subject(self):
        return Group, self.group_id


class Application(InstitutionOwned, CreatedAtMixin, db.Model):
    """A parent's application (заявление), owned by the home school.

    From the public form it arrives with the pupil's name and class as typed (``pupil_id`` empty);
    the coordinator matches it to the registry (or creates the pupil)."""

    __tablename__ = "applications"
    __table_args__ = (
        ForeignKeyConstraint(["pupil_id", "institution_id"], ["pupils.id", "pupils.institution_id"],
                             ondelete="CASCADE"),
        Index("ix_applications_institution_id_status", "institution_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int | None] = mapped_column(Integer, index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    submitted_on: Mapped[date] = mapped_column(Date)
    has_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[ApplicationSource] = mapped_column(db_enum(ApplicationSource, "application_source"),
                                                      default=ApplicationSource.MANUAL)
    pupil_full_name: Mapped[str] = mapped_column(String(300), default="")  # as typed on the public form
    class_label: Mapped[str] = mapped_column(String(20), default="")
    parent_name: Mapped[str] = mapped_column(String(200), default="")
    parent_contact: Mapped[str] = mapped_column(String(254), default="")
    status: Mapped[ApplicationStatus] = mapped_column(db_enum(ApplicationStatus, "application_status"),
                                                      default=ApplicationStatus.NEW)
    note: Mapped[str] = mapped_column(Text, default="")
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id", ondelete="SET NULL"))
    # Public form only: a hash of the sender's address, for the hourly limit (never the address itself).
    client_hash: Mapped[str] = mapped_column(String(64), default="", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.pupil_full_name or f"№ {self.id}"


class EnrollmentRequest(NetworkOwned, CreatedAtMixin, db.Model):
    """A school's request (заявка) to a provider: one programme, a list of pupils."""

    __tablename__ = "enrollment_requests"
    __table_args__ = (
        ForeignKeyConstraint(["programme_id", "network_id"], ["programmes.id", "programmes.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    home_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int] = mapped_column(Integer, index=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[RequestStatus] = mapped_column(db_enum(RequestStatus, "request_status"),
                                                  default=RequestStatus.SENT)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    sent_by = synonym("sent_by_id")

    __mapper_args__ = {"version_id_col": version}

    # What the history says of a request to those who may not read its pupils (audit.privacy).
    audit_impersonal_label = _l("%(school)s")

    def audit_label(self) -> str:
        return f"Заявка № {self.id}"

    def audit_subject(self):
        return Programme, self.programme_id

    def audit_pupil_owners(self, session: Session) -> tuple[int, int | None]:
        """The request lists pupils: its history is the home school's and the provider's (audit.privacy)."""
        return self.home_institution_id, provider_of(session, self.programme_id)


class Enrollment(NetworkOwned, CreatedAtMixin, db.Model):
    """One pupil in one programme. ``pupil_name``/``class_label`` are what the provider sees."""

    __tablename__ = "enrollments"
    __table_args__ = (
        ForeignKeyConstraint(["request_id", "network_id"], ["enrollment_requests.id", "enrollment_requests.network_id"],
                             ondelete="CASCADE"),
        ForeignKeyConstraint(["programme_id", "network_id"], ["programmes.id", "programmes.network_id"],
                             ondelete="CASCADE"),
        ForeignKeyConstraint(["group_id", "network_id"], ["network_groups.id", "network_groups.network_id"]),
        UniqueConstraint("id", "network_id"),
        Index("ix_enrollments_programme_id_status", "programme_id", "status"),
        Index("ix_enrollments_home_institution_id_pupil_id", "home_institution_id", "pupil_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(Integer, index=True)
    programme_id: Mapped[int] = mapped_column(Integer)
    group_id: Mapped[int | None] = mapped_column(Integer, index=True)
    home_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="RESTRICT"), index=True)
    pupil_name: Mapped[str] = mapped_column(String(300))   # «Фамилия Имя Отчество», a copy
    class_label: Mapped[str] = mapped_column(String(20), default="")  # a copy
    status: Mapped[EnrollmentStatus] = mapped_column(db_enum(EnrollmentStatus, "enrollment_status"),
                                                     default=EnrollmentStatus.REQUESTED)
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    waiting_position: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return f"{self.pupil_name} ({self.class_label})"

    def audit_subject(self):
        return Programme, self.programme_id

    def audit_pupil_owners(self, session: Session) -> tuple[int, int | None]:
        return self.home_institution_id, provider_of(session, self.programme_id)


def provider_of(session: Session, programme_id: int) -> int | None:
    """A programme's provider, from the session when the handler loaded the programme (it usually has)."""
    loaded = session.identity_map.get(identity_key(Programme, programme_id))
    if loaded is not None:
        return loaded.provider_institution_id
    table = Programme.__table__
    return session.connection().scalar(select(table.c.provider_institution_id).where(table.c.id == programme_id))


class AttestationKind(enum.Enum):
    INTERMEDIATE = "intermediate"
    FINAL = "final"


class AttestationForm(enum.Enum):
    CREDIT = "credit"
    PROJECT = "project"
    EXHIBITION = "exhibition"
    COMPETITION = "competition"
    CONCERT = "concert"
    TEST = "test"
    OTHER = "other"


class Attestation(NetworkOwned, CreatedAtMixin, db.Model):
    """A form and date of intermediate or final attestation of a programme (зачёт, защита проекта…), set by
    the provider's managers on the programme page. Its results per pupil are ``journal.AttestationResult``."""

    __tablename__ = "attestations"
    __table_args__ = (
        ForeignKeyConstraint(["programme_id", "network_id"], ["programmes.id", "programmes.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("id", "network_id"),
        Index("ix_attestations_programme_id", "programme_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[AttestationKind] = mapped_column(db_enum(AttestationKind, "attestation_kind"))
    form: Mapped[AttestationForm] = mapped_column(db_enum(AttestationForm, "attestation_form"))
    title: Mapped[str] = mapped_column(String(200), default="")  # «другое»: what it is
    held_on: Mapped[date] = mapped_column(Date)

    def audit_label(self) -> str:
        return f"{self.held_on:%d.%m.%Y} {self.title}".strip()

    def audit_subject(self):
        return Programme, self.programme_id


register({
    AttestationKind.INTERMEDIATE: _l("промежуточная"),
    AttestationKind.FINAL: _l("итоговая"),
    AttestationForm.CREDIT: _l("зачёт"),
    AttestationForm.PROJECT: _l("защита проекта"),
    AttestationForm.EXHIBITION: _l("выставка"),
    AttestationForm.COMPETITION: _l("соревнование"),
    AttestationForm.CONCERT: _l("концерт"),
    AttestationForm.TEST: _l("тестирование"),
    AttestationForm.OTHER: _l("другое"),
})

register({
    Direction.TECHNICAL: _l("техническая"),
    Direction.NATURAL_SCIENCE: _l("естественнонаучная"),
    Direction.SPORT: _l("физкультурно-спортивная"),
    Direction.ART: _l("художественная"),
    Direction.TOURISM: _l("туристско-краеведческая"),
    Direction.SOCIAL: _l("социально-гуманитарная"),
    GradeScale.FIVE_POINT: _l("пятибалльная"),
    GradeScale.PASS_FAIL: _l("зачёт / незачёт"),
    GradeScale.LEVELS: _l("уровни (высокий, средний, низкий)"),
    ApplicationSource.MANUAL: _l("записано в школе"),
    ApplicationSource.PUBLIC: _l("с сайта (каталог)"),
    ApplicationStatus.NEW: _l("новое"),
    ApplicationStatus.ACCEPTED: _l("принято"),
    ApplicationStatus.SENT: _l("включено в заявку"),
    ApplicationStatus.REJECTED: _l("отклонено"),
    RequestStatus.SENT: _l("отправлена"),
    RequestStatus.ANSWERED: _l("рассмотрена"),
    EnrollmentStatus.REQUESTED: _l("на рассмотрении"),
    EnrollmentStatus.ENROLLED: _l("зачислен"),
    EnrollmentStatus.WAITING: _l("в листе ожидания"),
    EnrollmentStatus.DECLINED: _l("отказано"),
    EnrollmentStatus.WITHDRAWN: _l("отчислен"),
    EnrollmentStatus.COMPLETED: _l("окончил обучение"),
})

WEEKDAYS = (_l("понедельник"), _l("вторник"), _l("среда"), _l("четверг"), _l("пятница"), _l("суббота"),
            _l("воскресенье"))
