"""The demo's approvals by the council: an object submitted a few days before the year's first meeting and approved
there as a question added to its agenda, every seat «за» (the passport, last year's analysis)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tenants.models import Network, Seat
from workspace.accounts.models import User
from workspace.council.models import (
    AgendaItem,
    Approval,
    ApprovalStatus,
    Choice,
    Decision,
    MajorityRule,
    Meeting,
    Outcome,
    QuorumRule,
    Vote,
)
from workspace.extensions import db

SUBMITTED_BY = "zam.vr@sosh31.example"


def approve_at_first_meeting(network: Network, subject_type: str, subject_id: int, title: str, *, comment: str,
                             discussion: str, days_before: int) -> bool:
    """Submit ``subject`` ``days_before`` the network's meeting № 1 and approve it there; False when that meeting
    has not been held by the load day (the caller leaves its object a draft)."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.network_id == network.id, Meeting.number == 1,
                                                      Meeting.closed_at.is_not(None)))
    if meeting is None:
        return False
    author = db.session.scalar(select(User).where(User.email == SUBMITTED_BY))
    submitted = meeting.held_on - timedelta(days=days_before)
    approval = Approval(network_id=network.id, subject_type=subject_type, subject_id=subject_id, round=1, title=title,
                        status=ApprovalStatus.APPROVED, comment=comment,
                        created_at=datetime(submitted.year, submitted.month, submitted.day, 9, 0, tzinfo=UTC),
                        submitted_by_id=author.id, submitted_by_name=author.full_name)
    db.session.add(approval)
    db.session.flush()
    position = (db.session.scalar(select(func.count(AgendaItem.id)).where(AgendaItem.meeting_id == meeting.id))
                or 0) + 1
    item = AgendaItem(network_id=network.id, meeting_id=meeting.id, position=position,
                      title=f"Об утверждении: {approval.title}", approval_id=approval.id, closed_at=meeting.closed_at,
                      discussion=discussion)
    db.session.add(item)
    db.session.flush()
    seats = list(db.session.scalars(select(Seat.id).where(Seat.network_id == network.id).order_by(Seat.id)))
    db.session.add_all(Vote(network_id=network.id, agenda_item_id=item.id, seat_id=seat_id, choice=Choice.FOR,
                            cast_at=meeting.closed_at) for seat_id in seats)
    db.session.add(Decision(network_id=network.id, agenda_item_id=item.id, outcome=Outcome.APPROVED,
                            votes_for=len(seats), seats=len(seats), quorum=QuorumRule.MORE_THAN_HALF,
                            majority=MajorityRule.SIMPLE_OF_CAST, decided_on=meeting.held_on))
    db.session.flush()
    return True
