"""The home school's registry of its pupils: personal data of minors, private to the school.

Another institution never reads this table (the tenancy scope keeps it to its owner); a provider sees
a pupil only through the copies an enrollment carries (name and class, see programmes.models).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Index, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import InstitutionOwned
from workspace.core.text import keep_search_text
from workspace.core.models import CreatedAtMixin
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
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)

    def audit_label(self) -> str:
        return f"{self.surname} {self.name}".strip()


keep_search_text(Pupil, "surname", "name", "patronymic", "class_label")


def grade_of(class_label: str) -> int | None:
    """«5А» → 5, «11 Б» → 11; None when the label does not start with a number 1–11."""
    digits = ""
    for char in class_label.strip():
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits and 1 <= int(digits) <= 11 else None
