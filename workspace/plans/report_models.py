"""What happened at an event: dates held, participants by institution and class, summary, files."""
from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.i18n import gettext as _
from workspace.core.models import CreatedAtMixin
from workspace.core.stored_files import StoredFile
from workspace.extensions import db
from workspace.plans.models import PlanItem

# Who took part (категории участников): pupils are counted by classes, the adults as a number per institution.
PUPILS, PARENTS, TEACHERS, OTHERS = "pupils", "parents", "teachers", "others"
CATEGORIES = (PUPILS, PARENTS, TEACHERS, OTHERS)


def category_labels() -> dict[str, str]:
    """category → its Russian name, in the order of CATEGORIES."""
    return {PUPILS: _("Обучающиеся"), PARENTS: _("Родители"), TEACHERS: _("Педагоги"), OTHERS: _("Другие взрослые")}


class EventReport(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "event_reports"
    __table_args__ = (
        ForeignKeyConstraint(["item_id", "network_id"], ["plan_items.id", "plan_items.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("item_id"),
        UniqueConstraint("id", "network_id"),
        # the chronicle reads a network's newest first and stops at a page (workspace.chronicle.registry)
        Index("ix_event_reports_network_id_held_to", "network_id", "held_to", "id"),
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
    """How many took part, counted by institution, category (pupils, parents, teachers, other adults — migration
    0041; rows without classes written before it are «others») and, for pupils, by a range of classes:
    ``grade_from`` to ``grade_to``, both equal for one class («7»), both None for a row without classes."""

    __tablename__ = "event_participations"
    __table_args__ = (
        ForeignKeyConstraint(["report_id", "network_id"], ["event_reports.id", "event_reports.network_id"],
                             ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    grade_from: Mapped[int | None] = mapped_column(SmallInteger)
    grade_to: Mapped[int | None] = mapped_column(SmallInteger)
    count: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(16), default=PUPILS, server_default=PUPILS)

    @property
    def category_label(self) -> str:
        return category_labels().get(self.category, self.category)

    @property
    def classes(self) -> str:
        """The classes as the form shows them back: «7», «1–4»."""
        return classes_text(self.grade_from, self.grade_to)

    @property
    def classes_label(self) -> str:
        """The classes as a report shows them: «7 кл.», «1–4 кл.»."""
        return classes_label(self.grade_from, self.grade_to)


def classes_text(grade_from: int | None, grade_to: int | None) -> str:
    """«5», «1–4» (an en dash between), or «» for a row without classes."""
    if grade_from is None:
        return ""
    return f"{grade_from}–{grade_to}" if grade_to and grade_to != grade_from else str(grade_from)


def classes_label(grade_from: int | None, grade_to: int | None) -> str:
    """«5 кл.», «1–4 кл.» (the plan's own words for an audience), or «» for a row without classes."""
    if grade_from is None:
        return ""
    if grade_to and grade_to != grade_from:
        return _("%(a)d–%(b)d кл.", a=grade_from, b=grade_to)
    return _("%(a)d кл.", a=grade_from)


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
