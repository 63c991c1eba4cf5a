"""The council's work: rules, approval requests, meetings and e-votes, agenda items, votes, decisions.

An e-vote (заочное голосование) is a meeting of kind ``e_vote`` with a deadline: both have a number,
a date, agenda items and minutes. Every owned row carries its network and reaches its parent through a
composite foreign key (parent id, network_id), as the plan tables do.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label, register
from workspace.core.models import CreatedAtMixin, db_enum, utcnow
from workspace.core.text import keep_search_text
from workspace.extensions import db


class QuorumRule(enum.Enum):
    MORE_THAN_HALF = "more_than_half"
    TWO_THIRDS = "two_thirds"
    ALL = "all"


class MajorityRule(enum.Enum):
    SIMPLE_OF_CAST = "simple_of_cast"          # «за» больше половины поданных голосов (воздержались — тоже поданы)
    FOR_OVER_AGAINST = "for_over_against"      # «за» больше, чем «против»; воздержавшиеся не решают
    TWO_THIRDS_OF_CAST = "two_thirds_of_cast"  # «за» не меньше двух третей поданных голосов


class ApprovalStatus(enum.Enum):
    """The lifecycle every approvable object shares (its own status column uses the same values)."""
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"


class MeetingKind(enum.Enum):
    MEETING = "meeting"
    E_VOTE = "e_vote"


class Choice(enum.Enum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Outcome(enum.Enum):
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"


class CouncilRules(NetworkOwned, db.Model):
    """The quorum and majority rules of one network's council (no row: the defaults)."""

    __tablename__ = "council_rules"
    __table_args__ = (UniqueConstraint("network_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quorum: Mapped[QuorumRule] = mapped_column(db_enum(QuorumRule, "quorum_rule"), default=QuorumRule.MORE_THAN_HALF)
    majority: Mapped[MajorityRule] = mapped_column(db_enum(MajorityRule, "majority_rule"),
                                                   default=MajorityRule.SIMPLE_OF_CAST)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return "Правила голосования совета"


class Approval(NetworkOwned, CreatedAtMixin, db.Model):
    """One round of approval of an approvable object (subject_type, subject_id): kept for history."""

    __tablename__ = "approvals"
    __table_args__ = (
        UniqueConstraint("id", "network_id"),
        UniqueConstraint("network_id", "subject_type", "subject_id", "round"),
        Index("ix_approvals_subject", "subject_type", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int] = mapped_column(Integer)
    round: Mapped[int] = mapped_column(Integer, default=1)
    is_amendment: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str] = mapped_column(String(400))
    status: Mapped[ApprovalStatus] = mapped_column(db_enum(ApprovalStatus, "approval_status"),
                                                   default=ApprovalStatus.SUBMITTED)
    comment: Mapped[str] = mapped_column(Text, default="")
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_by_name: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title


class Meeting(NetworkOwned, CreatedAtMixin, db.Model):
    """A council meeting (заседание) or an e-vote (заочное голосование)."""

    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("id", "network_id"), UniqueConstraint("network_id", "number"),
                      # the chronicle reads a network's newest first and stops at a page
                      Index("ix_meetings_network_id_held_on", "network_id", "held_on", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MeetingKind] = mapped_column(db_enum(MeetingKind, "meeting_kind"), default=MeetingKind.MEETING)
    number: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(400), default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    deadline_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # cancelled by whoever manages the council (closed too: it takes no votes); the reason goes to the seats
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # the search words of the place, kept by keep_search_text() below: what the global search matches
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_e_vote(self) -> bool:
        return self.kind == MeetingKind.E_VOTE

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def audit_label(self) -> str:
        return f"№ {self.number}"


class AgendaItem(NetworkOwned, CreatedAtMixin, db.Model):
    """A question of the agenda; with ``approval_id`` it puts an approvable object up for approval."""

    __tablename__ = "agenda_items"
    __table_args__ = (
        ForeignKeyConstraint(["meeting_id", "network_id"], ["meetings.id", "meetings.network_id"], ondelete="CASCADE"),
        ForeignKeyConstraint(["approval_id", "network_id"], ["approvals.id", "approvals.network_id"]),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    approval_id: Mapped[int | None] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(Text)
    discussion: Mapped[str] = mapped_column(Text, default="")  # «Слушали»: what was said, filled by the secretary
    # «Решили»: the decision's wording, as the minutes print it («Принять к сведению…»); filled by the secretary
    decision_wording: Mapped[str] = mapped_column(Text, default="", server_default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the search words of the question, kept by keep_search_text() below: what the global search matches
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def audit_label(self) -> str:
        return self.title[:120]

    def audit_subject(self):
        return Meeting, self.meeting_id


keep_search_text(Meeting, "place")
keep_search_text(AgendaItem, "title")


class Attendance(NetworkOwned, db.Model):
    """A seat marked present at a meeting (those who voted count as present too)."""

    __tablename__ = "meeting_attendances"
    __table_args__ = (
        ForeignKeyConstraint(["meeting_id", "network_id"], ["meetings.id", "meetings.network_id"], ondelete="CASCADE"),
        UniqueConstraint("meeting_id", "seat_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(Integer, index=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id", ondelete="CASCADE"), index=True)


class Vote(NetworkOwned, db.Model):
    """One seat's vote on one agenda item: once per item, changeable until the vote closes."""

    __tablename__ = "votes"
    __table_args__ = (
        ForeignKeyConstraint(["agenda_item_id", "network_id"], ["agenda_items.id", "agenda_items.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("agenda_item_id", "seat_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(Integer, index=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id", ondelete="CASCADE"), index=True)
    choice: Mapped[Choice] = mapped_column(db_enum(Choice, "vote_choice"))
    cast_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def audit_label(self) -> str:
        return f"Голос: {label(self.choice)}"

    def audit_subject(self):
        return AgendaItem, self.agenda_item_id


class Decision(NetworkOwned, CreatedAtMixin, db.Model):
    """The outcome of an agenda item with the counts and the rules applied, as the minutes record it."""

    __tablename__ = "decisions"
    __table_args__ = (
        ForeignKeyConstraint(["agenda_item_id", "network_id"], ["agenda_items.id", "agenda_items.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("agenda_item_id"),
        # the chronicle reads a network's newest first and stops at a page (workspace.chronicle.registry)
        Index("ix_decisions_network_id_decided_on", "network_id", "decided_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[Outcome] = mapped_column(db_enum(Outcome, "decision_outcome"))
    votes_for: Mapped[int] = mapped_column(Integer, default=0)
    votes_against: Mapped[int] = mapped_column(Integer, default=0)
    votes_abstain: Mapped[int] = mapped_column(Integer, default=0)
    seats: Mapped[int] = mapped_column(Integer, default=0)
    quorum: Mapped[QuorumRule] = mapped_column(db_enum(QuorumRule, "quorum_rule"))
    majority: Mapped[MajorityRule] = mapped_column(db_enum(MajorityRule, "majority_rule"))
    remarks: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date] = mapped_column(Date)

    def audit_label(self) -> str:
        return f"Решение: {label(self.outcome)}"

    def audit_subject(self):
        return AgendaItem, self.agenda_item_id


register({
    QuorumRule.MORE_THAN_HALF: _l("проголосовало больше половины членов совета"),
    QuorumRule.TWO_THIRDS: _l("проголосовало не меньше двух третей членов совета"),
    QuorumRule.ALL: _l("проголосовали все члены совета"),
    MajorityRule.SIMPLE_OF_CAST: _l("«за» — больше половины поданных голосов"),
    MajorityRule.FOR_OVER_AGAINST: _l("«за» больше, чем «против» (воздержавшиеся не учитываются)"),
    MajorityRule.TWO_THIRDS_OF_CAST: _l("«за» — не меньше двух третей поданных голосов"),
    ApprovalStatus.DRAFT: _l("Черновик"),
    ApprovalStatus.SUBMITTED: _l("На согласовании"),
    ApprovalStatus.APPROVED: _l("Утверждён"),
    ApprovalStatus.RETURNED: _l("Возвращён на доработку"),
    ApprovalStatus.REJECTED: _l("Отклонён"),
    MeetingKind.MEETING: _l("Заседание"),
    MeetingKind.E_VOTE: _l("Заочное голосование"),
    Choice.FOR: _l("За"),
    Choice.AGAINST: _l("Против"),
    Choice.ABSTAIN: _l("Воздержался"),
    Outcome.APPROVED: _l("Утвердить"),
    Outcome.RETURNED: _l("Вернуть на доработку"),
    Outcome.REJECTED: _l("Отклонить"),
    Outcome.NO_QUORUM: _l("Решение не принято: нет кворума"),
})
