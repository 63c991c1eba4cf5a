"""What happened at an event: dates held, participants by institution and class, summary, files."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, ForeignKeyConstraint, Integer, SmallInteger, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.models import CreatedAtMixin
from workspace.core.stored_files import StoredFile
from workspace.extensions import db
from workspace.plans.models import PlanItem


class EventReport(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "event_reports"
    __table_args__ = (
        ForeignKeyConstraint(["item_id", "network_id"], ["plan_items.id", "plan_items.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("item_id"),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(Integer)
    held_from: Mapped[date] = mapped_column(Date)
    held_to: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return "Отчёт о проведении"

    def audit_subject(self):
        return PlanItem, self.item_id


class EventParticipation(NetworkOwned, db.Model):
    """How many took part, counted by institution and (for schools) by class or a range of classes:
    ``grade`` is the class, or the first of the range that ends at ``grade_to``."""

    __tablename__ = "event_participations"
    __table_args__ = (
        ForeignKeyConstraint(["report_id", "network_id"], ["event_reports.id", "event_reports.network_id"],
                             ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    grade: Mapped[int | None] = mapped_column(SmallInteger)
    grade_to: Mapped[int | None] = mapped_column(SmallInteger)
    count: Mapped[int] = mapped_column(Integer)

    @property
    def classes(self) -> str:
        return classes_label(self.grade, self.grade_to)


def classes_label(grade: int | None, grade_to: int | None) -> str:
    """«5», «1–4» (an en dash between), or «» for a row without classes."""
    if grade is None:
        return ""
    return f"{grade}–{grade_to}" if grade_to and grade_to != grade else str(grade)


class EventFile(NetworkOwned, StoredFile, db.Model):
    """A photo or a scan, kept in the database: backed up, scoped and row-level secured like the rest."""

    __tablename__ = "event_files"
    __table_args__ = (
        ForeignKeyConstraint(["report_id", "network_id"], ["event_reports.id", "event_reports.network_id"],
                             ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(Integer, index=True)

    def audit_subject(self):
        return EventReport, self.report_id
