"""Agreements, their parties (two or more member institutions), each party's obligations, signed scans
and links to what an agreement covers (plan sections now; projects and programmes later).

Parties, obligations, files and links carry their network and reach the agreement through a composite
foreign key (agreement_id, network_id), as plan sections reach their plan.

Expiry is computed on read: an active agreement whose end date has passed reads as «Истёк»
(``effective_status``; ``queries.status_filter`` does the same in SQL). Nothing has to run at night.
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
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.dates import local_today
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.stored_files import StoredFile
from workspace.core.text import keep_search_text
from workspace.extensions import db


class AgreementKind(enum.Enum):
    COOPERATION = "cooperation"
    NETWORK_PROGRAMME = "network_programme"
    JOINT_ACTIVITY = "joint_activity"
    OTHER = "other"


class AgreementStatus(enum.Enum):
    DRAFT = "draft"
    SIGNING = "signing"
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class Agreement(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "agreements"
    __table_args__ = (UniqueConstraint("network_id", "number"), UniqueConstraint("id", "network_id"),
                      # the chronicle reads a network's newest first and stops at a page
                      Index("ix_agreements_network_id_activated_at", "network_id", "activated_at", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(50))
    signed_on: Mapped[date] = mapped_column(Date)  # the date written on the agreement
    kind: Mapped[AgreementKind] = mapped_column(db_enum(AgreementKind, "agreement_kind"))
    title: Mapped[str] = mapped_column(String(400))
    subject: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[AgreementStatus] = mapped_column(db_enum(AgreementStatus, "agreement_status"),
                                                    default=AgreementStatus.DRAFT)
    termination_reason: Mapped[str] = mapped_column(Text, default="")
    terminated_on: Mapped[date | None] = mapped_column(Date)
    activated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    is_published: Mapped[bool] = mapped_column(Boolean, default=False)
    search_text: Mapped[str] = mapped_column(Text, default="")  # number, title, subject: keep_search_text()
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return f"№ {self.number} {self.title}"[:200]

    def effective_status(self, today: date | None = None) -> AgreementStatus:
        return effective_status(self.status, self.ends_on, today)


def effective_status(status: AgreementStatus, ends_on: date, today: date | None = None) -> AgreementStatus:
    """An active agreement whose term is over is expired (also for rows read as columns)."""
    if status is AgreementStatus.ACTIVE and ends_on < (today or local_today()):
        return AgreementStatus.EXPIRED
    return status


keep_search_text(Agreement, "number", "title", "subject")


class AgreementParty(NetworkOwned, db.Model):
    """A member institution that is a party; its acceptance (who and when) is recorded here."""

    __tablename__ = "agreement_parties"
    __table_args__ = (
        ForeignKeyConstraint(["agreement_id", "network_id"], ["agreements.id", "agreements.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("agreement_id", "institution_id"),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def audit_label(self) -> str:
        return ""  # the history names the party by its institution (a change of institution_id)

    def audit_subject(self):
        return Agreement, self.agreement_id


class Obligation(NetworkOwned, CreatedAtMixin, db.Model):
    """One line of a party's obligations: what it does, optionally when (month or term as written)."""

    __tablename__ = "agreement_obligations"
    __table_args__ = (
        ForeignKeyConstraint(["agreement_id", "network_id"], ["agreements.id", "agreements.network_id"],
                             ondelete="CASCADE"),
        ForeignKeyConstraint(["party_id", "network_id"], ["agreement_parties.id", "agreement_parties.network_id"],
                             ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(Integer, index=True)
    party_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    term: Mapped[str] = mapped_column(String(100), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.text[:120]

    def audit_subject(self):
        return Agreement, self.agreement_id


class AgreementFile(NetworkOwned, StoredFile, db.Model):
    """The signed scan (PDF or photo), kept in the database like event report files."""

    __tablename__ = "agreement_files"
    __table_args__ = (
        ForeignKeyConstraint(["agreement_id", "network_id"], ["agreements.id", "agreements.network_id"],
                             ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(Integer, index=True)

    def audit_subject(self):
        return Agreement, self.agreement_id


class AgreementLink(NetworkOwned, db.Model):
    """What the agreement covers: (kind, id) of an object of the same network: ``plan_section``, ``project``
    or ``programme`` (``links.LINKABLE`` names them)."""

    __tablename__ = "agreement_links"
    __table_args__ = (
        ForeignKeyConstraint(["agreement_id", "network_id"], ["agreements.id", "agreements.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("agreement_id", "target_kind", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(Integer, index=True)
    target_kind: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[int] = mapped_column(Integer)

    def audit_label(self) -> str:
        return str(LINK_KINDS.get(self.target_kind, self.target_kind))

    def audit_subject(self):
        return Agreement, self.agreement_id


LINK_KINDS = {"plan_section": _l("Раздел плана"), "project": _l("Сетевой проект"), "programme": _l("Программа")}


register({
    AgreementKind.COOPERATION: _l("О сотрудничестве"),
    AgreementKind.NETWORK_PROGRAMME: _l("О сетевой форме реализации образовательной программы"),
    AgreementKind.JOINT_ACTIVITY: _l("О совместной деятельности"),
    AgreementKind.OTHER: _l("Иное"),
    AgreementStatus.DRAFT: _l("Черновик"),
    AgreementStatus.SIGNING: _l("На подписании"),
    AgreementStatus.ACTIVE: _l("Действует"),
    AgreementStatus.EXPIRED: _l("Истёк"),
    AgreementStatus.TERMINATED: _l("Расторгнут"),
})
