"""The home school's registry of its pupils: personal data of minors, private to the school.

Another institution never reads this table (the tenancy scope keeps it to its owner); a provider sees
a pupil only through the copies an enrollment carries (name and class, see programmes.models).

Personal-data duties (152-ФЗ) kept beside the registry, all owned by the home school:
``PupilConsent`` — what a parent consented to, and its withdrawal (without an active consent to
processing the pupil is not sent to a provider); ``PupilRead`` — one row per pupil each time another
institution read the pupil's data (written by ``pupils.reads.record_pupil_reads``, append-only).
An erased or expired pupil keeps its row, depersonalised (``is_depersonalised``), see ``pupils.erasure``.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

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
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import InstitutionOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register, stored_label
from workspace.core.models import CreatedAtMixin, db_enum, utcnow
from workspace.core.text import keep_search_text
from workspace.extensions import db


class Pupil(InstitutionOwned, CreatedAtMixin, db.Model):
    __tablename__ = "pupils"
    __table_args__ = (
        UniqueConstraint("id", "institution_id"),
        Index("ix_pupils_institution_id_surname", "institution_id", "surname", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    surname: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str] = mapped_column(String(100), default="")
    class_label: Mapped[str] = mapped_column(String(20), default="")  # «5А»
    grade: Mapped[int | None] = mapped_column(SmallInteger)  # 5 for «5А»
    birth_on: Mapped[date | None] = mapped_column(Date)
    parent_name: Mapped[str] = mapped_column(String(200), default="")
    parent_phone: Mapped[str] = mapped_column(String(60), default="")
    parent_email: Mapped[str] = mapped_column(String(254), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    search_text: Mapped[str] = mapped_column(String(400), default="")  # kept by keep_search_text() below
    # Erased at a parent's request or past the retention period: the row stays (keys and counts hold).
    is_depersonalised: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    depersonalised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)

    def audit_label(self) -> str:
        return f"{self.surname} {self.name}".strip()


class ConsentPurpose(enum.Enum):
    PROCESSING = "processing"    # the one that allows sending the pupil to a provider
    PHOTO_VIDEO = "photo_video"
    OTHER = "other"


class PupilConsent(InstitutionOwned, CreatedAtMixin, db.Model):
    """A parent's (legal representative's) consent for one purpose, and its withdrawal."""

    __tablename__ = "pupil_consents"
    __table_args__ = (
        ForeignKeyConstraint(["pupil_id", "institution_id"], ["pupils.id", "pupils.institution_id"],
                             ondelete="CASCADE"),
        Index("ix_pupil_consents_institution_id_pupil_id", "institution_id", "pupil_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[ConsentPurpose] = mapped_column(db_enum(ConsentPurpose, "consent_purpose"))
    purpose_note: Mapped[str] = mapped_column(String(300), default="")  # what «other» means
    given_by: Mapped[str] = mapped_column(String(200), default="")
    given_on: Mapped[date] = mapped_column(Date)
    document: Mapped[str] = mapped_column(String(300), default="")
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"))
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_by: Mapped[str] = mapped_column(String(200), default="")
    withdrawal_note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    def audit_label(self) -> str:
        return f"{self.purpose.value} № {self.id}"

    @staticmethod
    def audit_label_shown(stored: str) -> str:
        """The history keeps «processing № 5»; its page names the purpose in the reader's language."""
        purpose, mark, number = stored.partition(" № ")
        return f"{stored_label(ConsentPurpose, purpose)}{mark}{number}"


class PupilRead(InstitutionOwned, db.Model):
    """Another institution read this pupil's data (owned by the pupil's school; appended, never changed).
    ``kind`` says what was read (``pupils.reads.READ_KINDS``) and ``object_id`` which request, group or
    certificate. Ids and the reader only: nothing of the pupil is copied here."""

    __tablename__ = "pupil_reads"
    __table_args__ = (
        ForeignKeyConstraint(["pupil_id", "institution_id"], ["pupils.id", "pupils.institution_id"],
                             ondelete="CASCADE"),
        Index("ix_pupil_reads_institution_id_pupil_id_read_at", "institution_id", "pupil_id", "read_at"),
        Index("ix_pupil_reads_institution_id_read_at", "institution_id", "read_at"),
        {"implicit_returning": False},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(Integer)
    reader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reader_name: Mapped[str] = mapped_column(String(200), default="")
    reader_institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int | None] = mapped_column(Integer)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


register({
    ConsentPurpose.PROCESSING: _l("обработка персональных данных для обучения по сетевой программе"),
    ConsentPurpose.PHOTO_VIDEO: _l("публикация фото и видео"),
    ConsentPurpose.OTHER: _l("иное"),
})


keep_search_text(Pupil, "surname", "name", "patronymic", "class_label")


def grade_of(class_label: str) -> int | None:
    """«5А» → 5, «11 Б» → 11; None when the label does not start with a number 1–11."""
    digits = ""
    for char in class_label.strip():
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits and 1 <= int(digits) <= 11 else None
