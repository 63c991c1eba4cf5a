"""Plans, their sections (one per partner, as real plans are written) and items.

Sections and items carry their network too, and reach their plan through a composite foreign key
(plan_id, network_id): a tampered id can never hang an item of one network under another's plan.
"""
from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import (
    Boolean,
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
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import text

from tenants.scoping import NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.import_preview import ImportDraft
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.text import keep_search_text
from workspace.extensions import db


class ItemStatus(enum.Enum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    MOVED = "moved"


class PlanStatus(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"


class Plan(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("network_id", "start_year"), UniqueConstraint("id", "network_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    start_year: Mapped[int] = mapped_column(Integer)  # the academic year start_year/start_year+1
    title: Mapped[str] = mapped_column(String(400))
    status: Mapped[PlanStatus] = mapped_column(db_enum(PlanStatus, "plan_status"), default=PlanStatus.DRAFT)
    # the search words of the title, kept by keep_search_text() below: what the global search matches
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title


class PlanSection(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "plan_sections"
    __table_args__ = (
        ForeignKeyConstraint(["plan_id", "network_id"], ["plans.id", "plans.network_id"], ondelete="CASCADE"),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(400))
    partner_institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # A section may go to the council on its own (the approvable kind "plan_section"), same values as the plan's.
    status: Mapped[PlanStatus] = mapped_column(db_enum(PlanStatus, "plan_section_status"), default=PlanStatus.DRAFT,
                                               server_default=PlanStatus.DRAFT.value)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title

    def audit_subject(self):
        return Plan, self.plan_id


class PlanItem(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "plan_items"
    __table_args__ = (
        ForeignKeyConstraint(["plan_id", "network_id"], ["plans.id", "plans.network_id"], ondelete="CASCADE"),
        ForeignKeyConstraint(["section_id", "network_id"], ["plan_sections.id", "plan_sections.network_id"],
                             ondelete="CASCADE"),
        # the row of the interaction model the event realises (workspace.networks.models): a row linked to
        # events cannot be deleted (the model's page refuses it first)
        ForeignKeyConstraint(["interaction_row_id", "network_id"],
                             ["interaction_rows.id", "interaction_rows.network_id"]),
        UniqueConstraint("id", "network_id"),
        # the desk's next events (planned, by start) and reports due (planned, by end): read in index order
        # and stopped at the first few, instead of sorting every item of the user's networks
        Index("ix_plan_items_status_starts_on", "status", "starts_on"),
        Index("ix_plan_items_status_ends_on", "status", "ends_on"),
        # the calendar reads a plan's items that meet a month (starts_on <= its last day, ends_on >= its first:
        # both in the index), its undated ones (starts_on IS NULL), and walks the periods of the few items of
        # several (workspace.calendar.queries._periods_of): within one plan, never across every network's items
        Index("ix_plan_items_plan_id_starts_on", "plan_id", "starts_on", "ends_on"),
        Index("ix_plan_items_several_periods", "plan_id", "starts_on", sqlite_where=text("periods != ''"),
              postgresql_where=text("periods != ''")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(Integer, index=True)
    section_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(String(200), default="")
    grade_from: Mapped[int | None] = mapped_column(SmallInteger)
    grade_to: Mapped[int | None] = mapped_column(SmallInteger)
    timing: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date | None] = mapped_column(Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(Date)
    # the periods when the timing names more than one («октябрь, март»): "2026-10-01/2026-10-31;2027-03-01/2027-03-31",
    # empty for one period (starts_on/ends_on span them all); written by workspace.plans.periods.apply_timing
    periods: Mapped[str] = mapped_column(Text, default="", server_default="")
    timing_is_read: Mapped[bool] = mapped_column(Boolean, default=True)
    responsible: Mapped[str] = mapped_column(Text, default="")
    report_form: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ItemStatus] = mapped_column(db_enum(ItemStatus, "item_status"), default=ItemStatus.PLANNED)
    # the interaction model's row («Социальный партнёр — Формы — Эффект») the event realises, and the form chosen
    # from that row's forms (its text; empty when no row or no form is named)
    interaction_row_id: Mapped[int | None] = mapped_column(Integer, index=True)
    interaction_form: Mapped[str] = mapped_column(String(300), default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    # the search words of the title and the responsible, kept by keep_search_text() below: what the global search matches
    # (folding in SQL costs ~20 µs a value on PostgreSQL, a Python call per value on SQLite)
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    section: Mapped[PlanSection] = relationship(lazy="raise", foreign_keys=[section_id],
                                                primaryjoin="PlanItem.section_id == PlanSection.id",
                                                viewonly=True)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title[:120]

    def audit_subject(self):
        return Plan, self.plan_id


keep_search_text(Plan, "title")
keep_search_text(PlanItem, "title", "responsible")


class PlanItemInstitution(NetworkOwned, db.Model):
    """An institution linked to an item: responsible for it, or a partner in it."""

    __tablename__ = "plan_item_institutions"
    __table_args__ = (
        ForeignKeyConstraint(["item_id", "network_id"], ["plan_items.id", "plan_items.network_id"], ondelete="CASCADE"),
        UniqueConstraint("item_id", "institution_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))


class PlanImport(NetworkOwned, ImportDraft, db.Model):
    """An uploaded plan waiting in preview (core/import_preview.py): nothing reaches the plan until the user
    confirms."""

    __tablename__ = "plan_imports"
    __table_args__ = (
        ForeignKeyConstraint(["plan_id", "network_id"], ["plans.id", "plans.network_id"], ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(Integer, index=True)


register({
    ItemStatus.PLANNED: _l("Запланировано"),
    ItemStatus.HELD: _l("Проведено"),
    ItemStatus.CANCELLED: _l("Отменено"),
    ItemStatus.MOVED: _l("Перенесено"),
    PlanStatus.DRAFT: _l("Черновик"),
    PlanStatus.SUBMITTED: _l("На согласовании"),
    PlanStatus.APPROVED: _l("Утверждён"),
    PlanStatus.RETURNED: _l("Возвращён на доработку"),
    PlanStatus.REJECTED: _l("Отклонён"),
})


class PlanItemPerson(NetworkOwned, db.Model):
    """A colleague named among an item's responsible (found by name in the free text)."""

    __tablename__ = "plan_item_people"
    __table_args__ = (
        ForeignKeyConstraint(["item_id", "network_id"], ["plan_items.id", "plan_items.network_id"], ondelete="CASCADE"),
        UniqueConstraint("item_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
